//! `planlint new TITLE [--path P] [--force]`: a new plan, written by
//! [`planlint_rules::new_plan`] from the contract that applies where it goes. Where it goes: the
//! path given, else the spec's plan file pattern (`plans/execplan-*.md`,
//! `.agent/exec_plans/active/<slug>/EP-YYYYMMDD-NNN_<slug>.md`) filled in, else a file named
//! after the title in the project's plans folder. A path outside the plan scope is refused
//! unless `--force` (planlint would never lint it as a plan); an existing file is never
//! overwritten. [`form`] is the same place and form as `planlint contract` shows it.

use std::fmt::Write as _;
use std::io::Write;
use std::path::{Component, Path, PathBuf};

use chrono::{DateTime, Utc};
use planlint_parser::Dialect;
use planlint_rules::new_plan::{id_form, slug, NewPlan};
use planlint_rules::spec::{expand_pattern, Fill, Sourced};

use schemars::JsonSchema;
use serde::Serialize;

use super::contract::{Part, Source, SourceKind};
use super::Workspace;
use crate::error::Error;
use crate::project::join;
use crate::scope::{Scope, Verdict};

/// Folders a new plan goes to when the spec names none: the first of these that exists, else
/// `plans/`.
const FOLDERS: [&str; 6] = [
    "docs/exec-plans/active/",
    "plans/",
    ".agent/plans/",
    ".agents/plans/",
    "docs/plans/",
    ".codex/plans/",
];

/// Write a new plan titled `title` (at `path`, else where the spec says); the line to print.
pub fn new(
    ws: &Workspace,
    title: &str,
    path: Option<&Path>,
    force: bool,
    now: DateTime<Utc>,
) -> Result<String, Error> {
    let title = title.trim();
    if title.is_empty() {
        return Err(Error::Usage("the plan needs a title".into()));
    }
    if title.contains(['\n', '\r']) {
        return Err(Error::Usage("the plan's title must be one line".into()));
    }
    let cwd = std::env::current_dir()
        .map_err(|e| Error::Io(format!("cannot read the working directory: {e}")))?;
    let date = now.format("%Y-%m-%d").to_string();
    let slug = slug(title);
    let pattern = destination(ws);
    let id_form = ws.spec.as_ref().and_then(|s| id_form(&s.spec));
    let sequence = sequence(&ws.root, &pattern.value, id_form.as_deref(), &date);
    let path = match path {
        Some(p) => cwd.join(p),
        None => {
            let fill = Fill {
                title: &slug,
                slug: &slug,
                date: &date,
                sequence,
            };
            ws.root.join(expand_pattern(&pattern.value, &fill))
        }
    };
    let shown = path
        .strip_prefix(&cwd)
        .map(Path::to_path_buf)
        .unwrap_or_else(|_| path.clone());
    let rel = rel_of(&ws.canonical, &path);
    let scope = Scope::of(ws);
    let in_scope = rel
        .as_deref()
        .is_some_and(|r| scope.verdict(r) != Verdict::NotPlan);
    if !in_scope && !force {
        return Err(Error::Usage(format!(
            "`{}` is outside the plan scope, so planlint would never lint it as a plan ({}); \
             put it in a plan folder, or pass --force to write it there anyway",
            shown.display(),
            scope.describe()
        )));
    }
    let settings = ws.resolver().settings(rel.as_deref());
    let numbered_spec = ws
        .spec
        .as_ref()
        .is_some_and(|s| s.spec.numbered_line().is_some());
    let dialect = settings.dialect.unwrap_or(if numbered_spec {
        Dialect::Numbered
    } else {
        Dialect::Canonical
    });
    let plan_id = rel.clone().unwrap_or_else(|| path.display().to_string());
    let author = crate::author::name();
    let text = NewPlan {
        title,
        plan_id: &plan_id,
        dialect,
        settings: &settings,
        spec: ws.spec.as_ref().map(|s| (&s.spec, s.rel.as_str())),
        now,
        author: author.as_deref(),
        sequence,
    }
    .write();
    let dir = path.parent().unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir)
        .map_err(|e| Error::Io(format!("cannot create {}: {e}", dir.display())))?;
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&path)
        .map_err(|e| match e.kind() {
            std::io::ErrorKind::AlreadyExists => Error::Usage(format!(
                "`{}` already exists; planlint new never overwrites a file",
                shown.display()
            )),
            _ => Error::Io(format!("cannot write {}: {e}", shown.display())),
        })?;
    file.write_all(text.as_bytes())
        .map_err(|e| Error::Io(format!("cannot write {}: {e}", shown.display())))?;
    Ok(format!("wrote {}\n", shown.display()))
}

/// Where a new plan goes in this project, as a pattern from the root, with the spec's line it
/// came from (line 0: not from the spec): the spec's plan file pattern, else a file named after
/// the plan in the plan folder the spec or the agent instructions name, else in the plans folder.
pub fn destination(ws: &Workspace) -> Sourced<String> {
    if let Some(p) = ws.spec.as_ref().and_then(|s| s.spec.plan_file.clone()) {
        return p;
    }
    let from_spec = ws
        .spec
        .iter()
        .flat_map(|s| &s.spec.locations)
        .find(|l| l.value.ends_with('/'));
    // Else a plan folder the agent instructions name (`design/plans/`): an active one first,
    // never one of finished or archived plans.
    let folders: Vec<&String> = ws
        .agent_places
        .iter()
        .filter(|p| p.ends_with('/'))
        .filter(|p| {
            let last = p.trim_end_matches('/').rsplit('/').next().unwrap_or("");
            !matches!(
                last.to_ascii_lowercase().as_str(),
                "completed" | "complete" | "done" | "archive" | "archived" | "finished"
            )
        })
        .collect();
    let from_instructions = folders
        .iter()
        .find(|p| p.to_ascii_lowercase().contains("active"))
        .or(folders.first())
        .copied();
    match from_spec {
        Some(l) => Sourced {
            value: format!("{}<slug>.md", l.value),
            line: l.line,
        },
        None if from_instructions.is_some() => Sourced {
            value: format!("{}<slug>.md", from_instructions.map_or("", |p| p.as_str())),
            line: 0,
        },
        None => Sourced {
            value: format!("{}<slug>.md", default_folder(ws).display()),
            line: 0,
        },
    }
}

/// The day's next sequence number for an `NNN` in the file name pattern or the plan's id form:
/// one more than the highest already used that day by a file under the pattern's fixed folder
/// (in its name, or as an id near the top of a plan).
fn sequence(root: &Path, pattern: &str, id_form: Option<&str>, date: &str) -> u32 {
    let fill = Fill {
        title: "",
        slug: "",
        date,
        sequence: 0,
    };
    let before_number = |form: &str| {
        form.find("NNN")
            .map(|at| expand_pattern(&form[..at], &fill))
    };
    let name = pattern.rsplit('/').next().unwrap_or(pattern);
    let in_name = before_number(name);
    let in_id = id_form.and_then(before_number);
    if in_name.is_none() && in_id.is_none() {
        return 1;
    }
    let number_after = |text: &str, prefix: &str| -> u32 {
        text.match_indices(prefix)
            .map(|(at, _)| {
                let digits: String = text[at + prefix.len()..]
                    .chars()
                    .take_while(char::is_ascii_digit)
                    .collect();
                digits.parse().unwrap_or(0)
            })
            .max()
            .unwrap_or(0)
    };
    // The folders before the first placeholder, and the plans' usual siblings beside it.
    let fixed: Vec<&str> = pattern
        .split('/')
        .take_while(|p| !p.contains(['<', '{', '*']) && !p.contains("NNN"))
        .collect();
    let base = match fixed.len() {
        0 | 1 => root.to_path_buf(),
        n => root.join(fixed[..n - 1].join("/")),
    };
    let mut highest = 0;
    let mut stack = vec![(base, 0)];
    while let Some((dir, depth)) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        for e in entries.flatten() {
            let name = e.file_name().to_string_lossy().into_owned();
            if e.file_type().is_ok_and(|t| t.is_dir()) && depth < 6 {
                stack.push((e.path(), depth + 1));
                continue;
            }
            if let Some(prefix) = &in_name {
                highest = highest.max(number_after(&name, prefix));
            }
            if let (Some(prefix), true) = (&in_id, name.to_ascii_lowercase().ends_with(".md")) {
                highest = highest.max(number_after(&top_of(&e.path()), prefix));
            }
        }
    }
    highest + 1
}

/// The first few kilobytes of a file, as text (where a plan keeps its id).
fn top_of(path: &Path) -> String {
    use std::io::Read;
    let mut buf = Vec::new();
    if let Ok(f) = std::fs::File::open(path) {
        let _ = f.take(4096).read_to_end(&mut buf);
    }
    String::from_utf8_lossy(&buf).into_owned()
}

/// The `/`-separated path of `path` from the (canonical) root, if it lies inside it; its
/// folders need not exist yet.
fn rel_of(root: &Path, path: &Path) -> Option<String> {
    let mut clean = PathBuf::new();
    for c in path.components() {
        match c {
            Component::ParentDir => {
                clean.pop();
            }
            Component::CurDir => {}
            other => clean.push(other),
        }
    }
    let mut existing = clean.as_path();
    let mut rest: Vec<&std::ffi::OsStr> = Vec::new();
    let real = loop {
        if let Ok(real) = existing.canonicalize() {
            break real;
        }
        rest.push(existing.file_name()?);
        existing = existing.parent()?;
    };
    let mut full = real;
    for part in rest.iter().rev() {
        full.push(part);
    }
    join(full.strip_prefix(root).ok()?)
}

/// Where and in which form a new plan is written: the spec's, else planlint's.
#[derive(Serialize, JsonSchema, Debug)]
pub struct NewPlanForm {
    /// The path pattern from the project root (`plans/<slug>.md`,
    /// `docs/exec-plans/active/<workstream>/PLAN_*.md`).
    pub path: Part,
    /// The title line's form (`<title>`, `EP-YYYYMMDD-<short-slug>`).
    pub title: Part,
    /// The keys of the front matter a new plan starts with.
    pub front_matter: Vec<Part>,
    /// The Progress entry form the template shows, if it shows one.
    pub progress_entry: Option<Part>,
}

/// Where `planlint new` writes a plan and the form the spec's template gives it.
pub fn form(ws: &Workspace) -> NewPlanForm {
    let found = ws.spec.as_ref();
    let skeleton = found.and_then(|f| f.spec.skeleton.as_ref());
    // The template's lines are the template file's when the spec names one.
    let template_file = found.map(|f| f.template.clone().unwrap_or_else(|| f.rel.clone()));
    let in_template = |line: usize| match &template_file {
        Some(file) => Source::at(SourceKind::Spec, file, line),
        None => Source::default(),
    };
    let dest = destination(ws);
    let path = Part {
        name: dest.value,
        source: match (found, dest.line) {
            (Some(f), l) if l > 0 => Source::at(SourceKind::Spec, &f.rel, l),
            _ => Source::default(),
        },
    };
    let title = match skeleton.and_then(|k| k.form.title.as_ref()) {
        Some(t) => Part {
            name: t.value.clone(),
            source: in_template(t.line),
        },
        None => Part {
            name: "<title>".into(),
            source: Source::default(),
        },
    };
    let mut front_matter: Vec<Part> = skeleton
        .map(|k| {
            k.form
                .front_matter
                .iter()
                .filter(|l| !l.starts_with([' ', '\t', '-']))
                .filter_map(|l| l.split_once(':'))
                .map(|(key, _)| Part {
                    name: key.trim().to_string(),
                    source: in_template(k.form.front_matter_line),
                })
                .collect()
        })
        .unwrap_or_default();
    // The fields the spec requires that its template lacks, at their lines.
    for (f, spec) in found
        .iter()
        .flat_map(|s| s.spec.front_matter.iter().map(move |f| (f, &s.rel)))
    {
        if !front_matter.iter().any(|p| p.name == f.value.key) {
            front_matter.push(Part {
                name: f.value.key.clone(),
                source: Source::at(SourceKind::Spec, spec, f.line),
            });
        }
    }
    let progress_entry = skeleton.and_then(|k| {
        k.form.progress_example.as_ref().map(|e| Part {
            name: format!("- {}", e.value),
            source: in_template(e.line),
        })
    });
    NewPlanForm {
        path,
        title,
        front_matter,
        progress_entry,
    }
}

/// Where and how `planlint new` writes a plan.
pub fn render_form(out: &mut String, n: &NewPlanForm) {
    out.push_str("\nNew plans (planlint new):\n");
    let mut rows = vec![
        ("path", n.path.name.clone(), n.path.source.show()),
        (
            "title",
            format!("# {}", n.title.name),
            n.title.source.show(),
        ),
    ];
    if let Some(first) = n.front_matter.first() {
        let keys: Vec<&str> = n.front_matter.iter().map(|p| p.name.as_str()).collect();
        rows.push(("front matter", keys.join(", "), first.source.show()));
    }
    if let Some(p) = &n.progress_entry {
        rows.push(("Progress entry", p.name.clone(), p.source.show()));
    }
    for (what, value, source) in rows {
        let _ = writeln!(out, "  {what:<14}  {value}  ({source})");
    }
}

fn default_folder(ws: &Workspace) -> PathBuf {
    FOLDERS
        .iter()
        .find(|f| ws.root.join(f).is_dir())
        .map_or_else(|| PathBuf::from("plans/"), PathBuf::from)
}
