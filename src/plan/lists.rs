//! The plan in words, one row per item, as the screen, the printed lists (问题清单、整改清单、
//! 责任清单) and the .docx show it: every text in the reader's language.

use crate::bank::{Locale, Question};
use crate::numbers::fixed;
use crate::ui_logic::labels::answer_label;
use crate::ui_logic::text::tr;

use super::build::Results;
use super::carry::offer_closing;
use super::model::{ItemKind, Owner, Plan, PlanItem, Status};

/// One item of the plan, in words.
#[derive(Debug, Clone, PartialEq)]
pub struct ListRow {
    /// 1, 2, 3 … in plan order.
    pub number: usize,
    pub id: String,
    pub kind: ItemKind,
    /// 红线 / 差距 / 自行列入.
    pub kind_text: String,
    /// The typed problem, else the bank question's text.
    pub problem: String,
    /// The dimension's name, if the item has one.
    pub dimension: Option<String>,
    /// The current answer in words (a level's label, 是/否, "2 次（要求 4 次）", 不适用),
    /// 未作答 when unanswered, 本次未问 when the question is not asked now; `None` for a
    /// typed-in item.
    pub answer: Option<String>,
    /// The question is a triggered red line now.
    pub red_line: bool,
    /// The dimension's score now, and its target (`None` when not scored / no dimension).
    pub score: Option<f64>,
    pub target: Option<f64>,
    /// Where it stands, in one line: red line triggered, the answer, the dimension's score
    /// against its target.
    pub standing: String,
    /// What counts as evidence (the question's `help`).
    pub evidence: Option<String>,
    /// The typed measure, else the bank's improvement step (empty when neither).
    pub measure: String,
    /// What the bank says to do at once about a red line (its `message`), for a red-line
    /// item or a question that is a triggered red line now.
    pub red_line_action: Option<String>,
    /// The role's name, the typed name, or 待定.
    pub owner: String,
    /// ISO date.
    pub deadline: String,
    pub status: Status,
    /// 未开始 / 进行中 / 已销号.
    pub status_text: String,
    pub closed_on: Option<String>,
    /// The date of the plan the item was first listed in, when carried over.
    pub carried_from: Option<String>,
    /// Open, and its question now meets its target: it may be closed (see `offer_closing`).
    pub meets_target: bool,
}

/// The rows of the plan read against the current results, in plan order.
pub fn lists(results: &Results, plan: &Plan, locale: Locale) -> Vec<ListRow> {
    let offered = offer_closing(results, plan);
    plan.items
        .iter()
        .enumerate()
        .map(|(i, item)| row(results, item, i + 1, offered.contains(&item.id), locale))
        .collect()
}

fn row(results: &Results, item: &PlanItem, number: usize, offered: bool, l: Locale) -> ListRow {
    let bank = results.bank;
    let question = item.question.as_deref().and_then(|q| results.question(q));
    let dimension_id = question
        .map(|q| q.dimension.as_str())
        .or(item.dimension.as_deref());
    let dimension = dimension_id.map(|id| {
        bank.dimensions
            .iter()
            .find(|d| d.id == id)
            .map_or_else(|| id.to_string(), |d| d.name.get(l).to_string())
    });
    let result = dimension_id.and_then(|id| results.assessment.dimension(id));
    let score = result.and_then(|d| d.score);
    let target = result.map(|d| d.target);
    let red_line = question.is_some_and(|q| results.red_line(&q.id));
    let answer = question.map(|q| answer_text(results, q, l));

    let mut standing = Vec::new();
    if red_line {
        standing.push(l.pick("红线已触发", "Red line triggered").to_string());
    }
    if let Some(answer) = &answer {
        standing.push(tr!(l, "作答：{answer}", "Answer: {answer}"));
    }
    match (score, target) {
        (Some(s), Some(t)) => standing.push(tr!(
            l,
            "维度得分 {} / 目标 {}",
            "Dimension score {} / target {}",
            fixed(s, 1),
            fixed(t, 0)
        )),
        (None, Some(t)) => standing.push(tr!(
            l,
            "维度未评分 / 目标 {}",
            "Dimension not scored / target {}",
            fixed(t, 0)
        )),
        _ => {}
    }
    let standing = if standing.is_empty() {
        "—".to_string()
    } else {
        standing.join(l.pick("；", "; "))
    };

    let problem = match (&item.problem, question) {
        (Some(text), _) => text.clone(),
        (None, Some(q)) => q.text.get(l).to_string(),
        (None, None) => item.question.clone().unwrap_or_default(),
    };
    let measure = match (&item.measure, question) {
        (Some(text), _) => text.clone(),
        (None, Some(q)) => q
            .improve
            .as_ref()
            .map(|t| t.get(l).to_string())
            .unwrap_or_default(),
        (None, None) => String::new(),
    };
    let red_line_action = question
        .filter(|_| red_line || item.kind == ItemKind::RedLine)
        .and_then(|q| q.red_line.as_ref())
        .map(|r| r.message.get(l).to_string());
    let owner = match &item.owner {
        Owner::Role(id) => bank
            .roles
            .iter()
            .find(|r| &r.id == id)
            .map_or_else(|| id.clone(), |r| r.name.get(l).to_string()),
        Owner::Named(name) => name.clone(),
        Owner::Unassigned => l.pick("待定", "Unassigned").to_string(),
    };

    ListRow {
        number,
        id: item.id.clone(),
        kind: item.kind,
        kind_text: kind_text(item.kind, l).to_string(),
        problem,
        dimension,
        answer,
        red_line,
        score,
        target,
        standing,
        evidence: question
            .and_then(|q| q.help.as_ref())
            .map(|t| t.get(l).to_string()),
        measure,
        red_line_action,
        owner,
        deadline: item.deadline.clone(),
        status: item.status,
        status_text: status_text(item.status, l).to_string(),
        closed_on: item.closed_on.clone(),
        carried_from: item.carried_from.clone(),
        meets_target: offered,
    }
}

/// The current answer to a question, in words.
fn answer_text(results: &Results, question: &Question, l: Locale) -> String {
    if !results.asks(question) {
        return l.pick("本次未问", "Not asked this time").to_string();
    }
    match results.answers.get(&question.id) {
        Some(answer) => {
            let label = answer_label(question, *answer, l);
            if label.is_empty() {
                l.pick("答案无效", "Answer not valid").to_string()
            } else {
                label
            }
        }
        None => l.pick("未作答", "Not answered").to_string(),
    }
}

/// Why an item is listed, in words.
pub fn kind_text(kind: ItemKind, l: Locale) -> &'static str {
    match kind {
        ItemKind::RedLine => l.pick("红线", "Red line"),
        ItemKind::Gap => l.pick("差距", "Gap"),
        ItemKind::Custom => l.pick("自行列入", "Added by the branch"),
    }
}

/// An item's progress, in words.
pub fn status_text(status: Status, l: Locale) -> &'static str {
    match status {
        Status::NotStarted => l.pick("未开始", "Not started"),
        Status::InProgress => l.pick("进行中", "In progress"),
        Status::Closed => l.pick("已销号", "Closed"),
    }
}
