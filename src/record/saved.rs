//! The saved state: what the widget keeps in local storage while a branch answers, and
//! restoring it without ever failing.

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use crate::assess::{credit, Answer, AnswerError, Answers, Selection};
use crate::bank::{Bank, Locale};
use crate::json::{kind_of, FromValue};
use crate::plan::{read_plan, Plan};

use super::errors::answer_error_message;
use super::export::{to_json, BankRef};

/// The saved-state format version this build writes and reads.
pub const SAVED_VERSION: u32 = 1;
/// Saved states larger than this are not read; a real one is a few kilobytes.
pub const MAX_SAVED_BYTES: usize = 1024 * 1024;
/// At most this many answers are reported one by one; the rest are counted.
const MAX_ANSWER_PROBLEMS: usize = 20;

/// What the widget keeps between visits.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SavedState {
    pub format_version: u32,
    pub bank: BankRef,
    /// `None` until the branch has chosen its category.
    pub selection: Option<Selection>,
    pub answers: Answers,
    /// The screen the user was on, as the UI names it.
    pub screen: Option<String>,
    pub unit_name: Option<String>,
    /// The language the user chose (`zh-CN` or `en`).
    #[serde(default)]
    pub locale: Option<Locale>,
    /// When the state was last written (ISO date-time, given by the UI).
    pub updated: Option<String>,
}

impl SavedState {
    /// A fresh state for this bank: nothing chosen, nothing answered.
    pub fn new(bank: &Bank) -> SavedState {
        SavedState {
            format_version: SAVED_VERSION,
            bank: BankRef::of(bank),
            selection: None,
            answers: Answers::new(),
            screen: None,
            unit_name: None,
            locale: None,
            updated: None,
        }
    }
}

/// The state as JSON, for local storage.
pub fn save_state(state: &SavedState) -> String {
    to_json(state, false)
}

/// The rectification plans kept beside the saved state (in the same stored value, as its
/// `plan` and `previous_plan` fields, each written only when there is one).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct SavedPlans {
    /// The plan of the self-check in progress.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub plan: Option<Plan>,
    /// The plan of the previous self-check, kept when the branch starts a new one in this
    /// browser, for the carry-over (`plan::carry_over`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub previous_plan: Option<Plan>,
}

/// The stored value: the state's fields, then the plans'.
#[derive(Serialize)]
struct Stored<'a> {
    #[serde(flatten)]
    state: &'a SavedState,
    #[serde(flatten)]
    plans: &'a SavedPlans,
}

/// The state and its plans as JSON, for local storage ([`save_state`] with the plans).
pub fn save_state_with_plans(state: &SavedState, plans: &SavedPlans) -> String {
    to_json(&Stored { state, plans }, false)
}

/// The result of reading a saved state: what could be kept, and what could not.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Restored {
    pub state: SavedState,
    /// The plans that could be read (a damaged one is dropped, with a problem).
    pub plans: SavedPlans,
    pub problems: Vec<SavedProblem>,
}

/// Something in a saved state that could not be restored.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SavedProblem {
    #[error("saved state of {bytes} bytes ignored")]
    TooLarge { bytes: usize },
    /// Not JSON, at this 1-based line and column.
    #[error("saved state is not JSON (line {line}, column {column})")]
    NotJson { line: usize, column: usize },
    /// The JSON stops early: the write was cut off.
    #[error("saved state is cut off")]
    Truncated,
    /// JSON, but not this widget's saved state (found: what it was instead).
    #[error("saved value is {found}, not this widget's state")]
    Foreign { found: &'static str },
    /// Written by a newer version of the widget.
    #[error("saved state version {found} is newer than this widget")]
    NewerVersion { found: u64 },
    /// Saved with another question bank.
    #[error("saved with bank `{found}`")]
    OtherBank { found: String },
    /// Saved with another version of this bank; answers that still fit are kept.
    #[error("saved with bank version `{found}`, now `{current}`")]
    BankVersionChanged { found: String, current: String },
    /// The category, modifiers and role could not be read.
    #[error("saved selection is unreadable")]
    SelectionUnreadable,
    /// The category no longer exists; the answers that depended on it were dropped.
    #[error("unknown category `{id}`; {dropped_answers} dependent answer(s) dropped")]
    UnknownCategory { id: String, dropped_answers: usize },
    #[error("unknown modifier `{id}` dropped")]
    UnknownModifier { id: String },
    #[error("unknown role `{id}` dropped")]
    UnknownRole { id: String },
    /// The answers could not be read at all.
    #[error("saved answers are unreadable")]
    AnswersUnreadable,
    /// The bank has no such question any more.
    #[error("answer to unknown question `{question}` dropped")]
    UnknownQuestion { question: String },
    /// The stored value is not an answer.
    #[error("unreadable answer to `{question}` dropped")]
    AnswerUnreadable { question: String },
    /// The answer no longer fits its question (e.g. a level that was removed).
    #[error("answer to `{question}` dropped: {why}")]
    AnswerMisfit { question: String, why: AnswerError },
    /// More answers were dropped than are listed one by one.
    #[error("{count} more answer(s) dropped")]
    MoreAnswersDropped { count: usize },
    /// The unit name could not be read.
    #[error("saved unit name is unreadable")]
    UnitNameUnreadable,
    /// A saved plan (`previous`: the previous self-check's) could not be read and was
    /// dropped; the answers are not affected.
    #[error("saved {which} dropped: {path}: {detail}", which = if *previous { "previous plan" } else { "plan" })]
    PlanUnreadable {
        previous: bool,
        path: String,
        detail: String,
    },
}

impl SavedProblem {
    /// What to tell the user, in their language.
    pub fn message(&self, locale: Locale) -> String {
        let fresh_zh = "上次的填写进度无法恢复，将从头开始。";
        let fresh_en = "Your earlier progress could not be restored; you will start afresh.";
        match self {
            SavedProblem::TooLarge { .. } => locale.pick(
                format!("浏览器中保存的数据过大。{fresh_zh}"),
                format!("The data saved in this browser is too large. {fresh_en}"),
            ),
            SavedProblem::NotJson { .. } | SavedProblem::Truncated => locale.pick(
                format!("浏览器中保存的数据已损坏。{fresh_zh}"),
                format!("The data saved in this browser is damaged. {fresh_en}"),
            ),
            SavedProblem::Foreign { .. } => locale.pick(
                format!("浏览器中保存的数据不属于本工具。{fresh_zh}"),
                format!("The data saved in this browser does not belong to this tool. {fresh_en}"),
            ),
            SavedProblem::NewerVersion { .. } => locale.pick(
                format!("上次的进度由更新版本的工具保存。{fresh_zh}"),
                format!("Your earlier progress was saved by a newer version of the tool. {fresh_en}"),
            ),
            SavedProblem::OtherBank { found } => locale.pick(
                format!("上次的进度属于另一个题库（{found}）。{fresh_zh}"),
                format!("Your earlier progress belongs to another question bank ({found}). {fresh_en}"),
            ),
            SavedProblem::BankVersionChanged { found, current } => locale.pick(
                format!("题库已从 {found} 版更新为 {current} 版，仍然适用的答案已保留，请检查后继续。"),
                format!("The question bank was updated from version {found} to {current}. Answers that still fit were kept; please review them."),
            ),
            SavedProblem::SelectionUnreadable => locale.pick(
                "上次选择的支部类别无法读取，请重新选择。".into(),
                "Your earlier choice of branch category could not be read; please choose again.".into(),
            ),
            SavedProblem::UnknownCategory { id, dropped_answers } => locale.pick(
                format!("上次选择的支部类别（{id}）在当前题库中已不存在，请重新选择；与该类别相关的 {dropped_answers} 个答案未能恢复。"),
                format!("The branch category you chose before ({id}) no longer exists in the question bank; please choose again. {dropped_answers} answer(s) that depended on it were not restored."),
            ),
            SavedProblem::UnknownModifier { id } => locale.pick(
                format!("上次选择的特殊情形（{id}）已不存在，已取消。"),
                format!("The situation you chose before ({id}) no longer exists and was removed."),
            ),
            SavedProblem::UnknownRole { id } => locale.pick(
                format!("上次选择的角色（{id}）已不存在，已取消。"),
                format!("The role you chose before ({id}) no longer exists and was removed."),
            ),
            SavedProblem::AnswersUnreadable => locale.pick(
                "上次保存的答案无法读取，需要重新填写。".into(),
                "Your earlier answers could not be read and need to be given again.".into(),
            ),
            SavedProblem::UnknownQuestion { question } => locale.pick(
                format!("题目 {question} 已从题库中删除，它的答案未恢复。"),
                format!("Question {question} was removed from the question bank; its answer was not restored."),
            ),
            SavedProblem::AnswerUnreadable { question } => locale.pick(
                format!("题目 {question} 的答案已损坏，请重新作答。"),
                format!("The answer to question {question} was damaged; please answer it again."),
            ),
            SavedProblem::AnswerMisfit { question, why } => locale.pick(
                format!("题目 {question} 已修改，原答案不再适用（{}），请重新作答。", answer_error_message(why, locale)),
                format!("Question {question} has changed and the earlier answer no longer fits ({}); please answer it again.", answer_error_message(why, locale)),
            ),
            SavedProblem::MoreAnswersDropped { count } => locale.pick(
                format!("另有 {count} 个答案未能恢复。"),
                format!("{count} more answer(s) could not be restored."),
            ),
            SavedProblem::UnitNameUnreadable => locale.pick(
                "上次填写的单位名称无法读取，请重新填写。".into(),
                "The unit name you entered before could not be read; please enter it again.".into(),
            ),
            SavedProblem::PlanUnreadable { previous: false, .. } => locale.pick(
                "上次保存的整改台账已损坏，未能恢复，请重新生成；自查答案不受影响。".into(),
                "The rectification plan saved before is damaged and could not be restored; please make it again. Your answers are not affected.".into(),
            ),
            SavedProblem::PlanUnreadable { previous: true, .. } => locale.pick(
                "上一次自查的整改台账已损坏，未能恢复，本次无法据此核对上次的整改事项；自查答案不受影响。".into(),
                "The rectification plan of your previous self-check is damaged and could not be restored, so this check cannot follow up its items. Your answers are not affected.".into(),
            ),
        }
    }
}

/// Reads a saved state, keeping whatever still fits `bank`. Never fails: anything that
/// cannot be kept is left out and named in `problems`.
pub fn restore_state(bank: &Bank, text: &str) -> Restored {
    let mut problems = Vec::new();
    let mut plans = SavedPlans::default();
    let state =
        read_state(bank, text, &mut plans, &mut problems).unwrap_or_else(|| SavedState::new(bank));
    Restored {
        state,
        plans,
        problems,
    }
}

/// The state, or `None` (with a problem) when nothing of it can be kept.
fn read_state(
    bank: &Bank,
    text: &str,
    plans: &mut SavedPlans,
    problems: &mut Vec<SavedProblem>,
) -> Option<SavedState> {
    if text.len() > MAX_SAVED_BYTES {
        problems.push(SavedProblem::TooLarge { bytes: text.len() });
        return None;
    }
    if text.trim().is_empty() {
        return None; // nothing saved yet
    }
    let value: Value = match serde_json::from_str(text) {
        Ok(value) => value,
        Err(e) if e.classify() == serde_json::error::Category::Eof => {
            problems.push(SavedProblem::Truncated);
            return None;
        }
        Err(e) => {
            problems.push(SavedProblem::NotJson {
                line: e.line(),
                column: e.column(),
            });
            return None;
        }
    };
    let object = ours(&value, problems)?;
    let found = bank_ref(object)?;
    if found.id != bank.id {
        problems.push(SavedProblem::OtherBank { found: found.id });
        return None;
    }
    if found.version != bank.version {
        problems.push(SavedProblem::BankVersionChanged {
            found: found.version,
            current: bank.version.clone(),
        });
    }

    let mut state = SavedState::new(bank);
    let (selection, lost) = read_selection(bank, object.get("selection"), problems);
    state.selection = selection;
    state.answers = read_answers(bank, object.get("answers"), problems);
    if let Some(lost_category) = lost {
        // The selection is gone: so is whatever was asked only because of it.
        let before = state.answers.len();
        state.answers.retain(|id, _| {
            bank.questions
                .iter()
                .any(|q| &q.id == id && q.applies.is_everyone())
        });
        if let Some(id) = lost_category {
            problems.push(SavedProblem::UnknownCategory {
                id,
                dropped_answers: before - state.answers.len(),
            });
        }
    } else {
        state.screen = string_field(object, "screen");
    }
    state.updated = string_field(object, "updated");
    // An unknown language is not a problem worth telling: the widget's default is used.
    state.locale = string_field(object, "locale").and_then(|tag| Locale::from_tag(&tag));
    state.unit_name = match object.get("unit_name") {
        None | Some(Value::Null) => None,
        Some(Value::String(name)) => Some(name.clone()),
        Some(_) => {
            problems.push(SavedProblem::UnitNameUnreadable);
            None
        }
    };
    plans.plan = saved_plan(bank, object, "plan", problems);
    plans.previous_plan = saved_plan(bank, object, "previous_plan", problems);
    Some(state)
}

/// The plan kept under `key`, fitted to the bank (an updated bank may have dropped a
/// question or role it names), or `None`: none saved, or dropped with a problem.
fn saved_plan(
    bank: &Bank,
    object: &Map<String, Value>,
    key: &str,
    problems: &mut Vec<SavedProblem>,
) -> Option<Plan> {
    let value = object.get(key).filter(|v| !v.is_null())?;
    match read_plan(value, &format!("$.{key}")) {
        Ok(mut plan) => {
            plan.fit_bank(bank);
            Some(plan)
        }
        Err((path, detail)) => {
            problems.push(SavedProblem::PlanUnreadable {
                previous: key == "previous_plan",
                path,
                detail,
            });
            None
        }
    }
}

/// The object, if it is this widget's saved state of a version this build reads.
fn ours<'a>(value: &'a Value, problems: &mut Vec<SavedProblem>) -> Option<&'a Map<String, Value>> {
    let foreign = |found| SavedProblem::Foreign { found };
    let Some(object) = value.as_object() else {
        problems.push(foreign(kind_of(value)));
        return None;
    };
    let version = object.get("format_version").and_then(Value::as_u64);
    match version {
        Some(v) if bank_ref(object).is_some() && (1..=u64::from(SAVED_VERSION)).contains(&v) => {
            Some(object)
        }
        Some(v) if bank_ref(object).is_some() && v > u64::from(SAVED_VERSION) => {
            problems.push(SavedProblem::NewerVersion { found: v });
            None
        }
        _ => {
            problems.push(foreign("an object of another kind"));
            None
        }
    }
}

/// The bank the state names. Its parts are read with the record's readers (import.rs), not
/// with serde's derived code, which would otherwise be in the wasm for this alone.
fn bank_ref(object: &Map<String, Value>) -> Option<BankRef> {
    BankRef::read(object.get("bank")?, "$.bank", &mut Vec::new())
}

fn string_field(object: &Map<String, Value>, key: &str) -> Option<String> {
    object.get(key).and_then(Value::as_str).map(str::to_string)
}

/// The selection that still fits the bank. The second value is `Some` when a saved
/// selection was lost, naming its category when that is why.
fn read_selection(
    bank: &Bank,
    value: Option<&Value>,
    problems: &mut Vec<SavedProblem>,
) -> (Option<Selection>, Option<Option<String>>) {
    let value = match value {
        None | Some(Value::Null) => return (None, None),
        Some(value) => value,
    };
    let Some(mut selection) = Selection::read(value, "$.selection", &mut Vec::new()) else {
        problems.push(SavedProblem::SelectionUnreadable);
        return (None, Some(None));
    };
    if !bank.categories.iter().any(|c| c.id == selection.category) {
        return (None, Some(Some(selection.category)));
    }
    selection.modifiers.retain(|m| {
        let known = bank.modifiers.iter().any(|known| &known.id == m);
        if !known {
            problems.push(SavedProblem::UnknownModifier { id: m.clone() });
        }
        known
    });
    if let Some(role) = &selection.role {
        if !bank.roles.iter().any(|r| &r.id == role) {
            problems.push(SavedProblem::UnknownRole { id: role.clone() });
            selection.role = None;
        }
    }
    (Some(selection), None)
}

/// The answers that still fit their question, each misfit dropped with a problem.
fn read_answers(bank: &Bank, value: Option<&Value>, problems: &mut Vec<SavedProblem>) -> Answers {
    let entries = match value {
        None | Some(Value::Null) => return Answers::new(),
        Some(Value::Object(entries)) => entries,
        Some(_) => {
            problems.push(SavedProblem::AnswersUnreadable);
            return Answers::new();
        }
    };
    let mut answers = Answers::new();
    let mut dropped = Vec::new();
    for (id, value) in entries {
        let Some(question) = bank.questions.iter().find(|q| &q.id == id) else {
            dropped.push(SavedProblem::UnknownQuestion {
                question: id.clone(),
            });
            continue;
        };
        let Some(answer) = Answer::read(value, "$.answers", &mut Vec::new()) else {
            dropped.push(SavedProblem::AnswerUnreadable {
                question: id.clone(),
            });
            continue;
        };
        match credit(question, answer) {
            Ok(_) => {
                answers.insert(id.clone(), answer);
            }
            Err(why) => dropped.push(SavedProblem::AnswerMisfit {
                question: id.clone(),
                why,
            }),
        }
    }
    let more = dropped.len().saturating_sub(MAX_ANSWER_PROBLEMS);
    problems.extend(dropped.into_iter().take(MAX_ANSWER_PROBLEMS));
    if more > 0 {
        problems.push(SavedProblem::MoreAnswersDropped { count: more });
    }
    answers
}
