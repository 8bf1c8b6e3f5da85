//! Small hand-built banks shared by the integration tests.
//!
//! Every builder returns plain model values, so a test can start from a valid bank and change
//! exactly the part it is about. `valid_bank()` is checked against the loader in
//! `tests/bank_loader.rs` (`the_shared_test_bank_is_valid`).
#![allow(dead_code)] // each test crate uses its own subset

use std::collections::BTreeMap;

use branch_self_check::assess::{Answer, Answers};
use serde_json::json;

use branch_self_check::bank::{
    AnswerSpec, Applies, Band, Bank, Category, Dimension, Group, GroupSize, Level, Modifier,
    Question, RedLine, Role, Text, Training, TrainingLevel, SCHEMA_VERSION,
};

pub fn text(s: &str) -> Text {
    Text::new(format!("{s}（中文）"), s)
}

/// Bands used throughout: excellent ≥ 90, good ≥ 75, fair ≥ 60, weak ≥ 0.
pub fn bands() -> Vec<Band> {
    [
        ("excellent", 90.0),
        ("good", 75.0),
        ("fair", 60.0),
        ("weak", 0.0),
    ]
    .into_iter()
    .map(|(id, min)| Band {
        id: id.into(),
        min,
        label: text(id),
    })
    .collect()
}

pub fn dimension(id: &str) -> Dimension {
    Dimension {
        id: id.into(),
        name: text(id),
        short: None,
        description: text(id),
    }
}

/// A category with the given weights and targets (in the same order as `dims`).
pub fn category(id: &str, dims: &[(&str, f64, f64)]) -> Category {
    Category {
        id: id.into(),
        name: text(id),
        description: text(id),
        typical_problems: Vec::new(),
        weights: dims.iter().map(|(d, w, _)| (d.to_string(), *w)).collect(),
        targets: dims.iter().map(|(d, _, t)| (d.to_string(), *t)).collect(),
    }
}

pub fn modifier(id: &str, factors: &[(&str, f64)]) -> Modifier {
    Modifier {
        id: id.into(),
        name: text(id),
        description: text(id),
        weight_factors: factors
            .iter()
            .map(|(d, f)| (d.to_string(), *f))
            .collect::<BTreeMap<_, _>>(),
    }
}

pub fn role(id: &str) -> Role {
    Role {
        id: id.into(),
        name: text(id),
    }
}

fn question(id: &str, dim: &str, weight: f64, answer: AnswerSpec) -> Question {
    Question {
        id: id.into(),
        dimension: dim.into(),
        weight,
        text: text(id),
        help: None,
        source: None,
        applies: Applies::default(),
        answer,
        improve: None,
        allow_na: false,
        red_line: None,
    }
}

/// A plain yes/no question: yes = 1, no = 0.
pub fn yes_no(id: &str, dim: &str, weight: f64) -> Question {
    question(
        id,
        dim,
        weight,
        AnswerSpec::YesNo {
            yes_credit: 1.0,
            no_credit: 0.0,
        },
    )
}

/// A yes/no question with its own credits (e.g. yes = 0 where "yes" is the bad answer).
pub fn yes_no_credits(id: &str, dim: &str, weight: f64, yes: f64, no: f64) -> Question {
    question(
        id,
        dim,
        weight,
        AnswerSpec::YesNo {
            yes_credit: yes,
            no_credit: no,
        },
    )
}

/// A levels question with these credits, lowest first.
pub fn levels(id: &str, dim: &str, weight: f64, credits: &[f64]) -> Question {
    question(
        id,
        dim,
        weight,
        AnswerSpec::Levels {
            levels: credits
                .iter()
                .enumerate()
                .map(|(i, c)| Level {
                    credit: *c,
                    label: text(&format!("level {i}")),
                })
                .collect(),
        },
    )
}

pub fn count(id: &str, dim: &str, weight: f64, per_year: u32) -> Question {
    question(
        id,
        dim,
        weight,
        AnswerSpec::Count {
            per_year,
            unit: text("times"),
        },
    )
}

pub fn allow_na(mut q: Question) -> Question {
    q.allow_na = true;
    q
}

pub fn red_line(mut q: Question, max_credit: f64) -> Question {
    q.red_line = Some(RedLine {
        max_credit,
        message: text("fix this now"),
    });
    q
}

pub fn applies(mut q: Question, f: impl FnOnce(&mut Applies)) -> Question {
    f(&mut q.applies);
    q
}

pub fn group(id: &str, focus: &[&str], categories: &[&str]) -> Group {
    Group {
        id: id.into(),
        name: text(id),
        focus: focus.iter().map(|s| s.to_string()).collect(),
        categories: categories.iter().map(|s| s.to_string()).collect(),
        modifiers: Vec::new(),
        without_modifiers: Vec::new(),
        size: GroupSize { min: 3, max: 6 },
        activities: text("meet monthly"),
    }
}

pub fn training(id: &str, dims: &[&str], roles: &[&str], categories: &[&str]) -> Training {
    Training {
        id: id.into(),
        title: text(id),
        description: text(id),
        dimensions: dims.iter().map(|s| s.to_string()).collect(),
        roles: roles.iter().map(|s| s.to_string()).collect(),
        level: TrainingLevel::Basic,
        categories: categories.iter().map(|s| s.to_string()).collect(),
        modifiers: Vec::new(),
        without_modifiers: Vec::new(),
        hours: Some(2.0),
    }
}

/// A bank with the given parts and the standard bands, margin 5.
pub fn bank(dims: &[&str], categories: Vec<Category>, questions: Vec<Question>) -> Bank {
    Bank {
        schema_version: SCHEMA_VERSION,
        id: "test-bank".into(),
        version: "1".into(),
        previous_versions: Vec::new(),
        title: text("test bank"),
        description: None,
        bands: bands(),
        strength_margin: 5.0,
        dimensions: dims.iter().map(|d| dimension(d)).collect(),
        categories,
        modifiers: Vec::new(),
        roles: Vec::new(),
        questions,
        groups: Vec::new(),
        trainings: Vec::new(),
    }
}

/// A bank with one dimension `d` (weight 1, target 80) in category `organ`.
pub fn one_dimension_bank(questions: Vec<Question>) -> Bank {
    bank(
        &["d"],
        vec![category("organ", &[("d", 1.0, 80.0)])],
        questions,
    )
}

/// A complete, valid bank that uses every section, for the loader tests.
///
/// Layout (indices matter to the loader tests' JSON paths):
/// - dimensions: `pol`, `org`
/// - categories: `organ`, `hospital`
/// - modifiers: `overseas`
/// - roles: `secretary`
/// - questions: [0] `q-pol-1` yes/no, [1] `q-pol-2` levels, [2] `q-org-1` count,
///   [3] `q-org-2` overseas only
/// - groups: [0] `g-pol`; trainings: [0] `t-pol`
pub fn valid_bank() -> Bank {
    let mut b = bank(
        &["pol", "org"],
        vec![
            category("organ", &[("pol", 2.0, 80.0), ("org", 1.0, 70.0)]),
            category("hospital", &[("pol", 1.0, 75.0), ("org", 1.0, 75.0)]),
        ],
        vec![
            yes_no("q-pol-1", "pol", 1.0),
            levels("q-pol-2", "pol", 2.0, &[0.0, 0.5, 1.0]),
            count("q-org-1", "org", 1.0, 4),
            applies(yes_no("q-org-2", "org", 1.0), |a| {
                a.with_modifiers = vec!["overseas".into()]
            }),
        ],
    );
    b.modifiers = vec![modifier("overseas", &[("org", 2.0)])];
    b.roles = vec![role("secretary")];
    b.groups = vec![group("g-pol", &["pol"], &[])];
    b.trainings = vec![training("t-pol", &["pol"], &["secretary"], &[])];
    b
}

/// Scores are kept to six decimals; anything closer than this is the same score.
pub const TOLERANCE: f64 = 1e-6;

/// `a` and `b` are the same score.
pub fn close(a: f64, b: f64) -> bool {
    (a - b).abs() < TOLERANCE
}

#[macro_export]
macro_rules! assert_close {
    ($actual:expr, $expected:expr) => {{
        let (a, e): (f64, f64) = ($actual, $expected);
        assert!(
            (a - e).abs() < $crate::common::TOLERANCE,
            "{} = {a}, expected {e}",
            stringify!($actual)
        );
    }};
}

/// A small bank whose scores are easy to work out by hand.
///
/// - political: q1 yes/no (weight 1, red line on "no"), q2 levels 0 / 0.5 / 0.8 / 1 (weight 2),
///   q6 yes/no (weight 1, not asked while `temporary`, may be "not applicable").
/// - organisation: q3 count, 12 a year (weight 1, may be "not applicable"), q4 yes/no
///   (hospital only), q5 levels 0 / 0.5 / 1 (only with `overseas`).
/// - organ weighs both dimensions 1 : 1 with targets 80 / 80; hospital 2 : 1 with 70 / 90.
/// - Bands: good ≥ 75, fair ≥ 60, weak ≥ 0.
pub fn record_bank_json(id: &str, version: &str) -> String {
    let text = |s: &str| json!({ "zh-CN": format!("{s}（中文）"), "en": s });
    let yes_no = json!({ "type": "yes_no" });
    json!({
        "schema_version": 1,
        "id": id,
        "version": version,
        "title": text("Test bank"),
        "bands": [
            { "id": "good", "min": 75, "label": text("good") },
            { "id": "fair", "min": 60, "label": text("fair") },
            { "id": "weak", "min": 0, "label": text("weak") }
        ],
        "dimensions": [
            { "id": "political", "name": text("political"), "description": text("political") },
            { "id": "organisation", "name": text("organisation"), "description": text("organisation") }
        ],
        "categories": [
            { "id": "organ", "name": text("organ"), "description": text("organ"),
              "weights": { "political": 1, "organisation": 1 },
              "targets": { "political": 80, "organisation": 80 } },
            { "id": "hospital", "name": text("hospital"), "description": text("hospital"),
              "weights": { "political": 2, "organisation": 1 },
              "targets": { "political": 70, "organisation": 90 } }
        ],
        "modifiers": [
            { "id": "overseas", "name": text("overseas"), "description": text("overseas"),
              "weight_factors": { "organisation": 0.5 } },
            { "id": "temporary", "name": text("temporary"), "description": text("temporary") }
        ],
        "roles": [
            { "id": "secretary", "name": text("secretary") },
            { "id": "member", "name": text("member") }
        ],
        "questions": [
            { "id": "q1", "dimension": "political", "weight": 1, "text": text("q1"),
              "answer": yes_no,
              "red_line": { "max_credit": 0, "message": text("fix it") } },
            { "id": "q2", "dimension": "political", "weight": 2, "text": text("q2"),
              "answer": { "type": "levels", "levels": [
                  { "credit": 0, "label": text("none") },
                  { "credit": 0.5, "label": text("some") },
                  { "credit": 0.8, "label": text("most") },
                  { "credit": 1, "label": text("all") } ] } },
            { "id": "q3", "dimension": "organisation", "weight": 1, "text": text("q3"),
              "answer": { "type": "count", "per_year": 12, "unit": text("times") },
              "allow_na": true },
            { "id": "q4", "dimension": "organisation", "weight": 1, "text": text("q4"),
              "answer": yes_no, "applies": { "categories": ["hospital"] } },
            { "id": "q5", "dimension": "organisation", "weight": 1, "text": text("q5"),
              "answer": { "type": "levels", "levels": [
                  { "credit": 0, "label": text("none") },
                  { "credit": 0.5, "label": text("some") },
                  { "credit": 1, "label": text("all") } ] },
              "applies": { "with_modifiers": ["overseas"] } },
            { "id": "q6", "dimension": "political", "weight": 1, "text": text("q6"),
              "answer": yes_no, "allow_na": true,
              "applies": { "without_modifiers": ["temporary"] } }
        ]
    })
    .to_string()
}

/// Loads the record tests' bank (see `record_bank_json`).
pub fn load_record_bank(id: &str, version: &str) -> Bank {
    match branch_self_check::bank::load_bank(&record_bank_json(id, version)) {
        Ok(bank) => bank,
        Err(e) => panic!("the test bank must load: {e}"),
    }
}

/// Answers by question id, from a short list.
pub fn answers(list: &[(&str, Answer)]) -> Answers {
    list.iter().map(|(id, a)| (id.to_string(), *a)).collect()
}

/// FNV-1a 64, written out again here so tests check the record layouts independently of
/// the crate's own implementation.
pub fn reference_fnv64(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |h: u64, b| {
        (h ^ u64::from(*b)).wrapping_mul(0x0100_0000_01b3)
    })
}

/// Base64url without padding, bit by bit: an independent reference for the share codec.
pub fn reference_base64url(bytes: &[u8]) -> String {
    const ABC: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    let bits: Vec<bool> = bytes
        .iter()
        .flat_map(|b| (0..8).rev().map(move |i| b >> i & 1 == 1))
        .collect();
    bits.chunks(6)
        .map(|chunk| {
            let v = chunk
                .iter()
                .chain(std::iter::repeat(&false))
                .take(6)
                .fold(0usize, |v, bit| v << 1 | usize::from(*bit));
            char::from(ABC[v])
        })
        .collect()
}
