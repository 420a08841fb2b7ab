use planlint_parser::{Dialect, MetaKey, SectionKind};

use crate::diagnostic::Severity;
use crate::registry::Group;
use crate::{declare_rule, Context, Diagnostic};

declare_rule! {
    /// ## What it does
    /// Reports a required metadata field that is missing or empty. In the numbered dialect the
    /// Metadata list must carry `Plan ID`, `Title`, `Author`, `Date created`, `Last updated` and
    /// `Related issues/PRs`. Front matter counts (`id`, `title`, `author`, `created`,
    /// `updated`/`last_updated`). The canonical dialect requires none by default.
    ///
    /// ## Why is this bad?
    /// The metadata is how plans are found and cross-checked: the Plan ID against the path,
    /// Last updated against the Progress log.
    ///
    /// ## Example
    /// ```markdown
    /// ## 1. Metadata
    /// - Plan ID: plans/execplan-ch7.md
    /// - Title: Chapter 7
    /// ```
    ///
    /// ## Use instead
    /// ```markdown
    /// ## 1. Metadata
    /// - Plan ID: plans/execplan-ch7.md
    /// - Title: Chapter 7
    /// - Author: A. Writer
    /// - Date created: 2025-11-16
    /// - Last updated: 2025-11-16
    /// - Related issues/PRs: none
    /// ```
    pub static RULE = Rule {
        name: "metadata-field",
        group: Group::Metadata,
        severity: Severity::Error,
        fixable: false,
        summary: "a required metadata field is missing or empty",
        check: Some(check),
    };
}

fn check(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let default: &[MetaKey] = match cx.dialect {
        Dialect::Numbered => &MetaKey::ALL,
        Dialect::Canonical => &[],
    };
    let required = cx
        .settings
        .dialect_settings(cx.dialect)
        .required_metadata
        .as_deref()
        .unwrap_or(default);
    let anchor = cx
        .plan
        .section(SectionKind::Metadata)
        .map_or_else(|| cx.anchor(), |s| s.title_span);
    for key in required {
        match cx.plan.meta(*key) {
            None => out.push(
                Diagnostic::new(
                    RULE.name,
                    anchor,
                    format!("metadata field `{}` is missing", key.label()),
                )
                .help(format!("add `- {}: …` to the Metadata list", key.label())),
            ),
            Some(f) if f.value.trim().is_empty() => out.push(
                Diagnostic::new(
                    RULE.name,
                    f.key_span,
                    format!("metadata field `{}` has no value", key.label()),
                )
                .label("empty")
                .help("fill in the value, or write `none` where there is nothing to name"),
            ),
            Some(_) => {}
        }
    }
}
