//! The layers of `docs/ARCHITECTURE.md`, read from the code's own imports:
//! no module imports another that (through any chain) imports it back, and
//! the model, display and file layers never reach up into the layers above.
//!
//! Imports are read as text: every `crate::…`, `super::…` and `self::…`
//! path outside `//` comments and unit tests (the `#[cfg(test)] mod tests`
//! block at the end of a file, or a `tests.rs`), resolved to the deepest
//! module file it names.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// A module's path from the crate root: `["model", "compare"]`.
type Module = Vec<String>;

fn source_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap().flatten() {
        let path = entry.path();
        if path.is_dir() {
            source_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

fn module_of(src: &Path, file: &Path) -> Module {
    let rel = file.strip_prefix(src).unwrap().with_extension("");
    let mut parts: Module = rel
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    if parts.last().is_some_and(|p| p == "mod") {
        parts.pop();
    }
    if parts == ["lib"] || parts == ["main"] {
        parts.clear();
    }
    parts
}

/// The code of a file without comments and without its trailing unit-test
/// module (tests may reach anywhere in the crate).
fn code_of(text: &str) -> String {
    let text = match text.find("#[cfg(test)]\nmod tests {") {
        Some(at) => &text[..at],
        None => text,
    };
    text.lines()
        .map(|line| match line.find("//") {
            Some(at) => &line[..at],
            None => line,
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// The deepest module in `modules` that `path` (`super::x::y`, from
/// `current`) names.
fn resolve(current: &Module, path: &[&str], modules: &BTreeSet<Module>) -> Option<Module> {
    let (mut base, rest) = match *path.first()? {
        "crate" => (Vec::new(), &path[1..]),
        "self" => (current.clone(), &path[1..]),
        "super" => {
            let mut base = current.clone();
            let mut rest = path;
            while rest.first() == Some(&"super") {
                base.pop();
                rest = &rest[1..];
            }
            (base, rest)
        }
        _ => return None,
    };
    for segment in rest {
        let mut deeper = base.clone();
        deeper.push(segment.to_string());
        if modules.contains(&deeper) {
            base = deeper;
        } else {
            break;
        }
    }
    modules.contains(&base).then_some(base)
}

/// Every path starting with `crate`, `super` or `self`, with the items of
/// a `{…}` group after it as paths of their own.
fn paths_in(code: &str) -> Vec<Vec<String>> {
    let is_word = |c: char| c.is_alphanumeric() || c == '_';
    let mut out = Vec::new();
    let bytes: Vec<char> = code.chars().collect();
    let mut i = 0;
    while i < bytes.len() {
        let starts_word = i == 0 || !is_word(bytes[i - 1]);
        let rest: String = bytes[i..bytes.len().min(i + 6)].iter().collect();
        if !(starts_word
            && (rest.starts_with("crate::")
                || rest.starts_with("super:")
                || rest.starts_with("self::")))
        {
            i += 1;
            continue;
        }
        let mut segments = Vec::new();
        let mut word = String::new();
        while i < bytes.len() {
            let c = bytes[i];
            if is_word(c) {
                word.push(c);
                i += 1;
            } else if c == ':' && bytes.get(i + 1) == Some(&':') {
                segments.push(std::mem::take(&mut word));
                i += 2;
            } else {
                break;
            }
        }
        if !word.is_empty() {
            segments.push(word);
        }
        if bytes.get(i) == Some(&'{') {
            let end = bytes[i..]
                .iter()
                .position(|&c| c == '}')
                .map_or(bytes.len(), |p| i + p);
            let group: String = bytes[i + 1..end].iter().collect();
            for item in group.split(',') {
                let first = item
                    .trim()
                    .split("::")
                    .next()
                    .unwrap_or("")
                    .trim()
                    .to_string();
                if !first.is_empty() && first.chars().all(is_word) {
                    let mut path = segments.clone();
                    path.push(first);
                    out.push(path);
                }
            }
            i = end;
        }
        out.push(segments);
    }
    out
}

/// Which module imports which, for every file under `src/`.
fn imports() -> BTreeMap<Module, BTreeSet<Module>> {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    source_files(&src, &mut files);
    let modules: BTreeSet<Module> = files.iter().map(|f| module_of(&src, f)).collect();
    let mut graph = BTreeMap::new();
    for file in &files {
        let current = module_of(&src, file);
        // A unit-test module in a file of its own (`projection/tests.rs`).
        if current.last().is_some_and(|m| m == "tests") {
            continue;
        }
        let code = code_of(&std::fs::read_to_string(file).unwrap());
        let mut targets = BTreeSet::new();
        for path in paths_in(&code) {
            let path: Vec<&str> = path.iter().map(String::as_str).collect();
            if let Some(target) = resolve(&current, &path, &modules) {
                // A module reaching its own parent (`super::Type` re-exported
                // there) is how Rust names siblings' items, not a layer edge.
                if target != current && !current.starts_with(&target) {
                    targets.insert(target);
                }
            }
        }
        graph.insert(current, targets);
    }
    graph
}

fn name(module: &Module) -> String {
    if module.is_empty() {
        "crate".into()
    } else {
        module.join("::")
    }
}

/// A chain of imports from `from` back to `from`, if there is one.
fn cycle_through(graph: &BTreeMap<Module, BTreeSet<Module>>, from: &Module) -> Option<Vec<Module>> {
    let mut stack = vec![(from.clone(), vec![from.clone()])];
    let mut seen = BTreeSet::new();
    while let Some((at, chain)) = stack.pop() {
        for next in graph.get(&at).into_iter().flatten() {
            if next == from {
                let mut chain = chain.clone();
                chain.push(next.clone());
                return Some(chain);
            }
            if seen.insert(next.clone()) {
                let mut longer = chain.clone();
                longer.push(next.clone());
                stack.push((next.clone(), longer));
            }
        }
    }
    None
}

#[test]
fn no_module_imports_one_that_imports_it_back() {
    let graph = imports();
    assert!(graph.len() > 50, "read {} modules only", graph.len());
    let cycles: Vec<String> = graph
        .keys()
        .filter_map(|m| cycle_through(&graph, m))
        .map(|chain| chain.iter().map(name).collect::<Vec<_>>().join(" -> "))
        .collect();
    assert!(cycles.is_empty(), "import circles:\n{}", cycles.join("\n"));
}

#[test]
fn lower_layers_never_import_higher_ones() {
    let graph = imports();
    let top = |m: &Module| m.first().cloned().unwrap_or_default();
    let may_not = [
        (
            "model",
            ["ui", "file", "cli", "export", "samples"].as_slice(),
        ),
        (
            "display",
            ["ui", "file", "cli", "export", "model", "samples"].as_slice(),
        ),
        ("file", ["ui", "cli", "export"].as_slice()),
        ("cli", ["ui"].as_slice()),
        ("export", ["ui"].as_slice()),
    ];
    let mut wrong = Vec::new();
    for (module, targets) in &graph {
        for (layer, above) in may_not {
            if top(module) == layer {
                for target in targets {
                    if above.contains(&top(target).as_str()) {
                        wrong.push(format!("{} -> {}", name(module), name(target)));
                    }
                }
            }
        }
    }
    assert!(
        wrong.is_empty(),
        "imports against the layers:\n{}",
        wrong.join("\n")
    );
    // The model and display never name egui either.
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    source_files(&src.join("model"), &mut files);
    files.push(src.join("display.rs"));
    for file in files {
        let code = code_of(&std::fs::read_to_string(&file).unwrap());
        assert!(
            !code.contains("egui::") && !code.contains("eframe::"),
            "{} names egui",
            file.display()
        );
    }
}

/// The check itself finds a circle when there is one.
#[test]
fn a_circle_is_found() {
    let a: Module = vec!["a".into()];
    let b: Module = vec!["b".into()];
    let mut graph = BTreeMap::new();
    graph.insert(a.clone(), BTreeSet::from([b.clone()]));
    graph.insert(b.clone(), BTreeSet::from([a.clone()]));
    assert_eq!(cycle_through(&graph, &a), Some(vec![a.clone(), b, a]));
    let paths = paths_in("use super::{month::YearMonth, scenario::Supplier};");
    assert!(paths.contains(&vec!["super".into(), "scenario".into()]));
}
