//! The bodies both body decoders are tested on — serde_json natively (`tests/decoding.rs`),
//! `JSON.parse` and serde-wasm-bindgen in the browser (`tests/browser/decode.rs`) — each with
//! what must come of it. Included by both with `#[path]`, so the table is one.

/// What decoding a body must give.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Expect {
    /// A page with this many rows.
    Rows(usize),
    /// Not a List Tasks envelope.
    Malformed,
}

const SEED_EXAMPLE: &str = include_str!("../fixtures/seed_example.json");

/// A one-row envelope whose row is `row`.
pub fn with_row(row: &str) -> String {
    format!(
        r#"{{"data":{{"rows":[{row}],"total_pages":1,"current_page":1,"page_size":20,"total_items":1}},"message":"success"}}"#
    )
}

/// A row with every field the vendor's page lists.
pub const ROW: &str = r#"{"id":1,"customer_id":2,"title":"T","type":"CALL","due_date":null,"notify_at":null,"notify":true,"task_status":"PENDING","assignee_user_id":null,"created_at":"2026-01-01T00:00:00.000Z","updated_at":null}"#;

/// Every body, with what must come of it.
pub fn cases() -> Vec<(String, Expect)> {
    use Expect::{Malformed, Rows};
    let envelopes: [(&str, Expect); 22] = [
        (SEED_EXAMPLE, Rows(2)),
        ("", Malformed),
        ("<html>oops</html>", Malformed),
        (r#"{"data": {"rows": [ {"id": 1"#, Malformed),
        (r#"{"message":"success"}"#, Malformed),
        (r#"{"data": null}"#, Malformed),
        (r#"{"data": []}"#, Malformed),
        ("[]", Malformed),
        ("null", Malformed),
        ("42", Malformed),
        (r#""data""#, Malformed),
        (
            r#"{"data":{"rows":{},"total_pages":1,"current_page":1,"page_size":20,"total_items":0}}"#,
            Malformed,
        ),
        (
            r#"{"data":{"rows":"","total_pages":1,"current_page":1,"page_size":20,"total_items":0}}"#,
            Malformed,
        ),
        (
            r#"{"data":{"rows":[],"total_pages":1,"current_page":1,"page_size":20}}"#,
            Malformed,
        ),
        (
            r#"{"data":{"rows":[],"total_pages":-1,"current_page":1,"page_size":20,"total_items":0}}"#,
            Malformed,
        ),
        (
            r#"{"data":{"rows":[],"total_pages":1.5,"current_page":1,"page_size":20,"total_items":0}}"#,
            Malformed,
        ),
        (
            r#"{"data":{"rows":[],"total_pages":"1","current_page":1,"page_size":20,"total_items":0}}"#,
            Malformed,
        ),
        (
            r#"{"data":{"rows":[],"total_pages":null,"current_page":1,"page_size":20,"total_items":0}}"#,
            Malformed,
        ),
        (
            r#"{"data":{"rows":[],"total_pages":0,"current_page":1,"page_size":20,"total_items":0},"message":null}"#,
            Malformed,
        ),
        (
            r#"{"data":{"rows":[],"total_pages":0,"current_page":1,"page_size":20,"total_items":0},"message":7}"#,
            Malformed,
        ),
        (
            r#"{"data":{"rows":[],"total_pages":0,"current_page":1,"page_size":20,"total_items":0}}"#,
            Rows(0),
        ),
        (
            r#"{"data":{"rows":[],"total_pages":9007199254740991,"current_page":1,"page_size":20,"total_items":0},"extra":{"x":[1]}}"#,
            Rows(0),
        ),
    ];
    let rows: [(String, Expect); 19] = [
        (ROW.to_owned(), Rows(1)),
        // Unknown fields, every optional field present or null.
        (
            ROW.replace(
                r#""id":1"#,
                r#""id":1,"org_id":9,"status":"ACTIVE","created_by":3,"updated_by":null,"brand_new":{"x":[1]}"#,
            ),
            Rows(1),
        ),
        // Optional fields missing altogether; `notify` defaults to false.
        (
            r#"{"id":1,"customer_id":2,"type":"X","task_status":"DONE","created_at":"c"}"#.to_owned(),
            Rows(1),
        ),
        (ROW.replace(r#""notify":true"#, r#""notify":null"#), Malformed),
        (ROW.replace(r#""notify":true"#, r#""notify":1"#), Malformed),
        (ROW.replace(r#""title":"T""#, r#""title":42"#), Malformed),
        (
            ROW.replace(r#""title":"T""#, r#""title":"<b>x</b> ✓ 电话""#),
            Rows(1),
        ),
        (ROW.replace(r#""type":"CALL""#, r#""type":null"#), Malformed),
        (ROW.replace(r#""type":"CALL","#, ""), Malformed),
        (ROW.replace(r#""id":1"#, r#""id":"1""#), Malformed),
        (ROW.replace(r#""id":1"#, r#""id":-1"#), Malformed),
        (ROW.replace(r#""id":1"#, r#""id":true"#), Malformed),
        (
            ROW.replace(r#""assignee_user_id":null"#, r#""assignee_user_id":678"#),
            Rows(1),
        ),
        (
            ROW.replace(r#""assignee_user_id":null"#, r#""assignee_user_id":"678""#),
            Malformed,
        ),
        (
            ROW.replace(r#""created_at":"2026-01-01T00:00:00.000Z""#, r#""created_at":null"#),
            Malformed,
        ),
        (
            ROW.replace(r#""due_date":null"#, r#""due_date":"2026-05-19T10:00:00Z""#),
            Rows(1),
        ),
        ("[1, 2]".to_owned(), Malformed),
        ("null".to_owned(), Malformed),
        (r#""row""#.to_owned(), Malformed),
    ];
    envelopes
        .into_iter()
        .map(|(body, expect)| (body.to_owned(), expect))
        .chain(
            rows.into_iter()
                .map(|(row, expect)| (with_row(&row), expect)),
        )
        .collect()
}

/// Error bodies, with the message that must be read from each.
pub const ERROR_BODIES: [(&str, Option<&str>); 6] = [
    (r#"{"message":"Lead not found"}"#, Some("Lead not found")),
    (r#"{"message":"x","status":false}"#, Some("x")),
    (r#"{"message":42}"#, None),
    ("<html><body>502 Bad Gateway</body></html>", None),
    ("\"just a string\"", None),
    ("", None),
];
