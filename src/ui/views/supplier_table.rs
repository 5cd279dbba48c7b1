//! The suppliers of the selected mineral: name, share and lead time, with the
//! running total of shares and a "normalize to 100%" action.

use super::form::problem_label;
use crate::model::validation::SHARE_TOLERANCE_PCT;
use crate::model::{Mineral, Problem};
use crate::ui::command::Command;
use egui::{DragValue, Grid, RichText, TextEdit, Ui};

/// Returns `true` when a field changed; structural changes go to `commands`.
pub fn show(
    ui: &mut Ui,
    index: usize,
    mineral: &mut Mineral,
    problems: &[Problem],
    commands: &mut Vec<Command>,
) -> bool {
    let mut changed = false;
    let dark = ui.visuals().dark_mode;
    ui.horizontal(|ui| {
        ui.strong("Suppliers");
        ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
            if ui.button("+ Add supplier").clicked() {
                commands.push(Command::AddSupplier { mineral: index });
            }
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
                changed |= ui
                    .add(TextEdit::singleline(&mut s.name).desired_width(150.0))
                    .accessible_name(format!("Supplier {n} name"))
                    .changed();
                ui.horizontal(|ui| {
                    changed |= ui
                        .add(
                            DragValue::new(&mut s.share_pct)
                                .speed(0.2)
                                .range(0.0..=100.0)
                                .max_decimals(2),
                        )
                        .accessible_name(format!("Supplier {n} share"))
                        .changed();
                    ui.label("%");
                });
                ui.horizontal(|ui| {
                    changed |= ui
                        .add(
                            DragValue::new(&mut s.lead_time_months)
                                .speed(0.1)
                                .range(0..=240),
                        )
                        .accessible_name(format!("Supplier {n} lead time"))
                        .changed();
                    ui.label("mo");
                });
                if ui
                    .small_button("Remove")
                    .accessible_name(format!("Remove supplier {n}"))
                    .on_hover_text("Remove this supplier")
                    .clicked()
                {
                    commands.push(Command::RemoveSupplier {
                        mineral: index,
                        supplier: k,
                    });
                }
                ui.end_row();
                for p in problems.iter().filter(|p| {
                    p.path
                        .starts_with(&format!("minerals[{index}].suppliers[{k}]."))
                }) {
                    problem_label(ui, &p.message);
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
        if ui
            .add_enabled(
                off && !mineral.suppliers.is_empty(),
                egui::Button::new("Normalize to 100%"),
            )
            .on_hover_text("Scale all shares so they add up to 100%, keeping their proportions")
            .clicked()
        {
            commands.push(Command::NormalizeShares { mineral: index });
        }
    });
    for p in problems
        .iter()
        .filter(|p| p.path == format!("minerals[{index}].suppliers"))
    {
        problem_label(ui, &p.message);
    }
    changed
}
