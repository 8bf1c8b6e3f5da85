//! JSON text to a value: strict (an object may not have the same key twice, which
//! serde_json would silently accept, keeping the last), with every syntax error located by
//! line and column in characters, as editors count them, and worded in plain terms, with a
//! hint for the usual slips from JavaScript (comments, single quotes, trailing commas, NaN).
//!
//! serde_json does not expose its error codes, so the wording is chosen by matching its
//! messages (`plain_syntax`); a message it adds later reads as "not valid JSON: …" with its
//! own words until it is added there.

use std::cell::RefCell;
use std::fmt;

use serde::de::{self, DeserializeSeed, Deserializer, Visitor};
use serde_json::{Map, Number, Value};

use super::messages::{key_path, truncate};
use super::Problem;

/// Parses JSON text into a value, refusing duplicate keys (serde_json would silently keep
/// the last one), and locating any syntax error by line and column.
pub(crate) fn parse_strict(json: &str) -> Result<Value, Problem> {
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
pub(crate) fn syntax_error(e: &serde_json::Error) -> Problem {
    let raw = e.to_string();
    let raw = strip_position(&raw);
    let message = match e.classify() {
        serde_json::error::Category::Eof => {
            "the JSON ends too early: a closing `}`, `]` or `\"` is missing".to_string()
        }
        _ => plain_syntax(raw),
    };
    Problem {
        path: "$".into(),
        line: Some(e.line()),
        column: Some(e.column()),
        message,
    }
}

/// [`syntax_error`], with the text at hand: columns in characters (as editors count them),
/// the opening of what is left unclosed, and a hint for the usual slips from JavaScript.
fn syntax_error_in(json: &str, e: &serde_json::Error) -> Problem {
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
    duplicate: &'a RefCell<Option<Problem>>,
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
                *self.duplicate.borrow_mut() = Some(Problem::new(
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_count_characters() {
        assert_eq!(char_position("{\"a\": \"测试\" x", 1, 16), (1, 12));
        assert_eq!(char_position("{\n\"a\"", 2, 0), (1, 2));
    }

    #[test]
    fn a_key_twice_is_refused_where_it_is_repeated() {
        let error = parse_strict("{\"a\": {\"b\": 1,\n \"b\": 2}}").unwrap_err();
        assert_eq!(error.path, "$.a.b");
        assert_eq!((error.line, error.column), (Some(2), Some(4)));
    }
}
