//! Whole repositories as users run planlint on them: no configuration, `planlint` at the root.
//! Each test lays out a small repository in a shape seen in real ones (our own words): where the
//! spec is, how it lists sections and statuses, what else lives beside plans.

mod common;

use common::{findings, planlint_in, project, stdout};
use serde_json::Value;

fn report(dir: &std::path::Path, args: &[&str]) -> Value {
    let out = planlint_in(dir)
        .args(["--format", "json"])
        .args(args)
        .output()
        .unwrap();
    serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!(
            "{e}: {}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        )
    })
}

fn errors(report: &Value) -> Vec<String> {
    findings(report)
        .into_iter()
        .filter(|f| f.contains(" error "))
        .collect()
}

/// The messages of the findings of `rule` (`"error"` for every error), in report order.
fn messages(report: &Value, rule: &str) -> Vec<String> {
    report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["rule"] == rule || (rule == "error" && d["severity"] == "error"))
        .map(|d| d["message"].as_str().unwrap().to_string())
        .collect()
}

fn linted(report: &Value) -> Vec<String> {
    let status = report["plans"].as_array().unwrap();
    status
        .iter()
        .map(|p| p["path"].as_str().unwrap().to_string())
        .collect()
}

fn status_json(dir: &std::path::Path) -> Value {
    serde_json::from_str(&stdout(planlint_in(dir).args([
        "status",
        "--format",
        "json",
        "--skipped",
    ])))
    .unwrap()
}

/// `planlint contract --format json`, for the project or for one plan.
fn contract_json(dir: &std::path::Path, plan: Option<&str>) -> Value {
    let mut cmd = planlint_in(dir);
    cmd.args(["contract", "--format", "json"]).args(plan);
    serde_json::from_str(&stdout(&mut cmd)).unwrap()
}

fn contract_names(dir: &std::path::Path) -> Vec<(String, Value)> {
    contract_json(dir, None)["required_sections"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            (
                r["name"].as_str().unwrap().to_string(),
                r["source"]["line"].clone(),
            )
        })
        .collect()
}

/// A spec at a place of the project's choosing, named by AGENTS.md; its required list is written
/// as the headings themselves, numbered, with the title first.
const HEADINGS_SPEC: &str = "# How we plan\n\nPlans live in `work/plans/`.\n\n## Required sections\n\nEvery plan must have these headings, in this order:\n\n1. `# <Short action-oriented title>`\n2. `## Goal`\n3. `## Approach`\n4. `## Progress`\n5. `## Decision Log`\n";

const FOLLOWS_HEADINGS_SPEC: &str = "# Speed up the search page\n\n## Goal\n\nSearch answers in under 100 ms.\n\n## Approach\n\nIndex the titles.\n\n## Progress\n\n- [x] (2026-03-01 10:00Z) Indexed the titles.\n\n## Decision Log\n\n- Decision: index titles only.\n  Rationale: bodies are rarely searched.\n";

#[test]
fn the_spec_agents_md_names_is_read_and_never_linted() {
    let p = project(&[
        (
            "AGENTS.md",
            b"# Agents\n\nFor multi-step work, write a plan as described in docs/process/how-we-plan.md.\n",
        ),
        ("docs/process/how-we-plan.md", HEADINGS_SPEC.as_bytes()),
        ("work/plans/search.md", FOLLOWS_HEADINGS_SPEC.as_bytes()),
    ]);
    let names = contract_names(p.path());
    let expected: Vec<(String, Value)> = [
        ("Goal", 10),
        ("Approach", 11),
        ("Progress", 12),
        ("Decision Log", 13),
    ]
    .iter()
    .map(|(n, l)| (n.to_string(), Value::from(*l)))
    .collect();
    assert_eq!(names, expected);
    let r = report(p.path(), &[]);
    // A plan that follows its spec exactly: no finding at all, warnings included.
    assert_eq!(findings(&r), Vec::<String>::new());
    assert_eq!(r["summary"]["files"], 1);
    // A slip of a letter in the folder AGENTS.md names still finds the one file that close.
    std::fs::write(
        p.path().join("AGENTS.md"),
        "# Agents\n\nPlans follow `docs/proces/how-we-plan.md`.\n",
    )
    .unwrap();
    assert_eq!(contract_names(p.path()), expected);
}

#[test]
fn a_required_list_introduced_by_a_sentence_and_one_described_in_prose() {
    let listed = "# Plans\n\nA plan contains only the sections that matter:\n\n- Goal\n- Approach\n- Progress\n- Decision Log\n";
    let p = project(&[
        ("PLANS.md", listed.as_bytes()),
        ("plans/search.md", FOLLOWS_HEADINGS_SPEC.as_bytes()),
    ]);
    let names: Vec<String> = contract_names(p.path()).into_iter().map(|n| n.0).collect();
    assert_eq!(names, ["Goal", "Approach", "Progress", "Decision Log"]);
    assert_eq!(errors(&report(p.path(), &[])), Vec::<String>::new());
    // A list of the project's own sections that never asks for timestamps: an undated checked
    // box is its record. Once the spec asks for timestamps, it is an error again.
    let undated = FOLLOWS_HEADINGS_SPEC.replace("(2026-03-01 10:00Z) ", "");
    std::fs::write(p.path().join("plans/search.md"), &undated).unwrap();
    assert_eq!(errors(&report(p.path(), &[])), Vec::<String>::new());
    std::fs::write(
        p.path().join("PLANS.md"),
        format!("{listed}\nEach Progress entry carries a timestamp.\n"),
    )
    .unwrap();
    assert_eq!(
        errors(&report(p.path(), &[])),
        ["plans/search.md:13 error timestamp-format"]
    );
    std::fs::write(p.path().join("PLANS.md"), listed).unwrap();
    // A parenthesised addition on the spec's name does not matter.
    std::fs::write(
        p.path().join("PLANS.md"),
        listed.replace("- Approach", "- Approach (Observable)"),
    )
    .unwrap();
    assert_eq!(errors(&report(p.path(), &[])), Vec::<String>::new());
    // Content described in prose is no list of headings: the default contract stays.
    let prose = "# Plans\n\nEvery plan must include these sections:\n\n- a short statement of why the work matters to users,\n- the steps, each with the command that checks it,\n";
    std::fs::write(p.path().join("PLANS.md"), prose).unwrap();
    let names: Vec<String> = contract_names(p.path()).into_iter().map(|n| n.0).collect();
    assert_eq!(
        names,
        [
            "Purpose / Big Picture",
            "Progress",
            "Surprises & Discoveries",
            "Decision Log",
            "Outcomes & Retrospective"
        ]
    );
}

#[test]
fn a_template_of_bare_headings_and_two_templates() {
    // Under a "skeleton" heading, a `# <title>` line and the sections as bare headings.
    let bare = "# Plan standard\n\n## Rules\n\n1. Keep `Progress` updated.\n\n## Plan skeleton\n\n# <Feature title>\n\n## Goal\n\nWhat changes for users.\n\n## Approach\n\nHow.\n\n## Progress\n\nUse checkboxes and keep them updated.\n\n## Decision Log\n\nDecisions and why.\n";
    let undated = FOLLOWS_HEADINGS_SPEC.replace("(2026-03-01 10:00Z) ", "");
    let p = project(&[
        (".agent/PLANS.md", bare.as_bytes()),
        ("plans/search.md", undated.as_bytes()),
    ]);
    let names: Vec<String> = contract_names(p.path()).into_iter().map(|n| n.0).collect();
    assert_eq!(names, ["Goal", "Approach", "Progress", "Decision Log"]);
    // Its Progress shows no dated entry and its prose asks for none: an undated box is fine.
    assert_eq!(errors(&report(p.path(), &[])), Vec::<String>::new());
    // Two templates (a parent plan and a child plan): each plan is held to the one it follows.
    let two = "# Plans\n\n## Parent plan template\n\n```md\n# <title>\n\n## Purpose\n\n## Child plans\n\n## Merge order\n\n## Done when\n```\n\n## Child plan template\n\n```md\n# <title>\n\n## Purpose\n\n## Scope\n\n## Steps\n\n## Done when\n```\n";
    let child = "# Child: cache the index\n\n## Purpose\n\nFaster.\n\n## Scope\n\nThe index only.\n\n## Steps\n\n- [ ] Add the cache.\n\n## Done when\n\nSearch under 100 ms.\n";
    let parent = "# Parent: search\n\n## Purpose\n\nFaster search.\n\n## Child plans\n\n- cache\n\n## Merge order\n\ncache first.\n";
    let p = project(&[
        (".agent/PLANS.md", two.as_bytes()),
        ("plans/child.md", child.as_bytes()),
        ("plans/parent.md", parent.as_bytes()),
    ]);
    // A new plan follows neither yet: it is held to the first template.
    let names: Vec<String> = contract_names(p.path()).into_iter().map(|n| n.0).collect();
    assert_eq!(
        names,
        ["Purpose", "Child plans", "Merge order", "Done when"]
    );
    // The contract shows the other template too, each section at its own line of the spec.
    let c = contract_json(p.path(), None);
    let other: Vec<(String, u64)> = c["other_templates"][0]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            (
                r["name"].as_str().unwrap().to_string(),
                r["source"]["line"].as_u64().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        other,
        [
            ("Purpose".to_string(), 22),
            ("Scope".to_string(), 24),
            ("Steps".to_string(), 26),
            ("Done when".to_string(), 28)
        ]
    );
    // The contract of the child plan cites the child template's lines, shared names included.
    let child_lines: Vec<(String, u64)> = contract_json(p.path(), Some("plans/child.md"))
        ["required_sections"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            (
                r["name"].as_str().unwrap().to_string(),
                r["source"]["line"].as_u64().unwrap_or(0),
            )
        })
        .collect();
    assert_eq!(child_lines, other);
    // The parent misses only its own template's last section; the child misses nothing.
    let r = report(p.path(), &[]);
    assert_eq!(errors(&r), ["plans/parent.md:1 error required-section"]);
    // Neither template has a Progress section: a checklist may stand in any section of either.
    // The spec said nothing of checklists, so the contract cites the spec, at no line of it.
    assert_eq!(messages(&r, "checkbox-placement"), Vec::<String>::new());
    let steps = c["checklists"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["name"] == "Steps")
        .map(|p| (p["source"]["file"].clone(), p["source"]["line"].clone()));
    assert_eq!(steps, Some((Value::from(".agent/PLANS.md"), Value::Null)));
    let human = stdout(planlint_in(p.path()).arg("contract"));
    assert!(
        human.contains("Where checklists belong (the spec shows none outside Progress"),
        "{human}"
    );
}

#[test]
fn statuses_given_as_examples_stay_open_and_allowed_values_close() {
    let plan = |status: &str| {
        format!("# Search\n\nStatus: {status}\n\n## Purpose / Big Picture\n\nWhy.\n\n## Progress\n\n- [x] (2026-03-01 10:00Z) Did it.\n\n## Surprises & Discoveries\n\nNone.\n\n## Decision Log\n\n- Decision: a.\n  Rationale: b.\n\n## Outcomes & Retrospective\n\nDone.\n")
    };
    let examples = "# Plans\n\nSet a status such as `Status: drafting` or `Status: shipped`.\n";
    let p = project(&[
        ("PLANS.md", examples.as_bytes()),
        ("plans/a.md", plan("PARKED").as_bytes()),
        ("plans/b.md", plan("shipped").as_bytes()),
    ]);
    let f = findings(&report(p.path(), &[]));
    let status: Vec<&String> = f.iter().filter(|x| x.contains("status-value")).collect();
    assert_eq!(status, ["plans/a.md:3 warning status-value"]);
    // A status field that lists its choices closes the vocabulary: built-in words are out too.
    let closed = "# Plans\n\n- `status` (required): `drafting | shipped | dropped`\n";
    std::fs::write(p.path().join("PLANS.md"), closed).unwrap();
    std::fs::write(p.path().join("plans/b.md"), plan("complete")).unwrap();
    let f = findings(&report(p.path(), &[]));
    let status: Vec<&String> = f.iter().filter(|x| x.contains("status-value")).collect();
    assert_eq!(
        status,
        [
            "plans/a.md:3 error status-value",
            "plans/b.md:3 error status-value"
        ]
    );
}

#[test]
fn only_plans_are_linted_and_what_was_passed_over_is_said() {
    let plan = FOLLOWS_HEADINGS_SPEC;
    let p = project(&[
        ("docs/exec-plans/active/search.md", plan.as_bytes()),
        ("docs/exec-plans/README.md", b"# Plans\n\nActive plans are in `active/`.\n"),
        ("docs/exec-plans/templates/feature.md", plan.as_bytes()),
        ("docs/exec-plans/reports/benchmark-run.md", b"# Benchmark\n\n## Results\n\nFast.\n"),
        ("docs/exec-plans/archive/old.md", plan.as_bytes()),
        // DESIGN's listed names are never plans, even written as one.
        ("docs/exec-plans/ROADMAP.md", plan.as_bytes()),
        ("docs/exec-plans/WORK_QUEUE.md", plan.as_bytes()),
        ("docs/exec-plans/parser-benchmark.md", b"# Parser benchmark\n\n## Setup\n\nA laptop.\n\n## Results\n\n| case | ms |\n|---|---|\n| big | 3 |\n\n## Follow-ups\n\n- [ ] try simd\n"),
        ("docs/exec-plans/active/search/tasks/T1.md", b"# T1: tokenizer\n\n## Goal\n\nTokens.\n\n## Checklist\n\n- [x] lexer\n- [ ] grammar\n"),
        // A write-up's name yields to a plan's skeleton: this plans a harness.
        ("docs/exec-plans/active/benchmark-harness.md", plan.as_bytes()),
        // … and to the living-document sentence, however short the plan.
        ("docs/exec-plans/active/perf-investigation.md", b"# Find the slow query\n\nThis ExecPlan is a living document.\n\n## Progress\n\n- [ ] Profile the report page.\n"),
        // A `tasks/` folder of plans (not inside one plan's folder) holds plans.
        ("docs/exec-plans/tasks/rename.md", plan.as_bytes()),
        ("docs/exec-plans/active/moved.md", b"# Moved\n\nThis plan moved to `docs/exec-plans/active/search.md`.\n"),
        ("docs/exec-plans/writing-plans.md", HEADINGS_SPEC.as_bytes()),
        ("notes/cleanup.md", b"# Clean up the logs\n\nThis ExecPlan is a living document.\n\n## Progress\n\n- [x] (2026-03-01 10:00Z) Started.\n"),
        ("notes/ideas.md", b"# Ideas\n\n- [ ] search\n"),
    ]);
    let s = status_json(p.path());
    let paths: Vec<String> = linted(&s)
        .into_iter()
        .map(|x| x.trim_start_matches("./").to_string())
        .collect();
    assert_eq!(
        paths,
        [
            "docs/exec-plans/active/benchmark-harness.md",
            "docs/exec-plans/active/perf-investigation.md",
            "docs/exec-plans/active/search.md",
            "docs/exec-plans/tasks/rename.md",
            "notes/cleanup.md"
        ]
    );
    let skipped: Vec<(String, String)> = s["skipped"]
        .as_array()
        .unwrap()
        .iter()
        .map(|x| {
            (
                x["path"]
                    .as_str()
                    .unwrap()
                    .trim_start_matches("./")
                    .to_string(),
                x["reason"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    let reason = |path: &str| {
        skipped
            .iter()
            .find(|(p, _)| p == path)
            .map(|(_, r)| r.clone())
            .unwrap_or_else(|| panic!("{path} not listed as skipped: {skipped:?}"))
    };
    assert!(reason("docs/exec-plans/README.md").contains("README"));
    assert!(reason("docs/exec-plans/templates/feature.md").contains("template"));
    assert!(reason("docs/exec-plans/reports/benchmark-run.md").contains("report"));
    assert!(reason("docs/exec-plans/archive/old.md").contains("archived"));
    assert!(reason("docs/exec-plans/ROADMAP.md").contains("roadmap"));
    assert!(reason("docs/exec-plans/WORK_QUEUE.md").contains("queue"));
    assert!(reason("docs/exec-plans/parser-benchmark.md").contains("write-up"));
    assert!(reason("docs/exec-plans/active/search/tasks/T1.md").contains("task record"));
    assert!(reason("docs/exec-plans/active/moved.md").contains("neither plan sections"));
    assert!(reason("docs/exec-plans/writing-plans.md").contains("about writing plans"));
    // Outside plan places nothing is listed.
    assert!(skipped.iter().all(|(p, _)| !p.starts_with("notes/")));
    // The lint run takes the same files and its summary counts what it passed over; an archived
    // plan named on the command line is linted.
    assert_eq!(report(p.path(), &[])["summary"]["files"], 5);
    let concise = stdout(planlint_in(p.path()).args(["--format", "concise"]));
    assert!(
        concise
            .ends_with("; 10 files in plan places are not plans (`planlint status --skipped`)\n"),
        "{concise}"
    );
    assert_eq!(
        report(p.path(), &["docs/exec-plans/archive/old.md"])["summary"]["files"],
        1
    );
}

#[test]
fn separate_milestone_lists_and_planned_dates_are_not_compared() {
    let plan = "# Search\n\n## Purpose / Big Picture\n\nWhy.\n\n## Progress\n\n### Milestone 2\n\n- [x] (2026-03-05 10:00Z) Cached the index.\n\n### Milestone 1\n\n- [x] (2026-03-01 10:00Z) Indexed the titles.\n- [ ] (2026-04-01) Planned: rank by recency.\n- [ ] (2026-03-02) Planned: drop the old index.\n\n## Surprises & Discoveries\n\nNone.\n\n## Decision Log\n\n- Decision: a.\n  Rationale: b.\n\n## Outcomes & Retrospective\n\nNot yet.\n";
    let p = project(&[("plans/search.md", plan.as_bytes())]);
    assert_eq!(errors(&report(p.path(), &[])), Vec::<String>::new());
    // Within one list, an inversion is still an error.
    let inverted = plan
        .replace("(2026-03-01 10:00Z) Indexed", "(2026-02-01 10:00Z) Indexed")
        .replace(
            "- [ ] (2026-04-01)",
            "- [x] (2026-01-01 09:00Z) Wrote the query.\n- [ ] (2026-04-01)",
        );
    std::fs::write(p.path().join("plans/search.md"), inverted).unwrap();
    assert_eq!(
        errors(&report(p.path(), &[])),
        ["plans/search.md:16 error timestamp-order"]
    );
}

#[test]
fn a_plan_named_from_a_parent_folder_is_held_to_its_own_repositorys_spec() {
    let parent = tempfile::tempdir().unwrap();
    let repo = parent.path().join("repo");
    for (name, text) in [
        ("repo/PLANS.md", HEADINGS_SPEC),
        ("repo/plans/search.md", FOLLOWS_HEADINGS_SPEC),
    ] {
        let path = parent.path().join(name);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }
    std::fs::create_dir(repo.join(".git")).unwrap();
    // From the parent (no project of its own), the plan's repository gives the contract.
    let r = report(parent.path(), &["repo/plans/search.md"]);
    assert_eq!(findings(&r), Vec::<String>::new());
    let c = contract_json(parent.path(), Some("repo/plans/search.md"));
    assert_eq!(c["spec"]["path"], "PLANS.md");
}

#[test]
fn plans_git_tracks_are_linted_though_gitignore_matches_them() {
    let p = tempfile::tempdir().unwrap();
    let files = [
        (".gitignore", "plans/*\n"),
        ("plans/search.md", FOLLOWS_HEADINGS_SPEC),
        ("plans/draft.md", FOLLOWS_HEADINGS_SPEC),
        ("PLANS.md", HEADINGS_SPEC),
    ];
    for (name, text) in files {
        let path = p.path().join(name);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }
    common::git(p.path(), &["init", "-q"]);
    common::git(
        p.path(),
        &["add", "-f", ".gitignore", "PLANS.md", "plans/search.md"],
    );
    common::git(p.path(), &["commit", "-q", "-m", "plans"]);
    // The committed plan is linted; the local draft git ignores is not.
    let s = status_json(p.path());
    let paths: Vec<String> = linted(&s)
        .into_iter()
        .map(|x| x.trim_start_matches("./").to_string())
        .collect();
    assert_eq!(paths, ["plans/search.md"]);
    // Where the spec itself says plans are written in `plans/`, a local plan there is a plan
    // though .gitignore keeps it out of git: the team lints it before it shares it.
    std::fs::write(
        p.path().join("PLANS.md"),
        HEADINGS_SPEC.replace("`work/plans/`", "`plans/`"),
    )
    .unwrap();
    let s = status_json(p.path());
    let paths: Vec<String> = linted(&s)
        .into_iter()
        .map(|x| x.trim_start_matches("./").to_string())
        .collect();
    assert_eq!(paths, ["plans/draft.md", "plans/search.md"]);
}

#[test]
fn plans_hidden_by_gitignore_are_named_when_nothing_else_is_in_scope() {
    let p = project(&[
        (".gitignore", b"plans/*\n"),
        ("plans/search.md", FOLLOWS_HEADINGS_SPEC.as_bytes()),
    ]);
    let out = planlint_in(p.path()).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("1 Markdown file in plan places is ignored by .gitignore and not tracked by git (plans/search.md)"),
        "{stderr}"
    );
    // `status --skipped` says so too, and goes on.
    let s = status_json(p.path());
    assert_eq!(s["plans"].as_array().unwrap().len(), 0);
    assert_eq!(s["skipped"][0]["path"], "./plans/search.md");
    assert_eq!(
        s["skipped"][0]["reason"],
        "ignored by .gitignore and not tracked by git"
    );
}

#[test]
fn an_agent_skill_for_plans_is_the_spec_where_no_plans_md_is() {
    let skill = "---\nname: execplan\n---\n\n# Writing plans\n\nWrite every plan in `plans/`.\n\n## Required sections\n\n- Goal\n- Approach\n- Progress\n- Decision Log\n";
    let p = project(&[
        (".agents/skills/execplan/SKILL.md", skill.as_bytes()),
        ("plans/search.md", FOLLOWS_HEADINGS_SPEC.as_bytes()),
    ]);
    let names: Vec<String> = contract_names(p.path()).into_iter().map(|n| n.0).collect();
    assert_eq!(names, ["Goal", "Approach", "Progress", "Decision Log"]);
    assert_eq!(findings(&report(p.path(), &[])), Vec::<String>::new());
}

#[test]
fn a_missing_section_is_placed_by_the_specs_order() {
    // The spec puts Progress last: a plan without it gets the finding at its title, not before
    // its Decision Log (where the dialect's own order would put Progress).
    let spec = "# Plans\n\n## Required sections\n\n- Goal\n- Decision Log\n- Progress\n";
    let plan =
        "# Search\n\n## Goal\n\nFast.\n\n## Decision Log\n\n- Decision: a.\n  Rationale: b.\n";
    let p = project(&[
        ("PLANS.md", spec.as_bytes()),
        ("plans/a.md", plan.as_bytes()),
    ]);
    assert_eq!(
        errors(&report(p.path(), &[])),
        ["plans/a.md:1 error required-section"]
    );
}

#[test]
fn a_plans_md_that_says_nothing_about_plans_is_not_the_spec() {
    let roadmap =
        "# Roadmap\n\n## M1: accounts\n\nShip sign-up.\n\n## M2: billing\n\nShip invoices.\n";
    let p = project(&[
        ("docs/PLANS.md", roadmap.as_bytes()),
        ("plans/search.md", FOLLOWS_HEADINGS_SPEC.as_bytes()),
    ]);
    let c = contract_json(p.path(), None);
    assert!(c["spec"].is_null(), "{c}");
}

#[test]
fn a_brief_titled_execplan_outside_the_places_the_spec_names_is_not_a_plan() {
    // The spec says where plans live; a product brief at the root that an agent was once handed
    // is titled an ExecPlan and named like one, but keeps no record.
    let spec = "# Plans\n\nEvery plan must have these headings:\n\n1. `## Goal`\n2. `## Progress`\n\n## Location\n\n- active plans: `docs/exec-plans/active/`\n";
    let brief = "# ExecPlan: a native viewer for Markdown\n\n## Objective\n\nBuild the viewer.\n\n## Required outcome\n\nIt opens files.\n";
    let p = project(&[
        (".agents/PLANS.md", spec.as_bytes()),
        ("AGENTS.md", b"# Agents\n\nFollow `.agents/PLANS.md` for plans.\n"),
        ("agent_execplan_viewer_brief.md", brief.as_bytes()),
        ("docs/exec-plans/active/open.md", b"# Open files\n\n## Goal\n\nOpen a file.\n\n## Progress\n\n- [x] (2026-03-01 10:00Z) Opened one.\n"),
    ]);
    let s = status_json(p.path());
    assert_eq!(linted(&s), ["docs/exec-plans/active/open.md"]);
    // Passed over, and said so: its name would make it a plan place.
    let skipped: Vec<&str> = s["skipped"]
        .as_array()
        .unwrap()
        .iter()
        .map(|k| k["path"].as_str().unwrap())
        .collect();
    assert!(
        skipped.contains(&"./agent_execplan_viewer_brief.md"),
        "{skipped:?}"
    );
    // Where the spec names no place, the same title and name make it a plan (a repository whose
    // one plan is `EXECPLAN.md` at its root).
    std::fs::write(
        p.path().join(".agents/PLANS.md"),
        spec.split("## Location").next().unwrap(),
    )
    .unwrap();
    assert_eq!(
        linted(&status_json(p.path())),
        [
            "agent_execplan_viewer_brief.md",
            "docs/exec-plans/active/open.md"
        ]
    );
    // The living-document sentence declares a plan wherever it stands.
    std::fs::write(p.path().join(".agents/PLANS.md"), spec).unwrap();
    let declared = brief.replace(
        "\n\n## Objective",
        "\n\nThis ExecPlan is a living document.\n\n## Objective",
    );
    std::fs::write(p.path().join("agent_execplan_viewer_brief.md"), declared).unwrap();
    assert_eq!(
        linted(&status_json(p.path())),
        [
            "agent_execplan_viewer_brief.md",
            "docs/exec-plans/active/open.md"
        ]
    );
}

#[test]
fn a_completion_record_with_a_status_line_is_a_plan() {
    // A finished plan kept as a record: a status line, what shipped, how it was verified.
    let record = "# Harden the importer\n\nStatus: completed and verified on 2026-05-02.\n\n## Shipped contract\n\n- Imports never report success after a failed write.\n\n## Verification evidence\n\n- `make test` passed.\n";
    let p = project(&[("docs/exec-plans/completed/importer.md", record.as_bytes())]);
    assert_eq!(
        linted(&status_json(p.path())),
        ["docs/exec-plans/completed/importer.md"]
    );
    // Without the status line and its verification (a known section) it is a note with one
    // plan-like part: passed over, and said so.
    let note = record
        .replace("Status: completed and verified on 2026-05-02.\n\n", "")
        .replace("## Verification evidence", "## Evidence");
    std::fs::write(p.path().join("docs/exec-plans/completed/importer.md"), note).unwrap();
    let s = status_json(p.path());
    assert!(linted(&s).is_empty());
    assert_eq!(
        s["skipped"][0]["path"]
            .as_str()
            .unwrap()
            .trim_start_matches("./"),
        "docs/exec-plans/completed/importer.md"
    );
}

#[test]
fn a_list_the_spec_gives_one_kind_of_plan_binds_only_that_kind() {
    // The spec keeps research checklists and execution contracts in one folder; its list of
    // sections is for execution contracts.
    let spec = "# Planning policy\n\nStore every research checklist and execution contract under `.agents/execplans/`.\n\nA research checklist may hold open questions.\n\nAn execution contract contains only the sections that prevent a real failure:\n\n- Purpose\n- Scope and Boundaries\n- Tasks\n- Progress and Next Steps\n";
    let contract = "# Faster search - Execution Contract\n\n## Purpose\n\nSearch is fast.\n\n## Tasks\n\n- [x] Index titles.\n\n## Progress and Next Steps\n\n- Next: none.\n";
    // Its own sections in an order the list does not have (Tasks before Purpose).
    let research = "# Pick a search engine - Research Checklist\n\n## Tasks\n\n- Read the docs.\n\n## Purpose\n\nChoose one.\n\n## Questions\n\n- [x] Which engines index Japanese text?\n";
    let study = "---\ntype: plan\nscope: Research and owner-decision checklist; not an implementation contract\n---\n\n# Ranking study\n\n## Purpose\n\nLearn what users click.\n\n## Questions\n\n- [ ] Do users read past the fifth result?\n";
    let p = project(&[
        (".agents/PLANS.md", spec.as_bytes()),
        (
            ".agents/execplans/2026-03-01-faster-search.md",
            contract.as_bytes(),
        ),
        (
            ".agents/execplans/2026-03-02-pick-engine.md",
            research.as_bytes(),
        ),
        (".agents/execplans/2026-03-03-ranking.md", study.as_bytes()),
    ]);
    let r = report(p.path(), &[]);
    assert_eq!(
        errors(&r),
        [".agents/execplans/2026-03-01-faster-search.md:7 error required-section"]
    );
    // Nor to the list's order.
    assert_eq!(messages(&r, "section-order"), Vec::<String>::new());
    // A plan that names no kind is held to the list.
    std::fs::write(
        p.path().join(".agents/execplans/2026-03-02-pick-engine.md"),
        research.replace(" - Research Checklist", ""),
    )
    .unwrap();
    assert_eq!(errors(&report(p.path(), &[])).len(), 3);
}

#[test]
fn a_section_the_spec_names_in_another_language_is_met_by_its_translation() {
    let spec = "# ExecPlans\n\n## 必須セクション\n\n次の見出しを必ず含めること:\n\n- 目的\n- 対象範囲\n- 完了条件\n";
    let plan = "# Sprite colliders\n\n## Goal\n\nCreate collider assets.\n\n## Scope\n\n- Add the asset type.\n\n## Done when\n\n- The editor builds.\n";
    let p = project(&[
        ("docs/agents/plans.md", spec.as_bytes()),
        (
            "AGENTS.md",
            b"# Agents\n\nExecPlans follow `docs/agents/plans.md`.\n",
        ),
        ("docs/plans/sprites.md", plan.as_bytes()),
    ]);
    assert_eq!(errors(&report(p.path(), &[])), Vec::<String>::new());
    std::fs::write(
        p.path().join("docs/plans/sprites.md"),
        plan.replace("## Scope", "## Notes"),
    )
    .unwrap();
    assert_eq!(
        errors(&report(p.path(), &[])),
        ["docs/plans/sprites.md:11 error required-section"]
    );
}

#[test]
fn a_plan_in_a_markdown_envelope_and_a_plan_about_a_queue_are_plans() {
    let skeleton = "# Add a job queue\n\nThis ExecPlan is a living document.\n\n## Purpose / Big Picture\n\nJobs run later.\n\n## Progress\n\n- [x] (2026-03-01 10:00Z) Added the table.\n\n## Decision Log\n\n- Decision: one table.\n  Rationale: simple.\n\n## Surprises & Discoveries\n\nNone.\n\n## Outcomes & Retrospective\n\nNot yet.\n";
    let enveloped = format!("```md\n{skeleton}```\n");
    let p = project(&[
        ("plans/job-queue.md", skeleton.as_bytes()),
        ("plans/enveloped.md", enveloped.as_bytes()),
        (
            "plans/WORK_QUEUE.md",
            b"# Queue\n\n- [ ] search\n- [ ] export\n",
        ),
    ]);
    let s = status_json(p.path());
    assert_eq!(linted(&s), ["plans/enveloped.md", "plans/job-queue.md"]);
    assert_eq!(s["skipped"][0]["path"], "./plans/WORK_QUEUE.md");
}

/// A spec that names its folder of templates: every template there is the contract, each plan
/// held to the one it follows best; a prompt kept beside them (steps as `# ` headings) is not a
/// plan's template, and a section a template marks optional is not required.
#[test]
fn a_spec_that_names_a_folder_of_templates() {
    let spec = "# Where planning lives\n\nPlans are written from the templates in `docs/blueprints/templates/`.\n\n## Rules\n\n- Open plans go in `docs/work-plans/open/`.\n- Finished plans go in `docs/work-plans/done/`.\n";
    let fix = "# Fix blueprint\n\n## 1. Problem\n\n[what is broken]\n\n## 2. Cause\n\n[why]\n\n## 3. Change\n\n- [ ] [step]\n\n## 4. Check\n\n[how we know]\n\n## 5. Notes (Optional)\n\n[anything]\n";
    let feature = "# Feature blueprint\n\n## 1. Problem\n\n[who needs it]\n\n## 2. Design\n\n[shape]\n\n## 3. Change\n\n- [ ] [step]\n\n## 4. Rollout\n\n[how it ships]\n";
    let prompt = "You are an engineer on this project.\n\n# Step 1: Read\n\nRead the code.\n\n# Step 2: Answer\n\n## Summary\n\n## Risks\n\n## Next\n";
    let cache = "# Cache the index\n\n## 1. Problem\n\nSearch is slow.\n\n## 2. Design\n\nAn LRU cache.\n\n## 3. Change\n\n- [ ] Add the cache.\n";
    let crash = "# Crash on empty query\n\n## 1. Problem\n\nAn empty query panics.\n\n## 2. Cause\n\nAn unchecked index.\n\n## 3. Change\n\n- [x] Check the length.\n\n## 4. Check\n\nA test with an empty query.\n";
    let p = project(&[
        ("docs/PLANS.md", spec.as_bytes()),
        ("docs/blueprints/templates/feature.md", feature.as_bytes()),
        ("docs/blueprints/templates/fix.md", fix.as_bytes()),
        ("docs/blueprints/templates/prompt.md", prompt.as_bytes()),
        ("docs/work-plans/open/cache.md", cache.as_bytes()),
        ("docs/work-plans/done/crash.md", crash.as_bytes()),
    ]);
    let c = contract_json(p.path(), None);
    assert_eq!(
        c["spec"]["template"].as_str(),
        Some("docs/blueprints/templates/feature.md")
    );
    let sections = |v: &Value| -> Vec<(String, String, u64)> {
        v.as_array()
            .unwrap()
            .iter()
            .map(|r| {
                (
                    r["name"].as_str().unwrap().to_string(),
                    r["source"]["file"].as_str().unwrap_or("").to_string(),
                    r["source"]["line"].as_u64().unwrap_or(0),
                )
            })
            .collect()
    };
    let feature_md = "docs/blueprints/templates/feature.md".to_string();
    assert_eq!(
        sections(&c["required_sections"]),
        [
            ("1. Problem".to_string(), feature_md.clone(), 3),
            ("2. Design".to_string(), feature_md.clone(), 7),
            ("3. Change".to_string(), feature_md.clone(), 11),
            ("4. Rollout".to_string(), feature_md, 15),
        ]
    );
    // The second template is shown at its own file's lines, without its optional section; the
    // prompt is no template.
    let fix_md = "docs/blueprints/templates/fix.md".to_string();
    let others = c["other_templates"].as_array().unwrap();
    assert_eq!(others.len(), 1);
    assert_eq!(
        sections(&others[0]).last().unwrap(),
        &("4. Check".to_string(), fix_md, 15)
    );
    // Each plan is held to the template it follows: the open one misses its rollout, the done
    // one misses nothing (its optional notes are not asked for).
    let r = report(p.path(), &[]);
    assert_eq!(
        errors(&r),
        ["docs/work-plans/open/cache.md:1 error required-section"]
    );
    assert_eq!(messages(&r, "error"), ["section `4. Rollout` is missing"]);
}

/// A spec of the project's own that says only where plans live — no sections, no template it
/// names, never the word ExecPlan — asks for no section: an index that mentions a templates
/// folder, or a templates folder beside the plans, does not make those templates the contract,
/// and a design document is held to no section list. A plan written as an ExecPlan (its living
/// sections) keeps the published contract.
/// A spec that says only where plans live and names no section leaves the built-in contract
/// as it is (DESIGN: default, then spec, then `planlint.toml`, each winning only where it says
/// something): every plan in scope is held to the published sections, and the templates an
/// index merely mentions are not the spec's.
#[test]
fn a_spec_that_says_only_where_plans_live_keeps_the_default_contract() {
    let spec = "# Planning pointer\n\n- `docs/exec-plans/board.md` lists the execution plans and the templates.\n\n## Rules\n\n- Open plans live in `docs/exec-plans/open/`.\n- Update the board when a plan moves.\n";
    let board = "# Board\n\nExecution plans are tracked here. Templates are kept in `docs/exec-plans/templates/`.\n\n| Plan | State |\n| --- | --- |\n| `docs/exec-plans/open/cache.md` | open |\n";
    let template = "# Task harness\n\n## 1. Task\n\n[one line]\n\n## 2. Invariants\n\n- [...]\n\n## 3. Acceptance\n\n- [ ] [check]\n";
    let design = "# Cache design\n\n## Context\n\nSearch is slow.\n\n## Proposal\n\nAn LRU cache in front of the index.\n\n## Progress\n\n- [ ] Prototype.\n";
    let execplan = "# Rename the flag\n\n## Purpose / Big Picture\n\nOne flag name.\n\n## Progress\n\n- [x] (2026-03-02 09:00Z) Renamed it.\n\n## Decision Log\n\n- Decision: keep an alias.\n  Rationale: scripts use the old name.\n";
    let p = project(&[
        ("docs/PLANS.md", spec.as_bytes()),
        ("docs/exec-plans/board.md", board.as_bytes()),
        ("docs/exec-plans/templates/harness.md", template.as_bytes()),
        ("docs/exec-plans/open/cache.md", design.as_bytes()),
        ("docs/exec-plans/open/rename.md", execplan.as_bytes()),
    ]);
    let c = contract_json(p.path(), None);
    assert_eq!(c["spec"]["path"].as_str(), Some("docs/PLANS.md"));
    assert_eq!(c["spec"]["template"], Value::Null);
    let names = |c: &Value| -> Vec<String> {
        c["required_sections"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| p["name"].as_str().unwrap().to_string())
            .collect()
    };
    let published = [
        "Purpose / Big Picture",
        "Progress",
        "Surprises & Discoveries",
        "Decision Log",
        "Outcomes & Retrospective",
    ];
    assert_eq!(names(&c), published);
    assert_eq!(
        names(&contract_json(
            p.path(),
            Some("docs/exec-plans/open/cache.md")
        )),
        published
    );
    let r = report(p.path(), &[]);
    // Both plans miss sections of the published contract, the design note four of them.
    assert_eq!(
        errors(&r),
        [
            "docs/exec-plans/open/cache.md:3 error required-section",
            "docs/exec-plans/open/cache.md:3 error required-section",
            "docs/exec-plans/open/cache.md:3 error required-section",
            "docs/exec-plans/open/cache.md:11 error required-section",
            "docs/exec-plans/open/rename.md:1 error required-section",
            "docs/exec-plans/open/rename.md:11 error required-section"
        ]
    );
    assert_eq!(
        linted(&status_json(p.path())),
        [
            "docs/exec-plans/open/cache.md",
            "docs/exec-plans/open/rename.md"
        ]
    );
}

/// Agent instructions that say finished plans are cut down when they move ("Move finished plans
/// to `…/completed/`, keeping only the outcome and the decisions") are not a spec: with no spec,
/// the built-in contract holds for every plan in scope, the completed folder's included.
#[test]
fn finished_plans_in_a_completed_folder_keep_the_default_contract() {
    let agents = "# Agents\n\n## Plans\n\nKeep unfinished plans in `docs/exec-plans/active/`. Move\nfinished plans to `docs/exec-plans/completed/`, keeping\nonly the outcome and the decisions worth remembering.\n";
    let record = "# Faster search (done)\n\nStatus: completed\n\n## Outcome\n\nSearch answers in 80 ms.\n\n## Decisions\n\n- Index titles only.\n\n## Checks\n\n- [x] Latency under 100 ms.\n";
    let p = project(&[
        ("AGENTS.md", agents.as_bytes()),
        ("docs/exec-plans/completed/search.md", record.as_bytes()),
    ]);
    let r = report(p.path(), &[]);
    // The record misses Purpose, Progress and Surprises (Outcome and Decisions are aliases),
    // and nothing else is an error.
    let missing = [
        "section `Progress` is missing (expected before `Decisions`)",
        "section `Purpose / Big Picture` is missing (expected before `Decisions`)",
        "section `Surprises & Discoveries` is missing (expected before `Decisions`)",
    ];
    assert_eq!(messages(&r, "required-section"), missing);
    assert_eq!(messages(&r, "error"), missing);
    let c = contract_json(p.path(), Some("docs/exec-plans/completed/search.md"));
    assert!(c.get("completion_record").is_none());
    assert_eq!(c["required_sections"].as_array().unwrap().len(), 5);
}

/// A plan that calls itself a closed record is still a file in plan scope, held to its spec;
/// a plan's `## Steps` meets a spec's `Task Breakdown` (the same list of work).
#[test]
fn a_closed_record_keeps_its_contract_and_steps_meet_a_task_breakdown() {
    let spec = "# Plans\n\nPlans live in `docs/execplans/`.\n\n## Required sections\n\n- Purpose\n- Task Breakdown\n- Progress\n";
    let record = "# Old importer\n\nThis closed record keeps the importer work for reference; it is no longer a living execution plan.\n\n## Purpose\n\nImport CSV.\n\n## Progress\n\n- [x] (2026-01-02 10:00Z) Imported.\n";
    let steps = "# New importer\n\n## Purpose\n\nImport JSON.\n\n## Steps\n\n1. Parse.\n\n## Progress\n\n- [x] (2026-01-03 10:00Z) Parsed.\n";
    let p = project(&[
        ("PLANS.md", spec.as_bytes()),
        ("docs/execplans/old.md", record.as_bytes()),
        ("docs/execplans/new.md", steps.as_bytes()),
    ]);
    // The record misses its task breakdown; the plan with Steps misses nothing.
    assert_eq!(
        errors(&report(p.path(), &[])),
        ["docs/execplans/old.md:9 error required-section"]
    );
    std::fs::write(
        p.path().join("docs/execplans/new.md"),
        steps.replace("## Steps", "## Notes"),
    )
    .unwrap();
    assert_eq!(
        errors(&report(p.path(), &[])),
        [
            "docs/execplans/new.md:11 error required-section",
            "docs/execplans/old.md:9 error required-section"
        ]
    );
}

#[test]
fn a_required_section_kept_one_level_down_and_a_checkpoint_log_of_another_tool() {
    let spec = "# Plans\n\nPlans live in `docs/execplans/`.\n\n## Required sections\n\n- Purpose\n- Contingencies\n- JJ Snapshot Log\n- Progress\n";
    // `### Contingencies` sits under `## Risks`; the checkpoints are kept in git, not jj.
    let plan = "# Importer\n\n## Purpose\n\nImport CSV.\n\n## Risks\n\nThe feed may change.\n\n### Contingencies\n\nFall back to the old feed.\n\n## Git Checkpoint Log\n\n- [x] `git commit` after the parser passed.\n\n## Progress\n\n- [x] (2026-01-02 10:00Z) Imported.\n";
    let p = project(&[
        ("PLANS.md", spec.as_bytes()),
        ("docs/execplans/importer.md", plan.as_bytes()),
    ]);
    assert_eq!(errors(&report(p.path(), &[])), Vec::<String>::new());
    // A sub-heading that only begins with the name is a topic, not the section; a log of
    // something else is not the checkpoint log.
    std::fs::write(
        p.path().join("docs/execplans/importer.md"),
        plan.replace("### Contingencies", "### Contingencies we rejected")
            .replace("## Git Checkpoint Log", "## Test Log"),
    )
    .unwrap();
    assert_eq!(
        messages(&report(p.path(), &[]), "error"),
        [
            "section `Contingencies` is missing (expected before `Progress`)",
            "section `JJ Snapshot Log` is missing (expected before `Progress`)"
        ]
    );
}

/// Where the spec excuses timestamps, `contract` cites the line that does: the template's first
/// undated Progress example, or the first name of a list of the project's own sections.
#[test]
fn the_timestamp_rule_cites_the_line_that_sets_it() {
    let template = "# Plans\n\nPlans live in `docs/plans/`.\n\n## Template\n\n```md\n# Title\n\n## Goal\n\n## Progress\n\n- [x] Wrote the parser.\n\n## Surprises & Discoveries\n\n## Decision Log\n```\n";
    let list = "# Plans\n\nPlans live in `docs/plans/`.\n\n## Required sections\n\n- Goal\n- Tasks\n- Progress\n";
    for (spec, line) in [(template, 14), (list, 7)] {
        let p = project(&[("PLANS.md", spec.as_bytes())]);
        let c = contract_json(p.path(), None);
        let flag = &c["progress_timestamps"];
        assert_eq!(flag["required"], Value::Bool(false), "{c}");
        assert_eq!(flag["source"]["file"].as_str(), Some("PLANS.md"));
        assert_eq!(flag["source"]["line"].as_u64(), Some(line), "{spec}");
    }
    // Where the spec asks for them, the line that asks: its stamped example, else its prose.
    let stamped = template.replace("- [x] Wrote", "- [x] (2026-01-02 10:00Z) Wrote");
    let prose = list.replace(
        "## Required sections",
        "Stamp every checked entry with a timestamp.\n\n## Required sections",
    );
    for (spec, line) in [(stamped.as_str(), 14), (prose.as_str(), 5)] {
        let p = project(&[("PLANS.md", spec.as_bytes())]);
        let c = contract_json(p.path(), None);
        let flag = &c["progress_timestamps"];
        assert_eq!(flag["required"], Value::Bool(true), "{c}");
        assert_eq!(flag["source"]["line"].as_u64(), Some(line), "{spec}");
    }
}

/// A path git ignores is build output, dependencies or a local file, not a repository path:
/// the root's `.gitignore`, a nested folder's, and a pattern that ignores a folder all count; a
/// negated pattern and a path no `.gitignore` names are still looked up.
#[test]
fn paths_git_ignores_are_not_missing_references() {
    let plan = "# Ship the bundle\n\n## Purpose / Big Picture\n\nShip it.\n\n## Progress\n\n- [x] (2026-02-01 10:00Z) Built `dist/app.js` with the key in `.secrets/key.pem`.\n- [x] (2026-02-01 11:00Z) Checked `web/build/index.html`, `web/build/keep.txt` and `src/bundle.rs`.\n\n## Surprises & Discoveries\n\nNone.\n\n## Decision Log\n\n- Decision: one bundle.\n  Rationale: simpler.\n\n## Outcomes & Retrospective\n\nShipped.\n";
    let p = project(&[
        (".gitignore", b"dist/\n.secrets/\n"),
        ("web/.gitignore", b"build/*\n!build/keep.txt\n"),
        ("plans/bundle.md", plan.as_bytes()),
    ]);
    assert_eq!(
        messages(&report(p.path(), &[]), "missing-reference"),
        [
            "`web/build/keep.txt` does not exist in the project",
            "`src/bundle.rs` does not exist in the project"
        ]
    );
}

/// A spec whose skeleton keeps the published sections, written in title case
/// (`Context And Orientation`), with one of its own added: every section the contract lists is
/// cited at its own heading of the skeleton, whatever its case.
#[test]
fn the_contract_cites_a_title_cased_skeleton_at_its_own_lines() {
    let spec = "# Plans\n\n## Required Sections\n\n```md\n# <Title>\n\n## Purpose / Big Picture\n\n## Progress\n\n- [x] (2026-01-01 10:00Z) Example.\n\n## Surprises & Discoveries\n\n## Decision Log\n\n## Outcomes & Retrospective\n\n## Context And Orientation\n\n## Constraints\n\n## Plan Of Work\n\n## Concrete Steps\n\n## Validation And Acceptance\n\n## Idempotence And Recovery\n\n## Artifacts And Notes\n\n## Interfaces And Dependencies\n```\n";
    let p = project(&[("PLANS.md", spec.as_bytes())]);
    let c = contract_json(p.path(), None);
    let lines: Vec<(String, Value)> = c["required_sections"]
        .as_array()
        .unwrap()
        .iter()
        .chain(c["recommended_sections"].as_array().unwrap())
        .map(|r| {
            (
                r["name"].as_str().unwrap().to_string(),
                r["source"]["line"].clone(),
            )
        })
        .collect();
    assert_eq!(lines.len(), 13, "{lines:?}");
    for (name, line) in &lines {
        let at = line
            .as_u64()
            .unwrap_or_else(|| panic!("{name} has no line: {lines:?}")) as usize;
        let heading = spec.lines().nth(at - 1).unwrap();
        assert!(
            heading.to_lowercase().contains(&name.to_lowercase()),
            "{name} cited at {at}: {heading}"
        );
    }
}

/// Targets in two projects, named together from a folder above both or from inside one: each
/// file is linted under its own project's configuration and spec (DESIGN: found from each
/// target's own path, never from the working folder alone), in one report.
#[test]
fn each_target_takes_its_own_projects_configuration_and_spec() {
    let plan = "# Cache\n\n## Purpose / Big Picture\n\nFaster pages.\n\n## Progress\n\n- [x] (2026-03-01 10:00Z) Added the cache.\n\n## Surprises & Discoveries\n\nNone.\n\n## Decision Log\n\n- Decision: one cache.\n  Rationale: simpler.\n\n## Outcomes & Retrospective\n\nDone.\n";
    let parent = tempfile::tempdir().unwrap();
    let files: [(&str, &[u8]); 6] = [
        ("a/.git/HEAD", b""),
        (
            "a/planlint.toml",
            b"[rules]\nrecommended-section = \"off\"\n",
        ),
        ("a/plans/cache.md", plan.as_bytes()),
        ("b/.git/HEAD", b""),
        (
            "b/PLANS.md",
            b"# Plans\n\n## Required sections\n\n- Purpose / Big Picture\n- Progress\n- Risks\n",
        ),
        ("b/plans/cache.md", plan.as_bytes()),
    ];
    for (name, bytes) in files {
        let path = parent.path().join(name);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, bytes).unwrap();
    }
    let rules_of = |dir: &std::path::Path, args: &[&str], file: &str| -> Vec<String> {
        let r = report(dir, args);
        let mut rules: Vec<String> = r["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|d| d["file"].as_str() == Some(file))
            .map(|d| d["rule"].as_str().unwrap().to_string())
            .collect();
        rules.dedup();
        rules
    };
    for (dir, a, b) in [
        (
            parent.path().to_path_buf(),
            "a/plans/cache.md",
            "b/plans/cache.md",
        ),
        (
            parent.path().join("a"),
            "plans/cache.md",
            "../b/plans/cache.md",
        ),
        (
            parent.path().join("b"),
            "../a/plans/cache.md",
            "plans/cache.md",
        ),
    ] {
        // a: its configuration turns the recommended sections off; no spec.
        assert_eq!(rules_of(&dir, &[a, b], a), Vec::<String>::new(), "{dir:?}");
        // b: no configuration; its spec's list asks for Risks, and exactly those sections.
        assert_eq!(rules_of(&dir, &[a, b], b), ["required-section"], "{dir:?}");
        assert_eq!(report(&dir, &[a, b])["summary"]["files"], 2);
    }
    // Standard input belongs to the project `--stdin-filename` places it in.
    for (name, rule) in [
        ("b/plans/cache.md", Some("required-section")),
        ("a/plans/cache.md", None),
    ] {
        let out = planlint_in(parent.path())
            .args(["--format", "json", "--stdin-filename", name, "-"])
            .write_stdin(plan)
            .output()
            .unwrap();
        let r: Value = serde_json::from_slice(&out.stdout).unwrap();
        let rules: Vec<&str> = r["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .map(|d| d["rule"].as_str().unwrap())
            .collect();
        assert_eq!(rules.first().copied(), rule, "{name}: {rules:?}");
    }
}

/// Plan folders the agent instructions name are plan places, with no spec at all: AGENTS.md's
/// `design/plans/`, CLAUDE.md's `work/plans/<slug>.md`. Other folders stay out of scope.
#[test]
fn plan_folders_the_agent_instructions_name_are_plan_places() {
    let plan = "# Cache\n\n## Purpose / Big Picture\n\nFaster pages.\n\n## Progress\n\n- [x] (2026-03-01 10:00Z) Added the cache.\n\n## Surprises & Discoveries\n\nNone.\n\n## Decision Log\n\n- Decision: one cache.\n  Rationale: simpler.\n\n## Outcomes & Retrospective\n\nDone.\n";
    let p = project(&[
        (
            "AGENTS.md",
            b"# Agents\n\nStore ExecPlans in `design/plans/`.\n",
        ),
        (
            "CLAUDE.md",
            b"# Claude\n\nWrite each plan to `work/plans/<slug>.md`.\n",
        ),
        ("design/plans/cache.md", plan.as_bytes()),
        ("work/plans/queue.md", plan.as_bytes()),
        ("design/notes/cache.md", plan.as_bytes()),
        // The instructions add places and take none away: a file named as an ExecPlan is one.
        ("EXECPLAN.md", plan.as_bytes()),
    ]);
    let mut paths: Vec<String> = linted(&status_json(p.path()))
        .into_iter()
        .map(|x| x.trim_start_matches("./").to_string())
        .collect();
    paths.sort();
    assert_eq!(
        paths,
        [
            "EXECPLAN.md",
            "design/plans/cache.md",
            "work/plans/queue.md"
        ]
    );
    // Written without the slash, or as a file name with placeholders, the folder is the same;
    // `planlint new` writes there.
    std::fs::remove_file(p.path().join("CLAUDE.md")).unwrap();
    for agents in [
        "# Agents\n\nStore ExecPlans in `design/plans`.\n",
        "# Agents\n\nWrite each ExecPlan to `design/plans/YYYY-MM-DD-slug.md`.\n",
    ] {
        std::fs::write(p.path().join("AGENTS.md"), agents).unwrap();
        let linted: Vec<String> = linted(&status_json(p.path()));
        assert!(
            linted.iter().any(|x| x.ends_with("design/plans/cache.md")),
            "{agents}: {linted:?}"
        );
    }
    let out = planlint_in(p.path())
        .args(["new", "Warm the cache"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");
    assert!(p.path().join("design/plans/warm-the-cache.md").is_file());
}

/// A copy of the published article about writing plans is no plan, whatever its name: its
/// skeleton stands in an indented code block, whose headings and example boxes tell no plan.
/// With nothing else in scope, `status --skipped` lists it once, with that reason (not also as
/// hidden by `.gitignore`), and the run's error counts it.
#[test]
fn a_copy_of_the_article_is_no_plan_whatever_its_name() {
    let article = "# Writing execution plans\n\nAn execution plan is a design document an agent can follow from start to finish.\n\n## How to use these plans\n\nRead this file before you write one.\n\n## Requirements\n\nEvery plan is self-contained.\n\n## Skeleton of a good plan\n\n    # <Short, action-oriented description>\n\n    ## Purpose / Big Picture\n\n    Say what someone gains.\n\n    ## Progress\n\n    - [x] (2025-10-01 13:00Z) Example completed step.\n    - [ ] Example incomplete step.\n\n    ## Decision Log\n\n    - Decision: ...\n";
    let p = project(&[("plans/writing-guide.md", article.as_bytes())]);
    let s = status_json(p.path());
    assert!(linted(&s).is_empty(), "{s}");
    let skipped = s["skipped"].as_array().unwrap();
    assert_eq!(skipped.len(), 1, "{skipped:?}");
    assert!(
        skipped[0]["reason"]
            .as_str()
            .unwrap()
            .contains("about writing plans"),
        "{skipped:?}"
    );
    let out = planlint_in(p.path()).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("1 Markdown file in plan places is not a plan"),
        "{err}"
    );
    // The same skeleton written as a plan's own sections, boxes at the margin, is a plan.
    let plan = article.replace("\n    ", "\n").replace("# Writing execution plans\n\nAn execution plan is a design document an agent can follow from start to finish.\n\n## How to use these plans\n\nRead this file before you write one.\n\n## Requirements\n\nEvery plan is self-contained.\n\n## Skeleton of a good plan\n\n", "");
    std::fs::write(p.path().join("plans/writing-guide.md"), plan).unwrap();
    assert_eq!(linted(&status_json(p.path())).len(), 1);
}

/// A path written from its module or package (`api/client.rs` for
/// `frontend/src/api/client.rs`, a folder `api/` likewise) is there, under a longer path; a
/// misspelt one, a file where only a folder of that name exists, one matching only part of a
/// name (`i/client.rs`), and one found only in a folder git ignores are still reported.
#[test]
fn paths_written_from_their_module_are_found() {
    let plan = "# Client\n\n## Purpose / Big Picture\n\nA client.\n\n## Progress\n\n- [x] (2026-02-01 10:00Z) Wrote `api/client.rs` and `src/api/` tests.\n- [x] (2026-02-01 11:00Z) Not `api/clinet.rs`, `src/api/client.rs/` (a folder) or `i/client.rs`; `gen/out.rs` is built.\n\n## Surprises & Discoveries\n\nNone.\n\n## Decision Log\n\n- Decision: one client.\n  Rationale: simpler.\n\n## Outcomes & Retrospective\n\nDone.\n";
    let p = project(&[
        (".gitignore", b"build/\n"),
        ("frontend/src/api/client.rs", b""),
        ("build/gen/out.rs", b""),
        ("plans/client.md", plan.as_bytes()),
    ]);
    assert_eq!(
        messages(&report(p.path(), &[]), "missing-reference"),
        [
            "`api/clinet.rs` does not exist in the project",
            "`src/api/client.rs/` does not exist in the project",
            "`i/client.rs` does not exist in the project",
            "`gen/out.rs` does not exist in the project"
        ]
    );
}

/// Two sections the spec keeps apart though both begin with one known name (`Outcomes & Notify
/// Summary` and `Outcomes & Retrospective`): each heading fills its own, so a plan missing one
/// of them is reported.
#[test]
fn one_heading_never_fills_two_required_sections() {
    let spec = "# Plans\n\nPlans live in `docs/plans/`.\n\n## Required sections\n\n- Purpose\n- Progress\n- Outcomes & Notify Summary\n- Outcomes & Retrospective\n";
    let plan = "# Notify\n\n## Purpose\n\nTell the team.\n\n## Progress\n\n- [x] (2026-02-01 10:00Z) Sent it.\n\n## Outcomes & Notify Summary\n\nSent to three channels.\n\n## Outcomes & Retrospective\n\nWorked.\n";
    let p = project(&[
        ("PLANS.md", spec.as_bytes()),
        ("docs/plans/notify.md", plan.as_bytes()),
    ]);
    assert_eq!(errors(&report(p.path(), &[])), Vec::<String>::new());
    for (gone, missing) in [
        ("## Outcomes & Retrospective", "Outcomes & Retrospective"),
        ("## Outcomes & Notify Summary", "Outcomes & Notify Summary"),
    ] {
        std::fs::write(
            p.path().join("docs/plans/notify.md"),
            plan.replace(gone, "## Notes"),
        )
        .unwrap();
        let found = messages(&report(p.path(), &[]), "required-section");
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(found[0].contains(missing), "{found:?}");
    }
}

/// A spec whose required list and the template beside the plans write the sections in
/// different orders: the template's order is the one `section-order` checks, and `contract`
/// lists them so (a section only the list names stays after the one before it).
#[test]
fn the_contract_lists_sections_in_the_order_that_is_checked() {
    let spec = "# Plans\n\nPlans live in `docs/plans/`.\n\n## Required sections\n\n- Goal\n- Steps\n- Notes\n- Risks\n- Progress\n";
    let template = "# Title\n\n## Goal\n\n## Notes\n\n## Steps\n\n## Progress\n\n- [x] (2026-01-01 10:00Z) Did it.\n";
    let plan = "# Cache\n\n## Goal\n\nFast.\n\n## Notes\n\nNone.\n\n## Risks\n\nStale reads.\n\n## Steps\n\n1. Add.\n\n## Progress\n\n- [x] (2026-01-02 10:00Z) Added.\n";
    let p = project(&[
        ("PLANS.md", spec.as_bytes()),
        ("docs/plans/TEMPLATE.md", template.as_bytes()),
        ("docs/plans/cache.md", plan.as_bytes()),
    ]);
    let names: Vec<String> = contract_json(p.path(), None)["required_sections"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["name"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(names, ["Goal", "Notes", "Risks", "Steps", "Progress"]);
    // A plan written in that order gets no finding.
    assert_eq!(findings(&report(p.path(), &[])), Vec::<String>::new());
}

/// Where no spec is found, `contract` names the `PLANS.md` it read and passed over, and why,
/// rather than saying it found none.
#[test]
fn the_contract_says_which_plans_md_it_passed_over() {
    let roadmap = "# Roadmap\n\n## Milestones\n\n### M1 Login\n\nShipped in March.\n\n### M2 Billing\n\nNext.\n";
    let p = project(&[("docs/PLANS.md", roadmap.as_bytes())]);
    let c = contract_json(p.path(), None);
    assert_eq!(c["spec"], Value::Null);
    assert_eq!(
        c["spec_passed_over"][0]["path"].as_str(),
        Some("docs/PLANS.md")
    );
    assert_eq!(
        c["spec_passed_over"][0]["reason"].as_str(),
        Some("says nothing about how plans are written")
    );
    let human = stdout(planlint_in(p.path()).arg("contract"));
    assert!(
        human.contains("spec: none (docs/PLANS.md: says nothing about how plans are written)"),
        "{human}"
    );
    // With no PLANS.md at all, it says where it looked.
    std::fs::remove_file(p.path().join("docs/PLANS.md")).unwrap();
    let c = contract_json(p.path(), None);
    assert!(c.get("spec_passed_over").is_none());
}

/// A task list kept in halves by the state of its items (`이미 완료된 작업` and `남은 작업`, done
/// and remaining work) is the spec's `태스크`; a heading whose first word is not a state
/// (`Non-Goals` for `Goals`) is no such half.
#[test]
fn a_task_list_kept_in_done_and_remaining_halves_is_the_task_list() {
    let spec = "# Plans\n\nPlans live in `docs/plans/`.\n\n## Template\n\n```markdown\n# Phase N\n\n## 목표\n\n## 태스크\n\n- [ ] task\n\n## Goals\n\n## 검증 기준\n```\n";
    let plan = "# Phase 2\n\n## 목표\n\n게임 루프.\n\n## 이미 완료된 작업\n\n- [x] 점수\n\n## 남은 작업\n\n- [ ] 사운드\n\n## Goals\n\nFun.\n\n## 검증 기준\n\n- 테스트 통과\n";
    let p = project(&[
        ("PLANS.md", spec.as_bytes()),
        ("docs/plans/phase-2.md", plan.as_bytes()),
    ]);
    assert_eq!(
        messages(&report(p.path(), &[]), "required-section"),
        Vec::<String>::new()
    );
    std::fs::write(
        p.path().join("docs/plans/phase-2.md"),
        plan.replace("## Goals", "## Non-Goals"),
    )
    .unwrap();
    assert_eq!(
        messages(&report(p.path(), &[]), "required-section"),
        ["section `Goals` is missing (expected before `검증 기준`)"]
    );
}

/// A backticked path that is a link's text is looked up through the link's target, written from
/// the plan's folder (``[`completed/x.md`](../completed/x.md)``); a target that is missing is
/// reported as written, and the text of a link to a web page is looked up as written.
#[test]
fn a_backticked_path_in_a_link_is_the_links_target() {
    let plan = "# Phase 2\n\n## Purpose / Big Picture\n\nPhase 1 moved to [`completed/phase-1.md`](../completed/phase-1.md); see [`notes/a.md`](../gone/a.md) and [`src/b.rs`](https://example.com/src/b.rs).\n\n## Progress\n\n- [x] (2026-01-01 10:00Z) Started.\n\n## Surprises & Discoveries\n\nNone.\n\n## Decision Log\n\n- Decision: go.\n  Rationale: ready.\n\n## Outcomes & Retrospective\n\nOpen.\n";
    let p = project(&[
        ("docs/exec-plans/active/phase-2.md", plan.as_bytes()),
        (
            "docs/exec-plans/completed/phase-1.md",
            b"# Phase 1\n\n## Progress\n\n- [x] (2026-01-01 09:00Z) Done.\n",
        ),
    ]);
    assert_eq!(
        messages(
            &report(p.path(), &["docs/exec-plans/active/phase-2.md"]),
            "missing-reference"
        ),
        [
            "`../gone/a.md` does not exist in the project",
            "`src/b.rs` does not exist in the project"
        ]
    );
}

/// A plan with the five canonical sections, its preamble given.
fn canonical_plan(preamble: &str, status: &str) -> String {
    format!("# Search\n\n{status}{preamble}\n\n## Purpose / Big Picture\n\nWhy.\n\n## Progress\n\n- [x] (2026-03-01 10:00Z) Did it.\n\n## Surprises & Discoveries\n\nNone.\n\n## Decision Log\n\n- Decision: a.\n  Rationale: b.\n\n## Outcomes & Retrospective\n\nDone.\n")
}

/// A plan's preamble makes its contract only of the names in the clause that says which
/// sections are kept up to date: a term, a command or a section said to be filled later, in
/// the same paragraph, is none of its sections.
#[test]
fn a_preamble_names_only_the_sections_it_keeps_up_to_date() {
    let keep = "This ExecPlan is a living document. The sections `Progress`, `Surprises & Discoveries`, `Decision Log`, and `Outcomes & Retrospective` must be kept up to date as work proceeds.";
    let required = |p: &std::path::Path| -> Vec<String> {
        contract_json(p, Some("plans/p.md"))["required_sections"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| r["name"].as_str().unwrap().to_string())
            .collect()
    };
    let canonical = [
        "Purpose / Big Picture",
        "Progress",
        "Surprises & Discoveries",
        "Decision Log",
        "Outcomes & Retrospective",
    ];
    for extra in [
        " Terms are defined in `Glossary`; run `cargo test` to check.",
        "\nTerms are defined in `Glossary`; run `cargo test` to check.",
    ] {
        let plan = canonical_plan(&format!("{keep}{extra}"), "");
        let p = project(&[("plans/p.md", plan.as_bytes())]);
        let r = report(p.path(), &["--select", "required-section", "plans/p.md"]);
        assert_eq!(messages(&r, "required-section"), Vec::<String>::new());
        assert_eq!(required(p.path()), canonical, "{extra:?}");
    }
    // A section the clause leaves out, named by another sentence, is not required by it.
    let short = "This ExecPlan is a living document. The sections `Progress`, `Surprises & Discoveries`, and `Decision Log` must be kept up to date as work proceeds. Outcomes go in `Outcomes & Retrospective` at the end.";
    let p = project(&[("plans/p.md", canonical_plan(short, "").as_bytes())]);
    assert_eq!(required(p.path()), canonical[..4]);
}

/// A template file the spec names for new plans is read whatever its name; a file the spec names
/// as an example is not a template, and the template is never linted as a plan.
#[test]
fn a_template_file_the_spec_names_is_read_whatever_its_name() {
    let skeleton = "# <title>\n\n## Goal\n\n## Risks\n\n## Progress\n";
    let plan = "# Search\n\n## Goal\n\nFast.\n\n## Progress\n\n- [x] Indexed the titles.\n";
    for (spec, at) in [
        (
            "# Plans\n\nUse `docs/plan-skeleton.md` for all new plans.\n",
            "docs/plan-skeleton.md",
        ),
        (
            "# Plans\n\nPlans are short. The full template lives in `docs/outline.md`.\n",
            "docs/outline.md",
        ),
        (
            "# Plans\n\nCopy `plans/blank.md` into a new file and fill it in.\n",
            "plans/blank.md",
        ),
    ] {
        let p = project(&[
            ("PLANS.md", spec.as_bytes()),
            (at, skeleton.as_bytes()),
            ("plans/a.md", plan.as_bytes()),
        ]);
        let c = contract_json(p.path(), None);
        assert_eq!(c["spec"]["template"], at, "{spec}");
        let names: Vec<String> = contract_names(p.path()).into_iter().map(|n| n.0).collect();
        assert_eq!(names, ["Goal", "Risks", "Progress"]);
        let paths: Vec<String> = linted(&status_json(p.path()))
            .into_iter()
            .map(|x| x.trim_start_matches("./").to_string())
            .collect();
        assert_eq!(paths, ["plans/a.md"]);
        let r = report(p.path(), &[]);
        assert_eq!(
            messages(&r, "required-section"),
            ["section `Risks` is missing (expected before `Progress`)"]
        );
    }
    // A file named as an example, or for another reason, is no template.
    let spec = "# Plans\n\nWrite plans in `plans/`. See `docs/plan-skeleton.md` for an example plan, and list each plan in `docs/plans.md`.\n";
    let p = project(&[
        ("PLANS.md", spec.as_bytes()),
        ("docs/plan-skeleton.md", skeleton.as_bytes()),
        ("docs/plans.md", skeleton.as_bytes()),
        ("plans/a.md", plan.as_bytes()),
    ]);
    assert!(contract_json(p.path(), None)["spec"]["template"].is_null());
}

/// Backticked words join the status vocabulary in a sentence or a list about status; they close
/// it only where the spec calls them the allowed values (a "Plan States" list only joins), and
/// no other backticked word of the spec is a status.
#[test]
fn status_words_in_a_sentence_or_a_list_about_status() {
    let p = project(&[
        (
            "plans/a.md",
            canonical_plan("", "Status: shipping\n\n").as_bytes(),
        ),
        (
            "plans/b.md",
            canonical_plan("", "Status: active\n\n").as_bytes(),
        ),
    ]);
    let statuses = |spec: &str| -> Vec<String> {
        std::fs::write(p.path().join("PLANS.md"), format!("# Plans\n\n{spec}")).unwrap();
        let r = report(p.path(), &["--select", "status-value"]);
        findings(&r)
    };
    for closing in [
        "## Status values\n\nAllowed values: `drafting`, `shipping`, `shipped`.\n",
        "## Plan States\n\nAllowed values: `drafting`, `shipping`, `shipped`.\n",
        "## Status values\n\nAllowed values:\n\n- `drafting`\n- `shipping`\n- `shipped`\n",
    ] {
        assert_eq!(
            statuses(closing),
            ["plans/b.md:3 error status-value"],
            "{closing}"
        );
    }
    for joining in [
        "## Plan States\n\n- `drafting`\n- `shipping`\n- `shipped`\n",
        "Give each plan a status such as `drafting` or `shipping`.\n",
        "Status values (e.g. `drafting`, `shipping`).\n",
        "ステータスは次のような値を使う: `drafting`, `shipping`。\n",
    ] {
        assert_eq!(statuses(joining), Vec::<String>::new(), "{joining}");
    }
    // Backticked words of a sentence that is not about status are not statuses.
    assert_eq!(
        statuses("Run `cargo test` and `shipping` checks before a plan is merged.\n"),
        ["plans/a.md:3 warning status-value"]
    );
}
