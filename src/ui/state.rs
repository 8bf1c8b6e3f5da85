//! One widget's state: the user's choices as signals, and everything derived from them.

use std::collections::HashMap;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

use leptos::prelude::*;

use crate::assess::{applicable_questions, assess, Answer, Answers, Assessment, Selection};
use crate::bank::{Bank, Category, Dimension, Locale, Question};
use crate::embed::config::Config;
use crate::embed::events::{dispatch, HostEvent};
use crate::recommend::{recommend, Limits, Suggestions};
use crate::record::Record;

/// The screens of the self-check. The URL hash names them (`#/questions/org_life`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Screen {
    Start,
    Category,
    /// The questionnaire, open at one dimension (by id).
    Questions(String),
    Results,
}

impl Screen {
    pub fn hash(&self) -> String {
        match self {
            Screen::Start => "#/start".into(),
            Screen::Category => "#/category".into(),
            Screen::Questions(dim) => format!("#/questions/{dim}"),
            Screen::Results => "#/results".into(),
        }
    }

    pub fn from_hash(hash: &str) -> Option<Screen> {
        let path = hash.trim_start_matches('#').trim_start_matches('/');
        match path.split_once('/') {
            Some(("questions", dim)) if !dim.is_empty() => Some(Screen::Questions(dim.into())),
            _ => match path {
                "start" => Some(Screen::Start),
                "category" => Some(Screen::Category),
                "questions" => Some(Screen::Questions(String::new())),
                "results" => Some(Screen::Results),
                _ => None,
            },
        }
    }
}

/// A message shown above the screens (restore problems, import results ...).
#[derive(Debug, Clone, PartialEq)]
pub struct Notice {
    pub id: u32,
    pub kind: NoticeKind,
    pub text: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NoticeKind {
    Info,
    Warning,
    Error,
}

/// The widget's state. Signals hold only what the user chose; the rest are memos, so what
/// is shown can never disagree with the answers.
#[derive(Clone)]
pub struct AppState {
    /// Distinguishes this widget's element ids from another widget's on the same page.
    pub uid: usize,
    pub bank: Arc<Bank>,
    pub config: Arc<Config>,
    /// Question index by id, built once.
    pub index: Arc<HashMap<String, usize>>,
    pub root: StoredValue<web_sys::HtmlElement, LocalStorage>,
    pub locale: RwSignal<Locale>,
    pub screen: RwSignal<Screen>,
    pub selection: RwSignal<Option<Selection>>,
    pub answers: RwSignal<Answers>,
    pub unit_name: RwSignal<String>,
    /// An earlier self-check to compare with.
    pub baseline: RwSignal<Option<Record>>,
    pub notices: RwSignal<Vec<Notice>>,
    /// The screen the user was on when answers were last saved (offered by "resume").
    pub saved_screen: StoredValue<Option<Screen>>,
    /// Whether answers are being kept in localStorage right now.
    pub storing: RwSignal<bool>,
    /// Indices (into `bank.questions`) of the questions this branch is asked, by dimension.
    pub questions: Memo<Vec<usize>>,
    pub assessment: Memo<Option<Assessment>>,
    pub suggestions: Memo<Suggestions>,
    /// The share link of the current answers (for the link field and the printed QR code).
    pub share_url: Memo<Option<String>>,
}

impl AppState {
    pub fn new(bank: Arc<Bank>, config: Arc<Config>, root: web_sys::HtmlElement) -> AppState {
        let index: HashMap<String, usize> = bank
            .questions
            .iter()
            .enumerate()
            .map(|(i, q)| (q.id.clone(), i))
            .collect();
        let index = Arc::new(index);
        let selection = RwSignal::new(None::<Selection>);
        let answers = RwSignal::new(Answers::new());
        let questions = {
            let bank = bank.clone();
            let index = index.clone();
            Memo::new(move |_| {
                selection.with(|s| match s {
                    Some(s) => applicable_questions(&bank, s)
                        .into_iter()
                        .filter_map(|q| index.get(&q.id).copied())
                        .collect(),
                    None => Vec::new(),
                })
            })
        };
        let assessment = {
            let bank = bank.clone();
            Memo::new(move |_| {
                selection.with(|s| s.as_ref().map(|s| answers.with(|a| assess(&bank, s, a))))
            })
        };
        let suggestions = {
            let bank = bank.clone();
            Memo::new(move |_| {
                let Some(result) = assessment.get() else {
                    return Suggestions::default();
                };
                selection.with(|s| match s {
                    Some(s) => recommend(&bank, s, &result, Limits::default()),
                    None => Suggestions::default(),
                })
            })
        };
        let share_url = {
            let bank = bank.clone();
            Memo::new(move |_| {
                let selection = selection.get()?;
                answers.with(|answers| super::io::share_url(&bank, &selection, answers))
            })
        };
        static NEXT_UID: AtomicUsize = AtomicUsize::new(1);
        AppState {
            uid: NEXT_UID.fetch_add(1, Ordering::Relaxed),
            locale: RwSignal::new(config.locale),
            bank,
            config,
            index,
            root: StoredValue::new_local(root),
            screen: RwSignal::new(Screen::Start),
            selection,
            answers,
            unit_name: RwSignal::new(String::new()),
            baseline: RwSignal::new(None),
            notices: RwSignal::new(Vec::new()),
            saved_screen: StoredValue::new(None),
            storing: RwSignal::new(false),
            questions,
            assessment,
            suggestions,
            share_url,
        }
    }

    /// The same widget, reading its texts from `bank`: the same bank with more languages
    /// (see [`same_structure`]), so indices, memos and answers stay valid.
    pub fn with_texts_of(&self, bank: Arc<Bank>) -> AppState {
        AppState {
            bank,
            ..self.clone()
        }
    }

    pub fn question(&self, index: usize) -> Option<&Question> {
        self.bank.questions.get(index)
    }

    pub fn question_by_id(&self, id: &str) -> Option<&Question> {
        self.index.get(id).and_then(|i| self.bank.questions.get(*i))
    }

    pub fn dimension(&self, id: &str) -> Option<&Dimension> {
        self.bank.dimensions.iter().find(|d| d.id == id)
    }

    pub fn category(&self, id: &str) -> Option<&Category> {
        self.bank.categories.iter().find(|c| c.id == id)
    }

    /// The categories this widget offers (all, or those the portal listed).
    pub fn offered_categories(&self) -> Vec<&Category> {
        let wanted = &self.config.categories;
        self.bank
            .categories
            .iter()
            .filter(|c| wanted.is_empty() || wanted.contains(&c.id))
            .collect()
    }

    /// Records one answer (or removes it with `None`).
    pub fn answer(&self, question: &str, answer: Option<Answer>) {
        let question = question.to_string();
        self.answers.update(|answers| match answer {
            Some(a) => {
                answers.insert(question, a);
            }
            None => {
                answers.remove(&question);
            }
        });
    }

    /// Dimensions that have applicable questions, in bank order, with (answered, total).
    pub fn dimension_progress(&self) -> Vec<(String, usize, usize)> {
        let questions = self.questions.get();
        self.answers.with(|answers| {
            self.bank
                .dimensions
                .iter()
                .filter_map(|d| {
                    let (done, total) = questions
                        .iter()
                        .filter_map(|i| self.bank.questions.get(*i))
                        .filter(|q| q.dimension == d.id)
                        .fold((0, 0), |(done, total), q| {
                            (done + usize::from(answers.contains_key(&q.id)), total + 1)
                        });
                    (total > 0).then(|| (d.id.clone(), done, total))
                })
                .collect()
        })
    }

    /// The first dimension the branch is asked about.
    pub fn first_dimension(&self) -> String {
        self.questions
            .with_untracked(|q| q.first().copied())
            .and_then(|i| self.bank.questions.get(i))
            .map(|q| q.dimension.clone())
            .unwrap_or_default()
    }

    /// Goes to a screen (the hash listener in `app` keeps the URL in step).
    pub fn go(&self, screen: Screen) {
        self.screen.set(screen);
        scroll_to_top(&self.root.get_value());
    }

    pub fn notify(&self, kind: NoticeKind, text: impl Into<String>) {
        let text = text.into();
        self.notices.update(|list| {
            let id = list.iter().map(|n| n.id).max().unwrap_or(0) + 1;
            if !list.iter().any(|n| n.text == text) {
                list.push(Notice { id, kind, text });
            }
        });
    }

    /// Tells the host page, when it asked to be told.
    pub fn emit(&self, event: HostEvent, detail: &impl serde::Serialize) {
        if self.config.events {
            dispatch(&self.root.get_value(), event, detail);
        }
    }
}

/// Brings the widget's top into view after a screen change (the host page may be long).
fn scroll_to_top(root: &web_sys::HtmlElement) {
    let rect = root.get_bounding_client_rect();
    if rect.top() < 0.0 {
        root.scroll_into_view();
    }
}

/// Whether two banks ask the same questions in the same order, with the same dimensions and
/// categories: the embedded Chinese-only default bank and the whole one must.
pub fn same_structure(a: &Bank, b: &Bank) -> bool {
    let same_ids = |x: &mut dyn Iterator<Item = &str>, y: &mut dyn Iterator<Item = &str>| x.eq(y);
    a.id == b.id
        && a.version == b.version
        && same_ids(
            &mut a.questions.iter().map(|q| q.id.as_str()),
            &mut b.questions.iter().map(|q| q.id.as_str()),
        )
        && same_ids(
            &mut a.dimensions.iter().map(|d| d.id.as_str()),
            &mut b.dimensions.iter().map(|d| d.id.as_str()),
        )
        && same_ids(
            &mut a.categories.iter().map(|c| c.id.as_str()),
            &mut b.categories.iter().map(|c| c.id.as_str()),
        )
}
