//! Each branch's figures, computed once from the roster: scores, band, red lines, the credit
//! of every comparable answer and the suggested trainings. Every view reads these.
//!
//! - A branch with current-version records is scored by the engine on its combined answers
//!   (one record: its own answers, so the figures equal the record's results).
//! - A branch with only earlier-version records keeps its primary record's stored results;
//!   its suggestions are ranked from those stored scores against today's targets.
//! - Scores are kept to 0.1, as records keep them, so every view shows what the branch saw.
//! - Targets are today's targets for the branch's category (分类考评 against one standard).
//! - Every branch of the roster has figures, at its index in [`Roster::branches`].
//!
//! [`figures`] computes them at once; [`FiguresBuilder`] a few branches at a time, for a page
//! that must stay responsive with thousands of branches.

use std::cmp::Ordering;

use crate::assess::{
    credit, effective_weights, Answers, AskedLists, Assessment, Completeness, DimensionResult,
    DimensionStatus, Gap, RedLineHit, Selection,
};
use crate::bank::Bank;
use crate::recommend::training_scores;
use crate::record::RecordedResults;

use super::findings::TRAININGS_PER_BRANCH;
use super::intake::Roster;
use super::merge::{merge_branch, Merged};

/// One branch's figures.
#[derive(Debug, Clone, PartialEq)]
pub struct BranchFigures {
    /// The branch's category, modifiers and role (of its primary record).
    pub selection: Selection,
    pub bank_version: String,
    /// The newest `created` among its records.
    pub date: String,
    pub overall: Option<f64>,
    pub band: Option<String>,
    pub completeness: Completeness,
    /// Per dimension, in [`Figures::dimensions`] order, to 0.1.
    pub scores: Vec<Option<f64>>,
    /// The category's target per dimension, same order.
    pub targets: Vec<f64>,
    /// Red-line question ids.
    pub red_lines: Vec<String>,
    /// (position in `bank.questions`, credit) of each comparable answer other than "not
    /// applicable", in bank order.
    pub credits: Vec<(usize, f64)>,
    /// The roles of the records rolled up (`None`: not given).
    pub roles: Vec<Option<String>>,
    /// Suggested training ids, best first.
    pub trainings: Vec<String>,
    /// Scored by the current bank (otherwise an earlier version's stored results).
    pub current: bool,
}

/// Every branch's figures, in [`Roster::branches`] order.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Figures {
    /// The bank's dimension ids, in bank order.
    pub dimensions: Vec<String>,
    pub branches: Vec<BranchFigures>,
}

/// Computes every branch's figures: one assessment and one ranking of trainings per branch.
/// A page that must not freeze on thousands of branches uses [`FiguresBuilder`] instead.
pub fn figures(bank: &Bank, roster: &Roster) -> Figures {
    let mut builder = FiguresBuilder::new(bank, roster);
    builder.step(bank, roster, usize::MAX);
    builder.finish()
}

/// Computes the figures a few branches at a time, so a page can show progress and stay
/// responsive: [`step`](FiguresBuilder::step) between frames until it says it is done, then
/// [`finish`](FiguresBuilder::finish). Stepped to the end, it gives exactly [`figures`].
///
/// It may be stepped while intake is still adding records to the roster (a page computes
/// the figures of the branches read so far while the browser reads the next files): when
/// the roster's records change, the next step goes over the branches again and computes
/// only those whose records changed since their figures were made
/// ([`Roster::branch_revision`]), and the new ones. Every step must be given the bank it was
/// made with and that one roster, as it grows.
#[derive(Debug, Clone)]
pub struct FiguresBuilder {
    /// The bank's dimension ids, in bank order.
    dimensions: Vec<String>,
    /// Each branch's figures so far, with the branch's records revision they were made at.
    branches: Vec<Option<(Option<u64>, BranchFigures)>>,
    /// The bank's question positions, in the order of their ids (as answers are kept).
    by_id: Vec<usize>,
    /// The roster's [`Roster::records_revision`] the branches were last gone over for.
    revision: u64,
    /// The branches before this one have figures of their records as of `revision`.
    next: usize,
    /// The questions asked of each selection met so far, kept from step to step.
    lists: AskedLists,
}

impl FiguresBuilder {
    pub fn new(bank: &Bank, roster: &Roster) -> FiguresBuilder {
        let mut by_id: Vec<usize> = (0..bank.questions.len()).collect();
        crate::order::sort_by(&mut by_id, |&a, &b| {
            bank.questions[a].id.cmp(&bank.questions[b].id)
        });
        FiguresBuilder {
            dimensions: bank.dimensions.iter().map(|d| d.id.clone()).collect(),
            branches: (0..roster.branches.len()).map(|_| None).collect(),
            by_id,
            revision: roster.records_revision(),
            next: 0,
            lists: AskedLists::default(),
        }
    }

    /// Computes up to `max_branches` more branches' figures; whether every branch is done.
    pub fn step(&mut self, bank: &Bank, roster: &Roster, max_branches: usize) -> bool {
        if roster.records_revision() != self.revision
            || roster.branches.len() != self.branches.len()
        {
            self.revision = roster.records_revision();
            self.branches.resize_with(roster.branches.len(), || None);
            self.next = 0;
        }
        let mut computed = 0;
        while self.next < self.branches.len() && computed < max_branches {
            let b = self.next;
            let stamp = roster.branch_revision(b);
            let fresh =
                stamp.is_some() && matches!(&self.branches[b], Some((made, _)) if *made == stamp);
            if !fresh {
                let figures = branch_figures(bank, &mut self.lists, &self.by_id, roster, b);
                self.branches[b] = Some((stamp, figures));
                computed += 1;
            }
            self.next += 1;
        }
        self.is_done()
    }

    /// (branches gone over, branches in all).
    pub fn progress(&self) -> (usize, usize) {
        (self.next, self.branches.len())
    }

    /// Whether every branch of the roster last stepped has its figures (a roster that has
    /// changed since needs another step).
    pub fn is_done(&self) -> bool {
        self.next >= self.branches.len()
    }

    /// The figures, once [`step`](FiguresBuilder::step) has said it is done.
    pub fn finish(self) -> Figures {
        Figures {
            dimensions: self.dimensions,
            branches: self
                .branches
                .into_iter()
                .flatten()
                .map(|(_, figures)| figures)
                .collect(),
        }
    }
}

/// One branch's figures. A branch always has figures, so that [`Figures::branches`] stays
/// aligned with [`Roster::branches`]: a branch without any record (which intake never makes,
/// only a roster edited by hand) gets empty ones.
fn branch_figures(
    bank: &Bank,
    lists: &mut AskedLists,
    by_id: &[usize],
    roster: &Roster,
    b: usize,
) -> BranchFigures {
    let Some(Merged { view, combined }) = merge_branch(bank, lists, roster, b) else {
        return no_figures(bank);
    };
    let records = view.members.iter().map(|&m| &roster.members[m].record);
    let date = records
        .clone()
        .map(|r| r.created.as_str())
        .max()
        .unwrap_or_default()
        .to_string();
    let roles = records.map(|r| r.selection.role.clone()).collect();
    let primary = &roster.members[view.primary].record;
    let current = view.assessment.is_some();
    let (results, assessment) = match view.assessment {
        Some(a) => (RecordedResults::from_assessment(&a), a),
        None => {
            let results = primary.results.clone();
            let a = stored_assessment(bank, &view.selection, &results);
            (results, a)
        }
    };
    let trainings = trainings(bank, &view.selection, &assessment);
    let credits = credits(bank, by_id, &combined);
    let category = bank
        .categories
        .iter()
        .find(|c| c.id == view.selection.category);
    BranchFigures {
        bank_version: if current {
            bank.version.clone()
        } else {
            primary.bank.version.clone()
        },
        date,
        overall: results.overall,
        band: results.band.clone(),
        completeness: results.completeness,
        scores: bank
            .dimensions
            .iter()
            .map(|d| {
                let stored = results.dimensions.iter().find(|r| r.id == d.id);
                stored.and_then(|r| r.score)
            })
            .collect(),
        targets: bank
            .dimensions
            .iter()
            .map(|d| category.and_then(|c| c.targets.get(&d.id).copied()))
            .map(|t| t.unwrap_or(0.0))
            .collect(),
        red_lines: results.red_lines,
        credits,
        roles,
        trainings,
        current,
        selection: view.selection,
    }
}

/// (position in `bank.questions`, credit) of each answer other than "not applicable", in bank
/// order. The answers, kept in id order, are walked alongside `by_id`, the bank's questions
/// in id order: one pass, rather than a search of the bank per answer.
fn credits(bank: &Bank, by_id: &[usize], answers: &Answers) -> Vec<(usize, f64)> {
    let mut credits = vec![None; bank.questions.len()];
    let mut questions = by_id
        .iter()
        .filter_map(|&at| Some((at, bank.questions.get(at)?)));
    let mut question = questions.next();
    for (id, answer) in answers {
        while let Some((at, q)) = question {
            match q.id.cmp(id) {
                Ordering::Less => question = questions.next(),
                Ordering::Equal => {
                    credits[at] = credit(q, *answer).ok().flatten();
                    break;
                }
                Ordering::Greater => break,
            }
        }
    }
    credits
        .into_iter()
        .enumerate()
        .filter_map(|(at, c)| Some((at, c?)))
        .collect()
}

/// The figures of a branch without records: nothing known, no category.
fn no_figures(bank: &Bank) -> BranchFigures {
    BranchFigures {
        selection: Selection::default(),
        bank_version: String::new(),
        date: String::new(),
        overall: None,
        band: None,
        completeness: Completeness::Insufficient,
        scores: vec![None; bank.dimensions.len()],
        targets: vec![0.0; bank.dimensions.len()],
        red_lines: Vec::new(),
        credits: Vec::new(),
        roles: Vec::new(),
        trainings: Vec::new(),
        current: false,
    }
}

/// The [`TRAININGS_PER_BRANCH`] best trainings. `recommend` adds up needs in a `HashMap`'s
/// order, so two equal scores can differ in their last bits from one run to the next and
/// swap places; ranked again on scores rounded to 1e-9, ties fall to the id and the roll-up
/// does not change between two computations of the same roster. (Ranked from
/// [`training_scores`], the scores `recommend` ranks by, without the reasons it writes.)
fn trainings(bank: &Bank, selection: &Selection, assessment: &Assessment) -> Vec<String> {
    let mut ranked = training_scores(bank, selection, assessment);
    let settled = |score: f64| (score * 1e9).round();
    crate::order::sort_by(&mut ranked, |a, b| {
        settled(b.0)
            .total_cmp(&settled(a.0))
            .then(a.1.id.cmp(&b.1.id))
    });
    ranked.truncate(TRAININGS_PER_BRANCH);
    ranked.into_iter().map(|(_, t)| t.id.clone()).collect()
}

/// An assessment rebuilt from stored results, for ranking suggestions: scores, gaps and
/// strengths against today's targets and weights, red lines the bank still has. Question
/// detail is not known, so gaps name no questions.
fn stored_assessment(bank: &Bank, selection: &Selection, results: &RecordedResults) -> Assessment {
    let category = bank.categories.iter().find(|c| c.id == selection.category);
    let weights = category
        .map(|c| effective_weights(bank, c, selection))
        .unwrap_or_default();
    let total: f64 = weights.iter().sum();
    let mut dimensions = Vec::new();
    let mut gaps = Vec::new();
    let mut strengths = Vec::new();
    for (i, d) in bank.dimensions.iter().enumerate() {
        let share = match weights.get(i) {
            Some(w) if total > 0.0 => w / total,
            _ => 0.0,
        };
        let target = category
            .and_then(|c| c.targets.get(&d.id).copied())
            .unwrap_or(0.0);
        let score = results
            .dimensions
            .iter()
            .find(|r| r.id == d.id)
            .and_then(|r| r.score);
        let status = match score {
            None => DimensionStatus::Unknown,
            Some(s) if s < target => {
                gaps.push(Gap {
                    dimension: d.id.clone(),
                    score: s,
                    target,
                    shortfall: target - s,
                    severity: share * (target - s),
                    questions: Vec::new(),
                });
                DimensionStatus::Gap
            }
            Some(s) if s >= target + bank.strength_margin => {
                strengths.push(d.id.clone());
                DimensionStatus::Strength
            }
            Some(_) => DimensionStatus::OnTarget,
        };
        dimensions.push(DimensionResult {
            id: d.id.clone(),
            weight_share: share,
            target,
            score,
            answered: 0,
            not_applicable: 0,
            unanswered: 0,
            status,
        });
    }
    let red_lines = results
        .red_lines
        .iter()
        .filter_map(|id| bank.questions.iter().find(|q| &q.id == id))
        .map(|q| RedLineHit {
            question: q.id.clone(),
            dimension: q.dimension.clone(),
        })
        .collect();
    Assessment {
        overall: results.overall,
        band: results.band.clone(),
        completeness: results.completeness,
        coverage: results.coverage,
        answered: 0,
        not_applicable: 0,
        unanswered: 0,
        invalid: Vec::new(),
        dimensions,
        strengths,
        gaps,
        red_lines,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::bank::{load_bank, DEFAULT_BANK_JSON};
    use crate::committee::generate::generate;
    use crate::committee::{Branch, Input, Intake};

    fn roster(bank: &Bank, records: usize, seed: u64) -> Roster {
        let files = generate(bank, records, seed);
        let inputs = files
            .into_iter()
            .map(|(name, text)| Input::File { name, text });
        Roster::read(bank, inputs)
    }

    #[test]
    fn the_builder_stepped_in_slices_of_7_gives_the_figures() {
        let bank = load_bank(DEFAULT_BANK_JSON).unwrap();
        let roster = roster(&bank, 300, 3);
        let total = roster.branches.len();
        assert!(total > 7 * 20, "{total} branches");
        let mut builder = FiguresBuilder::new(&bank, &roster);
        assert_eq!(builder.progress(), (0, total));
        let mut steps = 0;
        while !builder.step(&bank, &roster, 7) {
            steps += 1;
            assert_eq!(builder.progress(), (7 * steps, total));
        }
        assert_eq!(steps + 1, total.div_ceil(7));
        assert_eq!(builder.progress(), (total, total));
        assert!(builder.is_done());
        assert!(builder.step(&bank, &roster, 7), "done stays done");
        assert_eq!(builder.finish(), figures(&bank, &roster));
    }

    /// Records added between two steps: the computation starts over on the new roster.
    #[test]
    fn the_builder_starts_over_when_the_records_change() {
        let bank = load_bank(DEFAULT_BANK_JSON).unwrap();
        let mut roster = roster(&bank, 40, 5);
        let mut builder = FiguresBuilder::new(&bank, &roster);
        builder.step(&bank, &roster, 7);
        let extra = generate(&bank, 60, 6)
            .into_iter()
            .map(|(name, text)| Input::File { name, text });
        let mut intake = Intake::adding_to(roster);
        extra.for_each(|input| intake.push(input));
        intake.step(&bank, usize::MAX);
        roster = intake.into_roster();
        while !builder.step(&bank, &roster, 7) {}
        assert_eq!(builder.finish(), figures(&bank, &roster));
    }

    /// Stepped while intake adds records a few at a time, the builder keeps the figures of
    /// branches whose records did not change, and computes again those that gained a member
    /// or had a record replaced by a newer one after their figures were made: it gives the
    /// final roster's figures.
    #[test]
    fn the_builder_keeps_up_with_a_growing_roster() {
        let bank = load_bank(DEFAULT_BANK_JSON).unwrap();
        let generated = generate(&bank, 400, 13);
        // Members of one branch are generated next to each other: spread them out.
        let n = generated.len();
        let mut files: Vec<(String, String)> =
            (0..n).map(|i| generated[(i * 7919) % n].clone()).collect();
        // A newer record of a branch and role read early on, with one answer fewer.
        let early = crate::record::read_baseline(&bank, &files[0].1).unwrap();
        let mut answers = early.answers.clone();
        answers.pop_first();
        let newer = crate::record::export_record(
            &bank,
            &early.selection,
            &answers,
            early.unit_name.as_deref(),
            "2099-01-01",
        );
        files.push(("newer.json".into(), newer));

        let mut intake = Intake::new(&bank);
        let mut builder = FiguresBuilder::new(&bank, intake.roster());
        let mut seen: Vec<Option<u64>> = Vec::new();
        let mut changed_after_made = 0;
        for chunk in files.chunks(9) {
            for (name, text) in chunk {
                intake.push(Input::File {
                    name: name.clone(),
                    text: text.clone(),
                });
            }
            intake.step(&bank, usize::MAX);
            let roster = intake.roster();
            changed_after_made += seen
                .iter()
                .enumerate()
                .filter(|(b, made)| made.is_some() && roster.branch_revision(*b) != **made)
                .count();
            while !builder.step(&bank, roster, 4) {}
            seen = (0..roster.branches.len())
                .map(|b| roster.branch_revision(b))
                .collect();
        }
        assert!(
            changed_after_made > 5,
            "{changed_after_made} branches changed later"
        );
        let roster = intake.into_roster();
        assert!(roster
            .issues
            .iter()
            .any(|i| matches!(i.problem, crate::committee::Problem::Replaced { .. })));
        assert!(builder.step(&bank, &roster, 1), "nothing left to compute");
        assert_eq!(builder.finish(), figures(&bank, &roster));
    }

    /// Figures stay aligned with the roster's branches, even for a branch without records
    /// (which intake never makes).
    #[test]
    fn every_branch_has_figures_at_its_index() {
        let bank = load_bank(DEFAULT_BANK_JSON).unwrap();
        let mut roster = roster(&bank, 30, 9);
        let before = figures(&bank, &roster);
        roster.branches.insert(1, Branch::default());
        let after = figures(&bank, &roster);
        assert_eq!(after.branches.len(), roster.branches.len());
        assert_eq!(after.branches[0], before.branches[0]);
        assert_eq!(after.branches[1], no_figures(&bank));
        assert_eq!(after.branches[2..], before.branches[1..]);
    }
}
