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
        let text = &node.text;
        for word in WORDS {
            for (i, _) in text.match_indices(word) {
                let before = text[..i].chars().next_back();
                let after = text[i + word.len()..].chars().next();
                if before.is_some_and(char::is_alphanumeric)
                    || after.is_some_and(char::is_alphanumeric)
                {
                    continue;
                }
                let Some(off) = locate(source, node.span, i, word) else {
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

/// Where the word found at byte `i` of a text node stands in the source: at the same distance
/// from the node's start when the node is written as read, else its first occurrence within the
/// node's own span (entities and escapes make the written text longer than the read one).
fn locate(source: &str, span: Span, i: usize, word: &str) -> Option<usize> {
    let from = span.start + i;
    if source
        .get(from.min(source.len())..)
        .is_some_and(|rest| rest.starts_with(word))
    {
        return Some(from);
    }
    let own = source.get(span.start..span.end.min(source.len()))?;
    own.find(word).map(|j| span.start + j)
}

#[cfg(test)]
mod tests {
    use crate::parse;

    /// Issue 13, item 8: a placeholder followed by multi-byte text was dropped when the old
    /// search window ended inside a character.
    #[test]
    fn a_placeholder_before_multibyte_text_is_found() {
        for pad in ["", "a", "ab"] {
            let text = format!(
                "# Plan\n\n## 1. Metadata\n\n- Related issues/PRs: TODO\n\n{pad}{}\n",
                "日本語の段落がここに続きます。".repeat(6)
            );
            let plan = parse(&text);
            assert_eq!(plan.placeholders.len(), 1, "pad {pad:?}");
            assert_eq!(plan.text(plan.placeholders[0].span), "TODO");
        }
        // Escapes make the written text longer than the read one; the word is still placed.
        let plan = parse("# P\n\nA \\*note\\* TODO here.\n");
        assert_eq!(plan.text(plan.placeholders[0].span), "TODO");
    }
}
