//! The next self-check answers last year's plan: open items carry over, items whose question
//! now meets its target are offered for closing (销号), new problems are added.
//!
//! - Items closed (已销号) in the previous plan are history: counted in
//!   [`CarryOver::closed_before`], not carried (the previous plan itself is kept beside the
//!   new one, in the saved state, for whoever wants to read them).
//! - Open items carry over as they were (measure, owner, status, deadline, id), with
//!   `carried_from` = the `made` date of the plan they were first listed in.
//! - An open item of a bank question is offered for closing, never closed automatically,
//!   when its question now *meets its target*: it is asked and answered now (with an
//!   answer that scores; "not applicable" does not), it is not behind any gap of the new
//!   assessment and it is not a triggered red line.
//! - The new results' problems not among the carried items are added as
//!   [`build_plan`](super::build_plan) adds them (a problem closed last year that is back
//!   comes back as a new item).
//! - An item of a question the bank no longer has becomes an item of the branch's own
//!   (`c:<n>`), and a role or dimension the bank no longer has is dropped (see
//!   [`Plan::fit_bank`]).

use crate::assess::credit;
use crate::bank::Bank;

use super::build::Results;
use super::check::custom_number;
use super::dates::Date;
use super::model::{ItemKind, Owner, Plan};

/// What a carry-over did, for the results to say.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct CarryOver {
    /// Items the previous plan had closed.
    pub closed_before: usize,
    /// Open items of the previous plan carried into the new one.
    pub carried: usize,
    /// Ids of carried items whose question now meets its target: offer to close them.
    pub offer_closing: Vec<String>,
    /// New problems of the current results added.
    pub added: usize,
}

/// The plan of a new self-check from the previous one (see the module's notes), made
/// `today`, and what was carried, offered and added.
pub fn carry_over(results: &Results, previous: &Plan, today: Date) -> (Plan, CarryOver) {
    let mut plan = Plan::new(today);
    let mut closed_before = 0;
    for item in &previous.items {
        if item.is_closed() {
            closed_before += 1;
            continue;
        }
        let mut item = item.clone();
        if item.carried_from.is_none() {
            item.carried_from = Some(previous.made.clone());
        }
        plan.items.push(item);
    }
    plan.fit_bank(results.bank);
    let carried = plan.items.len();
    let offer_closing = offer_closing(results, &plan);
    let added = plan.add_missing(results, today);
    let carry = CarryOver {
        closed_before,
        carried,
        offer_closing,
        added,
    };
    (plan, carry)
}

/// The open items of bank questions that now meet their target (see the module's notes), in
/// plan order: what the results can offer to close.
pub fn offer_closing(results: &Results, plan: &Plan) -> Vec<String> {
    let behind_gaps = results.behind_gaps();
    plan.items
        .iter()
        .filter(|item| !item.is_closed())
        .filter(|item| {
            let Some(question) = item.question.as_deref().and_then(|q| results.question(q)) else {
                return false;
            };
            let scored = results
                .answers
                .get(&question.id)
                .is_some_and(|a| matches!(credit(question, *a), Ok(Some(_))));
            scored
                && results.asks(question)
                && !behind_gaps.contains(&question.id)
                && !results.red_line(&question.id)
        })
        .map(|item| item.id.clone())
        .collect()
}

/// How many items were closed since the previous check: those the previous plan had closed,
/// and those it had open that are closed in `plan` now (the offer accepted, or closed by
/// hand).
pub fn closed_since(previous: &Plan, plan: &Plan) -> usize {
    let closed_now = plan
        .items
        .iter()
        .filter(|item| item.is_closed())
        .filter(|item| {
            previous
                .item(&item.id)
                .is_some_and(|before| !before.is_closed())
        })
        .count();
    previous.closed_count() + closed_now
}

impl Plan {
    /// Makes the plan name only what `bank` has: an item of a question the bank no longer has
    /// becomes a typed-in item (`c:<n>`, its problem the typed one or the old question's id),
    /// a dimension the bank does not have is dropped (a bank item takes its question's), a
    /// role it does not have leaves the item unassigned. Gives how many items changed.
    pub fn fit_bank(&mut self, bank: &Bank) -> usize {
        let mut next = self
            .items
            .iter()
            .filter_map(|item| custom_number(&item.id))
            .max()
            .unwrap_or(0);
        let mut changed = 0;
        for item in &mut self.items {
            let before = item.clone();
            if let Some(id) = item.question.clone() {
                match bank.questions.iter().find(|q| q.id == id) {
                    Some(q) => item.dimension = Some(q.dimension.clone()),
                    None => {
                        next = next.saturating_add(1);
                        item.id = format!("c:{next}");
                        item.kind = ItemKind::Custom;
                        item.question = None;
                        if item.problem.is_none() {
                            item.problem = Some(format!("原题 {id}（已不在题库中）"));
                        }
                    }
                }
            }
            if let Some(d) = &item.dimension {
                if !bank.dimensions.iter().any(|known| &known.id == d) {
                    item.dimension = None;
                }
            }
            if let Owner::Role(role) = &item.owner {
                if !bank.roles.iter().any(|known| &known.id == role) {
                    item.owner = Owner::Unassigned;
                }
            }
            if *item != before {
                changed += 1;
            }
        }
        changed
    }
}
