use std::cmp::Ordering;

use planlint_parser::timestamp::compare;
use planlint_parser::MetaKey;

use crate::diagnostic::Severity;
use crate::registry::Group;
use crate::{declare_rule, Context, Diagnostic};

use super::meta_timestamp;

declare_rule! {
    /// ## What it does
    /// Reports a `Date created` that is later than `Last updated`.
    ///
    /// ## Why is this bad?
    /// A plan cannot be updated before it exists; one of the two dates is wrong, and every
    /// check that uses them is thrown off.
    ///
    /// ## Example
    /// ```markdown
    /// - Date created: 2025-11-20
    /// - Last updated: 2025-11-16
    /// ```
    ///
    /// ## Use instead
    /// ```markdown
    /// - Date created: 2025-11-16
    /// - Last updated: 2025-11-20
    /// ```
    pub static RULE = Rule {
        name: "date-order",
        group: Group::Metadata,
        severity: Severity::Error,
        fixable: false,
        summary: "Date created is after Last updated",
        check: Some(check),
    };
}

fn check(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let (Some(created), Some(updated)) = (
        cx.plan.meta(MetaKey::DateCreated),
        cx.plan.meta(MetaKey::LastUpdated),
    ) else {
        return;
    };
    let (Some(c), Some(u)) = (meta_timestamp(created), meta_timestamp(updated)) else {
        return;
    };
    if compare(&c, &u) == Ordering::Greater {
        out.push(
            Diagnostic::new(
                RULE.name,
                updated.value_span,
                format!(
                    "Last updated {} is before Date created {}",
                    cx.plan.text(u.span),
                    cx.plan.text(c.span)
                ),
            )
            .label("earlier than the creation date")
            .help("correct whichever date is wrong; Last updated is the date of the newest change"),
        );
    }
}
