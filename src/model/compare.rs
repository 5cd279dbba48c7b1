//! Comparison with a baseline: which inputs differ between two scenarios
//! (two variants of a file, or two files), in the planner's words, and how
//! the projections moved. Pure functions; see "Comparing with a baseline"
//! in `docs/MODEL.md`.
//!
//! Minerals and events are matched by name, not by place: reordering the
//! list is no difference. Suppliers are matched by name within a mineral.
//! When a name occurs more than once, the n-th occurrence in the baseline
//! is matched with the n-th in the live scenario. The scenario's name and
//! notes, and events' notes, are not compared: they differ between
//! variants by design.

use super::disruption::{Disruption, DisruptionKind};
use super::projection::{MineralProjection, Projection};
use super::scenario::{
    InTransitOnBan, Mineral, PurchaseCeiling, Scenario, SpendingProfile, Supplier,
};
use super::uncertainty::{MonthRange, Range};
use crate::display::{
    grouped, number_short, pct_short, qty, qty_number, span, usd_full, usd_short,
};

/// One input that differs between the baseline and the live scenario.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Difference {
    /// What differs: "Cobalt · budget", "Event 'DRC suspension' · end",
    /// "Gallium · mineral added".
    pub label: String,
    /// The field's path in the live scenario (`minerals[0].budget_usd`),
    /// as in validation problems; for something only in the baseline, its
    /// path in the baseline (`minerals[3]`).
    pub path: String,
    /// The baseline's value as shown to planners: "$500M", "2025-10", "—"
    /// (not there).
    pub before: String,
    /// The live value: "$400M", "none", "added", "removed".
    pub after: String,
    /// What to select in the window to see it.
    pub target: DiffTarget,
}

impl Difference {
    /// The difference as one line: "Cobalt · budget: $500M → $400M", or
    /// the label alone for something added or removed ("Gallium · mineral
    /// added"), where "— → added" would say nothing more.
    pub fn sentence(&self) -> String {
        if self.after == "added" || self.after == "removed" {
            self.label.clone()
        } else {
            format!("{}: {} → {}", self.label, self.before, self.after)
        }
    }
}

/// What a difference is about, to select it in the window.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DiffTarget {
    /// Timeframe and settings, or something only in the baseline.
    Scenario,
    /// A mineral, by index in the live scenario.
    Mineral(usize),
    /// An event, by index in the live scenario's `disruptions`.
    Event(usize),
}

/// Every input that differs from `baseline` to `live`, in the order of the
/// file: start, horizon, settings, then minerals in the live order (those
/// removed after them), then events likewise.
pub fn differences(baseline: &Scenario, live: &Scenario) -> Vec<Difference> {
    let mut out = Diffs(Vec::new());
    let s = DiffTarget::Scenario;
    out.text(
        "Start month",
        "start".into(),
        baseline.start.to_string(),
        live.start.to_string(),
        s,
    );
    out.text(
        "Horizon",
        "horizon_months".into(),
        months(baseline.horizon_months),
        months(live.horizon_months),
        s,
    );
    let (a, b) = (&baseline.settings, &live.settings);
    out.text(
        "Carry-over of unspent budget",
        "settings.carry_over_unspent".into(),
        on_off(a.carry_over_unspent),
        on_off(b.carry_over_unspent),
        s,
    );
    out.text(
        "Stop buying at the requirement",
        "settings.stop_at_requirement".into(),
        on_off(a.stop_at_requirement),
        on_off(b.stop_at_requirement),
        s,
    );
    out.text(
        "Re-sourcing of blocked orders",
        "settings.resource_blocked_orders".into(),
        on_off(a.resource_blocked_orders),
        on_off(b.resource_blocked_orders),
        s,
    );
    let transit = |t: InTransitOnBan| match t {
        InTransitOnBan::Delivered => "delivered".to_string(),
        InTransitOnBan::Lost => "lost".to_string(),
    };
    out.text(
        "Orders in transit when a ban starts",
        "settings.in_transit_on_ban".into(),
        transit(a.in_transit_on_ban),
        transit(b.in_transit_on_ban),
        s,
    );
    out.text(
        "Plan year",
        "settings.plan_year".into(),
        a.plan_year.label(),
        b.plan_year.label(),
        s,
    );
    let (ma, mb) = (&a.monte_carlo, &b.monte_carlo);
    out.text(
        "Monte Carlo seed",
        "settings.monte_carlo.seed".into(),
        ma.seed.to_string(),
        mb.seed.to_string(),
        s,
    );
    out.text(
        "Monte Carlo samples",
        "settings.monte_carlo.samples".into(),
        grouped(f64::from(ma.samples), 0),
        grouped(f64::from(mb.samples), 0),
        s,
    );

    let (pairs, removed) = match_items(
        &baseline.minerals,
        &live.minerals,
        |m| &m.name,
        |a, b| a.unit == b.unit,
    );
    for (i, j) in pairs {
        let m = &live.minerals[i];
        match j {
            Some(j) => mineral_differences(&baseline.minerals[j], m, i, &mut out),
            None => out.added(
                format!("{} · mineral added", m.name),
                format!("minerals[{i}]"),
                DiffTarget::Mineral(i),
            ),
        }
    }
    for j in removed {
        out.removed(
            format!("{} · mineral removed", baseline.minerals[j].name),
            format!("minerals[{j}]"),
        );
    }

    let (pairs, removed) = match_items(
        &baseline.disruptions,
        &live.disruptions,
        |d| &d.name,
        |a, b| std::mem::discriminant(&a.kind) == std::mem::discriminant(&b.kind),
    );
    for (i, j) in pairs {
        let d = &live.disruptions[i];
        match j {
            Some(j) => event_differences(&baseline.disruptions[j], d, i, &mut out),
            None => out.added(
                format!("Event '{}' · added", d.name),
                format!("disruptions[{i}]"),
                DiffTarget::Event(i),
            ),
        }
    }
    for j in removed {
        out.removed(
            format!("Event '{}' · removed", baseline.disruptions[j].name),
            format!("disruptions[{j}]"),
        );
    }
    out.0
}

/// The differences found so far.
struct Diffs(Vec<Difference>);

/// How one side writes a range, in its own unit: "$40,000–$55,000/t".
type RangeText<'a> = &'a dyn Fn(&Range) -> String;

impl Diffs {
    /// A difference when the two texts differ.
    fn text(
        &mut self,
        label: &str,
        path: String,
        before: String,
        after: String,
        target: DiffTarget,
    ) {
        if before != after {
            self.0.push(Difference {
                label: label.to_string(),
                path,
                before,
                after,
                target,
            });
        }
    }

    /// A difference when the two numbers differ, shown short ("$500M") or,
    /// when the short forms are equal, in full ("$500,400,000").
    fn number(
        &mut self,
        label: String,
        path: String,
        (a, b): (f64, f64),
        short: impl Fn(f64) -> String,
        full: impl Fn(f64) -> String,
        target: DiffTarget,
    ) {
        if a == b || (a.is_nan() && b.is_nan()) {
            return;
        }
        let (mut before, mut after) = (short(a), short(b));
        if before == after {
            (before, after) = (full(a), full(b));
        }
        if before == after {
            (before, after) = (format!("{a:?}"), format!("{b:?}"));
        }
        self.0.push(Difference {
            label,
            path,
            before,
            after,
            target,
        });
    }

    /// A difference when two optional 90 % ranges differ (ends in either
    /// order are the same range), each written by its side's `texts`;
    /// "none" where there is no range (the value is certain).
    fn range(
        &mut self,
        label: String,
        path: String,
        (a, b): (Option<Range>, Option<Range>),
        texts: (RangeText<'_>, RangeText<'_>),
        target: DiffTarget,
    ) {
        let ordered = |r: Option<Range>| r.map(|r| (r.low.min(r.high), r.low.max(r.high)));
        if ordered(a) == ordered(b) {
            return;
        }
        let before = a.as_ref().map_or("none".to_string(), texts.0);
        let after = b.as_ref().map_or("none".to_string(), texts.1);
        let after = if before == after {
            format!("{after} (differs in detail)")
        } else {
            after
        };
        self.0.push(Difference {
            label,
            path,
            before,
            after,
            target,
        });
    }

    fn added(&mut self, label: String, path: String, target: DiffTarget) {
        self.0.push(Difference {
            label,
            path,
            before: "—".into(),
            after: "added".into(),
            target,
        });
    }

    fn removed(&mut self, label: String, path: String) {
        self.0.push(Difference {
            label,
            path,
            before: "present".into(),
            after: "removed".into(),
            target: DiffTarget::Scenario,
        });
    }
}

/// Which item of `baseline` each item of `live` is: first by name (the
/// n-th of a name with the n-th), then, for one left over, the item left
/// over at the same place when `same_kind` holds (a mineral of the same
/// unit, an event of the same kind, a supplier in the same country): the
/// same item renamed, so its edits are listed rather than "removed" and
/// "added". Returns (live index, baseline index if any) in live order, and
/// the baseline items matched by none.
fn match_items<T>(
    baseline: &[T],
    live: &[T],
    name: impl Fn(&T) -> &String,
    same_kind: impl Fn(&T, &T) -> bool,
) -> (Vec<(usize, Option<usize>)>, Vec<usize>) {
    let mut used = vec![false; baseline.len()];
    let mut pairs: Vec<(usize, Option<usize>)> = live
        .iter()
        .enumerate()
        .map(|(i, item)| {
            let wanted = name(item).trim();
            let j = (0..baseline.len()).find(|&j| !used[j] && name(&baseline[j]).trim() == wanted);
            if let Some(j) = j {
                used[j] = true;
            }
            (i, j)
        })
        .collect();
    for (i, j) in &mut pairs {
        if j.is_none() && *i < baseline.len() && !used[*i] && same_kind(&baseline[*i], &live[*i]) {
            used[*i] = true;
            *j = Some(*i);
        }
    }
    let removed = (0..baseline.len()).filter(|&j| !used[j]).collect();
    (pairs, removed)
}

fn mineral_differences(a: &Mineral, b: &Mineral, i: usize, out: &mut Diffs) {
    let t = DiffTarget::Mineral(i);
    let who = &b.name;
    let label = |what: &str| format!("{who} · {what}");
    let path = |field: &str| format!("minerals[{i}].{field}");
    // Renamed: matched by place (see `match_items`).
    out.text(
        &label("name"),
        path("name"),
        a.name.clone(),
        b.name.clone(),
        t,
    );
    out.text(
        &label("unit"),
        path("unit"),
        a.unit.symbol().into(),
        b.unit.symbol().into(),
        t,
    );
    let (ua, ub) = (a.unit.symbol(), b.unit.symbol());
    if ua == ub {
        out.number(
            label("price"),
            path("price_usd_per_unit"),
            (a.price_usd_per_unit, b.price_usd_per_unit),
            |v| format!("{}/{ua}", usd_short(v)),
            |v| format!("{}/{ua}", usd_full(v)),
            t,
        );
    } else {
        out.text(
            &label("price"),
            path("price_usd_per_unit"),
            format!("{}/{ua}", usd_full(a.price_usd_per_unit)),
            format!("{}/{ub}", usd_full(b.price_usd_per_unit)),
            t,
        );
    }
    out.range(
        label("price range"),
        path("price_range_usd_per_unit"),
        (a.price_range_usd_per_unit, b.price_range_usd_per_unit),
        (
            &|r| format!("{}/{ua}", span(r.low, r.high, usd_full)),
            &|r| format!("{}/{ub}", span(r.low, r.high, usd_full)),
        ),
        t,
    );
    out.number(
        label("price escalation"),
        path("escalation_pct_per_year"),
        (a.escalation_pct_per_year, b.escalation_pct_per_year),
        |v| format!("{}/year", pct_short(v)),
        |v| format!("{v}%/year"),
        t,
    );
    let escalation = |r: &Range| format!("{}%/year", span(r.low, r.high, number_short));
    out.range(
        label("escalation range"),
        path("escalation_range_pct_per_year"),
        (
            a.escalation_range_pct_per_year,
            b.escalation_range_pct_per_year,
        ),
        (&escalation, &escalation),
        t,
    );
    let quantity = |field: &str, what: &str, x: f64, y: f64, out: &mut Diffs| {
        if ua == ub {
            out.number(
                label(what),
                path(field),
                (x, y),
                |v| qty(v, ua),
                |v| format!("{v} {ua}"),
                t,
            );
        } else {
            out.text(&label(what), path(field), qty(x, ua), qty(y, ub), t);
        }
    };
    quantity(
        "requirement_qty",
        "requirement",
        a.requirement_qty,
        b.requirement_qty,
        out,
    );
    quantity(
        "opening_inventory_qty",
        "opening inventory",
        a.opening_inventory_qty,
        b.opening_inventory_qty,
        out,
    );
    if a.annual_consumption_qty != b.annual_consumption_qty {
        let stated = |c: Option<f64>, u: &str| c.map_or("not stated".to_string(), |q| qty(q, u));
        out.text(
            &label("annual consumption"),
            path("annual_consumption_qty"),
            stated(a.annual_consumption_qty, ua),
            stated(b.annual_consumption_qty, ub),
            t,
        );
    }
    out.number(
        label("budget"),
        path("budget_usd"),
        (a.budget_usd, b.budget_usd),
        usd_short,
        usd_full,
        t,
    );
    if a.spending != b.spending {
        let (before, after) = (spending(&a.spending), spending(&b.spending));
        let after = if before == after {
            format!("{after} (amounts differ)")
        } else {
            after
        };
        out.text(&label("spending"), path("spending"), before, after, t);
    }

    let (pairs, removed) = match_items(
        &a.suppliers,
        &b.suppliers,
        |s| &s.name,
        |a, b| a.country == b.country,
    );
    for (k, j) in pairs {
        let s = &b.suppliers[k];
        let sl = |what: &str| format!("{who} · supplier {} · {what}", s.name);
        let sp = |field: &str| format!("minerals[{i}].suppliers[{k}].{field}");
        match j {
            Some(j) => {
                let old = &a.suppliers[j];
                out.text(&sl("name"), sp("name"), old.name.clone(), s.name.clone(), t);
                out.number(
                    sl("share"),
                    sp("share_pct"),
                    (old.share_pct, s.share_pct),
                    pct_short,
                    |v| format!("{v}%"),
                    t,
                );
                out.range(
                    sl("share range"),
                    sp("share_range_pct"),
                    (old.share_range_pct, s.share_range_pct),
                    (&pct_span, &pct_span),
                    t,
                );
                out.text(
                    &sl("lead time"),
                    sp("lead_time_months"),
                    months(old.lead_time_months),
                    months(s.lead_time_months),
                    t,
                );
                let lead = |r: &Range| format!("{} months", span(r.low, r.high, number_short));
                out.range(
                    sl("lead time range"),
                    sp("lead_time_range_months"),
                    (old.lead_time_range_months, s.lead_time_range_months),
                    (&lead, &lead),
                    t,
                );
                supply_tier_differences((old, ua), (s, ub), &sl, &sp, t, out);
            }
            None => out.added(
                format!("{who} · supplier {} added", s.name),
                format!("minerals[{i}].suppliers[{k}]"),
                t,
            ),
        }
    }
    for j in removed {
        out.0.push(Difference {
            label: format!("{who} · supplier {} removed", a.suppliers[j].name),
            path: format!("minerals[{i}].suppliers"),
            before: "present".into(),
            after: "removed".into(),
            target: t,
        });
    }
    if a.ceiling != b.ceiling {
        let (before, after) = (ceiling(&a.ceiling, ua), ceiling(&b.ceiling, ub));
        let after = if before == after {
            format!("{after} (differs in detail)")
        } else {
            after
        };
        out.text(
            &label("purchase ceiling"),
            path("ceiling"),
            before,
            after,
            t,
        );
    }
}

/// A supplier's country, capacity and feed mix (see "Two tiers of supply"
/// in `docs/MODEL.md`).
/// Each supplier comes with its mineral's unit ("t"), for capacities.
fn supply_tier_differences(
    (a, ua): (&Supplier, &str),
    (b, ub): (&Supplier, &str),
    label: &dyn Fn(&str) -> String,
    path: &dyn Fn(&str) -> String,
    t: DiffTarget,
    out: &mut Diffs,
) {
    let country = |c: &str| {
        if c.trim().is_empty() {
            "unknown".to_string()
        } else {
            c.to_string()
        }
    };
    out.text(
        &label("country"),
        path("country"),
        country(&a.country),
        country(&b.country),
        t,
    );
    let capacity = |c: Option<f64>, unit: &str| {
        c.map_or("unlimited".to_string(), |q| {
            format!("{} per year", qty(q, unit))
        })
    };
    out.text(
        &label("capacity"),
        path("capacity_qty_per_year"),
        capacity(a.capacity_qty_per_year, ua),
        capacity(b.capacity_qty_per_year, ub),
        t,
    );
    let changes = |list: &[crate::model::scenario::CapacityChange], unit: &str| {
        if list.is_empty() {
            return "none".to_string();
        }
        let each: Vec<String> = list
            .iter()
            .map(|c| format!("{} per year from {}", qty(c.qty_per_year, unit), c.from))
            .collect();
        each.join(", ")
    };
    out.text(
        &label("capacity changes"),
        path("capacity_changes"),
        changes(&a.capacity_changes, ua),
        changes(&b.capacity_changes, ub),
        t,
    );
    let capacity_range_a = |r: &Range| format!("{} {ua} per year", span(r.low, r.high, qty_number));
    let capacity_range_b = |r: &Range| format!("{} {ub} per year", span(r.low, r.high, qty_number));
    out.range(
        label("capacity range"),
        path("capacity_range_qty_per_year"),
        (a.capacity_range_qty_per_year, b.capacity_range_qty_per_year),
        (&capacity_range_a, &capacity_range_b),
        t,
    );
    // "DRC 40% (20–60%), Zambia 60%": an origin's range beside its share.
    let feed = |s: &Supplier| {
        if s.feed.is_empty() {
            return s
                .feed_origins()
                .iter()
                .map(|(origin, pct)| format!("{origin} {pct}%"))
                .collect::<Vec<_>>()
                .join(", ");
        }
        s.feed
            .iter()
            .map(|f| match &f.share_range_pct {
                Some(r) => format!("{} {}% ({})", f.origin, f.share_pct, pct_span(r)),
                None => format!("{} {}%", f.origin, f.share_pct),
            })
            .collect::<Vec<_>>()
            .join(", ")
    };
    out.text(&label("feed"), path("feed"), feed(a), feed(b), t);
}

fn event_differences(a: &Disruption, b: &Disruption, i: usize, out: &mut Diffs) {
    let t = DiffTarget::Event(i);
    let label = |what: &str| format!("Event '{}' · {what}", b.name);
    let path = |field: &str| format!("disruptions[{i}].{field}");
    out.text(
        &label("name"),
        path("name"),
        a.name.clone(),
        b.name.clone(),
        t,
    );
    if a.kind != b.kind {
        let (before, after) = (kind(&a.kind), kind(&b.kind));
        let after = if before == after {
            format!("{after} (differs in detail)")
        } else {
            after
        };
        out.text(&label("kind"), path("kind"), before, after, t);
    }
    let supplier = |s: &str| {
        if s.trim().is_empty() {
            "every supplier".to_string()
        } else {
            s.to_string()
        }
    };
    out.text(
        &label("supplier"),
        path("supplier"),
        supplier(&a.supplier),
        supplier(&b.supplier),
        t,
    );
    out.text(
        &label("target"),
        path("target"),
        a.target.label().to_string(),
        b.target.label().to_string(),
        t,
    );
    out.text(
        &label("premium on re-sourced orders"),
        path("resourcing_premium_pct"),
        format!("+{}%", a.resourcing_premium_pct),
        format!("+{}%", b.resourcing_premium_pct),
        t,
    );
    out.text(
        &label("world price while in force"),
        path("world_price_pct"),
        format!("{:+}%", a.world_price_pct),
        format!("{:+}%", b.world_price_pct),
        t,
    );
    let minerals = |m: &[String]| {
        if m.is_empty() {
            "all minerals".to_string()
        } else {
            m.join(", ")
        }
    };
    out.text(
        &label("minerals"),
        path("minerals"),
        minerals(&a.minerals),
        minerals(&b.minerals),
        t,
    );
    out.text(
        &label("start"),
        path("start"),
        a.start.to_string(),
        b.start.to_string(),
        t,
    );
    let start_range = |r: Option<MonthRange>| r.map_or("none".to_string(), |r| months_between(&r));
    out.text(
        &label("start range"),
        path("start_range"),
        start_range(a.start_range),
        start_range(b.start_range),
        t,
    );
    let end = |e: Option<super::month::YearMonth>| e.map_or("none".to_string(), |m| m.to_string());
    out.text(&label("end"), path("end"), end(a.end), end(b.end), t);
    out.number(
        label("chance"),
        path("probability_pct"),
        (a.probability_pct, b.probability_pct),
        pct_short,
        |v| format!("{v}%"),
        t,
    );
    out.text(
        &label("enabled"),
        path("enabled"),
        on_off(a.enabled),
        on_off(b.enabled),
        t,
    );
}

fn months(n: u32) -> String {
    if n == 1 {
        "1 month".into()
    } else {
        format!("{n} months")
    }
}

/// A range of percentages: "20–60%".
fn pct_span(r: &Range) -> String {
    format!("{}%", span(r.low, r.high, number_short))
}

/// When an event may start: "2026-03 to 2026-09" (as typed: validation
/// says when the latest comes first).
fn months_between(r: &MonthRange) -> String {
    format!("{} to {}", r.earliest, r.latest)
}

fn on_off(on: bool) -> String {
    if on { "on" } else { "off" }.into()
}

/// "even per month", "per year: $100M, $200M", "per month: 60 amounts,
/// $500M in all".
fn spending(profile: &SpendingProfile) -> String {
    let list = |per: &str, amounts: &[f64]| {
        if amounts.len() <= 6 {
            let each: Vec<String> = amounts.iter().map(|&a| usd_short(a)).collect();
            format!("per {per}: {}", each.join(", "))
        } else {
            let total: f64 = amounts.iter().sum();
            format!(
                "per {per}: {} amounts, {} in all",
                amounts.len(),
                usd_short(total)
            )
        }
    };
    match profile {
        SpendingProfile::Even => "even per month".into(),
        SpendingProfile::PerYearUsd(a) => list("year", a),
        SpendingProfile::PerMonthUsd(a) => list("month", a),
    }
}

/// "none", "1,500 t/year", "16.7% of 9,000 t/year".
fn ceiling(c: &PurchaseCeiling, unit: &str) -> String {
    if let PurchaseCeiling::QtyByPlanYear(amounts) = c {
        let each: Vec<String> = amounts.iter().map(|&q| qty(q, unit)).collect();
        return format!("per plan year: {}", each.join(", "));
    }
    match *c {
        PurchaseCeiling::QtyByPlanYear(_) => unreachable!("handled above"),
        PurchaseCeiling::None => "none".into(),
        PurchaseCeiling::QtyPerYear(q) => format!("{}/year", qty(q, unit)),
        PurchaseCeiling::PctOfQualifiedSupply {
            pct,
            qualified_supply_qty_per_year,
        } => format!(
            "{} of {}/year",
            pct_short(pct),
            qty(qualified_supply_qty_per_year, unit)
        ),
    }
}

fn kind(k: &DisruptionKind) -> String {
    k.summary()
}

/// How one mineral's projection moved from the baseline to the live
/// scenario. Every number is live minus baseline.
#[derive(Clone, Debug, PartialEq)]
pub struct MineralDelta {
    pub name: String,
    /// Final coverage, percentage points.
    pub final_coverage_pts: f64,
    /// The month 100 % coverage is first reached.
    pub full_coverage: ReachDelta,
    /// Everything spent over the horizon, USD.
    pub spent_usd: f64,
    /// Budget never spent by the end of the horizon, USD.
    pub unspent_usd: f64,
}

/// How the month of first reaching 100 % coverage moved, counted in
/// calendar months (so scenarios with different start months compare
/// correctly: a plan that starts two months later and reaches 100 % in its
/// own month 10 reaches it 2 months later).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ReachDelta {
    /// Reached in the same calendar month.
    Same,
    /// Reached this many months earlier than in the baseline.
    Earlier(u32),
    /// Reached this many months later than in the baseline.
    Later(u32),
    /// Not reached in the baseline; reached in the live scenario's month
    /// index (1-based, like `first_full_coverage_month`).
    NowReached(u32),
    /// Reached in the baseline, not in the live scenario.
    NoLongerReached,
    /// Reached in neither.
    NeverReached,
}

impl ReachDelta {
    /// In words: "3 months earlier", "1 month later", "now reached
    /// (2027-03)", "no longer reached", "same month", "not reached in
    /// either". `live` gives the calendar month of [`ReachDelta::NowReached`].
    pub fn in_words(&self, live: &Projection) -> String {
        let months = |n: u32| {
            if n == 1 {
                "1 month".to_string()
            } else {
                format!("{n} months")
            }
        };
        match *self {
            ReachDelta::Same => "same month".into(),
            ReachDelta::Earlier(n) => format!("{} earlier", months(n)),
            ReachDelta::Later(n) => format!("{} later", months(n)),
            ReachDelta::NowReached(k) => format!("now reached ({})", live.calendar_month(k)),
            ReachDelta::NoLongerReached => "no longer reached".into(),
            ReachDelta::NeverReached => "not reached in either".into(),
        }
    }
}

/// Per mineral of `live`, in its order, how its projection moved from the
/// mineral of the same name in `baseline`; `None` for a mineral the
/// baseline does not have. Minerals are matched by name like in
/// [`differences`].
pub fn deltas(baseline: &Projection, live: &Projection) -> Vec<Option<MineralDelta>> {
    let (pairs, _) = match_items(
        &baseline.minerals,
        &live.minerals,
        |m| &m.name,
        |a, b| a.unit == b.unit,
    );
    pairs
        .into_iter()
        .map(|(i, j)| {
            let j = j?;
            Some(mineral_delta(
                baseline,
                &baseline.minerals[j],
                live,
                &live.minerals[i],
            ))
        })
        .collect()
}

fn mineral_delta(
    baseline: &Projection,
    b: &MineralProjection,
    live: &Projection,
    l: &MineralProjection,
) -> MineralDelta {
    let full_coverage = match (b.first_full_coverage_month, l.first_full_coverage_month) {
        (None, None) => ReachDelta::NeverReached,
        (Some(_), None) => ReachDelta::NoLongerReached,
        (None, Some(k)) => ReachDelta::NowReached(k),
        (Some(kb), Some(kl)) => {
            let was = baseline.calendar_month(kb);
            let now = live.calendar_month(kl);
            // months_until counts `was` as month 1.
            let moved = was.months_until(now) - 1;
            let n = u32::try_from(moved.unsigned_abs()).unwrap_or(u32::MAX);
            match moved {
                0 => ReachDelta::Same,
                m if m < 0 => ReachDelta::Earlier(n),
                _ => ReachDelta::Later(n),
            }
        }
    };
    MineralDelta {
        name: l.name.clone(),
        final_coverage_pts: l.final_coverage_pct() - b.final_coverage_pct(),
        full_coverage,
        spent_usd: l.total_cost_usd - b.total_cost_usd,
        // Money that cannot be spent, as the summary's Unspent (money not
        // needed once the requirement is ordered is apart).
        unspent_usd: l.cannot_spend_usd() - b.cannot_spend_usd(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{YearMonth, project};

    /// One mineral at $100/t, 100 t required, nothing held, one supplier
    /// with no lead time, no ceiling, even spending over 12 months.
    fn simple(budget_usd: f64) -> Scenario {
        crate::samples::hand_check(budget_usd)
    }

    #[test]
    fn country_capacity_feed_event_target_premium_and_plan_year_are_differences() {
        use crate::model::{Disruption, EventTarget, FeedShare};
        let mut a = simple(1200.0);
        a.disruptions.push(Disruption::new(
            "DRC ban",
            DisruptionKind::ExportBan,
            "DRC",
            YearMonth::new(2026, 1),
        ));
        let mut b = a.clone();
        let s = &mut b.minerals[0].suppliers[0];
        s.country = "Congo".into();
        s.capacity_qty_per_year = Some(40.0);
        s.feed = vec![
            FeedShare {
                origin: "DRC".into(),
                share_pct: 40.0,
                share_range_pct: None,
            },
            FeedShare {
                origin: "Zambia".into(),
                share_pct: 60.0,
                share_range_pct: None,
            },
        ];
        b.disruptions[0].target = EventTarget::FeedOrigin;
        b.disruptions[0].resourcing_premium_pct = 150.0;
        b.settings.plan_year = crate::model::PlanYear::ScenarioStart;
        let found: Vec<(String, String, String)> = differences(&a, &b)
            .into_iter()
            .map(|d| (d.path, d.before, d.after))
            .collect();
        let row = |p: &str, x: &str, y: &str| (p.to_string(), x.to_string(), y.to_string());
        assert_eq!(
            found,
            [
                row(
                    "settings.plan_year",
                    "Fiscal year from month 10",
                    "Plan year from the scenario start"
                ),
                row("minerals[0].suppliers[0].country", "unknown", "Congo"),
                row(
                    "minerals[0].suppliers[0].capacity_qty_per_year",
                    "unlimited",
                    "40.0 t per year"
                ),
                row(
                    "minerals[0].suppliers[0].feed",
                    "DRC 100%",
                    "DRC 40%, Zambia 60%"
                ),
                row("disruptions[0].target", "Supplier", "Feed origin"),
                row("disruptions[0].resourcing_premium_pct", "+0%", "+150%"),
            ]
        );
    }

    #[test]
    fn a_budget_cut_is_one_difference_in_planner_words() {
        let a = crate::samples::default_scenario();
        let mut b = a.clone();
        b.minerals[0].set_budget_usd(400e6);
        b.name = "Ban in 2026".into();
        b.notes = "other notes".into();
        assert_eq!(
            differences(&a, &b),
            vec![Difference {
                label: "Cobalt · budget".into(),
                path: "minerals[0].budget_usd".into(),
                before: "$500M".into(),
                after: "$400M".into(),
                target: DiffTarget::Mineral(0),
            }]
        );
        assert_eq!(differences(&a, &a), vec![]);
    }

    /// Finding 5 of a trial: renaming Cobalt to "Cobalt metal" in a variant
    /// showed "mineral added" and "mineral removed", hid its other edits,
    /// and the Δ column said "new". A renamed mineral (same place, same
    /// unit), supplier (same place, same country) or event (same place,
    /// same kind) is the same item: its name and other edits are listed.
    #[test]
    fn a_renamed_mineral_supplier_or_event_keeps_its_identity() {
        let a = crate::samples::OCTOBER_2025_CHINA_RESTRICTIONS.scenario();
        let mut b = a.clone();
        b.minerals[0].name = "Cobalt metal".into();
        b.minerals[0].set_budget_usd(400e6);
        b.minerals[0].suppliers[0].name = "Vale Base Metals".into();
        b.disruptions[0].name = "China licenses antimony (2024)".into();
        let found: Vec<String> = differences(&a, &b).iter().map(|d| d.sentence()).collect();
        assert!(
            found.contains(&"Cobalt metal · name: Cobalt → Cobalt metal".to_string()),
            "{found:?}"
        );
        assert!(
            found.contains(&"Cobalt metal · budget: $500M → $400M".to_string()),
            "{found:?}"
        );
        assert!(
            found.contains(&"Cobalt metal · supplier Vale Base Metals · name: Vale Port Colborne → Vale Base Metals".to_string()),
            "{found:?}"
        );
        assert!(found.iter().any(|f| f.ends_with("· name: China licenses antimony exports (Sep 2024) → China licenses antimony (2024)")), "{found:?}");
        assert!(
            !found
                .iter()
                .any(|f| f.contains("added") || f.contains("removed")),
            "{found:?}"
        );
        // The projection's Δ follows the same mineral.
        let d = deltas(&project(&a), &project(&b));
        assert!(d[0].is_some(), "Cobalt metal is compared with Cobalt");
        // A mineral of another unit at that place is not a rename.
        let mut c = a.clone();
        c.minerals[0] = Mineral::new("Gallium");
        c.minerals[0].unit = crate::model::Unit::Kilogram;
        let found: Vec<String> = differences(&a, &c).iter().map(|d| d.sentence()).collect();
        assert!(
            found
                .iter()
                .any(|f| f.starts_with("Gallium · mineral added")),
            "{found:?}"
        );
    }

    #[test]
    fn minerals_events_and_suppliers_are_matched_by_name() {
        let a = crate::samples::OCTOBER_2025_CHINA_RESTRICTIONS.scenario();
        let mut b = a.clone();
        b.minerals.swap(0, 1); // order is no difference
        b.minerals.remove(2);
        b.minerals.push(Mineral::new("Gallium"));
        let cobalt = &mut b.minerals[1];
        // Vale 33.34 % → 17.34 %, Glencore 33.33 % → 49.33 %.
        cobalt.suppliers[0].share_pct = 17.34;
        cobalt.suppliers[1].share_pct += 16.0;
        b.disruptions[0].end = Some(YearMonth::new(2026, 6));
        let found: Vec<(String, String, String, String)> = differences(&a, &b)
            .into_iter()
            .map(|d| (d.label, d.path, d.before, d.after))
            .collect();
        let removed = a.minerals[2].name.clone();
        let second = &a.minerals[0].suppliers[1];
        let first_event = &a.disruptions[0];
        let expected = vec![
            (
                "Cobalt · supplier Vale Port Colborne · share".to_string(),
                "minerals[1].suppliers[0].share_pct".to_string(),
                "33.34%".to_string(),
                "17.34%".to_string(),
            ),
            (
                format!("Cobalt · supplier {} · share", second.name),
                "minerals[1].suppliers[1].share_pct".into(),
                pct_short(second.share_pct),
                pct_short(second.share_pct + 16.0),
            ),
            (
                "Gallium · mineral added".into(),
                "minerals[3]".into(),
                "—".into(),
                "added".into(),
            ),
            (
                format!("{removed} · mineral removed"),
                "minerals[2]".into(),
                "present".into(),
                "removed".into(),
            ),
            (
                format!("Event '{}' · end", first_event.name),
                "disruptions[0].end".into(),
                "none".into(),
                "2026-06".into(),
            ),
        ];
        assert!(
            first_event.end.is_none(),
            "the sample's first event never ends"
        );
        assert_eq!(found, expected);
    }

    #[test]
    fn short_forms_that_hide_a_difference_are_written_in_full() {
        let a = simple(500_000_000.0);
        let b = simple(500_400_000.0);
        let d = differences(&a, &b);
        assert_eq!(
            (d[0].before.as_str(), d[0].after.as_str()),
            ("$500,000,000", "$500,400,000")
        );
    }

    #[test]
    fn a_budget_cut_by_hand() {
        // $24,000 over 12 months: $2,000/month buys 20 t; 100 t (100 %) at
        // the end of month 5, 240 t (240 %) at the end. $12,000: 10 t a
        // month, 100 % in month 10, 120 % at the end. Everything is spent.
        let before = project(&simple(24_000.0));
        let after = project(&simple(12_000.0));
        assert_eq!(
            deltas(&before, &after),
            vec![Some(MineralDelta {
                name: "Cobalt".into(),
                final_coverage_pts: -120.0,
                full_coverage: ReachDelta::Later(5),
                spent_usd: -12_000.0,
                unspent_usd: 0.0,
            })]
        );
        // $6,000: 5 t a month, 60 t (60 %) at the end; 100 % never reached.
        let cut = project(&simple(6_000.0));
        let d = deltas(&after, &cut)[0].clone().unwrap();
        assert_eq!(d.final_coverage_pts, -60.0);
        assert_eq!(d.full_coverage, ReachDelta::NoLongerReached);
        assert_eq!(d.spent_usd, -6_000.0);
        let d = deltas(&cut, &after)[0].clone().unwrap();
        assert_eq!(d.full_coverage, ReachDelta::NowReached(10));
        assert_eq!(
            deltas(&cut, &cut)[0].clone().unwrap().full_coverage,
            ReachDelta::NeverReached
        );
        assert_eq!(
            deltas(&after, &before)[0].clone().unwrap().full_coverage,
            ReachDelta::Earlier(5)
        );
    }

    #[test]
    fn reaching_100_pct_is_compared_in_calendar_months() {
        // The same plan started two months later reaches 100 % in its own
        // month 10 too: 2 calendar months later.
        let a = simple(12_000.0);
        let mut b = a.clone();
        b.start = YearMonth::new(2026, 3);
        let d = deltas(&project(&a), &project(&b));
        assert_eq!(d[0].as_ref().unwrap().full_coverage, ReachDelta::Later(2));
        assert_eq!(d[0].as_ref().unwrap().final_coverage_pts, 0.0);
        // A mineral the baseline lacks has no delta (one renamed in place
        // keeps its own: see a_renamed_mineral_supplier_or_event_keeps_its_identity).
        let mut gallium = b.minerals[0].clone();
        gallium.name = "Gallium".into();
        b.minerals.push(gallium);
        let d = deltas(&project(&a), &project(&b));
        assert!(d[0].is_some());
        assert_eq!(d[1], None);
    }
}
