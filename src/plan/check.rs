//! What may be in a plan, checked on every edit and on every plan read from a file or from
//! storage, and how to say what is wrong (English `Display` for logs, `message` for the page).

use crate::bank::{Bank, Locale};
use crate::json::key_path;

use super::dates::Date;
use super::model::{
    ItemKind, Owner, Plan, PlanItem, Status, MAX_ITEMS, MAX_NAME_CHARS, MAX_TEXT_CHARS,
};

/// Why an edit was refused, or what is wrong with a plan read back.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PlanError {
    /// No item has this id.
    #[error("the plan has no item `{id}`")]
    NoSuchItem { id: String },
    /// A text that must be given is empty.
    #[error("the text is empty")]
    EmptyText,
    /// Longer than the limit (files only: edits cut the text).
    #[error("the text is longer than {max} characters")]
    TooLong { max: usize },
    /// Not a date (edits), or not an ISO date `YYYY-MM-DD` (files).
    #[error("`{text}` is not a valid date (year-month-day, e.g. 2026-03-31)")]
    NotADate { text: String },
    /// Only an item the branch typed in can be changed so.
    #[error("only an item typed in by the branch can be changed so")]
    NotCustom { id: String },
    #[error("a plan has at most {max} items")]
    TooManyItems { max: usize },
    #[error("item id `{id}` is used twice")]
    DuplicateId { id: String },
    /// The id does not fit the item: `q:<question>` for a red line or gap of that question,
    /// `c:<n>` (n ≥ 1) for a typed-in item without a question.
    #[error("item id `{id}` does not fit the item (`q:<question id>` or `c:<number>`)")]
    BadId { id: String },
    /// A closed item without the date it was closed, or an open one with one.
    #[error("a closed item needs `closed_on`, and only a closed item has one")]
    ClosedOnMismatch,
    #[error("the bank has no question `{id}`")]
    UnknownQuestion { id: String },
    #[error("the bank has no role `{id}`")]
    UnknownRole { id: String },
    #[error("the bank has no dimension `{id}`")]
    UnknownDimension { id: String },
}

impl PlanError {
    /// What to tell the user, in their language.
    pub fn message(&self, locale: Locale) -> String {
        match self {
            PlanError::NoSuchItem { id } => locale.pick(
                format!("整改台账中没有这一项（{id}）。"),
                format!("The plan has no item {id}."),
            ),
            PlanError::EmptyText => locale.pick(
                "请填写内容，不能为空。".into(),
                "Please enter some text; it cannot be empty.".into(),
            ),
            PlanError::TooLong { max } => locale.pick(
                format!("内容超过 {max} 个字。"),
                format!("The text is longer than {max} characters."),
            ),
            PlanError::NotADate { text } => locale.pick(
                format!("“{text}”不是有效的日期，请按“年-月-日”填写，例如 2026-03-31。"),
                format!(
                    "“{text}” is not a valid date; please write year-month-day, e.g. 2026-03-31."
                ),
            ),
            PlanError::NotCustom { .. } => locale.pick(
                "只有自行列入的事项可以这样修改。".into(),
                "Only an item the branch added itself can be changed this way.".into(),
            ),
            PlanError::TooManyItems { max } => locale.pick(
                format!("整改台账最多 {max} 项。"),
                format!("A plan has at most {max} items."),
            ),
            PlanError::DuplicateId { id } => locale.pick(
                format!("事项编号 {id} 重复。"),
                format!("The item id {id} is used twice."),
            ),
            PlanError::BadId { id } => locale.pick(
                format!("事项编号 {id} 与事项内容不符。"),
                format!("The item id {id} does not fit the item."),
            ),
            PlanError::ClosedOnMismatch => locale.pick(
                "已销号的事项须有销号日期，未销号的事项不能有销号日期。".into(),
                "A closed item needs the date it was closed, and only a closed item has one."
                    .into(),
            ),
            PlanError::UnknownQuestion { id } => locale.pick(
                format!("题库中没有题目 {id}。"),
                format!("The question bank has no question {id}."),
            ),
            PlanError::UnknownRole { id } => locale.pick(
                format!("题库中没有角色 {id}。"),
                format!("The question bank has no role {id}."),
            ),
            PlanError::UnknownDimension { id } => locale.pick(
                format!("题库中没有维度 {id}。"),
                format!("The question bank has no dimension {id}."),
            ),
        }
    }
}

/// A typed text as the plan keeps it: trimmed, cut to `max_chars` characters, `None` when
/// nothing is left.
pub fn fit_text(text: &str, max_chars: usize) -> Option<String> {
    let text = text.trim();
    let cut = match text.char_indices().nth(max_chars) {
        Some((end, _)) => text[..end].trim_end(),
        None => text,
    };
    (!cut.is_empty()).then(|| cut.to_string())
}

/// A problem and where it is (a path under the plan's own path).
pub type Located = (String, PlanError);

impl Plan {
    /// Whether the plan is one this widget could have written, whatever the bank: dates
    /// are ISO dates, ids fit their items and are unique, texts are not empty and within
    /// their limits, a closed item has its closing date. `path` is where the plan is
    /// (`$.plan`); the first problem comes back with its own path, e.g.
    /// `$.plan.items[3].deadline`.
    pub fn check(&self, path: &str) -> Result<(), Located> {
        let at = |field: &str| key_path(path, field);
        if Date::parse(&self.made).is_none() {
            return Err((at("made"), not_a_date(&self.made)));
        }
        if self.items.len() > MAX_ITEMS {
            return Err((at("items"), PlanError::TooManyItems { max: MAX_ITEMS }));
        }
        for (i, item) in self.items.iter().enumerate() {
            let path = format!("{}[{i}]", at("items"));
            if self.items[..i].iter().any(|other| other.id == item.id) {
                return Err((
                    key_path(&path, "id"),
                    PlanError::DuplicateId {
                        id: item.id.clone(),
                    },
                ));
            }
            check_item(item).map_err(|(field, e)| (key_path(&path, field), e))?;
        }
        Ok(())
    }

    /// Whether every question, dimension and role the plan names is in `bank`. `path` as for
    /// [`check`](Plan::check).
    pub fn check_bank(&self, bank: &Bank, path: &str) -> Result<(), Located> {
        for (i, item) in self.items.iter().enumerate() {
            let at = |field| key_path(&format!("{}[{i}]", key_path(path, "items")), field);
            if let Some(id) = &item.question {
                if !bank.questions.iter().any(|q| &q.id == id) {
                    return Err((
                        at("question"),
                        PlanError::UnknownQuestion { id: id.clone() },
                    ));
                }
            }
            if let Some(id) = &item.dimension {
                if !bank.dimensions.iter().any(|d| &d.id == id) {
                    return Err((
                        at("dimension"),
                        PlanError::UnknownDimension { id: id.clone() },
                    ));
                }
            }
            if let Owner::Role(id) = &item.owner {
                if !bank.roles.iter().any(|r| &r.id == id) {
                    return Err((at("owner"), PlanError::UnknownRole { id: id.clone() }));
                }
            }
        }
        Ok(())
    }
}

/// The first problem of one item, with the field it is in.
fn check_item(item: &PlanItem) -> Result<(), (&'static str, PlanError)> {
    let bad_id = || PlanError::BadId {
        id: item.id.clone(),
    };
    let id_fits = match (item.kind, &item.question) {
        (ItemKind::Custom, None) => custom_number(&item.id).is_some(),
        (ItemKind::RedLine | ItemKind::Gap, Some(q)) => {
            !q.is_empty() && item.id.strip_prefix("q:") == Some(q.as_str())
        }
        _ => false,
    };
    if !id_fits {
        return Err(("id", bad_id()));
    }
    if item.dimension.as_deref() == Some("") {
        return Err(("dimension", PlanError::EmptyText));
    }
    match (&item.problem, item.kind) {
        (None, ItemKind::Custom) => return Err(("problem", PlanError::EmptyText)),
        (Some(text), _) => text_fits(text, MAX_TEXT_CHARS).map_err(|e| ("problem", e))?,
        (None, _) => {}
    }
    if let Some(text) = &item.measure {
        text_fits(text, MAX_TEXT_CHARS).map_err(|e| ("measure", e))?;
    }
    match &item.owner {
        Owner::Named(name) => text_fits(name, MAX_NAME_CHARS).map_err(|e| ("owner", e))?,
        Owner::Role(id) if id.is_empty() => return Err(("owner", PlanError::EmptyText)),
        Owner::Role(_) | Owner::Unassigned => {}
    }
    if Date::parse(&item.deadline).is_none() {
        return Err(("deadline", not_a_date(&item.deadline)));
    }
    match (&item.closed_on, item.status) {
        (Some(date), Status::Closed) if Date::parse(date).is_none() => {
            return Err(("closed_on", not_a_date(date)));
        }
        (Some(_), Status::Closed) => {}
        (None, Status::Closed) => return Err(("closed_on", PlanError::ClosedOnMismatch)),
        (Some(_), _) => return Err(("closed_on", PlanError::ClosedOnMismatch)),
        (None, _) => {}
    }
    if let Some(date) = &item.carried_from {
        if Date::parse(date).is_none() {
            return Err(("carried_from", not_a_date(date)));
        }
    }
    Ok(())
}

/// `n` of a typed-in item's id `c:<n>` (n ≥ 1, no leading zero).
pub(crate) fn custom_number(id: &str) -> Option<u32> {
    let digits = id.strip_prefix("c:")?;
    if digits.starts_with('0') || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    digits.parse().ok()
}

/// A kept text: not blank, within `max` characters.
fn text_fits(text: &str, max: usize) -> Result<(), PlanError> {
    if text.trim().is_empty() {
        Err(PlanError::EmptyText)
    } else if text.chars().count() > max {
        Err(PlanError::TooLong { max })
    } else {
        Ok(())
    }
}

fn not_a_date(text: &str) -> PlanError {
    PlanError::NotADate {
        text: crate::json::truncate(text),
    }
}
