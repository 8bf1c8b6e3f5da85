//! Findings across branches: 共性与个性 (questions weak everywhere, questions where one category
//! is clearly weaker), red lines by branch and by item, and the training plan.
//!
//! Rules (documented in the README), on each branch's credit per question (0..=1, "not
//! applicable" and unanswered left out):
//! - Common problem: a question answered by at least [`COMMON_SHARE`] of all branches, ranked
//!   by mean credit, lowest first; each lists the branches below [`WEAK_CREDIT`].
//! - Category problem: a category whose mean credit on a question is at least
//!   [`CLEARLY_WEAKER_BY`] below the mean of all other branches that answered it, with at
//!   least [`MIN_EACH_SIDE`] branches answering on each side.

use crate::bank::{Bank, Text};

use super::figures::Figures;

/// A branch's credit below this counts as weak on that question.
pub const WEAK_CREDIT: f64 = 0.6;
/// A common problem is a question answered by at least this share of the branches.
pub const COMMON_SHARE: f64 = 0.5;
/// A category is clearly weaker on a question when its mean credit is this far below the rest.
pub const CLEARLY_WEAKER_BY: f64 = 0.2;
/// ... with at least this many branches answering in the category and among the rest.
pub const MIN_EACH_SIDE: usize = 3;
/// Trainings suggested per branch, as on a branch's own results.
pub const TRAININGS_PER_BRANCH: usize = 5;
/// Float sums in another order may differ in the last bits: thresholds allow for that.
const EPSILON: f64 = 1e-9;

#[derive(Debug, Clone, PartialEq)]
pub struct CommonProblem {
    pub question: String,
    pub dimension: String,
    /// Branches that answered it (not "not applicable").
    pub answered: usize,
    pub mean_credit: f64,
    /// Branches below [`WEAK_CREDIT`] on it.
    pub weak: Vec<usize>,
}

/// Per question: (branch, credit) of every branch that answered it.
fn credits_by_question(bank: &Bank, figures: &Figures) -> Vec<Vec<(usize, f64)>> {
    let mut by_question = vec![Vec::new(); bank.questions.len()];
    for (b, f) in figures.branches.iter().enumerate() {
        for &(q, credit) in &f.credits {
            if let Some(list) = by_question.get_mut(q) {
                list.push((b, credit));
            }
        }
    }
    by_question
}

fn mean(values: impl Iterator<Item = f64>) -> Option<f64> {
    let (sum, n) = values.fold((0.0, 0usize), |(s, n), v| (s + v, n + 1));
    (n > 0).then(|| sum / n as f64)
}

/// The weakest questions across all branches, at most `limit`, weakest first (ties: more
/// weak branches first, then bank order).
pub fn common_problems(bank: &Bank, figures: &Figures, limit: usize) -> Vec<CommonProblem> {
    let needed = ((figures.branches.len() as f64 * COMMON_SHARE).ceil() as usize).max(1);
    let mut problems: Vec<(usize, CommonProblem)> = credits_by_question(bank, figures)
        .into_iter()
        .enumerate()
        .filter(|(_, answers)| answers.len() >= needed)
        .filter_map(|(q, answers)| {
            let question = &bank.questions[q];
            let problem = CommonProblem {
                question: question.id.clone(),
                dimension: question.dimension.clone(),
                answered: answers.len(),
                mean_credit: mean(answers.iter().map(|(_, c)| *c))?,
                weak: weak(&answers),
            };
            Some((q, problem))
        })
        .collect();
    crate::order::sort_by(&mut problems, |(qa, a), (qb, b)| {
        a.mean_credit
            .total_cmp(&b.mean_credit)
            .then(b.weak.len().cmp(&a.weak.len()))
            .then(qa.cmp(qb))
    });
    problems.truncate(limit);
    problems.into_iter().map(|(_, p)| p).collect()
}

fn weak(answers: &[(usize, f64)]) -> Vec<usize> {
    answers
        .iter()
        .filter(|(_, c)| *c < WEAK_CREDIT)
        .map(|(b, _)| *b)
        .collect()
}

/// A question on which one category is clearly weaker than the rest.
#[derive(Debug, Clone, PartialEq)]
pub struct CategoryProblem {
    pub question: String,
    pub dimension: String,
    pub category: String,
    /// Branches of the category that answered it, and their mean credit.
    pub in_category: usize,
    pub mean_in_category: f64,
    /// All other branches that answered it, and their mean credit.
    pub others: usize,
    pub mean_others: f64,
    /// `mean_others − mean_in_category`.
    pub difference: f64,
    /// The category's branches below [`WEAK_CREDIT`] on it.
    pub weak: Vec<usize>,
}

/// Questions where a category is clearly weaker than the rest, largest difference first.
pub fn category_problems(bank: &Bank, figures: &Figures) -> Vec<CategoryProblem> {
    let category_of: Vec<Option<usize>> = figures
        .branches
        .iter()
        .map(|f| {
            bank.categories
                .iter()
                .position(|c| c.id == f.selection.category)
        })
        .collect();
    let mut problems: Vec<(usize, usize, CategoryProblem)> = Vec::new();
    for (q, answers) in credits_by_question(bank, figures).into_iter().enumerate() {
        let total: f64 = answers.iter().map(|(_, c)| c).sum();
        for (c, category) in bank.categories.iter().enumerate() {
            let inside: Vec<(usize, f64)> = answers
                .iter()
                .copied()
                .filter(|(b, _)| category_of[*b] == Some(c))
                .collect();
            let others = answers.len() - inside.len();
            if inside.len() < MIN_EACH_SIDE || others < MIN_EACH_SIDE {
                continue;
            }
            let sum_in: f64 = inside.iter().map(|(_, c)| c).sum();
            let mean_in = sum_in / inside.len() as f64;
            let mean_others = (total - sum_in) / others as f64;
            let difference = mean_others - mean_in;
            if difference + EPSILON < CLEARLY_WEAKER_BY {
                continue;
            }
            let question = &bank.questions[q];
            let problem = CategoryProblem {
                question: question.id.clone(),
                dimension: question.dimension.clone(),
                category: category.id.clone(),
                in_category: inside.len(),
                mean_in_category: mean_in,
                others,
                mean_others,
                difference,
                weak: weak(&inside),
            };
            problems.push((q, c, problem));
        }
    }
    crate::order::sort_by(&mut problems, |(qa, ca, a), (qb, cb, b)| {
        b.difference
            .total_cmp(&a.difference)
            .then(qa.cmp(qb))
            .then(ca.cmp(cb))
    });
    problems.into_iter().map(|(_, _, p)| p).collect()
}

/// One branch's red lines.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BranchRedLines {
    pub branch: usize,
    pub questions: Vec<String>,
}

/// One red-line question and the branches that flagged it.
#[derive(Debug, Clone, PartialEq)]
pub struct RedLineItem {
    pub question: String,
    /// `None` for a question the current bank no longer has (an earlier version's).
    pub dimension: Option<String>,
    /// The bank's message: what the branch must do.
    pub message: Option<Text>,
    pub branches: Vec<usize>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct RedLines {
    /// Branches with red lines, most first (ties in roster order).
    pub by_branch: Vec<BranchRedLines>,
    /// Items flagged, by most branches first (ties in bank order, unknown questions last).
    pub by_item: Vec<RedLineItem>,
}

pub fn red_lines(bank: &Bank, figures: &Figures) -> RedLines {
    let mut by_branch: Vec<BranchRedLines> = figures
        .branches
        .iter()
        .enumerate()
        .filter(|(_, f)| !f.red_lines.is_empty())
        .map(|(b, f)| BranchRedLines {
            branch: b,
            questions: f.red_lines.clone(),
        })
        .collect();
    crate::order::sort_by(&mut by_branch, |a, b| {
        b.questions.len().cmp(&a.questions.len())
    });
    let mut by_item: Vec<(usize, RedLineItem)> = Vec::new();
    for line in &by_branch {
        for id in &line.questions {
            match by_item.iter_mut().find(|(_, item)| &item.question == id) {
                Some((_, item)) => item.branches.push(line.branch),
                None => {
                    let at = bank.questions.iter().position(|q| &q.id == id);
                    let question = at.map(|q| &bank.questions[q]);
                    let item = RedLineItem {
                        question: id.clone(),
                        dimension: question.map(|q| q.dimension.clone()),
                        message: question
                            .and_then(|q| q.red_line.as_ref())
                            .map(|r| r.message.clone()),
                        branches: vec![line.branch],
                    };
                    by_item.push((at.unwrap_or(usize::MAX), item));
                }
            }
        }
    }
    for (_, item) in &mut by_item {
        crate::order::sort_by(&mut item.branches, usize::cmp);
    }
    crate::order::sort_by(&mut by_item, |(qa, a), (qb, b)| {
        b.branches
            .len()
            .cmp(&a.branches.len())
            .then(qa.cmp(qb))
            .then(a.question.cmp(&b.question))
    });
    RedLines {
        by_branch,
        by_item: by_item.into_iter().map(|(_, item)| item).collect(),
    }
}

/// How many of the branches needing a training had their self-check filled by a role.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RoleCount {
    /// `None`: the record gives no role.
    pub role: Option<String>,
    pub branches: usize,
}

/// One training module and the branches it is suggested to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TrainingDemand {
    pub training: String,
    /// Branches among whose [`TRAININGS_PER_BRANCH`] suggestions it is.
    pub branches: Vec<usize>,
    /// Who attends: the training's roles (the bank's), one seat per branch each.
    pub roles: Vec<String>,
    /// The roles of the records behind those branches, in the bank's role order (a branch
    /// merged from several records counts once per role).
    pub reported_by: Vec<RoleCount>,
}

/// The training plan: every training suggested to at least one branch, most branches first
/// (ties in bank order).
pub fn training_plan(bank: &Bank, figures: &Figures) -> Vec<TrainingDemand> {
    let mut plan: Vec<TrainingDemand> = bank
        .trainings
        .iter()
        .filter_map(|t| {
            let branches: Vec<usize> = (0..figures.branches.len())
                .filter(|&b| figures.branches[b].trainings.contains(&t.id))
                .collect();
            if branches.is_empty() {
                return None;
            }
            let known = bank.roles.iter().map(|r| Some(r.id.clone()));
            let reported_by = known
                .chain([None])
                .map(|role| RoleCount {
                    branches: branches
                        .iter()
                        .filter(|&&b| figures.branches[b].roles.contains(&role))
                        .count(),
                    role,
                })
                .filter(|count| count.branches > 0)
                .collect();
            Some(TrainingDemand {
                training: t.id.clone(),
                branches,
                roles: t.roles.clone(),
                reported_by,
            })
        })
        .collect();
    crate::order::sort_by(&mut plan, |a, b| b.branches.len().cmp(&a.branches.len()));
    plan
}
