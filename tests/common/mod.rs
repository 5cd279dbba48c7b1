//! Helpers shared by the integration tests.
#![allow(dead_code)]

use stockpile_planner::model::{
    Mineral, PlanYear, PurchaseCeiling, Scenario, SpendingProfile, Supplier, Unit, YearMonth,
};

/// A one-mineral scenario that is easy to compute by hand: price $100/t,
/// budget spread evenly, one supplier with no lead time.
pub fn simple(horizon_months: u32, budget_usd: f64, requirement_qty: f64) -> Scenario {
    let mut s = Scenario::empty("Hand check", YearMonth::new(2026, 1));
    // The hand-worked numbers count plan years from the scenario start
    // (new scenarios use US fiscal years).
    s.settings.plan_year = PlanYear::ScenarioStart;
    // ... and keep buying past the requirement (new scenarios stop there).
    s.settings.stop_at_requirement = false;
    s.horizon_months = horizon_months;
    s.minerals.push(Mineral {
        name: "Cobalt".into(),
        unit: Unit::Tonne,
        price_usd_per_unit: 100.0,
        escalation_pct_per_year: 0.0,
        requirement_qty,
        opening_inventory_qty: 0.0,
        budget_usd,
        spending: SpendingProfile::Even,
        suppliers: vec![supplier("DRC", 100.0, 0)],
        ceiling: PurchaseCeiling::None,
        annual_consumption_qty: None,
        price_range_usd_per_unit: None,
        escalation_range_pct_per_year: None,
    });
    s
}

pub fn supplier(name: &str, share_pct: f64, lead_time_months: u32) -> Supplier {
    Supplier::new(name, share_pct, lead_time_months)
}

/// The quantity ordered each month of the first mineral.
pub fn ordered(s: &Scenario) -> Vec<f64> {
    stockpile_planner::model::project(s).minerals[0]
        .months
        .iter()
        .map(|r| r.ordered_qty)
        .collect()
}

/// `a` and `b` agree to within 1e-9 (relative to their size).
pub fn close(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-9 * (1.0 + a.abs().max(b.abs()))
}

#[macro_export]
macro_rules! assert_close {
    ($a:expr, $b:expr) => {{
        let (a, b) = ($a as f64, $b as f64);
        assert!(
            $crate::common::close(a, b),
            "{} = {a}, expected {b}",
            stringify!($a)
        );
    }};
}

#[cfg(feature = "window")]
/// The window on `scenario` at 1400×900 in `theme`, after its first frames.
pub fn window(
    scenario: Scenario,
    theme: egui::Theme,
) -> egui_kittest::Harness<'static, stockpile_planner::ui::PlannerApp> {
    window_on(stockpile_planner::ui::PlannerApp::new(scenario), theme)
}

#[cfg(feature = "window")]
/// The window on `app` at 1400×900 in `theme`, after its first frames.
pub fn window_on(
    app: stockpile_planner::ui::PlannerApp,
    theme: egui::Theme,
) -> egui_kittest::Harness<'static, stockpile_planner::ui::PlannerApp> {
    window_sized(app, theme, [1400.0, 900.0])
}

#[cfg(feature = "window")]
/// The window on `scenario` on a tall screen (1400×1200), where the event
/// editor under a long events list needs no scrolling.
pub fn tall_window(
    scenario: Scenario,
    theme: egui::Theme,
) -> egui_kittest::Harness<'static, stockpile_planner::ui::PlannerApp> {
    window_sized(
        stockpile_planner::ui::PlannerApp::new(scenario),
        theme,
        [1400.0, 1200.0],
    )
}

#[cfg(feature = "window")]
/// The window on `app` at `size` in `theme`, after its first frames.
pub fn window_sized(
    mut app: stockpile_planner::ui::PlannerApp,
    theme: egui::Theme,
    size: [f32; 2],
) -> egui_kittest::Harness<'static, stockpile_planner::ui::PlannerApp> {
    // No Monte Carlo run lands in a snapshot by chance: tests of the bands
    // un-pause it and wait for the run.
    app.analysis.paused = true;
    let mut h = egui_kittest::Harness::builder()
        .with_size(size)
        .with_theme(theme)
        // Scroll bars that come and go as the panels settle take a few
        // frames more than egui_kittest's default of 4.
        .with_max_steps(8)
        .build_ui_state(
            |ui, app: &mut stockpile_planner::ui::PlannerApp| app.show(ui),
            app,
        );
    h.run();
    h
}
