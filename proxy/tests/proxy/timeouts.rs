//! Connect and total timeouts both end in 504.

use crate::common::raw_http;
use crate::common::recording_upstream::RecordingUpstream;
use crate::{config, config_for_base, key_only, serve};
use std::time::{Duration, Instant};

#[tokio::test]
async fn slow_upstream_hits_the_total_timeout() {
    let upstream = RecordingUpstream::start().await;
    let addr = serve(config(&upstream, &[])).await;
    let started = Instant::now();
    let response = raw_http::request(addr, "GET", "/api/enterprise/api/lead/8000/task", &[]).await;
    let elapsed = started.elapsed();
    assert_eq!(response.status, 504);
    assert_eq!(
        response.message(),
        "The task service did not answer in time"
    );
    // Configured 1 s; the upstream would take 3 s.
    assert!(
        elapsed >= Duration::from_millis(900) && elapsed < Duration::from_millis(2500),
        "{elapsed:?}"
    );
}

#[tokio::test]
async fn unanswered_connect_hits_the_connect_timeout() {
    // A listener with a backlog of 0 whose queue is already full: further SYNs are dropped, so
    // a connect hangs as it would towards a black-holed host.
    let socket = tokio::net::TcpSocket::new_v4().expect("socket");
    socket
        .bind("127.0.0.1:0".parse().expect("addr"))
        .expect("bind");
    let listener = socket.listen(0).expect("listen");
    let black_hole = listener.local_addr().expect("addr");
    let mut fillers = Vec::new();
    for _ in 0..4 {
        match tokio::time::timeout(
            Duration::from_millis(200),
            tokio::net::TcpStream::connect(black_hole),
        )
        .await
        {
            Ok(Ok(stream)) => fillers.push(stream),
            _ => break,
        }
    }
    let base = format!("http://{black_hole}/superfone");
    let addr = serve(config_for_base(
        &base,
        &["--connect-timeout-ms", "300"],
        key_only(),
    ))
    .await;
    let started = Instant::now();
    let response = raw_http::request(addr, "GET", "/api/enterprise/api/lead/1/task", &[]).await;
    let elapsed = started.elapsed();
    assert_eq!(
        response.status,
        504,
        "{}",
        String::from_utf8_lossy(&response.body)
    );
    // Well under the 1 s total timeout: it was the connect timeout that fired.
    assert!(elapsed < Duration::from_millis(900), "{elapsed:?}");
    drop((fillers, listener));
}
