//! Finding the project root and the plan files to lint.
//!
//! The project root is the nearest ancestor of the working directory holding `planlint.toml`,
//! `.planlint.toml` or `.git`. Folders are walked with the `ignore` crate (so `.gitignore` is
//! honoured, in or out of a git checkout); `README.md` and `PLANS.md` found in folders are not
//! plans. Files named on the command line are always linted.

use std::path::{Path, PathBuf};

/// The nearest ancestor of `cwd` that marks a project root, else `cwd` itself.
pub fn project_root(cwd: &Path) -> PathBuf {
    for dir in cwd.ancestors() {
        if ["planlint.toml", ".planlint.toml", ".git"]
            .iter()
            .any(|m| dir.join(m).exists())
        {
            return dir.to_path_buf();
        }
    }
    cwd.to_path_buf()
}

/// One thing to lint.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Target {
    /// A file on disk, as it will be displayed.
    File(PathBuf),
    /// Standard input.
    Stdin,
    /// A path that could not be walked, with the reason.
    Unreadable(PathBuf, String),
}

/// Whether a file found while walking a folder is a plan candidate.
fn is_plan_file(path: &Path) -> bool {
    let Some(name) = path.file_name().and_then(|n| n.to_str()) else {
        return false;
    };
    let lower = name.to_ascii_lowercase();
    lower.ends_with(".md") && lower != "readme.md" && lower != "plans.md"
}

/// Expand the command-line paths into targets, in a deterministic order. A path that does not
/// exist is an error (usage), returned as `Err(path)`.
pub fn expand(paths: &[PathBuf]) -> Result<Vec<Target>, PathBuf> {
    let mut targets = Vec::new();
    for path in paths {
        if path.as_os_str() == "-" {
            targets.push(Target::Stdin);
            continue;
        }
        let meta = match std::fs::metadata(path) {
            Ok(m) => m,
            Err(e)
                if e.kind() == std::io::ErrorKind::NotFound && path.symlink_metadata().is_err() =>
            {
                return Err(path.clone())
            }
            Err(e) => {
                targets.push(Target::Unreadable(path.clone(), e.to_string()));
                continue;
            }
        };
        if !meta.is_dir() {
            targets.push(Target::File(path.clone()));
            continue;
        }
        let mut found = Vec::new();
        let walker = ignore::WalkBuilder::new(path)
            .hidden(false)
            .require_git(false)
            .filter_entry(|e| e.file_name() != ".git")
            .build();
        for entry in walker {
            match entry {
                Ok(e) => {
                    if e.file_type().is_some_and(|t| t.is_file()) && is_plan_file(e.path()) {
                        found.push(Target::File(e.into_path()));
                    }
                }
                Err(err) => {
                    let p = error_path(&err).unwrap_or_else(|| path.clone());
                    found.push(Target::Unreadable(p, io_reason(&err)));
                }
            }
        }
        found.sort();
        targets.extend(found);
    }
    let mut seen = std::collections::HashSet::new();
    targets.retain(|t| seen.insert(t.clone()));
    Ok(targets)
}

fn error_path(err: &ignore::Error) -> Option<PathBuf> {
    match err {
        ignore::Error::WithPath { path, .. } => Some(path.clone()),
        ignore::Error::WithDepth { err, .. } | ignore::Error::WithLineNumber { err, .. } => {
            error_path(err)
        }
        ignore::Error::Loop { child, .. } => Some(child.clone()),
        _ => None,
    }
}

fn io_reason(err: &ignore::Error) -> String {
    match err {
        ignore::Error::WithPath { err, .. }
        | ignore::Error::WithDepth { err, .. }
        | ignore::Error::WithLineNumber { err, .. } => io_reason(err),
        ignore::Error::Loop { ancestor, .. } => {
            format!("symlink loop back to {}", ancestor.display())
        }
        ignore::Error::Io(e) => e.to_string(),
        other => other.to_string(),
    }
}
