//! How much of a supplier an event hits: by its name, its country, or the
//! share of its feed from an origin. Apart from `disruption.rs` so that the
//! event type does not import the scenario's (the scenario holds events).

use super::disruption::{Disruption, EventTarget, EventTargets, names_match, normalize_name};
use super::scenario::Supplier;

impl Disruption {
    /// How much of `supplier` the event hits, 0 to 1: 1 or 0 for a
    /// supplier or country target (its name or country matches or not); for
    /// a feed origin, the share of its feed from matching origins (see
    /// [`Supplier::feed_origins`]). Every supplier is hit in full by an
    /// event without target text and by a market-wide price shock.
    pub fn supplier_weight(&self, supplier: &Supplier) -> f64 {
        if self.hits_every_supplier() {
            return 1.0;
        }
        let hit = |name: &str| names_match(&self.supplier, name);
        match self.target {
            EventTarget::Supplier => f64::from(u8::from(hit(&supplier.name))),
            EventTarget::Country => f64::from(u8::from(hit(supplier.country_or_name()))),
            EventTarget::FeedOrigin => feed_weight(supplier, hit),
        }
    }

    /// Whether the event hits `supplier` at all (weight above 0).
    pub fn hits_supplier(&self, supplier: &Supplier) -> bool {
        self.supplier_weight(supplier) > 0.0
    }
}

impl EventTargets<'_> {
    /// Like [`Disruption::supplier_weight`], for `supplier`.
    pub fn supplier_weight(&self, supplier: &Supplier) -> f64 {
        if self.hits_every_supplier() {
            return 1.0;
        }
        match self.event.target {
            EventTarget::Supplier => {
                f64::from(u8::from(self.matches(&normalize_name(&supplier.name))))
            }
            EventTarget::Country => f64::from(u8::from(
                self.matches(&normalize_name(supplier.country_or_name())),
            )),
            EventTarget::FeedOrigin => {
                feed_weight(supplier, |origin| self.matches(&normalize_name(origin)))
            }
        }
    }
}

/// The fraction (0–1) of `supplier`'s feed from origins that `hit` picks:
/// their shares over the sum of all shares (negative or non-finite shares
/// count as 0).
fn feed_weight(supplier: &Supplier, mut hit: impl FnMut(&str) -> bool) -> f64 {
    let share = |pct: f64| if pct.is_finite() { pct.max(0.0) } else { 0.0 };
    let origins = supplier.feed_origins();
    let total: f64 = origins.iter().map(|&(_, pct)| share(pct)).sum();
    if total <= 0.0 {
        return 0.0;
    }
    let from_hit: f64 = origins
        .iter()
        .filter(|&&(origin, _)| hit(origin))
        .map(|&(_, pct)| share(pct))
        .sum();
    (from_hit / total).clamp(0.0, 1.0)
}
