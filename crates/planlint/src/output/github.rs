//! GitHub Actions workflow commands: one `::error …::message` (or `::warning`) per diagnostic,
//! which GitHub turns into annotations on the pull request's changed lines.
//!
//! Escaping follows GitHub's runner: in the message, `%`, `\r` and `\n` become `%25`, `%0D` and
//! `%0A`; in property values, `:` and `,` also become `%3A` and `%2C`.

use std::fmt::Write;

use planlint_rules::Severity;

use super::Located;

/// Escape a workflow command's message.
pub fn escape_data(s: &str) -> String {
    s.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Escape a workflow command's property value.
pub fn escape_property(s: &str) -> String {
    escape_data(s).replace(':', "%3A").replace(',', "%2C")
}

pub fn render(located: &[Located<'_>]) -> String {
    let mut out = String::new();
    for l in located {
        let level = match l.diag.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        let mut message = l.diag.message.clone();
        if let Some(help) = &l.diag.help {
            message.push_str("\nhelp: ");
            message.push_str(help);
        }
        let _ = writeln!(
            out,
            "::{level} file={},line={},col={},endLine={},endColumn={},title={}::{}",
            escape_property(&super::visible::visible(
                l.file.repo_path.as_deref().unwrap_or(&l.file.display)
            )),
            l.start.line,
            l.start.column,
            l.end.line,
            l.end.column,
            escape_property(&format!("planlint({})", l.diag.rule)),
            escape_data(&super::visible::visible(&message)),
        );
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// GitHub's runner decodes `%25` last, so any escaped text round-trips.
    fn unescape(s: &str) -> String {
        s.replace("%0D", "\r")
            .replace("%0A", "\n")
            .replace("%3A", ":")
            .replace("%2C", ",")
            .replace("%25", "%")
    }

    #[test]
    fn message_and_properties_round_trip() {
        for s in [
            "50% done\r\nnext: a, b",
            "%0A literal",
            "plain",
            "a%3Ab",
            "",
        ] {
            let data = escape_data(s);
            assert!(!data.contains(['\r', '\n']));
            assert_eq!(unescape(&data), s);
            let prop = escape_property(s);
            assert!(!prop.contains([':', ',', '\r', '\n']));
            assert_eq!(unescape(&prop), s);
        }
        assert_eq!(escape_property("a,b:c%"), "a%2Cb%3Ac%25");
        assert_eq!(escape_data("x\ny%"), "x%0Ay%25");
    }
}
