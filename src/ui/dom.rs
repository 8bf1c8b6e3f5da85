//! Small DOM helpers the screens share: element ids, focus after a screen change, the date.

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

/// Prints this widget's document. The other widgets on the page are marked to be left out
/// for the print (print.css hides the portal around the widgets); `print()` returns when the
/// dialog closes, so the marks are gone before the reader sees the page again.
pub fn print_widget(root: &web_sys::HtmlElement) {
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
