//! Goal seek (`model::goal_seek`), checked on plans worked out by hand.
//! Base (`common::simple`): Cobalt at $100/t from one supplier (DRC) with no
//! lead time, the budget spread evenly, plan from 2026-01, plan years from
//! the start, carry-over on. So a budget B over H months buys B/(100·H) t a
//! month, and with a 1,000 t requirement coverage by month m is
//! 100 × m·B/(100·H) / 1,000 %.

use crate::common;

use common::{simple, supplier};
use stockpile_planner::model::goal_seek::{
    Binding, GoalSeek, GoalSeekError, Limit, budget_tolerance_usd, plan_month,
};
use stockpile_planner::model::{
    DisruptionKind, PurchaseCeiling, Scenario, SpendingProfile, YearMonth, goal_seek, project,
};
use stockpile_planner::samples;

/// Coverage of mineral `k` by month `by` with its budget set to `budget`
/// through the edit the window applies.
fn coverage_with(s: &Scenario, k: usize, budget: f64, by: u32) -> f64 {
    let mut s = s.clone();
    assert!(s.set_mineral_budget(k, budget));
    project(&s).minerals[k].months[by as usize - 1].coverage_pct
}

/// An event on `supplier` for every mineral, from `from` to `to`.
fn add_event(
    s: &mut Scenario,
    name: &str,
    kind: DisruptionKind,
    supplier: &str,
    from: YearMonth,
    to: Option<YearMonth>,
) {
    let k = s.add_event(0);
    let e = &mut s.disruptions[k];
    e.name = name.into();
    e.kind = kind;
    e.supplier = supplier.into();
    e.minerals.clear();
    e.start = from;
    e.end = to;
}

fn reached(g: &GoalSeek) -> (f64, f64) {
    match *g {
        GoalSeek::Reached {
            budget_usd,
            coverage_pct,
            ..
        } => (budget_usd, coverage_pct),
        ref other => panic!("expected Reached, got {other:?}"),
    }
}

fn not_reachable(g: &GoalSeek) -> (f64, f64, &Limit, &str) {
    match g {
        GoalSeek::NotReachable {
            best_coverage_pct,
            best_budget_usd,
            limit,
            reason,
        } => (*best_coverage_pct, *best_budget_usd, limit, reason.as_str()),
        other => panic!("expected NotReachable, got {other:?}"),
    }
}

#[test]
fn eighty_percent_of_1000_t_over_ten_months_needs_80000() {
    // 80 % of 1,000 t is 800 t, at $100/t: $80,000 (10 × $8,000 = 80 t a
    // month, delivered the same month).
    let s = simple(10, 10_000.0, 1_000.0);
    let g = goal_seek(&s, 0, 80.0, 10).unwrap();
    let (budget, coverage) = reached(&g);
    // Within the tolerance: $1 at this size (a millionth of $80,000 is
    // under $1).
    assert_eq!(budget_tolerance_usd(80_000.0), 1.0);
    assert!((budget - 80_000.0).abs() <= 1.0, "{budget}");
    assert!(coverage >= 80.0 - 1e-9, "{coverage}");
    assert_eq!(g.budget_usd(), budget);
    assert_eq!(
        g.sentence(YearMonth::new(2026, 10)),
        "needs $80,000 (80.0% by 2026-10)"
    );
}

#[test]
fn the_answer_applied_reaches_the_target_and_a_tolerance_less_does_not() {
    let s = simple(10, 0.0, 1_000.0);
    for target in [5.0, 33.3, 80.0, 100.0, 250.0] {
        let (budget, _) = reached(&goal_seek(&s, 0, target, 10).unwrap());
        assert!(coverage_with(&s, 0, budget, 10) >= target - 1e-9);
        let less = budget - budget_tolerance_usd(budget);
        assert!(
            coverage_with(&s, 0, less, 10) < target,
            "{target}: {budget}"
        );
    }
}

#[test]
fn by_a_month_only_what_arrives_by_then_counts() {
    // Lead time 2 months: by the end of June (month 6) the orders of
    // months 1–4 have arrived: 4 × B/1,000 t = B/250 t. 50 % of 1,000 t =
    // 500 t: B = $125,000.
    let mut s = simple(10, 10_000.0, 1_000.0);
    s.minerals[0].suppliers[0].lead_time_months = 2;
    let by = plan_month(&s, YearMonth::new(2026, 6)).unwrap();
    assert_eq!(by, 6);
    let (budget, coverage) = reached(&goal_seek(&s, 0, 50.0, by).unwrap());
    assert!((budget - 125_000.0).abs() <= 1.0, "{budget}");
    assert!(coverage >= 50.0 - 1e-9);
}

#[test]
fn a_ceiling_of_600_t_a_year_binds_at_60_percent() {
    // 12 months, at most 600 t a year: at most 60 % of 1,000 t, whatever
    // the budget. $60,000 buys it (50 t a month); more is not used.
    let mut s = simple(12, 10_000.0, 1_000.0);
    s.minerals[0].ceiling = PurchaseCeiling::QtyPerYear(600.0);
    let g = goal_seek(&s, 0, 80.0, 12).unwrap();
    let (best, best_budget, limit, reason) = not_reachable(&g);
    assert!((best - 60.0).abs() < 1e-6, "{best}");
    assert!((best_budget - 60_000.0).abs() <= 1.0, "{best_budget}");
    assert_eq!(limit, &Limit::Binds(vec![Binding::Ceiling]));
    assert_eq!(reason, "not reachable: the purchase ceiling binds at 60.0%");
    assert_eq!(g.budget_usd(), best_budget);
    // 60 % itself is reachable.
    let (budget, _) = reached(&goal_seek(&s, 0, 60.0, 12).unwrap());
    assert!((budget - 60_000.0).abs() <= 1.0, "{budget}");
}

#[test]
fn an_export_quota_binds_and_the_ceiling_above_it_does_not() {
    // A quota of 300 t a year on DRC, the only supplier, and a ceiling of
    // 600 t: the quota binds at 30 %. Without the ceiling it is still 30 %
    // (the ceiling is not claimed); without the quota, 60 %.
    let mut s = simple(12, 10_000.0, 1_000.0);
    s.minerals[0].ceiling = PurchaseCeiling::QtyPerYear(600.0);
    add_event(
        &mut s,
        "DRC quota",
        DisruptionKind::ExportQuotaQty(300.0),
        "DRC",
        YearMonth::new(2026, 1),
        None,
    );
    let g = goal_seek(&s, 0, 50.0, 12).unwrap();
    let (best, _, _, reason) = not_reachable(&g);
    assert!((best - 30.0).abs() < 1e-6, "{best}");
    assert_eq!(
        reason,
        "not reachable: the event \"DRC quota\" binds at 30.0%"
    );
}

#[test]
fn a_supplier_capacity_binds() {
    // DRC sells at most 450 t a year: 45 %.
    let mut s = simple(12, 10_000.0, 1_000.0);
    s.minerals[0].suppliers[0].capacity_qty_per_year = Some(450.0);
    let g = goal_seek(&s, 0, 50.0, 12).unwrap();
    assert_eq!(
        not_reachable(&g).3,
        "not reachable: the capacity of DRC binds at 45.0%"
    );
}

#[test]
fn two_limits_at_the_same_level_bind_together() {
    // Ceiling 300 t and DRC's capacity 300 t: removing either alone leaves
    // the other at 30 %; removing both lets the budget buy more.
    let mut s = simple(12, 10_000.0, 1_000.0);
    s.minerals[0].ceiling = PurchaseCeiling::QtyPerYear(300.0);
    s.minerals[0].suppliers[0].capacity_qty_per_year = Some(300.0);
    let g = goal_seek(&s, 0, 50.0, 12).unwrap();
    assert_eq!(
        not_reachable(&g).3,
        "not reachable: the purchase ceiling and the capacity of DRC bind together at 30.0%"
    );
}

#[test]
fn a_ban_on_one_of_two_suppliers_is_re_sourced_until_the_other_is_full() {
    // A and B at 50 %, no lead time; B is banned all year and A can sell
    // at most 700 t: the blocked half goes to A until A is full. 70 %.
    let mut s = simple(12, 10_000.0, 1_000.0);
    s.minerals[0].suppliers = vec![supplier("A", 50.0, 0), supplier("B", 50.0, 0)];
    s.minerals[0].suppliers[0].capacity_qty_per_year = Some(700.0);
    add_event(
        &mut s,
        "Ban on B",
        DisruptionKind::ExportBan,
        "B",
        YearMonth::new(2026, 1),
        None,
    );
    let g = goal_seek(&s, 0, 90.0, 12).unwrap();
    let (best, best_budget, _, reason) = not_reachable(&g);
    assert!((best - 70.0).abs() < 1e-6);
    // Half the money goes to A directly, the other half re-sourced to A:
    // 700 t for $70,000.
    assert!((best_budget - 70_000.0).abs() <= 1.0, "{best_budget}");
    assert_eq!(
        reason,
        "not reachable: the capacity of A and the event \"Ban on B\" bind at 70.0%"
    );
}

#[test]
fn nothing_arrives_before_the_lead_time() {
    // Lead time 3 months: an order of January arrives in April. By
    // February nothing bought has arrived; the 100 t held from the start
    // is 10 %.
    let mut s = simple(12, 10_000.0, 1_000.0);
    s.minerals[0].suppliers[0].lead_time_months = 3;
    s.minerals[0].opening_inventory_qty = 100.0;
    let g = goal_seek(&s, 0, 20.0, 2).unwrap();
    let (best, best_budget, limit, reason) = not_reachable(&g);
    assert_eq!(best, 10.0);
    assert_eq!(best_budget, 0.0);
    assert_eq!(
        limit,
        &Limit::ArrivesTooLate {
            shortest_lead_time_months: 3
        }
    );
    assert_eq!(
        reason,
        "not reachable: nothing bought arrives by 2026-02 (the shortest lead time is 3 \
         months); coverage stays at 10.0%"
    );
}

#[test]
fn a_profile_that_plans_nothing_yet() {
    // Money planned from June only: nothing can be bought by March.
    let mut s = simple(10, 5_000.0, 1_000.0);
    s.minerals[0].spending = SpendingProfile::PerMonthUsd(vec![
        0.0, 0.0, 0.0, 0.0, 0.0, 1_000.0, 1_000.0, 1_000.0, 1_000.0, 1_000.0,
    ]);
    let g = goal_seek(&s, 0, 10.0, 3).unwrap();
    assert_eq!(
        not_reachable(&g).3,
        "not reachable: the spending profile plans no money up to 2026-03; coverage stays \
         at 0.0%"
    );
    // By month 10 the profile keeps its shape: 5 months of B/5. 50 % =
    // 500 t = $50,000.
    let (budget, _) = reached(&goal_seek(&s, 0, 50.0, 10).unwrap());
    assert!((budget - 50_000.0).abs() <= 1.0, "{budget}");
}

#[test]
fn no_supplier_nothing_to_buy() {
    let mut s = simple(12, 0.0, 1_000.0);
    s.minerals[0].suppliers.clear();
    let g = goal_seek(&s, 0, 10.0, 12).unwrap();
    assert_eq!(
        not_reachable(&g).3,
        "not reachable: it has no supplier with a share; coverage stays at 0.0%"
    );
}

#[test]
fn a_target_already_met_says_what_would_do() {
    // $100,000 gives 100 %; 80 % needs $80,000.
    let s = simple(10, 100_000.0, 1_000.0);
    let g = goal_seek(&s, 0, 80.0, 10).unwrap();
    match g {
        GoalSeek::AlreadyMet {
            current_budget_usd,
            coverage_pct,
            least_budget_usd,
            least_coverage_pct,
        } => {
            assert_eq!(current_budget_usd, 100_000.0);
            assert!((coverage_pct - 100.0).abs() < 1e-9);
            assert!((least_budget_usd - 80_000.0).abs() <= 1.0);
            assert!(least_coverage_pct >= 80.0 - 1e-9);
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(
        g.sentence(YearMonth::new(2026, 10)),
        "already met: 100.0% by 2026-10 with $100,000; $80,000 would do"
    );
    // Held from the start: no budget needed.
    let mut held = simple(10, 0.0, 1_000.0);
    held.minerals[0].opening_inventory_qty = 900.0;
    assert_eq!(goal_seek(&held, 0, 80.0, 10).unwrap().budget_usd(), 0.0);
}

#[test]
fn questions_that_cannot_be_asked() {
    let s = simple(12, 10_000.0, 1_000.0);
    assert_eq!(
        goal_seek(&s, 3, 80.0, 12),
        Err(GoalSeekError::NoSuchMineral(3))
    );
    assert_eq!(
        goal_seek(&s, 0, 80.0, 13).unwrap_err().to_string(),
        "the month must be within the plan (2026-01 to 2026-12)"
    );
    assert_eq!(
        goal_seek(&s, 0, f64::NAN, 12),
        Err(GoalSeekError::TargetNotANumber)
    );
    assert_eq!(plan_month(&s, YearMonth::new(2027, 1)), None);
    assert_eq!(plan_month(&s, YearMonth::new(2026, 12)), Some(12));
}

/// More budget never lowers coverage, even with a ceiling and a licensing
/// delay early in the year (where a ceiling spent at once would put the
/// year's room into the delayed months).
///
/// 12 months, 10 t required, ceiling 6 t a year, paced: 0.5 t a month. A
/// licensing delay of 12 months on DRC from January to March (orders of
/// months 1–3 arrive after the plan). A budget B buys q = B/1,200 t a
/// month; each month orders min(q, 0.5) t, and months 4–12 arrive:
/// 9 × min(q, 0.5) t. $600: 4.5 t = 45 %; $1,200 and $7,200: 45 % too.
///
/// 40 % (4 t) is reached from 9q = 4, q = 4/9: B = $533.33.
#[test]
fn more_budget_never_lowers_coverage_under_a_ceiling_and_a_delay() {
    let mut s = simple(12, 0.0, 10.0);
    s.minerals[0].ceiling = PurchaseCeiling::QtyPerYear(6.0);
    add_event(
        &mut s,
        "Licensing",
        DisruptionKind::LicensingDelay {
            extra_lead_time_months: 12,
            refused_pct: 0.0,
        },
        "DRC",
        YearMonth::new(2026, 1),
        Some(YearMonth::new(2026, 3)),
    );
    assert!((coverage_with(&s, 0, 300.0, 12) - 22.5).abs() < 1e-9);
    for budget in [600.0, 1_200.0, 7_200.0, 1e9] {
        assert!(
            (coverage_with(&s, 0, budget, 12) - 45.0).abs() < 1e-9,
            "{budget}"
        );
    }
    let (budget, coverage) = reached(&goal_seek(&s, 0, 40.0, 12).unwrap());
    assert!((533.33..=534.34).contains(&budget), "{budget}");
    assert!(coverage >= 40.0 - 1e-9);
    assert!(coverage_with(&s, 0, budget, 12) >= 40.0 - 1e-9);
    // 50 % is beyond what the ceiling lets through after the delay: not
    // reachable, and both limits are named (without either, more arrives).
    let g = goal_seek(&s, 0, 50.0, 12).unwrap();
    let (best, best_budget, _, reason) = not_reachable(&g);
    assert!((best - 45.0).abs() < 1e-6, "{best}");
    assert!((coverage_with(&s, 0, best_budget, 12) - best).abs() < 1e-6);
    assert_eq!(
        reason,
        "not reachable: the purchase ceiling and the event \"Licensing\" bind at 45.0%"
    );
}

/// On the largest sample with every preset event in force: every answer,
/// applied to the whole scenario, reaches its target; a tolerance less does
/// not; an unreachable target is not reached even with ten times the best
/// budget.
#[test]
fn on_the_strategic_twelve_with_every_preset_each_answer_holds() {
    let s = samples::with_every_preset_in_force(samples::STRATEGIC_TWELVE.scenario());
    let h = s.horizon_months;
    let (mut n_reached, mut n_not) = (0, 0);
    for k in 0..s.minerals.len() {
        for by in [h / 2, h] {
            for target in [25.0, 60.0, 100.0] {
                let g = goal_seek(&s, k, target, by).unwrap();
                let name = &s.minerals[k].name;
                match g {
                    GoalSeek::Reached { budget_usd, .. } => {
                        n_reached += 1;
                        assert!(coverage_with(&s, k, budget_usd, by) >= target - 1e-9);
                        let less = budget_usd - budget_tolerance_usd(budget_usd);
                        assert!(
                            coverage_with(&s, k, less, by) < target,
                            "{name} {target} by {by}: {budget_usd}"
                        );
                    }
                    GoalSeek::AlreadyMet {
                        least_budget_usd, ..
                    } => {
                        assert!(coverage_with(&s, k, least_budget_usd, by) >= target - 1e-9);
                    }
                    GoalSeek::NotReachable {
                        best_coverage_pct,
                        best_budget_usd,
                        ref reason,
                        ..
                    } => {
                        n_not += 1;
                        assert!(best_coverage_pct < target);
                        assert!(reason.starts_with("not reachable: "), "{reason}");
                        let best = coverage_with(&s, k, best_budget_usd, by);
                        assert!((best - best_coverage_pct).abs() < 1e-6);
                        let more = coverage_with(&s, k, 10.0 * best_budget_usd.max(1e6), by);
                        assert!(more < target, "{name}: {more} with 10x");
                    }
                }
            }
        }
    }
    // The sample has both kinds of answer.
    assert!(n_reached > 0 && n_not > 0, "{n_reached} {n_not}");
}

/// More budget never buys less in time under a ceiling with a capacity:
/// the ceiling holds back money before it is placed, so the capped
/// supplier keeps its orders when more money comes (scaling every order
/// alike, as before, took room from it).
///
/// 12 months, 10 t required, ceiling 6 t a year (0.5 t a month), re-sourcing
/// off. A (50 %, no lead time) can sell 3 t a year (0.25 t a month); B
/// (50 %) has a 12-month lead time, so nothing from B arrives in the plan.
/// A budget B buys q = B/1,200 t a month, half from each.
/// - q ≤ 0.5 ($600): nothing binds; A delivers 6q t, 60q %. 29 % needs
///   q = 29/60: $580.
/// - q > 0.5: A is at its 0.25 t a month; the ceiling's 0.5 t leaves B
///   0.25 t. A delivers 3 t: 30 %, at $1,200, $4,800 and $14,400 alike.
#[test]
fn more_budget_never_buys_less_in_time_under_a_ceiling_with_a_capacity() {
    let s = ceiling_with_a_capacity();
    for budget in [600.0, 1_200.0, 4_800.0, 14_400.0] {
        assert!(
            (coverage_with(&s, 0, budget, 12) - 30.0).abs() < 1e-9,
            "{budget}"
        );
    }
    let (budget, _) = reached(&goal_seek(&s, 0, 29.0, 12).unwrap());
    assert!((580.0..=581.0).contains(&budget), "{budget}");
    let g = goal_seek(&s, 0, 40.0, 12).unwrap();
    let (best, best_budget, _, reason) = not_reachable(&g);
    assert!((best - 30.0).abs() < 1e-3, "{best}");
    assert!((coverage_with(&s, 0, best_budget, 12) - best).abs() < 1e-9);
    // Without the ceiling A still stops at 3 t; without A's capacity the
    // ceiling still gives A half of its room; without both, A buys more.
    assert_eq!(
        reason,
        "not reachable: the purchase ceiling and the capacity of A bind together at 30.0%"
    );
}

/// The plan of `more_budget_never_buys_less_in_time_under_a_ceiling_with_a_capacity`.
fn ceiling_with_a_capacity() -> Scenario {
    let mut s = simple(12, 0.0, 10.0);
    s.settings.resource_blocked_orders = false;
    s.minerals[0].ceiling = PurchaseCeiling::QtyPerYear(6.0);
    s.minerals[0].suppliers = vec![supplier("A", 50.0, 0), supplier("B", 50.0, 12)];
    s.minerals[0].suppliers[0].capacity_qty_per_year = Some(3.0);
    s
}

#[test]
fn an_answer_with_money_that_cannot_be_spent_says_so() {
    // A and B at 50 %, no lead time, B banned all year, re-sourcing off:
    // B's half of the money is never spent. 50 % of 1,000 t at $100/t is
    // $50,000 bought through A: a budget of $100,000, $50,000 unspent (the
    // editor warns that the budget cannot all be spent; a trial found the
    // answer applied and that warning side by side, unexplained).
    let mut s = simple(12, 0.0, 1_000.0);
    s.settings.resource_blocked_orders = false;
    s.minerals[0].suppliers = vec![supplier("A", 50.0, 0), supplier("B", 50.0, 0)];
    add_event(
        &mut s,
        "Ban on B",
        DisruptionKind::ExportBan,
        "B",
        YearMonth::new(2026, 1),
        None,
    );
    let g = goal_seek(&s, 0, 50.0, 12).unwrap();
    let (budget, _) = reached(&g);
    assert!((budget - 100_000.0).abs() <= 1.0, "{budget}");
    let GoalSeek::Reached { unspent_usd, .. } = g else {
        unreachable!()
    };
    assert!((unspent_usd - 50_000.0).abs() <= 1.0, "{unspent_usd}");
    assert_eq!(
        g.sentence(YearMonth::new(2026, 12)),
        "needs $100,000 (50.0% by 2026-12); $50,000 of it goes unspent over the timeframe \
         (orders blocked or held back: the editor says why)"
    );
}
