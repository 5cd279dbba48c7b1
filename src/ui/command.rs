//! Every user action is a [`Command`]: menus, shortcuts, buttons and tests
//! all send the same values, and one place ([`super::app::PlannerApp`])
//! carries them out.

use egui::{Key, KeyboardShortcut, Modifiers};
use std::path::PathBuf;

/// Answers to "Save changes before …?".
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum UnsavedChoice {
    Save,
    DontSave,
    Cancel,
}

#[derive(Clone, Debug, PartialEq)]
pub enum Command {
    NewScenario,
    Open,
    /// Type a path instead of using the system dialog.
    OpenByPath,
    Save,
    SaveAs,
    OpenRecent(PathBuf),
    /// Open a file named on the command line, dropped on the window, or
    /// chosen in the in-window picker.
    OpenPath(PathBuf),
    /// Save to a path typed or chosen in the in-window picker.
    SaveTo(PathBuf),
    /// The planner's answer to "Save changes?".
    AnswerUnsaved(UnsavedChoice),
    RestoreRecovery,
    DiscardRecovery,
    AddEvent,
    /// Add event number `n` of the preset library.
    AddPreset(usize),
    RemoveEvent(usize),
    SelectEvent(usize),
    AddMineral,
    DuplicateMineral(usize),
    RemoveMineral(usize),
    SelectMineral(usize),
    AddSupplier {
        mineral: usize,
    },
    RemoveSupplier {
        mineral: usize,
        supplier: usize,
    },
    NormalizeShares {
        mineral: usize,
    },
    Undo,
    Redo,
    ToggleTheme,
}

impl Command {
    /// Commands with a keyboard shortcut, for menus and the shortcut handler.
    pub const WITH_SHORTCUTS: [Command; 7] = [
        Command::NewScenario,
        Command::Open,
        Command::Save,
        Command::SaveAs,
        Command::Undo,
        Command::Redo,
        Command::AddMineral,
    ];

    /// File actions are greyed out while a file dialog is open.
    pub fn is_file_action(&self) -> bool {
        matches!(
            self,
            Command::NewScenario
                | Command::Open
                | Command::OpenByPath
                | Command::Save
                | Command::SaveAs
                | Command::OpenRecent(_)
        )
    }

    /// The keyboard shortcut (`COMMAND` is Ctrl, or Cmd on macOS).
    pub fn shortcut(&self) -> Option<KeyboardShortcut> {
        let cmd = Modifiers::COMMAND;
        match self {
            Command::NewScenario => Some(KeyboardShortcut::new(cmd, Key::N)),
            Command::Open => Some(KeyboardShortcut::new(cmd, Key::O)),
            Command::Save => Some(KeyboardShortcut::new(cmd, Key::S)),
            Command::SaveAs => Some(KeyboardShortcut::new(cmd | Modifiers::SHIFT, Key::S)),
            Command::Undo => Some(KeyboardShortcut::new(cmd, Key::Z)),
            Command::Redo => Some(KeyboardShortcut::new(cmd | Modifiers::SHIFT, Key::Z)),
            Command::AddMineral => Some(KeyboardShortcut::new(cmd | Modifiers::SHIFT, Key::M)),
            _ => None,
        }
    }

    /// The label shown in menus.
    pub fn label(&self) -> &'static str {
        match self {
            Command::NewScenario => "New",
            Command::Open => "Open...",
            Command::OpenByPath => "Open by typing a path...",
            Command::Save => "Save",
            Command::SaveAs => "Save As...",
            Command::OpenRecent(_) => "Open recent",
            Command::OpenPath(_) => "Open",
            Command::SaveTo(_) => "Save",
            Command::AnswerUnsaved(UnsavedChoice::Save) => "Save",
            Command::AnswerUnsaved(UnsavedChoice::DontSave) => "Don't save",
            Command::AnswerUnsaved(UnsavedChoice::Cancel) => "Cancel",
            Command::RestoreRecovery => "Restore",
            Command::DiscardRecovery => "Discard",
            Command::AddEvent => "Add event",
            Command::AddPreset(_) => "Add preset event",
            Command::RemoveEvent(_) => "Delete event",
            Command::SelectEvent(_) => "Select event",
            Command::AddMineral => "Add mineral",
            Command::DuplicateMineral(_) => "Duplicate mineral",
            Command::RemoveMineral(_) => "Remove mineral",
            Command::SelectMineral(_) => "Select mineral",
            Command::AddSupplier { .. } => "Add supplier",
            Command::RemoveSupplier { .. } => "Remove supplier",
            Command::NormalizeShares { .. } => "Normalize to 100%",
            Command::Undo => "Undo",
            Command::Redo => "Redo",
            Command::ToggleTheme => "Switch light/dark theme",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_two_commands_share_a_shortcut() {
        let shortcuts: Vec<_> = Command::WITH_SHORTCUTS
            .iter()
            .filter_map(Command::shortcut)
            .collect();
        for (i, a) in shortcuts.iter().enumerate() {
            assert!(!shortcuts[i + 1..].contains(a), "{a:?} is used twice");
        }
    }
}
