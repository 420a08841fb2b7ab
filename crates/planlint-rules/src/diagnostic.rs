//! Diagnostics as plain data: rule, severity, span, message, help, optional fix. Every output
//! format (human, concise, JSON, …) is rendered from this by the CLI.

use std::borrow::Cow;

use planlint_parser::Span;
use serde::Serialize;

/// How serious a diagnostic is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Warning,
    Error,
}

impl Severity {
    /// `warning` or `error`.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

/// A replacement of the bytes of `span` by `text`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Edit {
    pub span: Span,
    pub text: String,
}

/// One finding of one rule in one file.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Diagnostic {
    pub rule: &'static str,
    pub severity: Severity,
    pub span: Span,
    pub message: String,
    /// Short text shown under the span in human output.
    pub label: Option<Cow<'static, str>>,
    pub help: Option<Cow<'static, str>>,
    /// Edits that fix the finding, where the fix is unambiguous.
    pub fix: Vec<Edit>,
    /// Set by rules whose severity depends on the plan (`section-order` per dialect).
    #[serde(skip)]
    pub(crate) severity_hint: Option<Severity>,
}

impl Diagnostic {
    /// A diagnostic of `rule` at `span`; the engine fills in the severity.
    pub fn new(rule: &'static str, span: Span, message: impl Into<String>) -> Self {
        Diagnostic {
            rule,
            severity: Severity::Error,
            span,
            message: message.into(),
            label: None,
            help: None,
            fix: Vec::new(),
            severity_hint: None,
        }
    }

    /// Add a help line.
    pub fn help(mut self, help: impl Into<Cow<'static, str>>) -> Self {
        self.help = Some(help.into());
        self
    }

    /// Add a label under the span.
    pub fn label(mut self, label: impl Into<Cow<'static, str>>) -> Self {
        self.label = Some(label.into());
        self
    }

    /// Attach a fix.
    pub fn fix(mut self, edits: Vec<Edit>) -> Self {
        self.fix = edits;
        self
    }

    /// The default severity for this finding when configuration does not say otherwise.
    pub fn default_severity(mut self, severity: Severity) -> Self {
        self.severity_hint = Some(severity);
        self
    }
}
