//! Where each question of a bank is, by id: built once per bank, so a lookup by id does not
//! scan the bank (2,000 questions in a large portal bank).

use std::collections::HashMap;

use super::model::{Bank, Question};

/// Each question's place in `bank.questions`, by id.
#[derive(Debug, Clone, Default)]
pub struct QuestionIndex(HashMap<String, usize>);

impl QuestionIndex {
    pub fn new(bank: &Bank) -> QuestionIndex {
        QuestionIndex(
            bank.questions
                .iter()
                .enumerate()
                .map(|(i, q)| (q.id.clone(), i))
                .collect(),
        )
    }

    /// The question's place in `bank.questions`.
    pub fn position(&self, id: &str) -> Option<usize> {
        self.0.get(id).copied()
    }

    /// The question with this id in `bank`. An index built from another bank finds nothing
    /// rather than a wrong question: the place found must hold that id.
    pub fn question<'b>(&self, bank: &'b Bank, id: &str) -> Option<&'b Question> {
        self.position(id)
            .and_then(|i| bank.questions.get(i))
            .filter(|q| q.id == id)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::bank::{load_bank, DEFAULT_BANK_JSON};

    #[test]
    fn question_index_finds_every_question_by_id() {
        let bank = load_bank(DEFAULT_BANK_JSON).expect("default bank loads");
        let index = QuestionIndex::new(&bank);
        for (i, q) in bank.questions.iter().enumerate() {
            assert_eq!(index.position(&q.id), Some(i));
            assert_eq!(index.question(&bank, &q.id).map(|x| &x.id), Some(&q.id));
        }
        assert_eq!(index.position("no-such-question"), None);
    }

    #[test]
    fn an_index_of_another_bank_finds_no_wrong_question() {
        let bank = load_bank(DEFAULT_BANK_JSON).expect("default bank loads");
        let index = QuestionIndex::new(&bank);
        let mut reordered = bank.clone();
        reordered.questions.reverse();
        let first = &bank.questions[0].id;
        assert_eq!(index.question(&reordered, first), None);
    }
}
