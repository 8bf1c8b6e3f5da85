//! Scores by dimension (radar, bars and the table against the category's targets), and the
//! strengths.

use leptos::prelude::*;

use crate::assess::DimensionStatus;
use crate::ui::charts::{Bars, ChartRow, Radar};
use crate::ui::state::AppState;
use crate::ui_logic::text::{fixed, percent, score};

/// Chart, bars and the per-dimension table with targets (and earlier scores when comparing).
/// Reads the live assessment, so an answer changed on the results updates the figures in
/// place instead of building the section again.
#[component]
pub fn Dimensions() -> impl IntoView {
    let state = expect_context::<AppState>();
    let l = state.locale.get_untracked();
    let baseline = state.baseline;
    let assessment = state.assessment;
    let rows = move || {
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
                    score: d.score,
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
    };
    let table_rows = move || {
        assessment.with(|result| {
            result
                .iter()
                .flat_map(|result| result.dimensions.iter())
                .map(|d| {
                    let (status, status_class) = match d.status {
                        DimensionStatus::Strength => (l.pick("优势", "Strength"), "bsc-status bsc-status-strength"),
                        DimensionStatus::OnTarget => (l.pick("达标", "On target"), "bsc-status bsc-status-ok"),
                        DimensionStatus::Gap => (l.pick("差距", "Gap"), "bsc-status bsc-status-gap"),
                        DimensionStatus::Unknown => (l.pick("未答", "Not answered"), "bsc-status"),
                    };
                    view! {
                        <tr>
                            <th scope="row">{state.dimension_name(&d.id, l)}</th>
                            <td class="bsc-num">{percent(d.weight_share)}</td>
                            <td class="bsc-num">{score(d.score)}</td>
                            <td class="bsc-num">{fixed(d.target, 0)}</td>
                            <td><span class=status_class>{status}</span></td>
                            <td class="bsc-num">{format!("{}/{}", d.answered + d.not_applicable, d.total())}</td>
                        </tr>
                    }
                })
                .collect_view()
        })
    };
    let title_id = state.dom_id("dims-title");
    let labelled_by = title_id.clone();
    view! {
        <section class="bsc-card bsc-dimensions" aria-labelledby=labelled_by>
            <h3 id=title_id>{l.pick("各维度得分与本类别目标", "Scores by dimension against your category's targets")}</h3>
            <div class="bsc-charts">
                {move || view! {
                    <Radar rows=rows() title=l.pick("各维度得分雷达图", "Radar chart of dimension scores").to_string()
                        legend=[
                            l.pick("本次得分（实线）", "Score (solid)").to_string(),
                            l.pick("类别目标（虚线）", "Target (dashed)").to_string(),
                            l.pick("上次得分（点线）", "Earlier (dotted)").to_string(),
                        ]/>
                }}
                {move || view! { <Bars rows=rows() target_word=l.pick("目标", "target").to_string()/> }}
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

/// Dimensions above target + margin, as tags.
#[component]
pub fn Strengths() -> impl IntoView {
    let state = expect_context::<AppState>();
    let l = state.locale.get_untracked();
    let assessment = state.assessment;
    let names = move || {
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
    };
    let title_id = state.dom_id("strengths-title");
    let labelled_by = title_id.clone();
    view! {
        <section class="bsc-card bsc-strengths" aria-labelledby=labelled_by>
            <h3 id=title_id>{l.pick("优势", "Strengths")}</h3>
            {move || {
                let list = names();
                if list.is_empty() {
                    view! { <p class="bsc-empty">{l.pick("暂无明显高于目标的维度。", "No dimension is clearly above its target yet.")}</p> }.into_any()
                } else {
                    view! { <ul class="bsc-tags">{list.into_iter().map(|n| view! { <li>{n}</li> }).collect_view()}</ul> }.into_any()
                }
            }}
        </section>
    }
}
