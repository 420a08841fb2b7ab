//! `path:line:col: severity[rule] message`, one line per diagnostic.

use std::fmt::Write;

use super::Located;

pub fn render(located: &[Located<'_>]) -> String {
    let mut out = String::new();
    for l in located {
        let _ = writeln!(
            out,
            "{}:{}:{}: {}[{}] {}",
            l.file.display,
            l.start.line,
            l.start.column,
            l.diag.severity.as_str(),
            l.diag.rule,
            l.diag.message.replace('\n', " ")
        );
    }
    out
}
