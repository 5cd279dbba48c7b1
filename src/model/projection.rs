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

use super::disruption::{Disruption, DisruptionKind, EventTargets, normalize_name};
use super::month::YearMonth;
use super::scenario::{
    InTransitOnBan, Mineral, Scenario, Settings, SpendingProfile, Supplier, Unit,
};
use rayon::prelude::*;
use std::collections::HashMap;

/// Coverage at or above this is "reached" (absorbs floating-point dust).
const FULL_COVERAGE_PCT: f64 = 100.0 - 1e-9;

/// The whole scenario, projected.
#[derive(Clone, Debug, PartialEq)]
pub struct Projection {
    pub start: YearMonth,
    pub horizon_months: u32,
    /// One entry per mineral, in the scenario's order.
    pub minerals: Vec<MineralProjection>,
}

/// One mineral over the horizon.
#[derive(Clone, Debug, PartialEq)]
pub struct MineralProjection {
    pub name: String,
    pub unit: Unit,
    /// One row per month, month 1 first.
    pub months: Vec<MonthRow>,
    /// First month (1-based) whose coverage reaches 100 %, if any.
    pub first_full_coverage_month: Option<u32>,
    /// Ordered but not yet delivered at the end of the horizon.
    pub in_transit_at_end_qty: f64,
    /// Everything spent over the horizon, USD.
    pub total_cost_usd: f64,
    /// Everything ordered over the horizon (delivered, in transit or lost).
    pub total_ordered_qty: f64,
    /// Ordered before a ban and stopped by it (setting `in_transit_on_ban:
    /// Lost`).
    pub lost_in_transit_qty: f64,
    /// Can the budget be spent at all?
    pub feasibility: Feasibility,
}

/// The quantity the budget implies against the quantity that can be bought
/// within the purchase ceilings and the suppliers still open.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Feasibility {
    /// What the budget would buy at the prices paid (tariffs and shocks
    /// included) if nothing limited purchases.
    pub budget_implied_qty: f64,
    /// The most that can be bought over the horizon; `None` when nothing
    /// limits it (no ceiling and an open supplier without quota).
    pub purchasable_qty: Option<f64>,
}

impl Feasibility {
    /// `budget_implied ÷ purchasable`; above 1 the plan cannot be bought in
    /// the timeframe. `None` when purchases are unlimited.
    pub fn ratio(&self) -> Option<f64> {
        let purchasable = self.purchasable_qty?;
        if purchasable > 0.0 {
            Some(self.budget_implied_qty / purchasable)
        } else if self.budget_implied_qty > 0.0 {
            Some(f64::INFINITY)
        } else {
            Some(0.0)
        }
    }

    /// A plain warning when the plan is not feasible in the timeframe.
    pub fn warning(&self) -> Option<String> {
        match self.ratio()? {
            r if r.is_infinite() => Some("nothing can be bought: every supplier is blocked".into()),
            r if r > 1.0 + 1e-9 => Some(format!("needs {r:.1}× the purchasable supply")),
            _ => None,
        }
    }
}

/// The state of one mineral at the end of one month.
#[derive(Clone, Copy, Debug, PartialEq, Default)]
pub struct MonthRow {
    /// Scenario month, 1-based.
    pub month: u32,
    /// Money spent this month, USD.
    pub spend_usd: f64,
    /// Quantity ordered this month.
    pub ordered_qty: f64,
    /// Quantity delivered this month.
    pub delivered_qty: f64,
    /// Quantity held at the end of the month.
    pub inventory_qty: f64,
    /// Quantity the stockpile should hold.
    pub requirement_qty: f64,
    /// `100 × inventory ÷ requirement`, %.
    pub coverage_pct: f64,
    /// Budget planned up to and including this month but not spent, USD
    /// (cumulative; with carry-over it is still available, without it is lost).
    pub unspent_usd: f64,
}

impl MineralProjection {
    /// Coverage at the end of the horizon, %.
    pub fn final_coverage_pct(&self) -> f64 {
        self.months.last().map_or(0.0, |r| r.coverage_pct)
    }

    /// Budget not spent by the end of the horizon, USD.
    pub fn unspent_usd(&self) -> f64 {
        self.months.last().map_or(0.0, |r| r.unspent_usd)
    }

    /// Inventory at the end of the horizon.
    pub fn final_inventory_qty(&self) -> f64 {
        self.months.last().map_or(0.0, |r| r.inventory_qty)
    }
}

impl Projection {
    /// Calendar month of scenario month `month_index` (1-based).
    pub fn calendar_month(&self, month_index: u32) -> YearMonth {
        self.start.nth_month(month_index)
    }

    /// Sum of everything spent, USD, over all minerals.
    pub fn total_cost_usd(&self) -> f64 {
        self.minerals.iter().map(|m| m.total_cost_usd).sum()
    }
}

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

impl Projection {
    /// Per mineral, final coverage in `baseline` minus final coverage here,
    /// percentage points: what the events cost.
    pub fn coverage_lost_vs(&self, baseline: &Projection) -> Vec<f64> {
        self.minerals
            .iter()
            .zip(&baseline.minerals)
            .map(|(with, without)| without.final_coverage_pct() - with.final_coverage_pct())
            .collect()
    }
}

/// The rows of one mineral, in two steps: money and orders month by month,
/// then deliveries, inventory and coverage once every arrival is known.
/// Orders never depend on inventory, so the steps can be apart, and each
/// supplier's deliveries become one pass over the months.
struct MonthBook {
    requirement_qty: f64,
    opening_inventory_qty: f64,
    months: Vec<MonthRow>,
}

impl MonthBook {
    fn new(mineral: &Mineral, horizon: u32) -> Self {
        Self {
            requirement_qty: mineral.requirement_qty,
            opening_inventory_qty: mineral.opening_inventory_qty,
            months: Vec::with_capacity(horizon as usize),
        }
    }

    /// Money and orders of scenario month `month` (the next one).
    fn record(&mut self, month: u32, spend_usd: f64, ordered_qty: f64, unspent_usd: f64) {
        self.months.push(MonthRow {
            month,
            spend_usd,
            ordered_qty,
            requirement_qty: self.requirement_qty,
            unspent_usd,
            ..MonthRow::default()
        });
    }

    /// Deliveries from `arrivals` (quantity arriving in month m at index m),
    /// inventory and coverage: the finished projection of `mineral`.
    fn finish(self, mineral: &Mineral, arrivals: &[f64], totals: Totals) -> MineralProjection {
        let mut months = self.months;
        let mut inventory_qty = self.opening_inventory_qty;
        let mut first_full = None;
        for row in &mut months {
            let delivered_qty = arrivals[row.month as usize];
            inventory_qty += delivered_qty;
            row.delivered_qty = delivered_qty;
            row.inventory_qty = inventory_qty;
            row.coverage_pct = if self.requirement_qty > 0.0 {
                100.0 * inventory_qty / self.requirement_qty
            } else {
                0.0
            };
            if first_full.is_none() && row.coverage_pct >= FULL_COVERAGE_PCT {
                first_full = Some(row.month);
            }
        }
        let in_transit_at_end_qty = arrivals
            .get(months.len() + 1..)
            .map_or(0.0, |rest| rest.iter().sum());
        MineralProjection {
            name: mineral.name.clone(),
            unit: mineral.unit,
            months,
            first_full_coverage_month: first_full,
            in_transit_at_end_qty,
            total_cost_usd: totals.spent_usd,
            total_ordered_qty: totals.ordered_qty,
            lost_in_transit_qty: totals.lost_in_transit_qty,
            feasibility: totals.feasibility,
        }
    }
}

/// A mineral's totals over the horizon, besides its rows.
struct Totals {
    spent_usd: f64,
    ordered_qty: f64,
    lost_in_transit_qty: f64,
    feasibility: Feasibility,
}

/// Adds `qty[k] × factor` to `arrivals[k + offset]` for every k: one
/// supplier's (or lead time's) deliveries over a run of months.
fn add_deliveries(arrivals: &mut [f64], offset: usize, qty: &[f64], factor: f64) {
    if factor == 0.0 {
        return;
    }
    for (arrival, q) in arrivals[offset..offset + qty.len()].iter_mut().zip(qty) {
        *arrival += q * factor;
    }
}

/// Budget planned for month `month` (1-based), USD, before any carry-over.
pub fn planned_spend_usd(mineral: &Mineral, horizon_months: u32, month: u32) -> f64 {
    match &mineral.spending {
        SpendingProfile::Even => {
            if horizon_months == 0 {
                0.0
            } else {
                mineral.budget_usd / f64::from(horizon_months)
            }
        }
        SpendingProfile::PerYearUsd(per_year) => {
            let year = ((month - 1) / 12) as usize;
            let months_in_year = horizon_months.saturating_sub(year as u32 * 12).min(12);
            match per_year.get(year) {
                Some(amount) if months_in_year > 0 => amount / f64::from(months_in_year),
                _ => 0.0,
            }
        }
        SpendingProfile::PerMonthUsd(per_month) => {
            per_month.get((month - 1) as usize).copied().unwrap_or(0.0)
        }
    }
}

/// Market price in month `month` (1-based), USD per unit:
/// `price × (1 + escalation/100)^((month − 1)/12)`.
pub fn price_usd_per_unit(mineral: &Mineral, month: u32) -> f64 {
    let growth = 1.0 + mineral.escalation_pct_per_year / 100.0;
    if growth == 1.0 || month <= 1 {
        mineral.price_usd_per_unit
    } else {
        mineral.price_usd_per_unit * growth.powf(f64::from(month - 1) / 12.0)
    }
}

/// Planned minus spent, with floating-point dust (under a millionth of the
/// planned total) shown as exactly zero.
fn unspent(planned_usd: f64, spent_usd: f64) -> f64 {
    let diff = planned_usd - spent_usd;
    if diff.abs() <= 1e-9 * planned_usd.abs() {
        0.0
    } else {
        diff
    }
}

/// The projection of a mineral that no event touches: the same rules as
/// [`project_mineral`] with no conditions to track, so a shorter loop. A
/// unit test checks that both give the same result.
fn project_calm_mineral(mineral: &Mineral, horizon: u32, carry_over: bool) -> MineralProjection {
    let max_lead = mineral
        .suppliers
        .iter()
        .map(|s| s.lead_time_months.min(10_000))
        .max()
        .unwrap_or(0);
    let h = horizon as usize;
    // arrivals[m] = quantity arriving in month m (index 0 unused).
    let mut arrivals = vec![0.0_f64; h + max_lead as usize + 1];
    // bought[m] = quantity bought in month m, all suppliers together.
    let mut bought = vec![0.0_f64; h + 1];
    let ceiling_qty_per_year = mineral.ceiling.qty_per_year();

    let mut book = MonthBook::new(mineral, horizon);
    let mut carried_usd = 0.0;
    let mut planned_total_usd = 0.0;
    let mut spent_total_usd = 0.0;
    let mut ordered_this_year = 0.0;
    let mut total_ordered = 0.0;
    let mut budget_implied_qty = 0.0;
    let share_total_fraction = mineral.total_share_pct() / 100.0;
    // Per supplier: fraction of spend and lead time, computed once.
    let split: Vec<(f64, usize)> = mineral
        .suppliers
        .iter()
        .map(|s| (s.share_pct / 100.0, s.lead_time_months.min(10_000) as usize))
        .collect();
    // Escalation as a monthly factor: price_m = price_1 × growth^(m−1), the
    // same as price × (1 + e/100)^((m−1)/12) without a powf per month.
    let monthly_growth = (1.0 + mineral.escalation_pct_per_year / 100.0).powf(1.0 / 12.0);
    let mut price = mineral.price_usd_per_unit;

    for month in 1..=horizon {
        if (month - 1) % 12 == 0 {
            ordered_this_year = 0.0;
        }
        let planned = planned_spend_usd(mineral, horizon, month);
        planned_total_usd += planned;
        let available = planned + carried_usd;
        if month > 1 {
            price *= monthly_growth;
        }

        // Quantity bought per dollar across all suppliers, unit/USD.
        let qty_per_usd = if price > 0.0 {
            share_total_fraction / price
        } else {
            0.0
        };
        budget_implied_qty += planned * qty_per_usd;
        let mut spend = available.max(0.0);
        if let Some(cap) = ceiling_qty_per_year {
            let room_qty = (cap - ordered_this_year).max(0.0);
            if qty_per_usd > 0.0 {
                spend = spend.min(room_qty / qty_per_usd);
            }
        }
        let unspent_now = available - spend;
        carried_usd = if carry_over { unspent_now } else { 0.0 };
        spent_total_usd += spend;

        let mut ordered = 0.0;
        if price > 0.0 {
            let qty_bought = spend / price;
            bought[month as usize] = qty_bought;
            ordered = qty_bought * share_total_fraction;
        }
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
    for &(fraction, lead) in &split {
        add_deliveries(&mut arrivals, 1 + lead, &bought[1..], fraction);
    }
    book.finish(
        mineral,
        &arrivals,
        Totals {
            spent_usd: spent_total_usd,
            ordered_qty: total_ordered,
            lost_in_transit_qty: 0.0,
            feasibility: Feasibility {
                budget_implied_qty,
                purchasable_qty: calm_purchasable_qty(mineral, horizon, ceiling_qty_per_year),
            },
        },
    )
}

/// Purchasable quantity with no events: the ceiling for each plan year, or
/// unlimited; nothing when no supplier has a share.
fn calm_purchasable_qty(mineral: &Mineral, horizon: u32, ceiling: Option<f64>) -> Option<f64> {
    if !mineral.suppliers.iter().any(|s| s.share_pct > 0.0) {
        return Some(0.0);
    }
    ceiling.map(|c| c.max(0.0) * f64::from(horizon.div_ceil(12)))
}

/// A disruption as it acts on one supplier: in force over months
/// `first..=last` (1-based scenario months).
struct SupplierEvent<'a> {
    first: i64,
    last: i64,
    kind: &'a DisruptionKind,
}

/// A supplier's terms, fixed for the projection of one mineral.
struct SupplierPlan<'a> {
    fraction: f64,
    lead_months: usize,
    events: Vec<SupplierEvent<'a>>,
    /// Followed order by order rather than pooled: under an export quota
    /// (what is left of it depends on this year's orders), or under a ban
    /// that loses the orders in transit.
    tracked: bool,
}

impl<'a> SupplierPlan<'a> {
    /// `hits` indexes the events in `events` that hit this supplier.
    fn new(
        supplier: &Supplier,
        events: &[&'a Disruption],
        hits: &[usize],
        start: YearMonth,
        settings: &Settings,
    ) -> Self {
        let events: Vec<SupplierEvent> = hits
            .iter()
            .map(|&e| {
                let (first, last) = events[e].month_range(start);
                SupplierEvent {
                    first,
                    last,
                    kind: &events[e].kind,
                }
            })
            .collect();
        let lose_on_ban = settings.in_transit_on_ban == InTransitOnBan::Lost;
        let tracked = events.iter().any(|e| match e.kind {
            DisruptionKind::ExportQuotaQty(_) => true,
            DisruptionKind::ExportBan => lose_on_ban,
            _ => false,
        });
        SupplierPlan {
            fraction: supplier.share_pct / 100.0,
            lead_months: supplier.lead_time_months.min(10_000) as usize,
            events,
            tracked,
        }
    }
}

/// A supplier's conditions in one month, from the events in force.
#[derive(Clone, Copy)]
struct Conditions {
    /// Multiplies the market price: tariffs and price shocks.
    price_factor: f64,
    /// Share of orders allowed out: 0 under a ban.
    open_fraction: f64,
    /// Export quota per plan year, if any.
    quota_qty_per_year: Option<f64>,
    extra_lead_months: usize,
}

const NORMAL: Conditions = Conditions {
    price_factor: 1.0,
    open_fraction: 1.0,
    quota_qty_per_year: None,
    extra_lead_months: 0,
};

impl SupplierPlan<'_> {
    fn conditions(&self, month: i64) -> Conditions {
        let mut c = NORMAL;
        for e in &self.events {
            if month < e.first || month > e.last {
                continue;
            }
            match *e.kind {
                DisruptionKind::ExportBan => c.open_fraction = 0.0,
                DisruptionKind::ExportQuotaQty(q) => {
                    let q = q.max(0.0);
                    c.quota_qty_per_year = Some(c.quota_qty_per_year.map_or(q, |old| old.min(q)));
                }
                DisruptionKind::ExportCutPct(p) => {
                    c.open_fraction *= 1.0 - (p / 100.0).clamp(0.0, 1.0)
                }
                DisruptionKind::LicensingDelay {
                    extra_lead_time_months,
                    refused_pct,
                } => {
                    c.extra_lead_months += extra_lead_time_months.min(1_000) as usize;
                    c.open_fraction *= 1.0 - (refused_pct / 100.0).clamp(0.0, 1.0);
                }
                DisruptionKind::TariffPct(p) | DisruptionKind::PriceShockPct(p) => {
                    c.price_factor *= (1.0 + p / 100.0).max(0.0);
                }
            }
        }
        c
    }

    /// Whether a ban on this supplier is in force in some month of
    /// `from..=to`.
    fn banned_during(&self, from: i64, to: i64) -> bool {
        self.events
            .iter()
            .any(|e| matches!(e.kind, DisruptionKind::ExportBan) && e.first <= to && e.last >= from)
    }
}

/// Sums over the pooled suppliers, fixed over a run of months in which no
/// event starts or ends. Pooled orders are proportional to the money
/// available, so a month needs only these sums, not a pass over every
/// supplier.
///
/// The `_frac` sums are per USD available; the `qty` ones are at a market
/// price of 1 USD per unit (multiply by 1 / market price).
#[derive(Clone, Copy, Default)]
struct PoolSums {
    /// Σ share × open fraction: money placed directly.
    placed_frac: f64,
    /// Σ share × open fraction ÷ price factor.
    placed_qty_frac: f64,
    /// Σ share × (1 − open fraction): money blocked.
    blocked_frac: f64,
    /// Longest lead of a pooled supplier with orders blocked.
    blocked_lead_months: usize,
    /// Σ share of the fully open pooled suppliers (they take re-sourced
    /// orders without limit).
    receiving_weight: f64,
    /// The same, ÷ price factor.
    receiving_qty_frac: f64,
    /// Σ share ÷ price factor over every supplier: the budget-implied rate.
    base_qty_frac: f64,
}

impl PoolSums {
    /// Adds one supplier with share `fraction`, conditions `c` and quantity
    /// factor `qty_factor`; returns its deliveries (lead, direct, re-sourced)
    /// as in [`SegmentTerms::deliveries`].
    fn add(
        &mut self,
        fraction: f64,
        lead: usize,
        c: Conditions,
        qty_factor: f64,
    ) -> (usize, f64, f64) {
        let placed = fraction * c.open_fraction;
        self.placed_frac += placed;
        self.placed_qty_frac += placed * qty_factor;
        if fraction - placed > 0.0 {
            self.blocked_frac += fraction - placed;
            self.blocked_lead_months = self.blocked_lead_months.max(lead);
        }
        let receiving = if c.open_fraction >= 1.0 {
            self.receiving_weight += fraction;
            self.receiving_qty_frac += fraction * qty_factor;
            fraction * qty_factor
        } else {
            0.0
        };
        (lead, placed * qty_factor, receiving)
    }
}

/// Quantity per USD relative to the market price for a price factor: its
/// inverse, or 0 for a zero price (the model buys nothing rather than an
/// infinite quantity).
fn qty_factor(price_factor: f64) -> f64 {
    if price_factor > 0.0 {
        1.0 / price_factor
    } else {
        0.0
    }
}

/// The suppliers' terms over a run of months in which no event starts or
/// ends.
#[derive(Default)]
struct SegmentTerms {
    /// First month after this run (`i64::MAX`: none).
    until: i64,
    /// Every supplier's conditions from its own events (no price shocks).
    own: Vec<Conditions>,
    /// `qty_factor` of each `own` price factor.
    own_qty_factor: Vec<f64>,
    /// `own` with the price shocks in force: what each supplier faces.
    conditions: Vec<Conditions>,
    /// (month, supplier) where a supplier's own events start or end, by
    /// month; `next_own_change` is the first one not yet applied.
    own_changes: Vec<(i64, usize)>,
    next_own_change: usize,
    pool: PoolSums,
    /// The pool with the tracked suppliers added: the terms of a month in
    /// which no quota can bind.
    all: PoolSums,
    /// Per tracked supplier (in the order of `tracked`), its deliveries when
    /// pooled, like `deliveries`.
    tracked_deliveries: Vec<(usize, f64, f64)>,
    /// Per pooled supplier, its deliveries: (lead time with extra months,
    /// direct quantity per unit money, re-sourced quantity per unit
    /// re-sourced weight).
    deliveries: Vec<(usize, f64, f64)>,
}

impl SegmentTerms {
    fn new(plans: &[SupplierPlan]) -> Self {
        let mut own_changes: Vec<(i64, usize)> = plans
            .iter()
            .enumerate()
            .flat_map(|(i, p)| {
                p.events
                    .iter()
                    .flat_map(move |e| [(e.first, i), (e.last.saturating_add(1), i)])
            })
            .collect();
        own_changes.sort_unstable();
        SegmentTerms {
            own: vec![NORMAL; plans.len()],
            own_qty_factor: vec![1.0; plans.len()],
            conditions: vec![NORMAL; plans.len()],
            own_changes,
            ..SegmentTerms::default()
        }
    }

    /// Terms in force from month `m` until month `until`. `shocks` are the
    /// mineral's price shocks: (first, last, %).
    fn update(&mut self, plans: &[SupplierPlan], shocks: &[(i64, i64, f64)], m: i64, until: i64) {
        self.until = until;
        // Only suppliers with an event starting or ending re-read their events.
        while let Some(&(month, i)) = self.own_changes.get(self.next_own_change) {
            if month > m {
                break;
            }
            self.own[i] = plans[i].conditions(m);
            self.own_qty_factor[i] = qty_factor(self.own[i].price_factor);
            self.next_own_change += 1;
        }
        let market_factor: f64 = shocks
            .iter()
            .filter(|&&(first, last, _)| first <= m && m <= last)
            .map(|&(_, _, pct)| (1.0 + pct / 100.0).max(0.0))
            .product();
        let market_qty_factor = qty_factor(market_factor);
        self.pool = PoolSums::default();
        self.deliveries.clear();
        self.tracked_deliveries.clear();
        let mut tracked_sums = PoolSums::default();
        for (i, plan) in plans.iter().enumerate() {
            let mut c = self.own[i];
            c.price_factor *= market_factor;
            self.conditions[i] = c;
            let qty_factor = self.own_qty_factor[i] * market_qty_factor;
            self.pool.base_qty_frac += plan.fraction * qty_factor;
            let lead = plan.lead_months + c.extra_lead_months;
            if plan.tracked {
                let delivery = tracked_sums.add(plan.fraction, lead, c, qty_factor);
                self.tracked_deliveries.push(delivery);
            } else {
                let delivery = self.pool.add(plan.fraction, lead, c, qty_factor);
                self.deliveries.push(delivery);
            }
        }
        let (p, t) = (self.pool, tracked_sums);
        self.all = PoolSums {
            placed_frac: p.placed_frac + t.placed_frac,
            placed_qty_frac: p.placed_qty_frac + t.placed_qty_frac,
            blocked_frac: p.blocked_frac + t.blocked_frac,
            blocked_lead_months: p.blocked_lead_months.max(t.blocked_lead_months),
            receiving_weight: p.receiving_weight + t.receiving_weight,
            receiving_qty_frac: p.receiving_qty_frac + t.receiving_qty_frac,
            base_qty_frac: p.base_qty_frac,
        };
    }
}

/// The projection of a mineral that some event touches. `events` are the
/// enabled events that hit the mineral; `supplier_events` holds, per
/// supplier, the indices in `events` of those that hit it.
///
/// Suppliers whose orders are proportional to the money available are
/// pooled (see [`PoolSums`]); the rest are tracked one by one. The result is
/// the same as following every supplier (`projection_reference.rs`, checked
/// by a unit test), only faster. It runs in three passes: money and orders
/// month by month, the pool's deliveries supplier by supplier over each run
/// of months, then inventory and coverage.
fn project_mineral(
    mineral: &Mineral,
    horizon: u32,
    settings: &Settings,
    start: YearMonth,
    events: &[&Disruption],
    supplier_events: &[Vec<usize>],
) -> MineralProjection {
    let mut plans: Vec<SupplierPlan> = mineral
        .suppliers
        .iter()
        .zip(supplier_events)
        .map(|(s, hits)| SupplierPlan::new(s, events, hits, start, settings))
        .collect();
    // Price shocks move the market price for every supplier at once.
    for plan in &mut plans {
        plan.events
            .retain(|e| !matches!(e.kind, DisruptionKind::PriceShockPct(_)));
    }
    let shocks: Vec<(i64, i64, f64)> = events
        .iter()
        .filter_map(|d| match d.kind {
            DisruptionKind::PriceShockPct(pct) => {
                let (first, last) = d.month_range(start);
                Some((first, last, pct))
            }
            _ => None,
        })
        .collect();
    let mut tracked: Vec<TrackedSupplier> = (0..plans.len())
        .filter(|&i| plans[i].tracked)
        .map(|i| TrackedSupplier {
            plan: i,
            fraction: plans[i].fraction,
            ..TrackedSupplier::default()
        })
        .collect();
    // Months where an event starts or ends, ascending: conditions are
    // constant in between.
    let mut changes: Vec<i64> = Vec::with_capacity(2 * events.len());
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
    let mut changes = changes.into_iter().peekable();

    // The most extra lead time one supplier can carry: all its delays at once.
    let max_extra_lead = plans
        .iter()
        .map(|p| {
            p.events
                .iter()
                .map(|e| match *e.kind {
                    DisruptionKind::LicensingDelay {
                        extra_lead_time_months,
                        ..
                    } => extra_lead_time_months.min(1_000) as usize,
                    _ => 0,
                })
                .sum::<usize>()
        })
        .max()
        .unwrap_or(0);
    let max_lead = plans.iter().map(|p| p.lead_months).max().unwrap_or(0) + max_extra_lead;
    let h = horizon as usize;
    // arrivals[m] = quantity arriving in month m (index 0 unused).
    let mut arrivals = vec![0.0_f64; h + max_lead + 1];
    // Per month (index 0 unused), what the pool bought: the money placed
    // directly and the re-sourced money per unit of weight, both divided by
    // the market price; and the earliest lead for re-sourced orders.
    let mut pool_direct = vec![0.0_f64; h + 1];
    let mut pool_resourced = vec![0.0_f64; h + 1];
    let mut resourced_lead = vec![0_usize; h + 1];
    // Runs of months with the same terms: (first month, first entry in
    // `pool_deliveries`).
    let mut runs: Vec<(usize, usize)> = Vec::with_capacity(changes.len() + 1);
    let mut pool_deliveries: Vec<(usize, f64, f64)> =
        Vec::with_capacity(runs.capacity() * plans.len());
    let ceiling_qty_per_year = mineral.ceiling.qty_per_year();
    let lose_on_ban = settings.in_transit_on_ban == InTransitOnBan::Lost;

    // Escalation as a monthly factor: price_m = price_1 × growth^(m−1), the
    // same as price × (1 + e/100)^((m−1)/12) without a powf per month.
    let monthly_growth = (1.0 + mineral.escalation_pct_per_year / 100.0).powf(1.0 / 12.0);
    let mut market_price = mineral.price_usd_per_unit;

    let mut terms = SegmentTerms::new(&plans);

    let mut book = MonthBook::new(mineral, horizon);
    let mut carried_usd = 0.0;
    let mut planned_total_usd = 0.0;
    let mut spent_total_usd = 0.0;
    let mut ordered_this_year = 0.0;
    let mut total_ordered = 0.0;
    let mut lost_in_transit = 0.0;
    let mut budget_implied_qty = 0.0;
    let mut purchasable = Purchasable::default();
    let (mut last_weight, mut inv_weight) = (f64::NAN, 0.0);

    // Pass 1: money and orders, month by month.
    for month in 1..=horizon {
        let m = i64::from(month);
        let first = month as usize;
        let year_starts = (month - 1) % 12 == 0;
        if year_starts {
            if month > 1 {
                purchasable.close_year(ceiling_qty_per_year);
            }
            ordered_this_year = 0.0;
            tracked
                .iter_mut()
                .for_each(|t| t.ordered_this_year_qty = 0.0);
        }
        let terms_change = month == 1 || m >= terms.until;
        if terms_change {
            while changes.next_if(|&c| c <= m).is_some() {}
            terms.update(
                &plans,
                &shocks,
                m,
                changes.peek().copied().unwrap_or(i64::MAX),
            );
            runs.push((first, pool_deliveries.len()));
            pool_deliveries.extend_from_slice(&terms.deliveries);
        }
        if terms_change || year_starts {
            for (i, plan) in plans.iter().enumerate() {
                purchasable.note_supplier(terms.conditions[i], plan.fraction, i);
            }
        }
        let pool = terms.pool;
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
        budget_implied_qty += planned * pool.base_qty_frac * inv_market;

        // Most months no quota can bind: every quota has room for more than
        // all the money available. Then the tracked suppliers join the pool
        // for the month (the same result, without the bookkeeping).
        let quota_free = !lose_on_ban
            && tracked.iter().all(|t| {
                let c = terms.conditions[t.plan];
                quota_room_usd(c, t.ordered_this_year_qty, market_price * c.price_factor)
                    > available * (1.0 + 1e-9)
            });
        // How many tracked suppliers to follow one by one this month.
        let (pool, one_by_one) = if quota_free {
            (terms.all, 0)
        } else {
            (pool, tracked.len())
        };

        // 1. Each supplier's part of the money: the pool at once, then the
        // tracked ones.
        let mut spend = available * pool.placed_frac;
        let mut qty_total = available * pool.placed_qty_frac * inv_market;
        let mut blocked_usd = available * pool.blocked_frac;
        // Re-sourced orders arrive no earlier than the orders they replace.
        let mut blocked_lead_months = if blocked_usd > 0.0 {
            pool.blocked_lead_months
        } else {
            0
        };
        for t in tracked[..one_by_one].iter_mut() {
            let c = terms.conditions[t.plan];
            let wanted = available * t.fraction;
            let price = market_price * c.price_factor;
            t.inv_price = if price > 0.0 { 1.0 / price } else { 0.0 };
            t.room_usd = quota_room_usd(c, t.ordered_this_year_qty, price);
            t.fully_open = c.open_fraction >= 1.0;
            t.lead_months = plans[t.plan].lead_months + c.extra_lead_months;
            let placed = (wanted * c.open_fraction).min(t.room_usd);
            t.placed_usd = placed;
            t.resourced_usd = 0.0;
            spend += placed;
            qty_total += placed * t.inv_price;
            if wanted - placed > 0.0 {
                blocked_usd += wanted - placed;
                blocked_lead_months = blocked_lead_months.max(t.lead_months);
            }
        }

        // 2. Blocked orders go to the fully open suppliers with room, in
        // proportion to their shares (a few rounds: quotas fill up). The
        // pool has no quota, so it takes its whole part each round.
        // Re-sourced USD per unit of share, summed over the rounds.
        let mut pool_resourced_per_share = 0.0;
        if settings.resource_blocked_orders {
            for _ in 0..plans.len() {
                if blocked_usd <= available * 1e-12 {
                    break;
                }
                let weight = pool.receiving_weight
                    + tracked[..one_by_one]
                        .iter()
                        .filter(|t| t.has_room())
                        .map(|t| t.fraction)
                        .sum::<f64>();
                if weight <= 0.0 {
                    break;
                }
                // The weight rarely changes: divide only when it does.
                if weight != last_weight {
                    last_weight = weight;
                    inv_weight = 1.0 / weight;
                }
                let per_share = blocked_usd * inv_weight;
                pool_resourced_per_share += per_share;
                spend += per_share * pool.receiving_weight;
                qty_total += per_share * pool.receiving_qty_frac * inv_market;
                let mut still_blocked = 0.0;
                for t in tracked[..one_by_one].iter_mut().filter(|t| t.has_room()) {
                    let extra = per_share * t.fraction;
                    let taken = extra.min((t.room_usd - t.placed_usd).max(0.0));
                    t.placed_usd += taken;
                    t.resourced_usd += taken;
                    spend += taken;
                    qty_total += taken * t.inv_price;
                    still_blocked += extra - taken;
                }
                blocked_usd = still_blocked;
            }
        }

        // 3. The purchase ceiling scales every order down alike.
        let mut scale = 1.0;
        if let Some(cap) = ceiling_qty_per_year {
            let room = (cap - ordered_this_year).max(0.0);
            if qty_total > room {
                scale = if qty_total > 0.0 {
                    room / qty_total
                } else {
                    0.0
                };
                for t in tracked[..one_by_one].iter_mut() {
                    t.placed_usd *= scale;
                    t.resourced_usd *= scale;
                }
                spend *= scale;
                qty_total *= scale;
            }
        }

        // 4. Orders: the pool's are delivered in pass 2, the tracked ones
        // here, order by order.
        pool_direct[first] = available * scale * inv_market;
        pool_resourced[first] = pool_resourced_per_share * scale * inv_market;
        resourced_lead[first] = blocked_lead_months;
        if quota_free {
            // Pooled this month: their part of the pool's orders.
            for (t, &(lead, direct_qty, resourced_qty)) in
                tracked.iter_mut().zip(&terms.tracked_deliveries)
            {
                let direct = pool_direct[first] * direct_qty;
                let resourced = pool_resourced[first] * resourced_qty;
                t.ordered_this_year_qty += direct + resourced;
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
            t.ordered_this_year_qty += qty;
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
        spent_total_usd += spend;
        ordered_this_year += qty_total;
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
                &mut arrivals,
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
                    &mut arrivals,
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
        &arrivals,
        Totals {
            spent_usd: spent_total_usd,
            ordered_qty: total_ordered,
            lost_in_transit_qty: lost_in_transit,
            feasibility: Feasibility {
                budget_implied_qty,
                purchasable_qty: purchasable.total(),
            },
        },
    )
}

/// A supplier followed order by order (see `SupplierPlan::tracked`): its
/// terms and orders in the current month.
#[derive(Default)]
struct TrackedSupplier {
    /// Index in the mineral's suppliers.
    plan: usize,
    fraction: f64,
    /// 1 / price paid (0 when free).
    inv_price: f64,
    /// Dollars it may still take under its quota (infinite without one).
    room_usd: f64,
    /// No ban, cut or refusal: it can take re-sourced orders.
    fully_open: bool,
    /// Lead time with extra licensing months.
    lead_months: usize,
    placed_usd: f64,
    /// The part of `placed_usd` re-sourced from blocked suppliers.
    resourced_usd: f64,
    ordered_this_year_qty: f64,
}

impl TrackedSupplier {
    /// Can it take re-sourced orders? Only when fully open and below its
    /// quota.
    fn has_room(&self) -> bool {
        self.fully_open && self.placed_usd < self.room_usd * (1.0 - 1e-12)
    }
}

/// Dollars that may still go to a supplier this month under its quota.
fn quota_room_usd(c: Conditions, ordered_this_year_qty: f64, price: f64) -> f64 {
    match c.quota_qty_per_year {
        Some(q) => (q - ordered_this_year_qty).max(0.0) * price,
        None => f64::INFINITY,
    }
}

/// Running total of what can be bought, plan year by plan year.
#[derive(Default)]
struct Purchasable {
    /// Some supplier was open without quota this year.
    unlimited_this_year: bool,
    /// Largest quota seen this year, per supplier index.
    quotas_this_year: Vec<(usize, f64)>,
    total_qty: f64,
    unlimited: bool,
}

impl Purchasable {
    fn note_supplier(&mut self, c: Conditions, fraction: f64, index: usize) {
        if c.open_fraction <= 0.0 || fraction <= 0.0 {
            return;
        }
        match c.quota_qty_per_year {
            None => self.unlimited_this_year = true,
            Some(q) => match self.quotas_this_year.iter_mut().find(|(i, _)| *i == index) {
                Some((_, best)) => *best = best.max(q * c.open_fraction),
                None => self.quotas_this_year.push((index, q * c.open_fraction)),
            },
        }
    }

    fn close_year(&mut self, ceiling_qty_per_year: Option<f64>) {
        let supply = if self.unlimited_this_year {
            None
        } else {
            Some(self.quotas_this_year.iter().map(|(_, q)| q).sum::<f64>())
        };
        match (supply, ceiling_qty_per_year) {
            (None, None) => self.unlimited = true,
            (Some(s), None) => self.total_qty += s,
            (None, Some(c)) => self.total_qty += c.max(0.0),
            (Some(s), Some(c)) => self.total_qty += s.min(c.max(0.0)),
        }
        self.unlimited_this_year = false;
        self.quotas_this_year.clear();
    }

    fn total(&self) -> Option<f64> {
        (!self.unlimited).then_some(self.total_qty)
    }
}

#[cfg(test)]
#[path = "projection_reference.rs"]
mod reference;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::presets;
    use crate::samples;

    /// Asserts that two projections of one mineral agree, up to
    /// floating-point dust relative to the budget's size.
    fn assert_same(a: &MineralProjection, b: &MineralProjection, budget_usd: f64, context: &str) {
        let close = |x: f64, y: f64| {
            let tolerance = 1e-9 * (1.0 + x.abs().max(y.abs()) + budget_usd * 1e-3);
            (x - y).abs() <= tolerance || (x.is_nan() && y.is_nan())
        };
        assert_eq!(a.months.len(), b.months.len(), "{context}");
        for (ra, rb) in a.months.iter().zip(&b.months) {
            for (what, x, y) in [
                ("spend", ra.spend_usd, rb.spend_usd),
                ("ordered", ra.ordered_qty, rb.ordered_qty),
                ("delivered", ra.delivered_qty, rb.delivered_qty),
                ("inventory", ra.inventory_qty, rb.inventory_qty),
                ("coverage", ra.coverage_pct, rb.coverage_pct),
                ("unspent", ra.unspent_usd, rb.unspent_usd),
            ] {
                assert!(
                    close(x, y),
                    "{context}, month {}: {what} {x} vs {y}",
                    ra.month
                );
            }
        }
        for (what, x, y) in [
            (
                "in transit",
                a.in_transit_at_end_qty,
                b.in_transit_at_end_qty,
            ),
            ("lost", a.lost_in_transit_qty, b.lost_in_transit_qty),
            ("cost", a.total_cost_usd, b.total_cost_usd),
            (
                "budget implied",
                a.feasibility.budget_implied_qty,
                b.feasibility.budget_implied_qty,
            ),
        ] {
            assert!(close(x, y), "{context}: {what} {x} vs {y}");
        }
        match (a.feasibility.purchasable_qty, b.feasibility.purchasable_qty) {
            (Some(x), Some(y)) => assert!(close(x, y), "{context}: purchasable {x} vs {y}"),
            (x, y) => assert_eq!(x, y, "{context}: purchasable"),
        }
    }

    /// A deterministic mix of events of every kind, on some or all
    /// suppliers and minerals, with windows inside and across the horizon.
    fn mixed_events(seed: u64, count: usize, minerals: usize, suppliers: usize) -> Vec<Disruption> {
        let mut state = seed
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        let mut next = |below: u64| {
            state = state
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            (state >> 33) % below.max(1)
        };
        (0..count)
            .map(|k| {
                let kind = match next(6) {
                    0 => DisruptionKind::ExportBan,
                    1 => DisruptionKind::ExportQuotaQty(next(5000) as f64),
                    2 => DisruptionKind::ExportCutPct(next(101) as f64),
                    3 => DisruptionKind::LicensingDelay {
                        extra_lead_time_months: next(7) as u32,
                        refused_pct: next(60) as f64,
                    },
                    4 => DisruptionKind::TariffPct(next(150) as f64),
                    _ => DisruptionKind::PriceShockPct(next(200) as f64 - 60.0),
                };
                let start = YearMonth::new(2025 + next(6) as i32, 1 + next(12) as u32);
                Disruption {
                    name: format!("Event {k}"),
                    notes: String::new(),
                    enabled: next(8) > 0,
                    kind,
                    supplier: match next(4) {
                        0 => String::new(),
                        _ => format!("Supplier {}", 1 + next(suppliers as u64)),
                    },
                    minerals: match next(3) {
                        0 => vec![format!("Mineral {:02}", 1 + next(minerals as u64))],
                        _ => vec![],
                    },
                    start,
                    end: (next(2) == 0).then(|| start.nth_month(2 + next(30) as u32)),
                }
            })
            .collect()
    }

    /// The pooled loop gives the same numbers as following every supplier
    /// order by order, under every setting.
    #[test]
    fn pooled_loop_matches_the_one_by_one_loop() {
        let mut scenarios: Vec<Scenario> = samples::ALL.iter().map(|s| s.scenario()).collect();
        for s in &mut scenarios {
            s.disruptions.extend(presets::all());
        }
        for seed in 0..24 {
            let (minerals, suppliers) = (1 + seed as usize % 4, 1 + seed as usize % 7);
            let mut s = samples::generated(minerals, suppliers, 36 + 24 * (seed as u32 % 5));
            s.disruptions = mixed_events(seed, 2 + seed as usize, minerals, suppliers);
            scenarios.push(s);
        }
        for s in &mut scenarios {
            for flags in 0..8 {
                s.settings.carry_over_unspent = flags & 1 != 0;
                s.settings.resource_blocked_orders = flags & 2 != 0;
                s.settings.in_transit_on_ban = if flags & 4 != 0 {
                    InTransitOnBan::Lost
                } else {
                    InTransitOnBan::Delivered
                };
                let pooled = project(s);
                for (m, fast) in s.minerals.iter().zip(&pooled.minerals) {
                    let events: Vec<&Disruption> = s
                        .disruptions
                        .iter()
                        .filter(|d| d.hits_mineral(&m.name))
                        .collect();
                    let slow = reference::project_mineral_one_by_one(
                        m,
                        pooled.horizon_months,
                        &s.settings,
                        s.start,
                        &events,
                    );
                    let context = format!("{} / {} / settings {flags}", s.name, m.name);
                    assert_same(fast, &slow, m.budget_usd, &context);
                }
            }
        }
    }

    /// The short path for minerals without events gives the same numbers
    /// as the general one.
    #[test]
    fn calm_path_matches_the_general_path() {
        let mut scenarios: Vec<Scenario> = samples::ALL.iter().map(|s| s.scenario()).collect();
        scenarios.push(samples::generated(6, 5, 240));
        for carry in [true, false] {
            for s in &mut scenarios {
                s.settings.carry_over_unspent = carry;
                for m in &s.minerals {
                    let calm = project_calm_mineral(m, s.horizon_months, carry);
                    let no_events = vec![Vec::new(); m.suppliers.len()];
                    let general =
                        project_mineral(m, s.horizon_months, &s.settings, s.start, &[], &no_events);
                    assert_same(&calm, &general, m.budget_usd, &m.name);
                }
            }
        }
    }
}
