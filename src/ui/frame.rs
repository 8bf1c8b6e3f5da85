//! The widget's frame: the header with the title and language button, and the footer. The
//! first screen (`shell`) and the app draw it alike, so the one replaces the other unseen.

use leptos::prelude::*;

use crate::bank::Locale;

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
            aria-label=other.pick("切换为中文", "Switch to English")
            aria-busy=move || busy().then_some("true")
            on:click=on_click>
            {other.pick("中文", "English")}
        </button>
    }
}

/// The footer: the privacy promise.
pub fn footer(locale: Locale) -> impl IntoView {
    view! {
        <footer class="bsc-footer bsc-no-print">
            <p>{locale.pick(
                "本自查完全在您的浏览器中运行，答案不会发送到任何服务器。",
                "This self-check runs entirely in your browser; no answer is sent to any server.")}</p>
        </footer>
    }
}
