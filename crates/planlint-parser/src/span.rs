//! Byte spans and the line index that turns them into 1-based line/column positions.
//!
//! The model keeps every position as a byte range into the original file (BOM included), the way
//! comrak's sourcepos and miette's `SourceSpan` do; conversion to line/column happens only when a
//! diagnostic is reported. Columns are counted in characters, not bytes.

use serde::Serialize;

/// A half-open byte range `start..end` into the original source text.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl Span {
    /// A span from `start` to `end` (clamped so that `end >= start`).
    pub fn new(start: usize, end: usize) -> Self {
        Span {
            start,
            end: end.max(start),
        }
    }

    /// Length in bytes.
    pub fn len(&self) -> usize {
        self.end - self.start
    }

    /// Whether the span covers no bytes.
    pub fn is_empty(&self) -> bool {
        self.end == self.start
    }

    /// Whether `offset` lies inside the span.
    pub fn contains(&self, offset: usize) -> bool {
        self.start <= offset && offset < self.end
    }
}

impl schemars::JsonSchema for Span {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Span".into()
    }

    /// Byte offsets, and the 1-based positions `planlint parse` adds for readers of its JSON.
    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "description": "A half-open byte range into the file (BOM included); `planlint parse` adds 1-based line and column (in characters) of both ends.",
            "type": "object",
            "required": ["start", "end"],
            "properties": {
                "start": { "type": "integer", "minimum": 0 },
                "end": { "type": "integer", "minimum": 0 },
                "line": { "type": "integer", "minimum": 1 },
                "column": { "type": "integer", "minimum": 1 },
                "end_line": { "type": "integer", "minimum": 1 },
                "end_column": { "type": "integer", "minimum": 1 }
            },
            "additionalProperties": false
        })
    }
}

/// A 1-based line and column (column counted in characters).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct Position {
    pub line: usize,
    pub column: usize,
}

/// Start offsets of every line of a text, for offset <-> line/column conversion.
#[derive(Clone, Debug)]
pub struct LineIndex {
    starts: Vec<usize>,
    len: usize,
}

impl LineIndex {
    /// Index the lines of `text`. A line ends after `\n`, `\r\n` or a lone `\r`, as in
    /// CommonMark: comrak counts lines that way, and its positions are mapped through this index.
    pub fn new(text: &str) -> Self {
        let bytes = text.as_bytes();
        let mut starts = Vec::with_capacity(text.len() / 40 + 1);
        starts.push(0);
        if memchr::memchr(b'\r', bytes).is_none() {
            starts.extend(memchr::memchr_iter(b'\n', bytes).map(|i| i + 1));
        } else {
            starts.extend(
                memchr::memchr2_iter(b'\n', b'\r', bytes)
                    .filter(|&i| bytes[i] == b'\n' || bytes.get(i + 1) != Some(&b'\n'))
                    .map(|i| i + 1),
            );
        }
        LineIndex {
            starts,
            len: text.len(),
        }
    }

    /// Number of lines (a trailing newline opens an empty last line).
    pub fn line_count(&self) -> usize {
        self.starts.len()
    }

    /// Byte offset where 1-based `line` starts (clamped to the text).
    pub fn line_start(&self, line: usize) -> usize {
        let idx = line.saturating_sub(1).min(self.starts.len() - 1);
        self.starts[idx]
    }

    /// Byte offset just past the content of 1-based `line`, before its `\r\n`, `\n` or `\r`.
    pub fn line_end(&self, text: &str, line: usize) -> usize {
        let idx = line.saturating_sub(1);
        let mut end = if idx + 1 < self.starts.len() {
            self.starts[idx + 1] - 1
        } else {
            self.len
        };
        let bytes = text.as_bytes();
        let start = self.line_start(line);
        if end > start && end <= bytes.len() && bytes[end - 1] == b'\r' {
            end -= 1;
        }
        end.max(start)
    }

    /// Byte offset of a 1-based line and 1-based *byte* column (comrak's sourcepos), clamped.
    pub fn offset(&self, line: usize, byte_column: usize) -> usize {
        (self.line_start(line) + byte_column.saturating_sub(1)).min(self.len)
    }

    /// 1-based line of a byte offset.
    pub fn line_of(&self, offset: usize) -> usize {
        match self.starts.binary_search(&offset) {
            Ok(i) => i + 1,
            Err(i) => i,
        }
    }

    /// 1-based line and character column of a byte offset in `text`.
    pub fn position(&self, text: &str, offset: usize) -> Position {
        let offset = offset.min(text.len());
        let line = self.line_of(offset);
        let start = self.starts[line - 1];
        let mut end = offset;
        while !text.is_char_boundary(end) {
            end -= 1;
        }
        let column = 1 + text[start..end].chars().count();
        Position { line, column }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_lone_carriage_return_ends_a_line() {
        let text = "a\rb\r\nc\r\rd\r";
        let idx = LineIndex::new(text);
        assert_eq!(idx.line_count(), 6);
        let d = text.find('d').unwrap();
        assert_eq!(idx.position(text, d), Position { line: 5, column: 1 });
        let lines: Vec<&str> = (1..=6)
            .map(|l| &text[idx.line_start(l)..idx.line_end(text, l)])
            .collect();
        assert_eq!(lines, ["a", "b", "c", "", "d", ""]);
    }

    #[test]
    fn positions_count_characters_and_survive_crlf() {
        let text = "ab\r\nクラスタ x\r\nlast";
        let idx = LineIndex::new(text);
        assert_eq!(idx.line_count(), 3);
        let x = text.find('x').unwrap();
        assert_eq!(idx.position(text, x), Position { line: 2, column: 6 });
        assert_eq!(idx.line_end(text, 1), 2);
        assert_eq!(
            &text[idx.line_start(2)..idx.line_end(text, 2)],
            "クラスタ x"
        );
        assert_eq!(
            idx.position(text, text.len()),
            Position { line: 3, column: 5 }
        );
    }
}
