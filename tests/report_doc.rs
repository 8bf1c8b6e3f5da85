//! The self-check report as a `.docx`: a well-formed ZIP (read by hand here, CRC by CRC, and
//! by the system `unzip`), well-formed XML parts (python3's minidom), the texts given, the
//! tables' rows and cells, the headings in each language, and the same bytes every time.

use branch_self_check::bank::Locale;
use branch_self_check::report_doc::{
    docx, report_docx, Block, DimensionRow, ItemRow, ReportContent,
};
use std::path::{Path, PathBuf};
use std::process::Command;

const PROBLEM: &str = "三会一课记录不全 & <缺>";
const PROBLEM_XML: &str = "三会一课记录不全 &amp; &lt;缺&gt;";

fn item(number: usize, problem: &str, owner: &str) -> ItemRow {
    ItemRow {
        number,
        problem: problem.into(),
        standing: format!("{problem}：现状"),
        evidence: "会议记录本".into(),
        measure: format!("整改{number}：补齐\"记录\"并建立台账\n每月检查"),
        owner: owner.into(),
        deadline: "2026-06-30".into(),
        status: "整改中".into(),
    }
}

fn content(locale: Locale) -> ReportContent {
    ReportContent {
        locale,
        title: "XX支部 2026 年度党建工作自查报告".into(),
        facts: [
            ("单位", "某某局机关"),
            ("支部类别", "机关支部"),
            ("特殊情形", "无"),
            ("自查日期", "2026-03-01"),
            ("总分", "82.5"),
            ("等级", "良好"),
            ("完成度", "40/40"),
            ("题库", "2026.2"),
        ]
        .iter()
        .map(|(l, v)| ((*l).into(), (*v).into()))
        .collect(),
        dimensions: ["政治建设", "组织建设", "作风建设"]
            .iter()
            .map(|name| DimensionRow {
                name: (*name).into(),
                score: "80".into(),
                target: "85".into(),
                status: "未达标".into(),
            })
            .collect(),
        problems: vec![
            "【红线】未按期换届".into(),
            PROBLEM.into(),
            "党费收缴不及时".into(),
        ],
        items: vec![
            item(1, "未按期换届", "张三"),
            item(2, PROBLEM, "李四"),
            item(3, "党费收缴不及时", "王五\u{1}"),
        ],
        closed_note: Some("上次自查的 5 项中 3 项已销号".into()),
    }
}

/// CRC-32 written again here, so the archive is checked against more than the writer's own.
fn crc32(data: &[u8]) -> u32 {
    let table: Vec<u32> = (0..256u32)
        .map(|n| {
            (0..8).fold(n, |c, _| {
                if c & 1 == 1 {
                    0xEDB8_8320 ^ (c >> 1)
                } else {
                    c >> 1
                }
            })
        })
        .collect();
    !data.iter().fold(!0u32, |c, &b| {
        table[((c ^ u32::from(b)) & 0xFF) as usize] ^ (c >> 8)
    })
}

fn u16_at(bytes: &[u8], at: usize) -> usize {
    usize::from(u16::from_le_bytes([bytes[at], bytes[at + 1]]))
}

fn u32_at(bytes: &[u8], at: usize) -> u32 {
    u32::from_le_bytes([bytes[at], bytes[at + 1], bytes[at + 2], bytes[at + 3]])
}

/// Reads the archive through its central directory, checking each entry against its local
/// header and its CRC; returns (name, content) in directory order.
fn read_zip(zip: &[u8]) -> Vec<(String, Vec<u8>)> {
    let end = zip.len() - 22;
    assert_eq!(
        u32_at(zip, end),
        0x0605_4b50,
        "end record (no archive comment) last"
    );
    let count = u16_at(zip, end + 10);
    assert_eq!(u16_at(zip, end + 8), count);
    let dir_size = u32_at(zip, end + 12) as usize;
    let dir_offset = u32_at(zip, end + 16) as usize;
    assert_eq!(
        dir_offset + dir_size,
        end,
        "the directory ends where the end record starts"
    );
    let mut entries = Vec::new();
    let mut at = dir_offset;
    let mut next_local = 0;
    for _ in 0..count {
        assert_eq!(u32_at(zip, at), 0x0201_4b50, "central header at {at}");
        assert_eq!(u16_at(zip, at + 8), 0x0800, "UTF-8 flag, nothing else");
        assert_eq!(u16_at(zip, at + 10), 0, "stored");
        let crc = u32_at(zip, at + 16);
        let size = u32_at(zip, at + 20) as usize;
        assert_eq!(u32_at(zip, at + 24) as usize, size);
        let name_len = u16_at(zip, at + 28);
        let extra_comment = u16_at(zip, at + 30) + u16_at(zip, at + 32);
        let local = u32_at(zip, at + 42) as usize;
        let name =
            String::from_utf8(zip[at + 46..at + 46 + name_len].to_vec()).expect("UTF-8 name");
        assert_eq!(local, next_local, "entries follow one another");
        assert_eq!(u32_at(zip, local), 0x0403_4b50, "local header of {name}");
        assert_eq!(
            &zip[local + 4..local + 30],
            &zip[at + 6..at + 32],
            "local and central headers agree for {name}"
        );
        let data_at = local + 30 + u16_at(zip, local + 26) + u16_at(zip, local + 28);
        assert_eq!(&zip[local + 30..local + 30 + name_len], name.as_bytes());
        let data = zip[data_at..data_at + size].to_vec();
        assert_eq!(crc32(&data), crc, "CRC of {name}");
        next_local = data_at + size;
        entries.push((name, data));
        at += 46 + name_len + extra_comment;
    }
    assert_eq!(
        next_local, dir_offset,
        "nothing between the last entry and the directory"
    );
    assert_eq!(at, end);
    entries
}

fn part<'a>(entries: &'a [(String, Vec<u8>)], name: &str) -> &'a str {
    let (_, data) = entries
        .iter()
        .find(|(n, _)| n == name)
        .unwrap_or_else(|| panic!("no {name}"));
    std::str::from_utf8(data).expect("UTF-8 part")
}

/// A fresh directory of its own under the system temp dir.
fn temp_dir(tag: &str) -> PathBuf {
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos());
    let dir = std::env::temp_dir().join(format!(
        "bsc-report-doc-{tag}-{}-{nanos}",
        std::process::id()
    ));
    std::fs::create_dir_all(&dir).expect("temp dir");
    dir
}

fn run(command: &mut Command) -> String {
    let output = command
        .output()
        .unwrap_or_else(|e| panic!("{command:?}: {e}"));
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(output.status.success(), "{command:?} failed:\n{text}");
    text
}

/// `unzip -t` passes, `unzip` extracts the same bytes the reader above found, and every XML
/// part parses with python3's minidom.
fn check_with_system_tools(zip: &[u8], tag: &str, entries: &[(String, Vec<u8>)]) {
    let dir = temp_dir(tag);
    let file = dir.join("report.docx");
    std::fs::write(&file, zip).expect("write docx");
    let tested = run(Command::new("unzip").arg("-t").arg(&file));
    assert!(tested.contains("No errors detected"), "{tested}");
    let out = dir.join("x");
    run(Command::new("unzip")
        .arg("-q")
        .arg(&file)
        .arg("-d")
        .arg(&out));
    for (name, data) in entries {
        let path: &Path = &out.join(name);
        assert_eq!(
            &std::fs::read(path).expect("extracted part"),
            data,
            "{name}"
        );
    }
    // Every entry of a .docx is XML (.xml or .rels): one python3 parses them all.
    let mut python = Command::new("python3");
    python
        .arg("-c")
        .arg("import xml.dom.minidom,sys\nfor p in sys.argv[1:]: xml.dom.minidom.parse(p)");
    python.args(entries.iter().map(|(name, _)| out.join(name)));
    run(&mut python);
    std::fs::remove_dir_all(&dir).expect("remove temp dir");
}

/// Each `<w:tbl>` of the document: its rows, each the number of its cells and whether it is
/// a header row; every row must be marked cantSplit.
fn tables(document: &str) -> Vec<Vec<(usize, bool)>> {
    document
        .split("<w:tbl>")
        .skip(1)
        .map(|table| {
            let table = &table[..table.find("</w:tbl>").expect("table ends")];
            table
                .split("<w:tr>")
                .skip(1)
                .map(|row| {
                    assert!(
                        row.starts_with("<w:trPr><w:cantSplit/>"),
                        "row not cantSplit: {row}"
                    );
                    (
                        row.matches("<w:tc>").count(),
                        row.contains("<w:tblHeader/>"),
                    )
                })
                .collect()
        })
        .collect()
}

/// Paragraph texts in order (runs joined, breaks as `\n`), roughly unescaped: enough to
/// compare the headings.
fn paragraph_texts(document: &str) -> Vec<String> {
    document
        .split("<w:p>")
        .skip(1)
        .map(|p| {
            let p = &p[..p.find("</w:p>").expect("paragraph ends")];
            p.split("<w:t xml:space=\"preserve\">")
                .skip(1)
                .map(|t| &t[..t.find("</w:t>").expect("text ends")])
                .collect()
        })
        .collect()
}

#[test]
fn chinese_report_is_a_valid_docx_with_the_texts_given() {
    let zip = report_docx(&content(Locale::Zh));
    let entries = read_zip(&zip);
    let names: Vec<&str> = entries.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(
        names,
        [
            "[Content_Types].xml",
            "_rels/.rels",
            "word/document.xml",
            "word/_rels/document.xml.rels",
            "word/styles.xml",
            "word/settings.xml",
            "docProps/core.xml",
            "docProps/app.xml"
        ]
    );
    check_with_system_tools(&zip, "zh", &entries);

    let document = part(&entries, "word/document.xml");
    assert!(document.contains(PROBLEM_XML), "escaped problem");
    assert!(!document.contains(PROBLEM), "nothing unescaped");
    assert!(document.contains(
        "补齐&quot;记录&quot;并建立台账</w:t><w:br/><w:t xml:space=\"preserve\">每月检查"
    ));
    assert!(
        document.contains(">王五</w:t>"),
        "control character dropped"
    );
    assert!(document.contains("<w:pgSz w:w=\"11906\" w:h=\"16838\"/>"));
    for text in [
        "XX支部 2026 年度党建工作自查报告",
        "某某局机关",
        "政治建设",
        "上次自查的 5 项中 3 项已销号",
        "会议记录本",
    ] {
        assert!(document.contains(text), "{text}");
    }
    let paragraphs = paragraph_texts(document);
    let headings: Vec<&String> = paragraphs.iter().filter(|p| p.contains('、')).collect();
    assert_eq!(
        headings,
        [
            "一、基本情况",
            "二、各方面得分",
            "三、主要问题",
            "四、问题清单",
            "五、整改清单",
            "六、责任清单"
        ]
    );
    assert_eq!(paragraphs[0], "XX支部 2026 年度党建工作自查报告");
    assert!(paragraphs.contains(&"1．【红线】未按期换届".to_owned()));
    assert!(paragraphs.contains(&format!("2．{PROBLEM_XML}")));
    let tail = &paragraphs[paragraphs.len() - 3..];
    assert_eq!(
        tail,
        [
            "支部书记（签字）：________________",
            "支部委员会（盖章）：________________",
            "日期：________________"
        ]
    );
    let note = paragraphs
        .iter()
        .position(|p| p == "上次自查的 5 项中 3 项已销号")
        .expect("note");
    assert_eq!(
        note,
        paragraphs.len() - 4,
        "the note comes just before the signatures"
    );

    // 基本情况 (no header), 各方面得分, 问题清单, 整改清单, 责任清单.
    let tables = tables(document);
    let shape = |rows: usize, cells: usize, header: bool| -> Vec<(usize, bool)> {
        (0..rows).map(|i| (cells, header && i == 0)).collect()
    };
    assert_eq!(
        tables,
        [
            shape(8, 2, false),
            shape(4, 4, true),
            shape(4, 4, true),
            shape(4, 5, true),
            shape(4, 4, true)
        ]
    );
    assert_eq!(
        document
            .matches("<w:tblW w:w=\"5000\" w:type=\"pct\"/>")
            .count(),
        5
    );
    assert_eq!(document.matches("<w:tblBorders>").count(), 5);

    let styles = part(&entries, "word/styles.xml");
    for style in ["Title", "Heading1", "Heading2", "Normal", "ReportTable"] {
        assert!(
            styles.contains(&format!("w:styleId=\"{style}\"")),
            "{style}"
        );
    }
    assert!(styles.contains("w:eastAsia=\"宋体\"") && styles.contains("w:eastAsia=\"黑体\""));
    assert!(styles.contains("<w:lang w:val=\"en-US\" w:eastAsia=\"zh-CN\""));
    assert!(part(&entries, "docProps/core.xml")
        .contains("<dc:title>XX支部 2026 年度党建工作自查报告</dc:title>"));
}

#[test]
fn english_report_has_english_headings() {
    let zip = report_docx(&content(Locale::En));
    let entries = read_zip(&zip);
    check_with_system_tools(&zip, "en", &entries);
    let paragraphs = paragraph_texts(part(&entries, "word/document.xml"));
    for heading in [
        "1. Basic facts",
        "2. Scores by aspect",
        "3. Main problems",
        "4. Problem list",
        "5. Rectification list",
        "6. Responsibility list",
    ] {
        assert!(paragraphs.iter().any(|p| p == heading), "{heading}");
    }
    assert!(!paragraphs
        .iter()
        .any(|p| p.contains("基本情况") || p.contains("签字")));
    assert!(paragraphs.contains(&format!("2. {PROBLEM_XML}")));
    let tail = &paragraphs[paragraphs.len() - 3..];
    assert_eq!(
        tail,
        [
            "Branch secretary (signature): ________________",
            "Branch committee (seal): ________________",
            "Date: ________________"
        ]
    );
    let document = part(&entries, "word/document.xml");
    assert!(
        document.contains(">Aspect<")
            && document.contains(">Deadline<")
            && document.contains(">Owner<")
    );
}

#[test]
fn empty_report_says_none_were_found() {
    let empty = ReportContent {
        title: "自查报告".into(),
        ..ReportContent::default()
    };
    let zip = report_docx(&empty);
    let entries = read_zip(&zip);
    check_with_system_tools(&zip, "empty", &entries);
    let document = part(&entries, "word/document.xml");
    let paragraphs = paragraph_texts(document);
    assert!(paragraphs.contains(&"本次自查未发现主要问题。".to_owned()));
    assert_eq!(paragraphs.iter().filter(|p| *p == "无。").count(), 3);
    // Only the header row of 各方面得分; the facts table has no columns and is left out.
    assert_eq!(tables(document), [vec![(4, true)]]);
}

#[test]
fn same_input_same_bytes() {
    let a = report_docx(&content(Locale::Zh));
    assert_eq!(a, report_docx(&content(Locale::Zh)));
    assert_ne!(a, report_docx(&content(Locale::En)));
}

#[test]
fn every_block_kind_and_hostile_text() {
    let hostile = "a\u{0}b\u{1B}c\u{FFFF}d ]]> </w:t> \"'&lt; 😀";
    let blocks = vec![
        Block::Title(hostile.into()),
        Block::Heading("H1".into()),
        Block::Subheading("小标题".into()),
        Block::Paragraph("第一行\n第二行\t制表".into()),
        Block::Table {
            header: vec![],
            rows: vec![vec!["x".into()], vec!["y".into(), "z".into(), "w".into()]],
            widths: vec![],
        },
        Block::Table {
            header: vec!["h".into(); 2],
            rows: vec![],
            widths: vec![3, 1],
        },
        Block::PageBreak,
        Block::Signatures(vec!["日期".into(), "Date".into()]),
        Block::Table {
            header: vec!["末".into()],
            rows: vec![vec![hostile.into()]],
            widths: vec![1],
        },
    ];
    let zip = docx(hostile, &blocks);
    let entries = read_zip(&zip);
    check_with_system_tools(&zip, "blocks", &entries);
    let document = part(&entries, "word/document.xml");
    assert!(document.contains("<w:pStyle w:val=\"Heading2\"/>"));
    assert!(document.contains("<w:br w:type=\"page\"/>"));
    assert!(
        document.contains("第一行</w:t><w:br/><w:t xml:space=\"preserve\">第二行</w:t><w:tab/>")
    );
    assert!(document.contains("abcd ]]&gt; &lt;/w:t&gt; &quot;&apos;&amp;lt; 😀"));
    // Short rows padded to the widest; two touching tables and a last table get a paragraph after.
    assert_eq!(
        tables(document),
        [
            vec![(3, false), (3, false)],
            vec![(2, true)],
            vec![(1, true), (1, false)]
        ]
    );
    assert!(document.contains("</w:tbl><w:p></w:p><w:tbl>"));
    assert!(document.contains("</w:tbl><w:p></w:p><w:sectPr>"));
    assert!(part(&entries, "docProps/core.xml").contains("<dc:title>abcd ]]&gt;"));
}
