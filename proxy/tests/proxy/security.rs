//! The shared security cases and upstream mappings, against the proxy on a real port.

use crate::common::checks::check_common;
use crate::common::raw_http;
use crate::common::recording_upstream::RecordingUpstream;
use crate::common::security_cases::run_cases;
use crate::common::upstream_mappings::run_mappings;
use crate::{config, serve};

#[tokio::test]
async fn every_security_case_holds_on_a_real_server() {
    let upstream = RecordingUpstream::start().await;
    let addr = serve(config(&upstream, &[])).await;
    let failures = run_cases(addr, &upstream).await;
    assert!(failures.is_empty(), "{failures:#?}");
}

#[tokio::test]
async fn every_upstream_outcome_maps_to_its_json_answer() {
    let upstream = RecordingUpstream::start().await;
    let addr = serve(config(&upstream, &[])).await;
    let failures = run_mappings("proxy", addr, &upstream, |_| true).await;
    assert!(failures.is_empty(), "{failures:#?}");
}

#[tokio::test]
async fn success_body_is_the_upstream_page_verbatim() {
    let upstream = RecordingUpstream::start().await;
    let addr = serve(config(&upstream, &[])).await;
    let response = raw_http::request(addr, "GET", "/api/enterprise/api/lead/12345/task", &[]).await;
    let seed = include_str!("../../../tests/fixtures/seed_example.json");
    assert_eq!(response.status, 200);
    assert_eq!(response.body, seed.as_bytes());
    assert_eq!(response.header("content-type"), Some("application/json"));
}

#[tokio::test]
async fn auth_rejection_message_is_generic() {
    let upstream = RecordingUpstream::start().await;
    let addr = serve(config(&upstream, &[])).await;
    let response = raw_http::request(addr, "GET", "/api/enterprise/api/lead/4010/task", &[]).await;
    assert_eq!(response.status, 502);
    let message = response.message();
    assert_eq!(message, "The task service rejected the proxy's credentials");
    assert!(
        !message.contains("UnAuthorized"),
        "upstream text leaked: {message}"
    );
}

#[tokio::test]
async fn upstream_retry_after_is_passed_on() {
    let upstream = RecordingUpstream::start().await;
    let addr = serve(config(&upstream, &[])).await;
    let response = raw_http::request(addr, "GET", "/api/enterprise/api/lead/4290/task", &[]).await;
    assert_eq!(response.status, 429);
    assert_eq!(response.header("retry-after"), Some("7"));
}

#[tokio::test]
async fn upstream_retry_after_date_becomes_seconds_and_junk_is_dropped() {
    let upstream = RecordingUpstream::start().await;
    let addr = serve(config(&upstream, &[])).await;
    let dated = raw_http::request(addr, "GET", "/api/enterprise/api/lead/4291/task", &[]).await;
    assert_eq!(dated.status, 429);
    let secs: u64 = dated
        .header("retry-after")
        .and_then(|v| v.parse().ok())
        .expect("Retry-After in seconds");
    assert!((118..=121).contains(&secs), "Retry-After {secs}");
    let junk = raw_http::request(addr, "GET", "/api/enterprise/api/lead/4292/task", &[]).await;
    assert_eq!(junk.status, 429);
    assert_eq!(junk.header("retry-after"), None);
}

#[tokio::test]
async fn wrong_key_upstream_401_is_a_502_not_a_401() {
    let upstream = RecordingUpstream::start().await;
    let secrets = task_history_proxy::SecretEnv {
        api_key: Some("wrong-key".into()),
        token_secret: None,
    };
    let addr = serve(crate::config_with(&upstream, &[], secrets)).await;
    let response = raw_http::request(addr, "GET", "/api/enterprise/api/lead/12345/task", &[]).await;
    assert_eq!(response.status, 502);
    assert_eq!(upstream.count(), 1);
}

#[tokio::test]
async fn healthz_answers_without_an_upstream_call() {
    let upstream = RecordingUpstream::start().await;
    let addr = serve(config(&upstream, &[])).await;
    let response = raw_http::request(addr, "GET", "/healthz", &[]).await;
    assert_eq!(response.status, 200);
    assert_eq!(response.json()["status"], "ok");
    assert!(check_common("healthz", &response, "GET").is_empty());
    assert_eq!(upstream.count(), 0);
}

#[tokio::test]
async fn unreachable_upstream_is_a_502() {
    // Bind then drop: a loopback port with nothing listening refuses connections.
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .expect("free port")
        .port();
    let base = format!("http://127.0.0.1:{port}/superfone");
    let addr = serve(crate::config_for_base(&base, &[], crate::key_only())).await;
    let response = raw_http::request(addr, "GET", "/api/enterprise/api/lead/1/task", &[]).await;
    assert_eq!(response.status, 502);
    assert_eq!(response.message(), "The task service could not be reached");
}
