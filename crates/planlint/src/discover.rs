//! Finding the plan files to lint under the project root ([`crate::project`]).
//!
//! Folders are walked with the `ignore` crate (so `.gitignore` is
//! honoured, in or out of a git checkout) and the configured `include`/`exclude` globs;
//! `README.md` and `PLANS.md` found in folders are not plans. Files named on the command line
//! are always linted, unless `--force-exclude` asks for the same scope as a walk (pre-commit
//! passes every staged `.md` file).

use std::path::{Path, PathBuf};

use planlint_rules::Loaded;

use crate::project::{join, relative, Links};

/// One thing to lint.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Target {
    /// A file on disk, with its path from the project root when it lies inside it.
    File(PathBuf, Option<String>),
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
/// exist is a usage error, returned as `Err(path)`.
pub fn expand(
    paths: &[PathBuf],
    root: &Path,
    config: Option<&Loaded>,
    force_exclude: bool,
) -> Result<Vec<Target>, PathBuf> {
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
            let rel = relative(root, path, Links::Follow);
            if !force_exclude || in_scope(rel.as_deref(), config) {
                targets.push(Target::File(path.clone(), rel));
            }
            continue;
        }
        targets.extend(walk(path, root, config));
    }
    if paths.len() > 1 {
        // The same file named twice (or inside two given folders) is linted once.
        let mut seen = std::collections::HashSet::new();
        targets.retain(|t| seen.insert(t.clone()));
    }
    Ok(targets)
}

/// Whether a file named on the command line is in the plans' scope: inside the project, a
/// plan file by name, matched by `include` (by default: under `plans/`), and neither it nor a
/// folder above it excluded.
fn in_scope(rel: Option<&str>, config: Option<&Loaded>) -> bool {
    let Some(rel) = rel else {
        return false;
    };
    if !is_plan_file(Path::new(rel)) {
        return false;
    }
    let included = match config {
        Some(c) if c.has_include() => c.walk_includes(rel),
        _ => rel.starts_with("plans/"),
    };
    let excluded = config.is_some_and(|c| {
        rel.match_indices('/')
            .map(|(i, _)| &rel[..i])
            .chain(std::iter::once(rel))
            .any(|p| c.is_excluded(p))
    });
    included && !excluded
}

fn walk(dir: &Path, root: &Path, config: Option<&Loaded>) -> Vec<Target> {
    let rel = Relative {
        dir: dir.to_path_buf(),
        base: relative(root, dir, Links::Follow),
    };
    let mut builder = ignore::WalkBuilder::new(dir);
    // The project's own ignore files count; the user's global excludes file does not (a run
    // gives the same answer on every machine, and reading git's configuration for it cost a
    // third of a one-file run).
    builder.hidden(false).require_git(false).git_global(false);
    let exclude_cfg = config.cloned();
    let rel_for_filter = rel.clone();
    builder.filter_entry(move |e| {
        if e.file_name() == ".git" {
            return false;
        }
        // The relative path is worked out only when a configuration could exclude it.
        match &exclude_cfg {
            Some(c) => match rel_for_filter.of(e.path()) {
                Some(rel) if !rel.is_empty() => !c.is_excluded(&rel),
                _ => true,
            },
            None => true,
        }
    });
    let mut found = Vec::new();
    for entry in builder.build() {
        match entry {
            Ok(e) => {
                if !e.file_type().is_some_and(|t| t.is_file()) || !is_plan_file(e.path()) {
                    continue;
                }
                let rel = rel.of(e.path());
                if let (Some(c), Some(r)) = (config, rel.as_deref()) {
                    if !c.walk_includes(r) {
                        continue;
                    }
                }
                found.push(Target::File(e.into_path(), rel));
            }
            Err(err) => {
                let p = error_path(&err).unwrap_or_else(|| dir.to_path_buf());
                found.push(Target::Unreadable(p, io_reason(&err)));
            }
        }
    }
    // The order `Target` sorts in (files, then unreadable entries, each by path in component
    // order), by a byte key: `/` becomes the lowest byte, so that comparing the keys compares
    // the components. The walker's paths have no `.` or doubled separators below the folder.
    found.sort_by_cached_key(|t| match t {
        Target::File(p, _) => (0, path_key(p)),
        Target::Stdin => (1, Vec::new()),
        Target::Unreadable(p, _) => (2, path_key(p)),
    });
    found
}

fn path_key(p: &Path) -> Vec<u8> {
    let mut key = p.as_os_str().as_encoded_bytes().to_vec();
    key.iter_mut().filter(|b| **b == b'/').for_each(|b| *b = 0);
    key
}

/// Paths below a walked folder, made relative to the project root from the folder's own.
#[derive(Clone)]
struct Relative {
    dir: PathBuf,
    base: Option<String>,
}

impl Relative {
    fn of(&self, p: &Path) -> Option<String> {
        // The walker's paths are the folder's path as given, then `/` and the rest: a byte
        // prefix, cheaper to cut than components.
        let fast = p
            .as_os_str()
            .as_encoded_bytes()
            .strip_prefix(self.dir.as_os_str().as_encoded_bytes())
            .and_then(|rest| rest.strip_prefix(b"/"))
            .and_then(|rest| std::str::from_utf8(rest).ok());
        let below = match fast {
            Some(rest) => join(Path::new(rest))?,
            None => join(p.strip_prefix(&self.dir).ok()?)?,
        };
        match self.base.as_deref()? {
            "" => Some(below),
            b if below.is_empty() => Some(b.to_string()),
            b => {
                let mut joined = String::with_capacity(b.len() + 1 + below.len());
                joined.push_str(b);
                joined.push('/');
                joined.push_str(&below);
                Some(joined)
            }
        }
    }
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

#[cfg(test)]
mod tests {
    use std::path::Path;

    /// Sorting by the byte key gives the order `Path` gives.
    #[test]
    fn path_key_orders_as_components() {
        let mut paths: Vec<&str> = vec![
            "p/a-b.md",
            "p/a/b.md",
            "p/a.md",
            "p/ab.md",
            "p/a/a.md",
            "p/A.md",
            "p/計画.md",
            "p/a b.md",
            "p/a/b/c.md",
            "p/a0.md",
        ];
        let mut by_key = paths.clone();
        by_key.sort_by_key(|p| super::path_key(Path::new(p)));
        paths.sort_by(|a, b| Path::new(a).cmp(Path::new(b)));
        assert_eq!(by_key, paths);
    }
}
