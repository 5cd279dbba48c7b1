//! `merge BASE OURS THEIRS [-o OUT]`, and as a git merge driver in a real
//! repository.

use crate::common;
use std::path::Path;
use std::process::Command;
use stockpile_planner::file;
use stockpile_planner::model::Scenario;

const PROGRAM: &str = env!("CARGO_BIN_EXE_stockpile-planner");

/// Cobalt ($10,000) and Antimony ($20,000).
fn base() -> Scenario {
    let mut s = common::simple(12, 10_000.0, 1_000.0);
    let mut antimony = s.minerals[0].clone();
    antimony.name = "Antimony".into();
    antimony.budget_usd = 20_000.0;
    s.minerals.push(antimony);
    s
}

fn save(path: &Path, s: &Scenario) {
    file::save_atomic(path, s).unwrap();
}

fn run(args: &[&str], dir: &Path) -> (i32, String, String) {
    crate::cli::run_in(args, dir)
}

#[test]
fn a_clean_merge_exits_0_with_both_edits_and_says_what_came_in() {
    let dir = tempfile::tempdir().unwrap();
    let b = base();
    let mut ours = b.clone();
    ours.minerals[0].budget_usd = 15_000.0;
    let mut theirs = b.clone();
    theirs.minerals[1].budget_usd = 30_000.0;
    save(&dir.path().join("base.ron"), &b);
    save(&dir.path().join("ours.ron"), &ours);
    save(&dir.path().join("theirs.ron"), &theirs);
    let (code, out, err) = run(&["merge", "base.ron", "ours.ron", "theirs.ron"], dir.path());
    assert_eq!(code, 0, "{err}");
    assert_eq!(
        err,
        "1 change from theirs.ron:\n  Antimony · budget: $20k → $30k\n"
    );
    let merged = file::from_str(&out, "merged").unwrap();
    assert_eq!(merged.minerals[0].budget_usd, 15_000.0);
    assert_eq!(merged.minerals[1].budget_usd, 30_000.0);
    // The file on standard output is the canonical layout, as Save writes.
    assert_eq!(out, file::to_ron_string(&merged));
}

#[test]
fn conflicts_exit_1_keep_ours_and_are_said_in_planner_words() {
    let dir = tempfile::tempdir().unwrap();
    let mut b = base();
    b.minerals[0].budget_usd = 500e6;
    let mut ours = b.clone();
    ours.minerals[0].budget_usd = 400e6;
    let mut theirs = b.clone();
    theirs.minerals[0].budget_usd = 450e6;
    save(&dir.path().join("base.ron"), &b);
    save(&dir.path().join("ours.ron"), &ours);
    save(&dir.path().join("theirs.ron"), &theirs);
    let (code, out, err) = run(
        &[
            "merge",
            "base.ron",
            "ours.ron",
            "theirs.ron",
            "-o",
            "merged.ron",
        ],
        dir.path(),
    );
    assert_eq!((code, out.as_str()), (1, ""));
    assert_eq!(
        err,
        "No changes came in from theirs.ron.\n\
         1 conflict (each keeps ours in merged.ron; to take theirs, open merged.ron and use File > Merge with file... on their version):\n  \
         Cobalt · budget: base $500M, ours $400M, theirs $450M\n"
    );
    let merged = file::load(&dir.path().join("merged.ron")).unwrap();
    assert_eq!(merged.minerals[0].budget_usd, 400e6);
}

#[test]
fn an_unreadable_file_is_named_and_nothing_is_written() {
    let dir = tempfile::tempdir().unwrap();
    save(&dir.path().join("base.ron"), &base());
    std::fs::write(dir.path().join("ours.ron"), "(format_version: 3, name: ").unwrap();
    let (code, _, err) = run(
        &[
            "merge",
            "base.ron",
            "ours.ron",
            "base.ron",
            "-o",
            "merged.ron",
        ],
        dir.path(),
    );
    assert_eq!(code, 1);
    assert!(err.contains("ours.ron"), "{err}");
    assert!(!dir.path().join("merged.ron").exists());
}

fn git(dir: &Path, args: &[&str]) -> (bool, String) {
    let out = Command::new("git")
        .args(args)
        .current_dir(dir)
        .env("GIT_AUTHOR_NAME", "Planner")
        .env("GIT_AUTHOR_EMAIL", "planner@example.org")
        .env("GIT_COMMITTER_NAME", "Planner")
        .env("GIT_COMMITTER_EMAIL", "planner@example.org")
        .output()
        .expect("git is installed (.ci/run installs it)");
    let text =
        String::from_utf8_lossy(&out.stdout).into_owned() + &String::from_utf8_lossy(&out.stderr);
    (out.status.success(), text)
}

/// A repository whose `plan.ron` is `base()`, merged with the driver as
/// the README says.
fn repository() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    assert!(git(d, &["init", "-q", "-b", "main"]).0);
    std::fs::write(d.join(".gitattributes"), "*.ron merge=stockpile-planner\n").unwrap();
    let driver = format!("{PROGRAM} merge %O %A %B -o %A --name %P");
    assert!(
        git(
            d,
            &[
                "config",
                "merge.stockpile-planner.name",
                "Stockpile Planner scenarios"
            ]
        )
        .0
    );
    assert!(git(d, &["config", "merge.stockpile-planner.driver", &driver]).0);
    save(&d.join("plan.ron"), &base());
    assert!(git(d, &["add", "."]).0);
    assert!(git(d, &["commit", "-q", "-m", "base"]).0);
    dir
}

/// Commit `edit` of `plan.ron` on a new branch `name` from main.
fn branch(d: &Path, name: &str, edit: impl Fn(&mut Scenario)) {
    assert!(git(d, &["checkout", "-q", "-b", name, "main"]).0);
    let mut s = file::load(&d.join("plan.ron")).unwrap();
    edit(&mut s);
    save(&d.join("plan.ron"), &s);
    assert!(git(d, &["commit", "-q", "-am", name]).0);
}

#[test]
fn as_a_git_merge_driver_edits_to_two_minerals_merge_clean() {
    let repo = repository();
    let d = repo.path();
    branch(d, "cobalt", |s| s.minerals[0].budget_usd = 15_000.0);
    branch(d, "antimony", |s| s.minerals[1].budget_usd = 30_000.0);
    let (merged, text) = git(d, &["merge", "-q", "--no-edit", "cobalt"]);
    assert!(merged, "{text}");
    let s = file::load(&d.join("plan.ron")).unwrap();
    assert_eq!(s.minerals[0].budget_usd, 15_000.0);
    assert_eq!(s.minerals[1].budget_usd, 30_000.0);
    // Line by line, git alone would have merged these too (lines apart);
    // what matters is the file: canonical, valid.
    assert_eq!(
        std::fs::read_to_string(d.join("plan.ron")).unwrap(),
        file::to_ron_string(&s)
    );
}

#[test]
fn as_a_git_merge_driver_the_same_field_is_a_conflict_in_a_file_that_opens() {
    let repo = repository();
    let d = repo.path();
    branch(d, "ours", |s| s.minerals[0].budget_usd = 15_000.0);
    branch(d, "theirs", |s| s.minerals[0].budget_usd = 12_000.0);
    assert!(git(d, &["checkout", "-q", "ours"]).0);
    let (merged, text) = git(d, &["merge", "--no-edit", "theirs"]);
    assert!(!merged, "a conflict stops the merge: {text}");
    assert!(
        text.contains("Cobalt · budget: base $10k, ours $15k, theirs $12k"),
        "{text}"
    );
    // Named as the planner knows it, not as git's temporary copy.
    assert!(text.contains("each keeps ours in plan.ron"), "{text}");
    assert!(!text.contains(".merge_file_"), "{text}");
    assert!(text.contains("CONFLICT"), "{text}");
    // No conflict markers: the file is valid RON that opens, with ours.
    let on_disk = std::fs::read_to_string(d.join("plan.ron")).unwrap();
    assert!(!on_disk.contains("<<<<<<<"), "{on_disk}");
    let s = file::load(&d.join("plan.ron")).unwrap();
    assert_eq!(s.minerals[0].budget_usd, 15_000.0);
}
