//! Atomic saving that keeps what the file was. A failed save never damages
//! the file already on disk, and a successful one keeps the file's
//! permissions (set-id bits included), its owner and extended attributes
//! where the system allows, and a symbolic link (the link stays; its target
//! gets the new bytes). A file the planner may not change (read-only, no
//! write permission, locked) is refused, never replaced.
//!
//! How: the bytes go to a temporary file created exclusively (`O_CREAT |
//! O_EXCL`, so a planted link is never followed; a marker and a random part
//! in its name) in the target's folder. Owner, extended attributes and mode
//! are set on the *open file* (fchown, fsetxattr, fchmod), never by path, so
//! someone who can write in the folder cannot swap the temporary file for a
//! link and have the attributes land elsewhere. The file is flushed to
//! disk, renamed over the target, checked to be the file this save wrote,
//! and the folder is flushed so the rename survives a power cut. Temporary
//! files that an interrupted save (a crash, `kill -9`) of this program left
//! behind are removed at the next save in that folder; nothing else is.

use super::try_to_ron_string;
use crate::model::Scenario;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::Duration;

/// A temporary file older than this was left by an interrupted save (a
/// save takes well under a second), so it can be removed even if the
/// process that made it still runs.
const STALE_TEMP_AGE: Duration = Duration::from_secs(60);

/// In every temporary file's name, after the target's name: only files
/// with it (and this program's random part) are ever cleaned up.
const TEMP_MARKER: &str = "stockpile-planner-save-";

/// Letters and digits of the random part of a temporary file's name.
const TEMP_RANDOM_LEN: usize = 10;

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
            _ if e.raw_os_error() == Some(EPERM) => {
                "the system does not allow this file to be replaced (it may be locked or marked immutable)".to_string()
            }
            std::io::ErrorKind::PermissionDenied => {
                "you do not have permission to write in that folder".to_string()
            }
            std::io::ErrorKind::NotFound => "the folder does not exist".to_string(),
            std::io::ErrorKind::StorageFull => "the disk is full".to_string(),
            std::io::ErrorKind::ReadOnlyFilesystem => "the disk is read-only".to_string(),
            _ => e.to_string(),
        };
        Self::because(path, reason)
    }

    pub(crate) fn because(path: &Path, reason: impl Into<String>) -> Self {
        Self {
            file: path.display().to_string(),
            reason: reason.into(),
        }
    }
}

/// `EPERM` on Linux and the BSDs: the operation is not allowed at all (an
/// immutable file), as against `EACCES`, no permission.
const EPERM: i32 = 1;

/// Write `scenario` to `path` atomically; see the module docs.
pub fn save_atomic(path: &Path, scenario: &Scenario) -> Result<(), SaveError> {
    let text = try_to_ron_string(scenario).map_err(|reason| SaveError::because(path, reason))?;
    if text.len() as u64 > super::MAX_FILE_BYTES {
        return Err(SaveError::because(
            path,
            super::too_large_words(text.len() as u64),
        ));
    }
    write_atomic(path, text.as_bytes())
}

/// Why `path` may not be written over, in the planner's words; `None` when
/// it may (also when it does not exist yet). Links are followed, as a save
/// follows them.
pub fn why_not_writable(path: &Path) -> Option<String> {
    let target = resolve_links(path);
    let meta = std::fs::metadata(&target).ok()?;
    if meta.is_dir() {
        return Some("it is a folder".to_string());
    }
    if !meta.is_file() {
        return Some("it is not a regular file (a device or a pipe)".to_string());
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        if meta.permissions().mode() & 0o222 == 0 {
            return Some("the file is read-only: its permissions let no one change it".to_string());
        }
        if rustix::fs::access(&target, rustix::fs::Access::WRITE_OK).is_err() {
            return Some(
                "you may read this file but not change it (no write permission, or it is locked)"
                    .to_string(),
            );
        }
    }
    #[cfg(not(unix))]
    if meta.permissions().readonly() {
        return Some("the file is read-only".to_string());
    }
    None
}

/// Write `bytes` to `path` atomically; see the module docs.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<(), SaveError> {
    let target = resolve_links(path);
    if let Some(reason) = why_not_writable(&target) {
        return Err(SaveError::because(path, reason));
    }
    let folder = match target.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let prefix = temp_prefix(&target);
    remove_stale_temps(&folder, &prefix);
    let old = std::fs::metadata(&target).ok();
    let result = (|| {
        // `.plan.ron.stockpile-planner-save-<pid>.<random>.tmp`: the pid
        // tells the next save whether the process that made it is gone.
        let mut tmp = tempfile::Builder::new()
            .prefix(&format!("{prefix}{TEMP_MARKER}{}.", std::process::id()))
            .rand_bytes(TEMP_RANDOM_LEN)
            .suffix(".tmp")
            .tempfile_in(&folder)?;
        tmp.write_all(bytes)?;
        match &old {
            Some(old) => keep_identity(tmp.as_file(), &target, old)?,
            // The temporary file is private (0600); a new scenario file is
            // readable by colleagues like any other file.
            None => set_mode(tmp.as_file(), 0o644)?,
        }
        tmp.as_file().sync_all()?;
        let written = file_id(&tmp.as_file().metadata()?);
        tmp.persist(&target).map_err(|e| e.error)?;
        // The rename itself reaches the disk only with the folder.
        if let Ok(dir) = std::fs::File::open(&folder) {
            let _ = dir.sync_all();
        }
        Ok::<_, std::io::Error>(written)
    })();
    // A failed write drops (and so deletes) the temporary file.
    let written = result.map_err(|e| SaveError::new(path, &e))?;
    // Someone who can write in the folder could have swapped the temporary
    // file before the rename: then the file at the path is not ours.
    match std::fs::symlink_metadata(&target) {
        Ok(now) if file_id(&now) == written => Ok(()),
        _ => Err(SaveError {
            file: path.display().to_string(),
            reason: "another program or user replaced the file while it was being saved; check the file, then save again".to_string(),
        }),
    }
}

/// A file's identity on its disk (device and inode), where known.
fn file_id(meta: &std::fs::Metadata) -> Option<(u64, u64)> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        Some((meta.dev(), meta.ino()))
    }
    #[cfg(not(unix))]
    {
        let _ = meta;
        None
    }
}

fn set_mode(file: &std::fs::File, mode: u32) -> std::io::Result<()> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        file.set_permissions(std::fs::Permissions::from_mode(mode))
    }
    #[cfg(not(unix))]
    {
        let _ = (file, mode);
        Ok(())
    }
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

/// Give the new (open) file the old one's owner (where allowed), extended
/// attributes and permissions, set-id bits included. All on the open file:
/// nothing here goes by path but reading the old file's attributes.
#[cfg(unix)]
fn keep_identity(
    file: &std::fs::File,
    old_path: &Path,
    old: &std::fs::Metadata,
) -> std::io::Result<()> {
    use std::os::unix::fs::{MetadataExt, fchown};
    // Only root may give a file away; a member of the file's group may
    // still give it that group. Owner first: a change of owner clears the
    // set-id bits, which the mode below puts back.
    if fchown(file, Some(old.uid()), Some(old.gid())).is_err() {
        let _ = fchown(file, None, Some(old.gid()));
    }
    copy_extended_attributes(old_path, file);
    set_mode(file, old.mode() & 0o7777)
}

#[cfg(not(unix))]
fn keep_identity(
    file: &std::fs::File,
    _old_path: &Path,
    old: &std::fs::Metadata,
) -> std::io::Result<()> {
    file.set_permissions(old.permissions())
}

/// Copy the old file's extended attributes (tags, ACLs, labels) onto the
/// new one, each the system allows; the others are left as the system
/// gives them (as for the owner).
#[cfg(unix)]
fn copy_extended_attributes(old_path: &Path, file: &std::fs::File) {
    use rustix::fs::{XattrFlags, fsetxattr, lgetxattr, llistxattr};
    let Ok(size) = rustix::fs::llistxattr_query(old_path) else {
        return;
    };
    if size == 0 {
        return;
    }
    let mut names = vec![0u8; size];
    let Ok(n) = llistxattr(old_path, &mut names[..]) else {
        return;
    };
    for name in names[..n].split(|&b| b == 0).filter(|n| !n.is_empty()) {
        let Ok(name) = std::ffi::CStr::from_bytes_with_nul(&[name, &[0]].concat())
            .map(std::ffi::CStr::to_owned)
        else {
            continue;
        };
        let Ok(len) = rustix::fs::lgetxattr_query(old_path, &name) else {
            continue;
        };
        let mut value = vec![0u8; len];
        if let Ok(len) = lgetxattr(old_path, &name, &mut value[..]) {
            let _ = fsetxattr(file, &name, &value[..len], XattrFlags::empty());
        }
    }
}

/// Remove temporary files of earlier, interrupted saves of the same file
/// by this program (its marker, its random part) and this user: those
/// whose process is gone, and any older than [`STALE_TEMP_AGE`]. Any other
/// file, a planner's own or another user's, is left alone.
fn remove_stale_temps(folder: &Path, prefix: &str) {
    let Ok(entries) = std::fs::read_dir(folder) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let name = name.to_string_lossy();
        let Some((pid, random)) = name
            .strip_prefix(prefix)
            .and_then(|r| r.strip_prefix(TEMP_MARKER))
            .and_then(|r| r.strip_suffix(".tmp"))
            .and_then(|r| r.split_once('.'))
        else {
            continue;
        };
        let Ok(pid) = pid.parse::<u32>() else {
            continue;
        };
        if random.len() != TEMP_RANDOM_LEN || !random.chars().all(|c| c.is_ascii_alphanumeric()) {
            continue;
        }
        // Only plain files of this user: never follow or delete what
        // someone planted.
        let Ok(meta) = std::fs::symlink_metadata(entry.path()) else {
            continue;
        };
        if !meta.is_file() || !owned_by_this_user(&meta) {
            continue;
        }
        let old = meta
            .modified()
            .ok()
            .and_then(|m| m.elapsed().ok())
            .is_some_and(|age| age >= STALE_TEMP_AGE);
        if old || !process_is_running(pid) {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}

#[cfg(unix)]
fn owned_by_this_user(meta: &std::fs::Metadata) -> bool {
    use std::os::unix::fs::MetadataExt;
    meta.uid() == rustix::process::geteuid().as_raw()
}

#[cfg(not(unix))]
fn owned_by_this_user(_: &std::fs::Metadata) -> bool {
    true
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

    /// A temporary name as this program makes them, for process `pid`.
    fn our_temp(dir: &Path, pid: u32) -> PathBuf {
        dir.join(format!(".plan.ron.{TEMP_MARKER}{pid}.a1B2c3D4e5.tmp"))
    }

    fn make_old(path: &Path) {
        let old = std::time::SystemTime::now() - Duration::from_secs(3600);
        std::fs::File::options()
            .write(true)
            .open(path)
            .unwrap()
            .set_modified(old)
            .unwrap();
    }

    #[test]
    fn temps_left_by_an_interrupted_save_are_cleaned_at_the_next() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("plan.ron");
        let left = our_temp(dir.path(), std::process::id());
        let fresh = dir.path().join(format!(
            ".plan.ron.{TEMP_MARKER}{}.zyXW987654.tmp",
            std::process::id()
        ));
        std::fs::write(&left, "half a save").unwrap();
        std::fs::write(&fresh, "a save in progress elsewhere").unwrap();
        make_old(&left);
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
    fn files_this_program_did_not_make_are_never_cleaned_up() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("plan.ron");
        // A planner's own backup, and names of the old pattern or another
        // program's, all old and with no live process behind them.
        let others = [
            ".plan.ron.backup.tmp",
            ".plan.ron.77777777.zz.tmp",
            ".plan.ron.4294967295.xyz.tmp",
            ".plan.ron.stockpile-planner-save-4294967295.short.tmp",
        ];
        for name in others {
            let p = dir.path().join(name);
            std::fs::write(&p, "not ours").unwrap();
            make_old(&p);
        }
        write_atomic(&path, b"new").unwrap();
        for name in others {
            assert!(dir.path().join(name).exists(), "{name} was deleted");
        }
    }

    #[test]
    fn a_temp_of_another_user_is_never_cleaned_up() {
        use std::os::unix::fs::MetadataExt;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("plan.ron");
        let theirs = our_temp(dir.path(), 4_294_967_295);
        std::fs::write(&theirs, "another user's save").unwrap();
        make_old(&theirs);
        // Only root can give the file to another user; others see the
        // same rule through their own files in the test above.
        if std::os::unix::fs::chown(&theirs, Some(65534), None).is_err() {
            return;
        }
        assert_eq!(std::fs::metadata(&theirs).unwrap().uid(), 65534);
        write_atomic(&path, b"new").unwrap();
        assert!(theirs.exists());
    }

    #[test]
    fn a_temp_whose_process_is_gone_is_cleaned_at_once() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("plan.ron");
        // pid_max on Linux is at most 4194304: this process cannot exist.
        let left = our_temp(dir.path(), 4_294_967_295);
        std::fs::write(&left, "half a save").unwrap();
        write_atomic(&path, b"new").unwrap();
        assert_eq!(left.exists(), !cfg!(target_os = "linux"));
    }

    #[test]
    fn set_id_bits_and_extended_attributes_are_kept() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("plan.ron");
        std::fs::write(&path, "old").unwrap();
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o4644)).unwrap();
        let tagged = rustix::fs::setxattr(
            &path,
            "user.planner.tag",
            b"FY27 review",
            rustix::fs::XattrFlags::empty(),
        )
        .is_ok();
        write_atomic(&path, b"new").unwrap();
        let mode = std::fs::metadata(&path).unwrap().permissions().mode();
        assert_eq!(mode & 0o7777, 0o4644);
        // Where the disk keeps user attributes (tmpfs from Linux 6.6).
        if tagged {
            let mut value = [0u8; 64];
            let n = rustix::fs::getxattr(&path, "user.planner.tag", &mut value[..]).unwrap();
            assert_eq!(&value[..n], b"FY27 review");
        }
    }

    #[test]
    fn a_read_only_file_is_refused_not_replaced() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("plan.ron");
        std::fs::write(&path, "old").unwrap();
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o444)).unwrap();
        let e = write_atomic(&path, b"new").unwrap_err();
        assert!(e.to_string().contains("read-only"), "{e}");
        assert!(e.to_string().contains("was not changed"), "{e}");
        assert_eq!(std::fs::read(&path).unwrap(), b"old");
        assert!(why_not_writable(&path).is_some());
        assert!(why_not_writable(&dir.path().join("new.ron")).is_none());
    }

    /// Someone who can write in the folder swaps every temporary file for a
    /// link to a private file, as fast as a thread can, while saves run:
    /// the private file's bytes and mode never change, and a save that
    /// says it saved left the target a plain file with its mode and bytes.
    #[test]
    fn a_swapped_temp_file_never_gives_its_attributes_elsewhere() {
        use std::sync::atomic::{AtomicBool, Ordering};
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("plan.ron");
        let victim = dir.path().join("private.txt");
        std::fs::write(&victim, "secret").unwrap();
        std::fs::set_permissions(&victim, std::fs::Permissions::from_mode(0o600)).unwrap();
        let stop = std::sync::Arc::new(AtomicBool::new(false));
        let swapper = {
            let (stop, folder, victim) = (stop.clone(), dir.path().to_path_buf(), victim.clone());
            std::thread::spawn(move || {
                let mut swaps = 0u32;
                while !stop.load(Ordering::Relaxed) {
                    for e in std::fs::read_dir(&folder).unwrap().flatten() {
                        let name = e.file_name().to_string_lossy().into_owned();
                        if name.starts_with(".plan.ron.") && name.ends_with(".tmp") {
                            let _ = std::fs::remove_file(e.path());
                            if symlink(&victim, e.path()).is_ok() {
                                swaps += 1;
                            }
                        }
                    }
                }
                swaps
            })
        };
        let (mut saved, mut refused) = (0, 0);
        for round in 0..300 {
            // Put back a plain 0640 target when a swap won the last round.
            if std::fs::symlink_metadata(&path).is_ok_and(|m| !m.is_file()) {
                std::fs::remove_file(&path).unwrap();
            }
            if !path.exists() {
                std::fs::write(&path, "old").unwrap();
            }
            std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o640)).unwrap();
            let bytes = format!("round {round}");
            match write_atomic(&path, bytes.as_bytes()) {
                Ok(()) => {
                    saved += 1;
                    let meta = std::fs::symlink_metadata(&path).unwrap();
                    assert!(
                        meta.is_file(),
                        "round {round}: the target is not a plain file"
                    );
                    assert_eq!(meta.permissions().mode() & 0o7777, 0o640, "round {round}");
                    assert_eq!(std::fs::read(&path).unwrap(), bytes.as_bytes());
                }
                Err(e) => {
                    refused += 1;
                    assert!(e.to_string().contains("Could not save"), "{e}");
                }
            }
            let v = std::fs::symlink_metadata(&victim).unwrap();
            assert_eq!(v.permissions().mode() & 0o7777, 0o600, "round {round}");
            assert_eq!(std::fs::read(&victim).unwrap(), b"secret", "round {round}");
        }
        stop.store(true, Ordering::Relaxed);
        let swaps = swapper.join().unwrap();
        assert_eq!(saved + refused, 300);
        eprintln!("{saved} saved, {refused} refused, {swaps} temp files swapped for links");
    }
}
