//! The questions' checks: each question's fields, its answer, whom it applies to, and
//! whether every category is asked something in each dimension it weighs.

use std::collections::HashMap;

use super::{Refs, Validator};
use crate::bank::model::{AnswerSpec, Applies, Bank};
use crate::json::{key_path, truncate};

impl Validator<'_> {
    pub(super) fn questions(&mut self, bank: &Bank, refs: &Refs) {
        self.ids(
            "questions",
            "question",
            &mut bank.questions.iter().map(|q| q.id.as_str()),
        );
        for (i, q) in bank.questions.iter().enumerate() {
            let path = self.at("questions", i);
            self.reference(&format!("{path}.dimension"), &q.dimension, &refs.dims);
            if !(q.weight.is_finite() && q.weight > 0.0) {
                self.push(
                    format!("{path}.weight"),
                    format!(
                        "a question's weight must be more than 0, found {}",
                        q.weight
                    ),
                );
            }
            self.text(&format!("{path}.text"), &q.text);
            if let Some(help) = &q.help {
                self.text(&format!("{path}.help"), help);
            }
            if let Some(source) = &q.source {
                self.text(&format!("{path}.source"), source);
            }
            if let Some(improve) = &q.improve {
                self.text(&format!("{path}.improve"), improve);
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
        self.references(&format!("{path}.categories"), &a.categories, &refs.cats);
        self.references(
            &format!("{path}.except_categories"),
            &a.except_categories,
            &refs.cats,
        );
        self.references(
            &format!("{path}.with_modifiers"),
            &a.with_modifiers,
            &refs.mods,
        );
        self.references(
            &format!("{path}.without_modifiers"),
            &a.without_modifiers,
            &refs.mods,
        );
        if !a.categories.is_empty() && a.categories.iter().all(|c| a.except_categories.contains(c))
        {
            self.push(
                path,
                "every listed category is also excluded: no branch is asked",
            );
        }
        if let Some(m) = a
            .with_modifiers
            .iter()
            .find(|m| a.without_modifiers.contains(m))
        {
            self.push(
                path,
                format!("modifier `{}` is both required and excluded", truncate(m)),
            );
        }
    }

    fn answer(&mut self, path: &str, answer: &AnswerSpec) {
        match answer {
            AnswerSpec::Levels { levels } => {
                if levels.len() < 2 {
                    self.push(
                        format!("{path}.levels"),
                        format!(
                            "a levels answer needs at least 2 levels, found {}",
                            levels.len()
                        ),
                    );
                }
                if levels.len() > 7 {
                    self.push(
                        format!("{path}.levels"),
                        format!(
                            "a levels answer may have at most 7 levels, found {}",
                            levels.len()
                        ),
                    );
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
                                "levels are out of order: credit {} does not rise above the \
                                 level before ({}); list levels from the lowest credit to the highest",
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
                    self.push(
                        path,
                        format!(
                            "`yes_credit` and `no_credit` are both {yes_credit}, so the answer \
                             changes nothing: give yes and no different credits"
                        ),
                    );
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
    pub(super) fn coverage(&mut self, bank: &Bank) {
        // An unread question (or the dimension it asks about) may be the one that covers a
        // category: say nothing until everything reads.
        if !self.gaps.complete("questions") || !self.gaps.complete("dimensions") {
            return;
        }
        let mut counted: HashMap<(&str, &str), usize> = HashMap::new();
        for q in &bank.questions {
            // Questions that need a modifier do not count: the category must stand without one.
            if !q.applies.with_modifiers.is_empty() {
                continue;
            }
            for c in &bank.categories {
                if crate::assess::applies_to_category(&q.applies, &c.id) {
                    *counted
                        .entry((c.id.as_str(), q.dimension.as_str()))
                        .or_default() += 1;
                }
            }
        }
        for (i, c) in bank.categories.iter().enumerate() {
            let path = self.at("categories", i);
            let asked: usize = bank
                .dimensions
                .iter()
                .map(|d| {
                    counted
                        .get(&(c.id.as_str(), d.id.as_str()))
                        .copied()
                        .unwrap_or(0)
                })
                .sum();
            if asked == 0 {
                self.push(
                    path,
                    format!(
                        "category `{}` is left with no question: no question applies to it \
                         (questions that need a modifier do not count); check the questions' `applies`",
                        truncate(&c.id)
                    ),
                );
                continue;
            }
            for d in &bank.dimensions {
                let weight = c.weights.get(&d.id).copied().unwrap_or(0.0);
                if weight > 0.0 && !counted.contains_key(&(c.id.as_str(), d.id.as_str())) {
                    self.push(
                        key_path(&format!("{path}.weights"), &d.id),
                        format!(
                            "category `{}` weighs dimension `{}` ({weight}) but no question about \
                             it applies to this category: add one, or set the weight to 0",
                            truncate(&c.id),
                            truncate(&d.id)
                        ),
                    );
                }
            }
        }
    }
}
