//! The wire's timestamps: ISO 8601 as the List Tasks rows carry them, and HTTP dates as a
//! `Retry-After` header may. Plain integer arithmetic, no clock and no time-zone database, so the
//! element's wasm stays small and the proxy and the element read a date the same way.

/// Milliseconds since the Unix epoch, UTC.
pub type EpochMs = f64;

const SECOND: f64 = 1_000.0;

/// Parses the upstream's timestamps: `YYYY-MM-DDTHH:MM[:SS[.fff]]` followed by `Z` or `±HH:MM`
/// (a space may replace the `T`; no zone means UTC). Returns `None` for anything else, so a bad
/// date shows as "no date" instead of a wrong one.
pub fn parse_iso8601(raw: &str) -> Option<EpochMs> {
    let s = raw.trim().as_bytes();
    let num = |from: usize, len: usize| -> Option<i64> {
        let part = s.get(from..from + len)?;
        if !part.iter().all(u8::is_ascii_digit) {
            return None;
        }
        std::str::from_utf8(part).ok()?.parse().ok()
    };
    let year = num(0, 4)?;
    if s.get(4) != Some(&b'-') || s.get(7) != Some(&b'-') {
        return None;
    }
    let (month, day) = (num(5, 2)?, num(8, 2)?);
    if !matches!(s.get(10), Some(b'T' | b't' | b' ')) || s.get(13) != Some(&b':') {
        return None;
    }
    let (hour, minute) = (num(11, 2)?, num(14, 2)?);
    let mut at = 16;
    let mut second = 0;
    let mut millis = 0.0;
    if s.get(at) == Some(&b':') {
        second = num(at + 1, 2)?;
        at += 3;
        if s.get(at) == Some(&b'.') {
            let digits = s[at + 1..]
                .iter()
                .take_while(|b| b.is_ascii_digit())
                .count();
            if digits == 0 {
                return None;
            }
            // Milliseconds from the first three digits; finer digits are dropped. Integer
            // arithmetic keeps float parsing out of the wasm.
            let ms_digits = s[at + 1..at + 1 + digits.min(3)]
                .iter()
                .fold(0u32, |acc, d| acc * 10 + u32::from(d - b'0'));
            millis = f64::from(ms_digits * 10u32.pow(3 - digits.min(3) as u32));
            at += 1 + digits;
        }
    }
    let offset_minutes = match s.get(at) {
        None => 0,
        Some(b'Z' | b'z') if at + 1 == s.len() => 0,
        Some(sign @ (b'+' | b'-')) => {
            let hours = num(at + 1, 2)?;
            let colon = usize::from(s.get(at + 3) == Some(&b':'));
            let minutes = num(at + 3 + colon, 2)?;
            if at + 5 + colon != s.len() || hours > 23 || minutes > 59 {
                return None;
            }
            let total = hours * 60 + minutes;
            if *sign == b'-' { -total } else { total }
        }
        _ => return None,
    };
    let valid = (1..=12).contains(&month)
        && (1..=days_in_month(year, month)).contains(&day)
        && hour <= 23
        && minute <= 59
        && second <= 60;
    if !valid {
        return None;
    }
    let days = days_from_civil(year, month, day);
    let seconds = days * 86_400 + hour * 3_600 + minute * 60 + second - offset_minutes * 60;
    Some(seconds as f64 * SECOND + millis)
}

/// Parses an HTTP date in its IMF-fixdate form, `Sun, 06 Nov 1994 08:49:37 GMT` (RFC 9110
/// §5.6.7: the form every sender must use), as in a `Retry-After` header. `None` for the
/// obsolete forms and anything else.
pub fn parse_http_date(raw: &str) -> Option<EpochMs> {
    const DAY_NAMES: [&str; 7] = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];
    const MONTHS: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    let mut parts = raw.trim().split(' ');
    let mut next = || parts.next();
    let day_name = next()?.strip_suffix(',')?;
    let (day, month, year, time, zone) = (next()?, next()?, next()?, next()?, next()?);
    if next().is_some() || zone != "GMT" || !DAY_NAMES.contains(&day_name) {
        return None;
    }
    let number = |text: &str, digits: usize| -> Option<i64> {
        (text.len() == digits && text.bytes().all(|b| b.is_ascii_digit()))
            .then(|| text.parse().ok())
            .flatten()
    };
    let month = MONTHS.iter().position(|m| *m == month)? as i64 + 1;
    let (year, day) = (number(year, 4)?, number(day, 2)?);
    let mut clock = time.split(':');
    let mut field = |max: i64| {
        clock
            .next()
            .and_then(|t| number(t, 2))
            .filter(|v| *v <= max)
    };
    let (hour, minute, second) = (field(23)?, field(59)?, field(60)?);
    if !(1..=days_in_month(year, month)).contains(&day) {
        return None;
    }
    let seconds = days_from_civil(year, month, day) * 86_400 + hour * 3_600 + minute * 60 + second;
    Some(seconds as f64 * SECOND)
}

fn is_leap(year: i64) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

fn days_in_month(year: i64, month: i64) -> i64 {
    match month {
        2 if is_leap(year) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
fn days_from_civil(year: i64, month: i64, day: i64) -> i64 {
    let year = if month <= 2 { year - 1 } else { year };
    let era = year.div_euclid(400);
    let year_of_era = year - era * 400;
    let month_index = (month + 9) % 12;
    let day_of_year = (153 * month_index + 2) / 5 + day - 1;
    let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    era * 146_097 + day_of_era - 719_468
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(raw: &str) -> EpochMs {
        parse_iso8601(raw).expect("valid timestamp")
    }

    #[test]
    fn iso8601_parses_the_upstream_forms_and_refuses_the_rest() {
        let cases: &[(&str, Option<f64>)] = &[
            ("1970-01-01T00:00:00.000Z", Some(0.0)),
            ("2026-05-20T15:00:00.000Z", Some(1_779_289_200_000.0)),
            ("2026-05-20T15:00:00Z", Some(1_779_289_200_000.0)),
            ("2026-05-20T15:00Z", Some(1_779_289_200_000.0)),
            ("2026-05-20 15:00:00", Some(1_779_289_200_000.0)),
            ("2026-05-20T20:30:00+05:30", Some(1_779_289_200_000.0)),
            ("2026-05-20T10:00:00-0500", Some(1_779_289_200_000.0)),
            ("2026-05-20T15:00:00.5Z", Some(1_779_289_200_500.0)),
            ("2026-05-20T15:00:00.123456Z", Some(1_779_289_200_123.0)),
            ("2024-02-29T00:00:00Z", Some(1_709_164_800_000.0)),
            ("1900-01-01T00:00:00Z", Some(-2_208_988_800_000.0)),
            ("2023-02-29T00:00:00Z", None),
            ("2026-13-01T00:00:00Z", None),
            ("2026-05-20", None),
            ("2026-05-20T25:00:00Z", None),
            ("2026-05-20T15:00:00.Z", None),
            ("2026-05-20T15:00:00Zjunk", None),
            ("2026-05-20T15:00:00+5", None),
            ("yesterday", None),
            ("", None),
            ("2026-05-20T15:00:00+٠٥:٠٠", None),
        ];
        for (raw, expected) in cases {
            assert_eq!(parse_iso8601(raw), *expected, "{raw:?}");
        }
    }

    #[test]
    fn http_dates_parse_in_the_imf_fixdate_form_only() {
        assert_eq!(
            parse_http_date("Sun, 06 Nov 1994 08:49:37 GMT"),
            Some(at("1994-11-06T08:49:37Z"))
        );
        assert_eq!(
            parse_http_date(" Thu, 29 Feb 2024 23:59:60 GMT "),
            Some(at("2024-03-01T00:00:00Z"))
        );
        for bad in [
            "",
            "30",
            "Sunday, 06-Nov-94 08:49:37 GMT",
            "Sun Nov  6 08:49:37 1994",
            "Sun, 06 Nov 1994 08:49:37 UTC",
            "Sun, 6 Nov 1994 08:49:37 GMT",
            "Sun, 06 Nov 1994 08:49 GMT",
            "Sun, 06 Nov 1994 24:00:00 GMT",
            "Sun, 31 Nov 1994 08:49:37 GMT",
            "Sun, 29 Feb 2023 08:49:37 GMT",
            "Sun, 06 Foo 1994 08:49:37 GMT",
            "Xyz, 06 Nov 1994 08:49:37 GMT",
            "Sun, 06 Nov 1994 08:49:37 GMT extra",
        ] {
            assert_eq!(parse_http_date(bad), None, "{bad:?}");
        }
    }
}
