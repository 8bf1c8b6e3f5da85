//! Grouping's input: one branch's standing, and its compact form for the search.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::{GroupingError, Rule, Settings};
use crate::assess::Assessment;

/// Severities above this are treated as this (a real one is at most 100).
const MAX_SEVERITY: f64 = 1000.0;

/// A branch's score and target in one dimension.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DimensionStanding {
    pub id: String,
    pub score: Option<f64>,
    pub target: f64,
}

/// A dimension below target, with its severity (weight share × shortfall).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BranchGap {
    pub dimension: String,
    pub severity: f64,
}

/// One branch as grouping sees it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct GroupingBranch {
    /// Identity and tie-break key (unique ids make the result independent of input order).
    pub id: String,
    /// The name shown and written (the roll-up CSV's `unit`).
    pub label: String,
    pub category: String,
    /// The first tag is the branch's 片区 for the tag rule.
    pub tags: Vec<String>,
    /// The branch's modifiers, for the catalogue's conditions on focus themes.
    pub modifiers: Vec<String>,
    pub overall: Option<f64>,
    pub dimensions: Vec<DimensionStanding>,
    /// Dimension ids, strongest first.
    pub strengths: Vec<String>,
    /// Most severe first.
    pub gaps: Vec<BranchGap>,
}

impl GroupingBranch {
    /// A branch from its assessment; its id is its label (set `id` when labels repeat).
    pub fn from_assessment(
        label: impl Into<String>,
        category: impl Into<String>,
        tags: Vec<String>,
        assessment: &Assessment,
    ) -> GroupingBranch {
        let label = label.into();
        GroupingBranch {
            id: label.clone(),
            label,
            category: category.into(),
            tags,
            modifiers: Vec::new(),
            overall: assessment.overall,
            dimensions: assessment
                .dimensions
                .iter()
                .map(|d| DimensionStanding {
                    id: d.id.clone(),
                    score: d.score,
                    target: d.target,
                })
                .collect(),
            strengths: assessment.strengths.clone(),
            gaps: assessment
                .gaps
                .iter()
                .map(|g| BranchGap {
                    dimension: g.dimension.clone(),
                    severity: g.severity,
                })
                .collect(),
        }
    }

    /// The branch's 片区: its first tag.
    pub fn area(&self) -> Option<&str> {
        self.tags.first().map(String::as_str)
    }

    /// Its standing in a dimension, if it has one.
    pub fn standing(&self, dimension: &str) -> Option<&DimensionStanding> {
        self.dimensions.iter().find(|d| d.id == dimension)
    }

    /// Whether a dimension is one of its gaps (any, not only the main ones).
    pub fn has_gap(&self, dimension: &str) -> bool {
        self.gaps.iter().any(|g| g.dimension == dimension)
    }

    /// Whether a dimension is one of its strengths (and not also listed as a gap).
    pub fn is_strong(&self, dimension: &str) -> bool {
        self.strengths.iter().any(|s| s == dimension) && !self.has_gap(dimension)
    }

    /// Its main gaps: the `k` most severe (ties by dimension id), positive severities only.
    pub fn main_gaps(&self, k: usize) -> Vec<(&str, f64)> {
        let mut gaps: Vec<(&str, f64)> = Vec::new();
        for g in &self.gaps {
            let severity = sane_severity(g.severity);
            if severity > 0.0 && !gaps.iter().any(|(d, _)| *d == g.dimension) {
                gaps.push((g.dimension.as_str(), severity));
            }
        }
        crate::order::sort_by(&mut gaps, |a, b| b.1.total_cmp(&a.1).then(a.0.cmp(b.0)));
        gaps.truncate(k);
        gaps
    }

    /// The overall score when it is a number.
    pub fn score(&self) -> Option<f64> {
        self.overall.filter(|o| o.is_finite())
    }
}

fn sane_severity(severity: f64) -> f64 {
    if severity.is_finite() {
        severity.clamp(0.0, MAX_SEVERITY)
    } else {
        0.0
    }
}

/// A branch in the search's terms: dimensions as bits.
#[derive(Debug, Clone)]
pub(crate) struct Unit {
    pub strong: u64,
    /// Main gaps: (dimension bit, severity).
    pub gaps: Vec<(u32, f64)>,
    pub gap_weight: f64,
    pub overall: Option<f64>,
    pub category: usize,
    pub area: Option<usize>,
    /// Position in the canonical order.
    pub rank: usize,
}

impl Unit {
    /// Strongest first: higher overall score, a scored branch before one without a score,
    /// then the canonical order, so ties never depend on the input's order.
    pub(crate) fn strongest_first(&self, other: &Unit) -> std::cmp::Ordering {
        match (self.overall, other.overall) {
            (Some(x), Some(y)) => y.total_cmp(&x),
            (Some(_), None) => std::cmp::Ordering::Less,
            (None, Some(_)) => std::cmp::Ordering::Greater,
            (None, None) => std::cmp::Ordering::Equal,
        }
        .then(self.rank.cmp(&other.rank))
    }
}

/// All branches in the search's terms.
#[derive(Debug, Clone)]
pub(crate) struct Prepared {
    pub dims: Vec<String>,
    pub units: Vec<Unit>,
    /// Input indices in canonical order (id, then input position).
    pub order: Vec<usize>,
}

/// Input branches into units, checking what can be checked.
pub(crate) fn prepare(
    branches: &[GroupingBranch],
    settings: &Settings,
) -> Result<Prepared, GroupingError> {
    let mut dim_set: BTreeMap<&str, u32> = BTreeMap::new();
    for b in branches {
        let ids = b.dimensions.iter().map(|d| d.id.as_str());
        let ids = ids.chain(b.strengths.iter().map(String::as_str));
        for id in ids.chain(b.gaps.iter().map(|g| g.dimension.as_str())) {
            dim_set.insert(id, 0);
        }
    }
    if dim_set.len() > 64 {
        return Err(GroupingError::TooManyDimensions {
            count: dim_set.len(),
        });
    }
    for (i, bit) in dim_set.values_mut().enumerate() {
        *bit = i as u32;
    }
    let categories = index_of(branches.iter().map(|b| b.category.as_str()));
    let areas = index_of(branches.iter().filter_map(GroupingBranch::area));

    let mut order: Vec<usize> = (0..branches.len()).collect();
    crate::order::sort_by(&mut order, |a, b| {
        branches[*a].id.cmp(&branches[*b].id).then(a.cmp(b))
    });
    let mut rank = vec![0; branches.len()];
    for (r, &i) in order.iter().enumerate() {
        rank[i] = r;
    }

    let units = branches
        .iter()
        .enumerate()
        .map(|(i, b)| {
            let bit = |d: &str| dim_set.get(d).copied().unwrap_or(0);
            let strong = b
                .strengths
                .iter()
                .filter(|s| b.is_strong(s))
                .fold(0u64, |m, s| m | 1 << bit(s));
            let gaps: Vec<(u32, f64)> = b
                .main_gaps(settings.main_gaps)
                .into_iter()
                .map(|(d, w)| (bit(d), w))
                .collect();
            Unit {
                strong,
                gap_weight: gaps.iter().map(|g| g.1).sum(),
                gaps,
                overall: b.score(),
                category: categories.get(b.category.as_str()).copied().unwrap_or(0),
                area: b.area().and_then(|a| areas.get(a).copied()),
                rank: rank[i],
            }
        })
        .collect();
    Ok(Prepared {
        dims: dim_set.keys().map(|d| d.to_string()).collect(),
        units,
        order,
    })
}

fn index_of<'a>(names: impl Iterator<Item = &'a str>) -> BTreeMap<&'a str, usize> {
    let mut map: BTreeMap<&str, usize> = names.map(|n| (n, 0)).collect();
    for (i, v) in map.values_mut().enumerate() {
        *v = i;
    }
    map
}

/// Branches grouped together under the settings' `Together` rules, each block in canonical
/// order, blocks ordered by (category, area).
pub(crate) fn blocks(prepared: &Prepared, settings: &Settings) -> Vec<Vec<usize>> {
    let mut by_key: BTreeMap<(usize, Option<usize>), Vec<usize>> = BTreeMap::new();
    for &i in &prepared.order {
        let key = block_key(&prepared.units[i], settings);
        by_key.entry(key).or_default().push(i);
    }
    by_key.into_values().collect()
}

/// The block a unit belongs to: its category and/or area when kept together.
pub(crate) fn block_key(unit: &Unit, settings: &Settings) -> (usize, Option<usize>) {
    let category = match settings.categories {
        Rule::Together => unit.category,
        _ => 0,
    };
    let area = match settings.tags {
        Rule::Together => unit.area,
        _ => None,
    };
    (category, area)
}
