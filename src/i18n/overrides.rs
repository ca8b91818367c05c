//! The host's own wording (the `strings` property): message id → template, for every language
//! or for one. An entry that cannot be used — an unknown id, a placeholder the message does not
//! have, an unbalanced brace, plural forms without `other` — is left out and reported, so the
//! built-in text shows instead.

use super::messages::{Msg, plural_form};
use super::template::{TemplateError, parse};

/// The `strings` value as read from JavaScript: strings and nested plain objects, anything else
/// as [`Raw::Other`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Raw {
    /// A string.
    Str(String),
    /// A plain object's entries, in order.
    Map(Vec<(String, Raw)>),
    /// Anything else (a number, `null`, an array, a function…).
    Other,
}

/// The plural categories `Intl.PluralRules` can answer.
pub const PLURAL_CATEGORIES: [&str; 6] = ["zero", "one", "two", "few", "many", "other"];

/// A host's text for one message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Wording {
    /// One template for every count.
    One(String),
    /// A template per plural category, `other` among them.
    Forms(Vec<(String, String)>),
}

impl Wording {
    /// The template for plural category `category` (its `other` form if it has no such form).
    pub fn template(&self, category: &str) -> &str {
        match self {
            Self::One(text) => text,
            Self::Forms(forms) => plural_form(forms, category),
        }
    }
}

/// Why an entry of `strings` was left out.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refusal {
    /// No message has this id (and it is not a language holding messages).
    UnknownId(String),
    /// The value is neither a string nor, for a plural message, an object of forms.
    NotText(String),
    /// A template that cannot be used.
    Template(String, TemplateError),
    /// Plural forms without `other`, or with a category `Intl.PluralRules` does not have.
    Forms(String),
}

impl std::fmt::Display for Refusal {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::UnknownId(id) => write!(f, "{id}: no message has this id"),
            Self::NotText(id) => write!(f, "{id}: not a string"),
            Self::Template(id, TemplateError::Unbalanced) => {
                write!(f, "{id}: a brace is not closed")
            }
            Self::Template(id, TemplateError::UnknownPlaceholder(name)) => {
                write!(f, "{id}: the message has no placeholder {{{name}}}")
            }
            Self::Forms(id) => write!(
                f,
                "{id}: plural forms need `other` and only zero, one, two, few, many, other"
            ),
        }
    }
}

/// The host's wording, checked.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Overrides {
    /// (language, message, wording); the language is a lower-case tag, `None` for every one.
    rules: Vec<(Option<String>, Msg, Wording)>,
}

impl Overrides {
    /// Reads `strings`: at the top level, message ids (for every language) and language tags
    /// holding message ids (for that language: `"hi"`, `"pt-BR"`). Returns what could not be
    /// used, for a console warning.
    pub fn from_raw(raw: &Raw) -> (Self, Vec<Refusal>) {
        let mut overrides = Self::default();
        let mut refused = Vec::new();
        let Raw::Map(entries) = raw else {
            return (overrides, refused);
        };
        for (key, value) in entries {
            match (Msg::from_id(key), value) {
                (Some(msg), value) => overrides.add(None, msg, key, value, &mut refused),
                (None, Raw::Map(inner)) if looks_like_language(key) => {
                    let language = key.to_ascii_lowercase();
                    for (id, value) in inner {
                        match Msg::from_id(id) {
                            Some(msg) => {
                                let label = format!("{key}.{id}");
                                overrides.add(Some(&language), msg, &label, value, &mut refused);
                            }
                            None => refused.push(Refusal::UnknownId(format!("{key}.{id}"))),
                        }
                    }
                }
                (None, _) => refused.push(Refusal::UnknownId(key.clone())),
            }
        }
        (overrides, refused)
    }

    fn add(
        &mut self,
        language: Option<&str>,
        msg: Msg,
        label: &str,
        value: &Raw,
        refused: &mut Vec<Refusal>,
    ) {
        match wording(msg, label, value) {
            Ok(wording) => self.rules.push((language.map(str::to_owned), msg, wording)),
            Err(refusal) => refused.push(refusal),
        }
    }

    /// The host's wording of `msg` for the language `tag` (lower case): for that very tag,
    /// else its language subtag (`pt` for `pt-br`), else for every language.
    pub fn get(&self, msg: Msg, tag: &str) -> Option<&Wording> {
        let primary = tag.split('-').next().unwrap_or(tag);
        let find = |wanted: Option<&str>| {
            self.rules
                .iter()
                .rev()
                .find(|(language, m, _)| *m == msg && language.as_deref() == wanted)
                .map(|(_, _, wording)| wording)
        };
        find(Some(tag))
            .or_else(|| find(Some(primary)))
            .or_else(|| find(None))
    }

    /// Whether the host gave no wording at all.
    pub fn is_empty(&self) -> bool {
        self.rules.is_empty()
    }
}

/// A BCP 47-ish tag: letters, digits and hyphens, starting with 2–3 letters.
fn looks_like_language(key: &str) -> bool {
    let primary = key.split('-').next().unwrap_or_default();
    (2..=3).contains(&primary.len())
        && primary.bytes().all(|b| b.is_ascii_alphabetic())
        && key.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
}

fn wording(msg: Msg, label: &str, value: &Raw) -> Result<Wording, Refusal> {
    let check = |template: &str| {
        parse(template, msg.placeholders())
            .map(|_| ())
            .map_err(|error| Refusal::Template(label.to_owned(), error))
    };
    match value {
        Raw::Str(text) => {
            check(text)?;
            Ok(Wording::One(text.clone()))
        }
        Raw::Map(forms) if msg.is_plural() => {
            let mut checked = Vec::new();
            for (category, text) in forms {
                let Raw::Str(text) = text else {
                    return Err(Refusal::Forms(label.to_owned()));
                };
                if !PLURAL_CATEGORIES.contains(&category.as_str()) {
                    return Err(Refusal::Forms(label.to_owned()));
                }
                check(text)?;
                checked.push((category.clone(), text.clone()));
            }
            if !checked.iter().any(|(category, _)| category == "other") {
                return Err(Refusal::Forms(label.to_owned()));
            }
            Ok(Wording::Forms(checked))
        }
        _ => Err(Refusal::NotText(label.to_owned())),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn s(text: &str) -> Raw {
        Raw::Str(text.into())
    }

    fn map(entries: &[(&str, Raw)]) -> Raw {
        Raw::Map(
            entries
                .iter()
                .map(|(k, v)| ((*k).to_owned(), v.clone()))
                .collect(),
        )
    }

    #[test]
    fn messages_for_every_language_and_for_one() {
        let raw = map(&[
            ("heading", s("Activities")),
            ("hi", map(&[("heading", s("गतिविधियाँ"))])),
            ("pt-BR", map(&[("retry", s("Repetir"))])),
        ]);
        let (overrides, refused) = Overrides::from_raw(&raw);
        assert_eq!(refused, []);
        let text = |msg, tag| {
            overrides
                .get(msg, tag)
                .map(|w| w.template("other").to_owned())
        };
        assert_eq!(text(Msg::Heading, "en-us").as_deref(), Some("Activities"));
        assert_eq!(text(Msg::Heading, "hi-in").as_deref(), Some("गतिविधियाँ"));
        assert_eq!(text(Msg::Heading, "hi").as_deref(), Some("गतिविधियाँ"));
        assert_eq!(text(Msg::Retry, "pt-br").as_deref(), Some("Repetir"));
        assert_eq!(
            text(Msg::Retry, "pt"),
            None,
            "pt-BR is not all of Portuguese"
        );
        assert_eq!(text(Msg::Empty, "en"), None);
    }

    #[test]
    fn plural_forms_choose_by_category_and_fall_back_to_other() {
        let raw = map(&[(
            "count",
            map(&[
                ("one", s("{count} activity")),
                ("other", s("{count} activities")),
            ]),
        )]);
        let (overrides, refused) = Overrides::from_raw(&raw);
        assert_eq!(refused, []);
        let wording = overrides.get(Msg::Count, "en").expect("given");
        assert_eq!(wording.template("one"), "{count} activity");
        assert_eq!(wording.template("few"), "{count} activities");
        let (one, _) = Overrides::from_raw(&map(&[("count", s("Items: {count}"))]));
        assert_eq!(
            one.get(Msg::Count, "en").expect("given").template("one"),
            "Items: {count}"
        );
    }

    #[test]
    fn unusable_entries_are_refused_and_the_rest_kept() {
        let raw = map(&[
            ("heading", s("Fine")),
            ("headng", s("Typo")),
            ("pages.status", s("Page {page} of {totl}")),
            ("retry", s("Retry {")),
            ("empty", Raw::Other),
            ("details", map(&[("other", s("Details"))])),
            ("count", map(&[("one", s("{count} task"))])),
            ("due", map(&[("lots", s("x"))])),
            ("de", map(&[("heading", s("Aufgaben")), ("nope", s("x"))])),
            ("de", s("a language needs an object")),
        ]);
        let (overrides, refused) = Overrides::from_raw(&raw);
        assert_eq!(
            refused,
            [
                Refusal::UnknownId("headng".into()),
                Refusal::Template(
                    "pages.status".into(),
                    TemplateError::UnknownPlaceholder("totl".into())
                ),
                Refusal::Template("retry".into(), TemplateError::Unbalanced),
                Refusal::NotText("empty".into()),
                Refusal::NotText("details".into()),
                Refusal::Forms("count".into()),
                Refusal::NotText("due".into()),
                Refusal::UnknownId("de.nope".into()),
                Refusal::UnknownId("de".into()),
            ]
        );
        assert_eq!(
            overrides
                .get(Msg::Heading, "en")
                .expect("given")
                .template("other"),
            "Fine"
        );
        assert_eq!(
            overrides
                .get(Msg::Heading, "de-de")
                .expect("given")
                .template("other"),
            "Aufgaben"
        );
        assert_eq!(overrides.get(Msg::PageStatus, "en"), None);
        assert!(refused.iter().all(|r| !r.to_string().is_empty()));
    }

    #[test]
    fn anything_but_an_object_is_no_wording() {
        for raw in [Raw::Other, s("heading")] {
            let (overrides, refused) = Overrides::from_raw(&raw);
            assert!(overrides.is_empty());
            assert_eq!(refused, []);
        }
    }
}
