//! A tiny WordprocessingML writer: a title, two heading levels, paragraphs, bordered tables,
//! signature lines and page breaks on A4, with East Asian fonts set so WPS and Word show the
//! Chinese as Chinese. Text is XML-escaped; characters XML 1.0 does not allow are dropped.

use super::zip;

/// One block of the document body, in order.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Block {
    Title(String),
    /// Level 1.
    Heading(String),
    /// Level 2.
    Subheading(String),
    /// One paragraph; a line break in the text is a line break in the paragraph.
    Paragraph(String),
    /// Full width, bordered; the header row (if any) repeats on each page and no row is split
    /// across pages. `widths` are relative column widths; empty (or not one per column) means
    /// equal columns. Short rows are padded with empty cells.
    Table {
        header: Vec<String>,
        rows: Vec<Vec<String>>,
        widths: Vec<u32>,
    },
    /// One line per label: `支部书记（签字）：________________`.
    Signatures(Vec<String>),
    PageBreak,
}

/// Text width in twips: A4 (11906) less the 1588 (2.8 cm) left and right margins.
const TEXT_WIDTH: u32 = 11906 - 2 * 1588;

// The fixed parts are put together at compile time (`concat!` takes only literals and macros),
// so they cost data bytes and no code.
macro_rules! xml {
    () => {
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
    };
}
macro_rules! w_ns {
    () => {
        "xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\""
    };
}
macro_rules! rels {
    () => {
        "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
    };
}
macro_rules! rel {
    () => {
        "\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
    };
}
macro_rules! ct {
    () => {
        "\" ContentType=\"application/vnd.openxmlformats-"
    };
}
macro_rules! borders {
    () => {
        "<w:tblBorders>\
<w:top w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"000000\"/>\
<w:left w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"000000\"/>\
<w:bottom w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"000000\"/>\
<w:right w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"000000\"/>\
<w:insideH w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"000000\"/>\
<w:insideV w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"000000\"/>\
</w:tblBorders>"
    };
}
/// A paragraph style based on Normal: id, name, inner `w:pPr`, then 黑体 bold at a half-point size.
macro_rules! heading_style {
    ($id:literal, $name:literal, $ppr:literal, $size:literal) => {
        concat!(
            "<w:style w:type=\"paragraph\" w:styleId=\"", $id, "\"><w:name w:val=\"", $name,
            "\"/><w:basedOn w:val=\"Normal\"/><w:next w:val=\"Normal\"/><w:qFormat/><w:pPr>", $ppr,
            "</w:pPr><w:rPr><w:rFonts w:ascii=\"Arial\" w:eastAsia=\"黑体\" w:hAnsi=\"Arial\" w:cs=\"Arial\"/>\
<w:b/><w:bCs/><w:sz w:val=\"", $size, "\"/><w:szCs w:val=\"", $size, "\"/></w:rPr></w:style>"
        )
    };
}

const CONTENT_TYPES: &str = concat!(
    xml!(),
    "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">",
    "<Default Extension=\"rels",
    ct!(),
    "package.relationships+xml\"/>",
    "<Default Extension=\"xml\" ContentType=\"application/xml\"/>",
    "<Override PartName=\"/word/document.xml",
    ct!(),
    "officedocument.wordprocessingml.document.main+xml\"/>",
    "<Override PartName=\"/word/styles.xml",
    ct!(),
    "officedocument.wordprocessingml.styles+xml\"/>",
    "<Override PartName=\"/word/settings.xml",
    ct!(),
    "officedocument.wordprocessingml.settings+xml\"/>",
    "<Override PartName=\"/docProps/core.xml",
    ct!(),
    "package.core-properties+xml\"/>",
    "<Override PartName=\"/docProps/app.xml",
    ct!(),
    "officedocument.extended-properties+xml\"/>",
    "</Types>"
);

const PACKAGE_RELS: &str = concat!(
    xml!(),
    rels!(),
    "<Relationship Id=\"rId1", rel!(), "officeDocument\" Target=\"word/document.xml\"/>",
    "<Relationship Id=\"rId2\" Type=\"http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties\" \
Target=\"docProps/core.xml\"/>",
    "<Relationship Id=\"rId3", rel!(), "extended-properties\" Target=\"docProps/app.xml\"/>",
    "</Relationships>"
);

const DOCUMENT_RELS: &str = concat!(
    xml!(),
    rels!(),
    "<Relationship Id=\"rId1",
    rel!(),
    "styles\" Target=\"styles.xml\"/>",
    "<Relationship Id=\"rId2",
    rel!(),
    "settings\" Target=\"settings.xml\"/>",
    "</Relationships>"
);

/// compatibilityMode 15: Word opens the file as a current document, not in compatibility mode.
const SETTINGS: &str = concat!(
    xml!(),
    "<w:settings ", w_ns!(), "><w:defaultTabStop w:val=\"420\"/>",
    "<w:characterSpacingControl w:val=\"compressPunctuation\"/><w:compat>",
    "<w:compatSetting w:name=\"compatibilityMode\" w:uri=\"http://schemas.microsoft.com/office/word\" w:val=\"15\"/>",
    "</w:compat></w:settings>"
);

const APP: &str = concat!(
    xml!(),
    "<Properties xmlns=\"http://schemas.openxmlformats.org/officeDocument/2006/extended-properties\">",
    "<Application>branch-self-check</Application></Properties>"
);

/// 宋体 12 pt (小四) body, 黑体 headings, tables at 10.5 pt (五号) with single borders.
const STYLES: &str = concat!(
    xml!(),
    "<w:styles ", w_ns!(), "><w:docDefaults><w:rPrDefault><w:rPr>",
    "<w:rFonts w:ascii=\"Times New Roman\" w:eastAsia=\"宋体\" w:hAnsi=\"Times New Roman\" w:cs=\"Times New Roman\"/>",
    "<w:sz w:val=\"24\"/><w:szCs w:val=\"24\"/><w:lang w:val=\"en-US\" w:eastAsia=\"zh-CN\" w:bidi=\"ar-SA\"/>",
    "</w:rPr></w:rPrDefault><w:pPrDefault><w:pPr><w:spacing w:after=\"120\" w:line=\"360\" w:lineRule=\"auto\"/>",
    "<w:jc w:val=\"both\"/></w:pPr></w:pPrDefault></w:docDefaults>",
    "<w:style w:type=\"paragraph\" w:default=\"1\" w:styleId=\"Normal\"><w:name w:val=\"Normal\"/><w:qFormat/></w:style>",
    heading_style!("Title", "Title", "<w:keepNext/><w:spacing w:before=\"240\" w:after=\"480\"/><w:jc w:val=\"center\"/>", "36"),
    heading_style!(
        "Heading1",
        "heading 1",
        "<w:keepNext/><w:keepLines/><w:spacing w:before=\"360\" w:after=\"120\"/><w:outlineLvl w:val=\"0\"/>",
        "32"
    ),
    heading_style!(
        "Heading2",
        "heading 2",
        "<w:keepNext/><w:keepLines/><w:spacing w:before=\"240\" w:after=\"120\"/><w:outlineLvl w:val=\"1\"/>",
        "28"
    ),
    "<w:style w:type=\"table\" w:styleId=\"ReportTable\"><w:name w:val=\"Report Table\"/><w:qFormat/>",
    "<w:pPr><w:spacing w:after=\"0\" w:line=\"300\" w:lineRule=\"auto\"/><w:jc w:val=\"left\"/></w:pPr>",
    "<w:rPr><w:sz w:val=\"21\"/><w:szCs w:val=\"21\"/></w:rPr><w:tblPr>",
    borders!(),
    "<w:tblCellMar><w:top w:w=\"57\" w:type=\"dxa\"/><w:left w:w=\"108\" w:type=\"dxa\"/>",
    "<w:bottom w:w=\"57\" w:type=\"dxa\"/><w:right w:w=\"108\" w:type=\"dxa\"/></w:tblCellMar></w:tblPr></w:style></w:styles>"
);

/// Pushes `text` as XML character data: `&`, `<`, `>` and quotes escaped, characters XML 1.0
/// does not allow (controls other than tab and line feed, U+FFFE, U+FFFF) dropped.
pub(crate) fn push_escaped(out: &mut String, text: &str) {
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' | '\n' => out.push(c),
            '\0'..='\u{1F}' | '\u{FFFE}' | '\u{FFFF}' => {}
            c => out.push(c),
        }
    }
}

/// One run: line breaks become `<w:br/>`, tabs `<w:tab/>` (a `\r` is dropped).
fn push_run(out: &mut String, text: &str, bold: bool) {
    out.push_str("<w:r>");
    if bold {
        out.push_str("<w:rPr><w:b/><w:bCs/></w:rPr>");
    }
    for (i, line) in text.split('\n').enumerate() {
        if i > 0 {
            out.push_str("<w:br/>");
        }
        for (j, piece) in line.split('\t').enumerate() {
            if j > 0 {
                out.push_str("<w:tab/>");
            }
            if !piece.is_empty() {
                out.push_str("<w:t xml:space=\"preserve\">");
                push_escaped(out, piece);
                out.push_str("</w:t>");
            }
        }
    }
    out.push_str("</w:r>");
}

/// One paragraph with the given paragraph properties (inner XML, may be empty).
fn push_paragraph(out: &mut String, props: &str, text: &str, bold: bool) {
    out.push_str("<w:p>");
    if !props.is_empty() {
        out.push_str("<w:pPr>");
        out.push_str(props);
        out.push_str("</w:pPr>");
    }
    if !text.is_empty() {
        push_run(out, text, bold);
    }
    out.push_str("</w:p>");
}

fn push_row(out: &mut String, cells: &[String], widths: &[u32], header: bool) {
    out.push_str("<w:tr><w:trPr><w:cantSplit/>");
    if header {
        out.push_str("<w:tblHeader/>");
    }
    out.push_str("</w:trPr>");
    for (i, width) in widths.iter().enumerate() {
        out.push_str("<w:tc><w:tcPr><w:tcW w:w=\"");
        out.push_str(&width.to_string());
        out.push_str("\" w:type=\"dxa\"/>");
        if header {
            out.push_str("<w:shd w:val=\"clear\" w:color=\"auto\" w:fill=\"EDEDED\"/>");
        }
        out.push_str("<w:vAlign w:val=\"center\"/></w:tcPr>");
        let text = cells.get(i).map_or("", String::as_str);
        push_paragraph(
            out,
            if header {
                "<w:jc w:val=\"center\"/>"
            } else {
                ""
            },
            text,
            header,
        );
        out.push_str("</w:tc>");
    }
    out.push_str("</w:tr>");
}

fn push_table(out: &mut String, header: &[String], rows: &[Vec<String>], relative: &[u32]) {
    let columns = rows.iter().map(Vec::len).fold(header.len(), usize::max);
    if columns == 0 {
        return;
    }
    let total: u64 = relative.iter().map(|&w| u64::from(w)).sum();
    let widths: Vec<u32> = (0..columns)
        .map(|i| match relative.get(i) {
            Some(&w) if relative.len() == columns && total > 0 => {
                (u64::from(TEXT_WIDTH) * u64::from(w) / total) as u32
            }
            _ => TEXT_WIDTH / columns as u32,
        })
        .collect();
    out.push_str(
        "<w:tbl><w:tblPr><w:tblStyle w:val=\"ReportTable\"/><w:tblW w:w=\"5000\" w:type=\"pct\"/>",
    );
    out.push_str(borders!());
    out.push_str("<w:tblLayout w:type=\"fixed\"/></w:tblPr><w:tblGrid>");
    for width in &widths {
        out.push_str("<w:gridCol w:w=\"");
        out.push_str(&width.to_string());
        out.push_str("\"/>");
    }
    out.push_str("</w:tblGrid>");
    if !header.is_empty() {
        push_row(out, header, &widths, true);
    }
    for row in rows {
        push_row(out, row, &widths, false);
    }
    out.push_str("</w:tbl>");
}

fn document_xml(blocks: &[Block]) -> String {
    let mut out = String::with_capacity(16 * 1024);
    out.push_str(concat!(xml!(), "<w:document ", w_ns!(), "><w:body>"));
    for (i, block) in blocks.iter().enumerate() {
        match block {
            Block::Title(text) => {
                push_paragraph(&mut out, "<w:pStyle w:val=\"Title\"/>", text, false)
            }
            Block::Heading(text) => {
                push_paragraph(&mut out, "<w:pStyle w:val=\"Heading1\"/>", text, false)
            }
            Block::Subheading(text) => {
                push_paragraph(&mut out, "<w:pStyle w:val=\"Heading2\"/>", text, false)
            }
            Block::Paragraph(text) => push_paragraph(&mut out, "", text, false),
            Block::Table {
                header,
                rows,
                widths,
            } => {
                push_table(&mut out, header, rows, widths);
                // Word joins two tables that touch, and wants a paragraph before the section's end.
                if matches!(blocks.get(i + 1), None | Some(Block::Table { .. })) {
                    push_paragraph(&mut out, "", "", false);
                }
            }
            Block::Signatures(labels) => {
                for (j, label) in labels.iter().enumerate() {
                    let colon = if label.chars().next_back().is_some_and(|c| c.is_ascii()) {
                        ": "
                    } else {
                        "："
                    };
                    let props = if j == 0 {
                        "<w:keepNext/><w:spacing w:before=\"600\" w:after=\"240\"/><w:ind w:left=\"4200\"/>"
                    } else {
                        "<w:keepNext/><w:spacing w:after=\"240\"/><w:ind w:left=\"4200\"/>"
                    };
                    push_paragraph(
                        &mut out,
                        props,
                        &format!("{label}{colon}________________"),
                        false,
                    );
                }
            }
            Block::PageBreak => out.push_str("<w:p><w:r><w:br w:type=\"page\"/></w:r></w:p>"),
        }
    }
    out.push_str(
        "<w:sectPr><w:pgSz w:w=\"11906\" w:h=\"16838\"/>\
<w:pgMar w:top=\"1440\" w:right=\"1588\" w:bottom=\"1440\" w:left=\"1588\" w:header=\"851\" w:footer=\"992\" w:gutter=\"0\"/>\
</w:sectPr></w:body></w:document>",
    );
    out
}

/// The `.docx` of `blocks`; `title` goes into the document properties (nothing else does:
/// no author, no dates). The same input always gives the same bytes.
pub fn docx(title: &str, blocks: &[Block]) -> Vec<u8> {
    let mut core = String::from(concat!(
        xml!(),
        "<cp:coreProperties xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/core-properties\" ",
        "xmlns:dc=\"http://purl.org/dc/elements/1.1/\"><dc:title>"
    ));
    push_escaped(&mut core, title);
    core.push_str("</dc:title></cp:coreProperties>");
    let document = document_xml(blocks);
    zip::store(
        &[
            ("[Content_Types].xml", CONTENT_TYPES.as_bytes()),
            ("_rels/.rels", PACKAGE_RELS.as_bytes()),
            ("word/document.xml", document.as_bytes()),
            ("word/_rels/document.xml.rels", DOCUMENT_RELS.as_bytes()),
            ("word/styles.xml", STYLES.as_bytes()),
            ("word/settings.xml", SETTINGS.as_bytes()),
            ("docProps/core.xml", core.as_bytes()),
            ("docProps/app.xml", APP.as_bytes()),
        ],
        zip::DOS_DATE,
        zip::DOS_TIME,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn escaped(text: &str) -> String {
        let mut out = String::new();
        push_escaped(&mut out, text);
        out
    }

    #[test]
    fn escapes_markup_and_drops_invalid_characters() {
        assert_eq!(
            escaped("a & b <c> \"d\" 'e'"),
            "a &amp; b &lt;c&gt; &quot;d&quot; &apos;e&apos;"
        );
        assert_eq!(
            escaped("x\u{0}\u{1}\u{8}\u{B}\u{C}\u{1F}y\u{FFFE}\u{FFFF}z"),
            "xyz"
        );
        assert_eq!(escaped("三会一课\t记录\n不全\r"), "三会一课\t记录\n不全");
        assert_eq!(escaped("😀\u{7F}\u{FFFD}"), "😀\u{7F}\u{FFFD}");
    }

    #[test]
    fn line_breaks_and_tabs_in_a_run() {
        let mut out = String::new();
        push_run(&mut out, "一\r\n二\t三\n", false);
        assert_eq!(
            out,
            "<w:r><w:t xml:space=\"preserve\">一</w:t><w:br/><w:t xml:space=\"preserve\">二</w:t>\
<w:tab/><w:t xml:space=\"preserve\">三</w:t><w:br/></w:r>"
        );
    }

    #[test]
    fn widths_are_scaled_to_the_text_width_or_equal() {
        let table = |widths: Vec<u32>| {
            let mut out = String::new();
            push_table(
                &mut out,
                &["a".into(), "b".into()],
                &[vec!["1".into()]],
                &widths,
            );
            out
        };
        assert!(table(vec![1, 3]).contains("<w:gridCol w:w=\"2182\"/><w:gridCol w:w=\"6547\"/>"));
        for widths in [vec![], vec![1], vec![0, 0], vec![1, 2, 3]] {
            assert!(table(widths)
                .contains("<w:gridCol w:w=\"4365\"/><w:gridCol w:w=\"4365\"/></w:tblGrid>"));
        }
        let mut out = String::new();
        push_table(&mut out, &[], &[], &[]);
        assert_eq!(out, "");
    }

    #[test]
    fn signatures_end_with_a_colon_in_the_label_s_script() {
        let xml = document_xml(&[Block::Signatures(vec!["日期".into(), "Date".into()])]);
        assert!(xml.contains(">日期：________________<"));
        assert!(xml.contains(">Date: ________________<"));
    }
}
