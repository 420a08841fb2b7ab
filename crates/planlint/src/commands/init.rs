//! `planlint init`: a commented `planlint.toml` with every default spelled out, and the scope
//! and contract planlint found in this project (its spec, where its plans are, the sections
//! they must have).

use std::fmt::Write;
use std::path::Path;

use planlint_rules::settings::{DEFAULT_FINISHED, DEFAULT_STATUSES};
use planlint_rules::{requirements, RULES};

use super::Workspace;
use crate::discover::{self, Target};
use crate::error::Error;
use crate::scope::{self, Scope};

/// What planlint found in the project, for the template.
pub struct Found {
    /// The spec's path from the root.
    pub spec: Option<String>,
    /// Folders (from the root) holding plans in scope, with how many each holds.
    pub folders: Vec<(String, usize)>,
    /// The canonical dialect's required sections under the spec.
    pub required: Vec<String>,
    /// Statuses the spec adds to the vocabulary.
    pub statuses: Vec<String>,
}

impl Found {
    pub fn of(ws: &Workspace) -> Found {
        let scope = Scope::of(ws);
        let mut folders: Vec<(String, usize)> = Vec::new();
        for t in discover::in_scope(&ws.root, &ws.canonical, &scope).targets {
            let Target::File(_, Some(rel)) = t else {
                continue;
            };
            let folder = rel
                .rsplit_once('/')
                .map_or(String::new(), |(d, _)| d.to_string());
            match folders.iter_mut().find(|(f, _)| *f == folder) {
                Some((_, n)) => *n += 1,
                None => folders.push((folder, 1)),
            }
        }
        let base = ws.contract_base();
        let empty = planlint_parser::parse("");
        let (required, _) =
            requirements::sections(&empty, planlint_parser::Dialect::Canonical, &base);
        Found {
            spec: ws.spec.as_ref().map(|s| s.rel.clone()),
            folders,
            required: required.into_iter().map(|r| r.name).collect(),
            statuses: base
                .statuses
                .iter()
                .filter(|s| !DEFAULT_STATUSES.contains(&s.as_str()))
                .cloned()
                .collect(),
        }
    }
}

/// The commented `planlint.toml` that `planlint init` writes: every default, spelled out and
/// commented out, so the file documents itself without pinning today's defaults; what was found
/// in the project is said beside it.
pub fn init_template(found: &Found) -> String {
    let quote = |items: &mut dyn Iterator<Item = &str>| {
        items
            .map(|s| format!("\"{s}\""))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let mut out = String::new();
    out.push_str(
        "# planlint configuration. Every key is optional; the commented values are the defaults.\n",
    );
    out.push_str("# Editors complete this file from schemas/config.schema.json in the planlint repository.\n\n");
    out.push_str("# Dialect of the plans: \"auto\" detects it per file; \"numbered\" or \"canonical\" force it.\n");
    out.push_str("# dialect = \"auto\"\n\n");
    out.push_str("# The project's spec (its PLANS.md), read for the sections, statuses and places of its plans;\n");
    out.push_str("# by default the first PLANS.md at the root, in .agent/, .agents/, docs/ or .codex/. false ignores it.\n");
    match &found.spec {
        Some(spec) => {
            let _ = writeln!(out, "# Found: {spec}.\nspec = \"{spec}\"\n");
        }
        None => out.push_str("# None found.\n# spec = \"PLANS.md\"\n\n"),
    }
    out.push_str("# Plan scope: globs, from the project root, of the plan files (replacing the places planlint\n");
    let _ = writeln!(out, "# looks by default: {}),", scope::PLACES);
    out.push_str("# and of what to skip. Files named on the command line are always linted.\n");
    if found.folders.is_empty() {
        out.push_str("# Found no plans there.\n# include = [\"plans/**/*.md\"]\n");
    } else {
        let listed: Vec<String> = found
            .folders
            .iter()
            .map(|(f, n)| format!("{} ({n})", if f.is_empty() { "the root" } else { f }))
            .collect();
        let _ = writeln!(out, "# Found plans in {}.", listed.join(", "));
        let globs: Vec<String> = found
            .folders
            .iter()
            .map(|(f, _)| {
                if f.is_empty() {
                    "*.md".to_string()
                } else {
                    format!("{f}/*.md")
                }
            })
            .collect();
        let _ = writeln!(
            out,
            "# include = [{}]",
            quote(&mut globs.iter().map(String::as_str))
        );
    }
    out.push_str("# exclude = []\n\n");
    out.push_str("# Severity per rule: \"off\", \"warning\" or \"error\". Section-order is an error in the numbered\n");
    out.push_str("# dialect and a warning in the canonical one unless set here; status-value is a warning against\n");
    out.push_str("# the built-in vocabulary alone, an error where the spec or [status] sets the values.\n[rules]\n");
    for r in RULES.iter().filter(|r| r.name != "section-order") {
        let _ = writeln!(out, "# {} = \"{}\"", r.name, r.default_severity.as_str());
    }
    out.push_str("\n# The status vocabulary; extend-values adds words without restating the list.\n[status]\n");
    let _ = writeln!(
        out,
        "# values = [{}]",
        quote(&mut DEFAULT_STATUSES.iter().copied())
    );
    if !found.statuses.is_empty() {
        let _ = writeln!(out, "# The spec adds: {}.", found.statuses.join(", "));
    }
    let _ = writeln!(
        out,
        "# finished = [{}]",
        quote(&mut DEFAULT_FINISHED.iter().copied())
    );
    out.push_str("# extend-values = []\n\n");
    out.push_str("# Sections and metadata the numbered dialect requires.\n[numbered]\n");
    let _ = writeln!(
        out,
        "# required-sections = [{}]",
        quote(
            &mut requirements::NUMBERED_ORDER
                .iter()
                .map(|k| k.numbered_name())
        )
    );
    let _ = writeln!(
        out,
        "# required-metadata = [{}]",
        quote(&mut planlint_parser::MetaKey::ALL.iter().map(|k| k.label()))
    );
    out.push_str("\n# The canonical dialect's required sections: Purpose and the four living sections, unless the\n");
    out.push_str("# spec says otherwise or a plan's preamble names its own living sections. A list set here\n");
    out.push_str(
        "# replaces both for every plan. These are the ones that apply now:\n[canonical]\n",
    );
    let _ = writeln!(
        out,
        "# required-sections = [{}]",
        quote(&mut found.required.iter().map(String::as_str))
    );
    out.push_str("# required-metadata = []\n\n");
    out.push_str("# Settings for some files only, applied in order. For example, a folder of numbered plans with\n");
    out.push_str("# a section of its own:\n");
    out.push_str("# [[overrides]]\n# files = [\"plans/book/**\"]\n# dialect = \"numbered\"\n");
    out.push_str("# [overrides.numbered]\n# required-sections = [\"Metadata\", { name = \"Risks\", aliases = [\"Risk register\"] }]\n");
    out
}

/// `planlint init`: write the template at `root/planlint.toml`, or over the configuration file
/// the project already has (either name) with `--force`.
pub fn init(ws: &Workspace, force: bool) -> Result<String, Error> {
    let root: &Path = &ws.root;
    let existing = crate::config::FILE_NAMES
        .iter()
        .map(|name| root.join(name))
        .find(|p| p.exists());
    let path = existing
        .clone()
        .unwrap_or_else(|| root.join(crate::config::FILE_NAMES[0]));
    if existing.is_some() && !force {
        return Err(Error::Usage(format!(
            "{} already exists; pass --force to overwrite it",
            path.display()
        )));
    }
    std::fs::write(&path, init_template(&Found::of(ws)))
        .map_err(|e| Error::Io(format!("cannot write {}: {e}", path.display())))?;
    Ok(format!("wrote {}\n", path.display()))
}
