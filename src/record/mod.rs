//! The exportable self-check: versioned file, share-link codec, saved state, compare.
//!
//! Everything here is pure: functions take text and return values, and never touch the
//! user's current answers. The UI does the storage, download and URL calls.

mod base64;
mod compare;
mod errors;
mod export;
mod fnv;
mod import;
mod quick;
mod read;
mod saved;
mod share;

pub use compare::{compare, Comparison, Delta, DimensionDelta};
pub use errors::{AnswerProblem, ImportError};
pub(crate) use export::applicable_answers;
pub use export::{
    export_record, export_record_with_plan, BankRef, Record, RecordedDimension, RecordedResults,
    RECORD_FORMAT, RECORD_VERSION,
};
pub use import::{import_record, read_baseline, read_baseline_value, MAX_RECORD_BYTES};
pub(crate) use import::{read_baseline_quickly, read_baseline_value_quickly};
pub use saved::{
    restore_state, save_state, save_state_with_plans, Restored, SavedPlans, SavedProblem,
    SavedState, MAX_SAVED_BYTES, SAVED_VERSION,
};
pub use share::{decode_share, encode_share, ShareError, MAX_SHARE_CHARS, SHARE_CODEC_VERSION};
