//! Plan scope: which files are plans. One definition for the default run, `--force-exclude`
//! (pre-commit), `status`, `parse`, `--changed-since` and the language server.
//!
//! With `include` configured, the files it matches; otherwise the places real projects keep
//! plans (`plans/`, any `exec-plans`/`execplans`/`exec_plans` folder, `.agent/plans/`,
//! `.agents/plans/`, `docs/plans/`, `.codex/plans/`, files named like `EXECPLAN.md` anywhere,
//! `*plan*.md` directly in `.agent/`, `.agents/` or `.codex/`, `plan.md` at the root) and the
//! plan folders the project's spec names. Never plans unless named on the command line: the
//! spec itself, `AGENTS.md`, `CLAUDE.md`, `README.md`, `index.md`, `CHANGELOG.md`, templates,
//! `ROADMAP.md`, `*_QUEUE.md`, `tech-debt-tracker.md` (whatever they hold), trackers, reports and
//! benchmark, investigation or research write-ups (unless they hold a plan's skeleton), a plan's
//! milestone and task records (in a `milestones/` or `tasks/` folder), and the files
//! the spec says are kept beside plans (`TASK_*.md` where it
//! names `PLAN_*.md` as the plan). A `PLANS.md` is a plan when it is one itself (a Progress log, no
//! skeleton). `exclude` always applies.

use globset::{Glob, GlobSet, GlobSetBuilder};
use planlint_rules::Loaded;

use crate::spec::FoundSpec;

/// What a path says about a file.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Verdict {
    Plan,
    NotPlan,
    /// A `PLANS.md`: a plan if its text is one ([`planlint_rules::spec::is_plan_itself`]).
    IfItIsAPlan,
}

/// Whether a file name (without `.md`, lowercase) names an index, tracker, queue, roadmap, todo
/// list, audit or report: its last word (numbers aside) says so (`tech-debt-tracker`,
/// `WORK_QUEUE`, `prelaunch-audit-64`, `launch-readiness-todo`).
fn is_tracker(stem: &str) -> bool {
    let last = stem
        .split(|c: char| !c.is_alphanumeric())
        .rfind(|w| !w.is_empty() && !w.chars().all(|c| c.is_ascii_digit()));
    matches!(
        last,
        Some(
            "tracker"
                | "roadmap"
                | "backlog"
                | "queue"
                | "todo"
                | "todos"
                | "audit"
                | "report"
                | "handoff"
        )
    )
}

/// Why a file whose name says index, tracker, queue, … is passed over — unless its text has a
/// plan's skeleton (`plan-011-job-queue.md` is a plan about a queue).
pub const TRACKER: &str = "an index, tracker, queue, roadmap, todo list, audit or report";

/// Why a benchmark, investigation or research write-up kept beside plans is passed over —
/// unless its text has a plan's skeleton (`benchmark-harness.md` may plan one).
pub const WRITEUP: &str = "a benchmark, investigation or research write-up kept beside plans";

/// Whether `rel` lies in a `tasks/` folder inside one plan's own folder: the folder above
/// `tasks` is not itself a folder of plans (`plans/`, `exec-plans/`, `active/`, …).
fn task_record(rel: &str) -> bool {
    let folders: Vec<&str> = rel.split('/').collect();
    let dirs = &folders[..folders.len().saturating_sub(1)];
    dirs.iter().enumerate().any(|(i, d)| {
        d.eq_ignore_ascii_case("tasks")
            && i > 0
            && !matches!(
                dirs[i - 1].to_ascii_lowercase().as_str(),
                "plans"
                    | "exec-plans"
                    | "execplans"
                    | "exec_plans"
                    | "active"
                    | "completed"
                    | "done"
                    | "current"
                    | "docs"
                    | ".agent"
                    | ".agents"
                    | ".codex"
            )
    })
}

/// The names DESIGN lists as never plans whatever they hold: `ROADMAP.md`, `*_QUEUE.md`,
/// `tech-debt-tracker.md` (lowercase, with `.md`).
fn is_listed_tracker(name: &str) -> bool {
    name == "roadmap.md" || name == "tech-debt-tracker.md" || name.ends_with("_queue.md")
}

/// Whether a file name (without `.md`, lowercase) names a write-up kept beside plans: its first
/// or last word (numbers aside) says benchmark, investigation or research (`parser-benchmark`,
/// `INVESTIGATION-login`, `research-notes`).
fn is_writeup(stem: &str) -> bool {
    let mut words = stem
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty() && !w.chars().all(|c| c.is_ascii_digit()));
    let first = words.next();
    let last = words.next_back().or(first);
    [first, last].into_iter().flatten().any(|w| {
        matches!(
            w,
            "benchmark" | "benchmarks" | "investigation" | "investigations" | "research"
        )
    })
}

/// The conventional places, as shown when nothing is found.
pub const PLACES: &str =
    "plans/, any exec-plans/, execplans/ or exec_plans/ folder, .agent/plans/, \
.agents/plans/, docs/plans/, .codex/plans/, files named like EXECPLAN.md, *plan*.md in .agent/, \
.agents/ or .codex/, plan.md at the root";

/// The plan scope of one project.
pub struct Scope<'a> {
    config: Option<&'a Loaded>,
    spec: Option<&'a str>,
    /// The template file the spec names, where it was read.
    template: Option<&'a str>,
    /// Folders the spec names (`docs/exec-plans/active/`), lowercase.
    spec_folders: Vec<String>,
    /// Globs the spec names (`plans/execplan-*.md`).
    spec_globs: Option<GlobSet>,
    spec_places: Vec<String>,
    /// File names the spec gives the files kept beside plans (`TASK_*.md`).
    companions: Option<GlobSet>,
    /// The normalised names of the sections the spec gives plans (its template, its list).
    own: Vec<String>,
    /// Whether the spec itself names where plans live (not only the agent instructions).
    spec_names_places: bool,
}

impl<'a> Scope<'a> {
    /// The scope of a project read from its root: its configuration, its spec, and the plan
    /// folders its agent instructions name.
    pub fn of(ws: &'a crate::workspace::Workspace) -> Self {
        Scope::with_places(ws.loaded.as_ref(), ws.spec.as_ref(), &ws.agent_places)
    }

    pub fn new(config: Option<&'a Loaded>, spec: Option<&'a FoundSpec>) -> Self {
        Scope::with_places(config, spec, &[])
    }

    /// [`Scope::new`], with the plan folders and globs the agent instructions name
    /// (`design/plans/`) beside the spec's.
    pub fn with_places(
        config: Option<&'a Loaded>,
        spec: Option<&'a FoundSpec>,
        agent_places: &[String],
    ) -> Self {
        let mut spec_folders = Vec::new();
        let mut globs = GlobSetBuilder::new();
        let mut any_glob = false;
        let mut spec_places: Vec<String> = Vec::new();
        let from_spec: Vec<&String> = spec
            .iter()
            .flat_map(|s| &s.spec.locations)
            .map(|place| &place.value)
            .collect();
        // Only the spec's own places make a file named as an ExecPlan elsewhere need the
        // living-document sentence; the agent instructions' add places, and take none away.
        let spec_names_places = !from_spec.is_empty();
        for p in from_spec.into_iter().chain(agent_places) {
            if spec_places.contains(p) {
                continue;
            }
            spec_places.push(p.clone());
            if p.ends_with('/') {
                spec_folders.push(p.to_lowercase());
            } else if let Ok(g) = Glob::new(p) {
                globs.add(g);
                any_glob = true;
            }
        }
        let mut companions = GlobSetBuilder::new();
        let mut any_companion = false;
        for c in spec.iter().flat_map(|s| &s.spec.companions) {
            if let Ok(g) = globset::GlobBuilder::new(&c.value)
                .case_insensitive(true)
                .build()
            {
                companions.add(g);
                any_companion = true;
            }
        }
        let own = spec
            .iter()
            .flat_map(|s| {
                let skeletons = s.spec.skeleton.iter().chain(&s.spec.alternatives);
                skeletons
                    .flat_map(|k| k.sections.iter())
                    .chain(s.spec.required.iter().flatten())
            })
            .map(|s| planlint_parser::sections::normalize_name(&s.value))
            .collect();
        Scope {
            own,
            config,
            companions: any_companion.then(|| companions.build().ok()).flatten(),
            spec: spec.map(|s| s.rel.as_str()),
            template: spec.and_then(|s| s.template.as_deref()),
            spec_folders,
            spec_globs: any_glob.then(|| globs.build().ok()).flatten(),
            spec_places,
            spec_names_places,
        }
    }

    /// The configuration, for walks that honour `exclude`.
    pub fn config(&self) -> Option<&'a Loaded> {
        self.config
    }

    /// Whether `include` decides the scope.
    pub fn configured(&self) -> bool {
        self.config.is_some_and(Loaded::has_include)
    }

    /// Whether `rel` (from the project root) is never a plan unless named: not Markdown, the
    /// spec, a file of the never-plans list, or excluded.
    pub fn never(&self, rel: &str) -> bool {
        self.never_reason(rel).is_some()
    }

    /// Why `rel` is never a plan unless named, if it is not: the spec, agent instructions,
    /// READMEs, indexes, templates, trackers, queues and roadmaps, reports, artifacts and research
    /// kept beside plans, archived plans, a plan's milestone or task records, `exclude`.
    pub fn never_reason(&self, rel: &str) -> Option<&'static str> {
        let name = rel.rsplit('/').next().unwrap_or(rel).to_ascii_lowercase();
        let stem = name.strip_suffix(".md");
        let folders = || rel.split('/').rev().skip(1);
        let in_folder =
            |names: &[&str]| folders().any(|d| names.iter().any(|n| d.eq_ignore_ascii_case(n)));
        Some(match () {
            _ if stem.is_none() => "not Markdown",
            _ if Some(rel) == self.spec => "the project's plan spec",
            _ if matches!(name.as_str(), "agents.md" | "claude.md" | "gemini.md") => {
                "agent instructions"
            }
            _ if matches!(name.as_str(), "readme.md" | "index.md" | "changelog.md") => {
                "a README, index or changelog"
            }
            _ if name.contains("template") || in_folder(&["templates", "template"]) => "a template",
            // The template read for the contract, whatever its name.
            _ if Some(rel) == self.template => "the project's plan template",
            _ if is_listed_tracker(&name) => "a roadmap, queue or tracker (never a plan)",
            _ if stem.is_some_and(is_tracker) => TRACKER,
            _ if in_folder(&["archive", "archived"]) => "archived (history; linted when named)",
            _ if in_folder(&[
                "reports",
                "artifacts",
                "research",
                "benchmarks",
                "investigations",
            ]) =>
            {
                "a report, artifact or research note kept beside plans"
            }
            _ if stem.is_some_and(is_writeup) => WRITEUP,
            _ if in_folder(&["adr", "adrs"])
                || name.starts_with("adr-")
                || name.starts_with("adr_") =>
            {
                "an architecture decision record"
            }
            _ if name.starts_with("example") || name.starts_with("sample") => "an example",
            // A plan's milestone and task records keep a template of their own: a `milestones/`
            // folder, or a `tasks/` folder inside one plan's own folder (`plans/x/tasks/`; a
            // `plans/tasks/` folder holds plans).
            _ if in_folder(&["milestones"]) || task_record(rel) => {
                "a plan's milestone or task record"
            }
            _ if self.companions.as_ref().is_some_and(|g| g.is_match(&name)) => {
                "a record the spec keeps beside plans"
            }
            _ if self.excluded(rel) => "excluded by planlint.toml",
            _ => return None,
        })
    }

    fn excluded(&self, rel: &str) -> bool {
        self.config.is_some_and(|c| {
            rel.match_indices('/')
                .map(|(i, _)| &rel[..i])
                .chain(std::iter::once(rel))
                .any(|p| c.is_excluded(p))
        })
    }

    /// Whether the file at `rel` is a plan, by its path.
    pub fn verdict(&self, rel: &str) -> Verdict {
        if self.never(rel) {
            return Verdict::NotPlan;
        }
        if self.configured() {
            return match self.config.is_some_and(|c| c.walk_includes(rel)) {
                true => Verdict::Plan,
                false => Verdict::NotPlan,
            };
        }
        let lower = rel.to_ascii_lowercase();
        let name = lower.rsplit('/').next().unwrap_or(&lower);
        if name == "plans.md" {
            return Verdict::IfItIsAPlan;
        }
        if self.conventional(&lower, name)
            || self.spec_folders.iter().any(|f| lower.starts_with(f))
            || self.spec_globs.as_ref().is_some_and(|g| g.is_match(rel))
        {
            Verdict::Plan
        } else {
            Verdict::NotPlan
        }
    }

    /// Why a file in a plan place does not read as a plan, if it does not (its text decides:
    /// see [`planlint_rules::spec::not_a_plan`]). With `include` configured, every file it
    /// matches is a plan.
    pub fn not_a_plan(&self, text: &str) -> Option<&'static str> {
        match self.configured() {
            true => None,
            false => planlint_rules::spec::not_a_plan(text, &self.own),
        }
    }

    /// Whether a file outside the plan places declares itself an ExecPlan. Where the spec
    /// names the folders or file names its plans take, a title calling a file an ExecPlan is
    /// not enough (a brief written before the plans may say so too): the file must carry the
    /// living-document sentence every plan of the skeleton opens with.
    pub fn declares(&self, text: &str) -> bool {
        declares(text, !self.names_places())
    }

    /// The folders the spec names for plans, as it writes them (`docs/exec-plans/active/`).
    pub fn spec_folders(&self) -> impl Iterator<Item = &str> {
        self.spec_places
            .iter()
            .filter(|p| p.ends_with('/'))
            .map(String::as_str)
    }

    /// Whether the spec names where its plans live (folders or file-name patterns).
    pub fn names_places(&self) -> bool {
        self.spec_names_places
    }

    /// The normalised names of the sections the spec gives plans.
    pub fn own(&self) -> &[String] {
        &self.own
    }

    /// Whether `rel` lies in a plan place (a conventional one or one the spec names), whatever
    /// the file is: the files passed over there are the ones `status --skipped` lists.
    pub fn in_place(&self, rel: &str) -> bool {
        if self.configured() {
            return self.config.is_some_and(|c| c.walk_includes(rel));
        }
        let lower = rel.to_ascii_lowercase();
        let name = lower.rsplit('/').next().unwrap_or(&lower);
        name == "plans.md"
            || self.conventional(&lower, name)
            || self.spec_folders.iter().any(|f| lower.starts_with(f))
            || self.spec_globs.as_ref().is_some_and(|g| g.is_match(rel))
    }

    /// The conventional places, on the lowercased path and file name.
    fn conventional(&self, lower: &str, name: &str) -> bool {
        let folders: Vec<&str> = lower.split('/').collect();
        let dirs = &folders[..folders.len() - 1];
        lower.starts_with("plans/")
            || dirs
                .iter()
                .any(|d| matches!(*d, "exec-plans" | "execplans" | "exec_plans"))
            || [
                ".agent/plans/",
                ".agents/plans/",
                "docs/plans/",
                ".codex/plans/",
            ]
            .iter()
            .any(|p| lower.starts_with(p))
            // A file named as an ExecPlan, unless the spec says where its plans live (then one
            // elsewhere is a plan by the living-document sentence only: see `declares`).
            || (!self.names_places() && named_as_execplan(name))
            || (matches!(dirs, [".agent" | ".agents" | ".codex"]) && name.contains("plan"))
            || lower == "plan.md"
    }

    /// Whether the file at `rel` is named as an ExecPlan (`execplan`, `exec_plan`, `exec-plan`
    /// in its name, any case).
    pub fn named_as_execplan(&self, rel: &str) -> bool {
        named_as_execplan(&rel.rsplit('/').next().unwrap_or(rel).to_ascii_lowercase())
    }

    /// Where planlint looked, for the message when nothing is in scope.
    pub fn describe(&self) -> String {
        if self.configured() {
            return "the files matching `include` in planlint.toml".to_string();
        }
        let mut s = PLACES.to_string();
        if !self.spec_places.is_empty() {
            s.push_str(&format!(
                ", and the places the spec {} names ({})",
                self.spec.unwrap_or("PLANS.md"),
                self.spec_places.join(", ")
            ));
        }
        s
    }
}

/// Whether a lowercased file name holds `execplan`, `exec_plan` or `exec-plan`.
fn named_as_execplan(name: &str) -> bool {
    ["execplan", "exec_plan", "exec-plan"]
        .iter()
        .any(|w| name.contains(w))
}

/// Whether `text` declares itself an ExecPlan: by the living-document sentence, or by its title
/// where `by_title` (the spec names no plan places).
pub fn declares(text: &str, by_title: bool) -> bool {
    use planlint_rules::spec::Declaration;
    match planlint_rules::spec::execplan_declaration(text) {
        Some(Declaration::Living) => true,
        Some(Declaration::Title) => by_title,
        None => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn conventional_places_and_never_plans() {
        let scope = Scope::new(None, None);
        for plan in [
            "plans/a.md",
            "docs/exec-plans/active/x.md",
            "site/docs/internal/exec-plans/completed/y.md",
            "execplans/active/z.md",
            ".agent/execplans/a.md",
            ".agents/execplans/b.md",
            ".agent/plans/004-undo-redo.md",
            ".agents/plans/c.md",
            "docs/plans/sprint-2/d.md",
            ".codex/plans/e.md",
            ".agent/exec_plans/complete/2026/MS001.md",
            "EXECPLAN.md",
            "docs/EXECPLAN.md",
            "doc/execplan-boop.md",
            ".agent/REAL_AI_EXECPLAN.md",
            ".agent/EXEC_PLAN.md",
            "ExecPlan.md",
            ".agent/MILESTONE_5_1_PLAN.md",
            "plan.md",
        ] {
            assert_eq!(scope.verdict(plan), Verdict::Plan, "{plan}");
        }
        for not in [
            "AGENTS.md",
            "README.md",
            "docs/exec-plans/index.md",
            "docs/exec-plans/tech-debt-tracker.md",
            "docs/exec-plans/TEMPLATE.md",
            "plans/PLAN_TEMPLATE.md",
            "CHANGELOG.md",
            "docs/design.md",
            ".agent/exec_plans/complete/ep/milestones/complete/MS001_x.md",
            "src/plan.md",
            "plans/notes.txt",
            "CLAUDE.md",
            ".agent/notes.md",
        ] {
            assert_eq!(scope.verdict(not), Verdict::NotPlan, "{not}");
        }
        assert_eq!(scope.verdict("docs/PLANS.md"), Verdict::IfItIsAPlan);
    }
}
