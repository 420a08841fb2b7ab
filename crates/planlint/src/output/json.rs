//! The JSON report (its fields are listed in the README's "What it prints"); its schema is
//! `schemas/report.schema.json`.

use serde_json::{json, Value};

use super::{Located, Summary};

/// Version of the report format (not of planlint).
pub const REPORT_VERSION: u32 = 1;

/// One diagnostic as a JSON object.
pub fn diagnostic(l: &Located<'_>) -> Value {
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
}

/// The report up to the opening of the diagnostics array.
pub fn begin() -> String {
    format!(
        "{{\n  \"version\": {REPORT_VERSION},\n  \"tool\": {},\n  \"diagnostics\": [",
        json!({ "name": "planlint", "version": env!("CARGO_PKG_VERSION") })
    )
}

/// The report after the diagnostics array.
pub fn end(summary: Summary, any: bool) -> String {
    let summary = json!({
        "files": summary.files,
        "errors": summary.errors,
        "warnings": summary.warnings,
    });
    format!(
        "{}],\n  \"summary\": {summary}\n}}\n",
        if any { "\n  " } else { "" }
    )
}
