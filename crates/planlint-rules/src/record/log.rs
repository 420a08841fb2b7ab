//! `planlint log`: a new Progress entry in the log's own form — checkbox or not, bullet and
//! indentation, the timestamp's style — on top of a newest-first log, else at its end.

use chrono::{DateTime, Utc};
use planlint_parser::{Dialect, Plan, ProgressEntry, SectionKind, Timestamp};

use super::stamp::{bump_last_updated, style};
use super::{eol, insert, insert_after_line, line_end, line_start, RecordError};
use crate::Edit;

/// The Progress section the log is kept in: the last one holding an entry (a plan with the
/// heading twice keeps its log under one of them), else the first.
pub(super) fn log_section(plan: &Plan<'_>) -> Option<usize> {
    let progress = |i: &usize| plan.sections[*i].kind == Some(SectionKind::Progress);
    plan.progress
        .iter()
        .rev()
        .filter_map(|e| plan.section_at(e.span.start))
        .find(progress)
        .or_else(|| (0..plan.sections.len()).find(progress))
}

/// The Progress section's index, or the refusal that names the heading to add.
pub(super) fn progress_section(plan: &Plan<'_>) -> Result<usize, RecordError> {
    log_section(plan).ok_or_else(|| {
        let heading = match plan.dialect {
            Dialect::Numbered => "## N. Progress",
            Dialect::Canonical => "## Progress",
        };
        RecordError(format!(
            "the plan has no Progress section; add a `{heading}` heading, then log again"
        ))
    })
}

/// The edits that add a Progress entry with `entry` as its text to `text` (an open box without
/// a stamp when `open` and the log uses boxes).
pub fn log_edits(
    text: &str,
    entry: &str,
    open: bool,
    now: DateTime<Utc>,
) -> Result<Vec<Edit>, RecordError> {
    super::check_text("entry", entry)?;
    let plan = planlint_parser::parse(text);
    let sec = progress_section(&plan)?;
    let entries: Vec<&ProgressEntry<'_>> = plan
        .progress
        .iter()
        .filter(|e| plan.section_at(e.span.start) == Some(sec))
        .collect();
    let mut top: Vec<&ProgressEntry<'_>> =
        entries.iter().copied().filter(|e| e.depth == 0).collect();
    // Narrative Progress: an indented plain list under prose is not the log; the entry starts
    // its own. Lists after the log's last stamped or boxed entry are notes: it goes in the log.
    let notes = narrative(&plan, sec, &entries);
    let mut entries = entries;
    if notes.is_some() {
        top.clear();
        entries.clear();
    }
    let log = top
        .iter()
        .rev()
        .find(|e| e.timestamp().is_some() || e.checkbox.is_some());
    if let Some(end) = log.and_then(|l| {
        top.iter()
            .find(|e| e.list != l.list && e.span.start > l.span.start)
    }) {
        let end = end.span.start;
        top.retain(|e| e.span.start < end);
        entries.retain(|e| e.span.start < end);
    }
    // Where `timestamp-order` expects it: on top only in a log it judges newest-first.
    let seq: Vec<&Timestamp> = top.iter().filter_map(|e| e.timestamp()).collect();
    let newest_first = crate::newest_first(&seq);
    let reference = if newest_first {
        top.first()
    } else {
        top.last()
    };
    let uses_boxes = match reference {
        Some(e) => e.checkbox.is_some(),
        None => plan.dialect == Dialect::Canonical,
    };
    let nl = eol(text);
    let row = reference.filter(|e| is_row(&plan, e));
    let line = match row {
        Some(e) => table_row(&plan, e, entry, open, now)?,
        None => {
            let mut line = match notes {
                Some(marker) => format!("{} ", if marker == '-' { '*' } else { '-' }),
                None => bullet(&plan, reference.copied(), newest_first),
            };
            let indent = " ".repeat(line.chars().count());
            if uses_boxes {
                line.push_str(if open { "[ ] " } else { "[x] " });
            }
            if !open || !uses_boxes {
                line.push_str(&style(Some(&plan), plan.dialect).wrap(now));
            }
            line.push_str(&super::indent_lines(entry.trim(), &indent, nl));
            line
        }
    };
    // A time in the past (`--at`) goes where the log's order puts it: before the first entry
    // it precedes (oldest-first), or before the first it follows (newest-first).
    let later = |e: &&&ProgressEntry<'_>| e.timestamp().is_some_and(|t| t.is_after(now));
    let place = if top.iter().any(|e| later(&e)) {
        match newest_first {
            false => top.iter().find(later),
            true => top.iter().find(|e| e.timestamp().is_some() && !later(e)),
        }
    } else {
        None
    };
    let edit = match (place, newest_first, entries.last(), top.first()) {
        (Some(before), ..) => insert(line_start(&plan, before.span.start), format!("{line}{nl}")),
        (None, true, _, Some(first)) => {
            insert(line_start(&plan, first.span.start), format!("{line}{nl}"))
        }
        (None, _, Some(_), _) => {
            let end = entries
                .iter()
                .map(|e| line_end(&plan, e.span.end))
                .max()
                .unwrap_or(0);
            let end = continuation_end(text, end, plan.sections[sec].body.end);
            insert_after_line(&plan, end, &line, nl)
        }
        _ => {
            // No entry yet: after the section's last line of text.
            let body = plan.sections[sec].body;
            let content = text[body.start..body.end].trim_end();
            let end = body.start + content.len();
            let blank = if content.trim().is_empty() { "" } else { nl };
            insert_after_line(&plan, end, &format!("{blank}{line}"), nl)
        }
    };
    let mut edits = vec![edit];
    edits.extend(bump_last_updated(&plan, now));
    super::verify(text, edits, "Progress entry", |p| p.progress.len())
}

/// The end of the indented lines that continue the entry ending at `from` (later paragraphs,
/// code, sub-lists the parser does not count): a new entry goes after them, not inside.
fn continuation_end(text: &str, from: usize, limit: usize) -> usize {
    if from >= limit || !text.is_char_boundary(from) || !text.is_char_boundary(limit) {
        return from;
    }
    let mut end = from;
    let mut pos = from;
    for line in text[from..limit].split_inclusive('\n').skip(1) {
        let start = pos + text[pos..].find('\n').map_or(0, |i| i + 1);
        pos = start;
        let content = line.trim_end_matches(['\n', '\r']);
        if content.trim().is_empty() {
            continue;
        }
        if !content.starts_with([' ', '\t']) {
            break;
        }
        end = start + content.len();
    }
    end
}

/// In a narrative Progress section — prose, with an indented list of plain items (no box, no
/// stamp, no table row) under it — the bullet of the last such item: a new entry must start a list of its own
/// (another bullet) rather than land inside that list. `None` for a log.
fn narrative(plan: &Plan<'_>, sec: usize, entries: &[&ProgressEntry<'_>]) -> Option<char> {
    let (first, last) = (entries.first()?, entries.last()?);
    let last_line = &plan.source[line_start(plan, last.span.start)..];
    if !last_line.starts_with([' ', '\t']) {
        return None;
    }
    let plain = entries
        .iter()
        .all(|e| e.timestamp().is_none() && e.checkbox.is_none() && !is_row(plan, e));
    let body = plan.sections[sec].body;
    let before = &plan.source[body.start..line_start(plan, first.span.start).max(body.start)];
    let prose = before
        .lines()
        .any(|l| !l.trim().is_empty() && !l.trim_start().starts_with(['#', '<']));
    if !plain || !prose {
        return None;
    }
    let line = &plan.source[line_start(plan, last.span.start)..];
    line.trim_start()
        .chars()
        .next()
        .filter(|c| matches!(c, '-' | '*' | '+'))
}

/// Whether an entry is a row of a Progress table.
fn is_row(plan: &Plan<'_>, e: &ProgressEntry<'_>) -> bool {
    plan.source[line_start(plan, e.span.start)..]
        .trim_start()
        .starts_with('|')
}

/// A table row like the reference one: the stamp in the date column, `done` (or `open`) in a
/// status column, the text (`|` escaped) in the column that describes the work, else the last.
fn table_row(
    plan: &Plan<'_>,
    reference: &ProgressEntry<'_>,
    entry: &str,
    open: bool,
    now: DateTime<Utc>,
) -> Result<String, RecordError> {
    if entry.trim().contains('\n') {
        return Err(RecordError(
            "the Progress log is a table, and a row holds one line: write the entry on one line"
                .into(),
        ));
    }
    let text = plan.source;
    let above: Vec<&str> = text[..line_start(plan, reference.span.start)]
        .lines()
        .collect();
    let sep = above.iter().rposition(|l| {
        let t = l.trim();
        t.starts_with('|') && t.contains('-') && t.chars().all(|c| "|-: ".contains(c))
    });
    let header = sep.and_then(|i| i.checked_sub(1)).map_or("", |i| above[i]);
    let names: Vec<String> = header
        .trim()
        .trim_matches('|')
        .split('|')
        .map(|h| h.trim().to_lowercase())
        .collect();
    let has = |n: &str, words: &[&str]| words.iter().any(|w| n.contains(w));
    const DATE: &[&str] = &[
        "date", "time", "when", "日", "时间", "時間", "날짜", "일시", "fecha", "data",
    ];
    const STATUS: &[&str] = &["status", "state", "状态", "状態", "상태", "estado"];
    const WHAT: &[&str] = &[
        "what",
        "description",
        "summary",
        "work",
        "note",
        "evidence",
        "change",
        "task",
        "step",
        "progress",
        "说明",
        "内容",
        "作業",
        "내용",
        "descrip",
        "entry",
    ];
    let date_col = names.iter().position(|n| has(n, DATE));
    let status_col = names.iter().position(|n| has(n, STATUS));
    let text_col = names
        .iter()
        .enumerate()
        .position(|(i, n)| Some(i) != date_col && Some(i) != status_col && has(n, WHAT))
        .or_else(|| {
            (0..names.len())
                .rev()
                .find(|&i| Some(i) != date_col && Some(i) != status_col)
        });
    let mut style = style(Some(plan), plan.dialect);
    style.bare();
    let cells: Vec<String> = (0..names.len())
        .map(|i| {
            if Some(i) == date_col {
                style.wrap(now).trim().to_string()
            } else if Some(i) == status_col {
                status_word(plan, reference, i, open)
            } else if Some(i) == text_col {
                entry.trim().replace('|', "\\|")
            } else {
                String::new()
            }
        })
        .collect();
    let lead = &text[line_start(plan, reference.span.start)..];
    let indent = &lead[..lead.len() - lead.trim_start().len()];
    Ok(format!("{indent}| {} |", cells.join(" | ")))
}

/// The word a table log's status column says for a finished (or an open) row, spelt as the
/// table spells it (`Done`, `completed`, `完了`), else `done` (`open`).
fn status_word(plan: &Plan<'_>, reference: &ProgressEntry<'_>, col: usize, open: bool) -> String {
    const DONE: &[&str] = &[
        "done",
        "complete",
        "completed",
        "finished",
        "shipped",
        "✅",
        "完了",
        "完成",
        "완료",
        "hecho",
        "concluído",
    ];
    const OPEN: &[&str] = &[
        "open",
        "todo",
        "to do",
        "pending",
        "planned",
        "not started",
        "未着手",
        "未开始",
        "예정",
    ];
    let words = if open { OPEN } else { DONE };
    let text = plan.source;
    // The reference row's table: its rows are the lines around it that start with `|`.
    let at = line_start(plan, reference.span.start);
    let rows = text[..at]
        .lines()
        .rev()
        .take_while(|l| l.trim_start().starts_with('|'))
        .chain(
            text[at..]
                .lines()
                .take_while(|l| l.trim_start().starts_with('|')),
        );
    rows.filter_map(|l| l.trim().trim_matches('|').split('|').nth(col))
        .map(str::trim)
        .find(|v| {
            words.iter().any(|w| {
                v.eq_ignore_ascii_case(w)
                    || v.trim_start_matches(['✅', ' ']).eq_ignore_ascii_case(w)
            })
        })
        .map_or_else(|| words[0].to_string(), str::to_string)
}

/// The number of a numbered item (`12. ` → 12) and what follows it, up to the text.
pub(super) fn number(marker: &str) -> Option<(u64, &str)> {
    let digits = marker.chars().take_while(char::is_ascii_digit).count();
    if digits == 0 || digits > 9 || !marker[digits..].starts_with(['.', ')']) {
        return None;
    }
    let rest = &marker[digits..];
    let rest_len = 1 + rest[1..].len() - rest[1..].trim_start().len();
    Some((marker[..digits].parse().ok()?, &rest[..rest_len]))
}

/// The bullet and indentation as the reference entry writes them (`- ` where there is none); a
/// numbered list's next number (the one after the reference's, or the same on top of a list
/// that counts up).
fn bullet(plan: &Plan<'_>, reference: Option<&ProgressEntry<'_>>, on_top: bool) -> String {
    let Some(e) = reference else {
        return "- ".into();
    };
    let start = line_start(plan, e.span.start);
    let upto = match e.checkbox {
        Some(b) => plan.checkboxes[b].marker.start.max(start),
        None => e.span.start,
    };
    let lead = &plan.source[start..upto];
    let marker = lead.trim_start();
    if lead.trim().is_empty() {
        // A malformed box's span starts at the bullet (`- [X ]`): the bullet is the line's own.
        let line = &plan.source[start..];
        let body = line.trim_start_matches([' ', '\t']);
        let indent = &line[..line.len() - body.len()];
        return match body.as_bytes() {
            [b @ (b'-' | b'*' | b'+'), b' ', ..] => format!("{indent}{} ", *b as char),
            _ => lead.to_string(),
        };
    }
    if marker.starts_with(['-', '*', '+']) {
        return lead.to_string();
    }
    if let Some((n, rest)) = number(marker) {
        // On top of a list that counts down (3., 2., 1.) the next number; on top of one that
        // counts up, the same number (Markdown numbers the rest).
        let below = plan
            .progress
            .iter()
            .find(|p| p.depth == e.depth && p.list == e.list && p.span.start > e.span.start)
            .and_then(|p| number(plan.source[line_start(plan, p.span.start)..].trim_start()));
        let n = match below {
            Some((b, _)) if on_top && b >= n => n,
            _ => n + 1,
        };
        let indent = &lead[..lead.len() - marker.len()];
        return format!("{indent}{n}{rest}");
    }
    "- ".into()
}
