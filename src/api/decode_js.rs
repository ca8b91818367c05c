//! The browser's reading of a 2xx List Tasks body: the engine's own `JSON.parse`, then the
//! fields of [`task_history_protocol::wire`] read one by one with `Reflect`.
//!
//! Hand-written rather than derived (serde-wasm-bindgen) because the derived visitors, and the
//! error formatting serde brings with them (which pulls in float printing), were about a
//! tenth of the wasm. The rules are those of the serde derive on the same types, which the
//! native decoder uses: a value must be an object to have fields, unknown fields are ignored,
//! a missing (`undefined`) field takes its `#[serde(default)]` or is an error, `null` or
//! missing is `None` for an `Option`, integers are non-negative safe integers, strings are
//! strings and booleans booleans. `tests/browser/decode.rs` runs the native decoder's table
//! against this one.

use std::cell::RefCell;

use js_sys::{Array, JSON, Number, Reflect};
use wasm_bindgen::{JsCast, JsValue};

use task_history_protocol::wire::{TaskPage, TaskRow};

/// The body was not a List Tasks envelope. Which field failed is of no use to the reader.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Malformed;

type Read<T> = Result<T, Malformed>;

/// `data` of a List Tasks envelope in `body`.
pub fn task_page(body: &str) -> Read<TaskPage> {
    let envelope = object(JSON::parse(body).map_err(|_| Malformed)?)?;
    // Never shown, but a `message` that is not a string makes the envelope malformed, as
    // the derived decoder has it.
    if let Some(message) = present(&envelope, "message")? {
        string(message)?;
    }
    let data = object(required(&envelope, "data")?)?;
    let rows = required(&data, "rows")?
        .dyn_into::<Array>()
        .map_err(|_| Malformed)?;
    Ok(TaskPage {
        rows: rows.iter().map(task_row).collect::<Read<_>>()?,
        total_pages: count(required(&data, "total_pages")?)?,
        current_page: count(required(&data, "current_page")?)?,
        page_size: count(required(&data, "page_size")?)?,
        total_items: count(required(&data, "total_items")?)?,
    })
}

fn task_row(value: JsValue) -> Read<TaskRow> {
    let row = object(value)?;
    Ok(TaskRow {
        id: count(required(&row, "id")?)?,
        org_id: optional(&row, "org_id", count)?,
        customer_id: count(required(&row, "customer_id")?)?,
        title: optional(&row, "title", string)?,
        task_type: string(required(&row, "type")?)?,
        due_date: optional(&row, "due_date", string)?,
        notify_at: optional(&row, "notify_at", string)?,
        notify: present(&row, "notify")?
            .map(|value| value.as_bool().ok_or(Malformed))
            .transpose()?
            .unwrap_or_default(),
        task_status: string(required(&row, "task_status")?)?,
        status: optional(&row, "status", string)?,
        assignee_user_id: optional(&row, "assignee_user_id", count)?,
        created_by: optional(&row, "created_by", count)?,
        updated_by: optional(&row, "updated_by", count)?,
        created_at: string(required(&row, "created_at")?)?,
        updated_at: optional(&row, "updated_at", string)?,
    })
}

/// `value` when it can have fields (any JS object, arrays included).
fn object(value: JsValue) -> Read<JsValue> {
    if value.is_object() {
        Ok(value)
    } else {
        Err(Malformed)
    }
}

thread_local! {
    /// Field names as JS strings, each made once: a page reads every row field twenty times,
    /// and making a JS string from Rust means decoding it on the JS side.
    static FIELD_NAMES: RefCell<Vec<(&'static str, JsValue)>> = const { RefCell::new(Vec::new()) };
}

/// Runs `read` with the JS string for `name`.
fn with_field_name<T>(name: &'static str, read: impl FnOnce(&JsValue) -> T) -> T {
    FIELD_NAMES.with(|names| {
        let mut names = names.borrow_mut();
        let index = match names.iter().position(|(known, _)| *known == name) {
            Some(index) => index,
            None => {
                names.push((name, JsValue::from_str(name)));
                names.len() - 1
            }
        };
        read(&names[index].1)
    })
}

/// The field, `None` when it is `undefined` (missing).
fn present(object: &JsValue, key: &'static str) -> Read<Option<JsValue>> {
    let value = with_field_name(key, |key| Reflect::get(object, key)).map_err(|_| Malformed)?;
    Ok((!value.is_undefined()).then_some(value))
}

fn required(object: &JsValue, key: &'static str) -> Read<JsValue> {
    present(object, key)?.ok_or(Malformed)
}

/// An `Option` field: `None` when missing or `null`, else read by `read`.
fn optional<T>(
    object: &JsValue,
    key: &'static str,
    read: fn(JsValue) -> Read<T>,
) -> Read<Option<T>> {
    match present(object, key)? {
        Some(value) if !value.is_null() => read(value).map(Some),
        _ => Ok(None),
    }
}

fn string(value: JsValue) -> Read<String> {
    value.as_string().ok_or(Malformed)
}

/// A `u64` field: a non-negative safe integer (JSON has no bigger exact integers).
fn count(value: JsValue) -> Read<u64> {
    match value.as_f64() {
        Some(number) if Number::is_safe_integer(&value) && number >= 0.0 => Ok(number as u64),
        _ => Err(Malformed),
    }
}
