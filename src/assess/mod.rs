//! The assessment: which questions apply, how answers score, and what the result says.

mod answer;
mod score;

pub use answer::{credit, Answer, AnswerError, Answers};
pub(crate) use score::assess_asked;
pub use score::{
    assess, effective_weights, Assessment, Completeness, DimensionResult, DimensionStatus, Gap,
    QuestionShortfall, RedLineHit, INSUFFICIENT_BELOW,
};

use std::cmp::Ordering;
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
    asked(bank, selection, &Answers::new())
        .into_iter()
        .map(|a| a.question)
        .collect()
}

/// A question asked of a selection, as scoring walks it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Asked<'a> {
    /// The position of its dimension in the bank (`usize::MAX`: a dimension it does not have).
    pub dimension: usize,
    pub question: &'a Question,
    pub answer: Option<Answer>,
}

/// The questions asked, in [`applicable_questions`] order, each with its answer in `answers`.
pub(crate) fn asked<'a>(
    bank: &'a Bank,
    selection: &Selection,
    answers: &Answers,
) -> Vec<Asked<'a>> {
    if !bank.categories.iter().any(|c| c.id == selection.category) {
        return Vec::new();
    }
    let mut questions = Vec::with_capacity(bank.questions.len());
    questions.extend(
        bank.questions
            .iter()
            .filter(|q| applies_to(&q.applies, selection))
            .map(|q| Asked {
                dimension: dimension_index(bank, &q.dimension),
                question: q,
                answer: answers.get(&q.id).copied(),
            }),
    );
    // Grouped by dimension in bank order, and in bank order within one (a stable sort by
    // dimension, as a pass per dimension: a bank has a handful, and this runs per record).
    let mut grouped = Vec::with_capacity(questions.len());
    for d in (0..bank.dimensions.len()).chain([usize::MAX]) {
        grouped.extend(questions.iter().filter(|a| a.dimension == d));
    }
    grouped
}

/// The questions asked of each selection, listed once, for scoring the self-checks of many
/// branches of one bank (a committee's roll-up): [`asked`] of each, without a search of its
/// answers per question.
pub(crate) struct AskedLists<'a> {
    bank: &'a Bank,
    lists: Vec<AskedList<'a>>,
}

/// The questions asked of one selection: its category and modifiers decide them.
struct AskedList<'a> {
    category: &'a str,
    modifiers: BTreeSet<String>,
    /// Without answers.
    questions: Vec<Asked<'a>>,
    /// Positions in `questions`, in the order of the questions' ids.
    by_id: Vec<usize>,
}

impl<'a> AskedLists<'a> {
    pub(crate) fn new(bank: &'a Bank) -> AskedLists<'a> {
        AskedLists {
            bank,
            lists: Vec::new(),
        }
    }

    /// [`asked`]`(bank, selection, answers)`. The answers, kept in id order, are walked
    /// alongside the questions in id order, once.
    pub(crate) fn asked(&mut self, selection: &Selection, answers: &Answers) -> Vec<Asked<'a>> {
        let known = self.lists.iter().position(|list| {
            list.category == selection.category && list.modifiers == selection.modifiers
        });
        let at = match known {
            Some(at) => at,
            None => {
                let Some(category) = self
                    .bank
                    .categories
                    .iter()
                    .find(|c| c.id == selection.category)
                else {
                    return Vec::new(); // an unknown category is asked nothing
                };
                let questions = asked(self.bank, selection, &Answers::new());
                let mut by_id: Vec<usize> = (0..questions.len()).collect();
                crate::order::sort_by(&mut by_id, |&a, &b| {
                    questions[a].question.id.cmp(&questions[b].question.id)
                });
                self.lists.push(AskedList {
                    category: &category.id,
                    modifiers: selection.modifiers.clone(),
                    questions,
                    by_id,
                });
                self.lists.len() - 1
            }
        };
        let AskedList {
            questions, by_id, ..
        } = &self.lists[at];
        let mut answered = questions.clone();
        let mut next = 0;
        for (id, answer) in answers {
            while let Some(&i) = by_id.get(next) {
                match answered[i].question.id.cmp(id) {
                    Ordering::Less => next += 1,
                    Ordering::Equal => {
                        answered[i].answer = Some(*answer);
                        next += 1;
                    }
                    Ordering::Greater => break,
                }
            }
        }
        answered
    }
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::bank::{load_bank, DEFAULT_BANK_JSON};
    use crate::committee::generate::generate;
    use crate::record::read_baseline;

    /// The lists made once per selection give each self-check what `asked` gives it: every
    /// generated record (some partly answered), and with answers to questions not asked or
    /// not in the bank, and a selection of a category the bank does not have.
    #[test]
    fn asked_lists_give_what_asked_gives() {
        let bank = load_bank(DEFAULT_BANK_JSON).unwrap();
        let mut lists = AskedLists::new(&bank);
        let mut checked = 0;
        for (_, text) in generate(&bank, 400, 7) {
            let record = read_baseline(&bank, &text).unwrap();
            let (selection, mut answers) = (record.selection, record.answers);
            assert_eq!(
                lists.asked(&selection, &answers),
                asked(&bank, &selection, &answers)
            );
            answers.insert("!".into(), Answer::Yes);
            answers.insert("zzz".into(), Answer::No);
            for q in &bank.questions {
                answers.entry(q.id.clone()).or_insert(Answer::Level(9));
            }
            assert_eq!(
                lists.asked(&selection, &answers),
                asked(&bank, &selection, &answers)
            );
            checked += 1;
        }
        assert_eq!(checked, 400);
        assert!(lists.lists.len() > 8, "several selections are met");
        let unknown = Selection::new("no-such-category");
        assert_eq!(lists.asked(&unknown, &Answers::new()), Vec::new());
    }
}
