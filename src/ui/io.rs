//! What leaves or enters the widget by the user's hand: export and import files, the
//! share link and its QR code, and a portal's bank fetched from its own origin.

use std::fmt::Write as _;

use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

use super::dom::on_paper;
use super::state::{AppState, NoticeKind, Screen};
use crate::assess::{Answers, Selection};
use crate::bank::{load_bank, Bank, BankError, BankErrors};
use crate::embed::browser::{download, today};
use crate::record::{
    decode_share, encode_share, export_record_with_plan, import_record, read_baseline,
};
use crate::ui_logic::text::tr;

/// Fetches a portal's bank. Only same-origin URLs are fetched: the widget makes no
/// request to any other site.
pub async fn fetch_bank(url: &str) -> Result<Bank, BankErrors> {
    let fail = |message: String| BankErrors::one(BankError::new("data-bank-url", message));
    let window = web_sys::window().ok_or_else(|| fail("no window".into()))?;
    let base = window
        .document()
        .and_then(|d| d.base_uri().ok().flatten())
        .unwrap_or_default();
    let resolved = web_sys::Url::new_with_base(url, &base)
        .map_err(|_| fail(format!("`{url}` is not a valid URL")))?;
    let origin = window.location().origin().unwrap_or_default();
    if resolved.origin() != origin {
        return Err(fail(format!(
            "`{url}` is on another site ({}); the bank must come from this page's own origin ({origin})",
            resolved.origin()
        )));
    }
    let text = fetch_text(&resolved.href()).await.map_err(fail)?;
    load_bank(&text)
}

/// Fetches the whole default bank (with its English texts) from the widget's own folder.
pub async fn fetch_english_bank(url: &str) -> Result<Bank, String> {
    let text = fetch_text(url).await?;
    load_bank(&text).map_err(|errors| format!("`{url}`: {errors}"))
}

/// What the reader is told when the bank's English texts cannot be had.
pub fn english_unavailable(problem: &str) -> String {
    format!("The English texts of the questions could not be loaded, so they show in Chinese ({problem}).")
}

/// GETs a text file; nothing is sent with the request.
async fn fetch_text(url: &str) -> Result<String, String> {
    let response = gloo_net::http::Request::get(url)
        .send()
        .await
        .map_err(|e| format!("could not load `{url}`: {e}"))?;
    if !response.ok() {
        return Err(format!(
            "loading `{url}` failed with HTTP status {}",
            response.status()
        ));
    }
    response
        .text()
        .await
        .map_err(|e| format!("could not read `{url}`: {e}"))
}

/// Exports are a few kilobytes; anything over this is refused before it is read.
const MAX_FILE_BYTES: f64 = 4.0 * 1024.0 * 1024.0;

/// The file the user picked, read as text.
enum PickedFile {
    Text(String),
    TooLarge,
}

async fn read_file(input: &web_sys::HtmlInputElement) -> Option<PickedFile> {
    let file = input.files()?.get(0)?;
    if file.size() > MAX_FILE_BYTES {
        return Some(PickedFile::TooLarge);
    }
    let text = JsFuture::from(file.text()).await.ok()?;
    text.as_string().map(PickedFile::Text)
}

#[component]
pub fn ExportButton() -> impl IntoView {
    let state = expect_context::<AppState>();
    let locale = state.locale.get_untracked();
    let export = move |_| {
        let Some(selection) = state.selection.get_untracked() else {
            return;
        };
        let unit = state.unit_name.get_untracked();
        let unit = (!unit.trim().is_empty()).then_some(unit);
        let date = today();
        let plan = state.plan.get_untracked();
        let json = state.answers.with_untracked(|answers| {
            export_record_with_plan(
                &state.bank(),
                &selection,
                answers,
                unit.as_deref(),
                &date,
                plan.as_ref(),
            )
        });
        let name = format!("branch-self-check-{}-{date}.json", selection.category);
        if download(&name, "application/json", &json).is_err() {
            state.notify(
                NoticeKind::Error,
                locale.pick(
                    "浏览器无法生成下载文件。",
                    "The browser could not create the download.",
                ),
            );
        }
    };
    view! {
        <button type="button" class="bsc-button" disabled=move || state.selection.with(Option::is_none) on:click=export>
            {locale.pick("导出自查文件", "Export the self-check")}
        </button>
    }
}

/// What an uploaded file is for.
#[derive(Clone, Copy, PartialEq)]
enum FilePurpose {
    /// Replace the current answers with the file's (after validation).
    Restore,
    /// Keep the file's results beside the current ones.
    Compare,
}

#[component]
fn FileButton(purpose: FilePurpose) -> impl IntoView {
    let state = expect_context::<AppState>();
    let locale = state.locale.get_untracked();
    let input_ref = NodeRef::<leptos::html::Input>::new();
    let on_change = move |_| {
        let Some(input) = input_ref.get() else {
            return;
        };
        wasm_bindgen_futures::spawn_local(async move {
            let text = read_file(&input).await;
            input.set_value("");
            match text {
                Some(PickedFile::Text(text)) => apply_file(state, purpose, &text),
                Some(PickedFile::TooLarge) => state.notify(
                    NoticeKind::Error,
                    state.locale.get_untracked().pick(
                        "文件太大，不是本工具导出的自查文件。",
                        "The file is too large to be a self-check export.",
                    ),
                ),
                None => {}
            }
        });
    };
    let label = move || match purpose {
        FilePurpose::Restore => crate::ui_logic::words::IMPORT.get(locale),
        FilePurpose::Compare => locale.pick("与上次自查对比", "Compare with an earlier export"),
    };
    view! {
        <input type="file" accept=".json,application/json" class="bsc-visually-hidden" tabindex="-1"
            aria-hidden="true" node_ref=input_ref on:change=on_change/>
        <button type="button" class="bsc-button"
            on:click=move |_| { if let Some(input) = input_ref.get() { input.click(); } }>
            {label}
        </button>
    }
}

#[component]
pub fn ImportButton() -> impl IntoView {
    view! { <FileButton purpose=FilePurpose::Restore/> }
}

#[component]
pub fn CompareButton() -> impl IntoView {
    view! { <FileButton purpose=FilePurpose::Compare/> }
}

/// Applies a picked file. On any problem the current answers stay exactly as they were.
fn apply_file(state: AppState, purpose: FilePurpose, text: &str) {
    let l = state.locale.get_untracked();
    match purpose {
        FilePurpose::Restore => match import_record(&state.bank(), text) {
            Ok(record) => {
                state.selection.set(Some(record.selection.clone()));
                state.answers.set(record.answers.clone());
                if let Some(unit) = record.unit_name.clone() {
                    state.unit_name.set(unit);
                }
                // The file's plan comes with its answers (a file without one leaves none).
                state.plan.set(record.plan.clone());
                let (created, count) = (&record.created, record.answers.len());
                state.notify(
                    NoticeKind::Info,
                    tr!(
                        l,
                        "已导入 {created} 的自查，共 {count} 个答案。",
                        "Imported the self-check of {created} with {count} answers."
                    ),
                );
                state.go(Screen::Results);
            }
            Err(e) => state.notify(NoticeKind::Error, e.message(l)),
        },
        FilePurpose::Compare => match read_baseline(&state.bank(), text) {
            Ok(record) => {
                let created = &record.created;
                state.notify(
                    NoticeKind::Info,
                    tr!(
                        l,
                        "已载入 {created} 的自查用于对比。",
                        "Loaded the self-check of {created} for comparison."
                    ),
                );
                // An earlier self-check's plan is the one this check follows up, unless
                // this check has made its own plan already.
                if let Some(plan) = record.plan.clone() {
                    if state.plan.with_untracked(Option::is_none) {
                        let count = plan.items.len();
                        state.previous_plan.set(Some(plan));
                        state.notify(
                            NoticeKind::Info,
                            tr!(
                                l,
                                "该文件的整改台账（{count} 项）将转入本次整改清单：已达标的事项可以销号。",
                                "That file's plan ({count} items) carries into this one: items now meeting their target may be closed."
                            ),
                        );
                    }
                }
                state.baseline.set(Some(record));
            }
            Err(e) => state.notify(NoticeKind::Error, e.message(l)),
        },
    }
}

/// The link that reopens this self-check: page address + `#share=` + the answers.
pub fn share_url(bank: &Bank, selection: &Selection, answers: &Answers) -> Option<String> {
    let payload = encode_share(bank, selection, answers);
    let location = web_sys::window()?.location();
    let href = location.href().ok()?;
    let base = href.split('#').next().unwrap_or_default().to_string();
    Some(format!("{base}#share={payload}"))
}

/// Loads answers from a `#share=` link, if the page was opened with one.
pub fn open_share_link(state: AppState) {
    let Some(window) = web_sys::window() else {
        return;
    };
    let location = window.location();
    let hash = location.hash().unwrap_or_default();
    let Some(payload) = hash.strip_prefix("#share=") else {
        return;
    };
    let l = state.locale.get_untracked();
    match decode_share(&state.bank(), payload) {
        Ok((selection, answers)) => {
            state.selection.set(Some(selection));
            state.answers.set(answers);
            state.notify(
                NoticeKind::Info,
                l.pick(
                    "已从分享链接打开自查结果（答案保存在本浏览器中）。",
                    "Opened the self-check from a share link (answers are kept in this browser).",
                ),
            );
            state.screen.set(Screen::Results);
        }
        // Nothing from a damaged link is used; answers saved earlier in this browser are
        // kept (the start screen offers to resume them), so no answer is lost.
        Err(e) => {
            state.notify(NoticeKind::Error, e.message(l));
            state.screen.set(Screen::Start);
        }
    }
    // The answers are now in the widget; take them out of the address bar.
    let _ = location.set_hash(&state.screen.get_untracked().hash());
}

#[component]
pub fn ShareLink() -> impl IntoView {
    let state = expect_context::<AppState>();
    let locale = state.locale.get_untracked();
    let url = state.share_url;
    let copied = RwSignal::new(false);
    let field_id = state.dom_id("share");
    view! {
        <div class="bsc-field bsc-share">
            <label for=field_id.clone()>{locale.pick("分享链接（答案只在链接的 # 之后，不会发送到服务器）", "Share link (answers travel only after the #, never to a server)")}</label>
            <div class="bsc-share-row">
                <input type="text" id=field_id readonly prop:value=move || url.get().unwrap_or_default()
                    on:focus=move |ev| { if let Some(t) = ev.target().and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok()) { t.select(); } }/>
                <button type="button" class="bsc-button" on:click=move |_| {
                    if let (Some(w), Some(u)) = (web_sys::window(), url.get_untracked()) {
                        let _ = w.navigator().clipboard().write_text(&u);
                        copied.set(true);
                    }
                }>{move || if copied.get() { locale.pick("已复制", "Copied") } else { locale.pick("复制链接", "Copy link") }}</button>
            </div>
        </div>
    }
}

/// The QR code of the share link, printed on the summary so paper can be reopened. Only
/// paper shows it, so it catches up with the link off the frame of an answer change (see
/// [`on_paper`]): a 2,000-answer link makes a QR code of thousands of modules.
#[component]
pub fn ShareQr() -> impl IntoView {
    let state = expect_context::<AppState>();
    let locale = state.locale.get_untracked();
    let share_url = state.share_url;
    let paper = on_paper(move || share_url.track());
    move || {
        paper.track();
        let url = share_url.get_untracked()?;
        // One fixed mask pattern instead of trying all eight for the best-scoring one: any
        // mask scans, and the search was most of the cost of an answer change on results.
        let qr = qrcodegen::QrCode::encode_segments_advanced(
            &qrcodegen::QrSegment::make_segments(&url),
            qrcodegen::QrCodeEcc::Low,
            qrcodegen::Version::MIN,
            qrcodegen::Version::MAX,
            Some(qrcodegen::Mask::new(0)),
            true,
        )
        .ok()?;
        let size = qr.size();
        let mut path = String::new();
        for y in 0..size {
            for x in 0..size {
                if qr.get_module(x, y) {
                    let _ = write!(path, "M{x} {y}h1v1h-1z");
                }
            }
        }
        let view_box = format!("-2 -2 {} {}", size + 4, size + 4);
        Some(view! {
            <figure class="bsc-qr">
                <svg viewBox=view_box role="img" aria-label=locale.pick("重新打开本次自查的二维码", "QR code that reopens this self-check")>
                    <rect x="-2" y="-2" width=size + 4 height=size + 4 fill="#fff"/>
                    <path d=path fill="#000"/>
                </svg>
                <figcaption>{locale.pick("扫码重新打开本次自查", "Scan to reopen this self-check")}</figcaption>
            </figure>
        })
    }
}
