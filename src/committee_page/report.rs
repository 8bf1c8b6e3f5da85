//! The printed committee report (A4): overview, heat map, common and specific problems, red
//! lines and training plan, every row, with the date and what it was made from.

use std::sync::Arc;

use leptos::prelude::*;

use crate::bank::Locale;
use crate::ui_logic::text::tr;

use super::state::Page;
use super::views::{
    category_problems_table, common_problems_table, draw_a_part_per_frame, heat_header,
    heat_rows_body, overview_table, red_branches_body, red_branches_head, red_items,
    training_table,
};
use super::web;
use super::web::today;

/// Common problems in the printed report (the screen lists more).
const COMMON_PRINTED: usize = 10;
/// Category-specific problems in the printed report.
const SPECIFIC_PRINTED: usize = 15;
/// Branches in the printed heat map and red-line list: about eight landscape pages each. A
/// committee with more filters the heat map (by category or tag) and prints each part, or
/// takes the CSV.
const BRANCHES_PRINTED: usize = 300;

/// Heat-map rows (or branches with red lines) drawn per frame.
const ROWS_PER_FRAME: usize = 25;

/// The report, drawn a part per frame (the heat map a few dozen rows at a time), so opening
/// it never holds the page; `Page::report_ready` says when all of it is there.
pub fn view(page: Page) -> impl IntoView {
    let l = page.locale;
    let (heat_rows, heat_total) = super::views::current_heat_rows(page, BRANCHES_PRINTED);
    let heat_left_out = heat_total.saturating_sub(BRANCHES_PRINTED);
    let heat_rows = Arc::new(heat_rows);
    let chunks = heat_rows.len().div_ceil(ROWS_PER_FRAME);
    // Branches with red lines: those printed, and those left out.
    let red_total = page.current.with_untracked(|r| {
        r.derived
            .red_lines
            .as_ref()
            .map_or(0, |lines| lines.by_branch.len())
    });
    let red_branches = red_total.min(BRANCHES_PRINTED);
    let red_left_out = red_total - red_branches;
    let red_chunks = red_branches.div_ceil(ROWS_PER_FRAME);
    // Parts: the head and overview, the heat map's chunks, problems, the red-line items, the
    // chunks of branches with red lines, training.
    let first_red_chunk = 1 + chunks + 2;
    let training_part = first_red_chunk + red_chunks;
    let parts = training_part + 1;
    let drawn = RwSignal::new(1usize);
    page.report_ready.set(false);
    // A part per frame: drawn on timers, as many parts as came before the next frame were
    // laid out together (up to 170 ms on opening the report).
    draw_a_part_per_frame(drawn, parts, move || page.report_ready.set(true));
    // Whether part `i` is drawn, as a memo: a part's view is then made once, when its turn
    // comes, and not again each frame as `drawn` counts on (which redrew every part so far,
    // each frame: frames grew from 40 to over 300 ms as the report filled).
    let part = move |i: usize| Memo::new(move |_| drawn.get() > i);
    let filtered = page.heat.with_untracked(|h| h.filter != Default::default());
    let head = move || {
        let bank = page.bank();
        let locale = l.get();
        page.current.with(|r| {
            let members = r.roster.members.len();
            let branches = r.roster.branches.len();
            let left_out = r.roster.issues.len() + r.skipped.len();
            view! {
                <header class="bscc-report-head">
                    <h3 class="bscc-report-title">
                        {bank.title.get(locale).to_string()}
                        {r.roster.round.as_ref().map(|round| format!(" · {round}"))}
                        {locale.pick(" · 分类汇总报告", " · committee report")}
                    </h3>
                    <p>
                        {tr!(locale,
                            "{} 生成 · {branches} 个支部（{members} 份自查记录）· {left_out} 个输入未计入 · 题库 {} {}",
                            "Made {} · {branches} branches ({members} self-check records) · {left_out} input(s) not rolled up · bank {} {}",
                            today(), bank.id, bank.version)}
                    </p>
                </header>
                <section>
                    <h3>{locale.pick("一、分类概览", "1. Overview by category")}</h3>
                    {overview_table(&bank, &r.derived.overview, locale)}
                </section>
            }
        })
    };
    let heat_chunks = (0..chunks)
        .map(|c| {
            let rows = heat_rows.clone();
            let shown = part(1 + c);
            move || {
                shown.get().then(|| {
                    let bank = page.bank();
                    let first = c * ROWS_PER_FRAME;
                    let slice = rows
                        .get(first..(first + ROWS_PER_FRAME).min(rows.len()))
                        .unwrap_or_default();
                    heat_rows_body(&bank, slice, first, l.get())
                })
            }
        })
        .collect_view();
    let problems = move || {
        let bank = page.bank();
        let locale = l.get();
        page.current.with(|r| {
            let derived = &r.derived;
            view! {
                <section>
                    <h3>{locale.pick("三、共性问题", "3. Common problems")}</h3>
                    {common_problems_table(&bank, &r.roster, &derived.common[..derived.common.len().min(COMMON_PRINTED)], locale)}
                    <h3>{locale.pick("四、个性问题（某类别明显偏弱）", "4. Category-specific problems")}</h3>
                    {category_problems_table(&bank, &r.roster, &derived.specific[..derived.specific.len().min(SPECIFIC_PRINTED)], locale)}
                </section>
            }
        })
    };
    let red_branch_chunks = (0..red_chunks)
        .map(|c| {
            let shown = part(first_red_chunk + c);
            move || {
                shown.get().then(|| {
                    let bank = page.bank();
                    let first = c * ROWS_PER_FRAME;
                    let end = (first + ROWS_PER_FRAME).min(red_branches);
                    page.current.with(|r| {
                        r.derived.red_lines.as_ref().map(|lines| {
                            red_branches_body(
                                &bank,
                                &r.roster,
                                &r.figures,
                                lines,
                                first,
                                end,
                                l.get(),
                            )
                        })
                    })
                })
            }
        })
        .collect_view();
    let training = move || {
        let bank = page.bank();
        let locale = l.get();
        page.current.with(|r| {
            view! {
                <section>
                    <h3>{locale.pick("六、培训计划", "6. Training plan")}</h3>
                    {training_table(&bank, &r.roster, &r.derived.training, locale)}
                </section>
            }
        })
    };
    let problems_shown = part(1 + chunks);
    let red_shown = part(1 + chunks + 1);
    let training_shown = part(training_part);
    view! {
        <div class="bscc-report" data-complete=move || page.report_ready.get().then_some("")>
            <p class="bscc-no-print">
                <button type="button" class="bscc-button bscc-primary" on:click=move |_| web::print()>
                    {move || l.get().pick("打印", "Print")}
                </button>
                " "
                {move || l.get().pick("打印时只印出报告本身；可在打印对话框中选择“另存为 PDF”。", "Only the report is printed; the print dialog can save it as PDF.")}
            </p>
            {head}
            <section>
                <h3>{move || l.get().pick("二、热力图（各维度得分与本类别目标）", "2. Heat map (each dimension against the branch's category target)")}</h3>
                <p class="bscc-hint">
                    {move || l.get().pick("▲ 优势 ✓ 达标 ▼ 未达标 — 无分。", "▲ strength ✓ meets ▼ below — no score.")}
                    {move || filtered.then(|| l.get().pick("（按热力图中的筛选）", " (as filtered on the heat map)"))}
                </p>
                <table class="bscc-table bscc-heat-print">
                    <thead>{move || heat_header(&page.bank(), l.get())}</thead>
                    {heat_chunks}
                </table>
                {move || (heat_left_out > 0).then(|| left_out_note(heat_left_out, l.get()))}
            </section>
            {move || problems_shown.get().then(problems)}
            // Its head first, then its branches a few at a time.
            <section>
                {move || red_shown.get().then(|| view! {
                    <h3>{l.get().pick("五、红线", "5. Red lines")}</h3>
                    {red_items(page)}
                })}
                {(red_branches > 0).then(|| view! {
                    <table class="bscc-table">
                        {move || red_shown.get().then(|| red_branches_head(l.get()))}
                        {red_branch_chunks}
                    </table>
                })}
                {move || (red_shown.get() && red_left_out > 0).then(|| left_out_note(red_left_out, l.get()))}
            </section>
            {move || training_shown.get().then(training)}
        </div>
    }
}

/// Said under a list cut short for print.
fn left_out_note(left_out: usize, l: Locale) -> impl IntoView {
    view! {
        <p class="bscc-hint">
            {tr!(l,
                "另有 {left_out} 个支部未印出：可在热力图中按类别或标签筛选后分别打印，或使用汇总表（CSV）。",
                "{left_out} more branches are not printed: filter the heat map by category or tag and print each part, or use the roll-up CSV.")}
        </p>
    }
}
