//! nginx in front of the real mock upstream.

use crate::common::mock_cases::{assert_refusals_never_reach_mock, run_mock_cases, start_mock};
use crate::harness::{Nginx, nginx_or_skip};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn nginx_serves_mock_leads_and_maps_its_faults() {
    let Some(binary) = nginx_or_skip("nginx_serves_mock_leads_and_maps_its_faults") else {
        return;
    };
    let mock = start_mock().await;
    let nginx = Nginx::start(&binary, &format!("http://{mock}/superfone"), &[]);
    let failures = run_mock_cases("nginx", nginx.addr, |c| c.nginx).await;
    assert!(failures.is_empty(), "{failures:#?}\n{}", nginx.error_log());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn nginx_refused_requests_never_reach_the_mock() {
    let Some(binary) = nginx_or_skip("nginx_refused_requests_never_reach_the_mock") else {
        return;
    };
    let mock = start_mock().await;
    let nginx = Nginx::start(&binary, &format!("http://{mock}/superfone"), &[]);
    assert_refusals_never_reach_mock(nginx.addr, mock).await;
}
