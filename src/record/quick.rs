//! A record read straight from its text by serde's derived readers, for the committee's
//! thousands of files: no `Value` in between. Only the records the located readers
//! (`read.rs`) would read the same way are taken; `import::read_baseline_quickly` reads any
//! other again the located way, for its message.

use std::fmt;
use std::marker::PhantomData;

use serde::de::value::MapAccessDeserializer;
use serde::de::{Deserialize, Deserializer, IgnoredAny, MapAccess, Visitor};

use crate::assess::{Answer, Answers, Completeness, Selection};

use super::export::{BankRef, Record, RecordedDimension, RecordedResults};
use super::{RECORD_FORMAT, RECORD_VERSION};

/// The record in `text` when serde's derived readers take it as the located readers would:
/// this format, a version this widget reads, and no plan (a plan has readers of its own).
pub(super) fn derived_read(text: &str) -> Option<Record> {
    let Object(quick) = serde_json::from_str::<Object<QuickRecord>>(text).ok()?;
    let version_known = (1..=RECORD_VERSION).contains(&quick.format_version);
    let plain = quick.format == RECORD_FORMAT && version_known && quick.plan.is_none();
    plain.then(|| quick.into_record())
}

/// A record as the derived readers read it; its parts are [`Object`]s, as the located
/// readers want them.
#[derive(serde::Deserialize)]
struct QuickRecord {
    format: String,
    format_version: u32,
    bank: Object<BankRef>,
    created: String,
    #[serde(default)]
    unit_name: Option<String>,
    selection: Object<Selection>,
    #[serde(deserialize_with = "answers_in_order")]
    answers: Answers,
    results: Object<QuickResults>,
    /// Only whether there is one: a record with a plan is read the located way.
    #[serde(default)]
    plan: Option<IgnoredAny>,
    checksum: String,
}

#[derive(serde::Deserialize)]
struct QuickResults {
    overall: Option<f64>,
    band: Option<String>,
    coverage: f64,
    completeness: Completeness,
    dimensions: Vec<Object<RecordedDimension>>,
    red_lines: Vec<String>,
}

impl QuickRecord {
    fn into_record(self) -> Record {
        let Object(results) = self.results;
        Record {
            format: self.format,
            format_version: self.format_version,
            bank: self.bank.0,
            created: self.created,
            unit_name: self.unit_name,
            selection: self.selection.0,
            answers: self.answers,
            results: RecordedResults {
                overall: results.overall,
                band: results.band,
                coverage: results.coverage,
                completeness: results.completeness,
                dimensions: results.dimensions.into_iter().map(|d| d.0).collect(),
                red_lines: results.red_lines,
            },
            plan: None,
            checksum: self.checksum,
        }
    }
}

/// The answers, made into their map in one go: a record keeps them in id order, so building
/// the map from the sorted list is linear, where serde's map reader searches the map for
/// each answer it inserts. As with inserting, of two answers to one id the later one stays.
fn answers_in_order<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Answers, D::Error> {
    deserializer.deserialize_map(AnswersVisitor)
}

struct AnswersVisitor;

impl<'de> Visitor<'de> for AnswersVisitor {
    type Value = Answers;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("answers by question id")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Answers, A::Error> {
        let mut answers: Vec<(String, Answer)> = Vec::with_capacity(map.size_hint().unwrap_or(0));
        while let Some(answer) = map.next_entry()? {
            answers.push(answer);
        }
        Ok(answers.into_iter().collect())
    }
}

/// A struct read only from a JSON object. serde's derived struct readers also take a list
/// of the fields' values in order, which the located readers refuse.
struct Object<T>(T);

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Object<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_map(ObjectVisitor(PhantomData))
    }
}

struct ObjectVisitor<T>(PhantomData<T>);

impl<'de, T: Deserialize<'de>> Visitor<'de> for ObjectVisitor<T> {
    type Value = Object<T>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("an object")
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Object<T>, A::Error> {
        T::deserialize(MapAccessDeserializer::new(map)).map(Object)
    }
}
