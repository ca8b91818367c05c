//! Coalescing: identical concurrent List Tasks requests share one upstream call.
//!
//! The first request for a key starts the upstream call; later ones for the same key, while it
//! runs, await the same outcome. The call is driven by whichever of its waiters is polled, so
//! one impatient client leaving does not cancel it for the others, and it ends when the last
//! waiter is gone (a client that disconnects drops its request): a flood of requests to a hung
//! upstream holds no upstream connection once its clients have left. The registry holds only a
//! weak reference, and the entry is removed when the call completes or is cancelled, so nothing
//! is cached.

use crate::error::ProxyError;
use crate::forward::TaskListRequest;
use crate::metrics::Metrics;
use bytes::Bytes;
use futures_util::FutureExt as _;
use futures_util::future::{BoxFuture, WeakShared};
use std::collections::HashMap;
use std::future::Future;
use std::panic::AssertUnwindSafe;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};

/// The outcome every waiter of one upstream call receives.
pub type Outcome = Result<Bytes, ProxyError>;

type Call = BoxFuture<'static, Outcome>;

#[derive(Debug)]
struct Entry {
    /// Tells this call from a later one for the same key.
    id: u64,
    call: WeakShared<Call>,
}

type InFlight = Arc<Mutex<HashMap<TaskListRequest, Entry>>>;

/// In-flight upstream calls keyed by the validated request.
#[derive(Debug, Default)]
pub struct Coalescer {
    in_flight: InFlight,
    next_id: AtomicU64,
    metrics: Arc<Metrics>,
}

impl Coalescer {
    /// A coalescer counting joined requests in `metrics`.
    pub fn new(metrics: Arc<Metrics>) -> Self {
        Self {
            metrics,
            ..Self::default()
        }
    }

    /// Joins the in-flight call for `key`, or starts one with `call`.
    pub async fn run<F, Fut>(&self, key: TaskListRequest, call: F) -> Outcome
    where
        F: FnOnce() -> Fut,
        Fut: Future<Output = Outcome> + Send + 'static,
    {
        let shared = {
            let mut in_flight = self.in_flight.lock().expect("coalescer lock");
            match in_flight.get(&key).and_then(|entry| entry.call.upgrade()) {
                Some(existing) => {
                    tracing::debug!(lead = %key.lead, "joined an in-flight upstream call");
                    self.metrics.coalesced();
                    existing
                }
                None => {
                    let id = self.next_id.fetch_add(1, Ordering::Relaxed);
                    let registration = Registration {
                        registry: Arc::clone(&self.in_flight),
                        key,
                        id,
                    };
                    let upstream = AssertUnwindSafe(call()).catch_unwind();
                    let shared = async move {
                        // Dropped when the call ends or is cancelled: either way it leaves.
                        let _registration = registration;
                        upstream.await.unwrap_or(Err(ProxyError::Internal))
                    }
                    .boxed()
                    .shared();
                    let weak = shared.downgrade().expect("a new call has not completed");
                    in_flight.insert(key, Entry { id, call: weak });
                    shared
                }
            }
        };
        shared.await
    }

    /// How many calls are registered (in flight, or just ended).
    pub fn len(&self) -> usize {
        self.in_flight.lock().expect("coalescer lock").len()
    }

    /// Whether no call is registered.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// Removes a call's entry when the call ends, unless a later call for the key replaced it.
struct Registration {
    registry: InFlight,
    key: TaskListRequest,
    id: u64,
}

impl Drop for Registration {
    fn drop(&mut self) {
        let mut in_flight = self.registry.lock().expect("coalescer lock");
        if in_flight
            .get(&self.key)
            .is_some_and(|entry| entry.id == self.id)
        {
            in_flight.remove(&self.key);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicUsize, Ordering};
    use std::time::Duration;
    use task_history_protocol::query::{LeadId, PageRequest};

    fn key(lead: u64, page: u32) -> TaskListRequest {
        TaskListRequest {
            lead: LeadId(lead),
            page: PageRequest {
                page,
                page_size: 20,
            },
        }
    }

    async fn slow_call(calls: Arc<AtomicUsize>, body: &'static str) -> Outcome {
        calls.fetch_add(1, Ordering::SeqCst);
        tokio::time::sleep(Duration::from_millis(100)).await;
        Ok(Bytes::from_static(body.as_bytes()))
    }

    #[tokio::test]
    async fn concurrent_identical_requests_share_one_call() {
        let coalescer = Arc::new(Coalescer::default());
        let calls = Arc::new(AtomicUsize::new(0));
        let waiters = (0..8).map(|_| {
            let (coalescer, calls) = (Arc::clone(&coalescer), Arc::clone(&calls));
            tokio::spawn(async move { coalescer.run(key(1, 1), || slow_call(calls, "one")).await })
        });
        for waiter in futures_util::future::join_all(waiters).await {
            assert_eq!(waiter.expect("joined"), Ok(Bytes::from_static(b"one")));
        }
        assert_eq!(calls.load(Ordering::SeqCst), 1);
    }

    #[tokio::test]
    async fn different_pages_and_later_requests_call_again() {
        let coalescer = Coalescer::default();
        let calls = Arc::new(AtomicUsize::new(0));
        let (a, b) = tokio::join!(
            coalescer.run(key(1, 1), || slow_call(Arc::clone(&calls), "p1")),
            coalescer.run(key(1, 2), || slow_call(Arc::clone(&calls), "p2")),
        );
        assert_eq!((a, b), (Ok("p1".into()), Ok("p2".into())));
        coalescer
            .run(key(1, 1), || slow_call(Arc::clone(&calls), "again"))
            .await
            .expect("ok");
        assert_eq!(calls.load(Ordering::SeqCst), 3);
    }

    #[tokio::test]
    async fn a_call_whose_waiters_all_left_is_cancelled() {
        struct Ended(Arc<AtomicUsize>);
        impl Drop for Ended {
            fn drop(&mut self) {
                self.0.fetch_add(1, Ordering::SeqCst);
            }
        }
        let coalescer = Arc::new(Coalescer::default());
        let ended = Arc::new(AtomicUsize::new(0));
        let hung = |ended: Arc<AtomicUsize>| async move {
            let _ended = Ended(ended);
            std::future::pending::<Outcome>().await
        };
        let waiters: Vec<_> = (0..3)
            .map(|_| {
                let (coalescer, ended) = (Arc::clone(&coalescer), Arc::clone(&ended));
                tokio::spawn(async move { coalescer.run(key(7, 1), || hung(ended)).await })
            })
            .collect();
        tokio::time::sleep(Duration::from_millis(50)).await;
        assert_eq!(coalescer.len(), 1);
        waiters[0].abort();
        tokio::time::sleep(Duration::from_millis(20)).await;
        assert_eq!(ended.load(Ordering::SeqCst), 0, "two waiters remain");
        for waiter in &waiters[1..] {
            waiter.abort();
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
        assert_eq!(ended.load(Ordering::SeqCst), 1, "the call was dropped");
        assert!(coalescer.is_empty());
    }

    #[tokio::test]
    async fn a_panicking_call_is_an_internal_error_for_every_waiter() {
        let coalescer = Coalescer::default();
        let (a, b) = tokio::join!(
            coalescer.run(key(9, 1), || async {
                tokio::time::sleep(Duration::from_millis(20)).await;
                panic!("upstream call bug")
            }),
            coalescer.run(key(9, 1), || async { Ok(Bytes::new()) }),
        );
        assert_eq!(
            (a, b),
            (Err(ProxyError::Internal), Err(ProxyError::Internal))
        );
    }
}
