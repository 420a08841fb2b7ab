use crate::declare_rule;
use crate::diagnostic::Severity;
use crate::registry::Group;

declare_rule! {
    /// ## What it does
    /// Reports an inline suppression that suppresses nothing: a `planlint-disable`,
    /// `planlint-disable-next-line` or `planlint-disable-file` comment under which no finding
    /// of the named rules remains, one that names a rule that does not exist, or a misspelt
    /// directive (`planlint-disable-nextline`), with the closest one. Suppressions of
    /// rules switched off by configuration or `--select` are not judged.
    ///
    /// The forms: `<!-- planlint-disable RULE[, RULE] -->` … `<!-- planlint-enable RULE -->`,
    /// `<!-- planlint-disable-next-line RULE -->` (the line after the comment), and
    /// `<!-- planlint-disable-file RULE -->`. Without rule names a comment covers every rule.
    ///
    /// ## Why is this bad?
    /// A suppression outlives the problem it hid; left in place it would hide the next, real
    /// one. Stale comments also teach readers to ignore them.
    ///
    /// ## Example
    /// ```markdown
    /// <!-- planlint-disable-next-line timestamp-order -->
    /// - [2025-11-16 12:00] Plan created.
    /// ```
    ///
    /// ## Use instead
    /// ```markdown
    /// - [2025-11-16 12:00] Plan created.
    /// ```
    pub static RULE = Rule {
        name: "unused-suppression",
        group: Group::Suppression,
        severity: Severity::Warning,
        fixable: false,
        summary: "an inline suppression suppresses nothing or names an unknown rule",
        check: None,
    };
}
