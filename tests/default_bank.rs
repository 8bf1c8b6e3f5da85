//! The default bank loads with the engine's own loader and meets the content requirements.

use std::collections::HashMap;

use branch_self_check::assess::{applicable_questions, Selection};
use branch_self_check::bank::{load_bank, Bank, DEFAULT_BANK_JSON, DEFAULT_BANK_ZH_JSON};

fn bank() -> Bank {
    match load_bank(DEFAULT_BANK_JSON) {
        Ok(bank) => bank,
        Err(errors) => panic!("the default bank does not load:\n{errors}"),
    }
}

#[test]
fn default_bank_loads_without_problems() {
    let bank = bank();
    assert_eq!(bank.id, "cn-organ-default");
}

#[test]
fn every_text_has_chinese_and_english() {
    let json: serde_json::Value = serde_json::from_str(DEFAULT_BANK_JSON).expect("valid JSON");
    let mut missing = Vec::new();
    fn walk(value: &serde_json::Value, path: String, missing: &mut Vec<String>) {
        match value {
            serde_json::Value::Object(map) if map.contains_key("zh-CN") => {
                let en = map.get("en").and_then(|v| v.as_str()).unwrap_or("");
                let zh = map.get("zh-CN").and_then(|v| v.as_str()).unwrap_or("");
                if en.trim().is_empty() || zh.trim().is_empty() {
                    missing.push(path);
                }
            }
            serde_json::Value::Object(map) => {
                for (k, v) in map {
                    walk(v, format!("{path}.{k}"), missing);
                }
            }
            serde_json::Value::Array(items) => {
                for (i, v) in items.iter().enumerate() {
                    walk(v, format!("{path}[{i}]"), missing);
                }
            }
            _ => {}
        }
    }
    walk(&json, "$".into(), &mut missing);
    assert!(
        missing.is_empty(),
        "texts without both languages: {missing:?}"
    );
}

#[test]
fn bank_has_the_dimensions_categories_and_modifiers_the_brief_names() {
    let bank = bank();
    let dims: Vec<&str> = bank.dimensions.iter().map(|d| d.id.as_str()).collect();
    assert_eq!(
        dims,
        [
            "political",
            "organisation",
            "org_life",
            "members",
            "integration",
            "discipline",
            "secretary",
            "resources"
        ]
    );
    let cats: Vec<&str> = bank.categories.iter().map(|c| c.id.as_str()).collect();
    for wanted in [
        "organ",
        "research",
        "hospital",
        "university",
        "culture",
        "enterprise",
        "social",
        "retired",
    ] {
        assert!(cats.contains(&wanted), "missing category {wanted}");
    }
    for c in &bank.categories {
        assert!(
            !c.typical_problems.is_empty(),
            "category {} has no typical problems",
            c.id
        );
    }
    let mods: Vec<&str> = bank.modifiers.iter().map(|m| m.id.as_str()).collect();
    assert_eq!(mods, ["overseas", "temporary"]);
}

#[test]
fn question_counts_meet_the_content_floor() {
    let bank = bank();
    let common = bank
        .questions
        .iter()
        .filter(|q| q.applies.categories.is_empty() && q.applies.with_modifiers.is_empty())
        .count();
    assert!(common >= 60, "only {common} common questions");
    for c in &bank.categories {
        let specific = bank
            .questions
            .iter()
            .filter(|q| q.applies.categories.contains(&c.id))
            .count();
        assert!(
            specific >= 4,
            "category {} has only {specific} specific questions",
            c.id
        );
    }
    let red_lines = bank
        .questions
        .iter()
        .filter(|q| q.red_line.is_some())
        .count();
    assert!(red_lines >= 3, "only {red_lines} red-line questions");
    assert!(bank.groups.len() >= 10, "only {} groups", bank.groups.len());
    assert!(
        bank.trainings.len() >= 14,
        "only {} trainings",
        bank.trainings.len()
    );
    for q in &bank.questions {
        assert!(q.help.is_some(), "question {} has no help text", q.id);
    }
}

#[test]
fn every_category_reaches_every_dimension_with_three_questions() {
    let bank = bank();
    for c in &bank.categories {
        let asked = applicable_questions(&bank, &Selection::new(c.id.clone()));
        let mut per_dim: HashMap<&str, usize> = HashMap::new();
        for q in asked {
            *per_dim.entry(q.dimension.as_str()).or_default() += 1;
        }
        for d in &bank.dimensions {
            let n = per_dim.get(d.id.as_str()).copied().unwrap_or(0);
            assert!(n >= 3, "category {} has {n} questions in {}", c.id, d.id);
        }
    }
}

#[test]
fn every_dimension_can_be_served_by_a_group_and_two_trainings() {
    let bank = bank();
    for d in &bank.dimensions {
        let groups = bank
            .groups
            .iter()
            .filter(|g| g.focus.contains(&d.id))
            .count();
        let trainings = bank
            .trainings
            .iter()
            .filter(|t| t.dimensions.contains(&d.id))
            .count();
        assert!(groups >= 1, "no group works on {}", d.id);
        assert!(trainings >= 2, "only {trainings} trainings for {}", d.id);
    }
}

#[test]
fn temporary_branches_are_not_asked_about_elections_recruitment_or_dues() {
    let bank = bank();
    let plain = applicable_questions(&bank, &Selection::new("organ"));
    let temporary =
        applicable_questions(&bank, &Selection::new("organ").with_modifier("temporary"));
    let removed: Vec<&str> = plain
        .iter()
        .filter(|q| !temporary.iter().any(|t| t.id == q.id))
        .map(|q| q.text.zh.as_str())
        .collect();
    for topic in ["换届", "发展", "党费"] {
        assert!(
            removed.iter().any(|t| t.contains(topic)),
            "no {topic} question is switched off: {removed:?}"
        );
        assert!(
            !temporary.iter().any(|q| q.applies.with_modifiers.is_empty()
                && q.text.zh.contains(topic)
                && q.dimension != "political"),
            "a temporary branch is still asked about {topic}"
        );
    }
}

/// The wasm embeds the bank without its English texts and fetches the whole bank on a switch
/// to English: the two must be the same bank in every other respect, or answers, scores and
/// ids would change with the language.
#[test]
fn the_embedded_chinese_bank_is_the_whole_bank_without_english() {
    let whole = serde_json::to_value(bank()).expect("serialises");
    let chinese = match load_bank(DEFAULT_BANK_ZH_JSON) {
        Ok(bank) => serde_json::to_value(bank).expect("serialises"),
        Err(errors) => panic!("the embedded Chinese bank does not load:\n{errors}"),
    };
    fn same_but_english(
        whole: &serde_json::Value,
        chinese: &serde_json::Value,
        path: &str,
        texts: &mut usize,
    ) {
        use serde_json::Value;
        match (whole, chinese) {
            (Value::Object(w), Value::Object(c)) => {
                let is_text = w.contains_key("zh-CN");
                if is_text {
                    *texts += 1;
                    assert!(
                        !c.contains_key("en"),
                        "{path}: English left in the embedded bank"
                    );
                    assert!(
                        w.get("en").is_some_and(|en| en.is_string()),
                        "{path}: no English in the whole bank"
                    );
                }
                let keys_w: Vec<&String> = w.keys().filter(|k| !(is_text && *k == "en")).collect();
                let keys_c: Vec<&String> = c.keys().collect();
                assert_eq!(keys_w, keys_c, "{path}: fields differ");
                for key in keys_c {
                    same_but_english(&w[key], &c[key], &format!("{path}.{key}"), texts);
                }
            }
            (Value::Array(w), Value::Array(c)) => {
                assert_eq!(w.len(), c.len(), "{path}: lengths differ");
                for (i, (w, c)) in w.iter().zip(c).enumerate() {
                    same_but_english(w, c, &format!("{path}[{i}]"), texts);
                }
            }
            (w, c) => assert_eq!(w, c, "{path}"),
        }
    }
    let mut texts = 0;
    same_but_english(&whole, &chinese, "$", &mut texts);
    assert!(texts > 500, "only {texts} texts compared");
    assert!(
        DEFAULT_BANK_ZH_JSON.len() * 2 < DEFAULT_BANK_JSON.len(),
        "the embedded bank ({} bytes) should be well under half the whole bank ({} bytes)",
        DEFAULT_BANK_ZH_JSON.len(),
        DEFAULT_BANK_JSON.len()
    );
}
