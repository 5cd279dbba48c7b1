//! Budget allocation: split a total budget among the minerals so as to
//! raise the lowest (weighted) final coverage as far as it goes, with the
//! real projection (ceilings, capacities, events, lead times). Pure
//! functions; see "Goal seek and budget allocation" in `docs/MODEL.md`.
//!
//! **Objective.** With weight wᵢ ≥ 0 (default 1), mineral i's *score* at
//! final coverage cᵢ is `100 − wᵢ × (100 − min(cᵢ, 100))`: its shortfall
//! from full coverage, counted wᵢ times. With every weight 1 the score is
//! the coverage (capped at 100 %). The split maximizes the lowest score,
//! then, among minerals that could still use money, the next lowest, and so
//! on (max-min fairness): a mineral whose ceiling (capacity, events) stops
//! its coverage takes only the budget that reaches its most, and the level
//! keeps rising for the others. Nothing is pushed beyond 100 %: once every
//! mineral is full or at its limit, the rest of the total is left
//! unallocated, with the reason.
//!
//! **Method.** Coverage rises with a mineral's own budget, so for a level L
//! each mineral needs a least budget bᵢ(L) (goal seek, within
//! [`super::goal_seek::budget_tolerance_usd`]) reaching the coverage that
//! scores L, or its most when that is lower; Σ bᵢ(L) rises with L, and the
//! highest L with Σ bᵢ(L) ≤ total is found by bisection (to
//! [`LEVEL_TOLERANCE_PTS`]). The money left between that level and the next
//! (at most the tolerance's worth) goes to the minerals in proportion to
//! what the next level would add to each, so the whole total is used.

use super::goal_seek::{
    BudgetTrial, Limit, RISE_PTS, budget_tolerance_usd, find_limit, least_reaching, reaches, usd,
};
use super::projection::project;
use super::scenario::{MAX_HORIZON_MONTHS, Scenario};
use rayon::prelude::*;

/// The level (the lowest score) is found to within this many points.
pub const LEVEL_TOLERANCE_PTS: f64 = 0.001;

/// A mineral's score at final coverage `coverage_pct` with weight
/// `weight`: `100 − weight × (100 − min(coverage, 100))`. Its shortfall
/// from 100 % counts `weight` times; with weight 1 it is the coverage,
/// capped at 100. Weight 0: always 100 (its shortfall does not count).
pub fn score(coverage_pct: f64, weight: f64) -> f64 {
    let shortfall = 100.0 - coverage_pct.min(100.0);
    if weight == 0.0 {
        100.0
    } else {
        100.0 - weight * shortfall
    }
}

/// The lowest score of a split: the objective the allocation raises.
/// `coverages_pct` and `weights` per mineral, in the same order; 100 when
/// there is none.
pub fn lowest_score(coverages_pct: &[f64], weights: &[f64]) -> f64 {
    coverages_pct
        .iter()
        .zip(weights)
        .map(|(&c, &w)| score(c, w))
        .fold(100.0, f64::min)
}

/// The proposed split, beside the current one.
#[derive(Clone, Debug, PartialEq)]
pub struct Allocation {
    /// The total asked to split, USD.
    pub total_usd: f64,
    /// Per mineral of the scenario, in its order.
    pub minerals: Vec<MineralAllocation>,
    /// The lowest score of the proposed split (see [`score`]).
    pub proposed_lowest_score: f64,
    /// The lowest score of the current budgets (whatever their total).
    pub current_lowest_score: f64,
    /// Money not given to any mineral: every mineral reaches 100 %, or its
    /// limit binds, or more for it would not raise the lowest coverage.
    pub unallocated_usd: f64,
    /// Why money is left unallocated, in the planner's words: "$80,000
    /// cannot be used: every mineral's purchase ceiling binds". `None` when
    /// the whole total is allocated.
    pub unallocated_reason: Option<String>,
}

/// One mineral's part of an [`Allocation`].
#[derive(Clone, Debug, PartialEq)]
pub struct MineralAllocation {
    pub name: String,
    pub weight: f64,
    pub current_budget_usd: f64,
    /// Final coverage with the current budget, %.
    pub current_coverage_pct: f64,
    pub proposed_budget_usd: f64,
    /// Final coverage with the proposed budget, %.
    pub proposed_coverage_pct: f64,
    /// When more money would not raise its coverage below 100 %: the most
    /// it can reach and what binds. `None` otherwise.
    pub limit: Option<CoverageLimit>,
}

/// The most a mineral's coverage reaches, whatever its budget, and why.
#[derive(Clone, Debug, PartialEq)]
pub struct CoverageLimit {
    pub max_coverage_pct: f64,
    pub limit: Limit,
    /// "the purchase ceiling binds at 60.0%".
    pub reason: String,
}

impl Allocation {
    /// The proposed budgets, in mineral order: what
    /// [`Scenario::set_budgets`] applies as one edit.
    pub fn budgets_usd(&self) -> Vec<f64> {
        self.minerals
            .iter()
            .map(|m| m.proposed_budget_usd)
            .collect()
    }
}

/// Why an allocation could not be asked.
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
pub enum AllocationError {
    #[error("the total budget must be a number of at least $0")]
    BadTotal,
    #[error("{got} weights given for {expected} minerals")]
    WeightCount { expected: usize, got: usize },
    #[error("the weight of {mineral} must be a number of at least 0")]
    BadWeight { mineral: String },
}

/// Split `total_usd` among the minerals of `scenario` to raise the lowest
/// score (see [`score`]) of final coverage. `weights` per mineral, in
/// order; empty means every weight is 1.
///
/// Guarantees (coverage rising with each mineral's budget, as in ordinary
/// plans): no split of the same total has a higher lowest score, to within
/// [`LEVEL_TOLERANCE_PTS`] and the budget tolerance; in particular the
/// proposal is never worse than an even split. The proposed budgets add up
/// to the total minus `unallocated_usd`, and the coverage reported is the
/// projection of the scenario with them.
///
/// Cost: per mineral a few projections per bisection step of the level,
/// minerals on all cores (10 minerals well under 100 ms).
pub fn allocate(
    scenario: &Scenario,
    total_usd: f64,
    weights: &[f64],
) -> Result<Allocation, AllocationError> {
    if !(total_usd.is_finite() && total_usd >= 0.0) {
        return Err(AllocationError::BadTotal);
    }
    let n = scenario.minerals.len();
    let weights: Vec<f64> = if weights.is_empty() {
        vec![1.0; n]
    } else if weights.len() != n {
        return Err(AllocationError::WeightCount {
            expected: n,
            got: weights.len(),
        });
    } else {
        weights.to_vec()
    };
    if let Some(k) = weights.iter().position(|w| !(w.is_finite() && *w >= 0.0)) {
        return Err(AllocationError::BadWeight {
            mineral: scenario.minerals[k].name.clone(),
        });
    }
    let current = project(scenario);
    let current_coverage: Vec<f64> = current
        .minerals
        .iter()
        .map(|m| m.final_coverage_pct())
        .collect();
    let horizon = scenario.horizon_months.min(MAX_HORIZON_MONTHS);

    let mut states: Vec<Option<MineralState>> = (0..n)
        .into_par_iter()
        .map(|k| {
            (weights[k] > 0.0 && horizon > 0)
                .then(|| MineralState::new(scenario, k, horizon, total_usd, weights[k]))
        })
        .collect();
    let funded = || states.iter().flatten();

    // The level at which every mineral needs nothing, and the top (every
    // mineral full or at its limit).
    let mut lo = funded()
        .map(|s| score(s.ladder[0].1, s.weight))
        .fold(100.0, f64::min);
    let mut hi = 100.0;
    let needs = |states: &mut Vec<Option<MineralState>>, level: f64| -> Vec<Option<(f64, f64)>> {
        states
            .par_iter_mut()
            .map(|s| match s {
                Some(s) => s.budget_for(level),
                None => Some((0.0, f64::NAN)),
            })
            .collect()
    };
    let fits = |answers: &[Option<(f64, f64)>]| {
        answers
            .iter()
            .try_fold(0.0, |sum, a| a.map(|(b, _)| sum + b))
            .is_some_and(|sum| sum <= total_usd)
    };
    let at_top = needs(&mut states, hi);
    let top_fits = fits(&at_top);
    let mut budgets: Vec<f64>;
    if top_fits {
        lo = hi;
        budgets = at_top.iter().map(|a| a.map_or(0.0, |(b, _)| b)).collect();
    } else {
        set_side(&mut states, &at_top, Side::Hi);
        while hi - lo > LEVEL_TOLERANCE_PTS {
            let mid = lo + (hi - lo) / 2.0;
            let answers = needs(&mut states, mid);
            if fits(&answers) {
                lo = mid;
                set_side(&mut states, &answers, Side::Lo);
            } else {
                hi = mid;
                set_side(&mut states, &answers, Side::Hi);
            }
        }
        // The level's budgets, and what is left spread towards the next.
        let at_lo: Vec<f64> = states
            .iter()
            .map(|s| s.as_ref().map_or(0.0, |s| s.lo.0))
            .collect();
        let toward: Vec<f64> = states
            .iter()
            .map(|s| s.as_ref().map_or(0.0, |s| s.hi.map_or(total_usd, |h| h.0)))
            .collect();
        let used: f64 = at_lo.iter().sum();
        let room: f64 = at_lo
            .iter()
            .zip(&toward)
            .map(|(a, b)| (b - a).max(0.0))
            .sum();
        let theta = if room > 0.0 {
            ((total_usd - used) / room).clamp(0.0, 1.0)
        } else {
            0.0
        };
        budgets = at_lo
            .iter()
            .zip(&toward)
            .map(|(a, b)| a + theta * (b - a).max(0.0))
            .collect();
        // Coverage rises with the budget in ordinary plans, so spreading the
        // rest never lowers a coverage; where it would (not monotone), the
        // level's budgets stand and the rest is left unallocated.
        let spread = coverages_with(scenario, &budgets);
        if lowest_score(&spread, &weights) < lo - LEVEL_TOLERANCE_PTS {
            budgets = at_lo;
        }
    }
    // The guarantee against an even split, checked: where coverage is not
    // monotone in a budget the search can miss a better split, and then
    // the even split is proposed instead.
    if n > 0 {
        let even = vec![total_usd / n as f64; n];
        let proposed = lowest_score(&coverages_with(scenario, &budgets), &weights);
        if lowest_score(&coverages_with(scenario, &even), &weights) > proposed + LEVEL_TOLERANCE_PTS
        {
            budgets = even;
        }
    }

    let mut proposed_scenario = scenario.clone();
    proposed_scenario.variants.clear();
    proposed_scenario.set_budgets(&budgets);
    let proposed = project(&proposed_scenario);
    let proposed_coverage: Vec<f64> = proposed
        .minerals
        .iter()
        .map(|m| m.final_coverage_pct())
        .collect();
    let allocated: f64 = budgets.iter().sum();
    let unallocated_usd = (total_usd - allocated).max(0.0);

    // Minerals held below the level (and below 100 %) by their limit.
    let level = lo;
    let limits: Vec<Option<CoverageLimit>> = states
        .par_iter()
        .zip(&proposed_coverage)
        .map(|(s, &c)| {
            let s = s.as_ref()?;
            let max = s.cap?;
            let held = c < 100.0 - RISE_PTS && score(max, s.weight) < level + LEVEL_TOLERANCE_PTS;
            held.then(|| {
                let limit = find_limit(&s.trial, 2.0 * total_usd.max(1.0), max);
                let reason = limit.sentence(max, scenario.start.nth_month(horizon));
                CoverageLimit {
                    max_coverage_pct: max,
                    limit,
                    reason,
                }
            })
        })
        .collect();

    let minerals: Vec<MineralAllocation> = scenario
        .minerals
        .iter()
        .enumerate()
        .map(|(k, m)| MineralAllocation {
            name: m.name.clone(),
            weight: weights[k],
            current_budget_usd: m.budget_usd,
            current_coverage_pct: current_coverage[k],
            proposed_budget_usd: budgets[k],
            proposed_coverage_pct: proposed_coverage[k],
            limit: limits[k].clone(),
        })
        .collect();
    let unallocated_reason =
        (unallocated_usd >= 0.5).then(|| unallocated_reason(unallocated_usd, &minerals));
    Ok(Allocation {
        total_usd,
        proposed_lowest_score: lowest_score(&proposed_coverage, &weights),
        current_lowest_score: lowest_score(&current_coverage, &weights),
        minerals,
        unallocated_usd,
        unallocated_reason,
    })
}

/// Final coverage per mineral of `scenario` with `budgets`.
fn coverages_with(scenario: &Scenario, budgets: &[f64]) -> Vec<f64> {
    let mut s = scenario.clone();
    s.variants.clear();
    s.set_budgets(budgets);
    project(&s)
        .minerals
        .iter()
        .map(|m| m.final_coverage_pct())
        .collect()
}

/// "$80,000 cannot be used: every mineral's purchase ceiling binds", in
/// the cases of [`allocate`].
fn unallocated_reason(unallocated: f64, minerals: &[MineralAllocation]) -> String {
    let money = usd(unallocated);
    let funded: Vec<&MineralAllocation> = minerals.iter().filter(|m| m.weight > 0.0).collect();
    if minerals.is_empty() {
        return format!("{money} is not allocated: the plan has no minerals");
    }
    if funded.is_empty() {
        return format!("{money} is not allocated: every mineral has weight 0");
    }
    let full: Vec<&str> = funded
        .iter()
        .filter(|m| m.limit.is_none())
        .map(|m| m.name.as_str())
        .collect();
    let held: Vec<String> = funded
        .iter()
        .filter_map(|m| Some(format!("{}: {}", m.name, m.limit.as_ref()?.reason)))
        .collect();
    // Below 100 % with no limit found: the search left the money because
    // more for them would not raise the lowest coverage (where coverage is
    // not monotone in the budget, it would lower it).
    let short: Vec<&MineralAllocation> = funded
        .iter()
        .copied()
        .filter(|m| m.limit.is_none() && m.proposed_coverage_pct < FULL_PCT)
        .collect();
    if !short.is_empty() {
        let lowest = short
            .iter()
            .map(|m| m.proposed_coverage_pct)
            .fold(f64::INFINITY, f64::min);
        let short_names: Vec<&str> = short.iter().map(|m| m.name.as_str()).collect();
        let mut reason = format!(
            "{money} is left over: more for {} would not raise the lowest coverage ({lowest:.1}%)",
            names(&short_names)
        );
        if !held.is_empty() {
            reason += &format!("; {}", held.join("; "));
        }
        return reason;
    }
    let only_ceilings = funded.iter().all(|m| {
        m.limit
            .as_ref()
            .is_some_and(|l| l.limit == Limit::Binds(vec![super::goal_seek::Binding::Ceiling]))
    });
    if held.is_empty() {
        format!("{money} is not needed: every mineral reaches 100% coverage")
    } else if full.is_empty() && only_ceilings {
        format!(
            "{money} cannot be used: every mineral's purchase ceiling binds ({})",
            held.join("; ")
        )
    } else if full.is_empty() {
        format!(
            "{money} cannot be used: every mineral's limit binds ({})",
            held.join("; ")
        )
    } else {
        let verb = if full.len() == 1 { "reaches" } else { "reach" };
        format!(
            "{money} cannot be used: {} {verb} 100% coverage and the others cannot use more ({})",
            names(&full),
            held.join("; ")
        )
    }
}

/// Coverage at or above this counts as 100 % (floating-point dust).
const FULL_PCT: f64 = 100.0 - 1e-6;

/// "A", "A and B", "A, B and C".
fn names(list: &[&str]) -> String {
    match list {
        [] => String::new(),
        [one] => (*one).to_string(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

enum Side {
    Lo,
    Hi,
}

/// Record the answers at a level as the new lower (fits) or upper bound.
fn set_side(states: &mut [Option<MineralState>], answers: &[Option<(f64, f64)>], side: Side) {
    for (s, a) in states.iter_mut().zip(answers) {
        if let Some(s) = s {
            match side {
                Side::Lo => s.lo = a.unwrap_or(s.lo),
                Side::Hi => s.hi = *a,
            }
        }
    }
}

/// Budgets tried per mineral before the search, as fractions of the total
/// (1, 1/2, 1/4, …): a coarse picture of its coverage against its budget.
const LADDER_STEPS: i32 = 20;

/// One funded mineral during the search: its trial and what is known of
/// its coverage as a function of its budget.
struct MineralState {
    trial: BudgetTrial,
    weight: f64,
    /// Budgets tried, ascending, from 0 to the total, with their coverage:
    /// 0, total/2^19, …, total/2, total.
    ladder: Vec<(f64, f64)>,
    /// Its most coverage, when more than the total raises it no further.
    cap: Option<f64>,
    /// The answer at the highest level known to fit: (budget, coverage).
    lo: (f64, f64),
    /// The answer at the lowest level known not to fit; `None` when this
    /// mineral alone cannot reach it within the total.
    hi: Option<(f64, f64)>,
}

impl MineralState {
    fn new(scenario: &Scenario, k: usize, horizon: u32, total: f64, weight: f64) -> Self {
        let mut trial = BudgetTrial::new(scenario, k, horizon);
        let zero = (0.0, trial.coverage(0.0));
        let mut ladder = vec![zero];
        if total > 0.0 {
            for step in (0..LADDER_STEPS).rev() {
                let b = total * 0.5_f64.powi(step);
                ladder.push((b, trial.coverage(b)));
            }
        }
        let best = |ladder: &[(f64, f64)]| {
            ladder
                .iter()
                .copied()
                .fold(zero, |a, p| if p.1 > a.1 { p } else { a })
        };
        // Where more budget lowered coverage somewhere on the ladder, its
        // peak may lie between two rungs: look for it around the best rung.
        if ladder.windows(2).any(|w| w[1].1 < w[0].1 - RISE_PTS) {
            let around = best(&ladder).0;
            let peak = golden_max(&mut trial, around / 2.0, (around * 2.0).min(total));
            let at = ladder.partition_point(|p| p.0 < peak.0);
            ladder.insert(at, peak);
        }
        let top = best(&ladder);
        // Capped within the total when twice the total gives no more than
        // the best seen (and that is below 100 %, where it would stop
        // anyway). In ordinary plans the best is the total's; where more
        // budget lowers coverage (see "Goal seek and budget allocation" in
        // docs/MODEL.md) it may be a smaller budget's.
        let cap = if top.1 < 100.0 - RISE_PTS {
            let twice = trial.coverage(2.0 * total.max(1.0));
            (twice <= top.1 + RISE_PTS).then_some(top.1)
        } else {
            None
        };
        MineralState {
            trial,
            weight,
            ladder,
            cap,
            lo: zero,
            hi: None,
        }
    }

    /// The least budget (within tolerance) scoring `level`, capped at its
    /// most: (budget, coverage), or `None` when the total cannot reach it.
    fn budget_for(&mut self, level: f64) -> Option<(f64, f64)> {
        // The coverage that scores `level`.
        let mut goal = 100.0 - (100.0 - level) / self.weight;
        if let Some(max) = self.cap {
            // A hair under its most, so float dust does not ask for more.
            goal = goal.min(max - RISE_PTS);
        }
        let zero = self.ladder[0];
        if reaches(zero.1, goal) {
            return Some(zero);
        }
        if reaches(self.lo.1, goal) {
            return Some(self.lo);
        }
        // The smallest budget known to reach it, and the largest below it
        // known not to.
        let first = self.ladder.iter().copied().find(|p| reaches(p.1, goal));
        let upper = match (self.hi, first) {
            (Some(h), Some(f)) if reaches(h.1, goal) => {
                if h.0 < f.0 {
                    h
                } else {
                    f
                }
            }
            (Some(h), None) if reaches(h.1, goal) => h,
            (_, Some(f)) => f,
            _ => return None,
        };
        let lower = self
            .ladder
            .iter()
            .copied()
            .chain([self.lo])
            .filter(|p| p.0 < upper.0 && !reaches(p.1, goal))
            .fold(zero, |a, p| if p.0 > a.0 { p } else { a });
        Some(least_reaching(&mut self.trial, goal, lower, upper))
    }
}

/// The highest coverage on budgets `[a, b]` by golden-section search, to
/// within the budget tolerance: (budget, coverage).
fn golden_max(trial: &mut BudgetTrial, mut a: f64, mut b: f64) -> (f64, f64) {
    const INV_PHI: f64 = 0.618_033_988_749_894_8;
    let mut x1 = b - INV_PHI * (b - a);
    let mut x2 = a + INV_PHI * (b - a);
    let mut f1 = trial.coverage(x1);
    let mut f2 = trial.coverage(x2);
    for _ in 0..80 {
        if b - a <= budget_tolerance_usd(b) {
            break;
        }
        if f1 >= f2 {
            (b, x2, f2) = (x2, x1, f1);
            x1 = b - INV_PHI * (b - a);
            f1 = trial.coverage(x1);
        } else {
            (a, x1, f1) = (x1, x2, f2);
            x2 = a + INV_PHI * (b - a);
            f2 = trial.coverage(x2);
        }
    }
    if f1 >= f2 { (x1, f1) } else { (x2, f2) }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn mineral(name: &str, proposed_coverage_pct: f64) -> MineralAllocation {
        MineralAllocation {
            name: name.into(),
            weight: 1.0,
            current_budget_usd: 0.0,
            current_coverage_pct: 0.0,
            proposed_budget_usd: 0.0,
            proposed_coverage_pct,
            limit: None,
        }
    }

    /// Seen in a trial: minerals at 98.3 % with no limit were said to
    /// "reach 100% coverage".
    #[test]
    fn money_left_with_minerals_below_100_says_so() {
        let minerals = [
            mineral("Cobalt", 98.3),
            mineral("Antimony", 98.31),
            mineral("Gallium", 100.0),
        ];
        assert_eq!(
            unallocated_reason(6_500.0, &minerals),
            "$6,500 is left over: more for Cobalt and Antimony would not raise the lowest coverage (98.3%)"
        );
    }
}
