//! The plan's outline: which heading level holds the sections, the title, each section with its
//! body, which sections have content, the preamble between title and first section, and the
//! dialect. Every later builder step places its pieces in this outline.

use super::walk::{Raw, RawHeading, RawItem};
use crate::model::{section_index, Dialect, Section, Title};
use crate::sections::{self, SectionKind};
use crate::span::{LineIndex, Span};

/// Title, sections, preamble and dialect.
pub(crate) struct Outline<'a> {
    pub title: Option<Title<'a>>,
    pub sections: Vec<Section<'a>>,
    /// The text of each heading below the section level (`###` under a `##` section).
    pub subheadings: Vec<Span>,
    /// From the end of the title (or the region's start) to the first section heading.
    pub preamble: Span,
    pub dialect: Dialect,
}

impl Outline<'_> {
    /// Whether `offset` lies in the preamble.
    pub fn in_preamble(&self, offset: usize) -> bool {
        offset >= self.preamble.start && offset < self.preamble.end
    }
}

/// A heading's text span and its leading section number.
#[derive(Clone, Copy)]
struct HeadingText {
    span: Span,
    number: Option<u32>,
}

/// Build the outline from the headings and top-level blocks of `region`.
pub(crate) fn outline<'a>(
    source: &'a str,
    lines: &LineIndex,
    region: Span,
    raw: &Raw,
) -> Outline<'a> {
    let texts: Vec<HeadingText> = raw
        .headings
        .iter()
        .map(|h| {
            let span = heading_text(source, h);
            let text = &source[span.start..span.end];
            // `3.1 API DTO` numbers a subsection of section 3, not a section of its own.
            let sub = {
                let t = text.trim_start_matches(['*', '_']);
                let digits = t.bytes().take_while(u8::is_ascii_digit).count();
                t[digits..]
                    .strip_prefix('.')
                    .is_some_and(|r| r.starts_with(|c: char| c.is_ascii_digit()))
            };
            let number = sections::strip_number(text).1.filter(|_| !sub);
            HeadingText { span, number }
        })
        .collect();
    let level = section_level(&raw.headings, &texts);
    let (title, title_idx) = title(source, &raw.headings, &texts, level);
    let mut secs = sections(
        source,
        lines,
        region,
        &raw.headings,
        &texts,
        level,
        title_idx,
    );
    mark_content(&mut secs, raw);
    let preamble = Span::new(
        title.as_ref().map_or(region.start, |t| t.span.end),
        secs.first().map_or(region.end, |s| s.heading.start),
    );
    let subheadings = raw
        .headings
        .iter()
        .zip(&texts)
        .filter(|(h, _)| h.level > level)
        .map(|(_, t)| t.span)
        .collect();
    let dialect = dialect(&secs);
    for s in &mut secs {
        s.label = match (s.kind, dialect) {
            (Some(k), Dialect::Numbered) => k.numbered_name().to_string(),
            (Some(k), Dialect::Canonical) => k.canonical_name().to_string(),
            (None, _) => sections::strip_number(s.raw_title).0.trim().to_string(),
        };
    }
    Outline {
        title,
        sections: secs,
        subheadings,
        preamble,
        dialect,
    }
}

/// Section level: H2, or H1 where the plan numbers its H1 headings (or has no H2 at all).
fn section_level(headings: &[RawHeading], texts: &[HeadingText]) -> u8 {
    let numbered_h1s = || {
        headings
            .iter()
            .zip(texts)
            .enumerate()
            .filter(|(_, (h, t))| h.level == 1 && t.number.is_some())
            .map(|(i, _)| i)
    };
    let numbered_h1 = numbered_h1s().count();
    let first_numbered_h1 = numbered_h1s().next();
    // H2 sections before the numbered H1s mean the H1s are something else (examples in a spec);
    // one H2 before three or more numbered H1s counting from 0 or 1 is the plan's preamble
    // (`## PR Identity` above `# 1. Decisions`, `# 2. …`), where an excerpt starting at `# 7.`
    // is an example.
    let from_start = first_numbered_h1.is_some_and(|i| matches!(texts[i].number, Some(0 | 1)));
    let h2_before = headings[..first_numbered_h1.unwrap_or(0)]
        .iter()
        .filter(|h| h.level == 2)
        .count();
    let has_h2 = headings.iter().any(|h| h.level == 2);
    let h1_count = headings.iter().filter(|h| h.level == 1).count();
    if (numbered_h1 >= 2 && h2_before == 0)
        || (numbered_h1 >= 3 && h2_before == 1 && from_start)
        || (!has_h2 && h1_count >= 3)
    {
        1
    } else {
        2
    }
}

/// The first H1 before the first section (an unnumbered one, where H1s are sections), and its
/// index among the headings.
fn title<'a>(
    source: &'a str,
    headings: &[RawHeading],
    texts: &[HeadingText],
    level: u8,
) -> (Option<Title<'a>>, Option<usize>) {
    for (i, h) in headings.iter().enumerate() {
        if h.level == 1 {
            let t = texts[i];
            if level == 2 || t.number.is_none() {
                let title = Title {
                    text: &source[t.span.start..t.span.end],
                    span: t.span,
                };
                return (Some(title), Some(i));
            }
            break;
        }
        if h.level <= level {
            break;
        }
    }
    (None, None)
}

/// The headings at the section level, each with the body up to the next one and the count of
/// higher-level headings before it (its part of the file).
fn sections<'a>(
    source: &'a str,
    lines: &LineIndex,
    region: Span,
    headings: &[RawHeading],
    texts: &[HeadingText],
    level: u8,
    title_idx: Option<usize>,
) -> Vec<Section<'a>> {
    let mut heads: Vec<(&RawHeading, usize, usize)> = Vec::with_capacity(headings.len());
    let mut part = 0;
    for (i, h) in headings.iter().enumerate() {
        if Some(i) == title_idx {
            continue;
        }
        if h.level == level {
            heads.push((h, i, part));
        } else if h.level < level {
            part += 1;
        }
    }
    let mut secs = Vec::with_capacity(heads.len());
    for (i, &(h, hi, part)) in heads.iter().enumerate() {
        let t = texts[hi];
        let raw_title = &source[t.span.start..t.span.end];
        let (name, detail) = sections::name_and_kind(raw_title);
        let body_end = heads.get(i + 1).map_or(region.end, |n| n.0.span.start);
        secs.push(Section {
            raw_title,
            label: String::new(),
            kind: detail.map(|d| d.0),
            exact: detail.is_some_and(|d| d.1),
            name,
            number: t.number,
            level: h.level,
            part,
            heading: Span::new(
                h.span.start,
                lines.line_end(source, lines.line_of(h.span.start)),
            ),
            title_span: t.span,
            body: Span::new(h.span.end.min(body_end), body_end),
            has_content: false,
        });
    }
    secs
}

/// A section has content when a content block starts in its body.
fn mark_content(secs: &mut [Section<'_>], raw: &Raw) {
    for block in raw.blocks.iter().filter(|b| b.content) {
        if let Some(i) = section_index(secs, block.start) {
            if block.start >= secs[i].body.start {
                secs[i].has_content = true;
            }
        }
    }
}

/// Numbered when a Metadata section stands among three or more numbered sections.
fn dialect(secs: &[Section<'_>]) -> Dialect {
    let numbered = secs.iter().filter(|s| s.number.is_some()).count();
    // The Metadata section itself, not a heading that only begins with the word
    // (`Metadata Reconciliation` in a plan of numbered chapters).
    let metadata = secs
        .iter()
        .any(|s| s.kind == Some(SectionKind::Metadata) && s.exact);
    if metadata && numbered >= 3 {
        Dialect::Numbered
    } else {
        Dialect::Canonical
    }
}

/// The text of a heading without `#` marks, closing hashes or setext underline.
fn heading_text(source: &str, h: &RawHeading) -> Span {
    let text = &source[h.span.start..h.span.end];
    if h.setext {
        let first = text.lines().next().unwrap_or("");
        let lead = first.len() - first.trim_start().len();
        return Span::new(
            h.span.start + lead,
            h.span.start + lead + first.trim().len(),
        );
    }
    let line = text.lines().next().unwrap_or("");
    let after_hashes = line.trim_start().trim_start_matches('#');
    let mut body = after_hashes.trim();
    let stripped = body.trim_end_matches('#');
    if stripped.len() < body.len() && (stripped.is_empty() || stripped.ends_with([' ', '\t'])) {
        body = stripped.trim_end();
    }
    // `body` lies inside `line`: its offset is the distance between them.
    let at = if body.is_empty() {
        0
    } else {
        body.as_ptr() as usize - line.as_ptr() as usize
    };
    let start = h.span.start + at;
    Span::new(start, start + body.len())
}

/// The section each list item's body lies in (an item on a heading's line has none).
pub(crate) fn item_sections(secs: &[Section<'_>], items: &[RawItem]) -> Vec<Option<usize>> {
    let mut cursor = SectionCursor::new(secs);
    items
        .iter()
        .map(|item| {
            cursor
                .at(item.span.start)
                .filter(|&i| item.span.start >= secs[i].body.start)
        })
        .collect()
}

/// [`section_index`] for offsets met in document order: a step forward instead of a search
/// each time (a smaller offset than the last is searched for).
pub(crate) struct SectionCursor<'s, 'a> {
    secs: &'s [Section<'a>],
    /// How many sections start at or before the last offset.
    passed: usize,
    last: usize,
}

impl<'s, 'a> SectionCursor<'s, 'a> {
    pub fn new(secs: &'s [Section<'a>]) -> Self {
        SectionCursor {
            secs,
            passed: 0,
            last: 0,
        }
    }

    pub fn at(&mut self, offset: usize) -> Option<usize> {
        if offset < self.last {
            return section_index(self.secs, offset);
        }
        self.last = offset;
        while self.passed < self.secs.len() && self.secs[self.passed].heading.start <= offset {
            self.passed += 1;
        }
        self.passed.checked_sub(1)
    }
}

#[cfg(test)]
mod tests {
    use crate::parse;

    /// One H2 above three numbered H1 sections is the preamble; two or more H2s before them
    /// are the sections (the H1s are examples, as in a spec).
    #[test]
    fn numbered_h1_sections_after_one_h2() {
        let plan = parse("# Plan\n\n## PR Identity\n\nBranch x.\n\n# 1. Decisions\n\n## 1.1 Naming\n\n# 2. Progress\n\n# 3. Outcomes\n");
        let names: Vec<&str> = plan.sections.iter().map(|s| s.raw_title).collect();
        assert_eq!(names, ["1. Decisions", "2. Progress", "3. Outcomes"]);
        assert_eq!(plan.title.map(|t| t.text), Some("Plan"));
        let spec = parse("# Spec\n\n## Rules\n\nA.\n\n## Example\n\n# 1. Decisions\n\n# 2. Progress\n\n# 3. Outcomes\n");
        let names: Vec<&str> = spec.sections.iter().map(|s| s.raw_title).collect();
        assert_eq!(names, ["Rules", "Example"]);
        // One H2 above an excerpt that starts at 7: the H1s are an example.
        let excerpt =
            parse("# Spec\n\n## Example\n\n# 7. Validation\n\n# 8. Progress\n\n# 9. Surprises\n");
        let names: Vec<&str> = excerpt.sections.iter().map(|s| s.raw_title).collect();
        assert_eq!(names, ["Example"]);
    }
}
