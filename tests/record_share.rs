//! The share link: round trips, the exact byte layout, size on the real bank, and every
//! damaged or foreign payload refused with its own error.

use branch_self_check::assess::{applicable_questions, Answer, Answers, Selection};
use branch_self_check::bank::{load_bank, AnswerSpec, Bank, Locale, DEFAULT_BANK_JSON};
use branch_self_check::record::{decode_share, encode_share, ShareError, MAX_SHARE_CHARS};
use serde_json::json;

mod common;
use common::{
    answers, load_record_bank as load, reference_base64url as base64url, reference_fnv64 as fnv,
};

fn bank() -> Bank {
    load("test-bank", "2026.1")
}

/// The two fingerprint bytes of a bank: FNV-1a of id, NUL, version; low 16 bits, big-endian.
fn fingerprint(id: &str, version: &str) -> [u8; 2] {
    let h = fnv(format!("{id}\0{version}").as_bytes()) as u16;
    h.to_be_bytes()
}

/// A payload from raw bytes, with a correct checksum: lets a test say anything it likes.
fn sealed(mut bytes: Vec<u8>) -> String {
    let sum = (fnv(&bytes) as u16).to_be_bytes();
    bytes.extend_from_slice(&sum);
    base64url(&bytes)
}

/// The header for the test bank: version, fingerprint, category, modifier mask, role.
fn header(category: u8, mask: u8, role: u8) -> Vec<u8> {
    let [a, b] = fingerprint("test-bank", "2026.1");
    vec![1, a, b, category, mask, 0, role]
}

fn decode_err(bank: &Bank, payload: &str) -> ShareError {
    match decode_share(bank, payload) {
        Ok(decoded) => panic!("expected an error for {payload:?}, got {decoded:?}"),
        Err(e) => e,
    }
}

fn round_trip(bank: &Bank, selection: &Selection, a: &Answers) {
    let payload = encode_share(bank, selection, a);
    assert_eq!(
        decode_share(bank, &payload),
        Ok((selection.clone(), a.clone())),
        "payload {payload}"
    );
}

// ---------------------------------------------------------------- layout and round trips

#[test]
fn the_payload_has_the_documented_layout() {
    // organ, no modifiers, no role. Asked, in dimension then bank order: q1, q2, q6
    // (political), q3 (organisation). q1 yes → 2, q2 level 2 → 6, q6 n/a → 1, q3 count → 12,
    // then the count 6 as a varint.
    let a = answers(&[
        ("q1", Answer::Yes),
        ("q2", Answer::Level(2)),
        ("q6", Answer::NotApplicable),
        ("q3", Answer::Count(6)),
    ]);
    let mut expected = header(0, 0, 0);
    expected.extend_from_slice(&[0x26, 0x1c, 0x06]);
    assert_eq!(
        encode_share(&bank(), &Selection::new("organ"), &a),
        sealed(expected)
    );
}

#[test]
fn modifiers_role_odd_counts_and_large_counts_have_their_place() {
    // hospital (index 1), overseas (bit 0) and temporary (bit 1), role member (index 1 → 2).
    // Asked: q1, q2 (q6 is off while temporary), q3, q4, q5. q1 no → 3, q2 unanswered → 0,
    // q3 count → 12, q4 yes → 2, q5 level 1 → 5, then a padding nibble 0; 300 as a varint
    // is 0xAC 0x02.
    let selection = Selection {
        role: Some("member".into()),
        ..Selection::new("hospital")
            .with_modifier("overseas")
            .with_modifier("temporary")
    };
    let a = answers(&[
        ("q1", Answer::No),
        ("q3", Answer::Count(300)),
        ("q4", Answer::Yes),
        ("q5", Answer::Level(1)),
    ]);
    let mut expected = header(1, 0b11, 2);
    expected.extend_from_slice(&[0x30, 0xc2, 0x50, 0xac, 0x02]);
    let payload = encode_share(&bank(), &selection, &a);
    assert_eq!(payload, sealed(expected));
    assert_eq!(decode_share(&bank(), &payload), Ok((selection, a)));
}

#[test]
fn every_kind_of_answer_comes_back() {
    let bank = bank();
    let organ = Selection::new("organ");
    // Nothing answered at all.
    round_trip(&bank, &organ, &Answers::new());
    // Yes / no / each level / counts from 0 to u32::MAX / not applicable / unanswered.
    for q1 in [Answer::Yes, Answer::No] {
        for level in 0..4 {
            for count in [0, 1, 12, 127, 128, 16_384, u32::MAX] {
                let a = answers(&[
                    ("q1", q1),
                    ("q2", Answer::Level(level)),
                    ("q3", Answer::Count(count)),
                ]);
                round_trip(&bank, &organ, &a);
            }
        }
    }
    round_trip(
        &bank,
        &organ,
        &answers(&[("q3", Answer::NotApplicable), ("q6", Answer::NotApplicable)]),
    );
}

#[test]
fn modifiers_and_role_come_back() {
    let bank = bank();
    let a = answers(&[
        ("q4", Answer::No),
        ("q5", Answer::Level(2)),
        ("q1", Answer::Yes),
    ]);
    for role in [None, Some("secretary"), Some("member")] {
        for mods in [
            &[][..],
            &["overseas"],
            &["temporary"],
            &["overseas", "temporary"],
        ] {
            let mut selection = Selection::new("hospital");
            selection.modifiers = mods.iter().map(|m| m.to_string()).collect();
            selection.role = role.map(str::to_string);
            let kept: Answers = a
                .iter()
                .filter(|(id, _)| {
                    applicable_questions(&bank, &selection)
                        .iter()
                        .any(|q| &&q.id == id)
                })
                .map(|(id, a)| (id.clone(), *a))
                .collect();
            round_trip(&bank, &selection, &kept);
        }
    }
}

#[test]
fn answers_that_are_not_asked_or_do_not_fit_are_left_out() {
    let bank = bank();
    let a = answers(&[
        ("q1", Answer::Yes),
        ("q2", Answer::Level(7)), // the question has four levels
        ("q4", Answer::Yes),      // hospital only
        ("q6", Answer::Count(2)), // wrong kind
        ("q9", Answer::Yes),      // not in the bank
    ]);
    let mut selection = Selection::new("organ").with_modifier("abroad"); // unknown modifier
    selection.role = Some("chair".into()); // unknown role
    let payload = encode_share(&bank, &selection, &a);
    assert_eq!(
        decode_share(&bank, &payload),
        Ok((Selection::new("organ"), answers(&[("q1", Answer::Yes)])))
    );
}

#[test]
fn surrounding_whitespace_is_forgiven() {
    let bank = bank();
    let a = answers(&[("q1", Answer::Yes)]);
    let payload = encode_share(&bank, &Selection::new("organ"), &a);
    assert_eq!(
        decode_share(&bank, &format!("  {payload}\n")),
        Ok((Selection::new("organ"), a))
    );
}

// ---------------------------------------------------------------- size

/// A fully answered questionnaire of the default bank, for a selection.
fn full_answers(bank: &Bank, selection: &Selection) -> Answers {
    applicable_questions(bank, selection)
        .into_iter()
        .map(|q| {
            let answer = match &q.answer {
                AnswerSpec::Levels { levels } => {
                    Answer::Level(u8::try_from(levels.len().saturating_sub(1)).unwrap_or(0))
                }
                AnswerSpec::YesNo { .. } => Answer::No,
                AnswerSpec::Count { per_year, .. } => Answer::Count(*per_year),
            };
            (q.id.clone(), answer)
        })
        .collect()
}

#[test]
fn a_fully_answered_default_bank_fits_in_a_qr_code() {
    let bank = load_bank(DEFAULT_BANK_JSON).expect("the default bank loads");
    let mut modifier_sets: Vec<Vec<String>> = vec![Vec::new()];
    for m in &bank.modifiers {
        let with: Vec<Vec<String>> = modifier_sets
            .iter()
            .map(|set| set.iter().cloned().chain([m.id.clone()]).collect())
            .collect();
        modifier_sets.extend(with);
    }
    let mut largest = (0, 0, String::new());
    for category in &bank.categories {
        for mods in &modifier_sets {
            let mut selection = Selection::new(category.id.clone());
            selection.modifiers = mods.iter().cloned().collect();
            selection.role = bank.roles.first().map(|r| r.id.clone());
            let a = full_answers(&bank, &selection);
            let payload = encode_share(&bank, &selection, &a);
            assert_eq!(
                decode_share(&bank, &payload),
                Ok((selection.clone(), a.clone()))
            );
            assert!(
                payload.len() < 120,
                "{} questions for {} {:?} gave {} characters",
                a.len(),
                category.id,
                mods,
                payload.len()
            );
            if payload.len() > largest.0 {
                largest = (payload.len(), a.len(), format!("{} {mods:?}", category.id));
            }
        }
    }
    eprintln!(
        "largest default-bank payload: {} characters for {} questions ({})",
        largest.0, largest.1, largest.2
    );
}

#[test]
fn a_hundred_questions_fit_in_under_120_characters() {
    // 100 yes/no and levels questions plus 10 counts of up to 127: 7 header bytes, 55 code
    // bytes, 10 varint bytes, 2 checksum bytes = 74 bytes = 99 characters.
    let mut questions = Vec::new();
    for i in 0..110 {
        let answer = match i % 11 {
            0 => json!({ "type": "count", "per_year": 12, "unit": { "zh-CN": "次" } }),
            n if n % 2 == 0 => json!({ "type": "yes_no" }),
            _ => json!({ "type": "levels", "levels": [
                { "credit": 0, "label": { "zh-CN": "无" } },
                { "credit": 0.5, "label": { "zh-CN": "部分" } },
                { "credit": 0.8, "label": { "zh-CN": "大部分" } },
                { "credit": 1, "label": { "zh-CN": "全部" } } ] }),
        };
        questions.push(json!({
            "id": format!("q{i:03}"), "dimension": "d", "weight": 1,
            "text": { "zh-CN": "题" }, "answer": answer
        }));
    }
    let bank = load_bank(
        &json!({
            "schema_version": 1, "id": "big", "version": "1", "title": { "zh-CN": "大" },
            "bands": [ { "id": "all", "min": 0, "label": { "zh-CN": "全" } } ],
            "dimensions": [ { "id": "d", "name": { "zh-CN": "维" }, "description": { "zh-CN": "维" } } ],
            "categories": [ { "id": "c", "name": { "zh-CN": "类" }, "description": { "zh-CN": "类" },
                              "weights": { "d": 1 }, "targets": { "d": 80 } } ],
            "questions": questions
        })
        .to_string(),
    )
    .expect("the big bank loads");
    let selection = Selection::new("c");
    let mut a = full_answers(&bank, &selection);
    for answer in a.values_mut() {
        if let Answer::Count(n) = answer {
            *n = 127;
        }
    }
    assert_eq!(a.len(), 110);
    let payload = encode_share(&bank, &selection, &a);
    assert_eq!(payload.len(), 99);
    assert_eq!(decode_share(&bank, &payload), Ok((selection, a)));
}

// ---------------------------------------------------------------- damaged and foreign links

fn sample_payload() -> String {
    let selection = Selection {
        role: Some("secretary".into()),
        ..Selection::new("hospital").with_modifier("overseas")
    };
    let a = answers(&[
        ("q1", Answer::Yes),
        ("q2", Answer::Level(3)),
        ("q3", Answer::Count(9)),
        ("q4", Answer::No),
        ("q5", Answer::Level(0)),
        ("q6", Answer::NotApplicable),
    ]);
    encode_share(&bank(), &selection, &a)
}

#[test]
fn any_single_changed_character_is_caught() {
    const ABC: &str = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    let bank = bank();
    let payload = sample_payload();
    let chars: Vec<char> = payload.chars().collect();
    for i in 0..chars.len() {
        for replacement in ABC.chars().filter(|c| *c != chars[i]) {
            let mut changed = chars.clone();
            changed[i] = replacement;
            let changed: String = changed.into_iter().collect();
            assert!(
                decode_share(&bank, &changed).is_err(),
                "{changed} (position {i}) was accepted"
            );
        }
    }
    // In the middle of the payload, a change shows as damage.
    let mut changed = chars.clone();
    changed[8] = if chars[8] == 'A' { 'B' } else { 'A' };
    let e = decode_err(&bank, &changed.into_iter().collect::<String>());
    assert_eq!(e, ShareError::Damaged);
    assert_eq!(
        e.message(Locale::Zh),
        "分享链接已损坏或不完整，请向分享人重新索取完整的链接。"
    );
    assert_eq!(
        e.message(Locale::En),
        "The link is damaged or incomplete. Please ask for the complete link again."
    );
}

#[test]
fn a_truncated_link_is_damaged() {
    let bank = bank();
    let payload = sample_payload();
    for cut in 1..payload.len() {
        let e = decode_err(&bank, &payload[..cut]);
        assert!(
            matches!(e, ShareError::Damaged | ShareError::TooShort { .. }),
            "cut at {cut}: {e:?}"
        );
    }
    assert_eq!(
        decode_err(&bank, &payload[..4]),
        ShareError::TooShort { bytes: 3 }
    );
    assert_eq!(
        decode_err(&bank, &payload[..payload.len() - 4]),
        ShareError::Damaged
    );
    // Too short and damaged read the same to a user.
    assert_eq!(
        ShareError::TooShort { bytes: 3 }.message(Locale::En),
        ShareError::Damaged.message(Locale::En)
    );
}

#[test]
fn an_empty_link_carries_nothing() {
    assert_eq!(decode_err(&bank(), ""), ShareError::Empty);
    assert_eq!(decode_err(&bank(), "  \n"), ShareError::Empty);
    assert!(ShareError::Empty.message(Locale::Zh).contains("没有"));
}

#[test]
fn characters_outside_base64url_are_named() {
    let bank = bank();
    assert_eq!(
        decode_err(&bank, "AQ+/AAAA"),
        ShareError::NotBase64 {
            position: 2,
            character: '+'
        }
    );
    let payload = sample_payload();
    assert_eq!(
        decode_err(&bank, &format!("{payload}==")),
        ShareError::NotBase64 {
            position: payload.len(),
            character: '='
        }
    );
    let e = decode_err(&bank, "AQ支部");
    assert_eq!(
        e,
        ShareError::NotBase64 {
            position: 2,
            character: '支'
        }
    );
    assert_eq!(
        e.message(Locale::Zh),
        "分享链接第 3 个字符无效，链接可能被改动或复制不完整。"
    );
}

#[test]
fn a_link_from_another_bank_or_bank_version_is_refused() {
    let a = answers(&[("q1", Answer::Yes)]);
    let organ = Selection::new("organ");
    let old = encode_share(&load("test-bank", "2025.1"), &organ, &a);
    let e = decode_err(&bank(), &old);
    assert_eq!(e, ShareError::OtherBank);
    assert!(e.message(Locale::Zh).contains("另一个版本"));
    let other = encode_share(&load("cn-hospital", "2026.1"), &organ, &a);
    assert_eq!(decode_err(&bank(), &other), ShareError::OtherBank);
}

#[test]
fn an_unknown_codec_version_is_refused() {
    let mut bytes = header(0, 0, 0);
    bytes[0] = 2;
    bytes.extend_from_slice(&[0x22, 0x20]);
    let e = decode_err(&bank(), &sealed(bytes));
    assert_eq!(e, ShareError::UnknownCodec { version: 2 });
    assert!(e
        .message(Locale::En)
        .contains("another version of the tool"));
}

#[test]
fn indexes_outside_the_bank_are_refused() {
    let bank = bank();
    assert_eq!(
        decode_err(&bank, &sealed(header(2, 0, 0))),
        ShareError::CategoryOutOfRange { index: 2 }
    );
    assert_eq!(
        decode_err(&bank, &sealed(header(0, 0b100, 0))),
        ShareError::ModifierOutOfRange { index: 2 }
    );
    assert_eq!(
        decode_err(&bank, &sealed(header(0, 0, 3))),
        ShareError::RoleOutOfRange { index: 3 }
    );
    // Encoding an unknown category gives a link that says so, not a wrong category.
    let payload = encode_share(&bank, &Selection::new("school"), &Answers::new());
    assert_eq!(
        decode_err(&bank, &payload),
        ShareError::CategoryOutOfRange { index: 2 }
    );
}

#[test]
fn a_code_that_does_not_fit_its_question_is_refused() {
    let bank = bank();
    // organ asks q1, q2, q6, q3. Each case: the two code bytes and the question at fault.
    let cases: [([u8; 2], &str, u8); 6] = [
        ([0x64, 0x00], "q1", 6),  // a level for a yes/no question
        ([0x14, 0x00], "q1", 1),  // "not applicable" where it is not allowed
        ([0x28, 0x00], "q2", 8),  // level 4 of a four-level question
        ([0x22, 0x20], "q2", 2),  // "yes" to a levels question
        ([0x24, 0x2d], "q3", 13), // a code no answer has
        ([0x24, 0x0f], "q3", 15),
    ];
    for (codes, question, code) in cases {
        let mut bytes = header(0, 0, 0);
        bytes.extend_from_slice(&codes);
        let e = decode_err(&bank, &sealed(bytes));
        assert_eq!(
            e,
            ShareError::CodeMisfit {
                question: question.into(),
                code
            }
        );
        assert!(e.message(Locale::Zh).contains(question));
    }
}

#[test]
fn counts_and_lengths_must_add_up() {
    let bank = bank();
    let with_tail = |tail: &[u8]| {
        let mut bytes = header(0, 0, 0);
        bytes.extend_from_slice(&[0x24, 0x2c]); // q3 is a count
        bytes.extend_from_slice(tail);
        sealed(bytes)
    };
    assert!(decode_share(&bank, &with_tail(&[0x05])).is_ok());
    // The count is missing, overlong, or too big for 32 bits.
    for tail in [&[][..], &[0x85, 0x00], &[0xff, 0xff, 0xff, 0xff, 0x1f]] {
        assert_eq!(
            decode_err(&bank, &with_tail(tail)),
            ShareError::BadCount {
                question: "q3".into()
            },
            "{tail:?}"
        );
    }
    // A byte too many, or a code where none is needed.
    assert_eq!(
        decode_err(&bank, &with_tail(&[0x05, 0x00])),
        ShareError::LengthMismatch
    );
    let mut bytes = header(1, 0b10, 0); // hospital + temporary: q1, q2, q3, q4 → two bytes
    bytes.extend_from_slice(&[0x22]);
    assert_eq!(
        decode_err(&bank, &sealed(bytes)),
        ShareError::LengthMismatch
    );
    // An odd count of questions leaves a nibble that must stay 0: organ + temporary asks
    // q1, q2, q3.
    let mut bytes = header(0, 0b10, 0);
    bytes.extend_from_slice(&[0x24, 0x22]);
    assert_eq!(
        decode_err(&bank, &sealed(bytes)),
        ShareError::LengthMismatch
    );
}

#[test]
fn an_overlong_link_is_refused_before_decoding() {
    let long = "A".repeat(MAX_SHARE_CHARS + 1);
    assert_eq!(
        decode_err(&bank(), &long),
        ShareError::TooLong {
            chars: MAX_SHARE_CHARS + 1,
            limit: MAX_SHARE_CHARS
        }
    );
}
