//! Reload from disk and merging another planner's changes into the window
//! (`model::merge` does the merge): from the document's own file when a
//! colleague saved over it, or from a copy sent by e-mail. A merge is
//! applied as one edit, so Undo takes it back whole.

use super::app::PlannerApp;
use super::command::DiskAnswer;
use super::document::DiskStamp;
use super::files::FileRequest;
use super::views::disk_changed::DiskOffer;
use super::views::merge_review::{BaseQuestion, MergeReview, MergeSource};
use super::views::unsaved_prompt::display_name;
use crate::file;
use crate::model::Scenario;
use crate::model::merge::{self, Merged, Side};
use std::path::Path;

/// How often a focused window looks whether its file changed on disk, at
/// most (seconds), on frames it draws anyway.
const DISK_LOOK_S: f64 = 2.0;

/// Most of their changes named in the note after a merge; the rest are
/// counted.
const CHANGES_NAMED: usize = 3;

impl PlannerApp {
    /// File > Reload from disk: at once when nothing is unsaved, else ask.
    pub(super) fn reload_from_disk(&mut self) {
        let Some(path) = self.doc.path.clone() else {
            self.notices
                .info("This scenario has never been saved: there is no file to reload.");
            return;
        };
        if self.doc.is_dirty() {
            self.disk_offer = Some(DiskOffer {
                path,
                unsaved: true,
                asked: true,
                changed: self.doc.changed_on_disk(),
            });
        } else {
            if self.open_path(&path) {
                self.notices
                    .info(format!("Reloaded {} from disk.", display_name(&path)));
            }
        }
    }

    /// The window came back to the front: if a colleague saved over the
    /// file meanwhile, offer to reload or merge, once per version on disk.
    /// Also looked at, at most every [`DISK_LOOK_S`], on the frames a
    /// focused window draws anyway (a pointer move): a switch straight from
    /// another of the planner's windows did not always reach this window
    /// as a change of focus. No frame is drawn for it.
    pub(super) fn check_disk_on_focus(&mut self, focused: bool, now_s: f64) {
        let regained = focused && !self.was_focused;
        self.was_focused = focused;
        let due = focused && now_s - self.disk_looked_at_s >= DISK_LOOK_S;
        // Not over another question (Save's "changed on disk" among them):
        // asked once that one is answered.
        if !(regained || due) || self.question_open() {
            return;
        }
        self.disk_looked_at_s = now_s;
        if !self.doc.changed_on_disk() {
            return;
        }
        let Some(path) = self.doc.path.clone() else {
            return;
        };
        let stamp = DiskStamp::of(&path);
        if stamp.is_none() || stamp == self.disk_offered_for {
            return;
        }
        self.disk_offered_for = stamp;
        self.disk_offer = Some(DiskOffer {
            path,
            unsaved: self.doc.is_dirty(),
            asked: false,
            changed: true,
        });
    }

    pub(super) fn answer_disk(&mut self, ctx: &egui::Context, answer: DiskAnswer) {
        let Some(offer) = self.disk_offer.take() else {
            return;
        };
        match answer {
            DiskAnswer::Merge => self.merge_from_disk(ctx, false),
            DiskAnswer::Reload => {
                self.open_path(&offer.path);
            }
            DiskAnswer::Keep => {}
        }
    }

    /// Merge the document's file as it is on disk into the work, with the
    /// file as it was opened or last saved as the base; then save if
    /// `save_after` (the merge was Save's answer).
    pub(super) fn merge_from_disk(&mut self, ctx: &egui::Context, save_after: bool) {
        let Some(path) = self.doc.path.clone() else {
            return;
        };
        match file::load(&path) {
            Ok(theirs) => {
                let base = Some(self.doc.saved.clone());
                let source = MergeSource::Disk { path, save_after };
                self.start_merge(ctx, source, base, theirs);
            }
            Err(e) => self
                .notices
                .error(format!("Could not merge: {e}. Your work is unchanged.")),
        }
    }

    /// File > Merge with file…: their copy is picked; ask for a base.
    pub(super) fn merge_theirs_from(&mut self, path: &Path) {
        match file::load(path) {
            Ok(theirs) => {
                self.merge_base_question = Some(BaseQuestion {
                    path: path.to_path_buf(),
                    theirs,
                    picking: false,
                });
            }
            Err(e) => self
                .notices
                .error(format!("Could not merge: {e}. Your work is unchanged.")),
        }
    }

    pub(super) fn pick_merge_base(&mut self, ctx: &egui::Context) {
        let start = self.start_folder();
        let Some(q) = &mut self.merge_base_question else {
            return;
        };
        q.picking = true;
        let folder = q
            .path
            .parent()
            .filter(|f| f.is_dir())
            .map_or(start, Path::to_path_buf);
        self.dialogs.ask(FileRequest::MergeBase { folder }, ctx);
    }

    pub(super) fn merge_with_base_from(&mut self, ctx: &egui::Context, base_path: &Path) {
        let Some(q) = self.merge_base_question.take() else {
            return;
        };
        match file::load(base_path) {
            Ok(base) => {
                let source = MergeSource::File { path: q.path };
                self.start_merge(ctx, source, Some(base), q.theirs);
            }
            Err(e) => {
                self.notices.error(format!(
                    "Could not use {e} as the common base. Pick another, or merge without one."
                ));
                self.merge_base_question = Some(BaseQuestion {
                    picking: false,
                    ..q
                });
            }
        }
    }

    pub(super) fn merge_without_base(&mut self, ctx: &egui::Context) {
        if let Some(q) = self.merge_base_question.take() {
            let source = MergeSource::File { path: q.path };
            self.start_merge(ctx, source, None, q.theirs);
        }
    }

    fn start_merge(
        &mut self,
        ctx: &egui::Context,
        source: MergeSource,
        base: Option<Scenario>,
        theirs: Scenario,
    ) {
        match merge::merge(base.as_ref(), &self.doc.scenario, &theirs) {
            Err(e) => self
                .notices
                .error(format!("Could not merge: {e}. Your work is unchanged.")),
            Ok(m) if m.conflicts.is_empty() => self.apply_merge(ctx, source, &theirs, m),
            Ok(m) => {
                self.merge_review = Some(MergeReview {
                    source,
                    base,
                    theirs,
                    choices: vec![Side::Ours; m.conflicts.len()],
                    taken: m.taken.len(),
                    conflicts: m.conflicts,
                });
            }
        }
    }

    pub(super) fn set_merge_choice(&mut self, conflict: usize, side: Side) {
        if let Some(choice) = self
            .merge_review
            .as_mut()
            .and_then(|r| r.choices.get_mut(conflict))
        {
            *choice = side;
        }
    }

    /// Apply: the merge again, with the planner's choices.
    pub(super) fn finish_merge(&mut self, ctx: &egui::Context) {
        let Some(review) = self.merge_review.take() else {
            return;
        };
        match merge::merge_choosing(
            review.base.as_ref(),
            &self.doc.scenario,
            &review.theirs,
            &review.choices,
        ) {
            Ok(m) => self.apply_merge(ctx, review.source, &review.theirs, m),
            Err(e) => self
                .notices
                .error(format!("Could not merge: {e}. Your work is unchanged.")),
        }
    }

    pub(super) fn cancel_merge(&mut self) {
        let source = self.merge_review.take().map(|r| r.source);
        self.merge_base_question = None;
        if let Some(MergeSource::Disk {
            save_after: true, ..
        }) = source
        {
            // Save asked for the merge; cancelled, nothing is saved.
            self.after_save = None;
            self.notices
                .info("Nothing was merged or saved. Your work is as it was, unsaved.");
        }
    }

    /// Put the merged scenario in the window as one edit and say what came
    /// in. From the file on disk, that version becomes what is "saved":
    /// the next merge starts from it, and Save no longer asks.
    fn apply_merge(
        &mut self,
        ctx: &egui::Context,
        source: MergeSource,
        theirs: &Scenario,
        merged: Merged,
    ) {
        // Whatever went wrong on the way (a base that would not open) is
        // behind the planner now.
        self.notices.clear_errors();
        let note = merge_note(&source, &merged);
        let problems = merged.problems_in_words();
        self.doc.scenario = merged.scenario;
        if self.doc.active > self.doc.scenario.variants.len() {
            self.doc.active = 0;
        }
        let minerals = self.doc.active().minerals.len();
        self.doc.selected = self.doc.selected.min(minerals.saturating_sub(1));
        if problems.is_empty() {
            self.notices.info(note);
        } else {
            self.notices.warning(format!(
                "{note} The merged scenario has {} to fix: {}.",
                if problems.len() == 1 {
                    "a problem".to_string()
                } else {
                    format!("{} problems", problems.len())
                },
                problems.join("; ")
            ));
        }
        if let MergeSource::Disk { path, save_after } = source {
            self.doc.saved = theirs.clone();
            self.doc.disk_stamp = DiskStamp::of(&path);
            self.disk_offered_for = self.doc.disk_stamp.clone();
            if save_after {
                self.save_to(ctx, &path);
            }
        }
    }
}

/// "3 changes from the file on disk: Antimony · budget: $245M → $300M; …;
/// 2 fields you both changed settled (1 theirs). Edit > Undo takes the
/// merge back."
fn merge_note(source: &MergeSource, merged: &Merged) -> String {
    let from = source.words();
    let n = merged.taken.len();
    let mut note = match n {
        0 => format!("No changes came in from {from}"),
        _ => {
            let named: Vec<String> = merged
                .taken
                .iter()
                .take(CHANGES_NAMED)
                .map(ToString::to_string)
                .collect();
            let more = if n > CHANGES_NAMED {
                format!("; and {} more", n - CHANGES_NAMED)
            } else {
                String::new()
            };
            format!(
                "{n} change{} from {from}: {}{more}",
                if n == 1 { "" } else { "s" },
                named.join("; ")
            )
        }
    };
    let settled = merged.conflicts.len();
    if settled > 0 {
        let theirs = merged
            .conflicts
            .iter()
            .filter(|c| c.chosen == Side::Theirs)
            .count();
        note.push_str(&format!(
            "; {settled} field{} you both changed settled ({theirs} theirs)",
            if settled == 1 { "" } else { "s" }
        ));
    }
    note.push_str(". Edit > Undo takes the merge back.");
    note
}
