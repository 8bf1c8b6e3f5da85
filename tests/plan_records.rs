//! The plan in the export file (record format 2) and in the saved state: round trips, old
//! files, newer files, damaged plans located, the checksum covering the plan.

use branch_self_check::bank::{load_bank, Locale};
use branch_self_check::plan::{build_plan, Owner, Plan, PlanError, Status};
use branch_self_check::record::{
    export_record, export_record_with_plan, import_record, read_baseline, read_baseline_value,
    restore_state, save_state, save_state_with_plans, BankRef, ImportError, Record, SavedPlans,
    SavedProblem, SavedState, RECORD_VERSION, SAVED_VERSION,
};
use serde_json::{json, Value};

mod plan_common;
use plan_common::{date, organ_check, Check};

/// The hand-checked organ self-check's plan, edited as a branch would.
fn edited_plan(check: &Check) -> Plan {
    let today = date("2026-01-31");
    let mut plan = build_plan(&check.results(), today);
    plan.set_measure("q:c-org_life-11", "组织生活与业务会分开召开")
        .unwrap();
    plan.set_owner("q:c-org_life-02", Owner::Named("张三".into()))
        .unwrap();
    plan.set_status("q:c-org_life-01", Status::Closed, date("2026-02-10"))
        .unwrap();
    plan.set_status("q:c-political-04", Status::InProgress, today)
        .unwrap();
    plan.add_custom("党员活动室不固定", today).unwrap();
    plan.move_to("c:1", 2).unwrap();
    plan
}

fn export(check: &Check, plan: Option<&Plan>) -> String {
    export_record_with_plan(
        &check.bank,
        &check.selection,
        &check.answers,
        Some("第一党支部"),
        "2026-01-31",
        plan,
    )
}

fn value(text: &str) -> Value {
    serde_json::from_str(text).expect("JSON")
}

/// The file with its checksum redone after an edit: what a careful forger (or a bug) writes.
fn resealed(value: &Value) -> String {
    let mut record: Record = serde_json::from_value(value.clone()).expect("a record");
    record.checksum = String::new();
    record.checksum = record.expected_checksum();
    record.to_json()
}

// ---------------------------------------------------------------- record file

#[test]
fn a_plan_goes_out_in_the_file_and_comes_back_exactly() {
    let check = organ_check();
    let plan = edited_plan(&check);
    let text = export(&check, Some(&plan));
    let file = value(&text);
    assert_eq!(file["format_version"], 2);
    assert_eq!(RECORD_VERSION, 2);
    // The shape written, item by item (what a reader of the file sees).
    assert_eq!(file["plan"]["made"], "2026-01-31");
    assert_eq!(
        file["plan"]["items"][0],
        json!({
            "id": "q:c-org_life-01", "kind": "red_line", "question": "c-org_life-01",
            "dimension": "org_life", "owner": {"role": "secretary"}, "deadline": "2026-02-28",
            "status": "closed", "closed_on": "2026-02-10"
        })
    );
    assert_eq!(
        file["plan"]["items"][2],
        json!({
            "id": "c:1", "kind": "custom", "problem": "党员活动室不固定",
            "owner": "unassigned", "deadline": "2026-07-31", "status": "not_started"
        })
    );
    assert_eq!(file["plan"]["items"][4]["owner"], json!({"named": "张三"}));
    assert_eq!(
        file["plan"]["items"][3]["measure"],
        "组织生活与业务会分开召开"
    );

    let record = import_record(&check.bank, &text).expect("imports");
    assert_eq!(record.plan.as_ref(), Some(&plan));
    assert_eq!(record.answers, check.answers);
    // Written again, the same bytes.
    assert_eq!(record.to_json(), text);
    // A baseline (compare, committee) reads it too.
    assert_eq!(
        read_baseline(&check.bank, &text).unwrap().plan,
        Some(plan.clone())
    );
    assert_eq!(
        read_baseline_value(&check.bank, &file).unwrap().plan,
        Some(plan)
    );
}

#[test]
fn without_a_plan_the_file_is_the_version_1_file_but_for_its_version() {
    let check = organ_check();
    let args = (&check.bank, &check.selection, &check.answers);
    let plain = export_record(args.0, args.1, args.2, Some("第一党支部"), "2026-01-31");
    assert_eq!(plain, export(&check, None));
    let file = value(&plain);
    assert!(file.get("plan").is_none(), "no plan field");
    assert_eq!(import_record(&check.bank, &plain).unwrap().plan, None);

    // The same record as version 1, sealed as version 1 was (the plan-less JSON is what
    // version 1 wrote): it imports, and its checksum is what the old build computed.
    let mut v1: Record = serde_json::from_value(file).unwrap();
    v1.format_version = 1;
    let v1 = v1.with_plan(None);
    let text = v1.to_json();
    let back = import_record(&check.bank, &text).expect("a version 1 file imports");
    assert_eq!(back, v1);
}

/// A file written by the build before plans (bank 2026.1, format 1, as released): it still
/// imports against that bank, and still loads as a baseline against the current one.
#[test]
fn a_real_version_1_export_still_imports() {
    let old_bank =
        load_bank(&std::fs::read_to_string("tests/fixtures/bank-2026.1/bank.json").unwrap())
            .unwrap();
    let text = std::fs::read_to_string("tests/fixtures/bank-2026.1/organ.json").unwrap();
    assert_eq!(value(&text)["format_version"], 1);
    let record = import_record(&old_bank, &text).expect("imports as before");
    assert_eq!(record.plan, None);
    assert_eq!(record.format_version, 1);
    let check = organ_check();
    assert!(read_baseline(&check.bank, &text).is_ok());

    // A version 1 file knew no plan: a `plan` field in one is skipped as unknown fields
    // always were, whatever it holds, and is not part of its checksum.
    let mut file = value(&text);
    file["plan"] = json!({"made": "never", "items": 7});
    let record = import_record(&old_bank, &file.to_string()).expect("still imports");
    assert_eq!(record.plan, None);
}

#[test]
fn a_newer_format_is_refused() {
    let check = organ_check();
    let mut file = value(&export(&check, Some(&edited_plan(&check))));
    file["format_version"] = json!(3);
    let e = import_record(&check.bank, &file.to_string()).unwrap_err();
    assert_eq!(
        e,
        ImportError::NewerFormat {
            found: 3,
            supported: 2
        }
    );
    assert!(e.message(Locale::Zh).contains("版本 2 及以前"));
}

#[test]
fn the_checksum_covers_the_plan() {
    let check = organ_check();
    let plan = edited_plan(&check);
    let text = export(&check, Some(&plan));
    let with = value(&text)["checksum"].clone();
    let without = value(&export(&check, None))["checksum"].clone();
    assert_ne!(with, without);

    // Any change to the plan, however small, is caught.
    for edit in [
        |f: &mut Value| f["plan"]["items"][3]["measure"] = json!("组织生活与业务会分开开"),
        |f: &mut Value| f["plan"]["items"][0]["closed_on"] = json!("2026-02-11"),
        |f: &mut Value| f["plan"]["made"] = json!("2026-01-30"),
        |f: &mut Value| {
            let items = f["plan"]["items"].as_array_mut().unwrap();
            items.swap(0, 1);
        },
        |f: &mut Value| {
            f.as_object_mut().unwrap().remove("plan");
        },
    ] {
        let mut file = value(&text);
        edit(&mut file);
        let e = import_record(&check.bank, &file.to_string()).unwrap_err();
        assert!(matches!(e, ImportError::Tampered { .. }), "{e:?}");
    }
    // And a plan added to a plan-less file.
    let mut file = value(&export(&check, None));
    file["plan"] = serde_json::to_value(&plan).unwrap();
    let e = import_record(&check.bank, &file.to_string()).unwrap_err();
    assert!(matches!(e, ImportError::Tampered { .. }), "{e:?}");
}

/// An edit of a file, where its problem is, and what it is (`None`: a wrong shape, which the
/// reader names).
type Damage = (fn(&mut Value), &'static str, Option<PlanError>);

/// A damaged plan is named at its exact place, sealed or not, in the widget's words.
#[test]
fn a_damaged_plan_is_located() {
    let check = organ_check();
    let text = export(&check, Some(&edited_plan(&check)));
    let cases: [Damage; 8] = [
        (
            |f| f["plan"]["items"][3]["deadline"] = json!("2026-02-30"),
            "$.plan.items[3].deadline",
            Some(PlanError::NotADate {
                text: "2026-02-30".into(),
            }),
        ),
        (
            |f| f["plan"]["items"][1]["id"] = json!("q:c-org_life-01"),
            "$.plan.items[1].id",
            Some(PlanError::DuplicateId {
                id: "q:c-org_life-01".into(),
            }),
        ),
        (
            |f| f["plan"]["items"][1]["id"] = json!("q:c-org_life-99"),
            "$.plan.items[1].id",
            Some(PlanError::BadId {
                id: "q:c-org_life-99".into(),
            }),
        ),
        (
            |f| f["plan"]["items"][0]["closed_on"] = Value::Null,
            "$.plan.items[0].closed_on",
            Some(PlanError::ClosedOnMismatch),
        ),
        (
            |f| f["plan"]["items"][2]["problem"] = json!("  "),
            "$.plan.items[2].problem",
            Some(PlanError::EmptyText),
        ),
        (
            |f| f["plan"]["items"][1]["owner"] = json!({"role": "chairman"}),
            "$.plan.items[1].owner",
            Some(PlanError::UnknownRole {
                id: "chairman".into(),
            }),
        ),
        // Wrong shapes: located by the reader.
        (
            |f| f["plan"]["items"][5]["status"] = json!("done"),
            "$.plan.items[5].status",
            None,
        ),
        (
            |f| f["plan"]["items"] = json!({"0": {}}),
            "$.plan.items",
            None,
        ),
    ];
    for (edit, path, why) in cases {
        let mut file = value(&text);
        edit(&mut file);
        // A wrong shape cannot be resealed (it is not a record), nor does it need to be: the
        // shape is read before the checksum.
        let texts = match why {
            Some(_) => vec![file.to_string(), resealed(&file)],
            None => vec![file.to_string()],
        };
        for text in texts {
            let e = import_record(&check.bank, &text).unwrap_err();
            match (&e, &why) {
                (ImportError::PlanInvalid { path: at, why: got }, Some(want)) => {
                    assert_eq!((at.as_str(), got), (path, want));
                }
                (ImportError::Malformed { path: at, .. }, None) => assert_eq!(at, path),
                (ImportError::Tampered { .. }, Some(PlanError::UnknownRole { .. })) => {
                    // Unsealed: the shape is fine, so the checksum speaks first.
                }
                _ => panic!("{path}: {e:?}"),
            }
        }
    }
    let mut file = value(&text);
    file["plan"]["items"][3]["deadline"] = json!("2026-02-30");
    let e = import_record(&check.bank, &resealed(&file)).unwrap_err();
    let zh = e.message(Locale::Zh);
    assert!(
        zh.contains("整改台账") && zh.contains("$.plan.items[3].deadline"),
        "{zh}"
    );
    assert!(zh.contains("“2026-02-30”不是有效的日期"), "{zh}");
    let en = e.message(Locale::En);
    assert!(en.contains("rectification plan") && en.contains("$.plan.items[3].deadline"));
    assert_eq!(
        e.to_string(),
        "$.plan.items[3].deadline: `2026-02-30` is not a valid date (year-month-day, e.g. 2026-03-31)"
    );
}

#[test]
fn with_plan_reseals_the_record() {
    let check = organ_check();
    let plan = edited_plan(&check);
    let bare = Record::new(
        &check.bank,
        &check.selection,
        &check.answers,
        None,
        "2026-01-31",
    );
    let planned = bare.clone().with_plan(Some(plan.clone()));
    assert_eq!(planned.checksum, planned.expected_checksum());
    assert_ne!(planned.checksum, bare.checksum);
    assert_eq!(planned.plan, Some(plan));
    assert_eq!(planned.with_plan(None), bare);
}

// ---------------------------------------------------------------- saved state

fn state(check: &Check) -> SavedState {
    SavedState {
        format_version: SAVED_VERSION,
        bank: BankRef::of(&check.bank),
        selection: Some(check.selection.clone()),
        answers: check.answers.clone(),
        screen: Some("plan".into()),
        unit_name: None,
        locale: None,
        updated: Some("2026-02-01T10:00:00".into()),
    }
}

#[test]
fn the_saved_state_keeps_the_plan_and_the_previous_plan() {
    let check = organ_check();
    let plan = edited_plan(&check);
    let mut previous = build_plan(&check.results(), date("2025-01-15"));
    previous
        .set_status("q:c-political-05", Status::Closed, date("2025-06-01"))
        .unwrap();
    let plans = SavedPlans {
        plan: Some(plan),
        previous_plan: Some(previous),
    };
    let text = save_state_with_plans(&state(&check), &plans);
    let restored = restore_state(&check.bank, &text);
    assert_eq!(restored.problems, []);
    assert_eq!(restored.state, state(&check));
    assert_eq!(restored.plans, plans);

    // Without plans: the value is what `save_state` writes, and nothing comes back.
    let none = save_state_with_plans(&state(&check), &SavedPlans::default());
    assert_eq!(none, save_state(&state(&check)));
    let restored = restore_state(&check.bank, &none);
    assert_eq!(
        (restored.plans, restored.problems),
        (SavedPlans::default(), vec![])
    );
}

#[test]
fn a_damaged_saved_plan_is_dropped_with_a_message_and_the_answers_stay() {
    let check = organ_check();
    let plans = SavedPlans {
        plan: Some(edited_plan(&check)),
        previous_plan: Some(build_plan(&check.results(), date("2025-01-15"))),
    };
    let mut saved = value(&save_state_with_plans(&state(&check), &plans));
    saved["plan"]["items"][4]["deadline"] = json!("soon");
    let restored = restore_state(&check.bank, &saved.to_string());
    assert_eq!(restored.state.answers, check.answers);
    assert_eq!(restored.state, state(&check));
    assert_eq!(restored.plans.plan, None);
    assert_eq!(restored.plans.previous_plan, plans.previous_plan);
    assert_eq!(restored.problems.len(), 1);
    let problem = &restored.problems[0];
    assert!(
        matches!(problem, SavedProblem::PlanUnreadable { previous: false, path, .. }
            if path == "$.plan.items[4].deadline"),
        "{problem:?}"
    );
    assert!(problem.message(Locale::Zh).contains("整改台账已损坏"));
    assert!(problem.message(Locale::Zh).contains("答案不受影响"));
    assert!(problem
        .message(Locale::En)
        .contains("answers are not affected"));

    // The previous plan is not even an object; the current one has a wrong shape.
    saved["previous_plan"] = json!(12);
    saved["plan"] = json!({"made": "2026-01-31", "items": [{"id": "c:1"}]});
    let restored = restore_state(&check.bank, &saved.to_string());
    assert_eq!(restored.state.answers, check.answers);
    assert_eq!(restored.plans, SavedPlans::default());
    let paths: Vec<(bool, &str)> = restored
        .problems
        .iter()
        .map(|p| match p {
            SavedProblem::PlanUnreadable { previous, path, .. } => (*previous, path.as_str()),
            other => panic!("{other:?}"),
        })
        .collect();
    assert_eq!(
        paths,
        [(false, "$.plan.items[0]"), (true, "$.previous_plan")]
    );
    let previous = &restored.problems[1];
    assert!(previous
        .message(Locale::Zh)
        .contains("上一次自查的整改台账"));
    assert_ne!(
        previous.message(Locale::Zh),
        restored.problems[0].message(Locale::Zh)
    );
}

/// Saved with an earlier bank version whose roles or questions are gone: the plan is fitted
/// to the bank (a gone role leaves the item unassigned), not dropped.
#[test]
fn a_saved_plan_is_fitted_to_an_updated_bank() {
    let check = organ_check();
    let mut plan = edited_plan(&check);
    plan.set_owner("q:c-political-05", Owner::Role("chairman".into()))
        .unwrap();
    let mut old_state = state(&check);
    old_state.bank.version = "2026.1".into();
    let text = save_state_with_plans(
        &old_state,
        &SavedPlans {
            plan: Some(plan),
            previous_plan: None,
        },
    );
    let restored = restore_state(&check.bank, &text);
    assert!(matches!(
        restored.problems.as_slice(),
        [SavedProblem::BankVersionChanged { .. }]
    ));
    let plan = restored.plans.plan.unwrap();
    assert_eq!(
        plan.item("q:c-political-05").unwrap().owner,
        Owner::Unassigned
    );
    assert_eq!(plan.check_bank(&check.bank, "$.plan"), Ok(()));
}

/// The committee reads an export with a plan like any other, and keeps it through its
/// workbench file.
#[test]
fn the_committee_reads_records_with_plans_and_keeps_them() {
    use branch_self_check::committee::{save_workbench, Input, Roster};
    let check = organ_check();
    let plan = edited_plan(&check);
    let text = export(&check, Some(&plan));
    let file = |name: &str, text: &str| Input::File {
        name: name.into(),
        text: text.into(),
    };
    let roster = Roster::read(&check.bank, [file("a.json", &text)]);
    assert_eq!(roster.issues, []);
    assert_eq!(roster.members.len(), 1);
    assert_eq!(roster.members[0].record.plan.as_ref(), Some(&plan));

    let workbench = save_workbench(&check.bank, &roster);
    let reopened = Roster::read(&check.bank, [file("workbench.json", &workbench)]);
    assert_eq!(reopened.issues, []);
    assert_eq!(reopened.members[0].record.plan, Some(plan));
}
