//! The workbench's state, in one place: the roster and its figures, an earlier round for the
//! trend, what is loading, and what the committee chose to look at.

use std::sync::Arc;

use leptos::prelude::*;

use crate::bank::{Bank, Locale};
use crate::committee::{
    category_evaluation, category_problems, common_problems, overview, red_lines, training_plan,
    CategoryOverview, CategoryProblem, CommonProblem, Evaluation, Figures, HeatSettings, NameOrder,
    RedLines, Roster, TrainingDemand,
};
use crate::grouping::{Grouping, GroupingError, Locks, Settings};

/// The views, in the order of the navigation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum View {
    Overview,
    Branches,
    HeatMap,
    Evaluation,
    Problems,
    RedLines,
    Trend,
    Training,
    Merge,
    Groups,
    Report,
}

impl View {
    pub const ALL: [View; 11] = [
        View::Overview,
        View::Branches,
        View::HeatMap,
        View::Evaluation,
        View::Problems,
        View::RedLines,
        View::Trend,
        View::Training,
        View::Merge,
        View::Groups,
        View::Report,
    ];

    pub fn name(self, l: Locale) -> &'static str {
        match self {
            View::Overview => l.pick("分类概览", "Overview"),
            View::Branches => l.pick("支部名单", "Branches"),
            View::HeatMap => l.pick("热力图", "Heat map"),
            View::Evaluation => l.pick("分类考评", "By category"),
            View::Problems => l.pick("共性与个性", "Common & specific"),
            View::RedLines => l.pick("红线", "Red lines"),
            View::Trend => l.pick("年度变化", "Trend"),
            View::Training => l.pick("培训计划", "Training plan"),
            View::Merge => l.pick("支部内合并", "Merge within a branch"),
            View::Groups => l.pick("党建协作组", "Collaboration groups"),
            View::Report => l.pick("汇总报告", "Report"),
        }
    }

    /// The id the view's button and panel share, for tests and links.
    pub fn key(self) -> &'static str {
        match self {
            View::Overview => "overview",
            View::Branches => "branches",
            View::HeatMap => "heat-map",
            View::Evaluation => "evaluation",
            View::Problems => "problems",
            View::RedLines => "red-lines",
            View::Trend => "trend",
            View::Training => "training",
            View::Merge => "merge",
            View::Groups => "groups",
            View::Report => "report",
        }
    }
}

/// Which roster an intake adds to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    /// This round: the roster every view reads.
    Current,
    /// An earlier round, for the trend.
    Earlier,
}

/// What is loading, and how far it has got.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Loading {
    pub target: Target,
    pub stage: Stage,
    pub done: usize,
    pub total: usize,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stage {
    /// Files read and checked one by one.
    Reading,
    /// Every branch scored and ranked.
    RollingUp,
}

/// A file the browser could not hand over (too large, unreadable): listed with the intake's
/// own problems.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Skipped {
    pub name: String,
    pub why: String,
}

/// A roster with its figures, and the files skipped while reading it.
#[derive(Debug, Clone, Default)]
pub struct Round {
    pub roster: Roster,
    pub figures: Arc<Figures>,
    /// What the views show, computed once with the figures (never on a view switch).
    pub derived: Arc<Derived>,
    /// The branches' names in natural order, made with the figures and on a rename (so the
    /// heat map sorts by name without comparing names).
    pub names: Arc<NameOrder>,
    pub skipped: Vec<Skipped>,
}

impl Round {
    /// Gives a branch the committee's label (an empty one goes back to its own name).
    pub fn set_label(&mut self, branch: usize, label: &str) {
        self.roster.set_label(branch, label);
        self.names = Arc::new(NameOrder::new(&self.roster));
    }
}

/// Questions listed as common problems.
pub const COMMON_LISTED: usize = 15;

/// The views' figures: they depend only on the records, so a label or tag edit keeps them.
#[derive(Debug, Clone, Default)]
pub struct Derived {
    pub overview: Vec<CategoryOverview>,
    pub evaluation: Option<Evaluation>,
    pub common: Vec<CommonProblem>,
    pub specific: Vec<CategoryProblem>,
    pub red_lines: Option<RedLines>,
    pub training: Vec<TrainingDemand>,
}

impl Derived {
    /// The steps of [`Derived::step`], each one domain call.
    pub const STEPS: usize = 6;

    /// Computes step `n` (0-based) of [`Derived::STEPS`], so a page can yield between them.
    pub fn step(&mut self, n: usize, bank: &Bank, figures: &Figures) {
        match n {
            0 => self.overview = overview(bank, figures),
            1 => self.evaluation = Some(category_evaluation(bank, figures)),
            2 => self.common = common_problems(bank, figures, COMMON_LISTED),
            3 => self.specific = category_problems(bank, figures),
            4 => self.red_lines = Some(red_lines(bank, figures)),
            _ => self.training = training_plan(bank, figures),
        }
    }
}

/// How groups are formed: partitions within size bounds, or 1:1 pairs (结对).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum GroupMode {
    #[default]
    Groups,
    Pairs,
}

/// The committee's 党建协作组: its settings and locks, and the groups as they stand (formed,
/// then perhaps edited by hand). Group members are indices of this round's branches.
#[derive(Debug, Clone, Default)]
pub struct Groups {
    pub mode: GroupMode,
    pub settings: Settings,
    pub locks: Locks,
    /// The groups, with reasons and quality, or why they could not be formed.
    pub result: Option<Result<Grouping, GroupingError>>,
    /// A branch picked to swap with another (its index).
    pub swap_from: Option<usize>,
}

/// The page's state. `Copy`, so closures take it whole.
#[derive(Clone, Copy)]
pub struct Page {
    pub bank: StoredValue<Arc<Bank>>,
    pub locale: RwSignal<Locale>,
    /// This round. Label and tag edits change its roster, never its figures.
    pub current: RwSignal<Round>,
    /// An earlier round, for the trend.
    pub earlier: RwSignal<Option<Round>>,
    pub loading: RwSignal<Option<Loading>>,
    /// Set by the cancel button; the loading loop reads it between slices.
    pub cancel_requested: RwSignal<bool>,
    pub view: RwSignal<View>,
    pub heat: RwSignal<HeatSettings>,
    /// Whether the report view has drawn all of itself (it draws a part per frame).
    pub report_ready: RwSignal<bool>,
    /// 党建协作组 formed from this round's branches.
    pub groups: RwSignal<Groups>,
    /// The last thing done, announced politely to screen readers and shown under the inputs.
    pub status: RwSignal<Said>,
    /// Tells this workbench's element ids from another's on the same page: "" for the
    /// first, "-2" for the second, and so on.
    pub id_suffix: &'static str,
}

impl Page {
    pub fn new(bank: Bank) -> Page {
        let locale = preferred_locale();
        Page {
            bank: StoredValue::new(Arc::new(bank)),
            locale: RwSignal::new(locale),
            current: RwSignal::new(Round::default()),
            earlier: RwSignal::new(None),
            loading: RwSignal::new(None),
            cancel_requested: RwSignal::new(false),
            view: RwSignal::new(View::Overview),
            heat: RwSignal::new(HeatSettings::default()),
            groups: RwSignal::new(Groups::default()),
            report_ready: RwSignal::new(false),
            status: RwSignal::new(Said::default()),
            id_suffix: next_id_suffix(),
        }
    }

    pub fn bank(&self) -> Arc<Bank> {
        self.bank.get_value()
    }

    /// The number of branches in this round (tracked: changes with every label edit too;
    /// see `has_branches` in the views for a signal that does not).
    pub fn branch_count(&self) -> usize {
        self.current.with(|r| r.roster.branches.len())
    }
}

/// Something said to the committee, in whichever language the page is in when it is read.
#[derive(Clone, Default)]
pub struct Said(Option<Arc<dyn Fn(Locale) -> String + Send + Sync>>);

impl Said {
    pub fn new(words: impl Fn(Locale) -> String + Send + Sync + 'static) -> Said {
        Said(Some(Arc::new(words)))
    }

    /// Fixed words: a zh-CN/en pair.
    pub fn pair(zh: &'static str, en: &'static str) -> Said {
        Said::new(move |l| l.pick(zh, en).to_string())
    }

    pub fn in_locale(&self, l: Locale) -> String {
        self.0.as_ref().map(|words| words(l)).unwrap_or_default()
    }
}

impl Page {
    /// Says something in the status line (read out politely by screen readers).
    pub fn say(&self, said: Said) {
        self.status.set(said);
    }

    /// An element id unique on the page.
    pub fn dom_id(&self, name: &str) -> String {
        format!("bscc-{name}{}", self.id_suffix)
    }
}

/// "" for the first workbench mounted on the page, then "-2", "-3" …
fn next_id_suffix() -> &'static str {
    use std::sync::atomic::{AtomicUsize, Ordering};
    static MOUNTED: AtomicUsize = AtomicUsize::new(0);
    match MOUNTED.fetch_add(1, Ordering::Relaxed) {
        0 => "",
        n => Box::leak(format!("-{}", n + 1).into_boxed_str()),
    }
}

/// Chinese unless the page asks for English (`<html lang="en">` or `?lang=en`).
fn preferred_locale() -> Locale {
    let from_query = web_sys::window()
        .and_then(|w| w.location().search().ok())
        .and_then(|search| {
            search
                .trim_start_matches('?')
                .split('&')
                .find_map(|pair| pair.strip_prefix("lang=").and_then(Locale::from_tag))
        });
    let from_page = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.document_element())
        .and_then(|e| e.get_attribute("lang"))
        .and_then(|lang| lang.starts_with("en").then_some(Locale::En));
    from_query.or(from_page).unwrap_or(Locale::Zh)
}
