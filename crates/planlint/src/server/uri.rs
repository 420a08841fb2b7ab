//! Document URIs as clients write them. A client may send a URI with a raw space or non-ASCII
//! character, which `lsp_types::Uri` refuses: the server keys each document by a readable form
//! (those characters percent-encoded, the same string when the client's was valid) and answers
//! the client with its own string.

use std::path::{Path, PathBuf};

use percent_encoding::{AsciiSet, NON_ALPHANUMERIC};
use serde_json::Value;

/// What a path keeps unencoded in a `file:` URI (as Python's `Path.as_uri` and Neovim write it).
const PATH: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'/')
    .remove(b'-')
    .remove(b'_')
    .remove(b'.')
    .remove(b'~');

/// The path of a `file:` URI.
pub fn to_path(uri: &str) -> Option<PathBuf> {
    let rest = uri.strip_prefix("file://")?;
    let rest = rest.strip_prefix("localhost").unwrap_or(rest);
    let bytes: Vec<u8> = percent_encoding::percent_decode_str(rest).collect();
    #[cfg(unix)]
    {
        use std::os::unix::ffi::OsStringExt;
        Some(PathBuf::from(std::ffi::OsString::from_vec(bytes)))
    }
    #[cfg(not(unix))]
    {
        Some(PathBuf::from(String::from_utf8_lossy(&bytes).into_owned()))
    }
}

/// The `file:` URI of a path.
pub fn from_path(path: &Path) -> String {
    let text = path.to_string_lossy();
    format!(
        "file://{}",
        percent_encoding::utf8_percent_encode(&text, PATH)
    )
}

/// A URI with every character a URI may not hold percent-encoded.
pub fn readable(uri: &str) -> String {
    let mut out = String::with_capacity(uri.len());
    let mut buf = [0; 4];
    for c in uri.chars() {
        let allowed = c.is_ascii_alphanumeric() || "-._~:/?#[]@!$&'()*+,;=%".contains(c);
        if allowed {
            out.push(c);
        } else {
            for b in c.encode_utf8(&mut buf).bytes() {
                out.push_str(&format!("%{b:02X}"));
            }
        }
    }
    out
}

/// The client's own `textDocument.uri` of a message's params, if any.
pub fn document(params: &Value) -> Option<String> {
    params
        .get("textDocument")?
        .get("uri")?
        .as_str()
        .map(str::to_string)
}

/// The params with `textDocument.uri` in its readable form.
pub fn make_readable(mut params: Value) -> Value {
    if let Some(u) = params
        .get_mut("textDocument")
        .and_then(|t| t.get_mut("uri"))
    {
        if let Some(s) = u.as_str() {
            *u = Value::String(readable(s));
        }
    }
    params
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn raw_spaces_and_non_ascii_become_readable() {
        assert_eq!(readable("file:///a%20b/c.md"), "file:///a%20b/c.md");
        assert_eq!(readable("file:///a b/計.md"), "file:///a%20b/%E8%A8%88.md");
        assert_eq!(
            to_path("file:///a%20b/%E8%A8%88.md"),
            Some(PathBuf::from("/a b/計.md"))
        );
        assert_eq!(
            from_path(Path::new("/a b/計.md")),
            "file:///a%20b/%E8%A8%88.md"
        );
    }
}
