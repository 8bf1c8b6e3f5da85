//! The self-check report (自查报告): its sections, from plain data the caller has already put
//! in the reader's language; only the fixed headings and column names come from here.

use super::docx::{docx, Block};
use crate::bank::Locale;

/// What the report says. Every string is shown as given.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ReportContent {
    pub locale: Locale,
    /// e.g. "XX支部 2026 年度党建工作自查报告".
    pub title: String,
    /// 基本情况: (label, value), e.g. ("单位", "…"), ("总分", "82.5").
    pub facts: Vec<(String, String)>,
    pub dimensions: Vec<DimensionRow>,
    /// 主要问题, one paragraph each, in the order given (red lines first: the caller orders).
    pub problems: Vec<String>,
    /// One per rectification item.
    pub items: Vec<ItemRow>,
    /// e.g. "上次自查的 5 项中 3 项已销号".
    pub closed_note: Option<String>,
}

/// One row of 各方面得分.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct DimensionRow {
    pub name: String,
    pub score: String,
    pub target: String,
    pub status: String,
}

/// One rectification item: a row in each of 问题清单, 整改清单 and 责任清单.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ItemRow {
    pub number: usize,
    pub problem: String,
    pub standing: String,
    pub evidence: String,
    pub measure: String,
    pub owner: String,
    pub deadline: String,
    pub status: String,
}

fn strings(texts: &[&str]) -> Vec<String> {
    texts.iter().map(|t| (*t).to_owned()).collect()
}

/// A table of one row per item, or a line saying there is none.
fn item_table(
    blocks: &mut Vec<Block>,
    locale: Locale,
    items: &[ItemRow],
    header: &[&str],
    widths: Vec<u32>,
    row: fn(&ItemRow) -> Vec<String>,
) {
    if items.is_empty() {
        blocks.push(Block::Paragraph(locale.pick("无。", "None.").to_owned()));
    } else {
        blocks.push(Block::Table {
            header: strings(header),
            rows: items.iter().map(row).collect(),
            widths,
        });
    }
}

/// The report as a `.docx`: title; 一、基本情况; 二、各方面得分; 三、主要问题; 四、问题清单;
/// 五、整改清单; 六、责任清单; the closed note; signature lines (English headings for `En`).
pub fn report_docx(content: &ReportContent) -> Vec<u8> {
    let l = content.locale;
    let mut blocks = vec![
        Block::Title(content.title.clone()),
        Block::Heading(l.pick("一、基本情况", "1. Basic facts").to_owned()),
        Block::Table {
            header: Vec::new(),
            rows: content
                .facts
                .iter()
                .map(|(label, value)| vec![label.clone(), value.clone()])
                .collect(),
            widths: vec![1, 3],
        },
        Block::Heading(l.pick("二、各方面得分", "2. Scores by aspect").to_owned()),
        Block::Table {
            header: strings(&l.pick(
                ["方面", "得分", "目标", "状态"],
                ["Aspect", "Score", "Target", "Status"],
            )),
            rows: content
                .dimensions
                .iter()
                .map(|d| {
                    vec![
                        d.name.clone(),
                        d.score.clone(),
                        d.target.clone(),
                        d.status.clone(),
                    ]
                })
                .collect(),
            widths: vec![4, 2, 2, 2],
        },
        Block::Heading(l.pick("三、主要问题", "3. Main problems").to_owned()),
    ];
    if content.problems.is_empty() {
        blocks.push(Block::Paragraph(
            l.pick(
                "本次自查未发现主要问题。",
                "No major problems were found in this self-check.",
            )
            .to_owned(),
        ));
    }
    for (i, problem) in content.problems.iter().enumerate() {
        blocks.push(Block::Paragraph(format!(
            "{}{}{problem}",
            i + 1,
            l.pick("．", ". ")
        )));
    }

    let items = &content.items;
    blocks.push(Block::Heading(
        l.pick("四、问题清单", "4. Problem list").to_owned(),
    ));
    item_table(
        &mut blocks,
        l,
        items,
        &l.pick(
            ["序号", "问题", "现状", "佐证材料"],
            ["No.", "Problem", "Current state", "Evidence"],
        ),
        vec![1, 4, 4, 3],
        |i| {
            vec![
                i.number.to_string(),
                i.problem.clone(),
                i.standing.clone(),
                i.evidence.clone(),
            ]
        },
    );
    blocks.push(Block::Heading(
        l.pick("五、整改清单", "5. Rectification list").to_owned(),
    ));
    item_table(
        &mut blocks,
        l,
        items,
        &l.pick(
            ["序号", "问题", "整改措施", "完成时限", "状态"],
            ["No.", "Problem", "Measure", "Deadline", "Status"],
        ),
        vec![1, 4, 5, 2, 2],
        |i| {
            vec![
                i.number.to_string(),
                i.problem.clone(),
                i.measure.clone(),
                i.deadline.clone(),
                i.status.clone(),
            ]
        },
    );
    blocks.push(Block::Heading(
        l.pick("六、责任清单", "6. Responsibility list").to_owned(),
    ));
    item_table(
        &mut blocks,
        l,
        items,
        &l.pick(
            ["序号", "整改措施", "责任人", "完成时限"],
            ["No.", "Measure", "Owner", "Deadline"],
        ),
        vec![1, 6, 2, 2],
        |i| {
            vec![
                i.number.to_string(),
                i.measure.clone(),
                i.owner.clone(),
                i.deadline.clone(),
            ]
        },
    );

    if let Some(note) = &content.closed_note {
        blocks.push(Block::Paragraph(note.clone()));
    }
    blocks.push(Block::Signatures(strings(&l.pick(
        ["支部书记（签字）", "支部委员会（盖章）", "日期"],
        [
            "Branch secretary (signature)",
            "Branch committee (seal)",
            "Date",
        ],
    ))));
    docx(&content.title, &blocks)
}
