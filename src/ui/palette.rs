//! Colours that tell minerals apart, also for colour-blind viewers: the
//! Okabe–Ito palette, darkened where needed to read on a light background.
//! After eight minerals the colours repeat with a dotted line (dashes are
//! kept for the baseline's lines, so live and baseline never look alike).

use egui::Color32;

const ON_DARK: [Color32; 8] = [
    Color32::from_rgb(0xE6, 0x9F, 0x00), // orange
    Color32::from_rgb(0x56, 0xB4, 0xE9), // sky blue
    Color32::from_rgb(0x00, 0x9E, 0x73), // bluish green
    Color32::from_rgb(0xF0, 0xE4, 0x42), // yellow
    Color32::from_rgb(0x4E, 0x9A, 0xF0), // blue (lifted for dark backgrounds)
    Color32::from_rgb(0xE3, 0x6C, 0x1E), // vermillion
    Color32::from_rgb(0xCC, 0x79, 0xA7), // reddish purple
    Color32::from_rgb(0xBB, 0xBB, 0xBB), // grey
];

const ON_LIGHT: [Color32; 8] = [
    Color32::from_rgb(0xC2, 0x7E, 0x00),
    Color32::from_rgb(0x2B, 0x8C, 0xC4),
    Color32::from_rgb(0x00, 0x85, 0x60),
    Color32::from_rgb(0x9A, 0x8C, 0x00),
    Color32::from_rgb(0x00, 0x72, 0xB2),
    Color32::from_rgb(0xD5, 0x5E, 0x00),
    Color32::from_rgb(0xB0, 0x4F, 0x8A),
    Color32::from_rgb(0x55, 0x55, 0x55),
];

/// The colour of mineral `index`.
pub fn mineral_color(index: usize, dark_mode: bool) -> Color32 {
    let colors = if dark_mode { &ON_DARK } else { &ON_LIGHT };
    colors[index % colors.len()]
}

/// How a mineral's line is drawn, told apart by more than colour.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Dash {
    Solid,
    /// Close dots: minerals 9 to 16.
    Dotted,
    /// Wide dots: minerals 17 and later.
    SparseDots,
}

/// The line of mineral `index`: solid for the first eight, then dots, so
/// that no two of the first 24 minerals share both colour and line.
pub fn mineral_dash(index: usize) -> Dash {
    match index / ON_DARK.len() {
        0 => Dash::Solid,
        1 => Dash::Dotted,
        _ => Dash::SparseDots,
    }
}

impl Dash {
    /// The egui_plot style at a line `width`.
    pub fn plot_style(self, width: f32) -> egui_plot::LineStyle {
        match self {
            Dash::Solid => egui_plot::LineStyle::Solid,
            Dash::Dotted => egui_plot::LineStyle::Dotted {
                spacing: 2.5 * width,
            },
            Dash::SparseDots => egui_plot::LineStyle::Dotted {
                spacing: 5.0 * width,
            },
        }
    }
}

/// The baseline's lines: long dashes, same colour as the live line.
pub fn baseline_style() -> egui_plot::LineStyle {
    egui_plot::LineStyle::Dashed { length: 12.0 }
}

/// Coverage badge colour: red below 50 %, amber below 100 %, green at 100 %.
pub fn coverage_color(coverage_pct: f64, dark_mode: bool) -> Color32 {
    match (coverage_pct >= 99.999_999, coverage_pct >= 50.0, dark_mode) {
        (true, _, true) => Color32::from_rgb(0x3C, 0xB3, 0x71),
        (true, _, false) => Color32::from_rgb(0x1E, 0x7B, 0x46),
        (false, true, true) => Color32::from_rgb(0xE6, 0xA1, 0x1E),
        (false, true, false) => Color32::from_rgb(0xA8, 0x6A, 0x00),
        (false, false, true) => Color32::from_rgb(0xE8, 0x5B, 0x4A),
        (false, false, false) => Color32::from_rgb(0xB0, 0x2A, 0x1A),
    }
}

/// Colour of validation messages.
pub fn problem_color(dark_mode: bool) -> Color32 {
    if dark_mode {
        Color32::from_rgb(0xFF, 0x8A, 0x7A)
    } else {
        Color32::from_rgb(0xB0, 0x2A, 0x1A)
    }
}
