//! The subcommands, one file each, and what they share: finding the project, its configuration
//! and the targets, and whether to colour the output. Each returns the exit code and the text
//! for standard output, or the [`Error`] that stopped it.

pub mod check;
pub mod completions;
pub mod contract;
pub mod explain;
pub mod init;
pub mod new;
pub mod parse;
pub mod record;
pub mod rules;
pub mod status;
pub mod status_page;

use std::io::IsTerminal;
use std::path::{Path, PathBuf};

use clap::CommandFactory;

use crate::cli::{Cli, ColorChoice, Command, StatusFormat};
use crate::discover::{self, Skipped};
use crate::error::Error;
use crate::lint;
use crate::scope::Scope;
pub use crate::workspace::{workspace, Workspace};

/// The exit code and the text for standard output.
pub type Outcome = Result<(u8, String), Error>;

/// Run a subcommand other than the lint run.
pub fn run(command: Command) -> Outcome {
    match command {
        Command::Rules { format } => Ok((0, rules::rules(format))),
        Command::Explain { rule } => explain::explain(&rule).map(|doc| (0, doc)),
        Command::Init { force } => {
            let ws = workspace(None, std::io::stderr().is_terminal())?;
            init::init(&ws, force).map(|msg| (0, msg))
        }
        Command::Completions { shell } => Ok((0, completions::completions(shell, Cli::command()))),
        Command::Manpage => completions::manpage(Cli::command()).map(|page| (0, page)),
        Command::Parse { paths } => {
            let ws = discover_targets(&paths, None, false, std::io::stderr().is_terminal())?;
            let (text, ok) = parse::run(&ws.targets, &ws.canonical);
            Ok((u8::from(!ok), text))
        }
        Command::Contract {
            path,
            format,
            config,
        } => {
            let color = std::io::stderr().is_terminal();
            let ws = match &path {
                Some(p) => {
                    discover_targets(&contract::paths(Some(p)), config.as_deref(), false, color)?
                }
                None => workspace(config.as_deref(), color)?,
            };
            let report = contract::contract(&ws, path.as_deref())?;
            // A spec's section names and statuses are a plan author's bytes: made visible.
            let text = contract::render(&report, format);
            Ok((0, crate::output::visible::visible(&text).into_owned()))
        }
        Command::Server => crate::server::run().map(|code| (code, String::new())),
        Command::Log {
            plan,
            text,
            done: _,
            open,
            at,
            dry_run,
            force,
        } => {
            let ws = workspace(None, false)?;
            let w = record::Write { dry_run, force };
            record::log(&ws, &plan, &text, open, at.as_deref(), w).map(|m| (0, m))
        }
        Command::Decide {
            plan,
            decision,
            why,
            author,
            at,
            dry_run,
            force,
        } => {
            let ws = workspace(None, false)?;
            record::decide(
                &ws,
                &plan,
                &decision,
                &why,
                author.as_deref(),
                at.as_deref(),
                record::Write { dry_run, force },
            )
            .map(|m| (0, m))
        }
        Command::Tick {
            plan,
            pattern,
            at,
            dry_run,
            force,
        } => {
            let ws = workspace(None, false)?;
            let w = record::Write { dry_run, force };
            record::tick(&ws, &plan, &pattern, at.as_deref(), w).map(|m| (0, m))
        }
        Command::SetStatus {
            plan,
            value,
            force,
            at,
            dry_run,
        } => {
            let ws = workspace(None, false)?;
            let w = record::Write { dry_run, force };
            record::set_status(&ws, &plan, &value, at.as_deref(), w).map(|m| (0, m))
        }
        Command::New {
            title,
            path,
            force,
            config,
        } => {
            let ws = workspace(config.as_deref(), std::io::stderr().is_terminal())?;
            new::new(&ws, &title, path.as_deref(), force, lint::now()).map(|msg| (0, msg))
        }
        Command::Status {
            paths,
            format,
            stale,
            skipped,
            color,
            config,
        } => run_status(&paths, format, stale, skipped, color, config.as_deref()),
    }
}

/// `planlint status`: a row per plan in scope (and, with `--skipped`, the files passed over);
/// exit code 1 when a plan is stale.
fn run_status(
    paths: &[PathBuf],
    format: StatusFormat,
    stale: Option<u32>,
    skipped: bool,
    color: ColorChoice,
    config: Option<&Path>,
) -> Outcome {
    // With `--skipped`, a project with nothing in scope still says what it passed over.
    let when_empty = match skipped {
        true => WhenEmpty::List,
        false => WhenEmpty::Error,
    };
    let ws = discover(
        paths,
        None,
        config,
        false,
        std::io::stderr().is_terminal(),
        when_empty,
    )?;
    let now = lint::now();
    let stale = stale.map(i64::from);
    let settings = ws.resolver().settings(None);
    let closed: Vec<String> = settings
        .finished
        .iter()
        .cloned()
        .chain(status::CLOSED.iter().map(|s| s.to_string()))
        .collect();
    let rows = status::rows(&ws.targets, &ws.canonical, now, stale, &closed);
    let any_stale = rows.iter().any(|r| r.stale);
    let skipped: Vec<status::SkippedFile> = match skipped {
        true => ws.skipped.iter().map(status::SkippedFile::from).collect(),
        false => Vec::new(),
    };
    // The page also shows each plan's entry dates, latest decision and lint counts.
    let extras = match format {
        StatusFormat::Html => status_page::extras(&ws, now),
        _ => Default::default(),
    };
    let view = status::View {
        now,
        stale_after: stale,
        color: use_color(color),
        columns: columns(),
        skipped: &skipped,
        extras: &extras,
    };
    let text = status::render(rows, format, &view);
    Ok((u8::from(any_stale), text))
}

/// The width `status` fits: the terminal's when standard output is one, else `COLUMNS`, else
/// 100 columns.
fn columns() -> Option<usize> {
    let env = || {
        std::env::var("COLUMNS")
            .ok()
            .and_then(|c| c.trim().parse::<usize>().ok())
            .filter(|c| *c > 0)
    };
    let terminal = || {
        std::io::stdout()
            .is_terminal()
            .then(terminal_size::terminal_size)
            .flatten()
            .map(|(w, _)| usize::from(w.0))
            .filter(|w| *w > 0)
    };
    Some(terminal().or_else(env).unwrap_or(100))
}

/// Whether to colour standard output.
pub fn use_color(choice: ColorChoice) -> bool {
    match choice {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => {
            std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
                && std::io::stdout().is_terminal()
        }
    }
}

/// The project root, its configuration, its spec and the targets for `paths` (none: the plans
/// in scope under the root). Folders named that hold no plan are said on standard error.
pub fn discover_targets(
    paths: &[PathBuf],
    config_flag: Option<&Path>,
    force_exclude: bool,
    color_reports: bool,
) -> Result<Workspace, Error> {
    discover_with_stdin(paths, None, config_flag, force_exclude, color_reports)
}

/// [`discover_targets`], with standard input placed where `--stdin-filename` says (its
/// project's configuration and spec apply).
pub fn discover_with_stdin(
    paths: &[PathBuf],
    stdin_name: Option<&Path>,
    config_flag: Option<&Path>,
    force_exclude: bool,
    color_reports: bool,
) -> Result<Workspace, Error> {
    discover(
        paths,
        stdin_name,
        config_flag,
        force_exclude,
        color_reports,
        WhenEmpty::Error,
    )
}

/// What a run with no path does when nothing is in scope.
#[derive(Clone, Copy, PartialEq, Eq)]
enum WhenEmpty {
    /// Exit 2, saying where planlint looked.
    Error,
    /// Go on with no plan, listing what was passed over (`status --skipped`).
    List,
}

fn discover(
    paths: &[PathBuf],
    stdin_name: Option<&Path>,
    config_flag: Option<&Path>,
    force_exclude: bool,
    color_reports: bool,
    when_empty: WhenEmpty,
) -> Result<Workspace, Error> {
    let mut ws = crate::workspace::workspace_for(paths, stdin_name, config_flag, color_reports)?;
    let scope = Scope::with_places(ws.loaded.as_ref(), ws.spec.as_ref(), &ws.agent_places);
    ws.targets = if paths.is_empty() {
        let shown = shown_root(&ws.root, &crate::workspace::working_directory()?);
        let found = discover::in_scope(&shown, &ws.canonical, &scope);
        ws.skipped = found.skipped;
        ws.walked = found.entries;
        let targets = found.targets;
        // Files in plan places that the walk passed over as no plans are not hidden ones.
        let seen: Vec<PathBuf> = ws.skipped.iter().map(|s| s.path.clone()).collect();
        let hidden = || {
            discover::ignored_plans(&ws.canonical, &scope)
                .into_iter()
                .filter(|rel| !seen.contains(&shown.join(rel)))
                .collect::<Vec<String>>()
        };
        if targets.is_empty() && when_empty == WhenEmpty::List {
            for rel in hidden() {
                ws.skipped.push(Skipped {
                    path: shown.join(&rel),
                    reason: "ignored by .gitignore and not tracked by git",
                });
            }
            return Ok(ws);
        }
        if targets.is_empty() {
            // Nothing is silent: plans that .gitignore hides (and git does not track) are named.
            let hidden = hidden();
            let hidden = match hidden.len() {
                0 => String::new(),
                n => format!(
                    " {n} Markdown {} in plan places {} ignored by .gitignore and not tracked by git \
                     ({}{}); commit them or name them.",
                    if n == 1 { "file" } else { "files" },
                    if n == 1 { "is" } else { "are" },
                    hidden.iter().take(3).cloned().collect::<Vec<_>>().join(", "),
                    if n > 3 { ", …" } else { "" }
                ),
            };
            let passed_over = match ws.skipped.len() {
                0 => String::new(),
                1 => " 1 Markdown file in plan places is not a plan (`planlint status --skipped` \
                      says why)."
                    .to_string(),
                n => format!(
                    " {n} Markdown files in plan places are not plans (`planlint status --skipped` \
                     says why)."
                ),
            };
            return Err(Error::Usage(format!(
                "no plans found under the project root {}: looked in {}.{hidden}{passed_over} \
                 Name the plans with `include = [\"path/**/*.md\"]` in planlint.toml, or give \
                 their paths",
                ws.root.display(),
                scope.describe()
            )));
        }
        targets
    } else {
        let expanded = discover::expand(paths, &ws.canonical, &scope, force_exclude)
            .map_err(|p| Error::Usage(format!("path `{}` does not exist", p.display())))?;
        for folder in &expanded.empty_folders {
            eprintln!("warning: no plans in `{}`", folder.display());
        }
        ws.skipped = expanded.skipped;
        expanded.targets
    };
    Ok(ws)
}

/// The project root as a path from the working directory (`.` from the root itself).
fn shown_root(root: &Path, cwd: &Path) -> PathBuf {
    match cwd.strip_prefix(root) {
        Ok(below) if below.as_os_str().is_empty() => PathBuf::from("."),
        Ok(below) => below.components().map(|_| "..").collect(),
        Err(_) => root.to_path_buf(),
    }
}
