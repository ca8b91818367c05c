//! The upstream budget: at most `--max-upstream-concurrency` calls at once, 503 with
//! Retry-After once a request has waited its queue timeout, and no upstream connection left
//! once the clients that wanted it have gone.

use crate::common::raw_http;
use crate::running::RunningProxy;
use crate::{config_for_base, key_only, serve};
use std::net::SocketAddr;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

/// An upstream that accepts every connection and never answers, counting the connections open
/// now and the most ever open at once.
#[derive(Clone)]
struct HungUpstream {
    addr: SocketAddr,
    open: Arc<AtomicUsize>,
    most: Arc<AtomicUsize>,
}

impl HungUpstream {
    async fn start() -> Self {
        let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind");
        let addr = listener.local_addr().expect("addr");
        let (open, most) = (Arc::new(AtomicUsize::new(0)), Arc::new(AtomicUsize::new(0)));
        let (o, m) = (Arc::clone(&open), Arc::clone(&most));
        tokio::spawn(async move {
            while let Ok((mut stream, _)) = listener.accept().await {
                let now = o.fetch_add(1, Ordering::SeqCst) + 1;
                m.fetch_max(now, Ordering::SeqCst);
                let o = Arc::clone(&o);
                tokio::spawn(async move {
                    // Read (and ignore) until the proxy closes its end.
                    let mut buf = [0; 1024];
                    while matches!(stream.read(&mut buf).await, Ok(n) if n > 0) {}
                    o.fetch_sub(1, Ordering::SeqCst);
                });
            }
        });
        Self { addr, open, most }
    }

    fn base(&self) -> String {
        format!("http://{}/superfone", self.addr)
    }

    fn open(&self) -> usize {
        self.open.load(Ordering::SeqCst)
    }

    async fn wait_for_open(&self, wanted: usize, within: Duration) -> bool {
        let deadline = Instant::now() + within;
        while Instant::now() < deadline {
            if self.open() == wanted {
                return true;
            }
            tokio::time::sleep(Duration::from_millis(25)).await;
        }
        false
    }
}

/// Sends a request for `lead` and leaves the connection open without reading.
async fn hold_request(addr: SocketAddr, lead: u32) -> TcpStream {
    let mut stream = TcpStream::connect(addr).await.expect("connect");
    let request =
        format!("GET /api/enterprise/api/lead/{lead}/task HTTP/1.1\r\nHost: {addr}\r\n\r\n");
    stream.write_all(request.as_bytes()).await.expect("write");
    stream
}

#[tokio::test]
async fn a_request_beyond_the_budget_waits_its_queue_timeout_then_gets_503() {
    let hung = HungUpstream::start().await;
    let flags = [
        "--max-upstream-concurrency",
        "1",
        "--upstream-queue-timeout-ms",
        "300",
    ];
    let addr = serve(config_for_base(&hung.base(), &flags, key_only())).await;
    let _first = hold_request(addr, 1).await;
    assert!(hung.wait_for_open(1, Duration::from_secs(5)).await);
    let started = Instant::now();
    let refused = raw_http::request(addr, "GET", "/api/enterprise/api/lead/2/task", &[]).await;
    let waited = started.elapsed();
    assert_eq!(refused.status, 503);
    assert_eq!(refused.message(), "The proxy is busy, please retry later");
    assert_eq!(refused.header("retry-after"), Some("1"));
    assert!(
        waited >= Duration::from_millis(250) && waited < Duration::from_secs(2),
        "{waited:?}"
    );
    assert_eq!(hung.open(), 1, "the refused request never reached upstream");
    let metrics = raw_http::request(addr, "GET", "/metrics", &[]).await;
    let text = String::from_utf8_lossy(&metrics.body);
    assert!(
        text.contains("task_history_proxy_upstream_budget_refused_requests_total 1"),
        "{text}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn distinct_requests_to_a_hung_upstream_hold_no_descriptors_once_clients_leave() {
    const BUDGET: usize = 8;
    const CLIENTS: u32 = 200;
    let hung = HungUpstream::start().await;
    let base = hung.base();
    let proxy = RunningProxy::start(
        &[
            "--api-base",
            &base,
            "--max-upstream-concurrency",
            "8",
            // Neither timeout may end the calls: only the clients leaving may.
            "--upstream-queue-timeout-ms",
            "60000",
            "--timeout-ms",
            "60000",
            "--rate-limit-per-minute",
            "0",
        ],
        &[],
        None,
        false,
    );
    // Settle the process's own descriptors (runtime, listener) before counting.
    assert_eq!(
        raw_http::request(proxy.addr, "GET", "/healthz", &[])
            .await
            .status,
        200
    );
    tokio::time::sleep(Duration::from_millis(200)).await;
    let baseline = proxy.open_descriptors();
    let mut clients = Vec::new();
    for lead in 1..=CLIENTS {
        clients.push(hold_request(proxy.addr, lead).await);
    }
    assert!(
        hung.wait_for_open(BUDGET, Duration::from_secs(5)).await,
        "{} upstream connections",
        hung.open()
    );
    tokio::time::sleep(Duration::from_millis(300)).await;
    let during = proxy.open_descriptors();
    assert!(
        during <= baseline + CLIENTS as usize + BUDGET + 4,
        "{during} descriptors during (baseline {baseline})"
    );
    assert_eq!(hung.most.load(Ordering::SeqCst), BUDGET, "the budget held");

    drop(clients);
    assert!(
        hung.wait_for_open(0, Duration::from_secs(5)).await,
        "{} upstream connections left after every client went",
        hung.open()
    );
    let deadline = Instant::now() + Duration::from_secs(5);
    let mut after = proxy.open_descriptors();
    while after > baseline + 2 && Instant::now() < deadline {
        tokio::time::sleep(Duration::from_millis(50)).await;
        after = proxy.open_descriptors();
    }
    assert!(
        after <= baseline + 2,
        "{after} descriptors after the clients left (baseline {baseline})"
    );
}
