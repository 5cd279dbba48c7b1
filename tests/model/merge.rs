//! The three-way merge (`model::merge`): hand cases for every kind of item
//! and conflict, and properties over generated scenarios.

use crate::common::{self, supplier};
use proptest::prelude::*;
use stockpile_planner::model::merge::{Side, merge, merge_choosing};
use stockpile_planner::model::{Disruption, DisruptionKind, Scenario, YearMonth};

/// Cobalt ($500M) and Antimony ($245M), each from two suppliers, 50/50.
fn base() -> Scenario {
    let mut s = common::simple(24, 500e6, 1_000.0);
    s.minerals[0].suppliers = vec![supplier("Vale", 50.0, 1), supplier("Glencore", 50.0, 2)];
    let mut antimony = s.minerals[0].clone();
    antimony.name = "Antimony".into();
    antimony.budget_usd = 245e6;
    s.minerals.push(antimony);
    s
}

fn lines<T: std::fmt::Display>(items: &[T]) -> Vec<String> {
    items.iter().map(ToString::to_string).collect()
}

#[test]
fn edits_to_different_minerals_both_come_in() {
    let b = base();
    let mut ours = b.clone();
    ours.minerals[0].budget_usd = 400e6;
    let mut theirs = b.clone();
    theirs.minerals[1].budget_usd = 300e6;
    theirs.minerals[1].price_usd_per_unit = 120.0;
    let m = merge(Some(&b), &ours, &theirs).unwrap();
    assert!(m.conflicts.is_empty());
    assert_eq!(m.scenario.minerals[0].budget_usd, 400e6);
    assert_eq!(m.scenario.minerals[1].budget_usd, 300e6);
    assert_eq!(m.scenario.minerals[1].price_usd_per_unit, 120.0);
    assert_eq!(
        lines(&m.taken),
        [
            "Antimony · price: $100 → $120",
            "Antimony · budget: $245M → $300M"
        ]
    );
    assert!(m.problems.is_empty());
}

#[test]
fn the_same_field_changed_differently_is_a_conflict_with_three_values() {
    let b = base();
    let mut ours = b.clone();
    ours.minerals[0].budget_usd = 400e6;
    let mut theirs = b.clone();
    theirs.minerals[0].budget_usd = 450e6;
    let m = merge(Some(&b), &ours, &theirs).unwrap();
    assert_eq!(
        lines(&m.conflicts),
        ["Cobalt · budget: base $500M, ours $400M, theirs $450M"]
    );
    assert_eq!(m.conflicts[0].chosen, Side::Ours);
    assert_eq!(m.scenario.minerals[0].budget_usd, 400e6);
    let theirs_taken = merge_choosing(Some(&b), &ours, &theirs, &[Side::Theirs]).unwrap();
    assert_eq!(theirs_taken.scenario.minerals[0].budget_usd, 450e6);
    assert_eq!(theirs_taken.conflicts[0].chosen, Side::Theirs);
}

#[test]
fn money_that_would_look_alike_is_written_in_full() {
    let b = base();
    let mut ours = b.clone();
    ours.minerals[0].budget_usd = 500_100_000.0;
    let mut theirs = b.clone();
    theirs.minerals[0].budget_usd = 500_200_000.0;
    let m = merge(Some(&b), &ours, &theirs).unwrap();
    assert_eq!(
        lines(&m.conflicts),
        ["Cobalt · budget: base $500,000,000, ours $500,100,000, theirs $500,200,000"]
    );
}

#[test]
fn the_same_change_on_both_sides_is_no_conflict() {
    let b = base();
    let mut ours = b.clone();
    ours.minerals[0].requirement_qty = 2_000.0;
    let theirs = ours.clone();
    let m = merge(Some(&b), &ours, &theirs).unwrap();
    assert!(m.conflicts.is_empty() && m.taken.is_empty());
    assert_eq!(m.scenario, ours);
}

#[test]
fn items_added_on_one_side_are_kept_in_their_place() {
    let b = base();
    let mut ours = b.clone();
    let mut gallium = b.minerals[0].clone();
    gallium.name = "Gallium".into();
    ours.minerals.push(gallium);
    let mut theirs = b.clone();
    // A supplier between Vale and Glencore, and an event.
    theirs.minerals[0]
        .suppliers
        .insert(1, supplier("Sumitomo", 0.0, 3));
    theirs.disruptions.push(Disruption::new(
        "China ban",
        DisruptionKind::ExportBan,
        "China",
        YearMonth::new(2026, 6),
    ));
    let m = merge(Some(&b), &ours, &theirs).unwrap();
    assert!(m.conflicts.is_empty(), "{:?}", m.conflicts);
    let names: Vec<&str> = m
        .scenario
        .minerals
        .iter()
        .map(|m| m.name.as_str())
        .collect();
    assert_eq!(names, ["Cobalt", "Antimony", "Gallium"]);
    let suppliers: Vec<&str> = m.scenario.minerals[0]
        .suppliers
        .iter()
        .map(|s| s.name.as_str())
        .collect();
    assert_eq!(suppliers, ["Vale", "Sumitomo", "Glencore"]);
    assert_eq!(m.scenario.disruptions.len(), 1);
    assert_eq!(
        lines(&m.taken),
        [
            "Cobalt · supplier Sumitomo: added",
            "event China ban: added"
        ]
    );
}

#[test]
fn removed_on_one_side_and_untouched_on_the_other_is_removed() {
    let b = base();
    let mut ours = b.clone();
    ours.minerals.remove(1);
    let mut theirs = b.clone();
    theirs.minerals[0].budget_usd = 450e6;
    let m = merge(Some(&b), &ours, &theirs).unwrap();
    assert!(m.conflicts.is_empty());
    assert_eq!(m.scenario.minerals.len(), 1);
    assert_eq!(m.scenario.minerals[0].budget_usd, 450e6);
    // Their removal comes in too.
    let m = merge(Some(&b), &theirs, &ours).unwrap();
    assert_eq!(lines(&m.taken), ["Antimony: removed"]);
}

#[test]
fn removed_on_one_side_and_edited_on_the_other_is_a_conflict() {
    let b = base();
    let mut ours = b.clone();
    ours.minerals[0].suppliers.remove(1);
    ours.minerals[0].suppliers[0].share_pct = 100.0;
    let mut theirs = b.clone();
    theirs.minerals[0].suppliers[1].lead_time_months = 6;
    let m = merge(Some(&b), &ours, &theirs).unwrap();
    assert_eq!(
        lines(&m.conflicts),
        ["Cobalt · supplier Glencore: base there, ours removed, theirs edited"]
    );
    assert_eq!(m.scenario.minerals[0].suppliers.len(), 1, "ours: removed");
    let m = merge_choosing(Some(&b), &ours, &theirs, &[Side::Theirs]).unwrap();
    assert_eq!(m.scenario.minerals[0].suppliers[1].lead_time_months, 6);
    // Vale at 100 % and Glencore back at 50 %: said, per mineral.
    assert_eq!(
        m.problems_in_words(),
        ["Cobalt · suppliers: The supplier shares add up to 150%, not 100%"]
    );
}

#[test]
fn a_clean_merge_can_be_invalid_and_says_so_per_mineral() {
    // Both move Vale to 60 %; each adds a supplier for the other 40 %.
    let b = base();
    let mut ours = b.clone();
    ours.minerals[0].suppliers = vec![supplier("Vale", 60.0, 1), supplier("Glencore", 40.0, 2)];
    let mut theirs = b.clone();
    theirs.minerals[0].suppliers = vec![supplier("Vale", 60.0, 1), supplier("Glencore", 0.0, 2)];
    theirs.minerals[0]
        .suppliers
        .push(supplier("Sumitomo", 40.0, 3));
    let m = merge(Some(&b), &ours, &theirs).unwrap();
    assert_eq!(
        lines(&m.conflicts),
        ["Cobalt · supplier Glencore · share: base 50%, ours 40%, theirs 0%"]
    );
    assert_eq!(
        m.problems_in_words(),
        ["Cobalt · suppliers: The supplier shares add up to 140%, not 100%"]
    );
}

#[test]
fn settings_notes_timeframe_and_variants_merge_field_by_field() {
    let mut b = base();
    let mut cut = b.clone();
    cut.name = "Budget cut".into();
    b.variants.push(cut);
    let mut ours = b.clone();
    ours.settings.carry_over_unspent = false;
    ours.notes = "Reviewed by J. Smith".into();
    ours.variants[0].minerals[0].budget_usd = 400e6;
    let mut theirs = b.clone();
    theirs.horizon_months = 36;
    theirs.notes = "Prices from USGS MCS 2026".into();
    theirs.variants[0].minerals[1].budget_usd = 200e6;
    theirs.settings.monte_carlo.samples = 10_000;
    let m = merge(Some(&b), &ours, &theirs).unwrap();
    assert_eq!(
        lines(&m.conflicts),
        [r#"notes: base empty, ours "Reviewed by J. Smith", theirs "Prices from USGS MCS 2026""#]
    );
    assert_eq!(
        lines(&m.taken),
        [
            "horizon: 24 months → 36 months",
            "Monte Carlo · samples: 5,000 → 10,000",
            "variant Budget cut · Antimony · budget: $245M → $200M",
        ]
    );
    assert!(!m.scenario.settings.carry_over_unspent);
    assert_eq!(m.scenario.horizon_months, 36);
    assert_eq!(m.scenario.variants[0].minerals[0].budget_usd, 400e6);
    assert_eq!(m.scenario.variants[0].minerals[1].budget_usd, 200e6);
}

#[test]
fn without_a_base_every_difference_is_a_choice() {
    let b = base();
    let mut theirs = b.clone();
    theirs.minerals[0].budget_usd = 450e6;
    let mut gallium = b.minerals[0].clone();
    gallium.name = "Gallium".into();
    theirs.minerals.push(gallium);
    let m = merge(None, &b, &theirs).unwrap();
    assert!(m.taken.is_empty());
    assert_eq!(
        lines(&m.conflicts),
        [
            "Cobalt · budget: ours $500M, theirs $450M",
            "Gallium: ours not there, theirs added",
        ]
    );
    let both = merge_choosing(None, &b, &theirs, &[Side::Theirs, Side::Theirs]).unwrap();
    assert_eq!(both.scenario, theirs);
}

#[test]
fn events_ceilings_and_feed_shares_conflict_in_planner_words() {
    use stockpile_planner::model::{FeedShare, PurchaseCeiling};
    let mut b = base();
    b.disruptions.push(Disruption::new(
        "China ban",
        DisruptionKind::ExportBan,
        "China",
        YearMonth::new(2026, 6),
    ));
    b.minerals[0].suppliers[0].feed = vec![FeedShare {
        origin: "DRC".into(),
        share_pct: 70.0,
        share_range_pct: None,
    }];
    let mut ours = b.clone();
    ours.disruptions[0].end = Some(YearMonth::new(2027, 6));
    ours.minerals[0].ceiling = PurchaseCeiling::QtyPerYear(1_500.0);
    ours.minerals[0].suppliers[0].feed[0].share_pct = 80.0;
    let mut theirs = b.clone();
    theirs.disruptions[0].end = Some(YearMonth::new(2028, 1));
    theirs.minerals[0].ceiling = PurchaseCeiling::QtyPerYear(1_200.0);
    theirs.minerals[0].suppliers[0].feed[0].share_pct = 60.0;
    let m = merge(Some(&b), &ours, &theirs).unwrap();
    assert_eq!(
        lines(&m.conflicts),
        [
            "Cobalt · supplier Vale · feed from DRC · share: base 70%, ours 80%, theirs 60%",
            "Cobalt · ceiling: base none, ours qty per year 1,500, theirs qty per year 1,200",
            "event China ban · end: base none, ours 2027-06, theirs 2028-01",
        ]
    );
}

/// Finite values only: a merge works on valid-looking files.
fn scenario() -> impl Strategy<Value = Scenario> {
    super::properties::scenario(-1e9..1e9f64)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn one_sided_and_identical_changes_merge_to_that_side(b in scenario(), x in scenario()) {
        let m = merge(Some(&b), &x, &b).unwrap();
        prop_assert!(m.conflicts.is_empty());
        prop_assert_eq!(&m.scenario, &x);
        let m = merge(Some(&b), &b, &x).unwrap();
        prop_assert!(m.conflicts.is_empty());
        prop_assert_eq!(&m.scenario, &x);
        let m = merge(Some(&b), &x, &x).unwrap();
        prop_assert!(m.conflicts.is_empty() && m.taken.is_empty());
        prop_assert_eq!(&m.scenario, &x);
    }

    #[test]
    fn a_clean_merge_of_edits_to_two_minerals_holds_both(
        b in scenario(),
        budget_usd in 0.0..1e9f64,
        price in 1.0..1e5f64,
    ) {
        let mut b = b;
        if b.minerals.len() < 2 {
            return Ok(());
        }
        for (i, m) in b.minerals.iter_mut().enumerate() {
            m.name = format!("Mineral {i}");
        }
        let mut ours = b.clone();
        ours.minerals[0].budget_usd = budget_usd;
        let mut theirs = b.clone();
        theirs.minerals[1].price_usd_per_unit = price;
        let m = merge(Some(&b), &ours, &theirs).unwrap();
        prop_assert!(m.conflicts.is_empty());
        prop_assert_eq!(m.scenario.minerals[0].budget_usd, budget_usd);
        prop_assert_eq!(m.scenario.minerals[1].price_usd_per_unit, price);
    }
}

#[test]
fn the_example_in_format_md() {
    let b = base();
    let mut ours = b.clone();
    ours.minerals[0].budget_usd = 400e6;
    let mut theirs = b.clone();
    theirs.minerals[0].budget_usd = 450e6;
    theirs.minerals[1].budget_usd = 300e6;
    theirs.minerals[0].suppliers.remove(1);
    theirs.minerals[0].suppliers[0].share_pct = 100.0;
    let m = merge(Some(&b), &ours, &theirs).unwrap();
    assert_eq!(
        lines(&m.conflicts),
        ["Cobalt · budget: base $500M, ours $400M, theirs $450M"]
    );
    assert_eq!(
        lines(&m.taken),
        [
            "Cobalt · supplier Vale · share: 50% → 100%",
            "Cobalt · supplier Glencore: removed",
            "Antimony · budget: $245M → $300M",
        ]
    );
    assert!(m.problems.is_empty());
}
