use planlint_parser::{BoxState, Plan};

use crate::diagnostic::Severity;
use crate::history::{align, extends, quote, without_stamp};
use crate::registry::Group;
use crate::{declare_rule, Context, Diagnostic};

declare_rule! {
    /// ## What it does
    /// With `--base REF`, compares every checkbox of the plan with the same plan at the git
    /// revision `REF` and reports a box that was checked there and is open now (`[ ]`, or the
    /// deliberately open `[!]` and `[~]`). Boxes are matched by the text of their item, with
    /// any timestamp left out, so unchecking a box and removing its timestamp is still found.
    /// Checking boxes, adding items and rewording open ones are silent. A plan that did not
    /// exist at `REF` is not compared.
    ///
    /// ## Why is this bad?
    /// A checked box is a claim that the work was done. Unchecking it silently erases that
    /// claim and the history of the rework; usually a new item for the rework is what is meant.
    ///
    /// ## Example
    /// At `REF`:
    /// ```markdown
    /// - [x] (2025-10-01 13:00Z) Release notes written.
    /// ```
    /// Now:
    /// ```markdown
    /// - [ ] Release notes written.
    /// ```
    ///
    /// ## Use instead
    /// ```markdown
    /// - [x] (2025-10-01 13:00Z) Release notes written.
    /// - [ ] Release notes updated for the renamed flags.
    /// ```
    pub static RULE = Rule {
        name: "checkbox-unchecked",
        group: Group::History,
        severity: Severity::Warning,
        fixable: false,
        summary: "a box checked at the base revision is open now",
        check: Some(check),
    };
}

/// The item text after each box, without its timestamp.
fn keys(plan: &Plan<'_>) -> Vec<String> {
    plan.checkboxes
        .iter()
        .map(|b| {
            let line = plan.line_span(b.marker.end);
            without_stamp(plan.source.get(b.marker.end..line.end).unwrap_or(""))
        })
        .collect()
}

fn check(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let Some(base) = &cx.base else {
        return;
    };
    let (old, new) = (base.plan, cx.plan);
    let (old_keys, new_keys) = (keys(old), keys(new));
    let alignment = align(&old_keys, &new_keys);
    let mut pairs = alignment.equal;
    for lost in &alignment.lost {
        if let Some(j) = lost
            .replaced_by
            .clone()
            .find(|&j| extends(&old_keys[lost.old], &new_keys[j]))
        {
            pairs.push((lost.old, j));
        }
    }
    pairs.sort_unstable();
    for (o, n) in pairs {
        let (was, now) = (&old.checkboxes[o], &new.checkboxes[n]);
        let open = matches!(
            now.effective_state(),
            BoxState::Open | BoxState::Blocked | BoxState::Skipped
        );
        if was.effective_state() == BoxState::Checked && open {
            out.push(
                Diagnostic::new(
                    RULE.name,
                    now.marker,
                    format!(
                        "box was checked at `{}` and is open now: \"{}\"",
                        base.rev,
                        quote(&old_keys[o])
                    ),
                )
                .label(format!("was `{}`", was.raw))
                .help(
                    "leave the checked box as the record and add a new open item for the \
                     work that must be redone",
                ),
            );
        }
    }
}
