//! The committed JSON Schema of the bank format (src/bank/bank.schema.json) must match the
//! model. Portal operators validate their banks against it, so a model change that is not
//! reflected there would let them write banks the widget refuses.
//!
//! To regenerate after changing the model: `UPDATE_SCHEMA=1 cargo test --test schema`.

use std::path::Path;

use branch_self_check::bank::Bank;
use serde_json::Value;

const SCHEMA_FILE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/src/bank/bank.schema.json");

/// The schema as the committed file should read: pretty JSON and a trailing newline.
fn generated() -> String {
    let schema = schemars::schema_for!(Bank);
    let mut text = serde_json::to_string_pretty(&schema).expect("a schema serialises");
    text.push('\n');
    text
}

#[test]
fn committed_schema_matches_the_model() {
    let expected = generated();
    let committed = std::fs::read_to_string(SCHEMA_FILE).ok();
    if committed.as_deref() == Some(expected.as_str()) {
        return;
    }
    if std::env::var("UPDATE_SCHEMA").as_deref() == Ok("1") {
        std::fs::write(SCHEMA_FILE, &expected).expect("write the schema file");
        eprintln!("rewrote {SCHEMA_FILE}");
        return;
    }
    let what = if committed.is_none() {
        "is missing"
    } else {
        "is out of date with src/bank/model.rs"
    };
    panic!(
        "{} {what}.\nRegenerate it with:\n\n    UPDATE_SCHEMA=1 cargo test --test schema\n\n\
         and commit the result.",
        Path::new(SCHEMA_FILE).display()
    );
}

#[test]
fn schema_names_the_required_top_level_fields() {
    let schema: Value = serde_json::from_str(&generated()).unwrap();
    assert_eq!(schema["type"], "object");
    let required: Vec<&str> = schema["required"]
        .as_array()
        .expect("a `required` list")
        .iter()
        .map(|v| v.as_str().unwrap())
        .collect();
    for field in [
        "schema_version",
        "id",
        "version",
        "title",
        "bands",
        "dimensions",
        "categories",
        "questions",
    ] {
        assert!(
            required.contains(&field),
            "`{field}` is not required: {required:?}"
        );
    }
    // Fields with defaults must not be required, or valid banks would fail the schema.
    for field in [
        "description",
        "strength_margin",
        "modifiers",
        "roles",
        "groups",
        "trainings",
    ] {
        assert!(!required.contains(&field), "`{field}` should be optional");
        assert!(
            schema["properties"].get(field).is_some(),
            "`{field}` missing from properties"
        );
    }
    // deny_unknown_fields shows as additionalProperties: false, so typos fail the schema too.
    assert_eq!(schema["additionalProperties"], false);
}

#[test]
fn schema_describes_the_answer_types() {
    let text = generated();
    for tag in ["\"levels\"", "\"yes_no\"", "\"count\"", "\"zh-CN\""] {
        assert!(text.contains(tag), "the schema never mentions {tag}");
    }
}
