//! The menu bar: every entry sends a [`Command`] (or, for a recent file, a
//! [`Message`]), and shows the command's own label and shortcut.

use crate::ui::command::{Command, Message};
use egui::{Button, Ui};
use std::path::PathBuf;

/// What the menus need to know to name and grey out entries.
pub struct MenuState<'a> {
    pub has_selected_mineral: bool,
    /// The scenario has a file (Reload from disk).
    pub has_file: bool,
    /// What Undo and Redo would do ("budget of Cobalt"), if anything.
    pub undo_label: Option<String>,
    pub redo_label: Option<String>,
    /// A file dialog is open: File actions are greyed out.
    pub dialog_open: bool,
    pub recent_files: &'a [PathBuf],
    pub presenter: bool,
    /// A variant (not the base) is on screen.
    pub variant_can_be_deleted: bool,
    /// A baseline is set.
    pub comparing: bool,
    /// Side panels on screen now.
    pub scenario_panel: bool,
    pub editor_panel: bool,
    /// A panel the planner wants is folded because the window is narrow.
    pub folded_for_room: bool,
    /// Reduced motion is on (chosen, or because the window is drawn in
    /// software).
    pub reduced_motion: bool,
}

pub fn show(ui: &mut Ui, state: &MenuState<'_>, messages: &mut Vec<Message>) {
    egui::MenuBar::new().ui(ui, |ui| {
        ui.menu_button("File", |ui| {
            let files = !state.dialog_open;
            item(ui, Command::NewScenario, None, files, messages);
            item(ui, Command::Open, None, files, messages);
            ui.add_enabled_ui(files && !state.recent_files.is_empty(), |ui| {
                ui.menu_button("Open Recent", |ui| {
                    for path in state.recent_files {
                        let label = path.display().to_string();
                        if ui.button(label).clicked() {
                            messages.push(Message::OpenRecent(path.clone()));
                            ui.close();
                        }
                    }
                });
            });
            item(ui, Command::OpenByPath, None, files, messages);
            ui.separator();
            item(ui, Command::Save, None, files, messages);
            item(ui, Command::SaveAs, None, files, messages);
            ui.separator();
            item(ui, Command::ReloadFromDisk, None, files && state.has_file, messages);
            item(ui, Command::MergeWithFile, None, files, messages);
            ui.separator();
            ui.menu_button("Export", |ui| {
                item(ui, Command::ExportChart, None, files, messages);
                item(ui, Command::ExportCsv, None, files, messages);
                item(ui, Command::ExportBriefing, None, files, messages);
            });
            ui.separator();
            item(ui, Command::Quit, None, true, messages);
        });
        ui.menu_button("Edit", |ui| {
            let undo = state.undo_label.as_ref().map(|w| format!("Undo {w}"));
            let redo = state.redo_label.as_ref().map(|w| format!("Redo {w}"));
            item(
                ui,
                Command::Undo,
                undo,
                state.undo_label.is_some(),
                messages,
            );
            item(
                ui,
                Command::Redo,
                redo,
                state.redo_label.is_some(),
                messages,
            );
            ui.separator();
            item(ui, Command::AddMineral, None, true, messages);
            let selected = state.has_selected_mineral;
            item(ui, Command::DuplicateMineral, None, selected, messages);
            item(ui, Command::RemoveMineral, None, selected, messages);
            item(ui, Command::AddSupplier, None, selected, messages);
            item(ui, Command::AddEvent, None, true, messages);
        });
        ui.menu_button("Variant", |ui| {
            item(ui, Command::DuplicateVariant, None, true, messages);
            item(ui, Command::RenameVariant, None, true, messages);
            item(ui, Command::DeleteVariant, None, state.variant_can_be_deleted, messages);
            ui.separator();
            item(ui, Command::CompareWithFile, None, !state.dialog_open, messages);
            item(ui, Command::StopComparing, None, state.comparing, messages);
        });
        ui.menu_button("View", |ui| {
            toggle(ui, Command::PresenterMode, state.presenter, messages);
            ui.separator();
            toggle(ui, Command::ToggleScenarioPanel, state.scenario_panel, messages);
            toggle(ui, Command::ToggleEditorPanel, state.editor_panel, messages);
            if state.folded_for_room {
                ui.weak("Some panels are folded to keep the chart at half\nthe window: zoom out or widen the window.");
            }
            ui.separator();
            item(ui, Command::ShowSummary, None, true, messages);
            item(ui, Command::ShowWhatChanged, None, state.comparing, messages);
            item(ui, Command::ShowSensitivity, None, true, messages);
            item(ui, Command::ShowGoalSeek, None, true, messages);
            item(ui, Command::ShowBudgetSplit, None, true, messages);
            ui.separator();
            item(ui, Command::ZoomIn, None, true, messages);
            item(ui, Command::ZoomOut, None, true, messages);
            item(ui, Command::ZoomReset, None, true, messages);
            ui.separator();
            item(ui, Command::ToggleTheme, None, true, messages);
            toggle(ui, Command::ReducedMotion, state.reduced_motion, messages);
            item(ui, Command::CommandPalette, None, true, messages);
        });
    });
}

/// An entry that is on or off, drawn as a checkbox (a screen reader hears
/// its state).
fn toggle(ui: &mut Ui, command: Command, on: bool, messages: &mut Vec<Message>) {
    let mut checked = on;
    let mut label = command.label().to_string();
    if let Some(shortcut) = command.shortcut() {
        label = format!("{label}  ({})", ui.ctx().format_shortcut(&shortcut));
    }
    if ui
        .checkbox(&mut checked, label)
        .on_hover_text(command.tooltip())
        .changed()
    {
        messages.push(command.into());
        ui.close();
    }
}

/// One entry: the command's label (or `label`, e.g. "Undo budget of
/// Cobalt"), its shortcut and tooltip from the command.
fn item(
    ui: &mut Ui,
    command: Command,
    label: Option<String>,
    enabled: bool,
    messages: &mut Vec<Message>,
) {
    let mut button = Button::new(label.unwrap_or_else(|| command.label().to_string()));
    if let Some(shortcut) = command.shortcut() {
        button = button.shortcut_text(ui.ctx().format_shortcut(&shortcut));
    }
    if ui
        .add_enabled(enabled, button)
        .on_hover_text(command.tooltip())
        .clicked()
    {
        messages.push(command.into());
        ui.close();
    }
}
