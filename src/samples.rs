//! Sample scenarios shipped with the program (also in `assets/`), built from
//! the public figures in the notes of each file.

use crate::file;
use crate::model::{Mineral, Scenario, YearMonth};

/// One built-in sample: its file name in `assets/` and its text.
pub struct Sample {
    pub file_name: &'static str,
    pub text: &'static str,
}

/// The October 2025 DLA plan: the scenario the app opens with.
pub const OCTOBER_2025_PLAN: Sample = Sample {
    file_name: "october-2025-plan.ron",
    text: include_str!("../assets/october-2025-plan.ron"),
};

/// The same plan under Chinese export restrictions.
pub const OCTOBER_2025_CHINA_RESTRICTIONS: Sample = Sample {
    file_name: "october-2025-china-restrictions.ron",
    text: include_str!("../assets/october-2025-china-restrictions.ron"),
};

/// Twelve materials over ten years: the largest sample.
pub const STRATEGIC_TWELVE: Sample = Sample {
    file_name: "strategic-twelve.ron",
    text: include_str!("../assets/strategic-twelve.ron"),
};

/// Four rare-earth products (NdPr, dysprosium and terbium oxides,
/// samarium-cobalt magnets) from separators and magnet makers outside
/// China, FY2027-FY2031, with a variant in which China bans rare-earth
/// exports from December 2026.
pub const RARE_EARTHS_2026: Sample = Sample {
    file_name: "rare-earths-2026.ron",
    text: include_str!("../assets/rare-earths-2026.ron"),
};

pub const ALL: [Sample; 4] = [
    OCTOBER_2025_PLAN,
    OCTOBER_2025_CHINA_RESTRICTIONS,
    STRATEGIC_TWELVE,
    RARE_EARTHS_2026,
];

impl Sample {
    /// The sample as a scenario. The samples are checked by the tests; should
    /// one ever fail to load, a one-mineral scenario stands in rather than a
    /// crash.
    pub fn scenario(&self) -> Scenario {
        file::from_str(self.text, self.file_name).unwrap_or_else(|_| {
            let mut s = Scenario::empty("New scenario", YearMonth::new(2026, 1));
            s.minerals.push(Mineral::new("Cobalt"));
            s
        })
    }
}

/// The plan of the hand-worked cases (tests, examples in the docs): Cobalt
/// at $100/t, 100 t required, nothing held, `budget_usd` spent evenly over
/// 12 months from 2026-01 through one supplier, "DRC", with no lead time
/// and no ceiling.
pub fn hand_check(budget_usd: f64) -> Scenario {
    let mut s = Scenario::empty("Plan", YearMonth::new(2026, 1));
    s.horizon_months = 12;
    // Hand-worked cases buy past the requirement (the setting's default for
    // files); new scenarios stop at it.
    s.settings.stop_at_requirement = false;
    let mut m = Mineral::new("Cobalt");
    m.price_usd_per_unit = 100.0;
    m.requirement_qty = 100.0;
    m.budget_usd = budget_usd;
    m.suppliers = vec![crate::model::Supplier::new("DRC", 100.0, 0)];
    s.minerals.push(m);
    s
}

/// `scenario` with every event of the preset library added and switched
/// on, what-ifs and price responses too: the most events a plan meets (for
/// tests and benchmarks).
pub fn with_every_preset_in_force(mut scenario: Scenario) -> Scenario {
    scenario
        .disruptions
        .extend(crate::model::presets::all().into_iter().map(|mut d| {
            d.enabled = true;
            d
        }));
    scenario
}

/// The default scenario: the October 2025 plan.
pub fn default_scenario() -> Scenario {
    OCTOBER_2025_PLAN.scenario()
}

/// A synthetic scenario of `minerals` × `suppliers` over `horizon_months`,
/// for benchmarks and stress tests. Every mineral has a ceiling that binds
/// part of the time, escalation and varied lead times, so no shortcut in the
/// projection is taken.
pub fn generated(minerals: usize, suppliers: usize, horizon_months: u32) -> Scenario {
    use crate::model::{PurchaseCeiling, Supplier};
    let mut s = Scenario::empty("Generated stress scenario", YearMonth::new(2026, 1));
    s.horizon_months = horizon_months;
    s.notes = "Synthetic figures for benchmarks; not a real plan.".into();
    for i in 0..minerals {
        let mut m = Mineral::new(format!("Mineral {:02}", i + 1));
        m.price_usd_per_unit = 1_000.0 + 500.0 * i as f64;
        m.escalation_pct_per_year = (i % 7) as f64;
        m.budget_usd = 10e6 * (1 + i % 5) as f64;
        m.requirement_qty = m.budget_usd / m.price_usd_per_unit;
        m.ceiling = PurchaseCeiling::QtyPerYear(m.requirement_qty / 8.0);
        m.suppliers = (0..suppliers)
            .map(|k| {
                Supplier::new(
                    format!("Supplier {}", k + 1),
                    100.0 / suppliers as f64,
                    ((i + k) % 9) as u32,
                )
            })
            .collect();
        m.normalize_shares();
        s.minerals.push(m);
    }
    s
}

/// The heaviest scenario a file may hold, for the figures in
/// `docs/RELIABILITY.md` ("Bounded work") and the test that it saves and
/// opens again: `minerals` minerals of `suppliers` suppliers each (with a
/// capacity, a price range and a share range so that every path of the
/// projection and the Monte Carlo is taken), 240 months, and `events`
/// events on one country, in force all along, with a chance and a start
/// range. As many suppliers are in that country as the limit on event hits
/// allows. Names are short, so that as many suppliers as possible fit in
/// the 20 MB a file may be.
pub fn heaviest(minerals: usize, suppliers: usize, events: usize) -> Scenario {
    use crate::model::uncertainty::{MonthRange, Range};
    use crate::model::{Disruption, DisruptionKind, EventTarget, MAX_HORIZON_MONTHS};
    let mut s = generated(minerals, suppliers, MAX_HORIZON_MONTHS);
    s.name = "Heaviest legal scenario".into();
    let mut in_atlantis = crate::model::validation::MAX_EVENT_HITS / events.max(1);
    for m in &mut s.minerals {
        m.price_range_usd_per_unit = Some(Range {
            low: m.price_usd_per_unit * 0.8,
            high: m.price_usd_per_unit * 1.3,
        });
        let capacity = m.requirement_qty / 4.0;
        for sup in &mut m.suppliers {
            // As many in the events' country as the limit on event hits
            // allows; the events are matched against all the others too.
            sup.country = if in_atlantis > 0 {
                in_atlantis -= 1;
                "Atlantis".into()
            } else {
                "Elsewhere".into()
            };
            sup.capacity_qty_per_year = Some(capacity);
            sup.share_range_pct = Some(Range {
                low: sup.share_pct * 0.5,
                high: sup.share_pct * 1.5,
            });
        }
    }
    for k in 0..events {
        let kind = match k % 3 {
            0 => DisruptionKind::ExportCutPct(1.0),
            1 => DisruptionKind::TariffPct(1.0),
            _ => DisruptionKind::LicensingDelay {
                extra_lead_time_months: 1,
                refused_pct: 1.0,
            },
        };
        let mut d = Disruption::new(&format!("Event {}", k + 1), kind, "Atlantis", s.start);
        d.target = EventTarget::Country;
        d.probability_pct = 50.0;
        d.start_range = Some(MonthRange {
            earliest: s.start,
            latest: s.start.plus_months(12),
        });
        s.disruptions.push(d);
    }
    s
}
