//! The built-in languages and how one is chosen for a locale: by its language subtag, else
//! English.

use super::lang;
use super::messages::Texts;

/// Which way a language's lines run.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    /// Left to right.
    Ltr,
    /// Right to left.
    Rtl,
}

impl Direction {
    /// The `dir` attribute value.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Ltr => "ltr",
            Self::Rtl => "rtl",
        }
    }
}

/// A built-in language.
#[derive(Debug)]
pub struct Language {
    /// Its language subtag, e.g. `hi`.
    pub code: &'static str,
    /// Its name in English, for the docs.
    pub name: &'static str,
    /// Which way its lines run.
    pub direction: Direction,
    /// Its catalog.
    pub texts: &'static Texts,
}

/// English, the source and the fallback.
pub static ENGLISH: Language = Language {
    code: "en",
    name: "English",
    direction: Direction::Ltr,
    texts: &lang::en::TEXTS,
};

/// Every built-in language, English first.
pub static LANGUAGES: [&Language; 7] = [
    &ENGLISH,
    &Language {
        code: "hi",
        name: "Hindi",
        direction: Direction::Ltr,
        texts: &lang::hi::TEXTS,
    },
    &Language {
        code: "ar",
        name: "Arabic",
        direction: Direction::Rtl,
        texts: &lang::ar::TEXTS,
    },
    &Language {
        code: "es",
        name: "Spanish",
        direction: Direction::Ltr,
        texts: &lang::es::TEXTS,
    },
    &Language {
        code: "fr",
        name: "French",
        direction: Direction::Ltr,
        texts: &lang::fr::TEXTS,
    },
    &Language {
        code: "de",
        name: "German",
        direction: Direction::Ltr,
        texts: &lang::de::TEXTS,
    },
    &Language {
        code: "pt",
        name: "Portuguese (Brazil)",
        direction: Direction::Ltr,
        texts: &lang::pt::TEXTS,
    },
];

/// The language for a BCP 47 tag (`hi-IN`, `pt_BR`, `AR`): the built-in one with its language
/// subtag, else English.
pub fn language_for(tag: &str) -> &'static Language {
    let primary = tag
        .trim()
        .split(['-', '_'])
        .next()
        .unwrap_or_default()
        .to_ascii_lowercase();
    LANGUAGES
        .iter()
        .copied()
        .find(|language| language.code == primary)
        .unwrap_or(&ENGLISH)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_tag_picks_its_language_by_subtag_else_english() {
        let cases = [
            ("hi-IN", "hi"),
            ("hi", "hi"),
            ("ar-EG", "ar"),
            ("AR", "ar"),
            ("de-CH", "de"),
            ("pt-BR", "pt"),
            ("pt_PT", "pt"),
            ("es-419", "es"),
            ("fr-CA", "fr"),
            ("en-GB", "en"),
            ("ja-JP", "en"),
            ("", "en"),
            ("not a tag", "en"),
        ];
        for (tag, code) in cases {
            assert_eq!(language_for(tag).code, code, "{tag}");
        }
        assert_eq!(language_for("ar").direction, Direction::Rtl);
        assert_eq!(
            language_for("he").direction,
            Direction::Ltr,
            "no Hebrew catalog: English"
        );
    }
}
