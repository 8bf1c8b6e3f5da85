//! Properties of the engine on generated random-but-valid banks and random answers, and of
//! the loader on arbitrary and mutated input. 256 cases each, so the run stays quick.

mod common;

use std::collections::BTreeSet;

use branch_self_check::assess::{assess, Answer, Answers, Assessment, Selection};
use branch_self_check::bank::{
    load_bank, AnswerSpec, Applies, Bank, Level, Modifier, Question, RedLine, SCHEMA_VERSION,
};
use branch_self_check::recommend::{recommend, Limits};
use common::text;
use proptest::prelude::*;
use serde_json::Value;

const MAX_DIMS: usize = 5;
const MAX_CATS: usize = 3;
const MAX_MODS: usize = 2;

// ---------------------------------------------------------------------------------------
// Generated banks

#[derive(Debug, Clone)]
enum KindSpec {
    Levels(Vec<f64>),
    YesNo(f64, f64),
    Count(u32),
}

#[derive(Debug, Clone)]
struct QuestionSpec {
    dim: usize,
    weight: f64,
    kind: KindSpec,
    allow_na: bool,
    red_line: Option<f64>,
    /// Bit masks over categories and modifiers: only, except, with, without.
    masks: (u8, u8, u8, u8),
}

#[derive(Debug, Clone)]
struct BankSpec {
    dims: usize,
    cats: usize,
    mods: usize,
    margin: f64,
    weights: Vec<Vec<f64>>,
    targets: Vec<Vec<f64>>,
    factors: Vec<Vec<Option<f64>>>,
    /// One question open to everyone per dimension, so every category is asked about every
    /// dimension it weighs.
    base: Vec<QuestionSpec>,
    extra: Vec<QuestionSpec>,
}

// Not in the wasm: the standard sort is fine here (clippy.toml's size rule is for src/).
#[allow(clippy::disallowed_methods)]
fn kind_strategy() -> impl Strategy<Value = KindSpec> {
    prop_oneof![
        prop::collection::vec(0.0..=1.0f64, 2..=7).prop_map(|mut credits| {
            credits.sort_by(f64::total_cmp);
            credits.dedup();
            if credits.len() < 2 {
                credits = vec![0.0, 1.0];
            }
            KindSpec::Levels(credits)
        }),
        (0.0..=1.0f64, 0.0..=1.0f64)
            .prop_filter("yes and no must differ", |(y, n)| y != n)
            .prop_map(|(y, n)| KindSpec::YesNo(y, n)),
        // The usual plain and reversed yes/no, more often than chance would give them.
        prop_oneof![Just((1.0, 0.0)), Just((0.0, 1.0))].prop_map(|(y, n)| KindSpec::YesNo(y, n)),
        (1u32..=12).prop_map(KindSpec::Count),
    ]
}

fn question_strategy() -> impl Strategy<Value = QuestionSpec> {
    (
        0..MAX_DIMS,
        prop_oneof![Just(1.0), 0.1..10.0f64],
        kind_strategy(),
        any::<bool>(),
        prop::option::weighted(0.2, 0.0..1.0f64),
        (any::<u8>(), any::<u8>(), any::<u8>(), any::<u8>()),
    )
        .prop_map(
            |(dim, weight, kind, allow_na, red_line, masks)| QuestionSpec {
                dim,
                weight,
                kind,
                allow_na,
                red_line,
                masks,
            },
        )
}

fn bank_strategy() -> impl Strategy<Value = BankSpec> {
    (
        1..=MAX_DIMS,
        1..=MAX_CATS,
        0..=MAX_MODS,
        0.0..=20.0f64,
        prop::collection::vec(
            prop::collection::vec(prop_oneof![1 => Just(0.0), 4 => 0.1..5.0f64], MAX_DIMS),
            MAX_CATS,
        ),
        prop::collection::vec(prop::collection::vec(0.0..=100.0f64, MAX_DIMS), MAX_CATS),
        prop::collection::vec(
            prop::collection::vec(prop::option::of(0.0..=3.0f64), MAX_DIMS),
            MAX_MODS,
        ),
        prop::collection::vec(question_strategy(), MAX_DIMS),
        prop::collection::vec(question_strategy(), 0..16),
    )
        .prop_map(
            |(dims, cats, mods, margin, weights, targets, factors, base, extra)| BankSpec {
                dims,
                cats,
                mods,
                margin,
                weights,
                targets,
                factors,
                base,
                extra,
            },
        )
}

fn ids_in(mask: u8, prefix: &str, n: usize) -> Vec<String> {
    (0..n)
        .filter(|i| mask & (1 << i) != 0)
        .map(|i| format!("{prefix}{i}"))
        .collect()
}

fn build_question(id: String, spec: &QuestionSpec, bank: &BankSpec, open: bool) -> Question {
    let answer = match &spec.kind {
        KindSpec::Levels(credits) => AnswerSpec::Levels {
            levels: credits
                .iter()
                .enumerate()
                .map(|(i, c)| Level {
                    credit: *c,
                    label: text(&format!("level {i}")),
                })
                .collect(),
        },
        KindSpec::YesNo(y, n) => AnswerSpec::YesNo {
            yes_credit: *y,
            no_credit: *n,
        },
        KindSpec::Count(per_year) => AnswerSpec::Count {
            per_year: *per_year,
            unit: text("times"),
        },
    };
    let applies = if open {
        Applies::default()
    } else {
        let (only, except, with, without) = spec.masks;
        // Keep the lists apart so the bank stays valid: nothing both listed and excluded.
        Applies {
            categories: ids_in(only, "c", bank.cats),
            except_categories: ids_in(except & !only, "c", bank.cats),
            with_modifiers: ids_in(with, "m", bank.mods),
            without_modifiers: ids_in(without & !with, "m", bank.mods),
        }
    };
    Question {
        id,
        dimension: format!("d{}", spec.dim % bank.dims),
        weight: spec.weight,
        text: text("question"),
        help: None,
        source: None,
        applies,
        answer,
        improve: None,
        allow_na: spec.allow_na,
        red_line: spec.red_line.map(|max_credit| RedLine {
            max_credit,
            message: text("red line"),
        }),
    }
}

fn build(spec: &BankSpec) -> Bank {
    let dims: Vec<String> = (0..spec.dims).map(|i| format!("d{i}")).collect();
    let dim_refs: Vec<&str> = dims.iter().map(String::as_str).collect();
    let categories = (0..spec.cats)
        .map(|c| {
            let mut weights: Vec<f64> = spec.weights[c][..spec.dims].to_vec();
            if weights.iter().all(|w| *w == 0.0) {
                weights[0] = 1.0; // weights may not add up to zero
            }
            let rows: Vec<(&str, f64, f64)> = (0..spec.dims)
                .map(|d| (dim_refs[d], weights[d], spec.targets[c][d]))
                .collect();
            common::category(&format!("c{c}"), &rows)
        })
        .collect();
    let mut questions: Vec<Question> = (0..spec.dims)
        .map(|d| {
            let mut q = spec.base[d].clone();
            q.dim = d;
            build_question(format!("base{d}"), &q, spec, true)
        })
        .collect();
    questions.extend(
        spec.extra
            .iter()
            .enumerate()
            .map(|(i, q)| build_question(format!("extra{i}"), q, spec, false)),
    );
    let mut bank = common::bank(&dim_refs, categories, questions);
    bank.strength_margin = spec.margin;
    bank.modifiers = (0..spec.mods)
        .map(|m| Modifier {
            weight_factors: spec.factors[m][..spec.dims]
                .iter()
                .enumerate()
                .filter_map(|(d, f)| f.map(|f| (format!("d{d}"), f)))
                .collect(),
            ..common::modifier(&format!("m{m}"), &[])
        })
        .collect();
    bank.groups = vec![
        common::group("g-all", &dim_refs, &[]),
        common::group("g-first", &dim_refs[..1], &["c0"]),
    ];
    bank.trainings = dims
        .iter()
        .map(|d| common::training(&format!("t-{d}"), &[d.as_str()], &[], &[]))
        .collect();
    assert_eq!(bank.schema_version, SCHEMA_VERSION);
    bank
}

// ---------------------------------------------------------------------------------------
// Generated answers

/// A raw answer, fitted to whichever question it lands on.
#[derive(Debug, Clone, Copy)]
struct AnswerSpecRaw {
    /// 0: unanswered, 1: "not applicable", 2: an answer of the wrong kind, else a fitting one.
    mode: u8,
    pick: u8,
    count: u32,
}

fn answer_strategy() -> impl Strategy<Value = AnswerSpecRaw> {
    (0u8..12, any::<u8>(), 0u32..30).prop_map(|(mode, pick, count)| AnswerSpecRaw {
        mode,
        pick,
        count,
    })
}

fn fit(question: &Question, raw: AnswerSpecRaw) -> Option<Answer> {
    match raw.mode {
        0 => None,
        1 => Some(Answer::NotApplicable), // invalid where NA is not allowed: must be ignored
        2 => Some(match question.answer {
            AnswerSpec::Levels { .. } => Answer::Yes,
            AnswerSpec::YesNo { .. } => Answer::Count(raw.count),
            AnswerSpec::Count { .. } => Answer::Level(raw.pick),
        }),
        _ => Some(match &question.answer {
            AnswerSpec::Levels { levels } => Answer::Level(raw.pick % levels.len() as u8),
            AnswerSpec::YesNo { .. } if raw.pick.is_multiple_of(2) => Answer::Yes,
            AnswerSpec::YesNo { .. } => Answer::No,
            AnswerSpec::Count { .. } => Answer::Count(raw.count),
        }),
    }
}

#[derive(Debug, Clone)]
struct Case {
    bank: Bank,
    selection: Selection,
    answers: Answers,
}

fn case_strategy() -> impl Strategy<Value = Case> {
    (
        bank_strategy(),
        0..MAX_CATS,
        any::<u8>(),
        prop::collection::vec(answer_strategy(), MAX_DIMS + 16),
    )
        .prop_map(|(spec, cat, mods, raw)| {
            let bank = build(&spec);
            let mut selection = Selection::new(format!("c{}", cat % spec.cats));
            selection.modifiers = ids_in(mods, "m", spec.mods)
                .into_iter()
                .collect::<BTreeSet<_>>();
            let answers = bank
                .questions
                .iter()
                .zip(raw)
                .filter_map(|(q, r)| fit(q, r).map(|a| (q.id.clone(), a)))
                .collect();
            Case {
                bank,
                selection,
                answers,
            }
        })
}

/// The answer one step better than `answer`, if there is one.
fn raised(question: &Question, answer: Answer) -> Option<Answer> {
    match (&question.answer, answer) {
        (AnswerSpec::Levels { levels }, Answer::Level(i)) if usize::from(i) + 1 < levels.len() => {
            Some(Answer::Level(i + 1))
        }
        (
            AnswerSpec::YesNo {
                yes_credit,
                no_credit,
            },
            Answer::No,
        ) if yes_credit > no_credit => Some(Answer::Yes),
        (
            AnswerSpec::YesNo {
                yes_credit,
                no_credit,
            },
            Answer::Yes,
        ) if no_credit > yes_credit => Some(Answer::No),
        (AnswerSpec::Count { .. }, Answer::Count(n)) => Some(Answer::Count(n + 1 + n / 2)),
        _ => None,
    }
}

fn score(result: &Assessment, dim: &str) -> Option<f64> {
    result.dimension(dim).and_then(|d| d.score)
}

/// Equal JSON, numbers to within 1e-12 (relative).
fn same_json(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Number(x), Value::Number(y)) => {
            let (x, y) = (x.as_f64().unwrap(), y.as_f64().unwrap());
            (x - y).abs() <= 1e-12 * x.abs().max(y.abs()).max(1.0)
        }
        (Value::Array(x), Value::Array(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|(x, y)| same_json(x, y))
        }
        (Value::Object(x), Value::Object(y)) => {
            x.len() == y.len()
                && x.iter()
                    .all(|(k, v)| y.get(k).is_some_and(|w| same_json(v, w)))
        }
        _ => a == b,
    }
}

fn in_range(x: f64) -> bool {
    (0.0..=100.0).contains(&x)
}

// ---------------------------------------------------------------------------------------
// Properties of the engine

/// 256 cases (or `FUZZ_CASES` for a longer run); no regression files written into the tree
/// (a failure prints its input).
fn config() -> ProptestConfig {
    let cases = std::env::var("FUZZ_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(256);
    ProptestConfig {
        failure_persistence: None,
        ..ProptestConfig::with_cases(cases)
    }
}

proptest! {
    #![proptest_config(config())]

    /// The generator makes banks the loader accepts, so the properties below are about
    /// banks that can really occur.
    #[test]
    fn generated_banks_are_valid(spec in bank_strategy()) {
        let bank = build(&spec);
        let json = serde_json::to_string(&bank).unwrap();
        match load_bank(&json) {
            // serde_json's default float parsing may land one ulp off (its `float_roundtrip`
            // feature is off), so compare numbers to within 1e-12.
            Ok(loaded) => prop_assert!(
                same_json(&serde_json::to_value(&loaded).unwrap(), &serde_json::to_value(&bank).unwrap()),
                "the bank changed on loading"
            ),
            Err(e) => prop_assert!(false, "generated bank refused:\n{}", e),
        }
    }

    #[test]
    fn scores_stay_between_0_and_100(case in case_strategy()) {
        let r = assess(&case.bank, &case.selection, &case.answers);
        if let Some(overall) = r.overall {
            prop_assert!(in_range(overall), "overall {}", overall);
        }
        for d in &r.dimensions {
            if let Some(s) = d.score {
                prop_assert!(in_range(s), "{} scores {}", d.id, s);
            }
            prop_assert!((0.0..=1.0).contains(&d.weight_share));
        }
        prop_assert!((0.0..=1.0).contains(&r.coverage));
        prop_assert_eq!(r.total(), r.answered + r.not_applicable + r.unanswered);
        for g in &r.gaps {
            let lost: f64 = g.questions.iter().map(|q| q.lost_points).sum();
            // The points lost add up to what the dimension misses of 100.
            prop_assert!((lost - (100.0 - g.score)).abs() < 1e-5, "{:?}", g);
        }
        // And the suggestions are well-formed.
        let s = recommend(&case.bank, &case.selection, &r, Limits::default());
        prop_assert!(s.groups.len() <= 3 && s.trainings.len() <= 5);
        for item in s.groups.iter().chain(&s.trainings) {
            prop_assert!((0.0..=1.0 + 1e-9).contains(&item.score), "{:?}", item);
        }
    }

    #[test]
    fn raising_an_answer_never_lowers_its_dimension(case in case_strategy()) {
        let before = assess(&case.bank, &case.selection, &case.answers);
        for q in &case.bank.questions {
            let Some(&answer) = case.answers.get(&q.id) else { continue };
            let Some(better) = raised(q, answer) else { continue };
            let mut answers = case.answers.clone();
            answers.insert(q.id.clone(), better);
            let after = assess(&case.bank, &case.selection, &answers);
            if let (Some(old), Some(new)) = (score(&before, &q.dimension), score(&after, &q.dimension)) {
                prop_assert!(
                    new >= old,
                    "{} from {:?} to {:?}: {} fell from {} to {}",
                    q.id, answer, better, q.dimension, old, new
                );
            }
            // Raising an answer never takes a score away either.
            prop_assert_eq!(
                score(&before, &q.dimension).is_some(),
                score(&after, &q.dimension).is_some()
            );
        }
    }

    #[test]
    fn not_applicable_never_touches_another_dimension(case in case_strategy()) {
        let before = assess(&case.bank, &case.selection, &case.answers);
        for q in case.bank.questions.iter().filter(|q| q.allow_na) {
            let mut answers = case.answers.clone();
            answers.insert(q.id.clone(), Answer::NotApplicable);
            let after = assess(&case.bank, &case.selection, &answers);
            for d in &before.dimensions {
                if d.id == q.dimension {
                    continue;
                }
                let other = after.dimension(&d.id);
                prop_assert_eq!(other.map(|o| o.score), Some(d.score), "{} moved {}", q.id, d.id);
                prop_assert_eq!(other.map(|o| o.status), Some(d.status));
            }
        }
    }
}

// ---------------------------------------------------------------------------------------
// The loader on hostile input

/// Text that looks like JSON more often than random characters do.
fn jsonish() -> impl Strategy<Value = String> {
    let token = prop_oneof![
        Just("{".to_string()),
        Just("}".to_string()),
        Just("[".to_string()),
        Just("]".to_string()),
        Just(",".to_string()),
        Just(":".to_string()),
        Just("\"".to_string()),
        Just("\"id\"".to_string()),
        Just("\"questions\"".to_string()),
        Just("\"schema_version\": 1".to_string()),
        Just("null".to_string()),
        Just("-1e999".to_string()),
        Just("1.5".to_string()),
        Just("true".to_string()),
        Just("\\u00".to_string()),
        Just("\u{feff}".to_string()),
        any::<char>().prop_map(String::from),
    ];
    prop::collection::vec(token, 0..120).prop_map(|t| t.concat())
}

/// A change to a valid bank's JSON.
#[derive(Debug, Clone)]
enum Mutation {
    /// Delete the key (or list item) at the chosen node.
    Delete,
    /// Replace the chosen node with a value of another type.
    Replace(Value),
    /// Cut the text short at this fraction of its length.
    Truncate(f64),
}

fn replacement() -> impl Strategy<Value = Value> {
    prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        any::<f64>().prop_map(Value::from), // NaN and infinities become null
        Just(serde_json::json!(-1)),
        Just(serde_json::json!(0)),
        Just(serde_json::json!(1e300)),
        Just(serde_json::json!("")),
        ".{0,8}".prop_map(Value::String),
        Just(serde_json::json!([])),
        Just(serde_json::json!([1, "x", null])),
        Just(serde_json::json!({})),
        Just(serde_json::json!({"zh-CN": "x", "type": "levels"})),
    ]
}

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        2 => Just(Mutation::Delete),
        3 => replacement().prop_map(Mutation::Replace),
        1 => (0.0..1.0f64).prop_map(Mutation::Truncate),
    ]
}

/// Every node's JSON pointer, the root excluded.
fn pointers(value: &Value, at: String, out: &mut Vec<String>) {
    match value {
        Value::Object(map) => {
            for (k, v) in map {
                let p = format!("{at}/{}", k.replace('~', "~0").replace('/', "~1"));
                out.push(p.clone());
                pointers(v, p, out);
            }
        }
        Value::Array(items) => {
            for (i, v) in items.iter().enumerate() {
                let p = format!("{at}/{i}");
                out.push(p.clone());
                pointers(v, p, out);
            }
        }
        _ => {}
    }
}

fn mutate(mut value: Value, pick: usize, mutation: &Mutation) -> String {
    let mut all = Vec::new();
    pointers(&value, String::new(), &mut all);
    if all.is_empty() {
        return serde_json::to_string_pretty(&value).unwrap();
    }
    let pointer = &all[pick % all.len()];
    match mutation {
        Mutation::Truncate(fraction) => {
            let text = serde_json::to_string_pretty(&value).unwrap();
            let mut cut = (text.len() as f64 * fraction) as usize;
            while !text.is_char_boundary(cut) {
                cut -= 1;
            }
            return text[..cut].to_string();
        }
        Mutation::Replace(new) => *value.pointer_mut(pointer).unwrap() = new.clone(),
        Mutation::Delete => {
            let (parent, last) = pointer.rsplit_once('/').unwrap();
            match value.pointer_mut(parent).unwrap() {
                Value::Object(map) => {
                    let key = last.replace("~1", "/").replace("~0", "~");
                    map.remove(&key);
                }
                Value::Array(items) => {
                    items.remove(last.parse::<usize>().unwrap());
                }
                _ => unreachable!("a pointer's parent is a container"),
            }
        }
    }
    serde_json::to_string_pretty(&value).unwrap()
}

/// Loads `json`; an error must be located, and a bank that loads must be usable.
fn load_and_use(json: &str) -> Result<(), TestCaseError> {
    match load_bank(json) {
        Err(errors) => {
            prop_assert!(!errors.0.is_empty(), "an error without a problem");
            for e in &errors.0 {
                prop_assert!(e.path.starts_with('$'), "unlocated: {:?}", e);
                prop_assert!(!e.message.is_empty(), "no message: {:?}", e);
            }
        }
        Ok(bank) => {
            for category in &bank.categories {
                let selection = Selection::new(category.id.clone());
                let answers = bank
                    .questions
                    .iter()
                    .map(|q| (q.id.clone(), Answer::Level(0)))
                    .collect();
                let r = assess(&bank, &selection, &answers);
                recommend(&bank, &selection, &r, Limits::default());
            }
        }
    }
    Ok(())
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn load_bank_never_panics_on_arbitrary_text(text in any::<String>()) {
        load_and_use(&text)?;
    }

    #[test]
    fn load_bank_never_panics_on_json_like_text(text in jsonish()) {
        load_and_use(&text)?;
    }

    #[test]
    fn load_bank_never_panics_on_a_mutated_bank(
        spec in bank_strategy(),
        pick in any::<usize>(),
        change in mutation(),
    ) {
        let value = serde_json::to_value(build(&spec)).unwrap();
        load_and_use(&mutate(value, pick, &change))?;
    }

    #[test]
    fn load_bank_never_panics_on_a_mutated_shared_bank(
        pick in any::<usize>(),
        change in mutation(),
        second_pick in any::<usize>(),
        second in mutation(),
    ) {
        // Two changes to the hand-written bank, which uses every section.
        let value = serde_json::to_value(common::valid_bank()).unwrap();
        let once = mutate(value, pick, &change);
        match serde_json::from_str::<Value>(&once) {
            Ok(value) => load_and_use(&mutate(value, second_pick, &second))?,
            Err(_) => load_and_use(&once)?, // truncated: nothing more to change
        }
    }
}

#[test]
fn load_bank_survives_deep_nesting() {
    for open in ["[", "{\"a\":"] {
        let deep = open.repeat(100_000);
        let errors = load_bank(&deep).unwrap_err();
        assert!(!errors.0.is_empty());
    }
}
