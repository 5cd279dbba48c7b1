//! What the planner can ask for, in two kinds (as rerun's viewer does):
//!
//! - [`Command`]: a user-facing action with a label, a tooltip and maybe a
//!   keyboard shortcut. Menus, shortcuts, buttons and a future command
//!   palette list these; [`Command::ALL`] walks every one.
//! - [`Message`]: what the app sends itself, often carrying data (open this
//!   path, the answer to a prompt, select mineral `i`). A command travels
//!   as `Message::Run`.
//!
//! One place, [`super::app::PlannerApp`], carries both out.

use egui::{Key, KeyboardShortcut, Modifiers};
use std::path::PathBuf;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Command {
    NewScenario,
    Open,
    /// Type a path instead of using the system dialog.
    OpenByPath,
    Save,
    SaveAs,
    /// Read the document's file again (asking first about unsaved work).
    ReloadFromDisk,
    /// Merge a colleague's copy into the scenario in the window.
    MergeWithFile,
    Quit,
    Undo,
    Redo,
    AddMineral,
    /// Duplicate the selected mineral.
    DuplicateMineral,
    /// Remove the selected mineral.
    RemoveMineral,
    /// Add a supplier to the selected mineral.
    AddSupplier,
    /// Scale the selected mineral's shares to 100 %.
    NormalizeShares,
    AddEvent,
    ToggleTheme,
    /// Full screen, larger text and lines, side panels folded away.
    PresenterMode,
    /// Show or hide the scenario panel (left).
    ToggleScenarioPanel,
    /// Show or hide the editor panel (right).
    ToggleEditorPanel,
    /// No animations, blinking cursor or spinners: fewer frames to draw
    /// where there is no GPU.
    ReducedMotion,
    ZoomIn,
    ZoomOut,
    ZoomReset,
    /// Find a command, mineral, event or variant by typing.
    CommandPalette,
    /// Copy the variant on screen as a new variant, and show it.
    DuplicateVariant,
    /// Rename the variant on screen.
    RenameVariant,
    /// Delete the variant on screen (not the base; Undo brings it back).
    DeleteVariant,
    /// Compare with the base scenario of another file.
    CompareWithFile,
    /// Stop comparing with a baseline.
    StopComparing,
    ExportChart,
    ExportCsv,
    ExportBriefing,
    /// Show the summary table under the plot.
    ShowSummary,
    /// Show what differs from the baseline (only while comparing).
    ShowWhatChanged,
    /// Show the tornado chart.
    ShowSensitivity,
    ShowGoalSeek,
    ShowBudgetSplit,
}

impl Command {
    /// Every command, in menu order.
    pub const ALL: [Command; 38] = [
        Command::NewScenario,
        Command::Open,
        Command::OpenByPath,
        Command::Save,
        Command::SaveAs,
        Command::ReloadFromDisk,
        Command::MergeWithFile,
        Command::ExportChart,
        Command::ExportCsv,
        Command::ExportBriefing,
        Command::Quit,
        Command::Undo,
        Command::Redo,
        Command::AddMineral,
        Command::DuplicateMineral,
        Command::RemoveMineral,
        Command::AddSupplier,
        Command::NormalizeShares,
        Command::AddEvent,
        Command::DuplicateVariant,
        Command::RenameVariant,
        Command::DeleteVariant,
        Command::CompareWithFile,
        Command::StopComparing,
        Command::ToggleTheme,
        Command::PresenterMode,
        Command::ToggleScenarioPanel,
        Command::ToggleEditorPanel,
        Command::ReducedMotion,
        Command::ShowSummary,
        Command::ShowWhatChanged,
        Command::ShowSensitivity,
        Command::ShowGoalSeek,
        Command::ShowBudgetSplit,
        Command::ZoomIn,
        Command::ZoomOut,
        Command::ZoomReset,
        Command::CommandPalette,
    ];

    /// File actions are greyed out while a file dialog is open.
    pub fn is_file_action(self) -> bool {
        matches!(
            self,
            Command::NewScenario
                | Command::Open
                | Command::OpenByPath
                | Command::Save
                | Command::SaveAs
                | Command::ReloadFromDisk
                | Command::MergeWithFile
                | Command::CompareWithFile
                | Command::ExportChart
                | Command::ExportCsv
                | Command::ExportBriefing
        )
    }

    /// Undo and Redo belong to a focused text field first (its own typing).
    pub fn yields_to_text_field(self) -> bool {
        matches!(self, Command::Undo | Command::Redo)
    }

    /// The keyboard shortcuts, main one first (`COMMAND` is Ctrl, or Cmd on
    /// macOS). Menus show the first.
    pub fn shortcuts(self) -> &'static [KeyboardShortcut] {
        const CMD: Modifiers = Modifiers::COMMAND;
        const CMD_SHIFT: Modifiers = Modifiers::COMMAND.plus(Modifiers::SHIFT);
        const fn k(modifiers: Modifiers, key: Key) -> KeyboardShortcut {
            KeyboardShortcut::new(modifiers, key)
        }
        match self {
            Command::NewScenario => const { &[k(CMD, Key::N)] },
            Command::Open => const { &[k(CMD, Key::O)] },
            Command::Save => const { &[k(CMD, Key::S)] },
            Command::SaveAs => const { &[k(CMD_SHIFT, Key::S)] },
            Command::Quit => const { &[k(CMD, Key::Q)] },
            Command::Undo => const { &[k(CMD, Key::Z)] },
            Command::Redo => const { &[k(CMD_SHIFT, Key::Z), k(CMD, Key::Y)] },
            Command::AddMineral => const { &[k(CMD_SHIFT, Key::M)] },
            Command::PresenterMode => const { &[k(Modifiers::NONE, Key::F11)] },
            Command::ZoomIn => const { &[k(CMD, Key::Plus), k(CMD, Key::Equals)] },
            Command::ZoomOut => const { &[k(CMD, Key::Minus)] },
            Command::ZoomReset => const { &[k(CMD, Key::Num0)] },
            Command::CommandPalette => const { &[k(CMD, Key::K), k(CMD_SHIFT, Key::P)] },
            Command::DuplicateVariant => const { &[k(CMD_SHIFT, Key::D)] },
            Command::RenameVariant => const { &[k(Modifiers::NONE, Key::F2)] },
            _ => &[],
        }
    }

    /// The main shortcut, for menus and tooltips.
    pub fn shortcut(self) -> Option<KeyboardShortcut> {
        self.shortcuts().first().copied()
    }

    /// Every (shortcut, command) pair in the order they must be tried: more
    /// modifiers first, because egui matches logically (Ctrl+S also fires on
    /// Ctrl+Shift+S, so Save As must be tried before Save).
    pub fn shortcuts_in_handling_order() -> &'static [(KeyboardShortcut, Command)] {
        static ORDER: std::sync::OnceLock<Vec<(KeyboardShortcut, Command)>> =
            std::sync::OnceLock::new();
        ORDER.get_or_init(|| {
            let mut all: Vec<(KeyboardShortcut, Command)> = Command::ALL
                .iter()
                .flat_map(|&c| c.shortcuts().iter().map(move |&s| (s, c)))
                .collect();
            let count = |m: Modifiers| {
                u8::from(m.alt) + u8::from(m.shift) + u8::from(m.ctrl || m.command || m.mac_cmd)
            };
            // Stable: commands with equal counts keep menu order.
            all.sort_by_key(|(s, _)| std::cmp::Reverse(count(s.modifiers)));
            all
        })
    }

    /// The label shown in menus and on buttons.
    pub fn label(self) -> &'static str {
        match self {
            Command::NewScenario => "New",
            Command::Open => "Open...",
            Command::OpenByPath => "Open by typing a path...",
            Command::Save => "Save",
            Command::SaveAs => "Save As...",
            Command::ReloadFromDisk => "Reload from disk",
            Command::MergeWithFile => "Merge with file...",
            Command::Quit => "Quit",
            Command::Undo => "Undo",
            Command::Redo => "Redo",
            Command::AddMineral => "Add mineral",
            Command::DuplicateMineral => "Duplicate mineral",
            Command::RemoveMineral => "Remove mineral",
            Command::AddSupplier => "+ Add supplier",
            Command::NormalizeShares => "Normalize to 100%",
            Command::AddEvent => "+ Add event",
            Command::ToggleTheme => "Switch light/dark theme",
            Command::PresenterMode => "Presenter mode",
            Command::ToggleScenarioPanel => "Scenario panel",
            Command::ToggleEditorPanel => "Editor panel",
            Command::ReducedMotion => "Reduced motion (remote desktop)",
            Command::ZoomIn => "Zoom in",
            Command::ZoomOut => "Zoom out",
            Command::ZoomReset => "Actual size",
            Command::CommandPalette => "Command palette...",
            Command::DuplicateVariant => "Duplicate variant",
            Command::RenameVariant => "Rename variant...",
            Command::DeleteVariant => "Delete variant",
            Command::CompareWithFile => "Compare with file...",
            Command::StopComparing => "Stop comparing",
            Command::ExportChart => "Export chart (PNG)...",
            Command::ExportCsv => "Export projection (CSV)...",
            Command::ExportBriefing => "Export briefing (HTML)...",
            Command::ShowSummary => "Show summary",
            Command::ShowWhatChanged => "Show what changed",
            Command::ShowSensitivity => "Show sensitivity (tornado)",
            Command::ShowGoalSeek => "Show goal seek",
            Command::ShowBudgetSplit => "Show budget split",
        }
    }

    /// What the command does, for tooltips.
    pub fn tooltip(self) -> &'static str {
        match self {
            Command::NewScenario => "Start a new scenario with one mineral",
            Command::Open => "Open a scenario file (.ron)",
            Command::OpenByPath => "Open a scenario by typing its path",
            Command::Save => "Save the scenario to its file",
            Command::SaveAs => "Save the scenario to a new file",
            Command::ReloadFromDisk => {
                "Read the file again as it is on disk (a colleague's save); asks first about unsaved changes"
            }
            Command::MergeWithFile => {
                "Bring a colleague's copy into this scenario: changes that do not collide come in, and you choose where you both changed a field"
            }
            Command::Quit => "Close Stockpile Planner (asks about unsaved changes)",
            Command::Undo => "Undo the last edit of this scenario",
            Command::Redo => "Redo the edit just undone",
            Command::AddMineral => "Add a mineral to the scenario",
            Command::DuplicateMineral => "Copy the selected mineral as a new mineral",
            Command::RemoveMineral => "Remove the selected mineral (Undo brings it back)",
            Command::AddSupplier => "Add a supplier to the selected mineral",
            Command::NormalizeShares => {
                "Scale all shares so they add up to 100%, keeping their proportions"
            }
            Command::AddEvent => {
                "Add an event, switched off until you tick it: an export ban to edit into any event"
            }
            Command::ToggleTheme => "Switch between the light and dark theme",
            Command::PresenterMode => {
                "For a projector: full screen, larger text and lines, side panels folded away (again to leave)"
            }
            Command::ToggleScenarioPanel => {
                "Show or hide the scenario panel on the left (name, timeframe, minerals)"
            }
            Command::ToggleEditorPanel => {
                "Show or hide the editor on the right (the selected mineral, events)"
            }
            Command::ReducedMotion => {
                "No animations, no blinking cursor, no spinners: far fewer frames to draw on a virtual desktop without a GPU. On by itself where the window is drawn in software; remembered once you choose"
            }
            Command::ZoomIn => "Make everything larger",
            Command::ZoomOut => "Make everything smaller",
            Command::ZoomReset => "Back to 100% zoom",
            Command::CommandPalette => {
                "Find any command, mineral, event or variant by typing a few letters"
            }
            Command::DuplicateVariant => {
                "Copy the variant on screen as a new variant in this file, to try a what-if on it"
            }
            Command::RenameVariant => "Rename the variant on screen",
            Command::DeleteVariant => {
                "Delete the variant on screen from this file (Undo brings it back; the base cannot be deleted)"
            }
            Command::CompareWithFile => {
                "Draw another scenario file's coverage as dashed lines and list what differs"
            }
            Command::StopComparing => "Stop comparing with the baseline",
            Command::ExportChart => {
                "Save the coverage chart as a 1600 px wide picture, with its legend and baseline"
            }
            Command::ExportCsv => {
                "Save the month-by-month projection as CSV for a spreadsheet (as `project --csv`)"
            }
            Command::ExportBriefing => {
                "Save a one-page briefing (assumptions, events, summary, chart) that opens in any browser and prints on one page"
            }
            Command::ShowSummary => {
                "Show the summary under the plot: coverage, spending and, with ranges, the bands per mineral"
            }
            Command::ShowWhatChanged => {
                "Show every input that differs from the baseline (while comparing)"
            }
            Command::ShowSensitivity => {
                "Show which inputs move final coverage most (tornado chart)"
            }
            Command::ShowGoalSeek => {
                "Show goal seek: the budget a mineral needs to reach a coverage by a month"
            }
            Command::ShowBudgetSplit => {
                "Show budget split: split a total budget to raise the lowest coverage"
            }
        }
    }

    /// The tooltip with the shortcut, as egui would print it: "Save the
    /// scenario to its file (Ctrl+S)".
    pub fn tooltip_with_shortcut(self, ctx: &egui::Context) -> String {
        match self.shortcut() {
            Some(s) => format!("{} ({})", self.tooltip(), ctx.format_shortcut(&s)),
            None => self.tooltip().to_string(),
        }
    }
}

/// Answers to "Save changes before …?".
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum UnsavedChoice {
    Save,
    DontSave,
    Cancel,
}

impl UnsavedChoice {
    pub fn label(self) -> &'static str {
        match self {
            UnsavedChoice::Save => "Save",
            UnsavedChoice::DontSave => "Don't save",
            UnsavedChoice::Cancel => "Cancel",
        }
    }
}

/// The planner's answer to "the file changed on disk"
/// (`views::disk_changed`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DiskAnswer {
    /// Bring their changes into the unsaved work.
    Merge,
    /// Read the file again (dropping unsaved work).
    Reload,
    /// Leave the window as it is.
    Keep,
}

impl DiskAnswer {
    pub fn label(self, unsaved: bool) -> &'static str {
        match (self, unsaved) {
            (DiskAnswer::Merge, _) => "Merge their changes",
            (DiskAnswer::Reload, true) => "Reload, dropping mine",
            (DiskAnswer::Reload, false) => "Reload",
            (DiskAnswer::Keep, true) => "Keep mine",
            (DiskAnswer::Keep, false) => "Keep this version",
        }
    }
}

/// The planner's answer to a question asked before saving
/// (`views::save_prompt`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SaveAnswer {
    /// Save although the scenario has problems.
    SaveAnyway,
    /// Replace the file changed on disk.
    Overwrite,
    /// Merge the changes on disk into the work, then save.
    Merge,
    /// Choose another file instead.
    SaveAs,
    Cancel,
}

impl SaveAnswer {
    pub fn label(self) -> &'static str {
        match self {
            SaveAnswer::SaveAnyway => "Save anyway",
            SaveAnswer::Overwrite => "Overwrite",
            SaveAnswer::Merge => "Merge their changes",
            SaveAnswer::SaveAs => "Save As...",
            SaveAnswer::Cancel => "Cancel",
        }
    }
}

/// What the app sends itself; see the module docs.
#[derive(Clone, Debug, PartialEq)]
pub enum Message {
    /// A user-facing command.
    Run(Command),
    OpenRecent(PathBuf),
    /// Open a file named on the command line, dropped on the window, or
    /// chosen in the in-window picker.
    OpenPath(PathBuf),
    /// Save to a path typed or chosen in the in-window picker.
    SaveTo(PathBuf),
    /// The planner's answer to "Save changes?".
    AnswerUnsaved(UnsavedChoice),
    /// The answer to a question asked before saving.
    AnswerSave(SaveAnswer),
    RestoreRecovery,
    DiscardRecovery,
    /// Add event number `n` of the preset library.
    AddPreset(usize),
    RemoveEvent(usize),
    SelectEvent(usize),
    SelectMineral(usize),
    /// Open an input of the tornado in the editor (select its mineral or
    /// event and put the cursor in its field).
    ShowInput(crate::model::sensitivity::Input),
    /// Ask the goal seek on screen.
    SeekBudget,
    /// Set the mineral's budget to the goal seek's answer (one edit).
    ApplySoughtBudget,
    /// Ask for a budget split.
    ProposeSplit,
    /// Set every budget to the proposed split (one edit).
    ApplySplit,
    RemoveSupplier {
        mineral: usize,
        supplier: usize,
    },
    /// Add an origin to a supplier's feed mix.
    AddFeedOrigin {
        mineral: usize,
        supplier: usize,
    },
    RemoveFeedOrigin {
        mineral: usize,
        supplier: usize,
        origin: usize,
    },
    /// Give an origin of a supplier's feed a 90 % range of its share, or
    /// none (certain).
    SetFeedShareRange {
        mineral: usize,
        supplier: usize,
        origin: usize,
        range: Option<crate::model::Range>,
    },
    /// Propose a supplier's feed mix from world production.
    FillFeedFromWorld {
        mineral: usize,
        supplier: usize,
    },
    /// Show variant `k` (0 = base).
    SwitchVariant(usize),
    /// Give variant `k` a new name.
    RenameVariantTo(usize, String),
    /// Compare with variant `k`, or with nothing.
    SetBaseline(Option<usize>),
    /// Compare with the base scenario of this file.
    CompareWithPath(PathBuf),
    /// The answer to "the file changed on disk".
    AnswerDisk(DiskAnswer),
    /// Merge this colleague's copy (typed in the path prompt).
    MergeTheirsPath(PathBuf),
    /// Use this file as the common base of that merge.
    MergeBasePath(PathBuf),
    /// Ask for the common base's file.
    PickMergeBase,
    /// Merge without a common base: every difference is a choice.
    MergeWithoutBase,
    /// Settle conflict `conflict` of the merge on screen.
    SetMergeChoice {
        conflict: usize,
        side: crate::model::merge::Side,
    },
    ApplyMerge,
    CancelMerge,
    /// Write an export to a path chosen in the dialog or typed.
    ExportTo(super::files::ExportKind, PathBuf),
    /// Show a difference from the baseline: select its mineral or event.
    ShowDifference(crate::model::compare::DiffTarget),
}

impl From<Command> for Message {
    fn from(command: Command) -> Self {
        Message::Run(command)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The modifiers a keyboard sends for `shortcut` on Linux/Windows (Ctrl)
    /// and on macOS (Cmd): Ctrl and Cmd are one.
    fn pressed(shortcut: KeyboardShortcut) -> [Modifiers; 2] {
        let m = shortcut.modifiers;
        let cmd = m.command || m.ctrl || m.mac_cmd;
        let base = Modifiers {
            alt: m.alt,
            shift: m.shift,
            ..Modifiers::NONE
        };
        [
            Modifiers {
                ctrl: cmd,
                command: cmd,
                ..base
            },
            Modifiers {
                mac_cmd: cmd,
                command: cmd,
                ..base
            },
        ]
    }

    #[test]
    fn no_shortcut_is_stolen_by_one_tried_before_it() {
        let order = Command::shortcuts_in_handling_order();
        assert!(order.len() >= 9, "every command with a shortcut is listed");
        for (i, (earlier, a)) in order.iter().enumerate() {
            for (later, b) in &order[i + 1..] {
                for keys in pressed(*later) {
                    let steals = earlier.logical_key == later.logical_key
                        && keys.matches_logically(earlier.modifiers);
                    assert!(
                        !steals,
                        "{a:?} ({earlier:?}) is tried first and fires on the keys of {b:?} ({later:?})"
                    );
                }
            }
        }
    }

    #[test]
    fn the_clash_test_would_catch_save_before_save_as() {
        // The order that let Ctrl+Shift+S save instead of Save As.
        let save = Command::Save.shortcut().unwrap();
        let save_as = Command::SaveAs.shortcut().unwrap();
        assert!(pressed(save_as)[0].matches_logically(save.modifiers));
        let order = Command::shortcuts_in_handling_order();
        let at = |c| order.iter().position(|(_, x)| *x == c).unwrap();
        assert!(at(Command::SaveAs) < at(Command::Save));
        assert!(at(Command::Redo) < at(Command::Undo));
    }

    #[test]
    fn every_command_has_words() {
        for c in Command::ALL {
            assert!(!c.label().is_empty() && !c.tooltip().is_empty(), "{c:?}");
        }
        assert!(Command::ALL.contains(&Command::Quit));
    }
}
