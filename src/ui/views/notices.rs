//! Messages for the planner under the menu bar. The same message twice shows
//! once with a count; routine successes ("Saved …") fade after a few
//! seconds; errors stay until dismissed.

use crate::ui::palette;
use egui::Ui;

/// Seconds a success stays on screen.
pub const SUCCESS_SHOWN_S: f64 = 4.0;

/// A message for the planner.
#[derive(Clone, Debug, PartialEq)]
pub struct Notice {
    pub text: String,
    pub is_error: bool,
    /// How many times it was said.
    pub count: u32,
    /// When it was last said, in egui time (seconds); `None` until shown.
    pub said_at_s: Option<f64>,
    /// Stays until dismissed (errors always do).
    pub stays: bool,
}

/// The messages on screen, oldest first.
#[derive(Clone, Debug, Default)]
pub struct Notices {
    pub list: Vec<Notice>,
}

impl Notices {
    /// Show an error until dismissed.
    pub fn error(&mut self, text: impl Into<String>) {
        self.push(text.into(), true);
    }

    /// Show something to know (not a failure) until dismissed.
    pub fn warning(&mut self, text: impl Into<String>) {
        self.push(text.into(), false).stays = true;
    }

    /// Show a routine message for a few seconds.
    pub fn info(&mut self, text: impl Into<String>) {
        self.push(text.into(), false);
    }

    fn push(&mut self, text: String, is_error: bool) -> &mut Notice {
        if let Some(k) = self
            .list
            .iter()
            .position(|n| n.text == text && n.is_error == is_error)
        {
            let same = &mut self.list[k];
            same.count += 1;
            same.said_at_s = None;
            return same;
        }
        self.list.push(Notice {
            text,
            is_error,
            count: 1,
            said_at_s: None,
            stays: is_error,
        });
        let last = self.list.len() - 1;
        &mut self.list[last]
    }

    /// Drop every error (after a success that makes them moot).
    pub fn clear_errors(&mut self) {
        self.list.retain(|n| !n.is_error);
    }

    pub fn iter(&self) -> impl Iterator<Item = &Notice> {
        self.list.iter()
    }

    /// Draw them floating at the top right, over the window, so that a
    /// message coming or going never moves what is under the pointer.
    pub fn show_floating(&mut self, ctx: &egui::Context) {
        if self.list.is_empty() {
            return;
        }
        egui::Area::new(egui::Id::unique("notices"))
            // Bottom right, above the status bar: at the top they covered
            // the variant tabs and the editor's tabs while they showed.
            .anchor(egui::Align2::RIGHT_BOTTOM, egui::vec2(-12.0, -34.0))
            .order(egui::Order::Foreground)
            .show(ctx, |ui| {
                egui::Frame::popup(ui.style()).show(ui, |ui| {
                    ui.set_max_width(560.0);
                    self.show(ui);
                });
            });
    }

    /// Draw them with a Dismiss button each; successes fade on their own.
    pub fn show(&mut self, ui: &mut Ui) {
        let now = ui.input(|i| i.time);
        let mut next_fade_s: Option<f64> = None;
        self.list.retain_mut(|n| {
            let said = *n.said_at_s.get_or_insert(now);
            if n.stays {
                return true;
            }
            let left = said + SUCCESS_SHOWN_S - now;
            if left > 0.0 {
                next_fade_s = Some(next_fade_s.map_or(left, |t: f64| t.min(left)));
            }
            left > 0.0
        });
        if let Some(s) = next_fade_s {
            ui.ctx().request_repaint_after_secs(s as f32);
        }
        let dark = ui.visuals().dark_mode;
        let mut dismiss = None;
        for (k, notice) in self.list.iter().enumerate() {
            ui.horizontal(|ui| {
                // The button first: the wrapped text takes the rest.
                if ui.small_button("Dismiss").clicked() {
                    dismiss = Some(k);
                }
                let text = if notice.count > 1 {
                    format!("{} (×{})", notice.text, notice.count)
                } else {
                    notice.text.clone()
                };
                let text = egui::RichText::new(text);
                let text = if notice.is_error {
                    text.color(palette::problem_color(dark))
                } else {
                    text
                };
                ui.add(egui::Label::new(text).wrap());
            });
        }
        if let Some(k) = dismiss {
            self.list.remove(k);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_same_message_twice_is_counted_not_repeated() {
        let mut n = Notices::default();
        n.info("Saved plan.ron");
        n.info("Saved plan.ron");
        n.error("Could not save plan.ron");
        assert_eq!(n.list.len(), 2);
        assert_eq!(n.list[0].count, 2);
        n.clear_errors();
        assert_eq!(n.list.len(), 1);
    }
}
