//! The projects the open documents belong to: each root (the nearest folder holding
//! `planlint.toml`, `.planlint.toml` or `.git`, else the client's workspace folder that holds
//! the file) read once and again after a reload. An invalid configuration is never silent: the
//! user is shown it (`window/showMessage`, and a diagnostic on the file at the offending line)
//! and linting goes on with the last good configuration, or the defaults.

use std::path::{Path, PathBuf};

use lsp_server::{Message, Notification};
use lsp_types as lsp;
use serde_json::json;

use super::position::{Encoding, Lines};
use super::{uri, Project, Server};
use crate::project::DiskProject;
use crate::workspace::{ConfigProblem, Workspace};

impl Server {
    /// The root of the folder `dir`: the nearest marked ancestor, else the deepest workspace
    /// folder that holds it, else `dir` itself.
    pub(super) fn root_of(&self, dir: &Path) -> PathBuf {
        if let Some(root) = crate::project::marked_root(dir) {
            return root;
        }
        self.folders
            .iter()
            .filter(|f| dir.starts_with(f))
            .max_by_key(|f| f.components().count())
            .cloned()
            .unwrap_or_else(|| dir.to_path_buf())
    }

    /// The root of the project a file belongs to; the project is read once, and again after
    /// a reload.
    pub(super) fn project_key(&mut self, path: &Path) -> Option<PathBuf> {
        let root = self.root_of(path.parent()?);
        self.project_at(&root);
        Some(root)
    }

    /// Make sure the project at `root` is read and current.
    pub(super) fn project_at(&mut self, root: &Path) {
        if self.projects.get(root).is_none_or(|p| p.stale) {
            self.load_project(root);
        }
    }

    /// Read the project at `root`; with an invalid configuration, show it and keep the last
    /// good project (or the defaults).
    fn load_project(&mut self, root: &Path) {
        let previous = self.projects.remove(root);
        let ws = match crate::workspace::workspace_at(root) {
            Ok(ws) => {
                self.config_fixed(root);
                ws
            }
            Err(problem) => {
                self.config_broken(&problem);
                if let Some(mut last) = previous {
                    last.stale = false;
                    self.projects.insert(root.to_path_buf(), last);
                    return;
                }
                crate::workspace::defaults_at(root)
            }
        };
        self.projects.insert(root.to_path_buf(), project(ws));
    }

    /// Tell the user of a configuration that cannot be used.
    fn config_broken(&mut self, problem: &ConfigProblem) {
        let shown = problem.path.file_name().map_or_else(
            || problem.path.display().to_string(),
            |n| n.to_string_lossy().into_owned(),
        );
        let line = problem.span.as_ref().map(|s| {
            Lines::new(&problem.text, Encoding::Utf8)
                .position(s.start)
                .line
                + 1
        });
        let at = line.map(|l| format!(":{l}")).unwrap_or_default();
        self.outbox.push(Message::Notification(Notification::new(
            "window/showMessage".into(),
            lsp::ShowMessageParams {
                typ: lsp::MessageType::ERROR,
                message: format!(
                    "planlint: {shown}{at}: {}; linting goes on with the last good configuration",
                    problem.message
                ),
            },
        )));
        let lines = Lines::new(&problem.text, self.encoding);
        let range = match &problem.span {
            Some(s) => lines.range(planlint_parser::Span::new(s.start, s.end)),
            None => lsp::Range::default(),
        };
        let diagnostic = lsp::Diagnostic {
            range,
            severity: Some(lsp::DiagnosticSeverity::ERROR),
            code: Some(lsp::NumberOrString::String("config".into())),
            source: Some("planlint".into()),
            message: problem.message.clone(),
            ..Default::default()
        };
        let file = uri::from_path(&problem.path);
        self.publish(&file, vec![diagnostic], None);
        self.config_problems.insert(root_key(&problem.path), file);
    }

    /// The configuration of `root` reads again: clear what was shown of it.
    fn config_fixed(&mut self, root: &Path) {
        let keys: Vec<PathBuf> = self
            .config_problems
            .keys()
            .filter(|k| k.as_path() == root)
            .cloned()
            .collect();
        for k in keys {
            if let Some(file) = self.config_problems.remove(&k) {
                self.publish(&file, Vec::new(), None);
            }
        }
    }

    /// Queue `textDocument/publishDiagnostics` for `file` (the URI exactly as the client wrote
    /// it, or as made from a path).
    pub(super) fn publish(
        &mut self,
        file: &str,
        diagnostics: Vec<lsp::Diagnostic>,
        version: Option<i32>,
    ) {
        self.outbox.push(Message::Notification(publication(
            file,
            diagnostics,
            version,
        )));
    }

    /// Configuration or spec changed: every project is read again (keeping the last good one
    /// if the new one is invalid), every document linted again.
    pub(super) fn reload(&mut self) {
        for p in self.projects.values_mut() {
            p.stale = true;
        }
        for doc in self.documents.values_mut() {
            doc.dirty = true;
            doc.base = None;
            doc.scope = None;
        }
        self.heads.clear();
        if self.refresh {
            let id = self.next_id("refresh");
            self.outbox.push(Message::Request(lsp_server::Request::new(
                id,
                "workspace/diagnostic/refresh".into(),
                serde_json::Value::Null,
            )));
        }
    }

    /// Whether a saved file is one the projects are read from: a configuration file, or a
    /// project's spec.
    pub(super) fn is_project_file(&self, path: &Path) -> bool {
        let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
        if crate::config::FILE_NAMES.contains(&name) || name == "PLANS.md" {
            return true;
        }
        let canonical = path.canonicalize().unwrap_or_else(|_| path.to_path_buf());
        self.projects.values().any(|p| {
            p.ws.spec
                .as_ref()
                .is_some_and(|s| p.ws.canonical.join(&s.rel) == canonical)
        })
    }

    /// A request id of this server's own, never used twice.
    pub(super) fn next_id(&mut self, what: &str) -> lsp_server::RequestId {
        self.sent += 1;
        lsp_server::RequestId::from(format!("planlint/{what}/{}", self.sent))
    }
}

fn project(ws: Workspace) -> Project {
    let disk = DiskProject::new(&ws.root);
    let resolver = ws.resolver();
    Project {
        ws,
        disk,
        resolver,
        stale: false,
    }
}

/// The folder a configuration file sets the root of.
fn root_key(config: &Path) -> PathBuf {
    config.parent().map_or_else(PathBuf::new, Path::to_path_buf)
}

/// A `textDocument/publishDiagnostics` notification; the URI goes out as given.
pub(super) fn publication(
    file: &str,
    diagnostics: Vec<lsp::Diagnostic>,
    version: Option<i32>,
) -> Notification {
    let mut params = json!({ "uri": file, "diagnostics": diagnostics });
    if let Some(v) = version {
        params["version"] = json!(v);
    }
    Notification::new("textDocument/publishDiagnostics".into(), params)
}
