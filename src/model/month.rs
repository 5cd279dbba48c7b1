//! Calendar months. A scenario starts in a [`YearMonth`]; everything else in
//! the model counts months from that start (month 1 is the start month).

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;
use std::str::FromStr;

/// A calendar month such as `2026-01`. Stored in files as the string
/// `"2026-01"` so that planners can read and edit it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct YearMonth {
    pub year: i32,
    /// 1 = January … 12 = December.
    pub month: u32,
}

impl YearMonth {
    pub const fn new(year: i32, month: u32) -> Self {
        Self { year, month }
    }

    /// The calendar month of scenario month `month_index` (1-based: index 1 is
    /// this month itself).
    pub fn plus_months(self, months: i64) -> Self {
        let zero_based =
            i64::from(self.year) * 12 + i64::from(self.month.clamp(1, 12)) - 1 + months;
        let year = zero_based.div_euclid(12);
        let month = zero_based.rem_euclid(12) as u32 + 1;
        Self {
            year: year.clamp(i64::from(i32::MIN), i64::from(i32::MAX)) as i32,
            month,
        }
    }

    /// The calendar month of scenario month `month_index` (month 1 = `self`).
    pub fn nth_month(self, month_index: u32) -> Self {
        self.plus_months(i64::from(month_index) - 1)
    }

    /// Scenario month index (1-based) of `other` when `self` is month 1.
    pub fn months_until(self, other: YearMonth) -> i64 {
        (i64::from(other.year) - i64::from(self.year)) * 12 + i64::from(other.month)
            - i64::from(self.month)
            + 1
    }
}

impl fmt::Display for YearMonth {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}", self.year, self.month)
    }
}

/// Why a month string could not be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("expected a month written as \"YYYY-MM\" (for example \"2026-01\"), found \"{0}\"")]
pub struct BadMonth(pub String);

impl FromStr for YearMonth {
    type Err = BadMonth;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let bad = || BadMonth(s.to_string());
        let (y, m) = s.trim().split_once('-').ok_or_else(bad)?;
        let year: i32 = y.parse().map_err(|_| bad())?;
        let month: u32 = m.parse().map_err(|_| bad())?;
        if !(1..=12).contains(&month) || !(1900..=2200).contains(&year) {
            return Err(bad());
        }
        Ok(Self { year, month })
    }
}

impl Serialize for YearMonth {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for YearMonth {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        s.parse().map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn months_roll_over_years() {
        let start = YearMonth::new(2026, 11);
        assert_eq!(start.nth_month(1).to_string(), "2026-11");
        assert_eq!(start.nth_month(3).to_string(), "2027-01");
        assert_eq!(start.nth_month(26).to_string(), "2028-12");
        assert_eq!(start.months_until(YearMonth::new(2027, 1)), 3);
    }

    #[test]
    fn parses_and_rejects() {
        assert_eq!("2026-01".parse::<YearMonth>(), Ok(YearMonth::new(2026, 1)));
        assert!("2026-13".parse::<YearMonth>().is_err());
        assert!("Jan 2026".parse::<YearMonth>().is_err());
    }
}
