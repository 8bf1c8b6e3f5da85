//! Grouping quality: coverage against random partitions of the same branches and against the
//! exact optimum: dynamic programming over subsets up to 18 branches, a branch and bound
//! (checked against it) on 40.

#[path = "grouping_common/mod.rs"]
mod common;

use std::collections::HashMap;

use branch_self_check::grouping::{form_groups, GroupingBranch, Locks, Rule, Settings, Weights};
use common::exact::optimum;
use common::*;

/// Coverage only: the objective the exact solver optimises.
fn coverage_only() -> Settings {
    Settings {
        categories: Rule::Ignore,
        tags: Rule::Ignore,
        weights: Weights {
            coverage: 1.0,
            balance: 0.0,
            categories: 0.0,
            tags: 0.0,
        },
        ..Settings::default()
    }
}

/// Main gaps and strengths as bit masks over the bank's dimensions.
struct Masks {
    strong: Vec<u64>,
    gaps: Vec<Vec<(usize, f64)>>,
}

fn masks(branches: &[GroupingBranch], k: usize) -> Masks {
    let mut dims: Vec<String> = Vec::new();
    let mut bit = |d: &str| {
        if let Some(i) = dims.iter().position(|x| x == d) {
            i
        } else {
            dims.push(d.to_string());
            dims.len() - 1
        }
    };
    let mut strong = Vec::new();
    let mut gaps = Vec::new();
    for b in branches {
        let s = b
            .strengths
            .iter()
            .filter(|d| common::strong(b, d))
            .fold(0u64, |m, d| m | 1 << bit(d));
        strong.push(s);
        gaps.push(
            main_gaps(b, k)
                .into_iter()
                .map(|(d, w)| (bit(&d), w))
                .collect(),
        );
    }
    Masks { strong, gaps }
}

/// The exact maximum covered severity over all partitions of `n ≤ 20` branches into the
/// fewest groups of `min..=max` (the library's rule): f(S, t) = best split of set S into t
/// groups, the group holding S's lowest member chosen among all subsets.
fn exact_best(branches: &[GroupingBranch], k: usize, min: usize, max: usize) -> f64 {
    let n = branches.len();
    assert!(n <= 20);
    let m = masks(branches, k);
    let full = (1u32 << n) - 1;
    let cov: Vec<f64> = (0..=full)
        .map(|set| {
            let helpers = (0..n)
                .filter(|i| set >> i & 1 == 1)
                .fold(0u64, |h, i| h | m.strong[i]);
            (0..n)
                .filter(|i| set >> i & 1 == 1)
                .flat_map(|i| m.gaps[i].iter())
                .filter(|(d, _)| helpers >> d & 1 == 1)
                .map(|g| g.1)
                .sum()
        })
        .collect();
    let mut memo = HashMap::new();
    best(full, fewest_groups(n, min, max), min, max, &cov, &mut memo)
}

/// The library's rule: the fewest groups of `min..=max` that hold `n` branches.
fn fewest_groups(n: usize, min: usize, max: usize) -> usize {
    (n.div_ceil(max)..=n / min)
        .find(|&t| t * min <= n && n <= t * max)
        .expect("n fits the bounds")
}

/// The branch and bound's optimum over the fewest groups (with how many nodes proved it), its
/// partition checked here: every branch once, sizes within bounds, and worth its value by the
/// brute-force oracle.
fn proven(branches: &[GroupingBranch], k: usize, min: usize, max: usize) -> (f64, u64) {
    let m = masks(branches, k);
    let found = optimum(
        &m.strong,
        &m.gaps,
        fewest_groups(branches.len(), min, max),
        min,
        max,
    );
    let mut seen = vec![false; branches.len()];
    for group in &found.groups {
        assert!((min..=max).contains(&group.len()), "sizes within bounds");
        for &i in group {
            assert!(
                !std::mem::replace(&mut seen[i], true),
                "a branch in one group"
            );
        }
    }
    assert!(seen.iter().all(|&s| s), "every branch grouped");
    let (worth, _) = coverage(branches, &found.groups, k);
    assert!(
        (worth - found.value).abs() < 1e-9,
        "the optimum's partition is worth {worth}, not {}",
        found.value
    );
    (found.value, found.nodes)
}

fn best(
    set: u32,
    t: usize,
    min: usize,
    max: usize,
    cov: &[f64],
    memo: &mut HashMap<(u32, usize), f64>,
) -> f64 {
    let size = set.count_ones() as usize;
    if t == 0 {
        return if set == 0 { 0.0 } else { f64::NEG_INFINITY };
    }
    if size < t * min || size > t * max {
        return f64::NEG_INFINITY;
    }
    if t == 1 {
        return cov[set as usize];
    }
    if let Some(&v) = memo.get(&(set, t)) {
        return v;
    }
    let low = set & set.wrapping_neg();
    let rest = set & !low;
    let mut top = f64::NEG_INFINITY;
    let mut sub = rest;
    loop {
        let s = sub.count_ones() as usize + 1;
        if (min..=max).contains(&s) {
            let group = sub | low;
            let v = cov[group as usize] + best(set & !group, t - 1, min, max, cov, memo);
            top = top.max(v);
        }
        if sub == 0 {
            break;
        }
        sub = (sub - 1) & rest;
    }
    memo.insert((set, t), top);
    top
}

/// An upper bound on covered severity: per dimension, its needers can be covered only in
/// groups holding one of its helpers, at most min(helpers, groups) groups of `max − 1`
/// needers each; the heaviest needers fill those places.
fn upper_bound(branches: &[GroupingBranch], k: usize, groups: usize, max: usize) -> f64 {
    let m = masks(branches, k);
    let mut bound = 0.0;
    for d in 0..64 {
        let helpers = m.strong.iter().filter(|s| *s >> d & 1 == 1).count();
        let mut needs: Vec<f64> = m
            .gaps
            .iter()
            .flat_map(|g| g.iter().filter(|(x, _)| *x == d).map(|g| g.1))
            .collect();
        #[allow(clippy::disallowed_methods, reason = "tests are not in the wasm")]
        needs.sort_by(|a, b| b.total_cmp(a));
        let places = helpers.min(groups) * (max - 1);
        bound += needs.iter().take(places).sum::<f64>();
    }
    bound
}

fn heuristic(branches: &[GroupingBranch], settings: &Settings) -> Vec<Vec<usize>> {
    let grouping = form_groups(branches, settings, &Locks::default(), &bank()).expect("groups");
    partition(&grouping)
}

#[test]
fn coverage_is_far_above_random_partitions() {
    let bank = bank();
    for (seed, profile) in [(1, REALISTIC), (2, SCARCE), (3, REALISTIC)] {
        let branches = synthetic(&bank, 120, seed, profile);
        let settings = Settings::default();
        let groups = heuristic(&branches, &settings);
        let ours = coverage_share(&branches, &groups, 3);
        let sizes: Vec<usize> = groups.iter().map(Vec::len).collect();
        let mut rng = Rng(seed * 1000 + 7);
        let mut order: Vec<usize> = (0..branches.len()).collect();
        let mut shares = Vec::new();
        for _ in 0..200 {
            rng.shuffle(&mut order);
            let mut at = 0;
            let random: Vec<Vec<usize>> = sizes
                .iter()
                .map(|&s| {
                    at += s;
                    order[at - s..at].to_vec()
                })
                .collect();
            shares.push(coverage_share(&branches, &random, 3));
        }
        let mean = shares.iter().sum::<f64>() / shares.len() as f64;
        let best = shares.iter().copied().fold(0.0, f64::max);
        eprintln!("seed {seed}: ours {ours:.3}, random mean {mean:.3}, random best {best:.3}");
        assert!(ours > best, "above the best of 200 random partitions");
        // Well above: at most half the gap severity random partitions leave uncovered.
        assert!(
            1.0 - ours <= 0.5 * (1.0 - mean),
            "well above the random mean"
        );
    }
}

#[test]
fn coverage_is_within_a_few_per_cent_of_the_exact_optimum() {
    let bank = bank();
    let settings = coverage_only();
    let mut worst: f64 = 1.0;
    let cases: Vec<(usize, u64, Profile)> = (0..12)
        .map(|s| (12, 100 + s, if s % 2 == 0 { SCARCE } else { REALISTIC }))
        .chain((0..4).map(|s| (18, 200 + s, if s % 2 == 0 { SCARCE } else { REALISTIC })))
        .collect();
    for (n, seed, profile) in cases {
        let branches = synthetic(&bank, n, seed, profile);
        let exact = exact_best(&branches, 3, 4, 6);
        let (searched, _) = proven(&branches, 3, 4, 6);
        assert!(
            (searched - exact).abs() < 1e-9,
            "the branch and bound ({searched}) agrees with the dynamic programming ({exact})"
        );
        let (ours, _) = coverage(&branches, &heuristic(&branches, &settings), 3);
        let ratio = if exact > 0.0 { ours / exact } else { 1.0 };
        eprintln!("n {n} seed {seed}: ours {ours:.3}, exact {exact:.3}, ratio {ratio:.4}");
        assert!(ours <= exact + 1e-9, "no partition beats the exact optimum");
        worst = worst.min(ratio);
    }
    eprintln!("worst ratio to the exact optimum: {worst:.4}");
    assert!(worst >= 0.95);
}

/// The branch and bound against the dynamic programming where the quality tests do not
/// take it: other sizes and main-gap counts, many groups (its local improvement starts at 5),
/// places exactly filled, both profiles.
#[test]
fn the_branch_and_bound_agrees_with_the_dynamic_programming() {
    let bank = bank();
    let cases = [
        (9, 2, 3),
        (12, 3, 4),
        (12, 2, 3),
        (14, 2, 3),
        (15, 3, 3),
        (15, 3, 5),
        (16, 2, 3),
        (16, 4, 6),
    ];
    for (c, &(n, min, max)) in cases.iter().enumerate() {
        for s in 0..4 {
            let seed = 400 + 10 * c as u64 + s;
            let profile = if s % 2 == 0 { SCARCE } else { REALISTIC };
            let k = 2 + s as usize % 3;
            let branches = synthetic(&bank, n, seed, profile);
            let exact = exact_best(&branches, k, min, max);
            let (searched, _) = proven(&branches, k, min, max);
            assert!(
                (searched - exact).abs() < 1e-9,
                "n {n}, sizes {min}..={max}, {k} main gaps, seed {seed}: branch and bound \
                 {searched}, dynamic programming {exact}"
            );
        }
    }
}

#[test]
fn coverage_on_40_branches_is_within_a_few_per_cent_of_the_exact_optimum() {
    let bank = bank();
    let settings = coverage_only();
    let mut worst: f64 = 1.0;
    for s in 0..6 {
        let seed = 300 + s;
        let profile = if s % 2 == 0 { SCARCE } else { REALISTIC };
        let branches = synthetic(&bank, 40, seed, profile);
        let groups = heuristic(&branches, &settings);
        assert_eq!(groups.len(), fewest_groups(40, 4, 6), "the fewest groups");
        let (ours, _) = coverage(&branches, &groups, 3);
        let (exact, nodes) = proven(&branches, 3, 4, 6);
        let bound = upper_bound(&branches, 3, groups.len(), 6);
        assert!(exact <= bound + 1e-9, "the optimum within the upper bound");
        let ratio = ours / exact;
        eprintln!(
            "n 40 seed {seed}: ours {ours:.3}, exact {exact:.3} ({nodes} nodes), bound \
             {bound:.3}, ratio {ratio:.4}"
        );
        assert!(ours <= exact + 1e-9, "no partition beats the exact optimum");
        worst = worst.min(ratio);
    }
    eprintln!("worst ratio to the exact optimum on 40 branches: {worst:.4}");
    assert!(worst >= 0.95);
}
