//! Finding and loading `planlint.toml`; rendering its errors (exit 2) as miette reports that
//! point at the offending line; resolving the settings of each file.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use miette::{
    GraphicalReportHandler, GraphicalTheme, LabeledSpan, MietteDiagnostic, NamedSource, Report,
};
use planlint_rules::{Config, ConfigError, Loaded, Settings};

use crate::error::Error;

/// The names a project's configuration file may have at its root (one of them, not both).
pub const FILE_NAMES: [&str; 2] = ["planlint.toml", ".planlint.toml"];

/// The configuration file for a project: `--config`, else `planlint.toml` or `.planlint.toml`
/// at the project root.
/// Both `planlint.toml` and `.planlint.toml` is an error: one would be ignored in silence.
pub fn find(explicit: Option<&Path>, root: &Path) -> Result<Option<PathBuf>, Error> {
    if let Some(p) = explicit {
        return Ok(Some(p.to_path_buf()));
    }
    let found: Vec<PathBuf> = FILE_NAMES
        .iter()
        .map(|n| root.join(n))
        .filter(|p| p.is_file())
        .collect();
    match found.as_slice() {
        [] => Ok(None),
        [one] => Ok(Some(one.clone())),
        _ => Err(Error::Usage(format!(
            "two configuration files at {}: planlint.toml and .planlint.toml; keep one",
            root.display()
        ))),
    }
}

/// Load and validate a configuration file; the error is the rendered report.
pub fn load(path: &Path, color: bool) -> Result<Loaded, Error> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| Error::Io(format!("cannot read {}: {e}", path.display())))?;
    Config::parse(&text).map_err(|e| error(path, &text, e, color))
}

/// A configuration error (exit 2), rendered as a report pointing at the file's `text`.
pub fn error(path: &Path, text: &str, e: ConfigError, color: bool) -> Error {
    let mut diag = MietteDiagnostic::new(format!("invalid configuration: {}", e.message))
        .with_code("planlint::config");
    if let Some(span) = e.span.clone() {
        diag = diag.with_label(LabeledSpan::at(span, "here"));
    }
    if let Some(help) = e.help {
        diag = diag.with_help(help);
    }
    let shown = std::env::current_dir()
        .ok()
        .and_then(|cwd| path.strip_prefix(cwd).ok().map(Path::to_path_buf))
        .unwrap_or_else(|| path.to_path_buf());
    let source = NamedSource::new(shown.display().to_string(), text.to_string());
    Error::Config(render(&Report::new(diag).with_source_code(source), color))
}

/// Render any miette report as text.
pub fn render(report: &Report, color: bool) -> String {
    let theme = if color {
        GraphicalTheme::unicode()
    } else {
        GraphicalTheme::unicode_nocolor()
    };
    let mut out = String::new();
    let _ = GraphicalReportHandler::new_themed(theme)
        .with_width(100)
        .render_report(&mut out, report.as_ref());
    out
}

/// The settings of each file: configuration (with the overrides that match the file's path)
/// under the command-line flags. Files matching the same overrides share one `Settings`.
pub struct Resolver {
    loaded: Option<Loaded>,
    /// The built-in defaults with the project's spec applied.
    start: Settings,
    flags: Settings,
    cache: Mutex<HashMap<Vec<bool>, Arc<Settings>>>,
}

impl Resolver {
    /// Settings from `start` (defaults and spec), the configuration, then the flags.
    pub fn new(loaded: Option<Loaded>, start: Settings, flags: Settings) -> Self {
        Resolver {
            loaded,
            start,
            flags,
            cache: Mutex::new(HashMap::new()),
        }
    }

    /// Settings for a file at `rel` (path from the project root).
    pub fn settings(&self, rel: Option<&str>) -> Arc<Settings> {
        let key = match &self.loaded {
            Some(loaded) => loaded.matching(rel),
            None => Vec::new(),
        };
        let mut cache = match self.cache.lock() {
            Ok(c) => c,
            Err(poisoned) => poisoned.into_inner(),
        };
        cache
            .entry(key.clone())
            .or_insert_with(|| {
                Arc::new(match &self.loaded {
                    Some(loaded) => loaded.settings_over(&self.start, &key, &self.flags),
                    None => self.start.clone().with_flags(&self.flags),
                })
            })
            .clone()
    }
}
