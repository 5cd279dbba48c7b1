//! Structure-aware: the fuzzer's bytes build a `Scenario` directly (every
//! kind of event, ceiling and spending profile, extreme and non-finite
//! numbers and the edges validation draws, ranges, capacity changes,
//! per-year ceilings, every setting, supplier and mineral names that
//! events hit), so that the
//! projection's many paths are reached faster than through RON text. Then
//! validate, project with and without events (a valid scenario's
//! projection, and its Monte Carlo bands, hold no NaN or infinity), and
//! save → load → save.
//!
//! Months are always valid (1900-01 to 2200-12), as the file format
//! guarantees.

#![no_main]

use libfuzzer_sys::arbitrary::{Result, Unstructured};
use libfuzzer_sys::fuzz_target;
use stockpile_planner::file;
use stockpile_planner::model::{
    self, CapacityChange, Disruption, DisruptionKind, FeedShare, InTransitOnBan, Mineral,
    PlanYear, PurchaseCeiling, Range, Scenario, SpendingProfile, Supplier, Unit, YearMonth,
};

const NAMES: &[&str] = &[
    "China",
    "China (refined)",
    "DRC",
    "Canada",
    "Cobalt",
    "Gallium",
    "",
    "  ",
];

fn name(u: &mut Unstructured) -> Result<String> {
    if u.ratio(1, 8)? {
        Ok(u.arbitrary::<String>()?.chars().take(40).collect())
    } else {
        Ok(u.choose(NAMES)?.to_string())
    }
}

fn number(u: &mut Unstructured) -> Result<f64> {
    use model::validation::{MAX_PRICE_USD_PER_UNIT, MAX_QTY, MAX_RATE_PCT, MAX_USD, MIN_POSITIVE};
    Ok(match u.int_in_range(0..=19)? {
        0 => 0.0,
        1 => -0.0,
        2 => f64::NAN,
        3 => f64::INFINITY,
        4 => f64::NEG_INFINITY,
        5 => f64::MAX,
        6 => f64::MIN_POSITIVE,
        7 => -(u.int_in_range(0..=1_000_000)? as f64),
        8 => u.arbitrary::<f64>()?,
        9 | 10 => u.int_in_range(0..=100)? as f64,
        // The edges validation draws (and just past them).
        11 => MIN_POSITIVE,
        12 => 1e-320,
        13 => MAX_QTY,
        14 => MAX_USD * 1.0001,
        15 => MAX_PRICE_USD_PER_UNIT,
        16 => MAX_RATE_PCT,
        17 => -99.0,
        _ => f64::from(u.arbitrary::<u32>()?) * 1000.0,
    })
}

fn month(u: &mut Unstructured) -> Result<YearMonth> {
    Ok(YearMonth::new(
        u.int_in_range(1900..=2200)?,
        u.int_in_range(1..=12)?,
    ))
}

fn months(u: &mut Unstructured) -> Result<u32> {
    Ok(match u.int_in_range(0..=3)? {
        0 => u.int_in_range(0..=24)?,
        1 => u.int_in_range(0..=300)?,
        2 => u.arbitrary()?,
        _ => u32::MAX,
    })
}

fn amounts(u: &mut Unstructured, most: usize) -> Result<Vec<f64>> {
    let n = u.int_in_range(0..=most)?;
    (0..n).map(|_| number(u)).collect()
}

fn range(u: &mut Unstructured) -> Result<Option<Range>> {
    Ok(if u.ratio(1, 3)? {
        Some(Range {
            low: number(u)?,
            high: number(u)?,
        })
    } else {
        None
    })
}

fn maybe(u: &mut Unstructured) -> Result<Option<f64>> {
    Ok(if u.arbitrary()? { Some(number(u)?) } else { None })
}

fn supplier(u: &mut Unstructured) -> Result<Supplier> {
    let mut s = Supplier::new(name(u)?, number(u)?, months(u)?);
    if u.arbitrary()? {
        s.country = name(u)?;
    }
    s.capacity_qty_per_year = maybe(u)?;
    for _ in 0..u.int_in_range(0..=3)? {
        s.feed.push(FeedShare {
            origin: name(u)?,
            share_pct: number(u)?,
            share_range_pct: range(u)?,
        });
    }
    s.share_range_pct = range(u)?;
    s.lead_time_range_months = range(u)?;
    s.capacity_range_qty_per_year = range(u)?;
    for _ in 0..u.int_in_range(0..=2)? {
        s.capacity_changes.push(CapacityChange {
            from: month(u)?,
            qty_per_year: number(u)?,
        });
    }
    Ok(s)
}

fn mineral(u: &mut Unstructured) -> Result<Mineral> {
    let mut m = Mineral::new(name(u)?);
    m.unit = if u.arbitrary()? {
        Unit::Tonne
    } else {
        Unit::Kilogram
    };
    m.price_usd_per_unit = number(u)?;
    m.escalation_pct_per_year = number(u)?;
    m.requirement_qty = number(u)?;
    m.opening_inventory_qty = number(u)?;
    m.budget_usd = number(u)?;
    m.spending = match u.int_in_range(0..=2)? {
        0 => SpendingProfile::Even,
        1 => SpendingProfile::PerYearUsd(amounts(u, 25)?),
        _ => SpendingProfile::PerMonthUsd(amounts(u, 260)?),
    };
    m.suppliers = (0..u.int_in_range(0..=6)?)
        .map(|_| supplier(u))
        .collect::<Result<Vec<_>>>()?;
    m.ceiling = match u.int_in_range(0..=3)? {
        0 => PurchaseCeiling::None,
        1 => PurchaseCeiling::QtyPerYear(number(u)?),
        2 => PurchaseCeiling::QtyByPlanYear(amounts(u, 25)?),
        _ => PurchaseCeiling::PctOfQualifiedSupply {
            pct: number(u)?,
            qualified_supply_qty_per_year: number(u)?,
        },
    };
    m.annual_consumption_qty = maybe(u)?;
    m.price_range_usd_per_unit = range(u)?;
    m.escalation_range_pct_per_year = range(u)?;
    Ok(m)
}

fn disruption(u: &mut Unstructured) -> Result<Disruption> {
    let kind = match u.int_in_range(0..=5)? {
        0 => DisruptionKind::ExportBan,
        1 => DisruptionKind::ExportQuotaQty(number(u)?),
        2 => DisruptionKind::ExportCutPct(number(u)?),
        3 => DisruptionKind::LicensingDelay {
            extra_lead_time_months: months(u)?,
            refused_pct: number(u)?,
        },
        4 => DisruptionKind::TariffPct(number(u)?),
        _ => DisruptionKind::PriceShockPct(number(u)?),
    };
    let mut d = Disruption::new(&name(u)?, kind, &name(u)?, month(u)?);
    d.enabled = u.ratio(7, 8)?;
    d.target = *u.choose(&model::EventTarget::ALL)?;
    d.minerals = (0..u.int_in_range(0..=2)?)
        .map(|_| name(u))
        .collect::<Result<_>>()?;
    d.end = if u.arbitrary()? { Some(month(u)?) } else { None };
    if u.arbitrary()? {
        d.resourcing_premium_pct = number(u)?;
    }
    if u.arbitrary()? {
        d.world_price_pct = number(u)?;
    }
    if u.arbitrary()? {
        d.probability_pct = number(u)?;
    }
    if u.ratio(1, 4)? {
        d.start_range = Some(model::MonthRange {
            earliest: month(u)?,
            latest: month(u)?,
        });
    }
    Ok(d)
}

fn scenario(u: &mut Unstructured) -> Result<Scenario> {
    let mut s = Scenario::empty("Fuzz", month(u)?);
    s.horizon_months = months(u)?;
    s.settings.carry_over_unspent = u.arbitrary()?;
    s.settings.resource_blocked_orders = u.arbitrary()?;
    s.settings.in_transit_on_ban = if u.arbitrary()? {
        InTransitOnBan::Delivered
    } else {
        InTransitOnBan::Lost
    };
    s.settings.stop_at_requirement = u.arbitrary()?;
    s.settings.plan_year = if u.arbitrary()? {
        PlanYear::ScenarioStart
    } else {
        PlanYear::FiscalYear {
            first_month: u.int_in_range(0..=13)?,
        }
    };
    s.settings.monte_carlo.samples = u.int_in_range(0..=50)?;
    for _ in 0..u.int_in_range(0..=4)? {
        s.minerals.push(mineral(u)?);
    }
    for _ in 0..u.int_in_range(0..=8)? {
        s.disruptions.push(disruption(u)?);
    }
    Ok(s)
}

fuzz_target!(|data: &[u8]| {
    let Ok(scenario) = scenario(&mut Unstructured::new(data)) else {
        return;
    };
    let valid = model::validate(&scenario).is_empty();
    let projection = model::project(&scenario);
    assert_eq!(projection.minerals.len(), scenario.minerals.len());
    for m in &projection.minerals {
        assert_eq!(m.months.len(), projection.horizon_months as usize);
    }
    let _ = model::project_without_events(&scenario);
    if valid {
        // Invalid scenarios may give NaN (documented on `project`); a valid
        // one never does, nor infinity: "NaN %" or "inf" in the window.
        let bands = model::monte_carlo::run_samples(&scenario, 8, 1);
        for b in &bands.minerals {
            assert!(
                b.p10_pct
                    .iter()
                    .chain(&b.p50_pct)
                    .chain(&b.p90_pct)
                    .all(|x| x.is_finite()),
                "Monte Carlo not finite: {}",
                file::to_ron_string(&scenario)
            );
        }
        for m in &projection.minerals {
            let totals = [
                m.total_cost_usd,
                m.total_ordered_qty,
                m.in_transit_at_end_qty,
                m.lost_in_transit_qty,
            ];
            assert!(
                totals.iter().all(|x| x.is_finite()),
                "not finite in {m:?}\n{}",
                file::to_ron_string(&scenario)
            );
            for r in &m.months {
                let row = [
                    r.spend_usd,
                    r.ordered_qty,
                    r.delivered_qty,
                    r.inventory_qty,
                    r.coverage_pct,
                    r.unspent_usd,
                ];
                assert!(
                    row.iter().all(|x| x.is_finite()),
                    "not finite in {r:?}\n{}",
                    file::to_ron_string(&scenario)
                );
            }
        }
    }

    let text = file::try_to_ron_string(&scenario).expect("a scenario must save");
    let back = match file::from_str(&text, "saved.ron") {
        Ok(back) => back,
        Err(e) => panic!("the saved text must load: {e}\n--- saved text ---\n{text}"),
    };
    assert_eq!(
        file::to_ron_string(&back),
        text,
        "save → load → save changed the bytes"
    );
});
