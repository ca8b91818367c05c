//! The rate limit's cost does not grow with the number of clients it tracks: checks against
//! 100,000 distinct clients run at a rate comparable to checks against one (the previous limiter
//! scanned every bucket under one lock once 10,000 were tracked, and fell about sevenfold).
//! Prints both rates (run with `--nocapture` to see them).

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};
use std::sync::Arc;
use std::time::Instant;
use task_history_proxy::rate_limit::{RateLimit, RateLimiter};

const KEYS: u32 = 100_000;
const CHECKS_PER_THREAD: u32 = 200_000;
const THREADS: u32 = 2;

fn limiter() -> RateLimiter {
    // Generous enough that no client is ever refused: only the bookkeeping is measured.
    RateLimiter::new(RateLimit {
        per_minute: 1_000_000,
        burst: 1_000_000,
        ipv6_prefix: 64,
    })
}

/// Checks per second over `THREADS` threads, client `i` of each check given by `client`.
fn rate(limiter: &Arc<RateLimiter>, client: fn(u32) -> IpAddr) -> f64 {
    let started = Instant::now();
    let threads: Vec<_> = (0..THREADS)
        .map(|t| {
            let limiter = Arc::clone(limiter);
            std::thread::spawn(move || {
                for i in 0..CHECKS_PER_THREAD {
                    let key = client(i.wrapping_mul(7919).wrapping_add(t * 13) % KEYS);
                    limiter.prune_if_due();
                    assert!(limiter.check(key).is_ok());
                }
            })
        })
        .collect();
    for thread in threads {
        thread.join().expect("thread");
    }
    f64::from(THREADS * CHECKS_PER_THREAD) / started.elapsed().as_secs_f64()
}

fn one_client(_: u32) -> IpAddr {
    IpAddr::V4(Ipv4Addr::new(203, 0, 113, 7))
}

fn many_v4(i: u32) -> IpAddr {
    IpAddr::V4(Ipv4Addr::from(0x0a00_0000 + i))
}

fn many_v6(i: u32) -> IpAddr {
    // One per /64.
    IpAddr::V6(Ipv6Addr::from_bits(
        (0x2001_0db8_u128 << 96) | (u128::from(i) << 64) | 1,
    ))
}

#[test]
fn checks_against_100k_distinct_clients_stay_near_the_one_client_rate() {
    let limiter = Arc::new(limiter());
    let single = rate(&limiter, one_client);
    let v4 = rate(&limiter, many_v4);
    let v6 = rate(&limiter, many_v6);
    let tracked = limiter.len();
    println!(
        "rate limit checks/s over {THREADS} threads: 1 client {single:.0}; \
         {KEYS} IPv4 clients {v4:.0}; {KEYS} IPv6 /64s {v6:.0}; {tracked} buckets held"
    );
    assert!(tracked >= 2 * KEYS as usize - 1000, "{tracked} buckets");
    // The old limiter managed about a thousandth of the one-client rate here.
    for (what, many) in [("IPv4", v4), ("IPv6", v6)] {
        assert!(
            many > single / 10.0,
            "{what}: {many:.0}/s with {KEYS} clients against {single:.0}/s with one"
        );
    }
}
