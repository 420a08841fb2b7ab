//! Code actions: each safe fix, suppress on this line (indented like the line; never inside
//! front matter, where a comment would be YAML) or in this file, and fix all. Only the kinds
//! the client asks for are computed: fix-all (a whole `--fix`, 60 ms on 500 KB) is left out of
//! the automatic requests a cursor move sends unless the client names it.

use lsp_types as lsp;
use planlint_parser::Span;
use planlint_rules::Diagnostic;
use serde_json::Value;

use super::position::Lines;
use super::Server;

/// The code action kind of "fix all safe problems in this plan".
pub const FIX_ALL: &str = "source.fixAll.planlint";

impl Server {
    pub(super) fn code_actions(&mut self, params: Value) -> Result<Value, String> {
        let p: lsp::CodeActionParams = serde_json::from_value(params).map_err(|e| e.to_string())?;
        let uri = p.text_document.uri.clone();
        let key = uri.as_str().to_string();
        let only = p.context.only.clone();
        // `source` and `source.fixAll` name fix-all too: a kind names its sub-kinds.
        let named = |kind: &str| {
            only.as_ref()
                .is_some_and(|o| o.iter().any(|k| kind.starts_with(k.as_str())))
        };
        let quick = only.is_none() || named("quickfix");
        let automatic = p.context.trigger_kind == Some(lsp::CodeActionTriggerKind::AUTOMATIC);
        let all = named(FIX_ALL) || (only.is_none() && !automatic);
        let mut actions = Vec::new();
        if quick {
            self.lint(&key);
            if let Some(doc) = self.documents.get(&key) {
                let lines = Lines::new(&doc.text, self.encoding);
                let (from, to) = (lines.offset(p.range.start), lines.offset(p.range.end));
                let found: Vec<&Diagnostic> = doc
                    .diagnostics
                    .iter()
                    .filter(|d| overlaps(d.span, from, to))
                    .collect();
                // Parsed for the front matter's place, only when a finding is in range.
                let plan = (!found.is_empty()).then(|| planlint_parser::parse(&doc.text));
                let front = plan.as_ref().and_then(|p| p.front_matter);
                for d in found {
                    actions.extend(quick_fixes(&uri, &doc.text, &lines, d, front));
                }
            }
        }
        if all {
            if let Some(fixed) = self.fix_all(&key) {
                let doc = &self.documents[&key];
                let lines = Lines::new(&doc.text, self.encoding);
                let title = match fixed.left_out {
                    0 => "Fix all safe problems in this plan (planlint)".to_string(),
                    n => format!(
                        "Fix all safe problems in this plan (planlint), leaving out {n} {} that would rewrite committed history",
                        if n == 1 { "fix" } else { "fixes" }
                    ),
                };
                actions.push(lsp::CodeAction {
                    title,
                    kind: Some(lsp::CodeActionKind::new(FIX_ALL)),
                    edit: Some(edit(
                        &uri,
                        vec![lsp::TextEdit::new(
                            lines.range(Span::new(0, doc.text.len())),
                            fixed.text,
                        )],
                    )),
                    ..Default::default()
                });
            }
        }
        serde_json::to_value(actions).map_err(|e| e.to_string())
    }
}

fn edit(uri: &lsp::Uri, edits: Vec<lsp::TextEdit>) -> lsp::WorkspaceEdit {
    lsp::WorkspaceEdit {
        changes: Some([(uri.clone(), edits)].into_iter().collect()),
        ..Default::default()
    }
}

/// The quick fixes of one finding: its safe fix, and the suppressions.
fn quick_fixes(
    uri: &lsp::Uri,
    text: &str,
    lines: &Lines<'_>,
    d: &Diagnostic,
    front: Option<Span>,
) -> Vec<lsp::CodeAction> {
    let lsp_diag = super::lint::to_lsp(d, lines);
    let action = |title: String, edits: Vec<lsp::TextEdit>, preferred: bool| lsp::CodeAction {
        title,
        kind: Some(lsp::CodeActionKind::QUICKFIX),
        diagnostics: Some(vec![lsp_diag.clone()]),
        edit: Some(edit(uri, edits)),
        is_preferred: preferred.then_some(true),
        ..Default::default()
    };
    let mut out = Vec::new();
    if !d.fix.is_empty() {
        let edits = d
            .fix
            .iter()
            .map(|e| lsp::TextEdit::new(lines.range(e.span), e.text.clone()))
            .collect();
        out.push(action(format!("Fix `{}`", d.rule), edits, true));
    }
    let line_start = text[..d.span.start.min(text.len())]
        .rfind(['\n', '\r'])
        .map_or(0, |i| i + 1);
    let eol = if text.contains("\r\n") { "\r\n" } else { "\n" };
    // In front matter a comment would be YAML: only the file-wide action.
    let in_front = front.is_some_and(|f| f.start <= line_start && line_start < f.end);
    if !in_front {
        // Indented like the line, so a list item's continuation stays in its item.
        let rest = &text[line_start..];
        let indent = &rest[..rest.len() - rest.trim_start_matches([' ', '\t']).len()];
        let at = lines.position(line_start);
        out.push(action(
            format!("Suppress `{}` on this line", d.rule),
            vec![lsp::TextEdit::new(
                lsp::Range::new(at, at),
                format!(
                    "{indent}<!-- planlint-disable-next-line {} -->{eol}",
                    d.rule
                ),
            )],
            false,
        ));
    }
    let top = lines.position(file_directive_offset(text, front));
    out.push(action(
        format!("Suppress `{}` in this file", d.rule),
        vec![lsp::TextEdit::new(
            lsp::Range::new(top, top),
            format!("<!-- planlint-disable-file {} -->{eol}", d.rule),
        )],
        false,
    ));
    out
}

fn overlaps(span: Span, from: usize, to: usize) -> bool {
    span.start <= to && from <= span.end.max(span.start)
}

/// Where a file-wide directive goes: after a BOM and the front matter the parser found, at the
/// top of the plan.
fn file_directive_offset(text: &str, front: Option<Span>) -> usize {
    match front {
        Some(front) => front.end,
        None if text.starts_with('\u{feff}') => '\u{feff}'.len_utf8(),
        None => 0,
    }
}
