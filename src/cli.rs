//! The command line: `check`, `project` and `fmt`. Output goes to the given
//! writers so that tests can read it; the return value is the exit code.

use crate::display::{feasibility_ratio, grouped, pct, usd_short};
use crate::file;
use crate::model::{Projection, project, project_without_events, validate};
use std::io::Write;
use std::path::{Path, PathBuf};

/// Exit code: everything is valid.
pub const EXIT_OK: i32 = 0;
/// Exit code: at least one file could not be read or is not valid.
pub const EXIT_INVALID: i32 = 1;

/// `check FILE...`: load and validate each file. Parse errors print as
/// `FILE:LINE:COL: message`, validation problems as `FILE: field.path: message`.
pub fn check(files: &[PathBuf], out: &mut dyn Write, err: &mut dyn Write) -> i32 {
    let mut code = EXIT_OK;
    for path in files {
        match file::load(path) {
            Err(e) => {
                let _ = writeln!(err, "{e}");
                code = EXIT_INVALID;
            }
            Ok(scenario) => {
                let problems = validate(&scenario);
                if problems.is_empty() {
                    let _ = writeln!(
                        out,
                        "{}: ok ({} minerals, {} months from {})",
                        path.display(),
                        scenario.minerals.len(),
                        scenario.horizon_months,
                        scenario.start
                    );
                } else {
                    code = EXIT_INVALID;
                    for p in problems {
                        let _ = writeln!(err, "{}: {}: {}", path.display(), p.path, p.message);
                    }
                }
            }
        }
    }
    code
}

/// `project FILE [--csv]`: print the projection as a table or as CSV.
pub fn project_file(path: &Path, csv: bool, out: &mut dyn Write, err: &mut dyn Write) -> i32 {
    let scenario = match file::load(path) {
        Ok(s) => s,
        Err(e) => {
            let _ = writeln!(err, "{e}");
            return EXIT_INVALID;
        }
    };
    let problems = validate(&scenario);
    if !problems.is_empty() {
        for p in problems {
            let _ = writeln!(err, "{}: {}: {}", path.display(), p.path, p.message);
        }
        return EXIT_INVALID;
    }
    let projection = project(&scenario);
    let result = if csv {
        write_csv(&projection, out)
    } else {
        let lost = scenario
            .disruptions
            .iter()
            .any(|d| d.enabled)
            .then(|| projection.coverage_lost_vs(&project_without_events(&scenario)));
        write_table(&scenario.name, &projection, lost.as_deref(), out)
    };
    match result {
        Ok(()) => EXIT_OK,
        // `project … | head` closes the pipe early: not an error.
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => EXIT_OK,
        Err(e) => {
            let _ = writeln!(err, "could not write the projection: {e}");
            EXIT_INVALID
        }
    }
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

/// Write the projection as CSV, one row per mineral and month.
pub fn write_csv(projection: &Projection, out: &mut dyn Write) -> std::io::Result<()> {
    let mut w = csv::Writer::from_writer(out);
    w.write_record(CSV_HEADER)?;
    for m in &projection.minerals {
        for r in &m.months {
            w.write_record([
                projection.calendar_month(r.month).to_string(),
                m.name.clone(),
                m.unit.symbol().to_string(),
                r.spend_usd.to_string(),
                r.ordered_qty.to_string(),
                r.delivered_qty.to_string(),
                r.inventory_qty.to_string(),
                r.requirement_qty.to_string(),
                r.coverage_pct.to_string(),
                r.unspent_usd.to_string(),
                r.month.to_string(),
            ])?;
        }
    }
    w.flush()
}

/// Write a readable table: a summary, then month by month per mineral.
/// `lost_to_events_pct` (per mineral, percentage points) is `None` when the
/// scenario has no enabled event.
pub fn write_table(
    name: &str,
    projection: &Projection,
    lost_to_events_pct: Option<&[f64]>,
    out: &mut dyn Write,
) -> std::io::Result<()> {
    writeln!(
        out,
        "{name}\n{} months from {} to {}\n",
        projection.horizon_months,
        projection.start,
        projection.calendar_month(projection.horizon_months)
    )?;
    writeln!(
        out,
        "{:<26} {:>10} {:>16} {:>9} {:>20} {:>10} {:>14} {:>11}",
        "Mineral",
        "Spent",
        "Bought",
        "Coverage",
        "100% reached",
        "Unspent",
        "Lost to events",
        "Feasibility"
    )?;
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
        writeln!(
            out,
            "{:<26} {:>10} {:>16} {:>9} {:>20} {:>10} {:>14} {:>11}",
            m.name,
            usd_short(m.total_cost_usd),
            format!("{} {}", grouped(m.total_ordered_qty, 0), m.unit.symbol()),
            pct(m.final_coverage_pct()),
            reached,
            usd_short(m.unspent_usd()),
            lost,
            feasibility_ratio(&m.feasibility),
        )?;
    }
    writeln!(
        out,
        "{:<26} {:>10}",
        "Total",
        usd_short(projection.total_cost_usd())
    )?;
    // Plans that cannot be bought in the timeframe, in plain words.
    for m in &projection.minerals {
        if let Some(warning) = m.feasibility.warning() {
            writeln!(out, "Warning: {}: {warning}.", m.name)?;
        }
    }
    for m in &projection.minerals {
        let u = m.unit.symbol();
        writeln!(out, "\n{} ({u})", m.name)?;
        writeln!(
            out,
            "{:<8} {:>10} {:>12} {:>12} {:>12} {:>9} {:>10}",
            "Month", "Spend", "Ordered", "Delivered", "Inventory", "Coverage", "Unspent"
        )?;
        for r in &m.months {
            writeln!(
                out,
                "{:<8} {:>10} {:>12} {:>12} {:>12} {:>9} {:>10}",
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
