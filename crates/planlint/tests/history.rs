//! The diff-aware rules (`--base REF`) and `--changed-since REF`, in real temporary git
//! repositories built by each test: commits that rewrite, delete, append, check and uncheck.

use std::path::Path;
use std::process::Command as Process;

use assert_cmd::Command;
use serde_json::Value;

mod common;
use common::git;

const PLAN: &str = "\
# Import bank statements

This ExecPlan is a living document. The sections `Progress`, `Surprises & Discoveries`, `Decision Log`, and `Outcomes & Retrospective` must be kept up to date as work proceeds.

## Purpose / Big Picture

A bookkeeper imports a bank's CSV statement and sees each line as a booking.

## Progress

- [x] (2025-09-01 09:00Z) Read the ledger module.
- [x] (2025-09-01 11:30Z) Wrote the CSV reader with a test per bank.
- [ ] Map the columns of the other banks.

## Surprises & Discoveries

- Observation: one bank writes a decimal comma.
  Evidence: the demo statement.

## Decision Log

- Decision: key statement lines by the bank's reference.
  Rationale: references are unique per account.

## Outcomes & Retrospective

Nothing yet; the importer is half built.

## Context and Orientation

Bookings are created by the ledger module.

## Plan of Work

Parse, map columns, create bookings.

## Concrete Steps

Run the importer on the demo statement.

## Validation and Acceptance

The demo statement imports into 42 bookings.

## Idempotence and Recovery

Lines are keyed by reference, so a second import adds nothing.

## Artifacts and Notes

None yet beyond the demo statement.

## Interfaces and Dependencies

One new module; no new crate.
";

/// A git repository with `plans/import.md` (= [`PLAN`]) committed.
fn repo() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    git(dir.path(), &["init", "-q"]);
    std::fs::create_dir(dir.path().join("plans")).unwrap();
    std::fs::write(dir.path().join("plans/import.md"), PLAN).unwrap();
    git(dir.path(), &["add", "."]);
    git(dir.path(), &["commit", "-q", "-m", "plan"]);
    dir
}

fn edit(dir: &Path, from: &str, to: &str) {
    let path = dir.join("plans/import.md");
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.contains(from), "fixture lacks {from:?}");
    std::fs::write(path, text.replacen(from, to, 1)).unwrap();
}

fn planlint(dir: &Path) -> Command {
    let mut cmd = Command::cargo_bin("planlint").unwrap();
    cmd.current_dir(dir)
        .env("SOURCE_DATE_EPOCH", "1795564800")
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("GIT_CONFIG_GLOBAL", "/dev/null");
    cmd
}

/// Run with `--format json`; the exit code and the (rule, line, message) of each diagnostic.
fn run(dir: &Path, args: &[&str]) -> (i32, Vec<(String, u64, String)>) {
    let out = planlint(dir)
        .args(args)
        .args(["--format", "json"])
        .output()
        .unwrap();
    let report: Value = serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!(
            "not JSON ({e}): {}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        )
    });
    let diags = report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            (
                d["rule"].as_str().unwrap().to_string(),
                d["line"].as_u64().unwrap(),
                d["message"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    (out.status.code().unwrap(), diags)
}

const HISTORY: &str = "progress-rewritten,decision-rewritten,checkbox-unchecked";

#[test]
fn unchanged_plan_is_silent() {
    let dir = repo();
    assert_eq!(run(dir.path(), &["--base", "HEAD"]), (0, vec![]));
}

#[test]
fn rewriting_one_old_progress_line_is_one_error_at_that_line() {
    let dir = repo();
    edit(
        dir.path(),
        "with a test per bank.",
        "with one test for all banks.",
    );
    let (code, diags) = run(dir.path(), &["--base", "HEAD"]);
    assert_eq!(code, 1);
    assert_eq!(diags.len(), 1, "{diags:?}");
    let (rule, line, message) = &diags[0];
    assert_eq!((rule.as_str(), *line), ("progress-rewritten", 12));
    assert!(
        message.contains("since `HEAD`")
            && message
                .contains("\"(2025-09-01 11:30Z) Wrote the CSV reader with a test per bank.\""),
        "{message}"
    );
}

#[test]
fn changing_only_a_timestamp_is_a_rewrite() {
    let dir = repo();
    edit(dir.path(), "(2025-09-01 09:00Z)", "(2025-09-01 08:00Z)");
    let (_, diags) = run(dir.path(), &["--base", "HEAD", "--select", HISTORY]);
    assert_eq!(
        diags.iter().map(|d| (&d.0[..], d.1)).collect::<Vec<_>>(),
        [("progress-rewritten", 11)]
    );
}

#[test]
fn appending_entries_checking_boxes_and_editing_other_sections_are_silent() {
    let dir = repo();
    edit(
        dir.path(),
        "- [ ] Map the columns of the other banks.\n",
        "- [x] (2025-09-02 10:00Z) Map the columns of the other banks.\n\
         - [x] (2025-09-02 12:00Z) Added a test for the decimal comma.\n\
         - [ ] Create bookings.\n",
    );
    edit(
        dir.path(),
        "  Rationale: references are unique per account.\n",
        "  Rationale: references are unique per account.\n\n\
         - Decision: accept a decimal comma.\n  Rationale: one bank writes it.\n",
    );
    edit(
        dir.path(),
        "Parse, map columns, create bookings.",
        "Parse first.",
    );
    assert_eq!(run(dir.path(), &["--base", "HEAD"]), (0, vec![]));
}

#[test]
fn a_deleted_entry_points_at_its_neighbour_and_quotes_it() {
    let dir = repo();
    edit(
        dir.path(),
        "- [x] (2025-09-01 09:00Z) Read the ledger module.\n",
        "",
    );
    let (code, diags) = run(dir.path(), &["--base", "HEAD", "--select", HISTORY]);
    assert_eq!(code, 1);
    assert_eq!(diags.len(), 1, "{diags:?}");
    assert_eq!(
        (diags[0].0.as_str(), diags[0].1),
        ("progress-rewritten", 11)
    );
    assert!(diags[0]
        .2
        .contains("removed since `HEAD`: \"(2025-09-01 09:00Z) Read the ledger module.\""));
}

#[test]
fn unchecking_a_box_is_a_warning_not_a_rewrite() {
    let dir = repo();
    edit(
        dir.path(),
        "- [x] (2025-09-01 11:30Z) Wrote the CSV reader",
        "- [ ] Wrote the CSV reader",
    );
    let (code, diags) = run(dir.path(), &["--base", "HEAD", "--select", HISTORY]);
    assert_eq!(code, 0, "a warning alone passes");
    assert_eq!(
        diags.iter().map(|d| (&d.0[..], d.1)).collect::<Vec<_>>(),
        [("checkbox-unchecked", 12)]
    );
    planlint(dir.path())
        .args(["--base", "HEAD", "--deny-warnings"])
        .assert()
        .code(1);
}

#[test]
fn rewriting_a_decision_is_an_error() {
    let dir = repo();
    edit(
        dir.path(),
        "by the bank's reference.",
        "by date and amount.",
    );
    let (code, diags) = run(dir.path(), &["--base", "HEAD", "--select", HISTORY]);
    assert_eq!(code, 1);
    assert_eq!(diags.len(), 1, "{diags:?}");
    assert_eq!(
        (diags[0].0.as_str(), diags[0].1),
        ("decision-rewritten", 22)
    );
    assert!(diags[0].2.contains("by the bank's reference."));
}

#[test]
fn an_older_base_sees_a_rewrite_that_was_committed() {
    let dir = repo();
    edit(dir.path(), "Read the ledger module.", "Read the ledger.");
    git(dir.path(), &["commit", "-q", "-am", "rewrite history"]);
    assert_eq!(
        run(dir.path(), &["--base", "HEAD", "--select", HISTORY]).1,
        vec![]
    );
    let (code, diags) = run(dir.path(), &["--base", "HEAD~1", "--select", HISTORY]);
    assert_eq!(code, 1);
    assert_eq!(diags.len(), 1);
    assert!(diags[0].2.contains("since `HEAD~1`"));
}

#[test]
fn a_plan_new_since_the_base_is_not_compared() {
    let dir = repo();
    std::fs::write(dir.path().join("plans/new.md"), PLAN).unwrap();
    let (code, diags) = run(
        dir.path(),
        &["--base", "HEAD", "--select", HISTORY, "plans/new.md"],
    );
    assert_eq!((code, diags), (0, vec![]));
}

#[test]
fn an_unknown_revision_or_no_repository_exits_2_with_a_clear_message() {
    let dir = repo();
    planlint(dir.path())
        .args(["--base", "no-such-branch"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains(
            "--base `no-such-branch`: no such revision",
        ));
    planlint(dir.path())
        .args(["--changed-since", "--upload-pack=x"])
        .assert()
        .code(2);
    let bare = tempfile::tempdir().unwrap();
    std::fs::create_dir(bare.path().join("plans")).unwrap();
    std::fs::write(bare.path().join("plans/a.md"), PLAN).unwrap();
    planlint(bare.path())
        .env("GIT_CEILING_DIRECTORIES", bare.path().parent().unwrap())
        .args(["--base", "HEAD"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("--base needs a git repository"));
}

#[test]
fn suppressions_work_and_are_not_stale_without_a_base() {
    let dir = repo();
    edit(
        dir.path(),
        "- [x] (2025-09-01 09:00Z) Read the ledger module.",
        "<!-- planlint-disable-next-line progress-rewritten -->\n\
         - [x] (2025-09-01 09:00Z) Read the ledger module (typo fixed).",
    );
    edit(
        dir.path(),
        "Read the ledger module (typo fixed).",
        "Read the ledgr module.",
    );
    assert_eq!(
        run(dir.path(), &["--base", "HEAD", "--select", HISTORY]),
        (0, vec![])
    );
    // Without `--base` the rule does not run, so its suppression is not reported as unused.
    assert_eq!(run(dir.path(), &[]), (0, vec![]));
}

#[test]
fn standard_input_is_compared_under_its_given_name() {
    let dir = repo();
    let rewritten = PLAN.replace("Read the ledger module.", "Read the whole ledger.");
    let out = planlint(dir.path())
        .args([
            "--base",
            "HEAD",
            "--stdin-filename",
            "plans/import.md",
            "--format",
            "concise",
            "-",
        ])
        .write_stdin(rewritten)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stdout)
        .contains("plans/import.md:11:3: error[progress-rewritten]"));
}

#[test]
fn a_project_in_a_subfolder_of_the_repository_maps_its_paths() {
    let dir = tempfile::tempdir().unwrap();
    git(dir.path(), &["init", "-q"]);
    let sub = dir.path().join("docs");
    std::fs::create_dir_all(sub.join("plans")).unwrap();
    std::fs::write(sub.join("planlint.toml"), "").unwrap();
    std::fs::write(sub.join("plans/import.md"), PLAN).unwrap();
    git(dir.path(), &["add", "."]);
    git(dir.path(), &["commit", "-q", "-m", "plan"]);
    edit(&sub, "Read the ledger module.", "Read the ledger.");
    let (code, diags) = run(&sub, &["--base", "HEAD", "--select", HISTORY]);
    assert_eq!(code, 1);
    assert_eq!(diags.len(), 1);
}

#[test]
fn changed_since_lints_only_plans_that_differ() {
    let dir = repo();
    std::fs::write(dir.path().join("plans/other.md"), PLAN).unwrap();
    std::fs::write(dir.path().join("plans/third.md"), PLAN).unwrap();
    git(dir.path(), &["add", "."]);
    git(dir.path(), &["commit", "-q", "-m", "more plans"]);
    // Unchanged since HEAD: nothing to lint.
    planlint(dir.path())
        .args(["--changed-since", "HEAD"])
        .assert()
        .code(0)
        .stdout("0 errors, 0 warnings in 0 files\n");
    // One tracked file changed (unstaged), one staged, one new untracked, one ignored.
    edit(dir.path(), "Parse, map columns", "Parse, then map columns");
    std::fs::write(
        dir.path().join("plans/other.md"),
        PLAN.replace("## Plan of Work", "## Plan of work"),
    )
    .unwrap();
    git(dir.path(), &["add", "plans/other.md"]);
    std::fs::write(dir.path().join("plans/fresh.md"), PLAN).unwrap();
    std::fs::write(dir.path().join(".gitignore"), "plans/ignored.md\n").unwrap();
    std::fs::write(dir.path().join("plans/ignored.md"), PLAN).unwrap();
    let out = planlint(dir.path())
        .args(["--changed-since", "HEAD", "--format", "json"])
        .output()
        .unwrap();
    let report: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(report["summary"]["files"], 3, "{report}");
    // A branch point works as well as HEAD.
    planlint(dir.path())
        .args(["--changed-since", "HEAD~1", "-q", "--format", "concise"])
        .assert()
        .code(0);
}

/// Issue 13, item 14: when `git cat-file` fails, every old version looked absent and the
/// history rules passed. Now the run stops with exit 2 and git's own message.
#[cfg(unix)]
#[test]
fn a_failing_git_is_an_error_with_its_message() {
    use std::os::unix::fs::PermissionsExt;
    let dir = repo();
    let real = String::from_utf8(
        Process::new("sh")
            .args(["-c", "command -v git"])
            .output()
            .unwrap()
            .stdout,
    )
    .unwrap()
    .trim()
    .to_string();
    let fake = tempfile::tempdir().unwrap();
    let script = format!(
        "#!/bin/sh\nfor a in \"$@\"; do if [ \"$a\" = cat-file ]; then echo 'fatal: simulated cat-file failure' >&2; exit 128; fi; done\nexec {real} \"$@\"\n"
    );
    let path = fake.path().join("git");
    std::fs::write(&path, script).unwrap();
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o755)).unwrap();
    let search = format!(
        "{}:{}",
        fake.path().display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let out = planlint(dir.path())
        .env("PATH", search)
        .args(["--base", "HEAD", "plans"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2), "{out:?}");
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("simulated cat-file failure"), "{err}");
}

/// Issue 13, item 1: plans finish by moving from `active/` to `completed/`. A plan rewritten and
/// then moved with `git mv` is compared with its old path's text, for `--base` and for
/// `--changed-since` with `--base`.
#[test]
fn a_moved_plan_keeps_its_history() {
    let dir = repo();
    std::fs::create_dir_all(dir.path().join("plans/completed")).unwrap();
    git(
        dir.path(),
        &["mv", "plans/import.md", "plans/completed/import.md"],
    );
    let path = dir.path().join("plans/completed/import.md");
    let text = std::fs::read_to_string(&path)
        .unwrap()
        .replace("Wrote the CSV reader with a test per bank.", "Wrote the CSV reader.")
        .replace("- [x] (2025-09-01 09:00Z) Read the ledger module.", "- [ ] (2025-09-01 09:00Z) Read the ledger module.")
        .replace("- Decision: key statement lines by the bank's reference.\n  Rationale: references are unique per account.\n", "");
    std::fs::write(&path, text).unwrap();
    for args in [
        &["--base", "HEAD", "plans"][..],
        &["--base", "HEAD", "--changed-since", "HEAD", "plans"],
    ] {
        let (_, diags) = run(dir.path(), args);
        let rules: Vec<&str> = diags.iter().map(|d| d.0.as_str()).collect();
        for rule in [
            "progress-rewritten",
            "checkbox-unchecked",
            "decision-rewritten",
        ] {
            assert!(
                rules.contains(&rule),
                "{args:?}: {rule} missing from {rules:?}"
            );
        }
    }
    // A plan new since the base has no history to rewrite.
    std::fs::write(dir.path().join("plans/new.md"), PLAN).unwrap();
    let (_, diags) = run(dir.path(), &["--base", "HEAD", "plans/new.md"]);
    assert!(
        !diags
            .iter()
            .any(|d| d.0.ends_with("-rewritten") || d.0 == "checkbox-unchecked"),
        "{diags:?}"
    );
}
