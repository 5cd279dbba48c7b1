//! Variants in one file (format version 3) and comparison with a baseline:
//! the file format, validation of every variant, and `check`, `project`
//! and `diff` on the command line, checking printed lines exactly.

use std::path::{Path, PathBuf};
use std::process::Command;
use stockpile_planner::file::{self, MAX_VARIANTS};
use stockpile_planner::model::{Scenario, validate, validate_all, validate_each};
use stockpile_planner::samples;

fn run(args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_stockpile-planner"))
        .args(args)
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// One mineral at $100/t, 100 t required, nothing held, one supplier with
/// no lead time, no ceiling, even spending over 12 months from 2026-01.
fn simple(name: &str, budget_usd: f64) -> Scenario {
    let mut s = samples::hand_check(budget_usd);
    s.name = name.into();
    s
}

/// "Plan" ($24,000) with the variant "Budget cut" ($12,000).
fn plan_with_a_cut() -> Scenario {
    let mut s = simple("Plan", 24_000.0);
    s.variants.push(simple("Budget cut", 12_000.0));
    s
}

fn write(dir: &Path, name: &str, scenario: &Scenario) -> PathBuf {
    let path = dir.join(name);
    file::save_atomic(&path, scenario).unwrap();
    path
}

#[test]
fn files_without_variants_are_written_as_before() {
    for sample in samples::ALL {
        let scenario = sample.scenario();
        assert!(sample.text.contains("    format_version: 3,\n"));
        // Saving gives the file's bytes back, with a `variants` list only
        // when there are variants.
        assert_eq!(
            file::to_ron_string(&scenario),
            sample.text,
            "{}",
            sample.file_name
        );
        assert_eq!(
            sample.text.contains("    variants: ["),
            !scenario.variants.is_empty(),
            "{}",
            sample.file_name
        );
    }
    assert!(!samples::STRATEGIC_TWELVE.text.contains("variants"));
}

#[test]
fn variants_are_written_in_full_after_the_events_and_round_trip() {
    let s = plan_with_a_cut();
    let text = file::to_ron_string(&s);
    assert!(
        text.contains(
            "    disruptions: [],\n    variants: [\n        Scenario(\n            format_version: 3,\n            name: \"Budget cut\",\n"
        ),
        "{text}"
    );
    let back = file::from_str(&text, "plan.ron").unwrap();
    assert_eq!(back, s);
    assert_eq!(file::to_ron_string(&back), text);
    // A one-field change in a variant is a one-line diff.
    let mut changed = s.clone();
    changed.variants[0].minerals[0].budget_usd = 11_000.0;
    let after = file::to_ron_string(&changed);
    let lines: Vec<(&str, &str)> = text
        .lines()
        .zip(after.lines())
        .filter(|(a, b)| a != b)
        .collect();
    assert_eq!(
        lines,
        vec![(
            "                    budget_usd: 12000.0,",
            "                    budget_usd: 11000.0,"
        )]
    );
}

#[test]
fn older_variants_are_upgraded_like_the_base() {
    let text =
        file::to_ron_string(&plan_with_a_cut()).replace("format_version: 3", "format_version: 2");
    let s = file::from_str(&text, "plan.ron").unwrap();
    assert_eq!(s.format_version, 3);
    assert_eq!(s.variants[0].format_version, 3);
}

#[test]
fn a_variant_with_variants_of_its_own_is_refused() {
    let mut s = plan_with_a_cut();
    s.variants[0].variants.push(simple("Deeper", 1.0));
    let e = file::from_str(&file::to_ron_string(&s), "plan.ron").unwrap_err();
    assert_eq!(
        e.to_string(),
        "plan.ron: the variant \"Budget cut\" holds variants of its own; variants are listed only in the base scenario, one level deep"
    );
}

#[test]
fn limits_apply_to_every_variant() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = simple("Plan", 1.0);
    for k in 0..=MAX_VARIANTS {
        s.variants.push(simple(&format!("V{k}"), 1.0));
    }
    let path = write(dir.path(), "many.ron", &s);
    let e = file::load(&path).unwrap_err();
    assert_eq!(
        e.message,
        "the file has 51 variants; a scenario may have at most 50"
    );
    let mut s = plan_with_a_cut();
    s.variants[0].minerals[0].spending =
        stockpile_planner::model::SpendingProfile::PerMonthUsd(vec![
            1.0;
            file::MAX_AMOUNTS_PER_MINERAL
                + 1
        ]);
    let path = write(dir.path(), "long.ron", &s);
    let e = file::load(&path).unwrap_err();
    assert_eq!(
        e.message,
        "the file has 2401 spending amounts for Cobalt in variant \"Budget cut\"; a scenario may have at most 2400"
    );
}

#[test]
fn validate_all_covers_every_variant_and_their_names() {
    let mut s = plan_with_a_cut();
    s.variants[0].minerals[0].budget_usd = -1.0;
    s.variants.push(simple(" plan ", 1.0));
    s.variants.push(simple("", 1.0));
    // `validate` checks only the scenario it is given.
    assert_eq!(validate(&s), vec![]);
    let all: Vec<String> = validate_all(&s).iter().map(|p| p.to_string()).collect();
    assert_eq!(
        all,
        vec![
            "variants[0].minerals[0].budget_usd: The budget cannot be negative (it is -1)",
            "variants[1].name: Another variant (the base scenario) is also called \"plan\"; variant names must differ",
            "variants[2].name: A variant needs a name",
        ]
    );
    let each: Vec<usize> = validate_each(&s).iter().map(|(k, _)| *k).collect();
    assert_eq!(each, vec![1, 2, 3]);
}

#[test]
fn check_validates_every_variant() {
    let dir = tempfile::tempdir().unwrap();
    let good = write(dir.path(), "good.ron", &plan_with_a_cut());
    let mut s = plan_with_a_cut();
    s.variants[0].minerals[0].budget_usd = -1.0;
    let bad = write(dir.path(), "bad.ron", &s);
    let (code, out, err) = run(&["check", good.to_str().unwrap(), bad.to_str().unwrap()]);
    assert_eq!(code, 1);
    assert_eq!(
        out,
        format!(
            "{}: ok (1 minerals, 12 months from 2026-01; and 1 variant)\n",
            good.display()
        )
    );
    assert_eq!(
        err,
        format!(
            "{}: variant \"Budget cut\": minerals[0].budget_usd: The budget cannot be negative (it is -1)\n",
            bad.display()
        )
    );
    // Only the base: fine. Only the variant, named in another case: not.
    let (code, out, _) = run(&["check", bad.to_str().unwrap(), "--variant", "Plan"]);
    assert_eq!(
        (code, out),
        (
            0,
            format!(
                "{}: ok (1 minerals, 12 months from 2026-01)\n",
                bad.display()
            )
        )
    );
    let (code, _, err) = run(&["check", bad.to_str().unwrap(), "--variant", "budget CUT"]);
    assert_eq!(code, 1);
    assert!(
        err.starts_with(&format!(
            "{}: variant \"Budget cut\": minerals[0]",
            bad.display()
        )),
        "{err}"
    );
    let (code, out, _) = run(&["check", good.to_str().unwrap(), "--variant", "Budget cut"]);
    assert_eq!(
        (code, out),
        (
            0,
            format!(
                "{}: variant \"Budget cut\": ok (1 minerals, 12 months from 2026-01)\n",
                good.display()
            )
        )
    );
}

#[test]
fn project_projects_the_named_variant() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), "plan.ron", &plan_with_a_cut());
    let p = path.to_str().unwrap();
    let (code, out, _) = run(&["project", p, "--variant", "Budget cut"]);
    assert_eq!(code, 0);
    assert!(
        out.starts_with("Budget cut\n12 months from 2026-01 to 2026-12\n"),
        "{out}"
    );
    let (code, out, _) = run(&["project", p, "--csv", "--variant", "Budget cut"]);
    assert_eq!(code, 0);
    // $12,000 / 12 = $1,000 a month at $100/t: 10 t, 10 % of 100 t.
    assert_eq!(
        out.lines().nth(1).unwrap(),
        "2026-01,Cobalt,t,1000,10,10,10,100,10,0,1"
    );
    let (code, out, _) = run(&["project", p, "--csv"]);
    assert_eq!(
        (code, out.lines().nth(1).unwrap()),
        (0, "2026-01,Cobalt,t,2000,20,20,20,100,20,0,1")
    );
    let (code, out, err) = run(&["project", p, "--variant", "Ban in 2026"]);
    assert_eq!((code, out.as_str()), (1, ""));
    assert_eq!(
        err,
        format!(
            "{p}: there is no variant called \"Ban in 2026\"; the file has \"Plan\" (the base), \"Budget cut\"\n"
        )
    );
}

#[test]
fn diff_of_two_variants_of_one_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), "plan.ron", &plan_with_a_cut());
    let p = path.to_str().unwrap();
    let (code, out, err) = run(&["diff", p, "--variant", "Budget cut"]);
    assert_eq!((code, err.as_str()), (0, ""));
    // By hand: $2,000 a month buys 20 t, so 100 % is reached in month 5
    // (2026-05) and 240 % at the end; $1,000 a month buys 10 t: 100 % in
    // month 10 (2026-10), 120 % at the end. Everything is spent both times.
    let expected = [
        format!("Baseline: {p}, base \"Plan\""),
        format!("Live: {p}, variant \"Budget cut\""),
        String::new(),
        "1 difference:".into(),
        "Cobalt · budget: $24k → $12k".into(),
        String::new(),
        "Mineral                      Coverage Δ           100% reached Δ    Spent Δ  Unspent Δ"
            .into(),
        "Cobalt                       -120.0 pts           5 months later      -$12k         $0"
            .into(),
    ];
    assert_eq!(out.lines().collect::<Vec<_>>(), expected);
    // The other way round, naming the baseline variant.
    let (code, out, _) = run(&["diff", p, "--baseline-variant", "Budget cut"]);
    assert_eq!(code, 0);
    assert_eq!(out.lines().nth(4).unwrap(), "Cobalt · budget: $12k → $24k");
    assert_eq!(
        out.lines().last().unwrap(),
        "Cobalt                       +120.0 pts         5 months earlier      +$12k         $0"
    );
    // The same variant twice: no differences, nothing moved.
    let (code, out, _) = run(&["diff", p]);
    assert_eq!(code, 0);
    assert_eq!(out.lines().nth(3).unwrap(), "No differences in the inputs.");
    assert!(out.lines().last().unwrap().contains("0.0 pts"), "{out}");
}

#[test]
fn diff_of_two_files() {
    let dir = tempfile::tempdir().unwrap();
    let base = write(dir.path(), "a.ron", &simple("Plan", 12_000.0));
    let mut live = simple("Plan", 6_000.0);
    let mut gallium = live.minerals[0].clone();
    gallium.name = "Gallium".into();
    live.minerals.push(gallium);
    let live = write(dir.path(), "b.ron", &live);
    let (code, out, _) = run(&["diff", base.to_str().unwrap(), live.to_str().unwrap()]);
    assert_eq!(code, 0);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(
        lines[3..],
        [
            "2 differences:",
            "Cobalt · budget: $12k → $6k",
            "Gallium · mineral added",
            "",
            "Mineral                      Coverage Δ           100% reached Δ    Spent Δ  Unspent Δ",
            "Cobalt                        -60.0 pts        no longer reached       -$6k         $0",
            "Gallium                    not in baseline                        —          —          —",
        ]
    );
}

#[test]
fn diff_refuses_invalid_input() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = plan_with_a_cut();
    s.variants[0].minerals[0].suppliers.clear();
    let path = write(dir.path(), "plan.ron", &s);
    let p = path.to_str().unwrap();
    let (code, out, err) = run(&["diff", p, "--variant", "Budget cut"]);
    assert_eq!((code, out.as_str()), (1, ""));
    assert_eq!(
        err,
        format!(
            "{p}: variant \"Budget cut\": minerals[0].suppliers: There are no suppliers, so the budget cannot be spent\n"
        )
    );
    let (code, _, err) = run(&["diff", p, "/nonexistent/b.ron"]);
    assert_eq!(code, 1);
    assert_eq!(err, "/nonexistent/b.ron: the file does not exist\n");
}
