//! Validation: each problem names its field path and says what is wrong.

use crate::common;

use common::{simple, supplier};
use stockpile_planner::model::{PurchaseCeiling, SpendingProfile, validate};

fn problems(s: &stockpile_planner::model::Scenario) -> Vec<String> {
    validate(s).iter().map(|p| p.to_string()).collect()
}

#[test]
fn shares_that_do_not_add_up() {
    let mut s = simple(12, 1200.0, 10.0);
    s.minerals[0].suppliers = vec![supplier("DRC", 60.0, 0), supplier("Indonesia", 30.0, 0)];
    assert_eq!(
        problems(&s),
        ["minerals[0].suppliers: The supplier shares add up to 90%, not 100%"]
    );
    // Within 0.01 is fine.
    s.minerals[0].suppliers[1].share_pct = 39.995;
    assert!(problems(&s).is_empty());
}

#[test]
fn negative_and_non_finite_numbers() {
    let mut s = simple(12, -5.0, 10.0);
    s.minerals[0].price_usd_per_unit = f64::NAN;
    s.minerals[0].suppliers[0].share_pct = f64::INFINITY;
    s.minerals[0].opening_inventory_qty = -1.0;
    assert_eq!(
        problems(&s),
        [
            "minerals[0].price_usd_per_unit: The price must be a number, not NaN",
            "minerals[0].opening_inventory_qty: The opening inventory cannot be negative (it is -1)",
            "minerals[0].budget_usd: The budget cannot be negative (it is -5)",
            "minerals[0].suppliers[0].share_pct: The share must be a number, not inf",
        ]
    );
}

#[test]
fn empty_names_and_zero_requirement() {
    let mut s = simple(12, 1200.0, 0.0);
    s.name = "  ".into();
    s.minerals[0].name = String::new();
    s.minerals[0].suppliers[0].name = String::new();
    assert_eq!(
        problems(&s),
        [
            "name: The scenario needs a name",
            "minerals[0].name: A mineral needs a name",
            "minerals[0].requirement_qty: The requirement must be greater than 0 (it is 0)",
            "minerals[0].suppliers[0].name: A supplier needs a name",
        ]
    );
}

#[test]
fn horizon_out_of_range() {
    for bad in [0, 241] {
        let s = simple(bad, 1200.0, 10.0);
        assert_eq!(
            problems(&s),
            [format!(
                "horizon_months: The horizon must be 1 to 240 months (it is {bad})"
            )]
        );
    }
}

#[test]
fn spending_profile_must_match_the_budget_and_horizon() {
    let mut s = simple(12, 1200.0, 10.0);
    s.minerals[0].spending = SpendingProfile::PerYearUsd(vec![1000.0, 100.0]);
    assert_eq!(
        problems(&s),
        [
            "minerals[0].spending: 2 amounts per year are given but the horizon has only 1; the extra ones would never be spent",
            "minerals[0].spending: The amounts per year add up to $1100 but the budget is $1200",
        ]
    );
}

#[test]
fn ceilings_and_duplicate_names() {
    let mut s = simple(12, 1200.0, 10.0);
    s.minerals.push(s.minerals[0].clone());
    s.minerals[1].ceiling = PurchaseCeiling::PctOfQualifiedSupply {
        pct: 120.0,
        qualified_supply_qty_per_year: -3.0,
    };
    assert_eq!(
        problems(&s),
        [
            "minerals[0].name: Another mineral (#2) is also called \"Cobalt\"; names must differ",
            "minerals[1].name: Another mineral (#1) is also called \"Cobalt\"; names must differ",
            "minerals[1].ceiling.pct: The ceiling share cannot exceed 100% (it is 120%)",
            "minerals[1].ceiling.qualified_supply_qty_per_year: The qualified supply cannot be negative (it is -3)",
        ]
    );
}

#[test]
fn capacity_and_feed_mix() {
    use stockpile_planner::model::FeedShare;
    let mut s = simple(12, 1200.0, 10.0);
    let refiner = &mut s.minerals[0].suppliers[0];
    refiner.capacity_qty_per_year = Some(0.0);
    refiner.feed = vec![
        FeedShare {
            origin: "DRC".into(),
            share_pct: 40.0,
            share_range_pct: None,
        },
        FeedShare {
            origin: " ".into(),
            share_pct: 120.0,
            share_range_pct: None,
        },
    ];
    assert_eq!(
        problems(&s),
        [
            "minerals[0].suppliers[0].capacity_qty_per_year: The capacity must be greater than 0 (it is 0)",
            "minerals[0].suppliers[0].feed[1].origin: A feed origin needs a name",
            "minerals[0].suppliers[0].feed[1].share_pct: A feed share must be between 0% and 100% (it is 120)",
        ]
    );
    let refiner = &mut s.minerals[0].suppliers[0];
    refiner.capacity_qty_per_year = Some(f64::NAN);
    refiner.feed[1] = FeedShare {
        origin: "Australia".into(),
        share_pct: 50.0,
        share_range_pct: None,
    };
    assert_eq!(
        problems(&s),
        [
            "minerals[0].suppliers[0].capacity_qty_per_year: The capacity must be a number, not NaN",
            "minerals[0].suppliers[0].feed: The feed shares of DRC add up to 90%, not 100%",
        ]
    );
    // Within 0.01 is fine; no feed list at all is fine too.
    let refiner = &mut s.minerals[0].suppliers[0];
    refiner.capacity_qty_per_year = Some(500.0);
    refiner.feed[1].share_pct = 59.995;
    assert!(problems(&s).is_empty());
    s.minerals[0].suppliers[0].feed.clear();
    assert!(problems(&s).is_empty());
}
