//! The fuzz targets' checks (`fuzz/`, run with `.ci/fuzz`) as plain tests,
//! on the fuzzer's seed corpus (`fuzz/seeds/`) and on the inputs kept in
//! `tests/fuzz_corpus/`: edge cases the targets must survive and every
//! minimised crash the fuzzer ever found (`ok-*` files must load, `bad-*`
//! files must be refused with a message). See docs/RELIABILITY.md,
//! "Fuzzing".

use std::path::{Path, PathBuf};
use stockpile_planner::file::{self, LoadError};
use stockpile_planner::model::{self, MAX_HORIZON_MONTHS, Scenario};

/// What both fuzz targets do with one input: load; on success validate,
/// project (always, also an invalid scenario), and save → load → save.
fn through_the_fuzz_targets(bytes: &[u8], what: &str) -> Result<Scenario, LoadError> {
    let scenario = file::from_bytes(bytes, "fuzz.ron")?;

    // load_validate_project
    for p in model::validate(&scenario) {
        assert!(!p.message.is_empty(), "{what}: empty message at {}", p.path);
    }
    let projection = model::project(&scenario);
    assert_eq!(projection.minerals.len(), scenario.minerals.len(), "{what}");
    let months = scenario.horizon_months.min(MAX_HORIZON_MONTHS) as usize;
    for m in &projection.minerals {
        assert_eq!(m.months.len(), months, "{what}: {}", m.name);
    }

    // round_trip
    let text = file::try_to_ron_string(&scenario)
        .unwrap_or_else(|e| panic!("{what}: a loaded scenario could not be saved: {e}"));
    let back = file::from_str(&text, "saved.ron")
        .unwrap_or_else(|e| panic!("{what}: the saved text does not load: {e}\n{text}"));
    assert_eq!(file::to_ron_string(&back), text, "{what}: bytes changed");
    #[allow(clippy::eq_op)]
    let has_no_nan = scenario == scenario;
    if has_no_nan {
        assert_eq!(back, scenario, "{what}: reloaded scenario differs");
    }
    Ok(scenario)
}

fn files_in(folder: &str) -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join(folder);
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|entry| entry.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "ron"))
        .collect();
    files.sort();
    assert!(!files.is_empty(), "no .ron files in {}", dir.display());
    files
}

fn file_name(path: &Path) -> String {
    path.file_name().unwrap().to_string_lossy().into_owned()
}

/// Every kept input: `ok-*` loads, `bad-*` is refused with a message (and,
/// when the file is not empty, the line where the problem is).
fn check_kept_inputs(folder: &str) {
    for path in files_in(folder) {
        let name = file_name(&path);
        let bytes = std::fs::read(&path).unwrap();
        let result = through_the_fuzz_targets(&bytes, &name);
        if name.starts_with("bad-") {
            let e = result.expect_err(&name);
            assert!(!e.message.is_empty(), "{name}");
            assert!(
                bytes.is_empty() || e.line.is_some(),
                "{name}: no line in {e}"
            );
        } else {
            result.unwrap_or_else(|e| panic!("{name} should load: {e}"));
        }
    }
}

#[test]
fn every_kept_fuzz_input_goes_through_the_targets() {
    check_kept_inputs("tests/fuzz_corpus");
}

#[test]
fn every_seed_of_the_fuzz_corpus_goes_through_the_targets() {
    // asset-*, minimal, version-1 and every-kind load; bad-* are the cases
    // of tests/files/file_format.rs.
    let seeds = files_in("fuzz/seeds");
    assert!(seeds.len() >= 16, "{seeds:?}");
    for path in seeds {
        let name = file_name(&path);
        let result = through_the_fuzz_targets(&std::fs::read(&path).unwrap(), &name);
        assert_eq!(
            result.is_ok(),
            !name.starts_with("bad-"),
            "{name}: {result:?}"
        );
    }
}

#[test]
fn the_every_kind_seed_holds_every_kind() {
    // The seed that reaches the projection's event paths must keep loading
    // with all of them, or the fuzzer starts from less than it should.
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz/seeds/every-kind.ron");
    let s = through_the_fuzz_targets(&std::fs::read(path).unwrap(), "every-kind").unwrap();
    let kinds: Vec<&str> = s.disruptions.iter().map(|d| d.kind.label()).collect();
    assert_eq!(
        kinds,
        [
            "Export quota (quantity)",
            "Price shock",
            "Export ban",
            "Licensing delay"
        ]
    );
    assert_eq!(s.minerals.len(), 2);
}

#[test]
fn nesting_deeper_than_any_scenario_is_refused_not_a_stack_overflow() {
    for depth in [200, 10_000, 100_000] {
        let text = format!(
            "Scenario(minerals: {}{})",
            "[".repeat(depth),
            "]".repeat(depth)
        );
        let e = through_the_fuzz_targets(text.as_bytes(), "deep").unwrap_err();
        assert_eq!(e.line, Some(1), "{e}");
    }
}

#[test]
fn extreme_numbers_load_are_listed_as_problems_and_project() {
    let path =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fuzz_corpus/ok-extreme-numbers.ron");
    let s = through_the_fuzz_targets(&std::fs::read(path).unwrap(), "extremes").unwrap();
    let problems = model::validate(&s);
    let paths: Vec<&str> = problems.iter().map(|p| p.path.as_str()).collect();
    for field in [
        "horizon_months",
        "minerals[0].price_usd_per_unit",
        "minerals[0].requirement_qty",
    ] {
        assert!(paths.contains(&field), "{field} not in {paths:?}");
    }
    assert_eq!(model::project(&s).horizon_months, MAX_HORIZON_MONTHS);
}

#[test]
fn a_number_too_large_for_a_whole_number_field_says_the_range() {
    // Found while writing the kept inputs: the message said "whole numbers
    // of months cannot be negative", also for format_version and for a
    // number too large.
    for (name, field) in [
        ("bad-horizon-too-large.ron", "`horizon_months`"),
        ("bad-version-overflow.ron", "`format_version`"),
    ] {
        let path = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fuzz_corpus")
            .join(name);
        let e = file::from_bytes(&std::fs::read(path).unwrap(), name).unwrap_err();
        assert_eq!(
            e.message,
            format!(
                "{field}: this number is out of range here (expected a whole number from 0 to 4294967295)"
            )
        );
    }
}

#[test]
fn a_byte_order_mark_is_ignored_and_columns_count_from_after_it() {
    // Found while writing the kept inputs: a file that a Windows editor
    // saved with a byte order mark was "not a Stockpile Planner scenario".
    let path =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fuzz_corpus/ok-byte-order-mark.ron");
    let bytes = std::fs::read(path).unwrap();
    assert!(bytes.starts_with(b"\xef\xbb\xbf"));
    let s = file::from_bytes(&bytes, "bom.ron").unwrap();
    assert_eq!(s.name, "BOM");
    assert!(!file::to_ron_string(&s).starts_with('\u{feff}'));

    let e = file::from_str("\u{feff}Scenario(nmae: 1)", "bom.ron").unwrap_err();
    assert_eq!((e.line, e.column), (Some(1), Some(10)), "{e}");
}
