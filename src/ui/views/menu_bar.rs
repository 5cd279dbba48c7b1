//! The menu bar: every entry sends a [`Command`].

use crate::ui::command::Command;
use egui::{Button, Ui};

pub fn show(
    ui: &mut Ui,
    selected: Option<usize>,
    can_undo: bool,
    can_redo: bool,
    commands: &mut Vec<Command>,
) {
    egui::MenuBar::new().ui(ui, |ui| {
        ui.menu_button("Edit", |ui| {
            item(ui, Command::Undo, can_undo, commands);
            item(ui, Command::Redo, can_redo, commands);
            ui.separator();
            item(ui, Command::AddMineral, true, commands);
            if let Some(i) = selected {
                item(ui, Command::DuplicateMineral(i), true, commands);
                item(ui, Command::RemoveMineral(i), true, commands);
            }
        });
        ui.menu_button("View", |ui| {
            item(ui, Command::ToggleTheme, true, commands);
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
