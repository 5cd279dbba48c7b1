//! The RON file format: stable bytes, exact round trips, defaults, and one
//! test per class of bad file, each checking the message and line:column.

use stockpile_planner::file::{self, LoadError};
use stockpile_planner::model::{PurchaseCeiling, SpendingProfile, validate};
use stockpile_planner::samples;

const PLAN: &str = samples::OCTOBER_2025_PLAN.text;

fn load_err(text: &str) -> LoadError {
    file::from_str(text, "plan.ron").expect_err("the file should be refused")
}

#[test]
fn samples_load_validate_and_are_saved_byte_for_byte() {
    for sample in samples::ALL {
        let scenario = file::from_str(sample.text, sample.file_name).unwrap();
        assert_eq!(validate(&scenario), vec![], "{}", sample.file_name);
        // The files in assets/ are exactly what Save writes.
        assert_eq!(
            file::to_ron_string(&scenario),
            sample.text,
            "{}",
            sample.file_name
        );
    }
}

#[test]
fn save_load_save_is_unchanged() {
    let scenario = samples::STRATEGIC_TWELVE.scenario();
    let first = file::to_ron_string(&scenario);
    let reloaded = file::from_str(&first, "x.ron").unwrap();
    assert_eq!(reloaded, scenario);
    assert_eq!(file::to_ron_string(&reloaded), first);
}

#[test]
fn a_one_field_change_is_a_one_line_diff() {
    let mut scenario = samples::default_scenario();
    let before = file::to_ron_string(&scenario);
    scenario.minerals[1].budget_usd = 300e6;
    let after = file::to_ron_string(&scenario);
    let changed: Vec<(&str, &str)> = before
        .lines()
        .zip(after.lines())
        .filter(|(a, b)| a != b)
        .collect();
    assert_eq!(before.lines().count(), after.lines().count());
    assert_eq!(
        changed,
        vec![(
            "            budget_usd: 245000000.0,",
            "            budget_usd: 300000000.0,"
        )]
    );
}

#[test]
fn missing_optional_fields_take_documented_defaults() {
    let text = r#"Scenario(
    format_version: 1,
    name: "Minimal",
    start: "2026-01",
    horizon_months: 12,
    minerals: [
        Mineral(
            name: "Gallium",
            price_usd_per_unit: 280.0,
            requirement_qty: 1000.0,
            budget_usd: 28000.0,
            suppliers: [Supplier(name: "Japan", share_pct: 100.0)],
        ),
    ],
)"#;
    let s = file::from_str(text, "minimal.ron").unwrap();
    assert_eq!(s.notes, "");
    assert!(s.settings.carry_over_unspent);
    let m = &s.minerals[0];
    assert_eq!(m.unit.symbol(), "t");
    assert_eq!(m.escalation_pct_per_year, 0.0);
    assert_eq!(m.opening_inventory_qty, 0.0);
    assert_eq!(m.spending, SpendingProfile::Even);
    assert_eq!(m.ceiling, PurchaseCeiling::None);
    assert_eq!(m.suppliers[0].lead_time_months, 0);
    assert!(validate(&s).is_empty());
}

#[test]
fn a_version_1_file_from_before_disruptions_still_loads() {
    // Written by the first release: format_version 1, no `disruptions`, and
    // settings with only `carry_over_unspent`.
    let text = r#"Scenario(
    format_version: 1,
    name: "Old plan",
    start: "2025-11",
    horizon_months: 60,
    settings: Settings(
        carry_over_unspent: false,
    ),
    minerals: [
        Mineral(
            name: "Cobalt",
            unit: t,
            price_usd_per_unit: 42000.0,
            requirement_qty: 7500.0,
            budget_usd: 500000000.0,
            suppliers: [Supplier(name: "DRC", share_pct: 100.0, lead_time_months: 4)],
        ),
    ],
)"#;
    let s = file::from_str(text, "old.ron").unwrap();
    assert!(s.disruptions.is_empty());
    assert!(!s.settings.carry_over_unspent);
    assert!(s.settings.resource_blocked_orders);
    assert_eq!(s.format_version, 3, "saving writes the current version");
    assert!(validate(&s).is_empty());
}

#[test]
fn events_round_trip() {
    let s = samples::OCTOBER_2025_CHINA_RESTRICTIONS.scenario();
    // Eight China and DRC presets as of December 2026 (one, the DRC quotas
    // continuing after 2027, disabled), among them the US ban's return with
    // its world price response.
    assert_eq!(s.disruptions.len(), 8);
    assert_eq!(s.disruptions.iter().filter(|d| !d.enabled).count(), 1);
    let text = file::to_ron_string(&s);
    assert_eq!(file::from_str(&text, "x.ron").unwrap(), s);
    assert!(text.contains("kind: ExportCutPct(58.0),"));
    assert!(text.contains("world_price_pct: 50.0,"));
}

#[test]
fn misspelled_field_names_the_field_and_suggests_the_right_one() {
    let text = PLAN.replacen("budget_usd: 500000000.0", "budjet_usd: 500000000.0", 1);
    let e = load_err(&text);
    assert_eq!((e.line, e.column), (Some(25), Some(13)));
    assert!(
        e.message.contains("unknown field `budjet_usd` in Mineral"),
        "{e}"
    );
    assert!(e.message.contains("did you mean `budget_usd`?"), "{e}");
    assert!(e.to_string().starts_with("plan.ron:25:13: "), "{e}");
}

#[test]
fn wrong_type_names_the_field_and_what_was_expected() {
    let text = PLAN.replacen("budget_usd: 500000000.0", "budget_usd: \"lots\"", 1);
    let e = load_err(&text);
    assert_eq!((e.line, e.column), (Some(25), Some(25)));
    assert_eq!(
        e.message,
        "`budget_usd`: expected a number here (for example 1500 or 42.5)"
    );
}

#[test]
fn negative_lead_time_is_out_of_range() {
    // Sumitomo's lead time (cobalt's third refiner), line 59.
    let text = PLAN.replacen("lead_time_months: 3,", "lead_time_months: -3,", 1);
    assert_ne!(text, PLAN, "the sample no longer has this lead time");
    let e = load_err(&text);
    assert_eq!((e.line, e.column), (Some(59), Some(40)));
    assert!(
        e.message
            .starts_with("`lead_time_months`: this number is out of range"),
        "{e}"
    );
}

#[test]
fn unknown_unit_lists_the_choices() {
    let text = PLAN.replacen("unit: t,", "unit: tonnes,", 1);
    let e = load_err(&text);
    assert_eq!((e.line, e.column), (Some(20), Some(19)));
    assert!(e.message.contains("`tonnes` is not a valid choice"), "{e}");
    assert!(e.message.contains("`t`, `kg`"), "{e}");
}

#[test]
fn bad_month_says_how_to_write_one() {
    // The scenario's start, line 6.
    let text = PLAN.replacen("start: \"2025-10\"", "start: \"Oct 2025\"", 1);
    assert_ne!(text, PLAN, "the sample no longer starts in 2025-10");
    let e = load_err(&text);
    assert_eq!(e.line, Some(6));
    assert!(e.message.contains("\"YYYY-MM\""), "{e}");
    assert!(e.message.contains("\"Oct 2025\""), "{e}");
}

#[test]
fn truncated_file_says_it_is_cut_off_where_it_ends() {
    // Cut in the indentation after cobalt's first `Supplier(` (line 28,
    // which ends at column 25): a cut found by structure, not by a byte
    // count, so that it cannot fall inside the long notes string.
    let open = "                Supplier(\n";
    let cut = PLAN.find(open).expect("the sample has a supplier") + open.len() + 11;
    assert_eq!(PLAN[..cut].lines().count(), 29);
    assert!(PLAN[..cut].ends_with("Supplier(\n           "));
    let e = load_err(&PLAN[..cut]);
    assert_eq!((e.line, e.column), (Some(28), Some(26)));
    assert!(e.message.contains("ends too early"), "{e}");
}

#[test]
fn a_required_field_that_is_missing_is_named() {
    let text: String = PLAN
        .lines()
        .filter(|l| !l.contains("horizon_months"))
        .map(|l| format!("{l}\n"))
        .collect();
    let e = load_err(&text);
    assert!(
        e.message
            .contains("required field `horizon_months` is missing"),
        "{e}"
    );
    assert!(e.line.is_some());
}

#[test]
fn a_file_that_is_not_ron_at_all() {
    let e = load_err("{\"name\": \"Cobalt\", \"budget\": 5}\n");
    assert_eq!((e.line, e.column), (Some(1), Some(1)));
    assert!(
        e.message
            .contains("does not look like a Stockpile Planner scenario"),
        "{e}"
    );
}

#[test]
fn a_file_that_is_not_utf8() {
    let bytes = b"Scenario(\n    format_version: 1,\n    name: \"Kobalt \xe9t\xe9\",\n)";
    let e = file::from_bytes(bytes, "latin1.ron").unwrap_err();
    assert_eq!((e.line, e.column), (Some(3), Some(19)));
    assert!(e.message.contains("not a text file in UTF-8"), "{e}");
}

#[test]
fn a_file_from_a_newer_version_is_refused() {
    let text = PLAN
        .replacen("format_version: 3", "format_version: 7", 1)
        .replacen(
            "budget_usd: 500000000.0",
            "budget_usd: 500000000.0, new_field: 3",
            1,
        );
    let e = load_err(&text);
    assert_eq!((e.line, e.column), (Some(3), Some(5)));
    assert!(e.message.contains("format_version 7"), "{e}");
    assert!(e.message.contains("newer Stockpile Planner"), "{e}");
}

/// A probe found `format_version: 0` accepted; no version is 0.
#[test]
fn format_version_0_is_refused_where_it_is_written() {
    let text = PLAN.replacen("format_version: 3", "format_version: 0", 1);
    let e = load_err(&text);
    assert_eq!((e.line, e.column), (Some(3), Some(5)));
    assert!(
        e.message.contains("format_version 0 is not a version"),
        "{e}"
    );
}

#[test]
fn a_file_that_does_not_exist() {
    let e = file::load(std::path::Path::new("/nonexistent/plan.ron")).unwrap_err();
    assert_eq!(
        e.to_string(),
        "/nonexistent/plan.ron: the file does not exist"
    );
}

#[test]
fn atomic_save_writes_exactly_the_ron_text() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("plan.ron");
    let scenario = samples::default_scenario();
    file::save_atomic(&path, &scenario).unwrap();
    assert_eq!(std::fs::read_to_string(&path).unwrap(), PLAN);
    // No temporary file is left behind.
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
}
