//! Reading response bodies: a 2xx body into a page of tasks, an error body into its message.
//!
//! Two implementations of the same contract. In the browser the body goes through the engine's
//! own `JSON.parse` and a hand-written reader ([`super::decode_js`]), which keeps serde_json's
//! parser and serde's visitors out of the wasm; natively (tests, tools) serde_json does the
//! same job. `tests/browser/decode.rs` covers the first, the tests below the second, on the
//! same inputs.

use super::ApiError;
use task_history_protocol::wire::TaskPage;

/// Decodes a 2xx List Tasks body. Anything that is not the envelope — HTML, truncated JSON, a
/// missing `data` — is [`ApiError::Malformed`], never a panic.
#[cfg(not(target_arch = "wasm32"))]
pub fn decode_page(status: u16, body: &str) -> Result<TaskPage, ApiError> {
    serde_json::from_str::<task_history_protocol::wire::Envelope>(body)
        .map(|envelope| envelope.data)
        .map_err(|_| ApiError::Malformed { status })
}

/// The `message` of an `{"message": "..."}` error body; `None` for any other body (an HTML
/// error page, say).
#[cfg(not(target_arch = "wasm32"))]
pub fn error_message(body: &str) -> Option<String> {
    serde_json::from_str::<task_history_protocol::wire::ErrorBody>(body)
        .ok()
        .map(|parsed| parsed.message)
}

/// Decodes a 2xx List Tasks body. Anything that is not the envelope — HTML, truncated JSON, a
/// missing `data` — is [`ApiError::Malformed`], never a panic.
#[cfg(target_arch = "wasm32")]
pub fn decode_page(status: u16, body: &str) -> Result<TaskPage, ApiError> {
    super::decode_js::task_page(body).map_err(|_| ApiError::Malformed { status })
}

/// The `message` of an `{"message": "..."}` error body; `None` for any other body (an HTML
/// error page, say).
#[cfg(target_arch = "wasm32")]
pub fn error_message(body: &str) -> Option<String> {
    let value = js_sys::JSON::parse(body).ok()?;
    if !value.is_object() {
        return None;
    }
    js_sys::Reflect::get(&value, &"message".into())
        .ok()?
        .as_string()
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

    #[test]
    fn anything_but_an_envelope_is_malformed() {
        let cases = [
            "",
            "<html>oops</html>",
            r#"{"data": {"rows": [ {"id": 1"#,
            r#"{"message":"success"}"#,
            r#"{"data": null}"#,
            "[]",
        ];
        for body in cases {
            assert_eq!(
                decode_page(200, body),
                Err(ApiError::Malformed { status: 200 }),
                "body {body:?}"
            );
        }
    }

    #[test]
    fn error_message_is_read_only_from_a_message_body() {
        let cases = [
            (r#"{"message":"Lead not found"}"#, Some("Lead not found")),
            (r#"{"message":"x","status":false}"#, Some("x")),
            (r#"{"message":42}"#, None),
            ("<html><body>502 Bad Gateway</body></html>", None),
            ("\"just a string\"", None),
            ("", None),
        ];
        for (body, expected) in cases {
            assert_eq!(error_message(body).as_deref(), expected, "{body:?}");
        }
    }
}
