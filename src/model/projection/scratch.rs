//! The working buffers of a mineral's projection, kept from one mineral
//! (and one projection) to the next so that a projection allocates nothing
//! once they have grown to size.

use super::pool::SegmentTerms;
use super::purchasable::Purchasable;
use super::supplier_plan::SupplierPlan;
use super::tracked::TrackedSupplier;

/// Buffers reused by `calm.rs` and `passes.rs`. Each path empties what it
/// uses before filling it.
#[derive(Default)]
pub(super) struct Scratch {
    /// Quantity arriving in month m at index m (index 0 unused).
    pub(super) arrivals: Vec<f64>,
    /// Calm path: quantity bought in month m, all suppliers together.
    pub(super) bought: Vec<f64>,
    /// Calm path: per month (month 1 at index 0), 1 ÷ the price.
    pub(super) inv_price: Vec<f64>,
    /// Calm path: per month (month 1 at index 0), the budget planned.
    pub(super) planned_usd: Vec<f64>,
    /// Calm path: the first month of each plan year, then horizon + 1.
    pub(super) year_firsts: Vec<u32>,
    /// Calm path: per supplier, fraction of spend and lead time.
    pub(super) split: Vec<(f64, usize)>,
    /// Event path: per month, what the pool bought directly and re-sourced,
    /// and the earliest lead for re-sourced orders.
    pub(super) pool_direct: Vec<f64>,
    pub(super) pool_resourced: Vec<f64>,
    pub(super) resourced_lead: Vec<usize>,
    /// Event path: runs of months with the same terms, and the pool's
    /// deliveries in each.
    pub(super) runs: Vec<(usize, usize)>,
    pub(super) pool_deliveries: Vec<(usize, f64, f64)>,
    /// Event path: each supplier's terms, each event's draw, the market's
    /// price shocks, the suppliers followed one by one, the months where
    /// terms change, the terms of the current run, what can be bought.
    pub(super) plans: Vec<SupplierPlan>,
    pub(super) draws: Vec<f64>,
    pub(super) shocks: Vec<(i64, i64, f64)>,
    pub(super) tracked: Vec<TrackedSupplier>,
    pub(super) changes: Vec<i64>,
    pub(super) terms: SegmentTerms,
    pub(super) purchasable: Purchasable,
}

/// `v` emptied and refilled with `len` zeros, its allocation kept.
#[inline]
pub(super) fn zeroed<T: Copy + Default>(v: &mut Vec<T>, len: usize) -> &mut [T] {
    v.clear();
    v.resize(len, T::default());
    v
}
