//! The smaller defences: the upstream's Retry-After clamped to a day, the Host allowlist, the
//! scheme in the own-origin check, and upstream messages cut in log lines.

use crate::common::raw_http;
use crate::common::recording_upstream::RecordingUpstream;
use crate::running::RunningProxy;
use crate::{config, serve};

#[tokio::test]
async fn an_upstream_retry_after_is_clamped_to_a_day() {
    let upstream = RecordingUpstream::start().await;
    let addr = serve(config(&upstream, &[])).await;
    for (lead, what) in [
        (4293, "20 digits of seconds"),
        (4294, "a date 3 days ahead"),
    ] {
        let target = format!("/api/enterprise/api/lead/{lead}/task");
        let response = raw_http::request(addr, "GET", &target, &[]).await;
        assert_eq!(response.status, 429, "{what}");
        assert_eq!(response.header("retry-after"), Some("86400"), "{what}");
    }
    let ordinary = raw_http::request(addr, "GET", "/api/enterprise/api/lead/4290/task", &[]).await;
    assert_eq!(ordinary.header("retry-after"), Some("7"));
}

#[tokio::test]
async fn with_allowed_hosts_any_other_host_gets_421_and_no_upstream_call() {
    let upstream = RecordingUpstream::start().await;
    let addr = serve(config(
        &upstream,
        &["--allowed-hosts", "proxy.example.com, 127.0.0.1"],
    ))
    .await;
    let target = "/api/enterprise/api/lead/12345/task";
    // A DNS-rebinding page: its own origin, as far as Origin and Host go.
    let rebound = raw_http::request(
        addr,
        "GET",
        target,
        &[
            ("Host", "evil.test:8080"),
            ("Origin", "http://evil.test:8080"),
        ],
    )
    .await;
    assert_eq!(rebound.status, 421);
    assert_eq!(rebound.message(), "Host not allowed");
    assert_eq!(rebound.header("cache-control"), Some("no-store"));
    let demo = raw_http::request(addr, "GET", "/", &[("Host", "evil.test")]).await;
    assert_eq!(demo.status, 421, "every route but /healthz");
    assert_eq!(upstream.count(), 0);
    for host in ["proxy.example.com", "PROXY.example.com:443"] {
        let allowed = raw_http::request(addr, "GET", target, &[("Host", host)]).await;
        assert_eq!(allowed.status, 200, "{host}");
    }
    // raw_http's default Host is the loopback address with its port.
    assert_eq!(
        raw_http::request(addr, "GET", target, &[]).await.status,
        200
    );
    let health = raw_http::request(addr, "GET", "/healthz", &[("Host", "10.1.2.3")]).await;
    assert_eq!(health.status, 200, "load balancers probe by address");
}

#[tokio::test]
async fn own_origin_needs_the_scheme_the_client_used() {
    let upstream = RecordingUpstream::start().await;
    let target = "/api/enterprise/api/lead/12345/task";
    let addr = serve(config(&upstream, &[])).await;
    let host = addr.to_string();
    let http = format!("http://{host}");
    let https = format!("https://{host}");
    let same = raw_http::request(addr, "GET", target, &[("Origin", &http)]).await;
    assert_eq!(same.status, 200);
    let other_scheme = raw_http::request(addr, "GET", target, &[("Origin", &https)]).await;
    assert_eq!(other_scheme.status, 403, "https page, plain-http proxy");

    // Behind a trusted TLS terminator, its X-Forwarded-Proto names the scheme.
    let behind = serve(config(&upstream, &["--trusted-proxies", "127.0.0.1"])).await;
    let host = behind.to_string();
    let https = format!("https://{host}");
    let terminated = raw_http::request(
        behind,
        "GET",
        target,
        &[("Origin", &https), ("X-Forwarded-Proto", "https")],
    )
    .await;
    assert_eq!(terminated.status, 200);
    let http = format!("http://{host}");
    let downgraded = raw_http::request(
        behind,
        "GET",
        target,
        &[("Origin", &http), ("X-Forwarded-Proto", "https")],
    )
    .await;
    assert_eq!(downgraded.status, 403);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_900_kb_upstream_message_is_cut_to_1_kb_in_the_log() {
    let upstream = RecordingUpstream::start().await;
    let base = upstream.base_url();
    let proxy = RunningProxy::start(
        &["--api-base", &base, "--rate-limit-per-minute", "0"],
        &[],
        None,
        false,
    );
    let response =
        raw_http::request(proxy.addr, "GET", "/api/enterprise/api/lead/4041/task", &[]).await;
    assert_eq!(response.status, 404);
    assert_eq!(
        response.message().len(),
        900 * 1024,
        "the client gets it all"
    );
    let logs = proxy.stop();
    let line = logs
        .lines()
        .find(|l| l.contains("upstream failed"))
        .unwrap_or_else(|| panic!("no upstream failure logged: {logs}"));
    assert!(line.len() < 2048, "a {} byte line", line.len());
    assert!(line.contains("[921600 bytes]"), "{line}");
    assert!(logs.lines().all(|l| l.len() < 4096), "another long line");
}
