use planlint_parser::BoxState;

use crate::diagnostic::{Edit, Severity};
use crate::registry::Group;
use crate::{declare_rule, Context, Diagnostic};

declare_rule! {
    /// ## What it does
    /// Reports checkboxes that are not valid task-list syntax: `[X ]`, `[ x]`, `[]`, `[-]`,
    /// `[xx]`, `-[x]` (no space after the bullet), `[x]done` (no space after the box). `[ ]`,
    /// `[x]` and `[X]` are boxes; `[!]` (blocked) and `[~]` (skipped) are accepted as deliberate
    /// open states. Fixable where the intent is unambiguous: `[X ]` becomes `[x]`, `[]` becomes
    /// `[ ]`, `-[x]` becomes `- [x]`; `[-]` is left for a person to decide.
    ///
    /// ## Why is this bad?
    /// A malformed box renders as literal text, is invisible to every tool that counts progress,
    /// and makes a done step look undone (or the reverse).
    ///
    /// ## Example
    /// ```markdown
    /// - [X ] Outline sections.
    /// -[x] Create the diagram.
    /// ```
    ///
    /// ## Use instead
    /// ```markdown
    /// - [x] Outline sections.
    /// - [x] Create the diagram.
    /// ```
    pub static RULE = Rule {
        name: "checkbox-syntax",
        group: Group::Checkboxes,
        severity: Severity::Error,
        fixable: true,
        summary: "a checkbox is not valid task-list syntax",
        check: Some(check),
    };
}

fn check(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    for b in cx
        .plan
        .checkboxes
        .iter()
        .filter(|b| b.state == BoxState::Malformed)
    {
        let written = cx.plan.text(b.marker);
        let bullet = written.starts_with(['-', '*', '+']);
        let glued = bullet && written[1..].starts_with('[');
        let fix_text = match b.intended {
            Some(BoxState::Checked) => Some("[x]"),
            Some(BoxState::Open) => Some("[ ]"),
            Some(BoxState::Blocked) => Some("[!]"),
            Some(BoxState::Skipped) => Some("[~]"),
            _ => None,
        };
        // The character after the box (a whole character: it may be several bytes long).
        let next = cx
            .plan
            .source
            .get(b.marker.end..)
            .and_then(|rest| rest.chars().next());
        let glued_text = next.is_some_and(|c| !c.is_whitespace());
        let message = if glued_text {
            format!("checkbox `{}` is not followed by a space", written.trim())
        } else {
            format!("malformed checkbox `{}`", written.trim())
        };
        let mut diag =
            Diagnostic::new(RULE.name, b.marker, message).label("not a task-list checkbox");
        diag = match fix_text {
            Some(t) => {
                let (box_start, prefix) = if glued {
                    (b.marker.start, format!("{} ", &written[..1]))
                } else {
                    let open = written.find('[').unwrap_or(0);
                    (b.marker.start + open, String::new())
                };
                let space = if glued_text { " " } else { "" };
                let replacement = format!("{prefix}{t}{space}");
                diag.help(format!("write `{}`", replacement.trim_end()))
                    .fix(vec![Edit {
                        span: planlint_parser::Span::new(box_start, b.marker.end),
                        text: replacement,
                    }])
            }
            None => diag.help("write `[ ]` for an open step or `[x]` for a done one"),
        };
        out.push(diag);
    }
}
