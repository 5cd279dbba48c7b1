//! File tests: the RON format, bad and hostile files, limits, saves and recovery (some through the window, as a planner meets them).
//!
//! One test binary per layer, so the large dependencies (egui, wgpu,
//! kittest) are linked a few times rather than once per file; each file
//! is a module, so `cargo test --test files file_format::` runs one group.

#[macro_use]
#[path = "../common/mod.rs"]
mod common;

mod file_format;
mod file_limits;
mod files;
mod fuzz_regressions;
