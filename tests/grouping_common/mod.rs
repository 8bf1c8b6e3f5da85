//! Shared by the grouping tests and benchmark: a seeded generator of synthetic branches on
//! the default bank, and an independent coverage oracle.
#![allow(dead_code)] // each test crate uses its own subset

use branch_self_check::bank::{load_bank, Bank, DEFAULT_BANK_JSON};
use branch_self_check::grouping::{BranchGap, DimensionStanding, GroupingBranch};

pub mod exact;

/// SplitMix64: small, seeded, the same everywhere.
pub struct Rng(pub u64);

impl Rng {
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in [0, 1).
    pub fn unit(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }

    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n.max(1) as u64) as usize
    }

    /// Standard normal (Box–Muller).
    pub fn normal(&mut self) -> f64 {
        let u = self.unit().max(1e-12);
        let v = self.unit();
        (-2.0 * u.ln()).sqrt() * (std::f64::consts::TAU * v).cos()
    }

    pub fn shuffle<T>(&mut self, items: &mut [T]) {
        for i in (1..items.len()).rev() {
            items.swap(i, self.below(i + 1));
        }
    }
}

pub fn bank() -> Bank {
    load_bank(DEFAULT_BANK_JSON).expect("the default bank loads")
}

/// How strong the generated branches are: a base level uniform in `base`, and each
/// dimension's score the base plus normal noise of `noise` points.
#[derive(Clone, Copy)]
pub struct Profile {
    pub base: (f64, f64),
    pub noise: f64,
    pub areas: usize,
}

pub const REALISTIC: Profile = Profile {
    base: (58.0, 95.0),
    noise: 9.0,
    areas: 6,
};

/// Few strengths: most branches below target, helpers scarce.
pub const SCARCE: Profile = Profile {
    base: (50.0, 85.0),
    noise: 8.0,
    areas: 4,
};

/// `n` branches of the default bank's categories, scored as the engine would: a dimension
/// is a gap below its category target (severity = weight share × shortfall) and a strength
/// at target + the bank's margin or more.
pub fn synthetic(bank: &Bank, n: usize, seed: u64, profile: Profile) -> Vec<GroupingBranch> {
    let mut rng = Rng(seed);
    (0..n)
        .map(|i| {
            let category = &bank.categories[rng.below(bank.categories.len())];
            let base = profile.base.0 + (profile.base.1 - profile.base.0) * rng.unit();
            let total_weight: f64 = bank
                .dimensions
                .iter()
                .map(|d| category.weights.get(&d.id).copied().unwrap_or(0.0))
                .sum();
            let mut dimensions = Vec::new();
            let mut strengths: Vec<(String, f64)> = Vec::new();
            let mut gaps: Vec<BranchGap> = Vec::new();
            let mut weighted = 0.0;
            for d in &bank.dimensions {
                let score = (base + profile.noise * rng.normal()).clamp(0.0, 100.0);
                let score = (score * 10.0).round() / 10.0;
                let target = category.targets.get(&d.id).copied().unwrap_or(80.0);
                let share = category.weights.get(&d.id).copied().unwrap_or(0.0) / total_weight;
                weighted += share * score;
                if score < target {
                    gaps.push(BranchGap {
                        dimension: d.id.clone(),
                        severity: share * (target - score),
                    });
                } else if score >= target + bank.strength_margin {
                    strengths.push((d.id.clone(), score - target));
                }
                dimensions.push(DimensionStanding {
                    id: d.id.clone(),
                    score: Some(score),
                    target,
                });
            }
            #[allow(clippy::disallowed_methods, reason = "tests are not in the wasm")]
            {
                strengths.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
                gaps.sort_by(|a, b| {
                    b.severity
                        .total_cmp(&a.severity)
                        .then(a.dimension.cmp(&b.dimension))
                });
            }
            GroupingBranch {
                id: format!("B{i:05}"),
                label: format!("第{i}支部"),
                category: category.id.clone(),
                tags: vec![format!("片区{}", 1 + rng.below(profile.areas))],
                modifiers: Vec::new(),
                overall: Some(weighted),
                dimensions,
                strengths: strengths.into_iter().map(|s| s.0).collect(),
                gaps,
            }
        })
        .collect()
}

/// Main gaps of a branch by the documented rule, computed here without the library: the
/// `k` most severe positive gaps, ties by dimension id.
pub fn main_gaps(b: &GroupingBranch, k: usize) -> Vec<(String, f64)> {
    let mut gaps: Vec<(String, f64)> = b
        .gaps
        .iter()
        .filter(|g| g.severity > 0.0)
        .map(|g| (g.dimension.clone(), g.severity))
        .collect();
    #[allow(clippy::disallowed_methods, reason = "tests are not in the wasm")]
    gaps.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
    gaps.truncate(k);
    gaps
}

pub fn strong(b: &GroupingBranch, d: &str) -> bool {
    b.strengths.iter().any(|s| s == d) && !b.gaps.iter().any(|g| g.dimension == d)
}

/// Covered and total main-gap severity of a partition, by brute force over members.
pub fn coverage(branches: &[GroupingBranch], groups: &[Vec<usize>], k: usize) -> (f64, f64) {
    let mut covered = 0.0;
    let mut total = 0.0;
    for g in groups {
        for &m in g {
            for (d, w) in main_gaps(&branches[m], k) {
                total += w;
                if g.iter().any(|&o| o != m && strong(&branches[o], &d)) {
                    covered += w;
                }
            }
        }
    }
    (covered, total)
}

pub fn coverage_share(branches: &[GroupingBranch], groups: &[Vec<usize>], k: usize) -> f64 {
    let (c, t) = coverage(branches, groups, k);
    if t > 0.0 {
        c / t
    } else {
        1.0
    }
}

/// The groups of a grouping as lists of input indices.
pub fn partition(grouping: &branch_self_check::grouping::Grouping) -> Vec<Vec<usize>> {
    grouping.groups.iter().map(|g| g.members.clone()).collect()
}

/// The groups as sorted lists of ids, the list sorted: comparable across input orders.
pub fn canonical(branches: &[GroupingBranch], groups: &[Vec<usize>]) -> Vec<Vec<String>> {
    let mut out: Vec<Vec<String>> = groups
        .iter()
        .map(|g| {
            let mut ids: Vec<String> = g.iter().map(|&m| branches[m].id.clone()).collect();
            #[allow(clippy::disallowed_methods, reason = "tests are not in the wasm")]
            ids.sort();
            ids
        })
        .collect();
    #[allow(clippy::disallowed_methods, reason = "tests are not in the wasm")]
    out.sort();
    out
}
