//! `planlint set-status`: the plan's own status set where the plan keeps it, from the vocabulary
//! the rules accept (`Settings::status_allowed`), never finished while boxes are open.

use chrono::{DateTime, Utc};
use planlint_parser::{BoxState, Span};

use super::stamp::bump_last_updated;
use super::RecordError;
use crate::{Edit, Settings};

/// The edits that set the plan's status to `value` and bump `Last updated`. `force` sets a
/// value outside the vocabulary, or a finished one while boxes are open.
pub fn status_edits(
    text: &str,
    settings: &Settings,
    value: &str,
    force: bool,
    now: DateTime<Utc>,
) -> Result<Vec<Edit>, RecordError> {
    let plan = planlint_parser::parse(text);
    let normalized = planlint_parser::status::normalize_value(value);
    if !force && !settings.status_allowed(&normalized) {
        let hint =
            crate::config::did_you_mean(&normalized, settings.statuses.iter().map(String::as_str))
                .unwrap_or_else(|| format!("the vocabulary: {}", settings.statuses.join(", ")));
        return Err(RecordError(format!(
            "`{value}` is not a status of this project: {hint} (--force sets it anyway)"
        )));
    }
    let open = plan
        .checkboxes
        .iter()
        .filter(|b| b.effective_state() == BoxState::Open)
        .count();
    if settings.status_finished(&normalized) && open > 0 && !force {
        return Err(RecordError(format!(
            "`{value}` says the work is finished, but {open} box{} still open; check them first, or --force",
            if open == 1 { " is" } else { "es are" }
        )));
    }
    let Some(first) = plan.statuses.first() else {
        return Err(RecordError(
            "the plan writes no status; add `Status: VALUE` under the title (or a `status:` front matter field), then set it".into(),
        ));
    };
    // The status as each place writes it (front matter, the status line, `## Status`): every
    // place gets the new value; of several Status bullets in one place only the first (see
    // `status_note`).
    let mut edits: Vec<Edit> = plan
        .statuses
        .iter()
        .enumerate()
        .filter(|(i, s)| *i == 0 || s.origin != first.origin)
        .map(|(_, s)| Edit {
            span: Span::new(s.span.start, stale_note_end(text, s.span.end)),
            text: value.to_string(),
        })
        .collect();
    edits.extend(bump_last_updated(&plan, now));
    Ok(edits)
}

/// What `set-status` leaves as it was, for the user: the other Status bullets written in the
/// same place as the first (a list of stages, say), which it does not guess at.
pub fn status_note(text: &str) -> Option<String> {
    let plan = planlint_parser::parse(text);
    let first = plan.statuses.first()?;
    let others: Vec<String> = plan.statuses[1..]
        .iter()
        .filter(|s| s.origin == first.origin)
        .map(|s| format!("line {} (`{}`)", plan.position(s.span.start).line, s.raw))
        .collect();
    (!others.is_empty()).then(|| {
        format!(
            "set the first status (line {}); the plan writes more beside it, left as they are: {}",
            plan.position(first.span.start).line,
            others.join(", ")
        )
    })
}

/// Where a status value's note ends: a parenthetical right after it (`done (rest unfinished)`,
/// `done（…）`) belongs to the old value and goes with it; anything else stays.
fn stale_note_end(text: &str, value_end: usize) -> usize {
    let line_end = text[value_end..]
        .find(['\n', '\r'])
        .map_or(text.len(), |i| value_end + i);
    let rest = &text[value_end..line_end];
    let trimmed = rest.trim_start();
    let close = match trimmed.chars().next() {
        Some('(') => ')',
        Some('（') => '）',
        _ => return value_end,
    };
    match trimmed.find(close) {
        Some(i) => value_end + (rest.len() - trimmed.len()) + i + close.len_utf8(),
        None => value_end,
    }
}
