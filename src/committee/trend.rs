//! Trend between two rounds: the change per branch (matched by name) and per category and
//! dimension (means of each round).
//!
//! Rules: branches are matched by their label or unit name, when that name occurs once in
//! each round (a generated "未署名 n" never matches). Category means are over all branches of
//! the category in each round, matched or not, with each round's n. Scores and means are
//! taken to 0.1 before subtracting, so a change always equals the difference shown.

use std::collections::HashMap;

use crate::bank::Bank;
use crate::record::Delta;

use super::figures::Figures;
use super::intake::Roster;

/// One branch then and now.
#[derive(Debug, Clone, PartialEq)]
pub struct BranchTrend {
    pub name: String,
    /// Branch indexes in the earlier and the current roster.
    pub then: usize,
    pub now: usize,
    pub overall: Delta,
    /// Per dimension, in bank order.
    pub dimensions: Vec<Delta>,
    /// The branch chose another category this time: its targets and weights changed too.
    pub category_changed: bool,
}

/// One category and dimension then and now.
#[derive(Debug, Clone, PartialEq)]
pub struct CellTrend {
    pub category: String,
    pub dimension: String,
    /// Mean scores then and now, and the change.
    pub mean: Delta,
    pub n_then: usize,
    pub n_now: usize,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Trend {
    /// In the current roster's order.
    pub branches: Vec<BranchTrend>,
    /// Categories in bank order (those with branches in either round), dimensions in bank order.
    pub cells: Vec<CellTrend>,
    /// Current branches with no match in the earlier round.
    pub only_now: Vec<usize>,
    /// Earlier branches with no match now.
    pub only_then: Vec<usize>,
}

/// Compares an earlier round with the current one. Both figures must come from `bank`.
pub fn trend(bank: &Bank, then: (&Roster, &Figures), now: (&Roster, &Figures)) -> Trend {
    let then_names = unique_names(then.0);
    let now_names = unique_names(now.0);
    let mut branches = Vec::new();
    let mut only_now = Vec::new();
    let mut matched_then = vec![false; then.1.branches.len()];
    for (b, f) in now.1.branches.iter().enumerate() {
        let name = now.0.matching_name(b);
        let earlier = name
            .filter(|n| now_names.get(n) == Some(&Some(b)))
            .and_then(|n| then_names.get(n).copied().flatten());
        let (Some(name), Some(t)) = (name, earlier) else {
            only_now.push(b);
            continue;
        };
        let Some(old) = then.1.branches.get(t) else {
            only_now.push(b);
            continue;
        };
        matched_then[t] = true;
        branches.push(BranchTrend {
            name: name.to_string(),
            then: t,
            now: b,
            overall: Delta::new(old.overall, f.overall),
            dimensions: (0..bank.dimensions.len())
                .map(|d| Delta::new(score(old, d), score(f, d)))
                .collect(),
            category_changed: old.selection.category != f.selection.category,
        });
    }
    let only_then = (0..matched_then.len())
        .filter(|&t| !matched_then[t])
        .collect();
    let mut cells = Vec::new();
    for category in &bank.categories {
        let in_round = |figures: &Figures, d: usize| {
            let scores: Vec<f64> = figures
                .branches
                .iter()
                .filter(|f| f.selection.category == category.id)
                .filter_map(|f| score(f, d))
                .collect();
            let n = scores.len();
            ((n > 0).then(|| scores.iter().sum::<f64>() / n as f64), n)
        };
        let present = |figures: &Figures| {
            figures
                .branches
                .iter()
                .any(|f| f.selection.category == category.id)
        };
        if !present(then.1) && !present(now.1) {
            continue;
        }
        for (d, dimension) in bank.dimensions.iter().enumerate() {
            let (mean_then, n_then) = in_round(then.1, d);
            let (mean_now, n_now) = in_round(now.1, d);
            cells.push(CellTrend {
                category: category.id.clone(),
                dimension: dimension.id.clone(),
                mean: Delta::new(mean_then, mean_now),
                n_then,
                n_now,
            });
        }
    }
    Trend {
        branches,
        cells,
        only_now,
        only_then,
    }
}

/// Each matching name that occurs once in the roster, with its branch; repeated names map to
/// `None`.
fn unique_names(roster: &Roster) -> HashMap<&str, Option<usize>> {
    let mut names: HashMap<&str, Option<usize>> = HashMap::new();
    for b in 0..roster.branches.len() {
        if let Some(name) = roster.matching_name(b) {
            names
                .entry(name)
                .and_modify(|seen| *seen = None)
                .or_insert(Some(b));
        }
    }
    names
}

fn score(f: &super::figures::BranchFigures, d: usize) -> Option<f64> {
    f.scores.get(d).copied().flatten()
}
