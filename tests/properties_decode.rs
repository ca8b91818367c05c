//! Property tests of the native body decoder (serde_json and the wire model's derive): any body
//! is read without a panic, and any page the wire model can hold, encoded in its envelope,
//! decodes back to itself.
#![cfg(not(target_arch = "wasm32"))]

#[path = "../protocol/tests/support/mod.rs"]
mod support;

use proptest::prelude::*;
use serde_json::{Value, json};
use support::check;
use task_history::api::ApiError;
use task_history::api::decode::{decode_page, error_message};
use task_history_protocol::wire::{Envelope, ErrorBody, TaskPage, TaskRow};

/// Text as the wire carries it: anything (short, to keep the cases quick), what JSON must
/// escape, or something that looks like a status or a date.
fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        "\\PC{0,12}",
        "[\\x00-\\x1f\"\\\\/\u{7f}\u{2028}\u{fffd}\u{10ffff}a]{0,6}",
        "[A-Z_]{1,16}",
        "20[0-9]{2}-[01][0-9]-[0-3][0-9]T[0-2][0-9]:[0-5][0-9]:[0-5][0-9]\\.[0-9]{3}Z",
    ]
}

fn row() -> impl Strategy<Value = TaskRow> {
    let ids = (any::<u64>(), any::<Option<u64>>(), any::<u64>());
    let words = (
        prop::option::of(text()),
        text(),
        text(),
        prop::option::of(text()),
    );
    let dates = (prop::option::of(text()), prop::option::of(text()), text());
    let people = (
        any::<Option<u64>>(),
        any::<Option<u64>>(),
        any::<Option<u64>>(),
    );
    (
        ids,
        words,
        dates,
        people,
        any::<bool>(),
        prop::option::of(text()),
    )
        .prop_map(|(ids, words, dates, people, notify, updated_at)| {
            let (id, org_id, customer_id) = ids;
            let (title, task_type, task_status, status) = words;
            let (due_date, notify_at, created_at) = dates;
            let (assignee_user_id, created_by, updated_by) = people;
            TaskRow {
                id,
                org_id,
                customer_id,
                title,
                task_type,
                due_date,
                notify_at,
                notify,
                task_status,
                status,
                assignee_user_id,
                created_by,
                updated_by,
                created_at,
                updated_at,
            }
        })
}

fn page() -> impl Strategy<Value = TaskPage> {
    let numbers = (any::<u64>(), any::<u64>(), any::<u64>(), any::<u64>());
    (prop::collection::vec(row(), 0..=4), numbers).prop_map(
        |(rows, (total_pages, current_page, page_size, total_items))| TaskPage {
            rows,
            total_pages,
            current_page,
            page_size,
            total_items,
        },
    )
}

/// Bodies to throw at the decoder: arbitrary text, and real envelopes cut short or with one
/// character replaced.
fn body() -> impl Strategy<Value = String> {
    let damaged = (page(), any::<prop::sample::Index>(), any::<Option<char>>()).prop_map(
        |(page, at, replacement)| {
            let envelope = Envelope {
                data: page,
                message: "success".to_owned(),
            };
            let mut chars: Vec<char> = serde_json::to_string(&envelope)
                .expect("encodes")
                .chars()
                .collect();
            let at = at.index(chars.len());
            match replacement {
                Some(c) => chars[at] = c,
                None => chars.truncate(at),
            }
            chars.into_iter().collect::<String>()
        },
    );
    prop_oneof![any::<String>(), "[\\[\\]{}\",:0-9a-z -]{0,40}", damaged,]
}

#[test]
fn decoding_any_body_never_panics_and_fails_only_as_malformed() {
    check(
        "decoding_any_body_never_panics_and_fails_only_as_malformed",
        (body(), any::<u16>()),
        |(body, status)| {
            if let Err(error) = decode_page(status, &body) {
                prop_assert_eq!(error, ApiError::Malformed { status });
            }
            let _ = error_message(&body);
            Ok(())
        },
    );
}

#[test]
fn any_page_in_its_envelope_decodes_back_to_itself() {
    check(
        "any_page_in_its_envelope_decodes_back_to_itself",
        (page(), any::<String>(), any::<bool>()),
        |(page, message, pretty)| {
            let envelope = Envelope {
                data: page.clone(),
                message,
            };
            let body = if pretty {
                serde_json::to_string_pretty(&envelope)
            } else {
                serde_json::to_string(&envelope)
            }
            .expect("encodes");
            prop_assert_eq!(decode_page(200, &body), Ok(page));
            Ok(())
        },
    );
}

#[test]
fn unknown_fields_anywhere_in_the_envelope_are_ignored() {
    let extra = (
        "[a-z_]{1,10}",
        prop_oneof![
            Just(Value::Null),
            any::<i64>().prop_map(Value::from),
            any::<String>().prop_map(Value::from),
            Just(json!({"nested": [1, {"x": null}]})),
        ],
    );
    check(
        "unknown_fields_anywhere_in_the_envelope_are_ignored",
        (page(), extra),
        |(page, (name, value))| {
            let mut body = serde_json::to_value(Envelope {
                data: page.clone(),
                message: "success".to_owned(),
            })
            .expect("encodes");
            // A name the wire model does not know, at the top, in `data` and in every row.
            let name = format!("x_{name}");
            body[&name] = value.clone();
            body["data"][&name] = value.clone();
            if let Some(rows) = body["data"]["rows"].as_array_mut() {
                for row in rows {
                    row[&name] = value.clone();
                }
            }
            prop_assert_eq!(decode_page(200, &body.to_string()), Ok(page));
            Ok(())
        },
    );
}

#[test]
fn any_error_message_is_read_back_from_its_body() {
    check(
        "any_error_message_is_read_back_from_its_body",
        (any::<String>(), any::<bool>()),
        |(message, status_field)| {
            let mut body = serde_json::to_value(ErrorBody {
                message: message.clone(),
            })
            .expect("encodes");
            if status_field {
                body["status"] = Value::Bool(false);
            }
            prop_assert_eq!(error_message(&body.to_string()), Some(message));
            Ok(())
        },
    );
}
