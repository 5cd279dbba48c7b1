//! Exports, "send me that chart": the coverage plot as a PNG, the monthly
//! projection as CSV and a one-page briefing as a self-contained HTML file.
//! Pure: no window and no egui, so the same code serves *File > Export* and
//! `stockpile-planner export` on a machine without a display.
//!
//! - [`chart`]: [`coverage_png`] draws the plot off screen.
//! - [`briefing`]: [`briefing_html`] writes the one-page briefing.
//! - [`command`]: [`export_file`], the `export` command.
//! - [`projection_csv`]: the CSV that `project --csv` prints, with the
//!   Monte Carlo bands when the window has them.

pub mod briefing;
pub mod chart;
pub mod command;

pub use briefing::{
    BaselineComparison, BriefingInput, Table, base64_encode, briefing_html, delta_table,
    summary_table,
};
pub use chart::{ChartInput, chart_subtitle, chart_title, coverage_png};
pub use command::{ExportRequest, export_file};

use crate::model::Projection;
use crate::model::monte_carlo::Bands;
use std::path::Path;

/// Why an export failed.
#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    /// The chart could not be drawn or encoded.
    #[error("could not draw the chart: {0}")]
    Chart(String),
    /// Writing (CSV rows, a file) failed.
    #[error("{0}")]
    Io(#[from] std::io::Error),
}

/// Write an export's `bytes` to `target` the way a save is written
/// (atomically: a failed write leaves the previous report whole), refusing
/// at once what would destroy or hang: the scenario file being exported
/// (`scenario`, also reached through a link or another path), and anything
/// that is not a regular file (a folder, a pipe that would wait for a
/// reader forever, a device).
pub fn write_export(target: &Path, bytes: &[u8], scenario: Option<&Path>) -> Result<(), String> {
    if let Some(scenario) = scenario
        && same_file(target, scenario)
    {
        return Err(format!(
            "that is the scenario file being exported ({}): choose another name",
            scenario.display()
        ));
    }
    if let Ok(meta) = std::fs::metadata(target)
        && !meta.is_file()
    {
        return Err(if meta.is_dir() {
            "that is a folder: give a file name".into()
        } else {
            "that is not a regular file (a pipe or a device): give a file name".into()
        });
    }
    crate::file::write_atomic(target, bytes).map_err(|e| e.to_string())
}

/// Whether `a` and `b` are the same file on disk (through links and
/// different spellings of the path); `false` when either does not exist.
fn same_file(a: &Path, b: &Path) -> bool {
    match (std::fs::metadata(a), std::fs::metadata(b)) {
        #[cfg(unix)]
        (Ok(x), Ok(y)) => {
            use std::os::unix::fs::MetadataExt;
            x.dev() == y.dev() && x.ino() == y.ino()
        }
        #[cfg(not(unix))]
        (Ok(_), Ok(_)) => match (std::fs::canonicalize(a), std::fs::canonicalize(b)) {
            (Ok(x), Ok(y)) => x == y,
            _ => false,
        },
        _ => false,
    }
}

/// The monthly projection as CSV: the same bytes as `stockpile-planner
/// project FILE --csv` (it is the same writer, [`crate::cli::write_csv`]),
/// with three more columns, P10, P50 and P90 of coverage, when `bands` (a
/// finished Monte Carlo run of this projection's plan) are given.
pub fn projection_csv(
    projection: &Projection,
    bands: Option<&Bands>,
) -> Result<Vec<u8>, ExportError> {
    let mut out = Vec::new();
    crate::cli::write_csv_with_bands(projection, bands, &mut out)?;
    Ok(out)
}
