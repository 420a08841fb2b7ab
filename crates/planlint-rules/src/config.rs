//! `planlint.toml`: typed configuration, its validation, and how it turns into [`Settings`] for
//! one file (overrides by path glob applied in order).
//!
//! This module takes the TOML text and returns either a [`Config`] or a [`ConfigError`] with the
//! byte span of the offending key or value; finding the file and rendering the error is the
//! CLI's job. Unknown keys are errors (never silently ignored), with a "did you mean" where a
//! known key is close.

use std::collections::BTreeMap;
use std::ops::Range;

use globset::{GlobBuilder, GlobSet, GlobSetBuilder};
use planlint_parser::sections::{self};
use planlint_parser::{Dialect, MetaKey};
use schemars::JsonSchema;
use serde::Deserialize;
use toml::Spanned;

use crate::diagnostic::Severity;
use crate::settings::{SectionSpec, Settings};
use crate::RULES;

mod keys;

/// A rule's configured level.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    Off,
    Warning,
    Error,
}

impl Level {
    fn severity(self) -> Option<Severity> {
        match self {
            Level::Off => None,
            Level::Warning => Some(Severity::Warning),
            Level::Error => Some(Severity::Error),
        }
    }
}

/// `auto` detects the dialect per file; the others force it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum DialectChoice {
    Auto,
    Numbered,
    Canonical,
}

/// A section requirement: a name (built-in names and aliases match, translations included), or
/// a name with extra aliases for a section of the team's own.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(untagged)]
pub enum SectionEntry {
    Name(String),
    Detailed {
        name: String,
        #[serde(default)]
        aliases: Vec<String>,
    },
}

/// Required and recommended sections and metadata of one dialect.
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct DialectConfig {
    /// Sections every plan of this dialect must have (replaces the default list).
    #[schemars(with = "Option<Vec<SectionEntry>>")]
    pub required_sections: Option<Spanned<Vec<SectionEntry>>>,
    /// Sections reported as `recommended-section` when missing (replaces the default list).
    #[schemars(with = "Option<Vec<SectionEntry>>")]
    pub recommended_sections: Option<Spanned<Vec<SectionEntry>>>,
    /// Metadata fields that must be present: `Plan ID`, `Title`, `Author`, `Date created`,
    /// `Last updated`, `Related issues/PRs`.
    #[schemars(with = "Option<Vec<String>>")]
    pub required_metadata: Option<Spanned<Vec<Spanned<String>>>>,
}

/// The status vocabulary.
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct StatusConfig {
    /// The allowed values (replaces the default vocabulary).
    #[schemars(with = "Option<Vec<String>>")]
    pub values: Option<Spanned<Vec<String>>>,
    /// Values allowed in addition to the vocabulary.
    #[schemars(with = "Option<Vec<String>>")]
    pub extend_values: Option<Spanned<Vec<String>>>,
    /// Values that mean the work is finished (default: complete, completed, done).
    #[schemars(with = "Option<Vec<String>>")]
    pub finished: Option<Spanned<Vec<String>>>,
}

/// The settings a layer (the top level or one override) may set, each value with its span in
/// the file: where `planlint contract` says a part of the contract came from.
#[derive(Clone, Copy, Debug)]
pub struct Layer<'a> {
    pub dialect: Option<&'a Spanned<DialectChoice>>,
    pub rules: Option<&'a BTreeMap<Spanned<String>, Level>>,
    pub numbered: Option<&'a DialectConfig>,
    pub canonical: Option<&'a DialectConfig>,
    pub status: Option<&'a StatusConfig>,
}

impl<'a> Layer<'a> {
    /// The sections and metadata this layer sets for `dialect`.
    pub fn dialect_config(&self, dialect: Dialect) -> Option<&'a DialectConfig> {
        match dialect {
            Dialect::Numbered => self.numbered,
            Dialect::Canonical => self.canonical,
        }
    }
}

/// Declares a configuration table with its own fields followed by the settings every layer
/// shares (`dialect`, `rules`, `numbered`, `canonical`, `status`), and its [`Layer`] view: one
/// definition of those fields for the top level and `[[overrides]]`, since serde cannot flatten
/// a shared struct into one that denies unknown fields.
macro_rules! layered_table {
    (
        $(#[$meta:meta])*
        pub struct $name:ident {
            $( $(#[$fmeta:meta])* pub $field:ident : $ty:ty, )*
        }
    ) => {
        $(#[$meta])*
        pub struct $name {
            $( $(#[$fmeta])* pub $field: $ty, )*
            /// `auto` (detect per file, the default), `numbered` or `canonical`.
            #[schemars(with = "Option<DialectChoice>")]
            pub dialect: Option<Spanned<DialectChoice>>,
            /// Severity per rule: `off`, `warning` or `error`.
            #[schemars(with = "Option<BTreeMap<String, Level>>")]
            pub rules: Option<BTreeMap<Spanned<String>, Level>>,
            /// Sections and metadata of the numbered dialect.
            pub numbered: Option<DialectConfig>,
            /// Sections and metadata of the canonical dialect.
            pub canonical: Option<DialectConfig>,
            /// The status vocabulary.
            pub status: Option<StatusConfig>,
        }

        impl $name {
            fn layer(&self) -> Layer<'_> {
                Layer {
                    dialect: self.dialect.as_ref(),
                    rules: self.rules.as_ref(),
                    numbered: self.numbered.as_ref(),
                    canonical: self.canonical.as_ref(),
                    status: self.status.as_ref(),
                }
            }
        }
    };
}

layered_table! {
    /// A `[[overrides]]` entry: settings for the files its globs match.
    #[derive(Clone, Debug, PartialEq, Eq, Deserialize, JsonSchema)]
    #[serde(deny_unknown_fields, rename_all = "kebab-case")]
    pub struct Override {
        /// Globs matched against the path from the project root (`plans/book/**`, or a folder).
        #[schemars(with = "Vec<String>")]
        pub files: Vec<Spanned<String>>,
    }
}

layered_table! {
    /// The whole `planlint.toml`.
    #[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize, JsonSchema)]
    #[serde(deny_unknown_fields, rename_all = "kebab-case")]
    #[schemars(
        title = "planlint.toml",
        description = "Configuration of planlint, the ExecPlan linter."
    )]
    pub struct Config {
        /// Globs (from the project root) of files to lint when walking folders; default: every `*.md`.
        #[schemars(with = "Option<Vec<String>>")]
        pub include: Option<Vec<Spanned<String>>>,
        /// Globs (from the project root) of files and folders to skip when walking folders.
        #[schemars(with = "Option<Vec<String>>")]
        pub exclude: Option<Vec<Spanned<String>>>,
        /// Settings for files matching path globs, applied in order after the top level.
        #[serde(default)]
        pub overrides: Vec<Override>,
        /// The project's spec: a path from the project root, or `false` to ignore it. By
        /// default `PLANS.md` at the root, in `.agent/`, `.agents/`, `docs/` or `.codex/`.
        #[schemars(with = "Option<SpecChoice>")]
        pub spec: Option<Spanned<SpecChoice>>,
    }
}

/// `spec = "path"` or `spec = false`.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(untagged)]
pub enum SpecChoice {
    Path(String),
    Enabled(bool),
}

/// A configuration problem, with the byte range of the offending text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ConfigError {
    pub message: String,
    pub span: Option<Range<usize>>,
    pub help: Option<String>,
}

/// A loaded configuration with its globs compiled.
#[derive(Clone, Debug)]
pub struct Loaded {
    pub config: Config,
    /// The file's text, for the lines of the spans in `config`.
    text: String,
    include: Option<GlobSet>,
    exclude: Option<GlobSet>,
    overrides: Vec<GlobSet>,
}

impl Config {
    /// Parse and validate `planlint.toml` text.
    pub fn parse(text: &str) -> Result<Loaded, ConfigError> {
        keys::check(text)?;
        let config: Config = toml::from_str(text).map_err(|e| ConfigError {
            message: e.message().trim().to_string(),
            span: e.span(),
            help: None,
        })?;
        config.validate()?;
        let include = config.include.as_deref().map(globs).transpose()?;
        let exclude = config.exclude.as_deref().map(globs).transpose()?;
        let overrides = config
            .overrides
            .iter()
            .map(|o| globs(&o.files))
            .collect::<Result<_, _>>()?;
        Ok(Loaded {
            config,
            text: text.to_string(),
            include,
            exclude,
            overrides,
        })
    }

    fn validate(&self) -> Result<(), ConfigError> {
        std::iter::once(self.layer())
            .chain(self.overrides.iter().map(Override::layer))
            .try_for_each(|l| validate_layer(&l))
    }
}

fn validate_layer(layer: &Layer<'_>) -> Result<(), ConfigError> {
    for (key, level) in layer.rules.iter().flat_map(|r| r.iter()) {
        let name = key.get_ref();
        if crate::settings::UNCHECKED_FILE_RULES.contains(&name.as_str()) && *level != Level::Error
        {
            return Err(ConfigError {
                message: format!("`{name}` is always an error"),
                span: Some(key.span()),
                help: Some(
                    "a file that cannot be read is never a pass; remove this line, or exclude \
                     the file with `exclude`"
                        .into(),
                ),
            });
        }
        if !RULES.iter().any(|r| r.name == name) {
            return Err(ConfigError {
                message: format!("unknown rule `{name}`"),
                span: Some(key.span()),
                help: Some(
                    did_you_mean(name, RULES.iter().map(|r| r.name))
                        .unwrap_or_else(|| "`planlint rules` lists every rule".into()),
                ),
            });
        }
    }
    for dc in [layer.numbered, layer.canonical].into_iter().flatten() {
        for field in dc.required_metadata.iter().flat_map(|l| l.get_ref()) {
            if MetaKey::from_key(field.get_ref(), false).is_none() {
                let labels = MetaKey::ALL.map(|k| k.label());
                return Err(ConfigError {
                    message: format!("unknown metadata field `{}`", field.get_ref()),
                    span: Some(field.span()),
                    help: Some(
                        did_you_mean(field.get_ref(), labels.into_iter())
                            .unwrap_or_else(|| format!("known fields: {}", labels.join(", "))),
                    ),
                });
            }
        }
    }
    Ok(())
}

/// A glob as `include`, `exclude` and `files` mean it: `*` stays within one folder, `**`
/// crosses folders.
fn path_glob(pattern: &str) -> Result<globset::Glob, globset::Error> {
    GlobBuilder::new(pattern).literal_separator(true).build()
}

fn globs(patterns: &[Spanned<String>]) -> Result<GlobSet, ConfigError> {
    let mut builder = GlobSetBuilder::new();
    for p in patterns {
        let glob = path_glob(p.get_ref()).map_err(|e| ConfigError {
            message: format!("invalid glob `{}`: {}", p.get_ref(), e.kind()),
            span: Some(p.span()),
            help: None,
        })?;
        builder.add(glob);
        // `plans/book` and `plans/book/` also mean everything below the folder.
        let trimmed = p.get_ref().trim_end_matches('/');
        if !trimmed.contains(['*', '?', '[', '{']) {
            if let Ok(g) = path_glob(&format!("{trimmed}/**")) {
                builder.add(g);
            }
        }
    }
    builder.build().map_err(|e| ConfigError {
        message: e.to_string(),
        span: None,
        help: None,
    })
}

/// "did you mean `x`?" for the closest candidate, if one is close.
pub fn did_you_mean<'a>(word: &str, candidates: impl Iterator<Item = &'a str>) -> Option<String> {
    candidates
        .map(|c| {
            (
                c,
                strsim::jaro_winkler(&word.to_lowercase(), &c.to_lowercase()),
            )
        })
        .filter(|(_, s)| *s >= 0.8)
        .max_by(|a, b| a.1.total_cmp(&b.1))
        .map(|(c, _)| format!("did you mean `{c}`?"))
}

/// Keys that belong in a table, for a key written at the wrong level (`extend-values` at the top
/// instead of under `[status]`).
const NESTED_KEYS: [(&str, &str); 6] = [
    ("values", "[status]"),
    ("extend-values", "[status]"),
    ("finished", "[status]"),
    ("required-sections", "[canonical] or [numbered]"),
    ("recommended-sections", "[canonical] or [numbered]"),
    ("required-metadata", "[canonical] or [numbered]"),
];

fn nested_key(word: &str) -> Option<String> {
    let (key, table) = NESTED_KEYS
        .iter()
        .find(|(k, _)| strsim::jaro_winkler(&word.to_lowercase(), k) >= 0.9)?;
    Some(format!("`{key}` belongs under {table}"))
}

impl Loaded {
    /// The 1-based line of a byte offset in the file (a span's start in `config`).
    pub fn line_of(&self, offset: usize) -> usize {
        let before = self.text.get(..offset).unwrap_or(&self.text);
        before.matches('\n').count() + 1
    }

    /// The file's text.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// The layers that apply to a file (path from the project root), in the order they are
    /// applied: the top level, then each override whose globs match it.
    pub fn layers(&self, rel: Option<&str>) -> Vec<Layer<'_>> {
        std::iter::once(self.config.layer())
            .chain(
                self.config
                    .overrides
                    .iter()
                    .zip(self.matching(rel))
                    .filter(|(_, on)| *on)
                    .map(|(o, _)| o.layer()),
            )
            .collect()
    }

    /// Whether a file found while walking folders (path from the project root) is linted.
    pub fn walk_includes(&self, rel: &str) -> bool {
        let included = self.include.as_ref().is_none_or(|g| g.is_match(rel));
        included && !self.is_excluded(rel)
    }

    /// Whether `include` globs are configured.
    pub fn has_include(&self) -> bool {
        self.include.is_some()
    }

    /// Whether `exclude` globs are configured.
    pub fn has_exclude(&self) -> bool {
        self.exclude.is_some()
    }

    /// Whether a path (file or folder, from the project root) is excluded.
    pub fn is_excluded(&self, rel: &str) -> bool {
        self.exclude.as_ref().is_some_and(|g| g.is_match(rel))
    }

    /// Which overrides apply to a file: the key for caching its settings.
    pub fn matching(&self, rel: Option<&str>) -> Vec<bool> {
        self.overrides
            .iter()
            .map(|g| rel.is_some_and(|p| g.is_match(p)))
            .collect()
    }

    /// The settings for a file whose overrides are `matching`, on top of `base` (the flags).
    pub fn settings(&self, matching: &[bool], base: &Settings) -> Settings {
        self.settings_over(&Settings::default(), matching, base)
    }

    /// [`Loaded::settings`] over `start` (the built-in defaults with the project's spec applied)
    /// instead of the bare defaults: the file's layers go on top of the spec's.
    pub fn settings_over(&self, start: &Settings, matching: &[bool], base: &Settings) -> Settings {
        let mut s = start.clone();
        apply(&self.config.layer(), &mut s);
        for (o, on) in self.config.overrides.iter().zip(matching) {
            if *on {
                apply(&o.layer(), &mut s);
            }
        }
        s.with_flags(base)
    }
}

fn apply(layer: &Layer<'_>, s: &mut Settings) {
    if let Some(d) = layer.dialect {
        s.dialect = match d.get_ref() {
            DialectChoice::Auto => None,
            DialectChoice::Numbered => Some(Dialect::Numbered),
            DialectChoice::Canonical => Some(Dialect::Canonical),
        };
    }
    for (rule, level) in layer.rules.into_iter().flatten() {
        s.severities
            .insert(rule.get_ref().clone(), level.severity());
    }
    for (dialect, dc) in [
        (Dialect::Numbered, layer.numbered),
        (Dialect::Canonical, layer.canonical),
    ] {
        let Some(dc) = dc else { continue };
        let target = match dialect {
            Dialect::Numbered => &mut s.numbered,
            Dialect::Canonical => &mut s.canonical,
        };
        if let Some(list) = &dc.required_sections {
            target.required_sections = Some(specs(list.get_ref(), dialect));
        }
        if let Some(list) = &dc.recommended_sections {
            target.recommended_sections = Some(specs(list.get_ref(), dialect));
        }
        if let Some(list) = &dc.required_metadata {
            target.required_metadata = Some(
                list.get_ref()
                    .iter()
                    .filter_map(|f| MetaKey::from_key(f.get_ref(), false))
                    .collect(),
            );
        }
    }
    if let Some(st) = layer.status {
        s.statuses_closed |= st.values.is_some() || st.extend_values.is_some();
        if let Some(values) = &st.values {
            s.statuses = values
                .get_ref()
                .iter()
                .map(|v| planlint_parser::status::normalize_value(v))
                .collect();
        }
        if let Some(extra) = &st.extend_values {
            s.statuses.extend(
                extra
                    .get_ref()
                    .iter()
                    .map(|v| planlint_parser::status::normalize_value(v)),
            );
        }
        if let Some(finished) = &st.finished {
            s.finished = finished
                .get_ref()
                .iter()
                .map(|v| planlint_parser::status::normalize_value(v))
                .collect();
        }
    }
}

fn specs(list: &[SectionEntry], dialect: Dialect) -> Vec<SectionSpec> {
    list.iter()
        .map(|e| {
            let (name, aliases) = match e {
                SectionEntry::Name(n) => (n, &[][..]),
                SectionEntry::Detailed { name, aliases } => (name, &aliases[..]),
            };
            let kind = sections::classify(name);
            let mut all: Vec<String> = aliases
                .iter()
                .map(|a| sections::normalize_name(a))
                .collect();
            if kind.is_none() {
                all.push(sections::normalize_name(name));
            }
            let display = match kind {
                Some(k) if aliases.is_empty() => SectionSpec::known(k, dialect).name,
                _ => name.clone(),
            };
            SectionSpec {
                name: display,
                kind,
                aliases: all,
            }
        })
        .collect()
}

/// The JSON Schema of `planlint.toml`, generated from these types.
pub fn json_schema() -> String {
    let schema = schemars::schema_for!(Config);
    let mut s = serde_json::to_string_pretty(&schema).unwrap_or_default();
    s.push('\n');
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Issue 13, item 15: suggestions for a severity written `warn`, a key written with `_`, and
    /// a key at the wrong level.
    #[test]
    fn suggestions_for_near_misses() {
        let help = |text: &str| Config::parse(text).unwrap_err().help.unwrap_or_default();
        assert_eq!(
            help("[rules]\nplaceholder = \"warn\"\n"),
            "did you mean `warning`?"
        );
        assert_eq!(
            help("[status]\nextend_values = [\"x\"]\n"),
            "did you mean `extend-values`?"
        );
        assert_eq!(
            help("extend_values = [\"x\"]\n"),
            "`extend-values` belongs under [status]"
        );
        assert_eq!(help("dialect = \"numberd\"\n"), "did you mean `numbered`?");
    }

    /// Issue 18, item 5c: suggestions come from the keys of the table the key is in, at any
    /// depth, with the key's span; a section entry's unknown key is no longer dropped.
    #[test]
    fn suggestions_come_from_the_tables_own_keys() {
        let text = "[[overrides]]\nfiles = [\"x\"]\n[overrides.status]\nfinishd = []\n";
        let err = Config::parse(text).unwrap_err();
        assert_eq!(err.message, "unknown field `finishd`");
        assert_eq!(err.span, Some(47..54));
        assert_eq!(err.help.as_deref(), Some("did you mean `finished`?"));
        let text = "[numbered]\nrequired-sections = [{ name = \"Risks\", alias = [] }]\n";
        let err = Config::parse(text).unwrap_err();
        assert_eq!(err.message, "unknown field `alias`");
        assert_eq!(err.help.as_deref(), Some("did you mean `aliases`?"));
        assert_eq!(&text[err.span.unwrap()], "alias");
        // Names that are fine stay fine: any rule name as a key of `[rules]`, any spec path.
        assert!(
            Config::parse("spec = \"docs/PLANS.md\"\n[rules]\nplaceholder = \"off\"\n").is_ok()
        );
    }

    #[test]
    fn a_misspelt_key_names_the_key_and_suggests() {
        let err = Config::parse("dialet = \"numbered\"\n").unwrap_err();
        assert_eq!(err.message, "unknown field `dialet`");
        assert_eq!(err.span, Some(0..6));
        assert_eq!(err.help.as_deref(), Some("did you mean `dialect`?"));
    }

    #[test]
    fn wrong_type_unknown_rule_and_unknown_dialect() {
        let err = Config::parse("include = \"plans\"\n").unwrap_err();
        assert!(err.message.contains("invalid type"), "{}", err.message);
        let err = Config::parse("[rules]\ntimestamp-ordr = \"off\"\n").unwrap_err();
        assert_eq!(err.message, "unknown rule `timestamp-ordr`");
        assert_eq!(err.help.as_deref(), Some("did you mean `timestamp-order`?"));
        assert_eq!(err.span, Some(8..22));
        let err = Config::parse("dialect = \"numberd\"\n").unwrap_err();
        assert!(
            err.message.contains("unknown variant `numberd`"),
            "{}",
            err.message
        );
        let err = Config::parse("[rules]\nplaceholder = \"loud\"\n").unwrap_err();
        assert!(
            err.message.contains("unknown variant `loud`"),
            "{}",
            err.message
        );
    }

    #[test]
    fn overrides_apply_in_order_and_flags_win() {
        let loaded = Config::parse(
            "dialect = \"canonical\"\n[rules]\nplaceholder = \"error\"\n\n[[overrides]]\nfiles = [\"plans/book\"]\ndialect = \"numbered\"\n[overrides.rules]\nplaceholder = \"off\"\n",
        )
        .unwrap();
        let base = Settings::default();
        let book = loaded.settings(&loaded.matching(Some("plans/book/ch1.md")), &base);
        assert_eq!(book.dialect, Some(Dialect::Numbered));
        assert!(!book.enabled("placeholder"));
        let dev = loaded.settings(&loaded.matching(Some("plans/dev/x.md")), &base);
        assert_eq!(dev.dialect, Some(Dialect::Canonical));
        assert_eq!(
            dev.configured_severity("placeholder"),
            Some(Severity::Error)
        );
        let mut flags = Settings::default();
        flags.severities.insert("placeholder".into(), None);
        assert!(!loaded
            .settings(&loaded.matching(Some("plans/dev/x.md")), &flags)
            .enabled("placeholder"));
    }
}
