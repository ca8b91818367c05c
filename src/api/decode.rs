//! Reading response bodies: a 2xx body into a page of tasks, an error body into its message.
//!
//! One serde derive (the wire model's, which the mock and the proxy use too) read from two
//! sources: in the browser the engine's own `JSON.parse` makes the value and
//! serde-wasm-bindgen reads it; natively (tests, tools) serde_json does both. Both run the
//! table of bodies in `tests/decoding/cases.rs` (`tests/decoding.rs` natively,
//! `tests/browser/decode.rs` in Chromium).

use std::sync::Arc;

use super::ApiError;
use task_history_protocol::wire::{Envelope, ErrorBody, TaskPage};

/// A decoded page, with the body it was read from: events hand the host each row as the API
/// sent it, unknown fields and all.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fetched {
    /// The page.
    pub page: TaskPage,
    /// The response body.
    pub body: Arc<str>,
}

/// Decodes a 2xx List Tasks body. Anything that is not the envelope — HTML, truncated JSON, a
/// missing `data` — is [`ApiError::Malformed`], never a panic.
pub fn decode_page(status: u16, body: &str) -> Result<TaskPage, ApiError> {
    parse::<Envelope>(body)
        .map(|envelope| envelope.data)
        .ok_or(ApiError::Malformed { status })
}

/// The `message` of an `{"message": "..."}` error body; `None` for any other body (an HTML
/// error page, say).
pub fn error_message(body: &str) -> Option<String> {
    parse::<ErrorBody>(body).map(|parsed| parsed.message)
}

#[cfg(not(target_arch = "wasm32"))]
fn parse<T: serde::de::DeserializeOwned>(body: &str) -> Option<T> {
    serde_json::from_str(body).ok()
}

#[cfg(target_arch = "wasm32")]
fn parse<T: serde::de::DeserializeOwned>(body: &str) -> Option<T> {
    let value = js_sys::JSON::parse(body).ok()?;
    serde_wasm_bindgen::from_value(value).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    const SEED_EXAMPLE: &str = include_str!("../../tests/fixtures/seed_example.json");

    #[test]
    fn seed_body_decodes_to_its_page() {
        let page = decode_page(200, SEED_EXAMPLE).expect("seed decodes");
        assert_eq!(page.rows.len(), 2);
        assert_eq!(page.total_items, 2);
    }
}
