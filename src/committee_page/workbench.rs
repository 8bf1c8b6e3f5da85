//! The workbench's outputs: the roll-up CSV, the workbench file to reopen, the printed
//! report, and starting over.

use leptos::prelude::*;

use crate::committee::{rollup_csv, save_workbench_with_groups, SavedGroups};

use super::state::{GroupMode, Groups, Page, Round, Said, View};
use super::web::{self, today};

/// The buttons shown once branches are loaded.
pub fn actions(page: Page) -> impl IntoView {
    let l = page.locale;
    let download_csv = move |_| {
        let bank = page.bank();
        let text = page
            .current
            .with_untracked(|r| rollup_csv(&bank, &r.roster, &r.figures, l.get_untracked()));
        say(
            page,
            web::download(&file_name("csv"), "text/csv;charset=utf-8", &text),
        );
    };
    let save = move |_| {
        let bank = page.bank();
        let groups = page.groups.with_untracked(saved_groups);
        let text = page
            .current
            .with_untracked(|r| save_workbench_with_groups(&bank, &r.roster, groups.as_ref()));
        say(
            page,
            web::download(&file_name("json"), "application/json", &text),
        );
    };
    let print_report = move |_| {
        page.view.set(View::Report);
        // Once the report has drawn all of itself (a part per frame).
        wasm_bindgen_futures::spawn_local(async move {
            web::next_tick().await;
            while !page.report_ready.get_untracked() {
                if page.view.get_untracked() != View::Report {
                    return;
                }
                web::next_tick().await;
            }
            web::print();
        });
    };
    let clear = move |_| {
        let sure = web_sys::window()
            .and_then(|w| {
                w.confirm_with_message(l.get_untracked().pick(
                    "清空本轮和上一轮载入的全部记录？未保存的标签会丢失。",
                    "Clear every record of this round and the earlier one? Unsaved labels are lost.",
                ))
                .ok()
            })
            .unwrap_or(false);
        if sure {
            page.current.set(Round::default());
            page.earlier.set(None);
            page.groups.set(Default::default());
            page.view.set(View::Overview);
            page.say(Said::pair("已清空。", "Cleared."));
        }
    };
    let round_id = page.dom_id("round");
    let set_round = move |ev: leptos::ev::Event| {
        let value = event_target_value(&ev);
        let value = value.trim();
        page.current
            .update(|r| r.roster.round = (!value.is_empty()).then(|| value.to_string()));
    };
    view! {
        <div class="bscc-field bscc-round">
            <label for=round_id.clone()>{move || l.get().pick("本轮名称", "Round")}</label>
            <input type="text" id=round_id
                placeholder=move || l.get().pick("如：2026 年度", "e.g. 2026")
                prop:value=move || page.current.with(|r| r.roster.round.clone().unwrap_or_default())
                on:change=set_round />
        </div>
        <div class="bscc-actions">
            <button type="button" class="bscc-button bscc-primary" data-action="csv" on:click=download_csv>
                {move || l.get().pick("下载汇总表（CSV）", "Download roll-up (CSV)")}
            </button>
            <button type="button" class="bscc-button" data-action="save" on:click=save>
                {move || l.get().pick("保存工作台文件", "Save workbench file")}
            </button>
            <button type="button" class="bscc-button" data-action="print" on:click=print_report>
                {move || l.get().pick("打印汇总报告", "Print the report")}
            </button>
            <button type="button" class="bscc-button" data-action="clear" on:click=clear>
                {move || l.get().pick("全部清空", "Clear all")}
            </button>
        </div>
    }
}

/// The groups as they stand, for the workbench file.
fn saved_groups(groups: &Groups) -> Option<SavedGroups> {
    let Some(Ok(grouping)) = &groups.result else {
        return None;
    };
    Some(SavedGroups {
        pairs: groups.mode == GroupMode::Pairs,
        settings: groups.settings.clone(),
        locks: groups.locks.pins.iter().map(|(&b, &k)| (b, k)).collect(),
        groups: grouping.groups.iter().map(|g| g.members.clone()).collect(),
    })
}

/// `committee-rollup-2026-11-28.csv` and the like.
fn file_name(extension: &str) -> String {
    let stem = if extension == "csv" {
        "committee-rollup"
    } else {
        "committee-workbench"
    };
    format!("{stem}-{}.{extension}", today())
}

fn say(page: Page, result: Result<(), wasm_bindgen::JsValue>) {
    page.say(match result {
        Ok(()) => Said::pair(
            "文件已生成，请在浏览器的下载中查看。",
            "The file is ready in your browser's downloads.",
        ),
        Err(_) => Said::pair(
            "浏览器未能生成文件，请重试。",
            "The browser could not make the file; try again.",
        ),
    });
}
