use crate::diagnostic::Severity;
use crate::registry::Group;
use crate::{declare_rule, Context, Diagnostic};

declare_rule! {
    /// ## What it does
    /// Reports a known section written twice at section level (`## Decision Log` and a second
    /// `## Decision log`; case, numbering and a parenthesised addition do not matter). Two
    /// differently named headings that the alias table maps to one section (`## Objective`
    /// then `## Purpose / Big Picture`) are not a duplicate. Sub-headings (`###`) inside a
    /// section are never duplicates, unknown extra sections may repeat, and a file holding
    /// several plans under their own `#` titles is checked plan by plan.
    ///
    /// ## Why is this bad?
    /// Entries split over two sections are read as two logs: one of them is missed, and order
    /// checks see only part of the record.
    ///
    /// ## Example
    /// ```markdown
    /// ## Decision Log
    /// - Decision: use TOML.
    ///   Rationale: it is what Cargo users know.
    ///
    /// ## Decision Log
    /// - Decision: drop YAML.
    ///   Rationale: one format is enough.
    /// ```
    ///
    /// ## Use instead
    /// ```markdown
    /// ## Decision Log
    /// - Decision: use TOML.
    ///   Rationale: it is what Cargo users know.
    /// - Decision: drop YAML.
    ///   Rationale: one format is enough.
    /// ```
    pub static RULE = Rule {
        name: "duplicate-section",
        group: Group::Structure,
        severity: Severity::Error,
        fixable: false,
        summary: "a section appears more than once",
        check: Some(check),
    };
}

fn check(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let plan = cx.plan;
    for (i, s) in plan.sections.iter().enumerate() {
        let Some(kind) = s.kind else { continue };
        if !s.exact {
            continue;
        }
        if let Some(first) = plan.sections[..i]
            .iter()
            .find(|f| f.kind == Some(kind) && f.exact && f.part == s.part && f.name == s.name)
        {
            let line = plan.position(first.heading.start).line;
            out.push(
                Diagnostic::new(
                    RULE.name,
                    s.title_span,
                    format!(
                        "section `{}` appears again (first at line {line})",
                        s.raw_title
                    ),
                )
                .label("second occurrence")
                .help(format!(
                    "merge this section into `{}` above",
                    first.raw_title
                )),
            );
        }
    }
}
