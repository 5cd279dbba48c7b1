//! The command line, run as a planner would run it.

use std::process::Command;

fn run(args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_stockpile-planner"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn check_accepts_the_samples() {
    let (code, out, _) = run(&[
        "check",
        "assets/october-2025-plan.ron",
        "assets/strategic-twelve.ron",
    ]);
    assert_eq!(code, 0);
    assert!(
        out.contains("assets/strategic-twelve.ron: ok (12 minerals, 120 months from 2026-01)"),
        "{out}"
    );
}

#[test]
fn check_reports_parse_and_validation_problems() {
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("bad.ron");
    std::fs::write(
        &bad,
        "Scenario(\n    format_version: 1,\n    nmae: \"x\",\n)",
    )
    .unwrap();
    let invalid = dir.path().join("invalid.ron");
    let text = stockpile_planner::samples::OCTOBER_2025_PLAN.text.replacen(
        "share_pct: 76.0",
        "share_pct: 70.0",
        1,
    );
    std::fs::write(&invalid, text).unwrap();
    let (code, _, err) = run(&["check", bad.to_str().unwrap(), invalid.to_str().unwrap()]);
    assert_eq!(code, 1);
    assert!(
        err.contains(&format!("{}:3:5: unknown field `nmae`", bad.display())),
        "{err}"
    );
    assert!(
        err.contains(&format!(
            "{}: minerals[0].suppliers: The supplier shares add up to 94%, not 100%",
            invalid.display()
        )),
        "{err}"
    );
}

#[test]
fn usage_error_exits_with_2() {
    let (code, _, err) = run(&["check"]);
    assert_eq!(code, 2);
    assert!(err.contains("Usage"), "{err}");
}

#[test]
fn project_prints_csv_with_calendar_months() {
    let (code, out, _) = run(&["project", "assets/october-2025-plan.ron", "--csv"]);
    assert_eq!(code, 0);
    let mut lines = out.lines();
    assert_eq!(
        lines.next().unwrap(),
        "month,mineral,unit,spend_usd,ordered,delivered,inventory,requirement,coverage_pct,unspent_usd,month_index"
    );
    // Cobalt month 1: $500M / 60 = $8,333,333.33; opening 300 t of 7,500 t = 4%.
    let first: Vec<&str> = lines.next().unwrap().split(',').collect();
    assert_eq!(&first[..3], ["2025-11", "Cobalt", "t"]);
    assert!((first[3].parse::<f64>().unwrap() - 500e6 / 60.0).abs() < 1e-3);
    assert_eq!(first[8], "4");
    // 4 minerals × 60 months of rows.
    assert_eq!(out.lines().count(), 1 + 4 * 60);
    assert!(
        out.lines()
            .last()
            .unwrap()
            .starts_with("2030-10,Scandium,kg,")
    );
}

#[test]
fn project_prints_a_readable_table() {
    let (code, out, _) = run(&["project", "assets/october-2025-plan.ron"]);
    assert_eq!(code, 0);
    assert!(out.contains("60 months from 2025-11 to 2030-10"), "{out}");
    // The cobalt ceiling binds: about a third of the $500M stays unspent.
    let cobalt = out.lines().find(|l| l.starts_with("Cobalt ")).unwrap();
    assert!(
        cobalt.contains("$336M") && cobalt.contains("$164M"),
        "{cobalt}"
    );
    assert!(out.contains("not within timeframe"));
    // Coverage in time: no annual consumption in the sample, so no figure.
    let header = out.lines().find(|l| l.starts_with("Mineral ")).unwrap();
    assert!(header.contains("Coverage Months held"), "{header}");
    let months_held = cobalt.split_whitespace().nth(5).unwrap();
    assert_eq!(months_held, "—", "{cobalt}");
}

#[test]
fn project_table_shows_what_events_cost_and_what_cannot_be_bought() {
    let (code, out, _) = run(&["project", "assets/october-2025-china-restrictions.ron"]);
    assert_eq!(code, 0);
    assert!(
        out.contains("Lost to events") && out.contains("Feasibility"),
        "{out}"
    );
    // Antimony loses 43.4 points of final coverage to the four events.
    let antimony = out.lines().find(|l| l.starts_with("Antimony ")).unwrap();
    assert!(antimony.contains("-43.4 pts"), "{antimony}");
    // Cobalt's ceiling leaves the plan 1.47× the purchasable supply.
    let cobalt = out.lines().find(|l| l.starts_with("Cobalt ")).unwrap();
    assert!(cobalt.ends_with("1.47×"), "{cobalt}");
    assert!(
        out.contains("Warning: Cobalt: needs 1.5× the purchasable supply."),
        "{out}"
    );
    // Without events, the column says so rather than showing zeros.
    let (_, plain, _) = run(&["project", "assets/october-2025-plan.ron"]);
    let cobalt = plain.lines().find(|l| l.starts_with("Cobalt ")).unwrap();
    assert!(cobalt.contains(" — "), "{cobalt}");
}
