//! Notifications from the client: documents opened, changed, saved and closed; watched files,
//! settings and workspace folders changed. Before `initialize` and after `shutdown` they are
//! ignored (only `exit` counts then).

use lsp_server::Notification;
use lsp_types as lsp;
use serde::Deserialize;
use serde_json::Value;

use super::position::Lines;
use super::{uri, Document, Server};

/// `textDocument/didOpen`'s document, its URI as the client wrote it.
#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Opened {
    text_document: OpenedDocument,
}

#[derive(Deserialize)]
struct OpenedDocument {
    uri: String,
    version: i32,
    text: String,
}

impl Server {
    pub(super) fn notification(&mut self, n: Notification) {
        if !self.initialized || self.shutdown {
            return;
        }
        let raw = uri::document(&n.params);
        let params = uri::make_readable(n.params);
        match n.method.as_str() {
            "initialized" => self.after_initialized(),
            "textDocument/didOpen" => self.did_open(params, raw),
            "textDocument/didChange" => self.did_change(params),
            "textDocument/didSave" => self.did_save(params),
            "textDocument/didClose" => self.did_close(params),
            "workspace/didChangeWorkspaceFolders" => {
                if let Ok(p) =
                    serde_json::from_value::<lsp::DidChangeWorkspaceFoldersParams>(params)
                {
                    for f in p.event.removed {
                        if let Some(path) = uri::to_path(f.uri.as_str()) {
                            self.folders.retain(|x| *x != path);
                        }
                    }
                    for f in p.event.added {
                        self.folders.extend(uri::to_path(f.uri.as_str()));
                    }
                    self.projects.clear();
                    self.reload();
                }
            }
            "workspace/didChangeWatchedFiles" | "workspace/didChangeConfiguration" => self.reload(),
            _ => {}
        }
    }

    /// Open a document; `raw` is its URI as the client wrote it.
    fn did_open(&mut self, params: Value, raw: Option<String>) {
        let Ok(p) = serde_json::from_value::<Opened>(params) else {
            return;
        };
        // The readable form is the key; the client's own string goes back in answers.
        let key = p.text_document.uri;
        let client_uri = raw.unwrap_or_else(|| key.clone());
        self.changes += 1;
        self.documents.insert(
            key.clone(),
            Document {
                path: uri::to_path(&key),
                client_uri,
                text: p.text_document.text,
                version: p.text_document.version,
                base: None,
                diagnostics: Vec::new(),
                dirty: true,
                touched: self.changes,
                scope: None,
            },
        );
    }

    fn did_change(&mut self, params: Value) {
        let Ok(p) = serde_json::from_value::<lsp::DidChangeTextDocumentParams>(params) else {
            return;
        };
        // A change to a document never opened is ignored, as the protocol allows.
        let encoding = self.encoding;
        let Some(doc) = self.documents.get_mut(p.text_document.uri.as_str()) else {
            return;
        };
        for change in p.content_changes {
            match change.range {
                Some(range) => {
                    let lines = Lines::new(&doc.text, encoding);
                    let (a, b) = (lines.offset(range.start), lines.offset(range.end));
                    let (a, b) = (a.min(b), a.max(b));
                    doc.text.replace_range(a..b, &change.text);
                }
                None => doc.text = change.text,
            }
        }
        doc.version = p.text_document.version;
        doc.dirty = true;
        self.changes += 1;
        doc.touched = self.changes;
    }

    /// A save: of the configuration or the spec, a reload; of anything else, the committed
    /// version is read again (a commit may have moved `HEAD` with no watcher telling).
    fn did_save(&mut self, params: Value) {
        let Ok(p) = serde_json::from_value::<lsp::DidSaveTextDocumentParams>(params) else {
            return;
        };
        let key = p.text_document.uri.as_str();
        let Some(path) = uri::to_path(key) else {
            return;
        };
        if self.is_project_file(&path) {
            self.reload();
            return;
        }
        if let Some(doc) = self.documents.get_mut(key) {
            doc.base = None;
            doc.dirty = true;
        }
        self.head_moved(&path);
    }

    /// Read `HEAD` of the project holding `path` again; if it names another commit, every open
    /// document of that project is compared with the new one.
    fn head_moved(&mut self, path: &std::path::Path) {
        if !self.options.history {
            return;
        }
        let Some(dir) = path.parent() else { return };
        let root = self.root_of(dir);
        let head = crate::git::Revision::resolve(dir, "HEAD", "history")
            .ok()
            .map(|r| r.commit().to_string());
        let before = self.heads.insert(root.clone(), head.clone());
        if before.is_none_or(|b| b != head) {
            for doc in self.documents.values_mut() {
                if doc.path.as_ref().is_some_and(|p| p.starts_with(&root)) {
                    doc.base = None;
                    doc.dirty = true;
                }
            }
        }
    }

    fn did_close(&mut self, params: Value) {
        let Ok(p) = serde_json::from_value::<lsp::DidCloseTextDocumentParams>(params) else {
            return;
        };
        if let Some(doc) = self.documents.remove(p.text_document.uri.as_str()) {
            self.publish(&doc.client_uri, Vec::new(), None);
        }
    }
}
