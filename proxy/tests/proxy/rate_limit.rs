//! Per-client rate limit: 429 with Retry-After, before any upstream call.

use crate::common::raw_http;
use crate::common::recording_upstream::RecordingUpstream;
use crate::common::security_cases::ALLOWED_ORIGIN;
use crate::{config_with, key_only, serve};
use axum::body::Body;
use axum::extract::ConnectInfo;
use axum::http::Request;
use std::net::SocketAddr;
use tower::ServiceExt as _;

const TARGET: &str = "/api/enterprise/api/lead/12345/task";

fn limited(upstream: &RecordingUpstream) -> task_history_proxy::Config {
    // The shared test flags turn the limit off; tighten it for these tests.
    let mut config = config_with(upstream, &[], key_only());
    config.rate_limit = task_history_proxy::rate_limit::RateLimit {
        per_minute: 6,
        burst: 2,
        ipv6_prefix: 64,
    };
    config
}

#[tokio::test]
async fn client_over_its_burst_gets_429_with_retry_after_and_no_upstream_call() {
    let upstream = RecordingUpstream::start().await;
    let addr = serve(limited(&upstream)).await;
    for _ in 0..2 {
        assert_eq!(
            raw_http::request(addr, "GET", TARGET, &[]).await.status,
            200
        );
    }
    let refused = raw_http::request(addr, "GET", TARGET, &[("Origin", ALLOWED_ORIGIN)]).await;
    assert_eq!(refused.status, 429);
    let retry_after: u64 = refused
        .header("retry-after")
        .and_then(|v| v.parse().ok())
        .expect("numeric Retry-After");
    assert!((1..=10).contains(&retry_after), "Retry-After {retry_after}");
    assert_eq!(refused.message(), "Too many requests, please retry later");
    // The browser can only read the 429 if CORS headers are on it.
    assert_eq!(
        refused.header("access-control-allow-origin"),
        Some(ALLOWED_ORIGIN)
    );
    assert_eq!(upstream.count(), 2);
}

#[tokio::test]
async fn another_client_keeps_its_own_allowance() {
    let upstream = RecordingUpstream::start().await;
    let app = task_history_proxy::app(limited(&upstream));
    let from = |ip: [u8; 4]| {
        let mut request = Request::get(TARGET).body(Body::empty()).expect("request");
        request
            .extensions_mut()
            .insert(ConnectInfo(SocketAddr::from((ip, 40000))));
        request
    };
    for _ in 0..2 {
        let response = app
            .clone()
            .oneshot(from([10, 0, 0, 1]))
            .await
            .expect("infallible");
        assert_eq!(response.status(), 200);
    }
    let refused = app
        .clone()
        .oneshot(from([10, 0, 0, 1]))
        .await
        .expect("infallible");
    assert_eq!(refused.status(), 429);
    let other = app
        .clone()
        .oneshot(from([10, 0, 0, 2]))
        .await
        .expect("infallible");
    assert_eq!(other.status(), 200);
}

#[tokio::test]
async fn behind_a_trusted_proxy_each_forwarded_client_has_its_own_allowance() {
    let upstream = RecordingUpstream::start().await;
    let mut config = limited(&upstream);
    // The test's connections come from loopback: it plays the load balancer.
    config.trusted_proxies =
        task_history_proxy::client_ip::TrustedProxies::parse(["127.0.0.0/8"]).expect("valid");
    let addr = serve(config).await;
    let from = |client: &'static str| [("X-Forwarded-For", client)];
    for _ in 0..2 {
        let response = raw_http::request(addr, "GET", TARGET, &from("203.0.113.7")).await;
        assert_eq!(response.status, 200);
    }
    let refused = raw_http::request(addr, "GET", TARGET, &from("203.0.113.7")).await;
    assert_eq!(refused.status, 429, "the same client, over its burst");
    // A client cannot escape its bucket by forging entries left of the balancer's.
    let forged = raw_http::request(addr, "GET", TARGET, &from("198.51.100.1, 203.0.113.7")).await;
    assert_eq!(forged.status, 429);
    let other = raw_http::request(addr, "GET", TARGET, &from("203.0.113.8")).await;
    assert_eq!(other.status, 200, "another client behind the same balancer");
}

#[tokio::test]
async fn without_trusted_proxies_x_forwarded_for_is_ignored() {
    let upstream = RecordingUpstream::start().await;
    let addr = serve(limited(&upstream)).await;
    for client in ["203.0.113.1", "203.0.113.2"] {
        let response = raw_http::request(addr, "GET", TARGET, &[("X-Forwarded-For", client)]).await;
        assert_eq!(response.status, 200);
    }
    let refused =
        raw_http::request(addr, "GET", TARGET, &[("X-Forwarded-For", "203.0.113.3")]).await;
    assert_eq!(
        refused.status, 429,
        "one peer, one bucket, whatever it claims"
    );
}

#[tokio::test]
async fn healthz_is_not_rate_limited() {
    let upstream = RecordingUpstream::start().await;
    let addr = serve(limited(&upstream)).await;
    for _ in 0..5 {
        assert_eq!(
            raw_http::request(addr, "GET", "/healthz", &[]).await.status,
            200
        );
    }
}

#[tokio::test]
async fn ipv6_clients_in_one_64_share_a_bucket() {
    let upstream = RecordingUpstream::start().await;
    let mut config = limited(&upstream);
    // The test plays a load balancer forwarding for IPv6 clients.
    config.trusted_proxies =
        task_history_proxy::client_ip::TrustedProxies::parse(["127.0.0.0/8"]).expect("valid");
    let addr = serve(config).await;
    let from = |client: &'static str| [("X-Forwarded-For", client)];
    let mut statuses = Vec::new();
    for client in [
        "2001:db8:aa:bb::1",
        "2001:db8:aa:bb:ffff:ffff:ffff:ffff",
        "[2001:db8:aa:bb::77]:4711",
    ] {
        statuses.push(
            raw_http::request(addr, "GET", TARGET, &from(client))
                .await
                .status,
        );
    }
    // A burst of 2 for the whole /64, however many addresses it uses.
    assert_eq!(statuses, [200, 200, 429]);
    let next_64 = raw_http::request(addr, "GET", TARGET, &from("2001:db8:aa:bc::1")).await;
    assert_eq!(
        next_64.status, 200,
        "the neighbouring /64 has its own bucket"
    );
}
