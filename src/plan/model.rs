//! The rectification plan (整改台账) as kept in records and the saved state.

use serde::{Deserialize, Serialize};

use super::dates::Date;

/// At most this many items in a plan; a file with more is refused, and `add_custom` stops
/// there. A plan from the default bank lists at most one item per question it asks (≤ 90).
pub const MAX_ITEMS: usize = 200;
/// Typed problems and measures are cut to this many characters.
pub const MAX_TEXT_CHARS: usize = 500;
/// Typed owner names are cut to this many characters.
pub const MAX_NAME_CHARS: usize = 40;

/// A branch's rectification plan: its problem list (问题清单), measures (整改清单) and owners
/// and deadlines (责任清单), as one ledger whose items are closed (销号) one by one.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Plan {
    /// The ISO date the plan was first built.
    pub made: String,
    /// In the branch's order: the lists number them so.
    pub items: Vec<PlanItem>,
}

/// One problem with what the branch will do about it, who, and by when.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlanItem {
    /// `q:<question id>` for a bank question's item, `c:<n>` for one the branch typed in;
    /// unique in the plan.
    pub id: String,
    pub kind: ItemKind,
    /// The bank question behind the item (`None` for a typed-in one).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub question: Option<String>,
    /// The dimension's id: the question's, or one the branch chose for a typed-in item.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dimension: Option<String>,
    /// The problem as typed; `None` is the bank question's text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub problem: Option<String>,
    /// The measure as typed; `None` is the bank question's improvement step (`improve`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub measure: Option<String>,
    pub owner: Owner,
    /// ISO date.
    pub deadline: String,
    pub status: Status,
    /// The ISO date it was closed (销号), while it is closed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub closed_on: Option<String>,
    /// The `made` date of the plan it was first listed in, when carried over from an earlier
    /// self-check.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub carried_from: Option<String>,
}

/// Why an item is in the plan.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ItemKind {
    /// A red-line question that was triggered (红线).
    RedLine,
    /// A question behind a gap (差距).
    Gap,
    /// Typed in by the branch (自行列入).
    Custom,
}

/// Who answers for an item (责任人).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Owner {
    /// A role of the bank (`bank.roles`), by id: `{"role": "secretary"}`.
    Role(String),
    /// A person or office as typed: `{"named": "张三"}`.
    Named(String),
    /// Not decided yet (待定): `"unassigned"`.
    Unassigned,
}

/// Where an item stands (整改进度).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// 未开始
    NotStarted,
    /// 进行中
    InProgress,
    /// 已销号
    Closed,
}

impl Plan {
    /// An empty plan made on `today`.
    pub fn new(today: Date) -> Plan {
        Plan {
            made: today.to_string(),
            items: Vec::new(),
        }
    }

    /// The item with this id.
    pub fn item(&self, id: &str) -> Option<&PlanItem> {
        self.items.iter().find(|item| item.id == id)
    }

    /// Items closed (已销号).
    pub fn closed_count(&self) -> usize {
        self.items.iter().filter(|item| item.is_closed()).count()
    }

    /// Items not closed yet.
    pub fn open_count(&self) -> usize {
        self.items.len() - self.closed_count()
    }
}

impl PlanItem {
    /// The id of the item of a bank question.
    pub fn question_id(question: &str) -> String {
        format!("q:{question}")
    }

    pub fn is_closed(&self) -> bool {
        self.status == Status::Closed
    }

    /// Open, and its deadline is before `today`.
    pub fn is_overdue(&self, today: Date) -> bool {
        !self.is_closed() && Date::parse(&self.deadline).is_some_and(|d| d < today)
    }
}
