//! The widget's configuration, read from its element's `data-` attributes and JSON block.
//! The rules are in [`crate::ui_logic::config`], where native tests check them.

use wasm_bindgen::JsCast;
use web_sys::Element;

pub use crate::ui_logic::config::{BankSource, Config, HistoryMode};

/// Reads the configuration of a widget's element (see [`crate::ui_logic::config::config_from`]).
pub fn read_config(element: &Element, only_widget: bool, position: usize) -> Config {
    let inline_bank = element
        .query_selector("script[type='application/json'][data-bank]")
        .ok()
        .flatten()
        .and_then(|script| script.text_content());
    crate::ui_logic::config::config_from(
        |name| element.get_attribute(name),
        inline_bank,
        only_widget,
        position,
    )
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
