//! A project as one run (or the language server) sees it: its root, configuration, spec, the
//! resolver of each file's settings, and the targets a command was given.

use std::path::{Path, PathBuf};

use planlint_rules::{Loaded, Settings};

use crate::config::{self, Resolver};
use crate::discover::{Skipped, Target};
use crate::error::Error;
use crate::project::project_root;
use crate::spec::FoundSpec;

pub(crate) fn working_directory() -> Result<PathBuf, Error> {
    std::env::current_dir()
        .map_err(|e| Error::Io(format!("cannot read the working directory: {e}")))
}

fn canonical(root: &Path) -> PathBuf {
    root.canonicalize().unwrap_or_else(|_| root.to_path_buf())
}

/// A project as one run sees it: its root, configuration, spec and the targets.
pub struct Workspace {
    pub root: PathBuf,
    /// The root, canonical (paths from the root are worked out against it).
    pub canonical: PathBuf,
    pub loaded: Option<Loaded>,
    /// Where the configuration was read from.
    pub config_path: Option<PathBuf>,
    pub spec: Option<FoundSpec>,
    /// The plan folders and globs the agent instructions name (`design/plans/`).
    pub agent_places: Vec<String>,
    pub targets: Vec<Target>,
    /// Markdown files in plan places passed over, with the reason.
    pub skipped: Vec<Skipped>,
    /// Every file and folder of the project, where discovery walked all of it.
    pub walked: Option<Vec<(String, bool)>>,
}

impl Workspace {
    /// A project read from its root: its configuration and spec as found; no targets yet.
    fn read(
        root: PathBuf,
        canonical: PathBuf,
        loaded: Option<Loaded>,
        config_path: Option<PathBuf>,
        spec: Option<FoundSpec>,
    ) -> Workspace {
        let agent_places = crate::spec::agent_places(&canonical);
        Workspace {
            root,
            canonical,
            loaded,
            config_path,
            spec,
            agent_places,
            targets: Vec::new(),
            skipped: Vec::new(),
            walked: None,
        }
    }

    /// The resolver of each file's settings: the contract base under the configuration, no
    /// command-line flags. Every command but the lint run (which adds its flags) uses this one.
    pub fn resolver(&self) -> Resolver {
        Resolver::new(
            self.loaded.clone(),
            self.contract_base(),
            Settings::default(),
        )
    }

    /// The built-in defaults with the project's spec applied: where `planlint.toml` starts.
    pub fn contract_base(&self) -> Settings {
        let mut s = Settings::default();
        if let Some(found) = &self.spec {
            planlint_rules::contract::apply_spec(&found.spec, &mut s);
        }
        s
    }
}

/// The project at the working directory: its root, configuration and spec (no targets yet).
pub fn workspace(config_flag: Option<&Path>, color_reports: bool) -> Result<Workspace, Error> {
    let cwd = working_directory()?;
    workspace_of(project_root(&cwd), config_flag, color_reports)
}

/// The project the command-line paths belong to: the root found from the targets' own paths
/// (the nearest ancestor holding `planlint.toml`, `.planlint.toml` or `.git`), as ruff finds its
/// configuration per file, so that `planlint repo/docs/exec-plans/x.md` from a parent folder
/// uses that repository's spec. Paths of several projects (or none, or standard input) fall back
/// to the working directory's project; the lint run splits them first ([`by_project`]), so each
/// is linted in its own.
pub fn workspace_for(
    paths: &[PathBuf],
    stdin_name: Option<&Path>,
    config_flag: Option<&Path>,
    color_reports: bool,
) -> Result<Workspace, Error> {
    let cwd = working_directory()?;
    let here = project_root(&cwd);
    // Standard input belongs where `--stdin-filename` places it.
    let named = |p: &PathBuf| match p.as_os_str() == "-" {
        true => stdin_name.map(Path::to_path_buf),
        false => Some(p.clone()),
    };
    let mut roots = paths
        .iter()
        .filter_map(named)
        .map(|p| project_root(&folder_of(&cwd.join(p))));
    let root = match roots.next() {
        // With `--config`, the named file sets the project, as before.
        Some(first) if config_flag.is_none() && roots.all(|r| r == first) => {
            let same = |a: &Path, b: &Path| canonical(a) == canonical(b);
            match same(&first, &here) {
                true => here,
                false
                    if first.join(".git").exists()
                        || config::FILE_NAMES.iter().any(|n| first.join(n).exists()) =>
                {
                    first
                }
                false => here,
            }
        }
        _ => here,
    };
    workspace_of(root, config_flag, color_reports)
}

/// The command-line paths grouped by the project each belongs to (the nearest ancestor of its
/// folder holding `planlint.toml`, `.planlint.toml` or `.git`; the working folder's project for
/// a path with none above it, and for standard input), in the order the projects are first
/// named. One group when every path is in one project, or none is given.
pub fn by_project(
    paths: &[PathBuf],
    stdin_name: Option<&Path>,
) -> Result<Vec<Vec<PathBuf>>, Error> {
    let cwd = working_directory()?;
    let here = canonical(&project_root(&cwd));
    let mut groups: Vec<(PathBuf, Vec<PathBuf>)> = Vec::new();
    for p in paths {
        let located = match p.as_os_str() == "-" {
            true => stdin_name,
            false => Some(p.as_path()),
        };
        let root = match located {
            None => here.clone(),
            Some(p) => crate::project::marked_root(&folder_of(&cwd.join(p)))
                .map_or_else(|| here.clone(), |r| canonical(&r)),
        };
        match groups.iter_mut().find(|(r, _)| *r == root) {
            Some((_, g)) => g.push(p.clone()),
            None => groups.push((root, vec![p.clone()])),
        }
    }
    if groups.len() < 2 {
        return Ok(vec![paths.to_vec()]);
    }
    Ok(groups.into_iter().map(|(_, g)| g).collect())
}

/// The folder a command-line path stands for: itself, or a file's folder.
fn folder_of(abs: &Path) -> PathBuf {
    match abs.is_dir() {
        true => abs.to_path_buf(),
        false => abs
            .parent()
            .map_or_else(|| abs.to_path_buf(), Path::to_path_buf),
    }
}

/// Why a project's configuration (or the spec it names) cannot be used: for the language
/// server, which shows it and goes on without it.
#[derive(Clone, Debug)]
pub struct ConfigProblem {
    /// The configuration file.
    pub path: PathBuf,
    /// Its text (empty when it could not be read).
    pub text: String,
    pub message: String,
    /// The bytes of `text` at fault, when known.
    pub span: Option<std::ops::Range<usize>>,
}

/// The project whose root is `root` (for the language server, which serves files of many); an
/// invalid configuration is the problem, unrendered, for the editor to point at.
pub fn workspace_at(root: &Path) -> Result<Workspace, ConfigProblem> {
    let canonical = canonical(root);
    let config_path = config::find(None, root).map_err(|e| ConfigProblem {
        path: root.join(config::FILE_NAMES[0]),
        text: String::new(),
        message: e.to_string().trim_start_matches("error: ").to_string(),
        span: None,
    })?;
    let mut loaded = None;
    if let Some(path) = &config_path {
        let text = std::fs::read_to_string(path).map_err(|e| ConfigProblem {
            path: path.clone(),
            text: String::new(),
            message: format!("cannot read {}: {e}", path.display()),
            span: None,
        })?;
        let problem = |e: planlint_rules::ConfigError| ConfigProblem {
            path: path.clone(),
            text: text.clone(),
            message: format!("invalid configuration: {}", e.message),
            span: e.span,
        };
        let l = planlint_rules::Config::parse(&text).map_err(problem)?;
        crate::spec::find(&canonical, Some(&l)).map_err(problem)?;
        loaded = Some(l);
    }
    let spec = crate::spec::find(&canonical, loaded.as_ref())
        .ok()
        .flatten();
    Ok(Workspace::read(
        root.to_path_buf(),
        canonical,
        loaded,
        config_path,
        spec,
    ))
}

/// The project at `root` with the built-in defaults (and the spec found where no
/// configuration names one): what the language server lints with before any good
/// configuration.
pub fn defaults_at(root: &Path) -> Workspace {
    let canonical = canonical(root);
    let spec = crate::spec::find(&canonical, None).ok().flatten();
    Workspace::read(root.to_path_buf(), canonical, None, None, spec)
}

fn workspace_of(
    root: PathBuf,
    config_flag: Option<&Path>,
    color_reports: bool,
) -> Result<Workspace, Error> {
    let canonical = canonical(&root);
    let config_path = config::find(config_flag, &root)?;
    let loaded = match &config_path {
        Some(path) => Some(config::load(path, color_reports)?),
        None => None,
    };
    let spec = crate::spec::find(&canonical, loaded.as_ref()).map_err(|e| {
        match (&config_path, &loaded) {
            (Some(path), Some(l)) => config::error(path, l.text(), e, color_reports),
            // A spec error comes only from a configuration that names one.
            _ => Error::Config(e.message),
        }
    })?;
    Ok(Workspace::read(root, canonical, loaded, config_path, spec))
}
