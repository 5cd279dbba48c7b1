//! The editor for the selected mineral: every field of the model. Fields
//! write into the scenario; the document notices the change and refreshes.

use super::field::{field_id, text_field};
use super::form::{self, Form};
use crate::display::usd_short;
use crate::model::{Mineral, Problem, PurchaseCeiling, Range, SpendingProfile, Unit};
use egui::{ComboBox, Grid, Ui};

pub fn show(
    ui: &mut Ui,
    index: usize,
    mineral: &mut Mineral,
    horizon_months: u32,
    plan_years: &[String],
    problems: &[Problem],
) {
    let at = |field: &str| format!("minerals[{index}].{field}");
    let form = Form::new(problems);
    let unit = mineral.unit.symbol();
    Grid::new(("mineral_editor", index))
        .num_columns(2)
        .spacing([8.0, 6.0])
        .show(ui, |ui| {
            form.row(ui, "Mineral name", &at("name"), |ui, id| {
                text_field(
                    ui,
                    field_id(&at("name")),
                    &mut mineral.name,
                    180.0,
                    false,
                    "",
                )
                .labelled_by(id)
            });
            form.row(ui, "Unit", &at("unit"), |ui, id| {
                ComboBox::from_id_salt(("unit", index))
                    .selected_text(unit)
                    .width(60.0)
                    .show_ui(ui, |ui| {
                        for u in Unit::ALL {
                            ui.selectable_value(&mut mineral.unit, u, u.symbol());
                        }
                    })
                    .response
                    .labelled_by(id)
            });
            form.row(ui, "Budget (USD)", &at("budget_usd"), |ui, id| {
                let mut budget = mineral.budget_usd;
                let r = form::usd(ui, &at("budget_usd"), &mut budget, id);
                ui.add(egui::Label::new(egui::RichText::new("over the timeframe").weak()).truncate());
                if r.changed() {
                    // Keeps per-year or per-month amounts in proportion.
                    mineral.set_budget_usd(budget);
                }
                r
            });
            form.row(ui, "Spending profile", &at("spending"), |ui, id| {
                spending_kind(ui, index, mineral, horizon_months, id)
            });
            if let SpendingProfile::PerYearUsd(_) | SpendingProfile::PerMonthUsd(_) =
                mineral.spending
            {
                ui.label("");
                spending_amounts(ui, index, mineral);
                ui.end_row();
            }
            form.row(
                ui,
                &format!("Price (USD/{unit})"),
                &at("price_usd_per_unit"),
                |ui, id| {
                    form::usd_per_unit(
                        ui,
                        &at("price_usd_per_unit"),
                        &mut mineral.price_usd_per_unit,
                        unit,
                        id,
                    )
                },
            );
            form.row(
                ui,
                "Price range (90%)",
                &at("price_range_usd_per_unit"),
                |ui, id| {
                    form::range(
                        ui,
                        &at("price_range_usd_per_unit"),
                        &mut mineral.price_range_usd_per_unit,
                        mineral.price_usd_per_unit,
                        &form::RangeFormat {
                            format: &form::usd_plain,
                            parse: &super::field::parse_number,
                            fresh: &|p| Range::new(0.8 * p, 1.25 * p),
                            width: 70.0,
                            positive: true,
                        },
                        id,
                    )
                },
            );
            form.row(
                ui,
                "Price escalation (%/yr)",
                &at("escalation_pct_per_year"),
                |ui, id| {
                    let r = form::pct(
                        ui,
                        &at("escalation_pct_per_year"),
                        &mut mineral.escalation_pct_per_year,
                        id,
                    );
                    ui.weak("per year");
                    r
                },
            );
            form.row(
                ui,
                "Escalation range (90%)",
                &at("escalation_range_pct_per_year"),
                |ui, id| {
                    let r = form::range(
                        ui,
                        &at("escalation_range_pct_per_year"),
                        &mut mineral.escalation_range_pct_per_year,
                        mineral.escalation_pct_per_year,
                        &form::RangeFormat {
                            format: &form::number_plain,
                            parse: &super::field::parse_number,
                            fresh: &|e| Range::new(e - 2.0, e + 2.0),
                            width: 45.0,
                            positive: false,
                        },
                        id,
                    );
                    if mineral.escalation_range_pct_per_year.is_some() {
                        ui.label("%");
                    }
                    r
                },
            );
            form.row(
                ui,
                &format!("Requirement ({unit})"),
                &at("requirement_qty"),
                |ui, id| {
                    form::qty(
                        ui,
                        &at("requirement_qty"),
                        &mut mineral.requirement_qty,
                        unit,
                        id,
                    )
                },
            );
            form.row(
                ui,
                &format!("Opening inventory ({unit})"),
                &at("opening_inventory_qty"),
                |ui, id| {
                    form::qty(
                        ui,
                        &at("opening_inventory_qty"),
                        &mut mineral.opening_inventory_qty,
                        unit,
                        id,
                    )
                },
            );
            // Optional: with it, the summary shows months of consumption
            // held, the measure a procurement planner uses.
            form.row(
                ui,
                &format!("Consumption ({unit}/yr)"),
                &at("annual_consumption_qty"),
                |ui, id| {
                    let mut stated = mineral.annual_consumption_qty.is_some();
                    let r = ui
                        .checkbox(&mut stated, "")
                        .labelled_by(id)
                        .on_hover_text("Ticked: the summary shows how many months of this consumption the stockpile holds");
                    if r.changed() {
                        mineral.annual_consumption_qty =
                            stated.then_some(mineral.requirement_qty.max(1.0) / 5.0);
                    }
                    match &mut mineral.annual_consumption_qty {
                        Some(q) => form::qty(ui, &at("annual_consumption_qty"), q, &format!("{unit} per year"), id),
                        None => ui.weak("not stated"),
                    }
                },
            );
            form.row(ui, "Purchase ceiling", &at("ceiling"), |ui, id| {
                ceiling_kind(ui, index, &mut mineral.ceiling, plan_years.len(), id)
            });
            match &mut mineral.ceiling {
                PurchaseCeiling::None => {}
                PurchaseCeiling::QtyByPlanYear(amounts) => {
                    ui.label("");
                    ceiling_amounts(ui, index, amounts, plan_years, unit, &form);
                    ui.end_row();
                }
                PurchaseCeiling::QtyPerYear(q) => {
                    form.row(
                        ui,
                        &format!("Ceiling ({unit}/yr)"),
                        &at("ceiling"),
                        |ui, id| form::qty(ui, &at("ceiling"), q, unit, id),
                    );
                }
                PurchaseCeiling::PctOfQualifiedSupply {
                    pct,
                    qualified_supply_qty_per_year,
                } => {
                    form.row(ui, "Ceiling share (%)", &at("ceiling.pct"), |ui, id| {
                        let r = form::pct(ui, &at("ceiling.pct"), pct, id);
                        ui.weak("of qualified supply");
                        r
                    });
                    form.row(
                        ui,
                        &format!("Qualified supply ({unit}/yr)"),
                        &at("ceiling.qualified_supply_qty_per_year"),
                        |ui, id| {
                            let r = form::qty(
                                ui,
                                &at("ceiling.qualified_supply_qty_per_year"),
                                qualified_supply_qty_per_year,
                                unit,
                                id,
                            );
                            ui.weak("per year");
                            r
                        },
                    );
                    ui.label("");
                    ui.weak(format!(
                        "= {} {unit} per year",
                        crate::display::grouped(*pct / 100.0 * *qualified_supply_qty_per_year, 0)
                    ));
                    ui.end_row();
                }
            }
        });
}

fn spending_kind(
    ui: &mut Ui,
    index: usize,
    mineral: &mut Mineral,
    horizon_months: u32,
    id: egui::Id,
) -> egui::Response {
    let years = horizon_months.div_ceil(12).max(1) as usize;
    let months = horizon_months.max(1) as usize;
    let budget = mineral.budget_usd;
    // Switching profile keeps the same money: the budget split evenly by
    // month, then summed per year where needed.
    let per_year: Vec<f64> = (0..years)
        .map(|y| {
            let months_in_year = (horizon_months as usize).saturating_sub(y * 12).min(12);
            budget * months_in_year as f64 / months as f64
        })
        .collect();
    let options = [
        SpendingProfile::Even,
        SpendingProfile::PerYearUsd(per_year),
        SpendingProfile::PerMonthUsd(vec![budget / months as f64; months]),
    ];
    form::kind_menu(
        ui,
        ("spending", index),
        &mut mineral.spending,
        options,
        SpendingProfile::label,
        id,
    )
}

/// Width, in points, from which the per-year or per-month amounts go two
/// a row: two labels ("Month 12") and two amount fields, with spacing.
const AMOUNTS_TWO_A_ROW_PX: f32 = 300.0;

/// The per-year or per-month amounts, with their sum against the budget.
fn spending_amounts(ui: &mut Ui, index: usize, mineral: &mut Mineral) {
    let budget = mineral.budget_usd;
    let (amounts, per) = match &mut mineral.spending {
        SpendingProfile::PerYearUsd(a) => (a, "Year"),
        SpendingProfile::PerMonthUsd(a) => (a, "Month"),
        SpendingProfile::Even => return,
    };
    let mut set_budget_to_sum = false;
    // Two amounts a row where the panel has room for them, else one: at
    // 1280 px the second column ran past the panel's edge and pushed
    // "+ Add supplier" out of view.
    let per_row = if ui.available_width() >= AMOUNTS_TWO_A_ROW_PX {
        2
    } else {
        1
    };
    ui.vertical(|ui| {
        egui::ScrollArea::vertical()
            .id_salt(("amounts", index))
            .max_height(140.0)
            .show(ui, |ui| {
                Grid::new(("amounts_grid", index, per_row))
                    .num_columns(2 * per_row)
                    .show(ui, |ui| {
                        for (k, amount) in amounts.iter_mut().enumerate() {
                            let label = ui.label(format!("{per} {}", k + 1));
                            let path = format!("minerals[{index}].spending[{k}]");
                            form::usd(ui, &path, amount, label.id)
                                .accessible_name(format!("{per} {} spending", k + 1));
                            if k % per_row == per_row - 1 {
                                ui.end_row();
                            }
                        }
                    });
            });
        let sum: f64 = amounts.iter().sum();
        ui.weak(format!(
            "Sum {} of budget {}",
            usd_short(sum),
            usd_short(budget)
        ));
        if (sum - budget).abs() > 1.0 && ui.button("Set budget to the sum").clicked() {
            set_budget_to_sum = true;
        }
    });
    if set_budget_to_sum {
        mineral.budget_usd = match &mineral.spending {
            SpendingProfile::PerYearUsd(a) | SpendingProfile::PerMonthUsd(a) => a.iter().sum(),
            SpendingProfile::Even => mineral.budget_usd,
        };
    }
}

fn ceiling_kind(
    ui: &mut Ui,
    index: usize,
    ceiling: &mut PurchaseCeiling,
    plan_years: usize,
    id: egui::Id,
) -> egui::Response {
    // Switching to per plan year starts every year at today's ceiling.
    let per_year: Vec<f64> = (0..plan_years.max(1))
        .map(|y| ceiling.qty_in_plan_year(y).unwrap_or(1000.0))
        .collect();
    let options = [
        PurchaseCeiling::None,
        PurchaseCeiling::QtyPerYear(ceiling.qty_per_year().unwrap_or(1000.0)),
        PurchaseCeiling::PctOfQualifiedSupply {
            pct: 10.0,
            qualified_supply_qty_per_year: ceiling.qty_per_year().map_or(10_000.0, |q| q * 10.0),
        },
        PurchaseCeiling::QtyByPlanYear(per_year),
    ];
    form::kind_menu(
        ui,
        ("ceiling", index),
        ceiling,
        options,
        PurchaseCeiling::label,
        id,
    )
}

/// The ceiling of each plan year inside the timeframe, named as the plot
/// names them (FY26, …), one a row with its problems under it; amounts
/// past the timeframe are kept (for a longer one) and said apart; years
/// after the list keep its last amount.
fn ceiling_amounts(
    ui: &mut Ui,
    index: usize,
    amounts: &mut [f64],
    plan_years: &[String],
    unit: &str,
    form: &Form,
) {
    let shown = amounts.len().min(plan_years.len().max(1));
    ui.vertical(|ui| {
        Grid::new(("ceiling_amounts_grid", index))
            .num_columns(2)
            .show(ui, |ui| {
                for (k, amount) in amounts.iter_mut().enumerate().take(shown) {
                    let name = plan_years
                        .get(k)
                        .cloned()
                        .unwrap_or_else(|| format!("Year {}", k + 1));
                    let path = format!("minerals[{index}].ceiling[{k}]");
                    form.row(ui, &name, &path, |ui, id| {
                        form::qty(ui, &path, amount, unit, id)
                            .accessible_name(format!("{name} ceiling"))
                    });
                }
            });
        if amounts.len() > shown {
            ui.weak(format!(
                "{} more past the timeframe, kept for a longer one",
                amounts.len() - shown
            ));
        } else if let Some(&last) = amounts.last()
            && amounts.len() < plan_years.len()
        {
            ui.weak(format!(
                "{} on: {} {unit} a year, the last amount",
                plan_years[amounts.len()],
                crate::display::grouped(last, 0)
            ));
        }
    });
}
