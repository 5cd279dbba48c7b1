//! One row per mineral and a total row: final coverage (with the Monte
//! Carlo range and chance of 100 % when there are bands), the month 100 %
//! is reached, months of consumption held, then budget, unspent, bought,
//! coverage lost to events and Needs (the requirement over what can be bought). What a meeting asks
//! comes first, under short headers that say the rest on hover, so that
//! every column fits beside both side panels at 1280 px. Where the table
//! is still wider than its room (comparing with a baseline adds four Δ
//! columns beside what they change), the least needed columns are left out
//! and named under it, rather than scrolled off the right edge.

use super::mineral_list::coverage_badge;
use crate::display::{pts_delta, qty, usd_delta, usd_short};
use crate::model::compare::{MineralDelta, ReachDelta};
use crate::model::monte_carlo::{Bands, MineralBands};
use crate::model::{Projection, Scenario};
use crate::ui::document::Comparison;
use egui::{Grid, RichText, Ui};

/// A column of the table.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
enum Column {
    Mineral,
    Budget,
    Bought,
    FinalCoverage,
    Reached,
    Unspent,
    LostToEvents,
    Feasibility,
    /// Months of stated consumption held at the end.
    MonthsHeld,
    /// Final coverage P10–P90 of the Monte Carlo run.
    FinalRange,
    /// Chance of reaching 100 % by the end, from the Monte Carlo run.
    Chance,
    DeltaCoverage,
    DeltaReached,
    DeltaSpent,
    DeltaUnspent,
}

/// The columns without a baseline: the outcome first, then the money.
const PLAIN: [Column; 8] = [
    Column::Mineral,
    Column::FinalCoverage,
    Column::Reached,
    Column::Budget,
    Column::Unspent,
    Column::Bought,
    Column::LostToEvents,
    Column::Feasibility,
];

/// With a baseline, each Δ beside what it changes, on the left where a
/// narrow window still shows them.
const COMPARED: [Column; 12] = [
    Column::Mineral,
    Column::FinalCoverage,
    Column::DeltaCoverage,
    Column::Reached,
    Column::DeltaReached,
    Column::Unspent,
    Column::DeltaUnspent,
    Column::DeltaSpent,
    Column::Budget,
    Column::Bought,
    Column::LostToEvents,
    Column::Feasibility,
];

impl Column {
    /// Short, so that every column fits at 1280 px; [`Self::hover`] says
    /// the rest.
    fn header(self) -> &'static str {
        match self {
            Column::Mineral => "Mineral",
            Column::Budget => "Budget",
            Column::Bought => "Bought",
            Column::FinalCoverage => "Coverage",
            Column::Reached => "100% in",
            Column::Unspent => "Unspent",
            Column::LostToEvents => "Events",
            // "Needs 1.4×": the editor's "needs 1.4× the purchasable
            // supply", in a header a third as wide as "Feasibility".
            Column::Feasibility => "Needs",
            Column::MonthsHeld => "Held",
            Column::FinalRange => "P10–P90",
            Column::Chance => "Chance",
            Column::DeltaCoverage => "Δ coverage",
            Column::DeltaReached => "Δ 100% in",
            Column::DeltaSpent => "Δ spent",
            Column::DeltaUnspent => "Δ unspent",
        }
    }

    /// What the header means, in full.
    fn hover(self) -> &'static str {
        match self {
            Column::Mineral => "The mineral; the total row adds up the money",
            Column::Budget => "Budget over the timeframe",
            Column::Bought => "Quantity ordered over the timeframe",
            Column::FinalCoverage => {
                "Final coverage: the stockpile at the end of the timeframe, as a share of the requirement"
            }
            Column::Reached => "The month coverage first reaches 100%",
            Column::Unspent => "Budget left unspent at the end of the timeframe",
            Column::LostToEvents => {
                "Coverage lost to events: final coverage with the enabled events minus without them"
            }
            Column::Feasibility => {
                "Needs: what is still to buy (requirement less opening inventory) as a multiple of the most the ceilings, quotas, capacities and open suppliers let through in the timeframe; above 1×, no budget buys the requirement in time. Whether the money can be spent is in Unspent."
            }
            Column::MonthsHeld => {
                "Held: months of stated annual consumption the stockpile holds at the end"
            }
            Column::FinalRange => {
                "Final coverage (%) in eight Monte Carlo runs out of ten (the shaded band at the end)"
            }
            Column::Chance => {
                "Chance of 100% by the end: the share of Monte Carlo runs that reach it within the timeframe"
            }
            Column::DeltaCoverage
            | Column::DeltaReached
            | Column::DeltaSpent
            | Column::DeltaUnspent => "This variant minus the baseline (dashed lines in the plot)",
        }
    }
}

/// What one mineral's row shows.
struct RowData<'a> {
    projection: &'a Projection,
    k: usize,
    mineral: &'a crate::model::Mineral,
    lost: Option<f64>,
    has_events: bool,
    dark: bool,
    /// `Some(None)`: comparing, but the baseline lacks this mineral.
    delta: Option<Option<&'a MineralDelta>>,
    months_held: Option<f64>,
    bands: Option<&'a MineralBands>,
    /// The bands are of the plan before the last edit (a run is on).
    bands_updating: bool,
}

/// The summary under the plot. `bands` are the last Monte Carlo run's,
/// `bands_updating` when they are of the plan before the last edit (their
/// cells are then greyed, as the plot fades its bands).
pub fn show(
    ui: &mut Ui,
    scenario: &Scenario,
    projection: &Projection,
    lost_to_events_pct: &[f64],
    comparison: Option<&Comparison>,
    bands: Option<&Bands>,
    bands_updating: bool,
) {
    let deltas = comparison
        .map(|c| c.deltas.as_slice())
        .filter(|d| !d.is_empty());
    let months_held = projection.months_of_consumption(scenario);
    let mut columns: Vec<Column> = if deltas.is_some() {
        COMPARED.to_vec()
    } else {
        PLAIN.to_vec()
    };
    if months_held.iter().any(Option::is_some) {
        // After the month 100 % is reached (and its Δ): the same stock, in
        // time.
        let at = columns
            .iter()
            .rposition(|&c| c == Column::Reached || c == Column::DeltaReached)
            .map_or(1, |k| k + 1);
        columns.insert(at, Column::MonthsHeld);
    }
    // Matched by name: a run may be for the plan of a moment ago.
    let bands_of = |name: &str| bands.and_then(|b| b.minerals.iter().find(|m| m.name == name));
    if bands.is_some() {
        let at = columns
            .iter()
            .position(|&c| c == Column::FinalCoverage)
            .map_or(1, |k| k + 1);
        columns.insert(at, Column::Chance);
        columns.insert(at, Column::FinalRange);
    }
    // Columns that do not fit beside both panels are left out, the least
    // needed first, and named under the table: a room must not have to
    // scroll sideways. How many, for this width and these columns, was
    // found over the last frames.
    let width = ui.available_width();
    let fit_id = egui::Id::unique(("summary_fit", columns.clone(), (width / 8.0).round() as i32));
    let left_out_count: usize = ui.data(|d| d.get_temp(fit_id)).unwrap_or(0);
    let mut left_out = Vec::new();
    for c in LEFT_OUT_FIRST {
        if left_out.len() == left_out_count {
            break;
        }
        if let Some(k) = columns.iter().position(|&x| x == c) {
            left_out.push(columns.remove(k));
        }
    }
    let columns = columns.as_slice();
    let has_events = scenario.disruptions.iter().any(|d| d.enabled);
    let dark = ui.visuals().dark_mode;
    let n = scenario.minerals.len().min(projection.minerals.len());
    // Header, one row per mineral, total; only the rows in view are laid
    // out, so 200 minerals cost what 10 do.
    let row_height = ui.spacing().interact_size.y;
    let row_gap = ui.spacing().item_spacing.y;
    // A solid scroll bar: egui's floating one is invisible until hovered,
    // and a column past the right edge must not go unnoticed.
    ui.spacing_mut().scroll = egui::style::ScrollStyle::solid();
    let note_height = if left_out.is_empty() {
        0.0
    } else {
        row_height + row_gap
    };
    let shown = egui::ScrollArea::both()
        .id_salt("summary")
        .max_height(ui.available_height() - note_height)
        .show_rows(ui, row_height, n + 2, |ui, rows| {
            // One grid per set of columns: a new grid lays itself out
            // unseen first, where a grid whose columns changed (the bands
            // arriving) would draw one frame of overlapping text.
            Grid::new(("summary_table", columns))
                .num_columns(columns.len())
                .striped(true)
                .spacing([8.0, row_gap])
                .min_col_width(30.0)
                .min_row_height(row_height)
                .start_row(rows.start)
                .show(ui, |ui| {
                    for row in rows {
                        if row == 0 {
                            for &c in columns {
                                ui.strong(c.header()).on_hover_text(c.hover());
                            }
                        } else if row == n + 1 {
                            total_row(ui, columns, scenario, projection, n);
                        } else {
                            let k = row - 1;
                            let data = RowData {
                                projection,
                                k,
                                mineral: &scenario.minerals[k],
                                lost: lost_to_events_pct.get(k).copied(),
                                has_events,
                                dark,
                                delta: deltas.map(|d| d.get(k).and_then(Option::as_ref)),
                                months_held: months_held.get(k).copied().flatten(),
                                bands: bands_of(&projection.minerals[k].name),
                                bands_updating,
                            };
                            for &c in columns {
                                cell(ui, c, &data);
                            }
                        }
                        ui.end_row();
                    }
                });
        });
    let too_wide = shown.content_size.x > shown.inner_rect.width() + 0.5;
    if too_wide && left_out_count < LEFT_OUT_FIRST.len() && left_out.len() == left_out_count {
        ui.data_mut(|d| d.insert_temp(fit_id, left_out_count + 1));
        crate::ui::layout::one_more_pass(ui.ctx(), "a summary column left out to fit");
    }
    if !left_out.is_empty() {
        let names: Vec<&str> = left_out.iter().map(|c| c.header()).collect();
        ui.weak(format!(
            "Not shown for room: {}. Widen the window or hide a side panel (View menu) to see them.",
            names.join(", ")
        ))
        .on_hover_text(
            left_out
                .iter()
                .map(|c| format!("{}: {}", c.header(), c.hover()))
                .collect::<Vec<_>>()
                .join("\n"),
        );
    }
}

/// The columns left out when the table is wider than its room, in this
/// order: what the rest of the row or the other tabs already say first.
const LEFT_OUT_FIRST: [Column; 7] = [
    Column::Bought,
    Column::LostToEvents,
    Column::Budget,
    Column::MonthsHeld,
    Column::DeltaSpent,
    Column::Feasibility,
    Column::Chance,
];

/// Characters of a mineral's name shown in the table.
const NAME_CHARS: usize = 13;

/// `name` cut to [`NAME_CHARS`] with "…", or `None` when it fits.
fn short_name(name: &str) -> Option<String> {
    (name.chars().count() > NAME_CHARS).then(|| {
        let kept: String = name.chars().take(NAME_CHARS - 1).collect();
        format!("{}…", kept.trim_end())
    })
}

fn cell(ui: &mut Ui, column: Column, d: &RowData<'_>) {
    let projection = d.projection;
    let p = &projection.minerals[d.k];
    match column {
        Column::Mineral => {
            // A long name ("Rare earths (NdPr oxide)") would push the last
            // columns off a 1280-pixel screen: cut, whole on hover.
            match short_name(&p.name) {
                Some(short) => ui.label(short).on_hover_text(&p.name),
                None => ui.label(&p.name),
            };
        }
        Column::Budget => right(ui, usd_short(d.mineral.budget_usd)),
        Column::Bought => right(ui, qty(p.total_ordered_qty, p.unit.symbol())),
        Column::FinalCoverage => coverage_badge(ui, &p.name, p.final_coverage_pct(), d.dark),
        Column::Reached => {
            match p.first_full_coverage_month {
                Some(month) => ui.label(projection.calendar_month(month).to_string()),
                // A dash, narrower than words: the badge beside it already
                // says how far short it falls.
                None => ui
                    .weak("—")
                    .on_hover_text("Not reached within the timeframe"),
            };
        }
        Column::Unspent => {
            let cell = ui
                .with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                    ui.label(usd_short(p.cannot_spend_usd()))
                })
                .inner;
            if p.not_needed_usd >= 0.5 {
                cell.on_hover_text(format!(
                    "Budget that cannot be spent. Besides it, {} was not needed: ordering stopped once the requirement was held or on its way",
                    usd_short(p.not_needed_usd)
                ));
            }
        }
        Column::LostToEvents => match d.lost {
            Some(lost) if d.has_events && lost.abs() >= 0.05 => {
                ui.label(format!("{:.1} pts", -lost))
                    .on_hover_text("Final coverage with the enabled events minus without them");
            }
            _ if d.has_events => {
                ui.weak("none");
            }
            _ => {
                ui.weak("—").on_hover_text("No events in this scenario");
            }
        },
        Column::Feasibility => feasibility(ui, p, d),
        Column::MonthsHeld => match d.months_held {
            Some(m) => right(ui, format!("{m:.1}")),
            None => {
                ui.weak("—").on_hover_text("No annual consumption stated");
            }
        },
        Column::FinalRange => match d.bands {
            // No "%" after the range: the header's hover says it is
            // coverage, and the column is narrower for it.
            Some(b) => {
                let text = format!("{:.0}–{:.0}", b.final_p10_pct(), b.final_p90_pct());
                let note = crate::model::monte_carlo::outside_band_note(
                    d.mineral,
                    p.final_coverage_pct(),
                    b,
                );
                match note {
                    // The line lies outside its own band: said, not left
                    // for the room to puzzle over.
                    Some(note) if !d.bands_updating => {
                        ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                            ui.colored_label(
                                crate::ui::palette::problem_color(d.dark),
                                format!("{text} *"),
                            )
                            .on_hover_text(note)
                        });
                    }
                    _ => band_cell(ui, text, d.bands_updating),
                }
            }
            None => {
                ui.weak("—");
            }
        },
        Column::Chance => match d.bands {
            Some(b) => band_cell(
                ui,
                crate::display::chance(b.full_by_end_probability_pct),
                d.bands_updating,
            ),
            None => {
                ui.weak("—");
            }
        },
        _ => delta_cell(ui, column, projection, d.delta.flatten(), d.delta.is_some()),
    }
}

/// Totals over the `n` minerals shown.
fn total_row(
    ui: &mut Ui,
    columns: &[Column],
    scenario: &Scenario,
    projection: &Projection,
    n: usize,
) {
    for &c in columns {
        match c {
            Column::Mineral => {
                ui.strong("Total");
            }
            Column::Budget => {
                let total: f64 = scenario.minerals[..n].iter().map(|m| m.budget_usd).sum();
                ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                    ui.label(RichText::new(usd_short(total)).strong())
                });
            }
            Column::Unspent => {
                let total: f64 = projection.minerals[..n]
                    .iter()
                    .map(|p| p.cannot_spend_usd())
                    .sum();
                ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                    ui.label(RichText::new(usd_short(total)).strong())
                });
            }
            _ => {
                ui.weak("—");
            }
        }
    }
}

/// Live minus baseline for one mineral; "new" when the baseline lacks it.
fn delta_cell(
    ui: &mut Ui,
    column: Column,
    projection: &Projection,
    delta: Option<&MineralDelta>,
    comparing: bool,
) {
    let Some(d) = delta else {
        if comparing && column == Column::DeltaCoverage {
            ui.weak("new")
                .on_hover_text("This mineral is not in the baseline");
        } else {
            ui.weak("—");
        }
        return;
    };
    match column {
        Column::DeltaCoverage => {
            let coverage = pts_delta(d.final_coverage_pts);
            if coverage == "0.0 pts" {
                right_weak(ui, coverage);
            } else {
                right(ui, coverage);
            }
        }
        // Nothing moved: a dash, narrower than "not reached in either".
        Column::DeltaReached if d.full_coverage == ReachDelta::NeverReached => {
            ui.weak("—")
                .on_hover_text("Not reached within the timeframe in either");
        }
        Column::DeltaReached => {
            ui.label(d.full_coverage.in_words(projection));
        }
        Column::DeltaSpent => right(ui, usd_delta(d.spent_usd)),
        _ => right(ui, usd_delta(d.unspent_usd)),
    }
}

fn right_weak(ui: &mut Ui, text: String) {
    ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
        ui.weak(text)
    });
}

/// A figure of the Monte Carlo run: greyed, and said so on hover, while
/// it is of the plan before the last edit.
fn band_cell(ui: &mut Ui, text: String, updating: bool) {
    if updating {
        ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
            ui.weak(text).on_hover_text(
                "Updating: of the plan before the last edit, until the run for this one finishes",
            )
        });
    } else {
        right(ui, text);
    }
}

fn right(ui: &mut Ui, text: String) {
    ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
        ui.label(text)
    });
}

/// What is to buy against what can be bought; red when the requirement
/// cannot be bought in the timeframe, and the row's warning (money that
/// cannot be spent, and why) on hover.
fn feasibility(ui: &mut Ui, p: &crate::model::MineralProjection, d: &RowData<'_>) {
    let text = p.requirement_ratio_in_words();
    let unit = p.unit.symbol();
    let mut hover = match p.feasibility.purchasable_qty {
        Some(q) => format!(
            "Still to buy {}; the ceilings, quotas, capacities and open suppliers let through {} in the timeframe.",
            qty(p.to_buy_qty(), unit),
            qty(q, unit)
        ),
        None => format!(
            "Still to buy {}; nothing caps the quantity that can be bought.",
            qty(p.to_buy_qty(), unit)
        ),
    };
    let warning = crate::model::feasibility::warning(d.mineral, p, d.projection.start);
    if let Some(w) = &warning {
        hover = format!("{hover}\n{}{}.", w[..1].to_uppercase(), &w[1..]);
    }
    match p.requirement_ratio() {
        Some(r) if r > 1.0 + 1e-9 => {
            ui.colored_label(crate::ui::palette::problem_color(d.dark), text)
                .on_hover_text(hover);
        }
        Some(_) => {
            ui.label(text).on_hover_text(hover);
        }
        None => {
            ui.weak(text).on_hover_text(hover);
        }
    }
}
