use std::cmp::Ordering;

use planlint_parser::timestamp::compare;
use planlint_parser::MetaKey;

use crate::diagnostic::Severity;
use crate::registry::Group;
use crate::{declare_rule, Context, Diagnostic};

use super::meta_timestamp;

declare_rule! {
    /// ## What it does
    /// Reports a Progress entry dated before the plan's `Date created` (compared at the
    /// precision both have).
    ///
    /// ## Why is this bad?
    /// Work recorded before the plan existed means the creation date or the entry is wrong, or
    /// the plan was copied from another one without resetting its metadata.
    ///
    /// ## Example
    /// ```markdown
    /// - Date created: 2025-11-16
    /// …
    /// - [2025-11-06 12:00] Plan created.
    /// ```
    ///
    /// ## Use instead
    /// ```markdown
    /// - [2025-11-16 12:00] Plan created.
    /// ```
    pub static RULE = Rule {
        name: "timestamp-range",
        group: Group::Progress,
        severity: Severity::Warning,
        fixable: false,
        summary: "a Progress entry is dated before Date created",
        check: Some(check),
    };
}

fn check(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let Some(created) = cx.plan.meta(MetaKey::DateCreated).and_then(meta_timestamp) else {
        return;
    };
    for t in cx.plan.progress.iter().filter_map(|e| e.timestamp()) {
        if compare(t, &created) == Ordering::Less {
            out.push(
                Diagnostic::new(
                    RULE.name,
                    t.span,
                    format!(
                        "Progress entry at {} is before the plan's Date created {}",
                        cx.plan.text(t.span),
                        cx.plan.text(created.span)
                    ),
                )
                .label("before the plan was created")
                .help("correct the entry's date or the plan's Date created"),
            );
        }
    }
}
