//! The scenario file format: RON, pretty-printed in a stable order, with a
//! `format_version`. Loading turns every failure into a [`LoadError`] that
//! names the file, the line and column, and what was expected, in plain words.
//! See `docs/FORMAT.md`.

mod errors;
pub mod recovery;
mod save;

pub use errors::LoadError;
pub use save::{SaveError, save_atomic, why_not_writable, write_atomic};

use crate::model::{FORMAT_VERSION, Scenario};
use serde::Deserialize;
use std::path::Path;

/// First line of every saved file: tells a colleague who opens the file in a
/// text editor what it is.
const HEADER: &str = "// Stockpile Planner scenario. Format: see docs/FORMAT.md in the Stockpile Planner repository.\n";

/// The scenario as RON text, byte-for-byte stable: the same scenario always
/// gives the same text, and a one-field change gives a one-line diff.
/// Serializing plain data cannot fail in practice; should it ever, this
/// gives a comment saying so, which [`save_atomic`] never writes (it uses
/// [`try_to_ron_string`]).
pub fn to_ron_string(scenario: &Scenario) -> String {
    try_to_ron_string(scenario).unwrap_or_else(|e| format!("// could not write scenario: {e}\n"))
}

/// [`to_ron_string`], or why the scenario could not be written as text.
pub fn try_to_ron_string(scenario: &Scenario) -> Result<String, String> {
    let config = ron::ser::PrettyConfig::new()
        .new_line("\n".to_string())
        .indentor("    ".to_string())
        .struct_names(true)
        .separate_tuple_members(false)
        .enumerate_arrays(false)
        .compact_arrays(false);
    let body = ron::ser::to_string_pretty(scenario, config)
        .map_err(|e| format!("the scenario could not be written as text ({e})"))?;
    let mut out = String::with_capacity(HEADER.len() + body.len() + 1);
    out.push_str(HEADER);
    out.push_str(&body);
    out.push('\n');
    Ok(out)
}

/// How many comment lines a scenario text holds besides the header Save
/// writes: Save does not keep them, so the planner is told on opening.
pub fn count_comments(text: &str) -> usize {
    text.lines()
        .map(str::trim_start)
        .filter(|l| l.starts_with("//") || l.starts_with("/*"))
        .filter(|l| !HEADER.starts_with(*l) && !l.starts_with("// recovery:"))
        .count()
}

/// Only the version, read before the full parse so that a newer file is
/// refused with a clear message instead of a confusing "unknown field".
#[derive(Deserialize)]
#[serde(rename = "Scenario")]
struct VersionProbe {
    #[serde(default)]
    format_version: u32,
}

/// Read a scenario from file contents. `file` names the file in messages.
pub fn from_bytes(bytes: &[u8], file: &str) -> Result<Scenario, LoadError> {
    let text = std::str::from_utf8(bytes).map_err(|e| LoadError::not_utf8(file, bytes, &e))?;
    from_str(text, file)
}

/// Read a scenario from RON text. `file` names the file in messages.
pub fn from_str(text: &str, file: &str) -> Result<Scenario, LoadError> {
    // Some Windows editors start UTF-8 files with a byte order mark.
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if let Ok(VersionProbe {
        format_version: found,
    }) = ron::from_str::<VersionProbe>(text)
        && found > FORMAT_VERSION
    {
        return Err(LoadError::newer_version(file, text, found));
    }
    let mut scenario: Scenario =
        ron::from_str(text).map_err(|e| LoadError::from_ron(file, text, &e))?;
    if scenario.format_version == 0 || scenario.variants.iter().any(|v| v.format_version == 0) {
        return Err(LoadError::no_version(file, text));
    }
    for variant in &scenario.variants {
        if variant.format_version > FORMAT_VERSION {
            return Err(LoadError::newer_version(file, text, variant.format_version));
        }
        if !variant.variants.is_empty() {
            return Err(LoadError::whole_file(
                file,
                format!(
                    "the variant \"{}\" holds variants of its own; variants are listed only in the base scenario, one level deep",
                    variant.name
                ),
            ));
        }
    }
    // Older files are upgraded on load; saving writes the current version.
    scenario.format_version = FORMAT_VERSION;
    for variant in &mut scenario.variants {
        variant.format_version = FORMAT_VERSION;
    }
    Ok(scenario)
}

/// Largest scenario file read: far above any real plan (the 12-mineral,
/// 10-year sample is 12 KB; 200 minerals with monthly amounts over 20 years
/// are about 2 MB), small enough that a wrong file cannot exhaust memory.
pub const MAX_FILE_BYTES: u64 = 20 * 1024 * 1024;

/// Most minerals, suppliers per mineral, events and spending amounts per
/// mineral a file may hold; beyond them the window could not be used.
pub const MAX_MINERALS: usize = 1_000;
pub const MAX_SUPPLIERS_PER_MINERAL: usize = 200;
/// Most origins in one supplier's feed mix (there are about 200 countries).
pub const MAX_FEED_ORIGINS_PER_SUPPLIER: usize = 250;
pub const MAX_EVENTS: usize = 1_000;
pub const MAX_AMOUNTS_PER_MINERAL: usize = 2_400;
/// Most variants a file may hold besides the base; the limits above apply
/// to each variant too.
pub const MAX_VARIANTS: usize = 50;
/// Longest name (of anything) and longest notes a file may hold, in
/// characters. Validation asks for far less (300 and 100,000, a problem
/// the planner can fix in the window); past these the file is refused
/// whole, so that a hostile file cannot stall the window laying out a
/// ten-million-letter name. The window's text fields stop at them too, so
/// whatever it saves opens again.
pub const MAX_NAME_CHARS_IN_FILE: usize = 10_000;
pub const MAX_NOTES_CHARS_IN_FILE: usize = 1_000_000;

/// Read a scenario file from disk. Only a regular file is read (a folder,
/// a device or a pipe is refused before it is opened, so a pipe cannot
/// hang the window), and at most [`MAX_FILE_BYTES`] of it.
pub fn load(path: &Path) -> Result<Scenario, LoadError> {
    let file = path.display().to_string();
    let bytes = read_bounded(path).map_err(|e| match e {
        ReadError::Io(e) => LoadError::io(&file, &e),
        ReadError::NotAFile(what) => LoadError::whole_file(
            &file,
            format!("this is {what}, not a scenario file; only regular files can be opened"),
        ),
        ReadError::TooLarge(size) => LoadError::whole_file(
            &file,
            format!(
                "the file is {} MB, larger than the {} MB a scenario file may be; it is probably not a scenario",
                mb(size),
                MAX_FILE_BYTES / (1024 * 1024)
            ),
        ),
    })?;
    let scenario = from_bytes(&bytes, &file)?;
    check_counts(&scenario, &file)?;
    check_saved_size(&scenario, &file)?;
    Ok(scenario)
}

/// Megabytes, rounded up: "21 MB" for a file just over 20 MB.
fn mb(bytes: u64) -> u64 {
    bytes.div_ceil(1024 * 1024)
}

/// Why a scenario of `bytes` as a file cannot be saved: it could not be
/// opened again.
pub(crate) fn too_large_words(bytes: u64) -> String {
    format!(
        "as a file the scenario would be {} MB, larger than the {} MB a scenario file may be, so it could not be opened again; remove minerals, suppliers or variants, or shorten long notes",
        mb(bytes),
        MAX_FILE_BYTES / (1024 * 1024)
    )
}

/// Refuse a scenario that Save would write larger than [`MAX_FILE_BYTES`]
/// (a compact hand-written file can grow threefold in Save's layout):
/// whatever opens saves, and whatever saves opens again.
fn check_saved_size(scenario: &Scenario, file: &str) -> Result<(), LoadError> {
    let saved = try_to_ron_string(scenario).map_err(|e| LoadError::whole_file(file, e))?;
    if saved.len() as u64 > MAX_FILE_BYTES {
        return Err(LoadError::whole_file(
            file,
            format!(
                "saved in the planner's layout this scenario would be {} MB, larger than the {} MB a scenario file may be (the file itself is written more tightly); split it into smaller scenarios",
                mb(saved.len() as u64),
                MAX_FILE_BYTES / (1024 * 1024)
            ),
        ));
    }
    Ok(())
}

/// Why a file's bytes could not be read.
pub(crate) enum ReadError {
    Io(std::io::Error),
    /// "a folder", "a pipe", "a device".
    NotAFile(&'static str),
    /// Its size in bytes.
    TooLarge(u64),
}

/// The bytes of the regular file `path`, at most [`MAX_FILE_BYTES`].
pub(crate) fn read_bounded(path: &Path) -> Result<Vec<u8>, ReadError> {
    use std::io::Read;
    // stat, not open: opening a pipe for reading waits for a writer.
    let meta = std::fs::metadata(path).map_err(ReadError::Io)?;
    if !meta.is_file() {
        let what = if meta.is_dir() {
            "a folder"
        } else if is_pipe(&meta) {
            "a pipe"
        } else {
            "a device or special file"
        };
        return Err(ReadError::NotAFile(what));
    }
    if meta.len() > MAX_FILE_BYTES {
        return Err(ReadError::TooLarge(meta.len()));
    }
    let f = std::fs::File::open(path).map_err(ReadError::Io)?;
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    // The file may grow between stat and read: never read past the cap.
    f.take(MAX_FILE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(ReadError::Io)?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(ReadError::TooLarge(bytes.len() as u64));
    }
    Ok(bytes)
}

#[cfg(unix)]
fn is_pipe(meta: &std::fs::Metadata) -> bool {
    use std::os::unix::fs::FileTypeExt;
    meta.file_type().is_fifo()
}

#[cfg(not(unix))]
fn is_pipe(_: &std::fs::Metadata) -> bool {
    false
}

/// Refuse scenarios with more of anything than the window can handle,
/// naming the limit.
fn check_counts(scenario: &Scenario, file: &str) -> Result<(), LoadError> {
    if scenario.variants.len() > MAX_VARIANTS {
        return Err(LoadError::whole_file(
            file,
            format!(
                "the file has {} variants; a scenario may have at most {MAX_VARIANTS}",
                scenario.variants.len()
            ),
        ));
    }
    check_counts_of(scenario, file, "")?;
    for variant in &scenario.variants {
        check_counts_of(variant, file, &format!(" in variant \"{}\"", variant.name))?;
    }
    Ok(())
}

/// Refuse names and notes longer than a file may hold, naming the text.
fn check_lengths(scenario: &Scenario, file: &str, within: &str) -> Result<(), LoadError> {
    let check = |what: &dyn Fn() -> String, text: &str, limit: usize| {
        // Bytes first: only a long text is counted in characters.
        if text.len() > limit && text.chars().count() > limit {
            return Err(LoadError::whole_file(
                file,
                format!(
                    "{}{within} is {} characters long; a file may hold at most {limit} there",
                    what(),
                    text.chars().count()
                ),
            ));
        }
        Ok(())
    };
    let name = MAX_NAME_CHARS_IN_FILE;
    check(&|| "the scenario's name".into(), &scenario.name, name)?;
    check(
        &|| "the scenario's notes".into(),
        &scenario.notes,
        MAX_NOTES_CHARS_IN_FILE,
    )?;
    for (i, m) in scenario.minerals.iter().enumerate() {
        check(&|| format!("the name of mineral #{}", i + 1), &m.name, name)?;
        for (k, s) in m.suppliers.iter().enumerate() {
            let sup = || format!("supplier #{} of mineral #{}", k + 1, i + 1);
            check(&|| format!("the name of {}", sup()), &s.name, name)?;
            check(&|| format!("the country of {}", sup()), &s.country, name)?;
            for f in &s.feed {
                check(&|| format!("a feed origin of {}", sup()), &f.origin, name)?;
            }
        }
    }
    for (k, d) in scenario.disruptions.iter().enumerate() {
        let ev = || format!("event #{}", k + 1);
        check(&|| format!("the name of {}", ev()), &d.name, name)?;
        check(
            &|| format!("the notes of {}", ev()),
            &d.notes,
            MAX_NOTES_CHARS_IN_FILE,
        )?;
        check(&|| format!("the supplier of {}", ev()), &d.supplier, name)?;
        for m in &d.minerals {
            check(&|| format!("a mineral of {}", ev()), m, name)?;
        }
    }
    Ok(())
}

/// [`check_counts`] for one variant; `within` names it in messages.
fn check_counts_of(scenario: &Scenario, file: &str, within: &str) -> Result<(), LoadError> {
    let too_many = |what: &str, n: usize, limit: usize| {
        LoadError::whole_file(
            file,
            format!("the file has {n} {what}{within}; a scenario may have at most {limit}"),
        )
    };
    if scenario.minerals.len() > MAX_MINERALS {
        return Err(too_many("minerals", scenario.minerals.len(), MAX_MINERALS));
    }
    check_lengths(scenario, file, within)?;
    if scenario.disruptions.len() > MAX_EVENTS {
        return Err(too_many("events", scenario.disruptions.len(), MAX_EVENTS));
    }
    if let Some(d) = scenario
        .disruptions
        .iter()
        .find(|d| d.minerals.len() > MAX_MINERALS)
    {
        return Err(too_many(
            &format!("minerals listed by the event {}", d.name),
            d.minerals.len(),
            MAX_MINERALS,
        ));
    }
    for m in &scenario.minerals {
        if m.suppliers.len() > MAX_SUPPLIERS_PER_MINERAL {
            return Err(too_many(
                &format!("suppliers of {}", m.name),
                m.suppliers.len(),
                MAX_SUPPLIERS_PER_MINERAL,
            ));
        }
        if let Some(s) = m
            .suppliers
            .iter()
            .find(|s| s.feed.len() > MAX_FEED_ORIGINS_PER_SUPPLIER)
        {
            return Err(too_many(
                &format!("feed origins for {} of {}", s.name, m.name),
                s.feed.len(),
                MAX_FEED_ORIGINS_PER_SUPPLIER,
            ));
        }
        let amounts = match &m.spending {
            crate::model::SpendingProfile::Even => 0,
            crate::model::SpendingProfile::PerYearUsd(a)
            | crate::model::SpendingProfile::PerMonthUsd(a) => a.len(),
        };
        if amounts > MAX_AMOUNTS_PER_MINERAL {
            return Err(too_many(
                &format!("spending amounts for {}", m.name),
                amounts,
                MAX_AMOUNTS_PER_MINERAL,
            ));
        }
    }
    Ok(())
}
