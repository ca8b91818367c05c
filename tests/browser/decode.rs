//! The browser's body decoder (`JSON.parse`, then serde-wasm-bindgen into the wire model's
//! derive) on the table of bodies the native decoder runs too, and against the native decoder
//! itself (serde_json), run here on the same bodies: they must agree.

#[path = "../decoding/cases.rs"]
mod cases;

use cases::{ERROR_BODIES, Expect, ROW, cases, with_row};
use task_history::api::ApiError;
use task_history::api::decode::{decode_page, error_message};
use task_history_protocol::wire::{Envelope, TaskPage};
use wasm_bindgen_test::wasm_bindgen_test;

use super::support::{generated_page, page_body};

/// What the derive-based decoder makes of `body` through serde_json.
fn native(body: &str) -> Result<TaskPage, ApiError> {
    serde_json::from_str::<Envelope>(body)
        .map(|envelope| envelope.data)
        .map_err(|_| ApiError::Malformed { status: 200 })
}

#[wasm_bindgen_test]
fn browser_and_native_decoders_agree_on_every_body() {
    let mut bodies: Vec<(String, Expect)> = cases();
    bodies.push((page_body(&generated_page(3, 20, 75)), Expect::Rows(20)));
    for (body, expect) in &bodies {
        let decoded = decode_page(200, body);
        assert_eq!(decoded, native(body), "{body}");
        let got = match decoded {
            Ok(page) => Expect::Rows(page.rows.len()),
            Err(_) => Expect::Malformed,
        };
        assert_eq!(got, *expect, "{body}");
    }
}

#[wasm_bindgen_test]
fn error_messages_are_read_as_the_table_says() {
    for (body, expected) in ERROR_BODIES {
        assert_eq!(error_message(body).as_deref(), expected, "{body:?}");
    }
}

/// Where JSON numbers and JavaScript numbers differ, the browser reads what `JSON.parse`
/// gives, as serde-wasm-bindgen reads it: `1.0` is the integer 1, and an integer past
/// 2^53 is not exact, so not accepted.
#[wasm_bindgen_test]
fn numbers_are_read_as_javascript_numbers() {
    let whole = with_row(&ROW.replace(r#""id":1"#, r#""id":1.0"#));
    assert_eq!(decode_page(200, &whole).map(|page| page.rows[0].id), Ok(1));
    let huge = with_row(&ROW.replace(r#""id":1"#, r#""id":12345678901234567890"#));
    assert_eq!(
        decode_page(200, &huge),
        Err(ApiError::Malformed { status: 200 })
    );
}
