//! What the implementation under test answers for each upstream behaviour (a lead of the
//! recording upstream), as data, and the runner for it.

use super::checks::check_common;
use super::raw_http;
use super::recording_upstream::RecordingUpstream;
use std::net::SocketAddr;

/// One upstream behaviour and its answer. `nginx` marks the mappings nginx can express too.
pub struct UpstreamMapping {
    pub name: &'static str,
    pub lead: u64,
    pub status: u16,
    pub message: Option<&'static str>,
    pub nginx: bool,
}

#[rustfmt::skip]
pub fn upstream_mappings() -> Vec<UpstreamMapping> {
    let m = |name, lead, status, message, nginx| UpstreamMapping {
        name,
        lead,
        status,
        message,
        nginx,
    };
    const TIMEOUT: Option<&str> = Some("The task service did not answer in time");
    const UNREADABLE: Option<&str> = Some("The task service sent a response that could not be read");
    const TOO_LARGE: Option<&str> = Some("The task service response was too large");
    const REFUSED: Option<&str> = Some("The task service returned an invalid response");
    vec![
        m("upstream 404 JSON passes through", 4040, 404, Some("Lead not found"), true),
        m("upstream 400 JSON passes through", 4000, 400, Some("page_size cannot exceed 20"), true),
        m("upstream 401 becomes a generic 502", 4010, 502, Some("The task service rejected the proxy's credentials"), true),
        m("upstream 500 becomes 502 naming it", 5000, 502, Some("The task service failed (HTTP 500)"), true),
        m("upstream 502 with HTML becomes JSON 502", 5020, 502, Some("The task service failed (HTTP 502)"), true),
        m("upstream redirect is not followed", 3020, 502, Some("The task service failed (HTTP 302)"), true),
        m("upstream 429 stays 429", 4290, 429, None, true),
        m("upstream slower than the timeout becomes 504", 8000, 504, TIMEOUT, true),
        m("upstream non-JSON 200 becomes 502", 6000, 502, UNREADABLE, false),
        m("upstream truncated JSON becomes 502", 6010, 502, UNREADABLE, false),
        m("upstream body over the cap becomes 502", 7000, 502, TOO_LARGE, false),
        m("chunked upstream body over the cap becomes 502", 7010, 502, TOO_LARGE, false),
        m("upstream reset mid-body becomes 502", 7020, 502, Some("The task service response was cut off"), false),
        m("upstream body slower than the timeout becomes 504", 8010, 504, TIMEOUT, false),
        m("upstream echoing the key in an error is refused", 9000, 502, REFUSED, false),
        m("upstream echoing the key in a page is refused", 9010, 502, REFUSED, false),
    ]
}

/// Requests each selected upstream mapping's lead from `addr` (API under `/api`), printing one
/// line per mapping, and returns the failures.
pub async fn run_mappings(
    label: &str,
    addr: SocketAddr,
    upstream: &RecordingUpstream,
    select: impl Fn(&UpstreamMapping) -> bool,
) -> Vec<String> {
    let mut failures = Vec::new();
    for mapping in upstream_mappings().into_iter().filter(|m| select(m)) {
        upstream.clear();
        let target = format!("/api/enterprise/api/lead/{}/task", mapping.lead);
        let response = raw_http::request(addr, "GET", &target, &[]).await;
        let before = failures.len();
        if response.status != mapping.status {
            failures.push(format!(
                "{}: status {} (expected {}), body {}",
                mapping.name,
                response.status,
                mapping.status,
                String::from_utf8_lossy(&response.body)
            ));
        }
        if let Some(message) = mapping.message
            && response.message() != message
        {
            failures.push(format!(
                "{}: message {:?}",
                mapping.name,
                response.message()
            ));
        }
        // One call per request: a redirect was not followed, a failure was not retried.
        if upstream.count() != 1 {
            failures.push(format!(
                "{}: {} upstream calls",
                mapping.name,
                upstream.count()
            ));
        }
        failures.extend(check_common(mapping.name, &response, "GET"));
        let verdict = if failures.len() == before {
            "ok"
        } else {
            "FAILED"
        };
        println!("{label} upstream mapping: {} ... {verdict}", mapping.name);
    }
    failures
}
