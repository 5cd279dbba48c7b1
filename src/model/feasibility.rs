//! The two feasibility questions a planner asks of a mineral's row, each
//! with its own figure, so that no line contradicts the row it stands in:
//!
//! - **Can the requirement be bought in the timeframe?** What is still to
//!   buy (requirement less opening inventory) ÷ the most the ceilings,
//!   quotas, capacities and open suppliers let through
//!   ([`MineralProjection::requirement_ratio`], the summary's "Needs").
//!   Above 1×, no budget buys it in the timeframe.
//! - **Can the money be spent?** The budget the projection could not
//!   spend by the end ([`MineralProjection::unspent_usd`], the summary's
//!   "Unspent"), with what held it back.
//!
//! [`warning`] says both in one line: "$140M of the budget cannot be spent
//! under the 1,500 t/yr ceiling; coverage ends at 96.7% with 250 t still
//! on its way".
//! See "Feasibility" in `docs/MODEL.md`.

use super::month::YearMonth;
use super::projection::MineralProjection;
use super::scenario::{Mineral, PurchaseCeiling};
use crate::display::{grouped, pct, qty, usd_short};

/// Money below this is rounding, not budget that cannot be spent.
const UNSPENT_USD_SHOWN: f64 = 0.5;

/// The warning for mineral `mineral` of a plan starting in `start`, projected
/// as `p`: `None` when the money can be spent and the requirement bought.
pub fn warning(mineral: &Mineral, p: &MineralProjection, start: YearMonth) -> Option<String> {
    let unit = p.unit.symbol();
    let ratio = p.requirement_ratio();
    if ratio.is_some_and(f64::is_infinite) {
        return Some("nothing can be bought: every supplier is blocked".into());
    }
    let short = ratio.is_some_and(|r| r > 1.0 + 1e-9);
    let limits = |purchasable: f64| {
        format!(
            "the limits let through {} of the {} still to buy",
            qty(purchasable, unit),
            qty(p.to_buy_qty(), unit)
        )
    };
    // Money left because ordering stopped at the requirement was not
    // needed: it is not money that cannot be spent.
    let unspent = p.cannot_spend_usd();
    if unspent < UNSPENT_USD_SHOWN {
        return match (short, p.feasibility.purchasable_qty) {
            (true, Some(q)) => Some(format!(
                "the requirement cannot be bought in the timeframe: {}",
                limits(q)
            )),
            _ => None,
        };
    }
    let money = format!(
        "{} of the budget cannot be spent {}",
        usd_short(unspent),
        held_by(mineral, p)
    );
    let requirement = match (p.first_full_coverage_month, p.feasibility.purchasable_qty) {
        (Some(k), _) => format!("the requirement is bought by {}", start.nth_month(k)),
        (None, Some(q)) if short => limits(q),
        _ if p.in_transit_at_end_qty > 0.0 => format!(
            "coverage ends at {} with {} still on its way",
            pct(p.final_coverage_pct()),
            qty(p.in_transit_at_end_qty, unit)
        ),
        _ => format!("coverage ends at {}", pct(p.final_coverage_pct())),
    };
    Some(format!("{money}; {requirement}"))
}

/// The line for a mineral without a [`warning`] (every dollar can be
/// spent, the requirement can be bought): what the money does, in words
/// that agree with the row. Money left once ordering stopped at the
/// requirement is "not needed"; orders still on their way at the end are
/// said as such, never as "more budget would buy more".
pub fn all_spent(p: &MineralProjection, start: YearMonth) -> String {
    let unit = p.unit.symbol();
    let final_pct = p.final_coverage_pct();
    let ordered_net_qty = p.total_ordered_qty - p.lost_in_transit_qty;
    let requirement_ordered = ordered_net_qty >= p.to_buy_qty() * (1.0 - 1e-9);
    let on_its_way = p.in_transit_at_end_qty > 0.0;
    if p.not_needed_usd >= UNSPENT_USD_SHOWN {
        let left = usd_short(p.not_needed_usd);
        return match p.first_full_coverage_month {
            Some(k) => format!(
                "The requirement is held from {}; {left} of the budget is not needed (buying stops at the requirement)",
                start.nth_month(k)
            ),
            None => format!(
                "The requirement is ordered, {} of it still on its way at the end; {left} of the budget is not needed",
                qty(p.in_transit_at_end_qty, unit)
            ),
        };
    }
    if final_pct >= 100.0 - 0.05 {
        return "The whole budget can be spent in the timeframe".into();
    }
    if requirement_ordered && on_its_way {
        return format!(
            "The whole budget is spent and the requirement ordered; {} is still on its way at the end ({})",
            qty(p.in_transit_at_end_qty, unit),
            pct(final_pct)
        );
    }
    format!(
        "The whole budget can be spent; it buys {} of the requirement by the end: more budget would buy more",
        pct(final_pct)
    )
}

/// What keeps money from being spent, as the end of "… cannot be spent".
fn held_by(mineral: &Mineral, p: &MineralProjection) -> String {
    let unit = p.unit.symbol();
    let ceiling_total = p.feasibility.purchasable_qty.filter(|&q| {
        // The ceiling binds when what can be bought is the ceiling's, year
        // after year (quotas or bans would leave less).
        let years = (p.months.len() as f64 / 12.0).ceil().max(1.0) as usize;
        let ceilings: Option<Vec<f64>> = (0..years)
            .map(|y| mineral.ceiling.qty_in_plan_year(y))
            .collect();
        ceilings.is_some_and(|c| {
            let largest = c.iter().copied().fold(0.0, f64::max);
            q >= c.iter().sum::<f64>() - largest - 1e-9
        })
    });
    match (&mineral.ceiling, ceiling_total) {
        (PurchaseCeiling::QtyByPlanYear(_), Some(_)) => "under the plan years' ceilings".into(),
        (PurchaseCeiling::QtyPerYear(c), Some(_)) => {
            format!("under the {} {unit}/yr ceiling", grouped_qty(*c))
        }
        (
            PurchaseCeiling::PctOfQualifiedSupply {
                pct: share,
                qualified_supply_qty_per_year,
            },
            Some(_),
        ) => format!(
            "under the ceiling of {share}% of qualified supply ({} {unit}/yr)",
            grouped_qty(share / 100.0 * qualified_supply_qty_per_year)
        ),
        _ if mineral.suppliers.iter().any(|s| s.has_capacity_limit()) => {
            "within the suppliers' capacities, the ceiling and the events in force".into()
        }
        _ => "with the orders the events block and no open supplier to take them".into(),
    }
}

/// `1,500`, `29.26`: a ceiling as typed.
fn grouped_qty(q: f64) -> String {
    if q >= 100.0 {
        grouped(q, 0)
    } else {
        crate::display::number_short(q)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Supplier, project};
    use crate::samples;

    /// The October 2025 plan's cobalt: $500M buys 10,427.5 t at $47,950/t,
    /// the ceiling lets through 1,500 t a fiscal year, 7,500 t in five:
    /// $360M spent, $140M cannot be. The ceiling is paced (125 t a month),
    /// so the last orders are still on their way at the end: 250 t of the
    /// 7,500 t required. "Needs" is the requirement over what can be
    /// bought: 1×.
    #[test]
    fn cobalt_in_the_october_plan() {
        let s = samples::default_scenario();
        let p = project(&s);
        let cobalt = &p.minerals[0];
        assert_eq!(cobalt.requirement_ratio_in_words(), "1.00×");
        assert_eq!(
            warning(&s.minerals[0], cobalt, s.start).as_deref(),
            Some(
                "$140M of the budget cannot be spent under the 1,500 t/yr ceiling; coverage ends at 96.7% with 250 t still on its way"
            )
        );
        // Tantalum: the ceiling (29.26 t a year) lets through 146.3 t of
        // the 222.5 t required: no budget buys it in the timeframe.
        let tantalum = &p.minerals[2];
        assert_eq!(tantalum.requirement_ratio_in_words(), "1.52×");
        let w = warning(&s.minerals[2], tantalum, s.start).unwrap();
        assert!(
            w.starts_with("$34M of the budget cannot be spent under the 29,260 kg/yr ceiling"),
            "{w}"
        );
        assert!(
            w.ends_with("the limits let through 146,300 kg of the 222,500 kg still to buy"),
            "{w}"
        );
    }

    /// The partial feed ban of a new-user trial: antimony's one supplier
    /// loses its Australian feed (18 %), not re-sourced (there is no other
    /// supplier). The money for that share cannot be spent, and the row's
    /// "Needs" no longer says 1.00× beside it: nothing caps the quantity
    /// (more budget would buy more through the 82 % still open), so
    /// "no limit", and the warning says where the money went.
    /// The line without a warning, in the October plan: antimony stops at
    /// its requirement (held from 2030-03, $32.2M not needed); scandium's
    /// 6,400 kg are all ordered, the last 183 kg on their way at the end.
    #[test]
    fn the_line_without_a_warning_agrees_with_the_row() {
        let s = samples::default_scenario();
        let p = project(&s);
        assert_eq!(
            all_spent(&p.minerals[1], s.start),
            "The requirement is held from 2030-03; $32.2M of the budget is not needed (buying stops at the requirement)"
        );
        let scandium = all_spent(&p.minerals[3], s.start);
        assert!(
            scandium.starts_with("The whole budget is spent and the requirement ordered; 183")
                && scandium.ends_with("still on its way at the end (97.1%)"),
            "{scandium}"
        );
        // Opening inventory above the requirement: nothing is bought, all
        // of the budget is not needed.
        let mut s = samples::default_scenario();
        s.minerals[0].opening_inventory_qty = 8_000.0;
        let p = project(&s);
        assert_eq!(warning(&s.minerals[0], &p.minerals[0], s.start), None);
        assert!(
            all_spent(&p.minerals[0], s.start).contains("$500M of the budget is not needed"),
            "{}",
            all_spent(&p.minerals[0], s.start)
        );
    }

    #[test]
    fn a_partial_feed_ban_leaves_money_that_the_warning_explains() {
        let mut s = samples::default_scenario();
        s.minerals[1].ceiling = PurchaseCeiling::None;
        s.disruptions.push(crate::model::Disruption {
            target: crate::model::EventTarget::FeedOrigin,
            ..crate::model::Disruption::new(
                "Australia bans exports",
                crate::model::DisruptionKind::ExportBan,
                "Australia",
                s.start,
            )
        });
        let p = project(&s);
        let antimony = &p.minerals[1];
        // 18 % of $245M.
        assert!(
            (antimony.unspent_usd() - 44.1e6).abs() < 1.0,
            "{}",
            antimony.unspent_usd()
        );
        assert_eq!(antimony.requirement_ratio_in_words(), "no limit");
        let w = warning(&s.minerals[1], antimony, s.start).unwrap();
        assert!(
            w.contains("of the budget cannot be spent with the orders the events block and no open supplier to take them"),
            "{w}"
        );
        // A second, open supplier takes the blocked orders: all the money
        // can be spent (what is left once the requirement is ordered was
        // not needed).
        s.minerals[1].suppliers[0].share_pct = 50.0;
        s.minerals[1]
            .suppliers
            .push(Supplier::new("Other refiner", 50.0, 1));
        let p = project(&s);
        assert!(p.minerals[1].cannot_spend_usd() < 0.5);
        assert!(p.minerals[1].not_needed_usd > 1e6);
        assert_eq!(warning(&s.minerals[1], &p.minerals[1], s.start), None);
    }
}
