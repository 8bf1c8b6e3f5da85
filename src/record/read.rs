//! A record's parts read from JSON with the readers of `json::read`: like serde's derived
//! readers, fields are read in the map's order, the first problem is reported at its path,
//! and fields this version does not know are skipped (`open`), so a newer widget's additions
//! do not make a record unreadable. The saved state (saved.rs) reads its parts with these too.

use serde_json::Value;

use crate::assess::{Answer, Completeness, Selection};
use crate::json::{read_variant, reader, FromValue, Problem, AN_OBJECT};

use super::export::{BankRef, Record, RecordedDimension, RecordedResults};

reader! {
    RECORD: Record, AN_OBJECT, open {
        format: required,
        format_version: required,
        bank: required,
        created: required,
        unit_name: optional,
        selection: required,
        answers: required,
        results: required,
        plan: optional,
        checksum: required,
    }
}

reader! {
    BANK_REF: BankRef, AN_OBJECT, open {
        id: required,
        version: required,
    }
}

reader! {
    SELECTION: Selection, AN_OBJECT, open {
        category: required,
        modifiers: default,
        role: optional,
    }
}

reader! {
    RESULTS: RecordedResults, AN_OBJECT, open {
        overall: optional,
        band: optional,
        coverage: required,
        completeness: required,
        dimensions: required,
        red_lines: required,
    }
}

reader! {
    DIMENSION: RecordedDimension, AN_OBJECT, open {
        id: required,
        score: optional,
        target: required,
    }
}

impl FromValue for Completeness {
    fn read(value: &Value, path: &str, errors: &mut Vec<Problem>) -> Option<Completeness> {
        const ALL: [Completeness; 3] = [
            Completeness::Complete,
            Completeness::Partial,
            Completeness::Insufficient,
        ];
        let names = &["complete", "partial", "insufficient"];
        let what = "one of `complete`, `partial`, `insufficient`";
        let variant = read_variant(value, path, names, what, errors)?;
        variant.unit(errors)?;
        ALL.get(variant.index).copied()
    }
}

impl FromValue for Answer {
    /// `"yes"`, `"no"`, `"not_applicable"`, `{"level": 2}` or `{"count": 4}`.
    fn read(value: &Value, path: &str, errors: &mut Vec<Problem>) -> Option<Answer> {
        let names = &["level", "yes", "no", "count", "not_applicable"];
        let what =
            "an answer: \"yes\", \"no\", \"not_applicable\", {\"level\": 2} or {\"count\": 4}";
        let variant = read_variant(value, path, names, what, errors)?;
        match variant.index {
            0 => variant
                .value(r#"{"level": a whole number}"#, errors)
                .map(Answer::Level),
            1 => variant.unit(errors).map(|()| Answer::Yes),
            2 => variant.unit(errors).map(|()| Answer::No),
            3 => variant
                .value(r#"{"count": a whole number}"#, errors)
                .map(Answer::Count),
            _ => variant.unit(errors).map(|()| Answer::NotApplicable),
        }
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;
    use crate::assess::{applicable_questions, Answers};
    use crate::bank::{load_bank, DEFAULT_BANK_JSON};
    use crate::plan::{ItemKind, Owner, Plan, PlanItem, Status};

    fn full_record() -> Record {
        let bank = load_bank(DEFAULT_BANK_JSON).unwrap();
        let mut selection = Selection::new(bank.categories[0].id.clone());
        selection.role = Some(bank.roles[0].id.clone());
        let answers: Answers = applicable_questions(&bank, &selection)
            .iter()
            .map(|q| (q.id.clone(), Answer::NotApplicable))
            .collect();
        // A plan with every field given, so that each is checked against serde's reader.
        let plan = Plan {
            made: "2026-01-01".into(),
            items: vec![PlanItem {
                id: "q:c-org_life-01".into(),
                kind: ItemKind::Gap,
                question: Some("c-org_life-01".into()),
                dimension: Some("org_life".into()),
                problem: Some("问题".into()),
                measure: Some("措施".into()),
                owner: Owner::Named("张三".into()),
                deadline: "2026-04-01".into(),
                status: Status::Closed,
                closed_on: Some("2026-03-01".into()),
                carried_from: Some("2025-01-01".into()),
            }],
        };
        Record::new(&bank, &selection, &answers, Some("单位"), "2026-01-01").with_plan(Some(plan))
    }

    fn read(value: &Value) -> Result<Record, String> {
        let mut errors = Vec::new();
        Record::read(value, "$", &mut errors).ok_or_else(|| format!("{errors:?}"))
    }

    /// If a record type gains, loses or renames a field, or a field becomes optional or
    /// required, this fails: update its `reader!` list to match. Without a field,
    /// each part must fail exactly when serde's derived reader fails, naming the same field.
    #[test]
    fn record_forms_follow_the_model() {
        let record = full_record();
        let full = serde_json::to_value(&record).unwrap();
        assert_eq!(read(&full), Ok(record));
        for part in [
            "",
            "/bank",
            "/selection",
            "/results",
            "/results/dimensions/0",
            "/plan",
            "/plan/items/0",
        ] {
            let keys: Vec<String> = full
                .pointer(part)
                .unwrap()
                .as_object()
                .unwrap()
                .keys()
                .cloned()
                .collect();
            let mut all_gone = full.clone();
            for key in &keys {
                let mut without = full.clone();
                for value in [&mut without, &mut all_gone] {
                    value
                        .pointer_mut(part)
                        .unwrap()
                        .as_object_mut()
                        .unwrap()
                        .remove(key);
                }
                let serde =
                    serde_json::from_value::<Record>(without.clone()).map_err(|e| e.to_string());
                assert_eq!(read(&without).is_ok(), serde.is_ok(), "{part}/{key}");
            }
            let serde = serde_json::from_value::<Record>(all_gone.clone())
                .unwrap_err()
                .to_string();
            let ours = read(&all_gone).unwrap_err();
            let name = serde.split('`').nth(1).unwrap();
            assert!(
                ours.contains(&format!("missing required field `{name}`")),
                "{part}: {ours} / {serde}"
            );
        }
    }

    #[test]
    fn answers_read_as_serde_reads_them() {
        for answer in [
            json!("yes"),
            json!("no"),
            json!("not_applicable"),
            json!({"level": 2}),
            json!({"count": 4}),
            json!({"yes": null}),
            json!("level"),
            json!({"level": 256}),
            json!({"maybe": null}),
            json!({"yes": 1}),
            json!([]),
        ] {
            let serde = serde_json::from_value::<Answer>(answer.clone()).ok();
            assert_eq!(
                Answer::read(&answer, "$", &mut Vec::new()),
                serde,
                "{answer}"
            );
        }
    }

    /// What serde called "newtype variant", "unit" or "map with a single key" is said in
    /// plain words, at the answer or at its value.
    #[test]
    fn answer_problems_are_in_plain_words() {
        let problem = |answer: Value| {
            let mut errors = Vec::new();
            assert_eq!(Answer::read(&answer, "$.answers.q", &mut errors), None);
            let e = errors.remove(0);
            (e.path, e.message)
        };
        assert_eq!(
            problem(json!("level")),
            (
                "$.answers.q".to_string(),
                "expected {\"level\": a whole number}, found the string \"level\"".to_string()
            )
        );
        assert_eq!(
            problem(json!({"yes": 1})),
            (
                "$.answers.q.yes".to_string(),
                "\"yes\" takes no value, found the number 1: write \"yes\" on its own".to_string()
            )
        );
        assert_eq!(
            problem(json!({"yes": null, "no": null})).1,
            "expected an answer: \"yes\", \"no\", \"not_applicable\", {\"level\": 2} or \
             {\"count\": 4}, found an object with 2 fields"
        );
        assert_eq!(
            problem(json!({"count": -1})),
            (
                "$.answers.q.count".to_string(),
                "expected a whole number, 0 or more, found the number -1".to_string()
            )
        );
    }
}
