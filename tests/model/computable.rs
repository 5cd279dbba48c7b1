//! Only computable scenarios are valid: every numeric field at its edge
//! values (0, the smallest and largest allowed, just past them, subnormal,
//! huge, infinite, NaN) is either refused by validation or projects to
//! finite numbers, with events of every kind in force and the Monte Carlo
//! run too.

use stockpile_planner::model::validation::{
    MAX_PRICE_USD_PER_UNIT, MAX_QTY, MAX_RATE_PCT, MAX_USD, MIN_POSITIVE,
};
use stockpile_planner::model::{
    Disruption, DisruptionKind, PurchaseCeiling, Range, Scenario, monte_carlo, project, validate,
};
use stockpile_planner::samples;

/// Two minerals, three suppliers each, and an event of every kind on them.
fn every_kind() -> Scenario {
    let mut s = samples::heaviest(2, 3, 3);
    s.horizon_months = 60;
    let start = s.start;
    for (name, kind) in [
        ("Ban", DisruptionKind::ExportBan),
        ("Quota", DisruptionKind::ExportQuotaQty(100.0)),
        ("Shock", DisruptionKind::PriceShockPct(20.0)),
    ] {
        let mut d = Disruption::new(name, kind, "Supplier 1", start.plus_months(6));
        d.end = Some(start.plus_months(30));
        d.resourcing_premium_pct = 10.0;
        d.world_price_pct = 5.0;
        s.disruptions.push(d);
    }
    s.minerals[1].ceiling = PurchaseCeiling::PctOfQualifiedSupply {
        pct: 20.0,
        qualified_supply_qty_per_year: 5_000.0,
    };
    s.minerals[0].escalation_range_pct_per_year = Some(Range {
        low: 0.0,
        high: 5.0,
    });
    s.minerals[0].annual_consumption_qty = Some(500.0);
    s
}

type Setter = (&'static str, fn(&mut Scenario, f64));

const SETTERS: &[Setter] = &[
    ("price", |s, v| s.minerals[0].price_usd_per_unit = v),
    ("budget", |s, v| s.minerals[0].budget_usd = v),
    ("requirement", |s, v| s.minerals[0].requirement_qty = v),
    ("opening inventory", |s, v| {
        s.minerals[0].opening_inventory_qty = v
    }),
    ("escalation", |s, v| {
        s.minerals[0].escalation_pct_per_year = v
    }),
    ("consumption", |s, v| {
        s.minerals[0].annual_consumption_qty = Some(v)
    }),
    ("ceiling", |s, v| {
        s.minerals[0].ceiling = PurchaseCeiling::QtyPerYear(v)
    }),
    ("qualified supply", |s, v| {
        s.minerals[1].ceiling = PurchaseCeiling::PctOfQualifiedSupply {
            pct: 20.0,
            qualified_supply_qty_per_year: v,
        }
    }),
    ("capacity", |s, v| {
        s.minerals[0].suppliers[0].capacity_qty_per_year = Some(v)
    }),
    ("price range high", |s, v| {
        let low = s.minerals[0].price_usd_per_unit * 0.5;
        s.minerals[0].price_range_usd_per_unit = Some(Range { low, high: v })
    }),
    ("price range low", |s, v| {
        let high = s.minerals[0].price_usd_per_unit * 2.0;
        s.minerals[0].price_range_usd_per_unit = Some(Range { low: v, high })
    }),
    ("capacity range high", |s, v| {
        s.minerals[0].suppliers[0].capacity_range_qty_per_year = Some(Range { low: 1.0, high: v })
    }),
    ("escalation range high", |s, v| {
        s.minerals[0].escalation_range_pct_per_year = Some(Range { low: 0.0, high: v })
    }),
    ("quota", |s, v| {
        s.disruptions[4].kind = DisruptionKind::ExportQuotaQty(v)
    }),
    ("tariff", |s, v| {
        s.disruptions[1].kind = DisruptionKind::TariffPct(v)
    }),
    ("price shock", |s, v| {
        s.disruptions[5].kind = DisruptionKind::PriceShockPct(v)
    }),
    ("premium", |s, v| {
        s.disruptions[3].resourcing_premium_pct = v
    }),
    ("world price", |s, v| s.disruptions[3].world_price_pct = v),
];

const EDGES: &[f64] = &[
    0.0,
    5e-324,
    1e-320,
    1e-7,
    MIN_POSITIVE,
    1.0,
    99.0,
    MAX_RATE_PCT,
    MAX_RATE_PCT * 1.0001,
    MAX_PRICE_USD_PER_UNIT,
    MAX_PRICE_USD_PER_UNIT * 1.0001,
    MAX_QTY,
    MAX_USD * 1.0001,
    1e300,
    f64::MAX,
    f64::INFINITY,
    f64::NAN,
    -1.0,
];

/// Whether the projection's every number is finite (its debug text names
/// no NaN or infinity; no name here holds those letters).
fn finite(s: &Scenario) -> Result<(), String> {
    let text = format!("{:?}", project(s));
    if text.contains("NaN") || text.contains("inf") {
        return Err("the projection holds NaN or infinity".into());
    }
    let bands = format!("{:?}", monte_carlo::run_samples(s, 20, 7));
    if bands.contains("NaN") || bands.contains("inf") {
        return Err("the Monte Carlo bands hold NaN or infinity".into());
    }
    Ok(())
}

#[test]
fn every_valid_edge_value_projects_to_finite_numbers() {
    let base = every_kind();
    assert!(validate(&base).is_empty(), "{:?}", validate(&base));
    let (mut valid, mut refused) = (0, 0);
    for (what, set) in SETTERS {
        for &v in EDGES {
            let mut s = base.clone();
            set(&mut s, v);
            if validate(&s).is_empty() {
                valid += 1;
                if let Err(e) = finite(&s) {
                    panic!("{what} = {v:e} is valid but {e}");
                }
            } else {
                refused += 1;
            }
        }
    }
    // Every field took some edges and refused others.
    assert!(
        valid > 100 && refused > 100,
        "{valid} valid, {refused} refused"
    );
}

#[test]
fn every_field_at_its_largest_together_projects_to_finite_numbers() {
    let mut s = every_kind();
    for (what, set) in SETTERS {
        let largest = match *what {
            "price" | "price range high" => MAX_PRICE_USD_PER_UNIT,
            "escalation"
            | "escalation range high"
            | "tariff"
            | "price shock"
            | "premium"
            | "world price" => MAX_RATE_PCT,
            "budget" => MAX_USD,
            "price range low" => continue,
            _ => MAX_QTY,
        };
        set(&mut s, largest);
    }
    assert!(validate(&s).is_empty(), "{:?}", validate(&s));
    finite(&s).unwrap();
    // And the smallest prices with the largest budget.
    s.minerals[0].price_usd_per_unit = MIN_POSITIVE;
    s.minerals[0].price_range_usd_per_unit = Some(Range {
        low: MIN_POSITIVE,
        high: 1.0,
    });
    s.minerals[0].requirement_qty = MIN_POSITIVE;
    assert!(validate(&s).is_empty(), "{:?}", validate(&s));
    finite(&s).unwrap();
}

#[test]
fn a_range_written_high_to_low_is_refused_not_swapped() {
    let mut s = every_kind();
    s.minerals[0].price_range_usd_per_unit = Some(Range {
        low: 2_000.0,
        high: 800.0,
    });
    let problems = validate(&s);
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert_eq!(problems[0].path, "minerals[0].price_range_usd_per_unit");
    assert_eq!(
        problems[0].message,
        "The price range runs from $2,000 down to $800: the low end must come first"
    );
}

#[test]
fn mineral_names_must_differ_ignoring_capitals() {
    let mut s = every_kind();
    s.minerals[1].name = s.minerals[0].name.to_uppercase();
    let problems = validate(&s);
    assert!(
        problems.iter().any(|p| p.path == "minerals[1].name"
            && p.message
                .ends_with("(ignoring capitals); names must differ")),
        "{problems:?}"
    );
}

#[test]
fn too_many_event_hits_are_refused_in_words() {
    // 1,001 events on a country of 1,000 suppliers: 1,001,000 hits.
    let mut s = samples::heaviest(10, 100, 1_001);
    for m in &mut s.minerals {
        for sup in &mut m.suppliers {
            sup.country = "Atlantis".into();
        }
    }
    let problems = validate(&s);
    assert!(
        problems.iter().any(|p| p.path == "disruptions"
            && p.message
                .starts_with("The events switched on hit suppliers 1,001,000 times in all")),
        "{:?}",
        problems.first()
    );
    // The heaviest sample itself stays within the limit.
    assert!(validate(&samples::heaviest(10, 100, 1_000)).is_empty());
}
