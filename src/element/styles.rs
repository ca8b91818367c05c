//! The widget's CSS, adopted into each shadow root. One constructed stylesheet is shared by
//! every element on the page; nothing is written to the host page's `<head>`.

use std::cell::OnceCell;

use js_sys::{Array, Reflect};
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{CssStyleSheet, ShadowRoot};

/// `style/task-history.css`, minified by `build.rs` and compiled in so the element needs no
/// second request.
const CSS: &str = include_str!(concat!(env!("OUT_DIR"), "/task-history.css"));

thread_local! {
    static SHEET: OnceCell<Option<CssStyleSheet>> = const { OnceCell::new() };
}

/// Adopts the shared stylesheet into `root`, keeping sheets the page adopted there already.
/// Where constructable stylesheets are missing, falls back to a `<style>` inside the root.
pub fn adopt(root: &ShadowRoot) {
    let sheet = SHEET.with(|cell| cell.get_or_init(build_sheet).clone());
    let adopted = Reflect::get(root, &"adoptedStyleSheets".into())
        .ok()
        .filter(|value| !value.is_undefined());
    match (sheet, adopted) {
        (Some(sheet), Some(existing)) => {
            let sheets: Array = existing.dyn_into().unwrap_or_default();
            if !sheets.includes(&sheet, 0) {
                sheets.push(&sheet);
            }
            let _ = Reflect::set(root, &"adoptedStyleSheets".into(), &sheets);
        }
        _ => append_style_element(root),
    }
}

fn build_sheet() -> Option<CssStyleSheet> {
    let sheet = CssStyleSheet::new().ok()?;
    sheet.replace_sync(CSS).ok()?;
    Some(sheet)
}

fn append_style_element(root: &ShadowRoot) {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    if let Ok(style) = document.create_element("style") {
        style.set_text_content(Some(CSS));
        let _ = root.append_child(&style);
    }
}

/// Whether `root` has the widget's styles (used by tests).
pub fn is_adopted(root: &ShadowRoot) -> bool {
    let sheet = SHEET.with(|cell| cell.get().cloned().flatten());
    let adopted = Reflect::get(root, &"adoptedStyleSheets".into())
        .ok()
        .and_then(|value| value.dyn_into::<Array>().ok());
    match (sheet, adopted) {
        (Some(sheet), Some(sheets)) => sheets.includes(&JsValue::from(sheet), 0),
        _ => root.query_selector("style").ok().flatten().is_some(),
    }
}
