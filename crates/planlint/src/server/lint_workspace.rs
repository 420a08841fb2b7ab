//! Workspace diagnostics: every plan in scope gets its findings when the workspace opens, not
//! only the open ones — answered to `workspace/diagnostic` for clients that pull, pushed one
//! plan at a time while the client is quiet for those that do not (a message from the client
//! always comes first). A plan on disk is linted as `planlint` lints it (no base revision); an
//! open document as typed.

use std::path::Path;

use lsp_server::Notification;
use lsp_types as lsp;
use planlint_rules::Diagnostic;
use serde_json::Value;

use super::position::Lines;
use super::{uri, Server};
use crate::project::{relative, Links};

impl Server {
    /// Queue the plans of the workspace that are not open, to push their findings.
    pub(super) fn queue_workspace(&mut self) {
        let files = self.workspace_files(false);
        let open: Vec<&Path> = self
            .documents
            .values()
            .filter_map(|d| d.path.as_deref())
            .collect();
        let mut queue: Vec<_> = files
            .into_iter()
            .map(|f| f.path)
            .filter(|p| !open.contains(&p.as_path()))
            .collect();
        // Popped from the end: the first in path order goes first.
        queue.reverse();
        self.background = queue;
    }

    /// Push the findings of the next queued plan that is not open.
    pub(super) fn lint_background(&mut self) -> Option<Notification> {
        while let Some(path) = self.background.pop() {
            if self
                .documents
                .values()
                .any(|d| d.path.as_ref() == Some(&path))
            {
                continue;
            }
            let Ok(text) = std::fs::read_to_string(&path) else {
                continue;
            };
            let found = self.lint_on_disk(&path, &text);
            let lines = Lines::new(&text, self.encoding);
            let items: Vec<lsp::Diagnostic> = found
                .iter()
                .map(|d| super::lint::to_lsp(d, &lines))
                .collect();
            return Some(super::projects::publication(
                &uri::from_path(&path),
                items,
                None,
            ));
        }
        None
    }

    /// The findings of a plan in scope as it is on disk.
    fn lint_on_disk(&mut self, path: &Path, text: &str) -> Vec<Diagnostic> {
        let Some(key) = self.project_key(path) else {
            return Vec::new();
        };
        let project = &self.projects[&key];
        let Some(rel) = relative(&project.ws.canonical, path, Links::Follow) else {
            return Vec::new();
        };
        project.disk.forget();
        let settings = project.resolver.settings(Some(&rel));
        let plan = planlint_parser::parse(text);
        planlint_rules::lint_plan(&plan, project.file_input(&rel, None), &settings)
    }

    /// `workspace/diagnostic`: a full report of every plan in scope (open ones as typed).
    pub(super) fn workspace_diagnostics(&mut self) -> Result<Value, String> {
        let mut items = Vec::new();
        for file in self.workspace_files(false) {
            let file_uri = uri::from_path(&file.path);
            let open = self
                .documents
                .iter()
                .find(|(_, d)| d.path.as_ref() == Some(&file.path))
                .map(|(k, d)| (k.clone(), d.version));
            let (found, version) = match open {
                Some((key, version)) => (self.lint(&key).unwrap_or_default(), Some(version)),
                None => {
                    let found = self.lint_on_disk(&file.path, &file.text);
                    let lines = Lines::new(&file.text, self.encoding);
                    let found = found
                        .iter()
                        .map(|d| super::lint::to_lsp(d, &lines))
                        .collect();
                    (found, None)
                }
            };
            let Ok(parsed) = file_uri.parse::<lsp::Uri>() else {
                continue;
            };
            items.push(lsp::WorkspaceDocumentDiagnosticReport::Full(
                lsp::WorkspaceFullDocumentDiagnosticReport {
                    uri: parsed,
                    version: version.map(i64::from),
                    full_document_diagnostic_report: lsp::FullDocumentDiagnosticReport {
                        result_id: None,
                        items: found,
                    },
                },
            ));
        }
        let report =
            lsp::WorkspaceDiagnosticReportResult::Report(lsp::WorkspaceDiagnosticReport { items });
        serde_json::to_value(report).map_err(|e| e.to_string())
    }
}
