//! File > Export from the window hands the exports the Monte Carlo bands
//! it already has: the CSV gains P10/P50/P90 columns and the briefing the
//! chance of 100 %, once the run for the plan on screen has finished.

use crate::common;

use std::time::{Duration, Instant};
use stockpile_planner::model::Range;
use stockpile_planner::ui::command::Message;
use stockpile_planner::ui::files::ExportKind;

#[test]
fn exports_carry_the_bands_of_the_plan_on_screen() {
    // $100/t with a price range of $80–125/t: the run has something to draw.
    let mut s = common::simple(10, 100_000.0, 1_000.0);
    s.minerals[0].price_range_usd_per_unit = Some(Range::new(80.0, 125.0));
    let mut h = common::window(s, egui::Theme::Dark);
    let dir = tempfile::tempdir().unwrap();
    let csv = dir.path().join("plan.csv");
    let html = dir.path().join("plan.html");

    // Paused (as window tests start): no bands yet, the CSV is as before.
    h.state_mut()
        .send(Message::ExportTo(ExportKind::ProjectionCsv, csv.clone()));
    h.run();
    let text = std::fs::read_to_string(&csv).unwrap();
    assert!(!text.contains("coverage_p10_pct"), "{text}");

    h.state_mut().analysis.paused = false;
    let start = Instant::now();
    while !h.state().analysis.bands_current {
        assert!(start.elapsed() < Duration::from_secs(60), "timed out");
        h.step();
        std::thread::sleep(Duration::from_millis(20));
    }
    h.state_mut()
        .send(Message::ExportTo(ExportKind::ProjectionCsv, csv.clone()));
    h.state_mut()
        .send(Message::ExportTo(ExportKind::BriefingHtml, html.clone()));
    h.run();
    let text = std::fs::read_to_string(&csv).unwrap();
    let header = text.lines().next().unwrap();
    assert!(
        header.ends_with(",coverage_p10_pct,coverage_p50_pct,coverage_p90_pct"),
        "{header}"
    );
    let bands = h.state().analysis.bands.clone().unwrap();
    let last = text.lines().last().unwrap();
    // To a hundredth of a point, as every percentage in the CSV.
    let p50 = (bands.minerals[0].final_p50_pct() * 100.0).round() / 100.0;
    assert!(last.contains(&format!(",{p50},")), "{last} has P50 {p50}");
    let page = std::fs::read_to_string(&html).unwrap();
    assert!(page.contains("Chance of 100%"));
    assert!(page.contains("5,000 samples of the ranges, seed 2025"));
}
