//! The seeded data set keeps its promises: determinism, status mixes and hostile content.
#![allow(clippy::unwrap_used)]

mod common;

use common::{KEY, NOW, start, start_with};
use task_history_mock::MockConfig;
use task_history_protocol::wire::TaskRow;
use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;

async fn all_rows(mock: &common::Mock, lead: u64) -> Vec<TaskRow> {
    let mut rows = Vec::new();
    for page in 1.. {
        let data = mock.page(lead, page, 20).await.data;
        rows.extend(data.rows);
        if page >= data.total_pages {
            break;
        }
    }
    rows
}

fn at(iso: &str) -> OffsetDateTime {
    OffsetDateTime::parse(iso, &Rfc3339).unwrap()
}

#[tokio::test]
async fn same_now_gives_byte_identical_data() {
    let a = start().await;
    let b = start_with(MockConfig::new(KEY).with_now(NOW)).await;
    for lead in [20002, 20003, 20005, 20006] {
        let one = a
            .get(&format!("/enterprise/api/lead/{lead}/task?page=2"))
            .await
            .text()
            .await
            .unwrap();
        let two = b
            .get(&format!("/enterprise/api/lead/{lead}/task?page=2"))
            .await
            .text()
            .await
            .unwrap();
        assert_eq!(one, two, "lead {lead}");
    }
}

#[tokio::test]
async fn mixed_lead_has_overdue_completed_and_future_pending_tasks() {
    let mock = start().await;
    let rows = all_rows(&mock, 20005).await;
    let due = |r: &TaskRow| at(r.due_date.as_deref().unwrap());
    let overdue = rows
        .iter()
        .filter(|r| r.task_status == "PENDING" && due(r) < NOW)
        .count();
    let upcoming = rows
        .iter()
        .filter(|r| r.task_status == "PENDING" && due(r) > NOW)
        .count();
    let completed = rows.iter().filter(|r| r.task_status == "COMPLETE").count();
    assert_eq!((overdue, upcoming, completed), (8, 8, 8));
    assert!(
        rows.iter().all(|r| at(&r.created_at) < NOW),
        "nothing is created in the future"
    );
}

#[tokio::test]
async fn hostile_lead_carries_every_promised_case() {
    let mock = start().await;
    let rows = all_rows(&mock, 20006).await;
    let titles: Vec<&str> = rows.iter().filter_map(|r| r.title.as_deref()).collect();
    let has = |needle: &str| titles.iter().any(|t| t.contains(needle));
    assert!(rows.iter().any(|r| r.title.is_none()), "a null title");
    assert!(
        rows.iter().any(|r| r.assignee_user_id.is_none()),
        "a null assignee"
    );
    assert!(
        rows.iter().any(|r| r.task_type == "SITE_VISIT_V2"),
        "an unknown type"
    );
    assert!(has("<script>"), "a script tag");
    assert!(has("onerror="), "an HTML attribute handler");
    assert!(
        titles.iter().any(|t| t.chars().count() == 2000),
        "a 2,000-character title"
    );
    assert!(has("مكالمة") && has("שיחת"), "RTL text");
    assert!(has("🎉"), "emoji");
    let years: Vec<i32> = rows
        .iter()
        .map(|r| at(r.due_date.as_deref().unwrap()).year())
        .collect();
    assert!(
        years.contains(&1970) && years.contains(&2999),
        "far past and far future dates"
    );
}

#[tokio::test]
async fn generated_tasks_are_ordered_and_complete_ones_say_who_finished_them() {
    let mock = start().await;
    for row in all_rows(&mock, 20003).await {
        assert!(
            at(row.updated_at.as_deref().unwrap()) >= at(&row.created_at),
            "task {}",
            row.id
        );
        if row.task_status == "COMPLETE" {
            assert_eq!(row.status.as_deref(), Some("COMPLETE"));
            assert!(row.updated_by.is_some());
        } else {
            assert_eq!(row.status.as_deref(), Some("ACTIVE"));
        }
    }
}
