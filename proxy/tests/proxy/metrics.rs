//! `/metrics`: the counters move with traffic, and nothing secret or per-lead is in them.

use crate::common::TEST_KEY;
use crate::common::raw_http;
use crate::common::recording_upstream::RecordingUpstream;
use crate::running::RunningProxy;
use crate::{config, config_with, serve};
use task_history_proxy::SecretEnv;
use task_history_proxy::secret::Secret;
use task_history_proxy::token::{Claims, mint};

const SECRET: &str = "metrics-test-token-secret-0123456789abcdef";

fn value(text: &str, series: &str) -> f64 {
    text.lines()
        .find_map(|line| line.strip_prefix(series)?.strip_prefix(' ')?.parse().ok())
        .unwrap_or_else(|| panic!("no {series} in\n{text}"))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn metrics_count_requests_and_hold_no_secret_or_lead() {
    let upstream = RecordingUpstream::start().await;
    let secrets = SecretEnv {
        api_key: Some(TEST_KEY.to_owned()),
        token_secret: Some(SECRET.to_owned()),
    };
    let mut config = config_with(&upstream, &[], secrets);
    // One a minute after a burst of 12: nothing refills during the test.
    config.rate_limit.per_minute = 1;
    config.rate_limit.burst = 12;
    let addr = serve(config).await;
    let exp = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .expect("clock")
        .as_secs()
        + 300;
    let claims = Claims {
        lead_id: 9500,
        sub: "user-77".into(),
        exp,
        nbf: None,
    };
    let token = mint(&Secret::new("T", SECRET).expect("valid"), &claims);
    let bearer = format!("Bearer {token}");
    let lead = "/api/enterprise/api/lead/9500/task";
    // Five identical requests at once: one upstream call, four joined.
    let headers = [("Authorization", bearer.as_str())];
    let joined = futures_util::future::join_all(
        (0..5).map(|_| raw_http::request(addr, "GET", lead, &headers)),
    )
    .await;
    assert!(joined.iter().all(|r| r.status == 200));
    assert_eq!(raw_http::request(addr, "GET", lead, &[]).await.status, 401);
    assert_eq!(
        raw_http::request(addr, "GET", "/healthz", &[]).await.status,
        200
    );
    // Six more use up the burst of 12 (401: no token), the last four are rate-limited.
    for _ in 0..10 {
        raw_http::request(addr, "GET", lead, &[]).await;
    }
    let response = raw_http::request(addr, "GET", "/metrics", &[]).await;
    assert_eq!(response.status, 200);
    assert_eq!(
        response.header("content-type"),
        Some(task_history_proxy::metrics::CONTENT_TYPE)
    );
    let text = String::from_utf8(response.body.clone()).expect("text");
    let requests = |route: &str, class: &str| {
        value(
            &text,
            &format!("task_history_proxy_requests_total{{route=\"{route}\",status=\"{class}\"}}"),
        )
    };
    assert_eq!(requests("api", "2xx"), 5.0);
    assert_eq!(requests("api", "4xx"), 11.0, "seven 401s and four 429s");
    assert_eq!(requests("healthz", "2xx"), 1.0);
    assert_eq!(
        value(&text, "task_history_proxy_coalesced_requests_total"),
        4.0
    );
    assert_eq!(
        value(&text, "task_history_proxy_rate_limited_requests_total"),
        4.0
    );
    assert_eq!(
        value(
            &text,
            "task_history_proxy_upstream_request_duration_seconds_count"
        ),
        1.0
    );
    assert!(
        value(
            &text,
            "task_history_proxy_upstream_request_duration_seconds_sum"
        ) >= 0.8
    );
    assert_eq!(
        value(&text, "task_history_proxy_open_connections"),
        1.0,
        "this scrape"
    );
    assert_eq!(
        value(
            &text,
            "task_history_proxy_upstream_budget_refused_requests_total"
        ),
        0.0
    );
    assert!(text.ends_with("# EOF\n"));
    for secret in [TEST_KEY, SECRET, &token, "user-77", "9500"] {
        assert!(!text.contains(secret), "{secret:?} is in /metrics");
    }
}

#[tokio::test]
async fn a_rate_limited_request_is_counted_once_per_refusal() {
    let upstream = RecordingUpstream::start().await;
    let mut config = config(&upstream, &[]);
    config.rate_limit.per_minute = 1;
    config.rate_limit.burst = 1;
    let addr = serve(config).await;
    let lead = "/api/enterprise/api/lead/1/task";
    for _ in 0..3 {
        raw_http::request(addr, "GET", lead, &[]).await;
    }
    let text = String::from_utf8(raw_http::request(addr, "GET", "/metrics", &[]).await.body)
        .expect("text");
    assert_eq!(
        value(&text, "task_history_proxy_rate_limited_requests_total"),
        2.0
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn with_a_metrics_address_metrics_move_off_the_main_listener() {
    let upstream = RecordingUpstream::start().await;
    let base = upstream.base_url();
    let proxy = RunningProxy::start(
        &["--api-base", &base, "--metrics-addr", "127.0.0.1:0"],
        &[("PROXY_LOG_FORMAT", "json"), ("RUST_LOG", "info")],
        None,
        true,
    );
    let line = proxy.second_line.clone().expect("metrics line");
    let metrics_addr: std::net::SocketAddr = line
        .strip_prefix("task-history-proxy metrics on http://")
        .and_then(|rest| rest.strip_suffix("/metrics"))
        .unwrap_or_else(|| panic!("{line:?}"))
        .parse()
        .expect("address");
    assert_eq!(
        raw_http::request(proxy.addr, "GET", "/api/enterprise/api/lead/1/task", &[])
            .await
            .status,
        200
    );
    assert_eq!(
        raw_http::request(proxy.addr, "GET", "/metrics", &[])
            .await
            .status,
        404
    );
    let scraped = raw_http::request(metrics_addr, "GET", "/metrics", &[]).await;
    assert_eq!(scraped.status, 200);
    let text = String::from_utf8_lossy(&scraped.body);
    assert_eq!(
        value(
            &text,
            "task_history_proxy_requests_total{route=\"api\",status=\"2xx\"}"
        ),
        1.0
    );
    let logs = proxy.stop();
    let first = logs
        .lines()
        .next()
        .unwrap_or_else(|| panic!("no log lines"));
    let parsed: serde_json::Value = serde_json::from_str(first).expect("a JSON log line");
    assert!(parsed["level"].is_string(), "{first}");
}
