//! Property tests of the request rules: `lead_id`, `page` and `page_size` against a reference
//! model written here (`str::parse::<u64>` plus the ASCII-digit rule), with the upstream's exact
//! 400 messages, and the query and path the parsed values are rebuilt into.

mod support;

use proptest::prelude::*;
use support::check;
use task_history_protocol::query::{LeadId, PageRequest, task_list_path};

/// Raw parameter values: arbitrary text, and the shapes near the rules' edges (digit strings of
/// every length, leading zeros, signs, spaces, decimals, exponents, non-ASCII digits).
fn raw_value() -> impl Strategy<Value = String> {
    prop_oneof![
        any::<String>(),
        "[0-9]{1,25}",
        "0{1,30}[0-9]{0,3}",
        "[0-9]{0,2}",
        "[-+ ]?[0-9]{1,4}[ .eE_]?[0-9]{0,2} ?",
        "[0-9٠-٩０-９¹²]{1,4}",
        "\\PC{0,6}",
    ]
}

/// `Some(raw)` or absent, as a query parameter may be.
fn maybe_raw_value() -> impl Strategy<Value = Option<String>> {
    prop_oneof![1 => Just(None), 4 => raw_value().prop_map(Some)]
}

/// The digit rule: non-empty and ASCII digits only. `u64::from_str` alone also takes `+7`.
fn digits_only(raw: &str) -> bool {
    !raw.is_empty() && raw.bytes().all(|b| b.is_ascii_digit())
}

fn reference_lead_id(raw: &str) -> Result<u64, &'static str> {
    match raw.parse::<u64>() {
        Ok(n) if digits_only(raw) => Ok(n),
        _ => Err("lead_id must be a number"),
    }
}

fn reference_page(raw: Option<&str>) -> Result<u32, &'static str> {
    let Some(raw) = raw else { return Ok(1) };
    match raw.parse::<u64>() {
        Ok(n) if digits_only(raw) && n >= 1 => u32::try_from(n).or(Err(PAGE_NOT_POSITIVE)),
        _ => Err(PAGE_NOT_POSITIVE),
    }
}

fn reference_page_size(raw: Option<&str>) -> Result<u32, &'static str> {
    let Some(raw) = raw else { return Ok(20) };
    if !digits_only(raw) {
        return Err(PAGE_SIZE_NOT_POSITIVE);
    }
    match raw.parse::<u64>() {
        Ok(0) => Err(PAGE_SIZE_NOT_POSITIVE),
        Ok(n @ 1..=20) => Ok(n as u32),
        // Digits only: more than 20, or more than u64 holds.
        _ => Err(PAGE_SIZE_TOO_LARGE),
    }
}

const PAGE_NOT_POSITIVE: &str = "page must be a positive integer";
const PAGE_SIZE_NOT_POSITIVE: &str = "page_size must be a positive integer";
const PAGE_SIZE_TOO_LARGE: &str = "page_size cannot exceed 20";

#[test]
fn lead_id_accepts_exactly_the_ascii_digit_strings_that_fit_in_u64() {
    check(
        "lead_id_accepts_exactly_the_ascii_digit_strings_that_fit_in_u64",
        raw_value(),
        |raw| {
            let got = LeadId::parse(&raw)
                .map(|lead| lead.0)
                .map_err(|e| e.to_string());
            prop_assert_eq!(got, reference_lead_id(&raw).map_err(str::to_owned));
            Ok(())
        },
    );
}

#[test]
fn page_accepts_exactly_the_ascii_digit_strings_from_1_to_u32_max() {
    check(
        "page_accepts_exactly_the_ascii_digit_strings_from_1_to_u32_max",
        maybe_raw_value(),
        |raw| {
            let got = PageRequest::parse(raw.as_deref(), None)
                .map(|request| request.page)
                .map_err(|e| e.to_string());
            prop_assert_eq!(got, reference_page(raw.as_deref()).map_err(str::to_owned));
            Ok(())
        },
    );
}

#[test]
fn page_size_accepts_exactly_1_to_20_and_refuses_with_the_upstream_messages() {
    check(
        "page_size_accepts_exactly_1_to_20_and_refuses_with_the_upstream_messages",
        maybe_raw_value(),
        |raw| {
            let got = PageRequest::parse(None, raw.as_deref())
                .map(|request| request.page_size)
                .map_err(|e| e.to_string());
            let expected = reference_page_size(raw.as_deref()).map_err(str::to_owned);
            prop_assert_eq!(got, expected);
            Ok(())
        },
    );
}

#[test]
fn every_digit_string_above_20_is_refused_as_exceeding_20() {
    // Any number above 20, with or without leading zeros, and digit strings too long for u64.
    let above_20 = prop_oneof![
        (21..=u64::MAX, "0{0,3}").prop_map(|(n, zeros)| format!("{zeros}{n}")),
        "[1-9][0-9]{20,40}",
    ];
    check(
        "every_digit_string_above_20_is_refused_as_exceeding_20",
        above_20,
        |raw| {
            let error = PageRequest::parse(Some("1"), Some(&raw)).expect_err("above 20");
            prop_assert_eq!(error.to_string(), "page_size cannot exceed 20");
            Ok(())
        },
    );
}

#[test]
fn page_and_page_size_together_follow_the_reference_with_page_size_checked_first() {
    check(
        "page_and_page_size_together_follow_the_reference_with_page_size_checked_first",
        (maybe_raw_value(), maybe_raw_value()),
        |(page, page_size)| {
            let got = PageRequest::parse(page.as_deref(), page_size.as_deref())
                .map(|request| (request.page, request.page_size))
                .map_err(|e| e.to_string());
            let expected = reference_page_size(page_size.as_deref())
                .and_then(|size| Ok((reference_page(page.as_deref())?, size)))
                .map_err(str::to_owned);
            prop_assert_eq!(got, expected);
            Ok(())
        },
    );
}

#[test]
fn to_query_parses_back_to_the_same_request() {
    check(
        "to_query_parses_back_to_the_same_request",
        (1..=u32::MAX, 1..=20u32),
        |(page, page_size)| {
            let request = PageRequest { page, page_size };
            let query = request.to_query();
            let mut pairs = query.split('&').map(|pair| pair.split_once('='));
            let (Some(Some(("page", page))), Some(Some(("page_size", size))), None) =
                (pairs.next(), pairs.next(), pairs.next())
            else {
                return Err(TestCaseError::fail(format!("unexpected query {query:?}")));
            };
            prop_assert_eq!(PageRequest::parse(Some(page), Some(size)), Ok(request));
            Ok(())
        },
    );
}

#[test]
fn a_lead_id_is_one_path_segment_that_parses_back_to_itself() {
    check(
        "a_lead_id_is_one_path_segment_that_parses_back_to_itself",
        any::<u64>(),
        |n| {
            let path = task_list_path(LeadId(n));
            let segment = path
                .strip_prefix("/enterprise/api/lead/")
                .and_then(|rest| rest.strip_suffix("/task"));
            prop_assert_eq!(segment.map(LeadId::parse), Some(Ok(LeadId(n))), "{}", path);
            Ok(())
        },
    );
}
