//! The suppliers of the selected mineral: name, share and lead time, with the
//! running total of shares and a "normalize to 100%" action.

use super::field::{field_id, text_field, typing_error};
use super::form::{self, problem_label};
use crate::model::validation::SHARE_TOLERANCE_PCT;
use crate::model::{Mineral, Problem, Range};
use crate::ui::command::{Command, Message};
use egui::{Grid, RichText, Ui};

/// Fields write into `mineral`; adding and removing go to `messages`.
/// `first_month`: the plan's month 1 (a new capacity change starts a year
/// after it).
pub fn show(
    ui: &mut Ui,
    index: usize,
    mineral: &mut Mineral,
    first_month: crate::model::YearMonth,
    problems: &[Problem],
    messages: &mut Vec<Message>,
) {
    let dark = ui.visuals().dark_mode;
    ui.horizontal(|ui| {
        ui.strong("Suppliers");
        ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
            super::command_button(ui, Command::AddSupplier, true, messages);
        });
    });
    Grid::new(("suppliers", index))
        .num_columns(4)
        .striped(true)
        .spacing([8.0, 4.0])
        .show(ui, |ui| {
            ui.weak("Supplier or country");
            ui.weak("Share");
            ui.weak("Lead time");
            ui.label("");
            ui.end_row();
            for (k, s) in mineral.suppliers.iter_mut().enumerate() {
                let n = k + 1;
                let at = |field: &str| format!("minerals[{index}].suppliers[{k}].{field}");
                let mut typed = Vec::new();
                let name = text_field(ui, field_id(&at("name")), &mut s.name, 150.0, false, "")
                    .accessible_name(format!("Supplier {n} name"));
                typed.extend(typing_error(ui.ctx(), name.id));
                ui.horizontal(|ui| {
                    let r = form::pct_field(ui, &at("share_pct"), &mut s.share_pct)
                        .accessible_name(format!("Supplier {n} share"));
                    typed.extend(typing_error(ui.ctx(), r.id));
                    ui.label("%");
                });
                ui.horizontal(|ui| {
                    let r = form::whole_field(ui, &at("lead_time_months"), &mut s.lead_time_months)
                        .accessible_name(format!("Supplier {n} lead time"));
                    typed.extend(typing_error(ui.ctx(), r.id));
                    ui.label("mo");
                });
                if ui
                    .small_button("Remove")
                    .accessible_name(format!("Remove supplier {n}"))
                    .on_hover_text("Remove this supplier")
                    .clicked()
                {
                    messages.push(Message::RemoveSupplier {
                        mineral: index,
                        supplier: k,
                    });
                }
                ui.end_row();
                let prefix = format!("minerals[{index}].suppliers[{k}].");
                // The second tier's problems show in its own section below.
                let found = problems
                    .iter()
                    .filter(|p| p.path.starts_with(&prefix) && !is_second_tier(&p.path))
                    .map(|p| p.message.clone());
                for message in typed.into_iter().chain(found) {
                    problem_label(ui, &message);
                    ui.end_row();
                }
            }
        });
    // The running total, always visible, flagged when off.
    let total = mineral.total_share_pct();
    let off = (total - 100.0).abs() > SHARE_TOLERANCE_PCT;
    // Wrapped: at 1280 px "(should be 100%)" leaves no room for the button
    // on the same line.
    ui.horizontal_wrapped(|ui| {
        let text = RichText::new(format!("Total share {total:.2}%")).strong();
        let text = if off {
            text.color(crate::ui::palette::problem_color(dark))
        } else {
            text
        };
        ui.label(text);
        if off {
            ui.label(
                RichText::new("(should be 100%)").color(crate::ui::palette::problem_color(dark)),
            );
        }
        super::command_button(
            ui,
            Command::NormalizeShares,
            off && !mineral.suppliers.is_empty(),
            messages,
        );
    });
    for p in problems
        .iter()
        .filter(|p| p.path == format!("minerals[{index}].suppliers"))
    {
        problem_label(ui, &p.message);
    }
    supply_chain(ui, index, mineral, first_month, problems, messages);
    concentration(ui, mineral);
}

/// The supplier's uncertain inputs for the Monte Carlo run: ranges (90 %)
/// of its share, lead time and capacity.
fn uncertainty_rows(
    ui: &mut Ui,
    at: &dyn Fn(&str) -> String,
    s: &mut crate::model::Supplier,
    unit: &str,
    typed: &mut Vec<String>,
) {
    let number = form::RangeFormat {
        format: &form::number_plain,
        parse: &super::field::parse_number,
        fresh: &|v| Range::new(0.8 * v, 1.2 * v),
        width: 50.0,
        positive: false,
    };
    let label = ui.label("Share range");
    ui.horizontal(|ui| {
        let r = form::range(
            ui,
            &at("share_range_pct"),
            &mut s.share_range_pct,
            s.share_pct,
            &number,
            label.id,
        );
        if s.share_range_pct.is_some() {
            ui.label("%");
        }
        typed.extend(typing_error(ui.ctx(), r.id));
        typed.extend(form::range_note(ui.ctx(), &at("share_range_pct")));
    });
    ui.end_row();
    let label = ui.label("Lead time range");
    ui.horizontal(|ui| {
        let months = form::RangeFormat {
            fresh: &|v| Range::new((v - 1.0).max(0.0), v + 2.0),
            ..number
        };
        let lead = f64::from(s.lead_time_months);
        let r = form::range(
            ui,
            &at("lead_time_range_months"),
            &mut s.lead_time_range_months,
            lead,
            &months,
            label.id,
        );
        if s.lead_time_range_months.is_some() {
            ui.label("months");
        }
        typed.extend(typing_error(ui.ctx(), r.id));
        typed.extend(form::range_note(ui.ctx(), &at("lead_time_range_months")));
    });
    ui.end_row();
    if let Some(capacity) = s.capacity_qty_per_year {
        let label = ui.label("Capacity range");
        ui.horizontal(|ui| {
            let r = form::range(
                ui,
                &at("capacity_range_qty_per_year"),
                &mut s.capacity_range_qty_per_year,
                capacity,
                &form::RangeFormat {
                    positive: true,
                    ..number
                },
                label.id,
            );
            if s.capacity_range_qty_per_year.is_some() {
                ui.label(format!("{unit} per year"));
            }
            typed.extend(typing_error(ui.ctx(), r.id));
            typed.extend(form::range_note(
                ui.ctx(),
                &at("capacity_range_qty_per_year"),
            ));
        });
        ui.end_row();
    }
}

/// Each supplier's second tier, folded by default: its country, its
/// capacity and where its raw material comes from (feed mix).
fn supply_chain(
    ui: &mut Ui,
    index: usize,
    mineral: &mut Mineral,
    first_month: crate::model::YearMonth,
    problems: &[Problem],
    messages: &mut Vec<Message>,
) {
    let unit = mineral.unit.symbol();
    for (k, s) in mineral.suppliers.iter_mut().enumerate() {
        let at = |field: &str| format!("minerals[{index}].suppliers[{k}].{field}");
        let summary = supply_summary(s);
        let title = format!(
            "{}: {summary}",
            if s.name.trim().is_empty() {
                "(no name)"
            } else {
                &s.name
            }
        );
        // Cut to the panel's width (the header itself never wraps or
        // cuts), the whole line on hover.
        let width = ui.available_width() - ui.spacing().indent - ui.spacing().button_padding.x;
        let header = egui::WidgetText::from(title.as_str()).into_galley(
            ui,
            Some(egui::TextWrapMode::Truncate),
            width.max(40.0),
            egui::TextStyle::Button,
        );
        let cut = header.elided;
        let section = egui::CollapsingHeader::new(header)
            .id_salt(("supply_chain", index, k))
            .show(ui, |ui| {
                // What could not be taken from the keyboard, said under
                // the section like any problem (never silently ignored).
                let mut typed: Vec<String> = Vec::new();
                Grid::new(("supply_chain_grid", index, k))
                    .num_columns(2)
                    .spacing([8.0, 4.0])
                    .show(ui, |ui| {
                        let label = ui.label("Country");
                        text_field(ui, field_id(&at("country")), &mut s.country, 140.0, false, "")
                            .labelled_by(label.id)
                            .on_hover_text("Where the refiner or seller is: events on a country of supply hit it");
                        ui.end_row();
                        let label = ui.label("Capacity");
                        ui.horizontal(|ui| {
                            let mut limited = s.capacity_qty_per_year.is_some();
                            if ui
                                .checkbox(&mut limited, "")
                                .accessible_name("Capacity limited")
                                .on_hover_text("Ticked: it sells at most this much a plan year, re-sourced orders included")
                                .changed()
                            {
                                s.capacity_qty_per_year = limited.then_some(1000.0);
                                if !limited {
                                    s.capacity_range_qty_per_year = None;
                                }
                            }
                            match &mut s.capacity_qty_per_year {
                                Some(q) => {
                                    let r = form::qty(ui, &at("capacity_qty_per_year"), q, &format!("{unit} per year"), label.id);
                                    typed.extend(typing_error(ui.ctx(), r.id));
                                }
                                None => {
                                    ui.weak("unlimited");
                                }
                            }
                        });
                        ui.end_row();
                        // Capacities from a month on (an expansion funded
                        // under DPA Title III, a closing).
                        let mut remove = None;
                        for (j, change) in s.capacity_changes.iter_mut().enumerate() {
                            // Two rows, so that the row fits the panel at
                            // 1280 px: the month with its Remove, then the
                            // capacity from it.
                            let label = ui.label("Capacity from");
                            ui.horizontal(|ui| {
                                let path = at(&format!("capacity_changes[{j}].from"));
                                form::month_picker(ui, &path, &mut change.from, label.id);
                                if ui
                                    .small_button("Remove")
                                    .accessible_name(format!("Remove capacity change {}", j + 1))
                                    .on_hover_text("Remove this capacity change")
                                    .clicked()
                                {
                                    remove = Some(j);
                                }
                            });
                            ui.end_row();
                            let label = ui.label("   is then");
                            let qty_path = at(&format!("capacity_changes[{j}].qty_per_year"));
                            let r = ui
                                .horizontal(|ui| {
                                    form::qty(
                                        ui,
                                        &qty_path,
                                        &mut change.qty_per_year,
                                        &format!("{unit} per year"),
                                        label.id,
                                    )
                                })
                                .inner;
                            ui.end_row();
                            // Said under the field itself, not under the
                            // section (it was read as the feed's).
                            let typed_here = typing_error(ui.ctx(), r.id);
                            form::Form::new(problems).problems_row(ui, &qty_path, typed_here.as_deref());
                        }
                        if let Some(j) = remove {
                            s.capacity_changes.remove(j);
                        }
                        ui.label("");
                        if ui
                            .small_button("+ Capacity from a month")
                            .on_hover_text("The capacity changes from a month on: an expansion funded under DPA Title III, a plant closing")
                            .clicked()
                        {
                            // A year after the last change (or the plan's
                            // first January), at today's capacity.
                            let (from, qty) = s.capacity_changes.last().map_or(
                                (first_month.plus_months(12), s.capacity_qty_per_year.unwrap_or(1000.0)),
                                |c| (c.from.plus_months(12), c.qty_per_year),
                            );
                            s.capacity_changes.push(crate::model::CapacityChange { from, qty_per_year: qty });
                        }
                        ui.end_row();
                        uncertainty_rows(ui, &at, s, unit, &mut typed);
                    });
                ui.horizontal(|ui| {
                    ui.strong("Feed mix");
                    if ui
                        .small_button("+ Add origin")
                        .on_hover_text("Add a country (or mine) its raw material comes from")
                        .clicked()
                    {
                        messages.push(Message::AddFeedOrigin { mineral: index, supplier: k });
                    }
                    if ui
                        .small_button("Fill from world production")
                        .on_hover_text("Propose the feed from world mine production by country (USGS Mineral Commodity Summaries 2026, 2025 data)")
                        .clicked()
                    {
                        messages.push(Message::FillFeedFromWorld { mineral: index, supplier: k });
                    }
                });
                if s.feed.is_empty() {
                    ui.weak(format!(
                        "All from {} (no feed mix given)",
                        if s.country.trim().is_empty() { &s.name } else { &s.country }
                    ));
                }
                Grid::new(("feed", index, k))
                    .num_columns(4)
                    // A grid sizes a column from last frame's: without a
                    // minimum, origins added to an empty list stay narrow.
                    .min_col_width(60.0)
                    .spacing([8.0, 4.0])
                    .show(ui, |ui| {
                        if !s.feed.is_empty() {
                            // Sized headers set the columns' widths: a grid
                            // keeps last frame's, which fields cannot widen.
                            ui.add_sized([130.0, 14.0], egui::Label::new(RichText::new("Origin").weak()));
                            ui.weak("Share of feed").on_hover_text(
                                "Tick the box beside a share to give it a 90% range for the Monte Carlo run; the feed is scaled to 100% after the draw",
                            );
                            ui.label("");
                            ui.end_row();
                        }
                        for (o, f) in s.feed.iter_mut().enumerate() {
                            let path = |field: &str| format!("minerals[{index}].suppliers[{k}].feed[{o}].{field}");
                            let set_range = |range| Message::SetFeedShareRange { mineral: index, supplier: k, origin: o, range };
                            text_field(ui, field_id(&path("origin")), &mut f.origin, 130.0, false, "")
                                .accessible_name(format!("Feed origin {}", o + 1));
                            ui.horizontal(|ui| {
                                let r = form::pct_field(ui, &path("share_pct"), &mut f.share_pct)
                                    .accessible_name(format!("Feed origin {} share", o + 1));
                                typed.extend(typing_error(ui.ctx(), r.id));
                                ui.label("%");
                                feed_share_range_box(ui, &path("share_range_pct"), f, o, messages, set_range);
                            });
                            if ui
                                .small_button("Remove")
                                .accessible_name(format!("Remove feed origin {}", o + 1))
                                .clicked()
                            {
                                messages.push(Message::RemoveFeedOrigin { mineral: index, supplier: k, origin: o });
                            }
                            ui.end_row();
                            if f.share_range_pct.is_some() {
                                ui.label("");
                                let path = path("share_range_pct");
                                feed_share_range_ends(ui, &path, f, o);
                                ui.label("");
                                ui.end_row();
                            }
                        }
                    });
                let prefix = format!("minerals[{index}].suppliers[{k}].");
                for message in typed {
                    problem_label(ui, &message);
                }
                for p in problems
                    .iter()
                    .filter(|p| {
                        p.path.starts_with(&prefix)
                            && is_second_tier(&p.path)
                            // Said under their own fields above.
                            && !p.path.contains(".capacity_changes[")
                    })
                {
                    problem_label(ui, &p.message);
                }
            });
        if cut {
            section.header_response.on_hover_text(title);
        }
    }
}

/// How a feed share's range is shown and typed: percent ends, fresh at
/// ±20 points around the share within 0–100 %.
const FEED_RANGE: form::RangeFormat<'static> = form::RangeFormat {
    format: &form::number_plain,
    parse: &super::field::parse_number,
    fresh: &|v| Range::new((v - 20.0).max(0.0), (v + 20.0).min(100.0)),
    width: 40.0,
    positive: false,
};

/// The tick box that gives feed origin `o`'s share a 90 % range, beside
/// the share. Adding or removing the range is an edit of the feed like
/// adding an origin: a message (`set`) carried out by
/// `Scenario::set_feed_share_range`.
fn feed_share_range_box(
    ui: &mut Ui,
    path: &str,
    f: &crate::model::FeedShare,
    o: usize,
    messages: &mut Vec<Message>,
    set: impl Fn(Option<Range>) -> Message,
) {
    let mut range = f.share_range_pct;
    let name = format!("Feed origin {} share range", o + 1);
    form::range_box_named(ui, path, &mut range, f.share_pct, &FEED_RANGE, &name);
    if range != f.share_range_pct {
        messages.push(set(range));
    }
}

/// The ends of feed origin `o`'s range, on the row under its share; typed
/// in place like every number field (one undo step when left, Escape puts
/// back the value).
fn feed_share_range_ends(ui: &mut Ui, path: &str, f: &mut crate::model::FeedShare, o: usize) {
    let share = f.share_pct;
    let Some(range) = &mut f.share_range_pct else {
        return;
    };
    let name = format!("Feed origin {} share range", o + 1);
    ui.horizontal(|ui| {
        form::range_ends_named(ui, path, range, share, &FEED_RANGE, &name);
        ui.label("%");
    });
}

/// Whether a problem's path is about a supplier's country, capacity or
/// feed (shown in the supply-chain section).
fn is_second_tier(path: &str) -> bool {
    path.contains(".feed") || path.contains(".capacity") || path.contains(".country")
}

/// "Canada · 1,500 t/yr · feed DRC 40%, …", or "no country, unlimited".
fn supply_summary(s: &crate::model::Supplier) -> String {
    let country = if s.country.trim().is_empty() {
        "no country".to_string()
    } else {
        s.country.clone()
    };
    let mut capacity = s
        .capacity_qty_per_year
        .map_or("unlimited".to_string(), |q| {
            format!("{}/yr", crate::display::grouped(q, 0))
        });
    // The first change to come, and how many more.
    let mut changes: Vec<&crate::model::CapacityChange> = s.capacity_changes.iter().collect();
    changes.sort_by_key(|c| c.from);
    if let [first, rest @ ..] = changes.as_slice() {
        capacity.push_str(&format!(
            ", {}/yr from {}",
            crate::display::grouped(first.qty_per_year, 0),
            first.from
        ));
        if !rest.is_empty() {
            capacity.push_str(&format!(" +{}", rest.len()));
        }
    }
    let feed = match s.feed.as_slice() {
        [] => String::new(),
        [f, rest @ ..] => {
            let more = if rest.is_empty() {
                String::new()
            } else {
                format!(" +{}", rest.len())
            };
            format!(" · feed {} {:.0}%{more}", f.origin, f.share_pct)
        }
    };
    format!("{country} · {capacity}{feed}")
}

/// How concentrated the purchases are (Herfindahl–Hirschman index of the
/// suppliers, and of world mine production from the bundled USGS table),
/// and the share bought from China: the planner's exposure at a glance.
fn concentration(ui: &mut Ui, mineral: &crate::model::Mineral) {
    use crate::model::reference::{
        Concentration, ReferenceTable, share_from_china_pct, supplier_hhi,
    };
    let suppliers = supplier_hhi(mineral);
    let mut text = format!(
        "Suppliers HHI {} ({}) · from China {:.0}%",
        crate::display::grouped(suppliers, 0),
        Concentration::of(suppliers).label(),
        share_from_china_pct(mineral)
    );
    let table = ReferenceTable::builtin();
    if let Some(world) = table.world_mine_hhi(&mineral.name) {
        text.push_str(&format!(
            " · world mine output HHI {} ({})",
            crate::display::grouped(world, 0),
            Concentration::of(world).label()
        ));
    }
    ui.add_space(4.0);
    ui.add(egui::Label::new(text).wrap())
        .on_hover_text(
            "Herfindahl–Hirschman index, 0 to 10,000: under 1,500 unconcentrated, 1,500–2,500 moderately, over 2,500 highly concentrated (US DOJ/FTC). World figures: USGS Mineral Commodity Summaries 2026 (2025 data), from the reference table bundled with Stockpile Planner.",
        );
}
