//! The app shell: lays out the views, routes every [`Command`] through one
//! place, keeps undo history, and persists window preferences.

use super::command::Command;
use super::document::Document;
use super::file_actions::{PathPrompt, Replace};
use super::files::{Dialogs, FileRequest};
use super::views;
use crate::file::recovery::{self, Recovered};
use crate::model::{Mineral, Scenario, Supplier};
use egui::util::undoer::Undoer;
use egui::{Panel, Theme, Ui};
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

/// A message for the planner, shown in a banner until dismissed.
#[derive(Clone, Debug, PartialEq)]
pub struct Notice {
    pub text: String,
    pub is_error: bool,
}

pub struct PlannerApp {
    pub doc: Document,
    pub preferences: Preferences,
    pub notices: Vec<Notice>,
    pub(super) dialogs: Dialogs,
    /// Folder of the recovery copy; `None` disables recovery.
    pub(super) recovery_dir: Option<PathBuf>,
    pub(super) last_recovery: Option<Scenario>,
    pub(super) last_recovery_at_s: Option<f64>,
    /// Unsaved work found at start-up, offered for restoring.
    pub recovery_offer: Option<Recovered>,
    /// "Save changes before …?" is on screen for this action.
    pub unsaved_prompt: Option<Replace>,
    /// Once a Save As from the prompt succeeds, carry on with this.
    pub(super) after_save: Option<Replace>,
    pub path_prompt: Option<PathPrompt>,
    /// The planner confirmed closing.
    pub(super) allow_close: bool,
    window_title: String,
    /// What the right-hand panel shows.
    pub right_tab: RightTab,
    undoer: Undoer<Scenario>,
    /// Commands queued by views (and tests) during a frame.
    pending: Vec<Command>,
}

impl PlannerApp {
    /// The window on `scenario`, with native dialogs and no recovery; see
    /// [`Self::with_files`].
    pub fn new(scenario: Scenario) -> Self {
        Self::with_files(Document::new(scenario), Dialogs::native(), None)
    }

    /// The window on `doc`, asking for files with `dialogs`, and keeping
    /// recovery copies in `recovery_dir` (an unsaved copy found there is
    /// offered for restoring).
    pub fn with_files(doc: Document, dialogs: Dialogs, recovery_dir: Option<PathBuf>) -> Self {
        let recovery_offer = recovery_dir.as_deref().and_then(recovery::read);
        Self {
            doc,
            preferences: Preferences::default(),
            notices: Vec::new(),
            dialogs,
            recovery_dir,
            last_recovery: None,
            last_recovery_at_s: None,
            recovery_offer,
            unsaved_prompt: None,
            after_save: None,
            path_prompt: None,
            allow_close: false,
            window_title: String::new(),
            right_tab: RightTab::Mineral,
            undoer: Undoer::default(),
            pending: Vec::new(),
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

    /// Queue a command; it runs at the end of the next frame.
    pub fn send(&mut self, command: Command) {
        self.pending.push(command);
    }

    /// Carry out one command.
    pub fn execute(&mut self, ctx: &egui::Context, command: Command) {
        if command.is_file_action() && self.dialogs.open {
            return;
        }
        let scenario = &mut self.doc.scenario;
        match command {
            Command::NewScenario => self.replace_scenario(ctx, Replace::New),
            Command::Open => self.replace_scenario(ctx, Replace::OpenDialog),
            Command::OpenByPath => {
                let folder = self.start_folder();
                self.prompt_for_path(FileRequest::Open { folder }, None);
            }
            Command::OpenRecent(path) | Command::OpenPath(path) => {
                self.path_prompt = None;
                self.replace_scenario(ctx, Replace::OpenPath(path));
            }
            Command::Save => self.save(ctx),
            Command::SaveAs => self.save_as(ctx),
            Command::SaveTo(path) => {
                self.path_prompt = None;
                self.save_to(ctx, &path);
            }
            Command::AnswerUnsaved(choice) => self.answer_unsaved(ctx, choice),
            Command::RestoreRecovery => self.restore_recovery(),
            Command::DiscardRecovery => self.discard_recovery(),
            Command::AddEvent => {
                scenario.disruptions.push(crate::model::Disruption {
                    name: "New event".into(),
                    notes: String::new(),
                    enabled: true,
                    kind: crate::model::DisruptionKind::ExportBan,
                    supplier: scenario
                        .minerals
                        .get(self.doc.selected)
                        .and_then(|m| m.suppliers.first())
                        .map(|s| s.name.clone())
                        .unwrap_or_default(),
                    minerals: Vec::new(),
                    start: scenario.calendar_month(13.min(scenario.horizon_months.max(1))),
                    end: None,
                });
                self.doc.selected_event = scenario.disruptions.len() - 1;
                self.right_tab = RightTab::Events;
            }
            Command::AddPreset(n) => {
                if let Some(event) = crate::model::presets::all().into_iter().nth(n) {
                    scenario.disruptions.push(event);
                    self.doc.selected_event = scenario.disruptions.len() - 1;
                    self.right_tab = RightTab::Events;
                }
            }
            Command::RemoveEvent(k) => {
                if k < scenario.disruptions.len() {
                    let removed = scenario.disruptions.remove(k);
                    self.notices.push(Notice {
                        text: format!(
                            "Deleted the event \"{}\". Edit > Undo brings it back.",
                            removed.name
                        ),
                        is_error: false,
                    });
                }
            }
            Command::SelectEvent(k) => self.doc.selected_event = k,
            Command::AddMineral => {
                let name = scenario.unused_mineral_name("New mineral");
                scenario.minerals.push(Mineral::new(name));
                self.doc.selected = scenario.minerals.len() - 1;
            }
            Command::DuplicateMineral(i) => {
                if let Some(m) = scenario.minerals.get(i) {
                    let mut copy = m.clone();
                    copy.name = scenario.unused_mineral_name(&format!("{} (copy)", m.name));
                    scenario.minerals.insert(i + 1, copy);
                    self.doc.selected = i + 1;
                }
            }
            Command::RemoveMineral(i) => {
                if i < scenario.minerals.len() {
                    let removed = scenario.minerals.remove(i);
                    self.notices.push(Notice {
                        text: format!("Removed {}. Edit > Undo brings it back.", removed.name),
                        is_error: false,
                    });
                }
            }
            Command::SelectMineral(i) => {
                self.doc.selected = i;
                self.right_tab = RightTab::Mineral;
            }
            Command::AddSupplier { mineral } => {
                if let Some(m) = scenario.minerals.get_mut(mineral) {
                    let n = m.suppliers.len() + 1;
                    m.suppliers.push(Supplier {
                        name: format!("Supplier {n}"),
                        share_pct: 0.0,
                        lead_time_months: 3,
                    });
                }
            }
            Command::RemoveSupplier { mineral, supplier } => {
                if let Some(m) = scenario.minerals.get_mut(mineral)
                    && supplier < m.suppliers.len()
                {
                    m.suppliers.remove(supplier);
                }
            }
            Command::NormalizeShares { mineral } => {
                if let Some(m) = scenario.minerals.get_mut(mineral) {
                    m.normalize_shares();
                }
            }
            Command::Undo => {
                if let Some(previous) = self.undoer.undo(&self.doc.scenario) {
                    self.doc.scenario = previous.clone();
                }
            }
            Command::Redo => {
                if let Some(next) = self.undoer.redo(&self.doc.scenario) {
                    self.doc.scenario = next.clone();
                }
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
        self.doc.recompute();
    }

    /// The whole window. Used by eframe, the tests and the frame benchmark.
    pub fn show(&mut self, ui: &mut Ui) {
        let ctx = ui.ctx().clone();
        for command in Command::WITH_SHORTCUTS {
            if let Some(shortcut) = command.shortcut()
                && ui.input_mut(|i| i.consume_shortcut(&shortcut))
            {
                self.pending.push(command);
            }
        }

        if let Some(answer) = self.dialogs.poll() {
            self.on_file_answer(&ctx, answer);
        }
        self.handle_close_request(&ctx);
        self.handle_dropped_files(ui);

        let mut changed = false;
        let recent_files = self.preferences.recent_files.clone();
        let menu = views::menu_bar::MenuState {
            selected: (!self.doc.scenario.minerals.is_empty()).then_some(self.doc.selected),
            can_undo: self.undoer.has_undo(&self.doc.scenario),
            can_redo: self.undoer.has_redo(&self.doc.scenario),
            dialog_open: self.dialogs.open,
            recent_files: &recent_files,
        };
        Panel::top("menu_bar").show(ui, |ui| {
            views::menu_bar::show(ui, &menu, &mut self.pending);
            views::file_bar::show(ui, &self.doc);
            self.show_notices(ui);
        });
        Panel::bottom("status_bar").show(ui, |ui| views::status_bar::show(ui, &self.doc));
        Panel::left("scenario_panel")
            .resizable(true)
            .default_size(310.0)
            .show(ui, |ui| {
                ui.add_space(6.0);
                changed |=
                    views::scenario_header::show(ui, &mut self.doc.scenario, &self.doc.problems);
                ui.separator();
                egui::ScrollArea::vertical()
                    .id_salt("minerals_scroll")
                    .show(ui, |ui| {
                        views::mineral_list::show(ui, &self.doc, &mut self.pending);
                    });
            });
        Panel::right("mineral_panel")
            .resizable(true)
            .default_size(380.0)
            .max_size(520.0)
            .show(ui, |ui| {
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
                            changed |=
                                views::events_panel::show(ui, &mut self.doc, &mut self.pending);
                            return;
                        }
                        let i = self.doc.selected;
                        let horizon = self.doc.scenario.horizon_months;
                        let problems = &self.doc.problems;
                        if let Some(mineral) = self.doc.scenario.minerals.get_mut(i) {
                            ui.heading(if mineral.name.trim().is_empty() {
                                "(no name)".to_string()
                            } else {
                                mineral.name.clone()
                            });
                            if let Some(warning) = self
                                .doc
                                .projection
                                .minerals
                                .get(i)
                                .and_then(|p| p.feasibility.warning())
                            {
                                let color = super::palette::problem_color(ui.visuals().dark_mode);
                                ui.colored_label(
                                    color,
                                    format!("Not feasible in the timeframe: {warning}"),
                                );
                            }
                            ui.add_space(4.0);
                            changed |=
                                views::mineral_editor::show(ui, i, mineral, horizon, problems);
                            ui.separator();
                            changed |= views::supplier_table::show(
                                ui,
                                i,
                                mineral,
                                problems,
                                &mut self.pending,
                            );
                        } else {
                            ui.add_space(20.0);
                            ui.label(
                                "No minerals yet. Add one with + Add in the list on the left.",
                            );
                            for p in problems {
                                views::form::problem_label(ui, &p.message);
                            }
                        }
                    });
            });
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
        views::recovery_prompt::show(&ctx, self.recovery_offer.as_ref(), &mut self.pending);
        if let Some(prompt) = &mut self.path_prompt
            && !views::path_prompt::show(&ctx, prompt, &mut self.pending)
        {
            self.path_prompt = None;
        }

        if changed {
            self.doc.recompute();
        }
        let commands = std::mem::take(&mut self.pending);
        let any_command = !commands.is_empty();
        for command in commands {
            self.execute(&ctx, command);
        }
        if any_command {
            // The views above drew the old state; show the new one.
            ctx.request_repaint();
        }
        // One undo step per pause in editing (a whole drag is one step).
        let now = ui.input(|i| i.time);
        if !ctx.egui_is_using_pointer() {
            self.undoer.feed_state(now, &self.doc.scenario);
        }
        self.tick_recovery(now, &ctx);
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
                self.pending.push(Command::OpenPath(path));
            } else {
                self.notices.push(Notice {
                    text: format!(
                        "{} is not a scenario file: only .ron files can be opened.",
                        path.display()
                    ),
                    is_error: true,
                });
            }
        }
    }

    fn show_notices(&mut self, ui: &mut Ui) {
        let dark = ui.visuals().dark_mode;
        let mut dismiss = None;
        for (k, notice) in self.notices.iter().enumerate() {
            ui.horizontal(|ui| {
                if notice.is_error {
                    ui.colored_label(super::palette::problem_color(dark), notice.text.as_str());
                } else {
                    ui.label(notice.text.as_str());
                }
                if ui.small_button("Dismiss").clicked() {
                    dismiss = Some(k);
                }
            });
        }
        if let Some(k) = dismiss {
            self.notices.remove(k);
        }
    }
}

impl eframe::App for PlannerApp {
    fn ui(&mut self, ui: &mut Ui, _frame: &mut eframe::Frame) {
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
