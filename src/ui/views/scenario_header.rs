//! The scenario's name, start month and horizon.

use super::form::{self, Form};
use crate::model::{MAX_HORIZON_MONTHS, Scenario};
use egui::{ComboBox, DragValue, Grid, TextEdit, Ui};

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

/// Returns `true` when something changed.
pub fn show(ui: &mut Ui, scenario: &mut Scenario, problems: &[crate::model::Problem]) -> bool {
    let mut form = Form::new(problems);
    Grid::new("scenario_header")
        .num_columns(2)
        .spacing([8.0, 6.0])
        .show(ui, |ui| {
            form.row(ui, "Scenario name", "name", |ui, id| {
                ui.add(TextEdit::singleline(&mut scenario.name).desired_width(200.0))
                    .labelled_by(id)
            });
            form.row(ui, "Start month", "start", |ui, id| {
                let mut month_changed = false;
                let month = &mut scenario.start.month;
                ComboBox::from_id_salt("start_month")
                    .selected_text(MONTH_NAMES[(*month as usize).clamp(1, 12) - 1])
                    .width(100.0)
                    .show_ui(ui, |ui| {
                        for (i, name) in MONTH_NAMES.iter().enumerate() {
                            month_changed |=
                                ui.selectable_value(month, i as u32 + 1, *name).changed();
                        }
                    })
                    .response
                    .labelled_by(id);
                let mut year = ui
                    .add(
                        DragValue::new(&mut scenario.start.year)
                            .range(1990..=2150)
                            .speed(0.1),
                    )
                    .accessible_name("Start year");
                if month_changed {
                    year.mark_changed();
                }
                year
            });
            form.row(ui, "Horizon (months)", "horizon_months", |ui, id| {
                let r = form::months(ui, &mut scenario.horizon_months, 1..=MAX_HORIZON_MONTHS, id);
                ui.weak(format!(
                    "to {} ({:.1} years)",
                    scenario.calendar_month(scenario.horizon_months),
                    f64::from(scenario.horizon_months) / 12.0
                ));
                r
            });
            form.row(ui, "Unspent budget", "settings", |ui, id| {
                ui.checkbox(
                    &mut scenario.settings.carry_over_unspent,
                    "carries over to next month",
                )
                .labelled_by(id)
            });
        });
    form.changed
}
