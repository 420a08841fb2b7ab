//! Where a spec says plans live: the backticked folders and globs that hold them, the file names
//! of the other files kept beside them (which are not plans), and a template file it names for
//! new plans.

use planlint_parser::prose;

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
    // A file name with a placeholder (`design/plans/YYYY-MM-DD-slug.md`) places its folder; a
    // last component that names plans and has no extension (`design/plans`) is a folder.
    if !folder && !code.contains('*') {
        let last = kept[kept.len() - 1];
        let lower = last.to_lowercase();
        if has_placeholder(last) && kept.len() >= 2 {
            kept.pop();
            folder = true;
        } else if !last.contains('.')
            && matches!(
                lower.as_str(),
                "plans" | "exec-plans" | "execplans" | "exec_plans"
            )
        {
            folder = true;
        }
        if kept.is_empty() || !kept.iter().any(|p| p.to_lowercase().contains("plan")) {
            return None;
        }
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

/// The template files the spec names for new plans, in the order they are named: a backticked
/// Markdown path with `template` in its name on a line that speaks of plans (not of milestones),
/// or any backticked Markdown path a sentence names as the template plans are written from —
/// "Use `docs/plan-skeleton.md` for all new plans", "Copy `x.md`", "Start from `x.md`", "The full
/// template lives in `x.md`". Decided by the sentence, not the file's name: a sentence that
/// names a file for another reason (an example, an index, a tool) names no template.
pub(super) fn template_files(lines: &[Line<'_>]) -> Vec<Sourced<String>> {
    let mut out: Vec<Sourced<String>> = Vec::new();
    let mut add = |value: &str, line: usize| {
        let value = value.trim().trim_start_matches("./");
        if !out.iter().any(|o| o.value == value) {
            out.push(Sourced {
                value: value.to_string(),
                line,
            });
        }
    };
    for (line, code) in code_on_plan_lines(lines) {
        let code = code.trim();
        let name = code.rsplit('/').next().unwrap_or(code).to_lowercase();
        if name.contains("template") && markdown_file(code) {
            add(code, line);
        }
    }
    for (_, piece) in super::pieces(lines) {
        let super::Piece::Passage(p) = piece else {
            continue;
        };
        for r in prose::clauses(&p.text) {
            let clause = &p.text[r.clone()];
            let words = prose::without_code(clause).to_lowercase();
            if !names_a_template(&words) {
                continue;
            }
            let mut off = 0;
            for code in inline_code(clause) {
                let at = off + clause[off..].find(code).unwrap_or(0);
                off = at + code.len();
                if markdown_file(code) {
                    add(code, p.line_at(r.start + at));
                }
            }
            // A link's target names it too: "Use [the skeleton](docs/plan-skeleton.md) …".
            for (at, target) in link_targets(clause) {
                if markdown_file(target) && !target.contains("://") {
                    add(target, p.line_at(r.start + at));
                }
            }
        }
    }
    out
}

/// The targets of the Markdown links in `text` (`[text](target)`, a title after the target
/// left out), each with its byte offset in `text`.
fn link_targets(text: &str) -> Vec<(usize, &str)> {
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(i) = text[from..].find("](") {
        let start = from + i + 2;
        let Some(len) = text[start..].find(')') else {
            break;
        };
        let target = text[start..start + len]
            .split_whitespace()
            .next()
            .unwrap_or("");
        let target = target.trim_start_matches('<').trim_end_matches('>');
        out.push((start, target.split('#').next().unwrap_or(target)));
        from = start + len;
    }
    out
}

/// Whether a clause (lowercased, its inline code left out) names the file it cites as the
/// template new plans are written from.
fn names_a_template(words: &str) -> bool {
    const TEMPLATE: &[&str] = &[
        "template",
        "skeleton",
        "boilerplate",
        "scaffold",
        "starting point",
        "テンプレート",
        "雛形",
        "ひな形",
        "模板",
        "骨架",
        "템플릿",
        "양식",
        "plantilla",
    ];
    // An imperative that makes a plan from the file ("Copy `x.md`", "Start from `x.md`").
    const MAKE: &[&str] = &[
        "copy",
        "duplicate",
        "start from",
        "start with",
        "begin from",
        "begin with",
        "based on",
        "base it on",
        "base each",
        "base new",
        "コピー",
        "複製",
        "复制",
        "拷贝",
        "복사",
    ];
    let plans = ["plan", "計画", "计划", "계획", "플랜", "プラン"]
        .iter()
        .any(|w| words.contains(w));
    let leading = |w: &&str| words.trim_start().starts_with(*w);
    // "Use `x.md` for all new plans", "use it for every plan".
    let for_new = words.contains("use")
        && plans
        && ["new", "all", "every", "each"]
            .iter()
            .any(|w| words.split(|c: char| !c.is_alphanumeric()).any(|t| t == *w));
    let new_cjk = ["新しい", "新規", "新建", "新计划", "새 "]
        .iter()
        .any(|w| words.contains(w))
        && plans;
    let says_template = TEMPLATE.iter().any(|w| words.contains(w));
    // A clause about an example or a sample names no template, whatever else it says.
    let other = EXAMPLE.iter().any(|w| words.contains(w));
    !other
        && (says_template
            || for_new
            || MAKE.iter().any(|w| words.contains(w)) && (plans || MAKE.iter().any(leading))
            || new_cjk && MAKE.iter().any(|w| words.contains(w)))
}

/// Words for an example or a demonstration of a plan (which is not its template).
const EXAMPLE: &[&str] = &[
    "example",
    "sample",
    "demo",
    "示例",
    "示范",
    "范例",
    "样例",
    "例",
    "サンプル",
    "見本",
    "예시",
    "예제",
];

/// Whether inline code is a Markdown file of the project that may be a template: not the spec
/// or agent instructions, a README, an index or a changelog, nor a forge's own templates.
fn markdown_file(code: &str) -> bool {
    let code = code.trim().trim_start_matches("./");
    let name = code.rsplit('/').next().unwrap_or(code).to_lowercase();
    let own = matches!(
        name.as_str(),
        "plans.md"
            | "agents.md"
            | "claude.md"
            | "gemini.md"
            | "readme.md"
            | "index.md"
            | "changelog.md"
    );
    name.ends_with(".md")
        && name.len() > 3
        && !code.contains(char::is_whitespace)
        && !outside(code)
        && !code.contains("://")
        && !code.starts_with(".github")
        && !code.starts_with(".gitlab")
        && !own
        && !EXAMPLE.iter().any(|w| name.starts_with(w))
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
    /// A file the spec names as the template plans are written from is one, whatever its name;
    /// a file it names for another reason is not, whatever its name says.
    #[test]
    fn a_template_file_is_named_by_its_sentence() {
        let named = |text: &str| -> Vec<(String, usize)> {
            template_files(&super::super::lines(text))
                .into_iter()
                .map(|s| (s.value, s.line))
                .collect()
        };
        for text in [
            "Use `docs/plan-skeleton.md` for all new plans.\n",
            "Copy `docs/plan-skeleton.md` to start.\n",
            "Start from `docs/plan-skeleton.md`.\n",
            "Plans are short. The full template lives in\n`docs/plan-skeleton.md`.\n",
            "- New plans: copy `./docs/plan-skeleton.md` and fill it in.\n",
            "新しい計画は `docs/plan-skeleton.md` をコピーして作る。\n",
            "Use [the skeleton](docs/plan-skeleton.md) for all new plans.\n",
            "Start from [our template](./docs/plan-skeleton.md \"the template\").\n",
        ] {
            let found = named(text);
            assert_eq!(
                found.first().map(|f| f.0.as_str()),
                Some("docs/plan-skeleton.md"),
                "{text}"
            );
        }
        // Each at the line it is named on.
        assert_eq!(
            named("# Plans\n\nThe full template lives in\n`docs/plan-skeleton.md`.\n"),
            [("docs/plan-skeleton.md".to_string(), 4)]
        );
        for text in [
            "See `docs/plans/auth.md` for a finished plan.\n",
            "See [a finished plan](docs/plans/auth.md).\n",
            "The template is described at [the wiki](https://example.com/plan-template.md).\n",
            "Plans are listed in `docs/plans/index.md`; run `tools/check.md` first.\n",
            "`docs/plans/demo.md` is an example plan; it does not replace the template.\n",
            "Use `docs/glossary.md` for terms. Copy nothing.\n",
            "Follow the PR template in `.github/pull_request_template.md` for plans.\n",
            "```\nCopy `docs/plan-skeleton.md`.\n```\n",
        ] {
            assert_eq!(named(text), Vec::new(), "{text}");
        }
        // A file named for templates on a line about plans, as before.
        assert_eq!(
            named("Plans follow `docs/PLAN_TEMPLATE.md`.\n"),
            [("docs/PLAN_TEMPLATE.md".to_string(), 1)]
        );
    }
}
