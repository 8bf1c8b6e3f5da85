//! Keeping answers in localStorage as they are given, restoring them, and clearing them.

use std::cell::RefCell;
use std::collections::BTreeMap;

use leptos::prelude::*;

use super::state::{AppState, NoticeKind, Screen};
use crate::assess::Answers;
use crate::embed::browser::today;
use crate::record::{
    restore_state, save_state_with_plans, BankRef, SavedPlans, SavedState, SAVED_VERSION,
};

/// The storage key: one per bank and widget, so two widgets never mix answers.
fn key(state: AppState) -> String {
    let bank_id = state.bank.with_value(|b| b.id.clone());
    state
        .config
        .with_value(|c| saved_key(&bank_id, &c.storage_key))
}

/// The storage key of the widget with this bank and `data-storage-key`.
pub fn saved_key(bank_id: &str, storage_key: &str) -> String {
    format!("bsc:v1:{bank_id}:{storage_key}")
}

/// The page's localStorage, or `None` when the browser refuses it (privacy mode, policy).
pub fn local_storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

thread_local! {
    /// Every widget's latest saved state, by storage key, kept in memory as well: when local
    /// storage is refused or full (or the portal turned it off), a crash can still offer the
    /// answers given so far for download.
    static SNAPSHOTS: RefCell<BTreeMap<String, String>> = const { RefCell::new(BTreeMap::new()) };
}

/// The states kept in memory, for the crash screen. Never panics (it runs in the panic hook):
/// if the map is busy or gone, there is nothing to add.
pub fn snapshots() -> Vec<(String, String)> {
    SNAPSHOTS
        .try_with(|map| {
            map.try_borrow()
                .map(|map| map.iter().map(|(k, v)| (k.clone(), v.clone())).collect())
                .unwrap_or_default()
        })
        .unwrap_or_default()
}

fn remember(key: String, json: String) {
    let _ = SNAPSHOTS.try_with(|map| {
        if let Ok(mut map) = map.try_borrow_mut() {
            map.insert(key, json);
        }
    });
}

fn forget(key: &str) {
    let _ = SNAPSHOTS.try_with(|map| {
        if let Ok(mut map) = map.try_borrow_mut() {
            map.remove(key);
        }
    });
}

fn storage_refused(state: AppState) {
    state.notify(
        NoticeKind::Warning,
        state.locale.get_untracked().pick(
            "浏览器不允许本地存储：答案只保存在当前页面中，关闭页面前请导出。",
            "This browser does not allow local storage: answers live only in this page. Export them before closing it.",
        ),
    );
}

/// Restores saved answers at start-up, telling the user what could not be restored.
pub fn restore(state: AppState) {
    if !state.config.with_value(|c| c.storage) {
        return;
    }
    let l = state.locale.get_untracked();
    let Some(storage) = local_storage() else {
        storage_refused(state);
        return;
    };
    let text = match storage.get_item(&key(state)) {
        // Reading throws when the browser or a policy blocks storage for this page.
        Err(_) => {
            storage_refused(state);
            return;
        }
        Ok(text) => text,
    };
    state.storing.set(true);
    let Some(text) = text else {
        return;
    };
    let restored = restore_state(&state.bank(), &text);
    for problem in &restored.problems {
        state.notify(NoticeKind::Warning, problem.message(l));
    }
    let saved = restored.state;
    state.plan.set(restored.plans.plan);
    state.previous_plan.set(restored.plans.previous_plan);
    if let Some(selection) = saved.selection {
        state.selection.set(Some(selection));
    }
    state.answers.set(saved.answers);
    if let Some(unit) = saved.unit_name {
        state.unit_name.set(unit);
    }
    // The portal's data-lang decides the first visit; the user's own switch wins after that.
    if let Some(locale) = saved.locale {
        state.locale.set(locale);
    }
    if let Some(screen) = saved.screen.as_deref().and_then(Screen::from_hash) {
        state.saved_screen.set_value(Some(screen));
    }
}

/// Saves the user's choices after every change. If saving fails (storage full or refused),
/// says so once and carries on in memory. The state is also kept in memory for the crash
/// screen, even when the portal turned storage off (it never leaves the page).
pub fn keep_saving(state: AppState) {
    Effect::new(move |_| {
        let selection = state.selection.get();
        let answers = state.answers.get();
        let unit_name = state.unit_name.get();
        let screen = state.screen.get();
        let saved = SavedState {
            format_version: SAVED_VERSION,
            bank: state.bank.with_value(|b| BankRef::of(b)),
            selection,
            answers,
            screen: Some(screen.hash()),
            unit_name: (!unit_name.trim().is_empty()).then_some(unit_name),
            locale: Some(state.locale.get()),
            updated: Some(today()),
        };
        let plans = SavedPlans {
            plan: state.plan.get(),
            previous_plan: state.previous_plan.get(),
        };
        // Nothing chosen, answered or typed (a fresh start, or just cleared): keep nothing,
        // so a cleared self-check leaves no trace in the browser.
        let empty = saved.selection.is_none()
            && saved.answers.is_empty()
            && saved.unit_name.is_none()
            && plans.plan.is_none()
            && plans.previous_plan.is_none();
        let json = save_state_with_plans(&saved, &plans);
        let key = key(state);
        remember(key.clone(), json.clone());
        if !state.config.with_value(|c| c.storage) || !state.storing.get_untracked() {
            return;
        }
        let ok = local_storage()
            .map(|s| {
                if empty {
                    s.remove_item(&key).is_ok()
                } else {
                    s.set_item(&key, &json).is_ok()
                }
            })
            .unwrap_or(false);
        if !ok {
            state.storing.set(false);
            state.notify(
                NoticeKind::Warning,
                state.locale.get_untracked().pick(
                    "无法保存到本地存储（可能已满或被禁用）：答案只保存在当前页面中，请及时导出。",
                    "Answers could not be saved in local storage (it may be full or disabled): they live only in this page, so export them.",
                ),
            );
        }
    });
}

/// Continues a saved self-check where the user left it.
pub fn resume(state: AppState) {
    let screen = state
        .saved_screen
        .get_value()
        .filter(|s| *s != Screen::Start)
        .unwrap_or_else(|| match state.selection.get_untracked() {
            Some(_) => Screen::Questions(state.first_dimension()),
            None => Screen::Category,
        });
    state.go(screen);
}

/// Removes every stored answer and resets the widget.
pub fn clear_all(state: AppState) {
    let key = key(state);
    if let Some(storage) = local_storage() {
        let _ = storage.remove_item(&key);
    }
    forget(&key);
    state.selection.set(None);
    state.answers.set(Answers::new());
    state.unit_name.set(String::new());
    state.baseline.set(None);
    state.plan.set(None);
    state.previous_plan.set(None);
    state.saved_screen.set_value(None);
    state.notify(
        NoticeKind::Info,
        state.locale.get_untracked().pick(
            "已清除本浏览器中保存的全部答案。",
            "Every answer saved in this browser has been cleared.",
        ),
    );
}
