//! UI wording in both languages, and number formatting shared by the screens.

use crate::bank::Locale;
pub use crate::numbers::fixed;

/// Picks the wording for `locale`. Every UI string is written as a zh-CN/en pair at the
/// place it is used, so no string can lack a translation.
pub fn tr(locale: Locale, zh: &'static str, en: &'static str) -> &'static str {
    match locale {
        Locale::Zh => zh,
        Locale::En => en,
    }
}

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
