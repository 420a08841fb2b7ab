//! Formatting is the safe fixes: `textDocument/formatting` gives what `planlint --fix` would
//! write (so "format on save" keeps a plan clean), `textDocument/rangeFormatting` the safe
//! fixes of the findings in the range, and `willSaveWaitUntil` the same as formatting for a
//! client that asked for `fixOnSave` in its initialization options.

use lsp_types as lsp;
use planlint_parser::Span;
use serde_json::Value;

use super::position::Lines;
use super::Server;

impl Server {
    pub(super) fn formatting(&mut self, params: Value) -> Result<Value, String> {
        let p: lsp::DocumentFormattingParams =
            serde_json::from_value(params).map_err(|e| e.to_string())?;
        let key = p.text_document.uri.as_str();
        let Some(fixed) = self.fix_all(key) else {
            return Ok(Value::Array(Vec::new()));
        };
        let doc = &self.documents[key];
        let lines = Lines::new(&doc.text, self.encoding);
        let edit = lsp::TextEdit::new(lines.range(Span::new(0, doc.text.len())), fixed.text);
        serde_json::to_value(vec![edit]).map_err(|e| e.to_string())
    }

    /// `willSaveWaitUntil`, offered when the client asked for `fixOnSave`: the safe fixes.
    pub(super) fn will_save(&mut self, params: Value) -> Result<Value, String> {
        let p: lsp::WillSaveTextDocumentParams =
            serde_json::from_value(params).map_err(|e| e.to_string())?;
        if !self.options.fix_on_save {
            return Ok(Value::Array(Vec::new()));
        }
        self.formatting(serde_json::json!({
            "textDocument": {"uri": p.text_document.uri.as_str()},
            "options": {"tabSize": 2, "insertSpaces": true},
        }))
    }

    pub(super) fn range_formatting(&mut self, params: Value) -> Result<Value, String> {
        let p: lsp::DocumentRangeFormattingParams =
            serde_json::from_value(params).map_err(|e| e.to_string())?;
        let key = p.text_document.uri.as_str().to_string();
        self.lint(&key);
        let Some(doc) = self.documents.get(&key) else {
            return Ok(Value::Array(Vec::new()));
        };
        let lines = Lines::new(&doc.text, self.encoding);
        let (from, to) = (lines.offset(p.range.start), lines.offset(p.range.end));
        let mut edits: Vec<&planlint_rules::Edit> = doc
            .diagnostics
            .iter()
            .filter(|d| d.span.start <= to && from <= d.span.end)
            .flat_map(|d| d.fix.iter())
            .collect();
        edits.sort_by_key(|e| (e.span.start, e.span.end));
        // Edits that overlap an earlier one wait for the next formatting.
        let mut end = 0;
        let mut out = Vec::new();
        for e in edits {
            if e.span.start < end {
                continue;
            }
            end = e.span.end;
            out.push(lsp::TextEdit::new(lines.range(e.span), e.text.clone()));
        }
        serde_json::to_value(out).map_err(|e| e.to_string())
    }

    /// The text `planlint --fix` would write, when it would change anything; with the
    /// committed version at hand, never a fix that would rewrite its history (split or change
    /// a committed Progress entry or decision): such fixes are left out and counted.
    pub(super) fn fix_all(&mut self, uri: &str) -> Option<FixAll> {
        let path = self.documents.get(uri)?.path.clone()?;
        let history = self.options.history;
        let base = if history { self.base(uri, &path) } else { None };
        let key = self.project_key(&path)?;
        let project = &self.projects[&key];
        let rel =
            crate::project::relative(&project.ws.canonical, &path, crate::project::Links::Follow)?;
        let settings = project.resolver.settings(Some(&rel));
        let doc = self.documents.get(uri)?;
        let input = project.file_input(&rel, base.as_deref());
        let fixed = planlint_rules::fix_str(&doc.text, input, &settings);
        if fixed.applied == 0 {
            return None;
        }
        let Some(base) = base.as_deref() else {
            return Some(FixAll {
                text: fixed.text,
                left_out: 0,
            });
        };
        let history_errors = |text: &str| {
            let plan = planlint_parser::parse(text);
            planlint_rules::lint_plan(&plan, project.file_input(&rel, Some(base)), &settings)
                .iter()
                .filter(|d| {
                    planlint_rules::rule(d.rule)
                        .is_some_and(|r| r.group == planlint_rules::Group::History)
                })
                .count()
        };
        let before = history_errors(&doc.text);
        if history_errors(&fixed.text) <= before {
            return Some(FixAll {
                text: fixed.text,
                left_out: 0,
            });
        }
        // Fix by fix, on the text as it is: keep each that rewrites no history.
        let mut keep: Vec<&planlint_rules::Edit> = Vec::new();
        let mut left_out = 0;
        for d in doc.diagnostics.iter().filter(|d| !d.fix.is_empty()) {
            let alone = planlint_rules::fix::apply(&doc.text, &d.fix);
            match alone {
                Some(t) if history_errors(&t) <= before => keep.extend(&d.fix),
                _ => left_out += 1,
            }
        }
        let text = planlint_rules::fix::apply(&doc.text, keep.iter().copied())
            .unwrap_or_else(|| doc.text.clone());
        (text != doc.text).then_some(FixAll { text, left_out })
    }
}

/// What fixing all safe problems gives.
pub(super) struct FixAll {
    pub text: String,
    /// Fixes left out because they would rewrite committed history.
    pub left_out: usize,
}
