//! Where a spec says plans live: the backticked folders and globs that hold them, the file names
//! of the other files kept beside them (which are not plans), and a template file it names for
//! new plans.

use super::{Line, Sourced};

/// Backticked folders and globs that hold plans: a path with a component naming plans.
pub(super) fn locations(lines: &[Line<'_>]) -> Vec<Sourced<String>> {
    let mut out: Vec<Sourced<String>> = Vec::new();
    for l in lines.iter().filter(|l| !l.fenced) {
        let mut rest = l.text;
        while let Some(open) = rest.find('`') {
            let after = &rest[open + 1..];
            let Some(close) = after.find('`') else { break };
            if let Some(place) = location(&after[..close]) {
                if !out.iter().any(|o| o.value == place) {
                    out.push(Sourced {
                        value: place,
                        line: l.number,
                    });
                }
            }
            rest = &after[close + 1..];
        }
    }
    out
}

/// A plan folder (`docs/exec-plans/active/`) or glob (`plans/execplan-*.md`) from inline code.
fn location(code: &str) -> Option<String> {
    let code = code.trim();
    if code.starts_with(['/', '.', '~', '$']) || code.contains(char::is_whitespace) {
        return None;
    }
    // Cut at the first placeholder component (`<workstream>`, `{name}`).
    let mut kept = Vec::new();
    let mut folder = code.ends_with('/');
    for part in code.split('/').filter(|p| !p.is_empty()) {
        if part.contains(['<', '{', '[']) {
            folder = true;
            break;
        }
        kept.push(part);
    }
    let names_plans = kept.iter().any(|p| p.to_lowercase().contains("plan"));
    if kept.is_empty() || !names_plans {
        return None;
    }
    let path = kept.join("/");
    if folder {
        return (!path.contains('*')).then(|| format!("{path}/"));
    }
    // A glob of Markdown files.
    (path.contains('*') && path.to_lowercase().ends_with(".md") && kept.len() >= 2).then_some(path)
}

/// Backticked file-name globs (`PLAN_*.md`, `TASK_*.md`): when one names plans, the others
/// name the files kept beside them.
pub(super) fn companions(lines: &[Line<'_>]) -> Vec<Sourced<String>> {
    let mut names: Vec<Sourced<String>> = Vec::new();
    for l in lines.iter().filter(|l| !l.fenced) {
        let mut rest = l.text;
        while let Some(open) = rest.find('`') {
            let after = &rest[open + 1..];
            let Some(close) = after.find('`') else { break };
            let code = after[..close].trim();
            let glob = code.contains('*')
                && !code.contains(['/', ' '])
                && code.to_ascii_lowercase().ends_with(".md");
            if glob && !names.iter().any(|n| n.value == code) {
                names.push(Sourced {
                    value: code.to_string(),
                    line: l.number,
                });
            }
            rest = &after[close + 1..];
        }
    }
    let is_plan = |n: &Sourced<String>| n.value.to_ascii_lowercase().contains("plan");
    if !names.iter().any(is_plan) {
        return Vec::new();
    }
    names.into_iter().filter(|n| !is_plan(n)).collect()
}

/// A template file the spec names for new plans: a backticked Markdown path with `template` in
/// its name, on a line that speaks of plans (not of milestones).
pub(super) fn template_file(lines: &[Line<'_>]) -> Option<Sourced<String>> {
    for l in lines.iter().filter(|l| !l.fenced) {
        let lower = l.text.to_lowercase();
        if !lower.contains("plan") || lower.contains("milestone") {
            continue;
        }
        let mut rest = l.text;
        while let Some(open) = rest.find('`') {
            let after = &rest[open + 1..];
            let Some(close) = after.find('`') else { break };
            let code = after[..close].trim();
            let name = code.rsplit('/').next().unwrap_or(code).to_lowercase();
            if name.contains("template") && name.ends_with(".md") && !code.contains(' ') {
                return Some(Sourced {
                    value: code.trim_start_matches("./").to_string(),
                    line: l.number,
                });
            }
            rest = &after[close + 1..];
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn what_is_not_a_plan_location() {
        assert_eq!(
            location("plans/execplan-*.md").as_deref(),
            Some("plans/execplan-*.md")
        );
        assert_eq!(location("src/lib.rs"), None);
        assert_eq!(location("docs/exec-plans/index.md"), None);
    }
}
