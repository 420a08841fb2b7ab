use crate::diagnostic::Severity;
use crate::registry::Group;
use crate::{declare_rule, Context, Diagnostic};

declare_rule! {
    /// ## What it does
    /// Reports a canonical section the plan does not have but is recommended to: the seven
    /// non-living sections of the PLANS.md skeleton (Context and Orientation, Plan of Work,
    /// Concrete Steps, Validation and Acceptance, Idempotence and Recovery, Artifacts and Notes,
    /// Interfaces and Dependencies). For a plan-like document that does not claim the ExecPlan
    /// skeleton, the living sections themselves are only recommended.
    ///
    /// ## Why is this bad?
    /// Only about half of real plans carry all twelve sections, so a missing one is not an
    /// error; but a plan without Validation and Acceptance leaves "done" undefined.
    ///
    /// ## Example
    /// ```markdown
    /// ## Plan of Work
    /// Add the CSV writer.
    /// ```
    ///
    /// ## Use instead
    /// ```markdown
    /// ## Plan of Work
    /// Add the CSV writer.
    ///
    /// ## Validation and Acceptance
    /// `cargo test csv` passes; the demo month opens in a spreadsheet.
    /// ```
    pub static RULE = Rule {
        name: "recommended-section",
        group: Group::Structure,
        severity: Severity::Warning,
        fixable: false,
        summary: "a section the dialect recommends is missing",
        check: Some(check),
    };
}

fn check(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    // An empty plan gets one finding, `required-section`'s.
    if cx.plan.is_blank() {
        return;
    }
    super::missing_sections(cx, &cx.recommended, RULE.name, out);
}
