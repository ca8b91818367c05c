//! Per-lead authorisation: only a fresh token for the requested lead reaches the upstream.

use crate::common::raw_http;
use crate::common::recording_upstream::RecordingUpstream;
use crate::common::security_cases::ALLOWED_ORIGIN;
use crate::{config_with, serve};
use std::time::{SystemTime, UNIX_EPOCH};
use task_history_proxy::SecretEnv;
use task_history_proxy::secret::Secret;
use task_history_proxy::token::{Claims, mint};

const SIGNING_SECRET: &str = "0123456789abcdef0123456789abcdef-crm";

fn now() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .expect("clock after 1970")
        .as_secs()
}

fn bearer(secret: &str, lead_id: u64, exp: u64) -> String {
    let secret = Secret::new("T", secret).expect("valid");
    let claims = Claims {
        lead_id,
        sub: "user-678".into(),
        exp,
    };
    format!("Bearer {}", mint(&secret, &claims))
}

async fn start() -> (RecordingUpstream, std::net::SocketAddr) {
    let upstream = RecordingUpstream::start().await;
    let secrets = SecretEnv {
        api_key: Some(crate::common::TEST_KEY.into()),
        token_secret: Some(SIGNING_SECRET.into()),
    };
    let addr = serve(config_with(&upstream, &[], secrets)).await;
    (upstream, addr)
}

#[tokio::test]
async fn bad_tokens_are_refused_before_any_upstream_call() {
    let (upstream, addr) = start().await;
    let target = "/api/enterprise/api/lead/12345/task";
    let cases: Vec<(&str, Option<String>, u16, &str)> = vec![
        ("missing", None, 401, "Authorization token required"),
        (
            "expired",
            Some(bearer(SIGNING_SECRET, 12345, now() - 1)),
            401,
            "Authorization token expired",
        ),
        (
            "forged",
            Some(bearer(
                "another-secret-of-sufficient-length!",
                12345,
                now() + 60,
            )),
            401,
            "Invalid authorization token",
        ),
        (
            "garbage",
            Some("Bearer not.a-token".into()),
            401,
            "Invalid authorization token",
        ),
        (
            "valid for two days",
            Some(bearer(SIGNING_SECRET, 12345, now() + 2 * 86_400)),
            401,
            "Authorization token lifetime exceeds the proxy's limit",
        ),
        (
            "other lead",
            Some(bearer(SIGNING_SECRET, 54321, now() + 60)),
            403,
            "Token does not grant access to this lead",
        ),
    ];
    for (name, authorization, status, message) in cases {
        let headers: Vec<(&str, &str)> = authorization
            .as_deref()
            .map(|a| vec![("Authorization", a)])
            .unwrap_or_default();
        let response = raw_http::request(addr, "GET", target, &headers).await;
        assert_eq!(response.status, status, "{name}");
        assert_eq!(response.message(), message, "{name}");
        if status == 401 {
            assert_eq!(
                response.header("www-authenticate"),
                Some("Bearer"),
                "{name}"
            );
        }
    }
    assert_eq!(upstream.count(), 0);
}

#[tokio::test]
async fn fresh_token_for_the_lead_is_forwarded_without_the_token() {
    let (upstream, addr) = start().await;
    let authorization = bearer(SIGNING_SECRET, 12345, now() + 300);
    let response = raw_http::request(
        addr,
        "GET",
        "/api/enterprise/api/lead/12345/task",
        &[("Authorization", &authorization)],
    )
    .await;
    assert_eq!(response.status, 200);
    let seen = upstream.requests();
    assert_eq!(seen.len(), 1);
    assert_eq!(seen[0].header("authorization"), None);
}

#[tokio::test]
async fn token_is_checked_after_input_validation() {
    // A malformed request is refused for what it is, whatever the token.
    let (upstream, addr) = start().await;
    let response = raw_http::request(
        addr,
        "GET",
        "/api/enterprise/api/lead/12345/task?page_size=50",
        &[],
    )
    .await;
    assert_eq!(response.status, 400);
    assert_eq!(upstream.count(), 0);
}

#[tokio::test]
async fn preflight_allows_the_authorization_header() {
    let (_upstream, addr) = start().await;
    let response = raw_http::request(
        addr,
        "OPTIONS",
        "/api/enterprise/api/lead/12345/task",
        &[
            ("Origin", ALLOWED_ORIGIN),
            ("Access-Control-Request-Method", "GET"),
            ("Access-Control-Request-Headers", "authorization"),
        ],
    )
    .await;
    assert_eq!(response.status, 204);
    let allowed = response
        .header("access-control-allow-headers")
        .unwrap_or("")
        .to_ascii_lowercase();
    assert!(allowed.contains("authorization"), "{allowed}");
}

/// Interpreters for the README's minting examples that are on this machine.
fn minting_examples() -> Vec<(&'static str, std::path::PathBuf)> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("token-examples");
    [
        ("python3", dir.join("mint_token.py")),
        ("node", dir.join("mint_token.mjs")),
    ]
    .into_iter()
    .filter(|(interpreter, _)| {
        let found = std::process::Command::new(interpreter)
            .arg("--version")
            .output()
            .is_ok_and(|o| o.status.success());
        if !found {
            println!("minting example for {interpreter} not run: {interpreter} is not installed");
        }
        found
    })
    .collect()
}

#[tokio::test]
async fn documented_minting_examples_make_tokens_the_proxy_accepts() {
    let (upstream, addr) = start().await;
    let examples = minting_examples();
    assert!(
        !examples.is_empty(),
        "neither python3 nor node is installed"
    );
    for (interpreter, script) in examples {
        let output = std::process::Command::new(interpreter)
            .arg(&script)
            .args([SIGNING_SECRET, "12345", "user-678", "300"])
            .output()
            .expect("example runs");
        assert!(output.status.success(), "{interpreter}: {output:?}");
        let token = String::from_utf8(output.stdout).expect("utf-8");
        let authorization = format!("Bearer {}", token.trim());
        let target = "/api/enterprise/api/lead/12345/task";
        let accepted =
            raw_http::request(addr, "GET", target, &[("Authorization", &authorization)]).await;
        assert_eq!(accepted.status, 200, "{interpreter} token refused");
        let other_lead = raw_http::request(
            addr,
            "GET",
            "/api/enterprise/api/lead/777/task",
            &[("Authorization", &authorization)],
        )
        .await;
        assert_eq!(
            other_lead.status, 403,
            "{interpreter} token opened another lead"
        );
    }
    assert!(upstream.count() >= 1);
}
