//! `cargo bench --bench ui_frame`: one full UI frame of the window on the
//! largest sample (12 minerals × 120 months), headless: egui logic and
//! tessellation, no GPU. Target: under 4 ms.
//!
//! "while dragging" also changes a budget, so the frame revalidates and
//! re-projects (the document's one refresh per frame), as on every frame of
//! a drag.

use criterion::{Criterion, criterion_group, criterion_main};
use stockpile_planner::samples;
use stockpile_planner::ui::PlannerApp;

fn frame(c: &mut Criterion) {
    let ctx = egui::Context::default();
    let mut app = PlannerApp::new(samples::STRATEGIC_TWELVE.scenario());
    let input = || egui::RawInput {
        screen_rect: Some(egui::Rect::from_min_size(
            egui::Pos2::ZERO,
            egui::vec2(1400.0, 900.0),
        )),
        ..Default::default()
    };
    // Warm up fonts and layout caches, as in a running app.
    for _ in 0..3 {
        let out = ctx.run_ui(input(), |ui| app.show(ui));
        ctx.tessellate(out.shapes, out.pixels_per_point);
    }
    c.bench_function("ui frame, largest sample", |b| {
        b.iter(|| {
            let out = ctx.run_ui(input(), |ui| app.show(ui));
            ctx.tessellate(out.shapes, out.pixels_per_point)
        })
    });
    let mut budget = app.doc.scenario.minerals[0].budget_usd;
    c.bench_function("ui frame, largest sample, while dragging a budget", |b| {
        b.iter(|| {
            budget += 1e5;
            app.doc.scenario.minerals[0].set_budget_usd(budget);
            let out = ctx.run_ui(input(), |ui| app.show(ui));
            ctx.tessellate(out.shapes, out.pixels_per_point)
        })
    });
}

criterion_group!(benches, frame);
criterion_main!(benches);
