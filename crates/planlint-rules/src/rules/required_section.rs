use crate::diagnostic::Severity;
use crate::registry::Group;
use crate::{declare_rule, Context, Diagnostic};

declare_rule! {
    /// ## What it does
    /// Reports a section the plan must have but does not. In the numbered dialect all twelve
    /// sections are required (`## 1. Metadata` … `## 12. Idempotence & recovery`). In the
    /// canonical dialect, Purpose / Big Picture and the four living sections (Progress,
    /// Surprises & Discoveries, Decision Log, Outcomes & Retrospective) are required of a plan
    /// that says it is a living ExecPlan or follows the skeleton; where the plan's preamble names
    /// its own living sections, those names are required instead. Headings match after
    /// normalisation (case, numbering, `&`/`and`, translations, aliases such as Goal or
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
        summary: "a section the dialect requires is missing",
        check: Some(check),
    };
}

fn check(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    super::missing_sections(cx, &cx.required, RULE.name, out);
}
