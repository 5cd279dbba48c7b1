//! Ranges are inputs like any other: a changed 90 % range, chance or start
//! range, or Monte Carlo seed or sample count, shows in "What changed" and
//! `diff` (`compare::differences`) in the planner's words with units, and
//! names its undo step (`changes::describe_step`).

use crate::common;

use common::simple;
use stockpile_planner::model::changes::describe_step;
use stockpile_planner::model::compare::differences;
use stockpile_planner::model::{
    Disruption, DisruptionKind, EventTarget, FeedShare, MonthRange, Range, Scenario, YearMonth,
};

/// Cobalt at $42,000/t with a price range, bought from Vale (lead time 4
/// months, 3–8), with a DRC export quota from March 2026.
fn plan() -> Scenario {
    let mut s = simple(24, 10e6, 1_000.0);
    let cobalt = &mut s.minerals[0];
    cobalt.price_usd_per_unit = 42_000.0;
    cobalt.price_range_usd_per_unit = Some(Range::new(40_000.0, 55_000.0));
    let vale = &mut cobalt.suppliers[0];
    vale.name = "Vale".into();
    vale.lead_time_months = 4;
    vale.lead_time_range_months = Some(Range::new(3.0, 8.0));
    vale.capacity_qty_per_year = Some(2_000.0);
    vale.feed = vec![
        FeedShare::new("DRC", 40.0),
        FeedShare::new("Australia", 60.0),
    ];
    s.disruptions.push(Disruption {
        target: EventTarget::FeedOrigin,
        ..Disruption::new(
            "DRC quota",
            DisruptionKind::ExportQuotaQty(1_000.0),
            "DRC",
            YearMonth::new(2026, 3),
        )
    });
    s
}

/// Every difference from `a` to `b` as the window lists it.
fn sentences(a: &Scenario, b: &Scenario) -> Vec<String> {
    differences(a, b).iter().map(|d| d.sentence()).collect()
}

#[test]
fn a_price_range_change_reads_in_dollars_per_unit() {
    let a = plan();
    let mut b = a.clone();
    b.minerals[0].price_range_usd_per_unit = Some(Range::new(35_000.0, 60_000.0));
    assert_eq!(
        sentences(&a, &b),
        ["Cobalt · price range: $40,000–$55,000/t → $35,000–$60,000/t"]
    );
    assert_eq!(
        differences(&a, &b)[0].path,
        "minerals[0].price_range_usd_per_unit"
    );
    assert_eq!(describe_step(&a, &b), "price range of Cobalt");
    // Taken away: the price is certain again.
    b.minerals[0].price_range_usd_per_unit = None;
    assert_eq!(
        sentences(&a, &b),
        ["Cobalt · price range: $40,000–$55,000/t → none"]
    );
}

#[test]
fn ends_typed_the_other_way_round_are_the_same_range() {
    let a = plan();
    let mut b = a.clone();
    b.minerals[0].price_range_usd_per_unit = Some(Range::new(55_000.0, 40_000.0));
    assert_eq!(sentences(&a, &b), Vec::<String>::new());
}

#[test]
fn an_escalation_range_reads_in_percent_per_year() {
    let a = plan();
    let mut b = a.clone();
    b.minerals[0].escalation_range_pct_per_year = Some(Range::new(0.0, 8.5));
    assert_eq!(
        sentences(&a, &b),
        ["Cobalt · escalation range: none → 0–8.5%/year"]
    );
    assert_eq!(describe_step(&a, &b), "escalation range of Cobalt");
}

#[test]
fn a_supplier_lead_time_range_reads_in_months() {
    let a = plan();
    let mut b = a.clone();
    b.minerals[0].suppliers[0].lead_time_range_months = Some(Range::new(2.0, 10.0));
    assert_eq!(
        sentences(&a, &b),
        ["Cobalt · supplier Vale · lead time range: 3–8 months → 2–10 months"]
    );
    assert_eq!(
        differences(&a, &b)[0].path,
        "minerals[0].suppliers[0].lead_time_range_months"
    );
    assert_eq!(describe_step(&a, &b), "lead time range of Vale (Cobalt)");
}

#[test]
fn share_capacity_and_feed_ranges_read_with_their_units() {
    let a = plan();
    let mut b = a.clone();
    let vale = &mut b.minerals[0].suppliers[0];
    vale.share_range_pct = Some(Range::new(80.0, 100.0));
    vale.capacity_range_qty_per_year = Some(Range::new(1_500.0, 2_500.0));
    vale.feed[0].share_range_pct = Some(Range::new(20.0, 60.0));
    assert_eq!(
        sentences(&a, &b),
        [
            "Cobalt · supplier Vale · share range: none → 80–100%",
            "Cobalt · supplier Vale · capacity range: none → 1,500–2,500 t per year",
            "Cobalt · supplier Vale · feed: DRC 40%, Australia 60% → DRC 40% (20–60%), Australia 60%",
        ]
    );
    assert_eq!(
        describe_step(&a, &b),
        "share range of Vale (Cobalt) and 2 more"
    );
    let mut c = a.clone();
    c.minerals[0].suppliers[0].feed[1].share_range_pct = Some(Range::new(50.0, 70.0));
    assert_eq!(describe_step(&a, &c), "feed range of Vale (Cobalt)");
    // A share and its range together are one edit of the suppliers.
    c.minerals[0].suppliers[0].share_pct = 90.0;
    assert_eq!(describe_step(&a, &c), "suppliers of Cobalt");
}

#[test]
fn an_event_chance_and_start_range_read_in_percent_and_months() {
    let a = plan();
    let mut b = a.clone();
    b.disruptions[0].probability_pct = 70.0;
    assert_eq!(
        sentences(&a, &b),
        ["Event 'DRC quota' · chance: 100% → 70%"]
    );
    assert_eq!(
        differences(&a, &b)[0].path,
        "disruptions[0].probability_pct"
    );
    assert_eq!(describe_step(&a, &b), "chance of DRC quota");

    let mut c = a.clone();
    c.disruptions[0].start_range = Some(MonthRange {
        earliest: YearMonth::new(2026, 3),
        latest: YearMonth::new(2026, 9),
    });
    assert_eq!(
        sentences(&a, &c),
        ["Event 'DRC quota' · start range: none → 2026-03 to 2026-09"]
    );
    assert_eq!(describe_step(&a, &c), "start range of DRC quota");
    // Any other field of the event is still "event DRC quota".
    c.disruptions[0].start_range = None;
    c.disruptions[0].start = YearMonth::new(2026, 4);
    assert_eq!(describe_step(&a, &c), "event DRC quota");
}

#[test]
fn the_monte_carlo_seed_and_samples_are_differences() {
    let a = plan();
    let mut b = a.clone();
    b.settings.monte_carlo.seed = 7;
    b.settings.monte_carlo.samples = 20_000;
    assert_eq!(
        sentences(&a, &b),
        [
            "Monte Carlo seed: 2025 → 7",
            "Monte Carlo samples: 5,000 → 20,000"
        ]
    );
    let paths: Vec<String> = differences(&a, &b).into_iter().map(|d| d.path).collect();
    assert_eq!(
        paths,
        ["settings.monte_carlo.seed", "settings.monte_carlo.samples"]
    );
    assert_eq!(describe_step(&a, &b), "Monte Carlo seed and 1 more");
}

#[test]
fn ranges_inside_a_variant_are_named_with_the_variant() {
    let a = plan();
    let mut file = a.clone();
    file.duplicate_variant(0);
    file.variants[0].name = "Ban in 2026".into();
    let mut edited = file.clone();
    edited.variants[0].disruptions[0].probability_pct = 40.0;
    assert_eq!(
        describe_step(&file, &edited),
        "Ban in 2026: chance of DRC quota"
    );
    // The variant against the base, as "What changed" compares them.
    assert_eq!(
        sentences(&edited, &edited.variants[0]),
        ["Event 'DRC quota' · chance: 100% → 40%"]
    );
}
