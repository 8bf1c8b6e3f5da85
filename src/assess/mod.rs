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

/// The positions in the bank of the questions asked of `selection`, in
/// [`applicable_questions`] order: what the first screens need, without the id index that
/// [`AskedQuestions`] sorts for scoring.
pub fn asked_positions_of(bank: &Bank, selection: &Selection) -> Vec<usize> {
    asked_positions(bank, selection)
        .into_iter()
        .map(|(at, _)| at)
        .collect()
}

/// Each dimension asked, in bank order, with (answered, total). `asked`: the positions in
/// the bank of the questions asked ([`asked_positions_of`]).
pub fn dimension_progress<'b>(
    bank: &'b Bank,
    asked: &[usize],
    answers: &Answers,
) -> Vec<(&'b str, usize, usize)> {
    bank.dimensions
        .iter()
        .filter_map(|d| {
            let (done, total) = asked
                .iter()
                .filter_map(|&i| bank.questions.get(i))
                .filter(|q| q.dimension == d.id)
                .fold((0, 0), |(done, total), q| {
                    (done + usize::from(answers.contains_key(&q.id)), total + 1)
                });
            (total > 0).then_some((d.id.as_str(), done, total))
        })
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
    asked_positions(bank, selection)
        .into_iter()
        .filter_map(|(at, dimension)| {
            let question = bank.questions.get(at)?;
            Some(Asked {
                dimension,
                question,
                answer: answers.get(&question.id).copied(),
            })
        })
        .collect()
}

/// The positions in the bank of the questions asked of `selection`, each with its
/// dimension's position (`usize::MAX`: a dimension the bank does not have): grouped by
/// dimension in bank order, and in bank order within one. An unknown category is asked
/// nothing.
fn asked_positions(bank: &Bank, selection: &Selection) -> Vec<(usize, usize)> {
    if !bank.categories.iter().any(|c| c.id == selection.category) {
        return Vec::new();
    }
    let questions: Vec<(usize, usize)> = bank
        .questions
        .iter()
        .enumerate()
        .filter(|(_, q)| applies_to(&q.applies, selection))
        .map(|(at, q)| (at, dimension_index(bank, &q.dimension)))
        .collect();
    // A stable sort by dimension, as a pass per dimension: a bank has a handful.
    let mut grouped = Vec::with_capacity(questions.len());
    for d in (0..bank.dimensions.len()).chain([usize::MAX]) {
        grouped.extend(questions.iter().filter(|&&(_, dimension)| dimension == d));
    }
    grouped
}

/// The questions asked of one selection, by their positions in the bank, and in the order of
/// their ids: made once per selection, so that scoring its answers again (an answer changed
/// on the results, or many branches of one kind) neither filters the bank nor searches the
/// answers once per question.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct AskedQuestions {
    /// Each question's position in the bank and its dimension's, in [`asked`] order.
    questions: Vec<(usize, usize)>,
    /// Positions in `questions`, in the order of the questions' ids.
    by_id: Vec<usize>,
}

impl AskedQuestions {
    /// The questions [`asked`] of `selection` (none for a category the bank does not have).
    pub fn new(bank: &Bank, selection: &Selection) -> AskedQuestions {
        let questions = asked_positions(bank, selection);
        let mut by_id: Vec<usize> = (0..questions.len()).collect();
        crate::order::sort_by(&mut by_id, |&a, &b| {
            let id = |i: usize| bank.questions.get(questions[i].0).map(|q| q.id.as_str());
            id(a).cmp(&id(b))
        });
        AskedQuestions { questions, by_id }
    }

    /// The questions' positions in the bank, in [`applicable_questions`] order.
    pub fn positions(&self) -> impl ExactSizeIterator<Item = usize> + '_ {
        self.questions.iter().map(|&(at, _)| at)
    }

    /// How many questions are asked.
    pub fn len(&self) -> usize {
        self.questions.len()
    }

    pub fn is_empty(&self) -> bool {
        self.questions.is_empty()
    }

    /// [`assess`] of `answers`, for the selection these questions were made for.
    pub fn assess(&self, bank: &Bank, selection: &Selection, answers: &Answers) -> Assessment {
        assess_asked(bank, selection, &self.with_answers(bank, answers))
    }

    /// [`asked`]`(bank, selection, answers)`: the answers, kept in id order, are walked
    /// alongside the questions in id order, once.
    pub(crate) fn with_answers<'a>(&self, bank: &'a Bank, answers: &Answers) -> Vec<Asked<'a>> {
        let mut answered: Vec<Asked<'a>> = self
            .questions
            .iter()
            .filter_map(|&(at, dimension)| {
                Some(Asked {
                    dimension,
                    question: bank.questions.get(at)?,
                    answer: None,
                })
            })
            .collect();
        if answered.len() != self.questions.len() {
            // Made for another bank: each answer is looked up instead.
            for asked in &mut answered {
                asked.answer = answers.get(&asked.question.id).copied();
            }
            return answered;
        }
        let mut next = 0;
        for (id, answer) in answers {
            while let Some(&i) = self.by_id.get(next) {
                let Some(asked) = answered.get_mut(i) else {
                    break;
                };
                match asked.question.id.cmp(id) {
                    Ordering::Less => next += 1,
                    Ordering::Equal => {
                        asked.answer = Some(*answer);
                        next += 1;
                    }
                    Ordering::Greater => break,
                }
            }
        }
        answered
    }
}

/// The questions asked of each selection, listed once, for scoring the self-checks of many
/// branches of one bank (a committee's intake and roll-up): [`asked`] of each, without a
/// search of its answers per question.
#[derive(Debug, Clone, Default)]
pub(crate) struct AskedLists {
    /// The bank the lists were made for (id, version): another bank starts them again.
    bank: Option<(String, String)>,
    lists: Vec<AskedList>,
}

/// The questions asked of one selection: its category and modifiers decide them.
#[derive(Debug, Clone)]
struct AskedList {
    category: String,
    modifiers: BTreeSet<String>,
    questions: AskedQuestions,
}

impl AskedLists {
    /// [`asked`]`(bank, selection, answers)`, through the selection's [`AskedQuestions`].
    pub(crate) fn asked<'a>(
        &mut self,
        bank: &'a Bank,
        selection: &Selection,
        answers: &Answers,
    ) -> Vec<Asked<'a>> {
        let same_bank = self
            .bank
            .as_ref()
            .is_some_and(|(id, version)| *id == bank.id && *version == bank.version);
        if !same_bank {
            self.lists.clear();
            self.bank = Some((bank.id.clone(), bank.version.clone()));
        }
        let known = self.lists.iter().position(|list| {
            list.category == selection.category && list.modifiers == selection.modifiers
        });
        let at = match known {
            Some(at) => at,
            None => {
                // An unknown category's list is empty (see `AskedQuestions::new`).
                self.lists.push(AskedList {
                    category: selection.category.clone(),
                    modifiers: selection.modifiers.clone(),
                    questions: AskedQuestions::new(bank, selection),
                });
                self.lists.len() - 1
            }
        };
        self.lists[at].questions.with_answers(bank, answers)
    }

    /// [`assess`]`(bank, selection, answers)`, through the selection's [`AskedQuestions`].
    pub(crate) fn assess(
        &mut self,
        bank: &Bank,
        selection: &Selection,
        answers: &Answers,
    ) -> Assessment {
        assess_asked(bank, selection, &self.asked(bank, selection, answers))
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
        let mut lists = AskedLists::default();
        let mut checked = 0;
        for (_, text) in generate(&bank, 400, 7) {
            let record = read_baseline(&bank, &text).unwrap();
            let (selection, mut answers) = (record.selection, record.answers);
            assert_eq!(
                lists.asked(&bank, &selection, &answers),
                asked(&bank, &selection, &answers)
            );
            answers.insert("!".into(), Answer::Yes);
            answers.insert("zzz".into(), Answer::No);
            for q in &bank.questions {
                answers.entry(q.id.clone()).or_insert(Answer::Level(9));
            }
            assert_eq!(
                lists.asked(&bank, &selection, &answers),
                asked(&bank, &selection, &answers)
            );
            checked += 1;
        }
        assert_eq!(checked, 400);
        assert!(lists.lists.len() > 8, "several selections are met");
        let unknown = Selection::new("no-such-category");
        assert_eq!(lists.asked(&bank, &unknown, &Answers::new()), Vec::new());
        // Another version of the bank, whose questions sit elsewhere: the lists start again.
        let mut other = bank.clone();
        other.version = "2099.1".into();
        other.questions.remove(0);
        for (_, text) in generate(&bank, 20, 8) {
            let record = read_baseline(&bank, &text).unwrap();
            let (selection, answers) = (record.selection, record.answers);
            assert_eq!(
                lists.asked(&other, &selection, &answers),
                asked(&other, &selection, &answers)
            );
        }
    }

    /// The results screen scores each answer change through the questions made once for the
    /// selection: the same assessment as `assess`, answer by answer as a branch fills in
    /// (every kind of answer, some out of range), for every category and a modifier.
    #[test]
    fn asked_questions_score_as_assess_does() {
        let bank = load_bank(DEFAULT_BANK_JSON).unwrap();
        let mut selections: Vec<Selection> = bank
            .categories
            .iter()
            .map(|c| Selection::new(c.id.clone()))
            .collect();
        let modifier = bank.modifiers.first().map(|m| m.id.clone()).unwrap();
        selections.push(Selection::new(bank.categories[0].id.clone()).with_modifier(modifier));
        selections.push(Selection::new("no-such-category"));
        for selection in &selections {
            let asked = AskedQuestions::new(&bank, selection);
            let mut answers = Answers::new();
            assert_eq!(
                asked.assess(&bank, selection, &answers),
                assess(&bank, selection, &answers)
            );
            for (n, q) in bank.questions.iter().enumerate() {
                let answer = match n % 5 {
                    0 => Answer::Yes,
                    1 => Answer::No,
                    2 => Answer::Level((n % 7) as u8),
                    3 => Answer::NotApplicable,
                    _ => Answer::Count(n as u32),
                };
                answers.insert(q.id.clone(), answer);
                if n % 9 == 0 {
                    answers.insert(format!("{}-not-asked", q.id), Answer::Yes);
                }
                assert_eq!(
                    asked.assess(&bank, selection, &answers),
                    assess(&bank, selection, &answers),
                    "{} after answering {}",
                    selection.category,
                    q.id
                );
            }
        }
    }
}
