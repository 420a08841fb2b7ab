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
