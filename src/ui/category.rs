//! The category screen: which kind of branch this is, its modifiers, and the user's role.

use leptos::prelude::*;

use super::dom::screen_heading;
use super::state::{AppState, Screen};
use crate::assess::{AskedQuestions, Selection};
use crate::embed::events::HostEvent;
use crate::ui_logic::words;

#[component]
pub fn CategoryScreen() -> impl IntoView {
    let state = expect_context::<AppState>();
    let locale = state.locale.get_untracked();
    let group_name = state.dom_id("category");
    let hint_id = state.dom_id("mod-hint");
    let title_id = state.dom_id("category-title");
    let labelled_by = title_id.clone();
    let role_id = state.dom_id("role");
    let selection = state.selection;
    let chosen = move || selection.with(|s| s.as_ref().map(|s| s.category.clone()));

    let category_list = state
        .offered_categories()
        .into_iter()
        .map(|c| {
            let id = c.id.clone();
            let id_check = id.clone();
            let input_id = state.dom_id(&format!("cat-{}", c.id));
            let desc_id = format!("{input_id}-desc");
            let group_name = group_name.clone();
            let (name, description, problems) = (c.name, c.description, c.typical_problems);
            view! {
                <li class="bsc-choice">
                    <input type="radio" name=group_name id=input_id.clone()
                        aria-describedby=desc_id.clone()
                        prop:checked=move || chosen().as_deref() == Some(id_check.as_str())
                        on:change=move |_| {
                            let id = id.clone();
                            selection.update(|s| match s {
                                Some(s) => s.category = id,
                                None => *s = Some(Selection::new(id)),
                            });
                        }/>
                    <label for=input_id>
                        <span class="bsc-choice-name">{name.get(locale).to_string()}</span>
                        <span class="bsc-choice-desc" id=desc_id>{description.get(locale).to_string()}</span>
                    </label>
                    <details class="bsc-problems">
                        <summary>{words::TYPICAL_PROBLEMS.get(locale)}</summary>
                        <ul>
                            {problems.into_iter().map(|p| view! { <li>{p.get(locale).to_string()}</li> }).collect_view()}
                        </ul>
                    </details>
                </li>
            }
        })
        .collect_view();

    let modifier_list = state
        .bank()
        .modifiers
        .iter()
        .map(|m| {
            let id = m.id.clone();
            let id_check = m.id.clone();
            let input_id = state.dom_id(&format!("mod-{}", m.id));
            let desc_id = format!("{input_id}-desc");
            let hint_id = hint_id.clone();
            let name = m.name.clone();
            let description = m.description.clone();
            view! {
                <li class="bsc-choice">
                    <input type="checkbox" id=input_id.clone()
                        aria-describedby=format!("{desc_id} {hint_id}")
                        disabled=move || chosen().is_none()
                        prop:checked=move || selection.with(|s| s.as_ref().is_some_and(|s| s.modifiers.contains(&id_check)))
                        on:change=move |ev| {
                            let on = event_target_checked(&ev);
                            let id = id.clone();
                            selection.update(|s| if let Some(s) = s {
                                if on { s.modifiers.insert(id); } else { s.modifiers.remove(&id); }
                            });
                        }/>
                    <label for=input_id>
                        <span class="bsc-choice-name">{name.get(locale).to_string()}</span>
                        <span class="bsc-choice-desc" id=desc_id.clone()>{description.get(locale).to_string()}</span>
                    </label>
                </li>
            }
        })
        .collect_view();

    let roles = state.bank().roles.clone();
    let role_options = move || {
        roles
            .iter()
            .map(|r| {
                let id = r.id.clone();
                let id_sel = r.id.clone();
                let name = r.name.get(locale).to_string();
                view! {
                    <option value=id prop:selected=move || selection.with(|s| s.as_ref().and_then(|s| s.role.as_deref()) == Some(id_sel.as_str()))>{name}</option>
                }
            })
            .collect_view()
    };

    let question_count = move || state.questions.with(AskedQuestions::len);
    let heading = screen_heading();
    let go_on = move |_| {
        let Some(sel) = selection.get_untracked() else {
            return;
        };
        state.emit(HostEvent::CategoryChosen, &sel);
        state.go(Screen::Questions(state.first_dimension()));
    };

    view! {
        <section class="bsc-screen bsc-category" aria-labelledby=labelled_by>
            <h2 id=title_id tabindex="-1" node_ref=heading>{words::CATEGORY_HEADING.get(locale)}</h2>
            <fieldset class="bsc-fieldset">
                <legend>{words::CATEGORY_LEGEND.get(locale)}</legend>
                <ul class="bsc-choices">{category_list}</ul>
            </fieldset>
            <fieldset class="bsc-fieldset">
                <legend>{words::MODIFIERS_LEGEND.get(locale)}</legend>
                // Says why the boxes are greyed out until a category is chosen.
                <Show when=move || chosen().is_none()>
                    <p id=hint_id.clone() class="bsc-hint">
                        {words::MODIFIERS_HINT.get(locale)}
                    </p>
                </Show>
                <ul class="bsc-choices">{modifier_list}</ul>
            </fieldset>
            <div class="bsc-field">
                <label for=role_id.clone()>{words::ROLE_LABEL.get(locale)}</label>
                <select id=role_id on:change=move |ev| {
                    let value = event_target_value(&ev);
                    selection.update(|s| if let Some(s) = s {
                        s.role = (!value.is_empty()).then_some(value);
                    });
                }>
                    <option value="">{words::NO_ROLE.get(locale)}</option>
                    {role_options}
                </select>
            </div>
            <div class="bsc-actions">
                <button type="button" class="bsc-button" on:click=move |_| state.go(Screen::Start)>
                    {words::BACK.get(locale)}
                </button>
                <button type="button" class="bsc-button bsc-primary"
                    disabled=move || chosen().is_none()
                    on:click=go_on>
                    {move || if chosen().is_some() {
                        words::answer_questions(locale, question_count())
                    } else {
                        words::CHOOSE_FIRST.get(locale).to_string()
                    }}
                </button>
            </div>
        </section>
    }
}
