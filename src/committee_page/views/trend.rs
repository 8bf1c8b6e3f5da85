//! Trend: an earlier round loaded beside this one; the change per branch (matched by unit
//! name or label) and per category and dimension.

use std::sync::Arc;

use leptos::prelude::*;

use crate::bank::{Bank, Locale};
use crate::committee::{trend, BranchTrend, Trend};
use crate::ui_logic::text::{delta, score, tr};

use super::names;
use super::virtual_rows;
use crate::committee_page::intake;
use crate::committee_page::state::{Page, Target};

pub fn view(page: Page) -> impl IntoView {
    let l = page.locale;
    let computed: Memo<Option<Arc<Trend>>> = Memo::new(move |_| {
        let bank = page.bank();
        page.earlier.with(|earlier| {
            let earlier = earlier.as_ref()?;
            page.current.with(|now| {
                Some(Arc::new(trend(
                    &bank,
                    (&earlier.roster, &earlier.figures),
                    (&now.roster, &now.figures),
                )))
            })
        })
    });
    view! {
        <p class="bscc-hint">
            {move || l.get().pick(
                "载入上一轮（如去年）的导出文件或工作台文件。支部按单位名称或工作台里的名称对应；未署名的支部无法对应。",
                "Load the earlier round's exports or workbench file (last year's, say). Branches are matched by unit name or the label given here; unnamed branches cannot be matched.",
            )}
        </p>
        {intake::controls(page, Target::Earlier)}
        {move || page.earlier.with(|e| e.as_ref().map(|e| {
            let locale = l.get();
            let issues = e.roster.issues.len() + e.skipped.len();
            let loaded = e.roster.branches.len();
            view! {
                <p class="bscc-status">
                    {tr!(locale, "上一轮：{loaded} 个支部，{issues} 个输入未计入。", "Earlier round: {loaded} branches; {issues} input(s) not rolled up.")}
                    " "
                    <button type="button" class="bscc-button" on:click=move |_| page.earlier.set(None)>
                        {locale.pick("移除上一轮", "Remove the earlier round")}
                    </button>
                </p>
            }
        }))}
        {move || computed.get().map(|t| results(page, t))}
    }
}

fn results(page: Page, t: Arc<Trend>) -> impl IntoView {
    let l = page.locale;
    let bank = page.bank();
    let locale = l.get_untracked();
    let count = t.branches.len();
    let (only_now, only_then) = (t.only_now.len(), t.only_then.len());
    let rows = Arc::new(t.branches.clone());
    let header = {
        let bank = bank.clone();
        move || {
            let locale = l.get();
            let dims = bank
                .dimensions
                .iter()
                .map(|d| view! { <th scope="col" class="bscc-num">{names::dimension_short(&bank, &d.id, locale)}</th> })
                .collect_view();
            view! { <tr aria-rowindex="1">
                <th scope="col">{locale.pick("支部", "Branch")}</th>
                <th scope="col" class="bscc-num">{locale.pick("上一轮总分", "Then")}</th>
                <th scope="col" class="bscc-num">{locale.pick("本轮总分", "Now")}</th>
                <th scope="col" class="bscc-num">{locale.pick("变化", "Change")}</th>
                {dims}
            </tr> }
        }
    };
    let draw = move |first: usize, end: usize| {
        let locale = l.get();
        rows.get(first..end)
            .unwrap_or_default()
            .iter()
            .enumerate()
            .map(|(i, b)| branch_row(b, first + i, locale))
            .collect_view()
    };
    let label = Signal::derive(move || {
        l.get()
            .pick("各支部的变化", "Change per branch")
            .to_string()
    });
    view! {
        <h3>{locale.pick("按类别和维度的平均分变化", "Change of the mean score by category and dimension")}</h3>
        {cells_table(&bank, &t, locale)}
        <h3>{locale.pick("各支部的变化", "Change per branch")}</h3>
        <p class="bscc-hint">
            {tr!(locale,
                "{count} 个支部两轮都有；{only_now} 个只在本轮，{only_then} 个只在上一轮。标 * 的支部两轮类别不同。",
                "{count} branches are in both rounds; {only_now} only in this one, {only_then} only in the earlier one. * marks a branch whose category changed.")}
        </p>
        {(count > 0).then(|| virtual_rows::table(l, label, Signal::derive(move || count), header, draw))}
    }
}

fn branch_row(b: &BranchTrend, index: usize, l: Locale) -> impl IntoView {
    let dims = b
        .dimensions
        .iter()
        .map(|d| {
            let title = tr!(l, "{} → {}", "{} → {}", score(d.then), score(d.now));
            view! { <td class="bscc-num" title=title>{delta(d.change)}</td> }
        })
        .collect_view();
    let name = if b.category_changed {
        format!("{} *", b.name)
    } else {
        b.name.clone()
    };
    view! {
        <tr aria-rowindex=index + 2>
            <th scope="row" class="bscc-name">{name}</th>
            <td class="bscc-num">{score(b.overall.then)}</td>
            <td class="bscc-num">{score(b.overall.now)}</td>
            <td class="bscc-num">{delta(b.overall.change)}</td>
            {dims}
        </tr>
    }
}

/// Categories as rows, dimensions as columns: the change of the mean, then → now below it.
fn cells_table(bank: &Bank, t: &Trend, l: Locale) -> impl IntoView {
    let header = bank
        .dimensions
        .iter()
        .map(|d| view! { <th scope="col" class="bscc-num">{names::dimension_short(bank, &d.id, l)}</th> })
        .collect_view();
    let body = bank
        .categories
        .iter()
        .filter(|c| t.cells.iter().any(|cell| cell.category == c.id))
        .map(|c| {
            let cells = bank
                .dimensions
                .iter()
                .map(|d| {
                    let cell = t
                        .cells
                        .iter()
                        .find(|x| x.category == c.id && x.dimension == d.id);
                    match cell {
                        Some(x) => {
                            let detail = format!(
                                "{} → {} (n {} → {})",
                                score(x.mean.then),
                                score(x.mean.now),
                                x.n_then,
                                x.n_now
                            );
                            view! {
                                <td class="bscc-num" data-dimension=d.id.clone()>
                                    <span class="bscc-delta">{delta(x.mean.change)}</span>
                                    <span class="bscc-sub">{detail}</span>
                                </td>
                            }
                            .into_any()
                        }
                        None => view! { <td class="bscc-num">"—"</td> }.into_any(),
                    }
                })
                .collect_view();
            view! {
                <tr data-category=c.id.clone()>
                    <th scope="row">{c.name.get(l).to_string()}</th>
                    {cells}
                </tr>
            }
        })
        .collect_view();
    view! {
        <table class="bscc-table bscc-trend-cells">
            <thead><tr><th scope="col">{l.pick("类别", "Category")}</th>{header}</tr></thead>
            <tbody>{body}</tbody>
        </table>
    }
}
