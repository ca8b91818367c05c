//! End to end against the real mock upstream (`task-history-mock`): its documented leads and
//! fault leads through the implementation under test.

use super::TEST_KEY;
use super::checks::check_common;
use super::raw_http;
use std::net::SocketAddr;
use std::time::Duration;
use task_history_mock::faults::RETRY_AFTER_SECONDS;
use task_history_mock::{MockConfig, app};
use task_history_protocol::wire::Envelope;

/// Starts the mock on a free loopback port; its slow lead takes 3 s.
pub async fn start_mock() -> SocketAddr {
    let config = MockConfig::new(TEST_KEY).with_slow_delay(Duration::from_secs(3));
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind mock");
    let addr = listener.local_addr().expect("mock addr");
    tokio::spawn(async move {
        axum::serve(listener, app(config))
            .await
            .expect("mock serves")
    });
    addr
}

/// The mock's count of task-list requests it has seen.
pub async fn mock_count(mock: SocketAddr) -> u64 {
    raw_http::request(mock, "GET", "/__mock/requests", &[])
        .await
        .json()["count"]
        .as_u64()
        .expect("count")
}

/// One request through the implementation and what must come back.
pub struct MockCase {
    pub name: &'static str,
    pub target: &'static str,
    pub status: u16,
    pub message: Option<&'static str>,
    /// For 200: the number of rows on the page.
    pub rows: Option<usize>,
    /// nginx cannot inspect bodies, so body faults are the Rust proxy's alone.
    pub nginx: bool,
}

#[rustfmt::skip]
pub fn mock_cases() -> Vec<MockCase> {
    let c = |name, target, status, message, rows, nginx| MockCase {
        name,
        target,
        status,
        message,
        rows,
        nginx,
    };
    vec![
        c("seed lead returns the vendor's two rows", "/enterprise/api/lead/12345/task", 200, None, Some(2), true),
        c("empty lead returns no rows", "/enterprise/api/lead/20001/task", 200, None, Some(0), true),
        c("last page of the 137-task lead", "/enterprise/api/lead/20003/task?page=7&page_size=20", 200, None, Some(17), true),
        c("small pages of the 10,000-task lead", "/enterprise/api/lead/20004/task?page=500&page_size=5", 200, None, Some(5), true),
        c("another org's lead is not found", "/enterprise/api/lead/20099/task", 404, Some("Lead not found"), None, true),
        c("unknown lead is not found", "/enterprise/api/lead/987654321/task", 404, Some("Lead not found"), None, true),
        c("slow lead times out", "/enterprise/api/lead/50001/task", 504, Some("The task service did not answer in time"), None, true),
        c("500 lead is a 502 naming the 500", "/enterprise/api/lead/50002/task", 502, Some("The task service failed (HTTP 500)"), None, true),
        c("502-with-HTML lead is a JSON 502", "/enterprise/api/lead/50003/task", 502, Some("The task service failed (HTTP 502)"), None, true),
        c("malformed JSON lead is a 502", "/enterprise/api/lead/50004/task", 502, Some("The task service sent a response that could not be read"), None, false),
        c("reset mid-body lead is a 502", "/enterprise/api/lead/50005/task", 502, Some("The task service response was cut off"), None, false),
        c("rate-limited lead is a 429", "/enterprise/api/lead/50006/task", 429, None, None, true),
    ]
}

/// Runs the selected cases through `addr` (API under `/api`) and returns the failures.
pub async fn run_mock_cases(
    label: &str,
    addr: SocketAddr,
    select: impl Fn(&MockCase) -> bool,
) -> Vec<String> {
    let mut failures = Vec::new();
    for case in mock_cases().into_iter().filter(|c| select(c)) {
        let response = raw_http::request(addr, "GET", &format!("/api{}", case.target), &[]).await;
        let before = failures.len();
        let mut fail = |what: String| failures.push(format!("{}: {what}", case.name));
        if response.status != case.status {
            fail(format!(
                "status {} (expected {}), body {}",
                response.status,
                case.status,
                String::from_utf8_lossy(&response.body)
            ));
        } else if let Some(rows) = case.rows {
            match serde_json::from_slice::<Envelope>(&response.body) {
                Ok(envelope) if envelope.data.rows.len() == rows => {}
                Ok(envelope) => fail(format!("{} rows", envelope.data.rows.len())),
                Err(e) => fail(format!("not an envelope: {e}")),
            }
        }
        let retry_after = RETRY_AFTER_SECONDS.to_string();
        if case.status == 429 && response.header("retry-after") != Some(retry_after.as_str()) {
            fail(format!(
                "Retry-After {:?}, the mock said {retry_after}",
                response.header("retry-after")
            ));
        }
        if let Some(message) = case.message
            && response.json()["message"] != message
        {
            fail(format!("message {}", response.json()["message"]));
        }
        failures.extend(check_common(case.name, &response, "GET"));
        let verdict = if failures.len() == before {
            "ok"
        } else {
            "FAILED"
        };
        println!("{label} against the mock: {} ... {verdict}", case.name);
    }
    failures
}

/// Sends requests that must be refused, then one valid request: the mock must have counted only
/// the valid one (which also shows the counter works).
pub async fn assert_refusals_never_reach_mock(addr: SocketAddr, mock: SocketAddr) {
    for (method, target) in [
        ("GET", "/api/enterprise/api/lead/abc/task"),
        ("GET", "/api/enterprise/api/lead/12345/task?page_size=21"),
        ("GET", "/api/enterprise/api/lead/12345/task?page=1&page=2"),
        ("POST", "/api/enterprise/api/lead/12345/task"),
        ("GET", "/api/enterprise/api/lead/12345/task/../../1/task"),
        ("GET", "/api/enterprise/api/lead/12345/task?callback=x"),
    ] {
        let response = raw_http::request(addr, method, target, &[]).await;
        assert!(
            (400..500).contains(&response.status),
            "{method} {target}: {}",
            response.status
        );
    }
    assert_eq!(mock_count(mock).await, 0);
    raw_http::request(addr, "GET", "/api/enterprise/api/lead/12345/task", &[]).await;
    assert_eq!(mock_count(mock).await, 1, "the valid request was counted");
}
