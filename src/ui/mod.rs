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
pub mod merge_actions;
pub mod palette;
pub mod session_end;
pub mod views;

use crate::{file, samples};
pub use app::{PlannerApp, Preferences, RightTab};
pub use document::Document;
pub use files::{Dialogs, FileRequest, Picker};
use std::path::PathBuf;

/// The name under which eframe keeps preferences, window size and the
/// recovery copy.
pub const APP_ID: &str = "Stockpile Planner";

/// The desktop's name for the program: its `.desktop` entry
/// (`stockpile-planner.desktop`), Wayland app id and X11 `WM_CLASS` (which
/// winit takes from the program's name), and icon name.
pub const DESKTOP_ID: &str = "stockpile-planner";

/// The task bar's and window switcher's icon (the package's own,
/// `assets/icons/`).
fn window_icon() -> egui::IconData {
    const PNG: &[u8] = include_bytes!("../../assets/icons/stockpile-planner-256.png");
    eframe::icon_data::from_png_bytes(PNG).unwrap_or_default()
}

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
            .with_title("Stockpile Planner")
            .with_app_id(DESKTOP_ID)
            .with_icon(window_icon()),
        renderer: renderer(),
        ..Default::default()
    };
    let result = run_window(
        APP_ID,
        options,
        Box::new(move |cc| {
            let mut app = PlannerApp::with_files(doc, Dialogs::native(), recovery_dir);
            if let Some(storage) = cc.storage {
                app.preferences = eframe::get_value(storage, PREFERENCES_KEY).unwrap_or_default();
            }
            app.software_rendering = drawn_in_software(cc);
            app.end_request = session_end::EndRequest::listen(&cc.egui_ctx);
            // For `.ci/measure-cpu`: either way, whatever was chosen before.
            match std::env::var("STOCKPILE_PLANNER_REDUCED_MOTION").as_deref() {
                Ok("on") => app.preferences.reduced_motion = Some(true),
                Ok("off") => app.preferences.reduced_motion = Some(false),
                _ => {}
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

/// `eframe::run_native`, on an event loop made here so that raw device
/// events are turned off. egui takes pointer moves from the window's own
/// events; the raw ones (X11's XInput2 motion, sent for every move while the
/// window has focus) only made eframe draw one more frame after each move:
/// 0.02 CPU-s a move in software (`docs/PERFORMANCE.md`).
fn run_window(
    app_name: &str,
    options: eframe::NativeOptions,
    app_creator: eframe::AppCreator<'_>,
) -> Result<(), String> {
    use std::cell::Cell;
    use std::rc::Rc;
    let event_loop = winit::event_loop::EventLoop::<eframe::UserEvent>::with_user_event()
        .build()
        .map_err(|e| {
            // winit's text starts with its own source file and line.
            let text = e.to_string();
            let why = text
                .rsplit(": ")
                .next()
                .unwrap_or(&text)
                .trim_end_matches('.');
            format!(
                "there is no desktop display to open it on ({why}). \
                 The commands work without one: stockpile-planner --help"
            )
        })?;
    event_loop.listen_device_events(winit::event_loop::DeviceEvents::Never);
    // eframe's own handler logs a failure to make the window and ends the
    // loop without one: the window was made only if the app was.
    let created = Rc::new(Cell::new(false));
    let created_in_app = Rc::clone(&created);
    let mut app = eframe::create_native(
        app_name,
        options,
        Box::new(move |cc| {
            created_in_app.set(true);
            app_creator(cc)
        }),
        &event_loop,
    );
    event_loop.run_app(&mut app).map_err(|e| e.to_string())?;
    if created.get() {
        Ok(())
    } else {
        Err("no window could be made for this display or graphics driver".to_owned())
    }
}

/// The renderer. Where there is no GPU, OpenGL through glow: on Mesa's
/// software rasteriser a click costs a quarter of the CPU time it costs
/// through wgpu (`docs/PERFORMANCE.md`). Elsewhere wgpu.
/// `STOCKPILE_PLANNER_RENDERER=glow` or `=wgpu` chooses (for measuring).
fn renderer() -> eframe::Renderer {
    match std::env::var("STOCKPILE_PLANNER_RENDERER").as_deref() {
        Ok("glow") => eframe::Renderer::Glow,
        Ok("wgpu") => eframe::Renderer::Wgpu,
        _ if no_gpu_here() => eframe::Renderer::Glow,
        _ => eframe::Renderer::Wgpu,
    }
}

/// Whether this machine has no GPU to draw with, known before a window
/// exists: on Linux, no render node under `/dev/dri` (a virtual desktop,
/// a VM without a virtual GPU), or Mesa told to draw in software.
fn no_gpu_here() -> bool {
    if !cfg!(target_os = "linux") {
        return false;
    }
    let var = |name: &str| std::env::var(name).unwrap_or_default().to_lowercase();
    if ["1", "true"].contains(&var("LIBGL_ALWAYS_SOFTWARE").as_str())
        || ["llvmpipe", "softpipe"].contains(&var("GALLIUM_DRIVER").as_str())
    {
        return true;
    }
    let render_node = std::fs::read_dir("/dev/dri").is_ok_and(|entries| {
        entries
            .flatten()
            .any(|e| e.file_name().to_string_lossy().starts_with("renderD"))
    });
    !render_node
}

/// Whether the window is drawn without a GPU: a CPU adapter, or one of the
/// software rasterisers virtual desktops use (Mesa's llvmpipe and
/// softpipe, SwiftShader, Windows' Basic Render Driver).
fn drawn_in_software(cc: &eframe::CreationContext<'_>) -> bool {
    let software = |name: &str| {
        let name = name.to_lowercase();
        ["llvmpipe", "softpipe", "swiftshader", "basic render"]
            .iter()
            .any(|s| name.contains(s))
    };
    if let Some(gl) = &cc.gl {
        use eframe::glow::HasContext;
        // SAFETY: a string query on the context eframe made current for
        // this window, before any drawing.
        let renderer = unsafe { gl.get_parameter_string(eframe::glow::RENDERER) };
        return software(&renderer);
    }
    let Some(state) = &cc.wgpu_render_state else {
        return false;
    };
    let info = state.adapter.get_info();
    info.device_type == eframe::wgpu::DeviceType::Cpu || software(&info.name)
}

/// An empty window of the same size and toolkit that logs its frames like
/// the planner's (`STOCKPILE_PLANNER_FRAME_LOG`): what `.ci/measure-cpu`
/// measures the planner against.
pub fn run_bare() -> i32 {
    struct Bare(frame_log::FrameLog);
    impl eframe::App for Bare {
        fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
            ui.label("A bare window");
            self.0.frame(ui.ctx(), 0.0);
        }
    }
    let options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_inner_size([1400.0, 900.0])
            .with_title("Bare window"),
        renderer: renderer(),
        ..Default::default()
    };
    match run_window(
        "Stockpile Planner bare window",
        options,
        Box::new(|_| Ok(Box::new(Bare(frame_log::FrameLog::from_env())))),
    ) {
        Ok(()) => 0,
        Err(_) => 1,
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_window_icon_is_the_packages_256_px_icon() {
        let icon = super::window_icon();
        assert_eq!((icon.width, icon.height), (256, 256));
        assert_eq!(icon.rgba.len(), 256 * 256 * 4);
    }
}
