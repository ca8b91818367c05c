//! A host page's own `fetch` may be anything: a wrapper that throws, rejects with a string,
//! resolves with something that is not a `Response`. The element reports each as a failure
//! and never traps, and the page's `fetch` stays the page's.

use js_sys::{Object, Promise, Reflect};
use wasm_bindgen::prelude::*;
use wasm_bindgen_test::wasm_bindgen_test;
use web_sys::{Request, Response};

use super::support::{Fixture, SEED_EXAMPLE, field, settle};

const LEAD: &[(&str, &str)] = &[("lead-id", "12345"), ("proxy-base", "/api")];
const UNREACHABLE: &str = "Could not reach the task service. Check your connection and try again.";
const UNREADABLE: &str =
    "The task service sent an answer that could not be read. Please try again.";

/// Replaces `window.fetch` with `answer` while alive.
struct PageFetch {
    original: JsValue,
    installed: JsValue,
    _closure: Closure<dyn FnMut(Request) -> Result<JsValue, JsValue>>,
}

impl PageFetch {
    fn install(answer: impl FnMut(Request) -> Result<JsValue, JsValue> + 'static) -> Self {
        let closure = Closure::<dyn FnMut(Request) -> Result<JsValue, JsValue>>::new(answer);
        let window = web_sys::window().expect("window");
        let original = Reflect::get(&window, &"fetch".into()).expect("fetch");
        let installed: JsValue = closure.as_ref().clone();
        Reflect::set(&window, &"fetch".into(), &installed).expect("replace fetch");
        Self {
            original,
            installed,
            _closure: closure,
        }
    }

    /// Whether `window.fetch` is still this one.
    fn in_place(&self) -> bool {
        let window = web_sys::window().expect("window");
        Reflect::get(&window, &"fetch".into()).expect("fetch") == self.installed
    }
}

impl Drop for PageFetch {
    fn drop(&mut self) {
        if let Some(window) = web_sys::window() {
            let _ = Reflect::set(&window, &"fetch".into(), &self.original);
        }
    }
}

/// Mounts the element against `fetch` and returns its error message and event status.
async fn failure_with(fetch: &PageFetch) -> (String, Option<f64>) {
    let fixture = Fixture::mount(LEAD);
    settle().await;
    settle().await;
    assert!(fetch.in_place(), "the page's fetch is back in place");
    let errors = fixture.details("task-history-error");
    let status = errors.first().and_then(|e| field(e, "status").as_f64());
    (fixture.text("error-message"), status)
}

#[wasm_bindgen_test]
async fn a_fetch_that_throws_reads_as_unreachable() {
    let fetch = PageFetch::install(|_| Err(js_sys::Error::new("wrapper broke").into()));
    assert_eq!(failure_with(&fetch).await, (UNREACHABLE.into(), Some(0.0)));
}

#[wasm_bindgen_test]
async fn a_fetch_that_throws_a_string_reads_as_unreachable() {
    let fetch = PageFetch::install(|_| Err("not an Error".into()));
    assert_eq!(failure_with(&fetch).await, (UNREACHABLE.into(), Some(0.0)));
}

#[wasm_bindgen_test]
async fn a_fetch_that_rejects_with_a_string_reads_as_unreachable() {
    let fetch = PageFetch::install(|_| Ok(Promise::reject(&"offline?".into()).into()));
    assert_eq!(failure_with(&fetch).await, (UNREACHABLE.into(), Some(0.0)));
}

#[wasm_bindgen_test]
async fn a_fetch_that_resolves_with_something_else_reads_as_unreadable() {
    let fetch = PageFetch::install(|_| Ok(Promise::resolve(&Object::new()).into()));
    assert_eq!(failure_with(&fetch).await, (UNREADABLE.into(), Some(0.0)));
    drop(fetch);
    let fetch = PageFetch::install(|_| Ok(JsValue::from_f64(42.0)));
    assert_eq!(failure_with(&fetch).await, (UNREADABLE.into(), Some(0.0)));
}

#[wasm_bindgen_test]
async fn a_fetch_that_resolves_with_a_counterfeit_response_reads_as_unreadable() {
    // Inherits Response.prototype, so `instanceof Response` holds, but is no Response.
    let fetch = PageFetch::install(|_| {
        let class = Reflect::get(&js_sys::global(), &"Response".into())?;
        let prototype = Reflect::get(&class, &"prototype".into())?;
        let fake: Object = Object::create(prototype.unchecked_ref::<Object>());
        Ok(Promise::resolve(&fake).into())
    });
    assert_eq!(failure_with(&fetch).await, (UNREADABLE.into(), Some(0.0)));
}

#[wasm_bindgen_test]
async fn a_fetch_that_answers_without_a_promise_still_loads() {
    let fetch = PageFetch::install(|_| Ok(Response::new_with_opt_str(Some(SEED_EXAMPLE))?.into()));
    let fixture = Fixture::mount(LEAD);
    settle().await;
    settle().await;
    assert!(fetch.in_place());
    assert_eq!(fixture.all("task-card").len(), 2);
    assert!(fixture.details("task-history-error").is_empty());
}
