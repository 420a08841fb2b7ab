//! Placeholder words left in a plan (`TBD`, `TODO`, `FIXME`), as whole words, placed in the
//! file. Which sections they matter in is the rule's question.

use super::walk::TextNode;
use crate::model::{section_index, Placeholder, Section};
use crate::span::Span;

const WORDS: [&str; 3] = ["TBD", "TODO", "FIXME"];

pub(crate) fn placeholders(
    source: &str,
    candidates: &[TextNode],
    secs: &[Section<'_>],
) -> Vec<Placeholder> {
    let mut out = Vec::new();
    for node in candidates {
        let (text, start) = (&node.text, node.start);
        for word in WORDS {
            for (i, _) in text.match_indices(word) {
                let before = text[..i].chars().next_back();
                let after = text[i + word.len()..].chars().next();
                if before.is_some_and(char::is_alphanumeric)
                    || after.is_some_and(char::is_alphanumeric)
                {
                    continue;
                }
                let Some(off) = locate(source, start, i, text.len(), word) else {
                    continue;
                };
                out.push(Placeholder {
                    word,
                    span: Span::new(off, off + word.len()),
                    section: section_index(secs, off),
                });
            }
        }
    }
    out.sort_by_key(|p| p.span.start);
    out.dedup_by_key(|p| p.span.start);
    out
}

/// Where the word found at byte `i` of a text node (starting at `start`, `len` bytes as comrak
/// gives it) stands in the source: at the same distance when the node is written as read, else
/// the first occurrence near the node's start.
fn locate(source: &str, start: usize, i: usize, len: usize, word: &str) -> Option<usize> {
    let from = start + i;
    let window_end = (from + 4 * len + 16).min(source.len());
    let found = source
        .get(start..window_end)
        .and_then(|w| w.find(word).map(|j| start + j))
        .filter(|&o| o >= start);
    let off = match found {
        Some(o) if source[o..].starts_with(word) && o + word.len() <= source.len() => o,
        _ => return None,
    };
    let same_place = source
        .get(from.min(source.len())..)
        .is_some_and(|rest| rest.starts_with(word));
    Some(if same_place { from } else { off })
}
