//! The plan the results suggest, and its lists, from one hand-checked self-check
//! (plan_common::organ_check): the exact items, order, kinds, owners, deadlines and texts.

use branch_self_check::assess::Selection;
use branch_self_check::bank::{Locale, QuestionIndex};
use branch_self_check::plan::{
    build_plan, lists, offer_closing, ItemKind, Owner, Plan, Status, FIRST_GAP_MONTHS, MAX_ITEMS,
    OTHER_MONTHS, RED_LINE_MONTHS,
};

mod plan_common;
use plan_common::{answered, bank, date, organ_check, Check};

fn role(id: &str) -> Owner {
    Owner::Role(id.to_string())
}

/// The self-check is what plan_common says it is: two gaps, org_life before political, and
/// the two red lines.
#[test]
fn the_hand_checked_self_check_is_as_computed() {
    let check = organ_check();
    let a = &check.assessment;
    let gaps: Vec<(&str, Vec<&str>)> = a
        .gaps
        .iter()
        .map(|g| {
            let qs = g.questions.iter().map(|q| q.question.as_str()).collect();
            (g.dimension.as_str(), qs)
        })
        .collect();
    assert_eq!(
        gaps,
        vec![
            (
                "org_life",
                vec!["c-org_life-01", "c-org_life-11", "c-org_life-02"]
            ),
            ("political", vec!["c-political-04", "c-political-05"]),
        ]
    );
    let score = |d: &str| a.dimension(d).and_then(|d| d.score).unwrap();
    assert!((score("org_life") - 100.0 * 13.25 / 18.0).abs() < 1e-6);
    assert!((score("political") - 100.0 * 12.0 / 14.5).abs() < 1e-6);
    assert!((score("discipline") - 100.0 * 11.5 / 13.5).abs() < 1e-6);
    let red: Vec<&str> = a.red_lines.iter().map(|r| r.question.as_str()).collect();
    assert_eq!(red, ["c-org_life-01", "c-discipline-06"]);
}

#[test]
fn the_plan_lists_red_lines_then_gap_questions_with_default_owners_and_deadlines() {
    let check = organ_check();
    let plan = build_plan(&check.results(), date("2026-01-31"));
    assert_eq!(plan.made, "2026-01-31");
    let items: Vec<(&str, ItemKind, Owner, &str)> = plan
        .items
        .iter()
        .map(|i| (i.id.as_str(), i.kind, i.owner.clone(), i.deadline.as_str()))
        .collect();
    assert_eq!(
        items,
        vec![
            // Red lines: the secretary, one month (31 January + 1 month = 28 February).
            (
                "q:c-org_life-01",
                ItemKind::RedLine,
                role("secretary"),
                "2026-02-28"
            ),
            (
                "q:c-discipline-06",
                ItemKind::RedLine,
                role("secretary"),
                "2026-02-28"
            ),
            // The first gap (org_life, whose red line is listed once, above): three months.
            (
                "q:c-org_life-11",
                ItemKind::Gap,
                role("organisation_member"),
                "2026-04-30"
            ),
            (
                "q:c-org_life-02",
                ItemKind::Gap,
                role("organisation_member"),
                "2026-04-30"
            ),
            // The second gap (political): six months.
            (
                "q:c-political-04",
                ItemKind::Gap,
                role("publicity_member"),
                "2026-07-31"
            ),
            (
                "q:c-political-05",
                ItemKind::Gap,
                role("publicity_member"),
                "2026-07-31"
            ),
        ]
    );
    assert_eq!((RED_LINE_MONTHS, FIRST_GAP_MONTHS, OTHER_MONTHS), (1, 3, 6));
    for item in &plan.items {
        let question = item.question.as_deref().unwrap();
        assert_eq!(item.id, format!("q:{question}"));
        assert_eq!(
            item.dimension.as_deref(),
            Some(question.split('-').nth(1).unwrap())
        );
        assert_eq!(item.status, Status::NotStarted);
        assert_eq!((&item.problem, &item.measure), (&None, &None));
        assert_eq!((&item.closed_on, &item.carried_from), (&None, &None));
    }
    assert_eq!(plan.check("$.plan"), Ok(()));
    assert_eq!(plan.check_bank(&check.bank, "$.plan"), Ok(()));
}

#[test]
fn a_leap_year_deadline_ends_in_february_29() {
    let check = organ_check();
    let plan = build_plan(&check.results(), date("2028-01-31"));
    assert_eq!(plan.items[0].deadline, "2028-02-29");
    assert_eq!(plan.items[2].deadline, "2028-04-30");
    assert_eq!(plan.items[4].deadline, "2028-07-31");
}

#[test]
fn nothing_to_do_gives_an_empty_plan() {
    let bank = bank();
    let selection = Selection::new("organ");
    let answers = answered(&bank, &selection, &[]);
    let check = Check::new(bank, selection, answers);
    assert_eq!(
        build_plan(&check.results(), date("2026-01-31")),
        Plan::new(date("2026-01-31"))
    );
}

/// Fewer than 7 full members: no committee, so what a committee member would own goes to
/// the secretary.
#[test]
fn a_branch_without_a_committee_gives_committee_work_to_the_secretary() {
    let check = organ_check();
    let selection = Selection::new("organ").with_modifier("small");
    let answers = check.answers.clone();
    let small = Check::new(check.bank, selection, answers);
    let plan = build_plan(&small.results(), date("2026-01-31"));
    assert!(plan
        .items
        .iter()
        .any(|i| i.dimension.as_deref() == Some("org_life") && i.kind == ItemKind::Gap));
    for item in &plan.items {
        assert_eq!(item.owner, role("secretary"), "{}", item.id);
    }
}

#[test]
fn roles_the_bank_lacks_fall_back_to_the_secretary_then_to_nobody() {
    let check = organ_check();
    let mut bank = check.bank.clone();
    bank.roles.retain(|r| r.id != "organisation_member");
    let fewer = Check::new(bank, check.selection.clone(), check.answers.clone());
    let plan = build_plan(&fewer.results(), date("2026-01-31"));
    assert_eq!(plan.items[2].owner, role("secretary"));
    assert_eq!(plan.items[4].owner, role("publicity_member"));

    let mut bank = check.bank.clone();
    bank.roles.retain(|r| r.id != "secretary");
    let none = Check::new(bank, check.selection.clone(), check.answers.clone());
    let plan = build_plan(&none.results(), date("2026-01-31"));
    assert_eq!(plan.items[0].owner, Owner::Unassigned);
    assert_eq!(plan.items[2].owner, role("organisation_member"));
}

#[test]
fn the_lists_say_each_item_in_words() {
    let check = organ_check();
    let plan = build_plan(&check.results(), date("2026-01-31"));
    let rows = lists(&check.results(), &plan, Locale::Zh);
    assert_eq!(rows.len(), 6);
    assert_eq!(
        rows.iter().map(|r| r.number).collect::<Vec<_>>(),
        [1, 2, 3, 4, 5, 6]
    );

    let first = &rows[0];
    assert_eq!(first.id, "q:c-org_life-01");
    assert_eq!(first.kind_text, "红线");
    assert_eq!(
        first.problem,
        "过去12个月是否出现连续3个月以上未开展任何组织生活？"
    );
    assert_eq!(first.dimension.as_deref(), Some("组织生活"));
    assert!(first.red_line);
    assert_eq!(first.answer.as_deref(), Some("是"));
    assert_eq!(
        first.standing,
        "红线已触发；作答：是；维度得分 73.6 / 目标 85"
    );
    assert_eq!(
        first.measure,
        "制定全年组织生活计划，每月至少安排1次组织生活；某月未开展的，由书记安排补开并向上级党组织说明。"
    );
    assert_eq!(
        first.red_line_action.as_deref(),
        Some("立即恢复“三会一课”，向上级党组织说明原因，制定计划按期开展。")
    );
    assert_eq!(
        first.evidence.as_deref(),
        Some(
            "对照会议和活动记录逐月核查；党员大会、支委会、党小组会、党课、主题党日都算组织生活。"
        )
    );
    assert_eq!(first.owner, "书记");
    assert_eq!(first.deadline, "2026-02-28");
    assert_eq!(first.status_text, "未开始");
    assert_eq!((&first.closed_on, &first.carried_from), (&None, &None));
    assert!(!first.meets_target);

    // A red line in a dimension that is on target (85.2 against 85).
    assert_eq!(
        rows[1].standing,
        "红线已触发；作答：是；维度得分 85.2 / 目标 85"
    );

    let count = &rows[3];
    assert_eq!(count.id, "q:c-org_life-02");
    assert_eq!(count.kind_text, "差距");
    assert!(!count.red_line);
    assert_eq!(count.red_line_action, None);
    assert_eq!(count.answer.as_deref(), Some("2 次（要求 4 次）"));
    assert_eq!(
        count.standing,
        "作答：2 次（要求 4 次）；维度得分 73.6 / 目标 85"
    );
    assert_eq!(
        count.measure,
        "年初排定每季度至少1次党员大会，提前通知议题，到会人数和决定事项记录完整。"
    );
    assert_eq!(count.owner, "组织委员");
    assert_eq!((count.score, count.target), (rows[0].score, Some(85.0)));

    let level = &rows[5];
    assert_eq!(level.id, "q:c-political-05");
    assert_eq!(level.answer.as_deref(), Some("未开展"));
    assert_eq!(level.owner, "宣传委员");
    assert_eq!(level.deadline, "2026-07-31");
    assert_eq!(level.dimension.as_deref(), Some("政治建设与理论武装"));
    assert_eq!(level.standing, "作答：未开展；维度得分 82.8 / 目标 85");
}

#[test]
fn the_lists_speak_english_too() {
    let check = organ_check();
    let plan = build_plan(&check.results(), date("2026-01-31"));
    let rows = lists(&check.results(), &plan, Locale::En);
    let first = &rows[0];
    assert_eq!(first.kind_text, "Red line");
    assert_eq!(first.owner, "Secretary");
    assert_eq!(first.status_text, "Not started");
    assert_eq!(
        first.standing,
        "Red line triggered; Answer: yes; Dimension score 73.6 / target 85"
    );
    assert_eq!(first.dimension.as_deref(), Some("Organisational life"));
    let count = &rows[3];
    assert_eq!(count.kind_text, "Gap");
    assert_eq!(count.owner, "Organisation member");
    assert_eq!(count.answer.as_deref(), Some("2 times (required 4)"));
    let q = check
        .bank
        .questions
        .iter()
        .find(|q| q.id == "c-org_life-02")
        .unwrap();
    assert_eq!(count.measure, q.improve.as_ref().unwrap().get(Locale::En));
    assert_eq!(count.problem, q.text.get(Locale::En));
    assert_ne!(count.problem, q.text.get(Locale::Zh));
}

#[test]
fn typed_texts_owners_and_unasked_questions_show_as_such() {
    let check = organ_check();
    let today = date("2026-01-31");
    let mut plan = build_plan(&check.results(), today);
    plan.set_measure("q:c-org_life-02", "每季度第一周召开党员大会")
        .unwrap();
    plan.set_problem("q:c-org_life-02", "党员大会不足").unwrap();
    plan.set_owner("q:c-org_life-02", Owner::Named("李四".into()))
        .unwrap();
    plan.set_owner("q:c-org_life-11", Owner::Unassigned)
        .unwrap();
    plan.set_status("q:c-org_life-11", Status::InProgress, today)
        .unwrap();
    plan.set_status("q:c-political-05", Status::Closed, date("2026-03-01"))
        .unwrap();
    let custom = plan.add_custom("活动场所不固定", today).unwrap();

    // The same plan read against its own self-check, and against a retired branch's, which
    // is not asked c-org_life-01 (what is typed shows the same in both).
    let bank = bank();
    let retired = Selection::new("retired");
    let answers = answered(&bank, &retired, &[]);
    let other = Check::new(bank, retired, answers);

    for (check, unasked) in [(&check, false), (&other, true)] {
        let rows = lists(&check.results(), &plan, Locale::Zh);
        let by_id = |id: &str| rows.iter().find(|r| r.id == id).unwrap();
        let typed = by_id("q:c-org_life-02");
        assert_eq!(typed.measure, "每季度第一周召开党员大会");
        assert_eq!(typed.problem, "党员大会不足");
        assert_eq!(typed.owner, "李四");
        assert_eq!(by_id("q:c-org_life-11").owner, "待定");
        assert_eq!(by_id("q:c-org_life-11").status_text, "进行中");
        let closed = by_id("q:c-political-05");
        assert_eq!(closed.status_text, "已销号");
        assert_eq!(closed.closed_on.as_deref(), Some("2026-03-01"));
        let own = by_id(&custom);
        assert_eq!(own.kind_text, "自行列入");
        assert_eq!(own.problem, "活动场所不固定");
        assert_eq!(
            (own.answer.as_deref(), own.dimension.as_deref()),
            (None, None)
        );
        assert_eq!((own.measure.as_str(), own.standing.as_str()), ("", "—"));
        assert_eq!(own.deadline, "2026-07-31");
        assert_eq!(own.evidence, None);
        let red = by_id("q:c-org_life-01");
        if unasked {
            assert_eq!(red.answer.as_deref(), Some("本次未问"));
            assert!(!red.red_line);
            // Still listed as a red line: the bank's red-line action stays with it.
            assert!(red.red_line_action.is_some());
        } else {
            assert_eq!(red.answer.as_deref(), Some("是"));
        }
    }
}

#[test]
fn an_unanswered_question_says_so() {
    let check = organ_check();
    let plan = build_plan(&check.results(), date("2026-01-31"));
    let mut answers = check.answers.clone();
    answers.remove("c-political-04");
    let now = Check::new(check.bank, check.selection, answers);
    let rows = lists(&now.results(), &plan, Locale::Zh);
    assert_eq!(rows[4].id, "q:c-political-04");
    assert_eq!(rows[4].answer.as_deref(), Some("未作答"));
}

/// The organ self-check with `added` more questions like c-political-04 (x-000, x-001, ...),
/// the first `answered_no` of them answered "no": each of those a problem behind the
/// political gap.
fn many_gap_questions(added: usize, answered_no: usize) -> Check {
    let mut bank = bank();
    let template = bank
        .questions
        .iter()
        .find(|q| q.id == "c-political-04")
        .unwrap()
        .clone();
    for n in 0..added {
        let mut q = template.clone();
        q.id = format!("x-{n:03}");
        bank.questions.push(q);
    }
    let selection = Selection::new("organ");
    let mut answers = answered(&bank, &selection, &[]);
    for n in 0..answered_no {
        answers.insert(format!("x-{n:03}"), branch_self_check::assess::Answer::No);
    }
    Check::new(bank, selection, answers)
}

/// A bank where every one of many questions is behind a gap gives at most MAX_ITEMS items.
#[test]
fn a_plan_stops_at_its_item_limit() {
    let check = many_gap_questions(MAX_ITEMS + 20, MAX_ITEMS + 20);
    let plan = build_plan(&check.results(), date("2026-01-31"));
    assert_eq!(plan.items.len(), MAX_ITEMS);
    assert_eq!(plan.check("$.plan"), Ok(()));
}

/// A plan refilled after items were dropped takes the most severe problems it lacks, up to
/// its limit, even when what it kept lies deep in the list of problems.
#[test]
fn a_refilled_plan_takes_the_most_severe_problems_it_lacks() {
    let check = many_gap_questions(MAX_ITEMS + 20, MAX_ITEMS + 20);
    let today = date("2026-01-31");
    let full = build_plan(&check.results(), today);
    assert_eq!(full.items.len(), MAX_ITEMS);

    let ids = |plan: &Plan| {
        plan.items
            .iter()
            .map(|i| i.id.clone())
            .collect::<std::collections::BTreeSet<String>>()
    };
    // Kept: the least severe 50, or the most severe 50.
    for dropped in [0..150, 50..MAX_ITEMS] {
        let mut kept = full.clone();
        kept.items.drain(dropped);
        let added = kept.add_missing(&check.results(), today);
        assert_eq!(added, 150);
        assert_eq!(ids(&kept), ids(&full));
    }
}

/// The widget finds questions through the bank's index (a plan of 200 items on a
/// 2,000-question bank would scan the bank thousands of times per answer): same plan, same
/// lists, same offers to close as a scan of the bank.
#[test]
fn results_read_through_the_index_give_the_same_plan_and_lists() {
    let check = many_gap_questions(60, 40);
    let index = QuestionIndex::new(&check.bank);
    let scanned = check.results();
    let indexed = check.results().indexed(&index);
    let today = date("2026-03-31");

    let plan = build_plan(&scanned, today);
    assert!(plan.items.len() >= 40, "{} items", plan.items.len());
    assert_eq!(build_plan(&indexed, today), plan);
    assert_eq!(
        lists(&indexed, &plan, Locale::Zh),
        lists(&scanned, &plan, Locale::Zh)
    );

    // Answered well now, the first ten typed-in x questions are offered for closing.
    let mut better = check.answers.clone();
    for n in 0..10 {
        better.insert(format!("x-{n:03}"), branch_self_check::assess::Answer::Yes);
    }
    let now = Check::new(check.bank.clone(), check.selection.clone(), better);
    let index = QuestionIndex::new(&now.bank);
    let offered = offer_closing(&now.results(), &plan);
    assert_eq!(offered.len(), 10, "{offered:?}");
    assert_eq!(
        offer_closing(&now.results().indexed(&index), &plan),
        offered
    );
}
