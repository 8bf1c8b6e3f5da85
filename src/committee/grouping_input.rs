//! The roster's branches as grouping sees them: strengths and gaps from the figures each
//! view shows (scores to 0.1 against the category's targets), so a reason never disagrees
//! with the heat map.

use std::collections::HashMap;

use crate::assess::effective_weights;
use crate::bank::{Bank, Locale};
use crate::grouping::{BranchGap, DimensionStanding, GroupingBranch};

use super::figures::Figures;
use super::intake::Roster;

/// One [`GroupingBranch`] per roster branch, in roster order. Strengths and gaps follow the
/// assessment's rules (a gap is below target, with severity = weight share × shortfall; a
/// strength is at target + the bank's margin or more), applied to the scores as shown. Ids
/// are the names the roll-up CSV writes, made unique when two branches share one.
pub fn grouping_branches(
    bank: &Bank,
    roster: &Roster,
    figures: &Figures,
    locale: Locale,
) -> Vec<GroupingBranch> {
    let labels: Vec<String> = (0..figures.branches.len())
        .map(|b| roster.label(b, locale))
        .collect();
    let mut uses: HashMap<&str, usize> = HashMap::new();
    for label in &labels {
        *uses.entry(label.as_str()).or_default() += 1;
    }
    figures
        .branches
        .iter()
        .enumerate()
        .map(|(b, f)| {
            let label = labels[b].clone();
            let id = if uses.get(label.as_str()).copied().unwrap_or(0) > 1 {
                format!("{label}#{}", b + 1)
            } else {
                label.clone()
            };
            let weights = bank
                .categories
                .iter()
                .find(|c| c.id == f.selection.category)
                .map(|c| effective_weights(bank, c, &f.selection))
                .unwrap_or_else(|| vec![0.0; bank.dimensions.len()]);
            let total_weight: f64 = weights.iter().sum();
            let mut strengths: Vec<(String, f64)> = Vec::new();
            let mut gaps: Vec<BranchGap> = Vec::new();
            let mut dimensions = Vec::with_capacity(figures.dimensions.len());
            for (d, id) in figures.dimensions.iter().enumerate() {
                let score = f.scores.get(d).copied().flatten();
                let target = f.targets.get(d).copied().unwrap_or(0.0);
                let share = match weights.get(d) {
                    Some(w) if total_weight > 0.0 => w / total_weight,
                    _ => 0.0,
                };
                match score {
                    Some(s) if s < target => gaps.push(BranchGap {
                        dimension: id.clone(),
                        severity: share * (target - s),
                    }),
                    Some(s) if s >= target + bank.strength_margin => {
                        strengths.push((id.clone(), s - target))
                    }
                    _ => {}
                }
                dimensions.push(DimensionStanding {
                    id: id.clone(),
                    score,
                    target,
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
            GroupingBranch {
                id,
                label,
                category: f.selection.category.clone(),
                tags: roster
                    .branches
                    .get(b)
                    .map(|branch| branch.tags.clone())
                    .unwrap_or_default(),
                modifiers: f.selection.modifiers.iter().cloned().collect(),
                overall: f.overall,
                dimensions,
                strengths: strengths.into_iter().map(|(id, _)| id).collect(),
                gaps,
            }
        })
        .collect()
}
