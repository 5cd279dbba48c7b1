//! On a projector (1280×720): nothing drawn past its panel's edge, in the
//! editor, the summary beside a baseline, the budget split and presenter
//! mode; and a problem message under a field never moves the controls
//! under the pointer.

use crate::common;
use egui::{Pos2, Rect, vec2};
use egui_kittest::Harness;
use egui_kittest::kittest::{By, NodeT, Queryable};
use stockpile_planner::model::Range;
use stockpile_planner::samples;
use stockpile_planner::ui::PlannerApp;
use stockpile_planner::ui::command::{Command, Message};

type Window = Harness<'static, PlannerApp>;

const PROJECTOR: [f32; 2] = [1280.0, 720.0];

fn projector_window(app: PlannerApp) -> Window {
    let mut h = common::window_sized(app, egui::Theme::Dark, PROJECTOR);
    h.run();
    h
}

fn send(h: &mut Window, message: impl Into<Message>) {
    h.state_mut().send(message);
    h.run();
}

/// Every named node (label, button, field, cell) drawn inside a panel ends
/// inside it: nothing is cut at a panel's edge or needs a sideways scroll.
fn nothing_past_its_panel(h: &Window, scene: &str) {
    let panels = h.state().panel_rects.clone();
    assert!(!panels.is_empty(), "{scene}: no panel drawn");
    let screen = Rect::from_min_size(Pos2::ZERO, PROJECTOR.into());
    let mut past = Vec::new();
    let named = By::new().predicate(|n| {
        n.label().is_some_and(|l| !l.trim().is_empty())
            || n.value().is_some_and(|v| !v.trim().is_empty())
    });
    for node in h.query_all(named) {
        // A panel's resize handle sits on its edge by design, and the text
        // of a field scrolls inside the field (its run is not cut to it).
        let role = node.accesskit_node().role();
        if node.accesskit_node().label().as_deref() == Some("Resize panel")
            || role == egui::accesskit::Role::TextRun
        {
            continue;
        }
        let rect = node.rect();
        if !rect.is_positive() || !screen.intersects(rect) {
            continue;
        }
        let inside = rect.left_top() + vec2(1.0, 1.0);
        let Some((panel_name, panel)) = panels.iter().find(|(_, p)| p.contains(inside)) else {
            continue; // the menu bar, the status bar, a modal or a tooltip
        };
        if rect.right() > panel.right() + 1.0 || rect.right() > screen.right() + 0.5 {
            let name = node
                .accesskit_node()
                .label()
                .or_else(|| node.value())
                .unwrap_or_default();
            past.push(format!(
                "{name:?} ({role:?}) ends at x = {:.0}, past the {panel_name} panel's edge at {:.0}",
                rect.right(),
                panel.right()
            ));
        }
    }
    assert!(past.is_empty(), "{scene}:\n{}", past.join("\n"));
}

#[test]
fn the_editor_with_long_messages_fits_its_panel() {
    let mut s = samples::default_scenario();
    // A range note and validation messages under fields of the editor.
    s.minerals[0].price_range_usd_per_unit = Some(Range::new(2_000.0, 105_000.0));
    s.minerals[0].suppliers[0].share_pct = 60.0;
    s.minerals[0].requirement_qty = -5.0;
    let mut h = projector_window(PlannerApp::new(s));
    assert!(h.query_by_label_contains("add up to").is_some());
    nothing_past_its_panel(&h, "editor with problems");
    send(&mut h, Command::ShowSensitivity);
    nothing_past_its_panel(&h, "sensitivity");
    send(&mut h, Command::ShowGoalSeek);
    nothing_past_its_panel(&h, "goal seek");
}

#[test]
fn the_summary_beside_a_baseline_fits_without_a_sideways_scroll() {
    let mut h = projector_window(PlannerApp::new(samples::default_scenario()));
    // The China restrictions variant, compared with the base.
    send(&mut h, Message::SwitchVariant(1));
    send(&mut h, Message::SetBaseline(Some(0)));
    send(&mut h, Command::ShowSummary);
    assert!(
        h.query_all_by_label_contains("Δ").next().is_some(),
        "the Δ columns are shown"
    );
    nothing_past_its_panel(&h, "summary with a baseline");
    send(&mut h, Command::ShowWhatChanged);
    nothing_past_its_panel(&h, "what changed");
}

#[test]
fn the_budget_split_fits_its_panel() {
    let mut h = projector_window(PlannerApp::new(samples::default_scenario()));
    send(&mut h, Command::ShowBudgetSplit);
    send(&mut h, Message::ProposeSplit);
    h.run();
    assert!(h.query_by_label_contains("Proposed").is_some());
    nothing_past_its_panel(&h, "budget split");
}

#[test]
fn presenter_mode_fits_the_screen() {
    let mut h = projector_window(PlannerApp::new(samples::default_scenario()));
    send(&mut h, Command::PresenterMode);
    assert!(h.state().presenter.is_some());
    nothing_past_its_panel(&h, "presenter mode");
    send(&mut h, Message::SwitchVariant(1));
    send(&mut h, Message::SetBaseline(Some(0)));
    nothing_past_its_panel(&h, "presenter mode, comparing");
}

/// The rects of the editor's fields below the budget, by label.
fn fields_below_the_budget(h: &Window) -> Vec<(String, Rect)> {
    ["Requirement (t)", "Opening inventory (t)", "Ceiling (t/yr)"]
        .into_iter()
        .map(|label| (label.to_string(), h.get_by_label(label).rect()))
        .collect()
}

#[test]
fn a_message_under_a_field_never_moves_the_field_under_the_pointer() {
    let mut h = projector_window(PlannerApp::new(samples::default_scenario()));
    let select_budget = |h: &mut Window| {
        h.get_by_label("Budget (USD)").click();
        h.run();
        h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
        h.run();
    };
    select_budget(&mut h);
    let before = fields_below_the_budget(&h);
    // On the way to the requirement, the pointer rests on it ...
    h.get_by_label("Requirement (t)").hover();
    h.run();
    // ... while the budget takes a key that is not an amount.
    h.get_by_label("Budget (USD)").type_text("x");
    h.run();
    assert!(h.query_by_label_contains("is not an amount").is_some());
    assert_eq!(
        fields_below_the_budget(&h),
        before,
        "the message pushed the fields"
    );
    // And when the message goes (an amount typed over it), nothing jumps up.
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    h.get_by_label("Budget (USD)").type_text("600M");
    h.run();
    assert!(h.query_by_label_contains("is not an amount").is_none());
    assert_eq!(
        fields_below_the_budget(&h),
        before,
        "the fields jumped back"
    );
    // With the pointer on the field itself, a message takes its own line.
    select_budget(&mut h);
    h.get_by_label("Budget (USD)").type_text("x");
    h.run();
    let after = fields_below_the_budget(&h);
    assert!(
        after[0].1.top() > before[0].1.top(),
        "the message has its line"
    );
}

#[test]
fn a_message_over_the_plot_moves_neither_the_legend_nor_the_plot() {
    let mut h = projector_window(PlannerApp::new(samples::default_scenario()));
    let antimony =
        |h: &Window| -> Vec<Rect> { h.get_all_by_label("Antimony").map(|n| n.rect()).collect() };
    let legend = antimony(&h);
    let plot = h.get_by_label_contains("Projected coverage:").rect();
    h.get_by_label("Budget (USD)").click();
    h.run();
    h.get_by_label("Budget (USD)").type_text("x");
    h.run();
    assert!(h.query_by_label_contains("Not taken: ").is_some());
    assert_eq!(antimony(&h), legend);
    assert_eq!(h.get_by_label_contains("Projected coverage:").rect(), plot);
}

#[test]
fn escape_leaves_presenter_mode() {
    let mut h = projector_window(PlannerApp::new(samples::default_scenario()));
    h.key_press(egui::Key::F11);
    h.run();
    assert!(h.state().presenter.is_some());
    h.key_press(egui::Key::Escape);
    h.run();
    assert!(h.state().presenter.is_none());
}
