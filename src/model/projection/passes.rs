//! The projection of a mineral that some event touches: suppliers pooled
//! where their orders are proportional to the money available, tracked one
//! by one where a quota or a ban that loses orders makes them depend on
//! what came before.
//!
//! [`project_mineral`] runs in three passes (money and orders, the pool's
//! deliveries, inventory and coverage). Passes 1 and 2 stay in the one
//! function on purpose: moved into functions of their own they cost 0.5 to
//! 1.2 % more instructions on the 30-event benchmark (in every variant
//! tried; the month loop compiles worse), so only the set-up is apart.

use super::ceiling::{NotNeeded, most_money_within, requirement_binds, requirement_room_qty};
use super::money::{PlannedSpend, unspent};
use super::month_book::{Book, Totals, add_deliveries};
use super::pool::PoolSums;
use super::results::Feasibility;
use super::scratch::{Scratch, zeroed};
use super::supplier_plan::{
    Hit, Pace, SupplierPlan, fill_event_draws, market_shocks, premium_factor, quota_room_usd,
    resourcing_premiums,
};
use super::tracked::TrackedSupplier;
use super::year_starts::YearStarts;
use crate::model::disruption::{Disruption, DisruptionKind};
use crate::model::month::YearMonth;
use crate::model::scenario::{InTransitOnBan, Mineral, Settings};

/// The projection of a mineral that some event touches or with a supplier
/// of limited capacity. `events` are the enabled events that hit the
/// mineral; `supplier_events` holds, per supplier, the indices in `events`
/// of those that hit it, with their weights.
///
/// Suppliers whose orders are proportional to the money available are
/// pooled (see [`PoolSums`](super::pool::PoolSums)); the rest are tracked
/// one by one. The result is the same as following every supplier
/// (`reference.rs`, checked by a unit test), only faster. It runs in three
/// passes: money and orders month by month, the pool's deliveries supplier
/// by supplier over each run of months, then inventory and coverage.
/// `supplier_masks`, per supplier, holds the `origin_mask` of each of its
/// hits (or nothing: then they are worked out). Written into `book`; works
/// in `scratch`.
///
/// Compiled a second time for AVX2, chosen when the processor has it, as
/// `calm::project_calm_mineral` is: the same numbers.
#[allow(clippy::too_many_arguments)]
#[multiversion::multiversion(targets("x86_64+avx2+fma"))]
pub(super) fn project_mineral<B: Book>(
    mineral: &Mineral,
    horizon: u32,
    settings: &Settings,
    start: YearMonth,
    events: &[&Disruption],
    supplier_events: &[Vec<Hit>],
    supplier_masks: &[Vec<u64>],
    scratch: &mut Scratch,
    mut book: B,
) {
    let Scratch {
        arrivals,
        pool_direct,
        pool_resourced,
        resourced_lead,
        runs,
        pool_deliveries,
        plans,
        draws,
        shocks,
        tracked,
        changes,
        terms,
        purchasable,
        ..
    } = scratch;
    supplier_plans(
        plans,
        draws,
        mineral,
        settings,
        start,
        events,
        supplier_events,
        supplier_masks,
    );
    let plans = &plans[..];
    // Price shocks move the market price for every supplier at once.
    market_shocks(shocks, events.iter().copied(), start);
    // Price response: re-sourced orders pay a premium.
    let premiums = resourcing_premiums(&mineral.suppliers, events, supplier_events, start);
    tracked.clear();
    tracked.extend(
        (0..plans.len())
            .filter(|&i| plans[i].tracked)
            .map(|i| TrackedSupplier {
                plan: i,
                fraction: plans[i].fraction,
                ..TrackedSupplier::default()
            }),
    );
    change_months(changes, events, start);
    // A capacity changing from a month on changes the terms too.
    if plans.iter().any(|p| !p.capacity_steps.is_empty()) {
        changes.extend(
            plans
                .iter()
                .flat_map(|p| p.capacity_steps.iter().map(|&(first, _)| first)),
        );
        changes.sort_unstable();
        changes.dedup();
    }
    let mut changes = changes.iter().copied().peekable();
    let max_lead = plans.iter().map(|p| p.lead_months).max().unwrap_or(0) + max_extra_lead(plans);
    let h = horizon as usize;
    // arrivals[m] = quantity arriving in month m (index 0 unused).
    let arrivals = zeroed(arrivals, h + max_lead + 1);
    // Per month (index 0 unused), what the pool bought: the money placed
    // directly and the re-sourced money per unit of weight, both divided by
    // the market price; and the earliest lead for re-sourced orders.
    let pool_direct = zeroed(pool_direct, h + 1);
    let pool_resourced = zeroed(pool_resourced, h + 1);
    let resourced_lead = zeroed(resourced_lead, h + 1);
    // Runs of months with the same terms: (first month, first entry in
    // `pool_deliveries`).
    runs.clear();
    pool_deliveries.clear();
    // The ceiling of the current plan year (it may differ year by year).
    let mut plan_year_index = 0;
    let mut ceiling_qty_per_year = mineral.ceiling.qty_in_plan_year(0);
    let lose_on_ban = settings.in_transit_on_ban == InTransitOnBan::Lost;

    // Escalation as a monthly factor: price_m = price_1 × growth^(m−1), the
    // same as price × (1 + e/100)^((m−1)/12) without a powf per month.
    let monthly_growth = (1.0 + mineral.escalation_pct_per_year / 100.0).powf(1.0 / 12.0);
    let mut next_price = mineral.price_usd_per_unit;
    let mut next_inv = inverse(next_price);

    terms.reset(plans);
    purchasable.reset();

    let mut carried_usd = 0.0;
    let mut planned_total_usd = 0.0;
    let mut spent_total_usd = 0.0;
    let mut total_ordered = 0.0;
    let mut lost_in_transit = 0.0;
    let mut budget_implied_qty = 0.0;
    let mut weight_cache = WeightCache::default();
    let mut not_needed = NotNeeded::default();
    let to_buy_qty = mineral.requirement_qty - mineral.opening_inventory_qty;
    let (mut plan_year_months, mut calendar_year_months) = (1, 1);

    let mut planned_spend = PlannedSpend::new(mineral, horizon);
    let mut years = YearStarts::new(settings.plan_year, start);
    // Pass 1: money and orders, month by month.
    // An exclusive range: cheaper to step than `1..=horizon`.
    for month in 1..horizon + 1 {
        let m = i64::from(month);
        let first = month as usize;
        // Ceilings and capacities count per plan year, export quotas per
        // calendar year, each paced over its year's months.
        let (year_starts, calendar_year_starts) = years.next();
        if year_starts {
            if month > 1 {
                purchasable.close_year(ceiling_qty_per_year);
                plan_year_index += 1;
                ceiling_qty_per_year = mineral.ceiling.qty_in_plan_year(plan_year_index);
            }
            plan_year_months = years.plan_year_months(month, horizon);
        }
        if calendar_year_starts {
            calendar_year_months = years.calendar_year_months(month, horizon);
        }
        let pace = Pace::of(plan_year_months, calendar_year_months);
        let terms_change = month == 1 || m >= terms.until;
        if terms_change {
            while changes.next_if(|&c| c <= m).is_some() {}
            terms.update(
                plans,
                shocks,
                m,
                changes.peek().copied().unwrap_or(i64::MAX),
            );
            runs.push((first, pool_deliveries.len()));
            pool_deliveries.extend_from_slice(&terms.deliveries);
        }
        // Once some supplier is open without a limit this year, noting
        // more changes nothing until the year closes.
        if (terms_change || year_starts) && !purchasable.unlimited_this_year {
            for (i, plan) in plans.iter().enumerate() {
                purchasable.note_supplier(terms.conditions[i], plan.fraction, i);
            }
        }
        let planned = planned_spend.at(month);
        planned_total_usd += planned;
        let available = (planned + carried_usd).max(0.0);
        // This month's price and its inverse were worked out a month ahead
        // (below), so the division's wait overlaps a month's work.
        let (market_price, inv_market) = (next_price, next_inv);
        next_price = market_price * monthly_growth;
        next_inv = inverse(next_price);
        budget_implied_qty += planned * terms.pool.base_qty_frac * inv_market;

        // Most months no quota can bind: every quota has room for more than
        // all the money available. Then the tracked suppliers join the pool
        // for the month (the same result, without the bookkeeping).
        let quota_free = !lose_on_ban
            && tracked.iter().all(|t| {
                let c = terms.conditions[t.plan];
                quota_room_usd(c, pace, market_price * c.price_factor) > available * (1.0 + 1e-9)
            });
        // How many tracked suppliers to follow one by one this month.
        let (pool, one_by_one) = if quota_free {
            (&terms.all, 0)
        } else {
            (&terms.pool, tracked.len())
        };
        for t in tracked[..one_by_one].iter_mut() {
            let c = terms.conditions[t.plan];
            let price = market_price * c.price_factor;
            t.inv_price = if price > 0.0 { 1.0 / price } else { 0.0 };
            t.room_usd = quota_room_usd(c, pace, price);
            t.fully_open = c.open_fraction >= 1.0;
            t.open_fraction = c.open_fraction;
            t.lead_months = plans[t.plan].lead_months + c.extra_lead_months;
        }
        // Re-sourced orders pay `premium` × the receiving supplier's price:
        // a re-sourced dollar counts as 1 / premium of a dollar at that
        // price (quantity, quota room), and costs a whole dollar.
        let (premium, inv_premium) = if premiums.is_empty() {
            (1.0, 1.0)
        } else {
            let premium = premium_factor(&premiums, m);
            (premium, 1.0 / premium)
        };
        let resourcing = Resourcing {
            on: settings.resource_blocked_orders,
            rounds: plans.len(),
            premium,
            inv_premium,
        };

        // 1 and 2: the money placed with the suppliers.
        let mut money = available;
        let mut placing = place_money(
            money,
            pool,
            &mut tracked[..one_by_one],
            resourcing,
            inv_market,
            &mut weight_cache,
        );

        // 3. The purchase ceiling, paced over the plan year's months, holds
        // back money before it is placed: the money placed is the most
        // whose orders fit the month's room, so no order shrinks when more
        // money comes. Where every order is proportional to the money
        // (nothing filled up), that is scaling every order alike.
        // Stopping at the requirement is one more room: what may still be
        // ordered before what is held and on its way reaches it.
        let ceiling_room =
            ceiling_qty_per_year.map_or(f64::INFINITY, |cap| cap.max(0.0) * pace.plan_year);
        let requirement_room = requirement_room_qty(
            settings.stop_at_requirement,
            to_buy_qty,
            total_ordered - lost_in_transit,
        );
        let room = ceiling_room.min(requirement_room);
        if placing.qty_total > room {
            if placing.filled_up {
                money = most_money_within(available, room, |x| {
                    place_money(
                        x,
                        pool,
                        &mut tracked[..one_by_one],
                        resourcing,
                        inv_market,
                        &mut weight_cache,
                    )
                    .qty_total
                });
                placing = place_money(
                    money,
                    pool,
                    &mut tracked[..one_by_one],
                    resourcing,
                    inv_market,
                    &mut weight_cache,
                );
            } else {
                let scale = if placing.qty_total > 0.0 {
                    room / placing.qty_total
                } else {
                    0.0
                };
                for t in tracked[..one_by_one].iter_mut() {
                    t.placed_usd *= scale;
                    t.resourced_usd *= scale;
                }
                money *= scale;
                placing.scale(scale);
            }
        }
        let held_for_requirement_usd =
            if money < available && requirement_binds(requirement_room, ceiling_room) {
                available - money
            } else {
                0.0
            };
        let Placing {
            spend,
            qty_total,
            blocked_usd,
            blocked_lead_months,
            pool_resourced_per_share,
            ..
        } = placing;

        // 4. Orders: the pool's are delivered in pass 2, the tracked ones
        // here, order by order.
        pool_direct[first] = money * inv_market;
        pool_resourced[first] = pool_resourced_per_share * inv_market * inv_premium;
        resourced_lead[first] = blocked_lead_months;
        if quota_free {
            // Pooled this month: their part of the pool's orders.
            for &(lead, direct_qty, resourced_qty) in &terms.tracked_deliveries {
                let direct = pool_direct[first] * direct_qty;
                let resourced = pool_resourced[first] * resourced_qty;
                arrivals[first + lead] += direct;
                if resourced > 0.0 {
                    arrivals[first + lead.max(blocked_lead_months)] += resourced;
                }
            }
        }
        for t in tracked[..one_by_one].iter_mut() {
            if t.placed_usd <= 0.0 || t.inv_price <= 0.0 {
                continue;
            }
            let plan = &plans[t.plan];
            let qty = t.placed_usd * t.inv_price;
            let resourced_qty = t.resourced_usd * t.inv_price;
            let mut deliver = |part_qty: f64, part_lead: usize| {
                let arrival = first + part_lead;
                if lose_on_ban && part_lead > 0 && plan.banned_during(m + 1, arrival as i64) {
                    lost_in_transit += part_qty;
                } else {
                    arrivals[arrival] += part_qty;
                }
            };
            if resourced_qty > 0.0 {
                deliver((qty - resourced_qty).max(0.0), t.lead_months);
                deliver(resourced_qty, t.lead_months.max(blocked_lead_months));
            } else {
                deliver(qty, t.lead_months);
            }
        }
        // Only what the ceiling held back carries over; money that events
        // blocked and re-sourcing could not place is unspent for good
        // (carrying it would re-source it by the back door).
        let unspent_now = (available - spend - blocked_usd.max(0.0)).max(0.0);
        carried_usd = if settings.carry_over_unspent {
            unspent_now
        } else {
            0.0
        };
        not_needed.month(
            held_for_requirement_usd,
            settings.carry_over_unspent,
            carried_usd,
        );
        spent_total_usd += spend;
        total_ordered += qty_total;
        book.record(
            month,
            spend,
            qty_total,
            unspent(planned_total_usd, spent_total_usd),
        );
    }
    if horizon > 0 {
        purchasable.close_year(ceiling_qty_per_year);
    }

    // Pass 2: the pool's deliveries, run by run and supplier by supplier.
    for (k, &(run_first, entries_first)) in runs.iter().enumerate() {
        let (run_end, entries_end) = runs
            .get(k + 1)
            .copied()
            .unwrap_or((h + 1, pool_deliveries.len()));
        let months = run_first..run_end;
        // Re-sourced orders wait for the longest blocked lead; when that is
        // the same all run long, they too are one pass per lead time.
        let mut waits = months
            .clone()
            .filter(|&m| pool_resourced[m] != 0.0)
            .map(|m| resourced_lead[m]);
        let first_wait = waits.next();
        let same_wait = waits.all(|w| Some(w) == first_wait);
        for &(lead, direct_qty, resourced_qty) in &pool_deliveries[entries_first..entries_end] {
            add_deliveries(
                arrivals,
                run_first + lead,
                &pool_direct[months.clone()],
                direct_qty,
            );
            if resourced_qty == 0.0 {
                continue;
            }
            match first_wait {
                None => {}
                Some(wait) if same_wait => add_deliveries(
                    arrivals,
                    run_first + lead.max(wait),
                    &pool_resourced[months.clone()],
                    resourced_qty,
                ),
                Some(_) => {
                    for m in months.clone() {
                        arrivals[m + lead.max(resourced_lead[m])] +=
                            pool_resourced[m] * resourced_qty;
                    }
                }
            }
        }
    }

    // Pass 3: inventory and coverage.
    book.finish(
        mineral,
        arrivals,
        Totals {
            spent_usd: spent_total_usd,
            ordered_qty: total_ordered,
            lost_in_transit_qty: lost_in_transit,
            not_needed_usd: not_needed.usd(),
            feasibility: Feasibility {
                budget_implied_qty,
                purchasable_qty: purchasable.total(),
            },
        },
    );
}

/// How re-sourcing works this month: whether it is on, how many rounds
/// it may take (quotas fill up), and the premium on re-sourced orders.
#[derive(Clone, Copy)]
struct Resourcing {
    on: bool,
    rounds: usize,
    premium: f64,
    inv_premium: f64,
}

/// The last weight of the suppliers taking re-sourced orders and its
/// inverse: the weight rarely changes, so divide only when it does.
struct WeightCache {
    weight: f64,
    inverse: f64,
}

impl Default for WeightCache {
    fn default() -> Self {
        WeightCache {
            weight: f64::NAN,
            inverse: 0.0,
        }
    }
}

/// What a month's money bought before the ceiling (steps 1 and 2).
#[derive(Clone, Copy)]
struct Placing {
    spend: f64,
    qty_total: f64,
    /// Blocked by events, and not re-sourced.
    blocked_usd: f64,
    /// Re-sourced orders arrive no earlier than the orders they replace.
    blocked_lead_months: usize,
    /// Re-sourced USD per unit of share taken by the pool, over the rounds.
    pool_resourced_per_share: f64,
    /// Some tracked supplier's capacity or quota limited what it took: the
    /// orders are then no longer proportional to the money.
    filled_up: bool,
}

impl Placing {
    /// Every figure times `scale`, as the same placing with `scale` times
    /// the money gives when nothing filled up.
    fn scale(&mut self, scale: f64) {
        self.spend *= scale;
        self.qty_total *= scale;
        self.blocked_usd *= scale;
        self.pool_resourced_per_share *= scale;
    }
}

/// Steps 1 and 2 of a month with `money` to place: the pool's part at
/// once, then the tracked suppliers' (their terms for the month already
/// in `tracked`); then blocked orders go to the fully open suppliers with
/// room, in proportion to their shares (a few rounds: quotas fill up). The
/// pool has no quota, so it takes its whole part each round. Fills each
/// tracked supplier's `placed_usd` and `resourced_usd`.
#[inline(always)]
fn place_money(
    money: f64,
    pool: &PoolSums,
    tracked: &mut [TrackedSupplier],
    resourcing: Resourcing,
    inv_market: f64,
    weights: &mut WeightCache,
) -> Placing {
    let mut spend = money * pool.placed_frac;
    let mut qty_total = money * pool.placed_qty_frac * inv_market;
    let mut blocked_usd = money * pool.blocked_frac;
    let mut blocked_lead_months = if blocked_usd > 0.0 {
        pool.blocked_lead_months
    } else {
        0
    };
    let mut filled_up = false;
    for t in tracked.iter_mut() {
        let wanted = money * t.fraction;
        let open = wanted * t.open_fraction;
        let placed = open.min(t.room_usd);
        filled_up |= placed < open;
        t.placed_usd = placed;
        t.resourced_usd = 0.0;
        spend += placed;
        qty_total += placed * t.inv_price;
        if wanted - placed > 0.0 {
            blocked_usd += wanted - placed;
            blocked_lead_months = blocked_lead_months.max(t.lead_months);
        }
    }
    let mut pool_resourced_per_share = 0.0;
    if resourcing.on {
        let Resourcing {
            premium,
            inv_premium,
            ..
        } = resourcing;
        for _ in 0..resourcing.rounds {
            if blocked_usd <= money * 1e-12 {
                break;
            }
            let weight = pool.receiving_weight
                + tracked
                    .iter()
                    .filter(|t| t.has_room())
                    .map(|t| t.fraction)
                    .sum::<f64>();
            if weight <= 0.0 {
                break;
            }
            if weight != weights.weight {
                weights.weight = weight;
                weights.inverse = 1.0 / weight;
            }
            let per_share = blocked_usd * weights.inverse;
            pool_resourced_per_share += per_share;
            spend += per_share * pool.receiving_weight;
            qty_total += per_share * pool.receiving_qty_frac * inv_market * inv_premium;
            let mut still_blocked = 0.0;
            for t in tracked.iter_mut().filter(|t| t.has_room()) {
                let extra = per_share * t.fraction;
                // In dollars at its price without the premium.
                let wanted = extra * inv_premium;
                let taken = wanted.min((t.room_usd - t.placed_usd).max(0.0));
                filled_up |= taken < wanted;
                t.placed_usd += taken;
                t.resourced_usd += taken;
                spend += taken * premium;
                qty_total += taken * t.inv_price;
                still_blocked += extra - taken * premium;
            }
            blocked_usd = still_blocked;
        }
    }
    Placing {
        spend,
        qty_total,
        blocked_usd,
        blocked_lead_months,
        pool_resourced_per_share,
        filled_up,
    }
}

/// `1 / price`, or 0 for a price of 0 or less (nothing is bought rather
/// than an infinite quantity).
#[inline]
fn inverse(price: f64) -> f64 {
    if price > 0.0 { 1.0 / price } else { 0.0 }
}

/// Each supplier's terms and the events that hit it, into `plans` (their
/// lists reused), market-wide price shocks left out: they move the market
/// price for every supplier at once (see [`market_shocks`]).
/// `supplier_masks`: per supplier, the `origin_mask` of each hit, or
/// nothing to work them out.
#[allow(clippy::too_many_arguments)]
fn supplier_plans(
    plans: &mut Vec<SupplierPlan>,
    draws: &mut Vec<f64>,
    mineral: &Mineral,
    settings: &Settings,
    start: YearMonth,
    events: &[&Disruption],
    supplier_events: &[Vec<Hit>],
    supplier_masks: &[Vec<u64>],
) {
    fill_event_draws(draws, &mineral.suppliers, events.len(), supplier_events);
    let n = mineral.suppliers.len();
    plans.truncate(n);
    plans.resize_with(n, SupplierPlan::default);
    for (i, ((plan, s), hits)) in plans
        .iter_mut()
        .zip(&mineral.suppliers)
        .zip(supplier_events)
        .enumerate()
    {
        let masks = supplier_masks.get(i).map_or(&[][..], Vec::as_slice);
        plan.fill(s, events, hits, masks, draws, start, settings, true);
    }
}

/// Months after the first where an event starts or ends, ascending, into
/// `changes`: conditions are constant in between.
fn change_months(changes: &mut Vec<i64>, events: &[&Disruption], start: YearMonth) {
    changes.clear();
    for d in events {
        let (first, last) = d.month_range(start);
        changes.extend(
            [first, last.saturating_add(1)]
                .into_iter()
                .filter(|&c| c > 1),
        );
    }
    changes.sort_unstable();
    changes.dedup();
}

/// The most extra lead time one supplier can carry: all its delays at once.
fn max_extra_lead(plans: &[SupplierPlan]) -> usize {
    plans
        .iter()
        .map(|p| {
            p.events
                .iter()
                .map(|e| match e.kind {
                    DisruptionKind::LicensingDelay {
                        extra_lead_time_months,
                        ..
                    } => extra_lead_time_months.min(1_000) as usize,
                    _ => 0,
                })
                .sum::<usize>()
        })
        .max()
        .unwrap_or(0)
}
