//! `path:line:col: severity[rule] message`, one line per diagnostic.

use super::visible::visible;
use super::Located;

/// One line per finding; with `color`, the path in bold and the severity in red or yellow.
pub fn render(located: &[Located<'_>], color: bool) -> String {
    let mut out = String::with_capacity(located.len() * 96);
    for l in located {
        // Plain pushes: this runs once per finding, and a folder can have tens of thousands.
        if color {
            out.push_str("\x1b[1m");
        }
        out.push_str(&visible(&l.file.display));
        let mut num = itoa::Buffer::new();
        out.push(':');
        out.push_str(num.format(l.start.line));
        out.push(':');
        out.push_str(num.format(l.start.column));
        if color {
            out.push_str("\x1b[0m");
        }
        out.push_str(": ");
        if color {
            out.push_str(match l.diag.severity {
                planlint_rules::Severity::Error => "\x1b[1;31m",
                planlint_rules::Severity::Warning => "\x1b[1;33m",
            });
        }
        out.push_str(l.diag.severity.as_str());
        if color {
            out.push_str("\x1b[0m");
        }
        out.push('[');
        out.push_str(l.diag.rule);
        out.push_str("] ");
        let message = visible(&l.diag.message);
        if message.contains('\n') {
            out.push_str(&message.replace('\n', " "));
        } else {
            out.push_str(&message);
        }
        out.push('\n');
    }
    out
}
