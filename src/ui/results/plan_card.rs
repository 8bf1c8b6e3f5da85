//! The way from the results to the rectification plan: how many problems it lists, what
//! became of the previous plan's items, and the button that opens it (not printed: the lists
//! print on pages of their own).

use leptos::prelude::*;

use crate::plan::{closed_since, ItemKind, Plan, Status};
use crate::ui::plan::ensure_plan;
use crate::ui::state::{AppState, Screen};
use crate::ui_logic::text::tr;

#[component]
pub fn PlanCard(plan: Memo<Option<Plan>>) -> impl IntoView {
    let state = expect_context::<AppState>();
    let l = state.locale.get_untracked();
    let title_id = state.dom_id("plan-card-title");
    let labelled_by = title_id.clone();
    let made = move || state.plan.with(Option::is_some);
    view! {
        <section class="bsc-card bsc-plan-card bsc-no-print" aria-labelledby=labelled_by>
            <h3 id=title_id>{l.pick("整改清单（问题清单、整改清单、责任清单）", "Rectification plan (problems, measures, owners)")}</h3>
            <p>{move || {
                let (all, red, open) = plan.with(|plan| {
                    let items = plan.as_ref().map_or(&[][..], |p| &p.items[..]);
                    (
                        items.len(),
                        items.iter().filter(|i| i.kind == ItemKind::RedLine).count(),
                        items.iter().filter(|i| i.status != Status::Closed).count(),
                    )
                });
                if made() {
                    tr!(l, "整改台账共 {all} 项（红线 {red} 项），未销号 {open} 项。",
                        "The plan has {all} items ({red} red lines), {open} still open.")
                } else {
                    tr!(l, "根据本次结果，建议列入 {all} 项（红线 {red} 项）。",
                        "From these results, {all} items are suggested ({red} red lines).")
                }
            }}</p>
            {move || {
                let previous = state.previous_plan.get()?;
                let made_plan = state.plan.get();
                let listed = previous.items.len();
                let made_on = previous.made.clone();
                Some(match made_plan {
                    Some(made_plan) => {
                        let closed = closed_since(&previous, &made_plan);
                        view! { <p class="bsc-plan-closed">{tr!(l,
                            "上次自查（{made_on}）列入整改台账 {listed} 项，已销号 {closed} 项。",
                            "The previous self-check ({made_on}) listed {listed} items; {closed} are closed.")}</p> }
                    }
                    None => {
                        let closed = previous.closed_count();
                        view! { <p class="bsc-plan-closed">{tr!(l,
                            "上次自查（{made_on}）列入整改台账 {listed} 项，已销号 {closed} 项；其余事项将转入本次整改清单。",
                            "The previous self-check ({made_on}) listed {listed} items; {closed} are closed, the rest carry into this plan.")}</p> }
                    }
                })
            }}
            <div class="bsc-actions">
                <button type="button" class="bsc-button bsc-primary" on:click=move |_| {
                    ensure_plan(state);
                    state.go(Screen::Plan);
                }>{move || if made() { l.pick("查看和修改整改清单", "Open the plan") } else { l.pick("制定整改清单", "Make the plan") }}</button>
            </div>
        </section>
    }
}
