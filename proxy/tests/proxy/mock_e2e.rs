//! The proxy in front of the real mock upstream.

use crate::common::mock_cases::{assert_refusals_never_reach_mock, run_mock_cases, start_mock};
use crate::common::raw_http;
use crate::{config_for_base, key_only, serve};

#[tokio::test]
async fn mock_leads_and_faults_come_through_as_specified() {
    let mock = start_mock().await;
    let base = format!("http://{mock}/superfone");
    let addr = serve(config_for_base(&base, &[], key_only())).await;
    let failures = run_mock_cases("proxy", addr, |_| true).await;
    assert!(failures.is_empty(), "{failures:#?}");
}

#[tokio::test]
async fn seed_lead_body_is_identical_to_the_mock_answer() {
    let mock = start_mock().await;
    let base = format!("http://{mock}/superfone");
    let addr = serve(config_for_base(&base, &[], key_only())).await;
    let target = "/enterprise/api/lead/12345/task?page=1&page_size=20";
    let direct = raw_http::request(
        mock,
        "GET",
        &format!("/superfone{target}"),
        &[("x-api-key", crate::common::TEST_KEY)],
    )
    .await;
    let proxied = raw_http::request(addr, "GET", &format!("/api{target}"), &[]).await;
    assert_eq!(direct.status, 200);
    assert_eq!(proxied.body, direct.body);
}

#[tokio::test]
async fn refused_requests_never_reach_the_mock() {
    let mock = start_mock().await;
    let base = format!("http://{mock}/superfone");
    let addr = serve(config_for_base(&base, &[], key_only())).await;
    assert_refusals_never_reach_mock(addr, mock).await;
}

#[tokio::test]
async fn wrong_key_at_the_mock_is_a_generic_502() {
    let mock = start_mock().await;
    let base = format!("http://{mock}/superfone");
    let secrets = task_history_proxy::SecretEnv {
        api_key: Some("not-the-mock-key".into()),
        token_secret: None,
    };
    let addr = serve(config_for_base(&base, &[], secrets)).await;
    let response = raw_http::request(addr, "GET", "/api/enterprise/api/lead/12345/task", &[]).await;
    assert_eq!(response.status, 502);
    assert_eq!(
        response.message(),
        "The task service rejected the proxy's credentials"
    );
}
