//! Writes the fixtures the browser tests read, so that JavaScript never re-implements an
//! engine rule: `tests/e2e/fixtures/applicable.json` lists, for every category of the default
//! bank alone, with each modifier and with each pair of modifiers, the questions
//! `assess::applicable_questions` gives, in the order the questionnaire shows them
//! (`selections`, keyed `organ`, `organ+overseas`, `organ+overseas+temporary`: modifiers in
//! alphabetical order), and what the tests need to know of each question (`questions`, by
//! id). `tests/e2e/lib/bank.mjs` reads it.
//!
//! The test fails when the file on disk differs from what the engine computes now (a new
//! bank, a changed rule): run `UPDATE_FIXTURES=1 cargo test --test e2e_fixtures` and commit
//! the file.

use std::collections::BTreeSet;
use std::path::PathBuf;

use branch_self_check::assess::{applicable_questions, Selection};
use branch_self_check::bank::{load_bank, AnswerSpec, Bank, Question, DEFAULT_BANK_JSON};
use serde_json::{json, Map, Value};

const FIXTURE: &str = "tests/e2e/fixtures/applicable.json";
const REGENERATE: &str = "UPDATE_FIXTURES=1 cargo test --test e2e_fixtures";

fn bank() -> Bank {
    match load_bank(DEFAULT_BANK_JSON) {
        Ok(bank) => bank,
        Err(errors) => panic!("the default bank does not load:\n{errors}"),
    }
}

/// What the browser tests need to know of a question to answer it and to check what the
/// widget shows: its dimension, how it is answered and whether "not applicable" is
/// offered. `credits` are in the order the card shows the options (levels in bank order,
/// yes/no as [yes, no]; "not applicable" is not among them).
fn question(q: &Question) -> Value {
    let mut out = Map::new();
    out.insert("dimension".into(), json!(q.dimension));
    match &q.answer {
        AnswerSpec::Levels { levels } => {
            out.insert("answer".into(), json!("levels"));
            out.insert("levels".into(), json!(levels.len()));
            let credits: Vec<f64> = levels.iter().map(|l| l.credit).collect();
            out.insert("credits".into(), json!(credits));
        }
        AnswerSpec::YesNo {
            yes_credit,
            no_credit,
        } => {
            out.insert("answer".into(), json!("yes_no"));
            out.insert("credits".into(), json!([yes_credit, no_credit]));
        }
        AnswerSpec::Count { per_year, .. } => {
            out.insert("answer".into(), json!("count"));
            out.insert("per_year".into(), json!(per_year));
        }
    }
    out.insert("allow_na".into(), json!(q.allow_na));
    out.insert("red_line".into(), json!(q.red_line.is_some()));
    Value::Object(out)
}

/// Every selection the browser tests may look up: each category alone, with each modifier,
/// and with each pair of modifiers. The key is the category, then the modifiers in
/// alphabetical order, joined by `+` (`organ`, `organ+overseas`, `organ+overseas+temporary`).
fn selections(bank: &Bank) -> Vec<(String, Selection)> {
    // Alphabetical, as the keys have them (a BTreeSet, like `Selection::modifiers`).
    let modifiers: BTreeSet<&str> = bank.modifiers.iter().map(|m| m.id.as_str()).collect();
    let modifiers: Vec<&str> = modifiers.into_iter().collect();
    let mut sets: Vec<Vec<&str>> = vec![Vec::new()];
    for (i, a) in modifiers.iter().enumerate() {
        sets.push(vec![a]);
        for b in &modifiers[i + 1..] {
            sets.push(vec![a, b]);
        }
    }
    let mut out = Vec::new();
    for category in &bank.categories {
        for set in &sets {
            let mut selection = Selection::new(category.id.clone());
            let mut key = category.id.clone();
            for m in set {
                selection = selection.with_modifier(*m);
                key.push('+');
                key.push_str(m);
            }
            out.push((key, selection));
        }
    }
    out
}

/// The fixture's text, deterministic and readable in a diff: the bank it was made from;
/// `questions`, each question once (one line each, by id, in bank order); and `selections`,
/// the ids each selection is asked, in questionnaire order (one id a line).
fn applicable_json(bank: &Bank) -> String {
    let str = |s: &str| serde_json::to_string(s).expect("a string serialises");
    let mut out = String::from("{\n");
    out.push_str(&format!(
        "  \"bank\": {{\"id\": {}, \"version\": {}}},\n",
        str(&bank.id),
        str(&bank.version)
    ));
    out.push_str(&format!("  \"generated_by\": {},\n", str(REGENERATE)));
    out.push_str("  \"questions\": {\n");
    let lines: Vec<String> = bank
        .questions
        .iter()
        .map(|q| format!("    {}: {}", str(&q.id), question(q)))
        .collect();
    out.push_str(&lines.join(",\n"));
    out.push_str("\n  },\n  \"selections\": {\n");
    let mut blocks = Vec::new();
    for (key, selection) in selections(bank) {
        let ids: Vec<String> = applicable_questions(bank, &selection)
            .into_iter()
            .map(|q| format!("      {}", str(&q.id)))
            .collect();
        assert!(!ids.is_empty(), "{key}: no question applies");
        blocks.push(format!("    {}: [\n{}\n    ]", str(&key), ids.join(",\n")));
    }
    out.push_str(&blocks.join(",\n"));
    out.push_str("\n  }\n}\n");
    serde_json::from_str::<Value>(&out).expect("the fixture is JSON");
    out
}

#[test]
fn applicable_questions_fixture_is_up_to_date() {
    let bank = bank();
    let wanted = applicable_json(&bank);
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(FIXTURE);
    if std::env::var("UPDATE_FIXTURES").is_ok_and(|v| v == "1") {
        std::fs::write(&path, &wanted).expect("write the fixture");
        return;
    }
    let on_disk = std::fs::read_to_string(&path).unwrap_or_default();
    if on_disk != wanted {
        let first = on_disk
            .lines()
            .zip(wanted.lines())
            .position(|(a, b)| a != b)
            .unwrap_or_else(|| on_disk.lines().count().min(wanted.lines().count()));
        panic!(
            "{FIXTURE} is out of date with the default bank ({} {}); first difference at line \
             {}. Re-run `{REGENERATE}` and commit the file.",
            bank.id,
            bank.version,
            first + 1
        );
    }
}

#[test]
fn the_fixture_covers_every_category_with_every_modifier_and_pair() {
    let bank = bank();
    let keys: Vec<String> = selections(&bank).into_iter().map(|(k, _)| k).collect();
    let m = bank.modifiers.len();
    assert_eq!(
        keys.len(),
        bank.categories.len() * (1 + m + m * (m - 1) / 2)
    );
    assert!(keys.contains(&"organ".to_string()));
    assert!(keys.contains(&"organ+overseas+temporary".to_string()));
}
