//! 1:1 结对: optimal against brute force over every pairing of small inputs, strong with
//! weak, odd counts as one trio, single branches alone.

#[path = "grouping_common/mod.rs"]
mod common;

use branch_self_check::bank::Locale;
use branch_self_check::grouping::{
    describe_note, pair_branches, Grouping, GroupingBranch, LeadBasis, Note, Reason, Rule, Settings,
};
use common::*;

const K: usize = 3;

/// Main-gap severity of `b` that `a` is strong in, plus the other way round.
fn complementarity(branches: &[GroupingBranch], a: usize, b: usize) -> f64 {
    let one_way = |h: usize, n: usize| -> f64 {
        main_gaps(&branches[n], K)
            .iter()
            .filter(|(d, _)| strong(&branches[h], d))
            .map(|g| g.1)
            .sum()
    };
    one_way(a, b) + one_way(b, a)
}

/// The documented sides: the top ⌊n/2⌋ by overall score (ties by id) are strong.
fn strong_side(branches: &[GroupingBranch]) -> Vec<bool> {
    let mut order: Vec<usize> = (0..branches.len()).collect();
    #[allow(clippy::disallowed_methods, reason = "tests are not in the wasm")]
    order.sort_by(|&a, &b| {
        branches[b]
            .overall
            .unwrap_or(f64::MIN)
            .total_cmp(&branches[a].overall.unwrap_or(f64::MIN))
            .then(branches[a].id.cmp(&branches[b].id))
    });
    let mut strong = vec![false; branches.len()];
    for &i in &order[..branches.len() / 2] {
        strong[i] = true;
    }
    strong
}

/// Every perfect matching of `items` (even count).
fn matchings(items: &[usize]) -> Vec<Vec<(usize, usize)>> {
    let Some((&first, rest)) = items.split_first() else {
        return vec![Vec::new()];
    };
    let mut out = Vec::new();
    for (at, &partner) in rest.iter().enumerate() {
        let left: Vec<usize> = rest
            .iter()
            .enumerate()
            .filter(|&(i, _)| i != at)
            .map(|(_, &x)| x)
            .collect();
        for mut m in matchings(&left) {
            m.push((first, partner));
            out.push(m);
        }
    }
    out
}

/// The value of a pairing: complementarity summed over strong–lead edges.
fn value(branches: &[GroupingBranch], grouping: &Grouping) -> f64 {
    grouping
        .groups
        .iter()
        .flat_map(|g| {
            g.members[1..]
                .iter()
                .map(move |&w| complementarity(branches, g.lead, w))
        })
        .sum()
}

#[test]
fn even_pairings_are_optimal_against_every_perfect_matching() {
    let bank = bank();
    let mut price = Vec::new();
    for n in [2, 4, 6, 8, 10] {
        for seed in 0..6 {
            let profile = if seed % 2 == 0 { SCARCE } else { REALISTIC };
            let branches = synthetic(&bank, n, 1000 + 10 * n as u64 + seed, profile);
            let strong = strong_side(&branches);
            let all: Vec<usize> = (0..n).collect();
            let mut best_bipartite = f64::MIN;
            let mut best_any = f64::MIN;
            for m in matchings(&all) {
                let v: f64 = m
                    .iter()
                    .map(|&(a, b)| complementarity(&branches, a, b))
                    .sum();
                best_any = best_any.max(v);
                if m.iter().all(|&(a, b)| strong[a] != strong[b]) {
                    best_bipartite = best_bipartite.max(v);
                }
            }
            let grouping = pair_branches(&branches, &Settings::default(), &bank).expect("pairs");
            assert_eq!(grouping.groups.len(), n / 2);
            for g in &grouping.groups {
                assert_eq!(g.members.len(), 2);
                assert!(strong[g.lead] && !strong[g.members[1]], "strong with weak");
                assert!(matches!(
                    g.reasons[0],
                    Reason::Lead {
                        basis: LeadBasis::Pairing,
                        ..
                    }
                ));
            }
            let ours = value(&branches, &grouping);
            // Weights are integers in 1/10,000 of severity: rounding costs at most that.
            assert!(
                (ours - best_bipartite).abs() <= 1e-4 * n as f64,
                "n {n} seed {seed}: ours {ours}, best {best_bipartite}"
            );
            if best_any > 0.0 {
                price.push(best_bipartite / best_any);
            }
        }
    }
    let worst = price.iter().copied().fold(1.0, f64::min);
    eprintln!("strong–weak optimum ÷ unrestricted optimum: worst {worst:.3}");
}

#[test]
fn odd_pairings_are_optimal_with_one_trio() {
    let bank = bank();
    for n in [3, 5, 7, 9] {
        for seed in 0..5 {
            let branches = synthetic(&bank, n, 2000 + 10 * n as u64 + seed, SCARCE);
            let strong = strong_side(&branches);
            let strong_ids: Vec<usize> = (0..n).filter(|&i| strong[i]).collect();
            let weak_ids: Vec<usize> = (0..n).filter(|&i| !strong[i]).collect();
            // Brute force: every map of weak to strong where each strong gets one or two,
            // exactly one gets two.
            let m = strong_ids.len();
            let mut best = f64::MIN;
            let total = m.pow(weak_ids.len() as u32);
            for code in 0..total {
                let mut c = code;
                let mut load = vec![0; m];
                let mut v = 0.0;
                for &w in &weak_ids {
                    let s = c % m;
                    c /= m;
                    load[s] += 1;
                    v += complementarity(&branches, strong_ids[s], w);
                }
                if load.iter().all(|&l| l >= 1) {
                    best = best.max(v);
                }
            }
            let grouping = pair_branches(&branches, &Settings::default(), &bank).expect("pairs");
            let trios: Vec<usize> = grouping
                .groups
                .iter()
                .enumerate()
                .filter(|(_, g)| g.members.len() == 3)
                .map(|(i, _)| i)
                .collect();
            assert_eq!(trios.len(), 1);
            assert_eq!(grouping.notes, vec![Note::Trio { group: trios[0] }]);
            let ours = value(&branches, &grouping);
            assert!(
                (ours - best).abs() <= 1e-4 * n as f64,
                "n {n} seed {seed}: ours {ours}, best {best}"
            );
        }
    }
}

#[test]
fn a_hand_built_pairing() {
    // Four branches: A (90) strong in political, B (85) strong in org_life, C (60) with a
    // political gap, D (55) with an org_life gap. Sides: A, B strong; C, D weak. A–C and B–D
    // cover both gaps (value 2 + 3); A–D and B–C cover nothing. So A leads C and B leads D,
    // although balance alone (90 + 55, 85 + 60) would not decide it.
    let bank = bank();
    let mut branches = synthetic(&bank, 4, 1, REALISTIC);
    let set = |b: &mut GroupingBranch,
               id: &str,
               overall: f64,
               strong: &[&str],
               gap: Option<(&str, f64)>| {
        b.id = id.into();
        b.label = id.into();
        b.overall = Some(overall);
        b.strengths = strong.iter().map(|s| s.to_string()).collect();
        b.gaps = gap
            .map(|(d, s)| branch_self_check::grouping::BranchGap {
                dimension: d.into(),
                severity: s,
            })
            .into_iter()
            .collect();
    };
    set(&mut branches[0], "A", 90.0, &["political"], None);
    set(&mut branches[1], "B", 85.0, &["org_life"], None);
    set(&mut branches[2], "C", 60.0, &[], Some(("political", 2.0)));
    set(&mut branches[3], "D", 55.0, &[], Some(("org_life", 3.0)));
    let grouping = pair_branches(&branches, &Settings::default(), &bank).expect("pairs");
    let pairs: Vec<Vec<usize>> = grouping.groups.iter().map(|g| g.members.clone()).collect();
    assert_eq!(pairs, vec![vec![0, 2], vec![1, 3]]);
    assert_eq!(grouping.quality.gap_coverage_share, 1.0);
}

#[test]
fn small_and_kept_together_inputs() {
    let bank = bank();
    let none = pair_branches(&[], &Settings::default(), &bank).expect("empty");
    assert!(none.groups.is_empty());
    let one = synthetic(&bank, 1, 3, REALISTIC);
    let alone = pair_branches(&one, &Settings::default(), &bank).expect("one");
    assert_eq!(alone.groups.len(), 1);
    assert_eq!(alone.notes, vec![Note::Unpaired { group: 0 }]);
    assert!(describe_note(&alone.notes[0], Locale::Zh).contains("无法结对"));

    let branches = synthetic(&bank, 60, 4, REALISTIC);
    let together = Settings {
        categories: Rule::Together,
        ..Settings::default()
    };
    let grouping = pair_branches(&branches, &together, &bank).expect("pairs");
    let mut seen = vec![0; branches.len()];
    for g in &grouping.groups {
        let c = &branches[g.lead].category;
        assert!(g.members.iter().all(|&m| &branches[m].category == c));
        assert!((1..=3).contains(&g.members.len()));
        for &m in &g.members {
            seen[m] += 1;
        }
    }
    assert!(seen.iter().all(|&s| s == 1));
    let again = pair_branches(&branches, &together, &bank).expect("pairs");
    assert_eq!(grouping, again, "deterministic");
}
