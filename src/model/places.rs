//! Where a field is, in the planner's words: the validation path
//! `minerals[0].suppliers[1].share_pct` reads "Cobalt · supplier Umicore ·
//! share". Problem lists (the status bar, the save question) speak these
//! words, never paths; the command line's `check` keeps the paths, which
//! scripts read.

use super::scenario::Scenario;

/// `path` (as in [`super::Problem::path`]) in words, naming minerals,
/// suppliers, events and variants of `scenario` by their names.
pub fn place_in_words(scenario: &Scenario, path: &str) -> String {
    let mut words: Vec<String> = Vec::new();
    let mut here = Here::Scenario(scenario);
    for segment in path.split('.') {
        let (name, index) = match segment.split_once('[') {
            Some((name, rest)) => (name, rest.trim_end_matches(']').parse::<usize>().ok()),
            None => (segment, None),
        };
        match (name, index, &here) {
            ("variants", Some(k), Here::Scenario(s)) => match s.variants.get(k) {
                Some(v) => {
                    words.push(format!("variant \"{}\"", v.name));
                    here = Here::Scenario(v);
                }
                None => words.push(format!("variant {}", k + 1)),
            },
            ("minerals", Some(i), Here::Scenario(s)) => match s.minerals.get(i) {
                Some(m) => {
                    words.push(named(&m.name, "mineral", i));
                    here = Here::Mineral(m);
                }
                None => words.push(format!("mineral {}", i + 1)),
            },
            ("suppliers", Some(k), Here::Mineral(m)) => match m.suppliers.get(k) {
                Some(s) => {
                    words.push(format!("supplier {}", named(&s.name, "", k).trim()));
                    here = Here::Supplier(s);
                }
                None => words.push(format!("supplier {}", k + 1)),
            },
            ("feed", Some(f), Here::Supplier(s)) => {
                let origin = s.feed.get(f).map(|share| share.origin.as_str());
                words.push(match origin {
                    Some(o) if !o.trim().is_empty() => format!("feed from {o}"),
                    _ => format!("feed origin {}", f + 1),
                });
                here = Here::Other;
            }
            ("disruptions", Some(k), Here::Scenario(s)) => {
                words.push(match s.disruptions.get(k) {
                    Some(e) if !e.name.trim().is_empty() => format!("event {}", e.name),
                    _ => format!("event {}", k + 1),
                });
                here = Here::Other;
            }
            ("spending", Some(k), _) => words.push(format!("spending, period {}", k + 1)),
            ("ceiling", Some(k), _) => {
                let names = scenario
                    .settings
                    .plan_year
                    .year_names(scenario.start, scenario.horizon_months);
                words.push(match names.get(k) {
                    Some(name) => format!("ceiling, {name}"),
                    None => format!("ceiling, plan year {}", k + 1),
                });
            }
            ("capacity_changes", Some(j), Here::Supplier(s)) => {
                words.push(match s.capacity_changes.get(j) {
                    Some(c) => format!("capacity from {}", c.from),
                    None => format!("capacity change {}", j + 1),
                });
                here = Here::Other;
            }
            ("settings", None, _) => {}
            (field, _, _) => words.push(field_in_words(field)),
        }
    }
    if words.is_empty() {
        "scenario".into()
    } else {
        words.join(" · ")
    }
}

/// Which item the path has reached so far.
enum Here<'a> {
    Scenario(&'a Scenario),
    Mineral(&'a super::scenario::Mineral),
    Supplier(&'a super::scenario::Supplier),
    Other,
}

fn named(name: &str, kind: &str, index: usize) -> String {
    if name.trim().is_empty() {
        format!("{kind} {} (no name)", index + 1)
    } else {
        name.to_string()
    }
}

/// A field's name as the editor labels it.
fn field_in_words(field: &str) -> String {
    match field {
        "name" => "name",
        "notes" => "notes",
        "start" => "start",
        "end" => "end",
        "horizon_months" => "horizon",
        "budget_usd" => "budget",
        "requirement_qty" => "requirement",
        "price_usd_per_unit" => "price",
        "price_range_usd_per_unit" => "price range",
        "escalation_pct_per_year" => "escalation",
        "escalation_range_pct_per_year" => "escalation range",
        "opening_inventory_qty" => "opening inventory",
        "annual_consumption_qty" => "annual consumption",
        "ceiling" => "purchase ceiling",
        "spending" => "spending profile",
        "share_pct" => "share",
        "share_range_pct" => "share range",
        "lead_time_months" => "lead time",
        "lead_time_range_months" => "lead time range",
        "capacity_qty_per_year" => "capacity",
        "capacity_range_qty_per_year" => "capacity range",
        "qty_per_year" => "quantity",
        "from" => "month",
        "country" => "country",
        "origin" => "origin",
        "kind" => "kind",
        "probability_pct" => "chance",
        "start_range" => "start range",
        "resourcing_premium_pct" => "re-sourcing premium",
        "world_price_pct" => "world price",
        "plan_year" => "plan year",
        "first_month" => "first month",
        "monte_carlo" => "Monte Carlo",
        "samples" => "samples",
        "seed" => "seed",
        "low" => "low end",
        "high" => "high end",
        other => return other.replace('_', " "),
    }
    .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Disruption, DisruptionKind, Mineral, Supplier, YearMonth};

    fn plan() -> Scenario {
        let mut s = Scenario::empty("Plan", YearMonth::new(2026, 1));
        s.minerals.push(Mineral {
            suppliers: vec![Supplier::new("Umicore", 100.0, 3)],
            ..Mineral::new("Cobalt")
        });
        s.disruptions.push(Disruption::new(
            "DRC ban",
            DisruptionKind::ExportBan,
            "DRC",
            YearMonth::new(2026, 6),
        ));
        let mut variant = s.clone();
        variant.name = "Ban in 2026".into();
        variant.minerals[0].name = "Cobalt metal".into();
        s.variants.push(variant);
        s
    }

    #[test]
    fn paths_read_as_the_editor_names_things() {
        let s = plan();
        let says = |path: &str| place_in_words(&s, path);
        assert_eq!(says("minerals[0].requirement_qty"), "Cobalt · requirement");
        assert_eq!(
            says("minerals[0].suppliers[0].share_pct"),
            "Cobalt · supplier Umicore · share"
        );
        assert_eq!(says("disruptions[0].start"), "event DRC ban · start");
        assert_eq!(says("horizon_months"), "horizon");
        assert_eq!(
            says("variants[0].minerals[0].budget_usd"),
            "variant \"Ban in 2026\" · Cobalt metal · budget"
        );
        assert_eq!(
            says("settings.monte_carlo.samples"),
            "Monte Carlo · samples"
        );
        // A path past the end of a list still reads, by number.
        assert_eq!(says("minerals[4].budget_usd"), "mineral 5 · budget");
    }
}
