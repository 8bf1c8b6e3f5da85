//! Comparing a baseline record (say, last year's) with the current assessment.

use serde::{Deserialize, Serialize};

use crate::assess::Assessment;

use super::export::{round_score, Record};

/// A score then and now, and the change (`now − then`, to 0.1) when both exist.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Delta {
    pub then: Option<f64>,
    pub now: Option<f64>,
    pub change: Option<f64>,
}

impl Delta {
    /// Both scores are taken to 0.1 (as records keep them) before subtracting, so the
    /// change shown always equals the difference of the scores shown.
    pub fn new(then: Option<f64>, now: Option<f64>) -> Delta {
        let then = then.and_then(round_score);
        let now = now.and_then(round_score);
        let change = match (then, now) {
            (Some(t), Some(n)) => round_score(n - t),
            _ => None,
        };
        Delta { then, now, change }
    }
}

/// One dimension then and now.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DimensionDelta {
    pub id: String,
    pub then: Option<f64>,
    pub now: Option<f64>,
    pub change: Option<f64>,
}

/// How the current self-check compares with a baseline.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Comparison {
    /// When the baseline was made (its `created` date).
    pub then_created: String,
    /// The bank version the baseline was made with; when it differs from the current one,
    /// the questions behind the scores may differ too.
    pub then_bank_version: String,
    pub overall: Delta,
    /// In the current assessment's order, then any dimension only the baseline has.
    pub dimensions: Vec<DimensionDelta>,
}

/// Compares a baseline with the current assessment.
pub fn compare(baseline: &Record, now: &Assessment) -> Comparison {
    let then_score = |id: &str| {
        baseline
            .results
            .dimensions
            .iter()
            .find(|d| d.id == id)
            .and_then(|d| d.score)
    };
    let mut dimensions: Vec<DimensionDelta> = now
        .dimensions
        .iter()
        .map(|d| dimension_delta(&d.id, then_score(&d.id), d.score))
        .collect();
    dimensions.extend(
        baseline
            .results
            .dimensions
            .iter()
            .filter(|d| now.dimension(&d.id).is_none())
            .map(|d| dimension_delta(&d.id, d.score, None)),
    );
    Comparison {
        then_created: baseline.created.clone(),
        then_bank_version: baseline.bank.version.clone(),
        overall: Delta::new(baseline.results.overall, now.overall),
        dimensions,
    }
}

fn dimension_delta(id: &str, then: Option<f64>, now: Option<f64>) -> DimensionDelta {
    let Delta { then, now, change } = Delta::new(then, now);
    DimensionDelta {
        id: id.to_string(),
        then,
        now,
        change,
    }
}
