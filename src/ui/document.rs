//! The scenario in the window, with its validation problems and the last
//! valid projection. The window reads projections from here; it never
//! computes coverage itself.

use crate::model::{Problem, Projection, Scenario, project, validate};

pub struct Document {
    pub scenario: Scenario,
    /// Problems in `scenario`, refreshed on every edit.
    pub problems: Vec<Problem>,
    /// The projection of the last valid state of the scenario.
    pub projection: Projection,
    /// `true` while the scenario has problems and `projection` is older than
    /// the scenario.
    pub projection_is_stale: bool,
    /// The mineral being edited.
    pub selected: usize,
}

impl Document {
    pub fn new(scenario: Scenario) -> Self {
        let problems = validate(&scenario);
        let projection = project(&scenario);
        Self {
            projection_is_stale: false,
            problems,
            projection,
            scenario,
            selected: 0,
        }
    }

    /// Call after every edit: validates, and projects when valid.
    pub fn recompute(&mut self) {
        self.problems = validate(&self.scenario);
        if self.problems.is_empty() {
            self.projection = project(&self.scenario);
            self.projection_is_stale = false;
        } else {
            self.projection_is_stale = true;
        }
        self.clamp_selection();
    }

    pub fn clamp_selection(&mut self) {
        self.selected = self
            .selected
            .min(self.scenario.minerals.len().saturating_sub(1));
    }

    /// Problems whose path is exactly `path`.
    pub fn problems_at<'a>(&'a self, path: &'a str) -> impl Iterator<Item = &'a Problem> + 'a {
        self.problems.iter().filter(move |p| p.path == path)
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
