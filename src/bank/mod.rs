//! The question bank: its model, loading with located errors, validation, the default bank.

pub mod first_steps;
mod gaps;
mod index;
mod load;
pub mod model;
mod read;
pub mod summary;
mod validate;

use std::fmt;

pub use index::QuestionIndex;
pub use load::{load_bank, MAX_BANK_BYTES};
pub use model::*;
pub use validate::{MAX_ID_CHARS, MAX_TEXT_CHARS};

/// One problem in a bank, located by its JSON path (and line/column for syntax errors).
pub use crate::json::Problem as BankError;

/// The default bank shipped with the widget, as JSON text.
pub const DEFAULT_BANK_JSON: &str = include_str!("default-bank.json");

/// The default bank with its Chinese texts only (derived by build.rs), which the wasm embeds;
/// the English texts come with `DEFAULT_BANK_JSON`, served beside the wasm as
/// `default-bank.json` and fetched on a switch to English.
pub const DEFAULT_BANK_ZH_JSON: &str =
    include_str!(concat!(env!("OUT_DIR"), "/default-bank.zh.json"));

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
