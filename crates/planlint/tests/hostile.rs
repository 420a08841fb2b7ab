//! Hostile files and trees: each gives a clear diagnostic or a clean result, the other files are
//! still linted, and the exit code follows the README's "Exit codes" — a run with a file that
//! could not be checked never exits 0. Large inputs are generated here, never committed.

use std::path::Path;
use std::time::Duration;

use assert_cmd::Command;
use serde_json::Value;

mod common;
use common::project;

const GOOD: &str = "# Good plan\n\n## Purpose / Big Picture\n\nA plan.\n\n## Progress\n\n- [x] (2025-01-01 10:00Z) Done.\n\n## Surprises & Discoveries\n\nNone.\n\n## Decision Log\n\n- Decision: keep it.\n  Rationale: it works.\n\n## Outcomes & Retrospective\n\nDone.\n";

fn planlint(dir: &Path) -> Command {
    let mut cmd = Command::cargo_bin("planlint").unwrap();
    cmd.current_dir(dir)
        .env("SOURCE_DATE_EPOCH", "1795564800")
        .timeout(Duration::from_secs(300));
    cmd
}

/// Exit code and JSON report.
fn report(cmd: &mut Command) -> (i32, Value) {
    let out = cmd.args(["--format", "json"]).output().unwrap();
    let report = serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!(
            "not JSON ({e}): {} {}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        )
    });
    (out.status.code().unwrap_or(-1), report)
}

/// The errors reported for `file` (warnings left out).
fn errors_of(report: &Value, file: &str) -> Vec<String> {
    report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["file"] == file && d["severity"] == "error")
        .map(|d| d["rule"].as_str().unwrap().to_string())
        .collect()
}

fn rules_of(report: &Value, file: &str) -> Vec<String> {
    report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["file"] == file)
        .map(|d| d["rule"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn nul_bytes_and_a_broken_multibyte_character_are_encoding_errors_at_their_place() {
    let p = project(&[
        ("plans/nul.md", b"# Plan\n\nsome text\x00more\n"),
        // Valid UTF-8 but for one byte in the middle of `é` (0xC3 0xA9).
        ("plans/split.md", b"# Plan\n\nCaf\xc3X and more\n"),
        ("plans/good.md", GOOD.as_bytes()),
    ]);
    let (code, r) = report(planlint(p.path()).arg("plans"));
    assert_eq!(code, 1);
    assert_eq!(r["summary"]["files"], 3);
    assert!(rules_of(&r, "plans/split.md").contains(&"encoding".to_string()));
    let split = r["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["file"] == "plans/split.md" && d["rule"] == "encoding")
        .unwrap();
    assert_eq!(
        (split["line"].as_u64(), split["column"].as_u64()),
        (Some(3), Some(4))
    );
    assert!(rules_of(&r, "plans/nul.md").contains(&"encoding".to_string()));
    assert!(errors_of(&r, "plans/good.md").is_empty());
}

#[test]
fn a_file_that_cannot_be_checked_never_passes_whatever_the_flags() {
    let p = project(&[
        ("plans/latin1.md", b"# Caf\xe9\n"),
        ("plans/good.md", GOOD.as_bytes()),
    ]);
    planlint(p.path())
        .args(["--select", "timestamp-order", "plans"])
        .assert()
        .code(1);
    planlint(p.path())
        .args(["--ignore", "encoding", "plans"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("cannot be ignored"));
    std::fs::write(
        p.path().join("planlint.toml"),
        "[rules]\nencoding = \"off\"\n",
    )
    .unwrap();
    planlint(p.path())
        .arg("plans")
        .assert()
        .code(2)
        .stderr(predicates::str::contains("`encoding` is always an error"));
}

#[test]
fn a_hundred_megabyte_plan_is_linted() {
    let mut text =
        String::from("# Big\n\n## Progress\n\n- [x] (2025-01-01 10:00Z) Started.\n\n## Notes\n\n");
    let para = "This paragraph is long running prose of the kind people paste into plans, with `src/lib.rs` and a [link](x) in it.\n\n";
    while text.len() < 100 * 1024 * 1024 {
        text.push_str(para);
    }
    let p = project(&[
        ("plans/big.md", text.as_bytes()),
        ("plans/good.md", GOOD.as_bytes()),
    ]);
    let (code, r) =
        report(planlint(p.path()).args(["--select", "timestamp-order,checkbox-syntax", "plans"]));
    assert_eq!(code, 0);
    assert_eq!(r["summary"]["files"], 2);
}

#[test]
fn a_million_line_progress_log_is_linear() {
    // A rule quadratic in entries would need about 10^12 steps here and hit the timeout.
    let mut text = String::with_capacity(50 * 1024 * 1024);
    text.push_str("# Long log\n\n## Progress\n\n");
    for i in 0..1_000_000u32 {
        let (h, m) = ((i / 60) % 24, i % 60);
        let day = 1 + (i / 1440) % 28;
        let month = 1 + (i / (1440 * 28)) % 12;
        text.push_str(&format!(
            "- [x] (2025-{month:02}-{day:02} {h:02}:{m:02}Z) step {i}\n"
        ));
    }
    let p = project(&[("plans/log.md", text.as_bytes())]);
    let (code, r) = report(planlint(p.path()).args([
        "--select",
        "timestamp-order,timestamp-format,checkbox-syntax,status-consistency,progress-rewritten",
        "plans",
    ]));
    // A year of this log is 12 months of 28 days of 1,440 minutes (483,840 entries), so it
    // wraps from December back to January twice: two order errors, at entries 483,840 and
    // 967,680 (lines 483,845 and 967,685), and nothing else.
    assert_eq!(code, 1);
    assert_eq!(r["summary"]["errors"], 2, "{}", r["summary"]);
    assert_eq!(r["summary"]["warnings"], 0, "{}", r["summary"]);
    let found: Vec<(String, u64)> = r["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            (
                d["rule"].as_str().unwrap().to_string(),
                d["line"].as_u64().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        found,
        [
            ("timestamp-order".to_string(), 483_845),
            ("timestamp-order".to_string(), 967_685)
        ]
    );
}

#[test]
fn a_hundred_thousand_levels_of_quotes_and_lists() {
    let quotes = format!("# Deep\n\n{} deep quote\n", ">".repeat(100_000));
    let lists = format!("# Deep\n\n## Progress\n\n{}x\n", "- ".repeat(100_000));
    let mixed = format!("# Deep\n\n{}x\n", "> - ".repeat(50_000));
    let p = project(&[
        ("plans/quotes.md", quotes.as_bytes()),
        ("plans/lists.md", lists.as_bytes()),
        ("plans/mixed.md", mixed.as_bytes()),
        ("plans/good.md", GOOD.as_bytes()),
    ]);
    // Named, so that each is linted whether or not it reads as a plan (a walk passes over a file
    // with neither plan sections nor a record).
    let (code, r) = report(planlint(p.path()).args([
        "plans/quotes.md",
        "plans/lists.md",
        "plans/mixed.md",
        "plans/good.md",
    ]));
    // Each deep file reads as a plan with only its missing sections to report: the nesting
    // neither crashes the parser nor turns into findings of its own. Every file in scope is
    // an ExecPlan, so the missing mandatory sections are errors.
    assert_eq!(code, 1);
    assert_eq!(r["summary"]["files"], 4);
    assert_eq!(r["summary"]["errors"], 14);
    for (file, required) in [
        ("plans/quotes.md", 5),
        ("plans/lists.md", 4),
        ("plans/mixed.md", 5),
    ] {
        let rules = rules_of(&r, file);
        let count = |rule: &str| rules.iter().filter(|r| *r == rule).count();
        // `lists.md` keeps its Progress section; the other two have none.
        assert_eq!(count("required-section"), required, "{file}: {rules:?}");
        assert_eq!(count("recommended-section"), 7, "{file}: {rules:?}");
        assert_eq!(rules.len(), required + 7, "{file}: {rules:?}");
    }
    assert!(errors_of(&r, "plans/good.md").is_empty());
}

#[cfg(unix)]
#[test]
fn references_never_leave_the_project() {
    let outside = tempfile::tempdir().unwrap();
    std::fs::write(outside.path().join("secret.md"), "secret").unwrap();
    let p = project(&[(
        "plans/a.md",
        b"# Plan\n\n## Progress\n\n- [x] (2025-01-01 10:00Z) Read `../../etc/passwd`, `ext/secret.md` and `../outside/secret.md`.\n" as &[u8],
    )]);
    // A folder inside the project that links outside it.
    std::os::unix::fs::symlink(outside.path(), p.path().join("ext")).unwrap();
    std::os::unix::fs::symlink(outside.path(), p.path().parent().unwrap().join("outside")).ok();
    let (_, r) = report(planlint(p.path()).args(["--select", "missing-reference", "plans"]));
    let messages: Vec<&str> = r["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["message"].as_str().unwrap())
        .collect();
    // `ext/secret.md` exists only by following the link out of the project: it is missing.
    assert!(
        messages.iter().any(|m| m.contains("ext/secret.md")),
        "{messages:?}"
    );
    // Paths that climb out of the project are never looked up as present.
    for m in &messages {
        assert!(!m.contains("exists"), "{m}");
    }
}

#[cfg(unix)]
#[test]
fn a_plan_file_that_links_outside_the_project_is_not_walked_into() {
    let outside = tempfile::tempdir().unwrap();
    std::fs::write(outside.path().join("x.md"), "# outside\n\n- [X ] bad\n").unwrap();
    let p = project(&[("plans/good.md", GOOD.as_bytes())]);
    std::os::unix::fs::symlink(outside.path(), p.path().join("plans/linked")).unwrap();
    let (code, r) = report(planlint(p.path()).arg("plans"));
    assert_eq!((code, r["summary"]["files"].as_u64()), (0, Some(1)));
}

#[cfg(unix)]
#[test]
fn a_folder_without_read_permission_is_an_io_error_and_the_run_goes_on() {
    use std::os::unix::fs::PermissionsExt;
    use std::os::unix::process::CommandExt;
    let p = project(&[
        ("plans/locked/a.md", GOOD.as_bytes()),
        ("plans/good.md", GOOD.as_bytes()),
    ]);
    let locked = p.path().join("plans/locked");
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o000)).unwrap();
    let mut cmd = planlint(p.path());
    if std::fs::read_dir(&locked).is_ok() {
        // Root reads the folder whatever its permissions (CI runs as root): run planlint as
        // `nobody` instead, for whom they apply. The project must be open to that user.
        std::fs::set_permissions(p.path(), std::fs::Permissions::from_mode(0o755)).unwrap();
        let mut std_cmd = std::process::Command::new(assert_cmd::cargo::cargo_bin("planlint"));
        std_cmd
            .current_dir(p.path())
            .env("SOURCE_DATE_EPOCH", "1795564800")
            .uid(65534)
            .gid(65534);
        cmd = Command::from_std(std_cmd);
        cmd.timeout(Duration::from_secs(300));
    }
    let (code, r) = report(cmd.arg("plans"));
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o755)).unwrap();
    assert_eq!(code, 1, "{r}");
    assert_eq!(r["summary"]["files"], 2, "{r}");
    assert!(errors_of(&r, "plans/good.md").is_empty());
    let io: Vec<&Value> = r["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["rule"] == "io-error")
        .collect();
    assert_eq!(io.len(), 1, "{r}");
    assert_eq!(io[0]["file"], "plans/locked", "{r}");
    assert!(
        io[0]["message"]
            .as_str()
            .unwrap()
            .contains("Permission denied"),
        "{r}"
    );
}

#[test]
fn a_file_that_vanishes_between_discovery_and_reading_is_an_io_error() {
    use planlint::discover::{expand, Target};
    use planlint::lint::{lint_all, Job, Mode};
    use planlint::project::DiskProject;
    let p = project(&[
        ("plans/gone.md", GOOD.as_bytes()),
        ("plans/good.md", GOOD.as_bytes()),
    ]);
    let root = p.path().canonicalize().unwrap();
    let scope = planlint::scope::Scope::new(None, None);
    let targets = expand(&[root.join("plans")], &root, &scope, false)
        .unwrap()
        .targets;
    assert_eq!(targets.len(), 2);
    std::fs::remove_file(root.join("plans/gone.md")).unwrap();
    let project = DiskProject::new(&root);
    let settings = planlint::lint::resolver_for_tests();
    let job = Job {
        project: &project,
        repo_prefix: None,
        settings: &settings,
        stdin_name: None,
        now: planlint::lint::now(),
        baseline: None,
        mode: Mode::Check,
        format: planlint::Format::Json,
        color: false,
    };
    let reports = lint_all(&targets, &job);
    let rules: Vec<Vec<&str>> = reports
        .iter()
        .map(|r| r.diagnostics.iter().map(|d| d.rule).collect())
        .collect();
    assert!(matches!(targets[0], Target::File(..)));
    assert_eq!(rules[0], ["io-error"]);
    assert!(!rules[1].contains(&"io-error"), "{rules:?}");
}

#[test]
fn a_plan_named_with_spaces_and_non_ascii_characters() {
    let name = "plans/mi plan ñ 計画.md";
    let text = GOOD.replace("# Good plan", "# Plan ñ");
    let p = project(&[(name, text.as_bytes())]);
    let (code, r) = report(planlint(p.path()).arg("plans"));
    assert_eq!(code, 0);
    assert_eq!(r["summary"]["files"], 1);
    let out = planlint(p.path())
        .args(["--format", "concise", "--select", "missing-title", name])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
}
