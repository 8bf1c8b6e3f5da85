//! The training plan: for each training module, how many branches need it, who attends
//! and which branches.

use leptos::prelude::*;

use crate::bank::{Bank, Locale};
use crate::committee::{Roster, TrainingDemand, TRAININGS_PER_BRANCH};
use crate::ui_logic::text::{fixed, tr};

use super::names;
use super::problems::branch_names;
use crate::committee_page::state::Page;

pub fn view(page: Page) -> impl IntoView {
    let l = page.locale;
    move || {
        let bank = page.bank();
        let locale = l.get();
        page.current.with(|r| {
            view! {
                <p class="bscc-hint">
                    {tr!(locale,
                        "每个支部取其自查结果建议的前 {} 项培训（与支部自己看到的一致）。参训人员按培训对象计，每个支部每类人员一个名额。",
                        "Each branch counts its first {} suggested trainings (as on its own results). Attendees are the training's audience, one seat per branch each.",
                        TRAININGS_PER_BRANCH)}
                </p>
                {training_table(&bank, &r.roster, &r.derived.training, locale)}
            }
        })
    }
}

/// The plan as one table, most-needed module first.
pub fn training_table(
    bank: &Bank,
    roster: &Roster,
    plan: &[TrainingDemand],
    l: Locale,
) -> impl IntoView {
    if plan.is_empty() {
        return view! { <p>{l.pick("暂无建议的培训。", "No training suggested yet.")}</p> }
            .into_any();
    }
    let body = plan
        .iter()
        .map(|t| {
            let hours = bank
                .trainings
                .iter()
                .find(|x| x.id == t.training)
                .and_then(|x| x.hours)
                .map(|h| fixed(h, 1))
                .unwrap_or_else(|| "—".into());
            let attendees: Vec<String> = t
                .roles
                .iter()
                .map(|r| names::role(bank, Some(r), l))
                .collect();
            let reported: Vec<String> = t
                .reported_by
                .iter()
                .map(|r| format!("{} {}", names::role(bank, r.role.as_deref(), l), r.branches))
                .collect();
            let seats = t.branches.len() * t.roles.len().max(1);
            view! {
                <tr data-training=t.training.clone()>
                    <th scope="row">{names::training(bank, &t.training, l)}</th>
                    <td class="bscc-num">{hours}</td>
                    <td class="bscc-num">{t.branches.len()}</td>
                    <td>{attendees.join(l.pick("、", ", "))}</td>
                    <td class="bscc-num">{seats}</td>
                    <td>{reported.join(l.pick("；", "; "))}</td>
                    <td class="bscc-names">{branch_names(roster, &t.branches, l)}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <table class="bscc-table bscc-training">
            <thead><tr>
                <th scope="col">{l.pick("培训模块", "Module")}</th>
                <th scope="col" class="bscc-num">{l.pick("学时", "Hours")}</th>
                <th scope="col" class="bscc-num">{l.pick("需要的支部", "Branches")}</th>
                <th scope="col">{l.pick("参训人员", "Who attends")}</th>
                <th scope="col" class="bscc-num">{l.pick("名额", "Seats")}</th>
                <th scope="col">{l.pick("自查填写人", "Self-checks filled by")}</th>
                <th scope="col">{l.pick("哪些支部", "Which")}</th>
            </tr></thead>
            <tbody>{body}</tbody>
        </table>
    }
    .into_any()
}
