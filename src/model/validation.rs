//! Validation: every problem in a scenario, each with the path of the field it
//! concerns and a message in plain words. Never panics.

use super::disruption::{DisruptionKind, EventTarget};
use super::scenario::{MAX_HORIZON_MONTHS, PurchaseCeiling, Scenario, SpendingProfile, Supplier};
use super::uncertainty::Range;
use std::collections::HashMap;
use std::fmt;

/// Shares must add up to 100 % within this tolerance.
pub const SHARE_TOLERANCE_PCT: f64 = 0.01;

/// The largest amount of money anywhere in a scenario: $1,000 trillion,
/// far above any plan, small enough that every sum and product the
/// projection forms stays a number.
pub const MAX_USD: f64 = 1e15;
/// The largest quantity (a requirement, an inventory, a capacity, a
/// ceiling, a quota): 1,000 trillion units.
pub const MAX_QTY: f64 = 1e15;
/// The smallest price, and the smallest quantity other than 0: a millionth
/// of a unit (a milligram when the unit is kg). Smaller numbers (`1e-320`)
/// make the projection divide into infinity.
pub const MIN_POSITIVE: f64 = 1e-6;
/// The largest price: $1 trillion a unit.
pub const MAX_PRICE_USD_PER_UNIT: f64 = 1e12;
/// The largest rate in percent (escalation a year, a tariff, a premium, a
/// price change): 10,000 %, a hundredfold.
pub const MAX_RATE_PCT: f64 = 10_000.0;

/// The longest name (of the scenario, a mineral, a supplier, a country, a
/// feed origin, an event), in characters: a long line on screen.
pub const MAX_NAME_CHARS: usize = 300;
/// The longest notes (of the scenario, an event), in characters: about 30
/// printed pages; the longest sample's are 23,300.
pub const MAX_NOTES_CHARS: usize = 100_000;

/// The most times, over a scenario, that a switched-on event hits a
/// supplier (an event on China hitting 40 suppliers counts 40). The work
/// of a projection and its memory grow with it: at this limit, 240 months
/// project in about a second on a 2-core machine (`docs/RELIABILITY.md`,
/// "Bounded work"); a large real plan (4,000 suppliers, 250 events on all
/// of them) stays within it.
pub const MAX_EVENT_HITS: usize = 1_000_000;

/// Per-year or per-month amounts must add up to the budget within this much.
const PROFILE_TOLERANCE_USD: f64 = 1.0;

/// One thing wrong with a scenario.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    /// Path of the field, e.g. `minerals[2].suppliers[0].share_pct`.
    pub path: String,
    /// What is wrong, in words a planner understands.
    pub message: String,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.path, self.message)
    }
}

/// Collects problems under a path prefix.
struct Checker {
    problems: Vec<Problem>,
}

impl Checker {
    /// Paths are built only when there is a problem: validation runs on
    /// every edit, also while a value is dragged.
    fn add(&mut self, path: impl Into<String>, message: impl Into<String>) {
        self.problems.push(Problem {
            path: path.into(),
            message: message.into(),
        });
    }

    /// A number that must be finite and at least `min` (inclusive).
    fn at_least(
        &mut self,
        path: impl FnOnce() -> String,
        what: &str,
        value: f64,
        min: f64,
    ) -> bool {
        if !value.is_finite() {
            self.add(path(), format!("{what} must be a number, not {value}"));
            false
        } else if value < min {
            let rule = if min == 0.0 {
                "cannot be negative".to_string()
            } else {
                format!("must be at least {min}")
            };
            self.add(path(), format!("{what} {rule} (it is {value})"));
            false
        } else {
            true
        }
    }

    /// A number that must be finite and strictly positive.
    fn positive(&mut self, path: impl FnOnce() -> String, what: &str, value: f64) {
        if !value.is_finite() {
            self.add(path(), format!("{what} must be a number, not {value}"));
        } else if value <= 0.0 {
            self.add(
                path(),
                format!("{what} must be greater than 0 (it is {value})"),
            );
        }
    }

    /// A finite number from 0 to 100.
    fn percent(&mut self, path: impl FnOnce() -> String, what: &str, value: f64) {
        if !value.is_finite() || !(0.0..=100.0).contains(&value) {
            self.add(
                path(),
                format!("{what} must be between 0% and 100% (it is {value})"),
            );
        }
    }

    /// A 90 % interval: both ends numbers, low ≤ high, both at least `min`
    /// (above zero when `positive`) and at most `max`.
    fn range(
        &mut self,
        path: impl Fn() -> String,
        what: &str,
        range: Option<Range>,
        min: f64,
        max: f64,
        unit: Unit,
    ) {
        let Some(r) = range else { return };
        let (low, high) = (unit.shown(r.low), unit.shown(r.high));
        if !r.low.is_finite() || !r.high.is_finite() {
            self.add(path(), format!("{what} range must be two numbers"));
        } else if r.low > r.high {
            // Like an event's start range: the ends are never swapped
            // silently.
            self.add(
                path(),
                format!("{what} range runs from {low} down to {high}: the low end must come first"),
            );
        } else if r.low < min || r.high > max {
            let rule = if max.is_finite() {
                format!("from {} to {}", unit.shown(min), unit.shown(max))
            } else if min > 0.0 {
                "above zero".to_string()
            } else {
                format!("at least {}", unit.shown(min))
            };
            self.add(
                path(),
                format!("{what} range ({low} to {high}) must lie {rule}"),
            );
        }
    }

    /// After the sign checks: a finite `value` above what the projection
    /// can compute with, `max` (said as `max_words`).
    fn computable(
        &mut self,
        path: impl FnOnce() -> String,
        what: &str,
        value: f64,
        max: f64,
        max_words: &str,
    ) {
        if !value.is_finite() {
            return;
        }
        if value > max {
            self.add(
                path(),
                format!(
                    "{what} must be at most {max_words} (it is {})",
                    shown(value)
                ),
            );
        }
    }

    /// A number above 0 but below [`MIN_POSITIVE`]: too small to compute
    /// with.
    fn not_tiny(&mut self, path: impl FnOnce() -> String, what: &str, value: f64) {
        if value > 0.0 && value < MIN_POSITIVE {
            self.add(
                path(),
                format!(
                    "{what} must be 0 or at least 0.000001 (it is {}); smaller numbers cannot be computed",
                    shown(value)
                ),
            );
        }
    }

    /// A price above 0 but below [`MIN_POSITIVE`].
    fn price_not_tiny(&mut self, path: impl FnOnce() -> String, what: &str, value: f64) {
        if value > 0.0 && value < MIN_POSITIVE {
            self.add(
                path(),
                format!(
                    "{what} must be at least $0.000001 a unit (it is {}); smaller prices cannot be computed",
                    shown(value)
                ),
            );
        }
    }

    /// A quantity: at most [`MAX_QTY`], and 0 or at least [`MIN_POSITIVE`].
    fn qty(&mut self, path: impl Fn() -> String, what: &str, value: f64) {
        self.computable(&path, what, value, MAX_QTY, "1,000 trillion units");
        self.not_tiny(&path, what, value);
    }

    /// Money: at most [`MAX_USD`].
    fn usd(&mut self, path: impl FnOnce() -> String, what: &str, value: f64) {
        self.computable(path, what, value, MAX_USD, "$1,000 trillion");
    }

    /// A rate in percent: at most [`MAX_RATE_PCT`].
    fn rate(&mut self, path: impl FnOnce() -> String, what: &str, value: f64) {
        self.computable(path, what, value, MAX_RATE_PCT, "10,000%");
    }

    fn name(&mut self, path: impl FnOnce() -> String, what: &str, name: &str) {
        if name.trim().is_empty() {
            self.add(path(), format!("{what} needs a name"));
        } else {
            self.not_too_long(path, &format!("{what}'s name"), name, MAX_NAME_CHARS);
        }
    }

    /// Text longer than `max` characters (counted only past `max` bytes,
    /// so that a long text is not counted on every edit).
    fn not_too_long(&mut self, path: impl FnOnce() -> String, what: &str, text: &str, max: usize) {
        if text.len() > max {
            let chars = text.chars().count();
            if chars > max {
                self.add(
                    path(),
                    format!("{what} is {chars} characters long; at most {max} are allowed"),
                );
            }
        }
    }
}

/// Every problem in `scenario`, in the order of the fields. Empty means valid.
pub fn validate(scenario: &Scenario) -> Vec<Problem> {
    let mut c = Checker {
        problems: Vec::new(),
    };
    c.name(|| "name".into(), "The scenario", &scenario.name);
    c.not_too_long(
        || "notes".into(),
        "The scenario's notes",
        &scenario.notes,
        MAX_NOTES_CHARS,
    );
    if !(1..=MAX_HORIZON_MONTHS).contains(&scenario.horizon_months) {
        c.add(
            "horizon_months",
            format!(
                "The horizon must be 1 to {MAX_HORIZON_MONTHS} months (it is {})",
                scenario.horizon_months
            ),
        );
    }
    if let crate::model::scenario::PlanYear::FiscalYear { first_month } =
        scenario.settings.plan_year
        && !(1..=12).contains(&first_month)
    {
        c.add(
            "settings.plan_year.first_month",
            format!(
                "The fiscal year must start in a month from 1 (January) to 12 (December) (it is {first_month})"
            ),
        );
    }
    let samples = scenario.settings.monte_carlo.samples;
    if !(1..=super::uncertainty::MAX_SAMPLES).contains(&samples) {
        c.add(
            "settings.monte_carlo.samples",
            format!(
                "A Monte Carlo run takes 1 to {} samples (it is {samples})",
                super::uncertainty::MAX_SAMPLES
            ),
        );
    }
    if scenario.minerals.is_empty() {
        c.add("minerals", "The scenario has no minerals yet");
    }
    let horizon = scenario.horizon_months;
    // Minerals by trimmed name, in one pass (no comparison of every pair).
    // Ignoring case, as variant names: "Cobalt" and "cobalt" would be one
    // mineral to a reader, and `--mineral COBALT` could not tell them apart.
    let name_key = |name: &str| name.trim().to_lowercase();
    let mut same_names: HashMap<String, Vec<usize>> = HashMap::new();
    for (i, m) in scenario.minerals.iter().enumerate() {
        if !m.name.trim().is_empty() {
            same_names.entry(name_key(&m.name)).or_default().push(i);
        }
    }

    for (i, m) in scenario.minerals.iter().enumerate() {
        let at = |field: &str| format!("minerals[{i}].{field}");
        c.name(|| at("name"), "A mineral", &m.name);
        if let Some(others) = same_names.get(&name_key(&m.name))
            && others.len() > 1
        {
            // Said under every mineral of the group, so the planner sees it
            // under the one being edited.
            let numbers: Vec<String> = others
                .iter()
                .filter(|&&j| j != i)
                .map(|j| format!("#{}", j + 1))
                .collect();
            // The other's own spelling: "cobalt" is told of "Cobalt".
            let other = others
                .iter()
                .find(|&&j| j != i)
                .map_or(m.name.trim(), |&j| scenario.minerals[j].name.trim());
            let case = if other == m.name.trim() {
                ""
            } else {
                " (ignoring capitals)"
            };
            c.add(
                at("name"),
                format!(
                    "Another mineral ({}) is also called \"{other}\"{case}; names must differ",
                    numbers.join(", "),
                ),
            );
        }
        c.positive(
            || at("price_usd_per_unit"),
            "The price",
            m.price_usd_per_unit,
        );
        c.price_not_tiny(
            || at("price_usd_per_unit"),
            "The price",
            m.price_usd_per_unit,
        );
        c.computable(
            || at("price_usd_per_unit"),
            "The price",
            m.price_usd_per_unit,
            MAX_PRICE_USD_PER_UNIT,
            "$1 trillion a unit",
        );
        c.at_least(
            || at("escalation_pct_per_year"),
            "The price escalation",
            m.escalation_pct_per_year,
            -99.0,
        );
        c.rate(
            || at("escalation_pct_per_year"),
            "The price escalation",
            m.escalation_pct_per_year,
        );
        c.positive(
            || at("requirement_qty"),
            "The requirement",
            m.requirement_qty,
        );
        c.qty(
            || at("requirement_qty"),
            "The requirement",
            m.requirement_qty,
        );
        c.at_least(
            || at("opening_inventory_qty"),
            "The opening inventory",
            m.opening_inventory_qty,
            0.0,
        );
        c.qty(
            || at("opening_inventory_qty"),
            "The opening inventory",
            m.opening_inventory_qty,
        );
        let budget_ok = c.at_least(|| at("budget_usd"), "The budget", m.budget_usd, 0.0);
        c.usd(|| at("budget_usd"), "The budget", m.budget_usd);
        if let Some(consumption) = m.annual_consumption_qty {
            c.positive(
                || at("annual_consumption_qty"),
                "The annual consumption",
                consumption,
            );
            c.qty(
                || at("annual_consumption_qty"),
                "The annual consumption",
                consumption,
            );
        }

        let (amounts, per, len_limit) = match &m.spending {
            SpendingProfile::Even => (&[][..], "", 0),
            SpendingProfile::PerYearUsd(a) => (&a[..], "year", horizon.div_ceil(12)),
            SpendingProfile::PerMonthUsd(a) => (&a[..], "month", horizon),
        };
        let mut amounts_ok = true;
        for (k, &a) in amounts.iter().enumerate() {
            amounts_ok &= c.at_least(
                || at(&format!("spending[{k}]")),
                "A spending amount",
                a,
                0.0,
            );
            c.usd(|| at(&format!("spending[{k}]")), "A spending amount", a);
        }
        if amounts.len() > len_limit as usize && !per.is_empty() {
            c.add(
                at("spending"),
                format!(
                    "{} amounts per {per} are given but the horizon has only {len_limit}; the extra ones would never be spent",
                    amounts.len()
                ),
            );
        }
        let sum: f64 = amounts.iter().sum();
        if !per.is_empty()
            && amounts_ok
            && budget_ok
            && (sum - m.budget_usd).abs() > PROFILE_TOLERANCE_USD
        {
            c.add(
                at("spending"),
                format!(
                    "The amounts per {per} add up to ${sum:.0} but the budget is ${:.0}",
                    m.budget_usd
                ),
            );
        }

        if m.suppliers.is_empty() {
            if m.budget_usd > 0.0 {
                c.add(
                    at("suppliers"),
                    "There are no suppliers, so the budget cannot be spent",
                );
            }
        } else {
            let mut shares_ok = true;
            for (k, s) in m.suppliers.iter().enumerate() {
                let sat = |field: &str| format!("minerals[{i}].suppliers[{k}].{field}");
                c.name(|| sat("name"), "A supplier", &s.name);
                c.not_too_long(|| sat("country"), "The country", &s.country, MAX_NAME_CHARS);
                shares_ok &= c.at_least(|| sat("share_pct"), "The share", s.share_pct, 0.0);
                if s.share_pct.is_finite() && s.share_pct > 100.0 {
                    c.add(
                        sat("share_pct"),
                        format!("A share cannot exceed 100% (it is {}%)", s.share_pct),
                    );
                    shares_ok = false;
                }
                if s.lead_time_months > MAX_HORIZON_MONTHS {
                    c.add(
                        sat("lead_time_months"),
                        format!(
                            "A lead time of {} months is longer than any horizon ({MAX_HORIZON_MONTHS} months)",
                            s.lead_time_months
                        ),
                    );
                }
                check_supply_tier(&mut c, s, i, k);
                c.range(
                    || sat("share_range_pct"),
                    "The share",
                    s.share_range_pct,
                    0.0,
                    100.0,
                    Unit::Pct,
                );
                c.range(
                    || sat("lead_time_range_months"),
                    "The lead time",
                    s.lead_time_range_months,
                    0.0,
                    f64::from(MAX_HORIZON_MONTHS),
                    Unit::Months,
                );
                if s.capacity_range_qty_per_year.is_some() && s.capacity_qty_per_year.is_none() {
                    c.add(
                        sat("capacity_range_qty_per_year"),
                        "A capacity range needs a capacity: set the capacity first",
                    );
                }
                c.range(
                    || sat("capacity_range_qty_per_year"),
                    "The capacity",
                    s.capacity_range_qty_per_year,
                    MIN_POSITIVE,
                    MAX_QTY,
                    Unit::Number,
                );
                for (f, feed) in s.feed.iter().enumerate() {
                    c.range(
                        || sat(&format!("feed[{f}].share_range_pct")),
                        "A feed share",
                        feed.share_range_pct,
                        0.0,
                        100.0,
                        Unit::Pct,
                    );
                }
            }
            let total = m.total_share_pct();
            if shares_ok && (total - 100.0).abs() > SHARE_TOLERANCE_PCT {
                c.add(
                    at("suppliers"),
                    format!("The supplier shares add up to {}%, not 100%", round2(total)),
                );
            }
        }

        c.range(
            || at("price_range_usd_per_unit"),
            "The price",
            m.price_range_usd_per_unit,
            MIN_POSITIVE,
            MAX_PRICE_USD_PER_UNIT,
            Unit::Usd,
        );
        c.range(
            || at("escalation_range_pct_per_year"),
            "The escalation",
            m.escalation_range_pct_per_year,
            -99.0,
            MAX_RATE_PCT,
            Unit::Pct,
        );

        match &m.ceiling {
            PurchaseCeiling::QtyByPlanYear(amounts) => {
                // More amounts than plan years is no problem: the extra ones
                // apply if the timeframe grows (the editor shows them apart).
                if amounts.is_empty() {
                    c.add(
                        at("ceiling"),
                        "The purchase ceiling per plan year needs at least one year's amount"
                            .to_string(),
                    );
                }
                for (k, &q) in amounts.iter().enumerate() {
                    c.at_least(
                        || at(&format!("ceiling[{k}]")),
                        "A plan year's ceiling",
                        q,
                        0.0,
                    );
                    c.qty(|| at(&format!("ceiling[{k}]")), "A plan year's ceiling", q);
                }
            }
            PurchaseCeiling::None => {}
            &PurchaseCeiling::QtyPerYear(q) => {
                c.at_least(|| at("ceiling"), "The purchase ceiling", q, 0.0);
                c.qty(|| at("ceiling"), "The purchase ceiling", q);
            }
            &PurchaseCeiling::PctOfQualifiedSupply {
                pct,
                qualified_supply_qty_per_year,
            } => {
                if c.at_least(|| at("ceiling.pct"), "The ceiling share", pct, 0.0) && pct > 100.0 {
                    c.add(
                        at("ceiling.pct"),
                        format!("The ceiling share cannot exceed 100% (it is {pct}%)"),
                    );
                }
                c.at_least(
                    || at("ceiling.qualified_supply_qty_per_year"),
                    "The qualified supply",
                    qualified_supply_qty_per_year,
                    0.0,
                );
                c.qty(
                    || at("ceiling.qualified_supply_qty_per_year"),
                    "The qualified supply",
                    qualified_supply_qty_per_year,
                );
            }
        }
    }
    if let Some(hits) = event_hits_over_limit(scenario) {
        c.add(
            "disruptions",
            format!(
                "The events switched on hit suppliers {} times in all (each event counts once for every supplier it hits); a scenario may have at most {} hits: switch off or narrow some events, or split the scenario",
                grouped_count(hits),
                grouped_count(MAX_EVENT_HITS)
            ),
        );
    }
    for (k, d) in scenario.disruptions.iter().enumerate() {
        let at = |field: &str| format!("disruptions[{k}].{field}");
        c.name(|| at("name"), "An event", &d.name);
        c.not_too_long(
            || at("notes"),
            "The event's notes",
            &d.notes,
            MAX_NOTES_CHARS,
        );
        c.not_too_long(
            || at("supplier"),
            "The event's supplier",
            &d.supplier,
            MAX_NAME_CHARS,
        );
        for (j, name) in d.minerals.iter().enumerate() {
            c.not_too_long(
                || at(&format!("minerals[{j}]")),
                "A mineral the event applies to",
                name,
                MAX_NAME_CHARS,
            );
        }
        match d.kind {
            DisruptionKind::ExportBan => {}
            DisruptionKind::ExportQuotaQty(q) => {
                c.at_least(|| at("kind"), "The export quota", q, 0.0);
                c.qty(|| at("kind"), "The export quota", q);
            }
            DisruptionKind::ExportCutPct(p) => c.percent(|| at("kind"), "The export cut", p),
            DisruptionKind::LicensingDelay {
                extra_lead_time_months,
                refused_pct,
            } => {
                c.percent(|| at("kind"), "The share of orders refused", refused_pct);
                if extra_lead_time_months > MAX_HORIZON_MONTHS {
                    c.add(
                        at("kind"),
                        format!(
                            "A delay of {extra_lead_time_months} months is longer than any horizon"
                        ),
                    );
                }
            }
            DisruptionKind::TariffPct(p) => {
                c.at_least(|| at("kind"), "The tariff", p, 0.0);
                c.rate(|| at("kind"), "The tariff", p);
            }
            DisruptionKind::PriceShockPct(p) => {
                c.at_least(|| at("kind"), "The price change", p, -99.0);
                c.rate(|| at("kind"), "The price change", p);
            }
        }
        if d.resourcing_premium_pct != 0.0 {
            c.at_least(
                || at("resourcing_premium_pct"),
                "The premium on re-sourced orders",
                d.resourcing_premium_pct,
                0.0,
            );
            c.rate(
                || at("resourcing_premium_pct"),
                "The premium on re-sourced orders",
                d.resourcing_premium_pct,
            );
        }
        if d.world_price_pct != 0.0 {
            c.at_least(
                || at("world_price_pct"),
                "The world price response",
                d.world_price_pct,
                -99.0,
            );
            c.rate(
                || at("world_price_pct"),
                "The world price response",
                d.world_price_pct,
            );
        }
        if d.probability_pct != 100.0 {
            c.percent(|| at("probability_pct"), "The chance", d.probability_pct);
        }
        if let Some(range) = d.start_range
            && range.latest < range.earliest
        {
            c.add(
                at("start_range"),
                format!(
                    "The start range runs from {} back to {}: the earliest month must come first",
                    range.earliest, range.latest
                ),
            );
        }
        if let Some(end) = d.end
            && end < d.start
        {
            c.add(
                at("end"),
                format!("The event ends ({end}) before it starts ({})", d.start),
            );
        }
    }
    c.problems
}

/// Every problem in the base scenario and in each of its variants, each
/// with the index of the variant it concerns (0: the base, k ≥ 1:
/// `variants[k - 1]`, as in `model/variants.rs`) and a path inside that
/// variant (`minerals[1].budget_usd`). Besides what [`validate`] finds in
/// each, a variant without a name and a variant named like the base or
/// like another variant (ignoring case and surrounding spaces) are
/// problems, at the variant's `name`.
pub fn validate_each(scenario: &Scenario) -> Vec<(usize, Problem)> {
    let mut out: Vec<(usize, Problem)> = validate(scenario).into_iter().map(|p| (0, p)).collect();
    let key = |name: &str| name.trim().to_lowercase();
    let mut by_name: HashMap<String, Vec<usize>> = HashMap::new();
    for k in 0..scenario.variant_count() {
        if let Some(name) = scenario.variant_name(k)
            && !name.trim().is_empty()
        {
            by_name.entry(key(name)).or_default().push(k);
        }
    }
    for (i, variant) in scenario.variants.iter().enumerate() {
        let k = i + 1;
        let mut c = Checker {
            problems: Vec::new(),
        };
        if variant.name.trim().is_empty() {
            c.add("name", "A variant needs a name");
        } else if let Some(same) = by_name.get(&key(&variant.name))
            && same.len() > 1
        {
            let others: Vec<String> = same
                .iter()
                .filter(|&&j| j != k)
                .map(|&j| {
                    if j == 0 {
                        "the base scenario".to_string()
                    } else {
                        format!("variant #{j}")
                    }
                })
                .collect();
            c.add(
                "name",
                format!(
                    "Another variant ({}) is also called \"{}\"; variant names must differ",
                    others.join(", "),
                    variant.name.trim()
                ),
            );
        }
        // The variant's own "needs a name" is said once, as a variant's.
        let own = validate(variant)
            .into_iter()
            .filter(|p| p.path != "name" || !variant.name.trim().is_empty());
        out.extend(c.problems.into_iter().chain(own).map(|p| (k, p)));
        if !variant.variants.is_empty() {
            out.push((
                k,
                Problem {
                    path: "variants".into(),
                    message: "A variant cannot hold variants of its own".into(),
                },
            ));
        }
    }
    out
}

/// [`validate_each`] as one list whose paths say where each problem is in
/// the file: the base's as [`validate`] gives them, a variant's prefixed
/// with its place in the `variants` list, 0-based:
/// `variants[0].minerals[1].budget_usd` is in the first variant (variant
/// index 1 in `model/variants.rs`). Empty means the base and every variant
/// are valid.
pub fn validate_all(scenario: &Scenario) -> Vec<Problem> {
    validate_each(scenario)
        .into_iter()
        .map(|(k, p)| match k {
            0 => p,
            _ => Problem {
                path: format!("variants[{}].{}", k - 1, p.path),
                message: p.message,
            },
        })
        .collect()
}

/// A supplier's capacity and feed mix (`minerals[i].suppliers[k]`): a
/// capacity must be a number above 0; each feed origin needs a name and a
/// share from 0 to 100 %, and the shares, when any are given, add up to
/// 100 % (within [`SHARE_TOLERANCE_PCT`]).
fn check_supply_tier(c: &mut Checker, s: &Supplier, i: usize, k: usize) {
    let sat = |field: &str| format!("minerals[{i}].suppliers[{k}].{field}");
    if let Some(capacity) = s.capacity_qty_per_year {
        c.positive(|| sat("capacity_qty_per_year"), "The capacity", capacity);
        c.qty(|| sat("capacity_qty_per_year"), "The capacity", capacity);
    }
    for (j, change) in s.capacity_changes.iter().enumerate() {
        c.positive(
            || sat(&format!("capacity_changes[{j}].qty_per_year")),
            "A capacity from a month on",
            change.qty_per_year,
        );
        c.qty(
            || sat(&format!("capacity_changes[{j}].qty_per_year")),
            "A capacity from a month on",
            change.qty_per_year,
        );
        if !(1..=12).contains(&change.from.month) {
            c.add(
                sat(&format!("capacity_changes[{j}].from")),
                format!(
                    "The month of a capacity change must be 1 to 12 (it is {})",
                    change.from.month
                ),
            );
        }
    }
    if s.feed.is_empty() {
        return;
    }
    let mut shares_ok = true;
    for (f, share) in s.feed.iter().enumerate() {
        let fat = |field: &str| sat(&format!("feed[{f}].{field}"));
        c.name(|| fat("origin"), "A feed origin", &share.origin);
        if !share.share_pct.is_finite() || !(0.0..=100.0).contains(&share.share_pct) {
            c.percent(|| fat("share_pct"), "A feed share", share.share_pct);
            shares_ok = false;
        }
    }
    let total: f64 = s.feed.iter().map(|f| f.share_pct).sum();
    if shares_ok && (total - 100.0).abs() > SHARE_TOLERANCE_PCT {
        c.add(
            sat("feed"),
            format!(
                "The feed shares of {} add up to {}%, not 100%",
                s.name.trim(),
                round2(total)
            ),
        );
    }
}

/// How many times the switched-on events hit a supplier, matched as the
/// projection matches them, when that is over [`MAX_EVENT_HITS`]; `None`
/// when within. Counted one by one only when the plain bound (events ×
/// suppliers) is over the limit, so that an edit of a usual scenario costs
/// nothing here.
pub fn event_hits_over_limit(scenario: &Scenario) -> Option<usize> {
    let on = scenario.disruptions.iter().filter(|d| d.enabled).count();
    let suppliers: usize = scenario.minerals.iter().map(|m| m.suppliers.len()).sum();
    if on.saturating_mul(suppliers) <= MAX_EVENT_HITS {
        return None;
    }
    let hits = event_hits(scenario);
    (hits > MAX_EVENT_HITS).then_some(hits)
}

/// How many times the switched-on events hit a supplier, matched as the
/// projection matches them (an event on a feed origin counts once for each
/// supplier with some of its feed from there).
pub fn event_hits(scenario: &Scenario) -> usize {
    use super::disruption::{EventTargets, normalize_name};
    let on: Vec<EventTargets> = scenario
        .disruptions
        .iter()
        .filter(|d| d.enabled)
        .map(EventTargets::new)
        .collect();
    if on.is_empty() {
        return 0;
    }
    let mut hits = 0usize;
    for m in &scenario.minerals {
        let name = normalize_name(&m.name);
        // Each supplier's name and country normalized once, not per event.
        let names: Vec<String> = m
            .suppliers
            .iter()
            .map(|s| normalize_name(&s.name))
            .collect();
        let countries: Vec<String> = m
            .suppliers
            .iter()
            .map(|s| normalize_name(s.country_or_name()))
            .collect();
        for t in on.iter().filter(|t| t.hits_mineral(&name)) {
            hits += match t.event.target {
                _ if t.hits_every_supplier() => m.suppliers.len(),
                EventTarget::Supplier => names.iter().filter(|n| t.matches(n)).count(),
                EventTarget::Country => countries.iter().filter(|n| t.matches(n)).count(),
                EventTarget::FeedOrigin => m
                    .suppliers
                    .iter()
                    .filter(|s| t.supplier_weight(s) > 0.0)
                    .count(),
            };
        }
    }
    hits
}

/// 1,000,000: a count with thousands separators.
fn grouped_count(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (k, ch) in digits.chars().enumerate() {
        if k > 0 && (digits.len() - k).is_multiple_of(3) {
            out.push(',');
        }
        out.push(ch);
    }
    out
}

/// How a range's ends are written in its messages, as the window shows
/// them.
#[derive(Clone, Copy)]
enum Unit {
    Usd,
    Pct,
    Months,
    Number,
}

impl Unit {
    fn shown(self, value: f64) -> String {
        match self {
            Unit::Usd if (0.01..1e15).contains(&value.abs()) => crate::display::usd_full(value),
            Unit::Usd => format!("${}", shown(value)),
            Unit::Pct => format!("{}%", shown(value)),
            Unit::Months => format!("{} months", shown(value)),
            Unit::Number => shown(value),
        }
    }
}

/// A number as typed where it is of a usual size, in scientific notation
/// where it is not (`1e-320`, not three hundred zeros).
fn shown(value: f64) -> String {
    let size = value.abs();
    if size == 0.0 || (1e-4..1e15).contains(&size) {
        format!("{value}")
    } else {
        format!("{value:e}")
    }
}

fn round2(x: f64) -> f64 {
    (x * 100.0).round() / 100.0
}
