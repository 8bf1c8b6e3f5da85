//! Reading a bank from JSON text: syntax, then shape item by item, then meaning, so that one
//! pass reports every problem it can, each located by its JSON path.
//!
//! The syntax stage is `json::syntax`; the shape of each item is read by the readers in
//! `read.rs`; the meaning is checked by `validate.rs`, told by [`Gaps`] what could not be
//! read. This file reads the bank's top level and puts the three together. The wording of
//! problems is `json::messages`.

use serde_json::{Map, Value};

use super::gaps::Gaps;
use super::model::{default_strength_margin, Bank, Text, SCHEMA_VERSION};
use super::validate::validate;
use super::{BankError, BankErrors};
use crate::json::{describe, key_path, missing_field, parse_strict, unknown_field, FromValue};

/// Banks larger than this are refused before parsing: a portal's bank is tens of kilobytes,
/// and a runaway file should not freeze the page.
pub const MAX_BANK_BYTES: usize = 8 * 1024 * 1024;

/// The fields a bank may have at its top level, in the order a bank usually lists them.
const TOP_LEVEL_FIELDS: &[&str] = &[
    "schema_version",
    "id",
    "version",
    "previous_versions",
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
                "the bank is {} bytes ({} MB); the limit is {} bytes ({} MB)",
                json.len(),
                crate::numbers::fixed(json.len() as f64 / (1024.0 * 1024.0), 1),
                MAX_BANK_BYTES,
                MAX_BANK_BYTES / (1024 * 1024)
            ),
        )));
    }
    // RFC 8259 forbids a byte order mark; browsers strip it when they decode a fetched file,
    // but a bank handed over as a string may still carry one. Report it, and read on.
    let (json, bom) = match json.strip_prefix('\u{feff}') {
        Some(rest) => (
            rest,
            Some(BankError {
                path: "$".into(),
                line: Some(1),
                column: Some(1),
                message: "the text starts with a byte order mark (U+FEFF, the BOM); \
                          save the file as UTF-8 without BOM"
                    .into(),
            }),
        ),
        None => (json, None),
    };
    let result = parse_strict(json)
        .map_err(BankErrors::one)
        .and_then(|value| read_bank(&value));
    match (bom, result) {
        (None, result) => result,
        (Some(bom), Ok(_)) => Err(BankErrors::one(bom)),
        (Some(bom), Err(BankErrors(mut errors))) => {
            errors.insert(0, bom);
            Err(BankErrors(errors))
        }
    }
}

/// Shape, then meaning: problems of meaning are reported alongside problems of shape, except
/// where a part could not be read (a problem there would only be an after-effect).
fn read_bank(value: &Value) -> Result<Bank, BankErrors> {
    let Shape {
        bank,
        mut errors,
        gaps,
        unread,
    } = read_shape(value)?;
    let mut unread_paths: Vec<String> = errors.iter().map(|e| e.path.clone()).collect();
    unread_paths.extend(unread);
    errors.extend(
        validate(&bank, &gaps)
            .into_iter()
            .filter(|e| !unread_paths.iter().any(|p| overlaps(p, &e.path))),
    );
    if errors.is_empty() {
        return Ok(bank);
    }
    // Keep each section's and each item's problems together, in the bank's order.
    crate::order::sort_by(&mut errors, |a, b| {
        document_rank(&a.path).cmp(&document_rank(&b.path))
    });
    Err(BankErrors(errors))
}

/// Whether one path is the other or lies inside it.
fn overlaps(a: &str, b: &str) -> bool {
    let inside = |outer: &str, inner: &str| {
        inner
            .strip_prefix(outer)
            .is_some_and(|rest| rest.is_empty() || rest.starts_with(['.', '[']))
    };
    inside(a, b) || inside(b, a)
}

/// Sort key: the top-level field (in the usual bank order), then the item index.
fn document_rank(path: &str) -> (usize, usize) {
    let rest = path.strip_prefix("$.").unwrap_or("");
    let end = rest.find(['.', '[']).unwrap_or(rest.len());
    let section = TOP_LEVEL_FIELDS
        .iter()
        .position(|f| *f == &rest[..end])
        .map_or(0, |i| i + 1);
    let index = rest[end..]
        .strip_prefix('[')
        .and_then(|r| r.split(']').next())
        .and_then(|n| n.parse().ok())
        .unwrap_or(0);
    (section, index)
}

// ---------------------------------------------------------------------------------------
// Shape

/// A bank as far as it could be read, the problems found reading it, and what was left out.
struct Shape {
    bank: Bank,
    errors: Vec<BankError>,
    gaps: Gaps,
    /// Top-level fields that could not be read (a placeholder stands in for each).
    unread: Vec<String>,
}

/// Checks the bank's shape: every top-level field and every list item on its own, so a bad
/// question does not hide a bad category after it.
fn read_shape(value: &Value) -> Result<Shape, BankErrors> {
    let mut errors = Vec::new();
    let mut gaps = Gaps::default();
    let Some(object) = value.as_object() else {
        return Err(BankErrors::one(BankError::new(
            "$",
            format!(
                "the bank must be a JSON object `{{ … }}`, found {}",
                describe(value)
            ),
        )));
    };
    for key in object.keys() {
        if !TOP_LEVEL_FIELDS.contains(&key.as_str()) {
            errors.push(BankError::new(
                key_path("$", key),
                unknown_field(key, TOP_LEVEL_FIELDS),
            ));
        }
    }
    match object.get("schema_version") {
        Some(Value::Number(n)) if n.as_u64() == Some(u64::from(SCHEMA_VERSION)) => {}
        Some(Value::Number(n)) if n.as_u64().is_some() => {
            errors.push(BankError::new(
                "$.schema_version",
                format!(
                    "this widget reads bank format version {SCHEMA_VERSION}; \
                     the bank declares version {n}"
                ),
            ));
            // Another format version: its fields may mean other things; stop here.
            return Err(BankErrors(errors));
        }
        Some(other) => {
            let quotes = if other.is_string() {
                " (not in quotes)"
            } else {
                ""
            };
            errors.push(BankError::new(
                "$.schema_version",
                format!(
                    "expected the whole number {SCHEMA_VERSION}{quotes}, found {}",
                    describe(other)
                ),
            ));
        }
        None => errors.push(BankError::new(
            "$.schema_version",
            format!("missing required field `schema_version` (expected {SCHEMA_VERSION})"),
        )),
    }

    let mut unread = Vec::new();
    let mut fields = Fields {
        object,
        errors: &mut errors,
        unread: &mut unread,
    };
    let id = fields.read::<String>("id", true);
    let version = fields.read::<String>("version", true);
    let previous_versions = fields.read::<Vec<String>>("previous_versions", false);
    let title = fields.read::<Text>("title", true);
    let description = fields.read::<Option<Text>>("description", false);
    let strength_margin = fields.read::<f64>("strength_margin", false);
    let mut lists = Lists {
        object,
        errors: &mut errors,
        gaps: &mut gaps,
    };
    let bands = lists.read("bands", true);
    let dimensions = lists.read("dimensions", true);
    let categories = lists.read("categories", true);
    let modifiers = lists.read("modifiers", false);
    let roles = lists.read("roles", false);
    let questions = lists.read("questions", true);
    let groups = lists.read("groups", false);
    let trainings = lists.read("trainings", false);

    // A field that could not be read gets a placeholder; its problem is already reported, and
    // validation problems at its path are dropped.
    let bank = Bank {
        schema_version: SCHEMA_VERSION,
        id: id.unwrap_or_default(),
        version: version.unwrap_or_default(),
        previous_versions: previous_versions.unwrap_or_default(),
        title: title.unwrap_or_default(),
        description: description.flatten(),
        bands,
        strength_margin: strength_margin.unwrap_or_else(default_strength_margin),
        dimensions,
        categories,
        modifiers,
        roles,
        questions,
        groups,
        trainings,
    };
    Ok(Shape {
        bank,
        errors,
        gaps,
        unread,
    })
}

/// Reads the top-level fields that are not lists, noting those that could not be read.
struct Fields<'a> {
    object: &'a Map<String, Value>,
    errors: &'a mut Vec<BankError>,
    unread: &'a mut Vec<String>,
}

impl Fields<'_> {
    /// Reads one top-level field; a missing optional field is `None`.
    fn read<T: FromValue>(&mut self, key: &str, required: bool) -> Option<T> {
        let path = format!("$.{key}");
        let parsed = match self.object.get(key) {
            None if required => {
                self.errors.push(BankError::new(&path, missing_field(key)));
                None
            }
            None => return None,
            Some(value) => T::read(value, &path, self.errors),
        };
        if parsed.is_none() {
            self.unread.push(path);
        }
        parsed
    }
}

/// Reads the top-level lists, noting in `gaps` what could not be read.
struct Lists<'a> {
    object: &'a Map<String, Value>,
    errors: &'a mut Vec<BankError>,
    gaps: &'a mut Gaps,
}

impl<'a> Lists<'a> {
    /// The items of a top-level list. A missing or mistyped list is reported, and noted as
    /// unreadable so that references into it are not checked.
    fn items(&mut self, key: &'static str, required: bool) -> &'a [Value] {
        let path = format!("$.{key}");
        match self.object.get(key) {
            Some(Value::Array(items)) => return items,
            None if !required => return &[],
            None => self.errors.push(BankError::new(path, missing_field(key))),
            Some(other) => self.errors.push(BankError::new(
                path,
                format!("expected a list `[ … ]`, found {}", describe(other)),
            )),
        }
        self.gaps.unreadable(key);
        &[]
    }

    /// Reads a top-level list item by item, keeping the good items and reporting each bad one.
    fn read<T: FromValue>(&mut self, key: &'static str, required: bool) -> Vec<T> {
        let items = self.items(key, required);
        let mut read = Vec::with_capacity(items.len());
        let mut indices = Vec::with_capacity(items.len());
        for (i, item) in items.iter().enumerate() {
            match T::read(item, &format!("$.{key}[{i}]"), self.errors) {
                Some(parsed) => {
                    read.push(parsed);
                    indices.push(i);
                }
                None => self
                    .gaps
                    .unread(key, item.get("id").and_then(Value::as_str)),
            }
        }
        if indices.len() < items.len() {
            self.gaps.read_indices.insert(key, indices);
        }
        read
    }
}
