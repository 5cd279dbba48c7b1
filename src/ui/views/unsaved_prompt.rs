//! "Save changes before …?" with Save / Don't save / Cancel, and the action
//! waiting for the answer (the prompt's state lives here, with its view).

use crate::ui::command::{Message, UnsavedChoice};
use crate::ui::document::Document;
use egui::{Id, Modal};
use std::path::{Path, PathBuf};

/// Something that would replace or close the scenario in the window.
#[derive(Clone, Debug, PartialEq)]
pub enum Replace {
    New,
    OpenDialog,
    OpenPath(PathBuf),
    Close,
}

impl Replace {
    /// Words for the prompt: "Save changes before …".
    pub fn describe(&self) -> String {
        match self {
            Replace::New => "starting a new scenario".into(),
            Replace::OpenDialog => "opening another scenario".into(),
            Replace::OpenPath(p) => format!("opening {}", display_name(p)),
            Replace::Close => "closing".into(),
        }
    }
}

/// `plan.ron` for `/some/folder/plan.ron`.
pub fn display_name(path: &Path) -> String {
    path.file_name().map_or_else(
        || path.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    )
}

pub fn show(
    ctx: &egui::Context,
    pending: Option<&Replace>,
    doc: &Document,
    messages: &mut Vec<Message>,
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
                if ui.button(choice.label()).clicked() {
                    messages.push(Message::AnswerUnsaved(choice));
                }
            }
        });
    });
    if modal.should_close() {
        messages.push(Message::AnswerUnsaved(UnsavedChoice::Cancel));
    }
}
