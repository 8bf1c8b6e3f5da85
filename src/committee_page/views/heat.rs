//! The heat map: branches × dimensions against each branch's own category target, sortable
//! and filterable, a number and a mark in every cell (readable without colour).

use std::sync::Arc;

use leptos::prelude::*;

use crate::bank::{Bank, Locale};
use crate::committee::{
    heat_order, heat_row, BandFilter, CellStatus, HeatRow, HeatSettings, HeatSort,
};
use crate::ui_logic::text::{score, tr};

use super::names;
use super::virtual_rows;
use crate::committee_page::state::Page;

pub fn view(page: Page) -> impl IntoView {
    let l = page.locale;
    let bank = page.bank();
    // The branches in the table's order; rows are made only for those in view.
    let order: Memo<Arc<Vec<usize>>> = Memo::new(move |_| {
        let bank = page.bank();
        let settings = page.heat.get();
        let locale = l.get();
        page.current.with(|r| {
            Arc::new(heat_order(
                &bank, &r.roster, &r.figures, &r.names, locale, &settings,
            ))
        })
    });
    let count = Signal::derive(move || order.with(|o| o.len()));
    let dimensions = bank
        .dimensions
        .iter()
        .map(|d| d.id.clone())
        .collect::<Vec<_>>();
    let header = {
        let bank = bank.clone();
        move || {
            let locale = l.get();
            let mut columns = vec![
                (HeatSort::Label, locale.pick("支部", "Branch").to_string()),
                (
                    HeatSort::Category,
                    locale.pick("类别", "Category").to_string(),
                ),
                (
                    HeatSort::Overall,
                    locale.pick("总分", "Overall").to_string(),
                ),
                (HeatSort::Band, locale.pick("等级", "Band").to_string()),
                (
                    HeatSort::RedLines,
                    locale.pick("红线", "Red lines").to_string(),
                ),
            ];
            columns.extend(dimensions.iter().enumerate().map(|(i, d)| {
                (
                    HeatSort::Dimension(i),
                    names::dimension_short(&bank, d, locale),
                )
            }));
            let cells = columns
                .into_iter()
                .map(|(sort, name)| sort_header(page, sort, name))
                .collect_view();
            view! { <tr aria-rowindex="1">{cells}</tr> }
        }
    };
    let draw = {
        let bank = bank.clone();
        move |first: usize, end: usize| {
            let locale = l.get();
            let rows: Vec<HeatRow> = order.with(|order| {
                page.current.with(|r| {
                    order
                        .get(first..end)
                        .unwrap_or_default()
                        .iter()
                        .filter_map(|&b| heat_row(&bank, &r.roster, &r.figures, b, locale))
                        .collect()
                })
            });
            rows.iter()
                .enumerate()
                .map(|(i, row)| row_view(&bank, row, first + i, locale))
                .collect_view()
        }
    };
    let label = Signal::derive(move || {
        l.get()
            .pick("支部热力图", "Heat map of branches")
            .to_string()
    });
    view! {
        {filters(page)}
        <p class="bscc-hint">
            {move || tr!(l.get(), "共 {} 个支部。", "{} branches shown.", count.get())}
            " "
            {move || l.get().pick(
                "每格为该维度得分，与本支部所属类别的目标比较：▲ 优势（高出目标一定幅度）、✓ 达标、▼ 未达标、— 无分。点击表头排序。",
                "Each cell is the dimension's score against the branch's own category target: ▲ strength (clearly above target), ✓ meets, ▼ below, — no score. Click a header to sort.",
            )}
        </p>
        {virtual_rows::table(l, label, count, header, draw)}
    }
}

/// A row of the heat map. Each cell is its number and a mark that screen readers read as
/// words (one element per cell: a screenful of the table is laid out anew on every sort
/// and scroll, and its cost grows with the elements in it).
fn row_view(bank: &Bank, row: &HeatRow, index: usize, l: Locale) -> impl IntoView {
    let cells = row
        .cells
        .iter()
        .map(|cell| {
            let (mark, class, said) = match cell.status {
                CellStatus::Strength => ("▲", "bscc-num bscc-strength", l.pick("优势", "strength")),
                CellStatus::Meets => ("✓", "bscc-num bscc-meets", l.pick("达标", "meets")),
                CellStatus::Gap => ("▼", "bscc-num bscc-gap", l.pick("未达标", "below")),
                CellStatus::NoScore => ("", "bscc-num bscc-none", l.pick("无分", "no score")),
            };
            let title = tr!(
                l,
                "目标 {}，{said}",
                "target {}, {said}",
                score(Some(cell.target))
            );
            view! {
                <td class=class title=title>
                    {score(cell.score)}<span class="bscc-mark" role="img" aria-label=said>{mark}</span>
                </td>
            }
        })
        .collect_view();
    view! {
        <tr aria-rowindex=index + 2>
            <th scope="row" class="bscc-name">{row.label.clone()}</th>
            <td>{names::category(bank, &row.category, l)}</td>
            <td class="bscc-num">{score(row.overall)}</td>
            <td>{names::band(bank, row.band.as_deref(), l)}</td>
            <td class="bscc-num">{row.red_lines}</td>
            {cells}
        </tr>
    }
}

/// A column header that sorts by its column; a second click reverses the order.
fn sort_header(page: Page, sort: HeatSort, name: String) -> impl IntoView {
    let l = page.locale;
    let sorted = move || page.heat.with(|h| h.sort == sort);
    let aria_sort = move || {
        page.heat.with(|h| match (h.sort == sort, h.descending) {
            (false, _) => "none",
            (true, false) => "ascending",
            (true, true) => "descending",
        })
    };
    let click = move |_| {
        page.heat.update(|h| {
            if h.sort == sort {
                h.descending = !h.descending;
            } else {
                h.sort = sort;
                // Scores read best first; names and categories from the top of the list.
                h.descending = !matches!(sort, HeatSort::Label | HeatSort::Category);
            }
        })
    };
    let arrow = move || match (sorted(), page.heat.with(|h| h.descending)) {
        (false, _) => "",
        (true, false) => " ↑",
        (true, true) => " ↓",
    };
    view! {
        <th scope="col" aria-sort=aria_sort>
            <button type="button" class="bscc-sort" on:click=click title=move || l.get().pick("按此列排序", "Sort by this column")>
                {name}{arrow}
            </button>
        </th>
    }
}

/// Category, tag and band filters.
fn filters(page: Page) -> impl IntoView {
    let l = page.locale;
    let bank = page.bank();
    let categories = {
        let bank = bank.clone();
        move || {
            let locale = l.get();
            bank.categories
                .iter()
                .map(|c| {
                    let id = c.id.clone();
                    let selected = page.heat.with(|h| h.filter.category.as_ref() == Some(&id));
                    view! { <option value=id selected=selected>{c.name.get(locale).to_string()}</option> }
                })
                .collect_view()
        }
    };
    let tags = move || {
        page.current
            .with(|r| r.roster.tags())
            .into_iter()
            .map(|t| {
                let selected = page.heat.with(|h| h.filter.tag.as_ref() == Some(&t));
                view! { <option value=t.clone() selected=selected>{t.clone()}</option> }
            })
            .collect_view()
    };
    let bands = move || {
        let locale = l.get();
        bank.bands
            .iter()
            .map(|b| {
                let id = b.id.clone();
                let selected = page.heat.with(|h| h.filter.band == Some(BandFilter::Band(id.clone())));
                view! { <option value=id selected=selected>{b.label.get(locale).to_string()}</option> }
            })
            .collect_view()
    };
    let pick = |value: String| (!value.is_empty()).then_some(value);
    view! {
        <div class="bscc-filters bscc-no-print">
            <label>
                {move || l.get().pick("类别", "Category")}
                <select on:change=move |ev| {
                    let value = pick(event_target_value(&ev));
                    page.heat.update(|h| h.filter.category = value);
                }>
                    <option value="">{move || l.get().pick("全部", "All")}</option>
                    {categories}
                </select>
            </label>
            <label>
                {move || l.get().pick("标签", "Tag")}
                <select on:change=move |ev| {
                    let value = pick(event_target_value(&ev));
                    page.heat.update(|h| h.filter.tag = value);
                }>
                    <option value="">{move || l.get().pick("全部", "All")}</option>
                    {tags}
                </select>
            </label>
            <label>
                {move || l.get().pick("等级", "Band")}
                <select on:change=move |ev| {
                    let value = event_target_value(&ev);
                    page.heat.update(|h| {
                        h.filter.band = match value.as_str() {
                            "" => None,
                            "-" => Some(BandFilter::NoBand),
                            _ => Some(BandFilter::Band(value)),
                        }
                    });
                }>
                    <option value="">{move || l.get().pick("全部", "All")}</option>
                    {bands}
                    <option value="-" selected=move || page.heat.with(|h| h.filter.band == Some(BandFilter::NoBand))>
                        {move || l.get().pick("无等级", "No band")}
                    </option>
                </select>
            </label>
        </div>
    }
}

/// The printed heat map's header row.
pub fn header(bank: &Bank, l: Locale) -> impl IntoView {
    let dimensions = bank
        .dimensions
        .iter()
        .map(|d| view! { <th scope="col">{names::dimension_short(bank, &d.id, l)}</th> })
        .collect_view();
    view! {
        <tr>
            <th scope="col">{l.pick("支部", "Branch")}</th>
            <th scope="col">{l.pick("类别", "Category")}</th>
            <th scope="col">{l.pick("总分", "Overall")}</th>
            <th scope="col">{l.pick("等级", "Band")}</th>
            <th scope="col">{l.pick("红线", "Red lines")}</th>
            {dimensions}
        </tr>
    }
}

/// Rows of the printed heat map, the first being row `first` of it.
pub fn rows_body(bank: &Bank, rows: &[HeatRow], first: usize, l: Locale) -> impl IntoView {
    let body = rows
        .iter()
        .enumerate()
        .map(|(i, row)| row_view(bank, row, first + i, l))
        .collect_view();
    view! { <tbody>{body}</tbody> }
}

/// The first `limit` rows of the heat map under the page's current sort and filter, and how
/// many rows it has (for the report).
pub fn current_rows(page: Page, limit: usize) -> (Vec<HeatRow>, usize) {
    let bank = page.bank();
    let settings: HeatSettings = page.heat.get();
    let locale = page.locale.get();
    page.current.with(|r| {
        let order = heat_order(&bank, &r.roster, &r.figures, &r.names, locale, &settings);
        let rows = order
            .iter()
            .take(limit)
            .filter_map(|&b| heat_row(&bank, &r.roster, &r.figures, b, locale))
            .collect();
        (rows, order.len())
    })
}
