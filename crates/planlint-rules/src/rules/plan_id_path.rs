use planlint_parser::MetaKey;

use crate::diagnostic::Severity;
use crate::registry::Group;
use crate::{declare_rule, Context, Diagnostic};

declare_rule! {
    /// ## What it does
    /// Where the Plan ID is written as a path (`plans/execplan-ch7.md`), checks that it is the
    /// file's own path from the project root (the nearest folder holding `planlint.toml` or
    /// `.git`). IDs that are not paths to a Markdown file (`EP-20260309-001`, `007`) are not
    /// checked, nor is a plan whose ID names a folder that does not exist in this project (a
    /// plan copied out of its repository).
    ///
    /// ## Why is this bad?
    /// A plan copied to start a new one keeps the old ID; links and tools that find plans by ID
    /// then reach the wrong file.
    ///
    /// ## Example
    /// ```markdown
    /// <!-- in plans/execplan-ch8.md -->
    /// - Plan ID: plans/execplan-ch7.md
    /// ```
    ///
    /// ## Use instead
    /// ```markdown
    /// - Plan ID: plans/execplan-ch8.md
    /// ```
    pub static RULE = Rule {
        name: "plan-id-path",
        group: Group::Metadata,
        severity: Severity::Error,
        fixable: false,
        summary: "the Plan ID is not the file's path from the project root",
        check: Some(check),
    };
}

fn check(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let (Some(field), Some(path)) = (cx.plan.meta(MetaKey::PlanId), cx.file.path) else {
        return;
    };
    let id = field
        .value
        .trim()
        .trim_matches('`')
        .trim_start_matches("./");
    let looks_like_path =
        id.to_ascii_lowercase().ends_with(".md") && !id.contains(char::is_whitespace);
    if !looks_like_path || id == path {
        return;
    }
    // A plan copied out of its project (its ID's folder is not here) cannot be judged.
    let id_dir = id.rsplit_once('/').map(|(d, _)| d);
    let file_dir = path.rsplit_once('/').map(|(d, _)| d);
    let comparable = id_dir == file_dir || id_dir.is_none_or(|d| cx.file.project.exists(d));
    if !comparable {
        return;
    }
    out.push(
        Diagnostic::new(
            RULE.name,
            field.value_span,
            format!("Plan ID `{id}` is not this file's path `{path}`"),
        )
        .label("does not match the file's location")
        .help(format!(
            "set the Plan ID to `{path}`, or move the file to `{id}`"
        )),
    );
}
