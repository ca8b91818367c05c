//! The key echoed by the upstream in any JSON spelling, or in the one upstream header whose
//! content is passed on, is refused.

use crate::common::raw_http;
use crate::{config_for_base, serve};
use axum::Router;
use axum::http::{StatusCode, Uri, header};
use axum::response::{IntoResponse, Response};
use std::net::SocketAddr;
use task_history_proxy::SecretEnv;

/// A key with a `/`, as base64 keys have: PHP's `json_encode` writes it `\/`.
const KEY: &str = "sk_live/Zm9v+YmFy==";

/// Answers by lead: 1 the key with its first letter `\u`-escaped, 2 with `\/`, 3 every character
/// escaped, 4 a member name holding it, 5 a clean page, 6 a 429 whose Retry-After holds it.
async fn echoing_upstream() -> SocketAddr {
    let app = Router::new().fallback(|uri: Uri| async move {
        let lead = uri
            .path()
            .trim_end_matches("/task")
            .rsplit('/')
            .next()
            .and_then(|l| l.parse::<u32>().ok());
        let every_char: String = KEY
            .chars()
            .map(|c| format!("\\u{:04x}", c as u32))
            .collect();
        let body = match lead {
            Some(1) => format!(r#"{{"data":{{"debug":"\u0073{}"}}}}"#, &KEY[1..]),
            Some(2) => format!(r#"{{"data":{{"debug":"{}"}}}}"#, KEY.replace('/', r"\/")),
            Some(3) => format!(r#"{{"data":{{"rows":[{{"title":"{every_char}"}}]}}}}"#),
            Some(4) => format!(r#"{{"data":{{"{}":1}}}}"#, KEY.replace('/', r"\/")),
            Some(6) => {
                return (
                    StatusCode::TOO_MANY_REQUESTS,
                    [(header::RETRY_AFTER, format!("5 {KEY}"))],
                    "{}",
                )
                    .into_response();
            }
            _ => r#"{"data":{"rows":[],"note":"sk_live\/Zm9v"},"message":"success"}"#.to_owned(),
        };
        Response::builder()
            .header(header::CONTENT_TYPE, "application/json")
            .body(axum::body::Body::from(body))
            .expect("response")
    });
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind");
    let addr = listener.local_addr().expect("addr");
    tokio::spawn(async move { axum::serve(listener, app).await.expect("serves") });
    addr
}

async fn proxy() -> SocketAddr {
    let upstream = echoing_upstream().await;
    let secrets = SecretEnv {
        api_key: Some(KEY.to_owned()),
        token_secret: None,
    };
    serve(config_for_base(
        &format!("http://{upstream}/superfone"),
        &[],
        secrets,
    ))
    .await
}

fn unescaped(raw: &[u8]) -> bool {
    let text = String::from_utf8_lossy(raw);
    text.contains(KEY) || text.contains(&KEY.replace('/', r"\/"))
}

#[tokio::test]
async fn escaped_spellings_of_the_key_in_a_page_are_refused() {
    let addr = proxy().await;
    for (lead, spelling) in [
        (1, r"\u0073k_live…"),
        (2, r"sk_live\/…"),
        (3, "every character as \\uXXXX"),
        (4, "in a member name"),
    ] {
        let target = format!("/api/enterprise/api/lead/{lead}/task");
        let response = raw_http::request(addr, "GET", &target, &[]).await;
        assert_eq!(response.status, 502, "{spelling}");
        assert_eq!(
            response.message(),
            "The task service returned an invalid response",
            "{spelling}"
        );
        assert!(!unescaped(&response.raw), "{spelling}");
        assert!(
            !String::from_utf8_lossy(&response.raw).contains("Zm9v+YmFy"),
            "{spelling}"
        );
    }
}

#[tokio::test]
async fn a_page_holding_only_part_of_the_key_passes_verbatim() {
    let addr = proxy().await;
    let response = raw_http::request(addr, "GET", "/api/enterprise/api/lead/5/task", &[]).await;
    assert_eq!(response.status, 200);
    assert_eq!(response.json()["data"]["note"], "sk_live/Zm9v");
}

#[tokio::test]
async fn a_retry_after_holding_the_key_is_refused() {
    let addr = proxy().await;
    let response = raw_http::request(addr, "GET", "/api/enterprise/api/lead/6/task", &[]).await;
    assert_eq!(response.status, 502);
    assert_eq!(
        response.message(),
        "The task service returned an invalid response"
    );
    assert!(response.header("retry-after").is_none());
    assert!(!unescaped(&response.raw));
}
