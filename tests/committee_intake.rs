//! The committee workbench's intake: bad inputs listed with the record module's reasons, the
//! same branch twice, anonymous labels and tags, records of bank 2026.1 beside current ones,
//! reading in steps, and hostile input.

mod committee_common;

use committee_common::{bank, file};

use std::fs;

use branch_self_check::assess::{applicable_questions, Answer};
use branch_self_check::bank::{load_bank, AnswerSpec, Locale};
use branch_self_check::committee::generate::generate;
use branch_self_check::committee::{
    figures, links, Input, Intake, Issue, Note, Problem, Roster, Source,
};
use branch_self_check::record::{
    decode_share, encode_share, import_record, read_baseline, ImportError, Record, ShareError,
};
use proptest::prelude::*;
use serde_json::Value;

const OLD: &str = "tests/fixtures/bank-2026.1";
const OLD_EXPORTS: [&str; 3] = ["organ.json", "hospital-overseas.json", "retired.json"];

fn fixture(name: &str) -> String {
    fs::read_to_string(format!("{OLD}/{name}")).unwrap_or_else(|e| panic!("{name}: {e}"))
}

fn parse(text: &str) -> Record {
    serde_json::from_str(text).expect("a record")
}

/// A record changed and given a valid checksum again, as another tool might write it.
fn rewritten(text: &str, change: impl FnOnce(&mut Record)) -> String {
    let mut record = parse(text);
    change(&mut record);
    record.checksum = record.expected_checksum();
    record.to_json()
}

fn edited_json(text: &str, change: impl FnOnce(&mut Value)) -> String {
    let mut value: Value = serde_json::from_str(text).unwrap();
    change(&mut value);
    value.to_string()
}

fn sources(issues: &[Issue]) -> Vec<String> {
    issues
        .iter()
        .map(|i| i.source.describe(Locale::En))
        .collect()
}

#[test]
fn bad_inputs_are_listed_with_the_record_modules_reasons_and_the_rest_load() {
    let bank = bank();
    let good = generate(&bank, 4, 11);
    let (good_a, good_b) = (&good[0].1, &good[1].1);
    let tampered = edited_json(good_a, |v| {
        let overall = v["results"]["overall"].as_f64().unwrap_or(50.0);
        v["results"]["overall"] = Value::from(100.0 - overall / 2.0);
    });
    let other_bank = edited_json(good_a, |v| v["bank"]["id"] = "another-bank".into());
    let unlisted = rewritten(good_a, |r| r.bank.version = "2025.9".into());
    let record_b = import_record(&bank, good_b).unwrap();
    let link = encode_share(&bank, &record_b.selection, &record_b.answers);
    let old_link = fixture("share-links.tsv")
        .lines()
        .next()
        .and_then(|l| l.split_once('\t'))
        .map(|(_, link)| link.to_string())
        .unwrap();
    let pasted = format!(
        "https://portal.example/self-check.html#share={link}\n\n%%not a link%%\n{old_link}\n"
    );
    let mut inputs = vec![
        file("a.json", good_a),
        file("empty.json", "  \n"),
        file(
            "broken.json",
            "{\n  \"format\": \"branch-self-check/record\",\n  oops\n}",
        ),
        file("cut.json", &good_a[..good_a.len() / 2]),
        file("tampered.json", &tampered),
        file("other-bank.json", &other_bank),
        file("unlisted.json", &unlisted),
        file("list.json", "[1, 2, 3]"),
    ];
    inputs.extend(links("粘贴的链接", &pasted));
    let roster = Roster::read(&bank, inputs);

    // The good file and the good link load; nothing else does.
    assert_eq!(roster.members.len(), 2);
    assert_eq!(roster.members[0].source, Source::file("a.json"));
    assert_eq!(roster.members[1].record.answers, record_b.answers);
    assert_eq!(
        sources(&roster.issues),
        [
            "empty.json",
            "broken.json",
            "cut.json",
            "tampered.json",
            "other-bank.json",
            "unlisted.json",
            "list.json",
            "粘贴的链接, line 3",
            "粘贴的链接, line 4",
        ]
    );
    // Each reason is the record module's own, in both languages.
    let expected_errors = [
        read_baseline(&bank, "  \n").unwrap_err(),
        read_baseline(
            &bank,
            "{\n  \"format\": \"branch-self-check/record\",\n  oops\n}",
        )
        .unwrap_err(),
        read_baseline(&bank, &good_a[..good_a.len() / 2]).unwrap_err(),
        read_baseline(&bank, &tampered).unwrap_err(),
        read_baseline(&bank, &other_bank).unwrap_err(),
    ];
    assert!(matches!(expected_errors[0], ImportError::Empty));
    assert!(matches!(
        expected_errors[1],
        ImportError::NotJson { line: 3, .. }
    ));
    assert!(matches!(expected_errors[2], ImportError::Truncated { .. }));
    assert!(matches!(expected_errors[3], ImportError::Tampered { .. }));
    assert!(matches!(expected_errors[4], ImportError::OtherBank { .. }));
    for (issue, error) in roster.issues.iter().zip(&expected_errors) {
        assert_eq!(issue.problem, Problem::Refused(error.clone()));
        for locale in [Locale::Zh, Locale::En] {
            assert_eq!(issue.message(locale), error.message(locale));
        }
    }
    assert_eq!(
        roster.issues[5].problem,
        Problem::UnlistedVersion {
            found: "2025.9".into(),
            current: bank.version.clone()
        }
    );
    assert!(roster.issues[5].message(Locale::Zh).contains("2025.9"));
    assert!(roster.issues[5].message(Locale::En).contains("2025.9"));
    assert!(matches!(
        roster.issues[6].problem,
        Problem::Refused(ImportError::NotARecord { .. })
    ));
    assert!(matches!(
        roster.issues[7].problem,
        Problem::BadLink(ShareError::NotBase64 { .. })
    ));
    // A link of bank 2026.1 gets the share module's clear message naming both versions.
    let earlier = ShareError::EarlierBankVersion {
        found: "2026.1".into(),
        current: bank.version.clone(),
    };
    assert_eq!(roster.issues[8].problem, Problem::BadLink(earlier.clone()));
    assert_eq!(
        roster.issues[8].message(Locale::Zh),
        earlier.message(Locale::Zh)
    );
    assert!(roster.issues[8].message(Locale::Zh).contains("2026.1"));
}

#[test]
fn the_same_branch_twice_keeps_the_newest_and_says_which_was_left_out() {
    let bank = bank();
    let base = &generate(&bank, 1, 5)[0].1;
    let unit = "某部办公厅第一党支部";
    let version = |created: &str, level: u8| {
        rewritten(base, |r| {
            r.unit_name = Some(unit.into());
            r.selection.role = Some("secretary".into());
            r.created = created.into();
            let q = applicable_questions(&bank, &r.selection)
                .into_iter()
                .find(|q| matches!(q.answer, AnswerSpec::Levels { .. }))
                .unwrap();
            r.answers.insert(q.id.clone(), Answer::Level(level));
            // The results must follow from the answers, as in a real export.
            *r = Record::new(&bank, &r.selection, &r.answers, Some(unit), created);
        })
    };
    let (old, new, newest_tie) = (
        version("2026-10-01", 0),
        version("2026-11-20", 1),
        version("2026-11-20", 2),
    );
    let member = rewritten(&old, |r| {
        r.selection.role = Some("member".into());
        *r = Record::new(&bank, &r.selection, &r.answers, Some(unit), "2026-09-01");
    });
    let roster = Roster::read(
        &bank,
        [
            file("new.json", &new),
            file("old.json", &old),
            file("new-again.json", &new),
            file("member.json", &member),
            file("same-day.json", &newest_tie),
        ],
    );
    // One branch: the secretary's newest record (on a tie, the later input) and the member's.
    assert_eq!(roster.branches.len(), 1);
    let kept: Vec<&str> = roster.branches[0]
        .members
        .iter()
        .map(|&m| roster.members[m].source.name.as_str())
        .collect();
    assert_eq!(kept, ["same-day.json", "member.json"]);
    let listed: Vec<(String, Problem)> = roster
        .issues
        .iter()
        .map(|i| (i.source.name.clone(), i.problem.clone()))
        .collect();
    assert_eq!(
        listed,
        [
            (
                "old.json".into(),
                Problem::Replaced {
                    kept: Source::file("new.json")
                }
            ),
            (
                "new-again.json".into(),
                Problem::Duplicate {
                    kept: Source::file("new.json")
                }
            ),
            (
                "new.json".into(),
                Problem::Replaced {
                    kept: Source::file("same-day.json")
                }
            ),
        ]
    );
    assert!(roster.issues[0].message(Locale::Zh).contains("new.json"));
    assert!(roster.issues[1].message(Locale::En).contains("Identical"));
    assert_eq!(roster.notes(), [Note::Merged { branches: 1 }]);
}

#[test]
fn anonymous_records_get_numbered_labels_that_can_be_edited_and_tags() {
    let bank = bank();
    let base = &generate(&bank, 1, 9)[0].1;
    let anonymous = |created: &str| {
        rewritten(base, |r| {
            r.unit_name = None;
            r.created = created.into();
        })
    };
    let named = rewritten(base, |r| r.unit_name = Some("某医院心内科党支部".into()));
    let (first, second) = (anonymous("2026-11-01"), anonymous("2026-11-02"));
    let mut roster = Roster::read(
        &bank,
        [
            file("1.json", &first),
            file("2.json", &named),
            file("3.json", &second),
            // The identical anonymous record again is a duplicate, not a third branch.
            file("4.json", &first),
        ],
    );
    assert_eq!(roster.branches.len(), 3);
    let labels = |roster: &Roster, locale| {
        (0..roster.branches.len())
            .map(|b| roster.label(b, locale))
            .collect::<Vec<_>>()
    };
    assert_eq!(
        labels(&roster, Locale::Zh),
        ["未署名 1", "某医院心内科党支部", "未署名 2"]
    );
    assert_eq!(
        labels(&roster, Locale::En),
        ["Unnamed 1", "某医院心内科党支部", "Unnamed 2"]
    );
    assert!(matches!(
        roster.issues[0].problem,
        Problem::Duplicate { .. }
    ));
    let revision = roster.records_revision();
    roster.set_label(0, "  某局人事司第二党支部 ");
    roster.set_tags(
        0,
        &["片区一".into(), " ".into(), "片区一".into(), "人事".into()],
    );
    roster.set_tags(1, &["片区二".into()]);
    roster.set_label(99, "no such branch");
    assert_eq!(roster.label(0, Locale::En), "某局人事司第二党支部");
    assert_eq!(roster.matching_name(0), Some("某局人事司第二党支部"));
    assert_eq!(roster.matching_name(2), None, "未署名 n never matches");
    assert_eq!(roster.branches[0].tags, ["片区一", "人事"]);
    assert_eq!(roster.tags(), ["人事", "片区一", "片区二"]);
    assert_eq!(
        roster.records_revision(),
        revision,
        "labels do not touch records"
    );
    roster.set_label(0, "");
    assert_eq!(roster.label(0, Locale::Zh), "未署名 1");
}

#[test]
fn records_of_bank_2026_1_load_as_baselines_beside_current_ones_with_a_note() {
    let bank = bank();
    let old_bank = load_bank(&fixture("bank.json")).unwrap();
    let current = generate(&bank, 6, 3);
    let mut inputs: Vec<Input> = OLD_EXPORTS.iter().map(|n| file(n, &fixture(n))).collect();
    inputs.extend(current.iter().map(|(n, t)| file(n, t)));
    let roster = Roster::read(&bank, inputs);
    assert!(roster.issues.is_empty(), "{:?}", roster.issues);
    assert_eq!(
        roster.notes()[0],
        Note::EarlierVersion {
            version: "2026.1".into(),
            records: 3
        }
    );
    let note = roster.notes()[0].message(Locale::Zh);
    assert!(note.contains("2026.1") && note.contains('3'), "{note}");
    let figures = figures(&bank, &roster);
    for name in OLD_EXPORTS {
        let b = roster
            .branches
            .iter()
            .position(|b| roster.members[b.members[0]].source.name == name)
            .unwrap();
        let f = &figures.branches[b];
        let stored = parse(&fixture(name));
        assert!(
            !roster.members[roster.branches[b].members[0]].current,
            "{name}"
        );
        assert!(!f.current);
        assert_eq!(f.bank_version, "2026.1");
        // Dimension scores: the stored ones, on the dimensions both versions share.
        for (d, id) in figures.dimensions.iter().enumerate() {
            let then = stored.results.dimensions.iter().find(|r| &r.id == id);
            assert_eq!(f.scores[d], then.and_then(|r| r.score), "{name} {id}");
        }
        assert_eq!(f.overall, stored.results.overall, "{name}");
        // Question level: only questions both versions have, with the same answer type.
        let asked = applicable_questions(&bank, &stored.selection);
        let mut expected: Vec<(usize, f64)> = Vec::new();
        for (id, answer) in &stored.answers {
            let (Some(old_q), Some(now_q)) = (
                old_bank.questions.iter().find(|q| &q.id == id),
                asked.iter().find(|q| &q.id == id),
            ) else {
                continue;
            };
            let credit = match (&old_q.answer, &now_q.answer, answer) {
                (AnswerSpec::Levels { .. }, AnswerSpec::Levels { levels }, Answer::Level(l)) => {
                    levels.get(usize::from(*l)).map(|l| l.credit)
                }
                (AnswerSpec::YesNo { .. }, AnswerSpec::YesNo { yes_credit, .. }, Answer::Yes) => {
                    Some(*yes_credit)
                }
                (AnswerSpec::YesNo { .. }, AnswerSpec::YesNo { no_credit, .. }, Answer::No) => {
                    Some(*no_credit)
                }
                (
                    AnswerSpec::Count { .. },
                    AnswerSpec::Count { per_year, .. },
                    Answer::Count(n),
                ) => Some((f64::from(*n) / f64::from(*per_year)).min(1.0)),
                _ => None,
            };
            if let Some(credit) = credit {
                let at = bank.questions.iter().position(|q| &q.id == id).unwrap();
                expected.push((at, credit));
            }
        }
        branch_self_check::order::sort_by(&mut expected, |a, b| a.0.cmp(&b.0));
        assert!(
            expected.len() > 30,
            "{name}: too little in common to mean much"
        );
        assert_eq!(f.credits, expected, "{name}");
    }
    // The current records are scored as their exports say.
    let current_branches = figures.branches.iter().filter(|f| f.current).count();
    assert_eq!(current_branches, roster.branches.len() - 3);
}

#[test]
fn an_earlier_version_record_of_an_unknown_category_is_refused() {
    let bank = bank();
    let odd = rewritten(&fixture("organ.json"), |r| {
        r.selection.category = "embassy".into()
    });
    let roster = Roster::read(&bank, [file("odd.json", &odd)]);
    assert!(roster.members.is_empty());
    assert_eq!(
        roster.issues[0].problem,
        Problem::Refused(ImportError::UnknownCategory {
            id: "embassy".into()
        })
    );
}

#[test]
fn reading_in_steps_shows_progress_can_be_cancelled_and_equals_reading_at_once() {
    let bank = bank();
    let files = generate(&bank, 40, 21);
    let inputs = || files.iter().map(|(n, t)| file(n, t));
    let at_once = Roster::read(&bank, inputs());
    let mut intake = Intake::new(&bank);
    inputs().for_each(|i| intake.push(i));
    let mut seen = Vec::new();
    while !intake.is_done() {
        let progress = intake.step(&bank, 7);
        seen.push((progress.done, progress.total));
        assert_eq!(
            intake.roster().members.len() + intake.roster().issues.len(),
            progress.done
        );
    }
    assert_eq!(
        seen,
        [(7, 40), (14, 40), (21, 40), (28, 40), (35, 40), (40, 40)]
    );
    assert_eq!(intake.into_roster(), at_once);

    let mut cancelled = Intake::new(&bank);
    inputs().for_each(|i| cancelled.push(i));
    cancelled.step(&bank, 10);
    assert_eq!(cancelled.cancel(), 30);
    assert!(cancelled.is_done());
    assert_eq!(cancelled.into_roster().members.len(), 10);
}

#[test]
fn share_links_decode_to_answers_that_are_scored() {
    let bank = bank();
    let files = generate(&bank, 3, 8);
    let mut pasted = String::new();
    let mut expected = Vec::new();
    for (_, text) in &files {
        let record = import_record(&bank, text).unwrap();
        pasted.push_str(&format!(
            "#share={}\n",
            encode_share(&bank, &record.selection, &record.answers)
        ));
        expected.push(record);
    }
    let roster = Roster::read(&bank, links("links", &pasted));
    assert_eq!(roster.members.len(), 3);
    for (member, record) in roster.members.iter().zip(&expected) {
        assert_eq!(member.record.answers, record.answers);
        assert_eq!(member.record.results, record.results);
        assert_eq!(member.record.unit_name, None, "a link carries no unit name");
        assert!(decode_share(&bank, "").is_err());
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// Arbitrary text as a file or a link, and a real export with bytes changed, never panic:
    /// each input is either loaded or listed.
    #[test]
    fn hostile_input_never_panics(
        text in "\\PC{0,300}",
        flips in proptest::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 1..6),
        cut in any::<prop::sample::Index>(),
    ) {
        let bank = bank();
        let (name, good) = generate(&bank, 1, 2).remove(0);
        let mut bytes = good.clone().into_bytes();
        for (at, byte) in &flips {
            let i = at.index(bytes.len());
            bytes[i] = *byte;
        }
        let mutated = String::from_utf8_lossy(&bytes).into_owned();
        let cut_text: String = good.chars().take(cut.index(good.chars().count())).collect();
        let workbench = format!("{{\"format\":\"branch-self-check/workbench\",\"format_version\":1,\"bank\":{{\"id\":\"{}\"}},\"branches\":[{text}]}}", bank.id);
        let mut inputs = vec![
            file("text", &text),
            file(&name, &mutated),
            file("cut", &cut_text),
            file("workbench", &workbench),
        ];
        inputs.extend(links("links", &text));
        let count = inputs.len();
        let roster = Roster::read(&bank, inputs);
        // The workbench may expand into several records; everything else is one each.
        prop_assert!(roster.members.len() + roster.issues.len() >= count - 1);
        let _ = figures(&bank, &roster);
        for issue in &roster.issues {
            prop_assert!(!issue.message(Locale::Zh).is_empty());
        }
    }
}
