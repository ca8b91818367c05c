//! Property tests of the `Retry-After` the proxy sends: an upstream 429's value becomes whole
//! seconds from 1 to a day (`MAX_RETRY_AFTER_SECS`), delta-seconds as given and an HTTP date
//! counted from the proxy's clock and rounded up, or no header for anything else; and the rate
//! limiter's own wait is at least a second, at most the quota's interval rounded up, and enough:
//! a client that waits that long is let in.
#![allow(clippy::unwrap_used)]

#[path = "../../protocol/tests/support/mod.rs"]
mod support;

use axum::http::HeaderValue;
use governor::clock::FakeRelativeClock;
use proptest::prelude::*;
use std::net::{IpAddr, Ipv4Addr};
use std::time::{Duration, SystemTime, UNIX_EPOCH};
use support::check;
use task_history_proxy::rate_limit::{RateLimit, RateLimiter};
use task_history_proxy::upstream::{MAX_RETRY_AFTER_SECS, client_retry_after};

/// The last second `httpdate` formats: 9999-12-31T23:59:59Z.
const HTTPDATE_MAX_SECS: u64 = 253_402_300_799;

fn at(ms: u64) -> SystemTime {
    UNIX_EPOCH + Duration::from_millis(ms)
}

/// Header values: any bytes a header may hold, digit strings of any length, near misses, dates.
fn header_bytes() -> impl Strategy<Value = Vec<u8>> {
    prop_oneof![
        any::<Vec<u8>>(),
        "[ \t]{0,2}0{0,3}[0-9]{1,25}[ \t]{0,2}".prop_map(String::into_bytes),
        "[-+]?[0-9]{1,6}([.eE][0-9]{1,2})?".prop_map(String::into_bytes),
        "[A-Z][a-z]{2}, [0-9]{2} [A-Z][a-z]{2} [0-9]{4} [0-9]{2}:[0-9]{2}:[0-9]{2} G?MT"
            .prop_map(String::into_bytes),
    ]
}

#[test]
fn an_upstream_retry_after_is_a_second_to_a_day_or_nothing() {
    let now = prop_oneof![Just(0u64), 0..=HTTPDATE_MAX_SECS * 1_000];
    check(
        "an_upstream_retry_after_is_a_second_to_a_day_or_nothing",
        (header_bytes(), now),
        |(bytes, now_ms)| {
            // A value hyper would not have delivered as a header is not a case.
            let Ok(value) = HeaderValue::from_bytes(&bytes) else {
                return Ok(());
            };
            let passed = client_retry_after(&value, at(now_ms));
            let text = value.to_str().ok().map(str::trim);
            match text {
                Some(t) if !t.is_empty() && t.bytes().all(|b| b.is_ascii_digit()) => {
                    let n = t.parse::<u64>().unwrap_or(u64::MAX);
                    prop_assert_eq!(passed, Some(n.clamp(1, MAX_RETRY_AFTER_SECS)));
                }
                _ => {
                    if let Some(secs) = passed {
                        prop_assert!((1..=MAX_RETRY_AFTER_SECS).contains(&secs));
                    }
                }
            }
            Ok(())
        },
    );
}

#[test]
fn an_upstream_http_date_is_counted_from_the_proxy_clock_and_clamped() {
    let cases = (0..=HTTPDATE_MAX_SECS, 0..=HTTPDATE_MAX_SECS * 1_000);
    check(
        "an_upstream_http_date_is_counted_from_the_proxy_clock_and_clamped",
        cases,
        |(date_secs, now_ms)| {
            let date = httpdate::fmt_http_date(UNIX_EPOCH + Duration::from_secs(date_secs));
            let value = HeaderValue::from_str(&date).unwrap();
            let ms = i128::from(date_secs) * 1_000 - i128::from(now_ms);
            let secs = ms.div_euclid(1_000) + i128::from(ms.rem_euclid(1_000) != 0);
            let expected = secs.clamp(1, i128::from(MAX_RETRY_AFTER_SECS)) as u64;
            prop_assert_eq!(
                client_retry_after(&value, at(now_ms)),
                Some(expected),
                "{}",
                date
            );
            Ok(())
        },
    );
}

#[test]
fn the_rate_limiter_waits_at_least_a_second_and_long_enough() {
    let cases = (1..=100_000u32, 1..=50u32, 0..=3u32, 0..=120_000u64);
    check(
        "the_rate_limiter_waits_at_least_a_second_and_long_enough",
        cases,
        |(per_minute, burst, extra, idle_ms)| {
            let clock = FakeRelativeClock::default();
            let limit = RateLimit {
                per_minute,
                burst,
                ipv6_prefix: 64,
            };
            let limiter = RateLimiter::with_clock(limit, clock.clone());
            let client = IpAddr::V4(Ipv4Addr::new(192, 0, 2, 1));
            clock.advance(Duration::from_millis(idle_ms));
            // The burst is allowed at once, then a request is refused with a wait.
            for _ in 0..burst {
                prop_assert_eq!(limiter.check(client), Ok(()));
            }
            let interval = 60.0 / f64::from(per_minute);
            for _ in 0..=extra {
                // At one instant, no more than the burst gets through.
                let Some(wait) = (0..=burst).find_map(|_| limiter.check(client).err()) else {
                    return Err(TestCaseError::fail("allowed beyond the burst"));
                };
                prop_assert!(wait >= 1, "{}", wait);
                prop_assert!(
                    wait as f64 <= interval.ceil().max(1.0),
                    "{} > {}",
                    wait,
                    interval
                );
                // Retrying after the announced wait succeeds.
                clock.advance(Duration::from_secs(wait));
                prop_assert_eq!(limiter.check(client), Ok(()));
            }
            Ok(())
        },
    );
}
