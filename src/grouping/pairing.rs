//! 1:1 结对: the strong half with the weak half, by an exact maximum-weight assignment.

use std::ops::{Add, AddAssign, Sub, SubAssign};

use super::input::{self, Prepared, Unit};
use super::search::{Formed, Pairing};
use super::{explain, Grouping, GroupingBranch, GroupingError, Settings};
use crate::bank::Bank;

/// Severity is counted in units of 1/10,000 in the integer weights.
const SCALE: f64 = 1e4;
/// The balance tie-break is worth at most this per pair.
const BALANCE_STEPS: i128 = 1000;

/// Pairs branches 以强带弱, optimally.
///
/// In each block (the settings' `Together` rules apply; size bounds, locks and `Mix`
/// preferences do not), branches are ranked by overall score (none last, ties by id): the
/// top ⌊n/2⌋ are the strong side, the rest the weak side. Each pair is one strong and one
/// weak branch. The pairing maximises, first, the total *complementarity* — the main-gap
/// severity of each side the other is strong in, summed over both directions and all pairs
/// — and then, among pairings with the same complementarity, the total *balance* (how close
/// each pair's mean score is to the block's mean, in tenths of a point, up to 100 points).
/// Both are integers combined lexicographically into one weight per strong–weak edge, and
/// the Hungarian algorithm (Kuhn–Munkres, O(n³)) finds a maximum-weight perfect assignment,
/// which is optimal by the algorithm's LP duality certificate.
///
/// With an odd count the weak side has one branch more, and exactly one strong branch takes
/// two weak ones (a trio, with a [`super::Note::Trio`]): each strong branch gets two
/// columns, the first worth a bonus larger than any assignment, so every strong branch is
/// used once and exactly one twice — still one exact assignment. A block of one branch is
/// left alone with a [`super::Note::Unpaired`].
pub fn pair_branches(
    branches: &[GroupingBranch],
    settings: &Settings,
    bank: &Bank,
) -> Result<Grouping, GroupingError> {
    let prepared = input::prepare(branches, settings)?;
    let blocks = input::blocks(&prepared, settings);
    let formed = blocks
        .iter()
        .enumerate()
        .flat_map(|(position, block)| pair_block(&prepared, block, position))
        .collect();
    Ok(explain::finish(
        branches, &prepared, settings, bank, formed, true,
    ))
}

/// The strong side (first) and weak side of a block, strongest first.
pub(crate) fn sides(prepared: &Prepared, block: &[usize]) -> (Vec<usize>, Vec<usize>) {
    let mut ranked = block.to_vec();
    let units = &prepared.units;
    crate::order::sort_by(&mut ranked, |&a, &b| units[a].strongest_first(&units[b]));
    let weak = ranked.split_off(ranked.len() / 2);
    (ranked, weak)
}

/// Main-gap severity of each that the other is strong in, both directions.
pub(crate) fn complementarity(a: &Unit, b: &Unit) -> f64 {
    let covered = |helper: &Unit, needer: &Unit| -> f64 {
        needer
            .gaps
            .iter()
            .filter(|(d, _)| helper.strong >> d & 1 == 1)
            .map(|g| g.1)
            .sum()
    };
    covered(a, b) + covered(b, a)
}

fn pair_block(prepared: &Prepared, block: &[usize], position: usize) -> Vec<Formed> {
    let formed = |members: Vec<usize>, pairing: Pairing| Formed {
        lead: members.first().copied(),
        members,
        key: None,
        locked: Vec::new(),
        undersized_min: None,
        block: position,
        pairing,
    };
    if block.len() < 2 {
        return block
            .iter()
            .map(|&b| formed(vec![b], Pairing::Unpaired))
            .collect();
    }
    let (strong, weak) = sides(prepared, block);
    let units = &prepared.units;
    let scores: Vec<f64> = block.iter().filter_map(|&b| units[b].overall).collect();
    let block_mean = (!scores.is_empty()).then(|| scores.iter().sum::<f64>() / scores.len() as f64);
    let pairs = (block.len() as i128) * (BALANCE_STEPS + 1) + 1;
    let weight = |s: usize, w: usize| -> i128 {
        let primary = (complementarity(&units[s], &units[w]) * SCALE).round() as i128;
        let balance = match (units[s].overall, units[w].overall, block_mean) {
            (Some(a), Some(b), Some(m)) => {
                let off = (((a + b) / 2.0 - m).abs() * 10.0).round() as i128;
                BALANCE_STEPS - off.min(BALANCE_STEPS)
            }
            _ => 0,
        };
        primary * pairs + balance
    };
    let (m, rows) = (strong.len(), weak.len());
    let cols = if rows > m { 2 * m } else { m };
    // The largest edge weight bounds everything: the trio bonus exceeds any sum of edges,
    // and the integer width is chosen so that the potentials cannot overflow.
    let top_gap = block
        .iter()
        .map(|&b| units[b].gap_weight)
        .fold(0.0, f64::max);
    let max_edge = ((2.0 * top_gap * SCALE).ceil() as i128 + 1) * pairs + BALANCE_STEPS;
    let bonus = if rows > m {
        max_edge * rows as i128 + 1
    } else {
        0
    };
    let entry = |r: usize, c: usize| weight(strong[c % m], weak[r]) + if c < m { bonus } else { 0 };
    let cells = || (0..rows).flat_map(|r| (0..cols).map(move |c| (r, c)));
    let assignment = if (max_edge + bonus).saturating_mul(4 * (rows as i128 + 2)) < i64::MAX as i128
    {
        let matrix: Vec<i64> = cells().map(|(r, c)| entry(r, c) as i64).collect();
        max_weight_assignment(&matrix, rows, cols)
    } else {
        let matrix: Vec<i128> = cells().map(|(r, c)| entry(r, c)).collect();
        max_weight_assignment(&matrix, rows, cols)
    };
    let mut groups: Vec<Vec<usize>> = strong.iter().map(|&s| vec![s]).collect();
    for (row, col) in assignment.into_iter().enumerate() {
        if let Some(group) = col.and_then(|c| groups.get_mut(c % m)) {
            group.push(weak[row]);
        }
    }
    groups
        .into_iter()
        .map(|g| {
            let pairing = if g.len() > 2 {
                Pairing::Trio
            } else {
                Pairing::No
            };
            formed(g, pairing)
        })
        .collect()
}

/// Integer weights the assignment runs on (i64 when it cannot overflow, else i128).
pub(crate) trait Weight:
    Copy + Ord + Add<Output = Self> + Sub<Output = Self> + AddAssign + SubAssign
{
    const ZERO: Self;
    /// Larger than any reduced cost.
    const INF: Self;
}

impl Weight for i64 {
    const ZERO: i64 = 0;
    const INF: i64 = i64::MAX / 4;
}

impl Weight for i128 {
    const ZERO: i128 = 0;
    const INF: i128 = i128::MAX / 4;
}

/// A maximum-weight assignment of every row to a distinct column (rows ≤ cols), by the
/// Hungarian algorithm with potentials (O(rows² · cols)). `matrix` is row-major.
pub(crate) fn max_weight_assignment<T: Weight>(
    matrix: &[T],
    rows: usize,
    cols: usize,
) -> Vec<Option<usize>> {
    if rows == 0 || cols < rows || matrix.len() != rows * cols {
        return vec![None; rows];
    }
    let top = matrix.iter().copied().max().unwrap_or(T::ZERO);
    // Minimise top − weight (non-negative costs); rows and columns are 1-based as in the
    // textbook version, 0 being the virtual start.
    let costs: Vec<T> = matrix.iter().map(|&w| top - w).collect();
    let inf = T::INF;
    let mut u = vec![T::ZERO; rows + 1];
    let mut v = vec![T::ZERO; cols + 1];
    let mut p = vec![0usize; cols + 1];
    let mut way = vec![0usize; cols + 1];
    for i in 1..=rows {
        p[0] = i;
        let mut j0 = 0;
        let mut minv = vec![inf; cols + 1];
        let mut used = vec![false; cols + 1];
        loop {
            used[j0] = true;
            let i0 = p[j0];
            let mut delta = inf;
            let mut j1 = 0;
            let row = &costs[(i0 - 1) * cols..i0 * cols];
            let base = u[i0];
            let columns = row.iter().zip(&v[1..]).zip(&used[1..]);
            let slots = minv[1..].iter_mut().zip(&mut way[1..]);
            for (j, (((&cost, &vj), &done), (min, from))) in columns.zip(slots).enumerate() {
                if !done {
                    let cur = cost - base - vj;
                    if cur < *min {
                        *min = cur;
                        *from = j0;
                    }
                    if *min < delta {
                        delta = *min;
                        j1 = j + 1;
                    }
                }
            }
            for j in 0..=cols {
                if used[j] {
                    u[p[j]] += delta;
                    v[j] -= delta;
                } else {
                    minv[j] -= delta;
                }
            }
            j0 = j1;
            if p[j0] == 0 {
                break;
            }
        }
        loop {
            let j1 = way[j0];
            p[j0] = p[j1];
            j0 = j1;
            if j0 == 0 {
                break;
            }
        }
    }
    let mut assignment = vec![None; rows];
    for j in 1..=cols {
        if p[j] != 0 {
            assignment[p[j] - 1] = Some(j - 1);
        }
    }
    assignment
}

#[cfg(test)]
mod tests {
    use super::max_weight_assignment;

    #[test]
    fn assignment_is_the_best_of_all_permutations() {
        // 3 × 3: the best is 0→2, 1→0, 2→1 with 9 + 8 + 7.
        let m: [i64; 9] = [1, 2, 9, 8, 1, 2, 3, 7, 1];
        assert_eq!(
            max_weight_assignment(&m, 3, 3),
            vec![Some(2), Some(0), Some(1)]
        );
        // Rectangular: 2 rows, 3 columns.
        let m: [i128; 6] = [5, 1, 6, 5, 1, 1];
        assert_eq!(max_weight_assignment(&m, 2, 3), vec![Some(2), Some(0)]);
        assert!(max_weight_assignment::<i64>(&[], 0, 0).is_empty());
    }
}
