//! A calm mineral's purchases at its base price, worked out once for the
//! samples of a Monte Carlo run (see "Uncertainty" and "Speed" in
//! `docs/MODEL.md`).
//!
//! On the calm path, when the ceiling limits no month, month *k* buys
//! `planned_k ÷ price_k` and `price_k = price × growth^(k−1)`: every month
//! buys `base price ÷ price` times what it buys at the base price, whatever
//! the shares and lead times. Supplier *i* delivers its fraction of that
//! `L_i` months later, so the inventory at the end of month *k* is
//!
//! ```text
//! opening + (base price ÷ price) × Σ_i fraction_i × C(k − L_i)
//! ```
//!
//! with `C(j)` the purchases of months 1 to *j* at the base price (0 for
//! j < 1). A market-wide price shock of factor *f* divides the purchases
//! of its months by *f*, so `C` is summed again from the base purchases
//! for a sample with shocks. A sample whose price, shares, lead times and
//! shocks are drawn then costs one pass over the months per supplier, not
//! a projection. The numbers are those of the calm path to rounding (a
//! relative 1e-12, a unit test checks); a sample at the base inputs gets
//! the calm path's coverage exactly.

use super::calm::{
    invert_prices, month_prices, next_shock_change, plan_year_firsts, project_calm_mineral,
};
use super::money::PlannedSpend;
use super::month_book::CoverageBook;
use super::scratch::Scratch;
use super::supplier_plan::{Shock, market_factor};
use crate::model::month::YearMonth;
use crate::model::scenario::{Mineral, PlanYear, PurchaseCeiling, Settings, SpendingProfile};

/// Margin on the ceiling, as a fraction of the paced purchases: twice the
/// calm path's own (1e-6, `calm::year_within_ceiling`), so that a year this
/// finds within the ceiling the calm path finds within it too, whatever the
/// rounding.
const CEILING_MARGIN: f64 = 2e-6;

/// What one mineral of a scenario buys at its base price on the calm path,
/// every plan year within the ceiling: see the module's note.
#[derive(Debug, Clone)]
pub(super) struct CalmBasis {
    /// The inputs the purchases depend on, as they were: a sample that
    /// differs in one of them is projected in full.
    price_usd_per_unit: f64,
    escalation_pct_per_year: f64,
    budget_usd: f64,
    spending: SpendingProfile,
    horizon: u32,
    start: YearMonth,
    plan_year: PlanYear,
    /// Purchases of each month at the base price, all suppliers together
    /// (month 1 at index 0).
    bought_qty: Vec<f64>,
    /// `cumulative_qty[j]`: purchases of months 1 to j at the base price
    /// (index 0: none).
    cumulative_qty: Vec<f64>,
    /// The first month of each plan year, then horizon + 1.
    year_firsts: Vec<u32>,
    /// The most any month buys at the base price, times the months of its
    /// plan year.
    largest_paced_qty: f64,
    /// The mineral as it was, and its coverage by the calm path, given
    /// back as it is to a sample equal to it (a range of zero width).
    base: Mineral,
    base_coverage_pct: Vec<f64>,
}

impl CalmBasis {
    /// The basis of `mineral`, or `None` when the calm path would not spend
    /// each month's plan at the base price (a month planned below zero;
    /// the price not positive; a year at the ceiling is checked per sample).
    pub(super) fn new(
        mineral: &Mineral,
        horizon: u32,
        settings: &Settings,
        start: YearMonth,
    ) -> Option<Self> {
        let price = mineral.price_usd_per_unit;
        if !(price.is_finite() && price > 0.0) || horizon == 0 {
            return None;
        }
        let h = horizon as usize;
        let mut planned_usd = Vec::new();
        PlannedSpend::new(mineral, horizon).fill(&mut planned_usd);
        // Money short of zero is carried into the next month: then months
        // do not spend their plan.
        if !planned_usd.iter().all(|&p| p >= 0.0) {
            return None;
        }
        let mut inv_price = Vec::new();
        month_prices(&mut inv_price, mineral, horizon, &[]);
        invert_prices(&mut inv_price);
        let bought_qty: Vec<f64> = planned_usd
            .iter()
            .zip(&inv_price)
            .map(|(&planned, &inv)| (planned + 0.0) * inv)
            .collect();
        let mut cumulative_qty = Vec::with_capacity(h + 1);
        cumulative_qty.push(0.0);
        cumulative_qty.extend(bought_qty.iter().scan(0.0, |total, &q| {
            *total += q;
            Some(*total)
        }));
        let mut year_firsts = Vec::new();
        plan_year_firsts(&mut year_firsts, settings.plan_year, start, horizon);
        let largest_paced_qty = largest_paced_qty(&year_firsts, &cumulative_qty);
        let mut base_coverage_pct = vec![0.0; h];
        project_calm_mineral(
            mineral,
            horizon,
            settings,
            start,
            &[],
            &mut Scratch::default(),
            CoverageBook::new(mineral, &mut base_coverage_pct),
        );
        Some(CalmBasis {
            price_usd_per_unit: price,
            escalation_pct_per_year: mineral.escalation_pct_per_year,
            budget_usd: mineral.budget_usd,
            spending: mineral.spending.clone(),
            horizon,
            start,
            plan_year: settings.plan_year,
            bought_qty,
            cumulative_qty,
            year_firsts,
            largest_paced_qty,
            base: mineral.clone(),
            base_coverage_pct,
        })
    }

    /// The calm path's coverage of `mineral` with the market-wide price
    /// `shocks` (no other event hits it, no supplier has a capacity: the
    /// caller checks) into `coverage_pct`, one entry per month; `false`,
    /// with `coverage_pct` left as it was, when the basis does not apply:
    /// another budget, escalation, horizon or plan year than the basis was
    /// made for, a shock that takes the price to zero, a year that may
    /// reach the ceiling, or a plan that may reach the requirement where
    /// ordering stops there. Works in `shocked_qty`.
    #[allow(clippy::too_many_arguments)]
    pub(super) fn coverage_into(
        &self,
        mineral: &Mineral,
        horizon: u32,
        settings: &Settings,
        start: YearMonth,
        shocks: &[Shock],
        shocked_qty: &mut Vec<f64>,
        coverage_pct: &mut [f64],
    ) -> bool {
        let price = mineral.price_usd_per_unit;
        let same_plan = horizon == self.horizon
            && start == self.start
            && settings.plan_year == self.plan_year
            && mineral.escalation_pct_per_year.to_bits() == self.escalation_pct_per_year.to_bits()
            && mineral.budget_usd.to_bits() == self.budget_usd.to_bits()
            && mineral.spending == self.spending;
        if !(same_plan && price.is_finite() && price > 0.0) {
            return false;
        }
        debug_assert_eq!(coverage_pct.len(), self.horizon as usize);
        // Purchases at the base price, with the shocks.
        let (cumulative_qty, largest_paced_qty) = if shocks.is_empty() {
            (&self.cumulative_qty[..], self.largest_paced_qty)
        } else {
            if !self.shocked(shocks, shocked_qty) {
                return false;
            }
            let largest = largest_paced_qty(&self.year_firsts, shocked_qty);
            (&shocked_qty[..], largest)
        };
        // Each month buys `scale` times what it buys at the base price.
        let scale = self.price_usd_per_unit / price;
        // A ceiling that differs year by year is left to the calm path.
        if let PurchaseCeiling::QtyByPlanYear(_) = mineral.ceiling {
            return false;
        }
        if let Some(cap) = mineral.ceiling.qty_per_year() {
            let share_total_fraction = mineral.total_share_pct() / 100.0;
            let paced_qty = scale * largest_paced_qty * share_total_fraction;
            // Room, as the calm path asks it (none for NaN: then the calm
            // path decides).
            let room = paced_qty * (1.0 + CEILING_MARGIN) < cap;
            if !room {
                return false;
            }
        }
        // Nor may the plan come near the requirement when ordering stops
        // there: then the calm path decides.
        if settings.stop_at_requirement {
            let share_total_fraction = mineral.total_share_pct() / 100.0;
            let total_qty =
                scale * cumulative_qty.last().copied().unwrap_or(0.0) * share_total_fraction;
            let to_buy_qty = mineral.requirement_qty - mineral.opening_inventory_qty;
            // Not below (NaN included): then the calm path decides.
            let below = total_qty * (1.0 + CEILING_MARGIN) < to_buy_qty;
            if !below {
                return false;
            }
        }
        if shocks.is_empty()
            && price.to_bits() == self.price_usd_per_unit.to_bits()
            && *mineral == self.base
        {
            coverage_pct.copy_from_slice(&self.base_coverage_pct);
            return true;
        }
        let requirement_qty = mineral.requirement_qty;
        if requirement_qty > 0.0 {
            scaled_coverage(
                mineral,
                &cumulative_qty[1..],
                scale,
                100.0 / requirement_qty,
                coverage_pct,
            );
        } else {
            // No requirement (or NaN): 0 %, as the calm path gives.
            coverage_pct.fill(0.0);
        }
        true
    }
}

impl CalmBasis {
    /// The purchases at the base price summed month by month, as
    /// `cumulative_qty`, with each month's divided by the `shocks`'
    /// factor, into `shocked_qty`; `false` when a shock takes the price to
    /// zero or below (then nothing is bought, which the calm path follows).
    fn shocked(&self, shocks: &[Shock], shocked_qty: &mut Vec<f64>) -> bool {
        let horizon = i64::from(self.horizon);
        shocked_qty.clear();
        shocked_qty.resize(self.horizon as usize + 1, 0.0);
        let mut total = 0.0;
        // Run by run of months where the factor stays the same.
        let mut month = 1;
        while month <= horizon {
            let factor = market_factor(shocks, month);
            let until = next_shock_change(shocks, month).min(horizon + 1);
            if !(factor > 0.0 && factor.is_finite()) {
                return false;
            }
            let inv_factor = 1.0 / factor;
            let months = month as usize..until as usize;
            for (sum, &q) in shocked_qty[months.clone()]
                .iter_mut()
                .zip(&self.bought_qty[months.start - 1..months.end - 1])
            {
                total += q * inv_factor;
                *sum = total;
            }
            month = until;
        }
        true
    }
}

/// The most any month buys times the months of its plan year (the
/// ceiling is paced: a month's room is the ceiling ÷ those months), from
/// purchases summed month by month.
fn largest_paced_qty(year_firsts: &[u32], cumulative_qty: &[f64]) -> f64 {
    year_firsts
        .windows(2)
        .map(|y| {
            let (first, end) = (y[0] as usize, y[1] as usize);
            let largest_month = (first..end)
                .map(|m| cumulative_qty[m] - cumulative_qty[m - 1])
                .fold(0.0, f64::max);
            largest_month * (end - first) as f64
        })
        .fold(0.0, f64::max)
}

/// `coverage_pct[k] = pct_per_qty × (opening + scale × Σ_i fraction_i ×
/// cumulative_qty[k − L_i])`, 0 where k < L_i: see the module's note.
///
/// Compiled a second time for AVX2, chosen when the processor has it
/// (four months at a time rather than two).
#[multiversion::multiversion(targets("x86_64+avx2+fma"))]
fn scaled_coverage(
    mineral: &Mineral,
    cumulative_qty: &[f64],
    scale: f64,
    pct_per_qty: f64,
    coverage_pct: &mut [f64],
) {
    // The opening inventory, then each supplier's deliveries so far, all
    // as % of the requirement.
    coverage_pct.fill(pct_per_qty * mineral.opening_inventory_qty);
    let pct_per_base_qty = pct_per_qty * scale;
    for (fraction, lead) in split(mineral) {
        let weight = pct_per_base_qty * fraction;
        let lead = (lead as usize).min(coverage_pct.len());
        for (c, &bought) in coverage_pct[lead..].iter_mut().zip(cumulative_qty) {
            *c += weight * bought;
        }
    }
}

/// Each supplier's fraction of the orders and lead time, as the calm path
/// takes them.
fn split(mineral: &Mineral) -> impl Iterator<Item = (f64, u32)> + '_ {
    mineral
        .suppliers
        .iter()
        .map(|s| (s.share_pct / 100.0, s.lead_time_months.min(10_000)))
}
