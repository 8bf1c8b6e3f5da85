//! A widget's configuration and the rules that read it from its element's `data-`
//! attributes (`embed::config` hands them the element's attributes).

use crate::bank::Locale;

/// Where the bank comes from.
#[derive(Debug, Clone, PartialEq)]
pub enum BankSource {
    Default,
    /// JSON given inline in a `<script type="application/json" data-bank>` inside the element.
    Inline(String),
    /// A same-origin URL to fetch.
    Url(String),
}

/// Whether and how the URL hash follows the screens.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HistoryMode {
    Hash,
    None,
}

/// Everything a portal can set on one widget.
#[derive(Debug, Clone, PartialEq)]
pub struct Config {
    pub locale: Locale,
    /// Category ids offered (empty: all the bank has).
    pub categories: Vec<String>,
    pub bank: BankSource,
    /// Whether answers may be kept in localStorage.
    pub storage: bool,
    /// Suffix that keeps two widgets' saved answers apart.
    pub storage_key: String,
    /// Whether the widget dispatches `bsc:*` events on its element for the host.
    pub events: bool,
    pub history: HistoryMode,
    /// `light`, `dark` or `print`-friendly themes; colours also follow CSS custom properties.
    pub theme: Option<String>,
    /// Report height to the parent window (iframe mode).
    pub frame: bool,
    /// Problems in the configuration itself, shown in the widget.
    pub problems: Vec<String>,
    /// Where the whole (bilingual) default bank is, when the widget runs on the embedded
    /// Chinese-only copy: fetched on a switch to English.
    pub english_bank_url: Option<String>,
}

/// Reads the configuration. `attribute` gives the element's attribute of that name (`id`,
/// `data-lang` ...); `inline_bank` is the text of its `<script type="application/json"
/// data-bank>`, if it has one. `only_widget` says whether this is the page's one widget
/// (only then does it follow the URL hash unless told otherwise); `position` is its place
/// among the page's widgets (0-based), which keeps the saved answers of several widgets
/// without an id or `data-storage-key` apart.
pub fn config_from(
    attribute: impl Fn(&str) -> Option<String>,
    inline_bank: Option<String>,
    only_widget: bool,
    position: usize,
) -> Config {
    let mut problems = Vec::new();
    let data = |name: &str| attribute(&format!("data-{name}"));

    let locale = match data("lang") {
        // Simplified Chinese unless the portal says otherwise, whatever the browser's language.
        None => Locale::Zh,
        Some(tag) => Locale::from_tag(&tag).unwrap_or_else(|| {
            problems.push(format!(
                "data-lang=\"{tag}\" is not zh-CN or en; using zh-CN"
            ));
            Locale::Zh
        }),
    };
    let categories = data("categories")
        .map(|list| {
            list.split([',', ' '])
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(String::from)
                .collect()
        })
        .unwrap_or_default();

    let bank = match (inline_bank, data("bank-url")) {
        (Some(json), None) => BankSource::Inline(json),
        (None, Some(url)) => BankSource::Url(url),
        (None, None) => BankSource::Default,
        (Some(json), Some(_)) => {
            problems.push(
                "both an inline bank and data-bank-url are given; using the inline bank".into(),
            );
            BankSource::Inline(json)
        }
    };

    let storage = !matches!(data("storage").as_deref(), Some("none" | "off" | "false"));
    let events = matches!(data("events").as_deref(), Some("on" | "true" | ""));
    let frame = data("frame").is_some();
    let history = match data("history").as_deref() {
        Some("hash") => HistoryMode::Hash,
        Some("none") => HistoryMode::None,
        _ if only_widget && !frame => HistoryMode::Hash,
        _ => HistoryMode::None,
    };
    let storage_key = data("storage-key")
        .or_else(|| attribute("id").filter(|id| !id.is_empty()))
        .unwrap_or_else(|| {
            if only_widget {
                String::new()
            } else {
                // Several widgets and this one unnamed: without a key of its own it would
                // share (and overwrite) the saved answers of another unnamed widget.
                format!("#{}", position + 1)
            }
        });

    Config {
        locale,
        categories,
        bank,
        storage,
        storage_key,
        events,
        history,
        theme: data("theme"),
        frame,
        problems,
        english_bank_url: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The configuration of an element with these attributes.
    fn read(attributes: &[(&str, &str)], only_widget: bool, position: usize) -> Config {
        let lookup = |name: &str| {
            attributes
                .iter()
                .find(|(n, _)| *n == name)
                .map(|(_, v)| v.to_string())
        };
        config_from(lookup, None, only_widget, position)
    }

    #[test]
    fn a_bare_element_gets_the_defaults() {
        let config = read(&[], true, 0);
        assert_eq!(
            config,
            Config {
                locale: Locale::Zh,
                categories: Vec::new(),
                bank: BankSource::Default,
                storage: true,
                storage_key: String::new(),
                events: false,
                history: HistoryMode::Hash,
                theme: None,
                frame: false,
                problems: Vec::new(),
                english_bank_url: None,
            }
        );
    }

    #[test]
    fn language_is_read_leniently_and_an_unknown_one_is_reported() {
        assert_eq!(read(&[("data-lang", "en")], true, 0).locale, Locale::En);
        assert_eq!(read(&[("data-lang", "en-GB")], true, 0).locale, Locale::En);
        assert_eq!(read(&[("data-lang", "zh-CN")], true, 0).locale, Locale::Zh);
        let config = read(&[("data-lang", "fr")], true, 0);
        assert_eq!(config.locale, Locale::Zh);
        assert_eq!(
            config.problems,
            ["data-lang=\"fr\" is not zh-CN or en; using zh-CN"]
        );
    }

    #[test]
    fn categories_are_split_on_commas_and_spaces() {
        let config = read(
            &[("data-categories", " organ,hospital  university,,")],
            true,
            0,
        );
        assert_eq!(config.categories, ["organ", "hospital", "university"]);
        assert!(read(&[("data-categories", " , ")], true, 0)
            .categories
            .is_empty());
    }

    #[test]
    fn an_inline_bank_wins_over_a_bank_url_and_the_clash_is_reported() {
        let url = [("data-bank-url", "/banks/mine.json")];
        assert_eq!(
            read(&url, true, 0).bank,
            BankSource::Url("/banks/mine.json".into())
        );
        let inline = config_from(|_| None, Some("{}".into()), true, 0);
        assert_eq!(inline.bank, BankSource::Inline("{}".into()));
        assert!(inline.problems.is_empty());
        let both = config_from(
            |name| (name == "data-bank-url").then(|| "/b.json".to_string()),
            Some("{}".into()),
            true,
            0,
        );
        assert_eq!(both.bank, BankSource::Inline("{}".into()));
        assert_eq!(
            both.problems,
            ["both an inline bank and data-bank-url are given; using the inline bank"]
        );
    }

    #[test]
    fn storage_is_off_only_when_turned_off() {
        for off in ["none", "off", "false"] {
            assert!(!read(&[("data-storage", off)], true, 0).storage, "{off}");
        }
        for on in ["local", "", "yes", "None"] {
            assert!(read(&[("data-storage", on)], true, 0).storage, "{on}");
        }
    }

    #[test]
    fn events_are_on_only_when_asked_for() {
        for on in ["on", "true", ""] {
            assert!(read(&[("data-events", on)], true, 0).events, "{on:?}");
        }
        for off in ["off", "false", "yes"] {
            assert!(!read(&[("data-events", off)], true, 0).events, "{off}");
        }
        assert!(!read(&[], true, 0).events);
    }

    #[test]
    fn the_hash_follows_the_screens_only_for_the_one_widget_outside_a_frame() {
        assert_eq!(read(&[], true, 0).history, HistoryMode::Hash);
        assert_eq!(read(&[], false, 0).history, HistoryMode::None);
        let framed = read(&[("data-frame", "")], true, 0);
        assert!(framed.frame);
        assert_eq!(framed.history, HistoryMode::None);
        // The portal's word wins either way.
        assert_eq!(
            read(&[("data-history", "hash")], false, 1).history,
            HistoryMode::Hash
        );
        assert_eq!(
            read(&[("data-history", "none")], true, 0).history,
            HistoryMode::None
        );
        assert_eq!(
            read(&[("data-history", "bogus")], true, 0).history,
            HistoryMode::Hash
        );
    }

    #[test]
    fn storage_key_is_the_given_key_else_the_id_else_the_place_on_the_page() {
        let both = [("data-storage-key", "k"), ("id", "bsc-organ")];
        assert_eq!(read(&both, false, 3).storage_key, "k");
        assert_eq!(
            read(&[("id", "bsc-organ")], false, 3).storage_key,
            "bsc-organ"
        );
        assert_eq!(read(&[("id", "")], false, 3).storage_key, "#4");
        assert_eq!(read(&[], false, 0).storage_key, "#1");
        assert_eq!(read(&[], true, 0).storage_key, "", "the page's one widget");
    }

    #[test]
    fn theme_is_passed_through() {
        assert_eq!(
            read(&[("data-theme", "dark")], true, 0).theme.as_deref(),
            Some("dark")
        );
    }
}
