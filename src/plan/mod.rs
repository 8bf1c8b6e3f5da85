//! From diagnosis to rectification (整改): the branch's plan of what it will do about the gaps
//! and red lines its self-check found, kept as a ledger whose items are closed one by one,
//! and answered by the next self-check.
//!
//! - `model`: the plan and its items, as kept in records and the saved state;
//! - `dates`: ISO dates, typed dates, months added;
//! - `build`: the plan the results suggest, with default owners and deadlines, and adding
//!   what is new;
//! - `edit`: the branch's edits, each checked;
//! - `check`: what a plan may hold, and the messages when it does not;
//! - `carry`: carrying a plan into the next self-check, and offering items for closing;
//! - `lists`: the plan in words for the screen, the printed lists and the .docx;
//! - `read`: reading a plan from JSON.
//!
//! Pure: no storage, no clock (callers pass `today`), no web crate.

mod build;
mod carry;
mod check;
mod dates;
mod edit;
mod lists;
mod model;
mod read;

pub use build::{build_plan, Results, FIRST_GAP_MONTHS, OTHER_MONTHS, RED_LINE_MONTHS};
pub use carry::{carry_over, closed_since, offer_closing, CarryOver};
pub use check::{fit_text, Located, PlanError};
pub use dates::{Date, MAX_YEAR, MIN_YEAR};
pub use lists::{kind_text, lists, status_text, ListRow};
pub use model::{
    ItemKind, Owner, Plan, PlanItem, Status, MAX_ITEMS, MAX_NAME_CHARS, MAX_TEXT_CHARS,
};
pub(crate) use read::read_plan;
