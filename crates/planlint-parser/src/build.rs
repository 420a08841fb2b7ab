//! Building the plan model: comrak parses the Markdown once; one walk over its tree collects
//! headings, list items, paragraphs, tables, inline code and comments as byte spans; the model is
//! then assembled from those raw pieces without touching the tree again.

use comrak::arena_tree::NodeEdge;
use comrak::nodes::NodeValue;
use comrak::{Arena, Options};

use crate::frontmatter;
use crate::model::*;
use crate::sections::{self, SectionKind};
use crate::span::{LineIndex, Span};
use crate::status;
use crate::timestamp;

/// Deepest `>` nesting handed to comrak; deeper markers are blanked (same byte length, so spans
/// stay valid). Real plans never come close; this keeps hostile input linear and shallow.
const MAX_QUOTE_DEPTH: usize = 64;

/// Parse an ExecPlan. Never fails and never panics: any text is some plan, perhaps a poor one.
pub fn parse(source: &str) -> Plan<'_> {
    let bom = source.starts_with('\u{feff}');
    let start = if bom { '\u{feff}'.len_utf8() } else { 0 };
    let lines = LineIndex::new(source);
    let front = frontmatter::split(source, start);
    let md_start = front.as_ref().map_or(start, |f| f.span.end);
    let envelope = find_envelope(source, md_start);
    let region = envelope
        .as_ref()
        .map_or(Span::new(md_start, source.len()), |e| e.inner);

    let raw = walk(source, &lines, region);
    assemble(source, lines, bom, front, envelope, region, raw)
}

/// Pieces collected from the comrak tree, as absolute byte spans.
#[derive(Default)]
struct Raw {
    headings: Vec<RawHeading>,
    items: Vec<RawItem>,
    paragraphs: Vec<RawParagraph>,
    tables: Vec<Vec<Vec<Span>>>,
    /// Top-level blocks: start offset and whether they count as content.
    blocks: Vec<(usize, bool)>,
    /// Inline code that names a repository path: the path's span and the code's.
    code: Vec<(Span, Span)>,
    texts: Vec<(String, usize)>,
    comments: Vec<Comment>,
}

struct RawHeading {
    level: u8,
    span: Span,
    setext: bool,
}

struct RawItem {
    span: Span,
    depth: usize,
    parent: Option<usize>,
    first_para: Option<Span>,
}

struct RawParagraph {
    span: Span,
    in_item: bool,
}

/// Converts comrak sourcepos (1-based line, byte column, relative to the parsed region) to
/// absolute byte offsets, with the file's own line index: the region is a suffix of lines of the
/// file (its first line may start after a BOM), and the text comrak reads has the same length
/// and line breaks as the file (the depth guard and the NUL stand-in replace byte for byte).
struct Positions<'s> {
    text: &'s str,
    base: usize,
    lines: &'s LineIndex,
    /// The file's line number of the region's first line.
    first_line: usize,
}

impl Positions<'_> {
    /// Offset in the region of a 1-based line and byte column of the region.
    fn offset(&self, line: usize, column: usize) -> usize {
        let line_start = if line <= 1 {
            0
        } else {
            self.lines
                .line_start(self.first_line + line - 1)
                .saturating_sub(self.base)
        };
        (line_start + column.saturating_sub(1)).min(self.text.len())
    }

    #[inline]
    fn span(&self, sp: comrak::nodes::Sourcepos) -> Span {
        let start = self.offset(sp.start.line, sp.start.column);
        // `end` is inclusive: the last byte of the node.
        let mut end = self.offset(sp.end.line, sp.end.column) + 1;
        end = end.min(self.text.len());
        while end < self.text.len() && !self.text.is_char_boundary(end) {
            end += 1;
        }
        let mut start = start.min(end);
        while start > 0 && !self.text.is_char_boundary(start) {
            start -= 1;
        }
        Span::new(self.base + start, self.base + end)
    }
}

fn options() -> Options<'static> {
    let mut o = Options::default();
    o.extension.table = true;
    o
}

fn walk(source: &str, lines: &LineIndex, region: Span) -> Raw {
    let text = &source[region.start..region.end];
    let mut guarded = guard_depth(text);
    // comrak turns NUL into U+FFFD (three bytes), which would shift every position after it;
    // a one-byte stand-in keeps comrak's offsets equal to the file's.
    if memchr::memchr(0, guarded.as_deref().unwrap_or(text).as_bytes()).is_some() {
        guarded = Some(guarded.as_deref().unwrap_or(text).replace('\0', "\u{1a}"));
    }
    let md: &str = guarded.as_deref().unwrap_or(text);
    debug_assert_eq!(md.len(), text.len());
    let pos = Positions {
        text: md,
        base: region.start,
        lines,
        first_line: lines.line_of(region.start),
    };
    let arena = Arena::new();
    let root = comrak::parse_document(&arena, md, &options());
    // Room for what a plan of this size usually holds (a block or item per 100-odd bytes), so
    // that the lists are not regrown on the way.
    let guess = md.len() / 128 + 8;
    let mut raw = Raw {
        headings: Vec::with_capacity(guess / 4),
        items: Vec::with_capacity(guess),
        paragraphs: Vec::with_capacity(guess),
        blocks: Vec::with_capacity(guess),
        code: Vec::with_capacity(guess / 2),
        ..Raw::default()
    };
    let mut item_stack: Vec<usize> = Vec::new();
    let mut table_stack: Vec<usize> = Vec::new();
    // Nesting depth of the node at hand: the document is at 1, top-level blocks at 2.
    let mut depth = 0usize;

    for edge in root.traverse() {
        let node = match edge {
            NodeEdge::Start(n) => {
                depth += 1;
                n
            }
            NodeEdge::End(n) => {
                depth -= 1;
                match n.data().value {
                    NodeValue::Item(_) | NodeValue::TaskItem(_) => {
                        item_stack.pop();
                    }
                    NodeValue::Table(_) => {
                        table_stack.pop();
                    }
                    _ => {}
                }
                continue;
            }
        };
        let top_level = depth == 2;
        let data = node.data();
        // Each node's span is worked out at most once, when something needs it.
        let mut span_once = None;
        let sourcepos = data.sourcepos;
        let mut span = || *span_once.get_or_insert_with(|| pos.span(sourcepos));
        match &data.value {
            NodeValue::Document => {}
            NodeValue::Heading(h) if top_level => {
                let span = span();
                raw.headings.push(RawHeading {
                    level: h.level,
                    span,
                    setext: h.setext,
                });
                raw.blocks.push((span.start, false));
            }
            NodeValue::Item(_) | NodeValue::TaskItem(_) => {
                raw.items.push(RawItem {
                    span: span(),
                    depth: item_stack.len(),
                    parent: item_stack.last().copied(),
                    first_para: None,
                });
                item_stack.push(raw.items.len() - 1);
            }
            NodeValue::Paragraph => {
                let span = span();
                let parent_is_item = node.parent().is_some_and(|p| {
                    matches!(p.data().value, NodeValue::Item(_) | NodeValue::TaskItem(_))
                });
                if parent_is_item && node.previous_sibling().is_none() {
                    if let Some(&i) = item_stack.last() {
                        raw.items[i].first_para = Some(span);
                    }
                }
                raw.paragraphs.push(RawParagraph {
                    span,
                    in_item: !item_stack.is_empty(),
                });
            }
            NodeValue::HtmlBlock(h) if h.literal.trim_start().starts_with("<!--") => {
                raw.comments.push(Comment {
                    text: h.literal.trim().to_string(),
                    span: span(),
                });
            }
            NodeValue::HtmlInline(h) if h.starts_with("<!--") => {
                raw.comments.push(Comment {
                    text: h.clone(),
                    span: span(),
                });
            }
            NodeValue::Table(_) => {
                raw.tables.push(Vec::new());
                table_stack.push(raw.tables.len() - 1);
            }
            NodeValue::TableRow(_) => {
                if let Some(&t) = table_stack.last() {
                    raw.tables[t].push(Vec::new());
                }
            }
            NodeValue::TableCell => {
                if let Some(row) = table_stack.last().and_then(|&t| raw.tables[t].last_mut()) {
                    row.push(span());
                }
            }
            NodeValue::Code(c) if is_repo_path(&c.literal) => {
                // The path as it stands in the file, between the backticks.
                let span = span();
                let path = c.literal.trim();
                let code = &source[span.start..span.end];
                let written = code.trim_matches('`').trim();
                let at = if written == path {
                    Some(span.start + (written.as_ptr() as usize - code.as_ptr() as usize))
                } else {
                    code.find(path).map(|i| span.start + i)
                };
                if let Some(at) = at {
                    raw.code.push((Span::new(at, at + path.len()), span));
                }
            }
            NodeValue::Text(t)
                if memchr::memchr2(b'T', b'F', t.as_bytes()).is_some()
                    && (t.contains("TBD") || t.contains("TODO") || t.contains("FIXME")) =>
            {
                raw.texts.push((t.to_string(), span().start));
            }
            _ => {}
        }
        if top_level && !matches!(data.value, NodeValue::Heading(_)) {
            let content = !matches!(
                data.value,
                NodeValue::HtmlBlock(_) | NodeValue::ThematicBreak
            );
            raw.blocks.push((span().start, content));
        }
    }
    raw
}

/// Blank `>` markers nested deeper than [`MAX_QUOTE_DEPTH`] (and nothing else). Returns `None`
/// when the text needs no change, which is always for real plans.
fn guard_depth(text: &str) -> Option<String> {
    // Fast path: too few `>` in the whole text to nest that deep.
    memchr::memchr_iter(b'>', text.as_bytes()).nth(MAX_QUOTE_DEPTH)?;
    let needs = text.split('\n').any(|l| quote_depth(l) > MAX_QUOTE_DEPTH);
    if !needs {
        return None;
    }
    let mut out = String::with_capacity(text.len());
    for line in text.split_inclusive('\n') {
        let mut depth = 0;
        let mut done = false;
        for c in line.chars() {
            if !done && c == '>' {
                depth += 1;
                out.push(if depth > MAX_QUOTE_DEPTH { ' ' } else { '>' });
            } else {
                if !done && c != ' ' && c != '\t' {
                    done = true;
                }
                out.push(c);
            }
        }
    }
    Some(out)
}

fn quote_depth(line: &str) -> usize {
    line.chars()
        .take_while(|c| matches!(c, '>' | ' ' | '\t'))
        .filter(|c| *c == '>')
        .count()
}

/// A plan wrapped whole in one ```` ```md ```` fence: the first non-blank line opens it, the
/// last bare fence line closes it (a note may follow).
fn find_envelope(source: &str, start: usize) -> Option<Envelope> {
    let text = &source[start..];
    let mut offset = start;
    let mut lines = text.split_inclusive('\n');
    let open_line = loop {
        let line = lines.next()?;
        if !line.trim().is_empty() {
            break line;
        }
        offset += line.len();
    };
    let open_trim = open_line.trim_end();
    let ticks = open_trim.bytes().take_while(|b| *b == b'`').count();
    let info = open_trim[ticks..].trim().to_ascii_lowercase();
    let info_word = info.split_whitespace().next().unwrap_or("");
    if ticks < 3 || !matches!(info_word, "md" | "markdown") {
        return None;
    }
    let open = Span::new(offset, offset + open_trim.len());
    let inner_start = offset + open_line.len();
    // Scan inner lines: remember fence lines; the last bare closing fence ends the envelope.
    let mut pos = inner_start;
    let mut fences: Vec<Span> = Vec::new();
    let mut close: Option<usize> = None;
    for line in source[inner_start..].split_inclusive('\n') {
        let t = line.trim_end();
        let indent = t.len() - t.trim_start().len();
        let body = t.trim_start();
        let n = body.bytes().take_while(|b| *b == b'`').count();
        if indent <= 3 && n >= 3 {
            if n >= ticks && body[n..].trim().is_empty() {
                close = Some(pos);
            }
            fences.push(Span::new(pos, pos + t.len()));
        }
        pos += line.len();
    }
    let inner_end = close.unwrap_or(source.len());
    let nested_fences = fences.into_iter().filter(|f| f.start < inner_end).collect();
    Some(Envelope {
        open,
        inner: Span::new(inner_start, inner_end),
        nested_fences,
    })
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

fn line_at(source: &str, start: usize) -> &str {
    let rest = &source[start.min(source.len())..];
    let end = memchr::memchr(b'\n', rest.as_bytes()).unwrap_or(rest.len());
    rest[..end].trim_end_matches('\r')
}

fn assemble<'a>(
    source: &'a str,
    lines: LineIndex,
    bom: bool,
    front: Option<frontmatter::FrontMatter<'a>>,
    envelope: Option<Envelope>,
    region: Span,
    mut raw: Raw,
) -> Plan<'a> {
    // Each heading's text, and whether it is numbered.
    let texts: Vec<(Span, Option<u32>)> = raw
        .headings
        .iter()
        .map(|h| {
            let t = heading_text(source, h);
            (t, sections::strip_number(&source[t.start..t.end]).1)
        })
        .collect();
    // Section level: H2, or H1 where the plan numbers its H1 headings (or has no H2 at all).
    let numbered_h1s = || {
        raw.headings
            .iter()
            .zip(&texts)
            .enumerate()
            .filter(|(_, (h, t))| h.level == 1 && t.1.is_some())
            .map(|(i, _)| i)
    };
    let numbered_h1 = numbered_h1s().count();
    let first_numbered_h1 = numbered_h1s().next();
    // H2 sections before the numbered H1s mean the H1s are something else (examples in a spec).
    let h2_before = raw.headings[..first_numbered_h1.unwrap_or(0)]
        .iter()
        .any(|h| h.level == 2);
    let has_h2 = raw.headings.iter().any(|h| h.level == 2);
    let h1_count = raw.headings.iter().filter(|h| h.level == 1).count();
    let section_level = if (numbered_h1 >= 2 && !h2_before) || (!has_h2 && h1_count >= 3) {
        1
    } else {
        2
    };

    // Title: the first H1 before the first section (an unnumbered one, where H1s are sections).
    let mut title = None;
    let mut title_idx = None;
    for (i, h) in raw.headings.iter().enumerate() {
        if h.level == 1 {
            let (ts, number) = texts[i];
            if section_level == 2 || number.is_none() {
                title = Some(Title {
                    text: &source[ts.start..ts.end],
                    span: ts,
                });
                title_idx = Some(i);
            }
            break;
        }
        if h.level <= section_level {
            break;
        }
    }

    // Sections, each with the count of further H1 headings before it (its part of the file).
    let mut section_heads: Vec<(&RawHeading, usize, usize)> =
        Vec::with_capacity(raw.headings.len());
    let mut part = 0;
    for (i, h) in raw.headings.iter().enumerate() {
        if Some(i) == title_idx {
            continue;
        }
        if h.level == section_level {
            section_heads.push((h, i, part));
        } else if h.level < section_level {
            part += 1;
        }
    }
    let mut secs: Vec<Section> = Vec::with_capacity(section_heads.len());
    for (i, &(h, hi, part)) in section_heads.iter().enumerate() {
        let (ts, number) = texts[hi];
        let raw_title = &source[ts.start..ts.end];
        let (name, detail) = sections::name_and_kind(raw_title);
        let body_end = section_heads
            .get(i + 1)
            .map_or(region.end, |n| n.0.span.start);
        secs.push(Section {
            raw_title,
            kind: detail.map(|d| d.0),
            exact: detail.is_some_and(|d| d.1),
            name,
            number,
            level: h.level,
            part,
            heading: Span::new(h.span.start, line_end_of(source, &lines, h.span.start)),
            title_span: ts,
            body: Span::new(h.span.end.min(body_end), body_end),
            has_content: false,
        });
    }
    for &(start, content) in &raw.blocks {
        if !content {
            continue;
        }
        if let Some(i) = section_index(&secs, start) {
            if start >= secs[i].body.start {
                secs[i].has_content = true;
            }
        }
    }
    let preamble_start = title.as_ref().map_or(region.start, |t| t.span.end);
    let preamble_end = secs.first().map_or(region.end, |s| s.heading.start);
    let in_preamble = |o: usize| o >= preamble_start && o < preamble_end;

    let numbered_count = secs.iter().filter(|s| s.number.is_some()).count();
    let dialect =
        if secs.iter().any(|s| s.kind == Some(SectionKind::Metadata)) && numbered_count >= 3 {
            Dialect::Numbered
        } else {
            Dialect::Canonical
        };

    let mut metadata = Vec::new();
    let mut statuses = Vec::new();
    if let Some(fm) = &front {
        for f in &fm.fields {
            if status::is_status_key(f.key) {
                push_status(
                    &mut statuses,
                    f.value,
                    f.value_span.start,
                    Origin::FrontMatter,
                );
            } else if let Some(key) = MetaKey::from_key(f.key, true) {
                metadata.push(MetadataField {
                    key: f.key,
                    field: Some(key),
                    value: f.value,
                    key_span: f.key_span,
                    value_span: f.value_span,
                    origin: Origin::FrontMatter,
                });
            }
        }
    }

    // Preamble lines: `Status: …`, `**Plan ID:** …`, `> 更新时间：…`.
    for p in raw.paragraphs.iter().filter(|p| in_preamble(p.span.start)) {
        let mut off = p.span.start;
        for line in source[p.span.start..p.span.end].split_inclusive('\n') {
            let l = line.trim_end_matches(['\n', '\r']);
            key_value_line(l, off, Origin::Preamble, &mut metadata, &mut statuses);
            off += line.len();
        }
    }

    // Items: metadata and status bullets, checkboxes, Progress entries.
    let mut checkboxes: Vec<Checkbox> = Vec::with_capacity(raw.items.len());
    let mut item_box: Vec<Option<usize>> = vec![None; raw.items.len()];
    let mut item_section: Vec<Option<usize>> = Vec::with_capacity(raw.items.len());
    let mut cursor = SectionCursor::new(&secs);
    for (idx, item) in raw.items.iter().enumerate() {
        let sec = cursor
            .at(item.span.start)
            .filter(|&i| item.span.start >= secs[i].body.start);
        item_section.push(sec);
        let Some(para) = item.first_para else {
            continue;
        };
        // A box is at most a few characters and never spans a line: no need to cut the line.
        if let Some((state, intended, len)) = checkbox_at(&source[para.start..]) {
            let marker = if state == BoxState::Malformed {
                // Include the bullet so the label shows `- [X ]` as written.
                Span::new(item.span.start.min(para.start), para.start + len)
            } else {
                Span::new(para.start, para.start + len)
            };
            item_box[idx] = Some(checkboxes.len());
            checkboxes.push(Checkbox {
                state,
                intended,
                marker,
                raw: &source[para.start..para.start + len],
                section: sec,
                depth: item.depth,
            });
        }
        let kind = sec.and_then(|i| secs[i].kind);
        let origin = match kind {
            Some(SectionKind::Metadata) => Some(Origin::Metadata),
            Some(SectionKind::Outcomes) if item.depth == 0 => Some(Origin::Outcomes),
            _ if in_preamble(item.span.start) => Some(Origin::Preamble),
            _ => None,
        };
        if let Some(origin) = origin {
            if origin != Origin::Preamble {
                let first_line = line_at(source, para.start);
                let (m, s) = (&mut metadata, &mut statuses);
                if origin == Origin::Outcomes {
                    // Only status bullets count in Outcomes.
                    if let Some(kv) = status::key_value(first_line, para.start) {
                        if status::is_status_key(kv.key) {
                            push_status(s, kv.value, kv.value_span.start, origin);
                        }
                    }
                } else {
                    let before = m.len();
                    key_value_line(first_line, para.start, origin, m, s);
                    // `- Related issues/PRs:` with the values as nested bullets.
                    let first_end = para.start + first_line.len();
                    if let Some(f) = m.get_mut(before).filter(|f| f.value.is_empty()) {
                        let rest = source[first_end.min(item.span.end)..item.span.end].trim();
                        if !rest.is_empty() {
                            let at = first_end
                                + source[first_end..item.span.end].find(rest).unwrap_or(0);
                            f.value = rest;
                            f.value_span = Span::new(at, at + rest.len());
                        }
                    }
                }
            }
        }
    }
    // `-[x]` lines that are paragraphs because the bullet has no space after it.
    // Only a `[` right after a bullet that opens its line (after blanks and `>`) within a
    // paragraph can start one: one search of the whole text, then a look at each candidate.
    let bytes = source.as_bytes();
    for at in memchr::memchr_iter(b'[', &bytes[region.start..region.end]) {
        let i = region.start + at;
        if i == 0 || !matches!(bytes[i - 1], b'-' | b'*' | b'+') {
            continue;
        }
        // The paragraph holding the bullet and the bracket (paragraphs are disjoint, in order).
        let k = raw.paragraphs.partition_point(|p| p.span.start < i);
        let Some(p) = k.checked_sub(1).map(|k| &raw.paragraphs[k]) else {
            continue;
        };
        if i - 1 < p.span.start || i >= p.span.end {
            continue;
        }
        let line_start = memchr::memrchr(b'\n', &bytes[p.span.start..i - 1])
            .map_or(p.span.start, |j| p.span.start + j + 1);
        if !bytes[line_start..i - 1]
            .iter()
            .all(|b| matches!(b, b' ' | b'\t' | b'>'))
        {
            continue;
        }
        // From the bullet to the end of the line, line break included.
        let line_end =
            memchr::memchr(b'\n', &bytes[i..p.span.end]).map_or(p.span.end, |j| i + j + 1);
        let t = &source[i - 1..line_end];
        if t.len() > 2 {
            if let Some((state, intended, len)) = checkbox_at(&t[1..]) {
                let start = i - 1;
                checkboxes.push(Checkbox {
                    state: BoxState::Malformed,
                    intended: if state == BoxState::Malformed {
                        intended
                    } else {
                        Some(state)
                    },
                    marker: Span::new(start, start + 1 + len),
                    raw: &t[..1 + len],
                    section: section_index(&secs, start),
                    depth: 0,
                });
            }
        }
    }
    // Item boxes come in document order; only glued boxes can break it, and then the list is
    // sorted and the items pointed at their boxes again.
    let in_order = checkboxes.is_sorted_by_key(|c| c.marker.start);
    checkboxes.sort_by_key(|c| c.marker.start);
    for (idx, item) in raw.items.iter().enumerate().filter(|_| !in_order) {
        if item_box[idx].is_some() {
            let start = item.first_para.map_or(0, |p| p.start);
            item_box[idx] = checkboxes
                .binary_search_by_key(&start, |c| c.marker.start)
                .ok()
                .or_else(|| checkboxes.iter().position(|c| c.marker.contains(start)));
        }
    }

    // `## Status` sections: their first line is the plan's status.
    for s in secs.iter().filter(|s| s.kind == Some(SectionKind::Status)) {
        let body = &source[s.body.start..s.body.end];
        let mut off = s.body.start;
        for line in body.split_inclusive('\n') {
            let l = line.trim_end_matches(['\n', '\r']);
            if !l.trim().is_empty() && !l.trim_start().starts_with("<!--") {
                let t = l
                    .trim_start_matches([' ', '\t', '>', '-', '*', '+'])
                    .trim_start();
                let lead = l.len() - t.len();
                match status::key_value(t, off + lead) {
                    Some(kv) if status::is_status_key(kv.key) => push_status(
                        &mut statuses,
                        kv.value,
                        kv.value_span.start,
                        Origin::StatusSection,
                    ),
                    _ => push_status(&mut statuses, t, off + lead, Origin::StatusSection),
                }
                break;
            }
            off += line.len();
        }
    }
    statuses.sort_by_key(|s| s.span.start);

    // Progress entries.
    let mut progress: Vec<ProgressEntry> = Vec::with_capacity(raw.items.len());
    let mut entry_of_item: Vec<Option<usize>> = vec![None; raw.items.len()];
    let mut base_depth: Option<(usize, usize)> = None; // (section, depth)
    for (idx, item) in raw.items.iter().enumerate() {
        let Some(sec) = item_section[idx] else {
            continue;
        };
        if secs[sec].kind != Some(SectionKind::Progress) {
            continue;
        }
        let Some(para) = item.first_para else {
            continue;
        };
        let base = match base_depth {
            Some((s, d)) if s == sec => d.min(item.depth),
            _ => item.depth,
        };
        base_depth = Some((sec, base));
        let mut text_start = para.start;
        if let Some(b) = item_box[idx] {
            text_start = checkboxes[b].marker.end.max(para.start);
        }
        let text_start = text_start.min(para.end);
        let text = source.get(text_start..para.end).unwrap_or("");
        let stamp = timestamp::find_in_entry(text, text_start);
        let parent = item.parent.and_then(|p| entry_of_item[p]);
        entry_of_item[idx] = Some(progress.len());
        progress.push(ProgressEntry {
            span: para,
            text: text.trim(),
            checkbox: item_box[idx],
            stamp,
            depth: item.depth - base,
            parent,
        });
    }

    let decisions = collect_decisions(source, &secs, &raw, &item_section);

    let references = std::mem::take(&mut raw.code)
        .into_iter()
        .map(|(path, span)| Reference {
            path: &source[path.start..path.end],
            span,
            section: section_index(&secs, span.start),
        })
        .collect();

    let mut placeholders = Vec::new();
    for (text, start) in &raw.texts {
        for word in ["TBD", "TODO", "FIXME"] {
            for (i, _) in text.match_indices(word) {
                let before = text[..i].chars().next_back();
                let after = text[i + word.len()..].chars().next();
                if before.is_some_and(char::is_alphanumeric)
                    || after.is_some_and(char::is_alphanumeric)
                {
                    continue;
                }
                // Locate the word in the source near the text node's start.
                let from = start + i;
                let window_end = (from + 4 * text.len() + 16).min(source.len());
                let found = source
                    .get(*start..window_end)
                    .and_then(|w| w.find(word).map(|j| start + j))
                    .filter(|&o| o >= *start);
                let off = match found {
                    Some(o) if source[o..].starts_with(word) && o + word.len() <= source.len() => o,
                    _ => continue,
                };
                let off = if source
                    .get(from.min(source.len())..)
                    .is_some_and(|rest| rest.starts_with(word))
                {
                    from
                } else {
                    off
                };
                placeholders.push(Placeholder {
                    word,
                    span: Span::new(off, off + word.len()),
                    section: section_index(&secs, off),
                });
            }
        }
    }
    placeholders.sort_by_key(|p| p.span.start);
    placeholders.dedup_by_key(|p| p.span.start);

    let conformance = conformance(source, &secs, &raw, preamble_start, preamble_end, dialect);
    let mut comments = raw.comments;
    comments.sort_by_key(|c| c.span.start);

    Plan {
        source,
        lines,
        dialect,
        conformance,
        bom,
        title,
        envelope,
        sections: secs,
        metadata,
        statuses,
        checkboxes,
        progress,
        decisions,
        references,
        placeholders,
        comments,
        preamble_end,
    }
}

/// [`section_index`] for offsets met in document order: a step forward instead of a search
/// each time (a smaller offset than the last is searched for).
struct SectionCursor<'s, 'a> {
    secs: &'s [Section<'a>],
    /// How many sections start at or before the last offset.
    passed: usize,
    last: usize,
}

impl<'s, 'a> SectionCursor<'s, 'a> {
    fn new(secs: &'s [Section<'a>]) -> Self {
        SectionCursor {
            secs,
            passed: 0,
            last: 0,
        }
    }

    fn at(&mut self, offset: usize) -> Option<usize> {
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

fn line_end_of(source: &str, lines: &LineIndex, offset: usize) -> usize {
    lines.line_end(source, lines.line_of(offset))
}

fn key_value_line<'a>(
    line: &'a str,
    base: usize,
    origin: Origin,
    metadata: &mut Vec<MetadataField<'a>>,
    statuses: &mut Vec<Status>,
) {
    let Some(kv) = status::key_value(line, base) else {
        return;
    };
    if status::is_status_key(kv.key) {
        push_status(statuses, kv.value, kv.value_span.start, origin);
        return;
    }
    let field = MetaKey::from_key(kv.key, false);
    if field.is_some() || origin == Origin::Metadata {
        metadata.push(MetadataField {
            key: kv.key,
            field,
            value: kv.value,
            key_span: kv.key_span,
            value_span: kv.value_span,
            origin,
        });
    }
}

fn push_status(out: &mut Vec<Status>, text: &str, base: usize, origin: Origin) {
    if let Some((value, s, e)) = status::cut_value(text) {
        out.push(Status {
            raw: value.to_string(),
            value: status::normalize_value(value),
            span: Span::new(base + s, base + e),
            origin,
        });
    }
}

/// A checkbox at the start of `text`: its state, the intended state of a malformed one, and its
/// length in bytes. `[2025-11-16 12:00]` or `[TBD]` are not checkboxes.
pub fn checkbox_at(text: &str) -> Option<(BoxState, Option<BoxState>, usize)> {
    // The well-formed box, `[ ]` or `[x]` and a space or the line's end, without the search.
    if let [b'[', mark, b']', after @ ..] = text.as_bytes() {
        let state = match mark {
            b' ' => Some(BoxState::Open),
            b'x' | b'X' => Some(BoxState::Checked),
            b'!' => Some(BoxState::Blocked),
            b'~' => Some(BoxState::Skipped),
            _ => None,
        };
        if let Some(state) = state {
            if matches!(after.first(), None | Some(b' ' | b'\t' | b'\r' | b'\n')) {
                return Some((state, None, 3));
            }
        }
    }
    checkbox_at_general(text)
}

/// [`checkbox_at`] without the shortcut for the well-formed box.
fn checkbox_at_general(text: &str) -> Option<(BoxState, Option<BoxState>, usize)> {
    let rest = text.strip_prefix('[')?;
    let close = rest.char_indices().take(5).find(|(_, c)| *c == ']')?.0;
    let inner = &rest[..close];
    let len = 1 + close + 1;
    let after = text[len..].chars().next();
    let followed_ok = after.is_none_or(|c| c == ' ' || c == '\t' || c == '\r' || c == '\n');
    let valid = match inner {
        " " => Some(BoxState::Open),
        "x" | "X" => Some(BoxState::Checked),
        "!" => Some(BoxState::Blocked),
        "~" => Some(BoxState::Skipped),
        _ => None,
    };
    if let Some(state) = valid {
        if followed_ok {
            return Some((state, None, len));
        }
        // `[x]Done`: the box is glued to the text. Links like `[x](…)` are not boxes.
        if matches!(after, Some('(' | '[' | ':')) {
            return None;
        }
        return Some((BoxState::Malformed, Some(state), len));
    }
    let box_like = inner
        .chars()
        .all(|c| matches!(c, ' ' | 'x' | 'X' | '-' | '*' | '✓' | '✔' | '\u{3000}'));
    if !box_like || matches!(after, Some('(' | ':')) {
        return None;
    }
    let checked = inner.chars().any(|c| matches!(c, 'x' | 'X' | '✓' | '✔'));
    let intended = if checked && !inner.contains('-') {
        Some(BoxState::Checked)
    } else if inner.chars().all(|c| c == ' ' || c == '\u{3000}') {
        Some(BoxState::Open)
    } else {
        None
    };
    Some((BoxState::Malformed, intended, len))
}

const DECISION_KEYS: &[&str] = &[
    "decision",
    "decisão",
    "decisao",
    "decisión",
    "決定",
    "决策",
    "결정",
    "決定事項",
    "决定",
];
const RATIONALE_KEYS: &[&str] = &[
    "rationale",
    "reason",
    "reasons",
    "why",
    "because",
    "根拠",
    "理由",
    "근거",
    "이유",
    "justificativa",
    "justificación",
    "justificacion",
    "razón",
    "razon",
    "motivo",
    "rationale/notes",
];

fn key_is(key: &str, set: &[&str]) -> bool {
    status::is_one_of(key, set)
}

fn lines_have_key(text: &str, set: &[&str]) -> Option<usize> {
    let mut off = 0;
    for line in text.split_inclusive('\n') {
        let l = line.trim_end_matches(['\n', '\r']);
        if let Some(kv) = status::key_value(l, 0) {
            if key_is(kv.key, set) {
                return Some(off + kv.key_span.start);
            }
        }
        off += line.len();
    }
    None
}

fn collect_decisions<'a>(
    source: &'a str,
    secs: &[Section],
    raw: &Raw,
    item_section: &[Option<usize>],
) -> Vec<Decision<'a>> {
    let mut out = Vec::new();
    let in_log =
        |sec: Option<usize>| sec.is_some_and(|i| secs[i].kind == Some(SectionKind::DecisionLog));
    // List form.
    let log_items: Vec<usize> = (0..raw.items.len())
        .filter(|&i| in_log(item_section[i]))
        .collect();
    for (pos, &i) in log_items.iter().enumerate() {
        let item = &raw.items[i];
        let Some(para) = item.first_para else {
            continue;
        };
        let first = line_at(source, para.start);
        let Some(kv) = status::key_value(first, para.start) else {
            continue;
        };
        if !key_is(kv.key, DECISION_KEYS) {
            continue;
        }
        let body = &source[item.span.start..item.span.end];
        let mut rationale = lines_have_key(body, RATIONALE_KEYS)
            .map(|o| Span::new(item.span.start + o, item.span.start + o + 1));
        if rationale.is_none() {
            // Sibling bullets: `- Decision: …` then `- Rationale: …`.
            for &j in &log_items[pos + 1..] {
                let sib = &raw.items[j];
                if sib.parent != item.parent || sib.depth != item.depth {
                    if sib.depth < item.depth {
                        break;
                    }
                    continue;
                }
                let Some(sp) = sib.first_para else { continue };
                let Some(skv) = status::key_value(line_at(source, sp.start), sp.start) else {
                    break;
                };
                if key_is(skv.key, DECISION_KEYS) {
                    break;
                }
                if key_is(skv.key, RATIONALE_KEYS) {
                    rationale = Some(skv.key_span);
                    break;
                }
            }
        }
        out.push(Decision {
            text: kv.value,
            span: Span::new(para.start, para.start + first.len()),
            rationale,
            form: DecisionForm::List,
        });
    }
    // Paragraph form.
    let mut cursor = SectionCursor::new(secs);
    let paras: Vec<&RawParagraph> = raw
        .paragraphs
        .iter()
        .filter(|p| !p.in_item && in_log(cursor.at(p.span.start)))
        .collect();
    for (k, p) in paras.iter().enumerate() {
        let first = line_at(source, p.span.start);
        let Some(kv) = status::key_value(first, p.span.start) else {
            continue;
        };
        if !key_is(kv.key, DECISION_KEYS) {
            continue;
        }
        let body = &source[p.span.start..p.span.end];
        let mut rationale = lines_have_key(body, RATIONALE_KEYS)
            .map(|o| Span::new(p.span.start + o, p.span.start + o + 1));
        if rationale.is_none() {
            if let Some(next) = paras.get(k + 1) {
                let nl = line_at(source, next.span.start);
                if let Some(nkv) = status::key_value(nl, next.span.start) {
                    if key_is(nkv.key, RATIONALE_KEYS) {
                        rationale = Some(nkv.key_span);
                    }
                }
            }
        }
        out.push(Decision {
            text: kv.value,
            span: Span::new(p.span.start, p.span.start + first.len()),
            rationale,
            form: DecisionForm::Paragraph,
        });
    }
    // Table form.
    for table in &raw.tables {
        let Some(header) = table.first() else {
            continue;
        };
        if !in_log(header.first().and_then(|c| section_index(secs, c.start))) {
            continue;
        }
        let cell = |s: &Span| source[s.start..s.end].trim().trim_matches('|').trim();
        let names: Vec<String> = header.iter().map(|c| cell(c).to_lowercase()).collect();
        let find = |set: &[&str]| names.iter().position(|n| set.iter().any(|k| n.contains(k)));
        let Some(dcol) = find(DECISION_KEYS) else {
            continue;
        };
        let rcol = find(RATIONALE_KEYS);
        for row in &table[1..] {
            let Some(d) = row.get(dcol) else { continue };
            let text = cell(d);
            if text.is_empty() {
                continue;
            }
            let rationale = rcol
                .and_then(|r| row.get(r))
                .filter(|c| !cell(c).is_empty())
                .copied();
            let start = row.first().map_or(d.start, |c| c.start);
            let end = row.last().map_or(d.end, |c| c.end);
            out.push(Decision {
                text,
                span: Span::new(start, end),
                rationale,
                form: DecisionForm::Table,
            });
        }
    }
    out.sort_by_key(|d| d.span.start);
    out
}

/// How [`is_repo_path`] sees each byte: most are plain (0); `/` separates (2); white space,
/// glob and shell characters, brackets and quotes never appear in a path written in backticks
/// (1).
const PATH_BYTE: [u8; 256] = {
    let mut table = [0u8; 256];
    let bytes = b"*?<>{}[]()$|\"'@:=,;!^`\\% \t\n\r\x0b\x0c";
    let mut i = 0;
    while i < bytes.len() {
        table[bytes[i] as usize] = 1;
        i += 1;
    }
    table[b'/' as usize] = 2;
    table
};

/// Whether inline code looks like a path inside the repository (`src/csv.rs`, `docs/`).
pub fn is_repo_path(code: &str) -> bool {
    let s = code.trim();
    let b = s.as_bytes();
    if b.len() < 3 || b.len() > 200 {
        return false;
    }
    if matches!(b[0], b'/' | b'-' | b'~' | b'$' | b'<' | b'@' | b'#' | b'!') {
        return false;
    }
    let s = strip_line_suffix(s);
    let b = s.as_bytes();
    // One pass: a `/` is needed, `//` (and so `://`) is not allowed, nor any byte that never
    // appears in a path. The stripped `:42` suffix holds neither `/` nor anything else here.
    let mut slash = false;
    let mut prev_slash = false;
    for &c in b {
        match PATH_BYTE[usize::from(c)] {
            0 => prev_slash = false,
            2 if !prev_slash => {
                slash = true;
                prev_slash = true;
            }
            _ => return false,
        }
    }
    if !slash || (!s.is_ascii() && s.chars().any(char::is_whitespace)) {
        return false;
    }
    if s.ends_with('/') {
        return true;
    }
    let last = &b[b.iter().rposition(|&c| c == b'/').map_or(0, |i| i + 1)..];
    match last.iter().rposition(|&c| c == b'.') {
        Some(dot) => {
            let ext = &last[dot + 1..];
            dot > 0
                && (1..=10).contains(&ext.len())
                && ext.iter().all(u8::is_ascii_alphanumeric)
                && ext.iter().any(u8::is_ascii_alphabetic)
        }
        None => false,
    }
}

/// `src/lib.rs:42` or `src/lib.rs:42:7` → `src/lib.rs`.
pub fn strip_line_suffix(s: &str) -> &str {
    let b = s.as_bytes();
    let mut end = b.len();
    for _ in 0..2 {
        // A run of digits right after the last `:`.
        let digits = b[..end]
            .iter()
            .rev()
            .take_while(|c| c.is_ascii_digit())
            .count();
        if digits == 0 || digits == end || b[end - digits - 1] != b':' {
            break;
        }
        end -= digits + 1;
    }
    &s[..end]
}

/// Where `needle` (lowercase ASCII) first occurs in `hay`, ignoring ASCII case.
fn find_ignoring_ascii_case(hay: &[u8], needle: &[u8]) -> Option<usize> {
    let first = *needle.first()?;
    (0..(hay.len() + 1).saturating_sub(needle.len())).find(|&i| {
        hay[i].to_ascii_lowercase() == first
            && hay[i..i + needle.len()].eq_ignore_ascii_case(needle)
    })
}

fn conformance(
    source: &str,
    secs: &[Section],
    raw: &Raw,
    preamble_start: usize,
    preamble_end: usize,
    dialect: Dialect,
) -> Conformance {
    if dialect == Dialect::Numbered {
        return Conformance::Skeleton;
    }
    for p in raw
        .paragraphs
        .iter()
        .filter(|p| p.span.start >= preamble_start && p.span.start < preamble_end)
    {
        // Only ASCII letters lowercase into these words, so an ASCII case-insensitive search
        // finds what a search of the lowercased text would, at offsets into the text itself.
        let text = &source.as_bytes()[p.span.start..p.span.end];
        let Some(at) = find_ignoring_ascii_case(text, b"living document") else {
            continue;
        };
        let names_plan = [
            &b"execplan"[..],
            b"exec plan",
            b"execution plan",
            b"plans.md",
        ]
        .iter()
        .any(|w| find_ignoring_ascii_case(text, w).is_some());
        // Backticked names after the phrase, in the same paragraph.
        let mut declared = Vec::new();
        let tail_start = p.span.start + at;
        let tail = &source[tail_start..p.span.end];
        let mut rest = tail;
        let mut off = tail_start;
        while let Some(open) = rest.find('`') {
            let after = &rest[open + 1..];
            let Some(close) = after.find('`') else { break };
            let name = &after[..close];
            let start = off + open + 1;
            if !name.is_empty() && !name.contains(['/', '.', '\n']) {
                let normalized = sections::normalize_name(name);
                declared.push(DeclaredSection {
                    name: name.to_string(),
                    kind: sections::classify_normalized(&normalized),
                    normalized,
                    span: Span::new(start, start + name.len()),
                });
            }
            let consumed = open + 1 + close + 1;
            off += consumed;
            rest = &rest[consumed..];
        }
        let names_sections = declared.iter().any(|d| d.kind.is_some());
        if !names_plan && !names_sections {
            // "This milestone is a living document": not a claim to the ExecPlan skeleton.
            continue;
        }
        return if declared.is_empty() {
            Conformance::Skeleton
        } else {
            Conformance::Declared(declared)
        };
    }
    let living = [
        SectionKind::Progress,
        SectionKind::Surprises,
        SectionKind::DecisionLog,
        SectionKind::Outcomes,
    ];
    let present = living
        .iter()
        .filter(|k| secs.iter().any(|s| s.kind == Some(**k)))
        .count();
    if present >= 3 {
        Conformance::Skeleton
    } else {
        Conformance::Loose
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn checkbox_shapes() {
        assert_eq!(checkbox_at("[ ] a"), Some((BoxState::Open, None, 3)));
        assert_eq!(checkbox_at("[X] a"), Some((BoxState::Checked, None, 3)));
        assert_eq!(checkbox_at("[!] a"), Some((BoxState::Blocked, None, 3)));
        assert_eq!(checkbox_at("[~] a"), Some((BoxState::Skipped, None, 3)));
        assert_eq!(
            checkbox_at("[X ] a"),
            Some((BoxState::Malformed, Some(BoxState::Checked), 4))
        );
        assert_eq!(
            checkbox_at("[ x] a"),
            Some((BoxState::Malformed, Some(BoxState::Checked), 4))
        );
        assert_eq!(
            checkbox_at("[] a"),
            Some((BoxState::Malformed, Some(BoxState::Open), 2))
        );
        assert_eq!(checkbox_at("[-] a"), Some((BoxState::Malformed, None, 3)));
        assert_eq!(
            checkbox_at("[x]Done"),
            Some((BoxState::Malformed, Some(BoxState::Checked), 3))
        );
        assert_eq!(checkbox_at("[TBD]"), None);
        assert_eq!(checkbox_at("[2025-11-16 12:00] x"), None);
        assert_eq!(checkbox_at("[x](link)"), None);
    }

    /// The first, char-by-char form of [`is_repo_path`]: the byte-level one must agree.
    fn is_repo_path_reference(code: &str) -> bool {
        let s = code.trim();
        if s.len() < 3 || s.len() > 200 || !s.contains('/') || s.contains("//") {
            return false;
        }
        if s.starts_with(['/', '-', '~', '$', '<', '@', '#', '!']) || s.contains("://") {
            return false;
        }
        let mut s = s;
        for _ in 0..2 {
            if let Some((head, tail)) = s.rsplit_once(':') {
                if !tail.is_empty() && tail.chars().all(|c| c.is_ascii_digit()) {
                    s = head;
                }
            }
        }
        if s.chars()
            .any(|c| c.is_whitespace() || "*?<>{}[]()$|\"'@:=,;!^`\\%".contains(c))
        {
            return false;
        }
        if s.ends_with('/') {
            return true;
        }
        let last = s.rsplit('/').next().unwrap_or("");
        match last.rsplit_once('.') {
            Some((stem, ext)) => {
                !stem.is_empty()
                    && (1..=10).contains(&ext.len())
                    && ext.chars().all(|c| c.is_ascii_alphanumeric())
                    && ext.chars().any(|c| c.is_ascii_alphabetic())
            }
            None => false,
        }
    }

    /// Text that may open with a checkbox, well-formed or nearly.
    fn box_text() -> impl proptest::strategy::Strategy<Value = String> {
        use proptest::prelude::*;
        let piece = proptest::sample::select(vec![
            "[", "]", " ", "x", "X", "!", "~", "-", "\t", "\r\n", "a", "(", "✓",
        ]);
        proptest::collection::vec(piece, 0..6).prop_map(|v| v.concat())
    }

    /// Inline code made of path pieces, separators, digits, white space and odd characters.
    fn code() -> impl proptest::strategy::Strategy<Value = String> {
        use proptest::prelude::*;
        let head = proptest::sample::select(vec!["", "src/", "docs/", " a/", "/x/", "./", "~/"]);
        let piece = proptest::sample::select(vec![
            "src", "/", "//", ".", "rs", "md", "a", "-", ":", "42", " ", "\u{3000}", "\u{a0}",
            "\t", "*", "`", "é", "計画", "%", "~", "..", "x1", "\u{b}", "(", "'", "=", "\\",
        ]);
        let tail =
            proptest::sample::select(vec!["", ".md", ".rs", "/", ":42", ".md:1:2", ".7z", " "]);
        (head, proptest::collection::vec(piece, 0..6), tail)
            .prop_map(|(h, v, t)| format!("{h}{}{t}", v.concat()))
    }

    proptest::proptest! {
        /// The well-formed-box shortcut answers as the general reading does.
        #[test]
        fn checkbox_shortcut_agrees(text in box_text()) {
            proptest::prop_assert_eq!(checkbox_at(&text), checkbox_at_general(&text));
        }

        #[test]
        fn repo_path_test_matches_the_reference(code in code()) {
            proptest::prop_assert_eq!(is_repo_path(&code), is_repo_path_reference(&code));
        }

        #[test]
        fn line_suffix_strip_matches_the_reference(code in code()) {
            let mut want = code.as_str();
            for _ in 0..2 {
                if let Some((head, tail)) = want.rsplit_once(':') {
                    if !tail.is_empty() && tail.chars().all(|c| c.is_ascii_digit()) {
                        want = head;
                    }
                }
            }
            proptest::prop_assert_eq!(strip_line_suffix(&code), want);
        }
    }

    /// The living-document sentence is found whatever the case, and the sections it names
    /// point at their text even after letters whose lowercase is longer (`İ`).
    #[test]
    fn declared_sections_point_at_their_names() {
        // Sixteen `İ` lowercase to sixteen more bytes: a search of the lowercased text pointed
        // inside the `。` after the phrase, and cutting the text there panicked.
        let text = format!(
            "# Plan\n\n{} This ExecPlan is a LIVING Document。Keep `Progress` current.\n\n## Progress\n\n- [x] done\n",
            "İ".repeat(16)
        );
        let text = text.as_str();
        let plan = parse(text);
        let Conformance::Declared(declared) = &plan.conformance else {
            panic!("not declared: {:?}", plan.conformance);
        };
        assert_eq!(plan.text(declared[0].span), "Progress");
        assert_eq!(
            find_ignoring_ascii_case(b"a LiViNg document", b"living document"),
            Some(2)
        );
        assert_eq!(
            find_ignoring_ascii_case(b"living", b"living document"),
            None
        );
    }

    #[test]
    fn repo_paths() {
        assert!(is_repo_path("src/csv.rs"));
        assert!(!is_repo_path("src/a\u{3000}b.rs"));
        assert!(!is_repo_path("src/a\u{b}b.rs"));
        assert!(is_repo_path("manuscript/ja/part3/chapter7-cluster-ha.md"));
        assert!(is_repo_path(".agent/PLANS.md"));
        assert!(is_repo_path("src/lib.rs:42"));
        assert!(is_repo_path("docs/"));
        assert!(!is_repo_path("gh auth status"));
        assert!(!is_repo_path("/sources/files"));
        assert!(!is_repo_path("tools/source-*.mjs"));
        assert!(!is_repo_path("origin/main"));
        assert!(!is_repo_path("https://example.com/a.md"));
        assert!(!is_repo_path("crate::module::f"));
        assert!(!is_repo_path("v1.2/3"));
    }
}
