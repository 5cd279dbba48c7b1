//! Questions asked before a save writes anything: the scenario has problems
//! (a file that `check` would then reject), or the file changed on disk
//! since it was opened (a colleague's save would be overwritten). The
//! question's state lives here, with its view.

use crate::ui::command::{Message, SaveAnswer};
use egui::{Id, Modal};
use std::path::PathBuf;

/// Most problems listed in the question; the rest are counted.
const PROBLEMS_LISTED: usize = 8;

/// What the planner is asked before saving to `path`.
#[derive(Clone, Debug, PartialEq)]
pub enum SaveQuestion {
    /// The scenario has these problems (as "where: message", in the
    /// planner's words); `typed` of them are text typed into a field that
    /// is not a number, which the file will not hold.
    Problems {
        path: PathBuf,
        problems: Vec<String>,
        typed: usize,
    },
    /// The file is not what was opened or last saved.
    ChangedOnDisk { path: PathBuf },
    /// The file may not be written over (read-only, no permission, not a
    /// file); `reason` says which, in the planner's words.
    CannotReplace { path: PathBuf, reason: String },
}

/// Questions before saving that the planner already answered yes to.
#[derive(Clone, Copy, Debug, Default)]
pub struct Confirmed {
    pub problems: bool,
    pub overwrite: bool,
}

pub fn show(ctx: &egui::Context, question: Option<&SaveQuestion>, messages: &mut Vec<Message>) {
    let Some(question) = question else {
        return;
    };
    let modal = Modal::new(Id::unique("save_prompt")).show(ctx, |ui| {
        ui.set_max_width(520.0);
        let answers: &[SaveAnswer] = match question {
            SaveQuestion::Problems {
                path,
                problems,
                typed,
            } => {
                ui.heading("Save a scenario with problems?");
                ui.add_space(6.0);
                let n = problems.len();
                let mut text = format!(
                    "{} has {n} problem{} to fix.",
                    super::unsaved_prompt::display_name(path),
                    if n == 1 { "" } else { "s" }
                );
                if *typed > 0 {
                    text.push_str(
                        " Text that is not a number is not saved: the file keeps the value from before it.",
                    );
                }
                if n > *typed {
                    text.push_str(
                        " Saved as it is, the file will be refused by `check` and shows the other problems when opened.",
                    );
                }
                ui.label(text);
                for p in problems.iter().take(PROBLEMS_LISTED) {
                    super::form::problem_label(ui, &format!("• {p}"));
                }
                if n > PROBLEMS_LISTED {
                    ui.weak(format!("and {} more", n - PROBLEMS_LISTED));
                }
                &[SaveAnswer::SaveAnyway, SaveAnswer::Cancel]
            }
            SaveQuestion::ChangedOnDisk { path } => {
                ui.heading("The file changed on disk");
                ui.add_space(6.0);
                ui.label(format!(
                    "{} was changed by someone or something else since you opened it. Merge their changes into yours and save (fields you both changed are yours to choose), overwrite it with your version, save yours to another file, or cancel?",
                    path.display()
                ));
                &[
                    SaveAnswer::Merge,
                    SaveAnswer::Overwrite,
                    SaveAnswer::SaveAs,
                    SaveAnswer::Cancel,
                ]
            }
            SaveQuestion::CannotReplace { path, reason } => {
                ui.heading("This file cannot be replaced");
                ui.add_space(6.0);
                ui.label(format!(
                    "{}: {reason}. Your work is still here, unsaved. Save it to another file, or cancel?",
                    path.display()
                ));
                &[SaveAnswer::SaveAs, SaveAnswer::Cancel]
            }
        };
        ui.add_space(10.0);
        ui.horizontal(|ui| {
            for &answer in answers {
                if ui.button(answer.label()).clicked() {
                    messages.push(Message::AnswerSave(answer));
                }
            }
        });
    });
    if modal.should_close() {
        messages.push(Message::AnswerSave(SaveAnswer::Cancel));
    }
}
