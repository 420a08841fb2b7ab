//! `planlint log`, `decide`, `tick` and `set-status`: read the plan through the one reader
//! (`input`), take the record's edits from the library (`planlint_rules::record`), then write
//! atomically or print the unified diff exactly as `--fix` and `--diff` do (`fixes`). `-` reads
//! standard input and writes standard output.

use std::path::Path;

use chrono::{DateTime, NaiveDateTime, Utc};
use planlint_rules::record::{self, RecordError};
use planlint_rules::{Edit, Settings};

use super::Workspace;
use crate::discover::Target;
use crate::error::Error;
use crate::project::{relative, Links};

/// A plan read for editing.
struct Plan {
    /// The path as given (`-` for standard input).
    path: std::path::PathBuf,
    text: String,
    settings: Settings,
}

fn read(ws: &Workspace, path: &Path) -> Result<Plan, Error> {
    let stdin = path.as_os_str() == "-";
    let target = if stdin {
        Target::Stdin
    } else {
        Target::File(
            path.to_path_buf(),
            relative(&ws.canonical, path, Links::Follow),
        )
    };
    let input = crate::input::read(&target, None, &ws.canonical);
    let bytes = input.bytes.as_ref().map_err(|e| match stdin {
        true => Error::Io(format!("cannot read standard input: {e}")),
        false => Error::Io(format!("cannot read {}: {e}", path.display())),
    })?;
    let text = crate::input::decode(bytes)
        .map_err(|d| Error::Usage(format!("{}: {}", path.display(), d.message)))?
        .to_string();
    let settings = (*ws.resolver().settings(input.rel.as_deref())).clone();
    Ok(Plan {
        path: path.to_path_buf(),
        text,
        settings,
    })
}

/// How a record is written: as a diff only, and whether a read-only plan is written anyway.
#[derive(Clone, Copy)]
pub struct Write {
    pub dry_run: bool,
    pub force: bool,
}

/// Apply the edits, then write (or print the diff); the text for standard output. A read-only
/// plan is refused unless `--force` (the atomic rename would replace it regardless of its mode).
fn finish(
    plan: &Plan,
    edits: Result<Vec<Edit>, RecordError>,
    w: Write,
    what: &str,
) -> Result<String, Error> {
    let dry_run = w.dry_run;
    let edits = edits.map_err(|e| Error::Usage(e.0))?;
    let stdin = plan.path.as_os_str() == "-";
    if !dry_run && !stdin && !w.force {
        let readonly = std::fs::metadata(&plan.path).is_ok_and(|m| m.permissions().readonly());
        if readonly {
            return Err(Error::Usage(format!(
                "{} is read-only; nothing was written (make it writable, or pass --force to write it and keep its mode)",
                crate::output::visible::visible(&plan.path.display().to_string())
            )));
        }
    }
    let text = record::apply(&plan.text, &edits)
        .ok_or_else(|| Error::Usage("the record's edits overlap (a bug in planlint)".into()))?;
    if dry_run {
        let name = plan.path.display().to_string();
        return Ok(crate::fixes::unified_diff(&name, &plan.text, &text));
    }
    if plan.path.as_os_str() == "-" {
        return Ok(text);
    }
    crate::fixes::write_atomic(&plan.path, text.as_bytes())
        .map_err(|e| Error::Io(format!("cannot write {}: {e}", plan.path.display())))?;
    Ok(format!(
        "{what} in {}\n",
        crate::output::visible::visible(&plan.path.display().to_string())
    ))
}

/// "Now", or `--at`.
fn when(at: Option<&str>) -> Result<DateTime<Utc>, Error> {
    let Some(at) = at else {
        return Ok(crate::lint::now());
    };
    let at = at.trim();
    if let Ok(t) = DateTime::parse_from_rfc3339(at) {
        return Ok(t.with_timezone(&Utc));
    }
    for f in [
        "%Y-%m-%d %H:%M",
        "%Y-%m-%dT%H:%M",
        "%Y-%m-%d %H:%M:%S",
        "%Y-%m-%dT%H:%M:%S",
    ] {
        if let Ok(t) = NaiveDateTime::parse_from_str(at, f) {
            return Ok(t.and_utc());
        }
    }
    if let Ok(d) = chrono::NaiveDate::parse_from_str(at, "%Y-%m-%d") {
        return Ok(d.and_hms_opt(0, 0, 0).unwrap_or_default().and_utc());
    }
    Err(Error::Usage(format!(
        "`--at {at}` is not a time: write `2026-03-14 09:30` or RFC 3339"
    )))
}

/// `planlint log`.
pub fn log(
    ws: &Workspace,
    path: &Path,
    entry: &str,
    open: bool,
    at: Option<&str>,
    w: Write,
) -> Result<String, Error> {
    let plan = read(ws, path)?;
    let edits = record::log_edits(&plan.text, entry, open, when(at)?);
    finish(&plan, edits, w, "logged")
}

/// `planlint decide`.
pub fn decide(
    ws: &Workspace,
    path: &Path,
    decision: &str,
    why: &str,
    author: Option<&str>,
    at: Option<&str>,
    w: Write,
) -> Result<String, Error> {
    let plan = read(ws, path)?;
    let author = crate::author::signature(author);
    let edits = record::decide_edits(&plan.text, decision, why, &author, when(at)?);
    finish(&plan, edits, w, "recorded the decision")
}

/// `planlint tick`.
pub fn tick(
    ws: &Workspace,
    path: &Path,
    pattern: &str,
    at: Option<&str>,
    w: Write,
) -> Result<String, Error> {
    let plan = read(ws, path)?;
    let edits = record::tick_edits(&plan.text, &plan.settings, pattern, when(at)?);
    finish(&plan, edits, w, "checked the box")
}

/// `planlint set-status`.
pub fn set_status(
    ws: &Workspace,
    path: &Path,
    value: &str,
    at: Option<&str>,
    w: Write,
) -> Result<String, Error> {
    let plan = read(ws, path)?;
    let edits = record::status_edits(&plan.text, &plan.settings, value, w.force, when(at)?);
    let done = finish(&plan, edits, w, "set the status")?;
    if let Some(note) = record::status_note(&plan.text) {
        eprintln!("note: {}", crate::output::visible::visible(&note));
    }
    Ok(done)
}
