//! Finding the files to lint under the project root ([`crate::project`]), within the plan
//! scope ([`crate::scope`]).
//!
//! With no path, the project root is walked for the files in scope. A folder named on the
//! command line that holds plans in scope is linted for those; one that holds none is a folder
//! of plans: all its Markdown files but the never-plans list. Folders are walked with the
//! `ignore` crate (`.gitignore` honoured, in or out of a git checkout) and `exclude`. Files
//! named on the command line are always linted, unless `--force-exclude` asks for the scope
//! (pre-commit passes every staged `.md` file).

use std::path::{Path, PathBuf};

use planlint_rules::Loaded;

use crate::project::{join, relative, Links};
use crate::scope::{Scope, Verdict};

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

/// A Markdown file in a plan place that was passed over, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Skipped {
    pub path: PathBuf,
    pub reason: &'static str,
}

/// What the command-line paths expand to.
pub struct Expanded {
    pub targets: Vec<Target>,
    /// Folders named on the command line that hold no plan.
    pub empty_folders: Vec<PathBuf>,
    /// Markdown files in plan places passed over, with the reason.
    pub skipped: Vec<Skipped>,
}

/// Expand the command-line paths into targets, in a deterministic order. A path that does not
/// exist is a usage error, returned as `Err(path)`.
pub fn expand(
    paths: &[PathBuf],
    root: &Path,
    scope: &Scope<'_>,
    force_exclude: bool,
) -> Result<Expanded, PathBuf> {
    let mut out = Expanded {
        targets: Vec::new(),
        empty_folders: Vec::new(),
        skipped: Vec::new(),
    };
    for path in paths {
        if path.as_os_str() == "-" {
            out.targets.push(Target::Stdin);
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
                out.targets
                    .push(Target::Unreadable(path.clone(), e.to_string()));
                continue;
            }
        };
        if !meta.is_dir() {
            let rel = relative(root, path, Links::Follow);
            let in_scope = || rel.as_deref().is_some_and(|r| is_plan(scope, r, path));
            if !force_exclude || in_scope() {
                out.targets.push(Target::File(path.clone(), rel));
            }
            continue;
        }
        let found = walk(path, root, scope, Walk::Folder);
        if !found.targets.iter().any(|t| matches!(t, Target::File(..))) {
            out.empty_folders.push(path.clone());
        }
        out.targets.extend(found.targets);
        out.skipped.extend(found.skipped);
    }
    if paths.len() > 1 {
        // The same file named twice (or inside two given folders) is linted once.
        let mut seen = std::collections::HashSet::new();
        out.targets.retain(|t| seen.insert(t.clone()));
    }
    Ok(out)
}

/// The plans in scope under the project root, for a run with no path, and the files in plan
/// places passed over. `shown` is the root as the user sees it (`.` from the root itself).
pub fn in_scope(shown: &Path, root: &Path, scope: &Scope<'_>) -> Found {
    walk(shown, root, scope, Walk::Root)
}

/// What a walk found.
pub struct Found {
    pub targets: Vec<Target>,
    pub skipped: Vec<Skipped>,
    /// Every file and folder a walk of the whole project saw (from the root, and whether it is a
    /// folder), for `missing-reference`'s index ([`crate::project::DiskProject::seed`]); `None`
    /// where the walk was not the whole project's.
    pub entries: Option<Vec<(String, bool)>>,
}

/// Whether the file at `rel` (from the project root) is a plan in scope; a `PLANS.md` is read
/// to tell.
fn is_plan(scope: &Scope<'_>, rel: &str, path: &Path) -> bool {
    match scope.verdict(rel) {
        Verdict::Plan => true,
        Verdict::NotPlan => false,
        Verdict::IfItIsAPlan => {
            std::fs::read_to_string(path).is_ok_and(|t| planlint_rules::spec::is_plan_itself(&t))
        }
    }
}

/// The files in plan places that `.gitignore` (or `.ignore`) hides, as paths from the root, for
/// the message when nothing is in scope.
pub fn ignored_plans(root: &Path, scope: &Scope<'_>) -> Vec<String> {
    let mut builder = ignore::WalkBuilder::new(root);
    builder
        .hidden(false)
        .ignore(false)
        .git_ignore(false)
        .git_exclude(false)
        .git_global(false)
        // Folders of build output and installed packages hold no plans and can be huge.
        .filter_entry(|e| {
            !matches!(
                e.file_name().to_str(),
                Some(".git" | "node_modules" | "target" | ".venv" | "venv" | "vendor" | "dist")
            )
        });
    let mut out: Vec<String> = builder
        .build()
        .flatten()
        .filter(|e| e.file_type().is_some_and(|t| t.is_file()))
        .filter_map(|e| join(e.path().strip_prefix(root).ok()?))
        .filter(|rel| scope.verdict(rel) == Verdict::Plan)
        .collect();
    out.sort();
    out
}

/// Whether the file at `path` declares itself an ExecPlan (see
/// [`Scope::declares`]); an unreadable file does not.
fn declares(scope: &Scope<'_>, path: &Path) -> bool {
    use std::io::Read;
    // The declaration stands at the top: a huge file elsewhere in the project is not read whole.
    let mut head = Vec::new();
    let read =
        std::fs::File::open(path).and_then(|f| f.take(DECLARATION_BYTES).read_to_end(&mut head));
    read.is_ok() && scope.declares(&String::from_utf8_lossy(&head))
}

/// How much of a file outside the plan places is read for an ExecPlan declaration.
const DECLARATION_BYTES: u64 = 64 * 1024;

/// How a walk chooses its files.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Walk {
    /// The project root: the plans in scope only.
    Root,
    /// A folder named on the command line: the plans in scope under it, else (no `include`
    /// configured) every Markdown file but the never-plans list.
    Folder,
}

fn walk(dir: &Path, root: &Path, scope: &Scope<'_>, how: Walk) -> Found {
    let rel = Relative {
        dir: dir.to_path_buf(),
        base: relative(root, dir, Links::Follow),
    };
    let mut walked = Walked::default();
    // The whole project, every folder walked (no `exclude` leaves one out): what it sees is the
    // project's index of files, which `missing-reference` would otherwise walk again for.
    let whole = how == Walk::Root && scope.config().is_none_or(|c| !c.has_exclude());
    let mut entries: Option<Vec<(String, bool)>> = whole.then(Vec::new);
    for entry in walker(dir, scope, &rel) {
        match entry {
            Ok(e) => {
                if let Some(list) = entries.as_mut().filter(|_| e.depth() > 0) {
                    if let Some(r) = e.path().strip_prefix(dir).ok().and_then(join) {
                        list.push((r, e.file_type().is_some_and(|t| t.is_dir())));
                    }
                }
                walked.take(e, &rel, scope, how)
            }
            Err(err) => {
                let p = error_path(&err).unwrap_or_else(|| dir.to_path_buf());
                walked
                    .unreadable
                    .push(Target::Unreadable(p, io_reason(&err)));
            }
        }
    }
    let (mut found, skipped) = walked.assemble(how, scope);
    // Tracked files are never ignored: a walk of the whole project adds the plans git keeps
    // although `.gitignore` matches them.
    if how == Walk::Root && !scope.configured() {
        add_tracked_but_ignored(&mut found, dir, root, scope);
        add_ignored_in_spec_folders(&mut found, dir, root, scope);
    }
    let mut found = ordered(found, skipped);
    found.entries = entries;
    found
}

/// The walker over `dir`: the project's own ignore files and the configuration's `exclude`
/// honoured, `.git` passed over.
fn walker(dir: &Path, scope: &Scope<'_>, rel: &Relative) -> ignore::Walk {
    let mut builder = ignore::WalkBuilder::new(dir);
    // The project's own ignore files count; the user's global excludes file does not (a run
    // gives the same answer on every machine, and reading git's configuration for it cost a
    // third of a one-file run).
    builder.hidden(false).require_git(false).git_global(false);
    let exclude_cfg: Option<Loaded> = scope.config().cloned();
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
    builder.build()
}

/// What a walk has taken so far, each file by what decided it.
#[derive(Default)]
struct Walked {
    /// Files in scope.
    plans: Vec<Target>,
    /// The other Markdown files of a folder named on the command line.
    others: Vec<Target>,
    /// Files out of scope that declare themselves ExecPlans.
    declared_plans: Vec<Target>,
    unreadable: Vec<Target>,
    skipped: Vec<Skipped>,
    /// Files of a folder named on the command line passed over by name outside plan places:
    /// listed if the folder turns out to be a folder of plans.
    folder_skipped: Vec<Skipped>,
}

impl Walked {
    /// Decide one walked entry: a plan, one of a folder's other files, a declared plan, a file
    /// in a plan place passed over (and why), or nothing.
    fn take(&mut self, e: ignore::DirEntry, rel: &Relative, scope: &Scope<'_>, how: Walk) {
        let is_md = e
            .file_name()
            .to_str()
            .is_some_and(|n| n.len() > 3 && n[n.len() - 3..].eq_ignore_ascii_case(".md"));
        if !is_md || !e.file_type().is_some_and(|t| t.is_file()) {
            return;
        }
        let r = rel.of(e.path());
        // Outside the project (a folder named from elsewhere), the name alone decides.
        let name_only = e.file_name().to_string_lossy().into_owned();
        let key = r.as_deref().unwrap_or(&name_only);
        let skipped = &mut self.skipped;
        let folder_skipped = &mut self.folder_skipped;
        let mut skip = |reason| {
            let passed = Skipped {
                path: e.path().to_path_buf(),
                reason,
            };
            if scope.in_place(key) || (!scope.configured() && scope.named_as_execplan(key)) {
                skipped.push(passed);
            } else if how == Walk::Folder && !scope.configured() {
                folder_skipped.push(passed);
            }
        };
        if let Some(reason) = scope.never_reason(key) {
            // A name that says tracker or queue yields to a text with a plan's skeleton.
            let text = matches!(reason, crate::scope::TRACKER | crate::scope::WRITEUP)
                .then(|| std::fs::read(e.path()).ok())
                .flatten()
                .map(|b| String::from_utf8_lossy(&b).into_owned());
            // … or to one that declares itself an ExecPlan ("This ExecPlan is a living
            // document"): `plan-011-job-queue.md`, `perf-investigation.md` may plan work.
            let skeleton = text
                .as_deref()
                .is_some_and(|t| planlint_rules::spec::has_plan_skeleton(t) || scope.declares(t));
            if skeleton && scope.in_place(key) {
                self.plans.push(Target::File(e.into_path(), r));
            } else if skeleton && !scope.configured() && text.is_some_and(|t| scope.declares(&t)) {
                self.declared_plans.push(Target::File(e.into_path(), r));
            } else {
                skip(reason);
            }
            return;
        }
        match scope.verdict(key) {
            Verdict::Plan => match std::fs::read(e.path()) {
                // A file in a plan place must also read as a plan.
                // Text only: a file that is not UTF-8 text, or empty, is linted and
                // gets its `encoding` or empty-plan finding.
                Ok(bytes) => match readable_text(&bytes).and_then(|t| scope.not_a_plan(t)) {
                    Some(reason) => skip(reason),
                    None => self.plans.push(Target::File(e.into_path(), r)),
                },
                // Unreadable or vanished: the lint step reports it.
                Err(_) => self.plans.push(Target::File(e.into_path(), r)),
            },
            Verdict::IfItIsAPlan => {
                if is_plan(scope, key, e.path()) {
                    self.plans.push(Target::File(e.into_path(), r));
                } else {
                    skip("a PLANS.md that is not itself a plan");
                }
            }
            // A folder named on the command line keeps the rest until it is known
            // whether it holds plan places (else every file of it is linted).
            Verdict::NotPlan if how == Walk::Folder && !scope.configured() => {
                self.others.push(Target::File(e.into_path(), r));
            }
            // Anywhere else under the root, a file that declares itself an ExecPlan is one.
            Verdict::NotPlan => {
                if !scope.configured() && declares(scope, e.path()) {
                    self.declared_plans.push(Target::File(e.into_path(), r));
                } else if !scope.configured() && scope.named_as_execplan(key) {
                    // Named as an ExecPlan, which makes a plan place where the spec does not
                    // say where its plans live: passed over, and said so.
                    self.skipped.push(Skipped {
                        path: e.path().to_path_buf(),
                        reason: "named as an ExecPlan, outside the spec's plan places, without the living-document sentence",
                    });
                }
            }
        }
    }

    /// The targets the walk found (the unreadable entries last), and the files passed over.
    fn assemble(self, how: Walk, scope: &Scope<'_>) -> (Vec<Target>, Vec<Skipped>) {
        let Walked {
            mut plans,
            others,
            declared_plans,
            unreadable,
            mut skipped,
            folder_skipped,
        } = self;
        // A folder with no plan place is a folder of plans: all its Markdown files that read as
        // plans (the others are passed over, and said so). One that holds plan places is linted
        // for those, and for the files that declare themselves ExecPlans.
        let mut found = if plans.is_empty() && how == Walk::Folder {
            skipped.extend(folder_skipped);
            let mut kept = Vec::with_capacity(others.len());
            for t in others {
                let reason = match &t {
                    Target::File(p, _) => std::fs::read(p).ok().and_then(|bytes| {
                        readable_text(&bytes).and_then(|text| scope.not_a_plan(text))
                    }),
                    _ => None,
                };
                match (reason, t) {
                    (Some(reason), Target::File(path, _)) => skipped.push(Skipped { path, reason }),
                    (_, t) => kept.push(t),
                }
            }
            kept
        } else {
            plans.extend(declared_plans);
            plans.extend(others.into_iter().filter(|t| match t {
                Target::File(p, _) => declares(scope, p),
                _ => false,
            }));
            plans
        };
        found.extend(unreadable);
        (found, skipped)
    }
}

/// The text a file's content reads as when its text can tell whether it is a plan: UTF-8, not
/// empty, no NUL. Otherwise it is linted, and gets its `encoding` or empty-plan finding.
fn readable_text(bytes: &[u8]) -> Option<&str> {
    simdutf8::basic::from_utf8(bytes)
        .ok()
        .filter(|t| !t.trim().is_empty() && memchr::memchr(0, t.as_bytes()).is_none())
}

/// Add to `found` the plans in `dir` (the project root) that git tracks although `.gitignore`
/// matches them.
fn add_tracked_but_ignored(found: &mut Vec<Target>, dir: &Path, root: &Path, scope: &Scope<'_>) {
    for rel_path in crate::git::tracked_but_ignored(root) {
        let path = dir.join(&rel_path);
        let known = |t: &Target| matches!(t, Target::File(p, _) if *p == path);
        if found.iter().any(known) || scope.never(&rel_path) {
            continue;
        }
        let text = std::fs::read(&path).map(|b| String::from_utf8_lossy(&b).into_owned());
        let plan = match scope.verdict(&rel_path) {
            Verdict::Plan => text.is_ok_and(|t| scope.not_a_plan(&t).is_none()),
            Verdict::IfItIsAPlan => is_plan(scope, &rel_path, &path),
            Verdict::NotPlan => text.is_ok_and(|t| scope.declares(&t)),
        };
        if plan {
            found.push(Target::File(path, Some(rel_path)));
        }
    }
}

/// Add to `found` the plans that `.gitignore` hides in the folders the spec names for plans: the
/// spec says plans are written there, so they are plans whether or not they are committed (a
/// team that keeps its plans local ignores their folder, yet lints them before it shares them).
fn add_ignored_in_spec_folders(
    found: &mut Vec<Target>,
    dir: &Path,
    root: &Path,
    scope: &Scope<'_>,
) {
    for folder in scope.spec_folders() {
        let base = root.join(folder);
        if !base.is_dir() {
            continue;
        }
        let mut builder = ignore::WalkBuilder::new(&base);
        builder.standard_filters(false).filter_entry(|e| {
            !matches!(
                e.file_name().to_str(),
                Some(".git" | "node_modules" | "target" | ".venv" | "venv" | "vendor" | "dist")
            )
        });
        for e in builder.build().flatten() {
            let is_file = e.file_type().is_some_and(|t| t.is_file());
            let Some(rel_path) = e.path().strip_prefix(root).ok().and_then(join) else {
                continue;
            };
            if !is_file || !rel_path.to_ascii_lowercase().ends_with(".md") || scope.never(&rel_path)
            {
                continue;
            }
            let path = dir.join(&rel_path);
            if found
                .iter()
                .any(|t| matches!(t, Target::File(p, _) if *p == path))
            {
                continue;
            }
            let plan = scope.verdict(&rel_path) == Verdict::Plan
                && std::fs::read(e.path())
                    .is_ok_and(|b| scope.not_a_plan(&String::from_utf8_lossy(&b)).is_none());
            if plan {
                found.push(Target::File(path, Some(rel_path)));
            }
        }
    }
}

/// The walk's findings in the order `Target` sorts in, the files passed over by path.
fn ordered(mut found: Vec<Target>, mut skipped: Vec<Skipped>) -> Found {
    // The order `Target` sorts in (files, then unreadable entries, each by path in component
    // order), by a byte key: `/` becomes the lowest byte, so that comparing the keys compares
    // the components. The walker's paths have no `.` or doubled separators below the folder.
    found.sort_by_cached_key(|t| match t {
        Target::File(p, _) => (0, path_key(p)),
        Target::Stdin => (1, Vec::new()),
        Target::Unreadable(p, _) => (2, path_key(p)),
    });
    skipped.sort_by_cached_key(|s| path_key(&s.path));
    Found {
        targets: found,
        skipped,
        entries: None,
    }
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
