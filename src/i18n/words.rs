//! The wording for one locale: the built-in language chosen for it, under the host's own
//! wording. The plural category and the formatted values come in from `Intl`.

use std::sync::Arc;

use super::languages::{Direction, ENGLISH, Language, language_for};
use super::messages::{Msg, Text, plural_form};
use super::overrides::Overrides;
use super::template::{Segment, fill, parse};

/// What the element says, in one language.
#[derive(Debug, Clone)]
pub struct Words {
    language: &'static Language,
    /// The locale's tag in lower case, which the host's per-language wording is matched on.
    tag: String,
    overrides: Arc<Overrides>,
}

impl Default for Words {
    fn default() -> Self {
        Self::new("en", Arc::default())
    }
}

impl Words {
    /// The wording for locale `tag`, with the host's `overrides` over it.
    pub fn new(tag: &str, overrides: Arc<Overrides>) -> Self {
        Self {
            language: language_for(tag),
            tag: tag.trim().replace('_', "-").to_ascii_lowercase(),
            overrides,
        }
    }

    /// The built-in language in use.
    pub fn language(&self) -> &'static Language {
        self.language
    }

    /// Which way the language's lines run.
    pub fn direction(&self) -> Direction {
        self.language.direction
    }

    /// The template of `msg` for plural category `category` (`other` for a message without
    /// plural forms): the host's, else the built-in language's.
    pub fn template(&self, msg: Msg, category: &str) -> &str {
        if let Some(wording) = self.overrides.get(msg, &self.tag) {
            return wording.template(category);
        }
        builtin(self.language, msg, category)
    }

    /// The template's segments. Every template reaching here was checked (the host's when it
    /// was read, the built-in ones by tests); should one still fail, the English text shows.
    pub fn segments(&self, msg: Msg, category: &str) -> Vec<Segment<'_>> {
        parse(self.template(msg, category), msg.placeholders())
            .or_else(|_| parse(builtin(&ENGLISH, msg, category), msg.placeholders()))
            .unwrap_or_default()
    }

    /// `msg` with its placeholders filled from `values`.
    pub fn text(&self, msg: Msg, values: &[(&str, &str)]) -> String {
        fill(&self.segments(msg, "other"), values)
    }

    /// A plural message for a count in plural category `category`.
    pub fn plural(&self, msg: Msg, category: &str, values: &[(&str, &str)]) -> String {
        fill(&self.segments(msg, category), values)
    }
}

fn builtin(language: &Language, msg: Msg, category: &str) -> &'static str {
    match language.texts.get(msg) {
        Text::One(text) => text,
        Text::Forms(forms) => plural_form(forms, category),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::languages::LANGUAGES;
    use crate::i18n::overrides::{PLURAL_CATEGORIES, Raw};

    /// The cardinal categories `Intl.PluralRules` has for each built-in language.
    fn categories(code: &str) -> &'static [&'static str] {
        match code {
            "en" | "de" | "hi" => &["one", "other"],
            "es" | "fr" | "pt" => &["one", "many", "other"],
            "ar" => &["zero", "one", "two", "few", "many", "other"],
            _ => &PLURAL_CATEGORIES,
        }
    }

    fn placeholders_in(template: &str) -> Vec<&str> {
        let mut names: Vec<&str> = template
            .split('{')
            .skip(1)
            .filter_map(|part| part.split('}').next())
            .collect();
        names.sort_unstable();
        names
    }

    #[test]
    fn every_built_in_template_can_be_used_and_keeps_the_english_placeholders() {
        for language in LANGUAGES {
            for &msg in Msg::ALL {
                let templates: Vec<&str> = match language.texts.get(msg) {
                    Text::One(text) => vec![text],
                    Text::Forms(forms) => {
                        let allowed = categories(language.code);
                        assert!(
                            forms.iter().any(|(c, _)| *c == "other"),
                            "{}: {}",
                            language.code,
                            msg.id()
                        );
                        for (category, _) in forms {
                            assert!(
                                allowed.contains(category),
                                "{}: {} has {category}",
                                language.code,
                                msg.id()
                            );
                        }
                        assert_eq!(
                            forms.len(),
                            allowed.len(),
                            "{}: {} forms",
                            language.code,
                            msg.id()
                        );
                        forms.iter().map(|(_, text)| *text).collect()
                    }
                };
                let english = placeholders_in(builtin(&ENGLISH, msg, "other"));
                for template in templates {
                    let where_ = format!("{}: {} = {template:?}", language.code, msg.id());
                    assert!(parse(template, msg.placeholders()).is_ok(), "{where_}");
                    assert_eq!(placeholders_in(template), english, "{where_}");
                    assert!(!template.trim().is_empty(), "{where_}");
                }
            }
        }
    }

    #[test]
    fn translations_leave_no_english_behind() {
        // Words the languages keep as they are: brand and acronym names; and words that are
        // the same in both languages.
        let kept = [Msg::TypeSms, Msg::TypeWhatsapp, Msg::TypeEmail];
        let same_word = [("de", Msg::Details), ("de", Msg::TypeDemo)];
        for language in &LANGUAGES[1..] {
            for &msg in Msg::ALL {
                if kept.contains(&msg) || same_word.contains(&(language.code, msg)) {
                    continue;
                }
                for category in ["one", "other"] {
                    assert_ne!(
                        builtin(language, msg, category),
                        builtin(&ENGLISH, msg, category),
                        "{}: {} is still English",
                        language.code,
                        msg.id()
                    );
                }
            }
        }
    }

    #[test]
    fn ids_are_unique_and_name_their_message() {
        for &msg in Msg::ALL {
            assert_eq!(Msg::from_id(msg.id()), Some(msg));
        }
        let mut ids: Vec<&str> = Msg::ALL.iter().map(|m| m.id()).collect();
        ids.sort_unstable();
        ids.dedup();
        assert_eq!(ids.len(), Msg::ALL.len());
    }

    #[test]
    fn the_host_wording_comes_first_and_bad_wording_never_shows() {
        let raw = Raw::Map(vec![
            ("heading".into(), Raw::Str("Activities".into())),
            (
                "de".into(),
                Raw::Map(vec![("retry".into(), Raw::Str("Nochmal".into()))]),
            ),
            ("empty".into(), Raw::Str("Nothing {here}".into())),
        ]);
        let (overrides, _) = Overrides::from_raw(&raw);
        let overrides = Arc::new(overrides);
        let german = Words::new("de-DE", Arc::clone(&overrides));
        assert_eq!(german.text(Msg::Heading, &[]), "Activities");
        assert_eq!(german.text(Msg::Retry, &[]), "Nochmal");
        assert_eq!(
            german.text(Msg::Empty, &[]),
            builtin(language_for("de"), Msg::Empty, "other")
        );
        let english = Words::new("en-US", overrides);
        assert_eq!(english.text(Msg::Retry, &[]), "Retry");
        assert_eq!(english.text(Msg::Empty, &[]), "No tasks for this lead yet.");
    }

    #[test]
    fn counts_take_the_form_of_their_category() {
        let words = Words::default();
        assert_eq!(words.plural(Msg::Count, "one", &[("count", "1")]), "1 task");
        assert_eq!(
            words.plural(Msg::Count, "other", &[("count", "10,000")]),
            "10,000 tasks"
        );
        assert_eq!(
            words.plural(Msg::Count, "few", &[("count", "3")]),
            "3 tasks",
            "no such form: other"
        );
        let arabic = Words::new("ar-EG", Arc::default());
        assert_ne!(
            arabic.plural(Msg::Count, "two", &[("count", "٢")]),
            arabic.plural(Msg::Count, "few", &[("count", "٣")])
        );
        assert_eq!(arabic.direction(), Direction::Rtl);
        assert_eq!(
            words.text(Msg::PageStatus, &[("page", "2"), ("total", "7")]),
            "Page 2 of 7"
        );
    }
}
