//! A plan wrapped whole in one ```` ```md ```` fence (as agents often paste them): where the
//! envelope opens and closes, and the fences inside it that would close it early on GitHub.

use crate::model::Envelope;
use crate::span::Span;

/// A plan wrapped whole in one ```` ```md ```` fence: the first non-blank line opens it, the
/// last bare fence line closes it (a note may follow).
pub(crate) fn find_envelope(source: &str, start: usize) -> Option<Envelope> {
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
