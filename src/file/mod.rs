//! The scenario file format: RON, pretty-printed in a stable order, with a
//! `format_version`. Loading turns every failure into a [`LoadError`] that
//! names the file, the line and column, and what was expected, in plain words.
//! See `docs/FORMAT.md`.

mod errors;
pub mod recovery;
mod save;

pub use errors::LoadError;
pub use save::{SaveError, save_atomic, write_atomic};

use crate::model::{FORMAT_VERSION, Scenario};
use serde::Deserialize;
use std::path::Path;

/// First line of every saved file: tells a colleague who opens the file in a
/// text editor what it is.
const HEADER: &str = "// Stockpile Planner scenario. Format: see docs/FORMAT.md in the Stockpile Planner repository.\n";

/// The scenario as RON text, byte-for-byte stable: the same scenario always
/// gives the same text, and a one-field change gives a one-line diff.
pub fn to_ron_string(scenario: &Scenario) -> String {
    let config = ron::ser::PrettyConfig::new()
        .new_line("\n".to_string())
        .indentor("    ".to_string())
        .struct_names(true)
        .separate_tuple_members(false)
        .enumerate_arrays(false)
        .compact_arrays(false);
    let body = ron::ser::to_string_pretty(scenario, config)
        // Serializing plain data with string keys cannot fail; keep a
        // readable fallback rather than a panic all the same.
        .unwrap_or_else(|e| format!("// could not write scenario: {e}\n"));
    let mut out = String::with_capacity(HEADER.len() + body.len() + 1);
    out.push_str(HEADER);
    out.push_str(&body);
    out.push('\n');
    out
}

/// Only the version, read before the full parse so that a newer file is
/// refused with a clear message instead of a confusing "unknown field".
#[derive(Deserialize)]
#[serde(rename = "Scenario")]
struct VersionProbe {
    #[serde(default)]
    format_version: u32,
}

/// Read a scenario from file contents. `file` names the file in messages.
pub fn from_bytes(bytes: &[u8], file: &str) -> Result<Scenario, LoadError> {
    let text = std::str::from_utf8(bytes).map_err(|e| LoadError::not_utf8(file, bytes, &e))?;
    from_str(text, file)
}

/// Read a scenario from RON text. `file` names the file in messages.
pub fn from_str(text: &str, file: &str) -> Result<Scenario, LoadError> {
    if let Ok(VersionProbe {
        format_version: found,
    }) = ron::from_str::<VersionProbe>(text)
        && found > FORMAT_VERSION
    {
        return Err(LoadError::newer_version(file, text, found));
    }
    let mut scenario: Scenario =
        ron::from_str(text).map_err(|e| LoadError::from_ron(file, text, &e))?;
    // Older files are upgraded on load; saving writes the current version.
    scenario.format_version = FORMAT_VERSION;
    Ok(scenario)
}

/// Read a scenario file from disk.
pub fn load(path: &Path) -> Result<Scenario, LoadError> {
    let file = path.display().to_string();
    let bytes = std::fs::read(path).map_err(|e| LoadError::io(&file, &e))?;
    from_bytes(&bytes, &file)
}
