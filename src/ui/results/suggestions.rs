//! Suggested collaboration groups and trainings, each with the reasons it was suggested
//! (worded by `ui_logic::labels::reason_text`).

use leptos::prelude::*;

use crate::recommend::Suggestion;
use crate::ui::dom::after_the_frame;
use crate::ui::state::AppState;
use crate::ui_logic::labels::reason_text;
use crate::ui_logic::text::tr;

/// Suggested groups and trainings, each with the reasons it was suggested.
#[component]
pub fn Suggestions() -> impl IntoView {
    let state = expect_context::<AppState>();
    let l = state.locale.get_untracked();
    // Caught up just after an answer change's frame: ranking the catalogue and redrawing the
    // lists can wait a moment; the score cannot.
    let settled = after_the_frame(move || {
        state.selection.track();
        state.assessment.track();
    });
    let suggestions = state.suggestions;
    let title_id = state.dom_id("groups-title");
    let labelled_by = title_id.clone();
    view! {
        <section class="bsc-card bsc-suggestions" aria-labelledby=labelled_by>
            <h3 id=title_id>{l.pick("推荐加入的党建协作组", "Suggested collaboration groups (党建协作组)")}</h3>
            {move || {
                settled.track();
                let list = suggestions.with_untracked(|s| s.groups.clone());
                if list.is_empty() {
                    return view! { <p class="bsc-empty">{l.pick("答题后根据差距和优势推荐。", "Suggestions follow from your gaps and strengths once you answer.")}</p> }.into_any();
                }
                let bank = state.bank();
                view! {
                    <ol class="bsc-suggestion-list">
                        {list.into_iter().filter_map(|sug| {
                            let g = bank.groups.iter().find(|g| g.id == sug.id)?;
                            let (min, max) = (g.size.min, g.size.max);
                            let size = tr!(l, " · 建议 {min}–{max} 个支部", " · {min}–{max} branches");
                            Some(view! {
                                <li class="bsc-suggestion">
                                    <h4>{g.name.get(l).to_string()}<span class="bsc-muted">{size}</span></h4>
                                    <p>{g.activities.get(l).to_string()}</p>
                                    <Reasons suggestion=sug/>
                                </li>
                            })
                        }).collect_view()}
                    </ol>
                }.into_any()
            }}
            <h3>{l.pick("推荐的培训", "Suggested trainings")}</h3>
            {move || {
                settled.track();
                let list = suggestions.with_untracked(|s| s.trainings.clone());
                if list.is_empty() {
                    return view! { <p class="bsc-empty">{l.pick("没有差距时不推荐培训。", "No training is suggested while there is no gap.")}</p> }.into_any();
                }
                let bank = state.bank();
                view! {
                    <ol class="bsc-suggestion-list">
                        {list.into_iter().filter_map(|sug| {
                            let t = bank.trainings.iter().find(|t| t.id == sug.id)?;
                            let roles: Vec<String> = t.roles.iter()
                                .filter_map(|r| bank.roles.iter().find(|x| &x.id == r))
                                .map(|r| r.name.get(l).to_string())
                                .collect();
                            let hours = t.hours.map(|h| tr!(l, " · {h} 学时", " · {h} hours")).unwrap_or_default();
                            Some(view! {
                                <li class="bsc-suggestion">
                                    <h4>{t.title.get(l).to_string()}<span class="bsc-muted">{format!(" · {}{hours}", roles.join(l.pick("、", ", ")))}</span></h4>
                                    <p>{t.description.get(l).to_string()}</p>
                                    <Reasons suggestion=sug/>
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
    let bank = state.bank();
    let items = state.index.with_value(|index| {
        suggestion
            .reasons
            .iter()
            .map(|r| {
                let (main, detail) = reason_text(&bank, index, r, l);
                view! { <li>{main}<span class="bsc-reason-detail">{detail}</span></li> }
            })
            .collect_view()
    });
    view! {
        <div class="bsc-reasons">
            <span class="bsc-reasons-label">{l.pick("推荐理由：", "Why: ")}</span>
            <ul>{items}</ul>
        </div>
    }
}
