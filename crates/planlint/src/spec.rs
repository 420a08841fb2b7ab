//! Finding the project's spec (its `PLANS.md`) and reading it once per run: `spec = "path"` in
//! `planlint.toml`, else the first `PLANS.md` at the root, in `.agent/`, `.agents/`, `docs/` or
//! `.codex/` that is a spec and not itself a plan; `spec = false` ignores it. Where the spec shows
//! no skeleton itself, the template file it names, or a `TEMPLATE.md` beside the plans, is read
//! for one. What cannot be read is ignored, never an error.

use std::path::Path;

use planlint_rules::config::SpecChoice;
use planlint_rules::spec::{self, Spec};
use planlint_rules::Loaded;

/// Where the spec is looked for, in order, from the project root.
pub const PLACES: [&str; 5] = [
    "PLANS.md",
    ".agent/PLANS.md",
    ".agents/PLANS.md",
    "docs/PLANS.md",
    ".codex/PLANS.md",
];

/// Plan folders where a `TEMPLATE.md` beside the plans is looked for.
const BESIDE: [&str; 8] = [
    "plans/",
    "docs/exec-plans/",
    "docs/execplans/",
    "execplans/",
    ".agent/execplans/",
    ".agents/execplans/",
    ".agent/plans/",
    "docs/plans/",
];

/// The project's spec as read, with its path from the project root.
#[derive(Clone, Debug)]
pub struct FoundSpec {
    pub rel: String,
    pub spec: Spec,
    /// Where the template file the spec names was read from, if it was.
    pub template: Option<String>,
}

/// Find and read the spec of the project at `root`.
pub fn find(root: &Path, config: Option<&Loaded>) -> Option<FoundSpec> {
    let candidates: Vec<String> = match config.and_then(|c| c.config.spec.as_ref()) {
        Some(SpecChoice::Enabled(false)) => return None,
        Some(SpecChoice::Path(p)) => vec![p.trim_start_matches("./").to_string()],
        _ => PLACES.iter().map(|p| p.to_string()).collect(),
    };
    let explicit = matches!(
        config.and_then(|c| c.config.spec.as_ref()),
        Some(SpecChoice::Path(_))
    );
    for rel in candidates {
        let Ok(text) = std::fs::read_to_string(root.join(&rel)) else {
            continue;
        };
        // A `PLANS.md` that is itself a plan is linted, not read as the spec.
        if !explicit && spec::is_plan_itself(&text) {
            continue;
        }
        let mut spec = Spec::read(&text);
        let mut template = None;
        // A template file the spec names, else a `TEMPLATE.md` beside the plans.
        let beside = spec
            .locations
            .iter()
            .filter(|l| l.value.ends_with('/'))
            .map(|l| l.value.clone())
            .chain(BESIDE.iter().map(|s| s.to_string()))
            .map(|folder| format!("{folder}TEMPLATE.md"));
        let candidates: Vec<String> = spec
            .template_file
            .iter()
            .map(|f| f.value.clone())
            .chain(beside)
            .collect();
        if spec.skeleton.is_none() {
            for file in candidates {
                if let Ok(t) = std::fs::read_to_string(root.join(&file)) {
                    spec.read_template(&t);
                    if spec.skeleton.is_some() {
                        template = Some(file);
                        break;
                    }
                }
            }
        }
        return Some(FoundSpec {
            rel,
            spec,
            template,
        });
    }
    None
}
