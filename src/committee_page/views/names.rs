//! The bank's names for the ids the committee figures carry.

use crate::bank::{Bank, Locale};

pub fn category(bank: &Bank, id: &str, l: Locale) -> String {
    bank.categories
        .iter()
        .find(|c| c.id == id)
        .map_or_else(|| id.to_string(), |c| c.name.get(l).to_string())
}

/// A dimension's short name where the bank gives one (table headers), else its name.
pub fn dimension_short(bank: &Bank, id: &str, l: Locale) -> String {
    bank.dimensions.iter().find(|d| d.id == id).map_or_else(
        || id.to_string(),
        |d| d.short.as_ref().unwrap_or(&d.name).get(l).to_string(),
    )
}

pub fn dimension(bank: &Bank, id: &str, l: Locale) -> String {
    bank.dimensions
        .iter()
        .find(|d| d.id == id)
        .map_or_else(|| id.to_string(), |d| d.name.get(l).to_string())
}

/// A band's label; a dash for none.
pub fn band(bank: &Bank, id: Option<&str>, l: Locale) -> String {
    match id {
        None => "—".to_string(),
        Some(id) => bank
            .bands
            .iter()
            .find(|b| b.id == id)
            .map_or_else(|| id.to_string(), |b| b.label.get(l).to_string()),
    }
}

pub fn question(bank: &Bank, id: &str, l: Locale) -> String {
    bank.questions
        .iter()
        .find(|q| q.id == id)
        .map_or_else(|| id.to_string(), |q| q.text.get(l).to_string())
}

pub fn training(bank: &Bank, id: &str, l: Locale) -> String {
    bank.trainings
        .iter()
        .find(|t| t.id == id)
        .map_or_else(|| id.to_string(), |t| t.title.get(l).to_string())
}

/// A role's name; "not given" for none.
pub fn role(bank: &Bank, id: Option<&str>, l: Locale) -> String {
    match id {
        None => l.pick("未填角色", "role not given").to_string(),
        Some(id) => bank
            .roles
            .iter()
            .find(|r| r.id == id)
            .map_or_else(|| id.to_string(), |r| r.name.get(l).to_string()),
    }
}

/// A list of names: the first `names` written out, then "and n more" up to `total`.
pub fn some_of(names: &[String], total: usize, l: Locale) -> String {
    let head = names.join(l.pick("、", ", "));
    let rest = total.saturating_sub(names.len());
    match (rest, l) {
        (0, _) => head,
        (_, Locale::Zh) => format!("{head} 等 {total} 个"),
        (_, Locale::En) => format!("{head} and {rest} more"),
    }
}
