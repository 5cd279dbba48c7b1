//! Projected coverage, one line per mineral, with the 100 % target. Reads
//! the projection; computes nothing.

use crate::display::{pct, qty};
use crate::model::monte_carlo::Bands;
use crate::model::{Disruption, Projection};
use crate::ui::palette;
use egui::Ui;
use egui_plot::{
    FilledArea, GridInput, GridMark, HLine, Line, LineStyle, Plot, PlotPoints, PlotTransform, Span,
};

/// Above this many minerals the plot has no legend (it would take the
/// plot's room); the mineral list on the left, which scrolls, shows each
/// colour, and hovering a line names it. Lines are also solid and thinner:
/// dots no longer tell so many apart, and cost the most to draw.
const MOST_MINERALS_WITH_LEGEND: usize = 24;

/// Shortest plot worth reading (points, axes included): below this the
/// curves of a 12-mineral plan merge under the event labels. A legend that
/// wraps to more lines takes room from the table under the plot instead.
pub const MIN_HEIGHT: f32 = 260.0;

/// Month steps for grid marks, smallest first.
const MONTH_STEPS: [f64; 6] = [1.0, 3.0, 6.0, 12.0, 24.0, 60.0];

/// What the plot draws.
pub struct CoveragePlot<'a> {
    pub projection: &'a Projection,
    pub events: &'a [Disruption],
    /// The projection is older than the scenario (it has problems).
    pub stale: bool,
    /// Fiscal years label the yearly marks (`FY26`) and place them on the
    /// fiscal year's first month.
    pub plan_year: crate::model::PlanYear,
    /// Presenter mode: thicker lines, larger legend.
    pub presenter: bool,
    /// The baseline's name and projection, drawn dashed beside the live one.
    pub baseline: Option<(&'a str, &'a Projection)>,
    /// Monte Carlo bands (P10–P90) of the live variant and of the baseline.
    pub bands: Option<&'a Bands>,
    pub baseline_bands: Option<&'a Bands>,
    /// The bands are for an older plan: a new run is pending or running.
    pub bands_updating: bool,
    /// Text typed into a field that is not a number, in the planner's
    /// words: the plot shows the value from before that edit, and says so.
    pub not_taken: Option<&'a str>,
}

pub fn show(ui: &mut Ui, plot_input: &CoveragePlot<'_>) {
    let CoveragePlot {
        projection,
        events,
        stale,
        presenter,
        baseline,
        bands,
        baseline_bands,
        bands_updating,
        plan_year,
        not_taken,
    } = *plot_input;
    let dark = ui.visuals().dark_mode;
    // Said over the top of the plot, not above it: a message that comes
    // and goes while the planner types must not move the legend and the
    // plot under the pointer.
    let mut notes: Vec<String> = Vec::new();
    if let Some(typed) = not_taken {
        notes.push(format!(
            "Not taken: {typed}. The plot shows the value from before this edit."
        ));
    }
    if stale {
        notes.push(if projection.minerals.is_empty() {
            "No projection yet: fix the problems marked in red.".into()
        } else {
            "Showing the last valid projection: fix the problems marked in red to update it.".into()
        });
    }
    let crowded = projection.minerals.len() > MOST_MINERALS_WITH_LEGEND;
    let hidden_id = egui::Id::unique("coverage_plot_hidden_minerals");
    let mut hidden: Vec<String> = ui.data(|d| d.get_temp(hidden_id)).unwrap_or_default();
    if crowded {
        ui.weak(format!(
            "{} minerals: no legend; the list on the left shows each colour, and hovering a line names it.",
            projection.minerals.len()
        ));
    } else if !projection.minerals.is_empty()
        && legend(
            ui,
            projection,
            baseline.map(|b| b.0),
            presenter,
            bands.map(|b| (b.samples, bands_updating)),
            baseline_bands.is_some() && baseline.is_some(),
            &mut hidden,
        )
    {
        ui.data_mut(|d| d.insert_temp(hidden_id, hidden.clone()));
    }
    let width = match (crowded, presenter) {
        (true, _) => 1.5,
        (false, false) => 2.5,
        (false, true) => 4.0,
    };
    let horizon = f64::from(projection.horizon_months.max(1));
    let max_coverage = projection
        .minerals
        .iter()
        .chain(baseline.iter().flat_map(|b| b.1.minerals.iter()))
        .flat_map(|m| m.months.iter().map(|r| r.coverage_pct))
        .chain(
            bands
                .iter()
                .chain(baseline_bands.iter())
                .flat_map(|b| b.minerals.iter().flat_map(|m| m.p90_pct.iter().copied())),
        )
        .filter(|c| c.is_finite())
        .fold(0.0_f64, f64::max);
    // Round the top up to a multiple of 25 % so the view does not jitter while
    // a value is dragged.
    let y_top = ((max_coverage.max(100.0) * 1.05) / 25.0).ceil() * 25.0;
    let start = projection.start;
    // Month index of the first January (or the first month of a fiscal
    // year), so yearly marks fall on new years.
    let year_first_month = plan_year.fiscal_first_month();
    let first_january =
        f64::from((year_first_month.unwrap_or(1) + 12 - start.month.clamp(1, 12)) % 12 + 1);
    let target_color = ui.visuals().weak_text_color();
    let event_color = palette::problem_color(dark);
    // Room above the data for last frame's lanes of event names, so that
    // they never cover a curve or a band.
    let label_font = egui::FontId::proportional(if presenter { 16.0 } else { 13.0 });
    let lane_height = ui.fonts_mut(|f| f.row_height(&label_font)) + LANE_GAP;
    let lanes_id = egui::Id::unique("coverage_plot_event_lanes");
    let (lanes_before, frame_height): (usize, f32) =
        ui.data(|d| d.get_temp(lanes_id)).unwrap_or((0, 0.0));
    let headroom = lanes_before as f32 * lane_height + LANE_GAP;
    let view_top = if lanes_before > 0 && frame_height > 2.0 * headroom {
        y_top / f64::from(1.0 - headroom / frame_height)
    } else {
        y_top
    };
    // Enabled events with a month in the plan: (event, first, last month).
    let in_view: Vec<(&Disruption, f64, f64)> = events
        .iter()
        .filter(|d| d.enabled)
        .filter_map(|d| {
            let (first, last) = d.month_range(start);
            let (first, last) = (
                first.max(1) as f64,
                (last.min(i64::from(u32::MAX)) as f64).min(horizon),
            );
            (first <= horizon && last >= 1.0).then_some((d, first, last))
        })
        .collect();
    let x_format = move |mark: egui_plot::GridMark, _: &std::ops::RangeInclusive<f64>| {
        // Nothing outside the plan (the view has a margin).
        if mark.value < 1.0 || mark.value > horizon || mark.value.fract() != 0.0 {
            return String::new();
        }
        let month = start.nth_month(mark.value as u32);
        match year_first_month {
            Some(first) if mark.step_size >= 12.0 && month.month == first => {
                crate::model::PlanYear::fiscal_year_label(first, month)
            }
            // A plan that starts inside a fiscal year: its first month
            // names that year, so the first year is labelled too.
            Some(first) if mark.step_size >= 12.0 && mark.value == 1.0 => {
                crate::model::PlanYear::fiscal_year_of(first, month)
            }
            _ => month.to_string(),
        }
    };
    // Rounded first: -0.0000001 would print as "-0%".
    let y_format = |mark: egui_plot::GridMark, _: &std::ops::RangeInclusive<f64>| {
        format!("{:.0}%", mark.value.round() + 0.0)
    };
    let y_label = "Coverage of requirement (%)";
    let (x_axis, y_axis) = if presenter {
        // Read from the back of a room: larger, in the strong text colour
        // rather than egui's faded grey.
        let font = egui::FontId::proportional(16.0);
        let color = ui.visuals().strong_text_color();
        (
            egui_plot::AxisHints::new_x()
                .formatter(x_format)
                .tick_label_font(font.clone())
                .tick_label_color(color),
            egui_plot::AxisHints::new_y()
                .label(egui::RichText::new(y_label).size(16.0).color(color))
                .formatter(y_format)
                .tick_label_font(font)
                .tick_label_color(color),
        )
    } else {
        (
            egui_plot::AxisHints::new_x().formatter(x_format),
            egui_plot::AxisHints::new_y()
                .label(y_label)
                .formatter(y_format),
        )
    };
    let plot = Plot::new("coverage_plot")
        .min_size(egui::vec2(64.0, MIN_HEIGHT))
        .include_x(1.0)
        .include_x(horizon)
        .include_y(0.0)
        .include_y(view_top)
        .custom_x_axes(vec![x_axis])
        .custom_y_axes(vec![y_axis])
        // No grid in the event names' room above the data.
        .y_grid_spacer(move |input| pct_grid(input, y_top))
        .x_grid_spacer(move |input| month_grid(input, first_january))
        .label_formatter(|hover| match hover {
            egui_plot::HoverPosition::NearDataPoint {
                plot_name, index, ..
            } => {
                let (name, of) = match plot_name.strip_suffix(BASELINE_SUFFIX) {
                    Some(name) => (name, baseline.map(|b| b.1)?),
                    None => (&plot_name[..], projection),
                };
                let m = of.minerals.iter().find(|m| m.name == name)?;
                let row = m.months.get(*index)?;
                Some(format!(
                    "{}\n{}\ncoverage {}\ninventory {}",
                    plot_name,
                    of.calendar_month(row.month),
                    pct(row.coverage_pct),
                    qty(row.inventory_qty, m.unit.symbol())
                ))
            }
            egui_plot::HoverPosition::Elsewhere { .. } => None,
        })
        .show(ui, |plot| {
            // Each enabled event's window, shaded; the names are written
            // above the data after the plot (`event_labels`).
            // One span per run of months under the same number of events,
            // shaded as that many spans on top of each other would be: a
            // thousand events draw at most one span a month, not a
            // thousand layers (seconds a frame in software).
            let fill = 0.08 / (in_view.len().max(1) as f32).sqrt();
            for (first, last, depth) in event_runs(&in_view, horizon) {
                let alpha = 1.0 - (1.0 - fill).powi(depth as i32);
                // An unnamed span stays out of the legend.
                plot.span(
                    Span::new("", (first - 0.5)..=(last + 0.5))
                        .fill(event_color.gamma_multiply(alpha))
                        .border_color(event_color.gamma_multiply(0.4))
                        .border_width(1.0),
                );
            }
            plot.hline(
                HLine::new("", 100.0)
                    .color(target_color)
                    .style(LineStyle::dashed_loose())
                    .width(1.5),
            );
            // The bands first, under every line: P10 to P90 of the Monte
            // Carlo run, in the mineral's colour. The live variant's are
            // shaded; the baseline's only outlined (two thin edges over a
            // trace of shade), so the two stay apart where they overlap.
            // Fainter while a newer run is on its way.
            let fade = if bands_updating { 0.5 } else { 1.0 };
            let band_sets = [
                (
                    baseline_bands.zip(baseline),
                    BandLook::Outlined,
                    baseline.map_or(0.0, |b| month_offset(projection, b.1)),
                ),
                (bands.map(|b| (b, ("", projection))), BandLook::Shaded, 0.0),
            ];
            for (set, look, offset) in band_sets {
                let Some((set, _)) = set else { continue };
                for (i, m) in projection.minerals.iter().enumerate() {
                    if hidden.contains(&m.name) {
                        continue;
                    }
                    let Some(b) = set.minerals.iter().find(|b| b.name == m.name) else {
                        continue;
                    };
                    let xs: Vec<f64> = (1..=b.p10_pct.len()).map(|k| k as f64 + offset).collect();
                    let color = palette::mineral_color(i, dark);
                    let area = FilledArea::new("", &xs, &b.p10_pct, &b.p90_pct).allow_hover(false);
                    plot.add(match look {
                        BandLook::Shaded => area.fill_color(color.gamma_multiply(0.16 * fade)),
                        BandLook::Outlined => area
                            .fill_color(color.gamma_multiply(0.03 * fade))
                            // Faint and thin: edges of a range, not lines of data.
                            .stroke(egui::Stroke::new(1.0, color.gamma_multiply(0.35 * fade))),
                    });
                }
            }
            if let Some((_, base)) = baseline {
                // Matched by name: the baseline may list minerals in
                // another order, or lack some.
                for (i, m) in projection.minerals.iter().enumerate() {
                    if hidden.contains(&m.name) {
                        continue;
                    }
                    let Some(b) = base.minerals.iter().find(|b| b.name == m.name) else {
                        continue;
                    };
                    // Calendar months: the baseline may start elsewhere.
                    let offset = month_offset(projection, base);
                    let points: PlotPoints = b
                        .months
                        .iter()
                        .map(|r| [f64::from(r.month) + offset, r.coverage_pct])
                        .collect();
                    plot.line(
                        Line::new(format!("{}{BASELINE_SUFFIX}", m.name), points)
                            .color(palette::mineral_color(i, dark).gamma_multiply(0.8))
                            .width(width * 0.7)
                            .style(palette::baseline_style()),
                    );
                }
            }
            for (i, m) in projection.minerals.iter().enumerate() {
                if hidden.contains(&m.name) {
                    continue;
                }
                let points: PlotPoints = m
                    .months
                    .iter()
                    .map(|r| [f64::from(r.month), r.coverage_pct])
                    .collect();
                let dash = palette::mineral_dash(i);
                // Dots as wide as a solid line bury the lines under them.
                let width = if crowded || dash == palette::Dash::Solid {
                    width
                } else {
                    width * 0.6
                };
                let mut line = Line::new(m.name.clone(), points)
                    .color(palette::mineral_color(i, dark))
                    .width(width);
                if !crowded {
                    line = line.style(dash.plot_style(width));
                }
                plot.line(line);
            }
        });
    let lanes = event_labels(
        ui,
        &plot.transform,
        &plot.response,
        &in_view,
        &label_font,
        lane_height,
    );
    let height_now = plot.transform.frame().height();
    if lanes != lanes_before || (height_now - frame_height).abs() > 0.5 {
        ui.data_mut(|d| d.insert_temp(lanes_id, (lanes, height_now)));
        // The room above the data follows in the next pass.
        crate::ui::layout::one_more_pass(ui.ctx(), "event lanes above the plot changed");
    }
    if !notes.is_empty() {
        plot_notes(ui, plot.transform.frame(), &notes, dark);
    }
    let response = plot.response;
    // Screen readers reach the plot by this name and summary (Section 508).
    let summary = spoken_summary(projection, baseline.map(|b| b.0));
    response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Image, true, &summary));
}

/// `notes` in the problem colour, in a frame at the top of the plot's data
/// area, letting the pointer through to the plot.
fn plot_notes(ui: &Ui, frame: &egui::Rect, notes: &[String], dark: bool) {
    let width = (frame.width() - 16.0).max(120.0);
    egui::Area::new(egui::Id::unique("coverage_plot_notes"))
        .order(egui::Order::Middle)
        .fixed_pos(frame.left_top() + egui::vec2(8.0, 8.0))
        .interactable(false)
        .show(ui.ctx(), |ui| {
            egui::Frame::popup(ui.style()).show(ui, |ui| {
                ui.set_max_width(width);
                for note in notes {
                    let text = egui::RichText::new(note).color(palette::problem_color(dark));
                    ui.add(egui::Label::new(text).wrap());
                }
            });
        });
}

/// Runs of months (first, last, how many events) under the same number of
/// `in_view` events, above 0, in order.
fn event_runs(in_view: &[(&Disruption, f64, f64)], horizon: f64) -> Vec<(f64, f64, u32)> {
    let months = horizon.max(0.0) as usize;
    // Events starting (+1) and ending (−1) at each month: one pass each.
    let mut step = vec![0i64; months + 2];
    for &(_, first, last) in in_view {
        let (first, last) = (first as usize, (last as usize).min(months));
        if first >= 1 && first <= last {
            step[first] += 1;
            step[last + 1] -= 1;
        }
    }
    let mut runs: Vec<(f64, f64, u32)> = Vec::new();
    let mut depth = 0i64;
    for (month, change) in step.iter().enumerate().take(months + 1).skip(1) {
        depth += change;
        let d = depth.max(0) as u32;
        match runs.last_mut() {
            Some(run) if run.2 == d && run.1 as usize + 1 == month => run.1 = month as f64,
            _ if d > 0 => runs.push((month as f64, month as f64, d)),
            _ => {}
        }
    }
    runs
}

/// Space between lanes of event names, and above the data (points).
const LANE_GAP: f32 = 3.0;
/// Most lanes of event names: more would take the data's height; the
/// names that do not fit are counted in a "+N more" that lists them.
const MOST_LANES: usize = 3;
/// Narrowest useful name (points): "China bans…".
const NARROWEST_LABEL: f32 = 70.0;

/// Each event's name along the top edge, above the data (the plot leaves
/// room for it), in up to [`MOST_LANES`] lanes: a name starts where its
/// window starts, or further right in it when a lane is taken, and is cut
/// short with "…" to fit; hovering it shows the whole name. Names that
/// find no lane are counted in "+N more", which lists them on hover.
/// Returns the lanes used.
fn event_labels(
    ui: &Ui,
    transform: &PlotTransform,
    response: &egui::Response,
    in_view: &[(&Disruption, f64, f64)],
    font: &egui::FontId,
    lane_height: f32,
) -> usize {
    if in_view.is_empty() {
        return 0;
    }
    let frame = *transform.frame();
    let color = palette::problem_color(ui.visuals().dark_mode);
    let widest = (frame.width() * 0.45).min(if font.size > 14.0 { 320.0 } else { 260.0 });
    let more_width = 90.0;
    let full_width = |text: &str| {
        ui.fonts_mut(|f| f.layout_no_wrap(text.to_string(), font.clone(), color))
            .size()
            .x
    };
    let mut order: Vec<usize> = (0..in_view.len()).collect();
    order.sort_by(|&a, &b| in_view[a].1.total_cmp(&in_view[b].1));
    // Pack the names; when some are left over, again with room kept at the
    // end of the last lane for "+N more".
    let pack = |last_lane_right: f32| {
        let mut lane_ends = [f32::NEG_INFINITY; MOST_LANES];
        let mut placed = Vec::new();
        let mut left_over = Vec::new();
        for &k in &order {
            let (d, first, last) = in_view[k];
            let span_left = transform
                .position_from_point_x(first - 0.5)
                .max(frame.left());
            let span_right = transform
                .position_from_point_x(last + 0.5)
                .min(frame.right());
            let wanted = full_width(&d.name).min(widest);
            // A name starts inside its window (a window of one month is
            // narrower than any name, which runs on past its end).
            let latest_start = span_right.max(span_left + 3.0);
            let spot = (0..MOST_LANES).find_map(|lane| {
                let right = if lane + 1 == MOST_LANES {
                    frame.right().min(last_lane_right)
                } else {
                    frame.right()
                } - 3.0;
                let left = (span_left + 3.0).max(lane_ends[lane] + 12.0);
                let room = right - left;
                (left <= latest_start && room >= wanted.min(NARROWEST_LABEL)).then_some((
                    lane,
                    left,
                    wanted.min(room),
                ))
            });
            match spot {
                Some((lane, left, width)) => {
                    lane_ends[lane] = left + width;
                    placed.push((k, lane, left, width));
                }
                None => left_over.push(k),
            }
        }
        (placed, left_over)
    };
    let (mut placed, mut left_over) = pack(f32::INFINITY);
    if !left_over.is_empty() {
        (placed, left_over) = pack(frame.right() - more_width);
    }
    let painter = ui.painter_at(frame);
    let background = ui.visuals().extreme_bg_color.gamma_multiply(0.85);
    let hover = response.hover_pos();
    let mut tooltip = None;
    let lane_top = |lane: usize| frame.top() + LANE_GAP + lane as f32 * lane_height;
    let mut lanes = 0;
    for &(k, lane, left, width) in &placed {
        let name = &in_view[k].0.name;
        let mut job = egui::text::LayoutJob::simple_singleline(name.clone(), font.clone(), color);
        job.wrap = egui::text::TextWrapping::truncate_at_width(width);
        let galley = ui.fonts_mut(|f| f.layout_job(job));
        let rect = egui::Rect::from_min_size(egui::pos2(left, lane_top(lane)), galley.size());
        painter.rect_filled(rect.expand(1.0), 2.0, background);
        painter.galley(rect.min, galley, color);
        if hover.is_some_and(|p| rect.contains(p)) {
            tooltip = Some(name.clone());
        }
        lanes = lanes.max(lane + 1);
    }
    if !left_over.is_empty() {
        let text = format!("+{} more", left_over.len());
        let galley = ui.fonts_mut(|f| f.layout_no_wrap(text, font.clone(), color));
        let lane = MOST_LANES - 1;
        let rect = egui::Rect::from_min_size(
            egui::pos2(frame.right() - galley.size().x - 4.0, lane_top(lane)),
            galley.size(),
        );
        painter.rect_filled(rect.expand(1.0), 2.0, background);
        painter.galley(rect.min, galley, color);
        if hover.is_some_and(|p| rect.contains(p)) {
            let names: Vec<&str> = left_over
                .iter()
                .map(|&k| in_view[k].0.name.as_str())
                .collect();
            tooltip = Some(names.join("\n"));
        }
        lanes = MOST_LANES;
    }
    if let Some(text) = tooltip {
        response.clone().on_hover_text_at_pointer(text);
    }
    lanes
}

/// How a set of bands is drawn.
#[derive(Clone, Copy)]
enum BandLook {
    /// The live variant's: filled.
    Shaded,
    /// The baseline's: its two edges, so it shows through the live one.
    Outlined,
}

/// Suffix of a baseline line's name (hover labels, never the legend).
const BASELINE_SUFFIX: &str = " (baseline)";

/// Months to add to a baseline's month index to place it on the live
/// projection's axis.
fn month_offset(live: &Projection, baseline: &Projection) -> f64 {
    (live.start.months_until(baseline.start) - 1) as f64
}

/// What the plot shows, in one sentence per mineral, for screen readers:
/// "Projected coverage: Cobalt reaches 100 % in 2030-03; Antimony 86 % at
/// the end".
pub fn spoken_summary(projection: &Projection, baseline: Option<&str>) -> String {
    if projection.minerals.is_empty() {
        return "Projected coverage: no projection yet".into();
    }
    let parts: Vec<String> = projection
        .minerals
        .iter()
        .map(|m| match m.first_full_coverage_month {
            Some(k) => format!(
                "{} reaches 100% in {}",
                m.name,
                projection.calendar_month(k)
            ),
            None => format!("{} {} at the end", m.name, pct(m.final_coverage_pct())),
        })
        .collect();
    let against = baseline.map_or(String::new(), |b| format!(" (dashed lines: baseline {b})"));
    format!("Projected coverage{against}: {}", parts.join("; "))
}

/// The legend, above the plot so it never covers a line: each mineral's
/// colour and line pattern as drawn, and the baseline's dashes. A click
/// hides or shows a mineral. Returns whether `hidden` changed.
fn legend(
    ui: &mut Ui,
    projection: &Projection,
    baseline: Option<&str>,
    presenter: bool,
    bands: Option<(u32, bool)>,
    baseline_bands: bool,
    hidden: &mut Vec<String>,
) -> bool {
    let dark = ui.visuals().dark_mode;
    let mut changed = false;
    let style = LegendStyle {
        font: egui::FontId::proportional(if presenter { 17.0 } else { 13.0 }),
        sample_width: if presenter { 40.0 } else { 30.0 },
        stroke_width: if presenter { 3.5 } else { 2.5 },
    };
    ui.horizontal_wrapped(|ui| {
        ui.spacing_mut().item_spacing = egui::vec2(16.0, 4.0);
        for (i, m) in projection.minerals.iter().enumerate() {
            let is_hidden = hidden.contains(&m.name);
            let color = palette::mineral_color(i, dark);
            let (color, text_color) = if is_hidden {
                (color.gamma_multiply(0.25), ui.visuals().weak_text_color())
            } else {
                (color, ui.visuals().text_color())
            };
            let response = legend_entry(
                ui,
                &style,
                &m.name,
                text_color,
                color,
                Sample::Live(palette::mineral_dash(i)),
                egui::Sense::click(),
            )
            .on_hover_text(if is_hidden {
                format!("Show {}", m.name)
            } else {
                format!("Hide {}", m.name)
            });
            let name = m.name.clone();
            response.widget_info(|| {
                egui::WidgetInfo::selected(egui::Role::CheckBox, true, !is_hidden, &name)
            });
            if response.clicked() {
                if is_hidden {
                    hidden.retain(|h| *h != m.name);
                } else {
                    hidden.push(m.name.clone());
                }
                changed = true;
            }
        }
        if let Some(name) = baseline {
            let color = ui.visuals().text_color();
            legend_entry(
                ui,
                &style,
                &format!("baseline: {name}"),
                color,
                color,
                Sample::Baseline,
                egui::Sense::hover(),
            );
        }
        if let Some((samples, updating)) = bands {
            // The same text while a run updates (the bands fade and a
            // spinner turns beside the tabs): a legend that changed length
            // would move the plot.
            let _ = updating;
            let text = format!(
                "shaded: P10–P90 of {} samples",
                crate::display::grouped(f64::from(samples), 0)
            );
            explained_entry(
                ui,
                &style,
                &text,
                Sample::Band,
                "Eight runs in ten of the Monte Carlo fall inside the shaded band; \
                 the line is the plan with every input at its value and every enabled event happening.",
            );
        }
        if let (true, Some(name)) = (baseline_bands, baseline) {
            let text = format!("outlined: P10–P90 of {name}");
            explained_entry(
                ui,
                &style,
                &text,
                Sample::BaselineBand,
                "The baseline's Monte Carlo band: only its edges are drawn, so it shows through the live one",
            );
        }
    });
    changed
}

struct LegendStyle {
    font: egui::FontId,
    sample_width: f32,
    stroke_width: f32,
}

/// One legend entry, a single widget so that the row wraps between
/// entries and never inside a name.
/// A legend entry in the text colour that is not a series to hide: named
/// for a screen reader, explained on hover.
fn explained_entry(ui: &mut Ui, style: &LegendStyle, text: &str, sample: Sample, hover: &str) {
    let color = ui.visuals().text_color();
    let response = legend_entry(ui, style, text, color, color, sample, egui::Sense::hover());
    response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Label, true, text));
    response.on_hover_text(hover);
}

fn legend_entry(
    ui: &mut Ui,
    style: &LegendStyle,
    text: &str,
    text_color: egui::Color32,
    line_color: egui::Color32,
    sample: Sample,
    sense: egui::Sense,
) -> egui::Response {
    let galley = ui
        .painter()
        .layout_no_wrap(text.to_string(), style.font.clone(), text_color);
    let gap = 5.0;
    let size = egui::vec2(style.sample_width + gap + galley.size().x, galley.size().y);
    let (rect, response) = ui.allocate_exact_size(size, sense);
    let sample_rect = egui::Rect::from_min_size(rect.min, egui::vec2(style.sample_width, size.y));
    let width = match sample {
        Sample::Baseline | Sample::Band => style.stroke_width * 0.7,
        Sample::BaselineBand => 1.5,
        Sample::Live(palette::Dash::Solid) => style.stroke_width,
        Sample::Live(_) => style.stroke_width * 0.6,
    };
    paint_sample(ui, sample_rect, line_color, width, sample);
    ui.painter().galley(
        egui::pos2(rect.min.x + style.sample_width + gap, rect.min.y),
        galley,
        text_color,
    );
    if response.hovered() && sense.senses_click() {
        ui.painter().rect_stroke(
            rect.expand(2.0),
            3.0,
            ui.visuals().widgets.hovered.bg_stroke,
            egui::StrokeKind::Outside,
        );
    }
    response
}

enum Sample {
    Live(palette::Dash),
    Baseline,
    /// A shaded band with a line through it.
    Band,
    /// A band drawn by its two edges.
    BaselineBand,
}

/// A short stretch of line as the plot draws it.
fn paint_sample(ui: &Ui, rect: egui::Rect, color: egui::Color32, width: f32, sample: Sample) {
    let y = rect.center().y;
    let line = [
        egui::pos2(rect.left() + 1.0, y),
        egui::pos2(rect.right() - 1.0, y),
    ];
    let painter = ui.painter();
    let stroke = egui::Stroke::new(width, color);
    match sample {
        Sample::Live(palette::Dash::Solid) => {
            painter.line_segment(line, stroke);
        }
        Sample::Live(palette::Dash::Dotted) => {
            painter.extend(egui::Shape::dotted_line(
                &line,
                color,
                2.5 * width,
                width / 2.0,
            ));
        }
        Sample::Live(palette::Dash::SparseDots) => {
            painter.extend(egui::Shape::dotted_line(
                &line,
                color,
                5.0 * width,
                width / 2.0,
            ));
        }
        Sample::Baseline => {
            painter.extend(egui::Shape::dashed_line(&line, stroke, 7.0, 4.0));
        }
        Sample::Band => {
            let band = egui::Rect::from_center_size(
                rect.center(),
                egui::vec2(rect.width() - 2.0, rect.height() * 0.8),
            );
            painter.rect_filled(band, 2.0, color.gamma_multiply(0.3));
            painter.line_segment(line, stroke);
        }
        Sample::BaselineBand => {
            let band = egui::Rect::from_center_size(
                rect.center(),
                egui::vec2(rect.width() - 2.0, rect.height() * 0.7),
            );
            painter.rect_filled(band, 0.0, color.gamma_multiply(0.05));
            for y in [band.top(), band.bottom()] {
                painter.line_segment(
                    [egui::pos2(band.left(), y), egui::pos2(band.right(), y)],
                    stroke,
                );
            }
        }
    }
}

/// Grid marks every 10, 20, 25 or 50 % (coarser as the view grows), so a
/// short plot on a projector still shows more than 0 % and 100 %; none
/// above `data_top`, where the event names are written.
fn pct_grid(input: GridInput, data_top: f64) -> Vec<GridMark> {
    let (lo, hi) = input.bounds;
    let hi = hi.min(data_top);
    let range = (hi - lo).max(1.0);
    let step = [10.0, 20.0, 25.0, 50.0, 100.0, 250.0, 500.0]
        .into_iter()
        .find(|s| range / s <= 7.0)
        .unwrap_or(1000.0);
    let mut marks = Vec::new();
    let mut y = (lo / step).ceil() * step;
    while y <= hi {
        marks.push(GridMark {
            value: y,
            step_size: step,
        });
        y += step;
    }
    marks
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
    // Yearly marks that start several months in: month 1 gets a mark too,
    // for the first (partial) year's name.
    if step >= 12.0 && anchor >= 5.0 && (lo..=hi).contains(&1.0) {
        marks.push(GridMark {
            value: 1.0,
            step_size: step,
        });
    }
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
