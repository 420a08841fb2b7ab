//! Status lines: recognising `Status: value` in its many spellings and cutting out the value.
//!
//! `Status: Complete`, `**Status:** Complete — prose`, `**Status**: done`, `> Status: …`,
//! ``Status: `COMPLETED` ``, `- Status: active`, `- 状态：Completed`. The value ends at the first
//! parenthesis, dash between spaces, em dash, period or comma, so `text-draft` stays whole.

use crate::span::Span;

/// Keys that introduce a status, lowercased.
const STATUS_KEYS: &[&str] = &[
    "status",
    "状态",
    "状態",
    "ステータス",
    "상태",
    "estado",
    "plan status",
];

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

/// Whether a key names a status.
pub fn is_status_key(key: &str) -> bool {
    is_one_of(key, STATUS_KEYS)
}

/// Whether `key`, trimmed and lowercased, is one of `set` (written in lowercase).
pub(crate) fn is_one_of(key: &str, set: &[&str]) -> bool {
    let k = key.trim();
    if k.is_ascii() {
        set.iter().any(|s| s.eq_ignore_ascii_case(k))
    } else {
        set.contains(&k.to_lowercase().as_str())
    }
}

/// Cut the status value out of the text after `Status:`: drop emphasis, backticks and leading
/// symbols (`✅`), stop at a parenthesis, ` - `, em/en dash, period, comma or semicolon.
/// Returns the value and its byte range within `text`.
pub fn cut_value(text: &str) -> Option<(&str, usize, usize)> {
    let start = text
        .char_indices()
        .find(|(_, c)| c.is_alphanumeric())
        .map(|(i, _)| i)?;
    let body = &text[start..];
    let mut end = body.len();
    let mut prev_space = false;
    for (i, c) in body.char_indices() {
        let stop = match c {
            '(' | '（' | '—' | '–' | ',' | '，' | ';' | '；' | '。' | '`' | '*' | '[' | '|'
            | '<' => true,
            '.' => !body[i + 1..].starts_with(|n: char| n.is_alphanumeric()),
            '-' => prev_space && body[i + 1..].starts_with(' '),
            ':' | '：' => true,
            _ => false,
        };
        if stop {
            end = i;
            break;
        }
        prev_space = c == ' ';
    }
    let value = body[..end].trim_end();
    if value.is_empty() {
        return None;
    }
    Some((value, start, start + value.len()))
}

/// Normalise a status value: lowercase, `_` and spaces to `-`.
pub fn normalize_value(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    let mut last_dash = false;
    for c in value.trim().chars() {
        if c == '_' || c == ' ' || c == '-' {
            if !last_dash {
                out.push('-');
            }
            last_dash = true;
        } else {
            out.extend(c.to_lowercase());
            last_dash = false;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn status(line: &str) -> Option<String> {
        let kv = key_value(line, 0)?;
        is_status_key(kv.key).then(|| cut_value(kv.value).map(|v| v.0.to_string()))?
    }

    #[test]
    fn status_spellings() {
        assert_eq!(status("Status: Complete").as_deref(), Some("Complete"));
        assert_eq!(
            status("**Status:** Complete — long prose").as_deref(),
            Some("Complete")
        );
        assert_eq!(status("**Status**: done").as_deref(), Some("done"));
        assert_eq!(
            status("> Status: in progress").as_deref(),
            Some("in progress")
        );
        assert_eq!(
            status("> **Status:** `COMPLETED`").as_deref(),
            Some("COMPLETED")
        );
        assert_eq!(status("- Status: active").as_deref(), Some("active"));
        assert_eq!(status("- 状态：Completed").as_deref(), Some("Completed"));
        assert_eq!(
            status("Status: completed on this branch.").as_deref(),
            Some("completed on this branch")
        );
        assert_eq!(
            status("- Status: assets-pending (図)").as_deref(),
            Some("assets-pending")
        );
        assert_eq!(
            status("- Status: text-draft").as_deref(),
            Some("text-draft")
        );
        assert_eq!(status("Status: Draft - waiting").as_deref(), Some("Draft"));
        assert_eq!(
            status("Status: ✅ **COMPLETE**").as_deref(),
            Some("COMPLETE")
        );
        assert_eq!(
            status("Status: v1.2 shipped").as_deref(),
            Some("v1.2 shipped")
        );
        assert_eq!(status("Statistics: 3"), None);
    }

    #[test]
    fn normalisation() {
        assert_eq!(normalize_value("In Progress"), "in-progress");
        assert_eq!(normalize_value("ON_HOLD"), "on-hold");
    }
}
