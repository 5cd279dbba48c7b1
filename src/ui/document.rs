//! The document in the window: the scenario, the file it belongs to, its
//! undo history, and what is derived from it (validation problems, the last
//! valid projection, coverage lost to events). The window reads projections
//! from here; it never computes coverage itself.
//!
//! Derived data is refreshed in one place, [`Document::refresh`], by
//! comparing the scenario with the copy it was last computed for; views
//! edit the scenario and never flag changes by hand.

use super::history::History;
use crate::model::{Problem, Projection, Scenario, project, project_without_events, validate};
use std::path::{Path, PathBuf};

pub struct Document {
    pub scenario: Scenario,
    /// Problems in `scenario` as of the last [`Self::refresh`].
    pub problems: Vec<Problem>,
    /// The projection of the last valid state of the scenario (a finished
    /// edit, never a value half typed). Empty when no state was valid yet.
    pub projection: Projection,
    /// `true` while the scenario has problems and `projection` is older than
    /// the scenario.
    pub projection_is_stale: bool,
    /// Per mineral, final coverage lost to the enabled events, percentage
    /// points (all zero without events). Same age as `projection`.
    pub coverage_lost_to_events_pct: Vec<f64>,
    /// The mineral being edited.
    pub selected: usize,
    /// The event being edited.
    pub selected_event: usize,
    /// The file the scenario was opened from or last saved to.
    pub path: Option<PathBuf>,
    /// The scenario as it is on disk (or as it was created): differences
    /// from it are unsaved changes.
    pub saved: Scenario,
    /// Undo and redo of this document only.
    pub history: History,
    /// The scenario the derived data above was computed for.
    derived_for: Scenario,
    /// The file on disk as it was opened or last saved: a different one
    /// means someone else changed it.
    pub disk_stamp: Option<DiskStamp>,
    /// This window's number for the document, naming its recovery copy
    /// while it has no file.
    number: u64,
}

/// What identifies a version of a file on disk: its size, modification
/// time and (on Unix) inode, which an atomic save by anyone changes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DiskStamp {
    len: u64,
    modified: Option<std::time::SystemTime>,
    inode: u64,
}

impl DiskStamp {
    pub fn of(path: &Path) -> Option<Self> {
        let meta = std::fs::metadata(path).ok()?;
        #[cfg(unix)]
        let inode = std::os::unix::fs::MetadataExt::ino(&meta);
        #[cfg(not(unix))]
        let inode = 0;
        Some(Self {
            len: meta.len(),
            modified: meta.modified().ok(),
            inode,
        })
    }
}

/// Numbers documents within a window's life.
static NEXT_DOCUMENT_NUMBER: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);

impl Document {
    pub fn new(scenario: Scenario) -> Self {
        let problems = validate(&scenario);
        // An invalid scenario (a file saved with problems) has no projection
        // to show: its numbers would mean nothing.
        let projection = if problems.is_empty() {
            project(&scenario)
        } else {
            no_projection(&scenario)
        };
        let coverage_lost_to_events_pct = lost_to_events(&scenario, &projection);
        Self {
            projection_is_stale: !problems.is_empty(),
            problems,
            projection,
            coverage_lost_to_events_pct,
            selected_event: 0,
            saved: scenario.clone(),
            history: History::new(&scenario),
            derived_for: scenario.clone(),
            scenario,
            selected: 0,
            path: None,
            disk_stamp: None,
            number: NEXT_DOCUMENT_NUMBER.fetch_add(1, std::sync::atomic::Ordering::Relaxed),
        }
    }

    /// The name of this document's recovery copy.
    pub fn recovery_key(&self) -> String {
        crate::file::recovery::document_key(self.path.as_deref(), self.number)
    }

    /// A scenario that was just opened from, or saved to, `path`.
    pub fn from_file(scenario: Scenario, path: PathBuf) -> Self {
        let mut doc = Self::new(scenario);
        doc.disk_stamp = DiskStamp::of(&path);
        doc.path = Some(path);
        doc
    }

    /// Whether the document's file is no longer the one opened or last
    /// saved (someone else saved over it, or it was deleted).
    pub fn changed_on_disk(&self) -> bool {
        match (&self.path, &self.disk_stamp) {
            (Some(path), Some(stamp)) => DiskStamp::of(path).as_ref() != Some(stamp),
            _ => false,
        }
    }

    /// Whether the window holds changes that are not on disk.
    pub fn is_dirty(&self) -> bool {
        self.scenario != self.saved
    }

    /// The scenario is now on disk at `path`.
    pub fn mark_saved(&mut self, path: &Path) {
        self.path = Some(path.to_path_buf());
        self.saved = self.scenario.clone();
        self.disk_stamp = DiskStamp::of(path);
    }

    /// The file name for titles: `plan.ron`, or `Untitled`.
    pub fn file_label(&self) -> String {
        self.path.as_ref().and_then(|p| p.file_name()).map_or_else(
            || "Untitled".to_string(),
            |n| n.to_string_lossy().into_owned(),
        )
    }

    /// Bring the derived data up to date with the scenario: validate, and
    /// project when valid. Does nothing when the scenario is the one last
    /// computed for (selecting a mineral or switching the theme costs
    /// nothing). Returns whether anything was recomputed.
    pub fn refresh(&mut self) -> bool {
        self.clamp_selection();
        if self.scenario == self.derived_for {
            return false;
        }
        self.problems = validate(&self.scenario);
        if self.problems.is_empty() {
            let projection = project(&self.scenario);
            self.coverage_lost_to_events_pct = lost_to_events(&self.scenario, &projection);
            self.projection = projection;
            self.projection_is_stale = false;
        } else {
            // Keep showing the last valid *finished* edit: a value previewed
            // while typing ("30" on the way to "300") is not a state the
            // planner chose.
            let committed = self.history.committed();
            if validate(committed).is_empty() {
                let projection = project(committed);
                self.coverage_lost_to_events_pct = lost_to_events(committed, &projection);
                self.projection = projection;
            }
            // Otherwise the finished state is itself invalid (a structural
            // edit, or a file opened with problems): keep what is shown.
            self.projection_is_stale = true;
        }
        self.derived_for.clone_from(&self.scenario);
        true
    }

    fn clamp_selection(&mut self) {
        self.selected = self
            .selected
            .min(self.scenario.minerals.len().saturating_sub(1));
        self.selected_event = self
            .selected_event
            .min(self.scenario.disruptions.len().saturating_sub(1));
    }

    /// Whether mineral `index` has any problem.
    pub fn mineral_has_problems(&self, index: usize) -> bool {
        let prefix = format!("minerals[{index}]");
        self.problems.iter().any(|p| {
            p.path
                .strip_prefix(&prefix)
                .is_some_and(|rest| rest.is_empty() || rest.starts_with('.'))
        })
    }
}

/// An empty projection: nothing valid to show yet.
fn no_projection(scenario: &Scenario) -> Projection {
    Projection {
        start: scenario.start,
        horizon_months: 0,
        minerals: Vec::new(),
    }
}

/// Coverage lost to events: the baseline is projected only when an event is
/// enabled, so scenarios without events pay nothing for it.
fn lost_to_events(scenario: &Scenario, projection: &Projection) -> Vec<f64> {
    if scenario.disruptions.iter().any(|d| d.enabled) {
        projection.coverage_lost_vs(&project_without_events(scenario))
    } else {
        vec![0.0; projection.minerals.len()]
    }
}
