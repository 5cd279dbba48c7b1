//! Asking the planner for a file: native dialogs (rfd) off the UI thread,
//! with a channel back, and a fallback when no dialog can be shown.
//!
//! Tests replace only the dialog itself (the function that turns "ask the
//! user" into a path); everything after it is the same code path.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::mpsc::{Receiver, Sender, channel};
use std::time::{Duration, Instant};

/// What the planner is being asked for.
#[derive(Clone, Debug, PartialEq)]
pub enum FileRequest {
    /// A `.ron` file to open, starting in `folder`.
    Open { folder: PathBuf },
    /// Where to save, starting in `folder` with `suggested_name`.
    SaveAs {
        folder: PathBuf,
        suggested_name: String,
    },
    /// A `.ron` file to compare with, starting in `folder`.
    CompareWith { folder: PathBuf },
    /// A colleague's copy to merge into the window (File > Merge with
    /// file…), starting in `folder`.
    MergeTheirs { folder: PathBuf },
    /// The common base of that merge.
    MergeBase { folder: PathBuf },
    /// Where to write an export of `kind`.
    Export {
        folder: PathBuf,
        suggested_name: String,
        kind: ExportKind,
    },
}

impl FileRequest {
    /// The dialog's title.
    pub fn title(&self) -> String {
        match self {
            FileRequest::Open { .. } => "Open scenario".into(),
            FileRequest::SaveAs { .. } => "Save scenario as".into(),
            FileRequest::CompareWith { .. } => "Compare with scenario".into(),
            FileRequest::MergeTheirs { .. } => "Merge with scenario (their copy)".into(),
            FileRequest::MergeBase { .. } => "Common base of the merge".into(),
            FileRequest::Export { kind, .. } => format!("Export {}", kind.label()),
        }
    }
}

/// What File > Export writes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ExportKind {
    /// The coverage chart as a PNG picture.
    ChartPng,
    /// The monthly projection as CSV (as `project --csv`).
    ProjectionCsv,
    /// A one-page briefing as a self-contained HTML file.
    BriefingHtml,
}

impl ExportKind {
    pub fn extension(self) -> &'static str {
        match self {
            ExportKind::ChartPng => "png",
            ExportKind::ProjectionCsv => "csv",
            ExportKind::BriefingHtml => "html",
        }
    }

    /// "chart (PNG)", for dialogs and messages.
    pub fn label(self) -> &'static str {
        match self {
            ExportKind::ChartPng => "chart (PNG)",
            ExportKind::ProjectionCsv => "projection (CSV)",
            ExportKind::BriefingHtml => "briefing (HTML)",
        }
    }
}

/// `path` with `extension` when it has none: "chart" → "chart.png".
pub fn with_extension(path: PathBuf, extension: &str) -> PathBuf {
    if path.extension().is_some() {
        path
    } else {
        path.with_extension(extension)
    }
}

/// Turns a request into a path, or `None` when the planner cancelled (or no
/// dialog could be shown). Runs on a background thread.
pub type Picker = Arc<dyn Fn(&FileRequest) -> Option<PathBuf> + Send + Sync>;

/// The answer to a request.
#[derive(Debug)]
pub struct FileAnswer {
    pub request: FileRequest,
    pub path: Option<PathBuf>,
    /// `true` when the dialog answered "nothing" so fast that it cannot have
    /// been shown (rfd on Linux without a portal or zenity).
    pub probably_not_shown: bool,
}

/// A "nothing" answer faster than this means no dialog was on screen.
const TOO_FAST_FOR_A_HUMAN: Duration = Duration::from_millis(250);

/// Runs pickers on a background thread, one at a time.
pub struct Dialogs {
    picker: Picker,
    /// Run the picker on the calling thread (tests: deterministic frames).
    inline: bool,
    sender: Sender<FileAnswer>,
    receiver: Receiver<FileAnswer>,
    /// A dialog is on screen: File actions are greyed out meanwhile.
    pub open: bool,
}

impl Dialogs {
    /// The native dialogs of the platform (rfd), on a background thread.
    pub fn native() -> Self {
        Self::with_picker(Arc::new(native_picker), false)
    }

    /// A picker that answers on the calling thread; for tests.
    pub fn inline(picker: Picker) -> Self {
        Self::with_picker(picker, true)
    }

    /// Any picker on a background thread, as the native dialogs run (tests
    /// use it to keep working in the window while a dialog is up).
    pub fn background(picker: Picker) -> Self {
        Self::with_picker(picker, false)
    }

    fn with_picker(picker: Picker, inline: bool) -> Self {
        let (sender, receiver) = channel();
        Self {
            picker,
            inline,
            sender,
            receiver,
            open: false,
        }
    }

    /// Ask; the answer arrives through [`Self::poll`]. `ctx` is woken when it
    /// does, so the window does not need to repaint while waiting.
    pub fn ask(&mut self, request: FileRequest, ctx: &egui::Context) {
        if self.open {
            return;
        }
        self.open = true;
        let picker = Arc::clone(&self.picker);
        let sender = self.sender.clone();
        let ctx = ctx.clone();
        let job = move || {
            let started = Instant::now();
            let path = picker(&request);
            let probably_not_shown = path.is_none() && started.elapsed() < TOO_FAST_FOR_A_HUMAN;
            let _ = sender.send(FileAnswer {
                request,
                path,
                probably_not_shown,
            });
            ctx.request_repaint();
        };
        if self.inline {
            job();
        } else {
            std::thread::spawn(job);
        }
    }

    /// The answer, once the planner has chosen (or cancelled).
    pub fn poll(&mut self) -> Option<FileAnswer> {
        let answer = self.receiver.try_recv().ok()?;
        self.open = false;
        Some(answer)
    }
}

fn native_picker(request: &FileRequest) -> Option<PathBuf> {
    let ron = || rfd::FileDialog::new().add_filter("Stockpile Planner scenario", &["ron"]);
    let zenity = likely_zenity();
    let save_name = |folder: &Path, suggested_name: &str| {
        if zenity {
            folder.join(suggested_name).display().to_string()
        } else {
            suggested_name.to_string()
        }
    };
    match request {
        FileRequest::Open { folder }
        | FileRequest::CompareWith { folder }
        | FileRequest::MergeTheirs { folder }
        | FileRequest::MergeBase { folder } => {
            let title = request.title();
            let dialog = ron().set_title(title).set_directory(folder);
            let dialog = if zenity {
                // A folder with a trailing slash opens zenity in that folder.
                dialog.set_file_name(format!("{}/", folder.display()))
            } else {
                dialog
            };
            dialog.pick_file()
        }
        FileRequest::SaveAs {
            folder,
            suggested_name,
        } => ron()
            .set_title("Save scenario as")
            .set_directory(folder)
            .set_file_name(save_name(folder, suggested_name))
            .save_file()
            .map(with_ron_extension),
        FileRequest::Export {
            folder,
            suggested_name,
            kind,
        } => rfd::FileDialog::new()
            .add_filter(kind.label(), &[kind.extension()])
            .set_title(format!("Export {}", kind.label()))
            .set_directory(folder)
            .set_file_name(save_name(folder, suggested_name))
            .save_file()
            .map(|p| with_extension(p, kind.extension())),
    }
}

/// Whether rfd will fall back to zenity: Linux where no desktop portal
/// with a file chooser can answer. zenity ignores the starting folder and
/// takes only `--filename`, where a full path opens the dialog in that
/// folder; a portal wants a bare name and the folder apart (given the whole
/// path, the GTK portal showed it in its Name field). Read from what is
/// installed rather than from the desktop's name: a window manager such as
/// openbox sets no `XDG_CURRENT_DESKTOP`, yet the portal runs.
fn likely_zenity() -> bool {
    if !cfg!(target_os = "linux") {
        return false;
    }
    let bus = std::env::var_os("DBUS_SESSION_BUS_ADDRESS").is_some()
        || std::env::var_os("XDG_RUNTIME_DIR")
            .is_some_and(|dir| Path::new(&dir).join("bus").exists());
    let portal =
        Path::new("/usr/share/dbus-1/services/org.freedesktop.portal.Desktop.service").exists();
    let chooser = std::fs::read_dir("/usr/share/xdg-desktop-portal/portals").is_ok_and(|entries| {
        entries.flatten().any(|e| {
            std::fs::read_to_string(e.path())
                .is_ok_and(|text| text.contains("org.freedesktop.impl.portal.FileChooser"))
        })
    });
    !(bus && portal && chooser)
}

/// `plan` → `plan.ron`; other names are kept.
pub fn with_ron_extension(path: PathBuf) -> PathBuf {
    if path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("ron"))
    {
        path
    } else {
        let mut name = path
            .file_name()
            .map(|n| n.to_os_string())
            .unwrap_or_default();
        name.push(".ron");
        path.with_file_name(name)
    }
}

/// A file name from a scenario name: `DLA plan: v2` → `DLA plan- v2.ron`.
pub fn suggested_file_name(scenario_name: &str) -> String {
    let clean: String = scenario_name
        .trim()
        .chars()
        .map(|c| {
            if "/\\:*?\"<>|".contains(c) || c.is_control() {
                '-'
            } else {
                c
            }
        })
        .collect();
    let clean = clean.trim_matches(['.', ' ']);
    if clean.is_empty() {
        "scenario.ron".into()
    } else {
        format!("{clean}.ron")
    }
}

/// The `.ron` files in `folder`, sorted by name; for the in-window picker.
pub fn ron_files_in(folder: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(folder)
        .map(|entries| {
            entries
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| {
                    p.is_file() && p.extension().is_some_and(|e| e.eq_ignore_ascii_case("ron"))
                })
                .collect()
        })
        .unwrap_or_default();
    files.sort();
    files
}

/// Where dialogs start the first time: `saves/` beside the working folder
/// when it exists, else the working folder.
pub fn default_folder() -> PathBuf {
    let here = std::env::current_dir().unwrap_or_else(|_| PathBuf::from("."));
    let saves = here.join("saves");
    if saves.is_dir() { saves } else { here }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_names_from_scenario_names() {
        assert_eq!(suggested_file_name("DLA plan: v2"), "DLA plan- v2.ron");
        assert_eq!(suggested_file_name("  "), "scenario.ron");
        assert_eq!(
            with_ron_extension("a/plan".into()),
            PathBuf::from("a/plan.ron")
        );
        assert_eq!(
            with_ron_extension("a/plan.RON".into()),
            PathBuf::from("a/plan.RON")
        );
    }
}
