//! The first screens, shown before the rest of the widget has loaded: the start screen, the
//! category screen and the questionnaire's first dimension of the default bank, drawn by the
//! main wasm module alone from the bank's build-time part (`bank::first_steps`), as plain
//! markup (`ui_logic::first_screens`) with one listener, without Leptos: that keeps Leptos
//! and the views out of the main module, so the first screens come early on a slow link. The
//! app replaces them as soon as its module is here, carrying on with the reader's category,
//! answers, screen and keyboard focus; what only the app can do (English, import, a later
//! screen) is kept for it.

use std::cell::RefCell;
use std::rc::Rc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use super::dom::{dom_id, focus_if_lost, scroll_to_top};
use super::storage;
use crate::assess::{asked_positions_of, dimension_progress, Answer, Answers, Selection};
use crate::bank::summary::DEFAULT_BANK_SUMMARY;
use crate::bank::{first_steps, Bank, Locale};
use crate::embed::browser::{now, today};
use crate::embed::config::{BankSource, Config, HistoryMode};
use crate::embed::events::{dispatch, HostEvent};
use crate::record::{save_state, BankRef, SavedState, SAVED_VERSION};
use crate::ui_logic::first_screens::{self as markup, StartFacts};
use crate::ui_logic::screen::Screen;
use crate::ui_logic::takeover::wait_before_takeover;
use crate::ui_logic::words;

/// What the reader asked of the first screens that only the app can do.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FirstAction {
    English,
    Import,
}

/// What the app takes over from the first screens.
pub struct Handoff {
    pub action: Option<FirstAction>,
    pub screen: Screen,
    pub selection: Option<Selection>,
    pub answers: Answers,
    /// "Only unanswered" on the first dimension: the questions it hides.
    pub hidden: Option<Vec<String>>,
}

/// First screens on show.
pub struct Shell {
    screens: Rc<Screens>,
    /// The listeners on the widget's element, removed when the app takes over.
    listeners: Vec<(&'static str, Listener)>,
}

type Listener = Closure<dyn FnMut(web_sys::Event)>;

/// The first screens' data and the reader's choices so far.
struct Screens {
    root: web_sys::HtmlElement,
    config: Arc<Config>,
    bank: Bank,
    /// Makes element ids of their own, which no app on the page uses.
    uid: usize,
    reader: RefCell<Reader>,
}

/// What the reader has chosen and where they are.
struct Reader {
    screen: Screen,
    selection: Option<Selection>,
    answers: Answers,
    action: Option<FirstAction>,
    /// The positions in the bank of the questions asked of the selection.
    asked: Vec<usize>,
    /// "Only unanswered" is on: the questions it hides (those answered when it was switched
    /// on, as in the app). A list, not a set: a dimension has a few dozen questions, and a
    /// set's sort would add kilobytes to the main module.
    hidden: Option<Vec<String>>,
    /// When the reader last clicked or changed a control (`performance.now()`).
    last_input: Option<f64>,
}

impl Shell {
    /// Removes the first screens, giving what the app is to carry on with, and where the
    /// reader was on the page, for the app's identical markup.
    pub fn close(self) -> Closed {
        let root = &self.screens.root;
        let place = Place::of(root);
        root.set_inner_html("");
        let reader = self.screens.reader.replace(Reader::new());
        let handoff = Handoff {
            action: reader.action,
            screen: reader.screen,
            selection: reader.selection,
            answers: reader.answers,
            hidden: reader.hidden,
        };
        (handoff, place)
    }

    /// Waits for a pause in the reader's use of the first screens.
    async fn pause(&self) {
        let arrived = now();
        loop {
            let wait = {
                let reader = self.screens.reader.borrow();
                let waiting_for_app =
                    reader.action.is_some() || self.screens.is_app_screen(&reader);
                wait_before_takeover(reader.last_input, waiting_for_app, arrived, now())
            };
            if wait <= 0.0 {
                return;
            }
            // Looked at again soon: a click meanwhile may ask for what only the app can do.
            sleep(wait.min(50.0)).await;
        }
    }
}

/// What the first screens hand over as they close, and where the reader was on them.
pub type Closed = (Handoff, Place);

/// Calls `then` with what the first screens hand over (`None` when they are not on show),
/// once the reader pauses in their use (`ui_logic::takeover`): the app's mounting then never
/// lands between two clicks.
pub fn close_at_pause(shell: Option<Shell>, then: Box<dyn FnOnce(Option<Closed>)>) {
    match shell {
        None => then(None),
        Some(shell) => wasm_bindgen_futures::spawn_local(async move {
            shell.pause().await;
            then(Some(shell.close()));
        }),
    }
}

/// Resolves after `ms` milliseconds (at once without a window).
async fn sleep(ms: f64) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        let timer = web_sys::window().and_then(|w| {
            w.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms.ceil() as i32)
                .ok()
        });
        if timer.is_none() {
            let _ = resolve.call0(&JsValue::UNDEFINED);
        }
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}

impl Drop for Shell {
    /// Takes the listeners off the widget's element, which outlives them (the app, or the
    /// message that the app could not be loaded, is drawn in it next).
    fn drop(&mut self) {
        for (kind, listener) in &self.listeners {
            let _ = self
                .screens
                .root
                .remove_event_listener_with_callback(kind, listener.as_ref().unchecked_ref());
        }
    }
}

impl Reader {
    fn new() -> Reader {
        Reader {
            screen: Screen::Start,
            selection: None,
            answers: Answers::new(),
            action: None,
            asked: Vec::new(),
            hidden: None,
            last_input: None,
        }
    }
}

/// Shows the first screens when they would be the app's: the default bank, in Chinese, at
/// its start screen, with nothing saved to resume or shared to open. Otherwise the widget
/// waits for the app (a returning reader, a share link, an English or a custom bank).
pub fn show(element: &web_sys::HtmlElement, config: &Arc<Config>) -> Option<Shell> {
    if !is_fresh_start(config) {
        return None;
    }
    static SHOWN: AtomicUsize = AtomicUsize::new(1);
    let screens = Rc::new(Screens {
        root: element.clone(),
        config: config.clone(),
        bank: first_steps::bank(&DEFAULT_BANK_SUMMARY),
        uid: SHOWN.fetch_add(1, Ordering::Relaxed),
        reader: RefCell::new(Reader::new()),
    });
    element.set_inner_html(&markup::page(
        DEFAULT_BANK_SUMMARY.title,
        &screens.screen_markup(),
    ));
    let listeners = ["click", "change"]
        .into_iter()
        .map(|kind| {
            let screens = screens.clone();
            let listener = Listener::new(move |event: web_sys::Event| {
                screens.on(&event);
            });
            let _ =
                element.add_event_listener_with_callback(kind, listener.as_ref().unchecked_ref());
            (kind, listener)
        })
        .collect();
    Some(Shell { screens, listeners })
}

impl Screens {
    fn id(&self, name: &str) -> String {
        dom_id(self.uid, &format!("first-{name}"))
    }

    /// The markup of the screen the reader is on.
    fn screen_markup(&self) -> String {
        let id = |name: &str| self.id(name);
        let reader = self.reader.borrow();
        let selection = reader.selection.as_ref();
        match &reader.screen {
            _ if self.is_app_screen(&reader) => format!(
                r#"<p class="bsc-screen bsc-loading-note" role="status">{}</p>"#,
                words::LOADING.get(Locale::Zh)
            ),
            Screen::Start => {
                let summary = DEFAULT_BANK_SUMMARY;
                markup::start(
                    &id,
                    &StartFacts {
                        description: summary.description,
                        categories: summary.categories,
                        questions: summary.questions,
                        typical: summary.typical_questions,
                    },
                )
            }
            Screen::Questions(dimension) if selection.is_some() => markup::questionnaire(
                &id,
                &self.bank,
                &reader.asked,
                &reader.answers,
                dimension,
                reader.hidden.as_deref(),
            ),
            // As in the app, a screen that needs a category asks for one first.
            _ => markup::category(&id, &self.bank, selection, reader.asked.len()),
        }
    }

    /// Draws the screen the reader is on in place of the one shown.
    fn redraw(&self) {
        let markup = self.screen_markup();
        if let Ok(Some(shown)) = self.root.query_selector(".bsc-first-screen > .bsc-screen") {
            shown.set_outer_html(&markup);
        }
        self.show_busy();
    }

    /// Marks the widget busy while the reader waits for the app.
    fn show_busy(&self) {
        let waiting = {
            let reader = self.reader.borrow();
            reader.action.is_some() || self.is_app_screen(&reader)
        };
        if let Ok(Some(widget)) = self.root.query_selector(".bsc-first-screen") {
            let _ = if waiting {
                widget.set_attribute("aria-busy", "true")
            } else {
                widget.remove_attribute("aria-busy")
            };
        }
    }

    /// Whether the reader is on a screen only the app can show.
    fn is_app_screen(&self, reader: &Reader) -> bool {
        reader.selection.is_some()
            && match &reader.screen {
                // The app's start screen offers the self-check begun to resume or discard.
                Screen::Start => true,
                Screen::Category => false,
                Screen::Questions(d) => !first_steps::shows_dimension(d),
                Screen::Results | Screen::Plan => true,
            }
    }

    /// Goes to `screen`, as the app's `AppState::go` does.
    fn go(&self, screen: Screen) {
        {
            let mut reader = self.reader.borrow_mut();
            reader.screen = screen;
            // The app's questionnaire starts with "only unanswered" off on every screen.
            reader.hidden = None;
        }
        self.save();
        self.redraw();
        scroll_to_top(&self.root);
        // The button that was clicked is gone: the new screen's heading takes the focus.
        if let Ok(Some(heading)) = self.root.query_selector(".bsc-screen h2[tabindex]") {
            if let Ok(heading) = heading.dyn_into::<web_sys::HtmlElement>() {
                focus_if_lost(&heading);
            }
        }
    }

    /// Draws the screen again with the reader kept on the same control.
    fn redraw_in_place(&self) {
        let place = Place::of(&self.root);
        self.redraw();
        place.restore(&self.root);
    }

    fn emit(&self, event: HostEvent, detail: &impl serde::Serialize) {
        if self.config.events {
            dispatch(&self.root, event, detail);
        }
    }

    /// A click or a change on one of the first screens' controls.
    fn on(&self, event: &web_sys::Event) {
        let Some(control) = event
            .target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
            .and_then(|t| t.closest("[data-shell]").ok().flatten())
        else {
            return;
        };
        self.reader.borrow_mut().last_input = Some(now());
        let action = control.get_attribute("data-shell").unwrap_or_default();
        let (what, detail) = action.split_once(':').unwrap_or((action.as_str(), ""));
        let is_click = event.type_() == "click";
        if is_click != (control.tag_name() == "BUTTON") {
            return; // a control's click before its change, or a button's change
        }
        let checked = control
            .dyn_ref::<web_sys::HtmlInputElement>()
            .is_some_and(web_sys::HtmlInputElement::checked);
        match what {
            "start" => {
                self.emit(
                    HostEvent::Started,
                    &Started {
                        bank: &self.bank.id,
                        resumed: false,
                    },
                );
                self.go(Screen::Category);
            }
            "english" | "import" => {
                self.reader.borrow_mut().action = Some(if what == "english" {
                    FirstAction::English
                } else {
                    FirstAction::Import
                });
                // The button shows that what it asked for is on its way, as does the widget.
                let _ = control.set_attribute("aria-busy", "true");
                self.show_busy();
            }
            "back" => self.go(Screen::Start),
            "category" if detail.is_empty() => self.go(Screen::Category),
            "category" => {
                self.choose(|s| match s {
                    Some(s) => s.category = detail.to_string(),
                    None => *s = Some(Selection::new(detail)),
                });
            }
            "modifier" => self.choose(|s| {
                if let Some(s) = s {
                    if checked {
                        s.modifiers.insert(detail.to_string());
                    } else {
                        s.modifiers.remove(detail);
                    }
                }
            }),
            "role" => {
                let value = control
                    .dyn_ref::<web_sys::HtmlSelectElement>()
                    .map(web_sys::HtmlSelectElement::value)
                    .unwrap_or_default();
                if let Some(s) = self.reader.borrow_mut().selection.as_mut() {
                    s.role = (!value.is_empty()).then_some(value);
                }
                self.save();
            }
            "go" => {
                let first = {
                    let reader = self.reader.borrow();
                    let Some(selection) = &reader.selection else {
                        return;
                    };
                    self.emit(HostEvent::CategoryChosen, selection);
                    let first = reader.asked.first().copied();
                    first
                        .and_then(|i| self.bank.questions.get(i))
                        .map(|q| q.dimension.clone())
                        .unwrap_or_default()
                };
                self.go(Screen::Questions(first));
            }
            "dim" => self.go(Screen::Questions(detail.to_string())),
            "results" => self.go(Screen::Results),
            "filter" => {
                {
                    let mut reader = self.reader.borrow_mut();
                    reader.hidden = checked.then(|| reader.answers.keys().cloned().collect());
                }
                self.redraw_in_place();
            }
            "answer" => {
                let Some((choice, question)) = detail.split_once(':') else {
                    return;
                };
                let answer = self
                    .bank
                    .questions
                    .iter()
                    .find(|q| q.id == question)
                    .and_then(|q| {
                        words::choices(q, Locale::Zh)
                            .get(choice.parse::<usize>().ok()?)
                            .map(|c| c.0)
                    });
                if let Some(answer) = answer {
                    self.answer(question, Some(answer));
                }
            }
            "clear" => self.answer(detail, None),
            _ => {}
        }
    }

    /// Keeps the reader's choices where the app keeps them (`ui::storage`), so that the app
    /// finds them when it arrives, and a reload or a second visit offers to resume them, even
    /// if the app never arrived. A browser that refuses storage hears it from the app.
    fn save(&self) {
        let reader = self.reader.borrow();
        if !self.config.storage || (reader.selection.is_none() && reader.answers.is_empty()) {
            return;
        }
        let saved = SavedState {
            format_version: SAVED_VERSION,
            bank: BankRef::of(&self.bank),
            selection: reader.selection.clone(),
            answers: reader.answers.clone(),
            screen: Some(reader.screen.hash()),
            unit_name: None,
            locale: Some(Locale::Zh),
            updated: Some(today()),
        };
        if let Some(storage) = storage::local_storage() {
            let key = storage::saved_key(&self.bank.id, &self.config.storage_key);
            let _ = storage.set_item(&key, &save_state(&saved));
        }
    }

    /// Changes the selection and draws the category screen again.
    fn choose(&self, change: impl FnOnce(&mut Option<Selection>)) {
        {
            let mut reader = self.reader.borrow_mut();
            change(&mut reader.selection);
            reader.asked = reader
                .selection
                .as_ref()
                .map(|s| asked_positions_of(&self.bank, s))
                .unwrap_or_default();
        }
        self.save();
        self.redraw_in_place();
    }

    /// Records an answer (or clears it), shows it and saves it.
    fn answer(&self, question: &str, answer: Option<Answer>) {
        self.record_and_show(question, answer);
        self.save();
    }

    /// Records an answer and updates what shows it in place (its card, the progress, the
    /// dimension's count, the results button): the reader's focus stays on the radio button
    /// in use.
    fn record_and_show(&self, question: &str, answer: Option<Answer>) {
        let reader = &mut *self.reader.borrow_mut();
        match answer {
            Some(a) => reader.answers.insert(question.to_string(), a),
            None => reader.answers.remove(question),
        };
        let card = self.id(&format!("q-{question}"));
        let find = |selector: &str| self.root.query_selector(selector).ok().flatten();
        if let Some(card) = self
            .root
            .query_selector(&format!("[id=\"{card}\"]"))
            .ok()
            .flatten()
        {
            let _ = card
                .class_list()
                .toggle_with_force("bsc-answered", answer.is_some());
            let clear = card.query_selector(".bsc-clear-answer").ok().flatten();
            match (answer, clear) {
                (Some(_), None) => {
                    if let Ok(Some(foot)) = card.query_selector(".bsc-question-foot") {
                        let _ =
                            foot.insert_adjacent_html("beforeend", &markup::clear_button(question));
                    }
                }
                (None, Some(clear)) => {
                    clear.remove();
                    for input in elements(&card, "input") {
                        if let Some(input) = input.dyn_ref::<web_sys::HtmlInputElement>() {
                            input.set_checked(false);
                        }
                    }
                }
                _ => {}
            }
        }
        let progress = dimension_progress(&self.bank, &reader.asked, &reader.answers);
        let (done, total) = markup::overall(&progress);
        if let Some(text) = find(".bsc-progress-text") {
            text.set_text_content(Some(&words::answered_of(Locale::Zh, done, total)));
        }
        if let Some(bar) = find(".bsc-progress progress") {
            let _ = bar.set_attribute("value", &done.to_string());
        }
        if let Screen::Questions(current) = &reader.screen {
            if let (Some((_, d, t)), Some(link)) = (
                progress.iter().find(|(id, _, _)| id == current),
                find(".bsc-dim-link.bsc-current"),
            ) {
                let _ = link.class_list().toggle_with_force("bsc-complete", d == t);
                if let Ok(Some(count)) = link.query_selector(".bsc-dim-count") {
                    count.set_text_content(Some(&format!("{d}/{t}")));
                    let _ = count
                        .set_attribute("aria-label", &words::dimension_count(Locale::Zh, *d, *t));
                }
            }
        }
        if let Some(results) = find("[data-shell=results]") {
            results.set_outer_html(&markup::results_button(done == total));
        }
    }
}

/// The detail of the `bsc:started` event, as the app sends it.
#[derive(serde::Serialize)]
struct Started<'a> {
    bank: &'a str,
    resumed: bool,
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

/// The elements a keyboard user may be on, in document order: the same in the first
/// screens and the app, which draw the same markup.
const FOCUSABLE: &str = "button, input, select, textarea, summary, [tabindex]";

/// Where the reader is on the page: the keyboard focus, the opened `<details>` and the
/// scroll position.
pub struct Place {
    /// The focused element's position among the [`FOCUSABLE`] ones.
    focused: Option<u32>,
    /// The positions of the open `<details>`.
    open: Vec<u32>,
    scroll_y: f64,
}

impl Place {
    /// Where the reader is in `root`.
    fn of(root: &web_sys::HtmlElement) -> Place {
        let document = web_sys::window().and_then(|w| w.document());
        let active = document.and_then(|d| d.active_element());
        let focused = active.and_then(|active| {
            positions(root, FOCUSABLE, |e| e.is_same_node(Some(&active))).next()
        });
        let open = positions(root, "details", |e| e.has_attribute("open")).collect();
        let scroll_y = web_sys::window()
            .and_then(|w| w.scroll_y().ok())
            .unwrap_or_default();
        Place {
            focused,
            open,
            scroll_y,
        }
    }

    /// Puts the reader at the same place in markup just drawn again in `root`: before the
    /// app's screen gives its heading the focus it would find lost.
    pub fn restore(&self, root: &web_sys::HtmlElement) {
        let details = elements(root, "details");
        for at in &self.open {
            if let Some(details) = details.get(*at as usize) {
                let _ = details.set_attribute("open", "");
            }
        }
        if let Some(at) = self.focused {
            let focusable = elements(root, FOCUSABLE);
            if let Some(element) = focusable
                .get(at as usize)
                .and_then(|e| e.dyn_ref::<web_sys::HtmlElement>())
            {
                let _ = element.focus();
            }
        }
        if let Some(window) = web_sys::window() {
            if window.scroll_y().ok() != Some(self.scroll_y) {
                window.scroll_to_with_x_and_y(window.scroll_x().unwrap_or_default(), self.scroll_y);
            }
        }
    }
}

/// The elements of `root` that match `selector`, in document order.
fn elements(root: &web_sys::Element, selector: &str) -> Vec<web_sys::Element> {
    let Ok(list) = root.query_selector_all(selector) else {
        return Vec::new();
    };
    (0..list.length())
        .filter_map(|i| list.item(i)?.dyn_into::<web_sys::Element>().ok())
        .collect()
}

/// The positions among `root`'s `selector` matches of those that `keep`.
fn positions(
    root: &web_sys::Element,
    selector: &str,
    keep: impl Fn(&web_sys::Element) -> bool,
) -> impl Iterator<Item = u32> {
    (0u32..)
        .zip(elements(root, selector))
        .filter(move |(_, e)| keep(e))
        .map(|(at, _)| at)
}

/// Gives the keyboard focus to the element of `root` that `selector` finds, if any.
pub fn restore_focus(root: &web_sys::HtmlElement, selector: &str) {
    if let Ok(Some(element)) = root.query_selector(selector) {
        if let Ok(element) = element.dyn_into::<web_sys::HtmlElement>() {
            let _ = element.focus();
        }
    }
}
