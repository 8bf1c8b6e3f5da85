//! The results screen, which is also the printed diagnostic summary (see print rules in CSS):
//! the screen itself, the selection line, the completeness note, red lines and the summary;
//! the rest of the sections have a file each.

mod actions;
mod compare;
mod dimensions;
mod gaps;
mod plan_card;
pub(super) mod print;
mod suggestions;

use leptos::prelude::*;

use super::dom::{after_the_frame, for_paper, screen_heading};
use super::plan::{rows_of, suggested_plan, track_rows_inputs, PrintedLists};
use super::state::{AppState, Screen};
use crate::assess::{Assessment, Completeness, DimensionResult};
use crate::bank::Locale;
use crate::embed::events::HostEvent;
use crate::ui_logic::text::tr;
use crate::ui_logic::text::{percent, score};

#[component]
pub fn ResultsScreen() -> impl IntoView {
    let state = expect_context::<AppState>();
    let locale = state.locale.get_untracked();
    let assessment = state.assessment;
    let heading = screen_heading();

    // Tell the host once per visit when the check is complete.
    if state.config.with_value(|c| c.events) {
        if let Some(result) = assessment.get_untracked() {
            if result.completeness == Completeness::Complete {
                state.emit(HostEvent::Completed, &summary_for_host(state, &result));
            }
        }
    }

    let title_id = state.dom_id("results-title");
    // The plan for the results card: the branch's, else the one the results suggest, which
    // catches up just after an answer change's frame (the card's counts can wait a moment;
    // the score cannot). Its printed lists follow when the page is idle or about to print.
    let results_settled = after_the_frame(move || {
        state.previous_plan.track();
        state.assessment.track();
    });
    let plan = Memo::new(move |_| {
        results_settled.track();
        state
            .plan
            .get()
            .or_else(|| untrack(|| suggested_plan(state)))
    });
    let paper = for_paper(
        move || {
            plan.track();
            track_rows_inputs(state);
        },
        move || {
            plan.with(|plan| plan.as_ref().map(|p| rows_of(state, p)))
                .unwrap_or_default()
        },
    );

    let labelled_by = title_id.clone();
    view! {
        <section class="bsc-screen bsc-results" aria-labelledby=labelled_by>
            <print::PrintHeader/>
            <h2 id=title_id class="bsc-no-print" tabindex="-1" node_ref=heading>{locale.pick("自查结果", "Your results")}</h2>
            <SelectionLine/>
            // Each part reads the live assessment: an answer changed on the results updates
            // them in place (a 2,000-question bank may have dozens of red lines).
            <Show when=move || assessment.with(|a| a.as_ref().is_some_and(|a| a.completeness != Completeness::Complete))>
                <CompletenessNote/>
            </Show>
            <RedLines/>
            <Show when=move || assessment.with(Option::is_some)>
                <Summary/>
                <dimensions::Dimensions/>
            </Show>
            <dimensions::Strengths/>
            <gaps::Gaps/>
            <plan_card::PlanCard plan=plan/>
            <suggestions::Suggestions/>
            <compare::Comparison/>
            <actions::Actions/>
            <print::PrintFooter/>
            <PrintedLists rows=paper/>
            <div class="bsc-actions bsc-no-print">
                <button type="button" class="bsc-button" on:click=move |_| {
                    state.go(Screen::Questions(state.first_dimension()));
                }>{locale.pick("返回修改答案", "Back to the questions")}</button>
            </div>
        </section>
    }
}

/// What the host receives with `bsc:completed`: the scores, never the answers.
fn summary_for_host(state: AppState, result: &Assessment) -> serde_json::Value {
    let (id, version) = state.bank.with_value(|b| (b.id.clone(), b.version.clone()));
    serde_json::json!({
        "bank": { "id": id, "version": version },
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
    let l = state.locale.get_untracked();
    move || {
        state.selection.get().map(|sel| {
            let category = state
                .category(&sel.category)
                .map(|c| c.name.get(l).to_string())
                .unwrap_or_default();
            let modifiers: Vec<String> = state.bank.with_value(|b| {
                b.modifiers
                    .iter()
                    .filter(|m| sel.modifiers.contains(&m.id))
                    .map(|m| m.name.get(l).to_string())
                    .collect()
            });
            let text = if modifiers.is_empty() {
                category
            } else {
                format!("{category} · {}", modifiers.join(" · "))
            };
            view! { <p class="bsc-selection-line"><span>{l.pick("支部类别：", "Category: ")}</span>{text}</p> }
        })
    }
}

/// What is still unanswered, while something is; its text a live one.
#[component]
fn CompletenessNote() -> impl IntoView {
    let state = expect_context::<AppState>();
    let locale = state.locale.get_untracked();
    view! {
        <div class="bsc-callout bsc-callout-warning" role="note">
            <p>{live(state, completeness_note)}</p>
            <button type="button" class="bsc-link bsc-no-print" on:click=move |_| {
                state.go(Screen::Questions(first_unanswered_dimension(state)));
            }>{locale.pick("去回答未答的题", "Answer the rest")}</button>
        </div>
    }
}

/// How many questions are unanswered, and what that means for the results.
fn completeness_note(result: &Assessment, _: AppState, locale: Locale) -> String {
    let unanswered = result.unanswered;
    match result.completeness {
        Completeness::Complete => String::new(),
        Completeness::Insufficient => tr!(
            locale,
            "还有 {unanswered} 题未答，已答不足一半，暂不评定等次，得分仅供参考。",
            "{unanswered} questions are unanswered — fewer than half are answered, so no band is given and scores are only indicative."
        ),
        Completeness::Partial => tr!(
            locale,
            "还有 {unanswered} 题未答，以下为初步结果，答完后更准确。",
            "{unanswered} questions are still unanswered: these results are provisional."
        ),
    }
}

fn first_unanswered_dimension(state: AppState) -> String {
    state
        .dimension_progress()
        .into_iter()
        .find(|(_, done, total)| done < total)
        .map(|(id, _, _)| id)
        .unwrap_or_else(|| state.first_dimension())
}

/// Red-line items, always at the top whatever the score; built again only when the red lines
/// triggered change, not on every answer changed on the results.
#[component]
fn RedLines() -> impl IntoView {
    let state = expect_context::<AppState>();
    let locale = state.locale.get_untracked();
    let hits = Memo::new(move |_| {
        state.assessment.with(|a| {
            a.as_ref()
                .map(|a| {
                    a.red_lines
                        .iter()
                        .map(|hit| hit.question.clone())
                        .collect::<Vec<_>>()
                })
                .unwrap_or_default()
        })
    });
    let title_id = state.dom_id("redlines-title");
    let labelled_by = title_id.clone();
    view! {
        <Show when=move || hits.with(|h| !h.is_empty())>
            <section class="bsc-card bsc-redlines" aria-labelledby=labelled_by.clone()>
                <h3 id=title_id.clone()>
                    <span class="bsc-badge bsc-badge-red">"!"</span>
                    {locale.pick("红线事项（不论得分高低，须立即整改）", "Red lines (to fix at once, whatever the score)")}
                </h3>
                // Keyed: a red line that comes or goes adds or removes its item alone, and
                // the others keep their nodes (no text laid out again).
                <ul><For each=move || hits.get() key=|id| id.clone() let:id>
                    {state.question_by_id(&id).map(|q| {
                        let message = q.red_line.map(|r| r.message).unwrap_or_default();
                        view! {
                            <li>
                                <strong>{q.text.get(locale).to_string()}</strong>
                                <p>{message.get(locale).to_string()}</p>
                            </li>
                        }
                    })}
                </For></ul>
            </section>
        </Show>
    }
}

/// Overall score, band and completeness; each figure a live text.
#[component]
fn Summary() -> impl IntoView {
    let state = expect_context::<AppState>();
    let locale = state.locale.get_untracked();
    view! {
        <section class="bsc-card bsc-summary" aria-label=locale.pick("总体结果", "Overall result")>
            <div class="bsc-overall">
                <span class="bsc-overall-label">{locale.pick("综合得分", "Overall score")}</span>
                <span class="bsc-overall-score">{live(state, |a, _, _| score(a.overall))}</span>
            </div>
            <div class="bsc-overall">
                <span class="bsc-overall-label">{locale.pick("等次", "Band")}</span>
                <span class="bsc-overall-band">{live(state, band)}</span>
            </div>
            <div class="bsc-overall">
                <span class="bsc-overall-label">{locale.pick("完成度", "Completeness")}</span>
                <span class="bsc-overall-coverage">{live(state, |a, _, _| percent(a.coverage))}</span>
                <span class="bsc-overall-detail">{live(state, |a, _, l| {
                    let (answered, not_applicable, total) = (a.answered, a.not_applicable, a.total());
                    tr!(l,
                        "已答 {answered}，不适用 {not_applicable}，共 {total} 题",
                        "{answered} answered, {not_applicable} not applicable, of {total}")
                })}</span>
            </div>
        </section>
    }
}

/// The band's name, or that none is given yet.
fn band(result: &Assessment, state: AppState, l: Locale) -> String {
    result
        .band
        .as_ref()
        .and_then(|id| {
            state.bank.with_value(|b| {
                b.bands
                    .iter()
                    .find(|b| &b.id == id)
                    .map(|b| b.label.get(l).to_string())
            })
        })
        .unwrap_or_else(|| l.pick("暂不评定", "Not yet given").to_string())
}

/// A text of the results that follows the live assessment (empty while there is none): the
/// view updates that text node alone, when the text changes. One closure type serves every
/// such text, so each costs a call rather than view code of its own.
fn live(
    state: AppState,
    text: fn(&Assessment, AppState, Locale) -> String,
) -> impl Fn() -> String + Copy + Send + Sync + 'static {
    let l = state.locale.get_untracked();
    move || {
        state
            .assessment
            .with(|a| a.as_ref().map(|a| text(a, state, l)).unwrap_or_default())
    }
}

/// [`live`] for the dimension at `index` in the assessment's dimensions.
fn live_dimension(
    state: AppState,
    index: usize,
    text: fn(&DimensionResult, AppState, Locale) -> String,
) -> impl Fn() -> String + Copy + Send + Sync + 'static {
    let l = state.locale.get_untracked();
    move || {
        state.assessment.with(|a| {
            a.as_ref()
                .and_then(|a| a.dimensions.get(index))
                .map(|d| text(d, state, l))
                .unwrap_or_default()
        })
    }
}
