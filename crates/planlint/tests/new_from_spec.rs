//! `planlint new` and `planlint contract` from the project's spec (`fixtures/specs/`, specs
//! written for these tests in the shapes real ones take): the plan goes where the spec says, in
//! its file-name pattern, with its template's title form, front matter, prompts, boxes and
//! Progress entry form and a status from its vocabulary, and passes `--deny-warnings`; a path
//! outside the plan scope is refused unless `--force`. And one order: a plan that follows its
//! spec's order exactly gets no finding at all from `section-order`.

use std::path::Path;

use serde_json::Value;

mod common;
use common::{planlint_in, project, repo_root};

/// A project holding the spec of `fixtures/specs/<shape>/` at `.agent/PLANS.md`.
fn with_spec(shape: &str) -> tempfile::TempDir {
    let spec = std::fs::read(
        repo_root()
            .join("fixtures/specs")
            .join(shape)
            .join("PLANS.md"),
    )
    .unwrap_or_else(|e| panic!("fixtures/specs/{shape}: {e}"));
    project(&[(".agent/PLANS.md", &spec)])
}

/// Runs `new TITLE` in `dir`; the path it wrote, from `dir`.
fn new(dir: &Path, title: &str) -> String {
    let out = planlint_in(dir).args(["new", title]).output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    let said = String::from_utf8(out.stdout).unwrap();
    said.strip_prefix("wrote ")
        .unwrap_or_else(|| panic!("{said}"))
        .trim_end()
        .to_string()
}

/// Every finding `planlint --deny-warnings` makes on `plan`, as `rule: message`, with its exit.
fn findings(dir: &Path, plan: &str) -> (Option<i32>, Vec<String>) {
    let out = planlint_in(dir)
        .args(["--deny-warnings", "--format", "json", plan])
        .output()
        .unwrap();
    let v: Value = serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(&out.stderr)));
    let list = v["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| format!("{}: {}", d["rule"].as_str().unwrap(), d["message"]))
        .collect();
    (out.status.code(), list)
}

fn assert_clean(dir: &Path, plan: &str) {
    let (code, list) = findings(dir, plan);
    let text = std::fs::read_to_string(dir.join(plan)).unwrap();
    assert_eq!((code, &list), (Some(0), &Vec::new()), "{plan}:\n{text}");
}

#[test]
fn a_registry_spec_gives_the_folder_dated_name_front_matter_and_reference() {
    let p = with_spec("registry");
    let first = new(p.path(), "Add a CSV export");
    // 2026-11-25 is the fixed "now" of the tests.
    assert_eq!(
        first,
        ".agent/exec_plans/active/add-a-csv-export/EP-20261125-001_add-a-csv-export.md"
    );
    let text = std::fs::read_to_string(p.path().join(&first)).unwrap();
    assert!(
        text.starts_with("---\nid: EP-20261125-001\ntitle: \"Add a CSV export\"\nstatus: planned\nowner: \"@someone\"\ncreated: 2026-11-25\nupdated: 2026-11-25\nlabels:\n  area: \"\"\n---\n\n# Add a CSV export\n"),
        "{text}"
    );
    // The status is from the spec's closed vocabulary, never the built-in `proposed`.
    assert!(!text.contains("proposed"), "{text}");
    assert!(
        text.contains("in accordance with `.agent/PLANS.md`"),
        "{text}"
    );
    assert!(
        text.contains("- [x] (2026-11-25 00:00Z) Created this plan"),
        "{text}"
    );
    // The template's prompt for a section that is not a living one, without its example.
    assert!(
        text.contains("## Context and Orientation\n\nDescribe the code as it stands"),
        "{text}"
    );
    assert!(!text.contains("pub fn export"), "{text}");
    assert_clean(p.path(), &first);
    // The day's next plan takes the next number.
    let second = new(p.path(), "Add a JSON export");
    assert!(
        second.ends_with("/EP-20261125-002_add-a-json-export.md"),
        "{second}"
    );
    assert_clean(p.path(), &second);
    // The whole project passes too.
    let all = planlint_in(p.path())
        .args(["--deny-warnings", "--format", "concise"])
        .output()
        .unwrap();
    assert_eq!(all.status.code(), Some(0), "{all:?}");
}

#[test]
fn a_workstream_spec_gives_its_folder_and_plan_file_name_and_its_required_list() {
    let p = with_spec("workstream");
    let plan = new(p.path(), "Faster search");
    assert_eq!(
        plan,
        "docs/exec-plans/active/faster-search/PLAN_faster-search.md"
    );
    let text = std::fs::read_to_string(p.path().join(&plan)).unwrap();
    let headings: Vec<&str> = text.lines().filter(|l| l.starts_with("## ")).collect();
    assert_eq!(
        headings,
        [
            "## Purpose / Big Picture",
            "## Context and Orientation",
            "## Plan of Work",
            "## Progress",
            "## Surprises & Discoveries",
            "## Decision Log",
            "## Testing Approach",
            "## Constraints & Considerations",
            "## Outcomes & Retrospective",
        ]
    );
    assert_clean(p.path(), &plan);
}

#[test]
fn a_template_of_its_own_gives_its_title_form_boxes_and_progress_form() {
    let p = with_spec("own-template");
    let plan = new(p.path(), "Cache search results");
    let text = std::fs::read_to_string(p.path().join(&plan)).unwrap();
    assert!(
        text.starts_with("# EP-20261125-cache-search-results\n"),
        "{text}"
    );
    assert!(
        text.contains("## Goal\n\n- <この作業で達成すること>\n"),
        "{text}"
    );
    // Boxes where the template shows them, with its list marker; none elsewhere.
    assert!(
        text.contains("## Done Criteria (Observable)\n\n- [ ] "),
        "{text}"
    );
    assert!(text.contains("## Task Breakdown\n\n1. [ ] "), "{text}");
    assert!(!text.contains("## Scope\n\n- [ ]"), "{text}");
    // The Progress form the template shows: a date and a colon, no box.
    assert!(
        text.contains("## Progress Notes\n\n- 2026-11-25: Created this plan with planlint new.\n"),
        "{text}"
    );
    assert_clean(p.path(), &plan);
}

#[test]
fn a_file_name_glob_is_filled_with_the_slug_and_numbered_sections_make_a_numbered_plan() {
    let p = with_spec("book-glob");
    let plan = new(p.path(), "第7章 クラスタ");
    assert_eq!(plan, "plans/execplan-第7章-クラスタ.md");
    // The spec shows its plans' sections numbered: the new plan is in the numbered dialect.
    let text = std::fs::read_to_string(p.path().join(&plan)).unwrap();
    assert!(
        text.contains("## 1. Metadata\n")
            && text.contains("## 8. Progress\n\n- [2026-11-25 00:00] "),
        "{text}"
    );
    assert_clean(p.path(), &plan);
}

#[test]
fn a_path_outside_the_plan_scope_is_refused_unless_forced() {
    let p = with_spec("workstream");
    let out = planlint_in(p.path())
        .args(["new", "Notes", "--path", "notes/ideas.md"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("`notes/ideas.md` is outside the plan scope") && err.contains("--force"),
        "{err}"
    );
    assert!(!p.path().join("notes").exists(), "nothing written");
    let forced = planlint_in(p.path())
        .args(["new", "Notes", "--path", "notes/ideas.md", "--force"])
        .output()
        .unwrap();
    assert_eq!(forced.status.code(), Some(0), "{forced:?}");
    assert!(p.path().join("notes/ideas.md").is_file());
    // A path in a plan place needs no flag; one above the project root is outside.
    let inside = planlint_in(p.path())
        .args(["new", "Notes", "--path", "plans/ideas.md"])
        .output()
        .unwrap();
    assert_eq!(inside.status.code(), Some(0), "{inside:?}");
    let above = planlint_in(p.path())
        .args(["new", "Notes", "--path", "../ideas.md"])
        .output()
        .unwrap();
    assert_eq!(above.status.code(), Some(2), "{above:?}");
}

#[test]
fn contract_shows_where_and_in_which_form_new_writes() {
    let p = with_spec("registry");
    let out = planlint_in(p.path())
        .args(["contract", "--format", "json"])
        .output()
        .unwrap();
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    let n = &v["new_plan"];
    assert_eq!(
        n["path"]["name"],
        ".agent/exec_plans/active/<slug>/EP-YYYYMMDD-NNN_<slug>.md"
    );
    assert_eq!(n["path"]["source"]["line"], 8);
    assert_eq!(n["title"]["name"], "<What the plan does>");
    let keys: Vec<&str> = n["front_matter"]
        .as_array()
        .unwrap()
        .iter()
        .map(|k| k["name"].as_str().unwrap())
        .collect();
    assert_eq!(
        keys,
        ["id", "title", "status", "owner", "created", "updated", "labels"]
    );
    let statuses: Vec<&str> = v["statuses"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["name"].as_str().unwrap())
        .collect();
    assert_eq!(statuses, ["planned", "active", "paused", "done"]);
    let human = String::from_utf8(
        planlint_in(p.path())
            .arg("contract")
            .output()
            .unwrap()
            .stdout,
    )
    .unwrap();
    assert!(
        human.contains(
            "  path            .agent/exec_plans/active/<slug>/EP-YYYYMMDD-NNN_<slug>.md  (.agent/PLANS.md:8)"
        ),
        "{human}"
    );
    // Without a spec: planlint's own place and form.
    let bare = project(&[]);
    let human = String::from_utf8(
        planlint_in(bare.path())
            .arg("contract")
            .output()
            .unwrap()
            .stdout,
    )
    .unwrap();
    assert!(
        human.contains("  path            plans/<slug>.md  (built-in default)"),
        "{human}"
    );
}

/// The sections of `fixtures/specs/reordered-skeleton` in its order, each with a line of text.
fn following(order: &[&str]) -> String {
    let mut plan = String::from("# Export\n\nThis ExecPlan is a living document. The sections `Progress`, `Surprises & Discoveries`, `Decision Log`, and `Outcomes & Retrospective` must be kept up to date as work proceeds.\n\n");
    for name in order {
        let body = match *name {
            "Progress" => "- [x] (2025-10-01 13:00Z) Wrote the exporter.",
            "Decision Log" => "- Decision: stream rows.\n  Rationale: reports are large.\n  Date/Author: 2025-10-01 / team",
            _ => "Written.",
        };
        plan.push_str(&format!("## {name}\n\n{body}\n\n"));
    }
    plan
}

#[test]
fn a_plan_that_follows_its_spec_order_gets_no_finding() {
    let order = [
        "Purpose / Big Picture",
        "Context and Orientation",
        "Constraints",
        "Plan of Work",
        // Not in the skeleton: after the section before it in the built-in order.
        "Concrete Steps",
        "Progress",
        "Surprises & Discoveries",
        "Decision Log",
        "Outcomes & Retrospective",
        "Validation and Acceptance",
        "Idempotence and Recovery",
        "Artifacts and Notes",
        "Interfaces and Dependencies",
    ];
    let spec =
        std::fs::read(repo_root().join("fixtures/specs/reordered-skeleton/PLANS.md")).unwrap();
    let plan = following(&order);
    let p = project(&[
        (".agent/PLANS.md", &spec),
        ("plans/export.md", plan.as_bytes()),
    ]);
    assert_clean(p.path(), "plans/export.md");
    // The built-in order (living sections first) is now the one out of order.
    let builtin = [
        "Purpose / Big Picture",
        "Progress",
        "Surprises & Discoveries",
        "Decision Log",
        "Outcomes & Retrospective",
        "Context and Orientation",
        "Constraints",
        "Plan of Work",
        "Concrete Steps",
        "Validation and Acceptance",
        "Idempotence and Recovery",
        "Artifacts and Notes",
        "Interfaces and Dependencies",
    ];
    std::fs::write(p.path().join("plans/export.md"), following(&builtin)).unwrap();
    let (code, list) = findings(p.path(), "plans/export.md");
    assert_eq!(code, Some(1));
    assert!(
        !list.is_empty() && list.iter().all(|f| f.starts_with("section-order: ")),
        "{list:?}"
    );
    // A required list's order is the contract's order too.
    let spec = std::fs::read(repo_root().join("fixtures/specs/workstream/PLANS.md")).unwrap();
    let listed = [
        "Purpose / Big Picture",
        "Context and Orientation",
        "Plan of Work",
        "Progress",
        "Surprises & Discoveries",
        "Decision Log",
        "Testing Approach",
        "Constraints & Considerations",
        "Outcomes & Retrospective",
    ];
    let p = project(&[
        (".agent/PLANS.md", &spec),
        (
            "docs/exec-plans/active/export/PLAN_export.md",
            following(&listed).as_bytes(),
        ),
    ]);
    assert_clean(p.path(), "docs/exec-plans/active/export/PLAN_export.md");
}

#[test]
fn the_front_matter_a_spec_requires_is_written_without_a_template() {
    let p = with_spec("front-matter-list");
    let plan = new(p.path(), "Add a CSV export");
    assert_eq!(plan, "docs/plans/add-a-csv-export.md");
    let text = std::fs::read_to_string(p.path().join(&plan)).unwrap();
    // The id in the spec's form, the first of the spec's own statuses and kinds, an empty value
    // where the spec shows none; the optional `tags` is left out.
    assert!(
        text.starts_with("---\nid: EP-20261125-001\nstatus: draft\nkind: feature\nowner: \"\"\ncreated: 2026-11-25\n---\n\n# Add a CSV export\n"),
        "{text}"
    );
    assert_clean(p.path(), &plan);
    // The day's next plan takes the next id, counted from the ids in the plans there.
    let second = new(p.path(), "Add a JSON export");
    let text = std::fs::read_to_string(p.path().join(&second)).unwrap();
    assert!(text.starts_with("---\nid: EP-20261125-002\n"), "{text}");
    let out = planlint_in(p.path())
        .args(["contract", "--format", "json"])
        .output()
        .unwrap();
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    let keys: Vec<(&str, u64)> = v["new_plan"]["front_matter"]
        .as_array()
        .unwrap()
        .iter()
        .map(|k| {
            (
                k["name"].as_str().unwrap(),
                k["source"]["line"].as_u64().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        keys,
        [
            ("id", 7),
            ("status", 8),
            ("kind", 9),
            ("owner", 10),
            ("created", 11)
        ]
    );
}
