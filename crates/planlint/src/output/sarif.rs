//! SARIF 2.1.0, for GitHub code scanning and other SARIF viewers: the tool with every rule
//! (id, short and full description, help, default level) and one result per diagnostic with
//! its physical location. Checked against the official schema (`schemas/sarif-2.1.0.json`).

use percent_encoding::{utf8_percent_encode, AsciiSet, CONTROLS};
use planlint_rules::{Severity, RULES};
use serde_json::{json, Value};

use super::Located;

/// Characters a relative URI reference must not carry raw (RFC 3986), `/` kept as separator.
const URI: &AsciiSet = &CONTROLS
    .add(b' ')
    .add(b'"')
    .add(b'#')
    .add(b'%')
    .add(b'<')
    .add(b'>')
    .add(b'?')
    .add(b'[')
    .add(b'\\')
    .add(b']')
    .add(b'^')
    .add(b'`')
    .add(b'{')
    .add(b'|')
    .add(b'}');

fn level(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
    }
}

/// The first paragraph under the documentation's `## What it does`.
fn full_description(doc: &str) -> String {
    doc.split("## What it does")
        .nth(1)
        .unwrap_or(doc)
        .trim_start()
        .split("\n\n")
        .next()
        .unwrap_or("")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

fn rules() -> Vec<Value> {
    RULES
        .iter()
        .map(|r| {
            let doc = r.documentation();
            json!({
                "id": r.name,
                "name": r.name,
                "shortDescription": { "text": r.summary },
                "fullDescription": { "text": full_description(&doc) },
                "help": {
                    "text": format!("{doc}\n\nRun `planlint explain {}` for this text.", r.name),
                    "markdown": doc,
                },
                "defaultConfiguration": { "level": level(r.default_severity) },
                "properties": { "tags": [r.group.as_str()] },
            })
        })
        .collect()
}

/// One result.
pub fn result(l: &Located<'_>) -> Value {
    let path = l
        .file
        .repo_path
        .as_deref()
        .or(l.file.rel.as_deref())
        .unwrap_or(&l.file.display);
    let mut message = l.diag.message.clone();
    if let Some(help) = &l.diag.help {
        message.push_str("\nhelp: ");
        message.push_str(help);
    }
    let mut result = json!({
        "ruleId": l.diag.rule,
        "level": level(l.diag.severity),
        "message": { "text": message },
        "locations": [{
            "physicalLocation": {
                "artifactLocation": {
                    "uri": utf8_percent_encode(path, URI).to_string(),
                    "uriBaseId": "%SRCROOT%",
                },
                "region": {
                    "startLine": l.start.line,
                    "startColumn": l.start.column,
                    "endLine": l.end.line,
                    "endColumn": l.end.column,
                },
            },
        }],
    });
    if let Some(index) = RULES.iter().position(|r| r.name == l.diag.rule) {
        result["ruleIndex"] = json!(index);
    }
    result
}

/// The log up to the opening of the results array.
pub fn begin() -> String {
    let mut driver = json!({
        "name": "planlint",
        "version": env!("CARGO_PKG_VERSION"),
        "semanticVersion": env!("CARGO_PKG_VERSION"),
        "rules": rules(),
    });
    // The repository comes from one place, the workspace manifest.
    let uri = env!("CARGO_PKG_REPOSITORY");
    if !uri.is_empty() {
        driver["informationUri"] = json!(uri);
    }
    let tool = serde_json::to_string_pretty(&json!({ "driver": driver })).unwrap_or_default();
    format!(
        "{{\n  \"$schema\": \"https://json.schemastore.org/sarif-2.1.0.json\",\n  \"version\": \"2.1.0\",\n  \"runs\": [\n    {{\n      \"tool\": {},\n      \"columnKind\": \"unicodeCodePoints\",\n      \"results\": [",
        tool.replace('\n', "\n      ")
    )
}

/// The log after the results array.
pub fn end(any: bool) -> String {
    format!("{}]\n    }}\n  ]\n}}\n", if any { "\n      " } else { "" })
}

/// A log for a run that could not lint (a configuration or usage error): no results, and the
/// error as a tool execution notification, so an upload step reports planlint's own message
/// instead of failing on an empty file.
pub fn failed(message: &str) -> String {
    let mut log: serde_json::Value =
        serde_json::from_str(&format!("{}{}", begin(), end(false))).unwrap_or_default();
    log["runs"][0]["invocations"] = json!([{
        "executionSuccessful": false,
        "exitCode": 2,
        "toolExecutionNotifications": [{
            "level": "error",
            "message": { "text": message },
        }],
    }]);
    let mut text = serde_json::to_string_pretty(&log).unwrap_or_default();
    text.push('\n');
    text
}
