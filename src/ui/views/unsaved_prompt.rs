//! "Save changes before …?" with Save / Don't save / Cancel.

use crate::ui::command::{Command, UnsavedChoice};
use crate::ui::document::Document;
use crate::ui::file_actions::Replace;
use egui::{Id, Modal};

pub fn show(
    ctx: &egui::Context,
    pending: Option<&Replace>,
    doc: &Document,
    commands: &mut Vec<Command>,
) {
    let Some(action) = pending else {
        return;
    };
    let modal = Modal::new(Id::unique("unsaved_prompt")).show(ctx, |ui| {
        ui.set_max_width(420.0);
        ui.heading("Save changes?");
        ui.add_space(6.0);
        ui.label(format!(
            "{} has unsaved changes. Save them before {}?",
            doc.file_label(),
            action.describe()
        ));
        ui.add_space(10.0);
        ui.horizontal(|ui| {
            for choice in [
                UnsavedChoice::Save,
                UnsavedChoice::DontSave,
                UnsavedChoice::Cancel,
            ] {
                let command = Command::AnswerUnsaved(choice);
                if ui.button(command.label()).clicked() {
                    commands.push(command);
                }
            }
        });
    });
    if modal.should_close() {
        commands.push(Command::AnswerUnsaved(UnsavedChoice::Cancel));
    }
}
