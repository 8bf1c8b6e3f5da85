//! The plan on paper: 问题清单、整改清单、责任清单 as tables on A4 pages of their own, after
//! the summary (print.css starts them on a new page and never splits a row).

use leptos::prelude::*;

use crate::bank::Locale;
use crate::plan::ListRow;
use crate::ui::state::AppState;

/// One printed row: its number and its four text cells.
type PaperRow = (usize, [String; 4]);

/// A printed table: a caption, its header and one row per item.
/// `short`: the columns kept on one line (kinds, owners, dates, progress), so a word or a
/// date is never broken across lines. The rows are built again whenever they change; under
/// the results that happens off the answer's frame (see `for_paper`), so a keyed list would
/// only add code.
fn table(
    caption: &'static str,
    head: [&'static str; 5],
    short: [bool; 4],
    rows: Memo<Vec<PaperRow>>,
) -> impl IntoView {
    let class = move |i: usize| short[i].then_some("bsc-nowrap");
    let head = head.map(|h| view! { <th scope="col">{h}</th> });
    let body = move || {
        rows.get()
            .into_iter()
            .map(|(number, [a, b, c, d])| {
                view! { <tr><td class="bsc-num">{number}</td><td class=class(0)>{a}</td><td class=class(1)>{b}</td><td class=class(2)>{c}</td><td class=class(3)>{d}</td></tr> }
            })
            .collect_view()
    };
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

/// `text（note）`, or `text (note)` in English.
fn aside(l: Locale, text: &str, note: &str) -> String {
    l.pick(format!("{text}（{note}）"), format!("{text} ({note})"))
}

/// The progress cell: the status, with the day an item was closed.
fn status(l: Locale, row: &ListRow) -> String {
    match &row.closed_on {
        Some(date) => aside(l, &row.status_text, date),
        None => row.status_text.clone(),
    }
}

/// The problem cell: the problem, with its dimension.
fn problem(l: Locale, row: &ListRow) -> String {
    match &row.dimension {
        Some(d) => aside(l, &row.problem, d),
        None => row.problem.clone(),
    }
}

/// The printed rows of one table, computed once per change of the plan's rows.
fn paper_rows(
    rows: Signal<Vec<ListRow>>,
    cells: impl Fn(&ListRow) -> [String; 4] + Send + Sync + 'static,
) -> Memo<Vec<PaperRow>> {
    Memo::new(move |_| rows.with(|rows| rows.iter().map(|r| (r.number, cells(r))).collect()))
}

/// The three lists, on paper only, from the plan's rows (see [`super::plan_rows`]; the
/// results screen gives them through [`crate::ui::dom::for_paper`]).
#[component]
pub fn PrintedLists(#[prop(into)] rows: Signal<Vec<ListRow>>) -> impl IntoView {
    let state = expect_context::<AppState>();
    let l = state.locale.get_untracked();
    let problems = paper_rows(rows, move |r| {
        [
            r.kind_text.clone(),
            problem(l, r),
            r.standing.clone(),
            r.evidence.clone().unwrap_or_default(),
        ]
    });
    let measures = paper_rows(rows, move |r| {
        [
            r.problem.clone(),
            r.measure.clone(),
            r.deadline.clone(),
            status(l, r),
        ]
    });
    let owners = paper_rows(rows, move |r| {
        [
            r.measure.clone(),
            r.owner.clone(),
            r.deadline.clone(),
            status(l, r),
        ]
    });
    let any = Memo::new(move |_| rows.with(|rows| !rows.is_empty()));
    view! {
        <Show when=move || any.get()>
            <div class="bsc-print-only bsc-plan-paper">
                {table(
                    l.pick("问题清单", "Problem list"),
                    l.pick(["序号", "类型", "问题", "现状", "佐证材料"], ["No.", "Kind", "Problem", "Where it stands", "Evidence"]),
                    [true, false, false, false],
                    problems,
                )}
                {table(
                    l.pick("整改清单", "Measures"),
                    l.pick(["序号", "问题", "整改措施", "完成时限", "进度"], ["No.", "Problem", "Measure", "Deadline", "Progress"]),
                    [false, false, true, true],
                    measures,
                )}
                {table(
                    l.pick("责任清单", "Responsibilities"),
                    l.pick(["序号", "整改措施", "责任人", "完成时限", "进度"], ["No.", "Measure", "Owner", "Deadline", "Progress"]),
                    [false, true, true, true],
                    owners,
                )}
                <div class="bsc-sign-lines bsc-plan-sign">
                    <span>{l.pick("支部书记（签字）：", "Branch secretary (signature):")}</span>
                    <span>{l.pick("日期：", "Date:")}</span>
                </div>
            </div>
        </Show>
    }
}
