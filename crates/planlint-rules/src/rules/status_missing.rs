use planlint_parser::{Dialect, SectionKind};

use crate::diagnostic::Severity;
use crate::registry::Group;
use crate::{declare_rule, Context, Diagnostic};

declare_rule! {
    /// ## What it does
    /// In the numbered dialect, reports a plan with no status at all: no `- Status:` bullet in
    /// Outcomes & retrospective or Metadata, no `Status:` line under the title, no front matter
    /// `status`.
    ///
    /// ## Why is this bad?
    /// The book project's plans record where each chapter stands (`text-draft`,
    /// `build-validated`, …); without it a reviewer cannot tell a fresh plan from a finished one.
    ///
    /// ## Example
    /// ```markdown
    /// ## 11. Outcomes & retrospective
    /// - Initial draft exists.
    /// ```
    ///
    /// ## Use instead
    /// ```markdown
    /// ## 11. Outcomes & retrospective
    /// - Status: text-draft
    /// - Initial draft exists.
    /// ```
    pub static RULE = Rule {
        name: "status-missing",
        group: Group::Status,
        severity: Severity::Warning,
        fixable: false,
        summary: "a numbered plan has no status",
        check: Some(check),
    };
}

fn check(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    if cx.dialect != Dialect::Numbered || !cx.plan.statuses.is_empty() {
        return;
    }
    let at = cx
        .plan
        .section(SectionKind::Outcomes)
        .map_or_else(|| cx.anchor(), |s| s.title_span);
    out.push(
        Diagnostic::new(RULE.name, at, "the plan has no status")
            .help("add a `- Status: …` bullet to Outcomes & retrospective, e.g. `- Status: draft`"),
    );
}
