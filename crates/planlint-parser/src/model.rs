//! The typed ExecPlan model: what a plan says, with a byte span for every element.
//!
//! Rules read this model and never re-scan the Markdown. Text is borrowed from the source (the
//! `'a` lifetime) wherever it stands there as written; normalised forms (section names, status
//! values) are owned.

use schemars::JsonSchema;
use serde::Serialize;

use crate::sections::SectionKind;
use crate::span::{LineIndex, Position, Span};
use crate::timestamp::{Stamp, Timestamp};

/// The two ExecPlan dialects.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Dialect {
    /// `## 1. Metadata` … `## 12. Idempotence & recovery`, with a Metadata list.
    Numbered,
    /// The PLANS.md skeleton: Purpose / Big Picture, Progress, Surprises & Discoveries, …
    Canonical,
}

impl Dialect {
    /// The dialect's name as users write it in configuration.
    pub fn name(self) -> &'static str {
        match self {
            Dialect::Numbered => "numbered",
            Dialect::Canonical => "canonical",
        }
    }
}

/// Which sections a plan holds itself to, judged from the plan itself.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, JsonSchema)]
#[serde(tag = "kind", content = "sections", rename_all = "kebab-case")]
pub enum Conformance {
    /// The preamble names its living sections ("This ExecPlan is a living document. The sections
    /// `Progress`, … must be kept up to date"): those names are the plan's own contract.
    Declared(Vec<DeclaredSection>),
    /// The plan is held to the skeleton: every file in plan scope is an ExecPlan.
    Skeleton,
}

/// A section named in the preamble's living-document sentence.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, JsonSchema)]
pub struct DeclaredSection {
    pub name: String,
    pub normalized: String,
    pub kind: Option<SectionKind>,
    pub span: Span,
}

/// The title heading.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, JsonSchema)]
pub struct Title<'a> {
    pub text: &'a str,
    pub span: Span,
}

/// A section: a heading at the plan's section level and the body up to the next one.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, JsonSchema)]
pub struct Section<'a> {
    /// The heading text as written (without `#` marks).
    pub raw_title: &'a str,
    /// The normalised name used for matching (`surprise and discoverie`); not part of the JSON.
    #[serde(skip)]
    pub name: String,
    /// The section's name as people write it: the known section's name in the plan's dialect
    /// (`Surprises & Discoveries`), else the heading without its number.
    #[serde(rename = "name")]
    pub label: String,
    /// The known section this heading names, if any.
    pub kind: Option<SectionKind>,
    /// Whether the heading is exactly a name or alias of `kind` (not just beginning with one).
    pub exact: bool,
    /// The leading section number (`7.` → 7).
    pub number: Option<u32>,
    pub level: u8,
    /// How many higher-level headings (other than the title) come before this section: files
    /// that hold several plans under their own `#` titles have one part per plan.
    pub part: usize,
    /// The whole heading line.
    pub heading: Span,
    /// The heading's text (after the `#` marks).
    pub title_span: Span,
    /// From the end of the heading to the next section heading.
    pub body: Span,
    /// Whether the body has any content besides blank lines, HTML comments and sub-headings.
    pub has_content: bool,
}

/// Which metadata field a key names.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum MetaKey {
    PlanId,
    Title,
    Author,
    DateCreated,
    LastUpdated,
    Related,
}

impl MetaKey {
    /// The six fields of the numbered dialect, in order.
    pub const ALL: [MetaKey; 6] = [
        MetaKey::PlanId,
        MetaKey::Title,
        MetaKey::Author,
        MetaKey::DateCreated,
        MetaKey::LastUpdated,
        MetaKey::Related,
    ];

    /// The field's name as the numbered dialect writes it.
    pub fn label(self) -> &'static str {
        match self {
            MetaKey::PlanId => "Plan ID",
            MetaKey::Title => "Title",
            MetaKey::Author => "Author",
            MetaKey::DateCreated => "Date created",
            MetaKey::LastUpdated => "Last updated",
            MetaKey::Related => "Related issues/PRs",
        }
    }

    /// The field a key names, after lowercasing and folding `_`/`-` to spaces.
    pub fn from_key(key: &str, front_matter: bool) -> Option<MetaKey> {
        let key = key.trim();
        // Short ASCII keys (nearly all) are folded on the stack; others the long way.
        let mut buf = [0u8; 32];
        let owned: String;
        let k: &str = if key.is_ascii() && key.len() <= buf.len() {
            for (slot, b) in buf.iter_mut().zip(key.bytes()) {
                *slot = match b {
                    b'_' | b'-' => b' ',
                    b => b.to_ascii_lowercase(),
                };
            }
            std::str::from_utf8(&buf[..key.len()]).unwrap_or_default()
        } else {
            owned = key
                .chars()
                .map(|c| if c == '_' || c == '-' { ' ' } else { c })
                .collect::<String>()
                .to_lowercase();
            &owned
        };
        Some(match k {
            "plan id" | "planid" | "plan id/path" => MetaKey::PlanId,
            "id" if front_matter => MetaKey::PlanId,
            "title" => MetaKey::Title,
            "author" | "authors" | "owner" | "作成者" | "作者" | "작성자" => {
                MetaKey::Author
            }
            "date created" | "created" | "created at" | "created on" | "creation date"
            | "作成日" | "创建时间" | "创建日期" | "작성일" => MetaKey::DateCreated,
            "last updated" | "updated" | "last edited" | "updated at" | "last modified"
            | "最終更新" | "更新日" | "更新时间" | "更新日期" | "최종 수정" => {
                MetaKey::LastUpdated
            }
            "related issues/prs" | "related issues" | "related prs" | "related issues / prs" => {
                MetaKey::Related
            }
            _ => return None,
        })
    }
}

/// Where a metadata field or status was written.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Origin {
    FrontMatter,
    /// Between the title and the first section.
    Preamble,
    /// The Metadata section.
    Metadata,
    /// A `## Status` section.
    StatusSection,
    /// Outcomes & Retrospective.
    Outcomes,
}

/// A metadata field: `- Last updated: 2025-11-16`, front matter `updated:`, `**Plan ID:** 7`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, JsonSchema)]
pub struct MetadataField<'a> {
    pub key: &'a str,
    pub field: Option<MetaKey>,
    pub value: &'a str,
    pub key_span: Span,
    pub value_span: Span,
    pub origin: Origin,
}

/// One of the plan's own status values.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, JsonSchema)]
pub struct Status {
    /// The value as written (`In Progress`).
    pub raw: String,
    /// Lowercase, `_` and spaces as `-` (`in-progress`).
    pub value: String,
    pub span: Span,
    pub origin: Origin,
}

/// The state of a checkbox.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum BoxState {
    Open,
    Checked,
    /// `[!]`: deliberately open (blocked).
    Blocked,
    /// `[~]`: deliberately open (skipped).
    Skipped,
    /// Not valid task-list syntax.
    Malformed,
}

/// A checkbox in a list item (or a `-[x]` line that wanted to be one).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, JsonSchema)]
pub struct Checkbox<'a> {
    pub state: BoxState,
    /// For a malformed box, the state its author evidently meant, if that is unambiguous.
    pub intended: Option<BoxState>,
    /// The marker as written, from the list bullet to the closing bracket when malformed
    /// (`-[x]`, `[X ]`), else the `[x]` itself.
    pub marker: Span,
    pub raw: &'a str,
    /// Index into [`Plan::sections`].
    pub section: Option<usize>,
    /// List nesting depth (0 = top level).
    pub depth: usize,
}

impl Checkbox<'_> {
    /// The state the box stands for: a malformed box counts as the state its author meant
    /// (or stays malformed when that is unclear).
    pub fn effective_state(&self) -> BoxState {
        match self.state {
            BoxState::Malformed => self.intended.unwrap_or(BoxState::Malformed),
            s => s,
        }
    }
}

/// A Progress entry: one list item of the Progress section.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, JsonSchema)]
pub struct ProgressEntry<'a> {
    /// The entry's first paragraph.
    pub span: Span,
    /// The text after the list marker and checkbox.
    pub text: &'a str,
    /// Index into [`Plan::checkboxes`].
    pub checkbox: Option<usize>,
    pub stamp: Stamp,
    /// 0 for a top-level entry, 1+ for sub-items that belong to their parent.
    pub depth: usize,
    /// Index of the parent entry for sub-items.
    pub parent: Option<usize>,
    /// Which list of the Progress section the entry stands in, counted from 0 in the order the
    /// lists begin: entries of separate lists (or under different sub-headings) differ here.
    #[serde(skip)]
    pub list: usize,
}

impl ProgressEntry<'_> {
    /// The timestamp, when valid.
    pub fn timestamp(&self) -> Option<&Timestamp> {
        match &self.stamp {
            Stamp::Valid { timestamp } => Some(timestamp),
            _ => None,
        }
    }
}

/// How a Decision Log entry is written.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum DecisionForm {
    /// `- Decision:` with `Rationale:` lines or sibling bullets.
    List,
    /// `Decision:` paragraphs.
    Paragraph,
    /// A table row under a `Decision` column.
    Table,
}

/// A Decision Log entry.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, JsonSchema)]
pub struct Decision<'a> {
    pub text: &'a str,
    pub span: Span,
    /// The rationale text's span, if the entry has one.
    pub rationale: Option<Span>,
    pub form: DecisionForm,
}

/// A backticked repository path (`src/csv.rs`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, JsonSchema)]
pub struct Reference<'a> {
    // The path as written, with any `:line[:column]` suffix (see `file`).
    pub path: &'a str,
    pub span: Span,
    pub section: Option<usize>,
}

impl<'a> Reference<'a> {
    /// The file's path without a `:line[:column]` suffix (`src/lib.rs:42` → `src/lib.rs`).
    pub fn file(&self) -> &'a str {
        crate::build::strip_line_suffix(self.path)
    }
}

/// A placeholder word (TBD, TODO, FIXME) in running text.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, JsonSchema)]
pub struct Placeholder {
    pub word: &'static str,
    pub span: Span,
    pub section: Option<usize>,
}

/// An HTML comment (`<!-- … -->`), kept for inline suppressions.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, JsonSchema)]
pub struct Comment {
    pub text: String,
    pub span: Span,
}

/// The ```` ```md ```` fence that wraps a whole plan.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, JsonSchema)]
pub struct Envelope {
    /// The opening fence line.
    pub open: Span,
    /// The inner text the plan was parsed from.
    pub inner: Span,
    /// Fence lines inside the envelope (they close it early in any Markdown renderer).
    pub nested_fences: Vec<Span>,
}

/// A parsed ExecPlan.
#[derive(Clone, Debug, Serialize, JsonSchema)]
pub struct Plan<'a> {
    #[serde(skip)]
    pub source: &'a str,
    #[serde(skip)]
    pub lines: LineIndex,
    pub dialect: Dialect,
    pub conformance: Conformance,
    /// Whether the file has a UTF-8 byte order mark.
    pub bom: bool,
    /// The front matter block, from its opening `---` line through its closing `---` or `...`
    /// line and that line's ending: the one definition of where front matter lies.
    #[serde(skip)]
    pub front_matter: Option<Span>,
    pub title: Option<Title<'a>>,
    pub envelope: Option<Envelope>,
    pub sections: Vec<Section<'a>>,
    /// The text of each heading below the section level (`### Risks` under a `##` section):
    /// kept as spans and named only when asked, since few checks need them.
    #[serde(skip)]
    pub subheadings: Vec<Span>,
    pub metadata: Vec<MetadataField<'a>>,
    pub statuses: Vec<Status>,
    pub checkboxes: Vec<Checkbox<'a>>,
    pub progress: Vec<ProgressEntry<'a>>,
    pub decisions: Vec<Decision<'a>>,
    pub references: Vec<Reference<'a>>,
    pub placeholders: Vec<Placeholder>,
    pub comments: Vec<Comment>,
    /// Where the first section starts (or the end of the file): the preamble ends here.
    pub preamble_end: usize,
    /// The parent plan a record says it belongs to in its front matter (`execplan_id:`,
    /// `plan_file:`, beside a `task_id:` or `ms:`): a task or milestone record of that plan, not
    /// a plan of its own.
    pub part_of: Option<&'a str>,
}

impl<'a> Plan<'a> {
    /// The sections of a kind.
    pub fn sections_of(&self, kind: SectionKind) -> impl Iterator<Item = (usize, &Section<'a>)> {
        self.sections
            .iter()
            .enumerate()
            .filter(move |(_, s)| s.kind == Some(kind))
    }

    /// Whether the file holds nothing but white space (and perhaps a BOM).
    pub fn is_blank(&self) -> bool {
        self.source.trim_start_matches('\u{feff}').trim().is_empty()
    }

    /// The first section of a kind.
    pub fn section(&self, kind: SectionKind) -> Option<&Section<'a>> {
        self.sections.iter().find(|s| s.kind == Some(kind))
    }

    /// The index of the section containing byte `offset`.
    pub fn section_at(&self, offset: usize) -> Option<usize> {
        section_index(&self.sections, offset)
    }

    /// The first metadata field of a kind.
    pub fn meta(&self, key: MetaKey) -> Option<&MetadataField<'a>> {
        self.metadata.iter().find(|m| m.field == Some(key))
    }

    /// Source text of a span.
    pub fn text(&self, span: Span) -> &str {
        self.source.get(span.start..span.end).unwrap_or("")
    }

    /// 1-based line/column (in characters) of a byte offset.
    pub fn position(&self, offset: usize) -> Position {
        self.lines.position(self.source, offset)
    }

    /// The span of the whole line holding `offset`, without its line ending.
    pub fn line_span(&self, offset: usize) -> Span {
        let line = self.lines.line_of(offset);
        Span::new(
            self.lines.line_start(line),
            self.lines.line_end(self.source, line),
        )
    }
}

pub(crate) fn section_index(sections: &[Section<'_>], offset: usize) -> Option<usize> {
    let idx = sections.partition_point(|s| s.heading.start <= offset);
    idx.checked_sub(1)
}
