//! `planlint server`: the Language Server Protocol over stdio, another front end over the same
//! library calls as the command line — the project's root, configuration, spec and plan scope
//! (`workspace`, `scope`), the rules (`planlint_rules::lint_plan`), the fixes
//! (`fix_str`) — never a copy of them.
//!
//! One thread reads frames (`transport`); the main thread keeps the session (open documents,
//! projects) and answers in order. Work on a stale version is skipped: after a change, the
//! document is linted only once no further message waits, so a burst of typing costs one lint.
//! Positions go out in the encoding the client negotiated (`position`).

mod actions;
mod features;
mod format;
mod initialize;
mod lint;
mod lint_workspace;
mod navigate;
mod notify;
mod position;
mod projects;
mod record;
mod transport;
mod uri;

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::mpsc;

use lsp_server::{ErrorCode, Message, Request, RequestId, Response};
use planlint_rules::Diagnostic;
use serde_json::Value;

use crate::config::Resolver;
use crate::error::Error;
use crate::project::DiskProject;
use crate::workspace::Workspace;
use position::Encoding;
use transport::{Frames, Incoming};

/// How long the client must be quiet before the plans it has not opened are linted.
const QUIET: std::time::Duration = std::time::Duration::from_millis(500);

/// Run the server until `exit` or the end of input; the exit code: 0 after `shutdown`, else 1
/// (as the protocol says of `exit`).
pub fn run() -> Result<u8, Error> {
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        let stdin = std::io::stdin();
        let mut frames = Frames::new(stdin.lock());
        while let Some(incoming) = frames.next_frame() {
            if tx.send(incoming).is_err() {
                break;
            }
        }
    });
    let mut out = std::io::stdout().lock();
    let mut server = Server {
        walk: true,
        ..Server::default()
    };
    server.serve(&rx, &mut out);
    Ok(if server.shutdown { 0 } else { 1 })
}

/// Run a whole session from `input` (frames as a client sends them) and return what the server
/// wrote: for tests and the fuzz target, with no process and no threads.
#[doc(hidden)]
pub fn session(input: &[u8]) -> Vec<u8> {
    let mut frames = Frames::new(std::io::Cursor::new(input));
    let mut out = Vec::new();
    let mut server = Server::default();
    while let Some(incoming) = frames.next_frame() {
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
    /// The URI as the client wrote it (answers carry it back unchanged).
    client_uri: String,
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
    /// When it last changed (a counter): the latest changed is linted first.
    touched: u64,
    /// The path from the root and what the scope says of it (see [`lint::DocScope`]), worked
    /// out once (the path never changes; a reload clears it).
    scope: Option<lint::DocScope>,
}

/// A project the documents belong to: one per root folder (nearest `planlint.toml` or `.git`,
/// else the client's workspace folder).
struct Project {
    ws: Workspace,
    disk: DiskProject,
    resolver: Resolver,
    /// A reload asked for it to be read again.
    stale: bool,
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
    /// Apply the safe fixes before each save (`willSaveWaitUntil`), on the client's request.
    fix_on_save: bool,
}

struct Server {
    encoding: Encoding,
    /// The client asks for diagnostics (`textDocument/diagnostic`); else they are pushed.
    pull: bool,
    /// The client takes `workspace/diagnostic/refresh`.
    refresh: bool,
    options: Options,
    documents: HashMap<String, Document>,
    projects: HashMap<PathBuf, Project>,
    /// The client's workspace folders: the root of a file no marked folder holds.
    folders: Vec<PathBuf>,
    /// Configuration files shown as invalid, by their project's root, with their URI.
    config_problems: HashMap<PathBuf, String>,
    /// The commit `HEAD` named when last read, by project root (a save reads it again).
    heads: HashMap<PathBuf, Option<String>>,
    initialized: bool,
    shutdown: bool,
    /// The client registers file watchers on request.
    watch: bool,
    /// Messages to the client made while handling a message (requests such as
    /// `workspace/applyEdit`, notifications such as `window/showMessage`).
    outbox: Vec<Message>,
    /// Requests this server sent, for their ids.
    sent: u64,
    /// Changes seen, for [`Document::touched`].
    changes: u64,
    /// `changes` when the changed documents were last linted.
    flushed: u64,
    /// Whether the workspace's plans on disk may be read (not in an in-process session).
    walk: bool,
    /// Plans of the workspace not open, whose diagnostics are still to push (push clients).
    background: Vec<PathBuf>,
}

impl Default for Server {
    fn default() -> Self {
        Server {
            encoding: Encoding::Utf16,
            pull: false,
            refresh: false,
            options: Options {
                history: true,
                fix_on_save: false,
            },
            documents: HashMap::new(),
            projects: HashMap::new(),
            folders: Vec::new(),
            config_problems: HashMap::new(),
            heads: HashMap::new(),
            initialized: false,
            shutdown: false,
            watch: false,
            outbox: Vec::new(),
            sent: 0,
            changes: 0,
            flushed: 0,
            walk: false,
            background: Vec::new(),
        }
    }
}

impl Server {
    /// The session on a channel of frames. Documents the client changed are linted as soon
    /// as no further message waits; the others a reload left to lint (it may be hundreds) are
    /// linted one at a time while no message waits, so a keystroke never waits for them; the
    /// plans of the workspace not open, once the client has been quiet for [`QUIET`].
    fn serve(&mut self, rx: &mpsc::Receiver<Incoming>, out: &mut impl std::io::Write) {
        let mut heard = std::time::Instant::now();
        loop {
            let incoming = match rx.try_recv() {
                Ok(m) => m,
                Err(mpsc::TryRecvError::Disconnected) => return,
                Err(mpsc::TryRecvError::Empty) => {
                    if let Some(note) = (!self.pull).then(|| self.lint_next()).flatten() {
                        let _ = transport::write(out, &Message::Notification(note));
                        self.write_outbox(out);
                        continue;
                    }
                    // The plans not open wait until the client has been quiet a while: what it
                    // opens at start is answered first, and never after its disk version.
                    let waited = match self.background.is_empty() {
                        true => rx.recv().map_err(|_| mpsc::RecvTimeoutError::Disconnected),
                        false => rx.recv_timeout(QUIET.saturating_sub(heard.elapsed())),
                    };
                    match waited {
                        Ok(m) => m,
                        Err(mpsc::RecvTimeoutError::Timeout) => {
                            if let Some(note) = self.lint_background() {
                                let _ = transport::write(out, &Message::Notification(note));
                            }
                            self.write_outbox(out);
                            continue;
                        }
                        Err(mpsc::RecvTimeoutError::Disconnected) => return,
                    }
                }
            };
            heard = std::time::Instant::now();
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
            self.flush_changed(out);
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
                self.write_outbox(out);
            }
            Incoming::Message(Message::Notification(n)) => {
                if n.method == "exit" {
                    return true;
                }
                self.notification(n);
            }
            Incoming::Message(Message::Response(_)) => {}
        }
        false
    }

    fn write_outbox(&mut self, out: &mut impl std::io::Write) {
        for m in std::mem::take(&mut self.outbox) {
            let _ = transport::write(out, &m);
        }
    }

    /// Push the diagnostics of every document left to lint (clients that do not pull them),
    /// after what handling the messages queued.
    fn flush(&mut self, out: &mut impl std::io::Write) {
        let notes = if self.pull {
            Vec::new()
        } else {
            self.lint_dirty(0)
        };
        self.write_outbox(out);
        for n in notes {
            let _ = transport::write(out, &Message::Notification(n));
        }
    }

    /// Push the diagnostics of the documents the client changed since the last time; the rest
    /// wait for a quiet moment ([`Server::lint_next`]).
    fn flush_changed(&mut self, out: &mut impl std::io::Write) {
        let notes = if self.pull {
            Vec::new()
        } else {
            self.lint_dirty(self.flushed)
        };
        self.flushed = self.changes;
        self.write_outbox(out);
        for n in notes {
            let _ = transport::write(out, &Message::Notification(n));
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
        let params = uri::make_readable(req.params);
        let result = match req.method.as_str() {
            "textDocument/diagnostic" => self.pull_diagnostics(params),
            "textDocument/codeAction" => self.code_actions(params),
            "textDocument/documentSymbol" => self.symbols(params),
            "textDocument/hover" => self.hover(params),
            "textDocument/completion" => self.completion(params),
            "textDocument/formatting" => self.formatting(params),
            "textDocument/rangeFormatting" => self.range_formatting(params),
            "textDocument/willSaveWaitUntil" => self.will_save(params),
            "workspace/executeCommand" => self.execute(params),
            "workspace/symbol" => self.workspace_symbols(params),
            "textDocument/definition" => self.definition(params),
            "textDocument/references" => self.references(params),
            "workspace/diagnostic" => self.workspace_diagnostics(),
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
}

fn error(id: RequestId, code: ErrorCode, message: &str) -> Response {
    Response::new_err(id, code as i32, message.to_string())
}
