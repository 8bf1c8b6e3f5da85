//! The plan on paper: 问题清单、整改清单、责任清单 as tables on A4 pages of their own, after
//! the summary (print.css starts them on a new page and never splits a row).

use leptos::prelude::*;

use crate::plan::ListRow;
use crate::ui::state::AppState;

/// A printed table: a caption, its header and one row per item.
/// `short`: the columns kept on one line (kinds, owners, dates, progress), so a word or a
/// date is never broken across lines.
fn table(
    caption: &'static str,
    head: [&'static str; 5],
    short: [bool; 4],
    rows: &[ListRow],
    cells: impl Fn(&ListRow) -> [String; 4],
) -> impl IntoView {
    let class = |i: usize| short[i].then_some("bsc-nowrap");
    let body = rows
        .iter()
        .map(|row| {
            let [a, b, c, d] = cells(row);
            view! { <tr><td class="bsc-num">{row.number}</td><td class=class(0)>{a}</td><td class=class(1)>{b}</td><td class=class(2)>{c}</td><td class=class(3)>{d}</td></tr> }
        })
        .collect_view();
    let head = head.map(|h| view! { <th scope="col">{h}</th> });
    view! {
        <section class="bsc-plan-list">
            <h3>{caption}</h3>
            <table class="bsc-table bsc-plan-table">
                <thead><tr>{head}</tr></thead>
                <tbody>{body}</tbody>
            </table>
        </section>
    }
}

/// The three lists, on paper only, from the screen's rows (see [`super::plan_rows`]).
#[component]
pub fn PrintedLists(rows: Memo<Vec<ListRow>>) -> impl IntoView {
    let state = expect_context::<AppState>();
    let l = state.locale.get_untracked();
    move || {
        let rows = rows.get();
        if rows.is_empty() {
            return None;
        }
        let aside = |text: &str, note: &str| {
            l.pick(format!("{text}（{note}）"), format!("{text} ({note})"))
        };
        let status = |row: &ListRow| match &row.closed_on {
            Some(date) => aside(&row.status_text, date),
            None => row.status_text.clone(),
        };
        let problem = |row: &ListRow| match &row.dimension {
            Some(d) => aside(&row.problem, d),
            None => row.problem.clone(),
        };
        Some(view! {
            <div class="bsc-print-only bsc-plan-paper">
                {table(
                    l.pick("问题清单", "Problem list"),
                    l.pick(["序号", "类型", "问题", "现状", "佐证材料"], ["No.", "Kind", "Problem", "Where it stands", "Evidence"]),
                    [true, false, false, false],
                    &rows,
                    |r| [r.kind_text.clone(), problem(r), r.standing.clone(), r.evidence.clone().unwrap_or_default()],
                )}
                {table(
                    l.pick("整改清单", "Measures"),
                    l.pick(["序号", "问题", "整改措施", "完成时限", "进度"], ["No.", "Problem", "Measure", "Deadline", "Progress"]),
                    [false, false, true, true],
                    &rows,
                    |r| [r.problem.clone(), r.measure.clone(), r.deadline.clone(), status(r)],
                )}
                {table(
                    l.pick("责任清单", "Responsibilities"),
                    l.pick(["序号", "整改措施", "责任人", "完成时限", "进度"], ["No.", "Measure", "Owner", "Deadline", "Progress"]),
                    [false, true, true, true],
                    &rows,
                    |r| [r.measure.clone(), r.owner.clone(), r.deadline.clone(), status(r)],
                )}
                <div class="bsc-sign-lines bsc-plan-sign">
                    <span>{l.pick("支部书记（签字）：", "Branch secretary (signature):")}</span>
                    <span>{l.pick("日期：", "Date:")}</span>
                </div>
            </div>
        })
    }
}
