//! Reasons, notes and errors in plain words, zh-CN or en.

use super::{GroupingBranch, GroupingError, LeadBasis, Note, Reason};
use crate::bank::{Bank, Locale};
use crate::numbers::fixed;

/// A reason in plain words, naming branches by label and dimensions by their bank name.
pub fn describe(
    reason: &Reason,
    branches: &[GroupingBranch],
    bank: &Bank,
    locale: Locale,
) -> String {
    let name = |i: &usize| {
        branches
            .get(*i)
            .map(|b| b.label.clone())
            .unwrap_or_default()
    };
    let names = |list: &[usize]| {
        let names: Vec<String> = list.iter().map(name).collect();
        names.join(locale.pick("、", ", "))
    };
    let dim = |d: &str| quoted(dimension_name(bank, d, locale), locale);
    match reason {
        Reason::Covered {
            member,
            dimension,
            score,
            target,
            helpers,
        } => locale.pick(
            format!(
                "{}{}低于目标{}，由{}（该项优势）带动",
                name(member),
                dim(dimension),
                standing(*score, *target, locale),
                names(helpers)
            ),
            format!(
                "{}: {} is below target{}; {} — strong there — can help",
                name(member),
                dim(dimension),
                standing(*score, *target, locale),
                names(helpers)
            ),
        ),
        Reason::Uncovered {
            member,
            dimension,
            score,
            target,
        } => locale.pick(
            format!(
                "{}{}低于目标{}，组内暂无该项优势支部，作为全组共同课题",
                name(member),
                dim(dimension),
                standing(*score, *target, locale)
            ),
            format!(
                "{}: {} is below target{}; no member is strong there yet, so it is a shared task",
                name(member),
                dim(dimension),
                standing(*score, *target, locale)
            ),
        ),
        Reason::Brings {
            member,
            dimension,
            to,
        } => locale.pick(
            format!(
                "{}{}是优势，可带动{}",
                name(member),
                dim(dimension),
                names(to)
            ),
            format!(
                "{}: strong in {}, can help {}",
                name(member),
                dim(dimension),
                names(to)
            ),
        ),
        Reason::Lead {
            member,
            covers,
            helped,
            overall,
            basis,
        } => lead(&name(member), *covers, *helped, *overall, *basis, locale),
        Reason::Focus {
            theme,
            dimensions,
            members,
        } => {
            let theme_name = bank
                .groups
                .iter()
                .find(|g| &g.id == theme)
                .map(|g| g.name.get(locale).to_string())
                .unwrap_or_else(|| theme.clone());
            let dims: Vec<String> = dimensions.iter().map(|d| dim(d)).collect();
            let dims = dims.join(locale.pick("、", ", "));
            locale.pick(
                format!(
                    "协作主题“{theme_name}”：针对{}在{dims}方面的短板",
                    names(members)
                ),
                format!(
                    "Focus “{theme_name}”: works on {dims}, where {} fall short",
                    names(members)
                ),
            )
        }
        Reason::Balances {
            member,
            overall,
            mean,
        } => {
            let score = |s: &Option<f64>| s.map(|s| fixed(s, 1)).unwrap_or_else(|| "—".into());
            locale.pick(
                format!(
                    "{}（{}）没有需组内带动的主要短板，也没有他人所缺的优势：编入本组使各组水平均衡（本组平均 {}）",
                    name(member),
                    score(overall),
                    score(mean)
                ),
                format!(
                    "{} ({}) has no main gap for the group to help with and no strength another member \
                     lacks: it keeps the groups' levels even (group mean {})",
                    name(member),
                    score(overall),
                    score(mean)
                ),
            )
        }
        Reason::Locked { member, .. } => locale.pick(
            format!("{}由党委固定在本组", name(member)),
            format!("{} is kept in this group by the committee", name(member)),
        ),
    }
}

fn lead(
    name: &str,
    covers: usize,
    helped: usize,
    overall: Option<f64>,
    basis: LeadBasis,
    locale: Locale,
) -> String {
    let overall = overall.map(|o| fixed(o, 1)).unwrap_or_else(|| "—".into());
    match basis {
        LeadBasis::Covers => locale.pick(
            format!("{name}牵头：其优势对应组内{helped}个支部的{covers}项主要短板，为组内最多"),
            format!(
                "{name} leads: its strengths meet {covers} main gaps of {helped} other members, \
                 the most in the group"
            ),
        ),
        LeadBasis::Overall => locale.pick(
            format!(
                "{name}牵头：组内优势与主要短板没有对应，由综合得分最高（{overall}）的支部牵头"
            ),
            format!(
                "{name} leads: no member's strength meets another's main gap, so the best \
                 overall score ({overall}) leads"
            ),
        ),
        LeadBasis::Pairing => locale.pick(
            format!("{name}为结对中综合得分较高的一方（{overall}），负责带动"),
            format!("{name} is the stronger side of the pair ({overall}) and leads"),
        ),
    }
}

/// A note in plain words (groups numbered from 1).
pub fn describe_note(note: &Note, locale: Locale) -> String {
    match note {
        Note::Undersized { group, size, min } => locale.pick(
            format!(
                "第{}组只有{size}个支部（少于{min}个）：支部数无法全部按规模分组",
                group + 1
            ),
            format!(
                "Group {} has {size} branches (fewer than {min}): the branches cannot all be \
                 split within the size bounds",
                group + 1
            ),
        ),
        Note::Trio { group } => locale.pick(
            format!("第{}组为一强带两弱的三方结对（支部数为奇数）", group + 1),
            format!(
                "Group {} is one strong branch with two weaker ones (an odd count)",
                group + 1
            ),
        ),
        Note::Unpaired { group } => locale.pick(
            format!("第{}组只有一个支部，无法结对", group + 1),
            format!(
                "Group {} is a single branch with no one to pair with",
                group + 1
            ),
        ),
    }
}

/// An error in plain words.
pub fn describe_error(error: &GroupingError, locale: Locale) -> String {
    match error {
        GroupingError::Bounds { min, max } => locale.pick(
            format!("每组支部数的下限（{min}）须至少为 1 且不大于上限（{max}）"),
            format!("The smallest group size ({min}) must be at least 1 and at most the largest ({max})"),
        ),
        GroupingError::UnknownBranch { index } => locale.pick(
            format!("第{}个支部不在名单中", index + 1),
            format!("Branch {} is not in the list", index + 1),
        ),
        GroupingError::LockTooLarge { key, count, max } => locale.pick(
            format!("固定在同一组（锁定号 {key}）的支部有{count}个，超过每组上限{max}个"),
            format!("{count} branches are kept together (lock {key}), more than the largest size {max}"),
        ),
        GroupingError::LockAcrossBlocks { key } => locale.pick(
            format!("固定在同一组（锁定号 {key}）的支部分属不同类别或片区，与“同类/同片区成组”的设置冲突"),
            format!("Branches kept together (lock {key}) are of different categories or areas, but groups are set to stay within one"),
        ),
        GroupingError::LocksDontFit { keys, branches } => locale.pick(
            format!("{keys}个固定的组无法由{branches}个支部按规模组成：请减少固定或调整规模"),
            format!("{keys} kept groups cannot be formed within the sizes from {branches} branches: keep fewer or change the sizes"),
        ),
        GroupingError::TooManyDimensions { count } => locale.pick(
            format!("维度太多（{count}个，最多 64 个）"),
            format!("Too many dimensions ({count}; at most 64)"),
        ),
        GroupingError::NotAPartition { index } => locale.pick(
            format!("第{}个支部没有恰好出现在一个组中", index + 1),
            format!("Branch {} is not in exactly one group", index + 1),
        ),
    }
}

fn dimension_name(bank: &Bank, id: &str, locale: Locale) -> String {
    bank.dimensions
        .iter()
        .find(|d| d.id == id)
        .map(|d| d.name.get(locale).to_string())
        .unwrap_or_else(|| id.to_string())
}

fn quoted(text: String, locale: Locale) -> String {
    locale.pick(format!("“{text}”"), format!("“{text}”"))
}

/// " (62.0, target 80.0)" / "（62.0，目标 80.0）", or nothing without a score.
fn standing(score: Option<f64>, target: Option<f64>, locale: Locale) -> String {
    match (score, target) {
        (Some(s), Some(t)) => locale.pick(
            format!("（{}，目标 {}）", fixed(s, 1), fixed(t, 1)),
            format!(" ({}, target {})", fixed(s, 1), fixed(t, 1)),
        ),
        (Some(s), None) => locale.pick(
            format!("（{}）", fixed(s, 1)),
            format!(" ({})", fixed(s, 1)),
        ),
        _ => String::new(),
    }
}
