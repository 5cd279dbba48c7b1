//! What the events do to each supplier of a mineral: its fixed terms and
//! the events that hit it ([`SupplierPlan`]), and from them its
//! [`Conditions`] in any month (price factor, open fraction, quota, extra
//! lead time).

use crate::model::disruption::{Disruption, DisruptionKind, EventTarget, names_match};
use crate::model::month::YearMonth;
use crate::model::scenario::{InTransitOnBan, Settings, Supplier};

/// A disruption as it acts on one supplier: in force over months
/// `first..=last` (1-based scenario months).
pub(super) struct SupplierEvent {
    pub(super) first: i64,
    pub(super) last: i64,
    pub(super) kind: DisruptionKind,
    /// How much of the supplier it hits, 0 to 1 (below 1: a feed origin
    /// with part of its feed), see `Disruption::supplier_weight`.
    pub(super) weight: f64,
    /// Multiplies an export quota: 1 when each supplier hit has the quota
    /// to itself; for a country or feed origin, the supplier's part of it.
    pub(super) quota_scale: f64,
    /// For an event on feed origins: bit `o` set when it hits origin `o` of
    /// the supplier's feed (`SupplierPlan::feed`). 0: it hits the supplier
    /// as a whole (by name or country), or the feed has more than 64
    /// origins (then `weight` alone is used).
    pub(super) origins: u64,
}

/// A supplier hit by an event: (index in the mineral's events, weight).
pub(super) type Hit = (usize, f64);

/// Per event of a mineral, Σ share × weight over the suppliers it hits
/// (fractions): how much of the mineral's orders draw on what it hits. A
/// quota on a country or feed origin is split in proportion to it.
#[cfg(test)]
pub(super) fn event_draws(
    suppliers: &[Supplier],
    event_count: usize,
    supplier_events: &[Vec<Hit>],
) -> Vec<f64> {
    let mut draws = Vec::new();
    fill_event_draws(&mut draws, suppliers, event_count, supplier_events);
    draws
}

/// [`event_draws`] into `draws` (emptied first).
pub(super) fn fill_event_draws(
    draws: &mut Vec<f64>,
    suppliers: &[Supplier],
    event_count: usize,
    supplier_events: &[Vec<Hit>],
) {
    draws.clear();
    draws.resize(event_count, 0.0);
    for (s, hits) in suppliers.iter().zip(supplier_events) {
        for &(e, weight) in hits {
            draws[e] += s.share_pct / 100.0 * weight;
        }
    }
}

/// Whether `d` hits suppliers by the origins of their feed (rather than as
/// a whole, by name or country).
fn on_feed_origins(d: &Disruption) -> bool {
    d.target == EventTarget::FeedOrigin && !d.hits_every_supplier()
}

/// The origins of `supplier`'s feed (`Supplier::feed_origins`) that `d`
/// names, a bit per origin (bit o: origin o); 0 when `d` is not on feed
/// origins or the feed has more than 64 origins. Names only: the same for
/// every sample of a Monte Carlo run, so worked out once per run.
pub(super) fn origin_mask(supplier: &Supplier, d: &Disruption) -> u64 {
    if !on_feed_origins(d) {
        return 0;
    }
    let origins = supplier.feed_origins();
    if origins.len() > 64 {
        return 0;
    }
    origins
        .iter()
        .enumerate()
        .filter(|(_, (origin, _))| names_match(&d.supplier, origin))
        .fold(0_u64, |mask, (o, _)| mask | 1 << o)
}

/// A supplier's terms, fixed for the projection of one mineral.
#[derive(Default)]
pub(super) struct SupplierPlan {
    pub(super) fraction: f64,
    pub(super) lead_months: usize,
    pub(super) events: Vec<SupplierEvent>,
    /// The supplier's capacity per plan year in month 1, if any: a quota
    /// always in force.
    pub(super) capacity: Option<f64>,
    /// Capacities from a scenario month on (`Supplier::capacity_changes`),
    /// in month order: (first month, capacity; `None` limits nothing).
    pub(super) capacity_steps: Vec<(i64, Option<f64>)>,
    /// Followed order by order rather than pooled: under a capacity or an
    /// export quota (what is left of it depends on this year's orders), or
    /// under a ban that loses the orders in transit.
    pub(super) tracked: bool,
    /// Its feed origins' shares (fractions adding up to 1), when some event
    /// hits it by feed origin: blocking events on the same origin compound
    /// on that origin's share only.
    pub(super) feed: Vec<f64>,
}

impl SupplierPlan {
    /// `hits` holds the events in `events` that hit this supplier, with
    /// their weights; `draws` is [`event_draws`] of the mineral.
    #[cfg(test)]
    pub(super) fn new(
        supplier: &Supplier,
        events: &[&Disruption],
        hits: &[Hit],
        draws: &[f64],
        start: YearMonth,
        settings: &Settings,
    ) -> Self {
        let mut plan = SupplierPlan::default();
        plan.fill(supplier, events, hits, &[], draws, start, settings, false);
        plan
    }

    /// [`Self::new`] into `self`, its lists reused. `masks`, when not
    /// empty, holds [`origin_mask`] of each hit (else it is worked out).
    /// With `without_market_shocks`, market-wide price shocks are left out
    /// (the pooled loop applies them to the market price).
    #[allow(clippy::too_many_arguments)]
    pub(super) fn fill(
        &mut self,
        supplier: &Supplier,
        events: &[&Disruption],
        hits: &[Hit],
        masks: &[u64],
        draws: &[f64],
        start: YearMonth,
        settings: &Settings,
        without_market_shocks: bool,
    ) {
        let fraction = supplier.share_pct / 100.0;
        self.events.clear();
        self.feed.clear();
        // Its feed origins (`Supplier::feed_origins`): the feed list, or its
        // own country (or name) at 100 %; counted without building the list.
        let origin_count = supplier.feed.len().max(1);
        let by_origin = |d: &Disruption| on_feed_origins(d) && origin_count <= 64;
        // The feed's shares only when some event hits it by origin (most
        // suppliers: none, and no list is built).
        if hits.iter().any(|&(e, _)| by_origin(events[e])) {
            let share = |pct: f64| if pct.is_finite() { pct.max(0.0) } else { 0.0 };
            if supplier.feed.is_empty() {
                let total = share(100.0);
                self.feed.push(if total > 0.0 {
                    share(100.0) / total
                } else {
                    0.0
                });
            } else {
                let total: f64 = supplier.feed.iter().map(|f| share(f.share_pct)).sum();
                self.feed.extend(supplier.feed.iter().map(|f| {
                    if total > 0.0 {
                        share(f.share_pct) / total
                    } else {
                        0.0
                    }
                }));
            }
        }
        self.events.extend(
            hits.iter()
                .enumerate()
                .filter(|&(_, &(e, _))| {
                    !(without_market_shocks && events[e].is_market_price_shock())
                })
                .map(|(k, &(e, weight))| {
                    let d = events[e];
                    let (first, last) = d.month_range(start);
                    let shared_quota = matches!(d.kind, DisruptionKind::ExportQuotaQty(_))
                        && d.target != EventTarget::Supplier
                        && !d.hits_every_supplier();
                    let quota_scale = if !shared_quota {
                        1.0
                    } else if draws[e] > 0.0 {
                        fraction / draws[e]
                    } else {
                        0.0
                    };
                    // Matched by name once per run (`masks`) when given.
                    let origins_hit = if by_origin(d) {
                        masks
                            .get(k)
                            .copied()
                            .unwrap_or_else(|| origin_mask(supplier, d))
                    } else {
                        0
                    };
                    SupplierEvent {
                        first,
                        last,
                        kind: d.kind.clone(),
                        weight,
                        quota_scale,
                        origins: origins_hit,
                    }
                }),
        );
        let lose_on_ban = settings.in_transit_on_ban == InTransitOnBan::Lost;
        // A capacity that is not a number limits nothing (validation flags it).
        let capacity = supplier.capacity_qty_per_year.filter(|c| !c.is_nan());
        // Changes from a month on; one from month 1 or before is the
        // capacity of month 1.
        self.capacity_steps.clear();
        let mut capacity = capacity;
        let mut changes: Vec<&super::super::scenario::CapacityChange> =
            supplier.capacity_changes.iter().collect();
        changes.sort_by_key(|c| c.from);
        for change in changes {
            let value = Some(change.qty_per_year).filter(|c| !c.is_nan());
            let first = start.months_until(change.from);
            if first <= 1 {
                capacity = value;
            } else {
                self.capacity_steps.push((first, value));
            }
        }
        let tracked = capacity.is_some()
            || !self.capacity_steps.is_empty()
            || self.events.iter().any(|e| match e.kind {
                DisruptionKind::ExportQuotaQty(_) => true,
                DisruptionKind::ExportBan => lose_on_ban && e.weight >= 1.0,
                _ => false,
            });
        self.fraction = fraction;
        self.lead_months = supplier.lead_time_months.min(10_000) as usize;
        self.capacity = capacity;
        self.tracked = tracked;
    }

    /// No event and no capacity: it always takes its share of the money.
    #[cfg(test)]
    #[inline]
    pub(super) fn is_plain(&self) -> bool {
        self.events.is_empty() && self.capacity.is_none() && self.capacity_steps.is_empty()
    }
}

/// A supplier's conditions in one month, from the events in force.
#[derive(Clone, Copy)]
pub(super) struct Conditions {
    /// Multiplies the market price: tariffs and price shocks.
    pub(super) price_factor: f64,
    /// Share of orders allowed out: 0 under a ban.
    pub(super) open_fraction: f64,
    /// Export quota per calendar year, if any (the smallest in force).
    pub(super) quota_qty_per_year: Option<f64>,
    /// The supplier's capacity per plan year, if any.
    pub(super) capacity_qty_per_year: Option<f64>,
    pub(super) extra_lead_months: usize,
}

pub(super) const NORMAL: Conditions = Conditions {
    price_factor: 1.0,
    open_fraction: 1.0,
    quota_qty_per_year: None,
    capacity_qty_per_year: None,
    extra_lead_months: 0,
};

impl SupplierPlan {
    /// Its conditions in `month` without any event: only its capacity.
    pub(super) fn base_conditions(&self, month: i64) -> Conditions {
        let capacity = self
            .capacity_steps
            .iter()
            .rev()
            .find(|&&(first, _)| first <= month)
            .map_or(self.capacity, |&(_, c)| c);
        Conditions {
            capacity_qty_per_year: capacity.map(|c| c.max(0.0)),
            ..NORMAL
        }
    }

    /// Its conditions in `month`. An event hitting a share `w` of it (a
    /// feed origin) acts on that share: a ban or cut closes `w` of its
    /// orders (× the cut), a refusal `w` × the % refused, a tariff or
    /// price shock raises its price by `w` × the %; a licensing delay adds
    /// its months to every order; a quota counts the draw on the origin.
    pub(super) fn conditions(&self, month: i64) -> Conditions {
        let mut c = self.base_conditions(month);
        // Per feed origin, the part of it left open by the blocking events
        // on it: two measures on the same origin compound on that origin's
        // share, not on the supplier's whole orders.
        let mut origin_open = [1.0_f64; 64];
        let mut by_origin = false;
        for e in &self.events {
            if month < e.first || month > e.last {
                continue;
            }
            let w = e.weight;
            let closed = match e.kind {
                DisruptionKind::ExportBan => 1.0,
                DisruptionKind::ExportCutPct(p) => (p / 100.0).clamp(0.0, 1.0),
                DisruptionKind::LicensingDelay { refused_pct, .. } => {
                    (refused_pct / 100.0).clamp(0.0, 1.0)
                }
                _ => 0.0,
            };
            if e.origins != 0 && closed > 0.0 {
                by_origin = true;
                for (o, open) in origin_open.iter_mut().enumerate().take(self.feed.len()) {
                    if e.origins & (1 << o) != 0 {
                        *open *= 1.0 - closed;
                    }
                }
                if let DisruptionKind::LicensingDelay {
                    extra_lead_time_months,
                    ..
                } = e.kind
                {
                    c.extra_lead_months += extra_lead_time_months.min(1_000) as usize;
                }
                continue;
            }
            match e.kind {
                DisruptionKind::ExportBan => c.open_fraction *= 1.0 - w,
                DisruptionKind::ExportQuotaQty(q) => {
                    let q = q.max(0.0) * e.quota_scale;
                    c.quota_qty_per_year = Some(c.quota_qty_per_year.map_or(q, |old| old.min(q)));
                }
                DisruptionKind::ExportCutPct(p) => {
                    c.open_fraction *= 1.0 - w * (p / 100.0).clamp(0.0, 1.0)
                }
                DisruptionKind::LicensingDelay {
                    extra_lead_time_months,
                    refused_pct,
                } => {
                    c.extra_lead_months += extra_lead_time_months.min(1_000) as usize;
                    c.open_fraction *= 1.0 - w * (refused_pct / 100.0).clamp(0.0, 1.0);
                }
                DisruptionKind::TariffPct(p) | DisruptionKind::PriceShockPct(p) => {
                    c.price_factor *= (1.0 + w * p / 100.0).max(0.0);
                }
            }
        }
        if by_origin {
            let open: f64 = self
                .feed
                .iter()
                .zip(origin_open)
                .map(|(share, open)| share * open)
                .sum();
            c.open_fraction *= open;
        }
        c
    }

    /// Whether a ban on the whole of this supplier (weight 1) is in force
    /// in some month of `from..=to`. A ban on part of its feed loses no
    /// order in transit.
    #[inline]
    pub(super) fn banned_during(&self, from: i64, to: i64) -> bool {
        self.events.iter().any(|e| {
            matches!(e.kind, DisruptionKind::ExportBan)
                && e.weight >= 1.0
                && e.first <= to
                && e.last >= from
        })
    }
}

/// Dollars that may go to a supplier this month under its capacity and
/// its export quota. Both are annual amounts spread evenly over the months
/// of their year inside the timeframe (`pace`): a month's room does not
/// depend on what earlier months ordered, so more money earlier never
/// takes room from later (docs/MODEL.md, "Annual limits are paced").
#[inline]
pub(super) fn quota_room_usd(c: Conditions, pace: Pace, price: f64) -> f64 {
    let room_qty = match (c.capacity_qty_per_year, c.quota_qty_per_year) {
        (None, None) => return f64::INFINITY,
        (Some(k), None) => k * pace.plan_year,
        (None, Some(q)) => q * pace.calendar_year,
        (Some(k), Some(q)) => (k * pace.plan_year).min(q * pace.calendar_year),
    };
    room_qty.max(0.0) * price
}

/// The part of an annual limit that falls to the current month: 1 ÷ the
/// months of its year inside the timeframe, for the plan year (ceilings,
/// capacities) and the calendar year (export quotas). A short year (the
/// first under fiscal years, or the last) still has its full annual
/// amount, over fewer months.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(super) struct Pace {
    pub(super) plan_year: f64,
    pub(super) calendar_year: f64,
}

impl Pace {
    /// The pace of a month in a plan year of `plan_year_months` and a
    /// calendar year of `calendar_year_months` months inside the timeframe.
    pub(super) fn of(plan_year_months: u32, calendar_year_months: u32) -> Pace {
        Pace {
            plan_year: 1.0 / f64::from(plan_year_months.max(1)),
            calendar_year: 1.0 / f64::from(calendar_year_months.max(1)),
        }
    }
}

/// The price response of a mineral's events: per event that can block
/// orders, carries a re-sourcing premium and hits some supplier with a
/// share, (first month, last month, price factor). See
/// [`premium_factor`].
pub(super) fn resourcing_premiums(
    suppliers: &[Supplier],
    events: &[&Disruption],
    supplier_events: &[Vec<Hit>],
    start: YearMonth,
) -> Vec<(i64, i64, f64)> {
    (0..events.len())
        .filter_map(|e| {
            let d = events[e];
            let factor = d.resourcing_price_factor();
            let hits_a_buyer = suppliers
                .iter()
                .zip(supplier_events)
                .any(|(s, hits)| s.share_pct > 0.0 && hits.iter().any(|&(h, w)| h == e && w > 0.0));
            (factor > 1.0 && hits_a_buyer).then(|| {
                let (first, last) = d.month_range(start);
                (first, last, factor)
            })
        })
        .collect()
}

/// The factor on the price of re-sourced orders in `month`: the largest
/// of the premiums in force (1 when none).
#[inline]
pub(super) fn premium_factor(premiums: &[(i64, i64, f64)], month: i64) -> f64 {
    premiums
        .iter()
        .filter(|&&(first, last, _)| first <= month && month <= last)
        .fold(1.0, |f, &(_, _, g)| f.max(g))
}

/// A market-wide price shock as it acts on a mineral: (first month, last
/// month, %).
pub(super) type Shock = (i64, i64, f64);

/// The mineral's market-wide price shocks among `events` into `shocks`:
/// market-wide price shocks, and the world price response of any event
/// ([`Disruption::world_price_pct`]) over the event's months.
pub(super) fn market_shocks<'a>(
    shocks: &mut Vec<Shock>,
    events: impl IntoIterator<Item = &'a Disruption>,
    start: YearMonth,
) {
    shocks.clear();
    for d in events {
        let (first, last) = d.month_range(start);
        if let DisruptionKind::PriceShockPct(pct) = d.kind
            && d.is_market_price_shock()
        {
            shocks.push((first, last, pct));
        }
        if d.world_price_pct != 0.0 {
            shocks.push((first, last, d.world_price_pct));
        }
    }
}

/// The factor on the market price in `month`: the product of
/// `1 + % / 100` (not below 0) over the shocks in force, 1 when none.
#[inline]
pub(super) fn market_factor(shocks: &[Shock], month: i64) -> f64 {
    shocks
        .iter()
        .filter(|&&(first, last, _)| first <= month && month <= last)
        .map(|&(_, _, pct)| (1.0 + pct / 100.0).max(0.0))
        .product()
}
