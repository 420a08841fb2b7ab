//! What the editor asks of an open plan besides its diagnostics: code actions (each safe fix,
//! fix all, suppress on this line or in this file), the outline (sections, with Progress
//! entries and decisions inside), hover (`planlint explain` for a finding or a rule named in a
//! suppression), and completion (a missing section's heading, a status value, a timestamp).

use lsp_types as lsp;
use planlint_parser::{Dialect, SectionKind, Span};
use serde_json::Value;

use super::position::Lines;
use super::Server;

/// The code action kind of "fix all safe problems in this plan".
pub const FIX_ALL: &str = "source.fixAll.planlint";

/// The record commands, as `workspace/executeCommand` names them. Arguments: the document's
/// URI, then as on the command line — `planlint.log` TEXT [OPEN]; `planlint.decide` DECISION
/// WHY [AUTHOR]; `planlint.tick` MATCH; `planlint.setStatus` VALUE [FORCE].
pub const COMMANDS: [&str; 4] = [
    "planlint.log",
    "planlint.decide",
    "planlint.tick",
    "planlint.setStatus",
];

impl Server {
    pub(super) fn code_actions(&mut self, params: Value) -> Result<Value, String> {
        let p: lsp::CodeActionParams = serde_json::from_value(params).map_err(|e| e.to_string())?;
        let uri = p.text_document.uri.clone();
        let key = uri.as_str().to_string();
        self.lint(&key);
        let encoding = self.encoding;
        let Some(doc) = self.documents.get(&key) else {
            return Ok(Value::Array(Vec::new()));
        };
        let lines = Lines::new(&doc.text, encoding);
        let (from, to) = (lines.offset(p.range.start), lines.offset(p.range.end));
        let only = p.context.only.clone();
        let wants = |kind: &str| {
            only.as_ref()
                .is_none_or(|o| o.iter().any(|k| kind.starts_with(k.as_str())))
        };
        let edit = |edits: Vec<lsp::TextEdit>| lsp::WorkspaceEdit {
            changes: Some([(uri.clone(), edits)].into_iter().collect()),
            ..Default::default()
        };
        let mut actions = Vec::new();
        for d in doc
            .diagnostics
            .iter()
            .filter(|d| overlaps(d.span, from, to))
        {
            let lsp_diag = super::to_lsp(d, &lines);
            if !d.fix.is_empty() && wants("quickfix") {
                let edits = d
                    .fix
                    .iter()
                    .map(|e| lsp::TextEdit::new(lines.range(e.span), e.text.clone()))
                    .collect();
                actions.push(lsp::CodeAction {
                    title: format!("Fix `{}`", d.rule),
                    kind: Some(lsp::CodeActionKind::QUICKFIX),
                    diagnostics: Some(vec![lsp_diag.clone()]),
                    edit: Some(edit(edits)),
                    is_preferred: Some(true),
                    ..Default::default()
                });
            }
            if wants("quickfix") {
                let line_start = doc.text[..d.span.start.min(doc.text.len())]
                    .rfind('\n')
                    .map_or(0, |i| i + 1);
                let at = lines.position(line_start);
                let eol = if doc.text.contains("\r\n") {
                    "\r\n"
                } else {
                    "\n"
                };
                actions.push(lsp::CodeAction {
                    title: format!("Suppress `{}` on this line", d.rule),
                    kind: Some(lsp::CodeActionKind::QUICKFIX),
                    diagnostics: Some(vec![lsp_diag.clone()]),
                    edit: Some(edit(vec![lsp::TextEdit::new(
                        lsp::Range::new(at, at),
                        format!("<!-- planlint-disable-next-line {} -->{eol}", d.rule),
                    )])),
                    ..Default::default()
                });
                let top = lines.position(file_directive_offset(&doc.text));
                actions.push(lsp::CodeAction {
                    title: format!("Suppress `{}` in this file", d.rule),
                    kind: Some(lsp::CodeActionKind::QUICKFIX),
                    diagnostics: Some(vec![lsp_diag]),
                    edit: Some(edit(vec![lsp::TextEdit::new(
                        lsp::Range::new(top, top),
                        format!("<!-- planlint-disable-file {} -->{eol}", d.rule),
                    )])),
                    ..Default::default()
                });
            }
        }
        if wants(FIX_ALL)
            || only
                .as_ref()
                .is_some_and(|o| o.iter().any(|k| k.as_str() == "source.fixAll"))
        {
            if let Some(fixed) = self.fix_all(&key) {
                let doc = &self.documents[&key];
                let lines = Lines::new(&doc.text, encoding);
                actions.push(lsp::CodeAction {
                    title: "Fix all safe problems in this plan (planlint)".into(),
                    kind: Some(lsp::CodeActionKind::new(FIX_ALL)),
                    edit: Some(edit(vec![lsp::TextEdit::new(
                        lines.range(Span::new(0, doc.text.len())),
                        fixed,
                    )])),
                    ..Default::default()
                });
            }
        }
        serde_json::to_value(actions).map_err(|e| e.to_string())
    }

    /// The text `planlint --fix` would write, when it would change anything.
    fn fix_all(&mut self, uri: &str) -> Option<String> {
        let path = self.documents.get(uri)?.path.clone()?;
        let history = self.options.history;
        let base = if history { self.base(uri, &path) } else { None };
        let key = self.project_key(&path)?;
        let project = &self.projects[&key];
        let rel =
            crate::project::relative(&project.ws.canonical, &path, crate::project::Links::Follow)?;
        let settings = project.resolver.settings(Some(&rel));
        let doc = self.documents.get(uri)?;
        let input = planlint_rules::FileInput {
            path: Some(&rel),
            now: crate::lint::now(),
            project: &project.disk,
            base: base.as_deref().map(|source| planlint_rules::Base {
                rev: "HEAD",
                source,
            }),
        };
        let fixed = planlint_rules::fix_str(&doc.text, input, &settings);
        (fixed.applied > 0).then_some(fixed.text)
    }

    /// Run a record command on an open document: the edit goes to the client as
    /// `workspace/applyEdit`, the same bytes the command line would write.
    pub(super) fn execute(&mut self, params: Value) -> Result<Value, String> {
        use crate::commands::record;
        let p: lsp::ExecuteCommandParams =
            serde_json::from_value(params).map_err(|e| e.to_string())?;
        let args = &p.arguments;
        let arg = |i: usize| args.get(i).and_then(Value::as_str).map(str::to_string);
        let flag = |i: usize| args.get(i).and_then(Value::as_bool).unwrap_or(false);
        let uri = arg(0).ok_or("the first argument is the document's URI")?;
        let path = self
            .documents
            .get(&uri)
            .and_then(|d| d.path.clone())
            .ok_or("the document is not open")?;
        let settings = self.settings_for(&path);
        let doc = &self.documents[&uri];
        let now = crate::lint::now();
        let need = |i: usize, what: &str| arg(i).ok_or(format!("{} needs {what}", p.command));
        let edits = match p.command.as_str() {
            "planlint.log" => {
                record::log_edits(&doc.text, &need(1, "the entry's text")?, flag(2), now)
            }
            "planlint.decide" => record::decide_edits(
                &doc.text,
                &need(1, "the decision")?,
                &need(2, "its rationale")?,
                arg(3).as_deref(),
                now,
            ),
            "planlint.tick" => record::tick_edits(&doc.text, &settings, &need(1, "a match")?, now),
            "planlint.setStatus" => {
                record::status_edits(&doc.text, &settings, &need(1, "a status")?, flag(2))
            }
            other => return Err(format!("planlint has no command `{other}`")),
        }
        .map_err(|e| e.to_string())?;
        let lines = Lines::new(&doc.text, self.encoding);
        let text_edits: Vec<lsp::TextEdit> = edits
            .iter()
            .map(|e| lsp::TextEdit::new(lines.range(Span::new(e.start, e.end)), e.text.clone()))
            .collect();
        let uri: lsp::Uri = uri.parse().map_err(|_| "not a URI".to_string())?;
        let edit = lsp::WorkspaceEdit {
            changes: Some([(uri, text_edits)].into_iter().collect()),
            ..Default::default()
        };
        self.outbox
            .push(lsp_server::Message::Request(lsp_server::Request::new(
                lsp_server::RequestId::from(format!("planlint/edit/{}", self.outbox.len())),
                "workspace/applyEdit".into(),
                lsp::ApplyWorkspaceEditParams {
                    label: Some(p.command.clone()),
                    edit,
                },
            )));
        Ok(Value::Null)
    }

    pub(super) fn symbols(&mut self, params: Value) -> Result<Value, String> {
        let p: lsp::DocumentSymbolParams =
            serde_json::from_value(params).map_err(|e| e.to_string())?;
        let Some(doc) = self.documents.get(p.text_document.uri.as_str()) else {
            return Ok(Value::Array(Vec::new()));
        };
        let lines = Lines::new(&doc.text, self.encoding);
        let plan = planlint_parser::parse(&doc.text);
        #[allow(deprecated)]
        let symbol =
            |name: String, detail: Option<String>, kind, range: Span, sel: Span, children| {
                lsp::DocumentSymbol {
                    name: if name.trim().is_empty() {
                        "(untitled)".into()
                    } else {
                        name
                    },
                    detail,
                    kind,
                    tags: None,
                    deprecated: None,
                    range: lines.range(range),
                    selection_range: lines.range(sel),
                    children,
                }
            };
        let mut out = Vec::new();
        for (i, s) in plan.sections.iter().enumerate() {
            let mut children = Vec::new();
            for e in plan
                .progress
                .iter()
                .filter(|e| plan.section_at(e.span.start) == Some(i))
            {
                let detail = e.timestamp().map(|t| plan.text(t.span).to_string());
                children.push(symbol(
                    e.text.chars().take(80).collect(),
                    detail,
                    lsp::SymbolKind::EVENT,
                    e.span,
                    e.span,
                    None,
                ));
            }
            for d in plan
                .decisions
                .iter()
                .filter(|d| plan.section_at(d.span.start) == Some(i))
            {
                children.push(symbol(
                    d.text.chars().take(80).collect(),
                    None,
                    lsp::SymbolKind::KEY,
                    d.span,
                    d.span,
                    None,
                ));
            }
            let range = Span::new(s.heading.start, s.body.end);
            out.push(symbol(
                s.raw_title.to_string(),
                s.kind.map(|_| s.label.clone()),
                lsp::SymbolKind::NAMESPACE,
                range,
                s.title_span,
                Some(children),
            ));
        }
        serde_json::to_value(out).map_err(|e| e.to_string())
    }

    pub(super) fn hover(&mut self, params: Value) -> Result<Value, String> {
        let p: lsp::HoverParams = serde_json::from_value(params).map_err(|e| e.to_string())?;
        let key = p
            .text_document_position_params
            .text_document
            .uri
            .as_str()
            .to_string();
        self.lint(&key);
        let Some(doc) = self.documents.get(&key) else {
            return Ok(Value::Null);
        };
        let lines = Lines::new(&doc.text, self.encoding);
        let at = lines.offset(p.text_document_position_params.position);
        // A rule named in a suppression comment under the cursor, else a finding there.
        let word = word_at(&doc.text, at);
        let rule = planlint_rules::rule(word)
            .filter(|_| line_of(&doc.text, at).contains("planlint-"))
            .or_else(|| {
                doc.diagnostics
                    .iter()
                    .find(|d| d.span.start <= at && at <= d.span.end.max(d.span.start + 1))
                    .and_then(|d| planlint_rules::rule(d.rule))
            });
        let Some(rule) = rule else {
            return Ok(Value::Null);
        };
        let text = crate::commands::explain::explain(rule.name).map_err(|e| e.to_string())?;
        let hover = lsp::Hover {
            contents: lsp::HoverContents::Markup(lsp::MarkupContent {
                kind: lsp::MarkupKind::Markdown,
                value: text,
            }),
            range: None,
        };
        serde_json::to_value(hover).map_err(|e| e.to_string())
    }

    pub(super) fn completion(&mut self, params: Value) -> Result<Value, String> {
        let p: lsp::CompletionParams = serde_json::from_value(params).map_err(|e| e.to_string())?;
        let key = p
            .text_document_position
            .text_document
            .uri
            .as_str()
            .to_string();
        let Some(path) = self.documents.get(&key).and_then(|d| d.path.clone()) else {
            return Ok(Value::Null);
        };
        let settings = self.settings_for(&path);
        let Some(doc) = self.documents.get(&key) else {
            return Ok(Value::Null);
        };
        let lines = Lines::new(&doc.text, self.encoding);
        let at = lines.offset(p.text_document_position.position);
        let line_start = doc.text[..at].rfind('\n').map_or(0, |i| i + 1);
        let before = &doc.text[line_start..at];
        let plan = planlint_parser::parse(&doc.text);
        let dialect = settings.dialect.unwrap_or(plan.dialect);
        let item = |label: String, kind, insert: String| lsp::CompletionItem {
            label,
            kind: Some(kind),
            insert_text: Some(insert),
            ..Default::default()
        };
        let mut items = Vec::new();
        let trimmed = before.trim_start();
        if trimmed.starts_with('#') && trimmed.trim_start_matches('#').trim().is_empty() {
            // A heading begins: the required sections the plan lacks.
            let (required, _) = planlint_rules::requirements::sections(&plan, dialect, &settings);
            for spec in required
                .iter()
                .filter(|r| !planlint_rules::requirements::present(&plan, r))
            {
                items.push(item(
                    spec.name.clone(),
                    lsp::CompletionItemKind::MODULE,
                    spec.name.clone(),
                ));
            }
        } else if let Some(kv) = planlint_parser::keyvalue::key_value(before, 0)
            .filter(|kv| planlint_parser::status::is_status_key(kv.key))
        {
            let typed = kv.value.to_lowercase();
            for v in settings.statuses.iter().filter(|v| v.starts_with(&typed)) {
                items.push(item(
                    v.clone(),
                    lsp::CompletionItemKind::ENUM_MEMBER,
                    v.clone(),
                ));
            }
        } else if plan
            .section_at(at)
            .is_some_and(|i| plan.sections[i].kind == Some(SectionKind::Progress))
            && (trimmed == "-"
                || trimmed == "- "
                || trimmed.ends_with("[x]")
                || trimmed.ends_with("[x] ")
                || trimmed == "*")
        {
            let now = crate::lint::now();
            let stamp = match dialect {
                Dialect::Numbered => now.format("[%Y-%m-%d %H:%M]").to_string(),
                Dialect::Canonical => now.format("(%Y-%m-%d %H:%MZ)").to_string(),
            };
            items.push(item(
                stamp.clone(),
                lsp::CompletionItemKind::VALUE,
                format!("{stamp} "),
            ));
        }
        serde_json::to_value(lsp::CompletionResponse::Array(items)).map_err(|e| e.to_string())
    }
}

fn overlaps(span: Span, from: usize, to: usize) -> bool {
    span.start <= to && from <= span.end.max(span.start)
}

/// Where a file-wide directive goes: after a BOM and front matter, at the top of the plan.
fn file_directive_offset(text: &str) -> usize {
    let start = if text.starts_with('\u{feff}') { 3 } else { 0 };
    let body = &text[start..];
    if body.starts_with("---") {
        // The line after the closing `---`.
        let mut pos = body.find('\n').map_or(body.len(), |i| i + 1);
        while pos < body.len() {
            let end = body[pos..].find('\n').map_or(body.len(), |i| pos + i + 1);
            if body[pos..end].trim_end() == "---" {
                return start + end;
            }
            pos = end;
        }
    }
    start
}

/// The rule-name-like word around `at`.
fn word_at(text: &str, at: usize) -> &str {
    let ok = |c: char| c.is_ascii_lowercase() || c == '-';
    let mut a = at.min(text.len());
    while a > 0 && text[..a].chars().next_back().is_some_and(ok) {
        a -= text[..a].chars().next_back().map_or(1, char::len_utf8);
    }
    let mut b = at.min(text.len());
    while b < text.len() && text[b..].chars().next().is_some_and(ok) {
        b += 1;
    }
    &text[a..b]
}

fn line_of(text: &str, at: usize) -> &str {
    let at = at.min(text.len());
    let s = text[..at].rfind('\n').map_or(0, |i| i + 1);
    let e = text[at..].find('\n').map_or(text.len(), |i| at + i);
    &text[s..e]
}
