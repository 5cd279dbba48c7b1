//! `cargo bench --bench projection`: one projection of a generated scenario of
//! 50 minerals × 12 suppliers × 240 months, without and with 30 events.
//! Target: under 1 ms. Minerals are projected on all cores; run with
//! `RAYON_NUM_THREADS=1` for the single-core figure.

use criterion::{Criterion, criterion_group, criterion_main};
use std::hint::black_box;
use stockpile_planner::model::{Disruption, DisruptionKind, YearMonth, project, validate};
use stockpile_planner::samples;

fn projection(c: &mut Criterion) {
    let scenario = samples::generated(50, 12, 240);
    assert!(validate(&scenario).is_empty());
    c.bench_function("project 50 minerals x 12 suppliers x 240 months", |b| {
        b.iter(|| project(black_box(&scenario)))
    });
    let mut with_events = scenario.clone();
    with_events.disruptions = thirty_events();
    assert!(validate(&with_events).is_empty());
    c.bench_function("project 50 x 12 x 240 with 30 events", |b| {
        b.iter(|| project(black_box(&with_events)))
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
            probability_pct: 100.0,
            start_range: None,
        })
        .collect()
}

criterion_group!(benches, projection);
criterion_main!(benches);
