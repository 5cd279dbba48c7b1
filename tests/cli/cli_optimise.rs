//! The command line's `goal` and `allocate` (`cli::goal_file`,
//! `cli::allocate_file`), on files written by hand: Cobalt at $100/t from
//! one supplier with no lead time, 1,000 t required (see
//! tests/model/goal_seek_by_hand.rs and tests/model/allocation.rs for the arithmetic).

use crate::common;

use common::simple;
use std::path::{Path, PathBuf};
use stockpile_planner::cli::{allocate_file, goal_file};
use stockpile_planner::file;
use stockpile_planner::model::{PurchaseCeiling, Scenario};

fn write(dir: &Path, name: &str, s: &Scenario) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, file::to_ron_string(s)).unwrap();
    path
}

fn goal(path: &Path, mineral: &str, coverage: &str, by: Option<&str>) -> (i32, String, String) {
    let (mut out, mut err) = (Vec::new(), Vec::new());
    let code = goal_file(path, None, mineral, coverage, by, &mut out, &mut err);
    (
        code,
        String::from_utf8(out).unwrap(),
        String::from_utf8(err).unwrap(),
    )
}

fn split(path: &Path, total: &str, weights: &[&str]) -> (i32, String, String) {
    let (mut out, mut err) = (Vec::new(), Vec::new());
    let weights: Vec<String> = weights.iter().map(|w| w.to_string()).collect();
    let code = allocate_file(path, None, total, &weights, &mut out, &mut err);
    (
        code,
        String::from_utf8(out).unwrap(),
        String::from_utf8(err).unwrap(),
    )
}

#[test]
fn goal_says_the_budget_needed() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), "plan.ron", &simple(10, 10_000.0, 1_000.0));
    let (code, out, err) = goal(&path, "Cobalt", "80%", None);
    assert_eq!(code, 0, "{err}");
    assert_eq!(
        out,
        "Cobalt: 80% coverage by 2026-10\n\
         Needs a budget of $80,000 (gives 80.0%; the current $10,000 gives 10.0%).\n"
    );
    // By a month, ignoring case in the name: 50 % by May is 500 t in 5
    // months, $100,000 over the 10.
    let (code, out, _) = goal(&path, "cobalt", "50", Some("2026-05"));
    assert_eq!(code, 0);
    assert!(
        out.contains("Cobalt: 50% coverage by 2026-05\nNeeds a budget of $100,000"),
        "{out}"
    );
}

#[test]
fn goal_prints_budgets_in_whole_dollars() {
    // 80 % of 1,234.5 t is 987.6 t; at $97.13/t that is $95,925.588, found
    // by a search to within a dollar: never cents.
    let dir = tempfile::tempdir().unwrap();
    let mut s = simple(10, 10_000.37, 1_234.5);
    s.minerals[0].price_usd_per_unit = 97.13;
    let path = write(dir.path(), "plan.ron", &s);
    let (code, out, err) = goal(&path, "Cobalt", "80", None);
    assert_eq!(code, 0, "{err}");
    // The current budget's cents are dropped too: $10,000.37 buys 8.3 %
    // (102.96 t of 1,234.5).
    assert_eq!(
        out,
        "Cobalt: 80% coverage by 2026-10\n\
         Needs a budget of $95,926 (gives 80.0%; the current $10,000 gives 8.3%).\n"
    );
}

#[test]
fn goal_says_what_binds_when_not_reachable() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = simple(12, 10_000.0, 1_000.0);
    s.minerals[0].ceiling = PurchaseCeiling::QtyPerYear(600.0);
    let path = write(dir.path(), "plan.ron", &s);
    let (code, out, _) = goal(&path, "Cobalt", "80", None);
    assert_eq!(code, 0);
    assert_eq!(
        out,
        "Cobalt: 80% coverage by 2026-12\n\
         Not reachable: the purchase ceiling binds at 60.0%.\n\
         The most by 2026-12 is 60.0%, from a budget of $60,000 (more is not used; the \
         current $10,000 gives 10.0%).\n"
    );
}

#[test]
fn goal_refuses_what_it_cannot_use() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), "plan.ron", &simple(12, 10_000.0, 1_000.0));
    let (code, _, err) = goal(&path, "Gallium", "80", None);
    assert_eq!(code, 1);
    assert!(
        err.ends_with("there is no mineral called \"Gallium\"; the file has \"Cobalt\"\n"),
        "{err}"
    );
    let (code, _, err) = goal(&path, "Cobalt", "80", Some("2027-01"));
    assert_eq!(code, 1);
    assert_eq!(
        err,
        "2027-01 lies outside the plan, which runs from 2026-01 to 2026-12\n"
    );
    // Arguments wrong whatever the file: usage errors, exit 2, as clap's.
    let (code, _, err) = goal(&path, "Cobalt", "80", Some("Sept 2027"));
    assert_eq!(code, 2);
    assert!(
        err.contains("YYYY-MM, such as 2027-09, not \"Sept 2027\""),
        "{err}"
    );
    let (code, _, err) = goal(&path, "Cobalt", "most", None);
    assert_eq!(code, 2);
    assert!(err.contains("not \"most\""), "{err}");
    for outside in ["-5", "1001", "1e400"] {
        let (code, out, err) = goal(&path, "Cobalt", outside, None);
        assert_eq!((code, out.as_str()), (2, ""), "{outside}: {err}");
        assert!(err.contains("from 0 to 1,000"), "{err}");
    }
}

#[test]
fn allocate_prints_the_split_beside_the_current_one() {
    // Cobalt 1,000 t and Gallium 500 t: $90,000 gives both 60 %.
    let dir = tempfile::tempdir().unwrap();
    let mut s = simple(12, 10_000.0, 1_000.0);
    let mut gallium = s.minerals[0].clone();
    gallium.name = "Gallium".into();
    gallium.requirement_qty = 500.0;
    s.minerals.push(gallium);
    let path = write(dir.path(), "plan.ron", &s);
    let (code, out, err) = split(&path, "$90k", &[]);
    assert_eq!(code, 0, "{err}");
    assert!(
        out.starts_with(
            "Hand check: $90,000 split to raise the lowest coverage at the end (2026-12)\n"
        ),
        "{out}"
    );
    let cobalt = out.lines().find(|l| l.starts_with("Cobalt")).unwrap();
    let cells: Vec<&str> = cobalt.split_whitespace().collect();
    assert_eq!(cells, ["Cobalt", "1", "$10k", "10.0%", "$60k", "60.0%"]);
    assert!(
        out.contains("Lowest coverage: 10.0% now, 60.0% proposed."),
        "{out}"
    );
    // Cobalt's shortfall counted twice: 70 % and 40 %.
    let (code, out, _) = split(&path, "90000", &["Cobalt=2"]);
    assert_eq!(code, 0);
    assert!(out.contains("Lowest weighted score: "), "{out}");
    let gallium = out.lines().find(|l| l.starts_with("Gallium")).unwrap();
    assert!(gallium.ends_with("$20k     40.0%"), "{gallium}");
    // Money beyond full coverage.
    let (_, out, _) = split(&path, "200k", &[]);
    assert!(
        out.ends_with("$50,000 is not needed: every mineral reaches 100% coverage.\n"),
        "{out}"
    );
}

#[test]
fn allocate_refuses_what_it_cannot_use() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), "plan.ron", &simple(12, 10_000.0, 1_000.0));
    let (code, _, err) = split(&path, "lots", &[]);
    assert_eq!(code, 2);
    assert!(err.contains("the total must be an amount"), "{err}");
    let (code, _, err) = split(&path, "1e6", &["Tin=2"]);
    assert_eq!(code, 1);
    assert!(err.contains("there is no mineral called \"Tin\""), "{err}");
    let (code, _, err) = split(&path, "1e6", &["Cobalt=-1"]);
    assert_eq!(code, 2);
    assert_eq!(
        err,
        "the weight of Cobalt must be a number from 0 to 1,000,000, not \"-1\"\n"
    );
    // One mineral, two weights (names match ignoring case): refused.
    let (code, out, err) = split(&path, "1e6", &["Cobalt=2", "cobalt=3"]);
    assert_eq!((code, out.as_str()), (2, ""), "{err}");
    assert_eq!(
        err,
        "Cobalt is given a weight twice (as \"Cobalt\" and \"cobalt\"); give each mineral one weight\n"
    );
}

#[test]
fn allocate_the_largest_sample() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/strategic-twelve.ron");
    let (code, out, err) = split(&path, "$2.5B", &["Cobalt=2"]);
    assert_eq!(code, 0, "{err}");
    // A row for each of the twelve minerals, with its coverage now and as
    // proposed, and the total.
    let scenario = stockpile_planner::file::load(&path).unwrap();
    for m in &scenario.minerals {
        let row = out
            .lines()
            .find(|l| l.starts_with(&m.name))
            .unwrap_or_else(|| panic!("{} missing: {out}", m.name));
        assert_eq!(row.matches('%').count(), 2, "{row}");
    }
    assert!(out.lines().any(|l| l.starts_with("Total")), "{out}");
}
