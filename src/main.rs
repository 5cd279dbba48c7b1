//! `stockpile-planner`: the window with no arguments or a file; `check`,
//! `project` and `fmt` on the command line.

use clap::{Parser, Subcommand};
use std::path::PathBuf;
use stockpile_planner::cli;

/// mimalloc keeps freed memory for reuse instead of returning it to the
/// system after every frame: a 200-mineral frame spent a third of its time
/// in page faults with the system allocator.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[derive(Parser)]
#[command(
    name = "stockpile-planner",
    version,
    about = "Plan a strategic critical-minerals stockpile",
    long_about = "Plan a strategic critical-minerals stockpile.\n\nWith no command, opens the planner window on the built-in October 2025 sample, or on FILE.",
    args_conflicts_with_subcommands = true
)]
struct Args {
    #[command(subcommand)]
    command: Option<Command>,
    /// Scenario file (.ron) to open in the window.
    file: Option<PathBuf>,
}

#[derive(Subcommand)]
enum Command {
    /// Check scenario files. Exit code 0 when all are valid, 1 when any is not.
    Check {
        #[arg(required = true, value_name = "FILE")]
        files: Vec<PathBuf>,
    },
    /// Print the month-by-month projection of a scenario file.
    Project {
        #[arg(value_name = "FILE")]
        file: PathBuf,
        /// Print CSV instead of a table.
        #[arg(long)]
        csv: bool,
    },
    /// Rewrite scenario files in the canonical layout that Save writes.
    Fmt {
        #[arg(required = true, value_name = "FILE")]
        files: Vec<PathBuf>,
    },
}

fn main() {
    let args = Args::parse();
    let mut out = std::io::stdout().lock();
    let mut err = std::io::stderr().lock();
    let code = match args.command {
        Some(Command::Check { files }) => cli::check(&files, &mut out, &mut err),
        Some(Command::Project { file, csv }) => cli::project_file(&file, csv, &mut out, &mut err),
        Some(Command::Fmt { files }) => cli::format_files(&files, &mut out, &mut err),
        None => {
            drop((out, err));
            open_window(args.file)
        }
    };
    std::process::exit(code);
}

#[cfg(feature = "window")]
fn open_window(file: Option<PathBuf>) -> i32 {
    stockpile_planner::ui::run(file)
}

#[cfg(not(feature = "window"))]
fn open_window(_: Option<PathBuf>) -> i32 {
    eprintln!(
        "This build has no window (built without the `window` feature); use check, project or fmt."
    );
    2
}
