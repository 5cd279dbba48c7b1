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
//!
//! The files:
//! - `results.rs`: what a projection gives ([`Projection`], [`MineralProjection`],
//!   [`MonthRow`], [`Feasibility`]).
//! - `money.rs`: the budget planned per month, the market price, unspent money.
//! - `month_book.rs`: the rows of one mineral, written month by month and
//!   finished (inventory, coverage) once every delivery is known.
//! - `calm.rs`: the short path for a mineral that no event touches.
//! - `passes.rs`: the path for a mineral that some event touches, in three
//!   passes; it uses `supplier_plan.rs` (what the events do to each supplier,
//!   month by month), `pool.rs` (the suppliers whose orders are pooled),
//!   `tracked.rs` (those followed order by order) and `purchasable.rs`
//!   (the most that can be bought).
//! - `reference.rs` (tests only): the plain supplier-by-supplier loop, the
//!   oracle for `passes.rs`; `tests.rs` compares them.

mod calm;
mod money;
mod month_book;
mod passes;
mod pool;
mod purchasable;
mod results;
mod supplier_plan;
mod tracked;

#[cfg(test)]
mod reference;
#[cfg(test)]
mod tests;

pub use money::{planned_spend_usd, price_usd_per_unit};
pub use results::{Feasibility, MineralProjection, MonthRow, Projection};

use super::disruption::{Disruption, EventTarget, EventTargets, normalize_name};
use super::scenario::{Mineral, Scenario, Supplier};
use calm::project_calm_mineral;
use passes::project_mineral;
use rayon::prelude::*;
use std::collections::HashMap;
use supplier_plan::Hit;

/// Project a scenario month by month. Pure and total: it never panics, also
/// on scenarios that fail validation (those give meaningless but finite-or-NaN
/// numbers; check [`crate::model::validate`] first).
pub fn project(scenario: &Scenario) -> Projection {
    let horizon = scenario
        .horizon_months
        .min(super::scenario::MAX_HORIZON_MONTHS);
    let targets: Vec<EventTargets> = scenario
        .disruptions
        .iter()
        .filter(|d| d.enabled)
        .map(EventTargets::new)
        .collect();
    let hits = SupplierHits::new(scenario, &targets);
    let project_one = |m: &Mineral| {
        let calm = || {
            project_calm_mineral(
                m,
                horizon,
                scenario.settings.carry_over_unspent,
                scenario.settings.plan_year,
                scenario.start,
            )
        };
        let limited = m
            .suppliers
            .iter()
            .any(|s| s.capacity_qty_per_year.is_some());
        if targets.is_empty() && !limited {
            return calm();
        }
        let name = normalize_name(&m.name);
        let hit: Vec<bool> = targets.iter().map(|t| t.hits_mineral(&name)).collect();
        if !hit.contains(&true) && !limited {
            return calm();
        }
        // Per event, its index among those that hit this mineral.
        let mut local = vec![usize::MAX; targets.len()];
        let mut events: Vec<&Disruption> = Vec::with_capacity(targets.len());
        for (e, t) in targets.iter().enumerate() {
            if hit[e] {
                local[e] = events.len();
                events.push(t.event);
            }
        }
        let supplier_events: Vec<Vec<Hit>> = m
            .suppliers
            .iter()
            .map(|s| {
                hits.of(s, &targets)
                    .into_iter()
                    .filter(|&(e, _)| hit[e])
                    .map(|(e, weight)| (local[e], weight))
                    .collect()
            })
            .collect();
        project_mineral(
            m,
            horizon,
            &scenario.settings,
            scenario.start,
            &events,
            &supplier_events,
        )
    };
    // Minerals are independent: project them on all cores.
    Projection {
        start: scenario.start,
        horizon_months: horizon,
        minerals: scenario.minerals.par_iter().map(project_one).collect(),
    }
}

/// Which enabled events hit each supplier, and how much. Minerals share
/// suppliers, so events on a supplier's name or country are matched once
/// per distinct name or country; events on a feed origin, per supplier.
struct SupplierHits<'s> {
    /// Per supplier name: the events on a name (or on every supplier) that
    /// hit it, all with weight 1.
    by_name: HashMap<&'s str, Vec<usize>>,
    /// Per country: the events on a country of supply that hit it.
    by_country: HashMap<&'s str, Vec<usize>>,
    /// Events on a feed origin (with a target text).
    on_feed: Vec<usize>,
}

impl<'s> SupplierHits<'s> {
    fn new(scenario: &'s Scenario, targets: &[EventTargets]) -> Self {
        let mut on_name = Vec::new();
        let mut on_country = Vec::new();
        let mut on_feed = Vec::new();
        for (e, t) in targets.iter().enumerate() {
            match t.event.target {
                _ if t.event.hits_every_supplier() => on_name.push(e),
                EventTarget::Supplier => on_name.push(e),
                EventTarget::Country => on_country.push(e),
                EventTarget::FeedOrigin => on_feed.push(e),
            }
        }
        let mut by_name: HashMap<&str, Vec<usize>> = HashMap::new();
        let mut by_country: HashMap<&str, Vec<usize>> = HashMap::new();
        if !targets.is_empty() {
            for s in scenario.minerals.iter().flat_map(|m| &m.suppliers) {
                by_name.entry(s.name.as_str()).or_insert_with(|| {
                    let name = normalize_name(&s.name);
                    on_name
                        .iter()
                        .copied()
                        .filter(|&e| targets[e].matches(&name))
                        .collect()
                });
                if !on_country.is_empty() {
                    by_country.entry(s.country.as_str()).or_insert_with(|| {
                        let country = normalize_name(&s.country);
                        on_country
                            .iter()
                            .copied()
                            .filter(|&e| targets[e].matches(&country))
                            .collect()
                    });
                }
            }
        }
        SupplierHits {
            by_name,
            by_country,
            on_feed,
        }
    }

    /// The events (indices in `targets`, ascending) that hit `supplier`,
    /// with their weights.
    fn of(&self, supplier: &Supplier, targets: &[EventTargets]) -> Vec<Hit> {
        let mut out: Vec<Hit> = self
            .by_name
            .get(supplier.name.as_str())
            .map(|es| es.iter().map(|&e| (e, 1.0)).collect())
            .unwrap_or_default();
        if let Some(es) = self.by_country.get(supplier.country.as_str()) {
            out.extend(es.iter().map(|&e| (e, 1.0)));
        }
        out.extend(self.on_feed.iter().filter_map(|&e| {
            let weight = targets[e].supplier_weight(supplier);
            (weight > 0.0).then_some((e, weight))
        }));
        if out.windows(2).any(|w| w[0].0 > w[1].0) {
            out.sort_by_key(|&(e, _)| e);
        }
        out
    }
}

/// The same scenario with every disruption switched off: the baseline for
/// "coverage lost to events".
pub fn project_without_events(scenario: &Scenario) -> Projection {
    let mut calm = scenario.clone();
    calm.disruptions.iter_mut().for_each(|d| d.enabled = false);
    project(&calm)
}
