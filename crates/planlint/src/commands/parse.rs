//! `planlint parse FILE...`: the typed plan model as JSON, for dashboards and bots that want
//! plans without parsing Markdown. Spans carry byte offsets and 1-based line and column; the
//! output's JSON Schema is `schemas/plan.schema.json`, generated from these types.

use std::path::Path;

use planlint_parser::{LineIndex, Plan};
use rayon::prelude::*;
use schemars::JsonSchema;
use serde::Serialize;
use serde_json::Value;

use crate::discover::Target;
use crate::input::{self, Input};

/// Version of the output format (not of planlint).
pub const PARSE_VERSION: u32 = 1;

/// The output of `planlint parse`.
#[derive(Serialize, JsonSchema)]
#[schemars(title = "planlint parse output")]
pub struct ParseReport<'a> {
    /// Version of this format.
    pub version: u32,
    pub tool: Tool,
    /// One entry per file, in the order given (folders expanded in path order).
    pub files: Vec<ParsedFile<'a>>,
}

/// The tool that wrote the output.
#[derive(Serialize, JsonSchema)]
pub struct Tool {
    pub name: String,
    pub version: String,
}

/// One file: its plan, or why it could not be read.
#[derive(Serialize, JsonSchema)]
pub struct ParsedFile<'a> {
    /// The path as given, relative to the working directory.
    pub file: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub plan: Option<Plan<'a>>,
    /// Why the file has no plan: the I/O error, or the `encoding` finding's message.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub error: Option<String>,
}

/// The JSON Schema of the output.
pub fn schema() -> Value {
    let schema = schemars::generate::SchemaSettings::draft2020_12()
        .into_generator()
        .into_root_schema_for::<ParseReport<'static>>();
    serde_json::to_value(schema).unwrap_or_default()
}

/// Add line and column to every span (an object of exactly `start` and `end`).
fn positions(v: &mut Value, text: &str, index: &LineIndex) {
    match v {
        Value::Object(map) => {
            let span = map.len() == 2
                && map.get("start").and_then(Value::as_u64).is_some()
                && map.get("end").and_then(Value::as_u64).is_some();
            if span {
                for (key, line, column) in [
                    ("start", "line", "column"),
                    ("end", "end_line", "end_column"),
                ] {
                    let offset = map[key].as_u64().unwrap_or(0) as usize;
                    let p = index.position(text, offset);
                    map.insert(line.into(), p.line.into());
                    map.insert(column.into(), p.column.into());
                }
            } else {
                map.values_mut().for_each(|c| positions(c, text, index));
            }
        }
        Value::Array(items) => items.iter_mut().for_each(|c| positions(c, text, index)),
        _ => {}
    }
}

/// Parse every target; the JSON text and whether every file had a plan. `root` is the canonical
/// project root.
pub fn run(targets: &[Target], root: &Path) -> (String, bool) {
    let inputs: Vec<Input> = targets
        .par_iter()
        .map(|t| input::read(t, None, root))
        .collect();
    let files: Vec<(Value, bool)> = inputs
        .par_iter()
        .map(|input| {
            let text = input.text();
            let entry = ParsedFile {
                file: input.display.clone(),
                plan: text.as_ref().ok().map(|t| planlint_parser::parse(t)),
                error: text.as_ref().err().cloned(),
            };
            let mut v = serde_json::to_value(&entry).unwrap_or(Value::Null);
            if let (Ok(text), Some(plan)) = (&text, v.get_mut("plan")) {
                positions(plan, text, &LineIndex::new(text));
            }
            (v, text.is_ok())
        })
        .collect();
    let ok = files.iter().all(|(_, ok)| *ok);
    let files: Vec<Value> = files.into_iter().map(|(v, _)| v).collect();
    let report = serde_json::json!({
        "version": PARSE_VERSION,
        "tool": { "name": "planlint", "version": env!("CARGO_PKG_VERSION") },
        "files": files,
    });
    let mut s = serde_json::to_string_pretty(&report).unwrap_or_default();
    s.push('\n');
    (s, ok)
}
