//! Per-client rate limit: a token bucket per client IP address (the peer's, or the one trusted
//! proxies in front forwarded for: [`crate::client_ip`]).

use crate::client_ip::TrustedProxies;
use crate::error::ProxyError;
use axum::extract::{ConnectInfo, Request};
use axum::http::HeaderName;
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use std::collections::HashMap;
use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::sync::Mutex;
use std::time::Instant;

const X_FORWARDED_FOR: HeaderName = HeaderName::from_static("x-forwarded-for");

/// Above this many tracked clients, idle (full) buckets are dropped, so a flood of distinct
/// addresses cannot grow memory without bound.
const PRUNE_ABOVE: usize = 10_000;

/// Rate limit settings: a sustained rate and a burst allowance.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RateLimit {
    /// Sustained requests per minute per client; 0 turns the limit off.
    pub per_minute: u32,
    /// Requests a client may make at once before the sustained rate applies (at least 1).
    pub burst: u32,
}

#[derive(Debug, Clone, Copy)]
struct Bucket {
    tokens: f64,
    updated: Instant,
}

/// Token buckets keyed by client IP.
#[derive(Debug)]
pub struct RateLimiter {
    limit: RateLimit,
    buckets: Mutex<HashMap<IpAddr, Bucket>>,
}

impl RateLimiter {
    /// A limiter with empty history.
    pub fn new(limit: RateLimit) -> Self {
        Self {
            limit,
            buckets: Mutex::new(HashMap::new()),
        }
    }

    /// Takes one token for `client` at `now`, or says how many whole seconds until one is free.
    pub fn check(&self, client: IpAddr, now: Instant) -> Result<(), u64> {
        if self.limit.per_minute == 0 {
            return Ok(());
        }
        let rate = f64::from(self.limit.per_minute) / 60.0;
        let capacity = f64::from(self.limit.burst.max(1));
        let mut buckets = self.buckets.lock().expect("rate limiter lock");
        if buckets.len() > PRUNE_ABOVE {
            buckets.retain(|_, b| refill(*b, now, rate, capacity).tokens < capacity);
        }
        let bucket = buckets.entry(client).or_insert(Bucket {
            tokens: capacity,
            updated: now,
        });
        *bucket = refill(*bucket, now, rate, capacity);
        if bucket.tokens >= 1.0 {
            bucket.tokens -= 1.0;
            Ok(())
        } else {
            let wait = (1.0 - bucket.tokens) / rate;
            // Whole seconds, rounded up, and never 0: `Retry-After: 0` invites a hot loop.
            Err((wait.ceil() as u64).max(1))
        }
    }
}

fn refill(bucket: Bucket, now: Instant, rate: f64, capacity: f64) -> Bucket {
    let elapsed = now.saturating_duration_since(bucket.updated).as_secs_f64();
    Bucket {
        tokens: (bucket.tokens + elapsed * rate).min(capacity),
        updated: now,
    }
}

/// Middleware step: 429 with `Retry-After` once the client's bucket is empty. The client is the
/// peer address, or the one `trusted` proxies in front of us forwarded for.
pub async fn handle(
    limiter: &RateLimiter,
    trusted: &TrustedProxies,
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
    match limiter.check(client, Instant::now()) {
        Ok(()) => next.run(request).await,
        Err(retry_after_secs) => ProxyError::RateLimited { retry_after_secs }.into_response(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    const A: IpAddr = IpAddr::V4(Ipv4Addr::new(10, 0, 0, 1));
    const B: IpAddr = IpAddr::V4(Ipv4Addr::new(10, 0, 0, 2));

    #[test]
    fn burst_then_refused_with_seconds_until_next_token() {
        let limiter = RateLimiter::new(RateLimit {
            per_minute: 6,
            burst: 2,
        });
        let t0 = Instant::now();
        assert_eq!(limiter.check(A, t0), Ok(()));
        assert_eq!(limiter.check(A, t0), Ok(()));
        // 6 per minute is one token per 10 s.
        assert_eq!(limiter.check(A, t0), Err(10));
        assert_eq!(limiter.check(A, t0 + Duration::from_secs(4)), Err(6));
        assert_eq!(limiter.check(A, t0 + Duration::from_secs(10)), Ok(()));
    }

    #[test]
    fn clients_have_separate_buckets() {
        let limiter = RateLimiter::new(RateLimit {
            per_minute: 60,
            burst: 1,
        });
        let t0 = Instant::now();
        assert_eq!(limiter.check(A, t0), Ok(()));
        assert!(limiter.check(A, t0).is_err());
        assert_eq!(limiter.check(B, t0), Ok(()));
    }

    #[test]
    fn zero_per_minute_disables_the_limit() {
        let limiter = RateLimiter::new(RateLimit {
            per_minute: 0,
            burst: 1,
        });
        let t0 = Instant::now();
        assert!((0..1000).all(|_| limiter.check(A, t0).is_ok()));
    }

    #[test]
    fn idle_clients_are_pruned_past_the_bound() {
        let limiter = RateLimiter::new(RateLimit {
            per_minute: 60,
            burst: 1,
        });
        let t0 = Instant::now();
        for i in 0..=PRUNE_ABOVE as u32 {
            limiter
                .check(IpAddr::V4(Ipv4Addr::from(i)), t0)
                .expect("first request");
        }
        limiter
            .check(A, t0 + Duration::from_secs(5))
            .expect("first request");
        let tracked = limiter.buckets.lock().expect("lock").len();
        assert!(tracked < 10, "{tracked} buckets kept");
    }
}
