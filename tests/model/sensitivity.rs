//! The tornado (`model::sensitivity`), worked by hand.

use crate::common;

use std::sync::atomic::AtomicBool;
use stockpile_planner::model::sensitivity::{Input, tornado};
use stockpile_planner::model::{Disruption, DisruptionKind, Range, YearMonth};

/// $100,000 over 10 months at $100/t, 1,000 t required, no lead time:
/// final coverage 100 %. Each single value moves ±20 %:
/// - price $80 → 100,000 ÷ 80 = 1,250 t = 125 %; $120 → 833.3 t = 83.33 %:
///   41.67 points;
/// - requirement 800 t → 125 %; 1,200 t → 83.33 %: 41.67 points;
/// - budget $80,000 → 80 %; $120,000 → 120 %: 40 points;
/// - the lead time (0) and the escalation (0 %) have nothing to swing.
#[test]
fn single_values_swing_by_20_pct_and_the_widest_comes_first() {
    let s = common::simple(10, 100_000.0, 1_000.0);
    let t = tornado(&s, Some(0), &AtomicBool::new(false)).unwrap();
    assert!((t.base_pct - 100.0).abs() < 1e-9);
    let labels: Vec<&str> = t.swings.iter().map(|w| w.label.as_str()).collect();
    assert_eq!(labels.len(), 3, "{labels:?}");
    assert_eq!(labels[2], "Cobalt · budget");
    let price = t
        .swings
        .iter()
        .find(|w| w.input == Input::Price { mineral: 0 })
        .unwrap();
    assert!((price.coverage_at_low_pct - 125.0).abs() < 1e-9);
    assert!((price.coverage_at_high_pct - 83.333_333_333).abs() < 1e-6);
    assert_eq!(price.low_label, "$80/t");
    assert_eq!(price.high_label, "$120/t");
    let budget = &t.swings[2];
    assert!((budget.coverage_at_low_pct - 80.0).abs() < 1e-9);
    assert!((budget.coverage_at_high_pct - 120.0).abs() < 1e-9);
    assert!((budget.width_pts() - 40.0).abs() < 1e-9);
}

/// A price range replaces the ±20 %: $50–$200/t gives 200 % and 50 %.
#[test]
fn a_range_sets_the_ends() {
    let mut s = common::simple(10, 100_000.0, 1_000.0);
    s.minerals[0].price_range_usd_per_unit = Some(Range::new(50.0, 200.0));
    let t = tornado(&s, Some(0), &AtomicBool::new(false)).unwrap();
    let first = &t.swings[0];
    assert_eq!(first.input, Input::Price { mineral: 0 });
    assert!((first.coverage_at_low_pct - 200.0).abs() < 1e-9);
    assert!((first.coverage_at_high_pct - 50.0).abs() < 1e-9);
}

/// A ban on the only supplier from month 6, not re-sourced: without it
/// 100 %, with it 50 % (five months bought of ten). Its start moves ±20 %
/// of the 10-month horizon, ±2 months: from month 4 (30 %) to month 8
/// (70 %).
#[test]
fn an_event_swings_between_not_happening_and_happening() {
    let mut s = common::simple(10, 100_000.0, 1_000.0);
    s.settings.resource_blocked_orders = false;
    s.disruptions.push(Disruption::new(
        "DRC ban",
        DisruptionKind::ExportBan,
        "DRC",
        YearMonth::new(2026, 6),
    ));
    let t = tornado(&s, None, &AtomicBool::new(false)).unwrap();
    assert!((t.base_pct - 50.0).abs() < 1e-9);
    let happens = t
        .swings
        .iter()
        .find(|w| w.input == Input::EventHappens { event: 0 })
        .unwrap();
    assert_eq!(happens.label, "DRC ban · happens");
    assert!((happens.coverage_at_low_pct - 100.0).abs() < 1e-9);
    assert!((happens.coverage_at_high_pct - 50.0).abs() < 1e-9);
    let start = t
        .swings
        .iter()
        .find(|w| w.input == Input::EventStart { event: 0 })
        .unwrap();
    assert_eq!(
        (start.low_label.as_str(), start.high_label.as_str()),
        ("2026-04", "2026-08")
    );
    assert!((start.coverage_at_low_pct - 30.0).abs() < 1e-9);
    assert!((start.coverage_at_high_pct - 70.0).abs() < 1e-9);
}

/// A cancelled tornado gives nothing; a mineral that does not exist too.
#[test]
fn cancelled_or_out_of_range_gives_nothing() {
    let s = common::simple(10, 100_000.0, 1_000.0);
    assert!(tornado(&s, Some(0), &AtomicBool::new(true)).is_none());
    assert!(tornado(&s, Some(3), &AtomicBool::new(false)).is_none());
}
