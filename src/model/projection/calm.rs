//! The short path for a mineral that no event touches, or only price
//! shocks on the whole market: no conditions to follow, so one loop over
//! the months and one pass of deliveries per supplier. A unit test checks
//! it against the general path.

use super::money::{PlannedSpend, unspent};
use super::month_book::{Book, Totals, add_deliveries};
use super::results::Feasibility;
use super::scratch::{Scratch, zeroed};
use super::supplier_plan::{Shock, market_factor};
use super::year_starts::YearStarts;
use crate::model::month::YearMonth;
use crate::model::scenario::{Mineral, Settings};

/// The projection of a mineral that no event touches but market-wide
/// price `shocks` (every supplier's price times the same factor, see
/// [`market_factor`]): the same rules as `passes::project_mineral` with no
/// conditions to track, so a shorter loop. A unit test checks that both
/// give the same result. Written into `book`; works in `scratch`.
pub(super) fn project_calm_mineral<B: Book>(
    mineral: &Mineral,
    horizon: u32,
    settings: &Settings,
    start: YearMonth,
    shocks: &[Shock],
    scratch: &mut Scratch,
    mut book: B,
) {
    let (carry_over, plan_year) = (settings.carry_over_unspent, settings.plan_year);
    let max_lead = mineral
        .suppliers
        .iter()
        .map(|s| s.lead_time_months.min(10_000))
        .max()
        .unwrap_or(0);
    let h = horizon as usize;
    // arrivals[m] = quantity arriving in month m (index 0 unused).
    let arrivals = zeroed(&mut scratch.arrivals, h + max_lead as usize + 1);
    // bought[m] = quantity bought in month m, all suppliers together.
    let bought = zeroed(&mut scratch.bought, h + 1);
    // The price of each month, then its inverse, in loops of their own
    // ahead of the month loop: the divisions then run side by side (two at
    // a time) rather than two per month inside it, where they cost a third
    // of the time.
    let inv_price = month_prices(&mut scratch.inv_price, mineral, horizon, shocks);
    for p in inv_price.iter_mut() {
        *p = if *p > 0.0 { 1.0 / *p } else { 0.0 };
    }
    let ceiling_qty_per_year = mineral.ceiling.qty_per_year();

    let mut carried_usd = 0.0;
    let mut planned_total_usd = 0.0;
    let mut spent_total_usd = 0.0;
    let mut ordered_this_year = 0.0;
    let mut total_ordered = 0.0;
    let mut budget_implied_qty = 0.0;
    let share_total_fraction = mineral.total_share_pct() / 100.0;
    // Per supplier: fraction of spend and lead time, computed once.
    let split = &mut scratch.split;
    split.clear();
    split.extend(
        mineral
            .suppliers
            .iter()
            .map(|s| (s.share_pct / 100.0, s.lead_time_months.min(10_000) as usize)),
    );
    let mut plan_years = 0;

    let mut planned_spend = PlannedSpend::new(mineral, horizon);
    let mut years = YearStarts::new(plan_year, start);
    // An exclusive range: cheaper to step than `1..=horizon`.
    for month in 1..horizon + 1 {
        if years.next().0 {
            ordered_this_year = 0.0;
            plan_years += 1;
        }
        let planned = planned_spend.at(month);
        planned_total_usd += planned;
        let available = planned + carried_usd;
        // 1 ÷ price (0 when the price is not positive: nothing is bought).
        let inv = inv_price[month as usize - 1];
        // Quantity bought per dollar across all suppliers, unit/USD.
        let qty_per_usd = share_total_fraction * inv;
        budget_implied_qty += planned * qty_per_usd;
        let mut spend = available.max(0.0);
        if let Some(cap) = ceiling_qty_per_year {
            let room_qty = (cap - ordered_this_year).max(0.0);
            // Most months the ceiling leaves room for more than the money
            // buys: then min(spend, room ÷ q) is spend, and skipping the
            // division keeps it off the chain from month to month (this
            // month's orders, next month's room), which it would slow
            // threefold. Within 1e-9 of the room, divide as always.
            let clearly_room = room_qty > spend * qty_per_usd * (1.0 + 1e-9);
            if qty_per_usd > 0.0 && !clearly_room {
                spend = spend.min(room_qty / qty_per_usd);
            }
        }
        let unspent_now = available - spend;
        carried_usd = if carry_over { unspent_now } else { 0.0 };
        spent_total_usd += spend;

        let qty_bought = spend * inv;
        bought[month as usize] = qty_bought;
        let ordered = qty_bought * share_total_fraction;
        ordered_this_year += ordered;
        total_ordered += ordered;
        book.record(
            month,
            spend,
            ordered,
            unspent(planned_total_usd, spent_total_usd),
        );
    }
    // An order of month m from a supplier with lead time L arrives in m + L.
    for &(fraction, lead) in split.iter() {
        add_deliveries(arrivals, 1 + lead, &bought[1..], fraction);
    }
    book.finish(
        mineral,
        arrivals,
        Totals {
            spent_usd: spent_total_usd,
            ordered_qty: total_ordered,
            lost_in_transit_qty: 0.0,
            feasibility: Feasibility {
                budget_implied_qty,
                purchasable_qty: calm_purchasable_qty(mineral, plan_years, ceiling_qty_per_year),
            },
        },
    );
}

/// The price of each month, month 1 first, into `prices` (its allocation
/// kept): the market price with escalation, times the shocks' factor.
fn month_prices<'p>(
    prices: &'p mut Vec<f64>,
    mineral: &Mineral,
    horizon: u32,
    shocks: &[Shock],
) -> &'p mut [f64] {
    // Escalation as a monthly factor: price_m = price_1 × growth^(m−1), the
    // same as price × (1 + e/100)^((m−1)/12) without a powf per month.
    let monthly_growth = (1.0 + mineral.escalation_pct_per_year / 100.0).powf(1.0 / 12.0);
    prices.clear();
    let mut market_price = mineral.price_usd_per_unit;
    prices.extend((0..horizon).map(|k| {
        if k > 0 {
            market_price *= monthly_growth;
        }
        market_price
    }));
    // The shocks' factor, run by run of months where it stays the same.
    if !shocks.is_empty() {
        let mut month = 1;
        while month <= i64::from(horizon) {
            let factor = market_factor(shocks, month);
            let until = next_shock_change(shocks, month).min(i64::from(horizon) + 1);
            if factor != 1.0 {
                for p in &mut prices[month as usize - 1..until as usize - 1] {
                    *p *= factor;
                }
            }
            month = until;
        }
    }
    prices
}

/// The first month after `month` in which a shock starts or ends.
fn next_shock_change(shocks: &[Shock], month: i64) -> i64 {
    shocks
        .iter()
        .flat_map(|&(first, last, _)| [first, last.saturating_add(1)])
        .filter(|&change| change > month)
        .min()
        .unwrap_or(i64::MAX)
}

/// Purchasable quantity with no events: the ceiling for each plan year (a
/// short first or last year included, in full), or unlimited; nothing when
/// no supplier has a share.
fn calm_purchasable_qty(mineral: &Mineral, plan_years: usize, ceiling: Option<f64>) -> Option<f64> {
    if !mineral.suppliers.iter().any(|s| s.share_pct > 0.0) {
        return Some(0.0);
    }
    ceiling.map(|c| c.max(0.0) * plan_years as f64)
}
