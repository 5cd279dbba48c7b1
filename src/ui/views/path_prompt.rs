//! The in-window file picker: a path to type and the `.ron` files of the
//! folder to click. Used when no system dialog can be shown, and from
//! File > Open by typing a path.

use crate::ui::command::Message;
use crate::ui::files::{FileRequest, ron_files_in, with_extension, with_ron_extension};
use egui::{Id, Modal, TextEdit};
use std::path::{Path, PathBuf};

/// The in-window path entry's state.
#[derive(Clone, Debug, PartialEq)]
pub struct PathPrompt {
    pub request: FileRequest,
    pub text: String,
    /// Why the prompt is shown, if not asked for.
    pub reason: Option<String>,
}

impl PathPrompt {
    /// The prompt for `request`, pre-filled with its folder (and suggested
    /// name), saying why it is shown if it was not asked for.
    pub fn new(request: FileRequest, reason: Option<String>) -> Self {
        let text = match &request {
            FileRequest::Open { folder }
            | FileRequest::CompareWith { folder }
            | FileRequest::MergeTheirs { folder }
            | FileRequest::MergeBase { folder } => folder.display().to_string() + "/",
            FileRequest::SaveAs {
                folder,
                suggested_name,
            }
            | FileRequest::Export {
                folder,
                suggested_name,
                ..
            } => folder.join(suggested_name).display().to_string(),
        };
        Self {
            request,
            text,
            reason,
        }
    }
}

/// Returns `false` when the prompt should close.
pub fn show(ctx: &egui::Context, prompt: &mut PathPrompt, messages: &mut Vec<Message>) -> bool {
    let title = prompt.request.title();
    let action = match &prompt.request {
        FileRequest::Open { .. } => "Open",
        FileRequest::SaveAs { .. } => "Save",
        FileRequest::CompareWith { .. } => "Compare",
        FileRequest::MergeTheirs { .. } => "Merge",
        FileRequest::MergeBase { .. } => "Use as the base",
        FileRequest::Export { .. } => "Export",
    };
    let mut keep = true;
    Modal::new(Id::unique("path_prompt")).show(ctx, |ui| {
        ui.set_width(560.0);
        ui.heading(title);
        if let Some(reason) = &prompt.reason {
            ui.add_space(4.0);
            ui.colored_label(ui.visuals().warn_fg_color, reason);
        }
        ui.add_space(6.0);
        let label = ui.label("File path");
        let edit = ui
            .add(TextEdit::singleline(&mut prompt.text).desired_width(f32::INFINITY))
            .labelled_by(label.id);
        let entered = edit.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
        let folder = folder_of(&prompt.text);
        let files = ron_files_in(&folder);
        ui.add_space(4.0);
        ui.weak(format!("Scenario files in {}", folder.display()));
        egui::ScrollArea::vertical()
            .max_height(180.0)
            .show(ui, |ui| {
                if files.is_empty() {
                    ui.weak("(none)");
                }
                for file in &files {
                    let name = file
                        .file_name()
                        .map(|n| n.to_string_lossy().into_owned())
                        .unwrap_or_default();
                    if ui
                        .selectable_label(Path::new(&prompt.text) == file, name)
                        .clicked()
                    {
                        prompt.text = file.display().to_string();
                    }
                }
            });
        ui.add_space(8.0);
        ui.horizontal(|ui| {
            let path = PathBuf::from(prompt.text.trim());
            let valid = !prompt.text.trim().is_empty() && !prompt.text.ends_with('/');
            let clicked = ui.add_enabled(valid, egui::Button::new(action)).clicked();
            if valid && (clicked || entered) {
                messages.push(match &prompt.request {
                    FileRequest::Open { .. } => Message::OpenPath(path),
                    FileRequest::SaveAs { .. } => Message::SaveTo(with_ron_extension(path)),
                    FileRequest::CompareWith { .. } => Message::CompareWithPath(path),
                    FileRequest::MergeTheirs { .. } => Message::MergeTheirsPath(path),
                    FileRequest::MergeBase { .. } => Message::MergeBasePath(path),
                    FileRequest::Export { kind, .. } => {
                        Message::ExportTo(*kind, with_extension(path, kind.extension()))
                    }
                });
                keep = false;
            }
            if ui.button("Cancel").clicked() {
                keep = false;
            }
        });
    });
    keep
}

/// The folder part of what was typed (the text itself when it is a folder).
fn folder_of(text: &str) -> PathBuf {
    let path = PathBuf::from(text.trim());
    if path.is_dir() {
        path
    } else {
        path.parent()
            .map_or_else(|| PathBuf::from("."), Path::to_path_buf)
    }
}
