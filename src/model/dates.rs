//! Date rules with no clock and no locale of their own: which relative-time unit to show, and
//! grouping rows by calendar day. Parsing the wire's timestamps is the protocol's
//! ([`task_history_protocol::timestamp`]); the browser's `Intl` does the wording
//! (`crate::intl`); everything that decides *what* to say lives here and is tested natively.

pub use task_history_protocol::timestamp::{EpochMs, parse_iso8601};

const SECOND: f64 = 1_000.0;
const MINUTE: f64 = 60.0 * SECOND;
const HOUR: f64 = 60.0 * MINUTE;
const DAY: f64 = 24.0 * HOUR;

/// A unit `Intl.RelativeTimeFormat` understands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum RelativeUnit {
    /// Seconds (only ever with value 0, which reads "now").
    Second,
    /// Minutes.
    Minute,
    /// Hours.
    Hour,
    /// Days.
    Day,
    /// Weeks.
    Week,
    /// Months.
    Month,
    /// Years.
    Year,
}

impl RelativeUnit {
    /// The unit's name as `Intl.RelativeTimeFormat#format` takes it.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Second => "second",
            Self::Minute => "minute",
            Self::Hour => "hour",
            Self::Day => "day",
            Self::Week => "week",
            Self::Month => "month",
            Self::Year => "year",
        }
    }
}

/// How far `target` is from `now`, in the largest unit that reads naturally: negative values
/// are in the past. Under a minute is `(0, Second)` ("now"), so the label only needs refreshing
/// about once a minute.
pub fn relative_bucket(target: EpochMs, now: EpochMs) -> (i64, RelativeUnit) {
    let diff = target - now;
    let abs = diff.abs();
    let (size, unit) = if abs < MINUTE {
        return (0, RelativeUnit::Second);
    } else if abs < HOUR {
        (MINUTE, RelativeUnit::Minute)
    } else if abs < DAY {
        (HOUR, RelativeUnit::Hour)
    } else if abs < 7.0 * DAY {
        (DAY, RelativeUnit::Day)
    } else if abs < 30.0 * DAY {
        (7.0 * DAY, RelativeUnit::Week)
    } else if abs < 365.0 * DAY {
        (30.0 * DAY, RelativeUnit::Month)
    } else {
        (365.0 * DAY, RelativeUnit::Year)
    };
    // Truncate towards zero: "in 1 hour" until two full hours remain, as people count.
    let value = (abs / size).floor() as i64;
    (if diff < 0.0 { -value } else { value }, unit)
}

/// A calendar day in the display time zone; rows are grouped by the day they were created.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct DayKey {
    /// Year, e.g. 2026.
    pub year: i32,
    /// Month, 1–12.
    pub month: u8,
    /// Day of month, 1–31.
    pub day: u8,
}

impl DayKey {
    /// The UTC calendar day of an instant; the fallback when the time zone cannot be resolved.
    pub fn utc(at: EpochMs) -> Self {
        let days = (at / DAY).floor() as i64;
        // Inverse of days_from_civil (Hinnant's civil_from_days).
        let z = days + 719_468;
        let era = z.div_euclid(146_097);
        let day_of_era = z - era * 146_097;
        let year_of_era =
            (day_of_era - day_of_era / 1_460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
        let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
        let mp = (5 * day_of_year + 2) / 153;
        let day = day_of_year - (153 * mp + 2) / 5 + 1;
        let month = if mp < 10 { mp + 3 } else { mp - 9 };
        let year = year_of_era + era * 400 + i64::from(month <= 2);
        Self {
            year: year as i32,
            month: month as u8,
            day: day as u8,
        }
    }

    /// Reads the `en-US` numeric form `M/D/YYYY` that `Intl.DateTimeFormat` produces with
    /// `numberingSystem: "latn"` (cheaper to get than `formatToParts`). Anything else is `None`.
    pub fn from_us_numeric(formatted: &str) -> Option<Self> {
        let mut parts = formatted.trim().split('/');
        let month: u8 = parts.next()?.parse().ok()?;
        let day: u8 = parts.next()?.parse().ok()?;
        let year: i32 = parts.next()?.parse().ok()?;
        let valid = parts.next().is_none() && (1..=12).contains(&month) && (1..=31).contains(&day);
        valid.then_some(Self { year, month, day })
    }
}

/// Groups items into runs of the same day, keeping their order (the API's newest-first order);
/// items without a day (unparseable date) form their own runs under `None`.
pub fn group_by_day<T>(
    items: impl IntoIterator<Item = T>,
    day_of: impl Fn(&T) -> Option<DayKey>,
) -> Vec<(Option<DayKey>, Vec<T>)> {
    let mut groups: Vec<(Option<DayKey>, Vec<T>)> = Vec::new();
    for item in items {
        let key = day_of(&item);
        match groups.last_mut() {
            Some((last, members)) if *last == key => members.push(item),
            _ => groups.push((key, vec![item])),
        }
    }
    groups
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(raw: &str) -> EpochMs {
        parse_iso8601(raw).expect("valid timestamp")
    }

    #[test]
    fn relative_bucket_picks_the_largest_natural_unit() {
        let now = at("2026-05-20T12:00:00Z");
        let cases: &[(&str, (i64, RelativeUnit))] = &[
            ("2026-05-20T12:00:30Z", (0, RelativeUnit::Second)),
            ("2026-05-20T11:59:01Z", (0, RelativeUnit::Second)),
            ("2026-05-20T12:01:00Z", (1, RelativeUnit::Minute)),
            ("2026-05-20T11:15:00Z", (-45, RelativeUnit::Minute)),
            ("2026-05-20T15:00:00Z", (3, RelativeUnit::Hour)),
            ("2026-05-20T13:59:00Z", (1, RelativeUnit::Hour)),
            ("2026-05-19T08:30:00Z", (-1, RelativeUnit::Day)),
            ("2026-05-15T10:00:00Z", (-5, RelativeUnit::Day)),
            ("2026-06-03T12:00:00Z", (2, RelativeUnit::Week)),
            ("2026-09-20T12:00:00Z", (4, RelativeUnit::Month)),
            ("2020-01-01T00:00:00Z", (-6, RelativeUnit::Year)),
        ];
        for (target, expected) in cases {
            assert_eq!(relative_bucket(at(target), now), *expected, "{target}");
        }
    }

    #[test]
    fn utc_day_key_inverts_the_parser() {
        let cases = [
            ("1970-01-01T00:00:00Z", (1970, 1, 1)),
            ("2026-05-19T23:59:59.999Z", (2026, 5, 19)),
            ("2024-02-29T12:00:00Z", (2024, 2, 29)),
            ("1969-12-31T23:00:00Z", (1969, 12, 31)),
            ("2026-05-20T02:00:00+05:30", (2026, 5, 19)),
        ];
        for (raw, (year, month, day)) in cases {
            assert_eq!(DayKey::utc(at(raw)), DayKey { year, month, day }, "{raw}");
        }
    }

    #[test]
    fn day_key_reads_the_us_numeric_form() {
        let cases = [
            ("5/19/2026", Some((2026, 5, 19))),
            ("12/31/1969", Some((1969, 12, 31))),
            (" 1/1/2027 ", Some((2027, 1, 1))),
            ("13/1/2026", None),
            ("5/0/2026", None),
            ("19.5.2026", None),
            ("5/19/2026/1", None),
            ("May 19, 2026", None),
            ("", None),
        ];
        for (formatted, expected) in cases {
            let expected = expected.map(|(year, month, day)| DayKey { year, month, day });
            assert_eq!(
                DayKey::from_us_numeric(formatted),
                expected,
                "{formatted:?}"
            );
        }
    }

    #[test]
    fn rows_group_into_consecutive_days_in_api_order() {
        // Offsets stand in for a time zone: +05:30 moves 20:00Z into the next day.
        let rows = [
            "2026-05-20T20:00:00+05:30",
            "2026-05-20T01:00:00+05:30",
            "not a date",
            "2026-05-19T23:00:00+05:30",
            "2026-05-19T08:00:00+05:30",
        ];
        let day = |raw: &&str| parse_iso8601(raw).map(|ms| DayKey::utc(ms + 5.5 * HOUR));
        let groups: Vec<(Option<DayKey>, usize)> = group_by_day(rows, day)
            .into_iter()
            .map(|(key, members)| (key, members.len()))
            .collect();
        let may = |day| {
            Some(DayKey {
                year: 2026,
                month: 5,
                day,
            })
        };
        assert_eq!(groups, vec![(may(20), 2), (None, 1), (may(19), 2)]);
    }
}
