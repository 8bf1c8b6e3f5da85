//! The share link: a self-check's selection and answers packed into a URL fragment.
//!
//! Payload (then base64url without padding):
//!
//! | bytes          | content                                                          |
//! |----------------|------------------------------------------------------------------|
//! | 1              | codec version, [`SHARE_CODEC_VERSION`]                           |
//! | 2              | bank fingerprint: FNV-1a of `id`, NUL, `version`, low 16 bits, BE |
//! | 1 (varint)     | category index in bank order                                     |
//! | max(2, ⌈m/8⌉)  | modifier bitmask, bank order, bit i of byte i/8 (LSB first)       |
//! | 1 (varint)     | role: 0 none, else index + 1                                     |
//! | ⌈n/2⌉          | one 4-bit code per applicable question, high nibble first; a     |
//! |                | trailing unused nibble is 0                                      |
//! | varints        | LEB128 value of each `count` answer, in question order           |
//! | 2              | FNV-1a of everything before, low 16 bits, BE                     |
//!
//! Codes: 0 unanswered, 1 not applicable, 2 yes, 3 no, 4..=11 level 0..=7, 12 count.
//! The category and role are LEB128 varints: one byte for any index below 128, so the
//! layout is a byte each for every real bank, yet nothing breaks on a larger one.

use crate::assess::{applicable_questions, credit, Answer, Answers, Selection};
use crate::bank::{Bank, Locale, Question};

use super::base64::{self, Base64Error};
use super::fnv::fnv1a16;

/// The layout version written as the payload's first byte.
pub const SHARE_CODEC_VERSION: u8 = 1;
/// Payloads longer than this are refused before decoding; real ones are about 100.
pub const MAX_SHARE_CHARS: usize = 4096;

const CODE_UNANSWERED: u8 = 0;
const CODE_NOT_APPLICABLE: u8 = 1;
const CODE_YES: u8 = 2;
const CODE_NO: u8 = 3;
const CODE_LEVEL_0: u8 = 4;
const MAX_LEVEL: u8 = 7;
const CODE_COUNT: u8 = 12;
/// Version, fingerprint, category, two modifier bytes, role, checksum.
const MIN_BYTES: usize = 9;

/// Why a share link cannot be opened.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ShareError {
    /// The link carries no answers at all.
    #[error("the share payload is empty")]
    Empty,
    #[error("the share payload has {chars} characters; the limit is {limit}")]
    TooLong { chars: usize, limit: usize },
    /// A character that cannot appear in a share link (0-based character position).
    #[error("character {character:?} at position {position} is not base64url")]
    NotBase64 { position: usize, character: char },
    /// Too few bytes for even the header.
    #[error("the share payload has only {bytes} bytes")]
    TooShort { bytes: usize },
    /// Made by a widget with another link layout.
    #[error("unknown share codec version {version}")]
    UnknownCodec { version: u8 },
    /// The checksum does not match: the link is damaged or incomplete.
    #[error("the share payload's checksum does not match")]
    Damaged,
    /// Made with another question bank, or a version of this one it does not list.
    #[error("the share payload was made with another question bank or bank version")]
    OtherBank,
    /// Made with an earlier version of this bank (one of its `previous_versions`), whose
    /// questions differ: the answers cannot be placed.
    #[error("the share payload was made with bank version `{found}`, the current version is `{current}`")]
    EarlierBankVersion { found: String, current: String },
    #[error("category index {index} is out of range")]
    CategoryOutOfRange { index: u32 },
    #[error("modifier bit {index} is out of range")]
    ModifierOutOfRange { index: usize },
    #[error("role {index} is out of range")]
    RoleOutOfRange { index: u32 },
    /// A code that does not fit its question (e.g. "yes" for a levels question).
    #[error("code {code} does not fit question `{question}`")]
    CodeMisfit { question: String, code: u8 },
    /// A count that is not a readable number.
    #[error("the count for question `{question}` is unreadable")]
    BadCount { question: String },
    /// More or fewer bytes than the questions need.
    #[error("the payload's length does not fit the questions")]
    LengthMismatch,
}

impl ShareError {
    /// What to tell the user, in their language.
    pub fn message(&self, locale: Locale) -> String {
        let damaged = || {
            locale.pick(
                "分享链接已损坏或不完整，请向分享人重新索取完整的链接。".into(),
                "The link is damaged or incomplete. Please ask for the complete link again.".into(),
            )
        };
        let misfit = || {
            locale.pick(
                "分享链接的内容与当前题库不符，无法打开。请向分享人确认使用的题库。".into(),
                "The link's content does not fit the current question bank, so it cannot be opened. Please check which bank it was made with.".into(),
            )
        };
        match self {
            ShareError::Empty => locale.pick(
                "分享链接中没有自查内容。".into(),
                "The link carries no self-check.".into(),
            ),
            ShareError::TooLong { .. } => locale.pick(
                "分享链接过长，不是本工具生成的链接。".into(),
                "The link is too long; it was not made by this tool.".into(),
            ),
            ShareError::NotBase64 { position, .. } => locale.pick(
                format!("分享链接第 {} 个字符无效，链接可能被改动或复制不完整。", position + 1),
                format!(
                    "Character {} of the link is not valid; the link may have been changed or copied incompletely.",
                    position + 1
                ),
            ),
            ShareError::TooShort { .. } | ShareError::Damaged | ShareError::LengthMismatch => {
                damaged()
            }
            ShareError::UnknownCodec { .. } => locale.pick(
                "这个分享链接由其他版本的工具生成，当前工具无法打开。请使用最新版本。".into(),
                "This link was made by another version of the tool and cannot be opened here. Please use the latest version.".into(),
            ),
            ShareError::OtherBank => locale.pick(
                "这个分享链接来自另一个题库或题库的另一个版本，题目可能不同，无法打开。".into(),
                "This link comes from another question bank or another version of it; the questions may differ, so it cannot be opened.".into(),
            ),
            ShareError::EarlierBankVersion { found, current } => locale.pick(
                format!("这个分享链接由题库的早期版本（{found}）生成。题库已更新为 {current} 版，部分题目已调整，链接中的答案无法放回新题目，请按新版重新作答。如保存过当时导出的文件，可用“与上次自查对比”载入，对比两次得分。"),
                format!("This link was made with an earlier version of the question bank ({found}). The bank is now version {current} and some questions have changed, so the link's answers cannot be placed in the new questions: please answer again. If you kept the file exported then, load it with “Compare with an earlier export” to compare the scores."),
            ),
            ShareError::CategoryOutOfRange { .. }
            | ShareError::ModifierOutOfRange { .. }
            | ShareError::RoleOutOfRange { .. } => misfit(),
            ShareError::CodeMisfit { question, .. } | ShareError::BadCount { question } => locale.pick(
                format!("分享链接中题目 {question} 的答案与题目不符，链接可能不是为当前题库生成的。"),
                format!("The link's answer to question {question} does not fit the question; the link may not have been made for the current bank."),
            ),
        }
    }
}

/// The two-byte fingerprint of a bank id and version.
fn fingerprint(id: &str, version: &str) -> u16 {
    let mut bytes = Vec::with_capacity(id.len() + version.len() + 1);
    bytes.extend_from_slice(id.as_bytes());
    bytes.push(0);
    bytes.extend_from_slice(version.as_bytes());
    fnv1a16(&bytes)
}

/// Why a payload with this fingerprint is not of `bank`: made with one of its earlier
/// versions (the newest that matches), or with something else.
fn other_bank(bank: &Bank, found: [u8; 2]) -> ShareError {
    bank.previous_versions
        .iter()
        .rev()
        .find(|v| fingerprint(&bank.id, v).to_be_bytes() == found)
        .map_or(ShareError::OtherBank, |v| ShareError::EarlierBankVersion {
            found: v.clone(),
            current: bank.version.clone(),
        })
}

fn mask_len(bank: &Bank) -> usize {
    bank.modifiers.len().div_ceil(8).max(2)
}

/// Packs a selection and its answers into a share payload (base64url, no padding).
///
/// Only answers to questions asked of the selection that fit their question are carried;
/// modifiers and a role the bank does not know are left out. The category must be one of
/// the bank's (see `check_selection`): an unknown one is written as an out-of-range index,
/// which [`decode_share`] refuses.
pub fn encode_share(bank: &Bank, selection: &Selection, answers: &Answers) -> String {
    let selection = known_parts(bank, selection);
    let mut bytes = vec![SHARE_CODEC_VERSION];
    bytes.extend_from_slice(&fingerprint(&bank.id, &bank.version).to_be_bytes());
    let category = bank
        .categories
        .iter()
        .position(|c| c.id == selection.category)
        .unwrap_or(bank.categories.len());
    push_varint(&mut bytes, index_u32(category));
    let mut mask = vec![0u8; mask_len(bank)];
    for (i, m) in bank.modifiers.iter().enumerate() {
        if selection.modifiers.contains(&m.id) {
            mask[i / 8] |= 1 << (i % 8);
        }
    }
    bytes.extend_from_slice(&mask);
    let role = selection
        .role
        .as_ref()
        .and_then(|role| bank.roles.iter().position(|r| &r.id == role))
        .map_or(0, |i| index_u32(i).saturating_add(1));
    push_varint(&mut bytes, role);

    let mut codes = Vec::new();
    let mut counts = Vec::new();
    for q in applicable_questions(bank, &selection) {
        let answer = answers.get(&q.id).copied();
        let code = match answer {
            Some(a) if credit(q, a).is_ok() => code_of(a),
            _ => CODE_UNANSWERED,
        };
        if let (CODE_COUNT, Some(Answer::Count(n))) = (code, answer) {
            counts.push(n);
        }
        codes.push(code);
    }
    for pair in codes.chunks(2) {
        let low = pair.get(1).copied().unwrap_or(CODE_UNANSWERED);
        bytes.push((pair[0] << 4) | low);
    }
    for n in counts {
        push_varint(&mut bytes, n);
    }
    bytes.extend_from_slice(&fnv1a16(&bytes).to_be_bytes());
    base64::encode(&bytes)
}

/// The selection without the modifiers and role the bank does not know.
fn known_parts(bank: &Bank, selection: &Selection) -> Selection {
    Selection {
        category: selection.category.clone(),
        modifiers: crate::order::set_from(
            selection
                .modifiers
                .iter()
                .filter(|m| bank.modifiers.iter().any(|known| &known.id == *m))
                .cloned(),
        ),
        role: selection
            .role
            .clone()
            .filter(|role| bank.roles.iter().any(|r| &r.id == role)),
    }
}

fn index_u32(index: usize) -> u32 {
    u32::try_from(index).unwrap_or(u32::MAX)
}

fn code_of(answer: Answer) -> u8 {
    match answer {
        Answer::NotApplicable => CODE_NOT_APPLICABLE,
        Answer::Yes => CODE_YES,
        Answer::No => CODE_NO,
        Answer::Level(i) if i <= MAX_LEVEL => CODE_LEVEL_0 + i,
        // No bank has more than 7 levels; an answer beyond the codes travels as unanswered.
        Answer::Level(_) => CODE_UNANSWERED,
        Answer::Count(_) => CODE_COUNT,
    }
}

fn push_varint(bytes: &mut Vec<u8>, mut value: u32) {
    loop {
        let low = (value & 0x7f) as u8;
        value >>= 7;
        if value == 0 {
            bytes.push(low);
            return;
        }
        bytes.push(low | 0x80);
    }
}

/// Reads bytes front to back.
struct Reader<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl Reader<'_> {
    fn take(&mut self, n: usize) -> Option<&[u8]> {
        let end = self.at.checked_add(n)?;
        let slice = self.bytes.get(self.at..end)?;
        self.at = end;
        Some(slice)
    }

    /// A minimal LEB128 u32: at most five bytes, no trailing zero group.
    fn varint(&mut self) -> Option<u32> {
        let mut value: u64 = 0;
        for i in 0..5 {
            let byte = *self.take(1)?.first()?;
            value |= u64::from(byte & 0x7f) << (7 * i);
            if byte & 0x80 == 0 {
                if i > 0 && byte == 0 {
                    return None; // overlong
                }
                return u32::try_from(value).ok();
            }
        }
        None
    }

    fn is_done(&self) -> bool {
        self.at == self.bytes.len()
    }
}

/// Unpacks a share payload made with this bank and version.
pub fn decode_share(bank: &Bank, payload: &str) -> Result<(Selection, Answers), ShareError> {
    let payload = payload.trim();
    if payload.is_empty() {
        return Err(ShareError::Empty);
    }
    let chars = payload.chars().count();
    if chars > MAX_SHARE_CHARS {
        return Err(ShareError::TooLong {
            chars,
            limit: MAX_SHARE_CHARS,
        });
    }
    let bytes = base64::decode(payload).map_err(|e| match e {
        Base64Error::InvalidChar {
            position,
            character,
        } => ShareError::NotBase64 {
            position,
            character,
        },
        Base64Error::BadLength | Base64Error::NonCanonical => ShareError::Damaged,
    })?;
    match bytes.first() {
        None => return Err(ShareError::TooShort { bytes: 0 }),
        Some(&SHARE_CODEC_VERSION) => {}
        Some(&version) => return Err(ShareError::UnknownCodec { version }),
    }
    if bytes.len() < MIN_BYTES {
        return Err(ShareError::TooShort { bytes: bytes.len() });
    }
    let (body, sum) = bytes.split_at(bytes.len() - 2);
    if fnv1a16(body).to_be_bytes() != sum {
        return Err(ShareError::Damaged);
    }
    let found = [body[1], body[2]];
    if found != fingerprint(&bank.id, &bank.version).to_be_bytes() {
        return Err(other_bank(bank, found));
    }
    let mut reader = Reader { bytes: body, at: 3 };
    let selection = read_selection(bank, &mut reader)?;
    let answers = read_answers(bank, &selection, &mut reader)?;
    if reader.is_done() {
        Ok((selection, answers))
    } else {
        Err(ShareError::LengthMismatch)
    }
}

fn read_selection(bank: &Bank, reader: &mut Reader) -> Result<Selection, ShareError> {
    let index = reader.varint().ok_or(ShareError::LengthMismatch)?;
    let category = usize::try_from(index)
        .ok()
        .and_then(|i| bank.categories.get(i))
        .ok_or(ShareError::CategoryOutOfRange { index })?;
    let mask = reader
        .take(mask_len(bank))
        .ok_or(ShareError::LengthMismatch)?;
    let mut selection = Selection::new(category.id.clone());
    for (byte_index, byte) in mask.iter().enumerate() {
        for bit in 0..8 {
            if byte & (1 << bit) == 0 {
                continue;
            }
            let index = byte_index * 8 + bit;
            let modifier = bank
                .modifiers
                .get(index)
                .ok_or(ShareError::ModifierOutOfRange { index })?;
            selection.modifiers.insert(modifier.id.clone());
        }
    }
    let role = reader.varint().ok_or(ShareError::LengthMismatch)?;
    if role > 0 {
        let found = usize::try_from(role - 1)
            .ok()
            .and_then(|i| bank.roles.get(i))
            .ok_or(ShareError::RoleOutOfRange { index: role })?;
        selection.role = Some(found.id.clone());
    }
    Ok(selection)
}

fn read_answers(
    bank: &Bank,
    selection: &Selection,
    reader: &mut Reader,
) -> Result<Answers, ShareError> {
    let questions = applicable_questions(bank, selection);
    let packed = reader
        .take(questions.len().div_ceil(2))
        .ok_or(ShareError::LengthMismatch)?;
    let codes: Vec<u8> = packed.iter().flat_map(|b| [b >> 4, b & 0x0f]).collect();
    if codes
        .iter()
        .skip(questions.len())
        .any(|c| *c != CODE_UNANSWERED)
    {
        return Err(ShareError::LengthMismatch);
    }
    let mut answers = Answers::new();
    for (q, code) in questions.iter().zip(codes) {
        if let Some(answer) = answer_of(q, code, reader)? {
            answers.insert(q.id.clone(), answer);
        }
    }
    Ok(answers)
}

/// The answer a code stands for, checked against its question.
fn answer_of(q: &Question, code: u8, reader: &mut Reader) -> Result<Option<Answer>, ShareError> {
    let misfit = || ShareError::CodeMisfit {
        question: q.id.clone(),
        code,
    };
    let answer = match code {
        CODE_UNANSWERED => return Ok(None),
        CODE_NOT_APPLICABLE => Answer::NotApplicable,
        CODE_YES => Answer::Yes,
        CODE_NO => Answer::No,
        c if (CODE_LEVEL_0..CODE_COUNT).contains(&c) => Answer::Level(c - CODE_LEVEL_0),
        CODE_COUNT => match reader.varint() {
            Some(n) => Answer::Count(n),
            None => {
                return Err(ShareError::BadCount {
                    question: q.id.clone(),
                })
            }
        },
        _ => return Err(misfit()),
    };
    credit(q, answer).map_err(|_| misfit())?;
    Ok(Some(answer))
}
