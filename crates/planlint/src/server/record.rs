//! The record commands (`log`, `decide`, `tick`, `set-status`) on an open document, as
//! `workspace/executeCommand`: the edits come from the same library calls as the command line's
//! (`planlint_rules::record`) and go to the client as `workspace/applyEdit`.

use lsp_types as lsp;
use planlint_rules::record;
use serde_json::Value;

use super::position::Lines;
use super::Server;

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
    /// Run a record command on an open document: the edit goes to the client as
    /// `workspace/applyEdit`, the same bytes the command line would write.
    pub(super) fn execute(&mut self, params: Value) -> Result<Value, String> {
        let p: lsp::ExecuteCommandParams =
            serde_json::from_value(params).map_err(|e| e.to_string())?;
        let args = &p.arguments;
        let arg = |i: usize| args.get(i).and_then(Value::as_str).map(str::to_string);
        let flag = |i: usize| args.get(i).and_then(Value::as_bool).unwrap_or(false);
        let uri = arg(0)
            .map(|u| super::uri::readable(&u))
            .ok_or("the first argument is the document's URI")?;
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
                &crate::author::signature(arg(3).as_deref()),
                now,
            ),
            "planlint.tick" => record::tick_edits(&doc.text, &settings, &need(1, "a match")?, now),
            "planlint.setStatus" => {
                record::status_edits(&doc.text, &settings, &need(1, "a status")?, flag(2), now)
            }
            other => return Err(format!("planlint has no command `{other}`")),
        }
        .map_err(|e| e.to_string())?;
        let lines = Lines::new(&doc.text, self.encoding);
        let text_edits: Vec<lsp::TextEdit> = edits
            .iter()
            .map(|e| lsp::TextEdit::new(lines.range(e.span), e.text.clone()))
            .collect();
        let uri: lsp::Uri = uri.parse().map_err(|_| "not a URI".to_string())?;
        let edit = lsp::WorkspaceEdit {
            changes: Some([(uri, text_edits)].into_iter().collect()),
            ..Default::default()
        };
        let id = self.next_id("edit");
        self.outbox
            .push(lsp_server::Message::Request(lsp_server::Request::new(
                id,
                "workspace/applyEdit".into(),
                lsp::ApplyWorkspaceEditParams {
                    label: Some(p.command.clone()),
                    edit,
                },
            )));
        Ok(Value::Null)
    }
}
