//! Results in words: an answer, the reasons behind a suggestion, a note on the baseline.

use super::text::fixed;
use crate::assess::Answer;
use crate::bank::{AnswerSpec, Bank, Locale, Question, QuestionIndex};
use crate::recommend::Reason;
use crate::ui_logic::text::tr;

/// A readable form of an answer, e.g. the level's description or "3 times".
pub fn answer_label(question: &Question, answer: Answer, locale: Locale) -> String {
    match (&question.answer, answer) {
        (_, Answer::NotApplicable) => locale.pick("不适用", "not applicable").into(),
        (AnswerSpec::Levels { levels }, Answer::Level(i)) => levels
            .get(usize::from(i))
            .map(|l| l.label.get(locale).to_string())
            .unwrap_or_default(),
        (_, Answer::Yes) => locale.pick("是", "yes").into(),
        (_, Answer::No) => locale.pick("否", "no").into(),
        (AnswerSpec::Count { per_year, .. }, Answer::Count(n)) => tr!(
            locale,
            "{n} 次（要求 {per_year} 次）",
            "{n} times (required {per_year})"
        ),
        _ => String::new(),
    }
}

/// A reason in words: the main point (dimension, scores), and a detail naming the questions
/// behind it, which the printed summary leaves out for space.
pub fn reason_text(
    bank: &Bank,
    index: &QuestionIndex,
    reason: &Reason,
    l: Locale,
) -> (String, String) {
    let dim = |id: &str| {
        bank.dimensions
            .iter()
            .find(|d| d.id == id)
            .map(|d| d.name.get(l).to_string())
            .unwrap_or_else(|| id.to_string())
    };
    let question = |id: &str| {
        index
            .question(bank, id)
            .map(|q| format!("“{}”", q.text.get(l)))
            .unwrap_or_default()
    };
    match reason {
        Reason::CoversGap {
            dimension,
            score,
            target,
            questions,
        } => {
            let (name, score, target) = (dim(dimension), fixed(*score, 0), fixed(*target, 0));
            let qs: Vec<String> = questions.iter().map(|q| question(q)).collect();
            let main = tr!(
                l,
                "补齐“{name}”差距（得分 {score}，目标 {target}）",
                "Closes the gap in {name} (score {score}, target {target})"
            );
            let detail = if qs.is_empty() {
                String::new()
            } else {
                tr!(
                    l,
                    "，主要失分：{}",
                    "; points lost on {}",
                    qs.join(l.pick("、", ", "))
                )
            };
            (main, detail)
        }
        Reason::AddressesRedLine {
            dimension,
            question: q,
        } => {
            let name = dim(dimension);
            (
                tr!(
                    l,
                    "针对“{name}”中的红线事项",
                    "Deals with a red line in {name}"
                ),
                tr!(l, "：{}", ": {}", question(q)),
            )
        }
        Reason::FitsCategory { category } => {
            let name = bank
                .categories
                .iter()
                .find(|c| &c.id == category)
                .map(|c| c.name.get(l).to_string())
                .unwrap_or_default();
            (tr!(l, "适合{name}", "Made for {name}"), String::new())
        }
        Reason::FitsModifier { modifier } => {
            let name = bank
                .modifiers
                .iter()
                .find(|m| &m.id == modifier)
                .map(|m| m.name.get(l).to_string())
                .unwrap_or_default();
            let main = tr!(
                l,
                "适合特殊情形：{name}",
                "Suits your special situation: {name}"
            );
            (main, String::new())
        }
        Reason::BringsStrength { dimension } => {
            let name = dim(dimension);
            let main = tr!(
                l,
                "本支部在“{name}”方面是优势，可带动其他支部（优势互补）",
                "Your strength in {name} helps the other branches (complementary strengths)"
            );
            (main, String::new())
        }
        Reason::ForRole { role } => {
            let name = bank
                .roles
                .iter()
                .find(|r| &r.id == role)
                .map(|r| r.name.get(l).to_string())
                .unwrap_or_default();
            (
                tr!(l, "面向{name}", "Aimed at your role ({name})"),
                String::new(),
            )
        }
    }
}

/// Said beside a comparison whose baseline was made with another version of the bank:
/// `None` when the versions are the same.
pub fn baseline_version_note(then: &str, now: &str, l: Locale) -> Option<String> {
    (then != now).then(|| {
        tr!(
            l,
            "对比基线用题库 {then} 版作出，当前为 {now} 版：部分题目已调整，分项对比仅供参考。",
            "The baseline was made with bank version {then}; this is version {now}. Some questions changed, so compare dimension by dimension with care."
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::bank::{load_bank, Text, DEFAULT_BANK_JSON};

    fn bank() -> Bank {
        load_bank(DEFAULT_BANK_JSON).expect("default bank loads")
    }

    fn first(bank: &Bank, kind: fn(&AnswerSpec) -> bool) -> &Question {
        bank.questions
            .iter()
            .find(|q| kind(&q.answer))
            .expect("the default bank has such a question")
    }

    #[test]
    fn answers_read_as_their_level_yes_no_or_count() {
        let bank = bank();
        let levels = first(&bank, |a| matches!(a, AnswerSpec::Levels { .. }));
        let AnswerSpec::Levels { levels: spec } = &levels.answer else {
            unreachable!()
        };
        assert_eq!(
            answer_label(levels, Answer::Level(1), Locale::Zh),
            spec[1].label.zh
        );
        assert_eq!(
            answer_label(levels, Answer::Level(1), Locale::En),
            spec[1].label.get(Locale::En)
        );
        assert_eq!(answer_label(levels, Answer::Level(200), Locale::Zh), "");
        assert_eq!(answer_label(levels, Answer::Count(2), Locale::Zh), "");

        let yes_no = first(&bank, |a| matches!(a, AnswerSpec::YesNo { .. }));
        assert_eq!(answer_label(yes_no, Answer::Yes, Locale::Zh), "是");
        assert_eq!(answer_label(yes_no, Answer::No, Locale::En), "no");
        assert_eq!(
            answer_label(yes_no, Answer::NotApplicable, Locale::En),
            "not applicable"
        );

        let count = first(&bank, |a| matches!(a, AnswerSpec::Count { .. }));
        let AnswerSpec::Count { per_year, .. } = count.answer else {
            unreachable!()
        };
        assert_eq!(
            answer_label(count, Answer::Count(3), Locale::Zh),
            format!("3 次（要求 {per_year} 次）")
        );
        assert_eq!(
            answer_label(count, Answer::Count(3), Locale::En),
            format!("3 times (required {per_year})")
        );
    }

    #[test]
    fn a_gap_reason_names_the_dimension_the_scores_and_the_questions() {
        let bank = bank();
        let index = QuestionIndex::new(&bank);
        let dimension = &bank.dimensions[0];
        let questions: Vec<&Question> = bank
            .questions
            .iter()
            .filter(|q| q.dimension == dimension.id)
            .take(2)
            .collect();
        let reason = Reason::CoversGap {
            dimension: dimension.id.clone(),
            score: 61.44,
            target: 80.0,
            questions: questions.iter().map(|q| q.id.clone()).collect(),
        };
        let (main, detail) = reason_text(&bank, &index, &reason, Locale::Zh);
        assert_eq!(
            main,
            format!("补齐“{}”差距（得分 61，目标 80）", dimension.name.zh)
        );
        assert_eq!(
            detail,
            format!(
                "，主要失分：“{}”、“{}”",
                questions[0].text.zh, questions[1].text.zh
            )
        );
        let (main, detail) = reason_text(&bank, &index, &reason, Locale::En);
        let name = dimension.name.get(Locale::En);
        assert_eq!(
            main,
            format!("Closes the gap in {name} (score 61, target 80)")
        );
        assert!(detail.starts_with("; points lost on “"), "{detail}");
        assert!(detail.contains("”, “"), "{detail}");

        let no_questions = Reason::CoversGap {
            dimension: "unknown-dim".into(),
            score: 10.0,
            target: 20.0,
            questions: Vec::new(),
        };
        let (main, detail) = reason_text(&bank, &index, &no_questions, Locale::En);
        assert_eq!(main, "Closes the gap in unknown-dim (score 10, target 20)");
        assert_eq!(detail, "");
    }

    #[test]
    fn other_reasons_name_their_red_line_category_strength_or_role() {
        let bank = bank();
        let index = QuestionIndex::new(&bank);
        let q = &bank.questions[0];
        let dim = bank
            .dimensions
            .iter()
            .find(|d| d.id == q.dimension)
            .unwrap();
        let red = Reason::AddressesRedLine {
            dimension: q.dimension.clone(),
            question: q.id.clone(),
        };
        assert_eq!(
            reason_text(&bank, &index, &red, Locale::Zh),
            (
                format!("针对“{}”中的红线事项", dim.name.zh),
                format!("：“{}”", q.text.zh)
            )
        );
        let category = &bank.categories[0];
        let fits = Reason::FitsCategory {
            category: category.id.clone(),
        };
        assert_eq!(
            reason_text(&bank, &index, &fits, Locale::En).0,
            format!("Made for {}", category.name.get(Locale::En))
        );
        let strength = Reason::BringsStrength {
            dimension: dim.id.clone(),
        };
        assert_eq!(
            reason_text(&bank, &index, &strength, Locale::Zh).0,
            format!(
                "本支部在“{}”方面是优势，可带动其他支部（优势互补）",
                dim.name.zh
            )
        );
        let modifier = &bank.modifiers[0];
        let fits_modifier = Reason::FitsModifier {
            modifier: modifier.id.clone(),
        };
        assert_eq!(
            reason_text(&bank, &index, &fits_modifier, Locale::Zh).0,
            format!("适合特殊情形：{}", modifier.name.zh)
        );
        let role = &bank.roles[0];
        let for_role = Reason::ForRole {
            role: role.id.clone(),
        };
        assert_eq!(
            reason_text(&bank, &index, &for_role, Locale::Zh),
            (format!("面向{}", role.name.zh), String::new())
        );
    }

    #[test]
    fn the_baseline_note_appears_only_for_another_bank_version() {
        assert_eq!(baseline_version_note("2026.1", "2026.1", Locale::Zh), None);
        assert_eq!(
            baseline_version_note("2025.1", "2026.1", Locale::Zh).as_deref(),
            Some("对比基线用题库 2025.1 版作出，当前为 2026.1 版：部分题目已调整，分项对比仅供参考。")
        );
        let en = baseline_version_note("2025.1", "2026.1", Locale::En).unwrap();
        assert!(
            en.starts_with(
                "The baseline was made with bank version 2025.1; this is version 2026.1."
            ),
            "{en}"
        );
    }

    #[test]
    fn a_text_without_english_falls_back_to_chinese_in_labels() {
        let mut bank = bank();
        let index = QuestionIndex::new(&bank);
        bank.roles[0].name = Text {
            zh: "书记".into(),
            en: None,
        };
        let reason = Reason::ForRole {
            role: bank.roles[0].id.clone(),
        };
        assert_eq!(
            reason_text(&bank, &index, &reason, Locale::En).0,
            "Aimed at your role (书记)"
        );
    }
}
