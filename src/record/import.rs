//! Reading a record file back: every check between a file and the answers it restores.

use serde_json::Value;

use crate::assess::{applies_to, assess, credit, AskedLists, Selection};
use crate::bank::Bank;
use crate::json::{kind_of, syntax_error, FromValue};

use super::errors::{AnswerProblem, ImportError};
use super::export::{Record, RecordedResults, RECORD_FORMAT, RECORD_VERSION};
use super::quick::derived_read;

/// The first record format version with a plan.
const FIRST_WITH_PLAN: u64 = 2;
/// Where a record keeps its plan.
const PLAN_PATH: &str = "$.plan";

/// Record files larger than this are refused before parsing; a real one is a few kilobytes.
pub const MAX_RECORD_BYTES: usize = 2 * 1024 * 1024;

/// Reads a record to restore its answers: it must be of this bank and this bank version,
/// intact, and its results must follow from its answers. Pure: nothing else is touched.
pub fn import_record(bank: &Bank, text: &str) -> Result<Record, ImportError> {
    let mut record = read_record(bank, text)?;
    if record.bank.version != bank.version {
        return Err(ImportError::OtherBankVersion {
            found: record.bank.version,
            current: bank.version.clone(),
        });
    }
    verify_checksum(&mut record)?;
    verify_content(bank, &record, None)?;
    Ok(record)
}

/// Reads a record as a baseline to compare with: like [`import_record`], except that a
/// record of another version of the same bank is accepted. Its answers are then not
/// re-scored: its stored results are trusted once the checksum matches.
pub fn read_baseline(bank: &Bank, text: &str) -> Result<Record, ImportError> {
    baseline(bank, read_record(bank, text)?, None)
}

/// [`read_baseline`] for a committee's thousands of files: a record is read first by serde's
/// derived reader, straight from the text into the record, which is about twice as fast as
/// through a `Value` and the located readers. A record that reader cannot take, or might
/// take differently (a plan, read by its own checks), is read again the located way, so
/// what is accepted and every message are those of [`read_baseline`].
///
/// `lists` keeps the questions asked of each selection from one record to the next.
pub(crate) fn read_baseline_quickly(
    bank: &Bank,
    text: &str,
    lists: &mut AskedLists,
) -> Result<Record, ImportError> {
    let record = match derived_read(record_text(text)?) {
        Some(record) => fits_bank(bank, record)?,
        None => read_record(bank, text)?,
    };
    baseline(bank, record, Some(lists))
}

/// [`read_baseline`] of a record already parsed (one inside a workbench file).
pub fn read_baseline_value(bank: &Bank, value: &Value) -> Result<Record, ImportError> {
    baseline(bank, record_from_value(bank, value)?, None)
}

/// [`read_baseline_value`] of one of a workbench file's thousands of records: `lists` keeps
/// the questions asked of each selection from one record to the next.
pub(crate) fn read_baseline_value_quickly(
    bank: &Bank,
    value: &Value,
    lists: &mut AskedLists,
) -> Result<Record, ImportError> {
    baseline(bank, record_from_value(bank, value)?, Some(lists))
}

/// The checks of [`read_baseline`] after reading.
fn baseline(
    bank: &Bank,
    mut record: Record,
    lists: Option<&mut AskedLists>,
) -> Result<Record, ImportError> {
    verify_checksum(&mut record)?;
    if record.bank.version == bank.version {
        verify_content(bank, &record, lists)?;
    } else if !record.results.in_range() {
        return Err(ImportError::Tampered {
            detail: "a stored score is out of range".into(),
        });
    }
    Ok(record)
}

/// Syntax, format, format version, shape and bank id.
fn read_record(bank: &Bank, text: &str) -> Result<Record, ImportError> {
    let value: Value = serde_json::from_str(record_text(text)?).map_err(|e| json_error(&e))?;
    record_from_value(bank, &value)
}

/// The text to parse as a record: not too large, not empty, without a byte-order mark.
fn record_text(text: &str) -> Result<&str, ImportError> {
    if text.len() > MAX_RECORD_BYTES {
        return Err(ImportError::TooLarge {
            bytes: text.len(),
            limit: MAX_RECORD_BYTES,
        });
    }
    // A UTF-8 byte-order mark, as some editors write, is not an error.
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if text.trim().is_empty() {
        return Err(ImportError::Empty);
    }
    Ok(text)
}

/// Format, format version, shape and bank id of a parsed record.
fn record_from_value(bank: &Bank, value: &Value) -> Result<Record, ImportError> {
    let Some(object) = value.as_object() else {
        return Err(ImportError::NotARecord {
            detail: format!("the file holds {}, not an object", kind_of(value)),
        });
    };
    match object.get("format") {
        Some(Value::String(format)) if format == RECORD_FORMAT => {}
        Some(other) => {
            return Err(ImportError::NotARecord {
                detail: format!("`format` is {other}, not \"{RECORD_FORMAT}\""),
            })
        }
        None => {
            return Err(ImportError::NotARecord {
                detail: "the object has no `format` field".into(),
            })
        }
    }
    let version = match object.get("format_version").and_then(Value::as_u64) {
        Some(v) if v > u64::from(RECORD_VERSION) => {
            return Err(ImportError::NewerFormat {
                found: v,
                supported: RECORD_VERSION,
            })
        }
        Some(v) if v >= 1 => v,
        _ => {
            return Err(ImportError::Malformed {
                path: "$.format_version".into(),
                detail: format!("expected a format version from 1 to {RECORD_VERSION}"),
            })
        }
    };
    // Version 1 had no plan: a `plan` field in such a file is an unknown field, skipped as
    // it always was (and left out of the checksum, as it always was).
    let stripped;
    let value = if version < FIRST_WITH_PLAN && object.contains_key("plan") {
        let mut without = object.clone();
        without.remove("plan");
        stripped = Value::Object(without);
        &stripped
    } else {
        value
    };
    let mut errors = Vec::new();
    let Some(record) = Record::read(value, "$", &mut errors) else {
        let (path, detail) = errors
            .into_iter()
            .next()
            .map(|e| (e.path, e.message))
            .unwrap_or_else(|| ("$".into(), "the record could not be read".into()));
        return Err(ImportError::Malformed { path, detail });
    };
    fits_bank(bank, record)
}

/// A record read: its plan holds together and it is of this bank.
fn fits_bank(bank: &Bank, record: Record) -> Result<Record, ImportError> {
    if let Some(plan) = &record.plan {
        plan.check(PLAN_PATH)
            .map_err(|(path, why)| ImportError::PlanInvalid { path, why })?;
    }
    if record.bank.id != bank.id {
        return Err(ImportError::OtherBank {
            found: record.bank.id,
            current: bank.id.clone(),
        });
    }
    Ok(record)
}

fn json_error(e: &serde_json::Error) -> ImportError {
    let located = syntax_error(e);
    let (line, column) = (e.line(), e.column());
    if e.classify() == serde_json::error::Category::Eof {
        ImportError::Truncated { line, column }
    } else {
        ImportError::NotJson {
            line,
            column,
            detail: located.message,
        }
    }
}

/// The record comes back as it was: its checksum is blanked only while the rest is hashed
/// (which spares a copy of the whole record).
fn verify_checksum(record: &mut Record) -> Result<(), ImportError> {
    let stored = std::mem::take(&mut record.checksum);
    let expected = record.expected_checksum();
    record.checksum = stored;
    if record.checksum.trim().eq_ignore_ascii_case(&expected) {
        Ok(())
    } else {
        Err(ImportError::Tampered {
            detail: format!(
                "checksum `{}` does not match the content ({expected})",
                record.checksum
            ),
        })
    }
}

/// The selection is known, every answer fits, and the results follow from the answers.
/// Through `lists` when given (many records of one bank), else by [`assess`].
fn verify_content(
    bank: &Bank,
    record: &Record,
    lists: Option<&mut AskedLists>,
) -> Result<(), ImportError> {
    check_selection(bank, &record.selection)?;
    let (selection, answers) = (&record.selection, &record.answers);
    let assessment = match lists {
        Some(lists) => lists.assess(bank, selection, answers),
        None => assess(bank, selection, answers),
    };
    // The assessment looked up the answer of every question asked. When each one found fits
    // and no answer is left over, every answer is to a question asked and fits (a loaded
    // bank's question ids are unique), so only a record that fails this is checked answer
    // by answer, for the first problem.
    let fitting = assessment.answered + assessment.not_applicable;
    if !assessment.invalid.is_empty() || fitting != record.answers.len() {
        check_answers(bank, record)?;
    }
    record
        .results
        .agrees_with(&RecordedResults::from_assessment(&assessment))
        .map_err(|detail| ImportError::Tampered { detail })?;
    match &record.plan {
        Some(plan) => plan
            .check_bank(bank, PLAN_PATH)
            .map_err(|(path, why)| ImportError::PlanInvalid { path, why }),
        None => Ok(()),
    }
}

/// The first answer, in id order, to a question the bank does not have, that is not asked of
/// the record's selection, or that does not fit its question.
fn check_answers(bank: &Bank, record: &Record) -> Result<(), ImportError> {
    for (id, answer) in &record.answers {
        let why = match bank.questions.iter().find(|q| &q.id == id) {
            None => Some(AnswerProblem::UnknownQuestion),
            Some(q) if !applies_to(&q.applies, &record.selection) => Some(AnswerProblem::NotAsked),
            Some(q) => credit(q, *answer).err().map(AnswerProblem::Misfit),
        };
        if let Some(why) = why {
            return Err(ImportError::InvalidAnswer {
                question: id.clone(),
                why,
            });
        }
    }
    Ok(())
}

fn check_selection(bank: &Bank, selection: &Selection) -> Result<(), ImportError> {
    if !bank.categories.iter().any(|c| c.id == selection.category) {
        return Err(ImportError::UnknownCategory {
            id: selection.category.clone(),
        });
    }
    if let Some(m) = selection
        .modifiers
        .iter()
        .find(|m| !bank.modifiers.iter().any(|known| &known.id == *m))
    {
        return Err(ImportError::UnknownModifier { id: m.clone() });
    }
    match &selection.role {
        Some(role) if !bank.roles.iter().any(|r| &r.id == role) => {
            Err(ImportError::UnknownRole { id: role.clone() })
        }
        _ => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use serde_json::{json, Value};

    use super::*;
    use crate::assess::{applicable_questions, Answer, Answers};
    use crate::bank::{load_bank, DEFAULT_BANK_JSON};
    use crate::plan::{ItemKind, Owner, Plan, PlanItem, Status};

    /// A record with every kind of answer, a unit, a role and a modifier; with a plan if asked.
    fn sample(bank: &Bank, plan: bool) -> Value {
        let category = &bank.categories[1];
        let mut selection = Selection::new(category.id.clone());
        if let Some(modifier) = bank.modifiers.first() {
            selection.modifiers.insert(modifier.id.clone());
        }
        selection.role = Some(bank.roles[0].id.clone());
        let mut answers = Answers::new();
        for (n, q) in applicable_questions(bank, &selection).iter().enumerate() {
            let answer = match (n % 4, &q.answer) {
                (0, _) if q.allow_na => Answer::NotApplicable,
                (_, crate::bank::AnswerSpec::Levels { .. }) => Answer::Level(1),
                (_, crate::bank::AnswerSpec::YesNo { .. }) => Answer::Yes,
                (_, crate::bank::AnswerSpec::Count { .. }) => Answer::Count(3),
            };
            answers.insert(q.id.clone(), answer);
        }
        let plan = plan.then(|| Plan {
            made: "2026-01-01".into(),
            items: vec![PlanItem {
                id: "c:1".into(),
                kind: ItemKind::Custom,
                question: None,
                dimension: None,
                problem: Some("问题".into()),
                measure: Some("措施".into()),
                owner: Owner::Named("张三".into()),
                deadline: "2026-04-01".into(),
                status: Status::NotStarted,
                closed_on: None,
                carried_from: None,
            }],
        });
        let record = Record::new(bank, &selection, &answers, Some("第一党支部"), "2026-11-24")
            .with_plan(plan);
        serde_json::from_str(&record.to_json()).expect("a record is JSON")
    }

    /// Every place in a JSON value, as a JSON pointer.
    fn pointers(value: &Value, at: String, out: &mut Vec<String>) {
        match value {
            Value::Object(map) => {
                for (key, inner) in map {
                    pointers(inner, format!("{at}/{key}"), out);
                }
            }
            Value::Array(items) => {
                for (n, inner) in items.iter().enumerate() {
                    pointers(inner, format!("{at}/{n}"), out);
                }
            }
            _ => {}
        }
        out.push(at);
    }

    /// The record's text with its checksum made to match what the located reader reads (as
    /// a careful forger would), so that a different reading shows as a checksum problem; a
    /// record that reader refuses keeps its checksum.
    fn sealed(bank: &Bank, value: &Value) -> String {
        let mut value = value.clone();
        if let Ok(mut record) = read_record(bank, &value.to_string()) {
            record.checksum.clear();
            let sum = record.expected_checksum();
            if let Some(object) = value.as_object_mut() {
                object.insert("checksum".into(), Value::String(sum));
            }
        }
        serde_json::to_string_pretty(&value).unwrap_or_default()
    }

    /// The quick reader gives exactly what the located one gives (record or message) for a
    /// record with each of its values replaced by other JSON, each field left out, a field
    /// given twice, an unknown field, and an earlier format version; resealed, so the
    /// changes reach the content checks.
    #[test]
    fn reading_quickly_reads_as_the_located_reader() {
        let bank = load_bank(DEFAULT_BANK_JSON).expect("the default bank");
        let replacements = [
            json!(null),
            json!("yes"),
            json!("x"),
            // Every kind of escape JSON has, for the checksum to be taken over.
            json!("引号\"、反斜杠\\、换行\n、控制符\u{1}、行分隔符\u{2028}"),
            json!(0),
            json!(1),
            json!(2.0),
            json!(-1),
            json!(1e300),
            json!(true),
            json!([]),
            json!(["x"]),
            json!({}),
            json!({"level": 1}),
            json!({"count": 2}),
        ];
        let (mut same_record, mut same_refusal) = (0, 0);
        let mut lists = AskedLists::default();
        let mut check = |text: String, case: &str| {
            let located = read_baseline(&bank, &text);
            assert_eq!(
                read_baseline_quickly(&bank, &text, &mut lists),
                located,
                "{case}"
            );
            if located.is_ok() {
                same_record += 1;
            } else {
                same_refusal += 1;
            }
        };
        for with_plan in [false, true] {
            let record = sample(&bank, with_plan);
            check(sealed(&bank, &record), "as written");
            let mut places = Vec::new();
            pointers(&record, String::new(), &mut places);
            for place in places.iter().filter(|p| !p.is_empty()) {
                for replacement in &replacements {
                    let mut changed = record.clone();
                    if let Some(slot) = changed.pointer_mut(place) {
                        *slot = replacement.clone();
                    }
                    check(sealed(&bank, &changed), &format!("{place} = {replacement}"));
                }
                let (parent, key) = place.rsplit_once('/').unwrap_or_default();
                let mut without = record.clone();
                if let Some(Value::Object(map)) = without.pointer_mut(parent) {
                    map.remove(key);
                    check(sealed(&bank, &without), &format!("{place} left out"));
                }
                let mut extra = record.clone();
                if let Some(Value::Object(map)) = extra.pointer_mut(parent) {
                    map.insert("later_field".into(), json!({"a": [1]}));
                    check(
                        sealed(&bank, &extra),
                        &format!("{place} with an unknown field"),
                    );
                }
            }
            for version in [json!(1), json!(3), json!(0)] {
                let mut changed = record.clone();
                changed["format_version"] = version.clone();
                check(sealed(&bank, &changed), &format!("version {version}"));
            }
            // A field given twice: serde's derived reader refuses it, serde_json's `Value`
            // keeps the last one.
            let text = sealed(&bank, &record);
            for key in ["\"created\": ", "\"unit_name\": ", "\"category\": "] {
                let twice = text.replacen(key, &format!("{key}\"x\", {key}"), 1);
                check(twice, &format!("{key} twice"));
            }
            // An answer given twice (the later stands, with both readers), before or after
            // the one that is sealed.
            let (first, answer) = record["answers"]
                .as_object()
                .and_then(|answers| answers.iter().next())
                .map(|(id, answer)| (format!("\"{id}\": "), answer.to_string()))
                .unwrap_or_default();
            let before = text.replacen(&first, &format!("{first}\"no\", {first}"), 1);
            check(before, "an answer twice, the sealed one last");
            let after = text.replacen(
                &first,
                &format!("{first}{answer}, {first}\"no\", \"zz\": "),
                1,
            );
            check(after, "an answer twice, the sealed one first");
        }
        check(String::new(), "empty");
        check(
            "\u{feff}".to_string() + &sealed(&bank, &sample(&bank, false)),
            "a BOM",
        );
        check("{\"format\": 1".into(), "cut short");
        // Enough of both kinds for the comparison to mean something.
        assert!(same_record > 300, "{same_record} records read alike");
        assert!(same_refusal > 5000, "{same_refusal} records refused alike");
    }
}
