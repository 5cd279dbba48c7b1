//! The document's file changed on disk (a colleague saved over it): offered
//! when the window comes back to the front, and by File > Reload from disk
//! when there are unsaved changes. The offer's state lives here, with its
//! view.

use crate::ui::command::{DiskAnswer, Message};
use crate::ui::views::unsaved_prompt::display_name;
use egui::{Id, Modal};
use std::path::PathBuf;

/// What the planner is offered about the file at `path`.
#[derive(Clone, Debug, PartialEq)]
pub struct DiskOffer {
    pub path: PathBuf,
    /// The window holds unsaved changes (a reload would drop them).
    pub unsaved: bool,
    /// Asked for (Reload from disk), not found on coming back.
    pub asked: bool,
    /// Someone else saved the file since it was opened (else there is
    /// nothing of theirs to merge).
    pub changed: bool,
}

pub fn show(ctx: &egui::Context, offer: Option<&DiskOffer>, messages: &mut Vec<Message>) {
    let Some(offer) = offer else {
        return;
    };
    let name = display_name(&offer.path);
    let modal = Modal::new(Id::unique("disk_changed")).show(ctx, |ui| {
        ui.set_max_width(520.0);
        if offer.asked {
            ui.heading(format!("Reload {name}?"));
        } else {
            ui.heading(format!("{name} changed on disk"));
        }
        ui.add_space(6.0);
        let text = match (offer.asked, offer.unsaved) {
            (true, true) if !offer.changed => {
                "The file on disk is as you opened it. Reload it and drop your unsaved changes, or keep them?".to_string()
            }
            (_, true) => format!(
                "{}You have unsaved changes. Merge their changes into yours (fields you both changed are yours to choose), reload and drop yours, or keep yours as they are?",
                if offer.asked { "" } else { "Someone or something else saved this file since you opened it. " }
            ),
            (false, false) => "Someone or something else saved this file since you opened it. Reload it to see their version?".into(),
            (true, false) => "Reload the file as it is on disk?".into(),
        };
        ui.label(text);
        ui.add_space(10.0);
        // A merge only where there is something of theirs and of ours.
        let answers: &[DiskAnswer] = if offer.unsaved && offer.changed {
            &[DiskAnswer::Merge, DiskAnswer::Reload, DiskAnswer::Keep]
        } else {
            &[DiskAnswer::Reload, DiskAnswer::Keep]
        };
        ui.horizontal(|ui| {
            for &answer in answers {
                if ui.button(answer.label(offer.unsaved)).clicked() {
                    messages.push(Message::AnswerDisk(answer));
                }
            }
        });
    });
    if modal.should_close() {
        messages.push(Message::AnswerDisk(DiskAnswer::Keep));
    }
}
