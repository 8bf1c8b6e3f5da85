//! Derives from the default bank what the wasm embeds: its Chinese texts only, minified (the
//! whole bilingual bank ships beside the wasm and is fetched when a reader switches to
//! English), and the summary the first screen shows before the rest of the widget has loaded
//! (`bank::summary`), and the part of the bank the first screens show before it has
//! (`bank::first_steps`); native tests check both against the engine.

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
    write("default-bank-first-steps.rs", first_steps(&bank));
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
         pub const DEFAULT_BANK_SUMMARY: BankSummary = BankSummary {{ id: {:?}, version: {:?}, \
         title: {:?}, description: {:?}, categories: {}, questions: {}, \
         typical_questions: {typical} }};\n",
        bank["id"].as_str().unwrap_or_default(),
        bank["version"].as_str().unwrap_or_default(),
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

/// `bank::first_steps::FIRST_STEPS` as Rust source: the categories, modifiers, roles and
/// dimensions, every question's place and conditions, and the whole of the first
/// dimension's questions (their improvement steps aside, which only the results show).
fn first_steps(bank: &Value) -> String {
    fn list(value: &Value) -> &[Value] {
        value.as_array().map(Vec::as_slice).unwrap_or_default()
    }
    let zh = |value: &Value| value["zh-CN"].as_str().unwrap_or_default().to_string();
    let zh_opt = |value: &Value| value["zh-CN"].as_str().map(str::to_string);
    let ids = |value: &Value| -> Vec<String> {
        list(value)
            .iter()
            .filter_map(Value::as_str)
            .map(str::to_string)
            .collect()
    };
    let number = |value: &Value, default: f64| value.as_f64().unwrap_or(default);
    let choice = |c: &Value| {
        format!(
            "Choice {{ id: {:?}, name: {:?}, description: {:?} }}",
            c["id"].as_str().unwrap_or_default(),
            zh(&c["name"]),
            zh(&c["description"])
        )
    };
    let categories: Vec<String> = list(&bank["categories"])
        .iter()
        .map(|c| {
            let problems: Vec<String> = list(&c["typical_problems"]).iter().map(zh).collect();
            format!(
                "FirstCategory {{ choice: {}, problems: &{problems:?} }}",
                choice(c)
            )
        })
        .collect();
    let modifiers: Vec<String> = list(&bank["modifiers"]).iter().map(choice).collect();
    let roles: Vec<String> = list(&bank["roles"])
        .iter()
        .map(|r| {
            format!(
                "({:?}, {:?})",
                r["id"].as_str().unwrap_or_default(),
                zh(&r["name"])
            )
        })
        .collect();
    let dimensions: Vec<String> = list(&bank["dimensions"])
        .iter()
        .map(|d| {
            format!(
                "FirstDimension {{ choice: {}, short: {:?} }}",
                choice(d),
                zh_opt(&d["short"])
            )
        })
        .collect();
    let first_dimension = list(&bank["dimensions"])
        .first()
        .and_then(|d| d["id"].as_str())
        .unwrap_or_default();
    let questions: Vec<String> = list(&bank["questions"])
        .iter()
        .map(|q| {
            let applies = &q["applies"];
            let dimension = q["dimension"].as_str().unwrap_or_default();
            let shown = if dimension == first_dimension {
                let answer = &q["answer"];
                let answer = match answer["type"].as_str() {
                    Some("levels") => {
                        let levels: Vec<String> = list(&answer["levels"])
                            .iter()
                            .map(|l| format!("({:?}, {:?})", number(&l["credit"], 0.0), zh(&l["label"])))
                            .collect();
                        format!("FirstAnswer::Levels(&[{}])", levels.join(", "))
                    }
                    Some("yes_no") => format!(
                        "FirstAnswer::YesNo({:?}, {:?})",
                        number(&answer["yes_credit"], 1.0),
                        number(&answer["no_credit"], 0.0)
                    ),
                    Some("count") => format!(
                        "FirstAnswer::Count({}, {:?})",
                        answer["per_year"].as_u64().unwrap_or_default(),
                        zh(&answer["unit"])
                    ),
                    other => panic!("answer type {other:?} of {}", q["id"]),
                };
                let red_line = q.get("red_line").map(|r| {
                    (number(&r["max_credit"], 0.0), zh(&r["message"]))
                });
                format!(
                    "Some(&FirstQuestion {{ weight: {:?}, text: {:?}, help: {:?}, source: {:?}, \
                     answer: {answer}, allow_na: {}, red_line: {red_line:?} }})",
                    number(&q["weight"], 1.0),
                    zh(&q["text"]),
                    zh_opt(&q["help"]),
                    zh_opt(&q["source"]),
                    q["allow_na"].as_bool().unwrap_or(false),
                )
            } else {
                "None".to_string()
            };
            format!(
                "QuestionPlace {{ id: {:?}, dimension: {dimension:?}, applies: [&{:?}, &{:?}, &{:?}, &{:?}], shown: {shown} }}",
                q["id"].as_str().unwrap_or_default(),
                ids(&applies["categories"]),
                ids(&applies["except_categories"]),
                ids(&applies["with_modifiers"]),
                ids(&applies["without_modifiers"]),
            )
        })
        .collect();
    format!(
        "/// Derived by build.rs from `src/bank/default-bank.json`.\n\
         pub static FIRST_STEPS: FirstSteps = FirstSteps {{\n\
         categories: &[{}],\nmodifiers: &[{}],\nroles: &[{}],\ndimensions: &[{}],\nquestions: &[{}],\n}};\n",
        categories.join(",\n"),
        modifiers.join(",\n"),
        roles.join(",\n"),
        dimensions.join(",\n"),
        questions.join(",\n"),
    )
}
