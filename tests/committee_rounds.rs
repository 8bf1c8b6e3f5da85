//! Two rounds and several members: the trend between an earlier round (partly bank 2026.1)
//! and the current one, and merging members' records of one branch with their divergences.

mod committee_common;

use committee_common::bank;

use std::collections::BTreeMap;
use std::fs;

use branch_self_check::assess::{applicable_questions, assess, Answer, Answers, Selection};
use branch_self_check::bank::{AnswerSpec, Bank, Question};
use branch_self_check::committee::generate::generate;
use branch_self_check::committee::{combine, diverges, figures, merge_view, trend, Input, Roster};
use branch_self_check::record::{Record, RecordedResults};

fn file(name: &str, record: &Record) -> Input {
    Input::File {
        name: name.into(),
        text: record.to_json(),
    }
}

fn round1(x: f64) -> f64 {
    let r = (x * 10.0).round() / 10.0;
    if r == 0.0 {
        0.0
    } else {
        r
    }
}

fn old_organ() -> Record {
    let text = fs::read_to_string("tests/fixtures/bank-2026.1/organ.json").unwrap();
    serde_json::from_str(&text).unwrap()
}

/// A year earlier: every level one lower, every count halved.
fn a_year_earlier(bank: &Bank, r: &Record) -> Record {
    let answers: Answers = r
        .answers
        .iter()
        .map(|(id, a)| {
            let then = match a {
                Answer::Level(l) => Answer::Level(l.saturating_sub(1)),
                Answer::Count(n) => Answer::Count(n / 2),
                other => *other,
            };
            (id.clone(), then)
        })
        .collect();
    Record::new(
        bank,
        &r.selection,
        &answers,
        r.unit_name.as_deref(),
        "2025-11-20",
    )
}

#[test]
fn trend_gives_the_change_per_branch_and_per_category_and_dimension() {
    let bank = bank();
    // This round: one record per branch (merging is tested below), plus 第三党支部 again.
    let mut now: Vec<Record> = Vec::new();
    for (_, text) in generate(&bank, 70, 31) {
        let r: Record = serde_json::from_str(&text).unwrap();
        if r.unit_name.is_none() || !now.iter().any(|n| n.unit_name == r.unit_name) {
            now.push(r);
        }
    }
    let organ = old_organ();
    now.push(Record::new(
        &bank,
        &organ.selection,
        &organ.answers,
        organ.unit_name.as_deref(),
        "2026-11-25",
    ));
    let renamed = now.iter().position(|r| r.unit_name.is_none()).unwrap();
    let dropped = now.iter().position(|r| r.unit_name.is_some()).unwrap();
    // The earlier round: the named branches a year earlier (but one), 第三党支部 as exported
    // with bank 2026.1, a branch that is gone, and one a committee renamed since.
    let mut then: Vec<Record> = now
        .iter()
        .enumerate()
        .filter(|(i, r)| r.unit_name.is_some() && *i != dropped && r.bank.version == bank.version)
        .map(|(_, r)| a_year_earlier(&bank, r))
        .filter(|r| r.unit_name != organ.unit_name)
        .collect();
    then.push(organ.clone());
    let template = &now[0];
    for unit in ["某单位已撤销党支部", "某署信息中心第九党支部（旧）"] {
        then.push(Record::new(
            &bank,
            &template.selection,
            &template.answers,
            Some(unit),
            "2025-11-02",
        ));
    }

    let then_roster = Roster::read(&bank, then.iter().map(|r| file("then.json", r)));
    let mut now_roster = Roster::read(&bank, now.iter().map(|r| file("now.json", r)));
    assert!(then_roster.issues.is_empty() && now_roster.issues.is_empty());
    now_roster.set_label(renamed, "某署信息中心第九党支部（旧）");
    let (then_figures, now_figures) = (figures(&bank, &then_roster), figures(&bank, &now_roster));
    let found = trend(
        &bank,
        (&then_roster, &then_figures),
        (&now_roster, &now_figures),
    );

    // Matched by name: every named branch but the dropped one, and the renamed one.
    let name_of = |b: usize| -> Option<String> {
        if b == renamed {
            return Some("某署信息中心第九党支部（旧）".into());
        }
        now[b].unit_name.clone()
    };
    let then_index = |name: &str| {
        then.iter()
            .position(|r| r.unit_name.as_deref() == Some(name))
    };
    let expected: Vec<(usize, usize)> = (0..now.len())
        .filter_map(|b| Some((b, then_index(&name_of(b)?)?)))
        .collect();
    let matched: Vec<(usize, usize)> = found.branches.iter().map(|t| (t.now, t.then)).collect();
    assert_eq!(matched, expected);
    assert!(expected.len() > 30);
    let unmatched_now: Vec<usize> = (0..now.len())
        .filter(|b| !expected.iter().any(|e| e.0 == *b))
        .collect();
    assert_eq!(found.only_now, unmatched_now);
    assert!(found.only_now.contains(&dropped));
    assert_eq!(found.only_then, [then_index("某单位已撤销党支部").unwrap()]);

    let delta = |a: Option<f64>, b: Option<f64>| {
        let (a, b) = (a.map(round1), b.map(round1));
        (a, b, a.zip(b).map(|(a, b)| round1(b - a)))
    };
    let score = |r: &Record, d: &str| {
        r.results
            .dimensions
            .iter()
            .find(|x| x.id == d)
            .and_then(|x| x.score)
    };
    let mut rose = 0;
    for t in &found.branches {
        let (a, b) = (&then[t.then], &now[t.now]);
        assert_eq!(t.name, name_of(t.now).unwrap());
        let o = &t.overall;
        assert_eq!(
            (o.then, o.now, o.change),
            delta(a.results.overall, b.results.overall)
        );
        for (d, dim) in bank.dimensions.iter().enumerate() {
            let x = &t.dimensions[d];
            assert_eq!(
                (x.then, x.now, x.change),
                delta(score(a, &dim.id), score(b, &dim.id))
            );
        }
        assert_eq!(
            t.category_changed,
            a.selection.category != b.selection.category
        );
        rose += usize::from(o.change.is_some_and(|c| c > 0.0));
    }
    assert!(rose > 25, "a year of improvement shows: {rose}");
    let organ_trend = found
        .branches
        .iter()
        .find(|t| t.name == "第三党支部")
        .expect("第三党支部 is matched across bank versions");
    assert_eq!(organ_trend.overall.then, organ.results.overall);

    // Per category and dimension: the means of each round, over all its branches.
    let mean = |records: &[Record], category: &str, dim: &str| {
        let scores: Vec<f64> = records
            .iter()
            .filter(|r| r.selection.category == category)
            .filter_map(|r| score(r, dim))
            .collect();
        let n = scores.len();
        ((n > 0).then(|| scores.iter().sum::<f64>() / n as f64), n)
    };
    let mut cells = 0;
    for cell in &found.cells {
        let (m_then, n_then) = mean(&then, &cell.category, &cell.dimension);
        let (m_now, n_now) = mean(&now, &cell.category, &cell.dimension);
        assert_eq!((cell.n_then, cell.n_now), (n_then, n_now));
        let m = &cell.mean;
        assert_eq!((m.then, m.now, m.change), delta(m_then, m_now), "{cell:?}");
        cells += 1;
    }
    let categories: std::collections::BTreeSet<&str> = now
        .iter()
        .chain(&then)
        .map(|r| r.selection.category.as_str())
        .collect();
    assert_eq!(cells, categories.len() * bank.dimensions.len());
}

/// The first question asked of `selection` that `pick` accepts.
fn question<'b>(
    bank: &'b Bank,
    selection: &Selection,
    pick: impl Fn(&Question) -> bool,
) -> &'b Question {
    applicable_questions(bank, selection)
        .into_iter()
        .find(|q| pick(q))
        .expect("the bank has such a question")
}

#[test]
fn merging_members_combines_answers_and_lists_where_they_diverge() {
    let bank = bank();
    let selection = Selection::new("organ");
    let levels = |q: &Question| {
        matches!(&q.answer, AnswerSpec::Levels { levels } if levels.len() >= 4)
            && q.red_line.is_none()
    };
    let wide = question(&bank, &selection, |q| levels(q) && !q.allow_na);
    let narrow = question(&bank, &selection, |q| {
        levels(q) && !q.allow_na && q.id != wide.id
    });
    let yes_no = |q: &Question| {
        matches!(q.answer, AnswerSpec::YesNo { yes_credit, no_credit } if yes_credit > no_credit)
            && !q.allow_na
    };
    let majority = question(&bank, &selection, yes_no);
    let tie = question(&bank, &selection, |q| yes_no(q) && q.id != majority.id);
    let count = question(&bank, &selection, |q| {
        matches!(q.answer, AnswerSpec::Count { per_year, .. } if per_year >= 2) && !q.allow_na
    });
    let AnswerSpec::Count { per_year, .. } = count.answer else {
        unreachable!()
    };
    let na = question(&bank, &selection, |q| q.allow_na && levels(q));

    // Everyone answers every question the same way, but for the questions under test.
    let base: Answers = applicable_questions(&bank, &selection)
        .into_iter()
        .map(|q| {
            let answer = match &q.answer {
                AnswerSpec::Levels { levels } => Answer::Level(levels.len() as u8 - 1),
                AnswerSpec::YesNo { .. } => Answer::Yes,
                AnswerSpec::Count { per_year, .. } => Answer::Count(*per_year),
            };
            (q.id.clone(), answer)
        })
        .collect();
    let given: [(&Question, [Option<Answer>; 3]); 6] = [
        (
            wide,
            [
                Some(Answer::Level(0)),
                Some(Answer::Level(3)),
                Some(Answer::Level(1)),
            ],
        ),
        (
            narrow,
            [
                Some(Answer::Level(1)),
                Some(Answer::Level(2)),
                Some(Answer::Level(2)),
            ],
        ),
        (
            majority,
            [Some(Answer::Yes), Some(Answer::No), Some(Answer::Yes)],
        ),
        (tie, [Some(Answer::Yes), Some(Answer::No), None]),
        (
            count,
            [
                Some(Answer::Count(1)),
                Some(Answer::Count(per_year)),
                Some(Answer::Count(per_year)),
            ],
        ),
        (
            na,
            [
                Some(Answer::NotApplicable),
                Some(Answer::NotApplicable),
                Some(Answer::Level(2)),
            ],
        ),
    ];
    let unit = "某部人事司第一党支部";
    let roles = ["member", "organisation_member", "secretary"];
    let dates = ["2026-11-21", "2026-11-22", "2026-11-02"];
    let records: Vec<Record> = (0..3)
        .map(|m| {
            let mut answers = base.clone();
            for (q, per_member) in &given {
                match per_member[m] {
                    Some(a) => answers.insert(q.id.clone(), a),
                    None => answers.remove(&q.id),
                };
            }
            let selection = Selection {
                role: Some(roles[m].into()),
                ..selection.clone()
            };
            Record::new(&bank, &selection, &answers, Some(unit), dates[m])
        })
        .collect();
    let roster = Roster::read(&bank, records.iter().map(|r| file("m.json", r)));
    assert_eq!(roster.branches.len(), 1);
    let view = merge_view(&bank, &roster, 0).unwrap();
    assert!(merge_view(&bank, &roster, 1).is_none());

    // The secretary's record leads, though it is the oldest and came last.
    assert_eq!(view.primary, 2);
    assert_eq!(view.selection.role.as_deref(), Some("secretary"));
    assert_eq!(view.members, [0, 1, 2]);
    assert!(view.left_out.is_empty() && view.other_selection.is_empty());

    let combined_as_documented = [
        (wide, Some(Answer::Level(1)), true),
        (narrow, Some(Answer::Level(2)), false),
        (majority, Some(Answer::Yes), true),
        (tie, Some(Answer::No), true),
        (count, Some(Answer::Count(per_year)), true),
        (na, Some(Answer::NotApplicable), true),
    ];
    for (q, combined, diverging) in combined_as_documented {
        assert_eq!(view.combined.get(&q.id).copied(), combined, "{}", q.id);
        let listed = view.divergences.iter().find(|d| d.question == q.id);
        assert_eq!(listed.is_some(), diverging, "{}", q.id);
    }
    let divergent: Vec<&str> = view
        .divergences
        .iter()
        .map(|d| d.question.as_str())
        .collect();
    assert_eq!(
        divergent.len(),
        5,
        "only the questions made to diverge: {divergent:?}"
    );
    let wide_listed = view
        .divergences
        .iter()
        .find(|d| d.question == wide.id)
        .unwrap();
    assert_eq!(
        wide_listed.answers,
        [
            (0, Answer::Level(0)),
            (1, Answer::Level(3)),
            (2, Answer::Level(1))
        ],
        "who answered what"
    );
    let tie_listed = view
        .divergences
        .iter()
        .find(|d| d.question == tie.id)
        .unwrap();
    assert_eq!(tie_listed.answers, [(0, Answer::Yes), (1, Answer::No)]);

    // Everything else is answered alike and combined as given.
    for (id, answer) in &base {
        if !given.iter().any(|(q, _)| &q.id == id) {
            assert_eq!(view.combined.get(id), Some(answer), "{id}");
        }
    }
    // The branch's figures are the assessment of the combined answers.
    let assessment = assess(&bank, &view.selection, &view.combined);
    assert_eq!(view.assessment.as_ref(), Some(&assessment));
    let f = &figures(&bank, &roster).branches[0];
    let results = RecordedResults::from_assessment(&assessment);
    assert_eq!(f.overall, assessment.overall.map(round1));
    assert_eq!(f.overall, results.overall);
    assert_eq!(f.roles.len(), 3);
    assert_eq!(f.date, "2026-11-22");

    // The rules on their own.
    assert_eq!(combine(wide, &[]), None);
    assert_eq!(
        combine(wide, &[Answer::Yes, Answer::Level(9)]),
        None,
        "misfits are ignored"
    );
    assert_eq!(
        combine(wide, &[Answer::Level(3), Answer::Level(0)]),
        Some(Answer::Level(0))
    );
    assert!(!diverges(
        wide,
        &[Answer::Level(1), Answer::Level(2), Answer::Level(9)]
    ));
    assert!(diverges(
        count,
        &[Answer::Count(0), Answer::Count(per_year)]
    ));
    assert!(!diverges(majority, &[Answer::Yes, Answer::Yes]));
}

#[test]
fn members_of_an_earlier_bank_version_are_left_out_or_keep_their_stored_results() {
    let bank = bank();
    let organ = old_organ();
    let as_role = |r: &Record, role: &str| {
        let mut r = r.clone();
        r.selection.role = Some(role.into());
        r.checksum = r.expected_checksum();
        r
    };
    // 第三党支部: its 2026.1 secretary record and a current member's record.
    let current = Record::new(
        &bank,
        &Selection {
            role: Some("member".into()),
            ..organ.selection.clone()
        },
        &organ.answers,
        organ.unit_name.as_deref(),
        "2026-11-25",
    );
    let roster = Roster::read(
        &bank,
        [file("old.json", &organ), file("new.json", &current)],
    );
    let view = merge_view(&bank, &roster, 0).unwrap();
    assert_eq!(
        (view.members.clone(), view.left_out.clone()),
        (vec![1], vec![0])
    );
    let f = &figures(&bank, &roster).branches[0];
    assert!(f.current);
    assert_eq!(f.overall, current.results.overall);

    // Two 2026.1 records of one branch: combined, not re-scored; the secretary's results stand.
    let member = as_role(&organ, "member");
    let roster = Roster::read(
        &bank,
        [file("member.json", &member), file("secretary.json", &organ)],
    );
    assert!(roster.issues.is_empty(), "{:?}", roster.issues);
    let view = merge_view(&bank, &roster, 0).unwrap();
    assert_eq!(view.primary, 1);
    assert!(view.assessment.is_none());
    assert!(
        view.divergences.is_empty(),
        "identical answers do not diverge"
    );
    let f = &figures(&bank, &roster).branches[0];
    assert!(!f.current);
    assert_eq!(f.bank_version, "2026.1");
    assert_eq!(f.overall, organ.results.overall);
    assert_eq!(f.red_lines, organ.results.red_lines);
    let stored: BTreeMap<&str, Option<f64>> = organ
        .results
        .dimensions
        .iter()
        .map(|d| (d.id.as_str(), d.score))
        .collect();
    for (d, id) in bank.dimensions.iter().map(|d| d.id.as_str()).enumerate() {
        assert_eq!(f.scores[d], stored.get(id).copied().flatten(), "{id}");
    }
}
