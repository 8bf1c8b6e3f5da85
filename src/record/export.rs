//! The export file: a versioned, checksummed JSON record of one self-check.

use std::borrow::Cow;

use serde::{Deserialize, Serialize};

use crate::assess::{
    asked, assess_asked, credit, Answers, Asked, Assessment, Completeness, Selection,
};
use crate::bank::Bank;
use crate::numbers::fixed;
use crate::plan::Plan;

use super::fnv;

/// The `format` every record file declares.
pub const RECORD_FORMAT: &str = "branch-self-check/record";
/// The record format version this build writes; it reads this one and older ones.
/// Version 2 added the rectification plan (`plan`); a version 1 file reads as before.
pub const RECORD_VERSION: u32 = 2;

/// Which bank, and which version of it, a record or saved state was made with.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BankRef {
    pub id: String,
    pub version: String,
}

impl BankRef {
    pub fn of(bank: &Bank) -> BankRef {
        BankRef {
            id: bank.id.clone(),
            version: bank.version.clone(),
        }
    }
}

/// One dimension's result as written in a record.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RecordedDimension {
    pub id: String,
    /// 0..=100 rounded to 0.1, or `None` while nothing in the dimension was answered.
    pub score: Option<f64>,
    pub target: f64,
}

/// The results as written in a record: what a reader needs without the bank at hand.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RecordedResults {
    /// 0..=100 rounded to 0.1.
    pub overall: Option<f64>,
    /// The band's id.
    pub band: Option<String>,
    /// Share (0..=1) of applicable questions answered or marked not applicable, to 0.001.
    pub coverage: f64,
    pub completeness: Completeness,
    pub dimensions: Vec<RecordedDimension>,
    /// Ids of the red-line questions that were triggered.
    pub red_lines: Vec<String>,
}

/// Tolerance when comparing a stored score with a recomputed one (scores are kept to 0.1).
pub(crate) const SCORE_TOLERANCE: f64 = 0.05 + 1e-9;
/// Tolerance for coverage (kept to 0.001).
const COVERAGE_TOLERANCE: f64 = 0.0005 + 1e-9;

impl RecordedResults {
    /// The results of an assessment, rounded for the file.
    pub fn from_assessment(assessment: &Assessment) -> RecordedResults {
        RecordedResults {
            overall: assessment.overall.and_then(round_score),
            band: assessment.band.clone(),
            coverage: round_to(assessment.coverage, 1000.0).unwrap_or(0.0),
            completeness: assessment.completeness,
            dimensions: assessment
                .dimensions
                .iter()
                .map(|d| RecordedDimension {
                    id: d.id.clone(),
                    score: d.score.and_then(round_score),
                    target: round_score(d.target).unwrap_or(0.0),
                })
                .collect(),
            red_lines: assessment
                .red_lines
                .iter()
                .map(|hit| hit.question.clone())
                .collect(),
        }
    }

    /// Whether stored results agree with recomputed ones: scores within 0.05, the rest equal.
    /// On disagreement, says what differs (English, for logs).
    pub(crate) fn agrees_with(&self, recomputed: &RecordedResults) -> Result<(), String> {
        if !close_option(self.overall, recomputed.overall, SCORE_TOLERANCE) {
            return Err(format!(
                "overall score {} does not follow from the answers ({})",
                shown(self.overall),
                shown(recomputed.overall)
            ));
        }
        if self.band != recomputed.band {
            return Err(format!(
                "band {} does not follow from the answers ({})",
                self.band.as_deref().unwrap_or("none"),
                recomputed.band.as_deref().unwrap_or("none")
            ));
        }
        if (self.coverage - recomputed.coverage).abs() > COVERAGE_TOLERANCE {
            return Err(format!(
                "coverage {} does not follow from the answers ({})",
                fixed(self.coverage, 3),
                fixed(recomputed.coverage, 3)
            ));
        }
        if self.completeness != recomputed.completeness {
            return Err("completeness does not follow from the answers".to_string());
        }
        if self.dimensions.len() != recomputed.dimensions.len() {
            return Err("the list of dimensions does not match the bank".to_string());
        }
        for (stored, fresh) in self.dimensions.iter().zip(&recomputed.dimensions) {
            if stored.id != fresh.id {
                return Err(format!(
                    "dimension `{}` is listed where `{}` belongs",
                    stored.id, fresh.id
                ));
            }
            if !close_option(stored.score, fresh.score, SCORE_TOLERANCE)
                || (stored.target - fresh.target).abs() > SCORE_TOLERANCE
            {
                return Err(format!(
                    "dimension `{}` score or target does not follow from the answers",
                    stored.id
                ));
            }
        }
        let mut stored_lines = self.red_lines.clone();
        let mut fresh_lines = recomputed.red_lines.clone();
        crate::order::sort_by(&mut stored_lines, String::cmp);
        crate::order::sort_by(&mut fresh_lines, String::cmp);
        if stored_lines != fresh_lines {
            return Err("the red lines do not follow from the answers".to_string());
        }
        Ok(())
    }

    /// Whether every number is in its range (a hand-made file may say anything).
    pub(crate) fn in_range(&self) -> bool {
        let score_ok = |s: f64| (0.0..=100.0).contains(&s);
        self.overall.is_none_or(score_ok)
            && (0.0..=1.0).contains(&self.coverage)
            && self
                .dimensions
                .iter()
                .all(|d| d.score.is_none_or(score_ok) && score_ok(d.target))
    }
}

fn close_option(a: Option<f64>, b: Option<f64>, tolerance: f64) -> bool {
    match (a, b) {
        (None, None) => true,
        (Some(a), Some(b)) => (a - b).abs() <= tolerance,
        _ => false,
    }
}

/// A score rounded to 0.1; `None` for a value that is not a finite number.
pub(crate) fn round_score(score: f64) -> Option<f64> {
    round_to(score, 10.0)
}

/// Rounds to 1/`per_unit`. Short decimals like these parse back exactly, which keeps the
/// checksum stable through a write and a read.
fn round_to(value: f64, per_unit: f64) -> Option<f64> {
    value
        .is_finite()
        .then(|| (value * per_unit).round() / per_unit)
        // -0.0 and 0.0 must write alike.
        .map(|v| if v == 0.0 { 0.0 } else { v })
}

/// One self-check as kept in a file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Record {
    /// Always [`RECORD_FORMAT`].
    pub format: String,
    pub format_version: u32,
    pub bank: BankRef,
    /// The ISO date the record was made, e.g. `2026-11-24`, as given by the caller.
    pub created: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unit_name: Option<String>,
    pub selection: Selection,
    pub answers: Answers,
    pub results: RecordedResults,
    /// The branch's rectification plan (整改台账), when it made one (format version 2 on;
    /// written only when there is one). The checksum covers it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub plan: Option<Plan>,
    /// FNV-1a 64 (hex) of the record's canonical JSON with this field empty.
    pub checksum: String,
}

impl Record {
    /// The record of a self-check: only answers to applicable questions that fit them are
    /// kept, the results are those of [`assess`](crate::assess::assess), and the checksum is
    /// filled in.
    pub fn new(
        bank: &Bank,
        selection: &Selection,
        answers: &Answers,
        unit_name: Option<&str>,
        created: &str,
    ) -> Record {
        let (kept, questions) = applicable_answers(asked(bank, selection, answers), answers);
        let assessment = assess_asked(bank, selection, &questions);
        let mut record = Record {
            format: RECORD_FORMAT.to_string(),
            format_version: RECORD_VERSION,
            bank: BankRef::of(bank),
            created: created.trim().to_string(),
            unit_name: unit_name
                .map(str::trim)
                .filter(|name| !name.is_empty())
                .map(str::to_string),
            selection: selection.clone(),
            answers: kept.into_owned(),
            results: RecordedResults::from_assessment(&assessment),
            plan: None,
            checksum: String::new(),
        };
        record.checksum = record.expected_checksum();
        record
    }

    /// The record with this plan (or none), its checksum recomputed.
    pub fn with_plan(mut self, plan: Option<Plan>) -> Record {
        self.plan = plan;
        self.checksum = String::new();
        self.checksum = self.expected_checksum();
        self
    }

    /// The checksum this record should carry: FNV-1a 64 of its compact JSON (struct field
    /// order, sorted maps) with `checksum` empty.
    pub fn expected_checksum(&self) -> String {
        if self.checksum.is_empty() {
            // Already blank (a record being made, or being checked): no copy needed.
            return fnv::hex(compact_hash(self));
        }
        let blank = Record {
            checksum: String::new(),
            ..self.clone()
        };
        fnv::hex(compact_hash(&blank))
    }

    /// The record as the pretty JSON written to the file.
    pub fn to_json(&self) -> String {
        to_json(self, true)
    }
}

/// FNV-1a 64 of a record's compact JSON, hashed as serde_json writes it: the committee
/// checks thousands of records, and not making each one's text takes about a third off the
/// checksum's time (natively, 5,000 records: 85 ms, then 55 ms).
#[cfg(any(not(target_arch = "wasm32"), feature = "committee-page"))]
fn compact_hash(record: &Record) -> u64 {
    let mut hash = fnv::Fnv1a64Writer::new();
    // Our own types cannot fail to serialise, and the writer never fails.
    let _ = serde_json::to_writer(&mut hash, record);
    hash.hash()
}

/// FNV-1a 64 of a record's compact JSON text. The widget makes the text: its wasm writes
/// the record's parts (answers, selection, plan) compactly into its saved state through the
/// same serialiser, and a second one, into the hash, cost it about 1.5 KB gzip.
#[cfg(any(test, all(target_arch = "wasm32", not(feature = "committee-page"))))]
fn compact_text_hash(record: &Record) -> u64 {
    fnv::fnv1a64(to_json(record, false).as_bytes())
}

#[cfg(all(target_arch = "wasm32", not(feature = "committee-page")))]
use compact_text_hash as compact_hash;

/// Serialises one of our own types. These contain only strings, numbers and string-keyed
/// maps, so serialisation cannot fail; an empty string stands in should it ever.
pub(crate) fn to_json<T: Serialize>(value: &T, pretty: bool) -> String {
    let written = if pretty {
        serde_json::to_string_pretty(value)
    } else {
        serde_json::to_string(value)
    };
    written.unwrap_or_default()
}

/// The answers that count, given the questions asked with their answers (as `asked` gives
/// them): to those questions, and fitting them. The questions come back with only those
/// answers, to be scored without looking the answers up again (`assess_asked` of them is
/// `assess` of the answers that count).
pub(crate) fn applicable_answers<'b, 'r>(
    mut questions: Vec<Asked<'b>>,
    answers: &'r Answers,
) -> (Cow<'r, Answers>, Vec<Asked<'b>>) {
    for a in &mut questions {
        a.answer = a
            .answer
            .filter(|answer| credit(a.question, *answer).is_ok());
    }
    // Usually every answer counts (a record read back, a branch's only record): then, since
    // a loaded bank's question ids are unique, they are the answers as given.
    let counted = questions.iter().filter(|a| a.answer.is_some()).count();
    let kept = if counted == answers.len() {
        Cow::Borrowed(answers)
    } else {
        Cow::Owned(crate::order::map_from(
            questions
                .iter()
                .filter_map(|a| Some((a.question.id.clone(), a.answer?))),
        ))
    };
    (kept, questions)
}

/// The export file of a self-check, as pretty JSON. `created` is the ISO date to write.
pub fn export_record(
    bank: &Bank,
    selection: &Selection,
    answers: &Answers,
    unit_name: Option<&str>,
    created: &str,
) -> String {
    Record::new(bank, selection, answers, unit_name, created).to_json()
}

/// [`export_record`] with the branch's rectification plan, if any, in the file.
pub fn export_record_with_plan(
    bank: &Bank,
    selection: &Selection,
    answers: &Answers,
    unit_name: Option<&str>,
    created: &str,
    plan: Option<&Plan>,
) -> String {
    Record::new(bank, selection, answers, unit_name, created)
        .with_plan(plan.cloned())
        .to_json()
}

/// A score for a log message: two decimals, or `none`.
fn shown(score: Option<f64>) -> String {
    score.map_or_else(|| "none".to_string(), |s| fixed(s, 2))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::bank::{load_bank, DEFAULT_BANK_JSON};
    use crate::committee::generate::generate;
    use crate::record::read_baseline;

    #[test]
    fn hashing_as_written_gives_the_hash_of_the_written_text() {
        let bank = load_bank(DEFAULT_BANK_JSON).expect("the default bank loads");
        let mut records: Vec<Record> = generate(&bank, 300, 11)
            .iter()
            .map(|(_, text)| read_baseline(&bank, text).expect("a generated record reads"))
            .collect();
        // Every kind of escape a string can need, and text outside the BMP.
        let mut odd = records[0].clone();
        odd.unit_name = Some("某\"支部\"\\ \u{1} \n\t 𝒳 \u{7f} </script>".into());
        odd.created = "2026-11-29\u{2028}".into();
        records.push(odd);
        for record in &mut records {
            record.checksum.clear();
            assert_eq!(compact_hash(record), compact_text_hash(record));
            assert_eq!(
                record.expected_checksum(),
                fnv::hex(fnv::fnv1a64(
                    serde_json::to_string(record).unwrap().as_bytes()
                ))
            );
        }
    }
}
