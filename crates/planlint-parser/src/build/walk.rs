//! The one walk over comrak's tree: headings, list items, paragraphs, tables, inline code that
//! may be a path, text that may hold a placeholder, and HTML comments, each as a byte span of the
//! file. Nothing here decides what a piece means; the other builder steps do.

use comrak::arena_tree::NodeEdge;
use comrak::nodes::{AstNode, NodeValue};
use comrak::{Arena, Options};

use super::references::is_repo_path;
use crate::model::Comment;
use crate::span::{LineIndex, Span};

/// Deepest `>` nesting handed to comrak; deeper markers are blanked (same byte length, so spans
/// stay valid). Real plans never come close; this keeps hostile input linear and shallow.
const MAX_QUOTE_DEPTH: usize = 64;

/// Pieces collected from the comrak tree, as absolute byte spans, in document order.
#[derive(Default)]
pub(crate) struct Raw {
    pub headings: Vec<RawHeading>,
    pub items: Vec<RawItem>,
    pub paragraphs: Vec<RawParagraph>,
    pub tables: Vec<RawTable>,
    pub blocks: Vec<Block>,
    /// Inline code that looks like a repository path.
    pub path_candidates: Vec<PathCandidate>,
    /// Text nodes holding `TBD`, `TODO` or `FIXME` somewhere.
    pub placeholder_candidates: Vec<TextNode>,
    pub comments: Vec<Comment>,
}

/// A top-level heading.
pub(crate) struct RawHeading {
    pub level: u8,
    pub span: Span,
    pub setext: bool,
}

/// A list item at any depth.
pub(crate) struct RawItem {
    pub span: Span,
    /// How many list items enclose this one.
    pub depth: usize,
    /// The enclosing item's index in [`Raw::items`].
    pub parent: Option<usize>,
    /// The item's first paragraph, where a checkbox or a `Key: value` would stand.
    pub first_para: Option<Span>,
    /// The list holding the item, by where it starts (line, column): items of one list share it.
    pub list: (usize, usize),
}

/// A paragraph at any depth.
pub(crate) struct RawParagraph {
    pub span: Span,
    /// Whether a list item encloses it.
    pub in_item: bool,
}

/// A table's rows, each a list of cell spans; the header row first.
pub(crate) type RawTable = Vec<Vec<Span>>;

/// A top-level block other than a heading, or a heading.
pub(crate) struct Block {
    pub start: usize,
    /// Whether the block is content (not a heading, an HTML block or a thematic break).
    pub content: bool,
}

/// Inline code naming a repository path.
pub(crate) struct PathCandidate {
    /// The path as written between the backticks.
    pub path: Span,
    /// The whole code span, backticks included.
    pub code: Span,
}

/// A text node that may hold a placeholder word.
pub(crate) struct TextNode {
    /// The node's text as comrak gives it (entities and escapes resolved).
    pub text: String,
    /// Where the node stands in the file.
    pub span: Span,
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

/// comrak's options: CommonMark with GitHub tables, as plans are written for GitHub.
fn options() -> Options<'static> {
    let mut o = Options::default();
    o.extension.table = true;
    o
}

/// Parse `region` of `source` with comrak and collect its raw pieces.
pub(crate) fn walk(source: &str, lines: &LineIndex, region: Span) -> Raw {
    let text = &source[region.start..region.end];
    let stand_in = comrak_text(text);
    let md: &str = stand_in.as_deref().unwrap_or(text);
    debug_assert_eq!(md.len(), text.len());
    let pos = Positions {
        text: md,
        base: region.start,
        lines,
        first_line: lines.line_of(region.start),
    };
    let arena = Arena::new();
    let root = comrak::parse_document(&arena, md, &options());
    let mut collector = Collector::new(source, &pos);
    // Nesting depth of the node at hand: the document is at 1, top-level blocks at 2.
    let mut depth = 0usize;
    for edge in root.traverse() {
        match edge {
            NodeEdge::Start(node) => {
                depth += 1;
                collector.start(node, depth == 2);
            }
            NodeEdge::End(node) => {
                depth -= 1;
                collector.end(node);
            }
        }
    }
    collector.raw
}

/// The text comrak is given, when it must differ from the file's: quotes nested too deep are
/// blanked, and NUL gets a one-byte stand-in (comrak turns NUL into U+FFFD, three bytes, which
/// would shift every position after it). Both replace byte for byte.
fn comrak_text(text: &str) -> Option<String> {
    let guarded = guard_depth(text);
    if memchr::memchr(0, guarded.as_deref().unwrap_or(text).as_bytes()).is_some() {
        return Some(guarded.as_deref().unwrap_or(text).replace('\0', "\u{1a}"));
    }
    guarded
}

/// The walk's state: the pieces so far, and the items and tables open at the node at hand.
struct Collector<'s> {
    source: &'s str,
    pos: &'s Positions<'s>,
    raw: Raw,
    item_stack: Vec<usize>,
    table_stack: Vec<usize>,
}

impl<'s> Collector<'s> {
    fn new(source: &'s str, pos: &'s Positions<'s>) -> Self {
        // Room for what a plan of this size usually holds (a block or item per 100-odd bytes),
        // so that the lists are not regrown on the way.
        let guess = pos.text.len() / 128 + 8;
        Collector {
            source,
            pos,
            raw: Raw {
                headings: Vec::with_capacity(guess / 4),
                items: Vec::with_capacity(guess),
                paragraphs: Vec::with_capacity(guess),
                blocks: Vec::with_capacity(guess),
                path_candidates: Vec::with_capacity(guess / 2),
                ..Raw::default()
            },
            item_stack: Vec::new(),
            table_stack: Vec::new(),
        }
    }

    /// A node closes: the item or table it opened is no longer open.
    fn end(&mut self, node: &AstNode<'_>) {
        match node.data().value {
            NodeValue::Item(_) | NodeValue::TaskItem(_) => {
                self.item_stack.pop();
            }
            NodeValue::Table(_) => {
                self.table_stack.pop();
            }
            _ => {}
        }
    }

    /// A node opens: collect it if it is a piece of the model.
    fn start(&mut self, node: &AstNode<'_>, top_level: bool) {
        let data = node.data();
        // Each node's span is worked out at most once, when something needs it.
        let mut span_once = None;
        let sourcepos = data.sourcepos;
        let pos = self.pos;
        let mut span = || *span_once.get_or_insert_with(|| pos.span(sourcepos));
        let raw = &mut self.raw;
        match &data.value {
            NodeValue::Document => {}
            NodeValue::Heading(h) if top_level => {
                let span = span();
                raw.headings.push(RawHeading {
                    level: h.level,
                    span,
                    setext: h.setext,
                });
                raw.blocks.push(Block {
                    start: span.start,
                    content: false,
                });
            }
            NodeValue::Item(_) | NodeValue::TaskItem(_) => {
                let list = node.parent().map_or((0, 0), |l| {
                    let start = l.data().sourcepos.start;
                    (start.line, start.column)
                });
                raw.items.push(RawItem {
                    span: span(),
                    depth: self.item_stack.len(),
                    parent: self.item_stack.last().copied(),
                    first_para: None,
                    list,
                });
                self.item_stack.push(raw.items.len() - 1);
            }
            NodeValue::Paragraph => {
                let span = span();
                let parent_is_item = node.parent().is_some_and(|p| {
                    matches!(p.data().value, NodeValue::Item(_) | NodeValue::TaskItem(_))
                });
                if parent_is_item && node.previous_sibling().is_none() {
                    if let Some(&i) = self.item_stack.last() {
                        raw.items[i].first_para = Some(span);
                    }
                }
                raw.paragraphs.push(RawParagraph {
                    span,
                    in_item: !self.item_stack.is_empty(),
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
                self.table_stack.push(raw.tables.len() - 1);
            }
            NodeValue::TableRow(_) => {
                if let Some(&t) = self.table_stack.last() {
                    raw.tables[t].push(Vec::new());
                }
            }
            NodeValue::TableCell => {
                if let Some(row) = self
                    .table_stack
                    .last()
                    .and_then(|&t| raw.tables[t].last_mut())
                {
                    row.push(span());
                }
            }
            NodeValue::Code(c) if is_repo_path(&c.literal) => {
                let span = span();
                // The text of a link to a file written from the plan's folder
                // (``[`completed/x.md`](../completed/x.md)``): the link's target is the path.
                let linked = node.parent().is_some_and(
                    |p| matches!(&p.data().value, NodeValue::Link(l) if is_relative_target(&l.url)),
                );
                let candidate = match linked {
                    true => link_target(self.source, span)
                        .map(|path| PathCandidate { path, code: span }),
                    false => path_candidate(self.source, span, c.literal.trim()),
                };
                if let Some(candidate) = candidate {
                    raw.path_candidates.push(candidate);
                }
            }
            NodeValue::Text(t)
                if memchr::memchr2(b'T', b'F', t.as_bytes()).is_some()
                    && (t.contains("TBD") || t.contains("TODO") || t.contains("FIXME")) =>
            {
                raw.placeholder_candidates.push(TextNode {
                    text: t.to_string(),
                    span: span(),
                });
            }
            _ => {}
        }
        if top_level && !matches!(data.value, NodeValue::Heading(_)) {
            let content = !matches!(
                data.value,
                NodeValue::HtmlBlock(_) | NodeValue::ThematicBreak
            );
            raw.blocks.push(Block {
                start: span().start,
                content,
            });
        }
    }
}

/// The path as it stands in the file, between the backticks of the code span `span`.
/// Whether a link's target is a path in the repository written from the plan (not a URL with a
/// scheme, an anchor in the page, or an absolute path).
fn is_relative_target(url: &str) -> bool {
    !url.is_empty()
        && !url.starts_with(['#', '/'])
        && !url.contains("://")
        && !url.starts_with("mailto:")
}

/// Where the target of the link whose text holds the code span at `code` is written: after the
/// text's closing `](`, without `<>`, a `#fragment` or a title. `None` when it is not written
/// there (a reference-style link, a target over several lines) or is no repository path.
fn link_target(source: &str, code: Span) -> Option<Span> {
    let rest = &source[code.end..];
    let line = &rest[..memchr::memchr(b'\n', rest.as_bytes()).unwrap_or(rest.len())];
    let open = line.find("](")? + 2;
    let target = &line[open..];
    let (skip, target) = match target.strip_prefix('<') {
        Some(t) => (1, t),
        None => (0, target),
    };
    let end = target
        .find([')', '>', ' ', '#', '"'])
        .unwrap_or(target.len());
    let path = &target[..end];
    let at = code.end + open + skip;
    is_repo_path(path).then(|| Span::new(at, at + path.len()))
}

fn path_candidate(source: &str, span: Span, path: &str) -> Option<PathCandidate> {
    let code = &source[span.start..span.end];
    let written = code.trim_matches('`').trim();
    let at = if written == path {
        span.start + (written.as_ptr() as usize - code.as_ptr() as usize)
    } else {
        span.start + code.find(path)?
    };
    Some(PathCandidate {
        path: Span::new(at, at + path.len()),
        code: span,
    })
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
