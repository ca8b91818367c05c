//! Fault leads misbehave as documented, and answer normally once faults are cleared.
#![allow(clippy::unwrap_used)]

mod common;

use std::time::{Duration, Instant};

use common::{KEY, NOW, assert_error, start, start_with};
use task_history_mock::{Fault, MockConfig};
use task_history_protocol::wire::Envelope;

fn path(fault: Fault) -> String {
    format!("/enterprise/api/lead/{}/task", fault.lead_id())
}

#[tokio::test]
async fn internal_error_lead_is_500_json() {
    let mock = start().await;
    assert_error(
        mock.get(&path(Fault::InternalError)).await,
        500,
        "Internal Server Error",
    )
    .await;
}

#[tokio::test]
async fn bad_gateway_lead_is_502_with_an_html_body() {
    let mock = start().await;
    let response = mock.get(&path(Fault::BadGatewayHtml)).await;
    assert_eq!(response.status(), 502);
    assert_eq!(response.headers()["content-type"], "text/html");
    assert!(
        response
            .text()
            .await
            .unwrap()
            .contains("<h1>502 Bad Gateway</h1>")
    );
}

#[tokio::test]
async fn malformed_lead_sends_json_that_does_not_parse() {
    let mock = start().await;
    let response = mock.get(&path(Fault::MalformedJson)).await;
    assert_eq!(response.status(), 200);
    assert_eq!(response.headers()["content-type"], "application/json");
    let text = response.text().await.unwrap();
    assert!(text.starts_with("{\"data\""));
    assert!(serde_json::from_str::<serde_json::Value>(&text).is_err());
}

#[tokio::test]
async fn reset_lead_drops_the_connection_mid_body() {
    let mock = start().await;
    let response = mock.get(&path(Fault::ResetMidBody)).await;
    assert_eq!(response.status(), 200);
    let promised = response.content_length().unwrap();
    assert!(promised > 100);
    assert!(response.bytes().await.is_err(), "the body never completes");
}

#[tokio::test]
async fn rate_limited_lead_is_429_with_retry_after() {
    let mock = start().await;
    let response = mock.get(&path(Fault::RateLimited)).await;
    assert_eq!(response.headers()["retry-after"], "30");
    assert_error(response, 429, "Too many requests").await;
}

#[tokio::test]
async fn slow_lead_waits_for_the_configured_delay() {
    let mock = start_with(
        MockConfig::new(KEY)
            .with_now(NOW)
            .with_slow_delay(Duration::from_millis(400)),
    )
    .await;
    let started = Instant::now();
    let response = mock.get(&path(Fault::Slow)).await;
    assert_eq!(response.status(), 200);
    assert!(started.elapsed() >= Duration::from_millis(400));
}

#[tokio::test]
async fn slow_lead_delay_can_be_set_per_request() {
    let mock = start_with(
        MockConfig::new(KEY)
            .with_now(NOW)
            .with_slow_delay(Duration::from_secs(30)),
    )
    .await;
    let started = Instant::now();
    let response = mock
        .get(&format!("{}?delay_ms=150", path(Fault::Slow)))
        .await;
    assert_eq!(response.status(), 200);
    let elapsed = started.elapsed();
    assert!(
        elapsed >= Duration::from_millis(150) && elapsed < Duration::from_secs(10),
        "{elapsed:?}"
    );
}

#[tokio::test]
async fn cleared_faults_answer_normally_and_restore_brings_them_back() {
    let mock = start_with(
        MockConfig::new(KEY)
            .with_now(NOW)
            .with_slow_delay(Duration::ZERO),
    )
    .await;
    assert_eq!(mock.post("/__mock/faults/clear").await.status(), 204);
    for fault in Fault::ALL {
        let response = mock.get(&path(fault)).await;
        assert_eq!(response.status(), 200, "{fault:?}");
        let envelope: Envelope = response.json().await.unwrap();
        assert_eq!(envelope.data.total_items, 5);
    }
    assert_eq!(mock.post("/__mock/faults/restore").await.status(), 204);
    assert_eq!(mock.get(&path(Fault::InternalError)).await.status(), 500);
}

#[tokio::test]
async fn faults_still_require_a_valid_request() {
    let mock = start().await;
    let response = mock.get_with_key(&path(Fault::InternalError), None).await;
    assert_eq!(response.status(), 401);
    let response = mock
        .get(&format!("{}?page_size=50", path(Fault::InternalError)))
        .await;
    assert_eq!(response.status(), 400);
}

#[tokio::test]
async fn request_counter_counts_task_list_requests() {
    let mock = start().await;
    assert_eq!(mock.request_count().await, 0);
    mock.get("/enterprise/api/lead/12345/task").await;
    mock.get_with_key("/enterprise/api/lead/12345/task", None)
        .await;
    assert_eq!(mock.request_count().await, 2);
}

#[tokio::test]
async fn latency_delays_every_answer_and_changes_none() {
    let plain = start().await;
    let distant = start_with(
        MockConfig::new(KEY)
            .with_now(NOW)
            .with_latency(Duration::from_millis(300)),
    )
    .await;
    for path in [
        "/enterprise/api/lead/12345/task",
        "/enterprise/api/lead/1/task",
    ] {
        let started = Instant::now();
        let response = distant.get(path).await;
        assert!(started.elapsed() >= Duration::from_millis(300), "{path}");
        let status = response.status();
        let body = response.text().await.expect("body");
        let expected = plain.get(path).await;
        assert_eq!(status, expected.status(), "{path}");
        assert_eq!(body, expected.text().await.expect("body"), "{path}");
    }
}
