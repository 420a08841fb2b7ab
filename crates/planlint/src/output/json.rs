//! The JSON report of DESIGN.md; its schema is `schemas/report.schema.json`.

use serde_json::{json, Value};

use super::{Located, Summary};

/// Version of the report format (not of planlint).
pub const REPORT_VERSION: u32 = 1;

pub fn render(located: &[Located<'_>], summary: Summary) -> String {
    let diagnostics: Vec<Value> = located
        .iter()
        .map(|l| {
            let mut d = json!({
                "file": l.file.display,
                "rule": l.diag.rule,
                "severity": l.diag.severity.as_str(),
                "message": l.diag.message,
                "line": l.start.line,
                "column": l.start.column,
                "end_line": l.end.line,
                "end_column": l.end.column,
                "fixable": !l.diag.fix.is_empty(),
            });
            if let Some(help) = &l.diag.help {
                d["help"] = json!(help);
            }
            d
        })
        .collect();
    let report = json!({
        "version": REPORT_VERSION,
        "tool": { "name": "planlint", "version": env!("CARGO_PKG_VERSION") },
        "summary": {
            "files": summary.files,
            "errors": summary.errors,
            "warnings": summary.warnings,
        },
        "diagnostics": diagnostics,
    });
    let mut s = serde_json::to_string_pretty(&report).unwrap_or_default();
    s.push('\n');
    s
}
