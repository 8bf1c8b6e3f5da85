//! Print, export, compare, share and clear: the results' controls (not printed).

use leptos::prelude::*;

use crate::embed::events::HostEvent;
use crate::ui::io::{CompareButton, ExportButton, ImportButton, ShareLink};
use crate::ui::state::{AppState, Screen};
use crate::ui::storage;

/// Print, export, compare, share and clear.
#[component]
pub fn Actions() -> impl IntoView {
    let state = expect_context::<AppState>();
    let l = state.locale.get_untracked();
    let confirm_clear = RwSignal::new(false);
    let title_id = state.dom_id("actions-title");
    let labelled_by = title_id.clone();
    let unit_id = state.dom_id("unit");
    view! {
        <section class="bsc-card bsc-actions-card bsc-no-print" aria-labelledby=labelled_by>
            <h3 id=title_id>{l.pick("打印、导出与对比", "Print, export and compare")}</h3>
            <div class="bsc-field">
                <label for=unit_id.clone()>{l.pick("单位/支部名称（可选，仅用于打印；保存答案时一并保存）", "Unit or branch name (optional, for the printout; saved with your answers)")}</label>
                <input type="text" id=unit_id maxlength="80"
                    prop:value=move || state.unit_name.get()
                    on:input=move |ev| state.unit_name.set(event_target_value(&ev))/>
            </div>
            <div class="bsc-actions">
                <button type="button" class="bsc-button bsc-primary" on:click=move |_| {
                    state.emit(HostEvent::Printed, &serde_json::json!({}));
                    crate::ui::dom::print_widget(&state.root.get_value());
                }>{l.pick("打印诊断摘要", "Print the summary")}</button>
                <ExportButton/>
                <ImportButton/>
                <CompareButton/>
            </div>
            <ShareLink/>
            <div class="bsc-danger-zone">
                <Show when=move || confirm_clear.get() fallback=move || view! {
                    <button type="button" class="bsc-button bsc-danger" on:click=move |_| confirm_clear.set(true)>
                        {l.pick("清除我的答案", "Clear my answers")}
                    </button>
                }>
                    <p role="alert">{l.pick("将删除本浏览器中保存的全部答案，无法恢复。确定吗？", "This deletes every answer saved in this browser. It cannot be undone. Are you sure?")}</p>
                    <button type="button" class="bsc-button bsc-danger" on:click=move |_| { storage::clear_all(state); state.go(Screen::Start); }>
                        {l.pick("确定清除", "Yes, clear everything")}
                    </button>
                    <button type="button" class="bsc-button" on:click=move |_| confirm_clear.set(false)>
                        {l.pick("取消", "Cancel")}
                    </button>
                </Show>
            </div>
        </section>
    }
}
