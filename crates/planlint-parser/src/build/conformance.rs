//! Whether a plan declares its own living sections: a preamble that quotes the living-document
//! sentence and names them is that plan's contract — the names in the clause that says which
//! sections are kept up to date, never other backticked words of the preamble. Every other plan
//! in scope is held to the skeleton.

use super::outline::Outline;
use super::walk::Raw;
use crate::model::{Conformance, DeclaredSection, Dialect};
use crate::prose;
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
        // The names in the clause that says which sections must be kept up to date, after the
        // phrase, in the same paragraph; never other backticked words of the preamble ("Terms
        // are defined in `Glossary`", "Outcomes go in `Outcomes & Retrospective` at the end").
        let tail_start = p.span.start + at;
        let tail = &source[tail_start..p.span.end];
        let clauses: Vec<(usize, &str)> = prose::clauses(tail)
            .into_iter()
            .map(|r| (tail_start + r.start, &tail[r]))
            .collect();
        let clause = clauses
            .iter()
            .find(|(_, c)| !names_in(c).is_empty() && keeps_up_to_date(&prose::without_code(c)))
            // Without such a clause, the names in the phrase's own ("… is a living document:
            // `Progress` and `Decision Log` grow with the work").
            .or(clauses.first());
        let declared: Vec<DeclaredSection> = clause
            .map(|(start, text)| {
                names_in(text)
                    .into_iter()
                    .map(|(at, name)| {
                        let normalized = sections::normalize_name(name);
                        let from = start + at;
                        DeclaredSection {
                            name: name.to_string(),
                            kind: sections::classify_normalized(&normalized),
                            normalized,
                            span: Span::new(from, from + name.len()),
                        }
                    })
                    .collect()
            })
            .unwrap_or_default();
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

/// The backticked names in a clause that may name a section (not a path, not empty), each with
/// its byte offset in the clause.
fn names_in(clause: &str) -> Vec<(usize, &str)> {
    let mut out = Vec::new();
    let mut rest = clause;
    let mut off = 0;
    while let Some(open) = rest.find('`') {
        let after = &rest[open + 1..];
        let Some(close) = after.find('`') else { break };
        let name = &after[..close];
        if !name.is_empty() && !name.contains(['/', '.', '\n']) {
            out.push((off + open + 1, name));
        }
        let consumed = open + 1 + close + 1;
        off += consumed;
        rest = &rest[consumed..];
    }
    out
}

/// Whether a clause (its inline code left out) says that what it names is kept up to date:
/// "must be kept up to date", "Keep … current", "are updated as work proceeds", "계속 갱신한다".
fn keeps_up_to_date(clause: &str) -> bool {
    const WORDS: &[&str] = &[
        "up to date",
        "up-to-date",
        "current",
        "keep",
        "kept",
        "maintain",
        "update",
        "revise",
        "actualiz",
        "最新",
        "更新",
        "維持",
        "维护",
        "갱신",
        "유지",
        "업데이트",
    ];
    let lower = clause.to_lowercase();
    WORDS.iter().any(|w| lower.contains(w))
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
    /// Only the names in the clause that says which sections are kept up to date are the plan's
    /// own: other backticked words of the preamble (a term, a command, a section said to be
    /// filled at the end) are not, in the same sentence's paragraph or on its next line.
    #[test]
    fn only_the_keep_up_to_date_clause_names_sections() {
        let declared = |preamble: &str| -> Vec<String> {
            let text = format!("# Plan\n\n{preamble}\n\n## Progress\n\n- [x] done\n");
            match parse(&text).conformance {
                Conformance::Declared(d) => d.into_iter().map(|d| d.name).collect(),
                Conformance::Skeleton => Vec::new(),
            }
        };
        let keep = "This ExecPlan is a living document. The sections `Progress` and `Decision Log` must be kept up to date as work proceeds.";
        for extra in [
            " Terms are defined in `Glossary`; run `cargo test` to check.",
            "\nTerms are defined in `Glossary`; run `cargo test` to check.",
            " Results go in `Outcomes & Retrospective` at the end.",
        ] {
            assert_eq!(
                declared(&format!("{keep}{extra}")),
                ["Progress", "Decision Log"],
                "{extra}"
            );
        }
        // A term defined before the clause is not one of its names either.
        assert_eq!(
            declared("This ExecPlan is a living document; see `Glossary` for terms. Keep `Progress` current."),
            ["Progress"]
        );
        // Without a clause that says so, the names in the phrase's own.
        assert_eq!(
            declared(
                "This ExecPlan is a living document: `Progress` grows with the work. Run `make`."
            ),
            ["Progress"]
        );
    }
}
