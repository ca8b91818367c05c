//! Coalescing: identical concurrent List Tasks requests share one upstream call.
//!
//! The first request for a key spawns the upstream call; later ones for the same key, while it
//! runs, await the same outcome. The entry is removed when the call ends, so nothing is cached.
//! The call runs in its own task so one impatient client disconnecting cannot cancel it for the
//! others.

use crate::error::ProxyError;
use crate::forward::TaskListRequest;
use bytes::Bytes;
use futures_util::FutureExt as _;
use futures_util::future::{BoxFuture, Shared};
use std::collections::HashMap;
use std::future::Future;
use std::sync::{Arc, Mutex};

/// The outcome every waiter of one upstream call receives.
pub type Outcome = Result<Bytes, ProxyError>;

type InFlight = Arc<Mutex<HashMap<TaskListRequest, Shared<BoxFuture<'static, Outcome>>>>>;

/// In-flight upstream calls keyed by the validated request.
#[derive(Debug, Default)]
pub struct Coalescer {
    in_flight: InFlight,
}

impl Coalescer {
    /// Joins the in-flight call for `key`, or starts one with `call`.
    pub async fn run<F, Fut>(&self, key: TaskListRequest, call: F) -> Outcome
    where
        F: FnOnce() -> Fut,
        Fut: Future<Output = Outcome> + Send + 'static,
    {
        let shared = {
            let mut in_flight = self.in_flight.lock().expect("coalescer lock");
            match in_flight.get(&key) {
                Some(existing) => {
                    tracing::debug!(lead = %key.lead, "joined an in-flight upstream call");
                    existing.clone()
                }
                None => {
                    let registry = Arc::clone(&self.in_flight);
                    let upstream = call();
                    // Spawned while the lock is held: its removal below waits for this insert.
                    let task = tokio::spawn(async move {
                        let outcome = upstream.await;
                        registry.lock().expect("coalescer lock").remove(&key);
                        outcome
                    });
                    let shared = task
                        .map(|joined| joined.unwrap_or(Err(ProxyError::Internal)))
                        .boxed()
                        .shared();
                    in_flight.insert(key, shared.clone());
                    shared
                }
            }
        };
        shared.await
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
}
