//! Sensitivity: how far final coverage moves when one input goes from the
//! low end of its range to the high end, every other input held (the data of
//! a tornado chart). See "Sensitivity" in `docs/MODEL.md`.
//!
//! An input with a range (`uncertainty.rs`) swings between the range's two
//! ends; a single value is moved by ±[`DEFAULT_SWING_PCT`] %; an event
//! swings between not happening and happening, and, when it has a start
//! range, between its latest and earliest start.

use super::projection::project;
use super::scenario::{PurchaseCeiling, Scenario};
use super::uncertainty::Range;
use std::sync::atomic::{AtomicBool, Ordering};

/// How far a single value is moved either way, %.
pub const DEFAULT_SWING_PCT: f64 = 20.0;

/// The input a swing moves: where a click on its bar should take the planner.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Input {
    Budget { mineral: usize },
    Price { mineral: usize },
    Escalation { mineral: usize },
    Requirement { mineral: usize },
    Ceiling { mineral: usize },
    Share { mineral: usize, supplier: usize },
    LeadTime { mineral: usize, supplier: usize },
    Capacity { mineral: usize, supplier: usize },
    EventHappens { event: usize },
    EventStart { event: usize },
}

impl Input {
    /// The mineral the input belongs to; `None` for an event.
    pub fn mineral(self) -> Option<usize> {
        match self {
            Input::Budget { mineral }
            | Input::Price { mineral }
            | Input::Escalation { mineral }
            | Input::Requirement { mineral }
            | Input::Ceiling { mineral }
            | Input::Share { mineral, .. }
            | Input::LeadTime { mineral, .. }
            | Input::Capacity { mineral, .. } => Some(mineral),
            Input::EventHappens { .. } | Input::EventStart { .. } => None,
        }
    }

    /// The event the input belongs to, if any.
    pub fn event(self) -> Option<usize> {
        match self {
            Input::EventHappens { event } | Input::EventStart { event } => Some(event),
            _ => None,
        }
    }
}

/// One bar of the tornado.
#[derive(Clone, Debug, PartialEq)]
pub struct Swing {
    pub input: Input,
    /// "Cobalt · price", "DRC quota · happens".
    pub label: String,
    /// The input's two ends in words: "$33,600 – $50,400/t", "no – yes".
    pub low_label: String,
    pub high_label: String,
    /// Final coverage with the input at its low end and at its high end, %.
    pub coverage_at_low_pct: f64,
    pub coverage_at_high_pct: f64,
}

impl Swing {
    /// How far final coverage moves across the input's range, points.
    pub fn width_pts(&self) -> f64 {
        (self.coverage_at_high_pct - self.coverage_at_low_pct).abs()
    }
}

/// The tornado: every input's swing, widest first.
#[derive(Clone, Debug, PartialEq)]
pub struct Tornado {
    /// The mineral looked at; `None`: the average over all minerals.
    pub mineral: Option<usize>,
    /// Final coverage with every input as it is, %.
    pub base_pct: f64,
    pub swings: Vec<Swing>,
}

/// The tornado for `mineral` (or the average of all minerals' final
/// coverage when `None`). `None` when cancelled, or when the mineral does
/// not exist.
pub fn tornado(
    scenario: &Scenario,
    mineral: Option<usize>,
    cancel: &AtomicBool,
) -> Option<Tornado> {
    if let Some(m) = mineral
        && m >= scenario.minerals.len()
    {
        return None;
    }
    let measure = |s: &Scenario| -> f64 {
        let p = project(s);
        match mineral {
            Some(m) => p.minerals.get(m).map_or(0.0, |x| x.final_coverage_pct()),
            None if p.minerals.is_empty() => 0.0,
            None => {
                p.minerals
                    .iter()
                    .map(|x| x.final_coverage_pct())
                    .sum::<f64>()
                    / p.minerals.len() as f64
            }
        }
    };
    let base_pct = measure(scenario);
    let mut swings = Vec::new();
    for (input, label) in inputs(scenario, mineral) {
        if cancel.load(Ordering::Relaxed) {
            return None;
        }
        let Some((low, high)) = ends(scenario, input) else {
            continue;
        };
        let mut at_low = scenario.clone();
        set(&mut at_low, input, low.value);
        let mut at_high = scenario.clone();
        set(&mut at_high, input, high.value);
        swings.push(Swing {
            input,
            label,
            low_label: low.label,
            high_label: high.label,
            coverage_at_low_pct: measure(&at_low),
            coverage_at_high_pct: measure(&at_high),
        });
    }
    swings.sort_by(|a, b| b.width_pts().total_cmp(&a.width_pts()));
    Some(Tornado {
        mineral,
        base_pct,
        swings,
    })
}

/// The inputs that can move the coverage looked at, with their labels.
fn inputs(scenario: &Scenario, mineral: Option<usize>) -> Vec<(Input, String)> {
    let mut out = Vec::new();
    for (m, x) in scenario.minerals.iter().enumerate() {
        if mineral.is_some_and(|k| k != m) {
            continue;
        }
        let name = x.name.trim();
        out.push((Input::Budget { mineral: m }, format!("{name} · budget")));
        out.push((Input::Price { mineral: m }, format!("{name} · price")));
        out.push((
            Input::Escalation { mineral: m },
            format!("{name} · escalation"),
        ));
        out.push((
            Input::Requirement { mineral: m },
            format!("{name} · requirement"),
        ));
        // A ceiling per plan year is not swung as one figure (its years
        // differ); a single annual ceiling is.
        if !matches!(
            x.ceiling,
            PurchaseCeiling::None | PurchaseCeiling::QtyByPlanYear(_)
        ) {
            out.push((Input::Ceiling { mineral: m }, format!("{name} · ceiling")));
        }
        for (k, s) in x.suppliers.iter().enumerate() {
            let who = s.name.trim();
            if x.suppliers.len() > 1 {
                out.push((
                    Input::Share {
                        mineral: m,
                        supplier: k,
                    },
                    format!("{name} · {who} share"),
                ));
            }
            out.push((
                Input::LeadTime {
                    mineral: m,
                    supplier: k,
                },
                format!("{name} · {who} lead time"),
            ));
            if s.capacity_qty_per_year.is_some() {
                out.push((
                    Input::Capacity {
                        mineral: m,
                        supplier: k,
                    },
                    format!("{name} · {who} capacity"),
                ));
            }
        }
    }
    for (e, d) in scenario.disruptions.iter().enumerate() {
        if !d.enabled {
            continue;
        }
        let name = d.name.trim();
        out.push((
            Input::EventHappens { event: e },
            format!("{name} · happens"),
        ));
        out.push((Input::EventStart { event: e }, format!("{name} · start")));
    }
    out
}

/// One end of an input's swing: the number set and how it reads.
struct End {
    value: f64,
    label: String,
}

fn end(value: f64, label: String) -> End {
    End { value, label }
}

/// The low and high ends of an input: its range, or ±20 % of its value.
/// `None` when the input has nothing to swing (a value of 0, a lone
/// supplier's share).
fn ends(s: &Scenario, input: Input) -> Option<(End, End)> {
    let spread = |value: f64, range: Option<Range>| -> Option<(f64, f64)> {
        let (low, high) = match range {
            Some(r) => (r.low.min(r.high), r.low.max(r.high)),
            None => (
                value * (1.0 - DEFAULT_SWING_PCT / 100.0),
                value * (1.0 + DEFAULT_SWING_PCT / 100.0),
            ),
        };
        (low.is_finite() && high.is_finite() && low != high).then_some((low, high))
    };
    let money = |v: f64| crate::display::usd_short(v);
    match input {
        Input::Budget { mineral } => {
            let m = s.minerals.get(mineral)?;
            let (lo, hi) = spread(m.budget_usd, None)?;
            Some((end(lo, money(lo)), end(hi, money(hi))))
        }
        Input::Price { mineral } => {
            let m = s.minerals.get(mineral)?;
            let (lo, hi) = spread(m.price_usd_per_unit, m.price_range_usd_per_unit)?;
            let unit = m.unit.symbol();
            Some((
                end(lo, format!("{}/{unit}", money(lo))),
                end(hi, format!("{}/{unit}", money(hi))),
            ))
        }
        Input::Escalation { mineral } => {
            let m = s.minerals.get(mineral)?;
            let (lo, hi) = spread(m.escalation_pct_per_year, m.escalation_range_pct_per_year)?;
            Some((
                end(lo, format!("{lo:.1}%/yr")),
                end(hi, format!("{hi:.1}%/yr")),
            ))
        }
        Input::Requirement { mineral } => {
            let m = s.minerals.get(mineral)?;
            let (lo, hi) = spread(m.requirement_qty, None)?;
            let unit = m.unit.symbol();
            Some((
                end(lo, crate::display::qty(lo, unit)),
                end(hi, crate::display::qty(hi, unit)),
            ))
        }
        Input::Ceiling { mineral } => {
            let m = s.minerals.get(mineral)?;
            let (lo, hi) = spread(m.ceiling.qty_per_year()?, None)?;
            let unit = m.unit.symbol();
            Some((
                end(lo, format!("{}/yr", crate::display::qty(lo, unit))),
                end(hi, format!("{}/yr", crate::display::qty(hi, unit))),
            ))
        }
        Input::Share { mineral, supplier } => {
            let x = s.minerals.get(mineral)?.suppliers.get(supplier)?;
            let (lo, hi) = spread(x.share_pct, x.share_range_pct)?;
            let (lo, hi) = (lo.max(0.0), hi.min(100.0));
            Some((end(lo, format!("{lo:.0}%")), end(hi, format!("{hi:.0}%"))))
        }
        Input::LeadTime { mineral, supplier } => {
            let x = s.minerals.get(mineral)?.suppliers.get(supplier)?;
            let (lo, hi) = spread(f64::from(x.lead_time_months), x.lead_time_range_months)?;
            let (lo, hi) = (lo.round().max(0.0), hi.round());
            // The longer lead time is the "high" end.
            (lo != hi).then(|| {
                (
                    end(lo, format!("{lo:.0} mo")),
                    end(hi, format!("{hi:.0} mo")),
                )
            })
        }
        Input::Capacity { mineral, supplier } => {
            let m = s.minerals.get(mineral)?;
            let x = m.suppliers.get(supplier)?;
            let (lo, hi) = spread(x.capacity_qty_per_year?, x.capacity_range_qty_per_year)?;
            let unit = m.unit.symbol();
            Some((
                end(lo, format!("{}/yr", crate::display::qty(lo, unit))),
                end(hi, format!("{}/yr", crate::display::qty(hi, unit))),
            ))
        }
        Input::EventHappens { .. } => Some((end(0.0, "no".into()), end(1.0, "yes".into()))),
        Input::EventStart { event } => {
            let d = s.disruptions.get(event)?;
            let (earliest, latest) = match d.start_range {
                Some(r) => (r.earliest, r.latest),
                None => {
                    // ±20 % of the horizon, in whole months.
                    let months = (f64::from(s.horizon_months) * DEFAULT_SWING_PCT / 100.0)
                        .round()
                        .max(1.0) as i64;
                    (d.start.plus_months(-months), d.start.plus_months(months))
                }
            };
            let offset = |m: super::month::YearMonth| (d.start.months_until(m) - 1) as f64;
            (earliest != latest).then(|| {
                (
                    end(offset(earliest), earliest.to_string()),
                    end(offset(latest), latest.to_string()),
                )
            })
        }
    }
}

/// Set `input` to `value` (for an event: 0/1 for whether it happens, or the
/// shift of its window in months).
fn set(s: &mut Scenario, input: Input, value: f64) {
    match input {
        Input::Budget { mineral } => s.minerals[mineral].set_budget_usd(value),
        Input::Price { mineral } => s.minerals[mineral].price_usd_per_unit = value,
        Input::Escalation { mineral } => s.minerals[mineral].escalation_pct_per_year = value,
        Input::Requirement { mineral } => s.minerals[mineral].requirement_qty = value,
        Input::Ceiling { mineral } => {
            s.minerals[mineral].ceiling = PurchaseCeiling::QtyPerYear(value);
        }
        Input::Share { mineral, supplier } => {
            let m = &mut s.minerals[mineral];
            // The other shares make room in proportion to their size.
            let rest: f64 = m.total_share_pct() - m.suppliers[supplier].share_pct;
            let room = (100.0 - value).max(0.0);
            for (k, x) in m.suppliers.iter_mut().enumerate() {
                x.share_pct = if k == supplier {
                    value
                } else if rest > 0.0 {
                    x.share_pct / rest * room
                } else {
                    0.0
                };
            }
        }
        Input::LeadTime { mineral, supplier } => {
            s.minerals[mineral].suppliers[supplier].lead_time_months = value as u32;
        }
        Input::Capacity { mineral, supplier } => {
            s.minerals[mineral].suppliers[supplier].capacity_qty_per_year = Some(value);
        }
        Input::EventHappens { event } => s.disruptions[event].enabled = value > 0.5,
        Input::EventStart { event } => {
            let d = &mut s.disruptions[event];
            let shift = value as i64;
            d.start = d.start.plus_months(shift);
            d.end = d.end.map(|e| e.plus_months(shift));
        }
    }
}
