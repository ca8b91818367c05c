//! The shared security cases and the upstream mappings nginx can express.

use crate::common::TEST_KEY;
use crate::common::checks::check_common;
use crate::common::raw_http;
use crate::common::recording_upstream::RecordingUpstream;
use crate::common::security_cases::{ALLOWED_ORIGIN, run_cases};
use crate::common::upstream_mappings::run_mappings;
use crate::harness::{Nginx, nginx_or_skip};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn nginx_config_passes_every_security_case() {
    let Some(binary) = nginx_or_skip("nginx_config_passes_every_security_case") else {
        return;
    };
    let upstream = RecordingUpstream::start().await;
    let nginx = Nginx::start(&binary, &upstream.base_url(), &[]);
    let failures = run_cases(nginx.addr, &upstream).await;
    assert!(failures.is_empty(), "{failures:#?}\n{}", nginx.error_log());
    let logs = nginx.logs();
    assert!(
        logs.contains("GET /api/enterprise/api/lead/12345/task"),
        "no access log"
    );
    assert!(!logs.contains(TEST_KEY), "the key is in nginx's logs");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn nginx_maps_upstream_outcomes_to_json_answers() {
    let Some(binary) = nginx_or_skip("nginx_maps_upstream_outcomes_to_json_answers") else {
        return;
    };
    let upstream = RecordingUpstream::start().await;
    let nginx = Nginx::start(&binary, &upstream.base_url(), &[]);
    // The others (body validation, size cap, failures after the status is sent) are beyond
    // what nginx can do; proxy/README.md lists them.
    let failures = run_mappings("nginx", nginx.addr, &upstream, |m| m.nginx).await;
    assert!(failures.is_empty(), "{failures:#?}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn nginx_passes_an_upstream_retry_after_date_and_replaces_junk() {
    let Some(binary) = nginx_or_skip("nginx_passes_an_upstream_retry_after_date") else {
        return;
    };
    let upstream = RecordingUpstream::start().await;
    let nginx = Nginx::start(&binary, &upstream.base_url(), &[]);
    let dated =
        raw_http::request(nginx.addr, "GET", "/api/enterprise/api/lead/4291/task", &[]).await;
    assert_eq!(dated.status, 429);
    let date = dated.header("retry-after").expect("Retry-After");
    let at = httpdate::parse_http_date(date).expect("an HTTP date, as the upstream sent it");
    let ahead = at
        .duration_since(std::time::SystemTime::now())
        .expect("in the future");
    assert!(ahead.as_secs() <= 120, "{date}");
    let junk =
        raw_http::request(nginx.addr, "GET", "/api/enterprise/api/lead/4292/task", &[]).await;
    assert_eq!(junk.status, 429);
    // Not the upstream's "soon": nginx's own wait (a minute over the default 120 requests).
    assert_eq!(junk.header("retry-after"), Some("1"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn nginx_rate_limit_answers_429_with_retry_after_and_no_upstream_call() {
    let Some(binary) = nginx_or_skip("nginx_rate_limit_answers_429") else {
        return;
    };
    let upstream = RecordingUpstream::start().await;
    let nginx = Nginx::start(
        &binary,
        &upstream.base_url(),
        &[("RATE_LIMIT_PER_MINUTE", "6"), ("RATE_LIMIT_BURST", "1")],
    );
    let target = "/api/enterprise/api/lead/12345/task";
    let mut statuses = Vec::new();
    for _ in 0..4 {
        let response =
            raw_http::request(nginx.addr, "GET", target, &[("Origin", ALLOWED_ORIGIN)]).await;
        statuses.push(response.status);
        if response.status == 429 {
            assert_eq!(response.header("retry-after"), Some("10"));
            assert_eq!(response.message(), "Too many requests, please retry later");
            assert_eq!(
                response.header("access-control-allow-origin"),
                Some(ALLOWED_ORIGIN)
            );
            assert!(check_common("429", &response, "GET").is_empty());
        }
    }
    // Rate 6/min with burst 1: the first two pass, then 429.
    assert_eq!(statuses, [200, 200, 429, 429]);
    assert_eq!(upstream.count(), 2);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn nginx_behind_a_trusted_proxy_limits_each_forwarded_client() {
    let Some(binary) = nginx_or_skip("nginx_behind_a_trusted_proxy") else {
        return;
    };
    let upstream = RecordingUpstream::start().await;
    let nginx = Nginx::start(
        &binary,
        &upstream.base_url(),
        &[
            ("RATE_LIMIT_PER_MINUTE", "6"),
            ("RATE_LIMIT_BURST", "1"),
            // The test's connections come from loopback: it plays the load balancer.
            ("TRUSTED_PROXIES", "127.0.0.0/8, ::1"),
        ],
    );
    let target = "/api/enterprise/api/lead/12345/task";
    let from = |client: &'static str| [("X-Forwarded-For", client)];
    let mut statuses = Vec::new();
    for client in [
        "203.0.113.7",
        "203.0.113.7",
        "203.0.113.7",
        "198.51.100.1, 203.0.113.7",
    ] {
        statuses.push(
            raw_http::request(nginx.addr, "GET", target, &from(client))
                .await
                .status,
        );
    }
    // Rate 6/min with burst 1: two pass, then 429, also with a forged entry on the left.
    assert_eq!(statuses, [200, 200, 429, 429]);
    let other = raw_http::request(nginx.addr, "GET", target, &from("203.0.113.8")).await;
    assert_eq!(other.status, 200, "another client behind the same balancer");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn nginx_healthz_answers_without_upstream() {
    let Some(binary) = nginx_or_skip("nginx_healthz_answers_without_upstream") else {
        return;
    };
    let upstream = RecordingUpstream::start().await;
    let nginx = Nginx::start(&binary, &upstream.base_url(), &[]);
    let response = raw_http::request(nginx.addr, "GET", "/healthz", &[]).await;
    assert_eq!(response.status, 200);
    assert_eq!(response.json()["status"], "ok");
    assert!(check_common("healthz", &response, "GET").is_empty());
    assert_eq!(upstream.count(), 0);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn nginx_redacts_a_key_the_upstream_echoes_in_a_body() {
    let Some(binary) = nginx_or_skip("nginx_redacts_a_key_the_upstream_echoes_in_a_body") else {
        return;
    };
    let upstream = RecordingUpstream::start().await;
    let nginx = Nginx::start(&binary, &upstream.base_url(), &[]);
    // nginx cannot refuse these as the Rust proxy does (it has sent the status already), but
    // the key itself must not get through.
    for lead in [9000, 9010] {
        let target = format!("/api/enterprise/api/lead/{lead}/task");
        let response = raw_http::request(nginx.addr, "GET", &target, &[]).await;
        let body = String::from_utf8_lossy(&response.body);
        assert!(body.contains("[redacted]"), "lead {lead}: {body}");
        assert!(
            check_common("echo", &response, "GET").is_empty(),
            "lead {lead}: {body}"
        );
    }
}
