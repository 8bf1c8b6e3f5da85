//! Why a record file cannot be used, and how to say so: in English for logs (`Display`), and
//! in the user's language for the page (`message`).

use crate::assess::AnswerError;
use crate::bank::Locale;
use crate::plan::PlanError;

/// Why a record file cannot be used.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ImportError {
    /// Larger than [`MAX_RECORD_BYTES`](super::MAX_RECORD_BYTES).
    #[error("the file is {bytes} bytes; the limit is {limit} bytes")]
    TooLarge { bytes: usize, limit: usize },
    /// Nothing but whitespace.
    #[error("the file is empty")]
    Empty,
    /// Not valid JSON, at this 1-based line and column.
    #[error("line {line}, column {column}: not valid JSON: {detail}")]
    NotJson {
        line: usize,
        column: usize,
        detail: String,
    },
    /// The JSON stops before it is complete: the file was cut off.
    #[error("line {line}, column {column}: the JSON ends too early (the file was cut off)")]
    Truncated { line: usize, column: usize },
    /// Valid JSON, but not a self-check record (another app's file, a list, a number ...).
    #[error("not a self-check record: {detail}")]
    NotARecord { detail: String },
    /// A record written by a newer version of the widget.
    #[error("record format version {found} is newer than this widget reads ({supported})")]
    NewerFormat { found: u64, supported: u32 },
    /// A record of the right format whose content does not have the right shape.
    #[error("{path}: {detail}")]
    Malformed { path: String, detail: String },
    /// Made with another question bank.
    #[error("the record was made with question bank `{found}`, not `{current}`")]
    OtherBank { found: String, current: String },
    /// Made with another version of this question bank: its answers cannot be restored.
    #[error("the record was made with bank version `{found}`, the current version is `{current}`")]
    OtherBankVersion { found: String, current: String },
    /// The checksum or the results do not match the rest of the file.
    #[error("the record was changed or damaged: {detail}")]
    Tampered { detail: String },
    #[error("unknown category `{id}`")]
    UnknownCategory { id: String },
    #[error("unknown modifier `{id}`")]
    UnknownModifier { id: String },
    #[error("unknown role `{id}`")]
    UnknownRole { id: String },
    /// An answer that does not fit its question.
    #[error("$.answers.{question}: {why}")]
    InvalidAnswer {
        question: String,
        why: AnswerProblem,
    },
    /// The rectification plan in the record is not one this widget could have written, or
    /// names what the bank does not have: at `path`, e.g. `$.plan.items[3].deadline`.
    #[error("{path}: {why}")]
    PlanInvalid { path: String, why: PlanError },
}

/// Why an answer in a record does not fit the bank.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum AnswerProblem {
    /// The bank has no question with this id.
    #[error("the bank has no such question")]
    UnknownQuestion,
    /// The question is not asked of the record's category and modifiers.
    #[error("the question is not asked of this category and modifiers")]
    NotAsked,
    /// The answer does not fit the question (level out of range, wrong kind ...).
    #[error("{0}")]
    Misfit(AnswerError),
}

impl AnswerProblem {
    pub fn message(&self, locale: Locale) -> String {
        match self {
            AnswerProblem::UnknownQuestion => locale.pick(
                "题库中没有这道题".into(),
                "the question bank has no such question".into(),
            ),
            AnswerProblem::NotAsked => locale.pick(
                "所选类别和情形下不问这道题".into(),
                "this question is not asked of the chosen category and situation".into(),
            ),
            AnswerProblem::Misfit(e) => answer_error_message(e, locale),
        }
    }
}

impl ImportError {
    /// What to tell the user, in their language.
    pub fn message(&self, locale: Locale) -> String {
        match self {
            ImportError::TooLarge { bytes, limit } => locale.pick(
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
            ImportError::Empty => locale.pick(
                "文件是空的。请选择导出的自查记录文件。".into(),
                "This file is empty. Please choose an exported self-check record.".into(),
            ),
            ImportError::NotJson { line, column, .. } => locale.pick(
                format!("文件第 {line} 行第 {column} 列不是有效的 JSON，无法读取。请选择导出时保存的原始文件。"),
                format!("This file is not valid JSON (line {line}, column {column}) and cannot be read. Please choose the file as it was exported."),
            ),
            ImportError::Truncated { line, column } => locale.pick(
                format!("文件在第 {line} 行第 {column} 列提前结束，可能没有下载或复制完整。请重新选择完整的文件。"),
                format!("This file stops early (line {line}, column {column}); it may not have been downloaded or copied completely. Please choose the complete file."),
            ),
            ImportError::NotARecord { .. } => locale.pick(
                "这个文件不是党建自查记录。请选择本工具导出的自查记录文件。".into(),
                "This file is not a self-check record. Please choose a record exported by this tool.".into(),
            ),
            ImportError::NewerFormat { found, supported } => locale.pick(
                format!("这个记录由更新版本的工具导出（格式版本 {found}），当前工具只能读取版本 {supported} 及以前的记录。请使用最新版本的工具打开。"),
                format!("This record was exported by a newer version of the tool (format version {found}); this tool reads up to version {supported}. Please open it with the latest version."),
            ),
            ImportError::Malformed { path, .. } => locale.pick(
                format!("记录文件的内容不完整或格式不对（位置：{path}），无法读取。"),
                format!("The record is incomplete or has the wrong shape (at {path}) and cannot be read."),
            ),
            ImportError::OtherBank { found, current } => locale.pick(
                format!("这个文件来自另一个题库（{found}），与当前题库（{current}）不同，无法导入。"),
                format!("This file comes from another question bank ({found}), not the current one ({current}), so it cannot be imported."),
            ),
            ImportError::OtherBankVersion { found, current } => locale.pick(
                format!("这个文件来自题库的另一个版本（{found}），当前版本是 {current}，部分题目已经变化，答案无法放回新题目。它仍可作为往年结果，用“与上次自查对比”载入，对比两次得分。"),
                format!("This file comes from another version of the question bank ({found}; the current version is {current}). Some questions have changed, so its answers cannot be placed in the new questions. It can still be loaded with “Compare with an earlier export” to compare the scores."),
            ),
            ImportError::Tampered { .. } => locale.pick(
                "文件内容被改动过或已损坏，无法核验。请使用导出时保存的原始文件。".into(),
                "The file's content has been changed or damaged and cannot be verified. Please use the file as it was exported.".into(),
            ),
            ImportError::UnknownCategory { id } => locale.pick(
                format!("记录中的支部类别（{id}）在当前题库中不存在，无法导入。"),
                format!("The record's branch category ({id}) does not exist in the current question bank, so it cannot be imported."),
            ),
            ImportError::UnknownModifier { id } => locale.pick(
                format!("记录中的特殊情形（{id}）在当前题库中不存在，无法导入。"),
                format!("The record's situation ({id}) does not exist in the current question bank, so it cannot be imported."),
            ),
            ImportError::UnknownRole { id } => locale.pick(
                format!("记录中的填写人角色（{id}）在当前题库中不存在，无法导入。"),
                format!("The record's role ({id}) does not exist in the current question bank, so it cannot be imported."),
            ),
            ImportError::PlanInvalid { path, why } => locale.pick(
                format!("记录中的整改台账有误（位置：{path}）：{}文件可能被改动过，无法导入。", why.message(locale)),
                format!("The record's rectification plan is not valid (at {path}): {} The file may have been changed, so it cannot be imported.", why.message(locale)),
            ),
            ImportError::InvalidAnswer { question, why } => locale.pick(
                format!("记录中题目 {question} 的答案无效：{}。文件可能被改动过。", why.message(locale)),
                format!("The record's answer to question {question} is not valid: {}. The file may have been changed.", why.message(locale)),
            ),
        }
    }
}

/// Why an answer does not fit its question, in the user's language.
pub(crate) fn answer_error_message(error: &AnswerError, locale: Locale) -> String {
    match error {
        AnswerError::NoSuchLevel { level, levels } => locale.pick(
            format!(
                "第 {} 档不存在（这道题只有 {levels} 档）",
                u32::from(*level) + 1
            ),
            format!(
                "level {} does not exist (the question has {levels})",
                u32::from(*level) + 1
            ),
        ),
        AnswerError::NotApplicableRefused => locale.pick(
            "这道题不能选“不适用”".into(),
            "this question cannot be marked \"not applicable\"".into(),
        ),
        AnswerError::WrongKind => locale.pick(
            "答案的类型与题目不符".into(),
            "the answer is not of the question's kind".into(),
        ),
    }
}
