//! `planlint log`: a new Progress entry in the log's own form — checkbox or not, bullet and
//! indentation, the timestamp's style — on top of a newest-first log, else at its end.

use chrono::{DateTime, Utc};
use planlint_parser::{Dialect, Plan, ProgressEntry, SectionKind, Timestamp};

use super::stamp::{bump_last_updated, style};
use super::{eol, insert, line_end, line_start, RecordError};
use crate::Edit;

/// The Progress section's index, or the refusal that names the heading to add.
pub(super) fn progress_section(plan: &Plan<'_>) -> Result<usize, RecordError> {
    plan.sections
        .iter()
        .position(|s| s.kind == Some(SectionKind::Progress))
        .ok_or_else(|| {
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
    let plan = planlint_parser::parse(text);
    let sec = progress_section(&plan)?;
    let entries: Vec<&ProgressEntry<'_>> = plan
        .progress
        .iter()
        .filter(|e| plan.section_at(e.span.start) == Some(sec))
        .collect();
    let top: Vec<&ProgressEntry<'_>> = entries.iter().copied().filter(|e| e.depth == 0).collect();
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
    let mut line = bullet(&plan, reference.copied());
    if uses_boxes {
        line.push_str(if open { "[ ] " } else { "[x] " });
    }
    if !open || !uses_boxes {
        line.push_str(&style(Some(&plan), plan.dialect).wrap(now));
    }
    line.push_str(entry.trim());
    let nl = eol(text);
    let edit = match (newest_first, entries.last(), top.first()) {
        (true, _, Some(first)) => {
            insert(line_start(&plan, first.span.start), format!("{line}{nl}"))
        }
        (_, Some(_), _) => {
            let end = entries
                .iter()
                .map(|e| line_end(&plan, e.span.end))
                .max()
                .unwrap_or(0);
            insert(end, format!("{nl}{line}"))
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
            insert(end, format!("{sep}{line}"))
        }
    };
    let mut edits = vec![edit];
    edits.extend(bump_last_updated(&plan, now));
    Ok(edits)
}

/// The bullet and indentation as the reference entry writes them (`- ` where there is none).
fn bullet(plan: &Plan<'_>, reference: Option<&ProgressEntry<'_>>) -> String {
    let Some(e) = reference else {
        return "- ".into();
    };
    let start = line_start(plan, e.span.start);
    let upto = match e.checkbox {
        Some(b) => plan.checkboxes[b].marker.start.max(start),
        None => e.span.start,
    };
    let lead = &plan.source[start..upto];
    if lead.trim().is_empty() || lead.trim_start().starts_with(['-', '*', '+']) {
        lead.to_string()
    } else {
        "- ".into()
    }
}
