//! Stockpile Planner: plan a strategic critical-minerals stockpile.
//!
//! - [`model`]: scenario, projection and validation (pure, no UI).
//! - [`file`]: the RON file format.
//! - [`samples`]: the built-in sample scenarios.
//! - [`cli`]: the command line.
//! - [`export`]: the plot as PNG, the projection as CSV, a one-page HTML
//!   briefing (no window needed).
//! - `ui`: the planner window (egui), with the default `window` feature.

pub mod cli;
pub mod display;
pub mod export;
pub mod file;
pub mod model;
pub mod samples;
#[cfg(feature = "window")]
pub mod ui;
