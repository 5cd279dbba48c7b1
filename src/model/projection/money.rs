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

/// [`planned_spend_usd`] month after month, with each division done once:
/// once for the mineral (even spending) or once per year (per-year
/// amounts) rather than every month. The same numbers (a unit test checks).
pub(super) struct PlannedSpend<'a> {
    mineral: &'a Mineral,
    horizon_months: u32,
    /// Even spending: the amount of every month.
    even_usd: f64,
    /// Per-year amounts: the year worked out last and its monthly amount.
    year: Option<u32>,
    year_usd: f64,
}

impl<'a> PlannedSpend<'a> {
    pub(super) fn new(mineral: &'a Mineral, horizon_months: u32) -> Self {
        PlannedSpend {
            mineral,
            horizon_months,
            even_usd: planned_spend_usd(mineral, horizon_months, 1),
            year: None,
            year_usd: 0.0,
        }
    }

    /// Every month's planned budget, month 1 first, into `months` (its
    /// allocation kept): [`Self::at`] for each month, with even spending
    /// as one fill.
    pub(super) fn fill(mut self, months: &mut Vec<f64>) {
        months.clear();
        match &self.mineral.spending {
            SpendingProfile::Even => months.resize(self.horizon_months as usize, self.even_usd),
            _ => months.extend((1..self.horizon_months + 1).map(|month| self.at(month))),
        }
    }

    /// Budget planned for month `month` (1-based).
    #[inline]
    pub(super) fn at(&mut self, month: u32) -> f64 {
        match &self.mineral.spending {
            SpendingProfile::Even => self.even_usd,
            SpendingProfile::PerYearUsd(_) => {
                let year = (month - 1) / 12;
                if self.year != Some(year) {
                    self.year = Some(year);
                    self.year_usd = planned_spend_usd(self.mineral, self.horizon_months, month);
                }
                self.year_usd
            }
            SpendingProfile::PerMonthUsd(per_month) => {
                per_month.get((month - 1) as usize).copied().unwrap_or(0.0)
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn planned_spend_month_after_month_is_planned_spend_usd() {
        let mut m = Mineral::new("Cobalt");
        m.budget_usd = 1_000_000.0;
        let profiles = [
            SpendingProfile::Even,
            SpendingProfile::PerYearUsd(vec![300_000.0, 500_000.0, 200_000.0]),
            SpendingProfile::PerMonthUsd((1..=30).map(|k| 1_000.0 * f64::from(k)).collect()),
        ];
        for spending in profiles {
            m.spending = spending;
            for horizon in [0, 1, 7, 12, 13, 30, 35, 240] {
                let mut planned = PlannedSpend::new(&m, horizon);
                for month in 1..=horizon {
                    assert_eq!(
                        planned.at(month).to_bits(),
                        planned_spend_usd(&m, horizon, month).to_bits(),
                        "{:?} horizon {horizon} month {month}",
                        m.spending
                    );
                }
                let mut filled = vec![f64::NAN; 3];
                PlannedSpend::new(&m, horizon).fill(&mut filled);
                let expected: Vec<u64> = (1..=horizon)
                    .map(|month| planned_spend_usd(&m, horizon, month).to_bits())
                    .collect();
                let filled: Vec<u64> = filled.iter().map(|p| p.to_bits()).collect();
                assert_eq!(filled, expected, "{:?} horizon {horizon}", m.spending);
            }
        }
    }
}
