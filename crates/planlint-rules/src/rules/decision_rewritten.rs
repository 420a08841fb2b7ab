use planlint_parser::{Plan, SectionKind, Span};

use crate::diagnostic::Severity;
use crate::history::{align, extends, is_template, neighbour, normalize, quote};
use crate::registry::Group;
use crate::{declare_rule, Context, Diagnostic};

declare_rule! {
    /// ## What it does
    /// With `--base REF`, compares the Decision Log with the same plan at the git revision
    /// `REF` and reports text of the log that was removed or changed. The comparison is by
    /// line, so every way of writing the log counts (`Decision:` bullets, paragraphs, tables,
    /// free prose). Adding decisions, appending to a line, re-wrapping lines, re-padding a
    /// table and replacing template text (`(none yet)`, `Decision: …`) are allowed. One
    /// finding is reported per changed run of lines, at the first line now in its place (or
    /// at its neighbour when it vanished), quoting the old text. A plan that did not exist at
    /// `REF` is not compared.
    ///
    /// ## Why is this bad?
    /// The Decision Log says why the plan is what it is. A decision that is edited after the
    /// fact hides the reasoning that the work was done under. A changed mind is a new
    /// decision that supersedes the old one.
    ///
    /// ## Example
    /// At `REF`:
    /// ```markdown
    /// - Decision: store amounts as integer cents.
    ///   Rationale: no rounding in sums.
    /// ```
    /// Now:
    /// ```markdown
    /// - Decision: store amounts as decimal strings.
    ///   Rationale: no rounding in sums.
    /// ```
    ///
    /// ## Use instead
    /// ```markdown
    /// - Decision: store amounts as integer cents.
    ///   Rationale: no rounding in sums.
    /// - Decision: store amounts as decimal strings, superseding integer cents.
    ///   Rationale: the export needs the currency's own precision.
    /// ```
    pub static RULE = Rule {
        name: "decision-rewritten",
        group: Group::History,
        severity: Severity::Error,
        fixable: false,
        summary: "Decision Log text that existed at the base revision was removed or changed",
        check: Some(check),
    };
}

/// The record lines of the Decision Log sections: normalised text, span and text as written.
fn log_lines<'p>(plan: &'p Plan<'_>) -> (Vec<String>, Vec<Span>, Vec<&'p str>) {
    let mut keys = Vec::new();
    let mut spans = Vec::new();
    let mut raw = Vec::new();
    let mut in_comment = false;
    for (_, s) in plan.sections_of(SectionKind::DecisionLog) {
        let mut off = s.body.start;
        for line in plan.text(s.body).split_inclusive('\n') {
            let start = off;
            off += line.len();
            let text = line.trim();
            if in_comment {
                in_comment = !text.contains("-->");
                continue;
            }
            if text.starts_with("<!--") && !text.contains("-->") {
                in_comment = true;
                continue;
            }
            if text.is_empty() || is_template(text) {
                continue;
            }
            keys.push(normalize(text));
            spans.push(plan.line_span(start));
            raw.push(text);
        }
    }
    (keys, spans, raw)
}

fn check(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let Some(base) = &cx.base else {
        return;
    };
    let (old_keys, _, old_raw) = log_lines(base.plan);
    let (new_keys, spans, _) = log_lines(cx.plan);
    // Lost lines, grouped into runs that share a place in the new text.
    let mut runs: Vec<(usize, std::ops::Range<usize>, Vec<usize>)> = Vec::new();
    for lost in align(&old_keys, &new_keys).lost {
        let key = &old_keys[lost.old];
        if lost.replaced_by.clone().any(|j| extends(key, &new_keys[j])) {
            continue;
        }
        match runs.last_mut() {
            Some((at, _, olds)) if *at == lost.at && olds.last() == Some(&(lost.old - 1)) => {
                olds.push(lost.old)
            }
            _ => runs.push((lost.at, lost.replaced_by, vec![lost.old])),
        }
    }
    for (at, replaced_by, olds) in runs {
        let first = quote(old_raw[olds[0]]);
        let more = match olds.len() - 1 {
            0 => String::new(),
            1 => " (and 1 more line)".to_string(),
            n => format!(" (and {n} more lines)"),
        };
        let diag = if replaced_by.is_empty() {
            Diagnostic::new(
                RULE.name,
                neighbour(cx, &spans, at, Some(SectionKind::DecisionLog)),
                format!(
                    "Decision Log text removed since `{}`: \"{first}\"{more}",
                    base.rev
                ),
            )
            .label("the text stood here")
        } else {
            Diagnostic::new(
                RULE.name,
                spans[replaced_by.start],
                format!(
                    "Decision Log changed since `{}`; it read: \"{first}\"{more}",
                    base.rev
                ),
            )
            .label("rewritten decision")
        };
        out.push(diag.help(
            "the Decision Log is append-only: restore the old text and add a new decision \
             that supersedes it",
        ));
    }
}
