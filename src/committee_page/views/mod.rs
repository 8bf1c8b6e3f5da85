//! The workbench's screen: header and actions, the intake, the problems found, the
//! navigation and the chosen view. Each view renders figures from `crate::committee`.

mod branches;
mod evaluation;
mod groups;
mod heat;
mod merge;
mod names;
mod overview;
mod problems;
mod red_lines;
mod training;
mod trend;
mod virtual_rows;

use leptos::prelude::*;

use crate::bank::Locale;
use crate::ui_logic::text::tr;

use super::intake;
use super::report;
use super::state::{Page, Target, View};
use super::workbench as actions;

pub(super) use heat::{
    current_rows as current_heat_rows, header as heat_header, rows_body as heat_rows_body,
};
pub(super) use overview::overview_table;
pub(super) use problems::{category_problems_table, common_problems_table};
pub(super) use red_lines::{
    branches_body as red_branches_body, branches_head as red_branches_head,
    current_items as red_items,
};
pub(super) use training::training_table;

/// Counts `drawn` up by one each animation frame until it reaches `parts`, then calls
/// `done`: a view drawn a part per frame shows part `i` once `drawn > i`, so the browser lays
/// out one part a frame and not all of them in one. Stops if the view (and so `drawn`) is
/// gone.
pub(super) fn draw_a_part_per_frame(
    drawn: RwSignal<usize>,
    parts: usize,
    done: impl FnOnce() + 'static,
) {
    wasm_bindgen_futures::spawn_local(async move {
        loop {
            super::web::next_frame().await;
            let Some(n) = drawn.try_get_untracked() else {
                return;
            };
            if n >= parts {
                done();
                return;
            }
            drawn.set(n + 1);
        }
    });
}

/// The whole page.
pub fn workbench(page: Page) -> impl IntoView {
    let l = page.locale;
    // Changes only when the first branch arrives or all are cleared, so a label edit does not
    // draw the views anew (and keeps the focus where it was).
    let has_branches = Memo::new(move |_| page.branch_count() > 0);
    // The workbench marks its own language; on its own page (committee.html) the page's
    // too, but never a portal's around it.
    Effect::new(move || {
        let tag = l.get().tag();
        let document = web_sys::window().and_then(|w| w.document());
        let standalone = document
            .as_ref()
            .and_then(|d| d.query_selector(".bscc-page").ok().flatten())
            .is_some();
        if let Some(root) = document
            .and_then(|d| d.document_element())
            .filter(|_| standalone)
        {
            let _ = root.set_attribute("lang", tag);
        }
    });
    let (intake_h, intake_labelled) = (page.dom_id("intake-h"), page.dom_id("intake-h"));
    view! {
        <div class="bscc" lang=move || l.get().tag()>
            <header class="bscc-header">
                <div>
                    <h1>{move || l.get().pick("党建工作台：支部自查分类汇总", "Committee workbench: branch self-checks by category")}</h1>
                    <p class="bscc-lead">
                        {move || l.get().pick(
                            "载入各支部导出的自查文件或分享链接，按类别掌握情况、分类考评、区分共性与个性问题。所有内容只在本浏览器中处理，不上传。",
                            "Load the branches' exported self-checks or share links to know them by category, evaluate them by category and tell common from specific problems. Everything stays in this browser; nothing is uploaded.",
                        )}
                    </p>
                </div>
                <button
                    type="button"
                    class="bscc-button bscc-lang bscc-no-print"
                    lang=move || l.get().pick("en", "zh-CN")
                    on:click=move |_| l.update(|l| *l = l.pick(Locale::En, Locale::Zh))
                >
                    {move || l.get().pick("English", "中文")}
                </button>
            </header>
            <section class="bscc-card bscc-no-print" aria-labelledby=intake_labelled>
                <h2 id=intake_h>{move || l.get().pick("载入自查记录", "Load self-checks")}</h2>
                <p class="bscc-hint">
                    {move || l.get().pick(
                        "可一次选择多个导出文件（.json）或整个文件夹，也可以打开保存过的工作台文件。同一支部同一角色的多份记录只采用最新的一份。",
                        "Pick many exported files (.json) at once or a whole folder, or open a saved workbench file. Of several records of one branch and role, only the newest is used.",
                    )}
                </p>
                {intake::controls(page, Target::Current)}
                {intake::progress(page)}
                <p class="bscc-status" aria-live="polite">{move || page.status.with(|s| s.in_locale(l.get()))}</p>
                {move || has_branches.get().then(|| actions::actions(page))}
                {problems_found(page)}
            </section>
            {move || {
                if !has_branches.get() {
                    view! {
                        <p class="bscc-empty">
                            {l.get().pick("尚未载入任何支部的自查记录。", "No branch self-checks loaded yet.")}
                        </p>
                    }
                        .into_any()
                } else {
                    views(page).into_any()
                }
            }}
        </div>
    }
}

/// The navigation and the chosen view.
fn views(page: Page) -> impl IntoView {
    let l = page.locale;
    let (view_h, view_labelled) = (page.dom_id("view-h"), page.dom_id("view-h"));
    let buttons = View::ALL
        .into_iter()
        .map(|v| {
            view! {
                <button
                    type="button"
                    class="bscc-tab"
                    data-view=v.key()
                    aria-current=move || (page.view.get() == v).then_some("page")
                    on:click=move |_| page.view.set(v)
                >
                    {move || v.name(l.get())}
                </button>
            }
        })
        .collect_view();
    view! {
        <nav class="bscc-nav bscc-no-print" aria-label=move || l.get().pick("视图", "Views")>
            {buttons}
        </nav>
        <section class="bscc-card bscc-view" data-panel=move || page.view.get().key() aria-labelledby=view_labelled>
            <h2 id=view_h>{move || page.view.get().name(l.get())}</h2>
            {move || match page.view.get() {
                View::Overview => overview::view(page).into_any(),
                View::Branches => branches::view(page).into_any(),
                View::HeatMap => heat::view(page).into_any(),
                View::Evaluation => evaluation::view(page).into_any(),
                View::Problems => problems::view(page).into_any(),
                View::RedLines => red_lines::view(page).into_any(),
                View::Trend => trend::view(page).into_any(),
                View::Training => training::view(page).into_any(),
                View::Merge => merge::view(page).into_any(),
                View::Groups => groups::view(page).into_any(),
                View::Report => report::view(page).into_any(),
            }}
        </section>
    }
}

const MAX_PROBLEM_ROWS: usize = 500;

/// What did not load (with why) and what the committee should know about what did.
fn problems_found(page: Page) -> impl IntoView {
    let l = page.locale;
    move || {
        let locale = l.get();
        page.current.with(|round| {
            let notes: Vec<String> = round
                .roster
                .notes()
                .iter()
                .map(|n| n.message(locale))
                .collect();
            let mut problems: Vec<(String, String)> = round
                .skipped
                .iter()
                .map(|s| (s.name.clone(), s.why.clone()))
                .collect();
            problems.extend(
                round
                    .roster
                    .issues
                    .iter()
                    .map(|i| (i.source.describe(locale), i.message(locale))),
            );
            let count = problems.len();
            // Thousands of rows would slow every redraw; the first ones show what went wrong.
            let hidden = count.saturating_sub(MAX_PROBLEM_ROWS);
            problems.truncate(MAX_PROBLEM_ROWS);
            view! {
                {(!notes.is_empty()).then(|| view! {
                    <ul class="bscc-notes">
                        {notes.into_iter().map(|n| view! { <li>{n}</li> }).collect_view()}
                    </ul>
                })}
                {(count > 0).then(|| view! {
                    <details class="bscc-problems" open=count <= 20>
                        <summary>
                            {tr!(locale, "{count} 个输入未计入汇总（原因见下）", "{count} input(s) not rolled up (reasons below)")}
                        </summary>
                        <table class="bscc-table">
                            <thead><tr>
                                <th scope="col">{locale.pick("来源", "Source")}</th>
                                <th scope="col">{locale.pick("原因", "Reason")}</th>
                            </tr></thead>
                            <tbody>
                                {problems.into_iter().map(|(source, why)| view! {
                                    <tr><td>{source}</td><td>{why}</td></tr>
                                }).collect_view()}
                            </tbody>
                        </table>
                        {(hidden > 0).then(|| view! {
                            <p>{tr!(locale, "另有 {hidden} 个未列出。", "{hidden} more not listed.")}</p>
                        })}
                    </details>
                })}
            }
        })
    }
}
