//! The export file: round trip, the hand-checked content, every refused import, and compare.

use branch_self_check::assess::{assess, Answer, AnswerError, Answers, Completeness, Selection};
use branch_self_check::bank::{Bank, Locale};
use branch_self_check::record::{
    compare, export_record, import_record, read_baseline, AnswerProblem, ImportError, Record,
    RecordedDimension, RecordedResults, MAX_RECORD_BYTES, RECORD_FORMAT, RECORD_VERSION,
};
use serde_json::{json, Value};

mod common;
use common::{answers, load_record_bank as load, record_bank_json as bank_json};

fn bank() -> Bank {
    load("test-bank", "2026.1")
}

/// organ, no modifiers: q1 yes, q2 level 2 (0.8), q3 six times (0.5), q6 yes.
/// political = 100 × (1 + 2 × 0.8 + 1) / 4 = 90; organisation = 100 × 6/12 = 50;
/// overall = (90 + 50) / 2 = 70 → fair; all four asked questions answered → complete.
fn organ_answers() -> Answers {
    answers(&[
        ("q1", Answer::Yes),
        ("q2", Answer::Level(2)),
        ("q3", Answer::Count(6)),
        ("q6", Answer::Yes),
    ])
}

fn organ_export() -> String {
    export_record(
        &bank(),
        &Selection::new("organ"),
        &organ_answers(),
        Some("办公厅第一党支部"),
        "2026-11-24",
    )
}

fn parse(text: &str) -> Record {
    match serde_json::from_str(text) {
        Ok(record) => record,
        Err(e) => panic!("an export must parse as a Record: {e}"),
    }
}

/// The record written back after an edit, with a checksum that matches the edit: what a
/// careful forger (or a bug) would produce.
fn resealed(mut record: Record) -> String {
    record.checksum = record.expected_checksum();
    record.to_json()
}

fn err(result: Result<Record, ImportError>) -> ImportError {
    match result {
        Ok(record) => panic!("expected an error, got a record of {}", record.created),
        Err(e) => e,
    }
}

// ---------------------------------------------------------------- export and round trip

#[test]
fn the_export_says_what_a_reader_needs_rounded_and_sealed() {
    let text = organ_export();
    let value: Value = serde_json::from_str(&text).expect("valid JSON");
    assert_eq!(value["format"], RECORD_FORMAT);
    assert_eq!(value["format_version"], RECORD_VERSION);
    assert_eq!(
        value["bank"],
        json!({ "id": "test-bank", "version": "2026.1" })
    );
    assert_eq!(value["created"], "2026-11-24");
    assert_eq!(value["unit_name"], "办公厅第一党支部");
    assert_eq!(value["selection"]["category"], "organ");
    assert_eq!(
        value["answers"],
        json!({ "q1": "yes", "q2": { "level": 2 }, "q3": { "count": 6 }, "q6": "yes" })
    );
    let results = &value["results"];
    assert_eq!(results["overall"], 70.0);
    assert_eq!(results["band"], "fair");
    assert_eq!(results["coverage"], 1.0);
    assert_eq!(results["completeness"], "complete");
    assert_eq!(
        results["dimensions"],
        json!([
            { "id": "political", "score": 90.0, "target": 80.0 },
            { "id": "organisation", "score": 50.0, "target": 80.0 }
        ])
    );
    assert_eq!(results["red_lines"], json!([]));
    let checksum = value["checksum"].as_str().expect("a checksum string");
    assert_eq!(checksum.len(), 16);
    assert!(checksum.chars().all(|c| c.is_ascii_hexdigit()));
    // Pretty, so a person can read it.
    assert!(text.contains("\n  \"results\": {"));
}

#[test]
fn scores_are_written_to_one_decimal() {
    // q2 level 1 (0.5): political = 100 × (1 + 1 + 1) / 4 = 75; q3 once: organisation =
    // 100/12 = 8.333… → 8.3; overall = (75 + 8.333…) / 2 = 41.666… → 41.7.
    let a = answers(&[
        ("q1", Answer::Yes),
        ("q2", Answer::Level(1)),
        ("q3", Answer::Count(1)),
        ("q6", Answer::Yes),
    ]);
    let record = parse(&export_record(
        &bank(),
        &Selection::new("organ"),
        &a,
        None,
        "2026-01-02",
    ));
    assert_eq!(record.results.overall, Some(41.7));
    assert_eq!(record.results.band.as_deref(), Some("weak"));
    assert_eq!(record.results.dimensions[0].score, Some(75.0));
    assert_eq!(record.results.dimensions[1].score, Some(8.3));
    assert_eq!(record.unit_name, None);
}

#[test]
fn coverage_is_written_to_three_decimals_and_partial_results_have_no_overclaim() {
    // hospital asks q1, q2, q3, q4, q6: two of five answered → 0.4, insufficient, no band.
    let a = answers(&[("q1", Answer::No), ("q4", Answer::Yes)]);
    let record = parse(&export_record(
        &bank(),
        &Selection::new("hospital"),
        &a,
        None,
        "2026-01-02",
    ));
    assert_eq!(record.results.coverage, 0.4);
    assert_eq!(record.results.completeness, Completeness::Insufficient);
    assert_eq!(record.results.band, None);
    assert_eq!(record.results.red_lines, vec!["q1".to_string()]);
    // political: only q1, "no" → 0; organisation: only q4 → 100; overall = (2×0 + 1×100)/3.
    assert_eq!(record.results.overall, Some(33.3));
}

#[test]
fn only_answers_that_are_asked_and_fit_are_written() {
    let mut a = organ_answers();
    a.insert("q4".into(), Answer::Yes); // hospital only
    a.insert("q5".into(), Answer::Level(1)); // needs `overseas`
    a.insert("q1".into(), Answer::Level(1)); // a level for a yes/no question
    a.insert("gone".into(), Answer::Yes); // not in the bank
    let record = parse(&export_record(
        &bank(),
        &Selection::new("organ"),
        &a,
        None,
        "2026-11-24",
    ));
    assert_eq!(
        record.answers,
        answers(&[
            ("q2", Answer::Level(2)),
            ("q3", Answer::Count(6)),
            ("q6", Answer::Yes)
        ])
    );
    // And the file still imports: nothing in it is refused.
    assert!(import_record(&bank(), &record.to_json()).is_ok());
}

#[test]
fn export_then_import_gives_back_the_same_selection_answers_and_results() {
    let bank = bank();
    let selection = Selection::new("hospital").with_modifier("overseas");
    let selection = Selection {
        role: Some("secretary".into()),
        ..selection
    };
    let a = answers(&[
        ("q1", Answer::No),
        ("q2", Answer::Level(3)),
        ("q3", Answer::NotApplicable),
        ("q4", Answer::Yes),
        ("q5", Answer::Level(1)),
        ("q6", Answer::NotApplicable),
    ]);
    let text = export_record(&bank, &selection, &a, Some("  医院党支部  "), "2026-11-24");
    let record = import_record(&bank, &text).expect("an untouched export imports");
    assert_eq!(record.selection, selection);
    assert_eq!(record.answers, a);
    assert_eq!(
        record.results,
        RecordedResults::from_assessment(&assess(&bank, &selection, &a))
    );
    assert_eq!(record.unit_name.as_deref(), Some("医院党支部"));
    assert_eq!(record.created, "2026-11-24");
    // The same file is also a valid baseline, and a second export is byte-identical.
    assert_eq!(read_baseline(&bank, &text), Ok(record.clone()));
    assert_eq!(
        export_record(
            &bank,
            &record.selection,
            &record.answers,
            Some("医院党支部"),
            "2026-11-24"
        ),
        text
    );
}

#[test]
fn layout_does_not_matter_only_content() {
    // Minified, or re-indented by an editor, with a byte-order mark: still the same record.
    let text = organ_export();
    let value: Value = serde_json::from_str(&text).expect("valid JSON");
    let minified = value.to_string();
    assert!(import_record(&bank(), &minified).is_ok());
    assert!(import_record(&bank(), &format!("\u{feff}{text}\n\n")).is_ok());
}

// ---------------------------------------------------------------- refused imports

#[test]
fn text_that_is_not_json_is_refused_with_its_line_and_column() {
    let e = err(import_record(&bank(), "{\n  \"format\": 1,\n  oops\n}"));
    assert!(
        matches!(
            e,
            ImportError::NotJson {
                line: 3,
                column: 3,
                ..
            }
        ),
        "{e:?}"
    );
    assert_eq!(
        e.message(Locale::Zh),
        "文件第 3 行第 3 列不是有效的 JSON，无法读取。请选择导出时保存的原始文件。"
    );
    assert!(e.message(Locale::En).contains("(line 3, column 3)"));
    assert!(e
        .to_string()
        .starts_with("line 3, column 3: not valid JSON"));
}

#[test]
fn an_empty_file_is_refused() {
    assert_eq!(err(import_record(&bank(), "")), ImportError::Empty);
    assert_eq!(err(import_record(&bank(), " \n\t")), ImportError::Empty);
}

#[test]
fn a_truncated_file_is_refused_as_cut_off() {
    let text = organ_export();
    let half = &text[..text.len() / 2];
    let e = err(import_record(&bank(), half));
    assert!(matches!(e, ImportError::Truncated { .. }), "{e:?}");
    assert!(e.message(Locale::Zh).contains("提前结束"));
    // Cut just before the closing brace, too.
    let e = err(import_record(
        &bank(),
        text.trim_end().trim_end_matches('}'),
    ));
    assert!(matches!(e, ImportError::Truncated { .. }), "{e:?}");
}

#[test]
fn json_that_is_not_an_object_is_not_a_record() {
    for text in ["[1, 2, 3]", "42", "\"hello\"", "null", "true"] {
        let e = err(import_record(&bank(), text));
        assert!(matches!(e, ImportError::NotARecord { .. }), "{text}: {e:?}");
    }
    let e = err(import_record(&bank(), "[]"));
    assert_eq!(
        e.message(Locale::Zh),
        "这个文件不是党建自查记录。请选择本工具导出的自查记录文件。"
    );
}

#[test]
fn another_apps_json_is_not_a_record() {
    let todo = r#"{ "todos": [ { "title": "buy milk", "done": false } ] }"#;
    assert!(matches!(
        err(import_record(&bank(), todo)),
        ImportError::NotARecord { .. }
    ));
    // Something with a `format` of its own.
    let other = r#"{ "format": "survey-js/results", "format_version": 1 }"#;
    assert!(matches!(
        err(import_record(&bank(), other)),
        ImportError::NotARecord { .. }
    ));
    // Even the bank itself is not a record.
    assert!(matches!(
        err(import_record(&bank(), &bank_json("test-bank", "2026.1"))),
        ImportError::NotARecord { .. }
    ));
}

#[test]
fn a_newer_format_version_is_refused_clearly() {
    let newer = RECORD_VERSION + 1;
    let text = organ_export().replace(
        &format!("\"format_version\": {RECORD_VERSION},"),
        &format!("\"format_version\": {newer},"),
    );
    let e = err(import_record(&bank(), &text));
    assert_eq!(
        e,
        ImportError::NewerFormat {
            found: newer.into(),
            supported: RECORD_VERSION
        }
    );
    assert!(e.message(Locale::Zh).contains("更新版本"));
    assert!(e.message(Locale::En).contains("newer version"));
    // A baseline too.
    assert!(matches!(
        err(read_baseline(&bank(), &text)),
        ImportError::NewerFormat { .. }
    ));
}

#[test]
fn a_record_with_the_wrong_shape_is_located() {
    let mut value: Value = serde_json::from_str(&organ_export()).expect("valid JSON");
    value["answers"] = json!(["q1", "yes"]);
    let e = err(import_record(&bank(), &value.to_string()));
    match &e {
        ImportError::Malformed { path, .. } => assert_eq!(path, "$.answers"),
        other => panic!("expected Malformed, got {other:?}"),
    }
    assert!(e.message(Locale::Zh).contains("$.answers"));

    value["answers"] = json!({ "q1": "maybe" });
    let e = err(import_record(&bank(), &value.to_string()));
    assert!(
        matches!(&e, ImportError::Malformed { path, .. } if path == "$.answers.q1"),
        "{e:?}"
    );

    let mut value: Value = serde_json::from_str(&organ_export()).expect("valid JSON");
    value["format_version"] = json!("one");
    let e = err(import_record(&bank(), &value.to_string()));
    assert!(
        matches!(&e, ImportError::Malformed { path, .. } if path == "$.format_version"),
        "{e:?}"
    );
}

#[test]
fn a_record_of_another_bank_is_refused() {
    let other = load("cn-university", "2026.1");
    let text = export_record(
        &other,
        &Selection::new("organ"),
        &organ_answers(),
        None,
        "2026-11-24",
    );
    let e = err(import_record(&bank(), &text));
    assert_eq!(
        e,
        ImportError::OtherBank {
            found: "cn-university".into(),
            current: "test-bank".into()
        }
    );
    assert_eq!(
        e.message(Locale::Zh),
        "这个文件来自另一个题库（cn-university），与当前题库（test-bank）不同，无法导入。"
    );
    // Not even as a baseline.
    assert!(matches!(
        err(read_baseline(&bank(), &text)),
        ImportError::OtherBank { .. }
    ));
}

#[test]
fn an_older_bank_version_is_refused_for_restore_but_read_as_a_baseline() {
    let old = load("test-bank", "2025.1");
    let text = export_record(
        &old,
        &Selection::new("organ"),
        &organ_answers(),
        None,
        "2025-11-20",
    );
    let e = err(import_record(&bank(), &text));
    assert_eq!(
        e,
        ImportError::OtherBankVersion {
            found: "2025.1".into(),
            current: "2026.1".into()
        }
    );
    assert!(e.message(Locale::Zh).contains("2025.1"));
    assert!(e.message(Locale::En).contains("compare"));

    let baseline = read_baseline(&bank(), &text).expect("an older version is a fine baseline");
    assert_eq!(baseline.bank.version, "2025.1");
    assert_eq!(baseline.results.overall, Some(70.0));
}

#[test]
fn an_old_baseline_is_trusted_on_its_checksum_alone() {
    // The older bank had a category and a question this one no longer has: the record
    // is still a baseline, since its stored results are not recomputed.
    let old = load("test-bank", "2025.1");
    let mut record = parse(&export_record(
        &old,
        &Selection::new("organ"),
        &organ_answers(),
        None,
        "2025-11-20",
    ));
    record.selection.category = "institute".into();
    record.answers.insert("retired-q".into(), Answer::Yes);
    record.results.dimensions.push(RecordedDimension {
        id: "discipline".into(),
        score: Some(60.0),
        target: 75.0,
    });
    let baseline = read_baseline(&bank(), &resealed(record.clone())).expect("trusted");
    assert_eq!(baseline.results.dimensions.len(), 3);

    // But its checksum is still checked ...
    let mut edited = record.clone();
    edited.checksum = "0123456789abcdef".into();
    assert!(matches!(
        err(read_baseline(&bank(), &edited.to_json())),
        ImportError::Tampered { .. }
    ));
    // ... and impossible numbers are not trusted even when resealed.
    record.results.overall = Some(180.0);
    assert!(matches!(
        err(read_baseline(&bank(), &resealed(record))),
        ImportError::Tampered { .. }
    ));
}

#[test]
fn an_edited_score_is_caught() {
    let text = organ_export();
    assert!(text.contains("\"overall\": 70.0"));
    let edited = text.replace("\"overall\": 70.0", "\"overall\": 95.0");
    let e = err(import_record(&bank(), &edited));
    assert!(matches!(e, ImportError::Tampered { .. }), "{e:?}");
    assert_eq!(
        e.message(Locale::Zh),
        "文件内容被改动过或已损坏，无法核验。请使用导出时保存的原始文件。"
    );
    assert!(matches!(
        err(read_baseline(&bank(), &edited)),
        ImportError::Tampered { .. }
    ));

    // With the checksum redone to match, the scores no longer follow from the answers.
    let mut record = parse(&text);
    record.results.overall = Some(95.0);
    assert!(matches!(
        err(import_record(&bank(), &resealed(record))),
        ImportError::Tampered { .. }
    ));
    let mut record = parse(&text);
    record.results.dimensions[1].score = Some(80.0);
    assert!(matches!(
        err(read_baseline(&bank(), &resealed(record))),
        ImportError::Tampered { .. }
    ));
    let mut record = parse(&text);
    record.results.band = Some("good".into());
    assert!(matches!(
        err(import_record(&bank(), &resealed(record))),
        ImportError::Tampered { .. }
    ));
    // A score within 0.05 of the recomputed one is the same score.
    let mut record = parse(&text);
    record.results.overall = Some(70.04);
    assert!(import_record(&bank(), &resealed(record)).is_ok());
}

#[test]
fn an_edited_answer_is_caught() {
    let text = organ_export();
    assert!(text.contains("\"level\": 2"));
    let edited = text.replace("\"level\": 2", "\"level\": 3");
    assert!(matches!(
        err(import_record(&bank(), &edited)),
        ImportError::Tampered { .. }
    ));

    // Resealed: the stored results no longer follow from the answers.
    let mut record = parse(&text);
    record.answers.insert("q2".into(), Answer::Level(3));
    assert!(matches!(
        err(import_record(&bank(), &resealed(record))),
        ImportError::Tampered { .. }
    ));
}

#[test]
fn an_answer_that_does_not_fit_its_question_is_named() {
    let base = parse(&organ_export());
    let cases = [
        (
            "q2",
            Answer::Level(9),
            AnswerProblem::Misfit(AnswerError::NoSuchLevel {
                level: 9,
                levels: 4,
            }),
        ),
        (
            "q1",
            Answer::Count(3),
            AnswerProblem::Misfit(AnswerError::WrongKind),
        ),
        (
            "q1",
            Answer::NotApplicable,
            AnswerProblem::Misfit(AnswerError::NotApplicableRefused),
        ),
        ("q4", Answer::Yes, AnswerProblem::NotAsked),
        ("q9", Answer::Yes, AnswerProblem::UnknownQuestion),
    ];
    for (question, answer, why) in cases {
        let mut record = base.clone();
        record.answers.insert(question.into(), answer);
        let e = err(import_record(&bank(), &resealed(record)));
        assert_eq!(
            e,
            ImportError::InvalidAnswer {
                question: question.into(),
                why: why.clone()
            }
        );
        assert!(e.message(Locale::Zh).contains(question));
        assert!(e.message(Locale::En).contains(question));
    }
    let e = ImportError::InvalidAnswer {
        question: "q2".into(),
        why: AnswerProblem::Misfit(AnswerError::NoSuchLevel {
            level: 9,
            levels: 4,
        }),
    };
    assert_eq!(
        e.message(Locale::Zh),
        "记录中题目 q2 的答案无效：第 10 档不存在（这道题只有 4 档）。文件可能被改动过。"
    );
}

#[test]
fn an_unknown_category_modifier_or_role_is_refused() {
    let base = parse(&organ_export());

    let mut record = base.clone();
    record.selection.category = "school".into();
    let e = err(import_record(&bank(), &resealed(record.clone())));
    assert_eq!(
        e,
        ImportError::UnknownCategory {
            id: "school".into()
        }
    );
    assert!(e.message(Locale::Zh).contains("school"));
    // Without resealing, the checksum speaks first.
    assert!(matches!(
        err(import_record(&bank(), &record.to_json())),
        ImportError::Tampered { .. }
    ));

    let mut record = base.clone();
    record.selection.modifiers.insert("abroad".into());
    assert_eq!(
        err(import_record(&bank(), &resealed(record))),
        ImportError::UnknownModifier {
            id: "abroad".into()
        }
    );

    let mut record = base;
    record.selection.role = Some("chair".into());
    assert_eq!(
        err(import_record(&bank(), &resealed(record))),
        ImportError::UnknownRole { id: "chair".into() }
    );
}

#[test]
fn a_huge_file_is_refused_before_reading() {
    let huge = format!("{{\"pad\": \"{}\"}}", "x".repeat(MAX_RECORD_BYTES));
    let e = err(import_record(&bank(), &huge));
    assert!(matches!(e, ImportError::TooLarge { .. }), "{e:?}");
    assert!(e.message(Locale::En).contains("too large"));
}

#[test]
fn import_is_pure() {
    // Same input, same output; nothing is kept between calls.
    let text = organ_export();
    assert_eq!(import_record(&bank(), &text), import_record(&bank(), &text));
}

// ---------------------------------------------------------------- compare

#[test]
fn compare_gives_hand_computed_deltas() {
    let baseline = import_record(&bank(), &organ_export()).expect("imports");
    // Now: q2 level 3 (1.0) → political 100 × (1 + 2 + 1) / 4 = 100; q3 nine times →
    // organisation 75; overall (100 + 75) / 2 = 87.5.
    let now_answers = answers(&[
        ("q1", Answer::Yes),
        ("q2", Answer::Level(3)),
        ("q3", Answer::Count(9)),
        ("q6", Answer::Yes),
    ]);
    let now = assess(&bank(), &Selection::new("organ"), &now_answers);
    let c = compare(&baseline, &now);
    assert_eq!(c.then_created, "2026-11-24");
    assert_eq!(c.then_bank_version, "2026.1");
    assert_eq!(c.overall.then, Some(70.0));
    assert_eq!(c.overall.now, Some(87.5));
    assert_eq!(c.overall.change, Some(17.5));
    let rows: Vec<_> = c
        .dimensions
        .iter()
        .map(|d| (d.id.as_str(), d.then, d.now, d.change))
        .collect();
    assert_eq!(
        rows,
        vec![
            ("political", Some(90.0), Some(100.0), Some(10.0)),
            ("organisation", Some(50.0), Some(75.0), Some(25.0)),
        ]
    );
}

#[test]
fn compare_lists_dimensions_only_one_side_has() {
    // Last year's file (older bank version) had a `discipline` dimension, and nothing was
    // answered in organisation; this year nothing is answered in political.
    let old = load("test-bank", "2025.1");
    let mut record = parse(&export_record(
        &old,
        &Selection::new("organ"),
        &answers(&[
            ("q1", Answer::Yes),
            ("q2", Answer::Level(1)),
            ("q6", Answer::No),
        ]),
        None,
        "2025-11-20",
    ));
    record.results.dimensions.push(RecordedDimension {
        id: "discipline".into(),
        score: Some(60.0),
        target: 75.0,
    });
    let baseline = read_baseline(&bank(), &resealed(record)).expect("a baseline");
    // political then: 100 × (1 + 2 × 0.5 + 0) / 4 = 50.
    assert_eq!(baseline.results.dimensions[0].score, Some(50.0));

    let now = assess(
        &bank(),
        &Selection::new("organ"),
        &answers(&[("q3", Answer::Count(4))]),
    );
    let c = compare(&baseline, &now);
    let rows: Vec<_> = c
        .dimensions
        .iter()
        .map(|d| (d.id.as_str(), d.then, d.now, d.change))
        .collect();
    // organisation now: 100 × 4/12 = 33.33… → 33.3.
    assert_eq!(
        rows,
        vec![
            ("political", Some(50.0), None, None),
            ("organisation", None, Some(33.3), None),
            ("discipline", Some(60.0), None, None),
        ]
    );
    assert_eq!(c.then_bank_version, "2025.1");
    assert_eq!(c.overall.then, Some(50.0));
    assert_eq!(c.overall.now, Some(33.3));
    assert_eq!(c.overall.change, Some(-16.7));
}
