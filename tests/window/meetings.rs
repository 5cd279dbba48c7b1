//! What-ifs in a meeting, through the real window (egui_kittest): variants
//! switched with a click or Ctrl+2, a baseline drawn and compared with Δ
//! values worked by hand, the "What changed" list, presenter mode at
//! 1280×720, and the command palette.

use crate::common;

use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use stockpile_planner::model::Scenario;
use stockpile_planner::ui::PlannerApp;
use stockpile_planner::ui::command::{Command, Message};
use stockpile_planner::ui::document::Baseline;

type Window = Harness<'static, PlannerApp>;

/// One mineral at $100/t, 1,000 t required, over 10 months with no lead
/// time: the base spends $100k, $10k a month, buying 100 t a month, so it
/// reaches 100 % in month 10 (2026-10). The variant "More money" spends
/// $125k: 125 t a month, 1,000 t after month 8 (2026-08) and 1,250 t
/// (125 %) at the end.
fn base_and_variant() -> Scenario {
    let mut file = common::simple(10, 100_000.0, 1_000.0);
    let mut variant = common::simple(10, 125_000.0, 1_000.0);
    variant.name = "More money".into();
    file.variants.push(variant);
    file
}

fn window(file: Scenario) -> Window {
    common::window(file, egui::Theme::Dark)
}

fn final_coverage(h: &Window) -> f64 {
    h.state().doc.projection.minerals[0].final_coverage_pct()
}

#[test]
fn a_click_on_a_variant_tab_or_ctrl_2_shows_that_variant() {
    let mut h = window(base_and_variant());
    assert_close!(final_coverage(&h), 100.0);
    h.get_by_label("More money").click();
    h.run();
    assert_eq!(h.state().doc.active, 1);
    assert_close!(final_coverage(&h), 125.0);
    // The summary on screen follows.
    assert!(
        h.query_all_by_label_contains("final coverage 125.0%")
            .next()
            .is_some()
    );
    h.key_press_modifiers(Modifiers::COMMAND, Key::Num1);
    h.run();
    assert_eq!(h.state().doc.active, 0);
    assert_close!(final_coverage(&h), 100.0);
    h.key_press_modifiers(Modifiers::COMMAND, Key::Num2);
    h.run();
    assert_eq!(h.state().doc.active, 1);
}

#[test]
fn edits_change_the_variant_on_screen_only_and_undo_brings_back_a_deleted_variant() {
    let mut h = window(base_and_variant());
    h.state_mut().send(Message::SwitchVariant(1));
    h.run();
    h.state_mut().doc.active_mut().minerals[0].budget_usd = 50_000.0;
    h.run();
    let doc = &h.state().doc;
    assert_eq!(
        doc.scenario.minerals[0].budget_usd, 100_000.0,
        "base untouched"
    );
    assert_eq!(doc.scenario.variants[0].minerals[0].budget_usd, 50_000.0);
    assert_close!(final_coverage(&h), 50.0);

    h.state_mut().send(Command::DeleteVariant);
    h.run();
    assert!(h.state().doc.scenario.variants.is_empty());
    assert_eq!(h.state().doc.active, 0);
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert_eq!(
        h.state().doc.scenario.variants.len(),
        1,
        "Undo brings it back"
    );
    assert_eq!(h.state().doc.scenario.variants[0].name, "More money");
}

#[test]
fn duplicating_asks_for_a_name_typed_at_once() {
    let mut h = window(common::simple(10, 100_000.0, 1_000.0));
    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::D);
    h.run();
    h.run();
    assert_eq!(h.state().doc.active, 1);
    let field = h.get_by_label("Rename variant to");
    assert!(
        field.is_focused(),
        "the new variant's name field has the focus"
    );
    // The old name is selected: typing replaces it.
    for c in "Ban in 2026".chars() {
        h.get_by_label("Rename variant to")
            .type_text(&c.to_string());
        h.run();
    }
    h.key_press(Key::Enter);
    h.run();
    h.run();
    assert_eq!(h.state().doc.scenario.variants[0].name, "Ban in 2026");
    assert!(
        h.query_by_label("Ban in 2026").is_some(),
        "the tab shows the name"
    );
}

#[test]
fn the_baseline_gives_delta_columns_worked_by_hand() {
    let mut h = window(base_and_variant());
    h.state_mut().send(Message::SwitchVariant(1));
    h.state_mut().send(Message::SetBaseline(Some(0)));
    h.run();
    h.run();
    assert_eq!(h.state().doc.baseline, Some(Baseline::Variant(0)));
    let comparison = h.state().doc.comparison.clone().expect("compared");
    let d = comparison.deltas[0].clone().expect("Cobalt is in both");
    // 125 % against 100 %; 2026-08 against 2026-10; $125k against $100k.
    assert_close!(d.final_coverage_pts, 25.0);
    assert_eq!(
        d.full_coverage,
        stockpile_planner::model::compare::ReachDelta::Earlier(2)
    );
    assert_close!(d.spent_usd, 25_000.0);
    assert_close!(d.unspent_usd, 0.0);
    // On screen, in the summary's Δ columns.
    h.get_by_label("Summary").click();
    h.run();
    for text in ["Δ coverage", "+25.0 pts", "2 months earlier", "+$25k"] {
        assert!(h.query_by_label(text).is_some(), "{text} is not on screen");
    }
}

#[test]
fn what_changed_lists_three_edits_and_a_click_selects_the_mineral() {
    let mut file = base_and_variant();
    file.minerals.push(file.minerals[0].clone());
    file.minerals[1].name = "Antimony".into();
    file.variants[0].minerals.push(file.minerals[1].clone());
    let mut h = window(file);
    h.state_mut().send(Message::SwitchVariant(1));
    h.state_mut().send(Message::SetBaseline(Some(0)));
    h.run();
    {
        let live = h.state_mut().doc.active_mut();
        live.minerals[1].price_usd_per_unit = 150.0;
        live.minerals[1].requirement_qty = 2_000.0;
    }
    h.run();
    h.run();
    let differences = &h.state().doc.comparison.as_ref().unwrap().differences;
    let lines: Vec<String> = differences.iter().map(|d| d.sentence()).collect();
    assert_eq!(lines.len(), 3, "{lines:#?}");
    for line in &lines {
        assert!(
            h.query_by_label(line).is_some(),
            "{line} is not on screen; lines: {lines:#?}"
        );
    }
    let antimony_line = lines.iter().find(|l| l.starts_with("Antimony")).unwrap();
    h.get_by_label(antimony_line).click();
    h.run();
    assert_eq!(h.state().doc.selected, 1, "the click selects Antimony");
}

#[test]
fn presenter_mode_at_1280_by_720_keeps_every_control_reachable() {
    let mut app = PlannerApp::new(stockpile_planner::samples::STRATEGIC_TWELVE.scenario());
    // The sample has price ranges: no Monte Carlo run (and its spinner)
    // while the layout is checked.
    app.analysis.paused = true;
    let mut h = Harness::builder()
        .with_size([1280.0, 720.0])
        .build_ui_state(|ui, app: &mut PlannerApp| app.show(ui), app);
    h.run();
    h.key_press(Key::F11);
    h.run();
    h.run();
    assert!(h.state().presenter.is_some());
    assert!(!h.state().panels.scenario && !h.state().panels.editor);
    // The meeting's controls are on screen and named.
    for name in [
        "File",
        "View",
        "Variant",
        "Duplicate variant",
        "Compare with",
        "Cobalt",
    ] {
        assert!(
            h.query_all_by_label(name).next().is_some(),
            "{name} is not reachable"
        );
    }
    // The plot is named for screen readers.
    assert!(
        h.query_by_label_contains("Projected coverage:").is_some(),
        "the plot has no accessible summary"
    );
    // F11 again restores the panels and the zoom.
    h.key_press(Key::F11);
    h.run();
    h.run();
    assert!(h.state().presenter.is_none());
    assert!(h.state().panels.scenario && h.state().panels.editor);
    assert_eq!(h.ctx.zoom_factor(), 1.0);
}

/// The plot's rectangle on screen (points), found by its accessible name.
fn plot_rect(h: &Window) -> egui::Rect {
    h.get_by_label_contains("Projected coverage:").rect()
}

/// The October 2025 plan on its variant with events, at 1280×720.
fn projector(app: PlannerApp) -> Window {
    let mut app = app;
    app.analysis.paused = true;
    let mut h = Harness::builder()
        .with_size([1280.0, 720.0])
        .with_max_steps(8)
        .build_ui_state(|ui, app: &mut PlannerApp| app.show(ui), app);
    h.run();
    h
}

#[test]
fn presenter_mode_at_1280_by_720_gives_the_plot_most_of_the_height() {
    // Twelve minerals: the legend wraps and the table is long; and the
    // plan with seven events, whose names sit above the data.
    let twelve = PlannerApp::new(stockpile_planner::samples::STRATEGIC_TWELVE.scenario());
    let mut restrictions =
        PlannerApp::new(stockpile_planner::samples::OCTOBER_2025_PLAN.scenario());
    restrictions.doc.active = 1;
    for app in [twelve, restrictions] {
        let mut h = projector(app);
        // Outside presenter mode the plot keeps a readable height too
        // (its minimum less the month axis under the frame).
        let least = stockpile_planner::ui::views::coverage_plot::MIN_HEIGHT - 30.0;
        assert!(
            plot_rect(&h).height() >= least,
            "plot squeezed to {:?} beside the panels",
            plot_rect(&h)
        );
        h.key_press(Key::F11);
        h.run();
        h.run();
        assert!(h.state().presenter.is_some());
        // The room looks at the plot: the tabs under it start folded, and
        // it takes most of the window's height (at presenter zoom), less
        // the row of its 16-point tick labels, which the back of the room
        // must read (0.6 with egui's 14-point grey ones).
        assert!(h.state().bottom_folded);
        let window = h.ctx.content_rect().height();
        let plot = plot_rect(&h).height();
        assert!(
            plot >= 0.59 * window,
            "presenter plot {plot:.0} of {window:.0} points"
        );
        // With the table back, the plot still keeps most, and the table
        // scrolls.
        h.get_by_label("Plot only").click();
        h.run();
        h.run();
        assert!(!h.state().bottom_folded);
        let with_table = plot_rect(&h).height();
        assert!(
            with_table >= 0.41 * window,
            "with the table: {with_table:.0} of {window:.0}"
        );
        h.get_by_label("Plot only").click();
        h.run();
        // A tab brings the table back.
        h.get_by_label("Summary").click();
        h.run();
        assert!(!h.state().bottom_folded);
    }
}

#[test]
fn an_event_name_cut_short_above_the_plot_shows_whole_on_hover() {
    let mut app = PlannerApp::new(stockpile_planner::samples::OCTOBER_2025_PLAN.scenario());
    app.doc.active = 1;
    let mut h = projector(app);
    // Its window is October 2025 alone: its name starts there, in the
    // second lane (the first is taken), and is cut short at 1280 px.
    let name = "China bans gallium, germanium and antimony exports to the US (Dec 2024, suspended Nov 2025)";
    assert!(h.query_by_label(name).is_none());
    let plot = plot_rect(&h);
    h.hover_at(egui::pos2(plot.left() + 60.0, plot.top() + 28.0));
    for _ in 0..40 {
        h.step();
    }
    assert!(
        h.query_by_label(name).is_some(),
        "hovering the cut name shows it whole"
    );
}

#[test]
fn the_palette_runs_a_command_found_by_typing_three_letters() {
    let mut h = window(base_and_variant());
    h.key_press_modifiers(Modifiers::COMMAND, Key::K);
    h.run();
    assert!(h.state().palette.is_open());
    h.state_mut().commands_run.clear();
    // "pre" finds Presenter mode.
    for c in ["p", "r", "e"] {
        h.get_by_label("Command palette search").type_text(c);
        h.run();
    }
    h.key_press(Key::Enter);
    h.run();
    h.run();
    assert_eq!(h.state().commands_run, [Command::PresenterMode]);
    assert!(h.state().presenter.is_some());
    assert!(!h.state().palette.is_open());
}

#[test]
fn the_palette_switches_to_a_variant_by_name() {
    let mut h = window(base_and_variant());
    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::P);
    h.run();
    for c in ["m", "o", "r", "e", " ", "m", "o"] {
        h.get_by_label("Command palette search").type_text(c);
        h.run();
    }
    h.key_press(Key::Enter);
    h.run();
    h.run();
    assert_eq!(h.state().doc.active, 1);
    assert_close!(final_coverage(&h), 125.0);
}

#[test]
fn an_event_that_changes_nothing_says_why_in_the_events_panel() {
    use stockpile_planner::model::{Disruption, DisruptionKind, PurchaseCeiling, YearMonth};
    // The ceiling lets the plan buy 600 t a year; a quota of 800 t a year
    // from DRC (the only supplier) cannot bind.
    let mut s = common::simple(12, 100_000.0, 1_000.0);
    s.minerals[0].ceiling = PurchaseCeiling::QtyPerYear(600.0);
    s.disruptions.push(Disruption {
        minerals: vec!["Cobalt".into()],
        ..Disruption::new(
            "DRC quota",
            DisruptionKind::ExportQuotaQty(800.0),
            "DRC",
            YearMonth::new(2026, 1),
        )
    });
    let mut h = window(s);
    h.get_by_label_contains("Events (1)").click();
    h.run();
    assert!(
        h.query_by_label_contains("no effect: the purchase ceiling already binds")
            .is_some(),
        "the events panel does not say why the quota changes nothing"
    );
    // A quota below the ceiling does cost coverage, and says how much.
    h.state_mut().doc.active_mut().disruptions[0].kind = DisruptionKind::ExportQuotaQty(300.0);
    h.run();
    h.run();
    assert!(
        h.query_by_label_contains("final coverage: Cobalt -")
            .is_some(),
        "the events panel does not show the coverage the quota costs"
    );
    // 300 t bought at $100/t instead of the 600 t the ceiling allows: $30k
    // of the budget stays unspent.
    assert!(
        h.query_by_label_contains("left unspent $30k").is_some(),
        "the events panel does not show the money the quota leaves unspent"
    );
}

#[test]
fn undoing_a_duplicate_shows_the_base_and_ctrl_0_keeps_presenter_size() {
    let mut h = window(base_and_variant());
    h.state_mut().send(Command::DuplicateVariant);
    h.run();
    h.key_press(Key::Enter);
    h.run();
    assert_eq!(h.state().doc.scenario.variants.len(), 2);
    assert_eq!(h.state().doc.active, 2);
    h.state_mut().send(Command::Undo);
    h.run();
    assert_eq!(h.state().doc.scenario.variants.len(), 1);
    assert_eq!(
        h.state().doc.active,
        0,
        "back on the base, not another variant"
    );

    h.key_press(Key::F11);
    h.run();
    let presenter_zoom = h.ctx.zoom_factor();
    assert!(presenter_zoom > 1.0);
    h.key_press_modifiers(Modifiers::COMMAND, Key::Plus);
    h.run();
    assert!(h.ctx.zoom_factor() > presenter_zoom);
    h.key_press_modifiers(Modifiers::COMMAND, Key::Num0);
    h.run();
    assert_eq!(h.ctx.zoom_factor(), presenter_zoom);
}
