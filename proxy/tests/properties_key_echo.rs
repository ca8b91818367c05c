//! Property tests of the key-echo refusal (`key_echo::KeyEcho`): it never panics; on a generated
//! object spelled with any escapes its verdict is the reference's (serde_json decodes the body;
//! the key is echoed when the raw bytes or any decoded string, member names included, hold it);
//! the key put into any string of an object, spelled with any mix of `\uXXXX` and `\/`, is
//! refused; one character short of the key, it is not; bodies that are not objects are
//! `Malformed`.
#![allow(clippy::unwrap_used)]

mod json_support;
#[path = "../../protocol/tests/support/mod.rs"]
mod support;

use json_support::{any_string_holds, damage, damaged, object, spellings, value, write};
use proptest::prelude::*;
use serde_json::{Map, Value};
use support::check;
use task_history_proxy::key_echo::{JsonVerdict, KeyEcho};

/// Keys as the proxy accepts them (`Secret`: visible ASCII, no spaces), and realistic ones.
fn key() -> impl Strategy<Value = String> {
    prop_oneof![
        2 => "sk_(live|test)_[A-Za-z0-9/+=]{8,24}",
        1 => "[!-~]{1,16}",
        1 => "[a/\\\\\"u]{1,4}",
    ]
}

/// The reference verdict for a body that serde_json reads as `decoded`.
fn reference(body: &str, decoded: &Value, key: &str) -> JsonVerdict {
    if body.contains(key) || any_string_holds(decoded, key) {
        JsonVerdict::KeyEchoed
    } else {
        JsonVerdict::Clean
    }
}

/// `text` with `key` put in at its `at`th character boundary (counted modulo its length + 1).
fn put_into(text: &mut String, key: &str, at: usize) {
    let boundaries: Vec<usize> = text
        .char_indices()
        .map(|(i, _)| i)
        .chain([text.len()])
        .collect();
    text.insert_str(boundaries[at % boundaries.len()], key);
}

/// Puts `key` into the `slot`th string of `value` (member names and string values, in order);
/// false when it has fewer strings.
fn put_into_slot(value: &mut Value, slot: &mut usize, key: &str, at: usize) -> bool {
    match value {
        Value::String(s) => {
            if *slot == 0 {
                put_into(s, key, at);
                return true;
            }
            *slot -= 1;
            false
        }
        Value::Array(items) => items.iter_mut().any(|v| put_into_slot(v, slot, key, at)),
        Value::Object(members) => {
            let mut done = false;
            let mut rebuilt = Map::new();
            for (mut name, mut item) in std::mem::take(members) {
                if !done {
                    if *slot == 0 {
                        put_into(&mut name, key, at);
                        done = true;
                    } else {
                        *slot -= 1;
                        done = put_into_slot(&mut item, slot, key, at);
                    }
                }
                rebuilt.insert(name, item);
            }
            *members = rebuilt;
            done
        }
        _ => false,
    }
}

/// `object` with `key` in one of its strings, or in a new member when `slot` is past them all.
fn with_key(mut object: Value, key: &str, slot: usize, at: usize) -> Value {
    if !put_into_slot(&mut object, &mut slot.clone(), key, at) {
        let mut text = String::from("injected");
        put_into(&mut text, key, at);
        object
            .as_object_mut()
            .unwrap()
            .insert("k".into(), Value::String(text));
    }
    object
}

#[test]
fn the_key_echo_check_never_panics_on_any_bytes() {
    let bodies = prop_oneof![
        any::<Vec<u8>>(),
        (object(), spellings(), damage())
            .prop_map(|(v, s, d)| damaged(write(&v, &s).as_bytes(), &d)),
    ];
    check(
        "the_key_echo_check_never_panics_on_any_bytes",
        (key(), bodies),
        |(key, body)| {
            let echo = KeyEcho::new(key.as_bytes());
            let verdict = echo.check_json_object(&body);
            prop_assert_eq!(
                echo.in_raw(&body),
                memchr::memmem::find(&body, key.as_bytes()).is_some()
            );
            if echo.in_raw(&body) {
                prop_assert_ne!(verdict, JsonVerdict::Clean);
            }
            // Contents of any string, escapes well formed or not.
            let _ = echo.in_escaped(&body);
            Ok(())
        },
    );
}

#[test]
fn the_verdict_on_any_object_is_the_decoded_reference() {
    check(
        "the_verdict_on_any_object_is_the_decoded_reference",
        (object(), spellings(), key()),
        |(object, spelling, key)| {
            let body = write(&object, &spelling);
            let decoded: Value = serde_json::from_str(&body).unwrap();
            let verdict = KeyEcho::new(key.as_bytes()).check_json_object(body.as_bytes());
            prop_assert_eq!(verdict, reference(&body, &decoded, &key), "{}", body);
            Ok(())
        },
    );
}

#[test]
fn the_key_in_any_string_under_any_escaping_is_refused() {
    let cases = (object(), key(), any::<usize>(), any::<usize>(), spellings());
    check(
        "the_key_in_any_string_under_any_escaping_is_refused",
        cases,
        |(object, key, slot, at, spelling)| {
            let echoed = with_key(object, &key, slot % 64, at);
            let body = write(&echoed, &spelling);
            let verdict = KeyEcho::new(key.as_bytes()).check_json_object(body.as_bytes());
            prop_assert_eq!(verdict, JsonVerdict::KeyEchoed, "{}", body);
            Ok(())
        },
    );
}

#[test]
fn one_character_short_of_the_key_is_not_refused() {
    let cases = (
        object(),
        "sk_live_[A-Za-z0-9/+=]{8,24}",
        any::<usize>(),
        spellings(),
    );
    check(
        "one_character_short_of_the_key_is_not_refused",
        cases,
        |(object, key, slot, spelling)| {
            let short = &key[..key.len() - 1];
            let body = write(&with_key(object, short, slot % 64, 0), &spelling);
            let decoded: Value = serde_json::from_str(&body).unwrap();
            let verdict = KeyEcho::new(key.as_bytes()).check_json_object(body.as_bytes());
            prop_assert_eq!(verdict, reference(&body, &decoded, &key), "{}", body);
            Ok(())
        },
    );
}

#[test]
fn bodies_that_are_not_objects_are_malformed() {
    let not_object = prop_oneof![
        json_support::leaf(),
        prop::collection::vec(value(), 0..4).prop_map(Value::Array),
    ];
    check(
        "bodies_that_are_not_objects_are_malformed",
        (not_object, spellings(), key()),
        |(other, spelling, key)| {
            let body = write(&other, &spelling);
            // Even when its bytes hold the key: what is not an object is never passed on.
            let verdict = KeyEcho::new(key.as_bytes()).check_json_object(body.as_bytes());
            prop_assert_eq!(verdict, JsonVerdict::Malformed, "{}", body);
            Ok(())
        },
    );
}
