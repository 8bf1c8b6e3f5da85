//! Reading model types from a `serde_json::Value` by hand, each problem at its exact path.
//!
//! This replaces serde-derived `Deserialize` (with `serde_path_to_error`) for the bank and the
//! record file: monomorphised for a path-tracking deserializer, those were over 100 KB of the
//! wasm. The readers do what the derived ones did, so messages and paths stay as they were:
//! an object's fields are read in the map's order and the first problem stops the item;
//! then the first missing required field (in declaration order) is reported; unknown fields
//! are refused in the bank and skipped in records; enums read as `"name"` or `{"name": …}`.
//! Messages say what serde said, in the plain words the loader always used (`expected a
//! number, found the string "2"`). One thing is not kept: serde also took a list for an
//! object (`["标题"]` for a text, fields by position), which no bank or record is written as;
//! such a list is now "expected a text object …, found a list".

use std::collections::{BTreeMap, BTreeSet};

use serde_json::Value;

use super::load::{describe, key_path, unknown_field_message, unknown_value_message};
use super::model::{
    one, AnswerSpec, Applies, Band, Category, Dimension, Group, GroupSize, Level, Modifier,
    Question, RedLine, Role, Text, Training, TrainingLevel,
};
use super::validate::truncate;
use super::BankError;

/// The answer types a question may have (`answer.type`).
const ANSWER_TYPES: &[&str] = &["levels", "yes_no", "count"];

/// What most objects are called in "expected …, found …".
pub(crate) const AN_OBJECT: &str = "an object `{ … }`";
const A_TEXT: &str = "a text object such as {\"zh-CN\": \"…\", \"en\": \"…\"}";
const AN_ANSWER: &str = "an answer object such as {\"type\": \"yes_no\"}";

/// A type read from a JSON value.
pub(crate) trait FromValue: Sized {
    /// Reads `value`, found at `path`. On failure, pushes the first problem and gives `None`.
    fn read(value: &Value, path: &str, errors: &mut Vec<BankError>) -> Option<Self>;
}

/// The shape of an object: its fields, which of them are required, and what it is called.
pub(crate) struct Form {
    /// What is expected, for "expected …, found …" when the value is not an object.
    pub what: &'static str,
    /// The field names, in declaration order (unknown-field messages list them so).
    pub fields: &'static [&'static str],
    /// Bit `i` set: `fields[i]` must be present.
    pub required: u32,
    /// Whether fields not in `fields` are skipped (records) rather than refused (the bank).
    pub open: bool,
}

/// Reads one known field (its index in `Form::fields`, its value, its path) into the
/// caller's slot, pushing any problem; whether it could be read.
pub(crate) type ReadField<'a, 'v> =
    dyn FnMut(usize, &'v Value, &str, &mut Vec<BankError>) -> bool + 'a;

/// Reads an object field by field, in the map's order, handing each known field to `field`
/// (index in `form.fields`, value, path); stops at the first problem. Not generic, so that
/// one copy serves every type: each type's own part is the small `field` closure.
pub(crate) fn read_fields<'v>(
    value: &'v Value,
    path: &str,
    form: &Form,
    errors: &mut Vec<BankError>,
    field: &mut ReadField<'_, 'v>,
) -> bool {
    let Value::Object(object) = value else {
        mismatch(path, form.what, value, errors);
        return false;
    };
    let mut seen = 0u32;
    for (key, item) in object {
        let at = key_path(path, key);
        match form.fields.iter().position(|f| f == key) {
            Some(i) => {
                if !field(i, item, &at, errors) {
                    return false;
                }
                seen |= 1 << i;
            }
            None if form.open => {}
            None => {
                errors.push(BankError::new(at, unknown_field_message(key, form.fields)));
                return false;
            }
        }
    }
    let missing = form.required & !seen;
    if missing != 0 {
        let name = form.fields[missing.trailing_zeros() as usize];
        let mut message = String::from("missing required field `");
        message.push_str(name);
        message.push('`');
        errors.push(BankError::new(path, message));
        return false;
    }
    true
}

/// Reads one field into its slot; whether it could be read.
pub(crate) fn set<T: FromValue>(
    slot: &mut Option<T>,
    value: &Value,
    path: &str,
    errors: &mut Vec<BankError>,
) -> bool {
    *slot = T::read(value, path, errors);
    slot.is_some()
}

/// Reads an enum written as serde writes one: `"name"`, or `{"name": content}`. Gives the
/// variant's index in `names`, its content, and the path of the content.
pub(crate) fn read_variant<'v>(
    value: &'v Value,
    path: &str,
    names: &[&str],
    errors: &mut Vec<BankError>,
) -> Option<(usize, Option<&'v Value>, String)> {
    let (name, content) = match value {
        Value::String(name) => (name, None),
        Value::Object(object) if object.len() == 1 => {
            object.iter().next().map(|(k, v)| (k, Some(v)))?
        }
        Value::Object(_) => {
            mismatch(path, "map with a single key", value, errors);
            return None;
        }
        _ => {
            mismatch(path, "a string", value, errors);
            return None;
        }
    };
    let Some(index) = names.iter().position(|n| n == name) else {
        errors.push(BankError::new(
            path,
            unknown_value_message("value", name, names),
        ));
        return None;
    };
    Some((index, content, key_path(path, name)))
}

/// Checks the content of a unit variant (`{"basic": null}` reads like `"basic"`).
pub(crate) fn unit_content(
    content: Option<&Value>,
    path: &str,
    errors: &mut Vec<BankError>,
) -> Option<()> {
    match content {
        Some(value) if !value.is_null() => {
            mismatch(path, "unit", value, errors);
            None
        }
        _ => Some(()),
    }
}

/// Reports a value of the wrong type: "expected {what}, found {the value}".
fn mismatch(path: &str, what: &str, value: &Value, errors: &mut Vec<BankError>) {
    let mut message = String::from("expected ");
    message.push_str(what);
    message.push_str(", found ");
    message.push_str(&found(value));
    errors.push(BankError::new(path, message));
}

/// A value as type messages name it: like `describe`, but a string as Rust writes it
/// (escaped, in quotes, shortened), which is what serde's messages showed.
fn found(value: &Value) -> String {
    match value {
        Value::String(s) => format!("the string {}", truncate(&format!("{s:?}"))),
        other => describe(other),
    }
}

/// A whole number from 0 to `max`.
fn whole(value: &Value, path: &str, max: u64, errors: &mut Vec<BankError>) -> Option<u64> {
    match value.as_u64() {
        Some(n) if n <= max => Some(n),
        _ => {
            mismatch(path, "a whole number, 0 or more", value, errors);
            None
        }
    }
}

impl FromValue for String {
    fn read(value: &Value, path: &str, errors: &mut Vec<BankError>) -> Option<String> {
        match value {
            Value::String(s) => Some(s.clone()),
            _ => {
                mismatch(path, "a string", value, errors);
                None
            }
        }
    }
}

impl FromValue for f64 {
    fn read(value: &Value, path: &str, errors: &mut Vec<BankError>) -> Option<f64> {
        let number = value.as_f64();
        if number.is_none() {
            mismatch(path, "a number", value, errors);
        }
        number
    }
}

impl FromValue for u32 {
    fn read(value: &Value, path: &str, errors: &mut Vec<BankError>) -> Option<u32> {
        whole(value, path, u32::MAX.into(), errors).and_then(|n| u32::try_from(n).ok())
    }
}

impl FromValue for u8 {
    fn read(value: &Value, path: &str, errors: &mut Vec<BankError>) -> Option<u8> {
        whole(value, path, u8::MAX.into(), errors).and_then(|n| u8::try_from(n).ok())
    }
}

impl FromValue for bool {
    fn read(value: &Value, path: &str, errors: &mut Vec<BankError>) -> Option<bool> {
        let flag = value.as_bool();
        if flag.is_none() {
            mismatch(path, "true or false", value, errors);
        }
        flag
    }
}

impl<T: FromValue> FromValue for Option<T> {
    fn read(value: &Value, path: &str, errors: &mut Vec<BankError>) -> Option<Option<T>> {
        match value {
            Value::Null => Some(None),
            _ => T::read(value, path, errors).map(Some),
        }
    }
}

/// The items of a list, or the problem if `value` is not one.
fn items<'v>(value: &'v Value, path: &str, errors: &mut Vec<BankError>) -> Option<&'v [Value]> {
    let items = value.as_array().map(Vec::as_slice);
    if items.is_none() {
        mismatch(path, "a list `[ … ]`", value, errors);
    }
    items
}

impl<T: FromValue> FromValue for Vec<T> {
    fn read(value: &Value, path: &str, errors: &mut Vec<BankError>) -> Option<Vec<T>> {
        items(value, path, errors)?
            .iter()
            .enumerate()
            .map(|(i, item)| T::read(item, &format!("{path}[{i}]"), errors))
            .collect()
    }
}

impl FromValue for BTreeSet<String> {
    fn read(value: &Value, path: &str, errors: &mut Vec<BankError>) -> Option<BTreeSet<String>> {
        Vec::<String>::read(value, path, errors).map(BTreeSet::from_iter)
    }
}

impl<T: FromValue> FromValue for BTreeMap<String, T> {
    fn read(value: &Value, path: &str, errors: &mut Vec<BankError>) -> Option<BTreeMap<String, T>> {
        let Value::Object(object) = value else {
            mismatch(path, AN_OBJECT, value, errors);
            return None;
        };
        object
            .iter()
            .map(|(key, item)| Some((key.clone(), T::read(item, &key_path(path, key), errors)?)))
            .collect()
    }
}

// ---------------------------------------------------------------------------------------
// The bank's types. Field lists follow the declarations in model.rs (and the serde names).

const TEXT: Form = Form {
    what: A_TEXT,
    fields: &["zh-CN", "en"],
    required: 0b01,
    open: false,
};

impl FromValue for Text {
    fn read(value: &Value, path: &str, errors: &mut Vec<BankError>) -> Option<Text> {
        let (mut zh, mut en) = (None, None);
        let read = read_fields(value, path, &TEXT, errors, &mut |i, v, p, e| match i {
            0 => set(&mut zh, v, p, e),
            _ => set(&mut en, v, p, e),
        });
        if !read {
            return None;
        }
        Some(Text {
            zh: zh?,
            en: en.flatten(),
        })
    }
}

const BAND: Form = Form {
    what: AN_OBJECT,
    fields: &["id", "min", "label"],
    required: 0b111,
    open: false,
};

impl FromValue for Band {
    fn read(value: &Value, path: &str, errors: &mut Vec<BankError>) -> Option<Band> {
        let (mut id, mut min, mut label) = (None, None, None);
        let read = read_fields(value, path, &BAND, errors, &mut |i, v, p, e| match i {
            0 => set(&mut id, v, p, e),
            1 => set(&mut min, v, p, e),
            _ => set(&mut label, v, p, e),
        });
        if !read {
            return None;
        }
        Some(Band {
            id: id?,
            min: min?,
            label: label?,
        })
    }
}

const DIMENSION: Form = Form {
    what: AN_OBJECT,
    fields: &["id", "name", "short", "description"],
    required: 0b1011,
    open: false,
};

impl FromValue for Dimension {
    fn read(value: &Value, path: &str, errors: &mut Vec<BankError>) -> Option<Dimension> {
        let (mut id, mut name, mut short, mut description) = (None, None, None, None);
        let read = read_fields(value, path, &DIMENSION, errors, &mut |i, v, p, e| match i {
            0 => set(&mut id, v, p, e),
            1 => set(&mut name, v, p, e),
            2 => set(&mut short, v, p, e),
            _ => set(&mut description, v, p, e),
        });
        if !read {
            return None;
        }
        Some(Dimension {
            id: id?,
            name: name?,
            short: short.flatten(),
            description: description?,
        })
    }
}

const CATEGORY: Form = Form {
    what: AN_OBJECT,
    fields: &[
        "id",
        "name",
        "description",
        "typical_problems",
        "weights",
        "targets",
    ],
    required: 0b11_0111,
    open: false,
};

impl FromValue for Category {
    fn read(value: &Value, path: &str, errors: &mut Vec<BankError>) -> Option<Category> {
        let (mut id, mut name, mut description) = (None, None, None);
        let (mut typical_problems, mut weights, mut targets) = (None, None, None);
        let read = read_fields(value, path, &CATEGORY, errors, &mut |i, v, p, e| match i {
            0 => set(&mut id, v, p, e),
            1 => set(&mut name, v, p, e),
            2 => set(&mut description, v, p, e),
            3 => set(&mut typical_problems, v, p, e),
            4 => set(&mut weights, v, p, e),
            _ => set(&mut targets, v, p, e),
        });
        if !read {
            return None;
        }
        Some(Category {
            id: id?,
            name: name?,
            description: description?,
            typical_problems: typical_problems.unwrap_or_default(),
            weights: weights?,
            targets: targets?,
        })
    }
}

const MODIFIER: Form = Form {
    what: AN_OBJECT,
    fields: &["id", "name", "description", "weight_factors"],
    required: 0b0111,
    open: false,
};

impl FromValue for Modifier {
    fn read(value: &Value, path: &str, errors: &mut Vec<BankError>) -> Option<Modifier> {
        let (mut id, mut name, mut description, mut weight_factors) = (None, None, None, None);
        let read = read_fields(value, path, &MODIFIER, errors, &mut |i, v, p, e| match i {
            0 => set(&mut id, v, p, e),
            1 => set(&mut name, v, p, e),
            2 => set(&mut description, v, p, e),
            _ => set(&mut weight_factors, v, p, e),
        });
        if !read {
            return None;
        }
        Some(Modifier {
            id: id?,
            name: name?,
            description: description?,
            weight_factors: weight_factors.unwrap_or_default(),
        })
    }
}

const ROLE: Form = Form {
    what: AN_OBJECT,
    fields: &["id", "name"],
    required: 0b11,
    open: false,
};

impl FromValue for Role {
    fn read(value: &Value, path: &str, errors: &mut Vec<BankError>) -> Option<Role> {
        let (mut id, mut name) = (None, None);
        let read = read_fields(value, path, &ROLE, errors, &mut |i, v, p, e| match i {
            0 => set(&mut id, v, p, e),
            _ => set(&mut name, v, p, e),
        });
        if !read {
            return None;
        }
        Some(Role {
            id: id?,
            name: name?,
        })
    }
}

const QUESTION: Form = Form {
    what: AN_OBJECT,
    fields: &[
        "id",
        "dimension",
        "weight",
        "text",
        "help",
        "source",
        "applies",
        "answer",
        "allow_na",
        "red_line",
    ],
    required: 0b00_1000_1111,
    open: false,
};

impl FromValue for Question {
    /// The answer is read first, on its own: a problem in it is reported at its exact path
    /// *as well as* the first problem elsewhere in the question, which the loader always did
    /// (serde lost the path inside the internally tagged answer, so it was checked apart).
    fn read(value: &Value, path: &str, errors: &mut Vec<BankError>) -> Option<Question> {
        let (mut answer, mut exact, mut late) = (None, None, None);
        if let Some(spec) = value.get("answer") {
            match read_answer(spec, &key_path(path, "answer")) {
                AnswerRead::Spec(spec) => answer = Some(spec),
                AnswerRead::Exact(error) => exact = Some(error),
                AnswerRead::Late(error) => late = Some(error),
            }
        }
        let (mut id, mut dimension, mut weight, mut text) = (None, None, None, None);
        let (mut help, mut source, mut applies) = (None, None, None);
        let (mut allow_na, mut red_line) = (None, None);
        let read = read_fields(value, path, &QUESTION, errors, &mut |i, v, p, e| match i {
            0 => set(&mut id, v, p, e),
            1 => set(&mut dimension, v, p, e),
            2 => set(&mut weight, v, p, e),
            3 => set(&mut text, v, p, e),
            4 => set(&mut help, v, p, e),
            5 => set(&mut source, v, p, e),
            6 => set(&mut applies, v, p, e),
            // Read above. An exact problem there lets the reading go on (it is reported after
            // the question's first other problem); a late one stops it here, as serde did.
            7 => match late.take() {
                Some(error) => {
                    e.push(error);
                    false
                }
                None => true,
            },
            8 => set(&mut allow_na, v, p, e),
            _ => set(&mut red_line, v, p, e),
        });
        if let Some(error) = exact {
            errors.push(error);
            return None;
        }
        if !read {
            return None;
        }
        Some(Question {
            id: id?,
            dimension: dimension?,
            weight: weight?,
            text: text?,
            help: help.flatten(),
            source: source.flatten(),
            applies: applies.unwrap_or_default(),
            answer: answer?,
            allow_na: allow_na.unwrap_or_default(),
            red_line: red_line.flatten(),
        })
    }
}

const APPLIES: Form = Form {
    what: AN_OBJECT,
    fields: &[
        "categories",
        "except_categories",
        "with_modifiers",
        "without_modifiers",
    ],
    required: 0,
    open: false,
};

impl FromValue for Applies {
    fn read(value: &Value, path: &str, errors: &mut Vec<BankError>) -> Option<Applies> {
        let mut lists: [Option<Vec<String>>; 4] = Default::default();
        let read = read_fields(value, path, &APPLIES, errors, &mut |i, v, p, e| {
            set(&mut lists[i], v, p, e)
        });
        if !read {
            return None;
        }
        let [categories, except_categories, with_modifiers, without_modifiers] =
            lists.map(Option::unwrap_or_default);
        Some(Applies {
            categories,
            except_categories,
            with_modifiers,
            without_modifiers,
        })
    }
}

/// A question's answer, read on its own.
enum AnswerRead {
    Spec(AnswerSpec),
    /// A problem, exactly located, reported alongside the question's first other problem.
    Exact(BankError),
    /// A problem that serde found only while reading the question (an explicit `null`
    /// credit), reported at the answer, in its turn among the question's fields.
    Late(BankError),
}

const LEVELS: Form = Form {
    what: AN_ANSWER,
    fields: &["type", "levels"],
    required: 0b11,
    open: false,
};

const YES_NO: Form = Form {
    what: AN_ANSWER,
    fields: &["type", "yes_credit", "no_credit"],
    required: 0b001,
    open: false,
};

const COUNT: Form = Form {
    what: AN_ANSWER,
    fields: &["type", "per_year", "unit"],
    required: 0b111,
    open: false,
};

/// Reads an answer: `type` first (`levels`, `yes_no` or `count`), then that type's fields.
fn read_answer(value: &Value, path: &str) -> AnswerRead {
    let exact = |at: String, message: String| AnswerRead::Exact(BankError::new(at, message));
    let Value::Object(object) = value else {
        return exact(
            path.into(),
            format!("expected {AN_ANSWER}, found {}", describe(value)),
        );
    };
    let types = super::load::quoted_list(ANSWER_TYPES);
    let kind = match object.get("type") {
        None => {
            return exact(
                path.into(),
                format!("missing required field `type` (one of {types})"),
            )
        }
        Some(Value::String(kind)) => kind,
        Some(other) => {
            return exact(
                key_path(path, "type"),
                format!("expected one of {types}, found {}", describe(other)),
            )
        }
    };
    let mut errors = Vec::new();
    let spec = match ANSWER_TYPES.iter().position(|t| t == kind) {
        Some(0) => {
            let mut levels = None;
            // Field 0 is `type`, read above.
            let read = read_fields(value, path, &LEVELS, &mut errors, &mut |i, v, p, e| {
                i == 0 || set(&mut levels, v, p, e)
            });
            match (read, levels) {
                (true, Some(levels)) => Some(AnswerSpec::Levels { levels }),
                _ => None,
            }
        }
        Some(1) => {
            let (mut yes, mut no) = (None, None);
            let read = read_fields(
                value,
                path,
                &YES_NO,
                &mut errors,
                &mut |i, v, p, e| match i {
                    0 => true,
                    1 => set(&mut yes, v, p, e),
                    _ => set(&mut no, v, p, e),
                },
            );
            // A `null` credit reads as "not given" above, but serde's reader refused it, and
            // reported it at the answer rather than at the credit: keep that.
            if read && (matches!(yes, Some(None)) || matches!(no, Some(None))) {
                return AnswerRead::Late(BankError::new(path, "expected a number, found null"));
            }
            read.then(|| AnswerSpec::YesNo {
                yes_credit: yes.flatten().unwrap_or_else(one),
                no_credit: no.flatten().unwrap_or_default(),
            })
        }
        Some(_) => {
            let (mut per_year, mut unit) = (None, None);
            let read = read_fields(
                value,
                path,
                &COUNT,
                &mut errors,
                &mut |i, v, p, e| match i {
                    0 => true,
                    1 => set(&mut per_year, v, p, e),
                    _ => set(&mut unit, v, p, e),
                },
            );
            match (read, per_year, unit) {
                (true, Some(per_year), Some(unit)) => Some(AnswerSpec::Count { per_year, unit }),
                _ => None,
            }
        }
        None => {
            return exact(
                key_path(path, "type"),
                unknown_value_message("answer type", kind, ANSWER_TYPES),
            )
        }
    };
    // A type's fields that do not read always leave a problem; the last arm cannot happen.
    match (spec, errors.pop()) {
        (Some(spec), _) => AnswerRead::Spec(spec),
        (None, Some(error)) => AnswerRead::Exact(error),
        (None, None) => exact(
            path.into(),
            format!("expected {AN_ANSWER}, found {}", describe(value)),
        ),
    }
}

const LEVEL: Form = Form {
    what: AN_OBJECT,
    fields: &["credit", "label"],
    required: 0b11,
    open: false,
};

impl FromValue for Level {
    fn read(value: &Value, path: &str, errors: &mut Vec<BankError>) -> Option<Level> {
        let (mut credit, mut label) = (None, None);
        let read = read_fields(value, path, &LEVEL, errors, &mut |i, v, p, e| match i {
            0 => set(&mut credit, v, p, e),
            _ => set(&mut label, v, p, e),
        });
        if !read {
            return None;
        }
        Some(Level {
            credit: credit?,
            label: label?,
        })
    }
}

const RED_LINE: Form = Form {
    what: AN_OBJECT,
    fields: &["max_credit", "message"],
    required: 0b10,
    open: false,
};

impl FromValue for RedLine {
    fn read(value: &Value, path: &str, errors: &mut Vec<BankError>) -> Option<RedLine> {
        let (mut max_credit, mut message) = (None, None);
        let read = read_fields(value, path, &RED_LINE, errors, &mut |i, v, p, e| match i {
            0 => set(&mut max_credit, v, p, e),
            _ => set(&mut message, v, p, e),
        });
        if !read {
            return None;
        }
        Some(RedLine {
            max_credit: max_credit.unwrap_or_default(),
            message: message?,
        })
    }
}

const GROUP: Form = Form {
    what: AN_OBJECT,
    fields: &["id", "name", "focus", "categories", "size", "activities"],
    required: 0b11_0111,
    open: false,
};

impl FromValue for Group {
    fn read(value: &Value, path: &str, errors: &mut Vec<BankError>) -> Option<Group> {
        let (mut id, mut name, mut focus) = (None, None, None);
        let (mut categories, mut size, mut activities) = (None, None, None);
        let read = read_fields(value, path, &GROUP, errors, &mut |i, v, p, e| match i {
            0 => set(&mut id, v, p, e),
            1 => set(&mut name, v, p, e),
            2 => set(&mut focus, v, p, e),
            3 => set(&mut categories, v, p, e),
            4 => set(&mut size, v, p, e),
            _ => set(&mut activities, v, p, e),
        });
        if !read {
            return None;
        }
        Some(Group {
            id: id?,
            name: name?,
            focus: focus?,
            categories: categories.unwrap_or_default(),
            size: size?,
            activities: activities?,
        })
    }
}

const GROUP_SIZE: Form = Form {
    what: "an object such as {\"min\": 3, \"max\": 8}",
    fields: &["min", "max"],
    required: 0b11,
    open: false,
};

impl FromValue for GroupSize {
    fn read(value: &Value, path: &str, errors: &mut Vec<BankError>) -> Option<GroupSize> {
        let (mut min, mut max) = (None, None);
        let read = read_fields(
            value,
            path,
            &GROUP_SIZE,
            errors,
            &mut |i, v, p, e| match i {
                0 => set(&mut min, v, p, e),
                _ => set(&mut max, v, p, e),
            },
        );
        if !read {
            return None;
        }
        Some(GroupSize {
            min: min?,
            max: max?,
        })
    }
}

const TRAINING: Form = Form {
    what: AN_OBJECT,
    fields: &[
        "id",
        "title",
        "description",
        "dimensions",
        "roles",
        "level",
        "categories",
        "hours",
    ],
    required: 0b0011_1111,
    open: false,
};

impl FromValue for Training {
    fn read(value: &Value, path: &str, errors: &mut Vec<BankError>) -> Option<Training> {
        let (mut id, mut title, mut description, mut dimensions) = (None, None, None, None);
        let (mut roles, mut level, mut categories, mut hours) = (None, None, None, None);
        let read = read_fields(value, path, &TRAINING, errors, &mut |i, v, p, e| match i {
            0 => set(&mut id, v, p, e),
            1 => set(&mut title, v, p, e),
            2 => set(&mut description, v, p, e),
            3 => set(&mut dimensions, v, p, e),
            4 => set(&mut roles, v, p, e),
            5 => set(&mut level, v, p, e),
            6 => set(&mut categories, v, p, e),
            _ => set(&mut hours, v, p, e),
        });
        if !read {
            return None;
        }
        Some(Training {
            id: id?,
            title: title?,
            description: description?,
            dimensions: dimensions?,
            roles: roles?,
            level: level?,
            categories: categories.unwrap_or_default(),
            hours: hours.flatten(),
        })
    }
}

impl FromValue for TrainingLevel {
    fn read(value: &Value, path: &str, errors: &mut Vec<BankError>) -> Option<TrainingLevel> {
        const LEVELS: [TrainingLevel; 3] = [
            TrainingLevel::Basic,
            TrainingLevel::Intermediate,
            TrainingLevel::Advanced,
        ];
        let names = &["basic", "intermediate", "advanced"];
        let (index, content, at) = read_variant(value, path, names, errors)?;
        unit_content(content, &at, errors)?;
        LEVELS.get(index).copied()
    }
}

#[cfg(test)]
mod tests {
    use serde::de::DeserializeOwned;
    use serde_json::json;

    use super::*;
    use crate::bank::{load_bank, Bank, DEFAULT_BANK_JSON};

    /// The field names serde lists for an unknown field, in declaration order.
    fn serde_fields<T: DeserializeOwned>(probe: Value) -> Vec<String> {
        let message = serde_json::from_value::<T>(probe)
            .err()
            .map(|e| e.to_string())
            .unwrap_or_default();
        message
            .split('`')
            .skip(3)
            .step_by(2)
            .map(str::to_string)
            .collect()
    }

    fn required(form: &Form) -> Vec<&str> {
        let mut names: Vec<&str> = (0..form.fields.len())
            .filter(|i| form.required & (1 << i) != 0)
            .map(|i| form.fields[i])
            .collect();
        names.sort_unstable();
        names
    }

    /// The fields the JSON Schema (generated from the serde attributes) requires.
    fn schema_required(definition: &Value) -> Vec<&str> {
        let mut names: Vec<&str> = definition
            .get("required")
            .and_then(Value::as_array)
            .map(|r| r.iter().filter_map(Value::as_str).collect())
            .unwrap_or_default();
        names.sort_unstable();
        names
    }

    /// If a model type gains, loses, renames or reorders a field, or a field becomes optional
    /// or required, this fails: update its `Form` (and its reader) to match.
    #[test]
    fn forms_follow_the_model() {
        let schema: Value = serde_json::from_str(include_str!("bank.schema.json")).unwrap();
        let defs = &schema["$defs"];
        let probe = || json!({"\u{1}": 0});
        let structs = [
            ("Text", &TEXT, serde_fields::<Text>(probe())),
            ("Band", &BAND, serde_fields::<Band>(probe())),
            ("Dimension", &DIMENSION, serde_fields::<Dimension>(probe())),
            ("Category", &CATEGORY, serde_fields::<Category>(probe())),
            ("Modifier", &MODIFIER, serde_fields::<Modifier>(probe())),
            ("Role", &ROLE, serde_fields::<Role>(probe())),
            ("Question", &QUESTION, serde_fields::<Question>(probe())),
            ("Applies", &APPLIES, serde_fields::<Applies>(probe())),
            ("Level", &LEVEL, serde_fields::<Level>(probe())),
            ("RedLine", &RED_LINE, serde_fields::<RedLine>(probe())),
            ("Group", &GROUP, serde_fields::<Group>(probe())),
            ("GroupSize", &GROUP_SIZE, serde_fields::<GroupSize>(probe())),
            ("Training", &TRAINING, serde_fields::<Training>(probe())),
        ];
        for (name, form, fields) in structs {
            assert_eq!(form.fields, fields, "{name}: fields");
            assert_eq!(required(form), schema_required(&defs[name]), "{name}");
        }
        let answers = defs["AnswerSpec"]["oneOf"].as_array().unwrap();
        for (i, form) in [&LEVELS, &YES_NO, &COUNT].into_iter().enumerate() {
            let kind = ANSWER_TYPES[i];
            let fields = serde_fields::<AnswerSpec>(json!({"type": kind, "\u{1}": 0}));
            assert_eq!(form.fields[0], "type");
            assert_eq!(form.fields[1..], fields, "{kind}: fields");
            let variant = answers
                .iter()
                .find(|v| v["properties"]["type"]["const"] == kind)
                .unwrap();
            assert_eq!(required(form), schema_required(variant), "{kind}");
        }
        let levels = defs["TrainingLevel"]["enum"].as_array().unwrap();
        for (i, level) in levels.iter().enumerate() {
            let read = TrainingLevel::read(level, "$", &mut Vec::new());
            assert_eq!(read, serde_json::from_value(level.clone()).ok(), "{i}");
        }
    }

    #[test]
    fn the_default_bank_reads_as_serde_reads_it() {
        let serde: Bank = serde_json::from_str(DEFAULT_BANK_JSON).unwrap();
        assert_eq!(load_bank(DEFAULT_BANK_JSON), Ok(serde));
    }

    #[test]
    fn every_answer_type_reads_as_serde_reads_it() {
        let answers = [
            json!({"type": "levels", "levels": [{"credit": 0, "label": {"zh-CN": "无"}}]}),
            json!({"type": "yes_no"}),
            json!({"type": "yes_no", "yes_credit": 0, "no_credit": 1}),
            json!({"type": "count", "per_year": 4, "unit": {"zh-CN": "次"}}),
        ];
        for answer in answers {
            let serde: AnswerSpec = serde_json::from_value(answer.clone()).unwrap();
            match read_answer(&answer, "$") {
                AnswerRead::Spec(spec) => assert_eq!(spec, serde, "{answer}"),
                _ => panic!("{answer} does not read"),
            }
        }
    }

    fn first_problem<T: FromValue>(value: Value) -> String {
        let mut errors = Vec::new();
        assert!(
            T::read(&value, "$.x", &mut errors).is_none(),
            "{value} reads"
        );
        assert_eq!(errors.len(), 1, "{errors:?}");
        errors.remove(0).message
    }

    #[test]
    fn messages_are_in_plain_words() {
        assert_eq!(
            first_problem::<f64>(json!("2")),
            "expected a number, found the string \"2\""
        );
        assert_eq!(
            first_problem::<u32>(json!(1.5)),
            "expected a whole number, 0 or more, found the number 1.5"
        );
        assert_eq!(
            first_problem::<u32>(json!(-1)),
            "expected a whole number, 0 or more, found the number -1"
        );
        assert_eq!(
            first_problem::<bool>(json!(null)),
            "expected true or false, found null"
        );
        assert_eq!(
            first_problem::<Vec<String>>(json!({})),
            "expected a list `[ … ]`, found an object"
        );
        assert_eq!(
            first_problem::<BTreeMap<String, f64>>(json!([])),
            "expected an object `{ … }`, found a list"
        );
        assert_eq!(
            first_problem::<Text>(json!(5)),
            "expected a text object such as {\"zh-CN\": \"…\", \"en\": \"…\"}, found the number 5"
        );
        assert_eq!(
            first_problem::<Text>(json!({"en": "x"})),
            "missing required field `zh-CN`"
        );
        assert_eq!(
            first_problem::<TrainingLevel>(json!("advnaced")),
            "unknown value `advnaced` (did you mean `advanced`?); expected one of `basic`, \
             `intermediate`, `advanced`"
        );
    }
}
