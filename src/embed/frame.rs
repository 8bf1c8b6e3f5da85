//! iframe mode: tells the parent window how tall the widget is, so the frame fits it.

use leptos::prelude::{on_cleanup, StoredValue, WithValue};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::HtmlElement;

/// Watches the widget's size and posts `{type: "bsc:height", height}` to the parent, until
/// the widget is unmounted. The message carries only a number, never an answer.
pub fn report_height(root: &HtmlElement) {
    let Some(window) = web_sys::window() else {
        return;
    };
    let Ok(Some(parent)) = window.parent() else {
        return;
    };
    if parent == window {
        return; // not in a frame
    }
    let target = root.clone();
    let post = move || {
        let height = target.get_bounding_client_rect().height().ceil();
        let message = js_sys::Object::new();
        let _ = js_sys::Reflect::set(&message, &"type".into(), &"bsc:height".into());
        let _ = js_sys::Reflect::set(&message, &"height".into(), &height.into());
        let _ = parent.post_message(&message, "*");
    };
    post();
    let callback = Closure::<dyn FnMut()>::new(post);
    let Ok(observer) = web_sys::ResizeObserver::new(callback.as_ref().unchecked_ref()) else {
        return;
    };
    observer.observe(root);
    // Kept by the widget's owner: on unmount the observer stops and the callback is freed.
    let watching = StoredValue::new_local((observer, callback));
    on_cleanup(move || {
        watching.try_with_value(|(observer, _)| observer.disconnect());
    });
}
