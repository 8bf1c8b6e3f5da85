//! The groups CSV: one row per member, UTF-8 with a byte-order mark, RFC 4180 quoting, CRLF.
//!
//! Columns `group,unit,category,role,overall,strengths,gaps,focus`: the group's number
//! (from 1), the branch label (the roll-up CSV's `unit`), its category id, `lead` or
//! `member`, the overall score with one decimal (empty without one), its strength and gap
//! dimension ids joined by `|` (strongest and most severe first), the group's focus theme id.

use super::{Grouping, GroupingBranch};
use crate::csv::push_cell;
use crate::numbers::fixed;

/// The header row, exactly.
pub const GROUPS_CSV_HEADER: &str = "group,unit,category,role,overall,strengths,gaps,focus";

/// The groups as CSV text, with its byte-order mark; members in group order, lead first.
pub fn groups_csv(grouping: &Grouping, branches: &[GroupingBranch]) -> String {
    let mut out = String::from("\u{feff}");
    out.push_str(GROUPS_CSV_HEADER);
    out.push_str("\r\n");
    for (g, group) in grouping.groups.iter().enumerate() {
        for &m in &group.members {
            let Some(b) = branches.get(m) else {
                continue;
            };
            let strengths: Vec<&str> = b
                .strengths
                .iter()
                .filter(|s| b.is_strong(s))
                .map(String::as_str)
                .collect();
            let gaps: Vec<&str> = b.gaps.iter().map(|g| g.dimension.as_str()).collect();
            let cells = [
                (g + 1).to_string(),
                b.label.clone(),
                b.category.clone(),
                if m == group.lead { "lead" } else { "member" }.to_string(),
                b.score().map(|o| fixed(o, 1)).unwrap_or_default(),
                strengths.join("|"),
                gaps.join("|"),
                group.focus.clone().unwrap_or_default(),
            ];
            for (i, cell) in cells.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                push_cell(&mut out, cell);
            }
            out.push_str("\r\n");
        }
    }
    out
}
