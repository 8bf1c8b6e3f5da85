//! 党建协作组 of this round's branches: settings, the groups with their lead, focus theme,
//! picture and reasons, the quality figures, moves, swaps and locks, the CSV and print.

use std::sync::Arc;

use leptos::prelude::*;

use crate::bank::{Bank, Locale};
use crate::committee::grouping_branches;
use crate::grouping::{
    assess_partition, describe, describe_error, describe_note, form_groups, groups_csv,
    pair_branches, Group, Grouping, GroupingBranch, Locks, Mark, Rule,
};
use crate::ui_logic::text::{fixed, percent, score, tr};

use super::names;
use crate::committee_page::state::{GroupMode, Groups, Page, Said};
use crate::committee_page::web::{self, today};

/// Groups drawn per page of the list: a committee of 1,000 branches has some 200 groups,
/// and a page of them costs the browser its layout on every turn of the page.
const GROUPS_PER_PAGE: usize = 5;
/// Up to this many groups, "move to" is a list of them; beyond, a group number.
const MOVE_LIST_UP_TO: usize = 20;

pub fn view(page: Page) -> impl IntoView {
    let l = page.locale;
    let branches: Memo<Arc<Vec<GroupingBranch>>> = Memo::new(move |_| {
        let bank = page.bank();
        let locale = l.get();
        page.current
            .with(|r| Arc::new(grouping_branches(&bank, &r.roster, &r.figures, locale)))
    });
    let list_page = RwSignal::new(0usize);
    let show_all = RwSignal::new(false);
    view! {
        <p class="bscc-hint">
            {move || l.get().pick(
                "按“规模适当、结构合理、优势互补”把本轮支部组成党建协作组：每个支部的主要短板尽量由同组其他支部的优势带动，强弱搭配（各组平均分接近），类别和片区可混合或同组。结果只取决于名单和设置；可以移动、交换、锁定支部，再按锁定重新优化。",
                "Form collaboration groups of this round's branches: each branch's main gaps met by another member's strengths as far as possible, strong and weak mixed (group means balanced), categories and areas mixed or kept together. The same list and settings give the same groups; move, swap and lock branches, then re-optimise around the locks.",
            )}
        </p>
        {settings_form(page, branches, list_page)}
        {move || page.groups.with(|g| match &g.result {
            None => ().into_any(),
            Some(Err(error)) => view! {
                <p class="bscc-callout" role="alert">{describe_error(error, l.get())}</p>
            }.into_any(),
            Some(Ok(grouping)) => {
                let locale = l.get();
                view! {
                    {quality(grouping, locale)}
                    {(!grouping.notes.is_empty()).then(|| view! {
                        <ul class="bscc-notes">
                            {grouping.notes.iter().map(|n| view! { <li>{describe_note(n, locale)}</li> }).collect_view()}
                        </ul>
                    })}
                }.into_any()
            }
        })}
        {move || {
            let count = page.groups.with(|g| g.result.as_ref().and_then(|r| r.as_ref().ok()).map_or(0, |g| g.groups.len()));
            (count > 0).then(|| pager(page, count, list_page, show_all))
        }}
        {move || {
            let bank = page.bank();
            let locale = l.get();
            let all = branches.get();
            let (first, end) = if show_all.get() {
                (0, usize::MAX)
            } else {
                (list_page.get() * GROUPS_PER_PAGE, (list_page.get() + 1) * GROUPS_PER_PAGE)
            };
            page.groups.with(|g| {
                let Some(Ok(grouping)) = &g.result else {
                    return Vec::new();
                };
                grouping
                    .groups
                    .iter()
                    .enumerate()
                    .skip(first)
                    .take(end.saturating_sub(first))
                    .map(|(i, group)| group_card(page, &bank, branches, &all, grouping, g, i, group, locale))
                    .collect::<Vec<_>>()
            })
        }}
    }
}

/// Sizes, rules, mode, and the buttons that form, re-optimise, export and print.
fn settings_form(
    page: Page,
    branches: Memo<Arc<Vec<GroupingBranch>>>,
    list_page: RwSignal<usize>,
) -> impl IntoView {
    let l = page.locale;
    let number = move |ev: leptos::ev::Event| event_target_value(&ev).trim().parse::<usize>().ok();
    let rule_options = move |current: Rule| {
        let locale = l.get();
        [
            (Rule::Mix, locale.pick("尽量混合", "mix")),
            (Rule::Together, locale.pick("同组（分开组建）", "keep together")),
            (Rule::Ignore, locale.pick("不考虑", "ignore")),
        ]
        .into_iter()
        .map(|(rule, text)| view! { <option value=rule_key(rule) selected=rule == current>{text}</option> })
        .collect_view()
    };
    let form = move |keep_locks: bool| {
        let bank = page.bank();
        let all = branches.get_untracked();
        page.say(Said::pair("正在组建协作组……", "Forming the groups…"));
        wasm_bindgen_futures::spawn_local(async move {
            web::next_tick().await;
            page.groups.update(|g| {
                if !keep_locks {
                    g.locks = Locks::default();
                }
                g.swap_from = None;
                g.result = Some(match g.mode {
                    GroupMode::Groups => form_groups(&all, &g.settings, &g.locks, &bank),
                    GroupMode::Pairs => pair_branches(&all, &g.settings, &bank),
                });
            });
            list_page.set(0);
            let formed = page.groups.with_untracked(|g| match &g.result {
                Some(Ok(grouping)) => {
                    let n = grouping.groups.len();
                    Said::new(move |l| tr!(l, "已组成 {n} 个协作组。", "{n} groups formed."))
                }
                _ => Said::pair(
                    "未能组建，原因见下。",
                    "The groups could not be formed; see why below.",
                ),
            });
            page.say(formed);
        });
    };
    let download = move |_| {
        let all = branches.get_untracked();
        let text = page.groups.with_untracked(|g| match &g.result {
            Some(Ok(grouping)) => Some(groups_csv(grouping, &all)),
            _ => None,
        });
        if let Some(text) = text {
            let name = format!("committee-groups-{}.csv", today());
            page.say(
                match web::download(&name, "text/csv;charset=utf-8", &text) {
                    Ok(()) => Said::pair(
                        "协作组名单已生成，请在浏览器的下载中查看。",
                        "The groups CSV is in your browser's downloads.",
                    ),
                    Err(_) => Said::pair(
                        "浏览器未能生成文件，请重试。",
                        "The browser could not make the file; try again.",
                    ),
                },
            );
        }
    };
    let formed = move || page.groups.with(|g| matches!(g.result, Some(Ok(_))));
    let pairs = move || page.groups.with(|g| g.mode == GroupMode::Pairs);
    view! {
        <div class="bscc-filters bscc-groups-settings bscc-no-print">
            <label>
                {move || l.get().pick("方式", "Mode")}
                <select on:change=move |ev| {
                    let pairs = event_target_value(&ev) == "pairs";
                    page.groups.update(|g| g.mode = if pairs { GroupMode::Pairs } else { GroupMode::Groups });
                }>
                    <option value="groups" selected=move || !pairs()>{move || l.get().pick("协作组", "Groups")}</option>
                    <option value="pairs" selected=pairs>{move || l.get().pick("一对一结对（以强带弱）", "1:1 pairs (strong with weak)")}</option>
                </select>
            </label>
            <label>
                {move || l.get().pick("每组最少", "Smallest size")}
                <input type="number" min="1" max="30" class="bscc-small-input" disabled=pairs
                    prop:value=move || page.groups.with(|g| g.settings.min_size.to_string())
                    on:change=move |ev| if let Some(n) = number(ev) { page.groups.update(|g| g.settings.min_size = n) } />
            </label>
            <label>
                {move || l.get().pick("每组最多", "Largest size")}
                <input type="number" min="1" max="30" class="bscc-small-input" disabled=pairs
                    prop:value=move || page.groups.with(|g| g.settings.max_size.to_string())
                    on:change=move |ev| if let Some(n) = number(ev) { page.groups.update(|g| g.settings.max_size = n) } />
            </label>
            <label>
                {move || l.get().pick("类别", "Categories")}
                <select on:change=move |ev| {
                    let rule = rule_of(&event_target_value(&ev));
                    page.groups.update(|g| g.settings.categories = rule);
                }>
                    {move || rule_options(page.groups.with(|g| g.settings.categories))}
                </select>
            </label>
            <label>
                {move || l.get().pick("片区（第一个标签）", "Area (first tag)")}
                <select on:change=move |ev| {
                    let rule = rule_of(&event_target_value(&ev));
                    page.groups.update(|g| g.settings.tags = rule);
                }>
                    {move || rule_options(page.groups.with(|g| g.settings.tags))}
                </select>
            </label>
        </div>
        <div class="bscc-actions bscc-no-print">
            <button type="button" class="bscc-button bscc-primary" data-action="form-groups" on:click=move |_| form(false)>
                {move || l.get().pick("组建协作组", "Form the groups")}
            </button>
            <button type="button" class="bscc-button" data-action="reoptimise" disabled=move || !formed() || pairs()
                on:click=move |_| form(true)>
                {move || l.get().pick("保留锁定，重新优化其余", "Re-optimise around the locks")}
            </button>
            <button type="button" class="bscc-button" data-action="groups-csv" disabled=move || !formed() on:click=download>
                {move || l.get().pick("下载协作组名单（CSV）", "Download the groups (CSV)")}
            </button>
        </div>
    }
}

fn rule_key(rule: Rule) -> &'static str {
    match rule {
        Rule::Mix => "mix",
        Rule::Together => "together",
        Rule::Ignore => "ignore",
    }
}

fn rule_of(key: &str) -> Rule {
    match key {
        "together" => Rule::Together,
        "ignore" => Rule::Ignore,
        _ => Rule::Mix,
    }
}

/// The quality figures of the groups as they stand.
fn quality(grouping: &Grouping, l: Locale) -> impl IntoView {
    let q = &grouping.quality;
    view! {
        <dl class="bscc-quality">
            <div>
                <dt>{l.pick("主要短板有人带动", "Main gaps met by a member's strength")}</dt>
                <dd data-figure="coverage">{format!("{} ({} / {})", percent(q.gap_coverage_share), q.main_gaps_covered, q.main_gaps)}</dd>
            </div>
            <div>
                <dt>{l.pick("各组平均分的标准差", "Spread of group means (s.d.)")}</dt>
                <dd data-figure="spread">{fixed(q.spread_of_group_means, 1)}</dd>
            </div>
            <div>
                <dt>{l.pick("各组平均分的极差", "Range of group means")}</dt>
                <dd data-figure="range">{fixed(q.range_of_group_means, 1)}</dd>
            </div>
            <div>
                <dt>{l.pick("类别混合度", "Category mix")}</dt>
                <dd data-figure="category-mix">{percent(q.category_mix)}</dd>
            </div>
            <div>
                <dt>{l.pick("片区混合度", "Area mix")}</dt>
                <dd data-figure="tag-mix">{percent(q.tag_mix)}</dd>
            </div>
        </dl>
    }
}

/// Page through the groups, or show them all (for print).
fn pager(
    page: Page,
    count: usize,
    list_page: RwSignal<usize>,
    show_all: RwSignal<bool>,
) -> impl IntoView {
    let l = page.locale;
    let pages = count.div_ceil(GROUPS_PER_PAGE);
    let print_all = move |_| {
        show_all.set(true);
        wasm_bindgen_futures::spawn_local(async {
            web::next_tick().await;
            web::print();
        });
    };
    view! {
        <div class="bscc-pager bscc-no-print">
            <button type="button" class="bscc-button" disabled=move || show_all.get() || list_page.get() == 0
                on:click=move |_| list_page.update(|p| *p = p.saturating_sub(1))>
                {move || l.get().pick("上一页", "Previous")}
            </button>
            <span>{move || if show_all.get() {
                tr!(l.get(), "全部 {count} 组", "All {count} groups")
            } else {
                tr!(l.get(), "第 {} / {pages} 页（共 {count} 组）", "Page {} of {pages} ({count} groups)", list_page.get() + 1)
            }}</span>
            <button type="button" class="bscc-button" disabled=move || { show_all.get() || list_page.get() + 1 >= pages }
                on:click=move |_| list_page.update(|p| *p = (*p + 1).min(pages - 1))>
                {move || l.get().pick("下一页", "Next")}
            </button>
            <label class="bscc-field">
                <input type="checkbox" prop:checked=move || show_all.get() on:change=move |ev| show_all.set(event_target_checked(&ev)) />
                {move || l.get().pick("全部显示", "Show all")}
            </label>
            <button type="button" class="bscc-button" data-action="print-groups" on:click=print_all>
                {move || l.get().pick("打印协作组", "Print the groups")}
            </button>
        </div>
    }
}

/// One group: heading, members × dimensions picture with the controls, and the reasons.
#[allow(clippy::too_many_arguments)]
fn group_card(
    page: Page,
    bank: &Bank,
    input: Memo<Arc<Vec<GroupingBranch>>>,
    branches: &[GroupingBranch],
    grouping: &Grouping,
    state: &Groups,
    index: usize,
    group: &Group,
    l: Locale,
) -> impl IntoView {
    let name = |b: usize| branches.get(b).map(|x| x.label.clone()).unwrap_or_default();
    let focus = group
        .focus
        .as_ref()
        .and_then(|id| bank.groups.iter().find(|g| &g.id == id))
        .map(|g| g.name.get(l).to_string())
        .unwrap_or_else(|| {
            l.pick(
                "（目录中没有适合全体成员的主题）",
                "(no catalogue theme suits every member)",
            )
            .into()
        });
    let dims = group
        .picture
        .dimensions
        .iter()
        .map(|d| view! { <th scope="col" class="bscc-num">{names::dimension_short(bank, d, l)}</th> })
        .collect_view();
    let pairs = state.mode == GroupMode::Pairs;
    let rows = group
        .picture
        .rows
        .iter()
        .map(|row| {
            let b = row.member;
            let cells = row
                .cells
                .iter()
                .zip(&group.picture.dimensions)
                .map(|(cell, d)| {
                    let standing = branches.get(b).and_then(|x| x.standing(d));
                    let value = score(standing.and_then(|s| s.score));
                    let said = match (cell.mark, cell.helped) {
                        (Mark::Strength, _) => l.pick("优势", "strength"),
                        (Mark::Meets, _) => l.pick("达标", "meets"),
                        (Mark::Gap, true) => l.pick("短板，组内有人擅长", "gap, a member is strong here"),
                        (Mark::Gap, false) => l.pick("短板，组内无人擅长", "gap, nobody here is strong"),
                        (Mark::Unknown, _) => l.pick("无分", "no score"),
                    };
                    // One element per cell, read as words (as in the heat map).
                    view! {
                        <td class="bscc-num">
                            {value}<span class="bscc-mark" role="img" aria-label=said>{cell.symbol()}</span>
                        </td>
                    }
                })
                .collect_view();
            let role = if b == group.lead { l.pick("牵头", "lead") } else { "" };
            view! {
                <tr data-branch=b.to_string()>
                    <th scope="row">{name(b)}<span class="bscc-sub">{role}</span></th>
                    <td>{branches.get(b).map(|x| names::category(bank, &x.category, l)).unwrap_or_default()}</td>
                    <td class="bscc-num">{score(branches.get(b).and_then(|x| x.overall))}</td>
                    {cells}
                    <td class="bscc-no-print">{member_controls(page, input, grouping, state, index, b, pairs, name(b), l)}</td>
                </tr>
            }
        })
        .collect_view();
    let reasons = group
        .reasons
        .iter()
        .map(|r| view! { <li>{describe(r, branches, bank, l)}</li> })
        .collect_view();
    view! {
        <section class="bscc-group" data-group=index.to_string()>
            <h3>
                {tr!(l, "第 {} 组（{} 个支部）", "Group {} ({} branches)", index + 1, group.members.len())}
                " · "
                {tr!(l, "牵头：{}", "Lead: {}", name(group.lead))}
                " · "
                {tr!(l, "主题：{focus}", "Theme: {focus}")}
            </h3>
            <p class="bscc-hint">
                {tr!(l, "组内平均分 {}；主要短板有人带动 {}。", "Group mean {}; main gaps met {}.", score(group.mean), percent(group.coverage))}
                {l.pick(" ★ 优势 ✓ 达标 ▽ 短板（组内有人带动）▼ 短板（组内无人擅长） · 无分", " ★ strength ✓ meets ▽ gap met by a member ▼ gap nobody here is strong in · no score")}
            </p>
            <table class="bscc-table bscc-picture">
                <thead><tr>
                    <th scope="col">{l.pick("支部", "Branch")}</th>
                    <th scope="col">{l.pick("类别", "Category")}</th>
                    <th scope="col" class="bscc-num">{l.pick("总分", "Overall")}</th>
                    {dims}
                    <th scope="col" class="bscc-no-print">{l.pick("调整", "Adjust")}</th>
                </tr></thead>
                <tbody>{rows}</tbody>
            </table>
            <ul class="bscc-reasons">{reasons}</ul>
            <p class="bscc-print-only bscc-sign">
                {l.pick("轮值主办单位：____________________　年度活动计划：________________________________", "Host this year: ____________________   Yearly plan: ________________________________")}
            </p>
        </section>
    }
}

/// Move to another group, swap with a member of another group, keep (lock) in this group.
#[allow(clippy::too_many_arguments)]
fn member_controls(
    page: Page,
    input: Memo<Arc<Vec<GroupingBranch>>>,
    grouping: &Grouping,
    state: &Groups,
    group: usize,
    branch: usize,
    pairs: bool,
    name: String,
    l: Locale,
) -> impl IntoView {
    let count = grouping.groups.len();
    let locked = state.locks.pins.contains_key(&branch);
    let swap_from = state.swap_from;
    // Each control says whom it is for: its name is its visible words and the branch's name
    // (so the name a screen reader gives starts with what is shown; no hidden element, as a
    // page of groups has hundreds of controls).
    let whom = |said: &str| format!("{said} {name}");
    let swap_button = match swap_from {
        None => Some(
            view! {
                <button type="button" class="bscc-button bscc-small"
                    aria-label=whom(l.pick("交换…", "Swap…"))
                    on:click=move |_| page.groups.update(|g| g.swap_from = Some(branch))>
                    {l.pick("交换…", "Swap…")}
                </button>
            }
            .into_any(),
        ),
        Some(from) if from == branch => Some(
            view! {
                <button type="button" class="bscc-button bscc-small" aria-pressed="true"
                    aria-label=whom(l.pick("取消交换", "Cancel swap"))
                    on:click=move |_| page.groups.update(|g| g.swap_from = None)>
                    {l.pick("取消交换", "Cancel swap")}
                </button>
            }
            .into_any(),
        ),
        Some(from) if grouping.group_of(from) != Some(group) => Some(
            view! {
                <button type="button" class="bscc-button bscc-small"
                    aria-label=whom(l.pick("与此交换", "Swap here"))
                    on:click=move |_| swap(page, input, from, branch)>
                    {l.pick("与此交换", "Swap here")}
                </button>
            }
            .into_any(),
        ),
        Some(_) => None,
    };
    // Choose a group, then press 移动: choosing alone moves nothing, so arrow keys over the
    // list are safe. A list of the groups for a few of them; a group number beyond
    // (hundreds of options in every row would slow each page down).
    let target = RwSignal::new(String::new());
    let move_label = tr!(l, "{name} 移到哪一组", "Group to move {name} to");
    let chooser = if count <= MOVE_LIST_UP_TO {
        let options = (0..count)
            .filter(|&g| g != group)
            .map(|g| view! { <option value=(g + 1).to_string()>{tr!(l, "第 {} 组", "Group {}", g + 1)}</option> })
            .collect_view();
        view! {
            <select aria-label=move_label prop:value=move || target.get()
                on:change=move |ev| target.set(event_target_value(&ev))>
                <option value="">{l.pick("移到…", "Move to…")}</option>
                {options}
            </select>
        }
        .into_any()
    } else {
        view! {
            <input type="number" min="1" max=count.to_string() class="bscc-small-input"
                aria-label=move_label placeholder=l.pick("组号", "group")
                prop:value=move || target.get()
                on:input=move |ev| target.set(event_target_value(&ev)) />
        }
        .into_any()
    };
    let chosen = move || {
        target
            .get()
            .trim()
            .parse::<usize>()
            .ok()
            .filter(|&to| to >= 1 && to <= count && to - 1 != group)
    };
    let mover = view! {
        {chooser}
        <button type="button" class="bscc-button bscc-small" disabled=move || chosen().is_none()
            on:click=move |_| {
                if let Some(to) = chosen() {
                    target.set(String::new());
                    move_branch(page, input, branch, to - 1);
                }
            }
            aria-label=whom(l.pick("移动", "Move"))>
            {l.pick("移动", "Move")}
        </button>
    };

    view! {
        <div class="bscc-member-controls">
            {mover}
            {swap_button}
            {(!pairs).then(|| view! {
                <label class="bscc-field bscc-lock">
                    <input type="checkbox" prop:checked=locked aria-label=whom(l.pick("锁定", "Lock"))
                        on:change=move |ev| lock(page, branch, event_target_checked(&ev)) />
                    {l.pick("锁定", "Lock")}
                </label>
            })}
        </div>
    }
}

/// The groups as member lists, and the lock key each group's locked members share.
fn partition(grouping: &Grouping) -> Vec<Vec<usize>> {
    grouping.groups.iter().map(|g| g.members.clone()).collect()
}

/// The key a group's locked members share: theirs if any is locked, else a new one.
fn key_of(locks: &Locks, members: &[usize]) -> u32 {
    members
        .iter()
        .find_map(|m| locks.pins.get(m).copied())
        .unwrap_or_else(|| locks.pins.values().max().map_or(0, |k| k + 1))
}

/// Re-scores the groups after a hand edit (no re-optimisation: the committee's edit stands).
fn reassess(
    page: Page,
    input: Memo<Arc<Vec<GroupingBranch>>>,
    groups: &mut Groups,
    parts: Vec<Vec<usize>>,
) {
    let bank = page.bank();
    let branches = input.get_untracked();
    groups.swap_from = None;
    groups.result = Some(assess_partition(&branches, &groups.settings, &parts, &bank));
}

/// Moves a branch to another group and keeps it there (a lock).
fn move_branch(page: Page, input: Memo<Arc<Vec<GroupingBranch>>>, branch: usize, to: usize) {
    page.groups.update(|g| {
        let Some(Ok(grouping)) = &g.result else {
            return;
        };
        let mut parts = partition(grouping);
        let Some(target) = parts.get(to).cloned() else {
            return;
        };
        let key = key_of(&g.locks, &target);
        for part in &mut parts {
            part.retain(|&m| m != branch);
        }
        parts[to].push(branch);
        if g.mode == GroupMode::Groups {
            g.locks.pins.insert(branch, key);
        }
        reassess(page, input, g, parts);
    });
}

/// Swaps two branches of different groups, and keeps each in its new group.
fn swap(page: Page, input: Memo<Arc<Vec<GroupingBranch>>>, a: usize, b: usize) {
    page.groups.update(|g| {
        let Some(Ok(grouping)) = &g.result else {
            return;
        };
        let (Some(ga), Some(gb)) = (grouping.group_of(a), grouping.group_of(b)) else {
            return;
        };
        let mut parts = partition(grouping);
        let (key_a, key_b) = (key_of(&g.locks, &parts[gb]), key_of(&g.locks, &parts[ga]));
        for part in [ga, gb] {
            for m in &mut parts[part] {
                if *m == a {
                    *m = b;
                } else if *m == b {
                    *m = a;
                }
            }
        }
        if g.mode == GroupMode::Groups {
            g.locks.pins.insert(a, key_a);
            // A fresh key for b's new group must differ from the one just given to a.
            let key_b = if key_b == key_a { key_a + 1 } else { key_b };
            g.locks.pins.insert(b, key_b);
        }
        reassess(page, input, g, parts);
    });
}

/// Locks a branch in its group (or frees it) for the next re-optimisation.
fn lock(page: Page, branch: usize, keep: bool) {
    page.groups.update(|g| {
        if !keep {
            g.locks.pins.remove(&branch);
            return;
        }
        let Some(Ok(grouping)) = &g.result else {
            return;
        };
        if let Some(group) = grouping.group_of(branch) {
            let key = key_of(&g.locks, &grouping.groups[group].members);
            g.locks.pins.insert(branch, key);
        }
    });
}
