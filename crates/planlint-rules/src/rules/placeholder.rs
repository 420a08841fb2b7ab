use planlint_parser::SectionKind;

use crate::diagnostic::Severity;
use crate::registry::Group;
use crate::{declare_rule, requirements, Context, Diagnostic};

declare_rule! {
    /// ## What it does
    /// Reports `TBD`, `TODO` and `FIXME` left in the metadata or in a required section (outside
    /// code). Placeholders in extra or optional sections are left alone.
    ///
    /// ## Why is this bad?
    /// A placeholder in a required part of the plan marks a promise that was never kept: the
    /// reader cannot tell whether the information is unknown or merely unwritten.
    ///
    /// ## Example
    /// ```markdown
    /// - Related issues/PRs: [TBD]
    /// ```
    ///
    /// ## Use instead
    /// ```markdown
    /// - Related issues/PRs: #42
    /// ```
    pub static RULE = Rule {
        name: "placeholder",
        group: Group::Metadata,
        severity: Severity::Warning,
        fixable: false,
        summary: "TBD/TODO/FIXME left in metadata or a required section",
        check: Some(check),
    };
}

fn check(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let required = requirements::covered(cx.plan, &cx.required);
    for p in &cx.plan.placeholders {
        let Some(i) = p.section else { continue };
        let s = &cx.plan.sections[i];
        if s.kind != Some(SectionKind::Metadata) && !required[i] {
            continue;
        }
        out.push(
            Diagnostic::new(
                RULE.name,
                p.span,
                format!("placeholder `{}` left in `{}`", p.word, s.raw_title),
            )
            .label("placeholder")
            .help("replace it with the real value, or say why it is not known yet"),
        );
    }
}
