//! The projection: a pure function from a [`Scenario`] to month-by-month
//! results per mineral. See `docs/MODEL.md` for the equations with units.
//!
//! Conventions (so that every figure can be checked by hand):
//! - A row is the state at the **end** of its month; month 1 is the start
//!   month.
//! - Spending happens at the start of the month.
//! - For supplier *i*: `ordered_i [unit] = spend [USD] × share_i [%] / 100 ÷
//!   price_m [USD/unit]`.
//! - An order placed in month *m* from a supplier with lead time *L* arrives in
//!   month *m + L* (L = 0: the same month).
//! - `inventory [unit] = opening inventory + everything delivered so far`.
//! - `coverage_pct [%] = 100 × inventory ÷ requirement`.

use super::month::YearMonth;
use super::scenario::{Mineral, Scenario, SpendingProfile, Unit};

/// Coverage at or above this is "reached" (absorbs floating-point dust).
const FULL_COVERAGE_PCT: f64 = 100.0 - 1e-9;

/// The whole scenario, projected.
#[derive(Clone, Debug, PartialEq)]
pub struct Projection {
    pub start: YearMonth,
    pub horizon_months: u32,
    /// One entry per mineral, in the scenario's order.
    pub minerals: Vec<MineralProjection>,
}

/// One mineral over the horizon.
#[derive(Clone, Debug, PartialEq)]
pub struct MineralProjection {
    pub name: String,
    pub unit: Unit,
    /// One row per month, month 1 first.
    pub months: Vec<MonthRow>,
    /// First month (1-based) whose coverage reaches 100 %, if any.
    pub first_full_coverage_month: Option<u32>,
    /// Ordered but not yet delivered at the end of the horizon.
    pub in_transit_at_end_qty: f64,
    /// Everything spent over the horizon, USD.
    pub total_cost_usd: f64,
    /// Everything ordered over the horizon (delivered or in transit).
    pub total_ordered_qty: f64,
}

/// The state of one mineral at the end of one month.
#[derive(Clone, Copy, Debug, PartialEq, Default)]
pub struct MonthRow {
    /// Scenario month, 1-based.
    pub month: u32,
    /// Money spent this month, USD.
    pub spend_usd: f64,
    /// Quantity ordered this month.
    pub ordered_qty: f64,
    /// Quantity delivered this month.
    pub delivered_qty: f64,
    /// Quantity held at the end of the month.
    pub inventory_qty: f64,
    /// Quantity the stockpile should hold.
    pub requirement_qty: f64,
    /// `100 × inventory ÷ requirement`, %.
    pub coverage_pct: f64,
    /// Budget planned up to and including this month but not spent, USD
    /// (cumulative; with carry-over it is still available, without it is lost).
    pub unspent_usd: f64,
}

impl MineralProjection {
    /// Coverage at the end of the horizon, %.
    pub fn final_coverage_pct(&self) -> f64 {
        self.months.last().map_or(0.0, |r| r.coverage_pct)
    }

    /// Budget not spent by the end of the horizon, USD.
    pub fn unspent_usd(&self) -> f64 {
        self.months.last().map_or(0.0, |r| r.unspent_usd)
    }

    /// Inventory at the end of the horizon.
    pub fn final_inventory_qty(&self) -> f64 {
        self.months.last().map_or(0.0, |r| r.inventory_qty)
    }
}

impl Projection {
    /// Calendar month of scenario month `month_index` (1-based).
    pub fn calendar_month(&self, month_index: u32) -> YearMonth {
        self.start.nth_month(month_index)
    }

    /// Sum of everything spent, USD, over all minerals.
    pub fn total_cost_usd(&self) -> f64 {
        self.minerals.iter().map(|m| m.total_cost_usd).sum()
    }
}

/// Project a scenario month by month. Pure and total: it never panics, also
/// on scenarios that fail validation (those give meaningless but finite-or-NaN
/// numbers; check [`crate::model::validate`] first).
pub fn project(scenario: &Scenario) -> Projection {
    let horizon = scenario
        .horizon_months
        .min(super::scenario::MAX_HORIZON_MONTHS);
    Projection {
        start: scenario.start,
        horizon_months: horizon,
        minerals: scenario
            .minerals
            .iter()
            .map(|m| project_mineral(m, horizon, scenario.settings.carry_over_unspent))
            .collect(),
    }
}

/// Budget planned for month `month` (1-based), USD, before any carry-over.
pub fn planned_spend_usd(mineral: &Mineral, horizon_months: u32, month: u32) -> f64 {
    match &mineral.spending {
        SpendingProfile::Even => {
            if horizon_months == 0 {
                0.0
            } else {
                mineral.budget_usd / f64::from(horizon_months)
            }
        }
        SpendingProfile::PerYearUsd(per_year) => {
            let year = ((month - 1) / 12) as usize;
            let months_in_year = horizon_months.saturating_sub(year as u32 * 12).min(12);
            match per_year.get(year) {
                Some(amount) if months_in_year > 0 => amount / f64::from(months_in_year),
                _ => 0.0,
            }
        }
        SpendingProfile::PerMonthUsd(per_month) => {
            per_month.get((month - 1) as usize).copied().unwrap_or(0.0)
        }
    }
}

/// Market price in month `month` (1-based), USD per unit:
/// `price × (1 + escalation/100)^((month − 1)/12)`.
pub fn price_usd_per_unit(mineral: &Mineral, month: u32) -> f64 {
    let growth = 1.0 + mineral.escalation_pct_per_year / 100.0;
    if growth == 1.0 || month <= 1 {
        mineral.price_usd_per_unit
    } else {
        mineral.price_usd_per_unit * growth.powf(f64::from(month - 1) / 12.0)
    }
}

/// Planned minus spent, with floating-point dust (under a millionth of the
/// planned total) shown as exactly zero.
fn unspent(planned_usd: f64, spent_usd: f64) -> f64 {
    let diff = planned_usd - spent_usd;
    if diff.abs() <= 1e-9 * planned_usd.abs() {
        0.0
    } else {
        diff
    }
}

fn project_mineral(mineral: &Mineral, horizon: u32, carry_over: bool) -> MineralProjection {
    let max_lead = mineral
        .suppliers
        .iter()
        .map(|s| s.lead_time_months.min(10_000))
        .max()
        .unwrap_or(0);
    // arrivals[m] = quantity arriving in month m (index 0 unused).
    let mut arrivals = vec![0.0_f64; (horizon + max_lead + 1) as usize];
    let ceiling_qty_per_year = mineral.ceiling.qty_per_year();

    let mut months = Vec::with_capacity(horizon as usize);
    let mut inventory = mineral.opening_inventory_qty;
    let mut carried_usd = 0.0;
    let mut planned_total_usd = 0.0;
    let mut spent_total_usd = 0.0;
    let mut ordered_this_year = 0.0;
    let mut total_ordered = 0.0;
    let mut first_full = None;
    let share_total_fraction = mineral.total_share_pct() / 100.0;
    // Per supplier: fraction of spend and lead time, computed once.
    let split: Vec<(f64, usize)> = mineral
        .suppliers
        .iter()
        .map(|s| (s.share_pct / 100.0, s.lead_time_months.min(10_000) as usize))
        .collect();
    // Escalation as a monthly factor: price_m = price_1 × growth^(m−1), the
    // same as price × (1 + e/100)^((m−1)/12) without a powf per month.
    let monthly_growth = (1.0 + mineral.escalation_pct_per_year / 100.0).powf(1.0 / 12.0);
    let mut price = mineral.price_usd_per_unit;

    for month in 1..=horizon {
        if (month - 1) % 12 == 0 {
            ordered_this_year = 0.0;
        }
        let planned = planned_spend_usd(mineral, horizon, month);
        planned_total_usd += planned;
        let available = planned + carried_usd;
        if month > 1 {
            price *= monthly_growth;
        }

        // Quantity bought per dollar across all suppliers, unit/USD.
        let qty_per_usd = if price > 0.0 {
            share_total_fraction / price
        } else {
            0.0
        };
        let mut spend = available.max(0.0);
        if let Some(cap) = ceiling_qty_per_year {
            let room_qty = (cap - ordered_this_year).max(0.0);
            if qty_per_usd > 0.0 {
                spend = spend.min(room_qty / qty_per_usd);
            }
        }
        let unspent_now = available - spend;
        carried_usd = if carry_over { unspent_now } else { 0.0 };
        spent_total_usd += spend;

        let mut ordered = 0.0;
        if price > 0.0 {
            let qty_bought = spend / price;
            let m = month as usize;
            // Summing `ordered` inside the loop would chain every add on the
            // previous one; the total is the bought quantity times the shares.
            ordered = qty_bought * share_total_fraction;
            for &(fraction, lead) in &split {
                arrivals[m + lead] += qty_bought * fraction;
            }
        }
        ordered_this_year += ordered;
        total_ordered += ordered;

        let delivered = arrivals[month as usize];
        inventory += delivered;
        let coverage_pct = if mineral.requirement_qty > 0.0 {
            100.0 * inventory / mineral.requirement_qty
        } else {
            0.0
        };
        if first_full.is_none() && coverage_pct >= FULL_COVERAGE_PCT {
            first_full = Some(month);
        }
        months.push(MonthRow {
            month,
            spend_usd: spend,
            ordered_qty: ordered,
            delivered_qty: delivered,
            inventory_qty: inventory,
            requirement_qty: mineral.requirement_qty,
            coverage_pct,
            unspent_usd: unspent(planned_total_usd, spent_total_usd),
        });
    }

    let in_transit_at_end_qty = arrivals
        .get(horizon as usize + 1..)
        .map_or(0.0, |rest| rest.iter().sum());
    MineralProjection {
        name: mineral.name.clone(),
        unit: mineral.unit,
        months,
        first_full_coverage_month: first_full,
        in_transit_at_end_qty,
        total_cost_usd: spent_total_usd,
        total_ordered_qty: total_ordered,
    }
}
