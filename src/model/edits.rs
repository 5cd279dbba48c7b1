//! Structural edits of a scenario: add, duplicate and remove minerals,
//! suppliers and events. The window only routes the planner's commands to
//! these methods, so the same edit behaves the same from a menu, a button,
//! a shortcut or a test, and is tested without a window.
//!
//! Every method ignores an index that is out of range (returning `None` or
//! `false`) rather than panicking: an index can be stale by a frame.

use super::disruption::{Disruption, DisruptionKind};
use super::presets;
use super::scenario::{Mineral, Scenario, Supplier};
use super::uncertainty::Range;

/// A new supplier's lead time, months: a typical ocean shipment plus customs.
const NEW_SUPPLIER_LEAD_TIME_MONTHS: u32 = 3;

/// A new event starts a year into the plan, where a what-if usually begins.
const NEW_EVENT_START_MONTH: u32 = 13;

impl Scenario {
    /// Append a mineral with a name not yet used; returns its index.
    pub fn add_mineral(&mut self) -> usize {
        let name = self.unused_mineral_name("New mineral");
        self.minerals.push(Mineral::new(name));
        self.minerals.len() - 1
    }

    /// Insert a copy of mineral `index` after it, named "… (copy)"; returns
    /// the copy's index.
    pub fn duplicate_mineral(&mut self, index: usize) -> Option<usize> {
        let mut copy = self.minerals.get(index)?.clone();
        copy.name = self.unused_mineral_name(&format!("{} (copy)", copy.name));
        self.minerals.insert(index + 1, copy);
        Some(index + 1)
    }

    /// Remove mineral `index`, returning it.
    pub fn remove_mineral(&mut self, index: usize) -> Option<Mineral> {
        (index < self.minerals.len()).then(|| self.minerals.remove(index))
    }

    /// Append a supplier with a 0 % share to mineral `mineral` (the shares
    /// stay as they were; the planner types the new one's share).
    pub fn add_supplier(&mut self, mineral: usize) -> Option<usize> {
        let m = self.minerals.get_mut(mineral)?;
        let n = m.suppliers.len() + 1;
        m.suppliers.push(Supplier::new(
            format!("Supplier {n}"),
            0.0,
            NEW_SUPPLIER_LEAD_TIME_MONTHS,
        ));
        Some(m.suppliers.len() - 1)
    }

    /// Remove supplier `supplier` of mineral `mineral`.
    pub fn remove_supplier(&mut self, mineral: usize, supplier: usize) -> Option<Supplier> {
        let m = self.minerals.get_mut(mineral)?;
        (supplier < m.suppliers.len()).then(|| m.suppliers.remove(supplier))
    }

    /// Scale the shares of mineral `mineral` to add up to 100 %.
    pub fn normalize_shares(&mut self, mineral: usize) -> bool {
        self.minerals
            .get_mut(mineral)
            .is_some_and(Mineral::normalize_shares)
    }

    /// Append a blank export ban on the first supplier of mineral
    /// `near_mineral` (a starting point to edit), a year into the plan;
    /// returns its index.
    pub fn add_event(&mut self, near_mineral: usize) -> usize {
        let supplier = self
            .minerals
            .get(near_mineral)
            .and_then(|m| m.suppliers.first())
            .map(|s| s.name.clone())
            .unwrap_or_default();
        let start = self.calendar_month(NEW_EVENT_START_MONTH.min(self.horizon_months.max(1)));
        self.disruptions.push(Disruption::new(
            "New event",
            DisruptionKind::ExportBan,
            &supplier,
            start,
        ));
        self.disruptions.len() - 1
    }

    /// Append event `n` of the preset library; returns its index.
    pub fn add_preset(&mut self, n: usize) -> Option<usize> {
        let event = presets::all().into_iter().nth(n)?;
        self.disruptions.push(event);
        Some(self.disruptions.len() - 1)
    }

    /// Remove event `index`, returning it.
    pub fn remove_event(&mut self, index: usize) -> Option<Disruption> {
        (index < self.disruptions.len()).then(|| self.disruptions.remove(index))
    }
}

/// Budget edits that apply a goal seek or a budget allocation
/// (`model/goal_seek.rs`, `model/allocation.rs`). Each scales a mineral's
/// per-year or per-month amounts with its budget, as typing the budget
/// does ([`Mineral::set_budget_usd`]).
impl Scenario {
    /// Set the budget of mineral `mineral` (a goal seek's
    /// `GoalSeek::budget_usd`). `false`, and nothing changes, when there is
    /// no such mineral.
    pub fn set_mineral_budget(&mut self, mineral: usize, budget_usd: f64) -> bool {
        match self.minerals.get_mut(mineral) {
            Some(m) => {
                m.set_budget_usd(budget_usd);
                true
            }
            None => false,
        }
    }

    /// Set every mineral's budget at once, in mineral order (an
    /// allocation's `Allocation::budgets_usd`): one edit, so one undo step.
    /// `false`, and nothing changes, when the count differs from the
    /// number of minerals.
    pub fn set_budgets(&mut self, budgets_usd: &[f64]) -> bool {
        if budgets_usd.len() != self.minerals.len() {
            return false;
        }
        for (m, &b) in self.minerals.iter_mut().zip(budgets_usd) {
            m.set_budget_usd(b);
        }
        true
    }
}

/// Feed-mix edits (the second tier of supply: where a supplier's raw
/// material comes from).
impl Scenario {
    /// Add an origin to supplier `supplier` of mineral `mineral`, with the
    /// share still missing from 100 %; returns its index.
    pub fn add_feed_origin(&mut self, mineral: usize, supplier: usize) -> Option<usize> {
        let s = self
            .minerals
            .get_mut(mineral)?
            .suppliers
            .get_mut(supplier)?;
        let given: f64 = s.feed.iter().map(|f| f.share_pct).sum();
        s.feed.push(super::scenario::FeedShare::new(
            "New origin",
            (100.0 - given).max(0.0),
        ));
        Some(s.feed.len() - 1)
    }

    /// Remove origin `origin` of a supplier's feed, returning it.
    pub fn remove_feed_origin(
        &mut self,
        mineral: usize,
        supplier: usize,
        origin: usize,
    ) -> Option<super::scenario::FeedShare> {
        let s = self
            .minerals
            .get_mut(mineral)?
            .suppliers
            .get_mut(supplier)?;
        (origin < s.feed.len()).then(|| s.feed.remove(origin))
    }

    /// Give origin `origin` of a supplier's feed a 90 % range of its share
    /// (`Some`), or make its share certain again (`None`). `false`, and
    /// nothing changes, when there is no such origin.
    pub fn set_feed_share_range(
        &mut self,
        mineral: usize,
        supplier: usize,
        origin: usize,
        range: Option<Range>,
    ) -> bool {
        let feed = self
            .minerals
            .get_mut(mineral)
            .and_then(|m| m.suppliers.get_mut(supplier))
            .and_then(|s| s.feed.get_mut(origin));
        match feed {
            Some(f) => {
                f.share_range_pct = range;
                true
            }
            None => false,
        }
    }

    /// Replace a supplier's feed with world mine production by country
    /// (the bundled USGS table), as a starting point: a refiner that buys
    /// on the world market is fed like the world. Returns `false`, and
    /// changes nothing, when the table has no production for the mineral.
    pub fn fill_feed_from_world(
        &mut self,
        mineral: usize,
        supplier: usize,
        table: &super::reference::ReferenceTable,
    ) -> bool {
        let Some(m) = self.minerals.get(mineral) else {
            return false;
        };
        let feed = super::reference::world_feed(table, &m.name);
        match self
            .minerals
            .get_mut(mineral)
            .and_then(|m| m.suppliers.get_mut(supplier))
        {
            Some(s) if !feed.is_empty() => {
                s.feed = feed;
                true
            }
            _ => false,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::YearMonth;

    fn two_minerals() -> Scenario {
        let mut s = Scenario::empty("Edits", YearMonth::new(2026, 1));
        s.add_mineral();
        s.add_mineral();
        s
    }

    #[test]
    fn added_minerals_get_unused_names() {
        let s = two_minerals();
        assert_eq!(s.minerals[0].name, "New mineral");
        assert_eq!(s.minerals[1].name, "New mineral 2");
    }

    #[test]
    fn a_duplicate_goes_right_after_its_original() {
        let mut s = two_minerals();
        s.minerals[0].budget_usd = 42e6;
        assert_eq!(s.duplicate_mineral(0), Some(1));
        assert_eq!(s.minerals[1].name, "New mineral (copy)");
        assert_eq!(s.minerals[1].budget_usd, 42e6);
        assert_eq!(s.minerals.len(), 3);
        assert_eq!(s.duplicate_mineral(7), None);
    }

    #[test]
    fn stale_indices_change_nothing() {
        let mut s = two_minerals();
        let before = s.clone();
        assert!(s.remove_mineral(2).is_none());
        assert!(s.remove_supplier(0, 5).is_none());
        assert!(s.add_supplier(9).is_none());
        assert!(s.remove_event(0).is_none());
        assert!(s.add_preset(10_000).is_none());
        assert!(!s.normalize_shares(4));
        assert!(!s.set_feed_share_range(0, 0, 0, Some(Range::new(1.0, 2.0))));
        assert_eq!(s, before);
    }

    #[test]
    fn a_new_event_bans_the_first_supplier_a_year_in() {
        let mut s = two_minerals();
        let k = s.add_event(1);
        assert_eq!(s.disruptions[k].supplier, "Supplier 1");
        assert_eq!(s.disruptions[k].start, YearMonth::new(2027, 1));
        assert_eq!(s.remove_event(k).unwrap().name, "New event");
        assert!(s.disruptions.is_empty());
    }

    #[test]
    fn a_feed_origin_gets_a_range_and_loses_it() {
        let mut s = two_minerals();
        s.add_supplier(0);
        assert_eq!(s.add_feed_origin(0, 0), Some(0));
        let range = Some(Range::new(20.0, 60.0));
        assert!(s.set_feed_share_range(0, 0, 0, range));
        assert_eq!(s.minerals[0].suppliers[0].feed[0].share_range_pct, range);
        assert!(s.set_feed_share_range(0, 0, 0, None));
        assert_eq!(s.minerals[0].suppliers[0].feed[0].share_range_pct, None);
        assert!(!s.set_feed_share_range(0, 0, 1, range), "no second origin");
    }

    #[test]
    fn suppliers_are_added_at_zero_share_and_normalized() {
        let mut s = two_minerals();
        assert_eq!(s.add_supplier(0), Some(1));
        s.minerals[0].suppliers[1].share_pct = 100.0;
        assert!(s.normalize_shares(0));
        assert_eq!(s.minerals[0].suppliers[1].share_pct, 50.0);
        assert_eq!(s.remove_supplier(0, 0).unwrap().name, "Supplier 1");
    }
}
