//! The widget's frame: header, language switch, notices, and the screen the user is on.

use std::sync::Arc;

use leptos::prelude::*;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use super::shell::{self, FirstAction, Handoff};
use super::state::{same_structure, AppState, NoticeKind, Screen};
use super::text::tr;
use super::{category, frame, io, questionnaire, results, start, storage};
use crate::bank::{Bank, BankErrors, Locale};
use crate::embed::config::{Config, HistoryMode};

/// One widget: provides the state and shows the current screen.
#[component]
pub fn App(
    bank: Arc<Bank>,
    config: Arc<Config>,
    root: web_sys::HtmlElement,
    /// What the reader did on the first screen this app replaces, if one was shown.
    handoff: Option<Handoff>,
) -> impl IntoView {
    // mount_widget has already given the element its `bsc-root` class and theme.
    if config.frame {
        crate::embed::frame::report_height(&root);
    }
    let state = AppState::new(bank, config.clone(), root);
    provide_context(state.clone());
    for problem in &config.problems {
        state.notify(NoticeKind::Warning, problem.clone());
    }
    storage::restore(&state);
    io::open_share_link(&state);
    storage::keep_saving(&state);
    follow_hash(&state);

    let locale = state.locale;
    let english = EnglishTexts::new(&state);
    if let Some(handoff) = handoff {
        take_over(&state, english, handoff);
    }
    let base = state;
    // Texts are rendered once per language: a language switch rebuilds the widget's content
    // (the answers live in signals and are untouched). One closure here instead of one per
    // text keeps the wasm small.
    view! {
        <div class="bsc" lang=move || locale.get().tag()>
            {move || {
                let l = locale.get();
                let state = match english.whole_bank.get() {
                    Some(bank) => base.with_texts_of(bank),
                    None => base.clone(),
                };
                provide_context(state.clone());
                view! {
                    {frame::header(state.bank.title.get(l).to_string(), view! { <LanguageSwitch english=english/> })}
                    <Notices/>
                    <Screens/>
                    {frame::footer(l)}
                }
            }}
        </div>
    }
}

/// The English texts of the default bank. The widget runs on the embedded Chinese-only copy;
/// the first time the reader is in English, the whole bank is fetched from the widget's
/// folder (nothing of the user's goes with it). Until it arrives, or if it cannot, bank texts
/// show in Chinese.
#[derive(Clone, Copy)]
struct EnglishTexts {
    /// The whole bank, once fetched.
    whole_bank: RwSignal<Option<Arc<Bank>>>,
    /// Whether there is anything to fetch, and whether it was asked for already.
    pending: StoredValue<Option<String>>,
    /// A switch to English is waiting for the texts (the language button shows it).
    switching: RwSignal<bool>,
}

impl EnglishTexts {
    fn new(state: &AppState) -> EnglishTexts {
        let needed = state.bank.title.en.is_none(); // not when the portal started in English
        let english = EnglishTexts {
            whole_bank: RwSignal::new(None),
            pending: StoredValue::new(state.config.english_bank_url.clone().filter(|_| needed)),
            switching: RwSignal::new(false),
        };
        // A reader who left the widget in English comes back to it in English.
        let state = state.clone();
        Effect::new(move |_| {
            if state.locale.get() == Locale::En {
                let state = state.clone();
                wasm_bindgen_futures::spawn_local(async move { english.fetch(&state).await });
            }
        });
        english
    }

    /// Fetches the whole bank unless it was fetched (or tried) already.
    async fn fetch(self, state: &AppState) {
        let Some(url) = self.pending.try_update_value(Option::take).flatten() else {
            return;
        };
        match io::fetch_english_bank(&url).await {
            Ok(bank) if same_structure(&bank, &state.bank) => {
                self.whole_bank.set(Some(Arc::new(bank)));
            }
            Ok(_) => state.notify(
                NoticeKind::Warning,
                format!("{url} is not the same question bank as this widget's; the questions stay in Chinese."),
            ),
            Err(problem) => state.notify(NoticeKind::Warning, io::english_unavailable(&problem)),
        }
    }
}

/// Switches between 中文 and English; the choice is part of the saved state. English waits
/// for the bank's English texts, so the screen changes language once, not twice.
#[component]
fn LanguageSwitch(english: EnglishTexts) -> impl IntoView {
    let state = expect_context::<AppState>();
    let other = match state.locale.get_untracked() {
        Locale::Zh => Locale::En,
        Locale::En => Locale::Zh,
    };
    let switching = english.switching;
    frame::language_button(
        other,
        move || switching.get(),
        move |_| {
            if !switching.get_untracked() {
                switch_language(&state, english, other);
            }
        },
    )
}

/// Shows the widget in `other`, once its texts are here.
fn switch_language(state: &AppState, english: EnglishTexts, other: Locale) {
    let locale = state.locale;
    let root = state.root;
    let switch = move || {
        locale.set(other);
        // The switch rebuilds the widget (on the next tick): keep the keyboard user on the
        // new button once it is there.
        request_animation_frame(move || shell::restore_focus(&root.get_value(), Some(".bsc-lang")));
    };
    if other == Locale::En {
        english.switching.set(true);
        let state = state.clone();
        wasm_bindgen_futures::spawn_local(async move {
            english.fetch(&state).await;
            english.switching.set(false);
            switch();
        });
    } else {
        switch();
    }
}

/// Carries out what the reader did on the first screen before the app was here, and puts
/// the keyboard focus where it was.
fn take_over(state: &AppState, english: EnglishTexts, handoff: Handoff) {
    match handoff.action {
        Some(FirstAction::Start) => start::start_fresh(state),
        Some(FirstAction::English) => {
            switch_language(state, english, Locale::En);
        }
        Some(FirstAction::Import) | None => {}
    }
    let root = state.root;
    let action = handoff.action;
    let focused = handoff.focused;
    request_animation_frame(move || {
        let root = root.get_value();
        if action == Some(FirstAction::Import) {
            // The file chooser the reader asked for (the browser may refuse to open it this
            // late; the import button is then right there).
            if let Ok(Some(input)) = root.query_selector(".bsc-start input[type=file]") {
                if let Ok(input) = input.dyn_into::<web_sys::HtmlElement>() {
                    input.click();
                }
            }
        }
        if action != Some(FirstAction::Start) {
            shell::restore_focus(&root, focused);
        }
    });
}

/// Messages about restoring, importing and storage, each dismissible.
#[component]
fn Notices() -> impl IntoView {
    let state = expect_context::<AppState>();
    let notices = state.notices;
    let locale = state.locale.get_untracked();
    view! {
        <div class="bsc-notices bsc-no-print" role="status" aria-live="polite">
            <For each=move || notices.get() key=|n| n.id let:notice>
                <div class=match notice.kind {
                    NoticeKind::Info => "bsc-notice bsc-notice-info",
                    NoticeKind::Warning => "bsc-notice bsc-notice-warning",
                    NoticeKind::Error => "bsc-notice bsc-notice-error",
                }>
                    <p>{notice.text.clone()}</p>
                    <button type="button" class="bsc-link"
                        on:click=move |_| notices.update(|list| list.retain(|n| n.id != notice.id))>
                        {tr(locale, "知道了", "Dismiss")}
                    </button>
                </div>
            </For>
        </div>
    }
}

/// The current screen. A screen that needs a category sends the user to choose one.
#[component]
fn Screens() -> impl IntoView {
    let state = expect_context::<AppState>();
    let screen = state.screen;
    let has_selection = move || state.selection.with(Option::is_some);
    move || match screen.get() {
        Screen::Start => start::StartScreen().into_any(),
        Screen::Category => category::CategoryScreen().into_any(),
        Screen::Questions(_) | Screen::Results if !has_selection() => {
            category::CategoryScreen().into_any()
        }
        Screen::Questions(dim) => {
            questionnaire::Questionnaire(questionnaire::QuestionnaireProps { dimension: dim })
                .into_any()
        }
        Screen::Results => results::ResultsScreen().into_any(),
    }
}

/// Keeps the URL hash and the screen in step, so back and forward move between screens.
fn follow_hash(state: &AppState) {
    if state.config.history != HistoryMode::Hash {
        return;
    }
    let Some(window) = web_sys::window() else {
        return;
    };
    // A hash that names a screen wins over the saved one (a reload, a bookmark).
    if let Some(screen) = window
        .location()
        .hash()
        .ok()
        .and_then(|h| Screen::from_hash(&h))
    {
        state.screen.set(screen);
    }
    let screen = state.screen;
    Effect::new(move |_| {
        let wanted = screen.get().hash();
        let Some(window) = web_sys::window() else {
            return;
        };
        let location = window.location();
        let current = location.hash().unwrap_or_default();
        if current != wanted && !current.starts_with("#share=") {
            let _ = location.set_hash(&wanted);
        }
    });
    let share_state = state.clone();
    let on_hash = Closure::<dyn FnMut()>::new(move || {
        let Some(window) = web_sys::window() else {
            return;
        };
        let hash = window.location().hash().unwrap_or_default();
        // A share link pasted into a tab that already shows the widget.
        if hash.starts_with("#share=") {
            io::open_share_link(&share_state);
            return;
        }
        if let Some(next) = Screen::from_hash(&hash) {
            if screen.get_untracked() != next {
                screen.set(next);
            }
        }
    });
    let _ = window.add_event_listener_with_callback("hashchange", on_hash.as_ref().unchecked_ref());
    // The listener lives as long as the page.
    on_hash.forget();
}

/// Shown instead of the widget when the portal's bank has problems: every problem, located.
#[component]
pub fn BankProblems(errors: BankErrors, locale: Locale) -> impl IntoView {
    let count = errors.0.len();
    view! {
        <div class="bsc" lang=locale.tag()>
            <div class="bsc-bank-errors" role="alert">
                <h2>{tr(locale, "题库无法使用", "The question bank cannot be used")}</h2>
                <p>{match locale {
                    Locale::Zh => format!("门户提供的题库有 {count} 处问题，自查无法开始。请网站管理员按下列位置修改题库："),
                    Locale::En => format!("The portal's question bank has {count} problem(s), so the self-check cannot start. The site administrator should fix the bank at these places:"),
                }}</p>
                <ol class="bsc-error-list">
                    {errors.0.into_iter().take(200).map(|e| {
                        let place = match (e.line, e.column) {
                            (Some(l), Some(c)) => format!("line {l}, column {c}"),
                            _ => e.path.clone(),
                        };
                        view! { <li><code>{place}</code>" — "{e.message}</li> }
                    }).collect_view()}
                </ol>
            </div>
        </div>
    }
}
