//! The browser calls the workbench needs: files read, downloads made, frames yielded.

pub use crate::embed::browser::{download, now, today};
use wasm_bindgen::prelude::wasm_bindgen;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

/// The elements matching `selector`.
pub fn elements(selector: &str) -> Vec<web_sys::HtmlElement> {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return Vec::new();
    };
    let Ok(list) = document.query_selector_all(selector) else {
        return Vec::new();
    };
    (0..list.length())
        .filter_map(|i| list.item(i))
        .filter_map(|node| node.dyn_into::<web_sys::HtmlElement>().ok())
        .collect()
}

/// Replaces an element's content with an alert (and an optional detail), by plain DOM calls.
pub fn replace_with_alert(element: &web_sys::HtmlElement, text: &str, detail: Option<&str>) {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let Ok(note) = document.create_element("div") else {
        return;
    };
    let _ = note.set_attribute("role", "alert");
    note.set_class_name("bscc-crash");
    let paragraph = document.create_element("p").ok();
    if let Some(p) = &paragraph {
        p.set_text_content(Some(text));
        let _ = note.append_child(p);
    }
    if let Some(detail) = detail {
        if let Ok(pre) = document.create_element("pre") {
            pre.set_text_content(Some(detail));
            let _ = note.append_child(&pre);
        }
    }
    element.set_text_content(None);
    let _ = element.append_child(&note);
}

/// Lets the browser paint and handle input before the next slice of work: the rest runs in
/// a task of its own, queued by a message to itself. Not by `setTimeout(0)`: browsers hold
/// back a timer set from a timer's task by at least 4 ms after a few levels, and opening a
/// 5,000-record workbench file yields a few hundred times (measured: 2.9 s by timers, 2.0 s
/// by messages).
pub async fn next_tick() {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        let channel = MessageChannel::new();
        channel.port1().set_onmessage(&resolve);
        channel.port2().post_message(&JsValue::UNDEFINED);
    });
    let _ = JsFuture::from(promise).await;
}

// The page's own bindings for a message channel, rather than web-sys' features for it: those
// made the branch widget's build larger, which uses none of them.
#[wasm_bindgen]
extern "C" {
    type MessageChannel;
    type MessagePort;

    #[wasm_bindgen(constructor)]
    fn new() -> MessageChannel;
    #[wasm_bindgen(method, getter)]
    fn port1(this: &MessageChannel) -> MessagePort;
    #[wasm_bindgen(method, getter)]
    fn port2(this: &MessageChannel) -> MessagePort;
    #[wasm_bindgen(method, setter)]
    fn set_onmessage(this: &MessagePort, handler: &js_sys::Function);
    #[wasm_bindgen(method, js_name = postMessage)]
    fn post_message(this: &MessagePort, message: &JsValue);
}

/// Waits for the browser's next animation frame: what is done after it is drawn in that
/// frame, so work split this way costs each frame one part.
pub async fn next_frame() {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        if let Some(window) = web_sys::window() {
            let _ = window.request_animation_frame(&resolve);
        }
    });
    let _ = JsFuture::from(promise).await;
}

/// The files an `<input type="file">` holds, each with the name to show: its path inside a
/// picked folder, else its name.
pub fn picked_files(input: &web_sys::HtmlInputElement) -> Vec<(String, web_sys::File)> {
    let Some(list) = input.files() else {
        return Vec::new();
    };
    (0..list.length())
        .filter_map(|i| list.get(i))
        .map(|file| {
            let relative = js_sys::Reflect::get(&file, &JsValue::from_str("webkitRelativePath"))
                .ok()
                .and_then(|v| v.as_string())
                .filter(|path| !path.is_empty());
            (relative.unwrap_or_else(|| file.name()), file)
        })
        .collect()
}

/// Files being read: the browser starts reading every one of them at once (in parallel, off
/// the page's thread) when this is made; [`Reads::texts`] waits for them. Read as bytes and
/// decoded in the wasm, not as JS strings: 5,000 files as strings were tens of megabytes of
/// UTF-16 made only to be encoded back to UTF-8, and their collection landed in a later
/// click.
pub struct Reads {
    settled: js_sys::Promise,
    count: usize,
}

/// Starts reading files, so the page can check what it read before while the browser
/// reads these.
pub fn start_reads(files: &[web_sys::File]) -> Reads {
    let promises: js_sys::Array = files
        .iter()
        .map(|file| JsValue::from(file.array_buffer()))
        .collect();
    Reads {
        settled: js_sys::Promise::all_settled(&promises),
        count: files.len(),
    }
}

impl Reads {
    /// The texts in the files' order. A file that cannot be read gives `Err` with the
    /// browser's reason; the others are read all the same.
    pub async fn texts(self) -> Vec<Result<String, String>> {
        let Ok(settled) = JsFuture::from(self.settled).await else {
            return vec![Err("the browser could not read the files".into()); self.count];
        };
        js_sys::Array::from(&settled)
            .iter()
            .map(|outcome| read_outcome(&outcome))
            .collect()
    }
}

/// One file's outcome of `Promise.allSettled`: its bytes decoded as `Blob.text()` decodes
/// (invalid UTF-8 becomes U+FFFD; a reader then says where the text is not a record), or the
/// browser's reason it could not be read.
fn read_outcome(outcome: &JsValue) -> Result<String, String> {
    let field = |name: &str| {
        js_sys::Reflect::get(outcome, &JsValue::from_str(name)).unwrap_or(JsValue::UNDEFINED)
    };
    match field("value").dyn_into::<js_sys::ArrayBuffer>() {
        Ok(bytes) => Ok(String::from_utf8(js_sys::Uint8Array::new(&bytes).to_vec())
            .unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned())),
        Err(_) => Err(field("reason")
            .dyn_ref::<js_sys::Error>()
            .map(|e| String::from(e.message()))
            .unwrap_or_else(|| "unreadable".into())),
    }
}

/// Opens the browser's print dialog.
pub fn print() {
    if let Some(window) = web_sys::window() {
        let _ = window.print();
    }
}

/// Whether the `<details>` element a `toggle` event came from is now open.
pub fn details_open(ev: &web_sys::Event) -> bool {
    ev.target()
        .and_then(|t| js_sys::Reflect::get(&t, &JsValue::from_str("open")).ok())
        .and_then(|v| v.as_bool())
        .unwrap_or(false)
}
