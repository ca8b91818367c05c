//! Reading the `strings` property: plain objects of message id → text (or plural forms), at the
//! top level for every language, under a language tag for that one. What cannot be used is
//! named in one console warning and left out, so the built-in text shows instead.

use js_sys::{Array, Object};
use wasm_bindgen::{JsCast, JsValue};

use crate::i18n::overrides::{Overrides, Raw};

/// How deep `strings` is read: language → message → plural forms.
const MAX_DEPTH: u8 = 3;

/// The host's wording in `value`; none for `null`, `undefined` or anything that is no object.
pub fn overrides_from_js(value: &JsValue) -> Overrides {
    let (overrides, refused) = Overrides::from_raw(&raw(value, MAX_DEPTH));
    if !refused.is_empty() {
        let mut warning =
            String::from("<task-history>: strings left out, the built-in text shows instead: ");
        for (i, refusal) in refused.iter().enumerate() {
            if i > 0 {
                warning.push_str("; ");
            }
            warning.push_str(&refusal.to_string());
        }
        web_sys::console::warn_1(&warning.into());
    }
    overrides
}

fn raw(value: &JsValue, depth: u8) -> Raw {
    if let Some(text) = value.as_string() {
        return Raw::Str(text);
    }
    if depth == 0 || !value.is_object() || Array::is_array(value) || value.is_function() {
        return Raw::Other;
    }
    let entries = Object::entries(value.unchecked_ref());
    Raw::Map(
        entries
            .iter()
            .filter_map(|entry| {
                let pair: Array = entry.dyn_into().ok()?;
                Some((pair.get(0).as_string()?, raw(&pair.get(1), depth - 1)))
            })
            .collect(),
    )
}
