//! Status values: which keys introduce the plan's status, and cutting the value out of the text
//! after one (the `Key: value` split itself is [`crate::keyvalue`]).
//!
//! `Status: Complete`, `**Status:** Complete — prose`, `**Status**: done`, `> Status: …`,
//! ``Status: `COMPLETED` ``, `- Status: active`, `- 状态：Completed`. The value ends at the first
//! parenthesis, dash between spaces, em dash, period or comma, so `text-draft` stays whole.

use crate::keyvalue::is_one_of;

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

/// Whether a key names a status.
pub fn is_status_key(key: &str) -> bool {
    is_one_of(key, STATUS_KEYS)
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
    use crate::keyvalue::key_value;

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
