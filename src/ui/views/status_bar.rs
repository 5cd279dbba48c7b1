//! The bottom line: validation status and totals at a glance.

use crate::display::usd_short;
use crate::ui::document::Document;
use crate::ui::palette;
use egui::Ui;

pub fn show(ui: &mut Ui, doc: &Document) {
    ui.horizontal(|ui| {
        let dark = ui.visuals().dark_mode;
        if doc.problems.is_empty() {
            ui.label("Scenario is valid");
        } else {
            let n = doc.problems.len();
            ui.colored_label(
                palette::problem_color(dark),
                format!("{n} problem{} to fix", if n == 1 { "" } else { "s" }),
            )
            .on_hover_text(
                doc.problems
                    .iter()
                    .map(|p| p.to_string())
                    .collect::<Vec<_>>()
                    .join("\n"),
            );
        }
        ui.separator();
        let budget: f64 = doc.active().minerals.iter().map(|m| m.budget_usd).sum();
        ui.label(format!(
            "{} minerals · budget {} · spent {} · {} months from {}",
            doc.active().minerals.len(),
            usd_short(budget),
            usd_short(doc.projection.total_cost_usd()),
            doc.active().horizon_months,
            doc.active().start
        ));
    });
}
