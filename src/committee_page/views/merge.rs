//! Merge within one branch: several members' self-checks (书记, 委员, 党员) combined into the
//! branch's view, and the questions where their answers diverge.

use leptos::prelude::*;

use crate::bank::{Bank, Locale};
use crate::committee::{merge_view, MergeView, Roster};
use crate::ui_logic::labels::answer_label;
use crate::ui_logic::text::{score, tr};

use super::names;
use crate::committee_page::state::Page;

pub fn view(page: Page) -> impl IntoView {
    let l = page.locale;
    // Branches with more than one record, by their index in the roster.
    let merged = Memo::new(move |_| {
        page.current.with(|r| {
            (0..r.roster.branches.len())
                .filter(|&b| r.roster.branches[b].members.len() > 1)
                .collect::<Vec<usize>>()
        })
    });
    let chosen = RwSignal::new(None::<usize>);
    // Hundreds of options with 5,000 records: each is plain (the select keeps the choice
    // itself), so choosing a branch redraws none of them.
    let options = move || {
        let locale = l.get();
        let picked = chosen.get_untracked();
        page.current.with(|r| {
            merged
                .get()
                .into_iter()
                .map(|b| {
                    let n = r.roster.branches[b].members.len();
                    let text = tr!(
                        locale,
                        "{}（{n} 份）",
                        "{} ({n} records)",
                        r.roster.label(b, locale)
                    );
                    view! { <option value=b.to_string() selected=picked == Some(b)>{text}</option> }
                })
                .collect_view()
        })
    };
    let shown = move || chosen.get().or_else(|| merged.with(|m| m.first().copied()));
    view! {
        {move || if merged.with(Vec::is_empty) {
            view! { <p>{l.get().pick("没有哪个支部提交了多份自查记录。", "No branch sent more than one self-check.")}</p> }.into_any()
        } else {
            view! {
                <p class="bscc-hint">
                    {l.get().pick(
                        "同一支部多名成员（书记、委员、党员）的自查合并为支部的综合结果：等级取较低的中位数，是否题取多数（持平取较低），数量取较低的中位数；以角色靠前者（书记优先）的类别为准。",
                        "Several members' self-checks of one branch combine into the branch's view: the lower median level, the majority of yes/no (a tie takes the lower), the lower median count; the category is that of the first role (the secretary first).",
                    )}
                </p>
                <label class="bscc-field">
                    {l.get().pick("选择支部", "Branch")}
                    <select class="bscc-merge-select" on:change=move |ev| chosen.set(event_target_value(&ev).parse().ok())>{options}</select>
                </label>
            }.into_any()
        }}
        {move || shown().and_then(|b| {
            let bank = page.bank();
            let locale = l.get();
            page.current.with(|r| merge_view(&bank, &r.roster, b).map(|m| details(&bank, &r.roster, &m, locale)))
        })}
    }
}

fn details(bank: &Bank, roster: &Roster, m: &MergeView, l: Locale) -> impl IntoView {
    let member_name = |member: usize| {
        roster.members.get(member).map_or_else(String::new, |x| {
            format!(
                "{} · {}",
                names::role(bank, x.record.selection.role.as_deref(), l),
                x.record.created
            )
        })
    };
    let members = m
        .members
        .iter()
        .map(|&member| {
            let record = &roster.members[member];
            view! {
                <tr>
                    <th scope="row">{names::role(bank, record.record.selection.role.as_deref(), l)}</th>
                    <td>{record.record.created.clone()}</td>
                    <td>{record.source.describe(l)}</td>
                    <td class="bscc-num">{score(record.record.results.overall)}</td>
                    <td>{if member == m.primary { l.pick("类别依据", "sets the category") } else { "" }}</td>
                </tr>
            }
        })
        .collect_view();
    let left_out = (!m.left_out.is_empty()).then(|| view! {
        <p class="bscc-hint">
            {tr!(l, "{} 份早期版本的记录未合并（本支部已有新版记录）。", "{} record(s) of an earlier bank version left out (the branch has current ones).", m.left_out.len())}
        </p>
    });
    let scores = m.assessment.as_ref().map(|a| {
        let cells = a
            .dimensions
            .iter()
            .map(|d| {
                view! {
                    <tr>
                        <th scope="row">{names::dimension(bank, &d.id, l)}</th>
                        <td class="bscc-num">{score(d.score)}</td>
                        <td class="bscc-num">{score(Some(d.target))}</td>
                    </tr>
                }
            })
            .collect_view();
        view! {
            <h3>{tr!(l, "综合结果：总分 {}", "Combined result: overall {}", score(a.overall))}</h3>
            <table class="bscc-table">
                <thead><tr>
                    <th scope="col">{l.pick("维度", "Dimension")}</th>
                    <th scope="col" class="bscc-num">{l.pick("综合得分", "Combined")}</th>
                    <th scope="col" class="bscc-num">{l.pick("类别目标", "Target")}</th>
                </tr></thead>
                <tbody>{cells}</tbody>
            </table>
        }
    });
    let divergences = if m.divergences.is_empty() {
        view! { <p>{l.pick("成员的回答没有明显分歧。", "The members' answers do not diverge.")}</p> }.into_any()
    } else {
        let rows = m
            .divergences
            .iter()
            .filter_map(|d| {
                let question = bank.questions.iter().find(|q| q.id == d.question)?;
                let answers = d
                    .answers
                    .iter()
                    .map(|(member, answer)| {
                        format!(
                            "{}：{}",
                            member_name(*member),
                            answer_label(question, *answer, l)
                        )
                    })
                    .map(|text| view! { <li>{text}</li> })
                    .collect_view();
                let combined = d
                    .combined
                    .map(|a| answer_label(question, a, l))
                    .unwrap_or_else(|| "—".into());
                Some(view! {
                    <tr data-question=d.question.clone()>
                        <th scope="row">{question.text.get(l).to_string()}</th>
                        <td><ul class="bscc-plain">{answers}</ul></td>
                        <td>{combined}</td>
                    </tr>
                })
            })
            .collect_view();
        view! {
            <table class="bscc-table bscc-divergences">
                <thead><tr>
                    <th scope="col">{l.pick("题目", "Question")}</th>
                    <th scope="col">{l.pick("各成员的回答", "Each member's answer")}</th>
                    <th scope="col">{l.pick("合并后", "Combined")}</th>
                </tr></thead>
                <tbody>{rows}</tbody>
            </table>
        }
        .into_any()
    };
    view! {
        <h3>{tr!(l, "{}的 {} 份记录", "{}: {} records", roster.label(m.branch, l), m.members.len() + m.left_out.len())}</h3>
        <table class="bscc-table">
            <thead><tr>
                <th scope="col">{l.pick("角色", "Role")}</th>
                <th scope="col">{l.pick("日期", "Date")}</th>
                <th scope="col">{l.pick("来源", "Source")}</th>
                <th scope="col" class="bscc-num">{l.pick("本人总分", "Own overall")}</th>
                <th scope="col"></th>
            </tr></thead>
            <tbody>{members}</tbody>
        </table>
        {left_out}
        {scores}
        <h3>{tr!(l, "回答有分歧的题目（{} 道）", "Questions where answers diverge ({})", m.divergences.len())}</h3>
        {divergences}
    }
}
