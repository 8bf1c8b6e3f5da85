//! The questionnaire: questions by dimension, progress, free navigation, what is unanswered.

use std::collections::HashSet;

use leptos::prelude::*;

use super::dom::screen_heading;
use super::question::QuestionCard;
use super::state::{AppState, Screen};
use crate::ui_logic::words;

/// Questions shown at once; a very large bank is paged so every click stays fast.
const PAGE_SIZE: usize = 40;

#[component]
pub fn Questionnaire(dimension: String) -> impl IntoView {
    let state = expect_context::<AppState>();
    let locale = state.locale.get_untracked();
    let progress = Memo::new(move |_| state.dimension_progress());
    // An unknown or empty dimension in the URL opens the first one.
    let current = {
        let known = progress.with_untracked(|p| {
            p.iter()
                .any(|(id, _, total)| *id == dimension && *total > 0)
        });
        if known {
            dimension
        } else {
            state.first_dimension()
        }
    };
    // The first screens hand over "only unanswered" as the reader left it.
    let handed = state.handed_filter.try_update_value(Option::take).flatten();
    let only_unanswered = RwSignal::new(handed.is_some());
    // The questions the filter hides: those answered when it was switched on. A question
    // answered while the filter is on stays in place (marked answered) until the filter is
    // switched again, so the card under the user's pointer or keyboard focus never vanishes
    // (which dropped focus to <body> and made arrow keys in a radio group unusable).
    let hidden = RwSignal::new(HashSet::<String>::from_iter(handed.unwrap_or_default()));
    let page = RwSignal::new(0usize);
    let heading = screen_heading();

    let total = move || progress.with(|p| p.iter().map(|(_, _, t)| t).sum::<usize>());
    let done = move || progress.with(|p| p.iter().map(|(_, d, _)| d).sum::<usize>());

    // The questions of this dimension, numbered by their place in the whole questionnaire.
    let numbered = {
        let current = current.clone();
        Memo::new(move |_| {
            let bank = state.bank();
            state.questions.with(|qs| {
                qs.positions()
                    .enumerate()
                    .filter(|(_, i)| {
                        bank.questions
                            .get(*i)
                            .is_some_and(|q| q.dimension == current)
                    })
                    .map(|(n, i)| (n + 1, i))
                    .collect::<Vec<_>>()
            })
        })
    };
    let visible = Memo::new(move |_| {
        let list = numbered.get();
        let list: Vec<(usize, usize)> = if only_unanswered.get() {
            let bank = state.bank();
            hidden.with(|h| {
                list.into_iter()
                    .filter(|(_, i)| bank.questions.get(*i).is_some_and(|q| !h.contains(&q.id)))
                    .collect()
            })
        } else {
            list
        };
        let pages = list.len().div_ceil(PAGE_SIZE).max(1);
        let p = page.get().min(pages - 1);
        (
            list.into_iter()
                .skip(p * PAGE_SIZE)
                .take(PAGE_SIZE)
                .collect::<Vec<_>>(),
            pages,
        )
    });

    let current_nav = current.clone();
    let nav = move || {
        progress
            .get()
            .into_iter()
            .map(|(id, done, total)| {
                let name = state.dimension_name(&id, locale);
                let is_current = id == current_nav;
                let target = id.clone();
                view! {
                    <li>
                        <button type="button" class="bsc-dim-link"
                            class:bsc-current=is_current
                            class:bsc-complete=done == total
                            aria-current=is_current.then_some("step")
                            on:click=move |_| state.go(Screen::Questions(target.clone()))>
                            <span class="bsc-dim-name">{name}</span>
                            <span class="bsc-dim-count" aria-label=words::dimension_count(locale, done, total)>{format!("{done}/{total}")}</span>
                        </button>
                    </li>
                }
            })
            .collect_view()
    };

    let neighbours = {
        let current = current.clone();
        move || {
            progress.with(|p| {
                let pos = p.iter().position(|(id, _, _)| *id == current);
                let prev = pos
                    .and_then(|i| i.checked_sub(1))
                    .and_then(|i| p.get(i))
                    .map(|d| d.0.clone());
                let next = pos.and_then(|i| p.get(i + 1)).map(|d| d.0.clone());
                (prev, next)
            })
        }
    };
    let title = state.dimension(&current).map(|d| (d.name, d.description));
    let (title_name, title_desc) = title.unwrap_or_default();
    let title_id = state.dom_id("q-title");
    let labelled_by = title_id.clone();
    let neighbours_next = neighbours.clone();

    view! {
        <section class="bsc-screen bsc-questionnaire" aria-labelledby=labelled_by>
            <div class="bsc-progress" role="group" aria-label=words::PROGRESS.get(locale)>
                <p class="bsc-progress-text">{move || words::answered_of(locale, done(), total())}</p>
                <progress max=move || total().max(1) value=done
                    aria-label=words::OVERALL_PROGRESS.get(locale)></progress>
            </div>
            <div class="bsc-q-layout">
                <nav class="bsc-dim-nav" aria-label=words::DIMENSIONS.get(locale)>
                    <ul>{nav}</ul>
                    <button type="button" class="bsc-link" on:click=move |_| state.go(Screen::Category)>
                        {words::CHANGE_CATEGORY.get(locale)}
                    </button>
                </nav>
                <div class="bsc-q-main">
                    <h2 id=title_id tabindex="-1" node_ref=heading>{title_name.get(locale).to_string()}</h2>
                    <p class="bsc-dim-desc">{title_desc.get(locale).to_string()}</p>
                    <label class="bsc-filter">
                        <input type="checkbox" prop:checked=only_unanswered
                            on:change=move |ev| {
                                let on = event_target_checked(&ev);
                                if on {
                                    hidden.set(state.answers.with_untracked(|a| a.keys().cloned().collect()));
                                }
                                only_unanswered.set(on);
                                page.set(0);
                            }/>
                        {words::ONLY_UNANSWERED.get(locale)}
                    </label>
                    <div class="bsc-question-list">
                        <For each=move || visible.get().0 key=|(n, i)| (*n, *i) let:item>
                            {
                                let (number, index) = item;
                                state.question(index).map(|q| view! { <QuestionCard question=q number=number/> })
                            }
                        </For>
                        <Show when=move || visible.with(|v| v.0.is_empty())>
                            <p class="bsc-empty">{words::ALL_ANSWERED_HERE.get(locale)}</p>
                        </Show>
                    </div>
                    <Show when=move || visible.with(|v| v.1 > 1)>
                        <nav class="bsc-pager" aria-label=locale.pick("分页", "Pages")>
                            <button type="button" class="bsc-button" disabled=move || page.get() == 0
                                on:click=move |_| page.update(|p| *p = p.saturating_sub(1))>
                                {locale.pick("上一页", "Previous page")}
                            </button>
                            <span>{move || format!("{} / {}", page.get().min(visible.with(|v| v.1) - 1) + 1, visible.with(|v| v.1))}</span>
                            <button type="button" class="bsc-button" disabled=move || { page.get() + 1 >= visible.with(|v| v.1) }
                                on:click=move |_| page.update(|p| *p += 1)>
                                {locale.pick("下一页", "Next page")}
                            </button>
                        </nav>
                    </Show>
                    <div class="bsc-actions bsc-q-actions">
                        {move || neighbours().0.map(|prev| view! {
                            <button type="button" class="bsc-button" on:click=move |_| state.go(Screen::Questions(prev.clone()))>
                                {words::PREVIOUS_DIMENSION.get(locale)}
                            </button>
                        })}
                        {move || neighbours_next().1.map(|next| view! {
                            <button type="button" class="bsc-button bsc-primary" on:click=move |_| state.go(Screen::Questions(next.clone()))>
                                {words::NEXT_DIMENSION.get(locale)}
                            </button>
                        })}
                        <button type="button" class="bsc-button" class:bsc-primary=move || done() == total()
                            on:click=move |_| state.go(Screen::Results)>
                            {move || if done() == total() {
                                words::SEE_RESULTS.get(locale)
                            } else {
                                words::SEE_RESULTS_SO_FAR.get(locale)
                            }}
                        </button>
                    </div>
                </div>
            </div>
        </section>
    }
}
