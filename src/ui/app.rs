//! The app shell: lays out the views, routes every [`Message`] (and so every
//! [`Command`]) through one place, refreshes derived data once per frame,
//! records undo checkpoints, and persists window preferences.

use super::command::{Command, Message};
use super::document::{Baseline, DiskStamp, Document};
use super::files::Dialogs;
use super::session_end::EndRequest;
use super::views;
use super::views::disk_changed::DiskOffer;
use super::views::merge_review::{BaseQuestion, MergeReview};
use super::views::notices::Notices;
use super::views::path_prompt::PathPrompt;
use super::views::save_prompt::{Confirmed, SaveQuestion};
use super::views::unsaved_prompt::Replace;
use crate::file::recovery::{Recovered, RecoveryStore};
use crate::model::compare::DiffTarget;
use crate::model::{Problem, Scenario};
use egui::{Id, Panel, Theme, Ui};
use serde::{Deserialize, Serialize};
use std::path::PathBuf;

/// What is remembered between runs (eframe storage), with the window size
/// that eframe keeps itself.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct Preferences {
    /// Light or dark; `None` follows the system.
    pub theme: Option<Theme>,
    /// UI zoom (Ctrl + and Ctrl -), for projectors.
    pub zoom_factor: Option<f32>,
    /// Most recent first.
    pub recent_files: Vec<PathBuf>,
    /// Where the file dialogs start.
    pub last_folder: Option<PathBuf>,
    /// The planner folded the scenario panel away (View menu).
    pub hide_scenario_panel: bool,
    /// The planner folded the editor panel away (View menu).
    pub hide_editor_panel: bool,
    /// Reduced motion as the planner chose it (View menu); `None`: on
    /// where the window is drawn in software.
    pub reduced_motion: Option<bool>,
}

/// Presenter mode is on: what to restore when it ends, and which side
/// panels the presenter brought back (none at first).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Presenter {
    pub zoom_before: f32,
    /// Whether the tabs under the plot were folded before.
    pub folded_before: bool,
    pub show_scenario_panel: bool,
    pub show_editor_panel: bool,
}

/// Presenter mode's zoom, relative to the zoom before it.
const PRESENTER_ZOOM: f32 = 1.25;

/// The right-hand panel: the selected mineral, or the events timeline.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RightTab {
    Mineral,
    Events,
}

/// Under the plot: the summary, or what differs from the baseline.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BottomTab {
    Summary,
    Changes,
    /// The tornado chart.
    Sensitivity,
    GoalSeek,
    BudgetSplit,
}

/// Most commands kept in [`PlannerApp::commands_run`].
const COMMANDS_REMEMBERED: usize = 50;

pub struct PlannerApp {
    /// This frame's first pass had input ([`Self::settle_in_passes`]).
    settling: bool,
    /// A line per frame when asked for (`ui/frame_log.rs`).
    frame_log: super::frame_log::FrameLog,
    /// The window is drawn without a GPU (Mesa's llvmpipe and the like):
    /// reduced motion is on unless the planner chose otherwise.
    pub software_rendering: bool,
    /// Reduced motion as last applied to the style.
    motion_applied: Option<bool>,
    pub doc: Document,
    pub preferences: Preferences,
    pub notices: Notices,
    pub(super) dialogs: Dialogs,
    /// This window's recovery copies; `None` disables recovery.
    pub recovery: Option<RecoveryStore>,
    pub(super) last_recovery: Option<Scenario>,
    pub(super) last_recovery_at_s: Option<f64>,
    /// How long the last recovery copy took to write, in seconds.
    pub(super) last_recovery_write_s: f64,
    /// A signal asked the program to end (see `session_end`).
    pub end_request: EndRequest,
    /// A failure to write a copy was told once; told again after a success.
    pub(super) recovery_failure_shown: bool,
    /// Unsaved work of a window that is gone, offered for restoring.
    pub recovery_offer: Option<Recovered>,
    /// More such work, offered after the first is answered.
    pub(super) later_recovery_offers: Vec<Recovered>,
    /// "Save changes before …?" is on screen for this action.
    pub unsaved_prompt: Option<Replace>,
    /// Once a save from the prompt succeeds, carry on with this.
    pub(super) after_save: Option<Replace>,
    /// A question before saving is on screen.
    pub save_question: Option<SaveQuestion>,
    /// Questions before saving already answered yes, for the save under way.
    pub(super) save_confirmed: Confirmed,
    /// The scenario as it was when the Open dialog was asked for (after any
    /// Save / Don't save): edits made while the dialog is up are asked about
    /// when its answer arrives.
    pub(super) open_dialog_from: Option<Scenario>,
    pub path_prompt: Option<PathPrompt>,
    /// "The file changed on disk": reload, merge or keep.
    pub disk_offer: Option<DiskOffer>,
    /// The version on disk last offered, not offered again.
    pub(super) disk_offered_for: Option<DiskStamp>,
    /// The window had the focus at the last frame.
    pub(super) was_focused: bool,
    /// When the window last looked whether its file changed on disk.
    pub(super) disk_looked_at_s: f64,
    /// Where each panel was drawn last frame (scenario, editor, plot and
    /// tables), for the tests that nothing is drawn past a panel's edge.
    pub panel_rects: Vec<(&'static str, egui::Rect)>,
    /// A merge with conflicts waiting for the planner's choices.
    pub merge_review: Option<MergeReview>,
    /// File > Merge with file…: their copy is read, the base is asked.
    pub merge_base_question: Option<BaseQuestion>,
    /// The planner confirmed closing.
    pub(super) allow_close: bool,
    window_title: String,
    /// The window was checked against the screen it opened on.
    fitted_to_screen: bool,
    /// The fallback font (arrows in "What changed") is installed.
    fonts_added: bool,
    /// What the right-hand panel shows.
    pub right_tab: RightTab,
    /// Presenter mode, when on.
    pub presenter: Option<Presenter>,
    /// What shows under the plot.
    pub bottom_tab: BottomTab,
    /// What is under the plot is folded to its tab row: the plot takes the
    /// room (a meeting looking at the plot alone).
    pub bottom_folded: bool,
    /// A variant being renamed in the variant bar.
    pub renaming: views::variant_bar::Renaming,
    /// Monte Carlo bands and the tornado, run off the UI thread.
    pub analysis: super::analysis::Analysis,
    /// Whose final coverage the tornado measures; `None`: all minerals.
    pub tornado_focus: Option<usize>,
    /// The goal seek question and answer.
    pub goal_form: views::goal_seek_panel::GoalSeekForm,
    /// The budget split question and proposal.
    pub split_form: views::budget_split::BudgetSplitForm,
    /// The command palette (Ctrl+K).
    pub palette: views::command_palette::CommandPalette,
    /// Side panels drawn last frame (and whether one was folded for room).
    pub panels: super::layout::PanelFit,
    /// The text field that had the focus last frame: while the same field
    /// keeps it, its edit is not finished and no undo step is taken.
    editing_field: Option<Id>,
    /// Messages sent by views, shortcuts and tests, carried out at the start
    /// of the next frame.
    pending: Vec<Message>,
    /// The commands carried out, oldest first (the last few): what a menu
    /// entry or a shortcut really did.
    pub commands_run: Vec<Command>,
}

impl PlannerApp {
    /// The window on `scenario`, with native dialogs and no recovery; see
    /// [`Self::with_files`].
    pub fn new(scenario: Scenario) -> Self {
        Self::with_files(Document::new(scenario), Dialogs::native(), None)
    }

    /// The window on `doc`, asking for files with `dialogs`, and keeping
    /// recovery copies in `recovery_dir` (unsaved copies that windows no
    /// longer running left there are offered for restoring).
    pub fn with_files(doc: Document, dialogs: Dialogs, recovery_dir: Option<PathBuf>) -> Self {
        let mut notices = Notices::default();
        let recovery = recovery_dir.and_then(|folder| match RecoveryStore::open(&folder) {
            Ok(store) => Some(store),
            Err(e) => {
                notices.error(format!(
                    "Unsaved work cannot be copied for recovery ({}: {e}); save your work to keep it safe.",
                    folder.display()
                ));
                None
            }
        });
        let mut later_recovery_offers = recovery
            .as_ref()
            .map(RecoveryStore::orphans)
            .unwrap_or_default();
        let recovery_offer =
            (!later_recovery_offers.is_empty()).then(|| later_recovery_offers.remove(0));
        Self {
            settling: false,
            frame_log: super::frame_log::FrameLog::from_env(),
            software_rendering: false,
            motion_applied: None,
            doc,
            preferences: Preferences::default(),
            notices,
            dialogs,
            recovery,
            last_recovery: None,
            last_recovery_at_s: None,
            last_recovery_write_s: 0.0,
            end_request: EndRequest::default(),
            recovery_failure_shown: false,
            recovery_offer,
            later_recovery_offers,
            unsaved_prompt: None,
            after_save: None,
            save_question: None,
            save_confirmed: Confirmed::default(),
            open_dialog_from: None,
            path_prompt: None,
            disk_offer: None,
            disk_offered_for: None,
            was_focused: true,
            disk_looked_at_s: f64::NEG_INFINITY,
            merge_review: None,
            panel_rects: Vec::new(),
            merge_base_question: None,
            allow_close: false,
            window_title: String::new(),
            fitted_to_screen: false,
            fonts_added: false,
            right_tab: RightTab::Mineral,
            presenter: None,
            bottom_tab: BottomTab::Summary,
            bottom_folded: false,
            renaming: Default::default(),
            analysis: Default::default(),
            tornado_focus: None,
            goal_form: Default::default(),
            split_form: Default::default(),
            palette: Default::default(),
            panels: super::layout::fit_panels(f32::INFINITY, true, true),
            editing_field: None,
            pending: Vec::new(),
            commands_run: Vec::new(),
        }
    }

    /// "plan.ron*" while there are unsaved changes.
    pub fn title(&self) -> String {
        let mark = if self.doc.is_dirty() { "*" } else { "" };
        format!(
            "{}{mark} - {} - Stockpile Planner",
            self.doc.file_label(),
            self.doc.active().name
        )
    }

    /// Queue a command or message; it is carried out at the start of the
    /// next frame.
    pub fn send(&mut self, message: impl Into<Message>) {
        self.pending.push(message.into());
    }

    /// Carry out one message. Each scenario edit is its own undo step.
    fn execute(&mut self, ctx: &egui::Context, message: Message) {
        let doc = &mut self.doc;
        match message {
            Message::Run(command) => self.run(ctx, command),
            Message::OpenRecent(path) | Message::OpenPath(path) => {
                if !self.dialogs.open {
                    self.path_prompt = None;
                    self.replace_scenario(ctx, Replace::OpenPath(path));
                }
            }
            Message::SaveTo(path) => {
                self.path_prompt = None;
                self.save_to(ctx, &path);
            }
            Message::AnswerUnsaved(choice) => self.answer_unsaved(ctx, choice),
            Message::AnswerSave(answer) => self.answer_save(ctx, answer),
            Message::AnswerDisk(answer) => self.answer_disk(ctx, answer),
            Message::MergeTheirsPath(path) => self.merge_theirs_from(&path),
            Message::MergeBasePath(path) => self.merge_with_base_from(ctx, &path),
            Message::PickMergeBase => self.pick_merge_base(ctx),
            Message::MergeWithoutBase => self.merge_without_base(ctx),
            Message::SetMergeChoice { conflict, side } => self.set_merge_choice(conflict, side),
            Message::ApplyMerge => self.finish_merge(ctx),
            Message::CancelMerge => self.cancel_merge(),
            Message::RestoreRecovery => self.restore_recovery(),
            Message::DiscardRecovery => self.discard_recovery(),
            Message::AddPreset(n) => {
                if let Some(k) = doc.active_mut().add_preset(n) {
                    doc.selected_event = k;
                    self.right_tab = RightTab::Events;
                }
            }
            Message::RemoveEvent(k) => {
                if let Some(removed) = doc.active_mut().remove_event(k) {
                    self.notices.info(format!(
                        "Deleted the event \"{}\". Edit > Undo brings it back.",
                        removed.name
                    ));
                }
            }
            Message::SelectEvent(k) => doc.selected_event = k,
            Message::SelectMineral(i) => {
                doc.selected = i;
                self.right_tab = RightTab::Mineral;
            }
            Message::ShowInput(input) => self.show_input(ctx, input),
            Message::SeekBudget => self.seek_budget(),
            Message::ApplySoughtBudget => self.apply_sought_budget(),
            Message::ProposeSplit => self.propose_split(),
            Message::ApplySplit => self.apply_split(),
            Message::RemoveSupplier { mineral, supplier } => {
                doc.active_mut().remove_supplier(mineral, supplier);
            }
            Message::AddFeedOrigin { mineral, supplier } => {
                doc.active_mut().add_feed_origin(mineral, supplier);
            }
            Message::RemoveFeedOrigin {
                mineral,
                supplier,
                origin,
            } => {
                doc.active_mut()
                    .remove_feed_origin(mineral, supplier, origin);
            }
            Message::SetFeedShareRange {
                mineral,
                supplier,
                origin,
                range,
            } => {
                doc.active_mut()
                    .set_feed_share_range(mineral, supplier, origin, range);
            }
            Message::FillFeedFromWorld { mineral, supplier } => {
                let table = crate::model::reference::ReferenceTable::builtin();
                if !doc
                    .active_mut()
                    .fill_feed_from_world(mineral, supplier, table)
                {
                    self.notices.error(
                        "The bundled reference table has no world production by country for this mineral, so no feed mix can be proposed; enter it by hand.",
                    );
                }
            }
            Message::SwitchVariant(k) => {
                doc.switch_to(k);
            }
            Message::RenameVariantTo(k, name) => self.rename_variant(k, name),
            Message::SetBaseline(k) => {
                doc.baseline = k.map(Baseline::Variant);
                if doc.baseline.is_some() {
                    self.bottom_tab = BottomTab::Changes;
                } else {
                    self.bottom_tab = BottomTab::Summary;
                }
            }
            Message::CompareWithPath(path) => {
                self.path_prompt = None;
                self.compare_with_file(&path);
            }
            Message::ExportTo(kind, path) => {
                self.path_prompt = None;
                self.export_to(kind, &path);
            }
            Message::ShowDifference(target) => match target {
                DiffTarget::Mineral(i) => {
                    doc.selected = i;
                    self.right_tab = RightTab::Mineral;
                    self.reveal_editor();
                }
                DiffTarget::Event(k) => {
                    doc.selected_event = k;
                    self.right_tab = RightTab::Events;
                    self.reveal_editor();
                }
                DiffTarget::Scenario => {}
            },
        }
    }

    /// Carry out a user-facing command.
    fn run(&mut self, ctx: &egui::Context, command: Command) {
        if command.is_file_action() && self.dialogs.open {
            return;
        }
        self.commands_run.push(command);
        if self.commands_run.len() > COMMANDS_REMEMBERED {
            self.commands_run.remove(0);
        }
        let doc = &mut self.doc;
        let selected = doc.selected;
        match command {
            Command::NewScenario => self.replace_scenario(ctx, Replace::New),
            Command::Open => self.replace_scenario(ctx, Replace::OpenDialog),
            Command::OpenByPath => {
                let request = super::files::FileRequest::Open {
                    folder: self.start_folder(),
                };
                self.path_prompt = Some(PathPrompt::new(request, None));
            }
            Command::Save => self.save(ctx),
            Command::SaveAs => self.save_as(ctx),
            Command::ReloadFromDisk => self.reload_from_disk(),
            Command::MergeWithFile => {
                let folder = self.start_folder();
                self.dialogs
                    .ask(super::files::FileRequest::MergeTheirs { folder }, ctx);
            }
            Command::Quit => self.replace_scenario(ctx, Replace::Close),
            Command::Undo => doc.undo(),
            Command::Redo => doc.redo(),
            Command::AddMineral => {
                doc.selected = doc.active_mut().add_mineral();
                self.right_tab = RightTab::Mineral;
            }
            Command::DuplicateMineral => {
                if let Some(copy) = doc.active_mut().duplicate_mineral(selected) {
                    doc.selected = copy;
                }
            }
            Command::RemoveMineral => {
                if let Some(removed) = doc.active_mut().remove_mineral(selected) {
                    self.notices.info(format!(
                        "Removed {}. Edit > Undo brings it back.",
                        removed.name
                    ));
                }
            }
            Command::AddSupplier => {
                doc.active_mut().add_supplier(selected);
            }
            Command::NormalizeShares => {
                doc.active_mut().normalize_shares(selected);
            }
            Command::AddEvent => {
                // Switched off until the planner has said what it is: one
                // click never moves the plot.
                let k = doc.active_mut().add_event(selected);
                doc.active_mut().disruptions[k].enabled = false;
                doc.selected_event = k;
                self.right_tab = RightTab::Events;
                self.notices.info(
                    "Added \"New event\" switched off: set its kind, target and months, then tick it to put it in force.",
                );
            }
            Command::ToggleTheme => {
                let next = match ctx.theme() {
                    Theme::Dark => Theme::Light,
                    Theme::Light => Theme::Dark,
                };
                self.preferences.theme = Some(next);
                ctx.set_theme(next);
            }
            Command::PresenterMode => self.toggle_presenter(ctx),
            Command::ToggleScenarioPanel => match &mut self.presenter {
                Some(p) => p.show_scenario_panel ^= true,
                None => self.preferences.hide_scenario_panel ^= true,
            },
            Command::ToggleEditorPanel => match &mut self.presenter {
                Some(p) => p.show_editor_panel ^= true,
                None => self.preferences.hide_editor_panel ^= true,
            },
            Command::ReducedMotion => {
                self.preferences.reduced_motion = Some(!self.reduced_motion());
            }
            Command::ZoomIn => egui::gui_zoom::zoom_in(ctx),
            Command::ZoomOut => egui::gui_zoom::zoom_out(ctx),
            // In presenter mode, back to presenter mode's own zoom.
            Command::ZoomReset => ctx.set_zoom_factor(
                self.presenter
                    .map_or(1.0, |p| (p.zoom_before * PRESENTER_ZOOM).min(3.0)),
            ),
            Command::CommandPalette => self.palette.open(),
            Command::DuplicateVariant => {
                if let Some(k) = doc.scenario.duplicate_variant(doc.active) {
                    doc.active = k;
                    // Named at once: "… (copy)" says nothing in a meeting.
                    let name = doc.active().name.clone();
                    self.renaming.start(k, &name);
                    self.notices.info(
                        "Added a variant: type its name and press Enter. Edits now change it, not the others.",
                    );
                }
            }
            Command::RenameVariant => {
                let name = doc.active().name.clone();
                self.renaming.start(doc.active, &name);
            }
            Command::DeleteVariant => {
                let k = doc.active;
                if let Some(removed) = doc.scenario.remove_variant(k) {
                    doc.active = k - 1;
                    doc.baseline = match doc.baseline.take() {
                        Some(Baseline::Variant(b)) if b == k => None,
                        Some(Baseline::Variant(b)) if b > k => Some(Baseline::Variant(b - 1)),
                        other => other,
                    };
                    self.notices.info(format!(
                        "Deleted the variant \"{}\". Edit > Undo brings it back.",
                        removed.name
                    ));
                }
            }
            Command::CompareWithFile => {
                let folder = self.start_folder();
                self.dialogs
                    .ask(super::files::FileRequest::CompareWith { folder }, ctx);
            }
            Command::ExportChart => self.ask_export(ctx, super::files::ExportKind::ChartPng),
            Command::ExportCsv => self.ask_export(ctx, super::files::ExportKind::ProjectionCsv),
            Command::ExportBriefing => self.ask_export(ctx, super::files::ExportKind::BriefingHtml),
            Command::StopComparing => {
                doc.baseline = None;
                self.bottom_tab = BottomTab::Summary;
            }
            Command::ShowSummary
            | Command::ShowWhatChanged
            | Command::ShowSensitivity
            | Command::ShowGoalSeek
            | Command::ShowBudgetSplit => {
                self.bottom_tab = match command {
                    Command::ShowWhatChanged => BottomTab::Changes,
                    Command::ShowSensitivity => BottomTab::Sensitivity,
                    Command::ShowGoalSeek => BottomTab::GoalSeek,
                    Command::ShowBudgetSplit => BottomTab::BudgetSplit,
                    _ => BottomTab::Summary,
                };
                // A tab asked for is a tab wanted on screen.
                self.bottom_folded = false;
            }
        }
    }

    /// The command palette, when open; what it picks is sent like a click.
    fn show_palette(&mut self, ctx: &egui::Context) {
        use views::command_palette::PaletteItem;
        if !self.palette.is_open() {
            return;
        }
        let file = &self.doc.scenario;
        let active = self.doc.active();
        let items = PaletteItem::all(
            active.minerals.iter().map(|m| m.name.clone()),
            active.disruptions.iter().map(|d| d.name.clone()),
            (0..file.variant_count()).filter_map(|k| file.variant_name(k).map(str::to_string)),
        );
        let disabled: Vec<Command> = Command::ALL
            .into_iter()
            .filter(|&c| !self.command_enabled(c))
            .collect();
        let enabled = |item: &PaletteItem| match item {
            PaletteItem::Command(c) => !disabled.contains(c),
            _ => true,
        };
        let Some(choice) = self.palette.show_with_enabled(ctx, &items, &enabled) else {
            return;
        };
        self.pending.push(match choice {
            PaletteItem::Command(c) => c.into(),
            PaletteItem::Mineral { index, .. } => Message::SelectMineral(index),
            PaletteItem::Event { index, .. } => {
                self.right_tab = RightTab::Events;
                Message::SelectEvent(index)
            }
            PaletteItem::Variant { index, .. } => Message::SwitchVariant(index),
        });
    }

    /// Whether `command` can run now (menus grey out the others).
    fn command_enabled(&self, command: Command) -> bool {
        let doc = &self.doc;
        match command {
            Command::ReloadFromDisk => !self.dialogs.open && doc.path.is_some(),
            c if c.is_file_action() => !self.dialogs.open,
            Command::DuplicateMineral | Command::RemoveMineral | Command::AddSupplier => {
                !doc.active().minerals.is_empty()
            }
            Command::DeleteVariant => doc.active > 0,
            Command::StopComparing => doc.baseline.is_some(),
            Command::ShowWhatChanged => doc.comparison.is_some(),
            Command::Undo => doc.history.undo_label(&doc.scenario).is_some(),
            Command::Redo => doc.history.redo_label(&doc.scenario).is_some(),
            _ => true,
        }
    }

    /// Rename variant `k`; an empty name or one another variant has is
    /// refused with a message (the file needs names to tell them apart).
    fn rename_variant(&mut self, k: usize, name: String) {
        let file = &self.doc.scenario;
        if name.is_empty() {
            self.notices
                .error("A variant needs a name; the old one is kept.");
            return;
        }
        if let Some(other) = file.find_variant(&name).filter(|&o| o != k) {
            self.notices.error(format!(
                "\"{name}\" is already the name of {}; the old name is kept.",
                if other == 0 {
                    "the base".to_string()
                } else {
                    format!("variant {}", other + 1)
                }
            ));
            return;
        }
        if let Some(v) = self.doc.scenario.variant_mut(k) {
            v.name = name;
        }
    }

    /// Select the mineral or event an input of the tornado belongs to, show
    /// the editor and put the cursor in the input's field.
    fn show_input(&mut self, ctx: &egui::Context, input: crate::model::sensitivity::Input) {
        use crate::model::sensitivity::Input;
        self.reveal_editor();
        if let Some(k) = input.event() {
            self.doc.selected_event = k;
            self.right_tab = RightTab::Events;
            return;
        }
        let Some(i) = input.mineral() else { return };
        self.doc.selected = i;
        self.right_tab = RightTab::Mineral;
        let field = match input {
            Input::Budget { .. } => "budget_usd".to_string(),
            Input::Price { .. } => "price_usd_per_unit".into(),
            Input::Escalation { .. } => "escalation_pct_per_year".into(),
            Input::Requirement { .. } => "requirement_qty".into(),
            Input::Share { supplier, .. } => format!("suppliers[{supplier}].share_pct"),
            Input::LeadTime { supplier, .. } => format!("suppliers[{supplier}].lead_time_months"),
            Input::Capacity { supplier, .. } => {
                format!("suppliers[{supplier}].capacity_qty_per_year")
            }
            Input::Ceiling { .. } | Input::EventHappens { .. } | Input::EventStart { .. } => {
                return;
            }
        };
        let id = views::field::field_id(&format!("minerals[{i}].{field}"));
        ctx.memory_mut(|m| m.request_focus(id));
    }

    /// Answer the goal seek on screen for the plan on screen.
    fn seek_budget(&mut self) {
        let form = &mut self.goal_form;
        let Some(plan) = self.doc.valid_plan() else {
            form.answer = None;
            self.notices
                .error("Fix the problems marked in red first: the plan cannot be projected.");
            return;
        };
        let Some(m) = plan.minerals.get(form.mineral) else {
            return;
        };
        let by_month = form.by_month.clamp(1, plan.horizon_months.max(1));
        let result = crate::model::goal_seek(plan, form.mineral, form.coverage_pct, by_month)
            .map_err(|e| format!("Cannot ask: {e}"));
        form.answer = Some(views::goal_seek_panel::GoalAnswer {
            mineral: form.mineral,
            mineral_name: m.name.clone(),
            by: plan.calendar_month(by_month),
            result,
        });
    }

    fn apply_sought_budget(&mut self) {
        let Some(answer) = self.goal_form.answer.clone() else {
            return;
        };
        let Ok(result) = &answer.result else { return };
        let scenario = self.doc.active_mut();
        let same_mineral = scenario
            .minerals
            .get(answer.mineral)
            .is_some_and(|m| m.name == answer.mineral_name);
        if same_mineral && scenario.set_mineral_budget(answer.mineral, result.budget_usd()) {
            self.notices.info(format!(
                "{} budget set to {}. Edit > Undo takes it back.",
                answer.mineral_name,
                crate::display::usd_short(result.budget_usd())
            ));
        }
    }

    /// Propose a split of the total among the minerals of the plan on screen.
    fn propose_split(&mut self) {
        let split = &mut self.split_form;
        let Some(plan) = self.doc.valid_plan() else {
            split.answer = None;
            self.notices
                .error("Fix the problems marked in red first: the plan cannot be projected.");
            return;
        };
        let total = split
            .total_usd
            .unwrap_or_else(|| plan.minerals.iter().map(|m| m.budget_usd).sum());
        let weights: Vec<f64> = plan
            .minerals
            .iter()
            .map(|m| split.weight(&m.name))
            .collect();
        split.answer = Some(
            crate::model::allocate(plan, total, &weights).map_err(|e| format!("Cannot split: {e}")),
        );
    }

    fn apply_split(&mut self) {
        let Some(Ok(allocation)) = self.split_form.answer.clone() else {
            return;
        };
        if self.doc.active_mut().set_budgets(&allocation.budgets_usd()) {
            self.notices.info(format!(
                "Budgets set to the proposed split of {}. Edit > Undo takes it back.",
                crate::display::usd_short(allocation.total_usd - allocation.unallocated_usd)
            ));
        }
    }

    /// Make the editor visible (a click on a difference selects what to
    /// edit): unfold it if the planner folded it.
    fn reveal_editor(&mut self) {
        match &mut self.presenter {
            Some(p) => p.show_editor_panel = true,
            None => self.preferences.hide_editor_panel = false,
        }
    }

    /// Compare with the base scenario of the file at `path`.
    pub(super) fn compare_with_file(&mut self, path: &std::path::Path) {
        match crate::file::load(path) {
            Ok(scenario) => {
                self.doc.baseline = Some(Baseline::File {
                    path: path.to_path_buf(),
                    scenario,
                });
                self.bottom_tab = BottomTab::Changes;
            }
            Err(e) => self.notices.error(format!("Could not compare: {e}")),
        }
    }

    /// Presenter mode on or off: full screen, a larger zoom and the plot
    /// alone, restored exactly on leaving.
    fn toggle_presenter(&mut self, ctx: &egui::Context) {
        match self.presenter.take() {
            Some(p) => {
                ctx.set_zoom_factor(p.zoom_before);
                self.bottom_folded = p.folded_before;
                ctx.send_viewport_cmd(egui::ViewportCommand::Fullscreen(false));
            }
            None => {
                let zoom_before = ctx.zoom_factor();
                self.presenter = Some(Presenter {
                    zoom_before,
                    folded_before: self.bottom_folded,
                    show_scenario_panel: false,
                    show_editor_panel: false,
                });
                // The room looks at the plot: the tabs under it start
                // folded ("Plot only"), one click away.
                self.bottom_folded = true;
                ctx.set_zoom_factor((zoom_before * PRESENTER_ZOOM).min(3.0));
                ctx.send_viewport_cmd(egui::ViewportCommand::Fullscreen(true));
            }
        }
    }

    /// The side panels wanted now: the presenter's choice in presenter
    /// mode, the remembered one otherwise.
    fn wanted_panels(&self) -> (bool, bool) {
        match &self.presenter {
            Some(p) => (p.show_scenario_panel, p.show_editor_panel),
            None => (
                !self.preferences.hide_scenario_panel,
                !self.preferences.hide_editor_panel,
            ),
        }
    }

    /// Turn this frame's key presses into commands. More specific shortcuts
    /// are tried first (Ctrl+Shift+S before Ctrl+S: egui matches logically),
    /// and Undo/Redo are left to a focused text field, which undoes its own
    /// typing first.
    /// A modal question is on screen (one at a time: another waits).
    pub(super) fn question_open(&self) -> bool {
        self.unsaved_prompt.is_some()
            || self.save_question.is_some()
            || self.disk_offer.is_some()
            || self.merge_review.is_some()
            || self.merge_base_question.is_some()
            || self.recovery_offer.is_some()
            || self.path_prompt.is_some()
    }

    fn read_shortcuts(&mut self, ctx: &egui::Context) {
        let in_text_field = ctx.text_edit_focused();
        // Escape leaves presenter mode, as it leaves full screen elsewhere,
        // unless it is closing a menu, a question or a field first.
        if self.presenter.is_some()
            && !in_text_field
            && !self.question_open()
            && !egui::Popup::is_any_open(ctx)
            && ctx.input_mut(|i| i.consume_key(egui::Modifiers::NONE, egui::Key::Escape))
        {
            self.pending.push(Command::PresenterMode.into());
        }
        for &(shortcut, command) in Command::shortcuts_in_handling_order() {
            if in_text_field && command.yields_to_text_field() {
                continue;
            }
            if ctx.input_mut(|i| i.consume_shortcut(&shortcut)) {
                self.pending.push(command.into());
            }
        }
        // Ctrl+1…9 show the base and the first eight variants.
        const DIGITS: [egui::Key; 9] = [
            egui::Key::Num1,
            egui::Key::Num2,
            egui::Key::Num3,
            egui::Key::Num4,
            egui::Key::Num5,
            egui::Key::Num6,
            egui::Key::Num7,
            egui::Key::Num8,
            egui::Key::Num9,
        ];
        for (k, key) in DIGITS.into_iter().enumerate() {
            let shortcut = egui::KeyboardShortcut::new(egui::Modifiers::COMMAND, key);
            if ctx.input_mut(|i| i.consume_shortcut(&shortcut)) {
                self.pending.push(Message::SwitchVariant(k));
            }
        }
    }

    /// Carry out what was queued, each message an undo step of its own.
    fn run_pending(&mut self, ctx: &egui::Context) {
        for message in std::mem::take(&mut self.pending) {
            let history_moves = matches!(
                message,
                Message::Run(Command::Undo) | Message::Run(Command::Redo)
            );
            if !history_moves {
                // A field edit in progress is its own step, before this one.
                self.doc.history.checkpoint(&self.doc.scenario);
            }
            self.execute(ctx, message);
            if !history_moves {
                self.doc.history.checkpoint(&self.doc.scenario);
            }
        }
    }

    /// Take an undo step unless the planner is mid-edit: typing in the same
    /// field as last frame, or dragging a value.
    fn checkpoint_history(&mut self, ctx: &egui::Context) {
        let editing = if ctx.text_edit_focused() {
            ctx.memory(|m| m.focused())
        } else {
            None
        };
        let mid_edit =
            ctx.egui_is_using_pointer() || (editing.is_some() && editing == self.editing_field);
        if !mid_edit {
            self.doc.history.checkpoint(&self.doc.scenario);
        }
        self.editing_field = editing;
    }

    /// The whole window. Used by eframe, the tests and the frame benchmark.
    /// Text typed into number fields that is not a number, as problems of
    /// the document; `true` when they changed.
    fn take_typing_problems(&mut self, ctx: &egui::Context) -> bool {
        let typing: Vec<Problem> = views::field::typing_problems(ctx)
            .0
            .into_iter()
            .map(|(path, (_text, message))| Problem { path, message })
            .collect();
        let changed = typing != self.doc.typing;
        self.doc.typing = typing;
        changed
    }

    /// Whether animations, the blinking cursor and spinners are off: as the
    /// planner chose, or by itself where the window is drawn in software.
    pub fn reduced_motion(&self) -> bool {
        self.preferences
            .reduced_motion
            .unwrap_or(self.software_rendering)
    }

    /// After a frame with input egui draws two more frames: one so that
    /// hover follows what moved under the pointer, and one more "to give
    /// things time to settle" (each immediate repaint counts twice). Two
    /// passes of the input's own frame do the same work without drawing:
    /// a pass costs about a millisecond, a frame drawn in software 20.
    /// eframe then finds the pending repaints older than the frame it drew
    /// and drops them (`docs/PERFORMANCE.md`, "A mouse move").
    /// In reduced motion only: with motion on, animations want the frames.
    pub fn settle_in_passes(&mut self, ctx: &egui::Context) {
        if !self.reduced_motion() {
            return;
        }
        let pass = ctx.current_pass_index();
        let had_input =
            ctx.input(|i| !i.raw.events.is_empty() || i.pointer.delta() != egui::Vec2::ZERO);
        if pass == 0 {
            self.settling = had_input;
        }
        let room = pass + 1 < ctx.options(|o| o.max_passes.get());
        if self.settling && pass < 2 && room {
            ctx.request_discard("the input settles in passes, not frames");
        }
    }

    /// Give the style the motion wanted, when it changed.
    fn apply_motion(&mut self, ctx: &egui::Context) {
        let reduced = self.reduced_motion();
        if self.motion_applied == Some(reduced) {
            return;
        }
        self.motion_applied = Some(reduced);
        // Room for a pass of egui's own (a new grid) and one of ours
        // ([`one_more_pass`]) in one frame.
        ctx.options_mut(|o| o.max_passes = std::num::NonZeroUsize::new(3).unwrap_or(o.max_passes));
        let normal = egui::Style::default();
        ctx.all_styles_mut(|style| {
            style.animation_time = if reduced { 0.0 } else { normal.animation_time };
            style.visuals.text_cursor.blink = !reduced;
        });
    }

    pub fn show(&mut self, ui: &mut Ui) {
        let ctx = ui.ctx().clone();
        self.apply_motion(&ctx);
        if !self.fonts_added {
            self.fonts_added = true;
            add_fallback_font(&ctx);
        }
        // The palette takes Up, Down, Enter and Escape (and every shortcut)
        // while it is open.
        self.show_palette(&ctx);
        if !self.palette.is_open() {
            self.read_shortcuts(&ctx);
        }
        if let Some(answer) = self.dialogs.poll() {
            self.on_file_answer(&ctx, answer);
        }
        self.handle_close_request(&ctx);
        self.handle_dropped_files(ui);
        self.run_pending(&ctx);
        let (focused, now) = ui.input(|i| (i.focused, i.time));
        self.check_disk_on_focus(focused, now);

        let menu = views::menu_bar::MenuState {
            has_selected_mineral: !self.doc.active().minerals.is_empty(),
            has_file: self.doc.path.is_some(),
            undo_label: self.doc.history.undo_label(&self.doc.scenario),
            redo_label: self.doc.history.redo_label(&self.doc.scenario),
            dialog_open: self.dialogs.open,
            recent_files: &self.preferences.recent_files,
            presenter: self.presenter.is_some(),
            variant_can_be_deleted: self.doc.active > 0,
            comparing: self.doc.baseline.is_some(),
            scenario_panel: self.panels.scenario,
            editor_panel: self.panels.editor,
            folded_for_room: self.panels.folded_for_room,
            reduced_motion: self.reduced_motion(),
        };
        Panel::top("menu_bar").show(ui, |ui| {
            views::menu_bar::show(ui, &menu, &mut self.pending);
            // Full screen in a meeting: the room needs the plot's height
            // more than the file's name.
            if self.presenter.is_none() {
                views::file_bar::show(ui, &self.doc);
            }
        });
        views::field::set_typing_scope(&ctx, self.doc.range_scope());
        self.take_typing_problems(&ctx);
        Panel::bottom("status_bar").show(ui, |ui| {
            views::status_bar::show(ui, &self.doc, self.panels.folded_for_room)
        });
        views::form::set_range_scope(&ctx, self.doc.range_scope());
        let (want_scenario, want_editor) = self.wanted_panels();
        self.panels =
            super::layout::fit_panels(ctx.content_rect().width(), want_scenario, want_editor);
        let fit = self.panels;
        self.panel_rects.clear();
        if fit.scenario {
            let shown = Panel::left("scenario_panel")
                .resizable(true)
                .default_size(310.0_f32.min(fit.scenario_max))
                .size_range(super::layout::SCENARIO_PANEL_MIN..=fit.scenario_max)
                .show(ui, |ui| {
                    ui.add_space(6.0);
                    let is_variant = self.doc.active > 0;
                    let (scenario, problems) = self.doc.active_with_problems();
                    views::scenario_header::show(ui, scenario, problems, is_variant);
                    ui.separator();
                    views::mineral_list::show(ui, &self.doc, &mut self.pending);
                });
            self.panel_rects.push(("scenario", shown.response.rect));
        }
        if fit.editor {
            let shown = Panel::right("mineral_panel")
                .resizable(true)
                .default_size(380.0_f32.min(fit.editor_max))
                .size_range(super::layout::EDITOR_PANEL_MIN..=fit.editor_max)
                .show(ui, |ui| self.right_panel(ui));
            self.panel_rects.push(("editor", shown.response.rect));
        }

        if self.take_typing_problems(&ctx) {
            // The status bar was drawn with last frame's count.
            ctx.request_repaint();
        }
        // The one refresh of derived data, after every edit of this frame
        // and before the plot and summary draw it.
        let recomputed = self.doc.refresh();
        if recomputed {
            // An answer is for the plan it was asked of.
            self.goal_form.answer = None;
            self.split_form.answer = None;
        }
        self.update_analysis(&ctx);

        let shown = egui::CentralPanel::default().show(ui, |ui| self.central_panel(ui));
        self.panel_rects
            .push(("plot and tables", shown.response.rect));

        views::unsaved_prompt::show(
            &ctx,
            self.unsaved_prompt.as_ref(),
            &self.doc,
            &mut self.pending,
        );
        self.notices.show_floating(&ctx);
        views::save_prompt::show(&ctx, self.save_question.as_ref(), &mut self.pending);
        views::recovery_prompt::show(&ctx, self.recovery_offer.as_ref(), &mut self.pending);
        views::disk_changed::show(&ctx, self.disk_offer.as_ref(), &mut self.pending);
        views::merge_review::show_review(&ctx, self.merge_review.as_ref(), &mut self.pending);
        views::merge_review::show_base_question(
            &ctx,
            self.merge_base_question.as_ref(),
            &mut self.pending,
        );
        if let Some(prompt) = &mut self.path_prompt
            && !views::path_prompt::show(&ctx, prompt, &mut self.pending)
        {
            self.path_prompt = None;
        }

        if recomputed || !self.pending.is_empty() {
            // The panels drawn before the refresh (badges, status bar) and
            // the queued messages want one more pass.
            super::layout::one_more_pass(&ctx, "the scenario changed during the pass");
        }
        self.checkpoint_history(&ctx);
        let now = ui.input(|i| i.time);
        self.tick_recovery(now, &ctx);
        if self.end_request.requested() {
            self.end_session(&ctx);
        }
    }

    /// Start, collect or cancel the runs off the UI thread for the plan on
    /// screen, and come back while one runs (its progress) or waits.
    fn update_analysis(&mut self, ctx: &egui::Context) {
        let now = ctx.input(|i| i.time);
        let repaint = || {
            let ctx = ctx.clone();
            move || ctx.request_repaint()
        };
        let wait = self.analysis.update_bands(
            now,
            self.doc.valid_plan(),
            self.doc.valid_baseline_plan(),
            repaint(),
        );
        if let Some(seconds) = wait {
            ctx.request_repaint_after(std::time::Duration::from_secs_f64(seconds));
        }
        if self.bottom_tab == BottomTab::Sensitivity {
            self.analysis
                .update_tornado(self.doc.valid_plan(), self.tornado_focus, repaint());
        }
        if self.analysis.bands_progress_pct().is_some() {
            // The run's percentage; once a second in reduced motion.
            let every = if self.reduced_motion() { 1000 } else { 200 };
            ctx.request_repaint_after(std::time::Duration::from_millis(every));
        }
    }

    /// The variant bar, the plot, and under it the summary or what differs
    /// from the baseline.
    fn central_panel(&mut self, ui: &mut Ui) {
        views::variant_bar::show(ui, &self.doc, &mut self.renaming, &mut self.pending);
        ui.separator();
        let doc = &self.doc;
        // The plot takes what the tabs under it do not need, and at least
        // half (60 % in presenter mode): a 4-mineral table shows whole, a
        // 12-mineral one scrolls. The room is the same whichever tab is
        // open, so the plot and the tab row stay put as the planner clicks
        // from tab to tab: that of the budget split (its table and
        // inputs), which needs most but the tornado; the tornado scrolls
        // in it, as what changed against a baseline does (its length
        // follows every edit).
        let row = ui.spacing().interact_size.y + ui.spacing().item_spacing.y;
        let rows_below = if self.bottom_folded {
            0
        } else {
            doc.projection.minerals.len() + 6
        } as f32;
        let available = ui.available_height();
        // The tab row and the separator above it come on top of the rows.
        let wanted_below = (rows_below + 1.0) * row + ui.spacing().item_spacing.y * 2.0;
        let plot_height = available
            - super::layout::room_under_plot(available, wanted_below, self.presenter.is_some());
        let baseline = doc
            .comparison
            .as_ref()
            .filter(|c| c.problem.is_none())
            .map(|c| (c.name.as_str(), &c.projection));
        let not_taken = (!doc.typing.is_empty()).then(|| {
            let words = doc.problems_in_words();
            match doc.typing.len() {
                1 => typed_in_words(&doc.typing[0], &words[0]),
                2 => format!(
                    "{} (and 1 more field)",
                    typed_in_words(&doc.typing[0], &words[0])
                ),
                n => format!(
                    "{} (and {} more fields)",
                    typed_in_words(&doc.typing[0], &words[0]),
                    n - 1
                ),
            }
        });
        ui.allocate_ui(egui::vec2(ui.available_width(), plot_height), |ui| {
            ui.horizontal(|ui| {
                ui.heading("Projected coverage");
                views::variant_bar::baseline_choice(ui, doc, &mut self.pending);
                if self.presenter.is_none() {
                    ui.add(
                        egui::Label::new(
                            egui::RichText::new(
                                "click a name to hide it · drag to pan · scroll to zoom · double-click to reset",
                            )
                            .weak(),
                        )
                        .truncate(),
                    );
                }
            });
            views::coverage_plot::show(
                ui,
                &views::coverage_plot::CoveragePlot {
                    projection: &doc.projection,
                    events: &doc.active().disruptions,
                    stale: doc.projection_is_stale,
                    plan_year: doc.active().settings.plan_year,
                    presenter: self.presenter.is_some(),
                    baseline,
                    bands: self.analysis.bands.as_deref(),
                    baseline_bands: self.analysis.baseline_bands.as_deref(),
                    bands_updating: !self.analysis.bands_current,
                    not_taken: not_taken.as_deref(),
                },
            );
        });
        ui.separator();
        let comparison = doc.comparison.as_ref();
        if comparison.is_none() && self.bottom_tab == BottomTab::Changes {
            self.bottom_tab = BottomTab::Summary;
        }
        ui.horizontal(|ui| {
            // The toggle first, on the right, so a long baseline name is
            // cut short instead of pushing it off the panel.
            ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                ui.toggle_value(&mut self.bottom_folded, "Plot only")
                    .on_hover_text("Fold the tabs' content away: the plot takes the room");
                ui.with_layout(egui::Layout::left_to_right(egui::Align::Center), |ui| {
                    if bottom_tabs(ui, &mut self.bottom_tab, comparison) {
                        // A tab clicked while folded is a tab wanted on screen.
                        self.bottom_folded = false;
                    }
                    if let Some(pct) = self.analysis.bands_progress_pct() {
                        if ui.style().animation_time == 0.0 {
                            // Reduced motion: no spinner (a frame each
                            // 1/60 s); the percentage moves once a second.
                            ui.ctx()
                                .request_repaint_after(std::time::Duration::from_secs(1));
                        } else {
                            ui.spinner();
                        }
                        ui.add(
                            egui::Label::new(
                                egui::RichText::new(format!("Monte Carlo run {pct:.0}%")).weak(),
                            )
                            .truncate(),
                        );
                    }
                    if let Some(c) = comparison {
                        ui.add(
                            egui::Label::new(
                                egui::RichText::new(format!("against {}", c.name)).weak(),
                            )
                            .truncate(),
                        );
                    }
                });
            });
        });
        if self.bottom_folded {
            return;
        }
        if let Some(problem) = comparison.and_then(|c| c.problem.as_ref()) {
            views::form::problem_label(ui, problem);
        }
        match (self.bottom_tab, comparison) {
            (BottomTab::Changes, Some(c)) => {
                views::what_changed::show(ui, &c.differences, &mut self.pending)
            }
            (BottomTab::Sensitivity, _) => {
                let minerals: Vec<String> = doc
                    .active()
                    .minerals
                    .iter()
                    .map(|m| m.name.clone())
                    .collect();
                let view = views::tornado::TornadoView {
                    tornado: self.analysis.tornado.as_deref(),
                    running: self.analysis.tornado_running(),
                    minerals: &minerals,
                    focus: self.tornado_focus,
                };
                if let Some(focus) = views::tornado::show(ui, &view, &mut self.pending) {
                    self.tornado_focus = focus;
                }
            }
            (BottomTab::GoalSeek, _) => views::goal_seek_panel::show(
                ui,
                &mut self.goal_form,
                doc.active(),
                doc.selected,
                &mut self.pending,
            ),
            (BottomTab::BudgetSplit, _) => views::budget_split::show(
                ui,
                &mut self.split_form,
                doc.active(),
                &doc.projection,
                &mut self.pending,
            ),
            _ => views::summary_table::show(
                ui,
                doc.active(),
                &doc.projection,
                &doc.coverage_lost_to_events_pct,
                comparison,
                self.analysis.bands.as_deref(),
                !self.analysis.bands_current,
            ),
        }
    }

    /// The selected mineral's editor, or the events timeline.
    fn right_panel(&mut self, ui: &mut Ui) {
        ui.add_space(4.0);
        ui.horizontal(|ui| {
            ui.selectable_value(&mut self.right_tab, RightTab::Mineral, "Mineral");
            let n = self.doc.active().disruptions.len();
            ui.selectable_value(
                &mut self.right_tab,
                RightTab::Events,
                format!("Events ({n})"),
            );
        });
        ui.separator();
        // Both ways: on a narrow panel a row too wide scrolls instead of
        // being cut off.
        egui::ScrollArea::both()
            .id_salt("editor_scroll")
            .show(ui, |ui| {
                if self.right_tab == RightTab::Events {
                    views::events_panel::show(ui, &mut self.doc, &mut self.pending);
                    return;
                }
                let i = self.doc.selected;
                let horizon = self.doc.active().horizon_months;
                let (plan_years, first_month) = {
                    let s = self.doc.active();
                    (
                        s.settings.plan_year.year_names(s.start, s.horizon_months),
                        s.start,
                    )
                };
                // Read before the mineral is borrowed for editing.
                let warning = self.doc.projection.minerals.get(i).and_then(|p| {
                    let mineral = self.doc.active().minerals.get(i)?;
                    crate::model::feasibility::warning(mineral, p, self.doc.projection.start)
                });
                // Red only when the requirement cannot be bought in the
                // timeframe; money left beside a requirement that is bought
                // is a caution, not an alarm.
                let short = self
                    .doc
                    .projection
                    .minerals
                    .get(i)
                    .and_then(|p| p.requirement_ratio())
                    .is_some_and(|r| r > 1.0 + 1e-9);
                // With nothing to warn of, how far the whole budget goes.
                let all_spent =
                    self.doc.projection.minerals.get(i).map(|p| {
                        crate::model::feasibility::all_spent(p, self.doc.projection.start)
                    });
                let (scenario, problems) = self.doc.active_with_problems();
                let Some(mineral) = scenario.minerals.get_mut(i) else {
                    ui.add_space(20.0);
                    ui.label("No minerals yet. Add one with + Add in the list on the left.");
                    for p in problems {
                        views::form::problem_label(ui, &p.message);
                    }
                    return;
                };
                ui.heading(if mineral.name.trim().is_empty() {
                    "(no name)".to_string()
                } else {
                    mineral.name.clone()
                });
                // Always takes two lines (the warning's length at the
                // usual panel width), so fields below never move when it
                // comes and goes.
                let lines = 2.0 * ui.text_style_height(&egui::TextStyle::Body)
                    + ui.spacing().item_spacing.y;
                ui.allocate_ui_with_layout(
                    egui::vec2(ui.available_width(), lines),
                    egui::Layout::top_down(egui::Align::Min),
                    |ui| {
                        ui.set_min_height(lines);
                        match warning {
                            Some(w) => {
                                let color = if short {
                                    super::palette::problem_color(ui.visuals().dark_mode)
                                } else {
                                    ui.visuals().warn_fg_color
                                };
                                // Money and requirement in one sentence, as
                                // the summary's Unspent and Needs say them;
                                // at most the two lines reserved (cut with
                                // "…", whole on hover), so that a longer one
                                // never pushes the fields below.
                                let text = format!("{}{}", w[..1].to_uppercase(), &w[1..]);
                                let font = egui::TextStyle::Body.resolve(ui.style());
                                let mut job = egui::text::LayoutJob::simple(
                                    text.clone(),
                                    font,
                                    color,
                                    ui.available_width(),
                                );
                                job.wrap.max_rows = 2;
                                let cut = ui.fonts_mut(|f| f.layout_job(job.clone())).elided;
                                // egui shows an elided label's whole text on
                                // hover itself: a second tooltip stacked on
                                // it (found in a trial).
                                let label =
                                    ui.add(egui::Label::new(job).show_tooltip_when_elided(false));
                                if cut {
                                    label.on_hover_text(text);
                                }
                            }
                            None => {
                                if let Some(line) = &all_spent {
                                    ui.weak(line);
                                }
                            }
                        }
                    },
                );
                ui.add_space(4.0);
                views::mineral_editor::show(ui, i, mineral, horizon, &plan_years, problems);
                ui.separator();
                views::supplier_table::show(
                    ui,
                    i,
                    mineral,
                    first_month,
                    problems,
                    &mut self.pending,
                );
            });
    }

    /// Closing the window with unsaved changes asks first.
    fn handle_close_request(&mut self, ctx: &egui::Context) {
        if !ctx.input(|i| i.viewport().close_requested()) || self.allow_close {
            return;
        }
        if self.doc.is_dirty() {
            ctx.send_viewport_cmd(egui::ViewportCommand::CancelClose);
            self.unsaved_prompt = Some(Replace::Close);
        } else {
            // Nothing unsaved here. A restore offer still on screen was not
            // answered: its copy is another window's and stays.
            self.forget_recovery();
        }
    }

    /// A `.ron` file dropped on the window is opened (asking first when
    /// there are unsaved changes).
    fn handle_dropped_files(&mut self, ui: &Ui) {
        let dropped = ui.input(|i| i.raw.dropped_files.clone());
        for file in dropped {
            let path = file.path().to_path_buf();
            if path
                .extension()
                .is_some_and(|e| e.eq_ignore_ascii_case("ron"))
            {
                self.pending.push(Message::OpenPath(path));
            } else {
                self.notices.error(format!(
                    "{} is not a scenario file: only .ron files can be opened.",
                    path.display()
                ));
            }
        }
    }
}

/// The tabs under the plot; whether one was clicked.
fn bottom_tabs(
    ui: &mut Ui,
    tab: &mut BottomTab,
    comparison: Option<&super::document::Comparison>,
) -> bool {
    let mut clicked = ui
        .selectable_value(tab, BottomTab::Summary, "Summary")
        .clicked();
    if let Some(c) = comparison {
        clicked |= ui
            .selectable_value(
                tab,
                BottomTab::Changes,
                format!("What changed ({})", c.differences.len()),
            )
            .clicked();
    }
    clicked |= ui
        .selectable_value(tab, BottomTab::Sensitivity, "Sensitivity")
        .on_hover_text("Which inputs move final coverage most (tornado chart)")
        .clicked();
    clicked |= ui
        .selectable_value(tab, BottomTab::GoalSeek, "Goal seek")
        .on_hover_text("The budget a mineral needs to reach a coverage by a month")
        .clicked();
    clicked
        | ui.selectable_value(tab, BottomTab::BudgetSplit, "Budget split")
            .on_hover_text("Split a total budget to raise the lowest coverage")
            .clicked()
}

/// egui's text font has no arrows ("$500M → $400M" in What changed): egui's
/// own monospace font, which has them, fills in after it.
fn add_fallback_font(ctx: &egui::Context) {
    ctx.add_font(egui::epaint::text::FontInsert::new(
        "Hack (fallback)",
        egui::FontData::from_static(epaint_default_fonts::HACK_REGULAR),
        vec![egui::epaint::text::InsertFontFamily {
            family: egui::FontFamily::Proportional,
            priority: egui::epaint::text::FontPriority::Lowest,
        }],
    ));
}

impl PlannerApp {
    /// A window larger than its screen (1400×900 on a 1280×720 projector)
    /// hangs below the edge: maximise it instead, once, when the screen's
    /// size is known.
    fn fit_to_screen(&mut self, ctx: &egui::Context) {
        if self.fitted_to_screen {
            return;
        }
        let (monitor, outer) = ctx.input(|i| (i.viewport().monitor_size, i.viewport().outer_rect));
        let (Some(monitor), Some(outer)) = (monitor, outer) else {
            return;
        };
        self.fitted_to_screen = true;
        // As large as the screen is too large too: the title bar then pushes
        // the bottom (status bar) off it. Some systems report the outer
        // size without the title bar.
        if outer.width() >= monitor.x || outer.height() >= monitor.y {
            ctx.send_viewport_cmd(egui::ViewportCommand::Maximized(true));
        }
    }
}

impl eframe::App for PlannerApp {
    fn ui(&mut self, ui: &mut Ui, _frame: &mut eframe::Frame) {
        let built = std::time::Instant::now();
        self.fit_to_screen(ui.ctx());
        self.show(ui);
        self.settle_in_passes(ui.ctx());
        // Presenter mode's zoom is not the planner's everyday zoom.
        self.preferences.zoom_factor = Some(
            self.presenter
                .map_or_else(|| ui.ctx().zoom_factor(), |p| p.zoom_before),
        );
        // Sending a title repaints, so only send a changed one (idle CPU).
        let title = self.title();
        if title != self.window_title {
            ui.ctx()
                .send_viewport_cmd(egui::ViewportCommand::Title(title.clone()));
            self.window_title = title;
        }
        self.frame_log
            .frame(ui.ctx(), built.elapsed().as_secs_f64());
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        eframe::set_value(storage, super::PREFERENCES_KEY, &self.preferences);
    }
}

/// "Cobalt · requirement (\"75oo\")" from a typing problem and its words
/// ("Cobalt · requirement: \"75oo\" is not a number"): where, and what
/// was typed, without repeating the message shown under the field.
fn typed_in_words(problem: &Problem, words: &str) -> String {
    let place = words
        .strip_suffix(&format!(": {}", problem.message))
        .unwrap_or(words);
    let typed = problem.message.split('"').nth(1).unwrap_or("");
    format!("{place} (\"{typed}\")")
}
