//! What the committee tests share: the bank they read records with, and a file input.

use branch_self_check::bank::{load_bank, Bank, DEFAULT_BANK_JSON};
use branch_self_check::committee::Input;

/// The current default bank (2026.2, which lists 2026.1 as an earlier version).
pub fn bank() -> Bank {
    load_bank(DEFAULT_BANK_JSON).expect("the default bank loads")
}

/// An input file as the page hands it over.
#[allow(
    dead_code,
    reason = "each test file includes this module; not all read files"
)]
pub fn file(name: &str, text: &str) -> Input {
    Input::File {
        name: name.into(),
        text: text.into(),
    }
}
