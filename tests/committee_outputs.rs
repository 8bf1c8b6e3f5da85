//! The committee workbench's outputs: the roll-up CSV, the workbench file (round trip and bad
//! files), and the record generator.

mod committee_common;

use committee_common::{bank, file};

use std::fs;

use branch_self_check::assess::{assess, Answer, Selection};
use branch_self_check::bank::{AnswerSpec, Bank, Locale};
use branch_self_check::committee::generate::generate;
use branch_self_check::committee::{
    figures, links, rollup_csv, save_workbench, Input, Intake, Problem, Roster, WorkbenchError,
    WORKBENCH_FORMAT,
};
use branch_self_check::record::{
    encode_share, import_record, ImportError, Record, RecordedResults,
};
use serde_json::Value;

/// Generated records, each made its own branch under `unit(i)` (so no merging).
fn single_branches(
    bank: &Bank,
    count: usize,
    unit: impl Fn(usize) -> Option<String>,
) -> Vec<Record> {
    generate(bank, count, 77)
        .iter()
        .enumerate()
        .map(|(i, (_, text))| {
            let r: Record = serde_json::from_str(text).unwrap();
            Record::new(
                bank,
                &r.selection,
                &r.answers,
                unit(i).as_deref(),
                &r.created,
            )
        })
        .collect()
}

/// An RFC 4180 reader, written for this test.
fn read_csv(text: &str) -> Vec<Vec<String>> {
    let mut rows = vec![vec![String::new()]];
    let mut chars = text.chars().peekable();
    let mut quoted = false;
    while let Some(c) = chars.next() {
        let row = rows.last_mut().unwrap();
        let cell = row.last_mut().unwrap();
        match (quoted, c) {
            (true, '"') if chars.peek() == Some(&'"') => {
                chars.next();
                cell.push('"');
            }
            (true, '"') => quoted = false,
            (true, c) => cell.push(c),
            (false, '"') => quoted = true,
            (false, ',') => row.push(String::new()),
            (false, '\r') => {
                assert_eq!(chars.next(), Some('\n'), "rows end with CRLF");
                rows.push(vec![String::new()]);
            }
            (false, c) => cell.push(c),
        }
    }
    assert_eq!(
        rows.pop(),
        Some(vec![String::new()]),
        "the last row ends with CRLF"
    );
    rows
}

#[test]
fn the_csv_has_the_exact_header_and_one_row_per_branch() {
    let bank = bank();
    let awkward = [
        "某部办公厅第一党支部, 综合处",
        "“某委” \"第二\" 党支部",
        "=HYPERLINK(\"http://x\")",
        "某局\n第三党支部",
    ];
    let records = single_branches(&bank, 40, |i| match i {
        0..=3 => Some(awkward[i].to_string()),
        _ if i % 7 == 0 => None,
        _ => Some(format!("某署第{i}党支部")),
    });
    let mut records = records;
    // Record 5 has every modifier; record 6 fails every red line it is asked.
    let all_modifiers = bank.modifiers.iter().map(|m| m.id.clone()).collect();
    let r = &records[5];
    let selection = Selection {
        modifiers: all_modifiers,
        ..r.selection.clone()
    };
    records[5] = Record::new(
        &bank,
        &selection,
        &r.answers,
        r.unit_name.as_deref(),
        &r.created,
    );
    let r = &records[6];
    let mut answers = r.answers.clone();
    for q in bank.questions.iter().filter(|q| q.red_line.is_some()) {
        if let AnswerSpec::YesNo {
            yes_credit,
            no_credit,
        } = q.answer
        {
            let fail = if yes_credit <= no_credit {
                Answer::Yes
            } else {
                Answer::No
            };
            answers.insert(q.id.clone(), fail);
        }
    }
    records[6] = Record::new(
        &bank,
        &r.selection,
        &answers,
        r.unit_name.as_deref(),
        &r.created,
    );
    assert!(records[6].results.red_lines.len() >= 2);
    let roster = Roster::read(&bank, records.iter().map(|r| file("r.json", &r.to_json())));
    assert_eq!(roster.branches.len(), 40);
    let csv = rollup_csv(&bank, &roster, &figures(&bank, &roster), Locale::Zh);

    assert!(csv.starts_with('\u{feff}'), "UTF-8 with a byte-order mark");
    let dimensions: Vec<&str> = bank.dimensions.iter().map(|d| d.id.as_str()).collect();
    let header = format!(
        "\u{feff}unit,category,modifiers,bank_version,date,overall,band,completeness,{},red_lines\r\n",
        dimensions.join(",")
    );
    assert!(csv.starts_with(&header), "{}", &csv[..200]);
    assert!(csv.starts_with(
        "\u{feff}unit,category,modifiers,bank_version,date,overall,band,completeness,political,"
    ));

    let rows = read_csv(&csv['\u{feff}'.len_utf8()..]);
    assert_eq!(rows.len(), 1 + records.len());
    let score = |s: Option<f64>| s.map(|s| format!("{s:.1}")).unwrap_or_default();
    let mut anonymous = 0;
    for (row, r) in rows[1..].iter().zip(&records) {
        let unit = match &r.unit_name {
            Some(u) if u.starts_with('=') => format!("'{u}"),
            Some(u) => u.clone(),
            None => {
                anonymous += 1;
                format!("未署名 {anonymous}")
            }
        };
        let mut expected = vec![
            unit,
            r.selection.category.clone(),
            r.selection
                .modifiers
                .iter()
                .cloned()
                .collect::<Vec<_>>()
                .join("|"),
            bank.version.clone(),
            r.created.clone(),
            score(r.results.overall),
            r.results.band.clone().unwrap_or_default(),
            serde_json::to_value(r.results.completeness)
                .unwrap()
                .as_str()
                .unwrap()
                .to_string(),
        ];
        for d in &bank.dimensions {
            let stored = r.results.dimensions.iter().find(|x| x.id == d.id);
            expected.push(score(stored.and_then(|x| x.score)));
        }
        expected.push(r.results.red_lines.join("|"));
        assert_eq!(row, &expected);
    }
    assert_eq!(rows[1][0], awkward[0]);
    assert_eq!(rows[4][0], "某局\n第三党支部");
    assert!(
        csv.contains("\"“某委” \"\"第二\"\" 党支部\""),
        "quotes doubled inside quotes"
    );
    assert!(
        rows[6][2].contains('|'),
        "modifiers joined by |: {}",
        rows[6][2]
    );
    assert!(
        rows[7].last().unwrap().contains('|'),
        "red lines joined by |"
    );
}

#[test]
fn the_workbench_file_reopens_as_the_same_roster() {
    let bank = bank();
    let files = generate(&bank, 30, 41);
    let old = fs::read_to_string("tests/fixtures/bank-2026.1/organ.json").unwrap();
    let link_record = import_record(&bank, &files[0].1).unwrap();
    let link = encode_share(&bank, &link_record.selection, &link_record.answers);
    let mut inputs: Vec<Input> = files.iter().map(|(n, t)| file(n, t)).collect();
    inputs.push(file("organ-2026.1.json", &old));
    inputs.extend(links("链接", &link));
    let mut roster = Roster::read(&bank, inputs);
    roster.round = Some("2026 年度".into());
    roster.set_label(0, "改过的名称");
    roster.set_tags(1, &["片区一".into(), "机关".into()]);
    let anonymous = (0..roster.branches.len())
        .find(|&b| roster.branches[b].unit.is_none())
        .unwrap();
    roster.set_label(anonymous, "某办信息中心党支部");
    let saved = save_workbench(&bank, &roster);
    assert!(
        saved.lines().count() > roster.branches.len(),
        "one branch per line"
    );

    let reopened = Roster::read(&bank, [file("工作台.json", &saved)]);
    assert!(reopened.issues.is_empty(), "{:?}", reopened.issues);
    assert_eq!(reopened.round.as_deref(), Some("2026 年度"));
    assert_eq!(reopened.branches.len(), roster.branches.len());
    for (a, b) in roster.branches.iter().zip(&reopened.branches) {
        assert_eq!((&a.unit, &a.label, &a.tags), (&b.unit, &b.label, &b.tags));
        let records = |r: &Roster, branch: &branch_self_check::committee::Branch| {
            branch
                .members
                .iter()
                .map(|&m| (r.members[m].record.clone(), r.members[m].current))
                .collect::<Vec<_>>()
        };
        assert_eq!(records(&roster, a), records(&reopened, b));
    }
    assert_eq!(reopened.notes(), roster.notes());
    let (before, after) = (figures(&bank, &roster), figures(&bank, &reopened));
    for (b, (x, y)) in before.branches.iter().zip(&after.branches).enumerate() {
        assert_eq!(x, y, "branch {b}");
    }
    assert_eq!(
        save_workbench(&bank, &reopened),
        saved,
        "saving again changes nothing"
    );
    let first = &reopened.members[0].source;
    assert_eq!(first.name, "工作台.json");
    assert_eq!(first.path.as_deref(), Some("$.branches[0].records[0]"));
}

/// What the page says it read: the records, whether they came alone or in workbench files,
/// and not the workbench files themselves (a damaged one included).
#[test]
fn workbench_files_count_their_records_not_themselves() {
    let bank = bank();
    let files = generate(&bank, 6, 43);
    let roster = Roster::read(&bank, files[..4].iter().map(|(n, t)| file(n, t)));
    let saved = save_workbench(&bank, &roster);
    let mut intake = Intake::new(&bank);
    intake.push(file("工作台.json", &saved));
    let cut_short = saved.lines().next().unwrap_or_default();
    intake.push(file("坏的工作台.json", cut_short));
    for (name, text) in &files[4..] {
        intake.push(file(name, text));
    }
    while !intake.is_done() {
        intake.step(&bank, 3);
    }
    assert_eq!(intake.containers(), 2);
    assert_eq!(intake.progress().done - intake.containers(), 4 + 2);
    assert_eq!(intake.into_roster().members.len(), 6);
}

#[test]
fn bad_workbench_files_are_refused_with_located_messages() {
    let bank = bank();
    let files = generate(&bank, 12, 42);
    let roster = Roster::read(&bank, files.iter().map(|(n, t)| file(n, t)));
    let saved = save_workbench(&bank, &roster);
    let edit = |change: &dyn Fn(&mut Value)| {
        let mut value: Value = serde_json::from_str(&saved).unwrap();
        change(&mut value);
        value.to_string()
    };
    let refused = |text: &str| {
        let roster = Roster::read(&bank, [file("wb.json", text)]);
        assert!(roster.members.is_empty());
        assert_eq!(roster.issues.len(), 1);
        match &roster.issues[0].problem {
            Problem::Workbench(e) => (e.clone(), roster.issues[0].message(Locale::Zh)),
            other => panic!("not a workbench problem: {other:?}"),
        }
    };

    let not_json = format!("{{\"format\": \"{WORKBENCH_FORMAT}\",\n  \"branches\": [oops]}}");
    let (error, zh) = refused(&not_json);
    assert!(
        matches!(
            error,
            WorkbenchError::NotJson {
                line: 2,
                column: 16,
                ..
            }
        ),
        "{error:?}"
    );
    assert!(zh.contains("第 2 行第 16 列"), "{zh}");
    assert!(error.message(Locale::En).contains("line 2, column 16"));

    let (error, _) = refused(&saved[..saved.len() / 2]);
    assert!(
        matches!(error, WorkbenchError::Truncated { .. }),
        "{error:?}"
    );

    let (error, zh) = refused(&edit(&|v| v["bank"]["id"] = "other-bank".into()));
    assert_eq!(
        error,
        WorkbenchError::OtherBank {
            found: "other-bank".into(),
            current: bank.id.clone()
        }
    );
    assert!(zh.contains("other-bank"));

    let (error, _) = refused(&edit(&|v| v["format_version"] = 2.into()));
    assert_eq!(
        error,
        WorkbenchError::NewerFormat {
            found: 2,
            supported: 1
        }
    );

    let (error, en) = {
        let (e, _) = refused(&edit(&|v| v["branches"] = 5.into()));
        let en = e.message(Locale::En);
        (e, en)
    };
    assert!(matches!(&error, WorkbenchError::Malformed { path, .. } if path == "$.branches"));
    assert!(en.contains("$.branches"), "{en}");

    // A bad branch entry and a tampered record are listed where they are; the rest loads.
    let partly = edit(&|v| {
        v["branches"][1]["label"] = 7.into();
        let overall = v["branches"][2]["records"][0]["results"]["overall"]
            .as_f64()
            .unwrap_or(50.0);
        v["branches"][2]["records"][0]["results"]["overall"] = (100.0 - overall / 2.0).into();
    });
    let loaded = Roster::read(&bank, [file("wb.json", &partly)]);
    assert_eq!(loaded.branches.len(), roster.branches.len() - 2);
    let listed: Vec<(Option<&str>, &Problem)> = loaded
        .issues
        .iter()
        .map(|i| (i.source.path.as_deref(), &i.problem))
        .collect();
    assert_eq!(listed.len(), 2);
    assert_eq!(listed[0].0, Some("$.branches[1]"));
    assert!(matches!(
        listed[0].1,
        Problem::Workbench(WorkbenchError::Malformed { path, .. }) if path == "$.branches[1].label"
    ));
    assert_eq!(listed[1].0, Some("$.branches[2].records[0]"));
    assert!(matches!(
        listed[1].1,
        Problem::Refused(ImportError::Tampered { .. })
    ));
    assert!(loaded.issues[1]
        .source
        .describe(Locale::Zh)
        .contains("$.branches[2]"));

    // A record that merely mentions the workbench format is still read as a record.
    let mentioned: Record = serde_json::from_str(&files[0].1).unwrap();
    let mentioned = Record::new(
        &bank,
        &mentioned.selection,
        &mentioned.answers,
        Some(WORKBENCH_FORMAT),
        "2026-11-01",
    );
    let loaded = Roster::read(&bank, [file("r.json", &mentioned.to_json())]);
    assert_eq!(loaded.members.len(), 1, "{:?}", loaded.issues);
}

#[test]
fn the_generator_is_deterministic_and_writes_valid_exports() {
    let bank = bank();
    let first = generate(&bank, 60, 9);
    assert_eq!(
        first,
        generate(&bank, 60, 9),
        "the same seed gives the same files"
    );
    assert_ne!(
        first,
        generate(&bank, 60, 10),
        "another seed gives other files"
    );
    assert!(generate(&bank, 0, 9).is_empty());
    assert_eq!(
        generate(&bank, 7, 9),
        first[..7],
        "a shorter run is a prefix"
    );
    let mut names = std::collections::BTreeSet::new();
    for (name, text) in &first {
        assert!(names.insert(name.clone()), "file names are unique: {name}");
        let record = import_record(&bank, text).unwrap_or_else(|e| panic!("{name}: {e}"));
        let results =
            RecordedResults::from_assessment(&assess(&bank, &record.selection, &record.answers));
        assert_eq!(
            record.results, results,
            "{name}: the results are the engine's"
        );
        if let Some(unit) = &record.unit_name {
            assert!(unit.ends_with("党支部") || unit.ends_with('）'), "{unit}");
        }
    }
}

#[test]
fn a_damaged_line_of_a_saved_workbench_is_listed_and_the_other_branches_load() {
    let bank = bank();
    let files = generate(&bank, 12, 5);
    let roster = Roster::read(&bank, files.iter().map(|(n, t)| file(n, t)));
    let saved = save_workbench(&bank, &roster);
    // Line 0 is the head; line 3 is the third branch's entry.
    let mut lines: Vec<String> = saved.lines().map(str::to_string).collect();
    lines[3] = "{\"label\":null,\"records\":[{\"broken\"".to_string() + ",";
    let damaged = lines.join("\n");
    let reopened = Roster::read(&bank, [file("工作台.json", &damaged)]);
    assert_eq!(reopened.branches.len(), roster.branches.len() - 1);
    assert_eq!(reopened.issues.len(), 1, "{:?}", reopened.issues);
    let issue = &reopened.issues[0];
    assert_eq!(issue.source.path.as_deref(), Some("$.branches[2]"));
    assert!(matches!(
        issue.problem,
        Problem::Workbench(WorkbenchError::Malformed { .. })
    ));
    assert!(issue.message(Locale::Zh).contains("$.branches[2]"));
    // The other branches are those of the roster, in its order, the damaged one left out.
    let names = |r: &Roster| -> Vec<String> {
        (0..r.branches.len())
            .map(|b| r.label(b, Locale::Zh))
            .collect()
    };
    let mut expected = names(&roster);
    expected.remove(2);
    // Anonymous names are numbered in reading order, so compare the named ones.
    let named = |v: Vec<String>| -> Vec<String> {
        v.into_iter().filter(|n| !n.starts_with("未署名")).collect()
    };
    assert_eq!(named(names(&reopened)), named(expected));
}
