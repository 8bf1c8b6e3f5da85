//! What the committee tests share: the bank they read records with.

use branch_self_check::bank::{load_bank, Bank, DEFAULT_BANK_JSON};

/// The current default bank (2026.2, which lists 2026.1 as an earlier version).
pub fn bank() -> Bank {
    load_bank(DEFAULT_BANK_JSON).expect("the default bank loads")
}
