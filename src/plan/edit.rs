//! The branch's edits to its plan, each a small pure method that checks what is typed.
//!
//! Typed texts are trimmed and cut: problems and measures to [`MAX_TEXT_CHARS`] characters,
//! owner names to [`MAX_NAME_CHARS`]. A deadline is a real calendar date, typed as
//! `2026-03-05`, `2026-3-5`, `2026/3/5`, `2026.3.5` or `2026年3月5日`, kept as ISO.

use crate::bank::Bank;

use super::build::custom_deadline;
use super::check::{custom_number, fit_text, PlanError};
use super::dates::Date;
use super::model::{
    ItemKind, Owner, Plan, PlanItem, Status, MAX_ITEMS, MAX_NAME_CHARS, MAX_TEXT_CHARS,
};

impl Plan {
    /// Adds an item the branch typed in, at the end: not started, unassigned, due in six
    /// months. Gives its id, `c:<n>` with n one more than any typed-in item's so far.
    pub fn add_custom(&mut self, problem: &str, today: Date) -> Result<String, PlanError> {
        if self.items.len() >= MAX_ITEMS {
            return Err(PlanError::TooManyItems { max: MAX_ITEMS });
        }
        let problem = fit_text(problem, MAX_TEXT_CHARS).ok_or(PlanError::EmptyText)?;
        let n = self
            .items
            .iter()
            .filter_map(|item| custom_number(&item.id))
            .max()
            .unwrap_or(0)
            .saturating_add(1);
        let id = format!("c:{n}");
        self.items.push(PlanItem {
            id: id.clone(),
            kind: ItemKind::Custom,
            question: None,
            dimension: None,
            problem: Some(problem),
            measure: None,
            owner: Owner::Unassigned,
            deadline: custom_deadline(today),
            status: Status::NotStarted,
            closed_on: None,
            carried_from: None,
        });
        Ok(id)
    }

    /// Removes an item; gives it back.
    pub fn remove(&mut self, id: &str) -> Result<PlanItem, PlanError> {
        let at = self.position(id)?;
        Ok(self.items.remove(at))
    }

    /// Moves an item one place up (nothing happens to the first).
    pub fn move_up(&mut self, id: &str) -> Result<(), PlanError> {
        let at = self.position(id)?;
        self.move_to(id, at.saturating_sub(1))
    }

    /// Moves an item one place down (nothing happens to the last).
    pub fn move_down(&mut self, id: &str) -> Result<(), PlanError> {
        let at = self.position(id)?;
        self.move_to(id, at + 1)
    }

    /// Moves an item to position `index` (0 = first; past the end = last).
    pub fn move_to(&mut self, id: &str, index: usize) -> Result<(), PlanError> {
        let at = self.position(id)?;
        let item = self.items.remove(at);
        let index = index.min(self.items.len());
        self.items.insert(index, item);
        Ok(())
    }

    /// The problem as the branch words it. Empty gives a bank item its question's text
    /// back; a typed-in item must say something.
    pub fn set_problem(&mut self, id: &str, text: &str) -> Result<(), PlanError> {
        let text = fit_text(text, MAX_TEXT_CHARS);
        let item = self.item_mut(id)?;
        if text.is_none() && item.kind == ItemKind::Custom {
            return Err(PlanError::EmptyText);
        }
        item.problem = text;
        Ok(())
    }

    /// The measure as the branch words it; empty gives back the bank's improvement step.
    pub fn set_measure(&mut self, id: &str, text: &str) -> Result<(), PlanError> {
        let text = fit_text(text, MAX_TEXT_CHARS);
        self.item_mut(id)?.measure = text;
        Ok(())
    }

    /// Who answers for the item: a role of the bank (as the UI offers them from
    /// `bank.roles`), a typed name (cut to [`MAX_NAME_CHARS`]; an empty one leaves the item
    /// unassigned), or nobody yet.
    pub fn set_owner(&mut self, id: &str, owner: Owner) -> Result<(), PlanError> {
        let owner = match owner {
            Owner::Named(name) => {
                fit_text(&name, MAX_NAME_CHARS).map_or(Owner::Unassigned, Owner::Named)
            }
            Owner::Role(role) if role.trim().is_empty() => Owner::Unassigned,
            other => other,
        };
        self.item_mut(id)?.owner = owner;
        Ok(())
    }

    /// The deadline as typed (see the module's notes); refused, with the text, when it is
    /// not a date.
    pub fn set_deadline(&mut self, id: &str, typed: &str) -> Result<(), PlanError> {
        let date = Date::parse_typed(typed).ok_or_else(|| PlanError::NotADate {
            text: crate::json::truncate(typed.trim()),
        })?;
        self.item_mut(id)?.deadline = date.to_string();
        Ok(())
    }

    /// The item's progress. Closing (销号) records `today` as its closing date (an item
    /// already closed keeps its date); reopening clears it.
    pub fn set_status(&mut self, id: &str, status: Status, today: Date) -> Result<(), PlanError> {
        let item = self.item_mut(id)?;
        item.closed_on = match status {
            Status::Closed => item.closed_on.take().or_else(|| Some(today.to_string())),
            Status::NotStarted | Status::InProgress => None,
        };
        item.status = status;
        Ok(())
    }

    /// The dimension of an item the branch typed in (`None`: none), one of the bank's.
    pub fn set_dimension(
        &mut self,
        bank: &Bank,
        id: &str,
        dimension: Option<&str>,
    ) -> Result<(), PlanError> {
        if let Some(d) = dimension {
            if !bank.dimensions.iter().any(|known| known.id == d) {
                return Err(PlanError::UnknownDimension { id: d.to_string() });
            }
        }
        let item = self.item_mut(id)?;
        if item.kind != ItemKind::Custom {
            return Err(PlanError::NotCustom { id: id.to_string() });
        }
        item.dimension = dimension.map(str::to_string);
        Ok(())
    }

    /// Closes the items with these ids that are open (the offer of a carry-over, accepted);
    /// gives how many were closed. Ids not in the plan are passed over.
    pub fn close_items(&mut self, ids: &[String], today: Date) -> usize {
        let mut closed = 0;
        for item in &mut self.items {
            if !item.is_closed() && ids.contains(&item.id) {
                item.status = Status::Closed;
                item.closed_on = Some(today.to_string());
                closed += 1;
            }
        }
        closed
    }

    fn position(&self, id: &str) -> Result<usize, PlanError> {
        self.items
            .iter()
            .position(|item| item.id == id)
            .ok_or_else(|| PlanError::NoSuchItem { id: id.to_string() })
    }

    fn item_mut(&mut self, id: &str) -> Result<&mut PlanItem, PlanError> {
        let at = self.position(id)?;
        Ok(&mut self.items[at])
    }
}
