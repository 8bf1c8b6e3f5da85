//! Suggestions: collaboration groups and training modules, ranked, each with its reasons.
//!
//! Ranking (documented in the README):
//! - A dimension's *need* is its gap severity (weight share × shortfall) plus
//!   [`RED_LINE_NEED`] for each red line flagged in it.
//! - need cover = the need in the item's dimensions ÷ all need.
//! - Groups: 0.6 × need cover + 0.25 × fit (1 named for the category or for one of the
//!   branch's modifiers, 0.5 open to all) + 0.15 × the share of the group's focus where the
//!   branch is strong (互补: what it brings). A group must cover a need or gain from a
//!   strength.
//! - Trainings: 0.6 × need cover + 0.25 when tailored to the category or to one of the
//!   branch's modifiers + 0.15 when aimed at the user's role. A training must cover a need.
//! - An item limited to other categories, or to modifiers the branch does not have, or barred
//!   from a modifier the branch has, is never suggested.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use crate::assess::{Assessment, Selection};
use crate::bank::{Bank, Group, Training};

/// How much need one red line adds to its dimension (a 20 %-weight dimension ten points
/// short of its target has the same).
pub const RED_LINE_NEED: f64 = 2.0;
/// The parts of an item's rank score: how much of the branch's need it covers, how well it
/// fits the branch's kind, and what the branch brings (groups) or whether it is aimed at the
/// user's role (trainings). They add up to 1.
const NEED_SHARE: f64 = 0.6;
const FIT_SHARE: f64 = 0.25;
const EXTRA_SHARE: f64 = 0.15;
/// Questions named per gap in a reason.
const QUESTIONS_PER_REASON: usize = 2;

/// Why an item was suggested, in terms a person can read once localised.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Reason {
    /// The item works on a dimension where the branch is below target.
    CoversGap {
        dimension: String,
        score: f64,
        target: f64,
        /// The questions that cost the most in that dimension.
        questions: Vec<String>,
    },
    /// The item works on a dimension with a red line.
    AddressesRedLine { dimension: String, question: String },
    /// The item is meant for the branch's category.
    FitsCategory { category: String },
    /// The item is meant for branches with this modifier (overseas, temporary ...), which
    /// the branch has.
    FitsModifier { modifier: String },
    /// The branch is strong where the group works: it can help the others (互补).
    BringsStrength { dimension: String },
    /// The training is aimed at the user's role.
    ForRole { role: String },
}

/// A suggested item (a group or a training), with its rank score and reasons.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Suggestion {
    pub id: String,
    /// 0..=1; higher ranks first.
    pub score: f64,
    pub reasons: Vec<Reason>,
}

/// All suggestions for a result.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Suggestions {
    pub groups: Vec<Suggestion>,
    pub trainings: Vec<Suggestion>,
}

/// How many of each to suggest.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    pub groups: usize,
    pub trainings: usize,
}

impl Default for Limits {
    fn default() -> Limits {
        Limits {
            groups: 3,
            trainings: 5,
        }
    }
}

/// Ranks the bank's groups and trainings for this result.
pub fn recommend(
    bank: &Bank,
    selection: &Selection,
    assessment: &Assessment,
    limits: Limits,
) -> Suggestions {
    let needs = Needs::of(assessment);
    // Ranked on their scores alone; only the items kept get their reasons.
    let mut groups = scored_groups(bank, selection, &needs);
    rank(&mut groups, |g| &g.id, limits.groups);
    let groups = groups
        .into_iter()
        .map(|(score, g)| {
            let mut reasons = needs.reasons(&g.focus);
            reasons.extend(fit_reasons(&g.categories, &g.modifiers, selection));
            reasons.extend(
                strong(&g.focus, assessment).map(|d| Reason::BringsStrength {
                    dimension: d.clone(),
                }),
            );
            Suggestion {
                id: g.id.clone(),
                score,
                reasons,
            }
        })
        .collect();

    let mut trainings = scored_trainings(bank, selection, &needs);
    rank(&mut trainings, |t| &t.id, limits.trainings);
    let trainings = trainings
        .into_iter()
        .map(|(score, t)| {
            let mut reasons = needs.reasons(&t.dimensions);
            reasons.extend(fit_reasons(&t.categories, &t.modifiers, selection));
            if let Some(role) = for_role(t, selection) {
                reasons.push(Reason::ForRole { role: role.clone() });
            }
            Suggestion {
                id: t.id.clone(),
                score,
                reasons,
            }
        })
        .collect();
    Suggestions { groups, trainings }
}

/// Every training that may be suggested for this result, with the score [`recommend`] ranks
/// it by, in bank order and without reasons: for a roll-up that ranks many branches' trainings
/// and needs no reasons.
pub(crate) fn training_scores<'b>(
    bank: &'b Bank,
    selection: &Selection,
    assessment: &Assessment,
) -> Vec<(f64, &'b Training)> {
    scored_trainings(bank, selection, &Needs::of(assessment))
}

/// The groups that may be suggested, with their rank scores, in bank order.
fn scored_groups<'b>(
    bank: &'b Bank,
    selection: &Selection,
    needs: &Needs,
) -> Vec<(f64, &'b Group)> {
    bank.groups
        .iter()
        .filter(|g| offered(&g.categories, &g.modifiers, &g.without_modifiers, selection))
        .filter_map(|g| {
            let cover = needs.cover(&g.focus);
            let strong = strong(&g.focus, needs.assessment).count();
            if cover == 0.0 && strong == 0 {
                return None;
            }
            let fit = if fits(&g.categories, &g.modifiers, selection) {
                1.0
            } else {
                0.5
            };
            let complement = strong as f64 / g.focus.len().max(1) as f64;
            Some((
                NEED_SHARE * cover + FIT_SHARE * fit + EXTRA_SHARE * complement,
                g,
            ))
        })
        .collect()
}

/// The trainings that may be suggested, with their rank scores, in bank order.
fn scored_trainings<'b>(
    bank: &'b Bank,
    selection: &Selection,
    needs: &Needs,
) -> Vec<(f64, &'b Training)> {
    bank.trainings
        .iter()
        .filter(|t| offered(&t.categories, &t.modifiers, &t.without_modifiers, selection))
        .filter_map(|t| {
            let cover = needs.cover(&t.dimensions);
            if cover == 0.0 {
                return None;
            }
            let score = NEED_SHARE * cover
                + if fits(&t.categories, &t.modifiers, selection) {
                    FIT_SHARE
                } else {
                    0.0
                }
                + if for_role(t, selection).is_some() {
                    EXTRA_SHARE
                } else {
                    0.0
                };
            Some((score, t))
        })
        .collect()
}

/// The dimensions of a group's focus where the branch is strong.
fn strong<'a>(
    focus: &'a [String],
    assessment: &'a Assessment,
) -> impl Iterator<Item = &'a String> + 'a {
    focus.iter().filter(|d| assessment.strengths.contains(d))
}

/// The user's role, when the training is aimed at it.
fn for_role<'a>(training: &Training, selection: &'a Selection) -> Option<&'a String> {
    selection
        .role
        .as_ref()
        .filter(|r| training.roles.contains(r))
}

/// Whether an item limited to `categories` and `modifiers` (each empty: no limit), and
/// barred from `without` modifiers, may be suggested to this branch.
fn offered(
    categories: &[String],
    modifiers: &[String],
    without: &[String],
    selection: &Selection,
) -> bool {
    (categories.is_empty() || categories.contains(&selection.category))
        && (modifiers.is_empty() || modifiers.iter().any(|m| selection.modifiers.contains(m)))
        && !without.iter().any(|m| selection.modifiers.contains(m))
}

/// Whether an item is named for the branch's category or for one of its modifiers: whether
/// [`fit_reasons`] gives any.
fn fits(categories: &[String], modifiers: &[String], selection: &Selection) -> bool {
    categories.contains(&selection.category)
        || modifiers.iter().any(|m| selection.modifiers.contains(m))
}

/// Why an item fits this branch's kind: its category named, and each of its modifiers the
/// branch has. Empty for an item open to all.
fn fit_reasons(categories: &[String], modifiers: &[String], selection: &Selection) -> Vec<Reason> {
    let category = categories
        .contains(&selection.category)
        .then(|| Reason::FitsCategory {
            category: selection.category.clone(),
        });
    let modifiers = modifiers
        .iter()
        .filter(|m| selection.modifiers.contains(*m))
        .map(|m| Reason::FitsModifier {
            modifier: m.clone(),
        });
    category.into_iter().chain(modifiers).collect()
}

/// Highest score first, ties by id so the order never flickers; then keep the best.
fn rank<T>(items: &mut Vec<(f64, &T)>, id: fn(&T) -> &String, limit: usize) {
    crate::order::sort_by(items, |a, b| b.0.total_cmp(&a.0).then(id(a.1).cmp(id(b.1))));
    items.truncate(limit);
}

/// What the branch needs, per dimension, from its gaps and red lines.
struct Needs<'a> {
    assessment: &'a Assessment,
    by_dimension: HashMap<&'a str, f64>,
    total: f64,
}

impl<'a> Needs<'a> {
    fn of(assessment: &'a Assessment) -> Needs<'a> {
        let mut by_dimension: HashMap<&str, f64> = HashMap::new();
        for gap in &assessment.gaps {
            *by_dimension.entry(gap.dimension.as_str()).or_default() += gap.severity;
        }
        for hit in &assessment.red_lines {
            *by_dimension.entry(hit.dimension.as_str()).or_default() += RED_LINE_NEED;
        }
        // Summed in the assessment's order, not the map's: a HashMap's order changes from run
        // to run, and so would the last bits of the total, and with them the order of items
        // whose scores tie.
        let total = assessment.gaps.iter().map(|g| g.severity).sum::<f64>()
            + RED_LINE_NEED * assessment.red_lines.len() as f64;
        Needs {
            assessment,
            by_dimension,
            total,
        }
    }

    /// The share of all need that these dimensions cover.
    fn cover(&self, dimensions: &[String]) -> f64 {
        if self.total <= 0.0 {
            return 0.0;
        }
        let covered: f64 = dimensions
            .iter()
            .filter_map(|d| self.by_dimension.get(d.as_str()))
            .sum();
        (covered / self.total).min(1.0)
    }

    /// Reasons naming the red lines and gaps these dimensions address, most severe first.
    fn reasons(&self, dimensions: &[String]) -> Vec<Reason> {
        let red_lines = self
            .assessment
            .red_lines
            .iter()
            .filter(|hit| dimensions.contains(&hit.dimension))
            .map(|hit| Reason::AddressesRedLine {
                dimension: hit.dimension.clone(),
                question: hit.question.clone(),
            });
        let gaps = self
            .assessment
            .gaps
            .iter()
            .filter(|gap| dimensions.contains(&gap.dimension))
            .map(|gap| Reason::CoversGap {
                dimension: gap.dimension.clone(),
                score: gap.score,
                target: gap.target,
                questions: gap
                    .questions
                    .iter()
                    .take(QUESTIONS_PER_REASON)
                    .map(|q| q.question.clone())
                    .collect(),
            });
        red_lines.chain(gaps).collect()
    }
}
