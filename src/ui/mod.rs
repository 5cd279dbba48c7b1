//! The planner window. Placeholder until the window lands.
use std::path::PathBuf;

/// Open the planner window. Returns the process exit code.
pub fn run(_file: Option<PathBuf>) -> i32 {
    eprintln!("The planner window is not built yet. Use `stockpile-planner --help`.");
    2
}
