//! One file per view. Views draw from the document and report edits; they
//! never compute projections.

pub mod coverage_plot;
pub mod events_panel;
pub mod file_bar;
pub mod form;
pub mod menu_bar;
pub mod mineral_editor;
pub mod mineral_list;
pub mod path_prompt;
pub mod recovery_prompt;
pub mod scenario_header;
pub mod status_bar;
pub mod summary_table;
pub mod supplier_table;
pub mod unsaved_prompt;
