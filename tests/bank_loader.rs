//! The loader reports every problem, each at its JSON path. Each test starts from the shared
//! valid bank (tests/common/mod.rs), breaks one or more things, and checks the path and a key
//! phrase of each message.

mod common;

use branch_self_check::bank::{load_bank, BankError, MAX_BANK_BYTES};
use serde_json::{json, Value};

fn valid() -> Value {
    serde_json::to_value(common::valid_bank()).unwrap()
}

fn errors_of(json: &str) -> Vec<BankError> {
    match load_bank(json) {
        Ok(_) => panic!("the bank loaded, but it has problems"),
        Err(e) => e.0,
    }
}

fn errors(bank: &Value) -> Vec<BankError> {
    errors_of(&serde_json::to_string_pretty(bank).unwrap())
}

fn show(errors: &[BankError]) -> String {
    errors
        .iter()
        .map(|e| format!("  {} — {}", e.path, e.message))
        .collect::<Vec<_>>()
        .join("\n")
}

/// Whether `message` contains the parts of `phrase` (split at `…`), in that order.
fn says(message: &str, phrase: &str) -> bool {
    let mut rest = message;
    for part in phrase.split('…') {
        match rest.find(part) {
            Some(i) => rest = &rest[i + part.len()..],
            None => return false,
        }
    }
    true
}

/// One of `errors` is at `path` and its message says `phrase` (parts split at `…`).
#[track_caller]
fn assert_reported(errors: &[BankError], path: &str, phrase: &str) {
    assert!(
        errors
            .iter()
            .any(|e| e.path == path && says(&e.message, phrase)),
        "no error at {path} saying “{phrase}”; got:\n{}",
        show(errors)
    );
}

/// `errors` is exactly one error, at `path`, saying `phrase`.
#[track_caller]
fn assert_only(errors: &[BankError], path: &str, phrase: &str) {
    assert_eq!(
        errors.len(),
        1,
        "expected one error; got:\n{}",
        show(errors)
    );
    assert_reported(errors, path, phrase);
}

fn object(value: &mut Value) -> &mut serde_json::Map<String, Value> {
    value.as_object_mut().unwrap()
}

#[test]
fn the_shared_test_bank_is_valid_and_round_trips() {
    let json = serde_json::to_string_pretty(&common::valid_bank()).unwrap();
    assert_eq!(load_bank(&json), Ok(common::valid_bank()));
}

// ---------------------------------------------------------------------------------------
// Syntax

#[test]
fn a_syntax_error_gives_line_and_column() {
    let pretty = serde_json::to_string_pretty(&valid()).unwrap();
    let mut lines: Vec<String> = pretty.lines().map(String::from).collect();
    let at = lines
        .iter()
        .position(|l| l.trim() == r#""id": "test-bank","#)
        .unwrap();
    lines[at].push(','); // `"id": "test-bank",,`
    let broken = lines.join("\n");

    let errs = errors_of(&broken);
    assert_eq!(errs.len(), 1, "{}", show(&errs));
    assert_eq!(errs[0].path, "$");
    assert_eq!(errs[0].line, Some(at + 1)); // 1-based
    assert_eq!(errs[0].column, Some(lines[at].len())); // the second comma, 1-based
    assert!(
        errs[0].message.contains("not valid JSON"),
        "{}",
        errs[0].message
    );
    // The display form leads with the position.
    assert!(errs[0].to_string().starts_with(&format!(
        "line {}, column {}",
        at + 1,
        lines[at].len()
    )));
}

#[test]
fn a_truncated_bank_says_the_json_ends_too_early() {
    let pretty = serde_json::to_string_pretty(&valid()).unwrap();
    let cut = &pretty[..pretty.len() / 2];
    let errs = errors_of(cut);
    assert_eq!(errs.len(), 1);
    assert_eq!(errs[0].path, "$");
    assert_eq!(errs[0].line, Some(cut.lines().count()));
    assert!(
        errs[0].message.contains("ends too early"),
        "{}",
        errs[0].message
    );
}

#[test]
fn not_an_object_and_too_big_are_refused() {
    assert_only(&errors_of("[1, 2]"), "$", "JSON object…found a list");
    assert_only(&errors_of("null"), "$", "found null");
    let huge = " ".repeat(MAX_BANK_BYTES + 1);
    assert_only(&errors_of(&huge), "$", "the limit is");
}

// ---------------------------------------------------------------------------------------
// Shape: types, unknown and missing fields

#[test]
fn a_wrong_type_deep_inside_is_located() {
    let mut b = valid();
    b["questions"][2]["text"]["zh-CN"] = json!(3);
    assert_only(
        &errors(&b),
        "$.questions[2].text.zh-CN",
        "expected a string",
    );

    let mut b = valid();
    b["categories"][1]["weights"]["org"] = json!("heavy");
    assert_only(
        &errors(&b),
        "$.categories[1].weights.org",
        "expected a number",
    );

    let mut b = valid();
    b["questions"][3]["applies"]["with_modifiers"][0] = json!(7);
    assert_only(
        &errors(&b),
        "$.questions[3].applies.with_modifiers[0]",
        "expected a string",
    );

    let mut b = valid();
    b["trainings"][0]["level"] = json!("expert");
    assert_only(
        &errors(&b),
        "$.trainings[0].level",
        "`expert`…expected one of `basic`",
    );
}

/// `answer` is internally tagged (`"type": "levels"`); serde alone would lose the path inside
/// it and report `$.questions[1].answer`.
#[test]
fn a_wrong_type_inside_an_answer_has_the_full_path() {
    let mut b = valid();
    b["questions"][1]["answer"]["levels"][0]["credit"] = json!("high");
    assert_only(
        &errors(&b),
        "$.questions[1].answer.levels[0].credit",
        "expected a number…\"high\"",
    );

    let mut b = valid();
    b["questions"][2]["answer"]["per_year"] = json!(-1);
    assert_only(
        &errors(&b),
        "$.questions[2].answer.per_year",
        "expected a whole number…-1",
    );

    let mut b = valid();
    b["questions"][1]["answer"]["levels"][2]["label"] = json!({ "en": "full" });
    assert_only(
        &errors(&b),
        "$.questions[1].answer.levels[2].label",
        "missing…`zh-CN`",
    );

    let mut b = valid();
    b["questions"][2]["answer"]["type"] = json!("slider");
    assert_only(
        &errors(&b),
        "$.questions[2].answer.type",
        "`slider`…expected one of `levels`, `yes_no`, `count`",
    );
}

#[test]
fn unknown_fields_are_reported_where_they_are() {
    let mut b = valid();
    object(&mut b).insert("colour".into(), json!("red"));
    assert_only(&errors(&b), "$.colour", "unknown field `colour`");

    let mut b = valid();
    object(&mut b["questions"][0]).insert("wieght".into(), json!(2));
    assert_only(
        &errors(&b),
        "$.questions[0].wieght",
        "unknown field `wieght`",
    );

    let mut b = valid();
    object(&mut b["categories"][1]).insert("target".into(), json!({}));
    assert_only(
        &errors(&b),
        "$.categories[1].target",
        "unknown field `target`",
    );
}

#[test]
fn missing_required_fields_are_reported() {
    let mut b = valid();
    object(&mut b["questions"][0]).remove("weight");
    assert_only(&errors(&b), "$.questions[0]", "missing…`weight`");

    let mut b = valid();
    object(&mut b["dimensions"][1]).remove("name");
    assert_only(&errors(&b), "$.dimensions[1]", "missing…`name`");

    let mut b = valid();
    object(&mut b).remove("questions");
    assert_only(&errors(&b), "$.questions", "missing…`questions`");

    let mut b = valid();
    object(&mut b["title"]).remove("zh-CN");
    assert_only(&errors(&b), "$.title", "missing…`zh-CN`");
}

// ---------------------------------------------------------------------------------------
// Meaning: ids, references, weights, levels, texts, coverage, version

#[test]
fn duplicate_ids_are_reported_at_the_second_one() {
    let mut b = valid();
    b["questions"][2]["id"] = json!("q-pol-1");
    assert_only(&errors(&b), "$.questions[2].id", "duplicate id `q-pol-1`");

    let mut b = valid();
    let first = b["trainings"][0].clone();
    b["trainings"].as_array_mut().unwrap().push(first);
    assert_only(&errors(&b), "$.trainings[1].id", "duplicate id `t-pol`");
}

#[test]
fn dangling_references_are_reported() {
    let mut b = valid();
    b["questions"][0]["dimension"] = json!("polit");
    assert_only(
        &errors(&b),
        "$.questions[0].dimension",
        "unknown dimension `polit`",
    );

    let mut b = valid();
    b["questions"][0]["applies"] = json!({ "categories": ["organ", "hopsital"] });
    assert_only(
        &errors(&b),
        "$.questions[0].applies.categories[1]",
        "unknown category `hopsital`",
    );

    let mut b = valid();
    b["questions"][3]["applies"]["with_modifiers"] = json!(["abroad"]);
    assert_only(
        &errors(&b),
        "$.questions[3].applies.with_modifiers[0]",
        "unknown modifier `abroad`",
    );

    let mut b = valid();
    b["trainings"][0]["roles"] = json!(["secretary", "chair"]);
    assert_only(
        &errors(&b),
        "$.trainings[0].roles[1]",
        "unknown role `chair`",
    );

    let mut b = valid();
    b["groups"][0]["focus"] = json!(["org", "culture"]);
    assert_only(
        &errors(&b),
        "$.groups[0].focus[1]",
        "unknown dimension `culture`",
    );

    let mut b = valid();
    b["modifiers"][0]["weight_factors"] = json!({ "culture": 2.0 });
    assert_only(
        &errors(&b),
        "$.modifiers[0].weight_factors.culture",
        "unknown dimension `culture`",
    );
}

#[test]
fn negative_weights_are_refused() {
    let mut b = valid();
    b["questions"][1]["weight"] = json!(-2);
    assert_only(&errors(&b), "$.questions[1].weight", "must be more than 0");

    let mut b = valid();
    b["questions"][1]["weight"] = json!(0);
    assert_only(&errors(&b), "$.questions[1].weight", "must be more than 0");

    let mut b = valid();
    b["categories"][0]["weights"]["org"] = json!(-1);
    assert_only(&errors(&b), "$.categories[0].weights.org", "0 or more");
}

#[test]
fn category_weights_adding_up_to_zero_are_refused() {
    let mut b = valid();
    b["categories"][1]["weights"] = json!({ "pol": 0, "org": 0 });
    assert_only(
        &errors(&b),
        "$.categories[1].weights",
        "weights of category `hospital`…0",
    );
}

#[test]
fn levels_out_of_order_are_refused() {
    let mut b = valid();
    b["questions"][1]["answer"]["levels"][1]["credit"] = json!(1.0);
    b["questions"][1]["answer"]["levels"][2]["credit"] = json!(0.5);
    assert_only(
        &errors(&b),
        "$.questions[1].answer.levels[2].credit",
        "out of order",
    );

    // Equal credits do not rise either.
    let mut b = valid();
    b["questions"][1]["answer"]["levels"][1]["credit"] = json!(0.0);
    assert_only(
        &errors(&b),
        "$.questions[1].answer.levels[1].credit",
        "out of order",
    );
}

#[test]
fn empty_zh_cn_texts_are_refused() {
    let mut b = valid();
    b["questions"][2]["text"]["zh-CN"] = json!("");
    assert_only(
        &errors(&b),
        "$.questions[2].text.zh-CN",
        "zh-CN text is empty",
    );

    let mut b = valid();
    b["categories"][0]["name"]["zh-CN"] = json!("   ");
    assert_only(
        &errors(&b),
        "$.categories[0].name.zh-CN",
        "zh-CN text is empty",
    );

    // An empty English text is fine: it falls back to zh-CN.
    let mut b = valid();
    b["questions"][2]["text"]["en"] = json!("");
    assert!(load_bank(&b.to_string()).is_ok());
}

#[test]
fn a_category_left_with_no_question_is_refused() {
    let mut b = valid();
    // Questions 0..=2 are limited to organs; question 3 needs a modifier, which does not
    // count. So hospitals are asked nothing.
    for i in 0..3 {
        b["questions"][i]["applies"] = json!({ "categories": ["organ"] });
    }
    assert_only(&errors(&b), "$.categories[1]", "left with no question");
}

#[test]
fn another_schema_version_is_refused() {
    for version in [2, 0] {
        let mut b = valid();
        b["schema_version"] = json!(version);
        assert_only(
            &errors(&b),
            "$.schema_version",
            &format!("reads bank format version 1…{version}"),
        );
    }
    for version in [json!("1"), json!(1.5), json!(null)] {
        let mut b = valid();
        b["schema_version"] = version;
        assert_only(
            &errors(&b),
            "$.schema_version",
            "expected the whole number 1",
        );
    }
    let mut b = valid();
    object(&mut b).remove("schema_version");
    assert_only(&errors(&b), "$.schema_version", "missing…`schema_version`");
}

// ---------------------------------------------------------------------------------------
// Everything at once

#[test]
fn several_shape_problems_in_different_sections_are_all_reported() {
    let mut b = valid();
    object(&mut b).insert("extra".into(), json!(true));
    b["bands"][0]["min"] = json!("ninety");
    object(&mut b["dimensions"][1]).remove("description");
    b["questions"][2]["weight"] = json!([1]);
    b["questions"][3]["allow_na"] = json!("yes");
    b["groups"][0]["size"] = json!(4);
    let errs = errors(&b);
    assert_reported(&errs, "$.extra", "unknown field `extra`");
    assert_reported(&errs, "$.bands[0].min", "expected a number");
    assert_reported(&errs, "$.dimensions[1]", "missing…`description`");
    assert_reported(&errs, "$.questions[2].weight", "expected a number");
    assert_reported(&errs, "$.questions[3].allow_na", "expected true or false");
    assert_reported(
        &errs,
        "$.groups[0].size",
        "expected an object…found the number 4",
    );
    assert_eq!(errs.len(), 6, "{}", show(&errs));
}

#[test]
fn several_semantic_problems_in_different_sections_are_all_reported() {
    let mut b = valid();
    b["title"]["zh-CN"] = json!("");
    b["bands"][1]["min"] = json!(95); // above the band before it
    b["categories"][1]["weights"]["pol"] = json!(-1);
    b["questions"][0]["dimension"] = json!("nope");
    b["questions"][1]["answer"]["levels"][2]["credit"] = json!(0.4);
    b["groups"][0]["focus"] = json!(["nope"]);
    b["trainings"][0]["roles"] = json!(["chair"]);
    let errs = errors(&b);
    assert_reported(&errs, "$.title.zh-CN", "zh-CN text is empty");
    assert_reported(&errs, "$.bands[1].min", "highest first");
    assert_reported(&errs, "$.categories[1].weights.pol", "0 or more");
    assert_reported(
        &errs,
        "$.questions[0].dimension",
        "unknown dimension `nope`",
    );
    assert_reported(
        &errs,
        "$.questions[1].answer.levels[2].credit",
        "out of order",
    );
    assert_reported(&errs, "$.groups[0].focus[0]", "unknown dimension `nope`");
    assert_reported(&errs, "$.trainings[0].roles[0]", "unknown role `chair`");
    assert_eq!(errs.len(), 7, "{}", show(&errs));
}

#[test]
fn shape_and_meaning_problems_are_reported_together_at_their_own_paths() {
    let mut b = valid();
    b["bands"][0]["min"] = json!("ninety"); // shape
    b["questions"][1]["weight"] = json!("two"); // shape: question 1 cannot be read
    b["questions"][3]["applies"]["with_modifiers"] = json!(["abroad"]); // meaning
    b["trainings"][0]["roles"] = json!(["chair"]); // meaning
    let errs = errors(&b);
    assert_reported(&errs, "$.bands[0].min", "expected a number");
    assert_reported(&errs, "$.questions[1].weight", "expected a number");
    // Question 3 keeps its own index although question 1 was left out.
    assert_reported(
        &errs,
        "$.questions[3].applies.with_modifiers[0]",
        "unknown modifier `abroad`",
    );
    assert_reported(&errs, "$.trainings[0].roles[0]", "unknown role `chair`");
    assert_eq!(errs.len(), 4, "{}", show(&errs));
}

// ---------------------------------------------------------------------------------------
// Fields added in bank 2026.2: improvement steps, items tied to modifiers, earlier versions

#[test]
fn groups_and_trainings_name_only_modifiers_the_bank_has() {
    let mut bank = valid();
    bank["groups"][0]["modifiers"] = json!(["overseas", "abroad"]);
    bank["trainings"][0]["modifiers"] = json!(["oversea"]);
    let errors = errors(&bank);
    assert_eq!(errors.len(), 2, "{}", show(&errors));
    assert_reported(&errors, "$.groups[0].modifiers[1]", "`abroad`");
    assert_reported(
        &errors,
        "$.trainings[0].modifiers[0]",
        "unknown modifier `oversea`…`overseas`",
    );
}

#[test]
fn an_improvement_step_is_a_text_and_is_read_back() {
    let mut bank = valid();
    bank["questions"][0]["improve"] =
        json!({"zh-CN": "每季度讲一次党课", "en": "Give a lecture each quarter"});
    let json = serde_json::to_string(&bank).unwrap();
    let loaded = load_bank(&json).unwrap_or_else(|e| panic!("{e}"));
    let improve = loaded.questions[0].improve.as_ref().map(|t| t.zh.as_str());
    assert_eq!(improve, Some("每季度讲一次党课"));

    bank["questions"][0]["improve"] = json!("每季度讲一次党课");
    assert_only(
        &errors(&bank),
        "$.questions[0].improve",
        "expected a text object",
    );
    bank["questions"][0]["improve"] = json!({"zh-CN": " "});
    assert_only(&errors(&bank), "$.questions[0].improve.zh-CN", "");
}

#[test]
fn earlier_versions_are_neither_empty_nor_this_version_nor_listed_twice() {
    let mut bank = valid();
    let version = bank["version"].clone();
    bank["previous_versions"] = json!(["2025.1", "", version, "2025.1"]);
    let errors = errors(&bank);
    assert_eq!(errors.len(), 3, "{}", show(&errors));
    assert_reported(&errors, "$.previous_versions[1]", "empty");
    assert_reported(&errors, "$.previous_versions[2]", "this bank's own version");
    assert_reported(&errors, "$.previous_versions[3]", "listed twice");
}

// ---------------------------------------------------------------------------------------
// Plain words at exact paths where serde's readers had their own

#[test]
fn a_null_credit_is_reported_at_the_credit_along_with_the_first_other_problem() {
    let mut b = valid();
    b["questions"][0]["answer"] = json!({"type": "yes_no", "yes_credit": null});
    assert_only(
        &errors(&b),
        "$.questions[0].answer.yes_credit",
        "expected a number, found null",
    );

    // A problem elsewhere in the question does not hide the answer's, nor the other way.
    b["questions"][0]["weight"] = json!("heavy");
    let errors = errors(&b);
    assert_eq!(errors.len(), 2, "{}", show(&errors));
    assert_reported(&errors, "$.questions[0].weight", "expected a number");
    assert_reported(
        &errors,
        "$.questions[0].answer.yes_credit",
        "expected a number, found null",
    );
}

#[test]
fn a_training_level_written_as_an_object_is_refused_in_plain_words() {
    let mut b = valid();
    b["trainings"][0]["level"] = json!({"basic": null, "advanced": null});
    assert_only(
        &errors(&b),
        "$.trainings[0].level",
        "expected one of `basic`, `intermediate`, `advanced`, found an object with 2 fields",
    );

    b["trainings"][0]["level"] = json!({"basic": true});
    assert_only(
        &errors(&b),
        "$.trainings[0].level.basic",
        "\"basic\" takes no value, found true",
    );
}
