//! Labelled form rows with the validation problems of their field shown
//! underneath, in words. Shared by the editors.

use crate::display::{grouped, parse_usd, usd_short};
use crate::model::Problem;
use crate::ui::palette;
use egui::{DragValue, Id, Response, Ui};

/// A two-column grid of labelled fields. Remembers whether any field changed.
pub struct Form<'a> {
    pub problems: &'a [Problem],
    pub changed: bool,
}

impl<'a> Form<'a> {
    pub fn new(problems: &'a [Problem]) -> Self {
        Self {
            problems,
            changed: false,
        }
    }

    /// One row: `label` on the left, the widget from `add` on the right, and
    /// under it every problem whose path is `path`. `add` gets the label's id
    /// for `labelled_by`.
    pub fn row(
        &mut self,
        ui: &mut Ui,
        label: &str,
        path: &str,
        add: impl FnOnce(&mut Ui, Id) -> Response,
    ) {
        let label_response = ui.label(label);
        let response = ui.horizontal(|ui| add(ui, label_response.id)).inner;
        self.changed |= response.changed();
        ui.end_row();
        self.problems_row(ui, path);
    }

    /// Problems for `path` as a row of their own under the field.
    pub fn problems_row(&self, ui: &mut Ui, path: &str) {
        let mut any = false;
        for p in self.problems.iter().filter(|p| p.path == path) {
            if !any {
                ui.label("");
                any = true;
            }
            problem_label(ui, &p.message);
        }
        if any {
            ui.end_row();
        }
    }
}

/// A validation message in the warning colour.
pub fn problem_label(ui: &mut Ui, message: &str) -> Response {
    let color = palette::problem_color(ui.visuals().dark_mode);
    ui.colored_label(color, message)
}

/// Drag speed for a value: about 0.5 % of it per pixel, so dragging feels the
/// same for $45M and for $1.2B.
fn speed_for(value: f64, floor: f64) -> f64 {
    (value.abs() * 0.005).max(floor)
}

/// Money: shown as `$500M`, typed as `500M`, `$1.2B` or `45000000`.
pub fn usd(ui: &mut Ui, value: &mut f64, label: Id) -> Response {
    let speed = speed_for(*value, 1_000.0);
    ui.add(
        DragValue::new(value)
            .speed(speed)
            .range(0.0..=1e13)
            .custom_formatter(|v, _| usd_short(v))
            .custom_parser(parse_usd),
    )
    .labelled_by(label)
}

/// A quantity in the mineral's unit, with the unit beside it.
pub fn qty(ui: &mut Ui, value: &mut f64, unit: &str, label: Id) -> Response {
    let speed = speed_for(*value, 0.1);
    let r = ui
        .add(
            DragValue::new(value)
                .speed(speed)
                .range(0.0..=1e12)
                .custom_formatter(|v, _| grouped(v, if v.abs() >= 100.0 { 0 } else { 2 }))
                .custom_parser(|t| t.replace([',', '_', ' '], "").parse().ok()),
        )
        .labelled_by(label);
    ui.label(unit);
    r
}

/// A percentage with `%` beside it.
pub fn pct(
    ui: &mut Ui,
    value: &mut f64,
    range: std::ops::RangeInclusive<f64>,
    label: Id,
) -> Response {
    let r = ui
        .add(
            DragValue::new(value)
                .speed(0.1)
                .range(range)
                .max_decimals(2),
        )
        .labelled_by(label);
    ui.label("%");
    r
}

/// Money per unit, e.g. `42,000` USD/t.
pub fn usd_per_unit(ui: &mut Ui, value: &mut f64, unit: &str, label: Id) -> Response {
    let speed = speed_for(*value, 0.01);
    let r = ui
        .add(
            DragValue::new(value)
                .speed(speed)
                .range(0.0..=1e12)
                .prefix("$")
                .custom_formatter(|v, _| grouped(v, if v.abs() >= 100.0 { 0 } else { 2 }))
                .custom_parser(|t| {
                    t.trim_start_matches('$')
                        .replace([',', '_', ' '], "")
                        .parse()
                        .ok()
                }),
        )
        .labelled_by(label);
    ui.label(format!("per {unit}"));
    r
}

/// Whole months.
pub fn months(
    ui: &mut Ui,
    value: &mut u32,
    range: std::ops::RangeInclusive<u32>,
    label: Id,
) -> Response {
    let r = ui
        .add(DragValue::new(value).speed(0.2).range(range))
        .labelled_by(label);
    ui.label("months");
    r
}
