//! Unknown keys and values in `planlint.toml`, found against the configuration's own key lists —
//! its JSON Schema, generated from the very types serde reads — each with the span of the
//! offending key or value and a "did you mean" drawn from what that table allows. It runs before
//! serde, so a suggestion never depends on the wording of toml's messages, and it reaches the
//! tables serde would read without complaint (a section entry's `alias` for `aliases`). It only
//! checks names; serde still reads the values.

use std::ops::Range;
use std::sync::OnceLock;

use serde_json::Value;
use toml::de::{DeTable, DeValue};
use toml::Spanned;

use super::{did_you_mean, nested_key, Config, ConfigError};

/// The first unknown key or value in `text`, in the order of the file.
pub(super) fn check(text: &str) -> Result<(), ConfigError> {
    // Text that is not TOML is reported by serde, with toml's own message.
    let Ok(doc) = DeTable::parse(text) else {
        return Ok(());
    };
    let root = schema();
    Schema {
        defs: root.get("$defs"),
    }
    .table(doc.get_ref(), root)
}

/// The schema of [`Config`], generated once.
fn schema() -> &'static Value {
    static SCHEMA: OnceLock<Value> = OnceLock::new();
    SCHEMA.get_or_init(|| serde_json::to_value(schemars::schema_for!(Config)).unwrap_or_default())
}

struct Schema<'a> {
    defs: Option<&'a Value>,
}

impl<'a> Schema<'a> {
    /// The forms a schema node allows: `$ref`s followed, `anyOf` and `oneOf` spread out.
    fn forms(&self, node: &'a Value) -> Vec<&'a Value> {
        let mut out = Vec::new();
        self.spread(node, &mut out, 0);
        out
    }

    fn spread(&self, node: &'a Value, out: &mut Vec<&'a Value>, depth: usize) {
        if depth > 8 {
            return;
        }
        if let Some(name) = node
            .get("$ref")
            .and_then(Value::as_str)
            .and_then(|r| r.strip_prefix("#/$defs/"))
        {
            if let Some(def) = self.defs.and_then(|d| d.get(name)) {
                self.spread(def, out, depth + 1);
            }
            return;
        }
        match ["anyOf", "oneOf"]
            .iter()
            .find_map(|k| node.get(*k).and_then(Value::as_array))
        {
            Some(alternatives) => alternatives
                .iter()
                .for_each(|a| self.spread(a, out, depth + 1)),
            None => out.push(node),
        }
    }

    fn value(&self, value: &Spanned<DeValue<'_>>, node: &'a Value) -> Result<(), ConfigError> {
        let forms = self.forms(node);
        match value.get_ref() {
            DeValue::Table(table) => match forms.iter().find(|f| is_table(f)) {
                Some(form) => self.table(table, form),
                None => Ok(()),
            },
            DeValue::Array(items) => match forms.iter().find_map(|f| f.get("items")) {
                Some(item) => items.iter().try_for_each(|i| self.value(i, item)),
                None => Ok(()),
            },
            DeValue::String(word) => variant(word, value.span(), &forms),
            _ => Ok(()),
        }
    }

    /// A table against a form with `properties` (its keys are all there is) or with a schema
    /// for every value (`[rules]`: any key, each value a level).
    fn table(&self, table: &DeTable<'_>, form: &'a Value) -> Result<(), ConfigError> {
        let properties = form.get("properties").and_then(Value::as_object);
        let every = form.get("additionalProperties").filter(|v| v.is_object());
        let mut entries: Vec<_> = table.iter().collect();
        entries.sort_by_key(|(k, _)| k.span().start);
        for (key, value) in entries {
            let name: &str = key.get_ref();
            let node = match (properties, every) {
                (Some(known), _) => match known.get(name) {
                    Some(node) => node,
                    None => return Err(unknown_key(name, key.span(), known.keys())),
                },
                (None, Some(node)) => node,
                (None, None) => continue,
            };
            self.value(value, node)?;
        }
        Ok(())
    }
}

fn is_table(form: &Value) -> bool {
    form.get("properties").is_some()
        || form
            .get("additionalProperties")
            .is_some_and(Value::is_object)
}

fn unknown_key<'k>(
    name: &str,
    span: Range<usize>,
    known: impl Iterator<Item = &'k String>,
) -> ConfigError {
    // `extend_values` for `extend-values`: compare with `_` read as `-`.
    let dashed = name.replace('_', "-");
    ConfigError {
        message: format!("unknown field `{name}`"),
        span: Some(span),
        help: did_you_mean(&dashed, known.map(String::as_str)).or_else(|| nested_key(&dashed)),
    }
}

/// A string where the schema allows only some words (`dialect`, a rule's level).
fn variant(word: &str, span: Range<usize>, forms: &[&Value]) -> Result<(), ConfigError> {
    let mut words: Vec<&str> = Vec::new();
    for form in forms {
        match form.get("enum").and_then(Value::as_array) {
            Some(values) => words.extend(values.iter().filter_map(Value::as_str)),
            None if form.get("type").is_some_and(|t| t == "string") => return Ok(()),
            None => {}
        }
    }
    if words.is_empty() || words.contains(&word) {
        return Ok(());
    }
    let expected: Vec<String> = words.iter().map(|w| format!("`{w}`")).collect();
    Err(ConfigError {
        message: format!(
            "unknown variant `{word}`, expected one of {}",
            expected.join(", ")
        ),
        span: Some(span),
        help: did_you_mean(word, words.iter().copied()),
    })
}
