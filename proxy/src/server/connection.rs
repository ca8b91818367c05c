//! One client connection: hyper serves it; a watchdog closes it once it has had no request in
//! progress for the keep-alive timeout.
//!
//! hyper's HTTP/1 server has no idle timeout of its own (its header-read clock starts when a
//! connection goes idle, so that one bounds idleness too, but only at the header timeout). The
//! service counts requests in progress; when none has been for the keep-alive timeout, the
//! watchdog asks hyper to shut the connection down gracefully (at once when idle; after the
//! response in progress otherwise). A connection that still has not ended one header-read
//! timeout later (a response the client never reads) is dropped.

use super::ServerLimits;
use crate::metrics::OpenConnection;
use axum::Router;
use axum::body::Body;
use axum::extract::ConnectInfo;
use axum::http::Request;
use axum::response::Response;
use hyper::body::Incoming;
use hyper_util::rt::{TokioExecutor, TokioIo};
use hyper_util::server::conn::auto::Builder;
use std::convert::Infallible;
use std::future::Future;
use std::net::SocketAddr;
use std::pin::{Pin, pin};
use std::sync::Arc;
use std::sync::atomic::{AtomicU32, AtomicU64, Ordering};
use std::task::{Context, Poll};
use tokio::net::TcpStream;
use tokio::sync::{OwnedSemaphorePermit, watch};
use tokio::time::Instant;
use tower_service::Service as _;

/// What a spawned connection task holds.
pub(super) struct Connection {
    pub(super) router: Router,
    pub(super) builder: Arc<Builder<TokioExecutor>>,
    pub(super) limits: ServerLimits,
    /// Counted in `open_connections` while the task lives.
    pub(super) open: OpenConnection,
    /// The connection's place under `max_connections`, given back when the task ends.
    pub(super) slot: OwnedSemaphorePermit,
    pub(super) stopped: watch::Receiver<bool>,
}

impl Connection {
    pub(super) async fn serve(self, stream: TcpStream, peer: SocketAddr) {
        let Self {
            router,
            builder,
            limits,
            open,
            slot,
            mut stopped,
        } = self;
        // Responses are written whole; waiting for more to send would only add latency.
        let _ = stream.set_nodelay(true);
        let activity = Arc::new(Activity::new());
        let service = ConnectionService {
            router,
            peer,
            activity: Arc::clone(&activity),
        };
        let mut conn = pin!(builder.serve_connection(TokioIo::new(stream), service));
        // Keep-alive off still gives the first request the idle allowance a header needs.
        let idle_limit = if limits.keep_alive_timeout.is_zero() {
            limits.header_read_timeout
        } else {
            limits.keep_alive_timeout
        };
        let mut deadline = Instant::now() + idle_limit;
        let mut closing = false;
        loop {
            tokio::select! {
                result = conn.as_mut() => {
                    if let Err(err) = result {
                        tracing::debug!(error = %err, "connection ended with an error");
                    }
                    break;
                }
                () = tokio::time::sleep_until(deadline) => {
                    if closing {
                        tracing::debug!("connection did not close in time; dropped");
                        break;
                    }
                    match activity.idle_until(idle_limit) {
                        Some(later) => deadline = later,
                        None => {
                            conn.as_mut().graceful_shutdown();
                            closing = true;
                            deadline = Instant::now() + limits.header_read_timeout;
                        }
                    }
                }
                _ = stopped.wait_for(|stop| *stop), if !closing => {
                    conn.as_mut().graceful_shutdown();
                    closing = true;
                    deadline = Instant::now() + super::SHUTDOWN_GRACE;
                }
            }
        }
        drop((open, slot));
    }
}

/// Requests in progress on one connection, and when the last one ended.
struct Activity {
    started: Instant,
    in_flight: AtomicU32,
    /// Milliseconds after `started` when the connection last became idle.
    idle_since_ms: AtomicU64,
}

impl Activity {
    fn new() -> Self {
        Self {
            started: Instant::now(),
            in_flight: AtomicU32::new(0),
            idle_since_ms: AtomicU64::new(0),
        }
    }

    fn begin(self: &Arc<Self>) -> Busy {
        self.in_flight.fetch_add(1, Ordering::Relaxed);
        Busy(Arc::clone(self))
    }

    /// `None` when the connection has been idle for `limit`; otherwise when to look again.
    fn idle_until(&self, limit: std::time::Duration) -> Option<Instant> {
        let now = Instant::now();
        if self.in_flight.load(Ordering::Relaxed) > 0 {
            return Some(now + limit);
        }
        let idle_since = self.started
            + std::time::Duration::from_millis(self.idle_since_ms.load(Ordering::Relaxed));
        let due = idle_since + limit;
        (due > now).then_some(due)
    }
}

/// A request in progress; dropping it (the response handed to hyper, or the client gone) marks
/// the connection idle from now.
struct Busy(Arc<Activity>);

impl Drop for Busy {
    fn drop(&mut self) {
        let activity = &self.0;
        let since = activity.started.elapsed().as_millis() as u64;
        activity.idle_since_ms.store(since, Ordering::Relaxed);
        activity.in_flight.fetch_sub(1, Ordering::Relaxed);
    }
}

/// The router for one connection: adds the peer address (for the rate limit) and counts the
/// request as in progress until its response is ready.
#[derive(Clone)]
struct ConnectionService {
    router: Router,
    peer: SocketAddr,
    activity: Arc<Activity>,
}

impl hyper::service::Service<Request<Incoming>> for ConnectionService {
    type Response = Response;
    type Error = Infallible;
    type Future = Tracked<axum::routing::future::RouteFuture<Infallible>>;

    fn call(&self, mut request: Request<Incoming>) -> Self::Future {
        request.extensions_mut().insert(ConnectInfo(self.peer));
        let busy = self.activity.begin();
        // A Router is always ready and cheap to clone (an Arc).
        let inner = self.router.clone().call(request.map(Body::new));
        Tracked { inner, _busy: busy }
    }
}

pin_project_lite::pin_project! {
    /// The router's future, holding the connection's [`Busy`] mark while it runs.
    struct Tracked<F> {
        #[pin]
        inner: F,
        _busy: Busy,
    }
}

impl<F: Future> Future for Tracked<F> {
    type Output = F::Output;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<F::Output> {
        self.project().inner.poll(cx)
    }
}
