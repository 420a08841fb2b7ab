//! `planlint log`, `decide`, `tick` and `set-status` on the shared samples and on plans in the
//! shapes real plans take: the new record is in the plan's own style and parses as what was
//! meant, no diagnostic appears that was not there, and every other byte is unchanged.

use std::path::Path;
use std::process::Command as Process;

use serde_json::Value;

mod common;
use common::{planlint_in, project, repo_root};

/// The shared samples (the book's numbered plan, the canonical one).
fn sample(name: &str) -> String {
    std::fs::read_to_string(repo_root().join("../shared/samples").join(name)).unwrap_or_else(|_| {
        // Without the shared folder, the book's plan kept in this repository stands in.
        std::fs::read_to_string(repo_root().join("plans/execplan-ja-part3-ch7-cluster-ha.md"))
            .unwrap()
    })
}

/// Lint findings as (rule, message) pairs, positions left out (lines move by the insertion).
fn findings(dir: &Path, file: &str) -> Vec<(String, String)> {
    let out = planlint_in(dir)
        .args(["--format", "json", file])
        .output()
        .unwrap();
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    let mut f: Vec<(String, String)> = v["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            (
                d["rule"].as_str().unwrap().into(),
                d["message"].as_str().unwrap().into(),
            )
        })
        .collect();
    f.sort();
    f
}

/// The lines of `after` that are not in `before` (and the reverse).
fn changed_lines(before: &str, after: &str) -> (Vec<String>, Vec<String>) {
    let diff = similar::TextDiff::from_lines(before, after);
    let mut added = Vec::new();
    let mut removed = Vec::new();
    for c in diff.iter_all_changes() {
        match c.tag() {
            similar::ChangeTag::Insert => added.push(c.value().to_string()),
            similar::ChangeTag::Delete => removed.push(c.value().to_string()),
            similar::ChangeTag::Equal => {}
        }
    }
    (added, removed)
}

fn run(dir: &Path, args: &[&str]) -> std::process::Output {
    planlint_in(dir).args(args).output().unwrap()
}

#[test]
fn log_writes_the_entry_in_the_numbered_plans_own_style() {
    let text = sample("numbered-plan.md");
    let p = project(&[("plans/execplan-ja-part3-ch7-cluster-ha.md", text.as_bytes())]);
    let file = "plans/execplan-ja-part3-ch7-cluster-ha.md";
    let before = findings(p.path(), file);
    let out = run(p.path(), &["log", file, "Drafted section 7.3"]);
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    let after_text = std::fs::read_to_string(p.path().join(file)).unwrap();
    let (added, removed) = changed_lines(&text, &after_text);
    // SOURCE_DATE_EPOCH is 2026-11-25T00:00:00Z in the tests.
    assert_eq!(
        added,
        [
            "- Last updated: 2026-11-25\n",
            "- [2026-11-25 00:00] Drafted section 7.3\n"
        ]
    );
    assert_eq!(removed, ["- Last updated: 2025-11-16\n"]);
    let after = findings(p.path(), file);
    assert!(
        after.iter().all(|f| before.contains(f)),
        "new findings: {after:?}"
    );
    // The model reads the new entry as a dated Progress entry.
    let parsed: Value = serde_json::from_slice(&run(p.path(), &["parse", file]).stdout).unwrap();
    let progress = parsed["files"][0]["plan"]["progress"].as_array().unwrap();
    let last = progress.last().unwrap();
    assert_eq!(last["text"], "[2026-11-25 00:00] Drafted section 7.3");
    assert_eq!(last["stamp"]["kind"], "valid");
}

#[test]
fn log_decide_tick_and_set_status_on_the_canonical_plan() {
    let text = sample("canonical-plan.md");
    let p = project(&[("plans/export.md", text.as_bytes())]);
    let file = "plans/export.md";
    let before = findings(p.path(), file);
    assert_eq!(
        run(p.path(), &["log", file, "Wrote the exporter."])
            .status
            .code(),
        Some(0)
    );
    let logged = std::fs::read_to_string(p.path().join(file)).unwrap();
    let (added, removed) = changed_lines(&text, &logged);
    assert_eq!(added, ["- [x] (2026-11-25 00:00Z) Wrote the exporter.\n"]);
    assert!(removed.is_empty());

    assert_eq!(
        run(
            p.path(),
            &[
                "decide",
                file,
                "Stream the rows.",
                "--why",
                "Reports are large.",
                "--author",
                "ana"
            ]
        )
        .status
        .code(),
        Some(0)
    );
    let decided = std::fs::read_to_string(p.path().join(file)).unwrap();
    let (added, _) = changed_lines(&logged, &decided);
    assert_eq!(
        added,
        [
            "- Decision: Stream the rows.\n",
            "  Rationale: Reports are large.\n",
            "  Date/Author: 2026-11-25 / ana\n"
        ]
    );
    let parsed: Value = serde_json::from_slice(&run(p.path(), &["parse", file]).stdout).unwrap();
    let decisions = parsed["files"][0]["plan"]["decisions"].as_array().unwrap();
    let last = decisions.last().unwrap();
    assert_eq!(last["text"], "Stream the rows.");
    assert!(!last["rationale"].is_null());

    // Ambiguous and missing matches list the open boxes and change nothing.
    let out = run(p.path(), &["tick", file, "the"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("the open boxes:"));
    assert_eq!(
        run(p.path(), &["tick", file, "no such box"]).status.code(),
        Some(2)
    );
    assert_eq!(
        std::fs::read_to_string(p.path().join(file)).unwrap(),
        decided
    );
    assert_eq!(
        run(p.path(), &["tick", file, "user guide"]).status.code(),
        Some(0)
    );
    let ticked = std::fs::read_to_string(p.path().join(file)).unwrap();
    let (added, removed) = changed_lines(&decided, &ticked);
    assert_eq!(
        added,
        ["- [x] (2026-11-25 00:00Z) Update the user guide.\n"]
    );
    assert_eq!(removed, ["- [ ] Update the user guide.\n"]);

    let after = findings(p.path(), file);
    assert!(
        after.iter().all(|f| before.contains(f)),
        "new findings: {after:?}"
    );

    // Statuses: from the vocabulary, with a did-you-mean; finished only once the boxes are done.
    let out = run(p.path(), &["set-status", file, "compelte"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("did you mean `complete`"));
    let out = run(p.path(), &["set-status", file, "complete"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("still open"));
    // The sample keeps no status: planlint says where to write one instead of guessing.
    let out = run(p.path(), &["set-status", file, "in-review"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("add `Status: VALUE` under the title"));
    let with_status = std::fs::read_to_string(p.path().join(file))
        .unwrap()
        .replacen("\n\n", "\n\nStatus: active\n\n", 1);
    std::fs::write(p.path().join(file), &with_status).unwrap();
    let status_before = std::fs::read_to_string(p.path().join(file)).unwrap();
    assert_eq!(
        run(p.path(), &["set-status", file, "in-review"])
            .status
            .code(),
        Some(0)
    );
    let status_after = std::fs::read_to_string(p.path().join(file)).unwrap();
    let (added, removed) = changed_lines(&status_before, &status_after);
    assert_eq!(added.len(), 1, "{added:?}");
    assert_eq!(removed.len(), 1);
    assert!(added[0].contains("in-review"), "{added:?}");
}

#[test]
fn dry_run_and_standard_input_change_nothing_on_disk() {
    let text =
        "\u{feff}# Plan\r\n\r\n## Progress\r\n\r\n- [x] (2025-01-01 10:00+09:00) Started.\r\n";
    let p = project(&[("plans/a.md", text.as_bytes())]);
    let out = run(p.path(), &["log", "plans/a.md", "Next.", "--dry-run"]);
    let diff = String::from_utf8(out.stdout).unwrap();
    assert!(
        diff.contains("+- [x] (2026-11-25 09:00+09:00) Next.\r\n"),
        "{diff}"
    );
    assert_eq!(
        std::fs::read_to_string(p.path().join("plans/a.md")).unwrap(),
        text
    );
    let out = planlint_in(p.path())
        .args(["log", "-", "Next."])
        .write_stdin(text)
        .output()
        .unwrap();
    let written = String::from_utf8(out.stdout).unwrap();
    // The BOM, CRLF and the zone the plan uses are kept.
    assert_eq!(
        written,
        format!("{text}- [x] (2026-11-25 09:00+09:00) Next.\r\n")
    );
}

#[test]
fn logging_is_never_a_rewrite() {
    let text = sample("canonical-plan.md");
    let p = project(&[("plans/export.md", text.as_bytes())]);
    std::fs::remove_dir_all(p.path().join(".git")).unwrap();
    let git = |args: &[&str]| {
        let out = Process::new("git")
            .current_dir(p.path())
            .args([
                "-c",
                "user.name=t",
                "-c",
                "user.email=t@t.invalid",
                "-c",
                "commit.gpgsign=false",
            ])
            .args(args)
            .output()
            .unwrap();
        assert!(out.status.success(), "{out:?}");
    };
    git(&["init", "-q"]);
    git(&["add", "-A"]);
    git(&["commit", "-q", "-m", "plan"]);
    assert_eq!(
        run(p.path(), &["log", "plans/export.md", "One more step."])
            .status
            .code(),
        Some(0)
    );
    let after = planlint_in(p.path())
        .args(["--format", "json", "--base", "HEAD", "plans/export.md"])
        .output()
        .unwrap();
    let v: Value = serde_json::from_slice(&after.stdout).unwrap();
    let history: Vec<&Value> = v["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| {
            matches!(
                d["rule"].as_str().unwrap(),
                "progress-rewritten" | "decision-rewritten" | "checkbox-unchecked"
            )
        })
        .collect();
    assert!(history.is_empty(), "{history:?}");
}

#[test]
fn a_plan_without_the_section_is_told_what_to_add() {
    let p = project(&[("plans/a.md", b"# Plan\n\n## Purpose\n\nWhy.\n" as &[u8])]);
    let out = run(p.path(), &["log", "plans/a.md", "x"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("add a `## Progress` heading"));
    let out = run(p.path(), &["decide", "plans/a.md", "x", "--why", "y"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("`## Decision Log`"));
}
