//! Unicode case mapping for labels built from free upstream strings.
//!
//! Natively Rust's own; in the browser the engine's `toLowerCase`/`toUpperCase`, which apply
//! the same Unicode default case mapping (final sigma, `ß` → `SS` and all), so the wasm carries
//! no case tables of its own (about 23 KB of them).

/// `text` in lower case.
#[cfg(not(target_arch = "wasm32"))]
pub fn lower(text: &str) -> String {
    text.to_lowercase()
}

/// `text` in upper case.
#[cfg(not(target_arch = "wasm32"))]
pub fn upper(text: &str) -> String {
    text.to_uppercase()
}

/// `text` in lower case.
#[cfg(target_arch = "wasm32")]
pub fn lower(text: &str) -> String {
    String::from(js_sys::JsString::from(text).to_lower_case())
}

/// `text` in upper case.
#[cfg(target_arch = "wasm32")]
pub fn upper(text: &str) -> String {
    String::from(js_sys::JsString::from(text).to_upper_case())
}
