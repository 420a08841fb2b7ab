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

/// The first characters of `s` that fill at most `max` columns.
fn head(s: &str, max: usize) -> &str {
    let mut used = 0;
    for (i, c) in s.char_indices() {
        let w = unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
        if used + w > max {
            return &s[..i];
        }
        used += w;
    }
    s
}

/// The last characters of `s` that fill at most `max` columns.
fn tail(s: &str, max: usize) -> &str {
    let mut used = 0;
    for (i, c) in s.char_indices().rev() {
        let w = unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
        if used + w > max {
            return &s[i + c.len_utf8()..];
        }
        used += w;
    }
    s
}

/// Cut `s` to `max` columns from the middle, keeping its start and its end (where a plan's
/// distinguishing number usually is) around a `…`; the end gets up to `keep_end` columns
/// (leaving the start four), or half.
fn fit_middle(s: &str, max: usize, keep_end: usize) -> String {
    if width(s) <= max {
        return s.to_string();
    }
    if max <= 1 {
        return "…".repeat(max);
    }
    let room = max - 1;
    // The start keeps at least a few columns (`docs/`), the end at least half.
    let end_cols = keep_end
        .min(room.saturating_sub((room / 2).min(4)))
        .max(room - room / 2);
    let end = tail(s, end_cols);
    let start = head(s, room - width(end));
    format!("{}…{end}", start.trim_end())
}

/// Cut `s` to `max` columns at its end, with a `…`.
fn fit_end(s: &str, max: usize) -> String {
    if width(s) <= max {
        return s.to_string();
    }
    match max {
        0 => String::new(),
        _ => format!("{}…", head(s, max - 1).trim_end()),
    }
}

/// Cut a title to `max` columns, from the middle.
fn fit(s: &str, max: usize) -> String {
    fit_middle(s, max, 0)
}

/// Cut a path to `max` columns from the middle, keeping as much of its last two components as
/// fits (so `active/` and `completed/` stay apart) and its start.
fn fit_path(s: &str, max: usize) -> String {
    let parts: Vec<&str> = s.split('/').collect();
    let last_two = parts[parts.len().saturating_sub(2)..].join("/");
    fit_middle(s, max, width(&last_two) + 1)
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

/// Lines that explain the marks a table shows (in a table, wrapped to its width).
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

/// Words wrapped to `columns` display columns, later lines indented by two; a word wider than
/// the line is cut from the middle.
fn wrap(text: &str, columns: usize) -> String {
    let columns = columns.max(1);
    let mut out = String::new();
    for line in text.lines() {
        let mut current = String::new();
        for word in line.split(' ').filter(|w| !w.is_empty()) {
            let filled = !current.trim().is_empty();
            if filled && width(&current) + 1 + width(word) > columns {
                out.push_str(current.trim_end());
                out.push('\n');
                current = " ".repeat(if columns > 2 { 2 } else { 0 });
            }
            let sep = if current.trim().is_empty() { "" } else { " " };
            let room = columns.saturating_sub(width(&current) + sep.len());
            current.push_str(sep);
            current.push_str(&fit(word, room.max(1)));
        }
        out.push_str(&current);
        out.push('\n');
    }
    out
}

/// The columns a table drops, in turn, when even its cut titles and paths do not fit: UPDATED,
/// LOG, NEWEST, BOXES (a column with nothing in it goes first).
const DROPPED: [usize; 4] = [6, 4, 5, 3];

/// A layout step on the path and the title together.
const BOTH: usize = usize::MAX;

/// A layout step: a column (or [`BOTH`]) and the floor it is cut down to.
type Step = (usize, usize);

/// The widths of the table's columns in `columns` display columns (0: the column is dropped).
/// Titles, statuses and paths are cut to a readable floor first; then a column with nothing in
/// it (`empty`) is dropped; then they are cut further; then columns are dropped in turn; then
/// everything is cut as far as it must.
fn layout(natural: &[usize], empty: &[bool], columns: usize) -> Vec<usize> {
    let total = |w: &[usize]| {
        let shown = w.iter().filter(|x| **x > 0).count();
        w.iter().sum::<usize>() + 2 * shown.saturating_sub(1)
    };
    // A step cuts a column down to a floor; `BOTH` cuts the path and the title together, the
    // wider first, down to the floors (path, title).
    let fitted = |dropped: &[usize], steps: &[Step]| {
        let mut w = natural.to_vec();
        for d in dropped {
            w[*d] = 0;
        }
        for &(col, floor) in steps {
            if col == BOTH {
                let floors = (floor, floor * 2 / 3);
                let mut over = total(&w).saturating_sub(columns);
                while over > 0 && (w[0] > floors.0 || w[1] > floors.1) {
                    let path_first = w[0] > floors.0 && (w[0] >= w[1] || w[1] <= floors.1);
                    w[usize::from(!path_first)] -= 1;
                    over -= 1;
                }
                continue;
            }
            let over = total(&w).saturating_sub(columns);
            if w[col] > 0 {
                w[col] = w[col].saturating_sub(over).max(floor.min(w[col]));
            }
        }
        w
    };
    let readable = [(2, 12), (1, 20), (BOTH, 24)];
    let narrow = [(2, 12), (1, 20), (BOTH, 24), (BOTH, 15), (2, 6)];
    let empties: Vec<usize> = DROPPED.into_iter().filter(|c| empty[*c]).collect();
    let mut attempts: Vec<(Vec<usize>, &[Step])> = vec![
        (Vec::new(), &readable),
        (empties.clone(), &readable),
        (empties.clone(), &narrow),
    ];
    for n in 1..=DROPPED.len() {
        let mut set = empties.clone();
        set.extend(DROPPED[..n].iter().filter(|c| !empties.contains(c)));
        attempts.push((set, &narrow));
    }
    for (dropped, steps) in &attempts {
        let w = fitted(dropped, steps);
        if total(&w) <= columns {
            return w;
        }
    }
    fitted(
        &DROPPED,
        &[
            (2, 12),
            (BOTH, 15),
            (2, 6),
            (BOTH, 6),
            (2, 3),
            (7, 3),
            (BOTH, 1),
        ],
    )
}

/// A table that fits `columns` display columns (the terminal's width, else `COLUMNS`, else
/// 100): titles and paths cut from the middle, then columns dropped; the legend wrapped.
/// `None`: nothing is cut.
pub fn table(
    rows: &[Row],
    columns: Option<usize>,
    color: bool,
    stale_after: Option<i64>,
) -> String {
    let body: Vec<[String; 8]> = rows.iter().map(cells).collect();
    let natural: Vec<usize> = (0..8)
        .map(|i| {
            body.iter()
                .map(|c| width(&c[i]))
                .chain([HEAD[i].len()])
                .max()
                .unwrap_or(0)
        })
        .collect();
    let empty: Vec<bool> = (0..8).map(|i| body.iter().all(|c| c[i] == "-")).collect();
    let widths = match columns {
        Some(columns) => layout(&natural, &empty, columns),
        None => natural,
    };
    let mut out = String::new();
    let line = |out: &mut String, cells: &[String], stale: bool| {
        let mut l = String::new();
        let last = (0..cells.len()).rev().find(|i| widths[*i] > 0).unwrap_or(0);
        for (i, c) in cells.iter().enumerate() {
            if widths[i] == 0 {
                continue;
            }
            let text = match i {
                0 => fit_path(c, widths[0]),
                1 => fit(c, widths[1]),
                // The first status, and the first of a number, say the most.
                _ => fit_end(c, widths[i]),
            };
            let pad = widths[i].saturating_sub(width(&text));
            if !l.is_empty() || i > 0 {
                l.push_str("  ");
            }
            // Numbers right-aligned, text left.
            if matches!(i, 3 | 4 | 7) {
                l.push_str(&" ".repeat(pad));
                l.push_str(&text);
            } else {
                l.push_str(&text);
                if i < last {
                    l.push_str(&" ".repeat(pad));
                }
            }
        }
        // Whatever is left over a very narrow width is cut at the end.
        if let Some(columns) = columns {
            if width(&l) > columns {
                l = head(&l, columns).to_string();
            }
        }
        if color && stale {
            out.push_str(&format!("\x1b[33m{l}\x1b[0m\n"));
        } else {
            out.push_str(&l);
            out.push('\n');
        }
    };
    let head_row: Vec<String> = HEAD.iter().map(|s| s.to_string()).collect();
    line(&mut out, &head_row, false);
    for (r, c) in rows.iter().zip(&body) {
        line(&mut out, c, r.stale);
    }
    let legend = legend(rows, stale_after);
    match columns {
        Some(columns) => out.push_str(&wrap(&legend, columns)),
        None => out.push_str(&legend),
    }
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
pub fn render(rows: Vec<Row>, format: StatusFormat, view: &View<'_>) -> String {
    let View {
        now,
        stale_after,
        color,
        columns,
        skipped,
        extras,
    } = *view;
    let list = || {
        skipped
            .iter()
            .map(|s| format!("skipped {} ({})\n", visible(&s.path), s.reason))
            .collect::<String>()
    };
    match format {
        StatusFormat::Table => {
            let list = list();
            let list = match columns {
                Some(c) => wrap(&list, c),
                None => list,
            };
            table(&rows, columns, color, stale_after) + &list
        }
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
        StatusFormat::Html => super::status_page::page(&rows, extras, now, stale_after),
    }
}

/// How `status` renders: "now", `--stale`, colour, the width to fit, the files passed over, and
/// what the page shows beyond the rows (empty but for `--format html`).
#[derive(Clone, Copy)]
pub struct View<'a> {
    pub now: DateTime<Utc>,
    pub stale_after: Option<i64>,
    pub color: bool,
    pub columns: Option<usize>,
    pub skipped: &'a [SkippedFile],
    pub extras: &'a std::collections::HashMap<String, super::status_page::Extra>,
}
