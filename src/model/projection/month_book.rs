//! The rows of one mineral: money and orders recorded month by month, then
//! deliveries, inventory and coverage filled in once every arrival is known.
//! Both paths (calm and with events) and the reference loop finish a mineral
//! here, so they agree on how rows and totals are made.

use super::results::{Feasibility, MineralProjection, MonthRow};
use crate::model::scenario::Mineral;

/// Coverage at or above this is "reached" (absorbs floating-point dust).
const FULL_COVERAGE_PCT: f64 = 100.0 - 1e-9;

/// Where a mineral's projection goes, in two steps: money and orders month
/// by month, then deliveries, inventory and coverage once every arrival is
/// known. Orders never depend on inventory, so the steps can be apart, and
/// each supplier's deliveries become one pass over the months.
///
/// Both paths are generic over it: [`MonthBook`] keeps every row and
/// total, [`CoverageBook`] only the coverage (a Monte Carlo sample), and
/// the compiler drops what the latter does not read (the rows, unspent
/// money, totals), so its coverage is the same numbers for less work.
pub(super) trait Book {
    /// Whether the book keeps rows and totals: when not, a path may skip
    /// working them out (the calm path's years within the ceiling).
    const ROWS: bool;

    /// Money and orders of scenario month `month` (1 to the horizon, in
    /// order).
    fn record(&mut self, month: u32, spend_usd: f64, ordered_qty: f64, unspent_usd: f64);

    /// Deliveries from `arrivals` (quantity arriving in month m at index
    /// m), inventory and coverage, and the totals.
    fn finish(self, mineral: &Mineral, arrivals: &[f64], totals: Totals);
}

/// The whole projection of a mineral, into a [`MineralProjection`] whose
/// rows and name are refilled (their allocations reused).
pub(super) struct MonthBook<'o> {
    requirement_qty: f64,
    opening_inventory_qty: f64,
    months: Vec<MonthRow>,
    out: &'o mut MineralProjection,
}

impl<'o> MonthBook<'o> {
    /// The rows are sized at once and written in place: a row pushed each
    /// month would be a call that may grow the list, and the month loop
    /// would keep its running sums on the stack around it (a third
    /// slower).
    pub(super) fn new(mineral: &Mineral, horizon: u32, out: &'o mut MineralProjection) -> Self {
        let mut months = std::mem::take(&mut out.months);
        months.clear();
        months.resize(horizon as usize, MonthRow::default());
        Self {
            requirement_qty: mineral.requirement_qty,
            opening_inventory_qty: mineral.opening_inventory_qty,
            months,
            out,
        }
    }
}

impl Book for MonthBook<'_> {
    const ROWS: bool = true;

    #[inline]
    fn record(&mut self, month: u32, spend_usd: f64, ordered_qty: f64, unspent_usd: f64) {
        self.months[month as usize - 1] = MonthRow {
            month,
            spend_usd,
            ordered_qty,
            requirement_qty: self.requirement_qty,
            unspent_usd,
            ..MonthRow::default()
        };
    }

    fn finish(self, mineral: &Mineral, arrivals: &[f64], totals: Totals) {
        let mut months = self.months;
        let mut inventory_qty = self.opening_inventory_qty;
        let mut first_full = None;
        for row in &mut months {
            let delivered_qty = arrivals[row.month as usize];
            inventory_qty += delivered_qty;
            row.delivered_qty = delivered_qty;
            row.inventory_qty = inventory_qty;
            row.coverage_pct = coverage_pct(inventory_qty, self.requirement_qty);
            if first_full.is_none() && row.coverage_pct >= FULL_COVERAGE_PCT {
                first_full = Some(row.month);
            }
        }
        let in_transit_at_end_qty = arrivals
            .get(months.len() + 1..)
            .map_or(0.0, |rest| rest.iter().sum());
        let out = self.out;
        out.name.clone_from(&mineral.name);
        out.unit = mineral.unit;
        out.months = months;
        out.first_full_coverage_month = first_full;
        out.in_transit_at_end_qty = in_transit_at_end_qty;
        out.total_cost_usd = totals.spent_usd;
        out.total_ordered_qty = totals.ordered_qty;
        out.lost_in_transit_qty = totals.lost_in_transit_qty;
        out.not_needed_usd = totals.not_needed_usd;
        out.feasibility = totals.feasibility;
    }
}

/// Only the coverage of a mineral, month by month, into a slice of one
/// entry per month: what [`MonthBook`] puts in the rows' `coverage_pct`,
/// exactly.
pub(super) struct CoverageBook<'o> {
    requirement_qty: f64,
    opening_inventory_qty: f64,
    coverage_pct: &'o mut [f64],
}

impl<'o> CoverageBook<'o> {
    pub(super) fn new(mineral: &Mineral, coverage_pct: &'o mut [f64]) -> Self {
        Self {
            requirement_qty: mineral.requirement_qty,
            opening_inventory_qty: mineral.opening_inventory_qty,
            coverage_pct,
        }
    }
}

impl Book for CoverageBook<'_> {
    const ROWS: bool = false;

    #[inline]
    fn record(&mut self, _: u32, _: f64, _: f64, _: f64) {}

    fn finish(self, _: &Mineral, arrivals: &[f64], _: Totals) {
        // Inventory first, then coverage in a loop of its own (its
        // divisions then run side by side).
        let mut inventory_qty = self.opening_inventory_qty;
        for (c, &delivered_qty) in self.coverage_pct.iter_mut().zip(&arrivals[1..]) {
            inventory_qty += delivered_qty;
            *c = inventory_qty;
        }
        for c in self.coverage_pct.iter_mut() {
            *c = coverage_pct(*c, self.requirement_qty);
        }
    }
}

/// `100 × inventory ÷ requirement`, 0 without a requirement.
#[inline]
fn coverage_pct(inventory_qty: f64, requirement_qty: f64) -> f64 {
    if requirement_qty > 0.0 {
        100.0 * inventory_qty / requirement_qty
    } else {
        0.0
    }
}

/// A mineral's totals over the horizon, besides its rows.
pub(super) struct Totals {
    pub(super) spent_usd: f64,
    pub(super) ordered_qty: f64,
    pub(super) lost_in_transit_qty: f64,
    pub(super) not_needed_usd: f64,
    pub(super) feasibility: Feasibility,
}

/// Adds `qty[k] × factor` to `arrivals[k + offset]` for every k: one
/// supplier's (or lead time's) deliveries over a run of months.
#[inline]
pub(super) fn add_deliveries(arrivals: &mut [f64], offset: usize, qty: &[f64], factor: f64) {
    if factor == 0.0 {
        return;
    }
    for (arrival, q) in arrivals[offset..offset + qty.len()].iter_mut().zip(qty) {
        *arrival += q * factor;
    }
}
