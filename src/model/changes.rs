//! What differs between two versions of a scenario, in the planner's words:
//! "budget of Cobalt", "Mineral added: Gallium". Used to name undo steps
//! ("Undo budget of Cobalt").

use super::disruption::Disruption;
use super::scenario::{Mineral, Scenario, Supplier};

/// One difference between two scenarios.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Change {
    /// What changed, e.g. "budget of Cobalt" or "mineral Gallium added".
    pub what: String,
}

/// Every difference from `before` to `after`, coarsest first: a mineral,
/// event or variant added or removed is one change, not one per field.
/// Changes inside a variant are prefixed with its name ("Ban in 2026:
/// budget of Cobalt"); a renamed variant is "variant A renamed to B".
pub fn changes(before: &Scenario, after: &Scenario) -> Vec<Change> {
    let mut out = Vec::new();
    let mut add = |what: String| out.push(Change { what });
    if before.name != after.name {
        add("scenario name".into());
    }
    scenario_changes(before, after, &mut add);
    if before.variants.len() == after.variants.len() {
        for (a, b) in before.variants.iter().zip(&after.variants) {
            if a.name != b.name {
                add(format!("variant {} renamed to {}", a.name, b.name));
            }
            scenario_changes(a, b, &mut |what| add(format!("{}: {what}", b.name)));
        }
    } else {
        list_changes(
            &before.variants,
            &after.variants,
            |v| v.name.as_str(),
            "variant",
            &mut add,
            |_, _, _| {},
        );
    }
    out
}

/// The changes of one scenario (base or variant) except its name and its
/// variants.
fn scenario_changes(before: &Scenario, after: &Scenario, add: &mut dyn FnMut(String)) {
    if before.notes != after.notes {
        add("scenario notes".into());
    }
    if before.start != after.start {
        add("start month".into());
    }
    if before.horizon_months != after.horizon_months {
        add("horizon".into());
    }
    if before.settings.carry_over_unspent != after.settings.carry_over_unspent {
        add("carry-over of unspent budget".into());
    }
    if before.settings.resource_blocked_orders != after.settings.resource_blocked_orders {
        add("re-sourcing of blocked orders".into());
    }
    if before.settings.in_transit_on_ban != after.settings.in_transit_on_ban {
        add("orders in transit when a ban starts".into());
    }
    if before.settings.plan_year != after.settings.plan_year {
        add("plan year".into());
    }
    if before.settings.stop_at_requirement != after.settings.stop_at_requirement {
        add("stop at the requirement".into());
    }
    let (a, b) = (&before.settings.monte_carlo, &after.settings.monte_carlo);
    if a.seed != b.seed {
        add("Monte Carlo seed".into());
    }
    if a.samples != b.samples {
        add("Monte Carlo samples".into());
    }
    list_changes(
        &before.minerals,
        &after.minerals,
        |m| m.name.as_str(),
        "mineral",
        add,
        mineral_changes,
    );
    list_changes(
        &before.disruptions,
        &after.disruptions,
        |d| d.name.as_str(),
        "event",
        add,
        event_changes,
    );
}

/// Items added or removed are named once; items at the same place are
/// compared field by field with `compare`.
fn list_changes<T: PartialEq>(
    before: &[T],
    after: &[T],
    name: impl Fn(&T) -> &str,
    kind: &str,
    add: &mut dyn FnMut(String),
    compare: impl Fn(&T, &T, &mut dyn FnMut(String)),
) {
    if before.len() == after.len() {
        for (a, b) in before.iter().zip(after) {
            compare(a, b, add);
        }
    } else if after.len() > before.len() {
        for b in after.iter().filter(|b| !before.contains(b)) {
            add(format!("{kind} {} added", name(b)));
        }
    } else {
        for a in before.iter().filter(|a| !after.contains(a)) {
            add(format!("{kind} {} removed", name(a)));
        }
    }
}

fn mineral_changes(a: &Mineral, b: &Mineral, add: &mut dyn FnMut(String)) {
    let who = &a.name;
    let mut field = |changed: bool, what: &str| {
        if changed {
            add(format!("{what} of {who}"));
        }
    };
    field(a.name != b.name, "name");
    field(a.unit != b.unit, "unit");
    field(a.budget_usd != b.budget_usd, "budget");
    field(
        a.spending != b.spending && a.budget_usd == b.budget_usd,
        "spending profile",
    );
    field(a.price_usd_per_unit != b.price_usd_per_unit, "price");
    field(
        a.escalation_pct_per_year != b.escalation_pct_per_year,
        "price escalation",
    );
    field(a.requirement_qty != b.requirement_qty, "requirement");
    field(
        a.opening_inventory_qty != b.opening_inventory_qty,
        "opening inventory",
    );
    field(a.ceiling != b.ceiling, "purchase ceiling");
    field(
        a.annual_consumption_qty != b.annual_consumption_qty,
        "annual consumption",
    );
    field(
        a.price_range_usd_per_unit != b.price_range_usd_per_unit,
        "price range",
    );
    field(
        a.escalation_range_pct_per_year != b.escalation_range_pct_per_year,
        "escalation range",
    );
    let same_suppliers = a.suppliers.len() == b.suppliers.len()
        && a.suppliers
            .iter()
            .zip(&b.suppliers)
            .all(|(x, y)| without_ranges(x) == without_ranges(y));
    if !same_suppliers {
        add(format!("suppliers of {who}"));
        return;
    }
    // Only ranges differ: name the supplier and the range, as the undo
    // step of one field.
    for (x, y) in a.suppliers.iter().zip(&b.suppliers) {
        let mut range = |changed: bool, what: &str| {
            if changed {
                add(format!("{what} of {} ({who})", y.name));
            }
        };
        range(x.share_range_pct != y.share_range_pct, "share range");
        range(
            x.lead_time_range_months != y.lead_time_range_months,
            "lead time range",
        );
        range(
            x.capacity_range_qty_per_year != y.capacity_range_qty_per_year,
            "capacity range",
        );
        let feed_ranges =
            |s: &Supplier| -> Vec<_> { s.feed.iter().map(|f| f.share_range_pct).collect() };
        range(feed_ranges(x) != feed_ranges(y), "feed range");
    }
}

/// A supplier with its ranges taken out: what is left are the fields the
/// lines of the plot use.
fn without_ranges(s: &Supplier) -> Supplier {
    let mut s = s.clone();
    s.share_range_pct = None;
    s.lead_time_range_months = None;
    s.capacity_range_qty_per_year = None;
    for f in &mut s.feed {
        f.share_range_pct = None;
    }
    s
}

/// An event's chance and start range are named on their own ("chance of
/// DRC quota"); any other field as "event DRC quota".
fn event_changes(a: &Disruption, b: &Disruption, add: &mut dyn FnMut(String)) {
    let rest = |d: &Disruption| Disruption {
        probability_pct: 100.0,
        start_range: None,
        ..d.clone()
    };
    if rest(a) != rest(b) {
        add(format!("event {}", b.name));
    }
    if a.probability_pct != b.probability_pct {
        add(format!("chance of {}", b.name));
    }
    if a.start_range != b.start_range {
        add(format!("start range of {}", b.name));
    }
}

/// A short name for the step from `before` to `after`: the one change, or
/// the first one and how many others.
pub fn describe_step(before: &Scenario, after: &Scenario) -> String {
    let all = changes(before, after);
    match all.as_slice() {
        [] => "no change".into(),
        [one] => one.what.clone(),
        [first, rest @ ..] => format!("{} and {} more", first.what, rest.len()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::YearMonth;

    fn base() -> Scenario {
        let mut s = Scenario::empty("Plan", YearMonth::new(2026, 1));
        s.minerals.push(Mineral::new("Cobalt"));
        s.minerals.push(Mineral::new("Antimony"));
        s
    }

    #[test]
    fn a_budget_edit_is_named_by_field_and_mineral() {
        let a = base();
        let mut b = a.clone();
        b.minerals[0].set_budget_usd(600e6);
        assert_eq!(describe_step(&a, &b), "budget of Cobalt");
    }

    #[test]
    fn an_added_mineral_is_one_change() {
        let a = base();
        let mut b = a.clone();
        b.add_mineral();
        assert_eq!(describe_step(&a, &b), "mineral New mineral added");
        assert_eq!(describe_step(&b, &a), "mineral New mineral removed");
    }

    #[test]
    fn variants_added_removed_renamed_and_edited_are_named() {
        let a = base();
        let mut b = a.clone();
        b.duplicate_variant(0);
        b.variants[0].name = "Ban in 2026".into();
        assert_eq!(describe_step(&a, &b), "variant Ban in 2026 added");
        assert_eq!(describe_step(&b, &a), "variant Ban in 2026 removed");
        let mut c = b.clone();
        c.variants[0].minerals[0].set_budget_usd(1e6);
        assert_eq!(describe_step(&b, &c), "Ban in 2026: budget of Cobalt");
        let mut d = b.clone();
        d.variants[0].name = "Approved plan".into();
        assert_eq!(
            describe_step(&b, &d),
            "variant Ban in 2026 renamed to Approved plan"
        );
        // An edit of the base is not said to be in a variant.
        let mut e = b.clone();
        e.minerals[1].requirement_qty = 5.0;
        assert_eq!(describe_step(&b, &e), "requirement of Antimony");
    }

    #[test]
    fn several_changes_are_counted() {
        let a = base();
        let mut b = a.clone();
        b.horizon_months = 24;
        b.minerals[1].price_usd_per_unit = 1.0;
        assert_eq!(describe_step(&a, &b), "horizon and 1 more");
        assert_eq!(describe_step(&a, &a), "no change");
    }
}
