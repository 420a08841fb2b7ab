//! Property test of `planlint new`'s text: for a spec assembled from the pieces real specs are
//! made of (template blocks with titles, front matter, prompts, boxes and Progress examples;
//! required lists; status fields; plan places; noise), the plan [`NewPlan::write`] writes never
//! panics and lints with no finding at all — errors or warnings — under the contract that spec
//! makes. The CLI test `new_from_spec.rs` checks the same through the binary on fixed specs.

use chrono::{DateTime, Utc};
use planlint_parser::Dialect;
use planlint_rules::contract::apply_spec;
use planlint_rules::new_plan::NewPlan;
use planlint_rules::spec::Spec;
use planlint_rules::{lint_str, FileInput, Project, Settings};
use proptest::prelude::*;

const PIECES: &[&str] = &[
    "# Plans\n",
    "## Template\n",
    "```md\n",
    "```\n",
    "---\n",
    "id: EP-YYYYMMDD-NNN\n",
    "title: \"<Title>\"\n",
    "status: planned\n",
    "updated: YYYY-MM-DD\n",
    "links:\n  issue: \"\"\n",
    "# EP-YYYYMMDD-<short-slug>\n",
    "# <Short title>\n",
    "Reference PLANS.md here by its path.\n",
    "## Purpose / Big Picture\n",
    "Say what a user gains.\n",
    "## Goal\n",
    "- <what this does>\n",
    "## Scope\n",
    "- In: <this>\n- Out: <that>\n",
    "## Done Criteria\n",
    "- [ ] <observable>\n",
    "## Task Breakdown\n",
    "1. [ ] <task>\n",
    "## Progress\n",
    "## Progress Notes\n",
    "- [x] (2025-10-01 13:00Z) Example.\n",
    "- YYYY-MM-DD: <done>\n",
    "- [2025-11-16 10:30] Example.\n",
    "- did a thing\n",
    "## Surprises & Discoveries\n",
    "## Decision Log\n",
    "- Decision: …\n  Rationale: …\n",
    "## Outcomes & Retrospective\n",
    "## Context and Orientation\n",
    "## Constraints\n",
    "## Validation and Acceptance\n",
    "Example:\n",
    "    pub fn x()\n",
    "## Required Sections\n",
    "- Purpose / Big Picture\n",
    "- Testing Approach\n",
    "- Progress\n",
    "- `status` (required): `planned | active | paused | done`\n",
    "- `owner` (required): who\n",
    "Plans use YAML front matter.\n",
    "Use `Status: shipped`.\n",
    "Plans live in `docs/exec-plans/active/<stream>/` as `PLAN_*.md`.\n",
    "Plans are `plans/execplan-*.md`.\n",
    "\n",
    "é 🦀 計画\n",
    "<!-- c -->\n",
    // Two sections of one known kind that a template keeps apart.
    "## Outcomes & Notify Summary\n",
    "- Outcomes & Notify Summary\n",
];

/// A project holding its spec and nothing else.
struct WithSpec;

impl Project for WithSpec {
    fn exists(&self, path: &str) -> bool {
        matches!(path, ".agent/PLANS.md" | ".agent" | "plans")
    }
}

fn now() -> DateTime<Utc> {
    "2026-11-25T00:00:00Z".parse().unwrap()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn a_new_plan_lints_clean_under_its_spec(
        picks in proptest::collection::vec(0..PIECES.len(), 0..40),
        title in prop_oneof![
            Just("Add a CSV export"),
            Just("検索結果のキャッシュ"),
            Just("Fix: the `x` | y"),
            Just("!!!"),
        ],
    ) {
        let text: String = picks.iter().map(|i| PIECES[*i]).collect();
        let spec = Spec::read(&text);
        let mut settings = Settings::default();
        apply_spec(&spec, &mut settings);
        let numbered = spec.skeleton.as_ref().is_some_and(|k| k.is_numbered());
        let dialect = if numbered { Dialect::Numbered } else { Dialect::Canonical };
        let plan = NewPlan {
            title,
            plan_id: "plans/new.md",
            dialect,
            settings: &settings,
            spec: Some((&spec, ".agent/PLANS.md")),
            now: now(),
            author: Some("tester"),
            sequence: 1,
        }
        .write();
        let file = FileInput {
            path: Some("plans/new.md"),
            now: now(),
            project: &WithSpec,
            base: None,
        };
        let found: Vec<String> = lint_str(&plan, file, &settings)
            .iter()
            .map(|d| format!("{}: {}", d.rule, d.message))
            .collect();
        prop_assert!(found.is_empty(), "{found:?}\n--- spec\n{text}\n--- plan\n{plan}");
    }
}
