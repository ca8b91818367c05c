//! Reading the `users` property: a plain object or a `Map` of user ID → name, or → `{ name,
//! avatarUrl }`. Anything unreadable is skipped, never an error: a host's typo costs one name.

use js_sys::{Array, Map, Object, Reflect};
use wasm_bindgen::{JsCast, JsValue};

use crate::model::people::{People, Person};

/// The people in `value`; none for `null`, `undefined` or anything that is no map.
pub fn people_from_js(value: &JsValue) -> People {
    let entries: Array = if let Some(map) = value.dyn_ref::<Map>() {
        js_sys::Array::from(&map.entries().into())
    } else if value.is_object() {
        Object::entries(value.unchecked_ref())
    } else {
        Array::new()
    };
    People::from_pairs(entries.iter().filter_map(|entry| {
        let key = Reflect::get_u32(&entry, 0).ok()?;
        let person = Reflect::get_u32(&entry, 1).ok()?;
        Some((user_id(&key)?, person_from(&person)?))
    }))
}

/// A user ID from an object key (always a string) or a `Map` key (a number or a string).
fn user_id(key: &JsValue) -> Option<u64> {
    if let Some(number) = key.as_f64() {
        let whole = number >= 0.0 && number.fract() == 0.0 && number <= 9_007_199_254_740_991.0;
        return whole.then_some(number as u64);
    }
    let text = key.as_string()?;
    let text = text.trim();
    (!text.is_empty() && text.bytes().all(|b| b.is_ascii_digit()))
        .then(|| text.parse().ok())
        .flatten()
}

/// A name, or `{ name, avatarUrl }`.
fn person_from(value: &JsValue) -> Option<Person> {
    if let Some(name) = value.as_string() {
        return Some(Person {
            name,
            avatar_url: None,
        });
    }
    if !value.is_object() {
        return None;
    }
    let name = Reflect::get(value, &"name".into()).ok()?.as_string()?;
    let avatar_url = Reflect::get(value, &"avatarUrl".into())
        .ok()
        .and_then(|url| url.as_string())
        .map(|url| url.trim().to_owned())
        .filter(|url| is_image_url(url));
    Some(Person { name, avatar_url })
}

/// Only `https:`, `http:`, `data:image/` or a relative URL may be an avatar's `src`: never a
/// `javascript:` URL (an `<img>` would not run it, but nothing else has any business there).
fn is_image_url(url: &str) -> bool {
    let lower = url.to_ascii_lowercase();
    !url.is_empty()
        && (lower.starts_with("https://")
            || lower.starts_with("http://")
            || lower.starts_with("data:image/")
            || lower.starts_with('/')
            || lower.starts_with("./")
            || !lower.contains(':'))
}
