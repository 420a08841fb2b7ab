use planlint_parser::{BoxState, SectionKind};

use crate::diagnostic::Severity;
use crate::registry::Group;
use crate::{declare_rule, Context, Diagnostic};

declare_rule! {
    /// ## What it does
    /// Reports a finished status (`complete`, `completed`, `done` by default) while the plan
    /// still has open checkboxes (`[ ]`; the deliberate `[!]` and `[~]` do not count), or while
    /// its Outcomes & Retrospective section is empty.
    ///
    /// ## Why is this bad?
    /// A plan that says it is done but still lists open steps tells the next reader two
    /// different things; one of them is false.
    ///
    /// ## Example
    /// ```markdown
    /// Status: complete
    /// …
    /// - [ ] Update the user guide.
    /// ```
    ///
    /// ## Use instead
    /// ```markdown
    /// Status: complete
    /// …
    /// - [x] (2025-10-02 10:00Z) Updated the user guide.
    /// ```
    pub static RULE = Rule {
        name: "status-consistency",
        group: Group::Status,
        severity: Severity::Error,
        fixable: false,
        summary: "a finished status while boxes are open or Outcomes is empty",
        check: Some(check),
    };
}

fn check(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let Some(status) = cx
        .plan
        .statuses
        .iter()
        .find(|s| cx.settings.status_finished(&s.value))
    else {
        return;
    };
    let open: Vec<_> = cx
        .plan
        .checkboxes
        .iter()
        .filter(|b| b.state == BoxState::Open)
        .collect();
    if let Some(first) = open.first() {
        let line = cx.plan.position(first.marker.start).line;
        let n = open.len();
        out.push(
            Diagnostic::new(
                RULE.name,
                status.span,
                format!(
                    "status is `{}` but {n} checkbox{} still open (first at line {line})",
                    status.raw,
                    if n == 1 { " is" } else { "es are" }
                ),
            )
            .label("finished status")
            .help("check the boxes that are done, mark deliberate leftovers `[~]`, or change the status"),
        );
    }
    if let Some(outcomes) = cx.plan.section(SectionKind::Outcomes) {
        if !outcomes.has_content {
            out.push(
                Diagnostic::new(
                    RULE.name,
                    status.span,
                    format!(
                        "status is `{}` but `{}` is empty",
                        status.raw, outcomes.raw_title
                    ),
                )
                .label("finished status")
                .help("write the outcomes and what was learned before calling the plan finished"),
            );
        }
    }
}
