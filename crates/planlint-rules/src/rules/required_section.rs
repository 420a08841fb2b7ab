use planlint_parser::Span;

use crate::diagnostic::Severity;
use crate::registry::Group;
use crate::{declare_rule, Context, Diagnostic};

declare_rule! {
    /// ## What it does
    /// Reports a section the plan must have but does not, and a plan that is empty. Every file in
    /// plan scope is an ExecPlan. In the numbered dialect all twelve sections are required
    /// (`## 1. Metadata` … `## 12. Idempotence & recovery`). In the canonical dialect, Purpose /
    /// Big Picture and the four living sections (Progress, Surprises & Discoveries, Decision
    /// Log, Outcomes & Retrospective) are required; where the plan's preamble names its own
    /// living sections, those names are required instead. The project's spec (`PLANS.md`: a
    /// required-sections list, or a template of its own) and `planlint.toml` replace these
    /// lists; `planlint contract` shows which applies and where it came from. Headings match
    /// after normalisation (case, numbering, `&`/`and`, translations, aliases such as Goal or
    /// Decisions). A heading that misses a name by a typo is pointed out as the likely match.
    ///
    /// ## Why is this bad?
    /// The living sections are the record a reviewer or the next agent relies on; a plan without
    /// its Decision Log has nowhere to say why it changed course.
    ///
    /// ## Example
    /// ```markdown
    /// ## Progress
    /// - [x] (2025-10-01 13:00Z) Wrote the parser.
    ///
    /// ## Suprises & Discoveries
    /// ```
    ///
    /// ## Use instead
    /// ```markdown
    /// ## Progress
    /// - [x] (2025-10-01 13:00Z) Wrote the parser.
    ///
    /// ## Surprises & Discoveries
    /// ```
    pub static RULE = Rule {
        name: "required-section",
        group: Group::Structure,
        severity: Severity::Error,
        fixable: false,
        summary: "a section the contract requires is missing, or the plan is empty",
        check: Some(check),
    };
}

fn check(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    if cx.plan.is_blank() && !cx.required.is_empty() {
        let names: Vec<String> = cx
            .required
            .iter()
            .map(|s| format!("`{}`", s.name))
            .collect();
        out.push(
            Diagnostic::new(
                RULE.name,
                Span::new(0, cx.plan.source.len()),
                format!(
                    "the plan is empty: it has none of its sections ({})",
                    names.join(", ")
                ),
            )
            .help("write the plan, e.g. start from `planlint new TITLE`, or delete the file"),
        );
        return;
    }
    super::missing_sections(cx, &cx.required, RULE.name, out);
}
