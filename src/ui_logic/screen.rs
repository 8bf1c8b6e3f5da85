//! The screens of the self-check and their URL hashes (`#/questions/org_life`).

/// The screens of the self-check. The URL hash names them (`#/questions/org_life`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Screen {
    Start,
    Category,
    /// The questionnaire, open at one dimension (by id).
    Questions(String),
    Results,
    /// The rectification plan: the three lists, edited by the branch.
    Plan,
}

impl Screen {
    pub fn hash(&self) -> String {
        match self {
            Screen::Start => "#/start".into(),
            Screen::Category => "#/category".into(),
            Screen::Questions(dim) => format!("#/questions/{dim}"),
            Screen::Results => "#/results".into(),
            Screen::Plan => "#/plan".into(),
        }
    }

    /// The screen a hash names, if any. Lenient about the leading `#` and `/`; `#/questions`
    /// without a dimension opens the questionnaire at its first one.
    pub fn from_hash(hash: &str) -> Option<Screen> {
        let path = hash.trim_start_matches('#').trim_start_matches('/');
        match path.split_once('/') {
            Some(("questions", dim)) if !dim.is_empty() => Some(Screen::Questions(dim.into())),
            _ => match path {
                "start" => Some(Screen::Start),
                "category" => Some(Screen::Category),
                "questions" => Some(Screen::Questions(String::new())),
                "results" => Some(Screen::Results),
                "plan" => Some(Screen::Plan),
                _ => None,
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_screen_reads_back_from_its_hash() {
        for screen in [
            Screen::Start,
            Screen::Category,
            Screen::Questions("org_life".into()),
            Screen::Results,
            Screen::Plan,
        ] {
            assert_eq!(Screen::from_hash(&screen.hash()), Some(screen.clone()));
        }
        assert_eq!(
            Screen::Questions("org_life".into()).hash(),
            "#/questions/org_life"
        );
        assert_eq!(Screen::Results.hash(), "#/results");
    }

    #[test]
    fn hashes_are_read_leniently() {
        assert_eq!(Screen::from_hash("#results"), Some(Screen::Results));
        assert_eq!(Screen::from_hash("results"), Some(Screen::Results));
        assert_eq!(Screen::from_hash("#//category"), Some(Screen::Category));
        assert_eq!(
            Screen::from_hash("#/questions"),
            Some(Screen::Questions(String::new()))
        );
        assert_eq!(
            Screen::from_hash("#/questions/"),
            None,
            "a trailing slash names no dimension and no screen"
        );
        assert_eq!(
            Screen::from_hash("#/questions/a/b"),
            Some(Screen::Questions("a/b".into()))
        );
    }

    #[test]
    fn other_hashes_name_no_screen() {
        for hash in [
            "",
            "#",
            "#/",
            "#/Results",
            "#/result",
            "#share=AAAA",
            "#/start/x",
        ] {
            assert_eq!(Screen::from_hash(hash), None, "{hash:?}");
        }
    }
}
