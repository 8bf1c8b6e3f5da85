//! Events the widget dispatches on its element, only when the portal asked for them.

use serde::Serialize;
use web_sys::{CustomEvent, CustomEventInit, HtmlElement};

/// What happened, named as the host listens for it (`bsc:started`, ...).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HostEvent {
    Started,
    CategoryChosen,
    Completed,
    Printed,
}

impl HostEvent {
    pub fn name(self) -> &'static str {
        match self {
            HostEvent::Started => "bsc:started",
            HostEvent::CategoryChosen => "bsc:category",
            HostEvent::Completed => "bsc:completed",
            HostEvent::Printed => "bsc:printed",
        }
    }
}

/// Dispatches `event` on `element` with `detail` as a plain JS object. Nothing leaves the
/// page: the host's own listeners receive it, or nobody does.
pub fn dispatch(element: &HtmlElement, event: HostEvent, detail: &impl Serialize) {
    let detail = serde_json::to_string(detail)
        .ok()
        .and_then(|json| js_sys::JSON::parse(&json).ok())
        .unwrap_or(wasm_bindgen::JsValue::NULL);
    let init = CustomEventInit::new();
    init.set_detail(&detail);
    init.set_bubbles(true);
    if let Ok(event) = CustomEvent::new_with_event_init_dict(event.name(), &init) {
        let _ = element.dispatch_event(&event);
    }
}
