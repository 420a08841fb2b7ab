//! Settings the rules read: dialect override, severities, required sections and metadata, the
//! status vocabulary. Defaults are the README's; the CLI fills these from flags and
//! `planlint.toml`.

use std::collections::HashMap;

use planlint_parser::{Dialect, MetaKey, SectionKind};

use crate::diagnostic::Severity;

/// The default status vocabulary (the README's "Configuration" lists it).
pub const DEFAULT_STATUSES: &[&str] = &[
    "proposed",
    "planned",
    "not-started",
    "draft",
    "text-draft",
    "active",
    "in-progress",
    "paused",
    "on-hold",
    "review",
    "in-review",
    "blocked",
    "assets-pending",
    "live-validated",
    "build-validated",
    "implemented",
    "complete",
    "completed",
    "done",
    "archived",
    "abandoned",
    "cancelled",
    "superseded",
    // Finished, as plans written in Chinese, Japanese and Korean say it.
    "完成",
    "已完成",
    "完了",
    "完了済み",
    "완료",
];

/// Statuses that mean the work is finished (in English, Chinese, Japanese and Korean).
pub const DEFAULT_FINISHED: &[&str] = &[
    "complete",
    "completed",
    "done",
    "完成",
    "已完成",
    "完了",
    "完了済み",
    "완료",
];

/// A section a plan must (or should) have: a known kind, or a custom name.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SectionSpec {
    /// The name shown in messages.
    pub name: String,
    pub kind: Option<SectionKind>,
    /// Normalised names that also satisfy the requirement (custom sections and aliases).
    pub aliases: Vec<String>,
}

impl SectionSpec {
    /// A requirement named as a spec writes it (`Goal`, `JJ Snapshot Log`): the known section
    /// the name is (its aliases and translations count), shown as written, or the name itself.
    pub fn named(name: &str) -> Self {
        let kind = planlint_parser::sections::classify(name);
        SectionSpec {
            name: name.to_string(),
            kind,
            aliases: match kind {
                Some(_) => Vec::new(),
                None => {
                    let norm = planlint_parser::sections::normalize_name(name);
                    let others = planlint_parser::sections::synonyms(&norm);
                    std::iter::once(norm.clone())
                        .chain(others.iter().filter(|o| **o != norm).cloned())
                        .collect()
                }
            },
        }
    }

    /// A requirement for a known section, named in the dialect's spelling.
    pub fn known(kind: SectionKind, dialect: Dialect) -> Self {
        let name = match dialect {
            Dialect::Numbered => kind.numbered_name(),
            Dialect::Canonical => kind.canonical_name(),
        };
        SectionSpec {
            name: name.to_string(),
            kind: Some(kind),
            aliases: Vec::new(),
        }
    }
}

/// Required and recommended sections and fields of one dialect; `None` means "the built-in
/// default, which depends on how the plan presents itself".
#[derive(Clone, Debug, Default)]
pub struct DialectSettings {
    pub required_sections: Option<Vec<SectionSpec>>,
    pub recommended_sections: Option<Vec<SectionSpec>>,
    pub required_metadata: Option<Vec<MetaKey>>,
    /// The order sections belong in, where the project's template sets one (else the
    /// dialect's).
    pub order: Option<Vec<SectionSpec>>,
    /// The sections that may hold checklists, where the project's template shows them (else the
    /// dialect's).
    pub checklists: Option<Vec<SectionSpec>>,
    /// Other templates of the project's own: a plan is held to whichever of these and
    /// `required_sections` it follows best.
    pub alternatives: Vec<Vec<SectionSpec>>,
    /// The kind of plan `required_sections` is for, where the spec scopes its list to one
    /// (`execution contract`): a plan that calls itself another kind (a research checklist) is
    /// not held to it.
    pub required_for: Option<String>,
}

/// Everything the rules are configured by.
#[derive(Clone, Debug)]
pub struct Settings {
    /// Force a dialect instead of detecting it per file.
    pub dialect: Option<Dialect>,
    /// Per-rule severity: `Some(None)` switches a rule off.
    pub severities: HashMap<String, Option<Severity>>,
    /// When set, only these rules run (`--select`).
    pub select: Option<Vec<String>>,
    pub numbered: DialectSettings,
    pub canonical: DialectSettings,
    pub statuses: Vec<String>,
    /// Whether the vocabulary is the project's own (its spec calls these the allowed values, or
    /// `planlint.toml` sets them): an unknown status is then an error, else a warning.
    pub statuses_closed: bool,
    pub finished: Vec<String>,
    /// Whether a checked Progress entry must carry a timestamp (a project template whose
    /// Progress examples carry none says it need not).
    pub progress_timestamps: bool,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            dialect: None,
            severities: HashMap::new(),
            select: None,
            numbered: DialectSettings::default(),
            canonical: DialectSettings::default(),
            statuses: DEFAULT_STATUSES.iter().map(|s| s.to_string()).collect(),
            statuses_closed: false,
            finished: DEFAULT_FINISHED.iter().map(|s| s.to_string()).collect(),
            progress_timestamps: true,
        }
    }
}

/// The rules that say a file could not be checked at all. They are always on and always errors,
/// whatever the configuration or the flags: a run with a file that was not checked never passes.
pub const UNCHECKED_FILE_RULES: [&str; 2] = ["encoding", "io-error"];

impl Settings {
    /// Whether `rule` runs at all.
    pub fn enabled(&self, rule: &str) -> bool {
        if UNCHECKED_FILE_RULES.contains(&rule) {
            return true;
        }
        if let Some(select) = &self.select {
            if !select.iter().any(|s| s == rule) {
                return false;
            }
        }
        !matches!(self.severities.get(rule), Some(None))
    }

    /// The configured severity of `rule`, if configuration sets one.
    pub fn configured_severity(&self, rule: &str) -> Option<Severity> {
        if UNCHECKED_FILE_RULES.contains(&rule) {
            return Some(Severity::Error);
        }
        self.severities.get(rule).copied().flatten()
    }

    /// The settings of a dialect.
    /// These settings under the command-line flags (`--select`, `--ignore`, a forced dialect),
    /// which win over every file.
    pub fn with_flags(mut self, flags: &Settings) -> Settings {
        self.select = flags.select.clone();
        for (rule, level) in &flags.severities {
            self.severities.insert(rule.clone(), *level);
        }
        if flags.dialect.is_some() {
            self.dialect = flags.dialect;
        }
        self
    }

    pub fn dialect_settings(&self, dialect: Dialect) -> &DialectSettings {
        match dialect {
            Dialect::Numbered => &self.numbered,
            Dialect::Canonical => &self.canonical,
        }
    }

    /// Whether `value` (normalised) is an allowed status: equal to a vocabulary word, or one
    /// followed by more words (`completed-on-this-branch`).
    pub fn status_allowed(&self, value: &str) -> bool {
        // Only a value that begins with an allowed word, as DESIGN says: one that ends with it
        // (`not-done`, `implementation-complete`) says something else, and is a word to look at.
        vocabulary_match(&self.statuses, value).is_some()
    }

    /// Whether `value` (normalised) means finished.
    pub fn status_finished(&self, value: &str) -> bool {
        vocabulary_match(&self.finished, value).is_some()
    }
}

fn vocabulary_match<'v>(words: &'v [String], value: &str) -> Option<&'v String> {
    words.iter().find(|w| {
        value == w.as_str()
            || value
                .strip_prefix(w.as_str())
                .is_some_and(|rest| rest.starts_with('-'))
    })
}
