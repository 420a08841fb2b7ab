//! planlint's rule engine: rules over the parsed ExecPlan model, producing diagnostics.
//!
//! It takes text (or bytes) and a path and returns plain [`Diagnostic`] data; it knows nothing of
//! clap, terminals or how files are found. The one question it asks the outside world — does a
//! repository path exist? — goes through the [`Project`] trait the caller provides.

use chrono::{DateTime, Utc};
use planlint_parser::{Dialect, Plan, Span};

pub mod config;
pub mod contract;
pub mod diagnostic;
pub mod fix;
mod history;
pub mod new_plan;
pub mod record;
pub mod registry;
pub mod requirements;
mod rules;
pub mod settings;
pub mod spec;
mod suppress;

pub use config::{Config, ConfigError, Loaded};
pub use diagnostic::{Diagnostic, Edit, Severity};
pub use fix::{fix_str, Fixed, Refused};
pub use registry::{rule, Group, Rule, RULES};
pub use rules::timestamp_order::newest_first;
pub use settings::{DialectSettings, SectionSpec, Settings};

/// What the rules may ask about the project the plan lives in.
pub trait Project: Sync {
    /// Whether `path` (relative to the project root, `/`-separated, already checked not to
    /// leave the root) names an existing file or folder.
    fn exists(&self, path: &str) -> bool;

    /// Whether git ignores `path` (a `.gitignore` of the project matches it or a folder above
    /// it): build output, dependencies and local files, not repository paths. None by default.
    fn ignored(&self, _path: &str) -> bool {
        false
    }

    /// Whether a file or folder somewhere under the root ends with `path` (at least two
    /// components, `/`-separated; a trailing `/` asks for a folder): a path written from its
    /// module or package (`api/client.rs` for `frontend/src/api/client.rs`). None by default.
    fn found_below(&self, _path: &str) -> bool {
        false
    }
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
    /// The same file at a base revision, for the diff-aware rules (`--base REF`).
    pub base: Option<Base<'a>>,
}

/// A file's text at a base revision.
#[derive(Clone, Copy)]
pub struct Base<'a> {
    /// The revision as the user wrote it, for messages.
    pub rev: &'a str,
    pub source: &'a str,
}

/// What a rule sees: the plan, its dialect, the settings and the file's facts.
pub struct Context<'a> {
    pub plan: &'a Plan<'a>,
    pub dialect: Dialect,
    pub settings: &'a Settings,
    pub file: FileInput<'a>,
    pub required: Vec<SectionSpec>,
    pub recommended: Vec<SectionSpec>,
    /// The plan at the base revision, when linting against one.
    pub base: Option<history::BasePlan<'a>>,
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

/// The text of a file, or the `encoding` finding when it is not UTF-8 text (invalid UTF-8, a
/// NUL byte, binary content). Fixing starts here: only text is ever fixed.
pub fn decode(bytes: &[u8]) -> Result<&str, Box<Diagnostic>> {
    rules::encoding::decode(bytes)
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
    let base_plan = file.base.map(|b| planlint_parser::parse(b.source));
    let base = file
        .base
        .zip(base_plan.as_ref())
        .map(|(b, plan)| history::BasePlan { rev: b.rev, plan });
    let cx = Context {
        plan,
        dialect,
        settings,
        file,
        required,
        recommended,
        base,
    };
    let mut out = Vec::new();
    for rule in RULES {
        if let Some(check) = rule.check {
            if settings.enabled(rule.name) {
                check(&cx, &mut out);
            }
        }
    }
    // A rule that needs a base revision did not run without one: its suppressions stay unjudged.
    let ran = |rule: &str| {
        cx.base.is_some() || registry::rule(rule).is_none_or(|r| r.group != Group::History)
    };
    suppress::apply(plan, settings, ran, &mut out);
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
