//! `planlint status [PATHS]`: where every plan stands, one row per plan — for reviewers (a
//! table that fits 100 columns, or Markdown for a pull request comment) and for tools (JSON,
//! schema in `schemas/status.schema.json`).

use std::path::Path;

use chrono::{DateTime, Utc};
use planlint_parser::{BoxState, MetaKey, Plan};
use rayon::prelude::*;
use schemars::JsonSchema;
use serde::Serialize;

use crate::cli::StatusFormat;
use crate::discover::Target;
use crate::input;
use crate::output::visible::visible;

/// Version of the JSON format (not of planlint).
pub const STATUS_VERSION: u32 = 1;

/// The JSON output of `planlint status`.
#[derive(Serialize, JsonSchema)]
#[schemars(title = "planlint status output")]
pub struct StatusReport {
    pub version: u32,
    /// "Now" the ages are counted from (UTC, RFC 3339).
    pub now: String,
    /// `--stale DAYS`, when given.
    pub stale_after_days: Option<i64>,
    /// One row per plan, sorted by path.
    pub plans: Vec<Row>,
    /// With `--skipped`: the Markdown files in plan places that are not plans, with the reason.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub skipped: Vec<SkippedFile>,
}

/// A Markdown file in a plan place that was passed over.
#[derive(Serialize, JsonSchema, Clone, Debug)]
pub struct SkippedFile {
    /// The path, relative to the working directory.
    pub path: String,
    /// Why it is not linted as a plan.
    pub reason: String,
}

impl SkippedFile {
    pub fn from(s: &crate::discover::Skipped) -> Self {
        SkippedFile {
            path: s.path.display().to_string(),
            reason: s.reason.to_string(),
        }
    }
}

/// One plan's standing.
#[derive(Serialize, JsonSchema, Clone, Debug)]
pub struct Row {
    /// The path as given, relative to the working directory.
    pub path: String,
    pub title: Option<String>,
    /// `numbered` or `canonical`; absent when the file could not be read.
    pub dialect: Option<String>,
    /// The plan's status values as written.
    pub statuses: Vec<String>,
    pub boxes_checked: usize,
    pub boxes_total: usize,
    pub progress_entries: usize,
    /// The newest Progress timestamp, normalised (`2025-10-01T13:00:00+00:00`, `2025-10-01`).
    pub newest_entry: Option<String>,
    /// The Last updated metadata value as written.
    pub last_updated: Option<String>,
    /// Whole days from the newest entry to now.
    pub days_since_newest: Option<i64>,
    /// The plan's status says the work is over (a finished status, or archived, abandoned,
    /// cancelled, superseded): such a plan is never stale.
    pub closed: bool,
    /// With `--stale DAYS`: an open plan whose newest entry is older than DAYS (or that has no
    /// timestamped entry).
    pub stale: bool,
    /// Why the file could not be read.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub error: Option<String>,
}

/// The JSON Schema of the JSON output.
pub fn schema() -> serde_json::Value {
    let schema = schemars::generate::SchemaSettings::draft2020_12()
        .into_generator()
        .into_root_schema_for::<StatusReport>();
    serde_json::to_value(schema).unwrap_or_default()
}

/// Statuses that close a plan besides the finished ones.
pub const CLOSED: [&str; 4] = ["archived", "abandoned", "cancelled", "superseded"];

fn row(
    path: String,
    plan: &Plan<'_>,
    now: DateTime<Utc>,
    stale_after: Option<i64>,
    closed_words: &[String],
) -> Row {
    let closed = plan.statuses.iter().any(|s| {
        closed_words
            .iter()
            .any(|w| s.value == *w || s.value.starts_with(&format!("{w}-")))
    });
    let checked = plan
        .checkboxes
        .iter()
        .filter(|b| b.effective_state() == BoxState::Checked)
        .count();
    let newest = plan
        .progress
        .iter()
        .filter_map(|e| e.timestamp())
        .max_by(|a, b| planlint_parser::timestamp::compare(a, b));
    let days = newest.map(|t| {
        let at = t
            .instant()
            .map(|i| i.with_timezone(&Utc).naive_utc())
            .unwrap_or_else(|| t.naive());
        (now.naive_utc() - at).num_days()
    });
    let title = plan
        .title
        .as_ref()
        .map(|t| t.text.to_string())
        .or_else(|| plan.meta(MetaKey::Title).map(|m| m.value.to_string()));
    Row {
        path,
        title,
        dialect: Some(plan.dialect.name().to_string()),
        statuses: plan.statuses.iter().map(|s| s.raw.clone()).collect(),
        boxes_checked: checked,
        boxes_total: plan.checkboxes.len(),
        progress_entries: plan.progress.len(),
        newest_entry: newest.map(|t| t.normalized()),
        last_updated: plan.meta(MetaKey::LastUpdated).map(|m| m.value.to_string()),
        days_since_newest: days,
        closed,
        stale: !closed && stale_after.is_some_and(|limit| days.is_none_or(|d| d > limit)),
        error: None,
    }
}

/// Rows for every target, sorted by path.
pub fn rows(
    targets: &[Target],
    root: &Path,
    now: DateTime<Utc>,
    stale_after: Option<i64>,
    closed: &[String],
) -> Vec<Row> {
    let mut rows: Vec<Row> = targets
        .par_iter()
        .map(|t| {
            let input = input::read(t, None, root);
            match input.text() {
                Ok(text) => row(
                    input.display.clone(),
                    &planlint_parser::parse(text),
                    now,
                    stale_after,
                    closed,
                ),
                Err(e) => Row {
                    path: input.display.clone(),
                    title: None,
                    dialect: None,
                    statuses: Vec::new(),
                    boxes_checked: 0,
                    boxes_total: 0,
                    progress_entries: 0,
                    newest_entry: None,
                    last_updated: None,
                    days_since_newest: None,
                    closed: false,
                    stale: false,
                    error: Some(e),
                },
            }
        })
        .collect();
    rows.sort_by(|a, b| a.path.cmp(&b.path));
    rows
}

/// Display width in terminal columns (wide CJK characters count two).
fn width(s: &str) -> usize {
    unicode_width::UnicodeWidthStr::width(s)
}

/// Cut `s` to `max` columns, ending in `…` when cut.
fn fit(s: &str, max: usize) -> String {
    if width(s) <= max {
        return s.to_string();
    }
    if max == 0 {
        return String::new();
    }
    let mut out = String::new();
    let mut used = 0;
    for c in s.chars() {
        let w = unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
        if used + w > max - 1 {
            break;
        }
        out.push(c);
        used += w;
    }
    let mut out = out.trim_end().to_string();
    out.push('…');
    out
}

/// Cut a path to `max` columns, keeping its last two components whole where they fit (so
/// `active/` and `completed/` stay apart): `…/completed/phase9.md`.
fn fit_path(s: &str, max: usize) -> String {
    if width(s) <= max || max < 2 {
        return s.to_string();
    }
    let parts: Vec<&str> = s.split('/').collect();
    for keep in (1..parts.len().min(3)).rev() {
        let tail = parts[parts.len() - keep..].join("/");
        if width(&tail) + 2 <= max {
            return format!("…/{tail}");
        }
    }
    let chars: Vec<char> = s.chars().collect();
    let mut tail = String::new();
    let mut used = 1;
    for c in chars.iter().rev() {
        let w = unicode_width::UnicodeWidthChar::width(*c).unwrap_or(0);
        if used + w > max {
            break;
        }
        tail.insert(0, *c);
        used += w;
    }
    format!("…{tail}")
}

fn cells(r: &Row) -> [String; 8] {
    let date = |s: &Option<String>| {
        s.as_deref()
            .map(|d| d.chars().take(10).collect())
            .unwrap_or_else(|| "-".into())
    };
    [
        r.path.clone(),
        match &r.error {
            Some(e) => format!("(unreadable: {e})"),
            None => r.title.clone().unwrap_or_else(|| "-".into()),
        },
        if r.statuses.is_empty() {
            "-".into()
        } else {
            r.statuses.join(", ")
        },
        if r.boxes_total == 0 {
            "-".into()
        } else {
            format!("{}/{}", r.boxes_checked, r.boxes_total)
        },
        r.progress_entries.to_string(),
        date(&r.newest_entry),
        date(&r.last_updated),
        match (r.days_since_newest, r.stale) {
            _ if r.error.is_some() => "-".into(),
            (Some(d), true) => format!("{d}d !"),
            (Some(d), false) => format!("{d}d"),
            (None, true) => format!("{NO_LOG} !"),
            (None, false) => NO_LOG.into(),
        },
    ]
    .map(|c| crate::output::visible::visible(&c).into_owned())
}

/// The AGE of a plan with no timestamped Progress entry.
const NO_LOG: &str = "no log";

/// Lines that explain the marks a table shows.
fn legend(rows: &[Row], stale_after: Option<i64>) -> String {
    let mut out = String::new();
    if let Some(days) = stale_after.filter(|_| rows.iter().any(|r| r.stale)) {
        out.push_str(&format!(
            "! stale: an open plan whose newest Progress entry is older than {days} days, or that has none (finished plans are never stale)\n"
        ));
    }
    if rows
        .iter()
        .any(|r| r.error.is_none() && r.days_since_newest.is_none())
    {
        out.push_str(&format!(
            "{NO_LOG}: the plan has no timestamped Progress entry\n"
        ));
    }
    out
}

const HEAD: [&str; 8] = [
    "PLAN", "TITLE", "STATUS", "BOXES", "LOG", "NEWEST", "UPDATED", "AGE",
];

/// A table. On a terminal of `columns` columns, titles are cut first, then paths; without a
/// width (output to a file or a pipe) nothing is cut. Widths are display columns.
pub fn table(
    rows: &[Row],
    columns: Option<usize>,
    color: bool,
    stale_after: Option<i64>,
) -> String {
    let body: Vec<[String; 8]> = rows.iter().map(cells).collect();
    let mut widths: Vec<usize> = (0..8)
        .map(|i| {
            body.iter()
                .map(|c| width(&c[i]))
                .chain([HEAD[i].len()])
                .max()
                .unwrap_or(0)
        })
        .collect();
    if let Some(columns) = columns {
        let total = |w: &[usize]| w.iter().sum::<usize>() + 2 * (w.len() - 1);
        // The title down to 10 columns first, then the status to 8, then the path to 24; then
        // further, where the terminal is very narrow.
        for (col, floor) in [(1, 10), (2, 8), (0, 24), (1, 6), (0, 12)] {
            let over = total(&widths).saturating_sub(columns);
            widths[col] = widths[col].saturating_sub(over).max(floor.min(widths[col]));
        }
    }
    let mut out = String::new();
    let line = |out: &mut String, cells: &[String], stale: bool| {
        let mut l = String::new();
        for (i, c) in cells.iter().enumerate() {
            let text = match i {
                0 => fit_path(c, widths[0]),
                _ => fit(c, widths[i]),
            };
            let pad = widths[i].saturating_sub(width(&text));
            if i > 0 {
                l.push_str("  ");
            }
            // Numbers right-aligned, text left.
            if matches!(i, 3 | 4 | 7) {
                l.push_str(&" ".repeat(pad));
                l.push_str(&text);
            } else {
                l.push_str(&text);
                if i < cells.len() - 1 {
                    l.push_str(&" ".repeat(pad));
                }
            }
        }
        if color && stale {
            out.push_str(&format!("\x1b[33m{l}\x1b[0m\n"));
        } else {
            out.push_str(&l);
            out.push('\n');
        }
    };
    let head: Vec<String> = HEAD.iter().map(|s| s.to_string()).collect();
    line(&mut out, &head, false);
    for (r, c) in rows.iter().zip(&body) {
        line(&mut out, c, r.stale);
    }
    out.push_str(&legend(rows, stale_after));
    out
}

/// A Markdown table (nothing cut; `|` escaped).
pub fn markdown(rows: &[Row]) -> String {
    let esc = |s: &str| s.replace('|', "\\|");
    let mut out = format!("| {} |\n|{}\n", HEAD.join(" | "), "---|".repeat(8));
    for r in rows {
        let c = cells(r);
        out.push_str(&format!(
            "| {} |\n",
            c.iter().map(|s| esc(s)).collect::<Vec<_>>().join(" | ")
        ));
    }
    let legend = legend(rows, None);
    if !legend.is_empty() {
        out.push('\n');
        out.push_str(&legend);
    }
    out
}

/// The JSON report.
pub fn json(
    rows: Vec<Row>,
    now: DateTime<Utc>,
    stale_after: Option<i64>,
    skipped: &[SkippedFile],
) -> String {
    let report = StatusReport {
        version: STATUS_VERSION,
        now: now.to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
        stale_after_days: stale_after,
        plans: rows,
        skipped: skipped.to_vec(),
    };
    let mut s = serde_json::to_string_pretty(&report).unwrap_or_default();
    s.push('\n');
    s
}

/// Render in the chosen format.
pub fn render(
    rows: Vec<Row>,
    format: StatusFormat,
    now: DateTime<Utc>,
    stale_after: Option<i64>,
    color: bool,
    columns: Option<usize>,
    skipped: &[SkippedFile],
) -> String {
    let list = || {
        skipped
            .iter()
            .map(|s| format!("skipped {} ({})\n", visible(&s.path), s.reason))
            .collect::<String>()
    };
    match format {
        StatusFormat::Table => table(&rows, columns, color, stale_after) + &list(),
        StatusFormat::Markdown => {
            let mut out = markdown(&rows);
            if !skipped.is_empty() {
                out.push_str("\nSkipped:\n\n");
                for s in skipped {
                    out.push_str(&format!("- `{}`: {}\n", visible(&s.path), s.reason));
                }
            }
            out
        }
        StatusFormat::Json => json(rows, now, stale_after, skipped),
        // The page needs more than the rows: `status_page::page`, called by `run_status`.
        StatusFormat::Html => json(rows, now, stale_after, skipped),
    }
}
