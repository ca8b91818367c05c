//! `Intl.DateTimeFormat`, `Intl.RelativeTimeFormat`, `Intl.NumberFormat` and `Intl.PluralRules`, bound with `catch` on every call: an
//! unknown locale or time zone makes the constructors throw `RangeError`, which must become an
//! `Err` here rather than an exception through Rust frames.

use wasm_bindgen::prelude::*;

#[wasm_bindgen]
extern "C" {
    /// An `Intl.DateTimeFormat`.
    #[wasm_bindgen(js_namespace = Intl, js_name = DateTimeFormat)]
    #[derive(Debug, Clone)]
    pub type DateTimeFormat;

    /// `new Intl.DateTimeFormat(locales, options)`.
    #[wasm_bindgen(catch, constructor, js_namespace = Intl, js_class = DateTimeFormat)]
    pub fn new(locales: &JsValue, options: &JsValue) -> Result<DateTimeFormat, JsValue>;

    /// `format(epochMs)`.
    #[wasm_bindgen(catch, method)]
    pub fn format(this: &DateTimeFormat, epoch_ms: f64) -> Result<String, JsValue>;

    /// An `Intl.RelativeTimeFormat`.
    #[wasm_bindgen(js_namespace = Intl, js_name = RelativeTimeFormat)]
    #[derive(Debug, Clone)]
    pub type RelativeTimeFormat;

    /// `new Intl.RelativeTimeFormat(locales, options)`.
    #[wasm_bindgen(catch, constructor, js_namespace = Intl, js_class = RelativeTimeFormat)]
    pub fn new(locales: &JsValue, options: &JsValue) -> Result<RelativeTimeFormat, JsValue>;

    /// `format(value, unit)`.
    #[wasm_bindgen(catch, method, js_name = format)]
    pub fn format(this: &RelativeTimeFormat, value: f64, unit: &str) -> Result<String, JsValue>;

    /// An `Intl.NumberFormat`.
    #[wasm_bindgen(js_namespace = Intl, js_name = NumberFormat)]
    #[derive(Debug, Clone)]
    pub type NumberFormat;

    /// `new Intl.NumberFormat(locales)`.
    #[wasm_bindgen(catch, constructor, js_namespace = Intl, js_class = NumberFormat)]
    pub fn new(locales: &JsValue) -> Result<NumberFormat, JsValue>;

    /// `new Intl.NumberFormat(locales, options)`.
    #[wasm_bindgen(catch, constructor, js_namespace = Intl, js_class = NumberFormat)]
    pub fn with_options(locales: &JsValue, options: &JsValue) -> Result<NumberFormat, JsValue>;

    /// `format(value)`.
    #[wasm_bindgen(catch, method, js_name = format)]
    pub fn format(this: &NumberFormat, value: f64) -> Result<String, JsValue>;

    /// An `Intl.PluralRules`.
    #[wasm_bindgen(js_namespace = Intl, js_name = PluralRules)]
    #[derive(Debug, Clone)]
    pub type PluralRules;

    /// `new Intl.PluralRules(locales)`.
    #[wasm_bindgen(catch, constructor, js_namespace = Intl, js_class = PluralRules)]
    pub fn new(locales: &JsValue) -> Result<PluralRules, JsValue>;

    /// `select(value)`: the plural category, e.g. `one` or `few`.
    #[wasm_bindgen(catch, method)]
    pub fn select(this: &PluralRules, value: f64) -> Result<String, JsValue>;
}
