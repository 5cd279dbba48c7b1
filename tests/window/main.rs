//! Window tests: the planner window driven headless through egui_kittest (clicks, typing, shortcuts, screen-reader names) and snapshot images.
//!
//! One test binary per layer, so the large dependencies (egui, wgpu,
//! kittest) are linked a few times rather than once per file; each file
//! is a module, so `cargo test --test window meetings::` runs one group.

#[macro_use]
#[path = "../common/mod.rs"]
mod common;

mod command_palette;
mod editing;
mod events_window;
mod export_window;
mod main_window;
mod meetings;
mod optimise_window;
mod projector;
mod supply_chain_window;
mod uncertainty_window;
