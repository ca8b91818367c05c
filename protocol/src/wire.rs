//! The List Tasks wire model, shared by the widget (decoding), the mock (encoding) and the proxy.
//!
//! Field names and nullability follow the vendor's List Tasks page. Decoding is tolerant: unknown
//! fields are ignored, `type` and `task_status` are free strings (unknown values are handled by the
//! display rules, never rejected here), and fields the page does not promise are optional.

use serde::{Deserialize, Serialize};

/// One task row, as `data.rows[]` carries it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TaskRow {
    /// Internal task ID.
    pub id: u64,
    /// The organisation (vendor account) the task belongs to.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub org_id: Option<u64>,
    /// The lead this task belongs to.
    pub customer_id: u64,
    /// Task title; `null` upstream when the task was created without one.
    pub title: Option<String>,
    /// Task type, e.g. `FOLLOW_UP_CALL`, `FIRST_CALL`, `REMINDER`; any other string is allowed.
    #[serde(rename = "type")]
    pub task_type: String,
    /// Due date, ISO 8601.
    pub due_date: Option<String>,
    /// When the assignee is reminded, ISO 8601.
    pub notify_at: Option<String>,
    /// Whether assignee notifications are enabled.
    #[serde(default)]
    pub notify: bool,
    /// `PENDING` or `COMPLETE`; other values are shown humanised.
    pub task_status: String,
    /// Record status, e.g. `ACTIVE` or `COMPLETE`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<String>,
    /// Assigned team member; `null` when unassigned.
    pub assignee_user_id: Option<u64>,
    /// Who created the task.
    #[serde(default)]
    pub created_by: Option<u64>,
    /// Who last updated the task.
    #[serde(default)]
    pub updated_by: Option<u64>,
    /// Creation time, ISO 8601; rows come newest first.
    pub created_at: String,
    /// Last update time, ISO 8601.
    pub updated_at: Option<String>,
}

/// `data` of a successful List Tasks response.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TaskPage {
    /// The page's rows, newest `created_at` first.
    pub rows: Vec<TaskRow>,
    /// Total pages available.
    pub total_pages: u64,
    /// Page number returned (1-based).
    pub current_page: u64,
    /// Items per page.
    pub page_size: u64,
    /// Total matching tasks across all pages.
    pub total_items: u64,
}

/// The success envelope: `{ "data": {...}, "message": "success" }`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Envelope {
    /// The page of tasks.
    pub data: TaskPage,
    /// `"success"` on success.
    #[serde(default)]
    pub message: String,
}

/// An error body: `{ "message": "..." }`. Other fields are ignored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ErrorBody {
    /// The upstream's human-readable message, e.g. `Lead not found`.
    pub message: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    const SEED_EXAMPLE: &str = include_str!("../../tests/fixtures/seed_example.json");

    #[test]
    fn seed_example_decodes_with_every_field() {
        let envelope: Envelope = serde_json::from_str(SEED_EXAMPLE).expect("seed example decodes");
        assert_eq!(envelope.message, "success");
        assert_eq!(envelope.data.total_items, 2);
        let first = &envelope.data.rows[0];
        assert_eq!(first.id, 4567);
        assert_eq!(first.task_type, "FOLLOW_UP_CALL");
        assert_eq!(first.title.as_deref(), Some("Follow up on pricing"));
        assert_eq!(first.updated_by, None);
        assert_eq!(envelope.data.rows[1].task_status, "COMPLETE");
    }

    #[test]
    fn seed_example_round_trips_verbatim() {
        let envelope: Envelope = serde_json::from_str(SEED_EXAMPLE).expect("decodes");
        let original: serde_json::Value = serde_json::from_str(SEED_EXAMPLE).expect("json");
        assert_eq!(serde_json::to_value(&envelope).expect("encodes"), original);
    }

    #[test]
    fn unknown_fields_and_types_and_nulls_are_tolerated() {
        let row = r#"{"id":1,"customer_id":2,"title":null,"type":"TELEPATHY","due_date":null,
            "notify_at":null,"notify":false,"task_status":"ARCHIVED","assignee_user_id":null,
            "created_at":"2026-01-01T00:00:00.000Z","updated_at":null,"brand_new":{"x":[1]}}"#;
        let row: TaskRow = serde_json::from_str(row).expect("tolerant decode");
        assert_eq!(row.title, None);
        assert_eq!(row.task_type, "TELEPATHY");
        assert_eq!(row.assignee_user_id, None);
    }

    #[test]
    fn error_body_ignores_extra_fields() {
        let body: ErrorBody =
            serde_json::from_str(r#"{"message":"Lead not found","status":false}"#)
                .expect("decodes");
        assert_eq!(body.message, "Lead not found");
    }
}
