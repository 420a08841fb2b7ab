use crate::diagnostic::Severity;
use crate::registry::Group;
use crate::{declare_rule, Context, Diagnostic};

declare_rule! {
    /// ## What it does
    /// Checks the plan's own status values against the status vocabulary (case-insensitive,
    /// `_`/`-`/space alike). Only the plan's status is checked: front matter `status`, a
    /// `Status:` line between the title and the first section, the first line of a `## Status`
    /// section, and `Status:` bullets in Metadata or Outcomes & Retrospective. The value ends at
    /// the first parenthesis, dash between spaces, em dash, period or comma, and a value that
    /// begins with an allowed word is allowed (`completed on this branch`). The default
    /// vocabulary: proposed, planned, not-started, draft, text-draft, active, in-progress,
    /// paused, on-hold, review, in-review, blocked, assets-pending, live-validated,
    /// build-validated, implemented, complete, completed, done, archived, abandoned, cancelled,
    /// superseded. An unknown value is an error where the vocabulary is the project's own (its
    /// spec calls its values the allowed ones, or `planlint.toml` sets them), and a warning
    /// against the built-in vocabulary alone, where teams use words of their own.
    ///
    /// ## Why is this bad?
    /// Dashboards and `status-consistency` read the status; a misspelt one (`compelte`) is a
    /// plan nobody's tooling counts as finished.
    ///
    /// ## Example
    /// ```markdown
    /// - Status: compelte
    /// ```
    ///
    /// ## Use instead
    /// ```markdown
    /// - Status: complete
    /// ```
    pub static RULE = Rule {
        name: "status-value",
        group: Group::Status,
        severity: Severity::Error,
        fixable: false,
        summary: "a status value is not in the allowed vocabulary (warning against the built-in one alone)",
        check: Some(check),
    };
}

fn check(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    for s in &cx.plan.statuses {
        if cx.settings.status_allowed(&s.value) {
            continue;
        }
        let closest = cx
            .settings
            .statuses
            .iter()
            .map(|w| (w, strsim::normalized_damerau_levenshtein(w, &s.value)))
            .filter(|(_, score)| *score >= 0.6)
            .max_by(|a, b| a.1.total_cmp(&b.1))
            .map(|(w, _)| w);
        let mut diag = Diagnostic::new(RULE.name, s.span, format!("unknown status `{}`", s.raw))
            .label("not an allowed status");
        // Against the built-in vocabulary alone, a word of the team's own is worth a look, not
        // a failed run.
        if !cx.settings.statuses_closed {
            diag.severity_hint = Some(Severity::Warning);
        }
        out.push(match closest {
            Some(w) => diag.help(format!("did you mean `{w}`?")),
            None => diag.help(format!("use one of: {}", cx.settings.statuses.join(", "))),
        });
    }
}
