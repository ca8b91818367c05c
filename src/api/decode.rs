//! Turning a 2xx body into a page of tasks, or the right [`ApiError`].

use super::ApiError;
use crate::wire::{Envelope, TaskPage};

/// Decodes a 2xx List Tasks body. Anything that is not the envelope — HTML, truncated JSON, a
/// missing `data` — is [`ApiError::Malformed`], never a panic.
pub fn decode_page(status: u16, body: &str) -> Result<TaskPage, ApiError> {
    serde_json::from_str::<Envelope>(body)
        .map(|envelope| envelope.data)
        .map_err(|_| ApiError::Malformed { status })
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
}
