//! What one event does to the plan, and when it does nothing, why: so that
//! a planner who adds an export ban in a meeting and sees the coverage
//! lines stay put can tell a real "no effect" from a broken tool. Pure
//! functions; see "Why an event changes nothing" in `docs/MODEL.md`.
//!
//! The effect is measured, not guessed: the scenario is projected with the
//! event enabled and with that one event disabled (the other events as they
//! are). When nothing moves, the reason is looked for in a fixed order, and
//! each reason that depends on the numbers is confirmed by a counterfactual
//! projection (the same pair without the purchase ceiling, or without
//! re-sourcing), so no reason is claimed that is not true.

use super::disruption::{Disruption, DisruptionKind, EventTarget};
use super::projection::{Projection, project};
use super::scenario::{MAX_HORIZON_MONTHS, Mineral, PlanYear, PurchaseCeiling, Scenario};

/// A difference in coverage smaller than this, in percentage points, in
/// every month of every mineral, counts as no effect.
pub const NO_EFFECT_PTS: f64 = 0.05;

/// What one event changes in the projection.
#[derive(Clone, Debug, PartialEq)]
pub struct EventEffect {
    /// Final coverage lost per mineral of the scenario, percentage points
    /// (>= 0 means lost), in scenario mineral order; 0 for minerals it does
    /// not touch. Coverage without the event minus coverage with it.
    pub coverage_lost_pts: Vec<f64>,
    /// Per mineral, USD spent with the event minus USD spent without it:
    /// positive when it makes the plan spend more (a price shock under a
    /// binding ceiling), negative when it leaves money unspent (a ban whose
    /// orders are not re-sourced). 0 for minerals it does not touch.
    pub extra_spent_usd: Vec<f64>,
    /// One line in plain words when it changes no month's coverage of any
    /// mineral by [`NO_EFFECT_PTS`] or more, else `None`. An event that only
    /// delays deliveries (same final coverage, lower coverage in between)
    /// has an effect: `None`.
    pub no_effect_reason: Option<String>,
}

/// What event `event_index` of `scenario` changes, or `None` when there is
/// no such event.
///
/// A disabled event is measured as if it were enabled: the planner wants to
/// know what it would do before ticking it.
///
/// When it changes no coverage, `no_effect_reason` gives the first of these
/// that applies (wording in `docs/MODEL.md`): its window lies outside the
/// plan; none of the minerals it names is in the plan; none of its minerals
/// buys from the supplier it names; its size is zero; its minerals spend
/// nothing while it is in force; (a quota) the purchase ceiling or the
/// budget keeps purchases below the quota; (a ban, cut, refusal or quota)
/// its blocked orders are re-sourced; (a tariff or price shock) the
/// purchase ceiling binds, not the budget; else "no effect on coverage in
/// this plan".
///
/// Cost: two projections of the whole scenario (each under 1 ms on the
/// 50-mineral, 30-event benchmark). When the event has no effect, up to
/// two more pairs confirm the reason (without the ceiling, without
/// re-sourcing): at most six projections. Call it for the selected event,
/// not for every event every frame.
pub fn event_effect(scenario: &Scenario, event_index: usize) -> Option<EventEffect> {
    scenario.disruptions.get(event_index)?;
    let (with_it, without_it) = project_pair(scenario, event_index);
    let coverage_lost_pts = with_it.coverage_lost_vs(&without_it);
    let extra_spent_usd = with_it
        .minerals
        .iter()
        .zip(&without_it.minerals)
        .map(|(w, o)| w.total_cost_usd - o.total_cost_usd)
        .collect();
    let no_effect_reason = (!coverage_differs(&with_it, &without_it))
        .then(|| why_no_effect(scenario, event_index, &with_it, &without_it));
    Some(EventEffect {
        coverage_lost_pts,
        extra_spent_usd,
        no_effect_reason,
    })
}

/// `scenario` with event `index` enabled, and with it disabled.
fn scenario_pair(scenario: &Scenario, index: usize) -> (Scenario, Scenario) {
    let mut with_it = scenario.clone();
    // Variants are not projected: no need to carry them.
    with_it.variants.clear();
    let mut without_it = with_it.clone();
    with_it.disruptions[index].enabled = true;
    without_it.disruptions[index].enabled = false;
    (with_it, without_it)
}

fn project_pair(scenario: &Scenario, index: usize) -> (Projection, Projection) {
    let (with_it, without_it) = scenario_pair(scenario, index);
    (project(&with_it), project(&without_it))
}

/// Whether some month of some mineral differs by [`NO_EFFECT_PTS`] or more.
fn coverage_differs(a: &Projection, b: &Projection) -> bool {
    a.minerals.iter().zip(&b.minerals).any(|(x, y)| {
        x.months
            .iter()
            .zip(&y.months)
            .any(|(r, s)| (r.coverage_pct - s.coverage_pct).abs() >= NO_EFFECT_PTS)
    })
}

/// Whether event `index` changes coverage in `scenario` (a counterfactual).
fn has_effect(scenario: &Scenario, index: usize) -> bool {
    let (with_it, without_it) = project_pair(scenario, index);
    coverage_differs(&with_it, &without_it)
}

/// The first reason that applies, for an event measured to change nothing.
fn why_no_effect(
    scenario: &Scenario,
    index: usize,
    with_it: &Projection,
    without_it: &Projection,
) -> String {
    let event = Disruption {
        enabled: true,
        ..scenario.disruptions[index].clone()
    };
    let horizon = scenario.horizon_months.min(MAX_HORIZON_MONTHS);
    if horizon == 0 {
        return "no effect: the plan has no months".into();
    }
    // (1) Its window lies outside the plan.
    let (first, last) = event.month_range(scenario.start);
    let plan_end = scenario.start.nth_month(horizon);
    if let Some(end) = event.end
        && end < event.start
    {
        return format!(
            "no effect: it ends ({end}) before it starts ({})",
            event.start
        );
    }
    if last < 1 {
        let end = event.end.unwrap_or(event.start);
        return format!(
            "no effect: it ends ({end}) before the plan starts ({})",
            scenario.start
        );
    }
    if first > i64::from(horizon) {
        return format!(
            "no effect: it starts in {}, after the plan ends ({plan_end})",
            event.start
        );
    }

    // (2) None of the minerals it names is in the plan.
    let targeted: Vec<usize> = (0..scenario.minerals.len())
        .filter(|&k| event.hits_mineral(&scenario.minerals[k].name))
        .collect();
    if scenario.minerals.is_empty() {
        return "no effect: the plan has no minerals".into();
    }
    if targeted.is_empty() {
        return format!(
            "no effect: none of its minerals is in the plan ({})",
            name_list(&event.minerals)
        );
    }

    // (3) It names a supplier, country or feed origin that none of its
    // minerals draws on (and it does not move the world price, which
    // reaches every supplier).
    let names_supplier = !matches!(event.kind, DisruptionKind::PriceShockPct(_))
        && !event.supplier.trim().is_empty()
        && event.world_price_pct == 0.0;
    let buying: Vec<usize> = targeted
        .iter()
        .copied()
        .filter(|&k| buys_from(&scenario.minerals[k], &event))
        .collect();
    if names_supplier && buying.is_empty() {
        return not_exposed(scenario, &targeted, &event);
    }
    // The minerals it acts on: those that buy from its supplier (all the
    // targeted ones when it names none).
    let hit = if names_supplier { buying } else { targeted };

    // Its size is zero.
    if is_zero_sized(&event.kind) {
        return format!("no effect: its size is zero ({})", event.kind.summary());
    }

    // Nothing is spent on its minerals while it is in force.
    let (from, to) = (first.max(1) as u32, last.min(i64::from(horizon)) as u32);
    let spends_nothing = hit.iter().all(|&k| {
        without_it.minerals[k].months[(from - 1) as usize..to as usize]
            .iter()
            .all(|r| r.spend_usd == 0.0)
    });
    if spends_nothing {
        let when = if from == to {
            format!("in {}", scenario.start.nth_month(from))
        } else {
            format!(
                "while it is in force ({} to {})",
                scenario.start.nth_month(from),
                scenario.start.nth_month(to)
            )
        };
        return match hit.as_slice() {
            [k] => format!(
                "no effect: {} spends nothing {when}",
                scenario.minerals[*k].name
            ),
            _ => format!("no effect: its minerals spend nothing {when}"),
        };
    }

    let unit = scenario.minerals[hit[0]].unit.symbol();
    let ceilings: Vec<Option<f64>> = hit
        .iter()
        .map(|&k| scenario.minerals[k].ceiling.qty_per_year())
        .collect();
    let any_ceiling = ceilings.iter().any(Option::is_some);
    let without_ceilings = || {
        let mut free = scenario.clone();
        free.variants.clear();
        for k in &hit {
            free.minerals[*k].ceiling = PurchaseCeiling::None;
        }
        free
    };

    // (4) A quota that the ceiling or the budget keeps from binding.
    if let DisruptionKind::ExportQuotaQty(q) = event.kind {
        let quota = q.max(0.0);
        if any_ceiling && has_effect(&without_ceilings(), index) {
            let all_below = ceilings.iter().all(|c| c.is_some_and(|c| c <= quota));
            let most = ceilings.iter().flatten().fold(0.0_f64, |a, &c| a.max(c));
            return if all_below {
                format!(
                    "no effect: the purchase ceiling already binds: at most {} a year can \
                     be bought, below the quota of {}",
                    qty(most, unit),
                    qty(quota, unit)
                )
            } else {
                format!(
                    "no effect: the purchase ceiling already binds: it keeps purchases from \
                     {} below the quota of {}",
                    match event.supplier.trim() {
                        "" => "each supplier",
                        name => name,
                    },
                    qty(quota, unit)
                )
            };
        }
        // The most bought in any calendar year it touches (quotas count
        // per calendar year), every supplier together, when the ceiling is
        // reached in none of the plan years it touches.
        let mut most = 0.0_f64;
        let mut ceiling_reached = false;
        let plan_years = scenario.settings.plan_year.years(scenario.start, horizon);
        let calendar_years = PlanYear::FiscalYear { first_month: 1 }.years(scenario.start, horizon);
        for (&k, ceiling) in hit.iter().zip(&ceilings) {
            let bought_in = |(year_first, year_last): (u32, u32)| -> Option<f64> {
                if year_last < from || year_first > to {
                    return None;
                }
                Some(
                    without_it.minerals[k].months[(year_first - 1) as usize..year_last as usize]
                        .iter()
                        .map(|r| r.ordered_qty)
                        .sum(),
                )
            };
            for &year in &calendar_years {
                if let Some(bought) = bought_in(year) {
                    most = most.max(bought);
                }
            }
            for &year in &plan_years {
                if let Some(bought) = bought_in(year) {
                    ceiling_reached |= ceiling.is_some_and(|c| bought >= c * (1.0 - 1e-9));
                }
            }
        }
        if !ceiling_reached && most < quota {
            return format!(
                "no effect: the budget buys at most {} a year in all, below the quota of {}",
                qty(most, unit),
                qty(quota, unit)
            );
        }
    }

    // (5) Blocked orders re-sourced from the other suppliers.
    let blocks = match event.kind {
        DisruptionKind::ExportBan
        | DisruptionKind::ExportQuotaQty(_)
        | DisruptionKind::ExportCutPct(_) => true,
        DisruptionKind::LicensingDelay { refused_pct, .. } => refused_pct > 0.0,
        DisruptionKind::TariffPct(_) | DisruptionKind::PriceShockPct(_) => false,
    };
    if blocks && scenario.settings.resource_blocked_orders {
        let mut kept = scenario.clone();
        kept.variants.clear();
        kept.settings.resource_blocked_orders = false;
        if has_effect(&kept, index) {
            return "no effect on coverage: its blocked orders are re-sourced from the other \
                    suppliers"
                .into();
        }
    }

    // (6) A higher or lower price absorbed by a binding ceiling.
    let prices = matches!(
        event.kind,
        DisruptionKind::TariffPct(_) | DisruptionKind::PriceShockPct(_)
    ) || event.world_price_pct != 0.0;
    if prices && any_ceiling && has_effect(&without_ceilings(), index) {
        let extra: f64 = hit
            .iter()
            .map(|&k| with_it.minerals[k].total_cost_usd - without_it.minerals[k].total_cost_usd)
            .sum();
        return if extra >= 0.5 {
            format!(
                "no effect on coverage: the purchase ceiling binds, not the budget, so paying \
                 more per {unit} only spends more of the budget (+{})",
                usd(extra)
            )
        } else if extra <= -0.5 {
            format!(
                "no effect on coverage: the purchase ceiling binds, not the budget, so paying \
                 less per {unit} only leaves more of the budget unspent ({})",
                usd(-extra)
            )
        } else {
            "no effect on coverage: the purchase ceiling binds, not the budget".into()
        };
    }

    // (7) Nothing more specific found.
    "no effect on coverage in this plan".into()
}

/// Why an event on a supplier, a country or a feed origin that none of the
/// `targeted` minerals draws on changes nothing, in the words of its target:
/// "Antimony does not buy from Nyrstar", "none of Antimony's suppliers is
/// in China", "none of Antimony's suppliers draws feed from China (their
/// feed: Bolivia, Australia, Mexico)".
fn not_exposed(scenario: &Scenario, targeted: &[usize], event: &Disruption) -> String {
    let target = event.target;
    let name = event.supplier.trim();
    let whose = match targeted {
        [k] => format!("{}'s suppliers", scenario.minerals[*k].name),
        _ => "its minerals' suppliers".to_string(),
    };
    match target {
        EventTarget::Supplier => match targeted {
            [k] => format!(
                "no effect: {} does not buy from {name}",
                scenario.minerals[*k].name
            ),
            _ => format!("no effect: none of its minerals buys from {name}"),
        },
        EventTarget::Country => format!("no effect: none of {whose} is in {name}"),
        EventTarget::FeedOrigin => {
            let mut origins: Vec<&str> = Vec::new();
            for &k in targeted {
                for s in &scenario.minerals[k].suppliers {
                    for (origin, _) in s.feed_origins() {
                        if !origins.contains(&origin) {
                            origins.push(origin);
                        }
                    }
                }
            }
            let feed = if origins.is_empty() {
                String::new()
            } else {
                format!(" (their feed: {})", name_list_str(&origins))
            };
            format!("no effect: none of {whose} draws feed from {name}{feed}")
        }
    }
}

/// Whether `mineral` buys (share above 0) from a supplier `event` hits.
fn buys_from(mineral: &Mineral, event: &Disruption) -> bool {
    mineral
        .suppliers
        .iter()
        .any(|s| s.share_pct > 0.0 && event.hits_supplier(s))
}

/// Events that change nothing by their own terms: a 0 % cut, tariff or
/// shock, a delay of 0 months with 0 % refused.
fn is_zero_sized(kind: &DisruptionKind) -> bool {
    match *kind {
        DisruptionKind::ExportBan | DisruptionKind::ExportQuotaQty(_) => false,
        DisruptionKind::ExportCutPct(p) => p <= 0.0,
        DisruptionKind::LicensingDelay {
            extra_lead_time_months,
            refused_pct,
        } => extra_lead_time_months == 0 && refused_pct <= 0.0,
        DisruptionKind::TariffPct(p) | DisruptionKind::PriceShockPct(p) => p == 0.0,
    }
}

/// [`name_list`] of borrowed names.
fn name_list_str(names: &[&str]) -> String {
    let owned: Vec<String> = names.iter().map(|n| n.to_string()).collect();
    name_list(&owned)
}

/// Up to three names: "Gallium, Germanium and Tungsten", "A, B, C and 2
/// more".
fn name_list(names: &[String]) -> String {
    let names: Vec<&str> = names
        .iter()
        .map(|n| n.trim())
        .filter(|n| !n.is_empty())
        .collect();
    match names.as_slice() {
        [] => "no names".into(),
        [one] => (*one).into(),
        [a, b] => format!("{a} and {b}"),
        [a, b, c] => format!("{a}, {b} and {c}"),
        [a, b, c, rest @ ..] => format!("{a}, {b}, {c} and {} more", rest.len()),
    }
}

/// A quantity: "6 t", "7,500 t", "2.5 kg".
fn qty(value: f64, unit: &str) -> String {
    let rounded = if value.abs() >= 100.0 {
        grouped(value.round())
    } else {
        let s = format!("{value:.2}");
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    };
    format!("{rounded} {unit}")
}

/// Whole dollars: "$1,234".
fn usd(value: f64) -> String {
    format!("${}", grouped(value.round()))
}

/// A whole number with thousands separators.
fn grouped(value: f64) -> String {
    if !value.is_finite() {
        return value.to_string();
    }
    let digits = format!("{:.0}", value.abs());
    let mut out = String::with_capacity(digits.len() + digits.len() / 3 + 1);
    if value < 0.0 && digits != "0" {
        out.push('-');
    }
    for (i, ch) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(ch);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_and_numbers_read_plainly() {
        let names = |v: &[&str]| name_list(&v.iter().map(|s| s.to_string()).collect::<Vec<_>>());
        assert_eq!(names(&["Gallium"]), "Gallium");
        assert_eq!(names(&["Gallium", "Germanium"]), "Gallium and Germanium");
        assert_eq!(names(&["A", "B", "C", "D", "E"]), "A, B, C and 2 more");
        assert_eq!(qty(6.0, "t"), "6 t");
        assert_eq!(qty(2.5, "kg"), "2.5 kg");
        assert_eq!(qty(7_500.2, "t"), "7,500 t");
        assert_eq!(usd(1_234_567.4), "$1,234,567");
        let start = crate::model::YearMonth::new(2026, 1);
        assert_eq!(
            PlanYear::ScenarioStart.years(start, 26),
            vec![(1, 12), (13, 24), (25, 26)]
        );
        // A plan from July 2026 in fiscal years from October: July to
        // September, then whole years.
        assert_eq!(
            PlanYear::US_FEDERAL.years(crate::model::YearMonth::new(2026, 7), 26),
            vec![(1, 3), (4, 15), (16, 26)]
        );
    }
}
