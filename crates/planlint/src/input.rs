//! Reading targets: the one reader of files and standard input for every command (lint, `--fix`,
//! `parse`, `status`) and for `--base`'s keys, so that a file reads the same whichever command
//! reads it. Bytes become text only through [`decode`], whose refusal is the `encoding` finding.

use std::io::Read;
use std::path::{Path, PathBuf};

use planlint_rules::Diagnostic;

use crate::discover::Target;
use crate::project::{relative, Links};

/// A target as read.
pub struct Input {
    /// The path as shown to the user (as given, relative to the working directory), or
    /// `--stdin-filename` (else `<stdin>`) for standard input.
    pub display: String,
    /// The path from the project root, `/`-separated, when the file lies inside it.
    pub rel: Option<String>,
    /// The file's contents, or why they could not be read.
    pub bytes: Result<Vec<u8>, String>,
}

/// Read one target. `root` is the canonical project root, against which `--stdin-filename`
/// is placed.
pub fn read(target: &Target, stdin_name: Option<&Path>, root: &Path) -> Input {
    match target {
        Target::File(path, rel) => Input {
            display: display(path),
            rel: rel.clone(),
            bytes: std::fs::read(path).map_err(|e| e.to_string()),
        },
        Target::Unreadable(path, reason) => Input {
            display: display(path),
            rel: None,
            bytes: Err(reason.clone()),
        },
        Target::Stdin => {
            let mut bytes = Vec::new();
            let read = std::io::stdin().lock().read_to_end(&mut bytes);
            Input {
                display: stdin_name.map_or_else(|| "<stdin>".to_string(), display),
                rel: stdin_name.and_then(|p| relative(root, p, Links::Follow)),
                bytes: read.map(|_| bytes).map_err(|e| e.to_string()),
            }
        }
    }
}

/// The text of `bytes`, or the `encoding` finding that says why they are not text.
pub fn decode(bytes: &[u8]) -> Result<&str, Box<Diagnostic>> {
    planlint_rules::decode(bytes)
}

impl Input {
    /// The text, or why there is none: the I/O error, or the `encoding` finding's message.
    pub fn text(&self) -> Result<&str, String> {
        match &self.bytes {
            Ok(bytes) => decode(bytes).map_err(|d| d.message.to_string()),
            Err(reason) => Err(reason.clone()),
        }
    }
}

/// Where a target's old version is filed for `--base` ([`crate::lint::Baseline`]), and the
/// path git knows it by: the file's path, or `--stdin-filename` for standard input (`-`).
pub fn base_key<'a>(
    target: &'a Target,
    stdin_name: Option<&'a Path>,
) -> Option<(PathBuf, &'a Path)> {
    match target {
        Target::File(path, _) => Some((path.clone(), path.as_path())),
        Target::Stdin => stdin_name.map(|name| (stdin_key(), name)),
        Target::Unreadable(..) => None,
    }
}

/// The key of standard input in [`crate::lint::Baseline::texts`].
pub fn stdin_key() -> PathBuf {
    PathBuf::from("-")
}

/// A path as shown: as given, with `./` dropped.
pub fn display(path: &Path) -> String {
    let s = path.to_string_lossy();
    s.strip_prefix("./").unwrap_or(&s).to_string()
}
