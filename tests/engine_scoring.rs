//! Scoring rules (src/assess/score.rs module doc), each on a small hand-built bank with the
//! expected numbers worked out by hand in the comments.

mod common;

use branch_self_check::assess::{
    applicable_questions, assess, credit, effective_weights, Answer, AnswerError, Answers,
    Assessment, Completeness, DimensionStatus, Selection,
};
use branch_self_check::bank::Bank;
use common::*;

fn answers(list: &[(&str, Answer)]) -> Answers {
    list.iter().map(|(id, a)| (id.to_string(), *a)).collect()
}

fn organ() -> Selection {
    Selection::new("organ")
}

fn score_of(result: &Assessment, dim: &str) -> Option<f64> {
    result
        .dimension(dim)
        .unwrap_or_else(|| panic!("dimension {dim} missing from {result:#?}"))
        .score
}

fn status_of(result: &Assessment, dim: &str) -> DimensionStatus {
    result.dimension(dim).unwrap().status
}

// ---------------------------------------------------------------------------------------
// Per-dimension score

#[test]
fn weights_apply_to_the_maximum_as_well_as_the_credit() {
    let bank = one_dimension_bank(vec![yes_no("light", "d", 1.0), yes_no("heavy", "d", 3.0)]);

    // 100 × (1×1 + 3×0) / (1 + 3) = 25 — not 100 × 1/1 (weight on the credit only would
    // saturate at 100 whenever the light question is right).
    let r = assess(
        &bank,
        &organ(),
        &answers(&[("light", Answer::Yes), ("heavy", Answer::No)]),
    );
    assert_close!(score_of(&r, "d").unwrap(), 25.0);

    // 100 × (1×0 + 3×1) / 4 = 75.
    let r = assess(
        &bank,
        &organ(),
        &answers(&[("light", Answer::No), ("heavy", Answer::Yes)]),
    );
    assert_close!(score_of(&r, "d").unwrap(), 75.0);
}

#[test]
fn levels_credit_is_the_chosen_levels_credit() {
    let bank = one_dimension_bank(vec![levels("q", "d", 2.0, &[0.0, 0.25, 0.75, 1.0])]);
    let q = &bank.questions[0];
    assert_eq!(credit(q, Answer::Level(0)), Ok(Some(0.0)));
    assert_eq!(credit(q, Answer::Level(2)), Ok(Some(0.75)));
    assert_eq!(credit(q, Answer::Level(3)), Ok(Some(1.0)));
    assert_eq!(
        credit(q, Answer::Level(4)),
        Err(AnswerError::NoSuchLevel {
            level: 4,
            levels: 4
        })
    );

    // One question: 100 × (2 × 0.25) / 2 = 25.
    let r = assess(&bank, &organ(), &answers(&[("q", Answer::Level(1))]));
    assert_close!(score_of(&r, "d").unwrap(), 25.0);
}

#[test]
fn yes_no_credit_follows_the_question_including_reversed_ones() {
    let bank = one_dimension_bank(vec![
        yes_no("good-yes", "d", 1.0),
        // "Has a meeting been cancelled?" — yes is the bad answer.
        yes_no_credits("bad-yes", "d", 1.0, 0.0, 1.0),
    ]);
    let plain = &bank.questions[0];
    let reversed = &bank.questions[1];
    assert_eq!(credit(plain, Answer::Yes), Ok(Some(1.0)));
    assert_eq!(credit(plain, Answer::No), Ok(Some(0.0)));
    assert_eq!(credit(reversed, Answer::Yes), Ok(Some(0.0)));
    assert_eq!(credit(reversed, Answer::No), Ok(Some(1.0)));

    // Both "yes": 100 × (1×1 + 1×0) / 2 = 50.
    let r = assess(
        &bank,
        &organ(),
        &answers(&[("good-yes", Answer::Yes), ("bad-yes", Answer::Yes)]),
    );
    assert_close!(score_of(&r, "d").unwrap(), 50.0);
    // Yes to the good one, no to the bad one: 100 × (1 + 1) / 2 = 100.
    let r = assess(
        &bank,
        &organ(),
        &answers(&[("good-yes", Answer::Yes), ("bad-yes", Answer::No)]),
    );
    assert_close!(score_of(&r, "d").unwrap(), 100.0);
}

#[test]
fn count_credit_is_count_over_per_year_capped_at_one() {
    let bank = one_dimension_bank(vec![count("meetings", "d", 2.0, 4), yes_no("y", "d", 2.0)]);
    let q = &bank.questions[0];
    assert_eq!(credit(q, Answer::Count(0)), Ok(Some(0.0)));
    assert_eq!(credit(q, Answer::Count(1)), Ok(Some(0.25))); // 1/4
    assert_eq!(credit(q, Answer::Count(4)), Ok(Some(1.0))); // 4/4
    assert_eq!(credit(q, Answer::Count(9)), Ok(Some(1.0))); // 9/4 capped at 1
    assert_eq!(credit(q, Answer::Count(u32::MAX)), Ok(Some(1.0)));

    // 2 of 4 meetings (credit 0.5) and a yes: 100 × (2×0.5 + 2×1) / (2+2) = 75.
    let r = assess(
        &bank,
        &organ(),
        &answers(&[("meetings", Answer::Count(2)), ("y", Answer::Yes)]),
    );
    assert_close!(score_of(&r, "d").unwrap(), 75.0);
    // Twelve meetings do not make up for the "no": 100 × (2×1 + 2×0) / 4 = 50, not more.
    let r = assess(
        &bank,
        &organ(),
        &answers(&[("meetings", Answer::Count(12)), ("y", Answer::No)]),
    );
    assert_close!(score_of(&r, "d").unwrap(), 50.0);
}

#[test]
fn not_applicable_and_unanswered_leave_the_denominator_and_show_as_coverage() {
    let bank = one_dimension_bank(vec![
        yes_no("a", "d", 1.0),
        allow_na(yes_no("na", "d", 3.0)),
        yes_no("open", "d", 2.0),
        yes_no("b", "d", 1.0),
    ]);
    let r = assess(
        &bank,
        &organ(),
        &answers(&[
            ("a", Answer::Yes),
            ("na", Answer::NotApplicable),
            ("b", Answer::No),
        ]),
    );
    // Only a (w1, credit 1) and b (w1, credit 0) count: 100 × 1 / 2 = 50. Were the NA
    // question (w3) or the open one (w2) left in the denominator it would be 100 × 1/7 or
    // 100 × 1/4 or 100 × 1/6.
    assert_close!(score_of(&r, "d").unwrap(), 50.0);
    let d = r.dimension("d").unwrap();
    assert_eq!((d.answered, d.not_applicable, d.unanswered), (2, 1, 1));
    assert_eq!(d.total(), 4);
    assert_eq!((r.answered, r.not_applicable, r.unanswered), (2, 1, 1));
    // (2 answered + 1 NA) / 4 applicable = 0.75
    assert_close!(r.coverage, 0.75);
    assert_eq!(r.completeness, Completeness::Partial);
}

#[test]
fn answers_that_do_not_fit_are_listed_as_invalid_and_ignored() {
    let bank = one_dimension_bank(vec![
        levels("lv", "d", 1.0, &[0.0, 0.5, 1.0]),
        yes_no("yn", "d", 1.0),
        yes_no("no-na", "d", 1.0),
        count("ct", "d", 1.0, 2),
        yes_no("ok", "d", 1.0),
    ]);
    let r = assess(
        &bank,
        &organ(),
        &answers(&[
            ("lv", Answer::Level(3)),         // only levels 0..=2 exist
            ("yn", Answer::Count(3)),         // wrong kind
            ("no-na", Answer::NotApplicable), // NA not allowed here
            ("ct", Answer::Yes),              // wrong kind
            ("ok", Answer::No),
        ]),
    );
    assert_eq!(r.invalid, vec!["lv", "yn", "no-na", "ct"]);
    // Only "ok" counts: 100 × 0 / 1 = 0 (any invalid answer read as credit 1 would lift it).
    assert_close!(score_of(&r, "d").unwrap(), 0.0);
    // Invalid answers are not answers: 1 of 5 answered, coverage 0.2.
    assert_eq!((r.answered, r.not_applicable, r.unanswered), (1, 0, 4));
    assert_close!(r.coverage, 0.2);
    assert_eq!(r.completeness, Completeness::Insufficient);

    assert_eq!(
        credit(&bank.questions[2], Answer::NotApplicable),
        Err(AnswerError::NotApplicableRefused)
    );
    assert_eq!(
        credit(&bank.questions[1], Answer::Level(0)),
        Err(AnswerError::WrongKind)
    );
}

// ---------------------------------------------------------------------------------------
// Overall score, modifiers

/// pol (weight 2), org (1), svc (1); pol scores 50, org 100, svc is never answered.
fn three_dimension_bank() -> Bank {
    let mut b = bank(
        &["pol", "org", "svc"],
        vec![category(
            "organ",
            &[("pol", 2.0, 80.0), ("org", 1.0, 80.0), ("svc", 1.0, 80.0)],
        )],
        vec![
            yes_no("p1", "pol", 1.0),
            yes_no("p2", "pol", 1.0),
            yes_no("o1", "org", 1.0),
            yes_no("s1", "svc", 1.0),
        ],
    );
    b.modifiers = vec![
        modifier("overseas", &[("org", 3.0)]),
        modifier("temporary", &[("org", 0.5), ("pol", 2.0)]),
    ];
    b
}

fn three_dimension_answers() -> Answers {
    answers(&[("p1", Answer::Yes), ("p2", Answer::No), ("o1", Answer::Yes)])
}

#[test]
fn overall_is_the_category_weighted_mean_of_scored_dimensions() {
    let bank = three_dimension_bank();
    let r = assess(&bank, &organ(), &three_dimension_answers());
    assert_close!(score_of(&r, "pol").unwrap(), 50.0);
    assert_close!(score_of(&r, "org").unwrap(), 100.0);
    assert_eq!(score_of(&r, "svc"), None);
    assert_eq!(status_of(&r, "svc"), DimensionStatus::Unknown);
    // svc has no score, so it leaves the mean: (2×50 + 1×100) / (2+1) = 66.67.
    // (Counting it as 0 would give 200/4 = 50; an unweighted mean would give 75.)
    assert_close!(r.overall.unwrap(), 200.0 / 3.0);
    // Weight shares are over every weighted dimension: 2/4, 1/4, 1/4.
    assert_close!(r.dimension("pol").unwrap().weight_share, 0.5);
    assert_close!(r.dimension("svc").unwrap().weight_share, 0.25);
}

#[test]
fn modifier_weight_factors_scale_the_category_weights() {
    let bank = three_dimension_bank();
    let category = &bank.categories[0];

    let overseas = organ().with_modifier("overseas");
    // org: 1 × 3 = 3.
    assert_eq!(
        effective_weights(&bank, category, &overseas),
        vec![2.0, 3.0, 1.0]
    );
    let r = assess(&bank, &overseas, &three_dimension_answers());
    // (2×50 + 3×100) / (2+3) = 400/5 = 80.
    assert_close!(r.overall.unwrap(), 80.0);
    // Shares over 2 + 3 + 1 = 6.
    assert_close!(r.dimension("org").unwrap().weight_share, 0.5);

    // Both modifiers stack: pol 2 × 2 = 4, org 1 × 3 × 0.5 = 1.5, svc 1.
    let both = organ().with_modifier("overseas").with_modifier("temporary");
    assert_eq!(
        effective_weights(&bank, category, &both),
        vec![4.0, 1.5, 1.0]
    );
    let r = assess(&bank, &both, &three_dimension_answers());
    // (4×50 + 1.5×100) / (4+1.5) = 350/5.5 = 63.64.
    assert_close!(r.overall.unwrap(), 350.0 / 5.5);
    assert_close!(r.dimension("pol").unwrap().weight_share, 4.0 / 6.5);

    // A modifier that is not switched on changes nothing: back to 200/3.
    let r = assess(&bank, &organ(), &three_dimension_answers());
    assert_close!(r.overall.unwrap(), 200.0 / 3.0);
}

#[test]
fn a_dimension_weighted_zero_does_not_move_the_overall_score() {
    let mut bank = three_dimension_bank();
    bank.categories[0].weights.insert("org".into(), 0.0);
    let r = assess(&bank, &organ(), &three_dimension_answers());
    // Only pol (50) is weighted and scored: (2×50) / 2 = 50.
    assert_close!(r.overall.unwrap(), 50.0);
}

// ---------------------------------------------------------------------------------------
// Bands and completeness

#[test]
fn band_is_the_first_whose_min_the_score_reaches_boundaries_included() {
    // Bands: excellent ≥ 90, good ≥ 75, fair ≥ 60, weak ≥ 0.
    let credits = [0.0, 0.59, 0.6, 0.74, 0.75, 0.89, 0.9];
    let bank = one_dimension_bank(vec![levels("q", "d", 1.0, &credits)]);
    let expected = [
        (0, 0.0, "weak"), // 0 is in the last band
        (1, 59.0, "weak"),
        (2, 60.0, "fair"), // exactly at fair's min
        (3, 74.0, "fair"),
        (4, 75.0, "good"), // exactly at good's min
        (5, 89.0, "good"),
        (6, 90.0, "excellent"), // exactly at excellent's min
    ];
    for (level, score, band) in expected {
        let r = assess(&bank, &organ(), &answers(&[("q", Answer::Level(level))]));
        assert_close!(r.overall.unwrap(), score);
        assert_eq!(r.band.as_deref(), Some(band), "level {level}");
    }
}

#[test]
fn a_score_at_a_round_boundary_is_not_lost_to_float_noise() {
    // Both questions at credit 0.7: the score is 100 × (2×0.7 + 1×0.7) / 3 = 70 exactly,
    // though 2×0.7 + 0.7 is 2.0999999999999996 in floating point (→ 69.99999999999999).
    // 70 is the target, so this is on target — not a gap of 1e-14 points.
    let mut bank = one_dimension_bank(vec![
        levels("a", "d", 2.0, &[0.0, 0.7, 1.0]),
        levels("b", "d", 1.0, &[0.0, 0.7, 1.0]),
    ]);
    bank.categories[0].targets.insert("d".into(), 70.0);
    let r = assess(
        &bank,
        &organ(),
        &answers(&[("a", Answer::Level(1)), ("b", Answer::Level(1))]),
    );
    assert_close!(score_of(&r, "d").unwrap(), 70.0);
    assert_eq!(status_of(&r, "d"), DimensionStatus::OnTarget);
    assert!(r.gaps.is_empty(), "{:?}", r.gaps);

    // Same with three questions of weight 1 at credit 0.6 against the fair band's 60:
    // 100 × 1.7999999999999998 / 3 = 59.99999999999999 in floating point.
    let bank = one_dimension_bank(vec![
        levels("a", "d", 1.0, &[0.0, 0.6, 1.0]),
        levels("b", "d", 1.0, &[0.0, 0.6, 1.0]),
        levels("c", "d", 1.0, &[0.0, 0.6, 1.0]),
    ]);
    let r = assess(
        &bank,
        &organ(),
        &answers(&[
            ("a", Answer::Level(1)),
            ("b", Answer::Level(1)),
            ("c", Answer::Level(1)),
        ]),
    );
    assert_close!(r.overall.unwrap(), 60.0);
    assert_eq!(r.band.as_deref(), Some("fair"));
}

fn four_question_bank() -> Bank {
    one_dimension_bank(vec![
        allow_na(yes_no("q1", "d", 1.0)),
        allow_na(yes_no("q2", "d", 1.0)),
        allow_na(yes_no("q3", "d", 1.0)),
        allow_na(yes_no("q4", "d", 1.0)),
    ])
}

#[test]
fn completeness_and_the_half_answered_rule() {
    let bank = four_question_bank();

    // 4 of 4: complete, 100 × 3/4 = 75 → good.
    let r = assess(
        &bank,
        &organ(),
        &answers(&[
            ("q1", Answer::Yes),
            ("q2", Answer::Yes),
            ("q3", Answer::Yes),
            ("q4", Answer::No),
        ]),
    );
    assert_eq!(r.completeness, Completeness::Complete);
    assert_close!(r.coverage, 1.0);
    assert_eq!(r.band.as_deref(), Some("good"));

    // Exactly half (2 of 4): partial, and a band is still given. 100 × 2/2 → excellent.
    let r = assess(
        &bank,
        &organ(),
        &answers(&[("q1", Answer::Yes), ("q2", Answer::Yes)]),
    );
    assert_eq!(r.completeness, Completeness::Partial);
    assert_close!(r.coverage, 0.5);
    assert_eq!(r.band.as_deref(), Some("excellent"));

    // One answer and one "not applicable" also make half.
    let r = assess(
        &bank,
        &organ(),
        &answers(&[("q1", Answer::Yes), ("q2", Answer::NotApplicable)]),
    );
    assert_eq!(r.completeness, Completeness::Partial);
    assert_eq!(r.band.as_deref(), Some("excellent"));

    // 1 of 4: insufficient — a score (100) but no band.
    let r = assess(&bank, &organ(), &answers(&[("q1", Answer::Yes)]));
    assert_eq!(r.completeness, Completeness::Insufficient);
    assert_close!(r.coverage, 0.25);
    assert_close!(r.overall.unwrap(), 100.0);
    assert_eq!(r.band, None);

    // Nothing answered: no score, no band.
    let r = assess(&bank, &organ(), &Answers::new());
    assert_eq!(r.completeness, Completeness::Insufficient);
    assert_eq!(r.overall, None);
    assert_eq!(r.band, None);
    assert_eq!(r.unanswered, 4);

    // Everything "not applicable": complete, but nothing to score.
    let all_na = answers(&[
        ("q1", Answer::NotApplicable),
        ("q2", Answer::NotApplicable),
        ("q3", Answer::NotApplicable),
        ("q4", Answer::NotApplicable),
    ]);
    let r = assess(&bank, &organ(), &all_na);
    assert_eq!(r.completeness, Completeness::Complete);
    assert_eq!(r.overall, None);
    assert_eq!(r.band, None);
}

// ---------------------------------------------------------------------------------------
// Strengths, on target, gaps

#[test]
fn strength_from_target_plus_margin_gap_below_target() {
    // Every dimension has target 70; the margin is 5, so strength from 75.
    let credits = [0.0, 0.69, 0.7, 0.74, 0.75, 1.0];
    let dims = ["s100", "s75", "s74", "s70", "s69"];
    let bank = bank(
        &dims,
        vec![category("organ", &dims.map(|d| (d, 1.0, 70.0)))],
        dims.iter().map(|d| levels(d, d, 1.0, &credits)).collect(),
    );
    let given = answers(&[
        ("s100", Answer::Level(5)),
        ("s75", Answer::Level(4)),
        ("s74", Answer::Level(3)),
        ("s70", Answer::Level(2)),
        ("s69", Answer::Level(1)),
    ]);
    let r = assess(&bank, &organ(), &given);
    assert_eq!(status_of(&r, "s100"), DimensionStatus::Strength);
    assert_eq!(status_of(&r, "s75"), DimensionStatus::Strength); // 75 ≥ 70 + 5
    assert_eq!(status_of(&r, "s74"), DimensionStatus::OnTarget); // 74 < 75
    assert_eq!(status_of(&r, "s70"), DimensionStatus::OnTarget); // exactly at target
    assert_eq!(status_of(&r, "s69"), DimensionStatus::Gap); // 69 < 70
                                                            // Strongest first: 100 − 70 = 30 above, then 75 − 70 = 5.
    assert_eq!(r.strengths, vec!["s100", "s75"]);
    assert_eq!(r.gaps.len(), 1);
    assert_eq!(r.gaps[0].dimension, "s69");
    assert_close!(r.gaps[0].shortfall, 1.0);

    // The margin is the bank's: at 10, 75 is only on target.
    let mut wide = bank.clone();
    wide.strength_margin = 10.0;
    let r = assess(&wide, &organ(), &given);
    assert_eq!(status_of(&r, "s75"), DimensionStatus::OnTarget);
    assert_eq!(r.strengths, vec!["s100"]);
}

#[test]
fn gaps_rank_by_weight_share_times_shortfall() {
    // g1: weight 1, target 80, score 50 → shortfall 30, severity (1/7) × 30 = 4.29
    // g2: weight 4, target 80, score 70 → shortfall 10, severity (4/7) × 10 = 5.71
    // g3: weight 2, target 60, score 50 → shortfall 10, severity (2/7) × 10 = 2.86
    // By shortfall alone: g1, g2, g3; by weight alone: g2, g3, g1; by severity: g2, g1, g3.
    let credits = [0.0, 0.5, 0.7, 1.0];
    let bank = bank(
        &["g1", "g2", "g3"],
        vec![category(
            "organ",
            &[("g1", 1.0, 80.0), ("g2", 4.0, 80.0), ("g3", 2.0, 60.0)],
        )],
        vec![
            levels("g1", "g1", 1.0, &credits),
            levels("g2", "g2", 1.0, &credits),
            levels("g3", "g3", 1.0, &credits),
        ],
    );
    let r = assess(
        &bank,
        &organ(),
        &answers(&[
            ("g1", Answer::Level(1)),
            ("g2", Answer::Level(2)),
            ("g3", Answer::Level(1)),
        ]),
    );
    let order: Vec<&str> = r.gaps.iter().map(|g| g.dimension.as_str()).collect();
    assert_eq!(order, vec!["g2", "g1", "g3"]);
    assert_close!(r.gaps[0].severity, 40.0 / 7.0);
    assert_close!(r.gaps[1].severity, 30.0 / 7.0);
    assert_close!(r.gaps[2].severity, 20.0 / 7.0);
    assert_close!(r.gaps[1].shortfall, 30.0);
    assert_close!(r.gaps[1].score, 50.0);
    assert_close!(r.gaps[1].target, 80.0);
}

#[test]
fn the_questions_behind_a_gap_are_ordered_by_lost_points() {
    // Σw = 1 + 3 + 2 + 2 = 8; achieved = 1×0 + 3×0.5 + 2×1 + 2×0.75 = 5 → score 62.5,
    // target 80 → gap. Lost points = 100 × w × (1 − credit) / 8:
    //   zero: 100 × 1 × 1    / 8 = 12.5
    //   half: 100 × 3 × 0.5  / 8 = 18.75
    //   full: 0 (not listed)
    //   most: 100 × 2 × 0.25 / 8 = 6.25
    // and 12.5 + 18.75 + 6.25 = 37.5 = 100 − 62.5.
    // Ordered by credit alone it would be zero, half, most; by weight, half first then most.
    let bank = one_dimension_bank(vec![
        yes_no("zero", "d", 1.0),
        levels("half", "d", 3.0, &[0.0, 0.5, 1.0]),
        yes_no("full", "d", 2.0),
        levels("most", "d", 2.0, &[0.0, 0.75, 1.0]),
    ]);
    let r = assess(
        &bank,
        &organ(),
        &answers(&[
            ("zero", Answer::No),
            ("half", Answer::Level(1)),
            ("full", Answer::Yes),
            ("most", Answer::Level(1)),
        ]),
    );
    assert_close!(score_of(&r, "d").unwrap(), 62.5);
    assert_eq!(r.gaps.len(), 1);
    let gap = &r.gaps[0];
    assert_close!(gap.shortfall, 17.5);
    let order: Vec<&str> = gap.questions.iter().map(|q| q.question.as_str()).collect();
    assert_eq!(order, vec!["half", "zero", "most"]);
    assert_close!(gap.questions[0].lost_points, 18.75);
    assert_close!(gap.questions[0].credit, 0.5);
    assert_close!(gap.questions[1].lost_points, 12.5);
    assert_close!(gap.questions[2].lost_points, 6.25);
}

// ---------------------------------------------------------------------------------------
// Red lines

#[test]
fn red_lines_are_flagged_whatever_the_score() {
    let bank = one_dimension_bank(vec![
        yes_no("main", "d", 19.0),
        red_line(yes_no("must", "d", 1.0), 0.0),
    ]);
    // 100 × 19 / 20 = 95 → excellent, yet the red line is hit.
    let r = assess(
        &bank,
        &organ(),
        &answers(&[("main", Answer::Yes), ("must", Answer::No)]),
    );
    assert_close!(r.overall.unwrap(), 95.0);
    assert_eq!(r.band.as_deref(), Some("excellent"));
    assert!(r.gaps.is_empty());
    assert_eq!(r.red_lines.len(), 1);
    assert_eq!(r.red_lines[0].question, "must");
    assert_eq!(r.red_lines[0].dimension, "d");

    // Answered well: no flag.
    let r = assess(
        &bank,
        &organ(),
        &answers(&[("main", Answer::Yes), ("must", Answer::Yes)]),
    );
    assert!(r.red_lines.is_empty());
    // Unanswered: nothing to flag yet.
    let r = assess(&bank, &organ(), &answers(&[("main", Answer::Yes)]));
    assert!(r.red_lines.is_empty());
}

#[test]
fn red_line_threshold_is_at_most_max_credit() {
    let bank = one_dimension_bank(vec![
        red_line(levels("lv", "d", 1.0, &[0.0, 0.5, 0.75, 1.0]), 0.5),
        red_line(yes_no_credits("rev", "d", 1.0, 0.0, 1.0), 0.0),
        red_line(allow_na(count("ct", "d", 1.0, 4)), 0.25),
    ]);
    let flagged = |given: &[(&str, Answer)]| -> Vec<String> {
        assess(&bank, &organ(), &answers(given))
            .red_lines
            .into_iter()
            .map(|h| h.question)
            .collect()
    };
    // Credit 0.5 is "at most 0.5"; "yes" to a reversed question earns 0; 1 of 4 = 0.25.
    assert_eq!(
        flagged(&[
            ("lv", Answer::Level(1)),
            ("rev", Answer::Yes),
            ("ct", Answer::Count(1)),
        ]),
        vec!["lv", "rev", "ct"]
    );
    // 0.75 > 0.5; "no" earns 1; 2 of 4 = 0.5 > 0.25.
    assert!(flagged(&[
        ("lv", Answer::Level(2)),
        ("rev", Answer::No),
        ("ct", Answer::Count(2)),
    ])
    .is_empty());
    // "Not applicable" is not an answer with a credit.
    assert!(flagged(&[("ct", Answer::NotApplicable)]).is_empty());
}

// ---------------------------------------------------------------------------------------
// Applicable questions

fn applies_bank() -> Bank {
    let dims = ["pol", "org"];
    let mut b = bank(
        &dims,
        ["organ", "hospital", "school"]
            .iter()
            .map(|c| category(c, &[("pol", 1.0, 80.0), ("org", 1.0, 80.0)]))
            .collect(),
        vec![
            // Bank order mixes dimensions on purpose: the result groups them.
            yes_no("org-all", "org", 1.0),
            yes_no("pol-all", "pol", 1.0),
            applies(yes_no("pol-hospital", "pol", 1.0), |a| {
                a.categories = vec!["hospital".into()]
            }),
            applies(yes_no("org-not-school", "org", 1.0), |a| {
                a.except_categories = vec!["school".into()]
            }),
            applies(yes_no("pol-abroad", "pol", 1.0), |a| {
                a.with_modifiers = vec!["overseas".into(), "seconded".into()]
            }),
            applies(yes_no("org-settled", "org", 1.0), |a| {
                a.without_modifiers = vec!["temporary".into()]
            }),
            applies(yes_no("pol-organ-only", "pol", 1.0), |a| {
                a.categories = vec!["organ".into(), "hospital".into()];
                a.except_categories = vec!["hospital".into()];
            }),
        ],
    );
    b.modifiers = vec![
        modifier("overseas", &[]),
        modifier("seconded", &[]),
        modifier("temporary", &[]),
    ];
    b
}

fn ids(bank: &Bank, selection: &Selection) -> Vec<String> {
    applicable_questions(bank, selection)
        .into_iter()
        .map(|q| q.id.clone())
        .collect()
}

#[test]
fn applicable_questions_follow_categories_and_modifiers() {
    let bank = applies_bank();
    // pol questions first (the bank's dimension order), bank order inside a dimension.
    assert_eq!(
        ids(&bank, &organ()),
        vec![
            "pol-all",
            "pol-organ-only",
            "org-all",
            "org-not-school",
            "org-settled"
        ]
    );
    assert_eq!(
        ids(&bank, &Selection::new("hospital")),
        vec![
            "pol-all",
            "pol-hospital",
            "org-all",
            "org-not-school",
            "org-settled"
        ]
    );
    assert_eq!(
        ids(&bank, &Selection::new("school")),
        vec!["pol-all", "org-all", "org-settled"]
    );
    // Any one of the listed modifiers is enough.
    assert_eq!(
        ids(&bank, &Selection::new("school").with_modifier("seconded")),
        vec!["pol-all", "pol-abroad", "org-all", "org-settled"]
    );
    // A without-modifier switches its question off.
    assert_eq!(
        ids(
            &bank,
            &Selection::new("school")
                .with_modifier("overseas")
                .with_modifier("temporary")
        ),
        vec!["pol-all", "pol-abroad", "org-all"]
    );
}

#[test]
fn questions_that_do_not_apply_do_not_count() {
    let bank = applies_bank();
    // School: pol-all, org-all, org-settled apply. Answering a hospital-only question does
    // nothing, and "No" to it would otherwise pull pol down from 100.
    let r = assess(
        &bank,
        &Selection::new("school"),
        &answers(&[
            ("pol-all", Answer::Yes),
            ("pol-hospital", Answer::No),
            ("org-all", Answer::Yes),
            ("org-settled", Answer::Yes),
        ]),
    );
    assert_eq!(r.total(), 3);
    assert_eq!(r.completeness, Completeness::Complete);
    assert_close!(score_of(&r, "pol").unwrap(), 100.0);
}

#[test]
fn an_unknown_category_gives_an_empty_result() {
    let bank = applies_bank();
    let nowhere = Selection::new("no-such-category");
    assert!(applicable_questions(&bank, &nowhere).is_empty());

    let everything_answered: Answers = bank
        .questions
        .iter()
        .map(|q| (q.id.clone(), Answer::Yes))
        .collect();
    let r = assess(&bank, &nowhere, &everything_answered);
    assert_eq!(r.overall, None);
    assert_eq!(r.band, None);
    assert_eq!(r.total(), 0);
    assert!(r.dimensions.is_empty(), "{:?}", r.dimensions);
    assert!(r.strengths.is_empty(), "{:?}", r.strengths);
    assert!(r.gaps.is_empty());
    assert!(r.red_lines.is_empty());
    assert!(r.invalid.is_empty());

    // The empty string too.
    let r = assess(&bank, &Selection::new(""), &everything_answered);
    assert_eq!(r.total(), 0);
}
