//! The status rule: what a task's badge says, from `task_status`, `due_date` and an injected `now`.

use super::dates::EpochMs;
use super::labels::{Label, humanise};
use crate::i18n::Msg;

/// A task's displayed status.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TaskStatus {
    /// Open, and not yet due (or no due date).
    Pending,
    /// Done.
    Completed,
    /// Open and its due date has passed.
    Overdue,
    /// A `task_status` this widget does not know, humanised (e.g. `ON_HOLD` → "On hold").
    Other(String),
}

impl TaskStatus {
    /// Applies the rule. `COMPLETE` (any case, or `COMPLETED`) is Completed; `PENDING` (or an
    /// empty status) is Overdue once `due` is before `now`, else Pending. A due date we cannot
    /// read never makes a task Overdue.
    pub fn of(task_status: &str, due: Option<EpochMs>, now: EpochMs) -> Self {
        let normalised = task_status.trim().to_ascii_uppercase();
        match normalised.as_str() {
            "COMPLETE" | "COMPLETED" | "DONE" => Self::Completed,
            "PENDING" | "" => match due {
                Some(due) if due < now => Self::Overdue,
                _ => Self::Pending,
            },
            _ => {
                Self::Other(humanise(task_status).unwrap_or_else(|| task_status.trim().to_owned()))
            }
        }
    }

    /// The badge text.
    pub fn label(&self) -> Label {
        match self {
            Self::Pending => Label::Message(Msg::StatusPending),
            Self::Completed => Label::Message(Msg::StatusCompleted),
            Self::Overdue => Label::Message(Msg::StatusOverdue),
            Self::Other(label) => Label::Text(label.clone()),
        }
    }

    /// The BEM modifier and `data-status` value: `pending`, `completed`, `overdue`, `other`.
    pub fn key(&self) -> &'static str {
        match self {
            Self::Pending => "pending",
            Self::Completed => "completed",
            Self::Overdue => "overdue",
            Self::Other(_) => "other",
        }
    }

    /// The badge's icon glyph, shown next to the text so status never relies on colour alone.
    pub fn icon(&self) -> &'static str {
        match self {
            Self::Pending => "◷",
            Self::Completed => "✓",
            Self::Overdue => "!",
            Self::Other(_) => "•",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::dates::parse_iso8601;

    #[test]
    fn status_follows_task_status_due_date_and_now() {
        let now = parse_iso8601("2026-05-20T12:00:00Z");
        let now = now.expect("now");
        let due = |raw: &str| parse_iso8601(raw);
        let cases: &[(&str, Option<f64>, TaskStatus)] = &[
            ("PENDING", due("2026-05-20T15:00:00Z"), TaskStatus::Pending),
            ("PENDING", due("2026-05-20T11:59:59Z"), TaskStatus::Overdue),
            ("PENDING", Some(now), TaskStatus::Pending),
            ("PENDING", None, TaskStatus::Pending),
            ("pending", due("2020-01-01T00:00:00Z"), TaskStatus::Overdue),
            ("", due("2020-01-01T00:00:00Z"), TaskStatus::Overdue),
            (
                "COMPLETE",
                due("2020-01-01T00:00:00Z"),
                TaskStatus::Completed,
            ),
            ("Completed", None, TaskStatus::Completed),
            (
                "ON_HOLD",
                due("2020-01-01T00:00:00Z"),
                TaskStatus::Other("On hold".into()),
            ),
        ];
        for (raw, due, expected) in cases {
            assert_eq!(
                TaskStatus::of(raw, *due, now),
                *expected,
                "{raw:?} due {due:?}"
            );
        }
    }

    #[test]
    fn every_status_has_text_an_icon_and_a_key() {
        let cases = [
            (
                TaskStatus::Pending,
                Label::Message(Msg::StatusPending),
                "pending",
            ),
            (
                TaskStatus::Completed,
                Label::Message(Msg::StatusCompleted),
                "completed",
            ),
            (
                TaskStatus::Overdue,
                Label::Message(Msg::StatusOverdue),
                "overdue",
            ),
            (
                TaskStatus::Other("On hold".into()),
                Label::Text("On hold".into()),
                "other",
            ),
        ];
        for (status, label, key) in cases {
            assert_eq!(status.label(), label);
            assert_eq!(status.key(), key);
            assert!(!status.icon().is_empty());
        }
    }
}
