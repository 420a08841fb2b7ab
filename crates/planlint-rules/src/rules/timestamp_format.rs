use planlint_parser::{BoxState, Dialect, Stamp};

use crate::diagnostic::Severity;
use crate::registry::Group;
use crate::{declare_rule, Context, Diagnostic};

declare_rule! {
    /// ## What it does
    /// Checks the timestamps of Progress entries. Reports a timestamp that is malformed (an
    /// impossible date or time, a placeholder such as `(YYYY-MM-DD HH:MMZ)`, an unclosed
    /// bracket), and an entry that should carry a timestamp but has none: every checked entry,
    /// and any entry of the numbered dialect's log. Where the project's spec (`PLANS.md`) shows
    /// Progress entries without timestamps in its template, a missing one is not reported. Accepted shapes:
    /// `(2025-10-01 13:00Z)`, `(2025-10-01)`, `[2025-11-16 12:00]`, ISO 8601 with `T`, seconds,
    /// `+09:00`, a zone abbreviation or IANA name, no parentheses (`2026-03-14: …`), a note after
    /// the date (`(2026-07-10, abc123)`), a date at the end (`(completed 2024-12-25)`). A checked
    /// entry without a timestamp whose sub-items carry them is a group heading and is fine.
    ///
    /// ## Why is this bad?
    /// Timestamps are how a reader sees the pace of the work and how planlint checks order and
    /// staleness; a placeholder copied from the template records nothing.
    ///
    /// ## Example
    /// ```markdown
    /// - [x] (YYYY-MM-DD HH:MMZ) Wrote the parser.
    /// - [x] Added the CSV writer.
    /// ```
    ///
    /// ## Use instead
    /// ```markdown
    /// - [x] (2025-10-01 13:00Z) Wrote the parser.
    /// - [x] (2025-10-01 15:30Z) Added the CSV writer.
    /// ```
    pub static RULE = Rule {
        name: "timestamp-format",
        group: Group::Progress,
        severity: Severity::Error,
        fixable: false,
        summary: "a Progress timestamp is malformed, or a checked entry has none",
        check: Some(check),
    };
}

fn check(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let plan = cx.plan;
    for (i, e) in plan.progress.iter().enumerate() {
        match &e.stamp {
            Stamp::Malformed { span, reason } => out.push(
                Diagnostic::new(
                    RULE.name,
                    *span,
                    format!("malformed Progress timestamp: {reason}"),
                )
                .label("not a valid timestamp")
                .help("write the time the step happened, e.g. `(2025-10-01 13:00Z)`"),
            ),
            Stamp::Valid { .. } => {}
            Stamp::None => {
                if e.depth > 0 {
                    continue;
                }
                let state = e.checkbox.map(|b| plan.checkboxes[b].state);
                let wants = match cx.dialect {
                    Dialect::Numbered => state.is_none() || state == Some(BoxState::Checked),
                    Dialect::Canonical => {
                        cx.settings.progress_timestamps && state == Some(BoxState::Checked)
                    }
                };
                let group_heading = plan.progress[i + 1..]
                    .iter()
                    .take_while(|c| c.depth > 0)
                    .any(|c| c.parent == Some(i) && c.timestamp().is_some());
                if wants && !group_heading {
                    let line = super::line(cx, e.span.start);
                    let what = if state == Some(BoxState::Checked) {
                        "checked Progress entry"
                    } else {
                        "Progress entry"
                    };
                    out.push(
                        Diagnostic::new(RULE.name, line, format!("{what} has no timestamp"))
                            .label("no timestamp")
                            .help(match cx.dialect {
                                Dialect::Numbered => "start the entry with its time, e.g. `- [2025-11-16 12:00] …`",
                                Dialect::Canonical => "add the time the step was done, e.g. `- [x] (2025-10-01 13:00Z) …`",
                            }),
                    );
                }
            }
        }
    }
}
