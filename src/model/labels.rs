//! Human labels for the upstream's machine values: task types, titles, assignees. A label is
//! a catalog message where the element has words for the value (worded in the reader's
//! language by the view), else text made from the value itself.

use super::case;
use super::people::People;
use crate::i18n::Msg;

/// A label: words of the catalog, a user without a name, or text from the data.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Label {
    /// A message of the catalog.
    Message(Msg),
    /// A user the host has not named (worded "User #ID").
    User(u64),
    /// Text as it stands (a title, a name, a humanised type).
    Text(String),
}

/// Longest label built from an upstream value; the type is a free string and may be anything.
const MAX_LABEL_CHARS: usize = 60;

/// The icon family shown next to a task type.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TypeIcon {
    /// Calls of any kind.
    Call,
    /// Reminders.
    Reminder,
    /// Meetings and demos.
    Meeting,
    /// E-mail and messages.
    Message,
    /// Anything else.
    Task,
}

impl TypeIcon {
    /// The `data-icon` value, for styling.
    pub fn key(self) -> &'static str {
        match self {
            Self::Call => "call",
            Self::Reminder => "reminder",
            Self::Meeting => "meeting",
            Self::Message => "message",
            Self::Task => "task",
        }
    }
}

/// The label for a task type: known types have their product wording (`FOLLOW_UP_CALL` →
/// "Follow-up call"); unknown ones are humanised (`SEND_PROPOSAL` → "Send proposal").
pub fn type_label(raw: &str) -> Label {
    let known = match raw.trim().to_ascii_uppercase().as_str() {
        "FOLLOW_UP_CALL" | "FOLLOWUP_CALL" => Msg::TypeFollowUpCall,
        "FIRST_CALL" => Msg::TypeFirstCall,
        "FOLLOW_UP" => Msg::TypeFollowUp,
        "REMINDER" => Msg::TypeReminder,
        "WHATSAPP" | "WHATSAPP_MESSAGE" => Msg::TypeWhatsapp,
        "SMS" => Msg::TypeSms,
        "EMAIL" => Msg::TypeEmail,
        "MEETING" => Msg::TypeMeeting,
        "DEMO" => Msg::TypeDemo,
        _ => return humanise(raw).map_or(Label::Message(Msg::TypeTask), Label::Text),
    };
    Label::Message(known)
}

/// The icon family of a task type, by the words in it.
pub fn type_icon(raw: &str) -> TypeIcon {
    let upper = raw.to_ascii_uppercase();
    // Byte windows rather than `str::contains`: the words are ASCII, and the string searcher
    // would bring core's slicing panic, which formats chars with `Debug` and its Unicode
    // tables (about 5 KB of wasm).
    let has = |word: &str| {
        upper
            .as_bytes()
            .windows(word.len())
            .any(|window| window == word.as_bytes())
    };
    if has("CALL") {
        TypeIcon::Call
    } else if has("REMIND") {
        TypeIcon::Reminder
    } else if has("MEET") || has("DEMO") || has("VISIT") {
        TypeIcon::Meeting
    } else if has("MAIL") || has("SMS") || has("WHATSAPP") || has("MESSAGE") {
        TypeIcon::Message
    } else {
        TypeIcon::Task
    }
}

/// `SOME_MACHINE-value` → "Some machine value": words split on `_`, `-` and whitespace,
/// lower-cased, first letter capitalised, capped in length. `None` for blank input.
pub fn humanise(raw: &str) -> Option<String> {
    let words: Vec<&str> = raw
        .split(|c: char| c == '_' || c == '-' || c.is_whitespace())
        .filter(|word| !word.is_empty())
        .collect();
    let sentence = case::lower(&words.join(" "));
    let mut chars = sentence.chars();
    let first = chars.next()?;
    let mut label = case::upper(first.encode_utf8(&mut [0; 4])) + chars.as_str();
    if label.chars().count() > MAX_LABEL_CHARS {
        label = label.chars().take(MAX_LABEL_CHARS - 1).collect();
        label.push('…');
    }
    Some(label)
}

/// The card's heading: the title, or the type label when the title is null or blank.
pub fn title_or_type(title: Option<&str>, type_label: &Label) -> Label {
    match title.map(str::trim) {
        Some(title) if !title.is_empty() => Label::Text(title.to_owned()),
        _ => type_label.clone(),
    }
}

/// How a user is named: the host's name for them, else "User #ID".
pub fn user_label(id: u64, people: &People) -> Label {
    match people.get(id) {
        Some(person) => Label::Text(person.name.clone()),
        None => Label::User(id),
    }
}

/// Who the task is assigned to: the host's name for the user, else "User #ID"; "Unassigned"
/// when nobody is.
pub fn assignee_label(assignee_user_id: Option<u64>, people: &People) -> Label {
    match assignee_user_id {
        Some(id) => user_label(id, people),
        None => Label::Message(Msg::Unassigned),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn type_labels_use_product_wording_or_humanise() {
        let long = "VERY_".repeat(30);
        let text = |t: &str| Label::Text(t.to_owned());
        let cases: &[(&str, Label)] = &[
            ("FOLLOW_UP_CALL", Label::Message(Msg::TypeFollowUpCall)),
            ("FIRST_CALL", Label::Message(Msg::TypeFirstCall)),
            ("REMINDER", Label::Message(Msg::TypeReminder)),
            ("reminder", Label::Message(Msg::TypeReminder)),
            ("SEND_PROPOSAL", text("Send proposal")),
            ("site-visit", text("Site visit")),
            ("  __ ", Label::Message(Msg::TypeTask)),
            ("", Label::Message(Msg::TypeTask)),
            ("ÉTUDE_DE_CAS", text("Étude de cas")),
            ("电话", text("电话")),
            (
                &long,
                text("Very very very very very very very very very very very very…"),
            ),
        ];
        for (raw, expected) in cases {
            assert_eq!(type_label(raw), *expected, "{raw:?}");
        }
    }

    #[test]
    fn type_icons_follow_the_words_in_the_type() {
        let cases = [
            ("FOLLOW_UP_CALL", TypeIcon::Call),
            ("FIRST_CALL", TypeIcon::Call),
            ("REMINDER", TypeIcon::Reminder),
            ("PRODUCT_DEMO", TypeIcon::Meeting),
            ("EMAIL", TypeIcon::Message),
            ("TELEPATHY", TypeIcon::Task),
        ];
        for (raw, icon) in cases {
            assert_eq!(type_icon(raw), icon, "{raw}");
        }
    }

    #[test]
    fn null_or_blank_titles_fall_back_to_the_type_label() {
        let call = Label::Message(Msg::TypeFollowUpCall);
        let text = |t: &str| Label::Text(t.to_owned());
        let cases = [
            (Some("Follow up on pricing"), text("Follow up on pricing")),
            (Some("  padded  "), text("padded")),
            (Some("   "), call.clone()),
            (None, call.clone()),
            (
                Some("<script>alert(1)</script>"),
                text("<script>alert(1)</script>"),
            ),
        ];
        for (title, expected) in cases {
            assert_eq!(title_or_type(title, &call), expected, "{title:?}");
        }
    }

    #[test]
    fn assignee_is_named_or_unassigned() {
        let nobody = People::default();
        let unassigned = Label::Message(Msg::Unassigned);
        assert_eq!(assignee_label(Some(678), &nobody), Label::User(678));
        assert_eq!(assignee_label(None, &nobody), unassigned);
        let named = People::from_pairs([(
            678,
            crate::model::people::Person {
                name: "Asha Rao".into(),
                avatar_url: None,
            },
        )]);
        assert_eq!(
            assignee_label(Some(678), &named),
            Label::Text("Asha Rao".into())
        );
        assert_eq!(assignee_label(Some(9), &named), Label::User(9));
        assert_eq!(assignee_label(None, &named), unassigned);
    }

    #[test]
    fn known_ids_get_their_names_and_others_the_fallback() {
        let named = |name: &str| crate::model::people::Person {
            name: name.to_owned(),
            avatar_url: None,
        };
        let people = People::from_pairs([(678, named("Asha Rao")), (1, named("Dev"))]);
        assert_eq!(user_label(678, &people), Label::Text("Asha Rao".into()));
        assert_eq!(user_label(1, &people), Label::Text("Dev".into()));
        assert_eq!(user_label(2, &people), Label::User(2));
        assert_eq!(user_label(2, &People::default()), Label::User(2));
    }
}
