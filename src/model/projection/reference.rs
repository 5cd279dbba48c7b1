//! The straightforward projection loop, supplier by supplier and month by
//! month, kept as the oracle for the pooled loop of `passes.rs`
//! (`project_mineral`): a unit test runs both on many scenarios with events
//! and compares them. Test-only.

use super::ceiling::{NotNeeded, most_money_within, requirement_binds, requirement_room_qty};
use super::money::{planned_spend_usd, unspent};
use super::month_book::{Book, MonthBook, Totals};
use super::purchasable::Purchasable;
use super::results::{Feasibility, MineralProjection};
use super::supplier_plan::{
    Conditions, Hit, NORMAL, Pace, SupplierPlan, event_draws, premium_factor, quota_room_usd,
    resourcing_premiums,
};
use super::year_starts::year_lengths;
use crate::model::disruption::{Disruption, DisruptionKind};
use crate::model::month::YearMonth;
use crate::model::scenario::{InTransitOnBan, Mineral, Settings, starts_calendar_year};

pub(super) fn project_mineral_one_by_one(
    mineral: &Mineral,
    horizon: u32,
    settings: &Settings,
    start: YearMonth,
    events: &[&Disruption],
) -> MineralProjection {
    // An event's world price response is, by its definition, a market-wide
    // price shock over the event's months (docs/MODEL.md): the oracle
    // meets it as one, through the suppliers' own prices.
    let world: Vec<Disruption> = events
        .iter()
        .filter(|d| d.world_price_pct != 0.0)
        .map(|d| Disruption {
            kind: DisruptionKind::PriceShockPct(d.world_price_pct),
            supplier: String::new(),
            world_price_pct: 0.0,
            resourcing_premium_pct: 0.0,
            ..(*d).clone()
        })
        .collect();
    let with_world: Vec<&Disruption> = events.iter().copied().chain(&world).collect();
    let events = &with_world[..];
    let supplier_events: Vec<Vec<Hit>> = mineral
        .suppliers
        .iter()
        .map(|s| {
            (0..events.len())
                .map(|e| (e, events[e].supplier_weight(s)))
                .filter(|&(_, weight)| weight > 0.0)
                .collect()
        })
        .collect();
    let draws = event_draws(&mineral.suppliers, events.len(), &supplier_events);
    let plans: Vec<SupplierPlan> = mineral
        .suppliers
        .iter()
        .zip(&supplier_events)
        .map(|(s, hits)| SupplierPlan::new(s, events, hits, &draws, start, settings))
        .collect();
    let n = plans.len();
    let premiums = resourcing_premiums(&mineral.suppliers, events, &supplier_events, start);
    let max_extra_lead: usize = events
        .iter()
        .map(|d| match d.kind {
            DisruptionKind::LicensingDelay {
                extra_lead_time_months,
                ..
            } => extra_lead_time_months.min(1_000) as usize,
            _ => 0,
        })
        .sum();
    let max_lead = plans.iter().map(|p| p.lead_months).max().unwrap_or(0) + max_extra_lead;
    // arrivals[m] = quantity arriving in month m (index 0 unused).
    let mut arrivals = vec![0.0_f64; horizon as usize + max_lead + 1];
    // The ceiling of the current plan year (it may differ year by year).
    let mut plan_year_index = 0;
    let mut ceiling_qty_per_year = mineral.ceiling.qty_in_plan_year(0);

    // Escalation as a monthly factor: price_m = price_1 × growth^(m−1), the
    // same as price × (1 + e/100)^((m−1)/12) without a powf per month.
    let monthly_growth = (1.0 + mineral.escalation_pct_per_year / 100.0).powf(1.0 / 12.0);
    let mut market_price = mineral.price_usd_per_unit;

    // Per-supplier working values, reused every month.
    let mut conditions = vec![NORMAL; n];
    // 1 / price paid to each supplier this month (0 when the price is 0).
    let mut inv_price = vec![0.0_f64; n];
    let mut placed_usd = vec![0.0_f64; n];
    // The part of placed_usd re-sourced from blocked suppliers.
    let mut resourced_usd = vec![0.0_f64; n];
    // Months of each month's plan year and calendar year in the timeframe.
    let plan_year_months = year_lengths(horizon, |m| settings.plan_year.starts_year(start, m));
    let calendar_year_months = year_lengths(horizon, |m| starts_calendar_year(start, m));

    let mut out = MineralProjection::blank();
    let mut book = MonthBook::new(mineral, horizon, &mut out);
    let mut carried_usd = 0.0;
    let mut planned_total_usd = 0.0;
    let mut spent_total_usd = 0.0;
    let mut total_ordered = 0.0;
    let mut lost_in_transit = 0.0;
    let mut budget_implied_qty = 0.0;
    let mut purchasable = Purchasable::default();
    let mut not_needed = NotNeeded::default();
    let to_buy_qty = mineral.requirement_qty - mineral.opening_inventory_qty;

    for month in 1..=horizon {
        if settings.plan_year.starts_year(start, month) && month > 1 {
            purchasable.close_year(ceiling_qty_per_year);
            plan_year_index += 1;
            ceiling_qty_per_year = mineral.ceiling.qty_in_plan_year(plan_year_index);
        }
        let k = month as usize - 1;
        let pace = Pace::of(plan_year_months[k], calendar_year_months[k]);
        let m = i64::from(month);
        let planned = planned_spend_usd(mineral, horizon, month);
        planned_total_usd += planned;
        let available = (planned + carried_usd).max(0.0);
        if month > 1 {
            market_price *= monthly_growth;
        }
        let inv_market = if market_price > 0.0 {
            1.0 / market_price
        } else {
            0.0
        };

        // Each supplier's conditions and price this month.
        let mut qty_per_usd_at_base = 0.0;
        let mut open_without_quota = false;
        for (i, plan) in plans.iter().enumerate() {
            if plan.is_plain() {
                // The common case: no event ever touches this supplier, and
                // it has no capacity limit.
                conditions[i] = NORMAL;
                inv_price[i] = inv_market;
                open_without_quota |= plan.fraction > 0.0;
            } else {
                conditions[i] = plan.conditions(m);
                let price = market_price * conditions[i].price_factor;
                inv_price[i] = if price > 0.0 { 1.0 / price } else { 0.0 };
                purchasable.note_supplier(conditions[i], plan.fraction, i);
            }
            qty_per_usd_at_base += plan.fraction * inv_price[i];
        }
        if open_without_quota {
            purchasable.unlimited_this_year = true;
        }
        budget_implied_qty += planned * qty_per_usd_at_base;
        let premium = premium_factor(&premiums, m);

        // 1 and 2: how `money` is placed with the suppliers.
        let mut place = |money: f64| {
            place_money(
                money,
                &plans,
                &conditions,
                &inv_price,
                market_price,
                pace,
                premium,
                settings.resource_blocked_orders,
                &mut placed_usd,
                &mut resourced_usd,
            )
        };
        let mut placing = place(available);

        // 3. The purchase ceiling, paced over the plan year's months, holds
        // back money before it is placed: the money placed is the most
        // whose orders fit the month's room. Every order then grows with
        // the money available, so more budget never orders less
        // (docs/MODEL.md, "Annual limits are paced").
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
        let mut held_for_requirement_usd = 0.0;
        if placing.qty_total > room {
            let money = most_money_within(available, room, |money| place(money).qty_total);
            placing = place(money);
            if requirement_binds(requirement_room, ceiling_room) {
                held_for_requirement_usd = available - money;
            }
        }
        let Placing {
            spend,
            qty_total,
            blocked_usd,
            blocked_lead_months,
            ..
        } = placing;

        // 4. Orders and their arrivals.
        let ordered = qty_total;
        let lose_on_ban = settings.in_transit_on_ban == InTransitOnBan::Lost;
        for (i, plan) in plans.iter().enumerate() {
            if placed_usd[i] <= 0.0 || inv_price[i] <= 0.0 {
                continue;
            }
            let qty = placed_usd[i] * inv_price[i];
            if plan.is_plain() && resourced_usd[i] <= 0.0 {
                arrivals[month as usize + plan.lead_months] += qty;
                continue;
            }
            let lead = plan.lead_months + conditions[i].extra_lead_months;
            let resourced_qty = resourced_usd[i] * inv_price[i];
            let parts = [
                (qty - resourced_qty, lead),
                (resourced_qty, lead.max(blocked_lead_months)),
            ];
            for (part_qty, part_lead) in parts {
                if part_qty <= 0.0 {
                    continue;
                }
                let arrival = month as usize + part_lead;
                if lose_on_ban
                    && part_lead > 0
                    && !plan.events.is_empty()
                    && plan.banned_during(m + 1, arrival as i64)
                {
                    lost_in_transit += part_qty;
                } else {
                    arrivals[arrival] += part_qty;
                }
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
        total_ordered += ordered;

        book.record(
            month,
            spend,
            ordered,
            unspent(planned_total_usd, spent_total_usd),
        );
    }
    if horizon > 0 {
        purchasable.close_year(ceiling_qty_per_year);
    }

    book.finish(
        mineral,
        &arrivals,
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
    out
}

/// What a month's money bought before the ceiling: dollars spent, the
/// quantity ordered, dollars blocked by events that re-sourcing could not
/// place, and the lead of the orders re-sourced orders replace.
#[derive(Clone, Copy)]
struct Placing {
    spend: f64,
    qty_total: f64,
    blocked_usd: f64,
    blocked_lead_months: usize,
}

/// Steps 1 and 2 of a month with `money` to place: each supplier's part,
/// then blocked orders re-sourced to the fully open suppliers with room,
/// in proportion to their shares (a few rounds: quotas fill up).
/// Re-sourced orders pay the receiving supplier's price × the largest
/// premium in force: a re-sourced dollar buys 1 / premium of what it
/// would (and uses that much quota room). Fills `placed_usd` and
/// `resourced_usd`.
#[allow(clippy::too_many_arguments)]
fn place_money(
    money: f64,
    plans: &[SupplierPlan],
    conditions: &[Conditions],
    inv_price: &[f64],
    market_price: f64,
    pace: Pace,
    premium: f64,
    resource_blocked_orders: bool,
    placed_usd: &mut [f64],
    resourced_usd: &mut [f64],
) -> Placing {
    let n = plans.len();
    let mut blocked_usd = 0.0;
    // Re-sourced orders arrive no earlier than the orders they replace.
    let mut blocked_lead_months = 0;
    let mut qty_total = 0.0;
    let mut spend = 0.0;
    for (i, plan) in plans.iter().enumerate() {
        let wanted = money * plan.fraction;
        resourced_usd[i] = 0.0;
        let c = conditions[i];
        let placed =
            (wanted * c.open_fraction).min(quota_room_usd(c, pace, market_price * c.price_factor));
        placed_usd[i] = placed;
        spend += placed;
        qty_total += placed * inv_price[i];
        if wanted - placed > 0.0 {
            blocked_usd += wanted - placed;
            blocked_lead_months = blocked_lead_months.max(plan.lead_months + c.extra_lead_months);
        }
    }
    if resource_blocked_orders {
        for _ in 0..n {
            if blocked_usd <= money * 1e-12 {
                break;
            }
            let room_of = |j: usize| {
                quota_room_usd(
                    conditions[j],
                    pace,
                    market_price * conditions[j].price_factor,
                )
            };
            let has_room = |j: usize, placed: f64| {
                conditions[j].open_fraction >= 1.0 && placed < room_of(j) * (1.0 - 1e-12)
            };
            let weight: f64 = (0..n)
                .filter(|&j| has_room(j, placed_usd[j]))
                .map(|j| plans[j].fraction)
                .sum();
            if weight <= 0.0 {
                break;
            }
            let mut still_blocked = 0.0;
            for j in 0..n {
                if !has_room(j, placed_usd[j]) {
                    continue;
                }
                let extra = blocked_usd * plans[j].fraction / weight;
                let room = room_of(j) - placed_usd[j];
                // In dollars at its price without the premium.
                let taken = (extra / premium).min(room.max(0.0));
                placed_usd[j] += taken;
                resourced_usd[j] += taken;
                spend += taken * premium;
                qty_total += taken * inv_price[j];
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
    }
}
