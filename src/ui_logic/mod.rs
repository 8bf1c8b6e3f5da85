//! The UI's pure rules: what the screens compute without a browser. Unlike `ui` and `embed`
//! (wasm32 only), this module is compiled on the host too, so `cargo test` checks it.

pub mod config;
pub mod geometry;
pub mod labels;
pub mod rows;
pub mod screen;
pub mod text;

use std::collections::HashMap;

use crate::bank::{Bank, Question};

/// Where each question of a bank is, by id; built once per widget.
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

    /// The question with this id, in `bank` (the bank the index was built from, or one with
    /// the same questions in the same order).
    pub fn question<'b>(&self, bank: &'b Bank, id: &str) -> Option<&'b Question> {
        self.position(id).and_then(|i| bank.questions.get(i))
    }
}

/// `next` in the order of `previous`: the items `previous` had keep their places, new ones
/// follow in `next`'s order, and items no longer in `next` are dropped. The results keep a
/// list's order this way while the reader edits an answer inside it, as moving a node would
/// take the focus from the control in use.
pub fn keep_order(previous: &[String], next: Vec<String>) -> Vec<String> {
    let mut kept: Vec<String> = previous
        .iter()
        .filter(|id| next.contains(id))
        .cloned()
        .collect();
    kept.extend(next.into_iter().filter(|id| !previous.contains(id)));
    kept
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::bank::{load_bank, DEFAULT_BANK_JSON};

    fn strings(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn keep_order_keeps_the_old_places_and_appends_new_items() {
        let previous = strings(&["b", "a", "c"]);
        // Re-ranked: a first now, c gone, d new.
        let next = strings(&["a", "d", "b"]);
        assert_eq!(keep_order(&previous, next), strings(&["b", "a", "d"]));
    }

    #[test]
    fn keep_order_without_a_previous_order_is_the_new_order() {
        let next = strings(&["x", "y"]);
        assert_eq!(keep_order(&[], next.clone()), next);
        assert_eq!(keep_order(&strings(&["z"]), next.clone()), next);
        assert!(keep_order(&strings(&["x"]), Vec::new()).is_empty());
    }

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
}
