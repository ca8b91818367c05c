//! Human labels for the upstream's machine values: task types, titles, assignees.

use super::case;
use super::people::{People, user_label};

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
pub fn type_label(raw: &str) -> String {
    let known = match raw.trim().to_ascii_uppercase().as_str() {
        "FOLLOW_UP_CALL" | "FOLLOWUP_CALL" => "Follow-up call",
        "FIRST_CALL" => "First call",
        "FOLLOW_UP" => "Follow-up",
        "REMINDER" => "Reminder",
        "WHATSAPP" | "WHATSAPP_MESSAGE" => "WhatsApp message",
        "SMS" => "SMS",
        "EMAIL" => "Email",
        _ => "",
    };
    if known.is_empty() {
        humanise(raw)
    } else {
        known.to_owned()
    }
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
/// lower-cased, first letter capitalised, capped in length. Blank input becomes "Task".
pub fn humanise(raw: &str) -> String {
    let words: Vec<&str> = raw
        .split(|c: char| c == '_' || c == '-' || c.is_whitespace())
        .filter(|word| !word.is_empty())
        .collect();
    let sentence = case::lower(&words.join(" "));
    let mut chars = sentence.chars();
    let Some(first) = chars.next() else {
        return "Task".to_owned();
    };
    let mut label = case::upper(first.encode_utf8(&mut [0; 4])) + chars.as_str();
    if label.chars().count() > MAX_LABEL_CHARS {
        label = label.chars().take(MAX_LABEL_CHARS - 1).collect();
        label.push('…');
    }
    label
}

/// The card's heading: the title, or the type label when the title is null or blank.
pub fn title_or_type(title: Option<&str>, type_label: &str) -> String {
    match title.map(str::trim) {
        Some(title) if !title.is_empty() => title.to_owned(),
        _ => type_label.to_owned(),
    }
}

/// Who the task is assigned to: the host's name for the user, else "User #ID"; "Unassigned"
/// when nobody is.
pub fn assignee_label(assignee_user_id: Option<u64>, people: &People) -> String {
    match assignee_user_id {
        Some(id) => user_label(id, people),
        None => "Unassigned".to_owned(),
    }
}

/// The header's count, e.g. "1 task", "10,000 tasks": `formatted` is `total_items` written
/// the locale's way.
pub fn count_label(total_items: u64, formatted: &str) -> String {
    let noun = if total_items == 1 { "task" } else { "tasks" };
    format!("{formatted} {noun}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn count_label_agrees_in_number() {
        assert_eq!(count_label(0, "0"), "0 tasks");
        assert_eq!(count_label(1, "1"), "1 task");
        assert_eq!(count_label(10_000, "10,000"), "10,000 tasks");
        assert_eq!(count_label(10_000, "10.000"), "10.000 tasks");
    }

    #[test]
    fn type_labels_use_product_wording_or_humanise() {
        let long = "VERY_".repeat(30);
        let cases: &[(&str, &str)] = &[
            ("FOLLOW_UP_CALL", "Follow-up call"),
            ("FIRST_CALL", "First call"),
            ("REMINDER", "Reminder"),
            ("reminder", "Reminder"),
            ("SEND_PROPOSAL", "Send proposal"),
            ("site-visit", "Site visit"),
            ("  __ ", "Task"),
            ("", "Task"),
            ("ÉTUDE_DE_CAS", "Étude de cas"),
            ("电话", "电话"),
            (
                &long,
                "Very very very very very very very very very very very very…",
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
        let cases = [
            (Some("Follow up on pricing"), "Follow up on pricing"),
            (Some("  padded  "), "padded"),
            (Some("   "), "Follow-up call"),
            (None, "Follow-up call"),
            (
                Some("<script>alert(1)</script>"),
                "<script>alert(1)</script>",
            ),
        ];
        for (title, expected) in cases {
            assert_eq!(
                title_or_type(title, "Follow-up call"),
                expected,
                "{title:?}"
            );
        }
    }

    #[test]
    fn assignee_is_named_or_unassigned() {
        let nobody = People::default();
        assert_eq!(assignee_label(Some(678), &nobody), "User #678");
        assert_eq!(assignee_label(None, &nobody), "Unassigned");
        let named = People::from_pairs([(
            678,
            crate::model::people::Person {
                name: "Asha Rao".into(),
                avatar_url: None,
            },
        )]);
        assert_eq!(assignee_label(Some(678), &named), "Asha Rao");
        assert_eq!(assignee_label(Some(9), &named), "User #9");
        assert_eq!(assignee_label(None, &named), "Unassigned");
    }
}
