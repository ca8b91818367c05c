//! The native body decoder (serde_json and the wire model's derive) on the table of bodies the
//! browser's decoder runs too.
#![cfg(not(target_arch = "wasm32"))]

#[path = "decoding/cases.rs"]
mod cases;

use cases::{ERROR_BODIES, Expect, cases};
use task_history::api::ApiError;
use task_history::api::decode::{decode_page, error_message};

#[test]
fn every_body_decodes_as_the_table_says() {
    for (body, expect) in cases() {
        let got = match decode_page(200, &body) {
            Ok(page) => Expect::Rows(page.rows.len()),
            Err(error) => {
                assert_eq!(error, ApiError::Malformed { status: 200 }, "{body}");
                Expect::Malformed
            }
        };
        assert_eq!(got, expect, "{body}");
    }
}

#[test]
fn error_messages_are_read_as_the_table_says() {
    for (body, expected) in ERROR_BODIES {
        assert_eq!(error_message(body).as_deref(), expected, "{body:?}");
    }
}
