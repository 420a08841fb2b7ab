//! `planlint contract [PATH]`: the contract a plan is held to — dialect, required and
//! recommended sections in order, required metadata, statuses, the Progress entry form, where
//! checklists belong — and where each part came from: the built-in default, the project's spec
//! (file and line), `planlint.toml` (file and line), or the plan's own preamble. Human text, or
//! JSON whose schema is `schemas/contract.schema.json`, generated from these types.

use std::fmt::Write;
use std::path::{Path, PathBuf};

use planlint_parser::{Conformance, Dialect, MetaKey, SectionKind};
use planlint_rules::settings::{DEFAULT_FINISHED, DEFAULT_STATUSES};
use planlint_rules::{requirements, SectionSpec};
use schemars::JsonSchema;
use serde::Serialize;

use super::Workspace;
use crate::cli::ContractFormat;
use crate::discover::Target;
use crate::error::Error;
use crate::input;

/// Version of the JSON format (not of planlint).
pub const CONTRACT_VERSION: u32 = 1;

/// The output of `planlint contract`.
#[derive(Serialize, JsonSchema, Debug)]
#[schemars(title = "planlint contract output")]
pub struct ContractReport {
    pub version: u32,
    /// The plan the contract is for, as given; absent for the project's contract.
    pub file: Option<String>,
    /// `numbered` or `canonical`.
    pub dialect: String,
    /// Where the dialect came from.
    pub dialect_source: Source,
    /// The project's spec, when one was found and read.
    pub spec: Option<SpecFile>,
    pub required_sections: Vec<Part>,
    pub recommended_sections: Vec<Part>,
    pub required_metadata: Vec<Part>,
    /// The status vocabulary.
    pub statuses: Vec<Part>,
    /// Statuses that mean the work is finished.
    pub finished: Vec<Part>,
    /// Whether a checked Progress entry must carry a timestamp.
    pub progress_timestamps: Flag,
    /// The sections that may hold checklists.
    pub checklists: Vec<Part>,
}

/// The spec file.
#[derive(Serialize, JsonSchema, Debug)]
pub struct SpecFile {
    /// Its path from the project root.
    pub path: String,
    /// The template file it names, when that was read.
    pub template: Option<String>,
}

/// One part of the contract and where it came from.
#[derive(Serialize, JsonSchema, Debug, Clone)]
pub struct Part {
    pub name: String,
    pub source: Source,
}

/// A yes/no part of the contract and where it came from.
#[derive(Serialize, JsonSchema, Debug)]
pub struct Flag {
    pub required: bool,
    pub source: Source,
}

/// Where a part of the contract came from.
#[derive(Serialize, JsonSchema, Debug, Clone, PartialEq, Eq)]
pub struct Source {
    /// `default` (built in), `spec` (the project's PLANS.md), `config` (planlint.toml),
    /// `plan` (the plan's own preamble) or `detected` (read from the plan).
    pub kind: String,
    /// The file, from the project root (absent for the built-in default).
    pub file: Option<String>,
    /// The 1-based line in that file.
    pub line: Option<usize>,
}

impl Source {
    fn default() -> Self {
        Source {
            kind: "default".into(),
            file: None,
            line: None,
        }
    }

    fn at(kind: &str, file: &str, line: usize) -> Self {
        Source {
            kind: kind.into(),
            file: Some(file.to_string()),
            line: Some(line),
        }
    }

    fn show(&self) -> String {
        match (&self.file, self.line) {
            (Some(f), Some(l)) => format!("{f}:{l}"),
            (Some(f), None) => f.clone(),
            _ => match self.kind.as_str() {
                "detected" => "detected from the plan".into(),
                _ => "built-in default".into(),
            },
        }
    }
}

/// The JSON Schema of the JSON output.
pub fn schema() -> serde_json::Value {
    let schema = schemars::generate::SchemaSettings::draft2020_12()
        .into_generator()
        .into_root_schema_for::<ContractReport>();
    serde_json::to_value(schema).unwrap_or_default()
}

/// The configuration file's text and its name from the project root, for lines of its keys.
struct ConfigText {
    name: String,
    text: String,
}

impl ConfigText {
    fn read(ws: &Workspace) -> Option<Self> {
        let path = ws.config_path.as_ref()?;
        let text = std::fs::read_to_string(path).ok()?;
        let name = path
            .strip_prefix(&ws.root)
            .map(Path::to_path_buf)
            .unwrap_or_else(|_| path.clone());
        Some(ConfigText {
            name: name.to_string_lossy().into_owned(),
            text,
        })
    }

    /// The line of the first `key = …` (after `[table]`, when given).
    fn line(&self, table: Option<&str>, key: &str) -> Option<usize> {
        let mut in_table = table.is_none();
        for (i, l) in self.text.lines().enumerate() {
            let t = l.trim();
            if let Some(name) = t.strip_prefix('[') {
                let name = name.trim_start_matches('[').trim_end_matches(']').trim();
                in_table =
                    table.is_none_or(|want| name == want || name.ends_with(&format!(".{want}")));
                continue;
            }
            if in_table && t.split(['=', ' ']).next() == Some(key) {
                return Some(i + 1);
            }
        }
        None
    }

    fn source(&self, table: Option<&str>, key: &str) -> Source {
        Source {
            kind: "config".into(),
            file: Some(self.name.clone()),
            line: self.line(table, key),
        }
    }
}

/// Work out the contract for `path` (or the project's) in `ws`.
pub fn contract(ws: &Workspace, path: Option<&Path>) -> Result<ContractReport, Error> {
    let target = ws.targets.first();
    let (display, rel, text) = match (path, target) {
        (Some(_), Some(t @ Target::File(..))) => {
            let input = input::read(t, None, &ws.canonical);
            let text = input
                .text()
                .map(str::to_string)
                .map_err(|e| Error::Io(format!("cannot read `{}`: {e}", input.display)))?;
            (Some(input.display.clone()), input.rel.clone(), text)
        }
        (Some(p), _) => {
            return Err(Error::Usage(format!(
                "`{}` is not a plan file",
                p.display()
            )))
        }
        (None, _) => (None, None, String::new()),
    };
    let base = ws.contract_base();
    let resolver = ws.resolver();
    let settings = resolver.settings(rel.as_deref());
    let plan = planlint_parser::parse(&text);
    let spec = ws.spec.as_ref();
    let config = ConfigText::read(ws);

    let skeleton = spec.and_then(|s| s.spec.skeleton.as_ref());
    let numbered_spec = skeleton.is_some_and(|k| k.is_numbered());
    let (dialect, dialect_source) = match settings.dialect {
        Some(d) => (
            d,
            config
                .as_ref()
                .map_or_else(Source::default, |c| c.source(None, "dialect")),
        ),
        None if display.is_some() => (
            plan.dialect,
            Source {
                kind: "detected".into(),
                file: None,
                line: None,
            },
        ),
        None if numbered_spec => (
            Dialect::Numbered,
            Source::at(
                "spec",
                &spec.map_or(String::new(), |s| s.rel.clone()),
                skeleton.map_or(1, |k| k.line),
            ),
        ),
        None => (Dialect::Canonical, Source::default()),
    };

    let (required, recommended) = requirements::sections(&plan, dialect, &settings);
    let table = dialect.name();
    let section_source = |which: &str, specs: &[SectionSpec]| -> Vec<Part> {
        let configured = config.as_ref().and_then(|c| {
            let key = format!("{which}-sections");
            c.line(Some(table), &key)
                .map(|_| c.source(Some(table), &key))
        });
        let from_spec = base.dialect_settings(dialect);
        let spec_list = match which {
            "required" => from_spec.required_sections.as_ref(),
            _ => from_spec.recommended_sections.as_ref(),
        };
        specs
            .iter()
            .map(|r| {
                let source = if let Some(c) = &configured {
                    c.clone()
                } else if spec_list.is_some_and(|l| l.contains(r)) {
                    spec_line(ws, r)
                } else if let Conformance::Declared(declared) = &plan.conformance {
                    declared
                        .iter()
                        .find(|d| d.kind.is_some() && d.kind == r.kind || d.name == r.name)
                        .map_or_else(Source::default, |d| {
                            Source::at(
                                "plan",
                                display.as_deref().unwrap_or(""),
                                plan.position(d.span.start).line,
                            )
                        })
                } else {
                    Source::default()
                };
                Part {
                    name: r.name.clone(),
                    source,
                }
            })
            .collect()
    };
    let required_sections = section_source("required", &required);
    let recommended_sections = section_source("recommended", &recommended);

    let metadata: Vec<MetaKey> = settings
        .dialect_settings(dialect)
        .required_metadata
        .clone()
        .unwrap_or_else(|| match dialect {
            Dialect::Numbered => MetaKey::ALL.to_vec(),
            Dialect::Canonical => Vec::new(),
        });
    let metadata_source = config
        .as_ref()
        .and_then(|c| {
            c.line(Some(table), "required-metadata")
                .map(|_| c.source(Some(table), "required-metadata"))
        })
        .unwrap_or_else(Source::default);
    let required_metadata = metadata
        .iter()
        .map(|k| Part {
            name: k.label().to_string(),
            source: metadata_source.clone(),
        })
        .collect();

    let statuses = settings
        .statuses
        .iter()
        .map(|v| Part {
            name: v.clone(),
            source: if DEFAULT_STATUSES.contains(&v.as_str())
                && !spec.is_some_and(|s| s.spec.statuses_closed)
                && config
                    .as_ref()
                    .and_then(|c| c.line(Some("status"), "values"))
                    .is_none()
            {
                Source::default()
            } else if let Some(s) = spec.and_then(|s| {
                s.spec
                    .statuses
                    .iter()
                    .find(|x| planlint_parser::status::normalize_value(&x.value) == *v)
                    .map(|x| Source::at("spec", &s.rel, x.line))
            }) {
                s
            } else {
                config.as_ref().map_or_else(Source::default, |c| {
                    let key = if c.line(Some("status"), "extend-values").is_some() {
                        "extend-values"
                    } else {
                        "values"
                    };
                    c.source(Some("status"), key)
                })
            },
        })
        .collect();
    let finished = settings
        .finished
        .iter()
        .map(|v| Part {
            name: v.clone(),
            source: if DEFAULT_FINISHED.contains(&v.as_str()) {
                Source::default()
            } else {
                config
                    .as_ref()
                    .map_or_else(Source::default, |c| c.source(Some("status"), "finished"))
            },
        })
        .collect();

    let progress_timestamps = Flag {
        required: settings.progress_timestamps,
        source: if settings.progress_timestamps {
            Source::default()
        } else {
            spec.map_or_else(Source::default, |s| {
                Source::at("spec", &s.rel, skeleton.map_or(1, |k| k.line))
            })
        },
    };
    let checklists = match &settings.dialect_settings(dialect).checklists {
        Some(specs) => specs
            .iter()
            .map(|r| Part {
                name: r.name.clone(),
                source: spec_line(ws, r),
            })
            .collect(),
        None => match dialect {
            Dialect::Canonical => vec![SectionKind::Progress],
            Dialect::Numbered => vec![
                SectionKind::ConcreteSteps,
                SectionKind::Validation,
                SectionKind::Progress,
            ],
        }
        .into_iter()
        .map(|k| Part {
            name: SectionSpec::known(k, dialect).name,
            source: Source::default(),
        })
        .collect(),
    };

    Ok(ContractReport {
        version: CONTRACT_VERSION,
        file: display,
        dialect: dialect.name().to_string(),
        dialect_source,
        spec: spec.map(|s| SpecFile {
            path: s.rel.clone(),
            template: s.template.clone(),
        }),
        required_sections,
        recommended_sections,
        required_metadata,
        statuses,
        finished,
        progress_timestamps,
        checklists,
    })
}

/// The spec's line for a section it names: the skeleton heading, or the required list.
fn spec_line(ws: &Workspace, r: &SectionSpec) -> Source {
    let Some(found) = &ws.spec else {
        return Source::default();
    };
    let file = found.template.as_deref().unwrap_or(&found.rel);
    if let Some(k) = &found.spec.skeleton {
        if let Some(s) = k.sections.iter().find(|s| s.value == r.name) {
            return Source::at("spec", file, s.line);
        }
    }
    match found
        .spec
        .required
        .iter()
        .flatten()
        .find(|s| s.value == r.name)
    {
        Some(s) => Source::at("spec", &found.rel, s.line),
        None => Source::default(),
    }
}

/// Render the report.
pub fn render(report: &ContractReport, format: ContractFormat) -> String {
    match format {
        ContractFormat::Json => {
            let mut s = serde_json::to_string_pretty(report).unwrap_or_default();
            s.push('\n');
            s
        }
        ContractFormat::Human => human(report),
    }
}

fn human(r: &ContractReport) -> String {
    let mut out = String::new();
    match &r.file {
        Some(f) => {
            let _ = writeln!(out, "Contract for {f}");
        }
        None => out.push_str("Contract for a new plan in this project\n"),
    }
    let _ = writeln!(
        out,
        "  dialect: {} ({})",
        r.dialect,
        r.dialect_source.show()
    );
    match &r.spec {
        Some(s) => {
            let _ = write!(out, "  spec: {}", s.path);
            if let Some(t) = &s.template {
                let _ = write!(out, " (template {t})");
            }
            out.push('\n');
        }
        None => out.push_str(
            "  spec: none found (PLANS.md at the root, .agent/, .agents/, docs/ or .codex/)\n",
        ),
    }
    let list = |out: &mut String, title: &str, parts: &[Part]| {
        let _ = writeln!(out, "\n{title}:");
        if parts.is_empty() {
            out.push_str("  (none)\n");
            return;
        }
        let width = parts
            .iter()
            .map(|p| p.name.chars().count())
            .max()
            .unwrap_or(0);
        for p in parts {
            let pad = width - p.name.chars().count();
            let _ = writeln!(out, "  {}{}  {}", p.name, " ".repeat(pad), p.source.show());
        }
    };
    list(
        &mut out,
        "Required sections, in order",
        &r.required_sections,
    );
    list(&mut out, "Recommended sections", &r.recommended_sections);
    list(&mut out, "Required metadata", &r.required_metadata);
    list(&mut out, "Where checklists belong", &r.checklists);
    // Statuses grouped by where they came from, one line each.
    out.push_str("\nStatuses:\n");
    let mut groups: Vec<(String, Vec<&str>)> = Vec::new();
    for p in &r.statuses {
        let key = p.source.show();
        match groups.iter_mut().find(|(k, _)| *k == key) {
            Some((_, v)) => v.push(&p.name),
            None => groups.push((key, vec![&p.name])),
        }
    }
    for (source, values) in groups {
        let _ = writeln!(out, "  {}  ({source})", values.join(", "));
    }
    let finished: Vec<&str> = r.finished.iter().map(|p| p.name.as_str()).collect();
    let _ = writeln!(out, "  finished: {}", finished.join(", "));
    let _ = writeln!(
        out,
        "\nProgress: a checked entry {} a timestamp ({})",
        if r.progress_timestamps.required {
            "must carry"
        } else {
            "need not carry"
        },
        r.progress_timestamps.source.show()
    );
    out
}

/// Paths for `contract`: the one plan, if given.
pub fn paths(path: Option<&Path>) -> Vec<PathBuf> {
    path.map(|p| vec![p.to_path_buf()]).unwrap_or_default()
}
