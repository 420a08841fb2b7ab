use planlint_parser::Dialect;

use crate::diagnostic::Severity;
use crate::registry::Group;
use crate::{declare_rule, requirements, Context, Diagnostic};

declare_rule! {
    /// ## What it does
    /// Checks that numbered section headings count up by one, starting from 0 or 1.
    /// Unnumbered extra sections are not counted. In the numbered dialect, a gap left by a
    /// missing known section is not reported here (`required-section` reports the section).
    /// Applies wherever at least two sections carry numbers.
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
    // After a slip, the next number may continue from the slip or from where it should have
    // been; either is accepted, so one wrong number is one finding.
    let mut accept: [u32; 2] = if first <= 1 { [first, first] } else { [1, 1] };
    let mut prev: Option<&planlint_parser::Section> = None;
    for s in numbered {
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
