use crate::declare_rule;
use crate::diagnostic::Severity;
use crate::registry::Group;

declare_rule! {
    /// ## What it does
    /// Reports a file or folder that could not be read: permission denied, a file that vanished
    /// between discovery and reading, a symlink loop. The path is reported with the operating
    /// system's reason and the run goes on with the other files; the exit code is not 0, so a
    /// gate never passes on a file it did not check.
    ///
    /// ## Why is this bad?
    /// A plan that cannot be read cannot be checked; silently skipping it would let a broken
    /// plan through.
    ///
    /// ## Example
    /// A plan with mode `000`, or `plans/link.md` pointing at itself.
    ///
    /// ## Use instead
    /// Make the file readable, or exclude it from the paths given to planlint.
    pub static RULE = Rule {
        name: "io-error",
        group: Group::Files,
        severity: Severity::Error,
        fixable: false,
        summary: "a file could not be read",
        check: None,
    };
}
