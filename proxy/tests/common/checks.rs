//! Checks that hold for every API response of any implementation.

use super::TEST_KEY;
use super::raw_http::RawResponse;

/// Checks that hold for every response of an API implementation.
pub fn check_common(label: &str, response: &RawResponse, method: &str) -> Vec<String> {
    let mut failures = Vec::new();
    let mut fail = |what: String| failures.push(format!("{label}: {what}"));
    if memchr_find(&response.raw, TEST_KEY.as_bytes()) {
        fail("the API key appears in the response".into());
    }
    if response.header("cache-control") != Some("no-store") {
        fail(format!(
            "Cache-Control is {:?}",
            response.header("cache-control")
        ));
    }
    if response.header("x-content-type-options") != Some("nosniff") {
        fail(format!(
            "X-Content-Type-Options is {:?}",
            response.header("x-content-type-options")
        ));
    }
    let content_types = response.header_all("content-type");
    if content_types.len() > 1 {
        fail(format!("{} Content-Type headers", content_types.len()));
    }
    let has_body = method != "HEAD" && response.status != 204;
    if has_body {
        let content_type = response.header("content-type").unwrap_or("");
        if !content_type.starts_with("application/json") {
            fail(format!("Content-Type is {content_type:?}"));
        } else if serde_json::from_slice::<serde_json::Value>(&response.body).is_err() {
            fail(format!(
                "body is not JSON: {}",
                String::from_utf8_lossy(&response.body)
            ));
        }
    }
    failures
}

fn memchr_find(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}
