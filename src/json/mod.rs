//! Reading the widget's own JSON formats (the question bank, record files, the saved state)
//! with every problem located and worded for the person who has to fix the file.
//!
//! - `syntax`: JSON text to a value, refusing duplicate keys, with syntax errors located by
//!   line and column (in characters) and hints for what JavaScript allows and JSON does not.
//! - `read`: `FromValue`, `read_fields` and the readers of primitives, lists, maps and enum
//!   values; `reader`: the `reader!` macro, which generates a struct's reader from its list
//!   of fields.
//! - `messages`: the wording every problem shares (`expected …, found …`, unknown fields
//!   and values with "did you mean", paths, shortened values).
//!
//! This module depends on nothing else in the crate: the bank loader, the record import and
//! a future multi-file import build on it.

mod messages;
mod read;
mod reader;
mod syntax;

use std::fmt;

pub(crate) use messages::{
    describe, key_path, kind_of, missing_field, quoted_list, truncate, unknown_field,
    unknown_reference, unknown_value,
};
pub(crate) use read::{read_fields, read_variant, required_mask, set, Form, FromValue, AN_OBJECT};
pub(crate) use reader::reader;
pub(crate) use syntax::{parse_strict, syntax_error};

/// One problem in a JSON document, located by its JSON path (and by line and column for a
/// syntax error). The bank calls it [`BankError`](crate::bank::BankError).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// A JSONPath-like location, e.g. `$.questions[3].answer.levels[1].credit`.
    pub path: String,
    pub line: Option<usize>,
    pub column: Option<usize>,
    pub message: String,
}

impl Problem {
    pub fn new(path: impl Into<String>, message: impl Into<String>) -> Problem {
        Problem {
            path: path.into(),
            line: None,
            column: None,
            message: message.into(),
        }
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (self.line, self.column) {
            (Some(line), Some(column)) => {
                write!(f, "line {line}, column {column}: {}", self.message)
            }
            _ => write!(f, "{}: {}", self.path, self.message),
        }
    }
}
