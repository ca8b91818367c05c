//! Per-lead tokens with nginx: AUTH_REQUEST_URL points `auth_request` at the Rust proxy's
//! `GET /auth/check`, which verifies the JWT (nginx cannot) against the lead nginx parsed.

use crate::common::raw_http;
use crate::common::recording_upstream::RecordingUpstream;
use crate::common::{TEST_KEY, checks::check_common};
use crate::harness::{Nginx, nginx_or_skip};
use std::time::{SystemTime, UNIX_EPOCH};
use task_history_proxy::secret::Secret;
use task_history_proxy::token::{Claims, mint};
use task_history_proxy::{Cli, Config, SecretEnv, server};

const SIGNING_SECRET: &str = "0123456789abcdef0123456789abcdef-crm";

/// The Rust proxy as the verifier only: its upstream is never asked.
async fn verifier() -> std::net::SocketAddr {
    let cli = <Cli as clap::Parser>::try_parse_from(["task-history-proxy"]).expect("flags");
    let secrets = SecretEnv {
        api_key: Some("unused-by-the-verifier".into()),
        token_secret: Some(SIGNING_SECRET.into()),
    };
    let config = Config::from_cli(&cli, secrets).expect("config");
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind");
    let addr = listener.local_addr().expect("addr");
    tokio::spawn(server::serve(
        listener,
        None,
        config,
        std::future::pending(),
    ));
    addr
}

fn bearer(lead_id: u64, ttl: i64) -> String {
    let now = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .expect("clock")
        .as_secs();
    let claims = Claims {
        lead_id,
        sub: "user-678".into(),
        exp: now.saturating_add_signed(ttl),
        nbf: None,
    };
    let secret = Secret::new("T", SIGNING_SECRET).expect("valid");
    format!("Bearer {}", mint(&secret, &claims))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn nginx_with_auth_request_lets_only_a_valid_token_for_the_lead_through() {
    let Some(binary) = nginx_or_skip("nginx_with_auth_request") else {
        return;
    };
    let upstream = RecordingUpstream::start().await;
    let check = format!("http://{}/auth/check", verifier().await);
    let nginx = Nginx::start(
        &binary,
        &upstream.base_url(),
        &[("AUTH_REQUEST_URL", &check)],
    );
    let target = "/api/enterprise/api/lead/12345/task";
    let good = bearer(12345, 300);
    let cases: Vec<(&str, Option<String>, u16, &str)> = vec![
        ("missing", None, 401, "Authorization token required"),
        (
            "expired",
            Some(bearer(12345, -60)),
            401,
            "Authorization token expired",
        ),
        (
            "garbage",
            Some("Bearer not.a-token".into()),
            401,
            "Invalid authorization token",
        ),
        (
            "two hours",
            Some(bearer(12345, 7200)),
            401,
            "Authorization token lifetime exceeds the proxy's limit",
        ),
        (
            "another lead",
            Some(bearer(777, 300)),
            403,
            "Token does not grant access to this lead",
        ),
    ];
    for (name, authorization, status, message) in cases {
        let headers: Vec<(&str, &str)> = authorization
            .as_deref()
            .map(|a| vec![("Authorization", a)])
            .unwrap_or_default();
        let response = raw_http::request(nginx.addr, "GET", target, &headers).await;
        assert_eq!(response.status, status, "{name}: {}", response.message());
        assert_eq!(response.message(), message, "{name}");
        if status == 401 {
            assert_eq!(
                response.header("www-authenticate"),
                Some("Bearer"),
                "{name}"
            );
        }
        let failures = check_common(name, &response, "GET");
        assert!(failures.is_empty(), "{failures:?}");
    }
    assert_eq!(upstream.count(), 0, "a refused token reached the upstream");
    let accepted = raw_http::request(nginx.addr, "GET", target, &[("Authorization", &good)]).await;
    assert_eq!(accepted.status, 200, "{}", accepted.message());
    assert_eq!(accepted.header("www-authenticate"), None);
    let seen = upstream.requests();
    assert_eq!(seen.len(), 1);
    assert_eq!(
        seen[0].header("authorization"),
        None,
        "the token went upstream"
    );
    assert_eq!(seen[0].header("x-api-key"), Some(TEST_KEY));
    // A malformed request is refused for what it is, before any token check.
    let bad = raw_http::request(nginx.addr, "GET", "/api/enterprise/api/lead/x/task", &[]).await;
    assert_eq!(bad.status, 400);
}
