//! The UI's wording helpers and number formats. Every UI string is written as a zh-CN/en pair
//! where it is used, so none can lack a translation: a plain one with
//! [`Locale::pick`](crate::bank::Locale::pick), a formatted one with [`tr!`].

pub use crate::numbers::fixed;

/// A formatted UI string in the locale's language: `tr!(l, "已答 {done} 题", "{done}
/// answered")`, arguments as in `format!` (named from the scope, or listed after the two
/// wordings). Only the wording for `l` is formatted.
macro_rules! tr {
    ($locale:expr, $zh:literal, $en:literal $(, $arg:expr)* $(,)?) => {
        match $locale {
            $crate::bank::Locale::Zh => format!($zh $(, $arg)*),
            $crate::bank::Locale::En => format!($en $(, $arg)*),
        }
    };
}
pub(crate) use tr;

/// A score for display: one decimal place, or a dash while there is none.
pub fn score(value: Option<f64>) -> String {
    match value {
        Some(v) => fixed(v, 1),
        None => "—".to_string(),
    }
}

/// A signed change, e.g. "+4.5" or "−2.0".
pub fn delta(value: Option<f64>) -> String {
    match value {
        Some(v) if v > 0.04 => format!("+{}", fixed(v, 1)),
        Some(v) if v < -0.04 => format!("−{}", fixed(-v, 1)),
        Some(_) => "±0".to_string(),
        None => "—".to_string(),
    }
}

/// A share as a whole percentage.
pub fn percent(share: f64) -> String {
    format!("{}%", fixed(share * 100.0, 0))
}

/// Seconds as whole minutes for a time estimate: to the nearest five from ten minutes on.
pub fn minutes(seconds: usize) -> usize {
    let minutes = seconds.div_ceil(60).max(1);
    if minutes >= 10 {
        (minutes + 2) / 5 * 5
    } else {
        minutes
    }
}

/// Reads a typed count; anything that is not a whole number of 0 or more is no answer.
/// Counts are capped at 9999, as the field is.
pub fn parse_count(raw: &str) -> Option<u32> {
    let trimmed = raw.trim();
    if trimmed.is_empty() {
        return None;
    }
    trimmed.parse::<u32>().ok().map(|n| n.min(9999))
}

/// Tags as typed: separated by commas (either width), 、 or semicolons; blanks dropped.
pub fn split_tags(raw: &str) -> Vec<String> {
    raw.split([',', '，', '、', ';', '；'])
        .map(str::trim)
        .filter(|t| !t.is_empty())
        .map(str::to_string)
        .collect()
}

/// Whether a picked file may be an export or a workbench file: named `.json` or `.txt`
/// (either case), and not a hidden file such as a folder's `.DS_Store`.
pub fn may_hold_records(path: &str) -> bool {
    let name = path.rsplit(['/', '\\']).next().unwrap_or(path);
    let lower = name.to_ascii_lowercase();
    !name.starts_with('.') && (lower.ends_with(".json") || lower.ends_with(".txt"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::bank::Locale;

    #[test]
    fn tr_formats_only_the_wording_of_the_locale() {
        let done = 3;
        assert_eq!(
            tr!(Locale::Zh, "已答 {done} 题", "{done} answered"),
            "已答 3 题"
        );
        assert_eq!(
            tr!(Locale::En, "已答 {done} 题", "{done} answered"),
            "3 answered"
        );
        assert_eq!(tr!(Locale::En, "{} / {}", "{} of {}", 1, 2), "1 of 2");
        assert_eq!(Locale::En.pick("是", "yes"), "yes");
    }

    #[test]
    fn scores_changes_and_shares_read_as_on_screen() {
        assert_eq!(score(Some(87.25)), "87.3");
        assert_eq!(score(None), "—");
        assert_eq!(delta(Some(4.5)), "+4.5");
        assert_eq!(delta(Some(-2.0)), "−2.0");
        assert_eq!(delta(Some(0.04)), "±0");
        assert_eq!(delta(Some(-0.04)), "±0");
        assert_eq!(delta(None), "—");
        assert_eq!(percent(0.125), "13%");
        assert_eq!(percent(1.0), "100%");
    }

    #[test]
    fn minutes_round_up_and_to_fives_from_ten_on() {
        assert_eq!(minutes(0), 1, "never zero minutes");
        assert_eq!(minutes(60), 1);
        assert_eq!(minutes(61), 2);
        assert_eq!(minutes(9 * 60), 9);
        assert_eq!(minutes(10 * 60), 10);
        assert_eq!(minutes(12 * 60), 10);
        assert_eq!(minutes(13 * 60), 15);
        assert_eq!(minutes(17 * 60), 15);
        assert_eq!(minutes(18 * 60), 20);
        // The start screen's estimate for 75 questions at 16 and 24 seconds each.
        assert_eq!((minutes(75 * 16), minutes(75 * 24)), (20, 30));
    }

    #[test]
    fn counts_are_whole_numbers_from_zero_capped_at_9999() {
        assert_eq!(parse_count("4"), Some(4));
        assert_eq!(parse_count(" 12 "), Some(12));
        assert_eq!(parse_count("0"), Some(0));
        assert_eq!(parse_count("10000"), Some(9999));
        assert_eq!(parse_count("+3"), Some(3));
        for none in ["", "  ", "-1", "2.5", "1e3", "abc", "99999999999"] {
            assert_eq!(parse_count(none), None, "{none:?}");
        }
    }

    #[test]
    fn tags_split_on_either_comma_and_the_enumeration_mark() {
        assert_eq!(
            split_tags(" 东片区，机关一处,  ;、老干部 "),
            vec!["东片区", "机关一处", "老干部"]
        );
        assert!(split_tags(" ，、 ").is_empty());
    }

    #[test]
    fn only_json_and_text_files_are_read_from_a_folder() {
        for yes in ["a.json", "导出/某支部.JSON", "links.txt", "x\\y.Json"] {
            assert!(may_hold_records(yes), "{yes}");
        }
        for no in [
            "报告.pdf",
            "a.json.docx",
            "dir/.DS_Store",
            ".hidden.json",
            "json",
            "记录",
        ] {
            assert!(!may_hold_records(no), "{no}");
        }
    }
}
