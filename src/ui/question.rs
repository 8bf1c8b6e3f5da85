//! One question as a form control: described levels, yes/no or a count, with help on demand.

use leptos::prelude::*;

use super::state::AppState;
use crate::assess::Answer;
use crate::bank::{AnswerSpec, Question, Text};
use crate::ui_logic::text::parse_count;
use crate::ui_logic::text::tr;
use crate::ui_logic::words;

/// A question card. `number` is its position in the questionnaire (1-based).
#[component]
pub fn QuestionCard(question: Question, number: usize) -> impl IntoView {
    let state = expect_context::<AppState>();
    let locale = state.locale.get_untracked();
    let answers = state.answers;
    let qid = question.id.clone();
    let current = {
        let qid = qid.clone();
        move || answers.with(|a| a.get(&qid).copied())
    };
    let answered = {
        let current = current.clone();
        move || current().is_some()
    };
    let dom_id = state.dom_id(&format!("q-{}", question.id));
    let legend_id = format!("{dom_id}-legend");
    let labelled_by = legend_id.clone();
    let text = question.text.clone();
    let red_line = question.red_line.is_some();

    let controls = match &question.answer {
        AnswerSpec::Count { per_year, unit } => {
            count_input(state, &question, &dom_id, *per_year, unit.clone()).into_any()
        }
        _ => choice_list(state, &question, &dom_id).into_any(),
    };

    let help = question.help.clone();
    let source = question.source.clone();
    let has_help = help.is_some() || source.is_some();
    let qid_clear = qid.clone();

    view! {
        <fieldset class="bsc-question" id=dom_id.clone()
            class:bsc-answered=answered.clone()
            aria-labelledby=labelled_by>
            <legend id=legend_id class="bsc-question-text">
                <span class="bsc-qnum">{number}". "</span>
                // Isolated, so a bank text's stray direction marks cannot pull the badge in.
                <bdi>{text.get(locale).to_string()}</bdi>
                {red_line.then(|| view! {
                    <span class="bsc-badge bsc-badge-red">{words::RED_LINE.get(locale)}</span>
                })}
            </legend>
            {controls}
            <div class="bsc-question-foot">
                {has_help.then(|| view! {
                    <details class="bsc-help">
                        <summary>{words::BASIS.get(locale)}</summary>
                        {help.clone().map(|h| view! { <p>{h.get(locale).to_string()}</p> })}
                        {source.clone().map(|s| view! {
                            <p class="bsc-source">{words::SOURCE.get(locale)}{s.get(locale).to_string()}</p>
                        })}
                    </details>
                })}
                <Show when=answered.clone()>
                    {
                        let q = qid_clear.clone();
                        view! {
                            <button type="button" class="bsc-link bsc-clear-answer"
                                on:click=move |_| state.answer(&q, None)>
                                {words::CLEAR_ANSWER.get(locale)}
                            </button>
                        }
                    }
                </Show>
            </div>
        </fieldset>
    }
}

/// Radio buttons, one per option (`words::choices`: the levels or yes and no, then "not
/// applicable" where the bank allows it).
fn choice_list(state: AppState, question: &Question, dom_id: &str) -> impl IntoView {
    let locale = state.locale.get_untracked();
    let answers = state.answers;
    let name = dom_id.to_string();
    let items = words::choices(question, locale)
        .into_iter()
        .enumerate()
        .map(|(i, (answer, label))| {
            let qid = question.id.clone();
            let qid_check = question.id.clone();
            let input_id = format!("{name}-{i}");
            let na = answer == Answer::NotApplicable;
            view! {
                <li class="bsc-option" class:bsc-option-na=na>
                    <input type="radio" name=name.clone() id=input_id.clone()
                        prop:checked=move || answers.with(|a| a.get(&qid_check) == Some(&answer))
                        on:change=move |_| state.answer(&qid, Some(answer))/>
                    <label for=input_id>{label.to_string()}</label>
                </li>
            }
        })
        .collect_view();
    view! { <ul class="bsc-options">{items}</ul> }
}

/// A number field for "how many times in the last 12 months", plus "not applicable".
fn count_input(
    state: AppState,
    question: &Question,
    dom_id: &str,
    per_year: u32,
    unit: Text,
) -> impl IntoView {
    let locale = state.locale.get_untracked();
    let answers = state.answers;
    let input_id = format!("{dom_id}-count");
    let qid = question.id.clone();
    let qid_value = question.id.clone();
    let value = move || {
        answers.with(|a| match a.get(&qid_value) {
            Some(Answer::Count(n)) => n.to_string(),
            _ => String::new(),
        })
    };
    let unit_label = unit.clone();
    let na = question.allow_na.then(|| {
        let qid = question.id.clone();
        let qid_check = question.id.clone();
        let na_id = format!("{dom_id}-na");
        view! {
            <span class="bsc-option bsc-option-na">
                <input type="checkbox" id=na_id.clone()
                    prop:checked=move || answers.with(|a| a.get(&qid_check) == Some(&Answer::NotApplicable))
                    on:change=move |ev| {
                        let answer = event_target_checked(&ev).then_some(Answer::NotApplicable);
                        state.answer(&qid, answer);
                    }/>
                <label for=na_id>{locale.pick("不适用", "Not applicable")}</label>
            </span>
        }
    });
    view! {
        <div class="bsc-count">
            <label for=input_id.clone()>
                {tr!(locale,
                    "近 12 个月（要求每年 {per_year} {}）",
                    "In the last 12 months (required: {per_year} {} a year)",
                    unit_label.get(locale))}
            </label>
            <span class="bsc-count-input">
                <input type="number" id=input_id min="0" max="9999" step="1" inputmode="numeric"
                    prop:value=value
                    on:input=move |ev| {
                        let raw = event_target_value(&ev);
                        let answer = parse_count(&raw).map(Answer::Count);
                        state.answer(&qid, answer);
                    }/>
                <span aria-hidden="true">{unit.get(locale).to_string()}</span>
            </span>
            {na}
        </div>
    }
}
