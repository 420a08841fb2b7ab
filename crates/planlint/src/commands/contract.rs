//! `planlint contract [PATH]`: the contract a plan is held to — dialect, required and
//! recommended sections in order, required metadata, statuses, the Progress entry form, where
//! checklists belong — and where each part came from: the built-in default, the project's spec
//! (file and line), `planlint.toml` (file and line), or the plan's own preamble. Human text, or
//! JSON whose schema is `schemas/contract.schema.json`, generated from these types.

use std::fmt::Write;
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use planlint_parser::{Conformance, Dialect, MetaKey, Plan, SectionKind};
use planlint_rules::config::Layer;
use planlint_rules::settings::{DEFAULT_FINISHED, DEFAULT_STATUSES};
use planlint_rules::{requirements, Loaded, SectionSpec, Settings};
use schemars::JsonSchema;
use serde::Serialize;
use unicode_width::UnicodeWidthStr;

use super::Workspace;
use crate::cli::ContractFormat;
use crate::discover::Target;
use crate::error::Error;
use crate::input;
use crate::spec::FoundSpec;

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
    /// Where no spec was found: the `PLANS.md` files in the usual places that were read and
    /// passed over, with why.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub spec_passed_over: Vec<PassedOver>,
    pub required_sections: Vec<Part>,
    /// The other templates the spec gives, each a list of sections: a plan is held to the
    /// template it follows best (shown for the project's contract; for a plan, the one it
    /// follows is `required_sections`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub other_templates: Vec<Vec<Part>>,
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
    /// Where `planlint new` writes a plan in this project, and in which form.
    pub new_plan: super::new::NewPlanForm,
}

/// A `PLANS.md` in the usual places that was read and not taken as the spec.
#[derive(Serialize, JsonSchema, Debug)]
pub struct PassedOver {
    /// Its path from the project root.
    pub path: String,
    /// Why it is not the spec.
    pub reason: String,
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
    #[schemars(with = "String")]
    pub kind: SourceKind,
    /// The file, from the project root (absent for the built-in default).
    pub file: Option<String>,
    /// The 1-based line in that file.
    pub line: Option<usize>,
}

/// The kinds of [`Source`].
#[derive(Serialize, Debug, Clone, Copy, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum SourceKind {
    /// Built into planlint.
    Default,
    /// The project's spec (or the template file it names).
    Spec,
    /// `planlint.toml`.
    Config,
    /// The plan's own preamble.
    Plan,
    /// Read from the plan.
    Detected,
}

impl Source {
    pub(super) fn default() -> Self {
        Source {
            kind: SourceKind::Default,
            file: None,
            line: None,
        }
    }

    fn detected() -> Self {
        Source {
            kind: SourceKind::Detected,
            file: None,
            line: None,
        }
    }

    pub(super) fn at(kind: SourceKind, file: &str, line: usize) -> Self {
        Source {
            kind,
            file: Some(file.to_string()),
            line: Some(line),
        }
    }

    pub(super) fn show(&self) -> String {
        match (&self.file, self.line) {
            (Some(f), Some(l)) => format!("{f}:{l}"),
            (Some(f), None) => f.clone(),
            _ => match self.kind {
                SourceKind::Detected => "detected from the plan".into(),
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

/// `planlint.toml` as it applies to one plan: the layers that apply to it, in the order they
/// are applied, each value with its span (kept by `planlint_rules::config`, never read again).
struct Configured<'a> {
    loaded: &'a Loaded,
    /// The file's name from the project root.
    file: String,
    layers: Vec<Layer<'a>>,
}

impl<'a> Configured<'a> {
    fn new(ws: &'a Workspace, rel: Option<&str>) -> Option<Self> {
        let loaded = ws.loaded.as_ref()?;
        let path = ws.config_path.as_ref()?;
        let file = path.strip_prefix(&ws.root).unwrap_or(path);
        Some(Configured {
            loaded,
            file: file.to_string_lossy().into_owned(),
            layers: loaded.layers(rel),
        })
    }

    /// The line of the last layer that sets a value (`pick` gives the value's span): the one
    /// whose value the plan gets.
    fn last(&self, pick: impl Fn(&Layer<'a>) -> Option<Range<usize>>) -> Option<Source> {
        let span = self.layers.iter().rev().find_map(pick)?;
        Some(Source::at(
            SourceKind::Config,
            &self.file,
            self.loaded.line_of(span.start),
        ))
    }
}

/// Required or recommended sections.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Which {
    Required,
    Recommended,
}

/// Everything a part of the contract is worked out from: the plan, its settings, the spec and
/// the configuration.
struct Inputs<'a> {
    ws: &'a Workspace,
    spec: Option<&'a FoundSpec>,
    config: Option<Configured<'a>>,
    settings: Arc<Settings>,
    plan: Plan<'a>,
    /// The plan as given; absent for the project's contract.
    display: Option<String>,
}

/// Work out the contract for `path` (or the project's) in `ws`.
pub fn contract(ws: &Workspace, path: Option<&Path>) -> Result<ContractReport, Error> {
    let (display, rel, text) = plan_text(ws, path)?;
    let inputs = Inputs {
        ws,
        spec: ws.spec.as_ref(),
        config: Configured::new(ws, rel.as_deref()),
        settings: ws.resolver().settings(rel.as_deref()),
        plan: planlint_parser::parse(&text),
        display,
    };
    let (dialect, dialect_source) = inputs.dialect();
    let (mut required, recommended) =
        requirements::sections(&inputs.plan, dialect, &inputs.settings);
    requirements::in_checked_order(&mut required, &inputs.settings, dialect);
    Ok(ContractReport {
        version: CONTRACT_VERSION,
        file: inputs.display.clone(),
        dialect: dialect.name().to_string(),
        dialect_source,
        spec: inputs.spec.map(|s| SpecFile {
            path: s.rel.clone(),
            template: s.template.clone(),
        }),
        spec_passed_over: match inputs.spec {
            None => crate::spec::passed_over(&ws.root, ws.loaded.as_ref())
                .into_iter()
                .map(|(path, why)| PassedOver {
                    path,
                    reason: why.to_string(),
                })
                .collect(),
            Some(_) => Vec::new(),
        },
        required_sections: inputs.sections(dialect, Which::Required, &required),
        other_templates: match (&inputs.display, inputs.spec) {
            (None, Some(found))
                if !inputs
                    .settings
                    .dialect_settings(dialect)
                    .alternatives
                    .is_empty() =>
            {
                found
                    .spec
                    .alternatives
                    .iter()
                    .map(|t| {
                        t.sections
                            .iter()
                            .filter(|s| !planlint_rules::contract::optional(&s.value))
                            .map(|s| Part {
                                name: s.value.clone(),
                                source: Source::at(
                                    SourceKind::Spec,
                                    t.file.as_deref().unwrap_or(&found.rel),
                                    s.line,
                                ),
                            })
                            .collect()
                    })
                    .collect()
            }
            _ => Vec::new(),
        },
        recommended_sections: inputs.sections(dialect, Which::Recommended, &recommended),
        required_metadata: inputs.metadata(dialect),
        statuses: inputs.statuses(),
        finished: inputs.finished(),
        progress_timestamps: inputs.progress_form(),
        checklists: inputs.checklists(dialect),
        new_plan: super::new::form(ws),
    })
}

/// The plan's name as given, its path from the project root and its text; all empty for the
/// project's contract.
type PlanText = (Option<String>, Option<String>, String);

fn plan_text(ws: &Workspace, path: Option<&Path>) -> Result<PlanText, Error> {
    match (path, ws.targets.first()) {
        (Some(_), Some(t @ Target::File(..))) => {
            let input = input::read(t, None, &ws.canonical);
            let text = input
                .text()
                .map(str::to_string)
                .map_err(|e| Error::Io(format!("cannot read `{}`: {e}", input.display)))?;
            Ok((Some(input.display.clone()), input.rel.clone(), text))
        }
        (Some(p), _) => Err(Error::Usage(format!(
            "`{}` is not a plan file",
            p.display()
        ))),
        (None, _) => Ok((None, None, String::new())),
    }
}

impl Inputs<'_> {
    /// The dialect: configured, else detected from the plan, else the spec's (where it shows
    /// its plans numbered).
    fn dialect(&self) -> (Dialect, Source) {
        let numbered = self.spec.and_then(|s| Some((s, s.spec.numbered_line()?)));
        match self.settings.dialect {
            Some(d) => (d, self.configured(|l| l.dialect.map(|s| s.span()))),
            None if self.display.is_some() => (self.plan.dialect, Source::detected()),
            None => match numbered {
                Some((s, line)) => (
                    Dialect::Numbered,
                    Source::at(SourceKind::Spec, &s.rel, line),
                ),
                None => (Dialect::Canonical, Source::default()),
            },
        }
    }

    /// The configuration's line for a value (the last layer that sets it), else the default.
    fn configured(&self, pick: impl Fn(&Layer<'_>) -> Option<Range<usize>>) -> Source {
        self.config
            .as_ref()
            .and_then(|c| c.last(pick))
            .unwrap_or_else(Source::default)
    }

    /// Required or recommended sections: configured, else the spec's, else the plan's preamble.
    fn sections(&self, dialect: Dialect, which: Which, specs: &[SectionSpec]) -> Vec<Part> {
        let configured = self.config.as_ref().and_then(|c| {
            c.last(|l| {
                let dc = l.dialect_config(dialect)?;
                match which {
                    Which::Required => dc.required_sections.as_ref(),
                    Which::Recommended => dc.recommended_sections.as_ref(),
                }
                .map(|s| s.span())
            })
        });
        let base = self.ws.contract_base();
        let from_spec = base.dialect_settings(dialect);
        let spec_list = match which {
            Which::Required => from_spec.required_sections.as_ref(),
            Which::Recommended => from_spec.recommended_sections.as_ref(),
        };
        // A plan held to a further template of the spec: its sections come from that one.
        let in_alternative = |r: &SectionSpec| {
            which == Which::Required && from_spec.alternatives.iter().any(|l| l.contains(r))
        };
        specs
            .iter()
            .map(|r| Part {
                name: r.name.clone(),
                source: match &configured {
                    Some(c) => c.clone(),
                    None if spec_list.is_some_and(|l| l.contains(r)) || in_alternative(r) => {
                        spec_line(self.ws, r, specs)
                    }
                    None => {
                        let declared = self.declared(r);
                        match declared.kind {
                            SourceKind::Default => {
                                self.published_skeleton_line(r).unwrap_or(declared)
                            }
                            _ => declared,
                        }
                    }
                },
            })
            .collect()
    }

    /// Where the spec's skeleton, the published one, shows a known section: the published
    /// contract holds, and the spec is where this project says so.
    fn published_skeleton_line(&self, r: &SectionSpec) -> Option<Source> {
        let found = self.spec?;
        // The published skeleton, or one that keeps it and adds sections of its own: either
        // way the heading is the spec's, however it is cased (`Context And Orientation`).
        let k = found.spec.skeleton.as_ref()?;
        let kind = r.kind?;
        let heading = k
            .sections
            .iter()
            .find(|s| planlint_parser::sections::classify(&s.value) == Some(kind))?;
        let file = k.file.as_deref().unwrap_or(&found.rel);
        Some(Source::at(SourceKind::Spec, file, heading.line))
    }

    /// Where the plan's preamble names a section as one of its own, if it does.
    fn declared(&self, r: &SectionSpec) -> Source {
        let Conformance::Declared(declared) = &self.plan.conformance else {
            return Source::default();
        };
        declared
            .iter()
            .find(|d| d.kind.is_some() && d.kind == r.kind || d.name == r.name)
            .map_or_else(Source::default, |d| {
                Source::at(
                    SourceKind::Plan,
                    self.display.as_deref().unwrap_or(""),
                    self.plan.position(d.span.start).line,
                )
            })
    }

    fn metadata(&self, dialect: Dialect) -> Vec<Part> {
        let metadata: Vec<MetaKey> = self
            .settings
            .dialect_settings(dialect)
            .required_metadata
            .clone()
            .unwrap_or_else(|| match dialect {
                Dialect::Numbered => MetaKey::ALL.to_vec(),
                Dialect::Canonical => Vec::new(),
            });
        let source = self.configured(|l| {
            l.dialect_config(dialect)?
                .required_metadata
                .as_ref()
                .map(|s| s.span())
        });
        metadata
            .iter()
            .map(|k| Part {
                name: k.label().to_string(),
                source: source.clone(),
            })
            .collect()
    }

    /// The status vocabulary, each value from the default, the spec or the configuration.
    fn statuses(&self) -> Vec<Part> {
        let replaced = self.config.as_ref().is_some_and(|c| {
            c.last(|l| l.status?.values.as_ref().map(|s| s.span()))
                .is_some()
        });
        let closed = self.spec.is_some_and(|s| s.spec.statuses_closed);
        self.settings
            .statuses
            .iter()
            .map(|v| Part {
                name: v.clone(),
                source: if DEFAULT_STATUSES.contains(&v.as_str()) && !closed && !replaced {
                    Source::default()
                } else {
                    self.status_source(v)
                },
            })
            .collect()
    }

    /// The spec's line for a status value, else the configured list that holds it.
    fn status_source(&self, v: &str) -> Source {
        let from_spec = self.spec.and_then(|s| {
            s.spec
                .statuses
                .iter()
                .find(|x| planlint_parser::status::normalize_value(&x.value) == v)
                .map(|x| Source::at(SourceKind::Spec, &s.rel, x.line))
        });
        from_spec.unwrap_or_else(|| {
            self.configured(|l| {
                let st = l.status?;
                [st.extend_values.as_ref(), st.values.as_ref()]
                    .into_iter()
                    .flatten()
                    .find(|list| holds(list.get_ref(), v))
                    .map(|s| s.span())
            })
        })
    }

    /// The values that mean finished: the default's, or the configured list's.
    fn finished(&self) -> Vec<Part> {
        self.settings
            .finished
            .iter()
            .map(|v| Part {
                name: v.clone(),
                source: if DEFAULT_FINISHED.contains(&v.as_str()) {
                    Source::default()
                } else {
                    self.configured(|l| {
                        let list = l.status?.finished.as_ref()?;
                        holds(list.get_ref(), v).then(|| list.span())
                    })
                },
            })
            .collect()
    }

    /// Whether a checked Progress entry must carry a timestamp: the spec's template can say not.
    fn progress_form(&self) -> Flag {
        let required = self.settings.progress_timestamps;
        Flag {
            required,
            source: match self.spec {
                // Where the spec says so: its template's first Progress example (undated), else
                // the template's Progress heading, else its list of sections.
                Some(s) if !required => match s.spec.skeleton.as_ref() {
                    Some(k) => {
                        let progress = k.sections.iter().find(|h| {
                            planlint_parser::sections::classify(&h.value)
                                == Some(SectionKind::Progress)
                        });
                        let line = k
                            .form
                            .progress_example
                            .as_ref()
                            .map(|e| e.line)
                            .or(progress.map(|h| h.line))
                            .unwrap_or(k.line);
                        Source::at(SourceKind::Spec, k.file.as_deref().unwrap_or(&s.rel), line)
                    }
                    None => {
                        let first = s.spec.required.as_ref().and_then(|r| r.first());
                        Source::at(SourceKind::Spec, &s.rel, first.map_or(1, |r| r.line))
                    }
                },
                // Where the spec asks for them: its template's stamped Progress example, else
                // its prose that speaks of timestamps; else the built-in contract.
                Some(s) => {
                    let stamped = s.spec.skeleton.as_ref().and_then(|k| {
                        let e = k.form.progress_example.as_ref()?;
                        (k.progress_timestamps == Some(true)).then(|| {
                            Source::at(
                                SourceKind::Spec,
                                k.file.as_deref().unwrap_or(&s.rel),
                                e.line,
                            )
                        })
                    });
                    stamped
                        .or_else(|| {
                            s.spec
                                .timestamps_line
                                .map(|line| Source::at(SourceKind::Spec, &s.rel, line))
                        })
                        .unwrap_or_else(Source::default)
                }
                None => Source::default(),
            },
        }
    }

    /// The sections that may hold checklists: the spec's, else the dialect's.
    fn checklists(&self, dialect: Dialect) -> Vec<Part> {
        if let Some(specs) = &self.settings.dialect_settings(dialect).checklists {
            // The spec's line where its template shows a checklist in the section (or it is
            // Progress); where the spec says nothing of checklists and its sections may all
            // hold one, the spec as a whole, no line.
            let shown = |r: &SectionSpec| {
                r.kind == Some(SectionKind::Progress)
                    || self.spec.is_some_and(|f| {
                        f.spec
                            .skeleton
                            .iter()
                            .chain(&f.spec.alternatives)
                            .any(|k| k.checklists.contains(&r.name))
                    })
            };
            return specs
                .iter()
                .map(|r| Part {
                    name: r.name.clone(),
                    source: match (shown(r), self.spec) {
                        (false, Some(f)) => Source {
                            kind: SourceKind::Spec,
                            file: Some(f.rel.clone()),
                            line: None,
                        },
                        _ => spec_line(self.ws, r, specs),
                    },
                })
                .collect();
        }
        match dialect {
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
        .collect()
    }
}

/// Whether a configured list of status values holds `v` (as statuses are compared).
fn holds(list: &[String], v: &str) -> bool {
    list.iter()
        .any(|x| planlint_parser::status::normalize_value(x) == v)
}

/// The spec's line for a section it names: the skeleton heading, or the required list.
fn spec_line(ws: &Workspace, r: &SectionSpec, listed: &[SectionSpec]) -> Source {
    let Some(found) = &ws.spec else {
        return Source::default();
    };
    let same = |value: &str| {
        value == r.name
            || planlint_parser::sections::normalize_name(value)
                == planlint_parser::sections::normalize_name(&r.name)
    };
    // The template that shows it, the one the listed sections come from first (a plan held to
    // a further template cites that one's lines), else the first that shows it.
    let templates: Vec<_> = found
        .spec
        .skeleton
        .iter()
        .chain(&found.spec.alternatives)
        .collect();
    let shared = |k: &&planlint_rules::spec::Skeleton| {
        listed
            .iter()
            .filter(|l| k.sections.iter().any(|s| s.value == l.name))
            .count()
    };
    let most = templates.iter().map(shared).max().unwrap_or(0);
    let ordered = templates
        .iter()
        .filter(|k| shared(k) == most)
        .chain(templates.iter().filter(|k| shared(k) != most));
    for k in ordered {
        if let Some(s) = k.sections.iter().find(|s| same(&s.value)) {
            let file = k.file.as_deref().unwrap_or(&found.rel);
            return Source::at(SourceKind::Spec, file, s.line);
        }
    }
    match found
        .spec
        .required
        .iter()
        .flatten()
        .find(|s| same(&s.value))
    {
        Some(s) => Source::at(SourceKind::Spec, &found.rel, s.line),
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
        None if r.spec_passed_over.is_empty() => out.push_str(
            "  spec: none found (PLANS.md at the root, .agent/, .agents/, docs/ or .codex/)\n",
        ),
        None => {
            let read: Vec<String> = r
                .spec_passed_over
                .iter()
                .map(|p| format!("{}: {}", p.path, p.reason))
                .collect();
            let _ = writeln!(out, "  spec: none ({})", read.join("; "));
        }
    }
    let list = |out: &mut String, title: &str, parts: &[Part]| {
        let _ = writeln!(out, "\n{title}:");
        if parts.is_empty() {
            out.push_str("  (none)\n");
            return;
        }
        // Padded by display width: a CJK character takes two columns.
        let width = parts.iter().map(|p| p.name.width()).max().unwrap_or(0);
        for p in parts {
            let pad = width - p.name.width();
            let _ = writeln!(out, "  {}{}  {}", p.name, " ".repeat(pad), p.source.show());
        }
    };
    list(
        &mut out,
        "Required sections, in order",
        &r.required_sections,
    );
    for (i, other) in r.other_templates.iter().enumerate() {
        list(
            &mut out,
            &format!(
                "Or, template {} of the spec (a plan is held to the one it follows best)",
                i + 2
            ),
            other,
        );
    }
    list(&mut out, "Recommended sections", &r.recommended_sections);
    list(&mut out, "Required metadata", &r.required_metadata);
    let inferred = r
        .checklists
        .iter()
        .any(|p| p.source.kind == SourceKind::Spec && p.source.line.is_none());
    list(
        &mut out,
        if inferred {
            "Where checklists belong (the spec shows none outside Progress: any of its sections)"
        } else {
            "Where checklists belong"
        },
        &r.checklists,
    );
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
    super::new::render_form(&mut out, &r.new_plan);
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
