//! `path:line:col: severity[rule] message`, one line per diagnostic.

use super::visible::visible;
use super::Located;

pub fn render(located: &[Located<'_>]) -> String {
    let mut out = String::with_capacity(located.len() * 96);
    for l in located {
        // Plain pushes: this runs once per finding, and a folder can have tens of thousands.
        out.push_str(&visible(&l.file.display));
        let mut num = itoa::Buffer::new();
        out.push(':');
        out.push_str(num.format(l.start.line));
        out.push(':');
        out.push_str(num.format(l.start.column));
        out.push_str(": ");
        out.push_str(l.diag.severity.as_str());
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
