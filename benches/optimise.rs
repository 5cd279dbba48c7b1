//! `cargo bench --bench optimise`: goal seek and budget allocation with the
//! real projection (issue 13, parts 3 and 4). Targets: a goal seek under
//! 20 ms on the largest sample; an allocation of 10 minerals under 100 ms.
//! Minerals are sought on all cores; run with `RAYON_NUM_THREADS=1` for
//! the single-core figure.

use criterion::{Criterion, criterion_group, criterion_main};
use std::hint::black_box;
use stockpile_planner::model::{GoalSeek, Scenario, allocate, goal_seek, validate};
use stockpile_planner::samples;

/// The twelve-mineral sample with every preset event in force.
fn twelve_with_events() -> Scenario {
    samples::with_every_preset_in_force(samples::STRATEGIC_TWELVE.scenario())
}

fn optimise(c: &mut Criterion) {
    let twelve = samples::STRATEGIC_TWELVE.scenario();
    assert!(validate(&twelve).is_empty());
    let with_events = twelve_with_events();
    let h = twelve.horizon_months;
    // Cobalt (95.8 % with its $700M): 100 % by the horizon is reachable;
    // 120 % is not (the ceiling binds at 102.2 %), which costs the
    // counterfactuals as well.
    let reachable = goal_seek(&twelve, 0, 100.0, h).unwrap();
    assert!(
        matches!(reachable, GoalSeek::Reached { .. }),
        "{reachable:?}"
    );
    let unreachable = goal_seek(&twelve, 0, 120.0, h).unwrap();
    assert!(
        matches!(unreachable, GoalSeek::NotReachable { .. }),
        "{unreachable:?}"
    );
    c.bench_function(
        "goal seek: strategic twelve, Cobalt 100% by the horizon",
        |b| b.iter(|| goal_seek(black_box(&twelve), 0, 100.0, h)),
    );
    c.bench_function(
        "goal seek: strategic twelve, Cobalt 120% (not reachable, why)",
        |b| b.iter(|| goal_seek(black_box(&twelve), 0, 120.0, h)),
    );
    c.bench_function(
        "goal seek: strategic twelve with every preset, each mineral 60% by mid-plan",
        |b| {
            b.iter(|| {
                for k in 0..with_events.minerals.len() {
                    black_box(goal_seek(black_box(&with_events), k, 60.0, h / 2).unwrap());
                }
            })
        },
    );

    let ten = samples::generated(10, 4, 120);
    assert!(validate(&ten).is_empty());
    let total: f64 = ten.minerals.iter().map(|m| m.budget_usd).sum();
    c.bench_function("allocate: 10 minerals x 4 suppliers x 120 months", |b| {
        b.iter(|| allocate(black_box(&ten), total, &[]).unwrap())
    });
    let weights: Vec<f64> = (0..10).map(|k| 1.0 + (k % 3) as f64).collect();
    c.bench_function("allocate: 10 minerals, weights 1-3", |b| {
        b.iter(|| allocate(black_box(&ten), total, &weights).unwrap())
    });
    let total: f64 = twelve.minerals.iter().map(|m| m.budget_usd).sum();
    c.bench_function("allocate: strategic twelve", |b| {
        b.iter(|| allocate(black_box(&twelve), total, &[]).unwrap())
    });
    c.bench_function("allocate: strategic twelve with every preset", |b| {
        b.iter(|| allocate(black_box(&with_events), total, &[]).unwrap())
    });
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(20);
    targets = optimise
}
criterion_main!(benches);
