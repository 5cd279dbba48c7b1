//! The app shell: lays out the views, routes every [`Command`] through one
//! place, keeps undo history, and persists window preferences.

use super::command::Command;
use super::document::Document;
use super::views;
use crate::model::{Mineral, Scenario, Supplier};
use egui::util::undoer::Undoer;
use egui::{Panel, Theme, Ui};
use serde::{Deserialize, Serialize};

/// What is remembered between runs (eframe storage).
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct Preferences {
    /// Light or dark; `None` follows the system.
    pub theme: Option<Theme>,
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
    undoer: Undoer<Scenario>,
    /// Commands queued by views (and tests) during a frame.
    pending: Vec<Command>,
}

impl PlannerApp {
    pub fn new(scenario: Scenario) -> Self {
        Self {
            doc: Document::new(scenario),
            preferences: Preferences::default(),
            notices: Vec::new(),
            undoer: Undoer::default(),
            pending: Vec::new(),
        }
    }

    /// Queue a command; it runs at the end of the next frame.
    pub fn send(&mut self, command: Command) {
        self.pending.push(command);
    }

    /// Carry out one command.
    pub fn execute(&mut self, ctx: &egui::Context, command: Command) {
        let scenario = &mut self.doc.scenario;
        match command {
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
            Command::SelectMineral(i) => self.doc.selected = i,
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

        let mut changed = false;
        let selected = (!self.doc.scenario.minerals.is_empty()).then_some(self.doc.selected);
        let (can_undo, can_redo) = (
            self.undoer.has_undo(&self.doc.scenario),
            self.undoer.has_redo(&self.doc.scenario),
        );
        Panel::top("menu_bar").show(ui, |ui| {
            views::menu_bar::show(ui, selected, can_undo, can_redo, &mut self.pending);
            self.show_notices(ui);
        });
        Panel::bottom("status_bar").show(ui, |ui| views::status_bar::show(ui, &self.doc));
        Panel::left("scenario_panel")
            .resizable(true)
            .default_size(330.0)
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
            .default_size(440.0)
            .show(ui, |ui| {
                egui::ScrollArea::vertical()
                    .id_salt("editor_scroll")
                    .show(ui, |ui| {
                        let i = self.doc.selected;
                        let horizon = self.doc.scenario.horizon_months;
                        let problems = &self.doc.problems;
                        if let Some(mineral) = self.doc.scenario.minerals.get_mut(i) {
                            ui.add_space(6.0);
                            ui.heading(if mineral.name.trim().is_empty() {
                                "(no name)".to_string()
                            } else {
                                mineral.name.clone()
                            });
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
                views::coverage_plot::show(ui, &self.doc.projection, self.doc.projection_is_stale);
            });
            ui.separator();
            ui.heading("Summary");
            views::summary_table::show(ui, &self.doc.scenario, &self.doc.projection);
        });

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
        let title = format!("{} — Stockpile Planner", self.doc.scenario.name);
        ui.ctx()
            .send_viewport_cmd(egui::ViewportCommand::Title(title));
        self.show(ui);
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        eframe::set_value(storage, super::PREFERENCES_KEY, &self.preferences);
    }
}
