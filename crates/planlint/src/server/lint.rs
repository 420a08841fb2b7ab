//! Linting open documents through the same calls as the command line: the project each file
//! belongs to (root, configuration, spec, plan scope, read once), the file's settings, the
//! committed version for the history rules, and the findings as LSP diagnostics.

use std::path::Path;

use lsp_server::Notification;
use lsp_types as lsp;
use planlint_rules::{Diagnostic, Settings};
use serde_json::Value;

use super::position::Lines;
use super::Server;
use crate::project::{relative, Links};
use crate::scope::{Scope, Verdict};

impl Server {
    /// The settings of the file at `path` (defaults where it belongs to no project).
    pub(super) fn settings_for(&mut self, path: &Path) -> Settings {
        self.project_key(path)
            .map(|k| &self.projects[&k])
            .map(|pr| {
                let rel = relative(&pr.ws.canonical, path, Links::Follow);
                (*pr.resolver.settings(rel.as_deref())).clone()
            })
            .unwrap_or_default()
    }

    /// Lint every document left to lint that changed after `since` (a count of changes), the
    /// latest changed first; the notifications to push.
    pub(super) fn lint_dirty(&mut self, since: u64) -> Vec<Notification> {
        let mut dirty: Vec<(u64, String)> = self
            .documents
            .iter()
            .filter(|(_, d)| d.dirty && d.touched > since)
            .map(|(u, d)| (d.touched, u.clone()))
            .collect();
        dirty.sort_by(|a, b| b.cmp(a));
        dirty
            .into_iter()
            .filter_map(|(_, uri)| self.lint_note(&uri))
            .collect()
    }

    /// Lint the latest changed open document left to lint, if any.
    pub(super) fn lint_next(&mut self) -> Option<Notification> {
        let uri = self
            .documents
            .iter()
            .filter(|(_, d)| d.dirty)
            .max_by_key(|(u, d)| (d.touched, u.as_str()))
            .map(|(u, _)| u.clone())?;
        match self.lint_note(&uri) {
            Some(note) => Some(note),
            None => {
                // Nothing to say of it (closed, or no path): never try it again.
                if let Some(d) = self.documents.get_mut(&uri) {
                    d.dirty = false;
                }
                self.lint_next()
            }
        }
    }

    /// Lint one document and make its `publishDiagnostics`.
    pub(super) fn lint_note(&mut self, uri: &str) -> Option<Notification> {
        let diagnostics = self.lint(uri)?;
        let doc = self.documents.get(uri)?;
        Some(super::projects::publication(
            &doc.client_uri,
            diagnostics,
            Some(doc.version),
        ))
    }

    /// Lint one document (if changed) and return its diagnostics as LSP ones.
    pub(super) fn lint(&mut self, uri: &str) -> Option<Vec<lsp::Diagnostic>> {
        let history = self.options.history;
        let encoding = self.encoding;
        let path = self.documents.get(uri)?.path.clone();
        if self.documents.get(uri)?.dirty {
            let found = match path.as_deref() {
                Some(path) => self.lint_file(uri, path, history),
                None => Vec::new(),
            };
            let doc = self.documents.get_mut(uri)?;
            doc.diagnostics = found;
            doc.dirty = false;
        }
        let doc = self.documents.get(uri)?;
        let lines = Lines::new(&doc.text, encoding);
        Some(doc.diagnostics.iter().map(|d| to_lsp(d, &lines)).collect())
    }

    pub(super) fn lint_file(&mut self, uri: &str, path: &Path, history: bool) -> Vec<Diagnostic> {
        let Some(key) = self.project_key(path) else {
            return Vec::new();
        };
        let project = &self.projects[&key];
        // Files may have come or gone since the last lint: `missing-reference` asks again.
        project.disk.forget();
        let known = self.documents[uri].scope.clone();
        let DocScope {
            rel,
            verdict,
            own,
            may_declare,
            by_title,
        } = match known {
            Some(known) => known,
            None => {
                let Some(rel) = relative(&project.ws.canonical, path, Links::Follow) else {
                    return Vec::new();
                };
                let scope = Scope::of(&project.ws);
                let found = DocScope {
                    verdict: scope.verdict(&rel),
                    own: scope.own().to_vec(),
                    // Only a file off the never-plans list, in a scope not set by `include`.
                    may_declare: !scope.configured() && !scope.never(&rel),
                    by_title: !scope.names_places(),
                    rel,
                };
                if let Some(doc) = self.documents.get_mut(uri) {
                    doc.scope = Some(found.clone());
                }
                found
            }
        };
        let text = &self.documents[uri].text;
        // The command line's scope, on the text as it is typed: a file in a plan place must read
        // as a plan, and one elsewhere that declares itself an ExecPlan is one.
        let in_scope = match verdict {
            // A plan by its place: with `include`, every file it matches; else one that reads
            // as a plan.
            Verdict::Plan => !may_declare || planlint_rules::spec::not_a_plan(text, &own).is_none(),
            Verdict::NotPlan => may_declare && crate::scope::declares(text, by_title),
            Verdict::IfItIsAPlan => planlint_rules::spec::is_plan_itself(text),
        };
        if !in_scope {
            return Vec::new();
        }
        let base = if history { self.base(uri, path) } else { None };
        let project = &self.projects[&key];
        let doc = &self.documents[uri];
        let settings = project.resolver.settings(Some(&rel));
        let input = project.file_input(&rel, base.as_deref());
        let plan = planlint_parser::parse(&doc.text);
        planlint_rules::lint_plan(&plan, input, &settings)
    }

    /// The committed version of a document, read once (and again after a save).
    pub(super) fn base(&mut self, uri: &str, path: &Path) -> Option<String> {
        if let Some(known) = &self.documents.get(uri)?.base {
            return known.clone();
        }
        let dir = path.parent()?;
        let read = crate::git::Revision::resolve(dir, "HEAD", "history")
            .ok()
            .and_then(|rev| {
                let repo_path = rev.repo_path(path)?;
                let old = rev.read(std::slice::from_ref(&repo_path)).ok()?;
                old.get(&repo_path)
                    .map(|b| String::from_utf8_lossy(b).into_owned())
            });
        self.documents.get_mut(uri)?.base = Some(read.clone());
        read
    }

    pub(super) fn pull_diagnostics(&mut self, params: Value) -> Result<Value, String> {
        let p: lsp::DocumentDiagnosticParams =
            serde_json::from_value(params).map_err(|e| e.to_string())?;
        let items = self.lint(p.text_document.uri.as_str()).unwrap_or_default();
        let report = lsp::DocumentDiagnosticReportResult::Report(
            lsp::DocumentDiagnosticReport::Full(lsp::RelatedFullDocumentDiagnosticReport {
                related_documents: None,
                full_document_diagnostic_report: lsp::FullDocumentDiagnosticReport {
                    result_id: None,
                    items,
                },
            }),
        );
        serde_json::to_value(report).map_err(|e| e.to_string())
    }
}

/// Where a rule's documentation lives, for `codeDescription`.
fn rule_doc(rule: &str) -> Option<lsp::Uri> {
    let repo = env!("CARGO_PKG_REPOSITORY");
    format!(
        "{repo}/blob/main/crates/planlint-rules/src/rules/{}.rs",
        rule.replace('-', "_")
    )
    .parse()
    .ok()
}

/// A planlint diagnostic as an LSP one.
pub(super) fn to_lsp(d: &Diagnostic, lines: &Lines<'_>) -> lsp::Diagnostic {
    let mut message = d.message.to_string();
    if let Some(help) = &d.help {
        message.push_str("\nhelp: ");
        message.push_str(help);
    }
    lsp::Diagnostic {
        range: lines.range(d.span),
        severity: Some(match d.severity {
            planlint_rules::Severity::Error => lsp::DiagnosticSeverity::ERROR,
            planlint_rules::Severity::Warning => lsp::DiagnosticSeverity::WARNING,
        }),
        code: Some(lsp::NumberOrString::String(d.rule.to_string())),
        code_description: rule_doc(d.rule).map(|href| lsp::CodeDescription { href }),
        source: Some("planlint".into()),
        message,
        ..Default::default()
    }
}

/// What the plan scope says of one open document, worked out once (the scope compiles globs) and
/// kept until the configuration or spec reloads.
#[derive(Clone, Debug)]
pub(super) struct DocScope {
    /// The path from the project root.
    rel: String,
    verdict: Verdict,
    /// The normalised names of the sections the contract gives plans.
    own: Vec<String>,
    /// Whether the text decides (reads as a plan, declares itself one): not for a file of the
    /// never-plans list, nor where `include` sets the scope.
    may_declare: bool,
    /// Whether a title calling the file an ExecPlan is declaration enough (the spec names no
    /// plan places; see [`Scope::declares`]).
    by_title: bool,
}
