//! Undo and redo for one document. It lives inside [`super::Document`], so
//! a new, opened, dropped or restored document starts with an empty history
//! and undo can never reach a scenario from another file.
//!
//! Steps are recorded at *checkpoints*: the app calls [`History::checkpoint`]
//! once per frame, except while the planner is mid-edit (typing in a field,
//! dragging a value). So one field edit and one whole drag are one step
//! each, however many frames they span. No egui here: plain data, tested
//! on its own.

use crate::model::Scenario;
use crate::model::changes::describe_step;

/// Most steps kept; the oldest are dropped.
const MAX_STEPS: usize = 200;

/// A scenario to go back (or forward) to, and what the step changed.
#[derive(Clone, Debug)]
struct Step {
    scenario: Scenario,
    /// e.g. "budget of Cobalt".
    what: String,
}

#[derive(Clone, Debug)]
pub struct History {
    undo: Vec<Step>,
    redo: Vec<Step>,
    /// The scenario at the last checkpoint.
    committed: Scenario,
}

impl History {
    /// A history with nothing to undo, starting from `scenario`.
    pub fn new(scenario: &Scenario) -> Self {
        Self {
            undo: Vec::new(),
            redo: Vec::new(),
            committed: scenario.clone(),
        }
    }

    /// Record `current` as a step if it differs from the last checkpoint.
    /// Returns whether a step was recorded.
    pub fn checkpoint(&mut self, current: &Scenario) -> bool {
        if *current == self.committed {
            return false;
        }
        let what = describe_step(&self.committed, current);
        let before = std::mem::replace(&mut self.committed, current.clone());
        self.undo.push(Step {
            scenario: before,
            what,
        });
        if self.undo.len() > MAX_STEPS {
            self.undo.remove(0);
        }
        self.redo.clear();
        true
    }

    /// Go one step back. An edit not yet checkpointed is recorded first, so
    /// it is what gets undone.
    pub fn undo(&mut self, current: &mut Scenario) -> bool {
        self.checkpoint(current);
        let Some(step) = self.undo.pop() else {
            return false;
        };
        let back = self.go_to(step, current);
        self.redo.push(back);
        true
    }

    /// Go one step forward again.
    pub fn redo(&mut self, current: &mut Scenario) -> bool {
        if *current != self.committed {
            // A new edit since the undo: there is no forward any more.
            self.checkpoint(current);
            return false;
        }
        let Some(step) = self.redo.pop() else {
            return false;
        };
        let back = self.go_to(step, current);
        self.undo.push(back);
        true
    }

    /// Put `step`'s scenario in `current`; returns the step back to where
    /// `current` was, named like `step`.
    fn go_to(&mut self, step: Step, current: &mut Scenario) -> Step {
        let now = std::mem::replace(current, step.scenario);
        self.committed = current.clone();
        Step {
            scenario: now,
            what: step.what,
        }
    }

    /// The scenario at the last checkpoint: the last finished edit (a field
    /// being typed into is not in it).
    pub fn committed(&self) -> &Scenario {
        &self.committed
    }

    /// What Undo would undo, e.g. "budget of Cobalt"; `None` when nothing.
    pub fn undo_label(&self, current: &Scenario) -> Option<String> {
        if *current != self.committed {
            return Some(describe_step(&self.committed, current));
        }
        self.undo.last().map(|s| s.what.clone())
    }

    /// What Redo would redo; `None` when nothing.
    pub fn redo_label(&self, current: &Scenario) -> Option<String> {
        if *current != self.committed {
            return None;
        }
        self.redo.last().map(|s| s.what.clone())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::samples;

    #[test]
    fn one_checkpointed_edit_is_one_step() {
        let mut s = samples::default_scenario();
        let original = s.clone();
        let mut h = History::new(&s);
        // Typing 6, 60, 600M without a checkpoint in between.
        for budget in [6.0, 60.0, 600e6] {
            s.minerals[0].set_budget_usd(budget);
        }
        assert!(h.checkpoint(&s));
        assert_eq!(h.undo_label(&s).as_deref(), Some("budget of Cobalt"));
        assert!(h.undo(&mut s));
        assert_eq!(s, original);
        assert!(!h.undo(&mut s), "nothing before the first edit");
        assert_eq!(h.redo_label(&s).as_deref(), Some("budget of Cobalt"));
        assert!(h.redo(&mut s));
        assert_eq!(s.minerals[0].budget_usd, 600e6);
    }

    #[test]
    fn undo_takes_back_an_edit_not_yet_checkpointed() {
        let mut s = samples::default_scenario();
        let original = s.clone();
        let mut h = History::new(&s);
        s.name = "Renamed".into();
        assert!(h.undo(&mut s));
        assert_eq!(s, original);
    }

    #[test]
    fn a_new_edit_after_undo_drops_redo() {
        let mut s = samples::default_scenario();
        let mut h = History::new(&s);
        s.horizon_months = 12;
        h.checkpoint(&s);
        h.undo(&mut s);
        s.horizon_months = 24;
        assert!(!h.redo(&mut s));
        assert_eq!(s.horizon_months, 24);
        assert!(h.redo_label(&s).is_none());
    }
}
