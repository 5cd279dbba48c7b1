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
//! Entry points: [`project`] (a new result, minerals on all cores),
//! [`project_into`] (the same numbers into an existing result, its rows
//! refilled) and [`Projector`] (many scenarios of one shape on one thread,
//! names matched once: a Monte Carlo run; `coverage_into` gives only the
//! coverage).
//!
//! The files:
//! - `results.rs`: what a projection gives ([`Projection`], [`MineralProjection`],
//!   [`MonthRow`], [`Feasibility`]).
//! - `money.rs`: the budget planned per month, the market price, unspent money.
//! - `year_starts.rs`: which months start a plan year or a calendar year.
//! - `month_book.rs`: where a mineral's months go (`MonthBook`: the rows,
//!   finished with inventory and coverage once every delivery is known;
//!   `CoverageBook`: the coverage only).
//! - `calm.rs`: the short path for a mineral that no event touches but
//!   market-wide price shocks.
//! - `basis.rs`: a calm mineral's purchases at its base price, from which
//!   a Monte Carlo sample's coverage of it is scaled
//!   ([`Projector::for_samples`]).
//! - `passes.rs`: the path for a mineral that some event touches, in three
//!   passes; it uses `supplier_plan.rs` (what the events do to each supplier,
//!   month by month), `pool.rs` (the suppliers whose orders are pooled),
//!   `tracked.rs` (those followed order by order) and `purchasable.rs`
//!   (the most that can be bought).
//! - `scratch.rs`: the working buffers, kept from mineral to mineral.
//! - `reference.rs` (tests only): the plain supplier-by-supplier loop, the
//!   oracle for `passes.rs`; `tests.rs` compares them.

mod basis;
mod calm;
mod ceiling;
mod money;
mod month_book;
mod passes;
mod pool;
mod purchasable;
mod results;
mod scratch;
mod supplier_plan;
mod tracked;
mod year_starts;

#[cfg(test)]
mod reference;
#[cfg(test)]
mod tests;

pub use money::{planned_spend_usd, price_usd_per_unit};
pub use results::{Feasibility, MineralProjection, MonthRow, Projection};

use super::disruption::{Disruption, EventTarget, EventTargets, normalize_name};
use super::scenario::{Mineral, Scenario, Supplier};
use basis::CalmBasis;
use calm::project_calm_mineral;
use month_book::{Book, CoverageBook, MonthBook};
use passes::project_mineral;
use rayon::prelude::*;
use scratch::Scratch;
use std::cell::RefCell;
use std::collections::HashMap;
use supplier_plan::{Hit, Shock, market_shocks, origin_mask};

/// Project a scenario month by month. Pure and total: it never panics, also
/// on scenarios that fail validation (those give meaningless but finite-or-NaN
/// numbers; check [`crate::model::validate`] first). Minerals are projected
/// on all cores.
pub fn project(scenario: &Scenario) -> Projection {
    let mut out = Projection {
        start: scenario.start,
        horizon_months: 0,
        minerals: Vec::new(),
    };
    project_into(scenario, &mut out);
    out
}

/// [`project`] into `out`, whatever it held: the same numbers, with the
/// rows (and names) of `out` refilled rather than allocated again. For a
/// loop that projects again and again (a drag, a search): with the system
/// allocator, dropping each result and allocating the next costs page
/// faults once the results are large.
pub fn project_into(scenario: &Scenario, out: &mut Projection) {
    let matches = Matches::new(scenario, Events::Enabled);
    let horizon = prepare(scenario, out);
    out.minerals
        .par_iter_mut()
        .zip(&scenario.minerals)
        .zip(&matches.minerals)
        .for_each(|((out, mineral), hits)| {
            let book = MonthBook::new(mineral, horizon, out);
            with_work(|work| project_one(scenario, horizon, mineral, hits, work, book));
        });
}

/// Projects many scenarios of one shape on the calling thread, as fast as
/// it can: the samples of a Monte Carlo run, each projected on one core
/// while other cores project other samples.
///
/// Made for one scenario, it keeps which events hit which minerals and
/// suppliers (matched by name, the costly part of setting up a projection)
/// and its working buffers. [`Projector::project_into`] then takes any
/// scenario that differs from that one only in numbers, dates and which
/// events are enabled: the same minerals, suppliers, feed origins and
/// events, with the same names, targets and feed shares (a scenario with
/// other counts is matched again; other names or feed shares are a misuse,
/// checked in debug builds). The numbers are those of [`project`].
pub struct Projector {
    matches: Matches,
    work: Work,
    /// Per mineral, its purchases at the base inputs, for
    /// [`Projector::coverage_into`]: none unless made with
    /// [`Projector::for_samples`].
    bases: Vec<Option<CalmBasis>>,
}

impl Projector {
    pub fn new(scenario: &Scenario) -> Self {
        Projector {
            matches: Matches::new(scenario, Events::All),
            work: Work::default(),
            bases: Vec::new(),
        }
    }

    /// A projector for the samples of a Monte Carlo run of `scenario`: it
    /// also keeps what each mineral buys at its base price, so that
    /// [`Projector::coverage_into`] gives a sample's coverage of a mineral
    /// on the calm path with no price shock from that (one pass per
    /// supplier) when the sample differs from `scenario` only in the
    /// mineral's price, shares and lead times (see `basis.rs`). Those
    /// coverages equal [`project`]'s to rounding (a relative 1e-12), not
    /// bit for bit, except where the sample equals `scenario`.
    pub fn for_samples(scenario: &Scenario) -> Self {
        let horizon = scenario
            .horizon_months
            .min(super::scenario::MAX_HORIZON_MONTHS);
        let bases = scenario
            .minerals
            .iter()
            .map(|m| CalmBasis::new(m, horizon, &scenario.settings, scenario.start))
            .collect();
        Projector {
            bases,
            ..Projector::new(scenario)
        }
    }

    /// Matches `scenario`'s events with its minerals and suppliers again
    /// (after feed shares changed), keeping the rest.
    pub fn match_again(&mut self, scenario: &Scenario) {
        self.matches = Matches::new(scenario, Events::All);
    }

    /// [`project`] of `scenario` into `out`, on this thread only.
    pub fn project_into(&mut self, scenario: &Scenario, out: &mut Projection) {
        self.fit(scenario);
        let horizon = prepare(scenario, out);
        for ((out, mineral), hits) in out
            .minerals
            .iter_mut()
            .zip(&scenario.minerals)
            .zip(&self.matches.minerals)
        {
            let book = MonthBook::new(mineral, horizon, out);
            project_one(scenario, horizon, mineral, hits, &mut self.work, book);
        }
    }

    /// Only the coverage of [`Projector::project_into`]: into `coverage`,
    /// mineral after mineral, the horizon's months of each (month 1
    /// first): `coverage[m × H + k]` is exactly
    /// `project(scenario).minerals[m].months[k].coverage_pct` (to rounding
    /// for some minerals with [`Projector::for_samples`]). What a Monte
    /// Carlo sample needs, for less work (no rows, no totals).
    pub fn coverage_into(&mut self, scenario: &Scenario, coverage: &mut Vec<f64>) {
        self.fit(scenario);
        let horizon = scenario
            .horizon_months
            .min(super::scenario::MAX_HORIZON_MONTHS);
        let h = horizon as usize;
        // Not cleared first: every mineral's book writes all its months.
        coverage.resize(scenario.minerals.len() * h, 0.0);
        for (((months, mineral), hits), basis) in coverage
            .chunks_mut(h.max(1))
            .zip(&scenario.minerals)
            .zip(&self.matches.minerals)
            .zip(self.bases.iter().chain(std::iter::repeat(&None)))
        {
            if let Some(basis) = basis
                && calm(scenario, mineral, hits)
            {
                let work = &mut self.work;
                let all = &scenario.disruptions;
                let enabled = hits.events.iter().filter(|&&e| all[e].enabled);
                market_shocks(&mut work.shocks, enabled.map(|&e| &all[e]), scenario.start);
                if basis.coverage_into(
                    mineral,
                    horizon,
                    &scenario.settings,
                    scenario.start,
                    &work.shocks,
                    &mut work.scratch.bought,
                    months,
                ) {
                    continue;
                }
            }
            let book = CoverageBook::new(mineral, months);
            project_one(scenario, horizon, mineral, hits, &mut self.work, book);
        }
    }

    /// Matched again when `scenario` has other counts than the one matched.
    fn fit(&mut self, scenario: &Scenario) {
        if !self.matches.fits(scenario) {
            self.matches = Matches::new(scenario, Events::All);
            // The bases were made mineral by mineral for the other shape.
            self.bases.clear();
        }
        debug_assert!(
            self.matches == Matches::new(scenario, Events::All),
            "a Projector used on a scenario with other names or feed shares"
        );
    }
}

/// Sets `out`'s start and horizon and gives it one (stale) entry per
/// mineral; returns the horizon.
fn prepare(scenario: &Scenario, out: &mut Projection) -> u32 {
    let horizon = scenario
        .horizon_months
        .min(super::scenario::MAX_HORIZON_MONTHS);
    out.start = scenario.start;
    out.horizon_months = horizon;
    let n = scenario.minerals.len();
    out.minerals.truncate(n);
    out.minerals.resize_with(n, MineralProjection::blank);
    horizon
}

thread_local! {
    /// Each thread's buffers for [`project_into`], kept between
    /// projections: once grown, a projection allocates nothing but its
    /// result.
    static WORK: RefCell<Work> = RefCell::new(Work::default());
}

/// `f` with this thread's [`WORK`] (fresh buffers should it be in use).
fn with_work<R>(f: impl FnOnce(&mut Work) -> R) -> R {
    WORK.with(|work| match work.try_borrow_mut() {
        Ok(mut work) => f(&mut work),
        Err(_) => f(&mut Work::default()),
    })
}

/// A worker's buffers: the numbers' ([`Scratch`]) and the events of the
/// mineral at hand.
#[derive(Default)]
struct Work {
    scratch: Scratch,
    /// The enabled events that hit the mineral: indices in the scenario's
    /// list.
    event_ids: Vec<usize>,
    /// Per event of the scenario, its index in `event_ids` (or none).
    local: Vec<usize>,
    /// Per supplier, the events in `event_ids` that hit it (local indices),
    /// and the origins of its feed each names.
    supplier_events: Vec<Vec<Hit>>,
    supplier_masks: Vec<Vec<u64>>,
    /// The market-wide price shocks of a mineral on the short path.
    shocks: Vec<Shock>,
}

/// Whether mineral `m` of `scenario` takes the calm path: every enabled
/// event that hits it is a market-wide price shock, and no supplier has a
/// capacity (what [`project_one`] asks).
fn calm(scenario: &Scenario, m: &Mineral, hits: &MineralHits) -> bool {
    let all = &scenario.disruptions;
    hits.events
        .iter()
        .all(|&e| !all[e].enabled || all[e].is_market_price_shock())
        && m.suppliers.iter().all(|s| !s.has_capacity_limit())
}

/// One mineral of `scenario` into `book`: the calm path when no enabled
/// event hits it but market-wide price shocks and no supplier has a
/// capacity, else the event path.
fn project_one<B: Book>(
    scenario: &Scenario,
    horizon: u32,
    m: &Mineral,
    hits: &MineralHits,
    work: &mut Work,
    book: B,
) {
    let Work {
        scratch,
        event_ids,
        local,
        supplier_events,
        supplier_masks,
        shocks,
    } = work;
    let all = &scenario.disruptions;
    event_ids.clear();
    event_ids.extend(hits.events.iter().copied().filter(|&e| all[e].enabled));
    let limited = m.suppliers.iter().any(|s| s.has_capacity_limit());
    // No event, or only price shocks on the whole market (a factor on
    // every supplier's price): the short path.
    if !limited && event_ids.iter().all(|&e| all[e].is_market_price_shock()) {
        market_shocks(shocks, event_ids.iter().map(|&e| &all[e]), scenario.start);
        return project_calm_mineral(
            m,
            horizon,
            &scenario.settings,
            scenario.start,
            shocks,
            scratch,
            book,
        );
    }
    // Per event, its index among those that hit this mineral.
    local.clear();
    local.resize(all.len(), usize::MAX);
    for (k, &e) in event_ids.iter().enumerate() {
        local[e] = k;
    }
    let events: Vec<&Disruption> = event_ids.iter().map(|&e| &all[e]).collect();
    let n = m.suppliers.len();
    supplier_events.truncate(n);
    supplier_events.resize_with(n, Vec::new);
    supplier_masks.truncate(n);
    supplier_masks.resize_with(n, Vec::new);
    for (i, (mine, my_masks)) in supplier_events
        .iter_mut()
        .zip(supplier_masks.iter_mut())
        .enumerate()
    {
        mine.clear();
        my_masks.clear();
        for &(e, weight, mask) in hits.of(i) {
            if local[e] != usize::MAX {
                mine.push((local[e], weight));
                my_masks.push(mask);
            }
        }
    }
    project_mineral(
        m,
        horizon,
        &scenario.settings,
        scenario.start,
        &events,
        &supplier_events[..n],
        &supplier_masks[..n],
        scratch,
        book,
    );
}

/// Which events a matching counts: the enabled ones, or all of them (for
/// a [`Projector`], whose scenarios switch events on and off).
#[derive(Clone, Copy, PartialEq)]
enum Events {
    Enabled,
    All,
}

/// Which events hit which minerals and suppliers, by name, and how much.
#[derive(PartialEq, Debug)]
struct Matches {
    minerals: Vec<MineralHits>,
    /// The number of events in the scenario matched.
    events: usize,
}

/// The events that hit one mineral.
#[derive(PartialEq, Debug)]
struct MineralHits {
    /// Indices in the scenario's events, ascending: those that hit the
    /// mineral and some of its suppliers.
    events: Vec<usize>,
    /// Every supplier's hits, supplier after supplier: (index in the
    /// scenario's events, weight, the origins of its feed the event names
    /// (`supplier_plan::origin_mask`)), ascending by event; only events in
    /// `events`.
    hits: Vec<(usize, f64, u64)>,
    /// Where each supplier's hits end in `hits`.
    ends: Vec<usize>,
}

impl MineralHits {
    /// The hits of supplier `i`.
    fn of(&self, i: usize) -> &[(usize, f64, u64)] {
        let start = if i == 0 { 0 } else { self.ends[i - 1] };
        &self.hits[start..self.ends[i]]
    }
}

impl Matches {
    fn new(scenario: &Scenario, which: Events) -> Self {
        // Matching reads `enabled`; for all events, match copies switched on.
        let switched_on: Vec<Disruption>;
        let list = if which == Events::All && scenario.disruptions.iter().any(|d| !d.enabled) {
            switched_on = scenario
                .disruptions
                .iter()
                .map(|d| Disruption {
                    enabled: true,
                    ..d.clone()
                })
                .collect();
            &switched_on
        } else {
            &scenario.disruptions
        };
        let (targets, global): (Vec<EventTargets>, Vec<usize>) = list
            .iter()
            .enumerate()
            .filter(|(_, d)| d.enabled)
            .map(|(e, d)| (EventTargets::new(d), e))
            .unzip();
        let supplier_hits = SupplierHits::new(scenario, &targets);
        // Buffers reused from supplier to supplier and mineral to mineral.
        let (mut supplier_buf, mut hit) = (Vec::new(), Vec::new());
        let minerals = scenario
            .minerals
            .iter()
            .map(|m| {
                let mut hits = MineralHits {
                    events: Vec::new(),
                    hits: Vec::new(),
                    ends: Vec::with_capacity(m.suppliers.len()),
                };
                if targets.is_empty() {
                    hits.ends.resize(m.suppliers.len(), 0);
                    return hits;
                }
                let name = normalize_name(&m.name);
                hit.clear();
                hit.extend(targets.iter().map(|t| t.hits_mineral(&name)));
                for s in &m.suppliers {
                    supplier_buf.clear();
                    supplier_hits.of(s, &targets, &mut supplier_buf);
                    hits.hits
                        .extend(supplier_buf.iter().filter(|&&(e, _)| hit[e]).map(
                            |&(e, weight)| {
                                let e = global[e];
                                (e, weight, origin_mask(s, &list[e]))
                            },
                        ));
                    hits.ends.push(hits.hits.len());
                }
                // An event on the mineral that hits none of its suppliers (a
                // measure on a country none of them draws on) changes
                // nothing, unless it moves the world price: it is left
                // out, as if it did not name the mineral.
                hits.events.extend(hits.hits.iter().map(|&(e, _, _)| e));
                hits.events.extend(
                    (0..targets.len())
                        .filter(|&t| hit[t] && list[global[t]].world_price_pct != 0.0)
                        .map(|t| global[t]),
                );
                hits.events.sort_unstable();
                hits.events.dedup();
                hits
            })
            .collect();
        Matches {
            minerals,
            events: scenario.disruptions.len(),
        }
    }

    /// Whether `scenario` has the counts of the one matched: as many events,
    /// minerals, and suppliers in each.
    fn fits(&self, scenario: &Scenario) -> bool {
        self.events == scenario.disruptions.len()
            && self.minerals.len() == scenario.minerals.len()
            && self
                .minerals
                .iter()
                .zip(&scenario.minerals)
                .all(|(hits, m)| hits.ends.len() == m.suppliers.len())
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
    /// For suppliers without a feed list (their own country, or name, is
    /// their one origin), per that origin: the events on a feed origin
    /// that hit it, with their weights. Matched once per origin rather than
    /// once per supplier of every mineral.
    by_own_origin: HashMap<&'s str, Vec<Hit>>,
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
                    by_country.entry(s.country_or_name()).or_insert_with(|| {
                        let country = normalize_name(s.country_or_name());
                        on_country
                            .iter()
                            .copied()
                            .filter(|&e| targets[e].matches(&country))
                            .collect()
                    });
                }
            }
        }
        let mut by_own_origin: HashMap<&str, Vec<Hit>> = HashMap::new();
        if !on_feed.is_empty() {
            for s in scenario.minerals.iter().flat_map(|m| &m.suppliers) {
                if !s.feed.is_empty() {
                    continue;
                }
                // `feed_origins`: its country, or its name, at 100 %.
                by_own_origin.entry(s.country_or_name()).or_insert_with(|| {
                    feed_hits(&on_feed, targets, &normalized_origins(&s.feed_origins()))
                });
            }
        }
        SupplierHits {
            by_name,
            by_country,
            on_feed,
            by_own_origin,
        }
    }

    /// The events (indices in `targets`, ascending) that hit `supplier`,
    /// with their weights, into `out` (emptied first).
    fn of(&self, supplier: &Supplier, targets: &[EventTargets], out: &mut Vec<Hit>) {
        out.clear();
        if let Some(es) = self.by_name.get(supplier.name.as_str()) {
            out.extend(es.iter().map(|&e| (e, 1.0)));
        }
        if let Some(es) = self.by_country.get(supplier.country_or_name()) {
            out.extend(es.iter().map(|&e| (e, 1.0)));
        }
        if !self.on_feed.is_empty() {
            let before = out.len();
            match self.by_own_origin.get(supplier.country_or_name()) {
                Some(hits) if supplier.feed.is_empty() => out.extend_from_slice(hits),
                _ => out.extend(feed_hits(
                    &self.on_feed,
                    targets,
                    &normalized_origins(&supplier.feed_origins()),
                )),
            }
            debug_assert!(out[before..].iter().all(|&(e, weight)| {
                weight.to_bits() == targets[e].supplier_weight(supplier).to_bits()
            }));
        }
        if out.windows(2).any(|w| w[0].0 > w[1].0) {
            out.sort_by_key(|&(e, _)| e);
        }
    }
}

/// Feed origins with their names normalized (each once, not once per
/// event).
fn normalized_origins(origins: &[(&str, f64)]) -> Vec<(String, f64)> {
    origins
        .iter()
        .map(|&(origin, pct)| (normalize_name(origin), pct))
        .collect()
}

/// The events among `on_feed` (events on a feed origin) that hit a supplier
/// with these feed `origins`, with their weights above 0.
fn feed_hits(on_feed: &[usize], targets: &[EventTargets], origins: &[(String, f64)]) -> Vec<Hit> {
    on_feed
        .iter()
        .filter_map(|&e| {
            let weight = feed_weight(origins, |origin| targets[e].matches(origin));
            (weight > 0.0).then_some((e, weight))
        })
        .collect()
}

/// What `EventTargets::supplier_weight` gives for an event on a feed
/// origin, from the supplier's origins with their names normalized: the
/// share of its feed from the origins `hit` picks (negative or non-finite
/// shares count as 0). The same sums in the same order, so the same number
/// (a unit test checks).
fn feed_weight(origins: &[(String, f64)], hit: impl Fn(&str) -> bool) -> f64 {
    let share = |pct: f64| if pct.is_finite() { pct.max(0.0) } else { 0.0 };
    let total: f64 = origins.iter().map(|&(_, pct)| share(pct)).sum();
    if total <= 0.0 {
        return 0.0;
    }
    let from_hit: f64 = origins
        .iter()
        .filter(|(origin, _)| hit(origin))
        .map(|&(_, pct)| share(pct))
        .sum();
    (from_hit / total).clamp(0.0, 1.0)
}

/// The same scenario with every disruption switched off: the baseline for
/// "coverage lost to events".
pub fn project_without_events(scenario: &Scenario) -> Projection {
    let mut calm = scenario.clone();
    calm.disruptions.iter_mut().for_each(|d| d.enabled = false);
    project(&calm)
}
