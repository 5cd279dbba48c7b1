//! The command line: `check`, `project`, `diff`, `fmt`, `goal` and
//! `allocate`. Output goes to the given writers so that tests can read it;
//! the return value is the exit code.

use crate::display::{
    grouped, pct, pct_short, pts_delta, usd_delta, usd_full, usd_short, usd_whole,
};
use crate::file;
use crate::model::compare::{deltas, differences};
use crate::model::merge;
use crate::model::reference::{share_from_china_pct, supplier_hhi};
use crate::model::{Problem, Projection, Scenario, project, project_without_events, validate_each};
use std::io::Write;
use std::path::{Path, PathBuf};

/// Exit code: everything is valid.
pub const EXIT_OK: i32 = 0;
/// Exit code: at least one file could not be read or is not valid.
pub const EXIT_INVALID: i32 = 1;
/// Exit code: the command was used wrongly (an argument that no file could
/// make right, such as a coverage of "-5" or a weight given twice). Checked
/// before any file is read.
pub const EXIT_USAGE: i32 = 2;

/// The largest coverage `goal` aims for: ten times the requirement.
pub const MAX_GOAL_COVERAGE_PCT: f64 = 1_000.0;

/// `check FILE... [--variant NAME]`: load and validate each file: the base
/// scenario and every variant, or with `variant` only the variant of that
/// name. Parse errors print as `FILE:LINE:COL: message`, validation
/// problems as `FILE: field.path: message` in the base and
/// `FILE: variant "NAME": field.path: message` in a variant.
pub fn check(
    files: &[PathBuf],
    variant: Option<&str>,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> i32 {
    let mut code = EXIT_OK;
    for path in files {
        let scenario = match file::load(path) {
            Ok(s) => s,
            Err(e) => {
                let _ = writeln!(err, "{e}");
                code = EXIT_INVALID;
                continue;
            }
        };
        let only = match variant {
            None => None,
            Some(name) => match pick_variant(&scenario, path, name, err) {
                Some(k) => Some(k),
                None => {
                    code = EXIT_INVALID;
                    continue;
                }
            },
        };
        let problems: Vec<(usize, Problem)> = validate_each(&scenario)
            .into_iter()
            .filter(|(k, _)| only.is_none_or(|only| only == *k))
            .collect();
        if problems.is_empty() {
            let k = only.unwrap_or(0);
            let v = scenario.variant(k).unwrap_or(&scenario);
            let extra = match (only, scenario.variants.len()) {
                (None, 0) => String::new(),
                (None, 1) => "; and 1 variant".to_string(),
                (None, n) => format!("; and {n} variants"),
                (Some(_), _) => String::new(),
            };
            let _ = writeln!(
                out,
                "{}{}: ok ({} minerals, {} months from {}{extra})",
                path.display(),
                which(&scenario, k),
                v.minerals.len(),
                v.horizon_months,
                v.start
            );
        } else {
            code = EXIT_INVALID;
            for (k, p) in problems {
                write_problem(err, path, &scenario, k, &p);
            }
        }
    }
    code
}

/// `: variant "NAME"` for a variant, nothing for the base (index 0).
/// `FILE: variant "X": field.path: message`, as `check` prints problems.
fn write_problem(err: &mut dyn Write, path: &Path, scenario: &Scenario, k: usize, p: &Problem) {
    let _ = writeln!(
        err,
        "{}{}: {}: {}",
        path.display(),
        which(scenario, k),
        p.path,
        p.message
    );
}

fn which(scenario: &Scenario, k: usize) -> String {
    match (k, scenario.variant_name(k)) {
        (0, _) | (_, None) => String::new(),
        (_, Some(name)) => format!(": variant \"{name}\""),
    }
}

/// The index of the variant called `name` in `scenario`, or `None` after
/// saying which names the file has.
fn pick_variant(
    scenario: &Scenario,
    path: &Path,
    name: &str,
    err: &mut dyn Write,
) -> Option<usize> {
    let found = scenario.find_variant(name);
    if found.is_none() {
        let names: Vec<String> = (0..scenario.variant_count())
            .filter_map(|k| {
                let n = scenario.variant_name(k)?;
                Some(if k == 0 {
                    format!("\"{n}\" (the base)")
                } else {
                    format!("\"{n}\"")
                })
            })
            .collect();
        let _ = writeln!(
            err,
            "{}: there is no variant called \"{name}\"; the file has {}",
            path.display(),
            names.join(", ")
        );
    }
    found
}

/// Load `path`, pick the variant called `name` (the base when `None`) and
/// check it, printing what is wrong to `err`. The variant comes without
/// variants of its own, with its index.
fn load_valid_variant(
    path: &Path,
    name: Option<&str>,
    err: &mut dyn Write,
) -> Option<(Scenario, usize)> {
    let scenario = match file::load(path) {
        Ok(s) => s,
        Err(e) => {
            let _ = writeln!(err, "{e}");
            return None;
        }
    };
    let k = match name {
        None => 0,
        Some(name) => pick_variant(&scenario, path, name, err)?,
    };
    let problems: Vec<Problem> = validate_each(&scenario)
        .into_iter()
        .filter(|(j, _)| *j == k)
        .map(|(_, p)| p)
        .collect();
    if !problems.is_empty() {
        for p in problems {
            write_problem(err, path, &scenario, k, &p);
        }
        return None;
    }
    Some((scenario.variant_without_nested(k)?, k))
}

/// `project FILE [--csv] [--variant NAME]`: print the projection of the
/// base scenario, or of the variant called `variant`, as a table or as CSV.
pub fn project_file(
    path: &Path,
    csv: bool,
    variant: Option<&str>,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> i32 {
    let Some((scenario, _)) = load_valid_variant(path, variant, err) else {
        return EXIT_INVALID;
    };
    let projection = project(&scenario);
    let result = if csv {
        write_csv(&projection, out)
    } else {
        let lost = scenario
            .disruptions
            .iter()
            .any(|d| d.enabled)
            .then(|| projection.coverage_lost_vs(&project_without_events(&scenario)));
        write_table(&scenario, &projection, lost.as_deref(), out)
    };
    finish(result, "the projection", err)
}

/// The exit code once the output is written.
fn finish(result: std::io::Result<()>, what: &str, err: &mut dyn Write) -> i32 {
    match result {
        Ok(()) => EXIT_OK,
        // `project … | head` closes the pipe early: not an error.
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => EXIT_OK,
        Err(e) => {
            let _ = writeln!(err, "could not write {what}: {e}");
            EXIT_INVALID
        }
    }
}

/// `diff BASELINE [LIVE] [--baseline-variant NAME] [--variant NAME]`:
/// compare the live scenario with the baseline. With one file, compares two
/// variants of it (the baseline is the base unless `baseline_variant`
/// names one; the live one is `variant`). Prints the inputs that differ,
/// then per mineral how the projection moved. Exit 0 when it ran, also
/// when there are differences; 1 when a file cannot be read or is invalid.
pub fn diff(
    baseline: &Path,
    live: Option<&Path>,
    baseline_variant: Option<&str>,
    variant: Option<&str>,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> i32 {
    let live_path = live.unwrap_or(baseline);
    let Some((before, kb)) = load_valid_variant(baseline, baseline_variant, err) else {
        return EXIT_INVALID;
    };
    let Some((after, kl)) = load_valid_variant(live_path, variant, err) else {
        return EXIT_INVALID;
    };
    let result = write_diff(
        (&describe(baseline, kb, &before), &before),
        (&describe(live_path, kl, &after), &after),
        out,
    );
    finish(result, "the comparison", err)
}

/// `plan.ron, base "Plan"` or `plan.ron, variant "Ban in 2026"`.
fn describe(path: &Path, k: usize, scenario: &Scenario) -> String {
    let what = if k == 0 { "base" } else { "variant" };
    format!("{}, {what} \"{}\"", path.display(), scenario.name)
}

/// Write the differences and the table of projection deltas.
pub fn write_diff(
    (baseline_label, baseline): (&str, &Scenario),
    (live_label, live): (&str, &Scenario),
    out: &mut dyn Write,
) -> std::io::Result<()> {
    writeln!(out, "Baseline: {baseline_label}")?;
    writeln!(out, "Live: {live_label}\n")?;
    let found = differences(baseline, live);
    match found.len() {
        0 => writeln!(out, "No differences in the inputs.")?,
        1 => writeln!(out, "1 difference:")?,
        n => writeln!(out, "{n} differences:")?,
    }
    for d in &found {
        writeln!(out, "{}", d.sentence())?;
    }
    let (before, after) = (project(baseline), project(live));
    writeln!(out)?;
    let row = |out: &mut dyn Write, cells: [&str; 5]| {
        writeln!(
            out,
            "{:<26} {:>12} {:>24} {:>10} {:>10}",
            cells[0], cells[1], cells[2], cells[3], cells[4]
        )
    };
    row(
        out,
        [
            "Mineral",
            "Coverage Δ",
            "100% reached Δ",
            "Spent Δ",
            "Unspent Δ",
        ],
    )?;
    for (m, delta) in after.minerals.iter().zip(deltas(&before, &after)) {
        match delta {
            Some(d) => row(
                out,
                [
                    &m.name,
                    &pts_delta(d.final_coverage_pts),
                    &d.full_coverage.in_words(&after),
                    &usd_delta(d.spent_usd),
                    &usd_delta(d.unspent_usd),
                ],
            )?,
            None => row(out, [&m.name, "not in baseline", "—", "—", "—"])?,
        }
    }
    Ok(())
}

/// `fmt FILE...`: rewrite files in the canonical layout (what Save writes).
pub fn format_files(files: &[PathBuf], out: &mut dyn Write, err: &mut dyn Write) -> i32 {
    let mut code = EXIT_OK;
    for path in files {
        let result = file::load(path)
            .map_err(|e| e.to_string())
            .and_then(|s| file::save_atomic(path, &s).map_err(|e| e.to_string()));
        match result {
            Ok(()) => {
                let _ = writeln!(out, "{}: formatted", path.display());
            }
            Err(e) => {
                let _ = writeln!(err, "{e}");
                code = EXIT_INVALID;
            }
        }
    }
    code
}

/// The files of `merge`, and the name to give them in messages (git's
/// `%P`: OURS and THEIRS are then temporary copies).
#[derive(Clone, Copy)]
pub struct MergeFiles<'a> {
    pub base: &'a Path,
    pub ours: &'a Path,
    pub theirs: &'a Path,
    pub output: Option<&'a Path>,
    pub name: Option<&'a str>,
}

/// `merge BASE OURS THEIRS [-o OUT] [--name NAME]`: the three-way merge of two edits of
/// BASE (`model::merge`). The merged file goes to OUT, or to standard
/// output; what came in, each conflict and any problem of the result go to
/// standard error, in planner words. Each conflict keeps ours. An empty
/// BASE (git's, for two files added apart) means no common base: every
/// difference is a conflict. Exit 0 for a clean, valid merge; 1 when there
/// are conflicts, the result has problems, or a file cannot be read or
/// written: as a git merge driver (`merge %O %A %B -o %A`), 1 leaves the
/// file marked as conflicted, holding a valid scenario to open.
pub fn merge_files(files: &MergeFiles<'_>, out: &mut dyn Write, err: &mut dyn Write) -> i32 {
    let MergeFiles {
        base,
        ours,
        theirs,
        output,
        name,
    } = *files;
    let no_base = std::fs::metadata(base).is_ok_and(|m| m.is_file() && m.len() == 0);
    let loaded = (|| {
        let b = if no_base {
            None
        } else {
            Some(file::load(base)?)
        };
        Ok::<_, file::LoadError>((b, file::load(ours)?, file::load(theirs)?))
    })();
    let (b, o, t) = match loaded {
        Ok(files) => files,
        Err(e) => {
            let _ = writeln!(err, "{e}");
            return EXIT_INVALID;
        }
    };
    let merged = match merge::merge(b.as_ref(), &o, &t) {
        Ok(m) => m,
        Err(e) => {
            let _ = writeln!(err, "{e}");
            return EXIT_INVALID;
        }
    };
    let written = match output {
        Some(path) => file::save_atomic(path, &merged.scenario).map_err(|e| e.to_string()),
        None => out
            .write_all(file::to_ron_string(&merged.scenario).as_bytes())
            .map_err(|e| format!("could not write the merged scenario: {e}")),
    };
    if let Err(e) = written {
        let _ = writeln!(err, "{e}");
        return EXIT_INVALID;
    }
    let into = match (name, output) {
        (Some(name), _) => name.to_string(),
        (None, Some(p)) => p.display().to_string(),
        (None, None) => "the output".to_string(),
    };
    let theirs_name = match name {
        Some(name) => format!("the other branch's {name}"),
        None => theirs.display().to_string(),
    };
    let _ = (|| {
        if no_base {
            writeln!(
                err,
                "No common base ({} is empty): every difference is a conflict.",
                base.display()
            )?;
        }
        match merged.taken.len() {
            0 => writeln!(err, "No changes came in from {theirs_name}.")?,
            n => {
                writeln!(err, "{} from {theirs_name}:", count(n, "change", "changes"))?;
                for change in &merged.taken {
                    writeln!(err, "  {change}")?;
                }
            }
        }
        if !merged.conflicts.is_empty() {
            writeln!(
                err,
                "{} (each keeps ours in {into}; to take theirs, open {into} and use File > Merge with file... on their version):",
                count(merged.conflicts.len(), "conflict", "conflicts")
            )?;
            for conflict in &merged.conflicts {
                writeln!(err, "  {conflict}")?;
            }
        }
        let problems = merged.problems_in_words();
        if !problems.is_empty() {
            writeln!(
                err,
                "The merged scenario has {} to fix:",
                count(problems.len(), "problem", "problems")
            )?;
            for problem in &problems {
                writeln!(err, "  {problem}")?;
            }
        }
        Ok::<_, std::io::Error>(())
    })();
    if merged.conflicts.is_empty() && merged.problems.is_empty() {
        EXIT_OK
    } else {
        EXIT_INVALID
    }
}

/// "1 change", "3 changes".
fn count(n: usize, one: &str, many: &str) -> String {
    if n == 1 {
        format!("1 {one}")
    } else {
        format!("{} {many}", grouped(n as f64, 0))
    }
}

/// The CSV header; `month` is `YYYY-MM`, quantities are in each mineral's unit.
pub const CSV_HEADER: [&str; 11] = [
    "month",
    "mineral",
    "unit",
    "spend_usd",
    "ordered",
    "delivered",
    "inventory",
    "requirement",
    "coverage_pct",
    "unspent_usd",
    "month_index",
];

/// The columns [`write_csv_with_bands`] adds: coverage percentiles of the
/// Monte Carlo run, per mineral and month.
const CSV_BAND_HEADER: [&str; 3] = ["coverage_p10_pct", "coverage_p50_pct", "coverage_p90_pct"];

/// A writer for a terminal that passes text through but its control
/// characters: every C0 control but newline and tab, DEL and the C1
/// controls (U+0080 to U+009F) become `?`, so a name holding an escape
/// sequence prints as text and cannot move the cursor, recolour or retitle
/// the terminal. The bytes are UTF-8 (all the command line writes is).
pub struct Printable<W: Write> {
    inner: W,
    /// A 0xC2 byte at the end of the last write: the first half of a
    /// character that may be a C1 control.
    pending_c2: bool,
}

impl<W: Write> Printable<W> {
    pub fn new(inner: W) -> Self {
        Self {
            inner,
            pending_c2: false,
        }
    }
}

impl<W: Write> Write for Printable<W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let mut clean = Vec::with_capacity(buf.len());
        for &b in buf {
            if self.pending_c2 {
                self.pending_c2 = false;
                if (0x80..=0x9f).contains(&b) {
                    clean.push(b'?');
                    continue;
                }
                clean.push(0xc2);
            }
            match b {
                b'\n' | b'\t' => clean.push(b),
                0x00..=0x1f | 0x7f => clean.push(b'?'),
                0xc2 => self.pending_c2 = true,
                _ => clean.push(b),
            }
        }
        self.inner.write_all(&clean)?;
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        if std::mem::take(&mut self.pending_c2) {
            self.inner.write_all(&[0xc2])?;
        }
        self.inner.flush()
    }
}

impl<W: Write> Drop for Printable<W> {
    fn drop(&mut self) {
        let _ = self.flush();
    }
}

/// Money in the CSV: to the cent.
const CSV_USD_DECIMALS: usize = 2;
/// Quantities: to a thousandth of the unit (a kilogram of a tonne).
const CSV_QTY_DECIMALS: usize = 3;
/// Percentages (coverage and its bands): to a hundredth of a point.
const CSV_PCT_DECIMALS: usize = 2;

/// A name as a CSV cell a spreadsheet will not run: text that begins with
/// `=`, `+`, `-`, `@`, a tab or a carriage return gets a `'` before it
/// (the OWASP rule against CSV formula injection).
fn csv_text(text: &str) -> String {
    if text.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{text}")
    } else {
        text.to_string()
    }
}

/// A CSV cell rounded to what it means: `decimals` places, trailing zeros
/// dropped (`1000`, `57.939`, `100`), never `-0`; a non-finite value as
/// Rust prints it (`NaN`, `inf`), which a valid scenario never gives.
fn csv_number(value: f64, decimals: usize) -> String {
    if !value.is_finite() {
        return value.to_string();
    }
    let text = format!("{value:.decimals$}");
    let text = if text.contains('.') {
        text.trim_end_matches('0').trim_end_matches('.').to_string()
    } else {
        text
    };
    if text == "-0" { "0".into() } else { text }
}

/// Write the projection as CSV, one row per mineral and month, numbers
/// rounded to what they mean ([`csv_number`]).
pub fn write_csv(projection: &Projection, out: &mut dyn Write) -> std::io::Result<()> {
    write_csv_with_bands(projection, None, out)
}

/// [`write_csv`], and with `bands` (a finished Monte Carlo run of the same
/// plan) three more columns: P10, P50 and P90 of coverage that month. A
/// mineral or month the bands do not have (matched by place and name)
/// gets empty cells.
pub fn write_csv_with_bands(
    projection: &Projection,
    bands: Option<&crate::model::monte_carlo::Bands>,
    out: &mut dyn Write,
) -> std::io::Result<()> {
    let mut w = csv::Writer::from_writer(out);
    let mut header = CSV_HEADER.to_vec();
    if bands.is_some() {
        header.extend(CSV_BAND_HEADER);
    }
    w.write_record(&header)?;
    for (k, m) in projection.minerals.iter().enumerate() {
        let band = bands
            .and_then(|b| b.minerals.get(k))
            .filter(|b| b.name == m.name);
        for (i, r) in m.months.iter().enumerate() {
            let mut row = vec![
                projection.calendar_month(r.month).to_string(),
                csv_text(&m.name),
                m.unit.symbol().to_string(),
                csv_number(r.spend_usd, CSV_USD_DECIMALS),
                csv_number(r.ordered_qty, CSV_QTY_DECIMALS),
                csv_number(r.delivered_qty, CSV_QTY_DECIMALS),
                csv_number(r.inventory_qty, CSV_QTY_DECIMALS),
                csv_number(r.requirement_qty, CSV_QTY_DECIMALS),
                csv_number(r.coverage_pct, CSV_PCT_DECIMALS),
                csv_number(r.unspent_usd, CSV_USD_DECIMALS),
                r.month.to_string(),
            ];
            if bands.is_some() {
                let cell = |pcts: Option<&Vec<f64>>| {
                    pcts.and_then(|p| p.get(i))
                        .map_or(String::new(), |v| csv_number(*v, CSV_PCT_DECIMALS))
                };
                row.push(cell(band.map(|b| &b.p10_pct)));
                row.push(cell(band.map(|b| &b.p50_pct)));
                row.push(cell(band.map(|b| &b.p90_pct)));
            }
            w.write_record(&row)?;
        }
    }
    w.flush()
}

/// Write a readable table: a summary, then month by month per mineral.
/// `lost_to_events_pct` (per mineral, percentage points) is `None` when the
/// scenario has no enabled event. `scenario` is the one projected: its name
/// heads the table, and its suppliers give each mineral's supplier HHI
/// ([`supplier_hhi`]) and share bought from China ([`share_from_china_pct`]).
pub fn write_table(
    scenario: &Scenario,
    projection: &Projection,
    lost_to_events_pct: Option<&[f64]>,
    out: &mut dyn Write,
) -> std::io::Result<()> {
    let name = &scenario.name;
    writeln!(
        out,
        "{name}\n{} months from {} to {}\n",
        projection.horizon_months,
        projection.start,
        projection.calendar_month(projection.horizon_months)
    )?;
    writeln!(
        out,
        "{:<26} {:>10} {:>16} {:>9} {:>11} {:>20} {:>10} {:>10} {:>14} {:>12} {:>10} {:>11}",
        "Mineral",
        "Spent",
        "Bought",
        "Coverage",
        "Months held",
        "100% reached",
        "Unspent",
        "Not needed",
        "Lost to events",
        "Supplier HHI",
        "From China",
        "Feasibility"
    )?;
    // The scenario's mineral of each projected one: the same place, else the
    // same name.
    let scenario_mineral = |k: usize, name: &str| {
        scenario
            .minerals
            .get(k)
            .filter(|s| s.name == name)
            .or_else(|| scenario.minerals.iter().find(|s| s.name == name))
    };
    // Coverage in time: months of consumption held ("Coverage in time" in
    // docs/MODEL.md); `None` where no annual consumption is stated.
    let consumption: Vec<Option<f64>> = projection
        .minerals
        .iter()
        .enumerate()
        .map(|(k, m)| scenario_mineral(k, &m.name).and_then(|s| s.annual_consumption_qty))
        .collect();
    for (k, m) in projection.minerals.iter().enumerate() {
        let reached = m
            .first_full_coverage_month
            .map_or("not within timeframe".to_string(), |k| {
                projection.calendar_month(k).to_string()
            });
        let lost = match lost_to_events_pct.and_then(|l| l.get(k)) {
            Some(lost) if lost.abs() >= 0.05 => format!("{:.1} pts", -lost),
            Some(_) => "none".into(),
            None => "—".into(),
        };
        let mineral = scenario_mineral(k, &m.name);
        let months_held = m
            .months_of_consumption(consumption[k])
            .map_or("—".into(), |months| format!("{months:.1}"));
        let (hhi, china) = mineral.map_or(("—".into(), "—".into()), |s| {
            (grouped(supplier_hhi(s), 0), pct(share_from_china_pct(s)))
        });
        writeln!(
            out,
            "{:<26} {:>10} {:>16} {:>9} {:>11} {:>20} {:>10} {:>10} {:>14} {:>12} {:>10} {:>11}",
            m.name,
            usd_short(m.total_cost_usd),
            format!("{} {}", grouped(m.total_ordered_qty, 0), m.unit.symbol()),
            pct(m.final_coverage_pct()),
            months_held,
            reached,
            usd_short(m.cannot_spend_usd()),
            usd_short(m.not_needed_usd),
            lost,
            hhi,
            china,
            m.requirement_ratio_in_words(),
        )?;
    }
    writeln!(
        out,
        "{:<26} {:>10}",
        "Total",
        usd_short(projection.total_cost_usd())
    )?;
    // Money that cannot be spent and requirements that cannot be bought in
    // the timeframe, in plain words.
    for (k, m) in projection.minerals.iter().enumerate() {
        let warning = scenario_mineral(k, &m.name)
            .and_then(|mineral| crate::model::feasibility::warning(mineral, m, projection.start));
        if let Some(warning) = warning {
            writeln!(out, "Warning: {}: {warning}.", m.name)?;
        }
    }
    for (m, &consumption) in projection.minerals.iter().zip(&consumption) {
        let u = m.unit.symbol();
        writeln!(out, "\n{} ({u})", m.name)?;
        // "Months held" only for minerals that state a consumption.
        let held_heading = if consumption.is_some() {
            format!(" {:>11}", "Months held")
        } else {
            String::new()
        };
        writeln!(
            out,
            "{:<8} {:>10} {:>12} {:>12} {:>12} {:>9}{held_heading} {:>10}",
            "Month", "Spend", "Ordered", "Delivered", "Inventory", "Coverage", "Unspent"
        )?;
        for r in &m.months {
            let held = r
                .months_of_consumption(consumption)
                .map_or(String::new(), |months| format!(" {months:>11.1}"));
            writeln!(
                out,
                "{:<8} {:>10} {:>12} {:>12} {:>12} {:>9}{held} {:>10}",
                projection.calendar_month(r.month).to_string(),
                usd_short(r.spend_usd),
                grouped(r.ordered_qty, 1),
                grouped(r.delivered_qty, 1),
                grouped(r.inventory_qty, 1),
                pct(r.coverage_pct),
                usd_short(r.unspent_usd),
            )?;
        }
        writeln!(
            out,
            "In transit at the end: {} {u}",
            grouped(m.in_transit_at_end_qty, 1)
        )?;
    }
    Ok(())
}

/// `goal FILE --mineral NAME --coverage PCT [--by YYYY-MM] [--variant
/// NAME]`: the budget a mineral needs to reach a coverage by a month (the
/// horizon when `by` is `None`), with everything else as in the file
/// (`model::goal_seek`). `coverage` as typed: `80` or `80%`. Prints the
/// answer in one or two lines; exit 0 when answered (also "not
/// reachable"), 1 when the file, the mineral, the coverage or the month
/// cannot be used. Budgets are printed in whole dollars ("$80,000"): the
/// search finds them to within a dollar or more, so cents would be noise.
pub fn goal_file(
    path: &Path,
    variant: Option<&str>,
    mineral: &str,
    coverage: &str,
    by: Option<&str>,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> i32 {
    use crate::model::goal_seek::{GoalSeek, goal_seek, plan_month};
    let Some(target) = parse_pct(coverage).filter(|t| (0.0..=MAX_GOAL_COVERAGE_PCT).contains(t))
    else {
        let _ = writeln!(
            err,
            "the coverage must be a percentage from 0 to 1,000, such as 80 or 80%, not \"{coverage}\""
        );
        return EXIT_USAGE;
    };
    let by_calendar_month = match by.map(|text| (text, text.parse::<crate::model::YearMonth>())) {
        None => None,
        Some((_, Ok(month))) => Some(month),
        Some((text, Err(_))) => {
            let _ = writeln!(
                err,
                "the month must be written YYYY-MM, such as 2027-09, not \"{text}\""
            );
            return EXIT_USAGE;
        }
    };
    let Some((scenario, _)) = load_valid_variant(path, variant, err) else {
        return EXIT_INVALID;
    };
    let Some(k) = find_mineral(&scenario, path, mineral, err) else {
        return EXIT_INVALID;
    };
    let horizon = scenario.horizon_months;
    let plan_end = scenario.calendar_month(horizon);
    let by_month = match by_calendar_month {
        None => horizon,
        Some(month) => match plan_month(&scenario, month) {
            Some(m) => m,
            None => {
                let _ = writeln!(
                    err,
                    "{month} lies outside the plan, which runs from {} to {plan_end}",
                    scenario.start
                );
                return EXIT_INVALID;
            }
        },
    };
    let by_calendar = scenario.calendar_month(by_month);
    let m = &scenario.minerals[k];
    let answer = match goal_seek(&scenario, k, target, by_month) {
        Ok(answer) => answer,
        Err(e) => {
            let _ = writeln!(err, "{e}");
            return EXIT_INVALID;
        }
    };
    let current =
        crate::model::project(&scenario).minerals[k].months[by_month as usize - 1].coverage_pct;
    let result = (|| {
        writeln!(
            out,
            "{}: {} coverage by {by_calendar}",
            m.name,
            pct_short(target)
        )?;
        match &answer {
            GoalSeek::Reached {
                budget_usd,
                coverage_pct,
                ..
            } => writeln!(
                out,
                "Needs a budget of {} (gives {}; the current {} gives {}).",
                usd_whole(*budget_usd),
                pct(*coverage_pct),
                usd_whole(m.budget_usd),
                pct(current)
            ),
            GoalSeek::AlreadyMet {
                current_budget_usd,
                coverage_pct,
                least_budget_usd,
                ..
            } => writeln!(
                out,
                "Already met: the current budget of {} gives {}; {} would do.",
                usd_whole(*current_budget_usd),
                pct(*coverage_pct),
                usd_whole(*least_budget_usd)
            ),
            GoalSeek::NotReachable {
                best_coverage_pct,
                best_budget_usd,
                reason,
                ..
            } => {
                writeln!(out, "{}{}.", reason[..1].to_uppercase(), &reason[1..])?;
                writeln!(
                    out,
                    "The most by {by_calendar} is {}, from a budget of {} (more is not used; \
                     the current {} gives {}).",
                    pct(*best_coverage_pct),
                    usd_whole(*best_budget_usd),
                    usd_whole(m.budget_usd),
                    pct(current)
                )
            }
        }
    })();
    finish(result, "the answer", err)
}

/// `allocate FILE --total-usd AMOUNT [--weight NAME=W]... [--variant
/// NAME]`: split a total budget among the minerals to raise the lowest
/// (weighted) final coverage (`model::allocation`), printed beside the
/// current split. `total` as typed (`1e9`, `$1B`, `750M`); weights `NAME=W`
/// by mineral name, 1 for the others. Exit 0 when answered, 1 when the
/// file, the total or a weight cannot be used.
pub fn allocate_file(
    path: &Path,
    variant: Option<&str>,
    total: &str,
    weights: &[String],
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> i32 {
    use crate::model::allocation::allocate;
    let Some(total_usd) = crate::display::parse_usd(total)
        .filter(|t| (0.0..=crate::model::validation::MAX_USD).contains(t))
    else {
        let _ = writeln!(
            err,
            "the total must be an amount from $0 to $1,000 trillion, such as 1e9, $1B or 750M, not \"{total}\""
        );
        return EXIT_USAGE;
    };
    // Each weight's form first: a mistake in the command, whatever the file.
    let mut given_weights: Vec<(&str, f64)> = Vec::new();
    for given in weights {
        let Some((name, value)) = given.rsplit_once('=') else {
            let _ = writeln!(
                err,
                "a weight is written NAME=WEIGHT (for example Cobalt=2), not \"{given}\""
            );
            return EXIT_USAGE;
        };
        let name = name.trim();
        match value.trim().parse::<f64>() {
            Ok(v) if v.is_finite() && (0.0..=1e6).contains(&v) => given_weights.push((name, v)),
            _ => {
                let _ = writeln!(
                    err,
                    "the weight of {name} must be a number from 0 to 1,000,000, not \"{}\"",
                    value.trim()
                );
                return EXIT_USAGE;
            }
        }
    }
    let Some((scenario, _)) = load_valid_variant(path, variant, err) else {
        return EXIT_INVALID;
    };
    let mut w = vec![1.0; scenario.minerals.len()];
    let mut weighted_by: Vec<Option<&str>> = vec![None; scenario.minerals.len()];
    for (name, v) in given_weights {
        let Some(k) = find_mineral(&scenario, path, name, err) else {
            return EXIT_INVALID;
        };
        if let Some(first) = weighted_by[k] {
            let _ = writeln!(
                err,
                "{} is given a weight twice (as \"{first}\" and \"{name}\"); give each mineral one weight",
                scenario.minerals[k].name
            );
            return EXIT_USAGE;
        }
        weighted_by[k] = Some(name);
        w[k] = v;
    }
    let a = match allocate(&scenario, total_usd, &w) {
        Ok(a) => a,
        Err(e) => {
            let _ = writeln!(err, "{e}");
            return EXIT_INVALID;
        }
    };
    let weighted = w.iter().any(|&x| x != 1.0);
    let result = (|| {
        writeln!(
            out,
            "{}: {} split to raise the lowest {}coverage at the end ({})\n",
            scenario.name,
            usd_full(total_usd),
            if weighted { "weighted " } else { "" },
            scenario.calendar_month(scenario.horizon_months)
        )?;
        let row = |out: &mut dyn Write, cells: [&str; 6]| {
            writeln!(
                out,
                "{:<26} {:>6} {:>16} {:>9} {:>16} {:>9}",
                cells[0], cells[1], cells[2], cells[3], cells[4], cells[5]
            )
        };
        row(
            out,
            [
                "Mineral",
                "Weight",
                "Current budget",
                "Coverage",
                "Proposed",
                "Coverage",
            ],
        )?;
        for m in &a.minerals {
            row(
                out,
                [
                    &m.name,
                    &format!("{}", m.weight),
                    &usd_short(m.current_budget_usd),
                    &pct(m.current_coverage_pct),
                    &usd_short(m.proposed_budget_usd),
                    &pct(m.proposed_coverage_pct),
                ],
            )?;
        }
        let current_total: f64 = a.minerals.iter().map(|m| m.current_budget_usd).sum();
        row(
            out,
            [
                "Total",
                "",
                &usd_short(current_total),
                "",
                &usd_short(total_usd - a.unallocated_usd),
                "",
            ],
        )?;
        let what = if weighted {
            "Lowest weighted score"
        } else {
            "Lowest coverage"
        };
        writeln!(
            out,
            "\n{what}: {} now, {} proposed.",
            pct(a.current_lowest_score),
            pct(a.proposed_lowest_score)
        )?;
        for m in &a.minerals {
            if let Some(limit) = &m.limit {
                writeln!(out, "{}: {}.", m.name, limit.reason)?;
            }
        }
        if let Some(reason) = &a.unallocated_reason {
            writeln!(out, "{reason}.")?;
        }
        Ok(())
    })();
    finish(result, "the split", err)
}

/// The index of the mineral called `name` (exactly, else ignoring case),
/// or `None` after saying which minerals the file has.
fn find_mineral(
    scenario: &Scenario,
    path: &Path,
    name: &str,
    err: &mut dyn Write,
) -> Option<usize> {
    let found = scenario
        .minerals
        .iter()
        .position(|m| m.name == name)
        .or_else(|| {
            scenario
                .minerals
                .iter()
                .position(|m| m.name.trim().to_lowercase() == name.trim().to_lowercase())
        });
    if found.is_none() {
        let names: Vec<String> = scenario
            .minerals
            .iter()
            .map(|m| format!("\"{}\"", m.name))
            .collect();
        let _ = writeln!(
            err,
            "{}: there is no mineral called \"{name}\"; the file has {}",
            path.display(),
            names.join(", ")
        );
    }
    found
}

/// A percentage as typed: `80`, `80%`, `80 %`.
fn parse_pct(text: &str) -> Option<f64> {
    let t = text.trim().trim_end_matches('%').trim();
    t.parse::<f64>().ok().filter(|v| v.is_finite())
}

/// `uncertainty FILE [--variant NAME] [--samples N] [--seed S]`: the
/// Monte Carlo run of the file's ranges (`model::monte_carlo`): per
/// mineral, final coverage as planned, P10, P50 and P90, and the chance of
/// reaching 100 % by the end. Samples and seed default to the file's
/// (`settings.monte_carlo`). Exit 0 when it ran, 1 when the file cannot be
/// used.
pub fn uncertainty_file(
    path: &Path,
    variant: Option<&str>,
    samples: Option<u32>,
    seed: Option<u64>,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> i32 {
    use crate::model::monte_carlo;
    if let Some(samples) = samples
        && !(1..=crate::model::uncertainty::MAX_SAMPLES).contains(&samples)
    {
        let _ = writeln!(
            err,
            "--samples must be 1 to {}, not {samples}",
            crate::model::uncertainty::MAX_SAMPLES
        );
        return EXIT_USAGE;
    }
    let Some((scenario, _)) = load_valid_variant(path, variant, err) else {
        return EXIT_INVALID;
    };
    // The file's own count is checked with the file (a validation problem);
    // a scenario too large for it in reasonable time runs fewer.
    let samples = match samples {
        Some(n) => n,
        None => {
            let (n, fewer) = monte_carlo::default_samples(&scenario);
            if fewer {
                let _ = writeln!(
                    err,
                    "This scenario is large ({} supplier-months a sample): {} samples instead of the file's {}, so that the run takes seconds, not hours. --samples N runs N.",
                    grouped(monte_carlo::work_per_sample(&scenario), 0),
                    grouped(f64::from(n), 0),
                    grouped(f64::from(scenario.settings.monte_carlo.samples), 0)
                );
            }
            n
        }
    };
    let seed = seed.unwrap_or(scenario.settings.monte_carlo.seed);
    let plain = crate::model::project(&scenario);
    let bands = monte_carlo::run_samples(&scenario, samples, seed);
    let result = (|| {
        if !monte_carlo::has_uncertainty(&scenario) {
            writeln!(
                out,
                "Nothing in this scenario is given as a range: every sample is the plan itself."
            )?;
        }
        writeln!(
            out,
            "{} samples, seed {seed}; final coverage ({})",
            grouped(f64::from(samples), 0),
            scenario.calendar_month(scenario.horizon_months)
        )?;
        // As wide as the longest name, so that every row lines up.
        let name_width = bands
            .minerals
            .iter()
            .map(|b| b.name.chars().count())
            .fold(14, usize::max);
        writeln!(
            out,
            "{:<name_width$} {:>8} {:>8} {:>8} {:>8} {:>15}",
            "Mineral", "Planned", "P10", "P50", "P90", "Chance of 100%"
        )?;
        // A plan outside its own band is marked, and said why under the
        // table, as the window's summary does.
        let mut notes = Vec::new();
        for ((b, p), mineral) in bands
            .minerals
            .iter()
            .zip(&plain.minerals)
            .zip(&scenario.minerals)
        {
            let note = monte_carlo::outside_band_note(mineral, p.final_coverage_pct(), b);
            let mark = if note.is_some() { "*" } else { "" };
            notes.extend(note.map(|n| format!("* {}: {n}", b.name)));
            writeln!(
                out,
                "{:<name_width$} {:>8} {:>8} {:>8} {:>8} {:>15}",
                b.name,
                format!("{mark}{}", pct(p.final_coverage_pct())),
                pct(b.final_p10_pct()),
                pct(b.final_p50_pct()),
                pct(b.final_p90_pct()),
                pct(b.full_by_end_probability_pct)
            )?;
        }
        for note in &notes {
            writeln!(out, "{note}")?;
        }
        Ok(())
    })();
    finish(result, "the bands", err)
}

#[cfg(test)]
mod tests {
    use super::{Printable, csv_number, csv_text};
    use std::io::Write;

    #[test]
    fn a_terminal_gets_no_control_characters_from_a_name() {
        let mut out = Vec::new();
        {
            let mut p = Printable::new(&mut out);
            // ESC ] 0 ; title BEL, a clear screen, a C1 CSI, and Umlauts.
            p.write_all("Co\u{1b}]0;pwned\u{7}balt \u{1b}[2J\u{9b}31m Zürich\tÉ\n".as_bytes())
                .unwrap();
            // A character split across two writes stays whole.
            p.write_all(&[0xc2]).unwrap();
            p.write_all(&[0xa0]).unwrap();
            p.write_all(&[0xc2]).unwrap();
            p.write_all(&[0x9b]).unwrap();
        }
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "Co?]0;pwned?balt ?[2J?31m Zürich\tÉ\n\u{a0}?"
        );
    }

    #[test]
    fn names_that_a_spreadsheet_would_run_are_written_as_text() {
        assert_eq!(csv_text("=HYPERLINK(\"x\")"), "'=HYPERLINK(\"x\")");
        assert_eq!(csv_text("+1"), "'+1");
        assert_eq!(csv_text("-Cobalt"), "'-Cobalt");
        assert_eq!(csv_text("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(csv_text("Cobalt"), "Cobalt");
    }

    #[test]
    fn csv_numbers_are_rounded_to_what_they_mean() {
        assert_eq!(csv_number(99.999_999_999_999_99, 2), "100");
        assert_eq!(csv_number(8_333_333.333_333, 2), "8333333.33");
        assert_eq!(csv_number(57.939_853, 3), "57.94");
        assert_eq!(csv_number(1000.0, 2), "1000");
        assert_eq!(csv_number(-0.000_1, 2), "0");
        assert_eq!(csv_number(0.0, 3), "0");
        assert_eq!(csv_number(f64::NAN, 2), "NaN");
    }
}
