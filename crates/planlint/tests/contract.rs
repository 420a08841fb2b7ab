//! The project's spec as the contract, one test per kind of spec (`tests/specs/`, written in
//! the shapes real specs take): `planlint contract` prints what each yields (snapshots), a plan
//! that follows its project's spec gets no error, and one that drops a section the spec requires
//! gets `required-section` for it. `planlint new` writes plans that lint clean under each.

use std::path::Path;

use serde_json::Value;

mod common;
use common::{planlint_in, project, repo_root};

const CANONICAL: &str = "# Export reports\n\nThis ExecPlan is a living document.\n\n## Purpose / Big Picture\n\nUsers export reports.\n\n## Progress\n\n- [x] (2025-10-01 13:00Z) Wrote the exporter.\n- [ ] Document it.\n\n## Surprises & Discoveries\n\nNone so far.\n\n## Decision Log\n\n- Decision: stream rows.\n  Rationale: reports are large.\n  Date/Author: 2025-10-01 / team\n\n## Outcomes & Retrospective\n\nNot reached yet.\n\n## Context and Orientation\n\nThe exporter lives in the reports module.\n\n## Plan of Work\n\nWrite it, then test it.\n\n## Concrete Steps\n\nRun the tests.\n\n## Validation and Acceptance\n\nA report downloads.\n\n## Idempotence and Recovery\n\nSafe to repeat.\n\n## Artifacts and Notes\n\nNone.\n\n## Interfaces and Dependencies\n\nNo new ones.\n";

const REQUIRED_LIST: &str = "# PLAN csv\n\n## Purpose / Big Picture\n\nCSV export.\n\n## Progress\n\n- [x] (2025-10-01 13:00Z) Started.\n\n## Surprises & Discoveries\n\nNone.\n\n## Decision Log\n\n- Decision: one file.\n  Rationale: simple.\n\n## Testing Approach\n\nUnit tests per column.\n\n## Outcomes & Retrospective\n\nNot yet.\n";

const OWN_TEMPLATE: &str = "# EP-20260314-mfa-reset\n\n## Goal\n- MFA リセットで全セッションを失効させる\n\n## Scope\n- In: backend\n- Out: frontend\n\n## Done Criteria\n- [x] 失効をテストで確認できる\n\n## Task Breakdown\n1. [x] 失効処理を追加\n\n## Snapshot Log\n- [x] テスト成功後に記録\n\n## Progress Notes\n- 2026-03-14: 計画を作成。\n- 2026-03-15: 実装して検証した。\n";

/// One kind of spec: where it goes, where a plan goes, the plan, and a section it requires.
struct Case {
    dir: &'static str,
    spec_at: &'static str,
    plan_at: &'static str,
    plan: String,
    /// A heading line the spec requires, dropped for the bad plan (with its body).
    drop: &'static str,
    /// The section's name in the `required-section` message.
    missing: &'static str,
}

fn cases() -> Vec<Case> {
    let book =
        std::fs::read_to_string(repo_root().join("plans/execplan-ja-part3-ch7-cluster-ha.md"))
            .unwrap()
            .replace("- Status: text-draft", "- Status: outline-ready");
    let crlf = CANONICAL.replace('\n', "\r\n");
    let front = format!(
        "---\nid: EP-20260101-001\nstatus: shelved\nupdated: 2026-01-02\n---\n\n{CANONICAL}"
    );
    vec![
        Case {
            dir: "fenced-skeleton",
            spec_at: ".agent/PLANS.md",
            plan_at: ".agent/execplans/export.md",
            plan: CANONICAL.into(),
            drop: "## Decision Log",
            missing: "Decision Log",
        },
        Case {
            dir: "indented-skeleton",
            spec_at: "PLANS.md",
            plan_at: "EXECPLAN.md",
            plan: CANONICAL.into(),
            drop: "## Surprises & Discoveries",
            missing: "Surprises & Discoveries",
        },
        Case {
            dir: "crlf-indented",
            spec_at: ".agents/PLANS.md",
            plan_at: ".agents/execplans/export.md",
            plan: crlf,
            drop: "## Outcomes & Retrospective",
            missing: "Outcomes & Retrospective",
        },
        Case {
            dir: "required-list",
            spec_at: "docs/PLANS.md",
            plan_at: "docs/exec-plans/active/csv/PLAN_csv.md",
            plan: REQUIRED_LIST.into(),
            drop: "## Testing Approach",
            missing: "Testing Approach",
        },
        Case {
            dir: "own-template",
            spec_at: ".agent/PLANS.md",
            plan_at: "docs/exec-plans/completed/mfa-reset.md",
            plan: OWN_TEMPLATE.into(),
            drop: "## Snapshot Log",
            missing: "Snapshot Log",
        },
        Case {
            dir: "numbered-book",
            spec_at: ".agent/PLANS.md",
            plan_at: "plans/execplan-ja-part3-ch7-cluster-ha.md",
            plan: book,
            drop: "## 9. Surprises & discoveries",
            missing: "Surprises & discoveries",
        },
        Case {
            dir: "front-matter-milestones",
            spec_at: "docs/PLANS.md",
            plan_at: "docs/exec-plans/active/export.md",
            plan: front,
            drop: "## Progress",
            missing: "Progress",
        },
    ]
}

/// The plan without the section whose heading is `heading` (up to the next `## `).
fn drop_section(plan: &str, heading: &str) -> String {
    let start = plan
        .find(heading)
        .unwrap_or_else(|| panic!("{heading} not in plan"));
    let rest = &plan[start + heading.len()..];
    let end = rest
        .find("\n## ")
        .map_or(plan.len(), |i| start + heading.len() + i + 1);
    format!("{}{}", &plan[..start], &plan[end..])
}

fn repository(case: &Case, plan: &str) -> tempfile::TempDir {
    let spec = std::fs::read(
        repo_root()
            .join("crates/planlint/tests/specs")
            .join(case.dir)
            .join("PLANS.md"),
    )
    .unwrap();
    let mut files: Vec<(&str, &[u8])> =
        vec![(case.spec_at, &spec), (case.plan_at, plan.as_bytes())];
    if case.dir == "required-list" {
        // A task file beside the plan: the spec says it is not a plan.
        files.push((
            "docs/exec-plans/active/csv/TASK_01_columns.md",
            b"---\ntask_id: 01\n---\n\n- [ ] map the columns\n",
        ));
    }
    project(&files)
}

/// Errors of a lint with no path, as `rule: message`.
fn errors(dir: &Path) -> Vec<String> {
    let out = planlint_in(dir)
        .args(["--format", "json"])
        .output()
        .unwrap();
    let v: Value = serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(&out.stderr)));
    v["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["severity"] == "error")
        .map(|d| {
            format!(
                "{}: {}",
                d["rule"].as_str().unwrap(),
                d["message"].as_str().unwrap()
            )
        })
        .collect()
}

#[test]
fn each_kind_of_spec_is_the_contract() {
    for case in cases() {
        let good = repository(&case, &case.plan);
        assert_eq!(
            errors(good.path()),
            Vec::<String>::new(),
            "{}: the plan that follows it",
            case.dir
        );

        let contract = String::from_utf8(
            planlint_in(good.path())
                .args(["contract", case.plan_at])
                .output()
                .unwrap()
                .stdout,
        )
        .unwrap();
        insta::assert_snapshot!(format!("contract-{}", case.dir), contract);

        let bad = repository(&case, &drop_section(&case.plan, case.drop));
        let errs = errors(bad.path());
        assert!(
            errs.iter().any(|e| e.starts_with("required-section")
                && e.contains(&format!("`{}` is missing", case.missing))),
            "{}: {errs:?}",
            case.dir
        );
    }
}

#[test]
fn new_plans_lint_clean_under_each_spec_and_both_dialects() {
    for case in cases() {
        let repo = repository(&case, &case.plan);
        let dir = repo.path();
        let out = planlint_in(dir)
            .args(["new", "Add a CSV export", "--path", "plans/new-plan.md"])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(0), "{}: {out:?}", case.dir);
        let lint = planlint_in(dir)
            .args(["--format", "concise", "plans/new-plan.md"])
            .output()
            .unwrap();
        assert_eq!(
            lint.status.code(),
            Some(0),
            "{}: {}\n{}",
            case.dir,
            String::from_utf8_lossy(&lint.stdout),
            std::fs::read_to_string(dir.join("plans/new-plan.md")).unwrap()
        );
        // Never overwrites.
        let again = planlint_in(dir)
            .args(["new", "Add a CSV export", "--path", "plans/new-plan.md"])
            .output()
            .unwrap();
        assert_eq!(again.status.code(), Some(2), "{}", case.dir);
    }
    // The numbered dialect, forced by configuration, and the default place for a new plan.
    let p = project(&[("planlint.toml", b"dialect = \"numbered\"\n" as &[u8])]);
    let out = planlint_in(p.path())
        .args(["new", "第7章 クラスタ"])
        .output()
        .unwrap();
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        "wrote plans/第7章-クラスタ.md\n"
    );
    let text = std::fs::read_to_string(p.path().join("plans/第7章-クラスタ.md")).unwrap();
    assert!(text.contains("## 1. Metadata") && text.contains("- Plan ID: plans/第7章-クラスタ.md"));
    let lint = planlint_in(p.path())
        .args(["--format", "concise"])
        .output()
        .unwrap();
    assert_eq!(
        lint.status.code(),
        Some(0),
        "{}\n{text}",
        String::from_utf8_lossy(&lint.stdout)
    );
}

#[test]
fn the_contract_schema_matches_the_code() {
    let path = repo_root().join("schemas/contract.schema.json");
    let text = format!(
        "{}\n",
        serde_json::to_string_pretty(&planlint::commands::contract::schema()).unwrap()
    );
    if std::env::var_os("UPDATE_SCHEMAS").is_some() {
        std::fs::write(&path, &text).unwrap();
    }
    assert_eq!(
        std::fs::read_to_string(&path).unwrap_or_default(),
        text,
        "schemas/contract.schema.json is out of date; run UPDATE_SCHEMAS=1 cargo test -p planlint --test contract"
    );
    // And the output validates against it.
    let case = &cases()[3];
    let repo = repository(case, &case.plan);
    let out = planlint_in(repo.path())
        .args(["contract", "--format", "json", case.plan_at])
        .output()
        .unwrap();
    let report: Value = serde_json::from_slice(&out.stdout).unwrap();
    let schema: Value = serde_json::from_str(&text).unwrap();
    let validator = jsonschema::validator_for(&schema).unwrap();
    let problems: Vec<String> = validator
        .iter_errors(&report)
        .map(|e| e.to_string())
        .collect();
    assert!(problems.is_empty(), "{problems:?}");
    assert_eq!(report["spec"]["path"], "docs/PLANS.md");
    assert_eq!(report["required_sections"][4]["name"], "Testing Approach");
    // Each name points at its own line of the list.
    assert_eq!(report["required_sections"][4]["source"]["line"], 15);
}

/// A skeleton from a template file: the one the spec names, or a `TEMPLATE.md` beside the plans.
#[test]
fn a_template_file_is_the_skeleton() {
    let template = "# <Title>\n\n## Goal\n\nWhat.\n\n## Rollout\n\nHow.\n\n## Progress Log\n\n- 2026-01-01: did a thing\n";
    let plan = "# Faster search\n\n## Goal\n\nSearch in under 100 ms.\n\n## Rollout\n\nBehind a flag.\n\n## Progress Log\n\n- 2026-01-02: indexed the titles\n";
    for (spec, template_at) in [
        (
            "# Plans\n\nUse `docs/exec-plans/PLAN_TEMPLATE.md` for all new plans.\n",
            "docs/exec-plans/PLAN_TEMPLATE.md",
        ),
        (
            "# Plans\n\nWrite a plan per feature.\n",
            "docs/exec-plans/TEMPLATE.md",
        ),
    ] {
        let p = project(&[
            ("docs/PLANS.md", spec.as_bytes()),
            (template_at, template.as_bytes()),
            ("docs/exec-plans/active/search.md", plan.as_bytes()),
        ]);
        assert_eq!(errors(p.path()), Vec::<String>::new(), "{template_at}");
        let report: Value = serde_json::from_slice(
            &planlint_in(p.path())
                .args(["contract", "--format", "json"])
                .output()
                .unwrap()
                .stdout,
        )
        .unwrap();
        assert_eq!(report["spec"]["template"], template_at);
        let names: Vec<&str> = report["required_sections"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| p["name"].as_str().unwrap())
            .collect();
        assert_eq!(names, ["Goal", "Rollout", "Progress Log"]);
        assert_eq!(
            report["required_sections"][1]["source"]["file"],
            template_at
        );
        let bad = plan.replace("## Rollout\n\nBehind a flag.\n\n", "");
        std::fs::write(p.path().join("docs/exec-plans/active/search.md"), bad).unwrap();
        assert!(errors(p.path())
            .iter()
            .any(|e| e.contains("`Rollout` is missing")));
    }
}

/// Issue 18, item 4: each part taken from `planlint.toml` points at the line of the layer that
/// set it (an override's `dialect`, not the top level's), and the human columns line up by
/// display width, CJK names included.
#[test]
fn configured_parts_point_at_their_own_lines_and_columns_line_up() {
    let toml = "dialect = \"canonical\"\n[canonical]\nrequired-sections = [\"リスク一覧\", \"Progress\"]\n[status]\nextend-values = [\"shelved\"]\n[[overrides]]\nfiles = [\"plans/book/**\"]\ndialect = \"numbered\"\n[overrides.numbered]\nrequired-sections = [\"Metadata\", \"Progress\"]\nrequired-metadata = [\"Plan ID\"]\n[overrides.status]\nfinished = [\"shipped\"]\n";
    let p = project(&[
        ("planlint.toml", toml.as_bytes()),
        ("plans/a.md", b"# A\n"),
        ("plans/book/ch1.md", b"# Chapter 1\n"),
    ]);
    let human = common::stdout(planlint_in(p.path()).args(["contract", "plans/a.md"]));
    assert!(
        human.contains("  dialect: canonical (planlint.toml:1)\n"),
        "{human}"
    );
    assert!(
        human.contains(
            "Required sections, in order:\n  リスク一覧  planlint.toml:3\n  Progress    planlint.toml:3\n\n"
        ),
        "{human}"
    );
    let json: Value = serde_json::from_str(&common::stdout(planlint_in(p.path()).args([
        "contract",
        "--format",
        "json",
        "plans/book/ch1.md",
    ])))
    .unwrap();
    let line = |part: &Value| {
        (
            part["source"]["kind"].clone(),
            part["source"]["line"].clone(),
        )
    };
    assert_eq!(json["dialect"], "numbered");
    assert_eq!(json["dialect_source"]["line"], 8);
    assert_eq!(json["dialect_source"]["kind"], "config");
    assert_eq!(
        line(&json["required_sections"][0]),
        ("config".into(), 10.into())
    );
    assert_eq!(
        line(&json["required_metadata"][0]),
        ("config".into(), 11.into())
    );
    let status = |list: &str, name: &str| {
        json[list]
            .as_array()
            .unwrap()
            .iter()
            .find(|p| p["name"] == name)
            .map(line)
    };
    assert_eq!(
        status("statuses", "shelved"),
        Some(("config".into(), 5.into()))
    );
    assert_eq!(
        status("statuses", "active"),
        Some(("default".into(), Value::Null))
    );
    assert_eq!(
        status("finished", "shipped"),
        Some(("config".into(), 13.into()))
    );
}
