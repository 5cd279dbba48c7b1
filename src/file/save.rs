//! Atomic saving: a failed save never damages the file already on disk.

use super::to_ron_string;
use crate::model::Scenario;
use std::io::Write;
use std::path::{Path, PathBuf};

/// Why a save failed. The file on disk is unchanged in every case.
#[derive(Debug, thiserror::Error)]
#[error("Could not save {file}: {reason}. The file on disk was not changed.")]
pub struct SaveError {
    pub file: String,
    pub reason: String,
}

impl SaveError {
    fn new(path: &Path, e: &std::io::Error) -> Self {
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

/// Write `scenario` to `path` atomically: write a temporary file in the same
/// folder, flush it to disk, then rename it over the target.
pub fn save_atomic(path: &Path, scenario: &Scenario) -> Result<(), SaveError> {
    write_atomic(path, to_ron_string(scenario).as_bytes())
}

/// Write `bytes` to `path` atomically (see [`save_atomic`]).
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<(), SaveError> {
    let folder = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let file_name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "scenario.ron".into());
    let tmp = folder.join(format!(".{file_name}.{}.tmp", std::process::id()));
    let result = (|| {
        let mut f = std::fs::File::create(&tmp)?;
        f.write_all(bytes)?;
        f.sync_all()?;
        drop(f);
        std::fs::rename(&tmp, path)
    })();
    if let Err(e) = result {
        let _ = std::fs::remove_file(&tmp);
        return Err(SaveError::new(path, &e));
    }
    Ok(())
}
