//! Property tests of the wire's timestamp parsers: `parse_iso8601` against the `time` crate's
//! RFC 3339 parser and calendar, `parse_http_date` against `httpdate`.

mod support;

use std::time::{Duration, SystemTime};

use proptest::prelude::*;
use support::check;
use task_history_protocol::timestamp::{parse_http_date, parse_iso8601};
use time::format_description::well_known::Rfc3339;
use time::macros::date;
use time::{Date, Month, OffsetDateTime, Time};

/// One timestamp's parts, each in its valid range; `fraction_digits` 0 means no fraction.
#[derive(Debug, Clone)]
struct Parts {
    date: Date,
    time: Time,
    fraction_digits: u32,
    /// Minutes east of UTC, or `None` for `Z`.
    offset: Option<i32>,
}

fn parts() -> impl Strategy<Value = Parts> {
    let days = date!(0000 - 01 - 01).to_julian_day()..=date!(9999 - 12 - 31).to_julian_day();
    let offset = prop_oneof![Just(None), (-(23 * 60 + 59)..=23 * 60 + 59).prop_map(Some)];
    (
        days,
        0..24u8,
        0..60u8,
        0..60u8,
        0..1_000_000_000u32,
        0..=9u32,
        offset,
    )
        .prop_map(
            |(day, hour, minute, second, nanos, fraction_digits, offset)| Parts {
                date: Date::from_julian_day(day).expect("in range"),
                time: Time::from_hms_nano(hour, minute, second, nanos).expect("in range"),
                fraction_digits,
                offset,
            },
        )
}

/// `parts` as RFC 3339 text, the fraction cut to `fraction_digits`.
fn rfc3339(p: &Parts) -> String {
    let (date, time) = (p.date, p.time);
    let mut text = format!(
        "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}",
        date.year(),
        u8::from(date.month()),
        date.day(),
        time.hour(),
        time.minute(),
        time.second()
    );
    if p.fraction_digits > 0 {
        let digits = p.fraction_digits as usize;
        let fraction = time.nanosecond() / 10u32.pow(9 - p.fraction_digits);
        text += &format!(".{fraction:0digits$}");
    }
    text += &match p.offset {
        None => "Z".to_owned(),
        Some(minutes) => {
            let sign = if minutes < 0 { '-' } else { '+' };
            let minutes = minutes.abs();
            format!("{sign}{:02}:{:02}", minutes / 60, minutes % 60)
        }
    };
    text
}

/// The `time` crate's reading of RFC 3339 text, in whole milliseconds (rounded down).
fn reference_ms(text: &str) -> Option<f64> {
    let at = OffsetDateTime::parse(text, &Rfc3339).ok()?;
    Some(at.unix_timestamp_nanos().div_euclid(1_000_000) as f64)
}

/// Timestamp-shaped text that is often slightly wrong, for the never-panics properties.
fn near_timestamps() -> impl Strategy<Value = String> {
    let shaped = concat!(
        "[0-9]{4}-[0-9]{2}-[0-9]{2}[Tt ][0-9]{2}:[0-9]{2}",
        "(:[0-9]{2}(\\.[0-9]{0,12})?)?([Zz]|[+-][0-9]{2}:?[0-9]{0,2})?"
    );
    prop_oneof![
        any::<String>(),
        shaped.prop_map(String::from),
        // A valid one, cut short or with one character replaced (often by a multi-byte one).
        (parts(), any::<prop::sample::Index>(), any::<char>()).prop_map(|(p, at, c)| {
            let text = rfc3339(&p);
            let cut = at.index(text.len() + 1);
            let mut chars: Vec<char> = text.chars().collect();
            if cut < chars.len() && c != '\0' {
                chars[cut] = c;
                chars.into_iter().collect()
            } else {
                text[..cut.min(text.len())].to_owned()
            }
        }),
    ]
}

#[test]
fn parse_iso8601_never_panics_and_gives_whole_finite_milliseconds() {
    check(
        "parse_iso8601_never_panics_and_gives_whole_finite_milliseconds",
        near_timestamps(),
        |raw| {
            if let Some(ms) = parse_iso8601(&raw) {
                prop_assert!(ms.is_finite() && ms.fract() == 0.0, "{raw:?} -> {ms}");
            }
            Ok(())
        },
    );
}

#[test]
fn parse_iso8601_agrees_with_the_time_crate_on_rfc3339() {
    check(
        "parse_iso8601_agrees_with_the_time_crate_on_rfc3339",
        parts(),
        |p| {
            let text = rfc3339(&p);
            let expected = reference_ms(&text);
            prop_assert!(expected.is_some(), "the reference refused {text:?}");
            prop_assert_eq!(parse_iso8601(&text), expected, "{}", text);
            Ok(())
        },
    );
}

#[test]
fn parse_iso8601_reads_the_looser_upstream_forms_as_the_same_instant() {
    // Lower-case `t`/`z` or a space, no zone for UTC, no colon in the offset, no seconds when
    // they are zero, surrounding whitespace.
    let variant = (parts(), any::<[bool; 5]>());
    check(
        "parse_iso8601_reads_the_looser_upstream_forms_as_the_same_instant",
        variant,
        |(p, [space, lower, drop_zone, no_colon, pad])| {
            let canonical = rfc3339(&p);
            let expected = parse_iso8601(&canonical);
            let mut text = canonical.clone();
            if space {
                text = text.replacen('T', " ", 1);
            }
            if lower {
                text = text.replacen('T', "t", 1).replacen('Z', "z", 1);
            }
            if drop_zone && p.offset.is_none() {
                text.pop();
            }
            if no_colon && p.offset.is_some() {
                let colon = text.len() - 3;
                text.remove(colon);
            }
            if p.time.second() == 0 && p.fraction_digits == 0 && text.len() > 19 {
                text.replace_range(16..19, "");
            }
            if pad {
                text = format!(" \t{text}\n");
            }
            prop_assert!(expected.is_some());
            prop_assert_eq!(parse_iso8601(&text), expected, "{} vs {}", text, canonical);
            Ok(())
        },
    );
}

#[test]
fn parse_iso8601_refuses_exactly_the_impossible_dates_times_and_offsets() {
    // A valid timestamp with one component (month, day, hour, minute, second, offset hours or
    // minutes) replaced by a value around its limit (month 0 and 13, day 0 and 29 to 32,
    // hour 24, minute 60, offset 24:00) or anywhere in 0..=99.
    let edges: [(u8, u8); 7] = [
        (0, 13),
        (28, 32),
        (22, 25),
        (58, 61),
        (58, 61),
        (22, 25),
        (58, 61),
    ];
    let replaced = (0..edges.len()).prop_flat_map(move |field| {
        let (low, high) = edges[field];
        (Just(field), prop_oneof![low..=high, 0..=99u8])
    });
    let offset = (-(23 * 60 + 59)..=23 * 60 + 59i32, any::<bool>());
    check(
        "parse_iso8601_refuses_exactly_the_impossible_dates_times_and_offsets",
        (parts(), offset, replaced),
        |(p, (offset, minus), (field, value))| {
            let (year, time) = (p.date.year(), p.time);
            let mut c = [
                u8::from(p.date.month()),
                p.date.day(),
                time.hour(),
                time.minute(),
                time.second(),
                (offset.abs() / 60) as u8,
                (offset.abs() % 60) as u8,
            ];
            c[field] = value;
            let sign = if minus { '-' } else { '+' };
            let text = format!(
                "{year:04}-{:02}-{:02}T{:02}:{:02}:{:02}{sign}{:02}:{:02}",
                c[0], c[1], c[2], c[3], c[4], c[5], c[6]
            );
            let date = Month::try_from(c[0])
                .ok()
                .and_then(|m| Date::from_calendar_date(year, m, c[1]).ok());
            // A leap second (60) is read as the next second; `time` reads none, so 59 + 1 s.
            let leap = c[4] == 60;
            let time = Time::from_hms(c[2], c[3], if leap { 59 } else { c[4] }).ok();
            // RFC 3339's time-numoffset: hours 00-23, minutes 00-59.
            let valid = date.is_some() && time.is_some() && c[5] <= 23 && c[6] <= 59;
            let expected = match valid {
                false => None,
                true if leap => reference_ms(&text.replacen(":60", ":59", 1)).map(|ms| ms + 1e3),
                true => reference_ms(&text),
            };
            prop_assert!(
                !valid || expected.is_some(),
                "the reference refused {text:?}"
            );
            prop_assert_eq!(parse_iso8601(&text), expected, "{}", text);
            Ok(())
        },
    );
}

/// The last second `httpdate` formats: 9999-12-31T23:59:59Z.
const HTTPDATE_MAX_SECS: u64 = 253_402_300_799;

#[test]
fn parse_http_date_reads_back_every_date_httpdate_formats() {
    check(
        "parse_http_date_reads_back_every_date_httpdate_formats",
        0..=HTTPDATE_MAX_SECS,
        |secs| {
            let text = httpdate::fmt_http_date(SystemTime::UNIX_EPOCH + Duration::from_secs(secs));
            prop_assert_eq!(
                parse_http_date(&text),
                Some(secs as f64 * 1_000.0),
                "{}",
                text
            );
            Ok(())
        },
    );
}

#[test]
fn parse_http_date_agrees_with_httpdate_on_imf_fixdates_with_any_components() {
    const DAYS: [&str; 7] = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];
    const MONTHS: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    let components = (
        prop::sample::select(&DAYS[..]),
        prop_oneof![0..=99u8, 27..=32u8],
        prop::sample::select(&MONTHS[..]),
        1970..=9999u16,
        prop_oneof![0..=99u8, 22..=25u8],
        prop_oneof![0..=99u8, 58..=61u8],
        0..60u8,
    );
    check(
        "parse_http_date_agrees_with_httpdate_on_imf_fixdates_with_any_components",
        components,
        |(day_name, day, month, year, hour, minute, second)| {
            let text = format!(
                "{day_name}, {day:02} {month} {year} {hour:02}:{minute:02}:{second:02} GMT"
            );
            let ours = parse_http_date(&text);
            let month_number = MONTHS.iter().position(|m| *m == month).expect("listed") as u8 + 1;
            let valid = Month::try_from(month_number)
                .ok()
                .and_then(|m| Date::from_calendar_date(year.into(), m, day).ok())
                .is_some()
                && Time::from_hms(hour, minute, second).is_ok();
            prop_assert_eq!(ours.is_some(), valid, "{}", text);
            // `httpdate` also insists on the right day name; where it accepts, both agree.
            if let Ok(at) = httpdate::parse_http_date(&text) {
                let secs = at
                    .duration_since(SystemTime::UNIX_EPOCH)
                    .expect("after 1970");
                prop_assert_eq!(ours, Some(secs.as_secs() as f64 * 1_000.0), "{}", text);
            }
            Ok(())
        },
    );
}

#[test]
fn parse_http_date_never_panics() {
    let near = (
        0..=HTTPDATE_MAX_SECS,
        any::<prop::sample::Index>(),
        any::<char>(),
    )
        .prop_map(|(secs, at, c)| {
            let text = httpdate::fmt_http_date(SystemTime::UNIX_EPOCH + Duration::from_secs(secs));
            let mut chars: Vec<char> = text.chars().collect();
            let at = at.index(chars.len());
            chars[at] = c;
            chars.into_iter().collect::<String>()
        });
    check(
        "parse_http_date_never_panics",
        prop_oneof![any::<String>(), near],
        |raw| {
            if let Some(ms) = parse_http_date(&raw) {
                prop_assert!(ms.is_finite() && ms % 1_000.0 == 0.0, "{raw:?} -> {ms}");
            }
            Ok(())
        },
    );
}
