//! The project on disk: its root (the nearest ancestor holding `planlint.toml`,
//! `.planlint.toml` or `.git`), paths made relative to a root, and the answers
//! `missing-reference` asks for (does this path exist inside the project?).

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use planlint_rules::Project;

/// The nearest ancestor of `cwd` that marks a project root, else `cwd` itself.
pub fn project_root(cwd: &Path) -> PathBuf {
    marked_root(cwd).unwrap_or_else(|| cwd.to_path_buf())
}

/// The nearest ancestor of `dir` (itself included) holding `planlint.toml`, `.planlint.toml`
/// or `.git`.
pub fn marked_root(dir: &Path) -> Option<PathBuf> {
    dir.ancestors()
        .find(|d| {
            crate::config::FILE_NAMES
                .iter()
                .chain(&[".git"])
                .any(|m| d.join(m).exists())
        })
        .map(Path::to_path_buf)
}

/// How [`relative`] treats the path's last component when it is a link.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Links {
    /// Resolve the path through its links (a file's real place); a path that does not exist
    /// is placed by its folder.
    Follow,
    /// Keep the name as written and resolve only its folder (git tracks the link itself).
    Keep,
}

/// The `/`-separated path of `path` from `root` (a canonical path), if it lies inside it. The
/// one helper for every "path from the root" in the command line: discovery, configuration
/// scopes, `--stdin-filename`, and git's repository paths.
pub fn relative(root: &Path, path: &Path, links: Links) -> Option<String> {
    let resolved = match links {
        Links::Follow => path.canonicalize().ok(),
        Links::Keep => None,
    };
    let full = match resolved {
        Some(full) => full,
        None => {
            let abs = if path.is_absolute() {
                path.to_path_buf()
            } else {
                std::env::current_dir().ok()?.join(path)
            };
            abs.parent()?.canonicalize().ok()?.join(abs.file_name()?)
        }
    };
    join(full.strip_prefix(root).ok()?)
}

/// A relative path's components joined with `/`.
pub(crate) fn join(rel: &Path) -> Option<String> {
    if std::path::MAIN_SEPARATOR == '/' {
        if let Some(s) = rel.to_str() {
            // Already `/`-separated: the same as joining the components unless it is absolute
            // or holds `.` components or doubled separators.
            let plain = !s.starts_with('/')
                && !s.starts_with("./")
                && !s.contains("/./")
                && !s.contains("//")
                && !s.ends_with("/.")
                && s != ".";
            if plain {
                return Some(s.trim_end_matches('/').to_string());
            }
        }
    }
    let parts: Vec<String> = rel
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    Some(parts.join("/"))
}

/// The project on disk, for `missing-reference`: answers only for paths inside the root.
/// Answers are cached: plans in one folder cite the same files again and again, and each
/// answer costs a few system calls.
pub struct DiskProject {
    root: PathBuf,
    cache: std::sync::RwLock<HashMap<String, bool>>,
    /// The answers of [`Project::ignored`], by path.
    ignored_cache: std::sync::RwLock<HashMap<String, bool>>,
    /// The `.gitignore` of each folder asked about (from the root, `""` for the root itself,
    /// which also holds `.git/info/exclude`); `None` where the folder has none.
    ignores: std::sync::RwLock<HashMap<String, Option<ignore::gitignore::Gitignore>>>,
    /// Every file and folder of the project by name, for [`Project::found_below`]: walked the
    /// first time a path is missing, and kept for a while across [`DiskProject::forget`] (the
    /// language server lints on every keystroke; a walk each time would cost too much).
    names: Mutex<Option<(Instant, Arc<Names>)>>,
}

/// The project's files and folders by their last component: each one's path from the root, and
/// whether it is a folder.
type Names = HashMap<String, Vec<(String, bool)>>;

/// How long the language server trusts a walk of the project.
const NAMES_FRESH: Duration = Duration::from_secs(30);

/// The most entries a walk for [`Project::found_below`] reads: beyond it, paths written from a
/// module stay reported rather than the walk costing more than the lint.
const NAMES_LIMIT: usize = 400_000;

impl DiskProject {
    pub fn new(root: &Path) -> Self {
        DiskProject {
            root: root.canonicalize().unwrap_or_else(|_| root.to_path_buf()),
            cache: Default::default(),
            ignored_cache: Default::default(),
            ignores: Default::default(),
            names: Mutex::new(None),
        }
    }

    /// Forget every answer: the files may have changed since (the language server asks again
    /// on each lint).
    pub fn forget(&self) {
        for cache in [&self.cache, &self.ignored_cache] {
            if let Ok(mut c) = cache.write() {
                c.clear();
            }
        }
        if let Ok(mut c) = self.ignores.write() {
            c.clear();
        }
    }

    /// Whether the `.gitignore` of `folder` (from the root) matches `rest` (from that folder)
    /// or a folder above it.
    fn ignored_in(&self, folder: &str, rest: &str) -> bool {
        let check = |g: &Option<ignore::gitignore::Gitignore>| {
            g.as_ref().is_some_and(|g| {
                g.matched_path_or_any_parents(rest.trim_end_matches('/'), rest.ends_with('/'))
                    .is_ignore()
            })
        };
        if let Some(known) = self
            .ignores
            .read()
            .ok()
            .and_then(|c| c.get(folder).map(check))
        {
            return known;
        }
        let dir = self.root.join(folder);
        let mut builder = ignore::gitignore::GitignoreBuilder::new(&dir);
        let mut any = false;
        let mut files = vec![dir.join(".gitignore")];
        if folder.is_empty() {
            files.push(dir.join(".git/info/exclude"));
        }
        for file in files.into_iter().filter(|f| f.is_file()) {
            // A line that does not parse is passed over; the others still count.
            let _ = builder.add(file);
            any = true;
        }
        let built = any.then(|| builder.build().ok()).flatten();
        let answer = check(&built);
        if let Ok(mut c) = self.ignores.write() {
            c.insert(folder.to_string(), built);
        }
        answer
    }

    /// The canonical project root.
    pub fn root(&self) -> &Path {
        &self.root
    }

    fn look(&self, path: &str) -> bool {
        let full = self.root.join(path.trim_end_matches('/'));
        // The final component is not followed (a link that leaves the project still exists
        // here); its folder must resolve inside the root.
        let parent_inside = full
            .parent()
            .and_then(|p| p.canonicalize().ok())
            .is_some_and(|p| p.starts_with(&self.root));
        parent_inside && full.symlink_metadata().is_ok()
    }
}

impl Project for DiskProject {
    fn exists(&self, path: &str) -> bool {
        remembered(&self.cache, path, || self.look(path))
    }

    /// Asked of the `.gitignore` in the root and in each folder on the way down to `path`.
    fn ignored(&self, path: &str) -> bool {
        remembered(&self.ignored_cache, path, || self.ignored_now(path))
    }

    fn found_below(&self, path: &str) -> bool {
        let folder = path.ends_with('/');
        let path = path.trim_end_matches('/');
        let Some((_, name)) = path.rsplit_once('/') else {
            return false;
        };
        let names = self.names();
        names.get(name).is_some_and(|found| {
            found.iter().any(|(full, is_dir)| {
                (!folder || *is_dir)
                    && full.len() > path.len()
                    && full.ends_with(path)
                    && full.as_bytes()[full.len() - path.len() - 1] == b'/'
            })
        })
    }
}

/// The answer `cache` holds for `key`, else `answer()`, kept.
fn remembered(
    cache: &std::sync::RwLock<HashMap<String, bool>>,
    key: &str,
    answer: impl FnOnce() -> bool,
) -> bool {
    if let Some(known) = cache.read().ok().and_then(|c| c.get(key).copied()) {
        return known;
    }
    let found = answer();
    if let Ok(mut c) = cache.write() {
        c.insert(key.to_string(), found);
    }
    found
}

impl DiskProject {
    /// The project's files and folders by name: walked once (and again after
    /// [`NAMES_FRESH`]), honouring `.gitignore` as discovery does, links not followed.
    fn names(&self) -> Arc<Names> {
        let mut held = self.names.lock().unwrap_or_else(|e| e.into_inner());
        if let Some((at, names)) = held.as_ref() {
            if at.elapsed() < NAMES_FRESH {
                return Arc::clone(names);
            }
        }
        let names = Arc::new(self.walk_names());
        *held = Some((Instant::now(), Arc::clone(&names)));
        names
    }

    /// The index from a walk discovery already made of the whole project: the same files, the
    /// same ignore files honoured, so no second walk.
    pub fn seed(&self, entries: Vec<(String, bool)>) {
        let mut names = Names::new();
        for (rel, is_dir) in entries.into_iter().take(NAMES_LIMIT) {
            let name = rel.rsplit('/').next().unwrap_or(&rel).to_string();
            names.entry(name).or_default().push((rel, is_dir));
        }
        let mut held = self.names.lock().unwrap_or_else(|e| e.into_inner());
        *held = Some((Instant::now(), Arc::new(names)));
    }

    /// Walk the project for [`DiskProject::names`].
    fn walk_names(&self) -> Names {
        let mut names = Names::new();
        let mut walk = ignore::WalkBuilder::new(&self.root);
        // As discovery walks: the project's own ignore files, never git's global configuration
        // (reading it costs more than the walk of a small project).
        walk.hidden(false)
            .require_git(false)
            .git_global(false)
            .filter_entry(|e| e.file_name() != ".git");
        for entry in walk.build().flatten().skip(1).take(NAMES_LIMIT) {
            let Some(rel) = entry.path().strip_prefix(&self.root).ok().and_then(join) else {
                continue;
            };
            let name = rel.rsplit('/').next().unwrap_or(&rel).to_string();
            let is_dir = entry.file_type().is_some_and(|t| t.is_dir());
            names.entry(name).or_default().push((rel, is_dir));
        }
        names
    }

    /// [`Project::ignored`], worked out.
    fn ignored_now(&self, path: &str) -> bool {
        let mut folder_end = 0;
        loop {
            let (folder, rest) = (&path[..folder_end], &path[folder_end..]);
            let folder = folder.trim_end_matches('/');
            if self.ignored_in(folder, rest) {
                return true;
            }
            match rest.find('/') {
                // Folders only: the last component is the path itself.
                Some(i) if i + 1 < rest.len() => folder_end += i + 1,
                _ => return false,
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::join;
    use std::path::Path;

    /// The fast path agrees with joining the components one by one.
    #[test]
    fn join_matches_the_components() {
        for p in [
            "",
            ".",
            "a",
            "a/b.md",
            "a/b/",
            "./a",
            "a/./b",
            "a//b",
            "/a/b",
            "a/.",
            "a/..",
            "../a",
            "a/../b",
            "plans/ja/計画.md",
        ] {
            let slow = Path::new(p)
                .components()
                .map(|c| c.as_os_str().to_string_lossy().into_owned())
                .collect::<Vec<_>>()
                .join("/");
            assert_eq!(join(Path::new(p)).as_deref(), Some(slow.as_str()), "{p:?}");
        }
    }
}
