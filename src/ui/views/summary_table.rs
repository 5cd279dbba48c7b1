//! One row per mineral and a total row: budget, bought, final coverage, the
//! month 100 % is reached, unspent budget.

use super::mineral_list::coverage_badge;
use crate::display::{qty, usd_short};
use crate::model::{Projection, Scenario};
use egui::{Grid, RichText, Ui};

pub fn show(ui: &mut Ui, scenario: &Scenario, projection: &Projection) {
    let dark = ui.visuals().dark_mode;
    egui::ScrollArea::vertical()
        .id_salt("summary")
        .show(ui, |ui| {
            Grid::new("summary_table")
                .num_columns(6)
                .striped(true)
                .spacing([16.0, 6.0])
                .min_col_width(60.0)
                .show(ui, |ui| {
                    for h in [
                        "Mineral",
                        "Budget",
                        "Bought",
                        "Final coverage",
                        "100% reached",
                        "Unspent",
                    ] {
                        ui.strong(h);
                    }
                    ui.end_row();
                    let mut budget_total = 0.0;
                    let mut unspent_total = 0.0;
                    for (m, p) in scenario.minerals.iter().zip(&projection.minerals) {
                        budget_total += m.budget_usd;
                        unspent_total += p.unspent_usd();
                        ui.label(&p.name);
                        right(ui, usd_short(m.budget_usd));
                        right(ui, qty(p.total_ordered_qty, p.unit.symbol()));
                        coverage_badge(ui, &p.name, p.final_coverage_pct(), dark);
                        match p.first_full_coverage_month {
                            Some(k) => ui.label(projection.calendar_month(k).to_string()),
                            None => ui.weak("not within timeframe"),
                        };
                        ui.label(usd_short(p.unspent_usd()));
                        ui.end_row();
                    }
                    ui.strong("Total");
                    ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                        ui.label(RichText::new(usd_short(budget_total)).strong())
                    });
                    ui.weak("—");
                    ui.weak("—");
                    ui.weak("—");
                    ui.label(RichText::new(usd_short(unspent_total)).strong());
                    ui.end_row();
                });
        });
}

fn right(ui: &mut Ui, text: String) {
    ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
        ui.label(text)
    });
}
