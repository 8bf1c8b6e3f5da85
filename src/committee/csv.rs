//! The roll-up CSV: one row per branch, UTF-8 with a byte-order mark so WPS and Excel read
//! the Chinese, RFC 4180 quoting, CRLF line ends.
//!
//! Columns: `unit,category,modifiers,bank_version,date,overall,band,completeness`, one per
//! dimension id of the bank (bank order), `red_lines`. Ids, not names, so a spreadsheet or a
//! script can join on them; lists are joined by `|`; scores have one decimal and are empty
//! where there is none.

use crate::assess::Completeness;
use crate::bank::{Bank, Locale};
use crate::csv::push_cell;
use crate::numbers::fixed;

use super::figures::Figures;
use super::intake::Roster;

/// The roll-up as CSV text (with its byte-order mark), branches in roster order.
pub fn rollup_csv(bank: &Bank, roster: &Roster, figures: &Figures, locale: Locale) -> String {
    let mut out = String::from("\u{feff}");
    let header = ["unit", "category", "modifiers", "bank_version", "date"]
        .into_iter()
        .chain(["overall", "band", "completeness"])
        .map(str::to_string)
        .chain(bank.dimensions.iter().map(|d| d.id.clone()))
        .chain(["red_lines".to_string()]);
    push_row(&mut out, header);
    for (b, f) in figures.branches.iter().enumerate() {
        let score = |s: Option<f64>| s.map(|s| fixed(s, 1)).unwrap_or_default();
        let completeness = match f.completeness {
            Completeness::Complete => "complete",
            Completeness::Partial => "partial",
            Completeness::Insufficient => "insufficient",
        };
        let modifiers: Vec<&str> = f.selection.modifiers.iter().map(String::as_str).collect();
        let row = [
            roster.label(b, locale),
            f.selection.category.clone(),
            modifiers.join("|"),
            f.bank_version.clone(),
            f.date.clone(),
            score(f.overall),
            f.band.clone().unwrap_or_default(),
            completeness.to_string(),
        ]
        .into_iter()
        .chain(f.scores.iter().map(|s| score(*s)))
        .chain([f.red_lines.join("|")]);
        push_row(&mut out, row);
    }
    out
}

fn push_row(out: &mut String, cells: impl Iterator<Item = String>) {
    for (i, cell) in cells.enumerate() {
        if i > 0 {
            out.push(',');
        }
        push_cell(out, &cell);
    }
    out.push_str("\r\n");
}
