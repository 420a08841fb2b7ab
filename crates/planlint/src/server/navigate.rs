//! Finding one's way across the workspace: `workspace/symbol` (plans, their sections and
//! decisions), `textDocument/definition` (a backticked repository path opens that file; a
//! Markdown link to another plan opens that plan) and `textDocument/references` (the plans and
//! the spec that name this plan). The plans are the command line's: those in scope under each
//! workspace folder's project root (`discover::in_scope`).
//!
//! The plan model keeps backticked paths (`references`); Markdown links are read here, line
//! by line, only for navigation.

use std::path::{Path, PathBuf};

use lsp_types as lsp;
use planlint_parser::Span;
use serde_json::Value;

use super::position::Lines;
use super::{uri, Server};
use crate::discover::Target;

/// A file of the workspace: its path and text (an open document's as typed).
pub(super) struct WorkspaceFile {
    pub path: PathBuf,
    pub text: String,
}

impl Server {
    /// The project roots of the workspace: each folder's, and each open document's.
    fn roots(&mut self) -> Vec<PathBuf> {
        let mut roots: Vec<PathBuf> = self.folders.iter().map(|f| self.root_of(f)).collect();
        for doc in self.documents.values() {
            if let Some(dir) = doc.path.as_deref().and_then(Path::parent) {
                roots.push(self.root_of(dir));
            }
        }
        roots.sort();
        roots.dedup();
        roots
    }

    /// The text of a file: the open document's if it is open, else the disk's.
    fn text_of(&self, path: &Path) -> Option<String> {
        self.documents
            .values()
            .find(|d| d.path.as_deref() == Some(path))
            .map(|d| d.text.clone())
            .or_else(|| std::fs::read_to_string(path).ok())
    }

    /// The plans in scope of every project of the workspace, in path order; with `specs`, each
    /// project's spec too.
    pub(super) fn workspace_files(&mut self, specs: bool) -> Vec<WorkspaceFile> {
        let mut paths = Vec::new();
        let roots = match self.walk {
            true => self.roots(),
            // In-process sessions (tests, the fuzz target) never walk the disk.
            false => Vec::new(),
        };
        for root in roots {
            self.project_at(&root);
            let Some(project) = self.projects.get(&root) else {
                continue;
            };
            let ws = &project.ws;
            let scope = crate::scope::Scope::of(ws);
            let found = crate::discover::in_scope(&ws.root, &ws.canonical, &scope);
            paths.extend(found.targets.into_iter().filter_map(|t| match t {
                Target::File(path, _) => Some(path),
                _ => None,
            }));
            if specs {
                paths.extend(ws.spec.as_ref().map(|s| ws.root.join(&s.rel)));
            }
        }
        paths.sort();
        paths.dedup();
        paths
            .into_iter()
            .filter_map(|path| {
                let text = self.text_of(&path)?;
                Some(WorkspaceFile { path, text })
            })
            .collect()
    }

    pub(super) fn workspace_symbols(&mut self, params: Value) -> Result<Value, String> {
        let p: lsp::WorkspaceSymbolParams =
            serde_json::from_value(params).map_err(|e| e.to_string())?;
        let query = p.query.to_lowercase();
        let mut out = Vec::new();
        for file in self.workspace_files(false) {
            let Ok(file_uri) = uri::from_path(&file.path).parse::<lsp::Uri>() else {
                continue;
            };
            let lines = Lines::new(&file.text, self.encoding);
            let plan = planlint_parser::parse(&file.text);
            let title = plan.title.as_ref().map_or_else(
                || {
                    file.path
                        .file_name()
                        .map_or(String::new(), |n| n.to_string_lossy().into())
                },
                |t| t.text.to_string(),
            );
            let mut symbol = |name: &str, kind, span: Span, container: Option<&str>| {
                if name.to_lowercase().contains(&query) {
                    #[allow(deprecated)]
                    out.push(lsp::SymbolInformation {
                        name: name.to_string(),
                        kind,
                        tags: None,
                        deprecated: None,
                        location: lsp::Location::new(file_uri.clone(), lines.range(span)),
                        container_name: container.map(str::to_string),
                    });
                }
            };
            let title_span = plan.title.as_ref().map_or(Span::new(0, 0), |t| t.span);
            symbol(&title, lsp::SymbolKind::FILE, title_span, None);
            for s in &plan.sections {
                symbol(
                    s.raw_title,
                    lsp::SymbolKind::NAMESPACE,
                    s.title_span,
                    Some(&title),
                );
            }
            for d in &plan.decisions {
                let name: String = d.text.chars().take(80).collect();
                symbol(&name, lsp::SymbolKind::KEY, d.span, Some(&title));
            }
        }
        serde_json::to_value(out).map_err(|e| e.to_string())
    }

    pub(super) fn definition(&mut self, params: Value) -> Result<Value, String> {
        let p: lsp::TextDocumentPositionParams =
            serde_json::from_value(params).map_err(|e| e.to_string())?;
        let key = p.text_document.uri.as_str();
        let Some(path) = self.documents.get(key).and_then(|d| d.path.clone()) else {
            return Ok(Value::Null);
        };
        let root = self.project_key(&path);
        let doc = &self.documents[key];
        let lines = Lines::new(&doc.text, self.encoding);
        let at = lines.offset(p.position);
        let plan = planlint_parser::parse(&doc.text);
        let named = plan
            .references
            .iter()
            .find(|r| r.span.start <= at && at <= r.span.end)
            .map(|r| (r.file().to_string(), true))
            .or_else(|| {
                links(&doc.text)
                    .into_iter()
                    .find(|l| l.span.start <= at && at <= l.span.end)
                    .map(|l| (l.target, false))
            });
        let Some((name, from_root)) = named else {
            return Ok(Value::Null);
        };
        let dir = path.parent().map(Path::to_path_buf).unwrap_or_default();
        // A backticked path is from the project root; a link from the plan's folder; each
        // falls back to the other.
        let bases = match (&root, from_root) {
            (Some(root), true) => vec![root.clone(), dir],
            (Some(root), false) => vec![dir, root.clone()],
            (None, _) => vec![dir],
        };
        let found = bases
            .iter()
            .map(|b| b.join(name.trim_end_matches('/')))
            .find(|p| p.is_file());
        let Some(target) = found else {
            return Ok(Value::Null);
        };
        let target: lsp::Uri = uri::from_path(&target)
            .parse()
            .map_err(|_| "not a URI".to_string())?;
        serde_json::to_value(lsp::Location::new(target, lsp::Range::default()))
            .map_err(|e| e.to_string())
    }

    pub(super) fn references(&mut self, params: Value) -> Result<Value, String> {
        let p: lsp::ReferenceParams = serde_json::from_value(params).map_err(|e| e.to_string())?;
        let key = p.text_document_position.text_document.uri.as_str();
        let Some(path) = self.documents.get(key).and_then(|d| d.path.clone()) else {
            return Ok(Value::Array(Vec::new()));
        };
        let Some(root) = self.project_key(&path) else {
            return Ok(Value::Array(Vec::new()));
        };
        let target = canonical(&path);
        let mut out = Vec::new();
        for file in self.workspace_files(true) {
            if canonical(&file.path) == target {
                continue;
            }
            let dir = file
                .path
                .parent()
                .map(Path::to_path_buf)
                .unwrap_or_default();
            let plan = planlint_parser::parse(&file.text);
            let mut naming: Vec<Span> = plan
                .references
                .iter()
                .filter(|r| canonical(&root.join(r.file())) == target)
                .map(|r| r.span)
                .collect();
            naming.extend(
                links(&file.text)
                    .into_iter()
                    .filter(|l| {
                        canonical(&dir.join(&l.target)) == target
                            || canonical(&root.join(&l.target)) == target
                    })
                    .map(|l| l.span),
            );
            naming.sort_by_key(|s| (s.start, s.end));
            let Ok(file_uri) = uri::from_path(&file.path).parse::<lsp::Uri>() else {
                continue;
            };
            let lines = Lines::new(&file.text, self.encoding);
            out.extend(
                naming
                    .into_iter()
                    .map(|s| lsp::Location::new(file_uri.clone(), lines.range(s))),
            );
        }
        serde_json::to_value(out).map_err(|e| e.to_string())
    }
}

fn canonical(path: &Path) -> PathBuf {
    path.canonicalize().unwrap_or_else(|_| path.to_path_buf())
}

/// A Markdown link to a local file: `[text](target)`, its whole span and its target (without
/// a `#fragment` or title).
struct Link {
    span: Span,
    target: String,
}

/// The links to local files in `text`, line by line (a link does not span lines here).
fn links(text: &str) -> Vec<Link> {
    let mut out = Vec::new();
    let mut line_start = 0;
    for line in text.split_inclusive('\n') {
        let mut from = 0;
        while let Some(i) = line[from..].find("](") {
            let close = from + i;
            let open = line[..close].rfind('[');
            let Some(end) = line[close + 2..].find(')').map(|e| close + 2 + e) else {
                break;
            };
            let raw = line[close + 2..end].trim();
            // `<a b.md>` may hold spaces; else a space starts the title.
            let raw = match raw.strip_prefix('<') {
                Some(r) => r.split('>').next().unwrap_or(""),
                None => raw.split(' ').next().unwrap_or(""),
            };
            let target = raw.split('#').next().unwrap_or("");
            let remote = target.contains("://") || target.starts_with("mailto:");
            if let (Some(open), false, false) = (open, remote, target.is_empty()) {
                let target = percent_encoding::percent_decode_str(target)
                    .decode_utf8_lossy()
                    .into_owned();
                out.push(Link {
                    span: Span::new(line_start + open, line_start + end + 1),
                    target,
                });
            }
            from = end;
        }
        line_start += line.len();
    }
    out
}

#[cfg(test)]
mod tests {
    use super::links;

    #[test]
    fn local_links_with_their_spans() {
        let text =
            "See [the other](other.md#top) and [web](https://x.org).\n[計画](<a b.md> \"t\")\n";
        let found: Vec<(usize, usize, String)> = links(text)
            .into_iter()
            .map(|l| (l.span.start, l.span.end, l.target))
            .collect();
        let second = text.find("[計").unwrap();
        assert_eq!(
            found,
            vec![
                (4, 29, "other.md".to_string()),
                (second, text.len() - 1, "a b.md".to_string())
            ]
        );
    }
}
