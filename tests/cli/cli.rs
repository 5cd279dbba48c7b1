//! The command line, run as a planner would run it.

use std::process::Command;

fn run(args: &[&str]) -> (i32, String, String) {
    run_in(args, std::path::Path::new(env!("CARGO_MANIFEST_DIR")))
}

/// The program run with `args` in folder `dir`: exit code, output, errors.
pub(crate) fn run_in(args: &[&str], dir: &std::path::Path) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_stockpile-planner"))
        .args(args)
        .current_dir(dir)
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
    // Cobalt's first refiner (Vale, 33.34 %) cut to 27.34 %: with the other
    // two at 33.33 % the shares add up to 94 %.
    let plan = stockpile_planner::samples::OCTOBER_2025_PLAN.text;
    let text = plan.replacen("share_pct: 33.34", "share_pct: 27.34", 1);
    assert_ne!(
        text, plan,
        "the sample no longer has the share this test edits"
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
    // Cobalt month 1 (October 2025, the first month of FY2026): $500M / 60
    // = $8,333,333.33 is planned, but the 1,500 t ceiling is paced at 125 t
    // a month: 125 t × $47,950 = $5,993,750 spent. No opening inventory and
    // every refiner has a lead time, so nothing is delivered yet: 0 %.
    let first: Vec<&str> = lines.next().unwrap().split(',').collect();
    assert_eq!(&first[..3], ["2025-10", "Cobalt", "t"]);
    // Money to the cent, quantities to a thousandth, percentages to a
    // hundredth of a point (docs/FORMAT.md, "CSV").
    assert_eq!(first[3], "5993750");
    assert_eq!(first[8], "0");
    // Month 2: Vale (33.34 %, one month's lead time) delivers its part of
    // month 1's order, 0.3334 × 125 t = 41.675 t, 0.56 % of 7,500 t.
    let second: Vec<&str> = lines.next().unwrap().split(',').collect();
    assert_eq!(&second[..3], ["2025-11", "Cobalt", "t"]);
    let delivered = 0.3334 * 125.0;
    let rounded = |v: f64, places: i32| (v * 10f64.powi(places)).round() / 10f64.powi(places);
    assert_eq!(second[5].parse::<f64>().unwrap(), rounded(delivered, 3));
    let coverage = 100.0 * delivered / 7_500.0;
    assert_eq!(second[8].parse::<f64>().unwrap(), rounded(coverage, 2));
    // No cell carries float noise such as 99.99999999999999.
    for line in out.lines().skip(1) {
        for cell in line.split(',').skip(3) {
            let decimals = cell.split_once('.').map_or(0, |(_, d)| d.len());
            assert!(decimals <= 3, "{line}");
        }
    }
    // 4 minerals × 60 months of rows, the last in September 2030 (FY2030).
    assert_eq!(out.lines().count(), 1 + 4 * 60);
    assert!(
        out.lines()
            .last()
            .unwrap()
            .starts_with("2030-09,Scandium,kg,")
    );
}

#[test]
fn project_prints_a_readable_table() {
    let (code, out, _) = run(&["project", "assets/october-2025-plan.ron"]);
    assert_eq!(code, 0);
    assert!(out.contains("60 months from 2025-10 to 2030-09"), "{out}");
    // The cobalt ceiling binds: 1,500 t a fiscal year × 5 = 7,500 t at
    // $47,950/t = $359.6M spent, so $140.4M of the $500M stays unspent.
    let cobalt = out.lines().find(|l| l.starts_with("Cobalt ")).unwrap();
    assert!(
        cobalt.contains("$360M") && cobalt.contains("$140M"),
        "{cobalt}"
    );
    assert!(out.contains("not within timeframe"));
    // Coverage in time: cobalt's 7,250 t held at the end (the last 250 t
    // of the paced orders are on their way) against 8,000 t a year of US
    // consumption is 7,250 / (8,000 / 12) = 10.875 months held.
    let header = out.lines().find(|l| l.starts_with("Mineral ")).unwrap();
    assert!(header.contains("Coverage Months held"), "{header}");
    let months_held: f64 = cobalt.split_whitespace().nth(5).unwrap().parse().unwrap();
    assert!((months_held - 10.875).abs() <= 0.05 + 1e-9, "{cobalt}");
    // Scandium has no annual consumption in the sample, so no figure.
    let scandium = out.lines().find(|l| l.starts_with("Scandium ")).unwrap();
    assert_eq!(
        scandium.split_whitespace().nth(5).unwrap(),
        "—",
        "{scandium}"
    );
}

#[test]
fn project_table_shows_what_events_cost_and_what_cannot_be_bought() {
    let (code, out, _) = run(&["project", "assets/october-2025-china-restrictions.ron"]);
    assert_eq!(code, 0);
    assert!(
        out.contains("Lost to events") && out.contains("Feasibility"),
        "{out}"
    );
    // The qualified sources have no documented Chinese or DRC feed, so the
    // measures cost nothing through supply: the column says "none" (events,
    // no loss) for cobalt, tantalum and scandium. Antimony loses through the
    // world price: the returning US ban's +50 % from December 2026 buys a
    // third less where its budget binds: 2,606 t (84.4 %) where the plan
    // without events orders its 3,040 t requirement by 2030-02 and stops
    // there (100 %, $32.2M not needed): 15.6 points lost.
    for mineral in ["Cobalt ", "Tantalum ", "Scandium "] {
        let line = out.lines().find(|l| l.starts_with(mineral)).unwrap();
        assert!(line.contains(" none "), "{line}");
    }
    let antimony = out.lines().find(|l| l.starts_with("Antimony ")).unwrap();
    assert!(
        antimony.contains("2,606 t")
            && antimony.contains("84.4%")
            && antimony.contains("-15.6 pts"),
        "{antimony}"
    );
    // Cobalt's ceiling lets through 1,500 t × 5 fiscal years = 7,500 t,
    // the requirement: Feasibility 1.00×. The budget would buy $500M /
    // $47,950 = 10,427.5 t, so $140M cannot be spent; the warning says so
    // beside what the paced orders leave on their way at the end, never
    // "needs 1.4×".
    let cobalt = out.lines().find(|l| l.starts_with("Cobalt ")).unwrap();
    assert!(cobalt.ends_with("1.00×"), "{cobalt}");
    assert!(
        out.contains("Warning: Cobalt: $140M of the budget cannot be spent under the 1,500 t/yr ceiling; coverage ends at 96.7% with 250 t still on its way."),
        "{out}"
    );
    assert!(
        out.contains("Warning: Tantalum: $34M of the budget cannot be spent under the 29,260 kg/yr ceiling; the limits let through 146,300 kg of the 222,500 kg still to buy."),
        "{out}"
    );

    // What the events cost when they do reach a supplier: the same file with
    // US Antimony's Bolivian feed (74 %) coming from China instead.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("chinese-feed.ron");
    let restrictions = stockpile_planner::samples::OCTOBER_2025_CHINA_RESTRICTIONS.text;
    let text = restrictions.replacen("origin: \"Bolivia\"", "origin: \"China\"", 1);
    assert_ne!(text, restrictions, "the sample no longer has this feed");
    std::fs::write(&path, text).unwrap();
    let (code, out, _) = run(&["project", path.to_str().unwrap()]);
    assert_eq!(code, 0);
    // Without events: 58.33 t a month (the 700 t ceiling a year) until the
    // 3,040 t requirement is ordered, and it stops there: 100 %. With them (docs/MODEL.md, "Two tiers of supply":
    // blocking events on the same origin compound on that origin's share),
    // the military end-user ban closes the 74 % Chinese feed from November
    // 2025 (and the ban on the US in October 2025 the same feed); the
    // licensing refusals on that feed close nothing more. So 26 % stays
    // open: $245M / 60 × 0.26 = $1.0617M a month, 15.17 t at $70,000/t.
    // The returning US ban adds +50 % to the world price from December
    // 2026 (month 15): 10.11 t a month for the last 46 months: 677.4 t
    // ordered, of which the last three months' 30.3 t (licensing adds two
    // months to the lead time) are in transit: 647.1 t, 21.3 %. Antimony
    // loses 100 − 21.3 = 78.7 points. (Compounding on the whole
    // supplier, as before, counted the refusals twice.)
    let antimony = out.lines().find(|l| l.starts_with("Antimony ")).unwrap();
    assert!(antimony.contains("-78.7 pts"), "{antimony}");
    assert!(antimony.contains("21.3%"), "{antimony}");
    // The other minerals still lose nothing.
    let cobalt = out.lines().find(|l| l.starts_with("Cobalt ")).unwrap();
    assert!(cobalt.contains(" none "), "{cobalt}");

    // Without events, the column says so rather than showing zeros.
    let (_, plain, _) = run(&["project", "assets/october-2025-plan.ron"]);
    let cobalt = plain.lines().find(|l| l.starts_with("Cobalt ")).unwrap();
    assert!(cobalt.contains(" — "), "{cobalt}");
}

/// The program run with `args` in a terminal without a desktop display,
/// and a home of its own (nothing of the machine's preferences read).
fn without_display(args: &[&str]) -> std::process::Output {
    let home = tempfile::tempdir().unwrap();
    std::process::Command::new(env!("CARGO_BIN_EXE_stockpile-planner"))
        .args(args)
        .env_remove("DISPLAY")
        .env_remove("WAYLAND_DISPLAY")
        .env_remove("WAYLAND_SOCKET")
        .env("HOME", home.path())
        .env("XDG_DATA_HOME", home.path().join("data"))
        .output()
        .unwrap()
}

/// A probe found `stockpile-planner bogus` tried to open a window (and,
/// without a display, printed a library's source path). A word that is
/// neither a command nor a file is a usage error, in words, exit 2.
#[test]
fn an_unknown_command_is_a_usage_error_not_a_window() {
    let out = without_display(&["chek"]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("\"chek\" is neither a command nor a file"),
        "{err}"
    );
    assert!(!err.contains(".rs:"), "no source paths: {err}");
}

/// The window without a desktop display (a terminal over ssh): one line in
/// words, no library's source path, and a pointer to the commands; exit 1.
#[test]
fn the_window_without_a_display_says_so_in_words() {
    let out = without_display(&[]);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("could not open its window: there is no desktop display to open it on"),
        "{err}"
    );
    assert!(err.contains("stockpile-planner --help"), "{err}");
    assert!(!err.contains(".rs:"), "no source paths: {err}");
}

/// `fmt` on files the planner may not change: a read-only file, and (run
/// as another user, where this test runs as root) a file in a folder they
/// may write but that they may only read. Each is refused in words, exit 1,
/// and keeps its bytes, mode and owner.
#[cfg(unix)]
#[test]
fn fmt_refuses_files_it_may_not_change() {
    use std::os::unix::fs::{MetadataExt, PermissionsExt};
    use std::os::unix::process::CommandExt;
    let dir = tempfile::tempdir().unwrap();
    let sample = std::fs::read(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/assets/october-2025-plan.ron"
    ))
    .unwrap();
    let read_only = dir.path().join("read-only.ron");
    std::fs::write(&read_only, &sample).unwrap();
    std::fs::set_permissions(&read_only, std::fs::Permissions::from_mode(0o444)).unwrap();
    let (code, _, err) = run(&["fmt", read_only.to_str().unwrap()]);
    assert_eq!(code, 1, "{err}");
    assert!(
        err.contains("the file is read-only: its permissions let no one change it"),
        "{err}"
    );
    assert_eq!(std::fs::read(&read_only).unwrap(), sample);

    // Another user, who may write in the folder but only read the file.
    if rustix::process::geteuid().as_raw() != 0 {
        return;
    }
    std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o777)).unwrap();
    let theirs = dir.path().join("theirs.ron");
    std::fs::write(&theirs, &sample).unwrap();
    std::fs::set_permissions(&theirs, std::fs::Permissions::from_mode(0o644)).unwrap();
    // A copy of the program that user may run.
    let program = dir.path().join("stockpile-planner");
    std::fs::copy(env!("CARGO_BIN_EXE_stockpile-planner"), &program).unwrap();
    let out = Command::new(&program)
        .args(["fmt", theirs.to_str().unwrap()])
        .uid(65534)
        .gid(65534)
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(
        err.contains("you may read this file but not change it"),
        "{err}"
    );
    let meta = std::fs::metadata(&theirs).unwrap();
    assert_eq!((meta.uid(), meta.mode() & 0o7777), (0, 0o644));
    assert_eq!(std::fs::read(&theirs).unwrap(), sample);
}

#[test]
fn a_negative_number_after_a_space_gets_the_programs_own_words() {
    // clap alone suggested "-- -5", which makes -5 a file name.
    for args in [
        [
            "goal",
            "assets/october-2025-plan.ron",
            "--mineral",
            "Cobalt",
            "--coverage",
            "-5",
        ],
        [
            "allocate",
            "assets/october-2025-plan.ron",
            "--total-usd",
            "-5",
            "--weight",
            "Cobalt=1",
        ],
    ] {
        let (code, out, err) = run(&args);
        assert_eq!((code, out.as_str()), (2, ""), "{args:?}: {err}");
        assert!(!err.contains("-- -5"), "{err}");
        assert!(err.contains("\"-5\""), "{err}");
    }
}

#[test]
fn the_uncertainty_table_lines_up_with_long_names() {
    let (code, out, err) = run(&[
        "uncertainty",
        "assets/strategic-twelve.ron",
        "--samples",
        "200",
    ]);
    assert_eq!(code, 0, "{err}");
    let table: Vec<&str> = out
        .lines()
        .skip_while(|l| !l.starts_with("Mineral"))
        .take_while(|l| !l.starts_with("* "))
        .collect();
    assert!(table.len() > 12, "{out}");
    assert!(
        table
            .iter()
            .any(|l| l.starts_with("Rare earths (NdPr oxide) ")),
        "{out}"
    );
    // Every row ends its Chance column where the header does.
    let width = table[0].chars().count();
    for row in &table {
        assert_eq!(row.chars().count(), width, "{row:?} in\n{out}");
    }
}

#[test]
fn version_says_the_file_format_it_reads_and_writes() {
    let (code, out, _) = run(&["--version"]);
    assert_eq!(code, 0);
    assert_eq!(
        out,
        format!(
            "stockpile-planner {} (scenario files: format version {}; older versions are read and saved as {})\n",
            env!("CARGO_PKG_VERSION"),
            stockpile_planner::model::FORMAT_VERSION,
            stockpile_planner::model::FORMAT_VERSION,
        )
    );
}

#[test]
fn the_package_files_come_from_the_command_lines_own_definition() {
    let dir = tempfile::tempdir().unwrap();
    let (code, _, err) = run(&["generate-package-files", dir.path().to_str().unwrap()]);
    assert_eq!(code, 0, "{err}");
    let page = std::fs::read_to_string(dir.path().join("stockpile-planner.1")).unwrap();
    assert!(page.contains("stockpile\\-planner\\-merge(1)"), "{page}");
    let merge = std::fs::read_to_string(dir.path().join("stockpile-planner-merge.1")).unwrap();
    assert!(merge.contains("THEIRS"), "{merge}");
    let bash = std::fs::read_to_string(dir.path().join("stockpile-planner.bash")).unwrap();
    assert!(bash.contains("uncertainty"), "{bash}");
    for file in ["_stockpile-planner", "stockpile-planner.fish"] {
        assert!(dir.path().join(file).exists(), "{file}");
    }
    // The hidden command itself is not offered.
    assert!(!bash.contains("generate-package-files"));
}

#[test]
fn a_plan_outside_its_own_band_is_marked_and_said_why() {
    // Scandium's price sits at the top of its range in the sample.
    let (code, out, err) = run(&[
        "uncertainty",
        "assets/october-2025-plan.ron",
        "--samples",
        "400",
    ]);
    assert_eq!(code, 0, "{err}");
    let row = out.lines().find(|l| l.starts_with("Scandium")).unwrap();
    assert!(row.contains(" *"), "{out}");
    assert!(out.contains("\n* Scandium: The plan's "), "{out}");
}
