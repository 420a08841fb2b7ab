//! Repository paths cited in backticks (`src/csv.rs`, `docs/`): which inline code looks like a
//! path inside the repository, and the model's references to them. Whether a path exists is the
//! rules' question, answered by the caller's project.

use super::walk::PathCandidate;
use crate::model::{section_index, Reference, Section};

/// The references, from the walk's path candidates.
pub(crate) fn references<'a>(
    source: &'a str,
    candidates: &[PathCandidate],
    secs: &[Section<'_>],
) -> Vec<Reference<'a>> {
    candidates
        .iter()
        .map(|c| Reference {
            path: &source[c.path.start..c.path.end],
            span: c.code,
            section: section_index(secs, c.code.start),
        })
        .collect()
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
///
/// A one-pass byte reading of `is_repo_path_reference` in the tests; the property test
/// `repo_path_test_matches_the_reference` holds the two to the same answer.
pub(crate) fn is_repo_path(code: &str) -> bool {
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
///
/// Equivalent to stripping `:digits` twice with `rsplit_once`; the property test
/// `line_suffix_strip_matches_the_reference` holds the two together.
pub(crate) fn strip_line_suffix(s: &str) -> &str {
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

#[cfg(test)]
mod tests {
    use super::*;

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
