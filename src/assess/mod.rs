//! The assessment: which questions apply, how answers score, and what the result says.

mod answer;
mod score;

pub use answer::{credit, Answer, AnswerError, Answers};
pub use score::{
    assess, effective_weights, Assessment, Completeness, DimensionResult, DimensionStatus, Gap,
    QuestionShortfall, RedLineHit, INSUFFICIENT_BELOW,
};

use std::collections::BTreeSet;

use serde::{Deserialize, Serialize};

use crate::bank::{Applies, Bank, Category, Question};

/// What the branch said about itself before answering: its category, the modifiers that
/// apply, and optionally the role of the person filling in the check.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct Selection {
    pub category: String,
    #[serde(default)]
    pub modifiers: BTreeSet<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role: Option<String>,
}

impl Selection {
    pub fn new(category: impl Into<String>) -> Selection {
        Selection {
            category: category.into(),
            ..Selection::default()
        }
    }

    pub fn with_modifier(mut self, modifier: impl Into<String>) -> Selection {
        self.modifiers.insert(modifier.into());
        self
    }
}

/// Whether a question's category conditions admit `category` (modifiers aside).
pub fn applies_to_category(applies: &Applies, category: &str) -> bool {
    (applies.categories.is_empty() || applies.categories.iter().any(|c| c == category))
        && !applies.except_categories.iter().any(|c| c == category)
}

/// Whether a question is asked of a branch with this selection.
pub fn applies_to(applies: &Applies, selection: &Selection) -> bool {
    applies_to_category(applies, &selection.category)
        && (applies.with_modifiers.is_empty()
            || applies
                .with_modifiers
                .iter()
                .any(|m| selection.modifiers.contains(m)))
        && !applies
            .without_modifiers
            .iter()
            .any(|m| selection.modifiers.contains(m))
}

/// The questions a branch with this selection is asked, grouped by dimension in the bank's
/// dimension order, and in bank order within a dimension. An unknown category is asked
/// nothing (not the questions open to every category).
pub fn applicable_questions<'a>(bank: &'a Bank, selection: &Selection) -> Vec<&'a Question> {
    if !bank.categories.iter().any(|c| c.id == selection.category) {
        return Vec::new();
    }
    let mut questions: Vec<(usize, &Question)> = bank
        .questions
        .iter()
        .filter(|q| applies_to(&q.applies, selection))
        .map(|q| (dimension_index(bank, &q.dimension), q))
        .collect();
    // A stable sort keeps bank order inside each dimension.
    crate::order::sort_by(&mut questions, |a, b| a.0.cmp(&b.0));
    questions.into_iter().map(|(_, q)| q).collect()
}

/// How many questions a branch of one of `categories` answers (without modifiers), on
/// average, rounded: the start screen's estimate of the length of the self-check.
pub fn typical_question_count(bank: &Bank, categories: &[&Category]) -> usize {
    if categories.is_empty() {
        return 0;
    }
    let total: usize = categories
        .iter()
        .map(|c| applicable_questions(bank, &Selection::new(c.id.clone())).len())
        .sum();
    (total + categories.len() / 2) / categories.len()
}

/// The position of a dimension in the bank (unknown ids sort last).
fn dimension_index(bank: &Bank, id: &str) -> usize {
    bank.dimensions
        .iter()
        .position(|d| d.id == id)
        .unwrap_or(usize::MAX)
}
