use crate::diagnostic::Severity;
use crate::registry::Group;
use crate::{declare_rule, Context, Diagnostic};

declare_rule! {
    /// ## What it does
    /// Reports a section whose body holds nothing but blank lines, HTML comments, rules or
    /// sub-headings.
    ///
    /// ## Why is this bad?
    /// An empty section looks kept but says nothing; a living section left empty means the log
    /// was never written. Write what is known, or "None yet" with a reason.
    ///
    /// ## Example
    /// ```markdown
    /// ## Surprises & Discoveries
    ///
    /// ## Decision Log
    /// ```
    ///
    /// ## Use instead
    /// ```markdown
    /// ## Surprises & Discoveries
    /// - Observation: none so far; the parser behaved as documented.
    ///
    /// ## Decision Log
    /// ```
    pub static RULE = Rule {
        name: "empty-section",
        group: Group::Structure,
        severity: Severity::Warning,
        fixable: false,
        summary: "a section has no content",
        check: Some(check),
    };
}

fn check(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    for s in &cx.plan.sections {
        if !s.has_content {
            out.push(
                Diagnostic::new(RULE.name, s.title_span, format!("section `{}` is empty", s.raw_title))
                    .label("no content under this heading")
                    .help("write what is known so far, or remove the section if the plan does not need it"),
            );
        }
    }
}
