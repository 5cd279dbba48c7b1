//! Plan years (`settings.plan_year`) and calendar-year quotas, checked
//! against numbers worked out by hand. Base: $100/month at $100/t buys
//! 1 t/month from one supplier with no lead time, no carry-over (so money
//! the ceiling or a quota holds back is simply unspent), requirement 100 t.

use crate::common;
use common::ordered;

use common::{close, simple};
use stockpile_planner::file;
use stockpile_planner::model::{
    Disruption, DisruptionKind, PlanYear, PurchaseCeiling, Scenario, YearMonth, project, validate,
};

/// `months` months of $100 from `start`, plan years as `plan_year`.
fn base(start: YearMonth, months: u32, plan_year: PlanYear) -> Scenario {
    let mut s = simple(months, 100.0 * f64::from(months), 100.0);
    s.start = start;
    s.settings.plan_year = plan_year;
    s.settings.carry_over_unspent = false;
    s
}

fn assert_all_close(got: &[f64], want: &[f64]) {
    assert_eq!(got.len(), want.len(), "{got:?} vs {want:?}");
    for (m, (g, w)) in got.iter().zip(want).enumerate() {
        assert!(close(*g, *w), "month {}: {g} vs {w} ({got:?})", m + 1);
    }
}

/// Plan from 2026-07 for 12 months, US fiscal years (October): plan year 1
/// is FY2026's last quarter, July–September 2026 (months 1–3, a short
/// year), plan year 2 is FY2027 from October 2026 (months 4–12, the
/// part inside the timeframe).
///
/// Ceiling 4 t per plan year, not prorated for a short year, and paced
/// over the year's months inside the timeframe:
/// - months 1–3 may buy 4/3 t each: the money's 1 t each goes through,
///   3 t (prorated it would have been 4 × 3/12 = 1 t in all);
/// - October (month 4) starts FY2027: 4 t over its 9 months here, 4/9 t a
///   month, $44.44 of each $100.
///
/// 7 t ordered, 9 × $55.56 = $500 unspent. With plan years from the
/// scenario start (one year, July to June) the same ceiling paces 4 t
/// over 12 months: 1/3 t a month, 4 t.
#[test]
fn a_fiscal_year_ceiling_resets_in_october() {
    let mut s = base(YearMonth::new(2026, 7), 12, PlanYear::US_FEDERAL);
    s.minerals[0].ceiling = PurchaseCeiling::QtyPerYear(4.0);
    assert_eq!(validate(&s), vec![]);
    let n = 4.0 / 9.0;
    let want = [1., 1., 1., n, n, n, n, n, n, n, n, n];
    assert_all_close(&ordered(&s), &want);
    let p = project(&s);
    let m = &p.minerals[0];
    assert!(close(m.total_ordered_qty, 7.0));
    assert!(close(m.months[11].unspent_usd, 500.0));
    // Two plan years touched, each with the full 4 t: 8 t purchasable.
    assert_eq!(m.feasibility.purchasable_qty, Some(8.0));

    let mut from_start = s.clone();
    from_start.settings.plan_year = PlanYear::ScenarioStart;
    assert_all_close(&ordered(&from_start), &[1.0 / 3.0; 12]);
}

/// The same with a supplier capacity of 4 t per plan year instead of a
/// ceiling (no other supplier, so the rest is blocked and unspent),
/// paced the same way: months 1–3 buy 1 t each (room 4/3 t), October
/// starts FY2027, months 4–12 buy 4/9 t each.
#[test]
fn a_capacity_counts_in_fiscal_years_too() {
    let mut s = base(YearMonth::new(2026, 7), 12, PlanYear::US_FEDERAL);
    s.minerals[0].suppliers[0].capacity_qty_per_year = Some(4.0);
    let n = 4.0 / 9.0;
    let want = [1., 1., 1., n, n, n, n, n, n, n, n, n];
    assert_all_close(&ordered(&s), &want);
}

/// Plan from 2026-10 for 12 months (October 2026 to September 2027). An
/// export quota of 2 t a year on the one supplier, from the start, counts
/// per calendar year whatever the plan year, paced over the calendar
/// year's months inside the timeframe:
/// - 2026: October to December, 2/3 t a month (2 t, the quota);
/// - January 2027 opens a new quota year: 2 t over January to September,
///   2/9 t a month.
///
/// 4 t ordered. (Counted per plan year from the start it would have been
/// 2 t.)
#[test]
fn a_quota_counts_per_calendar_year_across_january() {
    for plan_year in [PlanYear::US_FEDERAL, PlanYear::ScenarioStart] {
        let mut s = base(YearMonth::new(2026, 10), 12, plan_year);
        s.disruptions.push(Disruption::new(
            "Quota",
            DisruptionKind::ExportQuotaQty(2.0),
            "DRC",
            YearMonth::new(2026, 10),
        ));
        let (a, b) = (2.0 / 3.0, 2.0 / 9.0);
        let want = [a, a, a, b, b, b, b, b, b, b, b, b];
        assert_all_close(&ordered(&s), &want);
        // The supplier is blocked, nothing else to re-source to: $800
        // unspent.
        let p = project(&s);
        assert!(close(p.minerals[0].months[11].unspent_usd, 800.0));
    }
}

/// A file without `plan_year` reads as plan years from the scenario start,
/// projects as before and saves without the field. Plan from 2026-07, 24
/// months, ceiling 4 t a year: year 1 (July 2026 – June 2027) and year 2
/// (July 2027 – June 2028) each buy 1/3 t a month: 8 t.
#[test]
fn a_file_without_the_setting_projects_as_before() {
    let mut s = base(YearMonth::new(2026, 7), 24, PlanYear::ScenarioStart);
    s.minerals[0].ceiling = PurchaseCeiling::QtyPerYear(4.0);
    let text = file::to_ron_string(&s);
    assert!(!text.contains("plan_year"), "{text}");
    let loaded = file::from_str(&text, "old.ron").unwrap();
    assert_eq!(loaded.settings.plan_year, PlanYear::ScenarioStart);
    assert_all_close(&ordered(&loaded), &[1.0 / 3.0; 24]);
    assert_eq!(project(&loaded), project(&s));

    // A fiscal year is written, and read back.
    let mut fiscal = s.clone();
    fiscal.settings.plan_year = PlanYear::US_FEDERAL;
    let text = file::to_ron_string(&fiscal);
    assert!(text.contains("plan_year: FiscalYear("), "{text}");
    assert_eq!(file::from_str(&text, "fy.ron").unwrap(), fiscal);
}

/// New scenarios count in US fiscal years; a first month outside 1–12 is
/// flagged.
#[test]
fn new_scenarios_use_fiscal_years_and_the_first_month_is_checked() {
    let s = Scenario::empty("New", YearMonth::new(2026, 1));
    assert_eq!(
        s.settings.plan_year,
        PlanYear::FiscalYear { first_month: 10 }
    );
    for bad in [0, 13] {
        let mut s = base(YearMonth::new(2026, 1), 12, PlanYear::ScenarioStart);
        s.settings.plan_year = PlanYear::FiscalYear { first_month: bad };
        let problems = validate(&s);
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert_eq!(problems[0].path, "settings.plan_year.first_month");
    }
}

/// Stopping at the requirement is written only when on, so files without
/// it keep buying past the requirement; new scenarios have it on.
#[test]
fn stop_at_the_requirement_in_files() {
    assert!(
        Scenario::empty("New", YearMonth::new(2026, 1))
            .settings
            .stop_at_requirement
    );
    let mut s = base(YearMonth::new(2026, 1), 12, PlanYear::ScenarioStart);
    s.settings.stop_at_requirement = false;
    let text = file::to_ron_string(&s);
    assert!(!text.contains("stop_at_requirement"), "{text}");
    assert!(
        !file::from_str(&text, "old.ron")
            .unwrap()
            .settings
            .stop_at_requirement
    );
    s.settings.stop_at_requirement = true;
    let text = file::to_ron_string(&s);
    assert!(text.contains("stop_at_requirement: true"), "{text}");
    assert_eq!(file::from_str(&text, "new.ron").unwrap(), s);
}

/// A ceiling per plan year (the Annual Materials Plan sets one per fiscal
/// year). Plan from 2026-07, 24 months, US fiscal years: FY26 is July to
/// September 2026 (3 months), FY27 October 2026 to September 2027, FY28
/// October 2027 to June 2028 (9 months here). Ceilings 3 t for FY26 and
/// 6 t for FY27; FY28 keeps the last amount, 6 t. Paced: FY26 may buy 1 t a
/// month (the money's 1 t), FY27 0.5 t, FY28 6/9 t. 3 + 6 + 6 = 15 t, also
/// the purchasable quantity.
#[test]
fn a_ceiling_per_plan_year() {
    let mut s = base(YearMonth::new(2026, 7), 24, PlanYear::US_FEDERAL);
    s.minerals[0].ceiling = PurchaseCeiling::QtyByPlanYear(vec![3.0, 6.0]);
    assert_eq!(validate(&s), vec![]);
    let mut want = vec![1.0; 3];
    want.extend([0.5; 12]);
    want.extend([6.0 / 9.0; 9]);
    assert_all_close(&ordered(&s), &want);
    let m = &project(&s).minerals[0];
    assert!(close(m.total_ordered_qty, 15.0));
    assert!(close(m.feasibility.purchasable_qty.unwrap(), 15.0));
    // Written, read back, and named by fiscal year in the editor's words.
    let text = file::to_ron_string(&s);
    assert!(text.contains("QtyByPlanYear("), "{text}");
    assert_eq!(file::from_str(&text, "amp.ron").unwrap(), s);
    assert_eq!(
        s.settings.plan_year.year_names(s.start, s.horizon_months),
        ["FY26", "FY27", "FY28"]
    );

    // A negative amount, or none: said, at the year, in its name. More
    // amounts than plan years are kept for a longer timeframe.
    s.minerals[0].ceiling = PurchaseCeiling::QtyByPlanYear(vec![3.0, -1.0, 6.0, 6.0]);
    let problems = validate(&s);
    let paths: Vec<&str> = problems.iter().map(|p| p.path.as_str()).collect();
    assert_eq!(paths, ["minerals[0].ceiling[1]"], "{problems:?}");
    assert_eq!(
        stockpile_planner::model::places::place_in_words(&s, paths[0]),
        "Cobalt · ceiling, FY27"
    );
    s.minerals[0].ceiling = PurchaseCeiling::QtyByPlanYear(vec![]);
    assert_eq!(validate(&s).len(), 1);
}
