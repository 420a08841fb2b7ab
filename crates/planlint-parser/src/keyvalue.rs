//! `Key: value` lines: the one reader of keyed lines in a plan, for statuses, metadata bullets,
//! preamble lines and Decision Log entries alike (front matter fields come out as the same type).
//! It knows the spellings (`**Key:** value`, `**Key**: value`, `> Key: value`, `- Key：value`) but
//! nothing of which keys mean what.

use crate::span::Span;

/// A `Key: value` line split into its parts, with emphasis and quote markers removed from the key.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct KeyValue<'a> {
    pub key: &'a str,
    pub key_span: Span,
    pub value: &'a str,
    pub value_span: Span,
}

/// Split `line` (at byte offset `base`) into key and value at the first `:` or `：`, accepting
/// `**Key:** value`, `**Key**: value`, `> Key: value` and list markers before the key.
pub fn key_value(line: &str, base: usize) -> Option<KeyValue<'_>> {
    let mut start = 0;
    let bytes = line.as_bytes();
    // Leading quote markers, list markers and white space.
    loop {
        while start < bytes.len() && matches!(bytes[start], b' ' | b'\t') {
            start += 1;
        }
        if start < bytes.len() && bytes[start] == b'>' {
            start += 1;
            continue;
        }
        if start + 1 < bytes.len()
            && matches!(bytes[start], b'-' | b'*' | b'+')
            && bytes[start + 1] == b' '
        {
            start += 2;
            continue;
        }
        break;
    }
    let rest = &line[start..];
    // A key is at most 40 bytes: the colon is among the first 41 (`：` is EF BC 9A).
    let b = rest.as_bytes();
    let colon = (0..b.len().min(41))
        .find(|&i| b[i] == b':' || (b[i] == 0xEF && b[i + 1..].starts_with(&[0xBC, 0x9A])))?;
    let colon_len = if rest[colon..].starts_with(':') {
        1
    } else {
        '：'.len_utf8()
    };
    let raw_key = &rest[..colon];
    if raw_key.len() > 40 || raw_key.contains('`') {
        return None;
    }
    let key_trim = raw_key.trim_matches(|c: char| c == '*' || c == '_' || c.is_whitespace());
    if key_trim.is_empty() || key_trim.contains(['*', '[', ']', '(', '|']) {
        return None;
    }
    // `key_trim` lies inside `raw_key`.
    let key_off = start + (key_trim.as_ptr() as usize - raw_key.as_ptr() as usize);
    let mut vstart = start + colon + colon_len;
    // `**Status:** value`: the closing emphasis comes after the colon.
    let after = &line[vstart..];
    let stripped = after.trim_start_matches(['*', '_']);
    vstart += after.len() - stripped.len();
    let value_raw = &line[vstart..];
    let value = value_raw.trim();
    let vo = vstart + (value_raw.len() - value_raw.trim_start().len());
    Some(KeyValue {
        key: key_trim,
        key_span: Span::new(base + key_off, base + key_off + key_trim.len()),
        value,
        value_span: Span::new(base + vo, base + vo + value.len()),
    })
}

/// Whether `key`, trimmed and lowercased, is one of `set` (written in lowercase).
pub fn is_one_of(key: &str, set: &[&str]) -> bool {
    let k = key.trim();
    if k.is_ascii() {
        set.iter().any(|s| s.eq_ignore_ascii_case(k))
    } else {
        set.contains(&k.to_lowercase().as_str())
    }
}
