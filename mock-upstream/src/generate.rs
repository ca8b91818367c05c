//! Deterministic ordinary task histories, laid out backwards in time from `now`.

use std::time::Duration;

use task_history_protocol::wire::TaskRow;
use time::OffsetDateTime;

use crate::config::OWN_ORG_ID;
use crate::rng::SplitMix64;
use crate::timestamp::iso;

/// The task types the vendor documents, plus the ones a CRM commonly has.
pub const KNOWN_TYPES: &[&str] = &[
    "FIRST_CALL",
    "FOLLOW_UP_CALL",
    "REMINDER",
    "MEETING",
    "EMAIL",
    "DEMO",
];
const TITLES: &[&str] = &[
    "Follow up on pricing",
    "Initial intro call",
    "Send the proposal",
    "Confirm the demo slot",
    "Check contract status",
    "Share onboarding checklist",
    "Call back about renewal",
    "Collect feedback on trial",
];
const ASSIGNEES: &[Option<u64>] = &[Some(678), Some(679), Some(680), Some(681), None];

/// How a generated task's status is chosen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StatusMix {
    /// Older tasks mostly complete, recent ones mostly pending: a realistic history.
    Realistic,
    /// A fixed cycle of overdue, completed and pending-in-the-future tasks around `now`.
    OverdueCompletedPending,
}

/// A row with every field filled in the upstream's shape; callers adjust what they need.
pub fn row(lead: u64, id: u64, created: OffsetDateTime, due: OffsetDateTime) -> TaskRow {
    TaskRow {
        id,
        org_id: Some(OWN_ORG_ID),
        customer_id: lead,
        title: Some(TITLES[0].to_owned()),
        task_type: KNOWN_TYPES[1].to_owned(),
        due_date: Some(iso(due)),
        notify_at: Some(iso(due - Duration::from_secs(600))),
        notify: true,
        task_status: "PENDING".to_owned(),
        status: Some("ACTIVE".to_owned()),
        assignee_user_id: Some(678),
        created_by: Some(1),
        updated_by: None,
        created_at: iso(created),
        updated_at: Some(iso(created)),
    }
}

/// Marks a row completed at `at` by its assignee (or user 1).
pub fn complete(row: &mut TaskRow, at: OffsetDateTime) {
    row.task_status = "COMPLETE".to_owned();
    row.status = Some("COMPLETE".to_owned());
    let by = row.assignee_user_id.unwrap_or(1);
    row.updated_by = Some(by);
    row.updated_at = Some(iso(at));
}

/// `count` tasks for `lead`, newest created first, the newest created one hour before `now`.
pub fn tasks(lead: u64, count: usize, now: OffsetDateTime, mix: StatusMix) -> Vec<TaskRow> {
    let mut rng = SplitMix64::new(lead);
    let mut created = now - Duration::from_secs(3600);
    let mut rows = Vec::with_capacity(count);
    for index in 0..count {
        let id = lead * 100_000 + (count - index) as u64;
        let (due, completed) = match mix {
            StatusMix::Realistic => {
                let due = created + Duration::from_secs(3600 * (1 + rng.below(72)));
                // The further back, the likelier a task was done; a few old ones never were.
                let done = index > 2 && rng.below(10) < 8;
                (due, done)
            }
            StatusMix::OverdueCompletedPending => match index % 3 {
                0 => (now - Duration::from_secs(3600 * (2 + index as u64)), false),
                1 => (created + Duration::from_secs(3600), true),
                _ => (
                    now + Duration::from_secs(3600 * (3 + 24 * index as u64)),
                    false,
                ),
            },
        };
        let mut task = row(lead, id, created, due);
        task.title = Some((*rng.pick(TITLES)).to_owned());
        task.task_type = (*rng.pick(KNOWN_TYPES)).to_owned();
        task.assignee_user_id = *rng.pick(ASSIGNEES);
        task.created_by = Some(task.assignee_user_id.unwrap_or(1));
        task.notify = rng.below(4) != 0;
        if completed {
            complete(&mut task, due.min(now));
        }
        rows.push(task);
        // 1 to 8 hours between tasks, so 10,000 tasks span a few years.
        created -= Duration::from_secs(3600 * (1 + rng.below(8)));
    }
    rows
}
