//! Applying the rules' fixes to a plan's text.
//!
//! A fix is a list of byte-range replacements ([`Edit`]); nothing outside those ranges changes,
//! so line endings, a BOM, trailing whitespace and every other byte survive. Fixes are applied
//! in passes: each pass lints the current text, takes the fixes that do not overlap (earliest
//! first; at the same place, rule name order), applies them, and checks that the plan still
//! parses to the same shape (dialect, title, sections, checkbox states as intended). A fix that
//! would change the shape is refused and reported, never applied. Passes repeat until nothing
//! is left to fix, so a second run changes nothing; fixes that lead back to a text already
//! reached (they undo each other) are refused, and the run stops at that text.

use planlint_parser::{BoxState, Plan, SectionKind, Span};

use crate::{lint_plan, Diagnostic, Edit, FileInput, Settings};

/// The most passes over one file; fixes that enable each other settle in two or three.
const MAX_PASSES: usize = 8;

/// A fix that was not applied, and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Refused {
    pub rule: &'static str,
    /// 1-based line and column (in characters) of the finding in the fixed text.
    pub line: usize,
    pub column: usize,
    pub reason: String,
}

impl Refused {
    /// `d`'s fix refused for `reason`, placed in `plan`'s text.
    fn at(plan: &planlint_parser::Plan<'_>, d: &Diagnostic, reason: &str) -> Self {
        let p = plan.position(d.span.start);
        Refused {
            rule: d.rule,
            line: p.line,
            column: p.column,
            reason: reason.to_string(),
        }
    }
}

/// The outcome of fixing one text.
#[derive(Clone, Debug)]
pub struct Fixed {
    /// The text with every applied fix.
    pub text: String,
    /// How many findings were fixed.
    pub applied: usize,
    pub refused: Vec<Refused>,
    /// The findings of the fixed text.
    pub remaining: Vec<Diagnostic>,
}

/// What a fix must not change: how the text parses.
#[derive(PartialEq, Eq, Debug)]
struct Shape {
    dialect: planlint_parser::Dialect,
    title: bool,
    sections: Vec<(Option<SectionKind>, u8, usize)>,
    boxes: Vec<BoxState>,
}

fn shape(plan: &Plan<'_>) -> Shape {
    Shape {
        dialect: plan.dialect,
        title: plan.title.is_some(),
        sections: plan
            .sections
            .iter()
            .map(|s| (s.kind, s.level, s.part))
            .collect(),
        // A malformed box counts as the state its author meant: fixing it keeps the shape.
        boxes: plan
            .checkboxes
            .iter()
            .map(|b| b.effective_state())
            .collect(),
    }
}

/// `text` with each edit's range replaced; `None` when edits overlap or leave the text or a
/// character boundary. The one way edits are applied: `--fix`, and the record commands.
pub fn apply<'e>(text: &str, edits: impl IntoIterator<Item = &'e Edit>) -> Option<String> {
    let mut sorted: Vec<&Edit> = edits.into_iter().collect();
    sorted.sort_by_key(|e| (e.span.start, e.span.end));
    let mut out = String::with_capacity(text.len() + 16);
    let mut at = 0;
    for e in sorted {
        let Span { start, end } = e.span;
        if start < at
            || end < start
            || end > text.len()
            || !text.is_char_boundary(start)
            || !text.is_char_boundary(end)
        {
            return None;
        }
        out.push_str(&text[at..start]);
        out.push_str(&e.text);
        at = end;
    }
    out.push_str(&text[at..]);
    Some(out)
}

fn overlaps(a: &Edit, b: &Edit) -> bool {
    let (a, b) = (a.span, b.span);
    (a.start < b.end && b.start < a.end) || a.start == b.start
}

/// What identifies a fix across passes: its rule and what it replaces with what.
fn signature(text: &str, d: &Diagnostic) -> (String, Vec<(String, String)>) {
    (
        d.rule.to_string(),
        d.fix
            .iter()
            .map(|e| {
                (
                    text.get(e.span.start..e.span.end).unwrap_or("").to_string(),
                    e.text.clone(),
                )
            })
            .collect(),
    )
}

/// Fix `source` as far as is safe.
pub fn fix_str(source: &str, file: FileInput<'_>, settings: &Settings) -> Fixed {
    fix_with(source, |plan| lint_plan(plan, file, settings))
}

/// [`fix_str`] with the linter given: the rules' findings for a parsed text.
fn fix_with(source: &str, lint: impl Fn(&Plan<'_>) -> Vec<Diagnostic>) -> Fixed {
    let mut text = source.to_string();
    let mut applied = 0;
    let mut refused: Vec<Refused> = Vec::new();
    let mut refused_sigs = Vec::new();
    // Every text reached, with the fixes counted up to it: fixes that undo each other bring a
    // text back, and then the run stops at the first time it was reached.
    let mut seen: Vec<(String, usize)> = vec![(text.clone(), 0)];
    for _ in 0..MAX_PASSES {
        if let Some(i) = seen[..seen.len() - 1].iter().position(|(t, _)| *t == text) {
            let (first, count) = seen.swap_remove(i);
            let plan = planlint_parser::parse(&first);
            for d in lint(&plan).iter().filter(|d| !d.fix.is_empty()) {
                refused.push(Refused::at(
                    &plan,
                    d,
                    "the fixes do not settle: applying them leads back to this text",
                ));
            }
            text = first;
            applied = count;
            break;
        }
        let plan = planlint_parser::parse(&text);
        let diags = lint(&plan);
        // A fix that would write what is already there is no fix (and would never settle).
        let changes = |d: &&Diagnostic| {
            d.fix
                .iter()
                .any(|e| text.get(e.span.start..e.span.end) != Some(e.text.as_str()))
        };
        let mut candidates: Vec<&Diagnostic> = diags
            .iter()
            .filter(|d| !d.fix.is_empty())
            .filter(changes)
            .filter(|d| !refused_sigs.contains(&signature(&text, d)))
            .collect();
        if candidates.is_empty() {
            break;
        }
        candidates.sort_by_key(|d| {
            let first = d.fix.iter().map(|e| e.span.start).min().unwrap_or(0);
            (first, d.rule)
        });
        let chosen = non_overlapping(candidates);
        let before = shape(&plan);
        let keeps_shape = |fixes: &[&Diagnostic]| -> Option<String> {
            let edits: Vec<&Edit> = fixes.iter().flat_map(|d| d.fix.iter()).collect();
            let next = apply(&text, edits.iter().copied())?;
            (shape(&planlint_parser::parse(&next)) == before).then_some(next)
        };
        if let Some(next) = keeps_shape(&chosen) {
            applied += chosen.len();
            text = next;
            seen.push((text.clone(), applied));
            // Whether a fix keeps the shape depends on the whole text: what was refused
            // before this change is judged again on the new text.
            refused.clear();
            refused_sigs.clear();
            continue;
        }
        // Some fix changes the shape: try them one by one, keep the safe ones.
        let mut safe: Vec<&Diagnostic> = Vec::new();
        for d in &chosen {
            if keeps_shape(&[d]).is_some() {
                safe.push(d);
            } else {
                refused.push(Refused::at(
                    &plan,
                    d,
                    "the fixed text would parse differently (sections or checkboxes would change)",
                ));
                refused_sigs.push(signature(&text, d));
            }
        }
        let next = match keeps_shape(&safe) {
            Some(next) if !safe.is_empty() => {
                applied += safe.len();
                next
            }
            // Safe alone but not together: apply the first, the rest wait a pass.
            _ => match safe.first().and_then(|d| keeps_shape(&[d])) {
                Some(next) => {
                    applied += 1;
                    next
                }
                None => break,
            },
        };
        text = next;
        seen.push((text.clone(), applied));
        // The refusals of this pass are judged again on the new text (see above).
        refused.clear();
        refused_sigs.clear();
    }
    let remaining = lint(&planlint_parser::parse(&text));
    Fixed {
        text,
        applied,
        refused,
        remaining,
    }
}

/// Fixes whose edits overlap neither each other nor themselves, earliest first; the rest wait
/// for the next pass.
fn non_overlapping(candidates: Vec<&Diagnostic>) -> Vec<&Diagnostic> {
    let mut chosen: Vec<&Diagnostic> = Vec::new();
    for d in candidates {
        let clash = chosen
            .iter()
            .any(|c| c.fix.iter().any(|a| d.fix.iter().any(|b| overlaps(a, b))));
        let self_clash = d
            .fix
            .iter()
            .enumerate()
            .any(|(i, a)| d.fix[i + 1..].iter().any(|b| overlaps(a, b)));
        if !clash && !self_clash {
            chosen.push(d);
        }
    }
    chosen
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::NoProject;

    fn input() -> FileInput<'static> {
        FileInput {
            path: None,
            now: chrono::DateTime::from_timestamp(1_795_564_800, 0).unwrap(),
            project: &NoProject,
            base: None,
        }
    }

    #[test]
    fn applies_edits_in_order_and_rejects_overlaps_and_bad_boundaries() {
        let e = |s, t, x: &str| Edit {
            span: Span::new(s, t),
            text: x.into(),
        };
        assert_eq!(
            apply("abcdef", [&e(4, 5, "E"), &e(0, 1, "A")]).as_deref(),
            Some("AbcdEf")
        );
        assert_eq!(apply("abc", [&e(0, 2, "x"), &e(1, 3, "y")]), None);
        assert_eq!(apply("é", [&e(1, 2, "x")]), None);
        assert!(overlaps(&e(2, 2, "a"), &e(2, 2, "b")));
        assert!(!overlaps(&e(0, 2, "a"), &e(2, 3, "b")));
    }

    /// Fixes that undo each other: the run stops at the first text reached again, keeps it,
    /// and reports the fixes as refused.
    #[test]
    fn fixes_that_undo_each_other_are_refused() {
        let flip = |plan: &Plan<'_>| {
            let (from, to) = if plan.source.contains("ping") {
                ("ping", "pong")
            } else {
                ("pong", "ping")
            };
            let at = plan.source.find(from).unwrap();
            let span = Span::new(at, at + from.len());
            vec![
                Diagnostic::new("section-numbering", span, "flip").fix(vec![Edit {
                    span,
                    text: to.into(),
                }]),
            ]
        };
        let fixed = fix_with("# P\n\nping\n", flip);
        assert_eq!(fixed.text, "# P\n\nping\n");
        assert_eq!(fixed.applied, 0);
        assert_eq!(fixed.refused.len(), 1);
        assert!(fixed.refused[0].reason.contains("do not settle"));
    }

    /// A fix refused because it would change the shape is judged again once another fix has
    /// changed the text (a fuzz input: the second glued box was left for a second run).
    #[test]
    fn a_refusal_lasts_only_as_long_as_its_text() {
        let text = " -[x]\n\t-[]w\n\ns\n\t>-[]";
        let fixed = fix_str(text, input(), &Settings::default());
        assert_eq!(
            fix_str(&fixed.text, input(), &Settings::default()).applied,
            0
        );
    }

    #[test]
    fn fixes_boxes_and_keeps_every_other_byte() {
        let src = "\u{feff}# Plan\r\n\r\n## Progress\r\n\r\n- [X ] (2025-01-01 10:00Z) één  \r\n-[x]glued\r\n";
        let fixed = fix_str(src, input(), &Settings::default());
        assert_eq!(
            fixed.text,
            "\u{feff}# Plan\r\n\r\n## Progress\r\n\r\n- [x] (2025-01-01 10:00Z) één  \r\n- [x] glued\r\n"
        );
        assert_eq!(fixed.applied, 2);
        assert!(fixed.refused.is_empty());
        assert!(!fixed.remaining.iter().any(|d| d.rule == "checkbox-syntax"));
        let again = fix_str(&fixed.text, input(), &Settings::default());
        assert_eq!(
            (again.text.as_str(), again.applied),
            (fixed.text.as_str(), 0)
        );
    }

    #[test]
    fn a_fix_that_changes_the_shape_is_refused_and_the_others_still_apply() {
        let src = "# P\n\n## Progress\n\n- [X ] a\n- [ ] b\n";
        let lint = |plan: &Plan<'_>| -> Vec<Diagnostic> {
            let mut out = Vec::new();
            for b in &plan.checkboxes {
                let text = plan.text(b.marker);
                if text == "- [X ]" {
                    out.push(
                        Diagnostic::new("checkbox-syntax", b.marker, "m").fix(vec![Edit {
                            span: b.marker,
                            text: "- [x]".into(),
                        }]),
                    );
                }
                if text == "[ ]" {
                    // A bad fix: it would turn the item into a heading.
                    out.push(
                        Diagnostic::new("section-numbering", b.marker, "m").fix(vec![Edit {
                            span: Span::new(b.marker.start - 2, b.marker.end),
                            text: "## 9.".into(),
                        }]),
                    );
                }
            }
            out
        };
        let fixed = fix_with(src, lint);
        assert_eq!(fixed.text, "# P\n\n## Progress\n\n- [x] a\n- [ ] b\n");
        assert_eq!(fixed.applied, 1);
        assert_eq!(fixed.refused.len(), 1);
        assert_eq!(
            (fixed.refused[0].rule, fixed.refused[0].line),
            ("section-numbering", 6)
        );
        assert_eq!(fixed.remaining.len(), 1, "the refused finding remains");
    }

    #[test]
    fn renumbers_sections_in_document_order() {
        let src = "# P\n\n## 1. Purpose\n\nx\n\n## 3. Progress\n\nx\n\n## 3. Decision Log\n\nx\n\n## 07. Outcomes\n\nx\n";
        let fixed = fix_str(src, input(), &Settings::default());
        assert_eq!(
            fixed.text,
            "# P\n\n## 1. Purpose\n\nx\n\n## 2. Progress\n\nx\n\n## 3. Decision Log\n\nx\n\n## 04. Outcomes\n\nx\n"
        );
    }
}
