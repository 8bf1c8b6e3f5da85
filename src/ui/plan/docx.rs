//! The self-check report (自查报告) as a .docx: the report's content gathered here, the file
//! written by `report_doc` in a wasm module of its own, fetched only when asked for.

use leptos::prelude::*;

use super::plan_rows;
use crate::assess::DimensionStatus;
use crate::embed::browser::{download_bytes, today};
use crate::report_doc::{report_docx, DimensionRow, ItemRow, ReportContent};
use crate::ui::state::{AppState, NoticeKind};
use crate::ui_logic::text::{fixed, percent, score, tr};

/// The .docx writer, in a wasm module of its own (see .ci/build-wasm.sh), so a branch that
/// never asks for the report never downloads it. (Gathering the content stays in the app
/// module: it shares most of its code with the screens, and moved here it pulled that code
/// into a shared chunk, which made the whole widget 1.5 KB larger.)
#[leptos::wasm_split::wasm_split(report_docx, wasm_split_path = ::leptos::wasm_split, fallible)]
fn write_docx(content: ReportContent) -> Result<Vec<u8>, leptos::wasm_split::SplitLoaderError> {
    Ok(report_docx(&content))
}

/// Everything the report says, in the reader's language.
fn content(state: AppState) -> Option<ReportContent> {
    let l = state.locale.get_untracked();
    untrack(|| {
        let assessment = state.assessment.get()?;
        let selection = state.selection.get()?;
        let bank = state.bank();
        let unit = state.unit_name.get().trim().to_string();
        let date = today();
        let year = date.get(..4).unwrap_or_default().to_string();
        let category = state
            .category(&selection.category)
            .map(|c| c.name.get(l).to_string())
            .unwrap_or_default();
        let modifiers: Vec<String> = bank
            .modifiers
            .iter()
            .filter(|m| selection.modifiers.contains(&m.id))
            .map(|m| m.name.get(l).to_string())
            .collect();
        let band = assessment
            .band
            .as_ref()
            .and_then(|id| bank.bands.iter().find(|b| &b.id == id))
            .map(|b| b.label.get(l).to_string())
            .unwrap_or_else(|| l.pick("暂不评定", "Not yet given").to_string());
        let who = if unit.is_empty() {
            l.pick("本支部", "Our branch").to_string()
        } else {
            unit.clone()
        };
        let none = l.pick("无", "none").to_string();
        let facts = vec![
            (
                l.pick("单位/支部", "Unit").to_string(),
                if unit.is_empty() {
                    none.clone()
                } else {
                    unit.clone()
                },
            ),
            (l.pick("支部类别", "Category").to_string(), category),
            (
                l.pick("特殊情形", "Situations").to_string(),
                if modifiers.is_empty() {
                    none
                } else {
                    modifiers.join(l.pick("、", ", "))
                },
            ),
            (l.pick("自查日期", "Date").to_string(), date.clone()),
            (
                l.pick("综合得分", "Overall score").to_string(),
                score(assessment.overall),
            ),
            (l.pick("等次", "Band").to_string(), band),
            (
                l.pick("完成度", "Completeness").to_string(),
                percent(assessment.coverage),
            ),
            (
                l.pick("题库", "Question bank").to_string(),
                format!("{} {}", bank.title.get(l), bank.version),
            ),
        ];
        let dimensions = assessment
            .dimensions
            .iter()
            .map(|d| DimensionRow {
                name: state.dimension_name(&d.id, l),
                score: score(d.score),
                target: fixed(d.target, 0),
                status: match d.status {
                    DimensionStatus::Gap => l.pick("差距", "Gap"),
                    DimensionStatus::Strength => l.pick("优势", "Strength"),
                    DimensionStatus::OnTarget => l.pick("达标", "On target"),
                    DimensionStatus::Unknown => l.pick("无分", "No score"),
                }
                .to_string(),
            })
            .collect();
        let mut problems: Vec<String> = assessment
            .red_lines
            .iter()
            .filter_map(|hit| state.question_by_id(&hit.question))
            .map(|q| tr!(l, "红线：{}", "Red line: {}", q.text.get(l)))
            .collect();
        problems.extend(assessment.gaps.iter().map(|g| {
            tr!(
                l,
                "{}：得分 {}，低于本类别目标 {}。",
                "{}: scored {}, below this category's target of {}.",
                state.dimension_name(&g.dimension, l),
                score(Some(g.score)),
                fixed(g.target, 0)
            )
        }));
        let rows = plan_rows(state);
        let items = rows
            .iter()
            .map(|r| ItemRow {
                number: r.number,
                problem: r.problem.clone(),
                standing: r.standing.clone(),
                evidence: r.evidence.clone().unwrap_or_default(),
                measure: r.measure.clone(),
                owner: r.owner.clone(),
                deadline: r.deadline.clone(),
                status: r.status_text.clone(),
            })
            .collect();
        let closed_note = state.previous_plan.get().and_then(|previous| {
            let plan = state.plan.get()?;
            let closed = crate::plan::closed_since(&previous, &plan);
            Some(tr!(
                l,
                "上次自查（{}）的整改台账共 {} 项，已销号 {closed} 项。",
                "The previous self-check's plan ({}) had {} items; {closed} are closed.",
                previous.made,
                previous.items.len()
            ))
        });
        Some(ReportContent {
            locale: l,
            title: tr!(
                l,
                "{who} {year} 年度党建工作自查报告",
                "{who}: party-building self-check report, {year}"
            ),
            facts,
            dimensions,
            problems,
            items,
            closed_note,
        })
    })
}

/// Downloads the report; the writer's module is fetched on the first click.
#[component]
pub fn DocxButton() -> impl IntoView {
    let state = expect_context::<AppState>();
    let l = state.locale.get_untracked();
    let busy = RwSignal::new(false);
    let on_click = move |_| {
        if busy.get_untracked() {
            return;
        }
        let Some(content) = content(state) else {
            return;
        };
        busy.set(true);
        wasm_bindgen_futures::spawn_local(async move {
            let failed = match write_docx(content).await {
                Ok(bytes) => {
                    let name = l.pick(
                        format!("自查报告-{}.docx", today()),
                        format!("self-check-report-{}.docx", today()),
                    );
                    download_bytes(
                        &name,
                        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                        &bytes,
                    )
                    .is_err()
                }
                Err(_) => true,
            };
            busy.set(false);
            if failed {
                state.notify(
                    NoticeKind::Error,
                    l.pick(
                        "未能生成自查报告文件，请检查网络后重试。",
                        "The report file could not be made; check the connection and try again.",
                    ),
                );
            }
        });
    };
    view! {
        <button type="button" class="bsc-button" aria-busy=move || busy.get().then_some("true") on:click=on_click>
            {l.pick("下载自查报告（Word .docx）", "Download the report (Word .docx)")}
        </button>
    }
}
