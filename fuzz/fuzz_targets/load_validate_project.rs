//! Bytes → `file::from_bytes` → `model::validate` → `model::project`.
//!
//! Loading must turn any bytes into a scenario or a `LoadError` (never a
//! panic), and validation and projection must be total: projection runs also
//! on scenarios that fail validation. Only scenarios so large that one
//! projection would take long are skipped, so that the fuzzer finds crashes,
//! not time-outs.

#![no_main]

use libfuzzer_sys::fuzz_target;
use stockpile_planner::file;
use stockpile_planner::model::{self, MAX_HORIZON_MONTHS, Scenario};

/// Most "supplier-months × (1 + events)" projected per input: the
/// 12-mineral sample is about 4,000; this is far above any file a fuzz
/// input of a few kilobytes gives in practice, far below a slow one.
const MAX_WORK: u64 = 2_000_000;

fn work(s: &Scenario) -> u64 {
    let months = u64::from(s.horizon_months.min(MAX_HORIZON_MONTHS)).max(1);
    let supplier_months: u64 = s
        .minerals
        .iter()
        .map(|m| (m.suppliers.len() as u64 + 1) * months)
        .sum();
    supplier_months.saturating_mul(s.disruptions.len() as u64 + 1)
}

fuzz_target!(|data: &[u8]| {
    let Ok(scenario) = file::from_bytes(data, "fuzz.ron") else {
        return;
    };
    let problems = model::validate(&scenario);
    for p in &problems {
        // Every problem names a field and says something.
        assert!(!p.message.is_empty(), "empty message for {}", p.path);
    }
    if work(&scenario) > MAX_WORK {
        return;
    }
    let projection = model::project(&scenario);
    assert_eq!(projection.minerals.len(), scenario.minerals.len());
    assert!(projection.horizon_months <= MAX_HORIZON_MONTHS);
});
