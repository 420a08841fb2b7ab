use std::cmp::Ordering;

use planlint_parser::timestamp::compare;
use planlint_parser::MetaKey;

use crate::diagnostic::{Edit, Severity};
use crate::registry::Group;
use crate::{declare_rule, Context, Diagnostic};

use super::meta_timestamp;

declare_rule! {
    /// ## What it does
    /// Reports a `Last updated` date older than the newest Progress entry (compared at the
    /// precision both have, so an entry later on the same day is fine for a date-only Last
    /// updated). Fixable: the fix sets Last updated to the newest entry's date, in the date
    /// format the field already uses.
    ///
    /// ## Why is this bad?
    /// "Last updated" is what a reviewer trusts to know whether a plan is current; when the log
    /// moved on and the date did not, the date lies.
    ///
    /// ## Example
    /// ```markdown
    /// - Last updated: 2025-11-16
    /// …
    /// - [2025-11-18 09:30] Reviewed the draft.
    /// ```
    ///
    /// ## Use instead
    /// ```markdown
    /// - Last updated: 2025-11-18
    /// ```
    pub static RULE = Rule {
        name: "last-updated-stale",
        group: Group::Progress,
        severity: Severity::Error,
        fixable: true,
        summary: "Last updated is older than the newest Progress entry",
        check: Some(check),
    };
}

fn check(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let Some(field) = cx.plan.meta(MetaKey::LastUpdated) else {
        return;
    };
    let Some(updated) = meta_timestamp(field) else {
        return;
    };
    let newest = cx
        .plan
        .progress
        .iter()
        .filter_map(|e| e.timestamp())
        .max_by(|a, b| compare(a, b));
    let Some(newest) = newest else { return };
    if compare(newest, &updated) != Ordering::Greater {
        return;
    }
    // Keep the field's own shape: a date-only field gets a date.
    let replacement = if updated.time.is_none() {
        newest.date.format("%Y-%m-%d").to_string()
    } else {
        cx.plan.text(newest.span).to_string()
    };
    out.push(
        Diagnostic::new(
            RULE.name,
            updated.span,
            format!(
                "Last updated {} is older than the newest Progress entry at {}",
                cx.plan.text(updated.span),
                cx.plan.text(newest.span)
            ),
        )
        .label("stale")
        .help(format!("set Last updated to {replacement}"))
        .fix(vec![Edit {
            span: updated.span,
            text: replacement,
        }]),
    );
}
