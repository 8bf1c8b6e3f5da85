//! Reading a record file back: every check between a file and the answers it restores.

use std::fmt;

use serde_json::Value;

use crate::assess::{applies_to, assess, credit, Answer, AnswerError, Completeness, Selection};
use crate::bank::{
    kind_of, read_fields, read_variant, set, syntax_error, unit_content, Bank, BankError, Form,
    FromValue, Locale, AN_OBJECT,
};

use super::export::{
    BankRef, Record, RecordedDimension, RecordedResults, RECORD_FORMAT, RECORD_VERSION,
};
use super::messages::{answer_error_message, say};

/// Record files larger than this are refused before parsing; a real one is a few kilobytes.
pub const MAX_RECORD_BYTES: usize = 2 * 1024 * 1024;

/// Why a record file cannot be used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ImportError {
    /// Larger than [`MAX_RECORD_BYTES`].
    TooLarge {
        bytes: usize,
        limit: usize,
    },
    /// Nothing but whitespace.
    Empty,
    /// Not valid JSON, at this 1-based line and column.
    NotJson {
        line: usize,
        column: usize,
        detail: String,
    },
    /// The JSON stops before it is complete: the file was cut off.
    Truncated {
        line: usize,
        column: usize,
    },
    /// Valid JSON, but not a self-check record (another app's file, a list, a number ...).
    NotARecord {
        detail: String,
    },
    /// A record written by a newer version of the widget.
    NewerFormat {
        found: u64,
        supported: u32,
    },
    /// A record of the right format whose content does not have the right shape.
    Malformed {
        path: String,
        detail: String,
    },
    /// Made with another question bank.
    OtherBank {
        found: String,
        current: String,
    },
    /// Made with another version of this question bank: its answers cannot be restored.
    OtherBankVersion {
        found: String,
        current: String,
    },
    /// The checksum or the results do not match the rest of the file.
    Tampered {
        detail: String,
    },
    UnknownCategory {
        id: String,
    },
    UnknownModifier {
        id: String,
    },
    UnknownRole {
        id: String,
    },
    /// An answer that does not fit its question.
    InvalidAnswer {
        question: String,
        why: AnswerProblem,
    },
}

/// Why an answer in a record does not fit the bank.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AnswerProblem {
    /// The bank has no question with this id.
    UnknownQuestion,
    /// The question is not asked of the record's category and modifiers.
    NotAsked,
    /// The answer does not fit the question (level out of range, wrong kind ...).
    Misfit(AnswerError),
}

impl fmt::Display for AnswerProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            AnswerProblem::UnknownQuestion => write!(f, "the bank has no such question"),
            AnswerProblem::NotAsked => {
                write!(
                    f,
                    "the question is not asked of this category and modifiers"
                )
            }
            AnswerProblem::Misfit(e) => write!(f, "{e}"),
        }
    }
}

impl AnswerProblem {
    pub fn message(&self, locale: Locale) -> String {
        match self {
            AnswerProblem::UnknownQuestion => say(
                locale,
                "题库中没有这道题".into(),
                "the question bank has no such question".into(),
            ),
            AnswerProblem::NotAsked => say(
                locale,
                "所选类别和情形下不问这道题".into(),
                "this question is not asked of the chosen category and situation".into(),
            ),
            AnswerProblem::Misfit(e) => answer_error_message(e, locale),
        }
    }
}

impl fmt::Display for ImportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ImportError::TooLarge { bytes, limit } => {
                write!(f, "the file is {bytes} bytes; the limit is {limit} bytes")
            }
            ImportError::Empty => write!(f, "the file is empty"),
            ImportError::NotJson {
                line,
                column,
                detail,
            } => write!(f, "line {line}, column {column}: not valid JSON: {detail}"),
            ImportError::Truncated { line, column } => write!(
                f,
                "line {line}, column {column}: the JSON ends too early (the file was cut off)"
            ),
            ImportError::NotARecord { detail } => {
                write!(f, "not a self-check record: {detail}")
            }
            ImportError::NewerFormat { found, supported } => write!(
                f,
                "record format version {found} is newer than this widget reads ({supported})"
            ),
            ImportError::Malformed { path, detail } => write!(f, "{path}: {detail}"),
            ImportError::OtherBank { found, current } => write!(
                f,
                "the record was made with question bank `{found}`, not `{current}`"
            ),
            ImportError::OtherBankVersion { found, current } => write!(
                f,
                "the record was made with bank version `{found}`, the current version is `{current}`"
            ),
            ImportError::Tampered { detail } => {
                write!(f, "the record was changed or damaged: {detail}")
            }
            ImportError::UnknownCategory { id } => write!(f, "unknown category `{id}`"),
            ImportError::UnknownModifier { id } => write!(f, "unknown modifier `{id}`"),
            ImportError::UnknownRole { id } => write!(f, "unknown role `{id}`"),
            ImportError::InvalidAnswer { question, why } => {
                write!(f, "$.answers.{question}: {why}")
            }
        }
    }
}

impl std::error::Error for ImportError {}

impl ImportError {
    /// What to tell the user, in their language.
    pub fn message(&self, locale: Locale) -> String {
        match self {
            ImportError::TooLarge { bytes, limit } => say(
                locale,
                format!(
                    "文件太大（{} KB），自查记录不会超过 {} KB。请确认选择的是导出的自查记录文件。",
                    bytes / 1024,
                    limit / 1024
                ),
                format!(
                    "This file is too large ({} KB); a self-check record is never more than {} KB. Please check that you chose an exported self-check record.",
                    bytes / 1024,
                    limit / 1024
                ),
            ),
            ImportError::Empty => say(
                locale,
                "文件是空的。请选择导出的自查记录文件。".into(),
                "This file is empty. Please choose an exported self-check record.".into(),
            ),
            ImportError::NotJson { line, column, .. } => say(
                locale,
                format!("文件第 {line} 行第 {column} 列不是有效的 JSON，无法读取。请选择导出时保存的原始文件。"),
                format!("This file is not valid JSON (line {line}, column {column}) and cannot be read. Please choose the file as it was exported."),
            ),
            ImportError::Truncated { line, column } => say(
                locale,
                format!("文件在第 {line} 行第 {column} 列提前结束，可能没有下载或复制完整。请重新选择完整的文件。"),
                format!("This file stops early (line {line}, column {column}); it may not have been downloaded or copied completely. Please choose the complete file."),
            ),
            ImportError::NotARecord { .. } => say(
                locale,
                "这个文件不是党建自查记录。请选择本工具导出的自查记录文件。".into(),
                "This file is not a self-check record. Please choose a record exported by this tool.".into(),
            ),
            ImportError::NewerFormat { found, supported } => say(
                locale,
                format!("这个记录由更新版本的工具导出（格式版本 {found}），当前工具只能读取版本 {supported} 及以前的记录。请使用最新版本的工具打开。"),
                format!("This record was exported by a newer version of the tool (format version {found}); this tool reads up to version {supported}. Please open it with the latest version."),
            ),
            ImportError::Malformed { path, .. } => say(
                locale,
                format!("记录文件的内容不完整或格式不对（位置：{path}），无法读取。"),
                format!("The record is incomplete or has the wrong shape (at {path}) and cannot be read."),
            ),
            ImportError::OtherBank { found, current } => say(
                locale,
                format!("这个文件来自另一个题库（{found}），与当前题库（{current}）不同，无法导入。"),
                format!("This file comes from another question bank ({found}), not the current one ({current}), so it cannot be imported."),
            ),
            ImportError::OtherBankVersion { found, current } => say(
                locale,
                format!("这个文件来自题库的另一个版本（{found}），当前版本是 {current}，题目可能已经变化，答案无法恢复。它仍可作为往年结果用于对比。"),
                format!("This file comes from another version of the question bank ({found}; the current version is {current}). The questions may have changed, so its answers cannot be restored. It can still be used as an earlier result to compare with."),
            ),
            ImportError::Tampered { .. } => say(
                locale,
                "文件内容被改动过或已损坏，无法核验。请使用导出时保存的原始文件。".into(),
                "The file's content has been changed or damaged and cannot be verified. Please use the file as it was exported.".into(),
            ),
            ImportError::UnknownCategory { id } => say(
                locale,
                format!("记录中的支部类别（{id}）在当前题库中不存在，无法导入。"),
                format!("The record's branch category ({id}) does not exist in the current question bank, so it cannot be imported."),
            ),
            ImportError::UnknownModifier { id } => say(
                locale,
                format!("记录中的特殊情形（{id}）在当前题库中不存在，无法导入。"),
                format!("The record's situation ({id}) does not exist in the current question bank, so it cannot be imported."),
            ),
            ImportError::UnknownRole { id } => say(
                locale,
                format!("记录中的填写人角色（{id}）在当前题库中不存在，无法导入。"),
                format!("The record's role ({id}) does not exist in the current question bank, so it cannot be imported."),
            ),
            ImportError::InvalidAnswer { question, why } => say(
                locale,
                format!("记录中题目 {question} 的答案无效：{}。文件可能被改动过。", why.message(locale)),
                format!("The record's answer to question {question} is not valid: {}. The file may have been changed.", why.message(locale)),
            ),
        }
    }
}

/// Reads a record to restore its answers: it must be of this bank and this bank version,
/// intact, and its results must follow from its answers. Pure: nothing else is touched.
pub fn import_record(bank: &Bank, text: &str) -> Result<Record, ImportError> {
    let record = read_record(bank, text)?;
    if record.bank.version != bank.version {
        return Err(ImportError::OtherBankVersion {
            found: record.bank.version,
            current: bank.version.clone(),
        });
    }
    verify_checksum(&record)?;
    verify_content(bank, &record)?;
    Ok(record)
}

/// Reads a record as a baseline to compare with: like [`import_record`], except that a
/// record of another version of the same bank is accepted. Its answers are then not
/// re-scored: its stored results are trusted once the checksum matches.
pub fn read_baseline(bank: &Bank, text: &str) -> Result<Record, ImportError> {
    let record = read_record(bank, text)?;
    verify_checksum(&record)?;
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
    let Some(object) = value.as_object() else {
        return Err(ImportError::NotARecord {
            detail: format!("the file holds {}, not an object", kind_of(&value)),
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
    match object.get("format_version").and_then(Value::as_u64) {
        Some(v) if v > u64::from(RECORD_VERSION) => {
            return Err(ImportError::NewerFormat {
                found: v,
                supported: RECORD_VERSION,
            })
        }
        Some(v) if v >= 1 => {}
        _ => {
            return Err(ImportError::Malformed {
                path: "$.format_version".into(),
                detail: format!("expected a format version from 1 to {RECORD_VERSION}"),
            })
        }
    }
    let mut errors = Vec::new();
    let Some(record) = Record::read(&value, "$", &mut errors) else {
        let (path, detail) = errors
            .into_iter()
            .next()
            .map(|e| (e.path, e.message))
            .unwrap_or_else(|| ("$".into(), "the record could not be read".into()));
        return Err(ImportError::Malformed { path, detail });
    };
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

fn verify_checksum(record: &Record) -> Result<(), ImportError> {
    let expected = record.expected_checksum();
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
    let recomputed =
        RecordedResults::from_assessment(&assess(bank, &record.selection, &record.answers));
    record
        .results
        .agrees_with(&recomputed)
        .map_err(|detail| ImportError::Tampered { detail })
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

// ---------------------------------------------------------------------------------------
// Reading a record's parts from JSON, with the bank's hand-written readers (see
// `bank::read`): like serde's derived readers, fields are read in the map's order, the first
// problem is reported at its path, and fields this version does not know are skipped, so a
// newer widget's additions do not make a record unreadable.

const RECORD: Form = Form {
    what: AN_OBJECT,
    fields: &[
        "format",
        "format_version",
        "bank",
        "created",
        "unit_name",
        "selection",
        "answers",
        "results",
        "checksum",
    ],
    required: 0b1_1110_1111,
    open: true,
};

impl FromValue for Record {
    fn read(value: &Value, path: &str, errors: &mut Vec<BankError>) -> Option<Record> {
        let (mut format, mut format_version, mut bank, mut created) = (None, None, None, None);
        let (mut unit_name, mut selection, mut answers) = (None, None, None);
        let (mut results, mut checksum) = (None, None);
        let read = read_fields(value, path, &RECORD, errors, &mut |i, v, p, e| match i {
            0 => set(&mut format, v, p, e),
            1 => set(&mut format_version, v, p, e),
            2 => set(&mut bank, v, p, e),
            3 => set(&mut created, v, p, e),
            4 => set(&mut unit_name, v, p, e),
            5 => set(&mut selection, v, p, e),
            6 => set(&mut answers, v, p, e),
            7 => set(&mut results, v, p, e),
            _ => set(&mut checksum, v, p, e),
        });
        if !read {
            return None;
        }
        Some(Record {
            format: format?,
            format_version: format_version?,
            bank: bank?,
            created: created?,
            unit_name: unit_name.flatten(),
            selection: selection?,
            answers: answers?,
            results: results?,
            checksum: checksum?,
        })
    }
}

const BANK_REF: Form = Form {
    what: AN_OBJECT,
    fields: &["id", "version"],
    required: 0b11,
    open: true,
};

impl FromValue for BankRef {
    fn read(value: &Value, path: &str, errors: &mut Vec<BankError>) -> Option<BankRef> {
        let (mut id, mut version) = (None, None);
        let read = read_fields(value, path, &BANK_REF, errors, &mut |i, v, p, e| match i {
            0 => set(&mut id, v, p, e),
            _ => set(&mut version, v, p, e),
        });
        if !read {
            return None;
        }
        Some(BankRef {
            id: id?,
            version: version?,
        })
    }
}

const SELECTION: Form = Form {
    what: AN_OBJECT,
    fields: &["category", "modifiers", "role"],
    required: 0b001,
    open: true,
};

impl FromValue for Selection {
    fn read(value: &Value, path: &str, errors: &mut Vec<BankError>) -> Option<Selection> {
        let (mut category, mut modifiers, mut role) = (None, None, None);
        let read = read_fields(value, path, &SELECTION, errors, &mut |i, v, p, e| match i {
            0 => set(&mut category, v, p, e),
            1 => set(&mut modifiers, v, p, e),
            _ => set(&mut role, v, p, e),
        });
        if !read {
            return None;
        }
        Some(Selection {
            category: category?,
            modifiers: modifiers.unwrap_or_default(),
            role: role.flatten(),
        })
    }
}

const RESULTS: Form = Form {
    what: AN_OBJECT,
    fields: &[
        "overall",
        "band",
        "coverage",
        "completeness",
        "dimensions",
        "red_lines",
    ],
    required: 0b11_1100,
    open: true,
};

impl FromValue for RecordedResults {
    fn read(value: &Value, path: &str, errors: &mut Vec<BankError>) -> Option<RecordedResults> {
        let (mut overall, mut band, mut coverage) = (None, None, None);
        let (mut completeness, mut dimensions, mut red_lines) = (None, None, None);
        let read = read_fields(value, path, &RESULTS, errors, &mut |i, v, p, e| match i {
            0 => set(&mut overall, v, p, e),
            1 => set(&mut band, v, p, e),
            2 => set(&mut coverage, v, p, e),
            3 => set(&mut completeness, v, p, e),
            4 => set(&mut dimensions, v, p, e),
            _ => set(&mut red_lines, v, p, e),
        });
        if !read {
            return None;
        }
        Some(RecordedResults {
            overall: overall.flatten(),
            band: band.flatten(),
            coverage: coverage?,
            completeness: completeness?,
            dimensions: dimensions?,
            red_lines: red_lines?,
        })
    }
}

const DIMENSION: Form = Form {
    what: AN_OBJECT,
    fields: &["id", "score", "target"],
    required: 0b101,
    open: true,
};

impl FromValue for RecordedDimension {
    fn read(value: &Value, path: &str, errors: &mut Vec<BankError>) -> Option<RecordedDimension> {
        let (mut id, mut score, mut target) = (None, None, None);
        let read = read_fields(value, path, &DIMENSION, errors, &mut |i, v, p, e| match i {
            0 => set(&mut id, v, p, e),
            1 => set(&mut score, v, p, e),
            _ => set(&mut target, v, p, e),
        });
        if !read {
            return None;
        }
        Some(RecordedDimension {
            id: id?,
            score: score.flatten(),
            target: target?,
        })
    }
}

impl FromValue for Completeness {
    fn read(value: &Value, path: &str, errors: &mut Vec<BankError>) -> Option<Completeness> {
        const ALL: [Completeness; 3] = [
            Completeness::Complete,
            Completeness::Partial,
            Completeness::Insufficient,
        ];
        let names = &["complete", "partial", "insufficient"];
        let (index, content, at) = read_variant(value, path, names, errors)?;
        unit_content(content, &at, errors)?;
        ALL.get(index).copied()
    }
}

impl FromValue for Answer {
    /// `"yes"`, `"no"`, `"not_applicable"`, `{"level": 2}` or `{"count": 4}`.
    fn read(value: &Value, path: &str, errors: &mut Vec<BankError>) -> Option<Answer> {
        let names = &["level", "yes", "no", "count", "not_applicable"];
        let (index, content, at) = read_variant(value, path, names, errors)?;
        match (index, content) {
            (0, Some(level)) => u8::read(level, &at, errors).map(Answer::Level),
            (3, Some(count)) => u32::read(count, &at, errors).map(Answer::Count),
            (0 | 3, None) => {
                errors.push(BankError::new(
                    at,
                    "expected newtype variant, found unit variant",
                ));
                None
            }
            (1, _) => unit_content(content, &at, errors).map(|()| Answer::Yes),
            (2, _) => unit_content(content, &at, errors).map(|()| Answer::No),
            _ => unit_content(content, &at, errors).map(|()| Answer::NotApplicable),
        }
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;
    use crate::assess::{applicable_questions, Answers};
    use crate::bank::{load_bank, DEFAULT_BANK_JSON};

    fn full_record() -> Record {
        let bank = load_bank(DEFAULT_BANK_JSON).unwrap();
        let mut selection = Selection::new(bank.categories[0].id.clone());
        selection.role = Some(bank.roles[0].id.clone());
        let answers: Answers = applicable_questions(&bank, &selection)
            .iter()
            .map(|q| (q.id.clone(), Answer::NotApplicable))
            .collect();
        Record::new(&bank, &selection, &answers, Some("单位"), "2026-01-01")
    }

    fn read(value: &Value) -> Result<Record, String> {
        let mut errors = Vec::new();
        Record::read(value, "$", &mut errors).ok_or_else(|| format!("{errors:?}"))
    }

    /// If a record type gains, loses or renames a field, or a field becomes optional or
    /// required, this fails: update its `Form` (and its reader) to match. Without a field,
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
}
