//! Coverage in time: the months of consumption the stockpile holds, checked
//! against numbers worked out by hand (the working is in each test's
//! comment). See "Coverage in time" in `docs/MODEL.md`.

use crate::common;

use common::simple;
use stockpile_planner::file;
use stockpile_planner::model::{project, validate};

#[test]
fn final_inventory_in_months_of_consumption() {
    // $120,000 over 12 months = $10,000/month; at $100/t that is 100 t a
    // month, delivered the same month: 1,200 t held at the end. Consumption
    // 2,400 t/yr = 200 t a month, so 1,200 t lasts 1,200 ÷ 200 = 6.0 months.
    let mut s = simple(12, 120_000.0, 3_000.0);
    s.minerals[0].annual_consumption_qty = Some(2_400.0);
    assert!(validate(&s).is_empty());
    let p = project(&s);
    let m = &p.minerals[0];
    assert_close!(m.final_inventory_qty(), 1_200.0);
    assert_close!(m.months_of_consumption(Some(2_400.0)).unwrap(), 6.0);
    assert_eq!(p.months_of_consumption(&s), [Some(6.0)]);
    // Coverage of the requirement is a different measure: 1,200 of 3,000 t.
    assert_close!(m.final_coverage_pct(), 40.0);
}

#[test]
fn months_of_consumption_month_by_month() {
    // 100 t a month against 200 t a month of consumption: half a month more
    // each month, 0.5 after month 1, 3.0 after month 6, 6.0 after month 12.
    // 300 t held at the start adds 300 ÷ 200 = 1.5 months to every month.
    let mut s = simple(12, 120_000.0, 3_000.0);
    s.minerals[0].annual_consumption_qty = Some(2_400.0);
    let m = &project(&s).minerals[0];
    let by_month = m.months_of_consumption_by_month(Some(2_400.0)).unwrap();
    assert_eq!(by_month.len(), 12);
    assert_close!(by_month[0], 0.5);
    assert_close!(by_month[5], 3.0);
    assert_close!(by_month[11], 6.0);
    assert_close!(
        m.months[5].months_of_consumption(Some(2_400.0)).unwrap(),
        3.0
    );

    s.minerals[0].opening_inventory_qty = 300.0;
    let m = &project(&s).minerals[0];
    let by_month = m.months_of_consumption_by_month(Some(2_400.0)).unwrap();
    assert_close!(by_month[0], 2.0);
    assert_close!(by_month[11], 7.5);
}

#[test]
fn without_a_stated_consumption_there_is_no_figure() {
    let s = simple(12, 120_000.0, 3_000.0);
    assert_eq!(s.minerals[0].annual_consumption_qty, None);
    let p = project(&s);
    assert_eq!(p.months_of_consumption(&s), [None]);
    assert_eq!(p.minerals[0].months_of_consumption(None), None);
    assert_eq!(p.minerals[0].months_of_consumption_by_month(None), None);
    // A zero or negative consumption gives no figure rather than infinity.
    assert_eq!(p.minerals[0].months_of_consumption(Some(0.0)), None);
    assert_eq!(p.minerals[0].months_of_consumption(Some(-5.0)), None);
}

#[test]
fn the_consumption_must_be_positive() {
    for bad in [0.0, -1.0, f64::NAN] {
        let mut s = simple(12, 120_000.0, 3_000.0);
        s.minerals[0].annual_consumption_qty = Some(bad);
        let problems = validate(&s);
        assert_eq!(problems.len(), 1, "{bad}: {problems:?}");
        assert_eq!(problems[0].path, "minerals[0].annual_consumption_qty");
        assert!(
            problems[0]
                .message
                .starts_with("The annual consumption must be"),
            "{}",
            problems[0].message
        );
    }
}

#[test]
fn files_without_the_field_read_as_before_and_it_round_trips() {
    // Not written when unset: a file without it keeps its meaning, and a
    // scenario without it saves exactly as before.
    let mut s = simple(12, 120_000.0, 3_000.0);
    let text = file::to_ron_string(&s);
    assert!(!text.contains("annual_consumption_qty"), "{text}");
    assert_eq!(file::from_str(&text, "x.ron").unwrap(), s);

    s.minerals[0].annual_consumption_qty = Some(2_400.0);
    let text = file::to_ron_string(&s);
    assert!(
        text.contains("annual_consumption_qty: Some(2400.0),"),
        "{text}"
    );
    assert_eq!(file::from_str(&text, "x.ron").unwrap(), s);
}

#[test]
fn the_project_command_shows_months_held() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("consumption.ron");
    let mut s = simple(12, 120_000.0, 3_000.0);
    s.minerals[0].annual_consumption_qty = Some(2_400.0);
    std::fs::write(&path, file::to_ron_string(&s)).unwrap();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_stockpile-planner"))
        .args(["project", path.to_str().unwrap()])
        .output()
        .unwrap();
    assert!(out.status.success());
    let out = String::from_utf8_lossy(&out.stdout);
    assert!(out.contains("Months held"), "{out}");
    let cobalt = out.lines().find(|l| l.starts_with("Cobalt ")).unwrap();
    assert!(cobalt.contains(" 6.0 "), "{cobalt}");
    // The monthly table has the column too: 0.5 months after month 1.
    let first = out.lines().find(|l| l.starts_with("2026-01 ")).unwrap();
    assert!(first.contains(" 0.5 "), "{first}");
}
