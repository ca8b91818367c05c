//! The browser's body decoder (`JSON.parse` and hand-written field reads) against the native
//! one (serde_json and the wire model's derive), on the same bodies: they must agree.

use task_history::api::ApiError;
use task_history::api::decode::decode_page;
use task_history_protocol::wire::{Envelope, TaskPage};
use wasm_bindgen_test::wasm_bindgen_test;

use super::support::{SEED_EXAMPLE, generated_page, page_body};

/// What the derive-based decoder makes of `body`.
fn native(body: &str) -> Result<TaskPage, ApiError> {
    serde_json::from_str::<Envelope>(body)
        .map(|envelope| envelope.data)
        .map_err(|_| ApiError::Malformed { status: 200 })
}

/// A one-row envelope whose row is `row`.
fn with_row(row: &str) -> String {
    format!(
        r#"{{"data":{{"rows":[{row}],"total_pages":1,"current_page":1,"page_size":20,"total_items":1}},"message":"success"}}"#
    )
}

const ROW: &str = r#"{"id":1,"customer_id":2,"title":"T","type":"CALL","due_date":null,"notify_at":null,"notify":true,"task_status":"PENDING","assignee_user_id":null,"created_at":"2026-01-01T00:00:00.000Z","updated_at":null}"#;

#[wasm_bindgen_test]
fn browser_and_native_decoders_agree_on_every_body() {
    let mut bodies: Vec<String> = [
        SEED_EXAMPLE,
        "",
        "<html>oops</html>",
        r#"{"data": {"rows": [ {"id": 1"#,
        r#"{"message":"success"}"#,
        r#"{"data": null}"#,
        r#"{"data": []}"#,
        "[]",
        "null",
        "42",
        r#""data""#,
        r#"{"data":{"rows":{},"total_pages":1,"current_page":1,"page_size":20,"total_items":0}}"#,
        r#"{"data":{"rows":"","total_pages":1,"current_page":1,"page_size":20,"total_items":0}}"#,
        r#"{"data":{"rows":[],"total_pages":1,"current_page":1,"page_size":20}}"#,
        r#"{"data":{"rows":[],"total_pages":-1,"current_page":1,"page_size":20,"total_items":0}}"#,
        r#"{"data":{"rows":[],"total_pages":1.5,"current_page":1,"page_size":20,"total_items":0}}"#,
        r#"{"data":{"rows":[],"total_pages":"1","current_page":1,"page_size":20,"total_items":0}}"#,
        r#"{"data":{"rows":[],"total_pages":null,"current_page":1,"page_size":20,"total_items":0}}"#,
        r#"{"data":{"rows":[],"total_pages":0,"current_page":1,"page_size":20,"total_items":0},"message":null}"#,
        r#"{"data":{"rows":[],"total_pages":0,"current_page":1,"page_size":20,"total_items":0},"message":7}"#,
        r#"{"data":{"rows":[],"total_pages":0,"current_page":1,"page_size":20,"total_items":0}}"#,
        r#"{"data":{"rows":[],"total_pages":9007199254740991,"current_page":1,"page_size":20,"total_items":0},"extra":{"x":[1]}}"#,
    ]
    .map(str::to_owned)
    .into();
    let rows = [
        ROW.to_owned(),
        // Unknown fields, every optional field present or null.
        ROW.replace(r#""id":1"#, r#""id":1,"org_id":9,"status":"ACTIVE","created_by":3,"updated_by":null,"brand_new":{"x":[1]}"#),
        // Optional fields missing altogether; `notify` defaults to false.
        r#"{"id":1,"customer_id":2,"type":"X","task_status":"DONE","created_at":"c"}"#.to_owned(),
        ROW.replace(r#""notify":true"#, r#""notify":null"#),
        ROW.replace(r#""notify":true"#, r#""notify":1"#),
        ROW.replace(r#""title":"T""#, r#""title":42"#),
        ROW.replace(r#""title":"T""#, r#""title":"<b>x</b> ✓ 电话""#),
        ROW.replace(r#""type":"CALL""#, r#""type":null"#),
        ROW.replace(r#""type":"CALL","#, ""),
        ROW.replace(r#""id":1"#, r#""id":"1""#),
        ROW.replace(r#""id":1"#, r#""id":-1"#),
        ROW.replace(r#""id":1"#, r#""id":true"#),
        ROW.replace(r#""assignee_user_id":null"#, r#""assignee_user_id":678"#),
        ROW.replace(r#""assignee_user_id":null"#, r#""assignee_user_id":"678""#),
        ROW.replace(r#""created_at":"2026-01-01T00:00:00.000Z""#, r#""created_at":null"#),
        ROW.replace(r#""due_date":null"#, r#""due_date":"2026-05-19T10:00:00Z""#),
        "[1, 2]".to_owned(),
        "null".to_owned(),
        r#""row""#.to_owned(),
    ];
    bodies.extend(rows.iter().map(|row| with_row(row)));
    bodies.push(page_body(&generated_page(3, 20, 75)));
    for body in &bodies {
        assert_eq!(decode_page(200, body), native(body), "{body}");
    }
}

/// Where JSON numbers and JavaScript numbers differ, the browser reads what `JSON.parse`
/// gives, as serde-wasm-bindgen did before it: `1.0` is the integer 1, and an integer past
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
