//! The Leptos UI: mounts one widget per element and renders the engine's results.

mod app;
mod category;
mod charts;
mod crash;
mod dom;
mod frame;
mod io;
mod plan;
mod question;
mod questionnaire;
mod results;
mod shell;
mod start;
mod state;
mod storage;

use std::sync::Arc;

use leptos::prelude::*;
use wasm_bindgen::prelude::*;

use crate::bank::{load_bank, Bank, Locale, DEFAULT_BANK_ZH_JSON};
use crate::embed::config::{read_config, widget_elements, BankSource, Config};
use shell::{Handoff, Place};

/// Replaces each widget with a readable message if the wasm panics (see `crash`).
pub fn install_panic_hook() {
    crash::install_panic_hook();
}

/// Mounts a widget into every `[data-branch-self-check]` element not yet mounted. embed.js
/// calls it once the wasm is ready, with the folder the widget's files are served from; a
/// portal that adds widget elements later may call it again.
#[wasm_bindgen]
pub fn mount_widgets(asset_base: String) {
    let elements = widget_elements();
    let only_widget = elements.len() == 1;
    for (position, element) in elements.into_iter().enumerate() {
        if element.get_attribute("data-bsc-mounted").is_some() {
            continue;
        }
        let _ = element.set_attribute("data-bsc-mounted", "");
        let config = prepare(&element, only_widget, position, &asset_base);
        let first_screen = shell::show(&element, &config);
        wasm_bindgen_futures::spawn_local(async move {
            if app_module(element.clone(), config, first_screen)
                .await
                .is_err()
            {
                not_loaded(&element);
            }
        });
    }
}

/// The widget's rest, in a wasm module of its own (see .ci/build-wasm.sh): Leptos, the bank
/// loader, the engine, every screen. Called at once, so it loads while the reader is on the
/// first screens (`shell`); once here, it replaces them with the app, at a pause in the
/// reader's clicks (`ui_logic::takeover`).
#[leptos::wasm_split::wasm_split(widget_app, wasm_split_path = ::leptos::wasm_split, fallible)]
fn app_module(
    element: web_sys::HtmlElement,
    config: Arc<Config>,
    first_screen: Option<shell::Shell>,
) -> Result<(), leptos::wasm_split::SplitLoaderError> {
    shell::close_at_pause(
        first_screen,
        Box::new(move |closed| {
            let (handoff, place) = closed.unzip();
            mount_widget(element, config, handoff, place);
        }),
    );
    Ok(())
}

/// Said where the widget should be when its module cannot be loaded (as embed.js does when
/// the main module cannot).
fn not_loaded(element: &web_sys::HtmlElement) {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    if let Ok(note) = document.create_element("p") {
        let _ = note.set_attribute("role", "alert");
        note.set_text_content(Some(
            "自查工具未能载入，请稍后重试或联系网站管理员。 The self-check could not be loaded.",
        ));
        element.set_text_content(None);
        let _ = element.append_child(&note);
    }
}

/// Throws a panic on purpose, so tests can check that a crash still shows a readable
/// message and lets the user export their answers. Never called by the widget itself, and
/// only in the build the browser tests use (`test-hooks`, set by `make test` through
/// `BSC_TEST_HOOKS=1`): the released wasm does not export it.
#[cfg(feature = "test-hooks")]
#[wasm_bindgen]
pub fn trigger_test_panic() {
    panic!("test panic requested by the page");
}

/// Reads the widget's configuration and gives its element the widget's class and theme.
fn prepare(
    element: &web_sys::HtmlElement,
    only_widget: bool,
    position: usize,
    asset_base: &str,
) -> Arc<Config> {
    let mut config = read_config(element, only_widget, position);
    if config.bank == BankSource::Default {
        config.english_bank_url = web_sys::Url::new_with_base("default-bank.json", asset_base)
            .ok()
            .map(|url| url.href());
    }
    // The widget's stylesheet applies under `.bsc-root`: add it (keeping the portal's own
    // classes on the element) before anything is shown, bank problems and loading included.
    let _ = element.class_list().add_1("bsc-root");
    if let Some(theme) = &config.theme {
        let _ = element.set_attribute("data-theme", theme);
    }
    Arc::new(config)
}

/// Loads the widget's bank and mounts the app, taking over from the first screens if shown.
fn mount_widget(
    element: web_sys::HtmlElement,
    config: Arc<Config>,
    handoff: Option<Handoff>,
    place: Option<Place>,
) {
    let host = element.clone();
    match config.bank.clone() {
        // A portal that starts the widget in English waits for the English texts (a Chinese
        // flash would be worse); anyone else starts at once on the embedded Chinese bank.
        BankSource::Default if config.locale == Locale::En => {
            show_loading(&element, config.locale);
            wasm_bindgen_futures::spawn_local(async move {
                let whole = match &config.english_bank_url {
                    Some(url) => io::fetch_english_bank(url).await,
                    None => Err("no folder to load them from".to_string()),
                };
                stop_loading(&element);
                let (config, bank) = match whole {
                    Ok(bank) => (config, Ok(bank)),
                    Err(problem) => {
                        // Said once, here; the app is not to try the same fetch again.
                        let mut config = Arc::unwrap_or_clone(config);
                        config.english_bank_url = None;
                        config.problems.push(io::english_unavailable(&problem));
                        (Arc::new(config), load_bank(DEFAULT_BANK_ZH_JSON))
                    }
                };
                mount_app(element, config, bank, None);
            });
        }
        BankSource::Default => {
            mount_app(
                host.clone(),
                config,
                load_bank(DEFAULT_BANK_ZH_JSON),
                handoff,
            );
            if let Some(place) = place {
                place.restore(&host);
            }
        }
        BankSource::Inline(json) => mount_app(host, config, load_bank(&json), None),
        BankSource::Url(url) => {
            // Show a loading state, then mount once the bank has arrived.
            show_loading(&element, config.locale);
            wasm_bindgen_futures::spawn_local(async move {
                let result = io::fetch_bank(&url).await;
                stop_loading(&element);
                mount_app(element, config, result, None);
            });
        }
    }
}

fn show_loading(element: &web_sys::HtmlElement, locale: Locale) {
    let _ = element.class_list().add_1("bsc-loading");
    let _ = element.set_attribute("aria-busy", "true");
    element.set_text_content(Some(
        locale.pick("正在载入题库…", "Loading the question bank…"),
    ));
}

fn stop_loading(element: &web_sys::HtmlElement) {
    element.set_text_content(None);
    let _ = element.class_list().remove_1("bsc-loading");
    let _ = element.remove_attribute("aria-busy");
}

fn mount_app(
    element: web_sys::HtmlElement,
    config: Arc<Config>,
    bank: Result<Bank, crate::bank::BankErrors>,
    handoff: Option<Handoff>,
) {
    let root = element.clone();
    leptos::mount::mount_to(element, move || match bank {
        Ok(bank) => app::App(app::AppProps {
            bank: Arc::new(bank),
            config,
            root,
            handoff,
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
