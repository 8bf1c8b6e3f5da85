//! The results screen, which is also the printed diagnostic summary (see print rules in CSS).

use std::collections::BTreeSet;

use leptos::prelude::*;

use super::charts::{Bars, ChartRow, Radar};
use super::io::{CompareButton, ExportButton, ImportButton, ShareLink};
use super::question::QuestionCard;
use super::state::{AppState, Screen};
use super::storage;
use super::text::{delta, fixed, percent, score, tr};
use crate::assess::{Answer, Assessment, Completeness, DimensionStatus, Gap};
use crate::bank::{AnswerSpec, Locale, Question};
use crate::embed::events::HostEvent;
use crate::recommend::{Reason, Suggestion};

#[component]
pub fn ResultsScreen() -> impl IntoView {
    let state = expect_context::<AppState>();
    let uid = state.uid;
    let locale = state.locale.get_untracked();
    let assessment = state.assessment;
    let heading = NodeRef::<leptos::html::H2>::new();
    Effect::new(move |_| {
        if let Some(h) = heading.get() {
            super::questionnaire::focus_if_lost(&h);
        }
    });

    // Tell the host once per visit when the check is complete.
    if state.config.events {
        if let Some(result) = assessment.get_untracked() {
            if result.completeness == Completeness::Complete {
                state.emit(HostEvent::Completed, &summary_for_host(&state, &result));
            }
        }
    }

    let s = state.clone();
    view! {
        <section class="bsc-screen bsc-results" aria-labelledby=format!("bsc{}-results-title", uid)>
            <PrintHeader/>
            <h2 id=format!("bsc{}-results-title", uid) class="bsc-no-print" tabindex="-1" node_ref=heading>{tr(locale, "自查结果", "Your results")}</h2>
            <SelectionLine/>
            {move || assessment.get().map(|result| view! {
                <CompletenessNote result=result.clone()/>
                <RedLines result=result.clone()/>
                <Summary result=result.clone()/>
                <Dimensions result=result.clone()/>
            })}
            <Strengths/>
            <Gaps/>
            <Suggestions/>
            <Comparison/>
            <Actions/>
            <PrintFooter/>
            <div class="bsc-actions bsc-no-print">
                <button type="button" class="bsc-button" on:click=move |_| {
                    let first = s.first_dimension();
                    s.go(Screen::Questions(first));
                }>{tr(locale, "返回修改答案", "Back to the questions")}</button>
            </div>
        </section>
    }
}

/// What the host receives with `bsc:completed`: the scores, never the answers.
fn summary_for_host(state: &AppState, result: &Assessment) -> serde_json::Value {
    serde_json::json!({
        "bank": { "id": state.bank.id, "version": state.bank.version },
        "selection": state.selection.get_untracked(),
        "overall": result.overall,
        "band": result.band,
        "dimensions": result.dimensions.iter().map(|d| serde_json::json!({
            "id": d.id, "score": d.score, "target": d.target,
        })).collect::<Vec<_>>(),
        "red_lines": result.red_lines.len(),
    })
}

/// Category and modifiers, as a line under the title.
#[component]
fn SelectionLine() -> impl IntoView {
    let state = expect_context::<AppState>();
    let locale = state.locale.get_untracked();
    move || {
        let l = locale;
        state.selection.get().map(|sel| {
            let category = state
                .category(&sel.category)
                .map(|c| c.name.get(l).to_string())
                .unwrap_or_default();
            let modifiers: Vec<String> = state
                .bank
                .modifiers
                .iter()
                .filter(|m| sel.modifiers.contains(&m.id))
                .map(|m| m.name.get(l).to_string())
                .collect();
            let text = if modifiers.is_empty() {
                category
            } else {
                format!("{category} · {}", modifiers.join(" · "))
            };
            view! { <p class="bsc-selection-line"><span>{tr(l, "支部类别：", "Category: ")}</span>{text}</p> }
        })
    }
}

#[component]
fn CompletenessNote(result: Assessment) -> impl IntoView {
    let state = expect_context::<AppState>();
    let locale = state.locale.get_untracked();
    let unanswered = result.unanswered;
    if result.completeness == Completeness::Complete {
        return ().into_any();
    }
    let insufficient = result.completeness == Completeness::Insufficient;
    let s = state.clone();
    view! {
        <div class="bsc-callout bsc-callout-warning" role="note">
            <p>{match (locale, insufficient) {
                (Locale::Zh, false) => format!("还有 {unanswered} 题未答，以下为初步结果，答完后更准确。"),
                (Locale::En, false) => format!("{unanswered} questions are still unanswered: these results are provisional."),
                (Locale::Zh, true) => format!("还有 {unanswered} 题未答，已答不足一半，暂不评定等次，得分仅供参考。"),
                (Locale::En, true) => format!("{unanswered} questions are unanswered — fewer than half are answered, so no band is given and scores are only indicative."),
            }}</p>
            <button type="button" class="bsc-link bsc-no-print" on:click=move |_| {
                let dim = first_unanswered_dimension(&s);
                s.go(Screen::Questions(dim));
            }>{tr(locale, "去回答未答的题", "Answer the rest")}</button>
        </div>
    }
    .into_any()
}

fn first_unanswered_dimension(state: &AppState) -> String {
    state
        .dimension_progress()
        .into_iter()
        .find(|(_, done, total)| done < total)
        .map(|(id, _, _)| id)
        .unwrap_or_else(|| state.first_dimension())
}

/// Red-line items, always at the top whatever the score.
#[component]
fn RedLines(result: Assessment) -> impl IntoView {
    let state = expect_context::<AppState>();
    let uid = state.uid;
    let locale = state.locale.get_untracked();
    if result.red_lines.is_empty() {
        return ().into_any();
    }
    let items = result
        .red_lines
        .iter()
        .filter_map(|hit| state.question_by_id(&hit.question).cloned())
        .map(|q| {
            let message = q
                .red_line
                .as_ref()
                .map(|r| r.message.clone())
                .unwrap_or_default();
            let text = q.text.clone();
            view! {
                <li>
                    <strong>{text.get(locale).to_string()}</strong>
                    <p>{message.get(locale).to_string()}</p>
                </li>
            }
        })
        .collect_view();
    view! {
        <section class="bsc-card bsc-redlines" aria-labelledby=format!("bsc{}-redlines-title", uid)>
            <h3 id=format!("bsc{}-redlines-title", uid)>
                <span class="bsc-badge bsc-badge-red">"!"</span>
                {tr(locale, "红线事项（不论得分高低，须立即整改）", "Red lines (to fix at once, whatever the score)")}
            </h3>
            <ul>{items}</ul>
        </section>
    }
    .into_any()
}

#[component]
fn Summary(result: Assessment) -> impl IntoView {
    let state = expect_context::<AppState>();
    let locale = state.locale.get_untracked();
    let band = result
        .band
        .as_ref()
        .and_then(|id| state.bank.bands.iter().find(|b| &b.id == id))
        .map(|b| b.label.clone());
    let overall = result.overall;
    let coverage = result.coverage;
    let counts = (result.answered, result.not_applicable, result.total());
    view! {
        <section class="bsc-card bsc-summary" aria-label=tr(locale, "总体结果", "Overall result")>
            <div class="bsc-overall">
                <span class="bsc-overall-label">{tr(locale, "综合得分", "Overall score")}</span>
                <span class="bsc-overall-score">{score(overall)}</span>
            </div>
            <div class="bsc-overall">
                <span class="bsc-overall-label">{tr(locale, "等次", "Band")}</span>
                <span class="bsc-overall-band">{move || match &band {
                    Some(b) => b.get(locale).to_string(),
                    None => tr(locale, "暂不评定", "Not yet given").to_string(),
                }}</span>
            </div>
            <div class="bsc-overall">
                <span class="bsc-overall-label">{tr(locale, "完成度", "Completeness")}</span>
                <span class="bsc-overall-coverage">{percent(coverage)}</span>
                <span class="bsc-overall-detail">{match locale {
                    Locale::Zh => format!("已答 {}，不适用 {}，共 {} 题", counts.0, counts.1, counts.2),
                    Locale::En => format!("{} answered, {} not applicable, of {}", counts.0, counts.1, counts.2),
                }}</span>
            </div>
        </section>
    }
}

/// Chart, bars and the per-dimension table with targets (and earlier scores when comparing).
#[component]
fn Dimensions(result: Assessment) -> impl IntoView {
    let state = expect_context::<AppState>();
    let uid = state.uid;
    let locale = state.locale.get_untracked();
    let baseline = state.baseline;
    let s = state.clone();
    let result_rows = result.clone();
    let rows = move || {
        let l = locale;
        let then = baseline.with(|b| b.as_ref().map(|b| crate::record::compare(b, &result_rows)));
        result_rows
            .dimensions
            .iter()
            .map(|d| ChartRow {
                label: s
                    .dimension(&d.id)
                    .map(|dim| dim.short.as_ref().unwrap_or(&dim.name).get(l).to_string())
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
    };
    let rows_radar = rows.clone();
    let s_table = state.clone();
    let table_rows = move || {
        let l = locale;
        result
            .dimensions
            .iter()
            .map(|d| {
                let name = s_table
                    .dimension(&d.id)
                    .map(|dim| dim.name.get(l).to_string())
                    .unwrap_or_else(|| d.id.clone());
                let status = match d.status {
                    DimensionStatus::Strength => tr(l, "优势", "Strength"),
                    DimensionStatus::OnTarget => tr(l, "达标", "On target"),
                    DimensionStatus::Gap => tr(l, "差距", "Gap"),
                    DimensionStatus::Unknown => tr(l, "未答", "Not answered"),
                };
                let status_class = match d.status {
                    DimensionStatus::Strength => "bsc-status bsc-status-strength",
                    DimensionStatus::OnTarget => "bsc-status bsc-status-ok",
                    DimensionStatus::Gap => "bsc-status bsc-status-gap",
                    DimensionStatus::Unknown => "bsc-status",
                };
                view! {
                    <tr>
                        <th scope="row">{name}</th>
                        <td class="bsc-num">{percent(d.weight_share)}</td>
                        <td class="bsc-num">{score(d.score)}</td>
                        <td class="bsc-num">{fixed(d.target, 0)}</td>
                        <td><span class=status_class>{status}</span></td>
                        <td class="bsc-num">{format!("{}/{}", d.answered + d.not_applicable, d.total())}</td>
                    </tr>
                }
            })
            .collect_view()
    };
    view! {
        <section class="bsc-card bsc-dimensions" aria-labelledby=format!("bsc{}-dims-title", uid)>
            <h3 id=format!("bsc{}-dims-title", uid)>{tr(locale, "各维度得分与本类别目标", "Scores by dimension against your category's targets")}</h3>
            <div class="bsc-charts">
                {move || view! {
                    <Radar rows=rows_radar() title=tr(locale, "各维度得分雷达图", "Radar chart of dimension scores").to_string()
                        legend=[
                            tr(locale, "本次得分（实线）", "Score (solid)").to_string(),
                            tr(locale, "类别目标（虚线）", "Target (dashed)").to_string(),
                            tr(locale, "上次得分（点线）", "Earlier (dotted)").to_string(),
                        ]/>
                }}
                {move || view! { <Bars rows=rows() target_word=tr(locale, "目标", "target").to_string()/> }}
            </div>
            <table class="bsc-table">
                <caption class="bsc-visually-hidden">{tr(locale, "各维度得分表", "Scores by dimension")}</caption>
                <thead><tr>
                    <th scope="col">{tr(locale, "维度", "Dimension")}</th>
                    <th scope="col" class="bsc-num">{tr(locale, "权重", "Weight")}</th>
                    <th scope="col" class="bsc-num">{tr(locale, "得分", "Score")}</th>
                    <th scope="col" class="bsc-num">{tr(locale, "目标", "Target")}</th>
                    <th scope="col">{tr(locale, "判定", "Status")}</th>
                    <th scope="col" class="bsc-num">{tr(locale, "已答", "Answered")}</th>
                </tr></thead>
                <tbody>{table_rows}</tbody>
            </table>
        </section>
    }
}

/// Gaps on paper; print.css hides the rest, and the page says how many.
const PRINTED_GAPS: usize = 5;

/// Dimensions above target + margin, as tags.
#[component]
fn Strengths() -> impl IntoView {
    let state = expect_context::<AppState>();
    let uid = state.uid;
    let locale = state.locale.get_untracked();
    let assessment = state.assessment;
    let s = state.clone();
    let names = move || {
        let l = locale;
        assessment.with(|a| {
            a.as_ref()
                .map(|a| {
                    a.strengths
                        .iter()
                        .filter_map(|id| s.dimension(id).map(|d| d.name.get(l).to_string()))
                        .collect::<Vec<_>>()
                })
                .unwrap_or_default()
        })
    };
    view! {
        <section class="bsc-card bsc-strengths" aria-labelledby=format!("bsc{}-strengths-title", uid)>
            <h3 id=format!("bsc{}-strengths-title", uid)>{tr(locale, "优势", "Strengths")}</h3>
            {move || {
                let list = names();
                if list.is_empty() {
                    view! { <p class="bsc-empty">{tr(locale, "暂无明显高于目标的维度。", "No dimension is clearly above its target yet.")}</p> }.into_any()
                } else {
                    view! { <ul class="bsc-tags">{list.into_iter().map(|n| view! { <li>{n}</li> }).collect_view()}</ul> }.into_any()
                }
            }}
        </section>
    }
}

/// The gaps, most severe first. Items are keyed by dimension and question, so an answer
/// changed in an open inline editor updates the figures without closing the editor.
#[component]
fn Gaps() -> impl IntoView {
    let state = expect_context::<AppState>();
    let uid = state.uid;
    let locale = state.locale.get_untracked();
    let assessment = state.assessment;
    // Questions whose inline editor is open: they stay listed while being edited, even when
    // the new answer moves them out of the costliest five.
    let open = RwSignal::new(BTreeSet::<String>::new());
    // Gaps by rank; while an editor is open the order is kept (see GapItem's questions).
    let gap_ids = Memo::new(move |previous: Option<&Vec<String>>| {
        let ranked = assessment.with(|a| {
            a.as_ref()
                .map(|a| {
                    a.gaps
                        .iter()
                        .map(|g| g.dimension.clone())
                        .collect::<Vec<_>>()
                })
                .unwrap_or_default()
        });
        match previous {
            Some(previous) if open.with(|o| !o.is_empty()) => {
                let mut kept: Vec<String> = previous
                    .iter()
                    .filter(|id| ranked.contains(id))
                    .cloned()
                    .collect();
                kept.extend(ranked.into_iter().filter(|id| !previous.contains(id)));
                kept
            }
            _ => ranked,
        }
    });
    let gap_count = move || gap_ids.with(Vec::len);
    view! {
        <section class="bsc-card bsc-gaps" aria-labelledby=format!("bsc{}-gaps-title", uid)>
            <h3 id=format!("bsc{}-gaps-title", uid)>{tr(locale, "差距（按权重×差距排序）及原因", "Gaps (ranked by weight × shortfall) and the questions behind them")}</h3>
            <Show when=move || gap_count() == 0>
                <p class="bsc-empty">{tr(locale, "各维度均达到本类别目标。", "Every dimension reaches its target.")}</p>
            </Show>
            <ol class="bsc-gap-list">
                <For each=move || gap_ids.get() key=|id| id.clone() let:dimension>
                    <GapItem dimension=dimension open=open/>
                </For>
            </ol>
            <Show when=move || { gap_count() > PRINTED_GAPS }>
                <p class="bsc-print-only bsc-muted">{move || match locale {
                    Locale::Zh => format!("另有 {} 项差距，见屏幕上的完整结果或导出文件。", gap_count().saturating_sub(PRINTED_GAPS)),
                    Locale::En => format!("{} more gaps are listed on screen and in the export.", gap_count().saturating_sub(PRINTED_GAPS)),
                }}</p>
            </Show>
        </section>
    }
}

/// Questions named under each gap on screen (paper shows two).
const QUESTIONS_PER_GAP: usize = 5;

/// One gap: its rank and figures (live), and the questions that cost the most.
#[component]
fn GapItem(dimension: String, open: RwSignal<BTreeSet<String>>) -> impl IntoView {
    let state = expect_context::<AppState>();
    let s = state.clone();
    let locale = state.locale.get_untracked();
    let assessment = state.assessment;
    let name = state
        .dimension(&dimension)
        .map(|d| d.name.clone())
        .unwrap_or_default();
    let dim = dimension.clone();
    let gap = Memo::new(move |_| {
        assessment.with(|a| {
            a.as_ref().and_then(|a| {
                a.gaps
                    .iter()
                    .position(|g| g.dimension == dim)
                    .map(|rank| (rank, a.gaps[rank].clone()))
            })
        })
    });
    // The questions listed: the costliest five, plus any whose editor is open. While an
    // editor is open the order is kept, because moving a node would take the focus away
    // from the control the user is typing in.
    let questions = Memo::new(move |previous: Option<&Vec<String>>| {
        gap.with(|g| {
            let Some((_, g)) = g.as_ref() else {
                return Vec::new();
            };
            let mut ids: Vec<String> = g
                .questions
                .iter()
                .take(QUESTIONS_PER_GAP)
                .map(|q| q.question.clone())
                .collect();
            let editing_here = open.with(|open| {
                let mut any = false;
                for id in open {
                    if s.question_by_id(id)
                        .is_some_and(|q| q.dimension == g.dimension)
                    {
                        any = true;
                        if !ids.contains(id) {
                            ids.push(id.clone());
                        }
                    }
                }
                any
            });
            match previous {
                Some(previous) if editing_here => {
                    let mut kept: Vec<String> = previous
                        .iter()
                        .filter(|id| ids.contains(id))
                        .cloned()
                        .collect();
                    kept.extend(ids.into_iter().filter(|id| !previous.contains(id)));
                    kept
                }
                _ => ids,
            }
        })
    });
    view! {
        <li class="bsc-gap">
            <h4>
                <span class="bsc-rank">{move || gap.with(|g| g.as_ref().map(|(rank, _)| rank + 1))}</span>
                {name.get(locale).to_string()}
                <span class="bsc-gap-figures">{move || gap.with(|g| g.as_ref().map(|(_, g)| match locale {
                    Locale::Zh => format!("得分 {}，目标 {}，差 {}", fixed(g.score, 1), fixed(g.target, 0), fixed(g.shortfall, 1)),
                    Locale::En => format!("score {}, target {}, {} short", fixed(g.score, 1), fixed(g.target, 0), fixed(g.shortfall, 1)),
                }))}</span>
            </h4>
            <ul class="bsc-gap-questions">
                <For each=move || questions.get() key=|id| id.clone() let:question>
                    {
                        let state = expect_context::<AppState>();
                        state.question_by_id(&question).cloned().map(|q| view! { <GapQuestion question=q gap=gap open=open/> })
                    }
                </For>
            </ul>
        </li>
    }
}

/// A question behind a gap: its answer, what it costs now, and an inline way to change it.
#[component]
fn GapQuestion(
    question: Question,
    gap: Memo<Option<(usize, Gap)>>,
    open: RwSignal<BTreeSet<String>>,
) -> impl IntoView {
    let state = expect_context::<AppState>();
    let locale = state.locale.get_untracked();
    let open_id = question.id.clone();
    let editing = Memo::new(move |_| open.with(|o| o.contains(&open_id)));
    let toggle_id = question.id.clone();
    let toggle = move |_| {
        open.update(|o| {
            if !o.remove(&toggle_id) {
                o.insert(toggle_id.clone());
            }
        })
    };
    let text = question.text.clone();
    let qid = question.id.clone();
    let q_for_label = question.clone();
    let answers = state.answers;
    let lost_id = question.id.clone();
    let lost_points = move || {
        gap.with(|g| {
            g.as_ref()
                .and_then(|(_, g)| g.questions.iter().find(|q| q.question == lost_id))
                .map(|q| q.lost_points)
                .unwrap_or(0.0)
        })
    };
    let answer_text = move || {
        let l = locale;
        answers.with(|a| a.get(&qid).map(|ans| answer_label(&q_for_label, *ans, l)))
    };
    let number = state
        .questions
        .with_untracked(|qs| {
            qs.iter()
                .position(|i| state.index.get(&question.id) == Some(i))
        })
        .map(|p| p + 1)
        .unwrap_or(0);
    view! {
        <li class="bsc-gap-question">
            <p>
                {text.get(locale).to_string()}
                <span class="bsc-answer-now">{move || answer_text().map(|a| match locale {
                    Locale::Zh => format!("（当前：{a}；失分 {}）", fixed(lost_points(), 1)),
                    Locale::En => format!(" (now: {a}; costs {} points)", fixed(lost_points(), 1)),
                })}</span>
                <button type="button" class="bsc-link bsc-no-print" aria-expanded=move || editing.get().to_string()
                    on:click=toggle>
                    {move || if editing.get() { tr(locale, "收起", "Close") } else { tr(locale, "修改答案", "Change answer") }}
                </button>
            </p>
            <Show when=move || editing.get()>
                <div class="bsc-inline-edit bsc-no-print">
                    <QuestionCard question=question.clone() number=number/>
                </div>
            </Show>
        </li>
    }
}

/// A readable form of an answer, e.g. the level's description or "3 times".
pub fn answer_label(question: &Question, answer: Answer, locale: Locale) -> String {
    match (&question.answer, answer) {
        (_, Answer::NotApplicable) => tr(locale, "不适用", "not applicable").into(),
        (AnswerSpec::Levels { levels }, Answer::Level(i)) => levels
            .get(usize::from(i))
            .map(|l| l.label.get(locale).to_string())
            .unwrap_or_default(),
        (_, Answer::Yes) => tr(locale, "是", "yes").into(),
        (_, Answer::No) => tr(locale, "否", "no").into(),
        (AnswerSpec::Count { per_year, .. }, Answer::Count(n)) => match locale {
            Locale::Zh => format!("{n} 次（要求 {per_year} 次）"),
            Locale::En => format!("{n} times (required {per_year})"),
        },
        _ => String::new(),
    }
}

/// Suggested groups and trainings, each with the reasons it was suggested.
#[component]
fn Suggestions() -> impl IntoView {
    let state = expect_context::<AppState>();
    let uid = state.uid;
    let locale = state.locale.get_untracked();
    let suggestions = state.suggestions;
    let s_groups = state.clone();
    let s_trainings = state.clone();
    view! {
        <section class="bsc-card bsc-suggestions" aria-labelledby=format!("bsc{}-groups-title", uid)>
            <h3 id=format!("bsc{}-groups-title", uid)>{tr(locale, "推荐加入的党建协作组", "Suggested collaboration groups (党建协作组)")}</h3>
            {move || {
                let list = suggestions.with(|s| s.groups.clone());
                if list.is_empty() {
                    return view! { <p class="bsc-empty">{tr(locale, "答题后根据差距和优势推荐。", "Suggestions follow from your gaps and strengths once you answer.")}</p> }.into_any();
                }
                let l = locale;
                view! {
                    <ol class="bsc-suggestion-list">
                        {list.into_iter().filter_map(|sug| {
                            let g = s_groups.bank.groups.iter().find(|g| g.id == sug.id)?;
                            let size = match l {
                                Locale::Zh => format!("建议 {}–{} 个支部", g.size.min, g.size.max),
                                Locale::En => format!("{}–{} branches", g.size.min, g.size.max),
                            };
                            Some(view! {
                                <li class="bsc-suggestion">
                                    <h4>{g.name.get(l).to_string()}<span class="bsc-muted">{format!(" · {size}")}</span></h4>
                                    <p>{g.activities.get(l).to_string()}</p>
                                    <Reasons suggestion=sug.clone()/>
                                </li>
                            })
                        }).collect_view()}
                    </ol>
                }.into_any()
            }}
            <h3>{tr(locale, "推荐的培训", "Suggested trainings")}</h3>
            {move || {
                let list = suggestions.with(|s| s.trainings.clone());
                if list.is_empty() {
                    return view! { <p class="bsc-empty">{tr(locale, "没有差距时不推荐培训。", "No training is suggested while there is no gap.")}</p> }.into_any();
                }
                let l = locale;
                view! {
                    <ol class="bsc-suggestion-list">
                        {list.into_iter().filter_map(|sug| {
                            let t = s_trainings.bank.trainings.iter().find(|t| t.id == sug.id)?;
                            let roles: Vec<String> = t.roles.iter()
                                .filter_map(|r| s_trainings.bank.roles.iter().find(|x| &x.id == r))
                                .map(|r| r.name.get(l).to_string())
                                .collect();
                            let hours = t.hours.map(|h| match l {
                                Locale::Zh => format!(" · {h} 学时"),
                                Locale::En => format!(" · {h} hours"),
                            }).unwrap_or_default();
                            Some(view! {
                                <li class="bsc-suggestion">
                                    <h4>{t.title.get(l).to_string()}<span class="bsc-muted">{format!(" · {}{hours}", roles.join(if l == Locale::Zh { "、" } else { ", " }))}</span></h4>
                                    <p>{t.description.get(l).to_string()}</p>
                                    <Reasons suggestion=sug.clone()/>
                                </li>
                            })
                        }).collect_view()}
                    </ol>
                }.into_any()
            }}
        </section>
    }
}

#[component]
fn Reasons(suggestion: Suggestion) -> impl IntoView {
    let state = expect_context::<AppState>();
    let l = state.locale.get_untracked();
    let items = suggestion
        .reasons
        .iter()
        .map(|r| {
            let (main, detail) = reason_text(&state, r, l);
            view! { <li>{main}<span class="bsc-reason-detail">{detail}</span></li> }
        })
        .collect_view();
    view! {
        <div class="bsc-reasons">
            <span class="bsc-reasons-label">{tr(l, "推荐理由：", "Why: ")}</span>
            <ul>{items}</ul>
        </div>
    }
}

/// A reason in words: the main point (dimension, scores), and a detail naming the questions
/// behind it, which the printed summary leaves out for space.
fn reason_text(state: &AppState, reason: &Reason, l: Locale) -> (String, String) {
    let dim = |id: &str| {
        state
            .dimension(id)
            .map(|d| d.name.get(l).to_string())
            .unwrap_or_else(|| id.to_string())
    };
    let question = |id: &str| {
        state
            .question_by_id(id)
            .map(|q| format!("“{}”", q.text.get(l)))
            .unwrap_or_default()
    };
    match reason {
        Reason::CoversGap {
            dimension,
            score,
            target,
            questions,
        } => {
            let qs: Vec<String> = questions.iter().map(|q| question(q)).collect();
            match l {
                Locale::Zh => (
                    format!(
                        "补齐“{}”差距（得分 {}，目标 {}）",
                        dim(dimension),
                        fixed(*score, 0),
                        fixed(*target, 0)
                    ),
                    if qs.is_empty() {
                        String::new()
                    } else {
                        format!("，主要失分：{}", qs.join("、"))
                    },
                ),
                Locale::En => (
                    format!(
                        "Closes the gap in {} (score {}, target {})",
                        dim(dimension),
                        fixed(*score, 0),
                        fixed(*target, 0)
                    ),
                    if qs.is_empty() {
                        String::new()
                    } else {
                        format!("; points lost on {}", qs.join(", "))
                    },
                ),
            }
        }
        Reason::AddressesRedLine {
            dimension,
            question: q,
        } => match l {
            Locale::Zh => (
                format!("针对“{}”中的红线事项", dim(dimension)),
                format!("：{}", question(q)),
            ),
            Locale::En => (
                format!("Deals with a red line in {}", dim(dimension)),
                format!(": {}", question(q)),
            ),
        },
        Reason::FitsCategory { category } => {
            let name = state
                .category(category)
                .map(|c| c.name.get(l).to_string())
                .unwrap_or_default();
            let main = match l {
                Locale::Zh => format!("适合{name}"),
                Locale::En => format!("Made for {name}"),
            };
            (main, String::new())
        }
        Reason::BringsStrength { dimension } => {
            let main = match l {
                Locale::Zh => format!(
                    "本支部在“{}”方面是优势，可带动其他支部（优势互补）",
                    dim(dimension)
                ),
                Locale::En => format!(
                    "Your strength in {} helps the other branches (complementary strengths)",
                    dim(dimension)
                ),
            };
            (main, String::new())
        }
        Reason::ForRole { role } => {
            let name = state
                .bank
                .roles
                .iter()
                .find(|r| &r.id == role)
                .map(|r| r.name.get(l).to_string())
                .unwrap_or_default();
            let main = match l {
                Locale::Zh => format!("面向{name}"),
                Locale::En => format!("Aimed at your role ({name})"),
            };
            (main, String::new())
        }
    }
}

/// Then-and-now per dimension, when an earlier export has been loaded.
#[component]
fn Comparison() -> impl IntoView {
    let state = expect_context::<AppState>();
    let uid = state.uid;
    let locale = state.locale.get_untracked();
    let baseline = state.baseline;
    let assessment = state.assessment;
    let s = state.clone();
    move || {
        let l = locale;
        let base = baseline.get()?;
        let now = assessment.get()?;
        let comparison = crate::record::compare(&base, &now);
        let rows = comparison
            .dimensions
            .iter()
            .map(|d| {
                let name = s
                    .dimension(&d.id)
                    .map(|x| x.name.get(l).to_string())
                    .unwrap_or_else(|| d.id.clone());
                view! {
                    <tr>
                        <th scope="row">{name}</th>
                        <td class="bsc-num">{score(d.then)}</td>
                        <td class="bsc-num">{score(d.now)}</td>
                        <td class="bsc-num bsc-delta">{delta(d.change)}</td>
                    </tr>
                }
            })
            .collect_view();
        let overall = comparison.overall.clone();
        let clear = move |_| baseline.set(None);
        Some(view! {
            <section class="bsc-card bsc-compare" aria-labelledby=format!("bsc{}-compare-title", uid)>
                <h3 id=format!("bsc{}-compare-title", uid)>{match l {
                    Locale::Zh => format!("与上次自查（{}）对比", comparison.then_created),
                    Locale::En => format!("Compared with the earlier self-check ({})", comparison.then_created),
                }}</h3>
                <table class="bsc-table">
                    <thead><tr>
                        <th scope="col">{tr(l, "维度", "Dimension")}</th>
                        <th scope="col" class="bsc-num">{tr(l, "上次", "Then")}</th>
                        <th scope="col" class="bsc-num">{tr(l, "本次", "Now")}</th>
                        <th scope="col" class="bsc-num">{tr(l, "变化", "Change")}</th>
                    </tr></thead>
                    <tbody>
                        {rows}
                        <tr class="bsc-total-row">
                            <th scope="row">{tr(l, "综合得分", "Overall")}</th>
                            <td class="bsc-num">{score(overall.then)}</td>
                            <td class="bsc-num">{score(overall.now)}</td>
                            <td class="bsc-num bsc-delta">{delta(overall.change)}</td>
                        </tr>
                    </tbody>
                </table>
                <button type="button" class="bsc-link bsc-no-print" on:click=clear>{tr(l, "取消对比", "Stop comparing")}</button>
            </section>
        })
    }
}

/// Print, export, compare, share and clear.
#[component]
fn Actions() -> impl IntoView {
    let state = expect_context::<AppState>();
    let uid = state.uid;
    let locale = state.locale.get_untracked();
    let s_print = state.clone();
    let s_clear = state.clone();
    let confirm_clear = RwSignal::new(false);
    view! {
        <section class="bsc-card bsc-actions-card bsc-no-print" aria-labelledby=format!("bsc{}-actions-title", uid)>
            <h3 id=format!("bsc{}-actions-title", uid)>{tr(locale, "打印、导出与对比", "Print, export and compare")}</h3>
            <div class="bsc-field">
                <label for=format!("bsc{}-unit", state.uid)>{tr(locale, "单位/支部名称（可选，仅用于打印；保存答案时一并保存）", "Unit or branch name (optional, for the printout; saved with your answers)")}</label>
                <input type="text" id=format!("bsc{}-unit", state.uid) maxlength="80"
                    prop:value=move || state.unit_name.get()
                    on:input=move |ev| state.unit_name.set(event_target_value(&ev))/>
            </div>
            <div class="bsc-actions">
                <button type="button" class="bsc-button bsc-primary" on:click=move |_| {
                    s_print.emit(HostEvent::Printed, &serde_json::json!({}));
                    if let Some(w) = web_sys::window() { let _ = w.print(); }
                }>{tr(locale, "打印诊断摘要", "Print the summary")}</button>
                <ExportButton/>
                <ImportButton/>
                <CompareButton/>
            </div>
            <ShareLink/>
            <div class="bsc-danger-zone">
                <Show when=move || confirm_clear.get() fallback=move || view! {
                    <button type="button" class="bsc-button bsc-danger" on:click=move |_| confirm_clear.set(true)>
                        {tr(locale, "清除我的答案", "Clear my answers")}
                    </button>
                }>
                    {
                        let s = s_clear.clone();
                        view! {
                            <p role="alert">{tr(locale, "将删除本浏览器中保存的全部答案，无法恢复。确定吗？", "This deletes every answer saved in this browser. It cannot be undone. Are you sure?")}</p>
                            <button type="button" class="bsc-button bsc-danger" on:click=move |_| { storage::clear_all(&s); s.go(Screen::Start); }>
                                {tr(locale, "确定清除", "Yes, clear everything")}
                            </button>
                            <button type="button" class="bsc-button" on:click=move |_| confirm_clear.set(false)>
                                {tr(locale, "取消", "Cancel")}
                            </button>
                        }
                    }
                </Show>
            </div>
        </section>
    }
}

/// Title, date and unit name on paper.
#[component]
fn PrintHeader() -> impl IntoView {
    let state = expect_context::<AppState>();
    let locale = state.locale.get_untracked();
    let unit = state.unit_name;
    view! {
        <div class="bsc-print-only bsc-print-header">
            <h2>{tr(locale, "支部分类自查诊断摘要", "Branch self-check: diagnostic summary")}</h2>
            <p>
                {move || { let u = unit.get(); (!u.trim().is_empty()).then(|| format!("{} · ", u.trim())) }}
                {tr(locale, "自查日期：", "Date: ")}{super::io::today()}
            </p>
        </div>
    }
}

/// Remarks and signatures, and the QR code that reopens this self-check.
#[component]
fn PrintFooter() -> impl IntoView {
    let state = expect_context::<AppState>();
    let locale = state.locale.get_untracked();
    view! {
        <div class="bsc-print-only bsc-print-footer">
            <div class="bsc-signatures">
                <p>{tr(locale, "支委会意见/备注：", "Committee remarks:")}</p>
                <div class="bsc-sign-lines">
                    <span>{tr(locale, "支部书记（签字）：", "Branch secretary (signature):")}</span>
                    <span>{tr(locale, "日期：", "Date:")}</span>
                </div>
            </div>
            <super::io::ShareQr/>
        </div>
    }
}
