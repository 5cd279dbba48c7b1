//! `cargo bench --bench projection`: one projection of a generated scenario of
//! 50 minerals × 12 suppliers × 240 months. Target: under 1 ms.

use criterion::{Criterion, criterion_group, criterion_main};
use std::hint::black_box;
use stockpile_planner::model::{project, validate};
use stockpile_planner::samples;

fn projection(c: &mut Criterion) {
    let scenario = samples::generated(50, 12, 240);
    assert!(validate(&scenario).is_empty());
    c.bench_function("project 50 minerals x 12 suppliers x 240 months", |b| {
        b.iter(|| project(black_box(&scenario)))
    });
    c.bench_function("validate 50 minerals x 12 suppliers", |b| {
        b.iter(|| validate(black_box(&scenario)))
    });
}

criterion_group!(benches, projection);
criterion_main!(benches);
