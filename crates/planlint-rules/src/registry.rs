//! The rule registry: one static [`Rule`] per rule file, listed once in [`RULES`].
//!
//! A rule's metadata (name, group, default severity, whether it fixes) and its documentation
//! live beside its check, declared with [`declare_rule!`]; the doc comment is kept as text so
//! `planlint explain` prints exactly what the code carries.

use crate::diagnostic::{Diagnostic, Severity};
use crate::Context;

/// The rule groups, as `planlint rules` and the README list them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Group {
    Structure,
    Metadata,
    Progress,
    Checkboxes,
    Status,
    References,
    Files,
    /// Diff-aware rules, against a base revision (`--base REF`).
    History,
    Suppression,
}

impl Group {
    /// The group's name as shown by `planlint rules`.
    pub fn as_str(self) -> &'static str {
        match self {
            Group::Structure => "structure",
            Group::Metadata => "metadata",
            Group::Progress => "progress",
            Group::Checkboxes => "checkboxes",
            Group::Status => "status",
            Group::References => "references",
            Group::Files => "files",
            Group::History => "history",
            Group::Suppression => "suppression",
        }
    }
}

/// A check over a parsed plan.
pub type Check = fn(&Context<'_>, &mut Vec<Diagnostic>);

/// A rule: stable name, metadata, documentation and its check.
pub struct Rule {
    pub name: &'static str,
    pub group: Group,
    pub default_severity: Severity,
    pub fixable: bool,
    /// One line for `planlint rules`.
    pub summary: &'static str,
    /// The rule's doc comment (What it does / Why is this bad? / Example / Use instead).
    pub doc: &'static str,
    /// `None` for rules the CLI applies itself (`io-error`) or that run before parsing.
    pub check: Option<Check>,
}

impl Rule {
    /// What `planlint explain` prints and the editor shows on hover: the name, group, default
    /// severity, whether it is fixable, then the documentation.
    pub fn explanation(&self) -> String {
        format!(
            "# {}\n\nGroup: {} · Default severity: {} · Fixable: {}\n\n{}\n",
            self.name,
            self.group.as_str(),
            self.default_severity.as_str(),
            if self.fixable { "yes" } else { "no" },
            self.documentation()
        )
    }

    /// The documentation with the one leading space of each doc-comment line removed.
    pub fn documentation(&self) -> String {
        self.doc
            .lines()
            .map(|l| l.strip_prefix(' ').unwrap_or(l))
            .collect::<Vec<_>>()
            .join("\n")
            .trim()
            .to_string()
    }
}

impl std::fmt::Debug for Rule {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Rule").field("name", &self.name).finish()
    }
}

/// Declare a rule static whose doc comment becomes its documentation.
#[macro_export]
macro_rules! declare_rule {
    (
        $(#[doc = $doc:literal])*
        pub static $ident:ident = Rule {
            name: $name:literal,
            group: $group:expr,
            severity: $sev:expr,
            fixable: $fix:expr,
            summary: $summary:literal,
            check: $check:expr $(,)?
        };
    ) => {
        $(#[doc = $doc])*
        pub static $ident: $crate::registry::Rule = $crate::registry::Rule {
            name: $name,
            group: $group,
            default_severity: $sev,
            fixable: $fix,
            summary: $summary,
            doc: concat!($($doc, "\n"),*),
            check: $check,
        };
    };
}

use crate::rules::*;

/// Every rule, in the order `planlint rules` lists them.
pub static RULES: &[&Rule] = &[
    &required_section::RULE,
    &recommended_section::RULE,
    &duplicate_section::RULE,
    &section_order::RULE,
    &section_numbering::RULE,
    &empty_section::RULE,
    &missing_title::RULE,
    &metadata_field::RULE,
    &date_format::RULE,
    &date_order::RULE,
    &plan_id_path::RULE,
    &placeholder::RULE,
    &timestamp_format::RULE,
    &timestamp_order::RULE,
    &timestamp_future::RULE,
    &last_updated_stale::RULE,
    &timestamp_range::RULE,
    &checkbox_syntax::RULE,
    &checkbox_placement::RULE,
    &status_value::RULE,
    &status_consistency::RULE,
    &status_missing::RULE,
    &missing_reference::RULE,
    &decision_shape::RULE,
    &nested_fence::RULE,
    &encoding::RULE,
    &io_error::RULE,
    &progress_rewritten::RULE,
    &decision_rewritten::RULE,
    &checkbox_unchecked::RULE,
    &unused_suppression::RULE,
];

/// Look a rule up by its stable name.
pub fn rule(name: &str) -> Option<&'static Rule> {
    RULES.iter().copied().find(|r| r.name == name)
}
