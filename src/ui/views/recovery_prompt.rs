//! After a crash: offer the unsaved work found in the recovery copy.

use crate::file::recovery::{Recovered, format_utc};
use crate::ui::command::Message;
use egui::{Id, Modal};

pub fn show(ctx: &egui::Context, offer: Option<&Recovered>, messages: &mut Vec<Message>) {
    let Some(recovered) = offer else {
        return;
    };
    Modal::new(Id::unique("recovery_prompt")).show(ctx, |ui| {
        ui.set_max_width(460.0);
        ui.heading("Restore unsaved work?");
        ui.add_space(6.0);
        let from = recovered.info.file.as_ref().map_or_else(
            || "a scenario that was never saved".to_string(),
            |p| p.display().to_string(),
        );
        ui.label(format!(
            "Stockpile Planner closed without saving \"{}\" ({from}). A copy was kept at {}.",
            recovered.scenario.name,
            format_utc(recovered.info.saved_at_unix_s)
        ));
        ui.add_space(10.0);
        ui.horizontal(|ui| {
            for (label, message) in [
                ("Restore", Message::RestoreRecovery),
                ("Discard", Message::DiscardRecovery),
            ] {
                if ui.button(label).clicked() {
                    messages.push(message);
                }
            }
        });
    });
}
