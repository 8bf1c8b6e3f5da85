//! The rectification plan screen (整改清单): the three lists made from the results, edited by
//! the branch, carried over from its previous self-check, printed and written as a .docx.

mod docx;
mod editor;
mod paper;

use leptos::prelude::*;

pub use paper::PrintedLists;

use super::dom::{print_widget, screen_heading};
use super::state::{AppState, NoticeKind, Screen};
use crate::embed::browser::today;
use crate::plan::{
    build_plan, carry_over, closed_since, lists, offer_closing, Date, ListRow, Plan,
};
use crate::ui_logic::text::tr;

/// Today as a plan date. The browser's clock always gives a date in range; should it not,
/// the plan's earliest year stands in (default deadlines then come early, nothing breaks).
pub fn today_date() -> Date {
    Date::parse(&today())
        .or_else(|| Date::new(crate::plan::MIN_YEAR, 1, 1))
        .expect("1 January of the earliest year is a date")
}

/// The plan the current results suggest (carrying over the previous one's open items), as
/// it would be made now, without keeping it.
pub fn suggested_plan(state: AppState) -> Option<Plan> {
    let previous = state.previous_plan.get();
    state.with_results(|results| match &previous {
        Some(previous) => carry_over(results, previous, today_date()).0,
        None => build_plan(results, today_date()),
    })
}

/// Makes the plan from the results if the branch has none yet.
pub fn ensure_plan(state: AppState) {
    if state.plan.with_untracked(Option::is_some) {
        return;
    }
    if let Some(plan) = untrack(|| suggested_plan(state)) {
        state.plan.set(Some(plan));
    }
}

/// The branch's plan, else the one the results suggest.
pub fn current_plan(state: AppState) -> Option<Plan> {
    state.plan.get().or_else(|| suggested_plan(state))
}

/// The rows of `plan` read against the results.
pub fn rows_of(state: AppState, plan: &Plan) -> Vec<ListRow> {
    let l = state.locale.get();
    state
        .with_results(|results| lists(results, plan, l))
        .unwrap_or_default()
}

/// What the rows of a plan are read from, tracked (see [`rows_of`]): for parts that compute
/// them later (the printed lists under the results, see `for_paper`).
pub fn track_rows_inputs(state: AppState) {
    state.locale.track();
    state.selection.track();
    state.answers.track();
    state.assessment.track();
}

/// The rows of the plan (the branch's, else the suggested one) read against the results.
pub fn plan_rows(state: AppState) -> Vec<ListRow> {
    current_plan(state)
        .map(|plan| rows_of(state, &plan))
        .unwrap_or_default()
}

/// Starts the next round in this browser: this self-check's plan becomes the previous one
/// (its open items carry over), the answers are cleared, the category and unit stay.
pub fn start_next_round(state: AppState) {
    let plan = state
        .plan
        .get_untracked()
        .or_else(|| untrack(|| suggested_plan(state)));
    state.previous_plan.set(plan);
    state.plan.set(None);
    state.baseline.set(None);
    state.answers.set(Default::default());
    let l = state.locale.get_untracked();
    state.notify(
        NoticeKind::Info,
        l.pick(
            "已开始新一轮自查：上次的答案已清空，整改台账中未销号的事项将转入本次。",
            "A new round has started: the earlier answers are cleared, and the plan's open items will carry over into this one.",
        ),
    );
    state.go(Screen::Questions(state.first_dimension()));
}

#[component]
pub fn PlanScreen() -> impl IntoView {
    let state = expect_context::<AppState>();
    let l = state.locale.get_untracked();
    ensure_plan(state);
    let heading = screen_heading();
    let rows = Memo::new(move |_| plan_rows(state));
    // Each item with how it is drawn: an item is drawn again only when its key changes.
    let items = move || {
        let rows = rows.get();
        let count = rows.len();
        state.plan.with(|plan| {
            rows.into_iter()
                .filter_map(|row| {
                    let item = plan.as_ref()?.item(&row.id)?.clone();
                    Some((editor::item_key(&row, &item, count), row, item, count))
                })
                .collect::<Vec<_>>()
        })
    };
    let title_id = state.dom_id("plan-title");
    let labelled_by = title_id.clone();
    let error = RwSignal::new(None::<String>);
    view! {
        <section class="bsc-screen bsc-plan" aria-labelledby=labelled_by>
            {super::results::print::print_header(
                state,
                l.pick("支部整改清单", "Branch rectification plan"),
                l.pick("日期：", "Date: "),
            )}
            <h2 id=title_id class="bsc-no-print" tabindex="-1" node_ref=heading>{l.pick("整改清单", "Rectification plan")}</h2>
            <p class="bsc-hint bsc-no-print">{l.pick(
                "根据自查结果列出问题清单、整改清单和责任清单：红线事项在前，其后是各项差距背后的题目。可以修改整改措施、责任人、完成时限和进度，也可以增加、删除、调整顺序。清单与答案一起保存在本浏览器中，并写入导出文件；分享链接只含答案，不含清单。",
                "The problem, measure and responsibility lists made from your results: red lines first, then the questions behind each gap. Change the measures, owners, deadlines and progress, add, drop and reorder items. The plan is saved with your answers in this browser and written into the export; the share link carries the answers only, not the plan.",
            )}</p>
            <CarryNote/>
            <ol class="bsc-plan-items bsc-no-print">
                <For each=items key=|(key, ..)| key.clone() let:((_, row, item, count))>
                    {editor::item_editor(state, row, item, count)}
                </For>
            </ol>
            <Show when=move || rows.with(Vec::is_empty)>
                <p class="bsc-empty bsc-no-print">{l.pick(
                    "没有发现红线或差距，暂无需要整改的事项；可以自行列入事项。",
                    "No red line or gap was found, so nothing needs fixing; you may add items of your own.",
                )}</p>
            </Show>
            <editor::AddItem error=error/>
            <div class="bsc-actions bsc-no-print">
                <button type="button" class="bsc-button bsc-primary" on:click=move |_| {
                    print_widget(&state.root.get_value());
                }>{l.pick("打印整改清单", "Print the lists")}</button>
                <docx::DocxButton/>
                <button type="button" class="bsc-button" on:click=move |_| {
                    let mut added = 0;
                    let today = today_date();
                    untrack(|| {
                        let Some(mut plan) = state.plan.get() else { return };
                        added = state.with_results(|r| plan.add_missing(r, today)).unwrap_or(0);
                        state.plan.set(Some(plan));
                    });
                    state.notify(NoticeKind::Info, tr!(l,
                        "已补充 {added} 项新发现的问题。",
                        "{added} newly found problem(s) added."));
                }>{l.pick("按最新结果补充问题", "Add problems from the latest results")}</button>
                <button type="button" class="bsc-button" on:click=move |_| state.go(Screen::Results)>
                    {l.pick("返回自查结果", "Back to the results")}
                </button>
            </div>
            <PrintedLists rows=rows/>
        </section>
    }
}

/// What became of the previous self-check's plan: closed, carried, and the items whose
/// question now meets its target, offered for closing (销号).
#[component]
fn CarryNote() -> impl IntoView {
    let state = expect_context::<AppState>();
    let l = state.locale.get_untracked();
    let offers = Memo::new(move |_| {
        let plan = state.plan.get()?;
        state.with_results(|results| offer_closing(results, &plan))
    });
    move || {
        let previous = state.previous_plan.get()?;
        let plan = state.plan.get()?;
        let closed = closed_since(&previous, &plan);
        let carried = plan
            .items
            .iter()
            .filter(|i| i.carried_from.is_some())
            .count();
        let listed = previous.items.len();
        let made = previous.made.clone();
        let offered = offers.get().unwrap_or_default();
        let count = offered.len();
        // Last time's closed items, with the day each was closed: they are not carried (no
        // work is left), but the branch sees what it closed.
        let closed_before: Vec<(String, String)> = state
            .with_results(|results| lists(results, &previous, l))
            .unwrap_or_default()
            .into_iter()
            .filter_map(|row| Some((row.problem, row.closed_on?)))
            .collect();
        Some(view! {
            <div class="bsc-callout bsc-carry" role="note">
                <p>{tr!(l,
                    "上次自查（{made}）的整改台账共 {listed} 项：已销号 {closed} 项，{carried} 项转入本次整改台账（标有“上次转入”）。",
                    "The plan of the previous self-check ({made}) had {listed} items: {closed} closed, {carried} carried into this plan (marked “carried over”).")}</p>
                {(!closed_before.is_empty()).then(|| {
                    let shown = closed_before.len();
                    view! {
                        <details class="bsc-carry-closed">
                            <summary>{tr!(l, "上次已销号的 {shown} 项", "The {shown} item(s) closed last time")}</summary>
                            <ul>
                                {closed_before.into_iter().map(|(problem, on)| view! {
                                    <li>{problem}" · "{tr!(l, "{on} 销号", "closed {on}")}</li>
                                }).collect_view()}
                            </ul>
                        </details>
                    }
                })}
                {(count > 0).then(|| view! {
                    <p>{tr!(l,
                        "其中 {count} 项对应的题目本次已达标，可以销号（见各项的“销号”按钮）。",
                        "{count} of them now meet their target and may be closed (see each item's “Close” button).")}</p>
                    <button type="button" class="bsc-button bsc-no-print" on:click=move |_| {
                        let ids = offered.clone();
                        let today = today_date();
                        let mut closed = 0;
                        state.plan.update(|p| if let Some(p) = p { closed = p.close_items(&ids, today); });
                        state.notify(NoticeKind::Info, tr!(l, "已销号 {closed} 项。", "{closed} item(s) closed."));
                    }>{tr!(l, "全部销号（{count} 项）", "Close all {count}")}</button>
                })}
            </div>
        })
    }
}
