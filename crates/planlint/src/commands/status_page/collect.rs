//! What the page needs beyond the status rows: each plan's Progress dates and latest decision
//! (from its parse) and its lint counts (a lint run over the same targets, as `planlint` would
//! report them).

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use planlint_rules::Severity;

use super::Extra;
use crate::input;
use crate::lint::{self, Job, Mode};
use crate::output::Format;
use crate::project::DiskProject;
use crate::workspace::Workspace;

/// The extras of every target, by the path it is shown as.
pub fn extras(ws: &Workspace, now: DateTime<Utc>) -> HashMap<String, Extra> {
    let project = DiskProject::new(&ws.root);
    let resolver = ws.resolver();
    let job = Job {
        project: &project,
        repo_prefix: None,
        settings: &resolver,
        stdin_name: None,
        now,
        baseline: None,
        mode: Mode::Check,
        format: Format::Json,
        color: false,
    };
    let mut out: HashMap<String, Extra> = HashMap::new();
    for report in lint::lint_all(&ws.targets, &job) {
        let e = out.entry(report.display.clone()).or_default();
        for d in &report.diagnostics {
            match d.severity {
                Severity::Error => e.errors += 1,
                Severity::Warning => e.warnings += 1,
            }
        }
    }
    for t in &ws.targets {
        let input = input::read(t, None, &ws.canonical);
        let Ok(text) = input.text() else { continue };
        let plan = planlint_parser::parse(text);
        let e = out.entry(input.display.clone()).or_default();
        e.entries = plan
            .progress
            .iter()
            .filter_map(|p| p.timestamp())
            .map(|t| t.naive().date())
            .collect();
        e.decision = plan.decisions.last().map(|d| summary(d.text));
    }
    out
}

/// A decision's text on one line, at most 300 characters, without its `Decision:` key.
fn summary(text: &str) -> String {
    let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
    let flat = flat.trim_start_matches("- ").trim_start_matches("* ");
    let flat = ["Decision:", "**Decision:**", "決定:", "决定："]
        .iter()
        .find_map(|k| flat.strip_prefix(k))
        .unwrap_or(flat)
        .trim();
    match flat.char_indices().nth(300) {
        Some((i, _)) => format!("{}…", &flat[..i]),
        None => flat.to_string(),
    }
}
