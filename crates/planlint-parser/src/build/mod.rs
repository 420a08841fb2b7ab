//! Building the plan model. comrak parses the Markdown once and [`walk`] collects the raw pieces
//! (headings, items, paragraphs, tables, inline code, comments) as byte spans; then one step per
//! part of the model takes the pieces it needs and returns its part, without touching the tree
//! again. [`assemble`] is the table of contents.

mod checkbox;
mod conformance;
pub(crate) mod decisions;
mod envelope;
mod metadata;
mod outline;
mod placeholders;
mod progress;
mod references;
mod walk;

pub use decisions::{DECISION_KEYS, RATIONALE_KEYS};
pub(crate) use references::strip_line_suffix;

use crate::frontmatter::{self, FrontMatter};
use crate::model::{Envelope, Plan};
use crate::span::{LineIndex, Span};
use walk::{walk, Raw};

/// Parse an ExecPlan. Never fails and never panics: any text is some plan, perhaps a poor one.
pub fn parse(source: &str) -> Plan<'_> {
    let bom = source.starts_with('\u{feff}');
    let start = if bom { '\u{feff}'.len_utf8() } else { 0 };
    let lines = LineIndex::new(source);
    let front = frontmatter::split(source, start);
    let md_start = front.as_ref().map_or(start, |f| f.span.end);
    let envelope = envelope::find_envelope(source, md_start);
    let region = envelope
        .as_ref()
        .map_or(Span::new(md_start, source.len()), |e| e.inner);
    let raw = walk(source, &lines, region);
    assemble(source, lines, bom, front, envelope, region, raw)
}

/// The model from the raw pieces, one part at a time.
fn assemble<'a>(
    source: &'a str,
    lines: LineIndex,
    bom: bool,
    front: Option<FrontMatter<'a>>,
    envelope: Option<Envelope>,
    region: Span,
    mut raw: Raw,
) -> Plan<'a> {
    let outline = outline::outline(source, &lines, region, &raw);
    let secs = &outline.sections;
    let item_sections = outline::item_sections(secs, &raw.items);
    let metadata = metadata::metadata(source, front.as_ref(), &outline, &raw, &item_sections);
    let boxes = checkbox::checkboxes(source, region, &raw, secs, &item_sections);
    let progress = progress::progress(source, &raw, secs, &item_sections, &boxes);
    let decisions = decisions::decisions(source, secs, &raw, &item_sections);
    let references = references::references(source, &raw.path_candidates, secs);
    let placeholders = placeholders::placeholders(source, &raw.placeholder_candidates, secs);
    let conformance = conformance::conformance(source, &outline, &raw);
    let mut comments = std::mem::take(&mut raw.comments);
    comments.sort_by_key(|c| c.span.start);
    Plan {
        source,
        lines,
        dialect: outline.dialect,
        conformance,
        bom,
        front_matter: front.as_ref().map(|f| f.span),
        title: outline.title,
        envelope,
        sections: outline.sections,
        subheadings: outline.subheadings,
        metadata: metadata.fields,
        statuses: metadata.statuses,
        checkboxes: boxes.checkboxes,
        progress,
        decisions,
        references,
        placeholders,
        comments,
        preamble_end: outline.preamble.end,
        part_of: metadata.part_of,
    }
}

/// The line holding `start`, from `start` to its end, without the line break.
fn line_at(source: &str, start: usize) -> &str {
    let rest = &source[start.min(source.len())..];
    let end = memchr::memchr(b'\n', rest.as_bytes()).unwrap_or(rest.len());
    rest[..end].trim_end_matches('\r')
}
