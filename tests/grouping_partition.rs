//! Grouping as a partition: every branch once, sizes in bounds, locks, determinism, the
//! category and tag rules, errors and odd input.

#[path = "grouping_common/mod.rs"]
mod common;

use branch_self_check::bank::Locale;
use branch_self_check::grouping::{
    assess_partition, describe_error, describe_note, form_groups, Grouping, GroupingBranch,
    GroupingError, Locks, Note, Rule, Settings,
};
use common::*;

fn form(branches: &[GroupingBranch], settings: &Settings, locks: &Locks) -> Grouping {
    form_groups(branches, settings, locks, &bank()).expect("groups form")
}

/// Each input index exactly once.
fn assert_partition(grouping: &Grouping, n: usize) {
    let mut seen = vec![0; n];
    for g in &grouping.groups {
        assert!(g.members.contains(&g.lead), "the lead is a member");
        assert_eq!(g.members[0], g.lead, "the lead is listed first");
        for &m in &g.members {
            seen[m] += 1;
        }
    }
    assert!(
        seen.iter().all(|&c| c == 1),
        "every branch in exactly one group"
    );
}

#[test]
fn every_branch_in_exactly_one_group_within_bounds() {
    let bank = bank();
    for (n, min, max) in [
        (4, 4, 6),
        (8, 4, 6),
        (13, 4, 6),
        (50, 4, 6),
        (101, 4, 6),
        (60, 3, 5),
        (47, 5, 5),
        (250, 4, 6),
    ] {
        let branches = synthetic(&bank, n, n as u64, REALISTIC);
        let settings = Settings {
            min_size: min,
            max_size: max,
            ..Settings::default()
        };
        let grouping = form(&branches, &settings, &Locks::default());
        assert_partition(&grouping, n);
        let undersized: Vec<usize> = grouping
            .notes
            .iter()
            .filter_map(|note| match note {
                Note::Undersized { group, .. } => Some(*group),
                _ => None,
            })
            .collect();
        for (i, g) in grouping.groups.iter().enumerate() {
            assert!(g.members.len() <= max, "n {n}: group {i} too large");
            assert!(
                g.members.len() >= min || undersized.contains(&i),
                "n {n}: group {i} too small without a note"
            );
        }
        // The fewest groups that fit.
        let fewest = (n.div_ceil(max)..=n / min).find(|&k| k * min <= n && n <= k * max);
        if let Some(k) = fewest {
            assert_eq!(grouping.groups.len(), k, "n {n}");
            assert!(undersized.is_empty());
        }
    }
}

#[test]
fn counts_that_cannot_be_split_give_one_undersized_group_with_a_note() {
    let bank = bank();
    // 3 branches with min 4: one group of 3. 7 with 4–6: a 4 and a 3 (not 6 + 1).
    for (n, sizes) in [(3, vec![3]), (7, vec![4, 3]), (1, vec![1])] {
        let branches = synthetic(&bank, n, 9, REALISTIC);
        let grouping = form(&branches, &Settings::default(), &Locks::default());
        assert_partition(&grouping, n);
        let mut got: Vec<usize> = grouping.groups.iter().map(|g| g.members.len()).collect();
        #[allow(clippy::disallowed_methods, reason = "tests are not in the wasm")]
        got.sort_by(|a, b| b.cmp(a));
        assert_eq!(got, sizes);
        assert_eq!(grouping.notes.len(), 1);
        let Note::Undersized { group, size, min } = grouping.notes[0].clone() else {
            panic!("an undersized note");
        };
        assert_eq!(grouping.groups[group].members.len(), size);
        assert_eq!((size, min), (*sizes.last().unwrap_or(&0), 4));
        assert!(describe_note(&grouping.notes[0], Locale::Zh).contains("少于4个"));
    }
}

#[test]
fn empty_input_gives_no_groups_and_bad_bounds_an_error() {
    let grouping = form(&[], &Settings::default(), &Locks::default());
    assert!(grouping.groups.is_empty());
    assert_eq!(grouping.quality.gap_coverage_share, 1.0);
    let bad = Settings {
        min_size: 5,
        max_size: 4,
        ..Settings::default()
    };
    let err = form_groups(&[], &bad, &Locks::default(), &bank());
    assert_eq!(err, Err(GroupingError::Bounds { min: 5, max: 4 }));
    let zero = Settings {
        min_size: 0,
        ..Settings::default()
    };
    assert!(form_groups(&[], &zero, &Locks::default(), &bank()).is_err());
}

#[test]
fn odd_branches_do_not_panic() {
    let bank = bank();
    let mut branches = synthetic(&bank, 9, 5, REALISTIC);
    branches[0].overall = None;
    branches[1].overall = Some(f64::NAN);
    branches[2].gaps[0].severity = f64::INFINITY;
    branches[3].strengths = vec!["unknown-dimension".into()];
    branches[4].gaps.clear();
    branches[4].strengths.clear();
    branches[5].id = branches[6].id.clone(); // a repeated id
    let both = branches[7].gaps[0].dimension.clone();
    branches[7].strengths.push(both); // a strength and a gap at once
    let grouping = form(&branches, &Settings::default(), &Locks::default());
    assert_partition(&grouping, 9);
    assert!(grouping.quality.gap_coverage_share.is_finite());
    assert!(grouping.quality.spread_of_group_means.is_finite());
}

#[test]
fn the_same_input_gives_the_same_groups_whatever_its_order() {
    let bank = bank();
    let branches = synthetic(&bank, 90, 11, REALISTIC);
    let settings = Settings::default();
    let first = form(&branches, &settings, &Locks::default());
    let again = form(&branches, &settings, &Locks::default());
    assert_eq!(first, again, "same input, same result");

    let mut rng = Rng(77);
    let mut order: Vec<usize> = (0..branches.len()).collect();
    rng.shuffle(&mut order);
    let shuffled: Vec<GroupingBranch> = order.iter().map(|&i| branches[i].clone()).collect();
    let other = form(&shuffled, &settings, &Locks::default());
    assert_eq!(
        canonical(&branches, &partition(&first)),
        canonical(&shuffled, &partition(&other)),
        "the same groups up to order"
    );
    let leads = |g: &Grouping, b: &[GroupingBranch]| {
        let mut ids: Vec<String> = g.groups.iter().map(|g| b[g.lead].id.clone()).collect();
        #[allow(clippy::disallowed_methods, reason = "tests are not in the wasm")]
        ids.sort();
        ids
    };
    assert_eq!(leads(&first, &branches), leads(&other, &shuffled));
    assert_eq!(first.quality, other.quality);
}

#[test]
fn locks_are_kept_and_the_rest_reoptimised() {
    let bank = bank();
    let branches = synthetic(&bank, 60, 21, SCARCE);
    let settings = Settings::default();
    let free = form(&branches, &settings, &Locks::default());
    // Pin three pairs of branches that the free result put apart, and one trio.
    let locks = Locks::default()
        .pin(0, 10)
        .pin(1, 10)
        .pin(2, 20)
        .pin(3, 20)
        .pin(4, 20)
        .pin(5, 30)
        .pin(6, 30);
    let locked = form(&branches, &settings, &locks);
    assert_partition(&locked, branches.len());
    for (key, members) in [(10, vec![0, 1]), (20, vec![2, 3, 4]), (30, vec![5, 6])] {
        let g = locked.group_of(members[0]).expect("placed");
        assert_eq!(locked.groups[g].lock, Some(key));
        for m in members {
            assert_eq!(locked.group_of(m), Some(g), "pinned together");
        }
    }
    let keys: Vec<Option<usize>> = [0, 2, 5].iter().map(|&m| locked.group_of(m)).collect();
    assert!(keys[0] != keys[1] && keys[1] != keys[2] && keys[0] != keys[2]);
    // Locked groups come first, by key.
    let locks_in_order: Vec<Option<u32>> = locked.groups.iter().take(3).map(|g| g.lock).collect();
    assert_eq!(locks_in_order, vec![Some(10), Some(20), Some(30)]);
    assert!(locked.quality.objective <= free.quality.objective + 1e-9);
    // The unlocked branches were re-optimised, not left where the free run put them:
    // the locked result is still far above its own draft order's coverage.
    assert!(locked.quality.gap_coverage_share >= free.quality.gap_coverage_share - 0.05);

    // Locking a whole free result reproduces it.
    let mut all = Locks::default();
    for (g, group) in free.groups.iter().enumerate() {
        for &m in &group.members {
            all = all.pin(m, g as u32);
        }
    }
    let pinned = form(&branches, &settings, &all);
    assert_eq!(
        canonical(&branches, &partition(&pinned)),
        canonical(&branches, &partition(&free))
    );
}

#[test]
fn a_move_and_a_swap_expressed_as_locks() {
    let bank = bank();
    let branches = synthetic(&bank, 30, 31, REALISTIC);
    let settings = Settings::default();
    let free = form(&branches, &settings, &Locks::default());
    let (a, b) = (free.groups[0].members[1], free.groups[1].members[1]);
    // Swap a and b: a pinned to group 1's key, b to group 0's, with each group's lead.
    let locks = Locks::default()
        .pin(a, 1)
        .pin(free.groups[1].lead, 1)
        .pin(b, 0)
        .pin(free.groups[0].lead, 0);
    let swapped = form(&branches, &settings, &locks);
    assert_eq!(swapped.group_of(a), swapped.group_of(free.groups[1].lead));
    assert_eq!(swapped.group_of(b), swapped.group_of(free.groups[0].lead));
    assert_partition(&swapped, branches.len());
}

#[test]
fn lock_errors_are_clear() {
    let bank = bank();
    let branches = synthetic(&bank, 12, 41, REALISTIC);
    let settings = Settings::default();
    let too_many = (0..7).fold(Locks::default(), |l, i| l.pin(i, 1));
    assert_eq!(
        form_groups(&branches, &settings, &too_many, &bank).err(),
        Some(GroupingError::LockTooLarge {
            key: 1,
            count: 7,
            max: 6
        })
    );
    let unknown = Locks::default().pin(99, 1);
    assert_eq!(
        form_groups(&branches, &settings, &unknown, &bank).err(),
        Some(GroupingError::UnknownBranch { index: 99 })
    );
    // 11 branches make two groups of 4–6, not three.
    let three_keys = Locks::default().pin(0, 1).pin(1, 2).pin(2, 3);
    let err = form_groups(&branches[..11], &settings, &three_keys, &bank).err();
    assert_eq!(
        err,
        Some(GroupingError::LocksDontFit {
            keys: 3,
            branches: 11
        })
    );
    // With 12 they make three groups of 4.
    let fits = form_groups(&branches, &settings, &three_keys, &bank).expect("fits");
    assert_eq!(fits.groups.len(), 3);
    let text = describe_error(
        &err.unwrap_or(GroupingError::Bounds { min: 0, max: 0 }),
        Locale::En,
    );
    assert!(text.contains("3 kept groups"), "{text}");
    // Under categories Together, one key may not span two categories.
    let together = Settings {
        categories: Rule::Together,
        ..Settings::default()
    };
    let other = (1..12)
        .find(|&i| branches[i].category != branches[0].category)
        .expect("two categories");
    let across = Locks::default().pin(0, 5).pin(other, 5);
    assert_eq!(
        form_groups(&branches, &together, &across, &bank).err(),
        Some(GroupingError::LockAcrossBlocks { key: 5 })
    );
}

#[test]
fn categories_together_keeps_each_group_in_one_category() {
    let bank = bank();
    let branches = synthetic(&bank, 200, 51, REALISTIC);
    let settings = Settings {
        categories: Rule::Together,
        ..Settings::default()
    };
    let grouping = form(&branches, &settings, &Locks::default());
    assert_partition(&grouping, branches.len());
    for g in &grouping.groups {
        let c = &branches[g.lead].category;
        assert!(g.members.iter().all(|&m| &branches[m].category == c));
    }
    assert_eq!(grouping.quality.category_mix, 0.0);
}

#[test]
fn categories_mix_mixes_more_than_ignoring_them() {
    let bank = bank();
    let branches = synthetic(&bank, 200, 61, REALISTIC);
    let mix = form(&branches, &Settings::default(), &Locks::default());
    let ignore = form(
        &branches,
        &Settings {
            categories: Rule::Ignore,
            ..Settings::default()
        },
        &Locks::default(),
    );
    let same_pairs = |g: &Grouping| -> usize {
        g.groups
            .iter()
            .map(|g| {
                let m = &g.members;
                (0..m.len())
                    .flat_map(|i| (i + 1..m.len()).map(move |j| (m[i], m[j])))
                    .filter(|&(a, b)| branches[a].category == branches[b].category)
                    .count()
            })
            .sum()
    };
    eprintln!(
        "same-category pairs: mix {}, ignore {}; mix share {:.3}",
        same_pairs(&mix),
        same_pairs(&ignore),
        mix.quality.category_mix
    );
    assert!(same_pairs(&mix) < same_pairs(&ignore));
    assert!(mix.quality.category_mix > 0.97);
}

#[test]
fn tags_together_keeps_each_group_in_one_area_and_mix_spreads_them() {
    let bank = bank();
    let branches = synthetic(&bank, 120, 71, REALISTIC);
    let together = Settings {
        tags: Rule::Together,
        ..Settings::default()
    };
    let grouping = form(&branches, &together, &Locks::default());
    assert_partition(&grouping, branches.len());
    for g in &grouping.groups {
        let area = branches[g.lead].area();
        assert!(g.members.iter().all(|&m| branches[m].area() == area));
    }
    let mixed = Settings {
        tags: Rule::Mix,
        ..Settings::default()
    };
    let mixed = form(&branches, &mixed, &Locks::default());
    let ignored = form(&branches, &Settings::default(), &Locks::default());
    assert!(mixed.quality.tag_mix > ignored.quality.tag_mix);
}

#[test]
fn a_hand_made_partition_is_scored_as_given() {
    let bank = bank();
    let branches = synthetic(&bank, 10, 81, REALISTIC);
    let groups = vec![vec![0, 1, 2, 3, 4], vec![5, 6, 7, 8, 9]];
    let grouping = assess_partition(&branches, &Settings::default(), &groups, &bank).expect("ok");
    assert_eq!(
        canonical(&branches, &partition(&grouping)),
        canonical(&branches, &groups)
    );
    let expected = coverage_share(&branches, &groups, 3);
    assert!((grouping.quality.gap_coverage_share - expected).abs() < 1e-12);
    let twice = vec![vec![0, 1, 2, 3, 4], vec![4, 5, 6, 7, 8, 9]];
    assert_eq!(
        assess_partition(&branches, &Settings::default(), &twice, &bank).err(),
        Some(GroupingError::NotAPartition { index: 4 })
    );
    let missing = vec![vec![0, 1, 2, 3, 4], vec![5, 6, 7, 8]];
    assert_eq!(
        assess_partition(&branches, &Settings::default(), &missing, &bank).err(),
        Some(GroupingError::NotAPartition { index: 9 })
    );
}

#[test]
fn quality_figures_match_an_independent_count() {
    let bank = bank();
    let branches = synthetic(&bank, 80, 91, SCARCE);
    let grouping = form(&branches, &Settings::default(), &Locks::default());
    let groups = partition(&grouping);
    let (covered, total) = coverage(&branches, &groups, 3);
    let q = &grouping.quality;
    assert!((q.gap_coverage_share - covered / total).abs() < 1e-12);
    let means: Vec<f64> = groups
        .iter()
        .map(|g| g.iter().filter_map(|&m| branches[m].overall).sum::<f64>() / g.len() as f64)
        .collect();
    let mean = means.iter().sum::<f64>() / means.len() as f64;
    let sd = (means.iter().map(|m| (m - mean).powi(2)).sum::<f64>() / means.len() as f64).sqrt();
    assert!((q.spread_of_group_means - sd).abs() < 1e-9);
    let range = means.iter().copied().fold(f64::MIN, f64::max)
        - means.iter().copied().fold(f64::MAX, f64::min);
    assert!((q.range_of_group_means - range).abs() < 1e-9);
    for (g, group) in grouping.groups.iter().enumerate() {
        let expected = means[g];
        assert!((group.mean.unwrap_or(f64::NAN) - expected).abs() < 1e-9);
    }
    // Balanced: group means spread far less than branches' scores do.
    let all: Vec<f64> = branches.iter().filter_map(|b| b.overall).collect();
    let m = all.iter().sum::<f64>() / all.len() as f64;
    let branch_sd = (all.iter().map(|x| (x - m).powi(2)).sum::<f64>() / all.len() as f64).sqrt();
    eprintln!("group-mean sd {sd:.2} vs branch sd {branch_sd:.2}");
    assert!(sd < branch_sd / 4.0);
}
