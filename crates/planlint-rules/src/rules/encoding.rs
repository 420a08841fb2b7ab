use planlint_parser::Span;

use crate::diagnostic::Severity;
use crate::registry::Group;
use crate::{declare_rule, Diagnostic};

declare_rule! {
    /// ## What it does
    /// Reports a file that is not UTF-8 text: invalid UTF-8 (named at its first bad byte),
    /// UTF-16 (recognised by its byte order mark), or binary content (a NUL byte). The file is
    /// reported and the run goes on with the other files. A UTF-8 byte order mark is fine.
    ///
    /// ## Why is this bad?
    /// Plans are read by people, agents and tools that all expect UTF-8; a Latin-1 or UTF-16
    /// file shows up as mojibake in review and cannot be checked at all.
    ///
    /// ## Example
    /// A plan saved as UTF-16 by an editor, or as Latin-1 with `é` as the byte `0xE9`.
    ///
    /// ## Use instead
    /// Save the file as UTF-8 (for example `iconv -f UTF-16 -t UTF-8`).
    pub static RULE = Rule {
        name: "encoding",
        group: Group::Files,
        severity: Severity::Error,
        fixable: false,
        summary: "the file is not UTF-8 text",
        check: None,
    };
}

/// The text of `bytes`, or the `encoding` diagnostic that says why it is not UTF-8 text.
pub fn decode(bytes: &[u8]) -> Result<&str, Box<Diagnostic>> {
    let fail = |at: usize, message: String, help: &'static str| {
        Err(Box::new(
            Diagnostic::new(RULE.name, Span::new(at, at), message).help(help),
        ))
    };
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        return fail(
            0,
            "file is UTF-16, not UTF-8".into(),
            "convert the file to UTF-8",
        );
    }
    // UTF-16 without a byte order mark: NUL bytes in every other place.
    if let Some(order) = utf16_without_bom(bytes) {
        return fail(
            0,
            format!("file looks like UTF-16 ({order}, no byte order mark), not UTF-8"),
            "convert it to UTF-8, e.g. `iconv -f UTF-16LE -t UTF-8 plan.md > plan.utf8.md` (UTF-16BE for big-endian)",
        );
    }
    // The SIMD check first (several times faster on valid text); the standard one decides
    // when it fails, and says where the text goes wrong.
    let text = match simdutf8::basic::from_utf8(bytes) {
        Ok(text) => text,
        Err(_) => match std::str::from_utf8(bytes) {
            Ok(text) => text,
            Err(e) => {
                let at = e.valid_up_to();
                return fail(
                    at,
                    format!(
                        "file is not valid UTF-8: invalid byte 0x{:02X} at byte {at}",
                        bytes[at]
                    ),
                    "save the file as UTF-8",
                );
            }
        },
    };
    match memchr::memchr(0, text.as_bytes()) {
        Some(at) => fail(
            at,
            format!("file looks binary: NUL byte at byte {at}"),
            "plans are text; check that this is the file you meant",
        ),
        None => Ok(text),
    }
}

/// Whether `bytes` look like UTF-16 text without a byte order mark, and its byte order: among
/// the first 512 byte pairs, most hold one NUL on the same side (ASCII text in UTF-16).
fn utf16_without_bom(bytes: &[u8]) -> Option<&'static str> {
    let pairs: Vec<&[u8]> = bytes.chunks_exact(2).take(512).collect();
    if pairs.len() < 2 {
        return None;
    }
    let low = pairs.iter().filter(|p| p[0] != 0 && p[1] == 0).count();
    let high = pairs.iter().filter(|p| p[0] == 0 && p[1] != 0).count();
    let most = |n: usize| n * 10 >= pairs.len() * 7;
    if most(low) {
        Some("little-endian")
    } else if most(high) {
        Some("big-endian")
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Issue 13, item 12: UTF-16 without a byte order mark was "binary: NUL byte at byte 1".
    #[test]
    fn utf16_without_a_bom_is_named() {
        let le: Vec<u8> = "# Plan\n\n## Progress\n"
            .encode_utf16()
            .flat_map(u16::to_le_bytes)
            .collect();
        let be: Vec<u8> = "# Plan\n\n## Progress\n"
            .encode_utf16()
            .flat_map(u16::to_be_bytes)
            .collect();
        let message = |b: &[u8]| decode(b).unwrap_err().message.to_string();
        assert_eq!(
            message(&le),
            "file looks like UTF-16 (little-endian, no byte order mark), not UTF-8"
        );
        assert!(message(&be).contains("big-endian"));
        assert!(decode(&le)
            .unwrap_err()
            .help
            .unwrap()
            .contains("iconv -f UTF-16LE"));
        // A NUL or two in UTF-8 text is still binary content.
        assert_eq!(
            message(b"# Plan\n\0\n"),
            "file looks binary: NUL byte at byte 7"
        );
        assert!(decode("# 計画\n".as_bytes()).is_ok());
    }
}
