//! The branch's edits: adding, removing, reordering, status, owner, deadline, texts, and
//! adding what the results raise anew, each checked, none leaving a plan a file would refuse.

use branch_self_check::assess::Answer;
use branch_self_check::bank::Locale;
use branch_self_check::plan::{
    build_plan, fit_text, ItemKind, Owner, Plan, PlanError, Status, MAX_ITEMS, MAX_NAME_CHARS,
    MAX_TEXT_CHARS,
};

mod plan_common;
use plan_common::{date, organ_check, Check};

fn ids(plan: &Plan) -> Vec<&str> {
    plan.items.iter().map(|i| i.id.as_str()).collect()
}

fn organ_plan() -> Plan {
    build_plan(&organ_check().results(), date("2026-01-31"))
}

#[test]
fn typed_in_items_get_fresh_ids_defaults_and_a_checked_problem() {
    let today = date("2026-01-31");
    let mut plan = Plan::new(today);
    assert_eq!(
        plan.add_custom("  党员活动室不固定 ", today),
        Ok("c:1".into())
    );
    assert_eq!(plan.add_custom("台账不全", today), Ok("c:2".into()));
    let item = plan.item("c:1").unwrap();
    assert_eq!(item.kind, ItemKind::Custom);
    assert_eq!(item.problem.as_deref(), Some("党员活动室不固定"));
    assert_eq!(item.owner, Owner::Unassigned);
    assert_eq!(item.deadline, "2026-07-31");
    assert_eq!(item.status, Status::NotStarted);
    assert_eq!(item.question, None);

    // An id is never given twice, even after the highest is removed.
    plan.remove("c:1").unwrap();
    assert_eq!(plan.add_custom("三", today), Ok("c:3".into()));
    plan.remove("c:3").unwrap();
    assert_eq!(plan.add_custom("四", today), Ok("c:3".into()));
    assert_eq!(ids(&plan), ["c:2", "c:3"]);

    assert_eq!(plan.add_custom("   ", today), Err(PlanError::EmptyText));
    let long: String = "长".repeat(MAX_TEXT_CHARS + 30);
    let id = plan.add_custom(&long, today).unwrap();
    let kept = plan.item(&id).unwrap().problem.as_deref().unwrap();
    assert_eq!(kept.chars().count(), MAX_TEXT_CHARS);
    assert_eq!(plan.check("$.plan"), Ok(()));
}

#[test]
fn a_plan_holds_at_most_its_limit() {
    let today = date("2026-01-31");
    let mut plan = Plan::new(today);
    for n in 0..MAX_ITEMS {
        plan.add_custom(&format!("问题 {n}"), today).unwrap();
    }
    assert_eq!(
        plan.add_custom("再一项", today),
        Err(PlanError::TooManyItems { max: MAX_ITEMS })
    );
    assert_eq!(plan.items.len(), MAX_ITEMS);
}

#[test]
fn items_are_removed_and_reordered_by_id() {
    let mut plan = organ_plan();
    let before: Vec<String> = ids(&plan).iter().map(|s| s.to_string()).collect();
    assert_eq!(before.len(), 6);

    plan.move_up("q:c-org_life-02").unwrap();
    assert_eq!(ids(&plan)[2..4], ["q:c-org_life-02", "q:c-org_life-11"]);
    plan.move_up("q:c-org_life-01").unwrap(); // already first
    assert_eq!(ids(&plan)[0], "q:c-org_life-01");
    plan.move_down("q:c-political-05").unwrap(); // already last
    assert_eq!(ids(&plan)[5], "q:c-political-05");
    plan.move_down("q:c-org_life-01").unwrap();
    assert_eq!(ids(&plan)[..2], ["q:c-discipline-06", "q:c-org_life-01"]);
    plan.move_to("q:c-political-05", 0).unwrap();
    plan.move_to("q:c-discipline-06", 99).unwrap();
    assert_eq!(
        ids(&plan),
        [
            "q:c-political-05",
            "q:c-org_life-01",
            "q:c-org_life-02",
            "q:c-org_life-11",
            "q:c-political-04",
            "q:c-discipline-06",
        ]
    );

    let removed = plan.remove("q:c-org_life-02").unwrap();
    assert_eq!(removed.id, "q:c-org_life-02");
    assert_eq!(plan.items.len(), 5);
    let missing = PlanError::NoSuchItem {
        id: "q:c-org_life-02".into(),
    };
    assert_eq!(plan.remove("q:c-org_life-02").unwrap_err(), missing);
    assert_eq!(plan.move_up("q:c-org_life-02"), Err(missing.clone()));
    assert_eq!(plan.move_to("q:c-org_life-02", 0), Err(missing.clone()));
    assert_eq!(
        plan.set_status("q:c-org_life-02", Status::Closed, date("2026-02-01")),
        Err(missing)
    );
}

#[test]
fn closing_records_the_day_and_reopening_clears_it() {
    let mut plan = organ_plan();
    let id = "q:c-org_life-11";
    plan.set_status(id, Status::InProgress, date("2026-02-01"))
        .unwrap();
    assert_eq!(plan.item(id).unwrap().closed_on, None);
    plan.set_status(id, Status::Closed, date("2026-03-10"))
        .unwrap();
    assert_eq!(
        plan.item(id).unwrap().closed_on.as_deref(),
        Some("2026-03-10")
    );
    // Closed again later: it keeps the day it was closed.
    plan.set_status(id, Status::Closed, date("2026-04-01"))
        .unwrap();
    assert_eq!(
        plan.item(id).unwrap().closed_on.as_deref(),
        Some("2026-03-10")
    );
    assert_eq!((plan.closed_count(), plan.open_count()), (1, 5));
    assert_eq!(plan.check("$.plan"), Ok(()));
    plan.set_status(id, Status::NotStarted, date("2026-04-02"))
        .unwrap();
    let item = plan.item(id).unwrap();
    assert_eq!((item.status, &item.closed_on), (Status::NotStarted, &None));
    assert_eq!(plan.check("$.plan"), Ok(()));
}

#[test]
fn deadlines_are_dates_as_typed_and_anything_else_is_refused_clearly() {
    let mut plan = organ_plan();
    let id = "q:c-political-04";
    for (typed, kept) in [
        ("2026-09-30", "2026-09-30"),
        ("2026-9-1", "2026-09-01"),
        ("2026/10/8", "2026-10-08"),
        ("2026年11月5日", "2026-11-05"),
        ("2028-02-29", "2028-02-29"),
    ] {
        plan.set_deadline(id, typed).unwrap();
        assert_eq!(plan.item(id).unwrap().deadline, kept, "{typed}");
    }
    for typed in [
        "2026-02-30",
        "2027-02-29",
        "下月底",
        "",
        "30/09/2026",
        "2026-13-01",
    ] {
        let e = plan.set_deadline(id, typed).unwrap_err();
        assert_eq!(
            e,
            PlanError::NotADate {
                text: typed.to_string()
            }
        );
        assert_eq!(plan.item(id).unwrap().deadline, "2028-02-29", "unchanged");
    }
    let e = plan.set_deadline(id, "2026-02-30").unwrap_err();
    assert_eq!(
        e.message(Locale::Zh),
        "“2026-02-30”不是有效的日期，请按“年-月-日”填写，例如 2026-03-31。"
    );
    assert_eq!(
        e.message(Locale::En),
        "“2026-02-30” is not a valid date; please write year-month-day, e.g. 2026-03-31."
    );
}

#[test]
fn owners_are_roles_names_or_nobody() {
    let mut plan = organ_plan();
    let id = "q:c-org_life-02";
    plan.set_owner(id, Owner::Role("discipline_member".into()))
        .unwrap();
    assert_eq!(
        plan.item(id).unwrap().owner,
        Owner::Role("discipline_member".into())
    );
    plan.set_owner(id, Owner::Named("  王五（办公室） ".into()))
        .unwrap();
    assert_eq!(
        plan.item(id).unwrap().owner,
        Owner::Named("王五（办公室）".into())
    );
    plan.set_owner(id, Owner::Named("   ".into())).unwrap();
    assert_eq!(plan.item(id).unwrap().owner, Owner::Unassigned);
    plan.set_owner(id, Owner::Named("名".repeat(MAX_NAME_CHARS + 5)))
        .unwrap();
    assert_eq!(
        plan.item(id).unwrap().owner,
        Owner::Named("名".repeat(MAX_NAME_CHARS))
    );
    assert_eq!(plan.check("$.plan"), Ok(()));
}

#[test]
fn problems_and_measures_fall_back_to_the_bank_when_emptied() {
    let mut plan = organ_plan();
    let id = "q:c-org_life-02";
    plan.set_measure(id, " 每季度第一周召开 ").unwrap();
    plan.set_problem(id, "党员大会次数不足").unwrap();
    let item = plan.item(id).unwrap();
    assert_eq!(item.measure.as_deref(), Some("每季度第一周召开"));
    assert_eq!(item.problem.as_deref(), Some("党员大会次数不足"));
    plan.set_measure(id, "").unwrap();
    plan.set_problem(id, "  ").unwrap();
    let item = plan.item(id).unwrap();
    assert_eq!((&item.measure, &item.problem), (&None, &None));

    // A typed-in item has no bank text to fall back to.
    let custom = plan.add_custom("场所", date("2026-01-31")).unwrap();
    assert_eq!(plan.set_problem(&custom, ""), Err(PlanError::EmptyText));
    assert_eq!(plan.item(&custom).unwrap().problem.as_deref(), Some("场所"));
    assert_eq!(
        fit_text(&"字".repeat(MAX_TEXT_CHARS + 1), MAX_TEXT_CHARS)
            .unwrap()
            .chars()
            .count(),
        MAX_TEXT_CHARS
    );
    assert_eq!(fit_text(" a ", 1).as_deref(), Some("a"));
}

#[test]
fn only_typed_in_items_take_a_dimension_and_only_the_banks() {
    let check = organ_check();
    let mut plan = build_plan(&check.results(), date("2026-01-31"));
    let custom = plan.add_custom("场所", date("2026-01-31")).unwrap();
    plan.set_dimension(&check.bank, &custom, Some("resources"))
        .unwrap();
    assert_eq!(
        plan.item(&custom).unwrap().dimension.as_deref(),
        Some("resources")
    );
    assert_eq!(
        plan.set_dimension(&check.bank, &custom, Some("nowhere")),
        Err(PlanError::UnknownDimension {
            id: "nowhere".into()
        })
    );
    assert_eq!(
        plan.set_dimension(&check.bank, "q:c-org_life-02", Some("resources")),
        Err(PlanError::NotCustom {
            id: "q:c-org_life-02".into()
        })
    );
    plan.set_dimension(&check.bank, &custom, None).unwrap();
    assert_eq!(plan.item(&custom).unwrap().dimension, None);
    assert_eq!(plan.check_bank(&check.bank, "$.plan"), Ok(()));
}

/// After the branch edited its plan and answered again, `add_missing` adds only what is new:
/// a new red line after the red lines, a new gap question at the end; edits stay.
#[test]
fn adding_what_is_missing_keeps_the_branchs_edits() {
    let check = organ_check();
    let today = date("2026-01-31");
    let mut plan = build_plan(&check.results(), today);
    plan.set_measure("q:c-org_life-11", "分开召开").unwrap();
    plan.move_to("q:c-political-05", 2).unwrap();
    plan.remove("q:c-political-04").unwrap();
    let custom = plan.add_custom("场所", today).unwrap();
    assert_eq!(
        plan.add_missing(&check.results(), today),
        1,
        "the removed one is back"
    );
    assert_eq!(ids(&plan).last(), Some(&"q:c-political-04"));
    plan.remove("q:c-political-04").unwrap();

    // Answered again: a secrecy breach (a red line) and weak org-life records (resources).
    let mut answers = check.answers.clone();
    answers.insert("c-resources-09".into(), Answer::Yes);
    answers.insert("c-resources-04".into(), Answer::Level(0));
    answers.insert("c-resources-03".into(), Answer::Level(0));
    let later = Check::new(check.bank.clone(), check.selection.clone(), answers);
    let resources = later
        .assessment
        .gaps
        .iter()
        .find(|g| g.dimension == "resources");
    assert!(resources.is_some(), "resources is a gap now");
    let edited = plan.clone();
    let added = plan.add_missing(&later.results(), date("2026-03-01"));
    // resources = 100 × (11 − 3 × 1.5) / 11 = 59.1 < 80, severity 0.05 × 20.9 = 1.05: the
    // second gap, between org_life (2.28) and political (0.45). Its questions are the red
    // line (listed once, as a red line), c-resources-03 and c-resources-04.
    assert_eq!(
        added, 4,
        "the red line, two resources questions, political-04 again"
    );
    assert_eq!(
        ids(&plan)[..3],
        ["q:c-org_life-01", "q:c-discipline-06", "q:c-resources-09"]
    );
    let new = plan.item("q:c-resources-09").unwrap();
    assert_eq!(
        (new.kind, new.deadline.as_str()),
        (ItemKind::RedLine, "2026-04-01")
    );
    assert_eq!(new.owner, Owner::Role("secretary".into()));
    // Everything that was there is there as it was, in its order.
    let kept: Vec<_> = plan
        .items
        .iter()
        .filter(|i| edited.item(&i.id).is_some())
        .cloned()
        .collect();
    assert_eq!(kept, edited.items);
    assert_eq!(
        plan.item("q:c-org_life-11").unwrap().measure.as_deref(),
        Some("分开召开")
    );
    assert!(plan.item(&custom).is_some());
    assert_eq!(
        ids(&plan)[edited.items.len() + 1..],
        ["q:c-resources-03", "q:c-resources-04", "q:c-political-04"]
    );
    let deadline = |id: &str| plan.item(id).unwrap().deadline.clone();
    assert_eq!(
        deadline("q:c-resources-03"),
        "2026-09-01",
        "second gap: six months"
    );
    assert_eq!(deadline("q:c-political-04"), "2026-09-01");
    assert_eq!(plan.add_missing(&later.results(), date("2026-03-01")), 0);
    assert_eq!(plan.check("$.plan"), Ok(()));
}

#[test]
fn every_problem_has_words_in_both_languages() {
    let all = [
        PlanError::NoSuchItem { id: "c:9".into() },
        PlanError::EmptyText,
        PlanError::TooLong { max: 500 },
        PlanError::NotADate { text: "x".into() },
        PlanError::NotCustom { id: "q:a".into() },
        PlanError::TooManyItems { max: 200 },
        PlanError::DuplicateId { id: "c:1".into() },
        PlanError::BadId { id: "z".into() },
        PlanError::ClosedOnMismatch,
        PlanError::UnknownQuestion { id: "q".into() },
        PlanError::UnknownRole { id: "r".into() },
        PlanError::UnknownDimension { id: "d".into() },
    ];
    for e in &all {
        let (zh, en) = (e.message(Locale::Zh), e.message(Locale::En));
        assert!(
            zh.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)),
            "{zh}"
        );
        assert!(en.is_ascii() || en.contains('“'), "{en}");
        assert!(!e.to_string().is_empty());
    }
}
