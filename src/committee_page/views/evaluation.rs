//! 分类考评: per category and dimension the spread of scores against the category's target,
//! and ranks only within a category.

use leptos::prelude::*;

use crate::bank::{Bank, Locale};
use crate::committee::{CategoryEvaluation, Spread};
use crate::ui_logic::text::{percent, score, tr};

use super::{draw_a_part_per_frame, names};
use crate::committee_page::state::Page;
use crate::committee_page::web;

/// Category blocks drawn with the view; the others follow one per frame.
const FIRST_BLOCKS: usize = 2;

pub fn view(page: Page) -> impl IntoView {
    let l = page.locale;
    move || {
        let locale = l.get();
        page.current.with(|r| {
            let Some(evaluation) = &r.derived.evaluation else {
                return ().into_any();
            };
            // Eight blocks of a dozen rows each took the browser 60-230 ms to lay out at once
            // with 4,315 branches: the first come with the click, the rest a frame each.
            let drawn = RwSignal::new(FIRST_BLOCKS);
            draw_a_part_per_frame(drawn, evaluation.categories.len(), || {});
            let note = evaluation.weights_differ.then(|| view! {
                <p class="bscc-callout">
                    {locale.pick(
                        "各类别对各维度的权重不同，总分不宜跨类别比较：排名只在同一类别内进行，考评以本类别目标为准。",
                        "Categories weigh the dimensions differently, so overall scores are not compared across categories: ranks are within a category, and each is judged against its own category's targets.",
                    )}
                </p>
            });
            let blocks = (0..evaluation.categories.len())
                .map(|i| {
                    // Made once, when its turn comes (the first at once).
                    let shown = Memo::new(move |_| drawn.get() > i);
                    move || {
                        shown.get().then(|| {
                            page.current.with_untracked(|r| {
                                let c = r.derived.evaluation.as_ref()?.categories.get(i)?;
                                Some(category_block(page, &page.bank(), c, locale))
                            })
                        })
                    }
                })
                .collect_view();
            view! { {note} {blocks} }.into_any()
        })
    }
}

fn category_block(page: Page, bank: &Bank, c: &CategoryEvaluation, l: Locale) -> impl IntoView {
    let name = names::category(bank, &c.category, l);
    let rows = c
        .dimensions
        .iter()
        .map(|d| {
            let cells = spread_cells(d.spread);
            let meeting = match d.share_meeting_target() {
                Some(share) => format!("{} ({})", d.meeting_target, percent(share)),
                None => "—".into(),
            };
            view! {
                <tr>
                    <th scope="row">{names::dimension(bank, &d.dimension, l)}</th>
                    <td class="bscc-num">{score(Some(d.target))}</td>
                    {cells}
                    <td class="bscc-num">{meeting}</td>
                </tr>
            }
        })
        .collect_view();
    let overall = spread_cells(c.overall);
    let weights_note = c.modifiers_change_weights.then(|| view! {
        <p class="bscc-hint">
            {l.pick(
                "本类别中部分支部有调整权重的情形（如境外、临时、人数少），其总分所用权重略有不同。",
                "Some branches here have modifiers that adjust the weights (overseas, temporary, small), so their overall scores rest on slightly different weights.",
            )}
        </p>
    });
    // Names are made when the list is opened: a large category has hundreds of branches.
    let ranks: Vec<(usize, usize, f64)> = c
        .ranks
        .iter()
        .map(|r| (r.rank, r.branch, r.overall))
        .collect();

    let unranked = c.unranked.len();
    let open = RwSignal::new(false);
    view! {
        <section class="bscc-category" data-category=c.category.clone()>
            <h3>{tr!(l, "{name}（{} 个支部）", "{name} ({} branches)", c.branches)}</h3>
            {weights_note}
            <table class="bscc-table bscc-spread">
                <thead><tr>
                    <th scope="col">{l.pick("维度", "Dimension")}</th>
                    <th scope="col" class="bscc-num">{l.pick("类别目标", "Target")}</th>
                    <th scope="col" class="bscc-num">{l.pick("有分支部", "Scored")}</th>
                    <th scope="col" class="bscc-num">{l.pick("最低", "Min")}</th>
                    <th scope="col" class="bscc-num">{l.pick("下四分位", "Q1")}</th>
                    <th scope="col" class="bscc-num">{l.pick("中位数", "Median")}</th>
                    <th scope="col" class="bscc-num">{l.pick("上四分位", "Q3")}</th>
                    <th scope="col" class="bscc-num">{l.pick("最高", "Max")}</th>
                    <th scope="col" class="bscc-num">{l.pick("平均", "Mean")}</th>
                    <th scope="col" class="bscc-num">{l.pick("达到目标", "Meeting target")}</th>
                </tr></thead>
                <tbody>{rows}</tbody>
                <tfoot><tr>
                    <th scope="row">{l.pick("总分", "Overall")}</th>
                    <td></td>
                    {overall}
                    <td></td>
                </tr></tfoot>
            </table>
            <details class="bscc-ranks" on:toggle=move |ev| open.set(web::details_open(&ev))>
                <summary>{tr!(l, "类别内排名（{} 个支部有总分，{unranked} 个无总分）", "Ranks within the category ({} with an overall score, {unranked} without)", ranks.len())}</summary>
                // Drawn when opened: a large category has hundreds of branches.
                {move || open.get().then(|| {
                    let body = page.current.with_untracked(|r| ranks.iter().map(|(rank, branch, overall)| view! {
                        <tr><td class="bscc-num">{*rank}</td><th scope="row">{r.roster.label(*branch, l)}</th><td class="bscc-num">{score(Some(*overall))}</td></tr>
                    }).collect_view());
                    view! {
                        <table class="bscc-table">
                            <thead><tr>
                                <th scope="col" class="bscc-num">{l.pick("名次", "Rank")}</th>
                                <th scope="col">{l.pick("支部", "Branch")}</th>
                                <th scope="col" class="bscc-num">{l.pick("总分", "Overall")}</th>
                            </tr></thead>
                            <tbody>{body}</tbody>
                        </table>
                    }
                })}
            </details>
        </section>
    }
}

/// n, min, Q1, median, Q3, max, mean; dashes when no branch has a score.
fn spread_cells(spread: Option<Spread>) -> impl IntoView {
    let values: Vec<String> = match spread {
        Some(s) => std::iter::once(s.n.to_string())
            .chain([s.min, s.q1, s.median, s.q3, s.max, s.mean].map(|v| score(Some(v))))
            .collect(),
        None => std::iter::once("0".to_string())
            .chain(std::iter::repeat_n("—".to_string(), 6))
            .collect(),
    };
    values
        .into_iter()
        .map(|v| view! { <td class="bscc-num">{v}</td> })
        .collect_view()
}
