//! The listener: accepts connections up to a cap and serves each with hyper's HTTP/1 server,
//! with a header-read timeout and an idle timeout.
//!
//! `axum::serve` runs hyper without a timer, so a client sending its header one byte at a time
//! held a connection (and a descriptor, and up to 400 KB of buffer) for as long as it liked, and
//! a flood of them exhausted the descriptors. Here:
//! - hyper's HTTP/1 connection gets a timer and `header_read_timeout` (whose clock hyper also
//!   starts whenever a kept-alive connection goes idle) and a 32 KB header buffer;
//! - [`connection`] closes a connection with no request in progress after the keep-alive
//!   timeout;
//! - at most `max_connections` are open at once: beyond that the proxy stops accepting, so new
//!   connections wait in the kernel's backlog and are served as attackers time out, instead of
//!   the process running out of descriptors;
//! - an accept error (`EMFILE` and friends) backs off instead of spinning.
//!
//! HTTP/1 only, as nginx's default `listen`: browsers reach a plain-HTTP server over HTTP/1.1,
//! and HTTP/2 has no header-read timeout in hyper.

mod connection;

use crate::config::Config;
use crate::metrics::Metrics;
use crate::routes;
use axum::Router;
use hyper_util::rt::{TokioExecutor, TokioTimer};
use hyper_util::server::conn::auto::Builder;
use std::future::Future;
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;
use tokio::net::{TcpListener, TcpSocket};
use tokio::sync::{Semaphore, watch};

/// Largest request head (request line and headers) a client may send; hyper answers 431 past
/// it. nginx's default `large_client_header_buffers` allow 32 KB too.
pub const MAX_HEADER_BYTES: usize = 32 * 1024;

/// Connections to the metrics listener open at once: a scraper or two.
const METRICS_MAX_CONNECTIONS: usize = 16;

/// The accept loop's backoff after an accept error, doubling up to the maximum.
const ACCEPT_BACKOFF_MIN: Duration = Duration::from_millis(10);
const ACCEPT_BACKOFF_MAX: Duration = Duration::from_secs(1);

/// The kernel's queue of connections not yet accepted: the waiting room while the proxy is at
/// `max_connections` (std's default of 128 drops SYNs, and clients retry only after a second).
pub const LISTEN_BACKLOG: u32 = 1024;

/// How long shutdown waits for open connections to finish their requests.
const SHUTDOWN_GRACE: Duration = Duration::from_secs(10);

/// Timeouts and the connection cap of a listener.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ServerLimits {
    /// Time a client has to send a whole request head; hyper's clock for it also starts when a
    /// kept-alive connection goes idle.
    pub header_read_timeout: Duration,
    /// Time a connection may stay with no request in progress; zero turns keep-alive off.
    pub keep_alive_timeout: Duration,
    /// Most connections open at once.
    pub max_connections: usize,
}

/// Binds `addr` with a [`LISTEN_BACKLOG`]-deep accept queue.
pub fn bind(addr: SocketAddr) -> std::io::Result<TcpListener> {
    let socket = if addr.is_ipv4() {
        TcpSocket::new_v4()?
    } else {
        TcpSocket::new_v6()?
    };
    // As std does: a restarted proxy can bind while old connections are in TIME_WAIT.
    socket.set_reuseaddr(true)?;
    socket.bind(addr)?;
    socket.listen(LISTEN_BACKLOG)
}

/// Serves the proxy on `listener`, and `/metrics` on `metrics_listener` when given (otherwise on
/// `listener`), until `shutdown` completes; then lets open requests finish (up to 10 s).
pub async fn serve(
    listener: TcpListener,
    metrics_listener: Option<TcpListener>,
    config: Config,
    shutdown: impl Future<Output = ()> + Send,
) {
    let metrics = Arc::new(Metrics::new());
    let limits = config.server;
    let app = routes::app_with_metrics(config, Arc::clone(&metrics), metrics_listener.is_none());
    let (stop, stopped) = watch::channel(false);
    let metrics_task = metrics_listener.map(|listener| {
        let metrics_limits = ServerLimits {
            max_connections: METRICS_MAX_CONNECTIONS,
            ..limits
        };
        let router = routes::metrics_only(Arc::clone(&metrics));
        let server = Server::new(router, metrics_limits, Arc::new(Metrics::new()));
        tokio::spawn(server.run(listener, stopped.clone()))
    });
    let server = Server::new(app, limits, metrics);
    let main = tokio::spawn(server.run(listener, stopped));
    shutdown.await;
    let _ = stop.send(true);
    let _ = main.await;
    if let Some(task) = metrics_task {
        let _ = task.await;
    }
}

/// One listener's accept loop and what each connection needs.
struct Server {
    router: Router,
    limits: ServerLimits,
    metrics: Arc<Metrics>,
    builder: Arc<Builder<TokioExecutor>>,
    slots: Arc<Semaphore>,
}

impl Server {
    fn new(router: Router, limits: ServerLimits, metrics: Arc<Metrics>) -> Self {
        let mut builder = Builder::new(TokioExecutor::new()).http1_only();
        builder
            .http1()
            .timer(TokioTimer::new())
            .header_read_timeout(limits.header_read_timeout)
            .keep_alive(!limits.keep_alive_timeout.is_zero())
            .max_buf_size(MAX_HEADER_BYTES);
        Self {
            router,
            limits,
            metrics,
            builder: Arc::new(builder),
            slots: Arc::new(Semaphore::new(limits.max_connections)),
        }
    }

    async fn run(self, listener: TcpListener, mut stopped: watch::Receiver<bool>) {
        let mut backoff = ACCEPT_BACKOFF_MIN;
        let mut at_cap = false;
        loop {
            if self.slots.available_permits() == 0 && !at_cap {
                // Once per episode: each refused connection waits in the backlog, not in the log.
                tracing::warn!(
                    max = self.limits.max_connections,
                    "connection limit reached; new connections wait"
                );
            }
            at_cap = self.slots.available_permits() == 0;
            let slot = tokio::select! {
                slot = Arc::clone(&self.slots).acquire_owned() => slot,
                _ = stopped.wait_for(|stop| *stop) => break,
            };
            let Ok(slot) = slot else { break };
            let accepted = tokio::select! {
                accepted = listener.accept() => accepted,
                _ = stopped.wait_for(|stop| *stop) => break,
            };
            match accepted {
                Ok((stream, peer)) => {
                    backoff = ACCEPT_BACKOFF_MIN;
                    let connection = connection::Connection {
                        router: self.router.clone(),
                        builder: Arc::clone(&self.builder),
                        limits: self.limits,
                        open: self.metrics.connection_opened(),
                        slot,
                        stopped: stopped.clone(),
                    };
                    tokio::spawn(connection.serve(stream, peer));
                }
                // The peer gave up before we accepted it: nothing to wait for.
                Err(err) if is_connection_error(&err) => {}
                Err(err) => {
                    // EMFILE, ENFILE, ENOBUFS: retrying at once would spin on the same error.
                    tracing::warn!(error = %err, backoff_ms = backoff.as_millis() as u64, "accept error");
                    tokio::select! {
                        _ = tokio::time::sleep(backoff) => {}
                        _ = stopped.wait_for(|stop| *stop) => break,
                    }
                    backoff = (backoff * 2).min(ACCEPT_BACKOFF_MAX);
                }
            }
        }
        drop(listener);
        // Every connection holds a slot: all of them back means all connections have ended.
        let all = u32::try_from(self.limits.max_connections).unwrap_or(u32::MAX);
        let _ = tokio::time::timeout(SHUTDOWN_GRACE, self.slots.acquire_many(all)).await;
    }
}

/// The process's soft limit on open descriptors, where the system says (Linux's
/// `/proc/self/limits`).
pub fn descriptor_limit() -> Option<u64> {
    let limits = std::fs::read_to_string("/proc/self/limits").ok()?;
    let line = limits.lines().find(|l| l.starts_with("Max open files"))?;
    line.split_whitespace().nth(3)?.parse().ok()
}

fn is_connection_error(err: &std::io::Error) -> bool {
    use std::io::ErrorKind::{ConnectionAborted, ConnectionRefused, ConnectionReset};
    matches!(
        err.kind(),
        ConnectionRefused | ConnectionAborted | ConnectionReset
    )
}
