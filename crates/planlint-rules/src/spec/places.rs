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
    if outside(code) || code.contains(char::is_whitespace) {
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

/// Whether a path in the spec points outside the project or at no fixed place (`/x`, `./x`,
/// `../x`, `~/x`, `$VAR/x`); `.agent/…` is a folder of the project.
fn outside(code: &str) -> bool {
    code.starts_with(['/', '~', '$'])
        || code.starts_with("./")
        || code.starts_with("../")
        || code == "."
        || code == ".."
}

/// Whether a path's file name holds a placeholder (`*`, `<slug>`, `{name}`, `YYYYMMDD`, `NNN`).
fn has_placeholder(name: &str) -> bool {
    name.contains(['*', '<', '{']) || name.contains("YYYY") || name.contains("NNN")
}

/// Where a new plan goes, as the spec writes it: a backticked path pattern of a plan file
/// (`plans/execplan-*.md`, `.agent/exec_plans/active/<slug>/EP-YYYYMMDD-NNN_<slug>.md`), else
/// a plan folder joined to the plan file name the spec gives (`docs/exec-plans/active/<ws>/`
/// and `PLAN_*.md`).
pub(super) fn plan_file(lines: &[Line<'_>]) -> Option<Sourced<String>> {
    let mut folder: Option<Sourced<String>> = None;
    let mut name: Option<String> = None;
    for l in lines.iter().filter(|l| !l.fenced) {
        for code in inline_code(l.text) {
            let code = code.trim();
            if outside(code) || code.contains(char::is_whitespace) {
                continue;
            }
            let names_plans = code.to_lowercase().contains("plan");
            let (dir, file) = code.rsplit_once('/').unwrap_or(("", code));
            let markdown = file.to_ascii_lowercase().ends_with(".md");
            if markdown && has_placeholder(file) && names_plans {
                if dir.is_empty() {
                    name.get_or_insert_with(|| code.to_string());
                    continue;
                }
                return Some(Sourced {
                    value: code.to_string(),
                    line: l.number,
                });
            }
            if file.is_empty() && names_plans && folder.is_none() && location(code).is_some() {
                folder = Some(Sourced {
                    value: code.to_string(),
                    line: l.number,
                });
            }
        }
    }
    let folder = folder?;
    let file = name.filter(|n| n.to_lowercase().contains("plan"))?;
    Some(Sourced {
        value: format!("{}{file}", folder.value),
        line: folder.line,
    })
}

/// The inline code spans of a line.
pub fn inline_code(line: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut rest = line;
    while let Some(open) = rest.find('`') {
        let after = &rest[open + 1..];
        let Some(close) = after.find('`') else { break };
        out.push(&after[..close]);
        rest = &after[close + 1..];
    }
    out
}

/// What fills a plan file pattern's placeholders.
pub struct Fill<'a> {
    /// The plan's title.
    pub title: &'a str,
    /// Its slug (`add-csv-export`).
    pub slug: &'a str,
    /// The day, `YYYY-MM-DD`.
    pub date: &'a str,
    /// The day's sequence number (`NNN`), from 1.
    pub sequence: u32,
}

/// A pattern with its placeholders filled: `YYYYMMDD` and `YYYY-MM-DD` the day, `NNN` the
/// sequence, `*` and a `<…>`/`{…}` naming a slug or a name the slug, any other `<…>` the
/// title.
pub fn expand_pattern(pattern: &str, fill: &Fill<'_>) -> String {
    let compact: String = fill.date.chars().filter(|c| *c != '-').collect();
    let text = pattern
        .replace("YYYY-MM-DD", fill.date)
        .replace("YYYYMMDD", &compact)
        .replace("NNN", &format!("{:03}", fill.sequence))
        .replace('*', fill.slug);
    let mut out = String::new();
    let mut rest = text.as_str();
    while let Some(open) = rest.find(['<', '{']) {
        let close_char = if rest[open..].starts_with('<') {
            '>'
        } else {
            '}'
        };
        let Some(len) = rest[open..].find(close_char) else {
            break;
        };
        out.push_str(&rest[..open]);
        let inner = rest[open + 1..open + len].to_lowercase();
        let wants_slug = ["slug", "name", "workstream", "feature", "id"]
            .iter()
            .any(|w| inner.contains(w));
        out.push_str(if wants_slug || close_char == '}' {
            fill.slug
        } else {
            fill.title
        });
        rest = &rest[open + len + 1..];
    }
    out.push_str(rest);
    out
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

/// Inline code on the spec's lines that speak of plans (not of milestones), with each line's
/// number.
fn code_on_plan_lines<'a>(lines: &'a [Line<'a>]) -> impl Iterator<Item = (usize, &'a str)> {
    lines
        .iter()
        .filter(|l| !l.fenced)
        .filter(|l| {
            let lower = l.text.to_lowercase();
            lower.contains("plan") && !lower.contains("milestone")
        })
        .flat_map(|l| inline_code(l.text).into_iter().map(move |c| (l.number, c)))
}

/// A template file the spec names for new plans: a backticked Markdown path with `template` in
/// its name, on a line that speaks of plans (not of milestones).
pub(super) fn template_file(lines: &[Line<'_>]) -> Option<Sourced<String>> {
    code_on_plan_lines(lines).find_map(|(line, code)| {
        let code = code.trim();
        let name = code.rsplit('/').next().unwrap_or(code).to_lowercase();
        (name.contains("template") && name.ends_with(".md") && !code.contains(' ')).then(|| {
            Sourced {
                value: code.trim_start_matches("./").to_string(),
                line,
            }
        })
    })
}

/// A folder of templates the spec names ("Templates live under `docs/exec-plans/templates/`"):
/// a backticked path whose last folder is named for templates, on a line that speaks of plans
/// (not of milestones, nor a forge's issue templates).
pub(super) fn template_folder(lines: &[Line<'_>]) -> Option<Sourced<String>> {
    code_on_plan_lines(lines).find_map(|(line, code)| {
        let code = code.trim().trim_start_matches("./");
        let folder = code.trim_end_matches('/');
        let last = folder.rsplit('/').next().unwrap_or(folder).to_lowercase();
        let forge = folder.starts_with(".github") || folder.starts_with(".gitlab");
        let is_file = last
            .rsplit_once('.')
            .is_some_and(|(_, ext)| !ext.is_empty());
        (!code.contains(' ') && !forge && last.contains("template") && !is_file).then(|| Sourced {
            value: format!("{folder}/"),
            line,
        })
    })
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

    #[test]
    fn a_folder_of_templates() {
        let text = "Plans are first-class. Templates live under `docs/exec-plans/templates/`.\n\
                    Use `PLAN_TEMPLATE.md` or `template.md` for one.\n";
        let found = template_folder(&super::super::lines(text)).map(|s| (s.value, s.line));
        assert_eq!(found, Some(("docs/exec-plans/templates/".to_string(), 1)));
        let files_only = "Copy `docs/plan-template.md` and see `src/templates.rs`.\n\
                          Plans are not filed from `.github/ISSUE_TEMPLATE/`.\n\
                          Each milestone plan copies `m/templates/`.\n";
        assert_eq!(template_folder(&super::super::lines(files_only)), None);
        let fenced = "```\nplans: `a/templates/`\n```\n";
        assert_eq!(template_folder(&super::super::lines(fenced)), None);
    }
}
