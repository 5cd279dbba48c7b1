//! Which months start a plan year or a calendar year, followed month by
//! month with a counter rather than worked out from the date each month
//! (two remainders per month in the loops that run most).

use crate::model::month::YearMonth;
use crate::model::scenario::PlanYear;

/// The months of a plan, one after another: for each, whether it starts a
/// plan year (`PlanYear::starts_year`) and a calendar year
/// (`starts_calendar_year`). A unit test checks both against those.
pub(super) struct YearStarts {
    /// Calendar month (1–12) of the month last given.
    calendar_month: u32,
    /// Whether a month was given yet.
    begun: bool,
    /// Plan years from the scenario start: 1 when the next month starts a
    /// plan year, else the months until then.
    to_plan_year: u32,
    /// The calendar month that starts a fiscal plan year, or none for plan
    /// years from the scenario start.
    fiscal_first: Option<u32>,
}

impl YearStarts {
    pub(super) fn new(plan_year: PlanYear, start: YearMonth) -> Self {
        YearStarts {
            // So that the first month is the start month.
            calendar_month: (start.month.clamp(1, 12) + 10) % 12 + 1,
            begun: false,
            to_plan_year: 1,
            fiscal_first: match plan_year {
                PlanYear::ScenarioStart => None,
                PlanYear::FiscalYear { first_month } => Some(first_month),
            },
        }
    }

    /// The next month: (starts a plan year, starts a calendar year).
    #[inline]
    pub(super) fn next(&mut self) -> (bool, bool) {
        let first = !self.begun;
        self.begun = true;
        self.calendar_month = if self.calendar_month == 12 {
            1
        } else {
            self.calendar_month + 1
        };
        let plan = match self.fiscal_first {
            None => {
                let starts = self.to_plan_year == 1;
                self.to_plan_year = if starts { 12 } else { self.to_plan_year - 1 };
                starts
            }
            Some(f) => first || self.calendar_month == f,
        };
        (plan, first || self.calendar_month == 1)
    }
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
}
