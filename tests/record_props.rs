//! Properties: reading records, links and saved states never panics, whatever the input;
//! and a share link carries any valid set of answers unchanged.

use branch_self_check::assess::{applicable_questions, Answer, Answers, Selection};
use branch_self_check::bank::{AnswerSpec, Bank};
use branch_self_check::record::{
    decode_share, encode_share, export_record, import_record, read_baseline, restore_state,
    save_state, SavedState,
};
use proptest::prelude::*;
use std::sync::OnceLock;

mod common;
use common::{
    answers, load_record_bank as load, reference_base64url as base64url, reference_fnv64,
};

/// Loaded once: the properties run hundreds of cases.
fn bank() -> Bank {
    static BANK: OnceLock<Bank> = OnceLock::new();
    BANK.get_or_init(|| load("test-bank", "2026.1")).clone()
}

fn fnv16(bytes: &[u8]) -> [u8; 2] {
    (reference_fnv64(bytes) as u16).to_be_bytes()
}

/// Arbitrary bytes behind this bank's real header (version, fingerprint), sealed with a
/// correct checksum: the decoder has to get past every early check and read them.
fn sealed_body(bank: &Bank, body: &[u8]) -> String {
    let mut bytes = vec![1];
    bytes.extend_from_slice(&fnv16(format!("{}\0{}", bank.id, bank.version).as_bytes()));
    bytes.extend_from_slice(body);
    let sum = fnv16(&bytes);
    bytes.extend_from_slice(&sum);
    base64url(&bytes)
}

fn sample_export() -> String {
    export_record(
        &bank(),
        &Selection::new("hospital").with_modifier("overseas"),
        &answers(&[
            ("q1", Answer::No),
            ("q2", Answer::Level(2)),
            ("q3", Answer::Count(5)),
            ("q4", Answer::Yes),
            ("q5", Answer::Level(1)),
        ]),
        Some("支部"),
        "2026-11-24",
    )
}

fn sample_saved() -> String {
    let mut state = SavedState::new(&bank());
    state.selection = Some(Selection::new("organ"));
    state.answers = answers(&[("q1", Answer::Yes), ("q2", Answer::Level(1))]);
    state.screen = Some("results".into());
    save_state(&state)
}

/// A valid text with a slice replaced: damage that keeps most of the structure.
fn spliced(text: &str, at: usize, cut: usize, insert: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let at = at % (chars.len() + 1);
    let end = (at + cut).min(chars.len());
    chars[..at]
        .iter()
        .copied()
        .chain(insert.chars())
        .chain(chars[end..].iter().copied())
        .collect()
}

/// JSON-flavoured noise: braces, quotes, keys the readers look for, numbers.
fn jsonish() -> impl Strategy<Value = String> {
    let pieces = prop_oneof![
        Just("{".to_string()),
        Just("}".to_string()),
        Just("[".to_string()),
        Just("]".to_string()),
        Just(",".to_string()),
        Just(":".to_string()),
        Just("\"format\"".to_string()),
        Just("\"branch-self-check/record\"".to_string()),
        Just("\"format_version\"".to_string()),
        Just("\"bank\"".to_string()),
        Just("\"id\"".to_string()),
        Just("\"test-bank\"".to_string()),
        Just("\"answers\"".to_string()),
        Just("\"selection\"".to_string()),
        Just("\"level\"".to_string()),
        Just("null".to_string()),
        any::<i64>().prop_map(|n| n.to_string()),
        any::<f64>().prop_map(|n| n.to_string()),
        "[a-z\"\\\\ ]{0,6}",
    ];
    prop::collection::vec(pieces, 0..40).prop_map(|v| v.concat())
}

/// A selection of the test bank and a valid answer to any subset of its asked questions.
fn selection_and_answers() -> impl Strategy<Value = (Selection, Answers)> {
    (
        prop::sample::select(vec!["organ", "hospital"]),
        any::<bool>(),
        any::<bool>(),
        prop::option::of(prop::sample::select(vec!["secretary", "member"])),
        prop::collection::vec((0u8..4, any::<u8>(), any::<u32>()), 6),
    )
        .prop_map(|(category, overseas, temporary, role, picks)| {
            let bank = bank();
            let mut selection = Selection::new(category);
            if overseas {
                selection.modifiers.insert("overseas".into());
            }
            if temporary {
                selection.modifiers.insert("temporary".into());
            }
            selection.role = role.map(str::to_string);
            let mut a = Answers::new();
            for (q, (kind, level, count)) in applicable_questions(&bank, &selection)
                .into_iter()
                .zip(picks)
            {
                let answer = match (kind, &q.answer) {
                    (0, _) => continue,
                    (1, _) if q.allow_na => Answer::NotApplicable,
                    (_, AnswerSpec::Levels { levels }) => {
                        let n = u8::try_from(levels.len()).unwrap_or(1);
                        Answer::Level(level % n)
                    }
                    (_, AnswerSpec::YesNo { .. }) if level.is_multiple_of(2) => Answer::Yes,
                    (_, AnswerSpec::YesNo { .. }) => Answer::No,
                    (_, AnswerSpec::Count { .. }) => Answer::Count(count),
                };
                a.insert(q.id.clone(), answer);
            }
            (selection, a)
        })
}

/// 256 cases, or `FUZZ_CASES` for a longer run.
fn config() -> ProptestConfig {
    let cases = std::env::var("FUZZ_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(256);
    ProptestConfig::with_cases(cases)
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn reading_a_record_never_panics_on_any_string(text in any::<String>()) {
        let bank = bank();
        let _ = import_record(&bank, &text);
        let _ = read_baseline(&bank, &text);
    }

    #[test]
    fn reading_a_record_never_panics_on_any_bytes(bytes in prop::collection::vec(any::<u8>(), 0..512)) {
        let text = String::from_utf8_lossy(&bytes);
        let bank = bank();
        let _ = import_record(&bank, &text);
        let _ = read_baseline(&bank, &text);
    }

    #[test]
    fn reading_a_record_never_panics_on_json_noise(text in jsonish()) {
        let bank = bank();
        let _ = import_record(&bank, &text);
        let _ = read_baseline(&bank, &text);
    }

    #[test]
    fn a_damaged_record_is_refused_or_unchanged_never_a_panic(
        at in any::<usize>(), cut in 0usize..8, insert in "[0-9a-z\"{}:, ]{0,4}"
    ) {
        let bank = bank();
        let original = sample_export();
        let damaged = spliced(&original, at, cut, &insert);
        if let Ok(record) = import_record(&bank, &damaged) {
            // Only a change to layout (whitespace) can pass: the content is the same.
            prop_assert_eq!(Ok(record), import_record(&bank, &original));
        }
        let _ = read_baseline(&bank, &damaged);
    }

    #[test]
    fn decoding_a_link_never_panics_on_any_string(text in any::<String>()) {
        let _ = decode_share(&bank(), &text);
    }

    #[test]
    fn decoding_a_link_never_panics_on_base64_noise(text in "[A-Za-z0-9_-]{0,200}") {
        let _ = decode_share(&bank(), &text);
    }

    #[test]
    fn decoding_a_link_never_panics_on_any_sealed_payload(body in prop::collection::vec(any::<u8>(), 0..64)) {
        let bank = bank();
        let payload = sealed_body(&bank, &body);
        if let Ok((selection, a)) = decode_share(&bank, &payload) {
            // Whatever decodes, encodes back to the very same link.
            prop_assert_eq!(encode_share(&bank, &selection, &a), payload);
        }
    }

    #[test]
    fn restoring_never_panics_on_any_string(text in any::<String>()) {
        let restored = restore_state(&bank(), &text);
        prop_assert_eq!(restored.state.bank.id.as_str(), "test-bank");
    }

    #[test]
    fn restoring_never_panics_on_json_noise_or_damage(
        noise in jsonish(), at in any::<usize>(), cut in 0usize..8, insert in "[0-9a-z\"{}:, ]{0,4}"
    ) {
        let bank = bank();
        let _ = restore_state(&bank, &noise);
        let restored = restore_state(&bank, &spliced(&sample_saved(), at, cut, &insert));
        // Whatever came back fits the bank: saving and restoring it again is lossless.
        let again = restore_state(&bank, &save_state(&restored.state));
        prop_assert_eq!(again.problems, vec![]);
        prop_assert_eq!(again.state, restored.state);
    }

    #[test]
    fn a_link_carries_any_valid_answers_unchanged((selection, a) in selection_and_answers()) {
        let bank = bank();
        let payload = encode_share(&bank, &selection, &a);
        prop_assert!(payload.len() <= 24, "{} characters", payload.len());
        prop_assert_eq!(decode_share(&bank, &payload), Ok((selection, a)));
    }

    #[test]
    fn a_record_carries_any_valid_answers_unchanged((selection, a) in selection_and_answers()) {
        let bank = bank();
        let text = export_record(&bank, &selection, &a, None, "2026-11-24");
        let record = import_record(&bank, &text);
        prop_assert!(record.is_ok(), "{:?}", record);
        if let Ok(record) = record {
            prop_assert_eq!(record.selection, selection);
            prop_assert_eq!(record.answers, a);
        }
    }
}
