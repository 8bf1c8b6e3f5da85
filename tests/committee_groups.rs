//! 党建协作组 in the committee workbench: the roster's branches as grouping sees them, and
//! the groups kept in the workbench file.

mod committee_common;

use committee_common::{bank, file};

use branch_self_check::assess::assess;
use branch_self_check::bank::{Bank, Locale};
use branch_self_check::committee::generate::generate;
use branch_self_check::committee::{
    figures, grouping_branches, save_workbench, save_workbench_with_groups, Input, Problem, Roster,
    SavedGroups, WorkbenchError,
};
use branch_self_check::grouping::{form_groups, Locks, Rule, Settings};
use branch_self_check::record::Record;

fn roster_of(bank: &Bank, count: usize, seed: u64) -> Roster {
    Roster::read(
        bank,
        generate(bank, count, seed)
            .iter()
            .map(|(name, text)| file(name, text)),
    )
}

#[test]
fn each_branch_brings_the_strengths_and_gaps_its_figures_show() {
    let bank = bank();
    let roster = roster_of(&bank, 150, 5);
    let figures = figures(&bank, &roster);
    let branches = grouping_branches(&bank, &roster, &figures, Locale::Zh);
    assert_eq!(branches.len(), roster.branches.len());
    let ids: Vec<&str> = branches.iter().map(|b| b.id.as_str()).collect();
    assert_eq!(
        ids.iter().collect::<std::collections::BTreeSet<_>>().len(),
        branches.len(),
        "ids are unique"
    );
    let mut compared = 0;
    for (b, g) in branches.iter().enumerate() {
        assert_eq!(
            g.label,
            roster.label(b, Locale::Zh),
            "the roll-up CSV's unit"
        );
        let f = &figures.branches[b];
        assert_eq!(g.category, f.selection.category);
        assert_eq!(g.overall, f.overall);
        // Every strength and gap is what the shown score says against the target.
        for d in &g.dimensions {
            let Some(score) = d.score else { continue };
            let gap = g.gaps.iter().any(|x| x.dimension == d.id);
            let strong = g.strengths.contains(&d.id);
            assert_eq!(gap, score < d.target, "{} {}", g.label, d.id);
            assert_eq!(
                strong,
                score >= d.target + bank.strength_margin,
                "{} {}",
                g.label,
                d.id
            );
        }
        // A single record of the current bank: the engine's own strengths and gaps, unless
        // a score sits within rounding of the line.
        let branch = &roster.branches[b];
        if let [only] = branch.members.as_slice() {
            let record: &Record = &roster.members[*only].record;
            let assessment = assess(&bank, &record.selection, &record.answers);
            let near_a_line = assessment.dimensions.iter().any(|d| {
                d.score.is_some_and(|s| {
                    (s - d.target).abs() < 0.05
                        || (s - d.target - bank.strength_margin).abs() < 0.05
                })
            });
            if !near_a_line {
                let engine_gaps: Vec<&str> = assessment
                    .gaps
                    .iter()
                    .map(|x| x.dimension.as_str())
                    .collect();
                let ours: Vec<&str> = g.gaps.iter().map(|x| x.dimension.as_str()).collect();
                assert_eq!(ours, engine_gaps, "{}: gaps, most severe first", g.label);
                assert_eq!(g.strengths, assessment.strengths, "{}: strengths", g.label);
                for (x, y) in g.gaps.iter().zip(&assessment.gaps) {
                    assert!(
                        (x.severity - y.severity).abs() < 0.1,
                        "{}: severity",
                        g.label
                    );
                }
                compared += 1;
            }
        }
    }
    assert!(
        compared > 50,
        "only {compared} branches compared with the engine"
    );
}

#[test]
fn groups_of_the_roster_put_every_branch_in_one_group_within_the_sizes() {
    let bank = bank();
    let roster = roster_of(&bank, 200, 9);
    let figures = figures(&bank, &roster);
    let branches = grouping_branches(&bank, &roster, &figures, Locale::Zh);
    let settings = Settings::default();
    let grouping = form_groups(&branches, &settings, &Locks::default(), &bank).unwrap();
    let mut seen = vec![0; branches.len()];
    for group in &grouping.groups {
        assert!(group.members.len() <= settings.max_size);
        for &m in &group.members {
            seen[m] += 1;
        }
    }
    assert!(
        seen.iter().all(|&n| n == 1),
        "every branch in exactly one group"
    );
    let again = form_groups(&branches, &settings, &Locks::default(), &bank).unwrap();
    assert_eq!(grouping, again, "the same input gives the same groups");
}

#[test]
fn saved_groups_reopen_on_the_same_branches_even_after_other_files() {
    let bank = bank();
    let roster = roster_of(&bank, 40, 13);
    let figures = figures(&bank, &roster);
    let branches = grouping_branches(&bank, &roster, &figures, Locale::Zh);
    let settings = Settings {
        min_size: 3,
        max_size: 5,
        categories: Rule::Together,
        ..Settings::default()
    };
    let grouping = form_groups(&branches, &settings, &Locks::default(), &bank).unwrap();
    let saved = SavedGroups {
        pairs: false,
        settings: settings.clone(),
        locks: vec![(grouping.groups[0].members[0], 7)],
        groups: grouping.groups.iter().map(|g| g.members.clone()).collect(),
    };
    let text = save_workbench_with_groups(&bank, &roster, Some(&saved));
    assert!(save_workbench(&bank, &roster).len() < text.len());

    // Other branches first, so the saved ones take other positions in the new roster.
    let mut inputs: Vec<Input> = generate(&bank, 6, 99)
        .iter()
        .map(|(name, t)| {
            let r: Record = serde_json::from_str(t).unwrap();
            let named = Record::new(
                &bank,
                &r.selection,
                &r.answers,
                Some(&format!("另一单位{name}")),
                &r.created,
            );
            file(name, &serde_json::to_string(&named).unwrap())
        })
        .collect();
    inputs.push(file("工作台.json", &text));
    let reopened = Roster::read(&bank, inputs);
    assert!(reopened.issues.is_empty(), "{:?}", reopened.issues);
    let restored = reopened.groups.as_ref().expect("the groups are back");
    assert_eq!(restored.settings, settings);
    let names = |r: &Roster, groups: &[Vec<usize>]| -> Vec<Vec<String>> {
        groups
            .iter()
            .map(|g| g.iter().map(|&b| r.label(b, Locale::Zh)).collect())
            .collect()
    };
    assert_eq!(
        names(&reopened, &restored.groups),
        names(&roster, &saved.groups)
    );
    let (locked, key) = restored.locks[0];
    assert_eq!(key, 7);
    assert_eq!(
        reopened.label(locked, Locale::Zh),
        roster.label(saved.locks[0].0, Locale::Zh)
    );
}

#[test]
fn damaged_groups_are_listed_and_the_branches_still_load() {
    let bank = bank();
    let roster = roster_of(&bank, 12, 21);
    let text = save_workbench(&bank, &roster).replacen(
        "\"branches\":[",
        "\"groups\":{\"pairs\":\"yes\"},\"branches\":[",
        1,
    );
    let reopened = Roster::read(&bank, [file("工作台.json", &text)]);
    assert_eq!(reopened.branches.len(), roster.branches.len());
    assert!(reopened.groups.is_none());
    let problem = reopened.issues.iter().find_map(|i| match &i.problem {
        Problem::Workbench(WorkbenchError::Malformed { path, .. }) => Some(path.clone()),
        _ => None,
    });
    assert_eq!(problem.as_deref(), Some("$.groups"));
    let message = reopened.issues[0].message(Locale::Zh);
    assert!(message.contains("$.groups"), "{message}");
}
