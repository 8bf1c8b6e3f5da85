//! From formed groups to what a committee reads: lead, focus theme, reasons, picture, quality.

use serde::{Deserialize, Serialize};

use super::input::{GroupingBranch, Prepared};
use super::search::{Formed, Pairing};
use super::{Group, Grouping, LeadBasis, Note, Quality, Reason, Rule, Settings};
use crate::bank::Bank;

/// Where a member stands in a dimension, as the picture shows it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Mark {
    Strength,
    /// At or above target, not a strength.
    Meets,
    Gap,
    /// No score.
    Unknown,
}

/// One cell of the picture.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Cell {
    pub mark: Mark,
    /// A gap that is one of the member's main gaps (the ones the grouping works on).
    pub main: bool,
    /// A gap another member of the group is strong in.
    pub helped: bool,
}

impl Cell {
    /// A symbol readable without colour: ★ strength, ✓ meets, ▽ gap helped by another
    /// member, ▼ gap nobody in the group is strong in, · no score.
    pub fn symbol(&self) -> &'static str {
        match (self.mark, self.helped) {
            (Mark::Strength, _) => "★",
            (Mark::Meets, _) => "✓",
            (Mark::Gap, true) => "▽",
            (Mark::Gap, false) => "▼",
            (Mark::Unknown, _) => "·",
        }
    }
}

/// One member's row of the picture.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PictureRow {
    pub member: usize,
    pub cells: Vec<Cell>,
}

/// Members × dimensions, strengths and gaps marked: who helps whom at a glance.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Picture {
    /// Dimension ids, bank order (ids the bank does not know last).
    pub dimensions: Vec<String>,
    /// In the group's member order.
    pub rows: Vec<PictureRow>,
}

/// Orders the groups, then describes and scores them.
pub(crate) fn finish(
    branches: &[GroupingBranch],
    prepared: &Prepared,
    settings: &Settings,
    bank: &Bank,
    mut formed: Vec<Formed>,
    sort: bool,
) -> Grouping {
    if sort {
        let rank = |f: &Formed| {
            f.members
                .iter()
                .map(|&m| prepared.units[m].rank)
                .min()
                .unwrap_or(usize::MAX)
        };
        crate::order::sort_by(&mut formed, |a, b| {
            (a.key.is_none(), a.key, a.block, rank(a)).cmp(&(
                b.key.is_none(),
                b.key,
                b.block,
                rank(b),
            ))
        });
    }
    let mut notes = Vec::new();
    for (g, f) in formed.iter().enumerate() {
        if let Some(min) = f.undersized_min {
            notes.push(Note::Undersized {
                group: g,
                size: f.members.len(),
                min,
            });
        }
        match f.pairing {
            Pairing::Trio => notes.push(Note::Trio { group: g }),
            Pairing::Unpaired => notes.push(Note::Unpaired { group: g }),
            Pairing::No => {}
        }
    }
    let k = settings.main_gaps;
    let groups: Vec<Group> = formed
        .iter()
        .map(|f| describe_group(branches, prepared, bank, f, k))
        .collect();
    let quality = quality(branches, prepared, settings, &groups);
    Grouping {
        groups,
        quality,
        notes,
    }
}

fn describe_group(
    branches: &[GroupingBranch],
    prepared: &Prepared,
    bank: &Bank,
    formed: &Formed,
    k: usize,
) -> Group {
    let pool = &formed.members;
    let (lead, basis) = match formed.lead {
        Some(lead) => (lead, LeadBasis::Pairing),
        None => choose_lead(branches, prepared, pool, k),
    };
    let mut members: Vec<usize> = pool.iter().copied().filter(|&m| m != lead).collect();
    crate::order::sort_by(&mut members, |&a, &b| {
        by_overall(branches[a].score(), branches[b].score())
            .then(prepared.units[a].rank.cmp(&prepared.units[b].rank))
    });
    members.insert(0, lead);

    let (covers, helped) = covers(branches, &members, lead, k);
    let mut reasons = vec![Reason::Lead {
        member: lead,
        covers,
        helped,
        overall: branches[lead].score(),
        basis,
    }];
    let focus = choose_focus(branches, bank, &members);
    if let Some((theme, dimensions, with_gaps)) = &focus {
        reasons.push(Reason::Focus {
            theme: theme.clone(),
            dimensions: dimensions.clone(),
            members: with_gaps.clone(),
        });
    }
    let mean = mean(members.iter().filter_map(|&m| branches[m].score()));
    for &m in &members {
        if let (Some(key), true) = (formed.key, formed.locked.contains(&m)) {
            reasons.push(Reason::Locked { member: m, key });
        }
        let own = member_reasons(branches, &members, m, k);
        if own.is_empty() {
            reasons.push(Reason::Balances {
                member: m,
                overall: branches[m].score(),
                mean,
            });
        }
        reasons.extend(own);
    }
    let (covered, total) = coverage(branches, &members, k);
    Group {
        lead,
        lock: formed.key,
        focus: focus.map(|f| f.0),
        mean,
        coverage: if total > 0.0 { covered / total } else { 1.0 },
        reasons,
        picture: picture(branches, bank, &members, k),
        members,
    }
}

/// Highest overall score first; branches without one last.
fn by_overall(a: Option<f64>, b: Option<f64>) -> std::cmp::Ordering {
    match (a, b) {
        (Some(x), Some(y)) => y.total_cmp(&x),
        (Some(_), None) => std::cmp::Ordering::Less,
        (None, Some(_)) => std::cmp::Ordering::Greater,
        (None, None) => std::cmp::Ordering::Equal,
    }
}

fn mean(values: impl Iterator<Item = f64>) -> Option<f64> {
    let (sum, n) = values.fold((0.0, 0usize), |(s, n), v| (s + v, n + 1));
    (n > 0).then(|| sum / n as f64)
}

/// How many main gaps of the other members `helper` is strong in, and of how many members.
fn covers(
    branches: &[GroupingBranch],
    members: &[usize],
    helper: usize,
    k: usize,
) -> (usize, usize) {
    let mut gaps = 0;
    let mut helped = 0;
    for &o in members.iter().filter(|&&o| o != helper) {
        let n = branches[o]
            .main_gaps(k)
            .iter()
            .filter(|(d, _)| branches[helper].is_strong(d))
            .count();
        gaps += n;
        helped += usize::from(n > 0);
    }
    (gaps, helped)
}

/// The member whose strengths cover the most main gaps of the others (ties: more severity
/// covered, higher overall, canonical order); when nobody covers any, the best overall.
fn choose_lead(
    branches: &[GroupingBranch],
    prepared: &Prepared,
    members: &[usize],
    k: usize,
) -> (usize, LeadBasis) {
    let weight = |helper: usize| -> f64 {
        members
            .iter()
            .filter(|&&o| o != helper)
            .flat_map(|&o| branches[o].main_gaps(k))
            .filter(|(d, _)| branches[helper].is_strong(d))
            .map(|(_, w)| w)
            .sum()
    };
    let mut scored: Vec<(usize, usize, f64)> = members
        .iter()
        .map(|&m| (m, covers(branches, members, m, k).0, weight(m)))
        .collect();
    crate::order::sort_by(&mut scored, |a, b| {
        b.1.cmp(&a.1)
            .then(b.2.total_cmp(&a.2))
            .then(by_overall(branches[a.0].score(), branches[b.0].score()))
            .then(prepared.units[a.0].rank.cmp(&prepared.units[b.0].rank))
    });
    match scored.first() {
        Some(&(m, covers, _)) if covers > 0 => (m, LeadBasis::Covers),
        Some(&(m, _, _)) => (m, LeadBasis::Overall),
        None => (0, LeadBasis::Overall),
    }
}

/// The catalogue group whose focus dimensions carry the most gap severity of the members,
/// per focus dimension (ties by id), among those that suit every member; with the focus
/// dimensions where members have gaps, and those members.
fn choose_focus(
    branches: &[GroupingBranch],
    bank: &Bank,
    members: &[usize],
) -> Option<(String, Vec<String>, Vec<usize>)> {
    let need = |d: &str| -> f64 {
        members
            .iter()
            .flat_map(|&m| branches[m].gaps.iter())
            .filter(|g| g.dimension == d && g.severity.is_finite() && g.severity > 0.0)
            .map(|g| g.severity)
            .sum()
    };
    let suits = |item: &crate::bank::Group| {
        let all_in = members.iter().all(|&m| {
            item.categories.is_empty() || item.categories.contains(&branches[m].category)
        });
        let has = |list: &[String]| {
            members
                .iter()
                .any(|&m| branches[m].modifiers.iter().any(|x| list.contains(x)))
        };
        all_in
            && (item.modifiers.is_empty() || has(&item.modifiers))
            && !has(&item.without_modifiers)
    };
    let mut best: Option<(&crate::bank::Group, f64)> = None;
    for item in bank
        .groups
        .iter()
        .filter(|g| suits(g) && !g.focus.is_empty())
    {
        let score = item.focus.iter().map(|d| need(d)).sum::<f64>() / item.focus.len() as f64;
        let better = match best {
            None => score > 0.0,
            Some((b, s)) => score > s || (score == s && item.id < b.id),
        };
        if better {
            best = Some((item, score));
        }
    }
    let (item, _) = best?;
    let dimensions: Vec<String> = item
        .focus
        .iter()
        .filter(|d| need(d) > 0.0)
        .cloned()
        .collect();
    let with_gaps = members
        .iter()
        .copied()
        .filter(|&m| dimensions.iter().any(|d| branches[m].has_gap(d)))
        .collect();
    Some((item.id.clone(), dimensions, with_gaps))
}

/// A member's reasons: each main gap covered (by whom) or not, each strength that covers
/// another's main gap (for whom).
fn member_reasons(
    branches: &[GroupingBranch],
    members: &[usize],
    m: usize,
    k: usize,
) -> Vec<Reason> {
    let branch = &branches[m];
    let others = || members.iter().copied().filter(move |&o| o != m);
    let mut reasons = Vec::new();
    for (d, _) in branch.main_gaps(k) {
        let standing = branch.standing(d);
        let score = standing.and_then(|s| s.score);
        let target = standing.map(|s| s.target);
        let helpers: Vec<usize> = others().filter(|&o| branches[o].is_strong(d)).collect();
        reasons.push(if helpers.is_empty() {
            Reason::Uncovered {
                member: m,
                dimension: d.to_string(),
                score,
                target,
            }
        } else {
            Reason::Covered {
                member: m,
                dimension: d.to_string(),
                score,
                target,
                helpers,
            }
        });
    }
    for d in branch.strengths.iter().filter(|d| branch.is_strong(d)) {
        let to: Vec<usize> = others()
            .filter(|&o| branches[o].main_gaps(k).iter().any(|(g, _)| g == d))
            .collect();
        if !to.is_empty() {
            reasons.push(Reason::Brings {
                member: m,
                dimension: d.clone(),
                to,
            });
        }
    }
    reasons
}

/// Covered and total main-gap severity of a group.
fn coverage(branches: &[GroupingBranch], members: &[usize], k: usize) -> (f64, f64) {
    let mut covered = 0.0;
    let mut total = 0.0;
    for &m in members {
        for (d, w) in branches[m].main_gaps(k) {
            total += w;
            if members.iter().any(|&o| o != m && branches[o].is_strong(d)) {
                covered += w;
            }
        }
    }
    (covered, total)
}

fn picture(branches: &[GroupingBranch], bank: &Bank, members: &[usize], k: usize) -> Picture {
    let mut present: Vec<String> = Vec::new();
    for &m in members {
        let b = &branches[m];
        let ids = b.dimensions.iter().map(|d| &d.id).chain(&b.strengths);
        for id in ids.chain(b.gaps.iter().map(|g| &g.dimension)) {
            if !present.contains(id) {
                present.push(id.clone());
            }
        }
    }
    let position = |id: &String| {
        bank.dimensions
            .iter()
            .position(|d| &d.id == id)
            .unwrap_or(usize::MAX)
    };
    crate::order::sort_by(&mut present, |a, b| {
        position(a).cmp(&position(b)).then(a.cmp(b))
    });
    let rows = members
        .iter()
        .map(|&m| PictureRow {
            member: m,
            cells: present
                .iter()
                .map(|d| cell(branches, members, m, d, k))
                .collect(),
        })
        .collect();
    Picture {
        dimensions: present,
        rows,
    }
}

fn cell(branches: &[GroupingBranch], members: &[usize], m: usize, d: &str, k: usize) -> Cell {
    let b = &branches[m];
    let mark = if b.is_strong(d) {
        Mark::Strength
    } else if b.has_gap(d) {
        Mark::Gap
    } else if b.standing(d).is_some_and(|s| s.score.is_some()) {
        Mark::Meets
    } else {
        Mark::Unknown
    };
    let gap = mark == Mark::Gap;
    Cell {
        mark,
        main: gap && b.main_gaps(k).iter().any(|(g, _)| *g == d),
        helped: gap && members.iter().any(|&o| o != m && branches[o].is_strong(d)),
    }
}

/// The quality figures of the whole partition.
fn quality(
    branches: &[GroupingBranch],
    prepared: &Prepared,
    settings: &Settings,
    groups: &[Group],
) -> Quality {
    let k = settings.main_gaps;
    let (mut covered, mut total, mut n_covered, mut n_gaps) = (0.0, 0.0, 0, 0);
    let (mut pairs, mut same_cat, mut same_tag) = (0usize, 0usize, 0usize);
    let mut means = Vec::new();
    for g in groups {
        for &m in &g.members {
            for (d, w) in branches[m].main_gaps(k) {
                total += w;
                n_gaps += 1;
                if g.members
                    .iter()
                    .any(|&o| o != m && branches[o].is_strong(d))
                {
                    covered += w;
                    n_covered += 1;
                }
            }
        }
        for (x, &a) in g.members.iter().enumerate() {
            for &b in &g.members[x + 1..] {
                let (ua, ub) = (&prepared.units[a], &prepared.units[b]);
                pairs += 1;
                same_cat += usize::from(ua.category == ub.category);
                same_tag += usize::from(ua.area.is_some() && ua.area == ub.area);
            }
        }
        means.extend(g.mean);
    }
    let share = if total > 0.0 { covered / total } else { 1.0 };
    let spread = spread(&means);
    let range = means.iter().copied().fold(f64::NEG_INFINITY, f64::max)
        - means.iter().copied().fold(f64::INFINITY, f64::min);
    let mix = |same: usize| {
        if pairs == 0 {
            1.0
        } else {
            1.0 - same as f64 / pairs as f64
        }
    };
    let n = branches.len().max(1) as f64;
    let w = &settings.weights;
    let mut objective = w.balance * -spread / 10.0;
    if total > 0.0 {
        objective += w.coverage * share;
    }
    if settings.categories == Rule::Mix {
        objective -= w.categories * same_cat as f64 / n;
    }
    if settings.tags == Rule::Mix {
        objective -= w.tags * same_tag as f64 / n;
    }
    Quality {
        gap_coverage_share: share,
        main_gaps_covered: n_covered,
        main_gaps: n_gaps,
        spread_of_group_means: spread,
        range_of_group_means: if means.is_empty() { 0.0 } else { range },
        category_mix: mix(same_cat),
        tag_mix: mix(same_tag),
        objective,
    }
}

/// Population standard deviation.
fn spread(values: &[f64]) -> f64 {
    if values.is_empty() {
        return 0.0;
    }
    let n = values.len() as f64;
    let mean = values.iter().sum::<f64>() / n;
    (values.iter().map(|v| (v - mean) * (v - mean)).sum::<f64>() / n).sqrt()
}
