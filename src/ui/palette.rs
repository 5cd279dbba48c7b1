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

/// A coverage badge's colours: the bar, the empty track behind it and the
/// text over both. Opaque and chosen so the text meets WCAG AA (4.5:1)
/// over the bar and over the track, in both themes (tested below).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct BadgeColors {
    pub bar: Color32,
    pub track: Color32,
    pub text: Color32,
}

/// The badge of a final coverage: red below 50 %, amber below 100 %, green
/// at 100 %; dark bars under white text in the dark theme, light bars
/// under black text in the light one.
pub fn badge_colors(coverage_pct: f64, dark_mode: bool) -> BadgeColors {
    let full = coverage_pct >= 99.999_999;
    let half = coverage_pct >= 50.0;
    if dark_mode {
        BadgeColors {
            bar: match (full, half) {
                (true, _) => Color32::from_rgb(0x1F, 0x6E, 0x43),
                (false, true) => Color32::from_rgb(0x85, 0x58, 0x00),
                (false, false) => Color32::from_rgb(0x9E, 0x2B, 0x1E),
            },
            track: Color32::from_rgb(0x1B, 0x1B, 0x1B),
            text: Color32::WHITE,
        }
    } else {
        BadgeColors {
            bar: match (full, half) {
                (true, _) => Color32::from_rgb(0x9C, 0xD9, 0xB0),
                (false, true) => Color32::from_rgb(0xF2, 0xCF, 0x86),
                (false, false) => Color32::from_rgb(0xF4, 0xA8, 0x9C),
            },
            track: Color32::from_rgb(0xEC, 0xEC, 0xEC),
            text: Color32::BLACK,
        }
    }
}

/// WCAG 2 contrast ratio of two opaque colours (1 to 21).
pub fn contrast_ratio(a: Color32, b: Color32) -> f64 {
    fn luminance(c: Color32) -> f64 {
        let channel = |v: u8| {
            let v = f64::from(v) / 255.0;
            if v <= 0.039_28 {
                v / 12.92
            } else {
                ((v + 0.055) / 1.055).powf(2.4)
            }
        };
        0.2126 * channel(c.r()) + 0.7152 * channel(c.g()) + 0.0722 * channel(c.b())
    }
    let (la, lb) = (luminance(a), luminance(b));
    (la.max(lb) + 0.05) / (la.min(lb) + 0.05)
}

/// Colour of validation messages.
pub fn problem_color(dark_mode: bool) -> Color32 {
    if dark_mode {
        Color32::from_rgb(0xFF, 0x8A, 0x7A)
    } else {
        Color32::from_rgb(0xB0, 0x2A, 0x1A)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn badge_text_meets_wcag_aa_over_bar_and_track_in_both_themes() {
        for dark in [true, false] {
            for coverage in [10.0, 60.0, 100.0] {
                let b = badge_colors(coverage, dark);
                for (what, behind) in [("bar", b.bar), ("track", b.track)] {
                    let ratio = contrast_ratio(b.text, behind);
                    assert!(
                        ratio >= 4.5,
                        "dark={dark} coverage={coverage}: text over {what} is {ratio:.2}:1"
                    );
                }
            }
        }
    }

    #[test]
    fn the_contrast_check_would_catch_white_on_a_pale_bar() {
        let pale = badge_colors(60.0, false).bar;
        assert!(contrast_ratio(Color32::WHITE, pale) < 4.5);
        assert!((contrast_ratio(Color32::WHITE, Color32::BLACK) - 21.0).abs() < 1e-9);
    }
}
