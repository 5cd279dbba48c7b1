//! Projected coverage, one line per mineral, with the 100 % target. Reads
//! the projection; computes nothing.

use crate::display::{pct, qty};
use crate::model::{Disruption, Projection};
use crate::ui::palette;
use egui::Ui;
use egui_plot::{
    GridInput, GridMark, HLine, Legend, Line, LineStyle, Plot, PlotPoint, PlotPoints, Span, Text,
};

/// Above this many minerals the plot has no legend (it would cover the
/// plot); the mineral list on the left, which scrolls, shows each colour,
/// and hovering a line names it. Lines are also solid and thinner: dashes
/// no longer tell so many apart, and cost the most to draw.
const MOST_MINERALS_WITH_LEGEND: usize = 24;

/// Month steps for grid marks, smallest first.
const MONTH_STEPS: [f64; 6] = [1.0, 3.0, 6.0, 12.0, 24.0, 60.0];

pub fn show(ui: &mut Ui, projection: &Projection, events: &[Disruption], stale: bool) {
    let dark = ui.visuals().dark_mode;
    ui.heading("Projected coverage");
    if stale {
        // On its own line and wrapped: a long message must not widen the
        // panel and push the plot under the editor.
        let text = if projection.minerals.is_empty() {
            "No projection yet: fix the problems marked in red."
        } else {
            "Showing the last valid projection: fix the problems marked in red to update it."
        };
        ui.add(
            egui::Label::new(egui::RichText::new(text).color(palette::problem_color(dark))).wrap(),
        );
    }
    let crowded = projection.minerals.len() > MOST_MINERALS_WITH_LEGEND;
    if crowded && !stale {
        ui.weak(format!(
            "{} minerals: no legend; the list on the left shows each colour, and hovering a line names it.",
            projection.minerals.len()
        ));
    } else if !stale {
        ui.add(
            egui::Label::new(
                egui::RichText::new("Click a legend entry to hide a mineral · drag to pan · scroll to zoom · double-click to reset the view").weak(),
            )
            .truncate(),
        );
    }
    let horizon = f64::from(projection.horizon_months.max(1));
    let max_coverage = projection
        .minerals
        .iter()
        .flat_map(|m| m.months.iter().map(|r| r.coverage_pct))
        .filter(|c| c.is_finite())
        .fold(0.0_f64, f64::max);
    // Round the top up to a multiple of 25 % so the view does not jitter while
    // a value is dragged.
    let y_top = ((max_coverage.max(100.0) * 1.05) / 25.0).ceil() * 25.0;
    let start = projection.start;
    // Month index of the first January, so yearly marks fall on new years.
    let first_january = f64::from((13 - start.month.clamp(1, 12)) % 12 + 1);
    let target_color = ui.visuals().weak_text_color();
    let event_color = palette::problem_color(dark);
    let mut plot = Plot::new("coverage_plot");
    if !crowded {
        plot = plot.legend(
            Legend::default()
                .position(egui_plot::Corner::RightBottom)
                .follow_insertion_order(true)
                .background_alpha(0.85),
        );
    }
    plot.include_x(1.0)
        .include_x(horizon)
        .include_y(0.0)
        .include_y(y_top)
        .y_axis_label("Coverage of requirement (%)")
        .y_axis_formatter(|mark, _| format!("{:.0}%", mark.value))
        .x_grid_spacer(move |input| month_grid(input, first_january))
        .x_axis_formatter(move |mark, _| {
            if mark.value < 1.0 || mark.value.fract() != 0.0 {
                String::new()
            } else {
                start.nth_month(mark.value as u32).to_string()
            }
        })
        .label_formatter(|hover| match hover {
            egui_plot::HoverPosition::NearDataPoint {
                plot_name, index, ..
            } => {
                let m = projection.minerals.iter().find(|m| m.name == *plot_name)?;
                let row = m.months.get(*index)?;
                Some(format!(
                    "{}\n{}\ncoverage {}\ninventory {}",
                    m.name,
                    projection.calendar_month(row.month),
                    pct(row.coverage_pct),
                    qty(row.inventory_qty, m.unit.symbol())
                ))
            }
            egui_plot::HoverPosition::Elsewhere { .. } => None,
        })
        .show(ui, |plot| {
            // Each enabled event's window, shaded, with its name stacked in
            // lanes at the top so that overlapping events stay readable.
            let in_view = events.iter().filter(|d| d.enabled).filter_map(|d| {
                let (first, last) = d.month_range(start);
                let (first, last) = (
                    first.max(1) as f64,
                    (last.min(i64::from(u32::MAX)) as f64).min(horizon),
                );
                (first <= horizon && last >= 1.0).then_some((d, first, last))
            });
            for (lane, (d, first, last)) in in_view.enumerate() {
                // An unnamed span stays out of the legend.
                plot.span(
                    Span::new("", (first - 0.5)..=(last + 0.5))
                        .fill(event_color.gamma_multiply(0.06))
                        .border_color(event_color.gamma_multiply(0.4))
                        .border_width(1.0),
                );
                plot.text(
                    Text::new(
                        "",
                        PlotPoint::new(first - 0.3, y_top * (0.98 - 0.045 * lane as f64)),
                        egui::RichText::new(&d.name).size(12.0),
                    )
                    .color(event_color)
                    .anchor(egui::Align2::LEFT_TOP),
                );
            }
            plot.hline(
                HLine::new("100% target", 100.0)
                    .color(target_color)
                    .style(LineStyle::dashed_loose())
                    .width(1.5),
            );
            for (i, m) in projection.minerals.iter().enumerate() {
                let points: PlotPoints = m
                    .months
                    .iter()
                    .map(|r| [f64::from(r.month), r.coverage_pct])
                    .collect();
                let mut line = Line::new(m.name.clone(), points)
                    .color(palette::mineral_color(i, dark))
                    .width(if crowded { 1.5 } else { 2.5 });
                if palette::mineral_dashed(i) && !crowded {
                    line = line.style(LineStyle::dashed_dense());
                }
                plot.line(line);
            }
        });
}

/// Grid marks on whole months, coarser as the view widens.
fn month_grid(input: GridInput, first_january: f64) -> Vec<GridMark> {
    let (lo, hi) = input.bounds;
    let width = (hi - lo).max(1.0);
    let step = MONTH_STEPS
        .iter()
        .copied()
        .find(|s| width / s <= 10.0)
        .unwrap_or(120.0);
    let mut marks = Vec::new();
    // Steps of a quarter or more align with calendar quarters and years.
    let anchor = if step >= 3.0 { first_january } else { 1.0 };
    let mut x = ((lo - anchor) / step).floor() * step + anchor;
    while x <= hi {
        if x >= lo {
            marks.push(GridMark {
                value: x,
                step_size: step,
            });
        }
        x += step;
    }
    marks
}
