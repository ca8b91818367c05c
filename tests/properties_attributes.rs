//! Property tests of the element's attributes and its proxy base: whatever a page author writes,
//! parsing never panics, and what is accepted is exactly what the rules (written out here as
//! reference predicates) allow.
#![cfg(not(target_arch = "wasm32"))]

#[path = "../protocol/tests/support/mod.rs"]
mod support;

use proptest::prelude::*;
use support::check;
use task_history::api::{ProxyBase, ProxyBaseError, task_list_url};
use task_history::attributes::{Attributes, ConfigError, OBSERVED_ATTRIBUTES};
use task_history_protocol::query::{LeadId, PageRequest};

/// Attribute values: arbitrary text, and values near each attribute's rules.
fn value() -> impl Strategy<Value = String> {
    prop_oneof![
        any::<String>(),
        "[ \t\n]{0,2}[-+]?[0-9]{1,22}[ \t\n]{0,2}",
        proxy_base_like(),
        "[ ]?[A-Za-z0-9._~+/=-]{0,10}[\r\n :;,\"=]?[A-Za-z0-9=]{0,3}[ ]?",
        "\\PC{0,8}",
    ]
}

/// Proxy bases, good and bad: every kind of prefix, then path characters and a few bad ones.
fn proxy_base_like() -> impl Strategy<Value = String> {
    "[ ]?(/|//|\\./|\\.\\./|https?://|HTTPS://|Http://|https:|javascript:)[a-z0-9./:@%?#\\\\ -]{0,10}/{0,2}"
}

fn attributes() -> impl Strategy<Value = Attributes> {
    prop::collection::vec(prop::option::of(value()), OBSERVED_ATTRIBUTES.len()).prop_map(|values| {
        let mut attributes = Attributes::default();
        for (name, value) in OBSERVED_ATTRIBUTES.iter().zip(values) {
            attributes.set(name, value);
        }
        attributes
    })
}

/// RFC 7235's token68: `1*( ALPHA / DIGIT / "-" / "." / "_" / "~" / "+" / "/" ) *"="`.
fn is_token68(token: &str) -> bool {
    let body_len = token
        .bytes()
        .take_while(|b| b.is_ascii_alphanumeric() || b"-._~+/".contains(b))
        .count();
    body_len > 0 && token.bytes().skip(body_len).all(|b| b == b'=')
}

fn non_blank(value: &Option<String>) -> Option<&str> {
    value.as_deref().map(str::trim).filter(|v| !v.is_empty())
}

/// What `source()` must give, from the rules: a value that is set and unusable first (lead,
/// proxy base, token, in that order), then one that is not set yet (lead, then proxy base).
fn reference_source(a: &Attributes) -> Result<(u64, Option<String>), ConfigError> {
    let lead = non_blank(&a.lead_id).map(|lead| {
        if lead.bytes().all(|b| b.is_ascii_digit()) {
            lead.parse::<u64>().or(Err(ConfigError::LeadInvalid))
        } else {
            Err(ConfigError::LeadInvalid)
        }
    });
    if let Some(Err(error)) = lead {
        return Err(error);
    }
    let base = ProxyBase::parse(a.proxy_base.as_deref().unwrap_or(""));
    if let Err(ProxyBaseError::Invalid) = base {
        return Err(ConfigError::ProxyBase(ProxyBaseError::Invalid));
    }
    let token = match non_blank(&a.token) {
        None => None,
        Some(token) if is_token68(token) => Some(token.to_owned()),
        Some(_) => return Err(ConfigError::TokenInvalid),
    };
    let lead = lead.ok_or(ConfigError::LeadMissing)??;
    base.map_err(ConfigError::ProxyBase)?;
    Ok((lead, token))
}

#[test]
fn source_never_panics_and_follows_the_rules_for_any_attribute_values() {
    check(
        "source_never_panics_and_follows_the_rules_for_any_attribute_values",
        attributes(),
        |attributes| {
            let got = attributes
                .source()
                .map(|source| (source.lead.0, source.token));
            prop_assert_eq!(got, reference_source(&attributes), "{:?}", attributes);
            // The other readings never panic either, and give trimmed, non-blank values.
            let _ = attributes.theme().as_str();
            for value in [attributes.locale(), attributes.time_zone()]
                .into_iter()
                .flatten()
            {
                prop_assert!(!value.is_empty() && value.trim() == value, "{value:?}");
            }
            Ok(())
        },
    );
}

#[test]
fn a_digit_only_lead_id_in_range_is_accepted_around_whitespace_and_leading_zeros() {
    let lead = ("[ \t\n]{0,2}", "0{0,3}", any::<u64>(), "[ \t\n]{0,2}");
    check(
        "a_digit_only_lead_id_in_range_is_accepted_around_whitespace_and_leading_zeros",
        lead,
        |(before, zeros, n, after)| {
            let mut attributes = Attributes::default();
            attributes.set("lead-id", Some(format!("{before}{zeros}{n}{after}")));
            attributes.set("proxy-base", Some("/api".to_owned()));
            prop_assert_eq!(attributes.source().map(|s| s.lead), Ok(LeadId(n)));
            Ok(())
        },
    );
}

#[test]
fn page_size_is_always_1_to_20_and_a_number_is_clamped_into_it() {
    let number = ("[ \t]{0,2}", "[-+]?", "0{0,2}[0-9]{1,30}", "[ \t]{0,2}");
    let raw = prop_oneof![
        prop::option::of(value()),
        number.prop_map(|(a, sign, digits, b)| Some(format!("{a}{sign}{digits}{b}"))),
    ];
    check(
        "page_size_is_always_1_to_20_and_a_number_is_clamped_into_it",
        raw,
        |raw| {
            let mut attributes = Attributes::default();
            attributes.set("page-size", raw.clone());
            let got = attributes.page_size();
            prop_assert!((1..=20).contains(&got), "{raw:?} -> {got}");
            // An integer, however long, is clamped; anything else means the default, 20.
            let trimmed = raw.as_deref().map(str::trim).unwrap_or("");
            let digits = trimmed.strip_prefix(['-', '+']).unwrap_or(trimmed);
            if !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit()) {
                let n: i128 = match digits.trim_start_matches('0') {
                    long if long.len() > 30 => i128::MAX,
                    short => short.parse().unwrap_or(0),
                };
                let n = if trimmed.starts_with('-') { -n } else { n };
                prop_assert_eq!(i128::from(got), n.clamp(1, 20), "{:?}", raw);
            } else {
                prop_assert_eq!(got, 20, "{:?}", raw);
            }
            Ok(())
        },
    );
}

#[test]
fn a_token_is_accepted_exactly_when_it_is_token68() {
    let token = prop_oneof![
        value(),
        "[A-Za-z0-9._~+/-]{1,12}={0,3}",
        "[A-Za-z0-9._~+/=-]{0,6}[^A-Za-z0-9._~+/=-][A-Za-z0-9=]{0,4}",
    ];
    check(
        "a_token_is_accepted_exactly_when_it_is_token68",
        token,
        |token| {
            let mut attributes = Attributes::default();
            attributes.set("lead-id", Some("1".to_owned()));
            attributes.set("proxy-base", Some("/api".to_owned()));
            attributes.set("token", Some(token.clone()));
            let trimmed = token.trim();
            let expected = match trimmed {
                "" => Ok(None),
                t if is_token68(t) => Ok(Some(t.to_owned())),
                _ => Err(ConfigError::TokenInvalid),
            };
            prop_assert_eq!(
                attributes.source().map(|s| s.token),
                expected,
                "{:?}",
                token
            );
            Ok(())
        },
    );
}

#[test]
fn an_accepted_proxy_base_prefixes_the_url_and_carries_no_query_or_fragment() {
    let request =
        (1..=u32::MAX, 1..=20u32).prop_map(|(page, page_size)| PageRequest { page, page_size });
    check(
        "an_accepted_proxy_base_prefixes_the_url_and_carries_no_query_or_fragment",
        (
            prop_oneof![1 => value(), 3 => proxy_base_like()],
            any::<u64>(),
            request,
        ),
        |(raw, lead, request)| {
            let base = match ProxyBase::parse(&raw) {
                Err(error) => {
                    prop_assert_eq!(error == ProxyBaseError::Missing, raw.trim().is_empty());
                    return Ok(());
                }
                Ok(base) => base,
            };
            let base = base.as_str().to_owned();
            prop_assert_eq!(&base, raw.trim().trim_end_matches('/'));
            prop_assert!(!base.contains(['?', '#', '\\']), "{base:?}");
            prop_assert!(!base.chars().any(|c| c.is_whitespace() || c.is_control()));
            let url = task_list_url(
                &ProxyBase::parse(&raw).expect("accepted"),
                LeadId(lead),
                request,
            );
            let path = format!("/enterprise/api/lead/{lead}/task?{}", request.to_query());
            prop_assert_eq!(url.strip_prefix(base.as_str()), Some(path.as_str()));
            // Same-origin path or an http(s) URL with a host: never protocol-relative.
            let lower = url.to_ascii_lowercase();
            let absolute = ["http://", "https://"].iter().any(|s| {
                lower
                    .strip_prefix(s)
                    .is_some_and(|host| !host.starts_with('/'))
            });
            let relative = url.starts_with("./") || url.starts_with("../");
            let rooted = url.starts_with('/') && !url.starts_with("//");
            prop_assert!(absolute || relative || rooted, "{url:?}");
            Ok(())
        },
    );
}
