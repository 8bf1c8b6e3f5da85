//! The Leptos UI: mounts one widget per element and renders the engine's results.

mod app;
mod category;
mod charts;
mod crash;
mod io;
mod question;
mod questionnaire;
mod results;
mod start;
mod state;
mod storage;
mod text;

use std::sync::Arc;

use leptos::prelude::*;
use wasm_bindgen::prelude::*;

use crate::bank::{load_bank, Bank, Locale, DEFAULT_BANK_JSON};
use crate::embed::config::{read_config, widget_elements, BankSource};

/// Starts every widget on the page. Called once when the wasm module loads.
pub fn start() {
    crash::install_panic_hook();
    let elements = widget_elements();
    let only_widget = elements.len() == 1;
    for (position, element) in elements.into_iter().enumerate() {
        if element.get_attribute("data-bsc-mounted").is_some() {
            continue;
        }
        let _ = element.set_attribute("data-bsc-mounted", "");
        mount_widget(element, only_widget, position);
    }
}

/// Throws a panic on purpose, so tests can check that a crash still shows a readable
/// message and lets the user export their answers. Never called by the widget itself.
#[wasm_bindgen]
pub fn trigger_test_panic() {
    panic!("test panic requested by the page");
}

fn mount_widget(element: web_sys::HtmlElement, only_widget: bool, position: usize) {
    let config = Arc::new(read_config(&element, only_widget, position));
    // The widget's stylesheet applies under `.bsc-root`: add it (keeping the portal's own
    // classes on the element) before anything is shown, bank problems and loading included.
    let _ = element.class_list().add_1("bsc-root");
    if let Some(theme) = &config.theme {
        let _ = element.set_attribute("data-theme", theme);
    }
    let host = element.clone();
    match config.bank.clone() {
        BankSource::Default => mount_app(host, config, load_bank(DEFAULT_BANK_JSON)),
        BankSource::Inline(json) => mount_app(host, config, load_bank(&json)),
        BankSource::Url(url) => {
            // Show a loading state, then mount once the bank has arrived.
            let _ = element.class_list().add_1("bsc-loading");
            let _ = element.set_attribute("aria-busy", "true");
            element.set_text_content(Some(match config.locale {
                Locale::Zh => "正在载入题库…",
                Locale::En => "Loading the question bank…",
            }));
            wasm_bindgen_futures::spawn_local(async move {
                let result = io::fetch_bank(&url).await;
                element.set_text_content(None);
                let _ = element.class_list().remove_1("bsc-loading");
                let _ = element.remove_attribute("aria-busy");
                mount_app(element, config, result);
            });
        }
    }
}

fn mount_app(
    element: web_sys::HtmlElement,
    config: Arc<crate::embed::config::Config>,
    bank: Result<Bank, crate::bank::BankErrors>,
) {
    let root = element.clone();
    leptos::mount::mount_to(element, move || match bank {
        Ok(bank) => app::App(app::AppProps {
            bank: Arc::new(bank),
            config,
            root,
        })
        .into_any(),
        Err(errors) => app::BankProblems(app::BankProblemsProps {
            errors,
            locale: config.locale,
        })
        .into_any(),
    })
    .forget();
}
