//! The security cases every implementation of the proxy (the Rust one and the nginx config) must
//! pass, as data. Each case is sent with the raw client; the runner checks the status, what the
//! upstream saw (or that it saw nothing), the headers every response carries, and that the key
//! appears in no response byte.

use super::checks::check_common;
use super::raw_http::{self, RawResponse};
use super::recording_upstream::{BASE_PATH, RecordingUpstream};
use std::net::SocketAddr;

/// The only origin the implementation under test is configured to allow.
pub const ALLOWED_ORIGIN: &str = "https://crm.example.com";

/// Header names that may reach the upstream. Everything the client sent is absent by design.
pub const UPSTREAM_HEADER_ALLOWLIST: &[&str] =
    &["host", "x-api-key", "accept", "user-agent", "connection"];

/// What a case expects to happen upstream.
#[derive(Debug, Clone, Copy)]
pub enum Upstream {
    /// Nothing may reach the upstream.
    Untouched,
    /// Exactly one request, with exactly this target (path and query).
    Forwarded(&'static str),
}

/// One request and what must come of it.
#[derive(Debug, Clone)]
pub struct Case {
    pub name: &'static str,
    pub method: &'static str,
    /// Path and query below the API prefix (`/api`) unless it starts with `!`, which means
    /// "exactly this, no prefix".
    pub target: &'static str,
    pub headers: Vec<(&'static str, &'static str)>,
    /// Acceptable statuses (nginx and the proxy may differ between 400 and 404 on garbage).
    pub statuses: &'static [u16],
    /// The exact error message, when the case pins one.
    pub message: Option<&'static str>,
    pub upstream: Upstream,
}

fn case(
    name: &'static str,
    method: &'static str,
    target: &'static str,
    statuses: &'static [u16],
    upstream: Upstream,
) -> Case {
    Case {
        name,
        method,
        target,
        headers: Vec::new(),
        statuses,
        message: None,
        upstream,
    }
}

impl Case {
    fn with_headers(mut self, headers: &[(&'static str, &'static str)]) -> Self {
        self.headers.extend_from_slice(headers);
        self
    }

    fn with_message(mut self, message: &'static str) -> Self {
        self.message = Some(message);
        self
    }
}

const SEED_TARGET: &str = "/superfone/enterprise/api/lead/12345/task?page=1&page_size=20";
const NOT_FOUND_OR_BAD: &[u16] = &[400, 404];

/// Every case, in the order they run.
pub fn cases() -> Vec<Case> {
    use Upstream::{Forwarded, Untouched};
    vec![
        case(
            "plain request is forwarded with defaults",
            "GET",
            "/enterprise/api/lead/12345/task",
            &[200],
            Forwarded(SEED_TARGET),
        ),
        case(
            "query is rebuilt from parsed numbers",
            "GET",
            "/enterprise/api/lead/77/task?page_size=05&page=2",
            &[200],
            Forwarded("/superfone/enterprise/api/lead/77/task?page=2&page_size=5"),
        ),
        case(
            "client credentials and forwarding headers never reach upstream",
            "GET",
            "/enterprise/api/lead/12345/task",
            &[200],
            Forwarded(SEED_TARGET),
        )
        .with_headers(&[
            ("x-api-key", "client-supplied-key"),
            ("X-API-KEY", "client-supplied-key-2"),
            ("Cookie", "session=abc"),
            ("Authorization", "Bearer client-token"),
            ("Proxy-Authorization", "Basic Zm9vOmJhcg=="),
            ("Forwarded", "for=1.2.3.4;host=evil.test"),
            ("X-Forwarded-For", "1.2.3.4"),
            ("X-Forwarded-Host", "evil.test"),
            ("X-Forwarded-Proto", "http"),
            ("X-Real-IP", "1.2.3.4"),
            ("X-Original-URL", "/admin"),
            ("X-Rewrite-URL", "/admin"),
            ("Referer", "https://crm.example.com/leads/12345"),
            ("Accept-Encoding", "gzip"),
            ("TE", "trailers"),
            ("Keep-Alive", "timeout=5"),
            ("Proxy-Connection", "keep-alive"),
            ("Via", "1.1 evil.test"),
            ("True-Client-IP", "1.2.3.4"),
            ("X-HTTP-Method-Override", "DELETE"),
            ("X-Custom", "anything"),
        ]),
        case(
            "a client's Host header does not change the upstream host",
            "GET",
            "/enterprise/api/lead/12345/task",
            &[200],
            Forwarded(SEED_TARGET),
        )
        .with_headers(&[("Host", "evil.test")]),
        case(
            "cross-site load without an Origin is refused",
            "GET",
            "/enterprise/api/lead/12345/task",
            &[403],
            Untouched,
        )
        .with_headers(&[
            ("Sec-Fetch-Site", "cross-site"),
            ("Sec-Fetch-Mode", "no-cors"),
            ("Sec-Fetch-Dest", "script"),
        ]),
        case(
            "same-origin fetch without an Origin is forwarded",
            "GET",
            "/enterprise/api/lead/12345/task",
            &[200],
            Forwarded(SEED_TARGET),
        )
        .with_headers(&[
            ("Sec-Fetch-Site", "same-origin"),
            ("Sec-Fetch-Mode", "cors"),
            ("Sec-Fetch-Dest", "empty"),
        ]),
        case(
            "allowed origin gets CORS headers",
            "GET",
            "/enterprise/api/lead/12345/task",
            &[200],
            Forwarded(SEED_TARGET),
        )
        .with_headers(&[("Origin", ALLOWED_ORIGIN)]),
        case(
            "preflight from allowed origin is answered locally",
            "OPTIONS",
            "/enterprise/api/lead/12345/task",
            &[200, 204],
            Untouched,
        )
        .with_headers(&[
            ("Origin", ALLOWED_ORIGIN),
            ("Access-Control-Request-Method", "GET"),
            ("Access-Control-Request-Headers", "authorization"),
        ]),
        case(
            "unlisted origin is refused",
            "GET",
            "/enterprise/api/lead/12345/task",
            &[403],
            Untouched,
        )
        .with_headers(&[("Origin", "https://evil.test")]),
        case(
            "lookalike origin is refused",
            "GET",
            "/enterprise/api/lead/12345/task",
            &[403],
            Untouched,
        )
        .with_headers(&[("Origin", "https://crm.example.com.evil.test")]),
        case(
            "null origin is refused",
            "GET",
            "/enterprise/api/lead/12345/task",
            &[403],
            Untouched,
        )
        .with_headers(&[("Origin", "null")]),
        case(
            "preflight from unlisted origin is refused",
            "OPTIONS",
            "/enterprise/api/lead/12345/task",
            &[403],
            Untouched,
        )
        .with_headers(&[
            ("Origin", "https://evil.test"),
            ("Access-Control-Request-Method", "GET"),
        ]),
        case(
            "POST is refused",
            "POST",
            "/enterprise/api/lead/12345/task",
            &[405],
            Untouched,
        ),
        case(
            "PUT is refused",
            "PUT",
            "/enterprise/api/lead/12345/task",
            &[405],
            Untouched,
        ),
        case(
            "DELETE is refused",
            "DELETE",
            "/enterprise/api/lead/12345/task",
            &[405],
            Untouched,
        ),
        case(
            "PATCH is refused",
            "PATCH",
            "/enterprise/api/lead/12345/task",
            &[405],
            Untouched,
        ),
        case(
            "HEAD is refused",
            "HEAD",
            "/enterprise/api/lead/12345/task",
            &[405],
            Untouched,
        ),
        case(
            "TRACE is refused",
            "TRACE",
            "/enterprise/api/lead/12345/task",
            &[405],
            Untouched,
        ),
        case(
            "OPTIONS without an origin is refused",
            "OPTIONS",
            "/enterprise/api/lead/12345/task",
            &[405],
            Untouched,
        ),
        case(
            "non-numeric lead gets the upstream message",
            "GET",
            "/enterprise/api/lead/abc/task",
            &[400],
            Untouched,
        )
        .with_message("lead_id must be a number"),
        case(
            "negative lead gets the upstream message",
            "GET",
            "/enterprise/api/lead/-1/task",
            &[400],
            Untouched,
        )
        .with_message("lead_id must be a number"),
        case(
            "percent-encoded digits are not a lead",
            "GET",
            "/enterprise/api/lead/%31%32%33%34%35/task",
            NOT_FOUND_OR_BAD,
            Untouched,
        ),
        case(
            "encoded slash is not a path separator",
            "GET",
            "/enterprise/api/lead/12345%2Ftask",
            NOT_FOUND_OR_BAD,
            Untouched,
        ),
        case(
            "dot segments are not followed",
            "GET",
            "/enterprise/api/lead/12345/task/../../2/task",
            NOT_FOUND_OR_BAD,
            Untouched,
        ),
        case(
            "traversal out of the API is refused",
            "GET",
            "/enterprise/api/lead/1/../../../../etc/passwd",
            NOT_FOUND_OR_BAD,
            Untouched,
        ),
        case(
            "encoded dot segments are refused",
            "GET",
            "/enterprise/api/lead/%2e%2e/%2e%2e/admin/task",
            NOT_FOUND_OR_BAD,
            Untouched,
        ),
        case(
            "double slash is refused",
            "GET",
            "/enterprise/api/lead//12345/task",
            NOT_FOUND_OR_BAD,
            Untouched,
        ),
        case(
            "trailing slash is refused",
            "GET",
            "/enterprise/api/lead/12345/task/",
            &[404],
            Untouched,
        ),
        case(
            "other upstream endpoints are refused",
            "GET",
            "/enterprise/api/lead/12345",
            &[404],
            Untouched,
        ),
        case(
            "other upstream endpoints are refused (task id)",
            "GET",
            "/enterprise/api/lead/12345/task/4567",
            &[404],
            Untouched,
        ),
        case(
            "the vendor's base path is not reachable through the prefix",
            "GET",
            "/superfone/enterprise/api/lead/12345/task",
            &[404],
            Untouched,
        ),
        case(
            "paths outside the prefix are refused",
            "!GET",
            "!/enterprise/api/lead/12345/task",
            &[404],
            Untouched,
        ),
        case(
            "unknown parameter is refused",
            "GET",
            "/enterprise/api/lead/12345/task?page=1&callback=x",
            &[400],
            Untouched,
        ),
        case(
            "duplicate page is refused",
            "GET",
            "/enterprise/api/lead/12345/task?page=1&page=2",
            &[400],
            Untouched,
        ),
        case(
            "duplicate page_size is refused",
            "GET",
            "/enterprise/api/lead/12345/task?page_size=1&page_size=20",
            &[400],
            Untouched,
        ),
        case(
            "encoded parameter name is refused",
            "GET",
            "/enterprise/api/lead/12345/task?page%5Fsize=5",
            &[400],
            Untouched,
        ),
        case(
            "smuggled parameter in a value is refused",
            "GET",
            "/enterprise/api/lead/12345/task?page=1%26api_key%3Dx",
            &[400],
            Untouched,
        )
        .with_message("page must be a positive integer"),
        case(
            "page_size over 20 gets the upstream message",
            "GET",
            "/enterprise/api/lead/12345/task?page_size=21",
            &[400],
            Untouched,
        )
        .with_message("page_size cannot exceed 20"),
        case(
            "page_size 0 gets the upstream message",
            "GET",
            "/enterprise/api/lead/12345/task?page_size=0",
            &[400],
            Untouched,
        )
        .with_message("page_size must be a positive integer"),
        case(
            "page_size abc gets the upstream message",
            "GET",
            "/enterprise/api/lead/12345/task?page_size=abc",
            &[400],
            Untouched,
        )
        .with_message("page_size must be a positive integer"),
        case(
            "page 0 is refused",
            "GET",
            "/enterprise/api/lead/12345/task?page=0",
            &[400],
            Untouched,
        )
        .with_message("page must be a positive integer"),
    ]
}

/// Runs every case against `addr` (API under `/api`), printing one line per case, and returns
/// the failures.
pub async fn run_cases(addr: SocketAddr, upstream: &RecordingUpstream) -> Vec<String> {
    run_cases_where(addr, upstream, |_| true).await
}

/// The cases that judge the whole server rather than the API's locations: nginx refuses TRACE
/// before any location applies, and paths outside the prefix are the including server's. A
/// server of someone else's that includes the API's locations answers these its own way.
pub const SERVER_WIDE_CASES: &[&str] =
    &["TRACE is refused", "paths outside the prefix are refused"];

/// The cases for which `keep` is true.
pub async fn run_cases_where(
    addr: SocketAddr,
    upstream: &RecordingUpstream,
    keep: impl Fn(&Case) -> bool,
) -> Vec<String> {
    let mut failures = Vec::new();
    for case in cases().into_iter().filter(|case| keep(case)) {
        upstream.clear();
        let (method, target) = match (case.method.strip_prefix('!'), case.target.strip_prefix('!'))
        {
            (Some(method), Some(target)) => (method, target.to_owned()),
            _ => (case.method, format!("/api{}", case.target)),
        };
        let response = raw_http::request(addr, method, &target, &case.headers).await;
        let before = failures.len();
        let mut fail = |what: String| failures.push(format!("{}: {what}", case.name));
        if !case.statuses.contains(&response.status) {
            fail(format!(
                "status {} not in {:?}; body {}",
                response.status,
                case.statuses,
                String::from_utf8_lossy(&response.body)
            ));
        }
        if let Some(expected) = case.message {
            let got = serde_json::from_slice::<serde_json::Value>(&response.body)
                .ok()
                .and_then(|v| v["message"].as_str().map(str::to_owned));
            if got.as_deref() != Some(expected) {
                fail(format!("message {got:?}, expected {expected:?}"));
            }
        }
        let seen = upstream.requests();
        match case.upstream {
            Upstream::Untouched if !seen.is_empty() => {
                fail(format!("reached upstream: {:?}", seen[0].target));
            }
            Upstream::Forwarded(expected) => {
                check_forwarded(&mut fail, &seen, expected, &upstream.addr.to_string());
            }
            Upstream::Untouched => {}
        }
        check_cors(&mut fail, &case, &response);
        failures.extend(check_common(case.name, &response, method));
        let verdict = if failures.len() == before {
            "ok"
        } else {
            "FAILED"
        };
        println!("security case: {} ... {verdict}", case.name);
    }
    failures
}

fn check_forwarded(
    fail: &mut impl FnMut(String),
    seen: &[super::recording_upstream::Recorded],
    expected: &str,
    upstream_host: &str,
) {
    let [request] = seen else {
        fail(format!("{} upstream requests, expected 1", seen.len()));
        return;
    };
    if request.target != expected {
        fail(format!(
            "upstream target {:?}, expected {expected:?}",
            request.target
        ));
    }
    if request.header("host") != Some(upstream_host) {
        fail(format!("upstream Host {:?}", request.header("host")));
    }
    if request.method != "GET" {
        fail(format!("upstream method {}", request.method));
    }
    let keys: Vec<&str> = request
        .headers
        .iter()
        .filter(|(k, _)| k.eq_ignore_ascii_case("x-api-key"))
        .map(|(_, v)| v.as_str())
        .collect();
    if keys != [super::TEST_KEY] {
        fail(format!("upstream x-api-key values {keys:?}"));
    }
    for (name, _) in &request.headers {
        if !UPSTREAM_HEADER_ALLOWLIST.contains(&name.to_ascii_lowercase().as_str()) {
            fail(format!("header {name:?} reached upstream"));
        }
    }
    if !request.target.starts_with(BASE_PATH) {
        fail("upstream base path missing".into());
    }
}

fn check_cors(fail: &mut impl FnMut(String), case: &Case, response: &RawResponse) {
    let origin = case
        .headers
        .iter()
        .find(|(k, _)| *k == "Origin")
        .map(|(_, v)| *v);
    let allow = response.header("access-control-allow-origin");
    match origin {
        Some(ALLOWED_ORIGIN) => {
            if allow != Some(ALLOWED_ORIGIN) {
                fail(format!("Access-Control-Allow-Origin {allow:?}"));
            }
            if !response.header_all("vary").iter().any(|v| {
                v.split(',')
                    .any(|p| p.trim().eq_ignore_ascii_case("origin"))
            }) {
                fail("no Vary: Origin".into());
            }
            if case.method == "OPTIONS"
                && !response
                    .header("access-control-allow-methods")
                    .is_some_and(|m| m.contains("GET"))
            {
                fail("preflight does not allow GET".into());
            }
        }
        _ if allow.is_some() => fail(format!(
            "Access-Control-Allow-Origin {allow:?} for {origin:?}"
        )),
        _ => {}
    }
}
