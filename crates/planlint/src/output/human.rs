//! miette reports: the source line, a label under the offending text, the help, and a pointer
//! to `planlint explain`.

use std::fmt;

use miette::{
    Diagnostic as MietteDiagnostic, GraphicalReportHandler, GraphicalTheme, LabeledSpan,
    MietteError, MietteSpanContents, SourceCode, SourceSpan, SpanContents,
};
use planlint_rules::Severity;

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
        Ok(Box::new(MietteSpanContents::new_named(
            self.name.to_string(),
            c.data(),
            *c.span(),
            c.line(),
            c.column(),
            c.line_count(),
        )))
    }
}

struct Report<'a> {
    located: &'a Located<'a>,
    source: Named<'a>,
    help: String,
}

impl fmt::Debug for Report<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.located.diag.message)
    }
}

impl fmt::Display for Report<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.located.diag.message)
    }
}

impl std::error::Error for Report<'_> {}

impl MietteDiagnostic for Report<'_> {
    fn code<'b>(&'b self) -> Option<Box<dyn fmt::Display + 'b>> {
        Some(Box::new(self.located.diag.rule))
    }

    fn severity(&self) -> Option<miette::Severity> {
        Some(match self.located.diag.severity {
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
        let span = self.located.diag.span;
        let label = self.located.diag.label.as_deref().map(str::to_string);
        Some(Box::new(std::iter::once(
            LabeledSpan::new_primary_with_span(
                label,
                SourceSpan::new(span.start.into(), span.len()),
            ),
        )))
    }
}

/// Render every diagnostic as a miette report.
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
    for l in located {
        let mut help = l.diag.help.as_deref().unwrap_or_default().to_string();
        if !help.is_empty() {
            help.push('\n');
        }
        help.push_str(&format!("see `planlint explain {}`", l.diag.rule));
        let report = Report {
            located: l,
            source: Named {
                name: &l.file.display,
                text,
            },
            help,
        };
        if report.source_code().is_none() {
            // Nothing to show (unreadable file): name the place in the header line.
            out.push_str(&format!("{}: ", l.file.display));
        }
        let _ = handler.render_report(&mut out, &report);
        out.push('\n');
    }
    out
}
