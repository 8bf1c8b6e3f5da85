//! The branch list: every branch with its category, records and result, where the committee
//! labels anonymous branches and tags any branch (a 片区, a department).

use leptos::prelude::*;

use crate::bank::Locale;
use crate::ui_logic::text::{score, split_tags};

use super::names;
use super::virtual_rows;
use crate::committee_page::state::Page;

pub fn view(page: Page) -> impl IntoView {
    let l = page.locale;
    let count = Signal::derive(move || page.branch_count());
    let header = move || {
        let locale = l.get();
        view! { <tr aria-rowindex="1">
            <th scope="col">{locale.pick("名称", "Name")}</th>
            <th scope="col">{locale.pick("标签", "Tags")}</th>
            <th scope="col">{locale.pick("类别", "Category")}</th>
            <th scope="col" class="bscc-num">{locale.pick("记录数", "Records")}</th>
            <th scope="col">{locale.pick("日期", "Date")}</th>
            <th scope="col" class="bscc-num">{locale.pick("总分", "Overall")}</th>
            <th scope="col">{locale.pick("等级", "Band")}</th>
        </tr> }
    };
    let draw = move |first: usize, end: usize| {
        let locale = l.get();
        (first..end).map(|b| row(page, b, locale)).collect_view()
    };
    let label = Signal::derive(move || l.get().pick("支部名单", "Branch list").to_string());
    view! {
        <p class="bscc-hint">
            {move || l.get().pick(
                "未署名的支部可在“名称”中填写便于识别的名称；“标签”可填片区或部门，多个用逗号或顿号分开，热力图可按标签筛选。名称和标签随工作台文件保存。",
                "Give unnamed branches a name you recognise; tags (a district, a department) are separated by commas, and the heat map filters by them. Names and tags are kept in the workbench file.",
            )}
        </p>
        {virtual_rows::table(l, label, count, header, draw)}
    }
}

fn row(page: Page, b: usize, l: Locale) -> impl IntoView {
    let bank = page.bank();
    let (label, placeholder, tags, records, figures) = page.current.with_untracked(|r| {
        let branch = &r.roster.branches[b];
        // What the branch is called without a label: its unit name, or "未署名 n".
        let placeholder = match (&branch.unit, &branch.label) {
            (Some(unit), _) => unit.clone(),
            (None, None) => r.roster.label(b, l),
            (None, Some(_)) => String::new(),
        };
        (
            branch.label.clone().unwrap_or_default(),
            placeholder,
            branch.tags.join(l.pick("、", ", ")),
            branch.members.len(),
            r.figures.branches.get(b).cloned(),
        )
    });
    let commit_label = move |ev: leptos::ev::Event| {
        let value = event_target_value(&ev);
        page.current.update(|r| r.set_label(b, &value));
    };
    let commit_tags = move |ev: leptos::ev::Event| {
        let value = event_target_value(&ev);
        page.current
            .update(|r| r.roster.set_tags(b, &split_tags(&value)));
    };
    let (category, date, overall, band) = match &figures {
        Some(f) => (
            names::category(&bank, &f.selection.category, l),
            f.date.clone(),
            score(f.overall),
            names::band(&bank, f.band.as_deref(), l),
        ),
        None => Default::default(),
    };
    let name_label = format!("{} {}", l.pick("名称", "Name"), b + 1);
    let tags_label = format!("{} {}", l.pick("标签", "Tags"), b + 1);
    view! {
        <tr aria-rowindex=b + 2>
            <td><input type="text" class="bscc-cell-input" value=label placeholder=placeholder aria-label=name_label on:change=commit_label /></td>
            <td><input type="text" class="bscc-cell-input" value=tags aria-label=tags_label on:change=commit_tags /></td>
            <td>{category}</td>
            <td class="bscc-num">{records}</td>
            <td>{date}</td>
            <td class="bscc-num">{overall}</td>
            <td>{band}</td>
        </tr>
    }
}
