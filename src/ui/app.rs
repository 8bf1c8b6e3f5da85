//! The widget's frame: header, language switch, notices, and the screen the user is on.

use std::sync::Arc;

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use super::shell::{self, FirstAction, Handoff};
use super::state::{same_structure, AppState, NoticeKind, Screen};
use super::{category, frame, io, plan, questionnaire, results, start, storage};
use crate::bank::{Bank, BankErrors, Locale};
use crate::embed::config::{Config, HistoryMode};
use crate::ui_logic::text::tr;

/// One widget: provides the state and shows the current screen.
#[component]
pub fn App(
    bank: Arc<Bank>,
    config: Arc<Config>,
    root: web_sys::HtmlElement,
    /// Where the reader got to on the first screens this app replaces, if they were shown.
    handoff: Option<Handoff>,
) -> impl IntoView {
    // mount_widget has already given the element its `bsc-root` class and theme.
    if config.frame {
        crate::embed::frame::report_height(&root);
    }
    let state = AppState::new(bank, config.clone(), root);
    provide_context(state);
    for problem in &config.problems {
        state.notify(NoticeKind::Warning, problem.clone());
    }
    storage::restore(state);
    io::open_share_link(state);
    storage::keep_saving(state);
    follow_hash(state);

    let locale = state.locale;
    let english = EnglishTexts::new(state);
    if let Some(handoff) = handoff {
        take_over(state, english, handoff);
    }
    // Texts are rendered once per language: a language switch rebuilds the widget's content
    // (the answers live in signals and are untouched), as does the arrival of the bank's
    // English texts. One closure here instead of one per text keeps the wasm small.
    view! {
        <div class="bsc" lang=move || locale.get().tag()>
            {move || {
                let l = locale.get();
                english.arrived.track();
                view! {
                    {frame::header(state.bank.with_value(|b| b.title.get(l).to_string()), view! { <LanguageSwitch english=english/> })}
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
/// folder (nothing of the user's goes with it), once, and replaces the bank in the state.
/// Until it arrives, or if it cannot, bank texts show in Chinese. A plain task rather than a
/// Leptos `Action` or `LocalResource`: for this one fetch those add 4.6 KB and 11 KB gzip to
/// the app module (measured with the size report).
#[derive(Clone, Copy)]
struct EnglishTexts {
    /// Where the whole bank is, until it is asked for (`None`: nothing to fetch, or asked).
    url: StoredValue<Option<String>>,
    /// A switch to English waits for the texts (the language button shows it).
    switching: RwSignal<bool>,
    /// The texts have arrived: the widget is drawn again with them.
    arrived: RwSignal<bool>,
}

impl EnglishTexts {
    fn new(state: AppState) -> EnglishTexts {
        let needed = state.bank.with_value(|b| b.title.en.is_none()); // not when the portal started in English
        let english = EnglishTexts {
            url: StoredValue::new(state.config().english_bank_url.clone().filter(|_| needed)),
            switching: RwSignal::new(false),
            arrived: RwSignal::new(false),
        };
        // A reader who left the widget in English comes back to it in English.
        Effect::new(move |_| {
            if state.locale.get() == Locale::En {
                english.fetch(state, false);
            }
        });
        english
    }

    /// Fetches the whole bank unless it was asked for already, then shows the widget in
    /// English if `switch`. Whether it is fetching now.
    fn fetch(self, state: AppState, switch: bool) -> bool {
        let Some(url) = self.url.try_update_value(Option::take).flatten() else {
            return false;
        };
        self.switching.set(switch);
        wasm_bindgen_futures::spawn_local(async move {
            match io::fetch_english_bank(&url).await {
                Ok(bank) if state.bank.with_value(|b| same_structure(&bank, b)) => {
                    state.bank.set_value(Arc::new(bank));
                    self.arrived.set(true);
                }
                Ok(_) => state.notify(
                    NoticeKind::Warning,
                    format!("{url} is not the same question bank as this widget's; the questions stay in Chinese."),
                ),
                Err(problem) => state.notify(NoticeKind::Warning, io::english_unavailable(&problem)),
            }
            self.switching.set(false);
            if switch {
                show_in(state, Locale::En);
            }
        });
        true
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
    frame::language_button(
        other,
        move || english.switching.get(),
        move |_| {
            if !english.switching.get_untracked() {
                switch_language(state, english, other);
            }
        },
    )
}

/// Shows the widget in `other`, once its texts are here.
fn switch_language(state: AppState, english: EnglishTexts, other: Locale) {
    if other == Locale::En && english.fetch(state, true) {
        return; // the fetch switches when it is done
    }
    show_in(state, other);
}

/// Shows the widget in `locale`.
fn show_in(state: AppState, locale: Locale) {
    state.locale.set(locale);
    // The switch rebuilds the widget (on the next tick): keep the keyboard user on the new
    // button once it is there.
    let root = state.root;
    request_animation_frame(move || shell::restore_focus(&root.get_value(), ".bsc-lang"));
}

/// Carries on from the first screens: the reader's category, answers and screen, and what
/// they asked for that only the app can do. (`mount_widget` puts the focus back.)
fn take_over(state: AppState, english: EnglishTexts, handoff: Handoff) {
    let Handoff {
        action,
        screen,
        selection,
        answers,
        hidden,
    } = handoff;
    state.handed_filter.set_value(hidden);
    if selection.is_some() {
        state.selection.set(selection);
    }
    if !answers.is_empty() {
        state.answers.set(answers);
    }
    state.screen.set(screen);
    match action {
        Some(FirstAction::English) => switch_language(state, english, Locale::En),
        Some(FirstAction::Import) => {
            let root = state.root;
            request_animation_frame(move || {
                // The file chooser the reader asked for (the browser may refuse to open it
                // this late; the import button is then right there).
                let root = root.get_value();
                if let Ok(Some(input)) = root.query_selector(".bsc-start input[type=file]") {
                    if let Ok(input) = input.dyn_into::<web_sys::HtmlElement>() {
                        input.click();
                    }
                }
            });
        }
        None => {}
    }
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
                        {locale.pick("知道了", "Dismiss")}
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
        Screen::Questions(_) | Screen::Results | Screen::Plan if !has_selection() => {
            category::CategoryScreen().into_any()
        }
        Screen::Questions(dim) => {
            questionnaire::Questionnaire(questionnaire::QuestionnaireProps { dimension: dim })
                .into_any()
        }
        Screen::Results => results::ResultsScreen().into_any(),
        Screen::Plan => plan::PlanScreen().into_any(),
    }
}

/// Keeps the URL hash and the screen in step, so back and forward move between screens.
fn follow_hash(state: AppState) {
    if state.config.with_value(|c| c.history) != HistoryMode::Hash {
        return;
    }
    let hash = || {
        web_sys::window()
            .and_then(|w| w.location().hash().ok())
            .unwrap_or_default()
    };
    // A hash that names a screen wins over the saved one (a reload, a bookmark).
    if let Some(screen) = Screen::from_hash(&hash()) {
        state.screen.set(screen);
    }
    let screen = state.screen;
    Effect::new(move |_| {
        let wanted = screen.get().hash();
        let current = hash();
        if current != wanted && !current.starts_with("#share=") {
            if let Some(window) = web_sys::window() {
                let _ = window.location().set_hash(&wanted);
            }
        }
    });
    let listener = window_event_listener(leptos::ev::hashchange, move |_| {
        let hash = hash();
        // A share link pasted into a tab that already shows the widget.
        if hash.starts_with("#share=") {
            io::open_share_link(state);
            return;
        }
        if let Some(next) = Screen::from_hash(&hash) {
            if screen.get_untracked() != next {
                screen.set(next);
            }
        }
    });
    on_cleanup(move || listener.remove());
}

/// Shown instead of the widget when the portal's bank has problems: every problem, located.
#[component]
pub fn BankProblems(errors: BankErrors, locale: Locale) -> impl IntoView {
    let count = errors.0.len();
    view! {
        <div class="bsc" lang=locale.tag()>
            <div class="bsc-bank-errors" role="alert">
                <h2>{locale.pick("题库无法使用", "The question bank cannot be used")}</h2>
                <p>{tr!(locale,
                    "门户提供的题库有 {count} 处问题，自查无法开始。请网站管理员按下列位置修改题库：",
                    "The portal's question bank has {count} problem(s), so the self-check cannot start. The site administrator should fix the bank at these places:")}</p>
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
