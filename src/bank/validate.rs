//! Checks a well-shaped bank for meaning: ids, references, weights, levels, coverage.

use std::collections::{BTreeMap, HashMap, HashSet};

use super::model::{AnswerSpec, Applies, Bank, Text};
use super::BankError;

/// Texts longer than this are refused: they would break the layout and the print page.
pub const MAX_TEXT_CHARS: usize = 2_000;
/// Ids are short machine names; long ones would bloat share links and exports.
pub const MAX_ID_CHARS: usize = 64;

/// Every semantic problem in the bank, in document order.
pub fn validate(bank: &Bank) -> Vec<BankError> {
    let mut v = Validator::default();
    v.header(bank);
    let dims = v.ids("$.dimensions", bank.dimensions.iter().map(|d| d.id.as_str()));
    let cats = v.ids("$.categories", bank.categories.iter().map(|c| c.id.as_str()));
    let mods = v.ids("$.modifiers", bank.modifiers.iter().map(|m| m.id.as_str()));
    let roles = v.ids("$.roles", bank.roles.iter().map(|r| r.id.as_str()));
    let refs = Refs {
        dims,
        cats,
        mods,
        roles,
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

/// The ids other parts of the bank may refer to.
struct Refs<'a> {
    dims: HashSet<&'a str>,
    cats: HashSet<&'a str>,
    mods: HashSet<&'a str>,
    roles: HashSet<&'a str>,
}

#[derive(Default)]
struct Validator {
    errors: Vec<BankError>,
}

impl Validator {
    fn push(&mut self, path: impl Into<String>, message: impl Into<String>) {
        self.errors.push(BankError::new(path, message));
    }

    fn header(&mut self, bank: &Bank) {
        self.id("$.id", &bank.id);
        if bank.version.trim().is_empty() {
            self.push("$.version", "the bank version is empty");
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
        if bank.dimensions.is_empty() {
            self.push("$.dimensions", "the bank has no dimensions");
        }
        if bank.categories.is_empty() {
            self.push("$.categories", "the bank has no categories");
        }
        if bank.questions.is_empty() {
            self.push("$.questions", "the bank has no questions");
        }
    }

    /// Checks each id's form and uniqueness; returns the set of ids.
    fn ids<'a>(&mut self, list: &str, ids: impl Iterator<Item = &'a str>) -> HashSet<&'a str> {
        let mut seen = HashSet::new();
        for (i, id) in ids.enumerate() {
            let path = format!("{list}[{i}].id");
            self.id(&path, id);
            if !seen.insert(id) {
                self.push(path, format!("duplicate id `{id}`"));
            }
        }
        seen
    }

    fn id(&mut self, path: &str, id: &str) {
        if id.is_empty() {
            self.push(path, "the id is empty");
        } else if id.chars().count() > MAX_ID_CHARS {
            self.push(path, format!("the id is longer than {MAX_ID_CHARS} characters"));
        } else if !id
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'))
        {
            self.push(
                path,
                format!("id `{}` may use only letters, digits, `-`, `_` and `.`", truncate(id)),
            );
        }
    }

    fn text(&mut self, path: &str, text: &Text) {
        if text.zh.trim().is_empty() {
            self.push(format!("{path}.zh-CN"), "the zh-CN text is empty");
        }
        if text.zh.chars().count() > MAX_TEXT_CHARS {
            self.push(
                format!("{path}.zh-CN"),
                format!("the text is longer than {MAX_TEXT_CHARS} characters"),
            );
        }
        if let Some(en) = &text.en {
            if en.chars().count() > MAX_TEXT_CHARS {
                self.push(
                    format!("{path}.en"),
                    format!("the text is longer than {MAX_TEXT_CHARS} characters"),
                );
            }
        }
    }

    fn reference(&mut self, path: &str, id: &str, known: &HashSet<&str>, what: &str) {
        if !known.contains(id) {
            self.push(path, format!("unknown {what} `{}`", truncate(id)));
        }
    }

    fn references(&mut self, path: &str, ids: &[String], known: &HashSet<&str>, what: &str) {
        let mut seen = HashSet::new();
        for (i, id) in ids.iter().enumerate() {
            let item = format!("{path}[{i}]");
            self.reference(&item, id, known, what);
            if !seen.insert(id) {
                self.push(item, format!("`{}` is listed twice", truncate(id)));
            }
        }
    }

    fn bands(&mut self, bank: &Bank) {
        if bank.bands.is_empty() {
            self.push("$.bands", "the bank has no score bands");
            return;
        }
        let mut ids = HashSet::new();
        for (i, band) in bank.bands.iter().enumerate() {
            let path = format!("$.bands[{i}]");
            self.id(&format!("{path}.id"), &band.id);
            if !ids.insert(band.id.as_str()) {
                self.push(format!("{path}.id"), format!("duplicate id `{}`", band.id));
            }
            self.text(&format!("{path}.label"), &band.label);
            if !(0.0..=100.0).contains(&band.min) {
                self.push(
                    format!("{path}.min"),
                    format!("must be between 0 and 100, found {}", band.min),
                );
            }
            if i > 0 && band.min >= bank.bands[i - 1].min {
                self.push(
                    format!("{path}.min"),
                    "bands must be listed highest first, each with a lower `min`",
                );
            }
        }
        if let Some(last) = bank.bands.last() {
            if last.min != 0.0 {
                self.push(
                    format!("$.bands[{}].min", bank.bands.len() - 1),
                    "the last band must start at 0 so every score has a band",
                );
            }
        }
    }

    fn dimensions(&mut self, bank: &Bank) {
        for (i, d) in bank.dimensions.iter().enumerate() {
            let path = format!("$.dimensions[{i}]");
            self.text(&format!("{path}.name"), &d.name);
            self.text(&format!("{path}.description"), &d.description);
            if let Some(short) = &d.short {
                self.text(&format!("{path}.short"), short);
            }
        }
    }

    fn categories(&mut self, bank: &Bank, refs: &Refs) {
        for (i, c) in bank.categories.iter().enumerate() {
            let path = format!("$.categories[{i}]");
            self.text(&format!("{path}.name"), &c.name);
            self.text(&format!("{path}.description"), &c.description);
            for (j, p) in c.typical_problems.iter().enumerate() {
                self.text(&format!("{path}.typical_problems[{j}]"), p);
            }
            self.dimension_map(&format!("{path}.weights"), &c.weights, refs, |w| {
                (w.is_finite() && w >= 0.0).then_some(()).ok_or(format!(
                    "a weight must be a number of 0 or more, found {w}"
                ))
            });
            if c.weights.values().all(|w| *w <= 0.0) && !c.weights.is_empty() {
                self.push(
                    format!("{path}.weights"),
                    format!("the weights of category `{}` add up to zero", c.id),
                );
            }
            self.dimension_map(&format!("{path}.targets"), &c.targets, refs, |t| {
                (0.0..=100.0).contains(&t).then_some(()).ok_or(format!(
                    "a target must be between 0 and 100, found {t}"
                ))
            });
        }
    }

    /// A map from dimension id to number: every dimension present, no unknown one, each
    /// value accepted by `check`.
    fn dimension_map(
        &mut self,
        path: &str,
        map: &BTreeMap<String, f64>,
        refs: &Refs,
        check: impl Fn(f64) -> Result<(), String>,
    ) {
        for (dim, value) in map {
            let item = format!("{path}.{dim}");
            self.reference(&item, dim, &refs.dims, "dimension");
            if let Err(message) = check(*value) {
                self.push(item, message);
            }
        }
        let mut missing: Vec<&str> = refs
            .dims
            .iter()
            .copied()
            .filter(|d| !map.contains_key(*d))
            .collect();
        missing.sort_unstable();
        if !missing.is_empty() {
            self.push(
                path,
                format!("no value for dimension(s) {}", missing.join(", ")),
            );
        }
    }

    fn modifiers(&mut self, bank: &Bank, refs: &Refs) {
        for (i, m) in bank.modifiers.iter().enumerate() {
            let path = format!("$.modifiers[{i}]");
            self.text(&format!("{path}.name"), &m.name);
            self.text(&format!("{path}.description"), &m.description);
            for (dim, factor) in &m.weight_factors {
                let item = format!("{path}.weight_factors.{dim}");
                self.reference(&item, dim, &refs.dims, "dimension");
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
            self.text(&format!("$.roles[{i}].name"), &r.name);
        }
    }

    fn questions(&mut self, bank: &Bank, refs: &Refs) {
        self.ids("$.questions", bank.questions.iter().map(|q| q.id.as_str()));
        for (i, q) in bank.questions.iter().enumerate() {
            let path = format!("$.questions[{i}]");
            self.reference(&format!("{path}.dimension"), &q.dimension, &refs.dims, "dimension");
            if !(q.weight.is_finite() && q.weight > 0.0) {
                self.push(
                    format!("{path}.weight"),
                    format!("a question's weight must be more than 0, found {}", q.weight),
                );
            }
            self.text(&format!("{path}.text"), &q.text);
            if let Some(help) = &q.help {
                self.text(&format!("{path}.help"), help);
            }
            if let Some(source) = &q.source {
                self.text(&format!("{path}.source"), source);
            }
            self.applies(&format!("{path}.applies"), &q.applies, refs);
            self.answer(&format!("{path}.answer"), &q.answer);
            if let Some(red) = &q.red_line {
                if !(0.0..1.0).contains(&red.max_credit) {
                    self.push(
                        format!("{path}.red_line.max_credit"),
                        format!("must be at least 0 and below 1, found {}", red.max_credit),
                    );
                }
                self.text(&format!("{path}.red_line.message"), &red.message);
            }
        }
    }

    fn applies(&mut self, path: &str, a: &Applies, refs: &Refs) {
        self.references(&format!("{path}.categories"), &a.categories, &refs.cats, "category");
        self.references(
            &format!("{path}.except_categories"),
            &a.except_categories,
            &refs.cats,
            "category",
        );
        self.references(&format!("{path}.with_modifiers"), &a.with_modifiers, &refs.mods, "modifier");
        self.references(
            &format!("{path}.without_modifiers"),
            &a.without_modifiers,
            &refs.mods,
            "modifier",
        );
        if !a.categories.is_empty()
            && a.categories.iter().all(|c| a.except_categories.contains(c))
        {
            self.push(path, "every listed category is also excluded: no branch is asked");
        }
        if a.with_modifiers.iter().any(|m| a.without_modifiers.contains(m)) {
            self.push(path, "a modifier is both required and excluded");
        }
    }

    fn answer(&mut self, path: &str, answer: &AnswerSpec) {
        match answer {
            AnswerSpec::Levels { levels } => {
                if levels.len() < 2 {
                    self.push(format!("{path}.levels"), "a levels answer needs at least 2 levels");
                }
                if levels.len() > 7 {
                    self.push(format!("{path}.levels"), "a levels answer may have at most 7 levels");
                }
                for (j, level) in levels.iter().enumerate() {
                    let item = format!("{path}.levels[{j}]");
                    self.text(&format!("{item}.label"), &level.label);
                    if !(0.0..=1.0).contains(&level.credit) {
                        self.push(
                            format!("{item}.credit"),
                            format!("credit must be between 0 and 1, found {}", level.credit),
                        );
                    } else if j > 0 && level.credit <= levels[j - 1].credit {
                        self.push(
                            format!("{item}.credit"),
                            format!(
                                "levels are out of order: credit {} does not rise above the level before ({})",
                                level.credit,
                                levels[j - 1].credit
                            ),
                        );
                    }
                }
            }
            AnswerSpec::YesNo {
                yes_credit,
                no_credit,
            } => {
                for (name, credit) in [("yes_credit", yes_credit), ("no_credit", no_credit)] {
                    if !(0.0..=1.0).contains(credit) {
                        self.push(
                            format!("{path}.{name}"),
                            format!("credit must be between 0 and 1, found {credit}"),
                        );
                    }
                }
                if yes_credit == no_credit {
                    self.push(path, "yes and no give the same credit, so the answer means nothing");
                }
            }
            AnswerSpec::Count { per_year, unit } => {
                if *per_year == 0 || *per_year > 366 {
                    self.push(
                        format!("{path}.per_year"),
                        format!("the required yearly count must be 1 to 366, found {per_year}"),
                    );
                }
                self.text(&format!("{path}.unit"), unit);
            }
        }
    }

    /// Every category must be asked something in each dimension it weighs.
    fn coverage(&mut self, bank: &Bank) {
        let mut counted: HashMap<(&str, &str), usize> = HashMap::new();
        for q in &bank.questions {
            // Questions that need a modifier do not count: the category must stand without one.
            if !q.applies.with_modifiers.is_empty() {
                continue;
            }
            for c in &bank.categories {
                if crate::assess::applies_to_category(&q.applies, &c.id) {
                    *counted.entry((c.id.as_str(), q.dimension.as_str())).or_default() += 1;
                }
            }
        }
        for (i, c) in bank.categories.iter().enumerate() {
            let asked: usize = bank
                .dimensions
                .iter()
                .map(|d| counted.get(&(c.id.as_str(), d.id.as_str())).copied().unwrap_or(0))
                .sum();
            if asked == 0 {
                self.push(
                    format!("$.categories[{i}]"),
                    format!("category `{}` is left with no question", c.id),
                );
                continue;
            }
            for d in &bank.dimensions {
                let weight = c.weights.get(&d.id).copied().unwrap_or(0.0);
                if weight > 0.0 && !counted.contains_key(&(c.id.as_str(), d.id.as_str())) {
                    self.push(
                        format!("$.categories[{i}].weights.{}", d.id),
                        format!(
                            "category `{}` weighs dimension `{}` but no question asks about it",
                            c.id, d.id
                        ),
                    );
                }
            }
        }
    }

    fn groups(&mut self, bank: &Bank, refs: &Refs) {
        self.ids("$.groups", bank.groups.iter().map(|g| g.id.as_str()));
        for (i, g) in bank.groups.iter().enumerate() {
            let path = format!("$.groups[{i}]");
            self.text(&format!("{path}.name"), &g.name);
            self.text(&format!("{path}.activities"), &g.activities);
            if g.focus.is_empty() {
                self.push(format!("{path}.focus"), "a group needs at least one focus dimension");
            }
            self.references(&format!("{path}.focus"), &g.focus, &refs.dims, "dimension");
            self.references(&format!("{path}.categories"), &g.categories, &refs.cats, "category");
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
        self.ids("$.trainings", bank.trainings.iter().map(|t| t.id.as_str()));
        for (i, t) in bank.trainings.iter().enumerate() {
            let path = format!("$.trainings[{i}]");
            self.text(&format!("{path}.title"), &t.title);
            self.text(&format!("{path}.description"), &t.description);
            if t.dimensions.is_empty() {
                self.push(format!("{path}.dimensions"), "a training needs at least one dimension");
            }
            self.references(&format!("{path}.dimensions"), &t.dimensions, &refs.dims, "dimension");
            self.references(&format!("{path}.roles"), &t.roles, &refs.roles, "role");
            self.references(&format!("{path}.categories"), &t.categories, &refs.cats, "category");
            if let Some(hours) = t.hours {
                if !(hours.is_finite() && hours > 0.0) {
                    self.push(format!("{path}.hours"), format!("hours must be more than 0, found {hours}"));
                }
            }
        }
    }
}

/// Keeps messages readable when an id is absurdly long.
fn truncate(s: &str) -> String {
    if s.chars().count() <= 40 {
        s.to_string()
    } else {
        let head: String = s.chars().take(40).collect();
        format!("{head}…")
    }
}
