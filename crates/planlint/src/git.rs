//! Reading plans as they were at a git revision, and which files changed since one.
//!
//! Git is run as a subprocess (`git` on `PATH`), as pre-commit and CI runners have it: one
//! `git cat-file --batch` reads every old version, one `git diff` and one `git ls-files` list
//! what changed. Paths cross this boundary relative to the repository's top level.

use std::collections::{HashMap, HashSet};
use std::io::{BufRead, BufReader, Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use crate::error::Error;
use crate::project::{relative, Links};

/// A git repository and a revision in it that exists.
pub struct Revision {
    /// The repository's top level (canonical).
    top: PathBuf,
    /// The revision as the user wrote it.
    pub name: String,
    /// The commit it names.
    commit: String,
}

fn git(dir: &Path) -> Command {
    let mut cmd = Command::new("git");
    cmd.current_dir(dir)
        .env("GIT_OPTIONAL_LOCKS", "0")
        .env_remove("GIT_DIR")
        .env_remove("GIT_WORK_TREE");
    cmd
}

/// Run git and return its standard output, or a message naming what failed.
fn output(dir: &Path, args: &[&str]) -> Result<Vec<u8>, String> {
    let out = git(dir)
        .args(args)
        .stdin(Stdio::null())
        .output()
        .map_err(|e| format!("cannot run git: {e}"))?;
    if out.status.success() {
        Ok(out.stdout)
    } else {
        Err(String::from_utf8_lossy(&out.stderr).trim().to_string())
    }
}

/// A child process that is waited for when dropped, so none is left behind on an early return.
struct Reaped(std::process::Child);

impl Drop for Reaped {
    fn drop(&mut self) {
        if let Ok(None) = self.0.try_wait() {
            let _ = self.0.kill();
        }
        let _ = self.0.wait();
    }
}

/// `git cat-file --batch` answers, one per path asked for, in order.
fn read_batch(
    mut reader: impl BufRead,
    paths: &[&String],
) -> Result<HashMap<String, Vec<u8>>, String> {
    let mut found = HashMap::new();
    for path in paths {
        let mut header = String::new();
        if reader.read_line(&mut header).map_err(|e| e.to_string())? == 0 {
            return Err("git cat-file stopped before answering".into());
        }
        let fields: Vec<&str> = header.split_whitespace().collect();
        // `<name> missing` or `<name> ambiguous` when the path is not at this revision.
        if let [_, kind, size] = fields.as_slice() {
            let size: usize = size.parse().map_err(|_| "bad git output".to_string())?;
            let mut body = vec![0; size + 1];
            reader.read_exact(&mut body).map_err(|e| e.to_string())?;
            body.pop();
            if *kind == "blob" {
                found.insert((*path).clone(), body);
            }
        }
    }
    Ok(found)
}

impl Revision {
    /// The commit the revision names.
    pub fn commit(&self) -> &str {
        &self.commit
    }

    /// Resolve `rev` in the repository holding `dir`; a clear message when there is no
    /// repository or no such revision.
    pub fn resolve(dir: &Path, rev: &str, flag: &str) -> Result<Self, Error> {
        let top = output(dir, &["rev-parse", "--show-toplevel"]).map_err(|e| {
            Error::Usage(format!(
                "{flag} needs a git repository, and {} is not in one ({e})",
                dir.display()
            ))
        })?;
        let top = PathBuf::from(String::from_utf8_lossy(&top).trim_end_matches(['\n', '\r']));
        let top = top.canonicalize().unwrap_or(top);
        if rev.starts_with('-') {
            return Err(Error::Usage(format!("{flag} `{rev}`: not a git revision")));
        }
        let spec = format!("{rev}^{{commit}}");
        let commit = output(
            &top,
            &[
                "rev-parse",
                "--verify",
                "--quiet",
                "--end-of-options",
                &spec,
            ],
        )
        .ok()
        .map(|o| String::from_utf8_lossy(&o).trim().to_string())
        .filter(|c| !c.is_empty())
        .ok_or_else(|| {
            Error::Usage(format!(
                "{flag} `{rev}`: no such revision in the repository at {}",
                top.display()
            ))
        })?;
        Ok(Revision {
            top,
            name: rev.to_string(),
            commit,
        })
    }

    /// A path on disk as git names it from the top level (`/`-separated), if inside the
    /// repository.
    pub fn repo_path(&self, path: &Path) -> Option<String> {
        // The file itself may be gone (stdin names a path); its folder must exist.
        relative(&self.top, path, Links::Keep)
    }

    /// The contents at this revision of each repository path that exists there. Paths that
    /// did not exist are absent from the map.
    pub fn read(&self, paths: &[String]) -> Result<HashMap<String, Vec<u8>>, Error> {
        self.read_all(paths).map_err(Error::Io)
    }

    fn read_all(&self, paths: &[String]) -> Result<HashMap<String, Vec<u8>>, String> {
        let paths: Vec<&String> = paths.iter().filter(|p| !p.contains(['\n', '\r'])).collect();
        if paths.is_empty() {
            return Ok(HashMap::new());
        }
        let child = git(&self.top)
            .args(["cat-file", "--batch"])
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .map_err(|e| format!("cannot run git: {e}"))?;
        // Reaped on every path out of here, an early error included.
        let mut child = Reaped(child);
        let mut stdin = child.0.stdin.take().ok_or("cannot write to git")?;
        let mut stderr = child.0.stderr.take().ok_or("cannot read git's errors")?;
        let requests: String = paths
            .iter()
            .map(|p| format!("{}:{p}\n", self.commit))
            .collect();
        // Write from another thread so that a full output pipe cannot block the input; read
        // git's errors on a third, for the same reason.
        let writer = std::thread::spawn(move || stdin.write_all(requests.as_bytes()));
        let errors = std::thread::spawn(move || {
            let mut text = String::new();
            let _ = stderr.read_to_string(&mut text);
            text
        });
        let stdout = child.0.stdout.take().ok_or("cannot read from git")?;
        let read = read_batch(BufReader::new(stdout), &paths);
        let wrote = writer.join();
        let status = child.0.wait().map_err(|e| format!("git cat-file: {e}"))?;
        let message = errors.join().unwrap_or_default();
        if !status.success() {
            let message = message.trim();
            return Err(if message.is_empty() {
                format!("git cat-file failed ({status})")
            } else {
                format!("git cat-file failed: {message}")
            });
        }
        match wrote {
            Ok(Ok(())) => {}
            Ok(Err(e)) => return Err(format!("cannot write to git cat-file: {e}")),
            Err(_) => return Err("cannot write to git cat-file".into()),
        }
        read
    }

    /// Repository paths of files that differ from this revision in the working tree (tracked
    /// changes, staged or not, and files git does not track yet but does not ignore).
    pub fn changed(&self) -> Result<HashSet<String>, Error> {
        self.changed_names().map_err(Error::Io)
    }

    /// Files renamed since this revision: new path → old path (`git diff -M` against the
    /// revision, staged or not).
    pub fn renames(&self) -> Result<HashMap<String, String>, Error> {
        let diff = output(
            &self.top,
            &[
                "diff",
                "--name-status",
                "-z",
                "-M",
                "--no-ext-diff",
                &self.commit,
                "--",
            ],
        )
        .map_err(Error::Io)?;
        let mut renames = HashMap::new();
        let mut fields = diff.split(|&b| b == 0);
        while let Some(status) = fields.next() {
            if status.is_empty() {
                continue;
            }
            let copies_or_renames = matches!(status.first(), Some(b'R' | b'C'));
            let Some(first) = fields.next() else { break };
            if copies_or_renames {
                let Some(second) = fields.next() else { break };
                if status.first() == Some(&b'R') {
                    if let (Ok(old), Ok(new)) =
                        (std::str::from_utf8(first), std::str::from_utf8(second))
                    {
                        renames.insert(new.to_string(), old.to_string());
                    }
                }
            }
        }
        Ok(renames)
    }

    fn changed_names(&self) -> Result<HashSet<String>, String> {
        let mut set = HashSet::new();
        let diff = output(
            &self.top,
            &[
                "diff",
                "--name-only",
                "-z",
                "--no-renames",
                "--no-ext-diff",
                &self.commit,
                "--",
            ],
        )?;
        let untracked = output(
            &self.top,
            &["ls-files", "-z", "--others", "--exclude-standard"],
        )?;
        for name in diff.split(|&b| b == 0).chain(untracked.split(|&b| b == 0)) {
            if let Ok(s) = std::str::from_utf8(name) {
                if !s.is_empty() {
                    set.insert(s.to_string());
                }
            }
        }
        Ok(set)
    }
}

/// The Markdown files git tracks under `root` although `.gitignore` matches them (a plans
/// folder ignored for local drafts whose plans are committed all the same): git never ignores a
/// tracked file, and neither does the plan scope. Paths from `root`; none when `root` is not a
/// git work tree or git cannot be run (the walk alone then decides).
pub fn tracked_but_ignored(root: &Path) -> Vec<String> {
    if !root.join(".git").exists() {
        return Vec::new();
    }
    let args = [
        "ls-files",
        "-z",
        "--cached",
        "--ignored",
        "--exclude-standard",
        "--",
        "*.md",
        "*.MD",
    ];
    match output(root, &args) {
        Ok(out) => out
            .split(|b| *b == 0)
            .filter(|p| !p.is_empty())
            .filter_map(|p| std::str::from_utf8(p).ok().map(str::to_string))
            .collect(),
        Err(_) => Vec::new(),
    }
}
