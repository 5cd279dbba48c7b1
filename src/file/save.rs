//! Atomic saving that keeps what the file was. A failed save never damages
//! the file already on disk, and a successful one keeps the file's
//! permissions, its owner where the system allows, and a symbolic link (the
//! link stays; its target gets the new bytes).
//!
//! How: the bytes go to a temporary file created exclusively (`O_EXCL`,
//! random name, by the `tempfile` crate) in the target's folder, which is
//! flushed to disk, given the old file's permissions and owner, renamed over
//! the target, and the folder is flushed so the rename survives a power cut.
//! Temporary files that an interrupted save (a crash, `kill -9`) left behind
//! are removed at the next save in that folder.

use super::try_to_ron_string;
use crate::model::Scenario;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::Duration;

/// A temporary file older than this was left by an interrupted save (a
/// save takes well under a second), so it can be removed even if the
/// process that made it still runs.
const STALE_TEMP_AGE: Duration = Duration::from_secs(60);

/// Why a save failed. The file on disk is unchanged in every case.
#[derive(Debug, thiserror::Error)]
#[error("Could not save {file}: {reason}. The file on disk was not changed.")]
pub struct SaveError {
    pub file: String,
    pub reason: String,
}

impl SaveError {
    pub(crate) fn new(path: &Path, e: &std::io::Error) -> Self {
        let reason = match e.kind() {
            std::io::ErrorKind::PermissionDenied => {
                "you do not have permission to write in that folder".to_string()
            }
            std::io::ErrorKind::NotFound => "the folder does not exist".to_string(),
            std::io::ErrorKind::StorageFull => "the disk is full".to_string(),
            std::io::ErrorKind::ReadOnlyFilesystem => "the disk is read-only".to_string(),
            _ => e.to_string(),
        };
        Self {
            file: path.display().to_string(),
            reason,
        }
    }
}

/// Write `scenario` to `path` atomically; see the module docs.
pub fn save_atomic(path: &Path, scenario: &Scenario) -> Result<(), SaveError> {
    let text = try_to_ron_string(scenario).map_err(|reason| SaveError {
        file: path.display().to_string(),
        reason,
    })?;
    write_atomic(path, text.as_bytes())
}

/// Write `bytes` to `path` atomically; see the module docs.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<(), SaveError> {
    let target = resolve_links(path);
    let folder = match target.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let prefix = temp_prefix(&target);
    remove_stale_temps(&folder, &prefix);
    let old = std::fs::metadata(&target).ok();
    let result = (|| {
        // `.plan.ron.<pid>.<random>.tmp`: the pid tells the next save
        // whether the process that made it is gone.
        let mut tmp = tempfile::Builder::new()
            .prefix(&format!("{prefix}{}.", std::process::id()))
            .suffix(".tmp")
            .tempfile_in(&folder)?;
        tmp.write_all(bytes)?;
        if let Some(old) = &old {
            keep_identity(tmp.path(), old)?;
        } else {
            // The temporary file is private (0600); a new scenario file is
            // readable by colleagues like any other file.
            #[cfg(unix)]
            {
                use std::os::unix::fs::PermissionsExt;
                std::fs::set_permissions(tmp.path(), std::fs::Permissions::from_mode(0o644))?;
            }
        }
        tmp.as_file().sync_all()?;
        tmp.persist(&target).map_err(|e| e.error)?;
        // The rename itself reaches the disk only with the folder.
        if let Ok(dir) = std::fs::File::open(&folder) {
            let _ = dir.sync_all();
        }
        Ok::<(), std::io::Error>(())
    })();
    // A failed write drops (and so deletes) the temporary file.
    result.map_err(|e| SaveError::new(path, &e))
}

/// The file a save should really write: the end of a chain of symbolic
/// links, so the links stay links.
fn resolve_links(path: &Path) -> PathBuf {
    let mut current = path.to_path_buf();
    // A loop of links is cut after a few steps; the rename then replaces
    // the last link, which is what `ln -sf` users expect.
    for _ in 0..16 {
        let Ok(meta) = std::fs::symlink_metadata(&current) else {
            break;
        };
        if !meta.file_type().is_symlink() {
            break;
        }
        let Ok(next) = std::fs::read_link(&current) else {
            break;
        };
        current = match current.parent() {
            Some(parent) if next.is_relative() => parent.join(next),
            _ => next,
        };
    }
    current
}

/// `.plan.ron.` for `plan.ron`: every temporary file of a save of that file
/// starts with it.
fn temp_prefix(target: &Path) -> String {
    let name = target
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "scenario.ron".into());
    format!(".{name}.")
}

/// Give the new file the old one's permissions and (where allowed) owner.
fn keep_identity(tmp: &Path, old: &std::fs::Metadata) -> std::io::Result<()> {
    std::fs::set_permissions(tmp, old.permissions())?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        // Only root may give a file away; others keep their own ownership.
        let _ = std::os::unix::fs::chown(tmp, Some(old.uid()), Some(old.gid()));
    }
    Ok(())
}

/// Remove temporary files of earlier, interrupted saves of the same file:
/// those whose process is gone, and any older than [`STALE_TEMP_AGE`].
fn remove_stale_temps(folder: &Path, prefix: &str) {
    let Ok(entries) = std::fs::read_dir(folder) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let name = name.to_string_lossy();
        let Some(rest) = name
            .strip_prefix(prefix)
            .and_then(|r| r.strip_suffix(".tmp"))
        else {
            continue;
        };
        // Only plain files: never follow or delete what someone planted.
        let Ok(meta) = entry.metadata() else {
            continue;
        };
        let old = meta
            .modified()
            .ok()
            .and_then(|m| m.elapsed().ok())
            .is_some_and(|age| age >= STALE_TEMP_AGE);
        let maker_gone = rest
            .split('.')
            .next()
            .and_then(|pid| pid.parse::<u32>().ok())
            .is_some_and(|pid| !process_is_running(pid));
        if meta.is_file() && (old || maker_gone) {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}

/// Whether process `pid` still runs (known on Linux; elsewhere assumed, so
/// only age removes a temporary file).
fn process_is_running(pid: u32) -> bool {
    if cfg!(target_os = "linux") {
        Path::new("/proc").join(pid.to_string()).exists()
    } else {
        true
    }
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;
    use std::os::unix::fs::{PermissionsExt, symlink};

    #[test]
    fn a_private_file_stays_private() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("plan.ron");
        std::fs::write(&path, "old").unwrap();
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o600)).unwrap();
        write_atomic(&path, b"new").unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"new");
        let mode = std::fs::metadata(&path).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600);
    }

    #[test]
    fn a_new_file_is_readable_by_colleagues() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("new.ron");
        write_atomic(&path, b"new").unwrap();
        let mode = std::fs::metadata(&path).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o644);
    }

    #[test]
    fn a_symlink_stays_a_link_and_its_target_gets_the_bytes() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("shared").join("plan.ron");
        std::fs::create_dir(target.parent().unwrap()).unwrap();
        std::fs::write(&target, "old").unwrap();
        let link = dir.path().join("link.ron");
        symlink("shared/plan.ron", &link).unwrap();
        write_atomic(&link, b"new").unwrap();
        assert!(
            std::fs::symlink_metadata(&link)
                .unwrap()
                .file_type()
                .is_symlink()
        );
        assert_eq!(std::fs::read(&target).unwrap(), b"new");
    }

    #[test]
    fn a_planted_temp_name_is_not_followed() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("plan.ron");
        let victim = dir.path().join("victim.txt");
        std::fs::write(&victim, "keep me").unwrap();
        // The old predictable name, pointed at someone else's file.
        let planted = dir
            .path()
            .join(format!(".plan.ron.{}.tmp", std::process::id()));
        symlink(&victim, &planted).unwrap();
        write_atomic(&path, b"scenario").unwrap();
        assert_eq!(std::fs::read(&victim).unwrap(), b"keep me");
        assert_eq!(std::fs::read(&path).unwrap(), b"scenario");
        assert!(
            !std::fs::symlink_metadata(&path)
                .unwrap()
                .file_type()
                .is_symlink()
        );
    }

    #[test]
    fn temps_left_by_an_interrupted_save_are_cleaned_at_the_next() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("plan.ron");
        let left = dir.path().join(".plan.ron.abc123.tmp");
        let fresh = dir
            .path()
            .join(format!(".plan.ron.{}.def456.tmp", std::process::id()));
        std::fs::write(&left, "half a save").unwrap();
        std::fs::write(&fresh, "a save in progress elsewhere").unwrap();
        let old = std::time::SystemTime::now() - Duration::from_secs(3600);
        std::fs::File::options()
            .write(true)
            .open(&left)
            .unwrap()
            .set_modified(old)
            .unwrap();
        write_atomic(&path, b"new").unwrap();
        assert!(!left.exists());
        assert!(
            fresh.exists(),
            "a recent temp of a running process may be a save in progress"
        );
        let ours: Vec<_> = std::fs::read_dir(dir.path())
            .unwrap()
            .flatten()
            .filter(|e| e.file_name().to_string_lossy().ends_with(".tmp"))
            .collect();
        assert_eq!(ours.len(), 1, "only the other save's temp remains");
    }

    #[test]
    fn a_temp_whose_process_is_gone_is_cleaned_at_once() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("plan.ron");
        // pid_max on Linux is at most 4194304: this process cannot exist.
        let left = dir.path().join(".plan.ron.4294967295.xyz.tmp");
        std::fs::write(&left, "half a save").unwrap();
        write_atomic(&path, b"new").unwrap();
        assert_eq!(left.exists(), !cfg!(target_os = "linux"));
    }
}
