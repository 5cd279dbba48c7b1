//! The app shell: lays out the views, routes every [`Message`] (and so every
//! [`Command`]) through one place, refreshes derived data once per frame,
//! records undo checkpoints, and persists window preferences.

use super::command::{Command, Message};
use super::document::Document;
use super::files::Dialogs;
use super::views;
use super::views::notices::Notices;
use super::views::path_prompt::PathPrompt;
use super::views::save_prompt::{Confirmed, SaveQuestion};
use super::views::unsaved_prompt::Replace;
use crate::file::recovery::{Recovered, RecoveryStore};
use crate::model::Scenario;
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
}

/// The right-hand panel: the selected mineral, or the events timeline.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RightTab {
    Mineral,
    Events,
}

/// Most commands kept in [`PlannerApp::commands_run`].
const COMMANDS_REMEMBERED: usize = 50;

pub struct PlannerApp {
    pub doc: Document,
    pub preferences: Preferences,
    pub notices: Notices,
    pub(super) dialogs: Dialogs,
    /// This window's recovery copies; `None` disables recovery.
    pub recovery: Option<RecoveryStore>,
    pub(super) last_recovery: Option<Scenario>,
    pub(super) last_recovery_at_s: Option<f64>,
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
    /// The planner confirmed closing.
    pub(super) allow_close: bool,
    window_title: String,
    /// The window was checked against the screen it opened on.
    fitted_to_screen: bool,
    /// What the right-hand panel shows.
    pub right_tab: RightTab,
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
            doc,
            preferences: Preferences::default(),
            notices,
            dialogs,
            recovery,
            last_recovery: None,
            last_recovery_at_s: None,
            recovery_failure_shown: false,
            recovery_offer,
            later_recovery_offers,
            unsaved_prompt: None,
            after_save: None,
            save_question: None,
            save_confirmed: Confirmed::default(),
            open_dialog_from: None,
            path_prompt: None,
            allow_close: false,
            window_title: String::new(),
            fitted_to_screen: false,
            right_tab: RightTab::Mineral,
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
            self.doc.scenario.name
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
            Message::RestoreRecovery => self.restore_recovery(),
            Message::DiscardRecovery => self.discard_recovery(),
            Message::AddPreset(n) => {
                if let Some(k) = doc.scenario.add_preset(n) {
                    doc.selected_event = k;
                    self.right_tab = RightTab::Events;
                }
            }
            Message::RemoveEvent(k) => {
                if let Some(removed) = doc.scenario.remove_event(k) {
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
            Message::RemoveSupplier { mineral, supplier } => {
                doc.scenario.remove_supplier(mineral, supplier);
            }
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
            Command::Quit => self.replace_scenario(ctx, Replace::Close),
            Command::Undo => {
                doc.history.undo(&mut doc.scenario);
            }
            Command::Redo => {
                doc.history.redo(&mut doc.scenario);
            }
            Command::AddMineral => {
                doc.selected = doc.scenario.add_mineral();
                self.right_tab = RightTab::Mineral;
            }
            Command::DuplicateMineral => {
                if let Some(copy) = doc.scenario.duplicate_mineral(selected) {
                    doc.selected = copy;
                }
            }
            Command::RemoveMineral => {
                if let Some(removed) = doc.scenario.remove_mineral(selected) {
                    self.notices.info(format!(
                        "Removed {}. Edit > Undo brings it back.",
                        removed.name
                    ));
                }
            }
            Command::AddSupplier => {
                doc.scenario.add_supplier(selected);
            }
            Command::NormalizeShares => {
                doc.scenario.normalize_shares(selected);
            }
            Command::AddEvent => {
                doc.selected_event = doc.scenario.add_event(selected);
                self.right_tab = RightTab::Events;
            }
            Command::ToggleTheme => {
                let next = match ctx.theme() {
                    Theme::Dark => Theme::Light,
                    Theme::Light => Theme::Dark,
                };
                self.preferences.theme = Some(next);
                ctx.set_theme(next);
            }
        }
    }

    /// Turn this frame's key presses into commands. More specific shortcuts
    /// are tried first (Ctrl+Shift+S before Ctrl+S: egui matches logically),
    /// and Undo/Redo are left to a focused text field, which undoes its own
    /// typing first.
    fn read_shortcuts(&mut self, ctx: &egui::Context) {
        let in_text_field = ctx.text_edit_focused();
        for &(shortcut, command) in Command::shortcuts_in_handling_order() {
            if in_text_field && command.yields_to_text_field() {
                continue;
            }
            if ctx.input_mut(|i| i.consume_shortcut(&shortcut)) {
                self.pending.push(command.into());
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
    pub fn show(&mut self, ui: &mut Ui) {
        let ctx = ui.ctx().clone();
        self.read_shortcuts(&ctx);
        if let Some(answer) = self.dialogs.poll() {
            self.on_file_answer(&ctx, answer);
        }
        self.handle_close_request(&ctx);
        self.handle_dropped_files(ui);
        self.run_pending(&ctx);

        let menu = views::menu_bar::MenuState {
            has_selected_mineral: !self.doc.scenario.minerals.is_empty(),
            undo_label: self.doc.history.undo_label(&self.doc.scenario),
            redo_label: self.doc.history.redo_label(&self.doc.scenario),
            dialog_open: self.dialogs.open,
            recent_files: &self.preferences.recent_files,
        };
        Panel::top("menu_bar").show(ui, |ui| {
            views::menu_bar::show(ui, &menu, &mut self.pending);
            views::file_bar::show(ui, &self.doc);
        });
        Panel::bottom("status_bar").show(ui, |ui| views::status_bar::show(ui, &self.doc));
        Panel::left("scenario_panel")
            .resizable(true)
            .default_size(310.0)
            .show(ui, |ui| {
                ui.add_space(6.0);
                views::scenario_header::show(ui, &mut self.doc.scenario, &self.doc.problems);
                ui.separator();
                views::mineral_list::show(ui, &self.doc, &mut self.pending);
            });
        Panel::right("mineral_panel")
            .resizable(true)
            .default_size(380.0)
            .max_size(520.0)
            .show(ui, |ui| self.right_panel(ui));

        // The one refresh of derived data, after every edit of this frame
        // and before the plot and summary draw it.
        let recomputed = self.doc.refresh();

        egui::CentralPanel::default().show(ui, |ui| {
            let plot_height = (ui.available_height() * 0.62).max(200.0);
            ui.allocate_ui(egui::vec2(ui.available_width(), plot_height), |ui| {
                views::coverage_plot::show(
                    ui,
                    &self.doc.projection,
                    &self.doc.scenario.disruptions,
                    self.doc.projection_is_stale,
                );
            });
            ui.separator();
            ui.heading("Summary");
            views::summary_table::show(
                ui,
                &self.doc.scenario,
                &self.doc.projection,
                &self.doc.coverage_lost_to_events_pct,
            );
        });

        views::unsaved_prompt::show(
            &ctx,
            self.unsaved_prompt.as_ref(),
            &self.doc,
            &mut self.pending,
        );
        self.notices.show_floating(&ctx);
        views::save_prompt::show(&ctx, self.save_question.as_ref(), &mut self.pending);
        views::recovery_prompt::show(&ctx, self.recovery_offer.as_ref(), &mut self.pending);
        if let Some(prompt) = &mut self.path_prompt
            && !views::path_prompt::show(&ctx, prompt, &mut self.pending)
        {
            self.path_prompt = None;
        }

        if recomputed || !self.pending.is_empty() {
            // The panels drawn before the refresh (badges, status bar) and
            // the queued messages want one more frame.
            ctx.request_repaint();
        }
        self.checkpoint_history(&ctx);
        let now = ui.input(|i| i.time);
        self.tick_recovery(now, &ctx);
    }

    /// The selected mineral's editor, or the events timeline.
    fn right_panel(&mut self, ui: &mut Ui) {
        ui.add_space(4.0);
        ui.horizontal(|ui| {
            ui.selectable_value(&mut self.right_tab, RightTab::Mineral, "Mineral");
            let n = self.doc.scenario.disruptions.len();
            ui.selectable_value(
                &mut self.right_tab,
                RightTab::Events,
                format!("Events ({n})"),
            );
        });
        ui.separator();
        egui::ScrollArea::vertical()
            .id_salt("editor_scroll")
            .show(ui, |ui| {
                if self.right_tab == RightTab::Events {
                    views::events_panel::show(ui, &mut self.doc, &mut self.pending);
                    return;
                }
                let i = self.doc.selected;
                let horizon = self.doc.scenario.horizon_months;
                let problems = &self.doc.problems;
                let Some(mineral) = self.doc.scenario.minerals.get_mut(i) else {
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
                // Always takes its line, so fields below never move when it
                // comes and goes.
                let warning = self
                    .doc
                    .projection
                    .minerals
                    .get(i)
                    .and_then(|p| p.feasibility.warning());
                match warning {
                    Some(w) => {
                        let color = super::palette::problem_color(ui.visuals().dark_mode);
                        // Spending, not coverage: the requirement may still be
                        // met with what can be bought.
                        ui.colored_label(
                            color,
                            format!("Budget cannot all be spent in the timeframe: {w}"),
                        );
                    }
                    None => {
                        ui.weak("The whole budget can be spent in the timeframe");
                    }
                }
                ui.add_space(4.0);
                views::mineral_editor::show(ui, i, mineral, horizon, problems);
                ui.separator();
                views::supplier_table::show(ui, i, mineral, problems, &mut self.pending);
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
        self.fit_to_screen(ui.ctx());
        self.show(ui);
        self.preferences.zoom_factor = Some(ui.ctx().zoom_factor());
        // Sending a title repaints, so only send a changed one (idle CPU).
        let title = self.title();
        if title != self.window_title {
            ui.ctx()
                .send_viewport_cmd(egui::ViewportCommand::Title(title.clone()));
            self.window_title = title;
        }
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        eframe::set_value(storage, super::PREFERENCES_KEY, &self.preferences);
    }
}
