//! Engine benchmarks: load, assess and recommend, on the default bank and on generated banks
//! of 1,000 and 10,000 questions (8 dimensions, 8 categories, mixed answer types), every
//! question answered. Two sizes ten times apart show how each step scales: a step that is
//! linear in the number of questions takes about ten times as long on the larger bank.
//!
//! Run with `cargo bench --bench engine`.

#[path = "../common/mod.rs"]
mod common;

use std::sync::LazyLock;

use branch_self_check::assess::{assess, Answer, Answers, Assessment, Selection};
use branch_self_check::bank::{load_bank, AnswerSpec, Bank, DEFAULT_BANK_JSON};
use branch_self_check::recommend::{recommend, Limits};
use common::*;
use divan::Bencher;

fn main() {
    divan::main();
}

/// A bank, its JSON text, a selection and an answer to every question.
struct Fixture {
    bank: Bank,
    json: String,
    selection: Selection,
    answers: Answers,
    assessment: Assessment,
}

impl Fixture {
    fn new(bank: Bank, json: String) -> Fixture {
        let category = bank.categories[0].id.clone();
        let mut selection = Selection::new(category);
        if let Some(m) = bank.modifiers.first() {
            selection.modifiers.insert(m.id.clone());
        }
        let answers = answer_everything(&bank);
        let assessment = assess(&bank, &selection, &answers);
        Fixture {
            bank,
            json,
            selection,
            answers,
            assessment,
        }
    }
}

/// A varied, valid answer to every question.
fn answer_everything(bank: &Bank) -> Answers {
    bank.questions
        .iter()
        .enumerate()
        .map(|(i, q)| {
            let answer = match &q.answer {
                AnswerSpec::Levels { levels } => Answer::Level((i % levels.len()) as u8),
                AnswerSpec::YesNo { .. } if i.is_multiple_of(3) => Answer::No,
                AnswerSpec::YesNo { .. } => Answer::Yes,
                AnswerSpec::Count { per_year, .. } => Answer::Count(i as u32 % (per_year + 2)),
            };
            let answer = if q.allow_na && i.is_multiple_of(9) {
                Answer::NotApplicable
            } else {
                answer
            };
            (q.id.clone(), answer)
        })
        .collect()
}

/// A bank of `n` questions over 8 dimensions and 8 categories, with modifiers, red lines,
/// groups and trainings, in the shape of a real one.
fn generated(n: usize) -> Bank {
    let dims: Vec<String> = (0..8).map(|d| format!("dim-{d}")).collect();
    let dim_refs: Vec<&str> = dims.iter().map(String::as_str).collect();
    let categories = (0..8)
        .map(|c| {
            let rows: Vec<(&str, f64, f64)> = dim_refs
                .iter()
                .enumerate()
                .map(|(d, id)| {
                    (
                        *id,
                        1.0 + ((c + d) % 3) as f64,
                        70.0 + ((c * d) % 4) as f64 * 5.0,
                    )
                })
                .collect();
            category(&format!("cat-{c}"), &rows)
        })
        .collect();
    let questions = (0..n)
        .map(|i| {
            let dim = dim_refs[i % 8];
            let id = format!("q-{i:05}");
            let weight = 1.0 + (i % 3) as f64;
            let mut q = match i % 3 {
                0 => levels(&id, dim, weight, &[0.0, 0.25, 0.5, 0.75, 1.0]),
                1 if i.is_multiple_of(7) => yes_no_credits(&id, dim, weight, 0.0, 1.0),
                1 => yes_no(&id, dim, weight),
                _ => count(&id, dim, weight, 1 + (i % 12) as u32),
            };
            // Keep the first 64 questions open to all, so every category covers every
            // dimension; then vary who is asked.
            if i >= 64 {
                if i.is_multiple_of(5) {
                    q.applies.categories =
                        vec![format!("cat-{}", i % 8), format!("cat-{}", (i + 3) % 8)];
                }
                if i.is_multiple_of(11) {
                    q.applies.except_categories = vec![format!("cat-{}", (i + 1) % 8)];
                }
                if i.is_multiple_of(13) {
                    q.applies.with_modifiers = vec!["overseas".into()];
                }
                if i.is_multiple_of(17) {
                    q.applies.without_modifiers = vec!["temporary".into()];
                }
            }
            if i.is_multiple_of(4) {
                q = allow_na(q);
            }
            if i.is_multiple_of(50) {
                q = red_line(q, 0.25);
            }
            q
        })
        .collect();
    let mut b = bank(&dim_refs, categories, questions);
    b.modifiers = vec![
        modifier("overseas", &[("dim-1", 2.0), ("dim-2", 0.5)]),
        modifier("temporary", &[("dim-3", 0.0)]),
    ];
    b.roles = vec![role("secretary"), role("organiser"), role("member")];
    b.groups = (0..20)
        .map(|g| {
            let focus = [dim_refs[g % 8], dim_refs[(g + 3) % 8]];
            let cats = if g.is_multiple_of(2) {
                vec![]
            } else {
                vec![format!("cat-{}", g % 8)]
            };
            let cat_refs: Vec<&str> = cats.iter().map(String::as_str).collect();
            group(&format!("group-{g:02}"), &focus, &cat_refs)
        })
        .collect();
    b.trainings = (0..40)
        .map(|t| {
            let roles = [["secretary", "organiser", "member"][t % 3]];
            let cat = format!("cat-{}", t % 8);
            let cats: Vec<&str> = if t.is_multiple_of(4) {
                vec![&cat]
            } else {
                vec![]
            };
            training(
                &format!("training-{t:02}"),
                &[dim_refs[t % 8]],
                &roles,
                &cats,
            )
        })
        .collect();
    b
}

fn generated_fixture(n: usize) -> Fixture {
    let bank = generated(n);
    let json = serde_json::to_string_pretty(&bank).unwrap();
    // The generated bank must be one the loader accepts, or the load figures mean nothing.
    if let Err(e) = load_bank(&json) {
        panic!("the generated bank of {n} questions does not load:\n{e}");
    }
    Fixture::new(bank, json)
}

static DEFAULT: LazyLock<Fixture> = LazyLock::new(|| {
    let bank = load_bank(DEFAULT_BANK_JSON).expect("the default bank loads");
    Fixture::new(bank, DEFAULT_BANK_JSON.to_string())
});
static Q1K: LazyLock<Fixture> = LazyLock::new(|| generated_fixture(1_000));
static Q10K: LazyLock<Fixture> = LazyLock::new(|| generated_fixture(10_000));

fn fixture(questions: usize) -> &'static Fixture {
    match questions {
        0 => &DEFAULT,
        1_000 => &Q1K,
        10_000 => &Q10K,
        other => unreachable!("no fixture of {other} questions"),
    }
}

/// 0 stands for the default bank.
const BANKS: [usize; 3] = [0, 1_000, 10_000];

#[divan::bench(args = BANKS, sample_count = 20)]
fn load(bencher: Bencher, questions: usize) {
    let f = fixture(questions);
    bencher
        .counter(divan::counter::BytesCount::new(f.json.len()))
        .bench(|| load_bank(divan::black_box(&f.json)).unwrap());
}

#[divan::bench(args = BANKS, sample_count = 20)]
fn assess_all_answered(bencher: Bencher, questions: usize) {
    let f = fixture(questions);
    bencher.bench(|| assess(&f.bank, &f.selection, divan::black_box(&f.answers)));
}

#[divan::bench(args = BANKS, sample_count = 20)]
fn recommend_all_answered(bencher: Bencher, questions: usize) {
    let f = fixture(questions);
    bencher.bench(|| {
        recommend(
            &f.bank,
            &f.selection,
            divan::black_box(&f.assessment),
            Limits::default(),
        )
    });
}
