//! The opening handshake: what the client can do (position encoding, pulled diagnostics,
//! file watchers, workspace folders) and what this server offers in return; and the file
//! watchers it asks for.

use lsp_server::{ErrorCode, Message, Request, RequestId, Response};
use lsp_types as lsp;
use serde_json::Value;

use super::position::Encoding;
use super::{actions, error, record, uri, Server};

impl Server {
    /// Answer `initialize`; a failed one leaves the server uninitialised.
    pub(super) fn initialize(&mut self, id: RequestId, params: Value) -> Response {
        // The protocol names it `workspace.diagnostics`; lsp-types reads `diagnostic`.
        let refresh = ["diagnostics", "diagnostic"].iter().any(|name| {
            params["capabilities"]["workspace"][name]["refreshSupport"].as_bool() == Some(true)
        });
        let params: lsp::InitializeParams = match serde_json::from_value(params) {
            Ok(p) => p,
            Err(e) => return error(id, ErrorCode::InvalidParams, &e.to_string()),
        };
        self.initialized = true;
        let caps = &params.capabilities;
        let offered = caps
            .general
            .as_ref()
            .and_then(|g| g.position_encodings.as_ref())
            .is_some_and(|e| e.contains(&lsp::PositionEncodingKind::UTF8));
        self.encoding = if offered {
            Encoding::Utf8
        } else {
            Encoding::Utf16
        };
        self.pull = caps
            .text_document
            .as_ref()
            .is_some_and(|t| t.diagnostic.is_some());
        let workspace = caps.workspace.as_ref();
        self.watch = workspace
            .and_then(|w| w.did_change_watched_files.as_ref())
            .and_then(|d| d.dynamic_registration)
            .unwrap_or(false);
        self.refresh = refresh;
        self.folders = folders(&params);
        if let Some(opts) = &params.initialization_options {
            if let Some(h) = opts.get("history").and_then(Value::as_bool) {
                self.options.history = h;
            }
            if let Some(f) = opts.get("fixOnSave").and_then(Value::as_bool) {
                self.options.fix_on_save = f;
            }
        }
        Response::new_ok(
            id,
            lsp::InitializeResult {
                capabilities: self.capabilities(),
                server_info: Some(lsp::ServerInfo {
                    name: "planlint".into(),
                    version: Some(env!("CARGO_PKG_VERSION").into()),
                }),
            },
        )
    }

    fn capabilities(&self) -> lsp::ServerCapabilities {
        lsp::ServerCapabilities {
            position_encoding: Some(match self.encoding {
                Encoding::Utf8 => lsp::PositionEncodingKind::UTF8,
                Encoding::Utf16 => lsp::PositionEncodingKind::UTF16,
            }),
            text_document_sync: Some(lsp::TextDocumentSyncCapability::Options(
                lsp::TextDocumentSyncOptions {
                    open_close: Some(true),
                    change: Some(lsp::TextDocumentSyncKind::INCREMENTAL),
                    save: Some(lsp::TextDocumentSyncSaveOptions::Supported(true)),
                    will_save_wait_until: self.options.fix_on_save.then_some(true),
                    ..Default::default()
                },
            )),
            diagnostic_provider: Some(lsp::DiagnosticServerCapabilities::Options(
                lsp::DiagnosticOptions {
                    identifier: Some("planlint".into()),
                    inter_file_dependencies: false,
                    workspace_diagnostics: true,
                    ..Default::default()
                },
            )),
            code_action_provider: Some(lsp::CodeActionProviderCapability::Options(
                lsp::CodeActionOptions {
                    code_action_kinds: Some(vec![
                        lsp::CodeActionKind::QUICKFIX,
                        lsp::CodeActionKind::new(actions::FIX_ALL),
                    ]),
                    ..Default::default()
                },
            )),
            document_symbol_provider: Some(lsp::OneOf::Left(true)),
            workspace_symbol_provider: Some(lsp::OneOf::Left(true)),
            definition_provider: Some(lsp::OneOf::Left(true)),
            references_provider: Some(lsp::OneOf::Left(true)),
            document_formatting_provider: Some(lsp::OneOf::Left(true)),
            document_range_formatting_provider: Some(lsp::OneOf::Left(true)),
            execute_command_provider: Some(lsp::ExecuteCommandOptions {
                commands: record::COMMANDS.iter().map(|c| c.to_string()).collect(),
                ..Default::default()
            }),
            hover_provider: Some(lsp::HoverProviderCapability::Simple(true)),
            completion_provider: Some(lsp::CompletionOptions {
                trigger_characters: Some(vec!["#".into(), ":".into(), " ".into(), "(".into()]),
                ..Default::default()
            }),
            workspace: Some(lsp::WorkspaceServerCapabilities {
                workspace_folders: Some(lsp::WorkspaceFoldersServerCapabilities {
                    supported: Some(true),
                    change_notifications: Some(lsp::OneOf::Left(true)),
                }),
                file_operations: None,
            }),
            ..Default::default()
        }
    }

    /// After `initialized`: ask to watch the configuration, the spec and git's `HEAD`.
    pub(super) fn after_initialized(&mut self) {
        if self.watch {
            let id = self.next_id("watch");
            self.outbox.push(Message::Request(watchers(id)));
        }
        if !self.pull {
            self.queue_workspace();
        }
    }
}

/// The client's workspace folders: `workspaceFolders`, else `rootUri`, else `rootPath`.
fn folders(params: &lsp::InitializeParams) -> Vec<std::path::PathBuf> {
    if let Some(folders) = &params.workspace_folders {
        return folders
            .iter()
            .filter_map(|f| uri::to_path(f.uri.as_str()))
            .collect();
    }
    #[allow(deprecated)]
    let root = params
        .root_uri
        .as_ref()
        .and_then(|u| uri::to_path(u.as_str()))
        .or_else(|| params.root_path.as_ref().map(std::path::PathBuf::from));
    root.into_iter().collect()
}

/// Ask the client to tell of changes to the configuration, the spec and git's `HEAD` (a commit
/// or a checkout moves the history rules' base).
fn watchers(id: RequestId) -> Request {
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
        id,
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
