use planlint_parser::Dialect;

use crate::diagnostic::Severity;
use crate::registry::Group;
use crate::{declare_rule, requirements, Context, Diagnostic};

declare_rule! {
    /// ## What it does
    /// Reports known sections that stand out of the contract's order: the order the project's
    /// spec sets (its template or its list of required sections, as `planlint contract` shows
    /// it; a known section it does not name goes after the section before it in the dialect's
    /// order), else the dialect's. The numbered dialect runs Metadata, Purpose, Context,
    /// Constraints, Plan of work, Concrete steps, Validation, Progress, Surprises, Decision log,
    /// Outcomes, Idempotence; the canonical skeleton puts Purpose and the four living sections
    /// first. A plan that follows its spec exactly gets no finding. Only the fewest sections that would have to
    /// move are reported (the rest keep their order). Unknown extra sections are ignored.
    /// Error in the numbered dialect, warning in the canonical one.
    ///
    /// ## Why is this bad?
    /// Readers and tools find sections by place as much as by name; a Progress log buried after
    /// the appendix is not updated.
    ///
    /// ## Example
    /// ```markdown
    /// ## 1. Metadata
    /// ## 2. Purpose and big picture
    /// ## 3. Progress
    /// ## 4. Context and orientation
    /// ```
    ///
    /// ## Use instead
    /// ```markdown
    /// ## 1. Metadata
    /// ## 2. Purpose and big picture
    /// ## 3. Context and orientation
    /// ## 4. Progress
    /// ```
    pub static RULE = Rule {
        name: "section-order",
        group: Group::Structure,
        severity: Severity::Error,
        fixable: false,
        summary: "sections are out of the dialect's order (warning in canonical)",
        check: Some(check),
    };
}

fn check(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    // A plan the spec's list does not bind is not held to its order either.
    if requirements::of_another_kind(cx.plan, cx.settings, cx.dialect) {
        return;
    }
    let ds = cx.settings.dialect_settings(cx.dialect);
    // With several templates of the project's own, the one the plan is held to sets the order.
    let own = match ds.alternatives.is_empty() {
        true => ds.order.as_deref(),
        false => Some(&cx.required[..]),
    };
    // First occurrence of each section with a place in the order, with its rank: the contract's
    // order where it sets one (the spec's template or list), a known section it does not place
    // going after the nearest section before it in the dialect's order; else the dialect's.
    // With several templates, what they share is the order: a section only one of them holds
    // has no place in it.
    let twins = !ds.alternatives.is_empty();
    let rank_of = |s: &planlint_parser::Section<'_>| match (own, twins) {
        (Some(specs), true) => specs
            .iter()
            .position(|r| requirements::satisfies(s, r))
            .map(|p| (p, 0)),
        _ => requirements::rank(own, cx.dialect, s.kind, |r| requirements::satisfies(s, r)),
    };
    let mut seen = Vec::new();
    let mut items: Vec<(usize, (usize, usize))> = Vec::new(); // (section index, rank)
    for (i, s) in cx.plan.sections.iter().enumerate() {
        let Some(rank) = rank_of(s) else {
            continue;
        };
        if seen.contains(&rank) {
            continue;
        }
        seen.push(rank);
        items.push((i, rank));
    }
    let keep = longest_increasing(&items.iter().map(|x| x.1).collect::<Vec<_>>());
    let severity = match cx.dialect {
        Dialect::Numbered => Severity::Error,
        Dialect::Canonical => Severity::Warning,
    };
    for (pos, &(i, rank)) in items.iter().enumerate() {
        if keep[pos] {
            continue;
        }
        let s = &cx.plan.sections[i];
        // The kept section it should follow.
        let after = items[..]
            .iter()
            .enumerate()
            .filter(|(p, (_, r))| keep[*p] && *r < rank)
            .map(|(_, (j, _))| *j)
            .next_back();
        // The kept section it should precede.
        let before = items[..]
            .iter()
            .enumerate()
            .find(|(p, (_, r))| keep[*p] && *r > rank)
            .map(|(_, (j, _))| *j);
        let title = |j: usize| cx.plan.sections[j].raw_title;
        let message = match (after, before) {
            // Already below the section it follows: what it must come before is the news.
            (Some(a), Some(b)) if a < i => format!(
                "section `{}` is out of order: it belongs before `{}`",
                s.raw_title,
                title(b)
            ),
            (Some(a), _) => format!(
                "section `{}` is out of order: it belongs after `{}`",
                s.raw_title,
                title(a)
            ),
            (None, _) => format!(
                "section `{}` is out of order: it belongs before the sections above it",
                s.raw_title
            ),
        };
        out.push(
            Diagnostic::new(RULE.name, s.title_span, message)
                .label("out of place")
                .help(match own {
                    Some(_) => "move the section to its place in the order the project's spec sets (`planlint contract` shows it)",
                    None => "move the section to its place in the dialect's order",
                })
                .default_severity(severity),
        );
    }
}

/// Marks the members of one longest strictly increasing subsequence (earliest kept on ties).
fn longest_increasing<T: Ord>(ranks: &[T]) -> Vec<bool> {
    let n = ranks.len();
    let mut len = vec![1usize; n];
    let mut prev = vec![usize::MAX; n];
    for i in 0..n {
        for j in 0..i {
            if ranks[j] < ranks[i] && len[j] + 1 > len[i] {
                len[i] = len[j] + 1;
                prev[i] = j;
            }
        }
    }
    let mut keep = vec![false; n];
    if let Some(mut i) = (0..n).max_by_key(|&i| (len[i], std::cmp::Reverse(i))) {
        loop {
            keep[i] = true;
            if prev[i] == usize::MAX {
                break;
            }
            i = prev[i];
        }
    }
    keep
}

#[cfg(test)]
mod tests {
    #[test]
    fn lis_keeps_the_most() {
        assert_eq!(
            super::longest_increasing(&[0, 1, 5, 2, 3]),
            [true, true, false, true, true]
        );
        assert_eq!(super::longest_increasing::<usize>(&[]), Vec::<bool>::new());
    }
}
