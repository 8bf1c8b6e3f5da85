//! The widget's configuration, read from its element's `data-` attributes and JSON block.

use wasm_bindgen::JsCast;
use web_sys::Element;

use crate::bank::Locale;

/// Where the bank comes from.
#[derive(Debug, Clone, PartialEq)]
pub enum BankSource {
    Default,
    /// JSON given inline in a `<script type="application/json" data-bank>` inside the element.
    Inline(String),
    /// A same-origin URL to fetch.
    Url(String),
}

/// Whether and how the URL hash follows the screens.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HistoryMode {
    Hash,
    None,
}

/// Everything a portal can set on one widget.
#[derive(Debug, Clone, PartialEq)]
pub struct Config {
    pub locale: Locale,
    /// Category ids offered (empty: all the bank has).
    pub categories: Vec<String>,
    pub bank: BankSource,
    /// Whether answers may be kept in localStorage.
    pub storage: bool,
    /// Suffix that keeps two widgets' saved answers apart.
    pub storage_key: String,
    /// Whether the widget dispatches `bsc:*` events on its element for the host.
    pub events: bool,
    pub history: HistoryMode,
    /// `light`, `dark` or `print`-friendly themes; colours also follow CSS custom properties.
    pub theme: Option<String>,
    /// Report height to the parent window (iframe mode).
    pub frame: bool,
    /// Problems in the configuration itself, shown in the widget.
    pub problems: Vec<String>,
    /// Where the whole (bilingual) default bank is, when the widget runs on the embedded
    /// Chinese-only copy: fetched on a switch to English.
    pub english_bank_url: Option<String>,
}

/// Reads the configuration. `only_widget` says whether this is the page's one widget (only
/// then does it follow the URL hash unless told otherwise); `position` is its place among
/// the page's widgets (0-based), which keeps the saved answers of several widgets without
/// an id or `data-storage-key` apart.
pub fn read_config(element: &Element, only_widget: bool, position: usize) -> Config {
    let mut problems = Vec::new();
    let data = |name: &str| element.get_attribute(&format!("data-{name}"));

    let locale = match data("lang") {
        // Simplified Chinese unless the portal says otherwise, whatever the browser's language.
        None => Locale::Zh,
        Some(tag) => Locale::from_tag(&tag).unwrap_or_else(|| {
            problems.push(format!(
                "data-lang=\"{tag}\" is not zh-CN or en; using zh-CN"
            ));
            Locale::Zh
        }),
    };
    let categories = data("categories")
        .map(|list| {
            list.split([',', ' '])
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(String::from)
                .collect()
        })
        .unwrap_or_default();

    let inline = element
        .query_selector("script[type='application/json'][data-bank]")
        .ok()
        .flatten()
        .and_then(|script| script.text_content());
    let bank = match (inline, data("bank-url")) {
        (Some(json), None) => BankSource::Inline(json),
        (None, Some(url)) => BankSource::Url(url),
        (None, None) => BankSource::Default,
        (Some(json), Some(_)) => {
            problems.push(
                "both an inline bank and data-bank-url are given; using the inline bank".into(),
            );
            BankSource::Inline(json)
        }
    };

    let storage = !matches!(data("storage").as_deref(), Some("none" | "off" | "false"));
    let events = matches!(data("events").as_deref(), Some("on" | "true" | ""));
    let frame = element.has_attribute("data-frame");
    let history = match data("history").as_deref() {
        Some("hash") => HistoryMode::Hash,
        Some("none") => HistoryMode::None,
        _ if only_widget && !frame => HistoryMode::Hash,
        _ => HistoryMode::None,
    };
    let storage_key = data("storage-key")
        .or_else(|| Some(element.id()).filter(|id| !id.is_empty()))
        .unwrap_or_else(|| {
            if only_widget {
                String::new()
            } else {
                // Several widgets and this one unnamed: without a key of its own it would
                // share (and overwrite) the saved answers of another unnamed widget.
                format!("#{}", position + 1)
            }
        });

    Config {
        locale,
        categories,
        bank,
        storage,
        storage_key,
        events,
        history,
        theme: data("theme"),
        frame,
        problems,
        english_bank_url: None,
    }
}

/// All elements on the page that ask for a widget.
pub fn widget_elements() -> Vec<web_sys::HtmlElement> {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return Vec::new();
    };
    let Ok(list) = document.query_selector_all("[data-branch-self-check]") else {
        return Vec::new();
    };
    (0..list.length())
        .filter_map(|i| list.item(i))
        .filter_map(|node| node.dyn_into::<web_sys::HtmlElement>().ok())
        .collect()
}
