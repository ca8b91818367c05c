//! Slow clients: a request head must arrive within the header-read timeout, an idle connection
//! closes after the keep-alive timeout, and a flood of slow connections larger than the
//! descriptor limit does not keep a normal client out.

use crate::common::raw_http;
use crate::common::recording_upstream::RecordingUpstream;
use crate::running::RunningProxy;
use crate::{config, serve};
use std::net::SocketAddr;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::time::{Duration, Instant};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

/// Reads until the server closes; how long that took.
async fn time_until_closed(stream: &mut TcpStream, started: Instant) -> Duration {
    let mut buf = [0; 1024];
    loop {
        match tokio::time::timeout(Duration::from_secs(10), stream.read(&mut buf)).await {
            Ok(Ok(0) | Err(_)) => return started.elapsed(),
            Ok(Ok(_)) => {}
            Err(_) => panic!("still open after 10 s"),
        }
    }
}

#[tokio::test]
async fn a_partial_header_is_closed_at_the_header_read_timeout() {
    let upstream = RecordingUpstream::start().await;
    let addr = serve(config(
        &upstream,
        &[
            "--header-read-timeout-ms",
            "600",
            "--keep-alive-timeout-ms",
            "5000",
        ],
    ))
    .await;
    let mut stream = TcpStream::connect(addr).await.expect("connect");
    let started = Instant::now();
    stream
        .write_all(b"GET /healthz HTTP/1.1\r\nHost: x\r\n")
        .await
        .expect("write");
    // One more header byte now and then, as slowloris does: never the blank line.
    let trickle = async {
        for _ in 0..40 {
            tokio::time::sleep(Duration::from_millis(100)).await;
            if stream.write_all(b"X").await.is_err() {
                break;
            }
        }
    };
    let _ = tokio::time::timeout(Duration::from_millis(700), trickle).await;
    let closed = time_until_closed(&mut stream, started).await;
    assert!(
        closed >= Duration::from_millis(500) && closed < Duration::from_millis(2000),
        "closed after {closed:?}"
    );
}

#[tokio::test]
async fn an_idle_kept_alive_connection_closes_at_the_keep_alive_timeout() {
    let upstream = RecordingUpstream::start().await;
    let addr = serve(config(
        &upstream,
        &[
            "--header-read-timeout-ms",
            "10000",
            "--keep-alive-timeout-ms",
            "400",
        ],
    ))
    .await;
    let mut stream = TcpStream::connect(addr).await.expect("connect");
    stream
        .write_all(b"GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n")
        .await
        .expect("write");
    let mut buf = [0; 4096];
    let n = stream.read(&mut buf).await.expect("response");
    assert!(
        buf[..n].starts_with(b"HTTP/1.1 200"),
        "kept alive, answered"
    );
    let started = Instant::now();
    let closed = time_until_closed(&mut stream, started).await;
    assert!(
        closed >= Duration::from_millis(300) && closed < Duration::from_millis(2000),
        "closed after {closed:?}, not at the 10 s header timeout"
    );
}

#[tokio::test]
async fn keep_alive_zero_closes_after_each_response() {
    let upstream = RecordingUpstream::start().await;
    let addr = serve(config(&upstream, &["--keep-alive-timeout-ms", "0"])).await;
    let mut stream = TcpStream::connect(addr).await.expect("connect");
    stream
        .write_all(b"GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n")
        .await
        .expect("write");
    let mut raw = Vec::new();
    tokio::time::timeout(Duration::from_secs(2), stream.read_to_end(&mut raw))
        .await
        .expect("closed by the server")
        .expect("read");
    assert!(raw.starts_with(b"HTTP/1.1 200"));
}

/// One slowloris connection, over and over until `stop`: a partial header, then a byte every
/// 500 ms; when the proxy closes it, it connects again.
async fn slow_attacker(addr: SocketAddr, stop: Arc<AtomicBool>, connected: Arc<AtomicUsize>) {
    while !stop.load(Ordering::Relaxed) {
        let Ok(mut stream) = TcpStream::connect(addr).await else {
            tokio::time::sleep(Duration::from_millis(50)).await;
            continue;
        };
        connected.fetch_add(1, Ordering::Relaxed);
        if stream
            .write_all(b"GET /healthz HTTP/1.1\r\nHost: slow\r\nX-Slow: ")
            .await
            .is_err()
        {
            continue;
        }
        let mut buf = [0; 64];
        while !stop.load(Ordering::Relaxed) {
            tokio::select! {
                read = stream.read(&mut buf) => {
                    if matches!(read, Ok(0) | Err(_)) {
                        break;
                    }
                }
                () = tokio::time::sleep(Duration::from_millis(500)) => {
                    if stream.write_all(b"x").await.is_err() {
                        break;
                    }
                }
            }
        }
    }
}

/// Lets this test process hold 1,100 sockets and more, whatever its own soft limit.
fn raise_own_descriptor_limit() {
    let status = std::process::Command::new("prlimit")
        .args(["--pid", &std::process::id().to_string(), "--nofile=4096:"])
        .status()
        .expect("prlimit runs");
    assert!(
        status.success(),
        "cannot raise this test's descriptor limit"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn eleven_hundred_slow_connections_under_1024_descriptors_do_not_keep_a_client_out() {
    const HEADER_TIMEOUT: Duration = Duration::from_secs(2);
    raise_own_descriptor_limit();
    let upstream = RecordingUpstream::start().await;
    let base = upstream.base_url();
    let proxy = RunningProxy::start(
        &[
            "--api-base",
            &base,
            "--header-read-timeout-ms",
            "2000",
            "--keep-alive-timeout-ms",
            "2000",
            "--rate-limit-per-minute",
            "0",
        ],
        &[],
        Some(1024),
        false,
    );
    let addr = proxy.addr;
    let stop = Arc::new(AtomicBool::new(false));
    let connected = Arc::new(AtomicUsize::new(0));
    let mut attackers = Vec::new();
    // In waves of 100: a thousand SYNs at once would overflow the SYN queue, and the kernel's
    // retry a second later would only slow the test down.
    for _ in 0..11 {
        for _ in 0..100 {
            let (stop, connected) = (Arc::clone(&stop), Arc::clone(&connected));
            attackers.push(tokio::spawn(slow_attacker(addr, stop, connected)));
        }
        tokio::time::sleep(Duration::from_millis(30)).await;
    }
    let deadline = Instant::now() + Duration::from_secs(10);
    while connected.load(Ordering::Relaxed) < 1100 && Instant::now() < deadline {
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    let under_way = connected.load(Ordering::Relaxed);
    assert!(under_way >= 1100, "{under_way} attackers connected");
    // 1,100 slow connections are open or queued: more than the 1,024 descriptors allow.
    let started = Instant::now();
    let response = raw_http::request(addr, "GET", "/api/enterprise/api/lead/12345/task", &[]).await;
    let waited = started.elapsed();
    assert_eq!(response.status, 200);
    assert!(
        waited < HEADER_TIMEOUT + Duration::from_secs(5),
        "served after {waited:?}"
    );
    // Another wave of timeouts: the closed attackers come back, and are accepted again.
    tokio::time::sleep(HEADER_TIMEOUT + Duration::from_millis(500)).await;
    stop.store(true, Ordering::Relaxed);
    for attacker in attackers {
        attacker.await.expect("attacker");
    }
    let total = connected.load(Ordering::Relaxed);
    println!("served after {waited:?} during the attack; {total} attacker connections in all");
    assert!(
        total >= 1100 + 700,
        "only {total} attacker connections: the proxy stopped accepting"
    );
    let after = raw_http::request(addr, "GET", "/healthz", &[]).await;
    assert_eq!(after.status, 200, "still serving after the attack");
    let stderr = proxy.stop();
    assert!(
        !stderr.contains("the descriptor limit is below"),
        "{stderr}"
    );
    assert!(
        !stderr.contains("Too many open files"),
        "ran out of descriptors: {}",
        stderr.lines().take(5).collect::<Vec<_>>().join("\n")
    );
}
