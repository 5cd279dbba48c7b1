//! The scenario: what a planner edits. Plain data, no behaviour beyond small
//! helpers; the projection and validation live in their own modules.
//!
//! Units are part of every name: money in US dollars (`_usd`), quantities in
//! the mineral's own [`Unit`] (`_qty`), time in months from the scenario
//! start (`_months`), rates in percent (`_pct`).

use super::disruption::Disruption;
use super::month::YearMonth;
use super::uncertainty::{MonteCarloSettings, Range};
use serde::{Deserialize, Serialize};

/// The `format_version` written by this build. Files with a larger number are
/// refused rather than half-read.
/// Version 2 added `disruptions` and two settings; version 1 files load
/// with no disruptions and the default settings. Version 3 added
/// `variants`; older files load with none.
pub const FORMAT_VERSION: u32 = 3;

/// Longest horizon a scenario may cover: 20 years.
pub const MAX_HORIZON_MONTHS: u32 = 240;

/// A complete planning scenario: timeframe, settings and minerals.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Scenario {
    /// Version of the file format; see `docs/FORMAT.md`.
    pub format_version: u32,
    pub name: String,
    /// Free text: sources, assumptions, who signed off.
    #[serde(default)]
    pub notes: String,
    /// First month of the plan (scenario month 1).
    pub start: YearMonth,
    /// Number of months projected, 1 to [`MAX_HORIZON_MONTHS`].
    pub horizon_months: u32,
    #[serde(default)]
    pub settings: Settings,
    pub minerals: Vec<Mineral>,
    /// Export bans, quotas, licensing delays, tariffs and price shocks.
    #[serde(default)]
    pub disruptions: Vec<Disruption>,
    /// Named variants of this scenario ("Approved plan", "Ban in 2026"),
    /// each a complete scenario of its own whose `variants` is empty. See
    /// `model/variants.rs` and `docs/FORMAT.md`. Not written when empty, so
    /// files without variants look as before.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub variants: Vec<Scenario>,
}

/// Scenario-wide modelling choices.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Settings {
    /// Budget that a purchase ceiling stops from being spent in a month is
    /// added to the next month's budget (`true`, the default) or forfeited.
    pub carry_over_unspent: bool,
    /// Orders that a ban, quota or refusal blocks are re-sourced from the
    /// remaining suppliers (`true`, the default) or left unspent.
    pub resource_blocked_orders: bool,
    /// What happens to orders in transit when a ban starts.
    pub in_transit_on_ban: InTransitOnBan,
    /// The year that purchase ceilings and supplier capacities count in.
    /// Default [`PlanYear::ScenarioStart`], the meaning of files written
    /// before it existed; not written when it is the default.
    #[serde(skip_serializing_if = "PlanYear::is_scenario_start")]
    pub plan_year: PlanYear,
    /// Seed and number of samples of the Monte Carlo run (see
    /// "Uncertainty" in `docs/MODEL.md`); not written when the default.
    #[serde(skip_serializing_if = "MonteCarloSettings::is_default")]
    pub monte_carlo: MonteCarloSettings,
    /// Ordering stops once what is held and on its way reaches the
    /// requirement; the money left is "not needed" (see "Stop at the
    /// requirement" in `docs/MODEL.md`). Default `false`, the meaning of
    /// files written before it existed; written only when on. New
    /// scenarios and the samples have it on.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub stop_at_requirement: bool,
}

impl Default for Settings {
    fn default() -> Self {
        Self {
            carry_over_unspent: true,
            resource_blocked_orders: true,
            in_transit_on_ban: InTransitOnBan::Delivered,
            plan_year: PlanYear::ScenarioStart,
            monte_carlo: MonteCarloSettings::default(),
            stop_at_requirement: false,
        }
    }
}

/// The year in which ceilings and capacities (`_per_year`) are counted. See
/// "Plan years" in `docs/MODEL.md`. Export quotas always count per calendar
/// year (January–December), whatever this says.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, Default)]
pub enum PlanYear {
    /// Year 1 is months 1–12 of the plan, year 2 months 13–24, …
    #[default]
    ScenarioStart,
    /// A fiscal year starting in `first_month` (1 = January … 12 =
    /// December; US federal: 10, October). A plan starting mid-year has a
    /// short first plan year.
    FiscalYear { first_month: u32 },
}

impl PlanYear {
    /// The US federal fiscal year, October to September: what new
    /// scenarios use.
    pub const US_FEDERAL: PlanYear = PlanYear::FiscalYear { first_month: 10 };

    /// Whether it is the default, [`PlanYear::ScenarioStart`].
    pub fn is_scenario_start(&self) -> bool {
        *self == PlanYear::ScenarioStart
    }

    /// The first calendar month (1–12) of a fiscal year; `None` for plan
    /// years counted from the scenario's start (or a month out of range).
    pub fn fiscal_first_month(&self) -> Option<u32> {
        match *self {
            PlanYear::FiscalYear { first_month } if (1..=12).contains(&first_month) => {
                Some(first_month)
            }
            _ => None,
        }
    }

    /// The name of the fiscal year that `month` falls in (January 2026 is in
    /// FY26 of a fiscal year from October; October 2026 starts FY27).
    pub fn fiscal_year_of(first_month: u32, month: YearMonth) -> String {
        let starts_in = if month.month >= first_month {
            month.year
        } else {
            month.year - 1
        };
        Self::fiscal_year_label(first_month, YearMonth::new(starts_in, first_month))
    }

    /// The name of the fiscal year that starts in `month`, as the plot's
    /// axis and the exported chart write it: named by the calendar year it
    /// ends in, US style (October 2025 starts FY26; a fiscal year from
    /// January is its own year).
    pub fn fiscal_year_label(first_month: u32, month: YearMonth) -> String {
        let ends_in = if first_month == 1 {
            month.year
        } else {
            month.year + 1
        };
        format!("FY{:02}", ends_in.rem_euclid(100))
    }

    /// Whether scenario month `month` (1-based) of a plan starting in
    /// `start` opens a plan year. Month 1 always does.
    #[inline]
    pub fn starts_year(self, start: YearMonth, month: u32) -> bool {
        match self {
            PlanYear::ScenarioStart => month >= 1 && (month - 1).is_multiple_of(12),
            PlanYear::FiscalYear { first_month } => {
                month == 1 || calendar_month_of(start, month) == first_month
            }
        }
    }

    /// The plan years of a plan of `horizon` months starting in `start`, as
    /// (first, last) scenario months; the first and the last may be short.
    pub fn years(self, start: YearMonth, horizon: u32) -> Vec<(u32, u32)> {
        let mut out: Vec<(u32, u32)> = Vec::new();
        for month in 1..=horizon {
            if self.starts_year(start, month) {
                out.push((month, month));
            } else if let Some(last) = out.last_mut() {
                last.1 = month;
            }
        }
        out
    }

    /// The name of each plan year of a plan of `horizon` months from
    /// `start`: "FY26" under a fiscal year (named by the year it ends in),
    /// else "Year 1", "Year 2", …
    pub fn year_names(self, start: YearMonth, horizon: u32) -> Vec<String> {
        self.years(start, horizon)
            .iter()
            .enumerate()
            .map(|(k, &(first, _))| match self.fiscal_first_month() {
                Some(f) => PlanYear::fiscal_year_of(f, start.nth_month(first)),
                None => format!("Year {}", k + 1),
            })
            .collect()
    }

    pub fn label(self) -> String {
        match self {
            PlanYear::ScenarioStart => "Plan year from the scenario start".into(),
            PlanYear::FiscalYear { first_month } => {
                format!("Fiscal year from month {first_month}")
            }
        }
    }
}

/// Whether scenario month `month` (1-based) of a plan starting in `start`
/// opens a calendar year (January), or is month 1: export quotas count per
/// calendar year.
#[inline]
pub fn starts_calendar_year(start: YearMonth, month: u32) -> bool {
    month == 1 || calendar_month_of(start, month) == 1
}

/// The calendar month (1–12) of scenario month `month` (1-based).
#[inline]
fn calendar_month_of(start: YearMonth, month: u32) -> u32 {
    (start.month.clamp(1, 12) - 1 + (month.max(1) - 1) % 12) % 12 + 1
}

/// Orders placed before a ban that would arrive while it is in force.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, Default)]
pub enum InTransitOnBan {
    /// They still arrive (goods already cleared for export).
    #[default]
    Delivered,
    /// They are lost (stopped at the border); the money is spent.
    Lost,
}

/// The unit in which a mineral's quantities and price are expressed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, Default)]
pub enum Unit {
    /// Metric tonnes.
    #[default]
    #[serde(rename = "t")]
    Tonne,
    /// Kilograms.
    #[serde(rename = "kg")]
    Kilogram,
}

impl Unit {
    pub const ALL: [Unit; 2] = [Unit::Tonne, Unit::Kilogram];

    pub fn symbol(self) -> &'static str {
        match self {
            Unit::Tonne => "t",
            Unit::Kilogram => "kg",
        }
    }
}

/// One material in the stockpile plan.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Mineral {
    pub name: String,
    #[serde(default)]
    pub unit: Unit,
    /// Market price at the scenario start, USD per unit.
    pub price_usd_per_unit: f64,
    /// Yearly price escalation, % per year (compounded monthly).
    #[serde(default)]
    pub escalation_pct_per_year: f64,
    /// Quantity the stockpile should hold (the shortfall to cover).
    pub requirement_qty: f64,
    /// Quantity already held at the start.
    #[serde(default)]
    pub opening_inventory_qty: f64,
    /// Total budget over the timeframe, USD.
    pub budget_usd: f64,
    /// How the budget is spread over the months.
    #[serde(default)]
    pub spending: SpendingProfile,
    pub suppliers: Vec<Supplier>,
    /// The most that may be bought per plan year.
    #[serde(default)]
    pub ceiling: PurchaseCeiling,
    /// What the country consumes per year, in the mineral's unit, for
    /// coverage in months of consumption (see "Coverage in time" in
    /// `docs/MODEL.md`). `None`: not stated; not written when `None`, so
    /// files without it read and save as before.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub annual_consumption_qty: Option<f64>,
    /// 90 % interval of the price at the start, for the Monte Carlo run
    /// (see "Uncertainty" in `docs/MODEL.md`). `None`: the price is
    /// certain. Ranges are optional and not written when `None`, like every
    /// `_range` field.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub price_range_usd_per_unit: Option<Range>,
    /// 90 % interval of the yearly escalation, %.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub escalation_range_pct_per_year: Option<Range>,
}

/// How a mineral's budget is spread over the timeframe.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, Default)]
pub enum SpendingProfile {
    /// `budget_usd / horizon_months` every month.
    #[default]
    Even,
    /// USD per plan year (year 1 = months 1–12), spread evenly over the months
    /// of that year inside the horizon. The amounts should add up to
    /// `budget_usd`.
    PerYearUsd(Vec<f64>),
    /// USD per month, month 1 first. The amounts should add up to
    /// `budget_usd`.
    PerMonthUsd(Vec<f64>),
}

impl SpendingProfile {
    pub fn label(&self) -> &'static str {
        match self {
            SpendingProfile::Even => "Even per month",
            SpendingProfile::PerYearUsd(_) => "Amounts per year",
            SpendingProfile::PerMonthUsd(_) => "Amounts per month",
        }
    }
}

/// A source the mineral is bought from: the qualified refiner or seller the
/// stockpile contracts with (first tier), with where its raw material comes
/// from (second tier, [`Supplier::feed`]). See "Two tiers of supply" in
/// `docs/MODEL.md`.
///
/// `country`, `capacity_qty_per_year` and `feed` are optional and are not
/// written when left at their defaults, so files without them read and
/// save as before.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Supplier {
    /// Company or country, e.g. "DRC" or "Umicore (BE)".
    pub name: String,
    /// Share of the mineral's purchases, %. Shares add up to 100.
    pub share_pct: f64,
    /// Months from order to delivery; 0 = delivered in the month ordered.
    #[serde(default)]
    pub lead_time_months: u32,
    /// Country of the refiner or seller, e.g. "Canada". Empty: unknown
    /// (events on a country of supply then never hit it).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub country: String,
    /// The most it can sell per plan year, in the mineral's unit, re-sourced
    /// orders included. `None`: unlimited.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub capacity_qty_per_year: Option<f64>,
    /// Where its raw material comes from, shares adding up to 100. Empty:
    /// all from its own country, or from its name when the country is empty
    /// (see [`Supplier::feed_origins`]).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub feed: Vec<FeedShare>,
    /// 90 % interval of the share before the shares are scaled to 100 %.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub share_range_pct: Option<Range>,
    /// 90 % interval of the lead time, months (a sample is rounded).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lead_time_range_months: Option<Range>,
    /// 90 % interval of the capacity (only with a capacity).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub capacity_range_qty_per_year: Option<Range>,
    /// Capacities that come into force from a month on (an expansion
    /// funded under DPA Title III, a plant closing), in the order of their
    /// months; before the first, `capacity_qty_per_year` holds.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub capacity_changes: Vec<CapacityChange>,
}

/// From month `from` on, a supplier can sell `qty_per_year` a plan year
/// (paced like any capacity, see "Annual limits are paced" in
/// `docs/MODEL.md`).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CapacityChange {
    pub from: YearMonth,
    pub qty_per_year: f64,
}

impl Supplier {
    /// Whether some month of the plan limits what it can sell: a capacity,
    /// or one to come.
    pub fn has_capacity_limit(&self) -> bool {
        self.capacity_qty_per_year.is_some() || !self.capacity_changes.is_empty()
    }
}

/// One origin of a supplier's raw material.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FeedShare {
    /// Country (or mine, region) the material comes from, e.g. "DRC".
    pub origin: String,
    /// Share of the supplier's feed from it, %.
    pub share_pct: f64,
    /// 90 % interval of the share before the feed is scaled to 100 %.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub share_range_pct: Option<Range>,
}

impl FeedShare {
    /// An origin with its share, %, and no range.
    pub fn new(origin: impl Into<String>, share_pct: f64) -> Self {
        Self {
            origin: origin.into(),
            share_pct,
            share_range_pct: None,
        }
    }
}

impl Supplier {
    /// A supplier with a name, a share and a lead time, in no known country,
    /// without a capacity limit and with its feed from itself.
    pub fn new(name: impl Into<String>, share_pct: f64, lead_time_months: u32) -> Self {
        Self {
            name: name.into(),
            share_pct,
            lead_time_months,
            country: String::new(),
            capacity_qty_per_year: None,
            feed: Vec::new(),
            share_range_pct: None,
            lead_time_range_months: None,
            capacity_range_qty_per_year: None,
            capacity_changes: Vec::new(),
        }
    }

    /// Its country of supply for events on a country: `country`, or its name
    /// when no country is given (so a supplier named "China" is in China).
    pub fn country_or_name(&self) -> &str {
        if self.country.trim().is_empty() {
            &self.name
        } else {
            &self.country
        }
    }

    /// The origins of its feed with their shares, %: `feed` when given,
    /// else its country (or, when the country is empty, its name) at 100 %.
    pub fn feed_origins(&self) -> Vec<(&str, f64)> {
        if self.feed.is_empty() {
            let own = if self.country.trim().is_empty() {
                self.name.as_str()
            } else {
                self.country.as_str()
            };
            vec![(own, 100.0)]
        } else {
            self.feed
                .iter()
                .map(|f| (f.origin.as_str(), f.share_pct))
                .collect()
        }
    }
}

/// The most of a mineral that may be bought (ordered) per plan year.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, Default)]
pub enum PurchaseCeiling {
    /// No limit beyond the budget.
    #[default]
    None,
    /// A fixed quantity per plan year, in the mineral's unit.
    QtyPerYear(f64),
    /// A share of the qualified annual supply (qualified, non-adversary
    /// supply of the right grade, not world output).
    PctOfQualifiedSupply {
        pct: f64,
        qualified_supply_qty_per_year: f64,
    },
    /// A quantity for each plan year, the first plan year first, as the
    /// Annual Materials Plan sets one per fiscal year; plan years after
    /// the list keep its last amount.
    QtyByPlanYear(Vec<f64>),
}

impl PurchaseCeiling {
    /// The ceiling as a quantity per plan year, or `None` when unlimited;
    /// for a ceiling given per plan year, the largest year's (what "at most
    /// … a year" can say of it).
    pub fn qty_per_year(&self) -> Option<f64> {
        match self {
            PurchaseCeiling::QtyByPlanYear(amounts) => amounts.iter().copied().reduce(f64::max),
            _ => self.qty_in_plan_year(0),
        }
    }

    /// The ceiling of plan year `year` (0 = the first), or `None` when
    /// unlimited. A per-year list keeps its last amount after its end.
    pub fn qty_in_plan_year(&self, year: usize) -> Option<f64> {
        match self {
            PurchaseCeiling::None => None,
            PurchaseCeiling::QtyPerYear(q) => Some(*q),
            PurchaseCeiling::PctOfQualifiedSupply {
                pct,
                qualified_supply_qty_per_year,
            } => Some(pct / 100.0 * qualified_supply_qty_per_year),
            PurchaseCeiling::QtyByPlanYear(amounts) => {
                amounts.get(year).or(amounts.last()).copied()
            }
        }
    }

    pub fn label(&self) -> &'static str {
        match self {
            PurchaseCeiling::None => "No ceiling",
            PurchaseCeiling::QtyPerYear(_) => "Quantity per year",
            PurchaseCeiling::PctOfQualifiedSupply { .. } => "% of qualified supply",
            PurchaseCeiling::QtyByPlanYear(_) => "Quantity per plan year",
        }
    }
}

impl Mineral {
    /// A new mineral with one supplier taking the whole share, sized so that it
    /// projects sensibly straight away.
    pub fn new(name: impl Into<String>) -> Self {
        Self {
            name: name.into(),
            unit: Unit::Tonne,
            price_usd_per_unit: 10_000.0,
            escalation_pct_per_year: 0.0,
            requirement_qty: 1_000.0,
            opening_inventory_qty: 0.0,
            budget_usd: 10_000_000.0,
            spending: SpendingProfile::Even,
            suppliers: vec![Supplier::new("Supplier 1", 100.0, 3)],
            ceiling: PurchaseCeiling::None,
            annual_consumption_qty: None,
            price_range_usd_per_unit: None,
            escalation_range_pct_per_year: None,
        }
    }

    /// Sum of supplier shares, %.
    pub fn total_share_pct(&self) -> f64 {
        self.suppliers.iter().map(|s| s.share_pct).sum()
    }

    /// Scale the shares so that they add up to exactly 100 %. Shares that are
    /// all zero become equal. Returns `false` when there is nothing to scale.
    pub fn normalize_shares(&mut self) -> bool {
        let n = self.suppliers.len();
        if n == 0 {
            return false;
        }
        let total: f64 = self
            .suppliers
            .iter()
            .map(|s| {
                if s.share_pct.is_finite() {
                    s.share_pct.max(0.0)
                } else {
                    0.0
                }
            })
            .sum();
        for s in &mut self.suppliers {
            let share = if s.share_pct.is_finite() {
                s.share_pct.max(0.0)
            } else {
                0.0
            };
            s.share_pct = if total > 0.0 {
                share / total * 100.0
            } else {
                100.0 / n as f64
            };
        }
        // Put the rounding remainder on the largest share so the sum is 100.
        let rest = 100.0 - self.total_share_pct();
        if let Some(largest) = self
            .suppliers
            .iter_mut()
            .max_by(|a, b| a.share_pct.total_cmp(&b.share_pct))
        {
            largest.share_pct += rest;
        }
        true
    }

    /// Change the budget, scaling per-year or per-month amounts with it so the
    /// profile keeps its shape and still adds up to the budget.
    pub fn set_budget_usd(&mut self, budget_usd: f64) {
        let old = self.budget_usd;
        self.budget_usd = budget_usd;
        if let SpendingProfile::PerYearUsd(amounts) | SpendingProfile::PerMonthUsd(amounts) =
            &mut self.spending
        {
            let sum: f64 = amounts.iter().sum();
            let base = if sum > 0.0 { sum } else { old };
            if base > 0.0 && base.is_finite() {
                for a in amounts.iter_mut() {
                    *a *= budget_usd / base;
                }
            } else if !amounts.is_empty() {
                let each = budget_usd / amounts.len() as f64;
                amounts.iter_mut().for_each(|a| *a = each);
            }
        }
    }
}

impl Scenario {
    /// An empty scenario starting in `start`, five years long, counting
    /// ceilings and capacities in US federal fiscal years (October to
    /// September).
    pub fn empty(name: impl Into<String>, start: YearMonth) -> Self {
        Self {
            format_version: FORMAT_VERSION,
            name: name.into(),
            notes: String::new(),
            start,
            horizon_months: 60,
            settings: Settings {
                plan_year: PlanYear::US_FEDERAL,
                stop_at_requirement: true,
                ..Settings::default()
            },
            minerals: Vec::new(),
            disruptions: Vec::new(),
            variants: Vec::new(),
        }
    }

    /// The calendar month of scenario month `month_index` (1-based).
    pub fn calendar_month(&self, month_index: u32) -> YearMonth {
        self.start.nth_month(month_index)
    }

    /// A mineral name not yet used in this scenario, based on `base`.
    pub fn unused_mineral_name(&self, base: &str) -> String {
        if !self.minerals.iter().any(|m| m.name == base) {
            return base.to_string();
        }
        (2..)
            .map(|n| format!("{base} {n}"))
            .find(|name| !self.minerals.iter().any(|m| &m.name == name))
            .unwrap_or_else(|| base.to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_fiscal_year_is_named_by_the_year_it_ends_in() {
        // US federal: October 2025 to September 2026 is FY2026.
        assert_eq!(
            PlanYear::fiscal_year_label(10, YearMonth::new(2025, 10)),
            "FY26"
        );
        assert_eq!(
            PlanYear::fiscal_year_label(7, YearMonth::new(2029, 7)),
            "FY30"
        );
        // A fiscal year from January is the calendar year.
        assert_eq!(
            PlanYear::fiscal_year_label(1, YearMonth::new(2026, 1)),
            "FY26"
        );
        assert_eq!(PlanYear::US_FEDERAL.fiscal_first_month(), Some(10));
        // The year a month falls in: January 2026 is in FY26.
        assert_eq!(
            PlanYear::fiscal_year_of(10, YearMonth::new(2026, 1)),
            "FY26"
        );
        assert_eq!(
            PlanYear::fiscal_year_of(10, YearMonth::new(2026, 10)),
            "FY27"
        );
        assert_eq!(PlanYear::fiscal_year_of(1, YearMonth::new(2026, 5)), "FY26");
        assert_eq!(PlanYear::ScenarioStart.fiscal_first_month(), None);
    }

    #[test]
    fn normalize_makes_shares_sum_to_100() {
        let mut m = Mineral::new("Cobalt");
        m.suppliers[0].share_pct = 60.0;
        m.suppliers.push(Supplier::new("B", 60.0, 0));
        m.normalize_shares();
        assert!((m.total_share_pct() - 100.0).abs() < 1e-12);
        assert!((m.suppliers[0].share_pct - 50.0).abs() < 1e-9);
    }

    #[test]
    fn setting_budget_scales_yearly_amounts() {
        let mut m = Mineral::new("Cobalt");
        m.budget_usd = 300.0;
        m.spending = SpendingProfile::PerYearUsd(vec![100.0, 200.0]);
        m.set_budget_usd(600.0);
        assert_eq!(m.spending, SpendingProfile::PerYearUsd(vec![200.0, 400.0]));
    }

    #[test]
    fn percent_ceiling_is_a_quantity() {
        let c = PurchaseCeiling::PctOfQualifiedSupply {
            pct: 10.0,
            qualified_supply_qty_per_year: 9_000.0,
        };
        assert_eq!(c.qty_per_year(), Some(900.0));
    }
}
