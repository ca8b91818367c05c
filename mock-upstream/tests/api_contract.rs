//! The vendor page's rules, one by one, against a running mock.
#![allow(clippy::unwrap_used)]

mod common;

use common::{KEY, assert_error, start};

const SEED_EXAMPLE: &str = include_str!("../../tests/fixtures/seed_example.json");

#[tokio::test]
async fn seed_curl_example_returns_the_seed_rows_verbatim() {
    let mock = start().await;
    // The seed's cURL example with only the host changed (it includes the /superfone prefix).
    let response = mock
        .client
        .get(format!(
            "{}/superfone/enterprise/api/lead/12345/task?page=1&page_size=20",
            mock.base
        ))
        .header("x-api-key", KEY)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    assert!(
        response.headers()["content-type"]
            .to_str()
            .unwrap()
            .starts_with("application/json")
    );
    let body: serde_json::Value = response.json().await.unwrap();
    let expected: serde_json::Value = serde_json::from_str(SEED_EXAMPLE).unwrap();
    assert_eq!(body, expected);
}

#[tokio::test]
async fn seed_rows_keep_the_pages_field_order() {
    let mock = start().await;
    let text = mock
        .get("/enterprise/api/lead/12345/task")
        .await
        .text()
        .await
        .unwrap();
    let order = [
        "\"id\"",
        "\"org_id\"",
        "\"customer_id\"",
        "\"title\"",
        "\"type\"",
        "\"due_date\"",
        "\"notify_at\"",
        "\"notify\"",
        "\"task_status\"",
        "\"status\"",
        "\"assignee_user_id\"",
        "\"created_by\"",
        "\"updated_by\"",
        "\"created_at\"",
        "\"updated_at\"",
    ];
    let first_row = &text[text.find("\"rows\"").unwrap()..text.find('}').unwrap()];
    let positions: Vec<usize> = order.iter().map(|k| first_row.find(k).unwrap()).collect();
    assert!(
        positions.windows(2).all(|w| w[0] < w[1]),
        "fields in the seed's order: {first_row}"
    );
}

#[tokio::test]
async fn defaults_are_page_one_of_twenty() {
    let mock = start().await;
    let envelope = mock.envelope("/enterprise/api/lead/20003/task").await;
    assert_eq!(
        (envelope.data.current_page, envelope.data.page_size),
        (1, 20)
    );
    assert_eq!(envelope.data.rows.len(), 20);
    assert_eq!(envelope.message, "success");
}

#[tokio::test]
async fn missing_or_wrong_api_key_is_401() {
    let mock = start().await;
    let path = "/enterprise/api/lead/12345/task";
    for key in [
        None,
        Some("wrong"),
        Some(""),
        Some("test-key-1234"),
        Some("TEST-KEY-123"),
    ] {
        assert_error(
            mock.get_with_key(path, key).await,
            401,
            "UnAuthorized, Please Provide Valid API Key",
        )
        .await;
    }
}

#[tokio::test]
async fn api_key_is_checked_before_anything_else() {
    let mock = start().await;
    let response = mock
        .get_with_key("/enterprise/api/lead/abc/task?page_size=0", None)
        .await;
    assert_error(response, 401, "UnAuthorized, Please Provide Valid API Key").await;
}

#[tokio::test]
async fn bad_parameters_get_the_pages_exact_400_messages() {
    let mock = start().await;
    let cases = [
        ("/enterprise/api/lead/abc/task", "lead_id must be a number"),
        ("/enterprise/api/lead/12a/task", "lead_id must be a number"),
        ("/enterprise/api/lead/-1/task", "lead_id must be a number"),
        (
            "/enterprise/api/lead/12345/task?page_size=abc",
            "page_size must be a positive integer",
        ),
        (
            "/enterprise/api/lead/12345/task?page_size=0",
            "page_size must be a positive integer",
        ),
        (
            "/enterprise/api/lead/12345/task?page_size=",
            "page_size must be a positive integer",
        ),
        (
            "/enterprise/api/lead/12345/task?page_size=-3",
            "page_size must be a positive integer",
        ),
        (
            "/enterprise/api/lead/12345/task?page_size=21",
            "page_size cannot exceed 20",
        ),
        (
            "/enterprise/api/lead/12345/task?page_size=1000",
            "page_size cannot exceed 20",
        ),
        (
            "/enterprise/api/lead/12345/task?page=0",
            "page must be a positive integer",
        ),
        (
            "/enterprise/api/lead/12345/task?page=two",
            "page must be a positive integer",
        ),
        (
            "/enterprise/api/lead/abc/task?page_size=50",
            "lead_id must be a number",
        ),
    ];
    for (path, message) in cases {
        assert_error(mock.get(path).await, 400, message).await;
    }
}

#[tokio::test]
async fn page_size_at_the_limit_is_accepted() {
    let mock = start().await;
    let envelope = mock.page(20003, 1, 20).await;
    assert_eq!(envelope.data.rows.len(), 20);
    assert_eq!(mock.page(20003, 1, 1).await.data.rows.len(), 1);
}

#[tokio::test]
async fn unknown_leads_and_other_orgs_leads_are_404() {
    let mock = start().await;
    for lead in ["1", "99999", "20099", "0", "18446744073709551615"] {
        let response = mock.get(&format!("/enterprise/api/lead/{lead}/task")).await;
        assert_error(response, 404, "Lead not found").await;
    }
}

#[tokio::test]
async fn page_past_the_end_is_empty_with_real_totals() {
    let mock = start().await;
    let envelope = mock.page(20003, 99, 20).await;
    assert!(envelope.data.rows.is_empty());
    assert_eq!(envelope.data.current_page, 99);
    assert_eq!(
        (envelope.data.total_pages, envelope.data.total_items),
        (7, 137)
    );
}

#[tokio::test]
async fn empty_lead_has_zero_pages() {
    let mock = start().await;
    let envelope = mock.page(20001, 1, 20).await;
    assert!(envelope.data.rows.is_empty());
    assert_eq!(
        (envelope.data.total_pages, envelope.data.total_items),
        (0, 0)
    );
}

#[tokio::test]
async fn first_of_repeated_parameters_wins_and_unknown_ones_are_ignored() {
    let mock = start().await;
    let envelope = mock
        .envelope(
            "/enterprise/api/lead/20003/task?page=2&page=5&page_size=10&page_size=abc&sort=asc",
        )
        .await;
    assert_eq!(
        (envelope.data.current_page, envelope.data.page_size),
        (2, 10)
    );
}

#[tokio::test]
async fn other_paths_and_methods_are_not_the_endpoint() {
    let mock = start().await;
    let response = mock.get("/enterprise/api/lead/12345/tasks").await;
    assert_eq!(response.status(), 404);
    let response = mock
        .client
        .post(format!("{}/enterprise/api/lead/12345/task", mock.base))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 405);
}

#[tokio::test]
async fn every_row_has_every_field_with_the_pages_types() {
    let mock = start().await;
    for lead in [12345, 20002, 20005, 20006] {
        let body: serde_json::Value = mock
            .get(&format!("/enterprise/api/lead/{lead}/task"))
            .await
            .json()
            .await
            .unwrap();
        for row in body["data"]["rows"].as_array().unwrap() {
            let is = |field: &str, check: fn(&serde_json::Value) -> bool| {
                assert!(
                    check(&row[field]),
                    "lead {lead} row {}: {field} = {}",
                    row["id"],
                    row[field]
                );
            };
            is("id", |v| v.is_u64());
            assert_eq!(row["customer_id"].as_u64(), Some(lead));
            is("org_id", |v| v.is_u64());
            is("title", |v| v.is_string() || v.is_null());
            is("type", |v| v.is_string());
            is("due_date", |v| v.is_string());
            is("notify_at", |v| v.is_string());
            is("notify", |v| v.is_boolean());
            is("task_status", |v| v == "PENDING" || v == "COMPLETE");
            is("status", |v| v.is_string());
            is("assignee_user_id", |v| v.is_u64() || v.is_null());
            is("created_by", |v| v.is_u64() || v.is_null());
            is("updated_by", |v| v.is_u64() || v.is_null());
            is("created_at", |v| v.is_string());
            is("updated_at", |v| v.is_string());
        }
    }
}
