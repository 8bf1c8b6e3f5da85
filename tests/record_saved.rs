//! The saved state: it comes back as saved, and whatever is broken, foreign or stale is
//! dropped (and named) without losing the rest or failing.

use branch_self_check::assess::{Answer, AnswerError, Answers, Selection};
use branch_self_check::bank::{Bank, Locale};
use branch_self_check::record::{
    restore_state, save_state, BankRef, Restored, SavedProblem, SavedState, MAX_SAVED_BYTES,
    SAVED_VERSION,
};
use serde_json::{json, Value};

mod common;
use common::{answers, load_record_bank as load};

fn bank() -> Bank {
    load("test-bank", "2026.1")
}

fn saved() -> SavedState {
    SavedState {
        format_version: SAVED_VERSION,
        bank: BankRef {
            id: "test-bank".into(),
            version: "2026.1".into(),
        },
        selection: Some(Selection {
            role: Some("secretary".into()),
            ..Selection::new("hospital").with_modifier("overseas")
        }),
        answers: answers(&[
            ("q1", Answer::Yes),
            ("q2", Answer::Level(3)),
            ("q3", Answer::Count(4)),
            ("q4", Answer::No),
            ("q5", Answer::Level(1)),
            ("q6", Answer::NotApplicable),
        ]),
        screen: Some("questionnaire".into()),
        unit_name: Some("医院党支部".into()),
        locale: None,
        updated: Some("2026-11-24T10:15:00Z".into()),
    }
}

fn saved_json() -> Value {
    serde_json::from_str(&save_state(&saved())).expect("a saved state is JSON")
}

fn restore(value: &Value) -> Restored {
    restore_state(&bank(), &value.to_string())
}

/// Nothing was kept: the state is the fresh one.
fn assert_fresh(restored: &Restored) {
    assert_eq!(restored.state, SavedState::new(&bank()));
}

#[test]
fn a_saved_state_comes_back_as_it_was() {
    let restored = restore_state(&bank(), &save_state(&saved()));
    assert_eq!(restored.problems, vec![]);
    assert_eq!(restored.state, saved());
}

#[test]
fn the_saved_json_is_plain_and_readable() {
    assert_eq!(
        saved_json()["bank"],
        json!({ "id": "test-bank", "version": "2026.1" })
    );
    assert_eq!(saved_json()["answers"]["q2"], json!({ "level": 3 }));
    assert_eq!(saved_json()["selection"]["modifiers"], json!(["overseas"]));
}

#[test]
fn nothing_saved_is_no_problem() {
    for text in ["", "   "] {
        let restored = restore_state(&bank(), text);
        assert_eq!(restored.problems, vec![]);
        assert_fresh(&restored);
    }
}

#[test]
fn corrupt_json_gives_a_fresh_start_and_says_so() {
    let restored = restore_state(&bank(), "{\"format_version\": 1,\n \"bank\": ]");
    assert_fresh(&restored);
    assert_eq!(
        restored.problems,
        vec![SavedProblem::NotJson {
            line: 2,
            column: 10
        }]
    );
    assert_eq!(
        restored.problems[0].message(Locale::Zh),
        "浏览器中保存的数据已损坏。上次的填写进度无法恢复，将从头开始。"
    );
}

#[test]
fn a_truncated_write_gives_a_fresh_start() {
    let text = save_state(&saved());
    for cut in [1, text.len() / 3, text.len() / 2, text.len() - 1] {
        let restored = restore_state(&bank(), &text[..cut]);
        assert_fresh(&restored);
        assert_eq!(
            restored.problems,
            vec![SavedProblem::Truncated],
            "cut at {cut}"
        );
    }
}

#[test]
fn a_foreign_value_gives_a_fresh_start() {
    let cases = [
        ("42", "a number"),
        ("[1, 2]", "a list"),
        ("\"hello\"", "a string"),
        ("null", "null"),
        ("true", "a boolean"),
        (
            r#"{"todos": [{"title": "milk"}]}"#,
            "an object of another kind",
        ),
        (r#"{"format_version": 1}"#, "an object of another kind"),
        (
            r#"{"format_version": 1, "bank": "test-bank"}"#,
            "an object of another kind",
        ),
        (
            r#"{"format_version": "1", "bank": {"id": "test-bank", "version": "2026.1"}}"#,
            "an object of another kind",
        ),
    ];
    for (text, found) in cases {
        let restored = restore_state(&bank(), text);
        assert_fresh(&restored);
        assert_eq!(
            restored.problems,
            vec![SavedProblem::Foreign { found }],
            "{text}"
        );
    }
    assert!(SavedProblem::Foreign { found: "a list" }
        .message(Locale::En)
        .contains("does not belong to this tool"));
}

#[test]
fn a_newer_version_gives_a_fresh_start() {
    let mut value = saved_json();
    value["format_version"] = json!(7);
    let restored = restore(&value);
    assert_fresh(&restored);
    assert_eq!(
        restored.problems,
        vec![SavedProblem::NewerVersion { found: 7 }]
    );
}

#[test]
fn another_bank_gives_a_fresh_start() {
    let mut value = saved_json();
    value["bank"]["id"] = json!("cn-university");
    let restored = restore(&value);
    assert_fresh(&restored);
    assert_eq!(
        restored.problems,
        vec![SavedProblem::OtherBank {
            found: "cn-university".into()
        }]
    );
    assert!(restored.problems[0]
        .message(Locale::Zh)
        .contains("另一个题库（cn-university）"));
}

#[test]
fn a_new_bank_version_keeps_what_still_fits() {
    // Saved under 2025.1, when the bank had a question q7 and q2 had six levels.
    let mut value = saved_json();
    value["bank"]["version"] = json!("2025.1");
    value["answers"]["q7"] = json!("yes");
    value["answers"]["q2"] = json!({ "level": 5 });
    let restored = restore(&value);
    let mut expected = saved();
    expected.answers.remove("q2");
    assert_eq!(restored.state, expected);
    assert_eq!(restored.state.bank.version, "2026.1");
    assert_eq!(
        restored.problems,
        vec![
            SavedProblem::BankVersionChanged {
                found: "2025.1".into(),
                current: "2026.1".into()
            },
            SavedProblem::AnswerMisfit {
                question: "q2".into(),
                why: AnswerError::NoSuchLevel {
                    level: 5,
                    levels: 4
                }
            },
            SavedProblem::UnknownQuestion {
                question: "q7".into()
            },
        ]
    );
    assert_eq!(
        restored.problems[1].message(Locale::Zh),
        "题目 q2 已修改，原答案不再适用（第 6 档不存在（这道题只有 4 档）），请重新作答。"
    );
    assert_eq!(
        restored.problems[2].message(Locale::En),
        "Question q7 was removed from the question bank; its answer was not restored."
    );
}

#[test]
fn stale_answers_are_dropped_one_by_one_and_the_rest_kept() {
    let mut value = saved_json();
    value["answers"]["q1"] = json!({ "level": 1 }); // wrong kind
    value["answers"]["q3"] = json!({ "count": -4 }); // not a count
    value["answers"]["q4"] = json!("perhaps"); // not an answer
    value["answers"]["old-q"] = json!("yes"); // not in the bank
    let restored = restore(&value);
    let mut expected = saved();
    for id in ["q1", "q3", "q4"] {
        expected.answers.remove(id);
    }
    assert_eq!(restored.state, expected);
    assert_eq!(
        restored.problems,
        vec![
            SavedProblem::UnknownQuestion {
                question: "old-q".into()
            },
            SavedProblem::AnswerMisfit {
                question: "q1".into(),
                why: AnswerError::WrongKind
            },
            SavedProblem::AnswerUnreadable {
                question: "q3".into()
            },
            SavedProblem::AnswerUnreadable {
                question: "q4".into()
            },
        ]
    );
}

#[test]
fn a_flood_of_stale_answers_is_summed_up() {
    let mut value = saved_json();
    for i in 0..50 {
        value["answers"][format!("gone-{i:02}")] = json!("yes");
    }
    let restored = restore(&value);
    assert_eq!(restored.state, saved());
    assert_eq!(restored.problems.len(), 21);
    assert_eq!(
        restored.problems[20],
        SavedProblem::MoreAnswersDropped { count: 30 }
    );
}

#[test]
fn an_unknown_category_drops_the_selection_and_what_depended_on_it() {
    let mut value = saved_json();
    value["selection"]["category"] = json!("school");
    let restored = restore(&value);
    // Kept: answers to questions asked of every branch (q1, q2, q3). Dropped: q4 (hospital
    // only), q5 (needs a modifier), q6 (off while `temporary`): they depended on the
    // selection. The screen went with it; the unit name did not.
    assert_eq!(restored.state.selection, None);
    assert_eq!(
        restored.state.answers,
        answers(&[
            ("q1", Answer::Yes),
            ("q2", Answer::Level(3)),
            ("q3", Answer::Count(4))
        ])
    );
    assert_eq!(restored.state.screen, None);
    assert_eq!(restored.state.unit_name.as_deref(), Some("医院党支部"));
    assert_eq!(
        restored.problems,
        vec![SavedProblem::UnknownCategory {
            id: "school".into(),
            dropped_answers: 3
        }]
    );
    assert_eq!(
        restored.problems[0].message(Locale::Zh),
        "上次选择的支部类别（school）在当前题库中已不存在，请重新选择；与该类别相关的 3 个答案未能恢复。"
    );
}

#[test]
fn an_unreadable_selection_is_dropped_like_an_unknown_category() {
    let mut value = saved_json();
    value["selection"] = json!({ "category": 3 });
    let restored = restore(&value);
    assert_eq!(restored.state.selection, None);
    assert_eq!(restored.state.answers.len(), 3);
    assert_eq!(restored.problems, vec![SavedProblem::SelectionUnreadable]);
}

#[test]
fn unknown_modifiers_and_roles_are_dropped_alone() {
    let mut value = saved_json();
    value["selection"]["modifiers"] = json!(["overseas", "abroad"]);
    value["selection"]["role"] = json!("chair");
    let restored = restore(&value);
    let mut expected = saved();
    if let Some(selection) = expected.selection.as_mut() {
        selection.role = None;
    }
    assert_eq!(restored.state, expected);
    assert_eq!(
        restored.problems,
        vec![
            SavedProblem::UnknownModifier {
                id: "abroad".into()
            },
            SavedProblem::UnknownRole { id: "chair".into() },
        ]
    );
}

#[test]
fn odd_fields_are_left_out_without_harm() {
    let mut value = saved_json();
    value["answers"] = json!(["q1"]);
    value["screen"] = json!(42);
    value["unit_name"] = json!({ "zh": "x" });
    value["updated"] = json!(false);
    value["extra"] = json!("from a later build");
    let restored = restore(&value);
    let expected = SavedState {
        answers: Answers::new(),
        screen: None,
        unit_name: None,
        locale: None,
        updated: None,
        ..saved()
    };
    assert_eq!(restored.state, expected);
    assert_eq!(
        restored.problems,
        vec![
            SavedProblem::AnswersUnreadable,
            SavedProblem::UnitNameUnreadable
        ]
    );
}

#[test]
fn a_state_without_a_selection_yet_keeps_its_answers() {
    let mut state = saved();
    state.selection = None;
    state.screen = Some("category".into());
    let restored = restore_state(&bank(), &save_state(&state));
    assert_eq!(restored.problems, vec![]);
    assert_eq!(restored.state, state);
}

#[test]
fn a_huge_value_is_not_read() {
    let huge = format!("\"{}\"", "x".repeat(MAX_SAVED_BYTES));
    let restored = restore_state(&bank(), &huge);
    assert_fresh(&restored);
    assert!(matches!(
        restored.problems[..],
        [SavedProblem::TooLarge { .. }]
    ));
}

#[test]
fn every_problem_speaks_both_languages() {
    let problems = [
        SavedProblem::TooLarge { bytes: 1 },
        SavedProblem::NotJson { line: 1, column: 1 },
        SavedProblem::Truncated,
        SavedProblem::Foreign { found: "a list" },
        SavedProblem::NewerVersion { found: 2 },
        SavedProblem::OtherBank { found: "x".into() },
        SavedProblem::BankVersionChanged {
            found: "1".into(),
            current: "2".into(),
        },
        SavedProblem::SelectionUnreadable,
        SavedProblem::UnknownCategory {
            id: "x".into(),
            dropped_answers: 1,
        },
        SavedProblem::UnknownModifier { id: "x".into() },
        SavedProblem::UnknownRole { id: "x".into() },
        SavedProblem::AnswersUnreadable,
        SavedProblem::UnknownQuestion {
            question: "x".into(),
        },
        SavedProblem::AnswerUnreadable {
            question: "x".into(),
        },
        SavedProblem::AnswerMisfit {
            question: "x".into(),
            why: AnswerError::NotApplicableRefused,
        },
        SavedProblem::MoreAnswersDropped { count: 3 },
        SavedProblem::UnitNameUnreadable,
    ];
    for p in problems {
        let zh = p.message(Locale::Zh);
        let en = p.message(Locale::En);
        assert!(
            zh.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)),
            "{p:?}: {zh}"
        );
        assert!(en.is_ascii() && en.len() > 20, "{p:?}: {en}");
        assert!(!p.to_string().is_empty());
    }
}
