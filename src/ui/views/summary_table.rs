//! One row per mineral and a total row: budget, bought, final coverage, the
//! month 100 % is reached, unspent budget, coverage lost to events and the
//! feasibility ratio. When comparing with a baseline, four Δ columns
//! follow: coverage, the month 100 % is reached, spent and unspent.

use super::mineral_list::coverage_badge;
use crate::display::{feasibility_ratio, pts_delta, qty, reach_delta, usd_delta, usd_short};
use crate::model::compare::MineralDelta;
use crate::model::{Projection, Scenario};
use crate::ui::document::Comparison;
use egui::{Grid, RichText, Ui};

/// The table's columns.
const HEADERS: [&str; 8] = [
    "Mineral",
    "Budget",
    "Bought",
    "Final coverage",
    "100% reached",
    "Unspent",
    "Lost to events",
    "Feasibility",
];

/// The Δ columns, against the baseline.
const DELTA_HEADERS: [&str; 4] = ["Δ coverage", "Δ 100% reached", "Δ spent", "Δ unspent"];

pub fn show(
    ui: &mut Ui,
    scenario: &Scenario,
    projection: &Projection,
    lost_to_events_pct: &[f64],
    comparison: Option<&Comparison>,
) {
    let deltas = comparison
        .map(|c| c.deltas.as_slice())
        .filter(|d| !d.is_empty());
    let columns = HEADERS.len() + deltas.map_or(0, |_| DELTA_HEADERS.len());
    let has_events = scenario.disruptions.iter().any(|d| d.enabled);
    let dark = ui.visuals().dark_mode;
    let n = scenario.minerals.len().min(projection.minerals.len());
    // Header, one row per mineral, total; only the rows in view are laid
    // out, so 200 minerals cost what 10 do.
    let row_height = ui.spacing().interact_size.y;
    let row_gap = ui.spacing().item_spacing.y;
    egui::ScrollArea::both()
        .id_salt("summary")
        .show_rows(ui, row_height, n + 2, |ui, rows| {
            Grid::new("summary_table")
                .num_columns(columns)
                .striped(true)
                .spacing([10.0, row_gap])
                .min_col_width(40.0)
                .min_row_height(row_height)
                .start_row(rows.start)
                .show(ui, |ui| {
                    for row in rows {
                        if row == 0 {
                            for h in HEADERS {
                                ui.strong(h);
                            }
                            if deltas.is_some() {
                                for h in DELTA_HEADERS {
                                    ui.strong(h).on_hover_text(
                                        "This variant minus the baseline (dashed lines in the plot)",
                                    );
                                }
                            }
                        } else if row == n + 1 {
                            total_row(ui, scenario, projection, n);
                        } else {
                            let k = row - 1;
                            let lost = lost_to_events_pct.get(k).copied();
                            mineral_row(
                                ui,
                                projection,
                                k,
                                &scenario.minerals[k],
                                lost,
                                has_events,
                                dark,
                            );
                            if let Some(deltas) = deltas {
                                delta_cells(ui, projection, deltas.get(k).and_then(Option::as_ref));
                            }
                        }
                        ui.end_row();
                    }
                });
        });
}

fn mineral_row(
    ui: &mut Ui,
    projection: &Projection,
    k: usize,
    m: &crate::model::Mineral,
    lost: Option<f64>,
    has_events: bool,
    dark: bool,
) {
    let p = &projection.minerals[k];
    ui.label(&p.name);
    right(ui, usd_short(m.budget_usd));
    right(ui, qty(p.total_ordered_qty, p.unit.symbol()));
    coverage_badge(ui, &p.name, p.final_coverage_pct(), dark);
    match p.first_full_coverage_month {
        Some(month) => ui.label(projection.calendar_month(month).to_string()),
        None => ui.weak("not within timeframe"),
    };
    ui.label(usd_short(p.unspent_usd()));
    match lost {
        Some(lost) if has_events && lost.abs() >= 0.05 => {
            ui.label(format!("{:.1} pts", -lost))
                .on_hover_text("Final coverage with the enabled events minus without them");
        }
        _ if has_events => {
            ui.weak("none");
        }
        _ => {
            ui.weak("—").on_hover_text("No events in this scenario");
        }
    }
    feasibility(ui, p, dark);
}

/// Totals over the `n` minerals shown.
fn total_row(ui: &mut Ui, scenario: &Scenario, projection: &Projection, n: usize) {
    let budget_total: f64 = scenario.minerals[..n].iter().map(|m| m.budget_usd).sum();
    let unspent_total: f64 = projection.minerals[..n]
        .iter()
        .map(|p| p.unspent_usd())
        .sum();
    ui.strong("Total");
    ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
        ui.label(RichText::new(usd_short(budget_total)).strong())
    });
    ui.weak("—");
    ui.weak("—");
    ui.weak("—");
    ui.label(RichText::new(usd_short(unspent_total)).strong());
    ui.weak("—");
    ui.weak("—");
}

/// Live minus baseline for one mineral; "new" when the baseline lacks it.
fn delta_cells(ui: &mut Ui, projection: &Projection, delta: Option<&MineralDelta>) {
    let Some(d) = delta else {
        ui.weak("new")
            .on_hover_text("This mineral is not in the baseline");
        for _ in 1..DELTA_HEADERS.len() {
            ui.weak("—");
        }
        return;
    };
    let coverage = pts_delta(d.final_coverage_pts);
    if coverage == "0.0 pts" {
        right_weak(ui, coverage);
    } else {
        right(ui, coverage);
    }
    ui.label(reach_delta(&d.full_coverage, projection));
    right(ui, usd_delta(d.spent_usd));
    right(ui, usd_delta(d.unspent_usd));
}

fn right_weak(ui: &mut Ui, text: String) {
    ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
        ui.weak(text)
    });
}

fn right(ui: &mut Ui, text: String) {
    ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
        ui.label(text)
    });
}

/// The feasibility ratio; red, with the plain warning on hover, when the
/// budget cannot be spent within the ceilings and the suppliers still open.
fn feasibility(ui: &mut Ui, p: &crate::model::MineralProjection, dark: bool) {
    let f = p.feasibility;
    let text = feasibility_ratio(&f);
    match (f.ratio(), f.warning()) {
        (_, Some(warning)) => {
            ui.colored_label(crate::ui::palette::problem_color(dark), text)
                .on_hover_text(format!("{warning}. {}", purchasable_text(p)));
        }
        (Some(_), None) => {
            ui.label(text).on_hover_text(purchasable_text(p));
        }
        (None, None) => {
            ui.weak(text);
        }
    }
}

fn purchasable_text(p: &crate::model::MineralProjection) -> String {
    let unit = p.unit.symbol();
    format!(
        "The budget implies {}; the ceilings and open suppliers allow {}.",
        qty(p.feasibility.budget_implied_qty, unit),
        p.feasibility
            .purchasable_qty
            .map_or("any quantity".to_string(), |q| qty(q, unit))
    )
}
