//! "What changed": every input that differs from the baseline, in planner
//! words ("Cobalt · budget: $500M → $400M"). A click on a row selects that
//! mineral or event in the editor.

use crate::model::compare::{DiffTarget, Difference};
use crate::ui::command::Message;
use egui::{RichText, Ui};

pub fn show(ui: &mut Ui, differences: &[Difference], messages: &mut Vec<Message>) {
    if differences.is_empty() {
        ui.weak("No input differs from the baseline: the dashed lines lie under the live ones.");
        return;
    }
    let row_height = ui.spacing().interact_size.y;
    egui::ScrollArea::vertical()
        .id_salt("what_changed")
        .auto_shrink([false, true])
        .show_rows(ui, row_height, differences.len(), |ui, rows| {
            for d in &differences[rows] {
                let text = d.sentence();
                let clickable = d.target != DiffTarget::Scenario;
                let response = ui
                    .add(
                        egui::Button::new(RichText::new(&text))
                            .frame(false)
                            .min_size(egui::vec2(ui.available_width(), row_height))
                            .truncate()
                            .sense(if clickable {
                                egui::Sense::click()
                            } else {
                                egui::Sense::hover()
                            }),
                    )
                    .on_hover_text(if clickable {
                        format!("{text}\nClick to show it in the editor")
                    } else {
                        text.clone()
                    });
                if response.clicked() {
                    messages.push(Message::ShowDifference(d.target));
                }
            }
        });
}
