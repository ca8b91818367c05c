//! Identical concurrent requests share one upstream call; nothing is cached afterwards.

use crate::common::raw_http;
use crate::common::recording_upstream::RecordingUpstream;
use crate::{config, serve};

const SLOW_LEAD: &str = "/api/enterprise/api/lead/9500/task?page=1&page_size=20";

#[tokio::test]
async fn identical_concurrent_requests_make_one_upstream_call() {
    let upstream = RecordingUpstream::start().await;
    let addr = serve(config(&upstream, &[])).await;
    let responses = futures_util::future::join_all(
        (0..10).map(|_| raw_http::request(addr, "GET", SLOW_LEAD, &[])),
    )
    .await;
    assert_eq!(upstream.count(), 1, "{:#?}", upstream.requests());
    for response in &responses {
        assert_eq!(response.status, 200);
        assert_eq!(response.body, responses[0].body);
    }
}

#[tokio::test]
async fn equivalent_spellings_of_one_request_coalesce() {
    let upstream = RecordingUpstream::start().await;
    let addr = serve(config(&upstream, &[])).await;
    let targets = [
        "/api/enterprise/api/lead/9500/task",
        "/api/enterprise/api/lead/9500/task?page=1",
        "/api/enterprise/api/lead/9500/task?page_size=20&page=01",
    ];
    let responses = futures_util::future::join_all(
        targets
            .iter()
            .map(|t| raw_http::request(addr, "GET", t, &[])),
    )
    .await;
    assert!(responses.iter().all(|r| r.status == 200));
    assert_eq!(upstream.count(), 1);
}

#[tokio::test]
async fn different_pages_and_later_requests_are_not_shared() {
    let upstream = RecordingUpstream::start().await;
    let addr = serve(config(&upstream, &[])).await;
    let (one, two) = tokio::join!(
        raw_http::request(addr, "GET", SLOW_LEAD, &[]),
        raw_http::request(
            addr,
            "GET",
            "/api/enterprise/api/lead/9500/task?page=2&page_size=20",
            &[]
        ),
    );
    assert_eq!(one.json()["data"]["current_page"], 1);
    assert_eq!(two.json()["data"]["current_page"], 2);
    assert_eq!(upstream.count(), 2);
    raw_http::request(addr, "GET", SLOW_LEAD, &[]).await;
    assert_eq!(upstream.count(), 3, "a finished call must not be reused");
}

#[tokio::test]
async fn coalesced_failures_reach_every_waiter() {
    let upstream = RecordingUpstream::start().await;
    let addr = serve(config(&upstream, &[])).await;
    let responses = futures_util::future::join_all(
        (0..5).map(|_| raw_http::request(addr, "GET", "/api/enterprise/api/lead/8000/task", &[])),
    )
    .await;
    assert!(responses.iter().all(|r| r.status == 504), "{responses:#?}");
    assert_eq!(upstream.count(), 1);
}
