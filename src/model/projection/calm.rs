//! The short path for a mineral that no event touches, or only price
//! shocks on the whole market: no conditions to follow, so one loop over
//! the months and one pass of deliveries per supplier. A unit test checks
//! it against the general path.

use super::ceiling::{NotNeeded, requirement_binds, requirement_room_qty};
use super::money::{PlannedSpend, unspent};
use super::month_book::{Book, Totals, add_deliveries};
use super::results::Feasibility;
use super::scratch::{Scratch, zeroed};
use super::supplier_plan::{Shock, market_factor};
use super::year_starts::YearStarts;
use crate::model::month::YearMonth;
use crate::model::scenario::{Mineral, PlanYear, Settings};

/// The projection of a mineral that no event touches but market-wide
/// price `shocks` (every supplier's price times the same factor, see
/// [`market_factor`]): the same rules as `passes::project_mineral` with no
/// conditions to track, so a shorter loop. A unit test checks that both
/// give the same result. Written into `book`; works in `scratch`.
///
/// Compiled a second time for AVX2, chosen when the processor has it: its
/// loops over the months then take four months at a time rather than
/// two. The same operations (no fused multiply-add is formed), so the same
/// numbers.
#[multiversion::multiversion(targets("x86_64+avx2+fma"))]
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
    invert_prices(inv_price);

    let mut carried_usd = 0.0;
    let mut planned_total_usd = 0.0;
    let mut spent_total_usd = 0.0;
    let mut total_ordered = 0.0;
    let mut budget_implied_qty = 0.0;
    let mut not_needed = NotNeeded::default();
    let to_buy_qty = mineral.requirement_qty - mineral.opening_inventory_qty;
    // Ordered so far, rows or not (`total_ordered` is summed with the rows).
    let mut ordered_so_far = 0.0;
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
    // The budget planned for each month (month 1 at index 0), and the
    // first month of each plan year, with `horizon + 1` after the last.
    let planned_usd = &mut scratch.planned_usd;
    PlannedSpend::new(mineral, horizon).fill(planned_usd);
    let year_firsts = &mut scratch.year_firsts;
    plan_year_firsts(year_firsts, plan_year, start, horizon);
    let plan_years = year_firsts.len() - 1;
    // Money is never short of zero: then a month spends all it has and
    // carries nothing (see `year_within_ceiling`).
    let no_negative_plan = planned_usd.iter().all(|&p| p >= 0.0);

    for (year_index, year) in year_firsts.windows(2).enumerate() {
        // The ceiling of this plan year (it may differ year by year).
        let ceiling_qty_per_year = mineral.ceiling.qty_in_plan_year(year_index);
        let months = year[0] as usize..year[1] as usize;
        let (first, end) = (months.start, months.end);
        if no_negative_plan && planned_usd[first - 1] + carried_usd >= 0.0 {
            // Try the year with each month spending its plan (the first,
            // also what was carried into the year): what the
            // month-by-month loop below gives when the ceiling limits no
            // month. The same operations, so the same numbers, but no
            // chain from month to month, so the months go four at a time.
            let (largest_month_qty, year_qty) = spend_the_plan(
                &planned_usd[first - 1..end - 1],
                &inv_price[first - 1..end - 1],
                carried_usd,
                &mut bought[first..end],
            );
            let (largest_month_qty, year_qty) = (
                largest_month_qty * share_total_fraction,
                year_qty * share_total_fraction,
            );
            // Nor may the year reach the requirement when ordering stops
            // there (a margin as for the ceiling).
            let requirement_room =
                requirement_room_qty(settings.stop_at_requirement, to_buy_qty, ordered_so_far);
            if year_within_ceiling(
                ceiling_qty_per_year,
                largest_month_qty * months.len() as f64,
            ) && year_qty * (1.0 + 1e-6) < requirement_room
            {
                ordered_so_far += year_qty;
                if B::ROWS {
                    for month in months {
                        let planned = planned_usd[month - 1];
                        planned_total_usd += planned;
                        let spend = planned + carried_usd;
                        carried_usd = 0.0;
                        let inv = inv_price[month - 1];
                        budget_implied_qty += planned * (share_total_fraction * inv);
                        spent_total_usd += spend;
                        let ordered = bought[month] * share_total_fraction;
                        total_ordered += ordered;
                        book.record(
                            month as u32,
                            spend,
                            ordered,
                            unspent(planned_total_usd, spent_total_usd),
                        );
                    }
                }
                carried_usd = 0.0;
                continue;
            }
        }
        // The ceiling is paced: each month of the plan year may order an
        // equal part of it (docs/MODEL.md, "Annual limits are paced").
        let room_qty = ceiling_qty_per_year.map(|cap| cap.max(0.0) / months.len() as f64);
        for month in months {
            let planned = planned_usd[month - 1];
            planned_total_usd += planned;
            let available = planned + carried_usd;
            // 1 ÷ price (0 when the price is not positive: nothing is bought).
            let inv = inv_price[month - 1];
            // Quantity bought per dollar across all suppliers, unit/USD.
            let qty_per_usd = share_total_fraction * inv;
            budget_implied_qty += planned * qty_per_usd;
            let mut spend = available.max(0.0);
            // Stopping at the requirement is one more room: what may still
            // be ordered before what is held and on its way reaches it.
            let requirement_room =
                requirement_room_qty(settings.stop_at_requirement, to_buy_qty, ordered_so_far);
            let requirement_binds = requirement_room.is_finite()
                && requirement_binds(requirement_room, room_qty.unwrap_or(f64::INFINITY));
            let room_qty = if requirement_binds {
                Some(requirement_room)
            } else {
                room_qty
            };
            if let Some(room_qty) = room_qty {
                // Most months the ceiling leaves room for more than the
                // money buys: then min(spend, room ÷ q) is spend, and
                // skipping the division keeps it off the chain from month
                // to month (this month's orders, next month's money), which
                // it would slow threefold. Within 1e-9 of the room, divide
                // as always.
                let clearly_room = room_qty > spend * qty_per_usd * (1.0 + 1e-9);
                if qty_per_usd > 0.0 && !clearly_room {
                    spend = spend.min(room_qty / qty_per_usd);
                }
            }
            let unspent_now = available - spend;
            carried_usd = if carry_over { unspent_now } else { 0.0 };
            let held = if requirement_binds && spend < available {
                unspent_now
            } else {
                0.0
            };
            not_needed.month(held, carry_over, carried_usd);
            spent_total_usd += spend;

            let qty_bought = spend * inv;
            bought[month] = qty_bought;
            let ordered = qty_bought * share_total_fraction;
            total_ordered += ordered;
            ordered_so_far += ordered;
            book.record(
                month as u32,
                spend,
                ordered,
                unspent(planned_total_usd, spent_total_usd),
            );
        }
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
            not_needed_usd: not_needed.usd(),
            feasibility: Feasibility {
                budget_implied_qty,
                purchasable_qty: calm_purchasable_qty(mineral, plan_years),
            },
        },
    );
}

/// Each month's purchases, unit, when it spends its plan: `bought[k] =
/// (planned_usd[k] + carried) × inv_price[k]`, with `carried_usd` carried
/// into the first month only (0 after it, as the month-by-month loop
/// leaves it once a month spends all it has). Returns the largest and the
/// sum, taken four at a time (only to be compared with a margin, see
/// [`year_within_ceiling`]; NaN where a purchase is NaN).
#[inline]
fn spend_the_plan(
    planned_usd: &[f64],
    inv_price: &[f64],
    carried_usd: f64,
    bought: &mut [f64],
) -> (f64, f64) {
    let (Some(&planned), Some(&inv)) = (planned_usd.first(), inv_price.first()) else {
        return (0.0, 0.0);
    };
    bought[0] = (planned + carried_usd) * inv;
    for ((b, &planned), &inv) in bought[1..]
        .iter_mut()
        .zip(&planned_usd[1..])
        .zip(&inv_price[1..])
    {
        // + 0.0 as in the loop (the carry is 0.0): -0 becomes 0.
        *b = (planned + 0.0) * inv;
    }
    let (mut largest, mut sums) = ([0.0_f64; 4], [0.0_f64; 4]);
    let (fours, rest) = bought.as_chunks::<4>();
    for four in fours {
        for ((big, sum), &q) in largest.iter_mut().zip(&mut sums).zip(four) {
            *big = nan_max(*big, q);
            *sum += q;
        }
    }
    (
        largest
            .iter()
            .chain(rest)
            .fold(0.0, |big, &q| nan_max(big, q)),
        sums.iter().chain(rest).sum(),
    )
}

/// The larger of two, NaN when either is: a NaN purchase must fail
/// [`year_within_ceiling`] so that the month-by-month loop decides.
#[inline]
fn nan_max(a: f64, b: f64) -> f64 {
    if a.is_nan() || b.is_nan() {
        f64::NAN
    } else {
        a.max(b)
    }
}

/// Whether the ceiling (`None`: no ceiling) leaves room, in every month of
/// a plan year, for all that the month's money buys, given
/// `paced_qty`: the largest month's orders with every month spending its
/// plan, times the months of the year (each month's room is the ceiling ÷
/// the months).
///
/// The month-by-month loop limits a month only when its room is within
/// 1e-9 of its orders; a margin of 1e-6 covers that and any rounding, so
/// when this holds the loop would limit no month.
#[inline]
fn year_within_ceiling(ceiling_qty_per_year: Option<f64>, paced_qty: f64) -> bool {
    match ceiling_qty_per_year {
        None => true,
        // False for NaN: then the loop decides month by month.
        Some(cap) => paced_qty * (1.0 + 1e-6) < cap,
    }
}

/// Each price replaced by its inverse, 0 where the price is not positive
/// (nothing is bought).
#[inline]
pub(super) fn invert_prices(prices: &mut [f64]) {
    for p in prices.iter_mut() {
        *p = if *p > 0.0 { 1.0 / *p } else { 0.0 };
    }
}

/// The first month of each plan year into `firsts`, then `horizon + 1`.
pub(super) fn plan_year_firsts(
    firsts: &mut Vec<u32>,
    plan_year: PlanYear,
    start: YearMonth,
    horizon: u32,
) {
    firsts.clear();
    let mut years = YearStarts::new(plan_year, start);
    firsts.extend((1..horizon + 1).filter(|_| years.next().0));
    firsts.push(horizon + 1);
}

/// The price of each month, month 1 first, into `prices` (its allocation
/// kept): the market price with escalation, times the shocks' factor.
pub(super) fn month_prices<'p>(
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
pub(super) fn next_shock_change(shocks: &[Shock], month: i64) -> i64 {
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
fn calm_purchasable_qty(mineral: &Mineral, plan_years: usize) -> Option<f64> {
    if !mineral.suppliers.iter().any(|s| s.share_pct > 0.0) {
        return Some(0.0);
    }
    // The ceiling of each plan year, a short first or last year in full;
    // unlimited when there is none.
    mineral.ceiling.qty_in_plan_year(0)?;
    (0..plan_years)
        .map(|y| mineral.ceiling.qty_in_plan_year(y).map(|c| c.max(0.0)))
        .sum()
}
