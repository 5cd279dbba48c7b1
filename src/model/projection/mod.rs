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

use super::disruption::{Disruption, EventTargets, normalize_name};
use super::scenario::{Mineral, Scenario};
use calm::project_calm_mineral;
use passes::project_mineral;
use rayon::prelude::*;
use std::collections::HashMap;

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
    // Which events hit each supplier name, matched once per distinct name:
    // minerals share suppliers.
    let mut supplier_hits: HashMap<&str, Vec<usize>> = HashMap::new();
    if !targets.is_empty() {
        for s in scenario.minerals.iter().flat_map(|m| &m.suppliers) {
            supplier_hits.entry(s.name.as_str()).or_insert_with(|| {
                let name = normalize_name(&s.name);
                (0..targets.len())
                    .filter(|&e| targets[e].hits_supplier(&name))
                    .collect()
            });
        }
    }
    let project_one = |m: &Mineral| {
        let calm = || project_calm_mineral(m, horizon, scenario.settings.carry_over_unspent);
        if targets.is_empty() {
            return calm();
        }
        let name = normalize_name(&m.name);
        let hit: Vec<bool> = targets.iter().map(|t| t.hits_mineral(&name)).collect();
        if !hit.contains(&true) {
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
        let supplier_events: Vec<Vec<usize>> = m
            .suppliers
            .iter()
            .map(|s| {
                supplier_hits[s.name.as_str()]
                    .iter()
                    .filter(|&&e| hit[e])
                    .map(|&e| local[e])
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

/// The same scenario with every disruption switched off: the baseline for
/// "coverage lost to events".
pub fn project_without_events(scenario: &Scenario) -> Projection {
    let mut calm = scenario.clone();
    calm.disruptions.iter_mut().for_each(|d| d.enabled = false);
    project(&calm)
}
