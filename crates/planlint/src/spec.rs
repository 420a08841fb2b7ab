//! Finding the project's spec (its `PLANS.md`) and reading it once per run: `spec = "path"` in
//! `planlint.toml`, else the first `PLANS.md` at the root, in `.agent/`, `.agents/`, `docs/` or
//! `.codex/` that is a spec and not itself a plan; `spec = false` ignores it. A template file the
//! spec names is read too. What cannot be read is ignored, never an error.

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
        if let Some(file) = spec.template_file.clone() {
            if let Ok(t) = std::fs::read_to_string(root.join(&file.value)) {
                spec.read_template(&t);
                template = Some(file.value);
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
