//! The `planlint` binary, end to end: exit codes, formats, standard input, discovery, bad
//! files, determinism, and the one-line defects of the acceptance list.

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use predicates::prelude::*;
use serde_json::Value;

mod common;
use common::project;

fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .canonicalize()
        .unwrap()
}

/// The design samples kept in the repository.
fn samples() -> PathBuf {
    repo_root().join("fixtures/samples")
}

fn planlint() -> Command {
    let mut cmd = Command::cargo_bin("planlint").unwrap();
    cmd.env("SOURCE_DATE_EPOCH", "1795564800") // 2026-11-25T00:00:00Z
        .env_remove("NO_COLOR");
    cmd
}

fn json(cmd: &mut Command) -> Value {
    let out = cmd.arg("--format").arg("json").output().unwrap();
    serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("not JSON ({e}): {}", String::from_utf8_lossy(&out.stdout)))
}

fn error_rules(report: &Value) -> Vec<(String, u64)> {
    report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["severity"] == "error")
        .map(|d| {
            (
                d["rule"].as_str().unwrap().to_string(),
                d["line"].as_u64().unwrap(),
            )
        })
        .collect()
}

const GOOD: &str = "# Plan\n\nThis ExecPlan is a living document.\n\n## Purpose / Big Picture\n\nWhy.\n\n## Progress\n\n- [x] (2025-10-01 13:00Z) Did it.\n\n## Surprises & Discoveries\n\nNone.\n\n## Decision Log\n\n- Decision: do it.\n  Rationale: because.\n\n## Outcomes & Retrospective\n\nDone.\n";

#[test]
fn the_projects_own_plans_lint_clean() {
    // The real clock: the plans' own Progress entries are stamped with today's times.
    planlint()
        .env_remove("SOURCE_DATE_EPOCH")
        .current_dir(repo_root())
        .arg("plans/")
        .assert()
        .success()
        .stdout(predicate::str::contains("0 errors"));
}

#[test]
fn default_path_is_plans_under_the_project_root() {
    let p = project(&[("plans/a.md", GOOD.as_bytes()), ("docs/sub/x.txt", b"")]);
    planlint()
        .current_dir(p.path().join("docs/sub"))
        .assert()
        .success()
        .stdout(predicate::str::contains("in 1 file"));
    let empty = project(&[]);
    planlint()
        .current_dir(empty.path())
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "no plans found under the project root",
        ))
        .stderr(predicate::str::contains("exec-plans/"))
        .stderr(predicate::str::contains("include = ["));
}

#[test]
fn missing_path_is_a_usage_error() {
    planlint()
        .arg("does/not/exist.md")
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "path `does/not/exist.md` does not exist",
        ));
}

#[test]
fn json_report_validates_against_the_schema() {
    let root = repo_root();
    let schema: Value = serde_json::from_str(
        &std::fs::read_to_string(root.join("schemas/report.schema.json")).unwrap(),
    )
    .unwrap();
    let validator = jsonschema::validator_for(&schema).unwrap();
    let report = json(planlint().current_dir(&root).arg("fixtures/"));
    let errors: Vec<String> = validator
        .iter_errors(&report)
        .map(|e| e.to_string())
        .collect();
    assert!(errors.is_empty(), "{errors:?}");
    assert!(report["summary"]["errors"].as_u64().unwrap() > 20);
    assert!(report["summary"]["files"].as_u64().unwrap() > 50);
    // A report that breaks the contract is rejected, so the check above can fail.
    let mut broken = report.clone();
    broken["diagnostics"][0]["line"] = Value::from(0);
    assert!(!validator.is_valid(&broken));
}

#[test]
fn the_schema_names_every_rule_of_the_registry() {
    let schema: Value = serde_json::from_str(
        &std::fs::read_to_string(repo_root().join("schemas/report.schema.json")).unwrap(),
    )
    .unwrap();
    let mut in_schema: Vec<&str> = schema["$defs"]["diagnostic"]["properties"]["rule"]["enum"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap())
        .collect();
    let mut in_registry: Vec<&str> = planlint_rules::RULES.iter().map(|r| r.name).collect();
    in_schema.sort();
    in_registry.sort();
    assert_eq!(in_schema, in_registry);
}

#[test]
fn concise_format_is_one_line_per_diagnostic() {
    let p = project(&[("plans/a.md", b"# T\n\n## Progress\n\n- [X ] broken\n")]);
    planlint()
        .current_dir(p.path())
        .args(["--format", "concise", "plans/a.md"])
        .assert()
        .code(1)
        .stdout(predicate::str::contains(
            "plans/a.md:5:1: error[checkbox-syntax] malformed checkbox `- [X ]`\n",
        ))
        .stdout(predicate::str::ends_with("in 1 file\n"));
}

#[test]
fn human_format_shows_the_source_line_a_label_help_and_a_summary() {
    let p = project(&[("plans/a.md", b"# T\n\n## Progress\n\n- [X ] broken\n")]);
    let out = planlint()
        .current_dir(p.path())
        .args(["--color", "never", "plans/a.md"])
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(text.contains("checkbox-syntax"), "{text}");
    assert!(text.contains("[plans/a.md:5:1]"), "{text}");
    assert!(text.contains("5 │ - [X ] broken"), "{text}");
    assert!(text.contains("not a task-list checkbox"), "{text}");
    assert!(text.contains("help: write `[x]`"), "{text}");
    assert!(
        text.contains("see `planlint explain checkbox-syntax`"),
        "{text}"
    );
    assert!(text.contains("errors") || text.contains("error,"), "{text}");
    assert!(
        !text.contains('\u{1b}'),
        "colour without a terminal: {text}"
    );
}

/// Issue 21, defect 12: on a CJK line the human format's `[file:line:column]` counts
/// characters, as the concise and JSON formats do (it printed bytes: 5:20 for 5:8).
#[test]
fn human_format_counts_columns_in_characters() {
    let plan = "# 計画\n\n## Purpose / Big Picture\n\n日本語の説明 `なし/ファイル.md` を読む。\n";
    let p = project(&[("plans/a.md", plan.as_bytes())]);
    let run = |args: &[&str]| {
        let out = planlint()
            .current_dir(p.path())
            .args(args)
            .arg("plans/a.md")
            .output()
            .unwrap();
        String::from_utf8(out.stdout).unwrap()
    };
    let concise = run(&["--format", "concise"]);
    assert!(
        concise.contains("plans/a.md:5:8: warning[missing-reference]"),
        "{concise}"
    );
    let human = run(&["--color", "never"]);
    assert!(human.contains("[plans/a.md:5:8]"), "{human}");
    assert!(!human.contains("[plans/a.md:5:20]"), "{human}");
}

#[test]
fn colour_follows_the_flag_and_no_color() {
    let p = project(&[("plans/a.md", b"# T\n\n## Progress\n\n- [X ] broken\n")]);
    let coloured = planlint()
        .current_dir(p.path())
        .args(["--color", "always", "plans/a.md"])
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&coloured.stdout).contains('\u{1b}'));
    let plain = planlint()
        .current_dir(p.path())
        .env("NO_COLOR", "1")
        .args(["plans/a.md"])
        .output()
        .unwrap();
    assert!(!String::from_utf8_lossy(&plain.stdout).contains('\u{1b}'));
}

#[test]
fn stdin_is_linted_under_the_given_name() {
    let p = project(&[]);
    planlint()
        .current_dir(p.path())
        .args(["--format", "concise", "--stdin-filename", "plans/x.md", "-"])
        .write_stdin("# T\n\n## Progress\n\n- [2025-11-16 15:05] b\n- [2025-11-16 14:10] a\n")
        .assert()
        .code(1)
        .stdout(predicate::str::contains(
            "plans/x.md:6:4: error[timestamp-order]",
        ));
    planlint()
        .current_dir(p.path())
        .args(["--format", "concise", "-"])
        .write_stdin(GOOD)
        .assert()
        .success()
        .stdout(predicate::str::contains("0 errors"));
}

#[test]
fn a_non_utf8_file_is_reported_and_the_good_file_still_linted() {
    let p = project(&[
        ("plans/good.md", GOOD.as_bytes()),
        ("plans/latin1.md", b"# Caf\xe9\n"),
    ]);
    let report = json(planlint().current_dir(p.path()).arg("plans"));
    assert_eq!(report["summary"]["files"], 2);
    let rules: Vec<_> = report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["rule"].as_str().unwrap())
        .collect();
    assert_eq!(
        rules.iter().filter(|r| **r == "encoding").count(),
        1,
        "{rules:?}"
    );
    assert!(report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .all(|d| d["file"] == "plans/latin1.md" || d["severity"] == "warning"));
    planlint()
        .current_dir(p.path())
        .arg("plans")
        .assert()
        .code(1);
}

#[test]
fn empty_binary_and_utf16_files_do_not_stop_the_run() {
    let mut utf16 = vec![0xFF, 0xFE];
    utf16.extend("# T\n".encode_utf16().flat_map(|u| u.to_le_bytes()));
    let p = project(&[
        ("plans/empty.md", b""),
        ("plans/binary.md", b"\x00\x01\x02\xff\xfe"),
        ("plans/utf16.md", &utf16),
        ("plans/good.md", GOOD.as_bytes()),
    ]);
    let report = json(planlint().current_dir(p.path()).arg("plans"));
    assert_eq!(report["summary"]["files"], 4);
    let enc: Vec<_> = report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["rule"] == "encoding")
        .map(|d| d["file"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(enc, ["plans/binary.md", "plans/utf16.md"]);
}

#[cfg(unix)]
#[test]
fn a_symlink_loop_is_an_io_error_and_the_run_goes_on() {
    let p = project(&[("plans/good.md", GOOD.as_bytes())]);
    std::os::unix::fs::symlink("loop.md", p.path().join("plans/loop.md")).unwrap();
    let report = json(
        planlint()
            .current_dir(p.path())
            .args(["plans/loop.md", "plans/good.md"]),
    );
    assert_eq!(error_rules(&report), [("io-error".to_string(), 1)]);
    assert_eq!(report["summary"]["files"], 2);
    planlint()
        .current_dir(p.path())
        .args(["plans/loop.md", "plans/good.md"])
        .assert()
        .code(1);
}

#[test]
fn folders_skip_readme_plans_md_and_gitignored_files() {
    let p = project(&[
        ("plans/a.md", GOOD.as_bytes()),
        ("plans/README.md", b"# not a plan\n"),
        ("plans/PLANS.md", b"# not a plan\n"),
        ("plans/notes.txt", b"not markdown"),
        ("plans/draft/ignored.md", b"- [X ] broken\n"),
        (".gitignore", b"plans/draft/\n"),
    ]);
    let report = json(planlint().current_dir(p.path()).arg("plans"));
    assert_eq!(report["summary"]["files"], 1, "{report}");
    // Named explicitly, a README is linted.
    let report = json(planlint().current_dir(p.path()).arg("plans/README.md"));
    assert_eq!(report["summary"]["files"], 1);
}

/// A folder named on the command line that holds no plan place is a folder of plans: its files
/// that read as plans are linted; a note with neither plan sections nor a record, and a how-to
/// about writing plans, are passed over and counted (DESIGN: they are not plans). An empty file
/// is still linted: it gets its empty-plan error. Named explicitly, a note is linted.
#[test]
fn a_named_folder_lints_its_plans_and_passes_over_the_rest() {
    let p = project(&[
        ("notes/a.md", GOOD.as_bytes()),
        ("notes/idea.md", b"# An idea\n\nJust text for later.\n"),
        ("notes/howto.md", b"# How to write plans\n\nEvery plan keeps a Progress log.\n\n## Writing the log\n\nStamp each entry.\n"),
        ("notes/empty.md", b""),
        ("notes/README.md", b"# Notes\n\nWhat lives here.\n"),
    ]);
    let out = planlint()
        .current_dir(p.path())
        .args(["--format", "concise", "notes"])
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("notes/empty.md"), "{text}");
    assert!(
        !text.contains("notes/idea.md") && !text.contains("notes/howto.md"),
        "{text}"
    );
    assert!(
        text.ends_with(
            "in 2 files; 3 files in plan places are not plans (`planlint status --skipped`)\n"
        ),
        "{text}"
    );
    let report = json(planlint().current_dir(p.path()).arg("notes/idea.md"));
    assert_eq!(report["summary"]["files"], 1);
}

#[test]
fn select_ignore_and_deny_warnings() {
    // A complete plan whose one error is the broken box (recommended sections still warn).
    let text = GOOD.replace("- [x] (2025-10-01 13:00Z) Did it.", "- [X ] broken");
    let p = project(&[("plans/a.md", text.as_bytes())]);
    planlint()
        .current_dir(p.path())
        .args(["--ignore", "checkbox-syntax", "plans/a.md"])
        .assert()
        .success();
    planlint()
        .current_dir(p.path())
        .args([
            "--ignore",
            "checkbox-syntax",
            "--deny-warnings",
            "plans/a.md",
        ])
        .assert()
        .code(1);
    let report = json(planlint().current_dir(p.path()).args([
        "--select",
        "checkbox-syntax,missing-title",
        "plans/a.md",
    ]));
    let rules: Vec<_> = report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["rule"].as_str().unwrap())
        .collect();
    assert_eq!(rules, ["checkbox-syntax"]);
    planlint()
        .current_dir(p.path())
        .args(["--select", "checkbox-sytnax", "plans/a.md"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("did you mean `checkbox-syntax`"));
}

#[test]
fn quiet_prints_no_summary() {
    let p = project(&[("plans/a.md", GOOD.as_bytes())]);
    planlint()
        .current_dir(p.path())
        .args(["--quiet", "--select", "checkbox-syntax", "plans"])
        .assert()
        .success()
        .stdout("");
}

#[test]
fn output_is_identical_whatever_the_thread_count() {
    let root = repo_root();
    let one = planlint()
        .current_dir(&root)
        .args(["--format", "json", "--threads", "1", "fixtures/"])
        .output()
        .unwrap();
    let two = planlint()
        .current_dir(&root)
        .args(["--format", "json", "--threads", "2", "fixtures/"])
        .output()
        .unwrap();
    let eight = planlint()
        .current_dir(&root)
        .args(["--format", "json", "--threads", "8", "fixtures/"])
        .output()
        .unwrap();
    assert!(!one.stdout.is_empty());
    assert_eq!(one.stdout, two.stdout);
    assert_eq!(one.stdout, eight.stdout);
}

#[test]
fn source_date_epoch_is_now_for_future_timestamps() {
    let p = project(&[(
        "plans/a.md",
        GOOD.replace("2025-10-01", "2026-12-01").as_bytes(),
    )]);
    let report = json(planlint().current_dir(p.path()).arg("plans"));
    assert_eq!(error_rules(&report), [("timestamp-future".to_string(), 11)]);
    let later = json(
        planlint()
            .current_dir(p.path())
            .env("SOURCE_DATE_EPOCH", "1800000000")
            .arg("plans"),
    );
    assert!(error_rules(&later).is_empty());
}

/// The samples lint with no error, and each one-line defect yields exactly the rule the README
/// names, at the right line.
#[test]
fn sample_defects_yield_exactly_their_rule() {
    let samples = samples();
    let numbered = std::fs::read_to_string(samples.join("numbered-plan.md")).unwrap();
    let canonical = std::fs::read_to_string(samples.join("canonical-plan.md")).unwrap();
    let check = |name: &str, text: &str| -> Vec<(String, u64)> {
        let p = project(&[(name, text.as_bytes())]);
        error_rules(&json(planlint().current_dir(p.path()).arg(name)))
    };
    let num_name = "plans/execplan-ja-part3-ch7-cluster-ha.md";
    let can_name = "plans/canonical-plan.md";
    assert_eq!(check(num_name, &numbered), []);
    assert_eq!(check(can_name, &canonical), []);

    let line_of = |text: &str, needle: &str| {
        text.lines().position(|l| l.contains(needle)).unwrap() as u64 + 1
    };
    let one = |rule: &str, line: u64| vec![(rule.to_string(), line)];

    // A timestamp out of order.
    let t = numbered.replace("[2025-11-16 15:05]", "[2025-11-16 11:05]");
    assert_eq!(
        check(num_name, &t),
        one("timestamp-order", line_of(&t, "[2025-11-16 11:05]"))
    );
    let t = canonical.replace("(2025-08-29 11:45Z)", "(2025-08-29 08:45Z)");
    assert_eq!(
        check(can_name, &t),
        one("timestamp-order", line_of(&t, "08:45Z"))
    );

    // A section deleted.
    let start = numbered.find("## 9. Surprises").unwrap();
    let end = numbered.find("## 10. Decision").unwrap();
    let t = format!("{}{}", &numbered[..start], &numbered[end..]);
    assert_eq!(
        check(num_name, &t),
        one("required-section", line_of(&t, "## 10. Decision"))
    );
    let start = canonical.find("## Decision Log").unwrap();
    let end = canonical.find("## Outcomes").unwrap();
    let t = format!("{}{}", &canonical[..start], &canonical[end..]);
    assert_eq!(
        check(can_name, &t),
        one("required-section", line_of(&t, "## Outcomes"))
    );

    // A status misspelt: a warning against the built-in vocabulary, an error against the
    // project's own (planlint.toml sets it).
    let with_vocabulary = |name: &str, text: &str| {
        let p = project(&[
            (name, text.as_bytes()),
            (
                "planlint.toml",
                b"[status]\nextend-values = [\"text-draft\", \"in-progress\"]\n",
            ),
        ]);
        error_rules(&json(planlint().current_dir(p.path()).arg(name)))
    };
    let t = numbered.replace("- Status: text-draft", "- Status: text-drfat");
    assert_eq!(check(num_name, &t), []);
    assert_eq!(
        with_vocabulary(num_name, &t),
        one("status-value", line_of(&t, "text-drfat"))
    );
    let t = canonical.replace(
        "# Export monthly reports as CSV\n",
        "# Export monthly reports as CSV\n\nStatus: in-progres\n",
    );
    assert_eq!(check(can_name, &t), []);
    assert_eq!(
        with_vocabulary(can_name, &t),
        one("status-value", line_of(&t, "in-progres"))
    );

    // `[X ]` for a box.
    let t = numbered.replace(
        "- [ ] Document step-by-step",
        "- [X ] Document step-by-step",
    );
    assert_eq!(
        check(num_name, &t),
        one("checkbox-syntax", line_of(&t, "[X ] Document"))
    );
    let t = canonical.replace(
        "- [ ] Update the user guide.",
        "- [X ] Update the user guide.",
    );
    assert_eq!(
        check(can_name, &t),
        one("checkbox-syntax", line_of(&t, "[X ] Update"))
    );
}

/// Zero configuration over every plan shape kept under `fixtures/` named at once: never a
/// crash, exit 0 or 1, every file reported. (The real plans gathered from public repositories
/// are not kept here; `bench/real-corpus.sh` runs the same check over them.)
#[test]
fn every_fixture_at_once_never_crashes() {
    let root = repo_root();
    let mut files: Vec<String> = Vec::new();
    let mut stack = vec![root.join("fixtures")];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "md") {
                let rel = path.strip_prefix(&root).unwrap();
                files.push(rel.to_string_lossy().replace('\\', "/"));
            }
        }
    }
    files.sort();
    let out = planlint()
        .current_dir(&root)
        .args(["--format", "json"])
        .args(&files)
        .output()
        .unwrap();
    assert!(matches!(out.status.code(), Some(0 | 1)), "{:?}", out.status);
    let report: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(
        report["summary"]["files"].as_u64(),
        Some(files.len() as u64)
    );
    assert!(files.len() > 50, "{}", files.len());
    assert!(!String::from_utf8_lossy(&out.stderr).contains("panicked"));
}

#[test]
fn the_readme_lists_every_rule() {
    let readme = std::fs::read_to_string(repo_root().join("README.md")).unwrap();
    for rule in planlint_rules::RULES {
        assert!(
            readme.contains(&format!("| `{}` |", rule.name)),
            "README lacks rule `{}`",
            rule.name
        );
    }
}

#[test]
fn a_fifty_megabyte_plan_is_linted_without_trouble() {
    let mut text = String::from("# Big\n\n## Progress\n\n");
    let mut i = 0;
    while text.len() < 50 * 1024 * 1024 {
        text.push_str(&format!("- [x] (2025-01-01 10:00Z) entry {i} with some text to make the line as long as a real one\n"));
        i += 1;
    }
    text.push_str("\n## Surprises & Discoveries\n\nNone.\n\n## Decision Log\n\n- Decision: grow.\n  Rationale: a test.\n\n## Outcomes & Retrospective\n\nDone.\n");
    text = text.replace(
        "# Big\n\n",
        "# Big\n\n## Purpose / Big Picture\n\nSize.\n\n",
    );
    let p = project(&[
        ("plans/big.md", text.as_bytes()),
        ("plans/good.md", GOOD.as_bytes()),
    ]);
    let report = json(planlint().current_dir(p.path()).arg("plans"));
    assert_eq!(report["summary"]["files"], 2);
    assert_eq!(report["summary"]["errors"], 0, "{}", report["summary"]);
}

#[cfg(unix)]
#[test]
fn a_dangling_symlink_named_explicitly_is_an_io_error() {
    let p = project(&[("plans/good.md", GOOD.as_bytes())]);
    std::os::unix::fs::symlink("gone.md", p.path().join("plans/dangling.md")).unwrap();
    let report = json(
        planlint()
            .current_dir(p.path())
            .args(["plans/dangling.md", "plans/good.md"]),
    );
    assert_eq!(error_rules(&report), [("io-error".to_string(), 1)]);
}
