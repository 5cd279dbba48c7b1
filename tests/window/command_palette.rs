//! The command palette driven with real key, text and pointer events
//! (egui_kittest), around a closure that shows it as the shell does: type a
//! few letters, Up/Down, Enter runs; Escape and a click outside close. At
//! the end, the whole window: the palette opens the tabs under the plot.

use crate::common;

use egui::accesskit::Role;
use egui::{Key, Pos2};
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT as _, Queryable};
use stockpile_planner::ui::command::Command;
use stockpile_planner::ui::views::command_palette::{CommandPalette, PaletteItem};

const FIELD: &str = "Command palette search";

struct Shell {
    palette: CommandPalette,
    items: Vec<PaletteItem>,
    /// Commands that cannot run now (shown greyed out).
    disabled: Vec<Command>,
    /// What the palette returned, frame by frame.
    ran: Vec<PaletteItem>,
}

fn window() -> Harness<'static, Shell> {
    window_with_disabled(Vec::new())
}

fn window_with_disabled(disabled: Vec<Command>) -> Harness<'static, Shell> {
    let items = PaletteItem::all(["Cobalt", "Antimony"], ["DRC suspension"], ["Ban in 2026"]);
    let shell = Shell {
        palette: CommandPalette::default(),
        items,
        disabled,
        ran: Vec::new(),
    };
    let mut h = Harness::builder().with_size([900.0, 700.0]).build_ui_state(
        |ui, shell: &mut Shell| {
            ui.label("The planner window");
            let disabled = shell.disabled.clone();
            let is_enabled = move |item: &PaletteItem| match item {
                PaletteItem::Command(c) => !disabled.contains(c),
                _ => true,
            };
            if let Some(item) = shell
                .palette
                .show_with_enabled(ui.ctx(), &shell.items, &is_enabled)
            {
                shell.ran.push(item);
            }
        },
        shell,
    );
    h.state_mut().palette.open();
    h.run();
    h
}

/// Type `text` one letter per frame, as a person does; each letter lands
/// in the search field (it keeps the keyboard focus).
fn type_slowly(h: &mut Harness<'static, Shell>, text: &str) {
    for c in text.chars() {
        let before = h.state().palette.query().to_string();
        h.get_by_role(Role::EditableComboBox)
            .type_text(&c.to_string());
        h.run();
        assert_eq!(h.state().palette.query(), format!("{before}{c}"));
        assert_eq!(
            h.get_by_label(FIELD).value().as_deref(),
            Some(h.state().palette.query())
        );
    }
}

fn press(h: &mut Harness<'static, Shell>, key: Key) {
    h.key_press(key);
    h.run();
}

#[test]
fn typing_adm_and_enter_runs_add_mineral() {
    let mut h = window();
    // The search field has the keyboard focus, with the first row as its
    // active descendant: a screen reader reads that row as focused.
    assert!(
        h.get_by_role_and_label(Role::ListBoxOption, "New")
            .is_focused()
    );
    type_slowly(&mut h, "adm");
    assert_eq!(h.state().palette.query(), "adm");
    press(&mut h, Key::Enter);
    assert_eq!(h.state().ran, [PaletteItem::Command(Command::AddMineral)]);
    assert!(!h.state().palette.is_open());
    assert!(h.query_by_label(FIELD).is_none(), "the palette is gone");
}

#[test]
fn escape_closes_without_running_anything() {
    let mut h = window();
    type_slowly(&mut h, "sav");
    press(&mut h, Key::Escape);
    assert!(!h.state().palette.is_open());
    assert!(h.state().ran.is_empty());
    assert!(h.query_by_label(FIELD).is_none());
    // Enter afterwards runs nothing either.
    press(&mut h, Key::Enter);
    assert!(h.state().ran.is_empty());
}

#[test]
fn down_moves_the_highlight_and_a_screen_reader_follows_it() {
    let mut h = window();
    type_slowly(&mut h, "cob");
    // The only match is highlighted: it is the field's active descendant,
    // which a screen reader announces as focused.
    let cobalt = "Go to mineral: Cobalt";
    assert!(
        h.get_by_role_and_label(Role::ListBoxOption, cobalt)
            .is_focused()
    );
    press(&mut h, Key::Backspace);
    press(&mut h, Key::Backspace);
    press(&mut h, Key::Backspace);
    assert_eq!(h.state().palette.query(), "");
    // Everything, in order: New is first; Down twice reaches Open by path.
    assert!(
        h.get_by_role_and_label(Role::ListBoxOption, "New")
            .is_focused()
    );
    press(&mut h, Key::ArrowDown);
    press(&mut h, Key::ArrowDown);
    assert!(
        h.get_by_role_and_label(Role::ListBoxOption, "Open by typing a path...")
            .is_focused()
    );
    press(&mut h, Key::ArrowUp);
    press(&mut h, Key::Enter);
    assert_eq!(h.state().ran, [PaletteItem::Command(Command::Open)]);
}

#[test]
fn up_from_the_first_row_wraps_to_the_last() {
    let mut h = window();
    press(&mut h, Key::ArrowUp);
    press(&mut h, Key::Enter);
    assert_eq!(
        h.state().ran,
        [PaletteItem::Variant {
            index: 0,
            name: "Ban in 2026".into()
        }]
    );
}

#[test]
fn a_click_on_a_row_runs_it() {
    let mut h = window();
    type_slowly(&mut h, "drc");
    h.get_by_role_and_label(Role::ListBoxOption, "Go to event: DRC suspension")
        .click();
    h.run();
    assert_eq!(
        h.state().ran,
        [PaletteItem::Event {
            index: 0,
            name: "DRC suspension".into()
        }]
    );
    assert!(!h.state().palette.is_open());
}

#[test]
fn a_click_outside_closes_it() {
    let mut h = window();
    type_slowly(&mut h, "sav");
    let outside = Pos2::new(20.0, 650.0);
    for pressed in [true, false] {
        h.event(egui::Event::PointerButton {
            pos: outside,
            button: egui::PointerButton::Primary,
            pressed,
            modifiers: egui::Modifiers::NONE,
        });
    }
    h.run();
    assert!(!h.state().palette.is_open());
    assert!(h.state().ran.is_empty());
}

#[test]
fn a_disabled_command_is_listed_but_never_run() {
    let mut h = window_with_disabled(vec![Command::Save]);
    type_slowly(&mut h, "sav");
    let save = h.get_by_role_and_label(Role::ListBoxOption, "Save");
    assert!(save.accesskit_node().is_disabled(), "greyed out");
    // The highlight starts on the best match that can run.
    assert!(
        h.get_by_role_and_label(Role::ListBoxOption, "Save As...")
            .is_focused()
    );
    h.get_by_role_and_label(Role::ListBoxOption, "Save").click();
    h.run();
    press(&mut h, Key::ArrowUp);
    press(&mut h, Key::Enter);
    assert!(
        h.state().ran.is_empty(),
        "neither a click nor Enter ran Save"
    );
    assert!(h.state().palette.is_open());
    press(&mut h, Key::ArrowDown);
    press(&mut h, Key::Enter);
    assert_eq!(h.state().ran, [PaletteItem::Command(Command::SaveAs)]);
}

#[test]
fn each_row_names_its_shortcut_for_a_screen_reader() {
    let mut h = window();
    type_slowly(&mut h, "add");
    let ctx = egui::Context::default();
    let shortcut = ctx.format_shortcut(&Command::AddMineral.shortcut().unwrap());
    let add = h.get_by_role_and_label(Role::ListBoxOption, "Add mineral");
    assert_eq!(
        add.accesskit_node().data().keyboard_shortcut(),
        Some(shortcut.as_str())
    );
    let list = h.get_by_role(Role::ListBox);
    assert_eq!(list.accesskit_node().label().as_deref(), Some("Matches"));
}

/// Each tab under the plot has a row: a few letters find it first.
#[test]
fn the_tabs_under_the_plot_are_found_by_a_few_letters() {
    for (query, command) in [
        ("summ", Command::ShowSummary),
        ("what ch", Command::ShowWhatChanged),
        ("sens", Command::ShowSensitivity),
        ("tornado", Command::ShowSensitivity),
        ("goal", Command::ShowGoalSeek),
        ("budget sp", Command::ShowBudgetSplit),
    ] {
        let mut h = window();
        type_slowly(&mut h, query);
        press(&mut h, Key::Enter);
        assert_eq!(h.state().ran, [PaletteItem::Command(command)], "{query}");
    }
}

/// The real window: Ctrl+K, a few letters and Enter show the tab, also
/// when the tabs were folded ("Plot only"); "What changed" is listed but
/// greyed out until there is a baseline.
#[test]
fn the_palette_shows_a_tab_under_the_plot_in_the_window() {
    use stockpile_planner::ui::PlannerApp;
    use stockpile_planner::ui::app::BottomTab;
    type Window = Harness<'static, PlannerApp>;
    fn run_from_palette(h: &mut Window, query: &str) {
        h.key_press_modifiers(egui::Modifiers::COMMAND, Key::K);
        h.run();
        assert!(h.state().palette.is_open());
        for c in query.chars() {
            h.get_by_label(FIELD).type_text(&c.to_string());
            h.run();
        }
        h.key_press(Key::Enter);
        h.run();
        h.run();
    }
    let mut h = common::window(
        stockpile_planner::samples::default_scenario(),
        egui::Theme::Dark,
    );
    h.state_mut().bottom_folded = true;
    run_from_palette(&mut h, "goal");
    assert_eq!(h.state().bottom_tab, BottomTab::GoalSeek);
    assert!(!h.state().bottom_folded, "the tab is unfolded");
    run_from_palette(&mut h, "budget sp");
    assert_eq!(h.state().bottom_tab, BottomTab::BudgetSplit);
    run_from_palette(&mut h, "sens");
    assert_eq!(h.state().bottom_tab, BottomTab::Sensitivity);
    run_from_palette(&mut h, "summ");
    assert_eq!(h.state().bottom_tab, BottomTab::Summary);

    // Nothing to compare with: listed, greyed out, Enter does nothing.
    h.key_press_modifiers(egui::Modifiers::COMMAND, Key::K);
    h.run();
    for c in "what ch".chars() {
        h.get_by_label(FIELD).type_text(&c.to_string());
        h.run();
    }
    let row = h.get_by_role_and_label(Role::ListBoxOption, "Show what changed");
    assert!(row.accesskit_node().is_disabled());
    h.key_press(Key::Escape);
    h.run();
    // Compared with a variant of the file, it runs.
    {
        let doc = &mut h.state_mut().doc;
        doc.scenario.duplicate_variant(0);
        doc.baseline = Some(stockpile_planner::ui::document::Baseline::Variant(1));
    }
    h.run();
    run_from_palette(&mut h, "what ch");
    assert_eq!(h.state().bottom_tab, BottomTab::Changes);
}
