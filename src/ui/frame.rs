//! The widget's frame: the header with the title and language button, and the footer. The
//! first screens draw the same markup (`ui_logic::first_screens::page`), so the app replaces
//! them unseen.

use leptos::prelude::*;

use crate::bank::Locale;
use crate::ui_logic::words;

/// The header: the bank's title and the button to the other language.
pub fn header(title: String, language_button: impl IntoView) -> impl IntoView {
    view! {
        <header class="bsc-header">
            <h1 class="bsc-title">{title}</h1>
            {language_button}
        </header>
    }
}

/// The button that switches to `other`; `busy` while that language's texts are on their way.
pub fn language_button(
    other: Locale,
    busy: impl Fn() -> bool + Send + Sync + 'static,
    on_click: impl FnMut(leptos::ev::MouseEvent) + 'static,
) -> impl IntoView {
    view! {
        <button type="button" class="bsc-lang bsc-no-print"
            lang=other.tag()
            aria-label=words::SWITCH_TO.get(other)
            aria-busy=move || busy().then_some("true")
            on:click=on_click>
            {words::OTHER_LANGUAGE.get(other)}
        </button>
    }
}

/// The footer: the privacy promise.
pub fn footer(locale: Locale) -> impl IntoView {
    view! {
        <footer class="bsc-footer bsc-no-print">
            <p>{words::PRIVACY.get(locale)}</p>
        </footer>
    }
}
