//! Wording shared by the record module's user-facing messages (zh-CN and en).

use crate::assess::AnswerError;
use crate::bank::Locale;

/// Picks the message in the user's language.
pub(crate) fn say(locale: Locale, zh: String, en: String) -> String {
    match locale {
        Locale::Zh => zh,
        Locale::En => en,
    }
}

/// Why an answer does not fit its question, in the user's language.
pub(crate) fn answer_error_message(error: &AnswerError, locale: Locale) -> String {
    match error {
        AnswerError::NoSuchLevel { level, levels } => say(
            locale,
            format!(
                "第 {} 档不存在（这道题只有 {levels} 档）",
                u32::from(*level) + 1
            ),
            format!(
                "level {} does not exist (the question has {levels})",
                u32::from(*level) + 1
            ),
        ),
        AnswerError::NotApplicableRefused => say(
            locale,
            "这道题不能选“不适用”".into(),
            "this question cannot be marked \"not applicable\"".into(),
        ),
        AnswerError::WrongKind => say(
            locale,
            "答案的类型与题目不符".into(),
            "the answer is not of the question's kind".into(),
        ),
    }
}
