use planlint_parser::Dialect;

use crate::diagnostic::{Edit, Severity};
use crate::registry::Group;
use crate::{declare_rule, requirements, Context, Diagnostic};

declare_rule! {
    /// ## What it does
    /// Checks that numbered section headings count up by one, starting from 0 or 1.
    /// Unnumbered extra sections are not counted. In the numbered dialect, a gap left by a
    /// missing known section is not reported here (`required-section` reports the section).
    /// Applies wherever at least two sections carry numbers.
    ///
    /// `--fix` renumbers every numbered heading in document order, counting up by one from the
    /// first number (0 or 1), and changes nothing but the digits (leading zeros keep their
    /// width). When a jump leaves room for missing known sections of the numbered dialect, the
    /// intent is ambiguous and no fix is offered.
    ///
    /// ## Why is this bad?
    /// Numbers are how people cite sections ("see §8"); a skipped or repeated number sends them
    /// to the wrong place.
    ///
    /// ## Example
    /// ```markdown
    /// ## 1. Metadata
    /// ## 2. Purpose and big picture
    /// ## 4. Context and orientation
    /// ```
    ///
    /// ## Use instead
    /// ```markdown
    /// ## 1. Metadata
    /// ## 2. Purpose and big picture
    /// ## 3. Context and orientation
    /// ```
    pub static RULE = Rule {
        name: "section-numbering",
        group: Group::Structure,
        severity: Severity::Error,
        fixable: true,
        summary: "numbered sections do not count up by one from 0 or 1",
        check: Some(check),
    };
}

fn check(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let numbered: Vec<_> = cx
        .plan
        .sections
        .iter()
        .filter(|s| s.number.is_some())
        .collect();
    if numbered.len() < 2 {
        return;
    }
    let first = numbered[0].number.unwrap_or(0);
    let start = out.len();
    // After a slip, the next number may continue from the slip or from where it should have
    // been; either is accepted, so one wrong number is one finding.
    let mut accept: [u32; 2] = if first <= 1 { [first, first] } else { [1, 1] };
    let mut prev: Option<&planlint_parser::Section> = None;
    for &s in &numbered {
        let n = s.number.unwrap_or(0);
        if accept.contains(&n) || known_gap(cx, prev, s) {
            accept = [n + 1, n + 1];
        } else {
            let expected = accept[0].min(accept[1]);
            let message = match prev {
                None => format!("the first section is numbered {n}; numbering starts at 0 or 1"),
                Some(p) => format!(
                    "section number {n} follows {}; expected {expected}",
                    p.number.unwrap_or(0)
                ),
            };
            out.push(
                Diagnostic::new(RULE.name, number_span(cx, s), message)
                    .label(format!("expected {expected}"))
                    .help("renumber the sections in document order, counting up by one"),
            );
            accept = [expected + 1, n + 1];
        }
        prev = Some(s);
    }
    // The fix renumbers every numbered heading in document order, counting up by one from the
    // first number (0 or 1). A jump over missing known sections makes the intent ambiguous (the
    // gap may be kept for them), so then there is no fix.
    let has_gap = numbered.windows(2).any(|w| {
        let jump = w[1].number.unwrap_or(0) > w[0].number.unwrap_or(0) + 1;
        jump && known_gap(cx, Some(w[0]), w[1])
    });
    if out.len() > start && !has_gap {
        let base = if first <= 1 { first } else { 1 };
        let edits: Vec<Edit> = numbered
            .iter()
            .zip(base..)
            .filter(|(s, n)| s.number != Some(*n))
            .map(|(s, n)| {
                let span = number_span(cx, s);
                let width = cx.plan.text(span).len();
                Edit {
                    span,
                    text: format!("{n:0width$}"),
                }
            })
            .collect();
        out[start].fix = edits;
    }
}

/// In the numbered dialect, a jump that matches exactly the known sections missing between two
/// known sections is the missing sections' finding, not a numbering one.
fn known_gap(
    cx: &Context<'_>,
    prev: Option<&planlint_parser::Section>,
    s: &planlint_parser::Section,
) -> bool {
    cx.dialect == Dialect::Numbered && gap_is_missing_sections(cx, prev, s).is_some()
}

fn gap_is_missing_sections(
    cx: &Context<'_>,
    prev: Option<&planlint_parser::Section>,
    s: &planlint_parser::Section,
) -> Option<()> {
    let order = requirements::order(cx.dialect);
    let rank = |k| order.iter().position(|o| *o == k);
    let (p, pn) = (prev?, prev?.number?);
    let (pr, sr) = (rank(p.kind?)?, rank(s.kind?)?);
    let n = s.number?;
    let gap = n.checked_sub(pn)? as usize;
    if sr <= pr {
        return None;
    }
    let missing_between = order[pr + 1..sr]
        .iter()
        .all(|k| !cx.plan.sections.iter().any(|x| x.kind == Some(*k)));
    (gap == sr - pr && missing_between).then_some(())
}

fn number_span(cx: &Context<'_>, s: &planlint_parser::Section) -> planlint_parser::Span {
    let text = cx.plan.text(s.title_span);
    let digits = text
        .char_indices()
        .find(|(_, c)| c.is_ascii_digit())
        .map(|(i, _)| {
            let len = text[i..].chars().take_while(|c| c.is_ascii_digit()).count();
            (i, i + len)
        });
    match digits {
        Some((a, b)) => planlint_parser::Span::new(s.title_span.start + a, s.title_span.start + b),
        None => s.title_span,
    }
}
