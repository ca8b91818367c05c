//! Test helpers shared by the proxy and nginx suites: a recording upstream, a raw HTTP client
//! (so paths reach the server byte for byte), and the security cases both must pass.
#![allow(dead_code, clippy::unwrap_used)]

pub mod checks;
pub mod mock_cases;
pub mod raw_http;
pub mod recording_upstream;
pub mod security_cases;
pub mod upstream_mappings;

/// The API key the recording upstream accepts. Distinctive, so a grep for it cannot miss.
pub const TEST_KEY: &str = "sk_test_9f8e7d6c5b4a-NEVER-LEAK";

/// The first value of a header, by case-insensitive name.
pub fn find_header<'a>(headers: &'a [(String, String)], name: &str) -> Option<&'a str> {
    headers
        .iter()
        .find(|(k, _)| k.eq_ignore_ascii_case(name))
        .map(|(_, v)| v.as_str())
}
