use planlint_parser::SectionKind;

use crate::diagnostic::Severity;
use crate::registry::Group;
use crate::{declare_rule, requirements, Context, Diagnostic};

declare_rule! {
    /// ## What it does
    /// Reports `TBD`, `TODO` and `FIXME` left in the metadata or in a required section (outside
    /// code). Placeholders in extra or optional sections are left alone, and so is one on the
    /// line of a ticked box: a done item that names a `TODO` (`- [x] ticked the TODO in
    /// intro.md`) records what was done, not a gap.
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
        if on_ticked_line(cx, p.span.start, p.word) {
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

/// Whether the line holding byte `at` starts a ticked checklist item before `at` whose text
/// says more than the placeholder (`- [x] ticked the TODO in intro.md`; a bare `- [x] TODO` is
/// still a placeholder).
fn on_ticked_line(cx: &Context<'_>, at: usize, word: &str) -> bool {
    let source = cx.plan.source;
    let line_start = source[..at].rfind('\n').map_or(0, |i| i + 1);
    let line_end = source[at..].find('\n').map_or(source.len(), |i| at + i);
    cx.plan.checkboxes.iter().any(|b| {
        (line_start..at).contains(&b.marker.start)
            && b.effective_state() == planlint_parser::BoxState::Checked
            && source
                .get(b.marker.end..line_end)
                .is_some_and(|text| text.replacen(word, "", 1).chars().any(char::is_alphabetic))
    })
}
