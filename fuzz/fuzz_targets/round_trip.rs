//! Bytes → `file::from_bytes` → `file::to_ron_string` → `file::from_str`:
//! whatever loads must save, the saved text must load, and saving again must
//! give the same bytes. When the scenario holds no NaN (NaN ≠ NaN), the
//! reloaded scenario must also equal the first one.

#![no_main]

use libfuzzer_sys::fuzz_target;
use stockpile_planner::file;

fuzz_target!(|data: &[u8]| {
    let Ok(scenario) = file::from_bytes(data, "fuzz.ron") else {
        return;
    };
    let text = match file::try_to_ron_string(&scenario) {
        Ok(text) => text,
        Err(e) => panic!("a loaded scenario could not be saved: {e}"),
    };
    assert_eq!(text, file::to_ron_string(&scenario));
    let back = match file::from_str(&text, "saved.ron") {
        Ok(back) => back,
        Err(e) => panic!("the saved text must load: {e}\n--- saved text ---\n{text}"),
    };
    assert_eq!(
        file::to_ron_string(&back),
        text,
        "saving the reloaded scenario must give the same bytes"
    );
    #[allow(clippy::eq_op)]
    let has_no_nan = scenario == scenario;
    if has_no_nan {
        assert_eq!(back, scenario, "the reloaded scenario must equal the first");
    }
});
