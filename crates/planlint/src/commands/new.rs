//! `planlint new TITLE [--path P]`: a new plan written from the contract that applies where it
//! goes — the required (and recommended) sections in their order with a one-line prompt each,
//! the metadata or status filled (Plan ID is its path, dates are today, the status is from the
//! vocabulary), and a first timestamped Progress entry. It lints with no error at once. An
//! existing file is never overwritten.

use std::io::Write;
use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};
use planlint_parser::{Dialect, SectionKind};
use planlint_rules::{requirements, SectionSpec, Settings};

use super::Workspace;
use crate::error::Error;
use crate::project::{relative, Links};

/// Folders a new plan goes to when no path is given: the first the spec names, else the first
/// of these that exists, else `plans/`.
const FOLDERS: [&str; 6] = [
    "docs/exec-plans/active/",
    "plans/",
    ".agent/plans/",
    ".agents/plans/",
    "docs/plans/",
    ".codex/plans/",
];

pub fn new(
    ws: &Workspace,
    title: &str,
    path: Option<&Path>,
    now: DateTime<Utc>,
) -> Result<String, Error> {
    let title = title.trim();
    if title.is_empty() {
        return Err(Error::Usage("the plan needs a title".into()));
    }
    let cwd = std::env::current_dir()
        .map_err(|e| Error::Io(format!("cannot read the working directory: {e}")))?;
    let path = match path {
        Some(p) => cwd.join(p),
        None => ws
            .root
            .join(default_folder(ws))
            .join(format!("{}.md", slug(title))),
    };
    let dir = path.parent().unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir)
        .map_err(|e| Error::Io(format!("cannot create {}: {e}", dir.display())))?;
    let rel = relative(&ws.canonical, &path, Links::Keep);
    let settings = ws.resolver().settings(rel.as_deref());
    let numbered_spec = ws
        .spec
        .as_ref()
        .and_then(|s| s.spec.skeleton.as_ref())
        .is_some_and(|k| k.is_numbered());
    let dialect = settings.dialect.unwrap_or(if numbered_spec {
        Dialect::Numbered
    } else {
        Dialect::Canonical
    });
    let plan_id = rel.clone().unwrap_or_else(|| path.display().to_string());
    let text = write_plan(title, &plan_id, dialect, &settings, now);
    let shown = path
        .strip_prefix(&cwd)
        .map(Path::to_path_buf)
        .unwrap_or_else(|_| path.clone());
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&path)
        .map_err(|e| match e.kind() {
            std::io::ErrorKind::AlreadyExists => Error::Usage(format!(
                "`{}` already exists; planlint new never overwrites a file",
                shown.display()
            )),
            _ => Error::Io(format!("cannot write {}: {e}", shown.display())),
        })?;
    file.write_all(text.as_bytes())
        .map_err(|e| Error::Io(format!("cannot write {}: {e}", shown.display())))?;
    Ok(format!("wrote {}\n", shown.display()))
}

fn default_folder(ws: &Workspace) -> PathBuf {
    let from_spec = ws
        .spec
        .iter()
        .flat_map(|s| &s.spec.locations)
        .find_map(|l| l.value.ends_with('/').then(|| PathBuf::from(&l.value)));
    from_spec
        .or_else(|| {
            FOLDERS
                .iter()
                .find(|f| ws.root.join(f).is_dir())
                .map(PathBuf::from)
        })
        .unwrap_or_else(|| PathBuf::from("plans/"))
}

/// A file name from a title: lowercase letters and digits, words joined by `-`.
fn slug(title: &str) -> String {
    let mut out = String::new();
    for c in title.chars() {
        if c.is_alphanumeric() {
            out.extend(c.to_lowercase());
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    let out = out.trim_end_matches('-');
    let cut: String = out.chars().take(60).collect();
    if cut.is_empty() {
        "plan".into()
    } else {
        cut.trim_end_matches('-').to_string()
    }
}

/// The sections of a new plan, in order: the contract's order where it sets one, else the
/// dialect's, then any section of the project's own.
fn sections(dialect: Dialect, settings: &Settings) -> Vec<SectionSpec> {
    let empty = planlint_parser::parse("");
    let (required, recommended) = requirements::sections(&empty, dialect, settings);
    let all: Vec<SectionSpec> = required.into_iter().chain(recommended).collect();
    if let Some(order) = &settings.dialect_settings(dialect).order {
        let mut out: Vec<SectionSpec> = order.clone();
        out.extend(all.into_iter().filter(|s| !order.contains(s)));
        return out;
    }
    let mut out: Vec<SectionSpec> = requirements::order(dialect)
        .iter()
        .filter_map(|k| all.iter().find(|s| s.kind == Some(*k)).cloned())
        .collect();
    out.extend(all.into_iter().filter(|s| s.kind.is_none()));
    out
}

/// A status to start with: the first of the vocabulary's "not started yet" words it has.
fn first_status(settings: &Settings) -> String {
    ["proposed", "planned", "not-started", "draft", "active"]
        .iter()
        .find(|s| settings.statuses.iter().any(|v| v == *s))
        .map(|s| s.to_string())
        .or_else(|| settings.statuses.first().cloned())
        .unwrap_or_else(|| "proposed".into())
}

/// One line that says what a section holds.
fn prompt(kind: Option<SectionKind>, name: &str) -> String {
    match kind {
        Some(SectionKind::Purpose) => {
            "What someone gains after this change, and how they can see it working.".into()
        }
        Some(SectionKind::Surprises) => {
            "None yet. Record unexpected behaviour here, with the evidence that showed it.".into()
        }
        Some(SectionKind::DecisionLog) => "No decisions yet. Record each with its decision, its rationale, and its date and author.".into(),
        Some(SectionKind::Outcomes) => "Not reached yet. Say what was achieved and what remains, at each milestone and at the end.".into(),
        Some(SectionKind::Context) => {
            "The state of the code that matters here, the key files, and the terms used.".into()
        }
        Some(SectionKind::Constraints) => "The limits and assumptions this work respects.".into(),
        Some(SectionKind::PlanOfWork) => "The sequence of edits and additions, in prose.".into(),
        Some(SectionKind::ConcreteSteps) => {
            "The exact commands to run and where, with the output to expect.".into()
        }
        Some(SectionKind::Validation) => "How to exercise the result, and what to observe.".into(),
        Some(SectionKind::Idempotence) => {
            "Which steps can be repeated safely, and how to retry or roll back.".into()
        }
        Some(SectionKind::Artifacts) => {
            "Transcripts, diffs or snippets that show success, kept short.".into()
        }
        Some(SectionKind::Interfaces) => {
            "The libraries, types and functions this work uses or defines.".into()
        }
        _ => format!("What this plan says under {name}."),
    }
}

/// The text of the new plan.
fn write_plan(
    title: &str,
    plan_id: &str,
    dialect: Dialect,
    settings: &Settings,
    now: DateTime<Utc>,
) -> String {
    let status = first_status(settings);
    let date = now.format("%Y-%m-%d").to_string();
    let mut out = format!("# {title}\n\n");
    let own = settings.dialect_settings(dialect).order.is_some();
    if dialect == Dialect::Canonical {
        if !own {
            out.push_str("This ExecPlan is a living document. The sections `Progress`, `Surprises & Discoveries`, `Decision Log`, and `Outcomes & Retrospective` must be kept up to date as work proceeds.\n\n");
        }
        out.push_str(&format!("Status: {status}\n"));
        let metadata = settings
            .canonical
            .required_metadata
            .clone()
            .unwrap_or_default();
        for key in metadata {
            out.push_str(&format!(
                "{}: {}\n",
                key.label(),
                metadata_value(key, title, plan_id, &date)
            ));
        }
        out.push('\n');
    }
    for (i, s) in sections(dialect, settings).iter().enumerate() {
        let heading = match dialect {
            Dialect::Numbered => format!("## {}. {}", i + 1, s.name),
            Dialect::Canonical => format!("## {}", s.name),
        };
        out.push_str(&heading);
        out.push_str("\n\n");
        match (s.kind, dialect) {
            (Some(SectionKind::Metadata), _) => {
                let keys = settings
                    .numbered
                    .required_metadata
                    .clone()
                    .unwrap_or_else(|| planlint_parser::MetaKey::ALL.to_vec());
                for key in keys {
                    out.push_str(&format!(
                        "- {}: {}\n",
                        key.label(),
                        metadata_value(key, title, plan_id, &date)
                    ));
                }
            }
            (Some(SectionKind::Progress), _) => {
                // The stamp every record command writes, in the dialect's default style.
                let stamp = planlint_rules::record::stamp(None, dialect, now);
                let check = if dialect == Dialect::Canonical {
                    "[x] "
                } else {
                    ""
                };
                out.push_str(&format!(
                    "- {check}{stamp}Created this plan with planlint new.\n"
                ));
            }
            (Some(SectionKind::Outcomes), Dialect::Numbered) => {
                out.push_str(&format!(
                    "- Status: {status}\n\n{}\n",
                    prompt(s.kind, &s.name)
                ));
            }
            _ => {
                out.push_str(&prompt(s.kind, &s.name));
                out.push('\n');
            }
        }
        out.push('\n');
    }
    let trimmed = out.trim_end().len();
    out.truncate(trimmed);
    out.push('\n');
    out
}

fn metadata_value(key: planlint_parser::MetaKey, title: &str, plan_id: &str, date: &str) -> String {
    use planlint_parser::MetaKey;
    match key {
        MetaKey::PlanId => plan_id.to_string(),
        MetaKey::Title => title.to_string(),
        MetaKey::Author => crate::author::name().unwrap_or_else(|| "the plan's author".into()),
        MetaKey::DateCreated | MetaKey::LastUpdated => date.to_string(),
        MetaKey::Related => "none yet".into(),
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn slugs() {
        assert_eq!(super::slug("Add CSV export!"), "add-csv-export");
        assert_eq!(super::slug("  計画 A  "), "計画-a");
        assert_eq!(super::slug("!!!"), "plan");
    }
}
