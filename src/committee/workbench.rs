//! The workbench file: a roster saved to reopen (its records, labels, tags and round), and
//! reading it back with located errors.
//!
//! Layout (one branch per line, so a damaged file points at its branch):
//! `{"format": WORKBENCH_FORMAT, "format_version": 1, "bank": {"id", "version"},
//!   "round": "…" | null, "groups": SavedGroups (optional), "branches": [{"label": "…" | null,
//!   "tags": ["…"], "records": [record, …]}, …]}`. Saved groups name branches by their
//!   position in `branches`. Records are stored as the export files hold them and go through the same
//! checks as an export file when the workbench is reopened: a saved file cannot smuggle in
//! results its answers do not give.

use std::fmt;

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use crate::bank::{Bank, Locale};
use crate::grouping::Settings;
use crate::record::BankRef;

use super::intake::Roster;

/// The `format` every workbench file declares.
pub const WORKBENCH_FORMAT: &str = "branch-self-check/workbench";
/// The workbench format version this build writes; it reads this one and older ones.
pub const WORKBENCH_VERSION: u32 = 1;
/// Larger files are refused before parsing: 5,000 branches take about 25 MB.
pub const MAX_WORKBENCH_BYTES: usize = 128 * 1024 * 1024;

/// Why a workbench file, or a branch entry in it, cannot be used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum WorkbenchError {
    TooLarge {
        bytes: usize,
        limit: usize,
    },
    /// Not valid JSON, at this 1-based line and column.
    NotJson {
        line: usize,
        column: usize,
        detail: String,
    },
    /// The JSON stops before it is complete.
    Truncated {
        line: usize,
        column: usize,
    },
    /// Valid JSON, but not a workbench file.
    NotAWorkbench {
        detail: String,
    },
    NewerFormat {
        found: u64,
        supported: u32,
    },
    /// The right format with the wrong shape at `path`.
    Malformed {
        path: String,
        detail: String,
    },
    OtherBank {
        found: String,
        current: String,
    },
}

impl fmt::Display for WorkbenchError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            WorkbenchError::TooLarge { bytes, limit } => {
                write!(f, "the file is {bytes} bytes; the limit is {limit} bytes")
            }
            WorkbenchError::NotJson {
                line,
                column,
                detail,
            } => write!(f, "line {line}, column {column}: not valid JSON: {detail}"),
            WorkbenchError::Truncated { line, column } => {
                write!(f, "line {line}, column {column}: the JSON ends too early")
            }
            WorkbenchError::NotAWorkbench { detail } => {
                write!(f, "not a workbench file: {detail}")
            }
            WorkbenchError::NewerFormat { found, supported } => write!(
                f,
                "workbench format version {found} is newer than this build reads ({supported})"
            ),
            WorkbenchError::Malformed { path, detail } => write!(f, "{path}: {detail}"),
            WorkbenchError::OtherBank { found, current } => write!(
                f,
                "the workbench was saved with question bank `{found}`, not `{current}`"
            ),
        }
    }
}

impl std::error::Error for WorkbenchError {}

impl WorkbenchError {
    /// What to tell the user, in their language.
    pub fn message(&self, locale: Locale) -> String {
        match self {
            WorkbenchError::TooLarge { bytes, limit } => locale.pick(
                format!("文件太大（{} MB），工作台文件不超过 {} MB。", bytes >> 20, limit >> 20),
                format!("This file is too large ({} MB); a workbench file is at most {} MB.", bytes >> 20, limit >> 20),
            ),
            WorkbenchError::NotJson { line, column, .. } => locale.pick(
                format!("工作台文件第 {line} 行第 {column} 列不是有效的 JSON，无法读取。请选择保存时的原始文件。"),
                format!("The workbench file is not valid JSON (line {line}, column {column}) and cannot be read. Please choose the file as it was saved."),
            ),
            WorkbenchError::Truncated { line, column } => locale.pick(
                format!("工作台文件在第 {line} 行第 {column} 列提前结束，可能没有保存或复制完整。"),
                format!("The workbench file stops early (line {line}, column {column}); it may not have been saved or copied completely."),
            ),
            WorkbenchError::NotAWorkbench { .. } => locale.pick(
                "这个文件不是汇总工作台文件。".into(),
                "This file is not a workbench file.".into(),
            ),
            WorkbenchError::NewerFormat { found, supported } => locale.pick(
                format!("这个工作台文件由更新版本的工具保存（格式版本 {found}），当前工具只能读取版本 {supported} 及以前的文件。"),
                format!("This workbench file was saved by a newer version of the tool (format version {found}); this tool reads up to version {supported}."),
            ),
            WorkbenchError::Malformed { path, .. } => locale.pick(
                format!("工作台文件的内容不完整或格式不对（位置：{path}），这一部分未载入。"),
                format!("The workbench file is incomplete or has the wrong shape (at {path}); this part was not loaded."),
            ),
            WorkbenchError::OtherBank { found, current } => locale.pick(
                format!("这个工作台文件来自另一个题库（{found}），与当前题库（{current}）不同，无法载入。"),
                format!("This workbench file comes from another question bank ({found}), not the current one ({current}), so it cannot be loaded."),
            ),
        }
    }
}

/// The committee's 党建协作组 as saved with the workbench: how they were formed, the locks,
/// and the groups as they stood (hand edits included). Branches are positions: in a file,
/// of its `branches` entries; in a [`Roster`], of its branches.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SavedGroups {
    /// `true` for 1:1 pairs (结对), `false` for groups.
    pub pairs: bool,
    pub settings: Settings,
    /// (branch, lock key): branches with one key are kept together.
    pub locks: Vec<(usize, u32)>,
    pub groups: Vec<Vec<usize>>,
}

/// The roster as a workbench file. Replaced and refused inputs are not kept: they were
/// never part of the roll-up.
pub fn save_workbench(bank: &Bank, roster: &Roster) -> String {
    save_workbench_with_groups(bank, roster, None)
}

/// The roster and the committee's groups as a workbench file.
pub fn save_workbench_with_groups(
    bank: &Bank,
    roster: &Roster,
    groups: Option<&SavedGroups>,
) -> String {
    let bank_ref = roster.bank.clone().unwrap_or_else(|| BankRef::of(bank));
    let text_or_null = |s: &Option<String>| s.clone().map_or(Value::Null, Value::String);
    let mut head = Map::new();
    head.insert("id".into(), Value::String(bank_ref.id));
    head.insert("version".into(), Value::String(bank_ref.version));
    let groups = groups
        .and_then(|g| serde_json::to_value(g).ok())
        .map(|g| format!("\"groups\":{g},"))
        .unwrap_or_default();
    let mut text = format!(
        "{{\"format\":{},\"format_version\":{WORKBENCH_VERSION},\"bank\":{},\"round\":{},{groups}\"branches\":[",
        Value::String(WORKBENCH_FORMAT.into()),
        Value::Object(head),
        text_or_null(&roster.round),
    );
    for (i, branch) in roster.branches.iter().enumerate() {
        let records: Vec<Value> = branch
            .members
            .iter()
            .filter_map(|&m| roster.members.get(m))
            .filter_map(|m| serde_json::to_value(&m.record).ok())
            .collect();
        let tags = branch.tags.iter().cloned().map(Value::String).collect();
        let mut entry = Map::new();
        entry.insert("label".into(), text_or_null(&branch.label));
        entry.insert("tags".into(), Value::Array(tags));
        entry.insert("records".into(), Value::Array(records));
        text.push_str(if i == 0 { "\n" } else { ",\n" });
        text.push_str(&Value::Object(entry).to_string());
    }
    text.push_str("\n]}\n");
    text
}

/// One saved record, with its branch's label and tags.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct SavedEntry {
    /// The record as parsed JSON, checked like an export file.
    pub record: Value,
    pub label: Option<String>,
    pub tags: Vec<String>,
    /// The position of its branch entry in the file.
    pub entry: usize,
}

/// A workbench file read: its records by path, and the branch entries that could not be read.
#[derive(Debug, Default)]
pub(super) struct Workbench {
    pub round: Option<String>,
    /// The saved groups, by branch entry position.
    pub groups: Option<SavedGroups>,
    /// How many branch entries the file has.
    pub branch_entries: usize,
    pub entries: Vec<(String, SavedEntry)>,
    /// Branch entries not parsed yet, by position, for [`read_entry`]: a file laid out as
    /// this module writes it (one entry per line) is read entry by entry, so opening a
    /// workbench of thousands of branches never holds the page.
    pub lines: Vec<(usize, String)>,
    pub problems: Vec<(String, WorkbenchError)>,
}

/// Reads a workbench file. A problem in the whole file refuses it; a problem in one branch
/// entry skips that entry and is listed.
pub(super) fn read_workbench(bank: &Bank, text: &str) -> Result<Workbench, WorkbenchError> {
    if text.len() > MAX_WORKBENCH_BYTES {
        return Err(WorkbenchError::TooLarge {
            bytes: text.len(),
            limit: MAX_WORKBENCH_BYTES,
        });
    }
    // Only called for text that names the workbench format, so it is never empty.
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let (head, lines) = match entry_lines(text) {
        Some((head, lines)) => (head, Some(lines)),
        None => (text.to_string(), None),
    };
    let value: Value = serde_json::from_str(&head).map_err(|e| {
        let (line, column) = (e.line(), e.column());
        if e.classify() == serde_json::error::Category::Eof {
            WorkbenchError::Truncated { line, column }
        } else {
            WorkbenchError::NotJson {
                line,
                column,
                detail: e.to_string(),
            }
        }
    })?;
    let not_ours = |detail: &str| WorkbenchError::NotAWorkbench {
        detail: detail.to_string(),
    };
    let object = value.as_object().ok_or_else(|| not_ours("not an object"))?;
    if object.get("format").and_then(Value::as_str) != Some(WORKBENCH_FORMAT) {
        return Err(not_ours("`format` is not the workbench format"));
    }
    match object.get("format_version").and_then(Value::as_u64) {
        Some(v) if v > u64::from(WORKBENCH_VERSION) => {
            return Err(WorkbenchError::NewerFormat {
                found: v,
                supported: WORKBENCH_VERSION,
            })
        }
        Some(v) if v >= 1 => {}
        _ => return Err(malformed("$.format_version", "expected a format version")),
    }
    let found = object
        .get("bank")
        .and_then(|b| b.get("id"))
        .and_then(Value::as_str)
        .ok_or_else(|| malformed("$.bank.id", "expected the bank's id"))?;
    if found != bank.id {
        return Err(WorkbenchError::OtherBank {
            found: found.to_string(),
            current: bank.id.clone(),
        });
    }
    let round = optional_string(object, "round", "$")?;
    let branches = object
        .get("branches")
        .and_then(Value::as_array)
        .ok_or_else(|| malformed("$.branches", "expected a list of branches"))?;
    let mut workbench = Workbench {
        round,
        branch_entries: lines.as_ref().map_or(branches.len(), Vec::len),
        lines: lines
            .unwrap_or_default()
            .into_iter()
            .enumerate()
            .map(|(i, line)| (i, line.to_string()))
            .collect(),
        ..Workbench::default()
    };
    match object.get("groups") {
        None | Some(Value::Null) => {}
        // Damaged groups are dropped with a message; the branches still load.
        Some(groups) => match SavedGroups::deserialize(groups) {
            Ok(groups) => workbench.groups = Some(groups),
            Err(e) => workbench
                .problems
                .push(("$.groups".into(), malformed("$.groups", &e.to_string()))),
        },
    }
    for (i, branch) in branches.iter().enumerate() {
        let path = format!("$.branches[{i}]");
        match read_branch(branch, &path, i) {
            Ok(entries) => workbench.entries.extend(entries),
            Err(error) => workbench.problems.push((path, error)),
        }
    }
    Ok(workbench)
}

/// The file's head (with an empty list of branches) and its branch entry lines, when it is
/// laid out as [`save_workbench_with_groups`] writes it; `None` otherwise (then the whole
/// file is parsed at once).
fn entry_lines(text: &str) -> Option<(String, Vec<&str>)> {
    let mut lines = text.lines();
    let head = lines.next()?.strip_suffix("\"branches\":[")?;
    let rest: Vec<&str> = lines.filter(|l| !l.trim().is_empty()).collect();
    let (last, entries) = rest.split_last()?;
    if last.trim() != "]}" {
        return None;
    }
    let entries = entries
        .iter()
        .map(|l| l.trim_end().strip_suffix(',').unwrap_or(l))
        .collect();
    Some((format!("{head}\"branches\":[]}}"), entries))
}

/// Reads branch entry `entry` from its line of the file; a problem is located at it.
pub(super) fn read_entry(
    line: &str,
    entry: usize,
) -> Result<Vec<(String, SavedEntry)>, (String, WorkbenchError)> {
    let path = format!("$.branches[{entry}]");
    match serde_json::from_str::<Value>(line) {
        Ok(value) => read_branch(&value, &path, entry).map_err(|e| (path, e)),
        Err(e) => {
            let error = malformed(&path, &format!("not JSON: {e}"));
            Err((path, error))
        }
    }
}

fn read_branch(
    value: &Value,
    path: &str,
    entry: usize,
) -> Result<Vec<(String, SavedEntry)>, WorkbenchError> {
    let object = value
        .as_object()
        .ok_or_else(|| malformed(path, "expected an object"))?;
    let label = optional_string(object, "label", path)?;
    let mut tags = Vec::new();
    match object.get("tags") {
        None | Some(Value::Null) => {}
        Some(Value::Array(items)) => {
            for (j, tag) in items.iter().enumerate() {
                let tag = tag
                    .as_str()
                    .ok_or_else(|| malformed(&format!("{path}.tags[{j}]"), "expected text"))?;
                tags.push(tag.to_string());
            }
        }
        Some(_) => return Err(malformed(&format!("{path}.tags"), "expected a list")),
    }
    let records = object
        .get("records")
        .and_then(Value::as_array)
        .ok_or_else(|| malformed(&format!("{path}.records"), "expected a list of records"))?;
    Ok(records
        .iter()
        .enumerate()
        .map(|(j, record)| {
            let entry = SavedEntry {
                record: record.clone(),
                label: label.clone(),
                tags: tags.clone(),
                entry,
            };
            (format!("{path}.records[{j}]"), entry)
        })
        .collect())
}

fn optional_string(
    object: &Map<String, Value>,
    key: &str,
    path: &str,
) -> Result<Option<String>, WorkbenchError> {
    match object.get(key) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(s)) => Ok(Some(s.clone())),
        Some(_) => Err(malformed(&format!("{path}.{key}"), "expected text")),
    }
}

fn malformed(path: &str, detail: &str) -> WorkbenchError {
    WorkbenchError::Malformed {
        path: path.to_string(),
        detail: detail.to_string(),
    }
}
