//! The groups CSV: byte-order mark, the exact header, one row per member with its group,
//! role and data, RFC 4180 quoting.

#[path = "grouping_common/mod.rs"]
mod common;

use branch_self_check::grouping::{
    form_groups, groups_csv, GroupingBranch, Locks, Settings, GROUPS_CSV_HEADER,
};
use common::*;

/// Splits CSV text into rows of cells (RFC 4180: quoted cells may hold commas, doubled
/// quotes and line breaks).
fn parse(text: &str) -> Vec<Vec<String>> {
    let mut rows = Vec::new();
    let mut row = Vec::new();
    let mut cell = String::new();
    let mut quoted = false;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match (quoted, c) {
            (true, '"') if chars.peek() == Some(&'"') => {
                chars.next();
                cell.push('"');
            }
            (true, '"') => quoted = false,
            (true, c) => cell.push(c),
            (false, '"') => quoted = true,
            (false, ',') => row.push(std::mem::take(&mut cell)),
            (false, '\r') => {}
            (false, '\n') => {
                row.push(std::mem::take(&mut cell));
                rows.push(std::mem::take(&mut row));
            }
            (false, c) => cell.push(c),
        }
    }
    rows
}

#[test]
fn header_and_rows_match_the_groups() {
    let bank = bank();
    let mut branches: Vec<GroupingBranch> = synthetic(&bank, 23, 8, REALISTIC);
    branches[0].label = "第一支部, \"机关\"".into();
    branches[1].label = "=SUM(A1)".into();
    branches[2].overall = None;
    let grouping =
        form_groups(&branches, &Settings::default(), &Locks::default(), &bank).expect("groups");
    let text = groups_csv(&grouping, &branches);
    assert!(text.starts_with('\u{feff}'), "UTF-8 byte-order mark");
    let body = text.trim_start_matches('\u{feff}');
    assert!(body.starts_with(&format!("{GROUPS_CSV_HEADER}\r\n")));
    assert_eq!(
        GROUPS_CSV_HEADER,
        "group,unit,category,role,overall,strengths,gaps,focus"
    );
    assert!(
        text.contains("\"第一支部, \"\"机关\"\"\""),
        "quoted per RFC 4180"
    );
    assert!(text.contains(",'=SUM(A1),"), "formula guarded");

    let rows = parse(body);
    assert_eq!(rows.len(), 1 + branches.len());
    let mut seen = vec![false; branches.len()];
    let mut at = 1;
    for (g, group) in grouping.groups.iter().enumerate() {
        for (i, &m) in group.members.iter().enumerate() {
            let row = &rows[at];
            at += 1;
            let b = &branches[m];
            assert_eq!(row.len(), 8);
            assert_eq!(row[0], (g + 1).to_string());
            let unit = if b.label.starts_with('=') {
                format!("'{}", b.label)
            } else {
                b.label.clone()
            };
            assert_eq!(row[1], unit);
            assert_eq!(row[2], b.category);
            assert_eq!(row[3], if i == 0 { "lead" } else { "member" });
            assert_eq!(m == group.lead, i == 0);
            match b.overall {
                Some(o) => {
                    // One decimal, rounded as the roll-up CSV rounds (numbers::fixed).
                    assert_eq!(row[4], branch_self_check::numbers::fixed(o, 1));
                    let parsed: f64 = row[4].parse().expect("a number");
                    assert!((parsed - o).abs() <= 0.05 + 1e-9);
                    assert_eq!(row[4].split('.').nth(1).map(str::len), Some(1));
                }
                None => assert_eq!(row[4], ""),
            }
            let strengths: Vec<&str> = b.strengths.iter().map(String::as_str).collect();
            assert_eq!(row[5], strengths.join("|"));
            let gaps: Vec<&str> = b.gaps.iter().map(|g| g.dimension.as_str()).collect();
            assert_eq!(row[6], gaps.join("|"));
            assert_eq!(Some(row[7].as_str()), group.focus.as_deref());
            seen[m] = true;
        }
    }
    assert!(seen.iter().all(|s| *s));
}

#[test]
fn no_groups_give_the_header_alone() {
    let bank = bank();
    let grouping =
        form_groups(&[], &Settings::default(), &Locks::default(), &bank).expect("groups");
    assert_eq!(
        groups_csv(&grouping, &[]),
        format!("\u{feff}{GROUPS_CSV_HEADER}\r\n")
    );
}
