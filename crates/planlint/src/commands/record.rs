//! `planlint log`, `decide`, `tick` and `set-status`: the living sections written right by
//! construction. Each reads the plan's own style from what it already holds — the Progress
//! entry's form and timestamp shape and zone, the Decision Log's shape and keys, where the
//! status lives — edits only the bytes it must (line endings, BOM and every other byte kept),
//! bumps `Last updated` where the plan has one, and writes atomically like `--fix`. `-` reads
//! standard input and writes standard output; `--dry-run` prints the unified diff.

use std::path::Path;

use chrono::{DateTime, FixedOffset, NaiveDateTime, Utc};
use planlint_parser::{BoxState, DecisionForm, MetaKey, Plan, SectionKind, Stamp, Timestamp, Zone};
use planlint_rules::Settings;

use super::Workspace;
use crate::config::Resolver;
use crate::error::Error;
use crate::project::{relative, Links};

/// One change to the text: replace `start..end` with `text`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Edit {
    pub start: usize,
    pub end: usize,
    pub text: String,
}

/// One edit that turns `old` into `new`: what lies between their common start and end.
fn minimal_edit(old: &str, new: &str) -> Edit {
    let mut head = old
        .bytes()
        .zip(new.bytes())
        .take_while(|(a, b)| a == b)
        .count();
    while !old.is_char_boundary(head) || !new.is_char_boundary(head) {
        head -= 1;
    }
    let max_tail = old.len().min(new.len()) - head;
    let mut tail = old
        .bytes()
        .rev()
        .zip(new.bytes().rev())
        .take(max_tail)
        .take_while(|(a, b)| a == b)
        .count();
    while !old.is_char_boundary(old.len() - tail) || !new.is_char_boundary(new.len() - tail) {
        tail -= 1;
    }
    Edit {
        start: head,
        end: old.len() - tail,
        text: new[head..new.len() - tail].to_string(),
    }
}

/// The text with the edits applied.
pub fn apply(text: &str, edits: &[Edit]) -> String {
    let mut edits = edits.to_vec();
    edits.sort_by_key(|e| std::cmp::Reverse(e.start));
    let mut out = text.to_string();
    for e in edits {
        out.replace_range(e.start..e.end, &e.text);
    }
    out
}

/// A plan read for editing.
struct Target {
    /// The path as given (`-` for standard input).
    path: std::path::PathBuf,
    text: String,
    settings: Settings,
}

fn read(ws: &Workspace, path: &Path) -> Result<Target, Error> {
    let bytes = if path.as_os_str() == "-" {
        let mut b = Vec::new();
        std::io::Read::read_to_end(&mut std::io::stdin().lock(), &mut b)
            .map_err(|e| Error::Io(format!("cannot read standard input: {e}")))?;
        b
    } else {
        std::fs::read(path)
            .map_err(|e| Error::Io(format!("cannot read {}: {e}", path.display())))?
    };
    let text = crate::input::decode(&bytes)
        .map_err(|d| Error::Usage(format!("{}: {}", path.display(), d.message)))?
        .to_string();
    let rel = (path.as_os_str() != "-")
        .then(|| relative(&ws.canonical, path, Links::Follow))
        .flatten();
    let settings = (*Resolver::new(ws.loaded.clone(), ws.contract_base(), Settings::default())
        .settings(rel.as_deref()))
    .clone();
    Ok(Target {
        path: path.to_path_buf(),
        text,
        settings,
    })
}

/// Apply the edits and write (or print the diff); the message for standard output.
fn finish(
    target: &Target,
    mut edits: Vec<Edit>,
    dry_run: bool,
    what: &str,
) -> Result<String, Error> {
    edits.sort_by_key(|e| std::cmp::Reverse(e.start));
    let mut text = target.text.clone();
    for e in edits {
        text.replace_range(e.start..e.end, &e.text);
    }
    if dry_run {
        let name = target.path.display().to_string();
        return Ok(similar::TextDiff::from_lines(&target.text, &text)
            .unified_diff()
            .context_radius(3)
            .header(&format!("a/{name}"), &format!("b/{name}"))
            .to_string());
    }
    if target.path.as_os_str() == "-" {
        return Ok(text);
    }
    crate::fixes::write_atomic(&target.path, text.as_bytes())
        .map_err(|e| Error::Io(format!("cannot write {}: {e}", target.path.display())))?;
    Ok(format!("{what} in {}\n", target.path.display()))
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

fn eol(text: &str) -> &'static str {
    if text.contains("\r\n") {
        "\r\n"
    } else {
        "\n"
    }
}

fn line_start(text: &str, at: usize) -> usize {
    text[..at.min(text.len())].rfind('\n').map_or(0, |i| i + 1)
}

fn line_end(text: &str, at: usize) -> usize {
    let at = at.min(text.len());
    let end = text[at..].find('\n').map_or(text.len(), |i| at + i);
    if end > 0 && text.as_bytes().get(end - 1) == Some(&b'\r') {
        end - 1
    } else {
        end
    }
}

/// How the plan writes a timestamp: what stands around it and its shape.
struct StampStyle {
    /// Before the stamp in the entry (`(`, `[`, nothing).
    open: String,
    /// After it, up to the entry's text (`) `, `] `, `: `).
    close: String,
    date_only: bool,
    t: bool,
    seconds: bool,
    /// The zone as written after the time, and its offset.
    zone: Option<(String, i32)>,
}

impl StampStyle {
    fn default_for(plan: &Plan<'_>) -> StampStyle {
        match plan.dialect {
            planlint_parser::Dialect::Numbered => StampStyle {
                open: "[".into(),
                close: "] ".into(),
                date_only: false,
                t: false,
                seconds: false,
                zone: None,
            },
            planlint_parser::Dialect::Canonical => StampStyle {
                open: "(".into(),
                close: ") ".into(),
                date_only: false,
                t: false,
                seconds: false,
                zone: Some(("Z".into(), 0)),
            },
        }
    }

    /// The style of a stamp as written at the start of an entry's text.
    fn of(plan: &Plan<'_>, entry_text: &str, ts: &Timestamp) -> Option<StampStyle> {
        let raw = plan.text(ts.span);
        let at = entry_text.find(raw)?;
        let open = &entry_text[..at];
        if open.chars().any(char::is_alphanumeric) {
            // A date at the end of the entry (`(completed 2024-12-25)`): no shape to copy.
            return None;
        }
        let after = &entry_text[at + raw.len()..];
        let close_len = after
            .char_indices()
            .find(|(_, c)| c.is_alphanumeric() || *c == '`' || *c == '*')
            .map_or(after.len(), |(i, _)| i);
        let mut close = after[..close_len].to_string();
        if !close.ends_with(' ') {
            close.push(' ');
        }
        let time_part = raw.get(10..).unwrap_or("");
        let zone = match &ts.zone {
            Zone::Offset(o) => {
                // The zone as written: what follows the clock time.
                let digits_end = time_part
                    .char_indices()
                    .skip(1)
                    .find(|(_, c)| !(c.is_ascii_digit() || *c == ':'))
                    .map_or(time_part.len(), |(i, _)| i);
                Some((time_part[digits_end..].to_string(), *o))
            }
            _ => None,
        };
        Some(StampStyle {
            open: open.to_string(),
            close,
            date_only: ts.time.is_none(),
            t: time_part.starts_with('T'),
            seconds: time_part.matches(':').count() >= 2
                && !matches!(&ts.zone, Zone::Offset(_) if time_part.matches(':').count() == 2 && time_part.contains(['+', '-'])),
            zone,
        })
    }

    fn format(&self, now: DateTime<Utc>) -> String {
        let offset = self.zone.as_ref().map_or(0, |z| z.1);
        let local = now.with_timezone(
            &FixedOffset::east_opt(offset).unwrap_or(FixedOffset::east_opt(0).unwrap()),
        );
        if self.date_only {
            return local.format("%Y-%m-%d").to_string();
        }
        let mut s = local.format("%Y-%m-%d").to_string();
        s.push(if self.t { 'T' } else { ' ' });
        s.push_str(
            &local
                .format(if self.seconds { "%H:%M:%S" } else { "%H:%M" })
                .to_string(),
        );
        if let Some((z, _)) = &self.zone {
            s.push_str(z);
        }
        s
    }

    fn wrap(&self, now: DateTime<Utc>) -> String {
        format!("{}{}{}", self.open, self.format(now), self.close)
    }
}

/// The timestamp a new Progress entry of `plan` gets at `now`, as the plan writes it (brackets
/// and the space after them included): for completion in the editor.
pub fn stamp_for(plan: &Plan<'_>, now: DateTime<Utc>) -> String {
    plan.progress
        .iter()
        .rev()
        .find_map(|e| e.timestamp().map(|t| (e, t)))
        .and_then(|(e, t)| StampStyle::of(plan, e.text, t))
        .unwrap_or_else(|| StampStyle::default_for(plan))
        .wrap(now)
}

/// The Progress section's index, or the exit-2 error offering the heading to add.
fn progress_section(plan: &Plan<'_>) -> Result<usize, Error> {
    plan.sections
        .iter()
        .position(|s| s.kind == Some(SectionKind::Progress))
        .ok_or_else(|| {
            let heading = match plan.dialect {
                planlint_parser::Dialect::Numbered => "## N. Progress",
                planlint_parser::Dialect::Canonical => "## Progress",
            };
            Error::Usage(format!(
                "the plan has no Progress section; add a `{heading}` heading, then log again"
            ))
        })
}

/// The edit that bumps `Last updated` to `now` in the field's own format, if the plan has one.
fn bump_last_updated(plan: &Plan<'_>, now: DateTime<Utc>) -> Option<Edit> {
    let field = plan.meta(MetaKey::LastUpdated)?;
    let old = field.value;
    let date = now.format("%Y-%m-%d").to_string();
    let value = if old.len() > 10
        && old
            .as_bytes()
            .get(10)
            .is_some_and(|b| matches!(b, b' ' | b'T'))
    {
        let sep = old.as_bytes()[10] as char;
        format!(
            "{date}{sep}{}{}",
            now.format("%H:%M"),
            if old.ends_with('Z') { "Z" } else { "" }
        )
    } else {
        date
    };
    Some(Edit {
        start: field.value_span.start,
        end: field.value_span.end,
        text: value,
    })
}

/// `planlint log`.
pub fn log(
    ws: &Workspace,
    path: &Path,
    entry: &str,
    open: bool,
    at: Option<&str>,
    dry_run: bool,
) -> Result<String, Error> {
    let target = read(ws, path)?;
    let edits = log_edits(&target.text, entry, open, when(at)?)?;
    finish(&target, edits, dry_run, "logged")
}

/// The edits that append a Progress entry to `text`.
pub fn log_edits(
    text: &str,
    entry: &str,
    open: bool,
    now: DateTime<Utc>,
) -> Result<Vec<Edit>, Error> {
    let plan = planlint_parser::parse(text);
    let sec = progress_section(&plan)?;
    let entries: Vec<_> = plan
        .progress
        .iter()
        .filter(|e| plan.section_at(e.span.start) == Some(sec))
        .collect();
    let top: Vec<_> = entries.iter().filter(|e| e.depth == 0).collect();
    let stamped: Vec<(&&&planlint_parser::ProgressEntry, &Timestamp)> = top
        .iter()
        .filter_map(|e| e.timestamp().map(|t| (e, t)))
        .collect();
    let style = stamped
        .last()
        .and_then(|(e, t)| StampStyle::of(&plan, e.text, t))
        .unwrap_or_else(|| StampStyle::default_for(&plan));
    // Where `timestamp-order` expects it: on top only in a log it judges newest-first.
    let seq: Vec<&Timestamp> = stamped.iter().map(|(_, t)| *t).collect();
    let newest_first = planlint_rules::newest_first(&seq);
    let reference = if newest_first {
        top.first()
    } else {
        top.last()
    };
    let uses_boxes = match reference {
        Some(e) => e.checkbox.is_some(),
        None => plan.dialect == planlint_parser::Dialect::Canonical,
    };
    // The bullet and indentation as the reference entry writes them.
    let bullet = match reference {
        Some(e) => {
            let start = line_start(text, e.span.start);
            let upto = match e.checkbox {
                Some(b) => plan.checkboxes[b].marker.start.max(start),
                None => e.span.start,
            };
            let lead = &text[start..upto];
            if lead.trim().is_empty() || lead.trim_start().starts_with(['-', '*', '+']) {
                lead.to_string()
            } else {
                "- ".into()
            }
        }
        None => "- ".into(),
    };
    let mut line = bullet;
    if uses_boxes {
        line.push_str(if open { "[ ] " } else { "[x] " });
    }
    if !open || !uses_boxes {
        line.push_str(&style.wrap(now));
    }
    line.push_str(entry.trim());
    let nl = eol(text);
    let insert = match (newest_first, entries.last(), top.first()) {
        (true, _, Some(first)) => {
            let at = line_start(text, first.span.start);
            Edit {
                start: at,
                end: at,
                text: format!("{line}{nl}"),
            }
        }
        (_, Some(_), _) => {
            let end = entries
                .iter()
                .map(|e| line_end(text, e.span.end))
                .max()
                .unwrap_or(0);
            Edit {
                start: end,
                end,
                text: format!("{nl}{line}"),
            }
        }
        _ => {
            // No entry yet: after the section's last line of text.
            let body = plan.sections[sec].body;
            let content = text[body.start..body.end].trim_end();
            let end = body.start + content.len();
            let sep = if content.trim().is_empty() {
                nl.to_string()
            } else {
                format!("{nl}{nl}")
            };
            Edit {
                start: end,
                end,
                text: format!("{sep}{line}"),
            }
        }
    };
    let mut edits = vec![insert];
    edits.extend(bump_last_updated(&plan, now));
    Ok(edits)
}

/// `planlint decide`.
pub fn decide(
    ws: &Workspace,
    path: &Path,
    decision: &str,
    why: &str,
    author: Option<&str>,
    at: Option<&str>,
    dry_run: bool,
) -> Result<String, Error> {
    let target = read(ws, path)?;
    let edits = decide_edits(&target.text, decision, why, author, when(at)?)?;
    finish(&target, edits, dry_run, "recorded the decision")
}

/// The edits that append a Decision Log entry to `text`.
pub fn decide_edits(
    text: &str,
    decision: &str,
    why: &str,
    author: Option<&str>,
    now: DateTime<Utc>,
) -> Result<Vec<Edit>, Error> {
    let plan = planlint_parser::parse(text);
    let nl = eol(text);
    let Some(sec) = plan
        .sections
        .iter()
        .position(|s| s.kind == Some(SectionKind::DecisionLog))
    else {
        return Err(Error::Usage(
            "the plan has no Decision Log section; add a `## Decision Log` heading, then decide again".into(),
        ));
    };
    let author = author
        .map(str::to_string)
        .or_else(|| std::env::var("GIT_AUTHOR_NAME").ok())
        .or_else(|| std::env::var("USER").ok())
        .filter(|s| !s.trim().is_empty())
        .unwrap_or_else(|| "planlint".into());
    let date = now.format("%Y-%m-%d").to_string();
    let existing: Vec<_> = plan
        .decisions
        .iter()
        .filter(|d| plan.section_at(d.span.start) == Some(sec))
        .collect();
    let last = existing.last();
    let (entry, at) = match last.map(|d| d.form) {
        Some(DecisionForm::Table) => {
            let d = last.unwrap();
            let row = plan.text(d.span);
            let cells: Vec<&str> = row.trim().trim_matches('|').split('|').collect();
            // Fill each column by its header's meaning: date, decision, rationale, author.
            // The header: the line above the table's `|---|` separator.
            let above: Vec<&str> = text[..line_start(text, d.span.start)].lines().collect();
            let sep = above.iter().rposition(|l| {
                let t = l.trim();
                t.starts_with('|')
                    && t.contains('-')
                    && t.chars().all(|c| matches!(c, '|' | '-' | ':' | ' '))
            });
            let header_line = sep.and_then(|i| i.checked_sub(1)).map_or("", |i| above[i]);
            let headers: Vec<String> = header_line
                .trim()
                .trim_matches('|')
                .split('|')
                .map(|h| h.trim().to_lowercase())
                .collect();
            let values: Vec<String> = (0..cells.len().max(headers.len()))
                .map(|i| {
                    let h = headers.get(i).map(String::as_str).unwrap_or("");
                    if h.contains("decision") || h.contains("決定") || h.contains("决策") {
                        decision.to_string()
                    } else if ["rationale", "reason", "why", "根拠", "理由"]
                        .iter()
                        .any(|k| h.contains(k))
                    {
                        why.to_string()
                    } else if h.contains("date") || h.contains("日") {
                        date.clone()
                    } else if h.contains("author") || h.contains("who") {
                        author.clone()
                    } else {
                        String::new()
                    }
                })
                .collect();
            (
                format!("| {} |", values.join(" | ")),
                line_end(text, d.span.end),
            )
        }
        _ => {
            // The keys and indentation the plan's own entries use.
            let (dkey, rkey, lead) = match last {
                Some(d) => {
                    let first = plan.text(d.span);
                    let dkey = planlint_parser::keyvalue::key_value(first, 0)
                        .map(|kv| kv.key.to_string())
                        .unwrap_or_else(|| "Decision".into());
                    let rkey = d
                        .rationale
                        .and_then(|r| {
                            planlint_parser::keyvalue::key_value(
                                &text[r.start..line_end(text, r.start)],
                                0,
                            )
                        })
                        .map(|kv| kv.key.to_string())
                        .unwrap_or_else(|| "Rationale".into());
                    let ls = line_start(text, d.span.start);
                    let lead = text[ls..d.span.start].to_string();
                    (
                        dkey,
                        rkey,
                        if lead.trim().is_empty() {
                            "- ".to_string()
                        } else {
                            lead
                        },
                    )
                }
                None => ("Decision".into(), "Rationale".into(), "- ".into()),
            };
            let indent = " ".repeat(lead.trim_end().len() + 1);
            // The separator and the date key as the plan's last decision writes them
            // (`決定: …` with an ASCII colon, `日付/著者:`), else the canonical ones.
            let (colon, date_key) = match last {
                Some(d) => {
                    let first = plan.text(d.span);
                    let after_key = first
                        .find(dkey.as_str())
                        .map(|i| &first[i + dkey.len()..])
                        .unwrap_or(": ");
                    let after_key = after_key.trim_start_matches(['*', '_']);
                    let colon = if after_key.starts_with('：') {
                        if after_key['：'.len_utf8()..].starts_with(' ') {
                            "： "
                        } else {
                            "："
                        }
                    } else {
                        ": "
                    };
                    let body = plan.sections[sec].body;
                    let date_key = text[d.span.start..body.end]
                        .lines()
                        .skip(1)
                        .filter_map(|l| planlint_parser::keyvalue::key_value(l, 0))
                        .map(|kv| kv.key.to_string())
                        .find(|k| {
                            let k = k.to_lowercase();
                            ["date", "日付", "日期", "날짜", "data", "fecha"]
                                .iter()
                                .any(|w| k.contains(w))
                        })
                        .unwrap_or_else(|| "Date/Author".into());
                    (colon, date_key)
                }
                None => (": ", "Date/Author".to_string()),
            };
            let entry = format!(
                "{lead}{dkey}{colon}{decision}{nl}{indent}{rkey}{colon}{why}{nl}{indent}{date_key}{colon}{date} / {author}"
            );
            // After the section's last line of text: the end of the last entry however it is
            // laid out (a loose item's later paragraphs, a sibling `- Rationale:` bullet).
            let body = plan.sections[sec].body;
            let at = body.start + text[body.start..body.end].trim_end().len();
            (entry, at)
        }
    };
    let sep = if existing.is_empty() {
        format!("{nl}{nl}")
    } else {
        nl.to_string()
    };
    let mut edits = vec![Edit {
        start: at,
        end: at,
        text: format!("{sep}{entry}"),
    }];
    edits.extend(bump_last_updated(&plan, now));
    Ok(edits)
}

/// `planlint tick`.
pub fn tick(
    ws: &Workspace,
    path: &Path,
    pattern: &str,
    at: Option<&str>,
    dry_run: bool,
) -> Result<String, Error> {
    let target = read(ws, path)?;
    let edits = tick_edits(&target.text, &target.settings, pattern, when(at)?)?;
    finish(&target, edits, dry_run, "checked the box")
}

/// The edits that check the open box matching `pattern`.
pub fn tick_edits(
    text: &str,
    settings: &Settings,
    pattern: &str,
    now: DateTime<Utc>,
) -> Result<Vec<Edit>, Error> {
    let plan = planlint_parser::parse(text);
    let open: Vec<(usize, &planlint_parser::Checkbox<'_>)> = plan
        .checkboxes
        .iter()
        .enumerate()
        .filter(|(_, b)| b.state == BoxState::Open)
        .collect();
    let line_of = |b: &planlint_parser::Checkbox<'_>| {
        let s = b.marker.end;
        text[s..line_end(text, s)].trim().to_string()
    };
    let chosen: Vec<&(usize, &planlint_parser::Checkbox<'_>)> =
        match pattern.trim().parse::<usize>() {
            Ok(n) if n >= 1 && n <= open.len() => vec![&open[n - 1]],
            _ => {
                let p = pattern.to_lowercase();
                open.iter()
                    .filter(|(_, b)| line_of(b).to_lowercase().contains(&p))
                    .collect()
            }
        };
    if chosen.len() != 1 {
        let list: Vec<String> = open
            .iter()
            .enumerate()
            .map(|(i, (_, b))| format!("  {}. {}", i + 1, line_of(b)))
            .collect();
        let why = if chosen.is_empty() {
            "no open box matches"
        } else {
            "more than one open box matches"
        };
        return Err(Error::Usage(format!(
            "{why} `{pattern}`; the open boxes:\n{}",
            list.join("\n")
        )));
    }
    let (index, b) = chosen[0];
    let mut edits = vec![Edit {
        start: b.marker.start,
        end: b.marker.end,
        text: "[x]".into(),
    }];
    // A checked Progress entry carries a timestamp, in the log's own style.
    let entry = plan.progress.iter().find(|e| e.checkbox == Some(*index));
    if let Some(e) = entry {
        let in_progress = plan
            .section_at(e.span.start)
            .is_some_and(|s| plan.sections[s].kind == Some(SectionKind::Progress));
        if in_progress && settings.progress_timestamps && matches!(e.stamp, Stamp::None) {
            // A checked entry belongs where its time puts it: above stamped entries of the same
            // log it moves to the log's end, as `log` writes it (an open entry is not part of
            // the record yet, so nothing is rewritten). Entries with sub-items stay in place.
            let i = plan
                .progress
                .iter()
                .position(|p| std::ptr::eq(p, e))
                .unwrap_or(0);
            let sec = plan.section_at(e.span.start);
            let later_stamped = plan.progress[i + 1..]
                .iter()
                .any(|p| plan.section_at(p.span.start) == sec && p.timestamp().is_some());
            let has_children = plan
                .progress
                .get(i + 1)
                .is_some_and(|p| p.parent == Some(i));
            if later_stamped && !has_children {
                let start = line_start(text, b.marker.start.min(e.span.start));
                let end = line_end(text, e.span.end);
                let end = if text[end..].starts_with("\r\n") {
                    end + 2
                } else if text[end..].starts_with('\n') {
                    end + 1
                } else {
                    end
                };
                let without = format!("{}{}", &text[..start], &text[end..]);
                let moved = apply(&without, &log_edits(&without, e.text, false, now)?);
                return Ok(vec![minimal_edit(text, &moved)]);
            }
            let style = plan
                .progress
                .iter()
                .rev()
                .find_map(|e| e.timestamp().map(|t| (e, t)))
                .and_then(|(e, t)| StampStyle::of(&plan, e.text, t))
                .unwrap_or_else(|| StampStyle::default_for(&plan));
            let after = b.marker.end;
            let gap = text[after..].len() - text[after..].trim_start_matches([' ', '\t']).len();
            edits.push(Edit {
                start: after + gap,
                end: after + gap,
                text: style.wrap(now),
            });
        }
    }
    edits.extend(bump_last_updated(&plan, now));
    Ok(edits)
}

/// `planlint set-status`.
pub fn set_status(
    ws: &Workspace,
    path: &Path,
    value: &str,
    force: bool,
    dry_run: bool,
) -> Result<String, Error> {
    let target = read(ws, path)?;
    let edits = status_edits(&target.text, &target.settings, value, force)?;
    finish(&target, edits, dry_run, "set the status")
}

/// The edits that set the plan's status to `value`.
pub fn status_edits(
    text: &str,
    settings: &Settings,
    value: &str,
    force: bool,
) -> Result<Vec<Edit>, Error> {
    let plan = planlint_parser::parse(text);
    let normalized = planlint_parser::status::normalize_value(value);
    if !force
        && !settings
            .statuses
            .iter()
            .any(|s| normalized == *s || normalized.starts_with(&format!("{s}-")))
    {
        let hint = planlint_rules::config::did_you_mean(
            &normalized,
            settings.statuses.iter().map(String::as_str),
        )
        .unwrap_or_else(|| format!("the vocabulary: {}", settings.statuses.join(", ")));
        return Err(Error::Usage(format!(
            "`{value}` is not a status of this project: {hint} (--force sets it anyway)"
        )));
    }
    let finished = settings
        .finished
        .iter()
        .any(|f| normalized == *f || normalized.starts_with(&format!("{f}-")));
    let open = plan
        .checkboxes
        .iter()
        .filter(|b| b.effective_state() == BoxState::Open)
        .count();
    if finished && open > 0 && !force {
        return Err(Error::Usage(format!(
            "`{value}` says the work is finished, but {open} box{} still open; check them first, or --force",
            if open == 1 { " is" } else { "es are" }
        )));
    }
    let Some(status) = plan.statuses.first() else {
        return Err(Error::Usage(
            "the plan writes no status; add `Status: VALUE` under the title (or a `status:` front matter field), then set it".into(),
        ));
    };
    // Every status the plan keeps in the same place (several Status bullets stand together).
    let edits = plan
        .statuses
        .iter()
        .filter(|s| s.origin == status.origin)
        .take(1)
        .map(|s| Edit {
            start: s.span.start,
            end: s.span.end,
            text: value.to_string(),
        })
        .collect();
    Ok(edits)
}
