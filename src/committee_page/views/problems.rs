//! 共性与个性: the questions weakest across all branches, and the questions where one category
//! is clearly weaker than the rest, each with how many branches and which.

use leptos::prelude::*;

use crate::bank::{Bank, Locale};
#[cfg(doc)]
use crate::committee::{category_problems, common_problems};
use crate::committee::{
    CategoryProblem, CommonProblem, Roster, CLEARLY_WEAKER_BY, COMMON_SHARE, MIN_EACH_SIDE,
    WEAK_CREDIT,
};
use crate::ui_logic::text::{fixed, percent, tr};

use super::names;
use crate::committee_page::state::Page;

/// Branch names written out in a cell before "and n more".
const NAMES_SHOWN: usize = 6;
/// Category-specific problems listed before "show all".
const SPECIFIC_SHOWN: usize = 20;

pub fn view(page: Page) -> impl IntoView {
    let l = page.locale;
    let all_specific = RwSignal::new(false);
    move || {
        let specific_limit = if all_specific.get() {
            usize::MAX
        } else {
            SPECIFIC_SHOWN
        };
        let bank = page.bank();
        let locale = l.get();
        page.current.with(|r| {
            let specific = &r.derived.specific;
            view! {
                <h3>{locale.pick("共性问题：各类支部普遍薄弱的题目", "Common problems: the questions weakest across all branches")}</h3>
                <p class="bscc-hint">
                    {tr!(locale,
                        "只列至少 {} 的支部作答了的题目，按平均得分率从低到高；“薄弱”指该题得分率低于 {}。",
                        "Only questions answered by at least {} of the branches, lowest mean credit first; “weak” means a credit below {}.",
                        percent(COMMON_SHARE), percent(WEAK_CREDIT))}
                </p>
                {common_problems_table(&bank, &r.roster, &r.derived.common, locale)}
                <h3>{locale.pick("个性问题：某一类别明显弱于其他类别的题目", "Specific problems: questions where one category is clearly weaker than the others")}</h3>
                <p class="bscc-hint">
                    {tr!(locale,
                        "该类别的平均得分率比其他类别低 {} 个百分点以上才列出，且两边各至少有 {} 个支部作答。",
                        "Listed when the category's mean credit is at least {} percentage points below the others', with at least {} branches answering on each side.",
                        fixed(CLEARLY_WEAKER_BY * 100.0, 0), MIN_EACH_SIDE)}
                </p>
                {category_problems_table(&bank, &r.roster, &specific[..specific.len().min(specific_limit)], locale)}
                {(specific.len() > specific_limit).then(|| view! {
                    <button type="button" class="bscc-button" on:click=move |_| all_specific.set(true)>
                        {locale.pick("显示全部", "Show all")}
                    </button>
                })}
            }
        })
    }
}

/// The branches' names, the first few of them written out.
pub fn branch_names(roster: &Roster, branches: &[usize], l: Locale) -> String {
    // Thousands of branches may share a weak question: only the names shown are made.
    let names: Vec<String> = branches
        .iter()
        .take(NAMES_SHOWN)
        .map(|&b| roster.label(b, l))
        .collect();
    names::some_of(&names, branches.len(), l)
}

/// The weakest questions across all branches (`rows` from [`common_problems`]).
pub fn common_problems_table(
    bank: &Bank,
    roster: &Roster,
    rows: &[CommonProblem],
    l: Locale,
) -> impl IntoView {
    if rows.is_empty() {
        return view! { <p>{l.pick("暂无可比较的作答。", "No answers to compare yet.")}</p> }
            .into_any();
    }
    let body = rows
        .iter()
        .map(|p| {
            view! {
                <tr data-question=p.question.clone()>
                    <th scope="row">{names::question(bank, &p.question, l)}</th>
                    <td>{names::dimension(bank, &p.dimension, l)}</td>
                    <td class="bscc-num">{percent(p.mean_credit)}</td>
                    <td class="bscc-num">{p.answered}</td>
                    <td class="bscc-num">{p.weak.len()}</td>
                    <td class="bscc-names">{branch_names(roster, &p.weak, l)}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <table class="bscc-table bscc-common">
            <thead><tr>
                <th scope="col">{l.pick("题目", "Question")}</th>
                <th scope="col">{l.pick("维度", "Dimension")}</th>
                <th scope="col" class="bscc-num">{l.pick("平均得分率", "Mean credit")}</th>
                <th scope="col" class="bscc-num">{l.pick("作答支部", "Answered")}</th>
                <th scope="col" class="bscc-num">{l.pick("薄弱支部数", "Weak branches")}</th>
                <th scope="col">{l.pick("薄弱的支部", "Which")}</th>
            </tr></thead>
            <tbody>{body}</tbody>
        </table>
    }
    .into_any()
}

/// Questions where a category is clearly weaker than the rest (`rows` from
/// [`category_problems`]).
pub fn category_problems_table(
    bank: &Bank,
    roster: &Roster,
    rows: &[CategoryProblem],
    l: Locale,
) -> impl IntoView {
    if rows.is_empty() {
        return view! { <p>{l.pick("没有某一类别明显弱于其他类别的题目。", "No question where one category is clearly weaker than the others.")}</p> }.into_any();
    }
    let body = rows
        .iter()
        .map(|p| {
            view! {
                <tr data-question=p.question.clone() data-category=p.category.clone()>
                    <th scope="row">{names::question(bank, &p.question, l)}</th>
                    <td>{names::category(bank, &p.category, l)}</td>
                    <td class="bscc-num">{format!("{} ({})", percent(p.mean_in_category), p.in_category)}</td>
                    <td class="bscc-num">{format!("{} ({})", percent(p.mean_others), p.others)}</td>
                    <td class="bscc-num">{percent(p.difference)}</td>
                    <td class="bscc-num">{p.weak.len()}</td>
                    <td class="bscc-names">{branch_names(roster, &p.weak, l)}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <table class="bscc-table bscc-specific">
            <thead><tr>
                <th scope="col">{l.pick("题目", "Question")}</th>
                <th scope="col">{l.pick("类别", "Category")}</th>
                <th scope="col" class="bscc-num">{l.pick("本类别（支部数）", "This category (n)")}</th>
                <th scope="col" class="bscc-num">{l.pick("其他类别（支部数）", "Others (n)")}</th>
                <th scope="col" class="bscc-num">{l.pick("差距", "Difference")}</th>
                <th scope="col" class="bscc-num">{l.pick("薄弱支部数", "Weak branches")}</th>
                <th scope="col">{l.pick("薄弱的支部", "Which")}</th>
            </tr></thead>
            <tbody>{body}</tbody>
        </table>
    }
    .into_any()
}
