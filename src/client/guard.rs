//! Keeping a page's own `fetch` from reaching gloo-net with something it cannot take.
//!
//! gloo-net sends through the global `fetch` and trusts it: a rejection that is not an `Error`,
//! or a value that is not a `Response`, makes it panic, and a panic in the wasm stops every
//! element on the page. A host page may well have wrapped `window.fetch` (analytics, auth,
//! test doubles). So while gloo-net makes its call, the global `fetch` is a guard: it calls
//! the page's `fetch` once, and hands gloo-net only a real `Response` or an `Error`. The guard
//! puts the page's `fetch` back before it calls it, so the page never sees the guard in place
//! of its own function, and nothing else runs in between: gloo-net calls `fetch` synchronously,
//! in the first poll of its future.

use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};

use js_sys::{Function, Promise, Reflect};
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;

/// The `name` of the error the guard rejects with when `fetch` resolved with something other
/// than a `Response`.
pub const NOT_A_RESPONSE: &str = "TaskHistoryNotAResponse";

/// Polls `send` (a gloo-net send) with the guard in place of the global `fetch` for its first
/// poll, the one in which gloo-net calls `fetch`.
pub fn guarded<F: Future>(send: F) -> Guarded<F> {
    Guarded {
        send: Box::pin(send),
        first: true,
    }
}

/// See [`guarded`].
pub struct Guarded<F> {
    send: Pin<Box<F>>,
    first: bool,
}

impl<F> std::fmt::Debug for Guarded<F> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Guarded").finish_non_exhaustive()
    }
}

impl<F: Future> Future for Guarded<F> {
    type Output = F::Output;

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<F::Output> {
        let guard = std::mem::take(&mut self.first)
            .then(Guard::install)
            .flatten();
        let poll = self.send.as_mut().poll(cx);
        drop(guard);
        poll
    }
}

/// The guard while it stands in for the page's `fetch`.
struct Guard {
    global: JsValue,
    page_fetch: JsValue,
    guard: JsValue,
}

impl Guard {
    /// Puts the guard in place; `None` where the page's `fetch` cannot be replaced (a frozen
    /// global), and gloo-net then calls it as it is.
    fn install() -> Option<Self> {
        let global: JsValue = js_sys::global().into();
        let page_fetch = Reflect::get(&global, &"fetch".into()).ok()?;
        let callee = page_fetch.clone();
        let this = global.clone();
        let guard = Closure::once_into_js(move |request: JsValue| -> JsValue {
            // One call only: the page's `fetch` (and anything it calls) finds itself in place.
            let _ = Reflect::set(&this, &"fetch".into(), &callee);
            let answer = match callee.dyn_ref::<Function>() {
                Some(fetch) => fetch.call1(&this, &request),
                None => Err(js_sys::TypeError::new("fetch is not a function").into()),
            };
            let promise = match answer {
                Ok(value) => Promise::resolve(&value),
                Err(thrown) => Promise::reject(&thrown),
            };
            CHECKS.with(|(on_value, on_error)| {
                promise
                    .unchecked_ref::<Settling>()
                    .then(on_value, on_error)
                    .into()
            })
        });
        let replaced = Reflect::set(&global, &"fetch".into(), &guard).unwrap_or(false);
        replaced.then_some(Self {
            global,
            page_fetch,
            guard,
        })
    }
}

impl Drop for Guard {
    /// Where gloo-net did not call `fetch` after all, the page's own goes back. Where it did,
    /// the guard already put it back, and the page may have replaced it since: left alone.
    fn drop(&mut self) {
        let current = Reflect::get(&self.global, &"fetch".into()).unwrap_or(JsValue::UNDEFINED);
        if current == self.guard {
            let _ = Reflect::set(&self.global, &"fetch".into(), &self.page_fetch);
        }
    }
}

#[wasm_bindgen]
extern "C" {
    /// A promise, seen only for `then` with two plain functions.
    type Settling;

    #[wasm_bindgen(method)]
    fn then(this: &Settling, on_value: &Function, on_error: &Function) -> Promise;
}

thread_local! {
    /// What a settled `fetch` passes through before gloo-net sees it. Made once: they hold no
    /// state, so every request shares them.
    static CHECKS: (Function, Function) = (
        Closure::<dyn Fn(JsValue) -> Result<JsValue, JsValue>>::new(only_a_response)
            .into_js_value()
            .unchecked_into(),
        Closure::<dyn Fn(JsValue) -> Result<JsValue, JsValue>>::new(only_an_error)
            .into_js_value()
            .unchecked_into(),
    );
}

/// A real `Response` passes; anything else becomes an [`NOT_A_RESPONSE`] error. Reading
/// `bodyUsed` through the `Response` getter is what tells a real one from an object that merely
/// inherits `Response.prototype` (gloo-net would call `text()` on it, which throws).
fn only_a_response(value: JsValue) -> Result<JsValue, JsValue> {
    let real = value.is_instance_of::<web_sys::Response>()
        && Reflect::get(&value, &"bodyUsed".into()).is_ok();
    if real {
        return Ok(value);
    }
    let error = js_sys::Error::new("fetch resolved with something other than a Response");
    error.set_name(NOT_A_RESPONSE);
    Err(error.into())
}

/// An `Error` passes; anything else a page's `fetch` rejected with becomes a `TypeError`, as a
/// failed `fetch` would reject.
fn only_an_error(reason: JsValue) -> Result<JsValue, JsValue> {
    if reason.is_instance_of::<js_sys::Error>() {
        return Err(reason);
    }
    Err(js_sys::TypeError::new("fetch rejected with something other than an Error").into())
}
