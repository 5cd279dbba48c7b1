//! The document in the window: the scenario, the file it belongs to, its
//! undo history, and what is derived from it (validation problems, the last
//! valid projection, coverage lost to events). The window reads projections
//! from here; it never computes coverage itself.
//!
//! Derived data is refreshed in one place, [`Document::refresh`], by
//! comparing the scenario with the copy it was last computed for; views
//! edit the scenario and never flag changes by hand.

use super::history::History;
use crate::model::compare::{Difference, MineralDelta, deltas, differences};
use crate::model::places::place_in_words;
use crate::model::{
    EventEffect, Problem, Projection, Scenario, event_effect, project, project_without_events,
    validate,
};
use std::path::{Path, PathBuf};

pub struct Document {
    /// The whole file: the base scenario with its variants. The window
    /// edits one of them, [`Self::active`].
    pub scenario: Scenario,
    /// The variant on screen: 0 is the base, k ≥ 1 `scenario.variants[k-1]`.
    pub active: usize,
    /// What the live variant is compared with, if anything.
    pub baseline: Option<Baseline>,
    /// The comparison with the baseline, as of the last refresh.
    pub comparison: Option<Comparison>,
    /// Problems in the active variant as of the last [`Self::refresh`].
    pub problems: Vec<Problem>,
    /// Text typed into number fields that is not a number (`75oo`), by
    /// path, as the window found it this frame. The scenario keeps the
    /// value from before each such edit; these count as problems wherever
    /// problems are counted ([`Self::problems_in_words`]).
    pub typing: Vec<Problem>,
    /// The projection of the last valid state of the scenario (a finished
    /// edit, never a value half typed). Empty when no state was valid yet.
    pub projection: Projection,
    /// `true` while the scenario has problems and `projection` is older than
    /// the scenario.
    pub projection_is_stale: bool,
    /// Per mineral, final coverage lost to the enabled events, percentage
    /// points (all zero without events). Same age as `projection`.
    pub coverage_lost_to_events_pct: Vec<f64>,
    /// What the selected event does (or why it does nothing), as of the
    /// last refresh; `None` without events or while the scenario has
    /// problems.
    pub selected_event_effect: Option<EventEffect>,
    /// The event `selected_event_effect` is about.
    effect_of_event: Option<usize>,
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
    /// The active variant (without nested variants) the derived data
    /// above was computed for.
    derived_for: Scenario,
    /// Which variant `derived_for` is.
    derived_active: usize,
    /// The baseline scenario `comparison` was computed for.
    baseline_for: Option<Scenario>,
    /// The file on disk as it was opened or last saved: a different one
    /// means someone else changed it.
    pub disk_stamp: Option<DiskStamp>,
    /// Why the file cannot be saved over, found when it was opened (a
    /// read-only file, another user's): said beside its name at once,
    /// not first at Ctrl+S.
    pub read_only: Option<String>,
    /// This window's number for the document, naming its recovery copy
    /// while it has no file.
    number: u64,
}

/// What the live variant is compared with.
#[derive(Clone, Debug, PartialEq)]
pub enum Baseline {
    /// Another variant of this file, by index (0 = base).
    Variant(usize),
    /// A scenario read from another file (its base).
    File { path: PathBuf, scenario: Scenario },
}

/// The live variant against the baseline: derived, like the projection.
#[derive(Clone, Debug)]
pub struct Comparison {
    /// "Approved plan", or "other.ron".
    pub name: String,
    /// The baseline's projection; empty when the baseline has problems.
    pub projection: Projection,
    /// Per live mineral, how it moved (`None`: not in the baseline).
    pub deltas: Vec<Option<MineralDelta>>,
    /// Every input that differs, in planner words.
    pub differences: Vec<Difference>,
    /// Why the baseline cannot be projected, when it cannot.
    pub problem: Option<String>,
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
        let base = plan_of(&scenario, 0);
        let problems = validate(&base);
        // An invalid scenario (a file saved with problems) has no projection
        // to show: its numbers would mean nothing.
        let projection = if problems.is_empty() {
            project(&base)
        } else {
            no_projection(&base)
        };
        let coverage_lost_to_events_pct = lost_to_events(&base, &projection);
        Self {
            active: 0,
            selected_event_effect: None,
            effect_of_event: None,
            baseline: None,
            comparison: None,
            baseline_for: None,
            projection_is_stale: !problems.is_empty(),
            problems,
            typing: Vec::new(),
            projection,
            coverage_lost_to_events_pct,
            selected_event: 0,
            saved: scenario.clone(),
            history: History::new(&scenario),
            derived_for: base,
            derived_active: 0,
            scenario,
            selected: 0,
            path: None,
            disk_stamp: None,
            read_only: None,
            number: NEXT_DOCUMENT_NUMBER.fetch_add(1, std::sync::atomic::Ordering::Relaxed),
        }
    }

    /// Which document and variant this is, in this window: what the
    /// ranges a form keeps aside are kept under (`form::set_range_scope`).
    pub fn range_scope(&self) -> (u64, usize) {
        (self.number, self.active)
    }

    /// The name of this document's recovery copy.
    pub fn recovery_key(&self) -> String {
        crate::file::recovery::document_key(self.path.as_deref(), self.number)
    }

    /// A scenario that was just opened from, or saved to, `path`.
    pub fn from_file(scenario: Scenario, path: PathBuf) -> Self {
        let mut doc = Self::new(scenario);
        doc.disk_stamp = DiskStamp::of(&path);
        doc.read_only = crate::file::why_not_writable(&path);
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
        self.read_only = None;
    }

    /// The file name for titles: `plan.ron`, or `Untitled`.
    pub fn file_label(&self) -> String {
        self.path.as_ref().and_then(|p| p.file_name()).map_or_else(
            || "Untitled".to_string(),
            |n| n.to_string_lossy().into_owned(),
        )
    }

    /// The plan on screen as last projected (the active variant without
    /// nested variants), when it has no problems: what the slower analyses
    /// (bands, tornado) run on. Call after [`Document::refresh`].
    pub fn valid_plan(&self) -> Option<&Scenario> {
        self.problems.is_empty().then_some(&self.derived_for)
    }

    /// The baseline's plan, when it is projected (it has no problems).
    pub fn valid_baseline_plan(&self) -> Option<&Scenario> {
        self.comparison
            .as_ref()
            .filter(|c| c.problem.is_none())
            .and(self.baseline_for.as_ref())
    }

    /// The variant on screen (the base, or one of its variants).
    pub fn active(&self) -> &Scenario {
        self.scenario.variant(self.active).unwrap_or(&self.scenario)
    }

    /// The variant on screen, to edit.
    pub fn active_mut(&mut self) -> &mut Scenario {
        let k = self.active;
        if (1..=self.scenario.variants.len()).contains(&k) {
            &mut self.scenario.variants[k - 1]
        } else {
            &mut self.scenario
        }
    }

    /// How many problems the planner has to fix: text typed that is not a
    /// number, and the variant's validation problems.
    pub fn problem_count(&self) -> usize {
        self.typing.len() + self.problems.len()
    }

    /// Every problem to fix, in the planner's words ("Cobalt · requirement:
    /// \"75oo\" is not a number"), typed text first.
    pub fn problems_in_words(&self) -> Vec<String> {
        let active = self.active();
        self.typing
            .iter()
            .chain(&self.problems)
            .map(|p| format!("{}: {}", place_in_words(active, &p.path), p.message))
            .collect()
    }

    /// The variant on screen to edit, with the problems found in it (for
    /// views that edit and show problems at once).
    pub fn active_with_problems(&mut self) -> (&mut Scenario, &[Problem]) {
        let k = self.active;
        let scenario = if (1..=self.scenario.variants.len()).contains(&k) {
            &mut self.scenario.variants[k - 1]
        } else {
            &mut self.scenario
        };
        (scenario, &self.problems)
    }

    /// Undo one step; when it changed another variant than the one on
    /// screen, show that variant, so the planner sees what came back.
    pub fn undo(&mut self) {
        let before = self.scenario.clone();
        if self.history.undo(&mut self.scenario) {
            self.show_changed_variant(&before);
        }
    }

    /// Redo one step, showing the variant it changed.
    pub fn redo(&mut self) {
        let before = self.scenario.clone();
        if self.history.redo(&mut self.scenario) {
            self.show_changed_variant(&before);
        }
    }

    fn show_changed_variant(&mut self, before: &Scenario) {
        let count = self.scenario.variant_count();
        if count != before.variant_count() {
            // A variant came back or went. The one on screen went (a
            // duplicate undone): show the base, where copies come from.
            if self.active >= count {
                self.active = 0;
            }
            return;
        }
        let differs = |k: usize| match (before.variant(k), self.scenario.variant(k)) {
            (Some(a), Some(b)) => !same_plan(a, b),
            _ => false,
        };
        if !differs(self.active)
            && let Some(k) = (0..count).find(|&k| differs(k))
        {
            self.active = k;
        }
    }

    /// Show variant `k`; the selection stays where it was when it can.
    pub fn switch_to(&mut self, k: usize) -> bool {
        if k >= self.scenario.variant_count() || k == self.active {
            return false;
        }
        self.active = k;
        true
    }

    /// The name of the baseline, and its scenario (without variants).
    fn baseline_plan(&self) -> Option<(String, Scenario)> {
        match self.baseline.as_ref()? {
            Baseline::Variant(k) => {
                let plan = self.scenario.variant_without_nested(*k)?;
                Some((plan.name.clone(), plan))
            }
            Baseline::File { path, scenario } => {
                let name = path.file_name().map_or_else(
                    || path.display().to_string(),
                    |n| n.to_string_lossy().into_owned(),
                );
                Some((name, plan_of(scenario, 0)))
            }
        }
    }

    /// Bring the derived data up to date with the active variant and the
    /// baseline: validate, and project when valid. Does nothing when both
    /// are the ones last computed for (selecting a mineral or switching
    /// the theme costs nothing). Returns whether anything was recomputed.
    pub fn refresh(&mut self) -> bool {
        self.active = self.active.min(self.scenario.variant_count() - 1);
        if matches!(self.baseline, Some(Baseline::Variant(k)) if k >= self.scenario.variant_count())
        {
            self.baseline = None;
        }
        self.clamp_selection();
        let live_changed =
            self.active != self.derived_active || !same_plan(self.active(), &self.derived_for);
        let baseline = self.baseline_plan();
        let baseline_changed = match (&baseline, &self.baseline_for) {
            (Some((_, b)), Some(was)) => !same_plan(b, was),
            (None, None) => false,
            _ => true,
        };
        let event_changed = self.effect_of_event != Some(self.selected_event);
        if !live_changed && !baseline_changed && !event_changed {
            return false;
        }
        if live_changed {
            self.refresh_live();
        }
        if live_changed || baseline_changed {
            self.refresh_comparison(baseline, baseline_changed);
        }
        if live_changed || event_changed {
            self.refresh_event_effect();
        }
        true
    }

    /// What the selected event does: two projections (a few more when it
    /// does nothing, to say why), only for the one event on screen.
    fn refresh_event_effect(&mut self) {
        self.effect_of_event = Some(self.selected_event);
        self.selected_event_effect = if self.problems.is_empty() {
            event_effect(&self.derived_for, self.selected_event)
        } else {
            None
        };
    }

    fn refresh_live(&mut self) {
        let live = plan_of(&self.scenario, self.active);
        self.problems = validate(&live);
        if self.problems.is_empty() {
            let projection = project(&live);
            self.coverage_lost_to_events_pct = lost_to_events(&live, &projection);
            self.projection = projection;
            self.projection_is_stale = false;
        } else {
            // Keep showing the last valid *finished* edit: a value previewed
            // while typing ("30" on the way to "300") is not a state the
            // planner chose.
            let committed = self.history.committed().variant_without_nested(self.active);
            if let Some(committed) = committed.filter(|c| validate(c).is_empty()) {
                let projection = project(&committed);
                self.coverage_lost_to_events_pct = lost_to_events(&committed, &projection);
                self.projection = projection;
            } else if self.derived_active != self.active {
                // Another variant, invalid from the start: nothing of the
                // previous variant may be shown as this one.
                self.projection = no_projection(&live);
                self.coverage_lost_to_events_pct.clear();
            }
            // Otherwise the finished state is itself invalid (a structural
            // edit, or a file opened with problems): keep what is shown.
            self.projection_is_stale = true;
        }
        self.derived_for = live;
        self.derived_active = self.active;
    }

    /// The baseline's projection (only when the baseline changed) and the
    /// differences and deltas against the live variant.
    fn refresh_comparison(&mut self, baseline: Option<(String, Scenario)>, baseline_changed: bool) {
        let Some((name, plan)) = baseline else {
            self.comparison = None;
            self.baseline_for = None;
            return;
        };
        let (projection, problem) = match (&self.comparison, baseline_changed) {
            (Some(c), false) => (c.projection.clone(), c.problem.clone()),
            _ => {
                let problems = validate(&plan);
                match problems.first() {
                    None => (project(&plan), None),
                    Some(p) => (
                        no_projection(&plan),
                        Some(format!(
                            "The baseline has {} problem(s), so it cannot be projected; the first: {}: {}",
                            problems.len(),
                            p.path,
                            p.message
                        )),
                    ),
                }
            }
        };
        let deltas = if problem.is_none() && !self.projection.minerals.is_empty() {
            deltas(&projection, &self.projection)
        } else {
            Vec::new()
        };
        self.comparison = Some(Comparison {
            name,
            differences: differences(&plan, self.active()),
            deltas,
            projection,
            problem,
        });
        self.baseline_for = Some(plan);
    }

    fn clamp_selection(&mut self) {
        let (minerals, events) = {
            let active = self.active();
            (active.minerals.len(), active.disruptions.len())
        };
        self.selected = self.selected.min(minerals.saturating_sub(1));
        self.selected_event = self.selected_event.min(events.saturating_sub(1));
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

/// Variant `k` of `file` without nested variants (the base when `k` is out
/// of range): what is validated and projected.
fn plan_of(file: &Scenario, k: usize) -> Scenario {
    file.variant_without_nested(k)
        .or_else(|| file.variant_without_nested(0))
        .unwrap_or_else(|| file.clone())
}

/// Whether two scenarios plan the same (their nested variants aside).
fn same_plan(a: &Scenario, b: &Scenario) -> bool {
    a.name == b.name
        && a.notes == b.notes
        && a.start == b.start
        && a.horizon_months == b.horizon_months
        && a.settings == b.settings
        && a.minerals == b.minerals
        && a.disruptions == b.disruptions
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
