//! `schemas/config.schema.json` is generated from the configuration types; this test fails when
//! the two drift. Regenerate with `UPDATE_SCHEMAS=1 cargo test -p planlint-rules --test config_schema`.

use std::path::Path;

#[test]
fn config_schema_matches_the_config_types() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../schemas/config.schema.json");
    let generated = planlint_rules::config::json_schema();
    if std::env::var_os("UPDATE_SCHEMAS").is_some() {
        std::fs::write(&path, &generated).unwrap();
    }
    let checked_in = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        checked_in == generated,
        "schemas/config.schema.json is out of date; run UPDATE_SCHEMAS=1 cargo test -p planlint-rules --test config_schema"
    );
}

#[test]
fn the_schema_knows_every_top_level_key() {
    let schema: serde_json::Value =
        serde_json::from_str(&planlint_rules::config::json_schema()).unwrap();
    let props = schema["properties"].as_object().unwrap();
    for key in [
        "dialect",
        "include",
        "exclude",
        "rules",
        "numbered",
        "canonical",
        "status",
        "overrides",
    ] {
        assert!(props.contains_key(key), "{key}");
    }
    assert_eq!(
        schema["additionalProperties"],
        serde_json::Value::Bool(false)
    );
}
