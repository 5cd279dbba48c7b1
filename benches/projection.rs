//! `cargo bench --bench projection`: one projection of a generated scenario of
//! 50 minerals × 12 suppliers × 240 months, without and with 30 events.
//! Target: under 1 ms. Minerals are projected on all cores; run with
//! `RAYON_NUM_THREADS=1` for the single-core figure.
//!
//! Beside it, the yardstick of `../shared/bench/bare_loop.rs` (the bare
//! arithmetic of the same shape: escalation, per-supplier split, lead-time
//! scatter, ceiling, cumulative inventory, no rows; module [`bare`]). After
//! criterion's output the bench prints `project` ÷ bare loop, timed
//! alternately, on one thread and on every core. Targets on one core:
//! within 1.5× without events, within 3× with 30 events.
//!
//! Allocation churn: `project` allocates its rows and the caller drops them;
//! `churn/project ... dropped each time` times that pattern over 100
//! projections in a row (what a drag does), `churn/project_into` refills one
//! result instead (what the Monte Carlo run does). The bench binary uses the system allocator, as tests and library
//! users do; `BENCH_ALLOCATOR=mimalloc cargo bench --bench projection`
//! builds it with mimalloc (the window's allocator) to compare.

use criterion::{Criterion, criterion_group};
use std::hint::black_box;
use std::time::Instant;
use stockpile_planner::model::projection::project_into;
use stockpile_planner::model::{
    Disruption, DisruptionKind, Scenario, YearMonth, project, validate,
};
use stockpile_planner::samples;

#[path = "common/allocator.rs"]
mod allocator;
use allocator::MIMALLOC;

/// The yardstick, as in `../shared/bench/bare_loop.rs`.
mod bare {
    pub struct Sup {
        share: f64,
        lead: usize,
        #[allow(dead_code)]
        tariff: f64,
    }
    pub struct Min {
        budget: f64,
        price: f64,
        esc: f64,
        req: f64,
        inv0: f64,
        cap_per_month: f64,
        sups: Vec<Sup>,
    }

    pub fn project(ms: &[Min], h: usize, out: &mut Vec<f64>) {
        out.clear();
        let mut delivered = vec![0.0f64; h + 64];
        for m in ms {
            delivered.iter_mut().for_each(|d| *d = 0.0);
            let spend = m.budget / h as f64;
            let g = (1.0 + m.esc).powf(1.0 / 12.0);
            let mut price = m.price;
            let mut carry = 0.0;
            for t in 0..h {
                let avail = spend + carry;
                let mut ordered_total = 0.0;
                let a = avail / price;
                for s in &m.sups {
                    let q = a * s.share;
                    ordered_total += q;
                    delivered[t + s.lead] += q;
                }
                let scale = if ordered_total > m.cap_per_month {
                    m.cap_per_month / ordered_total
                } else {
                    1.0
                };
                carry = avail * (1.0 - scale);
                price *= g;
            }
            let mut inv = m.inv0;
            for d in delivered.iter().take(h) {
                inv += d;
                out.push(100.0 * inv / m.req);
            }
        }
    }

    /// The yardstick's input for `minerals` x `suppliers` (share
    /// 1/suppliers, lead j % 7).
    pub fn shape(minerals: usize, suppliers: usize) -> Vec<Min> {
        (0..minerals)
            .map(|i| Min {
                budget: 1e8 + i as f64,
                price: 30000.0,
                esc: 0.03,
                req: 5000.0,
                inv0: 10.0,
                cap_per_month: 1e9,
                sups: (0..suppliers)
                    .map(|j| Sup {
                        share: 1.0 / suppliers as f64,
                        lead: j % 7,
                        tariff: if j == 0 { 1.0 } else { 0.0 },
                    })
                    .collect(),
            })
            .collect()
    }
}

const MINERALS: usize = 50;
const SUPPLIERS: usize = 12;
const HORIZON: u32 = 240;

fn scenarios() -> (Scenario, Scenario) {
    let scenario = samples::generated(MINERALS, SUPPLIERS, HORIZON);
    assert!(validate(&scenario).is_empty());
    let mut with_events = scenario.clone();
    with_events.disruptions = thirty_events();
    assert!(validate(&with_events).is_empty());
    (scenario, with_events)
}

fn projection(c: &mut Criterion) {
    let (scenario, mut with_events) = scenarios();
    c.bench_function("project 50 minerals x 12 suppliers x 240 months", |b| {
        b.iter(|| project(black_box(&scenario)))
    });
    let mut reused = project(&scenario);
    c.bench_function("project_into 50 x 12 x 240 (one result refilled)", |b| {
        b.iter(|| project_into(black_box(&scenario), &mut reused))
    });
    let mut group = c.benchmark_group("churn");
    group.sample_size(10);
    group.bench_function("project 50 x 12 x 240, dropped each time (x100)", |b| {
        b.iter(|| {
            for _ in 0..100 {
                drop(black_box(project(black_box(&scenario))));
            }
        })
    });
    group.bench_function("project_into 50 x 12 x 240, one result (x100)", |b| {
        b.iter(|| {
            for _ in 0..100 {
                project_into(black_box(&scenario), &mut reused);
            }
        })
    });
    group.finish();
    let shape = bare::shape(MINERALS, SUPPLIERS);
    let mut out = Vec::new();
    c.bench_function("bare loop 50 x 12 x 240", |b| {
        b.iter(|| bare::project(black_box(&shape), HORIZON as usize, &mut out))
    });
    c.bench_function("project 50 x 12 x 240 with 30 events", |b| {
        b.iter(|| project(black_box(&with_events)))
    });
    let mut reused = project(&with_events);
    c.bench_function("project_into 50 x 12 x 240 with 30 events", |b| {
        b.iter(|| project_into(black_box(&with_events), &mut reused))
    });
    with_events.settings.resource_blocked_orders = false;
    c.bench_function(
        "project 50 x 12 x 240 with 30 events, no re-sourcing",
        |b| b.iter(|| project(black_box(&with_events))),
    );
    c.bench_function("validate 50 minerals x 12 suppliers", |b| {
        b.iter(|| validate(black_box(&scenario)))
    });
}

/// Every kind of event, on varied suppliers, minerals and windows; most hit
/// every mineral, so each mineral carries many events.
fn thirty_events() -> Vec<Disruption> {
    let kinds = DisruptionKind::examples();
    (0..30)
        .map(|k| Disruption {
            name: format!("Event {k}"),
            notes: String::new(),
            enabled: true,
            kind: kinds[k % kinds.len()].clone(),
            supplier: format!("Supplier {}", k % 12 + 1),
            target: stockpile_planner::model::EventTarget::Supplier,
            minerals: if k % 3 == 0 {
                vec![format!("Mineral {:02}", k + 1)]
            } else {
                vec![]
            },
            start: YearMonth::new(2026 + (k % 10) as i32, 1 + (k % 12) as u32),
            end: (k % 2 == 0).then(|| YearMonth::new(2028 + (k % 10) as i32, 6)),
            resourcing_premium_pct: 0.0,
            world_price_pct: 0.0,
            probability_pct: 100.0,
            start_range: None,
        })
        .collect()
}

/// Seconds per call over `iters` calls.
fn time_per_call(iters: u32, mut f: impl FnMut()) -> f64 {
    let t = Instant::now();
    for _ in 0..iters {
        f();
    }
    t.elapsed().as_secs_f64() / f64::from(iters)
}

/// `project` (dropping each result, and refilling one) beside the bare
/// loop, timed alternately so a load from elsewhere hits both alike; the
/// fastest of 15 rounds each.
fn print_ratios(label: &str) {
    let (scenario, with_events) = scenarios();
    let shape = bare::shape(MINERALS, SUPPLIERS);
    let mut out = Vec::new();
    let mut reused = project(&scenario);
    let mut reused_events = project(&with_events);
    let mut best = [f64::INFINITY; 5];
    for _ in 0..15 {
        let times = [
            time_per_call(200, || {
                bare::project(black_box(&shape), HORIZON as usize, &mut out)
            }),
            time_per_call(200, || drop(black_box(project(black_box(&scenario))))),
            time_per_call(200, || project_into(black_box(&scenario), &mut reused)),
            time_per_call(200, || drop(black_box(project(black_box(&with_events))))),
            time_per_call(200, || {
                project_into(black_box(&with_events), &mut reused_events)
            }),
        ];
        for (b, t) in best.iter_mut().zip(times) {
            *b = b.min(t);
        }
    }
    let [bare, plain, plain_into, events, events_into] = best;
    let us = |t: f64| t * 1e6;
    println!(
        "{label}: bare loop {:.0} µs; project {:.0} µs ({:.2}×), project_into {:.0} µs ({:.2}×); \
         with 30 events: project {:.0} µs ({:.2}×), project_into {:.0} µs ({:.2}×)",
        us(bare),
        us(plain),
        plain / bare,
        us(plain_into),
        plain_into / bare,
        us(events),
        events / bare,
        us(events_into),
        events_into / bare,
    );
}

criterion_group!(benches, projection);

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
        let one = rayon::ThreadPoolBuilder::new()
            .num_threads(1)
            .build()
            .expect("a pool of one thread");
        one.install(|| print_ratios(&format!("one thread, {allocator}")));
        print_ratios(&format!(
            "{} threads, {allocator}",
            rayon::current_num_threads()
        ));
    }
}
