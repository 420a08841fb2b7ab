//! The lint step: each target is read once ([`crate::input`]), decoded, parsed, linted (or
//! fixed) and rendered by one worker, which then keeps only its report. Files are linted in
//! parallel; reports keep the discovery order, so output is the same whatever the thread count.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};
use planlint_parser::Span;
use planlint_rules::{Diagnostic, FileInput};
use rayon::prelude::*;

use crate::config::Resolver;
use crate::discover::Target;
use crate::input::{self, Input};
use crate::output::{self, Format};
use crate::project::DiskProject;
use crate::report::{FileFix, FileReport};

/// What to do with fixes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mode {
    Check,
    Fix,
    Diff,
}

/// "Now": `SOURCE_DATE_EPOCH` when set (reproducible runs), else the clock.
pub fn now() -> DateTime<Utc> {
    std::env::var("SOURCE_DATE_EPOCH")
        .ok()
        .and_then(|s| s.trim().parse::<i64>().ok())
        .and_then(|secs| DateTime::from_timestamp(secs, 0))
        .unwrap_or_else(Utc::now)
}

/// The plans as they were at the base revision (`--base REF`), by target.
pub struct Baseline {
    pub rev: String,
    /// Old contents, keyed by [`input::base_key`].
    pub texts: HashMap<PathBuf, String>,
}

/// What every file's lint shares.
pub struct Job<'a> {
    pub project: &'a DiskProject,
    /// The project root's path from the repository's top level (`svc` when planlint runs with
    /// `svc/planlint.toml`; empty at the top level), when the project is in a repository.
    pub repo_prefix: Option<String>,
    pub settings: &'a Resolver,
    pub stdin_name: Option<&'a Path>,
    pub now: DateTime<Utc>,
    pub baseline: Option<&'a Baseline>,
    pub mode: Mode,
    pub format: Format,
    pub color: bool,
}

/// Lint every target. Each file is read, parsed, linted and rendered by one worker, which
/// then keeps only its diagnostics, their positions and its rendered output.
pub fn lint_all(targets: &[Target], job: &Job<'_>) -> Vec<FileReport> {
    if targets.len() < 2 {
        // One file (a pre-commit hook, an editor): no thread pool to start.
        return targets.iter().map(|t| lint_one(t, job)).collect();
    }
    targets.par_iter().map(|t| lint_one(t, job)).collect()
}

/// Lint the targets batch by batch and hand each batch's reports, in order, to `each` on the
/// calling thread. A helper thread lints the next batch while `each` writes the last one, so
/// the workers never wait for the output: one batch is being written, one is waiting in the
/// channel and one is being linted, so at most three batches are held at once.
pub fn lint_batches<E>(
    targets: &[Target],
    batch: usize,
    job: &Job<'_>,
    mut each: impl FnMut(&[Target], Vec<FileReport>) -> Result<(), E>,
) -> Result<(), E> {
    if targets.len() <= batch {
        return each(targets, lint_all(targets, job));
    }
    std::thread::scope(|scope| {
        let (tx, rx) = std::sync::mpsc::sync_channel(1);
        scope.spawn(move || {
            for chunk in targets.chunks(batch) {
                // The receiver is gone when writing failed: stop linting.
                if tx.send((chunk, lint_all(chunk, job))).is_err() {
                    break;
                }
            }
        });
        for (chunk, reports) in rx {
            each(chunk, reports)?;
        }
        Ok(())
    })
}

/// Read, lint and render one target; with `--fix`, write the fixed file.
fn lint_one(target: &Target, job: &Job<'_>) -> FileReport {
    let input = input::read(target, job.stdin_name, job.project.root());
    let key = input::base_key(target, job.stdin_name).map(|(key, _)| key);
    let mut report = lint_input(input, key.as_deref(), job);
    if job.mode == Mode::Fix {
        if let Target::File(path, _) = target {
            if let Some(fix) = report.fix.as_mut().filter(|f| f.applied > 0) {
                if let Err(e) = crate::fixes::write_atomic(path, report.text.as_bytes()) {
                    fix.write_error = Some(e.to_string());
                }
            }
            // Written; only standard input's fixed text is printed.
            report.text = String::new();
        }
    }
    report
}

fn lint_input(input: Input, key: Option<&Path>, job: &Job<'_>) -> FileReport {
    let bytes = match input.bytes {
        Ok(bytes) => bytes,
        Err(reason) => return io_failure(input.display, &reason, job),
    };
    let rel = input.rel.as_deref();
    let settings = job.settings.settings(rel);
    let base = job.baseline.zip(key).and_then(|(b, key)| {
        b.texts.get(key).map(|source| planlint_rules::Base {
            rev: &b.rev,
            source,
        })
    });
    let file = FileInput {
        path: rel,
        now: job.now,
        project: job.project,
        base,
    };
    let mut report = FileReport::new(input.display.clone(), input.rel.clone());
    report.repo_path = repo_path(job, rel);
    if job.mode != Mode::Check {
        // Fixing lints the text itself (before and after each pass): no separate lint here.
        if let Ok(source) = input::decode(&bytes) {
            let fixed = planlint_rules::fix_str(source, file, &settings);
            let diff = job.mode == Mode::Diff && fixed.applied > 0;
            report.diagnostics = fixed.remaining;
            report.fix = Some(FileFix {
                original: if diff {
                    source.to_string()
                } else {
                    String::new()
                },
                applied: fixed.applied,
                refused: fixed.refused,
                write_error: None,
            });
            output::render_file(&mut report, &fixed.text, None, job.format, job.color);
            report.text = fixed.text;
            return report;
        }
    }
    // Decoded, parsed and indexed once: positions come from the plan's own line index.
    match input::decode(&bytes) {
        Ok(text) => {
            let plan = planlint_parser::parse(text);
            report.diagnostics = planlint_rules::lint_plan(&plan, file, &settings);
            if !report.diagnostics.is_empty() {
                output::render_file(&mut report, text, Some(&plan.lines), job.format, job.color);
            }
        }
        Err(_) => {
            // Not text: the `encoding` finding (severity applied), at a position in the
            // text as far as it can be read.
            report.diagnostics = planlint_rules::lint_bytes(&bytes, file, &settings);
            let lossy = String::from_utf8_lossy(&bytes);
            output::render_file(&mut report, &lossy, None, job.format, job.color);
        }
    }
    report
}

/// A path from the project root as a path from the repository's top level.
fn repo_path(job: &Job<'_>, rel: Option<&str>) -> Option<String> {
    let rel = rel?;
    match job.repo_prefix.as_deref()? {
        "" => Some(rel.to_string()),
        prefix => Some(format!("{prefix}/{rel}")),
    }
}

/// The project root's path from the top level of the git repository holding it, if any (the
/// nearest ancestor with `.git`, a folder or a worktree's file).
pub fn repo_prefix(root: &Path) -> Option<String> {
    let top = root.ancestors().find(|d| d.join(".git").exists())?;
    crate::project::join(root.strip_prefix(top).ok()?)
}

/// The `io-error` finding for a file that could not be read.
fn io_failure(display: String, reason: &str, job: &Job<'_>) -> FileReport {
    let mut d = Diagnostic::new(
        "io-error",
        Span::new(0, 0),
        format!("cannot read `{display}`: {reason}"),
    )
    .help("make the file readable, or leave it out of the paths given to planlint");
    d.severity = planlint_rules::Severity::Error;
    let mut report = FileReport::new(display, None);
    report.diagnostics = vec![d];
    output::render_file(&mut report, "", None, job.format, job.color);
    report
}

/// Settings with no configuration and no flags, for tests that drive [`lint_all`] directly.
#[doc(hidden)]
pub fn resolver_for_tests() -> Resolver {
    Resolver::new(
        None,
        planlint_rules::Settings::default(),
        planlint_rules::Settings::default(),
    )
}
