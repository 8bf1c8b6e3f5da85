//! One widget's state: the user's choices as signals, and everything derived from them.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

use leptos::prelude::*;

use crate::assess::{dimension_progress, Answer, Answers, AskedQuestions, Assessment, Selection};
use crate::bank::{Bank, Category, Dimension, Locale, Question, QuestionIndex};
use crate::embed::config::Config;
use crate::embed::events::{dispatch, HostEvent};
use crate::plan::{Plan, Results};
use crate::recommend::{recommend, Limits, Suggestions};
use crate::record::Record;
pub use crate::ui_logic::screen::Screen;

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
/// is shown can never disagree with the answers. `Copy`: the bank, the configuration and the
/// question index are kept in the reactive arena (`StoredValue`), so closures take the state
/// itself.
#[derive(Clone, Copy)]
pub struct AppState {
    /// Distinguishes this widget's element ids from another widget's on the same page.
    pub uid: usize,
    /// The bank. The default bank's English texts replace it once, with the same bank in
    /// both languages (see [`same_structure`]), so indices, memos and answers stay valid.
    pub bank: StoredValue<Arc<Bank>>,
    pub config: StoredValue<Arc<Config>>,
    /// Question index by id, built once.
    pub index: StoredValue<QuestionIndex>,
    pub root: StoredValue<web_sys::HtmlElement, LocalStorage>,
    pub locale: RwSignal<Locale>,
    pub screen: RwSignal<Screen>,
    pub selection: RwSignal<Option<Selection>>,
    pub answers: RwSignal<Answers>,
    pub unit_name: RwSignal<String>,
    /// An earlier self-check to compare with.
    pub baseline: RwSignal<Option<Record>>,
    /// The rectification plan (整改台账) of this self-check, once the branch has made it.
    pub plan: RwSignal<Option<Plan>>,
    /// The plan of the previous self-check, whose open items this one carries over: kept
    /// when a new round starts in this browser, or read from the earlier export loaded for
    /// comparison.
    pub previous_plan: RwSignal<Option<Plan>>,
    pub notices: RwSignal<Vec<Notice>>,
    /// The screen the user was on when answers were last saved (offered by "resume").
    pub saved_screen: StoredValue<Option<Screen>>,
    /// "Only unanswered" as the first screens left it (the questions it hides), for the
    /// questionnaire the app opens with; taken by it.
    pub handed_filter: StoredValue<Option<Vec<String>>>,
    /// Whether answers are being kept in localStorage right now.
    pub storing: RwSignal<bool>,
    /// The questions this branch is asked (positions in `bank.questions`, by dimension), made
    /// once per selection: the assessment of every answer change goes through them.
    pub questions: Memo<AskedQuestions>,
    pub assessment: Memo<Option<Assessment>>,
    pub suggestions: Memo<Suggestions>,
    /// The share link of the current answers (for the link field and the printed QR code).
    pub share_url: Memo<Option<String>>,
}

impl AppState {
    pub fn new(bank: Arc<Bank>, config: Arc<Config>, root: web_sys::HtmlElement) -> AppState {
        let index = StoredValue::new(QuestionIndex::new(&bank));
        let locale = RwSignal::new(config.locale);
        let bank = StoredValue::new(bank);
        let selection = RwSignal::new(None::<Selection>);
        let answers = RwSignal::new(Answers::new());
        // Made again only when the selection changes, not on every answer.
        let questions = Memo::new(move |_| {
            selection.with(|s| {
                s.as_ref()
                    .map(|s| bank.with_value(|bank| AskedQuestions::new(bank, s)))
                    .unwrap_or_default()
            })
        });
        let assessment = Memo::new(move |_| {
            selection.with(|s| {
                s.as_ref().map(|s| {
                    questions.with(|asked| {
                        answers.with(|a| bank.with_value(|bank| asked.assess(bank, s, a)))
                    })
                })
            })
        });
        let suggestions = Memo::new(move |_| {
            let Some(result) = assessment.get() else {
                return Suggestions::default();
            };
            selection.with(|s| match s {
                Some(s) => bank.with_value(|bank| recommend(bank, s, &result, Limits::default())),
                None => Suggestions::default(),
            })
        });
        let share_url = Memo::new(move |_| {
            let selection = selection.get()?;
            answers.with(|answers| {
                bank.with_value(|bank| super::io::share_url(bank, &selection, answers))
            })
        });
        static NEXT_UID: AtomicUsize = AtomicUsize::new(1);
        AppState {
            uid: NEXT_UID.fetch_add(1, Ordering::Relaxed),
            locale,
            bank,
            config: StoredValue::new(config),
            index,
            root: StoredValue::new_local(root),
            screen: RwSignal::new(Screen::Start),
            selection,
            answers,
            unit_name: RwSignal::new(String::new()),
            baseline: RwSignal::new(None),
            plan: RwSignal::new(None),
            previous_plan: RwSignal::new(None),
            notices: RwSignal::new(Vec::new()),
            saved_screen: StoredValue::new(None),
            handed_filter: StoredValue::new(None),
            storing: RwSignal::new(false),
            questions,
            assessment,
            suggestions,
            share_url,
        }
    }

    /// The bank (a shared handle).
    pub fn bank(&self) -> Arc<Bank> {
        self.bank.get_value()
    }

    /// The portal's configuration (a shared handle).
    pub fn config(&self) -> Arc<Config> {
        self.config.get_value()
    }

    pub fn question(&self, index: usize) -> Option<Question> {
        self.bank.with_value(|b| b.questions.get(index).cloned())
    }

    /// The place of a question in `bank.questions`.
    pub fn position(&self, id: &str) -> Option<usize> {
        self.index.with_value(|index| index.position(id))
    }

    pub fn question_by_id(&self, id: &str) -> Option<Question> {
        self.position(id).and_then(|i| self.question(i))
    }

    pub fn dimension(&self, id: &str) -> Option<Dimension> {
        self.bank
            .with_value(|b| b.dimensions.iter().find(|d| d.id == id).cloned())
    }

    /// A dimension's name in `locale` (its id if the bank has no such dimension).
    pub fn dimension_name(&self, id: &str, locale: Locale) -> String {
        self.bank.with_value(|b| {
            b.dimensions
                .iter()
                .find(|d| d.id == id)
                .map_or_else(|| id.to_string(), |d| d.name.get(locale).to_string())
        })
    }

    pub fn category(&self, id: &str) -> Option<Category> {
        self.bank
            .with_value(|b| b.categories.iter().find(|c| c.id == id).cloned())
    }

    /// The categories this widget offers (all, or those the portal listed).
    pub fn offered_categories(&self) -> Vec<Category> {
        let config = self.config();
        let wanted = &config.categories;
        self.bank.with_value(|b| {
            b.categories
                .iter()
                .filter(|c| wanted.is_empty() || wanted.contains(&c.id))
                .cloned()
                .collect()
        })
    }

    /// Runs `f` on the current self-check read as a plan's [`Results`] (tracked), or gives
    /// `None` before a category is chosen.
    pub fn with_results<R>(&self, f: impl FnOnce(&Results) -> R) -> Option<R> {
        // Borrowed, not cloned: the assessment of a large bank is big and this runs on
        // every answer change.
        self.assessment.with(|assessment| {
            let assessment = assessment.as_ref()?;
            self.selection.with(|selection| {
                let selection = selection.as_ref()?;
                Some(self.answers.with(|answers| {
                    self.bank.with_value(|bank| {
                        self.index.with_value(|index| {
                            f(&Results::new(bank, selection, answers, assessment).indexed(index))
                        })
                    })
                }))
            })
        })
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
        let bank = self.bank();
        let asked: Vec<usize> = self.questions.with(|q| q.positions().collect());
        self.answers.with(|answers| {
            dimension_progress(&bank, &asked, answers)
                .into_iter()
                .map(|(id, done, total)| (id.to_string(), done, total))
                .collect()
        })
    }

    /// The first dimension the branch is asked about.
    pub fn first_dimension(&self) -> String {
        self.questions
            .with_untracked(|q| q.positions().next())
            .and_then(|i| self.question(i))
            .map(|q| q.dimension)
            .unwrap_or_default()
    }

    /// Goes to a screen (the hash listener in `app` keeps the URL in step).
    pub fn go(&self, screen: Screen) {
        self.screen.set(screen);
        super::dom::scroll_to_top(&self.root.get_value());
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
        if self.config.with_value(|c| c.events) {
            dispatch(&self.root.get_value(), event, detail);
        }
    }

    /// An element id for this widget (see [`super::dom::dom_id`]).
    pub fn dom_id(&self, name: &str) -> String {
        super::dom::dom_id(self.uid, name)
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
