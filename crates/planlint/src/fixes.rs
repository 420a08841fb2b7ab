//! What `--fix` and `--diff` print besides the report: unified diffs, the count of fixes, and
//! fixes that were refused or could not be written, counted batch by batch as files come in;
//! and the one atomic write and the one diff, which the record commands use too.

use std::io::Write;

use similar::TextDiff;

use crate::output::plural;
use crate::report::{FileFix, FileReport};

/// Fixes counted so far.
#[derive(Default)]
pub struct Tally {
    pub findings: usize,
    pub files: usize,
    /// Some fixed text could not be written.
    pub write_failed: bool,
}

impl Tally {
    /// Count a batch; report its refusals and write errors on standard error.
    pub fn add(&mut self, reports: &[FileReport]) {
        for r in reports {
            let Some(fix) = &r.fix else { continue };
            for refused in &fix.refused {
                eprintln!(
                    "warning: {}:{}:{}: refused the `{}` fix: {}",
                    crate::output::visible::visible(&r.display),
                    refused.line,
                    refused.column,
                    refused.rule,
                    refused.reason
                );
            }
            if let Some(e) = &fix.write_error {
                eprintln!(
                    "error: cannot write the fixes to {}: {e}",
                    crate::output::visible::visible(&r.display)
                );
                self.write_failed = true;
            } else {
                self.count(fix);
            }
        }
    }

    /// Count a file's applied fixes.
    fn count(&mut self, fix: &FileFix) {
        if fix.applied > 0 {
            self.findings += fix.applied;
            self.files += 1;
        }
    }

    /// `; fixed 3 findings in 2 files` for the summary line, or nothing.
    pub fn summary(&self) -> String {
        if self.files == 0 {
            return String::new();
        }
        format!(
            "; fixed {} in {}",
            plural(self.findings, "finding"),
            plural(self.files, "file")
        )
    }

    /// `--diff`'s closing line.
    pub fn would(&self) -> String {
        format!(
            "Would fix {} in {}",
            plural(self.findings, "finding"),
            plural(self.files, "file")
        )
    }
}

/// `--diff`: write the unified diff of every file of the batch with something to fix.
pub fn diff(out: &mut dyn Write, reports: &[FileReport], tally: &mut Tally) -> std::io::Result<()> {
    for r in reports {
        let Some(fix) = &r.fix else { continue };
        if fix.applied == 0 {
            continue;
        }
        tally.count(fix);
        out.write_all(unified_diff(&r.display, &fix.original, &r.text).as_bytes())?;
    }
    Ok(())
}

/// The unified diff from `old` to `new` of the file shown as `name` (`a/name`, `b/name`, three
/// lines of context): `--diff`'s and the record commands' `--dry-run`.
pub fn unified_diff(name: &str, old: &str, new: &str) -> String {
    TextDiff::from_lines(old, new)
        .unified_diff()
        .context_radius(3)
        .header(&format!("a/{name}"), &format!("b/{name}"))
        .to_string()
}

/// Replace `path`'s contents atomically: a temporary file in the same folder, the original's
/// permissions, then a rename over it. A symbolic link is followed: the file it points to is
/// replaced, the link stays.
pub fn write_atomic(path: &std::path::Path, contents: &[u8]) -> std::io::Result<()> {
    let target = std::fs::canonicalize(path)?;
    let dir = target.parent().unwrap_or(std::path::Path::new("."));
    let permissions = std::fs::metadata(&target)?.permissions();
    let mut tmp = tempfile::Builder::new()
        .prefix(".planlint-")
        .suffix(".tmp")
        .tempfile_in(dir)?;
    tmp.write_all(contents)?;
    tmp.as_file().sync_all()?;
    tmp.as_file().set_permissions(permissions)?;
    tmp.persist(&target).map_err(|e| e.error)?;
    Ok(())
}
