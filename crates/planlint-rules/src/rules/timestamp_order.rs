use std::cmp::Ordering;

use planlint_parser::timestamp::compare;
use planlint_parser::{Plan, Timestamp};

use crate::diagnostic::Severity;
use crate::registry::Group;
use crate::{declare_rule, Context, Diagnostic};

declare_rule! {
    /// ## What it does
    /// Checks that Progress entries are in chronological order. Each recorded entry is compared
    /// with the entry before it in the same list at the same level (sub-items with their
    /// siblings); separate lists, lists under different sub-headings (milestones, workstreams)
    /// and open boxes carrying a planned date are not compared. Times compare at the precision both
    /// have: a date-only entry equals any time of its day, times with an offset compare as
    /// instants, and where a date-only entry meets a zoned time an inversion is reported only if
    /// it holds both in the time's own zone and in UTC. A log kept newest-first throughout is
    /// checked in that direction.
    ///
    /// ## Why is this bad?
    /// The Progress log is a record; an entry out of order is either a typo in its time or an
    /// entry inserted after the fact, and both mislead the reader about what happened when.
    ///
    /// ## Example
    /// ```markdown
    /// - [2025-11-16 15:05] Drafted the chapter.
    /// - [2025-11-16 14:10] Plan created.
    /// ```
    ///
    /// ## Use instead
    /// ```markdown
    /// - [2025-11-16 14:10] Plan created.
    /// - [2025-11-16 15:05] Drafted the chapter.
    /// ```
    pub static RULE = Rule {
        name: "timestamp-order",
        group: Group::Progress,
        severity: Severity::Error,
        fixable: false,
        summary: "Progress entries are not in chronological order",
        check: Some(check),
    };
}

/// Entries compared with each other: same section, same list, same parent entry.
type GroupKey = (Option<usize>, usize, Option<usize>);

fn check(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let plan = cx.plan;
    // Sequences of siblings: key = (section of the entry, parent).
    let mut groups: Vec<(GroupKey, Vec<(usize, &Timestamp)>)> = Vec::new();
    for (i, e) in plan.progress.iter().enumerate() {
        // An open box's date is a plan, not a record: it has no place in the order.
        if e.checkbox.is_some_and(|b| {
            use planlint_parser::BoxState::{Blocked, Open, Skipped};
            matches!(
                plan.checkboxes[b].effective_state(),
                Open | Blocked | Skipped
            )
        }) {
            continue;
        }
        let Some(t) = effective(plan, i) else {
            continue;
        };
        let key = (plan.section_at(e.span.start), e.list, e.parent);
        match groups.iter_mut().find(|(k, _)| *k == key) {
            Some((_, v)) => v.push((i, t)),
            None => groups.push((key, vec![(i, t)])),
        }
    }
    for (_, seq) in groups {
        if seq.len() < 2 {
            continue;
        }
        // Each step compared once: the verdicts serve both the count and the findings.
        let steps: Vec<Ordering> = seq.windows(2).map(|w| compare(w[1].1, w[0].1)).collect();
        let up = steps.iter().filter(|o| **o == Ordering::Greater).count();
        let down = steps.iter().filter(|o| **o == Ordering::Less).count();
        let newest_first = is_newest_first(up, down, seq[0].1, seq[seq.len() - 1].1);
        let wrong = if newest_first {
            Ordering::Greater
        } else {
            Ordering::Less
        };
        for (w, step) in seq.windows(2).zip(steps) {
            let ((_, prev), (i, cur)) = (&w[0], &w[1]);
            if step != wrong {
                continue;
            }
            let own = plan.progress[*i].timestamp().map_or(cur.span, |t| t.span);
            let (cur_text, prev_text) = (plan.text(cur.span), plan.text(prev.span));
            let message = if newest_first {
                format!("Progress entry at {cur_text} is newer than the entry above it at {prev_text}, in a log kept newest-first")
            } else {
                format!(
                    "Progress entry at {cur_text} comes before the entry above it at {prev_text}"
                )
            };
            out.push(
                Diagnostic::new(RULE.name, own, message)
                    .label("out of chronological order")
                    .help("fix the timestamp if it is a typo; otherwise move the entry to its place in time"),
            );
        }
    }
}

/// Newest-first only on clear evidence: two or more steps down, more than twice as many as steps
/// up (two entries in the wrong order are just wrong), and the last older than the first.
fn is_newest_first(up: usize, down: usize, first: &Timestamp, last: &Timestamp) -> bool {
    down >= 2 && down > 2 * up && compare(last, first) == Ordering::Less
}

/// Whether a sequence of sibling timestamps is a log kept newest-first, as `timestamp-order`
/// judges it (for writers that must put a new entry where the rule expects it).
pub fn newest_first(seq: &[&Timestamp]) -> bool {
    if seq.len() < 2 {
        return false;
    }
    let steps: Vec<Ordering> = seq.windows(2).map(|w| compare(w[1], w[0])).collect();
    let up = steps.iter().filter(|o| **o == Ordering::Greater).count();
    let down = steps.iter().filter(|o| **o == Ordering::Less).count();
    is_newest_first(up, down, seq[0], seq[seq.len() - 1])
}

/// An entry's own timestamp, or for a group heading without one, its last stamped sub-item's.
fn effective<'p>(plan: &'p Plan<'_>, i: usize) -> Option<&'p Timestamp> {
    if let Some(t) = plan.progress[i].timestamp() {
        return Some(t);
    }
    plan.progress[i + 1..]
        .iter()
        .take_while(|c| c.depth > plan.progress[i].depth)
        .filter(|c| c.parent == Some(i))
        .filter_map(|c| c.timestamp())
        .last()
}
