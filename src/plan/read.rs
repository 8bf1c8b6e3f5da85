//! A plan read from JSON with the hand-written readers of `json::read` (as records are: no
//! serde-derived reading in the wasm), each problem at its path, unknown fields skipped.

use serde_json::Value;

use crate::json::{read_variant, reader, FromValue, Problem, AN_OBJECT};

use super::model::{ItemKind, Owner, Plan, PlanItem, Status};

reader! {
    PLAN: Plan, AN_OBJECT, open {
        made: required,
        items: required,
    }
}

reader! {
    ITEM: PlanItem, AN_OBJECT, open {
        id: required,
        kind: required,
        question: optional,
        dimension: optional,
        problem: optional,
        measure: optional,
        owner: required,
        deadline: required,
        status: required,
        closed_on: optional,
        carried_from: optional,
    }
}

impl FromValue for ItemKind {
    fn read(value: &Value, path: &str, errors: &mut Vec<Problem>) -> Option<ItemKind> {
        const ALL: [ItemKind; 3] = [ItemKind::RedLine, ItemKind::Gap, ItemKind::Custom];
        let names = &["red_line", "gap", "custom"];
        let what = "one of `red_line`, `gap`, `custom`";
        let variant = read_variant(value, path, names, what, errors)?;
        variant.unit(errors)?;
        ALL.get(variant.index).copied()
    }
}

impl FromValue for Status {
    fn read(value: &Value, path: &str, errors: &mut Vec<Problem>) -> Option<Status> {
        const ALL: [Status; 3] = [Status::NotStarted, Status::InProgress, Status::Closed];
        let names = &["not_started", "in_progress", "closed"];
        let what = "one of `not_started`, `in_progress`, `closed`";
        let variant = read_variant(value, path, names, what, errors)?;
        variant.unit(errors)?;
        ALL.get(variant.index).copied()
    }
}

impl FromValue for Owner {
    /// `{"role": "secretary"}`, `{"named": "张三"}` or `"unassigned"`.
    fn read(value: &Value, path: &str, errors: &mut Vec<Problem>) -> Option<Owner> {
        let names = &["role", "named", "unassigned"];
        let what = "an owner: {\"role\": \"secretary\"}, {\"named\": \"…\"} or \"unassigned\"";
        let variant = read_variant(value, path, names, what, errors)?;
        match variant.index {
            0 => variant
                .value(r#"{"role": a role id}"#, errors)
                .map(Owner::Role),
            1 => variant
                .value(r#"{"named": a name}"#, errors)
                .map(Owner::Named),
            _ => variant.unit(errors).map(|()| Owner::Unassigned),
        }
    }
}

/// A plan found at `path`, read and checked ([`Plan::check`]): the plan, or the first
/// problem with its path and what is wrong (English, for logs and located messages).
pub(crate) fn read_plan(value: &Value, path: &str) -> Result<Plan, (String, String)> {
    let mut errors = Vec::new();
    let Some(plan) = Plan::read(value, path, &mut errors) else {
        return Err(errors
            .into_iter()
            .next()
            .map(|e| (e.path, e.message))
            .unwrap_or_else(|| (path.to_string(), "the plan could not be read".into())));
    };
    plan.check(path).map_err(|(at, e)| (at, e.to_string()))?;
    Ok(plan)
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    fn item() -> Value {
        json!({
            "id": "c:1", "kind": "custom", "question": null, "dimension": "org_life",
            "problem": "台账不全", "measure": "补齐台账", "owner": {"named": "张三"},
            "deadline": "2026-05-01", "status": "closed", "closed_on": "2026-04-01",
            "carried_from": "2025-11-24"
        })
    }

    fn read(value: &Value) -> Result<Plan, String> {
        let mut errors = Vec::new();
        Plan::read(value, "$.plan", &mut errors).ok_or_else(|| format!("{errors:?}"))
    }

    /// If a plan type gains, loses or renames a field, or a field becomes optional or
    /// required, this fails: update its `reader!` list to match. Without a field, each part
    /// must fail exactly when serde's derived reader fails.
    #[test]
    fn plan_forms_follow_the_model() {
        let full = json!({"made": "2026-01-31", "items": [item()]});
        let plan: Plan = serde_json::from_value(full.clone()).unwrap();
        assert_eq!(read(&full), Ok(plan));
        for part in ["", "/items/0"] {
            let keys: Vec<String> = full
                .pointer(part)
                .unwrap()
                .as_object()
                .unwrap()
                .keys()
                .cloned()
                .collect();
            for key in &keys {
                let mut without = full.clone();
                without
                    .pointer_mut(part)
                    .unwrap()
                    .as_object_mut()
                    .unwrap()
                    .remove(key);
                let serde = serde_json::from_value::<Plan>(without.clone()).is_ok();
                assert_eq!(read(&without).is_ok(), serde, "{part}/{key}");
            }
        }
    }

    #[test]
    fn enums_read_as_serde_reads_them() {
        for value in [
            json!("unassigned"),
            json!({"role": "secretary"}),
            json!({"named": "张三"}),
            json!({"role": 3}),
            json!("role"),
            json!({"unassigned": 1}),
            json!("nobody"),
            json!([]),
        ] {
            let serde = serde_json::from_value::<Owner>(value.clone()).ok();
            assert_eq!(Owner::read(&value, "$", &mut Vec::new()), serde, "{value}");
        }
        for value in [
            json!("red_line"),
            json!("gap"),
            json!("custom"),
            json!("Gap"),
        ] {
            let serde = serde_json::from_value::<ItemKind>(value.clone()).ok();
            assert_eq!(
                ItemKind::read(&value, "$", &mut Vec::new()),
                serde,
                "{value}"
            );
        }
        for value in [
            json!("not_started"),
            json!("in_progress"),
            json!("closed"),
            json!("done"),
        ] {
            let serde = serde_json::from_value::<Status>(value.clone()).ok();
            assert_eq!(Status::read(&value, "$", &mut Vec::new()), serde, "{value}");
        }
    }

    #[test]
    fn problems_are_located() {
        let mut value = json!({"made": "2026-01-31", "items": [item(), item()]});
        value["items"][1]["id"] = json!("c:2");
        value["items"][1]["status"] = json!("finished");
        assert_eq!(
            read_plan(&value, "$.plan").unwrap_err().0,
            "$.plan.items[1].status"
        );
        value["items"][1]["status"] = json!("in_progress");
        value["items"][1]["closed_on"] = json!(null);
        value["items"][1]["deadline"] = json!("2026-02-30");
        assert_eq!(
            read_plan(&value, "$.plan").unwrap_err(),
            (
                "$.plan.items[1].deadline".to_string(),
                "`2026-02-30` is not a valid date (year-month-day, e.g. 2026-03-31)".to_string()
            )
        );
        value["items"][1]["deadline"] = json!("2026-02-28");
        assert!(read_plan(&value, "$.plan").is_ok());
    }
}
