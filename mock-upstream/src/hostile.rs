//! Lead 20006: content that has broken timelines before. Every row here is a test case for the
//! element: it must render all of it as text, lay it out, and never run any of it.

use std::time::Duration;

use task_history_protocol::wire::TaskRow;
use time::OffsetDateTime;
use time::macros::datetime;

use crate::generate::{complete, row};

/// One hostile title or field shape, and why it is here.
struct Case {
    title: Option<String>,
    task_type: &'static str,
    assignee: Option<u64>,
}

fn cases() -> Vec<Case> {
    let long = "Very long title without a break ".repeat(62) + &"x".repeat(16);
    let unbroken = "W".repeat(2000);
    let titled = |title: &str, task_type| Case {
        title: Some(title.to_owned()),
        task_type,
        assignee: Some(678),
    };
    vec![
        Case {
            title: None,
            task_type: "FOLLOW_UP_CALL",
            assignee: None,
        },
        Case {
            title: None,
            task_type: "SITE_VISIT_V2",
            assignee: Some(679),
        },
        titled("<script>alert('xss')</script>", "FIRST_CALL"),
        titled("<img src=x onerror=\"alert(1)\">Pricing", "REMINDER"),
        titled(
            "<b>bold</b> &amp; <i>italic</i> &lt;not a tag&gt;",
            "MEETING",
        ),
        titled("\"><svg onload=alert(1)>", "EMAIL"),
        titled("javascript:alert(document.cookie)", "DEMO"),
        titled(&long[..2000], "FOLLOW_UP_CALL"),
        titled(&unbroken, "FOLLOW_UP_CALL"),
        titled("مكالمة متابعة بخصوص الأسعار", "FOLLOW_UP_CALL"),
        titled("שיחת המשך לגבי התמחור", "FIRST_CALL"),
        titled("Mixed עברית and English (123) العربية", "REMINDER"),
        titled("बिक्री के बारे में फ़ॉलो-अप कॉल", "FOLLOW_UP_CALL"),
        titled("Celebrate 🎉👩‍👩‍👧‍👦🏳️‍🌈 the deal 🤝🏽", "MEETING"),
        titled("Zalgo t̷̢̛e̸͎͝x̴̣̾t̵̰̀", "EMAIL"),
        titled("Tab\tnew\nline and   spaces", "REMINDER"),
        titled("", "FIRST_CALL"),
        Case {
            title: Some("Lowercase type".to_owned()),
            task_type: "custom_type",
            assignee: None,
        },
        Case {
            title: Some("Empty type".to_owned()),
            task_type: "",
            assignee: Some(678),
        },
        Case {
            title: Some("Unicode type".to_owned()),
            task_type: "ВСТРЕЧА_НА_МЕСТЕ",
            assignee: Some(9_007_199_254_740_991),
        },
        titled("{{constructor.constructor('alert(1)')()}}", "DEMO"),
        titled("%s%s%s%n ${7*7} {{7*7}}", "EMAIL"),
    ]
}

/// The hostile rows, newest created first, a few hours apart before `now`. The last two are
/// dated far in the past and far in the future.
pub fn hostile_rows(lead: u64, now: OffsetDateTime) -> Vec<TaskRow> {
    let cases = cases();
    let total = cases.len() as u64 + 2;
    let mut rows: Vec<TaskRow> = cases
        .into_iter()
        .enumerate()
        .map(|(index, case)| {
            let created = now - Duration::from_secs(3600 * 3 * (index as u64 + 1));
            let mut task = row(
                lead,
                lead * 100_000 + total - index as u64,
                created,
                now + Duration::from_secs(86_400),
            );
            task.title = case.title;
            task.task_type = case.task_type.to_owned();
            task.assignee_user_id = case.assignee;
            task.notify = index % 2 == 0;
            task
        })
        .collect();

    let mut ancient = row(
        lead,
        lead * 100_000 + 2,
        datetime!(1970-01-01 00:00:00 UTC),
        datetime!(1970-01-02 09:00:00 UTC),
    );
    ancient.title = Some("Far past: the epoch".to_owned());
    complete(&mut ancient, datetime!(1970-01-02 10:00:00 UTC));
    let mut future = row(
        lead,
        lead * 100_000 + 1,
        datetime!(1969-12-31 23:00:00 UTC),
        datetime!(2999-12-31 23:59:59 UTC),
    );
    future.title = Some("Far future: due in the year 2999".to_owned());
    rows.push(ancient);
    rows.push(future);
    rows
}
