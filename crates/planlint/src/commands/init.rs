//! `planlint init`: a commented `planlint.toml` with every default spelled out.

use std::fmt::Write;
use std::path::Path;

use planlint_rules::settings::{DEFAULT_FINISHED, DEFAULT_STATUSES};
use planlint_rules::{requirements, RULES};

use crate::error::Error;

/// The commented `planlint.toml` that `planlint init` writes: every default, spelled out and
/// commented out, so the file documents itself without pinning today's defaults.
pub fn init_template() -> String {
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
    out.push_str("# Globs, from the project root, of the files to lint when walking folders, and of what to skip.\n");
    out.push_str("# Files named on the command line are always linted.\n");
    out.push_str("# include = [\"**/*.md\"]\n# exclude = []\n\n");
    out.push_str("# Severity per rule: \"off\", \"warning\" or \"error\". Section-order is an error in the numbered\n");
    out.push_str("# dialect and a warning in the canonical one unless set here.\n[rules]\n");
    for r in RULES.iter().filter(|r| r.name != "section-order") {
        let _ = writeln!(out, "# {} = \"{}\"", r.name, r.default_severity.as_str());
    }
    out.push_str("\n# The status vocabulary; extend-values adds words without restating the list.\n[status]\n");
    let _ = writeln!(
        out,
        "# values = [{}]",
        quote(&mut DEFAULT_STATUSES.iter().copied())
    );
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
    out.push_str("\n# The canonical dialect's requirements depend on the plan: one that names its living sections in\n");
    out.push_str("# its preamble must have those; one that follows the skeleton must have Purpose and the four living\n");
    out.push_str(
        "# sections. A list set here replaces that judgement for every plan.\n[canonical]\n",
    );
    let _ = writeln!(
        out,
        "# required-sections = [{}]",
        quote(
            &mut requirements::CANONICAL_ORDER[..5]
                .iter()
                .map(|k| k.canonical_name())
        )
    );
    out.push_str("# required-metadata = []\n\n");
    out.push_str("# Settings for some files only, applied in order. For example, a folder of numbered plans with\n");
    out.push_str("# a section of its own:\n");
    out.push_str("# [[overrides]]\n# files = [\"plans/book/**\"]\n# dialect = \"numbered\"\n");
    out.push_str("# [overrides.numbered]\n# required-sections = [\"Metadata\", { name = \"Risks\", aliases = [\"Risk register\"] }]\n");
    out
}

/// `planlint init`: write the template at `root/planlint.toml`.
pub fn init(root: &Path, force: bool) -> Result<String, Error> {
    let path = root.join("planlint.toml");
    if path.exists() && !force {
        return Err(Error::Usage(format!(
            "{} already exists; pass --force to overwrite it",
            path.display()
        )));
    }
    std::fs::write(&path, init_template())
        .map_err(|e| Error::Io(format!("cannot write {}: {e}", path.display())))?;
    Ok(format!("wrote {}\n", path.display()))
}
