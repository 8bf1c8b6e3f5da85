//! Then and now per dimension, when an earlier export has been loaded; with a note when the
//! earlier one was made with another version of the bank.

use leptos::prelude::*;

use crate::ui::state::AppState;
use crate::ui_logic::labels::baseline_version_note;
use crate::ui_logic::text::tr;
use crate::ui_logic::text::{delta, score};

/// Then-and-now per dimension, when an earlier export has been loaded.
#[component]
pub fn Comparison() -> impl IntoView {
    let state = expect_context::<AppState>();
    let l = state.locale.get_untracked();
    let baseline = state.baseline;
    let assessment = state.assessment;
    move || {
        let base = baseline.get()?;
        let now = assessment.get()?;
        let comparison = crate::record::compare(&base, &now);
        let rows = comparison
            .dimensions
            .iter()
            .map(|d| {
                view! {
                    <tr>
                        <th scope="row">{state.dimension_name(&d.id, l)}</th>
                        <td class="bsc-num">{score(d.then)}</td>
                        <td class="bsc-num">{score(d.now)}</td>
                        <td class="bsc-num bsc-delta">{delta(d.change)}</td>
                    </tr>
                }
            })
            .collect_view();
        let overall = comparison.overall;
        let created = comparison.then_created;
        // Printed too (one bold line, so the summary keeps to two pages): the paper
        // comparison needs the caveat as much as the screen.
        let version_note = state
            .bank
            .with_value(|b| baseline_version_note(&comparison.then_bank_version, &b.version, l));
        let title_id = state.dom_id("compare-title");
        let labelled_by = title_id.clone();
        Some(view! {
            <section class="bsc-card bsc-compare" aria-labelledby=labelled_by>
                <h3 id=title_id>{tr!(l, "与上次自查（{created}）对比", "Compared with the earlier self-check ({created})")}</h3>
                {version_note.map(|note| view! { <p class="bsc-compare-note" role="note"><strong>{note}</strong></p> })}
                <table class="bsc-table">
                    <thead><tr>
                        <th scope="col">{l.pick("维度", "Dimension")}</th>
                        <th scope="col" class="bsc-num">{l.pick("上次", "Then")}</th>
                        <th scope="col" class="bsc-num">{l.pick("本次", "Now")}</th>
                        <th scope="col" class="bsc-num">{l.pick("变化", "Change")}</th>
                    </tr></thead>
                    <tbody>
                        {rows}
                        <tr class="bsc-total-row">
                            <th scope="row">{l.pick("综合得分", "Overall")}</th>
                            <td class="bsc-num">{score(overall.then)}</td>
                            <td class="bsc-num">{score(overall.now)}</td>
                            <td class="bsc-num bsc-delta">{delta(overall.change)}</td>
                        </tr>
                    </tbody>
                </table>
                <button type="button" class="bsc-link bsc-no-print" on:click=move |_| stop_comparing(state)>{l.pick("取消对比", "Stop comparing")}</button>
            </section>
        })
    }
}

/// Stops comparing. The earlier file's plan, when this check has not made its own from it
/// yet, is no longer followed up either.
fn stop_comparing(state: AppState) {
    let from_file = state
        .baseline
        .with_untracked(|b| b.as_ref().and_then(|r| r.plan.clone()));
    if from_file.is_some()
        && state.plan.with_untracked(Option::is_none)
        && state.previous_plan.with_untracked(|p| *p == from_file)
    {
        state.previous_plan.set(None);
    }
    state.baseline.set(None);
}
