//! The second tier of supply in the window: a supplier's country, capacity
//! and feed mix, filled from world production; an event aimed at a feed
//! origin; the concentration line.

use crate::common;

use egui_kittest::kittest::Queryable;
use stockpile_planner::model::disruption::EventTarget;
use stockpile_planner::model::{PurchaseCeiling, Range};
use stockpile_planner::samples;

type Window = egui_kittest::Harness<'static, stockpile_planner::ui::PlannerApp>;

#[test]
fn fill_feed_from_world_production_and_aim_an_event_at_an_origin() {
    let mut h = common::window(samples::default_scenario(), egui::Theme::Dark);
    // The concentration line under the suppliers (33.34/33.33/33.33 →
    // 3,333: three refiners, still above 2,500).
    assert!(
        h.query_by_label_contains("Suppliers HHI 3,333 (highly concentrated) · from China 0%")
            .is_some()
    );
    h.get_by_label_contains("Vale Port Colborne: Canada · unlimited · feed Canada 100%")
        .click();
    h.run();
    h.get_by_label("Fill from world production").click();
    h.run();
    h.run();
    let feed = &h.state().doc.scenario.minerals[0].suppliers[0].feed;
    assert_eq!(feed[0].origin, "DRC", "the name planners type in events");
    assert!((feed[0].share_pct - 74.2).abs() < 1e-9, "{feed:?}");
    // Every origin's name is wide enough to read.
    let field = h.get_by_label("Feed origin 1");
    let width = field.rect().width();
    assert!(width >= 100.0, "the origin field is {width} points wide");
    assert!(
        h.state().doc.problems.is_empty(),
        "{:?}",
        h.state().doc.problems
    );

    // Text that is not a number in a feed share is said, never ignored.
    h.get_by_label("Feed origin 1 share").click();
    h.run();
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    h.get_by_label("Feed origin 1 share").type_text("abc");
    h.run();
    h.run();
    assert!(
        h.query_by_label_contains("\"abc\" is not a number")
            .is_some(),
        "a feed share that is not a number is silently ignored"
    );
    h.key_press(egui::Key::Escape);
    h.run();

    // A ban on feed from the DRC now reaches Vale by its feed (74.2 % of
    // it). Cobalt's ceiling (1,500 t a fiscal year) would hide the cut: the
    // budget orders 2,085 t a year, and 2,085 × (1 − 0.3334 × 0.759) =
    // 1,558 t with the ban, still above the ceiling. Without a ceiling the
    // plan is held by its budget, and what Vale cannot buy is lost
    // (re-sourcing off).
    {
        let s = h.state_mut().doc.active_mut();
        s.minerals[0].ceiling = PurchaseCeiling::None;
        // ... and buying past the requirement, so that the cut shows in
        // the final figure (stopped at the requirement, both end at 100 %).
        s.settings.stop_at_requirement = false;
    }
    h.run();
    h.run();
    let before = h.state().doc.projection.minerals[0].final_coverage_pct();
    {
        let s = h.state_mut().doc.active_mut();
        let k = s.add_event(0);
        s.disruptions[k].target = EventTarget::FeedOrigin;
        s.disruptions[k].supplier = "DRC".into();
        s.disruptions[k].minerals = vec!["Cobalt".into()];
        s.settings.resource_blocked_orders = false;
    }
    h.run();
    h.run();
    let after = h.state().doc.projection.minerals[0].final_coverage_pct();
    assert!(after < before - 1.0, "{before} -> {after}");
}

/// A feed origin's share gets a 90 % range beside it: the tick box gives a
/// fresh one (±20 points), the ends are typed on the row under it, the
/// edit is one undo step named for it, and the saved file holds it.
#[test]
fn a_feed_share_range_is_ticked_typed_and_saved() {
    let mut h = common::window(samples::default_scenario(), egui::Theme::Dark);
    h.get_by_label_contains("Vale Port Colborne: Canada")
        .click();
    h.run();
    let feed = |h: &Window| h.state().doc.scenario.minerals[0].suppliers[0].feed.clone();
    // All from Canada, certain.
    assert_eq!(feed(&h).len(), 1);
    assert_eq!(feed(&h)[0].share_pct, 100.0);
    assert_eq!(feed(&h)[0].share_range_pct, None);
    assert!(h.query_by_label("Feed origin 1 share range low").is_none());

    h.get_by_label("Feed origin 1 share range").click();
    h.run();
    h.run();
    assert_eq!(feed(&h)[0].share_range_pct, Some(Range::new(80.0, 100.0)));

    // The low end typed as a planner does: select all, type, Tab away.
    h.get_by_label("Feed origin 1 share range low").click();
    h.run();
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    h.get_by_label("Feed origin 1 share range low")
        .type_text("65");
    h.run();
    h.key_press(egui::Key::Tab);
    h.run();
    h.run();
    assert_eq!(feed(&h)[0].share_range_pct, Some(Range::new(65.0, 100.0)));
    assert!(
        h.state().doc.problems.is_empty(),
        "{:?}",
        h.state().doc.problems
    );
    let doc = &h.state().doc;
    assert_eq!(
        doc.history.undo_label(&doc.scenario).as_deref(),
        Some("feed range of Vale Port Colborne (Cobalt)")
    );
    let text = stockpile_planner::file::to_ron_string(&doc.scenario);
    assert!(
        text.contains(
            "share_range_pct: Some(Range(\n                                low: 65.0,\n                                high: 100.0,\n                            )),"
        ),
        "{text}"
    );

    // Text that is not a number is said beside the ends; Escape puts the
    // end back and leaves no undo step of its own.
    h.get_by_label("Feed origin 1 share range high").click();
    h.run();
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    h.get_by_label("Feed origin 1 share range high")
        .type_text("9");
    h.run();
    h.get_by_label("Feed origin 1 share range high")
        .type_text("x");
    h.run();
    h.run();
    assert!(
        h.query_by_label_contains("\"9x\" is not a number")
            .is_some()
    );
    // The value from before the edit stays in force, never the prefix 9.
    assert_eq!(feed(&h)[0].share_range_pct, Some(Range::new(65.0, 100.0)));
    h.key_press(egui::Key::Escape);
    h.run();
    h.run();
    h.run();
    assert_eq!(feed(&h)[0].share_range_pct, Some(Range::new(65.0, 100.0)));
    let doc = &h.state().doc;
    assert_eq!(
        doc.history.undo_label(&doc.scenario).as_deref(),
        Some("feed range of Vale Port Colborne (Cobalt)")
    );
    h.state_mut().doc.undo();
    h.run();
    assert_eq!(feed(&h)[0].share_range_pct, Some(Range::new(80.0, 100.0)));
    h.state_mut().doc.redo();
    h.run();

    // Unticked: the share is certain again.
    h.get_by_label("Feed origin 1 share range").click();
    h.run();
    h.run();
    assert_eq!(feed(&h)[0].share_range_pct, None);
}

/// A capacity that changes from a month on is added in the supplier's
/// supply chain, says itself in the section's title, and moves the plan.
#[test]
fn a_capacity_from_a_month_on_is_added_in_the_supply_chain() {
    let mut h = common::window(samples::default_scenario(), egui::Theme::Dark);
    h.get_by_label_contains("Vale Port Colborne: Canada · unlimited")
        .click();
    h.run();
    h.get_by_label("+ Capacity from a month").click();
    h.run();
    h.run();
    let s = &h.state().doc.scenario.minerals[0].suppliers[0];
    // A year after the plan's start, at 1,000 t a year (no capacity yet).
    assert_eq!(s.capacity_changes.len(), 1, "{:?}", s.capacity_changes);
    assert_eq!(s.capacity_changes[0].from.to_string(), "2026-10");
    assert_eq!(s.capacity_changes[0].qty_per_year, 1000.0);
    assert!(
        h.query_by_label_contains("Vale Port Colborne: Canada · unlimited, 1,000/yr from 2026-10")
            .is_some()
    );
    assert!(
        h.state().doc.problems.is_empty(),
        "{:?}",
        h.state().doc.problems
    );
    // Removed again.
    h.get_by_label("Remove capacity change 1").click();
    h.run();
    h.run();
    assert!(
        h.state().doc.scenario.minerals[0].suppliers[0]
            .capacity_changes
            .is_empty()
    );
}

/// A ceiling per plan year: each year's field named as the plot names it,
/// a bad amount said under that field (not only in the status bar), and
/// the line under the mineral's name says what the money does.
#[test]
fn a_ceiling_per_plan_year_says_its_problems_at_the_year() {
    let mut s = samples::default_scenario();
    s.minerals[0].ceiling = PurchaseCeiling::QtyByPlanYear(vec![1500.0, -5.0]);
    let h = common::window(s, egui::Theme::Dark);
    assert!(h.query_by_label("FY26 ceiling").is_some());
    assert!(h.query_by_label("FY27 ceiling").is_some());
    assert!(
        h.query_by_label_contains("A plan year's ceiling cannot be negative")
            .is_some(),
        "{:?}",
        h.state().doc.problems
    );
    assert!(
        h.query_by_label_contains("FY28 on: -5 t a year, the last amount")
            .is_some()
    );
}

/// At 1280×720 a warning longer than the two lines kept for it is cut with
/// "…" (whole on hover), so the fields under it stay where they are.
#[test]
fn a_long_warning_never_pushes_the_fields_below() {
    let field_top = |scenario| {
        let h = common::window_sized(
            stockpile_planner::ui::PlannerApp::new(scenario),
            egui::Theme::Dark,
            [1280.0, 720.0],
        );
        h.get_by_label("Mineral name").rect().top()
    };
    let short = field_top(samples::default_scenario());
    let mut long = samples::default_scenario();
    long.minerals[0].ceiling = PurchaseCeiling::QtyByPlanYear(vec![1500.0, 1400.0]);
    assert_eq!(field_top(long), short);
}
