//! The scan against serde_json, on objects, non-objects and damaged pages.
use super::*;
use serde::de::IgnoredAny;

/// What the proxy checked before: serde_json accepts it, and it is an object.
fn serde_says_object(body: &[u8]) -> bool {
    serde_json::from_slice::<std::collections::HashMap<String, IgnoredAny>>(body).is_ok()
}

const PAGE: &str = r#"{"data":{"rows":[{"id":2000409960,"org_id":42,"title":"Share \"onboarding\" checklist \u00e9\n","type":null,"notify":false,"done":true,"score":-1.5e+3,"tags":[],"meta":{}}],"total_pages":500,"current_page":3},"message":"success"}"#;

#[test]
fn accepts_objects() {
    for body in [
        "{}",
        " \r\n\t{ } \n",
        r#"{"a":1}"#,
        r#"{ "a" : [ 1 , 2.5 , -0 , 0e0 , 1E+9 , 3e-2 , true , false , null , "x" , { } , [ ] ] }"#,
        r#"{"":""}"#,
        r#"{"esc":"\"\\\/\b\f\n\r\t\u0000\uD83D\ude00"}"#,
        r#"{"utf8":"é — 😀 עברית"}"#,
        PAGE,
    ] {
        assert!(is_json_object(body.as_bytes()), "{body}");
        assert!(serde_says_object(body.as_bytes()), "{body}");
    }
}

#[test]
fn refuses_everything_else() {
    for body in [
        "",
        " ",
        "[]",
        "[{}]",
        "\"{}\"",
        "1",
        "null",
        "<html>{}</html>",
        "{",
        "}",
        "{}}",
        "{}{}",
        "{} x",
        "\u{feff}{}",
        r#"{"a"}"#,
        r#"{"a":}"#,
        r#"{"a":1,}"#,
        r#"{,"a":1}"#,
        r#"{"a":1 "b":2}"#,
        r#"{a:1}"#,
        r#"{'a':1}"#,
        r#"{1:1}"#,
        r#"{"a":[1,]}"#,
        r#"{"a":[,1]}"#,
        r#"{"a":[1 2]}"#,
        r#"{"a":[}"#,
        r#"{"a":{]}"#,
        r#"{"a":01}"#,
        r#"{"a":1.}"#,
        r#"{"a":.5}"#,
        r#"{"a":+1}"#,
        r#"{"a":-}"#,
        r#"{"a":1e}"#,
        r#"{"a":1e+}"#,
        r#"{"a":0x10}"#,
        r#"{"a":NaN}"#,
        r#"{"a":Infinity}"#,
        r#"{"a":tru}"#,
        r#"{"a":True}"#,
        r#"{"a":nul}"#,
        r#"{"a":"\x"}"#,
        r#"{"a":"\u12"}"#,
        r#"{"a":"\u12G4"}"#,
        "{\"a\":\"tab\there\"}",
        "{\"a\":\"line\nbreak\"}",
        r#"{"a":"unterminated}"#,
        "{\"a\":1}\u{0}",
        "{\u{a0}}",
    ] {
        assert!(!is_json_object(body.as_bytes()), "{body:?}");
    }
}

#[test]
fn refuses_invalid_utf8_even_where_serde_json_skipped_it() {
    let body = b"{\"a\":\"\xff\xfe\"}";
    assert!(!is_json_object(body));
    assert!(!is_json_object(b"{\"\xc3\":1}"));
}

#[test]
fn nesting_is_bounded() {
    let nested = |n: usize| format!("{}{}", "{\"a\":".repeat(n), "1".to_owned() + &"}".repeat(n));
    assert!(is_json_object(nested(MAX_DEPTH as usize).as_bytes()));
    assert!(!is_json_object(nested(MAX_DEPTH as usize + 1).as_bytes()));
    let arrays = format!("{{\"a\":{}{}}}", "[".repeat(127), "]".repeat(127));
    assert!(is_json_object(arrays.as_bytes()));
    let arrays = format!("{{\"a\":{}{}}}", "[".repeat(128), "]".repeat(128));
    assert!(!is_json_object(arrays.as_bytes()));
}

/// Every prefix and every single-byte change of a real page: the scan agrees with
/// serde_json wherever the body is valid UTF-8.
#[test]
fn agrees_with_serde_json_on_damaged_pages() {
    let page = PAGE.as_bytes();
    let mut checked = 0;
    let mut check = |body: &[u8]| {
        if std::str::from_utf8(body).is_ok() {
            assert_eq!(
                is_json_object(body),
                serde_says_object(body),
                "{}",
                String::from_utf8_lossy(body)
            );
            checked += 1;
        }
    };
    for end in 0..=page.len() {
        check(&page[..end]);
    }
    let replacements = b"{}[]\",:\\/ 0-1.eE+atfnu\x00\x1fA";
    for at in 0..page.len() {
        for &byte in replacements {
            let mut body = page.to_vec();
            body[at] = byte;
            check(&body);
            body.remove(at);
            check(&body);
        }
    }
    assert!(checked > 10_000, "{checked}");
}
