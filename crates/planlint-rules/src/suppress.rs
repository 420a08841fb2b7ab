//! Inline suppressions: `<!-- planlint-disable RULE[, RULE] -->` … `<!-- planlint-enable … -->`,
//! `<!-- planlint-disable-next-line RULE -->` and `<!-- planlint-disable-file RULE -->`. Without
//! rule names a directive covers every rule. A disable that suppresses nothing, or names a rule
//! that does not exist, is reported as `unused-suppression` so stale comments do not pile up.

use planlint_parser::{Comment, Plan, Span};

use crate::settings::Settings;
use crate::{Diagnostic, RULES};

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Kind {
    Disable,
    Enable,
    NextLine,
    File,
}

struct Directive {
    kind: Kind,
    /// Empty: every rule.
    rules: Vec<String>,
    span: Span,
    /// First and last line the directive covers.
    lines: (usize, usize),
    used: bool,
}

/// The directives, as written.
const DIRECTIVES: [&str; 4] = [
    "planlint-disable",
    "planlint-enable",
    "planlint-disable-next-line",
    "planlint-disable-file",
];

/// The text between `<!--` and `-->`.
fn body(comment: &Comment) -> Option<&str> {
    Some(
        comment
            .text
            .trim()
            .strip_prefix("<!--")?
            .trim_end()
            .strip_suffix("-->")?
            .trim(),
    )
}

/// A `planlint-…` word in a comment that is no directive (`planlint-disable-nextline`).
fn misspelt(comment: &Comment) -> Option<&str> {
    let inner = body(comment)?;
    let word = inner.split(char::is_whitespace).next()?;
    (word.starts_with("planlint-") || word.starts_with("planlint_"))
        .then_some(word)
        .filter(|w| !DIRECTIVES.contains(w))
}

fn parse(comment: &Comment) -> Option<(Kind, Vec<String>)> {
    let inner = body(comment)?;
    let (word, rest) = inner.split_once(char::is_whitespace).unwrap_or((inner, ""));
    let kind = match word {
        "planlint-disable" => Kind::Disable,
        "planlint-enable" => Kind::Enable,
        "planlint-disable-next-line" => Kind::NextLine,
        "planlint-disable-file" => Kind::File,
        _ => return None,
    };
    let rules = rest
        .split([',', ' ', '\t', '\n', '\r'])
        .map(str::trim)
        .filter(|r| !r.is_empty())
        .map(str::to_string)
        .collect();
    Some((kind, rules))
}

/// Drop suppressed diagnostics and report unused or unknown suppressions.
pub(crate) fn apply(
    plan: &Plan<'_>,
    settings: &Settings,
    ran: impl Fn(&str) -> bool,
    diags: &mut Vec<Diagnostic>,
) {
    let (mut directives, unknown) = read_directives(plan);
    if directives.is_empty() && unknown.is_empty() {
        return;
    }
    close_disables(&mut directives);
    suppress(plan, &mut directives, diags);
    if !settings.enabled("unused-suppression") {
        return;
    }
    report_unused(&directives, settings, ran, diags);
    diags.extend(unknown);
}

/// The plan's directives, in order, each with the lines it covers (a disable up to the end), and
/// the findings for comments that are no directive or name an unknown rule.
fn read_directives(plan: &Plan<'_>) -> (Vec<Directive>, Vec<Diagnostic>) {
    let line_of = |o: usize| plan.lines.line_of(o);
    let mut directives: Vec<Directive> = Vec::new();
    let mut unknown: Vec<Diagnostic> = Vec::new();
    for c in &plan.comments {
        let Some((kind, rules)) = parse(c) else {
            if let Some(word) = misspelt(c) {
                let help = crate::config::did_you_mean(word, DIRECTIVES.iter().copied())
                    .unwrap_or_else(|| format!("the directives are `{}`", DIRECTIVES.join("`, `")));
                unknown.push(
                    Diagnostic::new(
                        "unused-suppression",
                        c.span,
                        format!(
                            "`{word}` is not a planlint directive: this comment suppresses nothing"
                        ),
                    )
                    .label("unknown directive")
                    .help(help),
                );
            }
            continue;
        };
        for r in &rules {
            if !RULES.iter().any(|x| x.name == r) {
                let help = crate::config::did_you_mean(r, RULES.iter().map(|x| x.name))
                    .unwrap_or_else(|| "`planlint rules` lists every rule".into());
                unknown.push(
                    Diagnostic::new(
                        "unused-suppression",
                        c.span,
                        format!("suppression names unknown rule `{r}`"),
                    )
                    .label("unknown rule")
                    .help(help),
                );
            }
        }
        let start = line_of(c.span.start);
        let end_line = line_of(c.span.end.saturating_sub(1).max(c.span.start));
        let lines = match kind {
            Kind::File => (1, usize::MAX),
            Kind::NextLine => (end_line + 1, end_line + 1),
            Kind::Disable | Kind::Enable => (start, usize::MAX),
        };
        directives.push(Directive {
            kind,
            rules,
            span: c.span,
            lines,
            used: false,
        });
    }
    (directives, unknown)
}

/// A disable runs until the next enable that covers the same rule.
fn close_disables(directives: &mut [Directive]) {
    for i in 0..directives.len() {
        if directives[i].kind != Kind::Disable {
            continue;
        }
        let from = directives[i].lines.0;
        let end = directives[i + 1..]
            .iter()
            .filter(|d| d.kind == Kind::Enable && d.lines.0 >= from)
            .find(|d| {
                d.rules.is_empty()
                    || directives[i].rules.is_empty()
                    || directives[i].rules.iter().any(|r| d.rules.contains(r))
            })
            .map(|d| d.lines.0);
        if let Some(end) = end {
            directives[i].lines.1 = end;
        }
    }
}

/// Drop the diagnostics a directive covers, marking the directives that suppressed one.
fn suppress(plan: &Plan<'_>, directives: &mut [Directive], diags: &mut Vec<Diagnostic>) {
    let line_of = |o: usize| plan.lines.line_of(o);
    let covers =
        |d: &Directive, rule: &str| d.rules.is_empty() || d.rules.iter().any(|r| r == rule);
    diags.retain(|diag| {
        let line = line_of(diag.span.start);
        let mut suppressed = false;
        for d in directives.iter_mut().filter(|d| d.kind != Kind::Enable) {
            if covers(d, diag.rule) && d.lines.0 <= line && line <= d.lines.1 {
                d.used = true;
                suppressed = true;
            }
        }
        !suppressed
    });
}

/// Report the disables that suppressed nothing, where the rules they name ran.
fn report_unused(
    directives: &[Directive],
    settings: &Settings,
    ran: impl Fn(&str) -> bool,
    diags: &mut Vec<Diagnostic>,
) {
    for d in directives
        .iter()
        .filter(|d| d.kind != Kind::Enable && !d.used)
    {
        // A directive for rules that did not run (off, or not selected) cannot be judged.
        let judged = if d.rules.is_empty() {
            true
        } else {
            d.rules
                .iter()
                .any(|r| RULES.iter().any(|x| x.name == r) && settings.enabled(r) && ran(r))
        };
        if judged && d.rules.iter().all(|r| RULES.iter().any(|x| x.name == r)) {
            let what = if d.rules.is_empty() {
                "any rule".to_string()
            } else {
                format!("`{}`", d.rules.join("`, `"))
            };
            diags.push(
                Diagnostic::new(
                    "unused-suppression",
                    d.span,
                    format!("suppression of {what} suppresses nothing"),
                )
                .label("nothing to suppress here")
                .help("remove the comment; the finding it was for is gone"),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn directive(text: &str) -> Option<(Kind, Vec<String>)> {
        parse(&Comment {
            text: text.to_string(),
            span: Span::new(0, text.len()),
        })
    }

    #[test]
    fn directive_forms() {
        assert_eq!(
            directive("<!-- planlint-disable a, b -->"),
            Some((Kind::Disable, vec!["a".into(), "b".into()]))
        );
        assert_eq!(
            directive("<!--planlint-enable-->"),
            Some((Kind::Enable, vec![]))
        );
        assert_eq!(
            directive("<!-- planlint-disable-next-line x -->"),
            Some((Kind::NextLine, vec!["x".into()]))
        );
        assert_eq!(
            directive("<!-- planlint-disable-file x y -->"),
            Some((Kind::File, vec!["x".into(), "y".into()]))
        );
        assert_eq!(directive("<!-- reviewer note -->"), None);
        assert_eq!(directive("<!-- planlint-disabled x -->"), None);
    }

    /// Issue 13, item 11: a misspelt directive is reported, with the closest one.
    #[test]
    fn misspelt_directives_are_reported() {
        let plan = planlint_parser::parse(
            "# P\n\n<!-- planlint-disable-nextline timestamp-order -->\n\nText. <!-- planlint-disable-line placeholder -->\n\n<!-- planlint is great -->\n",
        );
        let mut diags = Vec::new();
        apply(&plan, &Settings::default(), |_| true, &mut diags);
        let found: Vec<(String, String)> = diags
            .iter()
            .map(|d| {
                (
                    d.message.to_string(),
                    d.help.as_deref().unwrap_or("").to_string(),
                )
            })
            .collect();
        assert_eq!(found.len(), 2, "{found:?}");
        assert!(found[0]
            .0
            .starts_with("`planlint-disable-nextline` is not a planlint directive"));
        assert!(
            found[0].1.contains("planlint-disable-next-line"),
            "{found:?}"
        );
        assert!(found[1].0.starts_with("`planlint-disable-line`"));
    }
}
