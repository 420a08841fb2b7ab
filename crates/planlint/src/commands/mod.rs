//! The subcommands, one file each, and what they share: finding the project, its configuration
//! and the targets, and whether to colour the output. Each returns the exit code and the text
//! for standard output, or the [`Error`] that stopped it.

pub mod check;
pub mod completions;
pub mod explain;
pub mod init;
pub mod parse;
pub mod rules;
pub mod status;

use std::io::IsTerminal;
use std::path::{Path, PathBuf};

use clap::CommandFactory;
use planlint_rules::Loaded;

use crate::cli::{Cli, ColorChoice, Command};
use crate::discover::{self, Target};
use crate::error::Error;
use crate::project::project_root;
use crate::{config, lint};

/// The exit code and the text for standard output.
pub type Outcome = Result<(u8, String), Error>;

/// Run a subcommand other than the lint run.
pub fn run(command: Command) -> Outcome {
    match command {
        Command::Rules { format } => Ok((0, rules::rules(format))),
        Command::Explain { rule } => explain::explain(&rule).map(|doc| (0, doc)),
        Command::Init { force } => {
            init::init(&project_root(&working_directory()?), force).map(|msg| (0, msg))
        }
        Command::Completions { shell } => Ok((0, completions::completions(shell, Cli::command()))),
        Command::Manpage => completions::manpage(Cli::command()).map(|page| (0, page)),
        Command::Parse { paths } => {
            let (root, _, targets) =
                discover_targets(&paths, None, false, std::io::stderr().is_terminal())?;
            let (text, ok) = parse::run(&targets, &canonical(&root));
            Ok((u8::from(!ok), text))
        }
        Command::Status {
            paths,
            format,
            stale,
            color,
            config,
        } => {
            let (root, _, targets) = discover_targets(
                &paths,
                config.as_deref(),
                false,
                std::io::stderr().is_terminal(),
            )?;
            let now = lint::now();
            let stale = stale.map(i64::from);
            let rows = status::rows(&targets, &canonical(&root), now, stale);
            let any_stale = rows.iter().any(|r| r.stale);
            let text = status::render(rows, format, now, stale, use_color(color));
            Ok((u8::from(any_stale), text))
        }
    }
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

fn working_directory() -> Result<PathBuf, Error> {
    std::env::current_dir()
        .map_err(|e| Error::Io(format!("cannot read the working directory: {e}")))
}

fn canonical(root: &Path) -> PathBuf {
    root.canonicalize().unwrap_or_else(|_| root.to_path_buf())
}

/// The project root, its configuration and the targets for `paths` (default: `plans/`).
pub fn discover_targets(
    paths: &[PathBuf],
    config_flag: Option<&Path>,
    force_exclude: bool,
    color_reports: bool,
) -> Result<(PathBuf, Option<Loaded>, Vec<Target>), Error> {
    let cwd = working_directory()?;
    let root = project_root(&cwd);
    let loaded = match config::find(config_flag, &root) {
        Some(path) => Some(config::load(&path, color_reports)?),
        None => None,
    };
    let paths = if paths.is_empty() {
        vec![default_plans(&root, &cwd)?]
    } else {
        paths.to_vec()
    };
    let targets = discover::expand(&paths, &canonical(&root), loaded.as_ref(), force_exclude)
        .map_err(|p| Error::Usage(format!("path `{}` does not exist", p.display())))?;
    Ok((root, loaded, targets))
}

/// `plans/` under the project root, as a path from the working directory.
fn default_plans(root: &Path, cwd: &Path) -> Result<PathBuf, Error> {
    let plans = root.join("plans");
    if !plans.is_dir() {
        return Err(Error::Usage(format!(
            "no paths given and no `plans/` folder under the project root {}",
            root.display()
        )));
    }
    Ok(plans
        .strip_prefix(cwd)
        .map(|p| p.to_path_buf())
        .unwrap_or(plans))
}
