//! The events timeline: add (blank or from the preset library), enable or
//! disable, edit and delete disruptions, and the two scenario settings that
//! decide what blocked orders do.

use super::field::{field_id, text_field};
use super::form::{self, Form};
use crate::model::disruption::EventTarget;
use crate::model::disruption::names_match;
use crate::model::{Disruption, DisruptionKind, InTransitOnBan, Mineral, MonthRange, presets};
use crate::ui::command::{Command, Message};
use crate::ui::document::Document;
use egui::containers::menu::{MenuButton, MenuConfig};
use egui::{ComboBox, Grid, PopupCloseBehavior, RichText, Ui};

/// Fields and checkboxes write into the scenario; adding, selecting and
/// deleting events go to `messages`.
pub fn show(ui: &mut Ui, doc: &mut Document, messages: &mut Vec<Message>) {
    ui.horizontal(|ui| {
        ui.heading("Events");
        ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
            ui.menu_button("Add preset", |ui| {
                ui.set_min_width(420.0);
                for (n, preset) in presets::library().iter().enumerate() {
                    let status =
                        format!("Status as of {}: {}", presets::STATUS_AS_OF, preset.status);
                    // The notes end with the same status: said once, first.
                    let notes = preset
                        .event
                        .notes
                        .strip_suffix(&format!("{status}."))
                        .unwrap_or(&preset.event.notes)
                        .trim_end();
                    let hover = format!("{status}.\n\n{notes}");
                    if ui.button(&preset.event.name).on_hover_text(hover).clicked() {
                        messages.push(Message::AddPreset(n));
                        ui.close();
                    }
                }
            });
            super::command_button(ui, Command::AddEvent, true, messages);
        });
    });
    let selected_event = doc.selected_event;
    let effect = doc.selected_event_effect.clone();
    let (scenario, problems) = doc.active_with_problems();
    let settings = &mut scenario.settings;
    ui.checkbox(
        &mut settings.resource_blocked_orders,
        "Re-source blocked orders from the other suppliers",
    )
    .on_hover_text("Off: orders that a ban, quota or refusal blocks stay unspent.");
    ui.horizontal(|ui| {
        let label = ui.label("Orders in transit when a ban starts");
        ComboBox::from_id_salt("in_transit_on_ban")
            .selected_text(match settings.in_transit_on_ban {
                InTransitOnBan::Delivered => "are delivered",
                InTransitOnBan::Lost => "are lost",
            })
            .show_ui(ui, |ui| {
                ui.selectable_value(
                    &mut settings.in_transit_on_ban,
                    InTransitOnBan::Delivered,
                    "are delivered",
                );
                ui.selectable_value(
                    &mut settings.in_transit_on_ban,
                    InTransitOnBan::Lost,
                    "are lost",
                );
            })
            .response
            .labelled_by(label.id);
    });
    ui.separator();

    if scenario.disruptions.is_empty() {
        ui.weak("No events. Add an export ban, a quota, a licensing delay, a tariff or a price shock, or pick a real one from Add preset.");
        return;
    }
    let minerals: Vec<String> = scenario.minerals.iter().map(|m| m.name.clone()).collect();
    for (k, d) in scenario.disruptions.iter_mut().enumerate() {
        ui.horizontal(|ui| {
            ui.checkbox(&mut d.enabled, "")
                .accessible_name(format!("Enable {}", d.name))
                .on_hover_text("Untick to see the scenario without this event");
            let text = RichText::new(&d.name);
            let text = if d.enabled {
                text
            } else {
                text.weak().strikethrough()
            };
            let button = egui::Button::selectable(selected_event == k, text).wrap();
            if ui.add(button).clicked() {
                messages.push(Message::SelectEvent(k));
            }
        });
        ui.horizontal(|ui| {
            ui.add_space(28.0);
            ui.add(
                egui::Label::new(
                    RichText::new(format!(
                        "{} · {} · {}",
                        d.kind.summary(),
                        target(d),
                        window(d)
                    ))
                    .weak(),
                )
                .wrap(),
            );
        });
        // Under the event clicked, where the eye is: what it does.
        if k == selected_event
            && let Some(effect) = &effect
        {
            ui.horizontal(|ui| {
                ui.add_space(28.0);
                effect_line(ui, effect, &minerals, d.enabled);
            });
        }
    }
    ui.separator();

    let k = selected_event;
    if let Some(d) = scenario.disruptions.get_mut(k) {
        editor(ui, k, d, &minerals, &scenario.minerals, problems);
        ui.add_space(6.0);

        if ui.button("Delete event").clicked() {
            messages.push(Message::RemoveEvent(k));
        }
    }
}

/// What the event does to final coverage, or why it does nothing, in one
/// line: a room watching a line that does not move must know the tool is
/// not broken.
fn effect_line(
    ui: &mut Ui,
    effect: &crate::model::EventEffect,
    minerals: &[String],
    enabled: bool,
) {
    let prefix = if enabled { "" } else { "If enabled: " };
    let text = match &effect.no_effect_reason {
        Some(reason) => format!("{prefix}{reason}"),
        None => {
            let mut lost: Vec<(&String, f64)> = minerals
                .iter()
                .zip(&effect.coverage_lost_pts)
                .filter(|(_, pts)| pts.abs() >= crate::model::event_effect::NO_EFFECT_PTS)
                .map(|(name, pts)| (name, *pts))
                .collect();
            lost.sort_by(|a, b| b.1.abs().total_cmp(&a.1.abs()));
            if lost.is_empty() {
                format!(
                    "{prefix}changes coverage during the plan, not at the end (no mineral's final coverage moves by 0.05 pts)"
                )
            } else {
                let parts: Vec<String> = lost
                    .iter()
                    .take(4)
                    .map(|(name, pts)| format!("{name} {}", crate::display::pts_delta(-pts)))
                    .collect();
                let more = if lost.len() > 4 {
                    format!(" and {} more", lost.len() - 4)
                } else {
                    String::new()
                };
                // Money the event costs (premiums, tariffs, shocks) or
                // leaves unspent, over every mineral.
                let extra: f64 = effect.extra_spent_usd.iter().sum();
                let money = if extra.abs() >= 1.0 {
                    format!(
                        " · {} {}",
                        if extra > 0.0 {
                            "extra cost"
                        } else {
                            "left unspent"
                        },
                        crate::display::usd_short(extra.abs())
                    )
                } else {
                    String::new()
                };
                format!("{prefix}final coverage: {}{more}{money}", parts.join(", "))
            }
        }
    };
    let color = if effect.no_effect_reason.is_some() {
        ui.visuals().warn_fg_color
    } else {
        ui.visuals().text_color()
    };
    ui.add(egui::Label::new(RichText::new(text).color(color)).wrap())
        .on_hover_text("The projection with this event against the same projection without it (other events as they are)");
}

fn target(d: &Disruption) -> String {
    let who = if d.supplier.trim().is_empty() || matches!(d.kind, DisruptionKind::PriceShockPct(_))
    {
        "every supplier".to_string()
    } else {
        match d.target {
            EventTarget::Supplier => d.supplier.clone(),
            EventTarget::Country => format!("suppliers in {}", d.supplier),
            EventTarget::FeedOrigin => format!("feed from {}", d.supplier),
        }
    };
    let what = if d.minerals.is_empty() {
        "all minerals".to_string()
    } else {
        d.minerals.join(", ")
    };
    if d.world_price_pct != 0.0 {
        // The channel through which it reaches every supplier: said on the
        // line, not only in the event's editor.
        format!("{who} · {what} · world price {:+}%", d.world_price_pct)
    } else {
        format!("{who} · {what}")
    }
}

fn window(d: &Disruption) -> String {
    match d.end {
        Some(end) => format!("{} to {end}", d.start),
        None => format!("from {}", d.start),
    }
}

fn editor(
    ui: &mut Ui,
    k: usize,
    d: &mut Disruption,
    minerals: &[String],
    scenario_minerals: &[Mineral],
    problems: &[crate::model::Problem],
) {
    let at = |field: &str| format!("disruptions[{k}].{field}");
    let form = Form::new(problems);
    Grid::new(("event_editor", k))
        .num_columns(2)
        .spacing([8.0, 6.0])
        .show(ui, |ui| {
            form.row(ui, "Event name", &at("name"), |ui, id| {
                text_field(ui, field_id(&at("name")), &mut d.name, 260.0, false, "").labelled_by(id)
            });
            form.row(ui, "Kind", &at("kind"), |ui, id| {
                form::kind_menu(
                    ui,
                    ("kind", k),
                    &mut d.kind,
                    DisruptionKind::examples(),
                    DisruptionKind::label,
                    id,
                )
            });
            match &mut d.kind {
                DisruptionKind::ExportBan => {}
                DisruptionKind::ExportQuotaQty(q) => {
                    form.row(ui, "Quota per year", &at("kind"), |ui, id| {
                        form::qty(ui, &at("kind.quota"), q, "", id)
                    });
                }
                DisruptionKind::ExportCutPct(p) => {
                    form.row(ui, "Exports cut (%)", &at("kind"), |ui, id| {
                        form::pct(ui, &at("kind.cut"), p, id)
                    });
                }
                DisruptionKind::LicensingDelay {
                    extra_lead_time_months,
                    refused_pct,
                } => {
                    form.row(ui, "Extra lead time", &at("kind"), |ui, id| {
                        form::months(ui, &at("kind.extra"), extra_lead_time_months, id)
                    });
                    form.row(ui, "Orders refused (%)", &at("kind"), |ui, id| {
                        form::pct(ui, &at("kind.refused"), refused_pct, id)
                    });
                }
                DisruptionKind::TariffPct(p) => {
                    form.row(ui, "Tariff (%)", &at("kind"), |ui, id| {
                        form::pct(ui, &at("kind.tariff"), p, id)
                    });
                }
                DisruptionKind::PriceShockPct(p) => {
                    form.row(ui, "Price change (%)", &at("kind"), |ui, id| {
                        form::pct(ui, &at("kind.shock"), p, id)
                    });
                }
            }
            if !matches!(d.kind, DisruptionKind::PriceShockPct(_)) {
                form.row(ui, "Hits", &at("target"), |ui, id| {
                    ComboBox::from_id_salt(("event_target", k))
                        .selected_text(d.target.label())
                        .show_ui(ui, |ui| {
                            for t in EventTarget::ALL {
                                ui.selectable_value(&mut d.target, t, t.label())
                                    .on_hover_text(target_help(t));
                            }
                        })
                        .response
                        .labelled_by(id)
                        .on_hover_text(target_help(d.target))
                });
                let (label, empty) = match d.target {
                    EventTarget::Supplier => ("Supplier", "every supplier"),
                    EventTarget::Country => ("Country of supply", "every country"),
                    EventTarget::FeedOrigin => ("Feed origin", "every origin"),
                };
                form.row(ui, label, &at("supplier"), |ui, id| {
                    let r = text_field(
                        ui,
                        field_id(&at("supplier")),
                        &mut d.supplier,
                        160.0,
                        false,
                        empty,
                    )
                    .labelled_by(id);
                    supplier_chooser(ui, &mut d.supplier, d.target, scenario_minerals);
                    r
                });
            }
            if d.blocks_orders() {
                form.row(
                    ui,
                    "Premium (%)",
                    &at("resourcing_premium_pct"),
                    |ui, id| {
                        form::pct(ui, &at("resourcing_premium_pct"), &mut d.resourcing_premium_pct, id)
                            .on_hover_text("Premium on re-sourced orders: orders this event blocks and that are bought elsewhere pay this much more (ex-China germanium cost several times more after the 2023 controls)")
                    },
                );
            }
            if !matches!(d.kind, DisruptionKind::PriceShockPct(_)) {
                form.row(ui, "World price (%)", &at("world_price_pct"), |ui, id| {
                    form::pct(ui, &at("world_price_pct"), &mut d.world_price_pct, id)
                        .on_hover_text("World price response: while the event is in force, the price every supplier of its minerals charges moves by this much, whether the event blocks it or not (antimony in Rotterdam: about +50% after China's ban of December 2024). 0: none.")
                });
            }
            let mut list = d.minerals.join(", ");
            form.row(ui, "Minerals", &at("minerals"), |ui, id| {
                let r = text_field(
                    ui,
                    field_id(&at("minerals")),
                    &mut list,
                    // As wide as the supplier's: at 1280 px a wider one
                    // pushed its "Choose" past the panel's edge.
                    160.0,
                    false,
                    "all minerals",
                )
                .labelled_by(id);
                if r.changed() {
                    d.minerals = list
                        .split(',')
                        .map(str::trim)
                        .filter(|s| !s.is_empty())
                        .map(String::from)
                        .collect();
                }
                mineral_checklist(ui, k, &mut d.minerals, minerals);
                r
            });
            let hit: Vec<&str> = minerals
                .iter()
                .filter(|m| d.minerals.is_empty() || d.minerals.iter().any(|t| names_match(t, m)))
                .map(String::as_str)
                .collect();
            ui.label("");
            ui.weak(if hit.is_empty() {
                "hits no mineral of this scenario".to_string()
            } else {
                format!("hits {}", hit.join(", "))
            });
            ui.end_row();
            form.row(ui, "Starts", &at("start"), |ui, id| {
                form::month_picker(ui, &at("start"), &mut d.start, id)
            });
            form.row(ui, "Ends", &at("end"), |ui, id| {
                let mut has_end = d.end.is_some();
                let r = ui.checkbox(&mut has_end, "").labelled_by(id);
                if r.changed() {
                    d.end = has_end.then_some(d.start.plus_months(11));
                }
                match &mut d.end {
                    Some(end) => {
                        form::month_picker(ui, &at("end"), end, id);
                    }
                    None => {
                        ui.weak("open-ended");
                    }
                }
                r
            });
            // The event's uncertainty, for the Monte Carlo run.
            form.row(ui, "Chance (%)", &at("probability_pct"), |ui, id| {
                form::pct(ui, &at("probability_pct"), &mut d.probability_pct, id)
                    .on_hover_text("How likely it is to happen. The plot's lines show it happening; the shaded bands weigh it by this chance.")
            });
            form.row(ui, "Start range", &at("start_range"), |ui, id| {
                let mut uncertain = d.start_range.is_some();
                let r = ui
                    .checkbox(&mut uncertain, "")
                    .labelled_by(id)
                    .on_hover_text("Ticked: the start is uncertain; give the months it starts between nine times out of ten. The whole window moves with it.");
                if r.changed() {
                    let start = d.start;
                    d.start_range = form::tick_range(
                        ui,
                        &at("start_range"),
                        d.start_range,
                        uncertain,
                        |r: &MonthRange| r.earliest <= start && start <= r.latest,
                        || MonthRange {
                            earliest: start.plus_months(-3),
                            latest: start.plus_months(3),
                        },
                    );
                }
                match &mut d.start_range {
                    Some(range) => {
                        form::month_picker(ui, &at("start_range.earliest"), &mut range.earliest, id);
                        ui.label("–");
                        form::month_picker(ui, &at("start_range.latest"), &mut range.latest, id);
                    }
                    None => {
                        ui.weak("certain");
                    }
                }
                r
            });
            form.row(ui, "Notes and source", &at("notes"), |ui, id| {
                text_field(ui, field_id(&at("notes")), &mut d.notes, 260.0, true, "")
                    .labelled_by(id)
            });
        });
}

/// What an event on each kind of target hits, for tooltips.
fn target_help(target: EventTarget) -> &'static str {
    match target {
        EventTarget::Supplier => {
            "The suppliers of that name (a company, or a country bought from directly)"
        }
        EventTarget::Country => {
            "Every supplier located in that country, wherever its raw material comes from"
        }
        EventTarget::FeedOrigin => {
            "Where raw material comes from: each supplier loses the share of its feed from that origin (a refiner with 40% of its feed from DRC keeps 60% under a DRC ban)"
        }
    }
}

/// A "Choose" menu next to the typed name: the scenario's supplier names,
/// countries of supply or feed origins, as the event's target asks.
fn supplier_chooser(ui: &mut Ui, supplier: &mut String, target: EventTarget, minerals: &[Mineral]) {
    let (button, _) = MenuButton::new("Choose").ui(ui, |ui| {
        let every = match target {
            EventTarget::Supplier => "Every supplier",
            EventTarget::Country => "Every country",
            EventTarget::FeedOrigin => "Every origin",
        };
        if ui.button(every).clicked() {
            supplier.clear();
        }
        ui.separator();
        // Every name once, in the order they first appear.
        let mut names: Vec<&str> = Vec::new();
        for s in minerals.iter().flat_map(|m| &m.suppliers) {
            let found: Vec<&str> = match target {
                EventTarget::Supplier => vec![s.name.as_str()],
                EventTarget::Country => vec![s.country.as_str()],
                EventTarget::FeedOrigin if s.feed.is_empty() => {
                    vec![if s.country.trim().is_empty() {
                        s.name.as_str()
                    } else {
                        s.country.as_str()
                    }]
                }
                EventTarget::FeedOrigin => s.feed.iter().map(|f| f.origin.as_str()).collect(),
            };
            for name in found {
                if !name.trim().is_empty() && !names.contains(&name) {
                    names.push(name);
                }
            }
        }
        if names.is_empty() {
            ui.weak("None given yet: set countries and feed mixes under Suppliers");
        }
        for name in names {
            if ui.button(name).clicked() {
                *supplier = name.to_string();
            }
        }
    });
    button.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Button, true, "Choose supplier"));
}

/// A "Choose" menu with a checkbox per mineral of the scenario, next to the
/// typed list (typed words can also name minerals not added yet). A tick
/// rewrites the list as the names of the minerals hit, keeping names that
/// match none of them; every mineral ticked is "all minerals".
fn mineral_checklist(ui: &mut Ui, k: usize, list: &mut Vec<String>, minerals: &[String]) {
    let config = MenuConfig::new().close_behavior(PopupCloseBehavior::CloseOnClickOutside);
    let (button, _) = MenuButton::new("Choose").config(config).ui(ui, |ui| {
        ui.push_id(("mineral_checklist", k), |ui| {
            let mut all = list.is_empty();
            if ui.checkbox(&mut all, "All minerals").changed() && all {
                list.clear();
            }
            ui.separator();
            let hits = |list: &[String], m: &str| {
                list.is_empty() || list.iter().any(|t| names_match(t, m))
            };
            for m in minerals {
                let mut on = hits(list, m);
                let r = ui.checkbox(&mut on, m.as_str());
                // Heard (and found by tests) apart from the plot legend.
                r.widget_info(|| {
                    egui::WidgetInfo::selected(
                        egui::Role::CheckBox,
                        true,
                        on,
                        format!("Event hits {m}"),
                    )
                });
                if r.changed() {
                    let mut picked: Vec<String> = minerals
                        .iter()
                        .filter(|other| *other != m && hits(list, other))
                        .cloned()
                        .collect();
                    if on {
                        picked = minerals
                            .iter()
                            .filter(|other| *other == m || picked.contains(other))
                            .cloned()
                            .collect();
                    }
                    *list = if picked.len() == minerals.len() {
                        Vec::new()
                    } else {
                        // Names of minerals not in this scenario stay, for
                        // when they are added (a preset's gallium).
                        let elsewhere = list
                            .iter()
                            .filter(|t| !minerals.iter().any(|m| names_match(t, m)));
                        picked.extend(elsewhere.cloned());
                        picked
                    };
                }
            }
        });
    });
    button.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Button, true, "Choose minerals"));
}
