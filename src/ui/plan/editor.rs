//! One item of the plan on screen, with its controls, and the field that adds an item.

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use super::today_date;
use crate::plan::{status_text, ItemKind, ListRow, Owner, Plan, PlanError, PlanItem, Status};
use crate::ui::state::AppState;
use crate::ui_logic::text::tr;

/// Applies an edit to the plan; a refused edit's message is shown under the item.
fn edit(
    state: AppState,
    error: RwSignal<Option<String>>,
    change: impl FnOnce(&mut Plan) -> Result<(), PlanError>,
) {
    let l = state.locale.get_untracked();
    let mut outcome = Ok(());
    state.plan.update(|plan| {
        if let Some(plan) = plan {
            outcome = change(plan);
        }
    });
    error.set(outcome.err().map(|e| e.message(l)));
}

/// Puts the keyboard focus on the element with this id once the list is drawn again.
fn focus_later(id: String) {
    focus_first_later([id, String::new()]);
}

/// Puts the keyboard focus on the first of these elements that can take it (not disabled)
/// once the list is drawn again: a move that takes an item to the top or the bottom
/// disables the button that was pressed, so the other one takes the focus.
fn focus_first_later(ids: [String; 2]) {
    request_animation_frame(move || {
        let Some(document) = web_sys::window().and_then(|w| w.document()) else {
            return;
        };
        let target = ids
            .iter()
            .filter_map(|id| document.get_element_by_id(id))
            .find(|e| !e.has_attribute("disabled"))
            .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok());
        if let Some(element) = target {
            let _ = element.focus();
        }
    });
}

/// The value the owner list shows for an owner.
fn owner_key(owner: &Owner) -> String {
    match owner {
        Owner::Role(role) => format!("role:{role}"),
        Owner::Named(_) => "named".into(),
        Owner::Unassigned => "unassigned".into(),
    }
}

/// What decides how an item is drawn: a change of any of these draws it again (the text
/// fields keep what is typed in the page, so typing never redraws).
pub fn item_key(row: &ListRow, item: &PlanItem, count: usize) -> String {
    // The last item's "move down" depends on how many there are.
    let last = row.number == count;
    let owner = owner_key(&item.owner);
    format!(
        "{}|{}|{last}|{:?}|{owner}|{}",
        row.id, row.number, row.status, row.meets_target
    )
}

/// One item: what the problem is and where it stands, then its measure, owner, deadline
/// and progress, and the buttons that move or drop it. Drawn from the values of the moment
/// (see [`item_key`]); only a refused edit's message is live.
pub fn item_editor(state: AppState, row: ListRow, item: PlanItem, count: usize) -> impl IntoView {
    let l = state.locale.get_untracked();
    let error = RwSignal::new(None::<String>);
    // Element ids: the item id holds only letters, digits, `_`, `-` and `:`.
    let key = row.id.replace(':', "-");
    let field = |name: &str| state.dom_id(&format!("plan-{key}-{name}"));
    let number = row.number;
    let hidden = move || view! { <span class="bsc-visually-hidden">{format!(" {number}")}</span> };
    let id = StoredValue::new(row.id.clone());
    let (owner_id, status_id) = (field("owner"), field("status"));
    let current_owner = owner_key(&item.owner);
    let roles = state.bank.with_value(|b| {
        b.roles
            .iter()
            .map(|r| {
                let value = format!("role:{}", r.id);
                let selected = value == current_owner;
                view! { <option value=value selected=selected>{r.name.get(l).to_string()}</option> }
            })
            .collect_view()
    });
    let named = match &item.owner {
        Owner::Named(name) => Some(name.clone()),
        _ => None,
    };
    let kind_class = if row.kind == ItemKind::RedLine {
        "bsc-badge bsc-badge-red"
    } else {
        "bsc-badge bsc-badge-muted"
    };
    let custom = item.kind == ItemKind::Custom;
    let statuses = [(Status::NotStarted, "not_started"), (Status::InProgress, "in_progress"), (Status::Closed, "closed")]
        .map(|(status, value)| view! { <option value=value selected=status == item.status>{status_text(status, l)}</option> });
    let refocus_owner = owner_id.clone();
    let refocus_status = status_id.clone();
    let (up_id, down_id) = (field("up"), field("down"));
    let up_focus = [up_id.clone(), down_id.clone()];
    let down_focus = [down_id.clone(), up_id.clone()];
    let heading_id = field("title");
    let labelled_by = heading_id.clone();
    view! {
        <li class="bsc-plan-item" aria-labelledby=labelled_by>
            <h3 id=heading_id>
                <span class="bsc-qnum">{number}". "</span>
                <span class=kind_class>{row.kind_text}</span>" "
                {row.problem}
            </h3>
            <p class="bsc-plan-standing">
                {row.dimension.map(|d| format!("{d} · "))}{row.standing}
                {row.carried_from.map(|d| view! {
                    " "<span class="bsc-badge bsc-badge-info">{tr!(l, "上次转入（{d}）", "carried over ({d})")}</span>
                })}
            </p>
            {row.evidence.map(|e| view! {
                <p class="bsc-plan-evidence"><span>{l.pick("佐证材料：", "Evidence: ")}</span>{e}</p>
            })}
            {row.red_line_action.map(|a| view! {
                <p class="bsc-plan-evidence"><strong>{l.pick("须立即：", "At once: ")}</strong>{a}</p>
            })}
            {custom.then(|| text_field(field("problem"), l.pick("问题（自行列入）", "Problem (added by the branch)"), 2,
                item.problem.clone().unwrap_or_default(),
                move |text| edit(state, error, move |p| p.set_problem(&id.get_value(), &text))))}
            {text_field(field("measure"), l.pick("整改措施", "Measure"), 3, row.measure,
                move |text| edit(state, error, move |p| p.set_measure(&id.get_value(), &text)))}
            <div class="bsc-plan-grid">
                <div class="bsc-field">
                    <label for=owner_id.clone()>{l.pick("责任人", "Owner")}</label>
                    <select id=owner_id on:change=move |ev| {
                        let value = event_target_value(&ev);
                        let owner = match value.split_once(':') {
                            Some(("role", role)) => Owner::Role(role.to_string()),
                            _ if value == "named" => Owner::Named(String::new()),
                            _ => Owner::Unassigned,
                        };
                        if matches!(owner, Owner::Named(_)) {
                            // A name is typed next, in the field this choice shows; until
                            // then the choice is kept as it is (an empty name).
                            state.plan.update(|p| {
                                if let Some(item) = p.as_mut().and_then(|p| p.items.iter_mut().find(|i| i.id == id.get_value())) {
                                    item.owner = Owner::Named(String::new());
                                }
                            });
                        } else {
                            edit(state, error, move |p| p.set_owner(&id.get_value(), owner));
                        }
                        focus_later(refocus_owner.clone());
                    }>
                        {roles}
                        <option value="named" selected=named.is_some()>{l.pick("其他（填写姓名或部门）", "Someone else (type a name)")}</option>
                        <option value="unassigned" selected=current_owner == "unassigned">{l.pick("待定", "Not decided")}</option>
                    </select>
                </div>
                {named.map(|name| {
                    let name_id = field("name");
                    view! {
                        <div class="bsc-field">
                            <label for=name_id.clone()>{l.pick("责任人姓名或部门", "Owner's name or office")}</label>
                            <input type="text" id=name_id maxlength="40" prop:value=name
                                on:change=move |ev| {
                                    let name = event_target_value(&ev);
                                    // An empty name keeps "someone else" chosen until one is typed.
                                    if !name.trim().is_empty() {
                                        edit(state, error, move |p| p.set_owner(&id.get_value(), Owner::Named(name)));
                                    }
                                }/>
                        </div>
                    }
                })}
                {
                    let deadline_id = field("deadline");
                    view! {
                        <div class="bsc-field">
                            <label for=deadline_id.clone()>{l.pick("完成时限", "Deadline")}</label>
                            <input type="date" id=deadline_id prop:value=item.deadline.clone()
                                on:change=move |ev| {
                                    let text = event_target_value(&ev);
                                    if text.trim().is_empty() {
                                        // A cleared field keeps the deadline: say so, and show it again.
                                        let kept = state.plan.with_untracked(|p| p.as_ref().and_then(|p| p.item(&id.get_value())).map(|i| i.deadline.clone())).unwrap_or_default();
                                        if let Some(input) = ev.target().and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok()) {
                                            input.set_value(&kept);
                                        }
                                        error.set(Some(tr!(l, "完成时限不能为空，仍为 {kept}。", "The deadline cannot be empty; it stays {kept}.")));
                                        return;
                                    }
                                    edit(state, error, move |p| p.set_deadline(&id.get_value(), &text));
                                }/>
                        </div>
                    }
                }
                <div class="bsc-field">
                    <label for=status_id.clone()>{l.pick("进度", "Progress")}</label>
                    <select id=status_id on:change=move |ev| {
                        let status = match event_target_value(&ev).as_str() {
                            "in_progress" => Status::InProgress,
                            "closed" => Status::Closed,
                            _ => Status::NotStarted,
                        };
                        edit(state, error, move |p| p.set_status(&id.get_value(), status, today_date()));
                        focus_later(refocus_status.clone());
                    }>{statuses}</select>
                </div>
            </div>
            {row.meets_target.then(|| {
                let refocus = field("status");
                view! {
                    <p class="bsc-plan-offer">
                        {l.pick("本次自查该题已达标，可以销号。", "This question now meets its target: the item may be closed.")}" "
                        <button type="button" class="bsc-button" on:click=move |_| {
                            edit(state, error, move |p| p.set_status(&id.get_value(), Status::Closed, today_date()));
                            focus_later(refocus.clone());
                        }>{l.pick("销号", "Close")}{hidden()}</button>
                    </p>
                }
            })}
            {move || error.get().map(|e| view! { <p class="bsc-plan-error" role="alert">{e}</p> })}
            <div class="bsc-actions bsc-plan-moves">
                <button type="button" class="bsc-button" id=up_id disabled={number <= 1}
                    on:click=move |_| { edit(state, error, move |p| p.move_up(&id.get_value())); focus_first_later(up_focus.clone()); }>
                    {l.pick("上移", "Move up")}{hidden()}
                </button>
                <button type="button" class="bsc-button" id=down_id disabled={number >= count}
                    on:click=move |_| { edit(state, error, move |p| p.move_down(&id.get_value())); focus_first_later(down_focus.clone()); }>
                    {l.pick("下移", "Move down")}{hidden()}
                </button>
                <button type="button" class="bsc-button bsc-danger"
                    on:click=move |_| {
                        edit(state, error, move |p| p.remove(&id.get_value()).map(|_| ()));
                        focus_later(state.dom_id("plan-new"));
                    }>
                    {l.pick("删除", "Remove")}{hidden()}
                </button>
            </div>
        </li>
    }
}

/// A labelled text area whose text is handed to `changed` when the reader leaves it.
fn text_field(
    id: String,
    label: &'static str,
    rows: u8,
    text: String,
    changed: impl Fn(String) + 'static,
) -> impl IntoView {
    view! {
        <div class="bsc-field">
            <label for=id.clone()>{label}</label>
            <textarea id=id rows=rows.to_string() maxlength="500" prop:value=text
                on:change=move |ev| changed(event_target_value(&ev))></textarea>
        </div>
    }
}

/// The field and button that add an item of the branch's own.
#[component]
pub fn AddItem(error: RwSignal<Option<String>>) -> impl IntoView {
    let state = expect_context::<AppState>();
    let l = state.locale.get_untracked();
    let text = RwSignal::new(String::new());
    let input_id = state.dom_id("plan-new");
    let add = move || {
        let typed = text.get_untracked();
        let mut outcome = Ok(String::new());
        state.plan.update(|plan| {
            if let Some(plan) = plan {
                outcome = plan.add_custom(&typed, today_date());
            }
        });
        match outcome {
            Ok(_) => {
                text.set(String::new());
                error.set(None);
            }
            Err(e) => error.set(Some(e.message(l))),
        }
    };
    view! {
        <div class="bsc-card bsc-plan-add bsc-no-print">
            <div class="bsc-field">
                <label for=input_id.clone()>{l.pick("自行列入一项问题", "Add a problem of your own")}</label>
                <input type="text" id=input_id maxlength="500"
                    prop:value=move || text.get()
                    on:input=move |ev| text.set(event_target_value(&ev))
                    on:keydown=move |ev: web_sys::KeyboardEvent| if ev.key() == "Enter" { ev.prevent_default(); add(); }/>
            </div>
            {move || error.get().map(|e| view! { <p class="bsc-plan-error" role="alert">{e}</p> })}
            <button type="button" class="bsc-button" on:click=move |_| add()>{l.pick("添加", "Add")}</button>
        </div>
    }
}
