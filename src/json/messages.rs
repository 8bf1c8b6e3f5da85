//! The wording of problems, shared by every reader: what was expected and what was found,
//! unknown names with a "did you mean", and paths and values made readable.
//!
//! Messages are for the web developer who wires a portal's own bank into the widget (and for
//! logs of record files): they say what is wrong, where, and what is expected, in plain words
//! rather than in serde's or Rust's vocabulary (`f64`, `struct Text`, `sequence`, `unit`,
//! `variant` ...; `tests/bad_banks.rs` keeps a list of such words out of every message).

use serde_json::Value;

use super::Problem;

/// Keeps messages readable when an id or a value is absurdly long, or holds control
/// characters (shown escaped, e.g. `\n`).
pub(crate) fn truncate(s: &str) -> String {
    let mut out = String::new();
    for (i, c) in s.chars().enumerate() {
        if i == 40 {
            out.push('…');
            break;
        }
        if c.is_control() {
            out.extend(c.escape_default());
        } else {
            out.push(c);
        }
    }
    out
}

/// A string in double quotes for a message, shortened, with `"` escaped.
fn quoted(s: &str) -> String {
    format!("\"{}\"", truncate(s).replace('"', "\\\""))
}

/// `a`, `b`, `c`: names as messages list them.
pub(crate) fn quoted_list(names: &[&str]) -> String {
    names
        .iter()
        .map(|n| format!("`{n}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// `path.key`, or `path["key"]` when the key is not a plain name.
pub(crate) fn key_path(path: &str, key: &str) -> String {
    let plain = !key.is_empty()
        && key
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-');
    if plain {
        format!("{path}.{}", truncate(key))
    } else {
        format!("{path}[{}]", quoted(key))
    }
}

/// A plain name for a JSON value's type, for messages.
pub(crate) fn kind_of(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "a list",
        Value::Object(_) => "an object",
    }
}

/// A JSON value's type, and the value itself when it is short, for messages.
pub(crate) fn describe(value: &Value) -> String {
    match value {
        Value::Null => "null".into(),
        Value::Bool(b) => b.to_string(),
        Value::Number(n) => format!("the number {n}"),
        Value::String(s) => format!("the string {}", quoted(s)),
        other => kind_of(other).to_string(),
    }
}

/// A value as type messages name it: like [`describe`], but a string as Rust writes it
/// (escaped, in quotes, shortened), as the readers always showed it.
fn found(value: &Value) -> String {
    match value {
        Value::String(s) => format!("the string {}", truncate(&format!("{s:?}"))),
        other => describe(other),
    }
}

/// Reports a value of the wrong type: "expected {what}, found {the value}".
pub(crate) fn mismatch(path: &str, what: &str, value: &Value, errors: &mut Vec<Problem>) {
    let mut message = String::from("expected ");
    message.push_str(what);
    message.push_str(", found ");
    message.push_str(&found(value));
    errors.push(Problem::new(path, message));
}

/// "missing required field `name`".
pub(crate) fn missing_field(name: &str) -> String {
    let mut message = String::from("missing required field `");
    message.push_str(name);
    message.push('`');
    message
}

/// An unknown field, with the field it most likely meant and the fields there are.
pub(crate) fn unknown_field(name: &str, allowed: &[&str]) -> String {
    let mut message = format!("unknown field `{}`", truncate(name));
    did_you_mean(&mut message, name, allowed);
    if allowed.is_empty() {
        message.push_str("; this object takes no fields");
    } else {
        message.push_str(&format!("; the fields here are {}", quoted_list(allowed)));
    }
    message
}

/// An unknown value of a closed set (`answer type`, `value` ...), with the set.
pub(crate) fn unknown_value(what: &str, name: &str, allowed: &[&str]) -> String {
    let mut message = format!("unknown {what} `{}`", truncate(name));
    did_you_mean(&mut message, name, allowed);
    message.push_str(&format!("; expected one of {}", quoted_list(allowed)));
    message
}

/// A reference to an id the document does not define: `unknown dimension `x` (did you mean
/// `y`?); the bank's dimensions are …`, listing at most ten of `ids` (in document order).
pub(crate) fn unknown_reference(what: &str, id: &str, ids: &[&str]) -> String {
    let mut message = format!("unknown {what} `{}`", truncate(id));
    did_you_mean(&mut message, id, ids);
    let plural = match what.strip_suffix('y') {
        Some(stem) => format!("{stem}ies"),
        None => format!("{what}s"),
    };
    let named: Vec<&str> = ids.iter().copied().filter(|id| !id.is_empty()).collect();
    if named.is_empty() {
        message.push_str(&format!("; the bank defines no {plural} with an id"));
    } else {
        const SHOWN: usize = 10;
        let mut names: Vec<String> = named
            .iter()
            .take(SHOWN)
            .map(|id| format!("`{}`", truncate(id)))
            .collect();
        if named.len() > SHOWN {
            names.push(format!("and {} more", named.len() - SHOWN));
        }
        message.push_str(&format!("; the bank's {plural} are {}", names.join(", ")));
    }
    message
}

fn did_you_mean(message: &mut String, word: &str, candidates: &[&str]) {
    if let Some(close) = closest(word, candidates) {
        message.push_str(&format!(" (did you mean `{close}`?)"));
    }
}

/// The candidate a typo most likely meant: within 2 edits, or the same ignoring case, `-`, `_`.
pub(crate) fn closest<'a>(word: &str, candidates: &[&'a str]) -> Option<&'a str> {
    if word.chars().count() > 64 {
        return None;
    }
    let squash = |s: &str| -> String {
        s.chars()
            .filter(|c| !matches!(c, '-' | '_' | ' '))
            .flat_map(char::to_lowercase)
            .collect()
    };
    let word_squashed = squash(word);
    candidates
        .iter()
        .filter(|c| **c != word)
        .map(|c| {
            let d = if squash(c) == word_squashed {
                0
            } else {
                edit_distance(word, c)
            };
            (d, *c)
        })
        .filter(|(d, c)| *d <= 2 && *d < c.chars().count())
        .min_by_key(|(d, _)| *d)
        .map(|(_, c)| c)
}

/// Levenshtein distance, with adjacent transpositions counted as one edit.
fn edit_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let mut rows = vec![vec![0usize; b.len() + 1]; a.len() + 1];
    for (i, row) in rows.iter_mut().enumerate() {
        row[0] = i;
    }
    for (j, cell) in rows[0].iter_mut().enumerate() {
        *cell = j;
    }
    for i in 1..=a.len() {
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut d = (rows[i - 1][j] + 1)
                .min(rows[i][j - 1] + 1)
                .min(rows[i - 1][j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                d = d.min(rows[i - 2][j - 2] + 1);
            }
            rows[i][j] = d;
        }
    }
    rows[a.len()][b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typos() {
        assert_eq!(closest("wieght", &["id", "weight"]), Some("weight"));
        assert_eq!(closest("x", &["id"]), None);
        assert_eq!(closest("Zh_CN", &["zh-CN", "en"]), Some("zh-CN"));
        assert_eq!(edit_distance("ab", "ba"), 1);
    }

    #[test]
    fn references_name_what_the_bank_has() {
        assert_eq!(
            unknown_reference("category", "hospitl", &["hospital", "university"]),
            "unknown category `hospitl` (did you mean `hospital`?); the bank's categories are \
             `hospital`, `university`"
        );
        assert_eq!(
            unknown_reference("role", "x", &[""]),
            "unknown role `x`; the bank defines no roles with an id"
        );
    }
}
