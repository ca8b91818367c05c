//! Per-client rate limit: a GCRA bucket (the `governor` crate's keyed limiter) per client: an
//! IPv4 address, or an IPv6 prefix (a /64 by default: one subscriber's or one host's share, which
//! an attacker holding a /64 cannot split into 2^64 buckets). The client is the peer, or the one
//! trusted proxies in front forwarded for ([`crate::client_ip`]).
//!
//! The buckets live in a sharded map, so a check locks one shard, never the whole table. Buckets
//! that have refilled (indistinguishable from new ones) are dropped every ten seconds, by a
//! blocking task the first request after the interval starts, so neither memory nor a request's
//! latency grows with the number of distinct clients.

use crate::client_ip::TrustedProxies;
use crate::error::ProxyError;
use crate::metrics::Metrics;
use axum::extract::{ConnectInfo, Request};
use axum::http::HeaderName;
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use governor::clock::{Clock, DefaultClock, Reference as _};
use governor::state::keyed::DashMapStateStore;
use governor::{Quota, middleware::NoOpMiddleware};
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr};
use std::num::NonZeroU32;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::time::Duration;

const X_FORWARDED_FOR: HeaderName = HeaderName::from_static("x-forwarded-for");

/// How often refilled buckets are dropped.
const PRUNE_EVERY: Duration = Duration::from_secs(10);

/// Rate limit settings: a sustained rate, a burst allowance, and how IPv6 clients are grouped.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RateLimit {
    /// Sustained requests per minute per client; 0 turns the limit off.
    pub per_minute: u32,
    /// Requests a client may make at once before the sustained rate applies (at least 1).
    pub burst: u32,
    /// IPv6 clients whose addresses share this many leading bits (1 to 128) share a bucket.
    pub ipv6_prefix: u8,
}

type Keyed<C> = governor::RateLimiter<
    IpAddr,
    DashMapStateStore<IpAddr>,
    C,
    NoOpMiddleware<<C as Clock>::Instant>,
>;

/// Buckets keyed by client (IPv4 address or IPv6 prefix).
#[derive(Debug)]
pub struct RateLimiter<C: Clock = DefaultClock> {
    /// `None` when the limit is off.
    buckets: Option<Arc<Keyed<C>>>,
    ipv6_mask: u128,
    /// The clock's reading at start, for [`Self::last_prune_ms`].
    started: Option<C::Instant>,
    /// Milliseconds after `started` when the last prune was started.
    last_prune_ms: AtomicU64,
    pruning: Arc<AtomicBool>,
}

impl RateLimiter {
    /// A limiter with empty history, on the monotonic clock.
    pub fn new(limit: RateLimit) -> Self {
        Self::with_clock(limit, DefaultClock::default())
    }
}

impl<C: Clock + Send + Sync + 'static> RateLimiter<C> {
    /// A limiter on `clock` (tests use a fake one).
    pub fn with_clock(limit: RateLimit, clock: C) -> Self {
        let buckets = NonZeroU32::new(limit.per_minute).map(|per_minute| {
            let burst = NonZeroU32::new(limit.burst).unwrap_or(NonZeroU32::MIN);
            Arc::new(Keyed::dashmap_with_clock(
                Quota::per_minute(per_minute).allow_burst(burst),
                clock,
            ))
        });
        let prefix = u32::from(limit.ipv6_prefix.clamp(1, 128));
        Self {
            started: buckets.as_ref().map(|b| b.clock().now()),
            buckets,
            ipv6_mask: u128::MAX << (128 - prefix),
            last_prune_ms: AtomicU64::new(0),
            pruning: Arc::new(AtomicBool::new(false)),
        }
    }

    /// The bucket a client address counts against.
    pub fn key(&self, client: IpAddr) -> IpAddr {
        match client.to_canonical() {
            v4 @ IpAddr::V4(_) => v4,
            IpAddr::V6(v6) => IpAddr::V6(Ipv6Addr::from_bits(v6.to_bits() & self.ipv6_mask)),
        }
    }

    /// Takes one request from `client`'s bucket, or says how many whole seconds until one is
    /// free (at least 1: `Retry-After: 0` invites a hot loop).
    pub fn check(&self, client: IpAddr) -> Result<(), u64> {
        let Some(buckets) = &self.buckets else {
            return Ok(());
        };
        match buckets.check_key(&self.key(client)) {
            Ok(()) => Ok(()),
            Err(not_until) => {
                let wait = not_until.wait_time_from(buckets.clock().now());
                Err(wait.as_secs_f64().ceil().max(1.0) as u64)
            }
        }
    }

    /// Drops refilled buckets if the last prune is ten seconds old: in the background when a
    /// runtime is there to run it, here otherwise.
    pub fn prune_if_due(&self) {
        let (Some(buckets), Some(started)) = (&self.buckets, self.started) else {
            return;
        };
        let elapsed = buckets.clock().now().duration_since(started).as_u64() / 1_000_000;
        let last = self.last_prune_ms.load(Ordering::Relaxed);
        if elapsed.saturating_sub(last) < PRUNE_EVERY.as_millis() as u64
            || self
                .last_prune_ms
                .compare_exchange(last, elapsed, Ordering::Relaxed, Ordering::Relaxed)
                .is_err()
            || self.pruning.swap(true, Ordering::Acquire)
        {
            return;
        }
        let (buckets, pruning) = (Arc::clone(buckets), Arc::clone(&self.pruning));
        let prune = move || {
            buckets.retain_recent();
            buckets.shrink_to_fit();
            pruning.store(false, Ordering::Release);
        };
        match tokio::runtime::Handle::try_current() {
            Ok(runtime) => drop(runtime.spawn_blocking(prune)),
            Err(_) => prune(),
        }
    }

    /// How many buckets are held (an estimate while requests run).
    pub fn len(&self) -> usize {
        self.buckets.as_ref().map_or(0, |b| b.len())
    }

    /// Whether no bucket is held.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// Middleware step: 429 with `Retry-After` once the client's bucket is empty. The client is the
/// peer address, or the one `trusted` proxies in front of us forwarded for.
pub async fn handle(
    limiter: &RateLimiter,
    trusted: &TrustedProxies,
    metrics: &Metrics,
    request: Request,
    next: Next,
) -> Response {
    // Without a peer address (in-process tests), all requests share one bucket.
    let peer = request
        .extensions()
        .get::<ConnectInfo<SocketAddr>>()
        .map_or(IpAddr::V4(Ipv4Addr::UNSPECIFIED), |c| c.0.ip());
    let client = if trusted.is_empty() {
        peer
    } else {
        let forwarded = request.headers().get_all(X_FORWARDED_FOR).iter();
        trusted.client_ip(peer, forwarded.filter_map(|value| value.to_str().ok()))
    };
    limiter.prune_if_due();
    match limiter.check(client) {
        Ok(()) => next.run(request).await,
        Err(retry_after_secs) => {
            metrics.rate_limited();
            ProxyError::RateLimited { retry_after_secs }.into_response()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use governor::clock::FakeRelativeClock;

    const A: IpAddr = IpAddr::V4(Ipv4Addr::new(10, 0, 0, 1));
    const B: IpAddr = IpAddr::V4(Ipv4Addr::new(10, 0, 0, 2));

    fn limit(per_minute: u32, burst: u32) -> RateLimit {
        RateLimit {
            per_minute,
            burst,
            ipv6_prefix: 64,
        }
    }

    fn ip(raw: &str) -> IpAddr {
        raw.parse().expect("address")
    }

    #[test]
    fn burst_then_refused_with_seconds_until_next_token() {
        let clock = FakeRelativeClock::default();
        let limiter = RateLimiter::with_clock(limit(6, 2), clock.clone());
        assert_eq!(limiter.check(A), Ok(()));
        assert_eq!(limiter.check(A), Ok(()));
        // 6 per minute is one token per 10 s.
        assert_eq!(limiter.check(A), Err(10));
        clock.advance(Duration::from_secs(4));
        assert_eq!(limiter.check(A), Err(6));
        clock.advance(Duration::from_secs(6));
        assert_eq!(limiter.check(A), Ok(()));
    }

    #[test]
    fn clients_have_separate_buckets() {
        let limiter = RateLimiter::new(limit(60, 1));
        assert_eq!(limiter.check(A), Ok(()));
        assert!(limiter.check(A).is_err());
        assert_eq!(limiter.check(B), Ok(()));
    }

    #[test]
    fn ipv6_clients_share_a_bucket_per_prefix() {
        let limiter = RateLimiter::new(limit(60, 1));
        assert_eq!(limiter.check(ip("2001:db8:1:2::a")), Ok(()));
        assert!(
            limiter
                .check(ip("2001:db8:1:2:ffff:ffff:ffff:ffff"))
                .is_err()
        );
        assert_eq!(limiter.check(ip("2001:db8:1:3::a")), Ok(()));
        let wide = RateLimiter::new(RateLimit {
            ipv6_prefix: 48,
            ..limit(60, 1)
        });
        assert_eq!(wide.check(ip("2001:db8:1:2::a")), Ok(()));
        assert!(wide.check(ip("2001:db8:1:ffff::a")).is_err());
        let exact = RateLimiter::new(RateLimit {
            ipv6_prefix: 128,
            ..limit(60, 1)
        });
        assert_eq!(exact.check(ip("2001:db8::1")), Ok(()));
        assert_eq!(exact.check(ip("2001:db8::2")), Ok(()));
    }

    #[test]
    fn ipv4_mapped_ipv6_counts_as_its_ipv4_address() {
        let limiter = RateLimiter::new(limit(60, 1));
        assert_eq!(limiter.key(ip("::ffff:10.0.0.1")), A);
        assert_eq!(limiter.check(ip("::ffff:10.0.0.1")), Ok(()));
        assert!(limiter.check(A).is_err());
        // Other IPv4-mapped clients are not lumped into the mapped range's /64.
        assert_eq!(limiter.check(ip("::ffff:10.0.0.2")), Ok(()));
    }

    #[test]
    fn zero_per_minute_disables_the_limit() {
        let limiter = RateLimiter::new(limit(0, 1));
        assert!((0..1000).all(|_| limiter.check(A).is_ok()));
        assert!(limiter.is_empty());
    }

    #[test]
    fn refilled_buckets_are_pruned_every_ten_seconds() {
        let clock = FakeRelativeClock::default();
        let limiter = RateLimiter::with_clock(limit(60, 1), clock.clone());
        for i in 0..1000u32 {
            limiter
                .check(IpAddr::V4(Ipv4Addr::from(i)))
                .expect("first request");
        }
        limiter.prune_if_due();
        assert_eq!(limiter.len(), 1000, "not due yet");
        clock.advance(Duration::from_secs(11));
        // No runtime here: the prune runs inline.
        limiter.prune_if_due();
        assert_eq!(limiter.len(), 0, "every bucket had refilled");
    }
}
