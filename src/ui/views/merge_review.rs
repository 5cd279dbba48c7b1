//! Merging another planner's changes: the conflicts to settle (one row per
//! field, Keep mine / Take theirs), and the question of a common base for
//! File > Merge with file…. The merge itself is `model::merge`; the state
//! of the questions lives here, with their views.

use crate::model::Scenario;
use crate::model::merge::{Conflict, Side};
use crate::ui::command::Message;
use crate::ui::views::unsaved_prompt::display_name;
use egui::{Id, Modal, RichText};
use std::path::PathBuf;

/// Where their changes come from.
#[derive(Clone, Debug, PartialEq)]
pub enum MergeSource {
    /// The document's own file, saved by someone else since it was opened;
    /// `save_after`: the merge was asked for by Save, which carries on.
    Disk { path: PathBuf, save_after: bool },
    /// A colleague's copy (File > Merge with file…).
    File { path: PathBuf },
}

impl MergeSource {
    /// "the file on disk", "plan-jane.ron".
    pub fn words(&self) -> String {
        match self {
            MergeSource::Disk { .. } => "the file on disk".into(),
            MergeSource::File { path } => display_name(path),
        }
    }
}

/// A merge with conflicts, waiting for the planner's choices.
#[derive(Clone, Debug)]
pub struct MergeReview {
    pub source: MergeSource,
    pub base: Option<Scenario>,
    pub theirs: Scenario,
    pub conflicts: Vec<Conflict>,
    /// One per conflict; ours until the planner says otherwise.
    pub choices: Vec<Side>,
    /// Their changes that come in without a conflict.
    pub taken: usize,
}

/// Their copy is read; is there a common base?
#[derive(Clone, Debug)]
pub struct BaseQuestion {
    pub path: PathBuf,
    pub theirs: Scenario,
    /// The base's file dialog is open: the question waits behind it.
    pub picking: bool,
}

pub fn show_review(ctx: &egui::Context, review: Option<&MergeReview>, messages: &mut Vec<Message>) {
    let Some(review) = review else {
        return;
    };
    let modal = Modal::new(Id::unique("merge_review")).show(ctx, |ui| {
        ui.set_max_width(760.0);
        let n = review.conflicts.len();
        ui.heading(format!(
            "Merge {}: {n} field{} changed on both sides",
            review.source.words(),
            if n == 1 { "" } else { "s" }
        ));
        ui.add_space(6.0);
        let came = match review.taken {
            0 => "No other change comes in.".to_string(),
            1 => "1 other change comes in as it is.".to_string(),
            k => format!("{k} other changes come in as they are."),
        };
        let base = if review.base.is_some() {
            "You and they changed these fields differently since the common base."
        } else {
            "Without a common base, every difference is a choice."
        };
        ui.label(format!("{base} {came} Keep yours or take theirs for each; Apply makes it one step that Undo takes back."));
        ui.add_space(8.0);
        egui::ScrollArea::vertical()
            .max_height(ui.ctx().content_rect().height() * 0.5)
            .show(ui, |ui| {
                egui::Grid::new("merge_conflicts")
                    .num_columns(5)
                    .spacing([12.0, 6.0])
                    .striped(true)
                    .show(ui, |ui| {
                        ui.strong("Field");
                        ui.strong(if review.base.is_some() { "Base" } else { "" });
                        ui.strong("Mine");
                        ui.strong("Theirs");
                        ui.strong("Take");
                        ui.end_row();
                        for (i, (conflict, side)) in
                            review.conflicts.iter().zip(&review.choices).enumerate()
                        {
                            ui.label(&conflict.place);
                            ui.weak(conflict.base.as_deref().unwrap_or(""));
                            let picked = |ui: &mut egui::Ui, text: &str, on: bool| {
                                let text = RichText::new(text);
                                ui.label(if on { text.strong() } else { text.weak() });
                            };
                            picked(ui, &conflict.ours, *side == Side::Ours);
                            picked(ui, &conflict.theirs, *side == Side::Theirs);
                            ui.horizontal(|ui| {
                                for (label, choice) in
                                    [("Keep mine", Side::Ours), ("Take theirs", Side::Theirs)]
                                {
                                    let button = ui.selectable_label(*side == choice, label);
                                    if button.clicked() && *side != choice {
                                        messages.push(Message::SetMergeChoice {
                                            conflict: i,
                                            side: choice,
                                        });
                                    }
                                }
                            });
                            ui.end_row();
                        }
                    });
            });
        ui.add_space(10.0);
        ui.horizontal(|ui| {
            if ui.button("Apply").clicked() {
                messages.push(Message::ApplyMerge);
            }
            if ui.button("Cancel").clicked() {
                messages.push(Message::CancelMerge);
            }
        });
    });
    if modal.should_close() {
        messages.push(Message::CancelMerge);
    }
}

pub fn show_base_question(
    ctx: &egui::Context,
    question: Option<&BaseQuestion>,
    messages: &mut Vec<Message>,
) {
    let Some(question) = question.filter(|q| !q.picking) else {
        return;
    };
    let modal = Modal::new(Id::unique("merge_base_question")).show(ctx, |ui| {
        ui.set_max_width(520.0);
        ui.heading(format!("Merge {}", display_name(&question.path)));
        ui.add_space(6.0);
        ui.label(
            "If you both started from one file (the version you sent them, say), pick it as the common base: only fields you both changed are then yours to choose. Without it, every difference is a choice.",
        );
        ui.add_space(10.0);
        ui.horizontal(|ui| {
            if ui.button("Pick the common base...").clicked() {
                messages.push(Message::PickMergeBase);
            }
            if ui.button("No base: choose every difference").clicked() {
                messages.push(Message::MergeWithoutBase);
            }
            if ui.button("Cancel").clicked() {
                messages.push(Message::CancelMerge);
            }
        });
    });
    if modal.should_close() {
        messages.push(Message::CancelMerge);
    }
}
