//! YAML front matter: the `---` block at the top of a file, read as flat `key: value` pairs.
//!
//! Plans use front matter for a handful of scalar fields (`status`, `created`, `updated`, `id`).
//! Nested mappings and lists are skipped rather than interpreted: planlint needs no YAML engine
//! for that, and a malformed block never stops the rest of the plan from being linted.

use crate::keyvalue::KeyValue;
use crate::span::Span;

/// The front matter block: its fields and where the Markdown after it starts.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FrontMatter<'a> {
    /// Top-level scalar fields, read as the same key/value pairs as keyed lines in the text.
    pub fields: Vec<KeyValue<'a>>,
    pub span: Span,
}

/// Split off front matter starting at byte `start` of `source`, if the text there opens with a
/// `---` line that a later `---` or `...` line closes.
pub fn split(source: &str, start: usize) -> Option<FrontMatter<'_>> {
    let text = &source[start..];
    let first_end = text.find('\n')?;
    if text[..first_end].trim_end() != "---" {
        return None;
    }
    let mut fields = Vec::new();
    let mut pos = first_end + 1;
    while pos < text.len() {
        let line_end = text[pos..].find('\n').map_or(text.len(), |i| pos + i + 1);
        let line = text[pos..line_end].trim_end_matches(['\n', '\r']);
        if line.trim_end() == "---" || line.trim_end() == "..." {
            return Some(FrontMatter {
                fields,
                span: Span::new(start, start + line_end),
            });
        }
        if let Some(field) = field(line, start + pos) {
            fields.push(field);
        }
        pos = line_end;
    }
    None
}

fn field(line: &str, base: usize) -> Option<KeyValue<'_>> {
    if line.starts_with([' ', '\t', '-', '#']) {
        return None;
    }
    let colon = line
        .find(": ")
        .or_else(|| line.strip_suffix(':').map(|s| s.len()))?;
    let key = line[..colon].trim().trim_matches(['"', '\'']);
    if key.is_empty() || key.contains(' ') && key.len() > 30 {
        return None;
    }
    let raw = &line[colon + 1..];
    let mut value = raw.trim();
    let mut voff = colon + 1 + (raw.len() - raw.trim_start().len());
    // A quoted value ends at its closing quote (a comment may follow); a plain one at ` #`.
    match value.chars().next() {
        Some(q @ ('"' | '\'')) => {
            if let Some(close) = value[1..].find(q) {
                value = &value[1..1 + close];
                voff += 1;
            }
        }
        _ => {
            if let Some(hash) = value.find(" #") {
                value = value[..hash].trim_end();
            }
        }
    }
    let key_off = line.find(key).unwrap_or(0);
    Some(KeyValue {
        key,
        key_span: Span::new(base + key_off, base + key_off + key.len()),
        value,
        value_span: Span::new(base + voff, base + voff + value.len()),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_flat_fields_and_skips_nesting() {
        let src = "---\r\ntype: plan\nstatus: \"done\"\ncreated: 2026-08-13\nrelated:\n  - a.md\n---\n# T\n";
        let fm = split(src, 0).unwrap();
        let keys: Vec<_> = fm.fields.iter().map(|f| (f.key, f.value)).collect();
        assert_eq!(
            keys,
            [
                ("type", "plan"),
                ("status", "done"),
                ("created", "2026-08-13"),
                ("related", "")
            ]
        );
        let status = &fm.fields[1];
        assert_eq!(&src[status.value_span.start..status.value_span.end], "done");
        assert_eq!(&src[fm.span.end..], "# T\n");
        assert!(split("--- \nno end", 0).is_none());
        // Issue 13, item 10: a comment after a quoted value is not part of it.
        let src = "---\nstatus: \"done\" # finished\nid: 'EP-1'  # the id\nnote: a # b\n---\n";
        let fm = split(src, 0).unwrap();
        let values: Vec<_> = fm.fields.iter().map(|f| f.value).collect();
        assert_eq!(values, ["done", "EP-1", "a"]);
        assert_eq!(
            &src[fm.fields[0].value_span.start..fm.fields[0].value_span.end],
            "done"
        );
        assert!(split("# no front matter\n", 0).is_none());
    }
}
