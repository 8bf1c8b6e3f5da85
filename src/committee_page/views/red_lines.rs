//! Red lines first: every red-line item with the branches that hit it, and every branch with
//! its red lines.

use leptos::prelude::*;

use crate::bank::{Bank, Locale};
use crate::committee::{Figures, RedLines, Roster};
use crate::ui_logic::text::tr;

use super::names;
use super::problems::branch_names;
use super::virtual_rows;
use crate::committee_page::state::Page;

pub fn view(page: Page) -> impl IntoView {
    let l = page.locale;
    let count = Signal::derive(move || {
        page.current.with(|r| {
            r.derived
                .red_lines
                .as_ref()
                .map_or(0, |lines| lines.by_branch.len())
        })
    });
    let items = current_items(page);
    let header = move || header_row(l.get());
    let draw = move |first: usize, end: usize| {
        let bank = page.bank();
        let locale = l.get();
        page.current.with(|r| {
            r.derived
                .red_lines
                .as_ref()
                .map(|lines| branch_rows(&bank, &r.roster, &r.figures, lines, first, end, locale))
        })
    };
    let label = Signal::derive(move || {
        l.get()
            .pick("有红线的支部", "Branches with red lines")
            .to_string()
    });
    view! {
        <h3>{move || l.get().pick("按红线项", "By item")}</h3>
        {items}
        <h3>{move || tr!(l.get(), "按支部（{} 个支部有红线）", "By branch ({} branches with red lines)", count.get())}</h3>
        {move || (count.get() > 0).then(|| virtual_rows::table(l, label, count, header, draw))}
    }
}

fn branch_row(
    bank: &Bank,
    roster: &Roster,
    figures: &Figures,
    branch: usize,
    questions: &[String],
    index: usize,
    l: Locale,
) -> impl IntoView {
    let category = figures
        .branches
        .get(branch)
        .map(|f| names::category(bank, &f.selection.category, l))
        .unwrap_or_default();
    let items: Vec<String> = questions
        .iter()
        .map(|q| names::question(bank, q, l))
        .collect();
    view! {
        <tr aria-rowindex=index + 2>
            <th scope="row" class="bscc-name">{roster.label(branch, l)}</th>
            <td>{category}</td>
            <td class="bscc-num">{questions.len()}</td>
            <td class="bscc-names" title=items.join("\n")>{items.join(l.pick("；", "; "))}</td>
        </tr>
    }
}

/// Every red-line item, most branches first.
fn items_table(bank: &Bank, roster: &Roster, lines: &RedLines, l: Locale) -> impl IntoView {
    if lines.by_item.is_empty() {
        return view! { <p>{l.pick("没有支部触及红线。", "No branch hit a red line.")}</p> }
            .into_any();
    }
    let body = lines
        .by_item
        .iter()
        .map(|item| {
            let message = item
                .message
                .as_ref()
                .map(|m| m.get(l).to_string())
                .unwrap_or_default();
            view! {
                <tr data-question=item.question.clone()>
                    <th scope="row">
                        {names::question(bank, &item.question, l)}
                        <span class="bscc-sub">{message}</span>
                    </th>
                    <td class="bscc-num">{item.branches.len()}</td>
                    <td class="bscc-names">{branch_names(roster, &item.branches, l)}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <table class="bscc-table bscc-red-items">
            <thead><tr>
                <th scope="col">{l.pick("红线项", "Item")}</th>
                <th scope="col" class="bscc-num">{l.pick("支部数", "Branches")}</th>
                <th scope="col">{l.pick("哪些支部", "Which")}</th>
            </tr></thead>
            <tbody>{body}</tbody>
        </table>
    }
    .into_any()
}

/// The table of every red-line item of the current round, kept up to date.
pub fn current_items(page: Page) -> impl IntoView {
    move || {
        let bank = page.bank();
        let locale = page.locale.get();
        page.current.with(|r| {
            r.derived
                .red_lines
                .as_ref()
                .map(|lines| items_table(&bank, &r.roster, lines, locale))
        })
    }
}

/// The head row of the table of branches with red lines.
fn header_row(l: Locale) -> impl IntoView {
    view! { <tr aria-rowindex="1">
        <th scope="col">{l.pick("支部", "Branch")}</th>
        <th scope="col">{l.pick("类别", "Category")}</th>
        <th scope="col" class="bscc-num">{l.pick("红线数", "Red lines")}</th>
        <th scope="col">{l.pick("红线项", "Items")}</th>
    </tr> }
}

/// Rows `first..end` of the branches with red lines, most first.
fn branch_rows(
    bank: &Bank,
    roster: &Roster,
    figures: &Figures,
    lines: &RedLines,
    first: usize,
    end: usize,
    l: Locale,
) -> Vec<impl IntoView> {
    lines
        .by_branch
        .get(first..end.min(lines.by_branch.len()))
        .unwrap_or_default()
        .iter()
        .enumerate()
        .map(|(i, line)| {
            branch_row(
                bank,
                roster,
                figures,
                line.branch,
                &line.questions,
                first + i,
                l,
            )
        })
        .collect()
}

/// The head of the report's table of branches with red lines.
pub fn branches_head(l: Locale) -> impl IntoView {
    view! { <thead>{header_row(l)}</thead> }
}

/// Rows `first..end` of the branches with red lines as a table body: the report draws a few
/// at a time.
pub fn branches_body(
    bank: &Bank,
    roster: &Roster,
    figures: &Figures,
    lines: &RedLines,
    first: usize,
    end: usize,
    l: Locale,
) -> impl IntoView {
    view! { <tbody>{branch_rows(bank, roster, figures, lines, first, end, l)}</tbody> }
}
