//! Real export restrictions and trade measures, ready to add to a scenario
//! (../shared/DOMAIN.md lists the events and sources). Each carries its date
//! and a source note; the size of each effect (months of delay, % refused,
//! % cut) is an illustrative reading of the measure, to adjust.

use super::disruption::{Disruption, DisruptionKind};
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
        minerals: minerals.iter().map(|m| m.to_string()).collect(),
        start: YearMonth::new(start.0, start.1),
        end: end.map(|(y, m)| YearMonth::new(y, m)),
    }
}

/// The preset library, oldest first.
pub fn all() -> Vec<Disruption> {
    use DisruptionKind::*;
    vec![
        event(
            "China licenses gallium and germanium exports (Aug 2023)",
            "China required export licences for gallium and germanium from 1 August 2023 (MOFCOM announcement, July 2023; Reuters). Licences officially take 45 working days, often longer; +2 months and 20% refused are illustrative.",
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
            "China licenses antimony exports (Sep 2024)",
            "Export licensing for antimony products from 15 September 2024 (MOFCOM; Reuters). +2 months and 30% refused are illustrative.",
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
            "China bans gallium, germanium and antimony exports to the US (Dec 2024)",
            "MOFCOM announcement of 3 December 2024 banning exports of gallium, germanium and antimony to the United States (Reuters).",
            ExportBan,
            "China",
            &["Gallium", "Germanium", "Antimony"],
            (2024, 12),
            None,
        ),
        event(
            "China controls tungsten exports (Feb 2025)",
            "Export controls on tungsten products from February 2025 (MOFCOM; Reuters). +2 months and 25% refused are illustrative.",
            LicensingDelay {
                extra_lead_time_months: 2,
                refused_pct: 25.0,
            },
            "China",
            &["Tungsten"],
            (2025, 2),
            None,
        ),
        event(
            "DRC suspends cobalt exports (Feb 2025)",
            "The DRC suspended cobalt exports for four months from 22 February 2025, extended in June; replaced by quotas from 16 October 2025 (ARECOMS; Reuters).",
            ExportBan,
            "DRC",
            &["Cobalt"],
            (2025, 2),
            Some((2025, 9)),
        ),
        event(
            "DRC cobalt export quotas (Oct 2025)",
            "Quotas from 16 October 2025: 96,600 t/yr for 2026-27 against ~220,000 t mined in 2024, i.e. roughly a 55% cut (ARECOMS; Reuters; USGS MCS 2025). The % is approximate.",
            ExportCutPct(55.0),
            "DRC",
            &["Cobalt"],
            (2025, 10),
            None,
        ),
        event(
            "China controls seven heavy rare earths (Apr 2025)",
            "Export licensing from 4 April 2025 for samarium, gadolinium, terbium, dysprosium, lutetium, scandium and yttrium (MOFCOM; Reuters). +3 months and 50% refused are illustrative.",
            LicensingDelay {
                extra_lead_time_months: 3,
                refused_pct: 50.0,
            },
            "China",
            &["Scandium", "Rare earths"],
            (2025, 4),
            None,
        ),
        event(
            "China: clearance for products with trace Chinese rare earths (Oct 2025)",
            "October 2025 rules requiring export clearance for products containing even trace amounts of Chinese-sourced rare earths, wherever they are made (Reuters, Bloomberg). Hits every supplier; +3 months and 30% refused are illustrative.",
            LicensingDelay {
                extra_lead_time_months: 3,
                refused_pct: 30.0,
            },
            "",
            &["Rare earths"],
            (2025, 10),
            None,
        ),
        event(
            "US threatens +100% tariff on Chinese goods (Nov 2025)",
            "Announced in October 2025 as an extra 100% tariff on Chinese goods from 1 November 2025 (Reuters, Bloomberg). A threat at the time: disable it to compare.",
            TariffPct(100.0),
            "China",
            &[],
            (2025, 11),
            None,
        ),
        event(
            "Gallium price +150% under a total Chinese ban (USGS estimate)",
            "USGS (OFR 2024-1057) estimated that a total Chinese export ban would raise gallium prices about 150%.",
            PriceShockPct(150.0),
            "",
            &["Gallium"],
            (2025, 11),
            None,
        ),
        event(
            "Germanium price +26% under a total Chinese ban (USGS estimate)",
            "USGS (OFR 2024-1057) estimated that a total Chinese export ban would raise germanium prices about 26%.",
            PriceShockPct(26.0),
            "",
            &["Germanium"],
            (2025, 11),
            None,
        ),
    ]
}
