//! Plan text made safe for a terminal. A plan from a pull request must never move the cursor,
//! retitle the window or hide text: every control character (C0 but tab and line feed, DEL, C1)
//! is shown as a visible stand-in — the Unicode control pictures (`␛` for ESC) for C0 and DEL,
//! `\u{85}`-style escapes for C1 — in every human output.

use std::borrow::Cow;

/// Whether `c` must not reach a terminal as it is.
pub fn is_control(c: char) -> bool {
    (c.is_control() && c != '\t' && c != '\n') || c == '\u{7f}'
}

/// The visible stand-in for a control character.
fn picture(c: char, out: &mut String) {
    match c {
        '\0'..='\u{1f}' => out.push(char::from_u32(0x2400 + c as u32).unwrap_or('?')),
        '\u{7f}' => out.push('\u{2421}'),
        _ => out.push_str(&format!("\\u{{{:x}}}", c as u32)),
    }
}

/// `text` with every control character but tab and line feed shown as a visible stand-in.
pub fn visible(text: &str) -> Cow<'_, str> {
    if !text.chars().any(is_control) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if is_control(c) {
            picture(c, &mut out);
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// [`visible`] for a source text whose byte offsets must be mapped: the new text and, for each
/// replaced character, its old offset and how many bytes longer the stand-in is. A CR before a
/// LF (a CRLF line ending) is kept: the renderer splits lines on it.
pub fn visible_source(text: &str) -> Option<(String, Vec<(usize, usize)>)> {
    let bytes = text.as_bytes();
    let needs = text
        .char_indices()
        .any(|(i, c)| is_control(c) && !(c == '\r' && bytes.get(i + 1) == Some(&b'\n')));
    if !needs {
        return None;
    }
    let mut out = String::with_capacity(text.len() + 16);
    let mut shifts = Vec::new();
    for (i, c) in text.char_indices() {
        if is_control(c) && !(c == '\r' && bytes.get(i + 1) == Some(&b'\n')) {
            let before = out.len();
            picture(c, &mut out);
            shifts.push((i, out.len() - before - c.len_utf8()));
        } else {
            out.push(c);
        }
    }
    Some((out, shifts))
}

/// An offset of the old text in the text [`visible_source`] made.
pub fn shift(offset: usize, shifts: &[(usize, usize)]) -> usize {
    offset
        + shifts
            .iter()
            .take_while(|(at, _)| *at < offset)
            .map(|(_, extra)| extra)
            .sum::<usize>()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn control_characters_become_visible() {
        assert_eq!(visible("plain\ttext\n"), "plain\ttext\n");
        assert_eq!(visible("\u{1b}]0;owned\u{7}"), "␛]0;owned␇");
        assert_eq!(visible("a\u{7f}b\u{85}c\u{9b}"), "a␡b\\u{85}c\\u{9b}");
        assert_eq!(visible("x\ry"), "x␍y");
        let (text, shifts) = visible_source("a\u{1b}b\r\nc").unwrap();
        assert_eq!(text, "a␛b\r\nc");
        assert_eq!(shift(2, &shifts), 4);
        assert_eq!(shift(1, &shifts), 1);
        assert!(visible_source("crlf\r\nonly\r\n").is_none());
    }
}
