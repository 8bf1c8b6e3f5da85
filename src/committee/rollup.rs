//! Roll-up views by category: the overview, the heat map (sorted and filtered), and 分类考评
//! (each category's spread of scores against its target, ranks within the category only).

use std::cmp::Ordering;

use crate::assess::Completeness;
use crate::bank::{Bank, Locale};

use super::figures::{BranchFigures, Figures};
use super::intake::Roster;
use super::stats::Spread;

/// One category's line of the overview.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CategoryOverview {
    pub category: String,
    pub branches: usize,
    pub complete: usize,
    pub partial: usize,
    pub insufficient: usize,
    /// Every band of the bank, best first, with its count; then any other band id found in
    /// an earlier version's records.
    pub bands: Vec<(String, usize)>,
    /// Branches without a band (too little answered).
    pub no_band: usize,
    /// Branches with at least one red line.
    pub red_line_branches: usize,
    /// Red-line items flagged, over all its branches.
    pub red_lines: usize,
}

/// The overview: one line per category that has branches, in bank order.
pub fn overview(bank: &Bank, figures: &Figures) -> Vec<CategoryOverview> {
    by_category(bank, figures)
        .map(|(category, members)| {
            let mut line = CategoryOverview {
                category: category.to_string(),
                branches: members.len(),
                complete: 0,
                partial: 0,
                insufficient: 0,
                bands: bank.bands.iter().map(|b| (b.id.clone(), 0)).collect(),
                no_band: 0,
                red_line_branches: 0,
                red_lines: 0,
            };
            for f in members.iter().map(|&b| &figures.branches[b]) {
                match f.completeness {
                    Completeness::Complete => line.complete += 1,
                    Completeness::Partial => line.partial += 1,
                    Completeness::Insufficient => line.insufficient += 1,
                }
                match &f.band {
                    None => line.no_band += 1,
                    Some(band) => match line.bands.iter_mut().find(|(id, _)| id == band) {
                        Some((_, count)) => *count += 1,
                        None => line.bands.push((band.clone(), 1)),
                    },
                }
                line.red_line_branches += usize::from(!f.red_lines.is_empty());
                line.red_lines += f.red_lines.len();
            }
            line
        })
        .collect()
}

/// The categories that have branches, in bank order, each with its branches' indexes.
pub(super) fn by_category<'a>(
    bank: &'a Bank,
    figures: &'a Figures,
) -> impl Iterator<Item = (&'a str, Vec<usize>)> + 'a {
    bank.categories.iter().filter_map(move |c| {
        let members: Vec<usize> = (0..figures.branches.len())
            .filter(|&b| figures.branches[b].selection.category == c.id)
            .collect();
        (!members.is_empty()).then_some((c.id.as_str(), members))
    })
}

/// Where a score stands against the branch's own category target.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CellStatus {
    /// At target + the bank's strength margin or more.
    Strength,
    Meets,
    Gap,
    NoScore,
}

impl CellStatus {
    /// Judged on the score as shown (to 0.1), so the cell never contradicts its number.
    pub fn of(score: Option<f64>, target: f64, margin: f64) -> CellStatus {
        match score {
            None => CellStatus::NoScore,
            Some(s) if s < target => CellStatus::Gap,
            Some(s) if s >= target + margin => CellStatus::Strength,
            Some(_) => CellStatus::Meets,
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct HeatCell {
    pub score: Option<f64>,
    pub target: f64,
    pub status: CellStatus,
}

/// One branch's row of the heat map.
#[derive(Debug, Clone, PartialEq)]
pub struct HeatRow {
    pub branch: usize,
    pub label: String,
    pub category: String,
    pub overall: Option<f64>,
    pub band: Option<String>,
    pub red_lines: usize,
    /// Per dimension, in bank order.
    pub cells: Vec<HeatCell>,
}

/// The column the heat map is sorted by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum HeatSort {
    #[default]
    Label,
    /// Bank order of categories.
    Category,
    Overall,
    /// Best band first when descending.
    Band,
    RedLines,
    Date,
    /// A dimension, by its position in the bank.
    Dimension(usize),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BandFilter {
    Band(String),
    /// Branches without a band.
    NoBand,
}

/// Which branches the heat map shows; `None` shows all.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct HeatFilter {
    pub category: Option<String>,
    pub tag: Option<String>,
    pub band: Option<BandFilter>,
}

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct HeatSettings {
    pub sort: HeatSort,
    pub descending: bool,
    pub filter: HeatFilter,
}

/// Every branch's place in the natural order of its shown name ([`Roster::label`]), in
/// each language: made once per roll-up (and again when a branch is renamed), so that sorting
/// the heat map by name compares numbers instead of names. Branches with the same name
/// share a place; a branch without a name has none (it is listed last).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct NameOrder {
    /// Per language (Chinese, English), per branch.
    ranks: [Vec<Option<u32>>; 2],
}

impl NameOrder {
    pub fn new(roster: &Roster) -> NameOrder {
        NameOrder {
            ranks: [Locale::Zh, Locale::En].map(|locale| name_ranks(roster, locale)),
        }
    }

    /// The branch's place among the names in `locale` (0 first), if it has a name.
    pub fn rank(&self, branch: usize, locale: Locale) -> Option<u32> {
        self.ranks[usize::from(locale == Locale::En)]
            .get(branch)
            .copied()
            .flatten()
    }

    /// Whether it was made for a roster of this many branches.
    pub fn covers(&self, roster: &Roster) -> bool {
        self.ranks
            .iter()
            .all(|ranks| ranks.len() == roster.branches.len())
    }
}

fn name_ranks(roster: &Roster, locale: Locale) -> Vec<Option<u32>> {
    let labels: Vec<String> = (0..roster.branches.len())
        .map(|b| roster.label(b, locale))
        .collect();
    let mut order: Vec<usize> = (0..labels.len())
        .filter(|&b| !labels[b].is_empty())
        .collect();
    crate::order::sort_by(&mut order, |&a, &b| {
        crate::order::natural_cmp(&labels[a], &labels[b])
    });
    let mut ranks = vec![None; labels.len()];
    let mut place = 0;
    for (i, &b) in order.iter().enumerate() {
        // The same name shares the place of its first holder.
        if i > 0 && crate::order::natural_cmp(&labels[order[i - 1]], &labels[b]).is_ne() {
            place = i as u32;
        }
        ranks[b] = Some(place);
    }
    ranks
}

/// The heat map's rows: filtered, then sorted. Rows without a value in the sort column come
/// last in either direction; ties keep the roster's order.
pub fn heat_map(
    bank: &Bank,
    roster: &Roster,
    figures: &Figures,
    locale: Locale,
    settings: &HeatSettings,
) -> Vec<HeatRow> {
    let names = match settings.sort {
        HeatSort::Label => NameOrder::new(roster),
        _ => NameOrder::default(),
    };
    heat_order(bank, roster, figures, &names, locale, settings)
        .into_iter()
        .filter_map(|b| heat_row(bank, roster, figures, b, locale))
        .collect()
}

/// The branches of [`heat_map`]'s rows, in its order, without making the rows (a page makes
/// only those in view, with [`heat_row`]). `names` is the roster's [`NameOrder`]; one that
/// does not cover the roster is made anew when sorting by name.
pub fn heat_order(
    bank: &Bank,
    roster: &Roster,
    figures: &Figures,
    names: &NameOrder,
    locale: Locale,
    settings: &HeatSettings,
) -> Vec<usize> {
    let filter = &settings.filter;
    let shown = |b: usize, f: &BranchFigures| {
        filter
            .category
            .as_ref()
            .is_none_or(|c| &f.selection.category == c)
            && filter.tag.as_ref().is_none_or(|t| {
                roster
                    .branches
                    .get(b)
                    .is_some_and(|branch| branch.tags.contains(t))
            })
            && match &filter.band {
                None => true,
                Some(BandFilter::NoBand) => f.band.is_none(),
                Some(BandFilter::Band(id)) => f.band.as_ref() == Some(id),
            }
    };
    let shown: Vec<usize> = (0..figures.branches.len())
        .filter(|&b| shown(b, &figures.branches[b]))
        .collect();
    let descending = settings.descending;
    let mut order: Vec<(usize, Option<f64>)> = match settings.sort {
        HeatSort::Date => {
            let mut order = shown;
            crate::order::sort_by(&mut order, |&a, &b| {
                let text =
                    |b: usize| Some(figures.branches[b].date.as_str()).filter(|d| !d.is_empty());
                missing_last(text(a), text(b), descending, |x, y| {
                    crate::order::natural_cmp(x, y)
                })
                .then(a.cmp(&b))
            });
            return order;
        }
        HeatSort::Label => {
            let made;
            let names = if names.covers(roster) {
                names
            } else {
                made = NameOrder::new(roster);
                &made
            };
            shown
                .into_iter()
                .map(|b| (b, names.rank(b, locale).map(f64::from)))
                .collect()
        }
        sort => {
            // The value a branch is sorted by in a numeric column.
            let key = |f: &BranchFigures| -> Option<f64> {
                match sort {
                    HeatSort::Overall => f.overall,
                    HeatSort::RedLines => Some(f.red_lines.len() as f64),
                    HeatSort::Dimension(d) => f.scores.get(d).copied().flatten(),
                    HeatSort::Category => bank
                        .categories
                        .iter()
                        .position(|c| c.id == f.selection.category)
                        .map(|i| i as f64),
                    // Negated so that descending puts the best band first.
                    HeatSort::Band => f
                        .band
                        .as_ref()
                        .and_then(|band| bank.bands.iter().position(|b| &b.id == band))
                        .map(|i| -(i as f64)),
                    HeatSort::Label | HeatSort::Date => None,
                }
            };
            shown
                .into_iter()
                .map(|b| (b, key(&figures.branches[b])))
                .collect()
        }
    };
    crate::order::sort_by(&mut order, |(a, ka), (b, kb)| {
        missing_last(*ka, *kb, descending, f64::total_cmp).then(a.cmp(b))
    });
    order.into_iter().map(|(b, _)| b).collect()
}

/// One branch's row of the heat map (`None` for a branch the figures do not have).
pub fn heat_row(
    bank: &Bank,
    roster: &Roster,
    figures: &Figures,
    branch: usize,
    locale: Locale,
) -> Option<HeatRow> {
    let f = figures.branches.get(branch)?;
    let cells = f
        .scores
        .iter()
        .zip(&f.targets)
        .map(|(&score, &target)| HeatCell {
            score,
            target,
            status: CellStatus::of(score, target, bank.strength_margin),
        })
        .collect();
    Some(HeatRow {
        branch,
        label: roster.label(branch, locale),
        category: f.selection.category.clone(),
        overall: f.overall,
        band: f.band.clone(),
        red_lines: f.red_lines.len(),
        cells,
    })
}

/// Orders two optional values, missing ones last whatever the direction.
fn missing_last<T>(
    a: Option<T>,
    b: Option<T>,
    descending: bool,
    compare: impl Fn(&T, &T) -> Ordering,
) -> Ordering {
    match (a, b) {
        (Some(a), Some(b)) if descending => compare(&b, &a),
        (Some(a), Some(b)) => compare(&a, &b),
        (Some(_), None) => Ordering::Less,
        (None, Some(_)) => Ordering::Greater,
        (None, None) => Ordering::Equal,
    }
}

/// One dimension's spread of scores within a category.
#[derive(Debug, Clone, PartialEq)]
pub struct DimensionSpread {
    pub dimension: String,
    pub target: f64,
    /// Over the branches with a score in this dimension.
    pub spread: Option<Spread>,
    /// How many of them reach the target.
    pub meeting_target: usize,
}

impl DimensionSpread {
    /// The share (0..=1) of scored branches that reach the target.
    pub fn share_meeting_target(&self) -> Option<f64> {
        let n = self.spread?.n;
        (n > 0).then(|| self.meeting_target as f64 / n as f64)
    }
}

/// A branch's rank within its category, by overall score (1 = best; ties share a rank).
#[derive(Debug, Clone, PartialEq)]
pub struct Ranked {
    pub branch: usize,
    pub overall: f64,
    pub rank: usize,
}

#[derive(Debug, Clone, PartialEq)]
pub struct CategoryEvaluation {
    pub category: String,
    pub branches: usize,
    pub overall: Option<Spread>,
    /// Every dimension of the bank, in bank order.
    pub dimensions: Vec<DimensionSpread>,
    /// Best first.
    pub ranks: Vec<Ranked>,
    /// Branches without an overall score, not ranked.
    pub unranked: Vec<usize>,
    /// Some branches' modifiers change this category's weights, so even within it overall
    /// scores rest on slightly different weights.
    pub modifiers_change_weights: bool,
}

/// 分类考评 for every category with branches.
#[derive(Debug, Clone, PartialEq)]
pub struct Evaluation {
    pub categories: Vec<CategoryEvaluation>,
    /// The categories shown weigh the dimensions differently: overall scores (and ranks)
    /// are not comparable across categories.
    pub weights_differ: bool,
}

/// Each category's spread of scores per dimension against its target, and ranks within it.
pub fn category_evaluation(bank: &Bank, figures: &Figures) -> Evaluation {
    let mut weight_shares: Vec<Vec<f64>> = Vec::new();
    let categories = by_category(bank, figures)
        .map(|(category, members)| {
            let branches: Vec<&BranchFigures> =
                members.iter().map(|&b| &figures.branches[b]).collect();
            let weights = bank.categories.iter().find(|c| c.id == category);
            let weights: Vec<f64> = bank
                .dimensions
                .iter()
                .map(|d| weights.and_then(|c| c.weights.get(&d.id).copied()))
                .map(|w| w.unwrap_or(0.0))
                .collect();
            let total: f64 = weights.iter().sum();
            weight_shares.push(
                weights
                    .iter()
                    .map(|w| w / total.max(f64::MIN_POSITIVE))
                    .collect(),
            );
            let dimensions = bank
                .dimensions
                .iter()
                .enumerate()
                .map(|(d, dim)| {
                    let scored = branches
                        .iter()
                        .filter_map(|f| Some((f.scores.get(d).copied()??, f.targets[d])));
                    DimensionSpread {
                        dimension: dim.id.clone(),
                        target: branches.first().map_or(0.0, |f| f.targets[d]),
                        spread: Spread::of(scored.clone().map(|(s, _)| s)),
                        meeting_target: scored.filter(|(s, t)| s >= t).count(),
                    }
                })
                .collect();
            let (mut ranked, unranked): (Vec<usize>, Vec<usize>) = members
                .iter()
                .partition(|&&b| figures.branches[b].overall.is_some());
            let overall = |b: usize| figures.branches[b].overall.unwrap_or(0.0);
            crate::order::sort_by(&mut ranked, |&a, &b| overall(b).total_cmp(&overall(a)));
            let mut ranks: Vec<Ranked> = Vec::with_capacity(ranked.len());
            for (i, &b) in ranked.iter().enumerate() {
                let rank = match ranks.last() {
                    Some(previous) if previous.overall == overall(b) => previous.rank,
                    _ => i + 1,
                };
                ranks.push(Ranked {
                    branch: b,
                    overall: overall(b),
                    rank,
                });
            }
            let modifiers_change_weights = branches.iter().any(|f| {
                bank.modifiers
                    .iter()
                    .filter(|m| f.selection.modifiers.contains(&m.id))
                    .flat_map(|m| m.weight_factors.iter())
                    .any(|(dim, factor)| {
                        *factor != 1.0
                            && bank
                                .dimensions
                                .iter()
                                .position(|d| &d.id == dim)
                                .is_some_and(|d| weights[d] > 0.0)
                    })
            });
            CategoryEvaluation {
                category: category.to_string(),
                branches: branches.len(),
                overall: Spread::of(branches.iter().filter_map(|f| f.overall)),
                dimensions,
                ranks,
                unranked,
                modifiers_change_weights,
            }
        })
        .collect();
    let weights_differ = weight_shares.windows(2).any(|pair| {
        pair[0]
            .iter()
            .zip(&pair[1])
            .any(|(a, b)| (a - b).abs() > 1e-9)
    });
    Evaluation {
        categories,
        weights_differ,
    }
}
