//! The last resort: a panic replaces each widget with a readable message and a way to
//! download the answers already saved, built with plain DOM calls that need no more wasm.

use wasm_bindgen::JsValue;

use crate::embed::config::widget_elements;

/// Installs the panic hook. With `panic = "abort"` the wasm stops after the hook returns,
/// so everything the user needs must be in the DOM by then.
pub fn install_panic_hook() {
    std::panic::set_hook(Box::new(|info| {
        let message = info.to_string();
        web_sys::console::error_1(&JsValue::from_str(&message));
        for element in widget_elements() {
            show_crash(&element, &message);
        }
    }));
}

/// Everything this page saved for any widget, as one JSON object keyed by storage key, for
/// the download link: what local storage holds, updated with the states kept in memory
/// (the newest, and the only ones when storage is refused, full or turned off).
/// The second value says whether local storage holds any of them (a reload restores those).
/// Built with the browser's JSON, as the main module (where this hook lives) would otherwise
/// carry serde_json's reader for this alone.
fn saved_answers() -> (Option<String>, bool) {
    let saved = js_sys::Object::new();
    let add = |key: String, value: String| {
        // A value that is not JSON (written by hand, cut short) goes in as text.
        let value = js_sys::JSON::parse(&value).unwrap_or_else(|_| JsValue::from_str(&value));
        js_sys::Reflect::set(&saved, &JsValue::from_str(&key), &value).unwrap_or(false)
    };
    let mut in_storage = false;
    if let Some(storage) = web_sys::window().and_then(|w| w.local_storage().ok().flatten()) {
        for i in 0..storage.length().unwrap_or(0) {
            let Some(key) = storage.key(i).ok().flatten() else {
                continue;
            };
            if !key.starts_with("bsc:") {
                continue;
            }
            if let Ok(Some(value)) = storage.get_item(&key) {
                in_storage |= add(key, value);
            }
        }
    }
    let mut any = in_storage;
    for (key, value) in super::storage::snapshots() {
        any |= add(key, value);
    }
    let json = any
        .then(|| js_sys::JSON::stringify(&saved).ok()?.as_string())
        .flatten();
    (json, in_storage)
}

fn show_crash(element: &web_sys::HtmlElement, message: &str) {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let make = |tag: &str, class: &str, text: &str| {
        let node = document.create_element(tag).ok()?;
        node.set_class_name(class);
        if !text.is_empty() {
            node.set_text_content(Some(text));
        }
        Some(node)
    };
    let Some(panel) = make("div", "bsc bsc-crash", "") else {
        return;
    };
    let _ = panel.set_attribute("role", "alert");
    let (saved, in_storage) = saved_answers();
    let advice = if in_storage {
        "已保存的答案仍在本浏览器中，重新加载页面即可继续；也可以先导出答案。 \
         Answers saved so far are still in this browser: reload the page to carry on, or export them first."
    } else {
        "本浏览器未能保存答案，重新加载页面会丢失它们：请先导出答案。 \
         This browser could not keep your answers, so reloading the page loses them: export them first."
    };
    let parts = [
        make(
            "h2",
            "",
            "自查工具出错了 · The self-check stopped with an error",
        ),
        make("p", "", advice),
        make("pre", "bsc-crash-detail", message),
    ];
    for part in parts.into_iter().flatten() {
        let _ = panel.append_child(&part);
    }
    if let Some(link) = saved.and_then(|json| download_link(&document, &json)) {
        let _ = panel.append_child(&link);
    }
    if let Some(reload) = make("a", "bsc-button", "重新加载 · Reload") {
        let _ = reload.set_attribute("href", "");
        let _ = panel.append_child(&reload);
    }
    element.set_text_content(None);
    // The crash panel is styled under `.bsc-root`, whatever state the element was left in.
    let _ = element.class_list().add_1("bsc-root");
    let _ = element.class_list().remove_1("bsc-loading");
    let _ = element.append_child(&panel);
}

/// A link that downloads the saved answers, made from a Blob so no request is needed.
fn download_link(document: &web_sys::Document, json: &str) -> Option<web_sys::Element> {
    let parts = js_sys::Array::of1(&JsValue::from_str(json));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type("application/json");
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options).ok()?;
    let url = web_sys::Url::create_object_url_with_blob(&blob).ok()?;
    let link = document.create_element("a").ok()?;
    link.set_class_name("bsc-button bsc-primary");
    link.set_attribute("href", &url).ok()?;
    link.set_attribute("download", "branch-self-check-saved-answers.json")
        .ok()?;
    link.set_text_content(Some("导出我的答案 · Export my answers"));
    Some(link)
}
