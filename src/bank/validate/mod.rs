//! Checks a well-shaped bank for meaning: ids, references, weights, levels, coverage.
//!
//! The loader also runs these checks on a bank it could read only in part (some items had
//! the wrong shape), so that all problems come out together. [`Gaps`] says what was left
//! out, so that no problem is reported that is only an after-effect of a missing item, and
//! every path names the item's index in the file.
//!
//! The questions (their answers, whom they apply to, and whether every category is asked
//! something in each dimension it weighs) are checked in `questions.rs`.

mod questions;

use std::collections::{BTreeMap, HashMap, HashSet};

use super::gaps::Gaps;
use super::model::{Bank, Text};
use super::BankError;
use crate::json::{key_path, truncate, unknown_reference};

/// Texts longer than this are refused: they would break the layout and the print page.
pub const MAX_TEXT_CHARS: usize = 2_000;
/// Ids are short machine names; long ones would bloat share links and exports.
pub const MAX_ID_CHARS: usize = 64;

/// Every semantic problem in the bank, section by section.
pub(super) fn validate(bank: &Bank, gaps: &Gaps) -> Vec<BankError> {
    let mut v = Validator {
        errors: Vec::new(),
        gaps,
    };
    v.header(bank);
    let refs = Refs {
        dims: v.ids(
            "dimensions",
            "dimension",
            &mut bank.dimensions.iter().map(|d| d.id.as_str()),
        ),
        cats: v.ids(
            "categories",
            "category",
            &mut bank.categories.iter().map(|c| c.id.as_str()),
        ),
        mods: v.ids(
            "modifiers",
            "modifier",
            &mut bank.modifiers.iter().map(|m| m.id.as_str()),
        ),
        roles: v.ids(
            "roles",
            "role",
            &mut bank.roles.iter().map(|r| r.id.as_str()),
        ),
    };
    v.bands(bank);
    v.dimensions(bank);
    v.categories(bank, &refs);
    v.modifiers(bank, &refs);
    v.roles(bank);
    v.questions(bank, &refs);
    v.coverage(bank);
    v.groups(bank, &refs);
    v.trainings(bank, &refs);
    v.errors
}

/// The ids of one list that other parts of the bank may refer to.
struct Known<'a> {
    /// `dimension`, `category` ...
    what: &'static str,
    /// In bank order, for messages.
    ids: Vec<&'a str>,
    set: HashSet<&'a str>,
    /// Some item could not be read and its id is unknown: do not check references.
    open: bool,
}

impl Known<'_> {
    fn knows(&self, id: &str) -> bool {
        self.open || self.set.contains(id)
    }
}

/// The ids other parts of the bank may refer to.
struct Refs<'a> {
    dims: Known<'a>,
    cats: Known<'a>,
    mods: Known<'a>,
    roles: Known<'a>,
}

struct Validator<'g> {
    errors: Vec<BankError>,
    gaps: &'g Gaps,
}

impl<'g> Validator<'g> {
    fn push(&mut self, path: impl Into<String>, message: impl Into<String>) {
        self.errors.push(BankError::new(path, message));
    }

    /// The path of the `i`-th item read from a top-level list, by its index in the file.
    fn at(&self, list: &str, i: usize) -> String {
        let index = self
            .gaps
            .read_indices
            .get(list)
            .and_then(|indices| indices.get(i).copied())
            .unwrap_or(i);
        format!("$.{list}[{index}]")
    }

    fn header(&mut self, bank: &Bank) {
        self.id("$.id", &bank.id);
        if bank.version.trim().is_empty() {
            self.push("$.version", "the bank version is empty, e.g. \"2026.1\"");
        }
        for (i, earlier) in bank.previous_versions.iter().enumerate() {
            let path = format!("$.previous_versions[{i}]");
            if earlier.trim().is_empty() {
                self.push(path, "an earlier version is empty, e.g. \"2026.1\"");
            } else if *earlier == bank.version {
                self.push(
                    path,
                    format!(
                        "\"{}\" is this bank's own version, not an earlier one",
                        truncate(earlier)
                    ),
                );
            } else if bank.previous_versions[..i].contains(earlier) {
                self.push(path, format!("\"{}\" is listed twice", truncate(earlier)));
            }
        }
        self.text("$.title", &bank.title);
        if let Some(d) = &bank.description {
            self.text("$.description", d);
        }
        if !(0.0..=100.0).contains(&bank.strength_margin) {
            self.push(
                "$.strength_margin",
                format!("must be between 0 and 100, found {}", bank.strength_margin),
            );
        }
        for (list, what, empty) in [
            ("dimensions", "dimension", bank.dimensions.is_empty()),
            ("categories", "category", bank.categories.is_empty()),
            ("questions", "question", bank.questions.is_empty()),
        ] {
            if empty {
                self.push(
                    format!("$.{list}"),
                    format!("the bank has no {list}: at least one {what} is needed"),
                );
            }
        }
    }

    /// Checks each id's form and uniqueness in a top-level list; returns the known ids. (One
    /// copy for every list: the ids come through `dyn Iterator`.)
    fn ids<'a>(
        &mut self,
        list: &'static str,
        what: &'static str,
        ids: &mut dyn Iterator<Item = &'a str>,
    ) -> Known<'a>
    where
        'g: 'a,
    {
        let mut first: HashMap<&str, usize> = HashMap::new();
        let mut ordered = Vec::new();
        for (i, id) in ids.enumerate() {
            let path = format!("{}.id", self.at(list, i));
            self.id(&path, id);
            match first.get(id) {
                // An empty id is reported as such; twice empty is not news.
                Some(_) if id.is_empty() => {}
                Some(&j) => {
                    let other = self.at(list, j);
                    self.push(
                        path,
                        format!(
                            "duplicate id `{}`: {other} already has it; ids must be unique",
                            truncate(id)
                        ),
                    );
                }
                None => {
                    first.insert(id, i);
                    ordered.push(id);
                }
            }
        }
        let unread = self.gaps.unread_ids.get(list).into_iter().flatten();
        let set: HashSet<&str> = ordered
            .iter()
            .copied()
            .chain(unread.map(String::as_str))
            .collect();
        Known {
            what,
            ids: ordered,
            set,
            open: self.gaps.open.contains(list),
        }
    }

    fn id(&mut self, path: &str, id: &str) {
        let length = id.chars().count();
        if id.is_empty() {
            self.push(path, "the id is empty");
        } else if length > MAX_ID_CHARS {
            self.push(
                path,
                format!("the id is {length} characters long; the limit is {MAX_ID_CHARS}"),
            );
        } else if let Some(bad) = id
            .chars()
            .find(|c| !(c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.')))
        {
            let bad = match bad {
                ' ' => "a space".to_string(),
                c if c.is_whitespace() || c.is_control() => format!("the character {c:?}"),
                c => format!("`{c}`"),
            };
            self.push(
                path,
                format!(
                    "id `{}` contains {bad}; an id may use only ASCII letters, digits, `-`, `_` and `.`",
                    truncate(id)
                ),
            );
        }
    }

    fn text(&mut self, path: &str, text: &Text) {
        if text.zh.trim().is_empty() {
            self.push(
                format!("{path}.zh-CN"),
                "the zh-CN text is empty; it is required (en may be left out)",
            );
        }
        for (lang, value) in [("zh-CN", Some(&text.zh)), ("en", text.en.as_ref())] {
            let Some(value) = value else { continue };
            let length = value.chars().count();
            if length > MAX_TEXT_CHARS {
                self.push(
                    format!("{path}.{lang}"),
                    format!("the text is {length} characters long; the limit is {MAX_TEXT_CHARS}"),
                );
            }
        }
    }

    fn reference(&mut self, path: &str, id: &str, known: &Known) {
        if !known.knows(id) {
            self.push(path, unknown_reference(known.what, id, &known.ids));
        }
    }

    fn references(&mut self, path: &str, ids: &[String], known: &Known) {
        let mut seen = HashSet::new();
        for (i, id) in ids.iter().enumerate() {
            let item = format!("{path}[{i}]");
            self.reference(&item, id, known);
            if !seen.insert(id) {
                self.push(item, format!("`{}` is listed twice", truncate(id)));
            }
        }
    }

    fn bands(&mut self, bank: &Bank) {
        if bank.bands.is_empty() {
            self.push(
                "$.bands",
                "the bank has no score bands: at least one is needed",
            );
            return;
        }
        self.ids(
            "bands",
            "band",
            &mut bank.bands.iter().map(|b| b.id.as_str()),
        );
        for (i, band) in bank.bands.iter().enumerate() {
            let path = self.at("bands", i);
            self.text(&format!("{path}.label"), &band.label);
            if !(0.0..=100.0).contains(&band.min) {
                self.push(
                    format!("{path}.min"),
                    format!("must be between 0 and 100, found {}", band.min),
                );
            } else if i > 0 && band.min >= bank.bands[i - 1].min {
                self.push(
                    format!("{path}.min"),
                    format!(
                        "bands must be listed highest first, each with a lower `min`: \
                         found {} after {}",
                        band.min,
                        bank.bands[i - 1].min
                    ),
                );
            }
        }
        // When the real last band could not be read, the last one read proves nothing.
        if let (Some(last), true) = (bank.bands.last(), self.gaps.complete("bands")) {
            if last.min != 0.0 {
                self.push(
                    format!("{}.min", self.at("bands", bank.bands.len() - 1)),
                    format!(
                        "the last band must start at 0 so every score has a band, found {}",
                        last.min
                    ),
                );
            }
        }
    }

    fn dimensions(&mut self, bank: &Bank) {
        for (i, d) in bank.dimensions.iter().enumerate() {
            let path = self.at("dimensions", i);
            self.text(&format!("{path}.name"), &d.name);
            self.text(&format!("{path}.description"), &d.description);
            if let Some(short) = &d.short {
                self.text(&format!("{path}.short"), short);
            }
        }
    }

    fn categories(&mut self, bank: &Bank, refs: &Refs) {
        for (i, c) in bank.categories.iter().enumerate() {
            let path = self.at("categories", i);
            self.text(&format!("{path}.name"), &c.name);
            self.text(&format!("{path}.description"), &c.description);
            for (j, p) in c.typical_problems.iter().enumerate() {
                self.text(&format!("{path}.typical_problems[{j}]"), p);
            }
            let weights = format!("{path}.weights");
            self.dimension_map(&weights, "a weight", &c.weights, refs, |w| {
                (w.is_finite() && w >= 0.0)
                    .then_some(())
                    .ok_or(format!("a weight must be 0 or more, found {w}"))
            });
            let valid = c.weights.values().all(|w| w.is_finite() && *w >= 0.0);
            if valid && !c.weights.is_empty() && c.weights.values().sum::<f64>() == 0.0 {
                self.push(
                    weights,
                    format!(
                        "the weights of category `{}` are all 0: give at least one dimension \
                         a weight above 0",
                        truncate(&c.id)
                    ),
                );
            }
            self.dimension_map(
                &format!("{path}.targets"),
                "a target",
                &c.targets,
                refs,
                |t| {
                    (0.0..=100.0)
                        .contains(&t)
                        .then_some(())
                        .ok_or(format!("a target must be between 0 and 100, found {t}"))
                },
            );
        }
    }

    /// A map from dimension id to number: every dimension present, no unknown one, each
    /// value accepted by `check`.
    fn dimension_map(
        &mut self,
        path: &str,
        noun: &str,
        map: &BTreeMap<String, f64>,
        refs: &Refs,
        check: impl Fn(f64) -> Result<(), String>,
    ) {
        for (dim, value) in map {
            let item = key_path(path, dim);
            self.reference(&item, dim, &refs.dims);
            if let Err(message) = check(*value) {
                self.push(item, message);
            }
        }
        if refs.dims.open {
            return;
        }
        let mut missing: Vec<&str> = refs
            .dims
            .set
            .iter()
            .copied()
            .filter(|d| !map.contains_key(*d))
            .collect();
        if missing.is_empty() {
            return;
        }
        crate::order::sort_by(&mut missing, |a, b| a.cmp(b));
        let names: Vec<String> = missing
            .iter()
            .map(|d| format!("`{}`", truncate(d)))
            .collect();
        let s = if missing.len() == 1 { "" } else { "s" };
        self.push(
            path,
            format!(
                "missing {noun} for dimension{s} {}; every dimension must be listed",
                names.join(", ")
            ),
        );
    }

    fn modifiers(&mut self, bank: &Bank, refs: &Refs) {
        for (i, m) in bank.modifiers.iter().enumerate() {
            let path = self.at("modifiers", i);
            self.text(&format!("{path}.name"), &m.name);
            self.text(&format!("{path}.description"), &m.description);
            for (dim, factor) in &m.weight_factors {
                let item = key_path(&format!("{path}.weight_factors"), dim);
                self.reference(&item, dim, &refs.dims);
                if !(factor.is_finite() && *factor >= 0.0 && *factor <= 10.0) {
                    self.push(
                        item,
                        format!("a weight factor must be between 0 and 10, found {factor}"),
                    );
                }
            }
        }
    }

    fn roles(&mut self, bank: &Bank) {
        for (i, r) in bank.roles.iter().enumerate() {
            let path = self.at("roles", i);
            self.text(&format!("{path}.name"), &r.name);
        }
    }

    fn groups(&mut self, bank: &Bank, refs: &Refs) {
        self.ids(
            "groups",
            "group",
            &mut bank.groups.iter().map(|g| g.id.as_str()),
        );
        for (i, g) in bank.groups.iter().enumerate() {
            let path = self.at("groups", i);
            self.text(&format!("{path}.name"), &g.name);
            self.text(&format!("{path}.activities"), &g.activities);
            if g.focus.is_empty() {
                self.push(
                    format!("{path}.focus"),
                    "a group needs at least one focus dimension",
                );
            }
            self.references(&format!("{path}.focus"), &g.focus, &refs.dims);
            self.references(&format!("{path}.categories"), &g.categories, &refs.cats);
            self.references(&format!("{path}.modifiers"), &g.modifiers, &refs.mods);
            self.references(
                &format!("{path}.without_modifiers"),
                &g.without_modifiers,
                &refs.mods,
            );
            if g.size.min == 0 || g.size.min > g.size.max {
                self.push(
                    format!("{path}.size"),
                    format!(
                        "size must have 1 ≤ min ≤ max, found min {} and max {}",
                        g.size.min, g.size.max
                    ),
                );
            }
        }
    }

    fn trainings(&mut self, bank: &Bank, refs: &Refs) {
        self.ids(
            "trainings",
            "training",
            &mut bank.trainings.iter().map(|t| t.id.as_str()),
        );
        for (i, t) in bank.trainings.iter().enumerate() {
            let path = self.at("trainings", i);
            self.text(&format!("{path}.title"), &t.title);
            self.text(&format!("{path}.description"), &t.description);
            if t.dimensions.is_empty() {
                self.push(
                    format!("{path}.dimensions"),
                    "a training needs at least one dimension",
                );
            }
            self.references(&format!("{path}.dimensions"), &t.dimensions, &refs.dims);
            self.references(&format!("{path}.roles"), &t.roles, &refs.roles);
            self.references(&format!("{path}.categories"), &t.categories, &refs.cats);
            self.references(&format!("{path}.modifiers"), &t.modifiers, &refs.mods);
            self.references(
                &format!("{path}.without_modifiers"),
                &t.without_modifiers,
                &refs.mods,
            );
            if let Some(hours) = t.hours {
                if !(hours.is_finite() && hours > 0.0) {
                    self.push(
                        format!("{path}.hours"),
                        format!("hours must be more than 0, found {hours}"),
                    );
                }
            }
        }
    }
}
