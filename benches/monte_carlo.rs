//! `cargo bench --bench monte_carlo`: a Monte Carlo run of 10,000 samples of
//! the twelve-mineral sample (`samples::STRATEGIC_TWELVE`) over its horizon
//! (120 months), with events. Target: under 100 ms on a 2-core machine,
//! using both cores.
//!
//! The uncertain inputs, set here unless the sample file already has
//! ranges: every mineral's price within ±30 % (a 90 % interval), every
//! event a 70 % chance of happening and a start within ±6 months. The
//! sample file has no events of its own (as of this writing), so the
//! bench gives it the preset library (`model::presets::all()`), every
//! preset enabled: DRC cobalt suspension and quotas (a quota: a supplier
//! followed order by order), China's licensing on gallium, germanium,
//! antimony, tungsten, bismuth and graphite, price shocks on every
//! supplier. If the file gets events, those are used instead.
//!
//! Cases:
//! - `monte carlo 10,000 samples, twelve minerals x 120 months`: the run on
//!   rayon's global pool (every core; `RAYON_NUM_THREADS=1 cargo bench
//!   --bench monte_carlo` gives the one-core figure for this id too);
//! - the same on a pool of one thread (one core, whatever the setting);
//! - `project one sample`: one projection of the scenario with every event
//!   in force, on one thread; a sample of the run should cost about this
//!   (one-core run time ÷ 10,000).
//!
//! After criterion's output the bench prints the cost of one sample beside
//! the cost of one projection.
//!
//! The bench binary uses the system allocator, as tests and library users
//! do (the run refills its buffers, so it should not depend on the
//! allocator); `BENCH_ALLOCATOR=mimalloc cargo bench --bench monte_carlo`
//! builds it with mimalloc (the window's allocator) to compare.

use criterion::{Criterion, criterion_group};
use std::hint::black_box;
use std::time::{Duration, Instant};
use stockpile_planner::model::monte_carlo;
use stockpile_planner::model::{MonthRange, Range, Scenario, presets, project, validate};
use stockpile_planner::samples;

#[path = "common/allocator.rs"]
mod allocator;
use allocator::MIMALLOC;

const SAMPLES: u32 = 10_000;
const SEED: u64 = 2025;

/// The twelve-mineral sample with its events (the preset library when the
/// file has none) and the ranges described at the top of this file.
fn uncertain_twelve() -> Scenario {
    let mut s = samples::STRATEGIC_TWELVE.scenario();
    let file_has_ranges = monte_carlo::has_uncertainty(&s);
    if s.disruptions.is_empty() {
        s.disruptions = presets::all();
        s.disruptions.iter_mut().for_each(|d| d.enabled = true);
    }
    if !file_has_ranges {
        for m in &mut s.minerals {
            let p = m.price_usd_per_unit;
            m.price_range_usd_per_unit = Some(Range::new(0.7 * p, 1.3 * p));
        }
        for d in &mut s.disruptions {
            d.probability_pct = 70.0;
            d.start_range = Some(MonthRange {
                earliest: d.start.plus_months(-6),
                latest: d.start.plus_months(6),
            });
        }
    }
    assert!(validate(&s).is_empty(), "{:?}", validate(&s));
    assert!(monte_carlo::has_uncertainty(&s));
    s
}

fn one_thread() -> rayon::ThreadPool {
    rayon::ThreadPoolBuilder::new()
        .num_threads(1)
        .build()
        .expect("a pool of one thread")
}

fn monte_carlo(c: &mut Criterion) {
    let s = uncertain_twelve();
    let mut group = c.benchmark_group("monte carlo");
    group
        .sample_size(10)
        .measurement_time(Duration::from_secs(8));
    group.bench_function("10,000 samples, twelve minerals x 120 months", |b| {
        b.iter(|| monte_carlo::run_samples(black_box(&s), SAMPLES, SEED))
    });
    let pool = one_thread();
    group.bench_function(
        "10,000 samples, twelve minerals x 120 months, one thread",
        |b| b.iter(|| pool.install(|| monte_carlo::run_samples(black_box(&s), SAMPLES, SEED))),
    );
    group.finish();
    let all_events = s.clone();
    c.bench_function("project one sample (every event), one thread", |b| {
        b.iter(|| pool.install(|| project(black_box(&all_events))))
    });
}

/// Per-sample cost of a one-thread run beside one projection of the same
/// scenario, timed alternately (so a load from elsewhere hits both).
fn print_sample_cost() {
    let s = uncertain_twelve();
    let pool = one_thread();
    let (mut run, mut one) = (Vec::new(), Vec::new());
    for _ in 0..5 {
        let t = Instant::now();
        pool.install(|| black_box(monte_carlo::run_samples(&s, SAMPLES, SEED)));
        run.push(t.elapsed().as_secs_f64() / f64::from(SAMPLES));
        let t = Instant::now();
        for _ in 0..1_000 {
            pool.install(|| black_box(project(&s)));
        }
        one.push(t.elapsed().as_secs_f64() / 1_000.0);
    }
    let (run, one) = (min(&run), min(&one));
    println!(
        "one thread: a Monte Carlo sample {:.1} µs, one projection {:.1} µs: {:.2}×",
        run * 1e6,
        one * 1e6,
        run / one
    );
}

fn min(v: &[f64]) -> f64 {
    v.iter().copied().fold(f64::INFINITY, f64::min)
}

criterion_group!(benches, monte_carlo);

fn main() {
    benches();
    Criterion::default().configure_from_args().final_summary();
    // Only when benchmarking, not when `cargo test --benches` runs it once.
    if std::env::args().any(|a| a == "--bench") {
        let allocator = if MIMALLOC {
            "mimalloc"
        } else {
            "system allocator"
        };
        println!("{allocator}:");
        print_sample_cost();
    }
}
