//! Recovery copies: while there are unsaved changes the window writes the
//! scenario to the app's data folder every few seconds, so that a crash or a
//! kill loses at most those seconds. No egui here.
//!
//! Copies are kept per document and per running instance: each window
//! process holds a lock file (`<instance>.lock`, locked for its lifetime)
//! and names its copies `<instance>--<document>.ron`. At start-up only the
//! copies of instances whose lock is free (the process is gone) are
//! offered, so a live window's work is never offered to, or discarded by,
//! another window. A copy is removed only by its own instance (saved,
//! "Don't save"), or by the planner choosing Discard.

use super::save::write_atomic;
use super::{SaveError, to_ron_string};
use crate::model::Scenario;
use serde::{Deserialize, Serialize};
use std::fs::File;
use std::path::{Path, PathBuf};
use std::time::{SystemTime, UNIX_EPOCH};

/// The single copy of versions before per-instance copies; still offered.
const OLD_FILE_NAME: &str = "recovery.ron";

/// What a recovery copy holds besides the scenario.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RecoveryInfo {
    /// When the copy was written, seconds since 1970-01-01 UTC.
    pub saved_at_unix_s: u64,
    /// The file the scenario belongs to, if it had been saved before.
    pub file: Option<PathBuf>,
    /// The variant on screen (0 = the base), shown again on restore.
    #[serde(default)]
    pub variant: usize,
}

/// A recovered scenario, when it was written, and where the copy is.
#[derive(Clone, Debug, PartialEq)]
pub struct Recovered {
    pub info: RecoveryInfo,
    pub scenario: Scenario,
    /// The copy on disk.
    pub copy: PathBuf,
}

/// Seconds since 1970-01-01 UTC, now.
pub fn now_unix_s() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs())
}

/// This instance's recovery copies in a folder, and its lock.
#[derive(Debug)]
pub struct RecoveryStore {
    folder: PathBuf,
    /// `<pid>-<nanoseconds>`: unique among instances, past and present.
    instance: String,
    /// Held locked while the instance runs; released by the system when
    /// the process ends, however it ends.
    _lock: File,
}

impl RecoveryStore {
    /// This instance's store in `folder` (created if needed).
    pub fn open(folder: &Path) -> std::io::Result<Self> {
        std::fs::create_dir_all(folder)?;
        let nanos = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map_or(0, |d| d.subsec_nanos());
        let instance = format!("{}-{nanos}", std::process::id());
        let lock = File::create(folder.join(format!("{instance}.lock")))?;
        lock.try_lock().map_err(std::io::Error::other)?;
        let store = Self {
            folder: folder.to_path_buf(),
            instance,
            _lock: lock,
        };
        store.remove_dead_locks();
        Ok(store)
    }

    /// Whether this instance has a recovery copy in the folder.
    fn has_copies(&self) -> bool {
        let prefix = format!("{}--", self.instance);
        std::fs::read_dir(&self.folder).is_ok_and(|entries| {
            entries
                .flatten()
                .any(|e| e.file_name().to_string_lossy().starts_with(&prefix))
        })
    }

    /// Lock files of instances that ended and left no copy are litter.
    fn remove_dead_locks(&self) {
        let Ok(entries) = std::fs::read_dir(&self.folder) else {
            return;
        };
        let names: Vec<String> = entries
            .flatten()
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .collect();
        for name in &names {
            let Some(instance) = name.strip_suffix(".lock") else {
                continue;
            };
            let has_copies = names
                .iter()
                .any(|n| n.starts_with(&format!("{instance}--")));
            if instance != self.instance
                && !has_copies
                && !instance_is_running(&self.folder, instance)
            {
                let _ = std::fs::remove_file(self.folder.join(name));
            }
        }
    }

    /// The copy of the document `key` (see [`document_key`]).
    fn copy_path(&self, key: &str) -> PathBuf {
        self.folder.join(format!("{}--{key}.ron", self.instance))
    }

    /// Write a recovery copy of document `key`, atomically. The information
    /// line is a RON comment, so the copy is also a normal scenario file
    /// that a planner can open by hand.
    pub fn write(
        &self,
        key: &str,
        scenario: &Scenario,
        file: Option<&Path>,
        variant: usize,
    ) -> Result<(), SaveError> {
        let info = RecoveryInfo {
            saved_at_unix_s: now_unix_s(),
            file: file.map(Path::to_path_buf),
            variant,
        };
        let info_line = ron::to_string(&info).unwrap_or_default();
        let text = format!("// recovery: {info_line}\n{}", to_ron_string(scenario));
        write_atomic(&self.copy_path(key), text.as_bytes())
    }

    /// Remove the copy of document `key` (saved, or the planner chose not
    /// to keep it).
    pub fn remove(&self, key: &str) {
        let _ = std::fs::remove_file(self.copy_path(key));
    }

    /// Make an offered copy this instance's copy of document `key` (the
    /// planner restored it): from now on it is kept and removed like any
    /// copy of ours.
    pub fn adopt(&self, offered: &Recovered, key: &str) {
        let _ = std::fs::rename(&offered.copy, self.copy_path(key));
    }

    /// Copies left by instances that are no longer running, newest first.
    pub fn orphans(&self) -> Vec<Recovered> {
        let Ok(entries) = std::fs::read_dir(&self.folder) else {
            return Vec::new();
        };
        let mut found: Vec<Recovered> = entries
            .flatten()
            .map(|e| e.path())
            .filter(|p| self.is_orphan(p))
            .filter_map(|p| read_copy(&p))
            .collect();
        found.sort_by_key(|r| std::cmp::Reverse(r.info.saved_at_unix_s));
        found
    }

    fn is_orphan(&self, copy: &Path) -> bool {
        let Some(name) = copy.file_name().and_then(|n| n.to_str()) else {
            return false;
        };
        if name == OLD_FILE_NAME {
            return true;
        }
        let Some((instance, _)) = name.strip_suffix(".ron").and_then(|n| n.split_once("--")) else {
            return false;
        };
        instance != self.instance && !instance_is_running(&self.folder, instance)
    }
}

/// Whether the instance that owns `<instance>.lock` in `folder` still runs:
/// its lock is held.
fn instance_is_running(folder: &Path, instance: &str) -> bool {
    let Ok(lock) = File::options()
        .write(true)
        .open(folder.join(format!("{instance}.lock")))
    else {
        return false;
    };
    // Taking the lock means nobody holds it; it is let go at once.
    lock.try_lock().is_err()
}

/// A stable name for a document's copy: from its file's path, or from the
/// window's own number for a scenario never saved.
pub fn document_key(file: Option<&Path>, untitled_number: u64) -> String {
    match file {
        Some(path) => {
            use std::hash::{Hash, Hasher};
            let mut h = std::collections::hash_map::DefaultHasher::new();
            path.hash(&mut h);
            let stem = path
                .file_stem()
                .map(|s| {
                    s.to_string_lossy()
                        .replace(|c: char| !c.is_alphanumeric(), "_")
                })
                .unwrap_or_default();
            format!("{stem}-{:016x}", h.finish())
        }
        None => format!("untitled-{untitled_number}"),
    }
}

/// A recovery copy, if it is a readable one.
fn read_copy(copy: &Path) -> Option<Recovered> {
    // Bounded, and never a pipe: a bad recovery file must not hang the start.
    let bytes = super::read_bounded(copy).ok()?;
    let text = String::from_utf8(bytes).ok()?;
    let (first, rest) = text.split_once('\n')?;
    let info: RecoveryInfo = ron::from_str(first.strip_prefix("// recovery: ")?).ok()?;
    let scenario = super::from_str(rest, "recovery copy").ok()?;
    Some(Recovered {
        info,
        scenario,
        copy: copy.to_path_buf(),
    })
}

/// Remove an offered copy: the planner chose Discard.
pub fn discard(offered: &Recovered) {
    let _ = std::fs::remove_file(&offered.copy);
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

impl Drop for RecoveryStore {
    /// A clean end with no copy left takes its lock file with it; with a
    /// copy (work not saved, not discarded) the file stays, unlocked, so the
    /// next start offers the copy.
    fn drop(&mut self) {
        if !self.has_copies() {
            let _ = std::fs::remove_file(self.folder.join(format!("{}.lock", self.instance)));
        }
    }
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
    fn a_clean_end_leaves_no_lock_file_and_an_end_with_a_copy_keeps_it() {
        let dir = tempfile::tempdir().unwrap();
        let locks = || {
            std::fs::read_dir(dir.path())
                .unwrap()
                .flatten()
                .filter(|e| e.file_name().to_string_lossy().ends_with(".lock"))
                .count()
        };
        let a = RecoveryStore::open(dir.path()).unwrap();
        assert_eq!(locks(), 1);
        drop(a);
        assert_eq!(locks(), 0, "a clean quit leaves nothing behind");
        let b = RecoveryStore::open(dir.path()).unwrap();
        let key = document_key(None, 0);
        b.write(&key, &crate::samples::default_scenario(), None, 0)
            .unwrap();
        drop(b);
        assert_eq!(
            locks(),
            1,
            "unsaved work keeps its lock file for the next start"
        );
        let c = RecoveryStore::open(dir.path()).unwrap();
        assert_eq!(c.orphans().len(), 1);
    }

    #[test]
    fn a_live_instance_copy_is_never_offered_and_a_dead_one_is() {
        let dir = tempfile::tempdir().unwrap();
        let scenario = crate::samples::default_scenario();
        let a = RecoveryStore::open(dir.path()).unwrap();
        let key = document_key(Some(Path::new("/tmp/plan.ron")), 0);
        a.write(&key, &scenario, Some(Path::new("/tmp/plan.ron")), 0)
            .unwrap();
        let b = RecoveryStore::open(dir.path()).unwrap();
        assert!(b.orphans().is_empty(), "a is running");
        drop(a); // a crash: the system lets go of a's lock
        let offered = b.orphans();
        assert_eq!(offered.len(), 1);
        assert_eq!(offered[0].scenario, scenario);
        assert_eq!(
            offered[0].info.file.as_deref(),
            Some(Path::new("/tmp/plan.ron"))
        );
        // Restored into b: b's own copy now, no longer offered.
        b.adopt(&offered[0], &key);
        let c = RecoveryStore::open(dir.path()).unwrap();
        assert!(c.orphans().is_empty());
        b.remove(&key);
        drop(b);
        assert!(c.orphans().is_empty());
        // Only the running instances' locks (c and d) are left.
        let _d = RecoveryStore::open(dir.path()).unwrap();
        let locks = std::fs::read_dir(dir.path())
            .unwrap()
            .flatten()
            .filter(|e| e.file_name().to_string_lossy().ends_with(".lock"))
            .count();
        assert_eq!(locks, 2);
    }
}
