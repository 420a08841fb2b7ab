//! Finding the project's spec (its `PLANS.md`) and reading it once per run: `spec = "path"` in
//! `planlint.toml`, else the first `PLANS.md` at the root, in `.agent/`, `.agents/`, `docs/` or
//! `.codex/` that is a spec and not itself a plan; `spec = false` ignores it. Where the spec shows
//! no skeleton itself, the template file it names, or a `TEMPLATE.md` beside the plans, is read
//! for one. What cannot be read is ignored, never an error — except a spec `planlint.toml` names
//! that is not there, a configuration error at its line.

use std::path::Path;

use planlint_rules::config::SpecChoice;
use planlint_rules::spec::{self, Spec};
use planlint_rules::{ConfigError, Loaded};

/// Where the spec is looked for, in order, from the project root.
pub const PLACES: [&str; 5] = [
    "PLANS.md",
    ".agent/PLANS.md",
    ".agents/PLANS.md",
    "docs/PLANS.md",
    ".codex/PLANS.md",
];

/// Plan folders where a `TEMPLATE.md` beside the plans is looked for.
const BESIDE: [&str; 8] = [
    "plans/",
    "docs/exec-plans/",
    "docs/execplans/",
    "execplans/",
    ".agent/execplans/",
    ".agents/execplans/",
    ".agent/plans/",
    "docs/plans/",
];

/// The project's spec as read, with its path from the project root.
#[derive(Clone, Debug)]
pub struct FoundSpec {
    pub rel: String,
    pub spec: Spec,
    /// Where the template file the spec names was read from, if it was.
    pub template: Option<String>,
}

/// Find and read the spec of the project at `root`; a spec `planlint.toml` names that is not a
/// file is an error with the span of its value.
pub fn find(root: &Path, config: Option<&Loaded>) -> Result<Option<FoundSpec>, ConfigError> {
    let choice = config.and_then(|c| c.config.spec.as_ref());
    let candidates: Vec<String> = match choice.map(|c| c.get_ref()) {
        Some(SpecChoice::Enabled(false)) => return Ok(None),
        Some(SpecChoice::Path(p)) => vec![p.trim_start_matches("./").to_string()],
        _ => PLACES.iter().map(|p| p.to_string()).collect(),
    };
    let explicit = matches!(choice.map(|c| c.get_ref()), Some(SpecChoice::Path(_)));
    if let (true, Some(choice), [rel]) = (explicit, choice, candidates.as_slice()) {
        if !root.join(rel).is_file() {
            return Err(ConfigError {
                message: format!("the spec `{rel}` does not exist"),
                span: Some(choice.span()),
                help: Some(
                    "give its path from the project root, or `spec = false` for none".into(),
                ),
            });
        }
    }
    // The file the project's agent instructions name for plans comes before the usual places.
    let named = match explicit {
        true => None,
        false => named_by_instructions(root),
    };
    // An agent skill for writing plans (`.agents/skills/execplan/SKILL.md`) is the spec where
    // no PLANS.md is.
    let skills = match explicit {
        true => Vec::new(),
        false => plan_skills(root),
    };
    for rel in named.into_iter().chain(candidates).chain(skills) {
        let Some(text) = read_text(&root.join(&rel)) else {
            continue;
        };
        // A `PLANS.md` that is itself a plan is linted, not read as the spec.
        if !explicit && spec::is_plan_itself(&text) {
            continue;
        }
        let mut spec = Spec::read(&text);
        // A `PLANS.md` that says nothing about plans (a roadmap of the project's milestones) is
        // not its spec, unless a template stands beside the plans; one the configuration names
        // always is.
        let silent = spec.skeleton.is_none()
            && spec.required.is_none()
            && spec.statuses.is_empty()
            && spec.locations.is_empty()
            && spec.template_files.is_empty()
            && spec.template_folder.is_none()
            && !speaks_of_execplans(&text);
        let template = match spec.skeleton {
            None => read_templates(root, &mut spec),
            Some(_) => None,
        };
        if !explicit && silent && template.is_none() {
            continue;
        }
        return Ok(Some(FoundSpec {
            rel,
            spec,
            template,
        }));
    }
    Ok(None)
}

/// The `PLANS.md` files in the usual places that were read and not taken as the spec, each with
/// why: a plan of its own, or one that says nothing about how plans are written. For `contract`,
/// where no spec was found; none where the configuration turns the spec off (`spec = false`).
pub fn passed_over(root: &Path, config: Option<&Loaded>) -> Vec<(String, &'static str)> {
    let off = config
        .and_then(|c| c.config.spec.as_ref())
        .is_some_and(|c| matches!(c.get_ref(), SpecChoice::Enabled(false)));
    if off {
        return Vec::new();
    }
    PLACES
        .iter()
        .filter_map(|rel| {
            let text = read_text(&root.join(rel))?;
            let why = match spec::is_plan_itself(&text) {
                true => "a plan itself",
                false => "says nothing about how plans are written",
            };
            Some((rel.to_string(), why))
        })
        .collect()
}

/// Where templates may be, in the order they are tried.
enum Templates {
    File(String),
    Folder(String),
}

/// Read into `spec` (which shows no skeleton of its own) the templates it names, and give the
/// path of the first one read. In order: the template files the spec names (the first that reads
/// as a template), the folder of
/// templates it names ("Templates live under `docs/plans/templates/`"; every template there is
/// read, and a plan is held to the one it follows best), and a `TEMPLATE.md` beside the plans
/// (in each plan folder and the folder above it). A folder of templates the spec does not name
/// — one that an index of plans mentions, one that merely sits beside the plans — only says
/// where templates are kept, not that plans must follow them.
fn read_templates(root: &Path, spec: &mut Spec) -> Option<String> {
    let mut tried: Vec<Templates> = Vec::new();
    tried.extend(
        spec.template_files
            .iter()
            .map(|f| Templates::File(f.value.clone())),
    );
    tried.extend(
        spec.template_folder
            .iter()
            .map(|f| Templates::Folder(f.value.clone())),
    );
    let mut folders: Vec<String> = Vec::new();
    for l in spec.locations.iter().filter(|l| l.value.ends_with('/')) {
        folders.push(l.value.clone());
        let above = l
            .value
            .trim_end_matches('/')
            .rsplit_once('/')
            .map(|(a, _)| a);
        folders.extend(above.map(|a| format!("{a}/")));
    }
    folders.extend(BESIDE.iter().map(|s| s.to_string()));
    tried.extend(
        folders
            .iter()
            .map(|f| Templates::File(format!("{f}TEMPLATE.md"))),
    );
    for t in tried {
        match t {
            Templates::File(f) => {
                if read_text(&root.join(&f)).is_some_and(|t| spec.read_template(&t, &f)) {
                    return Some(f);
                }
            }
            Templates::Folder(d) => {
                let Ok(entries) = std::fs::read_dir(root.join(&d)) else {
                    continue;
                };
                let mut files: Vec<String> = entries
                    .flatten()
                    .filter(|e| e.file_type().is_ok_and(|t| t.is_file()))
                    .filter_map(|e| e.file_name().into_string().ok())
                    .filter(|n| n.to_ascii_lowercase().ends_with(".md"))
                    .filter(|n| {
                        !matches!(n.to_ascii_lowercase().as_str(), "readme.md" | "index.md")
                    })
                    .collect();
                files.sort();
                let mut first = None;
                for name in files {
                    let f = format!("{d}{name}");
                    if read_text(&root.join(&f)).is_some_and(|t| spec.read_template(&t, &f)) {
                        first.get_or_insert(f);
                    }
                }
                if first.is_some() {
                    return first;
                }
            }
        }
    }
    None
}

/// A file's text; bytes that are not UTF-8 are replaced (a spec saved in another encoding is
/// still read for what it can tell).
fn read_text(path: &Path) -> Option<String> {
    let bytes = std::fs::read(path).ok()?;
    Some(match String::from_utf8(bytes) {
        Ok(s) => s,
        Err(e) => String::from_utf8_lossy(e.as_bytes()).into_owned(),
    })
}

/// The plan folders and globs the project's agent instructions name, as a spec's are read
/// (`` `design/plans/` ``, a path with a component naming plans): plan places beside the spec's.
pub fn agent_places(root: &Path) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for doc in INSTRUCTIONS.iter().filter(|d| **d != "README.md") {
        let Some(text) = read_text(&root.join(doc)) else {
            continue;
        };
        for place in spec::plan_places(&text) {
            if !out.contains(&place.value) {
                out.push(place.value);
            }
        }
    }
    out
}

/// The agent instructions read for where the spec is, in order.
const INSTRUCTIONS: [&str; 5] = [
    "AGENTS.md",
    "CLAUDE.md",
    ".github/copilot-instructions.md",
    "GEMINI.md",
    "README.md",
];

/// The spec the project's agent instructions name: a Markdown file cited (in backticks, a link
/// or plain text) on a line that speaks of plans, inside the root, that reads as a spec. A path
/// written from a folder above the root (`/repo/.agents/PLANS.md`) is read from the root; a path
/// that misses an existing file by a letter or two (`docs/agent/plans.md` for
/// `docs/agents/plans.md`) names that file.
fn named_by_instructions(root: &Path) -> Option<String> {
    let mut tried: Vec<String> = Vec::new();
    for doc in INSTRUCTIONS {
        let Some(text) = read_text(&root.join(doc)) else {
            continue;
        };
        for line in text.lines().filter(|l| speaks_of_plans(l)) {
            for cited in cited_paths(line) {
                let Some(rel) = resolve_cited(root, &cited) else {
                    continue;
                };
                if tried.contains(&rel) || rel == doc {
                    continue;
                }
                tried.push(rel.clone());
                if read_text(&root.join(&rel)).is_some_and(|t| spec::is_spec(&t)) {
                    return Some(rel);
                }
            }
        }
    }
    None
}

/// Whether a line of agent instructions speaks of plans.
fn speaks_of_plans(line: &str) -> bool {
    let lower = line.to_lowercase();
    ["plan", "計画", "计划", "계획", "플랜", "プラン"]
        .iter()
        .any(|w| lower.contains(w))
}

/// Markdown paths cited on a line: inline code, link targets and bare words ending in `.md`.
fn cited_paths(line: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let separators = |c: char| {
        c.is_whitespace()
            || matches!(
                c,
                '`' | '('
                    | ')'
                    | '['
                    | ']'
                    | '<'
                    | '>'
                    | '"'
                    | '\''
                    | ','
                    | '，'
                    | '、'
                    | '「'
                    | '」'
            )
    };
    for word in line.split(separators) {
        let word = word.trim_end_matches(['.', ':', ';', '：', '。']);
        let word = word.split('#').next().unwrap_or(word);
        if word.len() > 3
            && word.as_bytes()[word.len() - 3..].eq_ignore_ascii_case(b".md")
            && !word.contains("://")
            && !out.iter().any(|o| o == word)
        {
            out.push(word.to_string());
        }
    }
    out
}

/// A cited path as a path from the root, when it names a file there.
fn resolve_cited(root: &Path, cited: &str) -> Option<String> {
    let plain = cited.trim_start_matches("./");
    let mut tries: Vec<&str> = vec![plain];
    // `/repo/.agents/PLANS.md`: each tail of an absolute-looking path, from the root.
    if plain.starts_with('/') {
        tries = plain
            .match_indices('/')
            .map(|(i, _)| &plain[i + 1..])
            .filter(|t| !t.is_empty())
            .collect();
    }
    for t in &tries {
        if t.split('/').any(|c| c == "..") {
            continue;
        }
        if root.join(t).is_file() {
            return Some(t.to_string());
        }
    }
    // A slip of a letter or two in a folder's name: the one Markdown file that close, looked for
    // folder by folder along the cited path (a few directory listings, never a walk of the
    // whole project: this runs on every pre-commit call).
    let mut close: Vec<String> = Vec::new();
    for t in &tries {
        let parts: Vec<&str> = t.split('/').filter(|p| !p.is_empty()).collect();
        near_on_disk(root, &parts, 2, String::new(), &mut close);
    }
    close.sort();
    close.dedup();
    match close.as_slice() {
        [one] => Some(one.clone()),
        _ => None,
    }
}

/// The files under `dir` whose path differs from `parts` by at most `budget` letters in its
/// folder names, with the same file name (case aside), added to `out` as paths from the root.
fn near_on_disk(dir: &Path, parts: &[&str], budget: usize, at: String, out: &mut Vec<String>) {
    let Some((first, rest)) = parts.split_first() else {
        return;
    };
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let want = first.chars().count();
    for e in entries.flatten() {
        let name = e.file_name();
        let Some(name) = name.to_str() else {
            continue;
        };
        // The path is put together only for an entry that is kept: most are not.
        let path = || match at.is_empty() {
            true => name.to_string(),
            false => format!("{at}/{name}"),
        };
        let is_dir = || e.file_type().is_ok_and(|t| t.is_dir());
        if rest.is_empty() {
            if name.eq_ignore_ascii_case(first) && !is_dir() {
                out.push(path());
            }
        } else if name != ".git"
            // The distance is at least the difference in length: most names are ruled out so.
            && name.chars().count().abs_diff(want) <= budget
            && is_dir()
        {
            let d = strsim::levenshtein(name, first);
            if d <= budget {
                near_on_disk(&e.path(), rest, budget - d, path(), out);
            }
        }
    }
}

/// The agent skills for writing plans: `SKILL.md` in a skill folder whose name speaks of plans,
/// under `.agents/`, `.agent/`, `.claude/` or `.codex/` `skills/`, in name order.
fn plan_skills(root: &Path) -> Vec<String> {
    let mut out = Vec::new();
    for base in [".agents", ".agent", ".claude", ".codex"] {
        let Ok(entries) = std::fs::read_dir(root.join(base).join("skills")) else {
            continue;
        };
        let mut names: Vec<String> = entries
            .flatten()
            .filter_map(|e| e.file_name().to_str().map(str::to_string))
            .filter(|n| n.to_ascii_lowercase().contains("plan"))
            .collect();
        names.sort();
        for n in names {
            let rel = format!("{base}/skills/{n}/SKILL.md");
            if root.join(&rel).is_file() {
                out.push(rel);
            }
        }
    }
    out
}

/// Whether a text speaks of ExecPlans (or execution plans) at all.
fn speaks_of_execplans(text: &str) -> bool {
    let lower = text.to_lowercase();
    ["execplan", "exec plan", "execution plan", "exec-plan"]
        .iter()
        .any(|w| lower.contains(w))
}
