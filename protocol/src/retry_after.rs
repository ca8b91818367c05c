//! `Retry-After` (RFC 9110 §10.2.3) read as a wait in whole seconds: the element shows it, the
//! proxy passes it on in one form. The clock is an input.

use crate::timestamp::{EpochMs, parse_http_date};

/// Delta-seconds as given, or an HTTP date counted from `now` (rounded up); at least 1 either
/// way: "0" or a date already past mean "now", and waiting 0 s would invite a hot loop. `None`
/// for anything else.
pub fn retry_after_secs(raw: &str, now: EpochMs) -> Option<u64> {
    let raw = raw.trim();
    if !raw.is_empty() && raw.bytes().all(|b| b.is_ascii_digit()) {
        // All digits but too long for u64: the server means "a very long time".
        return Some(raw.parse::<u64>().unwrap_or(u64::MAX).max(1));
    }
    let at = parse_http_date(raw)?;
    let secs = ((at - now) / 1_000.0).ceil().max(1.0);
    // A float-to-int cast saturates; no wait comes anywhere near u64::MAX seconds.
    Some(secs as u64)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::timestamp::parse_iso8601;

    #[test]
    fn seconds_or_a_date_from_now() {
        let now = parse_iso8601("2026-10-21T07:27:00Z").expect("date");
        for (raw, expected) in [
            ("7", Some(7)),
            ("0", Some(1)),
            ("99999999999999999999999", Some(u64::MAX)),
            (" 30 ", Some(30)),
            ("Wed, 21 Oct 2026 07:29:00 GMT", Some(120)),
            ("Wed, 21 Oct 2026 07:27:00 GMT", Some(1)),
            ("Tue, 20 Oct 2026 07:27:00 GMT", Some(1)),
            ("soon", None),
            ("-5", None),
            ("", None),
        ] {
            assert_eq!(retry_after_secs(raw, now), expected, "{raw:?}");
        }
        assert_eq!(
            retry_after_secs("Wed, 21 Oct 2026 07:27:01 GMT", now + 500.0),
            Some(1),
            "half a second left rounds up"
        );
    }
}
