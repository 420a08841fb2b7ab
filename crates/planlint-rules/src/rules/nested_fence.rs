use crate::diagnostic::Severity;
use crate::registry::Group;
use crate::{declare_rule, Context, Diagnostic};

declare_rule! {
    /// ## What it does
    /// In a plan wrapped whole in one ```` ```md ```` fence, reports triple-backtick fences
    /// inside the envelope. PLANS.md asks for indented blocks there instead.
    ///
    /// ## Why is this bad?
    /// Any Markdown renderer closes the envelope at the first inner fence: the rest of the plan
    /// renders as loose text and the closing fence opens a new block.
    ///
    /// ## Example
    /// ````markdown
    /// ```md
    /// ## Concrete Steps
    /// ```sh
    /// cargo test
    /// ```
    /// ```
    /// ````
    ///
    /// ## Use instead
    /// ````markdown
    /// ```md
    /// ## Concrete Steps
    ///
    ///     cargo test
    /// ```
    /// ````
    pub static RULE = Rule {
        name: "nested-fence",
        group: Group::References,
        severity: Severity::Warning,
        fixable: false,
        summary: "triple backticks inside a ```md envelope",
        check: Some(check),
    };
}

fn check(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let Some(env) = &cx.plan.envelope else { return };
    // Fences pair up open/close; report each opening one.
    for span in env.nested_fences.iter().step_by(2) {
        out.push(
            Diagnostic::new(
                RULE.name,
                *span,
                "code fence inside the ```md envelope closes the envelope early",
            )
            .label("nested fence")
            .help("indent the block by four spaces instead of fencing it"),
        );
    }
}
