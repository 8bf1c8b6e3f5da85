//! The bad-bank corpus: every file in `tests/bad-banks/` is a malformed question bank that a
//! portal operator might hand to the widget. The loader must refuse each one without
//! panicking, and report each problem at its JSON path in plain words.
//!
//! `tests/bad-banks/expected.json` lists, for each file, how many problems the loader reports
//! (`count`) and some of them: the exact `path`, a phrase the `message` must contain, and for
//! syntax errors the `line` and `column` (in characters, 1-based). A new file without an entry
//! there fails the test, and so does an entry without its file.
//!
//! To see what the loader says about every file:
//! `cargo test --test bad_banks -- --ignored --nocapture show_corpus`.

use std::fs;
use std::panic::{self, AssertUnwindSafe};
use std::path::{Path, PathBuf};

use branch_self_check::bank::{load_bank, BankError, MAX_BANK_BYTES, MAX_ID_CHARS, MAX_TEXT_CHARS};
use serde::Deserialize;

const DIR: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/bad-banks");
const VALID_BASE: &str = "valid-base.json";
const EXPECTED: &str = "expected.json";
const MIN_CASES: usize = 45;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Expectation {
    /// How many problems the loader reports.
    count: usize,
    errors: Vec<ExpectedError>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ExpectedError {
    path: String,
    /// A phrase the message must contain.
    message: String,
    #[serde(default)]
    line: Option<usize>,
    #[serde(default)]
    column: Option<usize>,
}

/// The corpus files, sorted, without the valid base and the expectations.
fn case_files() -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = fs::read_dir(DIR)
        .expect("tests/bad-banks exists")
        .map(|entry| entry.expect("readable directory entry").path())
        .filter(|p| {
            let name = file_name(p);
            name != VALID_BASE && name != EXPECTED
        })
        .collect();
    #[allow(clippy::disallowed_methods, reason = "a test, not in the wasm")]
    files.sort();
    files
}

fn file_name(path: &Path) -> &str {
    path.file_name().and_then(|n| n.to_str()).unwrap_or("")
}

fn read(path: &Path) -> String {
    let bytes = fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    String::from_utf8(bytes).unwrap_or_else(|e| panic!("{}: not UTF-8: {e}", path.display()))
}

fn expectations() -> std::collections::BTreeMap<String, Expectation> {
    let text = read(&Path::new(DIR).join(EXPECTED));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{EXPECTED}: {e}"))
}

/// Loads a bank, turning a panic into a failure that names the input.
fn load_errors(name: &str, json: &str) -> Result<Vec<BankError>, String> {
    match panic::catch_unwind(AssertUnwindSafe(|| load_bank(json))) {
        Ok(Ok(_)) => Ok(Vec::new()),
        Ok(Err(errors)) => Ok(errors.0),
        Err(_) => Err(format!("{name}: load_bank panicked")),
    }
}

/// serde's and Rust's words that a web developer should not have to decode.
const JARGON: &[&str] = &[
    "f64",
    "u32",
    "u64",
    "usize",
    "struct ",
    "sequence",
    "a map",
    "internally tagged",
    "unit value",
    "EOF",
    "variant",
    "map with a single key",
    "expected unit",
    "newtype",
];

/// Rules every reported problem follows, whatever the input.
fn check_form(name: &str, error: &BankError, problems: &mut Vec<String>) {
    let mut fail = |what: &str| problems.push(format!("{name}: {what}: {error:?}"));
    if !error.path.starts_with('$') {
        fail("the path does not start with `$`");
    }
    if error.message.trim().is_empty() {
        fail("the message is empty");
    }
    if error.message.chars().count() > 600 || error.path.chars().count() > 200 {
        fail("the message or path is too long to read");
    }
    if let Some(word) = JARGON.iter().find(|w| error.message.contains(**w)) {
        fail(&format!("the message uses the jargon `{word}`"));
    }
    if error.line.is_some() != error.column.is_some() {
        fail("a line without a column, or a column without a line");
    }
}

fn describe(errors: &[BankError]) -> String {
    errors
        .iter()
        .map(|e| match (e.line, e.column) {
            (Some(l), Some(c)) => format!("    {} (line {l}, column {c}): {}", e.path, e.message),
            _ => format!("    {}: {}", e.path, e.message),
        })
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn the_valid_base_loads() {
    let bank = load_bank(&read(&Path::new(DIR).join(VALID_BASE)))
        .unwrap_or_else(|e| panic!("{VALID_BASE} must load, but:\n{e}"));
    // The base exercises what the corpus mutates.
    assert!((2..=3).contains(&bank.dimensions.len()));
    assert_eq!(bank.categories.len(), 2);
    assert!(!bank.modifiers.is_empty() && !bank.roles.is_empty());
    assert!(!bank.groups.is_empty() && !bank.trainings.is_empty());
    assert!(bank.title.en.is_some());
}

#[test]
fn every_bad_bank_is_refused_with_located_plain_messages() {
    let expected = expectations();
    let files = case_files();
    let mut problems = Vec::new();

    assert!(
        files.len() >= MIN_CASES,
        "the corpus has {} cases; it should have at least {MIN_CASES}",
        files.len()
    );
    for name in expected.keys() {
        if !files.iter().any(|f| file_name(f) == name) {
            problems.push(format!(
                "{EXPECTED} lists `{name}`, but there is no such file"
            ));
        }
    }

    for path in &files {
        let name = file_name(path);
        let Some(expectation) = expected.get(name) else {
            problems.push(format!("{name}: no entry in {EXPECTED}"));
            continue;
        };
        if expectation.errors.is_empty() {
            problems.push(format!("{name}: the entry in {EXPECTED} names no error"));
        }
        let errors = match load_errors(name, &read(path)) {
            Ok(errors) => errors,
            Err(panicked) => {
                problems.push(panicked);
                continue;
            }
        };
        let before = problems.len();
        if errors.is_empty() {
            problems.push(format!("{name}: the bank loaded without any error"));
            continue;
        }
        if errors.len() != expectation.count {
            problems.push(format!(
                "{name}: expected {} error(s), got {}",
                expectation.count,
                errors.len()
            ));
        }
        for want in &expectation.errors {
            let found = errors.iter().any(|e| {
                e.path == want.path
                    && e.message.contains(&want.message)
                    && want.line.is_none_or(|l| e.line == Some(l))
                    && want.column.is_none_or(|c| e.column == Some(c))
            });
            if !found {
                let at = match (want.line, want.column) {
                    (Some(l), Some(c)) => format!(" at line {l}, column {c}"),
                    _ => String::new(),
                };
                problems.push(format!(
                    "{name}: no error at `{}`{at} saying \"{}\"",
                    want.path, want.message
                ));
            }
        }
        for error in &errors {
            check_form(name, error, &mut problems);
        }
        if problems.len() > before {
            problems.push(format!("{name}: the loader said:\n{}", describe(&errors)));
        }
    }
    assert!(problems.is_empty(), "\n{}\n", problems.join("\n"));
}

/// One generated case: a name, the JSON, and the (path, phrase) that must be reported.
fn generated_cases() -> Vec<(&'static str, String, &'static str, &'static str)> {
    let base = read(&Path::new(DIR).join(VALID_BASE));
    let huge_text = "党".repeat(100_000);
    let huge_id = "q".repeat(100_000);
    let mut oversized = base.clone();
    oversized.push_str(&" ".repeat(MAX_BANK_BYTES + 1 - base.len()));
    vec![
        (
            "a text of 100,000 characters",
            base.replacen(
                "\"zh-CN\": \"测试题库\"",
                &format!("\"zh-CN\": \"{huge_text}\""),
                1,
            ),
            "$.title.zh-CN",
            "the text is 100000 characters long; the limit is 2000",
        ),
        (
            "an id of 100,000 characters",
            base.replacen("\"id\": \"q-study\"", &format!("\"id\": \"{huge_id}\""), 1),
            "$.questions[0].id",
            "the id is 100000 characters long; the limit is 64",
        ),
        (
            "a bank over MAX_BANK_BYTES",
            oversized,
            "$",
            "the limit is 8388608 bytes",
        ),
        (
            "10,000 nested arrays",
            format!("{}{}", "[".repeat(10_000), "]".repeat(10_000)),
            "$",
            "nested too deeply",
        ),
        (
            "10,000 nested arrays inside a field",
            base.replacen(
                "\"version\": \"2026.1\"",
                &format!("\"version\": {}{}", "[".repeat(10_000), "]".repeat(10_000)),
                1,
            ),
            "$",
            "nested too deeply",
        ),
        (
            "100 nested arrays inside a field (within serde_json's limit)",
            base.replacen(
                "\"version\": \"2026.1\"",
                &format!("\"version\": {}{}", "[".repeat(100), "]".repeat(100)),
                1,
            ),
            "$.version",
            "expected a string, found a list",
        ),
        (
            "10,000 unclosed arrays",
            "[".repeat(10_000),
            "$",
            "nested too deeply",
        ),
    ]
}

#[test]
fn generated_extremes_are_refused_cleanly() {
    assert_eq!(MAX_TEXT_CHARS, 2_000, "update the phrases above");
    assert_eq!(MAX_ID_CHARS, 64, "update the phrases above");
    let mut problems = Vec::new();
    for (name, json, path, phrase) in generated_cases() {
        match load_errors(name, &json) {
            Err(panicked) => problems.push(panicked),
            Ok(errors) => {
                if !errors
                    .iter()
                    .any(|e| e.path == path && e.message.contains(phrase))
                {
                    problems.push(format!(
                        "{name}: no error at `{path}` saying \"{phrase}\"; got:\n{}",
                        describe(&errors)
                    ));
                }
                for error in &errors {
                    check_form(name, error, &mut problems);
                }
            }
        }
    }
    assert!(problems.is_empty(), "\n{}\n", problems.join("\n"));
}

/// A small deterministic generator (no dependency needed for a few thousand picks).
struct Lcg(u64);

impl Lcg {
    fn below(&mut self, n: usize) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        ((self.0 >> 33) as usize) % n.max(1)
    }
}

/// No input panics: every prefix of the valid base, and the base with one character changed.
#[test]
fn truncated_and_mutated_banks_never_panic() {
    let base = read(&Path::new(DIR).join(VALID_BASE));
    let mut problems = Vec::new();
    let boundaries: Vec<usize> = base.char_indices().map(|(i, _)| i).collect();
    for &end in &boundaries {
        if base[..end].trim_end() == base.trim_end() {
            continue;
        }
        let name = format!("the first {end} bytes of {VALID_BASE}");
        match load_errors(&name, &base[..end]) {
            Err(panicked) => problems.push(panicked),
            Ok(errors) if errors.is_empty() => problems.push(format!("{name}: loaded")),
            Ok(errors) => {
                for error in &errors {
                    check_form(&name, error, &mut problems);
                }
            }
        }
    }
    let replacements = [
        "", "{", "}", "[", "]", ",", ":", "\"", "0", "-1", "1e999", "null", "\\", "'", "x", "党",
        "\u{feff}", " ", "\n",
    ];
    let mut random = Lcg(0x5eed);
    for _ in 0..3_000 {
        let at = boundaries[random.below(boundaries.len())];
        let len = base[at..].chars().next().map_or(0, char::len_utf8);
        let with = replacements[random.below(replacements.len())];
        let mutated = format!("{}{with}{}", &base[..at], &base[at + len..]);
        let name = format!("{VALID_BASE} with byte {at} replaced by {with:?}");
        match load_errors(&name, &mutated) {
            Err(panicked) => problems.push(panicked),
            Ok(errors) => {
                for error in &errors {
                    check_form(&name, error, &mut problems);
                }
            }
        }
    }
    assert!(problems.is_empty(), "\n{}\n", problems.join("\n"));
}

/// Prints what the loader says about every corpus file (for writing expectations).
#[test]
#[ignore]
fn show_corpus() {
    for path in case_files() {
        let name = file_name(&path).to_string();
        match load_errors(&name, &read(&path)) {
            Ok(errors) => println!("{name}: {} error(s)\n{}", errors.len(), describe(&errors)),
            Err(panicked) => println!("{panicked}"),
        }
    }
}

/// A longer run of [`truncated_and_mutated_banks_never_panic`] over every corpus file, with
/// up to three edits each: `BAD_BANKS_FUZZ=200000 cargo test --release --test bad_banks --
/// --ignored fuzz_corpus`.
#[test]
#[ignore]
fn fuzz_corpus() {
    let rounds: usize = std::env::var("BAD_BANKS_FUZZ")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(20_000);
    let mut inputs: Vec<String> = vec![read(&Path::new(DIR).join(VALID_BASE))];
    inputs.extend(case_files().iter().map(|p| read(p)));
    let fragments = [
        "",
        "{",
        "}",
        "[",
        "]",
        ",",
        ":",
        "\"",
        "0",
        "-1",
        "1e999",
        "1e308",
        "-0",
        "null",
        "true",
        "\\",
        "\\u",
        "\\ud800",
        "'",
        "x",
        "党",
        "\u{feff}",
        " ",
        "\n",
        "\t",
        "[]",
        "{}",
        "\"\"",
        "\"id\"",
        "\"type\": \"levels\"",
        "\"answer\": {}",
        "\"zh-CN\"",
        "18446744073709551616",
        "4294967296",
    ];
    let mut random = Lcg(0xbad_ba4c);
    let mut problems = Vec::new();
    for round in 0..rounds {
        let mut text = inputs[random.below(inputs.len())].clone();
        for _ in 0..=random.below(3) {
            let bounds: Vec<usize> = text
                .char_indices()
                .map(|(i, _)| i)
                .chain([text.len()])
                .collect();
            let a = bounds[random.below(bounds.len())];
            let b = bounds[random.below(bounds.len())].max(a);
            let b = if random.below(4) == 0 {
                b
            } else {
                a.max(b.min(a + 4))
            };
            let b = bounds
                .iter()
                .copied()
                .find(|&x| x >= b)
                .unwrap_or(text.len());
            let with = fragments[random.below(fragments.len())];
            text = format!("{}{with}{}", &text[..a], &text[b..]);
        }
        let name = format!("fuzz round {round}");
        match load_errors(&name, &text) {
            Err(panicked) => problems.push(format!("{panicked}:\n{text}")),
            Ok(errors) => {
                for error in &errors {
                    check_form(&name, error, &mut problems);
                }
            }
        }
        if problems.len() > 20 {
            break;
        }
    }
    assert!(problems.is_empty(), "\n{}\n", problems.join("\n"));
}
