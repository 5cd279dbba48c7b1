//! The coverage plot as a PNG, drawn off screen: no window, no GPU and no
//! system font (the Ubuntu font that egui ships is compiled in). One line
//! per mineral in the Okabe–Ito colour-blind-safe palette; past 8 minerals
//! each colour comes back with a dash pattern, so no two series look alike.
//! A baseline projection, when given, is drawn as thinner dashed lines of
//! the same colours.

use super::ExportError;
use crate::model::{PlanYear, Projection, YearMonth};
use plotters::coord::Shift;
use plotters::coord::combinators::BindKeyPoints;
use plotters::element::DashedPathElement;
use plotters::prelude::*;
use plotters::style::FontStyle;
use std::sync::Once;

/// Default size of an exported chart: wide enough for a slide, with room
/// for a 12-entry legend.
pub const DEFAULT_WIDTH: u32 = 1600;
pub const DEFAULT_HEIGHT: u32 = 900;

/// The Okabe–Ito palette on a white background, as RGB: orange, sky blue,
/// bluish green, yellow (darkened from #F0E442, which is unreadable on
/// white), blue, vermillion, reddish purple, grey.
pub const PALETTE: [(u8, u8, u8); 8] = [
    (0xE6, 0x9F, 0x00),
    (0x56, 0xB4, 0xE9),
    (0x00, 0x9E, 0x73),
    (0xB8, 0xA9, 0x00),
    (0x00, 0x72, 0xB2),
    (0xD5, 0x5E, 0x00),
    (0xCC, 0x79, 0xA7),
    (0x7F, 0x7F, 0x7F),
];

/// How a series is stroked: solid, or dashes of `on` pixels with `off`
/// pixel gaps.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Dash {
    Solid,
    Dashed { on: u32, off: u32 },
}

/// Line patterns of the live series, one per round of 8 colours: the
/// first 8 minerals are solid, the next 8 long dashes, then dots, …
const LIVE_DASHES: [Dash; 4] = [
    Dash::Solid,
    Dash::Dashed { on: 18, off: 7 },
    Dash::Dashed { on: 3, off: 5 },
    Dash::Dashed { on: 10, off: 4 },
];

/// The baseline's pattern for the first 8 minerals: short even dashes,
/// thinner than a live line. Later minerals keep their own dash pattern,
/// thinner, so that two baselines of the same colour still differ.
pub const BASELINE_DASH: Dash = Dash::Dashed { on: 7, off: 6 };

/// The pattern of series `k`'s baseline line (drawn thinner than live).
pub fn baseline_dash(k: usize) -> Dash {
    match series_style(k).1 {
        Dash::Solid => BASELINE_DASH,
        dash => dash,
    }
}

/// Colour and pattern of series `k` (0-based, in the scenario's order).
/// Distinct for the first 32 series; after that patterns repeat.
pub fn series_style(k: usize) -> ((u8, u8, u8), Dash) {
    (
        PALETTE[k % PALETTE.len()],
        LIVE_DASHES[(k / PALETTE.len()) % LIVE_DASHES.len()],
    )
}

/// What to draw.
#[derive(Clone, Copy, Debug)]
pub struct ChartInput<'a> {
    /// First line, e.g. "Strategic twelve — Ban in 2026" (see [`chart_title`]).
    pub title: &'a str,
    /// Second line, e.g. "Coverage of requirement, 2026-01 to 2035-12".
    pub subtitle: &'a str,
    pub projection: &'a Projection,
    /// A projection to compare with, and its name ("Approved plan").
    pub baseline: Option<(&'a str, &'a Projection)>,
    /// The plan's years, as the window's axis shows them: fiscal years put
    /// the yearly marks on their first month and name them (`FY26`).
    pub plan_year: PlanYear,
    /// Monte Carlo bands of `projection`'s plan: P10–P90 shaded under each
    /// line in its colour, as the window shades them.
    pub bands: Option<&'a crate::model::monte_carlo::Bands>,
    /// Pixels; at least 400 × 300 (smaller sizes are refused).
    pub width: u32,
    pub height: u32,
    /// Text, lines and margins grow with the picture (1.0 gives 19 px
    /// legend text at 1600 × 900); more for a picture printed small, like
    /// the briefing's ([`PRINT_TEXT_SCALE`]).
    pub text_scale: f64,
}

/// The text scale of the chart in the briefing, printed 18 cm wide.
pub const PRINT_TEXT_SCALE: f64 = 1.4;

impl<'a> ChartInput<'a> {
    /// A 1600 × 900 chart of `projection`, no baseline, subtitle from its
    /// months.
    pub fn new(title: &'a str, subtitle: &'a str, projection: &'a Projection) -> Self {
        Self {
            title,
            subtitle,
            projection,
            baseline: None,
            plan_year: PlanYear::ScenarioStart,
            bands: None,
            width: DEFAULT_WIDTH,
            height: DEFAULT_HEIGHT,
            text_scale: 1.0,
        }
    }
}

/// "Scenario — Variant", or the scenario name alone when there is no
/// variant (or it is the base, of the same name).
pub fn chart_title(scenario_name: &str, variant_name: Option<&str>) -> String {
    match variant_name {
        Some(v) if v != scenario_name && !v.is_empty() => format!("{scenario_name} — {v}"),
        _ => scenario_name.to_string(),
    }
}

/// "Coverage of requirement, 2026-01 to 2035-12 (120 months)".
pub fn chart_subtitle(projection: &Projection) -> String {
    format!(
        "Coverage of requirement, {} to {} ({} months)",
        projection.start,
        projection.calendar_month(projection.horizon_months),
        projection.horizon_months
    )
}

const FONT: &str = "sans-serif";

/// Register the compiled-in font once per process (plotters keeps a global
/// table).
fn register_font() -> Result<(), ExportError> {
    static ONCE: Once = Once::new();
    let mut ok = true;
    ONCE.call_once(|| {
        ok = plotters::style::register_font(
            FONT,
            FontStyle::Normal,
            epaint_default_fonts::UBUNTU_LIGHT,
        )
        .is_ok();
    });
    if ok {
        Ok(())
    } else {
        Err(ExportError::Chart(
            "the built-in font could not be read".into(),
        ))
    }
}

/// The coverage plot as PNG bytes.
pub fn coverage_png(chart: &ChartInput) -> Result<Vec<u8>, ExportError> {
    let (w, h) = (chart.width, chart.height);
    if !(400..=8000).contains(&w) || !(300..=8000).contains(&h) {
        return Err(ExportError::Chart(format!(
            "a chart of {w} × {h} pixels: width and height must be 400–8000 and 300–8000"
        )));
    }
    register_font()?;
    let mut rgb = vec![255u8; w as usize * h as usize * 3];
    {
        let root = BitMapBackend::with_buffer(&mut rgb, (w, h)).into_drawing_area();
        draw(&root, chart).map_err(|e| ExportError::Chart(e.to_string()))?;
        root.present()
            .map_err(|e| ExportError::Chart(e.to_string()))?;
    }
    encode_png(&rgb, w, h)
}

fn encode_png(rgb: &[u8], w: u32, h: u32) -> Result<Vec<u8>, ExportError> {
    let mut out = Vec::new();
    let mut encoder = png::Encoder::new(&mut out, w, h);
    encoder.set_color(png::ColorType::Rgb);
    encoder.set_depth(png::BitDepth::Eight);
    let png_error = |e: png::EncodingError| ExportError::Chart(format!("PNG encoding: {e}"));
    let mut writer = encoder.write_header().map_err(png_error)?;
    writer.write_image_data(rgb).map_err(png_error)?;
    writer.finish().map_err(png_error)?;
    Ok(out)
}

type DrawResult = Result<(), Box<dyn std::error::Error>>;

/// One line to draw: the live mineral whose colour it takes, whether it is
/// the baseline, and its points.
type Series = (usize, bool, Vec<(i32, f64)>);

fn rgb(c: (u8, u8, u8)) -> RGBColor {
    RGBColor(c.0, c.1, c.2)
}

/// Scenario month index of `ym` on the live projection's axis (month 1 is
/// its start).
fn axis_month(live_start: YearMonth, ym: YearMonth) -> i32 {
    live_start.months_until(ym).clamp(-10_000, 10_000) as i32
}

/// The points of one mineral: (axis month, coverage %), skipping values
/// that are not finite.
fn points(live_start: YearMonth, projection: &Projection, k: usize) -> Vec<(i32, f64)> {
    projection.minerals[k]
        .months
        .iter()
        .filter(|r| r.coverage_pct.is_finite())
        .map(|r| {
            (
                axis_month(live_start, projection.calendar_month(r.month)),
                r.coverage_pct,
            )
        })
        .collect()
}

fn draw(root: &DrawingArea<BitMapBackend, Shift>, chart: &ChartInput) -> DrawResult {
    let (w, h) = root.dim_in_pixel();
    // Text scales with the picture; 1600 × 900 gives a 15 px base.
    let scale = if chart.text_scale.is_finite() {
        chart.text_scale.clamp(0.5, 3.0)
    } else {
        1.0
    };
    let unit = (f64::from(w.min(h * 16 / 9)) / 1600.0).max(0.3) * scale;
    let px = |v: f64| (v * unit).round().max(1.0);
    let live = chart.projection;
    let start = live.start;

    root.fill(&WHITE)?;
    let title_style = (FONT, px(34.0)).into_font().color(&BLACK);
    let subtitle_style = (FONT, px(22.0)).into_font().color(&RGBColor(70, 70, 70));
    let margin = px(24.0) as i32;
    root.draw_text(chart.title, &title_style, (margin, margin))?;
    root.draw_text(
        chart.subtitle,
        &subtitle_style,
        (margin, margin + px(44.0) as i32),
    )?;
    let top = (margin + px(84.0) as i32) as u32;
    let body = root.margin(top, margin as u32, margin as u32, margin as u32);

    // Legend on the right, sized to the longest name.
    let label_style = (FONT, px(19.0)).into_font().color(&BLACK);
    let names: Vec<&str> = live.minerals.iter().map(|m| m.name.as_str()).collect();
    let longest = names
        .iter()
        .map(|n| root.estimate_text_size(n, &label_style).map(|(tw, _)| tw))
        .try_fold(0u32, |a, b| b.map(|b| a.max(b)))?;
    let mut header = legend_header(chart.baseline.map(|(n, _)| n));
    if let Some(bands) = chart.bands {
        header.push(format!(
            "shaded: P10–P90 of {} samples",
            crate::display::grouped(f64::from(bands.samples), 0)
        ));
    }
    let header_width = header
        .iter()
        .map(|line| {
            root.estimate_text_size(line, &label_style)
                .map(|(tw, _)| tw)
        })
        .try_fold(0u32, |a, b| b.map(|b| a.max(b)))?;
    let sample = px(56.0) as u32;
    let legend_width = (sample + px(12.0) as u32 + longest)
        .max(header_width)
        .min(w / 3)
        + px(16.0) as u32;
    let (plot_area, legend_area) = body.split_horizontally(body.dim_in_pixel().0 - legend_width);

    // Axes: months 1..H of the live projection (the baseline drawn where its
    // months fall on that axis); coverage 0 to max(110, data max).
    let mut x_lo = 1i32;
    let mut x_hi = live.horizon_months.max(2) as i32;
    let mut y_max = 110.0f64;
    let mut all: Vec<Series> = Vec::new();
    for k in 0..live.minerals.len() {
        all.push((k, false, points(start, live, k)));
    }
    if let Some((_, base)) = chart.baseline {
        for (bk, bm) in base.minerals.iter().enumerate() {
            // Same colour as the live mineral of the same name.
            if let Some(k) = live.minerals.iter().position(|m| m.name == bm.name) {
                all.push((k, true, points(start, base, bk)));
            }
        }
    }
    for (_, is_base, pts) in &all {
        for &(x, y) in pts {
            y_max = y_max.max(y);
            if *is_base {
                x_lo = x_lo.min(x);
                x_hi = x_hi.max(x);
            }
        }
    }
    if let Some(bands) = chart.bands {
        for b in &bands.minerals {
            for &v in b.p90_pct.iter().filter(|v| v.is_finite()) {
                y_max = y_max.max(v.min(1_000.0));
            }
        }
    }
    let y_max = (y_max / 10.0).ceil() * 10.0;
    let fiscal = chart.plan_year.fiscal_first_month();
    let ticks = year_ticks(start, x_lo, x_hi, fiscal.unwrap_or(1));
    let x_label = |x: &i32| axis_label(start, fiscal, *x);
    let axis_style = (FONT, px(18.0)).into_font().color(&BLACK);
    let mut cc = ChartBuilder::on(&plot_area)
        .margin_right(px(16.0) as u32)
        .margin_top(px(8.0) as u32)
        .x_label_area_size(px(60.0) as u32)
        .y_label_area_size(px(78.0) as u32)
        .build_cartesian_2d((x_lo..x_hi).with_key_points(ticks), 0f64..y_max)?;
    cc.configure_mesh()
        .x_label_formatter(&x_label)
        .y_label_formatter(&|y| format!("{y:.0}%"))
        .y_labels(12)
        .x_desc(if fiscal.is_some() {
            "Fiscal year"
        } else {
            "Month"
        })
        .y_desc("Coverage of requirement (%)")
        .label_style(axis_style.clone())
        .axis_desc_style(axis_style)
        .bold_line_style(RGBColor(220, 220, 220))
        .light_line_style(WHITE)
        .draw()?;

    // The 100 % target.
    let target = ShapeStyle::from(&BLACK).stroke_width(px(2.0) as u32);
    cc.draw_series(std::iter::once(PathElement::new(
        vec![(x_lo, 100.0), (x_hi, 100.0)],
        target,
    )))?;
    cc.draw_series(std::iter::once(
        EmptyElement::at((x_lo, 100.0))
            + Text::new(
                "100% target",
                (px(8.0) as i32, -(px(24.0) as i32)),
                (FONT, px(17.0)).into_font().color(&BLACK),
            ),
    ))?;

    // P10–P90 of the live plan, under every line (matched by place and
    // name, as the CSV's columns are).
    if let Some(bands) = chart.bands {
        for (k, m) in live.minerals.iter().enumerate() {
            let Some(b) = bands.minerals.get(k).filter(|b| b.name == m.name) else {
                continue;
            };
            let x = |i: usize| axis_month(start, live.calendar_month(i as u32 + 1));
            let upper = b.p90_pct.iter().enumerate().map(|(i, &v)| (x(i), v));
            let lower = b.p10_pct.iter().enumerate().rev().map(|(i, &v)| (x(i), v));
            let outline: Vec<(i32, f64)> = upper
                .chain(lower)
                .filter(|p| p.1.is_finite())
                .map(|(x, y)| (x, y.min(y_max)))
                .collect();
            let (colour, _) = series_style(k);
            cc.draw_series(std::iter::once(Polygon::new(
                outline,
                rgb(colour).mix(0.18).filled(),
            )))?;
        }
    }

    // Baseline first, so live lines are drawn on top.
    let live_width = px(3.0) as u32;
    let base_width = px(1.6) as u32;
    for (k, is_base, pts) in all
        .iter()
        .filter(|s| s.1)
        .chain(all.iter().filter(|s| !s.1))
    {
        let (colour, dash) = series_style(*k);
        let (dash, width) = if *is_base {
            (baseline_dash(*k), base_width)
        } else {
            (dash, live_width)
        };
        let style = ShapeStyle::from(&rgb(colour)).stroke_width(width);
        match scaled(dash, unit) {
            Dash::Solid => {
                cc.draw_series(std::iter::once(PathElement::new(pts.clone(), style)))?;
            }
            Dash::Dashed { on, off } => {
                cc.draw_series(std::iter::once(DashedPathElement::new(
                    pts.clone(),
                    on,
                    off,
                    style,
                )))?;
            }
        }
    }

    draw_legend(&legend_area, chart, &header, &label_style, unit)?;
    Ok(())
}

/// Dash lengths grow with the picture.
fn scaled(dash: Dash, unit: f64) -> Dash {
    match dash {
        Dash::Solid => Dash::Solid,
        Dash::Dashed { on, off } => Dash::Dashed {
            on: ((f64::from(on) * unit).round() as u32).max(1),
            off: ((f64::from(off) * unit).round() as u32).max(1),
        },
    }
}

/// The legend's first lines: what a solid and a dashed line mean.
fn legend_header(baseline: Option<&str>) -> Vec<String> {
    match baseline {
        Some(name) => {
            // A long name is cut so the legend stays beside the plot.
            let name = if name.chars().count() > 28 {
                format!("{}…", name.chars().take(27).collect::<String>())
            } else {
                name.to_string()
            };
            vec![format!("— live, - - baseline: {name}")]
        }
        None => Vec::new(),
    }
}

/// The label of axis month `x` (1 is `start`): the fiscal year's name on
/// its first month (`FY26`), else the calendar month (`2026-01`).
fn axis_label(start: YearMonth, fiscal_first_month: Option<u32>, x: i32) -> String {
    let month = start.plus_months(i64::from(x) - 1);
    match fiscal_first_month {
        Some(first) if month.month == first => PlanYear::fiscal_year_label(first, month),
        // The first month of a plan that starts inside a fiscal year.
        Some(first) if x == 1 => PlanYear::fiscal_year_of(first, month),
        _ => month.to_string(),
    }
}

/// Key points on the x axis: every January, or the first month of every
/// fiscal year (`first_month`), or every n-th of them for long horizons, at
/// most about 12 labels; quarters when the plan is shorter than a year and
/// a half, and the start month when the first mark is far from it.
fn year_ticks(start: YearMonth, lo: i32, hi: i32, first_month: u32) -> Vec<i32> {
    let months = (hi - lo).max(1);
    let step_years = ((months as f64 / 12.0) / 11.0).ceil().max(1.0) as i32;
    let step = if months <= 18 { 3 } else { 12 * step_years };
    // First index whose calendar month is January (or a quarter start).
    let first = (lo..lo + 12)
        .find(|&x| {
            let m = start.plus_months(i64::from(x) - 1).month;
            if step == 3 {
                (m + 12 - first_month).is_multiple_of(3)
            } else {
                m == first_month
            }
        })
        .unwrap_or(lo);
    let mut ticks: Vec<i32> = (first..=hi).step_by(step as usize).collect();
    if ticks.first() != Some(&lo) && ticks.first().is_none_or(|&f| f - lo > step / 2) {
        ticks.insert(0, lo);
    }
    ticks
}

fn draw_legend(
    area: &DrawingArea<BitMapBackend, Shift>,
    chart: &ChartInput,
    header: &[String],
    label_style: &TextStyle,
    unit: f64,
) -> DrawResult {
    let px = |v: f64| (v * unit).round().max(1.0) as i32;
    let live = chart.projection;
    let (_, area_h) = area.dim_in_pixel();
    let sample = px(56.0);
    let mut y = px(10.0);
    let header_style = label_style.color(&RGBColor(60, 60, 60));
    for line in header {
        area.draw_text(line, &header_style, (px(8.0), y))?;
        y += px(28.0);
    }
    if !header.is_empty() {
        y += px(6.0);
    }
    let row = if chart.baseline.is_some() {
        px(44.0)
    } else {
        px(30.0)
    };
    // Too many entries for the height: shrink the rows to fit.
    let rows = live.minerals.len().max(1) as i32;
    let row = row.min((area_h as i32 - y - px(10.0)) / rows).max(px(12.0));
    let text_h = px(19.0);
    for (k, m) in live.minerals.iter().enumerate() {
        let (colour, dash) = series_style(k);
        let mid = y + text_h * 3 / 5;
        let x0 = px(8.0);
        let x1 = x0 + sample;
        legend_line(
            area,
            (x0, mid),
            (x1, mid),
            colour,
            dash,
            px(3.0) as u32,
            unit,
        )?;
        if chart.baseline.is_some() {
            let below = mid + px(14.0);
            legend_line(
                area,
                (x0, below),
                (x1, below),
                colour,
                baseline_dash(k),
                px(1.6) as u32,
                unit,
            )?;
        }
        area.draw_text(&m.name, label_style, (x1 + px(12.0), y))?;
        y += row;
    }
    Ok(())
}

fn legend_line(
    area: &DrawingArea<BitMapBackend, Shift>,
    from: (i32, i32),
    to: (i32, i32),
    colour: (u8, u8, u8),
    dash: Dash,
    width: u32,
    unit: f64,
) -> DrawResult {
    let style = ShapeStyle::from(&rgb(colour)).stroke_width(width);
    match scaled(dash, unit) {
        Dash::Solid => area.draw(&PathElement::new(vec![from, to], style))?,
        Dash::Dashed { on, off } => {
            area.draw(&DashedPathElement::new(vec![from, to], on, off, style))?
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn styles_differ_for_32_series() {
        let styles: Vec<_> = (0..32).map(series_style).collect();
        for a in 0..styles.len() {
            for b in a + 1..styles.len() {
                assert_ne!(styles[a], styles[b], "series {a} and {b}");
            }
        }
    }

    #[test]
    fn year_ticks_are_januaries() {
        let start = YearMonth::new(2026, 1);
        assert_eq!(year_ticks(start, 1, 60, 1), vec![1, 13, 25, 37, 49]);
        // October start: the first label is January, not a crowded
        // "2025-10" three months before it.
        let start = YearMonth::new(2025, 10);
        let t = year_ticks(start, 1, 120, 1);
        assert_eq!(t[0], 4);
        assert_eq!(start.nth_month(t[0] as u32), YearMonth::new(2026, 1));
        // A long gap before the first January keeps the start's label.
        let start = YearMonth::new(2026, 2);
        assert_eq!(year_ticks(start, 1, 60, 1)[..2], [1, 12]);
        // US fiscal years from an October start: FY26, FY27, ... on every
        // October, as the window's axis (the exported chart read calendar
        // months while the window showed fiscal years).
        let start = YearMonth::new(2025, 10);
        assert_eq!(year_ticks(start, 1, 60, 10), vec![1, 13, 25, 37, 49]);
        let labels: Vec<String> = [1, 13, 49]
            .iter()
            .map(|&x| axis_label(start, Some(10), x))
            .collect();
        assert_eq!(labels, ["FY26", "FY27", "FY30"]);
        // Calendar plan years keep calendar months.
        assert_eq!(axis_label(start, None, 4), "2026-01");
    }

    #[test]
    fn titles() {
        assert_eq!(chart_title("Plan", None), "Plan");
        assert_eq!(chart_title("Plan", Some("Plan")), "Plan");
        assert_eq!(chart_title("Plan", Some("Ban")), "Plan — Ban");
    }
}
