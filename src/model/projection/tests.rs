//! Unit tests of the two fast paths against slower ones: the pooled loop
//! of `passes.rs` against the one-by-one loop of `reference.rs`, and the
//! calm path against the general one.

use super::calm::project_calm_mineral;
use super::month_book::MonthBook;
use super::passes::project_mineral;
use super::reference;
use super::scratch::Scratch;
use super::supplier_plan::market_shocks;
use super::{MineralProjection, Projector, project, project_into};
use crate::model::disruption::{Disruption, DisruptionKind, EventTarget};
use crate::model::month::YearMonth;
use crate::model::presets;
use crate::model::scenario::{FeedShare, InTransitOnBan, PlanYear, Scenario};
use crate::samples;

/// Asserts that two projections of one mineral agree, up to
/// floating-point dust relative to the budget's size.
fn assert_same(a: &MineralProjection, b: &MineralProjection, budget_usd: f64, context: &str) {
    let close = |x: f64, y: f64| {
        let tolerance = 1e-9 * (1.0 + x.abs().max(y.abs()) + budget_usd * 1e-3);
        (x - y).abs() <= tolerance || (x.is_nan() && y.is_nan())
    };
    assert_eq!(a.months.len(), b.months.len(), "{context}");
    for (ra, rb) in a.months.iter().zip(&b.months) {
        for (what, x, y) in [
            ("spend", ra.spend_usd, rb.spend_usd),
            ("ordered", ra.ordered_qty, rb.ordered_qty),
            ("delivered", ra.delivered_qty, rb.delivered_qty),
            ("inventory", ra.inventory_qty, rb.inventory_qty),
            ("coverage", ra.coverage_pct, rb.coverage_pct),
            ("unspent", ra.unspent_usd, rb.unspent_usd),
        ] {
            assert!(
                close(x, y),
                "{context}, month {}: {what} {x} vs {y}",
                ra.month
            );
        }
    }
    for (what, x, y) in [
        (
            "in transit",
            a.in_transit_at_end_qty,
            b.in_transit_at_end_qty,
        ),
        ("lost", a.lost_in_transit_qty, b.lost_in_transit_qty),
        ("not needed", a.not_needed_usd, b.not_needed_usd),
        ("cost", a.total_cost_usd, b.total_cost_usd),
        (
            "budget implied",
            a.feasibility.budget_implied_qty,
            b.feasibility.budget_implied_qty,
        ),
    ] {
        assert!(close(x, y), "{context}: {what} {x} vs {y}");
    }
    match (a.feasibility.purchasable_qty, b.feasibility.purchasable_qty) {
        (Some(x), Some(y)) => assert!(close(x, y), "{context}: purchasable {x} vs {y}"),
        (x, y) => assert_eq!(x, y, "{context}: purchasable"),
    }
}

/// A deterministic mix of events of every kind, on some or all
/// suppliers and minerals, with windows inside and across the horizon.
///
/// With `two_tiers`, events also target countries of supply and feed
/// origins (see [`give_two_tiers`]).
fn mixed_events(
    seed: u64,
    count: usize,
    minerals: usize,
    suppliers: usize,
    two_tiers: bool,
) -> Vec<Disruption> {
    let mut state = seed
        .wrapping_mul(6364136223846793005)
        .wrapping_add(1442695040888963407);
    let mut next = |below: u64| {
        state = state
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (state >> 33) % below.max(1)
    };
    (0..count)
        .map(|k| {
            let kind = match next(6) {
                0 => DisruptionKind::ExportBan,
                1 => DisruptionKind::ExportQuotaQty(next(5000) as f64),
                2 => DisruptionKind::ExportCutPct(next(101) as f64),
                3 => DisruptionKind::LicensingDelay {
                    extra_lead_time_months: next(7) as u32,
                    refused_pct: next(60) as f64,
                },
                4 => DisruptionKind::TariffPct(next(150) as f64),
                _ => DisruptionKind::PriceShockPct(next(200) as f64 - 60.0),
            };
            let start = YearMonth::new(2025 + next(6) as i32, 1 + next(12) as u32);
            let enabled = next(8) > 0;
            let mut supplier = match next(4) {
                0 => String::new(),
                _ => format!("Supplier {}", 1 + next(suppliers as u64)),
            };
            let mut target = EventTarget::Supplier;
            if two_tiers {
                target = EventTarget::ALL[next(3) as usize];
                let k = next(3) as usize;
                match target {
                    EventTarget::Country if !supplier.is_empty() => supplier = COUNTRIES[k].into(),
                    EventTarget::FeedOrigin if !supplier.is_empty() => supplier = ORIGINS[k].into(),
                    _ => {}
                }
            }
            Disruption {
                name: format!("Event {k}"),
                notes: String::new(),
                enabled,
                kind,
                supplier,
                target,
                minerals: match next(3) {
                    0 => vec![format!("Mineral {:02}", 1 + next(minerals as u64))],
                    _ => vec![],
                },
                start,
                end: (next(2) == 0).then(|| start.nth_month(2 + next(30) as u32)),
                // A price response on a third of the events.
                resourcing_premium_pct: match next(3) {
                    0 => next(300) as f64,
                    _ => 0.0,
                },
                // A world price response on a fifth of them, also a fall.
                world_price_pct: match next(5) {
                    0 => next(150) as f64 - 50.0,
                    _ => 0.0,
                },
                probability_pct: 100.0,
                start_range: None,
            }
        })
        .collect()
}

const COUNTRIES: [&str; 3] = ["Canada", "Norway", "Japan"];
const ORIGINS: [&str; 3] = ["DRC", "Indonesia", "Australia"];

/// Countries, feed mixes and capacities on the generated suppliers: some
/// with no country, some with their feed from their own country, some
/// with a capacity that binds part of the time.
fn give_two_tiers(s: &mut Scenario, seed: u64) {
    for (i, m) in s.minerals.iter_mut().enumerate() {
        let yearly_qty = m.budget_usd / m.price_usd_per_unit / f64::from(s.horizon_months) * 12.0;
        for (k, sup) in m.suppliers.iter_mut().enumerate() {
            let r = i + k + seed as usize;
            if !r.is_multiple_of(5) {
                sup.country = COUNTRIES[r % 3].into();
            }
            if !r.is_multiple_of(4) {
                let drc = (r * 17 % 101) as f64;
                sup.feed = vec![
                    FeedShare {
                        origin: ORIGINS[0].into(),
                        share_pct: drc,
                        share_range_pct: None,
                    },
                    FeedShare {
                        origin: ORIGINS[1 + r % 2].into(),
                        share_pct: 100.0 - drc,
                        share_range_pct: None,
                    },
                ];
            }
            if r % 3 == 1 {
                sup.capacity_qty_per_year =
                    Some(yearly_qty * sup.share_pct / 100.0 * (0.3 + (r % 7) as f64 * 0.2));
            }
        }
    }
}

/// The pooled loop gives the same numbers as following every supplier
/// order by order, under every setting.
#[test]
fn pooled_loop_matches_the_one_by_one_loop() {
    let mut scenarios: Vec<Scenario> = samples::ALL.iter().map(|s| s.scenario()).collect();
    for s in &mut scenarios {
        s.disruptions.extend(presets::all());
    }
    for seed in 0..48 {
        let (minerals, suppliers) = (1 + seed as usize % 4, 1 + seed as usize % 7);
        let mut s = samples::generated(minerals, suppliers, 36 + 24 * (seed as u32 % 5));
        let two_tiers = seed >= 24;
        if two_tiers {
            give_two_tiers(&mut s, seed);
        }
        if seed % 4 == 3 {
            ceilings_by_plan_year(&mut s);
        }
        if seed % 3 == 1 {
            capacities_that_change(&mut s, seed);
        }
        s.disruptions = mixed_events(seed, 2 + seed as usize % 24, minerals, suppliers, two_tiers);
        // Plans starting in any month, with plan years from the start or
        // fiscal years (quotas count per calendar year either way).
        s.start = YearMonth::new(2026, 1 + (seed % 12) as u32);
        s.settings.plan_year = match seed % 3 {
            0 => PlanYear::ScenarioStart,
            1 => PlanYear::US_FEDERAL,
            _ => PlanYear::FiscalYear { first_month: 4 },
        };
        scenarios.push(s);
    }
    for s in &mut scenarios {
        for flags in 0..16 {
            s.settings.stop_at_requirement = flags & 8 != 0;
            s.settings.carry_over_unspent = flags & 1 != 0;
            s.settings.resource_blocked_orders = flags & 2 != 0;
            s.settings.in_transit_on_ban = if flags & 4 != 0 {
                InTransitOnBan::Lost
            } else {
                InTransitOnBan::Delivered
            };
            let pooled = project(s);
            for (m, fast) in s.minerals.iter().zip(&pooled.minerals) {
                let events: Vec<&Disruption> = s
                    .disruptions
                    .iter()
                    .filter(|d| d.hits_mineral(&m.name))
                    .collect();
                let slow = reference::project_mineral_one_by_one(
                    m,
                    pooled.horizon_months,
                    &s.settings,
                    s.start,
                    &events,
                );
                let context = format!("{} / {} / settings {flags}", s.name, m.name);
                assert_same(fast, &slow, m.budget_usd, &context);
            }
        }
    }
}

/// Capacities that change from a month on: every third supplier grows
/// (or gets a limit) from month 13 and shrinks from month 30.
fn capacities_that_change(s: &mut Scenario, seed: u64) {
    let start = s.start;
    for m in &mut s.minerals {
        let yearly_qty = m.budget_usd / m.price_usd_per_unit / f64::from(s.horizon_months) * 12.0;
        for (k, sup) in m.suppliers.iter_mut().enumerate() {
            if (k + seed as usize).is_multiple_of(3) {
                let base = sup.capacity_qty_per_year.unwrap_or(yearly_qty * 0.2);
                sup.capacity_changes = vec![
                    crate::model::scenario::CapacityChange {
                        from: start.nth_month(30),
                        qty_per_year: base * 0.4,
                    },
                    crate::model::scenario::CapacityChange {
                        from: start.nth_month(13),
                        qty_per_year: base * 1.7,
                    },
                ];
            }
        }
    }
}

/// Each mineral's ceiling as a list per plan year that rises and falls
/// (and is one year short, so the last amount carries on).
fn ceilings_by_plan_year(s: &mut Scenario) {
    for m in &mut s.minerals {
        if let Some(c) = m.ceiling.qty_per_year() {
            m.ceiling = crate::model::scenario::PurchaseCeiling::QtyByPlanYear(vec![
                c * 0.5,
                c * 1.5,
                c * 0.8,
                c * 2.0,
            ]);
        }
    }
}

/// The short path for minerals without events gives the same numbers
/// as the general one.
#[test]
fn calm_path_matches_the_general_path() {
    let mut scenarios: Vec<Scenario> = samples::ALL.iter().map(|s| s.scenario()).collect();
    scenarios.push(samples::generated(6, 5, 240));
    let mut by_year = samples::generated(4, 3, 72);
    ceilings_by_plan_year(&mut by_year);
    scenarios.push(by_year);
    for (carry, plan_year, stop) in [
        (true, PlanYear::ScenarioStart, false),
        (false, PlanYear::US_FEDERAL, true),
        (true, PlanYear::FiscalYear { first_month: 3 }, true),
        (false, PlanYear::ScenarioStart, false),
    ] {
        for s in &mut scenarios {
            s.settings.carry_over_unspent = carry;
            s.settings.plan_year = plan_year;
            s.settings.stop_at_requirement = stop;
            // A supplier with a capacity never takes the short path
            // (`calm`), whose purchasable quantity knows only the ceiling.
            for m in s.minerals.iter().filter(|m| {
                m.suppliers
                    .iter()
                    .all(|s| s.capacity_qty_per_year.is_none())
            }) {
                let mut scratch = Scratch::default();
                let mut calm = MineralProjection::blank();
                project_calm_mineral(
                    m,
                    s.horizon_months,
                    &s.settings,
                    s.start,
                    &[],
                    &mut scratch,
                    MonthBook::new(m, s.horizon_months, &mut calm),
                );
                let no_events = vec![Vec::new(); m.suppliers.len()];
                let mut general = MineralProjection::blank();
                project_mineral(
                    m,
                    s.horizon_months,
                    &s.settings,
                    s.start,
                    &[],
                    &no_events,
                    &[],
                    &mut scratch,
                    MonthBook::new(m, s.horizon_months, &mut general),
                );
                assert_same(&calm, &general, m.budget_usd, &m.name);
            }
        }
    }
}

/// Scenarios with events of every kind on every target, with some events
/// disabled: the samples with the preset library, and generated ones.
fn varied_scenarios() -> Vec<Scenario> {
    let mut scenarios: Vec<Scenario> = samples::ALL.iter().map(|s| s.scenario()).collect();
    for s in &mut scenarios {
        s.disruptions.extend(presets::all());
    }
    for seed in 0..16 {
        let (minerals, suppliers) = (1 + seed as usize % 5, 1 + seed as usize % 7);
        let mut s = samples::generated(minerals, suppliers, 24 + 24 * (seed as u32 % 4));
        let two_tiers = seed % 2 == 1;
        if two_tiers {
            give_two_tiers(&mut s, seed);
        }
        s.disruptions = mixed_events(seed, 3 + seed as usize, minerals, suppliers, two_tiers);
        scenarios.push(s);
    }
    scenarios
}

/// `project_into` gives exactly `project`'s numbers, whatever the result
/// it refills held before (another scenario, more or fewer minerals).
#[test]
fn project_into_refills_any_result_with_the_same_numbers() {
    let scenarios = varied_scenarios();
    let mut reused = project(&samples::generated(60, 3, 240));
    for s in scenarios.iter().chain(scenarios.iter().rev()) {
        project_into(s, &mut reused);
        assert_eq!(reused, project(s), "{}", s.name);
    }
}

/// A `Projector` made for a scenario gives exactly `project`'s numbers for
/// that scenario with events switched on and off, moved, and other numbers.
#[test]
fn a_projector_gives_the_numbers_of_project() {
    for base in varied_scenarios() {
        let mut projector = Projector::new(&base);
        let mut out = project(&samples::generated(2, 2, 12));
        let mut s = base.clone();
        for round in 0..6_usize {
            for (k, d) in s.disruptions.iter_mut().enumerate() {
                d.enabled = (k + round) % 3 != 0;
                d.start = base.disruptions[k].start.plus_months(round as i64 - 2);
            }
            for (k, m) in s.minerals.iter_mut().enumerate() {
                m.price_usd_per_unit =
                    base.minerals[k].price_usd_per_unit * (0.7 + 0.1 * round as f64);
                m.budget_usd = base.minerals[k].budget_usd * (1.0 + 0.2 * round as f64);
            }
            projector.project_into(&s, &mut out);
            assert_eq!(out, project(&s), "{} round {round}", s.name);
        }
        // Another shape: matched again.
        let other = samples::generated(3, 4, 36);
        projector.project_into(&other, &mut out);
        assert_eq!(out, project(&other));
    }
}

/// `Projector::coverage_into` gives exactly the coverage of `project`.
#[test]
fn coverage_into_is_the_coverage_of_project() {
    let mut coverage = vec![1.0; 7];
    for base in varied_scenarios() {
        let mut projector = Projector::new(&base);
        let mut s = base.clone();
        for round in 0..3_usize {
            for (k, d) in s.disruptions.iter_mut().enumerate() {
                d.enabled = (k + round) % 2 == 0;
            }
            projector.coverage_into(&s, &mut coverage);
            let p = project(&s);
            let expected: Vec<f64> = p
                .minerals
                .iter()
                .flat_map(|m| m.months.iter().map(|r| r.coverage_pct))
                .collect();
            assert_eq!(coverage.len(), expected.len(), "{}", s.name);
            for (k, (a, b)) in coverage.iter().zip(&expected).enumerate() {
                assert_eq!(a.to_bits(), b.to_bits(), "{} cell {k}", s.name);
            }
        }
    }
}

/// A `Projector` made `for_samples` gives the coverage of `project`, to
/// rounding, for samples that draw prices, shares and lead times (the
/// calm minerals' coverage then comes from their purchases at the base
/// price, `basis.rs`), and exactly for the base scenario itself. Budgets
/// here are tight against ceilings in some minerals and years, so both
/// ways (the basis, and projecting when a year may reach the ceiling) run.
#[test]
fn a_projector_for_samples_gives_the_coverage_of_project() {
    let mut coverage = Vec::new();
    let mut bases = varied_scenarios();
    // Ceilings near what the budget buys: some samples reach them.
    let mut tight = samples::STRATEGIC_TWELVE.scenario();
    for m in &mut tight.minerals {
        let years = f64::from(tight.horizon_months) / 12.0;
        let yearly_qty = m.budget_usd / m.price_usd_per_unit / years;
        m.ceiling = crate::model::scenario::PurchaseCeiling::QtyPerYear(1.05 * yearly_qty);
    }
    bases.push(tight);
    let mut basis_used = 0;
    for base in bases {
        let mut projector = Projector::for_samples(&base);
        let expected = |s: &Scenario| -> Vec<f64> {
            project(s)
                .minerals
                .iter()
                .flat_map(|m| m.months.iter().map(|r| r.coverage_pct))
                .collect()
        };
        projector.coverage_into(&base, &mut coverage);
        let exact = expected(&base);
        for (k, (a, b)) in coverage.iter().zip(&exact).enumerate() {
            assert_eq!(a.to_bits(), b.to_bits(), "{} base, cell {k}", base.name);
        }
        let mut s = base.clone();
        for round in 0..8_usize {
            let f = 0.6 + 0.13 * round as f64;
            for (k, d) in s.disruptions.iter_mut().enumerate() {
                d.enabled = (k + round) % 2 == 0;
            }
            for (k, m) in s.minerals.iter_mut().enumerate() {
                m.price_usd_per_unit = base.minerals[k].price_usd_per_unit * f;
                for (i, sup) in m.suppliers.iter_mut().enumerate() {
                    sup.share_pct = 10.0 + ((i + round) % 4) as f64 * 20.0;
                    sup.lead_time_months = ((i * 5 + round * 3) % 13) as u32;
                }
                m.normalize_shares();
            }
            projector.coverage_into(&s, &mut coverage);
            let expected = expected(&s);
            assert_eq!(coverage.len(), expected.len(), "{}", s.name);
            for (k, (a, b)) in coverage.iter().zip(&expected).enumerate() {
                let tolerance = 1e-12 * (1.0 + b.abs());
                assert!(
                    (a - b).abs() <= tolerance || (a.is_nan() && b.is_nan()),
                    "{} round {round}, cell {k}: {a} vs {b}",
                    s.name
                );
                basis_used += usize::from(a.to_bits() != b.to_bits());
            }
        }
    }
    // The basis was used: some cells differ in the last bits.
    assert!(basis_used > 0);
    // A scenario of another shape is matched again, without the bases
    // made for the first: exactly `project`.
    let mut projector = Projector::for_samples(&samples::STRATEGIC_TWELVE.scenario());
    let other = samples::generated(3, 4, 36);
    projector.coverage_into(&other, &mut coverage);
    let exact: Vec<f64> = project(&other)
        .minerals
        .iter()
        .flat_map(|m| m.months.iter().map(|r| r.coverage_pct))
        .collect();
    assert_eq!(coverage, exact);
}

/// A year that may reach the ceiling is projected, not scaled: the
/// coverage is then exactly `project`'s, capped by the ceiling.
#[test]
fn a_sample_near_the_ceiling_is_projected_in_full() {
    let mut base = samples::generated(1, 3, 36);
    let m = &mut base.minerals[0];
    m.escalation_pct_per_year = 0.0;
    let yearly_qty = m.budget_usd / m.price_usd_per_unit / 3.0;
    // At the base price the ceiling leaves 1 % room a year; at 0.9 × the
    // price the money buys 11 % more than that and the ceiling binds.
    m.ceiling = crate::model::scenario::PurchaseCeiling::QtyPerYear(1.01 * yearly_qty);
    let mut projector = Projector::for_samples(&base);
    let mut coverage = Vec::new();
    let mut s = base.clone();
    s.minerals[0].price_usd_per_unit *= 0.9;
    projector.coverage_into(&s, &mut coverage);
    let expected: Vec<f64> = project(&s).minerals[0]
        .months
        .iter()
        .map(|r| r.coverage_pct)
        .collect();
    assert_eq!(coverage, expected);
    // The ceiling held months to their pace: a twelfth of it.
    let pace_qty = 1.01 * yearly_qty / 12.0;
    assert!(
        project(&s).minerals[0]
            .months
            .iter()
            .any(|r| (r.ordered_qty - pace_qty).abs() < 1e-9 * pace_qty)
    );
}

/// The short path with price shocks on the whole market gives the same
/// numbers as the general one (which moves the market price in its pool).
#[test]
fn calm_path_with_market_shocks_matches_the_general_path() {
    let shock = |pct: f64, start: YearMonth, end: Option<YearMonth>| Disruption {
        end,
        ..Disruption::new(
            &format!("Shock {pct}"),
            DisruptionKind::PriceShockPct(pct),
            "",
            start,
        )
    };
    let mut scenarios: Vec<Scenario> = samples::ALL.iter().map(|s| s.scenario()).collect();
    scenarios.push(samples::generated(6, 5, 240));
    for s in &mut scenarios {
        for (k, plan_year) in [PlanYear::ScenarioStart, PlanYear::US_FEDERAL]
            .into_iter()
            .enumerate()
        {
            s.settings.carry_over_unspent = k == 0;
            s.settings.plan_year = plan_year;
            let at = |months: i64| s.start.plus_months(months);
            let events = [
                shock(150.0, at(-3), None),
                shock(-40.0, at(5), Some(at(30))),
                shock(-100.0, at(40), Some(at(45))),
                shock(25.0, at(10), Some(at(60))),
            ];
            let all: Vec<&Disruption> = events.iter().collect();
            let mut shocks = Vec::new();
            market_shocks(&mut shocks, all.iter().copied(), s.start);
            // A supplier with a capacity is never on the short path.
            let calm_ones = s.minerals.iter().filter(|m| {
                m.suppliers
                    .iter()
                    .all(|sup| sup.capacity_qty_per_year.is_none())
            });
            for m in calm_ones {
                let mut scratch = Scratch::default();
                let mut calm = MineralProjection::blank();
                project_calm_mineral(
                    m,
                    s.horizon_months,
                    &s.settings,
                    s.start,
                    &shocks,
                    &mut scratch,
                    MonthBook::new(m, s.horizon_months, &mut calm),
                );
                let every_supplier: Vec<Vec<(usize, f64)>> = m
                    .suppliers
                    .iter()
                    .map(|_| (0..events.len()).map(|e| (e, 1.0)).collect())
                    .collect();
                let mut general = MineralProjection::blank();
                project_mineral(
                    m,
                    s.horizon_months,
                    &s.settings,
                    s.start,
                    &all,
                    &every_supplier,
                    &[],
                    &mut scratch,
                    MonthBook::new(m, s.horizon_months, &mut general),
                );
                assert_same(&calm, &general, m.budget_usd, &m.name);
            }
        }
    }
}
