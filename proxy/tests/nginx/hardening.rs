//! The slow-client, rate-limit, Retry-After and Host defences nginx can express, against real
//! nginx (what it cannot do is listed in proxy/README.md).

use crate::common::raw_http;
use crate::common::recording_upstream::RecordingUpstream;
use crate::harness::{Nginx, nginx_or_skip};
use std::time::{Duration, Instant};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

const TARGET: &str = "/api/enterprise/api/lead/12345/task";

async fn time_until_closed(stream: &mut TcpStream, started: Instant) -> Duration {
    let mut buf = [0; 4096];
    loop {
        match tokio::time::timeout(Duration::from_secs(10), stream.read(&mut buf)).await {
            Ok(Ok(0) | Err(_)) => return started.elapsed(),
            Ok(Ok(_)) => {}
            Err(_) => panic!("still open after 10 s"),
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn nginx_closes_partial_headers_and_idle_connections_on_time() {
    let Some(binary) = nginx_or_skip("nginx_closes_partial_headers_and_idle_connections") else {
        return;
    };
    let upstream = RecordingUpstream::start().await;
    let nginx = Nginx::start(
        &binary,
        &upstream.base_url(),
        &[("CLIENT_HEADER_TIMEOUT", "1s"), ("KEEPALIVE_TIMEOUT", "1s")],
    );
    let mut slow = TcpStream::connect(nginx.addr).await.expect("connect");
    let started = Instant::now();
    slow.write_all(b"GET /healthz HTTP/1.1\r\nHost: x\r\nX-Slow: ")
        .await
        .expect("write");
    let closed = time_until_closed(&mut slow, started).await;
    assert!(
        closed >= Duration::from_millis(900) && closed < Duration::from_millis(3000),
        "partial header closed after {closed:?}"
    );

    let mut idle = TcpStream::connect(nginx.addr).await.expect("connect");
    idle.write_all(b"GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n")
        .await
        .expect("write");
    let mut buf = [0; 4096];
    let n = idle.read(&mut buf).await.expect("response");
    assert!(buf[..n].starts_with(b"HTTP/1.1 200"));
    let started = Instant::now();
    let closed = time_until_closed(&mut idle, started).await;
    assert!(
        closed >= Duration::from_millis(900) && closed < Duration::from_millis(3000),
        "idle connection closed after {closed:?}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn nginx_counts_one_ipv6_64_as_one_client() {
    let Some(binary) = nginx_or_skip("nginx_counts_one_ipv6_64_as_one_client") else {
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
            ("TRUSTED_PROXIES", "127.0.0.0/8"),
        ],
    );
    let from = |client: &'static str| [("X-Forwarded-For", client)];
    let mut statuses = Vec::new();
    for client in [
        "2001:db8:aa:bb::1",
        "2001:db8:aa:bb:ffff:ffff:ffff:ffff",
        "2001:db8:aa:bb::77",
    ] {
        statuses.push(
            raw_http::request(nginx.addr, "GET", TARGET, &from(client))
                .await
                .status,
        );
    }
    // Rate 6/min with burst 1: two pass for the whole /64, then 429.
    assert_eq!(statuses, [200, 200, 429]);
    let next = raw_http::request(nginx.addr, "GET", TARGET, &from("2001:db8:aa:bc::1")).await;
    assert_eq!(next.status, 200, "the neighbouring /64");
    let v4 = raw_http::request(nginx.addr, "GET", TARGET, &from("203.0.113.9")).await;
    assert_eq!(v4.status, 200, "an IPv4 client");
    let mapped = raw_http::request(nginx.addr, "GET", TARGET, &from("::ffff:203.0.113.10")).await;
    assert_eq!(mapped.status, 200, "IPv4-mapped clients are not one /64");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn nginx_clamps_an_upstream_retry_after_to_a_day() {
    let Some(binary) = nginx_or_skip("nginx_clamps_an_upstream_retry_after_to_a_day") else {
        return;
    };
    let upstream = RecordingUpstream::start().await;
    let nginx = Nginx::start(&binary, &upstream.base_url(), &[]);
    let huge =
        raw_http::request(nginx.addr, "GET", "/api/enterprise/api/lead/4293/task", &[]).await;
    assert_eq!(huge.status, 429);
    assert_eq!(huge.header("retry-after"), Some("86400"));
    let seven =
        raw_http::request(nginx.addr, "GET", "/api/enterprise/api/lead/4290/task", &[]).await;
    assert_eq!(seven.header("retry-after"), Some("7"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn nginx_with_allowed_hosts_answers_421_to_any_other_host() {
    let Some(binary) = nginx_or_skip("nginx_with_allowed_hosts_answers_421") else {
        return;
    };
    let upstream = RecordingUpstream::start().await;
    let nginx = Nginx::start(
        &binary,
        &upstream.base_url(),
        &[("ALLOWED_HOSTS", "proxy.example.com,127.0.0.1")],
    );
    let rebound = raw_http::request(
        nginx.addr,
        "GET",
        TARGET,
        &[
            ("Host", "evil.test:8080"),
            ("Origin", "http://evil.test:8080"),
        ],
    )
    .await;
    assert_eq!(rebound.status, 421);
    assert_eq!(rebound.message(), "Host not allowed");
    assert_eq!(upstream.count(), 0);
    let allowed =
        raw_http::request(nginx.addr, "GET", TARGET, &[("Host", "Proxy.Example.com")]).await;
    assert_eq!(allowed.status, 200);
    assert_eq!(
        raw_http::request(nginx.addr, "GET", TARGET, &[])
            .await
            .status,
        200
    );
    let health = raw_http::request(nginx.addr, "GET", "/healthz", &[("Host", "10.1.2.3")]).await;
    assert_eq!(health.status, 200);
}
