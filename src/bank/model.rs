//! The question bank's data model: the JSON format, as Rust types (serde + JSON Schema).
//!
//! serde's derives (and the `serde` attributes the JSON Schema is generated from) are native
//! only: the browser reads a bank with the hand-written readers in `read.rs`, which keeps the
//! derived code out of the wasm. Native tests and tools still (de)serialise these types.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

/// The bank format version this build reads. A bank declaring another version is refused.
pub const SCHEMA_VERSION: u32 = 1;

/// A text in several languages. `zh-CN` is required; a missing `en` falls back to `zh-CN`.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
#[cfg_attr(
    not(target_arch = "wasm32"),
    derive(Serialize, Deserialize, schemars::JsonSchema)
)]
#[cfg_attr(not(target_arch = "wasm32"), serde(deny_unknown_fields))]
pub struct Text {
    #[cfg_attr(not(target_arch = "wasm32"), serde(rename = "zh-CN"))]
    pub zh: String,
    #[cfg_attr(
        not(target_arch = "wasm32"),
        serde(default, skip_serializing_if = "Option::is_none")
    )]
    pub en: Option<String>,
}

/// The languages the widget speaks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
pub enum Locale {
    #[default]
    #[serde(rename = "zh-CN")]
    Zh,
    #[serde(rename = "en")]
    En,
}

impl Locale {
    /// The BCP 47 tag, as used in `lang` attributes and bank texts.
    pub fn tag(self) -> &'static str {
        match self {
            Locale::Zh => "zh-CN",
            Locale::En => "en",
        }
    }

    /// The one of two values that is in this language: `locale.pick("已答", "answered")`.
    pub fn pick<T>(self, zh: T, en: T) -> T {
        match self {
            Locale::Zh => zh,
            Locale::En => en,
        }
    }

    /// Reads a tag leniently (`zh`, `zh-cn`, `en-GB` ...); unknown tags give `None`.
    pub fn from_tag(tag: &str) -> Option<Locale> {
        let lower = tag.trim().to_ascii_lowercase();
        if lower.starts_with("zh") {
            Some(Locale::Zh)
        } else if lower.starts_with("en") {
            Some(Locale::En)
        } else {
            None
        }
    }
}

impl Text {
    /// The text in `locale`, falling back to zh-CN when there is no (non-empty) translation.
    pub fn get(&self, locale: Locale) -> &str {
        match locale {
            Locale::En => match &self.en {
                Some(en) if !en.trim().is_empty() => en,
                _ => &self.zh,
            },
            Locale::Zh => &self.zh,
        }
    }

    /// A text with both languages, for tests and generated banks.
    pub fn new(zh: impl Into<String>, en: impl Into<String>) -> Text {
        Text {
            zh: zh.into(),
            en: Some(en.into()),
        }
    }
}

/// A whole question bank: what a self-check asks, how it scores, and what it suggests.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(
    not(target_arch = "wasm32"),
    derive(Serialize, Deserialize, schemars::JsonSchema)
)]
#[cfg_attr(not(target_arch = "wasm32"), serde(deny_unknown_fields))]
pub struct Bank {
    /// Bank format version; must be 1.
    pub schema_version: u32,
    /// Stable identifier of this bank, e.g. `cn-organ-default`. Exports name it.
    pub id: String,
    /// The bank's own content version, e.g. `2026.1`. Exports name it too.
    pub version: String,
    /// Earlier content versions of this bank, oldest first: records and share links made
    /// with one of them are recognised and named when they cannot be restored.
    #[cfg_attr(
        not(target_arch = "wasm32"),
        serde(default, skip_serializing_if = "Vec::is_empty")
    )]
    pub previous_versions: Vec<String>,
    pub title: Text,
    #[cfg_attr(
        not(target_arch = "wasm32"),
        serde(default, skip_serializing_if = "Option::is_none")
    )]
    pub description: Option<Text>,
    /// Score bands, highest first; the last must start at 0.
    pub bands: Vec<Band>,
    /// A dimension is a strength when its score reaches its target plus this margin.
    #[cfg_attr(
        not(target_arch = "wasm32"),
        serde(default = "default_strength_margin")
    )]
    pub strength_margin: f64,
    pub dimensions: Vec<Dimension>,
    pub categories: Vec<Category>,
    #[cfg_attr(not(target_arch = "wasm32"), serde(default))]
    pub modifiers: Vec<Modifier>,
    /// Roles in the branch that trainings are aimed at (secretary, organisation member ...).
    #[cfg_attr(not(target_arch = "wasm32"), serde(default))]
    pub roles: Vec<Role>,
    pub questions: Vec<Question>,
    #[cfg_attr(not(target_arch = "wasm32"), serde(default))]
    pub groups: Vec<Group>,
    #[cfg_attr(not(target_arch = "wasm32"), serde(default))]
    pub trainings: Vec<Training>,
}

pub(super) fn default_strength_margin() -> f64 {
    5.0
}

/// A score band such as 优秀 (excellent): scores at or above `min` fall in it.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(
    not(target_arch = "wasm32"),
    derive(Serialize, Deserialize, schemars::JsonSchema)
)]
#[cfg_attr(not(target_arch = "wasm32"), serde(deny_unknown_fields))]
pub struct Band {
    pub id: String,
    /// Lowest overall score (0..=100) in this band.
    pub min: f64,
    pub label: Text,
}

/// One of the dimensions a branch is scored on (political building, organisational life ...).
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(
    not(target_arch = "wasm32"),
    derive(Serialize, Deserialize, schemars::JsonSchema)
)]
#[cfg_attr(not(target_arch = "wasm32"), serde(deny_unknown_fields))]
pub struct Dimension {
    pub id: String,
    pub name: Text,
    /// A short name for charts and tables.
    #[cfg_attr(
        not(target_arch = "wasm32"),
        serde(default, skip_serializing_if = "Option::is_none")
    )]
    pub short: Option<Text>,
    pub description: Text,
}

/// A kind of branch (organ department, research institute, hospital ...), with its own
/// dimension weights and targets (分类考评).
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(
    not(target_arch = "wasm32"),
    derive(Serialize, Deserialize, schemars::JsonSchema)
)]
#[cfg_attr(not(target_arch = "wasm32"), serde(deny_unknown_fields))]
pub struct Category {
    pub id: String,
    pub name: Text,
    /// One line that lets a branch tell whether this category is its own.
    pub description: Text,
    #[cfg_attr(not(target_arch = "wasm32"), serde(default))]
    pub typical_problems: Vec<Text>,
    /// Relative weight of each dimension (every dimension listed; 0 leaves it out).
    pub weights: BTreeMap<String, f64>,
    /// Target score (0..=100) of each dimension for this category.
    pub targets: BTreeMap<String, f64>,
}

/// A situation that stacks on any category (overseas/dispatched, temporary/project): it
/// switches questions on or off (see [`Applies`]) and scales dimension weights.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(
    not(target_arch = "wasm32"),
    derive(Serialize, Deserialize, schemars::JsonSchema)
)]
#[cfg_attr(not(target_arch = "wasm32"), serde(deny_unknown_fields))]
pub struct Modifier {
    pub id: String,
    pub name: Text,
    pub description: Text,
    /// Factor applied to a dimension's category weight while this modifier is on.
    #[cfg_attr(not(target_arch = "wasm32"), serde(default))]
    pub weight_factors: BTreeMap<String, f64>,
}

/// A role in the branch, e.g. 书记 (secretary).
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(
    not(target_arch = "wasm32"),
    derive(Serialize, Deserialize, schemars::JsonSchema)
)]
#[cfg_attr(not(target_arch = "wasm32"), serde(deny_unknown_fields))]
pub struct Role {
    pub id: String,
    pub name: Text,
}

/// One diagnostic question.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(
    not(target_arch = "wasm32"),
    derive(Serialize, Deserialize, schemars::JsonSchema)
)]
#[cfg_attr(not(target_arch = "wasm32"), serde(deny_unknown_fields))]
pub struct Question {
    pub id: String,
    pub dimension: String,
    /// Weight within its dimension (> 0).
    pub weight: f64,
    pub text: Text,
    /// What counts as evidence; shown on demand.
    #[cfg_attr(
        not(target_arch = "wasm32"),
        serde(default, skip_serializing_if = "Option::is_none")
    )]
    pub help: Option<Text>,
    /// The regulation article or rule the question rests on.
    #[cfg_attr(
        not(target_arch = "wasm32"),
        serde(default, skip_serializing_if = "Option::is_none")
    )]
    pub source: Option<Text>,
    /// Which branches are asked; absent means every category, with or without modifiers.
    #[cfg_attr(
        not(target_arch = "wasm32"),
        serde(default, skip_serializing_if = "Applies::is_everyone")
    )]
    pub applies: Applies,
    pub answer: AnswerSpec,
    /// How to improve (如何改进): what the next step up looks like, as an action a branch can
    /// put in its rectification plan.
    #[cfg_attr(
        not(target_arch = "wasm32"),
        serde(default, skip_serializing_if = "Option::is_none")
    )]
    pub improve: Option<Text>,
    /// Whether "not applicable" may be chosen.
    #[cfg_attr(not(target_arch = "wasm32"), serde(default))]
    pub allow_na: bool,
    /// Flags the question whatever the score when the answer's credit is this low.
    #[cfg_attr(
        not(target_arch = "wasm32"),
        serde(default, skip_serializing_if = "Option::is_none")
    )]
    pub red_line: Option<RedLine>,
}

/// Which branches a question is asked of. Every list is optional; empty means no limit.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
#[cfg_attr(
    not(target_arch = "wasm32"),
    derive(Serialize, Deserialize, schemars::JsonSchema)
)]
#[cfg_attr(not(target_arch = "wasm32"), serde(deny_unknown_fields))]
pub struct Applies {
    /// Only these categories are asked (empty: all categories).
    #[cfg_attr(
        not(target_arch = "wasm32"),
        serde(default, skip_serializing_if = "Vec::is_empty")
    )]
    pub categories: Vec<String>,
    /// These categories are never asked.
    #[cfg_attr(
        not(target_arch = "wasm32"),
        serde(default, skip_serializing_if = "Vec::is_empty")
    )]
    pub except_categories: Vec<String>,
    /// Asked only when at least one of these modifiers is on (empty: no condition).
    #[cfg_attr(
        not(target_arch = "wasm32"),
        serde(default, skip_serializing_if = "Vec::is_empty")
    )]
    pub with_modifiers: Vec<String>,
    /// Never asked while any of these modifiers is on.
    #[cfg_attr(
        not(target_arch = "wasm32"),
        serde(default, skip_serializing_if = "Vec::is_empty")
    )]
    pub without_modifiers: Vec<String>,
}

impl Applies {
    pub fn is_everyone(&self) -> bool {
        self.categories.is_empty()
            && self.except_categories.is_empty()
            && self.with_modifiers.is_empty()
            && self.without_modifiers.is_empty()
    }
}

/// How a question is answered, and how an answer turns into credit (0..=1).
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(
    not(target_arch = "wasm32"),
    derive(Serialize, Deserialize, schemars::JsonSchema)
)]
#[cfg_attr(
    not(target_arch = "wasm32"),
    serde(tag = "type", rename_all = "snake_case", deny_unknown_fields)
)]
pub enum AnswerSpec {
    /// Described levels, lowest credit first; each level says what the branch's practice
    /// looks like, so the top level shows what "good" is.
    Levels { levels: Vec<Level> },
    /// A compliance check. Credits default to yes = 1, no = 0; set them the other way round
    /// for a question where "yes" is the bad answer.
    YesNo {
        #[cfg_attr(not(target_arch = "wasm32"), serde(default = "one"))]
        yes_credit: f64,
        #[cfg_attr(not(target_arch = "wasm32"), serde(default))]
        no_credit: f64,
    },
    /// How many times something happened in the last 12 months, against a required yearly
    /// frequency: credit is count / per_year, capped at 1.
    Count {
        per_year: u32,
        /// The unit counted, e.g. 次 (times).
        unit: Text,
    },
}

pub(super) fn one() -> f64 {
    1.0
}

/// One described level of a `levels` answer.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(
    not(target_arch = "wasm32"),
    derive(Serialize, Deserialize, schemars::JsonSchema)
)]
#[cfg_attr(not(target_arch = "wasm32"), serde(deny_unknown_fields))]
pub struct Level {
    /// Credit in 0..=1; strictly increasing from the first level to the last.
    pub credit: f64,
    pub label: Text,
}

/// Marks a question as a red line: flagged whenever the answer's credit is at most
/// `max_credit`, whatever the scores say.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(
    not(target_arch = "wasm32"),
    derive(Serialize, Deserialize, schemars::JsonSchema)
)]
#[cfg_attr(not(target_arch = "wasm32"), serde(deny_unknown_fields))]
pub struct RedLine {
    #[cfg_attr(not(target_arch = "wasm32"), serde(default))]
    pub max_credit: f64,
    /// What the branch must do about it.
    pub message: Text,
}

/// A 党建协作组 (collaboration group) a branch may join.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(
    not(target_arch = "wasm32"),
    derive(Serialize, Deserialize, schemars::JsonSchema)
)]
#[cfg_attr(not(target_arch = "wasm32"), serde(deny_unknown_fields))]
pub struct Group {
    pub id: String,
    pub name: Text,
    /// Dimensions the group works on.
    pub focus: Vec<String>,
    /// Categories the group suits best (empty: all).
    #[cfg_attr(not(target_arch = "wasm32"), serde(default))]
    pub categories: Vec<String>,
    /// Suggested only while one of these modifiers is on (empty: no condition).
    #[cfg_attr(
        not(target_arch = "wasm32"),
        serde(default, skip_serializing_if = "Vec::is_empty")
    )]
    pub modifiers: Vec<String>,
    /// Never suggested while any of these modifiers is on (a temporary branch cannot
    /// recruit, so no recruitment item suits it).
    #[cfg_attr(
        not(target_arch = "wasm32"),
        serde(default, skip_serializing_if = "Vec::is_empty")
    )]
    pub without_modifiers: Vec<String>,
    /// Suggested number of member branches.
    pub size: GroupSize,
    /// What the group does together.
    pub activities: Text,
}

/// How many branches a group should have.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(
    not(target_arch = "wasm32"),
    derive(Serialize, Deserialize, schemars::JsonSchema)
)]
#[cfg_attr(not(target_arch = "wasm32"), serde(deny_unknown_fields))]
pub struct GroupSize {
    pub min: u32,
    pub max: u32,
}

/// A training module.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(
    not(target_arch = "wasm32"),
    derive(Serialize, Deserialize, schemars::JsonSchema)
)]
#[cfg_attr(not(target_arch = "wasm32"), serde(deny_unknown_fields))]
pub struct Training {
    pub id: String,
    pub title: Text,
    pub description: Text,
    /// Dimensions the module strengthens.
    pub dimensions: Vec<String>,
    /// Roles (ids from `roles`) the module is for.
    pub roles: Vec<String>,
    pub level: TrainingLevel,
    /// Categories the module is tailored to (empty: all).
    #[cfg_attr(not(target_arch = "wasm32"), serde(default))]
    pub categories: Vec<String>,
    /// Suggested only while one of these modifiers is on (empty: no condition).
    #[cfg_attr(
        not(target_arch = "wasm32"),
        serde(default, skip_serializing_if = "Vec::is_empty")
    )]
    pub modifiers: Vec<String>,
    /// Never suggested while any of these modifiers is on (a temporary branch cannot
    /// recruit, so no recruitment item suits it).
    #[cfg_attr(
        not(target_arch = "wasm32"),
        serde(default, skip_serializing_if = "Vec::is_empty")
    )]
    pub without_modifiers: Vec<String>,
    /// Class hours.
    #[cfg_attr(
        not(target_arch = "wasm32"),
        serde(default, skip_serializing_if = "Option::is_none")
    )]
    pub hours: Option<f64>,
}

/// How advanced a training module is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(
    not(target_arch = "wasm32"),
    derive(Serialize, Deserialize, schemars::JsonSchema)
)]
#[cfg_attr(not(target_arch = "wasm32"), serde(rename_all = "snake_case"))]
pub enum TrainingLevel {
    Basic,
    Intermediate,
    Advanced,
}
