//! What the first screens say about the default bank, derived at build time (build.rs), so
//! the start screen can show before the bank, its loader and the engine have arrived.

/// The default bank's id and version, Chinese title and description, and its counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BankSummary {
    pub id: &'static str,
    pub version: &'static str,
    pub title: &'static str,
    pub description: Option<&'static str>,
    pub categories: usize,
    pub questions: usize,
    /// How many questions a branch answers, on average over the categories
    /// (`assess::typical_question_count`).
    pub typical_questions: usize,
}

include!(concat!(env!("OUT_DIR"), "/default-bank-summary.rs"));

#[cfg(test)]
mod tests {
    use super::*;
    use crate::assess::typical_question_count;
    use crate::bank::{load_bank, DEFAULT_BANK_JSON};

    /// build.rs reads the JSON on its own; the first screens must say what the loaded bank
    /// and the engine would.
    #[test]
    fn the_summary_is_what_the_engine_reads_from_the_default_bank() {
        let bank = load_bank(DEFAULT_BANK_JSON).expect("the default bank loads");
        let all: Vec<_> = bank.categories.iter().collect();
        let summary = DEFAULT_BANK_SUMMARY;
        assert_eq!(summary.id, bank.id);
        assert_eq!(summary.version, bank.version);
        assert_eq!(summary.title, bank.title.zh);
        assert_eq!(
            summary.description,
            bank.description.as_ref().map(|d| d.zh.as_str())
        );
        assert_eq!(summary.categories, bank.categories.len());
        assert_eq!(summary.questions, bank.questions.len());
        let typical = typical_question_count(&bank, &all);
        assert!(typical > 0);
        assert_eq!(summary.typical_questions, typical);
    }
}
