//! A seeded generator of realistic export files, for tests, benchmarks and demonstrations.
//!
//! Each branch gets a category (the bank's first category three times as often as each
//! other), modifiers (each 8 %), a latent strength (σ 7 points) shared by all its dimensions,
//! and per dimension its category's profile (a fixed offset of up to ±8 points per category
//! and dimension, ±6 per category) plus noise (σ 5). A question's answer follows that score,
//! with a fixed dip of 0.35 credit on about one question in twelve per category (so some
//! categories are clearly weaker on some questions) and of 0.3 on about one question in
//! fifteen for every branch (common problems). Each red-line question is failed by 1 %
//! of branches, 3 % of weak ones. 85 % carry a unit name; 12 % of those send two or three
//! members' records (the secretary's first), each member changing about one answer in
//! eight. 8 % of records leave a fifth to four fifths of their questions unanswered.
//! Everything is a pure function of the seed.

use std::collections::HashSet;

use crate::assess::{applicable_questions, Answer, Answers, Selection};
use crate::bank::{AnswerSpec, Bank, Question};
use crate::record::export_record;

/// PCG-XSH-RR 32 (O'Neill, 2014): small, fast, and the same on every platform, so a seed
/// always gives the same files.
#[derive(Debug, Clone)]
pub struct Pcg32 {
    state: u64,
    increment: u64,
}

impl Pcg32 {
    pub fn new(seed: u64, stream: u64) -> Pcg32 {
        let mut rng = Pcg32 {
            state: 0,
            increment: (stream << 1) | 1,
        };
        rng.next_u32();
        rng.state = rng.state.wrapping_add(seed);
        rng.next_u32();
        rng
    }

    pub fn next_u32(&mut self) -> u32 {
        let old = self.state;
        self.state = old
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(self.increment);
        let xorshifted = (((old >> 18) ^ old) >> 27) as u32;
        xorshifted.rotate_right((old >> 59) as u32)
    }

    /// Uniform in [0, 1).
    pub fn unit(&mut self) -> f64 {
        f64::from(self.next_u32()) / 4_294_967_296.0
    }

    /// Uniform in `0..n` (0 when `n` is 0).
    pub fn below(&mut self, n: usize) -> usize {
        ((self.unit() * n as f64) as usize).min(n.saturating_sub(1))
    }

    pub fn chance(&mut self, p: f64) -> bool {
        self.unit() < p
    }

    /// Roughly normal, mean 0 and deviation 1: four uniforms summed and rescaled, which needs
    /// no logarithm (and no libm in the wasm).
    pub fn normal(&mut self) -> f64 {
        let sum: f64 = (0..4).map(|_| self.unit()).sum();
        (sum - 2.0) * 1.732_050_807_568_877_2
    }
}

/// `count` export files (file name, JSON text) for `bank`, made with [`export_record`], so
/// their checksums and results are the engine's. The same bank and seed give the same files.
pub fn generate(bank: &Bank, count: usize, seed: u64) -> Vec<(String, String)> {
    let mut rng = Pcg32::new(seed, 0x636f_6d6d);
    let mut taken = HashSet::new();
    let mut files = Vec::with_capacity(count);
    while files.len() < count && !bank.categories.is_empty() {
        for (name, text) in branch_records(bank, &mut rng, &mut taken) {
            if files.len() < count {
                files.push((format!("record-{:05}-{name}.json", files.len() + 1), text));
            }
        }
    }
    files
}

/// One branch's records: (short file-name part, export text).
fn branch_records(
    bank: &Bank,
    rng: &mut Pcg32,
    taken: &mut HashSet<String>,
) -> Vec<(String, String)> {
    let n = bank.categories.len();
    let pick = rng.below(n + 2);
    let category = &bank.categories[pick.saturating_sub(2).min(n - 1)];
    let mut selection = Selection::new(category.id.clone());
    for m in &bank.modifiers {
        if rng.chance(0.08) {
            selection.modifiers.insert(m.id.clone());
        }
    }
    let latent = rng.normal() * 7.0;
    let base = 77.0 + offset(&[&category.id], 6.0) + latent;
    let levels: Vec<f64> = bank
        .dimensions
        .iter()
        .map(|d| (base + offset(&[&category.id, &d.id], 8.0) + rng.normal() * 5.0) / 100.0)
        .collect();
    let red_line_chance = if latent < -7.0 { 0.03 } else { 0.01 };
    let questions = applicable_questions(bank, &selection);
    let mut answers = Answers::new();
    let mut targets = Vec::with_capacity(questions.len());
    for q in &questions {
        let d = bank.dimensions.iter().position(|d| d.id == q.dimension);
        // Dips: a question weak for this category, and one weak for every branch.
        let dip = if hash(&[&category.id, &q.id]).is_multiple_of(12) {
            0.35
        } else {
            0.0
        } + if hash(&[&q.id]).is_multiple_of(15) {
            0.3
        } else {
            0.0
        };
        let p = d.map_or(0.7, |d| levels[d]) - dip + rng.normal() * 0.12;
        targets.push(p);
        let answer = if q.red_line.is_some() {
            if rng.chance(red_line_chance) {
                worst(q)
            } else {
                best(q)
            }
        } else if q.allow_na && rng.chance(0.06) {
            Answer::NotApplicable
        } else {
            answer_for(q, p, rng)
        };
        answers.insert(q.id.clone(), answer);
    }
    let unit = rng
        .chance(0.85)
        .then(|| unit_name(&category.id, rng, taken));
    let members = if unit.is_some() && rng.chance(0.12) {
        2 + rng.below(2)
    } else {
        1
    };
    let date = format!("2026-11-{:02}", 1 + rng.below(28));
    let mut roles: Vec<Option<String>> = Vec::new();
    let first_role = bank.roles.first().map(|r| r.id.clone());
    if members > 1 {
        roles.push(first_role);
        let mut others: Vec<&str> = bank.roles.iter().skip(1).map(|r| r.id.as_str()).collect();
        while roles.len() < members && !others.is_empty() {
            roles.push(Some(others.remove(rng.below(others.len())).to_string()));
        }
    } else if rng.chance(0.6) {
        roles.push(first_role);
    } else if rng.chance(0.25) {
        roles.push(None);
    } else {
        roles.push(
            bank.roles
                .get(rng.below(bank.roles.len()))
                .map(|r| r.id.clone()),
        );
    }
    roles
        .into_iter()
        .enumerate()
        .map(|(i, role)| {
            let mut own = answers.clone();
            if i > 0 {
                for (q, p) in questions.iter().zip(&targets) {
                    if q.red_line.is_none() && own.contains_key(&q.id) && rng.chance(0.12) {
                        let answer = answer_for(q, p + rng.normal() * 0.3, rng);
                        own.insert(q.id.clone(), answer);
                    }
                }
            }
            if rng.chance(0.08) {
                let dropped = 0.2 + rng.unit() * 0.6;
                own.retain(|_, _| !rng.chance(dropped));
            }
            let member = Selection {
                role: role.clone(),
                ..selection.clone()
            };
            let text = export_record(bank, &member, &own, unit.as_deref(), &date);
            let name = format!("{}-{}", category.id, role.as_deref().unwrap_or("anyone"));
            (name, text)
        })
        .collect()
}

/// An answer whose credit is near `p` (0..=1).
fn answer_for(q: &Question, p: f64, rng: &mut Pcg32) -> Answer {
    let p = p.clamp(0.0, 1.0);
    match &q.answer {
        AnswerSpec::Levels { levels } => {
            let nearest = levels
                .iter()
                .enumerate()
                .min_by(|(_, a), (_, b)| (a.credit - p).abs().total_cmp(&(b.credit - p).abs()))
                .map_or(0, |(i, _)| i);
            Answer::Level(u8::try_from(nearest).unwrap_or(u8::MAX))
        }
        AnswerSpec::YesNo { .. } if rng.chance(p) => best(q),
        AnswerSpec::YesNo { .. } => worst(q),
        AnswerSpec::Count { per_year, .. } => {
            let count = (p * f64::from(*per_year) * 1.15 + rng.normal() * 0.5).round();
            Answer::Count(count.clamp(0.0, 1000.0) as u32)
        }
    }
}

/// The answer with the most credit.
fn best(q: &Question) -> Answer {
    match &q.answer {
        AnswerSpec::Levels { levels } => {
            Answer::Level(u8::try_from(levels.len().saturating_sub(1)).unwrap_or(0))
        }
        AnswerSpec::YesNo {
            yes_credit,
            no_credit,
        } if yes_credit >= no_credit => Answer::Yes,
        AnswerSpec::YesNo { .. } => Answer::No,
        AnswerSpec::Count { per_year, .. } => Answer::Count(*per_year),
    }
}

/// The answer with the least credit.
fn worst(q: &Question) -> Answer {
    match &q.answer {
        AnswerSpec::Levels { .. } => Answer::Level(0),
        AnswerSpec::YesNo { .. } if best(q) == Answer::Yes => Answer::No,
        AnswerSpec::YesNo { .. } => Answer::Yes,
        AnswerSpec::Count { .. } => Answer::Count(0),
    }
}

/// FNV-1a 64 of the parts, NUL-separated: fixed per-category profiles, whatever the seed.
fn hash(parts: &[&str]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for (i, part) in parts.iter().enumerate() {
        let separator: &[u8] = if i > 0 { &[0] } else { &[] };
        for byte in separator.iter().chain(part.as_bytes()) {
            h = (h ^ u64::from(*byte)).wrapping_mul(0x0100_0000_01b3);
        }
    }
    h
}

/// A fixed offset in `-spread..=spread` for these parts.
fn offset(parts: &[&str], spread: f64) -> f64 {
    ((hash(parts) % 2001) as f64 / 1000.0 - 1.0) * spread
}

const ORGANS: [&str; 8] = [
    "某部",
    "某委",
    "某局",
    "某署",
    "某总局",
    "某办",
    "某院",
    "某会",
];

/// A unit name in the style of the category, not used before in this run.
fn unit_name(category: &str, rng: &mut Pcg32, taken: &mut HashSet<String>) -> String {
    let mut attempts = 0;
    loop {
        let mut name = styled_name(category, rng);
        if attempts >= 20 {
            // Numbered once the styles run out; no styled name contains "（".
            name = format!("{name}（{}）", taken.len() + 1);
        }
        if taken.insert(name.clone()) {
            return name;
        }
        attempts += 1;
    }
}

/// e.g. 某部办公厅第一党支部, 某医院心内科第二党支部, 某学会秘书处党支部.
fn styled_name(category: &str, rng: &mut Pcg32) -> String {
    let (units, parts, ordinals): (&[&str], &[&str], usize) = match category {
        "organ" => (
            &ORGANS,
            &[
                "办公厅",
                "政策法规司",
                "人事司",
                "财务司",
                "综合司",
                "国际合作司",
                "机关服务局",
                "信息中心",
                "规划司",
                "监督司",
                "宣传司",
                "科技司",
            ],
            12,
        ),
        "research" => (
            &["某研究院", "某科学院", "某研究所", "某研究中心"],
            &[
                "材料研究室",
                "信息研究室",
                "能源研究室",
                "生态研究室",
                "农业研究室",
            ],
            4,
        ),
        "hospital" => (
            &["某医院", "某附属医院", "某中心医院", "某医学中心"],
            &[
                "心内科",
                "急诊科",
                "普外科",
                "儿科",
                "检验科",
                "护理部",
                "影像科",
            ],
            3,
        ),
        "university" => (
            &["某大学", "某学院", "某党校", "某干部学院"],
            &[
                "文学院教工",
                "理学院教工",
                "马克思主义学院教工",
                "经济学院教工",
                "机关",
            ],
            6,
        ),
        "culture" => (
            &["某出版社", "某报社", "某杂志社", "某出版集团", "某电视台"],
            &["编辑部", "融媒体中心", "出版部", "新闻部"],
            4,
        ),
        "enterprise" => (
            &["某集团", "某公司", "某投资公司", "某建设公司"],
            &["财务部", "工程部", "项目部", "市场部", "研发中心"],
            4,
        ),
        "social" => (
            &["某学会", "某协会", "某基金会", "某商会", "某联合会"],
            &["秘书处", "会员部", "联合"],
            1,
        ),
        "retired" => (&ORGANS, &["离退休干部"], 9),
        _ => (&["某单位"], &[""], 30),
    };
    let unit = units[rng.below(units.len())];
    let part = parts[rng.below(parts.len())];
    let ordinal = match ordinals {
        0 | 1 => String::new(),
        n => format!("第{}", numeral(1 + rng.below(n))),
    };
    format!("{unit}{part}{ordinal}党支部")
}

/// 1..=99 in Chinese numerals (一, 十二, 二十三).
fn numeral(n: usize) -> String {
    const DIGITS: [&str; 10] = ["零", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
    match n {
        0..=9 => DIGITS[n].to_string(),
        10..=19 => format!("十{}", if n > 10 { DIGITS[n - 10] } else { "" }),
        20..=99 => format!(
            "{}十{}",
            DIGITS[n / 10],
            if !n.is_multiple_of(10) {
                DIGITS[n % 10]
            } else {
                ""
            }
        ),
        _ => n.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numerals_read_as_written() {
        let cases = [
            (1, "一"),
            (10, "十"),
            (12, "十二"),
            (20, "二十"),
            (23, "二十三"),
        ];
        for (n, text) in cases {
            assert_eq!(numeral(n), text);
        }
    }

    #[test]
    fn pcg32_matches_the_reference_stream() {
        // pcg32_random_r with initstate 42, initseq 54 (pcg-c's demo): first outputs.
        let mut rng = Pcg32::new(42, 54);
        let first: Vec<u32> = (0..3).map(|_| rng.next_u32()).collect();
        assert_eq!(first, [0xa15c_02b7, 0x7b47_f409, 0xba1d_3330]);
    }
}
