use planlint_parser::{BoxState, Plan, ProgressEntry, SectionKind, Span, Stamp};

use crate::diagnostic::Severity;
use crate::history::{self, align, extends, is_template, neighbour, normalize, quote, similarity};
use crate::registry::Group;
use crate::{declare_rule, Context, Diagnostic};

declare_rule! {
    /// ## What it does
    /// With `--base REF`, compares the Progress section with the same plan at the git revision
    /// `REF` and reports every entry of the record that was removed or whose text or timestamp
    /// changed. The record is what has happened: entries that are checked, carry a timestamp,
    /// or are plain log bullets without a box. Open, undated to-do items (`- [ ] write the
    /// parser`) are the plan's intentions and may still be reworded, split or dropped, and
    /// template text (`(none yet)`) is not a record. Adding entries, checking boxes, appending
    /// to an entry and re-wrapping its lines are all allowed. A plan that did not exist at
    /// `REF` is not compared.
    ///
    /// The finding points at the entry that now stands in the old one's place (or at its
    /// neighbour when it vanished) and quotes the old text.
    ///
    /// ## Why is this bad?
    /// Progress is the plan's record of what happened and when. A record that is edited after
    /// the fact cannot be trusted by the next reader, human or agent. Corrections belong in a
    /// new, timestamped entry.
    ///
    /// ## Example
    /// At `REF`:
    /// ```markdown
    /// - [x] (2025-10-01 13:00Z) Parser reads CRLF files.
    /// ```
    /// Now:
    /// ```markdown
    /// - [x] (2025-10-01 13:00Z) Parser reads CRLF and BOM files.
    /// ```
    ///
    /// ## Use instead
    /// ```markdown
    /// - [x] (2025-10-01 13:00Z) Parser reads CRLF files.
    /// - [x] (2025-10-02 09:00Z) Parser reads files with a BOM too.
    /// ```
    pub static RULE = Rule {
        name: "progress-rewritten",
        group: Group::History,
        severity: Severity::Error,
        fixable: false,
        summary: "a Progress entry that existed at the base revision was removed or changed",
        check: Some(check),
    };
}

fn state(plan: &Plan<'_>, e: &ProgressEntry) -> Option<BoxState> {
    Some(plan.checkboxes[e.checkbox?].effective_state())
}

/// Whether an entry at the base revision is part of the record.
fn is_record(plan: &Plan<'_>, e: &ProgressEntry) -> bool {
    if is_template(e.text) {
        return false;
    }
    match state(plan, e) {
        None | Some(BoxState::Checked) => true,
        Some(_) => e.stamp != Stamp::None,
    }
}

fn check(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let Some(base) = &cx.base else {
        return;
    };
    let (old, new) = (base.plan, cx.plan);
    let old_keys: Vec<String> = old.progress.iter().map(|e| normalize(e.text)).collect();
    let new_keys: Vec<String> = new.progress.iter().map(|e| normalize(e.text)).collect();
    let spans: Vec<Span> = new.progress.iter().map(|e| e.span).collect();
    for lost in align(&old_keys, &new_keys).lost {
        let e = &old.progress[lost.old];
        let key = &old_keys[lost.old];
        if !is_record(old, e) || lost.replaced_by.clone().any(|j| extends(key, &new_keys[j])) {
            continue;
        }
        let score = |j: usize| {
            let same_time = match (e.timestamp(), new.progress[j].timestamp()) {
                (Some(a), Some(b)) => a.normalized() == b.normalized(),
                _ => false,
            };
            if same_time {
                1.0
            } else {
                similarity(key, &new_keys[j])
            }
        };
        let best = lost
            .replaced_by
            .clone()
            .map(|j| (j, score(j)))
            .filter(|(_, s)| *s >= 0.5)
            .max_by(|a, b| a.1.total_cmp(&b.1).then(b.0.cmp(&a.0)));
        match best {
            Some((j, _)) => {
                let now = &new.progress[j];
                // Unchecked (and unstamped) but otherwise the same: `checkbox-unchecked` says so.
                let unchecked = state(old, e) == Some(BoxState::Checked)
                    && state(new, now).is_some_and(|s| s != BoxState::Checked)
                    && history::without_stamp(e.text) == history::without_stamp(now.text);
                if unchecked {
                    continue;
                }
                out.push(
                    Diagnostic::new(
                        RULE.name,
                        now.span,
                        format!(
                            "Progress entry changed since `{}`; it read: \"{}\"",
                            base.rev,
                            quote(e.text)
                        ),
                    )
                    .label("rewritten entry")
                    .help(
                        "Progress is append-only: restore the old text and record the \
                         correction as a new timestamped entry",
                    ),
                );
            }
            None => out.push(
                Diagnostic::new(
                    RULE.name,
                    neighbour(cx, &spans, lost.at, Some(SectionKind::Progress)),
                    format!(
                        "Progress entry removed since `{}`: \"{}\"",
                        base.rev,
                        quote(e.text)
                    ),
                )
                .label("the entry stood here")
                .help(
                    "Progress is append-only: put the entry back; if it was wrong, say so in \
                     a new timestamped entry",
                ),
            ),
        }
    }
}
