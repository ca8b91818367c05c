//! Property tests of the forwarding allowlist: `TaskListRequest::parse` on arbitrary paths and
//! queries against a reference model written here (path segments compared as a list, the query
//! as a list of pairs), and the whole router under two API prefixes against a recording upstream:
//! exactly `{prefix}/enterprise/api/lead/{digits}/task` with valid `page`/`page_size` is
//! forwarded, to a URL rebuilt from the parsed numbers alone; everything else is answered without
//! an upstream call.
#![allow(clippy::unwrap_used)]

#[path = "../../protocol/tests/support/mod.rs"]
mod support;

use axum::body::{Body, to_bytes};
use axum::http::{Request, StatusCode, Uri};
use proptest::prelude::*;
use std::sync::{Arc, Mutex};
use support::check;
use task_history_proxy::forward::TaskListRequest;
use task_history_proxy::{Cli, Config, ProxyError, SecretEnv, app};
use tower::ServiceExt as _;

/// What the proxy should do with a request, by the model or by the code under test.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Outcome {
    /// Sent upstream with these numbers.
    Forward {
        lead: u64,
        page: u32,
        page_size: u32,
    },
    /// 404 `Not found`.
    NotFound,
    /// 400 with this message.
    Refused(String),
}

fn digits_only(raw: &str) -> bool {
    !raw.is_empty() && raw.bytes().all(|b| b.is_ascii_digit())
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
        return Err("page_size must be a positive integer");
    }
    match raw.parse::<u64>() {
        Ok(0) => Err("page_size must be a positive integer"),
        Ok(n @ 1..=20) => Ok(n as u32),
        _ => Err("page_size cannot exceed 20"),
    }
}

const PAGE_NOT_POSITIVE: &str = "page must be a positive integer";

/// The model of the path below the prefix and the raw query.
fn reference(path: &str, query: Option<&str>) -> Outcome {
    let segments: Vec<&str> = path.split('/').collect();
    let lead = match segments.as_slice() {
        ["", "enterprise", "api", "lead", lead, "task"] if !lead.is_empty() => *lead,
        _ => return Outcome::NotFound,
    };
    let refused = |message: &str| Outcome::Refused(message.to_owned());
    if !digits_only(lead) || lead.parse::<u64>().is_err() {
        return refused("lead_id must be a number");
    }
    let query = query.unwrap_or("");
    let pairs: Vec<(&str, &str)> = if query.is_empty() {
        Vec::new()
    } else {
        query
            .split('&')
            .map(|pair| match pair.find('=') {
                Some(at) => (&pair[..at], &pair[at + 1..]),
                None => (pair, ""),
            })
            .collect()
    };
    for (i, (name, _)) in pairs.iter().enumerate() {
        if !["page", "page_size"].contains(name) {
            return refused("unexpected query parameter");
        }
        if pairs[..i].iter().any(|(earlier, _)| earlier == name) {
            return refused(&format!("duplicate query parameter: {name}"));
        }
    }
    let value = |name: &str| pairs.iter().find(|(n, _)| *n == name).map(|(_, v)| *v);
    let page_size = match reference_page_size(value("page_size")) {
        Ok(size) => size,
        Err(message) => return refused(message),
    };
    match reference_page(value("page")) {
        Ok(page) => Outcome::Forward {
            lead: lead.parse().unwrap(),
            page,
            page_size,
        },
        Err(message) => refused(message),
    }
}

/// Lead segments: digit strings of every length (past u64 too), leading zeros, near misses.
fn lead_segment() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => "[0-9]{1,22}",
        1 => "0{1,4}[0-9]{0,3}",
        1 => "[-+ ]?[0-9]{1,3}[.eE%/ ]?[0-9]{0,2}",
        1 => "(%3[0-9]|%2[eEfF]|\\.\\.?|[a-z]){1,3}",
        1 => "[0-9٠-٩０-９]{1,3}",
        1 => any::<String>(),
    ]
}

/// Paths below the prefix: the one shape with generated leads, that shape damaged, segments of
/// it shuffled together, and arbitrary text.
fn path() -> impl Strategy<Value = String> {
    let damaged = (
        lead_segment(),
        prop::sample::select(vec![
            "", "/", "s", "/..", "/.", "%2F", "//", "/task", "?", "#",
        ]),
        prop::sample::select(vec![
            "",
            "/",
            "//",
            "/superfone",
            "/Enterprise",
            "/enterprise/api/lead/1",
            "/.",
        ]),
    )
        .prop_map(|(lead, tail, head)| format!("{head}/enterprise/api/lead/{lead}/task{tail}"));
    let segment = prop_oneof![
        prop::sample::select(vec![
            "",
            "enterprise",
            "api",
            "lead",
            "task",
            "tasks",
            "..",
            ".",
            "%2e%2e",
            "%2F",
        ])
        .prop_map(str::to_owned),
        lead_segment(),
    ];
    prop_oneof![
        4 => lead_segment().prop_map(|lead| format!("/enterprise/api/lead/{lead}/task")),
        2 => damaged,
        2 => prop::collection::vec(segment, 0..8).prop_map(|s| s.join("/")),
        1 => any::<String>(),
    ]
}

/// Raw values: digit strings around the limits, near misses, empty, arbitrary text.
fn value() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => "[0-9]{1,3}",
        1 => "0{0,3}(1|19|20|21|4294967295|4294967296)",
        1 => "[0-9]{8,25}",
        1 => "[-+ ]?[0-9]{0,2}[.eE%]?[0-9]{0,2}",
        1 => "[a-zA-Z0-9%=&#]{0,4}",
        1 => any::<String>(),
    ]
}

/// Raw queries: absent, empty, pairs of known, unknown and encoded names (with and without `=`),
/// and arbitrary text.
fn query() -> impl Strategy<Value = Option<String>> {
    let name = prop::sample::select(vec![
        "page",
        "page_size",
        "page",
        "page_size",
        "PAGE",
        "page%5Fsize",
        "page[]",
        "",
        "x",
        "page ",
    ]);
    let pair = (name, prop::option::weighted(0.9, value())).prop_map(|(name, value)| match value {
        Some(value) => format!("{name}={value}"),
        None => name.to_owned(),
    });
    prop_oneof![
        1 => Just(None),
        1 => Just(Some(String::new())),
        6 => prop::collection::vec(pair, 1..4).prop_map(|pairs| Some(pairs.join("&"))),
        1 => any::<String>().prop_map(Some),
    ]
}

fn outcome_of(result: Result<TaskListRequest, ProxyError>) -> Outcome {
    match result {
        Ok(request) => Outcome::Forward {
            lead: request.lead.0,
            page: request.page.page,
            page_size: request.page.page_size,
        },
        Err(ProxyError::NotFound) => Outcome::NotFound,
        Err(other) => Outcome::Refused(other.to_string()),
    }
}

fn upstream_target(lead: u64, page: u32, page_size: u32) -> String {
    format!("/enterprise/api/lead/{lead}/task?page={page}&page_size={page_size}")
}

#[test]
fn parse_never_panics_and_follows_the_reference_model() {
    check(
        "parse_never_panics_and_follows_the_reference_model",
        (path(), query()),
        |(path, query)| {
            let parsed = TaskListRequest::parse(&path, query.as_deref());
            let rebuilt = parsed.as_ref().ok().map(|r| r.upstream_path_and_query());
            let got = outcome_of(parsed);
            prop_assert_eq!(&got, &reference(&path, query.as_deref()));
            if let Outcome::Forward {
                lead,
                page,
                page_size,
            } = got
            {
                // Rebuilt from the numbers: no byte of the client's (a leading zero, say) passes.
                prop_assert_eq!(rebuilt, Some(upstream_target(lead, page, page_size)));
            }
            Ok(())
        },
    );
}

#[test]
fn every_valid_request_is_forwarded_with_its_numbers() {
    let valid = (
        any::<u64>(),
        "0{0,3}",
        prop::option::of(1..=u32::MAX),
        prop::option::of(1..=20u32),
        any::<bool>(),
    );
    check(
        "every_valid_request_is_forwarded_with_its_numbers",
        valid,
        |(lead, zeros, page, page_size, swapped)| {
            let mut pairs: Vec<String> = [("page", page), ("page_size", page_size)]
                .into_iter()
                .filter_map(|(name, n)| n.map(|n| format!("{name}={zeros}{n}")))
                .collect();
            if swapped {
                pairs.reverse();
            }
            let path = format!("/enterprise/api/lead/{zeros}{lead}/task");
            let query = (!pairs.is_empty()).then(|| pairs.join("&"));
            let parsed = TaskListRequest::parse(&path, query.as_deref());
            let expected = upstream_target(lead, page.unwrap_or(1), page_size.unwrap_or(20));
            prop_assert_eq!(parsed.map(|r| r.upstream_path_and_query()), Ok(expected));
            Ok(())
        },
    );
}

const KEY: &str = "sk_test_properties_forward";
const BASE_PATH: &str = "/superfone";
const PREFIXES: [&str; 2] = ["/api", "/v1/task-history"];

/// A stand-in upstream on loopback that records each request's target and answers `{}`.
async fn recording_upstream() -> (String, Arc<Mutex<Vec<String>>>) {
    let seen = Arc::new(Mutex::new(Vec::new()));
    let record = Arc::clone(&seen);
    let upstream = axum::Router::new().fallback(move |uri: Uri| {
        let record = Arc::clone(&record);
        async move {
            record.lock().unwrap().push(uri.to_string());
            ([("content-type", "application/json")], "{}")
        }
    });
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}{BASE_PATH}", listener.local_addr().unwrap());
    tokio::spawn(async move { axum::serve(listener, upstream).await });
    (base, seen)
}

fn proxy_for(base: &str, prefix: &str) -> axum::Router {
    let args = [
        "task-history-proxy",
        "--api-base",
        base,
        "--api-prefix",
        prefix,
        "--rate-limit-per-minute",
        "0",
    ];
    let cli = <Cli as clap::Parser>::try_parse_from(args).unwrap();
    let secrets = SecretEnv {
        api_key: Some(KEY.to_owned()),
        token_secret: None,
    };
    app(Config::from_cli(&cli, secrets).unwrap())
}

/// Paths and queries of characters a request target may hold, so most cases reach the router.
fn target_text() -> impl Strategy<Value = String> {
    "[A-Za-z0-9/%._~!$&'()*+,;=:@-]{0,12}"
}

#[test]
fn the_router_forwards_exactly_the_allowlisted_shape_under_its_prefix() {
    let runtime = tokio::runtime::Runtime::new().unwrap();
    let (base, seen) = runtime.block_on(recording_upstream());
    let apps: Vec<axum::Router> = PREFIXES.iter().map(|p| proxy_for(&base, p)).collect();
    let before_prefix = prop::sample::select(vec!["", "", "", "/x", "/API", "/api/", "/v1"]);
    let rest = prop_oneof![2 => path(), 1 => target_text()];
    let query = prop_oneof![3 => query(), 1 => prop::option::of(target_text())];
    let cases = (0..PREFIXES.len(), before_prefix, rest, query);
    let reached = std::cell::Cell::new(0u64);
    check(
        "the_router_forwards_exactly_the_allowlisted_shape_under_its_prefix",
        cases,
        |(which, before, rest, query)| {
            let full_path = format!("{before}{}{rest}", PREFIXES[which]);
            let target = match &query {
                Some(q) => format!("{full_path}?{q}"),
                None => full_path.clone(),
            };
            // A target hyper would not parse (or would read otherwise) never reaches the proxy.
            let Ok(uri) = Uri::try_from(target.as_str()) else {
                return Ok(());
            };
            if uri.path() != full_path || uri.query() != query.as_deref() {
                return Ok(());
            }
            reached.set(reached.get() + 1);
            let expected = match full_path.strip_prefix(PREFIXES[which]) {
                Some(below) if below.starts_with('/') => reference(below, query.as_deref()),
                _ => Outcome::NotFound,
            };
            seen.lock().unwrap().clear();
            let request = Request::get(uri).body(Body::empty()).unwrap();
            let response = runtime
                .block_on(apps[which].clone().oneshot(request))
                .unwrap();
            let status = response.status();
            let body = runtime
                .block_on(to_bytes(response.into_body(), usize::MAX))
                .unwrap();
            let upstream_saw = seen.lock().unwrap().clone();
            let message = serde_json::from_slice::<serde_json::Value>(&body)
                .ok()
                .and_then(|v| v["message"].as_str().map(str::to_owned));
            match expected {
                Outcome::Forward {
                    lead,
                    page,
                    page_size,
                } => {
                    prop_assert_eq!(status, StatusCode::OK, "{}", target);
                    let sent = format!("{BASE_PATH}{}", upstream_target(lead, page, page_size));
                    prop_assert_eq!(upstream_saw, vec![sent]);
                }
                Outcome::NotFound => {
                    prop_assert_eq!(status, StatusCode::NOT_FOUND, "{}", target);
                    prop_assert_eq!(message.as_deref(), Some("Not found"));
                    prop_assert!(upstream_saw.is_empty());
                }
                Outcome::Refused(expected) => {
                    prop_assert_eq!(status, StatusCode::BAD_REQUEST, "{}", target);
                    prop_assert_eq!(message, Some(expected));
                    prop_assert!(upstream_saw.is_empty());
                }
            }
            Ok(())
        },
    );
    // Targets that are not URIs pass vacuously; most cases must have been real requests.
    let cases = u64::from(proptest::test_runner::Config::default().cases);
    assert!(
        reached.get() * 2 > cases,
        "{} of {cases} reached the router",
        reached.get()
    );
}
