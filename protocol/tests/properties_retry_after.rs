//! Property tests of `retry_after_secs`: delta-seconds as given (at least 1, saturating), an HTTP
//! date as the seconds from `now` rounded up (at least 1), and nothing else.

mod support;

use std::time::{Duration, SystemTime};

use proptest::prelude::*;
use support::check;
use task_history_protocol::retry_after::retry_after_secs;
use task_history_protocol::timestamp::parse_http_date;

/// The last second `httpdate` formats: 9999-12-31T23:59:59Z.
const HTTPDATE_MAX_SECS: u64 = 253_402_300_799;

/// Header values: arbitrary text, digit strings of any length, and near misses.
fn raw_value() -> impl Strategy<Value = String> {
    prop_oneof![
        any::<String>(),
        "[ \t]{0,2}[0-9]{1,30}[ \t]{0,2}",
        "[-+]?[0-9]{1,5}([.eE][0-9]{1,2})?",
        "[0-9٠-٩０-９]{1,3}",
        "[A-Z][a-z]{2}, [0-9]{2} [A-Z][a-z]{2} [0-9]{4} [0-9]{2}:[0-9]{2}:[0-9]{2} G?MT",
    ]
}

/// Any `now`, including NaN, infinities and far-off dates.
fn any_now() -> impl Strategy<Value = f64> {
    prop_oneof![
        any::<f64>(),
        (0..=HTTPDATE_MAX_SECS * 1_000).prop_map(|ms| ms as f64)
    ]
}

/// Whole seconds from `now_ms` until `at_ms`, rounded up, exactly (integer arithmetic).
fn ceil_secs(at_ms: i64, now_ms: i64) -> i64 {
    let ms = at_ms - now_ms;
    ms.div_euclid(1_000) + i64::from(ms.rem_euclid(1_000) != 0)
}

#[test]
fn retry_after_never_panics_and_is_at_least_one_second() {
    check(
        "retry_after_never_panics_and_is_at_least_one_second",
        (raw_value(), any_now()),
        |(raw, now)| {
            if let Some(secs) = retry_after_secs(&raw, now) {
                prop_assert!(secs >= 1, "{raw:?} at {now} -> {secs}");
            }
            Ok(())
        },
    );
}

#[test]
fn delta_seconds_are_that_number_at_least_one_and_saturating() {
    let digits = ("[ \t\n]{0,2}", "0{0,3}[0-9]{1,30}", "[ \t\n]{0,2}");
    check(
        "delta_seconds_are_that_number_at_least_one_and_saturating",
        (digits, any_now()),
        |((before, number, after), now)| {
            let raw = format!("{before}{number}{after}");
            // u128 holds 38 digits; anything longer is past u64 anyway.
            let significant = number.trim_start_matches('0');
            let value = if significant.len() > 38 {
                u128::MAX
            } else {
                significant.parse::<u128>().unwrap_or(0)
            };
            let expected = u64::try_from(value).unwrap_or(u64::MAX).max(1);
            prop_assert_eq!(retry_after_secs(&raw, now), Some(expected), "{:?}", raw);
            Ok(())
        },
    );
}

#[test]
fn a_date_is_the_seconds_from_now_rounded_up_and_at_least_one() {
    // Dates and clocks within about a day of each other, and anywhere in httpdate's range.
    let near = (86_400..=HTTPDATE_MAX_SECS - 86_400).prop_flat_map(|secs| {
        (
            Just(secs),
            secs as i64 * 1_000 - 86_400_000..=secs as i64 * 1_000 + 86_400_000,
        )
    });
    let far = (0..=HTTPDATE_MAX_SECS, 0..=HTTPDATE_MAX_SECS as i64 * 1_000);
    check(
        "a_date_is_the_seconds_from_now_rounded_up_and_at_least_one",
        prop_oneof![near, far],
        |(secs, now_ms)| {
            let raw = httpdate::fmt_http_date(SystemTime::UNIX_EPOCH + Duration::from_secs(secs));
            let expected = ceil_secs(secs as i64 * 1_000, now_ms).max(1) as u64;
            prop_assert_eq!(
                retry_after_secs(&raw, now_ms as f64),
                Some(expected),
                "{} at {}",
                raw,
                now_ms
            );
            Ok(())
        },
    );
}

#[test]
fn anything_but_digits_or_an_http_date_is_refused() {
    check(
        "anything_but_digits_or_an_http_date_is_refused",
        (raw_value(), any_now()),
        |(raw, now)| {
            let trimmed = raw.trim();
            let digits = !trimmed.is_empty() && trimmed.bytes().all(|b| b.is_ascii_digit());
            let date = parse_http_date(&raw).is_some();
            prop_assert_eq!(
                retry_after_secs(&raw, now).is_some(),
                digits || date,
                "{:?}",
                raw
            );
            Ok(())
        },
    );
}
