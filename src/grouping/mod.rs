//! 党建协作组 from real branches: partitions, 1:1 pairs, their reasons, pictures and CSV.
//!
//! Flow: a page maps each loaded branch into a [`GroupingBranch`] (usually with
//! [`GroupingBranch::from_assessment`]), then [`form_groups`] or [`pair_branches`] gives a
//! [`Grouping`]: groups of input indices, each with a lead, a focus theme from the bank's
//! group catalogue, structured [`Reason`]s ([`describe`] words them in zh-CN or en), a
//! members × dimensions [`Picture`], and the [`Quality`] figures. [`assess_partition`] scores
//! a partition the committee edited by hand; [`groups_csv`] writes the groups CSV.
//!
//! # The objective (maximised)
//!
//! A branch's *main gaps* are its [`Settings::main_gaps`] most severe gaps (severity = weight
//! share × shortfall, as the assessment ranks them). A main gap is *covered* when another
//! member of the same group has that dimension as a strength. Per block of branches grouped
//! together:
//!
//! ```text
//! F = w_cov · covered main-gap severity / all main-gap severity      (coverage share, 0..1)
//!   − w_bal · (standard deviation of the group mean overall scores) / 10 points
//!   − w_cat · (pairs of members of the same category) / branches     (categories: Mix)
//!   − w_tag · (pairs of members of the same 片区 tag) / branches      (tags: Mix)
//! ```
//!
//! Defaults: w_cov 1, w_bal 0.5, w_cat 0.2, w_tag 0.2. Sizes are hard bounds; `Together`
//! is a hard rule (groups are formed inside each category or tag separately); a branch's
//! 片区 is its first tag.
//!
//! # Sizes
//!
//! A block of n branches gets the fewest groups k with k·min ≤ n ≤ k·max (fewest groups:
//! larger groups cover more gaps), at least one per lock key. When no k fits (3 branches
//! with min 4; 7 with 4–6), exactly one group is smaller than `min` — the largest remainder
//! that lets the others fit — and a [`Note::Undersized`] says so. The upper bound `max` is
//! never broken.
//!
//! # The algorithm (deterministic)
//!
//! Branches are put in a canonical order (by id, then input position), so the same input,
//! settings and locks give the same groups, whatever the input order when ids are unique.
//! Locked branches are placed first; the rest are dealt in a serpentine draft by overall
//! score (strong and weak spread evenly), then improved by first-improvement local search
//! over moves and swaps: each branch in turn takes the first move or swap with a candidate
//! group that raises F. With up to 17 groups in a block every other group is a candidate;
//! beyond, the 8 groups where the branch would add the most coverage plus 8 from a window
//! that shifts every pass (a fixed hash, no randomness). A branch whose scan finds nothing
//! rests until its group changes; blocks of up to 400 branches end with full passes over
//! every group until none improves, a true local optimum for moves and swaps. Every
//! evaluation is O(1) (per-group bit masks of strengths and sums of need).
//!
//! # Lead, focus theme, reasons
//!
//! The lead is the member whose strengths meet the most main gaps of the others (ties:
//! more severity met, higher overall score, canonical order); when nobody's strength meets
//! another's main gap, the best overall score leads. The focus theme is the bank catalogue
//! group, suited to every member (its categories and modifier conditions), whose focus
//! dimensions carry the most gap severity of the members per focus dimension (ties by id).
//! Reasons name, for each main gap, the members strong there (or none: a shared task), for
//! each strength, the members it helps, and otherwise that a member is there for balance.
//!
//! # Pairing (结对)
//!
//! See [`pair_branches`]: strong half × weak half by overall score, an exact maximum-weight
//! assignment (Hungarian algorithm).

mod csv;
mod explain;
mod input;
mod pairing;
mod search;
mod sizes;
mod text;

use serde::{Deserialize, Serialize};

pub use csv::{groups_csv, GROUPS_CSV_HEADER};
pub use explain::{Cell, Mark, Picture, PictureRow};
pub use input::{BranchGap, DimensionStanding, GroupingBranch};
pub use pairing::pair_branches;
pub use text::{describe, describe_error, describe_note};

use crate::bank::Bank;
use std::collections::BTreeMap;

/// How a category or a tag shapes the groups.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum Rule {
    /// Not considered.
    Ignore,
    /// Members of one group preferably differ (a soft term of the objective).
    #[default]
    Mix,
    /// Every group stays inside one category (or tag): a hard rule.
    Together,
}

/// The weights of the objective's terms (see the module documentation).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Weights {
    pub coverage: f64,
    /// Per 10 points of standard deviation of the group means.
    pub balance: f64,
    /// Per same-category pair per branch (categories: Mix).
    pub categories: f64,
    /// Per same-tag pair per branch (tags: Mix).
    pub tags: f64,
}

impl Default for Weights {
    fn default() -> Weights {
        Weights {
            coverage: 1.0,
            balance: 0.5,
            categories: 0.2,
            tags: 0.2,
        }
    }
}

/// What the committee chose.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Settings {
    pub min_size: usize,
    pub max_size: usize,
    pub categories: Rule,
    /// On a branch's first tag (its 片区).
    pub tags: Rule,
    /// How many of a branch's most severe gaps count as its main gaps.
    pub main_gaps: usize,
    pub weights: Weights,
}

impl Default for Settings {
    fn default() -> Settings {
        Settings {
            min_size: 4,
            max_size: 6,
            categories: Rule::Mix,
            tags: Rule::Ignore,
            main_gaps: 3,
            weights: Weights::default(),
        }
    }
}

/// Branches (by input index) pinned to a group key. Branches with one key end in one group;
/// different keys, different groups; the rest are placed around them. A committee's move of
/// a branch into a group is a pin to that group's key; a swap is two pins.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Locks {
    pub pins: BTreeMap<usize, u32>,
}

impl Locks {
    pub fn pin(mut self, branch: usize, group: u32) -> Locks {
        self.pins.insert(branch, group);
        self
    }
}

/// Why a branch is where it is, or why a group has its lead and theme. Branches are input
/// indices; dimensions are ids. [`describe`] words a reason.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Reason {
    /// `member`'s main gap in `dimension` is covered by `helpers`, each strong there.
    Covered {
        member: usize,
        dimension: String,
        score: Option<f64>,
        target: Option<f64>,
        helpers: Vec<usize>,
    },
    /// `member`'s main gap in `dimension` has no member strong there: a shared task.
    Uncovered {
        member: usize,
        dimension: String,
        score: Option<f64>,
        target: Option<f64>,
    },
    /// `member` is strong in `dimension`, a main gap of each of `to`.
    Brings {
        member: usize,
        dimension: String,
        to: Vec<usize>,
    },
    /// Why `member` leads: its strengths cover `covers` main gaps of `helped` other members
    /// (the most in the group), or, when nobody covers anything, the best overall score; in
    /// a pair, the stronger side.
    Lead {
        member: usize,
        covers: usize,
        helped: usize,
        overall: Option<f64>,
        basis: LeadBasis,
    },
    /// The focus theme (a catalogue group id) works on `dimensions`, where `members` have gaps.
    Focus {
        theme: String,
        dimensions: Vec<String>,
        members: Vec<usize>,
    },
    /// The committee pinned `member` to this group.
    Locked { member: usize, key: u32 },
    /// `member` has no main gap and no strength another member lacks: it is here to keep
    /// the groups' levels even (`mean` is the group's mean overall score).
    Balances {
        member: usize,
        overall: Option<f64>,
        mean: Option<f64>,
    },
}

/// What made the lead the lead.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LeadBasis {
    /// Its strengths cover the most main gaps of the others.
    Covers,
    /// Nobody's strengths cover another's main gap: the highest overall score leads.
    Overall,
    /// The stronger side of a 结对 pair.
    Pairing,
}

/// One group of branches.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Group {
    /// Input indices, the lead first, then by overall score (highest first).
    pub members: Vec<usize>,
    pub lead: usize,
    /// The lock key the group carries, when the committee pinned branches to it.
    pub lock: Option<u32>,
    /// The catalogue group (bank `groups` id) that fits the group's shared gaps.
    pub focus: Option<String>,
    /// Mean overall score of the members that have one.
    pub mean: Option<f64>,
    /// Covered main-gap severity ÷ all main-gap severity in the group (1 when none).
    pub coverage: f64,
    /// Group reasons first (lead, focus), then each member's.
    pub reasons: Vec<Reason>,
    pub picture: Picture,
}

/// Something the committee should know about the result.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Note {
    /// The branches could not be split within the bounds: this group is smaller than `min`.
    Undersized {
        group: usize,
        size: usize,
        min: usize,
    },
    /// 结对 with an odd count: this group is one strong branch with two weak ones.
    Trio { group: usize },
    /// A block with a single branch: it stays alone.
    Unpaired { group: usize },
}

/// The figures a committee compares partitions by.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Quality {
    /// Covered main-gap severity ÷ all main-gap severity (1 when there are no gaps).
    pub gap_coverage_share: f64,
    pub main_gaps_covered: usize,
    pub main_gaps: usize,
    /// Population standard deviation of the group mean overall scores, in points.
    pub spread_of_group_means: f64,
    /// Highest minus lowest group mean, in points.
    pub range_of_group_means: f64,
    /// Share of member pairs (within groups) from different categories (1 with no pairs).
    pub category_mix: f64,
    /// Share of member pairs (within groups) not sharing a 片区 tag (1 with no pairs).
    pub tag_mix: f64,
    /// The objective F over all branches as one block.
    pub objective: f64,
}

/// The groups formed, with their quality and notes.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Grouping {
    pub groups: Vec<Group>,
    pub quality: Quality,
    pub notes: Vec<Note>,
}

impl Grouping {
    /// The group (position in `groups`) holding an input index.
    pub fn group_of(&self, branch: usize) -> Option<usize> {
        self.groups.iter().position(|g| g.members.contains(&branch))
    }
}

/// Why no groups could be formed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum GroupingError {
    /// `min` must be at least 1 and at most `max`.
    Bounds { min: usize, max: usize },
    /// A lock or a hand-made group names a branch that is not in the input.
    UnknownBranch { index: usize },
    /// More branches pinned to one key than a group may hold.
    LockTooLarge { key: u32, count: usize, max: usize },
    /// Branches pinned to one key belong to different categories or tags kept together.
    LockAcrossBlocks { key: u32 },
    /// The locks need more groups, or larger ones, than the branches allow.
    LocksDontFit { keys: usize, branches: usize },
    /// Strengths and gaps are tracked in 64-bit masks.
    TooManyDimensions { count: usize },
    /// A hand-made partition lists a branch twice or leaves one out.
    NotAPartition { index: usize },
}

/// Forms groups of `branches` within the settings' bounds, around the locks.
pub fn form_groups(
    branches: &[GroupingBranch],
    settings: &Settings,
    locks: &Locks,
    bank: &Bank,
) -> Result<Grouping, GroupingError> {
    check_bounds(settings)?;
    let prepared = input::prepare(branches, settings)?;
    search::check_locks(&prepared, settings, locks)?;
    let blocks = input::blocks(&prepared, settings);
    let mut formed: Vec<search::Formed> = Vec::new();
    for (position, block) in blocks.iter().enumerate() {
        formed.extend(search::form_block(
            &prepared, settings, locks, block, position,
        )?);
    }
    Ok(explain::finish(
        branches, &prepared, settings, bank, formed, true,
    ))
}

/// Describes and scores a partition as given (groups of input indices), with no search:
/// what a page shows while the committee moves branches by hand.
pub fn assess_partition(
    branches: &[GroupingBranch],
    settings: &Settings,
    groups: &[Vec<usize>],
    bank: &Bank,
) -> Result<Grouping, GroupingError> {
    let prepared = input::prepare(branches, settings)?;
    let mut seen = vec![false; branches.len()];
    for &b in groups.iter().flatten() {
        match seen.get_mut(b) {
            None => return Err(GroupingError::UnknownBranch { index: b }),
            Some(true) => return Err(GroupingError::NotAPartition { index: b }),
            Some(s) => *s = true,
        }
    }
    if let Some(index) = seen.iter().position(|s| !s) {
        return Err(GroupingError::NotAPartition { index });
    }
    let formed = groups
        .iter()
        .filter(|g| !g.is_empty())
        .map(|g| search::Formed {
            members: g.clone(),
            key: None,
            locked: Vec::new(),
            undersized_min: None,
            block: 0,
            lead: None,
            pairing: search::Pairing::No,
        })
        .collect();
    Ok(explain::finish(
        branches, &prepared, settings, bank, formed, false,
    ))
}

fn check_bounds(settings: &Settings) -> Result<(), GroupingError> {
    if settings.min_size == 0 || settings.min_size > settings.max_size {
        return Err(GroupingError::Bounds {
            min: settings.min_size,
            max: settings.max_size,
        });
    }
    Ok(())
}
