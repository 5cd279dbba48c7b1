//! Editing a planner can trust, driven through the real window with real
//! key events (egui_kittest): typing at one key per frame keeps the focus
//! while warnings come and go, one field edit is one undo step, undo never
//! leaves the document, every shortcut runs its own command, and what is
//! typed is never clamped or reverted silently.

use crate::common;

use egui::accesskit::Role;
use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, mpsc};
use stockpile_planner::file;
use stockpile_planner::model::PurchaseCeiling;
use stockpile_planner::samples;
use stockpile_planner::ui::command::{Command, Message};
use stockpile_planner::ui::{Dialogs, Document, FileRequest, PlannerApp};

type Window = Harness<'static, PlannerApp>;

fn sample_window() -> Window {
    common::window(samples::default_scenario(), egui::Theme::Dark)
}

/// A window whose dialogs answer `answer` (after a human's pause).
fn window_with_dialog(answer: Option<PathBuf>) -> Window {
    let answer = Arc::new(Mutex::new(answer));
    let dialogs = Dialogs::inline(Arc::new(move |_: &FileRequest| {
        std::thread::sleep(std::time::Duration::from_millis(300));
        answer.lock().unwrap().clone()
    }));
    let app = PlannerApp::with_files(Document::new(samples::default_scenario()), dialogs, None);
    common::window_on(app, egui::Theme::Dark)
}

/// Click the field labelled `label` and select what it holds, as a planner
/// does before typing over it.
fn click_field(h: &mut Window, label: &str) {
    h.get_by_label(label).click();
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    h.run();
}

/// Type `text` one key per frame (as a person does, with the window
/// redrawing between keys); returns, after each key, whether `watch` was
/// on screen.
fn type_slowly(h: &mut Window, label: &str, text: &str, watch: &str) -> Vec<bool> {
    let mut seen = Vec::new();
    for c in text.chars() {
        h.get_by_label(label).type_text(&c.to_string());
        h.run();
        assert!(
            h.get_by_label(label).is_focused(),
            "{label} lost the focus after typing {c:?}"
        );
        seen.push(h.query_by_label_contains(watch).is_some());
    }
    seen
}

fn press(h: &mut Window, modifiers: Modifiers, key: Key) {
    h.key_press_modifiers(modifiers, key);
    h.run();
}

fn enter(h: &mut Window) {
    h.key_press(Key::Enter);
    h.run();
}

#[test]
fn typing_600m_into_cobalts_budget_gives_600m_while_the_warning_comes_and_goes() {
    let mut h = sample_window();
    assert!(
        h.query_by_label_contains("of the budget cannot be spent")
            .is_some()
    );
    click_field(&mut h, "Budget (USD)");
    let price_field = h.get_by_label("Price (USD/t)").rect();
    let mut warning = type_slowly(&mut h, "Budget (USD)", "6", "of the budget cannot be spent");
    // The warning has gone ($6 can be spent) and its two lines are kept:
    // nothing below it moved.
    assert_eq!(h.get_by_label("Price (USD/t)").rect(), price_field);
    warning.extend(type_slowly(
        &mut h,
        "Budget (USD)",
        "00M",
        "of the budget cannot be spent",
    ));
    // $6, $60, $600 can be bought; $600M cannot.
    assert_eq!(warning, [false, false, false, true]);
    enter(&mut h);
    assert_eq!(h.state().doc.scenario.minerals[0].budget_usd, 600e6);
    assert_eq!(
        h.get_by_label("Budget (USD)").value().as_deref(),
        Some("$600M")
    );
    // One field edit, one undo step, named for what it changed.
    h.get_by_label("Edit").click();
    h.run();
    assert!(h.query_by_label_contains("Undo budget of Cobalt").is_some());
    h.key_press(Key::Escape);
    h.run();
    press(&mut h, Modifiers::COMMAND, Key::Z);
    assert_eq!(h.state().doc.scenario.minerals[0].budget_usd, 500e6);
    assert!(!h.state().doc.is_dirty());
    press(&mut h, Modifiers::COMMAND, Key::Y);
    assert_eq!(h.state().doc.scenario.minerals[0].budget_usd, 600e6);
}

#[test]
fn typing_a_share_keeps_the_focus_while_the_total_warning_appears() {
    let mut h = sample_window();
    click_field(&mut h, "Supplier 1 share");
    let warning = type_slowly(&mut h, "Supplier 1 share", "80", "add up to");
    // 8 % and 80 % with the others (33.33 % each): neither adds up to 100.
    assert_eq!(warning, [true, true]);
    enter(&mut h);
    assert_eq!(
        h.state().doc.scenario.minerals[0].suppliers[0].share_pct,
        80.0
    );
}

#[test]
fn typing_a_qualified_supply_keeps_the_focus() {
    // The sample's cobalt ceiling, 1,500 t a fiscal year, as 20 % of a
    // qualified supply of 7,500 t a year.
    let mut scenario = samples::default_scenario();
    scenario.minerals[0].ceiling = PurchaseCeiling::PctOfQualifiedSupply {
        pct: 20.0,
        qualified_supply_qty_per_year: 7_500.0,
    };
    let mut h = common::window(scenario.clone(), egui::Theme::Dark);
    let label = "Qualified supply (t/yr)";
    click_field(&mut h, label);
    let warning = type_slowly(&mut h, label, "12000", "of the budget cannot be spent");
    // The budget buys $500M / $47,950 = 10,427.5 t; 20 % of 1, 12, 120 and
    // 1,200 t a year over five fiscal years cannot take it, 20 % of 12,000
    // (12,000 t) can: the warning stays until the last key, then goes.
    assert_eq!(warning, [true, true, true, true, false]);
    enter(&mut h);
    match h.state().doc.scenario.minerals[0].ceiling {
        PurchaseCeiling::PctOfQualifiedSupply {
            qualified_supply_qty_per_year,
            ..
        } => assert_eq!(qualified_supply_qty_per_year, 12_000.0),
        ref other => panic!("ceiling changed kind: {other:?}"),
    }
    // One undo step takes the whole number back.
    press(&mut h, Modifiers::COMMAND, Key::Z);
    assert_eq!(
        h.state().doc.scenario.minerals[0].ceiling,
        scenario.minerals[0].ceiling
    );
}

#[test]
fn a_negative_budget_is_kept_and_explained_not_zeroed() {
    let mut h = sample_window();
    click_field(&mut h, "Budget (USD)");
    type_slowly(
        &mut h,
        "Budget (USD)",
        "-5M",
        "of the budget cannot be spent",
    );
    enter(&mut h);
    assert_eq!(h.state().doc.scenario.minerals[0].budget_usd, -5e6);
    assert!(
        h.query_by_label_contains("The budget cannot be negative (it is -5000000)")
            .is_some()
    );
    assert!(
        h.query_by_label_contains("Showing the last valid projection")
            .is_some()
    );
}

#[test]
fn text_that_is_not_a_number_stays_visible_with_a_message() {
    let mut h = sample_window();
    let price = h.state().doc.scenario.minerals[0].price_usd_per_unit;
    click_field(&mut h, "Price (USD/t)");
    type_slowly(&mut h, "Price (USD/t)", "abc", "is not a number");
    enter(&mut h);
    assert_eq!(h.state().doc.scenario.minerals[0].price_usd_per_unit, price);
    assert!(h.query_by_label("\"abc\" is not a number").is_some());
    assert_eq!(
        h.get_by_label("Price (USD/t)").value().as_deref(),
        Some("abc"),
        "what was typed stays in the field"
    );
}

#[test]
fn out_of_range_values_are_shown_as_typed_with_the_rule() {
    let mut h = sample_window();
    for (typed, months) in [("0", 0), ("10000", 10_000)] {
        click_field(&mut h, "Horizon (months)");
        h.get_by_label("Horizon (months)").type_text(typed);
        h.run();
        enter(&mut h);
        assert_eq!(h.state().doc.scenario.horizon_months, months);
        assert!(
            h.query_by_label(&format!(
                "The horizon must be 1 to 240 months (it is {months})"
            ))
            .is_some()
        );
    }
    click_field(&mut h, "Price escalation (%/yr)");
    h.get_by_label("Price escalation (%/yr)").type_text("600");
    h.run();
    enter(&mut h);
    assert_eq!(
        h.state().doc.scenario.minerals[0].escalation_pct_per_year,
        600.0
    );
}

#[test]
fn a_duplicate_name_is_reported_under_the_mineral_being_edited() {
    let mut h = sample_window();
    // Cobalt (the first) is renamed to the second mineral's name.
    click_field(&mut h, "Mineral name");
    h.get_by_label("Mineral name").type_text("Antimony");
    h.run();
    // Not written while typing: no half-typed name reaches the scenario.
    assert_eq!(h.state().doc.scenario.minerals[0].name, "Cobalt");
    enter(&mut h);
    assert_eq!(h.state().doc.scenario.minerals[0].name, "Antimony");
    assert_eq!(h.state().doc.selected, 0);
    assert!(
        h.query_by_label("Another mineral (#2) is also called \"Antimony\"; names must differ")
            .is_some()
    );
}

#[test]
fn escape_puts_back_the_value_from_before_the_edit() {
    let mut h = sample_window();
    click_field(&mut h, "Budget (USD)");
    type_slowly(&mut h, "Budget (USD)", "7", "of the budget cannot be spent");
    assert_eq!(h.state().doc.scenario.minerals[0].budget_usd, 7.0);
    h.key_press(Key::Escape);
    h.run();
    assert_eq!(h.state().doc.scenario.minerals[0].budget_usd, 500e6);
    assert!(!h.state().doc.is_dirty());
}

#[test]
fn ctrl_z_in_a_text_field_undoes_the_typing_not_the_document() {
    let mut h = sample_window();
    // An earlier edit that Undo could reach.
    h.state_mut().doc.scenario.horizon_months = 48;
    h.run();
    click_field(&mut h, "Scenario name");
    h.get_by_label("Scenario name").type_text("Draft");
    h.run();
    press(&mut h, Modifiers::COMMAND, Key::Z);
    assert!(!h.state().commands_run.contains(&Command::Undo));
    assert_eq!(h.state().doc.scenario.horizon_months, 48);
    assert_eq!(
        h.get_by_label("Scenario name").value().as_deref(),
        Some("DLA October 2025 plan"),
        "the field's own typing was undone"
    );
}

#[test]
fn undo_after_opening_a_file_never_brings_back_the_previous_document() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("twelve.ron");
    std::fs::write(&path, samples::STRATEGIC_TWELVE.text).unwrap();
    let mut h = window_with_dialog(Some(path.clone()));
    // Work on the first document, saved nowhere: undo history exists.
    h.state_mut().doc.scenario.minerals[0].budget_usd = 123e6;
    h.run();
    press(&mut h, Modifiers::COMMAND, Key::O);
    h.get_by_role_and_label(Role::Button, "Don't save").click();
    h.run();
    assert_eq!(h.state().doc.path.as_deref(), Some(path.as_path()));
    let opened = h.state().doc.scenario.clone();

    press(&mut h, Modifiers::COMMAND, Key::Z);
    press(&mut h, Modifiers::COMMAND | Modifiers::SHIFT, Key::Z);
    assert_eq!(h.state().doc.scenario, opened);
    assert!(!h.state().doc.is_dirty());
    assert!(h.state().title().starts_with("twelve.ron - "));
    assert!(h.state().doc.history.undo_label(&opened).is_none());

    // Saving now leaves the colleague's file byte for byte as it was.
    press(&mut h, Modifiers::COMMAND, Key::S);
    assert_eq!(
        std::fs::read_to_string(&path).unwrap(),
        samples::STRATEGIC_TWELVE.text
    );
}

/// Each shortcut, as real key events with their modifiers, runs its own
/// command and no other.
#[test]
fn every_shortcut_runs_its_command() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("plan.ron");
    let mut h = window_with_dialog(Some(path.clone()));
    let cmd = Modifiers::COMMAND;
    let shift = Modifiers::COMMAND | Modifiers::SHIFT;
    let cases = [
        (shift, Key::M, Command::AddMineral),
        (cmd, Key::Z, Command::Undo),
        (shift, Key::Z, Command::Redo),
        (cmd, Key::Y, Command::Redo),
        (shift, Key::S, Command::SaveAs),
        (cmd, Key::S, Command::Save),
        (cmd, Key::O, Command::Open),
        (cmd, Key::N, Command::NewScenario),
        (shift, Key::D, Command::DuplicateVariant),
        (Modifiers::NONE, Key::F2, Command::RenameVariant),
        (Modifiers::NONE, Key::F11, Command::PresenterMode),
        (Modifiers::NONE, Key::F11, Command::PresenterMode),
        (cmd, Key::Plus, Command::ZoomIn),
        (cmd, Key::Equals, Command::ZoomIn),
        (cmd, Key::Minus, Command::ZoomOut),
        (cmd, Key::Num0, Command::ZoomReset),
        (cmd, Key::K, Command::CommandPalette),
        (shift, Key::P, Command::CommandPalette),
        (cmd, Key::Q, Command::Quit),
    ];
    for (modifiers, key, expected) in cases {
        h.state_mut().commands_run.clear();
        press(&mut h, modifiers, key);
        assert_eq!(
            h.state().commands_run,
            [expected],
            "{modifiers:?}+{key:?} should run {expected:?} only"
        );
        if expected == Command::CommandPalette {
            // The palette takes the keys while open.
            press(&mut h, Modifiers::NONE, Key::Escape);
        }
    }
    // Ctrl+Shift+S asked where to save (and saved there): not a plain Save.
    assert_eq!(file::load(&path).unwrap().minerals.len(), 5);
    // Every command with a shortcut was covered.
    for c in Command::ALL {
        assert_eq!(
            c.shortcut().is_some(),
            cases.iter().any(|(_, _, x)| *x == c),
            "{c:?}"
        );
    }
}

#[test]
fn quit_asks_about_unsaved_changes() {
    let mut h = sample_window();
    h.state_mut().doc.scenario.name = "Edited".into();
    h.run();
    press(&mut h, Modifiers::COMMAND, Key::Q);
    assert!(
        h.query_by_label_contains("Save them before closing?")
            .is_some()
    );
    h.get_by_role_and_label(Role::Button, "Cancel").click();
    h.run();
    assert_eq!(h.state().doc.scenario.name, "Edited");
}

#[test]
fn the_same_notice_twice_shows_once_with_a_count() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("plan.ron");
    let mut h = window_with_dialog(Some(path.clone()));
    h.state_mut().send(Message::SaveTo(path.clone()));
    h.run();
    h.state_mut().send(Message::SaveTo(path.clone()));
    h.run();
    let saved = format!("Saved {}", path.display());
    assert_eq!(h.get_all_by_label_contains(&saved).count(), 1);
    assert!(h.query_by_label(&format!("{saved} (×2)")).is_some());
}

/// A dialog that answers only when the test says so, on its own thread, as
/// a real one does while the planner keeps working in the window.
fn window_with_slow_dialog() -> (Window, mpsc::Sender<Option<PathBuf>>) {
    let (tx, rx) = mpsc::channel::<Option<PathBuf>>();
    let rx = Mutex::new(rx);
    let dialogs = Dialogs::background(Arc::new(move |_: &FileRequest| {
        rx.lock().unwrap().recv().ok().flatten()
    }));
    let app = PlannerApp::with_files(Document::new(samples::default_scenario()), dialogs, None);
    (common::window_on(app, egui::Theme::Dark), tx)
}

fn wait_for(h: &mut Window, what: impl Fn(&Window) -> bool) {
    for _ in 0..200 {
        h.step();
        if what(h) {
            return;
        }
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
    panic!("timed out");
}

#[test]
fn edits_made_while_the_open_dialog_is_up_are_asked_about() {
    let dir = tempfile::tempdir().unwrap();
    let path: &Path = &dir.path().join("other.ron");
    std::fs::write(path, samples::STRATEGIC_TWELVE.text).unwrap();
    let (mut h, answer) = window_with_slow_dialog();
    press(&mut h, Modifiers::COMMAND, Key::O);
    // The planner clicks back into the window and changes something.
    h.state_mut().doc.scenario.horizon_months = 36;
    h.run();
    answer.send(Some(path.to_path_buf())).unwrap();
    wait_for(&mut h, |h| h.query_by_label("Save changes?").is_some());
    h.run();
    assert_eq!(
        h.state().doc.scenario.horizon_months,
        36,
        "nothing lost yet"
    );
    h.get_by_role_and_label(Role::Button, "Cancel").click();
    h.run();
    assert_eq!(h.state().doc.scenario.horizon_months, 36);
    assert!(h.state().doc.path.is_none());
}

#[test]
fn selecting_a_mineral_recomputes_nothing() {
    let mut h = sample_window();
    let before = h.state().doc.projection.clone();
    h.get_by_role_and_label(Role::Button, "Antimony").click();
    h.run();
    assert_eq!(h.state().doc.selected, 1);
    // Same projection object contents and no refresh needed.
    assert_eq!(h.state().doc.projection, before);
    assert!(!h.state_mut().doc.refresh());
}

#[test]
fn tab_finishes_one_field_and_types_into_the_next() {
    let mut h = sample_window();
    click_field(&mut h, "Price (USD/t)");
    type_slowly(&mut h, "Price (USD/t)", "50000", "no such text");
    // Tab goes to the next control: the price range's box, its two ends
    // (the sample gives a range), then the escalation field.
    h.key_press(Key::Tab);
    h.run();
    assert!(
        h.get_by_role_and_label(Role::CheckBox, "Price range (90%)")
            .is_focused()
    );
    for _ in 0..2 {
        h.key_press(Key::Tab);
        h.run();
    }
    assert!(
        h.query_all_by_label("Price range (90%)")
            .any(|n| n.is_focused()),
        "the range's high end"
    );
    h.key_press(Key::Tab);
    h.run();
    assert!(h.get_by_label("Price escalation (%/yr)").is_focused());
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    h.run();
    type_slowly(&mut h, "Price escalation (%/yr)", "5", "no such text");
    enter(&mut h);
    let cobalt = &h.state().doc.scenario.minerals[0];
    assert_eq!(cobalt.price_usd_per_unit, 50_000.0);
    assert_eq!(cobalt.escalation_pct_per_year, 5.0);
    // Two fields, two undo steps.
    press(&mut h, Modifiers::COMMAND, Key::Z);
    assert_eq!(
        h.state().doc.scenario.minerals[0].price_usd_per_unit,
        50_000.0
    );
    assert_eq!(
        h.state().doc.scenario.minerals[0].escalation_pct_per_year,
        0.0
    );
    press(&mut h, Modifiers::COMMAND, Key::Z);
    assert_eq!(
        h.state().doc.scenario.minerals[0].price_usd_per_unit,
        47_950.0
    );
}

#[test]
fn a_value_previewed_while_typing_is_never_shown_as_the_last_valid_projection() {
    let mut h = sample_window();
    let before = h.state().doc.projection.clone();
    click_field(&mut h, "Horizon (months)");
    // "30" is valid on the way to "300", which is not.
    type_slowly(&mut h, "Horizon (months)", "300", "no such text");
    enter(&mut h);
    assert_eq!(h.state().doc.scenario.horizon_months, 300);
    assert!(
        h.query_by_label_contains("Showing the last valid projection")
            .is_some()
    );
    assert_eq!(
        h.state().doc.projection,
        before,
        "the plot shows the 60-month plan, not the 30-month preview"
    );
}

/// The notes of the variant on screen (sources, assumptions) show under
/// "Notes and sources" and are edited like any text field: typed over,
/// kept when the field loses the focus, one undo step.
#[test]
fn the_notes_show_under_their_title_and_an_edit_is_one_undo_step() {
    let mut h = sample_window();
    let notes = h.state().doc.active().notes.clone();
    assert!(notes.contains("COBALT"), "the sample has notes");
    h.get_by_label("Notes and sources").click();
    h.run();
    assert_eq!(
        h.get_by_label("Scenario notes").value().as_deref(),
        Some(notes.as_str())
    );
    // Focused by its name, as a screen reader does: the long sample notes
    // make the field taller than its scrolled view, so a click at its
    // middle lands below the view.
    h.get_by_label("Scenario notes").focus();
    h.run();
    press(&mut h, Modifiers::COMMAND, Key::A);
    type_slowly(&mut h, "Scenario notes", "Signed off", "Signed off");
    // The focus moves on: the notes are kept.
    press(&mut h, Modifiers::NONE, Key::Tab);
    assert_eq!(h.state().doc.active().notes, "Signed off");
    assert!(h.state().doc.is_dirty());
    press(&mut h, Modifiers::COMMAND, Key::Z);
    assert_eq!(h.state().doc.active().notes, notes);
    assert!(!h.state().doc.is_dirty());
}

/// A number field of Cobalt's editor (or the scenario's), by its label, and
/// where its value is in the scenario; `whole`: months, which take no sign.
struct NumberInput {
    label: &'static str,
    value: fn(&stockpile_planner::model::Scenario) -> f64,
    whole: bool,
}

fn cobalts_number_fields() -> Vec<NumberInput> {
    use stockpile_planner::model::Scenario;
    let ceiling = |s: &Scenario| match s.minerals[0].ceiling {
        PurchaseCeiling::QtyPerYear(q) => q,
        _ => f64::NAN,
    };
    vec![
        NumberInput {
            label: "Budget (USD)",
            value: |s| s.minerals[0].budget_usd,
            whole: false,
        },
        NumberInput {
            label: "Price (USD/t)",
            value: |s| s.minerals[0].price_usd_per_unit,
            whole: false,
        },
        NumberInput {
            label: "Price escalation (%/yr)",
            value: |s| s.minerals[0].escalation_pct_per_year,
            whole: false,
        },
        NumberInput {
            label: "Requirement (t)",
            value: |s| s.minerals[0].requirement_qty,
            whole: false,
        },
        NumberInput {
            label: "Opening inventory (t)",
            value: |s| s.minerals[0].opening_inventory_qty,
            whole: false,
        },
        NumberInput {
            label: "Ceiling (t/yr)",
            value: ceiling,
            whole: false,
        },
        NumberInput {
            label: "Supplier 1 share",
            value: |s| s.minerals[0].suppliers[0].share_pct,
            whole: false,
        },
        NumberInput {
            label: "Supplier 1 lead time",
            value: |s| f64::from(s.minerals[0].suppliers[0].lead_time_months),
            whole: true,
        },
        NumberInput {
            label: "Horizon (months)",
            value: |s| f64::from(s.horizon_months),
            whole: true,
        },
    ]
}

/// The finding of a new-user trial: `75oo` left 75 t in force, `1e400` left
/// 1e40 and was saved. Typed at one key a frame into every number field,
/// each text left with Tab: only values typed in full (`-5`) or the old
/// ones reach the scenario and the file; every text that is not a number
/// is counted in the status bar and listed, in planner words, before
/// saving.
#[test]
fn text_that_is_not_a_number_never_reaches_the_scenario_or_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("typed.ron");
    let mut h = window_with_dialog(Some(path.clone()));
    let fields = cobalts_number_fields();
    let before: Vec<f64> = fields
        .iter()
        .map(|f| (f.value)(&h.state().doc.scenario))
        .collect();
    for (field, &old) in fields.iter().zip(&before) {
        let mut expected = old;
        for typed in ["75oo", "1e400", "abc", "-5", ""] {
            // Messages under the fields above push it down the panel.
            h.get_by_label(field.label).scroll_to_me();
            h.run();
            click_field(&mut h, field.label);
            if typed.is_empty() {
                press(&mut h, Modifiers::NONE, Key::Backspace);
            }
            for c in typed.chars() {
                h.get_by_label(field.label).type_text(&c.to_string());
                h.run();
            }
            press(&mut h, Modifiers::NONE, Key::Tab);
            if typed == "-5" && !field.whole {
                // A number typed in full is taken (validation objects).
                expected = -5.0;
            }
            let now = (field.value)(&h.state().doc.scenario);
            assert_eq!(
                now, expected,
                "{}: after typing {typed:?} the scenario holds {now}",
                field.label
            );
        }
        // Its last text (empty) is not a number: the field keeps it, red.
        assert_eq!(h.get_by_label(field.label).value().as_deref(), Some(""));
    }
    let n = fields.len();
    let validation = h.state().doc.problems.len();
    assert_eq!(h.state().doc.typing.len(), n, "every field's empty text");
    let count = format!("{} problems to fix", n + validation);
    assert!(
        h.query_by_label(&count).is_some(),
        "the status bar says {count:?}"
    );
    assert!(
        h.query_by_label_contains("Not taken: ").is_some(),
        "the plot says it shows the value from before the edit"
    );

    press(&mut h, Modifiers::COMMAND, Key::S);
    for _ in 0..40 {
        if h.query_by_label("Save a scenario with problems?").is_some() {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
        h.run();
    }
    assert!(
        h.query_by_label_contains(&format!("has {} problems to fix", n + validation))
            .is_some()
    );
    assert!(
        h.query_by_label_contains("• Cobalt · requirement: \"\" is not a number")
            .is_some()
    );
    assert!(
        h.query_by_label_contains("minerals[").is_none(),
        "no field paths"
    );
    h.get_by_role_and_label(Role::Button, "Save anyway").click();
    h.run();
    let saved = file::load(&path).expect("the saved file opens");
    for (field, &old) in fields.iter().zip(&before) {
        let in_file = (field.value)(&saved);
        let expected = if field.whole { old } else { -5.0 };
        assert_eq!(in_file, expected, "{} in the file", field.label);
    }
}
