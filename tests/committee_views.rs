//! Every committee view against figures this test computes itself from the generated export
//! files: read as plain JSON, grouped by unit name, members merged by the documented rule,
//! credits from the bank's answer specs. Only the engine (`assess`, `recommend`) is shared,
//! for merged branches and suggestions; none of the committee code is.

mod committee_common;

use committee_common::bank;

use std::collections::{BTreeMap, BTreeSet};
use std::sync::LazyLock;

use branch_self_check::assess::{
    applicable_questions, assess, Answer, Answers, Assessment, Selection,
};
use branch_self_check::bank::{AnswerSpec, Bank, Locale, Question};
use branch_self_check::committee::generate::generate;
use branch_self_check::committee::{
    category_evaluation, category_problems, common_problems, figures, heat_map, heat_order,
    overview, red_lines, training_plan, BandFilter, CellStatus, Figures, HeatFilter, HeatSettings,
    HeatSort, Input, NameOrder, Roster, CLEARLY_WEAKER_BY, MIN_EACH_SIDE, TRAININGS_PER_BRANCH,
    WEAK_CREDIT,
};
use branch_self_check::order::{natural_cmp, sort_by};
use branch_self_check::recommend::{recommend, Limits};
use serde_json::Value;

const RECORDS: usize = 360;
const SEED: u64 = 2026;

/// One branch as this test sees it.
#[derive(Debug)]
struct Expected {
    label: String,
    category: String,
    modifiers: Vec<String>,
    date: String,
    overall: Option<f64>,
    band: Option<String>,
    completeness: String,
    scores: Vec<Option<f64>>,
    targets: Vec<f64>,
    red_lines: Vec<String>,
    /// Question position → credit.
    credits: BTreeMap<usize, f64>,
    roles: Vec<Option<String>>,
    trainings: Vec<String>,
}

struct Fixture {
    bank: Bank,
    roster: Roster,
    figures: Figures,
    expected: Vec<Expected>,
}

static FIXTURE: LazyLock<Fixture> = LazyLock::new(|| {
    let bank = bank();
    let files = generate(&bank, RECORDS, SEED);
    let mut roster = Roster::read(
        &bank,
        files.iter().map(|(name, text)| Input::File {
            name: name.clone(),
            text: text.clone(),
        }),
    );
    assert!(roster.issues.is_empty(), "{:?}", roster.issues);
    // Every third branch is in 片区一, for the tag filter.
    for b in (0..roster.branches.len()).step_by(3) {
        roster.set_tags(b, &["片区一".to_string()]);
    }
    let figures = figures(&bank, &roster);
    let expected = expected(&bank, &files);
    Fixture {
        bank,
        roster,
        figures,
        expected,
    }
});

fn round1(x: f64) -> f64 {
    let r = (x * 10.0).round() / 10.0;
    if r == 0.0 {
        0.0
    } else {
        r
    }
}

fn credit_of(q: &Question, answer: &Answer) -> Option<f64> {
    match (&q.answer, answer) {
        (AnswerSpec::Levels { levels }, Answer::Level(l)) => Some(levels[usize::from(*l)].credit),
        (AnswerSpec::YesNo { yes_credit, .. }, Answer::Yes) => Some(*yes_credit),
        (AnswerSpec::YesNo { no_credit, .. }, Answer::No) => Some(*no_credit),
        (AnswerSpec::Count { per_year, .. }, Answer::Count(n)) => {
            Some((f64::from(*n) / f64::from(*per_year)).min(1.0))
        }
        _ => None,
    }
}

/// The documented merge rule, written again here.
fn combined_answer(q: &Question, given: &[Answer]) -> Option<Answer> {
    if given.is_empty() {
        return None;
    }
    let na = given
        .iter()
        .filter(|a| **a == Answer::NotApplicable)
        .count();
    if na * 2 > given.len() {
        return Some(Answer::NotApplicable);
    }
    let mut values: Vec<u32> = given
        .iter()
        .filter_map(|a| match a {
            Answer::Level(l) => Some(u32::from(*l)),
            Answer::Count(n) => Some(*n),
            _ => None,
        })
        .collect();
    sort_by(&mut values, u32::cmp);
    let lower_median = values.get(values.len().saturating_sub(1) / 2).copied();
    match &q.answer {
        AnswerSpec::Levels { .. } => lower_median.map(|l| Answer::Level(l as u8)),
        AnswerSpec::Count { .. } => lower_median.map(Answer::Count),
        AnswerSpec::YesNo {
            yes_credit,
            no_credit,
        } => {
            let yes = given.iter().filter(|a| **a == Answer::Yes).count();
            let no = given.iter().filter(|a| **a == Answer::No).count();
            Some(if yes > no || (yes == no && yes_credit < no_credit) {
                Answer::Yes
            } else {
                Answer::No
            })
        }
    }
}

/// The documented choice of trainings: every suggestion, ranked on its score to 1e-9 (then
/// id), the best [`TRAININGS_PER_BRANCH`].
fn best_trainings(bank: &Bank, selection: &Selection, assessment: &Assessment) -> Vec<String> {
    let all = Limits {
        groups: 0,
        trainings: 1000,
    };
    let mut ranked: Vec<(i64, String)> = recommend(bank, selection, assessment, all)
        .trainings
        .into_iter()
        .map(|s| ((s.score * 1e9).round() as i64, s.id))
        .collect();
    sort_by(&mut ranked, |a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    ranked
        .into_iter()
        .take(TRAININGS_PER_BRANCH)
        .map(|(_, id)| id)
        .collect()
}

fn expected(bank: &Bank, files: &[(String, String)]) -> Vec<Expected> {
    // Group the records by unit name, in order of first appearance.
    let mut groups: Vec<(Option<String>, Vec<Value>)> = Vec::new();
    for (_, text) in files {
        let record: Value = serde_json::from_str(text).unwrap();
        let unit = record["unit_name"].as_str().map(str::to_string);
        match groups
            .iter_mut()
            .find(|(u, _)| unit.is_some() && u == &unit)
        {
            Some((_, records)) => records.push(record),
            None => groups.push((unit, vec![record])),
        }
    }
    let mut anonymous = 0;
    groups
        .into_iter()
        .map(|(unit, records)| {
            let label = unit.clone().unwrap_or_else(|| {
                anonymous += 1;
                format!("未署名 {anonymous}")
            });
            let role_rank = |r: &Value| {
                r["selection"]["role"]
                    .as_str()
                    .and_then(|role| bank.roles.iter().position(|known| known.id == role))
                    .unwrap_or(usize::MAX)
            };
            let primary = records.iter().min_by_key(|r| role_rank(r)).unwrap().clone();
            let selection: Selection =
                serde_json::from_value(primary["selection"].clone()).unwrap();
            let answers_of =
                |r: &Value| -> Answers { serde_json::from_value(r["answers"].clone()).unwrap() };
            let answers: Answers = if records.len() == 1 {
                answers_of(&primary)
            } else {
                applicable_questions(bank, &selection)
                    .into_iter()
                    .filter_map(|q| {
                        let given: Vec<Answer> = records
                            .iter()
                            .filter_map(|r| answers_of(r).get(&q.id).copied())
                            .collect();
                        Some((q.id.clone(), combined_answer(q, &given)?))
                    })
                    .collect()
            };
            let assessment = assess(bank, &selection, &answers);
            let (overall, band, completeness, scores, red_lines);
            if records.len() == 1 {
                let results = &primary["results"];
                overall = results["overall"].as_f64();
                band = results["band"].as_str().map(str::to_string);
                completeness = results["completeness"].as_str().unwrap().to_string();
                scores = bank
                    .dimensions
                    .iter()
                    .map(|d| {
                        results["dimensions"]
                            .as_array()
                            .unwrap()
                            .iter()
                            .find(|r| r["id"] == d.id.as_str())
                            .and_then(|r| r["score"].as_f64())
                    })
                    .collect();
                red_lines = results["red_lines"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|q| q.as_str().unwrap().to_string())
                    .collect();
            } else {
                overall = assessment.overall.map(round1);
                band = assessment.band.clone();
                completeness = serde_json::to_value(assessment.completeness)
                    .unwrap()
                    .as_str()
                    .unwrap()
                    .to_string();
                scores = bank
                    .dimensions
                    .iter()
                    .map(|d| {
                        assessment
                            .dimension(&d.id)
                            .and_then(|r| r.score)
                            .map(round1)
                    })
                    .collect();
                red_lines = assessment
                    .red_lines
                    .iter()
                    .map(|h| h.question.clone())
                    .collect();
            }
            let category = bank
                .categories
                .iter()
                .find(|c| c.id == selection.category)
                .unwrap();
            Expected {
                label,
                category: selection.category.clone(),
                modifiers: selection.modifiers.iter().cloned().collect(),
                date: records
                    .iter()
                    .map(|r| r["created"].as_str().unwrap().to_string())
                    .max()
                    .unwrap(),
                overall,
                band,
                completeness,
                scores,
                targets: bank
                    .dimensions
                    .iter()
                    .map(|d| category.targets[&d.id])
                    .collect(),
                red_lines,
                credits: answers
                    .iter()
                    .filter_map(|(id, a)| {
                        let at = bank.questions.iter().position(|q| &q.id == id)?;
                        Some((at, credit_of(&bank.questions[at], a)?))
                    })
                    .collect(),
                roles: records
                    .iter()
                    .map(|r| r["selection"]["role"].as_str().map(str::to_string))
                    .collect(),
                trainings: best_trainings(bank, &selection, &assessment),
            }
        })
        .collect()
}

#[test]
fn the_generated_round_has_what_the_views_need() {
    let Fixture { expected, .. } = &*FIXTURE;
    let merged = expected.iter().filter(|e| e.roles.len() > 1).count();
    let anonymous = expected
        .iter()
        .filter(|e| e.label.starts_with("未署名"))
        .count();
    let with_red_lines = expected.iter().filter(|e| !e.red_lines.is_empty()).count();
    let incomplete = expected
        .iter()
        .filter(|e| e.completeness != "complete")
        .count();
    let categories: BTreeSet<&str> = expected.iter().map(|e| e.category.as_str()).collect();
    assert!(merged >= 10, "{merged} merged branches");
    assert!(anonymous >= 10, "{anonymous} anonymous branches");
    assert!(
        with_red_lines >= 10,
        "{with_red_lines} branches with red lines"
    );
    assert!(incomplete >= 10, "{incomplete} incomplete branches");
    assert_eq!(categories.len(), 8);
}

#[test]
fn each_branch_figures_are_its_records_or_its_members_merged() {
    let Fixture {
        roster,
        figures,
        expected,
        ..
    } = &*FIXTURE;
    assert_eq!(figures.branches.len(), expected.len());
    for (b, (f, e)) in figures.branches.iter().zip(expected).enumerate() {
        assert_eq!(roster.label(b, Locale::Zh), e.label);
        assert_eq!(f.selection.category, e.category, "{}", e.label);
        let modifiers: Vec<String> = f.selection.modifiers.iter().cloned().collect();
        assert_eq!(modifiers, e.modifiers, "{}", e.label);
        assert_eq!(
            serde_json::to_value(f.completeness).unwrap(),
            e.completeness.as_str()
        );
        assert_eq!(f.overall, e.overall, "{}", e.label);
        assert_eq!(f.band, e.band, "{}", e.label);
        assert_eq!(f.scores, e.scores, "{}", e.label);
        assert_eq!(f.red_lines, e.red_lines, "{}", e.label);
        assert_eq!(f.date, e.date, "{}", e.label);
        assert_eq!(f.roles, e.roles, "{}", e.label);
        assert_eq!(f.trainings, e.trainings, "{}", e.label);
        let credits: BTreeMap<usize, f64> = f.credits.iter().copied().collect();
        assert_eq!(credits, e.credits, "{}", e.label);
    }
}

#[test]
fn overview_counts_branches_completeness_bands_and_red_lines_by_category() {
    let Fixture {
        bank,
        figures,
        expected,
        ..
    } = &*FIXTURE;
    let lines = overview(bank, figures);
    let present: Vec<&str> = bank
        .categories
        .iter()
        .map(|c| c.id.as_str())
        .filter(|c| expected.iter().any(|e| e.category == *c))
        .collect();
    assert_eq!(
        lines
            .iter()
            .map(|l| l.category.as_str())
            .collect::<Vec<_>>(),
        present
    );
    for line in &lines {
        let of: Vec<&Expected> = expected
            .iter()
            .filter(|e| e.category == line.category)
            .collect();
        let count = |f: &dyn Fn(&Expected) -> bool| of.iter().filter(|e| f(e)).count();
        assert_eq!(line.branches, of.len());
        assert_eq!(line.complete, count(&|e| e.completeness == "complete"));
        assert_eq!(line.partial, count(&|e| e.completeness == "partial"));
        assert_eq!(
            line.insufficient,
            count(&|e| e.completeness == "insufficient")
        );
        assert_eq!(line.no_band, count(&|e| e.band.is_none()));
        for (band, n) in &line.bands {
            assert_eq!(*n, count(&|e| e.band.as_ref() == Some(band)), "{band}");
        }
        assert_eq!(line.red_line_branches, count(&|e| !e.red_lines.is_empty()));
        let items: usize = of.iter().map(|e| e.red_lines.len()).sum();
        assert_eq!(line.red_lines, items);
    }
    let total: usize = lines.iter().map(|l| l.branches).sum();
    assert_eq!(total, expected.len());
}

/// The heat map for these settings, as this test orders it.
fn expected_rows(bank: &Bank, settings: &HeatSettings) -> Vec<usize> {
    let Fixture {
        roster, expected, ..
    } = &*FIXTURE;
    let f = &settings.filter;
    let mut rows: Vec<usize> = (0..expected.len())
        .filter(|&b| {
            f.category
                .as_ref()
                .is_none_or(|c| &expected[b].category == c)
        })
        .filter(|&b| {
            f.tag
                .as_ref()
                .is_none_or(|t| roster.branches[b].tags.contains(t))
        })
        .filter(|&b| match &f.band {
            None => true,
            Some(BandFilter::NoBand) => expected[b].band.is_none(),
            Some(BandFilter::Band(id)) => expected[b].band.as_ref() == Some(id),
        })
        .collect();
    let value = |b: usize| -> Option<f64> {
        let e = &expected[b];
        match settings.sort {
            HeatSort::Overall => e.overall,
            HeatSort::Dimension(d) => e.scores[d],
            HeatSort::RedLines => Some(e.red_lines.len() as f64),
            HeatSort::Band => e
                .band
                .as_ref()
                .map(|id| -(bank.bands.iter().position(|x| &x.id == id).unwrap() as f64)),
            _ => None,
        }
    };
    sort_by(&mut rows, |&a, &b| {
        let order = match settings.sort {
            // Names as people read them (order.rs checks this order on its own examples).
            HeatSort::Label => natural_cmp(&expected[a].label, &expected[b].label),
            _ => match (value(a), value(b)) {
                (Some(x), Some(y)) => x.total_cmp(&y),
                (Some(_), None) => return std::cmp::Ordering::Less,
                (None, Some(_)) => return std::cmp::Ordering::Greater,
                (None, None) => std::cmp::Ordering::Equal,
            },
        };
        let order = if settings.descending {
            order.reverse()
        } else {
            order
        };
        order.then(a.cmp(&b))
    });
    rows
}

#[test]
fn heat_map_rows_follow_sort_and_filter_with_each_branchs_own_target() {
    let Fixture {
        bank,
        roster,
        figures,
        expected,
    } = &*FIXTURE;
    let settings = [
        HeatSettings::default(),
        HeatSettings {
            sort: HeatSort::Dimension(3),
            descending: true,
            ..HeatSettings::default()
        },
        HeatSettings {
            sort: HeatSort::Overall,
            descending: false,
            filter: HeatFilter {
                category: Some("organ".into()),
                band: Some(BandFilter::Band("good".into())),
                ..HeatFilter::default()
            },
        },
        HeatSettings {
            sort: HeatSort::Band,
            descending: true,
            filter: HeatFilter {
                tag: Some("片区一".into()),
                ..HeatFilter::default()
            },
        },
        HeatSettings {
            sort: HeatSort::RedLines,
            descending: true,
            filter: HeatFilter {
                band: Some(BandFilter::NoBand),
                ..HeatFilter::default()
            },
        },
    ];
    for s in &settings {
        let rows = heat_map(bank, roster, figures, Locale::Zh, s);
        let order: Vec<usize> = rows.iter().map(|r| r.branch).collect();
        let wanted = expected_rows(bank, s);
        assert!(!wanted.is_empty(), "{s:?} shows nothing");
        assert_eq!(order, wanted, "{s:?}");
        for row in &rows {
            let e = &expected[row.branch];
            assert_eq!(row.label, e.label);
            assert_eq!(row.overall, e.overall);
            assert_eq!(row.red_lines, e.red_lines.len());
            for (d, cell) in row.cells.iter().enumerate() {
                assert_eq!(cell.score, e.scores[d]);
                assert_eq!(cell.target, e.targets[d]);
                let status = match e.scores[d] {
                    None => CellStatus::NoScore,
                    Some(s) if s >= e.targets[d] + bank.strength_margin => CellStatus::Strength,
                    Some(s) if s >= e.targets[d] => CellStatus::Meets,
                    Some(_) => CellStatus::Gap,
                };
                assert_eq!(cell.status, status, "{} {d}", e.label);
            }
        }
    }
}

/// Sorting by name, as the page does it: with the order of names made once per roll-up (and
/// again after a rename), the rows are in natural order ("未署名 2" before "未署名 10"), in
/// either language and direction, ties in roster order.
#[test]
fn heat_map_by_name_follows_the_rounds_name_order_in_both_languages_and_after_a_rename() {
    let Fixture {
        bank,
        roster,
        figures,
        ..
    } = &*FIXTURE;
    let mut roster = roster.clone();
    let anonymous = (0..roster.branches.len())
        .filter(|&b| roster.label(b, Locale::Zh).starts_with("未署名"))
        .count();
    assert!(
        anonymous >= 10,
        "names that need natural order: {anonymous}"
    );
    // Numbered names, and one name twice.
    roster.set_label(3, "第10党支部");
    roster.set_label(5, "第9党支部");
    roster.set_label(7, "第9党支部");
    let by_name = |roster: &Roster, names: &NameOrder, locale: Locale, descending: bool| {
        let settings = HeatSettings {
            sort: HeatSort::Label,
            descending,
            ..HeatSettings::default()
        };
        heat_order(bank, roster, figures, names, locale, &settings)
    };
    let expected = |roster: &Roster, locale: Locale, descending: bool| {
        let mut order: Vec<usize> = (0..roster.branches.len()).collect();
        sort_by(&mut order, |&a, &b| {
            let (x, y) = (roster.label(a, locale), roster.label(b, locale));
            let order = if descending {
                natural_cmp(&y, &x)
            } else {
                natural_cmp(&x, &y)
            };
            order.then(a.cmp(&b))
        });
        order
    };
    let names = NameOrder::new(&roster);
    for locale in [Locale::Zh, Locale::En] {
        for descending in [false, true] {
            let order = by_name(&roster, &names, locale, descending);
            assert_eq!(order, expected(&roster, locale, descending), "{locale:?}");
            let rows = heat_map(
                bank,
                &roster,
                figures,
                locale,
                &HeatSettings {
                    descending,
                    ..HeatSettings::default()
                },
            );
            assert_eq!(rows.iter().map(|r| r.branch).collect::<Vec<_>>(), order);
        }
    }
    let at = |order: &[usize], b: usize| order.iter().position(|&x| x == b).unwrap();
    let order = by_name(&roster, &names, Locale::Zh, false);
    assert!(at(&order, 5) < at(&order, 7) && at(&order, 7) < at(&order, 3));
    // Renamed: the round's order is made again, and the rows follow it.
    roster.set_label(5, "第11党支部");
    let names = NameOrder::new(&roster);
    let order = by_name(&roster, &names, Locale::Zh, false);
    assert_eq!(order, expected(&roster, Locale::Zh, false));
    assert!(at(&order, 7) < at(&order, 3) && at(&order, 3) < at(&order, 5));
    // An order made for another roster is not used.
    assert_eq!(
        by_name(&roster, &NameOrder::default(), Locale::En, true),
        expected(&roster, Locale::En, true)
    );
}

/// The `p` quantile by linear interpolation between closest ranks.
fn quantile(values: &[f64], p: f64) -> f64 {
    let mut sorted = values.to_vec();
    sort_by(&mut sorted, f64::total_cmp);
    let position = p * (sorted.len() - 1) as f64;
    let (low, high) = (position.floor() as usize, position.ceil() as usize);
    sorted[low] + (position - low as f64) * (sorted[high] - sorted[low])
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() < 1e-9
}

#[test]
fn category_evaluation_gives_spreads_against_targets_and_ranks_within_categories() {
    let Fixture {
        bank,
        figures,
        expected,
        ..
    } = &*FIXTURE;
    let evaluation = category_evaluation(bank, figures);
    let weights: Vec<Vec<f64>> = evaluation
        .categories
        .iter()
        .map(|c| {
            let category = bank.categories.iter().find(|x| x.id == c.category).unwrap();
            let total: f64 = category.weights.values().sum();
            bank.dimensions
                .iter()
                .map(|d| category.weights[&d.id] / total)
                .collect()
        })
        .collect();
    assert_eq!(
        evaluation.weights_differ,
        weights.iter().any(|w| w != &weights[0])
    );
    assert!(
        evaluation.weights_differ,
        "the default bank's categories differ"
    );
    for c in &evaluation.categories {
        let of: Vec<(usize, &Expected)> = expected
            .iter()
            .enumerate()
            .filter(|(_, e)| e.category == c.category)
            .collect();
        assert_eq!(c.branches, of.len());
        for (d, spread) in c.dimensions.iter().enumerate() {
            let scores: Vec<f64> = of.iter().filter_map(|(_, e)| e.scores[d]).collect();
            assert_eq!(spread.target, of[0].1.targets[d]);
            let Some(s) = spread.spread else {
                assert!(scores.is_empty());
                continue;
            };
            assert_eq!(s.n, scores.len());
            assert!(close(s.min, quantile(&scores, 0.0)));
            assert!(close(s.q1, quantile(&scores, 0.25)), "{} {d}", c.category);
            assert!(close(s.median, quantile(&scores, 0.5)));
            assert!(close(s.q3, quantile(&scores, 0.75)));
            assert!(close(s.max, quantile(&scores, 1.0)));
            assert!(close(
                s.mean,
                scores.iter().sum::<f64>() / scores.len() as f64
            ));
            let meeting = scores.iter().filter(|s| **s >= spread.target).count();
            assert_eq!(spread.meeting_target, meeting);
        }
        // Ranks: 1 + the number of branches of the category with a higher overall score.
        let ranked: Vec<(usize, f64)> = of
            .iter()
            .filter_map(|(b, e)| Some((*b, e.overall?)))
            .collect();
        assert_eq!(c.ranks.len(), ranked.len());
        assert_eq!(c.unranked.len(), of.len() - ranked.len());
        for r in &c.ranks {
            let higher = ranked.iter().filter(|(_, o)| *o > r.overall).count();
            assert_eq!(r.rank, higher + 1);
            assert_eq!(Some(r.overall), expected[r.branch].overall);
        }
        assert!(c.ranks.windows(2).all(|w| w[0].overall >= w[1].overall));
    }
}

/// (question position, branch, credit) of every answer this test knows.
fn all_credits() -> Vec<(usize, usize, f64)> {
    let mut all = Vec::new();
    for (b, e) in FIXTURE.expected.iter().enumerate() {
        for (&q, &c) in &e.credits {
            all.push((q, b, c));
        }
    }
    sort_by(&mut all, |a, b| a.0.cmp(&b.0).then(a.1.cmp(&b.1)));
    all
}

#[test]
fn common_problems_are_the_questions_weakest_across_all_branches() {
    let Fixture {
        bank,
        figures,
        expected,
        ..
    } = &*FIXTURE;
    let needed = expected.len().div_ceil(2);
    let mut by_question: BTreeMap<usize, Vec<(usize, f64)>> = BTreeMap::new();
    for (q, b, c) in all_credits() {
        by_question.entry(q).or_default().push((b, c));
    }
    let mut wanted: Vec<(usize, f64, Vec<usize>, usize)> = by_question
        .into_iter()
        .filter(|(_, answers)| answers.len() >= needed)
        .map(|(q, answers)| {
            let mean = answers.iter().map(|(_, c)| c).sum::<f64>() / answers.len() as f64;
            let weak = answers
                .iter()
                .filter(|(_, c)| *c < WEAK_CREDIT)
                .map(|(b, _)| *b)
                .collect();
            (q, mean, weak, answers.len())
        })
        .collect();
    sort_by(&mut wanted, |a, b| {
        a.1.total_cmp(&b.1)
            .then(b.2.len().cmp(&a.2.len()))
            .then(a.0.cmp(&b.0))
    });
    let found = common_problems(bank, figures, 15);
    assert_eq!(found.len(), 15);
    for (p, (q, mean, weak, answered)) in found.iter().zip(&wanted) {
        assert_eq!(p.question, bank.questions[*q].id);
        assert!(close(p.mean_credit, *mean));
        assert_eq!(&p.weak, weak);
        assert_eq!(p.answered, *answered);
    }
    assert!(found[0].mean_credit < 0.6, "the weakest is weak");
}

/// (branch, credit) pairs.
type Answered = Vec<(usize, f64)>;
/// Mean inside, mean outside, n inside, n outside, weak branches inside.
type Wanted = (f64, f64, usize, usize, Vec<usize>);

#[test]
fn category_problems_are_questions_where_one_category_is_clearly_weaker() {
    let Fixture {
        bank,
        figures,
        expected,
        ..
    } = &*FIXTURE;
    let mut wanted: BTreeMap<(String, String), Wanted> = BTreeMap::new();
    let credits = all_credits();
    for (q, question) in bank.questions.iter().enumerate() {
        let answers: Vec<(usize, f64)> = credits
            .iter()
            .filter(|(at, _, _)| *at == q)
            .map(|(_, b, c)| (*b, *c))
            .collect();
        for category in &bank.categories {
            let (inside, outside): (Answered, Answered) = answers
                .iter()
                .partition(|(b, _)| expected[*b].category == category.id);
            if inside.len() < MIN_EACH_SIDE || outside.len() < MIN_EACH_SIDE {
                continue;
            }
            let mean = |xs: &[(usize, f64)]| xs.iter().map(|x| x.1).sum::<f64>() / xs.len() as f64;
            let (m_in, m_out) = (mean(&inside), mean(&outside));
            if m_out - m_in >= CLEARLY_WEAKER_BY - 1e-9 {
                let weak = inside
                    .iter()
                    .filter(|(_, c)| *c < WEAK_CREDIT)
                    .map(|(b, _)| *b)
                    .collect();
                wanted.insert(
                    (question.id.clone(), category.id.clone()),
                    (m_in, m_out, inside.len(), outside.len(), weak),
                );
            }
        }
    }
    let found = category_problems(bank, figures);
    assert!(
        found.len() >= 3,
        "the generator's dips show: {}",
        found.len()
    );
    assert_eq!(found.len(), wanted.len());
    for p in &found {
        let (m_in, m_out, n_in, n_out, weak) = &wanted[&(p.question.clone(), p.category.clone())];
        assert!(close(p.mean_in_category, *m_in) && close(p.mean_others, *m_out));
        assert_eq!((p.in_category, p.others), (*n_in, *n_out));
        assert_eq!(&p.weak, weak);
    }
    assert!(found.windows(2).all(|w| w[0].difference >= w[1].difference));
}

#[test]
fn red_lines_are_listed_by_branch_and_by_item_with_the_banks_message() {
    let Fixture {
        bank,
        figures,
        expected,
        ..
    } = &*FIXTURE;
    let found = red_lines(bank, figures);
    let with: Vec<usize> = (0..expected.len())
        .filter(|&b| !expected[b].red_lines.is_empty())
        .collect();
    let listed: BTreeSet<usize> = found.by_branch.iter().map(|r| r.branch).collect();
    assert_eq!(listed, with.iter().copied().collect());
    for r in &found.by_branch {
        assert_eq!(r.questions, expected[r.branch].red_lines);
    }
    assert!(found
        .by_branch
        .windows(2)
        .all(|w| w[0].questions.len() >= w[1].questions.len()));
    let mut items: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    for &b in &with {
        for q in &expected[b].red_lines {
            items.entry(q).or_default().push(b);
        }
    }
    assert_eq!(found.by_item.len(), items.len());
    for item in &found.by_item {
        assert_eq!(item.branches, items[item.question.as_str()]);
        let question = bank
            .questions
            .iter()
            .find(|q| q.id == item.question)
            .unwrap();
        assert_eq!(
            item.message.as_ref(),
            question.red_line.as_ref().map(|r| &r.message)
        );
    }
    assert!(found
        .by_item
        .windows(2)
        .all(|w| w[0].branches.len() >= w[1].branches.len()));
}

#[test]
fn training_plan_counts_branches_and_roles_per_module() {
    let Fixture {
        bank,
        figures,
        expected,
        ..
    } = &*FIXTURE;
    let plan = training_plan(bank, figures);
    let mut wanted: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    for (b, e) in expected.iter().enumerate() {
        for t in &e.trainings {
            wanted.entry(t).or_default().push(b);
        }
    }
    assert_eq!(plan.len(), wanted.len());
    assert!(plan.len() >= 5);
    for demand in &plan {
        let branches = &wanted[demand.training.as_str()];
        assert_eq!(&demand.branches, branches);
        let training = bank
            .trainings
            .iter()
            .find(|t| t.id == demand.training)
            .unwrap();
        assert_eq!(demand.roles, training.roles);
        for count in &demand.reported_by {
            let n = branches
                .iter()
                .filter(|&&b| expected[b].roles.contains(&count.role))
                .count();
            assert_eq!(count.branches, n, "{} {:?}", demand.training, count.role);
        }
        let secretaries = demand
            .reported_by
            .iter()
            .find(|c| c.role.as_deref() == Some("secretary"));
        assert!(secretaries.is_some(), "most branches report as secretary");
    }
    assert!(plan
        .windows(2)
        .all(|w| w[0].branches.len() >= w[1].branches.len()));
}
