//! `cargo bench --bench ui_frame`: full UI frames of the window, headless:
//! egui logic and tessellation, no GPU.
//!
//! - The largest sample (12 minerals × 120 months): a still frame and a
//!   frame while dragging a budget (the document's one refresh per frame
//!   revalidates and re-projects). Target: under 4 ms.
//! - The largest sample with four variants (5 in all), compared with the
//!   base: a frame that switches the variant on screen (its projection,
//!   deltas and differences) and one that switches the baseline (the
//!   baseline's projection too). Target: under 4 ms.
//! - The largest sample with price ranges while a Monte Carlo run of
//!   100,000 samples is in flight on the other threads (the bands of the
//!   last run drawn): target under 4 ms. Wall time, so the frame pays for
//!   sharing the cores with the run.
//! - A 200-mineral × 240-month scenario: an edit's frame (target under
//!   16 ms) and the first paint of a new window on it, from opening the
//!   document to the first frame drawn (target under 2 s).

use criterion::{BatchSize, Criterion, criterion_group, criterion_main};

/// The app's allocator (see `src/main.rs`), so frames cost what they do in
/// the app.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;
use stockpile_planner::model::Scenario;
use stockpile_planner::samples;
use stockpile_planner::ui::PlannerApp;
use stockpile_planner::ui::command::Message;

/// The largest sample with four variants: budgets cut by 20 %, raised by
/// 20 %, a year shorter, and with the first preset event.
fn five_variants() -> Scenario {
    let mut file = samples::STRATEGIC_TWELVE.scenario();
    for (name, edit) in [
        ("Budget cut 20%", 0.8),
        ("Budget up 20%", 1.2),
        ("One year shorter", 1.0),
        ("With an event", 1.0),
    ] {
        let mut v = file.variant_without_nested(0).expect("base");
        v.name = name.into();
        for m in &mut v.minerals {
            m.budget_usd *= edit;
        }
        if name == "One year shorter" {
            v.horizon_months -= 12;
        }
        if name == "With an event" {
            v.add_preset(0);
        }
        file.variants.push(v);
    }
    file
}

fn input() -> egui::RawInput {
    egui::RawInput {
        screen_rect: Some(egui::Rect::from_min_size(
            egui::Pos2::ZERO,
            egui::vec2(1400.0, 900.0),
        )),
        ..Default::default()
    }
}

/// One frame of `app` in `ctx`, tessellated as eframe would.
fn frame(ctx: &egui::Context, app: &mut PlannerApp) {
    let out = ctx.run_ui(input(), |ui| app.show(ui));
    std::hint::black_box(ctx.tessellate(out.shapes, out.pixels_per_point));
}

/// A warmed-up window on `scenario` (fonts and layout caches ready).
fn window(scenario: Scenario) -> (egui::Context, PlannerApp) {
    let ctx = egui::Context::default();
    let mut app = PlannerApp::new(scenario);
    for _ in 0..3 {
        frame(&ctx, &mut app);
    }
    (ctx, app)
}

fn frames(c: &mut Criterion) {
    let (ctx, mut app) = window(samples::STRATEGIC_TWELVE.scenario());
    c.bench_function("ui frame, largest sample", |b| {
        b.iter(|| frame(&ctx, &mut app))
    });
    let mut budget = app.doc.scenario.minerals[0].budget_usd;
    c.bench_function("ui frame, largest sample, while dragging a budget", |b| {
        b.iter(|| {
            budget += 1e5;
            app.doc.scenario.minerals[0].set_budget_usd(budget);
            frame(&ctx, &mut app)
        })
    });

    let (ctx, mut app) = window(five_variants());
    app.send(Message::SetBaseline(Some(0)));
    frame(&ctx, &mut app);
    let mut k = 0;
    c.bench_function(
        "ui frame, 12 minerals x 5 variants, switching the variant on screen (baseline: the base)",
        |b| {
            b.iter(|| {
                k = k % 4 + 1;
                app.send(Message::SwitchVariant(k));
                frame(&ctx, &mut app)
            })
        },
    );
    c.bench_function(
        "ui frame, 12 minerals x 5 variants, switching the baseline",
        |b| {
            b.iter(|| {
                k = (k + 1) % 5;
                app.send(Message::SetBaseline(Some(k)));
                frame(&ctx, &mut app)
            })
        },
    );

    let mut uncertain = samples::STRATEGIC_TWELVE.scenario();
    for m in &mut uncertain.minerals {
        let p = m.price_usd_per_unit;
        m.price_range_usd_per_unit = Some(stockpile_planner::model::Range::new(0.7 * p, 1.5 * p));
    }
    let (ctx, mut app) = window(uncertain);
    // A first run, finished, so that bands are drawn.
    while !app.analysis.bands_current {
        frame(&ctx, &mut app);
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
    app.doc.scenario.settings.monte_carlo.samples = 100_000;
    let mut price = app.doc.scenario.minerals[0].price_usd_per_unit;
    c.bench_function(
        "ui frame, largest sample, a Monte Carlo run in flight",
        |b| {
            b.iter_custom(|iters| {
                let mut total = std::time::Duration::ZERO;
                for _ in 0..iters {
                    while app.analysis.bands_progress_pct().is_none() {
                        // A new plan; frames pass the 0.25 s it must rest.
                        price += 1.0;
                        app.doc.scenario.minerals[0].price_usd_per_unit = price;
                        for _ in 0..20 {
                            frame(&ctx, &mut app);
                        }
                    }
                    let start = std::time::Instant::now();
                    frame(&ctx, &mut app);
                    total += start.elapsed();
                }
                total
            })
        },
    );

    let big = samples::generated(200, 12, 240);
    let (ctx, mut app) = window(big.clone());
    let mut budget = app.doc.scenario.minerals[0].budget_usd;
    c.bench_function(
        "ui frame, 200 minerals x 240 months, editing a budget",
        |b| {
            b.iter(|| {
                budget += 1e5;
                app.doc.scenario.minerals[0].set_budget_usd(budget);
                frame(&ctx, &mut app)
            })
        },
    );
    let mut group = c.benchmark_group("first paint");
    group.sample_size(10);
    group.bench_function(
        "200 minerals x 240 months: open and draw the first frame",
        |b| {
            b.iter_batched(
                || big.clone(),
                |scenario| {
                    let ctx = egui::Context::default();
                    let mut app = PlannerApp::new(scenario);
                    frame(&ctx, &mut app)
                },
                BatchSize::LargeInput,
            )
        },
    );
    group.finish();
}

criterion_group!(benches, frames);
criterion_main!(benches);
