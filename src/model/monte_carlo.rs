//! The Monte Carlo run: thousands of projections, each with every uncertain
//! input drawn from its range (see `uncertainty.rs`), summed up as P10, P50
//! and P90 coverage per mineral and month, and the chance of reaching 100 %
//! by the end of the horizon. See "Uncertainty" in `docs/MODEL.md`.
//!
//! Pure and deterministic: sample *i* draws from a generator seeded with
//! the file's seed and *i*, so the same file gives the same bands whatever
//! the number of cores. The run is cancelled through an [`AtomicBool`] and
//! reports progress through an [`AtomicU32`], so the window can run it on
//! another thread and drop it when an input changes.

use super::projection::Projector;
use super::scenario::{Mineral, Scenario};
use super::uncertainty::Range;
use rand::RngExt;
use rand_distr::StandardNormal;
use rand_pcg::Pcg64Mcg;
use rayon::prelude::*;
use std::sync::atomic::{AtomicBool, AtomicU32, Ordering};
use std::sync::{Mutex, PoisonError};

/// Width of one histogram bin, coverage points. Percentiles are read from
/// the histogram, so a band is exact to within this (and exact when every
/// sample gives the same coverage: see [`Histograms::deciles`]).
pub const BIN_PCT: f64 = 0.25;
/// Coverage above this falls into one last bin, read up to the largest
/// value seen.
const TOP_PCT: f64 = 200.0;
const BINS: usize = (TOP_PCT / BIN_PCT) as usize + 1;
/// A bin read from the held bins is masked with this (a bin is below
/// `BINS`, so the mask changes nothing), and the flush then needs no
/// bounds check.
const BIN_MASK: usize = BINS.next_power_of_two() - 1;
/// Counts kept per cell: room for every masked bin, and one cache line
/// more, so that cells' rows are not a power of two apart (rows 4 KB apart
/// fall into the same cache sets and evict one another: a third more
/// cache misses, cachegrind says).
const ROW: usize = BIN_MASK + 1 + 16;

/// A coverage this close below 100 % (floating-point dust) has reached it.
const FULL_TOLERANCE_PCT: f64 = 1e-9;

/// Samples drawn per task; the cancel flag is checked between tasks.
const BLOCK: u32 = 64;

/// The result of a run.
#[derive(Clone, Debug, PartialEq)]
pub struct Bands {
    pub samples: u32,
    pub seed: u64,
    pub horizon_months: u32,
    /// One entry per mineral, in the scenario's order.
    pub minerals: Vec<MineralBands>,
}

/// One mineral's fan: coverage percentiles per month, month 1 first.
#[derive(Clone, Debug, PartialEq)]
pub struct MineralBands {
    pub name: String,
    pub p10_pct: Vec<f64>,
    pub p50_pct: Vec<f64>,
    pub p90_pct: Vec<f64>,
    /// Share of samples whose coverage reaches 100 % by the last month, %.
    pub full_by_end_probability_pct: f64,
}

impl MineralBands {
    pub fn final_p10_pct(&self) -> f64 {
        self.p10_pct.last().copied().unwrap_or(0.0)
    }
    pub fn final_p50_pct(&self) -> f64 {
        self.p50_pct.last().copied().unwrap_or(0.0)
    }
    pub fn final_p90_pct(&self) -> f64 {
        self.p90_pct.last().copied().unwrap_or(0.0)
    }
}

/// Beyond this many standard deviations from its range's median, an input
/// lies outside the middle eight samples in ten (z of the 90th
/// percentile).
const Z_90: f64 = 1.281_551_565_545;

/// Why a mineral's planned final coverage (`planned_pct`, the line) lies
/// outside its own P10–P90 band, in words: "The plan's 97.1% lies below its
/// band (P10 124.9%): the price ($6,250/kg) is at the top of its range
/// ($640–$6,250/kg)." `None` when the line lies within the band.
pub fn outside_band_note(
    mineral: &Mineral,
    planned_pct: f64,
    bands: &MineralBands,
) -> Option<String> {
    let (p10, p90) = (bands.final_p10_pct(), bands.final_p90_pct());
    // The percentiles are read off bins BIN_PCT wide: a line within a bin
    // of its band is on it.
    let below = planned_pct < p10 - BIN_PCT - 0.05;
    let above = planned_pct > p90 + BIN_PCT + 0.05;
    if !below && !above {
        return None;
    }
    let unit = mineral.unit.symbol();
    let usd = |v: f64| format!("${}", crate::display::grouped(v, 0));
    // (what, its value, its range, lognormal, whether a higher value
    // lowers coverage, how to write it)
    let mut inputs: Vec<(String, f64, Range, bool, bool, String)> = Vec::new();
    if let Some(r) = mineral.price_range_usd_per_unit {
        let v = mineral.price_usd_per_unit;
        let span = format!(
            "{}–{}/{unit}",
            usd(r.low.min(r.high)),
            usd(r.low.max(r.high))
        );
        inputs.push((
            "the price".into(),
            v,
            r,
            true,
            true,
            format!("{}/{unit}; range {span}", usd(v)),
        ));
    }
    if let Some(r) = mineral.escalation_range_pct_per_year {
        let v = mineral.escalation_pct_per_year;
        inputs.push((
            "the escalation".into(),
            v,
            r,
            false,
            true,
            format!(
                "{v}%/yr; range {}–{}%/yr",
                r.low.min(r.high),
                r.low.max(r.high)
            ),
        ));
    }
    for s in &mineral.suppliers {
        if let Some(r) = s.lead_time_range_months {
            let v = f64::from(s.lead_time_months);
            inputs.push((
                format!("{}'s lead time", s.name),
                v,
                r,
                false,
                true,
                format!(
                    "{v} months; range {}–{} months",
                    r.low.min(r.high),
                    r.low.max(r.high)
                ),
            ));
        }
        if let (Some(r), Some(v)) = (s.capacity_range_qty_per_year, s.capacity_qty_per_year) {
            inputs.push((
                format!("{}'s capacity", s.name),
                v,
                r,
                true,
                false,
                format!(
                    "{} {unit}/yr; range {}–{}",
                    crate::display::grouped(v, 0),
                    crate::display::grouped(r.low.min(r.high), 0),
                    crate::display::grouped(r.low.max(r.high), 0)
                ),
            ));
        }
    }
    let reasons: Vec<String> = inputs
        .into_iter()
        .filter_map(|(what, v, r, positive, higher_is_worse, words)| {
            let z = r.z_of(v, positive)?;
            // Toward the end that lowers coverage when the line is below
            // the band, toward the other when above.
            let worse = if higher_is_worse { z } else { -z };
            let toward = if below { worse } else { -worse };
            (toward >= Z_90).then(|| {
                let end = if z > 0.0 { "top" } else { "bottom" };
                format!("{what} ({words}) is at the {end} of its range")
            })
        })
        .collect();
    let head = if below {
        format!(
            "The plan's {} lies below its band (P10 {})",
            crate::display::pct(planned_pct),
            crate::display::pct(p10)
        )
    } else {
        format!(
            "The plan's {} lies above its band (P90 {})",
            crate::display::pct(planned_pct),
            crate::display::pct(p90)
        )
    };
    Some(if reasons.is_empty() {
        format!(
            "{head}: its inputs sit to one side of their ranges, or the band is cut by a ceiling."
        )
    } else {
        format!("{head}: {}.", reasons.join("; "))
    })
}

/// Whether any input of the scenario is given as a range or any enabled
/// event has a chance below 100 %: without one, every sample is the plain
/// projection and a run tells nothing new.
pub fn has_uncertainty(scenario: &Scenario) -> bool {
    scenario.minerals.iter().any(|m| {
        m.price_range_usd_per_unit.is_some()
            || m.escalation_range_pct_per_year.is_some()
            || m.suppliers.iter().any(|s| {
                s.share_range_pct.is_some()
                    || s.lead_time_range_months.is_some()
                    || s.capacity_range_qty_per_year.is_some()
                    || s.feed.iter().any(|f| f.share_range_pct.is_some())
            })
    }) || scenario
        .disruptions
        .iter()
        .any(|d| d.enabled && (d.probability_pct < 100.0 || d.start_range.is_some()))
}

/// The most work a run does unless asked for more, in supplier-months
/// (see [`work_per_sample`]): about 12 s on a 2-core machine, which does
/// about 2 billion supplier-months a second (`docs/RELIABILITY.md`,
/// "Bounded work").
pub const MAX_DEFAULT_RUN_WORK: f64 = 2.4e10;

/// The most memory the histograms of a run may take together: past it a
/// run uses one histogram on one core (`docs/RELIABILITY.md`, "Bounded
/// work").
const MAX_HISTOGRAM_BYTES: usize = 768 << 20;

/// The work of one sample, in supplier-months: each supplier's months, and
/// each month of each hit of an event on a supplier (the projection
/// weighs every event on a supplier every month).
pub fn work_per_sample(scenario: &Scenario) -> f64 {
    let suppliers: usize = scenario.minerals.iter().map(|m| m.suppliers.len()).sum();
    let hits = super::validation::event_hits(scenario);
    (suppliers + hits) as f64 * f64::from(scenario.horizon_months.max(1))
}

/// The samples a run does unless asked for a number: the scenario's own
/// (`settings.monte_carlo.samples`), or fewer (at least 1) where that many
/// would be more than [`MAX_DEFAULT_RUN_WORK`]. The second value is true
/// when it is fewer, so that the planner can be told.
pub fn default_samples(scenario: &Scenario) -> (u32, bool) {
    let wanted = scenario.settings.monte_carlo.samples;
    let most = (MAX_DEFAULT_RUN_WORK / work_per_sample(scenario)).floor();
    if f64::from(wanted) <= most {
        (wanted, false)
    } else {
        (most.max(1.0) as u32, true)
    }
}

/// Run the scenario's default number of samples ([`default_samples`])
/// with its seed (`settings.monte_carlo`). `None` when cancelled.
pub fn run(scenario: &Scenario, cancel: &AtomicBool, progress: &AtomicU32) -> Option<Bands> {
    let (samples, _) = default_samples(scenario);
    run_with(
        scenario,
        samples,
        scenario.settings.monte_carlo.seed,
        cancel,
        progress,
    )
}

/// Run `samples` samples with `seed`, not cancellable: for the command
/// line, tests and benchmarks.
pub fn run_samples(scenario: &Scenario, samples: u32, seed: u64) -> Bands {
    let never = AtomicBool::new(false);
    let progress = AtomicU32::new(0);
    run_with(scenario, samples, seed, &never, &progress)
        .expect("a run that is never cancelled finishes")
}

/// Run `samples` samples with `seed`. `progress` counts the samples done;
/// `None` when `cancel` was set before the end.
pub fn run_with(
    scenario: &Scenario,
    samples: u32,
    seed: u64,
    cancel: &AtomicBool,
    progress: &AtomicU32,
) -> Option<Bands> {
    let horizon = scenario
        .horizon_months
        .min(super::scenario::MAX_HORIZON_MONTHS);
    let months = horizon as usize;
    let minerals = scenario.minerals.len();
    let blocks = samples.div_ceil(BLOCK);
    // Feed shares drawn change how much a feed-origin event hits each
    // supplier: then each sample is matched again.
    let feed_drawn = scenario
        .minerals
        .iter()
        .flat_map(|m| &m.suppliers)
        .any(|s| s.feed.iter().any(|f| f.share_range_pct.is_some()));
    // One worker per thread of the pool (made when the thread takes its
    // first block): as many histograms as cores, not one per piece rayon
    // splits the work into (each megabytes to clear and merge).
    let workers: Vec<Mutex<Option<Worker>>> = (0..rayon::current_num_threads())
        .map(|_| Mutex::new(None))
        .collect();
    // Workers made when a thread's own is busy: never as things are
    // (nothing in a block calls rayon, so a thread never takes another
    // block while it holds its worker), but a lock must not deadlock.
    let extra: Mutex<Vec<Worker>> = Mutex::new(Vec::new());
    // A histogram per core for a scenario with thousands of mineral-months
    // would take gigabytes (1,000 minerals × 240 months: 0.8 GB each):
    // then one histogram, and the blocks one after another.
    let histogram_bytes = minerals * months * ROW * std::mem::size_of::<u32>();
    if histogram_bytes.saturating_mul(workers.len()) > MAX_HISTOGRAM_BYTES {
        let mut w = Worker::new(scenario, minerals, months);
        for block in 0..blocks {
            if cancel.load(Ordering::Relaxed) {
                return None;
            }
            let first = block * BLOCK;
            let last = (first + BLOCK).min(samples);
            w.run(scenario, seed, first..last, feed_drawn);
            progress.fetch_add(last - first, Ordering::Relaxed);
        }
        lock(&extra).push(w);
    } else {
        (0..blocks).into_par_iter().for_each(|block| {
            if cancel.load(Ordering::Relaxed) {
                return;
            }
            let first = block * BLOCK;
            let last = (first + BLOCK).min(samples);
            let thread = rayon::current_thread_index().unwrap_or(0) % workers.len();
            match workers[thread].try_lock() {
                Ok(mut slot) => {
                    let w = slot.get_or_insert_with(|| Worker::new(scenario, minerals, months));
                    w.run(scenario, seed, first..last, feed_drawn);
                }
                Err(_) => {
                    let mut w = Worker::new(scenario, minerals, months);
                    w.run(scenario, seed, first..last, feed_drawn);
                    lock(&extra).push(w);
                }
            }
            progress.fetch_add(last - first, Ordering::Relaxed);
        });
    }
    let histograms = workers
        .into_iter()
        .filter_map(|w| w.into_inner().unwrap_or_else(PoisonError::into_inner))
        .chain(extra.into_inner().unwrap_or_else(PoisonError::into_inner))
        .map(|mut w| {
            w.hist.flush();
            w.hist
        })
        .reduce(Histograms::merge)
        .unwrap_or_else(|| Histograms::new(minerals, months));
    if cancel.load(Ordering::Relaxed) {
        return None;
    }
    Some(Bands {
        samples,
        seed,
        horizon_months: horizon,
        minerals: scenario
            .minerals
            .iter()
            .enumerate()
            .map(|(m, mineral)| histograms.bands(m, &mineral.name))
            .collect(),
    })
}

/// What one core works with: the sample's scenario, a projector made for
/// it, the sample's coverage (minerals × months) and the histograms it
/// adds to.
struct Worker {
    work: Scenario,
    projector: Projector,
    coverage: Vec<f64>,
    hist: Histograms,
}

impl Worker {
    fn new(scenario: &Scenario, minerals: usize, months: usize) -> Self {
        Worker {
            work: scenario.clone(),
            projector: Projector::for_samples(scenario),
            coverage: Vec::new(),
            hist: Histograms::new(minerals, months),
        }
    }

    /// Draws and projects `samples` of `base`, and holds their coverage.
    /// With `feed_drawn`, each sample's feed-origin events are matched
    /// again.
    fn run(&mut self, base: &Scenario, seed: u64, samples: std::ops::Range<u32>, feed_drawn: bool) {
        for i in samples {
            draw(base, &mut self.work, seed, i);
            if feed_drawn {
                self.projector.match_again(&self.work);
            }
            // Only the coverage, on this core: the samples already keep
            // every core busy.
            self.projector.coverage_into(&self.work, &mut self.coverage);
            self.hist.hold(&self.coverage);
        }
    }
}

/// The data behind a lock; a poisoned lock still holds sound data here
/// (nothing panics between updates).
fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(PoisonError::into_inner)
}

/// The histogram bin of a coverage: ⌊coverage ÷ BIN_PCT⌋, from 0 to
/// `BINS - 1` (NaN, a meaningless input, in bin 0).
///
/// Written with float operations only, so that a loop of them runs two
/// cells at a time: the float-to-integer conversion (`as`) checks for NaN
/// and overflow in every cell, which cost over a third of the time of
/// holding a sample (cachegrind).
#[inline]
fn bin_of(coverage_pct: f64) -> u16 {
    // 2^52: adding it to a number from 0 to 2^51 rounds that number to an
    // integer, which then sits in the low bits of the sum.
    const MAGIC: f64 = 4_503_599_627_370_496.0;
    // Rounding dust below a bin's edge counts in the bin above, as it
    // counts as reaching 100 % (`hold_sample`): a P50 must not read 99.9 %
    // when most samples reached 100 %.
    let bins = (coverage_pct + FULL_TOLERANCE_PCT) / BIN_PCT;
    // Selects, not f64::clamp: a NaN fails the first test and gives 0.
    let bins = if bins > 0.0 { bins } else { 0.0 };
    let bins = if bins < (BINS - 1) as f64 {
        bins
    } else {
        (BINS - 1) as f64
    };
    let nearest = bins + MAGIC;
    // Rounded up: one less is the floor (both exact).
    let floor = if nearest - MAGIC > bins {
        nearest - 1.0
    } else {
        nearest
    };
    // The integer is below 2^16, so the low 16 bits are all of it.
    floor.to_bits() as u16
}

/// The generator of input `input` (a mineral, or an event: see
/// [`draw`]) in sample `i`: a stream of its own, so that a sample does not
/// depend on which core drew the ones before it, and one input's draws do
/// not depend on the ranges of the others.
fn input_rng(seed: u64, i: u32, input: u64) -> Pcg64Mcg {
    // SplitMix64 of (seed, i, input): neighbouring samples and inputs get
    // unrelated states.
    let mix = |mut z: u64| {
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    };
    let a = mix(seed ^ u64::from(i).wrapping_mul(0x9E37_79B9_7F4A_7C15));
    let b = mix(a ^ input.wrapping_add(1).wrapping_mul(0xD1B5_4A32_D192_ED03));
    Pcg64Mcg::new((u128::from(a) << 64) | u128::from(b))
}

/// The stream of the events' draws: after every mineral's.
const EVENT_STREAMS: u64 = 1 << 32;

/// Fill `work` (a copy of `base`) with sample `i` of the run seeded with
/// `seed`: every input with a range drawn from it, every event with a
/// chance below 100 % kept or dropped. Inputs without a range keep their
/// value. Each mineral and each event draws from its own generator
/// ([`input_rng`]) in a fixed order, so the same seed gives the same
/// sample, and giving one mineral a range (or taking it away) leaves the
/// others' draws as they were: their bands do not move.
pub fn draw(base: &Scenario, work: &mut Scenario, seed: u64, i: u32) {
    for (k, (m, w)) in base
        .minerals
        .iter()
        .zip(work.minerals.iter_mut())
        .enumerate()
    {
        draw_mineral(m, w, &mut input_rng(seed, i, k as u64));
    }
    for (k, (d, w)) in base
        .disruptions
        .iter()
        .zip(work.disruptions.iter_mut())
        .enumerate()
    {
        if d.probability_pct >= 100.0 && d.start_range.is_none() {
            continue;
        }
        let mut rng = input_rng(seed, i, EVENT_STREAMS + k as u64);
        if d.probability_pct < 100.0 {
            let u: f64 = rng.random();
            w.enabled = d.enabled && u * 100.0 < d.probability_pct;
        }
        if let Some(range) = d.start_range {
            let start = range.at(rng.sample(StandardNormal));
            let shift = d.start.months_until(start) - 1;
            w.start = start;
            w.end = d.end.map(|end| end.plus_months(shift));
        }
    }
}

fn draw_mineral(m: &Mineral, w: &mut Mineral, rng: &mut Pcg64Mcg) {
    if let Some(r) = m.price_range_usd_per_unit {
        w.price_usd_per_unit = r
            .at(rng.sample(StandardNormal), true)
            .max(f64::MIN_POSITIVE);
    }
    if let Some(r) = m.escalation_range_pct_per_year {
        // Above -100 % a year a price stays positive.
        w.escalation_pct_per_year = r.at(rng.sample(StandardNormal), false).max(-99.0);
    }
    let mut shares_drawn = false;
    for (s, ws) in m.suppliers.iter().zip(w.suppliers.iter_mut()) {
        if let Some(r) = s.share_range_pct {
            ws.share_pct = r.at(rng.sample(StandardNormal), false).max(0.0);
            shares_drawn = true;
        } else {
            ws.share_pct = s.share_pct;
        }
        if let Some(r) = s.lead_time_range_months {
            let months = r.at(rng.sample(StandardNormal), false).round();
            ws.lead_time_months = months.clamp(0.0, f64::from(super::MAX_HORIZON_MONTHS)) as u32;
        }
        if let (Some(r), Some(_)) = (s.capacity_range_qty_per_year, s.capacity_qty_per_year) {
            ws.capacity_qty_per_year = Some(r.at(rng.sample(StandardNormal), true).max(0.0));
        }
        if s.feed.iter().any(|f| f.share_range_pct.is_some()) {
            for (f, wf) in s.feed.iter().zip(ws.feed.iter_mut()) {
                wf.share_pct = match f.share_range_pct {
                    Some(r) => r.at(rng.sample(StandardNormal), false).max(0.0),
                    None => f.share_pct,
                };
            }
            let total: f64 = ws.feed.iter().map(|f| f.share_pct).sum();
            if total > 0.0 {
                ws.feed
                    .iter_mut()
                    .for_each(|f| f.share_pct *= 100.0 / total);
            }
        }
    }
    if shares_drawn {
        w.normalize_shares();
    }
}

/// Per mineral and month, a histogram of the samples' coverage, with the
/// smallest and largest value seen; per mineral, how many samples reach
/// 100 % by the end.
///
/// A sample's bins are held and added to the histograms some hundreds of
/// samples at a time, [`CELLS_AT_ONCE`] cells at a time: adding each
/// sample at once would touch one cache line per month and mineral all
/// over the histograms (megabytes), a cache miss each, which cost more
/// than the projection.
struct Histograms {
    months: usize,
    counts: Vec<u32>,
    low: Vec<f64>,
    high: Vec<f64>,
    full_by_end: Vec<u32>,
    samples: u32,
    /// The bins of the samples held, by group of [`CELLS_AT_ONCE`] cells:
    /// per group, `hold_samples` rows of that many bins, so that adding a
    /// group reads one stretch of memory.
    held: Vec<u16>,
    /// How many samples are held, and how many to hold before adding them.
    held_samples: usize,
    hold_samples: usize,
    /// Where one group's rows start after the last one's: `hold_samples`
    /// rows and one cache line more (see [`GROUP_PAD`]).
    group_stride: usize,
}

/// Bins (one cache line) between one group's rows and the next group's.
/// Without it groups lie a power of two apart (64 KB), so a sample's
/// bins, one row per group, all fall into the same cache sets.
const GROUP_PAD: usize = 32;

/// [`Histograms::hold`]. Compiled a second time for AVX2, chosen when the
/// processor has it (four cells at a time rather than two): the same
/// operations, so the same bins.
#[multiversion::multiversion(targets("x86_64+avx2+fma"))]
fn hold_sample(hist: &mut Histograms, sample_coverage: &[f64]) {
    if hist.months == 0 {
        return;
    }
    debug_assert_eq!(sample_coverage.len(), hist.low.len());
    for (m, months) in sample_coverage.chunks_exact(hist.months).enumerate() {
        if months
            .last()
            .is_some_and(|&c| c >= 100.0 - FULL_TOLERANCE_PCT)
        {
            hist.full_by_end[m] += 1;
        }
    }
    // Smallest and largest, then bins, each in a loop of its own over
    // plain slices, so that both run several cells at a time. NaN, a
    // meaningless input, counts as 0 %. f64::min and max, not selects
    // such as `if c < *low { c } else { *low }`: those compile to masked
    // stores (vmaskmovpd), which took half the time of holding a sample
    // on AMD processors (perf).
    for ((&c, low), high) in sample_coverage
        .iter()
        .zip(&mut hist.low)
        .zip(&mut hist.high)
    {
        #[allow(clippy::eq_op)] // c == c is false for NaN only
        let c = if c == c { c } else { 0.0 };
        *low = low.min(c);
        *high = high.max(c);
    }
    let row = hist.held_samples * CELLS_AT_ONCE;
    for (group, cells) in sample_coverage.chunks(CELLS_AT_ONCE).enumerate() {
        let at = group * hist.group_stride + row;
        for (bin, &c) in hist.held[at..at + cells.len()].iter_mut().zip(cells) {
            *bin = bin_of(c);
        }
    }
    hist.samples += 1;
    hist.held_samples += 1;
    if hist.held_samples == hist.hold_samples {
        hist.flush();
    }
}

/// Cells added together when the held samples are added: their rows of
/// the histograms stay in cache meanwhile.
const CELLS_AT_ONCE: usize = 32;

/// The most memory the held bins take, bytes.
const HELD_BYTES: usize = 1 << 20;

impl Histograms {
    fn new(minerals: usize, months: usize) -> Self {
        let cells = minerals * months;
        let groups = cells.div_ceil(CELLS_AT_ONCE);
        // About 1 MiB held at most: twice the L2 cache of a core here,
        // which took a fifth less time holding and adding samples than
        // 4 MiB did, and than 512 KiB or 256 KiB (perf, against the
        // projection's share).
        let hold_samples = (HELD_BYTES / 2 / (groups * CELLS_AT_ONCE).max(1)).clamp(16, 1024);
        let group_stride = hold_samples * CELLS_AT_ONCE + GROUP_PAD;
        Self {
            months,
            counts: vec![0; cells * ROW],
            low: vec![f64::INFINITY; cells],
            high: vec![f64::NEG_INFINITY; cells],
            full_by_end: vec![0; minerals],
            samples: 0,
            held: vec![0; groups * group_stride],
            held_samples: 0,
            hold_samples,
            group_stride,
        }
    }

    /// Counts one sample: its smallest and largest values and whether it
    /// reaches 100 % now, its bins later (see [`Self::flush`]).
    fn hold(&mut self, sample_coverage: &[f64]) {
        hold_sample(self, sample_coverage);
    }

    /// Adds the bins held to the histograms.
    fn flush(&mut self) {
        let cells = self.low.len();
        for (group, held) in self.held.chunks_exact(self.group_stride).enumerate() {
            let first = group * CELLS_AT_ONCE;
            let width = CELLS_AT_ONCE.min(cells - first);
            let rows = &mut self.counts[first * ROW..(first + width) * ROW];
            let (samples, _) =
                held[..self.held_samples * CELLS_AT_ONCE].as_chunks::<CELLS_AT_ONCE>();
            if let Ok(rows) = <&mut [u32; CELLS_AT_ONCE * ROW]>::try_from(&mut *rows) {
                // A whole group: a loop of a known length, unrolled, each
                // cell's row at a fixed offset, every index within bounds.
                for sample in samples {
                    for (k, &bin) in sample.iter().enumerate() {
                        rows[k * ROW + (usize::from(bin) & BIN_MASK)] += 1;
                    }
                }
            } else {
                for sample in samples {
                    for (k, &bin) in sample[..width].iter().enumerate() {
                        rows[k * ROW + (usize::from(bin) & BIN_MASK)] += 1;
                    }
                }
            }
        }
        self.held_samples = 0;
    }

    fn merge(mut self, other: Self) -> Self {
        self.counts
            .iter_mut()
            .zip(&other.counts)
            .for_each(|(a, b)| *a += b);
        self.low
            .iter_mut()
            .zip(&other.low)
            .for_each(|(a, b)| *a = a.min(*b));
        self.high
            .iter_mut()
            .zip(&other.high)
            .for_each(|(a, b)| *a = a.max(*b));
        self.full_by_end
            .iter_mut()
            .zip(&other.full_by_end)
            .for_each(|(a, b)| *a += b);
        self.samples += other.samples;
        self
    }

    /// The P10, P50 and P90 of a cell, in one pass over its bins. Each is
    /// the bin holding its rank, read linearly within the bin and kept
    /// within the smallest and largest value seen (so samples that all
    /// agree give that value exactly).
    fn deciles(&self, cell: usize) -> [f64; 3] {
        const QUANTILES: [f64; 3] = [0.10, 0.50, 0.90];
        let counts = &self.counts[cell * ROW..cell * ROW + BINS];
        let n: u32 = counts.iter().sum();
        if n == 0 {
            return [0.0; 3];
        }
        let (low, high) = (self.low[cell], self.high[cell]);
        if low == high {
            return [low; 3];
        }
        let ranks = QUANTILES.map(|q| q * f64::from(n - 1));
        let mut out = [high; 3];
        // The next quantile to find: ranks ascend, so one pass finds all.
        let mut next = 0;
        let mut before = 0.0;
        for (bin, &count) in counts.iter().enumerate() {
            if count == 0 {
                continue;
            }
            let count = f64::from(count);
            while next < ranks.len() && ranks[next] < before + count {
                let bin_low = bin as f64 * BIN_PCT;
                let bin_high = if bin == BINS - 1 {
                    high
                } else {
                    bin_low + BIN_PCT
                };
                let within = (ranks[next] - before + 0.5) / count;
                out[next] = (bin_low + within * (bin_high - bin_low)).clamp(low, high);
                next += 1;
            }
            if next == ranks.len() {
                break;
            }
            before += count;
        }
        out
    }

    fn bands(&self, mineral: usize, name: &str) -> MineralBands {
        let cells = mineral * self.months..(mineral + 1) * self.months;
        let mut bands = MineralBands {
            name: name.to_string(),
            p10_pct: Vec::with_capacity(self.months),
            p50_pct: Vec::with_capacity(self.months),
            p90_pct: Vec::with_capacity(self.months),
            full_by_end_probability_pct: if self.samples == 0 {
                0.0
            } else {
                100.0 * f64::from(self.full_by_end[mineral]) / f64::from(self.samples)
            },
        };
        for cell in cells {
            let [p10, p50, p90] = self.deciles(cell);
            bands.p10_pct.push(p10);
            bands.p50_pct.push(p50);
            bands.p90_pct.push(p90);
        }
        bands
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Finding 7 of a trial: Scandium showed 97.1 % beside a P10–P90 of
    /// 102–144 % and nothing said why. Its price, $6,250/kg, is the top of
    /// its range (the contract's bound): the note says so.
    #[test]
    fn a_line_below_its_band_names_the_input_at_the_end_of_its_range() {
        let s = crate::samples::default_scenario();
        let scandium = s.minerals.iter().find(|m| m.name == "Scandium").unwrap();
        let band = |p10: f64, p90: f64| MineralBands {
            name: "Scandium".into(),
            p10_pct: vec![p10],
            p50_pct: vec![(p10 + p90) / 2.0],
            p90_pct: vec![p90],
            full_by_end_probability_pct: 90.0,
        };
        assert_eq!(
            outside_band_note(scandium, 97.1, &band(124.9, 156.3)).as_deref(),
            Some(
                "The plan's 97.1% lies below its band (P10 124.9%): the price ($6,250/kg; range $640–$6,250/kg) is at the top of its range."
            )
        );
        // Within its band: nothing to say.
        assert_eq!(outside_band_note(scandium, 97.1, &band(90.0, 110.0)), None);
        // Cobalt at $47,950 in $38,000–60,000 is in the middle: above its
        // band, the note names no input.
        let cobalt = &s.minerals[0];
        let note = outside_band_note(cobalt, 100.0, &band(80.0, 95.0)).unwrap();
        assert!(
            note.starts_with("The plan's 100.0% lies above its band (P90 95.0%): its inputs"),
            "{note}"
        );
    }

    /// The float-only bin is ⌊(coverage + FULL_TOLERANCE_PCT) ÷ BIN_PCT⌋
    /// kept within the bins, on bin edges, just either side of them and
    /// between, and 0 for NaN: dust just under an edge (99.9999999999 %)
    /// is in the bin above, as it counts as reaching 100 %.
    #[test]
    fn a_bin_is_the_floor_of_coverage_over_the_bin_width() {
        let edges = (0..BINS + 3).map(|k| k as f64 * BIN_PCT);
        let near = edges.flat_map(|e| [e, e.next_down(), e.next_up(), e + BIN_PCT / 2.0]);
        let odd = [
            -1.0,
            -0.0,
            1e-300,
            150.3,
            1e9,
            f64::INFINITY,
            f64::NEG_INFINITY,
        ];
        for c in near.chain(odd) {
            let expected = ((c + FULL_TOLERANCE_PCT) / BIN_PCT)
                .floor()
                .clamp(0.0, (BINS - 1) as f64) as u16;
            assert_eq!(bin_of(c), expected, "coverage {c}");
        }
        assert_eq!(bin_of(f64::NAN), 0);
        // Found in a trial: most samples reached 100 % and the P50 read 99.9 %.
        assert_eq!(bin_of(100.0 - 1e-12), bin_of(100.0));
        assert_eq!(bin_of(100.0 - 1e-3), bin_of(100.0) - 1);
    }
}
