//! Uncertain inputs: a number given as a range instead of a single value,
//! and how one Monte Carlo sample draws a value from it. See
//! "Uncertainty" in `docs/MODEL.md`.
//!
//! A range is a **90 % interval**, as in Guesstimate and Squiggle: the
//! planner says "the price will be between $40,000 and $60,000 nine times
//! out of ten". A quantity that cannot be negative and whose low end is
//! above zero (a price, a capacity) is drawn from the lognormal with that
//! interval, so a wide range is skewed to the right as prices are; every
//! other range (escalation, a share, a lead time, a start month) from the
//! normal with that interval, cut to what the field allows. A range whose
//! two ends are equal is that number, exactly.

use super::month::YearMonth;
use serde::{Deserialize, Serialize};

/// z of the 95th percentile of the standard normal: a 90 % interval spans
/// ±1.6449 standard deviations.
const Z_95: f64 = 1.644_853_626_951_472_2;

/// A 90 % interval: the value lies between `low` and `high` nine times out
/// of ten.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Range {
    pub low: f64,
    pub high: f64,
}

impl Range {
    pub fn new(low: f64, high: f64) -> Self {
        Self { low, high }
    }

    /// The value a sample takes for the standard normal draw `z`, for a
    /// quantity drawn from the lognormal when `positive` (and `low > 0`),
    /// else from the normal. Equal ends give that value whatever `z` is.
    pub fn at(&self, z: f64, positive: bool) -> f64 {
        let (low, high) = (self.low.min(self.high), self.low.max(self.high));
        if low == high {
            return low;
        }
        if positive && low > 0.0 {
            let (ln_low, ln_high) = (low.ln(), high.ln());
            let mu = (ln_low + ln_high) / 2.0;
            let sigma = (ln_high - ln_low) / (2.0 * Z_95);
            (mu + sigma * z).exp()
        } else {
            let mu = (low + high) / 2.0;
            let sigma = (high - low) / (2.0 * Z_95);
            mu + sigma * z
        }
    }

    /// Where `value` lies in the range's distribution, in standard
    /// deviations from its median (what [`Self::at`] inverts); `None` for
    /// a range of one value, or a lognormal one and a value not above 0.
    /// The range's own ends are at ±1.645; beyond ±1.2816 the value is
    /// outside the middle eight samples in ten.
    pub fn z_of(&self, value: f64, positive: bool) -> Option<f64> {
        let (low, high) = (self.low.min(self.high), self.low.max(self.high));
        if low == high || !value.is_finite() {
            return None;
        }
        if positive && low > 0.0 {
            if value <= 0.0 {
                return None;
            }
            let (ln_low, ln_high) = (low.ln(), high.ln());
            let mu = (ln_low + ln_high) / 2.0;
            let sigma = (ln_high - ln_low) / (2.0 * Z_95);
            Some((value.ln() - mu) / sigma)
        } else {
            let mu = (low + high) / 2.0;
            let sigma = (high - low) / (2.0 * Z_95);
            Some((value - mu) / sigma)
        }
    }

    /// The middle of the range: what a sample gives at `z = 0` (the
    /// median).
    pub fn median(&self, positive: bool) -> f64 {
        self.at(0.0, positive)
    }

    /// Whether `value` lies within the range (ends included).
    pub fn contains(&self, value: f64) -> bool {
        self.low.min(self.high) <= value && value <= self.low.max(self.high)
    }
}

/// A 90 % interval of months: when an event may start.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MonthRange {
    pub earliest: YearMonth,
    pub latest: YearMonth,
}

impl MonthRange {
    /// The month a sample takes for the standard normal draw `z`: drawn from
    /// the normal with this 90 % interval (months counted from
    /// `earliest`), rounded to a whole month.
    pub fn at(&self, z: f64) -> YearMonth {
        // Months from the earliest to the latest (months_until is 1-based).
        let span = self.earliest.months_until(self.latest) - 1;
        if span <= 0 {
            return self.earliest;
        }
        let offset = Range::new(0.0, span as f64).at(z, false).round();
        self.earliest.plus_months(offset as i64)
    }
}

/// How many Monte Carlo samples to draw, and the seed that makes the same
/// file give the same bands.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct MonteCarloSettings {
    pub seed: u64,
    pub samples: u32,
}

/// The most samples a file may ask for.
pub const MAX_SAMPLES: u32 = 100_000;

impl Default for MonteCarloSettings {
    fn default() -> Self {
        Self {
            seed: 2025,
            samples: 5_000,
        }
    }
}

impl MonteCarloSettings {
    pub fn is_default(&self) -> bool {
        *self == Self::default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_normal_range_is_a_90_pct_interval() {
        let r = Range::new(10.0, 30.0);
        assert_eq!(r.median(false), 20.0);
        assert!((r.at(Z_95, false) - 30.0).abs() < 1e-12);
        assert!((r.at(-Z_95, false) - 10.0).abs() < 1e-12);
    }

    #[test]
    fn a_positive_range_is_lognormal_with_the_geometric_mean_as_median() {
        let r = Range::new(40_000.0, 90_000.0);
        assert!((r.median(true) - 60_000.0).abs() < 1e-6);
        assert!((r.at(Z_95, true) - 90_000.0).abs() < 1e-6);
        assert!((r.at(-Z_95, true) - 40_000.0).abs() < 1e-6);
        assert!(r.at(-10.0, true) > 0.0);
    }

    #[test]
    fn equal_ends_are_that_number_exactly() {
        let r = Range::new(42_000.5, 42_000.5);
        assert_eq!(r.at(3.0, true), 42_000.5);
        assert_eq!(r.at(-3.0, false), 42_000.5);
    }

    #[test]
    fn a_month_range_rounds_to_whole_months() {
        let r = MonthRange {
            earliest: YearMonth::new(2026, 3),
            latest: YearMonth::new(2026, 9),
        };
        assert_eq!(r.at(0.0), YearMonth::new(2026, 6));
        assert_eq!(r.at(Z_95), YearMonth::new(2026, 9));
        let same = MonthRange {
            earliest: YearMonth::new(2026, 3),
            latest: YearMonth::new(2026, 3),
        };
        assert_eq!(same.at(2.0), YearMonth::new(2026, 3));
    }
}
