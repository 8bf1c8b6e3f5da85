//! Reading a bank from JSON text: syntax, then shape item by item, so every problem is found.

use serde::de::DeserializeOwned;
use serde_json::{Map, Value};

use super::model::{Bank, SCHEMA_VERSION};
use super::validate::validate;
use super::{BankError, BankErrors};

/// Banks larger than this are refused before parsing: a portal's bank is tens of kilobytes,
/// and a runaway file should not freeze the page.
pub const MAX_BANK_BYTES: usize = 8 * 1024 * 1024;

/// The fields a bank may have at its top level.
const TOP_LEVEL_FIELDS: &[&str] = &[
    "schema_version",
    "id",
    "version",
    "title",
    "description",
    "bands",
    "strength_margin",
    "dimensions",
    "categories",
    "modifiers",
    "roles",
    "questions",
    "groups",
    "trainings",
];

/// Parses and validates a bank. On failure, returns every problem found, each with its path.
pub fn load_bank(json: &str) -> Result<Bank, BankErrors> {
    if json.len() > MAX_BANK_BYTES {
        return Err(BankErrors::one(BankError::new(
            "$",
            format!(
                "the bank is {} bytes; the limit is {} bytes",
                json.len(),
                MAX_BANK_BYTES
            ),
        )));
    }
    let value: Value = serde_json::from_str(json).map_err(|e| BankErrors::one(syntax_error(&e)))?;
    let bank = read_shape(&value)?;
    let problems = validate(&bank);
    if problems.is_empty() {
        Ok(bank)
    } else {
        Err(BankErrors(problems))
    }
}

/// Turns a serde_json syntax error into a located message.
pub(crate) fn syntax_error(e: &serde_json::Error) -> BankError {
    let message = match e.classify() {
        serde_json::error::Category::Eof => {
            "the JSON ends too early (a bracket or quote is not closed)".to_string()
        }
        // serde_json stops at 128 levels of nesting; no bank needs more than six.
        _ if e.to_string().contains("recursion limit") => {
            "the JSON is nested too deeply (more than 128 levels)".to_string()
        }
        _ => format!("not valid JSON: {}", strip_position(&e.to_string())),
    };
    BankError {
        path: "$".into(),
        line: Some(e.line()),
        column: Some(e.column()),
        message,
    }
}

/// serde_json appends " at line L column C"; we report the position separately.
fn strip_position(message: &str) -> &str {
    match message.rfind(" at line ") {
        Some(i) => &message[..i],
        None => message,
    }
}

/// Checks the bank's shape: every top-level field and every list item on its own, so a bad
/// question does not hide a bad category after it.
fn read_shape(value: &Value) -> Result<Bank, BankErrors> {
    let mut errors = Vec::new();
    let Some(object) = value.as_object() else {
        return Err(BankErrors::one(BankError::new(
            "$",
            format!("the bank must be a JSON object, found {}", kind_of(value)),
        )));
    };
    for key in object.keys() {
        if !TOP_LEVEL_FIELDS.contains(&key.as_str()) {
            errors.push(BankError::new(
                format!("$.{key}"),
                format!("unknown field `{key}`"),
            ));
        }
    }
    match object.get("schema_version") {
        Some(Value::Number(n)) if n.as_u64() == Some(u64::from(SCHEMA_VERSION)) => {}
        Some(other) => {
            errors.push(BankError::new(
                "$.schema_version",
                format!("this widget reads bank format version {SCHEMA_VERSION}, the bank declares {other}"),
            ));
            // Another format version: its fields may mean other things; stop here.
            return Err(BankErrors(errors));
        }
        None => errors.push(BankError::new(
            "$.schema_version",
            format!("missing field `schema_version` (expected {SCHEMA_VERSION})"),
        )),
    }

    let id = field::<String>(object, "id", true, &mut errors);
    let version = field::<String>(object, "version", true, &mut errors);
    let title = field(object, "title", true, &mut errors);
    let description = field(object, "description", false, &mut errors);
    let strength_margin = field::<f64>(object, "strength_margin", false, &mut errors);
    let bands = list(object, "bands", true, &mut errors);
    let dimensions = list(object, "dimensions", true, &mut errors);
    let categories = list(object, "categories", true, &mut errors);
    let modifiers = list(object, "modifiers", false, &mut errors);
    let roles = list(object, "roles", false, &mut errors);
    let questions = list(object, "questions", true, &mut errors);
    let groups = list(object, "groups", false, &mut errors);
    let trainings = list(object, "trainings", false, &mut errors);

    if !errors.is_empty() {
        return Err(BankErrors(errors));
    }
    // Every required field was read above, or an error was pushed and we returned.
    let (Some(id), Some(version), Some(title)) = (id, version, title) else {
        return Err(BankErrors::one(BankError::new("$", "required fields are missing")));
    };
    Ok(Bank {
        schema_version: SCHEMA_VERSION,
        id,
        version,
        title,
        description,
        bands,
        strength_margin: strength_margin.unwrap_or(5.0),
        dimensions,
        categories,
        modifiers,
        roles,
        questions,
        groups,
        trainings,
    })
}

/// Reads one top-level field; a missing optional field is `None`.
fn field<T: DeserializeOwned>(
    object: &Map<String, Value>,
    key: &str,
    required: bool,
    errors: &mut Vec<BankError>,
) -> Option<T> {
    match object.get(key) {
        None => {
            if required {
                errors.push(BankError::new(
                    format!("$.{key}"),
                    format!("missing field `{key}`"),
                ));
            }
            None
        }
        Some(value) => parse_at(value, &format!("$.{key}"), errors),
    }
}

/// Reads a top-level list item by item, keeping the good items and reporting each bad one.
fn list<T: DeserializeOwned>(
    object: &Map<String, Value>,
    key: &str,
    required: bool,
    errors: &mut Vec<BankError>,
) -> Vec<T> {
    let path = format!("$.{key}");
    match object.get(key) {
        None => {
            if required {
                errors.push(BankError::new(path, format!("missing field `{key}`")));
            }
            Vec::new()
        }
        Some(Value::Array(items)) => items
            .iter()
            .enumerate()
            .filter_map(|(i, item)| parse_at(item, &format!("{path}[{i}]"), errors))
            .collect(),
        Some(other) => {
            errors.push(BankError::new(
                path,
                format!("`{key}` must be a list, found {}", kind_of(other)),
            ));
            Vec::new()
        }
    }
}

/// Deserialises one value, reporting a failure at the exact path inside it.
pub(crate) fn parse_at<T: DeserializeOwned>(
    value: &Value,
    path: &str,
    errors: &mut Vec<BankError>,
) -> Option<T> {
    match serde_path_to_error::deserialize::<_, T>(value) {
        Ok(parsed) => Some(parsed),
        Err(e) => {
            let inner = e.path().to_string();
            let full = if inner == "." || inner.is_empty() {
                path.to_string()
            } else if inner.starts_with('[') {
                format!("{path}{inner}")
            } else {
                format!("{path}.{inner}")
            };
            errors.push(BankError::new(full, e.into_inner().to_string()));
            None
        }
    }
}

/// A plain name for a JSON value's type, for messages.
pub(crate) fn kind_of(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "a list",
        Value::Object(_) => "an object",
    }
}
