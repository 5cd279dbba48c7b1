//! Which side panels fit beside the plot, and how much of the height the
//! table under it gets. The plot keeps at least half the window's width at
//! any zoom: side panels the planner asked for are folded away (the
//! scenario panel first: the editor is what a what-if in a meeting needs)
//! before the plot would shrink below that. In height it keeps half the
//! central panel, three quarters in presenter mode; the table under it
//! scrolls. Plain arithmetic in points, tested without a window.

/// Narrowest useful scenario panel (name, timeframe, the mineral list).
pub const SCENARIO_PANEL_MIN: f32 = 270.0;
/// Narrowest useful editor (labels and fields side by side).
pub const EDITOR_PANEL_MIN: f32 = 360.0;
/// Widest the editor grows: wider only spreads the same fields.
pub const EDITOR_PANEL_MAX: f32 = 520.0;
/// Widest the scenario panel grows.
pub const SCENARIO_PANEL_MAX: f32 = 420.0;

/// The side panels to draw this frame, and how wide each may be.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct PanelFit {
    pub scenario: bool,
    pub editor: bool,
    pub scenario_max: f32,
    pub editor_max: f32,
    /// A panel the planner wants is folded for lack of room.
    pub folded_for_room: bool,
}

/// The panels that fit in a window `width` points wide, of those wanted.
pub fn fit_panels(width: f32, want_scenario: bool, want_editor: bool) -> PanelFit {
    let room = (width / 2.0).max(0.0);
    let both = SCENARIO_PANEL_MIN + EDITOR_PANEL_MIN;
    let (scenario, editor) = match (want_scenario, want_editor) {
        (true, true) if room >= both => (true, true),
        (_, true) if room >= EDITOR_PANEL_MIN => (false, true),
        (true, _) if room >= SCENARIO_PANEL_MIN => (true, false),
        _ => (false, false),
    };
    let (scenario_max, editor_max) = if scenario && editor {
        // Shared in proportion to the minimums; each at least its minimum.
        let scenario_max = (room * SCENARIO_PANEL_MIN / both).min(SCENARIO_PANEL_MAX);
        (scenario_max, (room - scenario_max).min(EDITOR_PANEL_MAX))
    } else {
        (room.min(SCENARIO_PANEL_MAX), room.min(EDITOR_PANEL_MAX))
    };
    PanelFit {
        scenario,
        editor,
        scenario_max,
        editor_max,
        folded_for_room: (want_scenario && !scenario) || (want_editor && !editor),
    }
}

/// The height the part under the plot (its tabs and table) gets, of the
/// `available` height of the central panel, when it would like `wanted`.
/// The plot, with its heading and legend, keeps the rest: at least half,
/// and in presenter mode 60 %. (Presenter mode starts with the table
/// folded; a presenter who opens it wants to show it: at three quarters
/// only two and a half rows of a four-mineral plan showed at 1280×720.)
pub fn room_under_plot(available: f32, wanted: f32, presenter: bool) -> f32 {
    let plot_share = if presenter { 0.6 } else { 0.5 };
    wanted.min(available * (1.0 - plot_share)).max(0.0)
}

/// Another pass of the UI before this frame is drawn: the pass costs about
/// a millisecond, a frame drawn in software a tenth of a second. Where
/// egui allows no more passes this frame, another frame.
pub fn one_more_pass(ctx: &egui::Context, why: &'static str) {
    ctx.request_discard(why);
    if !ctx.will_discard() {
        ctx.request_repaint();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_table_gives_way_to_the_plot() {
        // A short table takes what it needs.
        assert_eq!(room_under_plot(600.0, 170.0, false), 170.0);
        // A long one gets half, and in presenter mode 40 %.
        assert_eq!(room_under_plot(600.0, 400.0, false), 300.0);
        assert!((room_under_plot(500.0, 400.0, true) - 200.0).abs() < 0.01);
    }

    #[test]
    fn the_plot_keeps_half_the_width_at_every_zoom() {
        // 1280 px wide at zooms from 100 % to 250 %, and a wide screen.
        for width in [1920.0, 1280.0, 1280.0 / 1.3, 1280.0 / 1.6, 1280.0 / 2.5] {
            for (s, e) in [(true, true), (true, false), (false, true)] {
                let fit = fit_panels(width, s, e);
                let panels = f32::from(u8::from(fit.scenario)) * fit.scenario_max
                    + f32::from(u8::from(fit.editor)) * fit.editor_max;
                assert!(panels <= width / 2.0 + 0.01, "{width} {s} {e}: {fit:?}");
                if fit.scenario {
                    assert!(fit.scenario_max >= SCENARIO_PANEL_MIN);
                }
                if fit.editor {
                    assert!(fit.editor_max >= EDITOR_PANEL_MIN);
                }
            }
        }
    }

    #[test]
    fn the_scenario_panel_folds_first_and_says_so() {
        // 1280 px at 100 %: both fit.
        let fit = fit_panels(1280.0, true, true);
        assert!(fit.scenario && fit.editor && !fit.folded_for_room);
        // At 130 % (985 points) only the editor fits.
        let fit = fit_panels(1280.0 / 1.3, true, true);
        assert!(!fit.scenario && fit.editor && fit.folded_for_room);
        // At 175 % (731 points) the editor still fits, alone.
        let fit = fit_panels(1280.0 / 1.75, true, true);
        assert!(!fit.scenario && fit.editor && fit.folded_for_room);
        // At 200 % (640 points) only the narrower scenario panel fits.
        let fit = fit_panels(640.0, true, true);
        assert!(fit.scenario && !fit.editor && fit.folded_for_room);
        // At 250 % (512 points) nothing fits beside a readable plot.
        let fit = fit_panels(512.0, true, true);
        assert!(!fit.scenario && !fit.editor && fit.folded_for_room);
        // Nothing wanted, nothing folded.
        assert!(!fit_panels(512.0, false, false).folded_for_room);
    }
}
