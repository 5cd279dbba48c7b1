//! What a projection gives: per mineral, one row per month and the totals,
//! with the plan's feasibility. Plain data with a few read-outs; nothing
//! here computes a projection.

use crate::model::month::YearMonth;
use crate::model::scenario::{Scenario, Unit};

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
    /// What the budget implies and what can be bought at all.
    pub feasibility: Feasibility,
    /// Budget left because ordering stopped at the requirement (setting
    /// `stop_at_requirement`), USD: part of [`unspent_usd`](Self::unspent_usd),
    /// money that was not needed rather than money that could not be spent.
    pub not_needed_usd: f64,
}

/// The quantity the budget implies and the most that can be bought within
/// the purchase ceilings, quotas, capacities and the suppliers still open.
/// What a planner reads of them is in `model::feasibility`.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Feasibility {
    /// What the budget would buy at the prices paid (tariffs and shocks
    /// included) if nothing limited purchases.
    pub budget_implied_qty: f64,
    /// The most that can be bought over the horizon; `None` when nothing
    /// limits it (no ceiling and an open supplier without quota).
    pub purchasable_qty: Option<f64>,
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
    /// An empty one, to be filled by the projection.
    pub(super) fn blank() -> Self {
        MineralProjection {
            name: String::new(),
            unit: Unit::default(),
            months: Vec::new(),
            first_full_coverage_month: None,
            in_transit_at_end_qty: 0.0,
            total_cost_usd: 0.0,
            total_ordered_qty: 0.0,
            lost_in_transit_qty: 0.0,
            not_needed_usd: 0.0,
            feasibility: Feasibility {
                budget_implied_qty: 0.0,
                purchasable_qty: None,
            },
        }
    }

    /// Coverage at the end of the horizon, %.
    pub fn final_coverage_pct(&self) -> f64 {
        self.months.last().map_or(0.0, |r| r.coverage_pct)
    }

    /// Budget not spent by the end of the horizon, USD: what could not be
    /// spent and what was not needed together.
    pub fn unspent_usd(&self) -> f64 {
        self.months.last().map_or(0.0, |r| r.unspent_usd)
    }

    /// Budget that could not be spent (ceilings, quotas, capacities,
    /// events), USD: the unspent budget less what was not needed once the
    /// requirement was ordered.
    pub fn cannot_spend_usd(&self) -> f64 {
        (self.unspent_usd() - self.not_needed_usd).max(0.0)
    }

    /// What is still to buy: the requirement less the opening inventory,
    /// not below 0.
    pub fn to_buy_qty(&self) -> f64 {
        self.months.first().map_or(0.0, |r| {
            (r.requirement_qty - (r.inventory_qty - r.delivered_qty)).max(0.0)
        })
    }

    /// Can the requirement be bought in the timeframe? [`Self::to_buy_qty`]
    /// ÷ the most that can be bought; above 1 no budget buys it in time.
    /// Infinite when something is to buy and nothing can be bought; `None`
    /// when nothing limits purchases.
    pub fn requirement_ratio(&self) -> Option<f64> {
        let purchasable = self.feasibility.purchasable_qty?;
        let to_buy = self.to_buy_qty();
        Some(if purchasable > 0.0 {
            to_buy / purchasable
        } else if to_buy > 0.0 {
            f64::INFINITY
        } else {
            0.0
        })
    }

    /// [`Self::requirement_ratio`] as the summary shows it: `1.32×`,
    /// `blocked` when nothing can be bought, `no limit` when nothing caps
    /// purchases.
    pub fn requirement_ratio_in_words(&self) -> String {
        match self.requirement_ratio() {
            Some(ratio) if ratio.is_finite() => format!("{ratio:.2}×"),
            Some(_) => "blocked".into(),
            None => "no limit".into(),
        }
    }

    /// Inventory at the end of the horizon.
    pub fn final_inventory_qty(&self) -> f64 {
        self.months.last().map_or(0.0, |r| r.inventory_qty)
    }

    /// Coverage in time at the end of the horizon: the months of consumption
    /// the final inventory would last, `inventory ÷ (annual consumption ÷
    /// 12)`. `None` when no consumption is stated (or it is not a positive
    /// number). Pass the mineral's `annual_consumption_qty`.
    pub fn months_of_consumption(&self, annual_consumption_qty: Option<f64>) -> Option<f64> {
        months_of_consumption(self.final_inventory_qty(), annual_consumption_qty)
    }

    /// [`Self::months_of_consumption`] at the end of every month, month 1
    /// first; `None` when no consumption is stated.
    pub fn months_of_consumption_by_month(
        &self,
        annual_consumption_qty: Option<f64>,
    ) -> Option<Vec<f64>> {
        monthly_consumption(annual_consumption_qty)?;
        Some(
            self.months
                .iter()
                .filter_map(|r| r.months_of_consumption(annual_consumption_qty))
                .collect(),
        )
    }
}

impl MonthRow {
    /// The months of consumption the inventory held at the end of this month
    /// would last; `None` when no consumption is stated.
    pub fn months_of_consumption(&self, annual_consumption_qty: Option<f64>) -> Option<f64> {
        months_of_consumption(self.inventory_qty, annual_consumption_qty)
    }
}

/// A positive, finite monthly consumption from an annual one.
fn monthly_consumption(annual_consumption_qty: Option<f64>) -> Option<f64> {
    annual_consumption_qty
        .filter(|a| a.is_finite() && *a > 0.0)
        .map(|a| a / 12.0)
}

/// `qty ÷ (annual ÷ 12)`: how many months of consumption `qty` would last.
fn months_of_consumption(qty: f64, annual_consumption_qty: Option<f64>) -> Option<f64> {
    monthly_consumption(annual_consumption_qty).map(|monthly| qty / monthly)
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

    /// Per mineral of `scenario` (the one projected), the months of
    /// consumption held at the end of the horizon; `None` for a mineral
    /// without a stated annual consumption.
    pub fn months_of_consumption(&self, scenario: &Scenario) -> Vec<Option<f64>> {
        self.minerals
            .iter()
            .zip(&scenario.minerals)
            .map(|(p, m)| p.months_of_consumption(m.annual_consumption_qty))
            .collect()
    }
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
