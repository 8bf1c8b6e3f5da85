//! The question bank: its model, loading with located errors, validation, the default bank.

mod load;
pub mod model;
mod read;
pub mod summary;
mod validate;

use std::fmt;

pub(crate) use load::{kind_of, syntax_error};
pub use load::{load_bank, MAX_BANK_BYTES};
pub use model::*;
pub(crate) use read::{read_fields, read_variant, set, unit_content, Form, FromValue, AN_OBJECT};
pub use validate::{MAX_ID_CHARS, MAX_TEXT_CHARS};

/// The default bank shipped with the widget, as JSON text.
pub const DEFAULT_BANK_JSON: &str = include_str!("default-bank.json");

/// The default bank with its Chinese texts only (derived by build.rs), which the wasm embeds;
/// the English texts come with `DEFAULT_BANK_JSON`, served beside the wasm as
/// `default-bank.json` and fetched on a switch to English.
pub const DEFAULT_BANK_ZH_JSON: &str =
    include_str!(concat!(env!("OUT_DIR"), "/default-bank.zh.json"));

/// One problem in a bank, located by its JSON path (and line/column for syntax errors).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BankError {
    /// A JSONPath-like location, e.g. `$.questions[3].answer.levels[1].credit`.
    pub path: String,
    pub line: Option<usize>,
    pub column: Option<usize>,
    pub message: String,
}

impl BankError {
    pub fn new(path: impl Into<String>, message: impl Into<String>) -> BankError {
        BankError {
            path: path.into(),
            line: None,
            column: None,
            message: message.into(),
        }
    }
}

impl fmt::Display for BankError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (self.line, self.column) {
            (Some(line), Some(column)) => {
                write!(f, "line {line}, column {column}: {}", self.message)
            }
            _ => write!(f, "{}: {}", self.path, self.message),
        }
    }
}

/// All problems found in a bank.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BankErrors(pub Vec<BankError>);

impl BankErrors {
    pub fn one(error: BankError) -> BankErrors {
        BankErrors(vec![error])
    }
}

impl fmt::Display for BankErrors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, e) in self.0.iter().enumerate() {
            if i > 0 {
                writeln!(f)?;
            }
            write!(f, "{e}")?;
        }
        Ok(())
    }
}

impl std::error::Error for BankErrors {}
