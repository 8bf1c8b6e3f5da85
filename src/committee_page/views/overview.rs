//! Overview by category (心中有数): branches, completeness, bands and red lines per category.

use leptos::prelude::*;

use crate::bank::{Bank, Locale};
use crate::committee::CategoryOverview;
use crate::ui_logic::text::tr;

use super::names;
use crate::committee_page::state::Page;

pub fn view(page: Page) -> impl IntoView {
    let l = page.locale;
    move || {
        let bank = page.bank();
        let locale = l.get();
        page.current.with(|r| {
            let members = r.roster.members.len();
            let branches = r.roster.branches.len();
            view! {
                <p class="bscc-lead">
                    {tr!(locale, "共 {branches} 个支部（{members} 份自查记录）。", "{branches} branches ({members} self-check records).")}
                </p>
                {overview_table(&bank, &r.derived.overview, locale)}
            }
        })
    }
}

/// The overview table: one row per category with branches, and a total row.
pub fn overview_table(bank: &Bank, rows: &[CategoryOverview], l: Locale) -> impl IntoView {
    let total = total(rows);
    let band_headers = bank
        .bands
        .iter()
        .map(|b| view! { <th scope="col" class="bscc-num">{b.label.get(l).to_string()}</th> })
        .collect_view();
    let body = rows
        .iter()
        .map(|row| row_view(row, names::category(bank, &row.category, l)))
        .collect_view();
    view! {
        <table class="bscc-table bscc-overview">
            <thead><tr>
                <th scope="col">{l.pick("类别", "Category")}</th>
                <th scope="col" class="bscc-num">{l.pick("支部数", "Branches")}</th>
                <th scope="col" class="bscc-num">{l.pick("答全", "Complete")}</th>
                <th scope="col" class="bscc-num">{l.pick("部分", "Partial")}</th>
                <th scope="col" class="bscc-num">{l.pick("不足以评分", "Too few answers")}</th>
                {band_headers}
                <th scope="col" class="bscc-num">{l.pick("无等级", "No band")}</th>
                <th scope="col" class="bscc-num">{l.pick("有红线的支部", "Branches with red lines")}</th>
                <th scope="col" class="bscc-num">{l.pick("红线项", "Red-line items")}</th>
            </tr></thead>
            <tbody>{body}</tbody>
            <tfoot>{row_view(&total, l.pick("合计", "Total").to_string())}</tfoot>
        </table>
    }
}

fn row_view(row: &CategoryOverview, name: String) -> impl IntoView {
    let bands = row
        .bands
        .iter()
        .map(|(_, n)| view! { <td class="bscc-num">{*n}</td> })
        .collect_view();
    view! {
        <tr data-category=row.category.clone()>
            <th scope="row">{name}</th>
            <td class="bscc-num">{row.branches}</td>
            <td class="bscc-num">{row.complete}</td>
            <td class="bscc-num">{row.partial}</td>
            <td class="bscc-num">{row.insufficient}</td>
            {bands}
            <td class="bscc-num">{row.no_band}</td>
            <td class="bscc-num">{row.red_line_branches}</td>
            <td class="bscc-num">{row.red_lines}</td>
        </tr>
    }
}

/// The sum of the categories' rows.
fn total(rows: &[CategoryOverview]) -> CategoryOverview {
    let mut total = CategoryOverview {
        category: String::new(),
        branches: 0,
        complete: 0,
        partial: 0,
        insufficient: 0,
        bands: rows
            .first()
            .map(|r| r.bands.iter().map(|(id, _)| (id.clone(), 0)).collect())
            .unwrap_or_default(),
        no_band: 0,
        red_line_branches: 0,
        red_lines: 0,
    };
    for row in rows {
        total.branches += row.branches;
        total.complete += row.complete;
        total.partial += row.partial;
        total.insufficient += row.insufficient;
        for (sum, (_, n)) in total.bands.iter_mut().zip(&row.bands) {
            sum.1 += n;
        }
        total.no_band += row.no_band;
        total.red_line_branches += row.red_line_branches;
        total.red_lines += row.red_lines;
    }
    total
}
