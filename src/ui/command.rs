//! Every user action is a [`Command`]: menus, shortcuts, buttons and tests
//! all send the same values, and one place ([`super::app::PlannerApp`])
//! carries them out.

use egui::{Key, KeyboardShortcut, Modifiers};

#[derive(Clone, Debug, PartialEq)]
pub enum Command {
    AddMineral,
    DuplicateMineral(usize),
    RemoveMineral(usize),
    SelectMineral(usize),
    AddSupplier { mineral: usize },
    RemoveSupplier { mineral: usize, supplier: usize },
    NormalizeShares { mineral: usize },
    Undo,
    Redo,
    ToggleTheme,
}

impl Command {
    /// Commands with a keyboard shortcut, for menus and the shortcut handler.
    pub const WITH_SHORTCUTS: [Command; 3] = [Command::Undo, Command::Redo, Command::AddMineral];

    /// The keyboard shortcut (`COMMAND` is Ctrl, or Cmd on macOS).
    pub fn shortcut(&self) -> Option<KeyboardShortcut> {
        let cmd = Modifiers::COMMAND;
        match self {
            Command::Undo => Some(KeyboardShortcut::new(cmd, Key::Z)),
            Command::Redo => Some(KeyboardShortcut::new(cmd | Modifiers::SHIFT, Key::Z)),
            Command::AddMineral => Some(KeyboardShortcut::new(cmd | Modifiers::SHIFT, Key::M)),
            _ => None,
        }
    }

    /// The label shown in menus.
    pub fn label(&self) -> &'static str {
        match self {
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
