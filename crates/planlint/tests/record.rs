//! `planlint log`, `decide`, `tick` and `set-status` on the design samples and on plans in the
//! shapes real plans take: the new record is in the plan's own style and parses as what was
//! meant, no diagnostic appears that was not there, and every other byte is unchanged.

use std::path::Path;

use serde_json::Value;

mod common;
use common::{git, planlint_in, project, repo_root};

/// The design samples kept in the repository (the book's numbered plan, the canonical one).
fn sample(name: &str) -> String {
    let path = repo_root().join("fixtures/samples").join(name);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
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
    git(p.path(), &["init", "-q"]);
    git(p.path(), &["add", "-A"]);
    git(p.path(), &["commit", "-q", "-m", "plan"]);
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

/// "Now" in the tests (SOURCE_DATE_EPOCH of `common`).
fn now() -> chrono::DateTime<chrono::Utc> {
    chrono::DateTime::from_timestamp(1_795_564_800, 0).unwrap()
}

/// Findings of a text as (rule, message), sorted.
fn lint(text: &str) -> Vec<(String, String)> {
    let input = planlint_rules::FileInput {
        path: Some("plans/x.md"),
        now: now(),
        project: &planlint_rules::NoProject,
        base: None,
    };
    let mut f: Vec<(String, String)> =
        planlint_rules::lint_str(text, input, &planlint_rules::Settings::default())
            .into_iter()
            .map(|d| (d.rule.to_string(), d.message))
            .collect();
    f.sort();
    f
}

/// What `log` must hold to on any plan: edits only insert, or replace the Last updated value;
/// the new entry is one more Progress entry with the text; no finding appears that was not
/// there (for logs whose entries all lie before "now").
fn check_log(text: &str) -> Result<(), String> {
    use planlint_rules::record;
    let plan = planlint_parser::parse(text);
    let edits = match record::log_edits(text, "Logged by the test.", false, now()) {
        Ok(e) => e,
        Err(_) => return Ok(()), // no Progress section: exit 2, nothing written
    };
    let last_updated = plan
        .meta(planlint_parser::MetaKey::LastUpdated)
        .map(|m| m.value_span);
    for e in &edits {
        let replaces_last_updated = last_updated.is_some_and(|s| s == e.span);
        if !e.span.is_empty() && !replaces_last_updated {
            return Err(format!("an edit replaces text: {e:?}"));
        }
    }
    let after = record::apply(text, &edits).unwrap();
    let new = planlint_parser::parse(&after);
    if new.progress.len() != plan.progress.len() + 1 {
        return Err(format!(
            "{} entries, then {}",
            plan.progress.len(),
            new.progress.len()
        ));
    }
    let entry = new
        .progress
        .iter()
        .find(|e| e.text.contains("Logged by the test."))
        .ok_or("the new entry is not a Progress entry")?;
    if entry.timestamp().is_none() {
        return Err(format!("the new entry has no timestamp: {:?}", entry.text));
    }
    let future = plan
        .progress
        .iter()
        .filter_map(|e| e.timestamp())
        .any(|t| t.is_after(now()));
    if !future {
        // Per rule, no more findings than before (messages may quote lines that moved down).
        let count = |f: &[(String, String)], rule: &str| f.iter().filter(|x| x.0 == rule).count();
        let (before, after_f) = (lint(text), lint(&after));
        let new_findings: Vec<_> = after_f
            .iter()
            .filter(|f| count(&after_f, &f.0) > count(&before, &f.0))
            .collect();
        if !new_findings.is_empty() {
            return Err(format!("new findings: {new_findings:?}"));
        }
    }
    Ok(())
}

/// Per rule, no more findings after than before.
fn no_new_findings(before: &str, after: &str) -> Result<(), String> {
    let count = |f: &[(String, String)], rule: &str| f.iter().filter(|x| x.0 == rule).count();
    let (b, a) = (lint(before), lint(after));
    let new: Vec<_> = a
        .iter()
        .filter(|f| count(&a, &f.0) > count(&b, &f.0))
        .collect();
    if new.is_empty() {
        Ok(())
    } else {
        Err(format!("new findings: {new:?}"))
    }
}

/// `decide`, `set-status` and `tick` on a plan: one more decision with its rationale, the new
/// status in place of the old value only, one fewer open box, and no new finding.
fn check_decide_and_tick(text: &str) -> Result<(), String> {
    use planlint_rules::record;
    let plan = planlint_parser::parse(text);
    let future = plan
        .progress
        .iter()
        .filter_map(|e| e.timestamp())
        .any(|t| t.is_after(now()));
    if let Ok(edits) = record::decide_edits(text, "Keep it small.", "Less to review.", "t", now()) {
        let after = record::apply(text, &edits).unwrap();
        let new = planlint_parser::parse(&after);
        let d = new
            .decisions
            .iter()
            .find(|d| d.text.contains("Keep it small."))
            .ok_or("the decision does not parse")?;
        if d.rationale.is_none() {
            return Err("the decision has no rationale".into());
        }
        if new.decisions.len() != plan.decisions.len() + 1 {
            return Err("not exactly one more decision".into());
        }
        no_new_findings(text, &after)?;
    }
    let settings = planlint_rules::Settings::default();
    if !plan.statuses.is_empty() {
        let edits = record::status_edits(text, &settings, "in-review", false, now())
            .map_err(|e| e.to_string())?;
        let after = record::apply(text, &edits).unwrap();
        let new = planlint_parser::parse(&after);
        if !new.statuses.iter().any(|s| s.value == "in-review") {
            return Err("the new status does not parse".into());
        }
        let last_updated = plan
            .meta(planlint_parser::MetaKey::LastUpdated)
            .map(|m| m.value_span);
        if edits.iter().any(|e| {
            !plan.statuses.iter().any(|s| s.span == e.span) && last_updated != Some(e.span)
        }) {
            return Err("set-status changed more than a status value and Last updated".into());
        }
        no_new_findings(text, &after)?;
    }
    let open = plan
        .checkboxes
        .iter()
        .filter(|b| b.state == planlint_parser::BoxState::Open)
        .count();
    if open > 0 && !future {
        let edits = record::tick_edits(text, &settings, "1", now()).map_err(|e| e.to_string())?;
        let after = record::apply(text, &edits).unwrap();
        let new = planlint_parser::parse(&after);
        let still = new
            .checkboxes
            .iter()
            .filter(|b| b.state == planlint_parser::BoxState::Open)
            .count();
        if still != open - 1 {
            return Err(format!("{open} open boxes, then {still}"));
        }
        no_new_findings(text, &after)?;
    }
    Ok(())
}

/// Every plan under `fixtures/` (every dialect and shape) takes a logged entry cleanly.
#[test]
fn log_holds_on_every_fixture() {
    let mut stack = vec![repo_root().join("fixtures")];
    let mut checked = 0;
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "md") {
                let Ok(text) = std::fs::read_to_string(&path) else {
                    continue;
                };
                if let Err(why) = check_log(&text).and_then(|()| check_decide_and_tick(&text)) {
                    panic!("{}: {why}", path.display());
                }
                checked += 1;
            }
        }
    }
    assert!(checked > 50, "{checked}");
}

/// A plan made of the shapes real logs take: line endings, a BOM, front matter with Last
/// updated, checkbox or plain entries, each timestamp spelling, nested entries, newest-first.
fn plan_strategy() -> impl proptest::strategy::Strategy<Value = String> {
    use proptest::prelude::*;
    let stamp = proptest::sample::select(vec![
        "(2025-10-0D 13:00Z)",
        "[2025-10-0D 13:00]",
        "2025-10-0DT13:00:09Z",
        "2025-10-0D:",
        "(2025-10-0D 13:00+09:00)",
        "(2025-10-0D)",
    ]);
    let entry = (stamp, any::<bool>(), any::<bool>(), 1u8..9);
    (
        any::<bool>(),
        any::<bool>(),
        any::<bool>(),
        proptest::collection::vec(entry, 0..6),
        any::<bool>(),
    )
        .prop_map(|(crlf, bom, front, entries, newest_first)| {
            let mut days: Vec<u8> = entries.iter().map(|e| e.3).collect();
            days.sort();
            if newest_first {
                days.reverse();
            }
            let mut s = String::new();
            if bom {
                s.push('\u{feff}');
            }
            if front {
                s.push_str("---\nstatus: active\nupdated: 2025-10-01\n---\n");
            }
            s.push_str("# Plan\n\n## Purpose / Big Picture\n\nWhy.\n\n## Progress\n\n");
            for ((stamp, boxed, nested, _), day) in entries.iter().zip(days) {
                let stamp = stamp.replace('D', &day.to_string());
                let b = if *boxed { "[x] " } else { "" };
                s.push_str(&format!("- {b}{stamp} Step on day {day}.\n"));
                if *nested {
                    s.push_str("  - a detail\n");
                }
            }
            s.push_str("\n## Surprises & Discoveries\n\nNone.\n\n## Decision Log\n\nNone.\n\n## Outcomes & Retrospective\n\nNot yet.\n");
            if crlf {
                s = s.replace('\n', "\r\n");
            }
            s
        })
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(300))]
    /// Over generated plans: only insertions (and the Last updated value) change, the entry
    /// parses as a dated Progress entry, no new finding.
    #[test]
    fn log_changes_no_other_byte(text in plan_strategy()) {
        if let Err(why) = check_log(&text) {
            proptest::prop_assert!(false, "{}\n{}", why, text);
        }
    }
}

/// A decision in a plan with translated keys takes those keys and their separator.
#[test]
fn decide_writes_the_plans_own_keys() {
    let text =
        std::fs::read_to_string(repo_root().join("fixtures/shapes/japanese-headings.md")).unwrap();
    let edits =
        planlint_rules::record::decide_edits(&text, "小さく保つ。", "レビューが楽。", "t", now())
            .unwrap();
    let after = planlint_rules::record::apply(&text, &edits).unwrap();
    let (added, _) = changed_lines(&text, &after);
    assert_eq!(
        added,
        [
            "- 決定: 小さく保つ。\n",
            "  根拠: レビューが楽。\n",
            "  日付/著者: 2026-11-25 / t\n"
        ]
    );
}

/// Issue 18, item 3: `set-status` accepts what lint accepts — an allowed word followed by more
/// words (`completed-on-this-branch`) included — by the rules' own `Settings::status_allowed`,
/// and refuses what lint would report: a value that only ends with an allowed word says
/// something else (`not-done`, `phase-2-done`).
#[test]
fn set_status_accepts_every_value_lint_accepts() {
    let text =
        "# Plan\n\nStatus: active\nLast updated: 2026-01-01\n\n## Purpose / Big Picture\n\nWhy.\n";
    let p = project(&[("plans/a.md", text.as_bytes())]);
    for refused in ["not-done", "phase-2-done"] {
        let out = run(p.path(), &["set-status", "plans/a.md", refused]);
        assert_eq!(out.status.code(), Some(2), "{refused}: {out:?}");
    }
    let out = run(
        p.path(),
        &["set-status", "plans/a.md", "completed-on-this-branch"],
    );
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    let after = std::fs::read_to_string(p.path().join("plans/a.md")).unwrap();
    assert!(
        after.contains("Status: completed-on-this-branch\n"),
        "{after}"
    );
    assert!(
        !findings(p.path(), "plans/a.md")
            .iter()
            .any(|f| f.0 == "status-value"),
        "lint accepts it too"
    );
    std::fs::write(
        p.path().join("plans/a.md"),
        text.replace("Status: active", "Status: Implementation complete"),
    )
    .unwrap();
    assert!(
        findings(p.path(), "plans/a.md")
            .iter()
            .any(|f| f.0 == "status-value"),
        "a value that only ends with an allowed word is reported"
    );
}

/// Issue 18, item 8: `set-status` bumps `Last updated`, as every record command does.
#[test]
fn set_status_bumps_last_updated() {
    let text = sample("numbered-plan.md");
    let file = "plans/execplan-ja-part3-ch7-cluster-ha.md";
    let p = project(&[(file, text.as_bytes())]);
    let out = run(p.path(), &["set-status", file, "in-review"]);
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    let after = std::fs::read_to_string(p.path().join(file)).unwrap();
    let (added, removed) = changed_lines(&text, &after);
    assert_eq!(
        added,
        ["- Last updated: 2026-11-25\n", "- Status: in-review\n"]
    );
    assert_eq!(
        removed,
        ["- Last updated: 2025-11-16\n", "- Status: text-draft\n"]
    );
}

/// Issue 18, item 3: one author lookup for `decide` and `new` — a blank `GIT_AUTHOR_NAME` is no
/// name, so `USER` is asked next by both.
#[test]
fn decide_and_new_sign_with_the_same_author() {
    let text = sample("canonical-plan.md");
    let p = project(&[("plans/a.md", text.as_bytes())]);
    let with_env = |args: &[&str]| {
        planlint_in(p.path())
            .env("GIT_AUTHOR_NAME", " ")
            .env("GIT_CONFIG_GLOBAL", "/dev/null")
            .env("GIT_CONFIG_NOSYSTEM", "1")
            .env("USER", "alice")
            .args(args)
            .output()
            .unwrap()
    };
    let out = with_env(&["decide", "plans/a.md", "Keep it.", "--why", "Simple."]);
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    let decided = std::fs::read_to_string(p.path().join("plans/a.md")).unwrap();
    assert!(
        decided.contains("Date/Author: 2026-11-25 / alice"),
        "{decided}"
    );
    std::fs::write(
        p.path().join("planlint.toml"),
        "[canonical]\nrequired-metadata = [\"Author\"]\n",
    )
    .unwrap();
    let out = with_env(&["new", "A new plan", "--path", "plans/b.md"]);
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    let new = std::fs::read_to_string(p.path().join("plans/b.md")).unwrap();
    assert!(new.contains("Author: alice\n"), "{new}");
}

/// Issue 20: with no `GIT_AUTHOR_NAME`, the author is `git config user.name`, before `USER`.
#[test]
fn decide_signs_with_the_git_user_name() {
    let text = sample("canonical-plan.md");
    let p = project(&[("plans/a.md", text.as_bytes())]);
    let config = p.path().join("gitconfig");
    std::fs::write(&config, "[user]\n\tname = Bea Ortiz\n").unwrap();
    let out = planlint_in(p.path())
        .env_remove("GIT_AUTHOR_NAME")
        .env_remove("USER")
        .env("GIT_CONFIG_GLOBAL", &config)
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .args(["decide", "plans/a.md", "Keep it.", "--why", "Simple."])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    let after = std::fs::read_to_string(p.path().join("plans/a.md")).unwrap();
    assert!(after.contains("2026-11-25 / Bea Ortiz"), "{after}");
}

/// Issue 20: a read-only plan is refused (exit 2, nothing written) unless `--force`, which
/// writes it and keeps its mode.
#[cfg(unix)]
#[test]
fn a_read_only_plan_is_refused_unless_forced() {
    use std::os::unix::fs::PermissionsExt;
    let text = sample("canonical-plan.md");
    let p = project(&[("plans/a.md", text.as_bytes())]);
    let file = p.path().join("plans/a.md");
    std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o444)).unwrap();
    for args in [
        vec!["log", "plans/a.md", "Did it."],
        vec!["decide", "plans/a.md", "Keep it.", "--why", "Simple."],
        vec!["tick", "plans/a.md", "1"],
    ] {
        let out = run(p.path(), &args);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {out:?}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(
            err.contains("read-only") && err.contains("--force"),
            "{err}"
        );
        assert_eq!(std::fs::read_to_string(&file).unwrap(), text);
    }
    let out = run(p.path(), &["log", "plans/a.md", "Did it.", "--force"]);
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    assert!(std::fs::read_to_string(&file).unwrap().contains("Did it."));
    let mode = std::fs::metadata(&file).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o444);
}

/// Issue 20: empty text, and text whose later line would start a section, exit 2 and write
/// nothing.
#[test]
fn bad_text_exits_2_and_writes_nothing() {
    let text = sample("canonical-plan.md");
    let p = project(&[("plans/a.md", text.as_bytes())]);
    for args in [
        vec!["log", "plans/a.md", ""],
        vec!["log", "plans/a.md", "Done.\n## Injected"],
        vec!["decide", "plans/a.md", "Keep it.", "--why", " "],
    ] {
        let out = run(p.path(), &args);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {out:?}");
        assert!(!out.stderr.is_empty());
        assert_eq!(
            std::fs::read_to_string(p.path().join("plans/a.md")).unwrap(),
            text
        );
    }
}

/// Issue 20: `set-status` says which Status bullets beside the first it left as they were.
#[test]
fn set_status_says_what_it_left() {
    let text = sample("numbered-plan.md");
    let file = "plans/execplan-ja-part3-ch7-cluster-ha.md";
    let p = project(&[(file, text.as_bytes())]);
    let out = run(p.path(), &["set-status", file, "in-review"]);
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("note: set the first status"), "{err}");
    assert!(err.contains("assets-pending"), "{err}");
}

/// Issue 20: a Progress table with a date column is a log to `status` (not "no log", not
/// stale), and `log` adds a row.
#[test]
fn a_progress_table_is_a_log() {
    let text = "# Table log\n\nStatus: active\n\n## Purpose / Big Picture\n\nWhy.\n\n## Progress\n\n| Date | Status | Evidence |\n| --- | --- | --- |\n| 2026-11-20 | done | Wrote the reader. |\n| 2026-11-21 | done | Wrote the checks. |\n";
    let p = project(&[("plans/a.md", text.as_bytes())]);
    let out = run(p.path(), &["status", "--format", "json", "plans/a.md"]);
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    let row = &v["plans"][0];
    assert_eq!(row["progress_entries"], 2, "{v}");
    assert_eq!(row["newest_entry"], "2026-11-21", "{v}");
    let out = run(p.path(), &["log", "plans/a.md", "Wrote the guide."]);
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    let after = std::fs::read_to_string(p.path().join("plans/a.md")).unwrap();
    assert!(
        after.ends_with(
            "| 2026-11-21 | done | Wrote the checks. |\n| 2026-11-25 | done | Wrote the guide. |\n"
        ),
        "{after}"
    );
}

/// Issue 20: `new`'s Decision Log prompt gives way to the first decision.
#[test]
fn the_first_decision_replaces_news_prompt() {
    let p = project(&[]);
    let out = run(p.path(), &["new", "A plan", "--path", "plans/a.md"]);
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    let before = std::fs::read_to_string(p.path().join("plans/a.md")).unwrap();
    assert!(before.contains("No decisions yet"), "{before}");
    let out = run(
        p.path(),
        &[
            "decide",
            "plans/a.md",
            "Keep it.",
            "--why",
            "Simple.",
            "--author",
            "t",
        ],
    );
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    let after = std::fs::read_to_string(p.path().join("plans/a.md")).unwrap();
    assert!(!after.contains("No decisions yet"), "{after}");
    assert!(
        after.contains("- Decision: Keep it.\n  Rationale: Simple.\n"),
        "{after}"
    );
}

/// A log whose last entry has a malformed box (`- [X ]`): the new entry is a list item of its
/// own, with the bullet of that line and a well-formed box.
#[test]
fn log_after_a_malformed_box_writes_a_bullet() {
    let p = project(&[("plans/p.md", b"# Plan\n\n## Progress\n\n- [X ] typed\n")]);
    let out = run(p.path(), &["log", "plans/p.md", "One."]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = std::fs::read_to_string(p.path().join("plans/p.md")).unwrap();
    let last = text.lines().last().unwrap();
    assert!(last.starts_with("- [x] ("), "{last}");
    assert!(last.ends_with(") One."), "{last}");
}
