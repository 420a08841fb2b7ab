//! Running the rules over the targets: read each file once, lint it, keep only its diagnostics
//! (and the text needed to show them). Files are linted in parallel; results keep the
//! discovery order, so output is the same whatever the thread count.

use std::collections::HashMap;
use std::io::Read;
use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};
use planlint_parser::Span;
use planlint_rules::{Diagnostic, FileInput, Project};
use rayon::prelude::*;

use crate::config::Resolver;
use crate::discover::{self, Target};

/// The findings for one file.
pub struct FileReport {
    /// The path as shown to the user (as given, relative to the working directory).
    pub display: String,
    /// The path from the project root, `/`-separated, when the file lies inside it.
    pub rel: Option<String>,
    /// The text the spans point into, kept only while it is needed: rendering happens in the
    /// worker, so after a file is done only `--fix` of standard input and `--diff` keep it.
    pub text: String,
    pub diagnostics: Vec<Diagnostic>,
    /// Start and end position of each diagnostic.
    pub positions: Vec<(planlint_parser::Position, planlint_parser::Position)>,
    /// The file's part of the output, for formats rendered file by file (human, concise,
    /// GitHub); empty for the others.
    pub rendered: String,
    /// With `--fix` or `--diff`: what fixing did.
    pub fix: Option<FileFix>,
}

/// What `--fix`/`--diff` did to one file.
pub struct FileFix {
    pub original: String,
    pub applied: usize,
    pub refused: Vec<planlint_rules::Refused>,
    /// Why the fixed text could not be written, if it could not.
    pub write_error: Option<String>,
}

/// What to do with fixes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mode {
    Check,
    Fix,
    Diff,
}

/// The project on disk, for `missing-reference`: answers only for paths inside the root.
/// Answers are cached: plans in one folder cite the same files again and again, and each
/// answer costs a few system calls.
pub struct DiskProject {
    root: PathBuf,
    cache: std::sync::RwLock<HashMap<String, bool>>,
}

impl DiskProject {
    pub fn new(root: &Path) -> Self {
        DiskProject {
            root: root.canonicalize().unwrap_or_else(|_| root.to_path_buf()),
            cache: Default::default(),
        }
    }

    /// The canonical project root.
    pub fn root(&self) -> &Path {
        &self.root
    }
}

impl Project for DiskProject {
    fn exists(&self, path: &str) -> bool {
        if let Some(&known) = self
            .cache
            .read()
            .ok()
            .and_then(|c| c.get(path).copied())
            .as_ref()
        {
            return known;
        }
        let found = self.look(path);
        if let Ok(mut c) = self.cache.write() {
            c.insert(path.to_string(), found);
        }
        found
    }
}

impl DiskProject {
    fn look(&self, path: &str) -> bool {
        let full = self.root.join(path.trim_end_matches('/'));
        // The final component is not followed (a link that leaves the project still exists here);
        // its folder must resolve inside the root.
        let parent_inside = full
            .parent()
            .and_then(|p| p.canonicalize().ok())
            .is_some_and(|p| p.starts_with(&self.root));
        parent_inside && full.symlink_metadata().is_ok()
    }
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
    /// Old contents, keyed by the target's path on disk (or `-` for standard input).
    pub texts: HashMap<PathBuf, String>,
}

/// What every file's lint shares.
pub struct Job<'a> {
    pub project: &'a DiskProject,
    pub settings: &'a Resolver,
    pub stdin_name: Option<&'a Path>,
    pub now: DateTime<Utc>,
    pub baseline: Option<&'a Baseline>,
    pub mode: Mode,
    pub format: crate::cli::Format,
    pub color: bool,
}

/// The key of standard input in [`Baseline::texts`].
pub fn stdin_key() -> PathBuf {
    PathBuf::from("-")
}

/// Lint every target. Each file is read, parsed, linted and rendered by one worker, which
/// then keeps only its diagnostics, their positions and its rendered output.
pub fn lint_all(targets: &[Target], job: &Job<'_>) -> Vec<FileReport> {
    if targets.len() < 2 {
        // One file (a pre-commit hook, an editor): no thread pool to start.
        return targets.iter().map(|t| lint_target(t, job)).collect();
    }
    targets.par_iter().map(|t| lint_target(t, job)).collect()
}

/// Lint the targets batch by batch and hand each batch's reports, in order, to `each` on the
/// calling thread. A helper thread lints the next batch while `each` writes the last one, so the
/// workers never wait for the output; at most three batches are held at once.
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

/// Positions and the file's rendered output, from the text the spans point into (and its line
/// index, when the caller has one already).
fn complete(
    report: &mut FileReport,
    text: &str,
    index: Option<&planlint_parser::LineIndex>,
    job: &Job<'_>,
) {
    use crate::cli::Format;
    use crate::output;
    report.positions = match index {
        Some(index) => output::positions_with(index, text, &report.diagnostics),
        None => output::positions(text, &report.diagnostics),
    };
    let located = output::locate(std::slice::from_ref(report));
    report.rendered = match job.format {
        Format::Human => output::human::render(&located, text, job.color),
        Format::Concise => output::concise::render(&located),
        Format::Github => output::github::render(&located),
        Format::Json | Format::Sarif => String::new(),
    };
}

fn lint_target(target: &Target, job: &Job<'_>) -> FileReport {
    match target {
        Target::Unreadable(path, reason) => io_failure(display(path), reason, job),
        Target::File(path, rel) => match std::fs::read(path) {
            Ok(bytes) => {
                let mut report = lint_bytes(display(path), &bytes, rel.as_deref(), path, job);
                if job.mode == Mode::Fix {
                    if let Some(fix) = report.fix.as_mut().filter(|f| f.applied > 0) {
                        if let Err(e) = write_atomic(path, report.text.as_bytes()) {
                            fix.write_error = Some(e.to_string());
                        }
                    }
                    // Written; only standard input's fixed text is printed.
                    report.text = String::new();
                }
                report
            }
            Err(e) => io_failure(display(path), &e.to_string(), job),
        },
        Target::Stdin => {
            let name = job
                .stdin_name
                .map_or_else(|| "<stdin>".to_string(), display);
            let mut bytes = Vec::new();
            if let Err(e) = std::io::stdin().lock().read_to_end(&mut bytes) {
                return io_failure(name, &e.to_string(), job);
            }
            let rel = job.stdin_name.and_then(|p| relative_named(job.project, p));
            lint_bytes(name, &bytes, rel.as_deref(), &stdin_key(), job)
        }
    }
}

fn lint_bytes(
    display: String,
    bytes: &[u8],
    rel: Option<&str>,
    key: &Path,
    job: &Job<'_>,
) -> FileReport {
    let settings = job.settings.settings(rel);
    let base = job.baseline.and_then(|b| {
        b.texts.get(key).map(|source| planlint_rules::Base {
            rev: &b.rev,
            source,
        })
    });
    let input = FileInput {
        path: rel,
        now: job.now,
        project: job.project,
        base,
    };
    if job.mode != Mode::Check {
        // Fixing lints the text itself (before and after each pass): no separate lint here.
        if let Ok(source) = planlint_rules::decode(bytes) {
            let fixed = planlint_rules::fix_str(source, input, &settings);
            let diff = job.mode == Mode::Diff && fixed.applied > 0;
            let mut report = FileReport {
                display,
                rel: rel.map(str::to_string),
                text: String::new(),
                diagnostics: fixed.remaining,
                positions: Vec::new(),
                rendered: String::new(),
                fix: Some(FileFix {
                    original: if diff {
                        source.to_string()
                    } else {
                        String::new()
                    },
                    applied: fixed.applied,
                    refused: fixed.refused,
                    write_error: None,
                }),
            };
            complete(&mut report, &fixed.text, None, job);
            report.text = fixed.text;
            return report;
        }
    }
    let mut report = FileReport {
        display,
        rel: rel.map(str::to_string),
        text: String::new(),
        diagnostics: Vec::new(),
        positions: Vec::new(),
        rendered: String::new(),
        fix: None,
    };
    // Decoded, parsed and indexed once: positions come from the plan's own line index.
    match planlint_rules::decode(bytes) {
        Ok(text) => {
            let plan = planlint_parser::parse(text);
            report.diagnostics = planlint_rules::lint_plan(&plan, input, &settings);
            if !report.diagnostics.is_empty() {
                complete(&mut report, text, Some(&plan.lines), job);
            }
        }
        Err(_) => {
            // Not text: the `encoding` finding (severity applied), at a position in the
            // text as far as it can be read.
            report.diagnostics = planlint_rules::lint_bytes(bytes, input, &settings);
            complete(&mut report, &String::from_utf8_lossy(bytes), None, job);
        }
    }
    report
}

/// Replace `path`'s contents atomically: a temporary file in the same folder, the original's
/// permissions, then a rename over it. A symbolic link is followed: the file it points to is
/// replaced, the link stays.
pub fn write_atomic(path: &Path, contents: &[u8]) -> std::io::Result<()> {
    use std::io::Write;
    let target = std::fs::canonicalize(path)?;
    let dir = target.parent().unwrap_or(Path::new("."));
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

/// `--stdin-filename` need not exist: resolve it against the working directory lexically.
fn relative_named(project: &DiskProject, name: &Path) -> Option<String> {
    if let Some(rel) = discover::relative(project.root(), name) {
        return Some(rel);
    }
    let abs = std::env::current_dir().ok()?.join(name);
    let parent = abs.parent()?.canonicalize().ok()?;
    let full = parent.join(abs.file_name()?);
    let rel = full.strip_prefix(&project.root).ok()?;
    Some(
        rel.components()
            .map(|c| c.as_os_str().to_string_lossy().into_owned())
            .collect::<Vec<_>>()
            .join("/"),
    )
}

fn io_failure(display: String, reason: &str, job: &Job<'_>) -> FileReport {
    let d = Diagnostic::new(
        "io-error",
        Span::new(0, 0),
        format!("cannot read `{display}`: {reason}"),
    )
    .help("make the file readable, or leave it out of the paths given to planlint");
    let mut d = d;
    d.severity = planlint_rules::Severity::Error;
    let mut report = FileReport {
        display,
        rel: None,
        text: String::new(),
        diagnostics: vec![d],
        positions: Vec::new(),
        rendered: String::new(),
        fix: None,
    };
    complete(&mut report, "", None, job);
    report
}

/// A path as shown: as given, with `./` dropped.
pub fn display(path: &Path) -> String {
    let s = path.to_string_lossy();
    s.strip_prefix("./").unwrap_or(&s).to_string()
}

/// Settings with no configuration and no flags, for tests that drive [`lint_all`] directly.
#[doc(hidden)]
pub fn resolver_for_tests() -> Resolver {
    Resolver::new(None, planlint_rules::Settings::default())
}
