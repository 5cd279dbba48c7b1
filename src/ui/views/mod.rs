//! One file per view. Views draw from the document, write field edits into
//! the scenario and send everything else as messages; they never compute
//! projections.

pub mod budget_split;
pub mod command_palette;
pub mod coverage_plot;
pub mod disk_changed;
pub mod events_panel;
pub mod field;
pub mod file_bar;
pub mod form;
pub mod goal_seek_panel;
pub mod menu_bar;
pub mod merge_review;
pub mod mineral_editor;
pub mod mineral_list;
pub mod notices;
pub mod path_prompt;
pub mod recovery_prompt;
pub mod save_prompt;
pub mod scenario_header;
pub mod status_bar;
pub mod summary_table;
pub mod supplier_table;
pub mod tornado;
pub mod unsaved_prompt;
pub mod variant_bar;
pub mod what_changed;

use crate::ui::command::{Command, Message};
use egui::{Button, Ui};

/// A button for `command`: its label, and its tooltip with the shortcut
/// taken from the command itself.
pub fn command_button(ui: &mut Ui, command: Command, enabled: bool, messages: &mut Vec<Message>) {
    let tooltip = command.tooltip_with_shortcut(ui.ctx());
    if ui
        .add_enabled(enabled, Button::new(command.label()))
        .on_hover_text(tooltip)
        .clicked()
    {
        messages.push(command.into());
    }
}
