//! Reading a bank from JSON text: syntax, then shape item by item, then meaning, so that one
//! pass reports every problem it can, each located by its JSON path.
//!
//! Messages are meant for the web developer who wires a portal's own bank into the widget:
//! they say what is wrong, where, and what is expected, in plain words rather than in serde's
//! vocabulary (`f64`, `struct Text`, `sequence` ...). The shape of each item is read by the
//! hand-written readers in `read.rs`; this file owns the syntax stage and the bank's top level.

use std::cell::RefCell;
use std::fmt;

use serde::de::{self, DeserializeSeed, Deserializer, Visitor};
use serde_json::{Map, Number, Value};

use super::model::{default_strength_margin, Bank, Text, SCHEMA_VERSION};
use super::read::FromValue;
use super::validate::{truncate, validate, Gaps};
use super::{BankError, BankErrors};

/// Banks larger than this are refused before parsing: a portal's bank is tens of kilobytes,
/// and a runaway file should not freeze the page.
pub const MAX_BANK_BYTES: usize = 8 * 1024 * 1024;

/// The fields a bank may have at its top level, in the order a bank usually lists them.
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
    let result = parse_json(json)
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
    errors.sort_by_key(|e| document_rank(&e.path));
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
// Syntax

/// Parses JSON text into a value, refusing duplicate keys (serde_json would silently keep
/// the last one), and locating any syntax error by line and column.
fn parse_json(json: &str) -> Result<Value, BankError> {
    let duplicate = RefCell::new(None);
    let mut de = serde_json::Deserializer::from_str(json);
    let parsed = Strict {
        path: "$".into(),
        duplicate: &duplicate,
    }
    .deserialize(&mut de)
    .and_then(|value| de.end().map(|()| value));
    parsed.map_err(|e| match duplicate.into_inner() {
        Some(mut dup) => {
            let (line, column) = char_position(json, e.line(), e.column());
            dup.line = Some(line);
            dup.column = Some(column);
            dup
        }
        None => syntax_error_in(json, &e),
    })
}

/// Turns a serde_json syntax error into a located message (position as serde_json gives it,
/// that is, the column in bytes).
pub(crate) fn syntax_error(e: &serde_json::Error) -> BankError {
    let raw = e.to_string();
    let raw = strip_position(&raw);
    let message = match e.classify() {
        serde_json::error::Category::Eof => {
            "the JSON ends too early: a closing `}`, `]` or `\"` is missing".to_string()
        }
        _ => plain_syntax(raw),
    };
    BankError {
        path: "$".into(),
        line: Some(e.line()),
        column: Some(e.column()),
        message,
    }
}

/// [`syntax_error`], with the text at hand: columns in characters (as editors count them),
/// the opening of what is left unclosed, and a hint for the usual slips from JavaScript.
fn syntax_error_in(json: &str, e: &serde_json::Error) -> BankError {
    let mut error = syntax_error(e);
    let (line, column) = char_position(json, e.line(), e.column());
    error.line = Some(line);
    error.column = Some(column);
    if e.classify() == serde_json::error::Category::Eof {
        error.message = if json.trim().is_empty() {
            error.line = Some(1);
            error.column = Some(1);
            "the bank is empty: expected a JSON object `{ … }`".to_string()
        } else {
            match unclosed(json) {
                Some(Unclosed::String { line, column }) => format!(
                    "the JSON ends inside the string that starts at line {line}, column {column}: \
                     its closing `\"` is missing"
                ),
                Some(Unclosed::Bracket { open, line, column }) => {
                    let close = if open == '{' { '}' } else { ']' };
                    format!(
                        "the JSON ends too early: the `{open}` at line {line}, column {column} \
                         is never closed (a `{close}` is missing)"
                    )
                }
                None => error.message,
            }
        };
    } else if e.to_string().starts_with("control character") {
        // serde_json stops after the line break, at column 0 of the next line: point at the
        // string instead.
        if let Some(Unclosed::String { line, column }) = unclosed(up_to(json, e.line(), e.column()))
        {
            error.message = format!(
                "not valid JSON: the string that starts at line {line}, column {column} runs \
                 over a line break (or holds a tab): is its closing `\"` missing? Inside a text, \
                 write a line break as \\n"
            );
            error.line = Some(line);
            error.column = Some(column);
        }
    } else if e.to_string().starts_with("trailing comma") {
        // serde_json stops at the closing bracket; point at the comma to remove.
        let before = up_to(json, e.line(), e.column());
        let before = before.strip_suffix([']', '}']).unwrap_or(before).trim_end();
        if before.ends_with(',') {
            let (line, column) = end_of(before);
            error.line = Some(line);
            error.column = Some(column);
        }
    } else if let Some(hint) = hint_at(json, e.line(), e.column(), &e.to_string()) {
        error.message = format!("not valid JSON: {hint}");
    }
    error
}

/// serde_json appends " at line L column C"; we report the position separately.
fn strip_position(message: &str) -> &str {
    match message.rfind(" at line ") {
        Some(i) => &message[..i],
        None => message,
    }
}

/// serde_json's syntax messages, in plainer words.
fn plain_syntax(raw: &str) -> String {
    let plain = match raw {
        "expected `,` or `}`" => "expected `,` or `}` here: is a comma missing after the value before?",
        "expected `,` or `]`" => "expected `,` or `]` here: is a comma missing after the item before?",
        "expected `:`" => "expected `:` after the field name",
        "key must be a string" => "expected a field name in double quotes",
        "expected value" => "expected a value (a string, number, object, list, true, false or null)",
        "trailing comma" => "this comma follows the last item: remove it (JSON allows no trailing comma)",
        "trailing characters" => "there is more text after the end of the bank's JSON object",
        "number out of range" => {
            "a number is too large (JSON numbers must fit a 64-bit float; there is no Infinity or NaN)"
        }
        "recursion limit exceeded" => {
            "the JSON is nested too deeply (more than 128 levels; a bank needs about 6)"
        }
        "control character (\\u0000-\\u001F) found while parsing a string" => {
            "a string runs over a line break or holds a tab: is its closing `\"` missing? \
             Inside a text, write a line break as \\n"
        }
        "invalid escape" => "invalid escape in a string (write a backslash as \\\\)",
        "invalid number" => "invalid number",
        "invalid unicode code point" => "invalid \\u escape in a string",
        "unexpected end of hex escape" => "a \\u escape in a string needs 4 hex digits",
        "lone leading surrogate in hex escape" => {
            "invalid \\u escape in a string (a lone surrogate)"
        }
        "expected ident" => {
            "expected `true`, `false` or `null` here (strings need double quotes `\"`)"
        }
        _ => return format!("not valid JSON: {raw}"),
    };
    format!("not valid JSON: {plain}")
}

/// A hint for what JavaScript accepts and JSON does not, from the character where reading
/// stopped.
fn hint_at(json: &str, line: usize, byte_column: usize, raw: &str) -> Option<&'static str> {
    let text = json.split('\n').nth(line.checked_sub(1)?)?;
    let rest = text.get(byte_column.checked_sub(1)?..)?;
    let c = rest.chars().next()?;
    let expected_name_or_value =
        raw.starts_with("key must be a string") || raw.starts_with("expected value");
    match c {
        '\'' => Some("JSON needs double quotes `\"` around field names and strings"),
        '/' | '#' => Some("JSON does not allow comments"),
        _ if rest.starts_with("NaN") || rest.trim_start_matches('-').starts_with("Infinity") => {
            Some("JSON has no NaN or Infinity: write a number")
        }
        _ if expected_name_or_value && (c.is_alphabetic() || c == '_') => {
            Some("field names and strings need double quotes `\"`")
        }
        _ => None,
    }
}

/// serde_json counts columns in bytes; editors count characters. Converts (line, byte column)
/// to (line, character column), both from 1. serde_json's column 0 (right after a line break)
/// becomes the end of the line before.
fn char_position(json: &str, line: usize, byte_column: usize) -> (usize, usize) {
    if byte_column == 0 {
        return match line.checked_sub(2).and_then(|i| json.split('\n').nth(i)) {
            Some(before) => (line - 1, before.trim_end_matches('\r').chars().count() + 1),
            None => (1, 1),
        };
    }
    let Some(text) = line.checked_sub(1).and_then(|i| json.split('\n').nth(i)) else {
        return (line, byte_column);
    };
    let mut end = byte_column.min(text.len());
    while !text.is_char_boundary(end) {
        end += 1;
    }
    (line, text[..end].chars().count())
}

/// The text up to a serde_json position (line, byte column).
fn up_to(json: &str, line: usize, byte_column: usize) -> &str {
    let mut start = 0;
    for _ in 1..line {
        match json[start..].find('\n') {
            Some(i) => start += i + 1,
            None => return json,
        }
    }
    let mut end = (start + byte_column).min(json.len());
    while !json.is_char_boundary(end) {
        end += 1;
    }
    &json[..end]
}

/// The line and column (in characters, from 1) of the last character of `text`.
fn end_of(text: &str) -> (usize, usize) {
    let line_start = text.rfind('\n').map_or(0, |i| i + 1);
    (
        text.matches('\n').count() + 1,
        text[line_start..].chars().count(),
    )
}

/// What the text leaves open at its end.
enum Unclosed {
    String {
        line: usize,
        column: usize,
    },
    Bracket {
        open: char,
        line: usize,
        column: usize,
    },
}

/// Finds the innermost string, object or list still open at the end of the text.
fn unclosed(json: &str) -> Option<Unclosed> {
    let mut stack: Vec<(char, usize, usize)> = Vec::new();
    let mut string: Option<(usize, usize)> = None;
    let mut escaped = false;
    let (mut line, mut column) = (1, 0);
    for c in json.chars() {
        if c == '\n' {
            line += 1;
            column = 0;
        } else {
            column += 1;
        }
        if string.is_some() {
            match c {
                _ if escaped => escaped = false,
                '\\' => escaped = true,
                '"' => string = None,
                _ => {}
            }
            continue;
        }
        match c {
            '"' => string = Some((line, column)),
            '{' | '[' => stack.push((c, line, column)),
            '}' | ']' => {
                stack.pop();
            }
            _ => {}
        }
    }
    if let Some((line, column)) = string {
        return Some(Unclosed::String { line, column });
    }
    stack
        .pop()
        .map(|(open, line, column)| Unclosed::Bracket { open, line, column })
}

/// Reads a JSON value like `serde_json::Value` does, but refuses an object with the same key
/// twice, recording where in `duplicate`.
struct Strict<'a> {
    path: String,
    duplicate: &'a RefCell<Option<BankError>>,
}

impl<'de> DeserializeSeed<'de> for Strict<'_> {
    type Value = Value;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Value, D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Strict<'_> {
    type Value = Value;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a JSON value")
    }

    fn visit_bool<E>(self, b: bool) -> Result<Value, E> {
        Ok(Value::Bool(b))
    }

    fn visit_i64<E>(self, n: i64) -> Result<Value, E> {
        Ok(Value::Number(n.into()))
    }

    fn visit_u64<E>(self, n: u64) -> Result<Value, E> {
        Ok(Value::Number(n.into()))
    }

    fn visit_f64<E: de::Error>(self, n: f64) -> Result<Value, E> {
        Number::from_f64(n)
            .map(Value::Number)
            .ok_or_else(|| E::custom("number out of range"))
    }

    fn visit_str<E>(self, s: &str) -> Result<Value, E> {
        Ok(Value::String(s.to_owned()))
    }

    fn visit_string<E>(self, s: String) -> Result<Value, E> {
        Ok(Value::String(s))
    }

    fn visit_unit<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }

    fn visit_none<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }

    fn visit_seq<A: de::SeqAccess<'de>>(self, mut seq: A) -> Result<Value, A::Error> {
        let mut items = Vec::new();
        while let Some(item) = seq.next_element_seed(Strict {
            path: format!("{}[{}]", self.path, items.len()),
            duplicate: self.duplicate,
        })? {
            items.push(item);
        }
        Ok(Value::Array(items))
    }

    fn visit_map<A: de::MapAccess<'de>>(self, mut map: A) -> Result<Value, A::Error> {
        let mut object = Map::new();
        while let Some(key) = map.next_key::<String>()? {
            let path = key_path(&self.path, &key);
            if object.contains_key(&key) {
                *self.duplicate.borrow_mut() = Some(BankError::new(
                    path,
                    format!(
                        "the field `{}` appears twice in the same object: keep only one",
                        truncate(&key)
                    ),
                ));
                return Err(de::Error::custom("duplicate field"));
            }
            let value = map.next_value_seed(Strict {
                path,
                duplicate: self.duplicate,
            })?;
            object.insert(key, value);
        }
        Ok(Value::Object(object))
    }
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
                unknown_field_message(key, TOP_LEVEL_FIELDS),
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
                self.errors.push(BankError::new(
                    &path,
                    format!("missing required field `{key}`"),
                ));
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
            None => self.errors.push(BankError::new(
                path,
                format!("missing required field `{key}`"),
            )),
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

/// `a`, `b`, `c`: names as messages list them.
pub(super) fn quoted_list(names: &[&str]) -> String {
    names
        .iter()
        .map(|n| format!("`{n}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

pub(super) fn unknown_field_message(name: &str, allowed: &[&str]) -> String {
    let mut message = format!("unknown field `{}`", truncate(name));
    if let Some(close) = closest(name, allowed) {
        message.push_str(&format!(" (did you mean `{close}`?)"));
    }
    if allowed.is_empty() {
        message.push_str("; this object takes no fields");
    } else {
        message.push_str(&format!("; the fields here are {}", quoted_list(allowed)));
    }
    message
}

pub(super) fn unknown_value_message(what: &str, name: &str, allowed: &[&str]) -> String {
    let mut message = format!("unknown {what} `{}`", truncate(name));
    if let Some(close) = closest(name, allowed) {
        message.push_str(&format!(" (did you mean `{close}`?)"));
    }
    message.push_str(&format!("; expected one of {}", quoted_list(allowed)));
    message
}

/// The candidate a typo most likely meant: within 2 edits, or the same ignoring case, `-`, `_`.
pub(super) fn closest<'a>(word: &str, candidates: &[&'a str]) -> Option<&'a str> {
    if word.chars().count() > 64 {
        return None;
    }
    let squash = |s: &str| -> String {
        s.chars()
            .filter(|c| !matches!(c, '-' | '_' | ' '))
            .flat_map(char::to_lowercase)
            .collect()
    };
    let word_squashed = squash(word);
    candidates
        .iter()
        .filter(|c| **c != word)
        .map(|c| {
            let d = if squash(c) == word_squashed {
                0
            } else {
                edit_distance(word, c)
            };
            (d, *c)
        })
        .filter(|(d, c)| *d <= 2 && *d < c.chars().count())
        .min_by_key(|(d, _)| *d)
        .map(|(_, c)| c)
}

/// Levenshtein distance, with adjacent transpositions counted as one edit.
fn edit_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let mut rows = vec![vec![0usize; b.len() + 1]; a.len() + 1];
    for (i, row) in rows.iter_mut().enumerate() {
        row[0] = i;
    }
    for (j, cell) in rows[0].iter_mut().enumerate() {
        *cell = j;
    }
    for i in 1..=a.len() {
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut d = (rows[i - 1][j] + 1)
                .min(rows[i][j - 1] + 1)
                .min(rows[i - 1][j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                d = d.min(rows[i - 2][j - 2] + 1);
            }
            rows[i][j] = d;
        }
    }
    rows[a.len()][b.len()]
}

/// `path.key`, or `path["key"]` when the key is not a plain name.
pub(super) fn key_path(path: &str, key: &str) -> String {
    let plain = !key.is_empty()
        && key
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-');
    if plain {
        format!("{path}.{}", truncate(key))
    } else {
        format!("{path}[{}]", quoted(key))
    }
}

/// A string in double quotes for a message, shortened, with `"` escaped.
fn quoted(s: &str) -> String {
    format!("\"{}\"", truncate(s).replace('"', "\\\""))
}

/// A JSON value's type, and the value itself when it is short, for messages.
pub(super) fn describe(value: &Value) -> String {
    match value {
        Value::Null => "null".into(),
        Value::Bool(b) => b.to_string(),
        Value::Number(n) => format!("the number {n}"),
        Value::String(s) => format!("the string {}", quoted(s)),
        other => kind_of(other).to_string(),
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

/// Recording what [`Lists::read`] could not read.
impl Gaps {
    fn unreadable(&mut self, list: &'static str) {
        self.read_indices.insert(list, Vec::new());
        self.open.insert(list);
    }

    fn unread(&mut self, list: &'static str, id: Option<&str>) {
        match id {
            Some(id) => {
                self.unread_ids
                    .entry(list)
                    .or_default()
                    .push(id.to_string());
            }
            None => {
                self.open.insert(list);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typos_and_columns() {
        assert_eq!(closest("wieght", &["id", "weight"]), Some("weight"));
        assert_eq!(closest("x", &["id"]), None);
        assert_eq!(char_position("{\"a\": \"测试\" x", 1, 16), (1, 12));
    }
}
