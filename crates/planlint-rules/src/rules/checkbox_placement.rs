use planlint_parser::{BoxState, Dialect, SectionKind};

use crate::diagnostic::Severity;
use crate::registry::Group;
use crate::requirements;
use crate::{declare_rule, Context, Diagnostic};

declare_rule! {
    /// ## What it does
    /// Reports checklists where the dialect allows none. The canonical PLANS.md permits
    /// checklists only in Progress; the numbered dialect keeps them in Concrete steps and
    /// Validation and acceptance (and Progress). A spec of the project's own sets the sections
    /// itself. One finding per section, at its first box. A plan's task or milestone record is
    /// not checked: it is a checklist by nature.
    ///
    /// ## Why is this bad?
    /// A second checklist competes with the Progress log as the record of what is done; the two
    /// drift apart, and `status-consistency` counts both.
    ///
    /// ## Example
    /// ```markdown
    /// ## Validation and Acceptance
    /// - [ ] The CSV opens in a spreadsheet.
    /// ```
    ///
    /// ## Use instead
    /// ```markdown
    /// ## Validation and Acceptance
    /// The CSV for the demo month opens in a spreadsheet with 31 data rows.
    /// ```
    pub static RULE = Rule {
        name: "checkbox-placement",
        group: Group::Checkboxes,
        severity: Severity::Warning,
        fixable: false,
        summary: "a checklist stands where the dialect allows none",
        check: Some(check),
    };
}

fn check(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    // A task or milestone record of a plan is a checklist by nature.
    if cx.plan.part_of.is_some() {
        return;
    }
    let allowed: &[SectionKind] = match cx.dialect {
        Dialect::Canonical => &[SectionKind::Progress],
        Dialect::Numbered => &[
            SectionKind::ConcreteSteps,
            SectionKind::Validation,
            SectionKind::Progress,
        ],
    };
    let own = cx
        .settings
        .dialect_settings(cx.dialect)
        .checklists
        .as_deref();
    let mut reported: Vec<Option<usize>> = Vec::new();
    for b in &cx.plan.checkboxes {
        if b.state == BoxState::Malformed || reported.contains(&b.section) {
            continue;
        }
        let Some(i) = b.section else { continue };
        let s = &cx.plan.sections[i];
        let fits = match own {
            Some(specs) => specs.iter().any(|r| requirements::satisfies(s, r)),
            None => s.kind.is_some_and(|k| allowed.contains(&k)),
        };
        if fits {
            continue;
        }
        reported.push(b.section);
        let count = cx
            .plan
            .checkboxes
            .iter()
            .filter(|c| c.section == b.section)
            .count();
        let names: Vec<&str> = match own {
            Some(specs) => specs.iter().map(|r| r.name.as_str()).collect(),
            None => allowed
                .iter()
                .map(|k| match cx.dialect {
                    Dialect::Numbered => k.numbered_name(),
                    Dialect::Canonical => k.canonical_name(),
                })
                .collect(),
        };
        out.push(
            Diagnostic::new(
                RULE.name,
                b.marker,
                format!(
                    "{count} checkbox{} in `{}`; the {} dialect keeps checklists in {}",
                    if count == 1 { "" } else { "es" },
                    s.raw_title,
                    cx.dialect.name(),
                    names.join(", ")
                ),
            )
            .label("checklist outside its section")
            .help("track the steps in Progress and describe this section in prose"),
        );
    }
}
