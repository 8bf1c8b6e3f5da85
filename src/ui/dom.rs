//! Small DOM helpers the screens share: element ids, focus after a screen change, printing.

use std::time::Duration;

use leptos::leptos_dom::helpers::{
    set_timeout_with_handle, window_event_listener_untyped, TimeoutHandle,
};
use leptos::prelude::*;
use wasm_bindgen::{JsCast, JsValue};

/// An element id (or radio group name) for this widget. The first widget on a page keeps the
/// plain `bsc-<name>` the standalone page and its tests use; any further widget gets
/// `bsc<uid>-<name>`, so two widgets on one portal page never share an id, a `label for`
/// or a radio group (a label in one widget used to check the other widget's radio).
pub fn dom_id(uid: usize, name: &str) -> String {
    if uid == 1 {
        format!("bsc-{name}")
    } else {
        format!("bsc{uid}-{name}")
    }
}

/// Brings the widget's top into view after a screen change (the host page may be long).
pub fn scroll_to_top(root: &web_sys::HtmlElement) {
    let rect = root.get_bounding_client_rect();
    if rect.top() < 0.0 {
        root.scroll_into_view();
    }
}

/// After a screen change the control the user activated is gone and focus falls back to
/// `<body>`, so the next Tab would start again at the top of the page. Moves focus to the
/// new screen's heading (`tabindex="-1"`) in that case only, never away from a control.
pub fn focus_if_lost(heading: &web_sys::HtmlElement) {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let lost = match (document.active_element(), document.body()) {
        (None, _) => true,
        (Some(active), Some(body)) => {
            let active: &JsValue = active.as_ref();
            let body: &JsValue = body.as_ref();
            active == body
        }
        (Some(_), None) => false,
    };
    if lost {
        let _ = heading.focus();
    }
}

/// The node of a screen's heading, which takes the focus when the screen change left it
/// nowhere (see [`focus_if_lost`]).
pub fn screen_heading() -> NodeRef<leptos::html::H2> {
    let heading = NodeRef::<leptos::html::H2>::new();
    Effect::new(move |_| {
        if let Some(h) = heading.get() {
            focus_if_lost(&h);
        }
    });
    heading
}

/// The window event on which the printed copy's deferred parts catch up (see [`for_paper`]),
/// sent by [`print_widget`] before it opens the dialog.
const PAPER_EVENT: &str = "bsc-paper";

/// How long after the last change the printed copy's deferred parts catch up.
const PAPER_DELAY: Duration = Duration::from_millis(400);

/// What `compute` gives, as the printed copy shows it: computed at once, then again when
/// [`on_paper`] says the paper should catch up with `changes` (which reads, tracked,
/// whatever `compute` depends on). Print-only parts as large as the plan's three lists (up to
/// 200 rows each, and their texts) would otherwise be computed and rebuilt in the frame of
/// every answer change on the results.
pub fn for_paper<T>(
    changes: impl Fn() + 'static,
    compute: impl Fn() -> T + Send + Sync + 'static,
) -> Signal<T>
where
    T: Clone + PartialEq + Send + Sync + 'static,
{
    let settled = on_paper(changes);
    Memo::new(move |_| {
        settled.track();
        untrack(&compute)
    })
    .into()
}

/// A signal that changes a moment after `changes` (which reads, tracked, whatever a
/// print-only part depends on) last changed, and at once before printing (`beforeprint`,
/// which also comes before a PDF is made, and [`print_widget`]): print-only parts track it
/// and read their inputs untracked, so an answer change on the results does not rebuild
/// them in its frame (the QR code of a long share link, the plan's lists).
pub fn on_paper(changes: impl Fn() + 'static) -> ReadSignal<u32> {
    let settled = settle(Box::new(changes), PAPER_DELAY);
    let catch_up = move |_| {
        let _ = settled.try_update(|n| *n = n.wrapping_add(1));
    };
    let before_print = window_event_listener_untyped("beforeprint", catch_up);
    let before_paper = window_event_listener_untyped(PAPER_EVENT, catch_up);
    on_cleanup(move || {
        before_print.remove();
        before_paper.remove();
    });
    settled.read_only()
}

/// How long after the last answer change the results' secondary parts catch up (see
/// [`after_the_frame`]): past the frame that shows the new score, soon enough to read as
/// part of the same change.
const SECONDARY_DELAY: Duration = Duration::from_millis(120);

/// A signal that changes shortly after `changes` (which reads, tracked, whatever a part
/// depends on) last changed: for parts of the results that need not change in the frame of
/// an answer change (the plan card's counts, the suggested groups and trainings), which
/// track it and read their inputs untracked. The frame that shows the new score then does
/// only the score's work (no answer change over 50 ms on a 2,000-question bank). A counter
/// rather than the part's value, so that no part's type is instantiated again for it.
pub fn after_the_frame(changes: impl Fn() + 'static) -> ReadSignal<u32> {
    settle(Box::new(changes), SECONDARY_DELAY).read_only()
}

/// A counter that moves `delay` after `changes` last changed; [`after_the_frame`] and
/// [`on_paper`] for every caller's `changes`.
fn settle(changes: Box<dyn Fn()>, delay: Duration) -> RwSignal<u32> {
    let settled = RwSignal::new(0u32);
    let pending = StoredValue::new(None::<TimeoutHandle>);
    Effect::new(move |first: Option<()>| {
        changes();
        if first.is_none() {
            return;
        }
        // Called from a timer, so it may come after the screen is gone.
        let catch_up = move || {
            let _ = settled.try_update(|n| *n = n.wrapping_add(1));
        };
        restart_timer(pending, Box::new(catch_up), delay);
    });
    on_cleanup(move || {
        if let Some(timer) = pending.try_get_value().flatten() {
            timer.clear();
        }
    });
    settled
}

/// Starts `pending`'s timer again: `catch_up` runs `delay` after the last call.
fn restart_timer(
    pending: StoredValue<Option<TimeoutHandle>>,
    catch_up: Box<dyn FnOnce()>,
    delay: Duration,
) {
    if let Some(timer) = pending.get_value() {
        timer.clear();
    }
    pending.set_value(set_timeout_with_handle(catch_up, delay).ok());
}

/// Prints this widget's document. The printed copy's deferred parts catch up first (their
/// views update in a microtask, so the dialog opens a task later). The other widgets on the
/// page are marked to be left out for the print (print.css hides the portal around the
/// widgets); `print()` returns when the dialog closes, so the marks are gone before the
/// reader sees the page again.
pub fn print_widget(root: &web_sys::HtmlElement) {
    let Some(window) = web_sys::window() else {
        return;
    };
    if let Ok(event) = web_sys::Event::new(PAPER_EVENT) {
        let _ = window.dispatch_event(&event);
    }
    let root = root.clone();
    set_timeout(move || print_now(&root), Duration::ZERO);
}

fn print_now(root: &web_sys::HtmlElement) {
    let Some(window) = web_sys::window() else {
        return;
    };
    let others: Vec<web_sys::Element> = window
        .document()
        .and_then(|d| d.query_selector_all(".bsc-root").ok())
        .map(|list| {
            (0..list.length())
                .filter_map(|i| list.item(i))
                .filter_map(|node| node.dyn_into::<web_sys::Element>().ok())
                .filter(|element| {
                    let element: &JsValue = element.as_ref();
                    let root: &JsValue = root.as_ref();
                    element != root
                })
                .collect()
        })
        .unwrap_or_default();
    for other in &others {
        let _ = other.set_attribute("data-bsc-print-skip", "");
    }
    let _ = window.print();
    for other in &others {
        let _ = other.remove_attribute("data-bsc-print-skip");
    }
}
