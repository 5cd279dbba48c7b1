//! Exports: the coverage PNG, the CSV, the HTML briefing and the `export`
//! command, all without a window. The print test uses headless Chromium and
//! pdfinfo when installed (`.ci/run` installs them) and says it is skipped
//! otherwise.

use std::path::{Path, PathBuf};
use std::process::Command;
use stockpile_planner::export::{
    self, BaselineComparison, BriefingInput, ChartInput, ExportRequest, briefing_html,
    chart::PALETTE, coverage_png, delta_table,
};
use stockpile_planner::file;
use stockpile_planner::model::monte_carlo::{Bands, MineralBands};
use stockpile_planner::model::{Projection, Scenario, project};

fn asset(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("assets")
        .join(name)
}

fn twelve() -> Scenario {
    file::load(&asset("strategic-twelve.ron")).expect("the sample loads")
}

/// Width, height and RGB(A) pixels, with the number of channels.
fn decode(bytes: &[u8]) -> (u32, u32, usize, Vec<u8>) {
    let decoder = png::Decoder::new(std::io::Cursor::new(bytes));
    let mut reader = decoder.read_info().expect("a PNG header");
    let mut buf = vec![0; reader.output_buffer_size().expect("a size")];
    let info = reader.next_frame(&mut buf).expect("one frame");
    buf.truncate(info.buffer_size());
    let channels = info.color_type.samples();
    (info.width, info.height, channels, buf)
}

fn count_colour(pixels: &[u8], channels: usize, rgb: (u8, u8, u8)) -> usize {
    pixels
        .chunks(channels)
        .filter(|p| (p[0], p[1], p[2]) == rgb)
        .count()
}

#[test]
fn png_has_the_size_asked_is_not_flat_and_draws_the_first_mineral_in_its_colour() {
    let scenario = twelve();
    let projection = project(&scenario);
    let chart = ChartInput::new("Twelve", "Coverage", &projection);
    let bytes = coverage_png(&chart).expect("a chart");
    let (w, h, channels, pixels) = decode(&bytes);
    assert_eq!((w, h), (1600, 900));
    let first = &pixels[..channels];
    assert!(
        pixels.chunks(channels).any(|p| p != first),
        "the picture is one flat colour"
    );
    let orange = count_colour(&pixels, channels, PALETTE[0]);
    assert!(
        orange > 500,
        "only {orange} pixels of the first mineral's orange"
    );
    // Sky blue, the second mineral, too.
    assert!(count_colour(&pixels, channels, PALETTE[1]) > 500);
}

#[test]
fn png_with_a_baseline_and_another_size() {
    let scenario = twelve();
    let live = project(&scenario);
    let mut cheaper = scenario.clone();
    cheaper.minerals[0].set_budget_usd(scenario.minerals[0].budget_usd / 2.0);
    let base = project(&cheaper);
    let chart = ChartInput {
        baseline: Some(("Approved plan", &base)),
        width: 1920,
        height: 1080,
        ..ChartInput::new("Twelve — More cobalt", "Coverage", &live)
    };
    let (w, h, channels, pixels) = decode(&coverage_png(&chart).expect("a chart"));
    assert_eq!((w, h), (1920, 1080));
    assert!(count_colour(&pixels, channels, PALETTE[0]) > 500);
}

#[test]
fn png_refuses_a_size_too_small() {
    let projection = project(&twelve());
    let chart = ChartInput {
        width: 10,
        height: 10,
        ..ChartInput::new("t", "s", &projection)
    };
    assert!(coverage_png(&chart).is_err());
}

#[test]
fn png_of_forty_minerals_and_one_month_does_not_fail() {
    let mut scenario = twelve();
    let mineral = scenario.minerals[0].clone();
    scenario.minerals = (0..40)
        .map(|k| {
            let mut m = mineral.clone();
            m.name = format!("Mineral {k}");
            m
        })
        .collect();
    scenario.horizon_months = 1;
    let projection = project(&scenario);
    let (w, h, ..) =
        decode(&coverage_png(&ChartInput::new("Many", "One month", &projection)).unwrap());
    assert_eq!((w, h), (1600, 900));
}

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_stockpile-planner"))
}

#[test]
fn csv_is_byte_for_byte_what_project_csv_prints() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("twelve.csv");
    let path = asset("strategic-twelve.ron");
    let run = bin()
        .args([
            "export".as_ref(),
            path.as_os_str(),
            "--csv".as_ref(),
            out.as_os_str(),
        ])
        .output()
        .unwrap();
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    let printed = bin()
        .args(["project".as_ref(), path.as_os_str(), "--csv".as_ref()])
        .output()
        .unwrap();
    assert!(printed.status.success());
    let written = std::fs::read(&out).unwrap();
    assert!(!written.is_empty());
    assert_eq!(written, printed.stdout);
    // And the library function gives the same bytes.
    let projection = project(&twelve());
    assert_eq!(export::projection_csv(&projection, None).unwrap(), written);
}

/// Every element opened is closed in order (void elements excepted).
fn assert_balanced(html: &str) {
    const VOID: [&str; 6] = ["meta", "img", "br", "hr", "link", "input"];
    let mut open: Vec<String> = Vec::new();
    let mut rest = html;
    while let Some(lt) = rest.find('<') {
        rest = &rest[lt + 1..];
        let gt = rest.find('>').expect("a tag is closed with >");
        let tag = &rest[..gt];
        rest = &rest[gt + 1..];
        if tag.starts_with('!') {
            continue;
        }
        if let Some(name) = tag.strip_prefix('/') {
            let top = open
                .pop()
                .unwrap_or_else(|| panic!("</{name}> closes nothing"));
            assert_eq!(top, name.trim(), "</{name}> closes <{top}>");
            continue;
        }
        let name = tag
            .split(|c: char| c.is_whitespace() || c == '/')
            .next()
            .unwrap()
            .to_lowercase();
        if name == "style" {
            let end = rest.find("</style>").expect("</style>");
            rest = &rest[end + "</style>".len()..];
            continue;
        }
        if !VOID.contains(&name.as_str()) {
            open.push(name);
        }
    }
    assert!(open.is_empty(), "never closed: {open:?}");
}

fn briefing_of(
    scenario: &Scenario,
    projection: &Projection,
    base: Option<&BaselineComparison>,
) -> String {
    let png = coverage_png(&ChartInput::new(&scenario.name, "Coverage", projection)).unwrap();
    briefing_html(&BriefingInput {
        scenario,
        scenario_name: &scenario.name,
        variant_name: base.map(|_| "More cobalt"),
        projection,
        lost_to_events_pct: None,
        baseline: base,
        bands: None,
        chart_png: &png,
    })
}

#[test]
fn html_briefing_is_balanced_and_holds_the_summary_every_mineral_and_the_plot() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("brief.html");
    let mut msgs = Vec::new();
    let mut errs = Vec::new();
    let path = asset("strategic-twelve.ron");
    let code = export::export_file(
        &ExportRequest {
            file: &path,
            variant: None,
            baseline: None,
            png: None,
            csv: None,
            html: Some(&out),
            samples: None,
        },
        &mut msgs,
        &mut errs,
    );
    assert_eq!(code, 0, "{}", String::from_utf8_lossy(&errs));
    let html = std::fs::read_to_string(&out).unwrap();
    assert!(html.starts_with("<!DOCTYPE html>"));
    assert_balanced(&html);
    assert!(html.contains("<table class=\"summary\">"));
    for heading in [
        "Final coverage",
        "100% reached",
        "Spent",
        "Unspent",
        "Lost to events",
    ] {
        assert!(html.contains(&format!(">{heading}</th>")), "{heading}");
    }
    assert!(html.contains("<img class=\"chart\""));
    assert!(html.contains("src=\"data:image/png;base64,iVBORw0KGgo"));
    assert!(html.contains("@page { size: A4; margin: 12mm }"));
    for m in &twelve().minerals {
        assert!(html.contains(&m.name), "{}", m.name);
    }
    assert!(html.contains("2026-01 to 2035-12"));
}

#[test]
fn html_briefing_with_a_baseline_has_a_delta_table_and_what_changed() {
    let scenario = twelve();
    let mut live = scenario.clone();
    live.minerals[0].set_budget_usd(scenario.minerals[0].budget_usd * 2.0);
    let live_projection = project(&live);
    let base_projection = project(&scenario);
    let comparison = BaselineComparison {
        name: "Approved <plan>".into(),
        delta: delta_table(&live_projection, &base_projection),
        changes: vec!["budget of Cobalt".into()],
    };
    let html = briefing_of(&live, &live_projection, Some(&comparison));
    assert_balanced(&html);
    assert!(html.contains("<table class=\"delta\">"));
    assert!(html.contains("Approved &lt;plan&gt;"));
    assert!(html.contains("<li>budget of Cobalt</li>"));
    assert!(html.contains(">Δ coverage</th>"));
    // Cobalt gained coverage: a positive change in points.
    let cobalt_row = &comparison.delta.rows[0];
    assert_eq!(cobalt_row[0], "Cobalt");
    assert!(cobalt_row[1].starts_with('+'), "{cobalt_row:?}");
}

/// A copy of the sample with a variant "More cobalt" (twice the cobalt
/// budget) and one event, saved in `dir`.
fn sample_with_variant(dir: &Path) -> PathBuf {
    let mut scenario = twelve();
    let mut variant = scenario.variant_without_nested(0).unwrap();
    variant.name = "More cobalt".into();
    variant.minerals[0].set_budget_usd(scenario.minerals[0].budget_usd * 2.0);
    variant
        .disruptions
        .push(stockpile_planner::model::Disruption {
            minerals: vec!["Cobalt".into()],
            end: Some(stockpile_planner::model::YearMonth::new(2028, 12)),
            ..stockpile_planner::model::Disruption::new(
                "DRC cobalt export quota",
                stockpile_planner::model::DisruptionKind::ExportCutPct(50.0),
                "DRC",
                stockpile_planner::model::YearMonth::new(2027, 1),
            )
        });
    scenario.variants.push(variant);
    let path = dir.join("twelve-variants.ron");
    file::save_atomic(&path, &scenario).unwrap();
    path
}

#[test]
fn export_command_writes_a_variant_against_a_baseline() {
    let dir = tempfile::tempdir().unwrap();
    let path = sample_with_variant(dir.path());
    let (png, html) = (dir.path().join("v.png"), dir.path().join("v.html"));
    let run = bin()
        .arg("export")
        .arg(&path)
        .args(["--variant", "more COBALT", "--baseline"])
        .arg("Twelve-material stockpile, ten years")
        .arg("--png")
        .arg(&png)
        .arg("--html")
        .arg(&html)
        .output()
        .unwrap();
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    let stdout = String::from_utf8_lossy(&run.stdout);
    assert!(stdout.contains("chart written") && stdout.contains("briefing written"));
    let (w, h, ..) = decode(&std::fs::read(&png).unwrap());
    assert_eq!((w, h), (1600, 900));
    let html = std::fs::read_to_string(&html).unwrap();
    assert_balanced(&html);
    assert!(html.contains("Variant: <b>More cobalt</b>"));
    assert!(html.contains("<table class=\"delta\">"));
    assert!(html.contains("DRC cobalt export quota"));
    assert!(html.contains("2027-01 – 2028-12"));
    assert!(
        html.contains("Cobalt · budget: $700M → $1.4B"),
        "what changed lists the budget, in the window's words"
    );
}

#[test]
fn export_command_refuses_what_it_cannot_do() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("x.png");
    let path = asset("strategic-twelve.ron");
    // No output asked for: a usage error.
    let run = bin().arg("export").arg(&path).output().unwrap();
    assert_eq!(run.status.code(), Some(2));
    // An unknown variant.
    let run = bin()
        .arg("export")
        .arg(&path)
        .args(["--variant", "Nope", "--png"])
        .arg(&out)
        .output()
        .unwrap();
    assert_eq!(run.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&run.stderr).contains("no variant called \"Nope\""));
    // An invalid scenario: problems as `check` prints them, nothing written.
    let mut bad = twelve();
    bad.minerals[0].requirement_qty = 0.0;
    let bad_path = dir.path().join("bad.ron");
    file::save_atomic(&bad_path, &bad).unwrap();
    let run = bin()
        .arg("export")
        .arg(&bad_path)
        .arg("--png")
        .arg(&out)
        .output()
        .unwrap();
    assert_eq!(run.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert!(
        stderr.contains("bad.ron: minerals[0].requirement_qty:"),
        "{stderr}"
    );
    assert!(!out.exists());
}

fn have(program: &str) -> bool {
    Command::new(program).arg("--version").output().is_ok()
}

/// Print `html` to PDF with headless Chromium; the number of pages.
fn printed_pages(html: &Path, pdf: &Path) -> usize {
    let run = Command::new("chromium")
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-pdf-header-footer",
        ])
        .arg(format!("--print-to-pdf={}", pdf.display()))
        .arg(html)
        .output()
        .unwrap();
    assert!(
        run.status.success() && pdf.exists(),
        "chromium failed: {}",
        String::from_utf8_lossy(&run.stderr)
    );
    let info = Command::new("pdfinfo").arg(pdf).output().unwrap();
    let info = String::from_utf8_lossy(&info.stdout);
    info.lines()
        .find_map(|l| l.strip_prefix("Pages:"))
        .and_then(|n| n.trim().parse().ok())
        .expect("pdfinfo says Pages:")
}

#[test]
fn briefing_prints_on_one_a4_and_one_letter_page() {
    if !have("chromium") || !have("pdfinfo") {
        println!(
            "skipped: chromium not installed (or pdfinfo from poppler-utils); .ci/run installs both"
        );
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let path = sample_with_variant(dir.path());
    let html = dir.path().join("twelve.html");
    let mut sink = Vec::new();
    let request = ExportRequest {
        file: &path,
        variant: None,
        baseline: None,
        png: None,
        csv: None,
        html: Some(&html),
        samples: None,
    };
    // The base on A4.
    assert_eq!(export::export_file(&request, &mut Vec::new(), &mut sink), 0);
    assert_eq!(printed_pages(&html, &dir.path().join("a4.pdf")), 1, "A4");
    // The variant against the base (more to print: Δ table, changes,
    // events), on A4 and on Letter.
    let request = ExportRequest {
        variant: Some("More cobalt"),
        baseline: Some("Twelve-material stockpile, ten years"),
        ..request
    };
    assert_eq!(export::export_file(&request, &mut Vec::new(), &mut sink), 0);
    assert_eq!(
        printed_pages(&html, &dir.path().join("a4-v.pdf")),
        1,
        "A4, variant"
    );
    let letter = std::fs::read_to_string(&html)
        .unwrap()
        .replace("size: A4", "size: letter");
    let letter_path = dir.path().join("letter.html");
    std::fs::write(&letter_path, letter).unwrap();
    assert_eq!(
        printed_pages(&letter_path, &dir.path().join("letter.pdf")),
        1,
        "Letter"
    );
    // Keep a copy to look at: STOCKPILE_KEEP_BRIEFING=folder.
    if let Ok(keep) = std::env::var("STOCKPILE_KEEP_BRIEFING") {
        for name in ["a4.pdf", "a4-v.pdf", "letter.pdf"] {
            let _ = std::fs::copy(dir.path().join(name), Path::new(&keep).join(name));
        }
    }
}

/// The first two minerals of the twelve, and bands of a finished Monte
/// Carlo run made by hand: the first mineral at P10 84 %, P50 100 %, P90
/// 119 % every month with a 70 % chance of 100 %; the second is not in the
/// run (another name), as after a rename the run has not caught up with.
fn two_with_bands() -> (Scenario, Projection, Bands) {
    let mut s = twelve();
    s.minerals.truncate(2);
    let projection = project(&s);
    let months = projection.horizon_months as usize;
    let band = |name: &str| MineralBands {
        name: name.into(),
        p10_pct: vec![84.0; months],
        p50_pct: vec![100.0; months],
        p90_pct: vec![119.0; months],
        full_by_end_probability_pct: 70.0,
    };
    let bands = Bands {
        samples: 5_000,
        seed: 2025,
        horizon_months: projection.horizon_months,
        minerals: vec![band(&s.minerals[0].name), band("Not in the plan")],
    };
    (s, projection, bands)
}

#[test]
fn the_csv_gains_p10_p50_p90_columns_when_there_are_bands() {
    let (_, projection, bands) = two_with_bands();
    let plain = String::from_utf8(export::projection_csv(&projection, None).unwrap()).unwrap();
    let with =
        String::from_utf8(export::projection_csv(&projection, Some(&bands)).unwrap()).unwrap();
    let (header, plain_header) = (with.lines().next().unwrap(), plain.lines().next().unwrap());
    assert_eq!(
        header,
        format!("{plain_header},coverage_p10_pct,coverage_p50_pct,coverage_p90_pct")
    );
    assert_eq!(with.lines().count(), plain.lines().count());
    let first = &projection.minerals[0].name;
    let second = &projection.minerals[1].name;
    for (a, b) in plain.lines().zip(with.lines()).skip(1) {
        if a.contains(&format!(",{first},")) {
            assert_eq!(b, format!("{a},84,100,119"));
        } else {
            assert!(a.contains(&format!(",{second},")), "{a}");
            // Not in the run: empty cells, never another mineral's band.
            assert_eq!(b, format!("{a},,,"));
        }
    }
}

#[test]
fn the_briefing_gives_each_mineral_its_chance_of_100_pct_when_there_are_bands() {
    let (s, projection, bands) = two_with_bands();
    let png = coverage_png(&ChartInput::new(&s.name, "Coverage", &projection)).unwrap();
    let html = briefing_html(&BriefingInput {
        scenario: &s,
        scenario_name: &s.name,
        variant_name: None,
        projection: &projection,
        lost_to_events_pct: None,
        baseline: None,
        bands: Some(&bands),
        chart_png: &png,
    });
    assert_balanced(&html);
    let summary = export::summary_table(&projection, None, Some(&bands));
    assert_eq!(
        summary.header[..4],
        ["Mineral", "Final coverage", "P10–P90", "Chance of 100%"]
    );
    assert_eq!(summary.rows[0][2..4], ["84–119%", "70%"]);
    assert_eq!(summary.rows[1][2..4], ["—", "—"]);
    assert!(
        html.contains("<th class=\"n\">Chance of 100%</th>"),
        "{html}"
    );
    assert!(html.contains("<td class=\"n\">84–119%</td><td class=\"n\">70%</td>"));
    assert!(html.contains("(5,000 samples of the ranges, seed 2025)"));
    // Without bands the summary is as before.
    let plain = briefing_of(&s, &projection, None);
    assert!(!plain.contains("Chance of 100%"));
    assert_eq!(
        export::summary_table(&projection, None, None).header,
        [
            "Mineral",
            "Final coverage",
            "100% reached",
            "Spent",
            "Unspent",
            "Lost to events"
        ]
    );
}

#[test]
fn the_briefing_lists_the_ranges_beside_the_plans_values() {
    use stockpile_planner::model::{MonthRange, Range, YearMonth};
    let (mut s, projection, _) = two_with_bands();
    s.minerals[0].price_usd_per_unit = 42_000.0;
    s.minerals[0].escalation_pct_per_year = 3.0;
    s.minerals[0].price_range_usd_per_unit = Some(Range::new(38_000.0, 60_000.0));
    s.minerals[1].price_usd_per_unit = 40_000.0;
    s.minerals[1].escalation_pct_per_year = 5.0;
    s.minerals[1].price_range_usd_per_unit = None;
    let k = s.add_event(0);
    let event = &mut s.disruptions[k];
    event.probability_pct = 40.0;
    event.start_range = Some(MonthRange {
        earliest: YearMonth::new(2026, 3),
        latest: YearMonth::new(2026, 9),
    });
    let start = event.start;
    let html = briefing_of(&s, &projection, None);
    assert!(html.contains(">Price (90% range)</th>"), "{html}");
    assert!(html.contains(">$42k/t ($38k–$60k) +3%/yr</td>"), "{html}");
    assert!(html.contains(">$40k/t +5%/yr</td>"), "{html}");
    assert!(
        html.contains(&format!(
            "{start} onward · 40% chance · starts 2026-03 to 2026-09"
        )),
        "{html}"
    );
}

/// Finding 8 of a trial: the command line's export had no bands. With
/// `--samples N` it runs the Monte Carlo the window runs (seeded from the
/// file) and puts the bands in each output: P10/P50/P90 columns in the
/// CSV, shading in the chart (other bytes than without).
#[test]
fn export_with_samples_carries_the_bands_into_every_output() {
    let dir = tempfile::tempdir().unwrap();
    let run_export = |extra: &[&str], stem: &str| {
        let png = dir.path().join(format!("{stem}.png"));
        let csv = dir.path().join(format!("{stem}.csv"));
        let status = Command::new(env!("CARGO_BIN_EXE_stockpile-planner"))
            .args(["export", "assets/october-2025-plan.ron", "--png"])
            .arg(&png)
            .arg("--csv")
            .arg(&csv)
            .args(extra)
            .status()
            .unwrap();
        assert!(status.success());
        (
            std::fs::read(png).unwrap(),
            std::fs::read_to_string(csv).unwrap(),
        )
    };
    let (plain_png, plain_csv) = run_export(&[], "plain");
    let (banded_png, banded_csv) = run_export(&["--samples", "500"], "banded");
    assert!(
        !plain_csv
            .lines()
            .next()
            .unwrap()
            .contains("coverage_p10_pct")
    );
    assert!(
        banded_csv
            .lines()
            .next()
            .unwrap()
            .ends_with(",coverage_p10_pct,coverage_p50_pct,coverage_p90_pct")
    );
    assert_ne!(plain_png, banded_png, "the bands are drawn");
    // The same seed gives the same bands.
    let (_, again) = run_export(&["--samples", "500"], "again");
    assert_eq!(again, banded_csv);
    // Out of range: a usage error, nothing written.
    let status = Command::new(env!("CARGO_BIN_EXE_stockpile-planner"))
        .args(["export", "assets/october-2025-plan.ron", "--csv"])
        .arg(dir.path().join("none.csv"))
        .args(["--samples", "0"])
        .status()
        .unwrap();
    assert_eq!(status.code(), Some(2));
    assert!(!dir.path().join("none.csv").exists());
}

/// A probe found `export plan.ron --csv plan.ron` overwrote the scenario
/// with CSV (exit 0), and an export to a FIFO waited for a reader forever.
/// Both are refused at once, in words, and the scenario is untouched.
#[test]
fn export_never_writes_over_its_scenario_or_into_a_pipe() {
    let dir = tempfile::tempdir().unwrap();
    let plan = dir.path().join("plan.ron");
    std::fs::copy("assets/october-2025-plan.ron", &plan).unwrap();
    let before = std::fs::read(&plan).unwrap();
    let export_to = |target: &Path| {
        Command::new(env!("CARGO_BIN_EXE_stockpile-planner"))
            .arg("export")
            .arg(&plan)
            .arg("--csv")
            .arg(target)
            .output()
            .unwrap()
    };
    let out = export_to(&plan);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("that is the scenario file being exported"),
        "{err}"
    );
    assert_eq!(
        std::fs::read(&plan).unwrap(),
        before,
        "the scenario is untouched"
    );
    // Through a link to it, too.
    #[cfg(unix)]
    {
        let link = dir.path().join("link.csv");
        std::os::unix::fs::symlink(&plan, &link).unwrap();
        assert_eq!(export_to(&link).status.code(), Some(1));
        assert_eq!(std::fs::read(&plan).unwrap(), before);
        // A FIFO: refused at once, not waited on.
        let fifo = dir.path().join("pipe.csv");
        assert!(
            Command::new("mkfifo")
                .arg(&fifo)
                .status()
                .unwrap()
                .success(),
            "mkfifo"
        );
        let started = std::time::Instant::now();
        let out = export_to(&fifo);
        assert_eq!(out.status.code(), Some(1));
        assert!(String::from_utf8_lossy(&out.stderr).contains("not a regular file"));
        assert!(started.elapsed() < std::time::Duration::from_secs(10));
    }
    // A folder.
    assert_eq!(export_to(dir.path()).status.code(), Some(1));
}
