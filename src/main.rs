//! `stockpile-planner`: the window with no arguments or a file; `check`,
//! `project`, `diff` and `fmt` on the command line.

use clap::{CommandFactory, FromArgMatches, Parser, Subcommand};
use std::path::PathBuf;
use stockpile_planner::{cli, export};

/// mimalloc keeps freed memory for reuse instead of returning it to the
/// system after every frame: a 200-mineral frame spent a third of its time
/// in page faults with the system allocator.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[derive(Parser)]
#[command(
    name = "stockpile-planner",
    about = "Plan a strategic critical-minerals stockpile",
    long_about = "Plan a strategic critical-minerals stockpile.\n\nWith no command, opens the planner window on the built-in October 2025 sample, or on FILE.",
    args_conflicts_with_subcommands = true
)]
struct Args {
    #[command(subcommand)]
    command: Option<Command>,
    /// Scenario file (.ron) to open in the window.
    file: Option<PathBuf>,
    /// An empty window of the same toolkit, for `.ci/measure-cpu`: the
    /// floor the planner's own costs are measured against.
    #[arg(long, hide = true)]
    bare_window: bool,
}

#[derive(Subcommand)]
enum Command {
    /// Write the man page and shell completions (bash, zsh, fish) into DIR,
    /// from this command line's own definition: what the Debian package
    /// installs.
    #[command(hide = true)]
    GeneratePackageFiles {
        #[arg(value_name = "DIR")]
        dir: PathBuf,
    },
    /// Check scenario files. Exit code 0 when all are valid, 1 when any is not.
    Check {
        #[arg(required = true, value_name = "FILE")]
        files: Vec<PathBuf>,
        /// Check only this variant (by name); without it, the base and every
        /// variant are checked.
        #[arg(long, value_name = "NAME")]
        variant: Option<String>,
    },
    /// Print the month-by-month projection of a scenario file.
    Project {
        #[arg(value_name = "FILE")]
        file: PathBuf,
        /// Print CSV instead of a table.
        #[arg(long)]
        csv: bool,
        /// Project this variant (by name) instead of the base scenario.
        #[arg(long, value_name = "NAME")]
        variant: Option<String>,
    },
    /// Compare a scenario with a baseline: the inputs that differ and how the
    /// projection moved. With one file, compares two of its variants.
    Diff {
        /// The baseline scenario file.
        #[arg(value_name = "BASELINE")]
        baseline: PathBuf,
        /// The scenario file to compare with it (default: BASELINE itself).
        #[arg(value_name = "LIVE")]
        live: Option<PathBuf>,
        /// The variant of BASELINE to compare with (default: its base).
        #[arg(long, value_name = "NAME")]
        baseline_variant: Option<String>,
        /// The variant of LIVE to compare (default: its base).
        #[arg(long, value_name = "NAME")]
        variant: Option<String>,
    },
    /// Three-way merge of two edits of BASE: exit 0 and the merged file,
    /// or 1 and each conflict (ours kept). As a git merge driver:
    /// `stockpile-planner merge %O %A %B -o %A --name %P`.
    Merge {
        /// The common base (empty file: none).
        #[arg(value_name = "BASE")]
        base: PathBuf,
        /// Our version (git: %A, the current branch).
        #[arg(value_name = "OURS")]
        ours: PathBuf,
        /// Their version (git: %B, the branch merged in).
        #[arg(value_name = "THEIRS")]
        theirs: PathBuf,
        /// Write the merged file here (default: standard output).
        #[arg(short, long, value_name = "OUT")]
        output: Option<PathBuf>,
        /// The file's name in messages, where OURS and THEIRS are temporary
        /// copies (git: %P).
        #[arg(long, value_name = "NAME")]
        name: Option<String>,
    },
    /// The budget a mineral needs to reach a coverage by a month, with
    /// everything else as in the file (goal seek).
    Goal {
        #[arg(value_name = "FILE")]
        file: PathBuf,
        /// The mineral, by name.
        #[arg(long, value_name = "NAME")]
        mineral: String,
        /// The coverage to reach, % (e.g. 80 or 80%).
        #[arg(long, value_name = "PCT", allow_hyphen_values = true)]
        coverage: String,
        /// The month by whose end (YYYY-MM; default: the last of the plan).
        #[arg(long, value_name = "YYYY-MM")]
        by: Option<String>,
        /// Use this variant (by name) instead of the base scenario.
        #[arg(long, value_name = "NAME")]
        variant: Option<String>,
    },
    /// Split a total budget among the minerals to raise the lowest final
    /// coverage, beside the current split.
    Allocate {
        #[arg(value_name = "FILE")]
        file: PathBuf,
        /// The total to split (e.g. 1e9, $1B, 750M).
        #[arg(long, value_name = "AMOUNT", allow_hyphen_values = true)]
        total_usd: String,
        /// A mineral's weight, NAME=W (default 1); may be repeated.
        #[arg(long, value_name = "NAME=W", allow_hyphen_values = true)]
        weight: Vec<String>,
        /// Use this variant (by name) instead of the base scenario.
        #[arg(long, value_name = "NAME")]
        variant: Option<String>,
    },
    /// The Monte Carlo run of the file's ranges: final coverage P10, P50,
    /// P90 and the chance of reaching 100 % per mineral.
    Uncertainty {
        #[arg(value_name = "FILE")]
        file: PathBuf,
        /// Use this variant (by name) instead of the base scenario.
        #[arg(long, value_name = "NAME")]
        variant: Option<String>,
        /// Number of samples (default: the file's, 5,000 unless set).
        #[arg(long, value_name = "N", allow_hyphen_values = true)]
        samples: Option<u32>,
        /// Seed of the draw (default: the file's).
        #[arg(long, value_name = "S")]
        seed: Option<u64>,
    },
    /// Rewrite scenario files in the canonical layout that Save writes.
    Fmt {
        #[arg(required = true, value_name = "FILE")]
        files: Vec<PathBuf>,
    },
    /// Write the coverage plot (PNG), the projection (CSV) and/or a one-page
    /// briefing (HTML) of a scenario file. No window or display is needed.
    #[command(group(clap::ArgGroup::new("outputs").required(true).multiple(true).args(["png", "csv", "html"])))]
    Export {
        #[arg(value_name = "FILE")]
        file: PathBuf,
        /// Export this variant (by name) instead of the base scenario.
        #[arg(long, value_name = "NAME")]
        variant: Option<String>,
        /// Compare with this variant (by name; the base's name for the base):
        /// dashed lines on the plot, differences in the briefing.
        #[arg(long, value_name = "NAME")]
        baseline: Option<String>,
        /// The coverage plot, 1600 x 900 PNG.
        #[arg(long, value_name = "OUT.png")]
        png: Option<PathBuf>,
        /// The month-by-month projection, as `project --csv` prints it.
        #[arg(long, value_name = "OUT.csv")]
        csv: Option<PathBuf>,
        /// A one-page briefing (plot, summary, assumptions, events) to print.
        #[arg(long, value_name = "OUT.html")]
        html: Option<PathBuf>,
        /// Run a Monte Carlo of N samples (seeded from the file, as the
        /// window's) and draw its P10-P90 bands in every output.
        #[arg(long, value_name = "N", allow_hyphen_values = true)]
        samples: Option<u32>,
    },
}

/// `--version`: the program's version and the scenario file format it
/// reads and writes.
fn version() -> String {
    format!(
        "{} (scenario files: format version {}; older versions are read and saved as {})",
        env!("CARGO_PKG_VERSION"),
        stockpile_planner::model::FORMAT_VERSION,
        stockpile_planner::model::FORMAT_VERSION
    )
}

/// The command line's definition, with its version.
fn command() -> clap::Command {
    Args::command().version(version())
}

/// The command line as documented: without its hidden commands (which
/// some completion generators would offer).
fn documented_command() -> clap::Command {
    let full = command();
    let visible: Vec<clap::Command> = full
        .get_subcommands()
        .filter(|c| !c.is_hide_set())
        .cloned()
        .collect();
    let mut documented = clap::Command::new(full.get_name().to_string())
        .version(version())
        .args(full.get_arguments().filter(|a| !a.is_hide_set()).cloned())
        .subcommands(visible)
        .args_conflicts_with_subcommands(true);
    if let Some(about) = full.get_about() {
        documented = documented.about(about.clone());
    }
    if let Some(about) = full.get_long_about() {
        documented = documented.long_about(about.clone());
    }
    documented
}

/// The man pages and completions for bash, zsh and fish, in `dir`.
fn generate_package_files(dir: &std::path::Path) -> std::io::Result<()> {
    use clap_complete::Shell;
    std::fs::create_dir_all(dir)?;
    // stockpile-planner.1, and a page per command (stockpile-planner-check.1
    // …), which the first page names.
    clap_mangen::generate_to(documented_command(), dir)?;
    for shell in [Shell::Bash, Shell::Zsh, Shell::Fish] {
        let file =
            clap_complete::generate_to(shell, &mut documented_command(), "stockpile-planner", dir)?;
        if shell == Shell::Bash {
            // clap_complete 4.6 names the commands' cases after the program's
            // name with its hyphen replaced twice over
            // ("stockpile__subcmd__planner__subcmd__merge") but selects
            // them as "stockpile__planner__subcmd__merge": without this,
            // only command names complete, never their options.
            let text = std::fs::read_to_string(&file)?;
            std::fs::write(
                &file,
                text.replace("stockpile__subcmd__planner", "stockpile__planner"),
            )?;
        }
    }
    Ok(())
}

fn main() {
    let args = match Args::from_arg_matches(&command().get_matches()) {
        Ok(args) => args,
        Err(e) => e.exit(),
    };

    // Names come from files anyone may have written: a terminal never gets
    // their control characters (escape sequences), only what they spell.
    let mut out = cli::Printable::new(std::io::stdout().lock());
    let mut err = cli::Printable::new(std::io::stderr().lock());
    let code = match args.command {
        Some(Command::Check { files, variant }) => {
            cli::check(&files, variant.as_deref(), &mut out, &mut err)
        }
        Some(Command::Project { file, csv, variant }) => {
            cli::project_file(&file, csv, variant.as_deref(), &mut out, &mut err)
        }
        Some(Command::Diff {
            baseline,
            live,
            baseline_variant,
            variant,
        }) => cli::diff(
            &baseline,
            live.as_deref(),
            baseline_variant.as_deref(),
            variant.as_deref(),
            &mut out,
            &mut err,
        ),
        Some(Command::Merge {
            base,
            ours,
            theirs,
            output,
            name,
        }) => cli::merge_files(
            &cli::MergeFiles {
                base: &base,
                ours: &ours,
                theirs: &theirs,
                output: output.as_deref(),
                name: name.as_deref(),
            },
            &mut out,
            &mut err,
        ),
        Some(Command::GeneratePackageFiles { dir }) => match generate_package_files(&dir) {
            Ok(()) => cli::EXIT_OK,
            Err(e) => {
                use std::io::Write as _;
                let _ = writeln!(
                    err,
                    "could not write the package files into {}: {e}",
                    dir.display()
                );
                cli::EXIT_INVALID
            }
        },
        Some(Command::Fmt { files }) => cli::format_files(&files, &mut out, &mut err),
        Some(Command::Goal {
            file,
            mineral,
            coverage,
            by,
            variant,
        }) => cli::goal_file(
            &file,
            variant.as_deref(),
            &mineral,
            &coverage,
            by.as_deref(),
            &mut out,
            &mut err,
        ),
        Some(Command::Allocate {
            file,
            total_usd,
            weight,
            variant,
        }) => cli::allocate_file(
            &file,
            variant.as_deref(),
            &total_usd,
            &weight,
            &mut out,
            &mut err,
        ),
        Some(Command::Uncertainty {
            file,
            variant,
            samples,
            seed,
        }) => cli::uncertainty_file(&file, variant.as_deref(), samples, seed, &mut out, &mut err),
        Some(Command::Export {
            file,
            variant,
            baseline,
            png,
            csv,
            html,
            samples,
        }) => export::export_file(
            &export::ExportRequest {
                file: &file,
                variant: variant.as_deref(),
                baseline: baseline.as_deref(),
                png: png.as_deref(),
                csv: csv.as_deref(),
                html: html.as_deref(),
                samples,
            },
            &mut out,
            &mut err,
        ),
        None => {
            drop((out, err));
            // A word that is neither a command nor a file is a typo of a
            // command (`stockpile-planner chek plan.ron`), not a window.
            if let Some(word) = args.file.as_deref().filter(|f| is_not_a_file(f)) {
                eprintln!(
                    "stockpile-planner: \"{}\" is neither a command nor a file. Commands: check, project, diff, fmt, uncertainty, goal, allocate, export (see --help); a scenario file to open ends in .ron.",
                    word.display()
                );
                std::process::exit(2);
            }
            if args.bare_window {
                open_bare_window()
            } else {
                open_window(args.file)
            }
        }
    };
    std::process::exit(code);
}

#[cfg(feature = "window")]
fn open_window(file: Option<PathBuf>) -> i32 {
    stockpile_planner::ui::run(file)
}

#[cfg(feature = "window")]
fn open_bare_window() -> i32 {
    stockpile_planner::ui::run_bare()
}

#[cfg(not(feature = "window"))]
fn open_bare_window() -> i32 {
    open_window(None)
}

/// Whether `path` names no file and does not look like one (no `.ron`, no
/// folder in it): a mistyped command.
fn is_not_a_file(path: &std::path::Path) -> bool {
    !path.exists() && path.extension().is_none() && path.components().count() == 1
}

#[cfg(not(feature = "window"))]
fn open_window(_: Option<PathBuf>) -> i32 {
    eprintln!(
        "This build has no window (built without the `window` feature); use check, project, diff or fmt."
    );
    2
}
