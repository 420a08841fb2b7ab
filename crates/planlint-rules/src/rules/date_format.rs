use planlint_parser::timestamp::{self, Stamp};
use planlint_parser::MetaKey;

use crate::diagnostic::Severity;
use crate::registry::Group;
use crate::{declare_rule, Context, Diagnostic};

declare_rule! {
    /// ## What it does
    /// Checks that `Date created` and `Last updated` (and their front matter forms `created`,
    /// `updated`, `last_updated`, `last_edited`) are real dates written as `YYYY-MM-DD`,
    /// optionally followed by a time and a note. A `TBD` there is left to `placeholder`.
    ///
    /// ## Why is this bad?
    /// planlint compares these dates with the Progress log (`last-updated-stale`,
    /// `timestamp-range`); a date it cannot read cannot be checked, and `2025-13-01` is a typo
    /// nobody notices.
    ///
    /// ## Example
    /// ```markdown
    /// - Date created: 16/11/2025
    /// - Last updated: 2025-11-31
    /// ```
    ///
    /// ## Use instead
    /// ```markdown
    /// - Date created: 2025-11-16
    /// - Last updated: 2025-11-30
    /// ```
    pub static RULE = Rule {
        name: "date-format",
        group: Group::Metadata,
        severity: Severity::Error,
        fixable: false,
        summary: "a metadata date is not a valid YYYY-MM-DD date",
        check: Some(check),
    };
}

fn check(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    for f in &cx.plan.metadata {
        if !matches!(f.field, Some(MetaKey::DateCreated | MetaKey::LastUpdated)) {
            continue;
        }
        let value = f.value.trim().trim_matches('`');
        if value.is_empty() || is_placeholder_word(value) {
            continue;
        }
        // The form is YYYY-MM-DD: a date the timestamp reader takes in another form
        // (`2025/11/16`) is still not one.
        let dashed = value.len() >= 10
            && value.as_bytes()[..10].iter().enumerate().all(|(i, b)| {
                if i == 4 || i == 7 {
                    *b == b'-'
                } else {
                    b.is_ascii_digit()
                }
            });
        let problem = match timestamp::leading(f.value, f.value_span.start) {
            Stamp::Valid { .. } if dashed => continue,
            Stamp::Valid { .. } => format!("`{value}` is not written YYYY-MM-DD"),
            Stamp::Malformed { reason, .. } => reason,
            Stamp::None => format!("`{value}` is not a date of the form YYYY-MM-DD"),
        };
        out.push(
            Diagnostic::new(
                RULE.name,
                f.value_span,
                format!("`{}` is not a valid date: {problem}", f.key),
            )
            .label("not a YYYY-MM-DD date")
            .help("write the date as YYYY-MM-DD, e.g. 2025-11-16"),
        );
    }
}

fn is_placeholder_word(v: &str) -> bool {
    let w = v
        .trim_matches(|c: char| !c.is_alphanumeric())
        .to_ascii_uppercase();
    matches!(
        w.as_str(),
        "TBD" | "TODO" | "FIXME" | "N/A" | "NA" | "NONE" | "-"
    )
}
