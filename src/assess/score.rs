//! Scoring: per-dimension and overall scores, band, completeness, strengths, gaps, red lines.
//!
//! Rules (documented in the README):
//! - A dimension's score is 100 × Σ(weight × credit) / Σ(weight) over its answered questions:
//!   weights apply to the achieved credit and to the maximum alike, so scores never saturate.
//!   "Not applicable" and unanswered questions leave the denominator and show as coverage.
//! - A dimension's effective weight is the category's weight times every active modifier's
//!   factor. The overall score is the weighted mean of the dimensions that have a score.
//! - The band is the first whose `min` the overall score reaches; none is given while fewer
//!   than half the questions are answered ([`INSUFFICIENT_BELOW`]).
//! - A dimension is a gap below its category target and a strength at target + margin or
//!   more. Gaps rank by weight share × shortfall.
//! - A red-line question is flagged when its answer's credit is at most `max_credit`.

use serde::{Deserialize, Serialize};

use super::{asked, credit, Answers, Asked, Selection};
use crate::bank::{Bank, Category};

/// Below this share of questions answered (or marked not applicable), no band is given.
pub const INSUFFICIENT_BELOW: f64 = 0.5;

/// How complete a result is, and so how far it can be trusted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Completeness {
    /// Every applicable question has an answer or "not applicable".
    Complete,
    /// At least half are answered: scores are provisional.
    Partial,
    /// Fewer than half: scores are indicative only and no band is given.
    Insufficient,
}

/// Where a dimension stands against its category's target.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DimensionStatus {
    Strength,
    OnTarget,
    Gap,
    /// Nothing answered yet in this dimension.
    Unknown,
}

/// One dimension's result.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DimensionResult {
    pub id: String,
    /// Share of the overall score (0..=1) this dimension carries for the selection.
    pub weight_share: f64,
    pub target: f64,
    /// 0..=100, or `None` while nothing in it is answered.
    pub score: Option<f64>,
    pub answered: usize,
    pub not_applicable: usize,
    pub unanswered: usize,
    pub status: DimensionStatus,
}

impl DimensionResult {
    /// Applicable questions in this dimension.
    pub fn total(&self) -> usize {
        self.answered + self.not_applicable + self.unanswered
    }
}

/// A question that lost credit, behind a gap.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct QuestionShortfall {
    pub question: String,
    pub credit: f64,
    /// Points of the dimension score this question cost (0..=100).
    pub lost_points: f64,
}

/// A dimension below its target.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Gap {
    pub dimension: String,
    pub score: f64,
    pub target: f64,
    pub shortfall: f64,
    /// weight share × shortfall: what ranks the gaps.
    pub severity: f64,
    /// The questions that cost the most, worst first.
    pub questions: Vec<QuestionShortfall>,
}

/// A red-line question whose answer triggered it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RedLineHit {
    pub question: String,
    pub dimension: String,
}

/// The computed result of a self-check.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Assessment {
    /// 0..=100, or `None` while nothing is answered.
    pub overall: Option<f64>,
    /// The band's id, given once at least half the questions are answered.
    pub band: Option<String>,
    pub completeness: Completeness,
    /// Share (0..=1) of applicable questions answered or marked not applicable.
    pub coverage: f64,
    pub answered: usize,
    pub not_applicable: usize,
    pub unanswered: usize,
    /// Answers that do not fit their question (ignored in the scores).
    pub invalid: Vec<String>,
    pub dimensions: Vec<DimensionResult>,
    /// Dimension ids, strongest first.
    pub strengths: Vec<String>,
    /// Most severe first.
    pub gaps: Vec<Gap>,
    pub red_lines: Vec<RedLineHit>,
}

impl Assessment {
    pub fn total(&self) -> usize {
        self.answered + self.not_applicable + self.unanswered
    }

    pub fn dimension(&self, id: &str) -> Option<&DimensionResult> {
        self.dimensions.iter().find(|d| d.id == id)
    }
}

/// Each dimension's weight for the selection: the category's weight times every active
/// modifier's factor.
pub fn effective_weights(bank: &Bank, category: &Category, selection: &Selection) -> Vec<f64> {
    bank.dimensions
        .iter()
        .map(|d| {
            let base = category.weights.get(&d.id).copied().unwrap_or(0.0);
            bank.modifiers
                .iter()
                .filter(|m| selection.modifiers.contains(&m.id))
                .filter_map(|m| m.weight_factors.get(&d.id))
                .fold(base, |w, factor| w * factor)
        })
        .collect()
}

/// Per-dimension running sums while walking the questions.
#[derive(Default)]
struct Tally<'a> {
    achieved: f64,
    possible: f64,
    answered: usize,
    not_applicable: usize,
    unanswered: usize,
    shortfalls: Vec<(&'a str, f64, f64)>, // (question, credit, weight)
}

/// Scores a self-check. An unknown category gives an empty result rather than a panic.
pub fn assess(bank: &Bank, selection: &Selection, answers: &Answers) -> Assessment {
    assess_asked(bank, selection, &asked(bank, selection, answers))
}

/// [`assess`] of the questions asked, each with its answer, as `asked` gives them: for a
/// caller that has them already, so that they are not looked up twice.
pub(crate) fn assess_asked(bank: &Bank, selection: &Selection, questions: &[Asked]) -> Assessment {
    let mut tallies: Vec<Tally> = bank.dimensions.iter().map(|_| Tally::default()).collect();
    let mut invalid = Vec::new();
    let mut red_lines = Vec::new();

    for &Asked {
        dimension,
        question: q,
        answer,
    } in questions
    {
        // A question of a dimension the bank does not have (`usize::MAX`) is not scored.
        let Some(tally) = tallies.get_mut(dimension) else {
            continue;
        };
        match answer.map(|a| credit(q, a)) {
            None => tally.unanswered += 1,
            Some(Err(_)) => {
                invalid.push(q.id.clone());
                tally.unanswered += 1;
            }
            Some(Ok(None)) => tally.not_applicable += 1,
            Some(Ok(Some(c))) => {
                tally.answered += 1;
                tally.achieved += q.weight * c;
                tally.possible += q.weight;
                if c < 1.0 {
                    tally.shortfalls.push((&q.id, c, q.weight));
                }
                if q.red_line.as_ref().is_some_and(|r| c <= r.max_credit) {
                    red_lines.push(RedLineHit {
                        question: q.id.clone(),
                        dimension: q.dimension.clone(),
                    });
                }
            }
        }
    }

    let category = bank.categories.iter().find(|c| c.id == selection.category);
    let weights = match category {
        Some(c) => effective_weights(bank, c, selection),
        None => vec![0.0; bank.dimensions.len()],
    };
    let scores: Vec<Option<f64>> = tallies
        .iter()
        .map(|t| (t.possible > 0.0).then(|| 100.0 * t.achieved / t.possible))
        .collect();
    let scored_weight: f64 = weights
        .iter()
        .zip(&scores)
        .filter(|(_, s)| s.is_some())
        .map(|(w, _)| w)
        .sum();
    let total_weight: f64 = weights.iter().sum();
    let overall = (scored_weight > 0.0).then(|| {
        let sum: f64 = weights
            .iter()
            .zip(&scores)
            .filter_map(|(w, s)| s.map(|s| w * s))
            .sum();
        clamp_score(sum / scored_weight)
    });

    let mut dimensions = Vec::with_capacity(bank.dimensions.len());
    let mut gaps = Vec::new();
    let mut strengths: Vec<(String, f64)> = Vec::new();
    for (i, d) in bank.dimensions.iter().enumerate() {
        let tally = &tallies[i];
        let total = tally.answered + tally.not_applicable + tally.unanswered;
        let weight_share = if total_weight > 0.0 {
            weights[i] / total_weight
        } else {
            0.0
        };
        if total == 0 && weight_share == 0.0 {
            continue; // neither asked nor weighed: not part of this branch's picture
        }
        let target = category
            .and_then(|c| c.targets.get(&d.id).copied())
            .unwrap_or(0.0);
        let score = scores[i].map(clamp_score);
        let status = match score {
            None => DimensionStatus::Unknown,
            Some(s) if s < target => DimensionStatus::Gap,
            Some(s) if s >= target + bank.strength_margin => DimensionStatus::Strength,
            Some(_) => DimensionStatus::OnTarget,
        };
        match (status, score) {
            (DimensionStatus::Gap, Some(s)) => {
                gaps.push(gap(&d.id, s, target, weight_share, tally));
            }
            (DimensionStatus::Strength, Some(s)) => strengths.push((d.id.clone(), s - target)),
            _ => {}
        }
        dimensions.push(DimensionResult {
            id: d.id.clone(),
            weight_share,
            target,
            score,
            answered: tally.answered,
            not_applicable: tally.not_applicable,
            unanswered: tally.unanswered,
            status,
        });
    }
    crate::order::sort_by(&mut gaps, |a, b| {
        b.severity
            .total_cmp(&a.severity)
            .then(a.dimension.cmp(&b.dimension))
    });
    crate::order::sort_by(&mut strengths, |a, b| {
        b.1.total_cmp(&a.1).then(a.0.cmp(&b.0))
    });

    let answered: usize = tallies.iter().map(|t| t.answered).sum();
    let not_applicable: usize = tallies.iter().map(|t| t.not_applicable).sum();
    let unanswered: usize = tallies.iter().map(|t| t.unanswered).sum();
    let total = answered + not_applicable + unanswered;
    let coverage = if total == 0 {
        0.0
    } else {
        (answered + not_applicable) as f64 / total as f64
    };
    let completeness = if total > 0 && unanswered == 0 {
        Completeness::Complete
    } else if coverage >= INSUFFICIENT_BELOW {
        Completeness::Partial
    } else {
        Completeness::Insufficient
    };
    let band = match (overall, completeness) {
        (Some(score), Completeness::Complete | Completeness::Partial) => bank
            .bands
            .iter()
            .find(|b| score >= b.min)
            .map(|b| b.id.clone()),
        _ => None,
    };

    Assessment {
        overall,
        band,
        completeness,
        coverage,
        answered,
        not_applicable,
        unanswered,
        invalid,
        dimensions,
        strengths: strengths.into_iter().map(|(id, _)| id).collect(),
        gaps,
        red_lines,
    }
}

fn gap(dimension: &str, score: f64, target: f64, weight_share: f64, tally: &Tally) -> Gap {
    let shortfall = target - score;
    let mut questions: Vec<QuestionShortfall> = tally
        .shortfalls
        .iter()
        .map(|(id, credit, weight)| QuestionShortfall {
            question: id.to_string(),
            credit: *credit,
            lost_points: 100.0 * weight * (1.0 - credit) / tally.possible,
        })
        .collect();
    crate::order::sort_by(&mut questions, |a, b| {
        b.lost_points
            .total_cmp(&a.lost_points)
            .then(a.question.cmp(&b.question))
    });
    Gap {
        dimension: dimension.to_string(),
        score,
        target,
        shortfall,
        severity: weight_share * shortfall,
        questions,
    }
}

/// Keeps rounding noise from leaving 0..=100, and from putting a score a hair below a round
/// target or band boundary (100 × (2×0.7 + 0.7) / 3 is 69.99999999999999 in floating point):
/// scores are kept to six decimals.
fn clamp_score(score: f64) -> f64 {
    ((score * 1e6).round() / 1e6).clamp(0.0, 100.0)
}
