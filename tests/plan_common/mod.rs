//! What the plan tests share: the default bank, a self-check of it answered at the top but
//! for chosen answers, and the one hand-checked organ self-check the plan tests start from.
#![allow(dead_code, reason = "each test file uses its own subset")]

use branch_self_check::assess::{
    applicable_questions, assess, Answer, Answers, Assessment, Selection,
};
use branch_self_check::bank::{load_bank, AnswerSpec, Bank, DEFAULT_BANK_JSON};
use branch_self_check::plan::{Date, Results};

pub fn bank() -> Bank {
    load_bank(DEFAULT_BANK_JSON).expect("the default bank loads")
}

pub fn date(text: &str) -> Date {
    Date::parse(text).unwrap_or_else(|| panic!("{text} is a date"))
}

/// Every question asked of `selection` answered with its best answer (the last level, the
/// yes/no answer with full credit, the yearly count), then `changes` applied: `Some` sets an
/// answer, `None` leaves the question unanswered.
pub fn answered(bank: &Bank, selection: &Selection, changes: &[(&str, Option<Answer>)]) -> Answers {
    let mut answers: Answers = applicable_questions(bank, selection)
        .into_iter()
        .map(|q| {
            let best = match &q.answer {
                AnswerSpec::Levels { levels } => {
                    Answer::Level(u8::try_from(levels.len() - 1).expect("few levels"))
                }
                AnswerSpec::YesNo {
                    yes_credit,
                    no_credit,
                } if yes_credit >= no_credit => Answer::Yes,
                AnswerSpec::YesNo { .. } => Answer::No,
                AnswerSpec::Count { per_year, .. } => Answer::Count(*per_year),
            };
            (q.id.clone(), best)
        })
        .collect();
    for (id, answer) in changes {
        assert!(
            answers.contains_key(*id),
            "{id} is asked of {}",
            selection.category
        );
        match answer {
            Some(a) => answers.insert(id.to_string(), *a),
            None => answers.remove(*id),
        };
    }
    answers
}

/// A self-check: what `Results` borrows.
pub struct Check {
    pub bank: Bank,
    pub selection: Selection,
    pub answers: Answers,
    pub assessment: Assessment,
}

impl Check {
    pub fn new(bank: Bank, selection: Selection, answers: Answers) -> Check {
        let assessment = assess(&bank, &selection, &answers);
        Check {
            bank,
            selection,
            answers,
            assessment,
        }
    }

    pub fn results(&self) -> Results<'_> {
        Results::new(&self.bank, &self.selection, &self.answers, &self.assessment)
    }
}

/// The organ self-check the plan tests start from: the best answer everywhere except
///
/// | question          | dimension (weight in it / all its weights) | answer | credit |
/// |-------------------|--------------------------------------------|--------|--------|
/// | c-org_life-01     | org_life (2 / 18), red line: yes is bad    | yes    | 0      |
/// | c-org_life-02     | org_life (1.5 / 18), 4 a year              | 2      | 0.5    |
/// | c-org_life-11     | org_life (2 / 18)                          | level 0| 0      |
/// | c-political-04    | political (1.5 / 14.5)                     | no     | 0      |
/// | c-political-05    | political (1 / 14.5)                       | level 0| 0      |
/// | c-discipline-06   | discipline (2 / 13.5), red line: yes is bad| yes    | 0      |
/// | c-integration-01  | integration (2 / 14)                       | level 2| 0.7    |
///
/// org_life = 100 × (18 − 2 − 0.75 − 2) / 18 = 73.6 < 85: a gap, weight share 20/100,
/// severity 0.2 × 11.4 = 2.28; its questions lose 11.1 (01), 11.1 (11), 4.2 (02) points;
/// political = 100 × (14.5 − 1.5 − 1) / 14.5 = 82.8 < 85: a gap, severity 0.2 × 2.2 = 0.45;
/// its questions lose 10.3 (04), 6.9 (05); discipline = 100 × 11.5 / 13.5 = 85.2 ≥ 85 and
/// integration = 100 × 13.4 / 14 = 95.7 ≥ 80: no gap. Red lines, in bank order:
/// c-org_life-01, c-discipline-06.
pub fn organ_check() -> Check {
    let bank = bank();
    let selection = Selection::new("organ");
    let answers = answered(
        &bank,
        &selection,
        &[
            ("c-org_life-01", Some(Answer::Yes)),
            ("c-org_life-02", Some(Answer::Count(2))),
            ("c-org_life-11", Some(Answer::Level(0))),
            ("c-political-04", Some(Answer::No)),
            ("c-political-05", Some(Answer::Level(0))),
            ("c-discipline-06", Some(Answer::Yes)),
            ("c-integration-01", Some(Answer::Level(2))),
        ],
    );
    Check::new(bank, selection, answers)
}
