use planlint_parser::DecisionForm;

use crate::diagnostic::Severity;
use crate::registry::Group;
use crate::{declare_rule, Context, Diagnostic};

declare_rule! {
    /// ## What it does
    /// Reports a Decision Log entry without its rationale. Entries are `Decision:` bullets or
    /// paragraphs with a `Rationale:` line (nested or as a sibling bullet; `Reason:` and `Why:`
    /// count too, as do translations such as `根拠:`, `理由:`, `Justificativa:`), or rows of a
    /// table with a `Decision` column, whose `Rationale` (or `Reason`/`Why`) cell must not be
    /// empty.
    ///
    /// ## Why is this bad?
    /// A decision without its reason cannot be revisited: the next person cannot tell whether
    /// the reason still holds.
    ///
    /// ## Example
    /// ```markdown
    /// - Decision: write amounts as decimal strings.
    /// ```
    ///
    /// ## Use instead
    /// ```markdown
    /// - Decision: write amounts as decimal strings.
    ///   Rationale: spreadsheets read them as numbers in every locale; no float rounding.
    ///   Date/Author: 2025-08-29 / reporting team
    /// ```
    pub static RULE = Rule {
        name: "decision-shape",
        group: Group::References,
        severity: Severity::Warning,
        fixable: false,
        summary: "a Decision Log entry has no rationale",
        check: Some(check),
    };
}

fn check(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    for d in cx.plan.decisions.iter().filter(|d| d.rationale.is_none()) {
        let help = match d.form {
            DecisionForm::Table => "fill in the row's Rationale cell",
            _ => "add a `Rationale:` line saying why (`Reason:` or `Why:` work too)",
        };
        out.push(
            Diagnostic::new(RULE.name, d.span, "decision has no rationale")
                .label("no rationale for this decision")
                .help(help),
        );
    }
}
