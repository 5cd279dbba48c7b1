//! The pooled suppliers: those whose orders are proportional to the money
//! available. Over a run of months in which no event starts or ends, their
//! terms reduce to a few sums ([`PoolSums`]), so a month of pass 1 needs no
//! loop over them; [`SegmentTerms`] keeps those sums and every supplier's
//! conditions for the current run.

use super::supplier_plan::{Conditions, Shock, SupplierPlan, market_factor};

/// Sums over the pooled suppliers, fixed over a run of months in which no
/// event starts or ends. Pooled orders are proportional to the money
/// available, so a month needs only these sums, not a pass over every
/// supplier.
///
/// The `_frac` sums are per USD available; the `qty` ones are at a market
/// price of 1 USD per unit (multiply by 1 / market price).
#[derive(Clone, Copy, Default)]
pub(super) struct PoolSums {
    /// Σ share × open fraction: money placed directly.
    pub(super) placed_frac: f64,
    /// Σ share × open fraction ÷ price factor.
    pub(super) placed_qty_frac: f64,
    /// Σ share × (1 − open fraction): money blocked.
    pub(super) blocked_frac: f64,
    /// Longest lead of a pooled supplier with orders blocked.
    pub(super) blocked_lead_months: usize,
    /// Σ share of the fully open pooled suppliers (they take re-sourced
    /// orders without limit).
    pub(super) receiving_weight: f64,
    /// The same, ÷ price factor.
    pub(super) receiving_qty_frac: f64,
    /// Σ share ÷ price factor over every supplier: the budget-implied rate.
    pub(super) base_qty_frac: f64,
}

impl PoolSums {
    /// Adds one supplier with share `fraction`, conditions `c` and quantity
    /// factor `qty_factor`; returns its deliveries (lead, direct, re-sourced)
    /// as in [`SegmentTerms::deliveries`].
    pub(super) fn add(
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
pub(super) struct SegmentTerms {
    /// First month after this run (`i64::MAX`: none).
    pub(super) until: i64,
    /// Every supplier's conditions from its own events (no price shocks).
    own: Vec<Conditions>,
    /// `qty_factor` of each `own` price factor.
    own_qty_factor: Vec<f64>,
    /// `own` with the price shocks in force: what each supplier faces.
    pub(super) conditions: Vec<Conditions>,
    /// (month, supplier) where a supplier's own events start or end, by
    /// month; `next_own_change` is the first one not yet applied.
    own_changes: Vec<(i64, usize)>,
    next_own_change: usize,
    pub(super) pool: PoolSums,
    /// The pool with the tracked suppliers added: the terms of a month in
    /// which no quota can bind.
    pub(super) all: PoolSums,
    /// Per tracked supplier (in the order of `tracked`), its deliveries when
    /// pooled, like `deliveries`.
    pub(super) tracked_deliveries: Vec<(usize, f64, f64)>,
    /// Per pooled supplier, its deliveries: (lead time with extra months,
    /// direct quantity per unit money, re-sourced quantity per unit
    /// re-sourced weight).
    pub(super) deliveries: Vec<(usize, f64, f64)>,
}

impl SegmentTerms {
    /// Ready for `plans`, before the first run; the lists' allocations
    /// are kept.
    pub(super) fn reset(&mut self, plans: &[SupplierPlan]) {
        self.until = 0;
        self.own_changes.clear();
        self.own_changes
            .extend(plans.iter().enumerate().flat_map(|(i, p)| {
                p.events
                    .iter()
                    .flat_map(move |e| [(e.first, i), (e.last.saturating_add(1), i)])
                    .chain(p.capacity_steps.iter().map(move |&(first, _)| (first, i)))
            }));
        self.own_changes.sort_unstable();
        // A supplier re-reads its events once a month however many of them
        // start or end that month (a thousand events starting together
        // would otherwise read a thousand events a thousand times).
        self.own_changes.dedup();
        self.next_own_change = 0;
        self.own.clear();
        self.own.extend(plans.iter().map(|p| p.base_conditions(1)));
        self.own_qty_factor.clear();
        self.own_qty_factor.resize(plans.len(), 1.0);
        self.conditions.clear();
        self.conditions.extend_from_slice(&self.own);
        self.pool = PoolSums::default();
        self.all = PoolSums::default();
        self.tracked_deliveries.clear();
        self.deliveries.clear();
    }

    /// Terms in force from month `m` until month `until`. `shocks` are the
    /// mineral's price shocks: (first, last, %).
    pub(super) fn update(&mut self, plans: &[SupplierPlan], shocks: &[Shock], m: i64, until: i64) {
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
        let market_factor = market_factor(shocks, m);
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
