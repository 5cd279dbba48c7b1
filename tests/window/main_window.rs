//! The planner window, driven through its accessible labels with
//! egui_kittest, plus snapshot images of the main window.

use crate::common;

use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use stockpile_planner::display::pct;
use stockpile_planner::model::project;
use stockpile_planner::samples;
use stockpile_planner::ui::PlannerApp;

fn harness(theme: egui::Theme) -> Harness<'static, PlannerApp> {
    common::window(samples::default_scenario(), theme)
}

/// Click a field, type `text` over its value, press Enter.
fn type_into(h: &mut Harness<'_, PlannerApp>, label: &str, text: &str) {
    h.get_by_label(label).click();
    h.run();
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    h.get_by_label(label).type_text(text);
    h.run();
    h.key_press(egui::Key::Enter);
    h.run();
}

#[test]
fn changing_a_budget_moves_final_coverage_by_what_the_model_says() {
    let mut h = harness(egui::Theme::Dark);
    h.get_by_role_and_label(Role::Button, "Antimony").click();
    h.run();
    let before = h.state().doc.projection.minerals[1].final_coverage_pct();
    assert_eq!(
        h.get_all_by_label(&format!("Antimony final coverage {}", pct(before)))
            .count(),
        2
    );

    // Antimony's $245M buys exactly its ceiling (700 t a fiscal year at
    // $70,000/t), so a larger budget would buy nothing more: cut it to the
    // "Budget cut 20%" variant's $196M.
    type_into(&mut h, "Budget (USD)", "196M");

    let mut expected = samples::default_scenario();
    expected.minerals[1].budget_usd = 196e6;
    let expected_pct = project(&expected).minerals[1].final_coverage_pct();
    let shown = h.state().doc.projection.minerals[1].final_coverage_pct();
    assert_eq!(h.state().doc.scenario.minerals[1].budget_usd, 196e6);
    assert_eq!(shown, expected_pct);
    // 245M → 196M buys 196/245 = 80 % as much, under the ceiling: 58.33 t
    // a month becomes 46.67 t; 59 months delivered (one month's lead time)
    // of 3,040 t: coverage falls from 100.0% (the plan orders its
    // requirement by 2030-02 and stops there) to 90.6%.
    assert_eq!(pct(before), "100.0%");
    assert_eq!(pct(shown), "90.6%");
    // The list badge and the summary both show the new figure.
    assert_eq!(
        h.get_all_by_label("Antimony final coverage 90.6%").count(),
        2
    );
    // The budget field reads like a briefing.
    assert_eq!(
        h.get_by_label("Budget (USD)").value().as_deref(),
        Some("$196M")
    );
}

#[test]
fn add_a_supplier_then_normalize_shares() {
    let mut h = harness(egui::Theme::Dark);
    h.get_by_role_and_label(Role::Button, "+ Add supplier")
        .click();
    h.run();
    assert_eq!(h.state().doc.scenario.minerals[0].suppliers.len(), 4);
    type_into(&mut h, "Supplier 4 share", "20");
    assert!(h.query_by_label("Total share 120.00%").is_some());
    assert!(
        h.query_by_label_contains("The supplier shares add up to 120%, not 100%")
            .is_some()
    );

    h.get_by_role_and_label(Role::Button, "Normalize to 100%")
        .click();
    h.run();
    let shares: Vec<f64> = h.state().doc.scenario.minerals[0]
        .suppliers
        .iter()
        .map(|s| s.share_pct)
        .collect();
    // Vale's 33.34 % of the 120 % typed.
    assert!((shares[0] - 33.34 / 1.2).abs() < 1e-9, "{shares:?}");
    assert!((shares[3] - 20.0 / 1.2).abs() < 1e-9, "{shares:?}");
    assert!(h.query_by_label("Total share 100.00%").is_some());
    assert!(h.query_by_label_contains("add up to 120%").is_none());
    assert!(h.state().doc.problems.is_empty());
}

#[test]
fn add_and_remove_a_mineral() {
    let mut h = harness(egui::Theme::Dark);
    h.get_by_role_and_label(Role::Button, "+ Add").click();
    h.run();
    assert_eq!(h.state().doc.scenario.minerals.len(), 5);
    assert!(
        h.query_by_role_and_label(Role::Button, "New mineral")
            .is_some()
    );
    // The new mineral is projected and summarised straight away.
    assert_eq!(h.state().doc.projection.minerals.len(), 5);
    assert_eq!(
        h.get_all_by_label_contains("New mineral final coverage")
            .count(),
        2
    );

    h.get_by_role_and_label(Role::Button, "Remove").click();
    h.run();
    assert_eq!(h.state().doc.scenario.minerals.len(), 4);
    assert!(
        h.query_by_role_and_label(Role::Button, "New mineral")
            .is_none()
    );
    assert!(h.query_by_label_contains("Removed New mineral").is_some());
}

#[test]
fn an_invalid_entry_shows_its_message_and_keeps_the_last_projection() {
    let mut h = harness(egui::Theme::Dark);
    let before = h.state().doc.projection.clone();
    type_into(&mut h, "Requirement (t)", "0");
    assert!(
        h.query_by_label_contains("The requirement must be greater than 0 (it is 0)")
            .is_some()
    );
    assert!(
        h.query_by_label_contains("Showing the last valid projection")
            .is_some()
    );
    assert!(h.query_by_label_contains("1 problem to fix").is_some());
    assert_eq!(h.state().doc.projection, before);
    // Fixing it brings the live projection back.
    type_into(&mut h, "Requirement (t)", "15000");
    assert!(
        h.query_by_label_contains("Showing the last valid projection")
            .is_none()
    );
    assert_eq!(
        h.state().doc.projection.minerals[0].months[0].requirement_qty,
        15000.0
    );
}

#[test]
fn main_window_snapshot_dark() {
    let mut h = harness(egui::Theme::Dark);
    h.snapshot("main_window_dark");
}

#[test]
fn main_window_snapshot_light() {
    let mut h = harness(egui::Theme::Light);
    h.snapshot("main_window_light");
}

/// Frames eframe would still draw after the frame just run: each pending
/// immediate repaint request counts unless the context has gone more than
/// one pass past the pass that made it (eframe's own rule in
/// `native/run.rs`, which drops older requests as already painted).
fn frames_still_asked(requests: &std::sync::Mutex<Vec<u64>>, pass_nr_now: u64) -> usize {
    let requests = requests.lock().unwrap();
    requests
        .iter()
        .filter(|&&nr| pass_nr_now == nr || pass_nr_now == nr + 1)
        .count()
}

/// A mouse move over the plot in software: egui would draw the frame with
/// the move and two more (hover follows, then "settle"); in reduced motion
/// the window does that work in two more passes of the same frame, so no
/// frame is left to draw (`docs/PERFORMANCE.md`, "A mouse move"). With
/// motion on, the frames stay.
#[test]
fn in_reduced_motion_a_mouse_move_draws_one_frame() {
    for reduced in [true, false] {
        let mut app = PlannerApp::new(samples::default_scenario());
        app.analysis.paused = true;
        app.software_rendering = true;
        app.preferences.reduced_motion = Some(reduced);
        let mut h = Harness::builder()
            .with_size([1280.0, 720.0])
            .build_ui_state(
                |ui, app: &mut PlannerApp| {
                    app.show(ui);
                    app.settle_in_passes(ui.ctx());
                },
                app,
            );
        h.run();
        let requests = std::sync::Arc::new(std::sync::Mutex::new(Vec::new()));
        let seen = std::sync::Arc::clone(&requests);
        h.ctx.set_request_repaint_callback(move |info| {
            if info.delay.is_zero() {
                seen.lock().unwrap().push(info.current_cumulative_pass_nr);
            }
        });
        let before = h.ctx.cumulative_pass_nr();
        h.event(egui::Event::PointerMoved(egui::pos2(600.0, 300.0)));
        h.step();
        let passes = h.ctx.cumulative_pass_nr() - before;
        let left = frames_still_asked(&requests, h.ctx.cumulative_pass_nr());
        if reduced {
            assert_eq!(
                (passes, left),
                (3, 0),
                "reduced motion: passes, frames left"
            );
        } else {
            assert!(
                left >= 1,
                "with motion on, egui's own frames follow ({passes} passes)"
            );
        }
    }
}

/// Drawn in software (a virtual desktop), the window starts in reduced
/// motion: no animation time, no blinking cursor. View > Reduced motion
/// turns it off, and the choice is remembered (a preference), over what
/// the renderer suggests.
#[test]
fn reduced_motion_is_on_in_software_and_the_planner_can_turn_it_off() {
    let mut app = PlannerApp::new(samples::default_scenario());
    app.analysis.paused = true;
    app.software_rendering = true;
    let mut h = Harness::builder()
        .with_size([1280.0, 720.0])
        .build_ui_state(|ui, app: &mut PlannerApp| app.show(ui), app);
    h.run();
    assert!(h.state().reduced_motion());
    assert_eq!(h.ctx.global_style().animation_time, 0.0);
    assert!(!h.ctx.global_style().visuals.text_cursor.blink);

    h.get_by_label("View").click();
    h.run();
    h.get_by_label("Reduced motion (remote desktop)").click();
    h.run();
    h.run();
    assert_eq!(h.state().preferences.reduced_motion, Some(false));
    assert!(h.ctx.global_style().animation_time > 0.0);
    assert!(h.ctx.global_style().visuals.text_cursor.blink);
}
