//! What the diff-aware rules share: the plan as it was at a base revision, and an alignment of
//! its living records with the plan now.
//!
//! Living sections are append-only. The old records are aligned with the new ones by a Myers
//! diff over normalised text (whitespace collapsed, so re-wrapping a line or converting line
//! endings is not a change); entries only added are silent, and an old entry whose text is kept
//! as the start of the new one (something appended to it) is not a rewrite either. Text that is
//! only a template placeholder (`(none yet)`, `Decision: …`) is not a record.

use planlint_parser::{Plan, SectionKind, Span};
use similar::{capture_diff_slices, Algorithm, DiffOp};

use crate::Context;

/// The plan as it was at the base revision.
#[derive(Clone, Copy)]
pub struct BasePlan<'a> {
    /// The revision as the user wrote it (`origin/main`), for messages.
    pub rev: &'a str,
    pub plan: &'a Plan<'a>,
}

/// Whitespace collapsed to single spaces and trimmed; table cells lose their padding, and
/// table rules (`|---|:--:|`) their width.
pub(crate) fn normalize(text: &str) -> String {
    let mut out = collapse(text);
    if out.starts_with('|') {
        out = out.replace(" |", "|").replace("| ", "|");
        if out.chars().all(|c| matches!(c, '|' | '-' | ':')) {
            let mut squeezed = String::new();
            for c in out.chars() {
                if !(c == '-' && squeezed.ends_with('-')) {
                    squeezed.push(c);
                }
            }
            out = squeezed;
        }
    }
    out
}

/// Whitespace runs collapsed to one space, trimmed.
fn collapse(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Words that make up template text rather than a record.
const TEMPLATE_WORDS: &[&str] = &[
    "none",
    "yet",
    "n",
    "a",
    "na",
    "tbd",
    "todo",
    "fixme",
    "nothing",
    "so",
    "far",
    "no",
    "decision",
    "decisions",
    "rationale",
    "date",
    "author",
    "entries",
    "entry",
    "here",
    "pending",
    "empty",
];

/// Whether a line or entry is only template text: no words at all (`- Decision: …`), or only
/// words such as "none yet", "TBD", "no decisions so far". HTML comments are not records.
pub(crate) fn is_template(text: &str) -> bool {
    let t = text.trim();
    if t.starts_with("<!--") {
        return true;
    }
    t.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .all(|w| TEMPLATE_WORDS.contains(&w.to_lowercase().as_str()))
}

/// The old text, shortened for a message.
pub(crate) fn quote(text: &str) -> String {
    const MAX: usize = 100;
    let text = collapse(text);
    if text.chars().count() <= MAX {
        return text;
    }
    let cut: String = text.chars().take(MAX - 1).collect();
    format!("{}…", cut.trim_end())
}

/// Whether `new` keeps `old` and only adds to it.
pub(crate) fn extends(old: &str, new: &str) -> bool {
    !old.is_empty() && new.starts_with(old)
}

/// How alike two texts are, 0 to 1.
pub(crate) fn similarity(a: &str, b: &str) -> f64 {
    strsim::normalized_levenshtein(a, b)
}

/// One old element that the new version does not keep.
pub(crate) struct Lost {
    /// Index of the old element.
    pub old: usize,
    /// The new elements in its place (a replaced run), empty when it was only deleted.
    pub replaced_by: std::ops::Range<usize>,
    /// The index of the new element after the place where it was (may be past the end).
    pub at: usize,
}

/// Pairs of old and new elements with equal keys, and the old elements not kept.
pub(crate) struct Alignment {
    pub equal: Vec<(usize, usize)>,
    pub lost: Vec<Lost>,
}

pub(crate) fn align(old: &[String], new: &[String]) -> Alignment {
    let mut equal = Vec::new();
    let mut lost = Vec::new();
    for op in capture_diff_slices(Algorithm::Myers, old, new) {
        match op {
            DiffOp::Equal {
                old_index,
                new_index,
                len,
            } => equal.extend((0..len).map(|k| (old_index + k, new_index + k))),
            DiffOp::Delete {
                old_index,
                old_len,
                new_index,
            } => lost.extend((old_index..old_index + old_len).map(|old| Lost {
                old,
                replaced_by: new_index..new_index,
                at: new_index,
            })),
            DiffOp::Insert { .. } => {}
            DiffOp::Replace {
                old_index,
                old_len,
                new_index,
                new_len,
            } => lost.extend((old_index..old_index + old_len).map(|old| Lost {
                old,
                replaced_by: new_index..new_index + new_len,
                at: new_index,
            })),
        }
    }
    Alignment { equal, lost }
}

/// Where to point for something that vanished: the element now at its place, else the one
/// before it, else the section's heading, else the plan's anchor.
pub(crate) fn neighbour(
    cx: &Context<'_>,
    spans: &[Span],
    at: usize,
    section: Option<SectionKind>,
) -> Span {
    if let Some(s) = spans
        .get(at)
        .or_else(|| at.checked_sub(1).and_then(|i| spans.get(i)))
    {
        return cx.plan.line_span(s.start);
    }
    section
        .and_then(|k| cx.plan.section(k))
        .map(|s| s.heading)
        .unwrap_or_else(|| cx.anchor())
}

/// `text` without its leading or trailing timestamp (and the brackets around it): what stays
/// the same when a box is checked and stamped, or unchecked and unstamped.
pub(crate) fn without_stamp(text: &str) -> String {
    use planlint_parser::timestamp::{leading, trailing, Stamp};
    let span = |s: Stamp| match s {
        Stamp::Valid { timestamp } => Some(timestamp.span),
        Stamp::Malformed { span, .. } => Some(span),
        Stamp::None => None,
    };
    const AROUND: &[char] = &[
        '(', ')', '[', ']', '*', '_', ':', ' ', '\t', '-', '—', '–', ',',
    ];
    if let Some(s) = span(leading(text, 0)) {
        return normalize(text.get(s.end..).unwrap_or("").trim_start_matches(AROUND));
    }
    if let Some(s) = span(trailing(text, 0)) {
        return normalize(text.get(..s.start).unwrap_or("").trim_end_matches(AROUND));
    }
    normalize(text)
}
