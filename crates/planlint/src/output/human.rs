//! miette reports: the source line, a label under the offending text, the help, and a pointer
//! to `planlint explain`.

use std::fmt;

use miette::{
    Diagnostic as MietteDiagnostic, GraphicalReportHandler, GraphicalTheme, LabeledSpan,
    MietteError, MietteSpanContents, SourceCode, SourceSpan, SpanContents,
};
use planlint_rules::Severity;

use super::visible::{shift, visible, visible_source};
use super::Located;

/// A source text with its file name, borrowed (miette's `NamedSource` wants an owned `'static`
/// source, which would copy each file once per diagnostic).
struct Named<'a> {
    name: &'a str,
    text: &'a str,
}

impl SourceCode for Named<'_> {
    fn read_span<'b>(
        &'b self,
        span: &SourceSpan,
        before: usize,
        after: usize,
    ) -> Result<Box<dyn SpanContents<'b> + 'b>, MietteError> {
        let c = self.text.read_span(span, before, after)?;
        // miette counts the column in bytes; the header `[file:line:column]` shows characters,
        // as the concise and JSON formats do.
        let at = c.span().offset().min(self.text.len());
        let line_start = self.text[..at].rfind(['\n', '\r']).map_or(0, |i| i + 1);
        let column = self
            .text
            .get(line_start..at)
            .map_or(c.column(), |s| s.chars().count());
        Ok(Box::new(MietteSpanContents::new_named(
            self.name.to_string(),
            c.data(),
            *c.span(),
            c.line(),
            column,
            c.line_count(),
        )))
    }
}

/// One report: a diagnostic, or several of one rule at one place shown together.
struct Report<'a> {
    rule: &'static str,
    severity: Severity,
    message: String,
    label: Option<String>,
    span: planlint_parser::Span,
    source: Named<'a>,
    help: String,
}

impl fmt::Debug for Report<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl fmt::Display for Report<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for Report<'_> {}

impl MietteDiagnostic for Report<'_> {
    fn code<'b>(&'b self) -> Option<Box<dyn fmt::Display + 'b>> {
        Some(Box::new(self.rule))
    }

    fn severity(&self) -> Option<miette::Severity> {
        Some(match self.severity {
            Severity::Error => miette::Severity::Error,
            Severity::Warning => miette::Severity::Warning,
        })
    }

    fn help<'b>(&'b self) -> Option<Box<dyn fmt::Display + 'b>> {
        Some(Box::new(&self.help))
    }

    fn source_code(&self) -> Option<&dyn SourceCode> {
        if self.source.text.is_empty() {
            None
        } else {
            Some(&self.source)
        }
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        if self.source.text.is_empty() {
            return None;
        }
        let span = self.span;
        Some(Box::new(std::iter::once(
            LabeledSpan::new_primary_with_span(
                self.label.clone(),
                SourceSpan::new(span.start.into(), span.len()),
            ),
        )))
    }
}

/// Rules whose findings at one place read as one list: a plan missing five sections gets one
/// report naming them, not five copies of the same snippet.
const GROUPED: [&str; 2] = ["required-section", "recommended-section"];

/// The section a "section `X` is missing" message names.
fn named(message: &str) -> &str {
    message
        .split('`')
        .nth(1)
        .filter(|_| message.starts_with("section `"))
        .unwrap_or(message)
}

/// Render every diagnostic as a miette report; findings of a grouped rule that share a place
/// become one report.
pub fn render(located: &[Located<'_>], text: &str, color: bool) -> String {
    let theme = if color {
        GraphicalTheme::unicode()
    } else {
        GraphicalTheme::unicode_nocolor()
    };
    let handler = GraphicalReportHandler::new_themed(theme)
        .with_width(100)
        .with_links(false);
    let mut out = String::new();
    // Control characters in the plan are shown, never sent: spans move with the stand-ins.
    let safe = visible_source(text);
    let (text, shifts): (&str, &[(usize, usize)]) = match &safe {
        Some((t, s)) => (t, s),
        None => (text, &[]),
    };
    let mut done = vec![false; located.len()];
    for (i, l) in located.iter().enumerate() {
        if done[i] {
            continue;
        }
        let d = l.diag;
        let group: Vec<usize> = if GROUPED.contains(&d.rule) {
            (i..located.len())
                .filter(|&j| {
                    let o = located[j].diag;
                    !done[j] && o.rule == d.rule && o.span == d.span && o.severity == d.severity
                })
                .collect()
        } else {
            vec![i]
        };
        group.iter().for_each(|&j| done[j] = true);
        let (message, label, mut help) = if group.len() > 1 {
            let names: Vec<String> = group
                .iter()
                .map(|&j| format!("`{}`", named(&located[j].diag.message)))
                .collect();
            let kind = if d.rule == "required-section" {
                "required"
            } else {
                "recommended"
            };
            (
                format!(
                    "{} {kind} sections are missing: {}",
                    group.len(),
                    names.join(", ")
                ),
                Some("this plan".to_string()),
                "add each as a section of its own (`planlint contract` lists them in order)"
                    .to_string(),
            )
        } else {
            (
                d.message.to_string(),
                d.label.as_deref().map(str::to_string),
                d.help.as_deref().unwrap_or_default().to_string(),
            )
        };
        if !help.is_empty() {
            help.push('\n');
        }
        help.push_str(&format!("see `planlint explain {}`", d.rule));
        let name = visible(&l.file.display);
        let report = Report {
            rule: d.rule,
            severity: d.severity,
            message: visible(&message).into_owned(),
            label: label.map(|l| visible(&l).into_owned()),
            span: planlint_parser::Span::new(
                shift(d.span.start, shifts),
                shift(d.span.end, shifts),
            ),
            source: Named { name: &name, text },
            help: visible(&help).into_owned(),
        };
        if report.source_code().is_none() {
            // Nothing to show (unreadable file): name the place in the header line.
            out.push_str(&format!("{name}: "));
        }
        let _ = handler.render_report(&mut out, &report);
        out.push('\n');
    }
    out
}
