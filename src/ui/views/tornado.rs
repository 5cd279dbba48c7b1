//! The tornado chart: how far final coverage moves when each input goes
//! from the low end of its range to the high end, widest first. A click on
//! a row opens the input in the editor. Reads a finished
//! `model::sensitivity::Tornado`; computes nothing.

use crate::model::sensitivity::{DEFAULT_SWING_PCT, Tornado};
use crate::ui::command::Message;
use crate::ui::palette;
use egui::{Color32, Rect, RichText, Sense, Ui, vec2};

/// Rows drawn before "N more".
const MOST_ROWS: usize = 15;

/// What the panel shows.
pub struct TornadoView<'a> {
    pub tornado: Option<&'a Tornado>,
    /// Still computing (for the plan on screen).
    pub running: bool,
    /// Names of the minerals, for the chooser.
    pub minerals: &'a [String],
    /// The mineral looked at; `None`: the average over all minerals.
    pub focus: Option<usize>,
}

/// Draws the chart; returns the new focus when the planner picks another
/// mineral (or the average).
pub fn show(
    ui: &mut Ui,
    view: &TornadoView<'_>,
    messages: &mut Vec<Message>,
) -> Option<Option<usize>> {
    let mut new_focus = None;
    ui.horizontal(|ui| {
        ui.label("Final coverage of");
        let text = match view.focus.and_then(|m| view.minerals.get(m)) {
            Some(name) => name.clone(),
            None => "all minerals (average)".into(),
        };
        egui::ComboBox::from_id_salt("tornado_focus")
            .selected_text(text)
            .show_ui(ui, |ui| {
                if ui
                    .selectable_label(view.focus.is_none(), "all minerals (average)")
                    .clicked()
                {
                    new_focus = Some(None);
                }
                for (i, name) in view.minerals.iter().enumerate() {
                    if ui.selectable_label(view.focus == Some(i), name).clicked() {
                        new_focus = Some(Some(i));
                    }
                }
            })
            .response
            .on_hover_text("Whose final coverage the bars measure");
        if view.running {
            // Reduced motion (no animation time): no spinner, whose every
            // turn is a frame; the result repaints when it comes.
            if ui.style().animation_time > 0.0 {
                ui.spinner();
            }
            ui.weak("computing…");
        }
    });
    ui.weak(format!(
        "Each input from the low end of its range to the high end (a single value ±{DEFAULT_SWING_PCT:.0}%; an event: not happening to happening). Click a row to edit the input."
    ));
    let Some(t) = view.tornado else {
        if !view.running {
            ui.weak("No projection to vary: fix the problems marked in red.");
        }
        return new_focus;
    };
    let swings: Vec<_> = t.swings.iter().filter(|s| s.width_pts() >= 0.05).collect();
    if swings.is_empty() {
        ui.weak("No input moves the final coverage.");
        return new_focus;
    }
    let dark = ui.visuals().dark_mode;
    let (down, up) = (
        palette::mineral_color(5, dark),
        palette::mineral_color(2, dark),
    );
    let lo = swings
        .iter()
        .flat_map(|s| [s.coverage_at_low_pct, s.coverage_at_high_pct])
        .fold(t.base_pct, f64::min);
    let hi = swings
        .iter()
        .flat_map(|s| [s.coverage_at_low_pct, s.coverage_at_high_pct])
        .fold(t.base_pct, f64::max);
    let span = (hi - lo).max(1e-9);
    let row_height = ui.spacing().interact_size.y + 4.0;
    let label_width = (ui.available_width() * 0.36).clamp(140.0, 320.0);
    egui::ScrollArea::vertical()
        .id_salt("tornado_rows")
        .show(ui, |ui| {
            for s in swings.iter().take(MOST_ROWS) {
                let width = ui.available_width();
                let (rect, response) =
                    ui.allocate_exact_size(vec2(width, row_height), Sense::click());
                let painter = ui.painter_at(rect);
                if response.hovered() {
                    painter.rect_filled(rect, 2.0, ui.visuals().widgets.hovered.weak_bg_fill);
                }
                let text_color = ui.visuals().text_color();
                painter.text(
                    rect.left_center() + vec2(4.0, 0.0),
                    egui::Align2::LEFT_CENTER,
                    &s.label,
                    egui::FontId::proportional(13.0),
                    text_color,
                );
                // The bar area, with room at both ends for the end labels.
                let bars = Rect::from_min_max(
                    egui::pos2(rect.left() + label_width + 100.0, rect.top() + 3.0),
                    egui::pos2(rect.right() - 100.0, rect.bottom() - 3.0),
                );
                let x = |c: f64| bars.left() + ((c - lo) / span) as f32 * bars.width();
                let base_x = x(t.base_pct);
                for (c, end, other) in [
                    (s.coverage_at_low_pct, &s.low_label, s.coverage_at_high_pct),
                    (s.coverage_at_high_pct, &s.high_label, s.coverage_at_low_pct),
                ] {
                    let color: Color32 = if c < t.base_pct { down } else { up };
                    let (a, b) = (base_x.min(x(c)), base_x.max(x(c)));
                    painter.rect_filled(
                        Rect::from_x_y_ranges(a..=b.max(a + 1.0), bars.y_range()),
                        1.0,
                        color.gamma_multiply(0.85),
                    );
                    // Each end's words on its own side: an end at the
                    // plan's value (no bar) goes opposite the other end.
                    let (anchor, at) = if c < other {
                        (
                            egui::Align2::RIGHT_CENTER,
                            egui::pos2(a - 4.0, rect.center().y),
                        )
                    } else {
                        (
                            egui::Align2::LEFT_CENTER,
                            egui::pos2(b + 4.0, rect.center().y),
                        )
                    };
                    painter.text(
                        at,
                        anchor,
                        format!("{end}: {c:.0}%"),
                        egui::FontId::proportional(11.5),
                        text_color,
                    );
                }
                painter.vline(
                    base_x,
                    rect.y_range(),
                    egui::Stroke::new(1.0, ui.visuals().weak_text_color()),
                );
                let label = format!(
                    "{}: from {} ({:.1}%) to {} ({:.1}%)",
                    s.label,
                    s.low_label,
                    s.coverage_at_low_pct,
                    s.high_label,
                    s.coverage_at_high_pct
                );
                response
                    .widget_info(|| egui::WidgetInfo::labeled(egui::Role::Button, true, &label));
                let response = response.on_hover_text(format!(
                    "{label}; {:.1} points across the range. Click to edit it.",
                    s.width_pts()
                ));
                if response.clicked() {
                    messages.push(Message::ShowInput(s.input));
                }
            }
            if swings.len() > MOST_ROWS {
                ui.weak(format!(
                    "{} smaller inputs not shown",
                    swings.len() - MOST_ROWS
                ));
            }
            ui.label(
                RichText::new(format!(
                    "Plan as it is: {:.1}% final coverage (the vertical line)",
                    t.base_pct
                ))
                .weak(),
            );
        });
    new_focus
}
