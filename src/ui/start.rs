//! The start screen: what the self-check is, how long it takes, privacy, resume or discard.

use leptos::prelude::*;

use super::io::ImportButton;
use super::state::{AppState, Screen};
use super::storage;
use crate::assess::typical_question_count;
use crate::bank::Locale;
use crate::embed::events::HostEvent;
use crate::ui_logic::text::tr;
use crate::ui_logic::words;

#[component]
pub fn StartScreen() -> impl IntoView {
    let state = expect_context::<AppState>();
    let locale = state.locale.get_untracked();
    let bank = state.bank();
    let offered = state.offered_categories();
    let facts = StartFacts {
        description: bank.description.as_ref().map(|d| d.get(locale).to_string()),
        categories: offered.len(),
        questions: bank.questions.len(),
        typical_questions: typical_question_count(&bank, &offered.iter().collect::<Vec<_>>()),
    };
    let answered = move || state.answers.with(|a| a.len());
    // What the saved self-check is: its category, and how far it got (counting only the
    // questions its category asks).
    let saved = move || {
        let category = state.selection.with(|s| {
            s.as_ref()
                .and_then(|s| state.category(&s.category))
                .map(|c| c.name.get(locale).to_string())
        });
        let (done, total) = state
            .dimension_progress()
            .into_iter()
            .fold((0, 0), |(d, t), (_, done, total)| (d + done, t + total));
        (category, done, total)
    };

    let resumable = move || state.selection.with(Option::is_some) || answered() > 0;
    let title_id = state.dom_id("start-title");
    let resume_title_id = state.dom_id("resume-title");
    let labelled_by = title_id.clone();
    view! {
        <section class="bsc-screen bsc-start" aria-labelledby=labelled_by>
            {intro(locale, title_id, facts)}
            <Show when=resumable fallback=move || {
                start_button(locale, || false, move |_| start_fresh(state))
            }>
                {
                    let resume_title_id = resume_title_id.clone();
                    let resume_labelled_by = resume_title_id.clone();
                    view! {
                        <div class="bsc-resume" role="group" aria-labelledby=resume_labelled_by>
                            <h3 id=resume_title_id>{move || {
                                let (_, done, total) = saved();
                                if total > 0 && done == total {
                                    locale.pick("您有一次已完成的自查", "You have a finished self-check")
                                } else {
                                    locale.pick("您有一次未完成的自查", "You have a self-check in progress")
                                }
                            }}</h3>
                            <p>{move || match saved() {
                                (Some(c), done, total) => tr!(locale,
                                    "{c}：已回答 {done} / {total} 题，保存在本浏览器中。",
                                    "{c}: {done} of {total} questions answered, saved in this browser."),
                                (None, _, _) => tr!(locale,
                                    "已回答 {} 题，保存在本浏览器中。",
                                    "{} answers are saved in this browser.",
                                    answered()),
                            }}</p>
                            <div class="bsc-actions">
                                <button type="button" class="bsc-button bsc-primary"
                                    on:click=move |_| {
                                        state.emit(HostEvent::Started, &serde_json::json!({ "bank": state.bank().id, "resumed": true }));
                                        storage::resume(state);
                                    }>
                                    {locale.pick("继续上次的自查", "Resume")}
                                </button>
                                <Show when=move || state.plan.with(Option::is_some)>
                                    <button type="button" class="bsc-button"
                                        on:click=move |_| super::plan::start_next_round(state)>
                                        {locale.pick("开始新一轮自查（整改台账转入）", "Start the next round (the plan carries over)")}
                                    </button>
                                </Show>
                                <button type="button" class="bsc-button"
                                    on:click=move |_| { storage::clear_all(state); state.go(Screen::Category); }>
                                    {locale.pick("放弃并重新开始", "Discard and start again")}
                                </button>
                            </div>
                            <Show when=move || state.plan.with(Option::is_some)>
                                <p class="bsc-hint">{locale.pick(
                                    "新一轮自查（例如下一年度）会清空答案，保留支部类别和单位名称；本次整改台账中未销号的事项转入新一轮，题目达标的可以销号。",
                                    "The next round (next year, say) clears the answers and keeps the category and unit name; the plan's open items carry into it, and those whose question then meets its target may be closed.",
                                )}</p>
                            </Show>
                        </div>
                    }
                }
            </Show>
            <div class="bsc-secondary-actions">
                <ImportButton/>
            </div>
        </section>
    }
}

/// Starts a fresh self-check: on to the category screen.
pub fn start_fresh(state: AppState) {
    state.emit(
        HostEvent::Started,
        &serde_json::json!({ "bank": state.bank().id, "resumed": false }),
    );
    state.go(Screen::Category);
}

/// What the start screen tells about the bank.
pub struct StartFacts {
    pub description: Option<String>,
    pub categories: usize,
    pub questions: usize,
    pub typical_questions: usize,
}

/// The start screen's heading, lead and facts (the first screens draw the same, from
/// `bank::summary`: `ui_logic::first_screens::start`).
pub fn intro(locale: Locale, title_id: String, facts: StartFacts) -> impl IntoView {
    let StartFacts {
        description,
        categories,
        questions,
        typical_questions: typical,
    } = facts;
    let [f1, f2, f3, f4] = words::start_facts(locale, categories, questions, typical);
    view! {
        <h2 id=title_id class="bsc-visually-hidden">{words::START_HEADING.get(locale)}</h2>
        <p class="bsc-lead">{description}</p>
        <ul class="bsc-facts">
            <li>{f1}</li>
            <li>{f2}</li>
            <li>{f3}</li>
            <li><strong>{f4}</strong></li>
        </ul>
    }
}

/// The "start" button of a fresh self-check (no saved one to resume); `busy` while what it
/// needs is on its way.
pub fn start_button(
    locale: Locale,
    busy: impl Fn() -> bool + Send + Sync + 'static,
    on_click: impl FnMut(leptos::ev::MouseEvent) + 'static,
) -> impl IntoView {
    view! {
        <div class="bsc-actions">
            <button type="button" class="bsc-button bsc-primary"
                aria-busy=move || busy().then_some("true") on:click=on_click>
                {words::START.get(locale)}
            </button>
        </div>
    }
}
