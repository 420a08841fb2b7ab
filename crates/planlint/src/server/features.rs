//! What the editor asks of an open plan besides its diagnostics and code actions: the outline (sections, with Progress
//! entries and decisions inside), hover (`planlint explain` for a finding or a rule named in a
//! suppression), and completion (a missing section's heading, a status value, a timestamp in
//! the plan's own style). The record commands are in `record.rs`.

use lsp_types as lsp;
use planlint_parser::{SectionKind, Span};
use serde_json::Value;

use super::position::Lines;
use super::Server;

impl Server {
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
        let text = rule.explanation();
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
            // A heading begins: the required sections the plan lacks, as the dialect writes
            // them (the numbered one with the section's number), after `#`s and a space.
            let (required, _) = planlint_rules::requirements::sections(&plan, dialect, &settings);
            let space = if before.ends_with('#') { " " } else { "" };
            for spec in required
                .iter()
                .filter(|r| !planlint_rules::requirements::present_among(&plan, r, &required))
            {
                let number = (dialect == planlint_parser::Dialect::Numbered)
                    .then(|| {
                        planlint_rules::requirements::NUMBERED_ORDER
                            .iter()
                            .position(|k| Some(*k) == spec.kind)
                    })
                    .flatten()
                    .map(|i| format!("{}. ", i + 1))
                    .unwrap_or_default();
                let heading = format!("{number}{}", spec.name);
                items.push(item(
                    heading.clone(),
                    lsp::CompletionItemKind::MODULE,
                    format!("{space}{heading}"),
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
        } else if let Some(lead) = plan
            .section_at(at)
            .filter(|&i| plan.sections[i].kind == Some(SectionKind::Progress))
            .and_then(|_| entry_lead(trimmed))
        {
            // The stamp `log` would write, in the plan's own style, with the box and spaces
            // the line still lacks.
            let stamp = planlint_rules::record::stamp(Some(&plan), dialect, crate::lint::now());
            items.push(item(
                stamp.trim_end().to_string(),
                lsp::CompletionItemKind::VALUE,
                format!("{lead}{stamp}"),
            ));
        }
        serde_json::to_value(lsp::CompletionResponse::Array(items)).map_err(|e| e.to_string())
    }
}

/// What a Progress entry typed so far (`-`, `- `, `- [x]`, `- [X] `, `*`) still needs before
/// its stamp; `None` for anything else.
fn entry_lead(typed: &str) -> Option<&'static str> {
    let bullet = typed.strip_prefix(['-', '*', '+'])?;
    match bullet {
        "" => Some(" [x] "),
        " " => Some("[x] "),
        _ => {
            let box_ = bullet.strip_prefix(' ')?;
            match box_ {
                "[x]" | "[X]" => Some(" "),
                "[x] " | "[X] " => Some(""),
                _ => None,
            }
        }
    }
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
