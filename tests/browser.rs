//! Browser tests of the `<task-history>` widget: wasm-bindgen-test in headless Chromium, with
//! `fetch` stubbed so every response, delay and failure is under the test's control.
//! Run with `make test-widget-browser`.
#![cfg(target_arch = "wasm32")]

mod browser {
    pub mod caching;
    pub mod decode;
    pub mod element;
    pub mod errors;
    pub mod host_integration;
    pub mod hostile_fetch;
    pub mod lifecycle;
    pub mod paging;
    pub mod rendering;
    pub mod support;
}

wasm_bindgen_test::wasm_bindgen_test_configure!(run_in_browser);
