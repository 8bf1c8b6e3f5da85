//! Each branch's figures, computed once from the roster: scores, band, red lines, the credit
//! of every comparable answer and the suggested trainings. Every view reads these.
//!
//! - A branch with current-version records is scored by the engine on its combined answers
//!   (one record: its own answers, so the figures equal the record's results).
//! - A branch with only earlier-version records keeps its primary record's stored results;
//!   its suggestions are ranked from those stored scores against today's targets.
//! - Scores are kept to 0.1, as records keep them, so every view shows what the branch saw.
//! - Targets are today's targets for the branch's category (分类考评 against one standard).

use std::collections::HashMap;

use crate::assess::{
    credit, effective_weights, Assessment, Completeness, DimensionResult, DimensionStatus, Gap,
    RedLineHit, Selection,
};
use crate::bank::Bank;
use crate::recommend::{recommend, Limits};
use crate::record::RecordedResults;

use super::findings::TRAININGS_PER_BRANCH;
use super::intake::Roster;
use super::merge::merge_branch;

/// One branch's figures.
#[derive(Debug, Clone, PartialEq)]
pub struct BranchFigures {
    /// The branch's category, modifiers and role (of its primary record).
    pub selection: Selection,
    pub bank_version: String,
    /// The newest `created` among its records.
    pub date: String,
    pub overall: Option<f64>,
    pub band: Option<String>,
    pub completeness: Completeness,
    /// Per dimension, in [`Figures::dimensions`] order, to 0.1.
    pub scores: Vec<Option<f64>>,
    /// The category's target per dimension, same order.
    pub targets: Vec<f64>,
    /// Red-line question ids.
    pub red_lines: Vec<String>,
    /// (position in `bank.questions`, credit) of each comparable answer other than "not
    /// applicable", in bank order.
    pub credits: Vec<(usize, f64)>,
    /// The roles of the records rolled up (`None`: not given).
    pub roles: Vec<Option<String>>,
    /// Suggested training ids, best first.
    pub trainings: Vec<String>,
    /// Scored by the current bank (otherwise an earlier version's stored results).
    pub current: bool,
}

/// Every branch's figures, in [`Roster::branches`] order.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Figures {
    /// The bank's dimension ids, in bank order.
    pub dimensions: Vec<String>,
    pub branches: Vec<BranchFigures>,
}

/// Computes every branch's figures: one assessment and one ranking of trainings per branch.
pub fn figures(bank: &Bank, roster: &Roster) -> Figures {
    let positions: HashMap<&str, usize> = bank
        .questions
        .iter()
        .enumerate()
        .map(|(i, q)| (q.id.as_str(), i))
        .collect();
    let branches = (0..roster.branches.len())
        .filter_map(|b| {
            let view = merge_branch(bank, roster, b)?;
            let records = view.members.iter().map(|&m| &roster.members[m].record);
            let date = records
                .clone()
                .map(|r| r.created.as_str())
                .max()
                .unwrap_or_default()
                .to_string();
            let roles = records.map(|r| r.selection.role.clone()).collect();
            let primary = &roster.members[view.primary].record;
            let current = view.assessment.is_some();
            let (results, assessment) = match view.assessment {
                Some(a) => (RecordedResults::from_assessment(&a), a),
                None => {
                    let results = primary.results.clone();
                    let a = stored_assessment(bank, &view.selection, &results);
                    (results, a)
                }
            };
            let trainings = trainings(bank, &view.selection, &assessment);
            let mut credits = view
                .combined
                .iter()
                .filter_map(|(id, answer)| {
                    let at = *positions.get(id.as_str())?;
                    Some((at, credit(&bank.questions[at], *answer).ok()??))
                })
                .collect::<Vec<_>>();
            crate::order::sort_by(&mut credits, |a, b| a.0.cmp(&b.0));
            let category = bank
                .categories
                .iter()
                .find(|c| c.id == view.selection.category);
            Some(BranchFigures {
                bank_version: if current {
                    bank.version.clone()
                } else {
                    primary.bank.version.clone()
                },
                date,
                overall: results.overall,
                band: results.band.clone(),
                completeness: results.completeness,
                scores: bank
                    .dimensions
                    .iter()
                    .map(|d| {
                        let stored = results.dimensions.iter().find(|r| r.id == d.id);
                        stored.and_then(|r| r.score)
                    })
                    .collect(),
                targets: bank
                    .dimensions
                    .iter()
                    .map(|d| category.and_then(|c| c.targets.get(&d.id).copied()))
                    .map(|t| t.unwrap_or(0.0))
                    .collect(),
                red_lines: results.red_lines,
                credits,
                roles,
                trainings,
                current,
                selection: view.selection,
            })
        })
        .collect();
    Figures {
        dimensions: bank.dimensions.iter().map(|d| d.id.clone()).collect(),
        branches,
    }
}

/// The [`TRAININGS_PER_BRANCH`] best trainings. `recommend` adds up needs in a `HashMap`'s
/// order, so two equal scores can differ in their last bits from one run to the next and
/// swap places; ranked again on scores rounded to 1e-9, ties fall to the id and the roll-up
/// does not change between two computations of the same roster.
fn trainings(bank: &Bank, selection: &Selection, assessment: &Assessment) -> Vec<String> {
    let all = Limits {
        groups: 0,
        trainings: usize::MAX,
    };
    let mut ranked = recommend(bank, selection, assessment, all).trainings;
    let settled = |score: f64| (score * 1e9).round();
    crate::order::sort_by(&mut ranked, |a, b| {
        settled(b.score)
            .total_cmp(&settled(a.score))
            .then(a.id.cmp(&b.id))
    });
    ranked.truncate(TRAININGS_PER_BRANCH);
    ranked.into_iter().map(|s| s.id).collect()
}

/// An assessment rebuilt from stored results, for ranking suggestions: scores, gaps and
/// strengths against today's targets and weights, red lines the bank still has. Question
/// detail is not known, so gaps name no questions.
fn stored_assessment(bank: &Bank, selection: &Selection, results: &RecordedResults) -> Assessment {
    let category = bank.categories.iter().find(|c| c.id == selection.category);
    let weights = category
        .map(|c| effective_weights(bank, c, selection))
        .unwrap_or_default();
    let total: f64 = weights.iter().sum();
    let mut dimensions = Vec::new();
    let mut gaps = Vec::new();
    let mut strengths = Vec::new();
    for (i, d) in bank.dimensions.iter().enumerate() {
        let share = match weights.get(i) {
            Some(w) if total > 0.0 => w / total,
            _ => 0.0,
        };
        let target = category
            .and_then(|c| c.targets.get(&d.id).copied())
            .unwrap_or(0.0);
        let score = results
            .dimensions
            .iter()
            .find(|r| r.id == d.id)
            .and_then(|r| r.score);
        let status = match score {
            None => DimensionStatus::Unknown,
            Some(s) if s < target => {
                gaps.push(Gap {
                    dimension: d.id.clone(),
                    score: s,
                    target,
                    shortfall: target - s,
                    severity: share * (target - s),
                    questions: Vec::new(),
                });
                DimensionStatus::Gap
            }
            Some(s) if s >= target + bank.strength_margin => {
                strengths.push(d.id.clone());
                DimensionStatus::Strength
            }
            Some(_) => DimensionStatus::OnTarget,
        };
        dimensions.push(DimensionResult {
            id: d.id.clone(),
            weight_share: share,
            target,
            score,
            answered: 0,
            not_applicable: 0,
            unanswered: 0,
            status,
        });
    }
    let red_lines = results
        .red_lines
        .iter()
        .filter_map(|id| bank.questions.iter().find(|q| &q.id == id))
        .map(|q| RedLineHit {
            question: q.id.clone(),
            dimension: q.dimension.clone(),
        })
        .collect();
    Assessment {
        overall: results.overall,
        band: results.band.clone(),
        completeness: results.completeness,
        coverage: results.coverage,
        answered: 0,
        not_applicable: 0,
        unanswered: 0,
        invalid: Vec::new(),
        dimensions,
        strengths,
        gaps,
        red_lines,
    }
}
