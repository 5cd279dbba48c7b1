//! Real export restrictions and trade measures, ready to add to a scenario
//! (../shared/DOMAIN.md lists the events and sources). Each carries its date,
//! its end where it was lifted or suspended, and a note citing its source;
//! the size of each effect (months of delay, % refused, % cut) is an
//! illustrative reading of the measure, to adjust.
//!
//! Measures that were announced or threatened but never took effect (the
//! +100 % US tariff, China's October 2025 announcements suspended in November
//! 2025) are kept only as what-ifs: disabled when added, with a name that says
//! so, never presented as in force.
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

/// The preset library, oldest first; what-ifs (disabled) after the measure
/// they extend.
pub fn all() -> Vec<Disruption> {
    use DisruptionKind::*;
    let twelve_rare_earths: Vec<&str> = APRIL_2025_RARE_EARTHS
        .iter()
        .chain(&OCTOBER_2025_RARE_EARTHS)
        .copied()
        .collect();
    vec![
        event(
            "China licenses gallium and germanium exports (Aug 2023)",
            "China required export licences for gallium and germanium from 1 August 2023 (MOFCOM announcement, July 2023; Reuters). Still in force: not among the measures suspended in November 2025. Licences officially take 45 working days, often longer; +2 months and 20% refused are illustrative.",
            LicensingDelay {
                extra_lead_time_months: 2,
                refused_pct: 20.0,
            },
            "China",
            &["Gallium", "Germanium"],
            (2023, 8),
            None,
        ),
        event(
            "China licenses graphite exports (Dec 2023)",
            "MOFCOM and General Administration of Customs announcement of 20 October 2023: export licences for high-purity, high-strength, high-density synthetic graphite and for natural flake graphite and its products (spherical, expanded graphite) from 1 December 2023 (Xinhua, 20 Oct 2023; IEA policy database). Still in force: not among the measures suspended in November 2025 (the suspended No. 58 of October 2025 is a separate control on graphite anode materials). +2 months and 20% refused are illustrative: no refusal rate is published.",
            LicensingDelay {
                extra_lead_time_months: 2,
                refused_pct: 20.0,
            },
            "China",
            &["Graphite"],
            (2023, 12),
            None,
        ),
        event(
            "China licenses antimony exports (Sep 2024)",
            "Export licensing for antimony products from 15 September 2024 (MOFCOM; Reuters). Still in force: not among the measures suspended in November 2025. +2 months and 30% refused are illustrative.",
            LicensingDelay {
                extra_lead_time_months: 2,
                refused_pct: 30.0,
            },
            "China",
            &["Antimony"],
            (2024, 9),
            None,
        ),
        event(
            "China bans gallium, germanium and antimony exports to the US (Dec 2024, suspended Nov 2025)",
            "MOFCOM announcement No. 46 of 3 December 2024, clause 2: exports of gallium, germanium and antimony (and superhard materials) to the United States not permitted in principle (Reuters). Suspended from 9 November 2025 until 27 November 2026 after the 30 October 2025 Busan meeting (MOFCOM statement, 9 Nov 2025). In force until 8 November 2025; in whole months the last month counted is October 2025. The ban on US military end users (clause 1) is kept: see its own preset; the return of this ban if the suspension lapses is a separate what-if.",
            ExportBan,
            "China",
            &["Gallium", "Germanium", "Antimony"],
            (2024, 12),
            Some((2025, 10)),
        ),
        event(
            "China bans dual-use exports to US military end users (Dec 2024, kept in Nov 2025)",
            "MOFCOM announcement No. 46 of 3 December 2024, clause 1: dual-use items may not be exported to US military end users or for military uses (Reuters). Kept when the ban on the US at large was suspended on 9 November 2025 (MOFCOM statement, 9 Nov 2025). The preset assumes that purchases for the National Defense Stockpile (a Defense Logistics Agency buy) count as military end use, and names the minerals of the same announcement; the clause covers every dual-use item, so other controlled minerals (graphite, the February 2025 metals, the April 2025 rare earths) may be hit as well: add them if your reading of the rules says so.",
            ExportBan,
            "China",
            &["Gallium", "Germanium", "Antimony"],
            (2024, 12),
            None,
        ),
        what_if(
            "What-if: China's gallium, germanium and antimony ban on the US returns when its suspension ends (Dec 2026)",
            "Not in force: disabled by default. The clause 2 ban of MOFCOM announcement No. 46 (3 December 2024) is suspended from 9 November 2025 until 27 November 2026 (MOFCOM statement, 9 Nov 2025). Should the suspension lapse, it would apply again from 28 November 2026; in whole months from December 2026. No source says whether it will be extended.",
            ExportBan,
            "China",
            &["Gallium", "Germanium", "Antimony"],
            (2026, 12),
            None,
        ),
        event(
            "China controls tungsten, tellurium, bismuth, molybdenum and indium exports (Feb 2025)",
            "MOFCOM and General Administration of Customs announcement of 4 February 2025, in force the same day: export licensing for items related to tungsten, tellurium, bismuth, molybdenum and indium (Xinhua, Reuters, 4 Feb 2025). Still in force: not among the measures suspended in November 2025. +2 months and 25% refused are illustrative: no refusal rate is published.",
            LicensingDelay {
                extra_lead_time_months: 2,
                refused_pct: 25.0,
            },
            "China",
            &FEBRUARY_2025_METALS,
            (2025, 2),
            None,
        ),
        event(
            "DRC suspends cobalt exports (Feb 2025)",
            "The DRC suspended cobalt exports from 22 February 2025 for four months, extended in June; the suspension ended on 15 October 2025 and was replaced by quotas from 16 October 2025 (ARECOMS; Reuters). In whole months the last month counted is October 2025 (exports were slow to restart), overlapping the first month of the quota preset.",
            ExportBan,
            "DRC",
            &["Cobalt"],
            (2025, 2),
            Some((2025, 10)),
        ),
        event(
            "DRC cobalt export quotas (Oct 2025)",
            "Quotas from 16 October 2025: 96,600 t/yr (18,125 t in Q4 2025) against ~220,000 t mined in the DRC in 2024 (~76% of ~290,000 t), i.e. roughly a 55% cut (ARECOMS; Reuters; USGS MCS 2025). The % is approximate. No end date has been announced.",
            ExportCutPct(55.0),
            "DRC",
            &["Cobalt"],
            (2025, 10),
            None,
        ),
        event(
            "China licenses seven rare earths: samarium, gadolinium, terbium, dysprosium, lutetium, scandium, yttrium (Apr 2025)",
            "Export licensing from 4 April 2025 for samarium, gadolinium, terbium, dysprosium, lutetium, scandium and yttrium (MOFCOM; Reuters). Still in force: not among the measures suspended in November 2025. Neodymium and praseodymium (NdPr) are not on the list, so a mineral named only \"Rare earths\" or \"NdPr oxide\" is not hit: name the element in the mineral (\"Dysprosium oxide\") for it to be. +3 months and 50% refused are illustrative.",
            LicensingDelay {
                extra_lead_time_months: 3,
                refused_pct: 50.0,
            },
            "China",
            &APRIL_2025_RARE_EARTHS,
            (2025, 4),
            None,
        ),
        what_if(
            "What-if: China licenses holmium, erbium, thulium, europium, ytterbium (No. 57 of Oct 2025, suspended until Nov 2026)",
            "Not in force: disabled by default. MOFCOM and General Administration of Customs announcement No. 57 of 9 October 2025 put holmium, erbium, thulium, europium and ytterbium under export licensing from 8 November 2025; announcement No. 70 of 7 November 2025 suspended it (with Nos. 55, 56, 58, 61 and 62) until 10 November 2026, so it never took effect (MOFCOM; Reuters). As a what-if it starts in November 2026, should the suspension lapse. +3 months and 50% refused are illustrative, as for the April 2025 list.",
            LicensingDelay {
                extra_lead_time_months: 3,
                refused_pct: 50.0,
            },
            "China",
            &OCTOBER_2025_RARE_EARTHS,
            (2026, 11),
            None,
        ),
        what_if(
            "What-if: China requires clearance for foreign-made products with 0.1% Chinese rare earths (No. 61 of Oct 2025, suspended until Nov 2026)",
            "Not in force: disabled by default. MOFCOM announcement No. 61 of 9 October 2025 required export clearance for foreign-made products with 0.1% or more Chinese rare-earth content by value, those clauses from 1 December 2025, and refused military end users in principle; announcement No. 70 of 7 November 2025 suspended it until 10 November 2026, before the foreign-made clauses began (MOFCOM; Reuters, Bloomberg). Hits every supplier, wherever it is. As a what-if it starts in November 2026, should the suspension lapse. The sources used here do not list the elements of the announcement's annex: the twelve of the April 2025 and No. 57 lists are assumed (press reports spoke of 12 of 17 rare earths under control). +3 months and 30% refused are illustrative; for a defence buyer (a military end user) a refusal is likelier.",
            LicensingDelay {
                extra_lead_time_months: 3,
                refused_pct: 30.0,
            },
            "",
            &twelve_rare_earths,
            (2026, 11),
            None,
        ),
        Disruption {
            // A US tariff taxes goods imported from China: it hits the
            // refiners and sellers in China (country of supply), not Chinese
            // ore refined elsewhere.
            target: EventTarget::Country,
            ..what_if(
                "US threatens +100% tariff on Chinese goods (Oct 2025; threatened, not imposed)",
                "Not in force: disabled by default. Threatened in October 2025 as an extra 100% tariff on Chinese goods from 1 November 2025 (Reuters, Bloomberg); not imposed after the 30 October 2025 Busan meeting, and US tariffs on China were cut instead (November 2025). Kept as a what-if of the threat. It hits suppliers in China (their country of supply, or a supplier named China), not refiners elsewhere that process Chinese ore. The November 2025 cut of US tariffs on China is not a preset: the sources used here give no figure for it.",
                TariffPct(100.0),
                "China",
                &[],
                (2025, 11),
                None,
            )
        },
        what_if(
            "What-if: gallium price +150% under a total Chinese ban (USGS estimate)",
            "Not in force: disabled by default. USGS (OFR 2024-1057) estimated that a total Chinese export ban would raise gallium prices about 150%. No total ban has been imposed; the start month (November 2025) is only a default, to move.",
            PriceShockPct(150.0),
            "",
            &["Gallium"],
            (2025, 11),
            None,
        ),
        what_if(
            "What-if: germanium price +26% under a total Chinese ban (USGS estimate)",
            "Not in force: disabled by default. USGS (OFR 2024-1057) estimated that a total Chinese export ban would raise germanium prices about 26%. No total ban has been imposed; the start month (November 2025) is only a default, to move.",
            PriceShockPct(26.0),
            "",
            &["Germanium"],
            (2025, 11),
            None,
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
            let what_if = d.name.starts_with("What-if") || d.name.contains("not imposed");
            assert_eq!(d.enabled, !what_if, "{}", d.name);
            assert_eq!(d.notes.starts_with("Not in force"), what_if, "{}", d.name);
        }
        let tariff = named("US threatens +100% tariff");
        assert!(!tariff.enabled);
        assert!(tariff.name.contains("threatened, not imposed"));
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
        // Announcements 57 and 61 are suspended until 10 November 2026.
        for start in [
            "What-if: China licenses holmium",
            "What-if: China requires clearance",
        ] {
            let d = named(start);
            assert_eq!(d.start, YearMonth::new(2026, 11), "{start}");
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
        let no61 = named("What-if: China requires clearance");
        assert_eq!(no61.minerals.len(), 12);
        assert!(no61.supplier.is_empty());
    }
}
