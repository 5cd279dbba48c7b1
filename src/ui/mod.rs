//! The planner window (eframe + egui + egui_plot). Views live in `views/`,
//! one per file; the app shell in `app.rs`; user actions in `command.rs`.

pub mod app;
pub mod command;
pub mod document;
pub mod palette;
pub mod views;

use crate::{file, samples};
pub use app::{Notice, PlannerApp, Preferences};
use std::path::PathBuf;

/// Storage key of [`Preferences`].
pub const PREFERENCES_KEY: &str = "stockpile_planner_preferences";

/// Open the planner window on `file`, or on the built-in October 2025 plan.
/// Returns the process exit code.
pub fn run(file: Option<PathBuf>) -> i32 {
    let mut startup_notice = None;
    let scenario = match &file {
        None => samples::default_scenario(),
        Some(path) => match file::load(path) {
            Ok(s) => s,
            Err(e) => {
                startup_notice = Some(Notice {
                    text: format!(
                        "Could not open {e}. Showing the built-in October 2025 plan instead."
                    ),
                    is_error: true,
                });
                samples::default_scenario()
            }
        },
    };
    let options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_inner_size([1400.0, 900.0])
            .with_min_inner_size([900.0, 600.0])
            .with_title("Stockpile Planner"),
        ..Default::default()
    };
    let result = eframe::run_native(
        "Stockpile Planner",
        options,
        Box::new(move |cc| {
            let mut app = PlannerApp::new(scenario);
            if let Some(storage) = cc.storage {
                app.preferences = eframe::get_value(storage, PREFERENCES_KEY).unwrap_or_default();
            }
            if let Some(theme) = app.preferences.theme {
                cc.egui_ctx.set_theme(theme);
            }
            app.notices.extend(startup_notice);
            Ok(Box::new(app))
        }),
    );
    match result {
        Ok(()) => 0,
        Err(e) => {
            eprintln!("Stockpile Planner could not open its window: {e}");
            1
        }
    }
}
