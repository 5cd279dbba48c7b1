//! New, Open, Save, Save As, recent files, dropped files, closing and
//! recovery: everything that can lose work goes through here, and asks
//! Save / Don't save / Cancel first when there are unsaved changes.

use super::app::PlannerApp;
use super::command::SaveAnswer;
use super::command::UnsavedChoice;
use super::document::Document;
use super::files::{FileAnswer, FileRequest, default_folder, suggested_file_name};
use super::views::path_prompt::PathPrompt;
use super::views::save_prompt::{Confirmed, SaveQuestion};
use super::views::unsaved_prompt::Replace;
use crate::file::{self, recovery};
use crate::model::{Mineral, Scenario, YearMonth};
use std::path::{Path, PathBuf};

/// Seconds between recovery copies while there are unsaved changes.
pub const RECOVERY_INTERVAL_S: f64 = 5.0;
/// A recovery copy written faster than this is written on every change.
pub const QUICK_RECOVERY_WRITE_S: f64 = 0.05;

/// Most recent files remembered.
const MAX_RECENT: usize = 10;

impl PlannerApp {
    /// Run `action` now, or ask first when it would drop unsaved changes.
    pub(super) fn replace_scenario(&mut self, ctx: &egui::Context, action: Replace) {
        if self.doc.is_dirty() {
            self.unsaved_prompt = Some(action);
        } else {
            self.perform(ctx, action);
        }
    }

    fn perform(&mut self, ctx: &egui::Context, action: Replace) {
        match action {
            Replace::New => {
                self.forget_recovery();
                self.doc = Document::new(new_scenario());
            }
            Replace::OpenDialog => {
                let folder = self.start_folder();
                self.open_dialog_from = Some(self.doc.scenario.clone());
                self.dialogs.ask(FileRequest::Open { folder }, ctx);
            }
            Replace::OpenPath(path) => {
                self.open_path(&path);
            }
            Replace::Close => {
                self.forget_recovery();
                self.allow_close = true;
                ctx.send_viewport_cmd(egui::ViewportCommand::Close);
            }
        }
    }

    /// Open `path`; whether it opened. On failure the scenario in the window
    /// stays as it was, and the planner sees the file, line, column and
    /// what is wrong.
    pub(super) fn open_path(&mut self, path: &Path) -> bool {
        match file::load(path) {
            Ok(scenario) => {
                self.forget_recovery();
                self.doc = Document::from_file(scenario, path.to_path_buf());
                self.remember(path);
                self.notices.clear_errors();
                let comments = std::fs::read_to_string(path)
                    .map(|t| file::count_comments(&t))
                    .unwrap_or(0);
                if comments > 0 {
                    self.notices.warning(format!(
                        "{} has {comments} comment line{} that Save will not keep; the scenario's notes are kept.",
                        super::views::unsaved_prompt::display_name(path),
                        if comments == 1 { "" } else { "s" }
                    ));
                }
                true
            }
            Err(e) => {
                let vanished = !path.exists();
                let mut text = format!("Could not open {e}");
                if vanished && self.preferences.recent_files.iter().any(|p| p == path) {
                    self.preferences.recent_files.retain(|p| p != path);
                    text.push_str(". It was removed from the recent files.");
                } else {
                    text.push_str(". The scenario in the window is unchanged.");
                }
                self.notices.error(text);
                false
            }
        }
    }

    pub(super) fn save(&mut self, ctx: &egui::Context) {
        match self.doc.path.clone() {
            Some(path) => {
                self.save_to(ctx, &path);
            }
            None => self.save_as(ctx),
        }
    }

    pub(super) fn save_as(&mut self, ctx: &egui::Context) {
        // A file's own name and folder; a new scenario's name otherwise. A
        // file that cannot be saved over suggests a copy beside it.
        let own = self.doc.path.as_ref().and_then(|p| {
            let folder = p.parent().filter(|f| f.is_dir())?;
            let name = p.file_name()?.to_string_lossy().into_owned();
            let name = if file::why_not_writable(p).is_some() {
                copy_name(&name)
            } else {
                name
            };
            Some((folder.to_path_buf(), name))
        });
        let (folder, suggested_name) = own.unwrap_or_else(|| {
            (
                self.start_folder(),
                suggested_file_name(&self.doc.scenario.name),
            )
        });
        self.dialogs.ask(
            FileRequest::SaveAs {
                folder,
                suggested_name,
            },
            ctx,
        );
    }

    /// Save atomically to `path`, asking first when the scenario has
    /// problems or the file changed on disk since it was opened. On failure
    /// the old file is intact, the scenario stays in the window, still
    /// unsaved, and the planner sees why. Returns whether it saved.
    pub(super) fn save_to(&mut self, ctx: &egui::Context, path: &Path) -> bool {
        self.doc.refresh();
        if let Some(question) = self.question_before_saving(path) {
            self.save_question = Some(question);
            return false;
        }
        self.save_confirmed = Confirmed::default();
        match file::save_atomic(path, &self.doc.scenario) {
            Ok(()) => {
                // The copy is named for the document as it was (untitled).
                self.forget_recovery();
                self.doc.mark_saved(path);
                self.remember(path);
                self.notices.clear_errors();
                self.notices.info(format!("Saved {}", path.display()));
                if let Some(next) = self.after_save.take() {
                    self.perform(ctx, next);
                }
                true
            }
            Err(e) => {
                self.after_save = None;
                self.notices.error(e.to_string());
                false
            }
        }
    }

    /// What must be asked before writing to `path`, not yet answered.
    fn question_before_saving(&self, path: &Path) -> Option<SaveQuestion> {
        // Asked first: no answer to another question would let it save.
        if let Some(reason) = file::why_not_writable(path) {
            return Some(SaveQuestion::CannotReplace {
                path: path.to_path_buf(),
                reason,
            });
        }
        if self.doc.problem_count() > 0 && !self.save_confirmed.problems {
            return Some(SaveQuestion::Problems {
                path: path.to_path_buf(),
                problems: self.doc.problems_in_words(),
                typed: self.doc.typing.len(),
            });
        }
        let same_file = self.doc.path.as_deref() == Some(path);
        if same_file && self.doc.changed_on_disk() && !self.save_confirmed.overwrite {
            return Some(SaveQuestion::ChangedOnDisk {
                path: path.to_path_buf(),
            });
        }
        None
    }

    pub(super) fn answer_save(&mut self, ctx: &egui::Context, answer: SaveAnswer) {
        let Some(question) = self.save_question.take() else {
            return;
        };
        let path = match &question {
            SaveQuestion::Problems { path, .. }
            | SaveQuestion::ChangedOnDisk { path }
            | SaveQuestion::CannotReplace { path, .. } => path.clone(),
        };
        match answer {
            SaveAnswer::SaveAnyway => {
                self.save_confirmed.problems = true;
                self.save_to(ctx, &path);
            }
            SaveAnswer::Overwrite => {
                self.save_confirmed.overwrite = true;
                self.save_to(ctx, &path);
            }
            SaveAnswer::Merge => {
                self.save_confirmed = Confirmed::default();
                self.merge_from_disk(ctx, true);
            }
            SaveAnswer::SaveAs => {
                self.save_confirmed = Confirmed::default();
                self.save_as(ctx);
            }
            SaveAnswer::Cancel => {
                self.save_confirmed = Confirmed::default();
                self.after_save = None;
            }
        }
    }

    pub(super) fn answer_unsaved(&mut self, ctx: &egui::Context, choice: UnsavedChoice) {
        let Some(action) = self.unsaved_prompt.take() else {
            return;
        };
        match choice {
            UnsavedChoice::Cancel => {}
            UnsavedChoice::DontSave => self.perform(ctx, action),
            UnsavedChoice::Save => {
                // Carry on once saved (after any question, or a Save As).
                self.after_save = Some(action);
                match self.doc.path.clone() {
                    Some(path) => {
                        self.save_to(ctx, &path);
                    }
                    None => self.save_as(ctx),
                }
            }
        }
    }

    /// Act on a dialog's answer.
    pub(super) fn on_file_answer(&mut self, ctx: &egui::Context, answer: FileAnswer) {
        let open_dialog_from = self.open_dialog_from.take();
        match (answer.path, answer.request) {
            (Some(path), FileRequest::Open { .. }) => {
                // Edits made while the dialog was up are asked about now.
                let edited_meanwhile = open_dialog_from.as_ref() != Some(&self.doc.scenario);
                if self.doc.is_dirty() && edited_meanwhile {
                    self.unsaved_prompt = Some(Replace::OpenPath(path));
                } else {
                    self.open_path(&path);
                }
            }
            (Some(path), FileRequest::SaveAs { .. }) => {
                self.save_to(ctx, &path);
            }
            (Some(path), FileRequest::CompareWith { .. }) => self.compare_with_file(&path),
            (Some(path), FileRequest::MergeTheirs { .. }) => self.merge_theirs_from(&path),
            (Some(path), FileRequest::MergeBase { .. }) => self.merge_with_base_from(ctx, &path),
            (Some(path), FileRequest::Export { kind, .. }) => self.export_to(kind, &path),
            (None, request) if answer.probably_not_shown => {
                // rfd gives "nothing" both for Cancel and for "no dialog
                // available"; a click must never do nothing, so offer a path.
                self.prompt_for_path(
                    request,
                    Some(
                        "No system file dialog could be shown here (on Linux it needs xdg-desktop-portal or zenity). Type the path, or pick a file below."
                            .into(),
                    ),
                );
            }
            (None, FileRequest::MergeBase { .. }) => {
                // Back to the question: with a base or without.
                if let Some(q) = &mut self.merge_base_question {
                    q.picking = false;
                }
            }
            (None, _) => self.after_save = None,
        }
    }

    /// Open the in-window path entry for `request`, saying why if it was
    /// not asked for.
    pub(super) fn prompt_for_path(&mut self, request: FileRequest, reason: Option<String>) {
        self.path_prompt = Some(PathPrompt::new(request, reason));
    }

    /// Where dialogs start: the folder last used, `saves/` the first time.
    pub(super) fn start_folder(&self) -> PathBuf {
        self.preferences
            .last_folder
            .clone()
            .filter(|f| f.is_dir())
            .unwrap_or_else(default_folder)
    }

    /// Put `path` first in Open Recent and start dialogs in its folder.
    pub fn remember(&mut self, path: &Path) {
        let path = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
        self.preferences.recent_files.retain(|p| p != &path);
        self.preferences.recent_files.insert(0, path.clone());
        self.preferences.recent_files.truncate(MAX_RECENT);
        self.preferences.last_folder = path.parent().map(Path::to_path_buf);
    }

    /// Write a recovery copy when there are unsaved changes that are not in
    /// the last copy. A copy that is quick to write (any ordinary scenario:
    /// about a millisecond) is written on the frame of the change, so a
    /// crash never restores a half-typed number; a slow one (files of many
    /// megabytes) at most every few seconds, and once more when the
    /// planner stops.
    pub fn tick_recovery(&mut self, now_s: f64, ctx: &egui::Context) {
        // Closing after the planner chose (Don't save, or nothing to
        // save): the copy was dropped on purpose, and the frames until the
        // window goes must not write it again.
        if self.recovery.is_none() || self.allow_close || !self.recovery_is_behind() {
            return;
        }
        let quick = self.last_recovery_write_s < QUICK_RECOVERY_WRITE_S;
        let since = self.last_recovery_at_s.map_or(f64::INFINITY, |t| now_s - t);
        if !quick && since < RECOVERY_INTERVAL_S {
            // Wake up once to write the copy even if the planner stops typing.
            ctx.request_repaint_after_secs((RECOVERY_INTERVAL_S - since) as f32);
            return;
        }
        self.last_recovery_at_s = Some(now_s);
        self.write_recovery();
    }

    /// Unsaved changes that the last recovery copy does not hold.
    fn recovery_is_behind(&self) -> bool {
        self.doc.is_dirty() && self.last_recovery.as_ref() != Some(&self.doc.scenario)
    }

    /// The program is asked to end (a signal: logout, `kill`, Ctrl+C): copy
    /// the unsaved work now and close without asking; the copy stays for
    /// the next start to offer.
    pub(super) fn end_session(&mut self, ctx: &egui::Context) {
        if self.allow_close {
            return;
        }
        if self.recovery.is_some() && self.recovery_is_behind() {
            self.write_recovery();
        }
        self.allow_close = true;
        ctx.send_viewport_cmd(egui::ViewportCommand::Close);
    }

    fn write_recovery(&mut self) {
        let Some(store) = &self.recovery else {
            return;
        };
        let started = std::time::Instant::now();
        let written = store.write(
            &self.doc.recovery_key(),
            &self.doc.scenario,
            self.doc.path.as_deref(),
            self.doc.active,
        );
        self.last_recovery_write_s = started.elapsed().as_secs_f64();
        match written {
            Ok(()) => {
                self.last_recovery = Some(self.doc.scenario.clone());
                self.recovery_failure_shown = false;
            }
            Err(e) if !self.recovery_failure_shown => {
                self.recovery_failure_shown = true;
                self.notices.error(format!(
                    "Unsaved work cannot be copied for recovery ({e}); save your work to keep it safe."
                ));
            }
            Err(_) => {}
        }
    }

    /// The document's work is on disk, or the planner chose to drop it:
    /// its recovery copy goes (other documents' and windows' copies stay).
    pub(super) fn forget_recovery(&mut self) {
        if let Some(store) = &self.recovery {
            store.remove(&self.doc.recovery_key());
        }
        self.last_recovery = None;
    }

    pub(super) fn restore_recovery(&mut self) {
        let Some(recovered) = self.recovery_offer.take() else {
            return;
        };
        self.forget_recovery();
        let copied_at_unix_s = recovered.info.saved_at_unix_s;
        let mut doc = Document::new(recovered.scenario.clone());
        if let Some(path) = &recovered.info.file {
            // Unsaved relative to the file it came from (if still there).
            doc.saved = file::load(path).unwrap_or_else(|_| new_scenario());
            doc.disk_stamp = super::document::DiskStamp::of(path);
            doc.read_only = file::why_not_writable(path);
            doc.path = Some(path.clone());
        } else {
            doc.saved = new_scenario();
        }
        if let Some(store) = &self.recovery {
            // Ours now: kept until saved or not wanted, like any copy.
            store.adopt(&recovered, &doc.recovery_key());
            self.last_recovery = Some(recovered.scenario);
        }
        // The variant that was on screen, if the copy still has it.
        doc.switch_to(recovered.info.variant);
        self.doc = doc;
        self.notices.info(format!(
            "Restored the unsaved work copied at {}. Save it to keep it.",
            recovery::format_utc(copied_at_unix_s)
        ));
        self.offer_next_recovery();
    }

    pub(super) fn discard_recovery(&mut self) {
        if let Some(recovered) = self.recovery_offer.take() {
            recovery::discard(&recovered);
        }
        self.offer_next_recovery();
    }

    fn offer_next_recovery(&mut self) {
        if !self.later_recovery_offers.is_empty() {
            self.recovery_offer = Some(self.later_recovery_offers.remove(0));
        }
    }
}

/// What File > New starts from: one mineral, starting this month.
pub fn new_scenario() -> Scenario {
    let days = recovery::now_unix_s() / 86_400;
    // Good enough for "this month": 30.436875 days per month on average.
    let months_since_1970 = (days as f64 / 30.436_875) as i64;
    let start = YearMonth::new(1970, 1).plus_months(months_since_1970);
    let mut s = Scenario::empty("Untitled scenario", start);
    s.minerals.push(Mineral::new("New mineral"));
    s
}

/// `plan.ron` → `plan copy.ron`: the name Save As suggests for a file
/// that cannot be saved over.
fn copy_name(name: &str) -> String {
    match name.rsplit_once('.') {
        Some((stem, extension)) if !stem.is_empty() => format!("{stem} copy.{extension}"),
        _ => format!("{name} copy"),
    }
}
