//! Money and prices month by month: the budget planned for a month, the
//! market price with escalation, and the unspent budget shown in the rows.

use crate::model::scenario::{Mineral, SpendingProfile};

/// Budget planned for month `month` (1-based), USD, before any carry-over.
#[inline]
pub fn planned_spend_usd(mineral: &Mineral, horizon_months: u32, month: u32) -> f64 {
    match &mineral.spending {
        SpendingProfile::Even => {
            if horizon_months == 0 {
                0.0
            } else {
                mineral.budget_usd / f64::from(horizon_months)
            }
        }
        SpendingProfile::PerYearUsd(per_year) => {
            let year = ((month - 1) / 12) as usize;
            let months_in_year = horizon_months.saturating_sub(year as u32 * 12).min(12);
            match per_year.get(year) {
                Some(amount) if months_in_year > 0 => amount / f64::from(months_in_year),
                _ => 0.0,
            }
        }
        SpendingProfile::PerMonthUsd(per_month) => {
            per_month.get((month - 1) as usize).copied().unwrap_or(0.0)
        }
    }
}

/// Market price in month `month` (1-based), USD per unit:
/// `price × (1 + escalation/100)^((month − 1)/12)`.
pub fn price_usd_per_unit(mineral: &Mineral, month: u32) -> f64 {
    let growth = 1.0 + mineral.escalation_pct_per_year / 100.0;
    if growth == 1.0 || month <= 1 {
        mineral.price_usd_per_unit
    } else {
        mineral.price_usd_per_unit * growth.powf(f64::from(month - 1) / 12.0)
    }
}

/// Planned minus spent, with floating-point dust (under a millionth of the
/// planned total) shown as exactly zero.
#[inline]
pub(super) fn unspent(planned_usd: f64, spent_usd: f64) -> f64 {
    let diff = planned_usd - spent_usd;
    if diff.abs() <= 1e-9 * planned_usd.abs() {
        0.0
    } else {
        diff
    }
}
