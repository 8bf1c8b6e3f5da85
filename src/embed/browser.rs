//! Browser calls both UIs (the widget and the committee workbench) make: today's date, the
//! time since the page opened, and a file offered for download, made in the page (nothing
//! is uploaded).

use wasm_bindgen::{JsCast, JsValue};

/// Today's date as `YYYY-MM-DD`, in the reader's time zone.
pub fn today() -> String {
    let now = js_sys::Date::new_0();
    format!(
        "{:04}-{:02}-{:02}",
        now.get_full_year(),
        now.get_month() + 1,
        now.get_date()
    )
}

/// Milliseconds since the page opened.
pub fn now() -> f64 {
    web_sys::window()
        .and_then(|w| w.performance())
        .map_or(0.0, |p| p.now())
}

/// Offers `text` as a file download of type `mime`.
pub fn download(filename: &str, mime: &str, text: &str) -> Result<(), JsValue> {
    offer(filename, mime, &JsValue::from_str(text))
}

/// Offers `bytes` as a file download of type `mime`.
pub fn download_bytes(filename: &str, mime: &str, bytes: &[u8]) -> Result<(), JsValue> {
    offer(filename, mime, &js_sys::Uint8Array::from(bytes))
}

/// Offers one blob part (a string or bytes) as a file download.
fn offer(filename: &str, mime: &str, part: &JsValue) -> Result<(), JsValue> {
    let parts = js_sys::Array::of1(part);
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let blob = web_sys::Blob::new_with_blob_sequence_and_options(&parts, &options)?;
    let url = web_sys::Url::create_object_url_with_blob(&blob)?;
    let document = web_sys::window()
        .and_then(|w| w.document())
        .ok_or_else(|| JsValue::from_str("no document"))?;
    let anchor: web_sys::HtmlAnchorElement = document.create_element("a")?.dyn_into()?;
    anchor.set_href(&url);
    anchor.set_download(filename);
    // Never shown: it is clicked and removed at once.
    let _ = anchor.set_attribute("hidden", "");
    if let Some(body) = document.body() {
        body.append_child(&anchor)?;
        anchor.click();
        body.remove_child(&anchor)?;
    }
    web_sys::Url::revoke_object_url(&url)?;
    Ok(())
}
