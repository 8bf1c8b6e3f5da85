//! Answers to questions, and the credit (0..=1) each one earns.

use std::collections::BTreeMap;
use std::fmt;

use serde::{Deserialize, Serialize};

use crate::bank::{AnswerSpec, Question};

/// One answer. `NotApplicable` is allowed only where the question says so.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Answer {
    /// The index of a described level (0 = the first, lowest level).
    Level(u8),
    Yes,
    No,
    /// How many times in the last 12 months.
    Count(u32),
    NotApplicable,
}

/// Answers by question id.
pub type Answers = BTreeMap<String, Answer>;

/// Why an answer does not fit its question.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AnswerError {
    /// The level does not exist.
    NoSuchLevel { level: u8, levels: usize },
    /// "Not applicable" was given where the bank does not allow it.
    NotApplicableRefused,
    /// A yes/no answer to a levels question, and so on.
    WrongKind,
}

impl fmt::Display for AnswerError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            AnswerError::NoSuchLevel { level, levels } => write!(
                f,
                "level {} does not exist (the question has {levels})",
                u32::from(*level) + 1
            ),
            AnswerError::NotApplicableRefused => {
                write!(f, "\"not applicable\" is not allowed for this question")
            }
            AnswerError::WrongKind => write!(f, "the answer is not of the question's type"),
        }
    }
}

/// The credit an answer earns: `Ok(None)` for "not applicable", which leaves the question
/// out of the score.
pub fn credit(question: &Question, answer: Answer) -> Result<Option<f64>, AnswerError> {
    match (&question.answer, answer) {
        (_, Answer::NotApplicable) if question.allow_na => Ok(None),
        (_, Answer::NotApplicable) => Err(AnswerError::NotApplicableRefused),
        (AnswerSpec::Levels { levels }, Answer::Level(i)) => levels
            .get(usize::from(i))
            .map(|level| Some(level.credit))
            .ok_or(AnswerError::NoSuchLevel {
                level: i,
                levels: levels.len(),
            }),
        (AnswerSpec::YesNo { yes_credit, .. }, Answer::Yes) => Ok(Some(*yes_credit)),
        (AnswerSpec::YesNo { no_credit, .. }, Answer::No) => Ok(Some(*no_credit)),
        (AnswerSpec::Count { per_year, .. }, Answer::Count(n)) => {
            let per_year = f64::from((*per_year).max(1));
            Ok(Some((f64::from(n) / per_year).min(1.0)))
        }
        _ => Err(AnswerError::WrongKind),
    }
}
