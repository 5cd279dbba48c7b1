//! Structure-aware: the fuzzer's bytes build a `Scenario` directly (every
//! kind of event, ceiling and spending profile, extreme and non-finite
//! numbers, supplier and mineral names that events hit), so that the
//! projection's many paths are reached faster than through RON text. Then
//! validate, project with and without events (a valid scenario's projection
//! holds no NaN), and save → load → save.
//!
//! Months are always valid (1900-01 to 2200-12), as the file format
//! guarantees.

#![no_main]

use libfuzzer_sys::arbitrary::{Result, Unstructured};
use libfuzzer_sys::fuzz_target;
use stockpile_planner::file;
use stockpile_planner::model::{
    self, Disruption, DisruptionKind, FeedShare, InTransitOnBan, Mineral, PurchaseCeiling,
    Scenario, Settings, SpendingProfile, Supplier, Unit, YearMonth,
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
    Ok(match u.int_in_range(0..=11)? {
        0 => 0.0,
        1 => -0.0,
        2 => f64::NAN,
        3 => f64::INFINITY,
        4 => f64::NEG_INFINITY,
        5 => f64::MAX,
        6 => f64::MIN_POSITIVE,
        7 => -(u.int_in_range(0..=1_000_000)? as f64),
        8 => u.arbitrary::<f64>()?,
        9 => u.int_in_range(0..=100)? as f64,
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

fn mineral(u: &mut Unstructured) -> Result<Mineral> {
    let suppliers = (0..u.int_in_range(0..=6)?)
        .map(|_| {
            Ok(Supplier {
                name: name(u)?,
                share_pct: number(u)?,
                lead_time_months: months(u)?,
                country: if u.arbitrary()? {
                    name(u)?
                } else {
                    String::new()
                },
                capacity_qty_per_year: if u.arbitrary()? {
                    Some(number(u)?)
                } else {
                    None
                },
                feed: (0..u.int_in_range(0..=3)?)
                    .map(|_| {
                        Ok(FeedShare {
                            origin: name(u)?,
                            share_pct: number(u)?,
                        })
                    })
                    .collect::<Result<Vec<_>>>()?,
            })
        })
        .collect::<Result<Vec<_>>>()?;
    Ok(Mineral {
        name: name(u)?,
        unit: if u.arbitrary()? {
            Unit::Tonne
        } else {
            Unit::Kilogram
        },
        price_usd_per_unit: number(u)?,
        escalation_pct_per_year: number(u)?,
        requirement_qty: number(u)?,
        opening_inventory_qty: number(u)?,
        budget_usd: number(u)?,
        spending: match u.int_in_range(0..=2)? {
            0 => SpendingProfile::Even,
            1 => SpendingProfile::PerYearUsd(amounts(u, 25)?),
            _ => SpendingProfile::PerMonthUsd(amounts(u, 260)?),
        },
        suppliers,
        ceiling: match u.int_in_range(0..=2)? {
            0 => PurchaseCeiling::None,
            1 => PurchaseCeiling::QtyPerYear(number(u)?),
            _ => PurchaseCeiling::PctOfQualifiedSupply {
                pct: number(u)?,
                qualified_supply_qty_per_year: number(u)?,
            },
        },
        annual_consumption_qty: if u.arbitrary()? {
            Some(number(u)?)
        } else {
            None
        },
    })
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
    Ok(Disruption {
        name: name(u)?,
        notes: String::new(),
        enabled: u.ratio(7, 8)?,
        kind,
        supplier: name(u)?,
        target: model::EventTarget::Supplier,
        minerals: (0..u.int_in_range(0..=2)?)
            .map(|_| name(u))
            .collect::<Result<_>>()?,
        start: month(u)?,
        end: if u.arbitrary()? {
            Some(month(u)?)
        } else {
            None
        },
    })
}

fn scenario(u: &mut Unstructured) -> Result<Scenario> {
    let mut s = Scenario::empty("Fuzz", month(u)?);
    s.horizon_months = months(u)?;
    s.settings = Settings {
        carry_over_unspent: u.arbitrary()?,
        resource_blocked_orders: u.arbitrary()?,
        in_transit_on_ban: if u.arbitrary()? {
            InTransitOnBan::Delivered
        } else {
            InTransitOnBan::Lost
        },
    };
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
        // one never does: NaN would show as "NaN %" in the window.
        for m in &projection.minerals {
            let totals = [
                m.total_cost_usd,
                m.total_ordered_qty,
                m.in_transit_at_end_qty,
                m.lost_in_transit_qty,
            ];
            assert!(
                !totals.iter().any(|x| x.is_nan()),
                "NaN in {m:?}\n{}",
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
                    !row.iter().any(|x| x.is_nan()),
                    "NaN in {r:?}\n{}",
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
