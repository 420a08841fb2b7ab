//! Rendering reports, the last step: every format is built from the same [`FileReport`]s, with
//! positions computed once per file that has diagnostics. Nothing here lints or reads files.

pub mod concise;
pub mod github;
pub mod human;
pub mod json;
pub mod sarif;
pub mod visible;

use planlint_parser::{LineIndex, Position};
use planlint_rules::{Diagnostic, Severity};

use crate::report::FileReport;

/// Output formats.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// miette reports with the source line and a label, and a summary line.
    Human,
    /// One line per diagnostic: `path:line:col: severity[rule] message`.
    Concise,
    /// The JSON report (schema in `schemas/report.schema.json`).
    Json,
    /// GitHub Actions workflow commands (`::error file=…,line=…::message`): annotations on
    /// pull requests.
    Github,
    /// SARIF 2.1.0, for GitHub code scanning and other SARIF viewers.
    Sarif,
}

/// A diagnostic with its start and end positions resolved.
pub struct Located<'a> {
    pub file: &'a FileReport,
    pub diag: &'a Diagnostic,
    pub start: Position,
    pub end: Position,
}

/// Start and end positions of each diagnostic of a file, from its text.
pub fn positions(text: &str, diagnostics: &[Diagnostic]) -> Vec<(Position, Position)> {
    if diagnostics.is_empty() {
        return Vec::new();
    }
    positions_with(&LineIndex::new(text), text, diagnostics)
}

/// [`positions`] with the text's line index already built (the parsed plan has one).
pub fn positions_with(
    index: &LineIndex,
    text: &str,
    diagnostics: &[Diagnostic],
) -> Vec<(Position, Position)> {
    diagnostics
        .iter()
        .map(|d| {
            (
                index.position(text, d.span.start),
                index.position(text, d.span.end),
            )
        })
        .collect()
}

/// Fill in a file's positions and, for the formats written file by file, its output, from the
/// text the spans point into (and its line index, when the caller has one already).
pub fn render_file(
    report: &mut FileReport,
    text: &str,
    index: Option<&LineIndex>,
    format: Format,
    color: bool,
) {
    report.positions = match index {
        Some(index) => positions_with(index, text, &report.diagnostics),
        None => positions(text, &report.diagnostics),
    };
    let located = locate(std::slice::from_ref(report));
    report.rendered = match format {
        Format::Human => human::render(&located, text, color),
        Format::Concise => concise::render(&located, color),
        Format::Github => github::render(&located),
        Format::Json | Format::Sarif => String::new(),
    };
}

/// Every diagnostic of every file with its positions, in output order.
pub fn locate(reports: &[FileReport]) -> Vec<Located<'_>> {
    reports
        .iter()
        .flat_map(|file| {
            file.diagnostics
                .iter()
                .zip(&file.positions)
                .map(move |(diag, &(start, end))| Located {
                    file,
                    diag,
                    start,
                    end,
                })
        })
        .collect()
}

/// `1 file`, `2 files`.
pub fn plural(n: usize, word: &str) -> String {
    format!("{n} {word}{}", if n == 1 { "" } else { "s" })
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
        format!(
            "{}, {} in {}",
            plural(self.errors, "error"),
            plural(self.warnings, "warning"),
            plural(self.files, "file")
        )
    }
}

/// Writes the report as files come in, in order, so that memory holds one batch of files at a
/// time: the human, concise and GitHub formats as rendered by the workers, JSON and SARIF one
/// item at a time inside their envelope.
pub struct Stream<W: std::io::Write> {
    out: W,
    format: Format,
    items: usize,
    pub summary: Summary,
}

impl<W: std::io::Write> Stream<W> {
    pub fn new(mut out: W, format: Format) -> std::io::Result<Self> {
        match format {
            Format::Json => out.write_all(json::begin().as_bytes())?,
            Format::Sarif => out.write_all(sarif::begin().as_bytes())?,
            _ => {}
        }
        Ok(Stream {
            out,
            format,
            items: 0,
            summary: Summary::default(),
        })
    }

    /// Write a batch of files.
    pub fn files(&mut self, reports: &[FileReport]) -> std::io::Result<()> {
        let batch = Summary::of(reports);
        self.summary.files += batch.files;
        self.summary.errors += batch.errors;
        self.summary.warnings += batch.warnings;
        let (item, indent): (fn(&Located<'_>) -> serde_json::Value, &str) = match self.format {
            Format::Json => (json::diagnostic, "\n    "),
            Format::Sarif => (sarif::result, "\n        "),
            _ => {
                for r in reports {
                    self.out.write_all(r.rendered.as_bytes())?;
                }
                return Ok(());
            }
        };
        for l in locate(reports) {
            let text = serde_json::to_string_pretty(&item(&l)).unwrap_or_default();
            let sep = if self.items == 0 { "" } else { "," };
            self.out.write_all(sep.as_bytes())?;
            self.out.write_all(indent.as_bytes())?;
            self.out.write_all(text.replace('\n', indent).as_bytes())?;
            self.items += 1;
        }
        Ok(())
    }

    /// Close the envelope; `tail` (the summary line) follows for the line formats.
    pub fn end(mut self, tail: &str) -> std::io::Result<W> {
        match self.format {
            Format::Json => self
                .out
                .write_all(json::end(self.summary, self.items > 0).as_bytes())?,
            Format::Sarif => self.out.write_all(sarif::end(self.items > 0).as_bytes())?,
            _ => self.out.write_all(tail.as_bytes())?,
        }
        self.out.flush()?;
        Ok(self.out)
    }
}
