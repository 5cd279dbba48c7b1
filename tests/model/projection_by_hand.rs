//! The projection's equations, checked against numbers worked out by hand
//! (the working is in each test's comment).

use crate::common;

use common::{simple, supplier};
use stockpile_planner::model::{PurchaseCeiling, SpendingProfile, project, validate};

#[test]
fn one_mineral_one_supplier() {
    // $1,200 over 12 months = $100/month; at $100/t that is 1 t/month,
    // delivered the same month. Requirement 10 t: 10% per month.
    let s = simple(12, 1200.0, 10.0);
    assert!(validate(&s).is_empty());
    let p = project(&s);
    let m = &p.minerals[0];
    assert_eq!(m.months.len(), 12);
    let first = m.months[0];
    assert_close!(first.spend_usd, 100.0);
    assert_close!(first.ordered_qty, 1.0);
    assert_close!(first.delivered_qty, 1.0);
    assert_close!(first.inventory_qty, 1.0);
    assert_close!(first.requirement_qty, 10.0);
    assert_close!(first.coverage_pct, 10.0);
    assert_close!(first.unspent_usd, 0.0);
    // 10 t in month 10: 100% reached in 2026-10.
    assert_eq!(m.first_full_coverage_month, Some(10));
    assert_eq!(p.calendar_month(10).to_string(), "2026-10");
    assert_close!(m.final_coverage_pct(), 120.0);
    assert_close!(m.total_cost_usd, 1200.0);
    assert_close!(m.in_transit_at_end_qty, 0.0);
}

#[test]
fn two_suppliers_with_different_lead_times() {
    // 1 t/month ordered: 0.75 t with no lead time, 0.25 t arriving 2 months
    // later. Month 1: 0.75; month 2: 1.5; month 3: 1.5 + 0.75 + 0.25 = 2.5.
    // Month 12: 12 × 0.75 + 10 × 0.25 = 11.5 t; 0.5 t still in transit.
    let mut s = simple(12, 1200.0, 23.0);
    s.minerals[0].suppliers = vec![supplier("DRC", 75.0, 0), supplier("Indonesia", 25.0, 2)];
    let m = &project(&s).minerals[0];
    assert_close!(m.months[0].inventory_qty, 0.75);
    assert_close!(m.months[1].inventory_qty, 1.5);
    assert_close!(m.months[2].delivered_qty, 1.0);
    assert_close!(m.months[2].inventory_qty, 2.5);
    assert_close!(m.months[11].inventory_qty, 11.5);
    assert_close!(m.final_coverage_pct(), 50.0);
    assert_close!(m.in_transit_at_end_qty, 0.5);
    assert_close!(m.total_ordered_qty, 12.0);
    assert_eq!(m.first_full_coverage_month, None);
}

#[test]
fn escalation_compounds_monthly() {
    // 21%/year: month 7 price = 100 × 1.21^(6/12) = $110; month 13 = $121.
    // $110/month buys 1.1 t in month 1, 1 t in month 7, 110/121 t in month 13.
    let mut s = simple(13, 13.0 * 110.0, 100.0);
    s.minerals[0].escalation_pct_per_year = 21.0;
    let m = &project(&s).minerals[0];
    assert_close!(m.months[0].ordered_qty, 1.1);
    assert_close!(m.months[6].ordered_qty, 1.0);
    assert_close!(m.months[12].ordered_qty, 110.0 / 121.0);
}

#[test]
fn a_ceiling_that_binds() {
    // $200/month buys 2 t/month; the ceiling is 15 t per plan year, paced:
    // 15 / 12 = 1.25 t a month. Every month buys 1.25 t for $125.
    // Without carry-over the other $75 a month is lost: $2,400 - $1,500 = $900.
    let mut s = simple(12, 2400.0, 30.0);
    s.settings.carry_over_unspent = false;
    s.minerals[0].ceiling = PurchaseCeiling::QtyPerYear(15.0);
    let m = &project(&s).minerals[0];
    assert_close!(m.months[0].ordered_qty, 1.25);
    assert_close!(m.months[7].ordered_qty, 1.25);
    assert_close!(m.months[7].spend_usd, 125.0);
    assert_close!(m.months[7].unspent_usd, 8.0 * 75.0);
    assert_close!(m.months[11].ordered_qty, 1.25);
    assert_close!(m.total_ordered_qty, 15.0);
    assert_close!(m.unspent_usd(), 900.0);
    assert_close!(m.final_coverage_pct(), 50.0);
}

#[test]
fn percent_of_qualified_supply_ceiling() {
    // 10% of 150 t/yr = 15 t/yr: the same as the fixed ceiling above.
    let mut s = simple(12, 2400.0, 30.0);
    s.minerals[0].ceiling = PurchaseCeiling::PctOfQualifiedSupply {
        pct: 10.0,
        qualified_supply_qty_per_year: 150.0,
    };
    assert_close!(project(&s).minerals[0].total_ordered_qty, 15.0);
}

#[test]
fn carry_over_of_unspent_budget() {
    // $2,400 in year 1, nothing in year 2; ceiling 12 t/year at $100/t,
    // paced: 1 t a month. Year 1: each month has $200 and spends $100;
    // $1,200 unspent at its end. With carry-over the $1,200 buys 1 t a
    // month through year 2 (its room: 1 t a month): 24 t, 100% in month 24.
    // Without it the $100 a month is lost: 12 t, 50%.
    let mut s = simple(24, 2400.0, 24.0);
    s.minerals[0].spending = SpendingProfile::PerYearUsd(vec![2400.0, 0.0]);
    s.minerals[0].ceiling = PurchaseCeiling::QtyPerYear(12.0);
    assert!(validate(&s).is_empty(), "{:?}", validate(&s));

    let carried = &project(&s).minerals[0];
    assert_close!(carried.months[11].unspent_usd, 1200.0);
    assert_close!(carried.months[12].spend_usd, 100.0);
    assert_close!(carried.months[12].ordered_qty, 1.0);
    assert_close!(carried.months[23].ordered_qty, 1.0);
    assert_close!(carried.final_coverage_pct(), 100.0);
    assert_eq!(carried.first_full_coverage_month, Some(24));
    assert_close!(carried.unspent_usd(), 0.0);

    s.settings.carry_over_unspent = false;
    let lost = &project(&s).minerals[0];
    assert_close!(lost.months[12].spend_usd, 0.0);
    assert_close!(lost.final_coverage_pct(), 50.0);
    assert_close!(lost.unspent_usd(), 1200.0);
}

#[test]
fn per_month_profile_and_opening_inventory() {
    // Opening 5 t of a 10 t requirement is 50% before anything is bought;
    // $500 in month 2 buys 5 t: 100% in month 2.
    let mut s = simple(3, 500.0, 10.0);
    s.minerals[0].opening_inventory_qty = 5.0;
    s.minerals[0].spending = SpendingProfile::PerMonthUsd(vec![0.0, 500.0, 0.0]);
    let m = &project(&s).minerals[0];
    assert_close!(m.months[0].coverage_pct, 50.0);
    assert_close!(m.months[1].spend_usd, 500.0);
    assert_eq!(m.first_full_coverage_month, Some(2));
}

#[test]
fn partial_last_year_spreads_over_its_months() {
    // Horizon 18 months: year 2 has 6 months, so $600 in year 2 is $100/month.
    let mut s = simple(18, 1800.0, 100.0);
    s.minerals[0].spending = SpendingProfile::PerYearUsd(vec![1200.0, 600.0]);
    let m = &project(&s).minerals[0];
    assert_close!(m.months[12].spend_usd, 100.0);
    assert_close!(m.total_cost_usd, 1800.0);
}

/// Stopping at the requirement (docs/MODEL.md, "Stop at the requirement"):
/// $100 a month buys 1 t a month, 10 t required. Ordering stops once what
/// is held and on its way reaches 10 t: months 1–10 buy 1 t, months 11–12
/// nothing. The $200 left was not needed; nothing could not be spent.
#[test]
fn ordering_stops_at_the_requirement() {
    let mut s = simple(12, 1200.0, 10.0);
    s.settings.stop_at_requirement = true;
    let m = &project(&s).minerals[0];
    assert_close!(m.months[9].ordered_qty, 1.0);
    assert_close!(m.months[10].ordered_qty, 0.0);
    assert_close!(m.total_ordered_qty, 10.0);
    assert_close!(m.final_coverage_pct(), 100.0);
    assert_eq!(m.first_full_coverage_month, Some(10));
    assert_close!(m.unspent_usd(), 200.0);
    assert_close!(m.not_needed_usd, 200.0);
    assert_close!(m.cannot_spend_usd(), 0.0);
    // Without carry-over the same: each of months 11 and 12 holds back its
    // $100 for the requirement.
    s.settings.carry_over_unspent = false;
    let m = &project(&s).minerals[0];
    assert_close!(m.not_needed_usd, 200.0);
    // Off (files without the setting): it buys 12 t, 120 %.
    s.settings.stop_at_requirement = false;
    assert_close!(project(&s).minerals[0].final_coverage_pct(), 120.0);

    // What is on its way counts: with a 2-month lead time, months 1–10
    // still order 1 t each and the 10 t is held in month 12.
    let mut s = simple(12, 1200.0, 10.0);
    s.settings.stop_at_requirement = true;
    s.minerals[0].suppliers[0].lead_time_months = 2;
    let m = &project(&s).minerals[0];
    assert_close!(m.total_ordered_qty, 10.0);
    assert_eq!(m.first_full_coverage_month, Some(12));
    assert_close!(m.in_transit_at_end_qty, 0.0);
}

/// The stop and a ceiling together, without carry-over: ceiling 6 t a
/// year (0.5 t a month), 5 t required. Months 1–10 buy 0.5 t for $50 and
/// lose $50 to the ceiling ($500 that cannot be spent); months 11–12 hold
/// back their $100 for the requirement ($200 not needed).
#[test]
fn money_left_at_the_requirement_is_not_needed_and_the_ceilings_cannot_be_spent() {
    let mut s = simple(12, 1200.0, 5.0);
    s.settings.stop_at_requirement = true;
    s.settings.carry_over_unspent = false;
    s.minerals[0].ceiling = PurchaseCeiling::QtyPerYear(6.0);
    let m = &project(&s).minerals[0];
    assert_close!(m.months[9].ordered_qty, 0.5);
    assert_close!(m.months[10].ordered_qty, 0.0);
    assert_close!(m.unspent_usd(), 700.0);
    assert_close!(m.not_needed_usd, 200.0);
    assert_close!(m.cannot_spend_usd(), 500.0);
}
