//! The suppliers of the selected mineral: name, share and lead time, with the
//! running total of shares and a "normalize to 100%" action.

use super::field::{field_id, text_field, typing_error};
use super::form::{self, problem_label};
use crate::model::validation::SHARE_TOLERANCE_PCT;
use crate::model::{Mineral, Problem};
use crate::ui::command::{Command, Message};
use egui::{Grid, RichText, Ui};

/// Fields write into `mineral`; adding and removing go to `messages`.
pub fn show(
    ui: &mut Ui,
    index: usize,
    mineral: &mut Mineral,
    problems: &[Problem],
    messages: &mut Vec<Message>,
) {
    let dark = ui.visuals().dark_mode;
    ui.horizontal(|ui| {
        ui.strong("Suppliers");
        ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
            super::command_button(ui, Command::AddSupplier, true, messages);
        });
    });
    Grid::new(("suppliers", index))
        .num_columns(4)
        .striped(true)
        .spacing([8.0, 4.0])
        .show(ui, |ui| {
            ui.weak("Supplier or country");
            ui.weak("Share");
            ui.weak("Lead time");
            ui.label("");
            ui.end_row();
            for (k, s) in mineral.suppliers.iter_mut().enumerate() {
                let n = k + 1;
                let at = |field: &str| format!("minerals[{index}].suppliers[{k}].{field}");
                let mut typed = Vec::new();
                let name = text_field(ui, field_id(&at("name")), &mut s.name, 150.0, false, "")
                    .accessible_name(format!("Supplier {n} name"));
                typed.extend(typing_error(ui.ctx(), name.id));
                ui.horizontal(|ui| {
                    let r = form::pct_field(ui, &at("share_pct"), &mut s.share_pct)
                        .accessible_name(format!("Supplier {n} share"));
                    typed.extend(typing_error(ui.ctx(), r.id));
                    ui.label("%");
                });
                ui.horizontal(|ui| {
                    let r = form::whole_field(ui, &at("lead_time_months"), &mut s.lead_time_months)
                        .accessible_name(format!("Supplier {n} lead time"));
                    typed.extend(typing_error(ui.ctx(), r.id));
                    ui.label("mo");
                });
                if ui
                    .small_button("Remove")
                    .accessible_name(format!("Remove supplier {n}"))
                    .on_hover_text("Remove this supplier")
                    .clicked()
                {
                    messages.push(Message::RemoveSupplier {
                        mineral: index,
                        supplier: k,
                    });
                }
                ui.end_row();
                let prefix = format!("minerals[{index}].suppliers[{k}].");
                let found = problems
                    .iter()
                    .filter(|p| p.path.starts_with(&prefix))
                    .map(|p| p.message.clone());
                for message in typed.into_iter().chain(found) {
                    problem_label(ui, &message);
                    ui.end_row();
                }
            }
        });
    // The running total, always visible, flagged when off.
    let total = mineral.total_share_pct();
    let off = (total - 100.0).abs() > SHARE_TOLERANCE_PCT;
    ui.horizontal(|ui| {
        let text = RichText::new(format!("Total share {total:.2}%")).strong();
        let text = if off {
            text.color(crate::ui::palette::problem_color(dark))
        } else {
            text
        };
        ui.label(text);
        if off {
            ui.label(
                RichText::new("(should be 100%)").color(crate::ui::palette::problem_color(dark)),
            );
        }
        super::command_button(
            ui,
            Command::NormalizeShares,
            off && !mineral.suppliers.is_empty(),
            messages,
        );
    });
    for p in problems
        .iter()
        .filter(|p| p.path == format!("minerals[{index}].suppliers"))
    {
        problem_label(ui, &p.message);
    }
}
