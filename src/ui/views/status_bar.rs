//! The bottom line: validation status and totals at a glance.

use crate::display::usd_short;
use crate::ui::document::Document;
use crate::ui::palette;
use egui::Ui;

/// `folded`: a side panel the planner wants is folded for lack of room.
pub fn show(ui: &mut Ui, doc: &Document, folded: bool) {
    ui.horizontal(|ui| {
        let dark = ui.visuals().dark_mode;
        let n = doc.problem_count();
        if n == 0 {
            ui.label("Scenario is valid");
        } else {
            ui.colored_label(
                palette::problem_color(dark),
                format!("{n} problem{} to fix", if n == 1 { "" } else { "s" }),
            )
            .on_hover_text(doc.problems_in_words().join("\n"));
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
        let zoom = ui.ctx().zoom_factor();
        if (zoom - 1.0).abs() > 0.01 {
            ui.separator();
            ui.label(format!("Zoom {:.0}%", zoom * 100.0))
                .on_hover_text("Ctrl + and Ctrl − zoom, Ctrl+0 goes back");
        }
        if folded {
            ui.separator();
            ui.colored_label(
                ui.visuals().warn_fg_color,
                "Side panels folded to keep the chart readable: zoom out or widen the window",
            )
            .on_hover_text("View lists the panels; they come back when there is room for them beside a chart half the window wide.");
        }
    });
}
