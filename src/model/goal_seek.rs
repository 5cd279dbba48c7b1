//! Goal seek: "what budget does this mineral need to reach X % coverage by
//! month M?", answered with the real projection. Pure functions; see "Goal
//! seek and budget allocation" in `docs/MODEL.md`.
//!
//! Only the mineral's budget varies (its per-year or per-month amounts
//! scaled with it, as [`Mineral::set_budget_usd`] does when the planner
//! types a budget); its events, ceiling, capacities, lead times and the
//! scenario's settings stay as they are. Minerals are projected
//! independently (an event acts on each mineral it names on its own), so
//! each trial projects a copy of the scenario holding that one mineral and
//! the enabled events that hit it: the same numbers as the whole scenario,
//! a fraction of the work.
//!
//! Coverage rises with the budget in ordinary plans, so the answer is found
//! by bracketing and bisection (with secant steps, exact on the straight
//! stretches of a piecewise-linear coverage). Where it does not (a purchase
//! ceiling or capacity reached early in a year while an event delays or
//! loses the orders of those months), the budget returned still reaches the
//! target, checked by projection, but may not be the least.

use super::month::YearMonth;
use super::projection::{planned_spend_usd, project};
use super::scenario::{MAX_HORIZON_MONTHS, Mineral, PurchaseCeiling, Scenario};

/// Coverage at or above `target − REACHED_SLACK_PTS` counts as reaching it
/// (floating-point dust, not a tolerance a planner would see).
pub const REACHED_SLACK_PTS: f64 = 1e-9;

/// The largest budget tried, USD ($1,000 trillion): coverage still rising
/// there means the inputs are not sensible (a price near zero or far too
/// high), not that a real budget would do.
pub const MAX_BUDGET_USD: f64 = 1e15;

/// A change in coverage smaller than this, percentage points, counts as
/// none: more budget "no longer raises coverage" (the plateau).
pub const RISE_PTS: f64 = 1e-6;

/// A limit "binds" when projecting again without it (at a budget on the
/// plateau) raises coverage by at least this many percentage points above
/// the best found.
pub const BINDS_PTS: f64 = 0.01;

/// The tolerance on a budget found near `budget_usd`: $1,000, or a
/// millionth of the budget when that is smaller, but at least $1. The
/// budget returned reaches the target; that budget minus the tolerance does
/// not (when coverage rises with the budget).
pub fn budget_tolerance_usd(budget_usd: f64) -> f64 {
    let t = budget_usd.abs() * 1e-6;
    if t.is_finite() {
        t.clamp(1.0, 1_000.0)
    } else {
        1_000.0
    }
}

/// The answer to a goal seek.
#[derive(Clone, Debug, PartialEq)]
pub enum GoalSeek {
    /// The budget (within [`budget_tolerance_usd`] of the least) that
    /// reaches the target, and the coverage it gives by the month.
    /// `unspent_usd`: the part of that budget never spent over the
    /// timeframe (orders that events block and re-sourcing cannot place,
    /// or that a limit holds back): the editor then warns that the budget
    /// cannot all be spent, and the sentence says so first.
    Reached {
        budget_usd: f64,
        coverage_pct: f64,
        unspent_usd: f64,
    },
    /// The current budget reaches the target already; `least_budget_usd`
    /// would do (it gives `least_coverage_pct`).
    AlreadyMet {
        current_budget_usd: f64,
        coverage_pct: f64,
        least_budget_usd: f64,
        least_coverage_pct: f64,
    },
    /// No budget reaches the target. `best_coverage_pct` is the most any
    /// budget gives by the month, reached from `best_budget_usd` (more is
    /// not used); `limit` is what binds, `reason` says it in the planner's
    /// words: "not reachable: the purchase ceiling binds at 64.2%".
    NotReachable {
        best_coverage_pct: f64,
        best_budget_usd: f64,
        limit: Limit,
        reason: String,
    },
}

impl GoalSeek {
    /// The budget to set when the answer is applied: the one found
    /// (`Reached`), the least that meets the target (`AlreadyMet`, a cut),
    /// or the least that gives the best coverage (`NotReachable`: more
    /// would not be used).
    pub fn budget_usd(&self) -> f64 {
        match *self {
            GoalSeek::Reached { budget_usd, .. } => budget_usd,
            GoalSeek::AlreadyMet {
                least_budget_usd, ..
            } => least_budget_usd,
            GoalSeek::NotReachable {
                best_budget_usd, ..
            } => best_budget_usd,
        }
    }

    /// One line for the planner: "needs $80,000 (80.0% by 2026-10)",
    /// "already met: 85.0% by 2026-10 with $100,000; $80,000 would do",
    /// or the reason it is not reachable.
    pub fn sentence(&self, by: YearMonth) -> String {
        match self {
            GoalSeek::Reached {
                budget_usd,
                coverage_pct,
                unspent_usd,
            } => {
                let mut line = format!(
                    "needs {} ({} by {by})",
                    usd(*budget_usd),
                    pct(*coverage_pct)
                );
                // Under half a percent is the search's rounding, not news.
                if *unspent_usd > 0.005 * budget_usd {
                    line += &format!(
                        "; {} of it goes unspent over the timeframe (orders blocked or held back: the editor says why)",
                        usd(*unspent_usd)
                    );
                }
                line
            }
            GoalSeek::AlreadyMet {
                current_budget_usd,
                coverage_pct,
                least_budget_usd,
                ..
            } => format!(
                "already met: {} by {by} with {}; {} would do",
                pct(*coverage_pct),
                usd(*current_budget_usd),
                usd(*least_budget_usd)
            ),
            GoalSeek::NotReachable { reason, .. } => reason.clone(),
        }
    }
}

/// What keeps a mineral's coverage from rising with more budget.
#[derive(Clone, Debug, PartialEq)]
pub enum Limit {
    /// Each of these binds: removing any one of them alone (the ceiling, a
    /// supplier's capacity, an event) lets more be bought in time.
    Binds(Vec<Binding>),
    /// These bind only together: removing any one alone changes nothing,
    /// removing all of them does.
    BindTogether(Vec<Binding>),
    /// The spending profile plans no money up to the month.
    NothingPlannedInTime,
    /// Nothing bought arrives by the month: the lead times (and the month)
    /// leave no time. `shortest_lead_time_months` is the shortest lead time
    /// of a supplier with a share.
    ArrivesTooLate { shortest_lead_time_months: u32 },
    /// No supplier has a share, so nothing is bought.
    NoSupplier,
    /// The requirement or the price is not a positive number (validation
    /// flags it), e.g. "its requirement is not above 0".
    Inputs(String),
    /// Coverage still rises at [`MAX_BUDGET_USD`].
    BudgetCap,
    /// Nothing above was found to bind.
    Unknown,
}

/// One thing that binds.
#[derive(Clone, Debug, PartialEq)]
pub enum Binding {
    /// The mineral's purchase ceiling.
    Ceiling,
    /// The capacity of the supplier of this name.
    Capacity { supplier: String },
    /// The event of this name (an enabled event that hits the mineral).
    Event { name: String },
}

impl Binding {
    fn words(&self) -> String {
        match self {
            Binding::Ceiling => "the purchase ceiling".into(),
            Binding::Capacity { supplier } => format!("the capacity of {supplier}"),
            Binding::Event { name } => format!("the event \"{name}\""),
        }
    }
}

impl Limit {
    /// What binds, in the planner's words, with the best coverage reached
    /// by month `by`: "the purchase ceiling binds at 64.2%", "nothing bought
    /// arrives by 2026-02 (the shortest lead time is 3 months); coverage
    /// stays at 0.0%".
    pub fn sentence(&self, best_coverage_pct: f64, by: YearMonth) -> String {
        let at = pct(best_coverage_pct);
        match self {
            Limit::Binds(list) => {
                let verb = if list.len() == 1 { "binds" } else { "bind" };
                format!("{} {verb} at {at}", and_list(list))
            }
            Limit::BindTogether(list) => format!("{} bind together at {at}", and_list(list)),
            Limit::NothingPlannedInTime => {
                format!("the spending profile plans no money up to {by}; coverage stays at {at}")
            }
            Limit::ArrivesTooLate {
                shortest_lead_time_months,
            } => format!(
                "nothing bought arrives by {by} (the shortest lead time is {}); coverage \
                 stays at {at}",
                months(*shortest_lead_time_months)
            ),
            Limit::NoSupplier => format!("it has no supplier with a share; coverage stays at {at}"),
            Limit::Inputs(what) => format!("{what}; coverage stays at {at}"),
            Limit::BudgetCap => format!(
                "no budget up to {} reaches it (coverage {at})",
                usd(MAX_BUDGET_USD)
            ),
            Limit::Unknown => format!("coverage stops rising at {at}"),
        }
    }
}

/// Why a goal seek could not be asked.
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
pub enum GoalSeekError {
    #[error("there is no mineral number {0}")]
    NoSuchMineral(usize),
    #[error("the month must be within the plan ({first} to {last})")]
    MonthOutsidePlan { first: YearMonth, last: YearMonth },
    #[error("the plan has no months")]
    NoMonths,
    #[error("the coverage to reach must be a number")]
    TargetNotANumber,
}

/// The scenario month (1-based) of calendar month `by`, when it lies
/// within the plan.
pub fn plan_month(scenario: &Scenario, by: YearMonth) -> Option<u32> {
    let horizon = scenario.horizon_months.min(MAX_HORIZON_MONTHS);
    let m = scenario.start.months_until(by);
    (1..=i64::from(horizon)).contains(&m).then_some(m as u32)
}

/// The budget mineral `mineral` of `scenario` needs for its coverage at the
/// end of scenario month `by_month` (1-based; the horizon for final
/// coverage) to reach `coverage_pct`, everything else as it is.
///
/// - `Reached`: the budget, whole dollars, within [`budget_tolerance_usd`]
///   of the least: it reaches the target (checked by projection, up to
///   [`REACHED_SLACK_PTS`]) and that much less does not.
/// - `AlreadyMet`: the current budget reaches it; the least that would.
/// - `NotReachable`: more budget stops raising coverage below the target
///   (the best coverage, the least budget that gives it, and what binds,
///   found by projecting again without the ceiling, each capacity and each
///   event).
///
/// Cost: a few dozen projections of the one mineral (well under 20 ms on
/// the largest sample); up to one more per capacity and event when the
/// target is not reachable.
pub fn goal_seek(
    scenario: &Scenario,
    mineral: usize,
    coverage_pct: f64,
    by_month: u32,
) -> Result<GoalSeek, GoalSeekError> {
    let m = scenario
        .minerals
        .get(mineral)
        .ok_or(GoalSeekError::NoSuchMineral(mineral))?;
    if !coverage_pct.is_finite() {
        return Err(GoalSeekError::TargetNotANumber);
    }
    let horizon = scenario.horizon_months.min(MAX_HORIZON_MONTHS);
    if horizon == 0 {
        return Err(GoalSeekError::NoMonths);
    }
    if by_month < 1 || by_month > horizon {
        return Err(GoalSeekError::MonthOutsidePlan {
            first: scenario.start,
            last: scenario.start.nth_month(horizon),
        });
    }
    let target = coverage_pct;
    let mut trial = BudgetTrial::new(scenario, mineral, by_month);
    let current = if m.budget_usd.is_finite() {
        m.budget_usd.max(0.0)
    } else {
        0.0
    };
    let c0 = trial.coverage(0.0);
    let c_current = if current > 0.0 {
        trial.coverage(current)
    } else {
        c0
    };
    if reaches(c_current, target) {
        let (least, c_least) = if reaches(c0, target) {
            (0.0, c0)
        } else {
            least_reaching(&mut trial, target, (0.0, c0), (current, c_current))
        };
        return Ok(GoalSeek::AlreadyMet {
            current_budget_usd: current,
            coverage_pct: c_current,
            least_budget_usd: least,
            least_coverage_pct: c_least,
        });
    }
    let first = first_guess(m, horizon, by_month, target, c0);
    match scan(&mut trial, target, c0, first) {
        Scan::Bracket { fail, reach } => {
            let (budget_usd, coverage_pct) = least_reaching(&mut trial, target, fail, reach);
            Ok(GoalSeek::Reached {
                budget_usd,
                coverage_pct,
                unspent_usd: trial.unspent_usd(budget_usd),
            })
        }
        Scan::Best {
            best,
            largest,
            rising,
        } => {
            let (best_budget_usd, best_coverage_pct) = least_for_best(&mut trial, c0, best);
            let limit = if rising {
                Limit::BudgetCap
            } else {
                find_limit(&trial, largest, best.1)
            };
            let reason = format!(
                "not reachable: {}",
                limit.sentence(best_coverage_pct, scenario.start.nth_month(by_month))
            );
            Ok(GoalSeek::NotReachable {
                best_coverage_pct,
                best_budget_usd,
                limit,
                reason,
            })
        }
    }
}

/// Whether coverage `c` reaches `target` (up to floating-point dust).
#[inline]
pub(crate) fn reaches(c: f64, target: f64) -> bool {
    c >= target - REACHED_SLACK_PTS
}

/// One mineral with its events, projected at any budget: the scenario cut
/// down to that mineral and the enabled events that hit it (the same
/// projection of that mineral as the whole scenario's).
#[derive(Clone)]
pub(crate) struct BudgetTrial {
    /// The mineral as it is in the scenario: each trial scales its spending
    /// profile from here, as `Mineral::set_budget_usd` does.
    original: Mineral,
    scenario: Scenario,
    /// Index of the month read (by_month − 1).
    month: usize,
    /// Projections made so far.
    pub(crate) projections: usize,
}

impl BudgetTrial {
    /// `mineral` must be an index of `scenario.minerals`, `by_month` within
    /// the horizon.
    pub(crate) fn new(scenario: &Scenario, mineral: usize, by_month: u32) -> Self {
        let original = scenario.minerals[mineral].clone();
        let disruptions = scenario
            .disruptions
            .iter()
            .filter(|d| d.hits_mineral(&original.name))
            .cloned()
            .collect();
        let one = Scenario {
            minerals: vec![original.clone()],
            disruptions,
            variants: Vec::new(),
            ..scenario.clone()
        };
        BudgetTrial {
            original,
            scenario: one,
            month: by_month.max(1) as usize - 1,
            projections: 0,
        }
    }

    /// The budget never spent over the timeframe with a budget of
    /// `budget_usd`.
    pub(crate) fn unspent_usd(&mut self, budget_usd: f64) -> f64 {
        self.set_budget(budget_usd);
        self.projections += 1;
        project(&self.scenario).minerals[0].unspent_usd().max(0.0)
    }

    /// The mineral's coverage by the month with a budget of `budget_usd`
    /// (the profile scaled as `Mineral::set_budget_usd` does). NaN when the
    /// projection gives none.
    pub(crate) fn coverage(&mut self, budget_usd: f64) -> f64 {
        self.set_budget(budget_usd);
        self.projections += 1;
        project(&self.scenario).minerals[0]
            .months
            .get(self.month)
            .map_or(f64::NAN, |r| r.coverage_pct)
    }

    fn set_budget(&mut self, budget_usd: f64) {
        let m = &mut self.scenario.minerals[0];
        m.budget_usd = self.original.budget_usd;
        m.spending.clone_from(&self.original.spending);
        m.set_budget_usd(budget_usd);
    }

    /// The same trial with `edit` applied to the mineral (a counterfactual).
    fn with(&self, edit: impl FnOnce(&mut Scenario)) -> BudgetTrial {
        let mut t = self.clone();
        edit(&mut t.scenario);
        t
    }
}

/// The least budget, within [`budget_tolerance_usd`], whose coverage
/// reaches `target`, given a budget `fail = (budget, coverage)` that does
/// not and a larger one `reach` that does. Returns (budget, coverage); the
/// budget reaches the target.
///
/// Bisection, with secant steps: coverage is piecewise linear in the
/// budget, so on a straight stretch the secant lands on the answer, and a
/// probe one tolerance to the other side closes the bracket. A secant round
/// that does not halve the bracket is followed by a bisection step, so the
/// bracket at least halves every three projections.
pub(crate) fn least_reaching(
    trial: &mut BudgetTrial,
    target: f64,
    fail: (f64, f64),
    reach: (f64, f64),
) -> (f64, f64) {
    let (mut lo, mut c_lo) = fail;
    let (mut hi, mut c_hi) = reach;
    let mut secant = true;
    for _ in 0..400 {
        let width = hi - lo;
        let tol = budget_tolerance_usd(hi);
        if width.is_nan() || width <= tol {
            break;
        }
        let mid = lo + width / 2.0;
        let guess = if secant && c_hi > c_lo {
            lo + (target - c_lo) / (c_hi - c_lo) * width
        } else {
            mid
        };
        // Whole dollars (when the bracket allows), strictly inside it.
        let inside = |x: f64| x > lo && x < hi;
        let x = [guess.round(), mid.round(), mid]
            .into_iter()
            .find(|&x| x.is_finite() && inside(x))
            .unwrap_or(mid);
        let c = trial.coverage(x);
        let hit = reaches(c, target);
        if hit {
            (hi, c_hi) = (x, c);
        } else {
            (lo, c_lo) = (x, c);
        }
        if secant {
            // Probe one tolerance to the other side of the guess.
            let probe = if hit { x - tol } else { x + tol };
            if probe > lo && probe < hi {
                let cp = trial.coverage(probe);
                if reaches(cp, target) {
                    (hi, c_hi) = (probe, cp);
                } else {
                    (lo, c_lo) = (probe, cp);
                }
            }
        }
        secant = !secant || hi - lo <= width / 2.0;
    }
    (hi, c_hi)
}

/// The least budget (within tolerance) that gives the best coverage found,
/// `best = (budget, coverage)`: more is not used.
fn least_for_best(trial: &mut BudgetTrial, c0: f64, best: (f64, f64)) -> (f64, f64) {
    // A hair under the plateau, so float dust does not push the answer up
    // to the largest budget tried.
    let goal = best.1 - RISE_PTS;
    if reaches(c0, goal) || best.0 <= 0.0 {
        return (0.0, c0);
    }
    least_reaching(trial, goal, (0.0, c0), best)
}

/// A first budget to try: what the missing quantity costs at the start
/// price, bought by the month under the current spending shape.
fn first_guess(m: &Mineral, horizon: u32, by_month: u32, target: f64, c0: f64) -> f64 {
    let missing_qty = (target - c0).max(0.0) / 100.0 * m.requirement_qty;
    let share = m.total_share_pct() / 100.0;
    let planned_by: f64 = (1..=by_month)
        .map(|k| planned_spend_usd(m, horizon, k))
        .sum();
    let planned_all: f64 = (1..=horizon)
        .map(|k| planned_spend_usd(m, horizon, k))
        .sum();
    let spent_by = if planned_all > 0.0 && planned_by > 0.0 {
        planned_by / planned_all
    } else {
        f64::from(by_month) / f64::from(horizon)
    };
    let guess = missing_qty * m.price_usd_per_unit / share / spent_by;
    // Whole dollars, so the budgets tried (doubling from it) are too.
    if guess.is_finite() && guess > 0.0 {
        guess.round().clamp(1_000.0, MAX_BUDGET_USD)
    } else {
        1e6
    }
}

/// What the upward scan found.
enum Scan {
    /// `fail` does not reach the target, `reach` (a larger budget) does.
    Bracket { fail: (f64, f64), reach: (f64, f64) },
    /// No budget tried reaches it. `best` gives the most coverage seen,
    /// `largest` is the largest budget tried; `rising`: coverage was still
    /// rising at [`MAX_BUDGET_USD`].
    Best {
        best: (f64, f64),
        largest: f64,
        rising: bool,
    },
}

/// Doubles the budget from `first` until the target is reached, or until
/// two doublings in a row no longer raise the best coverage (the plateau).
/// Where coverage falls as the budget grows (not monotone), the peak
/// between the last three budgets is looked for (golden section).
fn scan(trial: &mut BudgetTrial, target: f64, c0: f64, first: f64) -> Scan {
    let mut tried: Vec<(f64, f64)> = vec![(0.0, c0)];
    let mut best = (0.0, c0);
    let mut flat = 0;
    let mut h = first;
    // The largest budget that does not reach the target below `x`.
    let bracket = |tried: &[(f64, f64)], reach: (f64, f64)| {
        let fail = tried
            .iter()
            .copied()
            .filter(|&(b, c)| b < reach.0 && !reaches(c, target))
            .fold((0.0, c0), |a, p| if p.0 > a.0 { p } else { a });
        Scan::Bracket { fail, reach }
    };
    loop {
        let c = trial.coverage(h);
        if reaches(c, target) {
            return bracket(&tried, (h, c));
        }
        let previous = tried.last().copied().unwrap_or((0.0, c0));
        tried.push((h, c));
        if c < previous.1 - RISE_PTS {
            // It fell: look for the peak between the budget before the
            // previous one and this one.
            let from = tried.len().checked_sub(3).map_or(0.0, |k| tried[k].0);
            if let Some(reach) = golden_peak(trial, target, from, h, &mut tried) {
                return bracket(&tried, reach);
            }
        }
        let top = tried
            .iter()
            .copied()
            .fold(best, |a, p| if p.1 > a.1 { p } else { a });
        if top.1 > best.1 + RISE_PTS {
            flat = 0;
        } else {
            flat += 1;
        }
        best = top;
        if flat >= 2 {
            return Scan::Best {
                best,
                largest: h,
                rising: false,
            };
        }
        if h >= MAX_BUDGET_USD {
            return Scan::Best {
                best,
                largest: h,
                rising: true,
            };
        }
        h = (h * 2.0).min(MAX_BUDGET_USD);
    }
}

/// Golden-section search for the highest coverage on `[a, b]`, recording
/// each budget tried in `tried`; returns the first budget found that
/// reaches `target`, if any.
fn golden_peak(
    trial: &mut BudgetTrial,
    target: f64,
    mut a: f64,
    mut b: f64,
    tried: &mut Vec<(f64, f64)>,
) -> Option<(f64, f64)> {
    const INV_PHI: f64 = 0.618_033_988_749_894_8;
    let mut eval = |x: f64, tried: &mut Vec<(f64, f64)>| {
        let c = trial.coverage(x);
        tried.push((x, c));
        c
    };
    let mut x1 = b - INV_PHI * (b - a);
    let mut x2 = a + INV_PHI * (b - a);
    let mut f1 = eval(x1, tried);
    let mut f2 = eval(x2, tried);
    for _ in 0..60 {
        for (x, f) in [(x1, f1), (x2, f2)] {
            if reaches(f, target) {
                return Some((x, f));
            }
        }
        if b - a <= budget_tolerance_usd(b) {
            break;
        }
        if f1 >= f2 {
            (b, x2, f2) = (x2, x1, f1);
            x1 = b - INV_PHI * (b - a);
            f1 = eval(x1, tried);
        } else {
            (a, x1, f1) = (x1, x2, f2);
            x2 = a + INV_PHI * (b - a);
            f2 = eval(x2, tried);
        }
    }
    None
}

/// An edit of a one-mineral trial that removes a limit.
type Removal = Box<dyn Fn(&mut Scenario)>;

/// What keeps coverage at `best` when the budget is `budget` (on the
/// plateau): the ceiling, a capacity or an event when projecting again
/// without it raises coverage, else the timing.
pub(crate) fn find_limit(trial: &BudgetTrial, budget: f64, best: f64) -> Limit {
    let m = &trial.original;
    if !(m.requirement_qty > 0.0 && m.requirement_qty.is_finite()) {
        return Limit::Inputs("its requirement is not above 0".into());
    }
    if !(m.price_usd_per_unit > 0.0 && m.price_usd_per_unit.is_finite()) {
        return Limit::Inputs("its price is not above 0".into());
    }
    if !m.suppliers.iter().any(|s| s.share_pct > 0.0) {
        return Limit::NoSupplier;
    }
    let helps = |mut t: BudgetTrial| t.coverage(budget) >= best + BINDS_PTS;
    // Every candidate, with the edit that removes it.
    let mut candidates: Vec<(Binding, Removal)> = Vec::new();
    if !matches!(m.ceiling, PurchaseCeiling::None) {
        candidates.push((
            Binding::Ceiling,
            Box::new(|s: &mut Scenario| s.minerals[0].ceiling = PurchaseCeiling::None),
        ));
    }
    for (k, s) in m.suppliers.iter().enumerate() {
        if s.has_capacity_limit() && s.share_pct > 0.0 {
            candidates.push((
                Binding::Capacity {
                    supplier: s.name.clone(),
                },
                Box::new(move |s: &mut Scenario| {
                    let supplier = &mut s.minerals[0].suppliers[k];
                    supplier.capacity_qty_per_year = None;
                    supplier.capacity_changes.clear();
                }),
            ));
        }
    }
    for (k, d) in trial.scenario.disruptions.iter().enumerate() {
        candidates.push((
            Binding::Event {
                name: d.name.clone(),
            },
            Box::new(move |s: &mut Scenario| s.disruptions[k].enabled = false),
        ));
    }
    let binding: Vec<Binding> = candidates
        .iter()
        .filter(|(_, edit)| helps(trial.with(|s| edit(s))))
        .map(|(b, _)| b.clone())
        .collect();
    if !binding.is_empty() {
        return Limit::Binds(binding);
    }
    if !candidates.is_empty()
        && helps(trial.with(|s| candidates.iter().for_each(|(_, edit)| edit(s))))
    {
        return Limit::BindTogether(candidates.into_iter().map(|(b, _)| b).collect());
    }
    // Timing: nothing planned, or nothing arriving, by the month.
    let horizon = trial.scenario.horizon_months.min(MAX_HORIZON_MONTHS);
    let by = trial.month as u32 + 1;
    let mut scaled = m.clone();
    scaled.set_budget_usd(budget);
    if (1..=by).all(|k| planned_spend_usd(&scaled, horizon, k) <= 0.0) {
        return Limit::NothingPlannedInTime;
    }
    let shortest = m
        .suppliers
        .iter()
        .filter(|s| s.share_pct > 0.0)
        .map(|s| s.lead_time_months)
        .min()
        .unwrap_or(0);
    if shortest >= by {
        return Limit::ArrivesTooLate {
            shortest_lead_time_months: shortest,
        };
    }
    Limit::Unknown
}

/// "A", "A and B", "A, B and C".
fn and_list(list: &[Binding]) -> String {
    // Past a few, the rest are counted: a thousand events binding at once
    // would be a page of text.
    const NAMED: usize = 6;
    if list.len() > NAMED + 1 {
        let named: Vec<String> = list[..NAMED].iter().map(Binding::words).collect();
        return format!(
            "{} and {} more limits",
            named.join(", "),
            list.len() - NAMED
        );
    }
    let words: Vec<String> = list.iter().map(Binding::words).collect();
    match words.as_slice() {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

/// "1 month", "4 months".
fn months(n: u32) -> String {
    if n == 1 {
        "1 month".into()
    } else {
        format!("{n} months")
    }
}

/// A percentage as the window shows it: "64.2%".
pub(crate) fn pct(value: f64) -> String {
    format!("{value:.1}%")
}

/// Whole dollars with thousands separators: "$80,000".
pub(crate) fn usd(value: f64) -> String {
    crate::display::usd_whole(value)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::samples;

    /// The one-mineral trial projects each mineral as the whole scenario
    /// does (minerals are independent; events act per mineral), with every
    /// preset in force, at the mineral's own budget and at others.
    #[test]
    fn a_trial_projects_its_mineral_as_the_whole_scenario_does() {
        for sample in samples::ALL {
            let s = samples::with_every_preset_in_force(sample.scenario());
            let whole = project(&s);
            let h = s.horizon_months;
            for (k, m) in s.minerals.iter().enumerate() {
                for by in [1, h / 2, h] {
                    let mut t = BudgetTrial::new(&s, k, by.max(1));
                    let c = t.coverage(m.budget_usd);
                    let expected = whole.minerals[k].months[by.max(1) as usize - 1].coverage_pct;
                    assert!(
                        (c - expected).abs() <= 1e-9 * (1.0 + expected.abs()),
                        "{} {}: {c} vs {expected}",
                        sample.file_name,
                        m.name
                    );
                }
                // At another budget, the same as setting it in the whole.
                let mut other = s.clone();
                other.minerals[k].set_budget_usd(m.budget_usd * 1.7);
                let expected = project(&other).minerals[k].final_coverage_pct();
                let c = BudgetTrial::new(&s, k, h).coverage(m.budget_usd * 1.7);
                assert!((c - expected).abs() <= 1e-9 * (1.0 + expected.abs()));
            }
        }
    }

    #[test]
    fn words() {
        assert_eq!(usd(80_000.0), "$80,000");
        assert_eq!(usd(1_234_567.4), "$1,234,567");
        assert_eq!(usd(0.2), "$0");
        assert_eq!(pct(64.24), "64.2%");
        assert_eq!(
            and_list(&[
                Binding::Ceiling,
                Binding::Capacity {
                    supplier: "DRC".into()
                },
                Binding::Event { name: "Ban".into() }
            ]),
            "the purchase ceiling, the capacity of DRC and the event \"Ban\""
        );
        assert_eq!(budget_tolerance_usd(80_000.0), 1.0);
        assert_eq!(budget_tolerance_usd(5e8), 500.0);
        assert_eq!(budget_tolerance_usd(5e12), 1_000.0);
    }
}
