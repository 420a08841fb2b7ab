//! What linting one file produced, handed from the lint step to the renderers and to `--fix`'s
//! tally. Plain data: nothing here lints or renders.

use planlint_parser::Position;
use planlint_rules::{Diagnostic, Refused};

/// The findings for one file.
pub struct FileReport {
    /// The path as shown to the user (as given, relative to the working directory).
    pub display: String,
    /// The path from the project root, `/`-separated, when the file lies inside it.
    pub rel: Option<String>,
    /// The path from the repository's top level (where `.git` is), for annotations and code
    /// scanning, which place files from there whatever folder planlint ran in.
    pub repo_path: Option<String>,
    /// The text the spans point into, kept only while it is needed: rendering happens in the
    /// worker, so after a file is done only `--fix` of standard input and `--diff` keep it.
    pub text: String,
    pub diagnostics: Vec<Diagnostic>,
    /// Start and end position of each diagnostic.
    pub positions: Vec<(Position, Position)>,
    /// The file's part of the output, for formats rendered file by file (human, concise,
    /// GitHub); empty for the others.
    pub rendered: String,
    /// With `--fix` or `--diff`: what fixing did.
    pub fix: Option<FileFix>,
}

impl FileReport {
    /// A report with no findings yet.
    pub fn new(display: String, rel: Option<String>) -> Self {
        FileReport {
            display,
            rel,
            repo_path: None,
            text: String::new(),
            diagnostics: Vec::new(),
            positions: Vec::new(),
            rendered: String::new(),
            fix: None,
        }
    }
}

/// What `--fix`/`--diff` did to one file.
pub struct FileFix {
    /// The text before fixing (kept for `--diff` only).
    pub original: String,
    pub applied: usize,
    pub refused: Vec<Refused>,
    /// Why the fixed text could not be written, if it could not.
    pub write_error: Option<String>,
}
