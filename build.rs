//! Derives from the default bank what the wasm embeds: its Chinese texts only, minified (the
//! whole bilingual bank ships beside the wasm and is fetched when a reader switches to
//! English), and the summary the first screen shows before the rest of the widget has loaded
//! (`bank::summary`; a native test checks it against the engine).

use std::{env, fs, path::Path};

use serde_json::Value;

fn main() {
    let source = "src/bank/default-bank.json";
    println!("cargo:rerun-if-changed={source}");
    let text = fs::read_to_string(source).unwrap_or_else(|e| panic!("reading {source}: {e}"));
    let mut bank: Value =
        serde_json::from_str(&text).unwrap_or_else(|e| panic!("{source} is not JSON: {e}"));
    drop_english(&mut bank);
    let out_dir = env::var("OUT_DIR").expect("cargo sets OUT_DIR");
    let write = |name: &str, content: String| {
        let out = Path::new(&out_dir).join(name);
        fs::write(&out, content).unwrap_or_else(|e| panic!("writing {}: {e}", out.display()));
    };
    write("default-bank.zh.json", bank.to_string());
    write("default-bank-summary.rs", summary(&bank));
}

/// `bank::summary::DEFAULT_BANK_SUMMARY` as Rust source.
fn summary(bank: &Value) -> String {
    let list = |key: &str| bank[key].as_array().map(Vec::as_slice).unwrap_or_default();
    let zh = |value: &Value| value["zh-CN"].as_str().map(str::to_string);
    let (categories, questions) = (list("categories"), list("questions"));
    // As `assess::typical_question_count` counts: the questions a branch of each category
    // is asked without modifiers, averaged over the categories and rounded.
    let asked: usize = categories
        .iter()
        .filter_map(|c| c["id"].as_str())
        .map(|category| {
            questions
                .iter()
                .filter(|q| asked_of(&q["applies"], category))
                .count()
        })
        .sum();
    let typical = match categories.len() {
        0 => 0,
        n => (asked + n / 2) / n,
    };
    format!(
        "/// Derived by build.rs from `src/bank/default-bank.json`.\n\
         pub const DEFAULT_BANK_SUMMARY: BankSummary = BankSummary {{ id: {:?}, title: {:?}, \
         description: {:?}, categories: {}, questions: {}, typical_questions: {typical} }};\n",
        bank["id"].as_str().unwrap_or_default(),
        zh(&bank["title"]).unwrap_or_default(),
        zh(&bank["description"]),
        categories.len(),
        questions.len(),
    )
}

/// Whether a question with these conditions is asked of a branch of `category` that has no
/// modifiers (`assess::applies_to`).
fn asked_of(applies: &Value, category: &str) -> bool {
    let ids = |key: &str| -> Vec<&str> {
        applies[key]
            .as_array()
            .map(|list| list.iter().filter_map(Value::as_str).collect())
            .unwrap_or_default()
    };
    let only = ids("categories");
    (only.is_empty() || only.contains(&category))
        && !ids("except_categories").contains(&category)
        && ids("with_modifiers").is_empty()
}

/// Removes `en` from every text object (`{"zh-CN": …, "en": …}`); the loader falls back to
/// `zh-CN` for a text without `en`.
fn drop_english(value: &mut Value) {
    match value {
        Value::Object(object) => {
            let is_text =
                object.contains_key("zh-CN") && object.keys().all(|k| k == "zh-CN" || k == "en");
            if is_text {
                object.remove("en");
            } else {
                object.values_mut().for_each(drop_english);
            }
        }
        Value::Array(items) => items.iter_mut().for_each(drop_english),
        _ => {}
    }
}
