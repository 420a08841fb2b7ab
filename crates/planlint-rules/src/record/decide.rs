//! `planlint decide`: a Decision Log entry in the shape of the plan's last one — a table row
//! filled by its headers' meaning, or `Decision:` / `Rationale:` / `Date/Author:` lines with the
//! plan's own keys, separator and indentation.

use chrono::{DateTime, Utc};
use planlint_parser::keyvalue::key_value;
use planlint_parser::{Decision, DecisionForm, Plan, SectionKind};

use super::stamp::bump_last_updated;
use super::{eol, insert, line_end, line_start, RecordError};
use crate::Edit;

/// What the new entry says.
struct Entry<'a> {
    decision: &'a str,
    why: &'a str,
    author: &'a str,
    date: String,
}

/// The edits that add a Decision Log entry to `text`: `decision`, its rationale `why`, dated
/// `now` and signed `author`.
pub fn decide_edits(
    text: &str,
    decision: &str,
    why: &str,
    author: &str,
    now: DateTime<Utc>,
) -> Result<Vec<Edit>, RecordError> {
    let plan = planlint_parser::parse(text);
    let Some(sec) = plan
        .sections
        .iter()
        .position(|s| s.kind == Some(SectionKind::DecisionLog))
    else {
        return Err(RecordError(
            "the plan has no Decision Log section; add a `## Decision Log` heading, then decide again".into(),
        ));
    };
    let new = Entry {
        decision,
        why,
        author,
        date: now.format("%Y-%m-%d").to_string(),
    };
    let existing: Vec<&Decision<'_>> = plan
        .decisions
        .iter()
        .filter(|d| plan.section_at(d.span.start) == Some(sec))
        .collect();
    let last = existing.last().copied();
    let (entry, at) = match last {
        Some(d) if d.form == DecisionForm::Table => table_row(&plan, d, &new),
        _ => list_entry(&plan, sec, last, &new),
    };
    let nl = eol(text);
    let sep = if existing.is_empty() {
        format!("{nl}{nl}")
    } else {
        nl.to_string()
    };
    let mut edits = vec![insert(at, format!("{sep}{entry}"))];
    edits.extend(bump_last_updated(&plan, now));
    Ok(edits)
}

/// A table row after the last one, each column filled by its header's meaning (date, decision,
/// rationale, author); where it goes.
fn table_row(plan: &Plan<'_>, last: &Decision<'_>, new: &Entry<'_>) -> (String, usize) {
    let text = plan.source;
    let row = plan.text(last.span);
    let cells: Vec<&str> = row.trim().trim_matches('|').split('|').collect();
    // The header: the line above the table's `|---|` separator.
    let above: Vec<&str> = text[..line_start(plan, last.span.start)].lines().collect();
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
                new.decision.to_string()
            } else if ["rationale", "reason", "why", "根拠", "理由"]
                .iter()
                .any(|k| h.contains(k))
            {
                new.why.to_string()
            } else if h.contains("date") || h.contains("日") {
                new.date.clone()
            } else if h.contains("author") || h.contains("who") {
                new.author.to_string()
            } else {
                String::new()
            }
        })
        .collect();
    (
        format!("| {} |", values.join(" | ")),
        line_end(plan, last.span.end),
    )
}

/// `Decision:` / `Rationale:` / `Date/Author:` lines in the keys, separator and indentation of
/// the plan's last decision (the canonical ones where it has none); where they go.
fn list_entry(
    plan: &Plan<'_>,
    sec: usize,
    last: Option<&Decision<'_>>,
    new: &Entry<'_>,
) -> (String, usize) {
    let text = plan.source;
    let (dkey, rkey, lead) = match last {
        Some(d) => keys(plan, d),
        None => ("Decision".into(), "Rationale".into(), "- ".into()),
    };
    let indent = " ".repeat(lead.trim_end().len() + 1);
    // The separator and the date key as the plan's last decision writes them (`決定: …` with an
    // ASCII colon, `日付/著者:`), else the canonical ones.
    let (colon, date_key) = match last {
        Some(d) => (separator(plan.text(d.span), &dkey), date_key(plan, sec, d)),
        None => (": ", "Date/Author".to_string()),
    };
    let nl = eol(text);
    let (decision, why, date, author) = (new.decision, new.why, &new.date, new.author);
    let entry = format!(
        "{lead}{dkey}{colon}{decision}{nl}{indent}{rkey}{colon}{why}{nl}{indent}{date_key}{colon}{date} / {author}"
    );
    // After the section's last line of text: the end of the last entry however it is laid out
    // (a loose item's later paragraphs, a sibling `- Rationale:` bullet).
    let body = plan.sections[sec].body;
    let at = body.start + text[body.start..body.end].trim_end().len();
    (entry, at)
}

/// The decision key, the rationale key and the bullet of a decision as written.
fn keys(plan: &Plan<'_>, d: &Decision<'_>) -> (String, String, String) {
    let text = plan.source;
    let dkey = key_value(plan.text(d.span), 0)
        .map(|kv| kv.key.to_string())
        .unwrap_or_else(|| "Decision".into());
    let rkey = d
        .rationale
        .and_then(|r| key_value(&text[r.start..line_end(plan, r.start)], 0))
        .map(|kv| kv.key.to_string())
        .unwrap_or_else(|| "Rationale".into());
    let lead = &text[line_start(plan, d.span.start)..d.span.start];
    let lead = if lead.trim().is_empty() {
        "- ".to_string()
    } else {
        lead.to_string()
    };
    (dkey, rkey, lead)
}

/// What follows the key in the decision's first line: `: `, `：` or `： `.
fn separator(first: &str, dkey: &str) -> &'static str {
    let after_key = first
        .find(dkey)
        .map(|i| &first[i + dkey.len()..])
        .unwrap_or(": ");
    let after_key = after_key.trim_start_matches(['*', '_']);
    match after_key.strip_prefix('：') {
        Some(rest) if rest.starts_with(' ') => "： ",
        Some(_) => "：",
        None => ": ",
    }
}

/// The date key of the decision's later lines (`Date/Author`, `日付/著者`, …).
fn date_key(plan: &Plan<'_>, sec: usize, d: &Decision<'_>) -> String {
    let body = plan.sections[sec].body;
    plan.source[d.span.start..body.end]
        .lines()
        .skip(1)
        .filter_map(|l| key_value(l, 0))
        .map(|kv| kv.key.to_string())
        .find(|k| {
            let k = k.to_lowercase();
            ["date", "日付", "日期", "날짜", "data", "fecha"]
                .iter()
                .any(|w| k.contains(w))
        })
        .unwrap_or_else(|| "Date/Author".into())
}
