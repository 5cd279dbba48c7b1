//! The scenario's name, start month and horizon, and its notes.

use super::field::{field_id, text_field};
use super::form::{self, Form};
use crate::model::{PlanYear, Scenario};
use egui::{ComboBox, Grid, Ui};

const MONTH_NAMES: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// `is_variant`: a variant is on screen, so the name field is the
/// variant's (the base's name is the scenario's).
pub fn show(
    ui: &mut Ui,
    scenario: &mut Scenario,
    problems: &[crate::model::Problem],
    is_variant: bool,
) {
    let form = Form::new(problems);
    let name_label = if is_variant {
        "Variant name"
    } else {
        "Scenario name"
    };
    Grid::new("scenario_header")
        .num_columns(2)
        .spacing([8.0, 6.0])
        .show(ui, |ui| {
            form.row(ui, name_label, "name", |ui, id| {
                // As wide as the panel allows; a name longer than that is
                // read whole on hover.
                let width = (ui.available_width() - 4.0).clamp(100.0, 260.0);
                let name = scenario.name.clone();
                let field = text_field(ui, field_id("name"), &mut scenario.name, width, false, "")
                    .labelled_by(id);
                if name.chars().count() > 20 {
                    field.on_hover_text(name)
                } else {
                    field
                }
            });
            form.row(ui, "Start month", "start", |ui, id| {
                let month = &mut scenario.start.month;
                ComboBox::from_id_salt("start_month")
                    .selected_text(month_name(*month))
                    .width(88.0)
                    .show_ui(ui, |ui| {
                        for (i, name) in MONTH_NAMES.iter().enumerate() {
                            ui.selectable_value(month, i as u32 + 1, *name);
                        }
                    })
                    .response
                    .labelled_by(id);
                form::year_field(ui, "start.year", &mut scenario.start.year)
                    .accessible_name("Start year")
            });
            form.row(ui, "Horizon (months)", "horizon_months", |ui, id| {
                // The label says "months": no unit after the field, so the
                // row fits a narrow panel.
                let r = form::whole_field(ui, "horizon_months", &mut scenario.horizon_months)
                    .labelled_by(id);
                // Short, so the panel fits beside the plot on a projector.
                ui.weak(format!(
                    "to {}",
                    scenario.calendar_month(scenario.horizon_months)
                ))
                .on_hover_text(format!(
                    "{:.1} years: the last month projected is {}",
                    f64::from(scenario.horizon_months) / 12.0,
                    scenario.calendar_month(scenario.horizon_months)
                ));
                r
            });
            form.row(ui, "Plan years", "settings.plan_year", |ui, id| {
                plan_year(ui, &mut scenario.settings.plan_year, id)
            });
            form.row(ui, "Unspent budget", "settings", |ui, id| {
                ui.checkbox(
                    &mut scenario.settings.carry_over_unspent,
                    "carries over",
                )
                .labelled_by(id)
                .on_hover_text(
                    "Ticked: budget a purchase ceiling stops from being spent in a month is added to the next month. Unticked: it is forfeited.",
                )
            });
            form.row(ui, "At requirement", "settings.stop_at_requirement", |ui, id| {
                ui.checkbox(&mut scenario.settings.stop_at_requirement, "stop buying")
                .labelled_by(id)
                .on_hover_text(
                    "Ticked: ordering stops once what is held and on its way reaches the requirement; the money left is shown as not needed. Unticked: the budget keeps buying past the requirement.",
                )
            });
        });
    notes(ui, scenario);
}

/// The variant's notes (sources, assumptions, who signed off), folded
/// under their title: a file shared with a colleague says why its numbers
/// are what they are, and the notes were in the file but on no screen.
fn notes(ui: &mut Ui, scenario: &mut Scenario) {
    let title = if scenario.notes.trim().is_empty() {
        "Notes and sources (none)"
    } else {
        "Notes and sources"
    };
    egui::CollapsingHeader::new(title)
        .id_salt("scenario_notes")
        .default_open(false)
        .show(ui, |ui| {
            egui::ScrollArea::vertical()
                .id_salt("scenario_notes_text")
                .max_height(NOTES_HEIGHT_PX)
                .show(ui, |ui| {
                    let width = (ui.available_width() - 4.0).max(100.0);
                    text_field(
                        ui,
                        field_id("notes"),
                        &mut scenario.notes,
                        width,
                        true,
                        "Sources, assumptions, who signed off",
                    )
                    .accessible_name("Scenario notes")
                });
        })
        .header_response
        .on_hover_text("Saved in the file with this variant; edits can be undone");
}

/// Height of the notes before they scroll: long notes (the sample's run
/// to pages) leave room for the minerals below them.
const NOTES_HEIGHT_PX: f32 = 220.0;

/// What purchase ceilings and capacities count per: years from the
/// scenario's start, or fiscal years (US federal: October–September).
fn plan_year(ui: &mut Ui, plan_year: &mut PlanYear, label: egui::Id) -> egui::Response {
    let text = match *plan_year {
        PlanYear::ScenarioStart => "from the start".to_string(),
        PlanYear::FiscalYear { first_month } => format!("FY from {}", short_month(first_month)),
    };
    ComboBox::from_id_salt("plan_year")
        .selected_text(text)
        .width(120.0)
        .show_ui(ui, |ui| {
            ui.selectable_value(plan_year, PlanYear::ScenarioStart, "From the scenario start")
                .on_hover_text("Year 1 is months 1–12 of the plan");
            for m in 1..=12u32 {
                let label = if m == 10 {
                    format!("Fiscal year from {} (US federal)", MONTH_NAMES[9])
                } else {
                    format!("Fiscal year from {}", MONTH_NAMES[m as usize - 1])
                };
                ui.selectable_value(plan_year, PlanYear::FiscalYear { first_month: m }, label);
            }
        })
        .response
        .labelled_by(label)
        .on_hover_text(
            "What purchase ceilings and supplier capacities count per. Export quotas always count per calendar year.",
        )
}

fn short_month(month: u32) -> &'static str {
    const SHORT: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    SHORT
        .get(month.wrapping_sub(1) as usize)
        .copied()
        .unwrap_or("?")
}

/// "January"; a month outside 1–12 (a hand-edited file) is shown as it is.
pub fn month_name(month: u32) -> String {
    match month {
        1..=12 => MONTH_NAMES[month as usize - 1].to_string(),
        other => format!("month {other}"),
    }
}
