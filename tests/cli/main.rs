//! Command-line tests: `check`, `project`, `diff`, `goal`, `allocate` and `export`, their printed lines and files, and variants in one file.
//!
//! One test binary per layer, so the large dependencies (egui, wgpu,
//! kittest) are linked a few times rather than once per file; each file
//! is a module, so `cargo test --test cli cli::` runs one group.

#[macro_use]
#[path = "../common/mod.rs"]
mod common;

mod cli;
mod cli_optimise;
mod export;
mod merge;
mod variants;
