//! `planlint set-status`: the plan's own status set where the plan keeps it, from the vocabulary
//! the rules accept (`Settings::status_allowed`), never finished while boxes are open.

use chrono::{DateTime, Utc};
use planlint_parser::BoxState;

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
    let Some(status) = plan.statuses.first() else {
        return Err(RecordError(
            "the plan writes no status; add `Status: VALUE` under the title (or a `status:` front matter field), then set it".into(),
        ));
    };
    let mut edits = vec![Edit {
        span: status.span,
        text: value.to_string(),
    }];
    edits.extend(bump_last_updated(&plan, now));
    Ok(edits)
}
