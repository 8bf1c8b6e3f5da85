//! Ranking of groups and trainings (src/recommend/mod.rs module doc), with the scores worked
//! out by hand. Most tests build the `Assessment` directly so the needs are exact; one goes
//! through `assess` end to end.

mod common;

use branch_self_check::assess::{
    assess, Answer, Answers, Assessment, Completeness, Gap, QuestionShortfall, RedLineHit,
    Selection,
};
use branch_self_check::bank::Bank;
use branch_self_check::recommend::{recommend, Limits, Reason, Suggestion, RED_LINE_NEED};
use common::*;

const ALL: Limits = Limits {
    groups: 100,
    trainings: 100,
};

/// dims a, b, c, d; categories organ, hospital; role secretary, organiser.
fn base_bank() -> Bank {
    let dims = ["a", "b", "c", "d"];
    let mut b = bank(
        &dims,
        ["organ", "hospital"]
            .iter()
            .map(|c| category(c, &dims.map(|d| (d, 1.0, 80.0))))
            .collect(),
        dims.iter()
            .map(|d| yes_no(&format!("q-{d}"), d, 1.0))
            .collect(),
    );
    b.roles = vec![role("secretary"), role("organiser")];
    b
}

fn gap(dimension: &str, severity: f64, questions: &[&str]) -> Gap {
    Gap {
        dimension: dimension.into(),
        score: 50.0,
        target: 80.0,
        shortfall: 30.0,
        severity,
        questions: questions
            .iter()
            .map(|q| QuestionShortfall {
                question: q.to_string(),
                credit: 0.0,
                lost_points: 10.0,
            })
            .collect(),
    }
}

/// An assessment with these gaps (most severe first, as `assess` gives them), strengths and
/// red lines (question, dimension).
fn result(gaps: Vec<Gap>, strengths: &[&str], red_lines: &[(&str, &str)]) -> Assessment {
    Assessment {
        overall: Some(60.0),
        band: Some("fair".into()),
        completeness: Completeness::Complete,
        coverage: 1.0,
        answered: 4,
        not_applicable: 0,
        unanswered: 0,
        invalid: Vec::new(),
        dimensions: Vec::new(),
        strengths: strengths.iter().map(|s| s.to_string()).collect(),
        gaps,
        red_lines: red_lines
            .iter()
            .map(|(q, d)| RedLineHit {
                question: q.to_string(),
                dimension: d.to_string(),
            })
            .collect(),
    }
}

fn ids(items: &[Suggestion]) -> Vec<&str> {
    items.iter().map(|s| s.id.as_str()).collect()
}

fn find<'a>(items: &'a [Suggestion], id: &str) -> &'a Suggestion {
    items
        .iter()
        .find(|s| s.id == id)
        .unwrap_or_else(|| panic!("{id} not suggested: {:?}", ids(items)))
}

fn covers_gap(dimension: &str, questions: &[&str]) -> Reason {
    Reason::CoversGap {
        dimension: dimension.into(),
        score: 50.0,
        target: 80.0,
        questions: questions.iter().map(|q| q.to_string()).collect(),
    }
}

// ---------------------------------------------------------------------------------------
// Groups

#[test]
fn groups_rank_by_need_cover_category_fit_and_strengths() {
    let mut bank = base_bank();
    bank.groups = vec![
        group("g-a-organ", &["a"], &["organ"]),
        group("g-ab-open", &["a", "b"], &[]),
        group("g-b-both", &["b"], &["hospital", "organ"]),
        group("g-c-open", &["c"], &[]),
        group("g-cd-open", &["c", "d"], &[]),
        group("g-d-open", &["d"], &[]),
    ];
    // Need: a 3, b 1 → total 4. c is a strength, d neither.
    let r = result(
        vec![gap("a", 3.0, &["q-a"]), gap("b", 1.0, &["q-b"])],
        &["c"],
        &[],
    );
    let s = recommend(&bank, &Selection::new("organ"), &r, ALL);

    // g-ab-open: 0.6 × 4/4 + 0.25 × 0.5 + 0.15 × 0   = 0.725
    // g-a-organ: 0.6 × 3/4 + 0.25 × 1   + 0.15 × 0   = 0.70
    // g-b-both:  0.6 × 1/4 + 0.25 × 1   + 0.15 × 0   = 0.40
    // g-c-open:  0.6 × 0   + 0.25 × 0.5 + 0.15 × 1   = 0.275
    // g-cd-open: 0.6 × 0   + 0.25 × 0.5 + 0.15 × 1/2 = 0.20
    // g-d-open covers no need and gains nothing from a strength: not suggested.
    assert_eq!(
        ids(&s.groups),
        vec![
            "g-ab-open",
            "g-a-organ",
            "g-b-both",
            "g-c-open",
            "g-cd-open"
        ]
    );
    let expected = [0.725, 0.70, 0.40, 0.275, 0.20];
    for (g, e) in s.groups.iter().zip(expected) {
        assert_close!(g.score, e);
    }

    assert_eq!(
        find(&s.groups, "g-ab-open").reasons,
        vec![covers_gap("a", &["q-a"]), covers_gap("b", &["q-b"])]
    );
    assert_eq!(
        find(&s.groups, "g-a-organ").reasons,
        vec![
            covers_gap("a", &["q-a"]),
            Reason::FitsCategory {
                category: "organ".into()
            }
        ]
    );
    // 互补: the branch is strong in c and can help the others.
    assert_eq!(
        find(&s.groups, "g-cd-open").reasons,
        vec![Reason::BringsStrength {
            dimension: "c".into()
        }]
    );
}

#[test]
fn groups_limited_to_other_categories_are_never_suggested() {
    let mut bank = base_bank();
    bank.groups = vec![
        // Would cover every need and bring a strength: the best group, but not for organs.
        group("g-hospital", &["a", "b", "c"], &["hospital"]),
        group("g-open", &["d"], &[]),
    ];
    let r = result(
        vec![gap("a", 3.0, &[]), gap("b", 1.0, &[])],
        &["c", "d"],
        &[],
    );
    let s = recommend(&bank, &Selection::new("organ"), &r, ALL);
    assert_eq!(ids(&s.groups), vec!["g-open"]);
    // The hospital branch does get it.
    let s = recommend(&bank, &Selection::new("hospital"), &r, ALL);
    assert_eq!(ids(&s.groups), vec!["g-hospital", "g-open"]);
}

// ---------------------------------------------------------------------------------------
// Trainings

fn training_bank() -> Bank {
    let mut bank = base_bank();
    bank.trainings = vec![
        training("t-a-role", &["a"], &["secretary"], &[]),
        training("t-a-organ", &["a"], &[], &["organ"]),
        training("t-b", &["b"], &["organiser"], &[]),
        training("t-c", &["c"], &["secretary"], &[]),
        training("t-ab-hospital", &["a", "b"], &["secretary"], &["hospital"]),
        training("t-ab-organ-role", &["a", "b"], &["secretary"], &["organ"]),
    ];
    bank
}

#[test]
fn trainings_rank_by_gap_category_and_role() {
    let bank = training_bank();
    // Need: a 3, b 1 → total 4; c is a strength (no need).
    let r = result(vec![gap("a", 3.0, &[]), gap("b", 1.0, &[])], &["c"], &[]);
    let mut secretary = Selection::new("organ");
    secretary.role = Some("secretary".into());
    let s = recommend(&bank, &secretary, &r, ALL);
    // t-ab-organ-role: 0.6 × 1    + 0.25 + 0.15 = 1.00
    // t-a-organ:       0.6 × 0.75 + 0.25        = 0.70
    // t-a-role:        0.6 × 0.75        + 0.15 = 0.60
    // t-b:             0.6 × 0.25               = 0.15 (for organisers, not secretaries)
    // t-c covers no need; t-ab-hospital is for hospitals only.
    assert_eq!(
        ids(&s.trainings),
        vec!["t-ab-organ-role", "t-a-organ", "t-a-role", "t-b"]
    );
    for (t, e) in s.trainings.iter().zip([1.0, 0.70, 0.60, 0.15]) {
        assert_close!(t.score, e);
    }
    assert_eq!(
        find(&s.trainings, "t-ab-organ-role").reasons,
        vec![
            covers_gap("a", &[]),
            covers_gap("b", &[]),
            Reason::FitsCategory {
                category: "organ".into()
            },
            Reason::ForRole {
                role: "secretary".into()
            },
        ]
    );
    assert_eq!(
        find(&s.trainings, "t-b").reasons,
        vec![covers_gap("b", &[])]
    );

    // Without a role, t-a-role loses its 0.15: 0.45, still above t-b.
    let s = recommend(&bank, &Selection::new("organ"), &r, ALL);
    assert_close!(find(&s.trainings, "t-a-role").score, 0.45);
    assert_close!(find(&s.trainings, "t-ab-organ-role").score, 0.85);
    assert!(find(&s.trainings, "t-a-role")
        .reasons
        .iter()
        .all(|reason| !matches!(reason, Reason::ForRole { .. })));

    // An organiser: t-b gains 0.15 → 0.30.
    let mut organiser = Selection::new("organ");
    organiser.role = Some("organiser".into());
    let s = recommend(&bank, &organiser, &r, ALL);
    assert_close!(find(&s.trainings, "t-b").score, 0.30);
}

#[test]
fn nothing_to_improve_suggests_no_training() {
    let bank = training_bank();
    let r = result(Vec::new(), &["a", "b"], &[]);
    let s = recommend(&bank, &Selection::new("organ"), &r, ALL);
    assert!(s.trainings.is_empty(), "{:?}", ids(&s.trainings));
}

// ---------------------------------------------------------------------------------------
// Red lines

#[test]
fn a_red_line_adds_need_and_a_reason() {
    assert_eq!(RED_LINE_NEED, 2.0); // the module doc's worked example relies on it
    let mut bank = base_bank();
    bank.trainings = vec![
        training("t-a", &["a"], &[], &[]),
        training("t-d", &["d"], &[], &[]),
        training("t-ad", &["a", "d"], &[], &[]),
    ];
    // Need: a (gap) 2, d (red line, no gap) 2 → total 4.
    let r = result(vec![gap("a", 2.0, &["q-a"])], &[], &[("q-d", "d")]);
    let s = recommend(&bank, &Selection::new("organ"), &r, ALL);
    // t-ad: 0.6 × 4/4 = 0.6; t-a and t-d: 0.6 × 2/4 = 0.3 each (tie: by id).
    assert_eq!(ids(&s.trainings), vec!["t-ad", "t-a", "t-d"]);
    assert_close!(find(&s.trainings, "t-d").score, 0.3);
    assert_eq!(
        find(&s.trainings, "t-d").reasons,
        vec![Reason::AddressesRedLine {
            dimension: "d".into(),
            question: "q-d".into()
        }]
    );
    // Red lines come before gaps.
    assert_eq!(
        find(&s.trainings, "t-ad").reasons,
        vec![
            Reason::AddressesRedLine {
                dimension: "d".into(),
                question: "q-d".into()
            },
            covers_gap("a", &["q-a"]),
        ]
    );
}

#[test]
fn a_red_line_can_reorder_suggestions() {
    let mut bank = base_bank();
    bank.trainings = vec![
        training("t-a", &["a"], &[], &[]),
        training("t-b", &["b"], &[], &[]),
    ];
    // Without a red line: need a 1, b 3 → t-b (0.45) above t-a (0.15).
    let plain = result(vec![gap("b", 3.0, &[]), gap("a", 1.0, &[])], &[], &[]);
    let s = recommend(&bank, &Selection::new("organ"), &plain, ALL);
    assert_eq!(ids(&s.trainings), vec!["t-b", "t-a"]);
    // Two red lines in a: need a 1 + 2 × 2 = 5, b 3 → t-a 0.6 × 5/8 = 0.375 above
    // t-b 0.6 × 3/8 = 0.225.
    let flagged = result(
        vec![gap("b", 3.0, &[]), gap("a", 1.0, &[])],
        &[],
        &[("q-a", "a"), ("q-a2", "a")],
    );
    let s = recommend(&bank, &Selection::new("organ"), &flagged, ALL);
    assert_eq!(ids(&s.trainings), vec!["t-a", "t-b"]);
    assert_close!(s.trainings[0].score, 0.375);
    assert_close!(s.trainings[1].score, 0.225);
}

// ---------------------------------------------------------------------------------------
// End to end: reasons name the gaps and the questions behind them

#[test]
fn reasons_name_the_right_gaps_and_questions() {
    let mut bank = bank(
        &["pol", "org", "svc"],
        vec![category(
            "organ",
            &[("pol", 1.0, 80.0), ("org", 1.0, 80.0), ("svc", 1.0, 90.0)],
        )],
        vec![
            yes_no("p1", "pol", 1.0),
            yes_no("p2", "pol", 2.0),
            yes_no("p3", "pol", 3.0),
            levels("p4", "pol", 1.0, &[0.0, 0.5, 1.0]),
            yes_no("o1", "org", 1.0),
            red_line(yes_no("s1", "svc", 1.0), 0.0),
            yes_no("s2", "svc", 1.0),
        ],
    );
    bank.groups = vec![group("g-org", &["org"], &[])];
    bank.trainings = vec![
        training("t-pol", &["pol"], &[], &[]),
        training("t-svc-pol", &["svc", "pol"], &[], &[]),
    ];
    let given: Answers = [
        ("p1", Answer::No),
        ("p2", Answer::No),
        ("p3", Answer::Yes),
        ("p4", Answer::Level(1)),
        ("o1", Answer::Yes),
        ("s1", Answer::No),
        ("s2", Answer::Yes),
    ]
    .into_iter()
    .map(|(q, a)| (q.to_string(), a))
    .collect();
    let selection = Selection::new("organ");
    let r = assess(&bank, &selection, &given);
    // pol: Σw 7, achieved 3 + 0.5 = 3.5 → 50; lost p2 200/7, p1 100/7, p4 50/7.
    //      severity (1/3) × 30 = 10.
    // org: 100 → strength. svc: 50 against 90 → severity (1/3) × 40 = 13.3; red line s1.
    let s = recommend(&bank, &selection, &r, Limits::default());

    let pol = Reason::CoversGap {
        dimension: "pol".into(),
        score: 50.0,
        target: 80.0,
        questions: vec!["p2".into(), "p1".into()], // the two that cost most, worst first
    };
    let svc = Reason::CoversGap {
        dimension: "svc".into(),
        score: 50.0,
        target: 90.0,
        questions: vec!["s1".into()],
    };
    let red = Reason::AddressesRedLine {
        dimension: "svc".into(),
        question: "s1".into(),
    };
    assert_eq!(find(&s.trainings, "t-pol").reasons, vec![pol.clone()]);
    // Red line first, then gaps most severe first (svc 13.3 before pol 10).
    assert_eq!(find(&s.trainings, "t-svc-pol").reasons, vec![red, svc, pol]);
    assert_eq!(
        s.groups,
        vec![Suggestion {
            id: "g-org".into(),
            score: 0.25 * 0.5 + 0.15,
            reasons: vec![Reason::BringsStrength {
                dimension: "org".into()
            }],
        }]
    );
    // Need: pol 10, svc 40/3 + 2 → t-pol 0.6 × 10 / (10 + 46/3) = 0.6 × 30/76.
    assert_close!(find(&s.trainings, "t-pol").score, 0.6 * 30.0 / 76.0);
    assert_close!(find(&s.trainings, "t-svc-pol").score, 0.6);
}

// ---------------------------------------------------------------------------------------
// Limits and order

#[test]
fn limits_are_respected() {
    let mut bank = base_bank();
    bank.trainings = (0..7)
        .map(|i| training(&format!("t{i}"), &["a"], &[], &[]))
        .collect();
    bank.groups = (0..5)
        .map(|i| group(&format!("g{i}"), &["a"], &[]))
        .collect();
    let r = result(vec![gap("a", 1.0, &[])], &[], &[]);
    let organ = Selection::new("organ");

    let s = recommend(&bank, &organ, &r, Limits::default());
    assert_eq!((s.groups.len(), s.trainings.len()), (3, 5));
    let s = recommend(
        &bank,
        &organ,
        &r,
        Limits {
            groups: 1,
            trainings: 2,
        },
    );
    assert_eq!(ids(&s.groups), vec!["g0"]);
    assert_eq!(ids(&s.trainings), vec!["t0", "t1"]);
    let s = recommend(
        &bank,
        &organ,
        &r,
        Limits {
            groups: 0,
            trainings: 0,
        },
    );
    assert!(s.groups.is_empty() && s.trainings.is_empty());
}

#[test]
fn the_best_survive_the_limit() {
    let mut bank = base_bank();
    bank.trainings = vec![
        training("t-1-weak", &["b"], &[], &[]),
        training("t-2-strong", &["a"], &[], &[]),
    ];
    let r = result(vec![gap("a", 3.0, &[]), gap("b", 1.0, &[])], &[], &[]);
    let s = recommend(
        &bank,
        &Selection::new("organ"),
        &r,
        Limits {
            groups: 0,
            trainings: 1,
        },
    );
    assert_eq!(ids(&s.trainings), vec!["t-2-strong"]);
}

#[test]
fn ties_are_broken_by_id_whatever_the_bank_order() {
    let mut bank = base_bank();
    bank.trainings = ["t-c", "t-a", "t-b"]
        .iter()
        .map(|id| training(id, &["a", "b"], &[], &[]))
        .collect();
    bank.groups = ["g-z", "g-x", "g-y"]
        .iter()
        .map(|id| group(id, &["b", "a"], &[]))
        .collect();
    let r = result(vec![gap("a", 2.5, &[]), gap("b", 0.5, &[])], &[], &[]);
    let organ = Selection::new("organ");
    let first = recommend(&bank, &organ, &r, ALL);
    assert_eq!(ids(&first.trainings), vec!["t-a", "t-b", "t-c"]);
    assert_eq!(ids(&first.groups), vec!["g-x", "g-y", "g-z"]);

    bank.trainings.reverse();
    bank.groups.reverse();
    for _ in 0..10 {
        assert_eq!(recommend(&bank, &organ, &r, ALL), first);
    }
}

// ---------------------------------------------------------------------------------------
// Items tied to a modifier (overseas, temporary ...)

#[test]
fn an_item_tied_to_a_modifier_is_suggested_only_to_branches_with_it() {
    let mut bank = base_bank();
    bank.modifiers = vec![modifier("overseas", &[]), modifier("temporary", &[])];
    let mut overseas_group = group("g-a-overseas", &["a"], &[]);
    overseas_group.modifiers = vec!["overseas".into()];
    let mut overseas_training = training("t-a-overseas", &["a"], &["secretary"], &[]);
    overseas_training.modifiers = vec!["overseas".into()];
    // Tied to both a category and a modifier: both must hold.
    let mut hospital_overseas = training("t-a-hospital-overseas", &["a"], &[], &["hospital"]);
    hospital_overseas.modifiers = vec!["overseas".into()];
    bank.groups = vec![overseas_group];
    bank.trainings = vec![overseas_training, hospital_overseas];
    let r = result(vec![gap("a", 2.0, &["q-a"])], &[], &[]);

    let home = recommend(&bank, &Selection::new("organ"), &r, ALL);
    assert!(home.groups.is_empty(), "{:?}", ids(&home.groups));
    assert!(home.trainings.is_empty(), "{:?}", ids(&home.trainings));
    let temporary = Selection::new("organ").with_modifier("temporary");
    let temporary = recommend(&bank, &temporary, &r, ALL);
    assert!(temporary.groups.is_empty() && temporary.trainings.is_empty());

    let abroad = recommend(
        &bank,
        &Selection::new("organ").with_modifier("overseas"),
        &r,
        ALL,
    );
    assert_eq!(ids(&abroad.groups), vec!["g-a-overseas"]);
    assert_eq!(ids(&abroad.trainings), vec!["t-a-overseas"]);
    // Need cover 1, fit 1 (made for the modifier): 0.6 + 0.25 = 0.85 for both.
    assert_close!(abroad.groups[0].score, 0.85);
    assert_close!(abroad.trainings[0].score, 0.85);
    let fits = Reason::FitsModifier {
        modifier: "overseas".into(),
    };
    assert!(abroad.groups[0].reasons.contains(&fits));
    assert!(abroad.trainings[0].reasons.contains(&fits));

    // Barred from a modifier: a recruitment item is never offered to a temporary branch.
    let mut recruitment = training("t-a-recruitment", &["a"], &[], &[]);
    recruitment.without_modifiers = vec!["temporary".into()];
    let mut recruitment_group = group("g-a-recruitment", &["a"], &[]);
    recruitment_group.without_modifiers = vec!["temporary".into()];
    let mut barred = bank.clone();
    barred.trainings = vec![recruitment];
    barred.groups = vec![recruitment_group];
    let at_home = recommend(&barred, &Selection::new("organ"), &r, ALL);
    assert_eq!(ids(&at_home.trainings), vec!["t-a-recruitment"]);
    assert_eq!(ids(&at_home.groups), vec!["g-a-recruitment"]);
    let on_a_task = Selection::new("organ").with_modifier("temporary");
    let on_a_task = recommend(&barred, &on_a_task, &r, ALL);
    assert!(on_a_task.trainings.is_empty() && on_a_task.groups.is_empty());

    let hospital = Selection::new("hospital").with_modifier("overseas");
    let hospital = recommend(&bank, &hospital, &r, ALL);
    let both = find(&hospital.trainings, "t-a-hospital-overseas");
    assert!(both.reasons.contains(&fits));
    assert!(both.reasons.contains(&Reason::FitsCategory {
        category: "hospital".into()
    }));
}

#[test]
fn the_same_result_always_gives_the_same_scores_to_the_last_bit() {
    // Severities whose float sum depends on the order they are added in: a sum over a
    // HashMap (whose order changes from map to map) made tied items swap between runs.
    let mut bank = base_bank();
    bank.trainings = vec![
        training("t-ab", &["a", "b"], &[], &[]),
        training("t-cd", &["c", "d"], &[], &[]),
        training("t-a", &["a"], &[], &[]),
    ];
    let r = result(
        vec![
            gap("a", 0.1, &["q-a"]),
            gap("b", 0.2, &["q-b"]),
            gap("c", 0.3, &["q-c"]),
            gap("d", 1e-17, &["q-d"]),
        ],
        &[],
        &[("q-c", "c")],
    );
    let first = recommend(&bank, &Selection::new("organ"), &r, ALL);
    for _ in 0..50 {
        let again = recommend(&bank, &Selection::new("organ"), &r, ALL);
        let bits = |s: &[Suggestion]| {
            s.iter()
                .map(|x| (x.id.clone(), x.score.to_bits()))
                .collect::<Vec<_>>()
        };
        assert_eq!(bits(&again.trainings), bits(&first.trainings));
    }
}
