//! Plan scope on a repository laid out the way real projects lay out their plans: the default
//! run, `planlint .`, the pre-commit hook (`--force-exclude` with every Markdown file), `status`,
//! `parse` and `--changed-since` all see exactly the plans — by the conventional places, and by
//! a configured `include`.

use std::path::Path;

use serde_json::Value;

mod common;
use common::{git, planlint_in, project};

const PLAN: &str = "# A plan\n\n## Purpose / Big Picture\n\nWhy.\n\n## Progress\n\n- [x] (2025-10-01 13:00Z) Did it.\n\n## Surprises & Discoveries\n\nNone.\n\n## Decision Log\n\n- Decision: do it.\n  Rationale: because.\n\n## Outcomes & Retrospective\n\nDone.\n";

/// The plans of the repository below, and the files beside them that are not plans.
const PLANS: [&str; 3] = [
    ".agent/execplans/c.md",
    "docs/exec-plans/active/a.md",
    "docs/exec-plans/completed/b.md",
];

fn repository() -> tempfile::TempDir {
    let spec = "# ExecPlans\n\nKeep plans under `docs/exec-plans/active/` while they run.\n\n## Skeleton\n\n```md\n## Purpose / Big Picture\n## Progress\n- [x] (2025-10-01 13:00Z) Example.\n## Surprises & Discoveries\n## Decision Log\n## Outcomes & Retrospective\n```\n";
    project(&[
        (PLANS[0], PLAN.as_bytes()),
        (PLANS[1], PLAN.as_bytes()),
        (PLANS[2], PLAN.as_bytes()),
        (".agent/PLANS.md", spec.as_bytes()),
        ("AGENTS.md", b"# Agents\n\nRead .agent/PLANS.md.\n"),
        ("README.md", b"# Project\n"),
        ("docs/exec-plans/index.md", b"# Index\n\n- active/a.md\n"),
        (
            "docs/exec-plans/tech-debt-tracker.md",
            b"# Debt\n\n- none\n",
        ),
        ("docs/guide.md", b"# Guide\n"),
        ("CHANGELOG.md", b"# Changes\n"),
    ])
}

/// The files a JSON report or `status --format json` names.
fn files_of(cmd: &mut assert_cmd::Command) -> Vec<String> {
    let out = cmd.output().unwrap();
    let v: Value = serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!(
            "{e}: {} {}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        )
    });
    let mut files: Vec<String> = if let Some(plans) = v["plans"].as_array() {
        plans
            .iter()
            .map(|p| p["path"].as_str().unwrap().to_string())
            .collect()
    } else if let Some(files) = v["files"].as_array() {
        files
            .iter()
            .map(|f| f["file"].as_str().unwrap().to_string())
            .collect()
    } else {
        // A lint report names a file once per finding: add a finding to every file.
        v["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .map(|d| d["file"].as_str().unwrap().to_string())
            .collect()
    };
    files.sort();
    files.dedup();
    files
}

/// Every Markdown file of the repository, as pre-commit passes them.
fn every_md(dir: &Path) -> Vec<String> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() && !p.ends_with(".git") {
                stack.push(p);
            } else if p.extension().is_some_and(|x| x == "md") {
                out.push(p.strip_prefix(dir).unwrap().to_string_lossy().into_owned());
            }
        }
    }
    out.sort();
    out
}

/// Lint with one finding in every file (`missing-reference` off; recommended sections warn), so
/// the report names each file linted.
fn lint(dir: &Path, args: &[&str]) -> Vec<String> {
    files_of(
        planlint_in(dir)
            .args(["--format", "json", "--select", "recommended-section"])
            .args(args),
    )
}

fn plans() -> Vec<String> {
    PLANS.iter().map(|s| s.to_string()).collect()
}

#[test]
fn every_command_sees_exactly_the_plans() {
    let repo = repository();
    let dir = repo.path();
    assert_eq!(lint(dir, &[]), plans(), "planlint");
    assert_eq!(lint(dir, &["."]), plans(), "planlint .");
    let all = every_md(dir);
    let mut hook = vec!["--force-exclude"];
    hook.extend(all.iter().map(String::as_str));
    assert_eq!(lint(dir, &hook), plans(), "planlint-hook --force-exclude");
    assert_eq!(
        files_of(planlint_in(dir).args(["status", "--format", "json"])),
        plans(),
        "planlint status"
    );
    let mut parse = vec!["parse"];
    parse.extend(PLANS);
    assert_eq!(files_of(planlint_in(dir).args(&parse)), plans(), "parse");
    // From a subfolder, the default run still sees the project's plans.
    let from_docs: Vec<String> = lint(&dir.join("docs"), &[])
        .into_iter()
        .map(|p| p.trim_start_matches("../").to_string())
        .collect();
    assert_eq!(from_docs, plans(), "planlint from docs/");
    // A named folder is linted for the plans in it.
    assert_eq!(
        lint(dir, &["docs"]),
        [
            "docs/exec-plans/active/a.md",
            "docs/exec-plans/completed/b.md"
        ]
    );
}

#[test]
fn a_configured_include_decides_the_scope() {
    let repo = repository();
    let dir = repo.path();
    std::fs::write(
        dir.join("planlint.toml"),
        "include = [\"docs/exec-plans/**\", \"docs/guide.md\"]\n",
    )
    .unwrap();
    let want = [
        "docs/exec-plans/active/a.md",
        "docs/exec-plans/completed/b.md",
        "docs/guide.md",
    ];
    assert_eq!(lint(dir, &[]), want, "planlint");
    assert_eq!(lint(dir, &["."]), want, "planlint .");
    let all = every_md(dir);
    let mut hook = vec!["--force-exclude"];
    hook.extend(all.iter().map(String::as_str));
    assert_eq!(lint(dir, &hook), want, "--force-exclude");
    assert_eq!(
        files_of(planlint_in(dir).args(["status", "--format", "json"])),
        want,
        "status"
    );
}

#[test]
fn changed_since_sees_the_changed_plans_in_scope() {
    let repo = repository();
    let dir = repo.path();
    std::fs::remove_dir_all(dir.join(".git")).unwrap();
    git(dir, &["init", "-q"]);
    git(dir, &["add", "-A"]);
    git(dir, &["commit", "-q", "-m", "plans"]);
    // A plan and a file that is not a plan change.
    std::fs::write(dir.join(PLANS[1]), format!("{PLAN}\nMore.\n")).unwrap();
    std::fs::write(dir.join("docs/exec-plans/index.md"), "# Index\n\nchanged\n").unwrap();
    assert_eq!(
        lint(dir, &["--changed-since", "HEAD"]),
        ["docs/exec-plans/active/a.md"]
    );
}

#[test]
fn nothing_in_scope_and_a_folder_without_plans() {
    let p = project(&[("docs/guide.md", b"# Guide\n" as &[u8])]);
    let out = planlint_in(p.path()).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("no plans found"), "{err}");
    assert!(
        err.contains(".agent/plans/") && err.contains("include"),
        "{err}"
    );

    std::fs::create_dir(p.path().join("empty")).unwrap();
    let out = planlint_in(p.path()).arg("empty").output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&out.stderr).contains("warning: no plans in `empty`"));
}

#[test]
fn a_plans_md_that_is_itself_a_plan_is_linted() {
    let p = project(&[("docs/PLANS.md", PLAN.as_bytes())]);
    assert_eq!(lint(p.path(), &[]), ["docs/PLANS.md"]);
}

/// The issue's broken plan: no Outcomes & Retrospective, `Suprises & Discoveries` misspelt, four
/// checked Progress entries without a timestamp. It used to pass with warnings.
#[test]
fn a_broken_canonical_plan_and_an_empty_plan_fail() {
    let broken = "# Broken\n\n## Purpose / Big Picture\n\nWhy.\n\n## Progress\n\n- [x] Wrote the parser.\n- [x] Wrote the writer.\n- [x] Wired the flag.\n- [x] Shipped.\n\n## Suprises & Discoveries\n\nNone.\n\n## Decision Log\n\n- Decision: ship.\n  Rationale: done.\n";
    let p = project(&[
        ("plans/broken.md", broken.as_bytes()),
        ("plans/empty.md", b""),
        ("plans/blank.md", b"  \n\n\t\n"),
    ]);
    let out = planlint_in(p.path())
        .args(["--format", "json", "plans/broken.md"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    let errors: Vec<(String, String)> = v["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["severity"] == "error")
        .map(|d| {
            (
                d["rule"].as_str().unwrap().to_string(),
                d["message"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    let count = |rule: &str| errors.iter().filter(|(r, _)| r == rule).count();
    assert_eq!(count("timestamp-format"), 4, "{errors:?}");
    assert_eq!(count("required-section"), 2, "{errors:?}");
    assert!(errors.iter().any(|(r, m)| r == "required-section"
        && m.contains("`Surprises & Discoveries` is missing")
        && m.contains("`Suprises & Discoveries` looks like a misspelling")));
    assert!(errors
        .iter()
        .any(|(r, m)| r == "required-section" && m.contains("`Outcomes & Retrospective`")));
    for empty in ["plans/empty.md", "plans/blank.md"] {
        let out = planlint_in(p.path())
            .args(["--format", "concise", empty])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(1), "{empty}");
        let text = String::from_utf8_lossy(&out.stdout);
        assert!(
            text.contains("error[required-section] the plan is empty"),
            "{text}"
        );
        assert!(text.ends_with("1 error, 0 warnings in 1 file\n"), "{text}");
    }
}

/// A short plan missing much reads as two reports in human output (one per rule, listing the
/// sections), not a full snippet per section; JSON keeps one diagnostic per finding.
#[test]
fn much_missing_reads_as_one_list_per_rule() {
    let short = "# Short\n\n## Purpose / Big Picture\n\nWhy.\n\n## Progress\n\n- [x] (2025-10-01 13:00Z) Did it.\n";
    let p = project(&[("plans/short.md", short.as_bytes())]);
    let out = planlint_in(p.path())
        .args(["--color", "never", "plans/short.md"])
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.lines().count() < 30, "{text}");
    // miette wraps the list at 100 columns.
    assert!(
        text.contains(
            "3 required sections are missing: `Decision Log`, `Outcomes & Retrospective`"
        ),
        "{text}"
    );
    assert!(
        text.contains("7 recommended sections are missing"),
        "{text}"
    );
    assert_eq!(text.matches("╭─[plans/short.md").count(), 2, "{text}");
    assert!(text.ends_with("3 errors, 7 warnings in 1 file\n"), "{text}");
    let json = planlint_in(p.path())
        .args(["--format", "json", "plans/short.md"])
        .output()
        .unwrap();
    let v: Value = serde_json::from_slice(&json.stdout).unwrap();
    assert_eq!(v["diagnostics"].as_array().unwrap().len(), 10);
}

/// `planlint init` writes the spec and the scope it found; its include, uncommented, names the
/// same plans the conventional places find.
#[test]
fn init_writes_the_scope_and_contract_it_found() {
    let repo = repository();
    let dir = repo.path();
    let out = planlint_in(dir).arg("init").output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    let written = std::fs::read_to_string(dir.join("planlint.toml")).unwrap();
    assert!(
        written.contains("\nspec = \".agent/PLANS.md\"\n"),
        "{written}"
    );
    assert!(
        written.contains("# Found plans in .agent/execplans (1), docs/exec-plans/active (1), docs/exec-plans/completed (1)."),
        "{written}"
    );
    assert!(!written.contains("\"**/*.md\""), "{written}");
    let include = written
        .lines()
        .find_map(|l| l.strip_prefix("# include = "))
        .unwrap();
    std::fs::write(dir.join("planlint.toml"), format!("include = {include}\n")).unwrap();
    assert_eq!(lint(dir, &[]), plans());
}
