//! Real export restrictions and trade measures, ready to add to a scenario
//! (../shared/DOMAIN.md lists the events and sources), dated as of
//! [`STATUS_AS_OF`]. Each [`Preset`] carries its source, the date of the
//! measure, what was known of it on that date (in force, suspended until…,
//! ended, not known after…), and the event itself, whose notes say the same
//! in the file. The size of each effect (months of delay, % refused) is an
//! illustrative reading of the measure, to adjust; a % cut or a world
//! price response is calibrated, and its notes give the figures.
//!
//! Measures not in force are kept only as what-ifs: disabled when added,
//! with a name that says so. Where a suspension ran out and no source says
//! what followed, the measure's return is a what-if and the plan without it
//! is the other branch; nothing after the date is invented.
//!
//! Market price responses: China's controls reach buyers who buy nothing
//! from China through the world price (antimony in Rotterdam +50 % after
//! the December 2024 ban). The what-ifs of a measure's return carry the
//! calibrated move as the event's `world_price_pct`; the price-response
//! presets are the same moves alone, as market-wide price shocks to start
//! where a plan's prices do not already hold them.
//!
//! Not presets: the IEEPA tariffs (fentanyl, "reciprocal", the +100 %
//! threatened in October 2025), struck down by the US Supreme Court on 20
//! February 2026 (Learning Resources v. Trump, 6–3); the Section 122
//! surcharge of 10 % that followed (24 Feb–24 Jul 2026) exempted critical
//! minerals; Section 232 on processed critical minerals set no tariff
//! (Proclamation 11001, 14 Jan 2026, negotiations for 180 days; that
//! window ended about 13 Jul 2026, and what followed was not found).
//!
//! A measure of China or the DRC hits the countries' exports, so a preset
//! naming a country targets the **feed origin**: each supplier is hit for
//! the share of its feed from that country (a refiner in Japan processing
//! Philippine ore is not hit by a DRC quota; one with 40 % DRC feed is hit
//! on 40 %), and a supplier without a feed list counts its country, or its
//! name, as its one origin, so a supplier named "China" is hit in full as
//! before.

use super::disruption::{Disruption, DisruptionKind, EventTarget};
use super::month::YearMonth;

/// The day the library's statuses were last checked against the sources.
pub const STATUS_AS_OF: &str = "2026-12-06";

/// One measure of the library, with where it comes from and what was known
/// of it on [`STATUS_AS_OF`].
#[derive(Clone, Debug, PartialEq)]
pub struct Preset {
    /// The event as it is added to a scenario; its notes end with the
    /// source and the status.
    pub event: Disruption,
    /// The measure's text or the reports of it, with their dates.
    pub source: &'static str,
    /// When the measure was announced or the price move observed
    /// (YYYY-MM-DD).
    pub dated: &'static str,
    /// What was known of it on [`STATUS_AS_OF`], in a few words with dates.
    pub status: &'static str,
    /// The last day the source says the measure is set for (YYYY-MM-DD),
    /// where it says one: the event's window may not end before its month
    /// (in whole months, the month before it at the earliest).
    pub source_until: Option<&'static str>,
}

impl Preset {
    fn new(
        event: Disruption,
        source: &'static str,
        dated: &'static str,
        status: &'static str,
    ) -> Self {
        let notes = format!(
            "{} Source: {source}. Status as of {STATUS_AS_OF}: {status}.",
            event.notes
        );
        Preset {
            event: Disruption { notes, ..event },
            source,
            dated,
            status,
            source_until: None,
        }
    }

    fn until(self, day: &'static str) -> Self {
        Preset {
            source_until: Some(day),
            ..self
        }
    }
}

fn event(
    name: &str,
    notes: &str,
    kind: DisruptionKind,
    supplier: &str,
    minerals: &[&str],
    start: (i32, u32),
    end: Option<(i32, u32)>,
) -> Disruption {
    Disruption {
        name: name.into(),
        notes: notes.into(),
        enabled: true,
        kind,
        supplier: supplier.into(),
        target: if supplier.is_empty() {
            EventTarget::Supplier
        } else {
            EventTarget::FeedOrigin
        },
        minerals: minerals.iter().map(|m| m.to_string()).collect(),
        start: YearMonth::new(start.0, start.1),
        end: end.map(|(y, m)| YearMonth::new(y, m)),
        resourcing_premium_pct: 0.0,
        world_price_pct: 0.0,
        probability_pct: 100.0,
        start_range: None,
    }
}

/// A measure that is not in force: added disabled, to switch on and compare.
fn what_if(
    name: &str,
    notes: &str,
    kind: DisruptionKind,
    supplier: &str,
    minerals: &[&str],
    start: (i32, u32),
    end: Option<(i32, u32)>,
) -> Disruption {
    Disruption {
        enabled: false,
        ..event(name, notes, kind, supplier, minerals, start, end)
    }
}

/// The seven medium and heavy rare earths of China's April 2025 controls.
pub const APRIL_2025_RARE_EARTHS: [&str; 7] = [
    "Samarium",
    "Gadolinium",
    "Terbium",
    "Dysprosium",
    "Lutetium",
    "Scandium",
    "Yttrium",
];

/// The five rare earths of China's announcement No. 57 (October 2025).
pub const OCTOBER_2025_RARE_EARTHS: [&str; 5] =
    ["Holmium", "Erbium", "Thulium", "Europium", "Ytterbium"];

/// The February 2025 list.
pub const FEBRUARY_2025_METALS: [&str; 5] =
    ["Tungsten", "Tellurium", "Bismuth", "Molybdenum", "Indium"];

/// The events of the library, in its order (what `Scenario::add_preset`
/// numbers).
pub fn all() -> Vec<Disruption> {
    library().into_iter().map(|p| p.event).collect()
}

/// A market-wide price move of `pct` % on `mineral` from `start`, as a
/// disabled what-if.
fn price_response(
    name: &str,
    notes: &str,
    pct: f64,
    mineral: &str,
    start: (i32, u32),
) -> Disruption {
    what_if(
        name,
        notes,
        DisruptionKind::PriceShockPct(pct),
        "",
        &[mineral],
        start,
        None,
    )
}

/// The return of China's December 2024 ban of `mineral` exports to the US
/// from December 2026, with its world price response.
fn us_ban_returns(mineral: &str, world_price_pct: f64, calibration: &str) -> Disruption {
    Disruption {
        world_price_pct,
        ..what_if(
            &format!(
                "What-if: China's ban on {} exports to the US returns (Dec 2026), world price {world_price_pct:+}%",
                mineral.to_lowercase()
            ),
            &format!(
                "Not in force: disabled by default. Clause 2 of MOFCOM announcement No. 46 (3 December 2024) barred exports of gallium, germanium and antimony to the United States; announcement No. 72 (9 November 2025) suspended it until 27 November 2026. No source found says whether the suspension was extended: this is the branch in which the ban returns, from 28 November 2026 (in whole months from December 2026); the other branch is the plan without this event. It hits Chinese feed (none in a plan whose refiners run on other ore) and moves the world price by {world_price_pct:+}% for every supplier while it lasts: {calibration}"
            ),
            DisruptionKind::ExportBan,
            "China",
            &[mineral],
            (2026, 12),
            None,
        )
    }
}

/// The preset library, oldest first; what-ifs (disabled) after the measure
/// they extend, the price responses last.
pub fn library() -> Vec<Preset> {
    use DisruptionKind::*;
    vec![
        Preset::new(
            event(
                "China licenses gallium and germanium exports (Aug 2023)",
                "China required export licences for gallium and germanium from 1 August 2023. Licences officially take 45 working days, often longer; +2 months and 20% refused are illustrative.",
                LicensingDelay {
                    extra_lead_time_months: 2,
                    refused_pct: 20.0,
                },
                "China",
                &["Gallium", "Germanium"],
                (2023, 8),
                None,
            ),
            "MOFCOM and General Administration of Customs announcement No. 23 of 2023, 3 Jul 2023 (China Justice Observer; Covington)",
            "2023-07-03",
            "in force: not among the measures suspended in November 2025 (Nos. 70 and 72); last confirmed in force in January 2026 (rawmaterials.net, 20 Jan 2026); nothing found since, either way",
        ),
        Preset::new(
            event(
                "China licenses graphite exports (Dec 2023)",
                "Export licences for high-purity, high-strength, high-density synthetic graphite and for natural flake graphite and its products (spherical, expanded graphite) from 1 December 2023. The suspended No. 58 of October 2025 is a separate control on graphite anode materials. +2 months and 20% refused are illustrative: no refusal rate is published.",
                LicensingDelay {
                    extra_lead_time_months: 2,
                    refused_pct: 20.0,
                },
                "China",
                &["Graphite"],
                (2023, 12),
                None,
            ),
            "MOFCOM and General Administration of Customs announcement of 20 Oct 2023 (Xinhua, 20 Oct 2023; IEA policy database)",
            "2023-10-20",
            "in force: not among the measures suspended in November 2025; licences are renewed every six months (IEA)",
        ),
        Preset::new(
            event(
                "China licenses antimony exports (Sep 2024)",
                "Export licensing for antimony products (and superhard materials) from 15 September 2024. +2 months and 30% refused are illustrative.",
                LicensingDelay {
                    extra_lead_time_months: 2,
                    refused_pct: 30.0,
                },
                "China",
                &["Antimony"],
                (2024, 9),
                None,
            ),
            "MOFCOM and General Administration of Customs announcement No. 33 of 2024, 15 Aug 2024 (Reuters)",
            "2024-08-15",
            "in force: not among the measures suspended in November 2025; antimony exports also need a state trading qualification for 2026-2027 (MOFCOM announcement No. 68 of 2025)",
        ),
        Preset::new(
            event(
                "China bans gallium, germanium and antimony exports to the US (Dec 2024, suspended Nov 2025)",
                "Clause 2 of MOFCOM announcement No. 46 of 3 December 2024: exports of gallium, germanium and antimony (and superhard materials) to the United States not permitted in principle. Suspended from 9 November 2025 (announcement No. 72); in force until 8 November 2025, so in whole months the last month counted is October 2025. The ban on US military end users (clause 1) is kept: see its own preset. Its return after the suspension is a what-if per mineral, with the world price move it caused.",
                ExportBan,
                "China",
                &["Gallium", "Germanium", "Antimony"],
                (2024, 12),
                Some((2025, 10)),
            ),
            "MOFCOM announcement No. 46, 3 Dec 2024 (Reuters); MOFCOM announcement No. 72, 9 Nov 2025 (Fastmarkets; Business Times)",
            "2024-12-03",
            "suspended from 9 Nov 2025 until 27 Nov 2026; not known after 27 Nov 2026 (no source found on an extension)",
        )
        .until("2025-11-08"),
        Preset::new(
            event(
                "China bans dual-use exports to US military end users (Dec 2024, kept in Nov 2025)",
                "Clause 1 of MOFCOM announcement No. 46 of 3 December 2024: dual-use items may not be exported to US military end users or for military uses. Kept when the ban on the US at large was suspended on 9 November 2025. The preset assumes that purchases for the National Defense Stockpile (a Defense Logistics Agency buy) count as military end use, and names the minerals of the same announcement; the clause covers every dual-use item, so other controlled minerals (graphite, the February 2025 metals, the April 2025 rare earths) may be hit as well: add them if your reading of the rules says so.",
                ExportBan,
                "China",
                &["Gallium", "Germanium", "Antimony"],
                (2024, 12),
                None,
            ),
            "MOFCOM announcement No. 46, 3 Dec 2024 (Reuters); not suspended by No. 72 of 9 Nov 2025 (Fastmarkets; Evertiq, 10 Nov 2025)",
            "2024-12-03",
            "in force: clause 1 was not suspended",
        ),
        Preset::new(
            us_ban_returns(
                "Antimony",
                50.0,
                "antimony regulus in Rotterdam went from $39,500-40,000/t on 31 Dec 2024 (Reuters, 6 Jan 2025) to $59,500-61,000/t on 24 Jun 2025 (Argus), +50%, after the ban on the US and the licensing of Sep 2024. The move is from the price before the ban: a plan priced while the ban was in force (before November 2025) already holds it, and should use less, down to none.",
            ),
            "MOFCOM announcements No. 46 (3 Dec 2024) and No. 72 (9 Nov 2025); prices: Reuters, 6 Jan 2025; Argus, 24 Jun 2025",
            "2025-11-09",
            "suspended until 27 Nov 2026 (MOFCOM No. 72); what followed is not known after that date, so its return is a branch to switch on",
        ),
        Preset::new(
            us_ban_returns(
                "Gallium",
                114.0,
                "gallium 99.99% in Rotterdam went from $250-265/kg on 30 Jun 2023 to $500-600/kg on 15 Dec 2023 (Fastmarkets), +114%, after China's licensing of August 2023. After the December 2024 ban the US import value rose from $439/kg (2024) to $580/kg (2025, USGS Mineral Commodity Summaries 2026), +32%, and Argus put gallium in Europe and the US at $1,600/kg on 22 Jan 2026, the highest since 2002 (via ibnews, 29 Jan 2026): +114% is the move of a control's first months, between those two.",
            ),
            "MOFCOM announcements No. 46 (3 Dec 2024) and No. 72 (9 Nov 2025); prices: Fastmarkets, 30 Jun and 15 Dec 2023; USGS Mineral Commodity Summaries 2026; Argus, 22 Jan 2026",
            "2025-11-09",
            "suspended until 27 Nov 2026 (MOFCOM No. 72); what followed is not known after that date, so its return is a branch to switch on",
        ),
        Preset::new(
            us_ban_returns(
                "Germanium",
                106.0,
                "germanium metal in Europe averaged $1,991/kg in 2024 and about $4,100/kg in 2025 (USGS Mineral Commodity Summaries 2026, from Argus), +106%, the year after the ban on the US.",
            ),
            "MOFCOM announcements No. 46 (3 Dec 2024) and No. 72 (9 Nov 2025); prices: USGS Mineral Commodity Summaries 2026 (6 Feb 2026)",
            "2025-11-09",
            "suspended until 27 Nov 2026 (MOFCOM No. 72); what followed is not known after that date, so its return is a branch to switch on",
        ),
        Preset::new(
            event(
                "China controls tungsten, tellurium, bismuth, molybdenum and indium exports (Feb 2025)",
                "Export licensing for items related to tungsten, tellurium, bismuth, molybdenum and indium from 4 February 2025, the day it was announced. +2 months and 25% refused are illustrative: no refusal rate is published.",
                LicensingDelay {
                    extra_lead_time_months: 2,
                    refused_pct: 25.0,
                },
                "China",
                &FEBRUARY_2025_METALS,
                (2025, 2),
                None,
            ),
            "MOFCOM and General Administration of Customs announcement No. 10 of 2025, 4 Feb 2025 (Xinhua; Reuters)",
            "2025-02-04",
            "in force: not among the measures suspended in November 2025; tungsten exports also need a state trading qualification for 2026-2027 (MOFCOM announcement No. 68 of 2025)",
        ),
        Preset::new(
            event(
                "DRC suspends cobalt exports (Feb 2025)",
                "The DRC suspended cobalt exports from 22 February 2025 for four months, extended by three months in June; the suspension ended on 15 October 2025 and quotas followed from 16 October 2025. In whole months the last month counted is October 2025: the first cargoes under quota left in December 2025.",
                ExportBan,
                "DRC",
                &["Cobalt"],
                (2025, 2),
                Some((2025, 10)),
            ),
            "ARECOMS decisions 001/ARECOMS/2025 (22 Feb 2025) and 004/ARECOMS/2025 (Sep 2025); Reuters; AFP, 21 Jun 2025",
            "2025-02-22",
            "ended on 15 Oct 2025, replaced by quotas",
        )
        .until("2025-10-15"),
        Preset::new(
            event(
                "DRC cobalt export quotas (Oct 2025 to 2027)",
                "Quotas from 16 October 2025: 18,125 t of cobalt in Q4 2025, then 96,600 t a year in 2026 and 2027 (87,000 t basic plus 9,600 t strategic, held by ARECOMS), against 230,000 t mined in the DRC in 2025 (USGS Mineral Commodity Summaries 2026): a cut of about 58% of its output. ARECOMS may revise quotas quarterly. The first cargoes under quota left in December 2025. Its continuation after 2027 is a what-if.",
                ExportCutPct(58.0),
                "DRC",
                &["Cobalt"],
                (2025, 10),
                Some((2027, 12)),
            ),
            "ARECOMS decisions 004 and 005/ARECOMS/2025 (Sep-Oct 2025; SMM; Reuters); USGS Mineral Commodity Summaries 2026",
            "2025-10-10",
            "in force: quotas set for 2026 and 2027; Q4 2025 quotas usable until 31 Mar 2026 (ARECOMS, 31 Dec 2025); shipments after March 2026 not known",
        )
        .until("2027-12-31"),
        Preset::new(
            what_if(
                "What-if: DRC cobalt export quotas continue after 2027",
                "Not in force: disabled by default. The quotas are set for 2026 and 2027 (96,600 t a year, about 58% below the DRC's 2025 output); no source says what follows. This is the branch in which they go on from January 2028 at the same level; the other is the plan without this event.",
                ExportCutPct(58.0),
                "DRC",
                &["Cobalt"],
                (2028, 1),
                None,
            ),
            "ARECOMS decision 005/ARECOMS/2025 (Oct 2025; SMM; Reuters)",
            "2025-10-10",
            "not known after 2027",
        ),
        Preset::new(
            event(
                "China licenses seven rare earths: samarium, gadolinium, terbium, dysprosium, lutetium, scandium, yttrium (Apr 2025)",
                "Export licensing from 4 April 2025 for samarium, gadolinium, terbium, dysprosium, lutetium, scandium and yttrium (metals, alloys, oxides, compounds, samarium-cobalt magnets). Dysprosium and terbium exports fell to zero in May 2025 and were 35-38% below 2024 over the year (customs data, rawmaterials.net). Neodymium and praseodymium (NdPr) are not on the list, so a mineral named only \"Rare earths\" or \"NdPr oxide\" is not hit: name the element in the mineral (\"Dysprosium oxide\") for it to be. +3 months and 50% refused are illustrative.",
                LicensingDelay {
                    extra_lead_time_months: 3,
                    refused_pct: 50.0,
                },
                "China",
                &APRIL_2025_RARE_EARTHS,
                (2025, 4),
                None,
            ),
            "MOFCOM and General Administration of Customs announcement No. 18 of 2025, 4 Apr 2025 (Holland & Knight; Reuters)",
            "2025-04-04",
            "in force: not suspended in November 2025; general licences for some exporters from December 2025 (MOFCOM, 18 Dec 2025); last confirmed in force in January 2026, nothing found since, either way",
        ),
        Preset::new(
            what_if(
                "What-if: China licenses holmium, erbium, thulium, europium, ytterbium (No. 57 of Oct 2025, suspended until Nov 2026)",
                "Not in force: disabled by default. Announcement No. 57 of 9 October 2025 put holmium, erbium, thulium, europium and ytterbium under export licensing from 8 November 2025; announcement No. 70 of 7 November 2025 suspended it (with Nos. 55, 56, 58, 61 and 62) until 10 November 2026, so it never took effect. No source found says whether the suspension was extended: this is the branch in which it applies from 11 November 2026, in whole months from December 2026. +3 months and 50% refused are illustrative, as for the April 2025 list.",
                LicensingDelay {
                    extra_lead_time_months: 3,
                    refused_pct: 50.0,
                },
                "China",
                &OCTOBER_2025_RARE_EARTHS,
                (2026, 12),
                None,
            ),
            "MOFCOM and General Administration of Customs announcements No. 57 (9 Oct 2025) and No. 70 (7 Nov 2025) (UDN, 8 Nov 2025; ChemRadar)",
            "2025-10-09",
            "suspended until 10 Nov 2026; not known after 10 Nov 2026",
        ),
        Preset::new(
            what_if(
                "What-if: China requires clearance for foreign-made products with 0.1% Chinese rare earths (No. 61 of Oct 2025, suspended until Nov 2026)",
                "Not in force: disabled by default. Announcement No. 61 of 9 October 2025 required a licence for foreign-made magnets, targets and other items with 0.1% or more by value of Chinese samarium, dysprosium, gadolinium, terbium, lutetium, scandium or yttrium, those clauses from 1 December 2025, and refused military end users in principle; announcement No. 70 of 7 November 2025 suspended it until 10 November 2026, before the foreign-made clauses began. No source found says whether the suspension was extended: this is the branch in which it applies from 11 November 2026, in whole months from December 2026. It covers foreign-made items containing Chinese-origin rare earths, or made with Chinese technology, so it hits each supplier for the share of its feed from China: a refiner of non-Chinese ore by its own process is not hit. +3 months and 30% refused are illustrative; for a defence buyer (a military end user) a refusal is likelier.",
                LicensingDelay {
                    extra_lead_time_months: 3,
                    refused_pct: 30.0,
                },
                "China",
                &APRIL_2025_RARE_EARTHS,
                (2026, 12),
                None,
            ),
            "MOFCOM announcements No. 61 (9 Oct 2025; UDN, 9 Oct 2025) and No. 70 (7 Nov 2025)",
            "2025-10-09",
            "suspended until 10 Nov 2026; not known after 10 Nov 2026",
        ),
        Preset::new(
            Disruption {
                // A US tariff taxes goods imported from China: it hits the
                // refiners and sellers in China (country of supply), not
                // Chinese ore refined elsewhere.
                target: EventTarget::Country,
                ..event(
                    "US Section 301 tariff of 25% on Chinese critical minerals (Sep 2024)",
                    "25% on listed critical minerals from China from 27 September 2024: tungsten products, tantalum, indium, tin, zinc, manganese ores, chromium ores and others; cobalt ores and concentrates are listed, refined cobalt is not, and antimony, gallium, germanium and rare earths are not on the list. It hits suppliers in China (their country of supply), not refiners elsewhere that process Chinese ore. Untouched by the Supreme Court's ruling on IEEPA tariffs (20 Feb 2026).",
                    TariffPct(25.0),
                    "China",
                    &["Tungsten", "Tantalum", "Indium", "Tin", "Zinc", "Manganese", "Chromium"],
                    (2024, 9),
                    None,
                )
            },
            "USTR, final determination of the four-year review, 13 Sep 2024 (Mondaq; Project Blue)",
            "2024-09-13",
            "in force; some exclusions extended to 10 Nov 2026 (White House fact sheet, 1 Nov 2025)",
        ),
        Preset::new(
            Disruption {
                target: EventTarget::Country,
                ..event(
                    "US Section 301 tariff of 25% on Chinese natural graphite and permanent magnets (Jan 2026)",
                    "25% on natural graphite and permanent magnets from China from 2026 (the second step of the four-year review: 0% until then). Hits suppliers in China (their country of supply).",
                    TariffPct(25.0),
                    "China",
                    &["Natural graphite", "Magnets"],
                    (2026, 1),
                    None,
                )
            },
            "USTR, final determination of the four-year review, 13 Sep 2024 (Great Lakes Customs Law; Mondaq)",
            "2024-09-13",
            "in force from 1 Jan 2026",
        ),
        Preset::new(
            what_if(
                "What-if: gallium price +150% under a total Chinese ban (USGS estimate)",
                "Not in force: disabled by default. USGS estimated that a total Chinese export ban would raise gallium prices by more than 150%. No total ban has been imposed; the start month (December 2026) is only a default, to move.",
                PriceShockPct(150.0),
                "",
                &["Gallium"],
                (2026, 12),
                None,
            ),
            "USGS Open-File Report 2024-1057 (15 Oct 2024; USGS release, 19 Nov 2024)",
            "2024-10-15",
            "an estimate, not a measure",
        ),
        Preset::new(
            what_if(
                "What-if: germanium price +26% under a total Chinese ban (USGS estimate)",
                "Not in force: disabled by default. USGS estimated that a total Chinese export ban would raise germanium prices by about 26%. No total ban has been imposed; the start month (December 2026) is only a default, to move.",
                PriceShockPct(26.0),
                "",
                &["Germanium"],
                (2026, 12),
                None,
            ),
            "USGS Open-File Report 2024-1057 (15 Oct 2024; USGS release, 19 Nov 2024)",
            "2024-10-15",
            "an estimate, not a measure",
        ),
        Preset::new(
            price_response(
                "Price response: antimony +50% as after China's Dec 2024 ban",
                "Not in force: disabled by default. A market-wide move calibrated on Rotterdam antimony: $39,500-40,000/t on 31 Dec 2024 (Reuters) to $59,500-61,000/t on 24 Jun 2025 (Argus), after China's licensing (Sep 2024) and ban on the US (Dec 2024). Start it where the plan's price does not already hold it (default December 2026, when the suspended ban could return); give it a chance and a start range for the bands.",
                50.0,
                "Antimony",
                (2026, 12),
            ),
            "Reuters, 6 Jan 2025; Argus, 24 Jun 2025",
            "2025-06-24",
            "a calibrated price move, not a measure",
        ),
        Preset::new(
            price_response(
                "Price response: dysprosium +200% as in Europe after China's Apr 2025 licensing",
                "Not in force: disabled by default. Dysprosium oxide 99.5% in Europe went from $250-310/kg in early April 2025 to $700-1,000/kg on 6 May 2025 (Argus), about +200% at the middle of the ranges, while China's domestic price stayed flat (SMM). Little metal traded at the European quotes (Adamas Intelligence), so the move is an upper reading for a buyer outside China. Start it where the plan's price does not already hold it (default December 2026).",
                200.0,
                "Dysprosium",
                (2026, 12),
            ),
            "Argus, 6 May 2025 (via gmteight.com); SMM, 6 May 2025; Adamas Intelligence",
            "2025-05-06",
            "a calibrated price move, not a measure",
        ),
        Preset::new(
            price_response(
                "Price response: terbium +210% as in Europe after China's Apr 2025 licensing",
                "Not in force: disabled by default. Terbium oxide 99.99% in Europe went from $930-1,000/kg in early April 2025 to $2,000-4,000/kg on 6 May 2025 (Argus), about +210% at the middle of the ranges, while China's domestic price stayed flat (SMM). Start it where the plan's price does not already hold it (default December 2026).",
                210.0,
                "Terbium",
                (2026, 12),
            ),
            "Argus, 6 May 2025 (via gmteight.com); SMM, 6 May 2025",
            "2025-05-06",
            "a calibrated price move, not a measure",
        ),
        Preset::new(
            price_response(
                "Price response: tungsten +51% as after China's Feb 2025 controls",
                "Not in force: disabled by default. Tungsten concentrate in Rotterdam averaged $252/dmtu in 2024 and $380/dmtu in 2025 (USGS Mineral Commodity Summaries 2026, from Argus), +51%; APT spot rose much further, from about $400/mtu in May 2025 to $1,000-1,050 in January 2026 and a $3,000 transaction on 13 March 2026 (Reuters; SMM), so +51% is the annual, lower reading. Start it where the plan's price does not already hold it (default December 2026).",
                51.0,
                "Tungsten",
                (2026, 12),
            ),
            "USGS Mineral Commodity Summaries 2026 (6 Feb 2026); SMM, Jan and 13 Mar 2026; Reuters, 15 May 2025",
            "2026-02-06",
            "a calibrated price move, not a measure",
        ),
        Preset::new(
            price_response(
                "Price response: bismuth +500% as in Europe after China's Feb 2025 controls",
                "Not in force: disabled by default. Bismuth in Europe went from about $6/lb in late January 2025 to about $40/lb on 19 March 2025 (Reuters); Fastmarkets had 99.99% in-warehouse Rotterdam at $30-36/lb on 21 March 2025: +400% to +567% from $6/lb; +500% is used. Start it where the plan's price does not already hold it (default December 2026).",
                500.0,
                "Bismuth",
                (2026, 12),
            ),
            "Reuters, 21 Feb and 19 Mar 2025; Fastmarkets, 21 Mar 2025",
            "2025-03-19",
            "a calibrated price move, not a measure",
        ),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn named(start: &str) -> Disruption {
        all()
            .into_iter()
            .find(|d| d.name.starts_with(start))
            .unwrap_or_else(|| panic!("no preset named {start}…"))
    }

    #[test]
    fn every_preset_cites_a_source_and_has_a_sane_window() {
        for d in all() {
            assert!(d.notes.contains('('), "{}: no source in the notes", d.name);
            assert!(d.notes.contains("20"), "{}: no date in the notes", d.name);
            if let Some(end) = d.end {
                assert!(d.start <= end, "{}", d.name);
            }
        }
    }

    #[test]
    fn measures_not_in_force_are_disabled_what_ifs() {
        for d in all() {
            let what_if = d.name.starts_with("What-if") || d.name.starts_with("Price response");
            assert_eq!(d.enabled, !what_if, "{}", d.name);
            assert_eq!(d.notes.starts_with("Not in force"), what_if, "{}", d.name);
        }
        // The IEEPA tariffs were struck down (20 Feb 2026): no preset.
        assert!(all().iter().all(|d| !d.name.contains("+100% tariff")));
    }

    /// A day as written in the library: `2026-11-27`.
    fn day(text: &str) -> (i32, u32, u32) {
        let parts: Vec<&str> = text.split('-').collect();
        assert_eq!(parts.len(), 3, "{text}");
        let (y, m, d) = (
            parts[0].parse().unwrap(),
            parts[1].parse().unwrap(),
            parts[2].parse().unwrap(),
        );
        assert!((2000..=2030).contains(&y) && (1..=12).contains(&m) && (1..=31).contains(&d));
        (y, m, d)
    }

    #[test]
    fn every_preset_has_a_source_a_date_and_a_status_as_of_the_library_date() {
        let as_of = day(STATUS_AS_OF);
        assert_eq!(as_of, (2026, 12, 6));
        for p in library() {
            let name = &p.event.name;
            assert!(p.source.len() > 10, "{name}: no source");
            assert!(day(p.dated) <= as_of, "{name}: dated after the status date");
            assert!(p.status.len() > 5, "{name}: no status");
            assert!(
                p.event
                    .notes
                    .ends_with(&format!("Status as of {STATUS_AS_OF}: {}.", p.status)),
                "{name}: the notes in the file do not say the status"
            );
            assert!(p.event.notes.contains(p.source), "{name}");
        }
    }

    #[test]
    fn no_preset_window_ends_before_its_source_says() {
        for p in library() {
            let Some(until) = p.source_until else {
                continue;
            };
            let (y, m, _) = day(until);
            // In whole months: at the earliest the month before the last
            // day's month (a measure lifted on the 9th is not counted in
            // that month).
            let earliest = YearMonth::new(y, m).plus_months(-1);
            if let Some(end) = p.event.end {
                assert!(
                    end >= earliest,
                    "{}: ends {end}, source {until}",
                    p.event.name
                );
            }
        }
        // And a suspension that ran out is never shown as still running:
        // what follows it is a what-if, said to be unknown.
        for p in library() {
            if p.status.contains("not known after") && p.event.start.year >= 2026 {
                assert!(!p.event.enabled, "{}", p.event.name);
            }
        }
    }

    #[test]
    fn a_returning_ban_moves_the_world_price_by_its_calibrated_move() {
        let antimony = named("What-if: China's ban on antimony exports to the US returns");
        assert_eq!(antimony.world_price_pct, 50.0);
        assert_eq!(antimony.target, EventTarget::FeedOrigin);
        assert!(
            antimony.notes.contains("$39,500-40,000/t")
                && antimony.notes.contains("$59,500-61,000/t")
        );
        assert_eq!(antimony.start, YearMonth::new(2026, 12));
        for (name, pct) in [("gallium", 114.0), ("germanium", 106.0)] {
            let d = named(&format!(
                "What-if: China's ban on {name} exports to the US returns"
            ));
            assert_eq!(d.world_price_pct, pct, "{name}");
        }
        // Price responses alone are market-wide shocks with their figures.
        for d in all()
            .iter()
            .filter(|d| d.name.starts_with("Price response"))
        {
            assert!(d.is_market_price_shock(), "{}", d.name);
            assert!(d.notes.contains('$'), "{}: no prices", d.name);
        }
    }

    #[test]
    fn suspensions_of_november_2025_end_the_measures() {
        // Suspended from 9 November 2025: the last whole month is October.
        let ban = named("China bans gallium, germanium and antimony exports to the US");
        assert_eq!(ban.end, Some(YearMonth::new(2025, 10)));
        // The ban on US military end users is kept.
        let military = named("China bans dual-use exports to US military end users");
        assert!(military.enabled && military.end.is_none());
        // The DRC suspension ended on 15 October 2025.
        assert_eq!(
            named("DRC suspends cobalt exports").end,
            Some(YearMonth::new(2025, 10))
        );
        // Announcements 57 and 61 are suspended until 10 November 2026: in
        // whole months, their branch starts in December, as the US ban's.
        for start in [
            "What-if: China licenses holmium",
            "What-if: China requires clearance",
        ] {
            let d = named(start);
            assert_eq!(d.start, YearMonth::new(2026, 12), "{start}");
            assert!(!d.enabled);
        }
    }

    #[test]
    fn the_new_controls_list_their_minerals() {
        let graphite = named("China licenses graphite exports (Dec 2023)");
        assert_eq!(graphite.start, YearMonth::new(2023, 12));
        assert!(graphite.hits_mineral("Graphite (spherical)"));
        let february = named("China controls tungsten, tellurium, bismuth, molybdenum and indium");
        assert_eq!(february.start, YearMonth::new(2025, 2));
        for m in ["Tungsten", "Tellurium", "Bismuth", "Molybdenum", "Indium"] {
            assert!(february.hits_mineral(m), "{m}");
        }
        assert!(!february.hits_mineral("Cobalt"));
    }

    #[test]
    fn rare_earth_presets_hit_only_the_elements_they_list() {
        let april = named("China licenses seven rare earths");
        assert_eq!(april.minerals.len(), 7);
        assert!(april.hits_mineral("Scandium"));
        assert!(april.hits_mineral("Dysprosium oxide"));
        // NdPr is not on the April 2025 list.
        assert!(!april.hits_mineral("Rare earths (NdPr oxide)"));
        assert!(!april.hits_mineral("Holmium"));
        // What-ifs hit nothing until enabled.
        let mut no57 = named("What-if: China licenses holmium");
        assert!(!no57.hits_mineral("Holmium"));
        no57.enabled = true;
        assert!(no57.hits_mineral("Holmium") && !no57.hits_mineral("Dysprosium"));
        // Its annex lists the seven elements of April 2025.
        let no61 = named("What-if: China requires clearance");
        assert_eq!(no61.minerals.len(), 7);
        // Chinese-origin content: it hits Chinese feed, not every supplier.
        assert_eq!(no61.supplier, "China");
        assert_eq!(no61.target, EventTarget::FeedOrigin);
    }
}
