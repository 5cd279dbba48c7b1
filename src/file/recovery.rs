//! Recovery copies: while there are unsaved changes the window writes the
//! scenario to the app's data folder every few seconds, so that a crash or a
//! kill loses at most those seconds. No egui here.

use super::save::write_atomic;
use super::{SaveError, to_ron_string};
use crate::model::Scenario;
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};
use std::time::{SystemTime, UNIX_EPOCH};

const FILE_NAME: &str = "recovery.ron";

/// What a recovery copy holds besides the scenario.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RecoveryInfo {
    /// When the copy was written, seconds since 1970-01-01 UTC.
    pub saved_at_unix_s: u64,
    /// The file the scenario belongs to, if it had been saved before.
    pub file: Option<PathBuf>,
}

/// A recovered scenario and when it was written.
#[derive(Clone, Debug, PartialEq)]
pub struct Recovered {
    pub info: RecoveryInfo,
    pub scenario: Scenario,
}

/// The recovery copy in `folder`.
pub fn path_in(folder: &Path) -> PathBuf {
    folder.join(FILE_NAME)
}

/// Seconds since 1970-01-01 UTC, now.
pub fn now_unix_s() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs())
}

/// Write a recovery copy of `scenario` into `folder`, atomically. The
/// information line is a RON comment, so the copy is also a normal scenario
/// file that a planner can open by hand.
pub fn write(folder: &Path, scenario: &Scenario, file: Option<&Path>) -> Result<(), SaveError> {
    std::fs::create_dir_all(folder).map_err(|e| SaveError {
        file: folder.display().to_string(),
        reason: e.to_string(),
    })?;
    let info = RecoveryInfo {
        saved_at_unix_s: now_unix_s(),
        file: file.map(Path::to_path_buf),
    };
    let info_line = ron::to_string(&info).unwrap_or_default();
    let text = format!("// recovery: {info_line}\n{}", to_ron_string(scenario));
    write_atomic(&path_in(folder), text.as_bytes())
}

/// The recovery copy in `folder`, if there is a readable one.
pub fn read(folder: &Path) -> Option<Recovered> {
    // Bounded, and never a pipe: a bad recovery file must not hang the start.
    let bytes = super::read_bounded(&path_in(folder)).ok()?;
    let text = String::from_utf8(bytes).ok()?;
    let (first, rest) = text.split_once('\n')?;
    let info: RecoveryInfo = ron::from_str(first.strip_prefix("// recovery: ")?).ok()?;
    let scenario = super::from_str(rest, FILE_NAME).ok()?;
    Some(Recovered { info, scenario })
}

/// Remove the recovery copy (after a save, or when the planner discards it).
pub fn remove(folder: &Path) {
    let _ = std::fs::remove_file(path_in(folder));
}

/// `2026-11-28 07:50 UTC` for seconds since 1970.
pub fn format_utc(unix_s: u64) -> String {
    let days = (unix_s / 86_400) as i64;
    let secs = unix_s % 86_400;
    // Civil date from days since 1970-01-01 (Howard Hinnant's algorithm).
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!(
        "{year:04}-{month:02}-{day:02} {:02}:{:02} UTC",
        secs / 3600,
        (secs % 3600) / 60
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_dates() {
        assert_eq!(format_utc(0), "1970-01-01 00:00 UTC");
        assert_eq!(format_utc(1_795_851_000), "2026-11-28 07:30 UTC");
    }

    #[test]
    fn write_then_read() {
        let dir = tempfile::tempdir().unwrap();
        let scenario = crate::samples::default_scenario();
        write(dir.path(), &scenario, Some(Path::new("/tmp/plan.ron"))).unwrap();
        let back = read(dir.path()).unwrap();
        assert_eq!(back.scenario, scenario);
        assert_eq!(back.info.file.as_deref(), Some(Path::new("/tmp/plan.ron")));
        remove(dir.path());
        assert!(read(dir.path()).is_none());
    }
}
