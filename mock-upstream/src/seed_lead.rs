//! Lead 12345: the two example rows of the vendor's List Tasks page, verbatim.

use task_history_protocol::wire::TaskRow;

/// The seed's example lead.
pub const SEED_LEAD_ID: u64 = 12345;

/// The seed page's two example rows, newest created first, exactly as printed there.
pub fn seed_rows() -> Vec<TaskRow> {
    vec![
        TaskRow {
            id: 4567,
            org_id: Some(42),
            customer_id: SEED_LEAD_ID,
            title: Some("Follow up on pricing".to_owned()),
            task_type: "FOLLOW_UP_CALL".to_owned(),
            due_date: Some("2026-05-20T15:00:00.000Z".to_owned()),
            notify_at: Some("2026-05-20T14:50:00.000Z".to_owned()),
            notify: true,
            task_status: "PENDING".to_owned(),
            status: Some("ACTIVE".to_owned()),
            assignee_user_id: Some(678),
            created_by: Some(1),
            updated_by: None,
            created_at: "2026-05-19T08:30:00.000Z".to_owned(),
            updated_at: Some("2026-05-19T08:30:00.000Z".to_owned()),
        },
        TaskRow {
            id: 4521,
            org_id: Some(42),
            customer_id: SEED_LEAD_ID,
            title: Some("Initial intro call".to_owned()),
            task_type: "FIRST_CALL".to_owned(),
            due_date: Some("2026-05-15T10:00:00.000Z".to_owned()),
            notify_at: Some("2026-05-15T10:00:00.000Z".to_owned()),
            notify: true,
            task_status: "COMPLETE".to_owned(),
            status: Some("COMPLETE".to_owned()),
            assignee_user_id: Some(678),
            created_by: Some(678),
            updated_by: Some(678),
            created_at: "2026-05-14T09:00:00.000Z".to_owned(),
            updated_at: Some("2026-05-15T10:30:00.000Z".to_owned()),
        },
    ]
}
