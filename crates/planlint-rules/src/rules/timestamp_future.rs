use planlint_parser::MetaKey;

use crate::diagnostic::Severity;
use crate::registry::Group;
use crate::{declare_rule, Context, Diagnostic};

use super::meta_timestamp;

declare_rule! {
    /// ## What it does
    /// Reports a Progress timestamp, `Date created` or `Last updated` that lies after now, at
    /// the timestamp's own precision: a date is in the future only once it is after today
    /// everywhere on Earth, a time without a zone only if it is in the future in every zone.
    /// "Now" is the clock, or `SOURCE_DATE_EPOCH` when that is set (reproducible CI runs).
    ///
    /// ## Why is this bad?
    /// A future timestamp is a typo (wrong year or month) or a record written ahead of the work.
    ///
    /// ## Example
    /// ```markdown
    /// - [x] (2052-10-01 13:00Z) Wrote the parser.
    /// ```
    ///
    /// ## Use instead
    /// ```markdown
    /// - [x] (2025-10-01 13:00Z) Wrote the parser.
    /// ```
    pub static RULE = Rule {
        name: "timestamp-future",
        group: Group::Progress,
        severity: Severity::Error,
        fixable: false,
        summary: "a timestamp lies in the future",
        check: Some(check),
    };
}

fn check(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let now = cx.file.now;
    let today = now.format("%Y-%m-%d");
    let stamps = cx
        .plan
        .progress
        .iter()
        .filter_map(|e| e.timestamp().cloned())
        .map(|t| (t, "Progress timestamp"))
        .chain(
            [MetaKey::DateCreated, MetaKey::LastUpdated]
                .into_iter()
                .filter_map(|k| {
                    cx.plan
                        .meta(k)
                        .and_then(meta_timestamp)
                        .map(|t| (t, k.label()))
                }),
        );
    for (t, what) in stamps {
        if t.is_after(now) {
            out.push(
                Diagnostic::new(
                    RULE.name,
                    t.span,
                    format!(
                        "{what} {} is in the future (today is {today})",
                        cx.plan.text(t.span)
                    ),
                )
                .label("after now")
                .help("correct the date; a record is written after the work, not before"),
            );
        }
    }
}
