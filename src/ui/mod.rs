//! The planner window (eframe + egui + egui_plot). Views live in `views/`,
//! one per file; the app shell in `app.rs`; user commands and internal
//! messages in `command.rs`; the document and its undo history in
//! `document.rs` and `history.rs`. See `docs/ARCHITECTURE.md`.

pub mod analysis;
pub mod app;
pub mod command;
pub mod document;
pub mod export_actions;
pub mod file_actions;
pub mod files;
pub mod frame_log;
pub mod history;
pub mod layout;
pub mod palette;
pub mod views;

use crate::{file, samples};
pub use app::{PlannerApp, Preferences, RightTab};
pub use document::Document;
pub use files::{Dialogs, FileRequest, Picker};
use std::path::PathBuf;

/// The name under which eframe keeps preferences, window size and the
/// recovery copy.
pub const APP_ID: &str = "Stockpile Planner";

/// Storage key of [`Preferences`].
pub const PREFERENCES_KEY: &str = "stockpile_planner_preferences";

/// Open the planner window on `file`, or on the built-in October 2025 plan.
/// Returns the process exit code.
pub fn run(file: Option<PathBuf>) -> i32 {
    let mut startup_notice = None;
    let doc = match &file {
        None => Document::new(samples::default_scenario()),
        Some(path) => match file::load(path) {
            Ok(s) => Document::from_file(s, path.clone()),
            Err(e) => {
                startup_notice = Some(format!(
                    "Could not open {e}. Showing the built-in October 2025 plan instead."
                ));
                Document::new(samples::default_scenario())
            }
        },
    };
    let recovery_dir = eframe::storage_dir(APP_ID).map(|d| d.join("recovery"));
    let options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_inner_size([1400.0, 900.0])
            .with_min_inner_size([900.0, 600.0])
            .with_title("Stockpile Planner"),
        ..Default::default()
    };
    let result = eframe::run_native(
        APP_ID,
        options,
        Box::new(move |cc| {
            let mut app = PlannerApp::with_files(doc, Dialogs::native(), recovery_dir);
            if let Some(storage) = cc.storage {
                app.preferences = eframe::get_value(storage, PREFERENCES_KEY).unwrap_or_default();
            }
            if let Some(theme) = app.preferences.theme {
                cc.egui_ctx.set_theme(theme);
            }
            if let Some(zoom) = app
                .preferences
                .zoom_factor
                .filter(|z| (0.5..=3.0).contains(z))
            {
                cc.egui_ctx.set_zoom_factor(zoom);
            }
            if let Some(text) = startup_notice {
                app.notices.error(text);
            } else if let Some(path) = &file {
                // Opened from the command line: as recent as any other.
                app.remember(path);
            }
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
