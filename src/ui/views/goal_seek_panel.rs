//! Goal seek: "what budget does this mineral need to reach X % coverage by
//! month M?", asked in words, answered in words, applied as one undoable
//! edit. The answer comes from `model::goal_seek` (run when the planner
//! asks); this view only shows it.

use super::form;
use crate::model::goal_seek::GoalSeek;
use crate::model::{Scenario, YearMonth};
use crate::ui::command::Message;
use egui::{ComboBox, RichText, Ui};

/// The question being asked, and the last answer.
#[derive(Clone, Debug, PartialEq)]
pub struct GoalSeekForm {
    pub mineral: usize,
    /// The mineral selected in the list when `mineral` last followed it:
    /// the question is about the mineral the planner is looking at until
    /// they pick another here.
    pub followed_selection: Option<usize>,
    pub coverage_pct: f64,
    /// Scenario month (1-based) the coverage is wanted by; 0: the last.
    pub by_month: u32,
    pub answer: Option<GoalAnswer>,
}

impl Default for GoalSeekForm {
    fn default() -> Self {
        Self {
            mineral: 0,
            followed_selection: None,
            coverage_pct: 100.0,
            by_month: 0,
            answer: None,
        }
    }
}

/// An answer, with the question it answers (the plan may change after).
#[derive(Clone, Debug, PartialEq)]
pub struct GoalAnswer {
    pub mineral: usize,
    pub mineral_name: String,
    pub by: YearMonth,
    /// The answer, or why the question could not be asked.
    pub result: Result<GoalSeek, String>,
}

/// The question and its answer. `selected` is the mineral selected in the
/// list: the question follows it whenever it changes.
pub fn show(
    ui: &mut Ui,
    form_state: &mut GoalSeekForm,
    plan: &Scenario,
    selected: usize,
    messages: &mut Vec<Message>,
) {
    if plan.minerals.is_empty() {
        ui.weak("No minerals yet.");
        return;
    }
    if form_state.followed_selection != Some(selected) {
        form_state.followed_selection = Some(selected);
        form_state.mineral = selected;
    }
    let horizon = plan.horizon_months.max(1);
    form_state.mineral = form_state.mineral.min(plan.minerals.len() - 1);
    if form_state.by_month == 0 || form_state.by_month > horizon {
        form_state.by_month = horizon;
    }
    ui.horizontal_wrapped(|ui| {
        ui.label("What budget does");
        let name = plan.minerals[form_state.mineral].name.clone();
        ComboBox::from_id_salt("goal_mineral")
            .selected_text(name)
            .show_ui(ui, |ui| {
                for (i, m) in plan.minerals.iter().enumerate() {
                    ui.selectable_value(&mut form_state.mineral, i, &m.name);
                }
            })
            .response
            .on_hover_text("The mineral whose budget is sought");
        let label = ui.label("need to reach");
        form::pct_field(ui, "goal_seek.coverage_pct", &mut form_state.coverage_pct)
            .labelled_by(label.id)
            .on_hover_text("Coverage to reach, % of the requirement");
        ui.label("% coverage by");
        ComboBox::from_id_salt("goal_by")
            .selected_text(plan.calendar_month(form_state.by_month).to_string())
            .height(300.0)
            .show_ui(ui, |ui| {
                for m in (1..=horizon).rev() {
                    ui.selectable_value(
                        &mut form_state.by_month,
                        m,
                        plan.calendar_month(m).to_string(),
                    );
                }
            })
            .response
            .on_hover_text("The month by whose end the coverage is wanted");
        ui.label("?");
        if ui
            .button("Find budget")
            .on_hover_text("Given the events, ceilings and capacities of this variant")
            .clicked()
        {
            messages.push(Message::SeekBudget);
        }
    });
    let Some(answer) = &form_state.answer else {
        ui.weak("Everything else stays as it is: events, ceilings, capacities, prices.");
        ui.weak("It works on the plan's values (the lines), not on the ranges: after applying, the summary's Chance of 100% says how sure it is.");
        return;
    };
    ui.add_space(4.0);
    match &answer.result {
        Err(problem) => {
            form::problem_label(ui, problem);
        }
        Ok(result) => {
            let sentence = format!("{}: {}", answer.mineral_name, result.sentence(answer.by));
            let text = RichText::new(sentence).size(15.0);
            match result {
                GoalSeek::NotReachable { .. } => {
                    ui.label(text.color(crate::ui::palette::problem_color(ui.visuals().dark_mode)));
                }
                _ => {
                    ui.label(text.strong());
                }
            }
            let budget = result.budget_usd();
            let current = plan
                .minerals
                .get(answer.mineral)
                .map_or(f64::NAN, |m| m.budget_usd);
            // Say which way the budget moves: an answer to "reach 90 %"
            // may well be a cut (more would not be used).
            let verb = match result {
                GoalSeek::NotReachable { .. } if budget < current => {
                    "Lower the budget to what can be used"
                }
                GoalSeek::NotReachable { .. } => "Raise the budget to what can be used",
                _ if budget < current => "Lower the budget to",
                _ => "Apply this budget",
            };
            ui.horizontal(|ui| {
                let same = (budget - current).abs() < 0.5;
                if ui
                    .add_enabled(
                        !same,
                        egui::Button::new(format!("{verb}: {}", crate::display::usd_short(budget))),
                    )
                    .on_hover_text("One edit: Edit > Undo takes it back")
                    .clicked()
                {
                    messages.push(Message::ApplySoughtBudget);
                }
                ui.weak(format!("now {}", crate::display::usd_short(current)));
            });
        }
    }
}
