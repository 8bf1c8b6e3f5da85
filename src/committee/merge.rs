//! Merging several members' records of one branch (书记, 委员, 党员): one combined answer per
//! question, the assessment of those answers, and the questions where members diverge.
//!
//! Rules (documented in the README):
//! - Which records: the current bank version's, when the branch has any; records of an
//!   earlier version are then left out (two questionnaires do not mix). A branch with only
//!   earlier-version records is combined but not re-scored: its figures are its primary
//!   record's stored results.
//! - The primary record, whose category, modifiers and role the branch takes: the one whose
//!   role comes first in the bank's list of roles (书记 first in the default bank; no role
//!   last), then the newest.
//! - The answers that count: to questions the current bank asks of that selection, fitting
//!   the question's answer type (so an earlier version's answer counts only where both
//!   versions have the question with the same type).
//! - Combined answer: "not applicable" when more than half of those who answered chose it;
//!   otherwise, over the other answers, the lower median level, the majority of yes/no (a
//!   tie takes the answer with less credit), the lower median count. Lower medians and
//!   ties towards less credit keep the combined view from flattering the branch.
//! - Divergence: levels [`LEVELS_APART`] or more apart; both yes and no; counts whose credits
//!   differ by [`COUNT_CREDIT_APART`] or more; "not applicable" beside an answer.

use std::borrow::Cow;

use crate::assess::{
    applicable_questions, assess_asked, credit, Answer, Answers, AskedLists, Assessment, Selection,
};
use crate::bank::{AnswerSpec, Bank, Question};
use crate::record::applicable_answers;

use super::intake::{Member, Roster};

/// Levels this far apart (in steps) diverge.
pub const LEVELS_APART: u8 = 2;
/// Counts whose credits differ by this much diverge (e.g. 2 and 4 of a required 4).
pub const COUNT_CREDIT_APART: f64 = 0.5;

/// A question where the members' answers diverge, with who answered what.
#[derive(Debug, Clone, PartialEq)]
pub struct Divergence {
    pub question: String,
    /// (member index in [`Roster::members`], answer), in the branch's member order.
    pub answers: Vec<(usize, Answer)>,
    pub combined: Option<Answer>,
}

/// One branch's combined view.
#[derive(Debug, Clone, PartialEq)]
pub struct MergeView {
    pub branch: usize,
    /// The records combined (indexes into [`Roster::members`]).
    pub members: Vec<usize>,
    /// Earlier-version records left out because current ones exist.
    pub left_out: Vec<usize>,
    pub primary: usize,
    pub selection: Selection,
    /// Combined members whose category or modifiers differ from the primary record's.
    pub other_selection: Vec<usize>,
    pub combined: Answers,
    /// The assessment of the combined answers; `None` when every record is of an earlier
    /// bank version (their stored results stand).
    pub assessment: Option<Assessment>,
    pub divergences: Vec<Divergence>,
}

/// The combined view of one branch (`None` for an index outside the roster).
pub fn merge_view(bank: &Bank, roster: &Roster, branch: usize) -> Option<MergeView> {
    let Merged { mut view, combined } =
        merge_branch(bank, &mut AskedLists::default(), roster, branch)?;
    view.combined = combined.into_owned();
    Some(view)
}

/// A branch's combined view as the figures take it: its combined answers are the answers of
/// the branch's only record, not a copy, when they all count (as for most branches).
pub(super) struct Merged<'r> {
    /// The view, but for its `combined` answers, left empty.
    pub view: MergeView,
    pub combined: Cow<'r, Answers>,
}

/// The combined view of one branch; `lists` lists the questions of each selection once for
/// all the branches of a roll-up.
pub(super) fn merge_branch<'r>(
    bank: &Bank,
    lists: &mut AskedLists,
    roster: &'r Roster,
    branch: usize,
) -> Option<Merged<'r>> {
    let all = &roster.branches.get(branch)?.members;
    let member = |m: usize| roster.members.get(m);
    let any_current = all.iter().filter_map(|&m| member(m)).any(|m| m.current);
    let (members, left_out): (Vec<usize>, Vec<usize>) = all
        .iter()
        .filter(|&&m| member(m).is_some())
        .partition(|&&m| member(m).is_some_and(|m| m.current || !any_current));
    let primary = primary(bank, roster, &members)?;
    let selection = roster.members[primary].record.selection.clone();
    let other_selection = members
        .iter()
        .copied()
        .filter(|&m| {
            let s = &roster.members[m].record.selection;
            s.category != selection.category || s.modifiers != selection.modifiers
        })
        .collect();
    let records: Vec<&Member> = members.iter().map(|&m| &roster.members[m]).collect();
    let mut divergences = Vec::new();
    let (combined, assessment) = if let [only] = records.as_slice() {
        // Most branches send one record: its fitting answers stand as they are (and are
        // scored as found, rather than looked up again).
        let answers = &only.record.answers;
        let (kept, questions) = applicable_answers(lists.asked(bank, &selection, answers), answers);
        let assessment = any_current.then(|| assess_asked(bank, &selection, &questions));
        (kept, assessment)
    } else {
        let mut combined = Answers::new();
        for q in applicable_questions(bank, &selection) {
            let answers: Vec<(usize, Answer)> = members
                .iter()
                .zip(&records)
                .filter_map(|(&m, r)| Some((m, *r.record.answers.get(&q.id)?)))
                .filter(|(_, a)| credit(q, *a).is_ok())
                .collect();
            let given: Vec<Answer> = answers.iter().map(|(_, a)| *a).collect();
            let joint = combine(q, &given);
            if let Some(a) = joint {
                combined.insert(q.id.clone(), a);
            }
            if diverges(q, &given) {
                divergences.push(Divergence {
                    question: q.id.clone(),
                    answers,
                    combined: joint,
                });
            }
        }
        let assessment = any_current.then(|| lists.assess(bank, &selection, &combined));
        (Cow::Owned(combined), assessment)
    };
    let view = MergeView {
        branch,
        members,
        left_out,
        primary,
        selection,
        other_selection,
        combined: Answers::new(),
        assessment,
        divergences,
    };
    Some(Merged { view, combined })
}

/// The record whose selection the branch takes: first role in the bank's order, then newest,
/// then the later input.
fn primary(bank: &Bank, roster: &Roster, members: &[usize]) -> Option<usize> {
    let rank = |m: usize| {
        let record = &roster.members[m].record;
        let role = record
            .selection
            .role
            .as_ref()
            .and_then(|r| bank.roles.iter().position(|known| &known.id == r))
            .unwrap_or(usize::MAX);
        (
            role,
            std::cmp::Reverse(record.created.as_str()),
            std::cmp::Reverse(m),
        )
    };
    members
        .iter()
        .copied()
        .min_by(|&a, &b| rank(a).cmp(&rank(b)))
}

/// The combined answer to `question` from several members' answers (see the module rules).
/// Answers that do not fit the question are ignored; `None` when nothing fits.
pub fn combine(question: &Question, answers: &[Answer]) -> Option<Answer> {
    let fitting: Vec<Answer> = answers
        .iter()
        .copied()
        .filter(|a| credit(question, *a).is_ok())
        .collect();
    let not_applicable = fitting
        .iter()
        .filter(|a| **a == Answer::NotApplicable)
        .count();
    if fitting.is_empty() {
        return None;
    }
    if 2 * not_applicable > fitting.len() {
        return Some(Answer::NotApplicable);
    }
    match &question.answer {
        AnswerSpec::Levels { .. } => lower_median(fitting.iter().filter_map(|a| match a {
            Answer::Level(l) => Some(u32::from(*l)),
            _ => None,
        }))
        .and_then(|l| u8::try_from(l).ok())
        .map(Answer::Level),
        AnswerSpec::YesNo {
            yes_credit,
            no_credit,
        } => {
            let yes = fitting.iter().filter(|a| **a == Answer::Yes).count();
            let no = fitting.iter().filter(|a| **a == Answer::No).count();
            match yes.cmp(&no) {
                _ if yes + no == 0 => None,
                std::cmp::Ordering::Greater => Some(Answer::Yes),
                std::cmp::Ordering::Less => Some(Answer::No),
                std::cmp::Ordering::Equal if yes_credit < no_credit => Some(Answer::Yes),
                std::cmp::Ordering::Equal => Some(Answer::No),
            }
        }
        AnswerSpec::Count { .. } => lower_median(fitting.iter().filter_map(|a| match a {
            Answer::Count(n) => Some(*n),
            _ => None,
        }))
        .map(Answer::Count),
    }
}

/// Whether members' answers to `question` diverge (see the module rules).
pub fn diverges(question: &Question, answers: &[Answer]) -> bool {
    let fitting: Vec<(Answer, Option<f64>)> = answers
        .iter()
        .filter_map(|a| Some((*a, credit(question, *a).ok()?)))
        .collect();
    let credits = fitting.iter().filter_map(|(_, c)| *c);
    if fitting.iter().any(|(_, c)| c.is_none()) && credits.clone().next().is_some() {
        return true;
    }
    let has = |answer: Answer| fitting.iter().any(|(a, _)| *a == answer);
    match &question.answer {
        AnswerSpec::Levels { .. } => {
            let levels = fitting.iter().filter_map(|(a, _)| match a {
                Answer::Level(l) => Some(*l),
                _ => None,
            });
            let (low, high) = levels.fold((u8::MAX, 0), |(lo, hi), l| (lo.min(l), hi.max(l)));
            low <= high && high - low >= LEVELS_APART
        }
        AnswerSpec::YesNo { .. } => has(Answer::Yes) && has(Answer::No),
        AnswerSpec::Count { .. } => {
            let low = credits.clone().fold(f64::INFINITY, f64::min);
            let high = credits.fold(f64::NEG_INFINITY, f64::max);
            high - low >= COUNT_CREDIT_APART - 1e-9
        }
    }
}

fn lower_median(values: impl Iterator<Item = u32>) -> Option<u32> {
    let mut values: Vec<u32> = values.collect();
    crate::order::sort_by(&mut values, u32::cmp);
    values.get(values.len().checked_sub(1)? / 2).copied()
}
