//! Budget split: a total budget divided among the minerals to raise the
//! lowest (weighted) final coverage, shown beside the current split and
//! applied as one undoable edit. The split comes from
//! `model::allocation::allocate` (run when the planner asks).

use super::form;
use crate::display::{pct, usd_short};
use crate::model::allocation::Allocation;
use crate::model::{Projection, Scenario};
use crate::ui::command::Message;
use egui::{Grid, RichText, Ui};

/// The question and the last proposal.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct BudgetSplitForm {
    /// `None`: the plan's current total.
    pub total_usd: Option<f64>,
    /// Weight per mineral name (1 when not set).
    pub weights: Vec<(String, f64)>,
    pub answer: Option<Result<Allocation, String>>,
}

impl BudgetSplitForm {
    /// The weight of a mineral (1 unless set).
    pub fn weight(&self, name: &str) -> f64 {
        self.weights
            .iter()
            .find(|(n, _)| n == name)
            .map_or(1.0, |(_, w)| *w)
    }

    fn weight_mut(&mut self, name: &str) -> &mut f64 {
        if let Some(k) = self.weights.iter().position(|(n, _)| n == name) {
            return &mut self.weights[k].1;
        }
        self.weights.push((name.to_string(), 1.0));
        let last = self.weights.len() - 1;
        &mut self.weights[last].1
    }
}

/// The form, the proposal and the table. `projection` is the plan's, for
/// the coverage now before a split is proposed.
pub fn show(
    ui: &mut Ui,
    split: &mut BudgetSplitForm,
    plan: &Scenario,
    projection: &Projection,
    messages: &mut Vec<Message>,
) {
    if plan.minerals.is_empty() {
        ui.weak("No minerals yet.");
        return;
    }
    let current_total: f64 = plan.minerals.iter().map(|m| m.budget_usd).sum();
    ui.horizontal_wrapped(|ui| {
        ui.label("Split");
        let label = ui.label("a total of");
        let mut total = split.total_usd.unwrap_or(current_total);
        if form::usd(ui, "budget_split.total_usd", &mut total, label.id).changed() {
            split.total_usd = Some(total);
        }
        ui.label("among the minerals to raise the lowest final coverage");
        if ui
            .button("Propose split")
            .on_hover_text(
                "Respects ceilings, capacities and events; weights >1 ask more coverage of a mineral",
            )
            .clicked()
        {
            messages.push(Message::ProposeSplit);
        }
        // Always there (greyed when in use), so nothing below moves.
        if ui
            .add_enabled(split.total_usd.is_some(), egui::Button::new("Current total").small())
            .on_hover_text("Split the plan's current total again")
            .clicked()
        {
            split.total_usd = None;
        }
    });
    let answer = split.answer.clone();
    let proposal = match &answer {
        Some(Ok(a)) => Some(a),
        Some(Err(problem)) => {
            form::problem_label(ui, problem);
            None
        }
        None => None,
    };
    match proposal {
        Some(a) => outcome(ui, a, plan, messages),
        None => {
            ui.weak("Weights and the total are yours to set; nothing changes until you apply.");
        }
    }
    // Up and down only: the table fits its room, the last column ("Held
    // by") cut with its whole reason on hover, rather than a column past
    // the right edge of a 1280-pixel screen.
    egui::ScrollArea::vertical()
        .id_salt("budget_split")
        .show(ui, |ui| {
            Grid::new("budget_split_grid")
                .striped(true)
                .spacing([8.0, 4.0])
                .show(ui, |ui| {
                    for h in [
                        "Mineral",
                        "Weight",
                        "Budget now",
                        "Coverage now",
                        "Proposed",
                        "Coverage then",
                        "Held by",
                    ] {
                        ui.strong(h);
                    }
                    ui.end_row();
                    for (i, m) in plan.minerals.iter().enumerate() {
                        ui.label(&m.name);
                        let w = split.weight_mut(&m.name);
                        ui.add(
                            egui::DragValue::new(w)
                                .range(0.1..=10.0)
                                .speed(0.05)
                                .max_decimals(2),
                        )
                        .on_hover_text("2 asks twice this mineral's coverage of the others")
                        .accessible_name(format!("{} weight", m.name));
                        ui.label(usd_short(m.budget_usd));
                        match proposal.and_then(|a| a.minerals.get(i)) {
                            Some(p) => {
                                ui.label(pct(p.current_coverage_pct));
                                ui.label(RichText::new(usd_short(p.proposed_budget_usd)).strong());
                                ui.label(RichText::new(pct(p.proposed_coverage_pct)).strong());
                                match &p.limit {
                                    // Whole on hover (egui's own tooltip
                                    // for a cut label).
                                    Some(limit) => ui.add(
                                        egui::Label::new(RichText::new(&limit.reason).weak())
                                            .truncate(),
                                    ),
                                    None => ui.weak(""),
                                };
                            }
                            None => {
                                // The coverage now is known before any
                                // proposal (matched by name: the
                                // projection may be of a moment ago).
                                match projection.minerals.iter().find(|p| p.name == m.name) {
                                    Some(p) => ui.label(pct(p.final_coverage_pct())),
                                    None => ui.weak("—"),
                                };
                                for _ in 0..3 {
                                    ui.weak("—");
                                }
                            }
                        }
                        ui.end_row();
                    }
                });
        });
}

/// The proposal's outcome and the button that applies it, above the table
/// so that a short window still shows them.
fn outcome(ui: &mut Ui, a: &Allocation, plan: &Scenario, messages: &mut Vec<Message>) {
    ui.horizontal_wrapped(|ui| {
        ui.label(format!(
            "Lowest weighted coverage: {} now → {} proposed",
            pct(a.current_lowest_score),
            pct(a.proposed_lowest_score)
        ));
        let matches_plan = a.minerals.len() == plan.minerals.len()
            && a.minerals
                .iter()
                .zip(&plan.minerals)
                .all(|(p, m)| p.name == m.name);
        if ui
            .add_enabled(matches_plan, egui::Button::new("Apply proposed split"))
            .on_hover_text(
                "Sets every mineral's budget at once: one edit, Edit > Undo takes it back",
            )
            .clicked()
        {
            messages.push(Message::ApplySplit);
        }
    });
    if a.unallocated_usd >= 1.0 {
        let why = a.unallocated_reason.clone().unwrap_or_default();
        ui.add(
            egui::Label::new(
                RichText::new(format!(
                    "{} left unallocated: {why}",
                    usd_short(a.unallocated_usd)
                ))
                .weak(),
            )
            .wrap(),
        );
    }
}
