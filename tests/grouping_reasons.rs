//! Grouping reasons, leads, focus themes and pictures are true to the data: a hand-built
//! case whose answer is worked out by hand, and every reason of synthetic groupings checked
//! against the branches' own strengths and gaps.

#[path = "grouping_common/mod.rs"]
mod common;

use branch_self_check::bank::{Bank, Locale};
use branch_self_check::grouping::{
    describe, form_groups, BranchGap, DimensionStanding, Grouping, GroupingBranch, LeadBasis,
    Locks, Mark, Reason, Settings,
};
use common::*;

/// A branch of category `organ` with the given strengths and gaps (dimension, severity,
/// score); every other dimension meets its target.
fn branch(
    bank: &Bank,
    id: &str,
    label: &str,
    overall: f64,
    strengths: &[&str],
    gaps: &[(&str, f64, f64)],
) -> GroupingBranch {
    let organ = bank
        .categories
        .iter()
        .find(|c| c.id == "organ")
        .expect("organ");
    let dimensions = bank
        .dimensions
        .iter()
        .map(|d| {
            let target = organ.targets.get(&d.id).copied().unwrap_or(80.0);
            let score = if strengths.contains(&d.id.as_str()) {
                target + 10.0
            } else {
                gaps.iter()
                    .find(|g| g.0 == d.id)
                    .map(|g| g.2)
                    .unwrap_or(target)
            };
            DimensionStanding {
                id: d.id.clone(),
                score: Some(score),
                target,
            }
        })
        .collect();
    GroupingBranch {
        id: id.into(),
        label: label.into(),
        category: "organ".into(),
        tags: Vec::new(),
        modifiers: Vec::new(),
        overall: Some(overall),
        dimensions,
        strengths: strengths.iter().map(|s| s.to_string()).collect(),
        gaps: gaps
            .iter()
            .map(|g| BranchGap {
                dimension: g.0.into(),
                severity: g.1,
            })
            .collect(),
    }
}

/// Eight branches, two groups of four (the only sizes 4–6 allow for 8).
///
/// 甲 is the only branch strong in political and org_life, 乙 the only one strong in
/// discipline and resources. W1 (political), W2 (org_life) and X (political) need 甲; W3
/// (discipline), W4 (resources) and Y (discipline) need 乙. So the only partition covering
/// every gap is {甲, W1, W2, X} and {乙, W3, W4, Y}; both group means are 71.25, so balance
/// agrees, and all are `organ`, so the category term is the same for every partition.
/// 甲 covers three main gaps of three members: it leads. Group 1's gap severity is political
/// 3 + 1 = 4 and org_life 3, so “第一议题”联学组 (g-theory, political: 4 per focus dimension)
/// beats the org_life group (3); group 2's is discipline 4 and resources 3, so the integrity
/// group (g-integrity, discipline: 4) beats the records group (resources and secretary: 1.5).
fn hand_case(bank: &Bank) -> Vec<GroupingBranch> {
    vec![
        branch(bank, "W1", "W1支部", 60.0, &[], &[("political", 3.0, 70.0)]),
        branch(
            bank,
            "S2",
            "乙支部",
            90.0,
            &["discipline", "resources"],
            &[],
        ),
        branch(
            bank,
            "W3",
            "W3支部",
            60.0,
            &[],
            &[("discipline", 3.0, 70.0)],
        ),
        branch(bank, "X", "X支部", 75.0, &[], &[("political", 1.0, 80.0)]),
        branch(bank, "S1", "甲支部", 90.0, &["political", "org_life"], &[]),
        branch(bank, "W2", "W2支部", 60.0, &[], &[("org_life", 3.0, 70.0)]),
        branch(bank, "Y", "Y支部", 75.0, &[], &[("discipline", 1.0, 80.0)]),
        branch(bank, "W4", "W4支部", 60.0, &[], &[("resources", 3.0, 70.0)]),
    ]
}

fn index(branches: &[GroupingBranch], id: &str) -> usize {
    branches.iter().position(|b| b.id == id).expect("known id")
}

#[test]
fn the_hand_built_case_has_its_worked_out_answer() {
    let bank = bank();
    let branches = hand_case(&bank);
    let grouping =
        form_groups(&branches, &Settings::default(), &Locks::default(), &bank).expect("groups");
    let ids = |g: usize| -> Vec<&str> {
        grouping.groups[g]
            .members
            .iter()
            .map(|&m| branches[m].id.as_str())
            .collect()
    };
    let (one, two) = if ids(0).contains(&"S1") {
        (0, 1)
    } else {
        (1, 0)
    };
    // Lead first, then by overall (X 75 before W1 and W2 at 60, ids breaking the tie).
    assert_eq!(ids(one), vec!["S1", "X", "W1", "W2"]);
    assert_eq!(ids(two), vec!["S2", "Y", "W3", "W4"]);
    assert_eq!(grouping.quality.gap_coverage_share, 1.0);
    assert_eq!(grouping.quality.spread_of_group_means, 0.0);

    let g1 = &grouping.groups[one];
    let (s1, w1, x) = (
        index(&branches, "S1"),
        index(&branches, "W1"),
        index(&branches, "X"),
    );
    assert_eq!(g1.lead, s1);
    assert_eq!(g1.focus.as_deref(), Some("g-theory"));
    assert_eq!(grouping.groups[two].focus.as_deref(), Some("g-integrity"));
    assert!(g1.reasons.contains(&Reason::Lead {
        member: s1,
        covers: 3,
        helped: 3,
        overall: Some(90.0),
        basis: LeadBasis::Covers,
    }));
    assert!(g1.reasons.contains(&Reason::Focus {
        theme: "g-theory".into(),
        dimensions: vec!["political".into()],
        members: vec![x, w1],
    }));
    let covered = Reason::Covered {
        member: w1,
        dimension: "political".into(),
        score: Some(70.0),
        target: Some(85.0),
        helpers: vec![s1],
    };
    assert!(g1.reasons.contains(&covered));
    assert!(g1.reasons.contains(&Reason::Brings {
        member: s1,
        dimension: "political".into(),
        to: vec![x, w1],
    }));
    assert_eq!(
        describe(&covered, &branches, &bank, Locale::Zh),
        "W1支部“政治建设与理论武装”低于目标（70.0，目标 85.0），由甲支部（该项优势）带动"
    );
    let en = describe(&covered, &branches, &bank, Locale::En);
    assert!(en.contains("W1支部") && en.contains("below target (70.0, target 85.0)"));
    assert!(en.contains("甲支部 — strong there — can help"), "{en}");

    // The picture: W1's political cell is a main gap that 甲 helps; 甲's is a strength.
    let col = g1
        .picture
        .dimensions
        .iter()
        .position(|d| d == "political")
        .expect("column");
    let row = |m: usize| g1.picture.rows.iter().find(|r| r.member == m).expect("row");
    let cell = row(w1).cells[col];
    assert_eq!((cell.mark, cell.main, cell.helped), (Mark::Gap, true, true));
    assert_eq!(cell.symbol(), "▽");
    assert_eq!(row(s1).cells[col].mark, Mark::Strength);
    // Bank order of the columns.
    assert_eq!(g1.picture.dimensions[0], "political");
}

#[test]
fn with_nobody_covering_anybody_the_best_overall_leads() {
    // Four branches short in political, none strong anywhere, except N0, which meets every
    // target: nobody covers anybody, so N3 (73, the best score) leads; N0 has nothing to
    // give or get and is there for balance.
    let bank = bank();
    let branches: Vec<GroupingBranch> = (0..4)
        .map(|i| {
            let gaps: &[(&str, f64, f64)] = if i == 0 {
                &[]
            } else {
                &[("political", 1.0, 80.0)]
            };
            branch(
                &bank,
                &format!("N{i}"),
                &format!("N{i}"),
                70.0 + i as f64,
                &[],
                gaps,
            )
        })
        .collect();
    let grouping =
        form_groups(&branches, &Settings::default(), &Locks::default(), &bank).expect("groups");
    let g = &grouping.groups[0];
    assert_eq!(g.lead, 3);
    assert!(matches!(
        g.reasons[0],
        Reason::Lead {
            basis: LeadBasis::Overall,
            covers: 0,
            ..
        }
    ));
    assert_eq!(grouping.quality.gap_coverage_share, 0.0);
    let uncovered = g
        .reasons
        .iter()
        .filter(|r| matches!(r, Reason::Uncovered { .. }))
        .count();
    assert_eq!(uncovered, 3);
    let balances = Reason::Balances {
        member: 0,
        overall: Some(70.0),
        mean: Some(71.5),
    };
    assert!(g.reasons.contains(&balances));
    assert_eq!(
        describe(&balances, &branches, &bank, Locale::Zh),
        "N0（70.0）没有需组内带动的主要短板，也没有他人所缺的优势：编入本组使各组水平均衡（本组平均 71.5）"
    );
    check_reasons(&branches, &grouping, &Locks::default(), &bank);
}

/// Checks every reason of a grouping against the branches' data.
fn check_reasons(branches: &[GroupingBranch], grouping: &Grouping, locks: &Locks, bank: &Bank) {
    let k = Settings::default().main_gaps;
    for group in &grouping.groups {
        let members = &group.members;
        let others = |m: usize| members.iter().copied().filter(move |&o| o != m);
        let covers = |h: usize| -> usize {
            others(h)
                .map(|o| {
                    main_gaps(&branches[o], k)
                        .iter()
                        .filter(|(d, _)| strong(&branches[h], d))
                        .count()
                })
                .sum()
        };
        let mut explained: Vec<(usize, String)> = Vec::new();
        let mut leads = 0;
        for reason in &group.reasons {
            let text = describe(reason, branches, bank, Locale::Zh);
            match reason {
                Reason::Covered {
                    member,
                    dimension,
                    score,
                    target,
                    helpers,
                } => {
                    assert!(members.contains(member));
                    assert!(main_gaps(&branches[*member], k)
                        .iter()
                        .any(|(d, _)| d == dimension));
                    let expected: Vec<usize> = others(*member)
                        .filter(|&o| strong(&branches[o], dimension))
                        .collect();
                    assert_eq!(helpers, &expected, "exactly the members strong there");
                    assert!(!helpers.is_empty());
                    let standing = branches[*member].standing(dimension);
                    assert_eq!(*score, standing.and_then(|s| s.score));
                    assert_eq!(*target, standing.map(|s| s.target));
                    for &h in helpers {
                        assert!(text.contains(&branches[h].label), "{text}");
                    }
                    assert!(text.starts_with(&branches[*member].label));
                    explained.push((*member, dimension.clone()));
                }
                Reason::Uncovered {
                    member, dimension, ..
                } => {
                    assert!(main_gaps(&branches[*member], k)
                        .iter()
                        .any(|(d, _)| d == dimension));
                    assert!(others(*member).all(|o| !strong(&branches[o], dimension)));
                    explained.push((*member, dimension.clone()));
                }
                Reason::Brings {
                    member,
                    dimension,
                    to,
                } => {
                    assert!(strong(&branches[*member], dimension));
                    let expected: Vec<usize> = others(*member)
                        .filter(|&o| {
                            main_gaps(&branches[o], k)
                                .iter()
                                .any(|(d, _)| d == dimension)
                        })
                        .collect();
                    assert_eq!(to, &expected);
                    assert!(!to.is_empty());
                }
                Reason::Lead {
                    member,
                    covers: n,
                    basis,
                    ..
                } => {
                    leads += 1;
                    assert_eq!(*member, group.lead);
                    assert_eq!(*n, covers(*member));
                    let most = members.iter().map(|&m| covers(m)).max().unwrap_or(0);
                    assert_eq!(*n, most, "the lead covers the most");
                    assert_eq!(*basis == LeadBasis::Covers, most > 0);
                }
                Reason::Focus {
                    theme,
                    dimensions,
                    members: with_gaps,
                } => {
                    assert_eq!(Some(theme), group.focus.as_ref());
                    let item = bank.groups.iter().find(|g| &g.id == theme).expect("theme");
                    assert!(!dimensions.is_empty());
                    assert!(dimensions.iter().all(|d| item.focus.contains(d)));
                    let expected: Vec<usize> = members
                        .iter()
                        .copied()
                        .filter(|&m| dimensions.iter().any(|d| branches[m].has_gap(d)))
                        .collect();
                    assert_eq!(with_gaps, &expected);
                    assert!(
                        item.categories.is_empty()
                            || members
                                .iter()
                                .all(|&m| item.categories.contains(&branches[m].category))
                    );
                }
                Reason::Balances { member, mean, .. } => {
                    assert!(main_gaps(&branches[*member], k).is_empty());
                    assert!(others(*member).all(|o| main_gaps(&branches[o], k)
                        .iter()
                        .all(|(d, _)| !strong(&branches[*member], d))));
                    assert_eq!(*mean, group.mean);
                }
                Reason::Locked { member, key } => {
                    assert_eq!(locks.pins.get(member), Some(key));
                    assert_eq!(group.lock, Some(*key));
                }
            }
        }
        assert_eq!(leads, 1);
        // Every member has a reason of its own.
        for &m in members {
            assert!(group.reasons.iter().any(|r| match r {
                Reason::Covered { member, .. }
                | Reason::Uncovered { member, .. }
                | Reason::Brings { member, .. }
                | Reason::Balances { member, .. } => *member == m,
                _ => false,
            }));
        }
        // Every main gap of every member is explained exactly once.
        let mut expected: Vec<(usize, String)> = members
            .iter()
            .flat_map(|&m| {
                main_gaps(&branches[m], k)
                    .into_iter()
                    .map(move |(d, _)| (m, d))
            })
            .collect();
        #[allow(clippy::disallowed_methods, reason = "tests are not in the wasm")]
        {
            expected.sort();
            explained.sort();
        }
        assert_eq!(explained, expected);
        // The picture agrees with the data.
        for row in &group.picture.rows {
            for (d, cell) in group.picture.dimensions.iter().zip(&row.cells) {
                let b = &branches[row.member];
                assert_eq!(cell.mark == Mark::Strength, strong(b, d));
                assert_eq!(cell.mark == Mark::Gap, b.has_gap(d));
                assert_eq!(
                    cell.helped,
                    b.has_gap(d) && others(row.member).any(|o| strong(&branches[o], d))
                );
            }
        }
    }
}

#[test]
fn every_reason_of_synthetic_groupings_is_true_to_the_data() {
    let bank = bank();
    for (seed, profile) in [(1, REALISTIC), (2, SCARCE)] {
        let branches = synthetic(&bank, 150, seed, profile);
        let locks = Locks::default().pin(3, 7).pin(4, 7).pin(9, 8);
        let grouping = form_groups(&branches, &Settings::default(), &locks, &bank).expect("groups");
        check_reasons(&branches, &grouping, &locks, &bank);
        let locked = grouping
            .groups
            .iter()
            .flat_map(|g| &g.reasons)
            .filter(|r| matches!(r, Reason::Locked { .. }))
            .count();
        assert_eq!(locked, 3);
        let focused = grouping.groups.iter().filter(|g| g.focus.is_some()).count();
        assert_eq!(
            focused,
            grouping.groups.len(),
            "every group has gaps to work on"
        );
    }
}

#[test]
fn reasons_read_in_english_too() {
    let bank = bank();
    let branches = synthetic(&bank, 24, 5, SCARCE);
    let grouping =
        form_groups(&branches, &Settings::default(), &Locks::default(), &bank).expect("groups");
    for reason in grouping.groups.iter().flat_map(|g| &g.reasons) {
        let en = describe(reason, &branches, &bank, Locale::En);
        let zh = describe(reason, &branches, &bank, Locale::Zh);
        assert!(!en.is_empty() && !zh.is_empty() && en != zh);
        assert!(!en.contains("支部“"), "{en}");
    }
}

#[test]
fn a_branch_from_its_assessment_keeps_its_strengths_and_gaps() {
    use branch_self_check::assess::{assess, Answer, Answers, Selection};
    use branch_self_check::bank::AnswerSpec;
    let bank = bank();
    // Answer every question of the organ category at its best, except the org_life ones at
    // their worst: org_life becomes a gap.
    let answers: Answers = bank
        .questions
        .iter()
        .map(|q| {
            let worst = q.dimension == "org_life";
            let answer = match &q.answer {
                AnswerSpec::Levels { .. } if worst => Answer::Level(0),
                AnswerSpec::Levels { levels } => Answer::Level((levels.len() - 1) as u8),
                AnswerSpec::YesNo { .. } if worst => Answer::No,
                AnswerSpec::YesNo { .. } => Answer::Yes,
                AnswerSpec::Count { .. } if worst => Answer::Count(0),
                AnswerSpec::Count { per_year, .. } => Answer::Count(*per_year),
            };
            (q.id.clone(), answer)
        })
        .collect();
    let assessment = assess(&bank, &Selection::new("organ"), &answers);
    let branch =
        GroupingBranch::from_assessment("第一支部", "organ", vec!["片区A".into()], &assessment);
    assert_eq!(branch.id, "第一支部");
    assert_eq!(branch.area(), Some("片区A"));
    assert_eq!(branch.overall, assessment.overall);
    assert_eq!(branch.strengths, assessment.strengths);
    let gaps: Vec<&str> = branch.gaps.iter().map(|g| g.dimension.as_str()).collect();
    let expected: Vec<&str> = assessment
        .gaps
        .iter()
        .map(|g| g.dimension.as_str())
        .collect();
    assert_eq!(gaps, expected);
    assert!(gaps.contains(&"org_life"));
    assert_eq!(branch.main_gaps(3)[0].0, assessment.gaps[0].dimension);
    assert_eq!(branch.dimensions.len(), assessment.dimensions.len());
}
