//! The gaps, most severe first, each with the questions that cost the most and an inline
//! way to change their answers.

use std::collections::BTreeSet;

use leptos::prelude::*;

use crate::assess::Gap;
use crate::bank::Question;
use crate::ui::question::QuestionCard;
use crate::ui::state::AppState;
use crate::ui_logic::keep_order;
use crate::ui_logic::labels::answer_label;
use crate::ui_logic::text::fixed;
use crate::ui_logic::text::tr;

/// Gaps on paper; print.css hides the rest, and the page says how many.
const PRINTED_GAPS: usize = 5;

/// Questions named under each gap on screen (paper shows two).
const QUESTIONS_PER_GAP: usize = 5;

/// The gaps, most severe first. Items are keyed by dimension and question, so an answer
/// changed in an open inline editor updates the figures without closing the editor.
#[component]
pub fn Gaps() -> impl IntoView {
    let state = expect_context::<AppState>();
    let l = state.locale.get_untracked();
    let assessment = state.assessment;
    // Questions whose inline editor is open: they stay listed while being edited, even when
    // the new answer moves them out of the costliest five.
    let open = RwSignal::new(BTreeSet::<String>::new());
    // Gaps by rank; while an editor is open the order is kept (see GapItem's questions).
    let gap_ids = Memo::new(move |previous: Option<&Vec<String>>| {
        let ranked = assessment.with(|a| {
            a.as_ref()
                .map(|a| a.gaps.iter().map(|g| g.dimension.clone()).collect())
                .unwrap_or_default()
        });
        match previous {
            Some(previous) if open.with(|o| !o.is_empty()) => keep_order(previous, ranked),
            _ => ranked,
        }
    });
    let gap_count = move || gap_ids.with(Vec::len);
    let title_id = state.dom_id("gaps-title");
    let labelled_by = title_id.clone();
    view! {
        <section class="bsc-card bsc-gaps" aria-labelledby=labelled_by>
            <h3 id=title_id>{l.pick("差距（按权重×差距排序）及原因", "Gaps (ranked by weight × shortfall) and the questions behind them")}</h3>
            <Show when=move || gap_count() == 0>
                <p class="bsc-empty">{l.pick("各维度均达到本类别目标。", "Every dimension reaches its target.")}</p>
            </Show>
            <ol class="bsc-gap-list">
                <For each=move || gap_ids.get() key=|id| id.clone() let:dimension>
                    <GapItem dimension=dimension open=open/>
                </For>
            </ol>
            <Show when=move || { gap_count() > PRINTED_GAPS }>
                <p class="bsc-print-only bsc-muted">{move || tr!(l,
                    "另有 {} 项差距，见屏幕上的完整结果或导出文件。",
                    "{} more gaps are listed on screen and in the export.",
                    gap_count().saturating_sub(PRINTED_GAPS))}</p>
            </Show>
        </section>
    }
}

/// One gap: its rank and figures (live), and the questions that cost the most.
#[component]
fn GapItem(dimension: String, open: RwSignal<BTreeSet<String>>) -> impl IntoView {
    let state = expect_context::<AppState>();
    let l = state.locale.get_untracked();
    let assessment = state.assessment;
    let name = state.dimension_name(&dimension, l);
    let gap = Memo::new(move |_| {
        assessment.with(|a| {
            a.as_ref().and_then(|a| {
                a.gaps
                    .iter()
                    .position(|g| g.dimension == dimension)
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
            let bank = state.bank();
            let editing_here = open.with(|open| {
                let mut any = false;
                for id in open {
                    let here = state.index.with_value(|index| {
                        index
                            .question(&bank, id)
                            .is_some_and(|q| q.dimension == g.dimension)
                    });
                    if here {
                        any = true;
                        if !ids.contains(id) {
                            ids.push(id.clone());
                        }
                    }
                }
                any
            });
            match previous {
                Some(previous) if editing_here => keep_order(previous, ids),
                _ => ids,
            }
        })
    });
    view! {
        <li class="bsc-gap">
            <h4>
                <span class="bsc-rank">{move || gap.with(|g| g.as_ref().map(|(rank, _)| rank + 1))}</span>
                {name}
                <span class="bsc-gap-figures">{move || gap.with(|g| g.as_ref().map(|(_, g)| {
                    let (score, target, short) = (fixed(g.score, 1), fixed(g.target, 0), fixed(g.shortfall, 1));
                    tr!(l, "得分 {score}，目标 {target}，差 {short}", "score {score}, target {target}, {short} short")
                }))}</span>
            </h4>
            <ul class="bsc-gap-questions">
                <For each=move || questions.get() key=|id| id.clone() let:question>
                    {state.question_by_id(&question).map(|q| view! { <GapQuestion question=q gap=gap open=open/> })}
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
    let l = state.locale.get_untracked();
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
    let text = question.text.get(l).to_string();
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
    let answer_text =
        move || answers.with(|a| a.get(&qid).map(|ans| answer_label(&q_for_label, *ans, l)));
    // Its number in the questionnaire, as the inline editor shows it.
    let position = state.position(&question.id);
    let number = state
        .questions
        .with_untracked(|qs| qs.positions().position(|i| Some(i) == position))
        .map(|p| p + 1)
        .unwrap_or(0);
    view! {
        <li class="bsc-gap-question">
            <p>
                {text}
                <span class="bsc-answer-now">{move || answer_text().map(|a| {
                    let lost = fixed(lost_points(), 1);
                    tr!(l, "（当前：{a}；失分 {lost}）", " (now: {a}; costs {lost} points)")
                })}</span>
                <button type="button" class="bsc-link bsc-no-print" aria-expanded=move || editing.get().to_string()
                    on:click=toggle>
                    {move || if editing.get() { l.pick("收起", "Close") } else { l.pick("修改答案", "Change answer") }}
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
