//! Whether a plan declares its own living sections: a preamble that quotes the living-document
//! sentence and names them is that plan's contract. Every other plan in scope is held to the
//! skeleton.

use super::outline::Outline;
use super::walk::Raw;
use crate::model::{Conformance, DeclaredSection, Dialect};
use crate::sections;
use crate::span::Span;

/// Where `needle` (lowercase ASCII) first occurs in `hay`, ignoring ASCII case.
fn find_ignoring_ascii_case(hay: &[u8], needle: &[u8]) -> Option<usize> {
    let first = *needle.first()?;
    (0..(hay.len() + 1).saturating_sub(needle.len())).find(|&i| {
        hay[i].to_ascii_lowercase() == first
            && hay[i..i + needle.len()].eq_ignore_ascii_case(needle)
    })
}

pub(crate) fn conformance(source: &str, outline: &Outline<'_>, raw: &Raw) -> Conformance {
    if outline.dialect == Dialect::Numbered {
        return Conformance::Skeleton;
    }
    for p in raw
        .paragraphs
        .iter()
        .filter(|p| outline.in_preamble(p.span.start))
    {
        // Only ASCII letters lowercase into these words, so an ASCII case-insensitive search
        // finds what a search of the lowercased text would, at offsets into the text itself.
        let text = &source.as_bytes()[p.span.start..p.span.end];
        let Some(at) = find_ignoring_ascii_case(text, b"living document") else {
            continue;
        };
        let names_plan = [
            &b"execplan"[..],
            b"exec plan",
            b"execution plan",
            b"plans.md",
        ]
        .iter()
        .any(|w| find_ignoring_ascii_case(text, w).is_some());
        // Backticked names after the phrase, in the same paragraph.
        let mut declared = Vec::new();
        let tail_start = p.span.start + at;
        let tail = &source[tail_start..p.span.end];
        let mut rest = tail;
        let mut off = tail_start;
        while let Some(open) = rest.find('`') {
            let after = &rest[open + 1..];
            let Some(close) = after.find('`') else { break };
            let name = &after[..close];
            let start = off + open + 1;
            if !name.is_empty() && !name.contains(['/', '.', '\n']) {
                let normalized = sections::normalize_name(name);
                declared.push(DeclaredSection {
                    name: name.to_string(),
                    kind: sections::classify_normalized(&normalized),
                    normalized,
                    span: Span::new(start, start + name.len()),
                });
            }
            let consumed = open + 1 + close + 1;
            off += consumed;
            rest = &rest[consumed..];
        }
        let names_sections = declared.iter().any(|d| d.kind.is_some());
        if !names_plan && !names_sections {
            // "This milestone is a living document": not a claim to the ExecPlan skeleton.
            continue;
        }
        return if declared.is_empty() {
            Conformance::Skeleton
        } else {
            Conformance::Declared(declared)
        };
    }
    // A file in plan scope is an ExecPlan: without a declaration of its own, the skeleton.
    Conformance::Skeleton
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse;

    /// The living-document sentence is found whatever the case, and the sections it names
    /// point at their text even after letters whose lowercase is longer (`İ`).
    #[test]
    fn declared_sections_point_at_their_names() {
        // Sixteen `İ` lowercase to sixteen more bytes: a search of the lowercased text pointed
        // inside the `。` after the phrase, and cutting the text there panicked.
        let text = format!(
            "# Plan\n\n{} This ExecPlan is a LIVING Document。Keep `Progress` current.\n\n## Progress\n\n- [x] done\n",
            "İ".repeat(16)
        );
        let text = text.as_str();
        let plan = parse(text);
        let Conformance::Declared(declared) = &plan.conformance else {
            panic!("not declared: {:?}", plan.conformance);
        };
        assert_eq!(plan.text(declared[0].span), "Progress");
        assert_eq!(
            find_ignoring_ascii_case(b"a LiViNg document", b"living document"),
            Some(2)
        );
        assert_eq!(
            find_ignoring_ascii_case(b"living", b"living document"),
            None
        );
    }
}
