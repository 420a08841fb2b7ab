//! Byte offsets of the model to LSP positions and back, in the encoding the client negotiated:
//! UTF-16 code units by default, UTF-8 bytes when the client offers it. Lines end at LF, CR LF
//! or a lone CR, as the parser counts them.

use std::cell::RefCell;
use std::collections::HashMap;

use lsp_types::{Position, Range};
use planlint_parser::{LineIndex, Span};

/// How columns are counted.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Encoding {
    Utf8,
    Utf16,
}

/// How far apart the UTF-16 checkpoints of a long line are, in bytes.
const STRIDE: usize = 256;

/// A text with its line index, for conversions.
pub struct Lines<'a> {
    text: &'a str,
    index: LineIndex,
    encoding: Encoding,
    /// For each long line converted to UTF-16, `(byte offset, units before it)` every
    /// [`STRIDE`] bytes: a line is counted once, however many findings it holds.
    checkpoints: RefCell<HashMap<usize, Vec<(usize, usize)>>>,
}

impl<'a> Lines<'a> {
    pub fn new(text: &'a str, encoding: Encoding) -> Self {
        Lines {
            text,
            index: LineIndex::new(text),
            encoding,
            checkpoints: RefCell::default(),
        }
    }

    /// The position of a byte offset.
    pub fn position(&self, offset: usize) -> Position {
        let offset = floor(self.text, offset.min(self.text.len()));
        let line = self.index.line_of(offset);
        let start = self.index.line_start(line).min(offset);
        let character = match self.encoding {
            Encoding::Utf8 => offset - start,
            Encoding::Utf16 if offset - start <= STRIDE => {
                self.text[start..offset].encode_utf16().count()
            }
            Encoding::Utf16 => {
                let mut all = self.checkpoints.borrow_mut();
                let marks = all
                    .entry(line)
                    .or_insert_with(|| checkpoints(self.text, start));
                let i = marks.partition_point(|&(at, _)| at <= offset);
                let (at, units) = marks[i.saturating_sub(1)];
                units + self.text[at..offset].encode_utf16().count()
            }
        };
        Position::new((line - 1) as u32, character as u32)
    }

    pub fn range(&self, span: Span) -> Range {
        Range::new(self.position(span.start), self.position(span.end))
    }

    /// The byte offset of a position (clamped to its line, and to the text).
    pub fn offset(&self, p: Position) -> usize {
        let line = p.line as usize + 1;
        if line > self.index.line_count() {
            return self.text.len();
        }
        let start = self.index.line_start(line);
        let end = self.index.line_end(self.text, line);
        let text = &self.text[start..end];
        let mut units = 0usize;
        for (i, c) in text.char_indices() {
            if units >= p.character as usize {
                return start + i;
            }
            units += match self.encoding {
                Encoding::Utf8 => c.len_utf8(),
                Encoding::Utf16 => c.len_utf16(),
            };
        }
        end
    }
}

/// `(byte offset, UTF-16 units from the line's start)` at the line's start and then at the
/// first character boundary every [`STRIDE`] bytes, to the line's end.
fn checkpoints(text: &str, start: usize) -> Vec<(usize, usize)> {
    let mut marks = vec![(start, 0)];
    let mut units = 0;
    let mut next = start + STRIDE;
    for (i, c) in text[start..].char_indices() {
        if c == '\n' || c == '\r' {
            break;
        }
        let at = start + i;
        if at >= next {
            marks.push((at, units));
            next = at + STRIDE;
        }
        units += c.len_utf16();
    }
    marks
}

fn floor(text: &str, mut offset: usize) -> usize {
    while offset > 0 && !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf16_and_utf8_columns() {
        let text = "# 計画 😀\r\n- [X ] x\r\n";
        let l16 = Lines::new(text, Encoding::Utf16);
        let at = text.find('x').unwrap();
        assert_eq!(l16.position(at), Position::new(1, 7));
        let smile = text.find('😀').unwrap();
        assert_eq!(l16.position(smile), Position::new(0, 5));
        assert_eq!(l16.position(smile + 4), Position::new(0, 7));
        let l8 = Lines::new(text, Encoding::Utf8);
        assert_eq!(l8.position(smile), Position::new(0, 9));
        assert_eq!(l16.offset(Position::new(0, 5)), smile);
        assert_eq!(l8.offset(Position::new(1, 7)), at);
        assert_eq!(l16.offset(Position::new(9, 0)), text.len());
    }

    /// A long line is counted through its checkpoints: the same columns as counting each time.
    #[test]
    fn long_lines_convert_as_short_ones() {
        let line: String = "a😀計".repeat(400);
        let text = format!("x\n{line}\nend");
        let lines = Lines::new(&text, Encoding::Utf16);
        for (i, _) in text.char_indices() {
            let p = lines.position(i);
            let start = text[..i].rfind('\n').map_or(0, |n| n + 1);
            assert_eq!(
                p.character as usize,
                text[start..i].encode_utf16().count(),
                "{i}"
            );
        }
    }
}
