//! planlint's rule engine: rules over the parsed ExecPlan model, producing diagnostics.
//!
//! It takes text (or bytes) and a path and returns plain [`Diagnostic`] data; it knows nothing of
//! clap, terminals or how files are found. The one question it asks the outside world — does a
//! repository path exist? — goes through the [`Project`] trait the caller provides.

use chrono::{DateTime, Utc};
use planlint_parser::{Dialect, Plan, Span};

pub mod config;
pub mod diagnostic;
pub mod registry;
pub mod requirements;
mod rules;
pub mod settings;
mod suppress;

pub use config::{Config, ConfigError, Loaded};
pub use diagnostic::{Diagnostic, Edit, Severity};
pub use registry::{rule, Group, Rule, RULES};
pub use settings::{DialectSettings, SectionSpec, Settings};

/// What the rules may ask about the project the plan lives in.
pub trait Project: Sync {
    /// Whether `path` (relative to the project root, `/`-separated, already checked not to
    /// leave the root) names an existing file or folder.
    fn exists(&self, path: &str) -> bool;
}

/// A project with no files: every reference is missing. Useful for standard input and tests.
pub struct NoProject;

impl Project for NoProject {
    fn exists(&self, _path: &str) -> bool {
        false
    }
}

/// Facts about the file being linted.
#[derive(Clone, Copy)]
pub struct FileInput<'a> {
    /// The file's path relative to the project root, `/`-separated; `None` for unnamed stdin.
    pub path: Option<&'a str>,
    /// "Now" for `timestamp-future`.
    pub now: DateTime<Utc>,
    pub project: &'a dyn Project,
}

/// What a rule sees: the plan, its dialect, the settings and the file's facts.
pub struct Context<'a> {
    pub plan: &'a Plan<'a>,
    pub dialect: Dialect,
    pub settings: &'a Settings,
    pub file: FileInput<'a>,
    pub required: Vec<SectionSpec>,
    pub recommended: Vec<SectionSpec>,
}

impl Context<'_> {
    /// Where a file-level finding points: the title, else the first line.
    pub fn anchor(&self) -> Span {
        match &self.plan.title {
            Some(t) => t.span,
            None => self.plan.line_span(if self.plan.bom { 3 } else { 0 }),
        }
    }
}

/// Lint raw bytes: an `encoding` error if they are not UTF-8 text, else [`lint_str`].
pub fn lint_bytes(bytes: &[u8], file: FileInput<'_>, settings: &Settings) -> Vec<Diagnostic> {
    match rules::encoding::decode(bytes) {
        Ok(text) => lint_str(text, file, settings),
        Err(diag) => finish(vec![*diag], settings),
    }
}

/// Lint a plan's text.
pub fn lint_str(source: &str, file: FileInput<'_>, settings: &Settings) -> Vec<Diagnostic> {
    let plan = planlint_parser::parse(source);
    lint_plan(&plan, file, settings)
}

/// Lint an already parsed plan.
pub fn lint_plan(plan: &Plan<'_>, file: FileInput<'_>, settings: &Settings) -> Vec<Diagnostic> {
    let dialect = settings.dialect.unwrap_or(plan.dialect);
    let (required, recommended) = requirements::sections(plan, dialect, settings);
    let cx = Context {
        plan,
        dialect,
        settings,
        file,
        required,
        recommended,
    };
    let mut out = Vec::new();
    for rule in RULES {
        if let Some(check) = rule.check {
            if settings.enabled(rule.name) {
                check(&cx, &mut out);
            }
        }
    }
    suppress::apply(plan, settings, &mut out);
    finish(out, settings)
}

/// Apply severities, drop disabled rules, and sort by position then rule name.
fn finish(mut out: Vec<Diagnostic>, settings: &Settings) -> Vec<Diagnostic> {
    out.retain(|d| settings.enabled(d.rule));
    for d in &mut out {
        d.severity = settings
            .configured_severity(d.rule)
            .or(d.severity_hint)
            .or_else(|| rule(d.rule).map(|r| r.default_severity))
            .unwrap_or(Severity::Error);
    }
    out.sort_by(|a, b| {
        (a.span.start, a.span.end, a.rule, &a.message).cmp(&(
            b.span.start,
            b.span.end,
            b.rule,
            &b.message,
        ))
    });
    out.dedup_by(|a, b| a.rule == b.rule && a.span == b.span && a.message == b.message);
    out
}
