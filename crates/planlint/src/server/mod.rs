//! `planlint server`: the Language Server Protocol over stdio, another front end over the same
//! library calls as the command line — the project's root, configuration, spec and plan scope
//! (`workspace`, `scope`), the rules (`planlint_rules::lint_plan`), the fixes
//! (`fix_str`) — never a copy of them.
//!
//! One thread reads frames (`transport`); the main thread keeps the session (open documents,
//! projects) and answers in order. Work on a stale version is skipped: after a change, the
//! document is linted only once no further message waits, so a burst of typing costs one lint.
//! Positions go out in the encoding the client negotiated (`position`).

mod features;
mod lint;
mod position;
mod record;
mod transport;

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::mpsc;

use lsp_server::{ErrorCode, Message, Notification, Request, RequestId, Response};
use lsp_types as lsp;
use planlint_rules::Diagnostic;
use serde_json::Value;

use crate::config::Resolver;
use crate::error::Error;
use crate::project::DiskProject;
use crate::workspace::Workspace;
use position::{Encoding, Lines};
use transport::Incoming;

/// Run the server until `exit` or the end of input.
pub fn run() -> Result<(), Error> {
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        let stdin = std::io::stdin();
        let mut input = stdin.lock();
        while let Some(incoming) = transport::read(&mut input) {
            if tx.send(incoming).is_err() {
                break;
            }
        }
    });
    let mut out = std::io::stdout().lock();
    let mut server = Server::default();
    server.serve(&rx, &mut out);
    Ok(())
}

/// Run a whole session from `input` (frames as a client sends them) and return what the server
/// wrote: for tests and the fuzz target, with no process and no threads.
#[doc(hidden)]
pub fn session(input: &[u8]) -> Vec<u8> {
    let mut reader = std::io::Cursor::new(input);
    let mut out = Vec::new();
    let mut server = Server::default();
    while let Some(incoming) = transport::read(&mut reader) {
        if server.step(incoming, &mut out) {
            break;
        }
        server.flush(&mut out);
    }
    out
}

/// One frame as a client writes it.
#[doc(hidden)]
pub fn frame(message: &Value) -> Vec<u8> {
    let text = message.to_string();
    format!("Content-Length: {}\r\n\r\n{text}", text.len()).into_bytes()
}

/// An open document.
struct Document {
    path: Option<PathBuf>,
    text: String,
    version: i32,
    /// The committed version (git `HEAD`), read once and again on save: `None` not read yet,
    /// `Some(None)` none (no git, untracked, history off).
    base: Option<Option<String>>,
    /// Findings of the last lint, for code actions and hover.
    diagnostics: Vec<Diagnostic>,
    /// Changed since the last lint.
    dirty: bool,
    /// The path from the project root and what the plan scope says of it, worked out once (the
    /// path never changes; a reload clears it).
    /// The path from the root and what the scope says of it (see [`lint::DocScope`]).
    scope: Option<lint::DocScope>,
}

/// A project the documents belong to: one per root folder (nearest `planlint.toml` or `.git`).
struct Project {
    ws: Workspace,
    disk: DiskProject,
    resolver: Resolver,
}

impl Project {
    /// What the rules are told of an open document of this project: its path from the root,
    /// "now", the project on disk, and its committed text as the base of the history rules.
    fn file_input<'a>(
        &'a self,
        rel: &'a str,
        base: Option<&'a str>,
    ) -> planlint_rules::FileInput<'a> {
        planlint_rules::FileInput {
            path: Some(rel),
            now: crate::lint::now(),
            project: &self.disk,
            base: base.map(|source| planlint_rules::Base {
                rev: "HEAD",
                source,
            }),
        }
    }
}

/// Settings a client may send in `initializationOptions`.
#[derive(Clone, Copy)]
struct Options {
    /// Compare with the committed version (the history rules).
    history: bool,
}

struct Server {
    encoding: Encoding,
    /// The client asks for diagnostics (`textDocument/diagnostic`); else they are pushed.
    pull: bool,
    options: Options,
    documents: HashMap<String, Document>,
    projects: HashMap<PathBuf, Project>,
    initialized: bool,
    shutdown: bool,
    /// The client registers file watchers on request.
    watch: bool,
    /// Requests to the client (`workspace/applyEdit`) made while handling a message.
    outbox: Vec<Message>,
}

impl Default for Server {
    fn default() -> Self {
        Server {
            encoding: Encoding::Utf16,
            pull: false,
            options: Options { history: true },
            documents: HashMap::new(),
            projects: HashMap::new(),
            initialized: false,
            shutdown: false,
            watch: false,
            outbox: Vec::new(),
        }
    }
}

/// The path of a `file:` URI.
fn uri_path(uri: &str) -> Option<PathBuf> {
    let rest = uri.strip_prefix("file://")?;
    let rest = rest.strip_prefix("localhost").unwrap_or(rest);
    let decoded = percent_encoding::percent_decode_str(rest)
        .decode_utf8()
        .ok()?;
    Some(PathBuf::from(decoded.as_ref()))
}

impl Server {
    fn serve(&mut self, rx: &mpsc::Receiver<Incoming>, out: &mut impl std::io::Write) {
        loop {
            let Ok(incoming) = rx.recv() else { return };
            let mut batch = vec![incoming];
            // Take everything already waiting: a document changed again is linted once.
            while let Ok(more) = rx.try_recv() {
                batch.push(more);
            }
            for incoming in batch {
                if self.step(incoming, out) {
                    return;
                }
            }
            self.flush(out);
        }
    }

    /// Handle one incoming frame; `true` when the session ends (`exit`).
    fn step(&mut self, incoming: Incoming, out: &mut impl std::io::Write) -> bool {
        match incoming {
            Incoming::Malformed(why) => {
                let _ = transport::write_parse_error(out, &why);
            }
            Incoming::Message(Message::Request(req)) => {
                if let Some(resp) = self.request(req) {
                    let _ = transport::write(out, &Message::Response(resp));
                }
                for m in std::mem::take(&mut self.outbox) {
                    let _ = transport::write(out, &m);
                }
            }
            Incoming::Message(Message::Notification(n)) => {
                if n.method == "exit" {
                    return true;
                }
                if n.method == "initialized" && self.watch {
                    let _ = transport::write(out, &Message::Request(watchers()));
                }
                self.notification(n);
            }
            Incoming::Message(Message::Response(_)) => {}
        }
        false
    }

    /// Push the diagnostics of changed documents (clients that do not pull them).
    fn flush(&mut self, out: &mut impl std::io::Write) {
        if !self.pull {
            for n in self.lint_dirty() {
                let _ = transport::write(out, &Message::Notification(n));
            }
        }
    }

    fn request(&mut self, req: Request) -> Option<Response> {
        let id = req.id.clone();
        if req.method == "initialize" {
            if self.initialized {
                return Some(error(
                    id,
                    ErrorCode::InvalidRequest,
                    "initialize was sent twice",
                ));
            }
            self.initialized = true;
            return Some(self.initialize(id, req.params));
        }
        if !self.initialized {
            return Some(error(
                id,
                ErrorCode::ServerNotInitialized,
                "the server is not initialized",
            ));
        }
        if req.method == "shutdown" {
            self.shutdown = true;
            return Some(Response::new_ok(id, Value::Null));
        }
        if self.shutdown {
            return Some(error(
                id,
                ErrorCode::InvalidRequest,
                "the server is shutting down",
            ));
        }
        let result = match req.method.as_str() {
            "textDocument/diagnostic" => self.pull_diagnostics(req.params),
            "textDocument/codeAction" => self.code_actions(req.params),
            "textDocument/documentSymbol" => self.symbols(req.params),
            "textDocument/hover" => self.hover(req.params),
            "textDocument/completion" => self.completion(req.params),
            "workspace/executeCommand" => self.execute(req.params),
            _ => {
                return Some(error(
                    id,
                    ErrorCode::MethodNotFound,
                    &format!("planlint does not serve `{}`", req.method),
                ))
            }
        };
        Some(match result {
            Ok(v) => Response::new_ok(id, v),
            Err(why) => error(id, ErrorCode::InvalidParams, &why),
        })
    }

    fn initialize(&mut self, id: RequestId, params: Value) -> Response {
        let params: lsp::InitializeParams = match serde_json::from_value(params) {
            Ok(p) => p,
            Err(e) => return error(id, ErrorCode::InvalidParams, &e.to_string()),
        };
        let offered = params
            .capabilities
            .general
            .as_ref()
            .and_then(|g| g.position_encodings.as_ref())
            .is_some_and(|e| e.contains(&lsp::PositionEncodingKind::UTF8));
        self.encoding = if offered {
            Encoding::Utf8
        } else {
            Encoding::Utf16
        };
        self.pull = params
            .capabilities
            .text_document
            .as_ref()
            .is_some_and(|t| t.diagnostic.is_some());
        self.watch = params
            .capabilities
            .workspace
            .as_ref()
            .and_then(|w| w.did_change_watched_files.as_ref())
            .and_then(|d| d.dynamic_registration)
            .unwrap_or(false);
        if let Some(opts) = &params.initialization_options {
            if let Some(h) = opts.get("history").and_then(Value::as_bool) {
                self.options.history = h;
            }
        }
        let caps = lsp::ServerCapabilities {
            position_encoding: Some(match self.encoding {
                Encoding::Utf8 => lsp::PositionEncodingKind::UTF8,
                Encoding::Utf16 => lsp::PositionEncodingKind::UTF16,
            }),
            text_document_sync: Some(lsp::TextDocumentSyncCapability::Options(
                lsp::TextDocumentSyncOptions {
                    open_close: Some(true),
                    change: Some(lsp::TextDocumentSyncKind::INCREMENTAL),
                    save: Some(lsp::TextDocumentSyncSaveOptions::Supported(true)),
                    ..Default::default()
                },
            )),
            diagnostic_provider: Some(lsp::DiagnosticServerCapabilities::Options(
                lsp::DiagnosticOptions {
                    identifier: Some("planlint".into()),
                    inter_file_dependencies: false,
                    workspace_diagnostics: false,
                    ..Default::default()
                },
            )),
            code_action_provider: Some(lsp::CodeActionProviderCapability::Options(
                lsp::CodeActionOptions {
                    code_action_kinds: Some(vec![
                        lsp::CodeActionKind::QUICKFIX,
                        lsp::CodeActionKind::new(features::FIX_ALL),
                    ]),
                    ..Default::default()
                },
            )),
            document_symbol_provider: Some(lsp::OneOf::Left(true)),
            execute_command_provider: Some(lsp::ExecuteCommandOptions {
                commands: record::COMMANDS.iter().map(|c| c.to_string()).collect(),
                ..Default::default()
            }),
            hover_provider: Some(lsp::HoverProviderCapability::Simple(true)),
            completion_provider: Some(lsp::CompletionOptions {
                trigger_characters: Some(vec!["#".into(), ":".into(), " ".into(), "(".into()]),
                ..Default::default()
            }),
            ..Default::default()
        };
        Response::new_ok(
            id,
            lsp::InitializeResult {
                capabilities: caps,
                server_info: Some(lsp::ServerInfo {
                    name: "planlint".into(),
                    version: Some(env!("CARGO_PKG_VERSION").into()),
                }),
            },
        )
    }

    fn notification(&mut self, n: Notification) {
        match n.method.as_str() {
            "textDocument/didOpen" => {
                let Ok(p) = serde_json::from_value::<lsp::DidOpenTextDocumentParams>(n.params)
                else {
                    return;
                };
                let uri = p.text_document.uri.as_str().to_string();
                self.documents.insert(
                    uri.clone(),
                    Document {
                        path: uri_path(&uri),
                        text: p.text_document.text,
                        version: p.text_document.version,
                        base: None,
                        diagnostics: Vec::new(),
                        dirty: true,
                        scope: None,
                    },
                );
            }
            "textDocument/didChange" => {
                let Ok(p) = serde_json::from_value::<lsp::DidChangeTextDocumentParams>(n.params)
                else {
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
            }
            "textDocument/didSave" => {
                let Ok(p) = serde_json::from_value::<lsp::DidSaveTextDocumentParams>(n.params)
                else {
                    return;
                };
                let uri = p.text_document.uri.as_str();
                let name = uri.rsplit('/').next().unwrap_or("");
                if crate::config::FILE_NAMES.contains(&name) || name == "PLANS.md" {
                    self.reload();
                } else if let Some(doc) = self.documents.get_mut(uri) {
                    // The committed version may have moved.
                    doc.base = None;
                    doc.dirty = true;
                }
            }
            "textDocument/didClose" => {
                if let Ok(p) = serde_json::from_value::<lsp::DidCloseTextDocumentParams>(n.params) {
                    self.documents.remove(p.text_document.uri.as_str());
                }
            }
            "workspace/didChangeWatchedFiles" | "workspace/didChangeConfiguration" => self.reload(),
            _ => {}
        }
    }

    /// Configuration or spec changed: projects are read again, every document linted again.
    fn reload(&mut self) {
        self.projects.clear();
        for doc in self.documents.values_mut() {
            doc.dirty = true;
            doc.base = None;
            doc.scope = None;
        }
    }
}

/// Ask the client to tell of changes to the configuration, the spec and git's `HEAD` (a commit
/// or a checkout moves the history rules' base).
fn watchers() -> Request {
    let watch = |glob: &str| lsp::FileSystemWatcher {
        glob_pattern: lsp::GlobPattern::String(glob.into()),
        kind: None,
    };
    let options = lsp::DidChangeWatchedFilesRegistrationOptions {
        watchers: vec![
            watch(&format!("**/{}", crate::config::FILE_NAMES[0])),
            watch(&format!("**/{}", crate::config::FILE_NAMES[1])),
            watch("**/PLANS.md"),
            watch("**/.git/HEAD"),
        ],
    };
    Request::new(
        RequestId::from("planlint/watch".to_string()),
        "client/registerCapability".into(),
        lsp::RegistrationParams {
            registrations: vec![lsp::Registration {
                id: "planlint/watch".into(),
                method: "workspace/didChangeWatchedFiles".into(),
                register_options: serde_json::to_value(options).ok(),
            }],
        },
    )
}

fn error(id: RequestId, code: ErrorCode, message: &str) -> Response {
    Response::new_err(id, code as i32, message.to_string())
}
