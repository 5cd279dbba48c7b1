//! A supplier followed order by order rather than pooled (under an export
//! quota, or a ban that loses orders in transit): its terms and orders in
//! the current month of pass 1.

/// A supplier followed order by order (see `SupplierPlan::tracked`): its
/// terms and orders in the current month.
#[derive(Default)]
pub(super) struct TrackedSupplier {
    /// Index in the mineral's suppliers.
    pub(super) plan: usize,
    pub(super) fraction: f64,
    /// 1 / price paid (0 when free).
    pub(super) inv_price: f64,
    /// Dollars it may take this month under its capacity and quota
    /// (infinite without either).
    pub(super) room_usd: f64,
    /// No ban, cut or refusal: it can take re-sourced orders.
    pub(super) fully_open: bool,
    /// Lead time with extra licensing months.
    pub(super) lead_months: usize,
    pub(super) placed_usd: f64,
    /// The part of `placed_usd` re-sourced from blocked suppliers.
    pub(super) resourced_usd: f64,
    /// The part of its share events leave open this month.
    pub(super) open_fraction: f64,
}

impl TrackedSupplier {
    /// Can it take re-sourced orders? Only when fully open and below its
    /// quota.
    #[inline]
    pub(super) fn has_room(&self) -> bool {
        self.fully_open && self.placed_usd < self.room_usd * (1.0 - 1e-12)
    }
}
