//! The most that can be bought over the horizon under the quotas, bans and
//! purchase ceiling (`Feasibility::purchasable_qty`), summed plan year by
//! plan year.

use super::supplier_plan::Conditions;

/// Running total of what can be bought, plan year by plan year.
#[derive(Default)]
pub(super) struct Purchasable {
    /// Some supplier was open without quota this year.
    pub(super) unlimited_this_year: bool,
    /// Largest quota seen this year, per supplier index.
    quotas_this_year: Vec<(usize, f64)>,
    total_qty: f64,
    unlimited: bool,
}

impl Purchasable {
    /// Back to nothing counted, its list's allocation kept.
    pub(super) fn reset(&mut self) {
        self.unlimited_this_year = false;
        self.quotas_this_year.clear();
        self.total_qty = 0.0;
        self.unlimited = false;
    }

    #[inline]
    pub(super) fn note_supplier(&mut self, c: Conditions, fraction: f64, index: usize) {
        if c.open_fraction <= 0.0 || fraction <= 0.0 {
            return;
        }
        let limit = match (c.capacity_qty_per_year, c.quota_qty_per_year) {
            (Some(k), Some(q)) => Some(k.min(q)),
            (k, q) => k.or(q),
        };
        match limit {
            None => self.unlimited_this_year = true,
            // Unlimited this year already: the year's quotas will not count.
            Some(_) if self.unlimited_this_year => {}
            Some(q) => match self.quotas_this_year.iter_mut().find(|(i, _)| *i == index) {
                Some((_, best)) => *best = best.max(q * c.open_fraction),
                None => self.quotas_this_year.push((index, q * c.open_fraction)),
            },
        }
    }

    pub(super) fn close_year(&mut self, ceiling_qty_per_year: Option<f64>) {
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

    pub(super) fn total(&self) -> Option<f64> {
        (!self.unlimited).then_some(self.total_qty)
    }
}
