//! The file the window holds, and whether it has unsaved changes.

use crate::ui::document::Document;
use egui::{RichText, Ui};

pub fn show(ui: &mut Ui, doc: &Document) {
    ui.horizontal(|ui| {
        let name = doc.file_label();
        let where_ = doc
            .path
            .as_ref()
            .and_then(|p| p.parent())
            .map(|p| p.display().to_string())
            .unwrap_or_else(|| "not saved yet".into());
        ui.label(RichText::new(name).strong()).on_hover_text(where_);
        if doc.is_dirty() {
            ui.label(
                RichText::new("unsaved changes")
                    .italics()
                    .color(ui.visuals().warn_fg_color),
            );
        } else if doc.path.is_some() {
            ui.weak("saved");
        }
        if let Some(reason) = &doc.read_only {
            ui.weak("· read-only").on_hover_text(format!(
                "This file cannot be saved over: {reason}. Save As… keeps your changes in another file."
            ));
        }
    });
}
