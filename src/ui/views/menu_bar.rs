//! The menu bar: every entry sends a [`Command`].

use crate::ui::command::Command;
use egui::{Button, Ui};
use std::path::PathBuf;

/// What the menus need to know to grey out entries.
pub struct MenuState<'a> {
    pub selected: Option<usize>,
    pub can_undo: bool,
    pub can_redo: bool,
    /// A file dialog is open: File actions are greyed out.
    pub dialog_open: bool,
    pub recent_files: &'a [PathBuf],
}

pub fn show(ui: &mut Ui, state: &MenuState<'_>, commands: &mut Vec<Command>) {
    egui::MenuBar::new().ui(ui, |ui| {
        ui.menu_button("File", |ui| {
            let files = !state.dialog_open;
            item(ui, Command::NewScenario, files, commands);
            item(ui, Command::Open, files, commands);
            ui.add_enabled_ui(files && !state.recent_files.is_empty(), |ui| {
                ui.menu_button("Open Recent", |ui| {
                    for path in state.recent_files {
                        let label = path.display().to_string();
                        if ui.button(label).clicked() {
                            commands.push(Command::OpenRecent(path.clone()));
                            ui.close();
                        }
                    }
                });
            });
            item(ui, Command::OpenByPath, files, commands);
            ui.separator();
            item(ui, Command::Save, files, commands);
            item(ui, Command::SaveAs, files, commands);
        });
        ui.menu_button("Edit", |ui| {
            item(ui, Command::Undo, state.can_undo, commands);
            item(ui, Command::Redo, state.can_redo, commands);
            ui.separator();
            item(ui, Command::AddMineral, true, commands);
            if let Some(i) = state.selected {
                item(ui, Command::DuplicateMineral(i), true, commands);
                item(ui, Command::RemoveMineral(i), true, commands);
            }
        });
        ui.menu_button("View", |ui| {
            item(ui, Command::ToggleTheme, true, commands);
            ui.weak("Zoom: Ctrl + and Ctrl -");
        });
    });
}

fn item(ui: &mut Ui, command: Command, enabled: bool, commands: &mut Vec<Command>) {
    let mut button = Button::new(command.label());
    if let Some(shortcut) = command.shortcut() {
        button = button.shortcut_text(ui.ctx().format_shortcut(&shortcut));
    }
    if ui.add_enabled(enabled, button).clicked() {
        commands.push(command);
        ui.close();
    }
}
