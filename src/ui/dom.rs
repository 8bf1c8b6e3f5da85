//! Small DOM helpers the screens share: element ids, focus after a screen change, the date.

use leptos::prelude::*;
use wasm_bindgen::JsValue;

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
