//! The part of the default bank the first screens show before the app module is here: the
//! categories, modifiers, roles and dimensions, where every question belongs and when it is
//! asked, and the whole of the first dimension's questions, derived at build time (build.rs)
//! as Chinese static data, so the main module needs neither the bank's JSON nor its loader.

use std::collections::BTreeMap;

use super::model::{
    AnswerSpec, Applies, Bank, Category, Dimension, Level, Modifier, Question, RedLine, Role, Text,
};

/// What build.rs derives from the default bank for the first screens.
pub struct FirstSteps {
    pub categories: &'static [FirstCategory],
    pub modifiers: &'static [Choice],
    /// (id, name)
    pub roles: &'static [(&'static str, &'static str)],
    pub dimensions: &'static [FirstDimension],
    /// Every question of the bank, in bank order.
    pub questions: &'static [QuestionPlace],
}

/// An id with its Chinese name and description.
pub struct Choice {
    pub id: &'static str,
    pub name: &'static str,
    pub description: &'static str,
}

pub struct FirstCategory {
    pub choice: Choice,
    pub problems: &'static [&'static str],
}

pub struct FirstDimension {
    pub choice: Choice,
    pub short: Option<&'static str>,
}

/// A question's id, dimension and conditions (categories, except categories, with
/// modifiers, without modifiers), and for the first dimension's questions what they show.
pub struct QuestionPlace {
    pub id: &'static str,
    pub dimension: &'static str,
    pub applies: [&'static [&'static str]; 4],
    pub shown: Option<&'static FirstQuestion>,
}

/// A question as the questionnaire shows it (its improvement step aside).
pub struct FirstQuestion {
    pub weight: f64,
    pub text: &'static str,
    pub help: Option<&'static str>,
    pub source: Option<&'static str>,
    pub answer: FirstAnswer,
    pub allow_na: bool,
    /// (max_credit, message)
    pub red_line: Option<(f64, &'static str)>,
}

pub enum FirstAnswer {
    /// (credit, label) per level.
    Levels(&'static [(f64, &'static str)]),
    /// (yes_credit, no_credit)
    YesNo(f64, f64),
    /// (per_year, unit)
    Count(u32, &'static str),
}

include!(concat!(env!("OUT_DIR"), "/default-bank-first-steps.rs"));

/// The default bank as far as the first screens need it: titles, every category, modifier,
/// role and dimension, and every question in its place, but only the first dimension's with
/// their texts. No weights, targets, bands, groups or trainings: nothing is scored with it.
pub fn bank(summary: &super::summary::BankSummary) -> Bank {
    let text = |zh: &str| Text {
        zh: zh.to_string(),
        en: None,
    };
    let strings = |ids: &[&str]| ids.iter().map(|s| s.to_string()).collect::<Vec<_>>();
    let steps = &FIRST_STEPS;
    Bank {
        schema_version: 1,
        id: summary.id.to_string(),
        version: summary.version.to_string(),
        previous_versions: Vec::new(),
        title: text(summary.title),
        description: summary.description.map(text),
        bands: Vec::new(),
        strength_margin: 0.0,
        dimensions: steps
            .dimensions
            .iter()
            .map(|d| Dimension {
                id: d.choice.id.to_string(),
                name: text(d.choice.name),
                short: d.short.map(text),
                description: text(d.choice.description),
            })
            .collect(),
        categories: steps
            .categories
            .iter()
            .map(|c| Category {
                id: c.choice.id.to_string(),
                name: text(c.choice.name),
                description: text(c.choice.description),
                typical_problems: c.problems.iter().map(|p| text(p)).collect(),
                weights: BTreeMap::new(),
                targets: BTreeMap::new(),
            })
            .collect(),
        modifiers: steps
            .modifiers
            .iter()
            .map(|m| Modifier {
                id: m.id.to_string(),
                name: text(m.name),
                description: text(m.description),
                weight_factors: BTreeMap::new(),
            })
            .collect(),
        roles: steps
            .roles
            .iter()
            .map(|(id, name)| Role {
                id: id.to_string(),
                name: text(name),
            })
            .collect(),
        questions: steps
            .questions
            .iter()
            .map(|place| {
                let [categories, except_categories, with_modifiers, without_modifiers] =
                    place.applies;
                let applies = Applies {
                    categories: strings(categories),
                    except_categories: strings(except_categories),
                    with_modifiers: strings(with_modifiers),
                    without_modifiers: strings(without_modifiers),
                };
                let shown = place.shown;
                let answer = match shown.map(|q| &q.answer) {
                    Some(FirstAnswer::Levels(levels)) => AnswerSpec::Levels {
                        levels: levels
                            .iter()
                            .map(|(credit, label)| Level {
                                credit: *credit,
                                label: text(label),
                            })
                            .collect(),
                    },
                    Some(FirstAnswer::Count(per_year, unit)) => AnswerSpec::Count {
                        per_year: *per_year,
                        unit: text(unit),
                    },
                    Some(FirstAnswer::YesNo(yes_credit, no_credit)) => AnswerSpec::YesNo {
                        yes_credit: *yes_credit,
                        no_credit: *no_credit,
                    },
                    None => AnswerSpec::YesNo {
                        yes_credit: 1.0,
                        no_credit: 0.0,
                    },
                };
                Question {
                    id: place.id.to_string(),
                    dimension: place.dimension.to_string(),
                    weight: shown.map_or(0.0, |q| q.weight),
                    text: text(shown.map_or("", |q| q.text)),
                    help: shown.and_then(|q| q.help).map(text),
                    source: shown.and_then(|q| q.source).map(text),
                    applies,
                    answer,
                    improve: None,
                    allow_na: shown.is_some_and(|q| q.allow_na),
                    red_line: shown
                        .and_then(|q| q.red_line)
                        .map(|(max_credit, message)| RedLine {
                            max_credit,
                            message: text(message),
                        }),
                }
            })
            .collect(),
        groups: Vec::new(),
        trainings: Vec::new(),
    }
}

/// Whether the first screens can show the questionnaire at `dimension`: they hold its
/// questions, and each is answered by choosing (a count's field is the app's alone).
pub fn shows_dimension(dimension: &str) -> bool {
    let mut questions = FIRST_STEPS
        .questions
        .iter()
        .filter(|q| q.dimension == dimension)
        .peekable();
    questions.peek().is_some()
        && questions.all(|q| {
            q.shown
                .is_some_and(|shown| !matches!(shown.answer, FirstAnswer::Count(..)))
        })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::assess::{AskedQuestions, Selection};
    use crate::bank::summary::DEFAULT_BANK_SUMMARY;
    use crate::bank::{load_bank, DEFAULT_BANK_ZH_JSON};

    /// The first screens must show what the app would on the same screens, and ask the same
    /// questions of every selection.
    #[test]
    fn the_first_steps_are_the_default_bank_as_far_as_the_first_screens_go() {
        let whole = load_bank(DEFAULT_BANK_ZH_JSON).expect("the default bank loads");
        let first = bank(&DEFAULT_BANK_SUMMARY);
        assert_eq!((&first.id, &first.version), (&whole.id, &whole.version));
        assert_eq!(first.title, whole.title);
        assert_eq!(first.description, whole.description);
        assert_eq!(first.dimensions, whole.dimensions);
        assert_eq!(first.roles, whole.roles);
        let without_numbers = |c: &Category| Category {
            weights: BTreeMap::new(),
            targets: BTreeMap::new(),
            ..c.clone()
        };
        assert_eq!(
            first.categories,
            whole
                .categories
                .iter()
                .map(without_numbers)
                .collect::<Vec<_>>()
        );
        let (first_mods, whole_mods): (Vec<_>, Vec<_>) = (
            first
                .modifiers
                .iter()
                .map(|m| (&m.id, &m.name, &m.description))
                .collect(),
            whole
                .modifiers
                .iter()
                .map(|m| (&m.id, &m.name, &m.description))
                .collect(),
        );
        assert_eq!(first_mods, whole_mods);

        assert_eq!(first.questions.len(), whole.questions.len());
        let opening = &whole.dimensions[0].id;
        assert!(shows_dimension(opening));
        assert!(!shows_dimension(&whole.dimensions[1].id));
        let mut shown = 0;
        for (f, w) in first.questions.iter().zip(&whole.questions) {
            assert_eq!(
                (&f.id, &f.dimension, &f.applies),
                (&w.id, &w.dimension, &w.applies)
            );
            if &w.dimension == opening {
                assert_eq!(
                    f,
                    &Question {
                        improve: None,
                        ..w.clone()
                    },
                    "{}",
                    w.id
                );
                shown += 1;
            }
        }
        assert!(
            shown > 10,
            "the first dimension has its questions ({shown})"
        );

        // Every category, alone and with each modifier, is asked the same questions.
        for category in &whole.categories {
            let plain = Selection::new(category.id.clone());
            let mut selections = vec![plain.clone()];
            selections.extend(
                whole
                    .modifiers
                    .iter()
                    .map(|m| plain.clone().with_modifier(m.id.clone())),
            );
            for selection in selections {
                assert_eq!(
                    AskedQuestions::new(&first, &selection),
                    AskedQuestions::new(&whole, &selection),
                    "{selection:?}"
                );
            }
        }
    }
}
