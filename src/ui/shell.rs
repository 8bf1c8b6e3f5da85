//! The first screen, shown before the rest of the widget has loaded: the start screen of the
//! default bank, drawn from its build-time summary by the main wasm module alone. A click on
//! it is kept and carried out by the app, which replaces it as soon as its module is here.

use std::any::Any;
use std::sync::atomic::{AtomicUsize, Ordering};

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use super::dom::dom_id;
use super::start::{intro, start_button, StartFacts};
use super::{frame, io, storage};
use crate::bank::summary::DEFAULT_BANK_SUMMARY;
use crate::bank::Locale;
use crate::embed::config::{BankSource, Config, HistoryMode};

/// What the reader did on the first screen, for the app to carry out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FirstAction {
    Start,
    English,
    Import,
}

/// The elements of the first screen a keyboard user may be on, and the app has alike.
const FOCUSABLE: [&str; 3] = [
    ".bsc-lang",
    ".bsc-start .bsc-actions .bsc-button",
    ".bsc-start .bsc-secondary-actions .bsc-button",
];

/// A first screen on show.
pub struct Shell {
    mounted: Box<dyn Any>,
    /// The reader's click, kept for the app.
    action: RwSignal<Option<FirstAction>>,
    root: web_sys::HtmlElement,
}

/// What the app takes over from the first screen.
pub struct Handoff {
    pub action: Option<FirstAction>,
    /// The first screen's element that had the keyboard focus (one of `FOCUSABLE`).
    pub focused: Option<&'static str>,
}

impl Shell {
    /// Removes the first screen, giving what the app is to carry on with.
    pub fn close(self) -> Handoff {
        let handoff = Handoff {
            action: self.action.get_untracked(),
            focused: focused_in(&self.root),
        };
        drop(self.mounted);
        self.action.dispose();
        handoff
    }
}

/// Shows the first screen when it would be the app's: the default bank, in Chinese, at its
/// start screen, with nothing saved to resume or shared to open. Otherwise the widget waits
/// for the app (a returning reader, a share link, an English or a custom bank).
pub fn show(element: &web_sys::HtmlElement, config: &Config) -> Option<Shell> {
    if !is_fresh_start(config) {
        return None;
    }
    let root = element.clone();
    // Made outside the first screen's view, so it outlives it until the app has read it.
    let chosen = RwSignal::new(None::<FirstAction>);
    let mounted = leptos::mount::mount_to(element.clone(), move || {
        let summary = DEFAULT_BANK_SUMMARY;
        let l = Locale::Zh;
        // A button remembers its click, and shows that it is on its way.
        let choose = move |what: FirstAction| move |_| chosen.set(Some(what));
        let waiting = move |what: FirstAction| move || chosen.get() == Some(what);
        // Ids of its own, which no app and no other first screen on the page uses.
        static SHOWN: AtomicUsize = AtomicUsize::new(1);
        let title_id = dom_id(SHOWN.fetch_add(1, Ordering::Relaxed), "first-title");
        let labelled_by = title_id.clone();
        view! {
            // `bsc-first-screen` tells it from the app (for tests and portal scripts).
            <div class="bsc bsc-first-screen" lang=l.tag()
                aria-busy=move || chosen.with(Option::is_some).then_some("true")>
                {frame::header(summary.title.to_string(),
                    frame::language_button(Locale::En, waiting(FirstAction::English), choose(FirstAction::English)))}
                <section class="bsc-screen bsc-start" aria-labelledby=labelled_by>
                    {intro(l, title_id, StartFacts {
                        description: summary.description.map(str::to_string),
                        categories: summary.categories,
                        questions: summary.questions,
                        typical_questions: summary.typical_questions,
                    })}
                    {start_button(l, waiting(FirstAction::Start), choose(FirstAction::Start))}
                    <div class="bsc-secondary-actions">
                        <button type="button" class="bsc-button"
                            aria-busy=move || waiting(FirstAction::Import)().then_some("true")
                            on:click=choose(FirstAction::Import)>
                            {io::import_label(l)}
                        </button>
                    </div>
                </section>
                {frame::footer(l)}
            </div>
        }
    });
    Some(Shell {
        mounted: Box::new(mounted),
        action: chosen,
        root,
    })
}

/// Whether the app would open at the start screen of the default bank in Chinese, with all
/// its categories, nothing to resume, no share link and nothing to report.
fn is_fresh_start(config: &Config) -> bool {
    let plain = config.bank == BankSource::Default
        && config.locale == Locale::Zh
        && config.categories.is_empty()
        && config.problems.is_empty()
        && !config.frame;
    let hash = web_sys::window()
        .and_then(|w| w.location().hash().ok())
        .unwrap_or_default();
    let at_start = !hash.starts_with("#share=")
        && (config.history != HistoryMode::Hash || hash.is_empty() || hash == "#/start");
    plain && at_start && nothing_saved(config)
}

/// Whether no saved self-check waits for this widget. A browser that refuses storage gets
/// the app's notice about it, so it waits for the app too.
fn nothing_saved(config: &Config) -> bool {
    if !config.storage {
        return true;
    }
    let key = storage::saved_key(DEFAULT_BANK_SUMMARY.id, &config.storage_key);
    matches!(
        storage::local_storage().map(|s| s.get_item(&key)),
        Some(Ok(None))
    )
}

/// Which of the first screen's buttons has the focus, if any.
fn focused_in(root: &web_sys::HtmlElement) -> Option<&'static str> {
    let active = web_sys::window()?.document()?.active_element()?;
    if !root.contains(Some(&active)) {
        return None;
    }
    FOCUSABLE
        .into_iter()
        .find(|selector| active.matches(selector).unwrap_or(false))
}

/// Gives the keyboard focus back to the app's element that the first screen's had.
pub fn restore_focus(root: &web_sys::HtmlElement, focused: Option<&'static str>) {
    let Some(selector) = focused else {
        return;
    };
    if let Ok(Some(element)) = root.query_selector(selector) {
        if let Ok(element) = element.dyn_into::<web_sys::HtmlElement>() {
            let _ = element.focus();
        }
    }
}
