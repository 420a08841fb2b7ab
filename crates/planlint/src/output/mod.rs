//! Rendering reports: every format is built from the same [`FileReport`]s, with positions
//! computed once per file that has diagnostics.

pub mod concise;
pub mod github;
pub mod human;
pub mod json;
pub mod sarif;

use planlint_parser::{LineIndex, Position};
use planlint_rules::{Diagnostic, Severity};

use crate::run::FileReport;

/// A diagnostic with its start and end positions resolved.
pub struct Located<'a> {
    pub file: &'a FileReport,
    pub diag: &'a Diagnostic,
    pub start: Position,
    pub end: Position,
}

/// Positions for every diagnostic of every file, in output order.
pub fn locate(reports: &[FileReport]) -> Vec<Located<'_>> {
    let mut out = Vec::new();
    for file in reports {
        if file.diagnostics.is_empty() {
            continue;
        }
        let index = LineIndex::new(&file.text);
        for diag in &file.diagnostics {
            out.push(Located {
                file,
                diag,
                start: index.position(&file.text, diag.span.start),
                end: index.position(&file.text, diag.span.end),
            });
        }
    }
    out
}

/// Totals for the summary.
#[derive(Default, Clone, Copy)]
pub struct Summary {
    pub files: usize,
    pub errors: usize,
    pub warnings: usize,
}

impl Summary {
    pub fn of(reports: &[FileReport]) -> Self {
        let mut s = Summary {
            files: reports.len(),
            ..Default::default()
        };
        for d in reports.iter().flat_map(|r| &r.diagnostics) {
            match d.severity {
                Severity::Error => s.errors += 1,
                Severity::Warning => s.warnings += 1,
            }
        }
        s
    }

    /// `2 errors, 1 warning in 3 files`.
    pub fn line(&self) -> String {
        let plural = |n: usize, word: &str| format!("{n} {word}{}", if n == 1 { "" } else { "s" });
        format!(
            "{}, {} in {}",
            plural(self.errors, "error"),
            plural(self.warnings, "warning"),
            plural(self.files, "file")
        )
    }
}
