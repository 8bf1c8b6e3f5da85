//! The committee workbench page (committee.html): a 机关党委 loads its branches' self-checks
//! and reads them by category. It only renders what `crate::committee` computes.

mod intake;
mod report;
mod state;
mod views;
mod web;
mod workbench;

use leptos::prelude::*;
use wasm_bindgen::prelude::*;

use crate::bank::{load_bank, DEFAULT_BANK_JSON};
use state::Page;

/// Replaces each workbench with a readable message if the wasm panics: with
/// `panic = "abort"` nothing else runs after the hook, so the message is plain DOM.
pub fn install_panic_hook() {
    std::panic::set_hook(Box::new(|info| {
        let message = info.to_string();
        web_sys::console::error_1(&JsValue::from_str(&message));
        for element in web::elements("[data-bsc-committee]") {
            web::replace_with_alert(
                &element,
                "工作台出错了，请重新加载页面。已保存的工作台文件可以直接重新打开。 \
                 The workbench stopped with an error: reload the page; a saved workbench file reopens it.",
                Some(&message),
            );
        }
    }));
}

/// Mounts a workbench into every `[data-bsc-committee]` element not yet mounted.
#[wasm_bindgen]
pub fn mount_committee() {
    for element in web::elements("[data-bsc-committee]") {
        if element.get_attribute("data-bsc-mounted").is_some() {
            continue;
        }
        let _ = element.set_attribute("data-bsc-mounted", "");
        let _ = element.class_list().add_1("bscc-root");
        // The default bank is embedded, and the native tests check that it loads.
        match load_bank(DEFAULT_BANK_JSON) {
            Ok(bank) => mount_to(element, move || views::workbench(Page::new(bank))).forget(),
            Err(errors) => web::replace_with_alert(
                &element,
                "题库未能载入，工作台无法使用。 The question bank could not be loaded.",
                Some(&format!("{errors:?}")),
            ),
        }
    }
}
