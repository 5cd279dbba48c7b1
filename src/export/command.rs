//! `stockpile-planner export FILE [--variant NAME] [--baseline NAME]
//! [--png OUT.png] [--csv OUT.csv] [--html OUT.html]`: load, validate,
//! project and write the chosen files. Messages go to the given writers
//! (like `cli.rs`) so tests can read them; the return value is the exit
//! code.

use super::chart::PRINT_TEXT_SCALE;
use super::{
    BaselineComparison, BriefingInput, ChartInput, briefing_html, chart_subtitle, chart_title,
    coverage_png, delta_table, projection_csv,
};
use crate::cli::{EXIT_INVALID, EXIT_OK};
use crate::file;
use crate::model::compare::{Difference, differences};
use crate::model::{Projection, Scenario, project, project_without_events, validate};
use std::io::Write;
use std::path::Path;

pub use crate::cli::EXIT_USAGE;

/// What `export` is asked to do.
#[derive(Clone, Copy, Debug)]
pub struct ExportRequest<'a> {
    pub file: &'a Path,
    /// The variant to export, by name (`None`: the base scenario).
    pub variant: Option<&'a str>,
    /// A variant to compare with, by name (the base's name for the base):
    /// dashed lines on the plot, a Δ table and "what changed" in the
    /// briefing.
    pub baseline: Option<&'a str>,
    pub png: Option<&'a Path>,
    pub csv: Option<&'a Path>,
    pub html: Option<&'a Path>,
    /// Run a Monte Carlo of this many samples, seeded from the file (as the
    /// window's), and put its bands in every output: shaded in the chart,
    /// P10/P50/P90 columns in the CSV, P10–P90 and the chance of 100 % in
    /// the briefing. `None`: no run, no bands.
    pub samples: Option<u32>,
}

/// One variant of the file, ready to project.
struct Chosen {
    /// `None` for the base scenario.
    variant_name: Option<String>,
    scenario: Scenario,
}

/// Run `export`; see [`ExportRequest`]. Exit codes: 0 written, 1 the file
/// or a variant is unreadable, unknown or invalid, or an output could not
/// be written, 2 no output asked for.
pub fn export_file(req: &ExportRequest, out: &mut dyn Write, err: &mut dyn Write) -> i32 {
    if req.png.is_none() && req.csv.is_none() && req.html.is_none() {
        let _ = writeln!(
            err,
            "export: say what to write: --png OUT.png, --csv OUT.csv and/or --html OUT.html"
        );
        return EXIT_USAGE;
    }
    let path = req.file;
    let whole = match file::load(path) {
        Ok(s) => s,
        Err(e) => {
            let _ = writeln!(err, "{e}");
            return EXIT_INVALID;
        }
    };
    let Some(live) = choose(&whole, req.variant, path, err) else {
        return EXIT_INVALID;
    };
    let baseline = match req.baseline {
        None => None,
        Some(name) => match choose(&whole, Some(name), path, err) {
            Some(b) => Some(b),
            None => return EXIT_INVALID,
        },
    };
    let mut valid = check(&live, path, err);
    if let Some(b) = &baseline {
        valid &= check(b, path, err);
    }
    if !valid {
        return EXIT_INVALID;
    }

    let projection = project(&live.scenario);
    let base_projection = baseline.as_ref().map(|b| project(&b.scenario));
    let base_name = baseline.as_ref().map(|b| {
        b.variant_name
            .clone()
            .unwrap_or_else(|| b.scenario.name.clone())
    });
    let bands = match req.samples {
        None => None,
        Some(n) if (1..=crate::model::uncertainty::MAX_SAMPLES).contains(&n) => {
            Some(crate::model::monte_carlo::run_samples(
                &live.scenario,
                n,
                live.scenario.settings.monte_carlo.seed,
            ))
        }
        Some(n) => {
            let _ = writeln!(
                err,
                "export: --samples must be 1 to {}, not {n}",
                crate::model::uncertainty::MAX_SAMPLES
            );
            return EXIT_USAGE;
        }
    };
    let title = chart_title(&whole.name, live.variant_name.as_deref());
    let subtitle = chart_subtitle(&projection);
    let chart = ChartInput {
        baseline: base_name.as_deref().zip(base_projection.as_ref()),
        plan_year: live.scenario.settings.plan_year,
        bands: bands.as_ref(),
        ..ChartInput::new(&title, &subtitle, &projection)
    };
    // The file's chart, and the briefing's with larger text (printed small).
    let mut render = |wanted: bool, text_scale: f64| {
        if !wanted {
            return Some(Vec::new());
        }
        coverage_png(&ChartInput {
            text_scale,
            ..chart
        })
        .map_err(|e| writeln!(err, "{}: {e}", path.display()))
        .ok()
    };
    let (Some(png), Some(print_png)) = (
        render(req.png.is_some(), 1.0),
        render(req.html.is_some(), PRINT_TEXT_SCALE),
    ) else {
        return EXIT_INVALID;
    };

    let mut code = EXIT_OK;
    let mut write =
        |target: Option<&Path>, what: &str, bytes: &dyn Fn() -> Result<Vec<u8>, String>| {
            let Some(target) = target else { return };
            match bytes().and_then(|b| super::write_export(target, &b, Some(path))) {
                Ok(()) => {
                    let _ = writeln!(out, "{}: {what} written", target.display());
                }
                Err(e) => {
                    let _ = writeln!(err, "{}: could not write the {what}: {e}", target.display());
                    code = EXIT_INVALID;
                }
            }
        };
    write(req.png, "chart", &|| Ok(png.clone()));
    write(req.csv, "CSV", &|| {
        projection_csv(&projection, bands.as_ref()).map_err(|e| e.to_string())
    });
    write(req.html, "briefing", &|| {
        let lost = lost_to_events(&live.scenario, &projection);
        let comparison = baseline
            .as_ref()
            .zip(base_projection.as_ref())
            .map(|(b, bp)| comparison(b, bp, &live, &projection));
        Ok(briefing_html(&BriefingInput {
            scenario: &live.scenario,
            scenario_name: &whole.name,
            variant_name: live.variant_name.as_deref(),
            projection: &projection,
            lost_to_events_pct: lost.as_deref(),
            baseline: comparison.as_ref(),
            bands: bands.as_ref(),
            chart_png: &print_png,
        })
        .into_bytes())
    });
    code
}

/// Coverage lost to events per mineral, when any event is enabled.
fn lost_to_events(scenario: &Scenario, projection: &Projection) -> Option<Vec<f64>> {
    scenario
        .disruptions
        .iter()
        .any(|d| d.enabled)
        .then(|| projection.coverage_lost_vs(&project_without_events(scenario)))
}

fn comparison(
    baseline: &Chosen,
    base_projection: &Projection,
    live: &Chosen,
    projection: &Projection,
) -> BaselineComparison {
    BaselineComparison {
        name: baseline
            .variant_name
            .clone()
            .unwrap_or_else(|| baseline.scenario.name.clone()),
        delta: delta_table(projection, base_projection),
        // The same list as the window's "What changed" and `diff`.
        changes: differences(&baseline.scenario, &live.scenario)
            .iter()
            .map(Difference::sentence)
            .collect(),
    }
}

/// The variant called `name` (`None`: the base), without nested variants.
fn choose(
    whole: &Scenario,
    name: Option<&str>,
    path: &Path,
    err: &mut dyn Write,
) -> Option<Chosen> {
    let Some(name) = name else {
        return Some(Chosen {
            variant_name: None,
            scenario: whole.variant_without_nested(0)?,
        });
    };
    match whole.find_variant(name) {
        Some(k) => Some(Chosen {
            variant_name: (k > 0).then(|| whole.variant_name(k).unwrap_or(name).to_string()),
            scenario: whole.variant_without_nested(k)?,
        }),
        None => {
            let names: Vec<String> = (0..whole.variant_count())
                .filter_map(|k| whole.variant_name(k))
                .map(|n| format!("\"{n}\""))
                .collect();
            let _ = writeln!(
                err,
                "{}: no variant called \"{name}\" (there are: {})",
                path.display(),
                names.join(", ")
            );
            None
        }
    }
}

/// Print the chosen variant's problems like `check` does; true when valid.
fn check(chosen: &Chosen, path: &Path, err: &mut dyn Write) -> bool {
    let problems = validate(&chosen.scenario);
    for p in &problems {
        match &chosen.variant_name {
            None => {
                let _ = writeln!(err, "{}: {}: {}", path.display(), p.path, p.message);
            }
            Some(v) => {
                let _ = writeln!(
                    err,
                    "{}: variant \"{v}\": {}: {}",
                    path.display(),
                    p.path,
                    p.message
                );
            }
        }
    }
    problems.is_empty()
}
