//! A self-check made with an earlier version of the default bank stays usable after the bank
//! changes: its export loads as a baseline to compare with, and its export and share link
//! are refused for restoring with a message that names the version and says what to do.
//!
//! `tests/fixtures/bank-2026.1/` holds bank 2026.1 as released (`bank.json`) and exports and
//! share links the widget's own export code made with it, before 2026.2 existed.

use std::fs;

use branch_self_check::assess::{applicable_questions, assess, credit, Answer, Answers, Selection};
use branch_self_check::bank::{load_bank, AnswerSpec, Bank, Locale, DEFAULT_BANK_JSON};
use branch_self_check::record::{
    compare, decode_share, import_record, read_baseline, restore_state, save_state, ImportError,
    SavedProblem, SavedState, ShareError,
};

const FIXTURES: &str = "tests/fixtures/bank-2026.1";
const EXPORTS: [&str; 3] = ["organ.json", "hospital-overseas.json", "retired.json"];

fn load(json: &str, what: &str) -> Bank {
    load_bank(json).unwrap_or_else(|errors| panic!("{what} does not load:\n{errors}"))
}

fn bank_2026_1() -> Bank {
    load(&fixture("bank.json"), "bank 2026.1")
}

fn current() -> Bank {
    load(DEFAULT_BANK_JSON, "the default bank")
}

fn fixture(name: &str) -> String {
    fs::read_to_string(format!("{FIXTURES}/{name}")).unwrap_or_else(|e| panic!("{name}: {e}"))
}

/// (export file name, share link) pairs.
fn share_links() -> Vec<(String, String)> {
    fixture("share-links.tsv")
        .lines()
        .filter_map(|line| line.split_once('\t'))
        .map(|(file, link)| (file.to_string(), link.to_string()))
        .collect()
}

#[test]
fn the_fixtures_are_real_exports_and_links_of_bank_2026_1() {
    let old = bank_2026_1();
    assert_eq!(
        (old.id.as_str(), old.version.as_str()),
        ("cn-organ-default", "2026.1")
    );
    let links = share_links();
    assert_eq!(links.len(), EXPORTS.len());
    for (file, link) in links {
        let record = import_record(&old, &fixture(&file))
            .unwrap_or_else(|e| panic!("{file} does not import into 2026.1: {e}"));
        let (selection, answers) =
            decode_share(&old, &link).unwrap_or_else(|e| panic!("{file}'s link: {e}"));
        assert_eq!(selection, record.selection, "{file}");
        assert_eq!(answers, record.answers, "{file}");
        assert!(
            record.answers.len() > 40,
            "{file} has too few answers to mean much"
        );
    }
}

#[test]
fn the_current_bank_is_a_later_version_that_lists_2026_1() {
    let bank = current();
    assert_eq!(bank.id, "cn-organ-default");
    assert_ne!(bank.version, "2026.1");
    assert!(bank.previous_versions.contains(&"2026.1".to_string()));
}

#[test]
fn a_2026_1_export_is_refused_for_restoring_with_a_note_that_names_both_versions() {
    let bank = current();
    for file in EXPORTS {
        let error = import_record(&bank, &fixture(file)).expect_err(file);
        assert_eq!(
            error,
            ImportError::OtherBankVersion {
                found: "2026.1".into(),
                current: bank.version.clone(),
            },
            "{file}"
        );
        let zh = error.message(Locale::Zh);
        assert!(zh.contains("2026.1") && zh.contains(&bank.version), "{zh}");
        assert!(zh.contains("与上次自查对比"), "says how to compare: {zh}");
        let en = error.message(Locale::En);
        assert!(en.contains("Compare with an earlier export"), "{en}");
    }
}

/// Answers every question the current bank asks of `selection` at its second-lowest option.
fn some_answers(bank: &Bank, selection: &Selection) -> Answers {
    applicable_questions(bank, selection)
        .into_iter()
        .map(|q| {
            let answer = match &q.answer {
                AnswerSpec::Levels { .. } => Answer::Level(1),
                AnswerSpec::YesNo { .. } => Answer::Yes,
                AnswerSpec::Count { per_year, .. } => Answer::Count(per_year / 2),
            };
            (q.id.clone(), answer)
        })
        .collect()
}

#[test]
fn a_2026_1_export_loads_as_a_baseline_and_compares_dimension_by_dimension() {
    let bank = current();
    for file in EXPORTS {
        let baseline = read_baseline(&bank, &fixture(file))
            .unwrap_or_else(|e| panic!("{file} does not load as a baseline: {e}"));
        let now = assess(
            &bank,
            &baseline.selection,
            &some_answers(&bank, &baseline.selection),
        );
        let comparison = compare(&baseline, &now);
        assert_eq!(comparison.then_bank_version, "2026.1", "{file}");
        assert_eq!(comparison.then_created, "2026-11-20");
        assert_eq!(comparison.overall.then, baseline.results.overall, "{file}");
        assert_eq!(comparison.overall.now.is_some(), now.overall.is_some());
        // Every dimension of the current bank is compared, with a score then and now.
        for d in &bank.dimensions {
            let delta = comparison
                .dimensions
                .iter()
                .find(|x| x.id == d.id)
                .unwrap_or_else(|| panic!("{file}: dimension {} not compared", d.id));
            let then = baseline.results.dimensions.iter().find(|x| x.id == d.id);
            assert_eq!(delta.then, then.and_then(|x| x.score), "{file}: {}", d.id);
        }
    }
}

#[test]
fn a_2026_1_share_link_names_its_version_and_says_what_to_do() {
    let bank = current();
    for (file, link) in share_links() {
        let error = decode_share(&bank, &link).expect_err(&file);
        assert_eq!(
            error,
            ShareError::EarlierBankVersion {
                found: "2026.1".into(),
                current: bank.version.clone(),
            },
            "{file}"
        );
        let zh = error.message(Locale::Zh);
        assert!(
            zh.contains("早期版本（2026.1）") && zh.contains(&bank.version),
            "{zh}"
        );
        assert!(zh.contains("与上次自查对比"), "{zh}");
        let en = error.message(Locale::En);
        assert!(
            en.contains("earlier version") && en.contains("2026.1"),
            "{en}"
        );
    }
}

#[test]
fn a_link_of_a_version_the_bank_does_not_list_is_simply_another_bank() {
    let mut bank = current();
    bank.previous_versions.clear();
    let (_, link) = &share_links()[0];
    assert_eq!(decode_share(&bank, link), Err(ShareError::OtherBank));
}

#[test]
fn progress_saved_with_2026_1_keeps_the_answers_that_still_fit_and_says_so() {
    let (old, bank) = (bank_2026_1(), current());
    let record = import_record(&old, &fixture("organ.json")).expect("a 2026.1 export");
    let mut saved = SavedState::new(&old);
    saved.selection = Some(record.selection.clone());
    saved.answers = record.answers.clone();
    let restored = restore_state(&bank, &save_state(&saved));

    assert!(
        restored
            .problems
            .contains(&SavedProblem::BankVersionChanged {
                found: "2026.1".into(),
                current: bank.version.clone(),
            }),
        "{:?}",
        restored.problems
    );
    // Kept: exactly the answers whose question still exists and still takes them.
    let fits = |id: &str, answer: &Answer| {
        bank.questions
            .iter()
            .find(|q| q.id == id)
            .is_some_and(|q| credit(q, *answer).is_ok())
    };
    let expected: Answers = record
        .answers
        .iter()
        .filter(|(id, answer)| fits(id, answer))
        .map(|(id, answer)| (id.clone(), *answer))
        .collect();
    assert_eq!(restored.state.answers, expected);
    assert!(
        expected.len() > 50,
        "most answers carry over ({})",
        expected.len()
    );
    // The measures that changed do not carry a stale answer over.
    for gone in ["c-secretary-04", "c-members-05"] {
        assert!(
            record.answers.contains_key(gone),
            "the fixture answers {gone}"
        );
        assert!(!restored.state.answers.contains_key(gone), "{gone} kept");
    }
}
