use planlint_parser::Span;

use crate::diagnostic::Severity;
use crate::registry::Group;
use crate::{declare_rule, Context, Diagnostic};

declare_rule! {
    /// ## What it does
    /// Reports a plan with no `#` title heading before its first section.
    ///
    /// ## Why is this bad?
    /// The title is what a reviewer sees in a list of plans (`planlint status`), and what the
    /// next agent reads first to know what the plan is for.
    ///
    /// ## Example
    /// ```markdown
    /// ## Purpose / Big Picture
    /// Export monthly reports as CSV.
    /// ```
    ///
    /// ## Use instead
    /// ```markdown
    /// # Export monthly reports as CSV
    ///
    /// ## Purpose / Big Picture
    /// An accountant can open the month in a spreadsheet.
    /// ```
    pub static RULE = Rule {
        name: "missing-title",
        group: Group::Structure,
        severity: Severity::Warning,
        fixable: false,
        summary: "the plan has no title heading",
        check: Some(check),
    };
}

fn check(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    // An empty plan gets one finding, `required-section`'s.
    if cx.plan.is_blank() {
        return;
    }
    if cx.plan.title.is_some() {
        return;
    }
    let start = if cx.plan.bom { 3 } else { 0 };
    let at = cx
        .plan
        .sections
        .first()
        .map_or(Span::new(start, start), |s| s.title_span);
    out.push(
        Diagnostic::new(RULE.name, at, "the plan has no `#` title")
            .help("add a `# Title` line that says what the plan delivers, above the first section"),
    );
}
