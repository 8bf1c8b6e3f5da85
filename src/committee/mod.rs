//! The committee workbench's domain: many branches' self-checks read into a roster, and every
//! figure a 机关党委 needs derived from it (心中有数、分类考评、共性与个性).
//!
//! Flow: inputs ──[`Intake`]──▶ [`Roster`] ──[`figures`]──▶ [`Figures`] ──▶ the views
//! ([`overview`], [`heat_map`], [`category_evaluation`], [`common_problems`],
//! [`category_problems`], [`red_lines`], [`trend`], [`training_plan`], [`rollup_csv`]).
//! [`Figures`] holds the costly part (one assessment and one set of suggestions per branch)
//! and depends only on the records, never on labels or tags: a page recomputes it when
//! [`Roster::records_revision`] changes (a slice of branches per frame with
//! [`FiguresBuilder`], as [`Intake`] reads a few inputs per frame), and each view is cheap
//! enough to run on every interaction. Views name branches by their index in
//! [`Roster::branches`], which is also their index in [`Figures::branches`].

mod csv;
mod figures;
mod findings;
pub mod generate;
mod grouping_input;
mod intake;
mod merge;
mod rollup;
mod stats;
mod trend;
mod workbench;

pub use csv::rollup_csv;
pub use figures::{figures, BranchFigures, Figures, FiguresBuilder};
pub use findings::{
    category_problems, common_problems, red_lines, training_plan, BranchRedLines, CategoryProblem,
    CommonProblem, RedLineItem, RedLines, RoleCount, TrainingDemand, CLEARLY_WEAKER_BY,
    COMMON_SHARE, MIN_EACH_SIDE, TRAININGS_PER_BRANCH, WEAK_CREDIT,
};
pub use grouping_input::grouping_branches;
pub use intake::{
    links, Branch, Input, Intake, Issue, Member, Note, Problem, Progress, Roster, Source,
};
pub use merge::{combine, diverges, merge_view, Divergence, MergeView};
pub use rollup::{
    category_evaluation, heat_map, heat_order, heat_row, overview, BandFilter, CategoryEvaluation,
    CategoryOverview, CellStatus, DimensionSpread, Evaluation, HeatCell, HeatFilter, HeatRow,
    HeatSettings, HeatSort, NameOrder, Ranked,
};
pub use stats::{quantile, Spread};
pub use trend::{trend, BranchTrend, CellTrend, Trend};
pub use workbench::{
    save_workbench, save_workbench_with_groups, SavedGroups, WorkbenchError, MAX_WORKBENCH_BYTES,
    WORKBENCH_FORMAT, WORKBENCH_VERSION,
};
