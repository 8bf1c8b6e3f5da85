//! Scores by dimension (radar, bars and the table against the category's targets), and the
//! strengths.

use leptos::prelude::*;

use super::live_dimension;
use crate::assess::DimensionStatus;
use crate::ui::charts::{Bars, ChartRow, Radar};
use crate::ui::state::AppState;
use crate::ui_logic::text::{fixed, percent, score};

/// Chart, bars and the per-dimension table with targets (and earlier scores when comparing).
/// They are built for the dimensions asked and their targets, which the selection decides
/// (the results are built again for another one), and the radar again for an earlier self-check
/// to compare with; each figure that an answer moves is a live text, so an answer changed on
/// the results updates those figures alone.
#[component]
pub fn Dimensions() -> impl IntoView {
    let state = expect_context::<AppState>();
    let l = state.locale.get_untracked();
    let baseline = state.baseline;
    let assessment = state.assessment;
    let rows = move || {
        untrack(|| {
            assessment.with(|result| {
                let Some(result) = result.as_ref() else {
                    return Vec::new();
                };
                let then = baseline.with(|b| b.as_ref().map(|b| crate::record::compare(b, result)));
                result
                    .dimensions
                    .iter()
                    .map(|d| ChartRow {
                        label: state
                            .dimension(&d.id)
                            .map(|dim| dim.short.unwrap_or(dim.name).get(l).to_string())
                            .unwrap_or_else(|| d.id.clone()),
                        target: d.target,
                        then: then.as_ref().and_then(|c| {
                            c.dimensions
                                .iter()
                                .find(|x| x.id == d.id)
                                .and_then(|x| x.then)
                        }),
                    })
                    .collect::<Vec<_>>()
            })
        })
    };
    let table_rows = {
        // Names, weights and targets stay while the results are shown; the rest follows
        // the answers.
        let cell = |i, text| live_dimension(state, i, text);
        let fixed_cell = |i, text| untrack(live_dimension(state, i, text));
        (0..untrack(|| assessment.with(|a| a.as_ref().map_or(0, |a| a.dimensions.len()))))
            .map(|i| {
                view! {
                    <tr>
                        <th scope="row">{fixed_cell(i, |d, state, l| state.dimension_name(&d.id, l))}</th>
                        <td class="bsc-num">{fixed_cell(i, |d, _, _| percent(d.weight_share))}</td>
                        <td class="bsc-num">{cell(i, |d, _, _| score(d.score))}</td>
                        <td class="bsc-num">{fixed_cell(i, |d, _, _| fixed(d.target, 0))}</td>
                        <td><span class=cell(i, |d, _, _| status(d.status).1.to_string())>
                            {cell(i, |d, _, l| { let ((zh, en), _) = status(d.status); l.pick(zh, en).to_string() })}
                        </span></td>
                        <td class="bsc-num">{cell(i, |d, _, _| format!("{}/{}", d.answered + d.not_applicable, d.total()))}</td>
                    </tr>
                }
            })
            .collect_view()
    };
    let title_id = state.dom_id("dims-title");
    let labelled_by = title_id.clone();
    view! {
        <section class="bsc-card bsc-dimensions" aria-labelledby=labelled_by>
            <h3 id=title_id>{l.pick("各维度得分与本类别目标", "Scores by dimension against your category's targets")}</h3>
            <div class="bsc-charts">
                {move || { baseline.track(); view! {
                    <Radar rows=rows() assessment=assessment title=l.pick("各维度得分雷达图", "Radar chart of dimension scores").to_string()
                        legend=[
                            l.pick("本次得分（实线）", "Score (solid)").to_string(),
                            l.pick("类别目标（虚线）", "Target (dashed)").to_string(),
                            l.pick("上次得分（点线）", "Earlier (dotted)").to_string(),
                        ]/>
                }}}
                <Bars rows=rows() assessment=assessment target_word=l.pick("目标", "target").to_string()/>
            </div>
            <table class="bsc-table">
                <caption class="bsc-visually-hidden">{l.pick("各维度得分表", "Scores by dimension")}</caption>
                <thead><tr>
                    <th scope="col">{l.pick("维度", "Dimension")}</th>
                    <th scope="col" class="bsc-num">{l.pick("权重", "Weight")}</th>
                    <th scope="col" class="bsc-num">{l.pick("得分", "Score")}</th>
                    <th scope="col" class="bsc-num">{l.pick("目标", "Target")}</th>
                    <th scope="col">{l.pick("判定", "Status")}</th>
                    <th scope="col" class="bsc-num">{l.pick("已答", "Answered")}</th>
                </tr></thead>
                <tbody>{table_rows}</tbody>
            </table>
        </section>
    }
}

/// A status's words (Chinese, English) and its class.
fn status(status: DimensionStatus) -> ((&'static str, &'static str), &'static str) {
    match status {
        DimensionStatus::Strength => (("优势", "Strength"), "bsc-status bsc-status-strength"),
        DimensionStatus::OnTarget => (("达标", "On target"), "bsc-status bsc-status-ok"),
        DimensionStatus::Gap => (("差距", "Gap"), "bsc-status bsc-status-gap"),
        DimensionStatus::Unknown => (("未答", "Not answered"), "bsc-status"),
    }
}

/// Dimensions above target + margin, as tags.
#[component]
pub fn Strengths() -> impl IntoView {
    let state = expect_context::<AppState>();
    let l = state.locale.get_untracked();
    let assessment = state.assessment;
    // Built again only when the strengths change, not on every answer.
    let names = Memo::new(move |_| {
        assessment.with(|a| {
            a.as_ref()
                .map(|a| {
                    a.strengths
                        .iter()
                        .filter_map(|id| state.dimension(id).map(|d| d.name.get(l).to_string()))
                        .collect::<Vec<_>>()
                })
                .unwrap_or_default()
        })
    });
    let title_id = state.dom_id("strengths-title");
    let labelled_by = title_id.clone();
    view! {
        <section class="bsc-card bsc-strengths" aria-labelledby=labelled_by>
            <h3 id=title_id>{l.pick("优势", "Strengths")}</h3>
            {move || {
                let list = names.get();
                if list.is_empty() {
                    view! { <p class="bsc-empty">{l.pick("暂无明显高于目标的维度。", "No dimension is clearly above its target yet.")}</p> }.into_any()
                } else {
                    view! { <ul class="bsc-tags">{list.into_iter().map(|n| view! { <li>{n}</li> }).collect_view()}</ul> }.into_any()
                }
            }}
        </section>
    }
}
