//! The plan the results suggest: red lines first, then the questions behind the ranked gaps,
//! each with a default owner and deadline.
//!
//! Default owners (责任人), from the bank's roles:
//! - a red line: the `secretary` (书记, 第一责任人);
//! - a question behind a gap: the committee member whose work the dimension is, by the usual
//!   division of a 支委会 (《条例》: 组织委员、宣传委员、纪检委员): `political` →
//!   `publicity_member`; `organisation`, `org_life`, `members` → `organisation_member`;
//!   `discipline` → `discipline_member`; `resources` → `party_affairs_staff`;
//!   `integration` and `secretary` → `secretary`; a dimension not in this table → `secretary`;
//! - a branch with the modifier `small` (fewer than 7 full members) has no committee: what
//!   would go to a committee member goes to the `secretary`;
//! - a role the bank does not have falls back to `secretary`, and to
//!   [`Owner::Unassigned`] (待定) when the bank has no `secretary` either;
//! - an item the branch types in: [`Owner::Unassigned`].
//!
//! Default deadlines, from the day the item is listed: a red line [`RED_LINE_MONTHS`] (1)
//! month; the questions of the first-ranked gap [`FIRST_GAP_MONTHS`] (3) months; the other
//! gaps' questions and typed-in items [`OTHER_MONTHS`] (6) months. The day is clamped to the
//! end of a shorter month (2026-01-31 + 1 month = 2026-02-28).

use std::collections::BTreeSet;

use crate::assess::{applies_to, Answers, Assessment, Selection};
use crate::bank::{Bank, Question, QuestionIndex};

use super::dates::Date;
use super::model::{ItemKind, Owner, Plan, PlanItem, Status, MAX_ITEMS};

/// Months from listing to the default deadline of a red line.
pub const RED_LINE_MONTHS: u32 = 1;
/// Months from listing to the default deadline of a question behind the first-ranked gap.
pub const FIRST_GAP_MONTHS: u32 = 3;
/// Months from listing to the default deadline of any other item.
pub const OTHER_MONTHS: u32 = 6;

/// The role who answers for red lines, and for what has no other owner.
const SECRETARY: &str = "secretary";
/// The modifier of a branch without a committee (fewer than 7 full members).
const NO_COMMITTEE: &str = "small";
/// Roles that exist only where the branch has a committee.
const COMMITTEE_ROLES: [&str; 3] = [
    "organisation_member",
    "publicity_member",
    "discipline_member",
];
/// Whose work each dimension of the default bank is.
const DIMENSION_ROLES: [(&str, &str); 8] = [
    ("political", "publicity_member"),
    ("organisation", "organisation_member"),
    ("org_life", "organisation_member"),
    ("members", "organisation_member"),
    ("integration", SECRETARY),
    ("discipline", "discipline_member"),
    ("secretary", SECRETARY),
    ("resources", "party_affairs_staff"),
];

/// The self-check a plan is built from and read against: the bank, the branch's choices,
/// its answers and their assessment (`assess(bank, selection, answers)`).
#[derive(Debug, Clone, Copy)]
pub struct Results<'a> {
    pub bank: &'a Bank,
    pub selection: &'a Selection,
    pub answers: &'a Answers,
    pub assessment: &'a Assessment,
    /// The bank's questions by id, when the caller keeps one (see [`Results::indexed`]).
    index: Option<&'a QuestionIndex>,
}

impl<'a> Results<'a> {
    pub fn new(
        bank: &'a Bank,
        selection: &'a Selection,
        answers: &'a Answers,
        assessment: &'a Assessment,
    ) -> Results<'a> {
        Results {
            bank,
            selection,
            answers,
            assessment,
            index: None,
        }
    }

    /// The same results, finding questions through `index` (of this bank) instead of a scan
    /// of the bank: a plan of 200 items on a 2,000-question bank looks questions up often.
    pub fn indexed(self, index: &'a QuestionIndex) -> Results<'a> {
        Results {
            index: Some(index),
            ..self
        }
    }

    /// The bank's question with this id.
    pub(crate) fn question(&self, id: &str) -> Option<&'a Question> {
        match self.index {
            Some(index) => index.question(self.bank, id),
            None => self.bank.questions.iter().find(|q| q.id == id),
        }
    }

    /// Whether the question is asked of this branch now.
    pub(crate) fn asks(&self, question: &Question) -> bool {
        self.bank
            .categories
            .iter()
            .any(|c| c.id == self.selection.category)
            && applies_to(&question.applies, self.selection)
    }

    /// Whether the question is a triggered red line now.
    pub(crate) fn red_line(&self, question: &str) -> bool {
        self.assessment
            .red_lines
            .iter()
            .any(|hit| hit.question == question)
    }

    /// The questions behind a gap now. (Sets of `String` throughout the plan: the widget
    /// has their code already, and a set of another type would add its own.)
    pub(crate) fn behind_gaps(&self) -> BTreeSet<String> {
        crate::order::set_from(
            self.assessment
                .gaps
                .iter()
                .flat_map(|gap| gap.questions.iter().map(|q| q.question.clone())),
        )
    }
}

/// A problem the results raise, in plan order.
struct Found<'b> {
    question: &'b Question,
    kind: ItemKind,
    months: u32,
}

/// The problems of the results in plan order: the triggered red lines in the assessment's
/// order, then the questions of each gap (gaps in rank order, questions worst first), each
/// question once; the first [`MAX_ITEMS`] only. That is all a plan can take: of the first
/// `MAX_ITEMS`, at most as many as a plan has items are in it already, so the rest are
/// enough to fill it (a gap on a 2,000-question bank lists hundreds of questions).
fn found<'b>(results: &Results<'b>) -> Vec<Found<'b>> {
    let mut out: Vec<Found<'b>> = Vec::with_capacity(MAX_ITEMS);
    let mut listed: BTreeSet<String> = BTreeSet::new();
    let mut add = |out: &mut Vec<Found<'b>>, id: &str, kind, months| {
        if out.len() >= MAX_ITEMS {
            return;
        }
        if let Some(question) = results.question(id) {
            if listed.insert(question.id.clone()) {
                out.push(Found {
                    question,
                    kind,
                    months,
                });
            }
        }
    };
    for hit in &results.assessment.red_lines {
        add(&mut out, &hit.question, ItemKind::RedLine, RED_LINE_MONTHS);
    }
    for (rank, gap) in results.assessment.gaps.iter().enumerate() {
        let months = if rank == 0 {
            FIRST_GAP_MONTHS
        } else {
            OTHER_MONTHS
        };
        for shortfall in &gap.questions {
            add(&mut out, &shortfall.question, ItemKind::Gap, months);
        }
    }
    out
}

/// The plan the results suggest, made `today`: every triggered red line, then every question
/// behind a gap (see the module's notes for owners and deadlines), all not started. At most
/// [`MAX_ITEMS`] items: the least severe are left out beyond that.
pub fn build_plan(results: &Results, today: Date) -> Plan {
    let mut plan = Plan::new(today);
    plan.add_missing(results, today);
    plan
}

impl Plan {
    /// Adds the problems of the results that are not in the plan yet (by question), with the
    /// defaults of [`build_plan`], keeping every item already there as it is. A new red
    /// line goes before the first item that is not a red line; a new gap item at the end.
    /// An item the branch removed comes back if the results still raise it. Gives how many
    /// items were added (none beyond [`MAX_ITEMS`]).
    pub fn add_missing(&mut self, results: &Results, today: Date) -> usize {
        let mut added = 0;
        let mut planned: BTreeSet<String> =
            crate::order::set_from(self.items.iter().filter_map(|item| item.question.clone()));
        for f in found(results) {
            if self.items.len() >= MAX_ITEMS {
                break;
            }
            if !planned.insert(f.question.id.clone()) {
                continue;
            }
            let item = PlanItem {
                id: PlanItem::question_id(&f.question.id),
                kind: f.kind,
                question: Some(f.question.id.clone()),
                dimension: Some(f.question.dimension.clone()),
                problem: None,
                measure: None,
                owner: default_owner(results.bank, results.selection, f.kind, f.question),
                deadline: today.add_months(f.months).to_string(),
                status: Status::NotStarted,
                closed_on: None,
                carried_from: None,
            };
            match f.kind {
                ItemKind::RedLine => {
                    let at = self
                        .items
                        .iter()
                        .position(|i| i.kind != ItemKind::RedLine)
                        .unwrap_or(self.items.len());
                    self.items.insert(at, item);
                }
                _ => self.items.push(item),
            }
            added += 1;
        }
        added
    }
}

/// Who answers for an item by default (see the module's notes).
fn default_owner(bank: &Bank, selection: &Selection, kind: ItemKind, question: &Question) -> Owner {
    let has = |role: &str| bank.roles.iter().any(|r| r.id == role);
    let role = match kind {
        ItemKind::RedLine | ItemKind::Custom => SECRETARY,
        ItemKind::Gap => DIMENSION_ROLES
            .iter()
            .find(|(dimension, _)| *dimension == question.dimension)
            .map_or(SECRETARY, |(_, role)| role),
    };
    let no_committee = selection.modifiers.contains(NO_COMMITTEE);
    let role = if no_committee && COMMITTEE_ROLES.contains(&role) {
        SECRETARY
    } else {
        role
    };
    if has(role) {
        Owner::Role(role.to_string())
    } else if has(SECRETARY) {
        Owner::Role(SECRETARY.to_string())
    } else {
        Owner::Unassigned
    }
}

/// The default deadline of an item the branch types in.
pub(crate) fn custom_deadline(today: Date) -> String {
    today.add_months(OTHER_MONTHS).to_string()
}
