//! Reading a record file back: every check between a file and the answers it restores.

use serde_json::Value;

use crate::assess::{applies_to, assess, credit, Selection};
use crate::bank::Bank;
use crate::json::{kind_of, syntax_error, FromValue};

use super::errors::{AnswerProblem, ImportError};
use super::export::{Record, RecordedResults, RECORD_FORMAT, RECORD_VERSION};

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
    verify_content(bank, &record)?;
    Ok(record)
}

/// Reads a record as a baseline to compare with: like [`import_record`], except that a
/// record of another version of the same bank is accepted. Its answers are then not
/// re-scored: its stored results are trusted once the checksum matches.
pub fn read_baseline(bank: &Bank, text: &str) -> Result<Record, ImportError> {
    baseline(bank, read_record(bank, text)?)
}

/// [`read_baseline`] of a record already parsed (one inside a workbench file).
pub fn read_baseline_value(bank: &Bank, value: &Value) -> Result<Record, ImportError> {
    baseline(bank, record_from_value(bank, value)?)
}

/// The checks of [`read_baseline`] after reading.
fn baseline(bank: &Bank, mut record: Record) -> Result<Record, ImportError> {
    verify_checksum(&mut record)?;
    if record.bank.version == bank.version {
        verify_content(bank, &record)?;
    } else if !record.results.in_range() {
        return Err(ImportError::Tampered {
            detail: "a stored score is out of range".into(),
        });
    }
    Ok(record)
}

/// Syntax, format, format version, shape and bank id.
fn read_record(bank: &Bank, text: &str) -> Result<Record, ImportError> {
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
    let value: Value = serde_json::from_str(text).map_err(|e| json_error(&e))?;
    record_from_value(bank, &value)
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
fn verify_content(bank: &Bank, record: &Record) -> Result<(), ImportError> {
    check_selection(bank, &record.selection)?;
    let assessment = assess(bank, &record.selection, &record.answers);
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
