//! Which months start a plan year or a calendar year, followed month by
//! month with a counter rather than worked out from the date each month
//! (two remainders per month in the loops that run most).

use crate::model::month::YearMonth;
use crate::model::scenario::PlanYear;

/// The months of a plan, one after another: for each, whether it starts a
/// plan year (`PlanYear::starts_year`) and a calendar year
/// (`starts_calendar_year`). A unit test checks both against those.
pub(super) struct YearStarts {
    /// Months until the next plan year starts: 1 when the next month
    /// given starts one. `u32::MAX`: never again (a fiscal year starting in
    /// a month that does not exist).
    to_plan_year: u32,
    /// The same for calendar years.
    to_calendar_year: u32,
    /// Months from the first month to the first start after it.
    first_plan_gap: u32,
    first_calendar_gap: u32,
    /// Whether a month was given yet.
    begun: bool,
}

impl YearStarts {
    pub(super) fn new(plan_year: PlanYear, start: YearMonth) -> Self {
        let start_month = start.month.clamp(1, 12);
        // Months from the start month to the next calendar month `m`
        // (12 when it is the start month itself).
        let gap_to = |m: u32| match (m + 12 - start_month) % 12 {
            0 => 12,
            gap => gap,
        };
        YearStarts {
            to_plan_year: 1,
            to_calendar_year: 1,
            first_plan_gap: match plan_year {
                PlanYear::ScenarioStart => 12,
                PlanYear::FiscalYear { first_month } if (1..=12).contains(&first_month) => {
                    gap_to(first_month)
                }
                PlanYear::FiscalYear { .. } => u32::MAX,
            },
            first_calendar_gap: gap_to(1),
            begun: false,
        }
    }

    /// The next month: (starts a plan year, starts a calendar year).
    #[inline]
    pub(super) fn next(&mut self) -> (bool, bool) {
        let (plan_gap, calendar_gap) = if self.begun {
            (12, 12)
        } else {
            self.begun = true;
            (self.first_plan_gap, self.first_calendar_gap)
        };
        let plan = self.to_plan_year == 1;
        self.to_plan_year = if plan {
            plan_gap
        } else {
            self.to_plan_year - 1
        };
        let calendar = self.to_calendar_year == 1;
        self.to_calendar_year = if calendar {
            calendar_gap
        } else {
            self.to_calendar_year - 1
        };
        (plan, calendar)
    }
}

impl YearStarts {
    /// After [`next`](Self::next) said `month` starts a plan year: its
    /// months inside a timeframe of `horizon` months.
    #[inline]
    pub(super) fn plan_year_months(&self, month: u32, horizon: u32) -> u32 {
        self.to_plan_year.min(horizon + 1 - month)
    }

    /// The same for a calendar year starting at `month`.
    #[inline]
    pub(super) fn calendar_year_months(&self, month: u32, horizon: u32) -> u32 {
        self.to_calendar_year.min(horizon + 1 - month)
    }
}

/// For each month 1..=horizon (month 1 at index 0), the months of its year
/// inside the timeframe, where `starts(month)` says which months start a
/// year (month 1 always starts one). Worked out from the rule itself, for
/// the reference loop and tests.
#[cfg(test)]
pub(super) fn year_lengths(horizon: u32, starts: impl Fn(u32) -> bool) -> Vec<u32> {
    let firsts: Vec<u32> = (1..=horizon)
        .filter(|&m| m == 1 || starts(m))
        .chain([horizon + 1])
        .collect();
    let mut lengths = Vec::with_capacity(horizon as usize);
    for year in firsts.windows(2) {
        lengths.extend((year[0]..year[1]).map(|_| year[1] - year[0]));
    }
    lengths
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::scenario::starts_calendar_year;

    #[test]
    fn year_starts_match_the_scenario_rules() {
        let plan_years = [
            PlanYear::ScenarioStart,
            PlanYear::US_FEDERAL,
            PlanYear::FiscalYear { first_month: 1 },
            PlanYear::FiscalYear { first_month: 7 },
            PlanYear::FiscalYear { first_month: 12 },
            PlanYear::FiscalYear { first_month: 13 },
            PlanYear::FiscalYear { first_month: 0 },
        ];
        for plan_year in plan_years {
            for start_month in 0..=13 {
                let start = YearMonth::new(2026, start_month);
                let mut starts = YearStarts::new(plan_year, start);
                for month in 1..=240 {
                    let expected = (
                        plan_year.starts_year(start, month),
                        starts_calendar_year(start, month),
                    );
                    assert_eq!(
                        starts.next(),
                        expected,
                        "{plan_year:?} from month {start_month}, month {month}"
                    );
                }
            }
        }
    }

    #[test]
    fn year_lengths_follow_the_counter() {
        for plan_year in [PlanYear::ScenarioStart, PlanYear::US_FEDERAL] {
            for start_month in 1..=12 {
                let start = YearMonth::new(2026, start_month);
                for horizon in [1, 5, 13, 30] {
                    let plan = year_lengths(horizon, |m| plan_year.starts_year(start, m));
                    let calendar = year_lengths(horizon, |m| starts_calendar_year(start, m));
                    let mut starts = YearStarts::new(plan_year, start);
                    let (mut p, mut c) = (0, 0);
                    for month in 1..=horizon {
                        let (plan_starts, calendar_starts) = starts.next();
                        if plan_starts {
                            p = starts.plan_year_months(month, horizon);
                        }
                        if calendar_starts {
                            c = starts.calendar_year_months(month, horizon);
                        }
                        let k = month as usize - 1;
                        assert_eq!(
                            (p, c),
                            (plan[k], calendar[k]),
                            "{plan_year:?} {start_month} {horizon} {month}"
                        );
                    }
                }
            }
        }
    }
}
